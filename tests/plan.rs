//! The task list: the shipped plan, versions, diff, and every task-list rule.

mod common;

use assert_cmd::cargo::cargo_bin_cmd;
use common::{json_of, mingsheng, repo};
use serde_json::Value;
use std::path::Path;

fn plan_json(dir: &Path, extra: &[&str]) -> Value {
    json_of(
        mingsheng(dir)
            .args(["plan", "--format", "json"])
            .args(extra),
    )
}

#[test]
fn shipped_plan_loads_without_diagnostics() {
    let out = mingsheng(repo()).arg("plan").output().unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("19 项任务，31 项工作事项"), "{text}");
}

/// Every quantitative target of the seed's 工作事项 column, as (item, target, unit).
const SEED_TARGETS: &[(&str, f64, &str)] = &[
    ("1.1", 3200.0, "人"),
    ("2.1", 80000.0, "户"),
    ("2.1", 100.0, "个"),
    ("2.1", 35.0, "类"),
    ("3.1", 650.0, "元/月"),
    ("3.1", 5016.0, "元/年"),
    ("3.1", 80.0, "元/月·人"),
    ("3.1", 1100.0, "元/月"),
    ("3.1", 1500.0, "元/月"),
    ("4.1", 94.0, "户"),
    ("5.1", 2800.0, "人"),
    ("6.1", 45.0, "名"),
    ("6.1", 50.0, "户"),
    ("7.2", 90.0, "个"),
    ("8.1", 2.0, "家"),
    ("8.1", 2.0, "个"),
    ("9.1", 19.0, "个"),
    ("9.1", 45.0, "个"),
    ("9.2", 2.0, "个"),
    ("10.1", 31.0, "公里"),
    ("10.1", 19.0, "公里"),
    ("10.2", 10.0, "公里"),
    ("10.4", 1579.0, "个"),
    ("10.5", 62.0, "个"),
    ("10.6", 60000.0, "方"),
    ("10.6", 80000.0, "方"),
    ("10.7", 12.0, "个"),
    ("11.1", 1.0, "个"),
    ("11.1", 11.0, "个"),
    ("11.1", 2.0, "个"),
    ("12.1", 200.0, "个"),
    ("15.1", 12.0, "张"),
    ("17.1", 90.0, "%"),
    ("17.1", 100.0, "%"),
    ("18.1", 1350.0, "吨"),
    ("18.1", 400.0, "吨"),
    ("18.1", 30.0, "吨"),
    ("18.1", 320000.0, "头"),
    ("18.1", 219000.0, "亩"),
    ("18.1", 76000.0, "吨"),
    ("18.1", 105000.0, "亩"),
];

