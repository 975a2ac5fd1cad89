//! `check` rendered: the summary under the diagnostics (totals, who reported
//! each month, the verdict) and `--format json` (docs/progress-files.md §4).
//! The diagnostics themselves are drawn by [`crate::diag`].

use crate::diag::Diagnostics;
use crate::lang::{pick, Lang};
use crate::month::Month;
use crate::plan::{Plan, PlanSet};
use crate::progress::plausible::Missing;
use crate::progress::{MonthProgress, Progress};
use crate::tr;
use serde_json::json;
use std::fmt::Write as _;

/// What the check came to, for the summary's counts and verdict.
#[derive(Clone, Copy, Debug)]
pub struct Tally {
    pub errors: usize,
    pub warnings: usize,
    /// `--strict`: a warning fails the check.
    pub strict: bool,
    /// The task list has errors, so no progress file was checked.
    pub plan_broken: bool,
}

/// `--format json`: the findings and the missing reports (docs/progress-files.md §4).
pub fn json(diags: &Diagnostics, missing: &[Missing], lang: Lang) -> serde_json::Value {
    json!({
        "errors": diags.errors(),
        "warnings": diags.warnings(),
        "diagnostics": diags.list.iter().map(|d| d.to_json(lang)).collect::<Vec<_>>(),
        "omitted": diags.omitted_json(),
        "missing": missing.iter().map(|m| json!({
            "month": m.month.to_string(),
            "unit": m.unit_name,
            "unit_id": m.unit_id,
        })).collect::<Vec<_>>(),
    })
}

/// The closing summary: totals, then per month who reported and who did not.
pub fn summary(
    plans: &PlanSet,
    progress: &Progress,
    only: Option<Month>,
    tally: Tally,
    lang: Lang,
) -> String {
    let Tally {
        errors,
        warnings,
        strict,
        plan_broken,
    } = tally;
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
    let absent: Vec<&str> = mp
        .not_filed(plan)
        .map(|u| plan.units[u].name.as_str())
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
