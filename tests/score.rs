//! The quarterly evaluation on a hand-computed workspace (tests/fixtures/score).
//!
//! Q2 2023, default rules (base 100; not_reported −2, behind −1, severely
//! behind −2, overdue −3, done early +1, −1 per month an item is behind or worse
//! two months in a row or more). Time progress of a December item in month m is m/12.
//!
//! - 县残联 (cjl): 3.1 homes 60/100 in April (ahead of 4/12), 100 in May: done
//!   early +1. 3.2 milestone 推进中 in April (on track), 50 % in May against 5/9
//!   (behind −1), 已完成 in June before its September deadline (+1). → 101.
//! - 县民政局 (mzj): 2.1 level 600→650 due June: 600 in April (expects 0, on
//!   track), no file in May (not reported −2), 650 in June: done in its deadline
//!   month, on time, no bonus. → 98.
//! - 县人社局 (rsj): 1.1 jobs 400/1200 in April = 4/12 exactly (on track), 400 in
//!   May against 5/12 (behind −1), 450 in June against 6/12 (behind −1), behind
//!   two months in a row in June (streak −1). → 97.
//! - 县公安局 (gaj): never reports: not reported −2 each month, and its item has
//!   been lagging since January (streak −1 each month). → 91.
//! - 县文旅广体局 (wlj): co-leads 4.1 but reports nothing of its own (县公安局, the
//!   first lead, reports it): listed, not ranked.

mod common;

use common::{json_of, mingsheng, repo};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn fixture() -> PathBuf {
    repo().join("tests/fixtures/score")
}

fn score(dir: &Path, args: &[&str]) -> Value {
    json_of(
        mingsheng(dir)
            .env("MINGSHENG_TODAY", "2024-01")
            .args(["score", "--format", "json"])
            .args(args),
    )
}

fn unit<'a>(v: &'a Value, id: &str) -> &'a Value {
    v["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["id"] == id)
        .unwrap()
}

fn lines(u: &Value) -> Vec<(String, String, String, f64)> {
    u["deductions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["month"].as_str().unwrap().to_string(),
                d["item"].as_str().unwrap_or("").to_string(),
                d["rule"].as_str().unwrap().to_string(),
                d["points"].as_f64().unwrap(),
            )
        })
        .collect()
}

fn l(month: &str, item: &str, rule: &str, points: f64) -> (String, String, String, f64) {
    (month.into(), item.into(), rule.into(), points)
}

