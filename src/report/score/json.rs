//! `score --format json`, for scripts: the fields are listed in docs/score.md.

use super::{round2, title};
use crate::lang::Lang;
use crate::score::{Evaluation, Line, UnitScore};
use serde_json::json;

fn line_json(line: &Line) -> serde_json::Value {
    json!({
        "item": line.item,
        "indicator": line.indicator,
        "month": line.month.to_string(),
        "rule": line.rule.code(),
        "points": line.points,
    })
}

/// docs/score.md: `{"quarter", "units": [{"id", "name", "score", "rank", "deductions": [...]}]}`.
pub fn to_json(e: &Evaluation, units: &[&UnitScore], l: Lang) -> serde_json::Value {
    json!({
        e.period.key(): e.period.to_string(),
        "title": title(e, l),
        "plan": {"version": e.version},
        "base": e.base,
        "months": e.months.iter().map(|m| m.to_string()).collect::<Vec<_>>(),
        "year_rule": e.year_rule,
        "units": units.iter().map(|u| json!({
            "id": u.id,
            "name": u.name,
            "score": round2(u.score),
            "rank": u.rank,
            "deduction_total": round2(u.deductions()),
            "bonus_total": round2(u.bonuses()),
            "quarters": u.quarters.iter().map(|(q, s)| json!({"quarter": q.to_string(), "score": round2(*s)})).collect::<Vec<_>>(),
            "deductions": u.lines.iter().map(line_json).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
}
