//! `mingsheng check` and `mingsheng template` over scratch workspaces: one case
//! per rule, asserting code, file and spreadsheet row.

mod common;

use common::{error_codes, expect_one, mingsheng, repo, with_code, Workdir};
use serde_json::Value;

const HEAD: &str = "事项编号,指标,累计完成,状态,进展情况,存在问题,下步计划\n";
const RSJ: &str = "data/2023-01/县人社局.csv";

fn gbk(text: &str) -> Vec<u8> {
    let (b, _, bad) = encoding_rs::GB18030.encode(text);
    assert!(!bad);
    b.into_owned()
}

/// A workspace where 县人社局 filed `body` under the standard header for 2023-01.
fn rsj(body: &str) -> Workdir {
    let w = Workdir::new();
    w.write_csv(RSJ, &format!("{HEAD}{body}"));
    w
}

/// The 上月累计 column of 县人社局's 2023-02 template: what was read for 2023-01.
fn read_back(w: &Workdir) -> Vec<(String, String)> {
    let out = w
        .cmd()
        .args([
            "template", "--month", "2023-02", "--unit", "rsj", "--force", "-o",
        ])
        .arg(w.join("forms"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = w.read("forms/县人社局.csv");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    text.lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (f[1].to_string(), f[5].to_string())
        })
        .collect()
}

#[test]
fn shipped_workspace_passes_and_lists_who_did_not_report() {
    let out = mingsheng(repo()).arg("check").output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("错误 0 个"), "{err}");
    assert!(
        err.contains("2023-05  已报送 19/20 个单位；未报送：县林业局"),
        "{err}"
    );
    let (v, code) = {
        let out = mingsheng(repo())
            .args(["check", "--format", "json"])
            .output()
            .unwrap();
        (
            serde_json::from_slice::<Value>(&out.stdout).unwrap(),
            out.status.code().unwrap(),
        )
    };
    assert_eq!(code, 0);
    assert_eq!(v["errors"], 0);
    // 2023-05 was closed without 县林业局 (--allow-missing): the record says
    // so, and nothing can be filed there any more, so it is no warning.
    assert_eq!(v["warnings"], 0, "{v:#}");
    assert_eq!(
        v["missing"],
        serde_json::json!([{"month": "2023-05", "unit": "县林业局", "unit_id": "lyj"}])
    );
    let strict = mingsheng(repo())
        .args(["check", "--strict"])
        .output()
        .unwrap();
    assert_eq!(strict.status.code(), Some(0));
}