#[test]
fn json_lists_all_31_items_with_every_seed_target() {
    let v = plan_json(repo(), &[]);
    let items = v["items"].as_array().unwrap();
    assert_eq!(items.len(), 31);
    assert_eq!(v["units"].as_array().unwrap().len(), 24);
    assert_eq!(v["plan"]["version"], "2023");
    assert_eq!(v["plan"]["effective"], "2023-01");
    assert_eq!(v["plan"]["year"], 2023);
    let item = |id: &str| items.iter().find(|i| i["id"] == id).unwrap();
    for (id, target, unit) in SEED_TARGETS {
        let found = item(id)["indicators"]
            .as_array()
            .unwrap()
            .iter()
            .any(|k| k["target"].as_f64() == Some(*target) && k["unit"] == *unit);
        assert!(found, "item {id} lacks target {target} {unit}");
    }
    // 14万方 = 6万 + 8万.
    let water: f64 = item("10.6")["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["target"].as_f64().unwrap())
        .sum();
    assert_eq!(water, 140000.0);
    // Raised standards carry their baselines.
    let urban = &item("3.1")["indicators"][0];
    assert_eq!(urban["kind"], "level");
    assert_eq!(urban["baseline"], 600.0);
    // Items without a number get a milestone; 长期坚持 is ongoing; merged cells continue.
    assert_eq!(item("1.2")["indicators"][0]["kind"], "milestone");
    assert_eq!(item("1.2")["lead"], serde_json::json!(["rsj"]));
    assert_eq!(item("3.1")["deadline"], "ongoing");
    assert_eq!(item("18.4")["deadline"], "ongoing");
    assert_eq!(
        item("10.5")["categories"],
        serde_json::json!(["市政府十大民生实事"])
    );
    // Task 10 has items 10.1 … 10.7.
    let task10 = items.iter().filter(|i| i["task"] == 10).count();
    assert_eq!(task10, 7);
    // Every item and indicator has the fields docs/plan-format.md requires.
    for i in items {
        for key in ["id", "task", "text", "categories", "lead", "deadline"] {
            assert!(i.get(key).is_some(), "item lacks {key}");
        }
        for k in i["indicators"].as_array().unwrap() {
            for key in [
                "id", "name", "kind", "target", "baseline", "unit", "reporter",
            ] {
                assert!(k.get(key).is_some(), "indicator lacks {key}");
            }
        }
    }
    // 23 distinct lead units.
    let mut leads: Vec<&str> = items
        .iter()
        .flat_map(|i| i["lead"].as_array().unwrap())
        .map(|u| u.as_str().unwrap())
        .collect();
    leads.sort();
    leads.dedup();
    assert_eq!(leads.len(), 23);
}

fn fixture() -> std::path::PathBuf {
    repo().join("tests/fixtures/双牌 修订")
}

#[test]
fn version_in_force_changes_at_the_effective_month() {
    let june = plan_json(&fixture(), &["--month", "2023-06"]);
    assert_eq!(june["plan"]["version"], "2023");
    let july = plan_json(&fixture(), &["--month", "2023-07"]);
    assert_eq!(july["plan"]["version"], "2023-07修订");
    let latest = plan_json(&fixture(), &[]);
    assert_eq!(latest["plan"]["version"], "2023-07修订");
    let by_label = plan_json(&fixture(), &["--version", "2023"]);
    assert_eq!(by_label["items"][0]["indicators"][0]["target"], 3200.0);
    mingsheng(&fixture())
        .args(["plan", "--month", "2022-12"])
        .assert()
        .code(2);
    mingsheng(&fixture())
        .args(["plan", "--version", "2099"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("2023-07修订"));
}

#[test]
fn diff_shows_what_the_revision_changed() {
    let out = mingsheng(&fixture())
        .args(["plan", "--diff", "2023", "2023-07修订", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let changes = v["changes"].as_array().unwrap();
    let has = |item: &str, field: &str, from: Option<&str>, to: Option<&str>| {
        changes.iter().any(|c| {
            c["item"] == item
                && c["field"] == field
                && from.is_none_or(|f| c["from"] == f)
                && to.is_none_or(|t| c["to"] == t)
        })
    };
    assert!(has("1.1", "target", Some("3200"), Some("3500")));
    assert!(has("1.1", "deadline", Some("2023-12"), Some("2023-11")));
    assert!(has(
        "2.1",
        "lead",
        Some("县民政局"),
        Some("县民政局、县人社局")
    ));
    assert!(has("2.1", "reporter", Some("县民政局"), Some("县人社局")));
    assert!(has("2.2", "item_added", None, None));
    assert!(has("1.2", "item_removed", None, None));
    assert_eq!(changes.len(), 7, "{changes:#?}");
    // The table form names the same.
    mingsheng(&fixture())
        .args(["plan", "--diff", "2023", "2023-07修订"])
        .assert()
        .success()
        .stdout(predicates::str::contains("7 处变化"));
}

#[test]
fn no_workspace_is_exit_2_naming_where_it_looked() {
    let dir = tempfile::tempdir().unwrap();
    mingsheng(dir.path())
        .arg("plan")
        .assert()
        .code(2)
        .stderr(predicates::str::contains("seeds/"));
    let mut cmd = cargo_bin_cmd!("mingsheng");
    cmd.current_dir(dir.path())
        .arg("plan")
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            dir.path().file_name().unwrap().to_str().unwrap(),
        ));
}

#[test]
fn discovers_the_workspace_from_a_subfolder() {
    let mut cmd = cargo_bin_cmd!("mingsheng");
    cmd.current_dir(fixture().join("seeds"))
        .args(["plan", "--format", "json"])
        .assert()
        .success()
        .stdout(predicates::str::contains("2023-07修订"));
}

// ---------------------------------------------------------------------------
// One broken plan per rule: the code, the file and the line.

const BASE: &str = include_str!("fixtures/双牌 修订/seeds/2023.toml");

struct Finding {
    code: String,
    file: String,
    line: usize,
}

/// Runs `plan --lang en` on a workspace made of the given seed files and returns
/// the exit code and the findings parsed from the rendered diagnostics.
fn findings(files: &[(&str, &[u8])]) -> (i32, Vec<Finding>, String) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("seeds")).unwrap();
    for (name, bytes) in files {
        std::fs::write(dir.path().join("seeds").join(name), bytes).unwrap();
    }
    let out = mingsheng(dir.path())
        .args(["--lang", "en", "plan"])
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    let mut list = Vec::new();
    let mut code = None;
    for line in stderr.lines() {
        if let Some(rest) = line
            .strip_prefix("error[")
            .or_else(|| line.strip_prefix("warning["))
        {
            code = Some(rest.split(']').next().unwrap().to_string());
        } else if let Some(loc) = line.trim_start().strip_prefix("--> ") {
            let mut parts = loc.split(':');
            let file = parts.next().unwrap().to_string();
            let line_no = parts.next().and_then(|l| l.parse().ok()).unwrap_or(0);
            list.push(Finding {
                code: code.take().unwrap_or_default(),
                file,
                line: line_no,
            });
        }
    }
    (out.status.code().unwrap(), list, stderr)
}

