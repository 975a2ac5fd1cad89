//! Closing a month (docs/closing.md) end to end: `close`, `reopen`, `log`, and how
//! `report`, `score` and `check` treat a closed month. Each test closes months
//! of a scratch copy of the shipped workspace, with received times set on the
//! files (their modified times) before closing, in Beijing time.

mod common;

use common::{json_of, repo, with_code, Workdir};
use serde_json::Value;
use std::path::Path;
use std::time::{Duration, SystemTime};

/// Beijing time, as the POSIX TZ string (no tz database needed).
const TZ: &str = "CST-8";

/// A workspace with the shipped plan and the shipped data of January–June.
fn workspace() -> Workdir {
    let w = Workdir::new();
    for m in 1..=6 {
        let month = format!("2023-{m:02}");
        let from = repo().join("data").join(&month);
        for e in std::fs::read_dir(&from).unwrap() {
            let p = e.unwrap().path();
            let name = p.file_name().unwrap().to_str().unwrap().to_string();
            w.write(&format!("data/{month}/{name}"), std::fs::read(&p).unwrap());
        }
        // On time: the 3rd of the next month, 10:00 Beijing time.
        received_all(&w, &month, &format!("2023-{:02}-03T10:00:00+08:00", m + 1));
    }
    w
}

fn time(rfc3339: &str) -> SystemTime {
    let t = chrono::DateTime::parse_from_rfc3339(rfc3339).unwrap();
    SystemTime::UNIX_EPOCH + Duration::from_secs(t.timestamp() as u64)
}

/// Sets a file's modified time: when it was received.
fn received(w: &Workdir, rel: &str, rfc3339: &str) {
    let f = std::fs::File::options()
        .write(true)
        .open(w.join(rel))
        .unwrap();
    f.set_modified(time(rfc3339)).unwrap();
}

fn received_all(w: &Workdir, month: &str, rfc3339: &str) {
    for e in std::fs::read_dir(w.join(&format!("data/{month}"))).unwrap() {
        let name = e.unwrap().file_name().into_string().unwrap();
        received(w, &format!("data/{month}/{name}"), rfc3339);
    }
}

/// The binary with a fixed clock, user and time zone.
fn cmd(w: &Workdir) -> assert_cmd::Command {
    let mut c = w.cmd();
    c.env("TZ", TZ)
        .env("MINGSHENG_NOW", "2023-07-10T09:00:00+08:00")
        .env("MINGSHENG_TODAY", "2024-01")
        .env("USER", "clerk")
        .env_remove("USERNAME");
    c
}

/// Runs a command; returns (exit code, stdout, stderr).
fn run(w: &Workdir, args: &[&str]) -> (i32, Vec<u8>, String) {
    let out = cmd(w).args(args).output().unwrap();
    (
        out.status.code().unwrap(),
        out.stdout,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn ok(w: &Workdir, args: &[&str]) -> Vec<u8> {
    let (code, out, err) = run(w, args);
    assert_eq!(code, 0, "{args:?}: {err}");
    out
}

fn close(w: &Workdir, month: &str, extra: &[&str]) {
    let mut args = vec!["close", "--month", month];
    args.extend_from_slice(extra);
    ok(w, &args);
}

fn manifest(w: &Workdir, dir: &str) -> Value {
    serde_json::from_slice(&w.read(&format!("archive/{dir}/manifest.json"))).unwrap()
}

/// Every file under a folder, relative, sorted.
fn tree(root: &Path) -> Vec<String> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                out.push(p.strip_prefix(root).unwrap().display().to_string());
            }
        }
    }
    let mut out = Vec::new();
    walk(root, root, &mut out);
    out.sort();
    out
}

