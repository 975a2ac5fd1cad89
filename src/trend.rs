//! Across months (docs/history.md): this month's increment and the year-end forecast of
//! an indicator, and the course of every item month by month.
//!
//! Pure like [`crate::assess`]: it takes the plan versions and the progress
//! already read. The forecast answers the leader's question "will we make 3200
//! by December?" with one rule that can be checked by hand:
//!
//! - cumulative (and a milestone's percent done): the mean monthly increment over
//!   the last three months — from the latest figure three or more months before
//!   the last one (or from zero at the start of the year) to the last one —
//!   carried from the last reported month to the deadline;
//! - an indicator with a schedule (seasonal work: grain comes in at harvest)
//!   keeps its share of the schedule instead: last value × e(deadline) / e(last
//!   month), and has no forecast while nothing was expected yet (e = 0);
//! - level and maintain: the value in force is kept;
//! - a figure reported at or after the deadline is its own forecast.
//!
//! A milestone's forecast is capped at 100 %. `None` wherever there is no figure.

use crate::assess::{self, Assessment, Status};
use crate::month::Month;
use crate::plan::{Deadline, Indicator, IndicatorRef, Kind, Plan, PlanSet};
use crate::progress::{Entry, Progress, WorkStatus};

/// The increment and the forecast of one indicator at one month.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Trend {
    /// This month's value minus last month's (cumulative only).
    pub increment: Option<f64>,
    /// The value expected at the deadline at the current pace.
    pub forecast: Option<f64>,
    /// Completion of the forecast (uncapped, as completion is).
    pub forecast_completion: Option<f64>,
}

/// The number a month's entry gives for the pace: the value, or for a
/// milestone reported by status alone 100 (已完成) or 0 (未启动).
fn figure_value(ind: &Indicator, entry: &Entry) -> Option<f64> {
    match (ind.kind, entry.value, entry.status) {
        (_, Some(v), _) => Some(v),
        (Kind::Milestone, None, Some(WorkStatus::Done)) => Some(100.0),
        (Kind::Milestone, None, Some(WorkStatus::NotStarted)) => Some(0.0),
        _ => None,
    }
}

/// This month's increment of a cumulative indicator: `this − last`, where last
/// is the previous month's figure, or 0 in January (the year's total starts at
/// zero). `None` for other kinds, or when either month has no figure: an
/// increment over two months would be read as one month's.
pub fn increment(kind: Kind, month: Month, this: Option<f64>, last: Option<f64>) -> Option<f64> {
    if kind != Kind::Cumulative {
        return None;
    }
    let last = if month.month() == 1 { Some(0.0) } else { last };
    Some(this? - last?)
}

/// The value at the deadline at the current pace (see the module doc).
/// `points` are the months with a figure, oldest first, up to the month
/// assessed; `year` is the plan year.
pub fn forecast(
    ind: &Indicator,
    deadline: Deadline,
    year: i32,
    points: &[(Month, f64)],
) -> Option<f64> {
    let &(last, value) = points.last()?;
    let due = deadline.month(year);
    if matches!(ind.kind, Kind::Level | Kind::Maintain) || last >= due {
        return Some(value);
    }
    let projected = if ind.schedule.is_some() {
        let e_last = assess::expected(ind, deadline, year, last);
        if e_last <= 0.0 {
            return None;
        }
        value * assess::expected(ind, deadline, year, due) / e_last
    } else {
        // From the latest figure at least three months back, or from zero at
        // the end of the year before.
        let (from, base) = points
            .iter()
            .rev()
            .find(|(m, _)| m.months_until(last) >= 3)
            .copied()
            .unwrap_or((Month::january(year).prev(), 0.0));
        let pace = (value - base) / f64::from(from.months_until(last));
        value + pace * f64::from(last.months_until(due))
    };
    Some(if ind.kind == Kind::Milestone {
        projected.min(100.0)
    } else {
        projected
    })
}

