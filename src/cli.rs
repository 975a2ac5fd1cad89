//! Command-line interface: global options, the subcommands, and exit codes.

use crate::diag::Diagnostics;
use crate::lang::Lang;
use crate::plan::PlanSet;
use crate::render::table::Style;
use crate::render::ColorChoice;
use crate::workspace::Workspace;
use clap::{Parser, Subcommand};
use std::io::IsTerminal;
use std::path::PathBuf;

/// 民生实事调度工具：任务清单、月度进展、月调度通报与季动态考评。
/// (Livelihood task tracking: task list, monthly progress, dispatch report and quarterly evaluation.)
#[derive(Parser, Debug)]
#[command(name = "mingsheng", version, max_term_width = 100)]
pub struct Cli {
    /// 工作区目录（含 seeds/ 与 data/），默认为当前目录或其上级 (workspace folder)
    #[arg(short = 'C', global = true, value_name = "DIR")]
    pub dir: Option<PathBuf>,

    /// 输出语言 (language of messages and labels)
    #[arg(long, global = true, value_enum, default_value_t = Lang::Zh)]
    pub lang: Lang,

    /// 何时着色 (when to colour output)
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// 表格只用 ASCII 字符绘制（部分中文 Windows 控制台需要）(draw tables with ASCII only)
    #[arg(long, global = true)]
    pub ascii: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// 查看任务清单，比较两个版本 (show the task list; diff two versions)
    Plan(crate::cmd::plan::Args),
    /// 检查任务清单和各单位的月度进展文件 (check the task list and the monthly progress files)
    Check(crate::cmd::check::Args),
    /// 月调度通报：完成率、序时进度、状态与导出 (the monthly dispatch report and its exports)
    Report(crate::cmd::report::Args),
    /// 生成各单位本月的空白进展报表 (write each unit's blank progress form for a month)
    Template(crate::cmd::template::Args),
    /// 季动态考评与年度评分 (quarterly evaluation of units, and the year)
    Score(crate::cmd::score::Args),
    /// 关账：冻结本月已报送的进展文件，通报与考评此后按存档 (close a month: freeze its record)
    Close(crate::cmd::close::Args),
    /// 重新打开已关账的月份（须写明原因，保留原存档）(reopen a closed month, keeping its record)
    Reopen(crate::cmd::reopen::Args),
    /// 关账与重新打开的记录 (the record of closes and reopens)
    Log(crate::cmd::log::Args),
    /// 一个事项逐月的完成情况、本月增量与年底预计 (an item month by month, with its forecast)
    History(crate::cmd::history::Args),
    /// 宣传推介：本年已完成、超序时的民生实事与主要数据 (the publicity summary of what was achieved)
    Highlights(crate::cmd::highlights::Args),
    /// 生成 man 手册页或命令补全脚本 (print the man page or shell completions)
    Generate(crate::cmd::generate::Args),
}

/// Set when writing to stderr failed for a reason other than a closed pipe
/// (a full disk, `2>/dev/full`): the run then exits 2, never panics.
static STDERR_FAILED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

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
        $crate::cli::write_stderr(&format!("{}\n", format_args!($($arg)*)))
    };
}

/// `eprint!` that never panics: see [`write_stderr`].
#[macro_export]
macro_rules! eprint_safe {
    ($($arg:tt)*) => {
        $crate::cli::write_stderr(&format!($($arg)*))
    };
}

pub use crate::{eprint_safe, eprintln_safe};

/// How a run ended, for batch jobs (SPEC §4).
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

/// Parses the command line and runs it; returns the process exit code.
pub fn run() -> i32 {
    // Help and command-line errors in Chinese, or in English with --lang en.
    let cli = match crate::help::parse(std::env::args_os()) {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    let app = App {
        lang: cli.lang,
        dir: cli.dir,
        style: Style {
            color: cli.color.enabled(std::io::stdout().is_terminal()),
            ascii: cli.ascii,
        },
        color_err: cli.color.enabled(std::io::stderr().is_terminal()),
    };
    let result = match cli.command {
        Command::Plan(args) => crate::cmd::plan::run(&app, args),
        Command::Check(args) => crate::cmd::check::run(&app, args),
        Command::Report(args) => crate::cmd::report::run(&app, args),
        Command::Template(args) => crate::cmd::template::run(&app, args),
        Command::Score(args) => crate::cmd::score::run(&app, args),
        Command::Close(args) => crate::cmd::close::run(&app, args),
        Command::Reopen(args) => crate::cmd::reopen::run(&app, args),
        Command::Log(args) => crate::cmd::log::run(&app, args),
        Command::Generate(args) => crate::cmd::generate::run(&app, args),
        Command::History(args) => crate::cmd::history::run(&app, args),
        Command::Highlights(args) => crate::cmd::highlights::run(&app, args),
    };
    let code = match result {
        Ok(exit) => exit as i32,
        Err(e) => {
            let label = crate::lang::pick(app.lang, "错误", "error");
            let mut msg = format!("{label}: {e}");
            for cause in e.chain().skip(1) {
                msg.push_str(&format!("\n  {cause}"));
            }
            eprintln_safe!("{msg}");
            Exit::Failure as i32
        }
    };
    if STDERR_FAILED.load(std::sync::atomic::Ordering::Relaxed) {
        Exit::Failure as i32
    } else {
        code
    }
}
