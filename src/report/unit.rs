//! One unit's report (督办单, `report --unit U`): the month's report cut down to
//! the items the unit leads or reports, with its streaks (the follow-up of each
//! item, kept) and its score so far this quarter. Every renderer reads the cut
//! report as it reads the whole one; only the headings and the headline say
//! whose it is.

use super::notice::Notice;
use super::Report;
use crate::lang::Lang;
use crate::score::UnitScore;
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
        match (&self.unit, self.lang) {
            (None, Lang::Zh) => format!("全县{total}项工作事项中"),
            (None, Lang::En) => format!("Of the county's {total} work items"),
            (Some(v), Lang::Zh) => format!(
                "{}牵头或报送的{total}项工作事项中",
                self.plan().units[v.unit].name
            ),
            (Some(v), Lang::En) => format!(
                "Of the {total} work items {} leads or reports",
                self.plan().units[v.unit].name
            ),
        }
    }

    /// The unit's standing: 督办单 heading line and its score so far.
    pub fn unit_line(&self) -> Option<String> {
        let v = self.unit.as_ref()?;
        let name = &self.plan().units[v.unit].name;
        let lagging = self.follow.iter().filter(|f| f.flagged()).count();
        let mut s = match self.lang {
            Lang::Zh => format!("{name}督办单"),
            Lang::En => format!("Supervision sheet of {name}"),
        };
        if let Some(sc) = &v.score {
            let rank = match (sc.rank, self.lang) {
                (Some(r), Lang::Zh) => format!("，暂列第{r}名（共{}个单位）", v.ranked),
                (Some(r), Lang::En) => format!(", provisionally ranked {r} of {}", v.ranked),
                (None, Lang::Zh) => "，不参与排名".to_string(),
                (None, Lang::En) => ", not ranked".to_string(),
            };
            s.push_str(&match self.lang {
                Lang::Zh => format!(
                    "：{}年第{}季度动态考评截至本月（{}个月）得分{}（扣{}分，加{}分）{rank}",
                    v.quarter.year,
                    v.quarter.q,
                    v.months,
                    num(sc.score),
                    num(-sc.deductions()),
                    num(sc.bonuses())
                ),
                Lang::En => format!(
                    ": {} evaluation so far ({} month(s)) {} (−{}, +{}){rank}",
                    v.quarter,
                    v.months,
                    num(sc.score),
                    num(-sc.deductions()),
                    num(sc.bonuses())
                ),
            });
        }
        if lagging > 0 {
            s.push_str(&match self.lang {
                Lang::Zh => format!("；连续两个月及以上慢序时的事项{lagging}项"),
                Lang::En => format!("; {lagging} item(s) lagging two months or more in a row"),
            });
        }
        s.push_str(match self.lang {
            Lang::Zh => "。",
            Lang::En => ".",
        });
        Some(s)
    }

    /// The notice as the unit's 督办单: its name in the heading, its standing
    /// before the overview.
    pub fn adjust_notice(&self, n: &mut Notice) {
        let Some(line) = self.unit_line() else {
            return;
        };
        let name = &self.plan().units[self.unit.as_ref().map_or(0, |v| v.unit)].name;
        n.heading = match self.lang {
            Lang::Zh => format!("{}（{name}督办单）", n.heading),
            Lang::En => format!("{} — {name}", n.heading),
        };
        n.overall = format!("{line}{}{}", sep(self.lang), n.overall);
    }
}

fn sep(l: Lang) -> &'static str {
    match l {
        Lang::Zh => "",
        Lang::En => " ",
    }
}