/// The 1-based line of the first occurrence of `needle` in `text`.
fn line_of(text: &str, needle: &str) -> usize {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} not in text"));
    text[..at].matches('\n').count() + 1
}

/// Applies `from → to` to the base plan, expects `code` at the line where
/// `at` stands in the result.
fn assert_rule(from: &str, to: &str, code: &str, at: &str) {
    assert!(BASE.contains(from), "base lacks {from}");
    let text = BASE.replacen(from, to, 1);
    let (exit, list, stderr) = findings(&[("2023.toml", text.as_bytes())]);
    let line = line_of(&text, at);
    assert!(
        list.iter()
            .any(|f| f.code == code && f.file == "seeds/2023.toml" && f.line == line),
        "expected {code} at seeds/2023.toml:{line}, got:\n{stderr}"
    );
    if !list.iter().all(|f| f.code == "unused-baseline") {
        assert_eq!(exit, 1, "{stderr}");
    }
}

#[test]
fn malformed_toml() {
    assert_rule(
        "title = \"促进就业\"",
        "title = \"促进就业",
        "toml-syntax",
        "title = \"促进就业",
    );
}

#[test]
fn unknown_field() {
    assert_rule(
        "version = \"2023\"",
        "version = \"2023\"\ncolour = \"red\"",
        "unknown-field",
        "colour",
    );
}

/// A field at the top of the file is placed there in the reader's language.
#[test]
fn unknown_field_at_the_top_is_placed_in_each_language() {
    let text = BASE.replacen("format = 1", "format = 1\nbogus = 2", 1);
    let (_, _, en) = findings(&[("2023.toml", text.as_bytes())]);
    assert!(
        en.contains("unknown field `bogus` in the top level"),
        "{en}"
    );
    assert!(!en.contains("文件顶层"), "{en}");
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("seeds")).unwrap();
    std::fs::write(dir.path().join("seeds/2023.toml"), &text).unwrap();
    let out = mingsheng(dir.path()).arg("plan").output().unwrap();
    let zh = String::from_utf8(out.stderr).unwrap();
    assert!(zh.contains("文件顶层 中没有「bogus」这个字段"), "{zh}");
}

#[test]
fn missing_field() {
    assert_rule(
        "text = \"开展补贴性职业技能培训。\"\n",
        "",
        "missing-field",
        "[[items]]\nid = \"1.2\"",
    );
    assert_rule(
        "baseline = 600\n",
        "",
        "missing-field",
        "[[items.indicators]]\nid = \"urban\"",
    );
}

#[test]
fn wrong_type() {
    assert_rule("year = 2023", "year = \"2023\"", "wrong-type", "year = ");
    assert_rule(
        "effective = \"2023-01\"",
        "effective = 2023-01-01",
        "wrong-type",
        "effective",
    );
}

#[test]
fn unsupported_format() {
    let (exit, list, stderr) = findings(&[(
        "2023.toml",
        BASE.replace("format = 1", "format = 2").as_bytes(),
    )]);
    assert_eq!(exit, 1);
    assert_eq!(
        list.len(),
        1,
        "a newer format is refused, not misread:\n{stderr}"
    );
    assert_eq!(list[0].code, "unsupported-format");
    assert_eq!(list[0].line, line_of(BASE, "format = 1"));
}

