//! The quarterly evaluation of units (季动态考评), docs/score.md: the basis of the annual
//! performance score.
//!
//! Pure: it takes the plan versions and the progress, assesses every month of the
//! period with [`assess_month`] (so the score sees exactly the report's statuses)
//! and turns statuses into signed points under the plan's [`Scoring`] rules:
//!
//! - every unit starts the quarter at `base`;
//! - per indicator and month: `not_reported`, `severely_behind`, `behind`,
//!   `overdue` points for those statuses (a status of `done`, `ahead` or
//!   `on_track` costs nothing);
//! - `done_early` once per indicator, in the month it is first done when that
//!   month is before its deadline month (finishing in the deadline month is on
//!   time, not early);
//! - `streak` per item and month when the item has been behind or worse
//!   `streak_months` months in a row or more (counted from the plan year's January);
//! - who is charged — `sharing = "reporter"` (default): an indicator's points go to
//!   the unit that reports it, an item's streak points to its first lead unit;
//!   `sharing = "all_leads"`: every lead unit of the item takes them in full;
//! - `late` per unit and month whose file was received after the due day, as
//!   recorded when the month was closed (open months are not judged);
//! - caps: a quarter's deductions stop at `max_deduction` and its bonuses at
//!   `max_bonus` (0 = no cap); the capping shows as a line of rule `cap`;
//! - ranking by score, highest first, competition style (1, 2, 2, 4), of the units
//!   charged with at least one indicator or line under the sharing rule; the others
//!   — under `reporter`, units that report nothing of their own, such as a co-lead
//!   whose figures another unit reports — are listed but not ranked (ranking them at
//!   the base score would put them first for doing nothing); `rank_bonus[k]` is
//!   then added to the unit ranked k+1 (rule `rank_bonus`), without re-ranking.
//!
//! A unit's score is always its base plus the sum of its lines' points.

use crate::assess::{assess_month, Assessment, Status};
use crate::lang::{pick, Lang};
use crate::month::{Month, Quarter};
use crate::plan::{PlanSet, Scoring, Sharing, YearRule};
use crate::progress::Progress;
use std::collections::HashMap;

/// Why a line adds or takes points: the rules of the module doc, one each.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    NotReported,
    SeverelyBehind,
    Behind,
    Overdue,
    DoneEarly,
    Streak,
    Late,
    Cap,
    RankBonus,
}

impl Rule {
    /// The stable code scripts see (`rule` in the JSON and CSV exports).
    pub fn code(self) -> &'static str {
        match self {
            Rule::NotReported => "not_reported",
            Rule::SeverelyBehind => "severely_behind",
            Rule::Behind => "behind",
            Rule::Overdue => "overdue",
            Rule::DoneEarly => "done_early",
            Rule::Streak => "streak",
            Rule::Late => "late",
            Rule::Cap => "cap",
            Rule::RankBonus => "rank_bonus",
        }
    }

    /// The label people read.
    pub fn label(self, l: Lang) -> &'static str {
        match self {
            Rule::NotReported => pick(l, "未报送", "not reported"),
            Rule::SeverelyBehind => pick(l, "严重滞后", "severely behind"),
            Rule::Behind => pick(l, "滞后", "behind"),
            Rule::Overdue => pick(l, "逾期未完成", "overdue"),
            Rule::DoneEarly => pick(l, "提前完成", "done early"),
            Rule::Streak => pick(l, "连续滞后", "behind in a row"),
            Rule::Late => pick(l, "逾期报送", "filed late"),
            Rule::Cap => pick(l, "封顶调整", "cap"),
            Rule::RankBonus => pick(l, "名次加分", "rank bonus"),
        }
    }
}

/// What is scored: a quarter, or a whole year from its quarters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Period {
    Quarter(Quarter),
    Year(i32),
}

impl Period {
    pub fn year(self) -> i32 {
        match self {
            Period::Quarter(q) => q.year,
            Period::Year(y) => y,
        }
    }

    pub fn first(self) -> Month {
        match self {
            Period::Quarter(q) => q.first(),
            Period::Year(y) => Month::january(y),
        }
    }

    pub fn last(self) -> Month {
        match self {
            Period::Quarter(q) => q.last(),
            Period::Year(y) => Month::december(y),
        }
    }

