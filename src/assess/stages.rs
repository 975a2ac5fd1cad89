//! Staged milestones (阶段任务 and 推进时间节点), judged by their nodes rather
//! than by straight-line time (docs/report.md, “Stage nodes”).
//!
//! At the end of month M, with n stages:
//!
//! - a stage is *due* when its due month is M or earlier (due 2023-09 = 9月底前:
//!   the report for September is cut off at the end of September, so it counts);
//! - expected e = stages due / n; completion c = stages done / n, a stage done in
//!   an earlier month staying done;
//! - a stage due and not done is *missed*, `M − due` months late (0 in its own
//!   month);
//! - the status rules of docs/report.md#statuses-and-formulas apply first (done, not reported, overdue); then
//!   no missed stage gives ahead or on track as usual (c ≥ e always holds), one
//!   missed stage gives behind, and `margins.stage_missed` missed stages or one
//!   `margins.stage_late` months late gives severely behind.

use super::{status, Facts, IndicatorAssessment, Status};
use crate::lang::Lang;
use crate::month::Month;
use crate::plan::{Indicator, IndicatorRef, Margins, Plan, PlanSet, Stage};
use crate::progress::{Entry, Progress, WorkStatus};
use crate::tr;

/// How one stage stands at the end of the month assessed.
#[derive(Clone, Debug, PartialEq)]
pub struct StageState {
    pub name: String,
    pub due: Month,
    /// The status last reported for it this year (this month's when given).
    pub status: Option<WorkStatus>,
    /// The first month it was reported 已完成.
    pub done_in: Option<Month>,
    /// Due by the end of the month assessed.
    pub is_due: bool,
    /// Months past its due month while not done (0 in the due month); `None`
    /// when done or not yet due.
    pub months_late: Option<u32>,
}

impl StageState {
    /// Due and not done.
    pub fn missed(&self) -> bool {
        self.months_late.is_some()
    }

    /// The node as a notice names it: 「“开工建设”节点（9月底前）未完成」.
    pub fn missed_text(&self, year: i32, lang: Lang) -> String {
        // Within the plan's year 9月 is enough; a node due later names its year.
        let due_zh = if self.due.year() == year {
            format!("{}月", self.due.month())
        } else {
            self.due.zh()
        };
        tr!(
            "“{name}”节点（{due_zh}底前）未完成",
            "stage “{name}” (due {due}) not done",
            name = self.name,
            due = self.due,
        )
        .take(lang)
    }
}

/// Time progress of a staged milestone: the share of stages due by the end of `month`.
pub fn expected(stages: &[Stage], month: Month) -> f64 {
    if stages.is_empty() {
        return 0.0;
    }
    let due = stages.iter().filter(|s| s.due <= month).count();
    due as f64 / stages.len() as f64
}

/// Completion: the share of stages done.
pub fn completion(states: &[StageState]) -> f64 {
    if states.is_empty() {
        return 0.0;
    }
    let done = states.iter().filter(|s| s.done_in.is_some()).count();
    done as f64 / states.len() as f64
}

/// The lag the missed nodes make: `None` when none is missed, else behind, or
/// severely behind from `stage_missed` missed stages or one `stage_late` months late.
pub fn lag(states: &[StageState], margins: Margins) -> Option<Status> {
    let late: Vec<u32> = states.iter().filter_map(|s| s.months_late).collect();
    let worst = late.iter().copied().max()?;
    if late.len() as u32 >= margins.stage_missed || worst >= margins.stage_late {
        Some(Status::SeverelyBehind)
    } else {
        Some(Status::Behind)
    }
}

/// What a month's entry says of one stage: its stage row's status, else the
/// indicator row's when that says the whole is 已完成 (or 100 %) or 未启动.
pub fn reported_status(entry: &Entry, stage: &str) -> Option<WorkStatus> {
    entry.stage_status(stage).or_else(|| {
        if entry.status == Some(WorkStatus::Done) || entry.value.is_some_and(|v| v >= 100.0) {
            Some(WorkStatus::Done)
        } else {
            entry.status.filter(|s| *s == WorkStatus::NotStarted)
        }
    })
}

