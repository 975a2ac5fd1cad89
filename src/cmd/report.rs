//! `mingsheng report`: the monthly dispatch report (月调度通报) for a month.
//!
//! ```text
//! mingsheng report [--month M] [--allow-errors] [--format table|csv|json|md|html|xlsx|docx] [-o FILE]
//!                  [--encoding utf8|gbk] [--date YYYY-MM-DD]
//! ```
//!
//! A report over data errors is refused (exit 1, the errors listed as `check`
//! lists them): of month M or of an earlier month of the year it builds on.
//! `--allow-errors` reports anyway; each refused figure then shows as 数据有误
//! (`"rejected": true` in JSON) and its unit is never listed as not reporting.
//! A month after today, outside the plan's year or with no file at all is
//! refused; without `--month` the latest month that has files is reported.
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
use crate::diag::{Diagnostics, Severity};
use crate::month::Month;
use crate::progress::read::{month_has_files, read_progress, ReadOptions};
use crate::progress::Progress;
use crate::report::{self, Inputs, Report};
use crate::workspace::{is_office_temp, Workspace};
use anyhow::{bail, Context, Result};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// 报告月份（YYYY-MM）；省略时取有进展文件的最近月份 (the month reported; default: the latest month with files)
    #[arg(long, value_name = "M")]
    month: Option<Month>,
    /// 进展文件有错误时仍生成报告，出错的数据标为「数据有误」 (report despite data errors; refused figures show as 数据有误)
    #[arg(long)]
    allow_errors: bool,
    #[command(flatten)]
    out: super::Output,
    /// 通报落款日期，默认为今天 (the notice's date, YYYY-MM-DD; default today)
    #[arg(long, value_name = "YYYY-MM-DD")]
    date: Option<chrono::NaiveDate>,
    /// 终端较窄时也显示完整的宽表格（全部列、全部指标） (the full table on a narrow terminal too)
    #[arg(long)]
    wide: bool,
}

/// The terminal width the table must fit, or `None` for the full table: with
/// `--wide`, `-o`, or output that is not a terminal (so scripts and pipes get
/// the same table as ever). `MINGSHENG_COLUMNS` sets the width as if on a
/// terminal that wide (for tests and for consoles that do not tell).
fn table_width(wide: bool, to_file: bool) -> Option<u16> {
    use std::io::IsTerminal;
    if wide || to_file {
        return None;
    }
    if let Some(w) = std::env::var("MINGSHENG_COLUMNS")
        .ok()
        .and_then(|v| v.trim().parse::<u16>().ok())
    {
        return Some(w.max(60));
    }
    if !std::io::stdout().is_terminal() {
        return None;
    }
    // comfy-table asks the terminal (crossterm) when stdout is one.
    comfy_table::Table::new().width().or(Some(80))
}

