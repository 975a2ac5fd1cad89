//! Checks across months: figures that contradict the indicator's own history or
//! target, and units that filed nothing.
//!
//! A department's figure can be readable and still wrong: 8 typed for 8万, a
//! cumulative total that went down, a monthly increment out of all proportion.
//! These are warnings (the office asks, the department confirms or corrects),
//! never errors. The rules and their thresholds:
//!
//! * **cumulative-decrease** — a cumulative (累计) value below the last value
//!   reported earlier in the same plan year.
//! * **implausible-value**, any of:
//!   - a cumulative value less than 1/100 of the last earlier value
//!     ([`SLIP_RATIO`]): almost always a unit slip (8 for 8万); reported instead
//!     of `cumulative-decrease`;
//!   - a cumulative, level or maintain value above 3 × target ([`OVER_TARGET`]);
//!   - a level standard below half its baseline ([`UNDER_BASELINE`]);
//!   - a monthly increment of a cumulative indicator far out of line with the
//!     earlier increments of the same year: modified z-score
//!     `0.6745 · (d − median) / MAD` above [`Z_LIMIT`] (3.5, Iglewicz and
//!     Hoaglin) *and* `d − median` above half the target ([`JUMP_SHARE`]), so
//!     small lumpy counts (0, 0, 1 clinic) are not flagged. When the MAD is zero
//!     (most increments equal) `(d − median) / (1.253314 · mean absolute
//!     deviation)` stands in for the z-score. With fewer than [`MIN_HISTORY`]
//!     earlier increments, or all of them equal, the fallback applies: an
//!     increment larger than the whole year's target. Indicators with a
//!     seasonal schedule (grain comes in at harvest) skip the increment rule.
//! * **missing-report** — a unit that reports indicators of the month's plan
//!   version filed no file that month.

use super::{Earlier, Entry, MonthProgress, Progress};
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::month::Month;
use crate::plan::{Indicator, IndicatorRef, Kind, Plan, PlanSet};
use crate::tr;
use crate::value::num;

/// A value below this fraction of the previous one is taken for a unit slip.
pub const SLIP_RATIO: f64 = 0.01;
/// A value above this multiple of the target is implausible.
pub const OVER_TARGET: f64 = 3.0;
/// A level standard below this fraction of its baseline is implausible.
pub const UNDER_BASELINE: f64 = 0.5;
/// Modified z-score above which an increment is out of line.
pub const Z_LIMIT: f64 = 3.5;
/// …and only when it exceeds the median increment by this share of the target.
pub const JUMP_SHARE: f64 = 0.5;
/// Earlier increments needed before the z-score is used.
pub const MIN_HISTORY: usize = 4;

/// A unit that filed nothing for a month.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Missing {
    pub month: Month,
    pub unit_id: String,
    pub unit_name: String,
}

/// Reporting units without a file, per month read (only `only` when given).
pub fn missing_reports(plans: &PlanSet, progress: &Progress, only: Option<Month>) -> Vec<Missing> {
    let mut out = Vec::new();
    for (m, mp) in &progress.months {
        if only.is_some_and(|o| o != *m) {
            continue;
        }
        let Some(plan) = plans.by_label(&mp.version) else {
            continue;
        };
        out.extend(mp.not_filed(plan).map(|u| Missing {
            month: *m,
            unit_id: plan.units[u].id.clone(),
            unit_name: plan.units[u].name.clone(),
        }));
    }
    out
}

/// One `missing-report` warning per month, listing the units by name.
pub fn missing_diagnostics(missing: &[Missing], diags: &mut Diagnostics) {
    let mut i = 0;
    while i < missing.len() {
        let month = missing[i].month;
        let names: Vec<&str> = missing[i..]
            .iter()
            .take_while(|x| x.month == month)
            .map(|x| x.unit_name.as_str())
            .collect();
        i += names.len();
        let list = names.join("、");
        diags.push(
            Diagnostic::warning(
                Code::MissingReport,
                tr!(
                    "{} 有 {} 个单位未报送进展文件：{}",
                    "{}: {} unit(s) filed no progress file: {}",
                    month,
                    names.len(),
                    list
                ),
            )
            .file(format!("data/{month}/"))
            .hint(tr!(
                "请督促上述单位把进展文件放入 data/{month}/（mingsheng template --month {month} 可生成空白报表）",
                "ask them to drop their file into data/{month}/ (mingsheng template --month {month} makes blank forms)"
            )),
        );
    }
}

