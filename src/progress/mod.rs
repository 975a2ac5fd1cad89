//! Monthly progress (月度进展): what each department reported, month by month.
//!
//! `data/YYYY-MM/UNIT.csv` files are read against the plan version in force for
//! that month; each row becomes an [`Entry`] at the flat index of its indicator
//! in that version (see [`crate::plan::Plan::flat`]), so memory grows with the
//! plan, not with the rows.

use crate::month::Month;
use crate::plan::{IndicatorRef, Plan, PlanSet};
pub mod decode;
pub mod form;
pub mod plausible;
pub mod read;
pub mod stages;
pub mod suggest;

use std::collections::BTreeMap;

/// The status a department reports for its work (状态 column).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum WorkStatus {
    /// 未启动
    NotStarted,
    /// 推进中
    InProgress,
    /// 已完成
    Done,
}

impl WorkStatus {
    /// How a report names it: the form's own word in Chinese.
    pub fn label(self, lang: crate::lang::Lang) -> &'static str {
        match self {
            WorkStatus::NotStarted => crate::lang::pick(lang, "未启动", "not started"),
            WorkStatus::InProgress => crate::lang::pick(lang, "推进中", "in progress"),
            WorkStatus::Done => crate::lang::pick(lang, "已完成", "done"),
        }
    }
}

/// One department's figure for one indicator in one month. Kept small (the
/// notes are boxed and read only for the months that need them) because a
/// year holds one per indicator and month.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Entry {
    /// 累计完成: the cumulative total, the standard now in force, the stock or
    /// rate; for a milestone, its percent done (0–100). Always in the indicator's
    /// own unit of measure (8万 is stored as 80000).
    pub value: Option<f64>,
    pub status: Option<WorkStatus>,
    /// The text columns, when kept for this month (see `ReadOptions::notes_for`)
    /// and not all empty.
    pub notes: Option<Box<Notes>>,
    /// Where it was read: index into [`Progress::files`], and the row (Excel's
    /// row number).
    pub file: u32,
    pub line: u32,
    /// The department's figure was refused by an error (an unreadable value or
    /// status, a row or a file that could not be read): the unit did file, so
    /// the report shows 数据有误, never 未报送.
    pub rejected: bool,
    /// The stage rows of a staged milestone (see [`stages`]), in the order read;
    /// `None` for every other indicator, so an entry stays one pointer larger.
    pub stages: Option<Box<[StageReport]>>,
}

/// One stage row of a staged milestone: the stage it names and the status given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StageReport {
    /// The stage's name as the plan version read against writes it.
    pub name: String,
    /// `None` for a row whose 状态 is blank.
    pub status: Option<WorkStatus>,
    /// Excel's row number.
    pub line: u32,
}

/// What a department wrote beside its figure.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Notes {
    /// 进展情况
    pub progress: String,
    /// 存在问题
    pub problems: String,
    /// 下步计划
    pub next_steps: String,
}

impl Entry {
    /// 进展情况, empty when none was kept.
    pub fn progress(&self) -> &str {
        self.notes.as_ref().map_or("", |n| &n.progress)
    }

    /// 存在问题, empty when none was kept.
    pub fn problems(&self) -> &str {
        self.notes.as_ref().map_or("", |n| &n.problems)
    }

    /// 下步计划, empty when none was kept.
    pub fn next_steps(&self) -> &str {
        self.notes.as_ref().map_or("", |n| &n.next_steps)
    }

    /// Whether the row says anything about progress (docs/report.md#statuses-and-formulas: a milestone with
    /// neither status nor percent, or any other indicator without a value, is
    /// not reported).
    pub fn has_figure(&self, milestone: bool) -> bool {
        self.value.is_some() || (milestone && (self.status.is_some() || self.stage_given()))
    }

    /// Whether a stage row gives a status.
    fn stage_given(&self) -> bool {
        self.stages
            .as_ref()
            .is_some_and(|s| s.iter().any(|r| r.status.is_some()))
    }

    /// The status a stage row gives for the stage called `name`.
    pub fn stage_status(&self, name: &str) -> Option<WorkStatus> {
        self.stages
            .as_ref()?
            .iter()
            .find(|r| r.name == name)
            .and_then(|r| r.status)
    }
}

