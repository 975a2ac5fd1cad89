//! `mingsheng highlights`: the publicity summary (宣传推介) of a month — items
//! done with their figures and month, items ahead of time progress, the year's
//! numbers so far, in plain sentences; never a lagging item (see
//! [`crate::report::highlights`]).
//!
//! ```text
//! mingsheng highlights [--month M] [--allow-errors] [--format md|html|docx|json] [-o FILE] [--date YYYY-MM-DD]
//! ```
//!
//! Read as `report` reads the month (closed months from their record); without
//! `--format` or `-o` the Markdown goes to the terminal.

use super::Format;
use crate::app::{App, Exit};
use crate::report::{highlights, Report};
use crate::tr;
use anyhow::{Context, Result};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// 月份（YYYY-MM）；省略时取有进展文件的最近月份 (the month; default: the latest month with files)
    #[arg(long, value_name = "M")]
    month: Option<crate::month::Month>,
    /// 进展文件有错误时仍然生成（出错的数据不计入）(go on despite data errors; refused figures are left out)
    #[arg(long)]
    allow_errors: bool,
    #[command(flatten)]
    out: super::Output,
    /// Word 文档的日期，默认为今天 (the document's date, YYYY-MM-DD; default today)
    #[arg(long, value_name = "YYYY-MM-DD")]
    date: Option<chrono::NaiveDate>,
}

pub fn run(app: &App, args: Args) -> Result<Exit> {
    let l = app.lang;
    // Without --format the Markdown goes to the terminal.
    let formats = [Format::Md, Format::Html, Format::Docx, Format::Json];
    let format = args.out.resolve_among(l, "highlights", &formats)?;
    let Some(loaded) = super::load::load_month(
        app,
        args.month,
        args.allow_errors,
        super::load::Words::Month,
        None,
    )?
    else {
        return Ok(Exit::Findings);
    };
    let month = loaded.month;
    let inputs = crate::report::Inputs::of(loaded.source.plan_digests()?, &loaded.progress);
    let mut report = Report::build(&loaded.plans, &loaded.progress, month, inputs, l)
        .with_context(|| {
            tr!(
                "{month} 没有生效的任务清单版本",
                "no plan version is in force in {month}"
            )
        })?;
    report.date = Some(match args.date {
        Some(d) => d,
        None => super::today_date()?,
    });
    let h = report.highlights();
    let bytes = match format {
        Format::Html => highlights::html(&h)?.into_bytes(),
        Format::Docx => highlights::docx(&h, &report)?,
        Format::Json => crate::render::json::pretty(&h)?.into_bytes(),
        _ => highlights::markdown(&h).into_bytes(),
    };
    args.out.emit(l, &bytes)?;
    Ok(Exit::Ok)
}