#[test]
fn hand_computed_quarter() {
    let v = score(&fixture(), &["--quarter", "2023Q2"]);
    assert_eq!(v["quarter"], "2023Q2");
    let expect = [
        ("cjl", 101.0, Some(1)),
        ("mzj", 98.0, Some(2)),
        ("rsj", 97.0, Some(3)),
        ("gaj", 91.0, Some(4)),
        ("wlj", 100.0, None),
    ];
    let order: Vec<&str> = v["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["id"].as_str().unwrap())
        .collect();
    assert_eq!(order, ["cjl", "mzj", "rsj", "gaj", "wlj"]);
    for (id, s, rank) in expect {
        let u = unit(&v, id);
        assert_eq!(u["score"].as_f64(), Some(s), "{id}");
        assert_eq!(u["rank"].as_u64().map(|r| r as usize), rank, "{id}");
        // The explanation adds up to the score.
        let sum: f64 = lines(u).iter().map(|x| x.3).sum();
        assert_eq!(100.0 + sum, s, "{id}");
    }
    assert_eq!(
        lines(unit(&v, "cjl")),
        vec![
            l("2023-05", "3.1", "done_early", 1.0),
            l("2023-05", "3.2", "behind", -1.0),
            l("2023-06", "3.2", "done_early", 1.0),
        ]
    );
    assert_eq!(
        lines(unit(&v, "mzj")),
        vec![l("2023-05", "2.1", "not_reported", -2.0)]
    );
    assert_eq!(
        lines(unit(&v, "rsj")),
        vec![
            l("2023-05", "1.1", "behind", -1.0),
            l("2023-06", "1.1", "behind", -1.0),
            l("2023-06", "1.1", "streak", -1.0),
        ]
    );
    assert_eq!(lines(unit(&v, "gaj")).len(), 6, "every report missing");
    assert!(lines(unit(&v, "wlj")).is_empty());
}

#[test]
fn year_is_the_mean_of_its_quarters() {
    // Q1: nothing reported: −2 a month per indicator, streak −1 in Feb and Mar.
    // Q3, Q4: no files; done indicators stay done; lagging ones keep losing.
    // rsj (92 + 97 + 91 + 91) / 4 = 92.75; mzj (92 + 98 + 100 + 100) / 4 = 97.5;
    // cjl (84 + 101 + 100 + 100) / 4 = 96.25; gaj (92 + 91 + 91 + 91) / 4 = 91.25.
    // A month with no file at all cannot be scored: the empty months get a
    // form filed blank (header only), which reports nothing, as before.
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture(), dir.path());
    for m in [1, 2, 3, 7, 8, 9, 10, 11, 12] {
        let p = dir.path().join(format!("data/2023-{m:02}/县人社局.csv"));
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, "事项编号,指标,累计完成\r\n").unwrap();
    }
    let v = score(dir.path(), &["--year", "2023"]);
    assert_eq!(v["year"], "2023");
    for (id, s, rank) in [
        ("mzj", 97.5, 1),
        ("cjl", 96.25, 2),
        ("rsj", 92.75, 3),
        ("gaj", 91.25, 4),
    ] {
        let u = unit(&v, id);
        assert_eq!(u["score"].as_f64(), Some(s), "{id}");
        assert_eq!(u["rank"].as_u64(), Some(rank), "{id}");
        assert_eq!(u["quarters"].as_array().unwrap().len(), 4);
    }
    let q = |id: &str, k: usize| unit(&v, id)["quarters"][k]["score"].as_f64().unwrap();
    assert_eq!([q("rsj", 0), q("rsj", 1), q("rsj", 2)], [92.0, 97.0, 91.0]);
    assert_eq!([q("cjl", 0), q("mzj", 2)], [84.0, 100.0]);
    // Without those files the year is refused, naming the empty months.
    mingsheng(&fixture())
        .env("MINGSHENG_TODAY", "2024-01")
        .args(["score", "--year", "2023"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "2023-01、2023-02、2023-03、2023-07",
        ));
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let dest = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &dest);
        } else {
            std::fs::copy(e.path(), dest).unwrap();
        }
    }
}

#[test]
fn rules_changed_in_the_toml() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture(), dir.path());
    let plan = dir.path().join("seeds/2023.toml");
    let text = std::fs::read_to_string(&plan).unwrap().replacen(
        "[[units]]",
        "[scoring]\nbehind = -2\nmax_deduction = 5\nrank_bonus = [2]\n\n[[units]]",
        1,
    );
    std::fs::write(&plan, text).unwrap();
    let v = score(dir.path(), &["--quarter", "2023Q2"]);
    // rsj: −2 −2 −1 = 95; cjl: +1 −2 +1 = 100, then first place +2 = 102;
    // gaj: −9 capped at −5 = 95 (a cap line gives back 4); mzj unchanged at 98.
    assert_eq!(unit(&v, "rsj")["score"].as_f64(), Some(95.0));
    assert_eq!(unit(&v, "cjl")["score"].as_f64(), Some(102.0));
    assert_eq!(unit(&v, "cjl")["rank"].as_u64(), Some(1));
    assert_eq!(unit(&v, "gaj")["score"].as_f64(), Some(95.0));
    assert!(lines(unit(&v, "gaj")).contains(&l("2023-06", "", "cap", 4.0)));
    // rsj and gaj tie at 95: both third, and the next rank would be fifth.
    assert_eq!(unit(&v, "mzj")["rank"].as_u64(), Some(2));
    assert_eq!(unit(&v, "rsj")["rank"].as_u64(), Some(3));
    assert_eq!(unit(&v, "gaj")["rank"].as_u64(), Some(3));
    for u in v["units"].as_array().unwrap() {
        let sum: f64 = lines(u).iter().map(|x| x.3).sum();
        assert_eq!(100.0 + sum, u["score"].as_f64().unwrap());
    }
}