/// Cross-month warnings for every month read (only `only` when given).
pub fn check_plausibility(
    plans: &PlanSet,
    progress: &Progress,
    only: Option<Month>,
    diags: &mut Diagnostics,
) {
    use rayon::prelude::*;
    let months: Vec<(&Month, &MonthProgress)> = progress
        .months
        .iter()
        .filter(|(m, _)| only.is_none_or(|o| o == **m))
        .collect();
    let check_month = |(m, mp): &(&Month, &MonthProgress)| {
        let mut found = Diagnostics::default();
        if let Some(plan) = plans.by_label(&mp.version) {
            let earlier = progress.earlier(plans, plan, Month::january(m.year()), **m);
            for r in plan.indicator_refs() {
                let Some(Some(entry)) = mp.entries.get(plan.flat(r)) else {
                    continue;
                };
                let Some(value) = entry.value else {
                    continue;
                };
                check_one(plan, progress, &earlier, r, entry, value, &mut found);
            }
        }
        found
    };
    // Months are independent: a large workspace's are checked in parallel
    // (7 % of check at 1M rows, issue 16) and their findings merged in month
    // order, which keeps the same findings (and the same per-file caps) as
    // checking them one by one. A county's few thousand entries are not worth
    // starting threads for.
    let entries: usize = months.iter().map(|(_, mp)| mp.entries.len()).sum();
    let found: Vec<Diagnostics> = if entries < PARALLEL_FROM_ENTRIES {
        months.iter().map(check_month).collect()
    } else {
        months.par_iter().map(check_month).collect()
    };
    for f in found {
        diags.extend(f);
    }
}

/// Indicator-months from which the months are checked in parallel.
const PARALLEL_FROM_ENTRIES: usize = 50_000;

/// One indicator's figure of the month against its target, its baseline and
/// (for a cumulative total) its own history: at most one warning, the first
/// rule that fires, placed at the figure's cell.
fn check_one(
    plan: &Plan,
    progress: &Progress,
    earlier: &Earlier,
    r: IndicatorRef,
    entry: &Entry,
    value: f64,
    diags: &mut Diagnostics,
) {
    let ind = plan.indicator(r);
    let finding = over_target(ind, value).or_else(|| match ind.kind {
        Kind::Level => under_baseline(ind, value),
        Kind::Cumulative => against_history(ind, earlier, r, value),
        _ => None,
    });
    if let Some(d) = finding {
        diags.push(at_figure(progress, entry, d));
    }
}

/// Points a finding at the cell the figure came from. Looked up only when
/// there is a finding: doing it for every value made the check quadratic
/// (issue 6).
#[cold]
fn at_figure(progress: &Progress, entry: &Entry, d: Diagnostic) -> Diagnostic {
    let file = progress.file_of(entry);
    let column = file.and_then(|f| f.value_column);
    let d = match file {
        Some(f) => d.file(f.path.clone()),
        None => d,
    };
    let line = entry.line as usize;
    match column {
        Some(c) => d.at_cell(line, c),
        None => Diagnostic {
            line: Some(line),
            ..d
        },
    }
}

/// A cumulative, level or maintain figure above [`OVER_TARGET`] × its target.
#[inline]
fn over_target(ind: &Indicator, value: f64) -> Option<Diagnostic> {
    let over = ind.kind != Kind::Milestone && ind.target > 0.0 && value > OVER_TARGET * ind.target;
    if !over {
        return None;
    }
    let unit = &ind.unit;
    Some(implausible(
        tr!(
            "「{name}」填报 {v}{unit}，超过目标 {t}{unit} 的 {OVER_TARGET} 倍，请核实",
            "`{name}` is {v}{unit}, more than {OVER_TARGET}× the target {t}{unit}; please verify",
            name = ind.name,
            v = num(value),
            t = num(ind.target),
        ),
        unit,
    ))
}

