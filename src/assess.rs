//! Assessment (docs/report.md#statuses-and-formulas): completion against target, time progress (序时进度) and
//! the seven statuses, for every indicator and item in any month.
//!
//! Everything here is pure: it takes the plan versions and the progress already
//! read, and touches no file. The monthly report renders [`assess_month`]; the
//! quarterly score calls the same function once per month of the quarter, so both
//! see exactly the same statuses.
//!
//! Comparisons use a tolerance of [`EPS`] so that boundaries behave as the rules
//! are written even when binary floating point is a hair off: c = e exactly is
//! `on_track`, e − c = 0.20 exactly is `severely_behind`, c = e + 0.10 exactly is
//! `ahead`.

use crate::lang::{pick, Lang};
use crate::month::Month;
use crate::plan::{Deadline, Indicator, IndicatorRef, Kind, Margins, Plan, PlanSet};
use crate::progress::{Earlier, Entry, Progress, WorkStatus};
use serde::Serialize;
use std::collections::HashMap;

pub mod stages;

/// Tolerance of every comparison between fractions.
pub const EPS: f64 = 1e-9;

/// Months in a row behind or worse from which an item is flagged for escalation
/// (约谈, 挂牌督办).
pub const ESCALATE_AFTER: u32 = 2;

/// The status of an indicator or item in a month. Declared in the order the
/// notices count them (done first); [`Status::rank`] gives the order of badness.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// 已完成
    Done,
    /// 超序时
    Ahead,
    /// 按序时
    OnTrack,
    /// 滞后
    Behind,
    /// 严重滞后
    SeverelyBehind,
    /// 逾期未完成
    Overdue,
    /// 未报送
    NotReported,
}

impl Status {
    /// Every status in the order notices count them.
    pub const ALL: [Status; 7] = [
        Status::Done,
        Status::Ahead,
        Status::OnTrack,
        Status::Behind,
        Status::SeverelyBehind,
        Status::Overdue,
        Status::NotReported,
    ];

    /// The stable code scripts see (docs/report.md#statuses-and-formulas).
    pub fn code(self) -> &'static str {
        match self {
            Status::Done => "done",
            Status::Ahead => "ahead",
            Status::OnTrack => "on_track",
            Status::Behind => "behind",
            Status::SeverelyBehind => "severely_behind",
            Status::Overdue => "overdue",
            Status::NotReported => "not_reported",
        }
    }

    /// The label people read.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Status::Done => pick(lang, "已完成", "done"),
            Status::Ahead => pick(lang, "超序时", "ahead"),
            Status::OnTrack => pick(lang, "按序时", "on track"),
            Status::Behind => pick(lang, "滞后", "behind"),
            Status::SeverelyBehind => pick(lang, "严重滞后", "severely behind"),
            Status::Overdue => pick(lang, "逾期未完成", "overdue"),
            Status::NotReported => pick(lang, "未报送", "not reported"),
        }
    }

    /// Badness: 0 = worst. The order of docs/report.md#statuses-and-formulas for an item's status:
    /// not_reported, overdue, severely_behind, behind, on_track, ahead, done.
    pub fn rank(self) -> u8 {
        match self {
            Status::NotReported => 0,
            Status::Overdue => 1,
            Status::SeverelyBehind => 2,
            Status::Behind => 3,
            Status::OnTrack => 4,
            Status::Ahead => 5,
            Status::Done => 6,
        }
    }

    /// Behind or worse (慢序时): behind, severely behind, overdue, not reported.
    pub fn is_lagging(self) -> bool {
        self.rank() <= Status::Behind.rank()
    }

    /// The worse of two statuses.
    pub fn worst(self, other: Status) -> Status {
        if other.rank() < self.rank() {
            other
        } else {
            self
        }
    }

    /// Position in [`Status::ALL`], for count arrays.
    pub fn index(self) -> usize {
        self as usize
    }
}

/// Completion c of an indicator from what was reported (docs/plan-format.md §4):
///
/// - cumulative and maintain: value / target;
/// - level: (value − baseline) / (target − baseline), clamped to [0, 1];
/// - milestone: percent / 100 when a percent is given, else 1 for 已完成,
///   0 for 未启动, and `None` for 推进中 without a percent (it counts as on track).
///
/// `None` also when there is no value at all. Cumulative and maintain values are
/// not capped (110 % is shown as such); callers cap where the rules say so.
pub fn completion(ind: &Indicator, value: Option<f64>, status: Option<WorkStatus>) -> Option<f64> {
    match ind.kind {
        Kind::Cumulative | Kind::Maintain => {
            let v = value?;
            (ind.target > 0.0).then(|| v / ind.target)
        }
        Kind::Level => {
            let v = value?;
            let base = ind.baseline.unwrap_or(0.0);
            let span = ind.target - base;
            if span <= 0.0 {
                return Some(if v >= ind.target { 1.0 } else { 0.0 });
            }
            Some(((v - base) / span).clamp(0.0, 1.0))
        }
        Kind::Milestone => match (value, status) {
            (Some(p), _) => Some((p / 100.0).clamp(0.0, 1.0)),
            (None, Some(WorkStatus::Done)) => Some(1.0),
            (None, Some(WorkStatus::NotStarted)) => Some(0.0),
            (None, Some(WorkStatus::InProgress)) | (None, None) => None,
        },
    }
}

/// Time progress e (序时进度) of an indicator at the end of `month`, for a plan of
/// `year` (docs/report.md#statuses-and-formulas):
///
/// - maintain: 1 in every month (the stock or rate is due all year);
/// - level: 0 before the deadline month, 1 from it;
/// - with a schedule: its entry for the month (January first), 1 after its end;
/// - otherwise straight-line: months elapsed from January through `month`, over
///   months from January through the deadline (December when ongoing), capped at 1.
///
/// Always within [0, 1]; a month before the plan year gives 0. A staged
/// milestone expects the share of its stages due by then ([`stages::expected`]).
pub fn expected(ind: &Indicator, deadline: Deadline, year: i32, month: Month) -> f64 {
    if !ind.stages.is_empty() {
        return stages::expected(&ind.stages, month);
    }
    let due = deadline.month(year);
    match ind.kind {
        Kind::Maintain => return 1.0,
        Kind::Level => return if month >= due { 1.0 } else { 0.0 },
        _ => {}
    }
    let jan = Month::january(year);
    let elapsed = jan.span_to(month);
    if elapsed <= 0 {
        return 0.0;
    }
    if let Some(s) = &ind.schedule {
        let k = (elapsed - 1) as usize;
        return s.get(k).copied().unwrap_or(1.0).clamp(0.0, 1.0);
    }
    let total = jan.span_to(due);
    if total <= 0 {
        return 1.0;
    }
    (f64::from(elapsed) / f64::from(total)).min(1.0)
}