/// Every stage's state at `month`, from the entries of January through `month`
/// (`entry(m)` gives month m's entry when it has a figure).
pub fn states<'e>(
    stages: &[Stage],
    jan: Month,
    month: Month,
    entry: impl Fn(Month) -> Option<&'e Entry>,
) -> Vec<StageState> {
    let mut out: Vec<StageState> = stages
        .iter()
        .map(|s| StageState {
            name: s.name.clone(),
            due: s.due,
            status: None,
            done_in: None,
            is_due: s.due <= month,
            months_late: None,
        })
        .collect();
    let mut m = jan;
    while m <= month {
        if let Some(en) = entry(m) {
            for st in &mut out {
                if let Some(s) = reported_status(en, &st.name) {
                    st.status = Some(s);
                    if s == WorkStatus::Done && st.done_in.is_none() {
                        st.done_in = Some(m);
                    }
                }
            }
        }
        m = m.next();
    }
    for st in &mut out {
        if st.is_due && st.done_in.is_none() {
            st.months_late = Some(st.due.months_until(month).max(0) as u32);
        }
    }
    out
}

/// Assesses a staged milestone of `plan` at `month` (the counterpart of
/// [`super::assess_indicator`] for an indicator with stages).
pub fn assess(
    plans: &PlanSet,
    plan: &Plan,
    progress: &Progress,
    r: IndicatorRef,
    month: Month,
) -> IndicatorAssessment {
    let item = &plan.items[r.item];
    let ind: &Indicator = plan.indicator(r);
    let due = item.deadline.month(plan.year);
    let jan = Month::january(plan.year);
    let figure = |m: Month| super::figure(progress.entry(plans, plan, r, m), ind.kind);
    let this = progress.entry(plans, plan, r, month);
    let reported = figure(month).is_some();
    let mut value_month = None;
    let mut m = month;
    while m >= jan {
        if figure(m).is_some() {
            value_month = Some(m);
            break;
        }
        m = m.prev();
    }
    let shown = value_month.and_then(figure);
    let st = states(&ind.stages, jan, month, figure);
    let c = completion(&st);
    // Done in an earlier month: every stage done before this month.
    let earlier = st.iter().map(|s| s.done_in).collect::<Option<Vec<_>>>();
    let done_earlier = earlier
        .as_ref()
        .and_then(|d| d.iter().max().copied())
        .filter(|&last| last < month);
    let e = expected(&ind.stages, month);
    let facts = Facts {
        kind: ind.kind,
        month,
        due,
        completion: reported.then_some(c),
        expected: e,
        reported,
        done_earlier: done_earlier.is_some(),
    };
    let mut status = status(&facts, plan.margins);
    if matches!(
        status,
        Status::Ahead | Status::OnTrack | Status::Behind | Status::SeverelyBehind
    ) {
        status = lag(&st, plan.margins).unwrap_or(status);
    }
    let done_in = done_earlier.or((status == Status::Done).then_some(month));
    IndicatorAssessment {
        r,
        value: shown.and_then(|en| en.value),
        work_status: shown.and_then(|en| en.status),
        value_month,
        reported,
        rejected: status == Status::NotReported && this.is_some_and(|en| en.rejected),
        completion: shown.map(|_| c),
        expected: e,
        status,
        done_in,
        progress: this.map_or_else(String::new, |en| en.progress().to_string()),
        problems: this.map_or_else(String::new, |en| en.problems().to_string()),
        next_steps: this.map_or_else(String::new, |en| en.next_steps().to_string()),
        stages: st,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assess::assess_month;
    use crate::diag::Diagnostics;
    use crate::progress::{MonthProgress, StageReport};
    use WorkStatus::{Done, InProgress, NotStarted};

    const PLAN: &str = r#"
format = 1
[plan]
title = "阶段测试"
year = 2023
version = "v1"
effective = "2023-01"
office = "a"
[[units]]
id = "a"
name = "县甲局"
[[tasks]]
no = 1
title = "任务一"
[[items]]
id = "1.1"
text = "建设项目。"
lead = ["a"]
deadline = "2023-12"
[[items.indicators]]
id = "p"
name = "项目"
kind = "milestone"
stages = [
  { name = "完成选址", due = "2023-03" },
  { name = "取得施工许可", due = "2023-06" },
  { name = "开工建设", due = "2023-09" },
  { name = "主体完工", due = "2023-12" },
]
[[items]]
id = "1.2"
text = "上半年办结。"
lead = ["a"]
deadline = "2023-06"
[[items.indicators]]
id = "q"
name = "办结"
kind = "milestone"
stages = [{ name = "立项", due = "2023-03" }, { name = "完成验收", due = "2023-06" }]
"#;

    fn set(extra: &str) -> PlanSet {
        let text = PLAN.replacen("[[units]]", &format!("{extra}\n[[units]]"), 1);
        let mut d = Diagnostics::default();
        let set = crate::plan::load::load_plan_set(&[("seeds/t.toml".into(), text)], &mut d);
        assert!(!d.has_errors(), "{:?}", d.list);
        set
    }

    fn m(s: &str) -> Month {
        s.parse().unwrap()
    }

    /// Stage rows of one month: `(month, item, [(stage, status)])`.
    type Rows<'a> = (&'a str, &'a str, &'a [(&'a str, WorkStatus)]);

    fn progress(set: &PlanSet, rows: &[Rows]) -> Progress {
        let mut p = Progress::default();
        let plan = set.latest().unwrap();
        for &(month, item, stages) in rows {
            let month = m(month);
            let mp = p
                .months
                .entry(month)
                .or_insert_with(|| MonthProgress::new(month, plan));
            let i = plan.item_by_id(item).unwrap();
            let list: Vec<StageReport> = stages
                .iter()
                .map(|&(name, s)| StageReport {
                    name: name.to_string(),
                    status: Some(s),
                    line: 2,
                })
                .collect();
            mp.entries[plan.flat(IndicatorRef {
                item: i,
                indicator: 0,
            })] = Some(Entry {
                stages: Some(list.into_boxed_slice()),
                ..Entry::default()
            });
        }
        p
    }

    fn at(set: &PlanSet, p: &Progress, month: &str, item: &str) -> IndicatorAssessment {
        let a = assess_month(set, p, m(month)).unwrap();
        a.item(item).unwrap().indicators[0].clone()
    }

    #[test]
    fn expected_counts_stages_due_by_month_end() {
        let set = set("");
        let stages = &set.latest().unwrap().items[0].indicators[0].stages;
        let e = |s: &str| expected(stages, m(s));
        assert_eq!(e("2022-12"), 0.0);
        assert_eq!(e("2023-02"), 0.0);
        // Due this month: the report is cut off at the month's end, so it is due.
        assert_eq!(e("2023-03"), 0.25);
        assert_eq!(e("2023-05"), 0.25);
        assert_eq!(e("2023-06"), 0.5);
        assert_eq!(e("2023-09"), 0.75);
        assert_eq!(e("2023-12"), 1.0);
    }

    #[test]
    fn nodes_met_are_on_track_or_ahead() {
        let set = set("");
        let p = progress(
            &set,
            &[
                (
                    "2023-06",
                    "1.1",
                    &[("完成选址", Done), ("取得施工许可", Done)],
                ),
                (
                    "2023-07",
                    "1.1",
                    &[("取得施工许可", Done), ("开工建设", Done)],
                ),
            ],
        );
        let x = at(&set, &p, "2023-06", "1.1");
        assert_eq!((x.completion, x.expected), (Some(0.5), 0.5));
        assert_eq!(x.status, Status::OnTrack);
        assert!(x.stages.iter().all(|s| !s.missed()));
        // July: 完成选址 stays done from June though not repeated; 3 of 4 done
        // against 2 due: c = 0.75 ≥ 0.5 + 0.10.
        let x = at(&set, &p, "2023-07", "1.1");
        assert_eq!((x.completion, x.expected), (Some(0.75), 0.5));
        assert_eq!(x.status, Status::Ahead);
        assert_eq!(x.stages[0].done_in, Some(m("2023-06")));
        assert_eq!(x.stages[2].done_in, Some(m("2023-07")));
    }

    #[test]
    fn one_missed_node_is_behind_until_two_months_late() {
        let set = set("");
        let rows: Vec<Rows> = ["2023-03", "2023-04", "2023-05"]
            .iter()
            .map(|&mo| (mo, "1.1", &[("完成选址", InProgress)][..]))
            .collect();
        let p = progress(&set, &rows);
        // Due in March and not done at the end of March: behind, 0 months late.
        let x = at(&set, &p, "2023-03", "1.1");
        assert_eq!((x.completion, x.expected), (Some(0.0), 0.25));
        assert_eq!(x.status, Status::Behind);
        assert_eq!(x.stages[0].months_late, Some(0));
        assert_eq!(at(&set, &p, "2023-04", "1.1").status, Status::Behind);
        let x = at(&set, &p, "2023-05", "1.1");
        assert_eq!(x.stages[0].months_late, Some(2));
        assert_eq!(x.status, Status::SeverelyBehind);
        // February: nothing due yet, 未启动 is on track.
        let p = progress(&set, &[("2023-02", "1.1", &[("完成选址", NotStarted)])]);
        assert_eq!(at(&set, &p, "2023-02", "1.1").status, Status::OnTrack);
    }

    #[test]
    fn two_missed_nodes_are_severely_behind_and_thresholds_are_settable() {
        let rows: &[Rows] = &[(
            "2023-09",
            "1.1",
            &[
                ("完成选址", Done),
                ("取得施工许可", InProgress),
                ("开工建设", NotStarted),
            ],
        )];
        let set1 = set("");
        let x = at(&set1, &progress(&set1, rows), "2023-09", "1.1");
        // 取得施工许可 is 3 months late too; either rule makes it severe.
        assert_eq!(x.status, Status::SeverelyBehind);
        assert_eq!((x.completion, x.expected), (Some(0.25), 0.75));
        let missed: Vec<String> = x
            .stages
            .iter()
            .filter(|s| s.missed())
            .map(|s| s.missed_text(2023, Lang::Zh))
            .collect();
        assert_eq!(
            missed,
            [
                "“取得施工许可”节点（6月底前）未完成",
                "“开工建设”节点（9月底前）未完成"
            ]
        );
        let lenient = set("[margins]\nstage_missed = 3\nstage_late = 4\n");
        let x = at(&lenient, &progress(&lenient, rows), "2023-09", "1.1");
        assert_eq!(x.status, Status::Behind);
        // Two missed alone (each 0–1 months late) reach the default count.
        let p = progress(
            &set1,
            &[(
                "2023-06",
                "1.2",
                &[("立项", InProgress), ("完成验收", NotStarted)],
            )],
        );
        let x = at(&set1, &p, "2023-06", "1.2");
        assert_eq!(x.stages.iter().filter(|s| s.missed()).count(), 2);
        assert_eq!(x.status, Status::SeverelyBehind);
    }

    #[test]
    fn whole_row_done_not_reported_and_overdue() {
        let set = set("");
        // The indicator's own row saying 已完成 marks every stage done.
        let mut p = progress(&set, &[]);
        let plan = set.latest().unwrap();
        let mut mp = MonthProgress::new(m("2023-05"), plan);
        mp.entries[1] = Some(Entry {
            status: Some(Done),
            ..Entry::default()
        });
        p.months.insert(m("2023-05"), mp);
        let x = at(&set, &p, "2023-05", "1.2");
        assert_eq!((x.status, x.completion), (Status::Done, Some(1.0)));
        assert_eq!(x.done_in, Some(m("2023-05")));
        // Done stays done in a month with no report.
        assert_eq!(at(&set, &p, "2023-06", "1.2").status, Status::Done);
        // No row at all: not reported.
        assert_eq!(at(&set, &p, "2023-05", "1.1").status, Status::NotReported);
        // Past the item's deadline with a stage open: overdue.
        let p = progress(&set, &[("2023-07", "1.2", &[("立项", Done)])]);
        let x = at(&set, &p, "2023-07", "1.2");
        assert_eq!((x.status, x.completion), (Status::Overdue, Some(0.5)));
    }

    #[test]
    fn lag_on_its_own() {
        let st = |late: &[Option<u32>]| -> Vec<StageState> {
            late.iter()
                .map(|&l| StageState {
                    name: "x".into(),
                    due: m("2023-03"),
                    status: None,
                    done_in: None,
                    is_due: l.is_some(),
                    months_late: l,
                })
                .collect()
        };
        let mg = Margins::default();
        assert_eq!(lag(&st(&[None, None]), mg), None);
        assert_eq!(lag(&st(&[Some(1), None]), mg), Some(Status::Behind));
        assert_eq!(lag(&st(&[Some(2), None]), mg), Some(Status::SeverelyBehind));
        assert_eq!(
            lag(&st(&[Some(0), Some(0)]), mg),
            Some(Status::SeverelyBehind)
        );
    }
}