#[test]
fn co_leads_share_everything_under_all_leads() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture(), dir.path());
    let plan = dir.path().join("seeds/2023.toml");
    let text = std::fs::read_to_string(&plan).unwrap().replacen(
        "[[units]]",
        "[scoring]\nsharing = \"all_leads\"\n\n[[units]]",
        1,
    );
    std::fs::write(&plan, text).unwrap();
    let v = score(dir.path(), &["--quarter", "2023Q2"]);
    // The co-lead now takes 4.1's points in full, as 县公安局 does: 91, ranked.
    for id in ["gaj", "wlj"] {
        assert_eq!(unit(&v, id)["score"].as_f64(), Some(91.0), "{id}");
        assert_eq!(unit(&v, id)["rank"].as_u64(), Some(4), "{id}");
    }
    assert_eq!(unit(&v, "cjl")["score"].as_f64(), Some(101.0));
}

#[test]
fn a_quarter_outside_the_plan_year_is_refused() {
    mingsheng(&fixture())
        .env("MINGSHENG_TODAY", "2025-01")
        .args(["score", "--quarter", "2024Q1"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("2024Q1 没有生效的任务清单版本"));
}

#[test]
fn a_quarter_not_over_is_refused() {
    mingsheng(&fixture())
        .env("MINGSHENG_TODAY", "2023-06")
        .args(["score", "--quarter", "2023Q2"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("尚未结束"));
}

#[test]
fn one_unit_explained_line_by_line() {
    let out = mingsheng(&fixture())
        .env("MINGSHENG_TODAY", "2024-01")
        .env("NO_COLOR", "1")
        .args(["score", "--quarter", "2023Q2", "--unit", "人社局"])
        .output()
        .unwrap();
    // 人社局 is not an alias in this fixture: a clear error.
    assert_eq!(out.status.code(), Some(2));
    let out = mingsheng(&fixture())
        .env("MINGSHENG_TODAY", "2024-01")
        .env("NO_COLOR", "1")
        .args(["score", "--quarter", "2023Q2", "--unit", "县人社局"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("县人社局：97 分，名次 3"), "{text}");
    assert!(text.contains("连续滞后"), "{text}");
    assert!(text.contains("基础分 100 −3 = 97 分"), "{text}");
    // The indicator as the clerk knows it, not its id.
    assert!(
        text.contains("│ 2023-05 ┆ 1.1  ┆ 城镇新增就业 ┆ 滞后"),
        "{text}"
    );
    assert!(!text.contains("jobs"), "{text}");
}

#[test]
fn exports_csv_and_xlsx() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("二季度 考评.csv");
    let xlsx = dir.path().join("二季度 考评.xlsx");
    for p in [&csv, &xlsx] {
        mingsheng(&fixture())
            .env("MINGSHENG_TODAY", "2024-01")
            .args(["score", "--quarter", "2023Q2", "-o"])
            .arg(p)
            .assert()
            .success();
    }
    let bytes = std::fs::read(&csv).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(
        text.contains("2023Q2,rsj,县人社局,97,3,2023-06,1.1,,streak,连续滞后,-1"),
        "{text}"
    );
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let mut wb: Xlsx<_> = open_workbook(&xlsx).unwrap();
    let sheet = wb.worksheet_range("得分与名次").unwrap();
    // A title row above the header, as the report's workbook prints.
    let title = sheet.get((0, 0)).unwrap().to_string();
    assert!(title.contains("动态考评"), "{title}");
    assert_eq!(sheet.get((1, 2)), Some(&Data::String("单位".into())));
    assert_eq!(sheet.get((2, 2)), Some(&Data::String("县残联".into())));
    assert_eq!(sheet.get((2, 3)), Some(&Data::Float(101.0)));
    let lines = wb.worksheet_range("扣分明细").unwrap();
    assert_eq!(lines.get((1, 8)), Some(&Data::String("规则代码".into())));
    assert_eq!(lines.get((2, 10)), Some(&Data::Float(1.0)));
    // It prints: A4 landscape, one page wide, title and header on every page.
    let zip = zip::ZipArchive::new(std::fs::File::open(&xlsx).unwrap());
    let mut zip = zip.unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("xl/worksheets/sheet2.xml").unwrap(),
        &mut xml,
    )
    .unwrap();
    assert!(xml.contains("orientation=\"landscape\""), "{xml}");
    assert!(xml.contains("fitToHeight=\"0\""), "{xml}");
    assert!(xml.contains("<autoFilter"), "{xml}");
}

/// Scores are not a 公文: docx is refused before any work, naming the formats
/// score writes, in either language, and no file is left behind.
#[test]
fn docx_is_refused_with_the_formats_score_writes() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("scores.docx");
    mingsheng(&fixture())
        .args(["score", "--quarter", "2023Q2", "-o"])
        .arg(&out)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicates::str::contains(
            "score 只能输出 table、csv、json、md、html 或 xlsx，不支持 docx",
        ));
    assert!(!out.exists());
    mingsheng(&fixture())
        .args([
            "--lang", "en", "score", "--year", "2023", "--format", "docx",
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "score writes table, csv, json, md, html or xlsx, not docx",
        ));
}

