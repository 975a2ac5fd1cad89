//! `mingsheng score`: the quarterly evaluation of units (季动态考评) and the year.
//!
//! ```text
//! mingsheng score --quarter 2023Q2 [--unit U] [--format table|csv|json|md|html|xlsx] [-o FILE]
//! mingsheng score --year 2023 [...]
//! ```
//!
//! Every score is explained by its lines (item, indicator, month, rule, points);
//! `--unit` prints one unit's lines. A period that is not over is refused: its
//! months are incomplete. `MINGSHENG_TODAY=YYYY-MM[-DD]` fixes "today" for
//! reproducible batch runs.

use super::Format;
use crate::app::{App, Exit};
use crate::archive::Record;
use crate::month::{Month, Quarter};
use crate::plan::PlanSet;
use crate::progress::read::{month_has_files, read_progress, ReadOptions};
use crate::progress::Progress;
use crate::render::json::pretty;
use crate::report::score::{html, json, md, sheets, table};
use crate::score::{score, Evaluation, Period, UnitScore};
use crate::tr;
use crate::workspace::Workspace;
use anyhow::{bail, Result};

#[derive(clap::Args, Debug)]
#[command(group(clap::ArgGroup::new("period").required(true).args(["quarter", "year"])))]
pub struct Args {
    /// 评分季度，如 2023Q2 (the quarter)
    #[arg(long, value_name = "Q")]
    quarter: Option<Quarter>,
    /// 全年评分，如 2023 (the whole year)
    #[arg(long, value_name = "YEAR")]
    year: Option<i32>,
    /// 只看一个单位的扣分明细 (explain one unit, line by line)
    #[arg(long, value_name = "UNIT")]
    unit: Option<String>,
    #[command(flatten)]
    out: super::Output,
}

impl Args {
    /// The period asked for; clap requires one of `--quarter` and `--year`.
    fn period(&self) -> Option<Period> {
        match (self.quarter, self.year) {
            (Some(q), _) => Some(Period::Quarter(q)),
            (None, Some(y)) => Some(Period::Year(y)),
            (None, None) => None,
        }
    }
}

pub fn run(app: &App, args: Args) -> Result<Exit> {
    // Scores are not a 公文: docx is the monthly notice's (and the publicity summary's).
    let formats = [
        Format::Table,
        Format::Csv,
        Format::Json,
        Format::Md,
        Format::Html,
        Format::Xlsx,
    ];
    let format = args.out.resolve_among(app.lang, "score", &formats)?;
    let Some(period) = args.period() else {
        bail!(
            "{}",
            crate::lang::pick(
                app.lang,
                "请用 --quarter 或 --year 指定考评期",
                "give the period: --quarter or --year"
            )
        );
    };
    let ws = app.workspace()?;
    // Closed months are read from their records; when the period's last month
    // is closed, so is the task list its scores were computed under.
    let record = crate::archive::Record::load(&ws)?;
    let source = record.plan_source(&ws, period.last());
    let Some(plans) = app.plans(&source)? else {
        return Ok(Exit::Findings);
    };
    let Some(progress) = read(app, &ws, &record, &plans, period)? else {
        return Ok(Exit::Findings);
    };
    let eval = match score(&plans, &progress, period, super::today()?) {
        Ok(e) => e,
        Err(e) => bail!("{}", e.text().take(app.lang)),
    };
    let units = chosen_units(app, &eval, &plans, period, args.unit.as_deref())?;
    let bytes = render(app, &args, format, (&eval, &units, &plans), &record)?;
    args.out.emit(app.lang, &bytes)?;
    Ok(Exit::Ok)
}

/// The progress of the period's year through its last month, or `None` (said
/// on stderr) when it cannot be scored: a month of a period that is over has
/// no file at all (every unit would be charged as not reporting), or the
/// files have errors.
fn read(
    app: &App,
    ws: &Workspace,
    record: &Record,
    plans: &PlanSet,
    period: Period,
) -> Result<Option<Progress>> {
    let (year, first, last) = (period.year(), period.first(), period.last());
    let planned = plans.for_month(last).is_some_and(|p| p.year == year);
    if planned && last < super::today()? {
        let mut m = first;
        let mut empty = Vec::new();
        while m <= last {
            if !record.is_closed(m) && !month_has_files(ws, m) {
                empty.push(m.to_string());
            }
            m = m.next();
        }
        if !empty.is_empty() {
            crate::app::eprintln_safe!(
                "{}",
                tr!(
                    "错误：{months} 没有任何进展文件（data/月份/ 为空或不存在），不能评分：否则每个单位都按未报送扣分",
                    "error: {months} hold(s) no progress file at all (data/M/ is empty or missing); scoring would charge every unit as not reporting",
                    months = empty.join(crate::lang::pick(app.lang, "、", ", ")),
                )
                .take(app.lang)
            );
            return Ok(None);
        }
    }
    let mut diags = crate::diag::Diagnostics::default();
    let opts = ReadOptions {
        from: Some(Month::january(year)),
        to: Some(last),
        on_month: Some(super::show_reading),
        archived: record.sources(Month::january(year), last),
        ..ReadOptions::default()
    };
    let mut progress = read_progress(ws, plans, &opts, &mut diags)?;
    progress.late = record.late(Month::january(year), last);
    if diags.has_errors() {
        app.print_diagnostics(&diags);
        let n = diags.errors();
        crate::app::eprintln_safe!(
            "{}",
            tr!(
                "进展文件有 {n} 处错误，请先用 mingsheng check 修正后再评分",
                "{n} errors in the progress files: fix them (mingsheng check) before scoring"
            )
            .take(app.lang)
        );
        return Ok(None);
    }
    Ok(Some(progress))
}

/// Every unit, or with `--unit` the one named.
fn chosen_units<'e>(
    app: &App,
    eval: &'e Evaluation,
    plans: &PlanSet,
    period: Period,
    unit: Option<&str>,
) -> Result<Vec<&'e UnitScore>> {
    Ok(match unit {
        None => eval.units.iter().collect(),
        Some(name) => {
            let plan = plans
                .for_month(period.last())
                .expect("scored, so a plan is in force");
            let Some(u) = plan.unit_by_name(name) else {
                bail!(
                    "{}",
                    tr!(
                        "「{name}」不是任务清单中的单位",
                        "`{name}` is not a unit of the plan"
                    )
                    .take(app.lang)
                );
            };
            let id = &plan.units[u].id;
            eval.units.iter().filter(|s| &s.id == id).collect()
        }
    })
}

/// The evaluation in the format asked for.
fn render(
    app: &App,
    args: &Args,
    format: Format,
    (eval, units, plans): (&Evaluation, &[&UnitScore], &PlanSet),
    record: &Record,
) -> Result<Vec<u8>> {
    let l = app.lang;
    Ok(match format {
        Format::Json => pretty(&json::to_json(eval, units, l))?.into_bytes(),
        Format::Csv => sheets::csv(eval, units, l, args.out.gbk())?,
        Format::Md => md::render(eval, units, l).into_bytes(),
        Format::Html => html::render(eval, units, l)?.into_bytes(),
        Format::Xlsx => sheets::xlsx(eval, units, l)?,
        // docx was refused by `resolve_among`.
        Format::Table | Format::Docx => {
            let text = if args.unit.is_some() {
                table::explain(eval, units, plans, app.style, l)
                    + &table::late_notes(record, units, l)
            } else {
                table::summary_table(eval, app.style, l)
            };
            text.into_bytes()
        }
    })
}