    /// The key that names the period in the JSON export.
    pub fn key(self) -> &'static str {
        match self {
            Period::Quarter(_) => "quarter",
            Period::Year(_) => "year",
        }
    }

    /// The period as a title names it: 2023年第2季度, 2023年度; 2023Q2, 2023.
    pub fn label(self, l: Lang) -> String {
        match self {
            Period::Quarter(q) => {
                crate::tr!("{year}年第{q}季度", "{self}", year = q.year, q = q.q).take(l)
            }
            Period::Year(y) => crate::tr!("{y}年度", "{self}").take(l),
        }
    }
}

/// `2023Q2` or `2023`, as `--quarter` and `--year` take them.
impl std::fmt::Display for Period {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Period::Quarter(q) => q.fmt(f),
            Period::Year(y) => y.fmt(f),
        }
    }
}

/// One deduction or bonus and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    /// Item id; `None` for unit-level lines (cap, rank bonus).
    pub item: Option<String>,
    /// Indicator id; `None` for item-level and unit-level lines.
    pub indicator: Option<String>,
    pub month: Month,
    pub rule: Rule,
    /// Signed: deductions negative, bonuses positive.
    pub points: f64,
}

/// One unit's result for a period.
#[derive(Clone, Debug, PartialEq)]
pub struct UnitScore {
    pub id: String,
    pub name: String,
    pub score: f64,
    /// Competition rank (1, 2, 2, 4); `None` for units not ranked.
    pub rank: Option<usize>,
    pub lines: Vec<Line>,
    /// For a year: each quarter's score, where the unit was ranked in it.
    pub quarters: Vec<(Quarter, f64)>,
}

impl UnitScore {
    pub fn deductions(&self) -> f64 {
        self.lines.iter().map(|l| l.points.min(0.0)).sum()
    }
    pub fn bonuses(&self) -> f64 {
        self.lines.iter().map(|l| l.points.max(0.0)).sum()
    }
}

/// The evaluation of a quarter or a year.
#[derive(Clone, Debug)]
pub struct Evaluation {
    pub period: Period,
    /// The months assessed.
    pub months: Vec<Month>,
    /// The plan version whose rules and units apply (the one in force in the
    /// period's last month).
    pub version: String,
    pub base: f64,
    pub year_rule: Option<YearRule>,
    /// Ranked units by rank, then the units not ranked by plan order.
    pub units: Vec<UnitScore>,
}

/// Why a period cannot be scored. Displayed in Chinese; [`Self::text`] gives
/// both languages.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum ScoreError {
    #[error("{}", self.text())]
    NotOver { period: Period, today: Month },
    #[error("{}", self.text())]
    NoPlan { period: Period },
}

impl ScoreError {
    pub fn text(&self) -> crate::lang::Text {
        match self {
            ScoreError::NotOver { period, today } => crate::tr!(
                "{period} 尚未结束（当前为 {today}），不能评分；请在期末之后再运行",
                "{period} is not over yet (today is {today}): score it after it ends"
            ),
            ScoreError::NoPlan { period } => crate::tr!(
                "{period} 没有生效的任务清单版本（seeds/ 中没有该年度的任务清单）",
                "no plan version of that year is in force in {period} (put its task list in seeds/)"
            ),
        }
    }
}

/// Scores a quarter or a year ([`score_quarter`], [`score_year`]).
pub fn score(
    plans: &PlanSet,
    progress: &Progress,
    period: Period,
    today: Month,
) -> Result<Evaluation, ScoreError> {
    match period {
        Period::Quarter(q) => score_quarter(plans, progress, q, today),
        Period::Year(y) => score_year(plans, progress, y, today),
    }
}

/// Scores one quarter. `today` decides whether it is over: a quarter whose last
/// month is not yet past cannot be scored, because its months are incomplete.
fn score_quarter(
    plans: &PlanSet,
    progress: &Progress,
    q: Quarter,
    today: Month,
) -> Result<Evaluation, ScoreError> {
    if today <= q.last() {
        return Err(ScoreError::NotOver {
            period: Period::Quarter(q),
            today,
        });
    }
    score_quarter_through(plans, progress, q, q.last())
}