/// Whether completion `c` in `month` counts as done (rule 1): c ≥ 1, and for a
/// maintain indicator only from its deadline month.
fn is_done(kind: Kind, c: Option<f64>, month: Month, due: Month) -> bool {
    let reached = c.is_some_and(|c| c >= 1.0 - EPS);
    reached && (kind != Kind::Maintain || month >= due)
}

/// What the status rules need to know about one indicator in one month.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Facts {
    pub kind: Kind,
    /// The month assessed.
    pub month: Month,
    /// The deadline month (December for ongoing work).
    pub due: Month,
    /// Completion from this month's report; `None` when not reported or a
    /// milestone in progress without a percent.
    pub completion: Option<f64>,
    /// Time progress e.
    pub expected: f64,
    /// Whether this month's file gives a figure for it.
    pub reported: bool,
    /// Whether it was done in an earlier month of the year.
    pub done_earlier: bool,
}

/// The status of an indicator, first matching rule of docs/report.md#statuses-and-formulas:
///
/// 1. done — done earlier, or reported with c ≥ 1 (maintain: from its deadline month);
/// 2. not_reported — no figure this month;
/// 3. overdue — the month is past the deadline;
/// 4. ahead — e < 1 and c ≥ e + margins.ahead;
/// 5. on_track — c ≥ e − margins.tolerance, or a milestone in progress without a percent;
/// 6. behind — e − c < margins.severe;
/// 7. severely_behind — otherwise.
pub fn status(f: &Facts, margins: Margins) -> Status {
    if f.done_earlier || (f.reported && is_done(f.kind, f.completion, f.month, f.due)) {
        return Status::Done;
    }
    if !f.reported {
        return Status::NotReported;
    }
    if f.month > f.due {
        return Status::Overdue;
    }
    let e = f.expected;
    let Some(c) = f.completion else {
        return Status::OnTrack;
    };
    if e < 1.0 - EPS && c >= e + margins.ahead - EPS {
        Status::Ahead
    } else if c >= e - margins.tolerance - EPS {
        Status::OnTrack
    } else if e - c < margins.severe - EPS {
        Status::Behind
    } else {
        Status::SeverelyBehind
    }
}

/// One indicator at the month assessed.
#[derive(Clone, Debug, PartialEq)]
pub struct IndicatorAssessment {
    pub r: IndicatorRef,
    /// This month's value, or when not reported the last one known this year.
    pub value: Option<f64>,
    /// The reported work status (for milestones), same month as `value`.
    pub work_status: Option<WorkStatus>,
    /// The month `value` / `work_status` come from.
    pub value_month: Option<Month>,
    /// Whether this month's file gives a figure.
    pub reported: bool,
    /// Not reported because the figure its unit filed was refused by an error
    /// (shown as 数据有误, never 未报送; only with `report --allow-errors`).
    pub rejected: bool,
    /// Completion c from `value` (so from the last known value when not reported).
    pub completion: Option<f64>,
    /// Time progress e.
    pub expected: f64,
    pub status: Status,
    /// The first month of the year it counted as done, under this plan's target.
    pub done_in: Option<Month>,
    /// 进展情况, 存在问题 and 下步计划 of this month's row (empty when none).
    pub progress: String,
    pub problems: String,
    pub next_steps: String,
    /// Each stage of a staged milestone (empty for every other indicator).
    pub stages: Vec<stages::StageState>,
}

/// A status as a report shows it: one of the seven, or 数据有误 for a figure
/// refused by an error (assessed as not reported, but the unit did report).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shown {
    Status(Status),
    Rejected,
}

impl Shown {
    pub fn of(status: Status, rejected: bool) -> Shown {
        if rejected {
            Shown::Rejected
        } else {
            Shown::Status(status)
        }
    }

    /// As in JSON and CSV: the status's code, or `rejected`.
    pub fn code(self) -> &'static str {
        match self {
            Shown::Status(s) => s.code(),
            Shown::Rejected => "rejected",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Shown::Status(s) => s.label(lang),
            Shown::Rejected => pick(lang, "数据有误", "data error"),
        }
    }
}

impl IndicatorAssessment {
    /// The status as people read it: 数据有误 for a refused figure.
    pub fn status_label(&self, lang: Lang) -> &'static str {
        Shown::of(self.status, self.rejected).label(lang)
    }

    /// c − e, as a fraction (0.035 = 3.5 percentage points ahead); `None` when c
    /// is unknown.
    pub fn gap(&self) -> Option<f64> {
        self.completion.map(|c| c - self.expected)
    }
}

/// One work item at the month assessed.
#[derive(Clone, Debug, PartialEq)]
pub struct ItemAssessment {
    /// Index into the plan's items.
    pub item: usize,
    /// The worst of its indicators' statuses.
    pub status: Status,
    /// Mean of its indicators' completions, each capped at 1; indicators whose
    /// completion is unknown are left out (`None` when all are).
    pub completion: Option<f64>,
    /// Mean of its indicators' time progress.
    pub expected: f64,
    /// Its status is not_reported only because figures were refused by errors.
    pub rejected: bool,
    pub indicators: Vec<IndicatorAssessment>,
}

impl ItemAssessment {
    /// The status as people read it: 数据有误 for refused figures.
    pub fn status_label(&self, lang: Lang) -> &'static str {
        Shown::of(self.status, self.rejected).label(lang)
    }

    /// Item completion − item time progress (the mean's gap; tables and notices
    /// show [`ItemAssessment::status_gap`] instead).
    pub fn gap(&self) -> Option<f64> {
        self.completion.map(|c| c - self.expected)
    }

    /// The gap of the indicator that sets the item's status: among those with
    /// the item's status, the one furthest behind. An average could read 超序时
    /// for an item that is 滞后 by one of its indicators; this never does.
    pub fn status_gap(&self) -> Option<f64> {
        self.indicators
            .iter()
            .filter(|x| x.status == self.status)
            .filter_map(IndicatorAssessment::gap)
            .min_by(f64::total_cmp)
    }
}

/// Every item and indicator of the plan in force, at one month.
#[derive(Clone, Debug)]
pub struct Assessment<'p> {
    pub month: Month,
    /// The version in force for the month (`PlanSet::for_month`).
    pub plan: &'p Plan,
    /// In plan order, one per item.
    pub items: Vec<ItemAssessment>,
}

