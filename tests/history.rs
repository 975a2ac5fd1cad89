//! `mingsheng history`: an item month by month, in every format, with the
//! numbers checked by hand and closed months read from their record.

mod common;

use common::{json_of, mingsheng, repo, Workdir};
use serde_json::Value;

/// 县人社局 reports 1.1 (3200人) January … May; March is not filed.
fn workspace() -> Workdir {
    let w = Workdir::new();
    for (m, v, words) in [
        (1, 250, "开局"),
        (2, 500, ""),
        (4, 1100, "四月招聘会"),
        (5, 1400, ""),
    ] {
        w.write_csv(
            &format!("data/2023-{m:02}/县人社局.csv"),
            &format!("事项编号,指标,累计完成,进展情况,存在问题\n1.1,jobs,{v},{words},问题{m}\n"),
        );
    }
    w.write_csv(
        "data/2023-03/县民政局.csv",
        "事项编号,指标,累计完成\n4.1,retrofit_homes,10\n",
    );
    w
}

fn history(w: &Workdir, extra: &[&str]) -> Value {
    json_of(
        w.cmd()
            .args(["history", "1.1", "--month", "2023-05", "--format", "json"])
            .args(extra),
    )
}

#[test]
fn months_values_increments_and_forecast_by_hand() {
    let v = history(&workspace(), &[]);
    assert_eq!(v["item"], "1.1");
    assert!(v["text"].as_str().unwrap().starts_with("城镇新增就业"));
    let ind = &v["indicators"][0];
    assert_eq!(ind["id"], "jobs");
    assert_eq!(ind["unit"], "人");
    assert_eq!(ind["target"], 3200.0);
    let months = ind["months"].as_array().unwrap();
    let col = |k: &str| -> Vec<Value> { months.iter().map(|m| m[k].clone()).collect() };
    assert_eq!(
        col("month"),
        ["2023-01", "2023-02", "2023-03", "2023-04", "2023-05"]
    );
    assert_eq!(
        col("value"),
        [json(250), json(500), Value::Null, json(1100), json(1400)]
    );
    // January from zero; none for March (not filed) nor April (March unknown).
    assert_eq!(
        col("increment"),
        [json(250), json(250), Value::Null, Value::Null, json(300)]
    );
    assert_eq!(months[2]["status"], "not_reported");
    assert_eq!(months[0]["completion"], 250.0 / 3200.0);
    assert!((months[4]["expected"].as_f64().unwrap() - 5.0 / 12.0).abs() < 1e-9);
    // The department's words of each month, not only the last.
    assert_eq!(months[0]["progress"], "开局");
    assert_eq!(months[3]["progress"], "四月招聘会");
    assert_eq!(months[1]["problems"], "问题2");
    // From February (three months back): (1400 − 500) / 3 = 300 a month, seven to go.
    assert_eq!(ind["forecast"], 1400.0 + 300.0 * 7.0);
    assert_eq!(ind["forecast_completion"], 3500.0 / 3200.0);
}

fn json(n: i32) -> Value {
    Value::from(f64::from(n))
}

#[test]
fn csv_md_and_the_terminal_table() {
    let w = workspace();
    let csv = w
        .cmd()
        .args(["history", "1.1", "--month", "2023-05", "--format", "csv"])
        .output()
        .unwrap();
    assert!(csv.status.success());
    let text = String::from_utf8(csv.stdout).unwrap();
    assert!(text.starts_with('\u{feff}'), "Excel needs the BOM");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 6, "{text}");
    assert!(
        lines[5].starts_with("1.1,jobs,城镇新增就业,2023-05,1400,300,"),
        "{text}"
    );
    let md = w
        .cmd()
        .args(["history", "1.1", "--month", "2023-05", "--format", "md"])
        .output()
        .unwrap();
    let md = String::from_utf8(md.stdout).unwrap();
    assert!(
        md.contains("预计到2023年12月底达到 3500人（完成109.4%）"),
        "{md}"
    );
    let table = w
        .cmd()
        .args(["history", "1.1", "--month", "2023-05"])
        .output()
        .unwrap();
    let table = String::from_utf8(table.stdout).unwrap();
    // 7.8 %, 15.6 %, none, 34.4 %, 43.8 %: ▂ ▂ blank ▃ ▄.
    assert!(table.contains("完成率 ▂▂ ▃▄"), "{table}");
    assert!(
        table.contains("+300人") && table.contains("未报送"),
        "{table}"
    );
    let en = w
        .cmd()
        .args(["history", "1.1", "--month", "2023-05", "--lang", "en"])
        .output()
        .unwrap();
    let en = String::from_utf8(en.stdout).unwrap();
    assert!(
        en.contains("at the current pace: 3500人 by 2023-12"),
        "{en}"
    );
}

