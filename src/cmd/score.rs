//! `mingsheng score`: the quarterly evaluation of units (季动态考评) and the year.
//!
//! ```text
//! mingsheng score --quarter 2023Q2 [--unit U] [--format table|csv|json|md|html|xlsx] [-o FILE]
//! mingsheng score --year 2023 [...]
//! ```
//!
//! Every score is explained by its lines (item, indicator, month, rule, points);
//! `--unit` prints one unit's lines. A period that is not over is refused: its
//! months are incomplete. `MINGSHENG_TODAY=YYYY-MM[-DD]` fixes "today" for
//! reproducible batch runs.

use super::Format;
use crate::app::{App, Exit};
use crate::lang::{pick, Lang};
use crate::month::{Month, Quarter};
use crate::progress::read::{month_has_files, read_progress, ReadOptions};
use crate::render::sheet::{html_escape, to_xlsx, Sheet, Value};
use crate::render::table::{new_table, right};
use crate::score::{score_quarter, score_year, Evaluation, Line, UnitScore};
use crate::value::num;
use anyhow::{bail, Result};
use serde_json::json;

#[derive(clap::Args, Debug)]
#[command(group(clap::ArgGroup::new("period").required(true).args(["quarter", "year"])))]
pub struct Args {
    /// 评分季度，如 2023Q2 (the quarter)
    #[arg(long, value_name = "Q")]
    quarter: Option<Quarter>,
    /// 全年评分，如 2023 (the whole year)
    #[arg(long, value_name = "YEAR")]
    year: Option<i32>,
    /// 只看一个单位的扣分明细 (explain one unit, line by line)
    #[arg(long, value_name = "UNIT")]
    unit: Option<String>,
    #[command(flatten)]
    out: super::Output,
}

pub fn run(app: &App, args: Args) -> Result<Exit> {
    let format = args.out.resolve(app.lang)?;
    if format == Format::Docx {
        bail!(
            "{}",
            super::msg(
                app.lang,
                "docx 仅用于月调度通报（mingsheng report）；评分请导出 xlsx、csv、md 或 html".into(),
                "docx is for the monthly notice (mingsheng report) only; export scores as xlsx, csv, md or html".into(),
            )
        );
    }
    let ws = app.workspace()?;
    let (year, last) = match (args.quarter, args.year) {
        (Some(q), _) => (q.year, q.last()),
        (None, Some(y)) => (y, Month::december(y)),
        (None, None) => unreachable!("clap requires a period"),
    };
    // Closed months are read from their records; when the period's last month
    // is closed, so is the task list its scores were computed under.
    let record = crate::archive::Record::load(&ws)?;
    let source = record.plan_source(&ws, last);
    let Some(plans) = app.plans(&source)? else {
        return Ok(Exit::Findings);
    };
    // A period over with a month that has no file at all would rank every unit
    // as not reporting: refused, naming the month.
    let first = match args.quarter {
        Some(q) => q.first(),
        None => Month::january(year),
    };
    let planned = plans.for_month(last).is_some_and(|p| p.year == year);
    if planned && last < super::today()? {
        let mut m = first;
        let mut empty = Vec::new();
        while m <= last {
            if !record.is_closed(m) && !month_has_files(&ws, m) {
                empty.push(m.to_string());
            }
            m = m.next();
        }
        if !empty.is_empty() {
            crate::app::eprintln_safe!(
                "{}",
                match app.lang {
                    Lang::Zh => format!(
                        "错误：{} 没有任何进展文件（data/月份/ 为空或不存在），不能评分：否则每个单位都按未报送扣分",
                        empty.join("、")
                    ),
                    Lang::En => format!(
                        "error: {} hold(s) no progress file at all (data/M/ is empty or missing); scoring would charge every unit as not reporting",
                        empty.join(", ")
                    ),
                }
            );
            return Ok(Exit::Findings);
        }
    }
    let mut diags = crate::diag::Diagnostics::default();
    let opts = ReadOptions {
        from: Some(Month::january(year)),
        to: Some(last),
        on_month: Some(super::show_reading),
        archived: record.sources(Month::january(year), last),
        ..ReadOptions::default()
    };
    let mut progress = read_progress(&ws, &plans, &opts, &mut diags)?;
    progress.late = record.late(Month::january(year), last);
    if diags.has_errors() {
        app.print_diagnostics(&diags);
        let n = diags.errors();
        crate::app::eprintln_safe!(
            "{}",
            match app.lang {
                Lang::Zh => format!("进展文件有 {n} 处错误，请先用 mingsheng check 修正后再评分"),
                Lang::En => format!(
                    "{n} errors in the progress files: fix them (mingsheng check) before scoring"
                ),
            }
        );
        return Ok(Exit::Findings);
    }
    let today = super::today()?;
    let eval = match (args.quarter, args.year) {
        (Some(q), _) => score_quarter(&plans, &progress, q, today),
        (None, Some(y)) => score_year(&plans, &progress, y, today),
        (None, None) => unreachable!("clap requires a period"),
    };
    let eval = match eval {
        Ok(e) => e,
        Err(e) => bail!("{e}"),
    };
    let units: Vec<&UnitScore> = match &args.unit {
        None => eval.units.iter().collect(),
        Some(name) => {
            let plan = plans
                .for_month(last)
                .expect("scored, so a plan is in force");
            let Some(u) = plan.unit_by_name(name) else {
                bail!(
                    "{}",
                    match app.lang {
                        Lang::Zh => format!("「{name}」不是任务清单中的单位"),
                        Lang::En => format!("`{name}` is not a unit of the plan"),
                    }
                );
            };
            let id = &plan.units[u].id;
            eval.units.iter().filter(|s| &s.id == id).collect()
        }
    };
    let l = app.lang;
    let bytes = match format {
        Format::Json => {
            let mut s = serde_json::to_string_pretty(&to_json(&eval, &units, l))?;
            s.push('\n');
            s.into_bytes()
        }
        Format::Table => if args.unit.is_some() {
            explain(app, &eval, &units) + &late_notes(&record, &units, l)
        } else {
            summary_table(app, &eval)
        }
        .into_bytes(),
        Format::Csv => lines_sheet(&eval, &units, l).to_csv(args.out.gbk())?,
        Format::Md => markdown(&eval, &units, l).into_bytes(),
        Format::Html => html(&eval, &units, l).into_bytes(),
        Format::Xlsx => to_xlsx(
            &[scores_sheet(&units, l), lines_sheet(&eval, &units, l)],
            &title(&eval, l),
        )?,
        Format::Docx => unreachable!("refused above"),
    };
    args.out.emit(app.lang, &bytes)?;
    Ok(Exit::Ok)
}