/// Assesses every indicator and item of the plan version in force for `month`.
/// `None` when no version is in force yet.
///
/// Entries of earlier months read against another version are matched by item
/// and indicator id; the current version's targets apply to them, so a target
/// raised mid-year reopens an indicator that had reached the old one.
pub fn assess_month<'p>(
    plans: &'p PlanSet,
    progress: &Progress,
    month: Month,
) -> Option<Assessment<'p>> {
    let plan = plans.for_month(month)?;
    let earlier = progress.earlier(plans, plan, Month::january(plan.year), month);
    let items = plan
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let indicators: Vec<IndicatorAssessment> = (0..item.indicators.len())
                .map(|k| {
                    assess_indicator(
                        plans,
                        plan,
                        progress,
                        &earlier,
                        IndicatorRef {
                            item: i,
                            indicator: k,
                        },
                        month,
                    )
                })
                .collect();
            item_assessment(i, indicators)
        })
        .collect();
    Some(Assessment { month, plan, items })
}

/// Rolls an item's indicators up: worst status, mean capped completion, mean e.
fn item_assessment(item: usize, indicators: Vec<IndicatorAssessment>) -> ItemAssessment {
    let status = indicators
        .iter()
        .map(|a| a.status)
        .reduce(Status::worst)
        .unwrap_or(Status::NotReported);
    let known: Vec<f64> = indicators
        .iter()
        .filter_map(|a| a.completion)
        .map(|c| c.min(1.0))
        .collect();
    let completion = (!known.is_empty()).then(|| known.iter().sum::<f64>() / known.len() as f64);
    let expected = if indicators.is_empty() {
        0.0
    } else {
        indicators.iter().map(|a| a.expected).sum::<f64>() / indicators.len() as f64
    };
    let rejected = status == Status::NotReported
        && indicators
            .iter()
            .filter(|a| a.status == Status::NotReported)
            .all(|a| a.rejected);
    ItemAssessment {
        item,
        status,
        completion,
        expected,
        rejected,
        indicators,
    }
}

fn figure(entry: Option<&Entry>, kind: Kind) -> Option<&Entry> {
    entry.filter(|e| e.has_figure(kind == Kind::Milestone))
}

/// Assesses one indicator of `plan` at `month`; `earlier` holds the months
/// of the plan year before it ([`Progress::earlier`]).
pub fn assess_indicator(
    plans: &PlanSet,
    plan: &Plan,
    progress: &Progress,
    earlier: &Earlier,
    r: IndicatorRef,
    month: Month,
) -> IndicatorAssessment {
    let item = &plan.items[r.item];
    let ind = plan.indicator(r);
    if !ind.stages.is_empty() {
        return stages::assess(plans, plan, progress, r, month);
    }
    let due = item.deadline.month(plan.year);
    let e = expected(ind, item.deadline, plan.year, month);

    // Done in an earlier month of the year, under this version's target.
    let mut done_in = earlier
        .entries(r)
        .filter(|(_, en)| en.has_figure(ind.kind == Kind::Milestone))
        .find(|(m, en)| is_done(ind.kind, completion(ind, en.value, en.status), *m, due))
        .map(|(m, _)| m);

    let this = progress.entry(plans, plan, r, month);
    let current = figure(this, ind.kind);
    let reported = current.is_some();
    // The figure shown: this month's, else the last known one this year.
    let (shown, value_month) = match current {
        Some(en) => (Some(en), Some(month)),
        None => earlier
            .entries(r)
            .rev()
            .find(|(_, en)| en.has_figure(ind.kind == Kind::Milestone))
            .map_or((None, None), |(m, en)| (Some(en), Some(m))),
    };
    let value = shown.and_then(|en| en.value);
    let work_status = shown.and_then(|en| en.status);
    let c = shown.and_then(|en| completion(ind, en.value, en.status));
    let st = status(
        &Facts {
            kind: ind.kind,
            month,
            due,
            completion: if reported { c } else { None },
            expected: e,
            reported,
            done_earlier: done_in.is_some(),
        },
        plan.margins,
    );
    if done_in.is_none() && st == Status::Done {
        done_in = Some(month);
    }
    IndicatorAssessment {
        r,
        value,
        work_status,
        value_month,
        reported,
        rejected: st == Status::NotReported && this.is_some_and(|en| en.rejected),
        completion: c,
        expected: e,
        status: st,
        done_in,
        progress: this.map_or_else(String::new, |en| en.progress().to_string()),
        problems: this.map_or_else(String::new, |en| en.problems().to_string()),
        next_steps: this.map_or_else(String::new, |en| en.next_steps().to_string()),
        stages: Vec::new(),
    }
}

/// Counts per status, indexed by [`Status::index`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts(pub [usize; 7]);

impl Counts {
    pub fn add(&mut self, s: Status) {
        self.0[s.index()] += 1;
    }
    pub fn get(&self, s: Status) -> usize {
        self.0[s.index()]
    }
    pub fn total(&self) -> usize {
        self.0.iter().sum()
    }
    /// Behind or worse.
    pub fn lagging(&self) -> usize {
        Status::ALL
            .iter()
            .filter(|s| s.is_lagging())
            .map(|&s| self.get(s))
            .sum()
    }
}

impl Assessment<'_> {
    /// Items per status.
    pub fn by_status(&self) -> Counts {
        let mut c = Counts::default();
        for a in &self.items {
            c.add(a.status);
        }
        c
    }

    /// Indicators per status.
    pub fn indicators_by_status(&self) -> Counts {
        let mut c = Counts::default();
        for a in self.items.iter().flat_map(|i| &i.indicators) {
            c.add(a.status);
        }
        c
    }

    /// Items per status for each category of the plan, in the plan's order; an
    /// item with two categories counts in both.
    pub fn by_category(&self) -> Vec<(usize, Counts)> {
        (0..self.plan.categories.len())
            .map(|cat| {
                let mut c = Counts::default();
                for a in &self.items {
                    if self.plan.items[a.item].categories.contains(&cat) {
                        c.add(a.status);
                    }
                }
                (cat, c)
            })
            .filter(|(_, c)| c.total() > 0)
            .collect()
    }

    /// Items per status for each unit that leads at least one, in unit order; an
    /// item with several lead units counts for each.
    pub fn by_lead(&self) -> Vec<(usize, Counts)> {
        // One pass over the items, not one per unit: a province's plan has
        // thousands of units and tens of thousands of items (issue 6). An item's
        // leads hold no unit twice (the loader drops repeats).
        let mut counts = vec![Counts::default(); self.plan.units.len()];
        for a in &self.items {
            for &u in &self.plan.items[a.item].lead {
                counts[u].add(a.status);
            }
        }
        nonzero(counts)
    }

    /// Indicators per status for each unit that reports at least one.
    pub fn by_reporter(&self) -> Vec<(usize, Counts)> {
        let mut counts = vec![Counts::default(); self.plan.units.len()];
        for a in self.items.iter().flat_map(|i| &i.indicators) {
            counts[self.plan.indicator(a.r).reporter].add(a.status);
        }
        nonzero(counts)
    }

    pub fn item(&self, id: &str) -> Option<&ItemAssessment> {
        self.items.iter().find(|a| self.plan.items[a.item].id == id)
    }
}

