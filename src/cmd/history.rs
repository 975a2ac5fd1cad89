//! `mingsheng history`: one item month by month — value, this month's increment,
//! completion, time progress, status and the department's words — with a
//! sparkline in the terminal and the year-end forecast.
//!
//! ```text
//! mingsheng history ITEM [--indicator ID] [--month M] [--allow-errors]
//!                   [--format table|json|csv|md] [-o FILE] [--encoding utf8|gbk]
//! ```
//!
//! Months run from the plan year's January through M (default: the latest
//! month with files); each is assessed as its own report assessed it, closed
//! months from their record in `archive/` (see [`super::load`]).

use super::Format;
use crate::app::{App, Exit};
use crate::assess::Assessment;
use crate::lang::{pick, Lang};
use crate::month::Month;
use crate::plan::{IndicatorRef, Plan};
use crate::render::sheet::{Sheet, Value};
use crate::render::table::{colored, new_table, right};
use crate::report::json::clean;
use crate::report::pct_or_dash;
use crate::report::table::status_color;
use crate::tr;
use crate::trend::{self, MonthLine, Trend};
use crate::value::{num, pct};
use anyhow::{bail, Result};
use serde_json::json;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// 事项编号，例如 1.1 (the item's id, e.g. 1.1)
    #[arg(value_name = "ITEM")]
    item: String,
    /// 只看该事项的一个指标（指标编号）(one indicator of the item, by id)
    #[arg(long, value_name = "ID")]
    indicator: Option<String>,
    /// 截至月份（YYYY-MM）；省略时取有进展文件的最近月份 (through this month; default: the latest month with files)
    #[arg(long, value_name = "M")]
    month: Option<Month>,
    /// 进展文件有错误时仍然显示，出错的数据标为「数据有误」 (go on despite data errors)
    #[arg(long)]
    allow_errors: bool,
    #[command(flatten)]
    out: super::Output,
}

/// One indicator's course: its lines and its forecast at the last month.
struct Course {
    r: IndicatorRef,
    lines: Vec<MonthLine>,
    trend: Trend,
}

pub fn run(app: &App, args: Args) -> Result<Exit> {
    let l = app.lang;
    let format = args.out.resolve(l)?;
    if !matches!(
        format,
        Format::Table | Format::Json | Format::Csv | Format::Md
    ) {
        bail!(
            "{}",
            tr!(
                "history 只能输出 table、json、csv 或 md，不支持 {}",
                "history writes table, json, csv or md, not {}",
                format.name()
            )
            .take(l)
        );
    }
    let Some(loaded) = super::load::load_month(
        app,
        args.month,
        args.allow_errors,
        super::load::Words::EveryMonth,
    )?
    else {
        return Ok(Exit::Findings);
    };
    let month = loaded.month;
    let (plans, progress) = (&loaded.plans, &loaded.progress);
    let plan = super::plan_for_month(l, plans, month)?;
    let refs = indicators(l, plan, &args.item, args.indicator.as_deref())?;
    let course = trend::course(plans, progress, month);
    let courses: Vec<Course> = refs
        .into_iter()
        .map(|r| Course {
            r,
            lines: trend::indicator_history(plans, plan, progress, &course, r),
            trend: trend::indicator_trend(plans, plan, progress, r, month),
        })
        .collect();
    let bytes = match format {
        Format::Json => {
            let mut s = serde_json::to_string_pretty(&to_json(plan, &courses, l))?;
            s.push('\n');
            s.into_bytes()
        }
        Format::Csv => sheet(plan, &courses, l).to_csv(args.out.gbk())?,
        Format::Md => markdown(plan, &courses, l).into_bytes(),
        _ => table(app, plan, &course, &courses, args.out.output.is_some()).into_bytes(),
    };
    args.out.emit(l, &bytes)?;
    Ok(Exit::Ok)
}

/// The indicators asked for: all of the item's, or the one named.
fn indicators(l: Lang, plan: &Plan, item: &str, ind: Option<&str>) -> Result<Vec<IndicatorRef>> {
    let Some(i) = plan.item_by_id(item.trim()) else {
        bail!(
            "{}",
            tr!(
                "任务清单 {} 中没有事项「{item}」；事项编号形如 1.1，mingsheng plan 可查看全部事项",
                "plan {} has no item `{item}`; item ids look like 1.1 (see mingsheng plan)",
                plan.version
            )
            .take(l)
        );
    };
    let all = &plan.items[i].indicators;
    let refs = (0..all.len()).map(|k| IndicatorRef {
        item: i,
        indicator: k,
    });
    let Some(id) = ind else {
        return Ok(refs.collect());
    };
    match all
        .iter()
        .position(|k| k.id == id.trim() || k.name == id.trim())
    {
        Some(k) => Ok(vec![IndicatorRef {
            item: i,
            indicator: k,
        }]),
        None => {
            let ids: Vec<String> = all
                .iter()
                .map(|k| format!("{}（{}）", k.id, k.name))
                .collect();
            bail!(
                "{}",
                tr!(
                    "事项 {item} 没有指标「{id}」；它的指标：{ids}",
                    "item {item} has no indicator `{id}`; its indicators: {ids}",
                    ids = ids.join(crate::lang::pick(l, "、", ", ")),
                )
                .take(l)
            )
        }
    }
}

fn status_code(m: &MonthLine) -> &'static str {
    if m.rejected {
        "rejected"
    } else {
        m.status.code()
    }
}

fn status_label(m: &MonthLine, l: Lang) -> &'static str {
    if m.rejected {
        crate::assess::rejected_label(l)
    } else {
        m.status.label(l)
    }
}

/// The JSON of docs/history.md: `{"item", "text", "indicators": [{…, "months": […], "forecast"}]}`.
fn to_json(plan: &Plan, courses: &[Course], l: Lang) -> serde_json::Value {
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
                    "status": status_code(m), "status_label": status_label(m, l),
                    "progress": m.progress, "problems": m.problems, "next_steps": m.next_steps,
                })).collect::<Vec<_>>(),
                "forecast": c.trend.forecast.map(clean),
                "forecast_completion": c.trend.forecast_completion.map(clean),
            })
        }).collect::<Vec<_>>(),
    })
}

/// One row per indicator and month, for CSV and Markdown.
fn sheet<'c>(plan: &Plan, courses: impl IntoIterator<Item = &'c Course>, l: Lang) -> Sheet {
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
                Value::from(status_label(m, l)),
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
fn heading(plan: &Plan, courses: &[Course], l: Lang) -> String {
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
fn forecast_line(plan: &Plan, c: &Course, l: Lang) -> String {
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

fn markdown(plan: &Plan, courses: &[Course], l: Lang) -> String {
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

fn table(app: &App, plan: &Plan, course: &[Assessment], cs: &[Course], to_file: bool) -> String {
    let l = app.lang;
    let mut style = app.style;
    style.color &= !to_file;
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
                colored(status_label(m, l), status_color(m.status), style),
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
