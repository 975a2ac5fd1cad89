//! The office's monthly cycle made safe (template → check → report → score):
//! nothing a department filed is lost, and nothing is published over errors.

mod common;

use common::{with_code, Workdir};
use serde_json::Value;

const H1: &[&str] = &[
    "2023-01", "2023-02", "2023-03", "2023-04", "2023-05", "2023-06",
];

/// Runs the binary: (exit code, stdout, stderr).
fn run(w: &Workdir, args: &[&str]) -> (i32, String, String) {
    let out = w.cmd().args(args).output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// 县人社局's June file with 城镇新增就业 written as an approximation.
fn june_with_a_bad_value() -> Workdir {
    let w = Workdir::shipped(H1);
    let p = "data/2023-06/县人社局.csv";
    let text = String::from_utf8(w.read(p)).unwrap();
    let bad = text.replace("1.1,jobs,\"1,728\",", "1.1,jobs,约1700,");
    assert_ne!(bad, text);
    w.write(p, bad);
    w
}

/// `report --month 2023-06 --allow-errors --format json`, which must succeed:
/// (the JSON, stderr).
fn june_allowing_errors(w: &Workdir) -> (Value, String) {
    let (code, out, err) = run(
        w,
        &[
            "report",
            "--month",
            "2023-06",
            "--allow-errors",
            "--format",
            "json",
        ],
    );
    assert_eq!(code, 0, "{err}");
    (serde_json::from_str(&out).unwrap(), err)
}

fn indicator<'a>(v: &'a Value, item: &str) -> &'a Value {
    let it = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == item)
        .unwrap();
    &it["indicators"][0]
}

