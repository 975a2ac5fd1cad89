//! Workbooks as departments send them (docs/progress-files.md §2–3): each rule of reading an
//! .xlsx/.xls with a fixture the test writes itself, with rust_xlsxwriter
//! (as Excel saves) or by hand (what no writer produces on purpose: missing
//! cached values, error cells, bombs).

mod common;

use common::{expect_one, with_code, Workdir};
use rust_xlsxwriter::{Format, Formula, Workbook};
use serde_json::Value;
use std::io::Write;

const RSJ_XLSX: &str = "data/2023-01/县人社局.xlsx";
const HEAD: [&str; 4] = ["事项编号", "指标", "累计完成", "状态"];

/// A workbook with one sheet `进展`: the header in row `header_row` (0-based),
/// then `rows` written by `fill` (row index, worksheet).
fn book(fill: impl FnOnce(&mut rust_xlsxwriter::Worksheet)) -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("进展").unwrap();
    fill(ws);
    wb.save_to_buffer().unwrap()
}

fn header(ws: &mut rust_xlsxwriter::Worksheet, row: u32) {
    for (c, h) in HEAD.iter().enumerate() {
        ws.write_string(row, c as u16, *h).unwrap();
    }
}

/// `report --month 2023-01 --format json --allow-errors`.
fn report(w: &Workdir) -> Value {
    common::json_of(w.cmd().args([
        "report",
        "--month",
        "2023-01",
        "--format",
        "json",
        "--allow-errors",
    ]))
}

/// The indicator `id` of the report.
fn indicator<'a>(v: &'a Value, id: &str) -> &'a Value {
    v["items"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|it| it["indicators"].as_array().unwrap())
        .find(|k| k["id"] == id)
        .unwrap_or_else(|| panic!("no indicator {id}"))
}

#[test]
fn number_cells_are_numbers_and_the_file_checks_clean() {
    let w = Workdir::new();
    w.write(
        RSJ_XLSX,
        book(|ws| {
            header(ws, 0);
            ws.write_string(1, 0, "1.1").unwrap();
            ws.write_string(1, 1, "jobs").unwrap();
            ws.write_number(1, 2, 3200.0).unwrap();
            ws.write_string(2, 0, "1.2").unwrap();
            ws.write_string(2, 1, "training").unwrap();
            ws.write_string(2, 3, "推进中").unwrap();
        }),
    );
    let (v, code) = w.check_json(&[]);
    assert_eq!(with_code(&v, "bad-value").len(), 0, "{v:#}");
    assert_eq!(with_code(&v, "bad-workbook").len(), 0, "{v:#}");
    assert!(code == 0 || code == 1, "{v:#}");
    let r = report(&w);
    assert_eq!(indicator(&r, "jobs")["value"], 3200.0);
    assert_ne!(indicator(&r, "training")["status"], "not_reported");
}

#[test]
fn positions_name_the_sheet_and_the_cell() {
    let w = Workdir::new();
    w.write(
        RSJ_XLSX,
        book(|ws| {
            header(ws, 0);
            ws.write_string(1, 0, "1.1").unwrap();
            ws.write_string(1, 1, "jobs").unwrap();
            ws.write_string(1, 2, "约3000").unwrap();
        }),
    );
    let (v, _) = w.check_json(&[]);
    let d = expect_one(&v, "bad-value", RSJ_XLSX, Some(2), Some(3));
    assert_eq!(d["cell"], "进展!C2", "{d:#}");
    let out = w.cmd().arg("check").output().unwrap();
    let text = String::from_utf8_lossy(&out.stderr);
    assert!(
        text.contains("县人社局.xlsx:2:3（单元格 进展!C2）"),
        "{text}"
    );
}

