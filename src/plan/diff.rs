//! What a revision of the plan changed: items and indicators added or removed,
//! targets, baselines, deadlines, leads and reporters changed.

use super::{Indicator, Item, Plan};
use crate::value::num;
use serde::Serialize;

/// One difference between two versions. `field` is a stable code:
/// `item_added`, `item_removed`, `text`, `categories`, `lead`, `deadline`,
/// `indicator_added`, `indicator_removed`, `name`, `kind`, `target`, `unit`,
/// `baseline`, `reporter`, `schedule`, `stages`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Change {
    pub item: String,
    pub indicator: Option<String>,
    pub field: &'static str,
    pub from: Option<String>,
    pub to: Option<String>,
}

/// Changes from `old` to `new`, in the order of `new` (removed items last).
pub fn diff(old: &Plan, new: &Plan) -> Vec<Change> {
    let mut out = Vec::new();
    for item in &new.items {
        match old.items.iter().find(|i| i.id == item.id) {
            None => out.push(change(&item.id, None, "item_added", None, Some(&item.text))),
            Some(prev) => diff_item(old, new, prev, item, &mut out),
        }
    }
    for item in &old.items {
        if !new.items.iter().any(|i| i.id == item.id) {
            out.push(change(
                &item.id,
                None,
                "item_removed",
                Some(&item.text),
                None,
            ));
        }
    }
    out
}

fn change(
    item: &str,
    indicator: Option<&str>,
    field: &'static str,
    from: Option<&str>,
    to: Option<&str>,
) -> Change {
    Change {
        item: item.to_string(),
        indicator: indicator.map(str::to_string),
        field,
        from: from.map(str::to_string),
        to: to.map(str::to_string),
    }
}

fn diff_item(old: &Plan, new: &Plan, a: &Item, b: &Item, out: &mut Vec<Change>) {
    let id = &b.id;
    let mut field = |f: &'static str, x: String, y: String| {
        if x != y {
            out.push(change(id, None, f, Some(&x), Some(&y)));
        }
    };
    field("text", a.text.clone(), b.text.clone());
    let cats = |p: &Plan, i: &Item| {
        i.categories
            .iter()
            .map(|&c| p.categories[c].as_str())
            .collect::<Vec<_>>()
            .join("、")
    };
    field("categories", cats(old, a), cats(new, b));
    field("lead", old.lead_names(a), new.lead_names(b));
    field("deadline", a.deadline.code(), b.deadline.code());
    for ind in &b.indicators {
        match a.indicators.iter().find(|k| k.id == ind.id) {
            None => out.push(change(
                id,
                Some(&ind.id),
                "indicator_added",
                None,
                Some(&describe(new, ind)),
            )),
            Some(prev) => diff_indicator(old, new, id, prev, ind, out),
        }
    }
    for ind in &a.indicators {
        if !b.indicators.iter().any(|k| k.id == ind.id) {
            out.push(change(
                id,
                Some(&ind.id),
                "indicator_removed",
                Some(&describe(old, ind)),
                None,
            ));
        }
    }
}

fn describe(p: &Plan, ind: &Indicator) -> String {
    format!(
        "{} {}{} ({})",
        ind.name,
        num(ind.target),
        ind.unit,
        p.units[ind.reporter].name
    )
}

fn diff_indicator(
    old: &Plan,
    new: &Plan,
    item: &str,
    a: &Indicator,
    b: &Indicator,
    out: &mut Vec<Change>,
) {
    let mut field = |f: &'static str, x: String, y: String| {
        if x != y {
            out.push(change(item, Some(&b.id), f, Some(&x), Some(&y)));
        }
    };
    field("name", a.name.clone(), b.name.clone());
    field("kind", a.kind.code().into(), b.kind.code().into());
    field("target", num(a.target), num(b.target));
    field("unit", a.unit.clone(), b.unit.clone());
    let base = |x: Option<f64>| x.map(num).unwrap_or_default();
    field("baseline", base(a.baseline), base(b.baseline));
    field(
        "reporter",
        old.units[a.reporter].name.clone(),
        new.units[b.reporter].name.clone(),
    );
    let sched = |s: &Option<Vec<f64>>| {
        s.as_ref()
            .map(|v| v.iter().map(|x| num(*x)).collect::<Vec<_>>().join(","))
            .unwrap_or_default()
    };
    field("schedule", sched(&a.schedule), sched(&b.schedule));
    let stages = |s: &[super::Stage]| {
        s.iter()
            .map(|x| format!("{} {}", x.name, x.due))
            .collect::<Vec<_>>()
            .join("，")
    };
    field("stages", stages(&a.stages), stages(&b.stages));
}
