//! `mingsheng check`: validates the task list and the monthly progress files.
//!
//! ```text
//! mingsheng check [--month M] [--strict] [--format text|json] [--encoding auto|utf8|gbk]
//! ```
//!
//! Every finding of the task list, of each file and row, and across months is
//! collected in one run and rendered on stderr like a compiler's diagnostics,
//! followed by a summary (files and rows read, errors, warnings, and per month the
//! units that reported of those expected). `--format json` prints docs/progress-files.md §4's
//! `{"errors","warnings","diagnostics","missing"}` on stdout instead.
//!
//! Exit status: 0 no errors (warnings allowed), 1 errors (or warnings with
//! `--strict`), 2 the check could not run.

use crate::app::{App, Exit};
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::month::Month;
use crate::plan::PlanSet;
use crate::progress::plausible::{
    check_plausibility, missing_diagnostics, missing_reports, Missing,
};
use crate::progress::read::{keep_month_findings, month_has_files, read_progress, ReadOptions};
use crate::progress::Progress;
use crate::render::json::pretty;
use crate::report::check::{self, Tally};
use crate::tr;
use crate::workspace::Workspace;
use anyhow::Result;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// 只检查这个月（YYYY-MM）；默认检查全部月份 (check only month M)
    #[arg(long, value_name = "M")]
    month: Option<Month>,
    /// 有警告也按不通过处理（退出码 1）(treat warnings as failures)
    #[arg(long)]
    strict: bool,
    /// 输出格式 (output format)
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// 进展文件的编码；默认自动识别 (encoding of progress files; detected by default)
    #[arg(long, value_enum, default_value_t = EncodingArg::Auto)]
    encoding: EncodingArg,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Text,
    Json,
}

/// `--encoding` of commands that read progress files.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum EncodingArg {
    /// 自动识别（BOM、UTF-8、GBK）
    Auto,
    /// UTF-8
    #[value(alias = "utf-8")]
    Utf8,
    /// GBK / GB18030
    #[value(alias = "gb18030")]
    Gbk,
}

impl EncodingArg {
    pub fn encoding(self) -> Option<&'static encoding_rs::Encoding> {
        match self {
            EncodingArg::Auto => None,
            EncodingArg::Utf8 => Some(encoding_rs::UTF_8),
            EncodingArg::Gbk => Some(encoding_rs::GB18030),
        }
    }
}

pub fn run(app: &App, args: Args) -> Result<Exit> {
    let ws = app.workspace()?;
    let mut diags = Diagnostics::default();
    let plans = ws.load_plans(&mut diags)?;
    let plan_broken = diags.has_errors() || plans.versions.is_empty();
    let (progress, missing) = if plan_broken {
        (Progress::default(), Vec::new())
    } else {
        read_and_check(&ws, &plans, &args, &mut diags)?
    };
    let (errors, warnings) = (diags.errors(), diags.warnings());
    match args.format {
        Format::Json => {
            let v = check::json(&diags, &missing, app.lang);
            super::emit(None, pretty(&v)?.as_bytes())?;
        }
        Format::Text => {
            app.print_diagnostics(&diags);
            let tally = Tally {
                errors,
                warnings,
                strict: args.strict,
                plan_broken,
            };
            let summary = check::summary(&plans, &progress, args.month, tally, app.lang);
            crate::app::eprint_safe!("{summary}");
        }
    }
    Ok(if errors > 0 || (args.strict && warnings > 0) {
        Exit::Findings
    } else {
        Exit::Ok
    })
}

/// Reads the progress files and checks them: each file's rules, the live
/// files against the record of closed months, the plausibility across months
/// and who has not reported. The findings are added to `diags`, sorted.
fn read_and_check(
    ws: &Workspace,
    plans: &PlanSet,
    args: &Args,
    diags: &mut Diagnostics,
) -> Result<(Progress, Vec<Missing>)> {
    // One month is checked against the months before it in its year, but
    // only its own findings are reported.
    let opts = ReadOptions {
        from: args.month.map(|m| Month::january(m.year())),
        to: args.month,
        encoding: args.encoding.encoding(),
        on_month: Some(super::show_reading),
        notes_for: None,
        digests: false,
        archived: Default::default(),
    };
    let mut found = Diagnostics::default();
    let progress = read_progress(ws, plans, &opts, &mut found)?;
    if let Some(m) = args.month {
        only_the_month(ws, m, &mut found);
    }
    // The record of closed months, read once: for the live files against
    // it, and for the months whose missing units it already lists.
    let record = crate::archive::Record::load(ws)?;
    changed_after_close(ws, (plans, &record), &progress, args.month, &mut found)?;
    check_plausibility(plans, &progress, args.month, &mut found);
    let missing = missing_reports(plans, &progress, args.month);
    // A closed month's missing units are in its record (closed with
    // --allow-missing): nothing more can be filed there, so no warning.
    let open: Vec<_> = missing
        .iter()
        .filter(|x| !record.is_closed(x.month))
        .cloned()
        .collect();
    missing_diagnostics(&open, &mut found);
    found.sort();
    diags.extend(found);
    Ok((progress, missing))
}

/// `check --month M`: only M's own findings, and a misnamed folder that
/// means M (data/2023-7/); M with no file at all is an error of its own.
fn only_the_month(ws: &Workspace, m: Month, found: &mut Diagnostics) {
    keep_month_findings(found, m);
    if !month_has_files(ws, m) {
        found.push(
            Diagnostic::error(
                Code::EmptyMonth,
                tr!(
                    "data/{}/ 中没有任何进展文件，本月没有可检查的内容",
                    "data/{}/ holds no progress file: nothing was checked for this month",
                    m
                ),
            )
            .file(format!("data/{m}/"))
            .hint(tr!(
                "把各单位交回的报表放入 data/{}/（文件名为单位名称，如 县人社局.csv）",
                "put the units' returned forms into data/{}/ (named after the unit, e.g. 县人社局.csv)",
                m
            )),
        );
    }
}

/// Closed months (all, or `month`): their live files against the record.
fn changed_after_close(
    ws: &Workspace,
    (plans, record): (&PlanSet, &crate::archive::Record),
    progress: &Progress,
    month: Option<Month>,
    found: &mut Diagnostics,
) -> Result<()> {
    for closed in record.closed.values() {
        if month.is_none_or(|m| m == closed.month) {
            let changes = crate::archive::compare(ws, plans, progress, closed)?;
            found
                .list
                .extend(crate::archive::diagnostics(closed, &changes));
        }
    }
    Ok(())
}
