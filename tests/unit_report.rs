//! `report --unit U`: one unit's 督办单 — its items, its streaks and its score
//! so far this quarter — in every format.

mod common;

use common::{json_of, mingsheng, repo, Workdir};
use serde_json::Value;

fn items(v: &Value) -> Vec<&str> {
    v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect()
}

#[test]
fn the_unit_gets_the_items_it_leads_or_reports() {
    let v = json_of(mingsheng(repo()).args([
        "report",
        "--month",
        "2023-06",
        "--unit",
        "县城管局",
        "--format",
        "json",
    ]));
    // 县城管局 leads 12.1 and co-leads 18.2 (保供, 县发改局等4个单位).
    let ids = items(&v);
    assert!(ids.contains(&"12.1"), "{ids:?}");
    for id in &ids {
        let it = v["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == *id)
            .unwrap();
        let leads = it["lead"].as_array().unwrap().iter().any(|u| u == "cgj");
        let reports = it["indicators"]
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x["reporter"] == "cgj");
        assert!(leads || reports, "{id} is not 县城管局's");
    }
    assert_eq!(v["summary"]["items"], ids.len());
    assert_eq!(v["unit"]["id"], "cgj");
    // Its streak is kept: 12.1 has lagged since February, as the whole report says.
    let parking = &v["items"][ids.iter().position(|i| *i == "12.1").unwrap()];
    assert_eq!(parking["streak"], 5);
    let all = json_of(mingsheng(repo()).args(["report", "--month", "2023-06", "--format", "json"]));
    let whole = all["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "12.1")
        .unwrap();
    assert_eq!(parking["streak"], whole["streak"]);
    // Filed late in June: the unit's own line stays.
    assert_eq!(v["late"][0]["id"], "cgj");
    // Aliases and ids name the unit too.
    let by_id = json_of(mingsheng(repo()).args([
        "report", "--month", "2023-06", "--unit", "cgj", "--format", "json",
    ]));
    assert_eq!(items(&by_id), ids);
}

#[test]
fn at_a_quarters_end_the_score_is_the_quarters() {
    let v = json_of(mingsheng(repo()).args([
        "report", "--month", "2023-06", "--unit", "fl", "--format", "json",
    ]));
    let s = json_of(mingsheng(repo()).args(["score", "--quarter", "2023Q2", "--format", "json"]));
    let fl = s["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["id"] == "fl")
        .unwrap();
    assert_eq!(v["unit"]["score"]["score"], fl["score"]);
    assert_eq!(v["unit"]["score"]["rank"], fl["rank"]);
    assert_eq!(v["unit"]["months"], 3);
    assert_eq!(
        v["unit"]["score"]["deductions"].as_array().unwrap().len(),
        fl["deductions"].as_array().unwrap().len()
    );
}

/// 县妇联 reports 5.1 (2800人) in April and May only.
fn mid_quarter() -> Workdir {
    let w = Workdir::new();
    for (m, v) in [(4, 700), (5, 1000)] {
        w.write_csv(
            &format!("data/2023-{m:02}/县妇联.csv"),
            &format!("事项编号,指标,累计完成,存在问题\n5.1,screenings,{v},外出务工多\n"),
        );
    }
    w
}

#[test]
fn mid_quarter_the_score_counts_the_months_so_far() {
    let w = mid_quarter();
    let v = json_of(w.cmd().args([
        "report",
        "--month",
        "2023-05",
        "--unit",
        "县妇联",
        "--format",
        "json",
    ]));
    // April: 700/2800 = 25 % against 33.3 %: behind −1, and lagging since January
    // (not reported): streak −1. May: 35.7 % against 41.7 %: the same again.
    let u = &v["unit"];
    assert_eq!(u["quarter"], "2023Q2");
    assert_eq!(u["months"], 2);
    assert_eq!(u["score"]["score"], 96.0);
    let rules: Vec<&str> = u["score"]["deductions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["behind", "streak", "behind", "streak"]);
    assert_eq!(items(&v), ["5.1"]);
}

#[test]
fn every_format_says_whose_sheet_it_is() {
    let w = mid_quarter();
    let run = |args: &[&str]| {
        let out = w
            .cmd()
            .args(["report", "--month", "2023-05", "--unit", "fl"])
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    };
    let table = String::from_utf8(run(&[])).unwrap();
    assert!(
        table
            .contains("县妇联督办单：2023年第2季度动态考评截至本月（2个月）得分96（扣4分，加0分）"),
        "{table}"
    );
    assert!(
        table.contains("县妇联牵头或报送的1项工作事项中，滞后1项。"),
        "{table}"
    );
    let md = String::from_utf8(run(&["--format", "md"])).unwrap();
    assert!(
        md.starts_with("# 双牌县打好重点民生保障仗月调度通报（县妇联督办单）"),
        "{md}"
    );
    assert!(md.contains("存在问题：外出务工多"), "{md}");
    assert!(!md.contains("12.1"), "{md}");
    let html = String::from_utf8(run(&["--format", "html"])).unwrap();
    assert!(html.contains("县妇联督办单"));
    let csv = String::from_utf8(run(&["--format", "csv"])).unwrap();
    assert_eq!(csv.lines().count(), 2, "{csv}");
    let en = w
        .cmd()
        .args([
            "report", "--month", "2023-05", "--unit", "fl", "--lang", "en",
        ])
        .output()
        .unwrap();
    let en = String::from_utf8(en.stdout).unwrap();
    assert!(
        en.contains("Supervision sheet of 县妇联: 2023Q2 evaluation so far (2 month(s)) 96"),
        "{en}"
    );
    let dir = tempfile::tempdir().unwrap();
    for ext in ["xlsx", "docx"] {
        let p = dir.path().join(format!("督办单.{ext}"));
        let out = w
            .cmd()
            .args(["report", "--month", "2023-05", "--unit", "fl", "-o"])
            .arg(&p)
            .output()
            .unwrap();
        assert!(out.status.success());
        assert!(std::fs::metadata(&p).unwrap().len() > 1000);
    }
}

#[test]
fn an_unknown_unit_is_refused_with_where_to_look() {
    let out = mingsheng(repo())
        .args(["report", "--month", "2023-06", "--unit", "县财政厅"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("没有单位「县财政厅」") && err.contains("plan --units"),
        "{err}"
    );
}