/// Under --strict a warning fails the check: exit 1, and the verdict says
/// 不通过 (never 通过 beside exit 1).
#[test]
fn strict_verdict_matches_its_exit_status() {
    let w = rsj("1.1,jobs,3200,,,,\n合计,,3200,,,,\n");
    let out = w.cmd().args(["check", "--strict"]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("结果：不通过（--strict：有警告）"), "{err}");
    let out = w.cmd().args(["check"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("结果：通过"));
}

#[test]
fn json_shape() {
    let w = rsj("1.1,jobs,abc,,,,\n");
    let (v, code) = w.check_json(&[]);
    assert_eq!(code, 1);
    let obj = v.as_object().unwrap();
    let mut keys: Vec<&str> = obj.keys().map(|k| k.as_str()).collect();
    keys.sort();
    assert_eq!(
        keys,
        ["diagnostics", "errors", "missing", "omitted", "warnings"]
    );
    assert!(v["errors"].is_u64() && v["warnings"].is_u64());
    for d in v["diagnostics"].as_array().unwrap() {
        for k in ["severity", "code", "file", "line", "column", "message"] {
            assert!(d.get(k).is_some(), "{k} missing in {d}");
        }
        assert!(d["severity"] == "error" || d["severity"] == "warning");
    }
    let bad = expect_one(&v, "bad-value", RSJ, Some(2), Some(3));
    assert!(bad["message"].as_str().unwrap().contains("abc"));
    // The cell as Excel names it, beside line and column.
    assert_eq!(bad["cell"], "C2");
    let m = &v["missing"].as_array().unwrap()[0];
    assert_eq!(m["month"], "2023-01");
    assert!(m["unit"].is_string());
    // English messages with --lang en.
    let out = w
        .cmd()
        .args(["--lang", "en", "check", "--format", "json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let d = with_code(&v, "bad-value")[0];
    assert!(
        d["message"].as_str().unwrap().contains("cannot be read"),
        "{d}"
    );
}

#[test]
fn values_as_people_type_them() {
    let w = rsj(concat!(
        "1.1,jobs,\"３，２００人\",,,,\n",
        "1.2,training,60%,推进中,,,\n",
        "13.1,pension_injury_unemployment,　,in_progress,,,\n",
    ));
    let (v, code) = w.check_json(&[]);
    assert_eq!(error_codes(&v), Vec::<String>::new(), "{v:#}");
    assert_eq!(code, 0);
    let got = read_back(&w);
    assert_eq!(got[0], ("jobs".into(), "3200".into()));
    assert_eq!(got[1], ("training".into(), "60".into()));
    assert_eq!(
        got[2],
        ("pension_injury_unemployment".into(), "推进中".into())
    );
}

#[test]
fn wan_and_thousands() {
    let w = Workdir::new();
    w.write_csv(
        "data/2023-01/县政务服务中心.csv",
        &format!("{HEAD}2.1,users,0.8万户,,,,\n2.1,one_net_items,\"1,0\",,,,\n2.1,e_licenses,\"3,000\",,,,\n"),
    );
    let (v, _) = w.check_json(&[]);
    let f = "data/2023-01/县政务服务中心.csv";
    expect_one(&v, "bad-value", f, Some(3), Some(3));
    // 3,000 reads as 3000: far above the target of 35.
    expect_one(&v, "implausible-value", f, Some(4), Some(3));
    assert_eq!(error_codes(&v), ["bad-value"]);
    // Each language puts the figures in its own order.
    let message = |v: &serde_json::Value| {
        v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["code"] == "implausible-value")
            .unwrap()["message"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert!(
        message(&v).contains("填报 3000类，超过目标 35类 的 3 倍"),
        "{}",
        message(&v)
    );
    let (en, _) = w.check_json(&["--lang", "en"]);
    assert!(
        message(&en).contains("is 3000类, more than 3× the target 35类"),
        "{}",
        message(&en)
    );
}

#[test]
fn gbk_file_reads_like_its_utf8_twin() {
    let body = format!(
        "{HEAD}1.1,jobs,\"3,200\",推进中,进展顺利，超额完成,无,继续推进\n1.9,x,1,,,,\n1.2,training,50,未启动,,,\n"
    );
    let a = Workdir::new();
    a.write(RSJ, body.replace('\n', "\r\n"));
    let b = Workdir::new();
    b.write(RSJ, gbk(&body.replace('\n', "\r\n")));
    let (va, _) = a.check_json(&[]);
    let (vb, _) = b.check_json(&[]);
    assert_eq!(va, vb);
    expect_one(&vb, "unknown-item", RSJ, Some(3), Some(1));
    assert_eq!(read_back(&a), read_back(&b));
    assert_eq!(read_back(&b)[0].1, "3200");
}

#[test]
fn encoding_override() {
    // Forced UTF-8 on GBK bytes: undecodable, pointed at row 2.
    let w = Workdir::new();
    w.write(RSJ, gbk(&format!("{HEAD}1.1,jobs,3200,推进中,,,\n")));
    let (v, code) = w.check_json(&["--encoding", "utf8"]);
    assert_eq!(code, 1);
    assert_eq!(with_code(&v, "bad-encoding")[0]["line"], 1);
    let (v, code) = w.check_json(&["--encoding", "gbk"]);
    assert_eq!(code, 0, "{v:#}");
}

#[test]
fn bom_and_crlf() {
    let w = Workdir::new();
    let text = format!("\u{feff}{HEAD}1.1,jobs,3200,,,,\n1.1,job,1,,,,\n").replace('\n', "\r\n");
    w.write(RSJ, text);
    let (v, _) = w.check_json(&[]);
    expect_one(&v, "unknown-indicator", RSJ, Some(3), Some(2));
    assert_eq!(error_codes(&v), ["unknown-indicator"]);
}

#[test]
fn utf16_unicode_text() {
    let text =
        "事项编号\t指标\t累计完成\t状态\r\n1.1\tjobs\t3200\t\r\n1.2\ttraining\t很多\t推进中\r\n";
    let mut bytes = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        bytes.extend_from_slice(&u.to_le_bytes());
    }
    let w = Workdir::new();
    w.write("data/2023-01/县人社局.txt", bytes);
    let (v, _) = w.check_json(&[]);
    expect_one(
        &v,
        "bad-value",
        "data/2023-01/县人社局.txt",
        Some(3),
        Some(3),
    );
    assert_eq!(error_codes(&v), ["bad-value"]);
}

#[test]
fn title_row_shifts_rows_as_excel_shows_them() {
    let w = Workdir::new();
    w.write_csv(
        RSJ,
        &format!("县人社局2023年1月民生实事进展表,,,,,,\n{HEAD}1.1,jobs,3200,,\"第一行\n第二行\",,\n\n1.2,training,-5,,,,\n"),
    );
    let (v, _) = w.check_json(&[]);
    // Title row 1, header row 2, a two-line cell in row 3, blank row 4.
    expect_one(&v, "negative-value", RSJ, Some(5), Some(3));
}

#[test]
fn wrong_unit() {
    let w = rsj("1.1,jobs,3200户,,,,\n");
    let (v, _) = w.check_json(&[]);
    let d = expect_one(&v, "wrong-unit", RSJ, Some(2), Some(3));
    assert!(d["message"].as_str().unwrap().contains('户'));
}

#[test]
fn refusals_of_guesses() {
    let w = rsj("1.1,jobs,约3000,,,,\n1.2,training,#DIV/0!,,,,\n13.1,pension_injury_unemployment,30-40,,,,\n");
    let (v, _) = w.check_json(&[]);
    let lines: Vec<u64> = with_code(&v, "bad-value")
        .iter()
        .map(|d| d["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [2, 3, 4]);
}

#[test]
fn ragged_rows() {
    let w = rsj(
        "1.1,jobs,3200,,,,\n1.2,training\n13.1,pension_injury_unemployment,50,推进中,,,,多出来\n",
    );
    let (v, _) = w.check_json(&[]);
    let found = with_code(&v, "ragged-row");
    assert_eq!(found.len(), 2, "{v:#}");
    assert_eq!(found[0]["line"], 3);
    assert_eq!(found[0]["column"], 3);
    assert_eq!(found[1]["line"], 4);
    assert_eq!(found[1]["column"], 8);
}

#[test]
fn trailing_empty_columns_rows_and_totals() {
    let w = Workdir::new();
    w.write_csv(
        RSJ,
        "事项编号,指标,累计完成,状态,进展情况,存在问题,下步计划,,\n1.1,jobs,3200,,,,,,\n,,,,,,,,\n合计,,3200,,,,,,\n填表人：张三,,,,,,,,\n,,,,,,,,\n",
    );
    let (v, code) = w.check_json(&[]);
    assert_eq!(code, 0, "{v:#}");
    let lines: Vec<u64> = with_code(&v, "skipped-row")
        .iter()
        .map(|d| d["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [4, 5]);
}

#[test]
fn duplicate_row() {
    let w = rsj("1.1,jobs,3200,,,,\n1.2,training,10,,,,\n1.1,城镇新增就业,3300,,,,\n");
    let (v, _) = w.check_json(&[]);
    let d = expect_one(&v, "duplicate-row", RSJ, Some(4), Some(2));
    assert!(d["message"].as_str().unwrap().contains("第 2 行"));
}

#[test]
fn unknown_unit_item_indicator_status() {
    let w = Workdir::new();
    w.write_csv(
        "data/2023-01/县气象局.csv",
        &format!("{HEAD}1.1,jobs,1,,,,\n"),
    );
    w.write_csv(
        RSJ,
        &format!("{HEAD}1.3,x,1,,,,\n1.1,workers,1,,,,\n1.2,training,10,快完成了,,,\n"),
    );
    let (v, _) = w.check_json(&[]);
    expect_one(&v, "unknown-unit", "data/2023-01/县气象局.csv", None, None);
    expect_one(&v, "unknown-item", RSJ, Some(2), Some(1));
    expect_one(&v, "unknown-indicator", RSJ, Some(3), Some(2));
    expect_one(&v, "unknown-status", RSJ, Some(4), Some(4));
}

#[test]
fn missing_and_duplicate_columns() {
    let w = Workdir::new();
    w.write_csv(
        RSJ,
        "事项编号,指标,累计完成,备注二,累计完成\n1.1,jobs,3200,,\n2.1,,5,,\n",
    );
    let (v, _) = w.check_json(&[]);
    expect_one(&v, "duplicate-column", RSJ, Some(1), Some(5));
    expect_one(&v, "unknown-column", RSJ, Some(1), Some(4));
    // 2.1 has three indicators: which one must be said.
    expect_one(&v, "missing-indicator", RSJ, Some(3), Some(2));
    let w = Workdir::new();
    w.write_csv(RSJ, "序号,名称,数量\n1,就业,3200\n");
    let (v, _) = w.check_json(&[]);
    expect_one(&v, "missing-column", RSJ, Some(1), Some(1));
}

#[test]
fn indicator_column_optional_for_single_indicator_items_and_english_header() {
    let w = Workdir::new();
    w.write_csv(RSJ, "value,item,status\n3200,1.1,\n40,1.2,in_progress\n");
    let (v, code) = w.check_json(&[]);
    assert_eq!(code, 0, "{v:#}");
    assert_eq!(read_back(&w)[1].1, "40");
}

#[test]
fn wrong_reporter() {
    let w = rsj("3.1,urban_dibao,650,,,,\n");
    let (v, _) = w.check_json(&[]);
    let d = expect_one(&v, "wrong-reporter", RSJ, Some(2), Some(2));
    assert!(d["message"].as_str().unwrap().contains("县民政局"));
}

#[test]
fn two_files_for_one_unit() {
    let w = rsj("1.1,jobs,3200,,,,\n");
    w.write_csv(
        "data/2023-01/县人社局 - 副本.csv",
        &format!("{HEAD}1.1,jobs,3100,,,,\n"),
    );
    w.write_csv(
        "data/2023-01/rsj.csv",
        &format!("{HEAD}1.1,jobs,3000,,,,\n"),
    );
    let (v, _) = w.check_json(&[]);
    let files: Vec<&str> = with_code(&v, "duplicate-file")
        .iter()
        .map(|d| d["file"].as_str().unwrap())
        .collect();
    assert_eq!(
        files,
        ["data/2023-01/rsj.csv", "data/2023-01/县人社局 - 副本.csv"]
    );
}

#[test]
fn empty_binary_and_undecodable_files() {
    let w = Workdir::new();
    w.write("data/2023-01/县人社局.csv", b"");
    w.write(
        "data/2023-01/县民政局.csv",
        b"PK\x03\x04\x14\x00\x06\x00binary",
    );
    w.write("data/2023-01/县妇联.csv", b"\x00\x01\x02\xff\xfe\x00");
    let mut bad = gbk(&format!("{HEAD}5.1,screenings,"));
    bad.extend_from_slice(b"\x81\x20\r\n");
    w.write("data/2023-01/县残联.csv", &bad);
    w.write("data/2023-01/县教育局.csv", "事项编号,累计完成\r\n");
    let (v, code) = w.check_json(&[]);
    assert_eq!(code, 1);
    let empty: Vec<(&str, &str)> = with_code(&v, "empty-file")
        .iter()
        .map(|d| (d["file"].as_str().unwrap(), d["severity"].as_str().unwrap()))
        .collect();
    // A header without rows is a warning; an empty file an error.
    assert_eq!(
        empty,
        [
            ("data/2023-01/县人社局.csv", "error"),
            ("data/2023-01/县教育局.csv", "warning")
        ]
    );
    let enc: Vec<(&str, Option<u64>)> = with_code(&v, "bad-encoding")
        .iter()
        .map(|d| (d["file"].as_str().unwrap(), d["line"].as_u64()))
        .collect();
    assert_eq!(
        enc,
        [
            ("data/2023-01/县妇联.csv", None),
            ("data/2023-01/县残联.csv", Some(2)),
            ("data/2023-01/县民政局.csv", None),
        ]
    );
}

#[test]
fn decreasing_cumulative_and_unit_slip() {
    let w = Workdir::new();
    let zw = |m: &str, users: &str, items: &str| {
        w.write_csv(
            &format!("data/{m}/县政务服务中心.csv"),
            &format!("{HEAD}2.1,users,{users},,,,\n2.1,one_net_items,{items},,,,\n"),
        )
    };
    zw("2023-01", "6000", "10");
    zw("2023-02", "12000", "20");
    zw("2023-03", "18000", "18");
    zw("2023-04", "8", "30");
    let (v, code) = w.check_json(&[]);
    assert_eq!(code, 0);
    expect_one(
        &v,
        "cumulative-decrease",
        "data/2023-03/县政务服务中心.csv",
        Some(3),
        Some(3),
    );
    expect_one(
        &v,
        "implausible-value",
        "data/2023-04/县政务服务中心.csv",
        Some(2),
        Some(3),
    );
    let (v, code) = w.check_json(&["--strict"]);
    assert_eq!(code, 1, "{v:#}");
}

#[test]
fn jump_out_of_line_with_history() {
    let w = Workdir::new();
    for (m, jobs) in [
        (1, 250),
        (2, 520),
        (3, 780),
        (4, 1040),
        (5, 1300),
        (6, 3900),
    ] {
        w.write_csv(
            &format!("data/2023-{m:02}/县人社局.csv"),
            &format!("{HEAD}1.1,jobs,{jobs},,,,\n"),
        );
    }
    let (v, _) = w.check_json(&[]);
    expect_one(
        &v,
        "implausible-value",
        "data/2023-06/县人社局.csv",
        Some(2),
        Some(3),
    );
}

#[test]
fn missing_report_and_month_filter() {
    let w = rsj("1.1,jobs,100,,,,\n");
    w.write_csv(
        "data/2023-02/县人社局.csv",
        &format!("{HEAD}1.1,jobs,abc,,,,\n"),
    );
    let (v, _) = w.check_json(&["--month", "2023-01"]);
    assert_eq!(v["errors"], 0, "{v:#}");
    let missing = v["missing"].as_array().unwrap();
    assert_eq!(missing.len(), 19);
    assert!(missing.iter().all(|m| m["month"] == "2023-01"));
    assert!(missing.iter().any(|m| m["unit"] == "县林业局"));
    expect_one(&v, "missing-report", "data/2023-01/", None, None);
    let (v, code) = w.check_json(&["--month", "2023-02"]);
    assert_eq!(code, 1);
    expect_one(
        &v,
        "bad-value",
        "data/2023-02/县人社局.csv",
        Some(2),
        Some(3),
    );
}

#[test]
fn paths_that_are_not_progress_files() {
    let w = rsj("1.1,jobs,100,,,,\n");
    w.write("data/2023-01/县民政局.docx", b"PK");
    w.write("data/2023-01/县残联.xlsx", b"PK");
    w.write("data/2023-01/~$县人社局.csv", b"lock");
    w.write("data/2023-6/县人社局.csv", b"x");
    w.write("data/旧表/x.csv", b"x");
    let (v, code) = w.check_json(&[]);
    assert_eq!(code, 1);
    expect_one(&v, "not-csv", "data/2023-01/县民政局.docx", None, None);
    // A workbook is read: these two bytes are no workbook.
    expect_one(&v, "bad-workbook", "data/2023-01/县残联.xlsx", None, None);
    let bad: Vec<(&str, &str)> = with_code(&v, "bad-path")
        .iter()
        .map(|d| (d["file"].as_str().unwrap(), d["severity"].as_str().unwrap()))
        .collect();
    assert_eq!(bad, [("data/2023-6/", "error"), ("data/旧表/", "warning")]);
}

#[test]
fn exit_codes() {
    let w = rsj("1.1,jobs,100,,,,\n");
    // Warnings only (missing reports): 0, or 1 with --strict.
    w.cmd().arg("check").assert().code(0);
    w.cmd().args(["check", "--strict"]).assert().code(1);
    w.write_csv(
        "data/2023-02/县人社局.csv",
        &format!("{HEAD}1.1,jobs,x,,,,\n"),
    );
    w.cmd().arg("check").assert().code(1);
    // No workspace, bad arguments: 2.
    let empty = tempfile::tempdir().unwrap();
    mingsheng(empty.path()).arg("check").assert().code(2);
    w.cmd().args(["check", "--month", "June"]).assert().code(2);
}

#[test]
fn broken_plan_still_reported() {
    let w = rsj("1.1,jobs,100,,,,\n");
    let plan = std::fs::read_to_string(w.join("seeds/2023.toml")).unwrap();
    w.write(
        "seeds/2023.toml",
        plan.replacen("format = 1", "format = \"一\"", 1),
    );
    let (v, code) = w.check_json(&[]);
    assert_eq!(code, 1);
    assert!(v["errors"].as_u64().unwrap() >= 1);
    assert!(v["diagnostics"][0]["file"] == "seeds/2023.toml", "{v:#}");
}

#[test]
fn text_output_quotes_the_row() {
    let w = rsj("1.1,jobs,3200户,,,,\n");
    let out = w.cmd().arg("check").output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--> data/2023-01/县人社局.csv:2:3"), "{err}");
    assert!(err.contains("2 | 1.1,jobs,3200户,,,,"), "{err}");
    assert!(err.contains("  |          ^^^^^^"), "{err}");
    assert!(err.contains("错误 1 个"), "{err}");
}

/// Fills a template the way a department would: half the target, or the old
/// standard, or 50 % and 推进中 for a milestone, 推进中 for each stage.
fn fill(form: &str) -> String {
    let mut out = String::new();
    for (i, line) in form.lines().enumerate() {
        let mut f: Vec<String> = line.split(',').map(str::to_string).collect();
        if i > 0 {
            let target = f[4].clone();
            f[6] = if f[3] == "阶段" {
                // A stage row (its node in 目标): only 状态 is filled.
                f[7] = "推进中".into();
                String::new()
            } else if let Some((base, _)) = target.split_once('→') {
                base.to_string()
            } else if target == "已完成" {
                f[7] = "推进中".into();
                "50".into()
            } else {
                let t: f64 = target.parse().unwrap();
                format!("{}", (t / 2.0).round())
            };
            f[8] = "按计划推进".into();
        }
        out.push_str(&f.join(","));
        out.push_str("\r\n");
    }
    out
}

#[test]
fn template_round_trip() {
    let w = Workdir::new();
    w.cmd()
        .args(["template", "--month", "2023-03"])
        .assert()
        .code(0);
    let files: Vec<_> = std::fs::read_dir(w.join("data/2023-03")).unwrap().collect();
    assert_eq!(files.len(), 20);
    // Blank forms pass (nothing reported yet is not an error), each with a
    // warning that it gives no figure.
    let (v, code) = w.check_json(&[]);
    assert_eq!(code, 0, "{v:#}");
    assert_eq!(v["warnings"], 20, "{v:#}");
    assert_eq!(with_code(&v, "no-figures").len(), 20, "{v:#}");
    for e in std::fs::read_dir(w.join("data/2023-03")).unwrap() {
        let p = e.unwrap().path();
        let bytes = std::fs::read(&p).unwrap();
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
        std::fs::write(&p, fill(&text)).unwrap();
    }
    let (v, code) = w.check_json(&[]);
    assert_eq!(code, 0, "{v:#}");
    assert_eq!(v["warnings"], 0, "{v:#}");
    // Next month's form shows what was read as 上月累计.
    w.cmd()
        .args(["template", "--month", "2023-04", "--unit", "人社局"])
        .assert()
        .code(0);
    let next = String::from_utf8(w.read("data/2023-04/县人社局.csv")[3..].to_vec()).unwrap();
    assert!(
        next.contains("1.1,jobs,城镇新增就业,人,3200,1600,,,,,"),
        "{next}"
    );
}

/// Runs `template` with arguments; returns its stdout (it must succeed).
fn template(w: &Workdir, args: &[&str]) -> String {
    let out = w.cmd().arg("template").args(args).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn files_in(w: &Workdir, rel: &str) -> usize {
    std::fs::read_dir(w.join(rel)).unwrap().count()
}

#[test]
fn template_never_overwrites_a_filed_report_force_included() {
    let w = Workdir::new();
    let filed = format!("{HEAD}1.1,jobs,1600,,,,\n");
    w.write("data/2023-03/县人社局.csv", &filed);
    // By default only the units that have not filed get a form.
    let out = template(&w, &["--month", "2023-03"]);
    assert!(out.contains("已生成 2023年3月 的报表 19 个"), "{out}");
    assert!(
        out.contains("data/2023-03/县人社局.csv  已报送（文件中已有填报内容，不会覆盖）"),
        "{out}"
    );
    assert_eq!(w.read("data/2023-03/县人社局.csv"), filed.as_bytes());
    // --force and --unit together still never touch a filed report.
    for args in [
        &["--month", "2023-03", "--force"][..],
        &["--month", "2023-03", "--unit", "rsj", "--force"],
    ] {
        let out = template(&w, args);
        assert!(out.contains("已报送"), "{out}");
        assert_eq!(w.read("data/2023-03/县人社局.csv"), filed.as_bytes());
    }
    // A word of text is work too, and so is anything that is not a form.
    w.write(
        "data/2023-04/县人社局.csv",
        format!("{HEAD}1.1,jobs,,,,招聘会延期,\n"),
    );
    w.write("data/2023-04/县民政局.csv", b"mine");
    let out = template(&w, &["--month", "2023-04", "--force"]);
    assert!(out.contains("报表 18 个"), "{out}");
    assert_eq!(w.read("data/2023-04/县民政局.csv"), b"mine");
    let (v, _) = w.check_json(&["--month", "2023-04"]);
    assert!(with_code(&v, "duplicate-file").is_empty(), "{v:#}");
    // A report under a name that is nearly the unit's gets no blank twin.
    w.write(
        "data/2023-05/林业局5月.csv",
        format!("{HEAD}16.1,,1200,,,,\n"),
    );
    let out = template(&w, &["--month", "2023-05"]);
    assert!(
        out.contains("data/2023-05/林业局5月.csv  文件名不规范"),
        "{out}"
    );
    assert!(!w.join("data/2023-05/县林业局.csv").exists());
}

#[test]
fn template_force_regenerates_only_blank_forms_and_writes_gbk() {
    let w = Workdir::new();
    template(&w, &["--month", "2023-03", "--unit", "rsj"]);
    let blank = w.read("data/2023-03/县人社局.csv");
    // Without --force a blank form is left as it is, and said so.
    let out = template(
        &w,
        &["--month", "2023-03", "--unit", "rsj", "--encoding", "gbk"],
    );
    assert!(out.contains("已有空白报表"), "{out}");
    assert_eq!(w.read("data/2023-03/县人社局.csv"), blank);
    let out = template(
        &w,
        &[
            "--month",
            "2023-03",
            "--unit",
            "rsj",
            "--force",
            "--encoding",
            "gbk",
        ],
    );
    assert!(out.contains("报表 1 个"), "{out}");
    let bytes = w.read("data/2023-03/县人社局.csv");
    let (text, _, bad) = encoding_rs::GB18030.decode(&bytes);
    assert!(!bad && text.starts_with("事项编号,指标,指标名称"), "{text}");
    let (v, code) = w.check_json(&["--month", "2023-03"]);
    assert_eq!(code, 0, "{v:#}");
    // A unit's file under an alias counts as its file: never a second one.
    w.write("data/2023-03/mzj.csv", HEAD);
    let out = template(&w, &["--month", "2023-03", "--unit", "县民政局", "--force"]);
    assert!(out.contains("文件名不同"), "{out}");
    assert!(!w.join("data/2023-03/县民政局.csv").exists());
    w.write("data/2023-03/mzj.csv", format!("{HEAD}4.1,,41,,,,\n"));
    let out = template(&w, &["--month", "2023-03"]);
    assert!(out.contains("data/2023-03/mzj.csv  已报送"), "{out}");
    assert_eq!(files_in(&w, "data/2023-03"), 20);
}

#[test]
fn a_template_saved_blank_is_a_warning() {
    let w = rsj("1.1,jobs,,,,,\n1.2,training,,,,,\n");
    let (v, code) = w.check_json(&[]);
    assert_eq!(code, 0, "{v:#}");
    let d = expect_one(&v, "no-figures", RSJ, None, None);
    assert_eq!(d["severity"], "warning");
    // One figure is enough.
    let w = rsj("1.1,jobs,,,,,\n1.2,training,,推进中,,,\n");
    let (v, _) = w.check_json(&[]);
    assert!(with_code(&v, "no-figures").is_empty(), "{v:#}");
}

/// 县教育局's stage rows for 徐特立项目 (7.1; nodes 完成选址 03, 取得施工许可 06,
/// 开工建设 09, 主体完工 12 in the shipped plan).
#[test]
fn stage_rows_are_checked_cell_by_cell() {
    const JYJ: &str = "data/2023-09/县教育局.csv";
    let w = Workdir::new();
    w.write_csv(
        JYJ,
        &format!(
            "{HEAD}7.1,完成选址,,已完成,,,\n7.1,取得施工许可,100,已完成,,,\n7.1,开工建设,,差不多,,,\n7.1,完成选址,,推进中,,,\n7.1,封顶,,推进中,,,\n"
        ),
    );
    let (v, code) = w.check_json(&["--month", "2023-09"]);
    assert_eq!(code, 1, "{v:#}");
    expect_one(&v, "stage-value-ignored", JYJ, Some(3), Some(3));
    expect_one(&v, "unknown-status", JYJ, Some(4), Some(4));
    let d = expect_one(&v, "duplicate-row", JYJ, Some(5), Some(2));
    assert!(d["message"].as_str().unwrap().contains("第 2 行"), "{d:#}");
    expect_one(&v, "unknown-indicator", JYJ, Some(6), Some(2));
}

/// A clean staged report, judged by its nodes through the binary: the notice
/// names the node missed, the template lists the stages with their nodes.
#[test]
fn staged_milestone_report_and_template() {
    let w = Workdir::new();
    w.write_csv(
        "data/2023-09/县教育局.csv",
        &format!(
            "{HEAD}7.1,完成选址,,已完成,,,\n7.1,取得施工许可,,已完成,,,\n7.1,开工建设,,推进中,,招标未完成,\n7.1,主体完工,,未启动,,,\n"
        ),
    );
    let out = w
        .cmd()
        .env("MINGSHENG_TODAY", "2023-10")
        .args(["report", "--month", "2023-09", "--format", "md"])
        .output()
        .unwrap();
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(
        md.contains("争取启动建设县域普通高中“徐特立项目”（县教育局）：滞后，完成率50.0%，滞后25个百分点，“开工建设”节点（9月底前）未完成。"),
        "{md}"
    );
    // September is the only month with files: no streak before it.
    assert!(!md.contains("已连续"), "{md}");
    assert!(md.contains("存在问题：开工建设：招标未完成"), "{md}");
    assert!(md.contains("| 2/4个节点 | 50.0% | 75.0% |"), "{md}");
    w.cmd()
        .env("MINGSHENG_TODAY", "2023-10")
        .args(["template", "--month", "2023-10", "--unit", "jyj", "-o"])
        .arg(w.join("forms"))
        .assert()
        .code(0);
    let form = String::from_utf8(w.read("forms/县教育局.csv")[3..].to_vec()).unwrap();
    assert!(
        form.contains(
            "7.1,开工建设,启动建设县域普通高中“徐特立项目”：开工建设,阶段,9月底前,推进中,,,,,\r\n"
        ),
        "{form}"
    );
    assert!(!form.contains("7.1,xu_teli,"), "{form}");
}