#[test]
fn report_over_data_errors_is_refused_and_lists_them() {
    let w = june_with_a_bad_value();
    let (code, out, err) = run(&w, &["report", "--month", "2023-06"]);
    assert_eq!(code, 1, "{err}");
    assert!(out.is_empty(), "{out}");
    assert!(err.contains("错误[bad-value]"), "{err}");
    assert!(err.contains("--> data/2023-06/县人社局.csv:"), "{err}");
    assert!(err.contains("--allow-errors"), "{err}");
    // score refuses the same way.
    let (code, _, err) = run(&w, &["score", "--quarter", "2023Q2"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("bad-value"), "{err}");
}

#[test]
fn an_error_in_an_earlier_month_refuses_the_report_too() {
    let w = Workdir::shipped(H1);
    w.write(
        "data/2023-03/县人社局.csv",
        "事项编号,指标,累计完成\r\n1.1,jobs,#DIV/0!\r\n",
    );
    let (code, _, err) = run(&w, &["report", "--month", "2023-06"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("data/2023-03/县人社局.csv"), "{err}");
}

#[test]
fn allow_errors_shows_refused_figures_as_data_errors_never_as_not_reported() {
    let w = june_with_a_bad_value();
    let (v, err) = june_allowing_errors(&w);
    assert!(err.contains("本月 1 项数据有误"), "{err}");
    let x = indicator(&v, "1.1");
    assert_eq!(x["rejected"], true, "{x:#}");
    assert_eq!(x["status"], "not_reported");
    assert_eq!(x["status_label"], "数据有误");
    assert_eq!(x["reported"], false);
    // Other figures of the same file are read as usual.
    assert_eq!(indicator(&v, "1.2")["rejected"], false);
    let missing = v["missing"].to_string();
    assert!(!missing.contains("县人社局"), "{missing}");
    // In every format people read.
    for (format, needle) in [
        ("table", "数据有误"),
        ("md", "以下1项数据有误，未计入本期通报"),
        ("html", "数据有误"),
        ("csv", "数据有误"),
    ] {
        let (code, out, _) = run(
            &w,
            &[
                "report",
                "--month",
                "2023-06",
                "--allow-errors",
                "--format",
                format,
            ],
        );
        assert_eq!(code, 0);
        assert!(out.contains(needle), "{format}: {out}");
        assert!(!out.contains("县人社局本月未报送"), "{format}");
    }
    // The shares count the refused item apart, as the headline does.
    let (_, md, _) = run(
        &w,
        &[
            "report",
            "--month",
            "2023-06",
            "--allow-errors",
            "--format",
            "md",
        ],
    );
    assert!(
        md.contains("数据有误1项") && md.contains("数据有误3.2%"),
        "{md}"
    );
    // Without errors there is no note about data left out.
    let clean = Workdir::shipped(H1);
    let (code, _, err) = run(
        &clean,
        &["report", "--month", "2023-06", "--format", "json"],
    );
    assert_eq!(code, 0);
    assert!(!err.contains("数据有误") && !err.contains("注意"), "{err}");
}

#[test]
fn an_unreadable_file_is_a_data_error_for_every_figure_of_its_unit() {
    let w = Workdir::shipped(H1);
    // A workbook saved as .csv cannot be read: the unit did file.
    w.write("data/2023-06/县民政局.csv", b"PK\x03\x04 not really a csv");
    let (v, _) = june_allowing_errors(&w);
    assert_eq!(indicator(&v, "4.1")["rejected"], true);
    assert_eq!(indicator(&v, "4.1")["status_label"], "数据有误");
    assert!(!v["missing"].to_string().contains("县民政局"));
}

#[test]
fn misnamed_and_impossible_month_folders_are_errors_also_under_month() {
    let w = Workdir::shipped(&["2023-06"]);
    for dir in [
        "data/2023-7",
        "data/2023年8月",
        "data/2023.09",
        "data/2023-13",
    ] {
        w.write(&format!("{dir}/县人社局.csv"), "事项编号,累计完成\r\n");
    }
    let (v, code) = w.check_json(&[]);
    assert_eq!(code, 1);
    let bad: Vec<&Value> = with_code(&v, "bad-path")
        .into_iter()
        .filter(|d| d["severity"] == "error")
        .collect();
    assert_eq!(bad.len(), 4, "{v:#}");
    let text = v.to_string();
    assert!(text.contains("应写作 2023-07"), "{text}");
    assert!(text.contains("应写作 2023-08"), "{text}");
    assert!(text.contains("应写作 2023-09"), "{text}");
    assert!(text.contains("不是有效的月份"), "{text}");
    // check --month 2023-07 names the folder that means July.
    let (v, code) = w.check_json(&["--month", "2023-07"]);
    assert_eq!(code, 1);
    let files: Vec<&str> = with_code(&v, "bad-path")
        .iter()
        .filter_map(|d| d["file"].as_str())
        .collect();
    assert!(files.contains(&"data/2023-7/"), "{v:#}");
    assert!(!files.contains(&"data/2023.09/"), "{v:#}");
}

#[test]
fn a_month_with_no_file_at_all_is_an_error() {
    let w = Workdir::shipped(&["2023-06", "2023-07", "2023-09"]);
    let (v, code) = w.check_json(&["--month", "2023-08"]);
    assert_eq!(code, 1, "{v:#}");
    assert_eq!(with_code(&v, "empty-month").len(), 1, "{v:#}");
    assert_eq!(with_code(&v, "empty-month")[0]["file"], "data/2023-08/");
    let (code, _, err) = run(&w, &["report", "--month", "2023-08"]);
    assert_eq!(code, 1);
    assert!(err.contains("data/2023-08/ 中没有任何进展文件"), "{err}");
    // A quarter with such a month is refused, naming it.
    let out = w
        .cmd()
        .args(["score", "--quarter", "2023Q3"])
        .env("MINGSHENG_TODAY", "2023-11")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("2023-08") && err.contains("不能评分"), "{err}");
}

#[test]
fn months_that_make_no_sense_are_refused() {
    let w = Workdir::shipped(&["2023-05", "2023-06"]);
    for args in [
        &["report", "--month", "2024-01"][..],
        &["report", "--month", "2022-12"],
        &["template", "--month", "2024-02"],
    ] {
        let (code, _, err) = run(&w, args);
        assert_eq!(code, 2, "{args:?}");
        assert!(
            err.contains("不在任何任务清单版本的年度内"),
            "{args:?}: {err}"
        );
    }
    for args in [
        &["report", "--month", "2023-06"][..],
        &["template", "--month", "2023-06"],
    ] {
        let out = w
            .cmd()
            .args(args)
            .env("MINGSHENG_TODAY", "2023-05-20")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("2023-06 还没有到（今天是 2023-05）"), "{err}");
    }
    // Without --month the latest month with files is reported, and said so.
    let (code, out, err) = run(&w, &["report", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("最近月份：2023-06"), "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["month"], "2023-06");
}

#[test]
fn names_with_a_way_out() {
    let w = Workdir::new();
    let head = "事项编号,指标,累计完成\r\n";
    w.write("data/2023-07/林业局2023年7月.csv", head);
    w.write("data/2023-07/县林叶局.csv", head);
    w.write("data/2023-07/县妇联.csv.csv", format!("{head}5.1,,1\r\n"));
    w.write(
        "data/2023-07/县人社局.csv",
        format!("{head}1.9,jobs,100\r\n1.1,jbos,100\r\n"),
    );
    let (v, code) = w.check_json(&["--month", "2023-07"]);
    assert_eq!(code, 1);
    let unknown = with_code(&v, "unknown-unit");
    assert_eq!(unknown.len(), 2, "{v:#}");
    for d in unknown {
        assert!(
            d["hint"].as_str().unwrap().contains("是否指 县林业局？"),
            "{d}"
        );
    }
    // 县妇联.csv.csv is read as 县妇联's file, with a warning about extensions.
    let typed = with_code(&v, "typed-extension");
    assert_eq!(typed.len(), 1, "{v:#}");
    assert!(typed[0]["hint"]
        .as_str()
        .unwrap()
        .contains("改名为 县妇联.csv"));
    let missing = v["missing"].to_string();
    assert!(!missing.contains("县妇联"), "{missing}");
    // An unknown item whose indicator belongs to another item says which.
    let item = with_code(&v, "unknown-item");
    assert!(
        item[0]["hint"]
            .as_str()
            .unwrap()
            .contains("指标「jobs」属于事项 1.1"),
        "{item:?}"
    );
    assert_eq!(item[0]["cell"], "A2");
    let ind = with_code(&v, "unknown-indicator");
    assert!(
        ind[0]["hint"]
            .as_str()
            .unwrap()
            .starts_with("是否指 jobs（城镇新增就业）？"),
        "{ind:?}"
    );
    // The clerk can list the units and the names files may take.
    let (code, out, _) = run(&w, &["plan", "--units"]);
    assert_eq!(code, 0);
    assert!(out.contains("县林业局") && out.contains("林业局"), "{out}");
    let (_, out, _) = run(&w, &["plan", "--units", "--format", "json"]);
    let v: Value = serde_json::from_str(&out).unwrap();
    let lyj = v["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["name"] == "县林业局")
        .unwrap();
    assert!(lyj["aliases"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a == "林业局"));
}

#[test]
fn template_writes_nothing_into_a_closed_month() {
    let w = Workdir::shipped(H1);
    std::fs::remove_file(w.join("data/2023-06/县林业局.csv")).unwrap();
    let (code, _, err) = run(
        &w,
        &[
            "close",
            "--month",
            "2023-06",
            "--allow-missing",
            "--all-late",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = run(&w, &["template", "--month", "2023-06"]);
    assert_eq!(code, 2);
    assert!(err.contains("2023-06 已关账"), "{err}");
    assert!(!w.join("data/2023-06/县林业局.csv").exists());
    // Elsewhere is fine.
    let forms = w.join("forms");
    let (code, out, _) = run(
        &w,
        &[
            "template",
            "--month",
            "2023-06",
            "-o",
            forms.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{out}");
    assert!(forms.join("县林业局.csv").exists());
}
