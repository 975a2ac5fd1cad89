//! Command-line interface: global options, the subcommands, and exit codes.

use crate::app::{App, Exit, STDERR_FAILED};
use crate::eprintln_safe;
use crate::lang::{Lang, Text};
use crate::render::table::Style;
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
    #[arg(long, global = true, value_enum, default_value_t = LangArg::Zh)]
    pub lang: LangArg,

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

/// `--lang`: clap's side of [`Lang`], so the library's type carries no clap derive.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum LangArg {
    /// 中文（默认）
    #[default]
    Zh,
    /// English
    En,
}

impl From<LangArg> for Lang {
    fn from(a: LangArg) -> Lang {
        match a {
            LangArg::Zh => Lang::Zh,
            LangArg::En => Lang::En,
        }
    }
}

/// Whether to colour output.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// 仅在终端上着色，并遵守 NO_COLOR
    #[default]
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Resolves `auto` for a stream: colour only on a terminal, never with `NO_COLOR`.
    fn enabled(self, is_terminal: bool) -> bool {
        // An old Windows console shows escape codes as text unless virtual
        // terminal processing can be switched on.
        #[cfg(windows)]
        if self != ColorChoice::Never && !crossterm::ansi_support::supports_ansi() {
            return false;
        }
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                is_terminal
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::env::var("TERM").map_or(true, |t| t != "dumb")
            }
        }
    }
}

/// Parses the command line and runs it; returns the process exit code.
pub fn run() -> i32 {
    // Help and command-line errors in Chinese, or in English with --lang en.
    let cli = match crate::help::parse::<Cli>(std::env::args_os()) {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    let app = App {
        lang: cli.lang.into(),
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
        Command::Generate(args) => {
            crate::cmd::generate::run(&app, args, crate::help::command::<Cli>(app.lang))
        }
        Command::History(args) => crate::cmd::history::run(&app, args),
        Command::Highlights(args) => crate::cmd::highlights::run(&app, args),
    };
    let code = match result {
        Ok(exit) => exit as i32,
        Err(e) => {
            eprintln_safe!("{}", error_text(&e, app.lang));
            Exit::Failure as i32
        }
    };
    if STDERR_FAILED.load(std::sync::atomic::Ordering::Relaxed) {
        Exit::Failure as i32
    } else {
        code
    }
}

/// A failed run's message in `lang`: the project's own bilingual errors
/// (a [`Text`] given as context or message, the workspace's and the score's
/// errors) in that language, then each cause on its own line.
fn error_text(e: &anyhow::Error, lang: Lang) -> String {
    let own = |cause: &(dyn std::error::Error + 'static)| {
        if let Some(w) = cause.downcast_ref::<crate::workspace::WorkspaceError>() {
            Some(w.text().take(lang))
        } else {
            cause
                .downcast_ref::<crate::score::ScoreError>()
                .map(|s| s.text().take(lang))
        }
    };
    let head = match e.downcast_ref::<Text>() {
        Some(t) => t.get(lang).to_string(),
        None => own(e.as_ref()).unwrap_or_else(|| e.to_string()),
    };
    let mut msg = format!("{}: {head}", crate::lang::pick(lang, "错误", "error"));
    for cause in e.chain().skip(1) {
        msg.push_str("\n  ");
        msg.push_str(&own(cause).unwrap_or_else(|| cause.to_string()));
    }
    msg
}
