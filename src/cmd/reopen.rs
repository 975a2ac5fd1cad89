//! `mingsheng reopen`: reopens a closed month for a correction the office approved.
//!
//! ```text
//! mingsheng reopen --month M --reason "…"
//! ```
//!
//! The month's record is never deleted: `archive/M/` is renamed `archive/M.N/`
//! (N its record number: `2023-06.1` is the record of the first close), so the
//! notice issued from it can still be reproduced and compared. The event — who
//! (the OS user, `USERNAME` else `USER`), when and why — is appended to
//! `archive/log.jsonl`. From then on the month is read from `data/` again until
//! it is closed again, which writes record N+1 to `archive/M/`.
//!
//! Exit status: 0 reopened, 1 refused (not closed, no reason), 2 could not run.

use crate::app::{App, Exit};
use crate::archive::{self, Record};
use crate::month::Month;
use crate::tr;
use anyhow::Result;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// 重新打开的月份（YYYY-MM）(the month to reopen)
    #[arg(long, value_name = "M")]
    month: Month,
    /// 更正的原因（经专班办公室同意），记入关账日志 (why: the correction the office approved; logged)
    #[arg(long, value_name = "TEXT")]
    reason: String,
}

pub fn run(app: &App, args: Args) -> Result<Exit> {
    let l = app.lang;
    let month = args.month;
    let reason = args.reason.trim();
    if reason.is_empty() {
        crate::app::eprintln_safe!(
            "{}",
            crate::lang::pick(l, "请用 --reason 写明重新打开的原因（例如「县林业局更正6月造林面积，经专班办公室同意」）", "give the reason with --reason (e.g. \"forestry corrects June's planted area, approved by the office\")")
        );
        return Ok(Exit::Findings);
    }
    let ws = app.workspace()?;
    let record = Record::load(&ws)?;
    let Some(closed) = record.get(month) else {
        crate::app::eprintln_safe!(
            "{}",
            tr!(
                "{month} 没有关账（archive/{month}/ 中没有关账清单），无需重新打开",
                "{month} is not closed (no manifest in archive/{month}/): nothing to reopen"
            )
            .take(l)
        );
        return Ok(Exit::Findings);
    };
    let by = archive::os_user();
    let kept_rel = archive::reopen(&ws, closed, reason, &by)?;
    let out = tr!("已重新打开 {month}（操作人 {by}，原因：{reason}）。原存档（第{}版）保留为 {kept_rel}/。\n该月重新按 data/{month}/ 读取：更正后运行 mingsheng check --month {month}，再运行 mingsheng close --month {month}。\n", "reopened {month} (by {by}, reason: {reason}). The record (record {}) is kept as {kept_rel}/.\nThe month is read from data/{month}/ again: correct it, run `mingsheng check --month {month}`, then `mingsheng close --month {month}`.\n", closed.manifest.record).take(l);
    super::emit(None, out.as_bytes())?;
    Ok(Exit::Ok)
}