/// A level standard below [`UNDER_BASELINE`] of the standard it replaces.
#[inline]
fn under_baseline(ind: &Indicator, value: f64) -> Option<Diagnostic> {
    let b = ind.baseline.filter(|&b| value < UNDER_BASELINE * b)?;
    let unit = &ind.unit;
    Some(implausible(
        tr!(
            "「{name}」填报 {v}{unit}，远低于原标准 {b}{unit}，请核实",
            "`{name}` is {v}{unit}, far below the former standard {b}{unit}; please verify",
            name = ind.name,
            v = num(value),
            b = num(b),
        ),
        unit,
    ))
}

/// A cumulative total against its earlier values of the same plan year
/// (oldest first): it must not go down, and this month's increment must be in
/// line with the earlier ones. Only a cumulative value has such a history.
#[inline]
fn against_history(
    ind: &Indicator,
    earlier: &Earlier,
    r: IndicatorRef,
    value: f64,
) -> Option<Diagnostic> {
    let history: Vec<(Month, f64)> = earlier
        .entries(r)
        .filter_map(|(m, e)| e.value.map(|v| (m, v)))
        .collect();
    let &(pm, prev) = history.last()?;
    if value < prev {
        return Some(fell(ind, value, pm, prev));
    }
    if ind.schedule.is_some() || ind.target <= 0.0 {
        return None;
    }
    jump(ind, &history, value - prev)
}

/// A cumulative total below last month's `prev` (reported in `pm`): under
/// [`SLIP_RATIO`] of it is a unit slip (8 for 8万), otherwise a decrease.
fn fell(ind: &Indicator, value: f64, pm: Month, prev: f64) -> Diagnostic {
    let unit = &ind.unit;
    if value < SLIP_RATIO * prev {
        implausible(
            tr!(
                "「{name}」累计 {v}{unit}，不到 {pm} 的 {p}{unit} 的百分之一：是否漏写了“万”？",
                "`{name}` is {v}{unit}, under 1/100 of {pm}'s {p}{unit}: a missing 万?",
                name = ind.name,
                v = num(value),
                p = num(prev),
            ),
            unit,
        )
    } else {
        Diagnostic::warning(
            Code::CumulativeDecrease,
            tr!(
                "「{name}」累计 {v}{unit}，比 {pm} 的 {p}{unit} 少：累计数不应减少",
                "`{name}` totals {v}{unit}, less than {pm}'s {p}{unit}: a cumulative total does not go down",
                name = ind.name,
                v = num(value),
                p = num(prev),
            ),
        )
        .hint(tr!(
            "填写本年 1 月以来的累计数（不是当月数）；若上月数有误，请说明",
            "write the total since January (not this month's figure); if last month's was wrong, say so"
        ))
    }
}

/// This month's increment `d` against the increments of the earlier months
/// in `history` (the first report of the year counts from zero).
#[inline]
fn jump(ind: &Indicator, history: &[(Month, f64)], d: f64) -> Option<Diagnostic> {
    let mut incs: Vec<f64> = Vec::with_capacity(history.len());
    incs.push(history[0].1);
    incs.extend(history.windows(2).map(|w| w[1].1 - w[0].1));
    let (flag, median) = out_of_line(d, &mut incs, ind.target);
    if !flag {
        return None;
    }
    let unit = &ind.unit;
    Some(
        implausible(
            tr!(
                "「{name}」本月增加 {d}{unit}，与此前每月增加（中位数 {m}{unit}）相差悬殊，请核实",
                "`{name}` grew by {d}{unit} this month, far out of line with earlier months (median {m}{unit}); please verify",
                name = ind.name,
                d = num(d),
                m = num(median),
            ),
            unit,
        ),
    )
}

/// Whether increment `d` is out of line with the earlier increments `incs`
/// (see the module documentation); also gives their median.
fn out_of_line(d: f64, incs: &mut [f64], target: f64) -> (bool, f64) {
    if incs.is_empty() {
        return (d > target, 0.0);
    }
    let med = median(incs);
    let mut dev: Vec<f64> = incs.iter().map(|x| (x - med).abs()).collect();
    let mad = median(&mut dev);
    let mean_ad = dev.iter().sum::<f64>() / dev.len() as f64;
    let z = if incs.len() < MIN_HISTORY || mean_ad <= 0.0 {
        return (d > target, med);
    } else if mad > 0.0 {
        0.6745 * (d - med) / mad
    } else {
        // More than half the increments equal: the mean absolute deviation
        // stands in for the MAD (scaled to match it on normal data).
        (d - med) / (1.253314 * mean_ad)
    };
    (z > Z_LIMIT && d - med > JUMP_SHARE * target, med)
}