/// Every output that must come out as issued.
fn issued(w: &Workdir) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    // One date for the notice before and after close (after close it would
    // default to the close date, see `a_closed_months_notice_keeps_its_close_date`).
    for format in ["table", "md", "html", "json", "csv"] {
        out.push(ok(
            w,
            &[
                "report",
                "--month",
                "2023-06",
                "--format",
                format,
                "--date",
                "2023-07-10",
            ],
        ));
    }
    let dir = tempfile::tempdir().unwrap();
    for name in ["通报.xlsx", "考评.xlsx"] {
        let path = dir.path().join(name);
        let cmd = if name.starts_with("通报") {
            vec!["report", "--month", "2023-06", "--date", "2023-07-10"]
        } else {
            vec!["score", "--quarter", "2023Q2"]
        };
        let mut args = cmd.clone();
        args.extend(["-o", path.to_str().unwrap()]);
        ok(w, &args);
        out.push(std::fs::read(&path).unwrap());
    }
    for args in [
        &["score", "--quarter", "2023Q2", "--format", "json"][..],
        &["score", "--quarter", "2023Q2"][..],
        &["score", "--quarter", "2023Q2", "--unit", "县人社局"][..],
    ] {
        out.push(ok(w, args));
    }
    out
}

/// An open month's draft is dated today; once closed, its notice is dated
/// the day it was closed (as issued), unless `--date` says otherwise.
#[test]
fn a_closed_months_notice_keeps_its_close_date() {
    let w = workspace();
    let md = |extra: &[&str]| {
        let mut args = vec!["report", "--month", "2023-06", "--format", "md"];
        args.extend_from_slice(extra);
        String::from_utf8(ok(&w, &args)).unwrap()
    };
    // MINGSHENG_TODAY is 2024-01: the draft is dated its first day.
    assert!(md(&[]).contains("2024年1月1日"));
    close(&w, "2023-04", &[]);
    close(&w, "2023-05", &["--allow-missing"]);
    close(&w, "2023-06", &[]);
    // MINGSHENG_NOW, the close, is 2023-07-10.
    let issued = md(&[]);
    assert!(issued.contains("2023年7月10日"), "{issued}");
    assert!(!issued.contains("2024年1月1日"), "{issued}");
    assert!(md(&["--date", "2023-07-12"]).contains("2023年7月12日"));
}

#[test]
fn report_and_score_reproduced_byte_for_byte_after_edits_to_data() {
    let w = workspace();
    let before_close = issued(&w);
    close(&w, "2023-04", &[]);
    close(&w, "2023-05", &["--allow-missing"]);
    close(&w, "2023-06", &[]);
    let issued_now = issued(&w);
    // Every file was on time and nothing changed: closing changes no figure.
    assert_eq!(before_close, issued_now);

    // Later, in data/: a figure edited, a file removed, a missing unit's file
    // added, a file renamed.
    let p = "data/2023-06/县人社局.csv";
    let text = String::from_utf8(w.read(p)).unwrap();
    assert!(text.contains("\"1,728\""));
    w.write(p, text.replace("\"1,728\"", "\"2,500\""));
    std::fs::remove_file(w.join("data/2023-05/县城管局.csv")).unwrap();
    w.write(
        "data/2023-05/县林业局.csv",
        "事项编号,指标,累计完成,状态\n16.1,,80,推进中\n",
    );
    std::fs::rename(
        w.join("data/2023-04/县民政局.csv"),
        w.join("data/2023-04/民政局.csv"),
    )
    .unwrap();
    assert_eq!(issued(&w), issued_now, "the record, not data/, is reported");

    // An open month is read from data/: July would see the edit, June does not.
    let json: Value = serde_json::from_slice(&ok(
        &w,
        &["report", "--month", "2023-06", "--format", "json"],
    ))
    .unwrap();
    let v = &json["items"][0]["indicators"][0]["value"];
    assert_eq!(v, 1728.0);
}

