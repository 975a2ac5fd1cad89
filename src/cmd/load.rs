//! What `report`, `history` and `highlights` read before they say anything: the
//! month asked for (or the latest with files), the task list in force (a closed
//! month's from its record), and every progress file of the plan year through
//! that month (closed months from `archive/`), refused over data errors unless
//! `--allow-errors`.

use crate::app::App;
use crate::archive::Record;
use crate::diag::{Diagnostics, Severity};
use crate::month::Month;
use crate::plan::{Plan, PlanSet};
use crate::progress::read::{month_has_files, read_every_months_words, read_progress, ReadOptions};
use crate::progress::Progress;
use crate::tr;
use crate::workspace::Workspace;
use anyhow::{bail, Result};

/// A month's reading, ready for the domain.
pub struct Loaded {
    /// Where the task list came from (the record of a closed month).
    pub source: Workspace,
    pub plans: PlanSet,
    pub progress: Progress,
    pub month: Month,
    /// Errors found in the files, when `--allow-errors` let the run go on.
    pub errors: Diagnostics,
    /// The day a closed month was closed (its notice's date unless `--date`).
    pub closed_on: Option<chrono::NaiveDate>,
}

/// Whose words (进展情况, 存在问题, 下步计划) to keep.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Words {
    /// The month asked for (a report).
    Month,
    /// Every month (an item's history).
    EveryMonth,
}

/// What the command asks of the task list in force before any file is read
/// (`history` that its item exists), so a mistyped argument is refused at once.
pub type PlanCheck<'a> = &'a dyn Fn(&Plan) -> Result<()>;

/// The workspace's month for a command: `--month` or the latest with files,
/// read as [`load`] reads it (`None`: refused, the reason said on stderr).
pub fn load_month(
    app: &App,
    month: Option<Month>,
    allow_errors: bool,
    words: Words,
    check: Option<PlanCheck>,
) -> Result<Option<Loaded>> {
    let ws = app.workspace()?;
    let (month, latest) = match month {
        Some(m) => (m, false),
        None => (latest_month(app, &ws)?, true),
    };
    load(app, &ws, month, allow_errors, words, check, latest)
}

/// The latest month with files, for a command run without `--month`.
fn latest_month(app: &App, ws: &Workspace) -> Result<Month> {
    let l = app.lang;
    let Some(m) = super::latest_month_with_files(ws) else {
        bail!(
            "{}",
            crate::lang::pick(
                l,
                "data/ 中没有任何月份的进展文件；请用 --month 指定月份",
                "no month under data/ holds a progress file; name one with --month"
            )
        );
    };
    Ok(m)
}

/// Reads the plan year through `month`; `None` when the run must stop with exit
/// 1 (a broken plan, no file at all, data errors without `--allow-errors`),
/// the reason already printed. `latest`: the month was chosen, not given (said
/// on stderr once the task list has passed `check`).
fn load(
    app: &App,
    ws: &Workspace,
    month: Month,
    allow_errors: bool,
    words: Words,
    check: Option<PlanCheck>,
    latest: bool,
) -> Result<Option<Loaded>> {
    let l = app.lang;
    // A closed month is read from its record (archive/M): the task list and
    // the files as they were when it was closed, so the notice comes out as issued.
    let record = Record::load(ws)?;
    let source = record.plan_source(ws, month);
    let Some(plans) = app.plans(&source)? else {
        return Ok(None);
    };
    let plan = super::plan_for_month(l, &plans, month)?;
    if let Some(check) = check {
        check(plan)?;
    }
    if latest {
        crate::app::eprintln_safe!(
            "{}",
            tr!(
                "未指定 --month，报告有进展文件的最近月份：{month}",
                "no --month given: reporting the latest month with files, {month}"
            )
            .take(l)
        );
    }
    if !record.is_closed(month) && !month_has_files(ws, month) {
        crate::app::eprintln_safe!(
            "{}",
            tr!(
                "错误：data/{month}/ 中没有任何进展文件，无法生成 {name} 的报告（各单位的报表收回后放入该文件夹）",
                "error: data/{month}/ holds no progress file: there is nothing to report for {name}",
                name = month.label(l),
            )
            .take(l)
        );
        return Ok(None);
    }
    let from = Month::january(plan.year);
    let mut diags = Diagnostics::default();
    let opts = ReadOptions {
        from: Some(from),
        to: Some(month),
        encoding: None,
        on_month: Some(super::show_reading),
        notes_for: Some(month),
        digests: true,
        archived: record.sources(from, month),
    };
    let mut progress = read_progress(ws, &plans, &opts, &mut diags)?;
    if words == Words::EveryMonth {
        read_every_months_words(ws, &plans, &opts, &mut progress)?;
    }
    let mut errors = diags;
    errors.retain(|_, _, severity| severity == Severity::Error);
    if !errors.is_empty() && !allowed(app, &errors, from, month, allow_errors) {
        return Ok(None);
    }
    progress.late = record.late(from, month);
    if let Some(c) = record.get(month) {
        crate::app::eprintln_safe!(
            "{}",
            tr!(
                "{month} 已于 {} 关账，按存档 archive/{month}/ 出具（第{}版）",
                "{month} was closed on {}: reported from its record archive/{month}/ (record {})",
                c.manifest.closed_at,
                c.manifest.record
            )
            .take(l)
        );
    }
    let closed_on = record.get(month).and_then(|c| c.manifest.closed_on());
    Ok(Some(Loaded {
        closed_on,
        source,
        plans,
        progress,
        month,
        errors,
    }))
}

/// Prints the data errors; whether the run may go on (`--allow-errors`).
fn allowed(app: &App, errors: &Diagnostics, from: Month, month: Month, allow: bool) -> bool {
    app.print_diagnostics(errors);
    if !allow {
        crate::app::eprintln_safe!(
            "{}",
            tr!("{from} 至 {month} 的进展文件有 {} 个错误，未生成报告。请相关单位改正后重新报送（mingsheng check --month 月份 查看各月详情）；如确需先行印发，可加 --allow-errors，出错的数据标为「数据有误」", "the progress files of {from} to {month} have {} error(s); no report was made. Have them corrected (mingsheng check --month M shows each month), or give --allow-errors to report with those figures marked as data errors", errors.errors()).take(app.lang)
        );
    }
    allow
}