#[test]
fn duplicate_ids_and_aliases() {
    assert_rule(
        "id = \"mzj\"",
        "id = \"rsj\"",
        "duplicate-id",
        "id = \"rsj\"\nname = \"县民政局\"",
    );
    assert_rule(
        "aliases = [\"民政局\"]",
        "aliases = [\"人社局\"]",
        "duplicate-alias",
        "aliases = [\"人社局\"]\n\n[[tasks]]",
    );
}

#[test]
fn duplicate_item_and_indicator_ids() {
    assert_rule(
        "id = \"2.1\"",
        "id = \"1.1\"",
        "duplicate-id",
        "id = \"1.1\"\ntext = \"城市",
    );
    let text = BASE.replace(
        "[[items]]\nid = \"1.2\"",
        "[[items.indicators]]\nid = \"jobs\"\nname = \"又一个\"\nkind = \"cumulative\"\ntarget = 1\nunit = \"人\"\n\n[[items]]\nid = \"1.2\"",
    );
    let (_, list, stderr) = findings(&[("2023.toml", text.as_bytes())]);
    assert!(
        list.iter()
            .any(|f| f.code == "duplicate-id" && f.line == line_of(&text, "name = \"又一个\"") - 1),
        "{stderr}"
    );
}

#[test]
fn lead_or_reporter_that_is_no_unit() {
    assert_rule(
        "lead = [\"人社局\"]",
        "lead = [\"县财政局\"]",
        "unknown-unit",
        "县财政局",
    );
    assert_rule(
        "unit = \"元/月\"",
        "unit = \"元/月\"\nreporter = \"县医保局\"",
        "unknown-unit",
        "县医保局",
    );
    assert_rule(
        "office = \"县人社局\"",
        "office = \"专班\"",
        "unknown-unit",
        "专班",
    );
}

#[test]
fn target_not_positive() {
    assert_rule(
        "target = 3200",
        "target = 0",
        "target-not-positive",
        "target = 0",
    );
    assert_rule(
        "target = 3200",
        "target = -5",
        "target-not-positive",
        "target = -5",
    );
}

#[test]
fn level_baseline_not_below_target() {
    assert_rule(
        "baseline = 600",
        "baseline = 700",
        "baseline-not-below-target",
        "baseline = 700",
    );
}

#[test]
fn percent_target_outside_0_100() {
    assert_rule(
        "target = 3200\nunit = \"人\"",
        "target = 120\nunit = \"%\"",
        "percent-out-of-range",
        "target = 120",
    );
}

#[test]
fn bad_deadline() {
    assert_rule(
        "deadline = \"ongoing\"",
        "deadline = \"年底\"",
        "bad-deadline",
        "年底",
    );
    assert_rule(
        "deadline = \"ongoing\"",
        "deadline = \"2024-03\"",
        "bad-deadline",
        "2024-03",
    );
}

#[test]
fn bad_effective_month() {
    assert_rule(
        "effective = \"2023-01\"",
        "effective = \"2023-1\"",
        "bad-month",
        "effective",
    );
    assert_rule(
        "effective = \"2023-01\"",
        "effective = \"2022-12\"",
        "bad-month",
        "effective",
    );
}

#[test]
fn unknown_category_kind_and_schedule() {
    assert_rule(
        "categories = [\"省定重点民生实事\"]\nlead = [\"县人社局\"]",
        "categories = [\"市级民生实事\"]\nlead = [\"县人社局\"]",
        "unknown-category",
        "市级民生实事",
    );
    assert_rule(
        "kind = \"milestone\"",
        "kind = \"node\"",
        "bad-kind",
        "node",
    );
    assert_rule(
        "unit = \"人\"",
        "unit = \"人\"\nschedule = [0.5, 0.3, 1]",
        "bad-schedule",
        "schedule",
    );
}

/// The milestone of the base plan given stages, one a line.
fn staged(stages: &[&str]) -> String {
    format!(
        "kind = \"milestone\"\nstages = [\n{}\n]",
        stages
            .iter()
            .map(|s| format!("  {s},"))
            .collect::<Vec<_>>()
            .join("\n")
    )
}