#[test]
fn one_indicator_by_id_and_clear_refusals() {
    let w = workspace();
    let v = json_of(w.cmd().args([
        "history",
        "2.1",
        "--indicator",
        "users",
        "--month",
        "2023-05",
        "--format",
        "json",
    ]));
    assert_eq!(v["indicators"].as_array().unwrap().len(), 1);
    let out = w
        .cmd()
        .args(["history", "99.1", "--month", "2023-05"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("没有事项「99.1」"));
    // Without --month: refused at once, before a month is chosen and read.
    let out = w.cmd().args(["history", "99.1"]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        err.starts_with("错误: 任务清单 2023 中没有事项「99.1」"),
        "{err}"
    );
    let out = w
        .cmd()
        .args([
            "history",
            "2.1",
            "--indicator",
            "nope",
            "--month",
            "2023-05",
        ])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("users（“湘易办”用户数）"), "{err}");
    let out = w
        .cmd()
        .args(["history", "1.1", "--format", "html", "--month", "2023-05"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn closed_months_come_from_their_record_as_in_each_report() {
    let h = json_of(
        mingsheng(repo()).args(["history", "12.1", "--month", "2023-06", "--format", "json"]),
    );
    let months = h["indicators"][0]["months"].as_array().unwrap();
    assert_eq!(months.len(), 6);
    for m in months {
        let month = m["month"].as_str().unwrap();
        let r = json_of(mingsheng(repo()).args(["report", "--month", month, "--format", "json"]));
        let it = r["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == "12.1")
            .unwrap();
        let x = &it["indicators"][0];
        for k in ["value", "completion", "expected", "status", "increment"] {
            assert_eq!(m[k], x[k], "{month} {k}");
        }
    }
}

#[test]
fn a_closed_month_changed_afterwards_keeps_its_recorded_figure() {
    let w = Workdir::shipped(&["2023-01", "2023-02", "2023-03", "2023-04"]);
    let out = w
        .cmd()
        .args(["close", "--month", "2023-03", "--all-late"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let live = String::from_utf8(w.read("data/2023-03/县城管局.csv")).unwrap();
    assert!(live.contains("12.1,parking,26,"));
    w.write(
        "data/2023-03/县城管局.csv",
        live.replace("12.1,parking,26,", "12.1,parking,40,"),
    );
    let v = json_of(
        w.cmd()
            .args(["history", "12.1", "--month", "2023-04", "--format", "json"]),
    );
    let march = &v["indicators"][0]["months"][2];
    assert_eq!(march["month"], "2023-03");
    assert_eq!(march["value"], 26.0, "the record, not the edited file");
}

/// A format history does not write is refused, naming those it does.
#[test]
fn html_is_refused_with_the_formats_history_writes() {
    let w = workspace();
    w.cmd()
        .args(["history", "1.1", "--format", "html"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicates::str::contains(
            "history 只能输出 table、json、csv 或 md，不支持 html",
        ));
    w.cmd()
        .args(["--lang", "en", "history", "1.1", "-o"])
        .arg(w.join("1.1.xlsx"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "history writes table, json, csv or md, not xlsx",
        ));
    assert!(!w.join("1.1.xlsx").exists());
}