/// The quarter so far: its months through `through` (a unit's 督办单 in the
/// middle of a quarter), under the same rules; the ranking is provisional. A
/// `through` before the quarter scores no month (every unit at the base).
pub fn score_quarter_through(
    plans: &PlanSet,
    progress: &Progress,
    q: Quarter,
    through: Month,
) -> Result<Evaluation, ScoreError> {
    let through = through.min(q.last());
    // A quarter is scored under its own year's task list, never last year's.
    let plan = plans
        .for_month(through)
        .filter(|p| p.year == q.year)
        .ok_or(ScoreError::NoPlan {
            period: Period::Quarter(q),
        })?;
    let rules = &plan.scoring;

    let (mut lines, charged) = quarter_lines(plans, progress, q, through);

    let mut units: Vec<UnitScore> = plan
        .units
        .iter()
        .map(|u| {
            let mut l = lines.remove(&u.id).unwrap_or_default();
            cap(&mut l, rules.max_deduction, rules.max_bonus, through);
            let score = rules.base + l.iter().map(|x| x.points).sum::<f64>();
            UnitScore {
                id: u.id.clone(),
                name: u.name.clone(),
                score,
                rank: None,
                lines: l,
                quarters: Vec::new(),
            }
        })
        .collect();
    let ranked: Vec<bool> = units
        .iter()
        .map(|u| charged.get(&u.id).copied().unwrap_or(false))
        .collect();
    rank(&mut units, &ranked);
    add_rank_bonus(&mut units, &rules.rank_bonus, through);
    Ok(Evaluation {
        period: Period::Quarter(q),
        months: q.months().filter(|&m| m <= through).collect(),
        version: plan.version.clone(),
        base: rules.base,
        year_rule: None,
        units,
    })
}

/// The lines of the quarter's months through `through`, by unit, and which
/// units were charged with anything (the ranked ones). Every month from
/// January is assessed, so item streaks carry into the quarter.
fn quarter_lines(
    plans: &PlanSet,
    progress: &Progress,
    q: Quarter,
    through: Month,
) -> (HashMap<String, Vec<Line>>, HashMap<String, bool>) {
    let jan = Month::january(q.year);
    let mut streak: HashMap<String, u32> = HashMap::new();
    let mut lines: HashMap<String, Vec<Line>> = HashMap::new();
    let mut charged: HashMap<String, bool> = HashMap::new();
    let mut m = jan;
    while m <= through {
        let Some(a) = assess_month(plans, progress, m) else {
            m = m.next();
            continue;
        };
        for item in &a.items {
            let id = &a.plan.items[item.item].id;
            let s = streak.entry(id.clone()).or_insert(0);
            *s = if item.status.is_lagging() { *s + 1 } else { 0 };
        }
        if m >= q.first() {
            month_lines(&a, &streak, &mut lines, &mut charged);
            late_lines(&a, progress, &mut lines);
        }
        m = m.next();
    }

    (lines, charged)
}

/// `rank_bonus[k]` added to each unit ranked k+1, as a line of its own.
fn add_rank_bonus(units: &mut [UnitScore], rank_bonus: &[f64], through: Month) {
    for u in units {
        if let Some(bonus) = u.rank.and_then(|r| rank_bonus.get(r - 1)) {
            if *bonus != 0.0 {
                u.lines.push(Line {
                    item: None,
                    indicator: None,
                    month: through,
                    rule: Rule::RankBonus,
                    points: *bonus,
                });
                u.score += bonus;
            }
        }
    }
}

/// Adds the lines of one month of the quarter.
fn month_lines(
    a: &Assessment,
    streak: &HashMap<String, u32>,
    lines: &mut HashMap<String, Vec<Line>>,
    charged: &mut HashMap<String, bool>,
) {
    let plan = a.plan;
    let rules = &plan.scoring;
    for item in &a.items {
        let it = &plan.items[item.item];
        let due = it.deadline.month(plan.year);
        let leads: Vec<&str> = it.lead.iter().map(|&u| plan.units[u].id.as_str()).collect();
        for ind in &item.indicators {
            let spec = plan.indicator(ind.r);
            let who: Vec<&str> = match rules.sharing {
                Sharing::Reporter => vec![plan.units[spec.reporter].id.as_str()],
                Sharing::AllLeads => leads.clone(),
            };
            let charge = status_charge(rules, ind.status);
            let early = ind.status == Status::Done && ind.done_in == Some(a.month) && a.month < due;
            for unit in &who {
                charged.insert(unit.to_string(), true);
                let mut push = |rule: Rule, points: f64| {
                    if points != 0.0 {
                        lines.entry(unit.to_string()).or_default().push(Line {
                            item: Some(it.id.clone()),
                            indicator: Some(spec.id.clone()),
                            month: a.month,
                            rule,
                            points,
                        });
                    }
                };
                if let Some((rule, points)) = charge {
                    push(rule, points);
                }
                if early {
                    push(Rule::DoneEarly, rules.done_early);
                }
            }
        }
        let s = streak.get(&it.id).copied().unwrap_or(0);
        if rules.streak_months > 0 && s >= rules.streak_months && rules.streak != 0.0 {
            let who: Vec<&str> = match rules.sharing {
                Sharing::Reporter => leads.iter().take(1).copied().collect(),
                Sharing::AllLeads => leads.clone(),
            };
            for unit in who {
                charged.insert(unit.to_string(), true);
                lines.entry(unit.to_string()).or_default().push(Line {
                    item: Some(it.id.clone()),
                    indicator: None,
                    month: a.month,
                    rule: Rule::Streak,
                    points: rules.streak,
                });
            }
        }
    }
}

