//! `report --format json` (docs/report.md#json): field names in English snake_case, numbers as
//! JSON numbers (completion and expected as fractions), labels in the report's
//! language.

//!
//! Items and indicators (the bulk: one per indicator of a province-sized plan)
//! are typed structs serialized straight to text; building them as a
//! `serde_json::Value` tree first took most of the report's time. Their fields
//! are declared in alphabetical order, the order `Value` objects print in, so
//! the whole document keeps one ordering.

use super::Report;
use crate::assess::{Counts, FollowUp, IndicatorAssessment, ItemAssessment, Status};
use crate::lang::Lang;
use crate::plan::{Kind, Plan};
use crate::trend::Trend;
use serde::Serialize;
use serde_json::{json, Map, Value};

#[derive(Serialize)]
struct ReportJson<'a> {
    inputs: Value,
    items: Vec<ItemJson<'a>>,
    /// Units that filed after the due day (closed months).
    late: Value,
    missing: Value,
    month: String,
    plan: Value,
    summary: Value,
    /// One unit's report (督办单): the unit and its score so far this quarter.
    #[serde(skip_serializing_if = "Option::is_none")]
    unit: Option<Value>,
    units: Value,
}

#[derive(Serialize)]
struct ItemJson<'a> {
    caught_up: bool,
    categories: Vec<&'a str>,
    completion: Option<f64>,
    deadline: String,
    expected: f64,
    flagged: bool,
    gap: Option<f64>,
    id: &'a str,
    indicators: Vec<IndicatorJson<'a>>,
    lead: Vec<&'a str>,
    lead_names: String,
    previous_status: Option<&'static str>,
    rejected: bool,
    short: Option<&'a str>,
    status: &'static str,
    status_label: &'static str,
    streak: u32,
    text: &'a str,
}

#[derive(Serialize)]
struct IndicatorJson<'a> {
    baseline: Option<f64>,
    completion: Option<f64>,
    done_in: Option<String>,
    expected: f64,
    /// The value at the deadline at the current pace (see `crate::trend`).
    forecast: Option<f64>,
    forecast_completion: Option<f64>,
    gap: Option<f64>,
    id: &'a str,
    /// This month's value minus last month's (cumulative only).
    increment: Option<f64>,
    kind: &'static str,
    name: &'a str,
    next_steps: &'a str,
    problems: &'a str,
    progress: &'a str,
    rejected: bool,
    reported: bool,
    reporter: &'a str,
    /// Staged milestones only (docs/report.md): each stage at the month.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    stages: Vec<StageJson<'a>>,
    status: &'static str,
    status_label: &'static str,
    target: f64,
    unit: &'a str,
    value: Option<f64>,
    value_month: Option<String>,
    work_status: Option<&'static str>,
}

#[derive(Serialize)]
struct StageJson<'a> {
    done_in: Option<String>,
    due: String,
    is_due: bool,
    missed: bool,
    months_late: Option<u32>,
    name: &'a str,
    work_status: Option<&'static str>,
}

fn stage_json(s: &crate::assess::stages::StageState) -> StageJson<'_> {
    StageJson {
        done_in: s.done_in.map(|m| m.to_string()),
        due: s.due.to_string(),
        is_due: s.is_due,
        missed: s.missed(),
        months_late: s.months_late,
        name: &s.name,
        work_status: s.status.map(work_status_code),
    }
}

fn work_status_code(s: crate::progress::WorkStatus) -> &'static str {
    match s {
        crate::progress::WorkStatus::NotStarted => "not_started",
        crate::progress::WorkStatus::InProgress => "in_progress",
        crate::progress::WorkStatus::Done => "done",
    }
}

fn item_json<'a>(r: &Report<'a>, it: &'a ItemAssessment, f: FollowUp) -> ItemJson<'a> {
    let (plan, l) = (r.plan(), r.lang);
    let item = &plan.items[it.item];
    ItemJson {
        caught_up: f.caught_up(),
        categories: item
            .categories
            .iter()
            .map(|&c| plan.categories[c].as_str())
            .collect(),
        completion: it.completion.map(clean),
        deadline: item.deadline.code(),
        expected: clean(it.expected),
        flagged: f.flagged(),
        gap: it.status_gap().map(clean),
        id: &item.id,
        indicators: it
            .indicators
            .iter()
            .map(|x| indicator_json(plan, x, l, r.trend(x.r)))
            .collect(),
        lead: item
            .lead
            .iter()
            .map(|&u| plan.units[u].id.as_str())
            .collect(),
        lead_names: plan.lead_names(item),
        previous_status: f.previous.map(Status::code),
        rejected: it.rejected,
        short: item.short.as_deref(),
        status: it.status.code(),
        status_label: it.status_label(l),
        streak: f.streak,
        text: &item.text,
    }
}