#[test]
fn an_instructions_sheet_before_the_form_is_passed_over() {
    let w = Workdir::new();
    let mut wb = Workbook::new();
    let info = wb.add_worksheet();
    info.set_name("填报说明").unwrap();
    info.write_string(0, 0, "请在「进展」表中填写累计完成")
        .unwrap();
    let ws = wb.add_worksheet();
    ws.set_name("进展").unwrap();
    header(ws, 0);
    ws.write_string(1, 0, "1.1").unwrap();
    ws.write_string(1, 1, "jobs").unwrap();
    ws.write_number(1, 2, 1500.0).unwrap();
    w.write(RSJ_XLSX, wb.save_to_buffer().unwrap());
    assert_eq!(indicator(&report(&w), "jobs")["value"], 1500.0);
}

#[test]
fn a_merged_title_row_above_the_header_is_a_title() {
    let w = Workdir::new();
    w.write(
        RSJ_XLSX,
        book(|ws| {
            ws.merge_range(
                0,
                0,
                0,
                3,
                "县人社局2023年1月民生实事进展表",
                &Format::new(),
            )
            .unwrap();
            header(ws, 1);
            ws.write_string(2, 0, "1.1").unwrap();
            ws.write_string(2, 1, "jobs").unwrap();
            ws.write_string(2, 2, "abc").unwrap();
        }),
    );
    let (v, _) = w.check_json(&[]);
    // The header is row 2, so the data row is row 3.
    let d = expect_one(&v, "bad-value", RSJ_XLSX, Some(3), Some(3));
    assert_eq!(d["cell"], "进展!C3");
}

#[test]
fn a_percent_cell_is_read_as_the_percent_it_shows() {
    let w = Workdir::new();
    let pct = Format::new().set_num_format("0.0%");
    w.write(
        "data/2023-01/市生态环境局双牌分局.xlsx",
        book(|ws| {
            header(ws, 0);
            ws.write_string(1, 0, "17.1").unwrap();
            ws.write_string(1, 1, "air_quality").unwrap();
            ws.write_number_with_format(1, 2, 0.915, &pct).unwrap();
            ws.write_string(2, 0, "17.1").unwrap();
            ws.write_string(2, 1, "water_sections").unwrap();
            ws.write_number(2, 2, 100.0).unwrap();
        }),
    );
    let r = report(&w);
    assert_eq!(indicator(&r, "air_quality")["value"], 91.5);
    assert_eq!(indicator(&r, "water_sections")["value"], 100.0);
}

#[test]
fn a_formula_is_read_by_its_cached_value() {
    let w = Workdir::new();
    w.write(
        RSJ_XLSX,
        book(|ws| {
            header(ws, 0);
            ws.write_string(1, 0, "1.1").unwrap();
            ws.write_string(1, 1, "jobs").unwrap();
            ws.write_formula(1, 2, Formula::new("=1600*2").set_result("3200"))
                .unwrap();
        }),
    );
    assert_eq!(indicator(&report(&w), "jobs")["value"], 3200.0);
}