/// The rule and points that charge an indicator's status, for the statuses
/// that cost points (the rule's code is the status's).
fn status_charge(rules: &Scoring, s: Status) -> Option<(Rule, f64)> {
    match s {
        Status::NotReported => Some((Rule::NotReported, rules.not_reported)),
        Status::SeverelyBehind => Some((Rule::SeverelyBehind, rules.severely_behind)),
        Status::Behind => Some((Rule::Behind, rules.behind)),
        Status::Overdue => Some((Rule::Overdue, rules.overdue)),
        Status::Done | Status::Ahead | Status::OnTrack => None,
    }
}

/// `late` per unit whose file for the month was received after the due day
/// (closed months: [`Progress::late`], from the month's manifest).
fn late_lines(a: &Assessment, progress: &Progress, lines: &mut HashMap<String, Vec<Line>>) {
    let points = a.plan.scoring.late;
    let Some(ids) = progress.late.get(&a.month) else {
        return;
    };
    if points == 0.0 {
        return;
    }
    for u in a.plan.units.iter().filter(|u| ids.contains(&u.id)) {
        lines.entry(u.id.clone()).or_default().push(Line {
            item: None,
            indicator: None,
            month: a.month,
            rule: Rule::Late,
            points,
        });
    }
}

/// Holds a quarter's deductions and bonuses within their caps, with a `cap` line
/// that gives back what exceeds them.
fn cap(lines: &mut Vec<Line>, max_deduction: f64, max_bonus: f64, month: Month) {
    let minus: f64 = lines.iter().map(|l| l.points.min(0.0)).sum();
    let plus: f64 = lines.iter().map(|l| l.points.max(0.0)).sum();
    let mut back = 0.0;
    if max_deduction > 0.0 && -minus > max_deduction {
        back += -minus - max_deduction;
    }
    if max_bonus > 0.0 && plus > max_bonus {
        back -= plus - max_bonus;
    }
    if back != 0.0 {
        lines.push(Line {
            item: None,
            indicator: None,
            month,
            rule: Rule::Cap,
            points: back,
        });
    }
}

/// Scores compared at two decimals, so 0.1 + 0.2 ties with 0.3.
fn key(score: f64) -> i64 {
    (score * 100.0).round() as i64
}

/// Competition ranking (1, 2, 2, 4) of the units marked `ranked`; orders
/// `units` by rank, then the unranked in their original order.
fn rank(units: &mut Vec<UnitScore>, ranked: &[bool]) {
    let mut order: Vec<usize> = (0..units.len()).collect();
    order.sort_by(|&a, &b| {
        ranked[b]
            .cmp(&ranked[a])
            .then_with(|| {
                if ranked[a] {
                    key(units[b].score).cmp(&key(units[a].score))
                } else {
                    std::cmp::Ordering::Equal
                }
            })
            .then(a.cmp(&b))
    });
    let mut sorted: Vec<UnitScore> = order.iter().map(|&i| units[i].clone()).collect();
    let mut prev: Option<(i64, usize)> = None;
    for (pos, (u, &i)) in sorted.iter_mut().zip(&order).enumerate() {
        if !ranked[i] {
            continue;
        }
        let r = match prev {
            Some((k, r)) if k == key(u.score) => r,
            _ => pos + 1,
        };
        u.rank = Some(r);
        prev = Some((key(u.score), r));
    }
    *units = sorted;
}

