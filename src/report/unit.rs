//! One unit's report (督办单, `report --unit U`): the month's report cut down to
//! the items the unit leads or reports, with its streaks (the follow-up of each
//! item, kept) and its score so far this quarter. Every renderer reads the cut
//! report as it reads the whole one; only the headings and the headline say
//! whose it is.

use super::notice::Notice;
use super::Report;
use crate::lang::pick;
use crate::score::{Period, UnitScore};
use crate::tr;
use crate::value::num;

/// Whose report this is, and how the unit stands this quarter.
#[derive(Clone, Debug)]
pub struct UnitView {
    /// Index into the plan's units.
    pub unit: usize,
    pub quarter: crate::month::Quarter,
    /// The quarter's months scored so far (through the report's month).
    pub months: usize,
    /// Its score so far; `None` when the quarter cannot be scored (no plan).
    pub score: Option<UnitScore>,
    /// How many units are ranked (the rank is provisional mid-quarter).
    pub ranked: usize,
}

impl Report<'_> {
    /// Keeps the items `view.unit` leads or reports one of whose indicators,
    /// and its own line in the lists of missing and late units.
    pub fn for_unit(&mut self, view: UnitView) {
        let plan = self.plan();
        let u = view.unit;
        let keep = |item: usize| {
            let it = &plan.items[item];
            it.lead.contains(&u) || it.indicators.iter().any(|k| k.reporter == u)
        };
        let (items, follow): (Vec<_>, Vec<_>) = std::mem::take(&mut self.assessment.items)
            .into_iter()
            .zip(std::mem::take(&mut self.follow))
            .filter(|(a, _)| keep(a.item))
            .unzip();
        self.assessment.items = items;
        self.follow = follow;
        self.missing.retain(|&m| m == u);
        self.late.retain(|&m| m == u);
        self.unit = Some(view);
    }

    /// 全县31项工作事项中 / 县人社局牵头或报送的4项工作事项中.
    pub fn scope(&self) -> String {
        let total = self.assessment.items.len();
        match &self.unit {
            None => tr!(
                "全县{total}项工作事项中",
                "Of the county's {total} work items"
            ),
            Some(v) => tr!(
                "{unit}牵头或报送的{total}项工作事项中",
                "Of the {total} work items {unit} leads or reports",
                unit = self.plan().units[v.unit].name
            ),
        }
        .take(self.lang)
    }

    /// The unit's standing: 督办单 heading line and its score so far.
    pub fn unit_line(&self) -> Option<String> {
        let l = self.lang;
        let v = self.unit.as_ref()?;
        let name = &self.plan().units[v.unit].name;
        let lagging = self.follow.iter().filter(|f| f.flagged()).count();
        let mut s = tr!("{name}督办单", "Supervision sheet of {name}").take(l);
        if let Some(sc) = &v.score {
            let rank = match sc.rank {
                Some(r) => tr!(
                    "，暂列第{r}名（共{ranked}个单位）",
                    ", provisionally ranked {r} of {ranked}",
                    ranked = v.ranked
                ),
                None => tr!("，不参与排名", ", not ranked"),
            };
            s.push_str(
                tr!(
                    "：{quarter}动态考评截至本月（{months}个月）得分{score}（扣{minus}分，加{plus}分）{rank}",
                    ": {quarter} evaluation so far ({months} month(s)) {score} (−{minus}, +{plus}){rank}",
                    quarter = Period::Quarter(v.quarter).label(l),
                    months = v.months,
                    score = num(sc.score),
                    minus = num(-sc.deductions()),
                    plus = num(sc.bonuses()),
                    rank = rank.get(l),
                )
                .get(l),
            );
        }
        if lagging > 0 {
            s.push_str(
                tr!(
                    "；连续两个月及以上慢序时的事项{lagging}项",
                    "; {lagging} item(s) lagging two months or more in a row"
                )
                .get(l),
            );
        }
        s.push_str(pick(l, "。", "."));
        Some(s)
    }

    /// The notice as the unit's 督办单: its name in the heading, its standing
    /// before the overview.
    pub fn adjust_notice(&self, n: &mut Notice) {
        let Some(line) = self.unit_line() else {
            return;
        };
        let name = &self.plan().units[self.unit.as_ref().map_or(0, |v| v.unit)].name;
        n.heading = tr!(
            "{heading}（{name}督办单）",
            "{heading} — {name}",
            heading = n.heading
        )
        .take(self.lang);
        n.overall = format!("{line}{}{}", pick(self.lang, "", " "), n.overall);
    }
}
