//! `history` rendered (docs/history.md): one item's indicators month by month,
//! as [`crate::trend::indicator_courses`] computed them — JSON and CSV for
//! scripts, Markdown, and the terminal table with sparklines.

use crate::assess::Assessment;
use crate::lang::{pick, Lang};
use crate::plan::Plan;
use crate::render::sheet::{Sheet, Value};
use crate::render::table::{colored, new_table, right, Style};
use crate::report::json::clean;
use crate::report::pct_or_dash;
use crate::report::table::status_color;
use crate::tr;
use crate::trend::{IndicatorCourse, MonthLine};
use crate::value::{num, pct};
use serde_json::json;

fn shown(m: &MonthLine) -> crate::assess::Shown {
    crate::assess::Shown::of(m.status, m.rejected)
}

/// `--format json`, for scripts: the fields of docs/history.md: `{"item", "text", "indicators": [{…, "months": […], "forecast"}]}`.
pub fn to_json(plan: &Plan, courses: &[IndicatorCourse], l: Lang) -> serde_json::Value {
    let item = courses.first().map(|c| &plan.items[c.r.item]);
    json!({
        "item": item.map(|i| &i.id),
        "text": item.map(|i| &i.text),
        "lead": item.map(|i| i.lead.iter().map(|&u| &plan.units[u].id).collect::<Vec<_>>()),
        "deadline": item.map(|i| i.deadline.code()),
        "indicators": courses.iter().map(|c| {
            let ind = plan.indicator(c.r);
            json!({
                "id": ind.id, "name": ind.name, "kind": ind.kind.code(), "unit": ind.unit,
                "target": ind.target, "baseline": ind.baseline,
                "reporter": plan.units[ind.reporter].id,
                "months": c.lines.iter().map(|m| json!({
                    "month": m.month.to_string(), "value": m.value,
                    "increment": m.increment.map(clean),
                    "completion": m.completion.map(clean), "expected": clean(m.expected),
                    "status": shown(m).code(), "status_label": shown(m).label(l),
                    "progress": m.progress, "problems": m.problems, "next_steps": m.next_steps,
                })).collect::<Vec<_>>(),
                "forecast": c.trend.forecast.map(clean),
                "forecast_completion": c.trend.forecast_completion.map(clean),
            })
        }).collect::<Vec<_>>(),
    })
}

/// One row per indicator and month: `--format csv`, and each indicator's table in Markdown.
pub fn sheet<'c>(
    plan: &Plan,
    courses: impl IntoIterator<Item = &'c IndicatorCourse>,
    l: Lang,
) -> Sheet {
    let header = [
        pick(l, "事项编号", "item"),
        pick(l, "指标编号", "indicator"),
        pick(l, "指标", "name"),
        pick(l, "月份", "month"),
        pick(l, "累计完成", "value"),
        pick(l, "本月", "increment"),
        pick(l, "完成率", "completion"),
        pick(l, "序时进度", "time progress"),
        pick(l, "状态", "status"),
        pick(l, "进展情况", "progress"),
        pick(l, "存在问题", "problems"),
        pick(l, "下步计划", "next steps"),
    ];
    let mut rows = Vec::new();
    for c in courses {
        let ind = plan.indicator(c.r);
        for m in &c.lines {
            rows.push(vec![
                Value::from(plan.items[c.r.item].id.as_str()),
                Value::from(ind.id.as_str()),
                Value::from(ind.name.as_str()),
                Value::from(m.month.to_string()),
                Value::from(m.value),
                Value::from(m.increment),
                m.completion.map_or(Value::Empty, Value::Pct),
                Value::Pct(m.expected),
                Value::from(shown(m).label(l)),
                Value::from(m.progress.as_str()),
                Value::from(m.problems.as_str()),
                Value::from(m.next_steps.as_str()),
            ]);
        }
    }
    Sheet {
        name: pick(l, "历史", "history").to_string(),
        header: header.iter().map(|h| h.to_string()).collect(),
        widths: Vec::new(),
        rows,
    }
}

/// The item's heading: id, text, lead units and deadline.
fn heading(plan: &Plan, courses: &[IndicatorCourse], l: Lang) -> String {
    let Some(c) = courses.first() else {
        return String::new();
    };
    let item = &plan.items[c.r.item];
    tr!(
        "{id} {text}（{leads}，{deadline}）",
        "{id} {text} ({leads}, {deadline})",
        id = item.id,
        text = item.text.trim_end_matches('。'),
        leads = plan.lead_names(item),
        deadline = item.deadline.label(l),
    )
    .take(l)
}