#[test]
fn check_names_each_change_after_close_with_old_and_new_values() {
    let w = workspace();
    close(&w, "2023-05", &["--allow-missing"]);
    close(&w, "2023-06", &[]);
    let (v, code) = w.check_json(&["--month", "2023-06"]);
    assert_eq!(code, 0, "{v:#}");
    assert!(with_code(&v, "changed-after-close").is_empty());

    // changed
    let p = "data/2023-06/县人社局.csv";
    let text = String::from_utf8(w.read(p)).unwrap();
    w.write(p, text.replace("\"1,728\"", "\"1,800\""));
    // renamed (same bytes)
    std::fs::rename(
        w.join("data/2023-06/县民政局.csv"),
        w.join("data/2023-06/民政局.csv"),
    )
    .unwrap();
    // removed
    std::fs::remove_file(w.join("data/2023-06/县妇联.csv")).unwrap();
    // bytes changed, figures not (a blank row added by a re-save)
    let mut edu = w.read("data/2023-06/县教育局.csv");
    edu.extend_from_slice(b"\r\n");
    w.write("data/2023-06/县教育局.csv", edu);
    // added: 县林业局 had no file when May was closed
    let june = std::fs::read(w.join("data/2023-06/县林业局.csv")).unwrap();
    w.write("data/2023-05/县林业局.csv", june);

    let (v, code) = w.check_json(&["--lang", "en"]);
    assert_eq!(code, 1);
    let found = with_code(&v, "changed-after-close");
    assert_eq!(found.len(), 5, "{v:#}");
    let msg = |file: &str| -> String {
        let d = found
            .iter()
            .find(|d| d["file"] == file)
            .unwrap_or_else(|| panic!("no finding at {file}: {v:#}"));
        assert_eq!(d["severity"], "error");
        d["message"].as_str().unwrap().to_string()
    };
    let changed = msg("data/2023-06/县人社局.csv");
    assert!(changed.contains("changed since"), "{changed}");
    assert!(
        changed.contains("1.1 城镇新增就业 1728人 in progress → 1800人 in progress"),
        "{changed}"
    );
    let renamed = msg("data/2023-06/民政局.csv");
    assert!(
        renamed.contains("县民政局.csv was renamed 民政局.csv"),
        "{renamed}"
    );
    assert!(renamed.contains("content unchanged"), "{renamed}");
    let removed = msg("data/2023-06/县妇联.csv");
    assert!(removed.contains("removed"), "{removed}");
    assert!(removed.contains("→ (none)"), "{removed}");
    let resaved = msg("data/2023-06/县教育局.csv");
    assert!(
        resaved.contains("figures and statuses unchanged"),
        "{resaved}"
    );
    let added = msg("data/2023-05/县林业局.csv");
    assert!(added.contains("added"), "{added}");
    assert!(added.contains("(none) →"), "{added}");

    // One month at a time, in Chinese by default.
    let (v, _) = w.check_json(&["--month", "2023-06"]);
    let found = with_code(&v, "changed-after-close");
    assert_eq!(found.len(), 4);
    let zh = found
        .iter()
        .find(|d| d["file"] == "data/2023-06/县人社局.csv")
        .unwrap();
    assert!(zh["message"]
        .as_str()
        .unwrap()
        .contains("1728人 推进中 → 1800人 推进中"));
    assert!(zh["hint"]
        .as_str()
        .unwrap()
        .contains("mingsheng reopen --month 2023-06"));
}

