//! The workspace: a folder (often a network share) holding `seeds/` and `data/`.

use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::lang::Text;
use crate::plan::{load, PlanSet};
use crate::tr;
use std::path::{Path, PathBuf};

/// Why no workspace could be opened. Displayed in Chinese; [`Self::text`]
/// gives both languages, for the command line's `--lang`.
#[derive(Debug, thiserror::Error)]
pub enum WorkspaceError {
    #[error("{}", self.text())]
    NotFound { looked: String },
    #[error("{}", self.text())]
    NoSuchDir { dir: String },
    #[error("{}", self.text())]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

impl WorkspaceError {
    pub fn text(&self) -> Text {
        match self {
            WorkspaceError::NotFound { looked } => tr!(
                "在 {looked} 及其上级目录中找不到工作区（含 seeds/ 文件夹的目录）；请在工作区中运行，或用 -C 目录 指定",
                "no workspace: no folder with seeds/ at or above {looked}; run inside one or name it with -C DIR"
            ),
            WorkspaceError::NoSuchDir { dir } => tr!(
                "-C 指定的目录 {dir} 不存在或不是目录",
                "-C: {dir} is not a folder"
            ),
            WorkspaceError::Io { path, .. } => tr!("无法读取 {path}", "cannot read {path}"),
        }
    }
}

#[derive(Clone, Debug)]
pub struct Workspace {
    pub root: PathBuf,
}

impl Workspace {
    /// `-C DIR` when given (it must hold `seeds/`), else the current folder or the
    /// nearest ancestor holding `seeds/`.
    pub fn discover(dir: Option<&Path>) -> Result<Workspace, WorkspaceError> {
        let start = match dir {
            Some(d) => {
                if !d.is_dir() {
                    return Err(WorkspaceError::NoSuchDir {
                        dir: d.display().to_string(),
                    });
                }
                d.to_path_buf()
            }
            None => std::env::current_dir().map_err(|e| WorkspaceError::Io {
                path: ".".into(),
                source: e,
            })?,
        };
        if dir.is_some() {
            if start.join("seeds").is_dir() {
                return Ok(Workspace { root: start });
            }
            return Err(WorkspaceError::NotFound {
                looked: start.display().to_string(),
            });
        }
        let mut here = Some(start.as_path());
        while let Some(d) = here {
            if d.join("seeds").is_dir() {
                return Ok(Workspace {
                    root: d.to_path_buf(),
                });
            }
            here = d.parent();
        }
        Err(WorkspaceError::NotFound {
            looked: start.display().to_string(),
        })
    }

    pub fn seeds_dir(&self) -> PathBuf {
        self.root.join("seeds")
    }

    pub fn data_dir(&self) -> PathBuf {
        self.root.join("data")
    }

    /// A path as diagnostics show it: relative to the root, `/`-separated.
    pub fn rel(&self, path: &Path) -> String {
        // A path outside the workspace (`template -o D:\\下发`) is shown as given.
        let Ok(p) = path.strip_prefix(&self.root) else {
            return path.display().to_string();
        };
        p.components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/")
    }

    /// The task-list files, `seeds/*.toml`, sorted by name.
    fn plan_paths(&self) -> Result<Vec<PathBuf>, WorkspaceError> {
        let dir = self.seeds_dir();
        let io = |e| WorkspaceError::Io {
            path: dir.display().to_string(),
            source: e,
        };
        let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
            .map_err(io)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.extension()
                    .is_some_and(|x| x.eq_ignore_ascii_case("toml"))
                    && p.is_file()
                    && !is_office_temp(p)
            })
            .collect();
        paths.sort();
        Ok(paths)
    }

    fn read(&self, p: &Path) -> Result<Vec<u8>, WorkspaceError> {
        std::fs::read(p).map_err(|e| WorkspaceError::Io {
            path: p.display().to_string(),
            source: e,
        })
    }

    /// Each task-list file, workspace-relative, with the SHA-256 of its bytes:
    /// part of what a report is built from (`report::Inputs`).
    pub fn plan_digests(&self) -> Result<Vec<(String, [u8; 32])>, WorkspaceError> {
        use sha2::{Digest, Sha256};
        self.plan_paths()?
            .into_iter()
            .map(|p| Ok((self.rel(&p), Sha256::digest(self.read(&p)?).into())))
            .collect()
    }

    /// Reads every `seeds/*.toml` as text, sorted by name. A file that is not UTF-8
    /// becomes a diagnostic, not an error.
    pub fn read_plan_files(
        &self,
        diags: &mut Diagnostics,
    ) -> Result<Vec<(String, String)>, WorkspaceError> {
        let mut out = Vec::new();
        for p in self.plan_paths()? {
            let bytes = self.read(&p)?;
            let rel = self.rel(&p);
            let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
            match String::from_utf8(bytes.to_vec()) {
                Ok(text) => out.push((rel, text)),
                Err(e) => {
                    let at = e.utf8_error().valid_up_to();
                    let text = String::from_utf8_lossy(bytes).into_owned();
                    diags.push(
                        Diagnostic::error(
                            Code::BadEncoding,
                            tr!(
                                "任务清单文件不是 UTF-8 编码",
                                "the task-list file is not UTF-8"
                            ),
                        )
                        .file(rel)
                        .span(&text, at..at + 1)
                        .hint(tr!(
                            "用记事本或 VS Code 以 UTF-8 编码另存",
                            "save it as UTF-8 (Notepad or VS Code: Save with Encoding)"
                        )),
                    );
                }
            }
        }
        if out.is_empty() && !diags.has_errors() {
            diags.push(
                Diagnostic::error(
                    Code::NoPlan,
                    tr!(
                        "seeds/ 中没有任务清单（*.toml）",
                        "seeds/ holds no task list (*.toml)"
                    ),
                )
                .file("seeds/"),
            );
        }
        Ok(out)
    }

    /// Loads every plan version, with their diagnostics.
    pub fn load_plans(&self, diags: &mut Diagnostics) -> Result<PlanSet, WorkspaceError> {
        let files = self.read_plan_files(diags)?;
        Ok(load::load_plan_set(&files, diags))
    }
}

/// Temporary files of an export are named `.mingsheng-XXXXXX.tmp`, so that a
/// run killed midway leaves files a later run recognises as its own, and the
/// reader never takes one for a department's report.
pub const TEMP_PREFIX: &str = ".mingsheng-";
pub const TEMP_SUFFIX: &str = ".tmp";

/// Whether a file name is one of our temporary files.
pub fn is_temp_name(name: &str) -> bool {
    name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX)
}

/// Office lock and temporary files: `~$报表.xlsx`, `.~lock.报表.csv#`, `~WRL0001.tmp`.
pub fn is_office_temp(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    is_temp_name(&name)
        || name.starts_with("~$")
        || name.starts_with(".~lock")
        || name.starts_with('~')
        || name.ends_with('#')
        || name.ends_with('~')
        || name.starts_with("._")
        || name.eq_ignore_ascii_case("thumbs.db")
        || name.eq_ignore_ascii_case("desktop.ini")
        || name.eq_ignore_ascii_case(".DS_Store")
}
