//! Stage rows (阶段行) of a progress file: a staged milestone is reported one row
//! per stage, the stage's name in the 指标 column and its status in 状态
//! (docs/progress-files.md). Kept apart from the table reader, which calls
//! [`find_stage`] for each row and hands a row that names a stage to [`read_row`].

use super::read::{messages, Slots};
use super::{Entry, Notes, StageReport};
use crate::diag::{Diagnostic, Diagnostics};
use crate::plan::{IndicatorRef, Item};
use crate::tr;

/// The (indicator, stage) of `item` that a normalised 指标 cell names, when it
/// names a stage rather than an indicator (the plan keeps the two apart).
pub fn find_stage(item: &Item, want: &str) -> Option<(usize, usize)> {
    if want.is_empty() {
        return None;
    }
    item.indicators.iter().enumerate().find_map(|(k, ind)| {
        ind.stages
            .iter()
            .position(|s| s.name == want || crate::value::normalize(&s.name) == want)
            .map(|s| (k, s))
    })
}

/// The hint for a 指标 cell that names nothing in an item with staged
/// milestones, when what it is nearest to is a stage (是否指阶段「开工建设」？), or
/// nothing is near and the item has only staged indicators; `None` leaves the
/// reader's hint on indicators.
pub fn stage_hint(item: &Item, want: &str) -> Option<crate::lang::Text> {
    let stages = || {
        item.indicators
            .iter()
            .flat_map(|k| k.stages.iter().map(|s| s.name.as_str()))
    };
    let list = stages().collect::<Vec<_>>().join("、");
    if list.is_empty() {
        return None;
    }
    // Indicators compete with stages: a typo of an indicator id keeps its hint.
    let indicators = item
        .indicators
        .iter()
        .flat_map(|k| [k.id.as_str(), k.name.as_str()])
        .map(|n| (None, n));
    let all = stages().map(|n| (Some(n), n)).chain(indicators);
    match super::suggest::nearest(want, all) {
        Some(Some(n)) => Some(tr!(
            "是否指阶段「{n}」？分阶段的指标每个阶段一行，可填：{list}",
            "did you mean the stage `{n}`? A staged indicator has one row per stage, one of: {list}"
        )),
        Some(None) => None,
        None => item
            .indicators
            .iter()
            .all(|k| !k.stages.is_empty())
            .then(|| {
                tr!(
                    "分阶段的指标每个阶段一行，「指标」列填阶段名称：{list}",
                    "a staged indicator has one row per stage, named in 指标: {list}"
                )
            }),
    }
}

