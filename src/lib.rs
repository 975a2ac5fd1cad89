//! mingsheng (民生): the year's livelihood task list, the departments' monthly
//! progress, the monthly dispatch report and the quarterly evaluation.
//!
//! The floors, top to bottom (each imports only from below it; the tests in
//! `layers` at the end of this file check the rule on the source):
//!
//! - `cli` parses the command line (clap, with `help` rewording it) and
//!   dispatches to `cmd`, one module per subcommand, which wires loading,
//!   the domain and rendering; `app` is what every command gets (`App`,
//!   `Exit`, safe stderr).
//! - `report` and `render` turn results into tables, sheets and documents.
//! - `workspace`, `archive` and `progress::read` turn files into the domain,
//!   with diagnostics (`diag`).
//! - The domain — `plan`, `progress` (but for `read`), `assess`, `score`, `month`, `value`,
//!   `trend` — is pure: no renderer, command, command line or clap.
//! - `lang` (bilingual text) and `diag` serve every floor.

pub mod app;
pub mod archive;
pub mod assess;
pub mod cli;
pub mod cmd;
pub mod diag;
pub mod guide;
pub mod help;
pub mod lang;
pub mod month;
pub mod plan;
pub mod progress;
pub mod render;
pub mod report;
pub mod score;
pub mod trend;
pub mod value;
pub mod workspace;

#[cfg(test)]
mod layers {
    //! The floors of the code, checked on its text: the domain imports no
    //! renderer, command or command line; `cmd` and `help` never import `cli`
    //! (which dispatches to them), so no module cycle forms.

    use std::path::{Path, PathBuf};

    /// The `.rs` files under `src/` at `names` (a file `x.rs` and its folder `x/`).
    fn sources(names: &[&str]) -> Vec<PathBuf> {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut out = Vec::new();
        let mut dirs = Vec::new();
        for n in names {
            let file = src.join(format!("{n}.rs"));
            if file.exists() {
                out.push(file);
            }
            dirs.push(src.join(n));
        }
        while let Some(dir) = dirs.pop() {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for e in entries.flatten() {
                let p = e.path();
                if p.is_dir() {
                    dirs.push(p);
                } else if p.extension().is_some_and(|x| x == "rs") {
                    out.push(p);
                }
            }
        }
        assert!(!out.is_empty(), "no sources for {names:?}");
        out
    }

    /// Every line of code (not a comment, not in the tests that close a file)
    /// in `names` that names one of `banned`.
    fn offending(names: &[&str], banned: &[&str]) -> Vec<String> {
        offending_in(sources(names), banned)
    }

    fn offending_in(paths: Vec<PathBuf>, banned: &[&str]) -> Vec<String> {
        let mut found = Vec::new();
        for path in paths {
            let text = std::fs::read_to_string(&path).unwrap();
            for (i, line) in text.lines().enumerate() {
                let code = line.trim_start();
                if code.starts_with("#[cfg(test)]") {
                    break;
                }
                if code.starts_with("//") {
                    continue;
                }
                if banned.iter().any(|b| code.contains(b)) {
                    found.push(format!("{}:{}: {code}", path.display(), i + 1));
                }
            }
        }
        found
    }

    /// What no floor below the commands may name.
    const ABOVE_THE_LOADERS: [&str; 6] = [
        "crate::render",
        "crate::report",
        "crate::cmd",
        "crate::cli",
        "crate::app",
        "crate::help",
    ];

    #[test]
    fn the_domain_imports_no_renderer_command_command_line_or_file() {
        let domain = [
            "plan", "progress", "assess", "score", "month", "value", "trend",
        ];
        let read = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/progress/read");
        let pure: Vec<PathBuf> = sources(&domain)
            .into_iter()
            .filter(|p| !p.starts_with(&read))
            .collect();
        let mut banned = ABOVE_THE_LOADERS.to_vec();
        banned.extend(["clap", "crate::workspace", "crate::archive", "std::fs"]);
        assert_eq!(offending_in(pure, &banned), Vec::<String>::new());
    }

    #[test]
    fn the_loaders_import_no_renderer_command_or_command_line() {
        let loaders = ["workspace", "archive", "progress/read"];
        assert_eq!(
            offending(&loaders, &ABOVE_THE_LOADERS),
            Vec::<String>::new()
        );
    }

    #[test]
    fn only_the_binary_side_knows_clap_and_nothing_imports_cli() {
        // clap's derives stay in `cli`, `help` and the commands' arguments.
        let rest = [
            "archive",
            "diag",
            "lang",
            "guide",
            "render",
            "report",
            "workspace",
            "app",
        ];
        assert_eq!(offending(&rest, &["clap"]), Vec::<String>::new());
        let below_cli = ["app", "cmd", "help", "render", "report"];
        assert_eq!(offending(&below_cli, &["crate::cli"]), Vec::<String>::new());
    }

    /// docs/development.md's map of the code names every module of `src/` and
    /// of its folders but `cmd/` (one module per subcommand, named after it) —
    /// a `name.rs` file or a `name/` folder, in backquotes — and every
    /// integration test, so the map cannot fall behind the tree.
    #[test]
    fn the_code_map_names_every_module_and_test() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let map = std::fs::read_to_string(root.join("docs/development.md")).unwrap();
        let mut missing = Vec::new();
        for dir in [
            "src",
            "src/assess",
            "src/diag",
            "src/plan",
            "src/progress",
            "src/progress/read",
            "src/render",
            "src/report",
            "src/report/docx",
            "src/report/score",
            "src/score",
            "tests",
        ] {
            for e in std::fs::read_dir(root.join(dir)).unwrap().flatten() {
                let name = e.file_name().to_string_lossy().to_string();
                let shown = if e.path().is_dir() {
                    if matches!(name.as_str(), "common" | "fixtures" | "snapshots") {
                        continue;
                    }
                    format!("{name}/")
                } else if name.ends_with(".rs")
                    && name != "mod.rs"
                    && name != "lib.rs"
                    && name != "main.rs"
                {
                    name.clone()
                } else {
                    continue;
                };
                if !map.contains(&format!("`{shown}`")) && !map.contains(&format!("/{shown}`")) {
                    missing.push(format!("{dir}/{shown}"));
                }
            }
        }
        assert!(
            missing.is_empty(),
            "not in docs/development.md's map: {missing:?}"
        );
    }

    #[test]
    fn the_check_sees_a_banned_import() {
        // The scan reads real files: `cli` itself names clap.
        assert!(!offending(&["cli"], &["clap"]).is_empty());
    }
}