/// The units with a count, in unit order.
fn nonzero(counts: Vec<Counts>) -> Vec<(usize, Counts)> {
    counts
        .into_iter()
        .enumerate()
        .filter(|(_, c)| c.total() > 0)
        .collect()
}

/// Units of `plan` that report an indicator but filed no file in `month`, in
/// unit order (indexes into `plan.units`).
pub fn missing_units(
    plans: &PlanSet,
    plan: &Plan,
    progress: &Progress,
    month: Month,
) -> Vec<usize> {
    plan.reporting_units()
        .into_iter()
        .filter(|&u| !progress.filed(plans, &plan.units[u].id, month))
        .collect()
}

/// Follow-up of one item (督办跟踪).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FollowUp {
    /// Months in a row, ending with the month assessed, the item has been behind
    /// or worse (0 when it is not lagging now).
    pub streak: u32,
    /// Its status the month before, when a plan version was in force then and
    /// held the item.
    pub previous: Option<Status>,
}

impl FollowUp {
    /// Flagged for escalation (约谈、挂牌督办): behind or worse
    /// [`ESCALATE_AFTER`] months in a row or more.
    pub fn flagged(&self) -> bool {
        self.streak >= ESCALATE_AFTER
    }

    /// Lagging last month, no longer lagging now.
    pub fn caught_up(&self) -> bool {
        self.previous.is_some_and(Status::is_lagging) && self.streak == 0
    }
}

