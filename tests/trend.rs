//! This month's increment (本月) and the year-end forecast in the report, on a
//! workspace whose figures are hand-picked so that every number can be checked
//! by hand (docs/report.md, src/trend.rs).

mod common;

use common::{json_of, Workdir};
use serde_json::Value;

/// 县人社局 (1.1 城镇新增就业 3200人, straight line) and 县农业农村局 (18.1
/// 粮食产量 76000吨, with a harvest schedule) for January … August.
fn workspace() -> Workdir {
    let w = Workdir::new();
    let jobs = [250, 500, 800, 1100, 1400, 1728, 1800, 1900];
    let grain = [0, 0, 0, 0, 0, 0, 3000, 30000];
    for m in 0..8 {
        let month = format!("2023-{:02}", m + 1);
        w.write_csv(
            &format!("data/{month}/县人社局.csv"),
            &format!("事项编号,指标,累计完成\n1.1,jobs,{}\n", jobs[m]),
        );
        w.write_csv(
            &format!("data/{month}/县农业农村局.csv"),
            &format!("事项编号,指标,累计完成\n18.1,grain_output,{}\n", grain[m]),
        );
    }
    w
}

fn indicator<'a>(v: &'a Value, item: &str, id: &str) -> &'a Value {
    let it = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == item)
        .unwrap();
    it["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["id"] == id)
        .unwrap()
}

fn report_json(w: &Workdir, month: &str) -> Value {
    json_of(
        w.cmd()
            .args(["report", "--month", month, "--format", "json"]),
    )
}

fn close(a: &Value, b: f64) {
    assert!((a.as_f64().unwrap() - b).abs() < 1e-9, "{a} != {b}");
}

#[test]
fn straight_line_increment_and_forecast() {
    let w = workspace();
    let v = report_json(&w, "2023-08");
    let jobs = indicator(&v, "1.1", "jobs");
    // 1900 − 1800.
    close(&jobs["increment"], 100.0);
    // From May (three months back): (1900 − 1400) / 3 a month, four to go.
    close(&jobs["forecast"], 1900.0 + 500.0 / 3.0 * 4.0);
    close(
        &jobs["forecast_completion"],
        (1900.0 + 2000.0 / 3.0) / 3200.0,
    );
    // January counts from zero.
    let v = report_json(&w, "2023-01");
    let jobs = indicator(&v, "1.1", "jobs");
    close(&jobs["increment"], 250.0);
    close(&jobs["forecast"], 3000.0);
}

#[test]
fn a_seasonal_indicator_is_forecast_along_its_schedule() {
    let w = workspace();
    let v = report_json(&w, "2023-08");
    let grain = indicator(&v, "18.1", "grain_output");
    close(&grain["increment"], 27000.0);
    // August expects 0.45 of the year: 30000 / 0.45.
    close(&grain["forecast"], 30000.0 / 0.45);
    close(&grain["forecast_completion"], 30000.0 / 0.45 / 76000.0);
    // In April nothing is expected yet: no pace to carry.
    let v = report_json(&w, "2023-04");
    let grain = indicator(&v, "18.1", "grain_output");
    assert!(grain["forecast"].is_null(), "{grain:#}");
    close(&grain["increment"], 0.0);
}

#[test]
fn no_increment_without_both_months_nor_for_other_kinds() {
    let w = workspace();
    std::fs::remove_file(w.join("data/2023-07/县人社局.csv")).unwrap();
    let v = report_json(&w, "2023-08");
    let jobs = indicator(&v, "1.1", "jobs");
    assert!(jobs["increment"].is_null(), "{jobs:#}");
    // The forecast still stands on the months reported: from May.
    close(&jobs["forecast"], 1900.0 + 500.0 / 3.0 * 4.0);
    // Not reported at all: no figure, no forecast.
    let stock = indicator(&v, "18.1", "grain_reserve");
    assert!(stock["increment"].is_null() && stock["forecast"].is_null());
}

#[test]
fn the_notice_says_where_a_lagging_item_will_end_and_the_table_shows_this_month() {
    let w = workspace();
    let out = w
        .cmd()
        .args(["report", "--month", "2023-08", "--format", "md"])
        .output()
        .unwrap();
    let md = String::from_utf8(out.stdout).unwrap();
    // 1900 / 3200 = 59.4 % against 66.7 %: behind, and 2566.7 / 3200 = 80.2 %.
    let line = md.lines().find(|l| l.contains("城镇新增就业")).unwrap();
    assert!(line.contains("按目前进度，预计年底完成80.2%"), "{line}");
    let en = w
        .cmd()
        .args([
            "report", "--month", "2023-08", "--format", "md", "--lang", "en",
        ])
        .output()
        .unwrap();
    let en = String::from_utf8(en.stdout).unwrap();
    assert!(
        en.contains("Forecast: at the current pace 80.2% by year end."),
        "{en}"
    );
    let table = w
        .cmd()
        .args(["report", "--month", "2023-08"])
        .output()
        .unwrap();
    let table = String::from_utf8(table.stdout).unwrap();
    assert!(table.contains("本月"), "{table}");
    let row = table.lines().find(|l| l.contains("城镇新增就业")).unwrap();
    assert!(row.contains("+100人"), "{row}");
}

#[test]
fn the_html_notice_draws_each_items_year_so_far() {
    let w = workspace();
    let out = w
        .cmd()
        .args(["report", "--month", "2023-08", "--format", "html"])
        .output()
        .unwrap();
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(
        html.contains("<th>走势（完成率 &#x2f; 序时）</th>"),
        "{html}"
    );
    // 1.1: January 250 / 3200 → y = 19 − 0.078125 × 18 = 17.6; August 1900 /
    // 3200 → 19 − 0.59375 × 18 = 8.3, at x = 7 × 100 / 11 = 63.6. Time progress
    // 1/12 → 17.5 and 8/12 → 7.0.
    let row = html
        .split("<tr class=\"item\">")
        .skip(1)
        .find(|r| r.contains("城镇新增就业3200\u{2060}人"))
        .unwrap();
    let lines: Vec<&str> = row
        .split("points=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap())
        .collect();
    assert_eq!(lines.len(), 2, "{row}");
    let (e, c) = (lines[0], lines[1]);
    assert_eq!(c.split(' ').count(), 8);
    assert!(
        c.starts_with("0.0,17.6 ") && c.ends_with(" 63.6,8.3"),
        "{c}"
    );
    assert!(
        e.starts_with("0.0,17.5 ") && e.ends_with(" 63.6,7.0"),
        "{e}"
    );
    // An item with no figure all year has no line; the Markdown has none at all.
    let parking = html
        .split("<tr class=\"item\">")
        .skip(1)
        .find(|r| r.contains("停车位200\u{2060}个"))
        .unwrap();
    assert!(!parking.contains("polyline"), "{parking}");
    let md = w
        .cmd()
        .args(["report", "--month", "2023-08", "--format", "md"])
        .output()
        .unwrap();
    assert!(!String::from_utf8(md.stdout).unwrap().contains("svg"));
}
