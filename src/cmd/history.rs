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
use crate::lang::Lang;
use crate::month::Month;
use crate::plan::{IndicatorRef, Plan};
use crate::render::json;
use crate::report::history;
use crate::tr;
use crate::trend;
use anyhow::{bail, Result};

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

pub fn run(app: &App, args: Args) -> Result<Exit> {
    let l = app.lang;
    let formats = [Format::Table, Format::Json, Format::Csv, Format::Md];
    let format = args.out.resolve_among(l, "history", &formats)?;
    let Some(loaded) = super::load::load_month(
        app,
        args.month,
        args.allow_errors,
        super::load::Words::EveryMonth,
        Some(&|plan| indicators(l, plan, &args.item, args.indicator.as_deref()).map(|_| ())),
    )?
    else {
        return Ok(Exit::Findings);
    };
    let month = loaded.month;
    let (plans, progress) = (&loaded.plans, &loaded.progress);
    let plan = super::plan_for_month(l, plans, month)?;
    let refs = indicators(l, plan, &args.item, args.indicator.as_deref())?;
    let course = trend::course(plans, progress, month);
    let courses = trend::indicator_courses(plans, plan, progress, &course, refs, month);
    let bytes = match format {
        Format::Json => json::pretty(&history::to_json(plan, &courses, l))?.into_bytes(),
        Format::Csv => history::sheet(plan, &courses, l).to_csv(args.out.gbk())?,
        Format::Md => history::markdown(plan, &courses, l).into_bytes(),
        _ => {
            let mut style = app.style;
            style.color &= args.out.output.is_none();
            history::table(plan, &course, &courses, style, l).into_bytes()
        }
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
