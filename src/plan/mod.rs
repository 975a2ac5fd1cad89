//! The task list (民生实事工作任务清单): units, tasks, work items and their indicators.
//!
//! This is the domain as the county writes it, already validated: every reference
//! is resolved to an index, every number is in range. [`load`] builds it from TOML
//! with diagnostics; nothing here touches files.

pub mod diff;
pub mod load;

use crate::month::Month;
use serde::Serialize;

/// The format version of task-list files this build reads.
pub const FORMAT: i64 = 1;

/// One version of the plan, as one `seeds/*.toml` file holds it.
#[derive(Clone, Debug)]
pub struct Plan {
    pub title: String,
    pub year: i32,
    /// Unique label of this version, e.g. `2023` or `2023-07修订`.
    pub version: String,
    /// First month this version governs.
    pub effective: Month,
    /// Index into `units` of the coordinating office (专班办公室).
    pub office: usize,
    /// The categories items may carry (省定重点民生实事 …), in display order.
    pub categories: Vec<String>,
    pub margins: Margins,
    pub scoring: Scoring,
    /// When the monthly reports are due (`[reporting]`).
    pub reporting: Reporting,
    /// The working group (工作专班, `[group]`), when the task list names it.
    pub group: Option<Group>,
    pub units: Vec<Unit>,
    pub tasks: Vec<Task>,
    pub items: Vec<Item>,
    /// Path of the file it came from, relative to the workspace.
    pub file: String,
    /// `offsets[i]` is the flat index of item i's first indicator (see [`Plan::flat`]).
    pub offsets: Vec<usize>,
}

/// Lateness thresholds, as fractions (0.10 = 10 percentage points).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Margins {
    /// An indicator at least this far ahead of time progress is `ahead` (超序时).
    pub ahead: f64,
    /// A gap behind time progress of at least this much is `severely_behind` (严重滞后).
    pub severe: f64,
    /// Stage nodes (阶段任务): this many stages due and not done make an
    /// indicator `severely_behind` (`stage_missed`, default 2; see `assess::stages`).
    pub stage_missed: u32,
    /// Stage nodes: one stage this many months past its due month and not done
    /// makes an indicator `severely_behind` (`stage_late`, default 2).
    pub stage_late: u32,
    /// A shortfall up to this much still counts as on track (按序时): departments
    /// report whole percents while 7/12 is 58.33 %, so 58 % is not 滞后0.3个百分点.
    pub tolerance: f64,
}

impl Default for Margins {
    fn default() -> Margins {
        Margins {
            ahead: 0.10,
            severe: 0.20,
            stage_missed: 2,
            stage_late: 2,
            tolerance: 0.01,
        }
    }
}

/// When the departments' monthly reports are due (`[reporting]`, docs/closing.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Reporting {
    /// Reports for month M are due by the end of this day of the next month,
    /// local time (`每月5日前` = 5: June's report is due by the end of 5 July).
    /// A month shorter than the day ends the term on its last day.
    pub due_day: u32,
}

impl Default for Reporting {
    fn default() -> Reporting {
        Reporting { due_day: 5 }
    }
}

/// The working group that drives the plan (工作专班, seed §三(一)): people by
/// their posts, as the plan names them, and the member units.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    /// e.g. 双牌县打好重点民生保障仗工作专班.
    pub name: String,
    /// The convener's post (县政府常务副县长): the plan names posts, not people.
    pub convener: String,
    /// The deputy conveners' posts, in the plan's order.
    pub deputies: Vec<String>,
    /// Indexes into `Plan::units`, in the plan's order; a member may lead nothing.
    pub members: Vec<usize>,
}

/// How co-lead units share the points of an item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Sharing {
    /// The points of an indicator go to the unit that reports it (default):
    /// that unit owns the number.
    Reporter,
    /// Every lead unit of the item takes the points of each of its indicators.
    AllLeads,
}

