//! `mingsheng close`: closes a month, freezing its record (docs/closing.md).
//!
//! ```text
//! mingsheng close --month M [--allow-missing] [--all-late] [--format text|json]
//! ```
//!
//! For the office, once `check --month M` passes and before the notice is
//! issued. Refuses while M's progress files have errors, while a reporting unit
//! has no file (unless `--allow-missing`), when M has no file at all, when M
//! is already closed, and when every file was received after the due day (a
//! copy that reset modified times, most likely; `--all-late` closes anyway). Otherwise copies M's progress files and the task list into
//! `archive/M/` with a manifest (each file's name, unit, SHA-256, size, modified
//! time as the time received, rows read, lateness; who closed and when) and
//! appends the event to `archive/log.jsonl`. It writes nothing else. From then
//! on `report` and `score` read M from its record (see [`crate::archive`]).
//!
//! Who closed is the OS user (`USERNAME`, else `USER`); `MINGSHENG_NOW`
//! (RFC 3339) fixes the time of the event for batch runs and tests.
//!
//! Exit status: 0 closed, 1 refused (the reason on stderr), 2 could not run.

use crate::app::{App, Exit};
use crate::archive::{self, CloseFile, Manifest, Record};
use crate::diag::Diagnostics;
use crate::lang::Lang;
use crate::month::Month;
use crate::plan::{Plan, PlanSet};
use crate::progress::read::{read_progress, ReadOptions};
use crate::progress::Progress;
use crate::tr;
use crate::workspace::Workspace;
use anyhow::{bail, Result};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// 关账月份（YYYY-MM）(the month to close)
    #[arg(long, value_name = "M")]
    month: Month,
    /// 有单位未报送也关账（未报送单位记入清单）(close although a unit has no file)
    #[arg(long)]
    allow_missing: bool,
    /// 所有文件都晚于报送时限也关账（通常是复制改掉了修改时间，先核实）(close although every file is after the due day)
    #[arg(long)]
    all_late: bool,
    /// 输出格式：文字，或 json（关账清单）(output: text, or json: the manifest)
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Text,
    Json,
}

pub fn run(app: &App, args: Args) -> Result<Exit> {
    let l = app.lang;
    let month = args.month;
    let ws = app.workspace()?;
    let record = Record::load(&ws)?;
    if refuse_closed(l, &record, month) {
        return Ok(Exit::Findings);
    }
    let Some(plans) = app.plans(&ws)? else {
        return Ok(Exit::Findings);
    };
    let Some(plan) = plans.for_month(month) else {
        bail!(
            "{}",
            tr!(
                "{month} 没有生效的任务清单版本，不能关账",
                "no plan version is in force in {month}: it cannot be closed",
            )
            .take(l)
        );
    };
    let Some(progress) = read_month(app, &ws, &plans, &record, month)? else {
        return Ok(Exit::Findings);
    };
    let closing = Closing {
        l,
        ws: &ws,
        plan,
        month,
        files: files_of(&progress, month),
        missing: crate::assess::missing_units(&plans, plan, &progress, month),
    };
    if !closing.ready(&args) {
        return Ok(Exit::Findings);
    }
    closing.close(args.format)?;
    Ok(Exit::Ok)
}

/// A month about to be closed: its files and the units that did not file.
struct Closing<'a> {
    l: Lang,
    ws: &'a Workspace,
    plan: &'a Plan,
    month: Month,
    files: Vec<CloseFile>,
    missing: Vec<usize>,
}

impl Closing<'_> {
    /// Whether the month may be closed now; if not, says why on stderr: no
    /// file at all, a unit that has not filed (without `--allow-missing`), or
    /// every file after the due day (without `--all-late`).
    fn ready(&self, args: &Args) -> bool {
        let (l, month) = (self.l, self.month);
        if self.files.is_empty() {
            crate::app::eprintln_safe!(
                "{}",
                tr!(
                    "data/{month}/ 中没有任何进展文件，不能关账",
                    "data/{month}/ holds no progress file: nothing to close",
                )
                .take(l)
            );
            return false;
        }
        if !self.missing.is_empty() && !args.allow_missing {
            crate::app::eprintln_safe!(
                "{}",
                tr!(
                    "{month} 还有 {n} 个单位未报送：{names}。不能关账；催报后再关账，或确认不再等待时加 --allow-missing（未报送单位记入关账清单）",
                    "{n} unit(s) have not filed for {month}: {names}. Not closed; close when they have, or add --allow-missing to close without them (they are recorded in the manifest)",
                    n = self.missing.len(),
                    names = unit_names(l, self.plan, &self.missing),
                )
                .take(l)
            );
            return false;
        }
        if self.files.len() > 1
            && !args.all_late
            && archive::all_late(self.ws, self.plan, month, &self.files)
        {
            refuse_all_late(l, month, self.files.len());
            return false;
        }
        true
    }

    /// Writes the record and the log entry, then prints the summary (or, with
    /// `--format json`, the manifest).
    fn close(&self, format: Format) -> Result<()> {
        let by = archive::os_user();
        let (manifest, text) = archive::close(
            self.ws,
            self.plan,
            self.month,
            &self.files,
            &self.missing,
            &by,
        )?;
        match format {
            Format::Json => super::emit(None, &text),
            Format::Text => {
                let missing = unit_names(self.l, self.plan, &self.missing);
                let out = summary(self.l, self.month, &manifest, &by, &missing);
                super::emit(None, out.as_bytes())
            }
        }
    }
}

/// The units' names as a list in the language's way.
fn unit_names(l: Lang, plan: &Plan, units: &[usize]) -> String {
    units
        .iter()
        .map(|&u| plan.units[u].name.as_str())
        .collect::<Vec<_>>()
        .join(crate::lang::pick(l, "、", ", "))
}

