//! `plan` rendered: the task list, its units, its versions and what a revision
//! changed, each as a terminal table and as JSON for scripts (docs/plan-format.md).

use crate::lang::{pick, Lang};
use crate::plan::diff::Change;
use crate::plan::{Group, Plan, PlanSet};
use crate::render::table::{new_table, right, Style};
use crate::tr;
use crate::value::num;
use serde_json::json;

/// The plan as docs/plan-format.md defines it; lead and reporter are unit ids.
pub fn plan_json(p: &Plan) -> serde_json::Value {
    json!({
        "plan": {
            "title": p.title,
            "year": p.year,
            "version": p.version,
            "effective": p.effective.to_string(),
            "office": p.units[p.office].id,
            "file": p.file,
            "margins": p.margins,
            "reporting": p.reporting,
        },
        "units": p.units.iter().map(|u| json!({
            "id": u.id, "name": u.name, "aliases": u.aliases,
        })).collect::<Vec<_>>(),
        "group": p.group.as_ref().map(|g| group_json(p, g)),
        "tasks": p.tasks.iter().map(|t| json!({"no": t.no, "title": t.title})).collect::<Vec<_>>(),
        "items": p.items.iter().map(|i| json!({
            "id": i.id,
            "task": i.task,
            "text": i.text,
            "categories": i.categories.iter().map(|&c| &p.categories[c]).collect::<Vec<_>>(),
            "lead": i.lead.iter().map(|&u| &p.units[u].id).collect::<Vec<_>>(),
            "deadline": i.deadline.code(),
            "indicators": i.indicators.iter().map(|k| json!({
                "id": k.id,
                "name": k.name,
                "kind": k.kind.code(),
                "target": k.target,
                "baseline": k.baseline,
                "unit": k.unit,
                "reporter": p.units[k.reporter].id,
                "schedule": k.schedule,
                "stages": k.stages.iter().map(|s| json!({
                    "name": s.name, "due": s.due.to_string(),
                })).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
}

/// `[group]` for scripts: posts as text, members as unit ids.
fn group_json(p: &Plan, g: &Group) -> serde_json::Value {
    json!({
        "name": g.name,
        "convener": g.convener,
        "deputies": g.deputies,
        "members": g.members.iter().map(|&u| &p.units[u].id).collect::<Vec<_>>(),
    })
}

/// The working group in a few lines above the table: who convenes, and which
/// members lead nothing in this plan (they still sit in the group).
fn group_lines(l: Lang, p: &Plan, g: &Group) -> String {
    let names = |us: &mut dyn Iterator<Item = usize>| {
        us.map(|u| p.units[u].name.as_str())
            .collect::<Vec<_>>()
            .join(pick(l, "、", ", "))
    };
    let idle = names(
        &mut g
            .members
            .iter()
            .copied()
            .filter(|&u| !p.items.iter().any(|i| i.lead.contains(&u))),
    );
    let members = names(&mut g.members.iter().copied());
    let title = if g.name.is_empty() {
        pick(l, "工作专班", "working group")
    } else {
        &g.name
    };
    let mut s = tr!(
        "{title}：召集人 {convener}；副召集人 {deputies}\n成员单位（{n} 个）：{members}\n",
        "{title}: convener {convener}; deputies {deputies}\nmember units ({n}): {members}\n",
        convener = g.convener,
        deputies = g.deputies.join(pick(l, "、", ", ")),
        n = g.members.len(),
    )
    .take(l);
    if !idle.is_empty() {
        s.push_str(
            &tr!(
                "其中不牵头事项的成员单位：{idle}\n",
                "members that lead no item: {idle}\n"
            )
            .take(l),
        );
    }
    s
}

/// `plan`: the head (title, version, counts), the working group, and the
/// items with their indicators.
pub fn plan_table(p: &Plan, style: Style, l: Lang) -> String {
    let mut t = new_table(
        style,
        &[
            pick(l, "编号", "id"),
            pick(l, "工作事项 / 指标", "item / indicator"),
            pick(l, "类别", "kind"),
            pick(l, "目标", "target"),
            pick(l, "单位", "unit"),
            pick(l, "牵头 / 报送单位", "lead / reporter"),
            pick(l, "完成时限", "deadline"),
        ],
    );
    for item in &p.items {
        t.add_row(vec![
            comfy_table::Cell::new(&item.id),
            comfy_table::Cell::new(crate::report::item_name(item, 30)),
            comfy_table::Cell::new(""),
            comfy_table::Cell::new(""),
            comfy_table::Cell::new(""),
            // One unit a line keeps the column narrow (14.1 has five leads).
            comfy_table::Cell::new(p.lead_names(item).replace('、', "\n")),
            comfy_table::Cell::new(item.deadline.label(l)),
        ]);
        for k in &item.indicators {
            let target = match (k.kind, k.baseline) {
                (crate::plan::Kind::Level, Some(b)) => format!("{} → {}", num(b), num(k.target)),
                _ => num(k.target),
            };
            t.add_row(vec![
                comfy_table::Cell::new(""),
                comfy_table::Cell::new(format!("  · {}", k.name)),
                comfy_table::Cell::new(k.kind.label(l)),
                right(target),
                comfy_table::Cell::new(&k.unit),
                comfy_table::Cell::new(&p.units[k.reporter].name),
                comfy_table::Cell::new(""),
            ]);
        }
    }
    let indicators: usize = p.items.iter().map(|i| i.indicators.len()).sum();
    let head = tr!(
        "{title}（{year}年，版本 {version}，{effective} 起生效）\n{tasks} 项任务，{items} 项工作事项，{indicators} 个指标，{units} 个单位\n",
        "{title} ({year}, version {version}, effective {effective})\n{tasks} tasks, {items} items, {indicators} indicators, {units} units\n",
        title = p.title,
        year = p.year,
        version = p.version,
        effective = p.effective.label(l),
        tasks = p.tasks.len(),
        items = p.items.len(),
        units = p.units.len(),
    )
    .take(l);
    let group = p
        .group
        .as_ref()
        .map_or(String::new(), |g| group_lines(l, p, g));
    format!("{head}{group}{t}\n")
}

/// A unit's counts: the items it leads and the indicators it reports.
fn unit_counts(plan: &Plan, u: usize) -> (usize, usize) {
    let leads = plan.items.iter().filter(|i| i.lead.contains(&u)).count();
    let reports = plan
        .indicator_refs()
        .filter(|&r| plan.indicator(r).reporter == u)
        .count();
    (leads, reports)
}

/// `plan --units --format json`: each unit with what it leads and reports.
pub fn units_json(plan: &Plan) -> serde_json::Value {
    json!({
        "version": plan.version,
        "units": plan.units.iter().enumerate().map(|(u, unit)| {
            let (leads, reports) = unit_counts(plan, u);
            json!({
                "id": unit.id, "name": unit.name, "aliases": unit.aliases,
                "leads": leads, "reports": reports,
            })
        }).collect::<Vec<_>>()
    })
}

/// The units as a clerk looks them up: what a file may be named, and what each
/// unit leads and reports.
pub fn units_table(plan: &Plan, style: Style, l: Lang) -> String {
    let mut t = new_table(
        style,
        &[
            pick(l, "编号", "id"),
            pick(l, "名称", "name"),
            pick(l, "简称（文件名也可用）", "aliases (also valid file names)"),
            pick(l, "牵头事项", "leads"),
            pick(l, "报送指标", "reports"),
        ],
    );
    for (u, unit) in plan.units.iter().enumerate() {
        let (leads, reports) = unit_counts(plan, u);
        t.add_row(vec![
            comfy_table::Cell::new(&unit.id),
            comfy_table::Cell::new(&unit.name),
            comfy_table::Cell::new(unit.aliases.join(pick(l, "、", ", "))),
            right(leads),
            right(reports),
        ]);
    }
    let note = tr!("任务清单版本 {}：{} 个单位。进展文件以名称、简称或编号命名，例如 {}.csv\n", "plan version {}: {} units. Name a progress file after a unit's name, alias or id, e.g. {}.csv\n", plan.version, plan.units.len(), plan.units[plan.office].name).take(l);
    format!("{t}\n{note}")
}

/// `plan --versions --format json`.
pub fn versions_json(set: &PlanSet) -> serde_json::Value {
    json!({
        "versions": set.versions.iter().map(|p| json!({
            "version": p.version, "effective": p.effective.to_string(),
            "title": p.title, "year": p.year, "file": p.file,
        })).collect::<Vec<_>>()
    })
}

/// `plan --versions`: each version, when it took effect, and its file.
pub fn versions_table(set: &PlanSet, style: Style, l: Lang) -> String {
    let mut t = new_table(
        style,
        &[
            pick(l, "版本", "version"),
            pick(l, "生效月份", "effective"),
            pick(l, "事项数", "items"),
            pick(l, "文件", "file"),
        ],
    );
    for p in &set.versions {
        t.add_row(vec![
            comfy_table::Cell::new(&p.version),
            comfy_table::Cell::new(p.effective.to_string()),
            right(p.items.len()),
            comfy_table::Cell::new(&p.file),
        ]);
    }
    format!("{t}\n")
}

/// `plan --diff V1 V2 --format json`.
pub fn diff_json(old: &Plan, new: &Plan, changes: &[Change]) -> serde_json::Value {
    json!({"from": old.version, "to": new.version, "changes": changes})
}

/// `plan --diff V1 V2`: what a revision changed, one row per change.
pub fn diff_table(old: &Plan, new: &Plan, changes: &[Change], style: Style, l: Lang) -> String {
    let head = tr!(
        "版本 {} → {}：{} 处变化\n",
        "version {} → {}: {} changes\n",
        old.version,
        new.version,
        changes.len()
    )
    .take(l);
    if changes.is_empty() {
        return head;
    }
    let mut t = new_table(
        style,
        &[
            pick(l, "事项", "item"),
            pick(l, "指标", "indicator"),
            pick(l, "变化", "change"),
            pick(l, "原", "from"),
            pick(l, "新", "to"),
        ],
    );
    for c in changes {
        t.add_row(vec![
            c.item.clone(),
            c.indicator.clone().unwrap_or_default(),
            c.field.label(l).to_string(),
            crate::report::shorten(c.from.as_deref().unwrap_or(""), 30),
            crate::report::shorten(c.to.as_deref().unwrap_or(""), 30),
        ]);
    }
    format!("{head}{t}\n")
}