/// The quarterly evaluation rules (季动态考评), docs/score.md. Points are signed:
/// deductions negative, bonuses positive.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Scoring {
    /// Score every ranked unit starts a quarter with.
    pub base: f64,
    /// Per indicator and month in the status named.
    pub not_reported: f64,
    pub severely_behind: f64,
    pub behind: f64,
    pub overdue: f64,
    /// Once per indicator, in the month it is first done, when that month is not
    /// after the deadline.
    pub done_early: f64,
    /// Extra per item and month when the item has been behind or worse this many
    /// months in a row (0 disables).
    pub streak_months: u32,
    pub streak: f64,
    /// Most a unit can lose in one quarter (a positive number; 0 = no cap).
    pub max_deduction: f64,
    /// Most a unit can gain in bonuses in one quarter (0 = no cap).
    pub max_bonus: f64,
    pub sharing: Sharing,
    /// Added to the score by rank after sorting: `rank_bonus[0]` to rank 1 …
    pub rank_bonus: Vec<f64>,
    /// How a year combines its quarters: the mean of the quarter scores.
    pub year: YearRule,
    /// Per unit and month whose file was received after the due day (judged
    /// from a closed month's manifest; 0 = off).
    pub late: f64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum YearRule {
    /// The year's score is the mean of its quarters' scores.
    Mean,
    /// The year's score is the sum of its quarters' scores.
    Sum,
}

impl Default for Scoring {
    fn default() -> Scoring {
        Scoring {
            base: 100.0,
            not_reported: -2.0,
            severely_behind: -2.0,
            behind: -1.0,
            overdue: -3.0,
            done_early: 1.0,
            streak_months: 2,
            streak: -1.0,
            max_deduction: 0.0,
            max_bonus: 0.0,
            sharing: Sharing::Reporter,
            rank_bonus: Vec::new(),
            year: YearRule::Mean,
            late: -1.0,
        }
    }
}

/// A unit: a department, the office, a company.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unit {
    /// Stable id, used in file names and scripts (e.g. `rsj`).
    pub id: String,
    /// Official short name as the plan writes it (县人社局).
    pub name: String,
    /// Other names people write for it (人社局, 双牌县人力资源和社会保障局).
    pub aliases: Vec<String>,
}

impl Unit {
    /// Whether a name written by someone means this unit.
    fn is_called(&self, name: &str) -> bool {
        self.id == name || self.name == name || self.aliases.iter().any(|a| a == name)
    }
}

/// A task (工作任务), numbered 1..N as in the plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Task {
    pub no: u32,
    pub title: String,
}

/// When an item must be finished.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Deadline {
    /// 2023年12月底前: by the end of that month.
    Month(Month),
    /// 长期坚持: kept up all year; counts to the plan year's December.
    Ongoing,
}

impl Deadline {
    /// The month the deadline falls in, for a plan of `year`.
    pub fn month(self, year: i32) -> Month {
        match self {
            Deadline::Month(m) => m,
            Deadline::Ongoing => Month::december(year),
        }
    }

    /// `2023-12` or `ongoing`, as in JSON.
    pub fn code(self) -> String {
        match self {
            Deadline::Month(m) => m.to_string(),
            Deadline::Ongoing => "ongoing".to_string(),
        }
    }

    /// How a notice writes it.
    pub fn label(self, lang: crate::lang::Lang) -> String {
        match self {
            Deadline::Month(m) => crate::tr!("{zh}底前", "by {m}", zh = m.zh()).take(lang),
            Deadline::Ongoing => crate::lang::pick(lang, "长期坚持", "ongoing").to_string(),
        }
    }
}

/// A work item (工作事项), id `N.M`: the M-th item of task N.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    pub id: String,
    pub task: u32,
    pub text: String,
    /// The item's short name (`short`, e.g. 城镇新增就业3200人) for narrow
    /// tables and running text; `None` when the task list gives none.
    pub short: Option<String>,
    /// Indexes into `Plan::categories`.
    pub categories: Vec<usize>,
    /// Indexes into `Plan::units`; the first is the main lead.
    pub lead: Vec<usize>,
    pub deadline: Deadline,
    pub indicators: Vec<Indicator>,
}