/// The months of the plan year through `month` that give a figure for the
/// indicator, with that figure.
pub fn points(
    plans: &PlanSet,
    plan: &Plan,
    progress: &Progress,
    r: IndicatorRef,
    month: Month,
) -> Vec<(Month, f64)> {
    let ind = plan.indicator(r);
    let mut out = Vec::new();
    let mut m = Month::january(plan.year);
    while m <= month {
        if let Some(v) = progress
            .entry(plans, plan, r, m)
            .filter(|e| !e.rejected)
            .and_then(|e| figure_value(ind, e))
        {
            out.push((m, v));
        }
        m = m.next();
    }
    out
}

/// The increment and forecast of one indicator of `plan` at `month`.
pub fn indicator_trend(
    plans: &PlanSet,
    plan: &Plan,
    progress: &Progress,
    r: IndicatorRef,
    month: Month,
) -> Trend {
    let pts = points(plans, plan, progress, r, month);
    trend_of(plan, r, month, &pts)
}

/// [`indicator_trend`] from the indicator's [`points`].
fn trend_of(plan: &Plan, r: IndicatorRef, month: Month, pts: &[(Month, f64)]) -> Trend {
    let ind = plan.indicator(r);
    let item = &plan.items[r.item];
    let at = |m: Month| pts.iter().find(|p| p.0 == m).map(|p| p.1);
    let forecast = forecast(ind, item.deadline, plan.year, pts);
    Trend {
        increment: increment(ind.kind, month, at(month), at(month.prev())),
        forecast,
        forecast_completion: forecast.and_then(|v| assess::completion(ind, Some(v), None)),
    }
}

/// Every indicator's trend at `month`, by the plan's flat index
/// ([`Plan::flat`]).
///
/// The months are looked up once ([`Progress::earlier`], through `month`), not
/// per indicator: [`points`] finds a month read against another version (before
/// a mid-year revision) by a scan of that version's items, which for every
/// indicator made the report of a revised large plan quadratic (issue 16).
pub fn trends(plans: &PlanSet, plan: &Plan, progress: &Progress, month: Month) -> Vec<Trend> {
    let earlier = progress.earlier(plans, plan, Month::january(plan.year), month.next());
    plan.indicator_refs()
        .map(|r| {
            let ind = plan.indicator(r);
            let pts: Vec<(Month, f64)> = earlier
                .entries(r)
                .filter(|(_, e)| !e.rejected)
                .filter_map(|(m, e)| Some((m, figure_value(ind, e)?)))
                .collect();
            trend_of(plan, r, month, &pts)
        })
        .collect()
}

/// Each month of the plan year through `month` assessed as its own report
/// assessed it (the version in force then), oldest first: the course of an
/// item or indicator over the year. Months before the first version are left
/// out.
pub fn course<'p>(plans: &'p PlanSet, progress: &Progress, month: Month) -> Vec<Assessment<'p>> {
    let mut out = Vec::new();
    let mut m = Month::january(month.year());
    while m <= month {
        if let Some(a) = assess::assess_month(plans, progress, m) {
            out.push(a);
        }
        m = m.next();
    }
    out
}

/// One month of an indicator's history, as that month's report assessed it.
#[derive(Clone, Debug, PartialEq)]
pub struct MonthLine {
    pub month: Month,
    /// The figure reported that month (none when not reported).
    pub value: Option<f64>,
    pub increment: Option<f64>,
    /// Completion from that month's figure.
    pub completion: Option<f64>,
    pub expected: f64,
    pub status: Status,
    /// The figure was refused by an error (数据有误).
    pub rejected: bool,
    pub progress: String,
    pub problems: String,
    pub next_steps: String,
}