/// Everything read for one month.
#[derive(Clone, Debug)]
pub struct MonthProgress {
    pub month: Month,
    /// Label of the plan version the month was read against.
    pub version: String,
    /// One slot per indicator of that version, in plan order.
    pub entries: Vec<Option<Entry>>,
    /// Per unit of that version: whether it filed a file this month.
    pub filed: Vec<bool>,
}

impl MonthProgress {
    /// The units of `plan` (the version the month was read against) that
    /// report an indicator but filed nothing this month, in unit order.
    pub fn not_filed<'p>(&'p self, plan: &'p Plan) -> impl Iterator<Item = usize> + 'p {
        debug_assert_eq!(plan.version, self.version);
        plan.reporting_units()
            .into_iter()
            .filter(|&u| !self.filed.get(u).copied().unwrap_or(false))
    }

    pub fn new(month: Month, plan: &Plan) -> MonthProgress {
        MonthProgress {
            month,
            version: plan.version.clone(),
            entries: vec![None; plan.indicator_count()],
            filed: vec![false; plan.units.len()],
        }
    }
}

/// All months read, oldest first.
#[derive(Clone, Debug, Default)]
pub struct Progress {
    pub months: BTreeMap<Month, MonthProgress>,
    /// Every progress file read, in the order read (for summaries and for
    /// pointing cross-month findings at the right cell).
    pub files: Vec<FileRead>,
    /// Per closed month, the ids of the units whose file was received after
    /// the due day, from the month's manifest (see [`crate::archive`]); open
    /// months are not judged.
    pub late: BTreeMap<Month, Vec<String>>,
}

/// What reading one progress file gave.
#[derive(Clone, Debug, PartialEq)]
pub struct FileRead {
    /// Workspace-relative path, `/`-separated.
    pub path: String,
    pub month: Month,
    /// Index of the unit in the plan version of that month.
    pub unit: usize,
    /// Data rows read (not counting header, title, blank and skipped rows).
    pub rows: usize,
    /// The encoding detected or forced, e.g. `UTF-8`, `GBK/GB18030`.
    pub encoding: &'static str,
    /// The spreadsheet column (1-based) of 累计完成, when the file has one.
    pub value_column: Option<usize>,
    /// SHA-256 of the file's bytes, when asked for (`ReadOptions::digests`): the
    /// report's input hash is built from these, so no file is read twice.
    pub sha256: Option<[u8; 32]>,
}

impl Progress {
    /// Whether any unit filed for `month` (a month before the office kept its
    /// files here has none).
    pub fn has_files(&self, month: Month) -> bool {
        self.months
            .get(&month)
            .is_some_and(|mp| mp.filed.iter().any(|&f| f))
    }

    /// Files and data rows read in `month`.
    pub fn read_counts(&self, month: Month) -> (usize, usize) {
        self.files
            .iter()
            .filter(|f| f.month == month)
            .fold((0, 0), |(f, r), x| (f + 1, r + x.rows))
    }

    /// The file an entry was read from.
    pub fn file_of(&self, entry: &Entry) -> Option<&FileRead> {
        self.files.get(entry.file as usize)
    }
}

impl Progress {
    /// The entry for an indicator of `plan` in `month`, found by item and
    /// indicator id when that month was read against another version (a plan
    /// revised mid-year).
    pub fn entry(
        &self,
        plans: &PlanSet,
        plan: &Plan,
        r: IndicatorRef,
        month: Month,
    ) -> Option<&Entry> {
        let mp = self.months.get(&month)?;
        if mp.version == plan.version {
            return mp.entries.get(plan.flat(r))?.as_ref();
        }
        let other = plans.by_label(&mp.version)?;
        let item = &plan.items[r.item];
        let oi = other.item_by_id(&item.id)?;
        let ok = other.items[oi]
            .indicators
            .iter()
            .position(|k| k.id == item.indicators[r.indicator].id)?;
        mp.entries
            .get(other.flat(IndicatorRef {
                item: oi,
                indicator: ok,
            }))?
            .as_ref()
    }