/// Scores a year from its four quarters under the rule of the plan in force in
/// December: the mean (default) or the sum of each unit's quarter scores. A unit
/// is ranked when it was ranked in some quarter; its lines are all quarters' lines.
fn score_year(
    plans: &PlanSet,
    progress: &Progress,
    year: i32,
    today: Month,
) -> Result<Evaluation, ScoreError> {
    if today <= Month::december(year) {
        return Err(ScoreError::NotOver {
            period: Period::Year(year),
            today,
        });
    }
    let plan = plans
        .for_month(Month::december(year))
        .filter(|p| p.year == year)
        .ok_or(ScoreError::NoPlan {
            period: Period::Year(year),
        })?;
    let rule = plan.scoring.year;
    let mut quarters = Vec::new();
    for q in 1..=4 {
        let q = Quarter { year, q };
        if plans.for_month(q.last()).is_none_or(|p| p.year != year) {
            continue;
        }
        quarters.push((q, score_quarter(plans, progress, q, today)?));
    }
    let mut units: Vec<UnitScore> = plan
        .units
        .iter()
        .map(|u| {
            let mut lines = Vec::new();
            let mut per_q = Vec::new();
            for (q, e) in &quarters {
                if let Some(s) = e.units.iter().find(|s| s.id == u.id) {
                    lines.extend(s.lines.iter().cloned());
                    if s.rank.is_some() {
                        per_q.push((*q, s.score));
                    }
                }
            }
            let score = if per_q.is_empty() {
                plan.scoring.base
            } else {
                let sum: f64 = per_q.iter().map(|(_, s)| s).sum();
                match rule {
                    YearRule::Mean => sum / per_q.len() as f64,
                    YearRule::Sum => sum,
                }
            };
            UnitScore {
                id: u.id.clone(),
                name: u.name.clone(),
                score,
                rank: None,
                lines,
                quarters: per_q,
            }
        })
        .collect();
    let ranked: Vec<bool> = units.iter().map(|u| !u.quarters.is_empty()).collect();
    rank(&mut units, &ranked);
    Ok(Evaluation {
        period: Period::Year(year),
        months: (1..=12).filter_map(|m| Month::new(year, m)).collect(),
        version: plan.version.clone(),
        base: plan.scoring.base,
        year_rule: Some(rule),
        units,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_status_rule_has_the_status_code_and_label() {
        let rules = Scoring::default();
        for s in Status::ALL {
            if let Some((rule, _)) = status_charge(&rules, s) {
                assert_eq!(rule.code(), s.code());
                assert_eq!(rule.label(Lang::Zh), s.label(Lang::Zh));
                assert_eq!(rule.label(Lang::En), s.label(Lang::En));
            }
        }
        assert!(status_charge(&rules, Status::Done).is_none());
    }

    #[test]
    fn periods_as_written() {
        let q = Period::Quarter(Quarter { year: 2023, q: 2 });
        assert_eq!(q.to_string(), "2023Q2");
        assert_eq!(q.label(Lang::Zh), "2023年第2季度");
        assert_eq!(q.label(Lang::En), "2023Q2");
        assert_eq!(
            (q.first(), q.last()),
            (Month::new(2023, 4).unwrap(), Month::new(2023, 6).unwrap())
        );
        let y = Period::Year(2023);
        assert_eq!(y.to_string(), "2023");
        assert_eq!(y.label(Lang::Zh), "2023年度");
        assert_eq!(y.key(), "year");
        assert_eq!(
            (y.first(), y.last()),
            (Month::january(2023), Month::december(2023))
        );
    }

    fn unit(id: &str, score: f64) -> UnitScore {
        UnitScore {
            id: id.into(),
            name: id.into(),
            score,
            rank: None,
            lines: Vec::new(),
            quarters: Vec::new(),
        }
    }

    #[test]
    fn competition_ranking_with_ties_and_unranked() {
        let mut units = vec![
            unit("a", 97.0),
            unit("b", 99.0),
            unit("idle", 100.0),
            unit("c", 97.0),
            unit("d", 96.5),
        ];
        rank(&mut units, &[true, true, false, true, true]);
        let got: Vec<(&str, Option<usize>)> =
            units.iter().map(|u| (u.id.as_str(), u.rank)).collect();
        assert_eq!(
            got,
            vec![
                ("b", Some(1)),
                ("a", Some(2)),
                ("c", Some(2)),
                ("d", Some(4)),
                ("idle", None)
            ]
        );
    }

    #[test]
    fn caps_give_back_the_excess() {
        let m = Month::new(2023, 6).unwrap();
        let line = |points| Line {
            item: Some("1.1".into()),
            indicator: None,
            month: m,
            rule: Rule::Behind,
            points,
        };
        let mut l = vec![line(-4.0), line(-4.0), line(3.0)];
        cap(&mut l, 5.0, 2.0, m);
        let total: f64 = l.iter().map(|x| x.points).sum();
        assert_eq!(total, -5.0 + 2.0);
        assert_eq!(l.last().unwrap().rule, Rule::Cap);
        let mut none = vec![line(-1.0)];
        cap(&mut none, 0.0, 0.0, m);
        assert_eq!(none.len(), 1);
    }
}