/// How an indicator's monthly value turns into completion (docs/plan-format.md §4).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Achieved so far this year (累计): value / target.
    Cumulative,
    /// A standard raised from a baseline: (value − baseline) / (target − baseline).
    Level,
    /// A stock or a rate held: value / target.
    Maintain,
    /// A piece of work without a number: status and optional percent done.
    Milestone,
}

impl Kind {
    pub const ALL: [Kind; 4] = [
        Kind::Cumulative,
        Kind::Level,
        Kind::Maintain,
        Kind::Milestone,
    ];

    /// The kind a task list names by its code (`kind = "level"`).
    pub fn from_code(code: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn code(self) -> &'static str {
        match self {
            Kind::Cumulative => "cumulative",
            Kind::Level => "level",
            Kind::Maintain => "maintain",
            Kind::Milestone => "milestone",
        }
    }

    pub fn label(self, lang: crate::lang::Lang) -> &'static str {
        crate::lang::pick(
            lang,
            match self {
                Kind::Cumulative => "累计",
                Kind::Level => "标准",
                Kind::Maintain => "保持",
                Kind::Milestone => "节点",
            },
            self.code(),
        )
    }
}

/// A measured target of an item.
#[derive(Clone, Debug, PartialEq)]
pub struct Indicator {
    /// Unique within the item, e.g. `jobs`.
    pub id: String,
    pub name: String,
    pub kind: Kind,
    /// The target; 100 for a milestone (percent done).
    pub target: f64,
    /// Unit of measure as people write it after a number: 人, 户, 元/月, %, 方 …
    pub unit: String,
    /// The starting standard of a level indicator.
    pub baseline: Option<f64>,
    /// Index into `Plan::units` of the unit that reports this figure.
    pub reporter: usize,
    /// Expected cumulative fraction at the end of each month from January of the
    /// plan year; after its last entry the expectation is 1.
    pub schedule: Option<Vec<f64>>,
    /// The stage nodes (阶段任务 and 推进时间节点) of a milestone, in order of due
    /// month; empty for every other indicator and for a milestone judged as a whole.
    pub stages: Vec<Stage>,
}

/// One stage of a milestone: what must be reached by the end of which month
/// (开工建设, 2023-09 = 9月底前).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stage {
    /// Unique within the item; departments write it in the 指标 column.
    pub name: String,
    /// Due by the end of this month.
    pub due: Month,
}

impl Indicator {
    /// Whether values are percentages (`92%` is read as 92).
    pub fn is_percent(&self) -> bool {
        self.unit == "%"
    }
}

/// Where an indicator sits in the plan: item index and indicator index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct IndicatorRef {
    pub item: usize,
    pub indicator: usize,
}

impl Plan {
    /// Finds a unit by id, name or alias.
    pub fn unit_by_name(&self, name: &str) -> Option<usize> {
        let name = name.trim();
        self.units.iter().position(|u| u.is_called(name))
    }

    pub fn item_by_id(&self, id: &str) -> Option<usize> {
        self.items.iter().position(|i| i.id == id)
    }

    /// The position of an indicator in plan order, for per-indicator arrays.
    pub fn flat(&self, r: IndicatorRef) -> usize {
        self.offsets[r.item] + r.indicator
    }

    /// How many indicators the plan has.
    pub fn indicator_count(&self) -> usize {
        self.offsets.last().copied().unwrap_or(0)
            + self.items.last().map_or(0, |i| i.indicators.len())
    }

    pub fn indicator(&self, r: IndicatorRef) -> &Indicator {
        &self.items[r.item].indicators[r.indicator]
    }