/// Follow-up for every item of `current`, in its order. Earlier months are
/// assessed under the version in force for each and matched by item id; the
/// streak stops at the plan year's January.
pub fn follow_up(plans: &PlanSet, progress: &Progress, current: &Assessment) -> Vec<FollowUp> {
    let plan = current.plan;
    let jan = Month::january(plan.year);
    let mut out: Vec<FollowUp> = current
        .items
        .iter()
        .map(|a| FollowUp {
            streak: u32::from(a.status.is_lagging()),
            previous: None,
        })
        .collect();
    let mut open: Vec<bool> = out.iter().map(|f| f.streak > 0).collect();
    let mut m = current.month;
    let mut first = true;
    while m > jan {
        m = m.prev();
        // A month with no progress filed at all (before the office kept its
        // files here) is unknown, not lagging: the streak stops there, so a
        // workspace started in September does not say 已连续9个月.
        if !progress.has_files(m) {
            break;
        }
        let Some(past) = assess_month(plans, progress, m) else {
            break;
        };
        // By id once per month: `Assessment::item` is a scan, and calling it per
        // item made the follow-up quadratic in the plan's items (issue 6).
        // Under the same version the items are in the same order: no map.
        let same = std::ptr::eq(past.plan, plan);
        let by_id: HashMap<&str, Status> = if same {
            HashMap::new()
        } else {
            past.items
                .iter()
                .map(|p| (past.plan.items[p.item].id.as_str(), p.status))
                .collect()
        };
        for (k, a) in current.items.iter().enumerate() {
            let st = if same {
                Some(past.items[k].status)
            } else {
                by_id.get(plan.items[a.item].id.as_str()).copied()
            };
            if first {
                out[k].previous = st;
            }
            if open[k] {
                if st.is_some_and(Status::is_lagging) {
                    out[k].streak += 1;
                } else {
                    open[k] = false;
                }
            }
        }
        first = false;
        if !open.iter().any(|&o| o) {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Diagnostics;
    use crate::progress::MonthProgress;

    /// A small plan: one item per case, all deadlines in 2023.
    const PLAN: &str = r#"
format = 1
[plan]
title = "测试清单"
year = 2023
version = "v1"
effective = "2023-01"
office = "a"
categories = ["甲类", "乙类"]
[margins]
ahead = 0.10
severe = 0.20
[[units]]
id = "a"
name = "县甲局"
[[units]]
id = "b"
name = "县乙局"
[[tasks]]
no = 1
title = "任务一"
[[items]]
id = "1.1"
text = "累计十个，十月底前。"
categories = ["甲类"]
lead = ["a"]
deadline = "2023-10"
[[items.indicators]]
id = "n"
name = "累计"
kind = "cumulative"
target = 10
unit = "个"
[[items]]
id = "1.2"
text = "标准从600提高到650，六月底前。"
categories = ["乙类"]
lead = ["a", "b"]
deadline = "2023-06"
[[items.indicators]]
id = "std"
name = "标准"
kind = "level"
baseline = 600
target = 650
unit = "元/月"
[[items]]
id = "1.3"
text = "储备100吨，九月底前。"
categories = ["甲类"]
lead = ["b"]
deadline = "2023-09"
[[items.indicators]]
id = "stock"
name = "储备"
kind = "maintain"
target = 100
unit = "吨"
[[items]]
id = "1.4"
text = "启动项目。"
categories = ["甲类", "乙类"]
lead = ["b"]
deadline = "ongoing"
[[items.indicators]]
id = "m"
name = "启动项目"
kind = "milestone"
[[items]]
id = "1.5"
text = "产量按农时。"
categories = ["乙类"]
lead = ["b"]
deadline = "2023-12"
[[items.indicators]]
id = "out"
name = "产量"
kind = "cumulative"
target = 1000
unit = "吨"
schedule = [0, 0, 0, 0, 0.02, 0.05, 0.25, 0.45, 0.65, 0.85, 1]
[[items.indicators]]
id = "extra"
name = "附加"
kind = "cumulative"
target = 12
unit = "个"
"#;

    fn plans(texts: &[&str]) -> PlanSet {
        let files: Vec<(String, String)> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| (format!("seeds/{i}.toml"), t.to_string()))
            .collect();
        let mut d = Diagnostics::default();
        let set = crate::plan::load::load_plan_set(&files, &mut d);
        assert!(!d.has_errors(), "{:?}", d.list);
        set
    }

    fn m(s: &str) -> Month {
        s.parse().unwrap()
    }

    /// (month, item, indicator, value, status)
    type Row<'a> = (&'a str, &'a str, &'a str, Option<f64>, Option<WorkStatus>);

    /// Progress built by hand: `(month, item, indicator, value, status)`; every
    /// unit reporting an entry is marked as having filed.
    fn progress(set: &PlanSet, rows: &[Row]) -> Progress {
        let mut p = Progress::default();
        for &(month, item, ind, value, status) in rows {
            let month = m(month);
            let plan = set.for_month(month).unwrap();
            let mp = p
                .months
                .entry(month)
                .or_insert_with(|| MonthProgress::new(month, plan));
            let i = plan.item_by_id(item).unwrap();
            let k = plan.items[i]
                .indicators
                .iter()
                .position(|x| x.id == ind)
                .unwrap();
            let r = IndicatorRef {
                item: i,
                indicator: k,
            };
            mp.entries[plan.flat(r)] = Some(Entry {
                value,
                status,
                notes: Some(Box::new(crate::progress::Notes {
                    problems: format!("{item}问题"),
                    ..Default::default()
                })),
                ..Entry::default()
            });
            mp.filed[plan.indicator(r).reporter] = true;
        }
        p
    }

    fn ind<'a>(a: &'a Assessment, item: &str) -> &'a IndicatorAssessment {
        &a.item(item).unwrap().indicators[0]
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12
    }

    fn facts(c: f64, e: f64) -> Facts {
        Facts {
            kind: Kind::Cumulative,
            month: m("2023-06"),
            due: m("2023-12"),
            completion: Some(c),
            expected: e,
            reported: true,
            done_earlier: false,
        }
    }

    #[test]
    fn status_codes_labels_and_order() {
        let codes: Vec<_> = Status::ALL.iter().map(|s| s.code()).collect();
        assert_eq!(
            codes,
            [
                "done",
                "ahead",
                "on_track",
                "behind",
                "severely_behind",
                "overdue",
                "not_reported"
            ]
        );
        let zh: Vec<_> = Status::ALL.iter().map(|s| s.label(Lang::Zh)).collect();
        assert_eq!(
            zh,
            [
                "已完成",
                "超序时",
                "按序时",
                "滞后",
                "严重滞后",
                "逾期未完成",
                "未报送"
            ]
        );
        assert_eq!(Status::Done.worst(Status::Behind), Status::Behind);
        assert_eq!(
            Status::Overdue.worst(Status::NotReported),
            Status::NotReported
        );
        assert_eq!(
            Status::SeverelyBehind.worst(Status::Overdue),
            Status::Overdue
        );
        assert!(Status::Behind.is_lagging() && !Status::OnTrack.is_lagging());
        assert_eq!(
            serde_json::to_string(&Status::SeverelyBehind).unwrap(),
            "\"severely_behind\""
        );
    }

    #[test]
    fn boundaries_of_the_rules() {
        let mg = Margins::default();
        // c = e exactly: on track, not ahead.
        assert_eq!(status(&facts(0.5, 0.5), mg), Status::OnTrack);
        // c = e + 0.10 exactly: ahead; a hair less: on track.
        assert_eq!(status(&facts(0.6, 0.5), mg), Status::Ahead);
        assert_eq!(status(&facts(0.5999, 0.5), mg), Status::OnTrack);
        // e − c = 0.20 exactly: severely behind; a hair less: behind.
        assert_eq!(status(&facts(0.3, 0.5), mg), Status::SeverelyBehind);
        assert_eq!(status(&facts(0.3001, 0.5), mg), Status::Behind);
        // Fractions that are not exact in binary: e = 7/12, c = 7/12 − 0.20.
        let e = 7.0 / 12.0;
        assert_eq!(status(&facts(e - 0.2, e), mg), Status::SeverelyBehind);
        assert_eq!(status(&facts(e, e), mg), Status::OnTrack);
        // e = 1: never ahead; c ≥ 1 is done.
        assert_eq!(status(&facts(0.95, 1.0), mg), Status::Behind);
        assert_eq!(status(&facts(1.0, 1.0), mg), Status::Done);
        // Margins come from the plan.
        let wide = Margins {
            ahead: 0.3,
            severe: 0.4,
            tolerance: 0.0,
            ..Margins::default()
        };
        assert_eq!(status(&facts(0.7, 0.5), wide), Status::OnTrack);
        assert_eq!(status(&facts(0.2, 0.5), wide), Status::Behind);
        // Done earlier beats not reported; not reported beats overdue.
        let mut f = facts(0.0, 1.0);
        f.reported = false;
        f.completion = None;
        assert_eq!(status(&f, mg), Status::NotReported);
        f.done_earlier = true;
        assert_eq!(status(&f, mg), Status::Done);
        let mut late = facts(0.5, 1.0);
        late.month = m("2024-01");
        assert_eq!(status(&late, mg), Status::Overdue);
    }

    #[test]
    fn tolerance_edges() {
        let mg = Margins::default();
        // Exactly e − 0.01: on track; a hair below: behind.
        assert_eq!(status(&facts(0.49, 0.5), mg), Status::OnTrack);
        assert_eq!(status(&facts(0.4899, 0.5), mg), Status::Behind);
        // Whole percents against 7/12 = 58.33 %: 58 % on track, 57 % behind.
        let e = 7.0 / 12.0;
        assert_eq!(status(&facts(0.58, e), mg), Status::OnTrack);
        assert_eq!(status(&facts(0.57, e), mg), Status::Behind);
        // Tolerance 0: the exact rule, 58 % against 58.33 % is behind.
        let exact = Margins {
            tolerance: 0.0,
            ..mg
        };
        assert_eq!(status(&facts(0.58, e), exact), Status::Behind);
        assert_eq!(status(&facts(e, e), exact), Status::OnTrack);
        // A wider tolerance from the plan: 3 points short is still on track.
        let loose = Margins {
            tolerance: 0.03,
            ..mg
        };
        assert_eq!(status(&facts(0.47, 0.5), loose), Status::OnTrack);
        assert_eq!(status(&facts(0.4699, 0.5), loose), Status::Behind);
        // At e = 1 the tolerance applies too, but c ≥ 1 is still needed for done.
        assert_eq!(status(&facts(0.995, 1.0), mg), Status::OnTrack);
    }

    #[test]
    fn completion_per_kind() {
        let set = plans(&[PLAN]);
        let p = set.latest().unwrap();
        let get = |item: &str| &p.items[p.item_by_id(item).unwrap()].indicators[0];
        let cum = get("1.1");
        assert_eq!(completion(cum, Some(4.0), None), Some(0.4));
        assert_eq!(completion(cum, Some(12.0), None), Some(1.2));
        assert_eq!(completion(cum, None, Some(WorkStatus::Done)), None);
        let lvl = get("1.2");
        assert_eq!(completion(lvl, Some(625.0), None), Some(0.5));
        assert_eq!(completion(lvl, Some(580.0), None), Some(0.0));
        assert_eq!(completion(lvl, Some(700.0), None), Some(1.0));
        let mt = get("1.3");
        assert_eq!(completion(mt, Some(95.0), None), Some(0.95));
        let ms = get("1.4");
        assert_eq!(completion(ms, Some(40.0), None), Some(0.4));
        assert_eq!(
            completion(ms, Some(40.0), Some(WorkStatus::InProgress)),
            Some(0.4)
        );
        assert_eq!(completion(ms, None, Some(WorkStatus::Done)), Some(1.0));
        assert_eq!(
            completion(ms, None, Some(WorkStatus::NotStarted)),
            Some(0.0)
        );
        assert_eq!(completion(ms, None, Some(WorkStatus::InProgress)), None);
    }

    #[test]
    fn time_progress_per_kind() {
        let set = plans(&[PLAN]);
        let p = set.latest().unwrap();
        let at = |item: &str, k: usize, month: &str| {
            let it = &p.items[p.item_by_id(item).unwrap()];
            expected(&it.indicators[k], it.deadline, p.year, m(month))
        };
        // Straight line Jan..Oct: 5/10 in May, capped at 1 after October.
        assert!(close(at("1.1", 0, "2023-05"), 0.5));
        assert!(close(at("1.1", 0, "2023-10"), 1.0));
        assert!(close(at("1.1", 0, "2023-12"), 1.0));
        assert!(close(at("1.1", 0, "2022-12"), 0.0));
        // Ongoing counts to December: June is 6/12.
        assert!(close(at("1.4", 0, "2023-06"), 0.5));
        // Level: 0 before its deadline month, 1 from it.
        assert_eq!(at("1.2", 0, "2023-05"), 0.0);
        assert_eq!(at("1.2", 0, "2023-06"), 1.0);
        assert_eq!(at("1.2", 0, "2023-07"), 1.0);
        // Maintain: 1 every month.
        assert_eq!(at("1.3", 0, "2023-01"), 1.0);
        // Schedule: its own entry, 1 after its end.
        assert!(close(at("1.5", 0, "2023-06"), 0.05));
        assert!(close(at("1.5", 0, "2023-07"), 0.25));
        assert_eq!(at("1.5", 0, "2023-12"), 1.0);
        // The schedule-less sibling is straight-line.
        assert!(close(at("1.5", 1, "2023-06"), 0.5));
    }

    #[test]
    fn cumulative_on_the_boundaries() {
        let set = plans(&[PLAN]);
        // May: e = 5/10 = 0.5.
        for (value, want) in [
            (5.0, Status::OnTrack),        // c = e
            (6.0, Status::Ahead),          // c = e + 0.10
            (3.0, Status::SeverelyBehind), // e − c = 0.20
            (3.5, Status::Behind),         // e − c = 0.15
            (10.0, Status::Done),
        ] {
            let pr = progress(&set, &[("2023-05", "1.1", "n", Some(value), None)]);
            let a = assess_month(&set, &pr, m("2023-05")).unwrap();
            let x = ind(&a, "1.1");
            assert_eq!(x.status, want, "value {value}");
            assert!(close(x.expected, 0.5));
            assert!(close(x.completion.unwrap(), value / 10.0));
            assert_eq!(x.value_month, Some(m("2023-05")));
            assert!(x.reported);
        }
    }

    #[test]
    fn done_early_then_not_reported_stays_done() {
        let set = plans(&[PLAN]);
        let pr = progress(
            &set,
            &[
                ("2023-03", "1.1", "n", Some(10.0), None),
                ("2023-04", "1.5", "out", Some(0.0), None),
            ],
        );
        let a = assess_month(&set, &pr, m("2023-04")).unwrap();
        let x = ind(&a, "1.1");
        assert_eq!(x.status, Status::Done);
        assert!(!x.reported);
        assert_eq!(x.value, Some(10.0));
        assert_eq!(x.value_month, Some(m("2023-03")));
        assert_eq!(x.done_in, Some(m("2023-03")));
    }

    #[test]
    fn not_reported_shows_last_known_value() {
        let set = plans(&[PLAN]);
        let pr = progress(&set, &[("2023-02", "1.1", "n", Some(2.0), None)]);
        let a = assess_month(&set, &pr, m("2023-04")).unwrap();
        let x = ind(&a, "1.1");
        assert_eq!(x.status, Status::NotReported);
        assert_eq!(x.value, Some(2.0));
        assert_eq!(x.value_month, Some(m("2023-02")));
        assert_eq!(x.completion, Some(0.2));
        // Never reported: nothing to show.
        let y = ind(&a, "1.3");
        assert_eq!(
            (y.status, y.value, y.value_month),
            (Status::NotReported, None, None)
        );
        // A row without a figure is not a report.
        let pr = progress(
            &set,
            &[("2023-04", "1.1", "n", None, Some(WorkStatus::InProgress))],
        );
        let a = assess_month(&set, &pr, m("2023-04")).unwrap();
        assert_eq!(ind(&a, "1.1").status, Status::NotReported);
    }

    #[test]
    fn overdue_after_the_deadline() {
        let set = plans(&[PLAN]);
        let pr = progress(&set, &[("2023-11", "1.1", "n", Some(9.0), None)]);
        let a = assess_month(&set, &pr, m("2023-11")).unwrap();
        assert_eq!(ind(&a, "1.1").status, Status::Overdue);
        // In the deadline month itself it is still measured against time.
        let pr = progress(&set, &[("2023-10", "1.1", "n", Some(9.0), None)]);
        let a = assess_month(&set, &pr, m("2023-10")).unwrap();
        assert_eq!(ind(&a, "1.1").status, Status::Behind);
    }

    #[test]
    fn level_before_at_and_after_its_deadline() {
        let set = plans(&[PLAN]);
        let case = |month: &str, value: f64| {
            let pr = progress(&set, &[(month, "1.2", "std", Some(value), None)]);
            let a = assess_month(&set, &pr, m(month)).unwrap();
            let x = ind(&a, "1.2").clone();
            (x.status, x.expected, x.completion.unwrap())
        };
        // Before June nothing is expected yet.
        assert_eq!(case("2023-05", 600.0), (Status::OnTrack, 0.0, 0.0));
        assert_eq!(case("2023-05", 625.0), (Status::Ahead, 0.0, 0.5));
        // From June the new standard is due.
        assert_eq!(case("2023-06", 650.0), (Status::Done, 1.0, 1.0));
        assert_eq!(case("2023-06", 645.0), (Status::Behind, 1.0, 0.9));
        assert_eq!(case("2023-06", 640.0), (Status::SeverelyBehind, 1.0, 0.8));
        // After it, short of the standard is overdue.
        assert_eq!(case("2023-07", 640.0), (Status::Overdue, 1.0, 0.8));
        assert_eq!(case("2023-07", 660.0), (Status::Done, 1.0, 1.0));
    }

    #[test]
    fn maintain_before_and_at_its_deadline() {
        let set = plans(&[PLAN]);
        let case = |month: &str, value: f64| {
            let pr = progress(&set, &[(month, "1.3", "stock", Some(value), None)]);
            let a = assess_month(&set, &pr, m(month)).unwrap();
            ind(&a, "1.3").status
        };
        assert_eq!(case("2023-08", 100.0), Status::OnTrack);
        assert_eq!(case("2023-08", 120.0), Status::OnTrack);
        assert_eq!(case("2023-08", 85.0), Status::Behind);
        assert_eq!(case("2023-08", 80.0), Status::SeverelyBehind);
        assert_eq!(case("2023-09", 100.0), Status::Done);
        // Within the 1-point tolerance of the target: on track, not done.
        assert_eq!(case("2023-09", 99.0), Status::OnTrack);
        assert_eq!(case("2023-09", 98.0), Status::Behind);
        // Held at the target before the deadline is not "done earlier".
        let pr = progress(
            &set,
            &[
                ("2023-08", "1.3", "stock", Some(100.0), None),
                ("2023-09", "1.3", "stock", Some(90.0), None),
            ],
        );
        let a = assess_month(&set, &pr, m("2023-09")).unwrap();
        assert_eq!(ind(&a, "1.3").status, Status::Behind);
    }

    #[test]
    fn milestone_with_and_without_percent() {
        let set = plans(&[PLAN]);
        let case = |value: Option<f64>, st: Option<WorkStatus>| {
            let pr = progress(&set, &[("2023-06", "1.4", "m", value, st)]);
            let a = assess_month(&set, &pr, m("2023-06")).unwrap();
            let x = ind(&a, "1.4").clone();
            (x.status, x.completion)
        };
        // e = 6/12 = 0.5.
        assert_eq!(
            case(None, Some(WorkStatus::InProgress)),
            (Status::OnTrack, None)
        );
        assert_eq!(
            case(Some(40.0), Some(WorkStatus::InProgress)),
            (Status::Behind, Some(0.4))
        );
        assert_eq!(case(Some(30.0), None), (Status::SeverelyBehind, Some(0.3)));
        assert_eq!(case(Some(60.0), None), (Status::Ahead, Some(0.6)));
        assert_eq!(
            case(None, Some(WorkStatus::NotStarted)),
            (Status::SeverelyBehind, Some(0.0))
        );
        assert_eq!(
            case(None, Some(WorkStatus::Done)),
            (Status::Done, Some(1.0))
        );
        assert_eq!(case(None, None).0, Status::NotReported);
    }

    #[test]
    fn schedule_sets_time_progress() {
        let set = plans(&[PLAN]);
        // June: schedule 0.05; 0 harvested is 5 points behind, not 50.
        let pr = progress(
            &set,
            &[
                ("2023-06", "1.5", "out", Some(0.0), None),
                ("2023-06", "1.5", "extra", Some(6.0), None),
            ],
        );
        let a = assess_month(&set, &pr, m("2023-06")).unwrap();
        let it = a.item("1.5").unwrap();
        assert_eq!(it.indicators[0].status, Status::Behind);
        assert!(close(it.indicators[0].gap().unwrap(), -0.05));
        assert_eq!(it.indicators[1].status, Status::OnTrack);
        // Item: worst status, mean completion, mean time progress.
        assert_eq!(it.status, Status::Behind);
        assert!(close(it.completion.unwrap(), 0.25));
        assert!(close(it.expected, 0.275));
        // July: schedule 0.25; 350 t is ahead by exactly 10 points.
        let pr = progress(&set, &[("2023-07", "1.5", "out", Some(350.0), None)]);
        let a = assess_month(&set, &pr, m("2023-07")).unwrap();
        assert_eq!(a.item("1.5").unwrap().indicators[0].status, Status::Ahead);
    }

    #[test]
    fn item_completion_caps_each_indicator() {
        let set = plans(&[PLAN]);
        let pr = progress(
            &set,
            &[
                ("2023-06", "1.5", "out", Some(2000.0), None),
                ("2023-06", "1.5", "extra", Some(3.0), None),
            ],
        );
        let a = assess_month(&set, &pr, m("2023-06")).unwrap();
        let it = a.item("1.5").unwrap();
        assert_eq!(it.indicators[0].completion, Some(2.0));
        assert!(close(it.completion.unwrap(), 0.625));
        assert_eq!(it.status, Status::SeverelyBehind);
    }

    #[test]
    fn target_revised_mid_year() {
        let v2 = PLAN
            .replace("version = \"v1\"", "version = \"v2\"")
            .replace("effective = \"2023-01\"", "effective = \"2023-07\"")
            .replace("target = 10\n", "target = 20\n");
        let set = plans(&[PLAN, &v2]);
        let pr = progress(
            &set,
            &[
                ("2023-06", "1.1", "n", Some(10.0), None),
                ("2023-07", "1.1", "n", Some(12.0), None),
            ],
        );
        let june = assess_month(&set, &pr, m("2023-06")).unwrap();
        assert_eq!(june.plan.version, "v1");
        assert_eq!(ind(&june, "1.1").status, Status::Done);
        // July: v2 raises the target to 20; June's 10 no longer counts as done.
        let july = assess_month(&set, &pr, m("2023-07")).unwrap();
        assert_eq!(july.plan.version, "v2");
        let x = ind(&july, "1.1");
        assert!(close(x.completion.unwrap(), 0.6));
        assert!(close(x.expected, 0.7));
        assert_eq!(x.status, Status::Behind);
        assert_eq!(x.done_in, None);
        // August, nothing new: the last known value (July, under v2's target).
        let aug = assess_month(&set, &pr, m("2023-08")).unwrap();
        let x = ind(&aug, "1.1");
        assert_eq!(
            (x.status, x.value_month),
            (Status::NotReported, Some(m("2023-07")))
        );
        // No version before the first effective month.
        assert!(assess_month(&set, &pr, m("2022-12")).is_none());
    }

    /// What `Progress::entry` finds for `r` in each month from `from` up to
    /// (not including) `to`: the oracle `Progress::earlier` is checked against.
    fn entries_one_by_one<'p>(
        pr: &'p Progress,
        set: &PlanSet,
        plan: &Plan,
        r: IndicatorRef,
        (from, to): (Month, Month),
    ) -> Vec<(Month, &'p Entry)> {
        let mut want = Vec::new();
        let mut at = from;
        while at < to {
            if let Some(e) = pr.entry(set, plan, r, at) {
                want.push((at, e));
            }
            at = at.next();
        }
        want
    }

    /// `Progress::earlier` finds, month by month, the entries `Progress::entry`
    /// finds, across a revision (months read against another version).
    #[test]
    fn earlier_months_are_the_entries_progress_finds() {
        let v2 = PLAN
            .replace("version = \"v1\"", "version = \"v2\"")
            .replace("effective = \"2023-01\"", "effective = \"2023-07\"");
        let set = plans(&[PLAN, &v2]);
        let mut rows = Vec::new();
        for (i, month) in ["2023-02", "2023-03", "2023-06", "2023-07", "2023-09"]
            .into_iter()
            .enumerate()
        {
            rows.push((month, "1.1", "n", Some(i as f64 + 1.0), None));
            if i % 2 == 0 {
                rows.push((month, "1.2", "std", Some(600.0 + i as f64), None));
            }
        }
        let pr = progress(&set, &rows);
        let mut compared = 0;
        for month in ["2023-01", "2023-04", "2023-07", "2023-08", "2023-12"] {
            let month = m(month);
            let plan = set.for_month(month).unwrap();
            let jan = Month::january(plan.year);
            let earlier = pr.earlier(&set, plan, jan, month);
            for r in plan.indicator_refs() {
                let got: Vec<(Month, &Entry)> = earlier.entries(r).collect();
                let want = entries_one_by_one(&pr, &set, plan, r, (jan, month));
                assert_eq!(got, want, "{month} {r:?}");
                compared += want.len();
            }
        }
        // Under v2 (July on) the months before July were read against v1.
        assert!(compared >= 10, "{compared}");
    }

    /// Across a revision that renames an indicator, `Progress::earlier` still
    /// finds what `Progress::entry` finds (nothing for the renamed one), and
    /// `trend::trends` gives each indicator's `trend::indicator_trend`.
    #[test]
    fn earlier_and_trends_across_a_revision_that_renames_an_indicator() {
        let v2 = PLAN
            .replace("version = \"v1\"", "version = \"v2\"")
            .replace("effective = \"2023-01\"", "effective = \"2023-07\"")
            .replace("id = \"std\"", "id = \"std2\"");
        let set = plans(&[PLAN, &v2]);
        let mut rows = Vec::new();
        for (i, month) in ["2023-02", "2023-05", "2023-06"].into_iter().enumerate() {
            rows.push((month, "1.1", "n", Some(i as f64 + 1.0), None));
            rows.push((month, "1.2", "std", Some(600.0 + i as f64), None));
        }
        rows.push(("2023-08", "1.1", "n", Some(5.0), None));
        rows.push(("2023-08", "1.2", "std2", Some(640.0), None));
        let pr = progress(&set, &rows);
        let mut found = 0;
        for month in ["2023-06", "2023-08", "2023-09"] {
            let month = m(month);
            let plan = set.for_month(month).unwrap();
            let jan = Month::january(plan.year);
            let earlier = pr.earlier(&set, plan, jan, month);
            let trends = crate::trend::trends(&set, plan, &pr, month);
            for r in plan.indicator_refs() {
                let got: Vec<(Month, &Entry)> = earlier.entries(r).collect();
                let want = entries_one_by_one(&pr, &set, plan, r, (jan, month));
                assert_eq!(got, want, "{month} {r:?}");
                found += want.len();
                let one = crate::trend::indicator_trend(&set, plan, &pr, r, month);
                assert_eq!(trends[plan.flat(r)], one, "{month} {r:?}");
            }
        }
        // v2's std2 finds nothing before July; its n finds February to June.
        let v2plan = set.for_month(m("2023-09")).unwrap();
        let std2 = v2plan
            .indicator_refs()
            .find(|&r| v2plan.indicator(r).id == "std2")
            .unwrap();
        let before_july = pr.earlier(&set, v2plan, m("2023-01"), m("2023-07"));
        assert_eq!(before_july.entries(std2).count(), 0);
        assert!(found >= 10, "{found}");
    }

    #[test]
    fn summaries_and_missing_units() {
        let set = plans(&[PLAN]);
        let pr = progress(
            &set,
            &[
                ("2023-06", "1.1", "n", Some(6.0), None), // e 0.6: on track
                ("2023-06", "1.2", "std", Some(650.0), None),
            ],
        );
        let a = assess_month(&set, &pr, m("2023-06")).unwrap();
        let by = a.by_status();
        assert_eq!(by.get(Status::OnTrack), 1);
        assert_eq!(by.get(Status::Done), 1);
        assert_eq!(by.get(Status::NotReported), 3);
        assert_eq!(by.total(), 5);
        assert_eq!(by.lagging(), 3);
        let cats = a.by_category();
        assert_eq!(cats[0].1.total(), 3); // 甲类: 1.1, 1.3, 1.4
        assert_eq!(cats[1].1.total(), 3); // 乙类: 1.2, 1.4, 1.5
        let leads = a.by_lead();
        assert_eq!(
            leads[0],
            (0, {
                let mut c = Counts::default();
                c.add(Status::OnTrack);
                c.add(Status::Done);
                c
            })
        );
        assert_eq!(leads[1].1.total(), 4);
        assert_eq!(a.indicators_by_status().total(), 6);
        // Unit a filed (it reports 1.1 and 1.2); b reports 1.3–1.5 and did not.
        let plan = a.plan;
        assert_eq!(missing_units(&set, plan, &pr, m("2023-06")), vec![1]);
        assert_eq!(missing_units(&set, plan, &pr, m("2023-07")), vec![0, 1]);
        assert_eq!(ind(&a, "1.2").problems, "1.2问题");
    }

    #[test]
    fn follow_up_counts_streaks_and_catch_up() {
        let set = plans(&[PLAN]);
        let pr = progress(
            &set,
            &[
                // 1.1: behind in April and May (e 0.4, 0.5), on track in June.
                ("2023-04", "1.1", "n", Some(3.0), None),
                ("2023-05", "1.1", "n", Some(4.0), None),
                ("2023-06", "1.1", "n", Some(6.0), None),
                // 1.4: on track in April, behind in May and June.
                ("2023-04", "1.4", "m", None, Some(WorkStatus::InProgress)),
                ("2023-05", "1.4", "m", Some(30.0), None),
                ("2023-06", "1.4", "m", Some(40.0), None),
            ],
        );
        let a = assess_month(&set, &pr, m("2023-06")).unwrap();
        let f = follow_up(&set, &pr, &a);
        let of = |id: &str| f[a.plan.item_by_id(id).unwrap()];
        assert_eq!(of("1.1").streak, 0);
        assert_eq!(of("1.1").previous, Some(Status::Behind));
        assert!(of("1.1").caught_up() && !of("1.1").flagged());
        assert_eq!(of("1.4").streak, 2);
        assert!(of("1.4").flagged() && !of("1.4").caught_up());
        // 1.3 was never reported: lagging every month with files (April to
        // June); January to March have no files at all, so they do not count.
        assert_eq!(of("1.3").streak, 3);
        // January has no earlier month.
        let jan = assess_month(&set, &pr, m("2023-01")).unwrap();
        let f = follow_up(&set, &pr, &jan);
        assert!(f.iter().all(|x| x.previous.is_none() && x.streak == 1));
    }
}
