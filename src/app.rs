//! What every subcommand gets from the command line, how a run ends, and
//! writing to stderr without panicking. Between `cli` (which parses and
//! dispatches) and `cmd` (which runs), so neither imports the other's parent.

use crate::diag::Diagnostics;
use crate::lang::Lang;
use crate::plan::PlanSet;
use crate::render::table::Style;
use crate::workspace::Workspace;
use std::path::PathBuf;

/// Set when writing to stderr failed for a reason other than a closed pipe
/// (a full disk, `2>/dev/full`): the run then exits 2, never panics.
pub(crate) static STDERR_FAILED: std::sync::atomic::AtomicBool =
    std::sync::atomic::AtomicBool::new(false);

/// Writes to stderr without ever panicking (`eprint!` panics when stderr is
/// closed or full); a failure other than a closed pipe makes the run exit 2.
pub fn write_stderr(text: &str) {
    use std::io::Write;
    let mut err = std::io::stderr().lock();
    if let Err(e) = err.write_all(text.as_bytes()).and_then(|()| err.flush()) {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            STDERR_FAILED.store(true, std::sync::atomic::Ordering::Relaxed);
        }
    }
}

/// `eprintln!` that never panics: see [`write_stderr`].
#[macro_export]
macro_rules! eprintln_safe {
    ($($arg:tt)*) => {
        $crate::app::write_stderr(&format!("{}\n", format_args!($($arg)*)))
    };
}

/// `eprint!` that never panics: see [`write_stderr`].
#[macro_export]
macro_rules! eprint_safe {
    ($($arg:tt)*) => {
        $crate::app::write_stderr(&format!($($arg)*))
    };
}

pub use crate::{eprint_safe, eprintln_safe};

/// How a run ended, for batch jobs (docs/progress-files.md §4).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// No errors (warnings allowed).
    Ok = 0,
    /// Errors found in the inputs (or warnings with `--strict`).
    Findings = 1,
    /// The command could not run.
    Failure = 2,
}

/// What every subcommand needs from the global options.
pub struct App {
    pub lang: Lang,
    pub dir: Option<PathBuf>,
    /// Tables on stdout.
    pub style: Style,
    /// Diagnostics on stderr.
    pub color_err: bool,
}

impl App {
    pub fn workspace(&self) -> anyhow::Result<Workspace> {
        Ok(Workspace::discover(self.dir.as_deref())?)
    }

    /// Prints diagnostics to stderr, rendered for people.
    pub fn print_diagnostics(&self, diags: &Diagnostics) {
        let mut text = String::new();
        for d in &diags.list {
            text.push_str(&d.render(self.lang, self.color_err));
            text.push('\n');
            // Written in pieces so that a long list streams out.
            if text.len() > 1 << 16 {
                write_stderr(&text);
                text.clear();
            }
        }
        for line in diags.omitted_lines(self.lang) {
            text.push_str(&line);
            text.push_str("\n\n");
        }
        write_stderr(&text);
    }

    /// Loads the plan versions. A broken plan prints its diagnostics and gives
    /// `None`: the caller exits 1, as every command does on a broken plan.
    pub fn plans(&self, ws: &Workspace) -> anyhow::Result<Option<PlanSet>> {
        let mut diags = Diagnostics::default();
        let set = ws.load_plans(&mut diags)?;
        diags.sort();
        if !diags.is_empty() {
            self.print_diagnostics(&diags);
        }
        if diags.has_errors() || set.versions.is_empty() {
            return Ok(None);
        }
        Ok(Some(set))
    }
}
