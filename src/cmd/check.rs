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
use crate::diag::{Code, Diagnostic, Diagnostics, Severity};
use crate::lang::{pick, Lang};
use crate::month::Month;
use crate::plan::{Plan, PlanSet};
use crate::progress::plausible::{
    check_plausibility, missing_diagnostics, missing_reports, Missing,
};
use crate::progress::read::{folder_month, month_has_files, read_progress, ReadOptions};
use crate::progress::{MonthProgress, Progress};
use crate::tr;
use crate::workspace::Workspace;
use anyhow::Result;
use serde_json::json;
use std::fmt::Write as _;

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
    let errors = diags.errors();
    let warnings = diags.warnings();
    match args.format {
        Format::Json => super::emit(None, json(app.lang, &diags, &missing)?.as_bytes())?,
        Format::Text => {
            app.print_diagnostics(&diags);
            let summary = summary(
                app.lang,
                &plans,
                &progress,
                args.month,
                errors,
                (warnings, args.strict),
                plan_broken,
            );
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

/// `--format json`: the findings and the missing reports (docs/progress-files.md §4).
fn json(lang: Lang, diags: &Diagnostics, missing: &[Missing]) -> Result<String> {
    let v = json!({
        "errors": diags.errors(),
        "warnings": diags.warnings(),
        "diagnostics": diags.list.iter().map(|d| d.to_json(lang)).collect::<Vec<_>>(),
        "omitted": diags.omitted_json(),
        "missing": missing.iter().map(|m| json!({
            "month": m.month.to_string(),
            "unit": m.unit_name,
            "unit_id": m.unit_id,
        })).collect::<Vec<_>>(),
    });
    let mut s = serde_json::to_string_pretty(&v)?;
    s.push('\n');
    Ok(s)
}

/// `check --month M`: only M's own findings, and a misnamed folder that
/// means M (data/2023-7/); M with no file at all is an error of its own.
fn only_the_month(ws: &Workspace, m: Month, found: &mut Diagnostics) {
    let own = format!("data/{m}/");
    let year = format!("data/{}", m.year());
    found.retain(|file, code, severity| {
        file.is_none_or(|f| {
            !f.starts_with("data/")
                || f.starts_with(&own)
                || folder_month(f) == Some(m)
                || (code == Code::BadPath
                    && severity == Severity::Error
                    && f.starts_with(&year)
                    && folder_month(f).is_none())
        })
    });
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
            .file(own.clone())
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

/// The closing summary: totals, then per month who reported and who did not.
fn summary(
    lang: Lang,
    plans: &crate::plan::PlanSet,
    progress: &Progress,
    only: Option<Month>,
    errors: usize,
    (warnings, strict): (usize, bool),
    plan_broken: bool,
) -> String {
    let mut out = String::new();
    let months: Vec<_> = progress
        .months
        .values()
        .filter(|mp| only.is_none_or(|o| o == mp.month))
        .collect();
    let (files, rows) = months.iter().fold((0, 0), |(f, r), mp| {
        let (a, b) = progress.read_counts(mp.month);
        (f + a, r + b)
    });
    if plan_broken {
        let _ = writeln!(
            out,
            "{}",
            crate::lang::pick(
                lang,
                "任务清单有错误，未检查进展文件；请先修正任务清单。",
                "the task list has errors; progress files were not checked. Fix the task list first."
            )
        );
    }
    let n = months.len();
    let counts = tr!(
        "检查完成：{n} 个月，读取 {files} 个文件、{rows} 行；错误 {errors} 个，警告 {warnings} 个。",
        "checked {n} month(s): {files} files, {rows} rows read; {errors} error(s), {warnings} warning(s)."
    );
    let _ = writeln!(out, "{}", counts.get(lang));
    for mp in months {
        if let Some(plan) = plans.by_label(&mp.version) {
            let _ = writeln!(out, "{}", month_line(lang, plan, mp));
        }
    }
    // Under --strict a warning fails the check (exit 1): the verdict says so.
    let failed_by_warnings = strict && warnings > 0;
    let verdict = if errors > 0 {
        pick(
            lang,
            "结果：不通过，请按上面的提示修改后重新检查",
            "result: failed; fix the problems above and check again",
        )
    } else if failed_by_warnings {
        pick(
            lang,
            "结果：不通过（--strict：有警告），请按上面的提示修改后重新检查",
            "result: failed (--strict: warnings); fix the problems above and check again",
        )
    } else {
        pick(lang, "结果：通过", "result: passed")
    };
    let _ = writeln!(out, "{verdict}");
    out
}

/// One month's line: how many reporting units filed, and who did not.
fn month_line(lang: Lang, plan: &Plan, mp: &MonthProgress) -> String {
    let expected = plan.reporting_units();
    let absent: Vec<&str> = expected
        .iter()
        .filter(|&&u| !mp.filed.get(u).copied().unwrap_or(false))
        .map(|&u| plan.units[u].name.as_str())
        .collect();
    let done = expected.len() - absent.len();
    let mut out = tr!(
        "  {month}  已报送 {done}/{n} 个单位",
        "  {month}  {done}/{n} units reported",
        month = mp.month,
        n = expected.len(),
    )
    .take(lang);
    if !absent.is_empty() {
        let absent = absent.join(pick(lang, "、", ", "));
        out.push_str(&tr!("；未报送：{absent}", "; missing: {absent}").take(lang));
    }
    out
}
