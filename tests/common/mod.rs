//! A scratch workspace: the shipped plan in `seeds/`, and whatever data files a
//! test writes, in a temporary folder removed at the end.

#![allow(dead_code)]

use assert_cmd::cargo::cargo_bin_cmd;
use serde_json::Value;
use std::path::{Path, PathBuf};

pub struct Workdir {
    dir: tempfile::TempDir,
}

/// The repository root, itself the example workspace.
pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The binary, run with `-C dir`, no colour.
pub fn mingsheng(dir: &Path) -> assert_cmd::Command {
    let mut cmd = cargo_bin_cmd!("mingsheng");
    cmd.arg("-C").arg(dir).env("NO_COLOR", "1");
    cmd
}

/// Runs a command that must succeed and print JSON; returns the JSON.
pub fn json_of(cmd: &mut assert_cmd::Command) -> Value {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

impl Workdir {
    /// A workspace holding a copy of `seeds/2023.toml`.
    pub fn new() -> Workdir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("seeds")).unwrap();
        std::fs::copy(
            repo().join("seeds/2023.toml"),
            dir.path().join("seeds/2023.toml"),
        )
        .unwrap();
        Workdir { dir }
    }

    /// A workspace holding the shipped plan and the shipped data of `months`.
    pub fn shipped(months: &[&str]) -> Workdir {
        let w = Workdir::new();
        for m in months {
            let from = repo().join("data").join(m);
            for e in std::fs::read_dir(&from).unwrap() {
                let p = e.unwrap().path();
                w.write(
                    &format!("data/{m}/{}", p.file_name().unwrap().to_string_lossy()),
                    std::fs::read(&p).unwrap(),
                );
            }
        }
        w
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn join(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// Writes bytes at a workspace-relative path, creating folders.
    pub fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) {
        let p = self.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }

    /// Writes UTF-8 text with CRLF line ends, as Excel does.
    pub fn write_csv(&self, rel: &str, text: &str) {
        self.write(rel, text.replace('\n', "\r\n"));
    }

    pub fn read(&self, rel: &str) -> Vec<u8> {
        std::fs::read(self.join(rel)).unwrap()
    }

    pub fn cmd(&self) -> assert_cmd::Command {
        mingsheng(self.path())
    }

    /// Runs `check --format json` with extra arguments: (JSON, exit code).
    pub fn check_json(&self, extra: &[&str]) -> (Value, i32) {
        let out = self
            .cmd()
            .args(["check", "--format", "json"])
            .args(extra)
            .output()
            .unwrap();
        let code = out.status.code().unwrap();
        let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!(
                "not JSON ({e}): {}\n{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            )
        });
        (v, code)
    }
}

/// The diagnostics with a code.
pub fn with_code<'a>(v: &'a Value, code: &str) -> Vec<&'a Value> {
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == code)
        .collect()
}

/// Codes of all errors, sorted.
pub fn error_codes(v: &Value) -> Vec<String> {
    let mut c: Vec<String> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect();
    c.sort();
    c
}

/// Asserts exactly one diagnostic with `code`, at `file` and `line` (and
/// `column` when given); returns it.
pub fn expect_one<'a>(
    v: &'a Value,
    code: &str,
    file: &str,
    line: Option<u64>,
    column: Option<u64>,
) -> &'a Value {
    let found = with_code(v, code);
    assert_eq!(found.len(), 1, "want one {code}, got {v:#}");
    let d = found[0];
    assert_eq!(d["file"], file, "{d:#}");
    match line {
        Some(l) => assert_eq!(d["line"], l, "{d:#}"),
        None => assert!(d["line"].is_null(), "{d:#}"),
    }
    if let Some(c) = column {
        assert_eq!(d["column"], c, "{d:#}");
    }
    d
}