/// For `--unit`: when each late file was received and when it was due, from
/// the closed month's manifest.
fn late_notes(record: &crate::archive::Record, units: &[&UnitScore], l: Lang) -> String {
    let mut out = String::new();
    for u in units {
        for line in u.lines.iter().filter(|x| x.rule == "late") {
            let Some(c) = record.get(line.month) else {
                continue;
            };
            for f in c.manifest.files.iter().filter(|f| f.unit == u.id && f.late) {
                out.push_str(&match l {
                    Lang::Zh => format!(
                        "{} 逾期报送：{} 于 {} 收到，报送时限为 {}（见 archive/{}/{}）\n",
                        line.month,
                        f.name,
                        f.received,
                        c.manifest.due,
                        line.month,
                        crate::archive::MANIFEST
                    ),
                    Lang::En => format!(
                        "{} filed late: {} received {}, due by {} (see archive/{}/{})\n",
                        line.month,
                        f.name,
                        f.received,
                        c.manifest.due,
                        line.month,
                        crate::archive::MANIFEST
                    ),
                });
            }
        }
    }
    out
}

fn rule_label(rule: &str, l: Lang) -> &'static str {
    let (zh, en) = match rule {
        "not_reported" => ("未报送", "not reported"),
        "severely_behind" => ("严重滞后", "severely behind"),
        "behind" => ("滞后", "behind"),
        "overdue" => ("逾期未完成", "overdue"),
        "done_early" => ("提前完成", "done early"),
        "streak" => ("连续滞后", "behind in a row"),
        "late" => ("逾期报送", "filed late"),
        "cap" => ("封顶调整", "cap"),
        "rank_bonus" => ("名次加分", "rank bonus"),
        _ => ("其他", "other"),
    };
    pick(l, zh, en)
}

fn title(e: &Evaluation, l: Lang) -> String {
    let period = match (e.year_rule.is_some(), l) {
        (true, Lang::Zh) => format!("{}年度", e.period),
        (false, Lang::Zh) => {
            let (y, q) = e.period.split_once('Q').unwrap_or((&e.period, ""));
            format!("{y}年第{q}季度")
        }
        (_, Lang::En) => e.period.clone(),
    };
    match l {
        Lang::Zh => format!("民生实事{period}动态考评"),
        Lang::En => format!("Livelihood tasks: evaluation of {period}"),
    }
}

fn line_json(line: &Line) -> serde_json::Value {
    json!({
        "item": line.item,
        "indicator": line.indicator,
        "month": line.month.to_string(),
        "rule": line.rule,
        "points": line.points,
    })
}