    /// Every indicator of the plan, in plan order.
    pub fn indicator_refs(&self) -> impl Iterator<Item = IndicatorRef> + '_ {
        self.items.iter().enumerate().flat_map(|(i, item)| {
            (0..item.indicators.len()).map(move |k| IndicatorRef {
                item: i,
                indicator: k,
            })
        })
    }

    /// Units that report at least one indicator, in unit order.
    pub fn reporting_units(&self) -> Vec<usize> {
        let mut seen = vec![false; self.units.len()];
        for item in &self.items {
            for ind in &item.indicators {
                seen[ind.reporter] = true;
            }
        }
        (0..self.units.len()).filter(|&u| seen[u]).collect()
    }

    /// Names of an item's lead units joined as the plan writes them (、).
    pub fn lead_names(&self, item: &Item) -> String {
        item.lead
            .iter()
            .map(|&u| self.units[u].name.as_str())
            .collect::<Vec<_>>()
            .join("、")
    }
}

/// All versions of the plan in a workspace, oldest effective month first.
#[derive(Clone, Debug, Default)]
pub struct PlanSet {
    pub versions: Vec<Plan>,
}

impl PlanSet {
    /// The version in force for a month: the newest effective on or before it.
    pub fn for_month(&self, month: Month) -> Option<&Plan> {
        self.versions.iter().rev().find(|p| p.effective <= month)
    }

    pub fn by_label(&self, label: &str) -> Option<&Plan> {
        self.versions.iter().find(|p| p.version == label)
    }

    /// The newest version.
    pub fn latest(&self) -> Option<&Plan> {
        self.versions.last()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Diagnostics;

    fn fixture_set() -> PlanSet {
        let dir = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/双牌 修订/seeds/"
        );
        let files: Vec<(String, String)> = ["2023.toml", "2023-07.toml"]
            .iter()
            .map(|f| {
                (
                    format!("seeds/{f}"),
                    std::fs::read_to_string(format!("{dir}{f}")).unwrap(),
                )
            })
            .collect();
        let mut diags = Diagnostics::default();
        let set = load::load_plan_set(&files, &mut diags);
        assert!(diags.is_empty(), "{diags:?}");
        set
    }

    #[test]
    fn version_in_force_is_newest_effective_on_or_before() {
        let set = fixture_set();
        let m = |s: &str| s.parse::<Month>().unwrap();
        assert!(set.for_month(m("2022-12")).is_none());
        assert_eq!(set.for_month(m("2023-01")).unwrap().version, "2023");
        assert_eq!(set.for_month(m("2023-06")).unwrap().version, "2023");
        assert_eq!(set.for_month(m("2023-07")).unwrap().version, "2023-07修订");
        assert_eq!(set.for_month(m("2024-03")).unwrap().version, "2023-07修订");
    }

    #[test]
    fn references_resolve_to_indexes() {
        let set = fixture_set();
        let p = set.by_label("2023-07修订").unwrap();
        assert_eq!(p.unit_by_name("人社局"), Some(0));
        assert_eq!(p.unit_by_name(" mzj "), Some(1));
        assert_eq!(p.unit_by_name("县财政局"), None);
        let level = &p.items[1].indicators[0];
        assert_eq!(level.kind, Kind::Level);
        assert_eq!(level.baseline, Some(600.0));
        assert_eq!(level.reporter, 0, "reporter given explicitly");
        assert_eq!(
            p.items[2].indicators[0].reporter, 1,
            "defaults to first lead"
        );
        assert_eq!(p.indicator_count(), 3);
        let refs: Vec<usize> = p.indicator_refs().map(|r| p.flat(r)).collect();
        assert_eq!(refs, vec![0, 1, 2]);
        assert_eq!(p.reporting_units(), vec![0, 1]);
        assert_eq!(p.lead_names(&p.items[1]), "县民政局、县人社局");
        assert_eq!(Deadline::Ongoing.month(2023).to_string(), "2023-12");
        let old = set.by_label("2023").unwrap();
        let ms = &old.items[1].indicators[0];
        assert_eq!(
            (ms.kind, ms.target, ms.unit.as_str()),
            (Kind::Milestone, 100.0, "%")
        );
    }
}