/// An indicator of `plan` month by month through the last month of `course`
/// (see [`course`]): each month under the version in force then, matched by
/// item and indicator id; a month whose version lacks the indicator is left out.
pub fn indicator_history(
    plans: &PlanSet,
    plan: &Plan,
    progress: &Progress,
    course: &[Assessment],
    r: IndicatorRef,
) -> Vec<MonthLine> {
    let item = &plan.items[r.item];
    let ind = plan.indicator(r);
    let last = course.last().map_or(Month::january(plan.year), |a| a.month);
    let pts = points(plans, plan, progress, r, last);
    let at = |m: Month| pts.iter().find(|p| p.0 == m).map(|p| p.1);
    course
        .iter()
        .filter_map(|a| {
            let x = a
                .item(&item.id)?
                .indicators
                .iter()
                .find(|x| a.plan.indicator(x.r).id == ind.id)?;
            Some(MonthLine {
                month: a.month,
                value: x.value.filter(|_| x.reported),
                increment: increment(ind.kind, a.month, at(a.month), at(a.month.prev())),
                completion: x.completion.filter(|_| x.reported),
                expected: x.expected,
                status: x.status,
                rejected: x.rejected,
                progress: x.progress.trim().to_string(),
                problems: x.problems.trim().to_string(),
                next_steps: x.next_steps.trim().to_string(),
            })
        })
        .collect()
}

/// One indicator month by month (what `history` shows): its lines through the
/// last month of the course, and its forecast at that month.
#[derive(Clone, Debug, PartialEq)]
pub struct IndicatorCourse {
    pub r: IndicatorRef,
    pub lines: Vec<MonthLine>,
    pub trend: Trend,
}