#[test]
fn reopen_keeps_both_records_and_logs_who_when_why() {
    let w = workspace();
    close(&w, "2023-06", &[]);
    let first = ok(&w, &["report", "--month", "2023-06", "--format", "json"]);
    let p = "data/2023-06/县人社局.csv";
    let text = String::from_utf8(w.read(p)).unwrap();
    w.write(p, text.replace("\"1,728\"", "\"1,800\""));

    // No reason, or a month not closed: refused, nothing moved.
    let (code, _, err) = run(&w, &["reopen", "--month", "2023-06", "--reason", " "]);
    assert_eq!(code, 1, "{err}");
    let (code, _, err) = run(&w, &["reopen", "--month", "2023-05", "--reason", "x"]);
    assert_eq!(code, 1);
    assert!(err.contains("没有关账"), "{err}");
    assert!(w.join("archive/2023-06/manifest.json").is_file());

    let reason = "县人社局更正6月城镇新增就业人数，经专班办公室同意";
    let out = cmd(&w)
        .env("USERNAME", "张三")
        .env("MINGSHENG_NOW", "2023-08-02T15:30:00+08:00")
        .args(["reopen", "--month", "2023-06", "--reason", reason])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("archive/2023-06.1/"));
    assert!(!w.join("archive/2023-06").exists());
    assert_eq!(manifest(&w, "2023-06.1")["record"], 1);

    // Open again: read from data/, and check no longer compares it.
    let json: Value = serde_json::from_slice(&ok(
        &w,
        &["report", "--month", "2023-06", "--format", "json"],
    ))
    .unwrap();
    assert_eq!(json["items"][0]["indicators"][0]["value"], 1800.0);
    let (v, code) = w.check_json(&["--month", "2023-06"]);
    assert_eq!(code, 0, "{v:#}");

    // Closed again: record 2 beside record 1, both whole.
    close(&w, "2023-06", &[]);
    assert_eq!(manifest(&w, "2023-06")["record"], 2);
    assert_eq!(manifest(&w, "2023-06.1")["record"], 1);
    assert!(
        String::from_utf8(w.read("archive/2023-06.1/data/2023-06/县人社局.csv"))
            .unwrap()
            .contains("\"1,728\"")
    );
    assert!(
        String::from_utf8(w.read("archive/2023-06/data/2023-06/县人社局.csv"))
            .unwrap()
            .contains("\"1,800\"")
    );
    let second = ok(&w, &["report", "--month", "2023-06", "--format", "json"]);
    assert_ne!(first, second);

    // The log: close, reopen (who, when, why), close.
    let log = json_of(cmd(&w).args(["log", "--format", "json"]));
    let events = log["events"].as_array().unwrap();
    let kinds: Vec<&str> = events
        .iter()
        .map(|e| e["event"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["close", "reopen", "close"]);
    assert_eq!(events[0]["by"], "clerk");
    assert_eq!(events[0]["record"], 1);
    assert_eq!(events[1]["by"], "张三");
    assert_eq!(events[1]["at"], "2023-08-02T15:30:00+08:00");
    assert_eq!(events[1]["reason"], reason);
    assert_eq!(events[1]["kept_as"], "archive/2023-06.1");
    assert_eq!(events[2]["record"], 2);
    assert_eq!(log["closed"][0]["month"], "2023-06");
    let table = String::from_utf8(ok(&w, &["log"])).unwrap();
    for s in ["关账", "重新打开", "张三", reason, "目前已关账：2023-06"] {
        assert!(table.contains(s), "{s} missing from\n{table}");
    }
    let en = String::from_utf8(ok(&w, &["--lang", "en", "log", "--month", "2023-06"])).unwrap();
    assert!(
        en.contains("reopen") && en.contains("closed now: 2023-06"),
        "{en}"
    );
}

