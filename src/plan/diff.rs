//! What a revision of the plan changed: items and indicators added or removed,
//! targets, baselines, deadlines, leads and reporters changed.

use super::{Indicator, Item, Plan};
use crate::lang::{pick, Lang};
use crate::value::num;
use serde::Serialize;

/// What a [`Change`] changed; its code is what scripts see (`field` in JSON).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    ItemAdded,
    ItemRemoved,
    Text,
    Categories,
    Lead,
    Deadline,
    IndicatorAdded,
    IndicatorRemoved,
    Name,
    Kind,
    Target,
    Unit,
    Baseline,
    Reporter,
    Schedule,
    Stages,
}

impl Field {
    /// The stable code scripts see.
    pub fn code(self) -> &'static str {
        match self {
            Field::ItemAdded => "item_added",
            Field::ItemRemoved => "item_removed",
            Field::Text => "text",
            Field::Categories => "categories",
            Field::Lead => "lead",
            Field::Deadline => "deadline",
            Field::IndicatorAdded => "indicator_added",
            Field::IndicatorRemoved => "indicator_removed",
            Field::Name => "name",
            Field::Kind => "kind",
            Field::Target => "target",
            Field::Unit => "unit",
            Field::Baseline => "baseline",
            Field::Reporter => "reporter",
            Field::Schedule => "schedule",
            Field::Stages => "stages",
        }
    }

    /// The label people read.
    pub fn label(self, l: Lang) -> &'static str {
        match self {
            Field::ItemAdded => pick(l, "新增事项", "item added"),
            Field::ItemRemoved => pick(l, "删除事项", "item removed"),
            Field::Text => pick(l, "事项内容", "text"),
            Field::Categories => pick(l, "类型", "categories"),
            Field::Lead => pick(l, "牵头单位", "lead"),
            Field::Deadline => pick(l, "完成时限", "deadline"),
            Field::IndicatorAdded => pick(l, "新增指标", "indicator added"),
            Field::IndicatorRemoved => pick(l, "删除指标", "indicator removed"),
            Field::Name => pick(l, "指标名称", "name"),
            Field::Kind => pick(l, "指标类别", "kind"),
            Field::Target => pick(l, "目标", "target"),
            Field::Unit => pick(l, "计量单位", "unit"),
            Field::Baseline => pick(l, "原标准", "baseline"),
            Field::Reporter => pick(l, "报送单位", "reporter"),
            Field::Schedule => pick(l, "进度计划", "schedule"),
            Field::Stages => pick(l, "阶段节点", "stages"),
        }
    }
}

impl Serialize for Field {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

/// One difference between two versions.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Change {
    pub item: String,
    pub indicator: Option<String>,
    pub field: Field,
    pub from: Option<String>,
    pub to: Option<String>,
}

/// Changes from `old` to `new`, in the order of `new` (removed items last).
pub fn diff(old: &Plan, new: &Plan) -> Vec<Change> {
    let mut out = Vec::new();
    for item in &new.items {
        match old.items.iter().find(|i| i.id == item.id) {
            None => out.push(change(
                &item.id,
                None,
                Field::ItemAdded,
                None,
                Some(&item.text),
            )),
            Some(prev) => diff_item(old, new, prev, item, &mut out),
        }
    }
    for item in &old.items {
        if !new.items.iter().any(|i| i.id == item.id) {
            out.push(change(
                &item.id,
                None,
                Field::ItemRemoved,
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
    field: Field,
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
    let mut field = |f: Field, x: String, y: String| {
        if x != y {
            out.push(change(id, None, f, Some(&x), Some(&y)));
        }
    };
    field(Field::Text, a.text.clone(), b.text.clone());
    let cats = |p: &Plan, i: &Item| {
        i.categories
            .iter()
            .map(|&c| p.categories[c].as_str())
            .collect::<Vec<_>>()
            .join("、")
    };
    field(Field::Categories, cats(old, a), cats(new, b));
    field(Field::Lead, old.lead_names(a), new.lead_names(b));
    field(Field::Deadline, a.deadline.code(), b.deadline.code());
    for ind in &b.indicators {
        match a.indicators.iter().find(|k| k.id == ind.id) {
            None => out.push(change(
                id,
                Some(&ind.id),
                Field::IndicatorAdded,
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
                Field::IndicatorRemoved,
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
    let mut field = |f: Field, x: String, y: String| {
        if x != y {
            out.push(change(item, Some(&b.id), f, Some(&x), Some(&y)));
        }
    };
    field(Field::Name, a.name.clone(), b.name.clone());
    field(Field::Kind, a.kind.code().into(), b.kind.code().into());
    field(Field::Target, num(a.target), num(b.target));
    field(Field::Unit, a.unit.clone(), b.unit.clone());
    let base = |x: Option<f64>| x.map(num).unwrap_or_default();
    field(Field::Baseline, base(a.baseline), base(b.baseline));
    field(
        Field::Reporter,
        old.units[a.reporter].name.clone(),
        new.units[b.reporter].name.clone(),
    );
    let sched = |s: &Option<Vec<f64>>| {
        s.as_ref()
            .map(|v| v.iter().map(|x| num(*x)).collect::<Vec<_>>().join(","))
            .unwrap_or_default()
    };
    field(Field::Schedule, sched(&a.schedule), sched(&b.schedule));
    let stages = |s: &[super::Stage]| {
        s.iter()
            .map(|x| format!("{} {}", x.name, x.due))
            .collect::<Vec<_>>()
            .join("，")
    };
    field(Field::Stages, stages(&a.stages), stages(&b.stages));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_serializes_as_its_code() {
        for f in [Field::ItemAdded, Field::IndicatorRemoved, Field::Stages] {
            let json = serde_json::to_string(&f).unwrap();
            assert_eq!(json, format!("\"{}\"", f.code()));
        }
        assert_eq!(Field::Baseline.label(Lang::Zh), "原标准");
        assert_eq!(Field::Baseline.label(Lang::En), "baseline");
    }
}
