//! `mingsheng log`: the record of closes and reopens.
//!
//! ```text
//! mingsheng log [--month M] [--format table|json]
//! ```
//!
//! Prints `archive/log.jsonl` oldest first: when, what (关账 close / 重新打开
//! reopen), the month and record number, who, and the files, late and missing
//! units of a close or the reason of a reopen. `--format json` prints
//! `{"events": [{"event", "month", "at", "by", "record", "reason", "kept_as",
//! "files", "late", "missing", "manifest_sha256"}]}` (absent fields omitted), and
//! `"closed": [{"month", "record", "closed_at", "closed_by"}]`, the months
//! closed now.

use super::TableOrJson as Format;
use crate::app::{App, Exit};
use crate::archive::{self, Record};
use crate::month::Month;
use anyhow::Result;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// 只看这个月（YYYY-MM）(only this month)
    #[arg(long, value_name = "M")]
    month: Option<Month>,
    /// 输出格式 (output format)
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

pub fn run(app: &App, args: Args) -> Result<Exit> {
    let ws = app.workspace()?;
    let events: Vec<archive::Event> = archive::read_log(&ws)?
        .into_iter()
        .filter(|e| args.month.is_none_or(|m| e.month == m))
        .collect();
    let record = Record::load(&ws)?;
    let closed: Vec<&archive::Closed> = record
        .closed
        .values()
        .filter(|c| args.month.is_none_or(|m| m == c.month))
        .collect();
    let text = match args.format {
        Format::Json => crate::report::log::json(&events, &closed)?,
        Format::Table => crate::report::log::table(&events, &closed, app.style, app.lang),
    };
    super::emit(None, text.as_bytes())?;
    Ok(Exit::Ok)
}