/// [`indicator_history`] and [`indicator_trend`] of each of `refs` (indicators
/// of `plan`) through `month`, `course` being [`course`] through `month`.
pub fn indicator_courses(
    plans: &PlanSet,
    plan: &Plan,
    progress: &Progress,
    course: &[Assessment],
    refs: impl IntoIterator<Item = IndicatorRef>,
    month: Month,
) -> Vec<IndicatorCourse> {
    refs.into_iter()
        .map(|r| IndicatorCourse {
            r,
            lines: indicator_history(plans, plan, progress, course, r),
            trend: indicator_trend(plans, plan, progress, r, month),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> Month {
        s.parse().unwrap()
    }

    fn ind(kind: Kind, target: f64, schedule: Option<Vec<f64>>) -> Indicator {
        Indicator {
            id: "x".into(),
            name: "x".into(),
            kind,
            target,
            unit: "人".into(),
            baseline: (kind == Kind::Level).then_some(600.0),
            reporter: 0,
            schedule,
            stages: Vec::new(),
        }
    }

    fn pts(list: &[(&str, f64)]) -> Vec<(Month, f64)> {
        list.iter().map(|&(s, v)| (m(s), v)).collect()
    }

    const DEC: Deadline = Deadline::Ongoing;

    #[test]
    fn increment_is_this_month_minus_last_and_january_counts_from_zero() {
        let k = Kind::Cumulative;
        assert_eq!(
            increment(k, m("2023-06"), Some(1728.0), Some(1400.0)),
            Some(328.0)
        );
        assert_eq!(increment(k, m("2023-01"), Some(250.0), None), Some(250.0));
        assert_eq!(increment(k, m("2023-06"), Some(1728.0), None), None);
        assert_eq!(increment(k, m("2023-06"), None, Some(1400.0)), None);
        // A fall (a correction) is shown as it is: check warns about it.
        assert_eq!(
            increment(k, m("2023-03"), Some(90.0), Some(100.0)),
            Some(-10.0)
        );
        assert_eq!(
            increment(Kind::Level, m("2023-06"), Some(650.0), Some(600.0)),
            None
        );
        assert_eq!(
            increment(Kind::Maintain, m("2023-06"), Some(9.0), Some(8.0)),
            None
        );
    }

    #[test]
    fn straight_line_pace_is_the_mean_of_the_last_three_months() {
        let jobs = ind(Kind::Cumulative, 3200.0, None);
        let p = pts(&[
            ("2023-01", 250.0),
            ("2023-02", 500.0),
            ("2023-03", 800.0),
            ("2023-04", 1100.0),
            ("2023-05", 1400.0),
            ("2023-06", 1728.0),
        ]);
        // (1728 − 800) / 3 = 309.33 a month, six months to go: 1728 + 1856 = 3584.
        let f = forecast(&jobs, DEC, 2023, &p).unwrap();
        assert!((f - 3584.0).abs() < 1e-9, "{f}");
        // Two months in: from zero, (500 − 0) / 2 = 250 a month, ten to go: 3000.
        let f = forecast(&jobs, DEC, 2023, &p[..2]).unwrap();
        assert!((f - 3000.0).abs() < 1e-9, "{f}");
    }

    #[test]
    fn a_gap_in_the_reports_widens_the_window() {
        let jobs = ind(Kind::Cumulative, 3200.0, None);
        // February and March not reported: from January, (1200 − 300) / 4 = 225
        // a month, seven to go: 1200 + 1575 = 2775.
        let p = pts(&[("2023-01", 300.0), ("2023-04", 1000.0), ("2023-05", 1200.0)]);
        let f = forecast(&jobs, DEC, 2023, &p).unwrap();
        assert!((f - 2775.0).abs() < 1e-9, "{f}");
    }

    #[test]
    fn a_seasonal_indicator_keeps_its_share_of_the_schedule() {
        let sched = vec![0.0, 0.0, 0.0, 0.0, 0.02, 0.05, 0.25, 0.45, 0.65, 0.85, 1.0];
        let grain = ind(Kind::Cumulative, 1000.0, Some(sched));
        // August: 0.45 of the year expected, 360 in: 360 / 0.45 = 800 by December.
        let p = pts(&[("2023-07", 200.0), ("2023-08", 360.0)]);
        let f = forecast(&grain, DEC, 2023, &p).unwrap();
        assert!((f - 800.0).abs() < 1e-9, "{f}");
        // A straight line would have said 360 + 120 × 4 = 840: the schedule matters.
        // Before anything is expected there is no pace to carry.
        assert_eq!(
            forecast(&grain, DEC, 2023, &pts(&[("2023-03", 10.0)])),
            None
        );
        // A deadline before the schedule's end: e(Oct) = 0.85, e(Aug) = 0.45.
        let oct = Deadline::Month(m("2023-10"));
        let f = forecast(&grain, oct, 2023, &p).unwrap();
        assert!((f - 360.0 * 0.85 / 0.45).abs() < 1e-9, "{f}");
    }

    #[test]
    fn level_maintain_and_past_deadline_keep_their_value() {
        let p = pts(&[("2023-05", 620.0), ("2023-06", 640.0)]);
        assert_eq!(
            forecast(&ind(Kind::Level, 650.0, None), DEC, 2023, &p),
            Some(640.0)
        );
        assert_eq!(
            forecast(&ind(Kind::Maintain, 1350.0, None), DEC, 2023, &p),
            Some(640.0)
        );
        let jobs = ind(Kind::Cumulative, 3200.0, None);
        let june = Deadline::Month(m("2023-06"));
        assert_eq!(forecast(&jobs, june, 2023, &p), Some(640.0));
        assert_eq!(forecast(&jobs, DEC, 2023, &[]), None);
    }

    #[test]
    fn a_milestone_is_capped_at_100_and_reads_its_status() {
        let ms = ind(Kind::Milestone, 100.0, None);
        let p = pts(&[("2023-01", 30.0), ("2023-02", 60.0)]);
        assert_eq!(forecast(&ms, DEC, 2023, &p), Some(100.0));
        let done = Entry {
            status: Some(WorkStatus::Done),
            ..Entry::default()
        };
        assert_eq!(figure_value(&ms, &done), Some(100.0));
        let going = Entry {
            status: Some(WorkStatus::InProgress),
            ..Entry::default()
        };
        assert_eq!(figure_value(&ms, &going), None);
        assert_eq!(figure_value(&ind(Kind::Cumulative, 1.0, None), &done), None);
    }
}