fn indicator_json<'a>(
    plan: &'a Plan,
    x: &'a IndicatorAssessment,
    l: Lang,
    t: Trend,
) -> IndicatorJson<'a> {
    let ind = plan.indicator(x.r);
    IndicatorJson {
        baseline: ind.baseline.filter(|_| ind.kind == Kind::Level),
        completion: x.completion.map(clean),
        done_in: x.done_in.map(|m| m.to_string()),
        expected: clean(x.expected),
        forecast: t.forecast.map(clean),
        forecast_completion: t.forecast_completion.map(clean),
        gap: x.gap().map(clean),
        id: &ind.id,
        increment: t.increment.map(clean),
        kind: ind.kind.code(),
        name: &ind.name,
        next_steps: &x.next_steps,
        problems: &x.problems,
        progress: &x.progress,
        rejected: x.rejected,
        reported: x.reported,
        reporter: &plan.units[ind.reporter].id,
        stages: x.stages.iter().map(stage_json).collect(),
        status: x.status.code(),
        status_label: x.status_label(l),
        target: ind.target,
        unit: &ind.unit,
        value: x.value,
        value_month: x.value_month.map(|m| m.to_string()),
        work_status: x.work_status.map(work_status_code),
    }
}

fn by_status(c: &Counts) -> Value {
    let mut m = Map::new();
    for s in Status::ALL {
        m.insert(s.code().to_string(), json!(c.get(s)));
    }
    Value::Object(m)
}

/// The report as JSON text (pretty, with a final newline).
pub fn to_text(r: &Report) -> String {
    let plan = r.plan();
    let a = &r.assessment;
    let leads = a.by_lead();
    let doc = ReportJson {
        month: a.month.to_string(),
        plan: json!({
            "version": plan.version,
            "title": plan.title,
            "year": plan.year,
            "effective": plan.effective.to_string(),
            "file": plan.file,
            "margins": plan.margins,
        }),
        inputs: json!({
            "sha256": r.inputs.sha256,
            "files": r.inputs.files,
        }),
        summary: summary_json(r, &leads),
        items: a
            .items
            .iter()
            .zip(&r.follow)
            .map(|(it, f)| item_json(r, it, *f))
            .collect(),
        unit: r.unit.as_ref().map(|v| unit_json(plan, v)),
        units: units_json(r, &leads),
        missing: unit_refs(plan, &r.missing),
        late: unit_refs(plan, &r.late),
    };
    crate::render::json::pretty(&doc).expect("the report serializes")
}

/// `summary`: item and indicator counts by status, by category and by lead
/// unit, and the status labels in the report's language.
fn summary_json(r: &Report, leads: &[(usize, Counts)]) -> Value {
    let (plan, a) = (r.plan(), &r.assessment);
    let labels: Map<String, Value> = Status::ALL
        .iter()
        .map(|s| (s.code().to_string(), json!(s.label(r.lang))))
        .collect();
    json!({
        "items": a.items.len(),
        "by_status": by_status(&a.by_status()),
        "indicators_by_status": by_status(&a.indicators_by_status()),
        "by_category": a.by_category().iter().map(|(c, n)| json!({
            "category": plan.categories[*c], "by_status": by_status(n),
        })).collect::<Vec<_>>(),
        "by_lead": leads.iter().map(|(u, n)| json!({
            "unit": plan.units[*u].id, "name": plan.units[*u].name, "by_status": by_status(n),
        })).collect::<Vec<_>>(),
        "labels": labels,
    })
}

/// `units`: every unit that must report or leads an item, whether it filed,
/// and its items (as lead) and indicators (as reporter) by status.
fn units_json(r: &Report, leads: &[(usize, Counts)]) -> Value {
    let plan = r.plan();
    let reporters = r.assessment.by_reporter();
    let duty = plan.reporting_units();
    plan.units
        .iter()
        .enumerate()
        .filter(|(u, _)| duty.contains(u) || leads.iter().any(|(v, _)| v == u))
        .map(|(u, unit)| {
            let led = leads.iter().find(|(v, _)| *v == u).map(|(_, c)| *c);
            let rep = reporters.iter().find(|(v, _)| *v == u).map(|(_, c)| *c);
            json!({
                "id": unit.id,
                "name": unit.name,
                "reports": duty.contains(&u),
                "filed": duty.contains(&u) && !r.missing.contains(&u),
                "items": led.map_or(0, |c| c.total()),
                "items_by_status": by_status(&led.unwrap_or_default()),
                "indicators": rep.map_or(0, |c| c.total()),
                "indicators_by_status": by_status(&rep.unwrap_or_default()),
            })
        })
        .collect()
}

/// `missing` and `late`: the units by id and name.
fn unit_refs(plan: &Plan, units: &[usize]) -> Value {
    units
        .iter()
        .map(|&u| {
            json!({
                "id": plan.units[u].id, "name": plan.units[u].name,
            })
        })
        .collect()
}

/// `unit` of a 督办单: the unit, and its score so far this quarter with the
/// lines that make it up (as `score --format json` writes them).
fn unit_json(plan: &Plan, v: &super::unit::UnitView) -> Value {
    let u = &plan.units[v.unit];
    json!({
        "id": u.id,
        "name": u.name,
        "quarter": v.quarter.to_string(),
        "months": v.months,
        "score": v.score.as_ref().map(|s| json!({
            "score": s.score,
            "rank": s.rank,
            "ranked": v.ranked,
            "deductions": s.lines.iter().map(|l| json!({
                "item": l.item, "indicator": l.indicator, "month": l.month.to_string(),
                "rule": l.rule.code(), "points": l.points,
            })).collect::<Vec<_>>(),
        })),
    })
}

/// Fractions without binary noise: 0.54 − 0.5 prints as 0.04, not
/// 0.040000000000000036. Twelve decimals keep every figure exact to the
/// precision anyone reads, and the rounding is the same on every machine.
pub fn clean(x: f64) -> f64 {
    (x * 1e12).round() / 1e12 + 0.0
}
