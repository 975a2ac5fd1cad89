//! `mingsheng report`: the monthly dispatch report (月调度通报) for a month.
//!
//! ```text
//! mingsheng report --month M [--format table|csv|json|md|html|xlsx|docx] [-o FILE] [--encoding utf8|gbk]
//!                  [--date YYYY-MM-DD]
//! ```
//!
//! Reads the plan version in force for M and every progress file from the plan
//! year's January through M, assesses each indicator and item (see
//! [`crate::assess`]) and prints the headline and the per-item table, or writes
//! the notice / an export. `-o FILE` takes the format from the extension when
//! `--format` is not given. Every report names the plan version and the SHA-256
//! of the files it was built from; the same files give byte-identical output.
//! The notice (md, html, docx) closes with the office and the date (落款):
//! `--date`, else `MINGSHENG_TODAY`, else today.

use super::{msg, Format};
use crate::cli::{App, Exit};
use crate::diag::Diagnostics;
use crate::month::Month;
use crate::progress::read::{read_progress, ReadOptions};
use crate::progress::Progress;
use crate::report::{self, Inputs, Report};
use crate::workspace::{is_office_temp, Workspace};
use anyhow::{bail, Context, Result};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// 报告月份 (the month reported, YYYY-MM)
    #[arg(long, value_name = "M")]
    month: Month,
    #[command(flatten)]
    out: super::Output,
    /// 通报落款日期，默认为今天 (the notice's date, YYYY-MM-DD; default today)
    #[arg(long, value_name = "YYYY-MM-DD")]
    date: Option<chrono::NaiveDate>,
}

/// The notice's date: `--date`, else `MINGSHENG_TODAY` (YYYY-MM-DD, or YYYY-MM
/// for the first of that month, as `score` reads it), else today.
fn notice_date(given: Option<chrono::NaiveDate>) -> Result<chrono::NaiveDate> {
    if let Some(d) = given {
        return Ok(d);
    }
    if let Ok(s) = std::env::var("MINGSHENG_TODAY") {
        let s = s.trim();
        return chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .or_else(|_| chrono::NaiveDate::parse_from_str(&format!("{s}-01"), "%Y-%m-%d"))
            .map_err(|e| anyhow::anyhow!("MINGSHENG_TODAY: {e}"));
    }
    Ok(chrono::Local::now().date_naive())
}

pub fn run(app: &App, args: Args) -> Result<Exit> {
    let l = app.lang;
    let format = args.out.resolve(l)?;

    let ws = app.workspace()?;
    let Some(plans) = app.plans(&ws)? else {
        return Ok(Exit::Findings);
    };
    let Some(plan) = plans.for_month(args.month) else {
        bail!(
            "{}",
            msg(
                l,
                format!(
                    "{} 没有生效的任务清单版本（最早的版本自 {} 起生效）",
                    args.month, plans.versions[0].effective
                ),
                format!(
                    "no plan version is in force in {} (the first takes effect in {})",
                    args.month, plans.versions[0].effective
                ),
            )
        );
    };
    if plan.year != args.month.year() {
        // SPEC §2: the newest version effective on or before M governs, even from
        // an earlier year; say so, since its deadlines have all passed.
        eprintln!(
            "{}",
            msg(
                l,
                format!(
                    "注意：{} 不在任务清单 {}（{}年）的年度内；如已有新一年的任务清单，请放入 seeds/",
                    args.month, plan.version, plan.year
                ),
                format!(
                    "note: {} is outside the year of plan version {} ({}); put a new year's task list in seeds/",
                    args.month, plan.version, plan.year
                ),
            )
        );
    }
    let from = Month::january(plan.year);
    let mut diags = Diagnostics::default();
    let progress = read_progress(
        &ws,
        &plans,
        &ReadOptions {
            from: Some(from),
            to: Some(args.month),
            encoding: None,
            on_month: Some(super::show_reading),
            notes_for: Some(args.month),
            digests: true,
        },
        &mut diags,
    )?;
    if diags.errors() > 0 || diags.warnings() > 0 {
        eprintln!(
            "{}",
            msg(
                l,
                format!(
                    "注意：进展文件中有 {} 个错误、{} 个警告，出错的数据未计入本报告；运行 mingsheng check --month {} 查看详情",
                    diags.errors(),
                    diags.warnings(),
                    args.month
                ),
                format!(
                    "note: the progress files have {} errors and {} warnings; values in error are left out; run `mingsheng check --month {}` for details",
                    diags.errors(),
                    diags.warnings(),
                    args.month
                ),
            )
        );
    }
    let inputs = hash_workspace(&ws, &progress)?;
    let mut report = Report::build(&plans, &progress, args.month, inputs, l)
        .context("no plan version in force")?;
    report.date = Some(notice_date(args.date)?);
    let bytes = match format {
        Format::Table => {
            let mut style = app.style;
            if args.out.output.is_some() {
                style.color = false;
            }
            report::table::render(&report, style).into_bytes()
        }
        Format::Json => report::json::to_text(&report).into_bytes(),
        Format::Md => report::notice::markdown(&report)?.into_bytes(),
        Format::Html => report::notice::html(&report)?.into_bytes(),
        Format::Csv => report::csv::to_bytes(&report, args.out.gbk())?,
        Format::Xlsx => report::xlsx::to_bytes(&report)?,
        Format::Docx => report::docx::to_bytes(&report)?,
    };
    args.out.emit(&bytes)?;
    Ok(Exit::Ok)
}

/// Hashes what the report is built from: every `seeds/*.toml`, then every
/// progress file the reader read for the months reported (their digests were
/// taken as they were read), in sorted path order.
pub fn hash_workspace(ws: &Workspace, progress: &Progress) -> Result<Inputs> {
    use sha2::{Digest, Sha256};
    let dir = ws.seeds_dir();
    let mut files: Vec<(String, [u8; 32])> = Vec::new();
    for e in std::fs::read_dir(&dir).with_context(|| format!("无法读取 {}", dir.display()))? {
        let p = e
            .with_context(|| format!("无法读取 {}", dir.display()))?
            .path();
        if p.is_file()
            && !is_office_temp(&p)
            && p.extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("toml"))
        {
            let bytes = std::fs::read(&p).with_context(|| format!("无法读取 {}", p.display()))?;
            files.push((ws.rel(&p), Sha256::digest(&bytes).into()));
        }
    }
    files.extend(
        progress
            .files
            .iter()
            .filter_map(|f| Some((f.path.clone(), f.sha256?))),
    );
    files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(report::hash_inputs(&files))
}