fn median(xs: &mut [f64]) -> f64 {
    xs.sort_by(|a, b| a.total_cmp(b));
    let n = xs.len();
    if n % 2 == 1 {
        xs[n / 2]
    } else {
        (xs[n / 2 - 1] + xs[n / 2]) / 2.0
    }
}

/// An implausible figure, with the hint to check its unit.
#[cold]
fn implausible(text: crate::lang::Text, unit: &str) -> Diagnostic {
    Diagnostic::warning(Code::ImplausibleValue, text).hint(slip_hint(unit))
}

fn slip_hint(unit: &str) -> crate::lang::Text {
    tr!(
        "核对数值的单位（应为 {}；8万 即 80000），无误可忽略此提醒",
        "check the unit of the figure (it is {}; 8万 is 80000); ignore if it is right",
        unit
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn increments_out_of_line() {
        // Steady growth, then a jump of more than half the target.
        let mut incs = vec![300.0, 280.0, 310.0, 290.0, 305.0];
        assert!(out_of_line(2500.0, &mut incs, 3200.0).0);
        let mut incs = vec![300.0, 280.0, 310.0, 290.0, 305.0];
        assert!(!out_of_line(420.0, &mut incs, 3200.0).0);
        // Lumpy small counts: 0, 0, 0, 0, then the one centre opens.
        let mut incs = vec![0.0, 0.0, 0.0, 0.0];
        assert!(!out_of_line(1.0, &mut incs, 1.0).0);
        let mut incs = vec![0.0, 1.0, 0.0, 0.0, 0.0];
        assert!(!out_of_line(1.0, &mut incs, 2.0).0);
        // Regular growth with a zero MAD, then a tenfold month.
        let mut incs = vec![250.0, 270.0, 260.0, 260.0, 260.0];
        assert!(out_of_line(2600.0, &mut incs, 3200.0).0);
        // Short history: only more than the whole target in a month.
        let mut incs = vec![8.0];
        assert!(out_of_line(84992.0, &mut incs, 80000.0).0);
        let mut incs = vec![6000.0];
        assert!(!out_of_line(7000.0, &mut incs, 80000.0).0);
    }

    fn indicator(kind: Kind, target: f64, baseline: Option<f64>) -> Indicator {
        Indicator {
            id: "jobs".into(),
            name: "城镇新增就业".into(),
            kind,
            target,
            unit: "人".into(),
            baseline,
            reporter: 0,
            schedule: None,
            stages: Vec::new(),
        }
    }

    #[test]
    fn over_target_is_strictly_above_three_times() {
        let jobs = indicator(Kind::Cumulative, 3200.0, None);
        assert!(over_target(&jobs, 9600.0).is_none());
        let d = over_target(&jobs, 9601.0).expect("above 3 × target");
        assert_eq!(d.code, Code::ImplausibleValue);
        // A milestone's percent and an indicator without a target are never over.
        assert!(over_target(&indicator(Kind::Milestone, 100.0, None), 400.0).is_none());
        assert!(over_target(&indicator(Kind::Cumulative, 0.0, None), 1e9).is_none());
        assert!(over_target(&indicator(Kind::Level, 700.0, Some(650.0)), 2101.0).is_some());
    }

    #[test]
    fn under_baseline_is_strictly_below_half() {
        let standard = indicator(Kind::Level, 700.0, Some(650.0));
        assert!(under_baseline(&standard, 325.0).is_none());
        assert!(under_baseline(&standard, 324.9).is_some());
        assert!(under_baseline(&indicator(Kind::Level, 700.0, None), 1.0).is_none());
    }

    #[test]
    fn a_fall_under_one_hundredth_is_a_slip() {
        let households = indicator(Kind::Cumulative, 80000.0, None);
        let june: Month = "2023-06".parse().unwrap();
        assert_eq!(
            fell(&households, 8.0, june, 80000.0).code,
            Code::ImplausibleValue
        );
        // Exactly 1/100 is a decrease, not a slip.
        assert_eq!(
            fell(&households, 800.0, june, 80000.0).code,
            Code::CumulativeDecrease
        );
    }
}