/// SPEC §8: `{"quarter", "units": [{"id", "name", "score", "rank", "deductions": [...]}]}`.
fn to_json(e: &Evaluation, units: &[&UnitScore], l: Lang) -> serde_json::Value {
    let period_key = if e.year_rule.is_some() {
        "year"
    } else {
        "quarter"
    };
    json!({
        period_key: e.period,
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

fn round2(x: f64) -> f64 {
    crate::value::round_half_away(x, 2)
}

fn rank_text(u: &UnitScore, l: Lang) -> String {
    u.rank.map_or_else(
        || pick(l, "不参与排名", "not ranked").to_string(),
        |r| r.to_string(),
    )
}

fn summary_table(app: &App, e: &Evaluation) -> String {
    let l = app.lang;
    let mut t = new_table(
        app.style,
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
    let head = match l {
        Lang::Zh => format!(
            "{}（任务清单版本 {}，基础分 {}）\n",
            title(e, l),
            e.version,
            num(e.base)
        ),
        Lang::En => format!(
            "{} (plan version {}, base {})\n",
            title(e, l),
            e.version,
            num(e.base)
        ),
    };
    let foot = pick(
        l,
        "用 --unit 单位名 查看某单位的逐条扣分明细。\n",
        "Use --unit NAME to see one unit's lines.\n",
    );
    format!("{head}{t}\n{foot}")
}

fn explain(app: &App, e: &Evaluation, units: &[&UnitScore]) -> String {
    let l = app.lang;
    let mut out = String::new();
    for u in units {
        let mut t = new_table(
            app.style,
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
                comfy_table::Cell::new(line.indicator.clone().unwrap_or_default()),
                comfy_table::Cell::new(rule_label(line.rule, l)),
                right(signed(line.points)),
            ]);
        }
        let sum: f64 = u.lines.iter().map(|x| x.points).sum();
        out.push_str(&match l {
            Lang::Zh => format!(
                "{} {}：{} 分，名次 {}\n",
                title(e, l),
                u.name,
                num(u.score),
                rank_text(u, l)
            ),
            Lang::En => format!(
                "{} {}: {} points, rank {}\n",
                title(e, l),
                u.name,
                num(u.score),
                rank_text(u, l)
            ),
        });
        if !u.lines.is_empty() {
            out.push_str(&format!("{t}\n"));
        }
        out.push_str(&if e.year_rule.is_some() {
            let qs = u
                .quarters
                .iter()
                .map(|(q, s)| format!("{q} {}", num(*s)))
                .collect::<Vec<_>>()
                .join(", ");
            match l {
                Lang::Zh => format!("各季度得分：{qs}\n\n"),
                Lang::En => format!("quarter scores: {qs}\n\n"),
            }
        } else {
            match l {
                Lang::Zh => format!(
                    "基础分 {} {} = {} 分\n\n",
                    num(e.base),
                    signed(sum),
                    num(u.score)
                ),
                Lang::En => format!(
                    "base {} {} = {}\n\n",
                    num(e.base),
                    signed(sum),
                    num(u.score)
                ),
            }
        });
    }
    out
}

fn signed(x: f64) -> String {
    if x >= 0.0 {
        format!("+{}", num(x))
    } else {
        format!("−{}", num(-x))
    }
}

fn scores_sheet(units: &[&UnitScore], l: Lang) -> Sheet {
    Sheet {
        name: pick(l, "得分与名次", "scores").into(),
        header: [
            pick(l, "名次", "rank"),
            pick(l, "单位编号", "unit id"),
            pick(l, "单位", "unit"),
            pick(l, "得分", "score"),
            pick(l, "扣分", "deductions"),
            pick(l, "加分", "bonuses"),
        ]
        .map(String::from)
        .to_vec(),
        widths: vec![8.0, 10.0, 28.0, 10.0, 10.0, 10.0],
        rows: units
            .iter()
            .map(|u| {
                vec![
                    u.rank
                        .map_or(Value::Text(rank_text(u, l)), |r| Value::Num(r as f64)),
                    u.id.as_str().into(),
                    u.name.as_str().into(),
                    Value::Num(round2(u.score)),
                    Value::Num(round2(u.deductions())),
                    Value::Num(round2(u.bonuses())),
                ]
            })
            .collect(),
    }
}

/// One row per line: what CSV exports, so a unit can check its score in Excel.
fn lines_sheet(e: &Evaluation, units: &[&UnitScore], l: Lang) -> Sheet {
    let mut rows = Vec::new();
    for u in units {
        for line in &u.lines {
            rows.push(vec![
                e.period.as_str().into(),
                u.id.as_str().into(),
                u.name.as_str().into(),
                Value::from(u.score),
                u.rank.map_or(Value::Empty, |r| Value::Num(r as f64)),
                line.month.to_string().into(),
                line.item.clone().into(),
                line.indicator.clone().into(),
                line.rule.into(),
                rule_label(line.rule, l).into(),
                Value::Num(line.points),
            ]);
        }
    }
    Sheet {
        name: pick(l, "扣分明细", "lines").into(),
        header: [
            pick(l, "考评期", "period"),
            pick(l, "单位编号", "unit_id"),
            pick(l, "单位", "unit"),
            pick(l, "得分", "score"),
            pick(l, "名次", "rank"),
            pick(l, "月份", "month"),
            pick(l, "事项", "item"),
            pick(l, "指标", "indicator"),
            "rule",
            pick(l, "规则", "rule_label"),
            pick(l, "分值", "points"),
        ]
        .map(String::from)
        .to_vec(),
        widths: vec![10.0, 10.0, 28.0, 8.0, 6.0, 10.0, 8.0, 14.0, 16.0, 12.0, 8.0],
        rows,
    }
}

fn markdown(e: &Evaluation, units: &[&UnitScore], l: Lang) -> String {
    format!(
        "# {}\n\n{}\n\n{}\n## {}\n\n{}",
        title(e, l),
        match l {
            Lang::Zh => format!("任务清单版本 {}，基础分 {}。", e.version, num(e.base)),
            Lang::En => format!("Plan version {}, base score {}.", e.version, num(e.base)),
        },
        scores_sheet(units, l).to_markdown(),
        pick(l, "扣分与加分明细", "Deductions and bonuses"),
        lines_sheet(e, units, l).to_markdown()
    )
}

fn html(e: &Evaluation, units: &[&UnitScore], l: Lang) -> String {
    let t = html_escape(&title(e, l));
    let lang = pick(l, "zh-CN", "en");
    // Scores sit close to the base: bars start a little below the lowest score so
    // the differences show, and the page says where they start.
    let ranked: Vec<&&UnitScore> = units.iter().filter(|u| u.rank.is_some()).collect();
    let hi = ranked.iter().map(|u| u.score).fold(f64::MIN, f64::max);
    let lo = (ranked.iter().map(|u| u.score).fold(f64::MAX, f64::min) - 5.0).floor();
    let span = (hi - lo).max(1.0);
    let mut bars = String::new();
    if !ranked.is_empty() {
        bars.push_str(&format!(
            "<p class=\"axis\">{}</p>\n",
            match l {
                Lang::Zh => format!("柱长自 {} 分起", num(lo)),
                Lang::En => format!("bars start at {}", num(lo)),
            }
        ));
    }
    for u in ranked {
        let w = ((u.score - lo) / span * 100.0).clamp(0.0, 100.0);
        bars.push_str(&format!(
            "<div class=\"bar\"><span class=\"name\">{}</span><svg width=\"60%\" height=\"14\"><rect width=\"{w:.1}%\" height=\"14\" fill=\"#b22222\"/></svg><span class=\"v\">{}</span></div>\n",
            html_escape(&u.name),
            num(u.score)
        ));
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{t}</title>\n<style>\
body{{font-family:\"Microsoft YaHei\",\"PingFang SC\",\"Noto Sans CJK SC\",sans-serif;max-width:190mm;margin:2em auto;color:#222}}\
h1{{text-align:center;color:#b22222;font-size:1.6em}}table{{border-collapse:collapse;width:100%;margin:1em 0;font-size:.9em}}\
th,td{{border:1px solid #999;padding:3px 6px}}th{{background:#f3e5e5}}td.n{{text-align:right}}\
.bar{{display:flex;align-items:center;gap:.5em;font-size:.85em}}.axis{{color:#666;font-size:.8em}}.bar .name{{width:12em}}\
@media print{{@page{{size:A4;margin:15mm}}body{{margin:0}}}}</style></head><body>\n<h1>{t}</h1>\n<p>{}</p>\n{bars}<h2>{}</h2>\n{}<h2>{}</h2>\n{}</body></html>\n",
        html_escape(&match l {
            Lang::Zh => format!("任务清单版本 {}，基础分 {}。", e.version, num(e.base)),
            Lang::En => format!("Plan version {}, base score {}.", e.version, num(e.base)),
        }),
        pick(l, "得分与名次", "Scores and ranks"),
        scores_sheet(units, l).to_html(),
        pick(l, "扣分与加分明细", "Deductions and bonuses"),
        lines_sheet(e, units, l).to_html(),
    )
}