/// 按目前进度预计年底 3456人（108.0%） for one indicator, or empty.
fn forecast_line(plan: &Plan, c: &IndicatorCourse, l: Lang) -> String {
    let ind = plan.indicator(c.r);
    let (Some(v), Some(fc)) = (c.trend.forecast, c.trend.forecast_completion) else {
        return String::new();
    };
    let due = plan.items[c.r.item].deadline.month(plan.year);
    tr!(
        "按目前进度，预计到{due}底达到 {value}{unit}（完成{share}）",
        "at the current pace: {value}{unit} by {due} ({share})",
        due = due.label(l),
        value = num(v),
        unit = ind.unit,
        share = pct(fc),
    )
    .take(l)
}

/// `--format md`: the heading, then per indicator its forecast and its rows.
pub fn markdown(plan: &Plan, courses: &[IndicatorCourse], l: Lang) -> String {
    let mut out = format!("# {}\n\n", heading(plan, courses, l));
    for c in courses {
        let ind = plan.indicator(c.r);
        out.push_str(&format!("## {}（{}）\n\n", ind.name, ind.id));
        let f = forecast_line(plan, c, l);
        if !f.is_empty() {
            out.push_str(&format!("{f}\n\n"));
        }
        out.push_str(&sheet(plan, [c], l).to_markdown());
        out.push('\n');
    }
    out
}

/// ▁▂▃▅▇█ from completions (capped at 1); a blank for a month without one.
pub fn sparkline(values: &[Option<f64>]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    values
        .iter()
        .map(|v| match v {
            Some(x) => BARS[((x.clamp(0.0, 1.0) * 7.0).round()) as usize],
            None => ' ',
        })
        .collect()
}

/// The terminal: per indicator two sparklines (completion and time
/// progress), the forecast and a table of the months.
pub fn table(
    plan: &Plan,
    course: &[Assessment],
    cs: &[IndicatorCourse],
    style: Style,
    l: Lang,
) -> String {
    let mut out = format!("{}\n", heading(plan, cs, l));
    if let Some(a) = course.last() {
        out.push_str(
            &tr!(
                "{year}年1月至{m}月，按各月通报口径\n",
                "January to {month} as each month's report assessed it\n",
                year = a.month.year(),
                m = a.month.month(),
                month = a.month,
            )
            .take(l),
        );
    }
    for c in cs {
        let ind = plan.indicator(c.r);
        let done: Vec<Option<f64>> = c.lines.iter().map(|m| m.completion).collect();
        let due: Vec<Option<f64>> = c.lines.iter().map(|m| Some(m.expected)).collect();
        out.push_str(&format!(
            "\n· {}（{}，{} {}{}）\n  {} {}\n  {} {}\n",
            ind.name,
            ind.id,
            pick(l, "目标", "target"),
            num(ind.target),
            ind.unit,
            pick(l, "完成率", "completion   "),
            sparkline(&done),
            pick(l, "序时  ", "time progress"),
            sparkline(&due),
        ));
        let f = forecast_line(plan, c, l);
        if !f.is_empty() {
            out.push_str(&format!("  {f}\n"));
        }
        let mut t = new_table(
            style,
            &[
                pick(l, "月份", "month"),
                pick(l, "累计完成", "value"),
                pick(l, "本月", "this month"),
                pick(l, "完成率", "completion"),
                pick(l, "序时进度", "time progress"),
                pick(l, "状态", "status"),
                pick(l, "存在问题 / 进展情况", "problems / progress"),
            ],
        );
        for m in &c.lines {
            let words = if m.problems.is_empty() {
                &m.progress
            } else {
                &m.problems
            };
            t.add_row(vec![
                comfy_table::Cell::new(m.month.to_string()),
                right(
                    m.value
                        .map_or(String::new(), |v| format!("{}{}", num(v), ind.unit)),
                ),
                right(crate::report::forecast::increment_text(m.increment, ind)),
                right(pct_or_dash(m.completion)),
                right(pct(m.expected)),
                colored(shown(m).label(l), status_color(m.status), style),
                comfy_table::Cell::new(crate::report::shorten(words, 30)),
            ]);
        }
        out.push_str(&format!("{t}\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn sparkline_maps_completion_to_eight_steps() {
        let s = super::sparkline(&[Some(0.0), Some(0.5), Some(1.0), Some(1.4), None, Some(-1.0)]);
        assert_eq!(s, "▁▅██ ▁");
    }
}