pub fn run(app: &App, args: Args) -> Result<Exit> {
    let l = app.lang;
    let format = args.out.resolve(l)?;

    let ws = app.workspace()?;
    let month = match args.month {
        Some(m) => m,
        None => {
            let Some(m) = super::latest_month_with_files(&ws) else {
                bail!(
                    "{}",
                    msg(
                        l,
                        "data/ 中没有任何月份的进展文件；请用 --month 指定月份".into(),
                        "no month under data/ holds a progress file; name one with --month".into(),
                    )
                );
            };
            crate::cli::eprintln_safe!(
                "{}",
                msg(
                    l,
                    format!("未指定 --month，报告有进展文件的最近月份：{m}"),
                    format!("no --month given: reporting the latest month with files, {m}"),
                )
            );
            m
        }
    };
    // A closed month is reported from its record (archive/M): the task list and
    // the files as they were when it was closed, so the notice comes out as issued.
    let record = crate::archive::Record::load(&ws)?;
    let source = record.plan_source(&ws, month);
    let Some(plans) = app.plans(&source)? else {
        return Ok(Exit::Findings);
    };
    let plan = super::plan_for_month(l, &plans, month)?;
    if !record.is_closed(month) && !month_has_files(&ws, month) {
        crate::cli::eprintln_safe!(
            "{}",
            msg(
                l,
                format!("错误：data/{month}/ 中没有任何进展文件，无法生成 {} 的报告（各单位的报表收回后放入该文件夹）", month.zh()),
                format!("error: data/{month}/ holds no progress file: there is nothing to report for {month}"),
            )
        );
        return Ok(Exit::Findings);
    }
    let from = Month::january(plan.year);
    let mut diags = Diagnostics::default();
    let progress = read_progress(
        &ws,
        &plans,
        &ReadOptions {
            from: Some(from),
            to: Some(month),
            encoding: None,
            on_month: Some(super::show_reading),
            notes_for: Some(month),
            digests: true,
            archived: record.sources(from, month),
        },
        &mut diags,
    )?;
    let mut errors = diags;
    errors.retain(|_, _, severity| severity == Severity::Error);
    if !errors.is_empty() {
        app.print_diagnostics(&errors);
        if !args.allow_errors {
            crate::cli::eprintln_safe!(
                "{}",
                msg(
                    l,
                    format!(
                        "{from} 至 {month} 的进展文件有 {} 个错误，未生成报告。请相关单位改正后重新报送（mingsheng check --month 月份 查看各月详情）；如确需先行印发，可加 --allow-errors，出错的数据标为「数据有误」",
                        errors.errors()
                    ),
                    format!(
                        "the progress files of {from} to {month} have {} error(s); no report was made. Have them corrected (mingsheng check --month M shows each month), or give --allow-errors to report with those figures marked as data errors",
                        errors.errors()
                    ),
                )
            );
            return Ok(Exit::Findings);
        }
    }
    let mut progress = progress;
    progress.late = record.late(from, month);
    if let Some(c) = record.get(month) {
        crate::cli::eprintln_safe!(
            "{}",
            msg(
                l,
                format!(
                    "{month} 已于 {} 关账，按存档 archive/{month}/ 出具（第{}版）",
                    c.manifest.closed_at, c.manifest.record
                ),
                format!(
                    "{month} was closed on {}: reported from its record archive/{month}/ (record {})",
                    c.manifest.closed_at, c.manifest.record
                ),
            )
        );
    }
    let inputs = hash_workspace(&source, &progress)?;
    let mut report =
        Report::build(&plans, &progress, month, inputs, l).context("no plan version in force")?;
    report.date = Some(match args.date {
        Some(d) => d,
        None => super::today_date()?,
    });
    if !errors.is_empty() {
        let left_out = report.rejected_figures().len();
        crate::cli::eprintln_safe!(
            "{}",
            msg(
                l,
                format!(
                    "注意：{from} 至 {month} 的进展文件有 {} 个错误（--allow-errors）；本月 {left_out} 项数据有误，未计入本报告，在报告中标为「数据有误」",
                    errors.errors()
                ),
                format!(
                    "note: the progress files of {from} to {month} have {} error(s) (--allow-errors); {left_out} figure(s) of this month were left out and show as data errors",
                    errors.errors()
                ),
            )
        );
    }
    let bytes = match format {
        Format::Table => {
            let mut style = app.style;
            if args.out.output.is_some() {
                style.color = false;
            }
            let width = table_width(args.wide, args.out.output.is_some());
            report::table::render_fit(&report, style, width).into_bytes()
        }
        Format::Json => report::json::to_text(&report).into_bytes(),
        Format::Md => report::notice::markdown(&report)?.into_bytes(),
        Format::Html => report::notice::html(&report)?.into_bytes(),
        Format::Csv => report::csv::to_bytes(&report, args.out.gbk())?,
        Format::Xlsx => report::xlsx::to_bytes(&report)?,
        Format::Docx => report::docx::to_bytes(&report)?,
    };
    args.out.emit(app.lang, &bytes)?;
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