#[test]
fn lateness_boundary_is_the_end_of_the_due_day_local_time() {
    let w = workspace();
    // June is due by the end of 5 July (default due_day 5), Beijing time.
    received(&w, "data/2023-06/县人社局.csv", "2023-07-05T23:59:59+08:00");
    received(&w, "data/2023-06/县民政局.csv", "2023-07-06T00:00:00+08:00");
    // 16:30 UTC on the 5th is 00:30 on the 6th in Beijing: late.
    received(&w, "data/2023-06/县妇联.csv", "2023-07-05T16:30:00Z");
    // Before closing, nothing is judged: received times are not trusted on disk.
    let open: Value = serde_json::from_slice(&ok(
        &w,
        &["report", "--month", "2023-06", "--format", "json"],
    ))
    .unwrap();
    assert_eq!(open["late"], serde_json::json!([]));

    let out = String::from_utf8(ok(&w, &["close", "--month", "2023-06"])).unwrap();
    assert!(out.contains("逾期报送：县民政局、县妇联"), "{out}");
    let m = manifest(&w, "2023-06");
    assert_eq!(m["due"], "2023-07-05");
    let file = |unit: &str| {
        m["files"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["unit_name"] == unit)
            .unwrap()
            .clone()
    };
    assert_eq!(file("县人社局")["received"], "2023-07-05T23:59:59+08:00");
    assert_eq!(file("县人社局")["late"], false);
    assert_eq!(file("县民政局")["received"], "2023-07-06T00:00:00+08:00");
    assert_eq!(file("县民政局")["late"], true);
    assert_eq!(file("县妇联")["late"], true);

    // The files' dates on disk no longer matter: the manifest decides.
    received_all(&w, "2023-06", "2023-07-01T10:00:00+08:00");
    let json: Value = serde_json::from_slice(&ok(
        &w,
        &["report", "--month", "2023-06", "--format", "json"],
    ))
    .unwrap();
    let late: Vec<&str> = json["late"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["name"].as_str().unwrap())
        .collect();
    assert_eq!(late, ["县民政局", "县妇联"]);
    let md =
        String::from_utf8(ok(&w, &["report", "--month", "2023-06", "--format", "md"])).unwrap();
    assert!(
        md.contains("县民政局、县妇联等2个单位逾期报送（报送时限为7月5日）"),
        "{md}"
    );
    let table = String::from_utf8(ok(&w, &["report", "--month", "2023-06"])).unwrap();
    assert!(table.contains("逾期报送：县民政局、县妇联"), "{table}");
    let html = String::from_utf8(ok(
        &w,
        &["report", "--month", "2023-06", "--format", "html"],
    ))
    .unwrap();
    assert!(html.contains("逾期报送"));

    // The score: −1 (the default `late`) for each late unit, once in June.
    let score = json_of(cmd(&w).args(["score", "--quarter", "2023Q2", "--format", "json"]));
    let lines = |id: &str| -> Vec<Value> {
        score["units"]
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["id"] == id)
            .unwrap()["deductions"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["rule"] == "late")
            .cloned()
            .collect()
    };
    let mz = lines("mzj");
    assert_eq!(mz.len(), 1, "{mz:?}");
    assert_eq!(mz[0]["month"], "2023-06");
    assert_eq!(mz[0]["points"], -1.0);
    assert!(lines("rsj").is_empty());
    let explain = String::from_utf8(ok(
        &w,
        &["score", "--quarter", "2023Q2", "--unit", "县民政局"],
    ))
    .unwrap();
    assert!(explain.contains("逾期报送"), "{explain}");
    assert!(
        explain.contains("县民政局.csv 于 2023-07-06T00:00:00+08:00 收到，报送时限为 2023-07-05"),
        "{explain}"
    );
}

