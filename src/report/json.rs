//! `report --format json` (SPEC §8): field names in English snake_case, numbers as
//! JSON numbers (completion and expected as fractions), labels in the report's
//! language.

use super::Report;
use crate::assess::{Counts, Status};
use crate::plan::Kind;
use serde_json::{json, Map, Value};

fn by_status(c: &Counts) -> Value {
    let mut m = Map::new();
    for s in Status::ALL {
        m.insert(s.code().to_string(), json!(c.get(s)));
    }
    Value::Object(m)
}

/// The report as one JSON value.
pub fn to_json(r: &Report) -> Value {
    let plan = r.plan();
    let a = &r.assessment;
    let l = r.lang;
    let labels: Map<String, Value> = Status::ALL
        .iter()
        .map(|s| (s.code().to_string(), json!(s.label(l))))
        .collect();
    let items: Vec<Value> = a
        .items
        .iter()
        .enumerate()
        .map(|(k, it)| {
            let item = &plan.items[it.item];
            let f = r.follow[k];
            json!({
                "id": item.id,
                "text": item.text,
                "lead": item.lead.iter().map(|&u| &plan.units[u].id).collect::<Vec<_>>(),
                "lead_names": plan.lead_names(item),
                "categories": item.categories.iter().map(|&c| &plan.categories[c]).collect::<Vec<_>>(),
                "deadline": item.deadline.code(),
                "status": it.status.code(),
                "status_label": it.status.label(l),
                "completion": it.completion,
                "expected": it.expected,
                "gap": it.gap(),
                "streak": f.streak,
                "flagged": f.flagged(),
                "previous_status": f.previous.map(Status::code),
                "caught_up": f.caught_up(),
                "indicators": it.indicators.iter().map(|x| {
                    let ind = plan.indicator(x.r);
                    json!({
                        "id": ind.id,
                        "name": ind.name,
                        "kind": ind.kind.code(),
                        "target": ind.target,
                        "baseline": ind.baseline.filter(|_| ind.kind == Kind::Level),
                        "unit": ind.unit,
                        "reporter": plan.units[ind.reporter].id,
                        "value": x.value,
                        "work_status": x.work_status.map(|s| match s {
                            crate::progress::WorkStatus::NotStarted => "not_started",
                            crate::progress::WorkStatus::InProgress => "in_progress",
                            crate::progress::WorkStatus::Done => "done",
                        }),
                        "value_month": x.value_month.map(|m| m.to_string()),
                        "reported": x.reported,
                        "completion": x.completion,
                        "expected": x.expected,
                        "gap": x.gap(),
                        "status": x.status.code(),
                        "status_label": x.status.label(l),
                        "done_in": x.done_in.map(|m| m.to_string()),
                        "problems": x.problems,
                    })
                }).collect::<Vec<_>>(),
            })
        })
        .collect();
    let leads = a.by_lead();
    let reporters = a.by_reporter();
    let duty = plan.reporting_units();
    let units: Vec<Value> = plan
        .units
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
        .collect();
    json!({
        "month": a.month.to_string(),
        "plan": {
            "version": plan.version,
            "title": plan.title,
            "year": plan.year,
            "effective": plan.effective.to_string(),
            "file": plan.file,
            "margins": plan.margins,
        },
        "inputs": {
            "sha256": r.inputs.sha256,
            "files": r.inputs.files,
        },
        "summary": {
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
        },
        "items": items,
        "units": units,
        "missing": r.missing.iter().map(|&u| json!({
            "id": plan.units[u].id, "name": plan.units[u].name,
        })).collect::<Vec<_>>(),
    })
}

/// Pretty JSON text with a final newline.
pub fn to_text(r: &Report) -> String {
    let mut s = serde_json::to_string_pretty(&to_json(r)).expect("JSON values serialize");
    s.push('\n');
    s
}
