//! `mingsheng report` end to end: the shipped workspace at 2023-06 (snapshots),
//! exports read back, formula safety, byte-stable output and failures.

use assert_cmd::cargo::cargo_bin_cmd;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run(dir: &Path, args: &[&str]) -> std::process::Output {
    let mut cmd = cargo_bin_cmd!("mingsheng");
    cmd.arg("-C").arg(dir).args(args).env("NO_COLOR", "1");
    cmd.output().unwrap()
}

fn stdout(dir: &Path, args: &[&str]) -> String {
    let out = run(dir, args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A scratch workspace: the shipped plan and the given progress files.
fn scratch(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("seeds")).unwrap();
    std::fs::copy(
        root().join("seeds/2023.toml"),
        dir.path().join("seeds/2023.toml"),
    )
    .unwrap();
    for (path, text) in files {
        let p = dir.path().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    dir
}

#[test]
fn shipped_table_snapshot() {
    let out = stdout(&root(), &["report", "--month", "2023-06"]);
    assert!(out.contains("截至2023年6月底"));
    insta::assert_snapshot!("table_2023_06", out);
}

#[test]
fn shipped_notice_snapshot() {
    let out = stdout(
        &root(),
        &[
            "report",
            "--month",
            "2023-06",
            "--format",
            "md",
            "--date",
            "2023-07-05",
        ],
    );
    assert!(out.starts_with("# "));
    assert!(out.contains("全县31项工作事项中"));
    insta::assert_snapshot!("notice_2023_06", out);
}

#[test]
fn shipped_json_snapshot_and_shape() {
    let out = stdout(
        &root(),
        &["report", "--month", "2023-06", "--format", "json"],
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["month"], "2023-06");
    assert_eq!(v["plan"]["version"], "2023");
    let by = v["summary"]["by_status"].as_object().unwrap();
    let total: u64 = by.values().map(|n| n.as_u64().unwrap()).sum();
    assert_eq!(total, 31);
    assert_eq!(by.len(), 7);
    let items = v["items"].as_array().unwrap();
    assert_eq!(items.len(), 31);
    for it in items {
        for k in ["id", "status", "completion", "indicators"] {
            assert!(it.get(k).is_some(), "{k}");
        }
        for ind in it["indicators"].as_array().unwrap() {
            for k in [
                "id",
                "value",
                "value_month",
                "completion",
                "expected",
                "status",
            ] {
                assert!(ind.get(k).is_some(), "{k}");
            }
        }
    }
    // 1.1 jobs: recomputed from the June file by hand: value / 3200 against 6/12.
    let jobs = &items[0]["indicators"][0];
    let value = jobs["value"].as_f64().unwrap();
    assert!((jobs["completion"].as_f64().unwrap() - value / 3200.0).abs() < 1e-12);
    assert_eq!(jobs["expected"].as_f64().unwrap(), 0.5);
    assert_eq!(v["inputs"]["sha256"].as_str().unwrap().len(), 64);
    insta::assert_json_snapshot!("json_2023_06", v);
}

#[test]
fn english_labels() {
    let out = stdout(&root(), &["--lang", "en", "report", "--month", "2023-06"]);
    assert!(out.contains("as of the end of 2023-06"));
    assert!(out.contains("on track"));
}

#[test]
fn exports_are_byte_stable_and_atomic() {
    let dir = tempfile::tempdir().unwrap();
    for ext in ["csv", "json", "md", "html", "xlsx", "docx"] {
        let a = dir.path().join(format!("a.{ext}"));
        let b = dir.path().join(format!("b.{ext}"));
        for p in [&a, &b] {
            let out = run(
                &root(),
                &[
                    "report",
                    "--month",
                    "2023-06",
                    "--date",
                    "2023-07-05",
                    "-o",
                    p.to_str().unwrap(),
                ],
            );
            assert!(out.status.success(), "{ext}");
        }
        assert_eq!(
            std::fs::read(&a).unwrap(),
            std::fs::read(&b).unwrap(),
            "{ext}"
        );
    }
    // Only the outputs: no temporary file left behind.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 12);
    let html = std::fs::read_to_string(dir.path().join("a.html")).unwrap();
    assert!(html.contains("<svg") && html.contains("@page"));
    assert!(!html.contains("<link") && !html.contains("<script src"));
    // On a phone the annex rows become cards, each figure labelled by its column.
    assert!(html.contains("@media screen and (max-width: 640px)"));
    assert!(html.contains("td[data-label]::before"));
    assert!(html.contains("<td class=\"n\" data-label=\"序时进度\">50.0%</td>"));
    // The department's words under each lagging item.
    assert!(html.contains("<li><b>进展情况</b>：截至6月底，城区公共停车位累计完成52个"));
}

#[test]
fn missing_folder_is_exit_2() {
    let out = run(
        &root(),
        &[
            "report",
            "--month",
            "2023-06",
            "-o",
            "/nonexistent-dir/x.csv",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("不存在"));
    let out = run(
        &root(),
        &["report", "--month", "2023-06", "-o", "x.unknown"],
    );
    assert_eq!(out.status.code(), Some(2));
    let out = run(&root(), &["report", "--month", "2022-06"]);
    assert_eq!(out.status.code(), Some(2));
}

const RSJ: &str = "事项编号,指标,累计完成,状态,存在问题\n1.1,jobs,1480,推进中,=HYPERLINK(\"http://x\")\n1.2,training,,推进中,-3人未到岗\n";

#[test]
fn csv_neutralises_formulas_and_keeps_numbers() {
    let ws = scratch(&[("data/2023-06/县人社局.csv", RSJ)]);
    let out = ws.path().join("r.csv");
    let o = run(
        ws.path(),
        &["report", "--month", "2023-06", "-o", out.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.unwrap()).collect();
    let jobs = rows.iter().find(|r| &r[3] == "jobs").unwrap();
    assert_eq!(&jobs[10], "1480");
    assert_eq!(&jobs[12], "46.3");
    // The gap is a negative number, written as a number.
    assert_eq!(&jobs[14], "-3.8");
    assert_eq!(&jobs[19], "'=HYPERLINK(\"http://x\")");
    let training = rows.iter().find(|r| &r[3] == "training").unwrap();
    assert_eq!(&training[19], "'-3人未到岗");
    for r in &rows {
        for cell in r.iter() {
            assert!(
                !(cell.starts_with(['=', '+', '@'])
                    || (cell.starts_with('-') && cell.parse::<f64>().is_err())),
                "{cell}"
            );
        }
    }
    // GB18030 on request.
    let gbk = ws.path().join("g.csv");
    let o = run(
        ws.path(),
        &[
            "report",
            "--month",
            "2023-06",
            "--encoding",
            "gbk",
            "-o",
            gbk.to_str().unwrap(),
        ],
    );
    assert!(o.status.success());
    let raw = std::fs::read(&gbk).unwrap();
    let (t, _, bad) = encoding_rs::GB18030.decode(&raw);
    assert!(!bad && t.contains("城镇新增就业"));
}

#[test]
fn xlsx_has_numbers_as_numbers() {
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let ws = scratch(&[("data/2023-06/县人社局.csv", RSJ)]);
    let out = ws.path().join("r.xlsx");
    let o = run(
        ws.path(),
        &["report", "--month", "2023-06", "-o", out.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut wb: Xlsx<_> = open_workbook(&out).unwrap();
    assert_eq!(
        wb.sheet_names(),
        vec!["事项指标".to_string(), "单位".to_string()]
    );
    let sheet = wb.worksheet_range("事项指标").unwrap();
    // A title row (the notice's title, the cut-off, the plan version), then
    // the header with the department's words at the end.
    let title = sheet.get_value((0, 0)).unwrap().to_string();
    assert!(
        title.contains("月调度通报") && title.contains("截至2023年6月底") && title.contains("2023"),
        "{title}"
    );
    let head: Vec<String> = sheet
        .rows()
        .nth(1)
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(head[0], "序号");
    assert_eq!(head[18..], ["进展情况", "存在问题", "下步计划"]);
    let jobs = sheet
        .rows()
        .find(|r| r[3] == Data::String("jobs".into()))
        .unwrap()
        .to_vec();
    assert_eq!(jobs[7], Data::Float(3200.0));
    assert_eq!(jobs[10], Data::Float(1480.0));
    assert_eq!(jobs[12], Data::Float(1480.0 / 3200.0));
    assert_eq!(jobs[13], Data::Float(0.5));
    assert_eq!(jobs[14], Data::Float(-3.8));
    assert_eq!(jobs[19], Data::String("=HYPERLINK(\"http://x\")".into()));
    let units = wb.worksheet_range("单位").unwrap();
    let rsj = units
        .rows()
        .find(|r| r[0] == Data::String("rsj".into()))
        .unwrap()
        .to_vec();
    assert_eq!(rsj[2], Data::String("已报送".into()));
    assert!(matches!(rsj[3], Data::Float(_)));
}

/// The workbook's print layout and number formats, read from its XML.
#[test]
fn xlsx_prints_on_a4_landscape_one_page_wide() {
    use std::io::Read;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.xlsx");
    let o = run(
        &root(),
        &["report", "--month", "2023-06", "-o", out.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    let mut part = |name: &str| {
        let mut s = String::new();
        zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
        s
    };
    let sheet = part("xl/worksheets/sheet1.xml");
    assert!(sheet.contains("paperSize=\"9\""), "A4");
    assert!(sheet.contains("orientation=\"landscape\""));
    assert!(
        sheet.contains("<pageSetUpPr fitToPage=\"1\"/>") && sheet.contains("fitToHeight=\"0\"")
    );
    assert!(sheet.contains("<autoFilter ref=\"A2:U"));
    assert!(sheet.contains("ySplit=\"2\""), "title and header frozen");
    assert!(sheet.contains("<mergeCell ref=\"A1:U1\"/>"));
    let book = part("xl/workbook.xml");
    assert!(book.contains("_xlnm.Print_Titles\" localSheetId=\"0\">事项指标!$1:$2<"));
    let styles = part("xl/styles.xml");
    // 3,200 and 16.3, never "3,200."; completion as 54.0%.
    assert!(styles.contains("formatCode=\"#,##0.0##\""));
    assert!(!styles.contains("#,##0.##"));
    assert!(styles.contains("numFmtId=\"3\"") || styles.contains("formatCode=\"#,##0\""));
    assert!(styles.contains("formatCode=\"0.0%\""));
}

/// The parts of a .docx (a zip) as text.
fn docx_part(path: &Path, name: &str) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut s = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

#[test]
fn docx_is_laid_out_as_a_gongwen() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("通报.docx");
    let o = run(
        &root(),
        &[
            "report",
            "--month",
            "2023-06",
            "--date",
            "2023-07-05",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let doc = docx_part(&out, "word/document.xml");
    // The notice's sections, the same words as the Markdown notice.
    for s in [
        "双牌县打好重点民生保障仗月调度通报",
        "截至2023年6月底，全县31项工作事项中，已完成1项",
        "一、总体情况",
        "二、慢序时事项",
        "（一）规范中心城区停车场管理，新增城区公共停车位200个（县城管局）",
        "存在问题：部分停车场地块征地拆迁未完成",
        "进展情况：",
        "下步计划：",
        "三、上期通报事项跟踪",
        "四、未按时报送单位",
        "五、下步工作要求",
        "附件：1. 慢序时事项清单",
        "2. 工作事项进展情况表",
        // 落款
        "县人社局（专班办公室）",
        "2023年7月5日",
        "附件1",
        "附件2",
    ] {
        assert!(doc.contains(s), "{s}");
    }
    // The 公文 fonts, named exactly, East Asian included.
    for f in ["方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312"] {
        assert!(doc.contains(&format!("w:eastAsia=\"{f}\"")), "{f}");
    }
    // Run properties in schema order: the font before the size (Word is
    // reported to drop children out of sequence).
    for (i, _) in doc.match_indices("<w:rFonts") {
        let rpr = doc[..i].rfind("<w:rPr>").unwrap();
        assert!(!doc[rpr..i].contains("<w:sz"), "{}", &doc[rpr..i + 40]);
    }
    // 二号 title, 三号 body at a fixed line pitch.
    assert!(doc.contains("<w:sz w:val=\"44\" />"));
    assert!(doc.contains("<w:sz w:val=\"32\" />"));
    assert!(doc.contains("w:line=\"579\" w:lineRule=\"exact\""));
    // A4 portrait for the body, then the annexes on landscape pages, each
    // table repeating its header row.
    assert!(doc.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\" />"));
    assert!(doc.contains("<w:pgSz w:w=\"16838\" w:h=\"11906\" w:orient=\"landscape\" />"));
    assert!(doc.contains("w:top=\"2098\" w:right=\"1474\" w:bottom=\"1984\" w:left=\"1587\""));
    assert_eq!(doc.matches("<w:tblHeader />").count(), 2);
    assert!(doc.find("w:orient=\"landscape\"").unwrap() > doc.find("附件2").unwrap());
    assert!(doc.find("11906\" w:h=\"16838").unwrap() < doc.find("附件1").unwrap());
    // Page numbers 「— 1 —」 as a PAGE field, odd pages right, even pages left.
    for part in ["word/footer1.xml", "word/footer2.xml"] {
        let f = docx_part(&out, part);
        assert!(f.contains("<w:instrText>PAGE</w:instrText>"), "{part}");
        assert!(f.contains("— ") && f.contains(" —"), "{part}");
        assert!(f.contains("w:fldCharType=\"begin\""), "{part}");
    }
    assert!(docx_part(&out, "word/settings.xml").contains("evenAndOddHeaders"));
    // Fixed document properties: the notice's date, not the clock.
    let core = docx_part(&out, "docProps/core.xml");
    assert!(core.contains("2023-07-05T00:00:00Z"), "{core}");

    // The same inputs give the same bytes.
    let again = dir.path().join("again.docx");
    let o = run(
        &root(),
        &[
            "report",
            "--month",
            "2023-06",
            "--date",
            "2023-07-05",
            "--format",
            "docx",
            "-o",
            again.to_str().unwrap(),
        ],
    );
    assert!(o.status.success());
    assert_eq!(std::fs::read(&out).unwrap(), std::fs::read(&again).unwrap());

    // In English too.
    let en = dir.path().join("en.docx");
    let o = run(
        &root(),
        &[
            "--lang",
            "en",
            "report",
            "--month",
            "2023-06",
            "--date",
            "2023-07-05",
            "-o",
            en.to_str().unwrap(),
        ],
    );
    assert!(o.status.success());
    let doc = docx_part(&en, "word/document.xml");
    assert!(doc.contains("Annex 1") && doc.contains("2023-07-05"));
}

#[test]
fn docx_from_score_is_refused() {
    let out = run(
        &root(),
        &["score", "--quarter", "2023Q2", "--format", "docx"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("docx"));
}

#[test]
fn notice_date_from_flag_or_mingsheng_today() {
    let md_of = |month: &str, env: Option<&str>, date: Option<&str>| {
        let mut cmd = cargo_bin_cmd!("mingsheng");
        cmd.arg("-C")
            .arg(root())
            .args(["report", "--month", month, "--format", "md"])
            .env_remove("MINGSHENG_TODAY");
        if let Some(d) = date {
            cmd.args(["--date", d]);
        }
        if let Some(e) = env {
            cmd.env("MINGSHENG_TODAY", e);
        }
        let out = cmd.output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    // 2023-12 is open: its draft is dated today.
    let md = |env, date| md_of("2023-12", env, date);
    assert!(md(Some("2024-01-06"), None).contains("\n2024年1月6日\n"));
    assert!(md(Some("2024-01"), None).contains("\n2024年1月1日\n"));
    // The flag wins over the environment.
    assert!(md(Some("2024-01"), Some("2024-01-05")).contains("\n2024年1月5日\n"));
    // 2023-06 is closed (on 2023-07-06): its notice keeps that date.
    assert!(md_of("2023-06", Some("2024-01"), None).contains("\n2023年7月6日\n"));
    assert!(md_of("2023-06", None, Some("2023-07-08")).contains("\n2023年7月8日\n"));
    let out = run(
        &root(),
        &[
            "report",
            "--month",
            "2023-06",
            "--format",
            "md",
            "--date",
            "2023-13-01",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
}

/// 10.6 with one indicator behind (40 % against 50 %) and one ahead (70 %):
/// the mean (55 %) would read 超序时5个百分点; every output says 滞后 and names
/// the indicator that lags, with its own gap.
const SLJ: &str = "事项编号,指标,累计完成,状态,进展情况,存在问题,下步计划\n\
10.6,reservoir_storage,24000,推进中,完成24000方,资金到位慢,加快拨付\n\
10.6,small_source_storage,56000,推进中,完成56000方,,\n";

#[test]
fn words_never_contradict_the_numbers() {
    let ws = scratch(&[("data/2023-06/县水利局.csv", SLJ)]);
    let md = stdout(
        ws.path(),
        &["report", "--month", "2023-06", "--format", "md"],
    );
    let para = md
        .lines()
        .find(|l| l.contains("（县水利局）："))
        .unwrap_or_else(|| panic!("no item line in\n{md}"));
    assert!(
        para.contains("滞后，其中小型水库除险加固新增蓄水能力完成率40.0%，滞后10个百分点"),
        "{para}"
    );
    assert!(
        !para.contains("超序时") && !para.contains("农村小水源"),
        "{para}"
    );
    // The department's words are quoted under it.
    assert!(
        md.contains("   - 进展情况：完成24000方；完成56000方"),
        "{md}"
    );
    assert!(md.contains("   - 存在问题：资金到位慢"), "{md}");
    assert!(md.contains("   - 下步计划：加快拨付"), "{md}");
    // The annex and the JSON give the item the gap of the indicator that sets its status.
    let row = md
        .lines()
        .find(|l| l.starts_with("| 10.6 |"))
        .unwrap_or_else(|| panic!("no 10.6 row in\n{md}"));
    assert!(
        row.contains("| 55.0% | 50.0% | 滞后10个百分点 | 滞后 |"),
        "{row}"
    );
    let json: serde_json::Value = serde_json::from_str(&stdout(
        ws.path(),
        &["report", "--month", "2023-06", "--format", "json"],
    ))
    .unwrap();
    let item = json["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "10.6")
        .unwrap();
    assert_eq!(item["status"], "behind");
    assert_eq!(item["completion"], 0.55);
    assert_eq!(item["gap"], -0.1);
    let ind = &item["indicators"][0];
    assert_eq!(ind["progress"], "完成24000方");
    assert_eq!(ind["problems"], "资金到位慢");
    assert_eq!(ind["next_steps"], "加快拨付");
}

/// Display width of a line (CJK double), as a terminal shows it.
fn display_width(line: &str) -> usize {
    use unicode_width::UnicodeWidthStr;
    line.width()
}

#[test]
fn narrow_table_fits_80_and_100_columns() {
    let narrow = |cols: &str, extra: &[&str]| {
        let mut cmd = cargo_bin_cmd!("mingsheng");
        cmd.arg("-C")
            .arg(root())
            .args(["report", "--month", "2023-06"])
            .args(extra)
            .env("NO_COLOR", "1")
            .env("MINGSHENG_COLUMNS", cols);
        let out = cmd.output().unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    for cols in [80, 100] {
        let out = narrow(&cols.to_string(), &[]);
        for line in out.lines() {
            assert!(display_width(line) <= cols, "{cols}: {line}");
        }
        // Six columns; figures never cut; the inputs hash shortened.
        assert!(out.contains("┆ 完成率 ┆ 序时   ┆ 状态"), "{out}");
        assert!(!out.contains("累计完成") && !out.contains("差距"), "{out}");
        assert!(out.contains("“两癌”免费检查2800人"), "{out}");
        // Indicator rows only under lagging items: 10.6's lagging one, not 2.1's.
        assert!(out.contains("· 小型水库"), "{out}");
        assert!(
            !out.contains("“湘易办”用户数") && !out.contains("农村小水源"),
            "{out}"
        );
        // About two lines per item: 31 items and one indicator in at most 66
        // table lines (header and borders aside).
        let rows = out.lines().filter(|l| l.starts_with('│')).count() - 1;
        assert!(rows <= 2 * 32, "{cols}: {rows} lines\n{out}");
    }
    insta::assert_snapshot!("table_narrow_80", narrow("80", &[]));
    // English labels are longer: 「severely behind」 wraps in its cell.
    let en = narrow("80", &["--lang", "en"]);
    assert!(en.contains("┆ severely │"), "{en}");
    assert!(en.lines().all(|l| display_width(l) <= 80), "{en}");
    // --wide, or a width the full table fits in, gives the full table.
    let full = stdout(&root(), &["report", "--month", "2023-06"]);
    assert_eq!(narrow("80", &["--wide"]), full);
    assert_eq!(narrow("300", &[]), full);
    assert!(full.contains("累计完成"));
}