/// A minimal .xlsx written by hand: one sheet `进展` with the given rows of
/// `<c>` XML (the header is row 1).
fn raw_xlsx(cells: &str) -> Vec<u8> {
    let sheet = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>事项编号</t></is></c><c r="B1" t="inlineStr"><is><t>指标</t></is></c><c r="C1" t="inlineStr"><is><t>累计完成</t></is></c></row>
{cells}</sheetData></worksheet>"#
    );
    let parts: [(&str, String); 5] = [
        ("[Content_Types].xml", r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#.into()),
        ("_rels/.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.into()),
        ("xl/workbook.xml", r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="进展" sheetId="1" r:id="rId1"/></sheets></workbook>"#.into()),
        ("xl/_rels/workbook.xml.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#.into()),
        ("xl/worksheets/sheet1.xml", sheet),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    for (name, body) in parts {
        zip.start_file(name, opts).unwrap();
        zip.write_all(body.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

#[test]
fn the_hand_made_workbook_reads() {
    let w = Workdir::new();
    w.write(
        RSJ_XLSX,
        raw_xlsx(r#"<row r="2"><c r="A2" t="inlineStr"><is><t>1.1</t></is></c><c r="B2" t="inlineStr"><is><t>jobs</t></is></c><c r="C2"><v>2100</v></c></row>"#),
    );
    assert_eq!(indicator(&report(&w), "jobs")["value"], 2100.0);
}

#[test]
fn an_error_cell_is_a_bad_value_at_its_cell() {
    let w = Workdir::new();
    w.write(
        RSJ_XLSX,
        raw_xlsx(r#"<row r="2"><c r="A2" t="inlineStr"><is><t>1.1</t></is></c><c r="B2" t="inlineStr"><is><t>jobs</t></is></c><c r="C2" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>"#),
    );
    let (v, _) = w.check_json(&[]);
    let d = expect_one(&v, "bad-value", RSJ_XLSX, Some(2), Some(3));
    assert_eq!(d["cell"], "进展!C2");
    assert!(d["message"].as_str().unwrap().contains("#DIV/0!"), "{d:#}");
}

#[test]
fn formulas_never_calculated_ask_to_save_the_file_in_excel() {
    let w = Workdir::new();
    w.write(
        RSJ_XLSX,
        raw_xlsx(r#"<row r="2"><c r="A2" t="inlineStr"><is><t>1.1</t></is></c><c r="B2" t="inlineStr"><is><t>jobs</t></is></c><c r="C2"><f>1600*2</f></c></row>"#),
    );
    let (v, code) = w.check_json(&[]);
    assert_eq!(code, 1);
    let d = expect_one(&v, "uncached-formula", RSJ_XLSX, Some(2), Some(3));
    assert_eq!(d["cell"], "进展!C2");
    assert!(d["hint"].as_str().unwrap().contains("Excel/WPS"), "{d:#}");
    // The unit did file: its figures are refused, not missing.
    let r = common::json_of(w.cmd().args([
        "report",
        "--month",
        "2023-01",
        "--format",
        "json",
        "--allow-errors",
    ]));
    assert_eq!(indicator(&r, "jobs")["rejected"], true);
}

#[test]
fn wps_et_locked_and_corrupt_workbooks_say_to_save_as_xlsx() {
    let w = Workdir::new();
    w.write(
        "data/2023-01/县人社局.et",
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 wps",
    );
    // An encrypted .xlsx is a compound file, not a zip.
    w.write(
        "data/2023-01/县民政局.xlsx",
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 EncryptedPackage",
    );
    w.write("data/2023-01/县残联.xlsx", b"PK\x03\x04 not really a zip");
    w.write(
        "data/2023-01/县医保局.xls",
        b"this is not a workbook at all",
    );
    let (v, code) = w.check_json(&[]);
    assert_eq!(code, 1);
    let found = with_code(&v, "bad-workbook");
    assert_eq!(found.len(), 4, "{v:#}");
    for d in found {
        assert!(d["hint"].as_str().unwrap().contains(".xlsx"), "{d:#}");
    }
    let en = w.cmd().args(["--lang", "en", "check"]).output().unwrap();
    let text = String::from_utf8_lossy(&en.stderr);
    assert!(text.contains("password-protected"), "{text}");
    assert!(text.contains("WPS spreadsheet (.et)"), "{text}");
}

#[test]
fn a_csv_and_a_workbook_for_one_unit_are_a_duplicate() {
    let w = Workdir::new();
    w.write_csv(
        "data/2023-01/县人社局.csv",
        "事项编号,指标,累计完成\n1.1,jobs,100\n",
    );
    w.write(
        RSJ_XLSX,
        book(|ws| {
            header(ws, 0);
            ws.write_string(1, 0, "1.1").unwrap();
            ws.write_string(1, 1, "jobs").unwrap();
            ws.write_number(1, 2, 200.0).unwrap();
        }),
    );
    let (v, _) = w.check_json(&[]);
    expect_one(&v, "duplicate-file", RSJ_XLSX, None, None);
    assert_eq!(indicator(&report(&w), "jobs")["value"], 100.0);
}

#[test]
fn a_zip_that_unpacks_too_large_is_refused() {
    let w = Workdir::new();
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    zip.start_file("xl/worksheets/sheet1.xml", opts).unwrap();
    let zeros = vec![b' '; 1 << 20];
    for _ in 0..101 {
        zip.write_all(&zeros).unwrap();
    }
    w.write(RSJ_XLSX, zip.finish().unwrap().into_inner());
    let (v, code) = w.check_json(&[]);
    assert_eq!(code, 1);
    let d = expect_one(&v, "file-too-large", RSJ_XLSX, None, None);
    assert!(d["message"].as_str().unwrap().contains("100 MB"), "{d:#}");
}

/// The template's workbook for 县人社局 with cells filled as a clerk types
/// them in Excel: `(cell, xml inside <c>…</c>, type attribute)`.
fn fill(book: &[u8], cells: &[(&str, &str, &str)]) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(book)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).unwrap();
        let name = part.name().unwrap().to_string();
        let mut body = String::new();
        std::io::Read::read_to_string(&mut part, &mut body).unwrap();
        if name == "xl/worksheets/sheet1.xml" {
            for (cell, inner, t) in cells {
                let at = body.find(&format!("<c r=\"{cell}\" ")).unwrap();
                let end = at + body[at..].find("/>").unwrap();
                let attrs = &body[at + 2..end].to_string();
                let typed = if t.is_empty() {
                    String::new()
                } else {
                    format!(" t=\"{t}\"")
                };
                body.replace_range(at..end + 2, &format!("<c{attrs}{typed}>{inner}</c>"));
            }
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(body.as_bytes()).unwrap();
    }
    out.finish().unwrap().into_inner()
}

#[test]
fn a_filled_xlsx_template_checks_clean_and_reports_its_figures() {
    let w = Workdir::new();
    let out = w
        .cmd()
        .args(["template", "--month", "2023-01", "--format", "xlsx"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let blank = w.read(RSJ_XLSX);
    // The form: protected, a dropdown for 状态, number checks naming the unit.
    let text = {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&blank[..])).unwrap();
        let mut s = String::new();
        std::io::Read::read_to_string(
            &mut zip.by_name("xl/worksheets/sheet1.xml").unwrap(),
            &mut s,
        )
        .unwrap();
        s
    };
    assert!(text.contains("<sheetProtection sheet=\"1\""), "{text}");
    assert!(text.contains("type=\"list\""), "{text}");
    assert!(text.contains("\"未启动,推进中,已完成\""), "{text}");
    assert!(text.contains("operator=\"greaterThanOrEqual\""), "{text}");
    assert!(text.contains("单位：人"), "{text}");
    // Row 3 is 1.1 jobs (title row 1, header row 2); row 4 is 1.2 training.
    let filled = fill(
        &blank,
        &[
            ("G3", "<v>3200</v>", ""),
            ("H4", "<is><t>推进中</t></is>", "inlineStr"),
            ("I3", "<is><t>新增就业稳步推进</t></is>", "inlineStr"),
        ],
    );
    w.write(RSJ_XLSX, &filled);
    let (v, _) = w.check_json(&["--month", "2023-01"]);
    let mine: Vec<&Value> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["file"] == RSJ_XLSX)
        .collect();
    assert!(mine.is_empty(), "{mine:#?}");
    let r = report(&w);
    assert_eq!(indicator(&r, "jobs")["value"], 3200.0);
    assert_ne!(indicator(&r, "training")["status"], "not_reported");
    // A filled workbook is never replaced, --force included; a blank one is.
    let again = w
        .cmd()
        .args([
            "template",
            "--month",
            "2023-01",
            "--format",
            "xlsx",
            "--force",
            "--unit",
            "县人社局",
        ])
        .output()
        .unwrap();
    assert!(again.status.success());
    assert_eq!(w.read(RSJ_XLSX), filled);
    let mz = "data/2023-01/县民政局.xlsx";
    let before = w.read(mz);
    std::fs::remove_file(w.join(mz)).unwrap();
    w.cmd()
        .args([
            "template",
            "--month",
            "2023-01",
            "--format",
            "xlsx",
            "--unit",
            "县民政局",
        ])
        .assert()
        .success();
    // The same inputs give the same bytes.
    assert_eq!(w.read(mz), before);
}

#[test]
fn an_xls_workbook_is_read_and_its_percent_cells_are_not_guessed() {
    let w = Workdir::new();
    let fixtures = common::repo().join("tests/fixtures/workbooks");
    w.write(
        "data/2023-12/县人社局.xls",
        std::fs::read(fixtures.join("rsj-2023-12.xls")).unwrap(),
    );
    let sthj = "data/2023-12/市生态环境局双牌分局.xls";
    w.write(
        sthj,
        std::fs::read(fixtures.join("sthjfj-2023-12.xls")).unwrap(),
    );
    let (v, _) = w.check_json(&["--month", "2023-12"]);
    // An .xls keeps no number formats: 0.926 may be 92.6%, so it is not guessed.
    let amb: Vec<&Value> = with_code(&v, "ambiguous-percent")
        .into_iter()
        .filter(|d| d["file"] == sthj)
        .collect();
    assert_eq!(amb.len(), 2, "{v:#}");
    assert_eq!(amb[0]["cell"], "进展!C4");
    let r = common::json_of(w.cmd().args([
        "report",
        "--month",
        "2023-12",
        "--format",
        "json",
        "--allow-errors",
    ]));
    assert_eq!(indicator(&r, "jobs")["value"], 3200.0);
    assert_eq!(indicator(&r, "air_quality")["rejected"], true);
}

/// A staged milestone in the workbook form: one row per stage with its node,
/// 累计完成 locked; the statuses a clerk picks are read per stage.
#[test]
fn the_xlsx_template_lists_stages_and_reads_them_back() {
    use calamine::{Reader, Xlsx};
    let w = Workdir::new();
    w.cmd()
        .args([
            "template",
            "--month",
            "2023-01",
            "--format",
            "xlsx",
            "--unit",
            "县教育局",
        ])
        .assert()
        .success();
    let path = "data/2023-01/县教育局.xlsx";
    let blank = w.read(path);
    let mut xl = Xlsx::new(std::io::Cursor::new(blank.clone())).unwrap();
    let sheet = xl.worksheet_range("进展").unwrap();
    let row_of = |name: &str| {
        sheet
            .rows()
            .position(|r| r.get(1).map(|c| c.to_string()).as_deref() == Some(name))
            .unwrap_or_else(|| panic!("no row for stage {name}"))
    };
    let site = row_of("完成选址");
    let permit = row_of("取得施工许可");
    assert_eq!(sheet.get((site, 0)).unwrap().to_string(), "7.1");
    assert_eq!(sheet.get((site, 4)).unwrap().to_string(), "3月底前");
    assert_eq!(sheet.get((site, 3)).unwrap().to_string(), "阶段");
    // Rows are 0-based in the range, which starts at A1: Excel's row is +1.
    let filled = fill(
        &blank,
        &[
            (
                &format!("H{}", site + 1),
                "<is><t>已完成</t></is>",
                "inlineStr",
            ),
            (
                &format!("H{}", permit + 1),
                "<is><t>推进中</t></is>",
                "inlineStr",
            ),
        ],
    );
    w.write(path, &filled);
    let (v, _) = w.check_json(&["--month", "2023-01"]);
    let mine: Vec<&Value> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["file"] == path)
        .collect();
    assert!(mine.is_empty(), "{mine:#?}");
    let r = report(&w);
    let xu = v_indicator_of_item(&r, "7.1");
    let stages = xu["stages"].as_array().unwrap();
    assert_eq!(stages[0]["name"], "完成选址");
    assert_eq!(stages[0]["work_status"], "done");
    assert_eq!(stages[1]["work_status"], "in_progress");
    assert_eq!(stages[2]["work_status"], Value::Null);
    // One stage of four done.
    assert_eq!(xu["completion"], 0.25);
}

/// The first indicator of item `id` in the report.
fn v_indicator_of_item<'a>(v: &'a Value, id: &str) -> &'a Value {
    let it = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|it| it["id"] == id)
        .unwrap_or_else(|| panic!("no item {id}"));
    &it["indicators"][0]
}
