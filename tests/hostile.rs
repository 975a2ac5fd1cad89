//! Hostile and broken input: files that are not files, files too large or too
//! wide, floods of findings, old line endings, huge cells, and output streams
//! that fail. None of it may hang, panic or lose track of where a problem is.

mod common;

use common::{expect_one, with_code, Workdir};
use std::time::Duration;

const HEAD: &str = "事项编号,指标,累计完成,状态,进展情况,存在问题,下步计划\n";
const RSJ: &str = "data/2023-01/县人社局.csv";

#[cfg(unix)]
#[test]
fn a_fifo_or_a_link_to_a_device_is_skipped_never_opened() {
    let w = Workdir::new();
    w.write(RSJ, format!("{HEAD}1.1,jobs,100,,,,\n"));
    let fifo = w.join("data/2023-01/县民政局.csv");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    std::os::unix::fs::symlink("/dev/zero", w.join("data/2023-01/县残联.csv")).unwrap();
    for args in [
        &["check", "--format", "json"][..],
        &["report", "--month", "2023-01", "--format", "json"],
    ] {
        let out = w
            .cmd()
            .args(args)
            .timeout(Duration::from_secs(30))
            .output()
            .unwrap();
        assert!(out.status.code().is_some(), "{args:?} was killed: it hung");
        assert_ne!(out.status.code(), Some(101));
    }
    let (v, _) = w.check_json(&[]);
    assert_eq!(with_code(&v, "not-a-file").len(), 2, "{v:#}");
}

#[test]
fn a_file_over_the_size_limit_is_refused_without_reading_it() {
    let w = Workdir::new();
    w.write(RSJ, format!("{HEAD}1.1,jobs,100,,,,\n"));
    let big = std::fs::File::create(w.join("data/2023-01/县民政局.csv")).unwrap();
    big.set_len(51 << 20).unwrap();
    let (v, code) = w.check_json(&[]);
    assert_eq!(code, 1);
    let d = expect_one(
        &v,
        "file-too-large",
        "data/2023-01/县民政局.csv",
        None,
        None,
    );
    assert!(d["message"].as_str().unwrap().contains("50 MB"), "{d}");
}

#[test]
fn thirty_thousand_unknown_columns_are_one_finding_with_a_short_quote() {
    let w = Workdir::new();
    let mut head = String::from("事项编号,指标,累计完成");
    for i in 0..30_000 {
        head.push_str(&format!(",列{i}"));
    }
    w.write(RSJ, format!("{head}\n1.1,jobs,100\n"));
    let out = w
        .cmd()
        .args(["check", "--format", "json"])
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let d = expect_one(&v, "unknown-column", RSJ, Some(1), Some(4));
    assert_eq!(d["cell"], "D1");
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("30000 个不认识的列"),
        "{d}"
    );
    // The human rendering quotes a window of the row, not all of it.
    let out = w.cmd().arg("check").output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.len() < 5_000, "{} bytes of diagnostics", err.len());
}

#[test]
fn a_flood_of_one_finding_is_capped_and_counted() {
    let w = Workdir::new();
    let mut body = String::from(HEAD);
    for _ in 0..5_001 {
        body.push_str("1.1,jobs,100,,,,\n");
    }
    w.write(RSJ, body);
    let (v, code) = w.check_json(&[]);
    assert_eq!(code, 1);
    // Every finding counts, 100 are listed and the rest are counted.
    assert_eq!(v["errors"], 5_000);
    assert_eq!(with_code(&v, "duplicate-row").len(), 100);
    assert_eq!(v["omitted"][0]["count"], 4_900, "{:#}", v["omitted"]);
    assert_eq!(v["omitted"][0]["code"], "duplicate-row");
    let out = w.cmd().arg("check").output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("中另有 4900 处同类问题未逐一列出"), "{err}");
}