#[test]
fn stages_valid_and_invalid() {
    // A valid list loads.
    let text = BASE.replacen(
        "kind = \"milestone\"",
        &staged(&[
            "{ name = \"制定方案\", due = \"2023-03\" }",
            "{ name = \"完成培训\", due = \"2023-03\" }",
            "{ name = \"考核发证\", due = \"2023-12\" }",
        ]),
        1,
    );
    let (exit, list, stderr) = findings(&[("2023.toml", text.as_bytes())]);
    assert_eq!((exit, list.len()), (0, 0), "{stderr}");
    let rule = |stages: &[&str], code: &str, at: &str| {
        assert_rule("kind = \"milestone\"", &staged(stages), code, at)
    };
    let ok = "{ name = \"制定方案\", due = \"2023-03\" }";
    // A month outside the plan year, unreadable, or out of order.
    rule(
        &[ok, "{ name = \"乙\", due = \"2024-02\" }"],
        "bad-stage",
        "2024-02",
    );
    rule(
        &[ok, "{ name = \"乙\", due = \"年中\" }"],
        "bad-stage",
        "年中",
    );
    rule(
        &[
            "{ name = \"甲\", due = \"2023-06\" }",
            "{ name = \"乙\", due = \"2023-05\" }",
        ],
        "bad-stage",
        "2023-05",
    );
    // Names unique within the item, and not an indicator's id or name.
    rule(
        &[ok, "{ name = \"制定方案\", due = \"2023-04\" }"],
        "duplicate-id",
        "2023-04",
    );
    rule(
        &[ok, "{ name = \"training\", due = \"2023-04\" }"],
        "duplicate-id",
        "\"training\", due",
    );
    // Missing or unknown keys, and an empty list.
    rule(
        &[ok, "{ name = \"乙\" }"],
        "missing-field",
        "{ name = \"乙\" }",
    );
    rule(
        &[ok, "{ name = \"乙\", due = \"2023-04\", owner = \"x\" }"],
        "unknown-field",
        "owner",
    );
    assert_rule(
        "kind = \"milestone\"",
        "kind = \"milestone\"\nstages = []",
        "bad-stage",
        "stages = []",
    );
    // Only a milestone has stages.
    assert_rule(
        "name = \"城镇新增就业\"",
        "name = \"城镇新增就业\"\nstages = [{ name = \"甲\", due = \"2023-03\" }]",
        "bad-stage",
        "stages = [",
    );
    // Not after the item's deadline.
    let text = BASE
        .replacen(
            "deadline = \"2023-12\"\n\n[[items.indicators]]\nid = \"training\"",
            "deadline = \"2023-06\"\n\n[[items.indicators]]\nid = \"training\"",
            1,
        )
        .replacen(
            "kind = \"milestone\"",
            &staged(&[ok, "{ name = \"乙\", due = \"2023-09\" }"]),
            1,
        );
    let (exit, list, stderr) = findings(&[("2023.toml", text.as_bytes())]);
    let line = line_of(&text, "2023-09");
    assert!(
        exit == 1 && list.iter().any(|f| f.code == "bad-stage" && f.line == line),
        "{stderr}"
    );
    assert!(
        stderr.contains("after the item's deadline 2023-06"),
        "{stderr}"
    );
}

#[test]
fn bad_short_name() {
    assert_rule(
        "text = \"城镇新增就业3200人。\"",
        "text = \"城镇新增就业3200人。\"\nshort = \"\"",
        "bad-short",
        "short = \"\"",
    );
    assert_rule(
        "text = \"城镇新增就业3200人。\"",
        "text = \"城镇新增就业3200人。\"\nshort = \"城镇新增就业3200人城镇新增就业3200人\"",
        "bad-short",
        "short = ",
    );
}

#[test]
fn bad_margins_and_scoring() {
    assert_rule(
        "[[units]]",
        "[margins]\nahead = 1.5\n\n[[units]]",
        "bad-margin",
        "ahead = 1.5",
    );
    // A tolerance must be 0 or more and below the severe gap.
    assert_rule(
        "[[units]]",
        "[margins]\ntolerance = -0.01\n\n[[units]]",
        "bad-margin",
        "tolerance = -0.01",
    );
    assert_rule(
        "[[units]]",
        "[margins]\nsevere = 0.15\ntolerance = 0.15\n\n[[units]]",
        "bad-margin",
        "tolerance = 0.15",
    );
    assert_rule(
        "[[units]]",
        "[margins]\nstage_missed = 0\n\n[[units]]",
        "bad-margin",
        "stage_missed = 0",
    );
    assert_rule(
        "[[units]]",
        "[scoring]\nbehind = 1\n\n[[units]]",
        "bad-scoring",
        "behind = 1",
    );
    assert_rule(
        "[[units]]",
        "[scoring]\nsharing = \"everyone\"\n\n[[units]]",
        "bad-scoring",
        "sharing",
    );
    assert_rule(
        "[[units]]",
        "[scoring]\nlate = 1\n\n[[units]]",
        "bad-scoring",
        "late = 1",
    );
}

