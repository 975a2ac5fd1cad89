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
use crate::lang::{pick, Lang};
use crate::month::Month;
use crate::render::table::new_table;
use crate::tr;
use anyhow::Result;
use serde_json::json;

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
    let l = app.lang;
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
        Format::Json => {
            let v = json!({
                "events": events,
                "closed": closed.iter().map(|c| json!({
                    "month": c.manifest.month,
                    "record": c.manifest.record,
                    "closed_at": c.manifest.closed_at,
                    "closed_by": c.manifest.closed_by,
                })).collect::<Vec<_>>(),
            });
            let mut s = serde_json::to_string_pretty(&v)?;
            s.push('\n');
            s
        }
        Format::Table => {
            if events.is_empty() {
                pick(l, "尚无关账记录。\n", "no month has been closed yet.\n").to_string()
            } else {
                let mut t = new_table(
                    app.style,
                    &[
                        pick(l, "时间", "when"),
                        pick(l, "操作", "event"),
                        pick(l, "月份", "month"),
                        pick(l, "版", "record"),
                        pick(l, "操作人", "by"),
                        pick(l, "说明", "details"),
                    ],
                );
                for e in &events {
                    t.add_row(vec![
                        e.local_time(),
                        e.event.label(l).to_string(),
                        e.month.to_string(),
                        e.record.to_string(),
                        e.by.clone(),
                        details(e, l),
                    ]);
                }
                let now: Vec<String> = closed.iter().map(|c| c.month.to_string()).collect();
                let tail = if now.is_empty() {
                    pick(l, "目前没有已关账的月份。", "no month is closed now.").to_string()
                } else {
                    let now = now.join(pick(l, "、", ", "));
                    tr!("目前已关账：{now}", "closed now: {now}").take(l)
                };
                format!("{t}\n{tail}\n")
            }
        }
    };
    super::emit(None, text.as_bytes())?;
    Ok(Exit::Ok)
}

fn details(e: &archive::Event, l: Lang) -> String {
    let sep = pick(l, "；", "; ");
    let mut parts = Vec::new();
    if let Some(n) = e.files {
        parts.push(tr!("{n} 个文件", "{n} files").take(l));
    }
    if !e.late.is_empty() {
        let late = few(&e.late, l);
        parts.push(tr!("逾期：{late}", "late: {late}").take(l));
    }
    if !e.missing.is_empty() {
        let missing = few(&e.missing, l);
        parts.push(tr!("未报送：{missing}", "not filed: {missing}").take(l));
    }
    if let Some(r) = &e.reason {
        parts.push(tr!("原因：{r}", "reason: {r}").take(l));
    }
    if let Some(k) = &e.kept_as {
        parts.push(tr!("原存档：{k}/", "record kept as {k}/").take(l));
    }
    parts.join(sep)
}

/// Up to four names; more are shortened to three and a count (the JSON has all).
fn few(names: &[String], l: Lang) -> String {
    let list = pick(l, "、", ", ");
    if names.len() <= 4 {
        return names.join(list);
    }
    let head = names[..3].join(list);
    tr!(
        "{head}等{all}个单位",
        "{head} and {more} more",
        all = names.len(),
        more = names.len() - 3,
    )
    .take(l)
}