/// The cells of one stage row that matter, as the reader found them.
pub struct StageRow<'r> {
    pub item: usize,
    pub indicator: usize,
    pub stage: usize,
    /// Excel's row number.
    pub line: usize,
    /// 0-based column of the 指标 cell (where reporter and duplicate findings point).
    pub ind_col: usize,
    /// The raw 状态 cell and its column, when the file has the column.
    pub status: Option<(&'r str, usize)>,
    /// The raw 累计完成 cell and its column, when the file has the column.
    pub value: Option<(&'r str, usize)>,
    /// 进展情况, 存在问题, 下步计划 (trimmed), when notes are kept.
    pub notes: Option<Notes>,
}

/// Positions a finding at a cell of the row (file, row, column, quoted line).
pub type At<'a> = &'a dyn Fn(Diagnostic, usize) -> Diagnostic;

/// Reads one stage row into the indicator's entry of `mp` (made when it is the
/// first row for it). Returns whether the row gives a status.
pub fn read_row(
    row: StageRow,
    ctx: &super::read::FileCtx<'_, '_>,
    at: At,
    mp: &mut impl Slots,
    diags: &mut Diagnostics,
) -> bool {
    let plan = ctx.plan;
    let r = IndicatorRef {
        item: row.item,
        indicator: row.indicator,
    };
    let ind = plan.indicator(r);
    let stage = &ind.stages[row.stage];
    if ind.reporter != ctx.unit {
        let by = &plan.units[ind.reporter].name;
        let d =
            messages::stage_wrong_reporter(&stage.name, &ind.name, by, &plan.units[ctx.unit].name);
        diags.push(at(d, row.ind_col));
        return false;
    }
    let Some(slot) = mp.slot(plan.flat(r)) else {
        return false;
    };
    let entry = slot.get_or_insert_with(|| Entry {
        file: ctx.file,
        line: u32::try_from(row.line).unwrap_or(u32::MAX),
        ..Entry::default()
    });
    if let Some(first) = entry
        .stages
        .as_ref()
        .and_then(|s| s.iter().find(|x| x.name == stage.name))
    {
        diags.push(at(
            messages::duplicate_stage(&stage.name, first.line),
            row.ind_col,
        ));
        return false;
    }
    if let Some((raw, col)) = row.value.filter(|(raw, _)| !raw.trim().is_empty()) {
        diags.push(at(messages::stage_value_ignored(raw), col));
    }
    let mut status = None;
    if let Some((raw, col)) = row.status.filter(|(raw, _)| !raw.trim().is_empty()) {
        status = super::read::parse_status(raw);
        if status.is_none() {
            entry.rejected = true;
            diags.push(at(messages::unknown_stage_status(raw), col));
        }
    }
    let mut list = entry.stages.take().map(Vec::from).unwrap_or_default();
    list.push(StageReport {
        name: stage.name.clone(),
        status,
        line: u32::try_from(row.line).unwrap_or(u32::MAX),
    });
    entry.stages = Some(list.into_boxed_slice());
    if let Some(n) = row.notes {
        add_notes(entry, &stage.name, &n);
    }
    status.is_some()
}

/// Whether two entries give every stage the same status (the rows' positions aside):
/// a closed month's record compares them with the live files.
pub fn same_stages(a: &Entry, b: &Entry) -> bool {
    let key = |e: &Entry| -> Vec<(String, Option<super::WorkStatus>)> {
        let mut v: Vec<_> = e
            .stages
            .iter()
            .flat_map(|s| s.iter())
            .map(|r| (r.name.clone(), r.status))
            .collect();
        v.sort_by(|x, y| x.0.cmp(&y.0));
        v
    };
    key(a) == key(b)
}

/// Keeps what was known of an indicator before its own row was read (its stage
/// rows) in the entry that row makes: the reader calls it where it stores the row.
pub fn carry(prior: Option<Entry>, entry: &mut Entry) {
    let Some(prior) = prior else { return };
    if prior.stages.is_some() {
        entry.stages = prior.stages;
        if let Some(n) = prior.notes {
            let mine = entry.notes.get_or_insert_with(Default::default);
            for (to, from) in [
                (&mut mine.progress, n.progress),
                (&mut mine.problems, n.problems),
                (&mut mine.next_steps, n.next_steps),
            ] {
                join(to, &from);
            }
        }
    }
}

/// A stage row's words join the indicator's, each marked with its stage
/// (开工建设：…), so the notice quotes them under the indicator.
fn add_notes(entry: &mut Entry, stage: &str, n: &Notes) {
    if *n == Notes::default() {
        return;
    }
    let mine = entry.notes.get_or_insert_with(Default::default);
    for (to, from) in [
        (&mut mine.progress, &n.progress),
        (&mut mine.problems, &n.problems),
        (&mut mine.next_steps, &n.next_steps),
    ] {
        if !from.is_empty() {
            join(to, &format!("{stage}：{from}"));
        }
    }
}

fn join(to: &mut String, more: &str) {
    if more.is_empty() {
        return;
    }
    if !to.is_empty() {
        // 「已完成。」 then 「；」 would read 「。；」.
        while to.ends_with(['。', '；', ';']) {
            to.pop();
        }
        to.push('；');
    }
    to.push_str(more);
}

#[cfg(test)]
mod tests {
    use super::super::read::{read_file, FileCtx, PlanIndex};
    use super::*;
    use crate::diag::Code;
    use crate::month::Month;
    use crate::plan::Plan;
    use crate::progress::{MonthProgress, WorkStatus};

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
[[units]]
id = "b"
name = "县乙局"
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
  { name = "开工建设", due = "2023-09" },
]
[[items]]
id = "1.2"
text = "乙局的项目。"
lead = ["b"]
deadline = "2023-12"
[[items.indicators]]
id = "q"
name = "乙项目"
kind = "milestone"
stages = [{ name = "立项", due = "2023-06" }]
"#;

    fn plan() -> Plan {
        let mut d = Diagnostics::default();
        let p = crate::plan::load::parse_plan_text("seeds/t.toml", PLAN, &mut d);
        assert!(d.is_empty(), "{d:?}");
        p.unwrap()
    }

    /// Reads `text` as unit a's file; the month's progress and the findings.
    fn read(plan: &Plan, text: &str) -> (MonthProgress, Diagnostics) {
        let index = PlanIndex::new(plan);
        let ctx = FileCtx {
            plan,
            index: &index,
            unit: 0,
            rel: "data/2023-06/县甲局.csv",
            encoding: None,
            file: 0,
            keep_notes: true,
        };
        let mut mp = MonthProgress::new(Month::january(2023), plan);
        let mut diags = Diagnostics::default();
        read_file(text.as_bytes(), &ctx, &mut mp, &mut diags);
        (mp, diags)
    }

    fn codes(d: &Diagnostics) -> Vec<(Code, Option<usize>, Option<usize>)> {
        d.list.iter().map(|x| (x.code, x.line, x.column)).collect()
    }

    const HEAD: &str = "事项编号,指标,累计完成,状态,进展情况\n";

    #[test]
    fn stage_rows_fill_the_indicator_entry() {
        let plan = plan();
        let (mp, d) = read(
            &plan,
            &format!("{HEAD}1.1,完成选址,,已完成,已选定地块\n,开工建设,,推进中,\n"),
        );
        assert!(d.is_empty(), "{d:?}");
        let e = mp.entries[0].as_ref().unwrap();
        assert!(e.has_figure(true));
        assert_eq!(e.stage_status("完成选址"), Some(WorkStatus::Done));
        assert_eq!(e.stage_status("开工建设"), Some(WorkStatus::InProgress));
        assert_eq!(e.progress(), "完成选址：已选定地块");
        assert_eq!(e.stages.as_ref().unwrap()[1].line, 3);
        // Blank statuses say nothing: the file has no figure.
        let (mp, d) = read(&plan, &format!("{HEAD}1.1,完成选址,,,\n"));
        assert_eq!(codes(&d), [(Code::NoFigures, None, None)]);
        assert!(!mp.entries[0].as_ref().unwrap().has_figure(true));
    }

    #[test]
    fn the_indicator_row_keeps_its_stage_rows() {
        let plan = plan();
        let (mp, d) = read(
            &plan,
            &format!("{HEAD}1.1,完成选址,,已完成,选址好了\n1.1,p,,推进中,总体顺利\n"),
        );
        assert!(d.is_empty(), "{d:?}");
        let e = mp.entries[0].as_ref().unwrap();
        assert_eq!(e.status, Some(WorkStatus::InProgress));
        assert_eq!(e.stage_status("完成选址"), Some(WorkStatus::Done));
        assert_eq!(e.progress(), "总体顺利；完成选址：选址好了");
    }

    #[test]
    fn bad_stage_rows_are_findings_at_their_cells() {
        let plan = plan();
        let (mp, d) = read(
            &plan,
            &format!(
                "{HEAD}1.1,完成选址,50,已完成,\n1.1,开工建设,,快好了,\n1.1,完成选址,,推进中,\n1.2,立项,,已完成,\n"
            ),
        );
        assert_eq!(
            codes(&d),
            [
                (Code::StageValueIgnored, Some(2), Some(3)),
                (Code::UnknownStatus, Some(3), Some(4)),
                (Code::DuplicateRow, Some(4), Some(2)),
                (Code::WrongReporter, Some(5), Some(2)),
            ]
        );
        assert_eq!(d.list[0].severity, crate::diag::Severity::Warning);
        let e = mp.entries[0].as_ref().unwrap();
        assert!(e.rejected, "an unreadable stage status refuses the figure");
        // The first row of a stage counts; the duplicate is not read.
        assert_eq!(e.stage_status("完成选址"), Some(WorkStatus::Done));
        assert!(mp.entries[1].is_none());
    }

    #[test]
    fn a_stage_name_mistyped_gets_the_stages_as_hint() {
        let plan = plan();
        let (_, d) = read(
            &plan,
            &format!("{HEAD}1.1,开工建,,推进中,\n1.1,封顶,,推进中,\n"),
        );
        assert_eq!(
            codes(&d),
            [
                (Code::UnknownIndicator, Some(2), Some(2)),
                (Code::UnknownIndicator, Some(3), Some(2)),
                (Code::NoFigures, None, None)
            ]
        );
        let hint = |k: usize| d.list[k].hint.as_ref().unwrap().zh.clone();
        assert!(
            hint(0).starts_with("是否指阶段「开工建设」？"),
            "{}",
            hint(0)
        );
        assert_eq!(
            hint(1),
            "分阶段的指标每个阶段一行，「指标」列填阶段名称：完成选址、开工建设"
        );
    }
}