#[test]
fn bad_reporting_keys() {
    assert_rule(
        "[[units]]",
        "[reporting]\ndue_day = 40\n\n[[units]]",
        "bad-reporting",
        "due_day = 40",
    );
    assert_rule(
        "[[units]]",
        "[reporting]\ndue_day = \"5日\"\n\n[[units]]",
        "wrong-type",
        "due_day",
    );
    assert_rule(
        "[[units]]",
        "[reporting]\ndue_date = 5\n\n[[units]]",
        "unknown-field",
        "due_date",
    );
}

#[test]
fn bad_item_ids() {
    assert_rule("id = \"1.2\"", "id = \"1-2\"", "bad-id", "1-2");
    assert_rule("id = \"2.1\"", "id = \"9.1\"", "unknown-task", "9.1");
}

#[test]
fn plan_file_not_utf8() {
    let mut bytes = BASE.as_bytes().to_vec();
    let (gbk, _, _) = encoding_rs::GBK.encode("促进就业");
    let at = BASE.find("促进就业").unwrap();
    bytes.splice(at..at + "促进就业".len(), gbk.iter().copied());
    let (exit, list, stderr) = findings(&[("2023.toml", &bytes)]);
    assert_eq!(exit, 1);
    assert!(
        list.iter()
            .any(|f| f.code == "bad-encoding" && f.line == line_of(BASE, "促进就业")),
        "{stderr}"
    );
}

#[test]
fn two_versions_with_one_label_or_one_month() {
    let second = BASE.replace("effective = \"2023-01\"", "effective = \"2023-07\"");
    let (exit, list, stderr) = findings(&[
        ("2023.toml", BASE.as_bytes()),
        ("2023-07.toml", second.as_bytes()),
    ]);
    assert_eq!(exit, 1);
    assert!(
        list.iter().any(|f| f.code == "duplicate-version"
            && f.file == "seeds/2023.toml"
            && f.line == line_of(BASE, "version = ")),
        "{stderr}"
    );
    let relabelled = BASE.replace("version = \"2023\"", "version = \"2023b\"");
    let (exit, list, stderr) = findings(&[
        ("2023.toml", BASE.as_bytes()),
        ("2023b.toml", relabelled.as_bytes()),
    ]);
    assert_eq!(exit, 1);
    assert!(
        list.iter().any(|f| f.code == "duplicate-effective"
            && f.file == "seeds/2023b.toml"
            && f.line == line_of(&relabelled, "effective = ")),
        "{stderr}"
    );
}

#[test]
fn all_problems_in_one_run() {
    let text = BASE
        .replace("year = 2023", "year = \"2023\"")
        .replace("target = 3200", "target = 0")
        .replace("deadline = \"ongoing\"", "deadline = \"年底\"");
    let (_, list, stderr) = findings(&[("2023.toml", text.as_bytes())]);
    for code in ["wrong-type", "target-not-positive", "bad-deadline"] {
        assert!(
            list.iter().any(|f| f.code == code),
            "{code} missing:\n{stderr}"
        );
    }
}

#[test]
fn messages_are_chinese_by_default_and_quote_the_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("seeds")).unwrap();
    std::fs::write(
        dir.path().join("seeds/2023.toml"),
        BASE.replace("lead = [\"人社局\"]", "lead = [\"县财政局\"]"),
    )
    .unwrap();
    let out = mingsheng(dir.path()).arg("plan").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("错误[unknown-unit]: 牵头单位「县财政局」不是 [[units]] 中的单位"),
        "{stderr}"
    );
    assert!(stderr.contains("| lead = [\"县财政局\"]"), "{stderr}");
    // The marker sits under the quoted name: `lead = [` is 8 columns wide.
    assert!(
        stderr.contains(&format!("| {}^^^^^^^^^^", " ".repeat(8))),
        "{stderr}"
    );
    assert!(stderr.contains("= 提示:"), "{stderr}");
}