/// Says why a month whose every file is late was not closed.
fn refuse_all_late(l: Lang, month: Month, n: usize) {
    crate::app::eprintln_safe!(
        "{}",
        tr!(
            "{month} 的 {n} 个文件的修改时间（即收到时间）都晚于报送时限，未关账：多半是复制改掉了修改时间，关账会把所有单位记为逾期报送并在季度考评中扣分。请用保留时间的方式（robocopy /COPY:DAT、cp -p）重新放入文件；确属全部逾期时加 --all-late 关账",
            "every one of {month}'s {n} files was modified (received) after the due day; not closed: a copy has probably reset their modified times, and closing would record every unit as late and deduct points in the quarter's score. Copy the files again keeping their times (robocopy /COPY:DAT, cp -p); if all really were late, close with --all-late",
        )
        .take(l)
    );
}

/// The month's files, as the record keeps them.
fn files_of(progress: &Progress, month: Month) -> Vec<CloseFile> {
    progress
        .files
        .iter()
        .filter(|f| f.month == month)
        .map(|f| CloseFile {
            rel: f.path.clone(),
            unit: f.unit,
            rows: f.rows,
        })
        .collect()
}

/// Refuses a month already closed (said on stderr): it is reopened first.
fn refuse_closed(l: Lang, record: &Record, month: Month) -> bool {
    if let Some(c) = record.get(month) {
        crate::app::eprintln_safe!(
            "{}",
            tr!(
                "{month} 已于 {at} 由 {by} 关账（archive/{month}/，第{record}版），不能再次关账；如需更正，经专班办公室同意后运行 mingsheng reopen --month {month} --reason \"原因\"",
                "{month} was closed on {at} by {by} (archive/{month}/, record {record}); to correct it, with the office's approval run `mingsheng reopen --month {month} --reason \"why\"`",
                at = c.manifest.closed_at,
                by = c.manifest.closed_by,
                record = c.manifest.record,
            )
            .take(l)
        );
        return true;
    }
    false
}

/// The month as `check --month M` reads it, or `None` when it has errors
/// (printed, with what to do).
fn read_month(
    app: &App,
    ws: &Workspace,
    plans: &PlanSet,
    record: &Record,
    month: Month,
) -> Result<Option<Progress>> {
    let l = app.lang;
    // What `check --month M` reads: the month against the months before it in
    // its year (closed ones from their records); only M's own findings count.
    let jan = Month::january(month.year());
    let opts = ReadOptions {
        from: Some(jan),
        to: Some(month),
        archived: record.sources(jan, month.prev()),
        ..ReadOptions::default()
    };
    let mut found = Diagnostics::default();
    let progress = read_progress(ws, plans, &opts, &mut found)?;
    crate::progress::read::keep_month_findings(&mut found, month);
    found.sort();
    if found.has_errors() {
        let mut errors = Diagnostics::default();
        errors.list.extend(
            found
                .list
                .iter()
                .filter(|d| d.severity == crate::diag::Severity::Error)
                .cloned(),
        );
        app.print_diagnostics(&errors);
        crate::app::eprintln_safe!(
            "{}",
            tr!(
                "{month} 的进展文件有 {n} 个错误，不能关账；请通知有关单位修改后运行 mingsheng check --month {month}，通过后再关账",
                "{month}'s progress files have {n} error(s): not closed. Have them fixed, run `mingsheng check --month {month}`, then close",
                n = errors.errors(),
            )
            .take(l)
        );
        return Ok(None);
    }
    Ok(Some(progress))
}

/// What `close` says when done: the record, who filed late, who did not file.
fn summary(l: Lang, month: Month, manifest: &Manifest, by: &str, missing: &str) -> String {
    let late: Vec<&str> = manifest
        .files
        .iter()
        .filter(|f| f.late)
        .map(|f| f.unit_name.as_str())
        .collect();
    let mut out = tr!(
        "已关账 {month}（第{record}版）：{n} 个文件存档于 archive/{month}/，关账人 {by}，时间 {at}；报送时限 {due}。\n",
        "closed {month} (record {record}): {n} files kept in archive/{month}/, by {by} at {at}; due {due}.\n",
        record = manifest.record,
        n = manifest.files.len(),
        at = manifest.closed_at,
        due = manifest.due,
    )
    .take(l);
    if !late.is_empty() {
        let late = late.join(crate::lang::pick(l, "、", ", "));
        out.push_str(&tr!("逾期报送：{late}\n", "filed late: {late}\n").take(l));
    }
    if late.len() == manifest.files.len() && late.len() > 1 {
        out.push_str(crate::lang::pick(
            l,
            "注意：所有文件的修改时间都晚于报送时限。若这些文件是复制来的，复制可能改掉了修改时间（收到时间以修改时间为准）；如属此情况，请 reopen 后用保留时间的方式（如 robocopy /COPY:DAT、cp -p）重新放入再关账。\n",
            "note: every file's modified time is after the due day. If the files were copied, the copy may have reset their modified times (the time received); if so, reopen, copy them keeping times (robocopy /COPY:DAT, cp -p) and close again.\n",
        ));
    }
    if !missing.is_empty() {
        out.push_str(&tr!("未报送：{missing}\n", "not filed: {missing}\n").take(l));
    }
    out.push_str(crate::lang::pick(
        l,
        "此后 report 与 score 按存档读取该月；data/ 中的改动由 check 报告为 changed-after-close。\n",
        "report and score now read this month from its record; changes in data/ are reported by check as changed-after-close.\n",
    ));
    out
}