#[cfg(unix)]
#[test]
fn full_or_closed_output_streams_never_panic() {
    let w = Workdir::new();
    w.write(RSJ, format!("{HEAD}1.1,jobs,abc,,,,\n"));
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let status = std::process::Command::new(assert_cmd::cargo::cargo_bin!("mingsheng"))
        .arg("-C")
        .arg(w.path())
        .arg("check")
        .stderr(full)
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(2));
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin!("mingsheng"))
        .arg("-C")
        .arg(w.path())
        .args(["check", "--format", "json"])
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
    // A reader that goes away (`| head`) is no failure at all.
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("mingsheng"))
        .arg("-C")
        .arg(w.path())
        .arg("check")
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stderr.take());
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(1));
}

#[test]
fn rows_of_a_cr_only_file_count_as_excel_counts_them() {
    let w = Workdir::new();
    w.write(
        RSJ,
        "事项编号,指标,累计完成\r1.1,jobs,100\r1.2,training,50\r1.9,x,1\r",
    );
    let (v, _) = w.check_json(&[]);
    let d = expect_one(&v, "unknown-item", RSJ, Some(4), Some(1));
    assert_eq!(d["cell"], "A4");
}

#[test]
fn a_cell_too_long_for_excel_is_a_warning_and_the_export_shortens_it() {
    let w = Workdir::new();
    let long = "问题".repeat(16_400);
    w.write(RSJ, format!("{HEAD}1.1,jobs,100,,,{long},\n"));
    let (v, code) = w.check_json(&["--month", "2023-01"]);
    assert_eq!(code, 0, "{v:#}");
    let d = expect_one(&v, "long-text", RSJ, Some(2), Some(6));
    assert_eq!(d["cell"], "F2");
    let out = w
        .cmd()
        .args(["report", "--month", "2023-01", "-o"])
        .arg(w.join("通报 1月.xlsx"))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("已写入") && err.contains("通报 1月.xlsx"),
        "{err}"
    );
}

#[test]
fn exports_say_what_they_wrote_and_refuse_a_format_that_disagrees() {
    let w = Workdir::new();
    w.write(RSJ, format!("{HEAD}1.1,jobs,100,,,,\n"));
    let out = w
        .cmd()
        .args(["report", "--month", "2023-01", "--format", "json", "-o"])
        .arg(w.join("r.html"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--format json 与输出文件"), "{err}");
    assert!(!w.join("r.html").exists());
    let out = w
        .cmd()
        .args(["report", "--month", "2023-01", "--format", "html", "-o"])
        .arg(w.join("r.html"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("已写入"));
}

/// A failed run speaks the language asked for, never both in one line: the
/// workspace's, the score's and the file system's errors alike.
#[test]
fn a_failure_is_told_in_one_language() {
    let empty = tempfile::tempdir().unwrap();
    let w = Workdir::shipped(&["2023-06"]);
    type Case<'a> = (
        &'a std::path::Path,
        (&'a str, &'a str),
        &'a [&'a str],
        &'a str,
        &'a str,
    );
    let cases: [Case; 3] = [
        (
            empty.path(),
            ("NO_COLOR", "1"),
            &["check"],
            "找不到工作区",
            "no workspace",
        ),
        (
            w.path(),
            ("MINGSHENG_TODAY", "2023-06"),
            &["score", "--quarter", "2023Q2"],
            "尚未结束",
            "is not over yet",
        ),
        (
            w.path(),
            ("MINGSHENG_NOW", "yesterday"),
            &[
                "close",
                "--month",
                "2023-06",
                "--allow-missing",
                "--all-late",
            ],
            "不是 RFC 3339 时间",
            "is not an RFC 3339 time",
        ),
    ];
    for (dir, (key, value), args, zh, en) in cases {
        for (lang, want, not) in [("zh", zh, en), ("en", en, zh)] {
            let out = common::mingsheng(dir)
                .env(key, value)
                .args(args)
                .args(["--lang", lang])
                .output()
                .unwrap();
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{lang}: {err}");
            assert!(err.contains(want), "{lang}: {err}");
            assert!(!err.contains(not), "{lang}: {err}");
            let label = if lang == "zh" { "错误: " } else { "error: " };
            assert!(err.starts_with(label), "{lang}: {err}");
        }
    }
}
