//! `score` in the terminal: the ranking, or with `--unit` each unit's lines.

use super::{rank_text, signed, title};
use crate::archive::Record;
use crate::lang::{pick, Lang};
use crate::plan::PlanSet;
use crate::render::table::{new_table, right, Style};
use crate::score::{Evaluation, Line, Period, Rule, UnitScore};
use crate::tr;
use crate::value::num;

/// The ranking: one row per unit.
pub fn summary_table(e: &Evaluation, style: Style, l: Lang) -> String {
    let mut t = new_table(
        style,
        &[
            pick(l, "名次", "rank"),
            pick(l, "单位", "unit"),
            pick(l, "得分", "score"),
            pick(l, "扣分", "deductions"),
            pick(l, "加分", "bonuses"),
            pick(l, "明细条数", "lines"),
        ],
    );
    for u in &e.units {
        t.add_row(vec![
            right(rank_text(u, l)),
            comfy_table::Cell::new(&u.name),
            right(num(u.score)),
            right(num(u.deductions())),
            right(num(u.bonuses())),
            right(u.lines.len()),
        ]);
    }
    let head = tr!(
        "{title}（任务清单版本 {version}，基础分 {base}）\n",
        "{title} (plan version {version}, base {base})\n",
        title = title(e, l),
        version = e.version,
        base = num(e.base)
    )
    .take(l);
    let foot = pick(
        l,
        "用 --unit 单位名 查看某单位的逐条扣分明细。\n",
        "Use --unit NAME to see one unit's lines.\n",
    );
    format!("{head}{t}\n{foot}")
}

/// An indicator as a clerk knows it: its name in the plan version of the
/// line's month (`城区公共停车位`, not `parking`); its id when not found.
fn indicator_name(plans: &PlanSet, line: &Line) -> String {
    let (Some(item), Some(id)) = (&line.item, &line.indicator) else {
        return String::new();
    };
    plans
        .for_month(line.month)
        .and_then(|p| {
            let i = p.item_by_id(item)?;
            p.items[i].indicators.iter().find(|k| &k.id == id)
        })
        .map_or_else(|| id.clone(), |k| k.name.clone())
}

/// `--unit`: each unit's lines and how they add up to its score.
pub fn explain(
    e: &Evaluation,
    units: &[&UnitScore],
    plans: &PlanSet,
    style: Style,
    l: Lang,
) -> String {
    let mut out = String::new();
    for u in units {
        let mut t = new_table(
            style,
            &[
                pick(l, "月份", "month"),
                pick(l, "事项", "item"),
                pick(l, "指标", "indicator"),
                pick(l, "规则", "rule"),
                pick(l, "分值", "points"),
            ],
        );
        for line in &u.lines {
            t.add_row(vec![
                comfy_table::Cell::new(line.month.to_string()),
                comfy_table::Cell::new(line.item.clone().unwrap_or_default()),
                comfy_table::Cell::new(indicator_name(plans, line)),
                comfy_table::Cell::new(line.rule.label(l)),
                right(signed(line.points)),
            ]);
        }
        let sum: f64 = u.lines.iter().map(|x| x.points).sum();
        out.push_str(
            tr!(
                "{title} {unit}：{score} 分，名次 {rank}\n",
                "{title} {unit}: {score} points, rank {rank}\n",
                title = title(e, l),
                unit = u.name,
                score = num(u.score),
                rank = rank_text(u, l)
            )
            .get(l),
        );
        if !u.lines.is_empty() {
            out.push_str(&format!("{t}\n"));
        }
        out.push_str(&if let Period::Year(_) = e.period {
            let qs = u
                .quarters
                .iter()
                .map(|(q, s)| format!("{q} {}", num(*s)))
                .collect::<Vec<_>>()
                .join(", ");
            tr!("各季度得分：{qs}\n\n", "quarter scores: {qs}\n\n").take(l)
        } else {
            tr!(
                "基础分 {base} {lines} = {score} 分\n\n",
                "base {base} {lines} = {score}\n\n",
                base = num(e.base),
                lines = signed(sum),
                score = num(u.score)
            )
            .take(l)
        });
    }
    out
}

/// For `--unit`: when each late file was received and when it was due, from
/// the closed month's manifest.
pub fn late_notes(record: &Record, units: &[&UnitScore], l: Lang) -> String {
    let mut out = String::new();
    for u in units {
        for line in u.lines.iter().filter(|x| x.rule == Rule::Late) {
            let Some(c) = record.get(line.month) else {
                continue;
            };
            for f in c.manifest.files.iter().filter(|f| f.unit == u.id && f.late) {
                out.push_str(
                    tr!(
                        "{month} 逾期报送：{file} 于 {received} 收到，报送时限为 {due}（见 archive/{month}/{manifest}）\n",
                        "{month} filed late: {file} received {received}, due by {due} (see archive/{month}/{manifest})\n",
                        month = line.month,
                        file = f.name,
                        received = f.received,
                        due = c.manifest.due,
                        manifest = crate::archive::MANIFEST
                    )
                    .get(l),
                );
            }
        }
    }
    out
}