#[test]
fn due_day_and_late_points_come_from_the_task_list() {
    let w = workspace();
    let plan = String::from_utf8(w.read("seeds/2023.toml")).unwrap();
    assert!(plan.contains("due_day = 5") && plan.contains("late = -1"));
    w.write(
        "seeds/2023.toml",
        plan.replace("due_day = 5", "due_day = 10")
            .replace("late = -1 ", "late = -3 "),
    );
    received(&w, "data/2023-06/县人社局.csv", "2023-07-10T23:59:59+08:00");
    received(&w, "data/2023-06/县民政局.csv", "2023-07-11T00:00:01+08:00");
    close(&w, "2023-06", &[]);
    let m = manifest(&w, "2023-06");
    assert_eq!(m["due"], "2023-07-10");
    assert_eq!(m["due_day"], 10);
    let late: Vec<&str> = m["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["late"] == true)
        .map(|f| f["unit"].as_str().unwrap())
        .collect();
    assert_eq!(late, ["mzj"]);
    let score = json_of(cmd(&w).args(["score", "--quarter", "2023Q2", "--format", "json"]));
    let mz = score["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["id"] == "mzj")
        .unwrap();
    assert!(mz["deductions"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["rule"] == "late" && d["points"] == -3.0));
}

#[test]
fn a_closed_month_keeps_its_task_list_when_the_plan_changes_later() {
    let w = workspace();
    close(&w, "2023-06", &[]);
    let june = issued(&w);
    // A revision effective July is added, and the 2023 version itself is edited
    // (a target changed in place, against the advice in the file).
    let fixtures = repo().join("tests/fixtures/双牌 修订/seeds");
    w.write(
        "seeds/2023-07.toml",
        std::fs::read(fixtures.join("2023-07.toml")).unwrap(),
    );
    let plan = String::from_utf8(w.read("seeds/2023.toml")).unwrap();
    w.write(
        "seeds/2023.toml",
        plan.replacen("target = 3200", "target = 3000", 1),
    );
    assert_eq!(
        issued(&w),
        june,
        "June is reported under its record's task list"
    );
    let json: Value = serde_json::from_slice(&ok(
        &w,
        &["report", "--month", "2023-06", "--format", "json"],
    ))
    .unwrap();
    assert_eq!(json["plan"]["version"], "2023");
    assert_eq!(json["items"][0]["indicators"][0]["target"], 3200.0);
    // The record holds the task list as it was.
    assert!(String::from_utf8(w.read("archive/2023-06/seeds/2023.toml"))
        .unwrap()
        .contains("target = 3200"));
    assert!(!w.join("archive/2023-06/seeds/2023-07.toml").exists());
    // The live files did not change: check has nothing to say about June.
    let (v, _) = w.check_json(&["--month", "2023-06"]);
    assert!(with_code(&v, "changed-after-close").is_empty(), "{v:#}");
}

#[test]
fn close_refuses_on_errors_missing_units_and_twice() {
    let w = workspace();
    let before = tree(w.path());

    // An error in the month: refused, with the error shown, nothing written.
    let p = "data/2023-06/县人社局.csv";
    let good = w.read(p);
    let text = String::from_utf8(good.clone()).unwrap();
    w.write(p, text.replace("\"1,728\"", "约1700"));
    let (code, _, err) = run(&w, &["close", "--month", "2023-06"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("bad-value"), "{err}");
    assert!(err.contains("不能关账"), "{err}");
    assert!(!w.join("archive").exists());
    w.write(p, &good);

    // A file of June's in a misnamed folder (data/2023-6/) would be left out
    // of the record: refused as `check --month` reports it.
    w.write(
        "data/2023-6/县林业局.csv",
        w.read("data/2023-06/县林业局.csv"),
    );
    let (code, _, err) = run(&w, &["close", "--month", "2023-06"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("bad-path") && err.contains("2023-6"), "{err}");
    assert!(!w.join("archive").exists());
    std::fs::remove_dir_all(w.join("data/2023-6")).unwrap();

    // May: 县林业局 did not file.
    let (code, _, err) = run(&w, &["close", "--month", "2023-05"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("县林业局") && err.contains("--allow-missing"),
        "{err}"
    );
    assert!(!w.join("archive").exists());
    let (code, _, err) = run(&w, &["--lang", "en", "close", "--month", "2023-05"]);
    assert_eq!(code, 1);
    assert!(err.contains("have not filed"), "{err}");

    // No file at all.
    let (code, _, err) = run(&w, &["close", "--month", "2023-08"]);
    assert_eq!(code, 1, "{err}");
    assert!(!w.join("archive").exists());

    // With --allow-missing: closed, the missing unit in the manifest.
    let out = ok(
        &w,
        &[
            "close",
            "--month",
            "2023-05",
            "--allow-missing",
            "--format",
            "json",
        ],
    );
    let m: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(m, manifest(&w, "2023-05"));
    assert_eq!(m["missing"][0]["name"], "县林业局");
    assert_eq!(m["closed_by"], "clerk");
    assert_eq!(m["closed_at"], "2023-07-10T09:00:00+08:00");
    assert_eq!(m["plan_version"], "2023");
    let f = &m["files"][0];
    for k in [
        "name", "path", "unit", "sha256", "size", "received", "rows", "late",
    ] {
        assert!(!f[k].is_null(), "{k}");
    }
    let bytes = w.read(f["path"].as_str().unwrap());
    assert_eq!(f["size"], bytes.len() as u64);
    assert_eq!(
        w.read(&format!("archive/2023-05/{}", f["path"].as_str().unwrap())),
        bytes
    );

    // Twice: refused.
    let (code, _, err) = run(&w, &["close", "--month", "2023-05", "--allow-missing"]);
    assert_eq!(code, 1);
    assert!(err.contains("已于") && err.contains("reopen"), "{err}");

    // Nothing outside archive/ was written.
    let after: Vec<String> = tree(w.path())
        .into_iter()
        .filter(|p| !p.starts_with("archive"))
        .collect();
    assert_eq!(after, before);
    let log = String::from_utf8(w.read("archive/log.jsonl")).unwrap();
    assert_eq!(log.lines().count(), 1);
}

#[test]
fn a_stage_status_changed_after_close_is_named() {
    let w = workspace();
    close(&w, "2023-05", &["--allow-missing"]);
    close(&w, "2023-06", &[]);
    let p = "data/2023-06/县教育局.csv";
    let text = String::from_utf8(w.read(p)).unwrap();
    w.write(
        p,
        text.replace("取得施工许可,,推进中", "取得施工许可,,已完成"),
    );
    let (v, code) = w.check_json(&["--month", "2023-06"]);
    assert_eq!(code, 1, "{v:#}");
    let found = with_code(&v, "changed-after-close");
    assert_eq!(found.len(), 1, "{v:#}");
    let msg = found[0]["message"].as_str().unwrap();
    assert!(
        msg.contains("完成选址 已完成，取得施工许可 推进中，开工建设 未启动，主体完工 未启动 → 完成选址 已完成，取得施工许可 已完成，"),
        "{msg}"
    );
}

/// Every file after the due day is most likely a copy that reset the modified
/// times: close refuses (it would record every unit late and cost each a
/// point), says how to copy keeping times, and closes with `--all-late`.
#[test]
fn close_refuses_when_every_file_is_late_unless_told() {
    let w = workspace();
    close(&w, "2023-04", &[]);
    close(&w, "2023-05", &["--allow-missing"]);
    received_all(&w, "2023-06", "2023-11-29T10:00:00+08:00");
    let out = cmd(&w)
        .args(["close", "--month", "2023-06"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("都晚于报送时限") && err.contains("--all-late"),
        "{err}"
    );
    assert!(!w.join("archive/2023-06").exists());
    // One file on time is enough to close as usual, naming the late ones.
    received(&w, "data/2023-06/县人社局.csv", "2023-07-03T10:00:00+08:00");
    let v = manifest_after(&w, &[]);
    assert_eq!(
        v["files"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["late"] == true)
            .count(),
        v["files"].as_array().unwrap().len() - 1
    );
}

/// Closes 2023-06 with `extra` and returns its manifest.
fn manifest_after(w: &Workdir, extra: &[&str]) -> Value {
    close(w, "2023-06", extra);
    manifest(w, "2023-06")
}

#[test]
fn close_all_late_closes_when_every_file_really_was_late() {
    let w = workspace();
    close(&w, "2023-04", &[]);
    close(&w, "2023-05", &["--allow-missing"]);
    received_all(&w, "2023-06", "2023-07-20T10:00:00+08:00");
    let v = manifest_after(&w, &["--all-late"]);
    assert!(v["files"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["late"] == true));
}