/// The HTML page's bars by hand: scores 101, 98, 97, 91 (县文旅广体局 not
/// ranked), so bars start at ⌊91 − 5⌋ = 86 and span 15 points: 100 %, 80 %,
/// 73.3 %, 33.3 %. A unit name with markup is escaped in the bar as in the table.
#[test]
fn html_bars_by_hand_with_names_escaped() {
    let dir = tempfile::tempdir().unwrap();
    for entry in walk(&fixture()) {
        let to = dir.path().join(entry.strip_prefix(fixture()).unwrap());
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(&entry, &to).unwrap();
    }
    let seeds = dir.path().join("seeds/2023.toml");
    let toml = std::fs::read_to_string(&seeds).unwrap().replacen(
        "id = \"cjl\"\nname = \"县残联\"",
        "id = \"cjl\"\nname = \"县残联<b>'&\"\naliases = [\"县残联\"]",
        1,
    );
    std::fs::write(&seeds, toml).unwrap();
    let out = mingsheng(dir.path())
        .args(["score", "--quarter", "2023Q2", "--format", "html"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(
        page.contains("<p class=\"axis\">柱长自 86 分起</p>\n"),
        "{page}"
    );
    let bar = |name: &str, w: &str, v: &str| {
        format!("<div class=\"bar\"><span class=\"name\">{name}</span><svg width=\"60%\" height=\"14\"><rect width=\"{w}%\" height=\"14\" fill=\"#b22222\"/></svg><span class=\"v\">{v}</span></div>\n")
    };
    let bars = [
        bar("县残联&lt;b&gt;&#39;&amp;", "100.0", "101"),
        bar("县民政局", "80.0", "98"),
        bar("县人社局", "73.3", "97"),
        bar("县公安局", "33.3", "91"),
    ]
    .concat();
    assert!(page.contains(&bars), "{page}");
    assert!(!page.contains("<b>"));
}

/// Every file under `dir`.
fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            files.extend(walk(&p));
        } else {
            files.push(p);
        }
    }
    files
}
