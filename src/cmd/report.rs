//! `mingsheng report`: the monthly dispatch report (月调度通报) for a month.
//!
//! ```text
//! mingsheng report [--month M] [--allow-errors] [--format table|csv|json|md|html|xlsx|docx] [-o FILE]
//!                  [--encoding utf8|gbk] [--date YYYY-MM-DD] [--unit U]
//! ```
//!
//! `--unit U` cuts the report down to one unit's 督办单 (see
//! [`crate::report::unit`]): the items it leads or reports, their streaks, and
//! its score so far this quarter.
//!
//! A report over data errors is refused (exit 1, the errors listed as `check`
//! lists them): of month M or of an earlier month of the year it builds on.
//! `--allow-errors` reports anyway; each refused figure then shows as 数据有误
//! (`"rejected": true` in JSON) and its unit is never listed as not reporting.
//! A month after today, outside the plan's year or with no file at all is
//! refused; without `--month` the latest month that has files is reported.
//!
//! Reads the plan version in force for M and every progress file from the plan
//! year's January through M, assesses each indicator and item (see
//! [`crate::assess`]) and prints the headline and the per-item table, or writes
//! the notice / an export. `-o FILE` takes the format from the extension when
//! `--format` is not given. Every report names the plan version and the SHA-256
//! of the files it was built from; the same files give byte-identical output.
//! The notice (md, html, docx) closes with the office and the date (落款):
//! `--date`, else for a closed month the day it was closed (so the notice comes
//! out as issued), else `MINGSHENG_TODAY`, else today.

use super::Format;
use crate::app::{App, Exit};
use crate::month::Month;
use crate::progress::Progress;
use crate::report::{self, Inputs, Report};
use crate::tr;
use anyhow::{Context, Result};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// 报告月份（YYYY-MM）；省略时取有进展文件的最近月份 (the month reported; default: the latest month with files)
    #[arg(long, value_name = "M")]
    month: Option<Month>,
    /// 进展文件有错误时仍生成报告，出错的数据标为「数据有误」 (report despite data errors; refused figures show as 数据有误)
    #[arg(long)]
    allow_errors: bool,
    #[command(flatten)]
    out: super::Output,
    /// 只出一个单位的督办单：它牵头或报送的事项、连续慢序时与本季度得分 (one unit's report: its items, streaks and score so far this quarter)
    #[arg(long, value_name = "U")]
    unit: Option<String>,
    /// 通报落款日期，默认为今天；已关账的月份默认为关账日 (the notice's date, YYYY-MM-DD; default today, or the close date of a closed month)
    #[arg(long, value_name = "YYYY-MM-DD")]
    date: Option<chrono::NaiveDate>,
    /// 终端较窄时也显示完整的宽表格（全部列、全部指标） (the full table on a narrow terminal too)
    #[arg(long)]
    wide: bool,
}

/// The terminal width the table must fit, or `None` for the full table: with
/// `--wide`, `-o`, or output that is not a terminal (so scripts and pipes get
/// the same table as ever). `MINGSHENG_COLUMNS` sets the width as if on a
/// terminal that wide (for tests and for consoles that do not tell).
fn table_width(wide: bool, to_file: bool) -> Option<u16> {
    use std::io::IsTerminal;
    if wide || to_file {
        return None;
    }
    if let Some(w) = std::env::var("MINGSHENG_COLUMNS")
        .ok()
        .and_then(|v| v.trim().parse::<u16>().ok())
    {
        return Some(w.max(60));
    }
    if !std::io::stdout().is_terminal() {
        return None;
    }
    // comfy-table asks the terminal (crossterm) when stdout is one.
    comfy_table::Table::new().width().or(Some(80))
}

pub fn run(app: &App, args: Args) -> Result<Exit> {
    let l = app.lang;
    let format = args.out.resolve(l)?;

    let Some(loaded) = super::load::load_month(
        app,
        args.month,
        args.allow_errors,
        super::load::Words::Month,
        None,
    )?
    else {
        return Ok(Exit::Findings);
    };
    let month = loaded.month;
    let super::load::Loaded {
        source,
        plans,
        progress,
        errors,
        closed_on,
        ..
    } = loaded;
    let from = Month::january(month.year());
    let inputs = Inputs::of(source.plan_digests()?, &progress);
    let mut report = Report::build(&plans, &progress, month, inputs, l).with_context(|| {
        tr!(
            "{month} 没有生效的任务清单版本",
            "no plan version is in force in {month}"
        )
    })?;
    if let Some(name) = &args.unit {
        let view = unit_view(l, &plans, &progress, report.plan(), month, name)?;
        report.for_unit(view);
    }
    if format == Format::Html {
        // The trend lines of the HTML annex: every month of the year so far.
        report.course = crate::trend::course(&plans, &progress, month);
    }
    // A closed month's notice keeps the day it was issued (closed), so it
    // comes out as it went out; an open month's draft is dated today.
    report.date = Some(match (args.date, closed_on) {
        (Some(d), _) | (None, Some(d)) => d,
        (None, None) => super::today_date()?,
    });
    if !errors.is_empty() {
        let left_out = report.rejected_figures().len();
        crate::app::eprintln_safe!(
            "{}",
            tr!("注意：{from} 至 {month} 的进展文件有 {} 个错误（--allow-errors）；本月 {left_out} 项数据有误，未计入本报告，在报告中标为「数据有误」", "note: the progress files of {from} to {month} have {} error(s) (--allow-errors); {left_out} figure(s) of this month were left out and show as data errors", errors.errors()).take(l)
        );
    }
    let bytes = match format {
        Format::Table => {
            let mut style = app.style;
            if args.out.output.is_some() {
                style.color = false;
            }
            let width = table_width(args.wide, args.out.output.is_some());
            report::table::render_fit(&report, style, width).into_bytes()
        }
        Format::Json => report::json::to_text(&report).into_bytes(),
        Format::Md => report::notice::markdown(&report)?.into_bytes(),
        Format::Html => report::notice::html(&report)?.into_bytes(),
        Format::Csv => report::csv::to_bytes(&report, args.out.gbk())?,
        Format::Xlsx => report::xlsx::to_bytes(&report)?,
        Format::Docx => report::docx::to_bytes(&report)?,
    };
    args.out.emit(app.lang, &bytes)?;
    Ok(Exit::Ok)
}

/// The unit named by `--unit` (id, name or alias) and its score so far this
/// quarter, through the month reported.
fn unit_view(
    l: crate::lang::Lang,
    plans: &crate::plan::PlanSet,
    progress: &Progress,
    plan: &crate::plan::Plan,
    month: Month,
    name: &str,
) -> Result<crate::report::unit::UnitView> {
    let Some(unit) = plan.unit_by_name(name) else {
        anyhow::bail!(
            "{}",
            tr!("任务清单中没有单位「{name}」；mingsheng plan --units 列出全部单位的名称、简称和编号", "no unit `{name}` in the task list; mingsheng plan --units lists them").take(l)
        );
    };
    let q = month.quarter();
    let eval = crate::score::score_quarter_through(plans, progress, q, month).ok();
    let id = &plan.units[unit].id;
    Ok(crate::report::unit::UnitView {
        unit,
        quarter: q,
        months: eval.as_ref().map_or(0, |e| e.months.len()),
        ranked: eval
            .as_ref()
            .map_or(0, |e| e.units.iter().filter(|u| u.rank.is_some()).count()),
        score: eval.and_then(|e| e.units.into_iter().find(|u| &u.id == id)),
    })
}