    /// The months read from `from` up to (not including) `until`, resolved
    /// once for indicators of `plan` (see [`Earlier`]).
    pub fn earlier<'a>(
        &'a self,
        plans: &'a PlanSet,
        plan: &'a Plan,
        from: Month,
        until: Month,
    ) -> Earlier<'a> {
        let mut months = Vec::new();
        let mut other: Vec<(&str, Vec<u32>)> = Vec::new();
        let range = if from < until {
            Some(self.months.range(from..until))
        } else {
            None
        };
        for (m, mp) in range.into_iter().flatten() {
            let via = if mp.version == plan.version {
                Via::Same
            } else if let Some(o) = plans.by_label(&mp.version) {
                let at = match other.iter().position(|(v, _)| *v == mp.version) {
                    Some(at) => at,
                    None => {
                        other.push((mp.version.as_str(), translate(plan, o)));
                        other.len() - 1
                    }
                };
                Via::Other(at)
            } else {
                Via::Nothing
            };
            months.push((*m, mp, via));
        }
        Earlier {
            plan,
            months,
            other: other.into_iter().map(|(_, t)| t).collect(),
        }
    }

    /// Whether the unit (by id) filed a file in `month`.
    pub fn filed(&self, plans: &PlanSet, unit_id: &str, month: Month) -> bool {
        let Some(mp) = self.months.get(&month) else {
            return false;
        };
        let Some(p) = plans.by_label(&mp.version) else {
            return false;
        };
        p.units
            .iter()
            .position(|u| u.id == unit_id)
            .is_some_and(|u| mp.filed[u])
    }
}

/// The months read before a month of the plan year, looked up once for the
/// indicators of one plan version: a month read against that version finds an
/// entry by its flat index, without the map lookup and the comparison of
/// version labels that [`Progress::entry`] does each time. Assessing a month
/// and checking its values walk the earlier months for every indicator, so
/// this is done once per month instead of once per indicator and month
/// (issue 16).
///
/// A month read against another version (before a mid-year revision) goes
/// through a table from this version's flat indexes to that version's, built
/// once per version: [`Progress::entry`] finds the item by a scan of that
/// version's items, and doing that per indicator and month made a check of a
/// revised 83k-indicator plan quadratic (over 20 s at 1M rows, issue 16).
pub struct Earlier<'a> {
    plan: &'a Plan,
    /// Oldest first, with how this version's indicators are found in it.
    months: Vec<(Month, &'a MonthProgress, Via)>,
    /// Per other version, [`translate`]'s table.
    other: Vec<Vec<u32>>,
}

/// How an earlier month's entries are found.
#[derive(Clone, Copy)]
enum Via {
    /// Read against the same version: by flat index.
    Same,
    /// Read against another version: through `Earlier::other[i]`.
    Other(usize),
    /// Read against a version the plan set does not hold: none.
    Nothing,
}

/// For each flat index of `plan`, the flat index in `other` of the indicator
/// [`Progress::entry`] finds for it (the first item with the same id, its first
/// indicator with the same id), or `u32::MAX`.
fn translate(plan: &Plan, other: &Plan) -> Vec<u32> {
    let mut items: std::collections::HashMap<&str, usize> =
        std::collections::HashMap::with_capacity(other.items.len());
    for (i, it) in other.items.iter().enumerate() {
        items.entry(it.id.as_str()).or_insert(i);
    }
    let mut out = vec![u32::MAX; plan.indicator_count()];
    for r in plan.indicator_refs() {
        let item = &plan.items[r.item];
        let Some(&oi) = items.get(item.id.as_str()) else {
            continue;
        };
        let id = &item.indicators[r.indicator].id;
        let Some(ok) = other.items[oi].indicators.iter().position(|k| k.id == *id) else {
            continue;
        };
        let flat = other.flat(IndicatorRef {
            item: oi,
            indicator: ok,
        });
        out[plan.flat(r)] = u32::try_from(flat).unwrap_or(u32::MAX);
    }
    out
}

impl<'a> Earlier<'a> {
    /// The entries of indicator `r` in the earlier months, oldest first
    /// (months without one are left out), as [`Progress::entry`] finds them.
    pub fn entries(
        &self,
        r: IndicatorRef,
    ) -> impl DoubleEndedIterator<Item = (Month, &'a Entry)> + '_ {
        let flat = self.plan.flat(r);
        self.months.iter().filter_map(move |&(m, mp, via)| {
            let at = match via {
                Via::Same => flat,
                Via::Other(t) => match self.other[t].get(flat) {
                    Some(&f) if f != u32::MAX => f as usize,
                    _ => return None,
                },
                Via::Nothing => return None,
            };
            mp.entries.get(at)?.as_ref().map(|e| (m, e))
        })
    }
}
