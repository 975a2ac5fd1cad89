//! `--help` in Chinese (clap's own words too), `--lang en` in English, command-line
//! errors in Chinese (a refused value in English under `--lang en`), and
//! `generate` (man page and completions).

mod common;

use assert_cmd::cargo::cargo_bin_cmd;

fn run(args: &[&str]) -> (i32, String, String) {
    let out = cargo_bin_cmd!("mingsheng")
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn assert_chinese_help(text: &str) {
    for w in ["用法", "选项", "示例"] {
        assert!(text.contains(w), "no {w} in:\n{text}");
    }
    for w in [
        "Usage:",
        "Options:",
        "Commands:",
        "Arguments:",
        "possible values",
        "[default",
        "Print help",
    ] {
        assert!(!text.contains(w), "{w} in:\n{text}");
    }
}

#[test]
fn help_is_chinese() {
    for args in [
        &["--help"][..],
        &["-h"],
        &["report", "--help"],
        &["report", "-h"],
        &["help"],
        &["help", "report"],
        &["check", "--help"],
        &["plan", "--help"],
        &["template", "--help"],
        &["score", "--help"],
        &["generate", "--help"],
    ] {
        let (code, out, _) = run(args);
        assert_eq!(code, 0, "{args:?}");
        assert_chinese_help(&out);
    }
    let (_, root, _) = run(&["--help"]);
    assert!(root.contains("命令:") && root.contains("report"), "{root}");
    assert!(root.contains("退出码"), "{root}");
    let (_, report, _) = run(&["report", "--help"]);
    assert!(report.contains("全局选项"), "{report}");
    assert!(report.contains("[可选值: table, csv,"), "{report}");
    assert!(report.contains("mingsheng report --month 2023-06 -o 通报.html"));
    // Chinese only: the English half of each doc comment is left out.
    assert!(!report.contains("(write to FILE"), "{report}");
}

#[test]
fn lang_en_gives_english_help() {
    for args in [
        &["--lang", "en", "--help"][..],
        &["--lang=en", "report", "--help"],
        &["report", "--help", "--lang", "en"],
    ] {
        let (code, out, _) = run(args);
        assert_eq!(code, 0);
        assert!(out.contains("Usage:") && out.contains("Options"), "{out}");
        assert!(out.contains("Examples:"), "{out}");
        assert!(!out.contains("用法") && !out.contains("选项"), "{out}");
    }
    let (_, out, _) = run(&["--lang", "en", "report", "--help"]);
    assert!(out.contains("Write to FILE, whole or not at all"), "{out}");
    assert!(out.contains("values: table, csv,"), "{out}");
}

#[test]
fn version_is_printed() {
    let (code, out, _) = run(&["-V"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("mingsheng "), "{out}");
}

#[test]
fn command_line_errors_are_chinese_and_exit_2() {
    let (code, _, err) = run(&["report", "--mnth", "2023-06"]);
    assert_eq!(code, 2);
    assert!(err.contains("不认识的参数「--mnth」"), "{err}");
    assert!(err.contains("是否指「--month」"), "{err}");
    assert!(!err.contains("Usage:"), "{err}");

    let (code, _, err) = run(&["repot"]);
    assert_eq!(code, 2);
    assert!(err.contains("没有「repot」这个命令"), "{err}");

    let (code, _, err) = run(&["report", "--month", "2023-06", "--format", "pdf"]);
    assert_eq!(code, 2);
    assert!(err.contains("可选值"), "{err}");

    let (code, _, err) = run(&["close"]);
    assert_eq!(code, 2);
    assert!(err.contains("缺少必填的参数 --month"), "{err}");

    let (code, _, err) = run(&["help", "nope"]);
    assert_eq!(code, 2);
    assert!(err.contains("nope"), "{err}");

    let (code, _, err) = run(&["--lang", "en", "report", "--mnth", "x"]);
    assert_eq!(code, 2);
    assert!(err.contains("unexpected argument"), "{err}");
}

#[test]
fn generate_man_page() {
    let (code, out, _) = run(&["generate", "man"]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with(".ie \\n(.g") || out.contains(".TH mingsheng 1"),
        "{out}"
    );
    assert!(out.contains(".TH mingsheng"));
    for section in ["MINGSHENG REPORT", "MINGSHENG CHECK", "MINGSHENG SCORE"] {
        assert!(out.contains(section), "no {section}");
    }
    assert!(out.contains("月调度通报"));
    assert!(out.contains("\\-\\-month"), "options are listed");
    // Commands are sections of this page, not pages of their own.
    assert!(!out.contains("mingsheng\\-report(1)"), "{out}");
}

#[test]
fn generate_completions() {
    for (kind, marker) in [
        ("complete-bash", "complete -F _mingsheng"),
        ("complete-zsh", "#compdef mingsheng"),
        ("complete-fish", "complete -c mingsheng"),
        ("complete-powershell", "Register-ArgumentCompleter"),
    ] {
        let (code, out, _) = run(&["generate", kind]);
        assert_eq!(code, 0, "{kind}");
        assert!(out.contains(marker), "{kind}: no {marker}");
        for word in ["report", "check", "month", "format"] {
            assert!(out.contains(word), "{kind}: no {word}");
        }
    }
    // Described in English with --lang en.
    let (_, out, _) = run(&["--lang", "en", "generate", "complete-fish"]);
    assert!(out.contains("The monthly dispatch report"), "{out}");
}

#[test]
fn generate_needs_a_kind() {
    let (code, _, err) = run(&["generate", "complete-tcsh"]);
    assert_eq!(code, 2);
    assert!(err.contains("complete-powershell"), "{err}");
}

/// A value our parser refuses (`--month 2023-13`) is explained in the
/// language asked for, never both at once.
#[test]
fn a_bad_value_is_explained_in_one_language() {
    let (code, _, err) = run(&["report", "--month", "2023-13"]);
    assert_eq!(code, 2);
    assert!(err.contains("「2023-13」不是月份"), "{err}");
    assert!(!err.contains("not a month"), "{err}");
    let (code, _, err) = run(&["--lang", "en", "score", "--quarter", "2023Q5"]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with("error: invalid value '2023Q5' for '--quarter <Q>': not a quarter"),
        "{err}"
    );
    assert!(
        !err.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
        "{err}"
    );
}
