//! The log of closes and reopens as `mingsheng log` prints it: a table, or
//! JSON for scripts.

use crate::archive::{Closed, Event};
use crate::lang::{pick, Lang};
use crate::render::table::{new_table, Style};
use crate::tr;
use serde_json::json;

/// `{"events": […], "closed": [{"month", "record", "closed_at", "closed_by"}]}`.
pub fn json(events: &[Event], closed: &[&Closed]) -> serde_json::Result<String> {
    crate::render::json::pretty(&json!({
        "events": events,
        "closed": closed.iter().map(|c| json!({
            "month": c.manifest.month,
            "record": c.manifest.record,
            "closed_at": c.manifest.closed_at,
            "closed_by": c.manifest.closed_by,
        })).collect::<Vec<_>>(),
    }))
}

/// The events oldest first, then the months closed now.
pub fn table(events: &[Event], closed: &[&Closed], style: Style, l: Lang) -> String {
    if events.is_empty() {
        return pick(l, "尚无关账记录。\n", "no month has been closed yet.\n").to_string();
    }
    let mut t = new_table(
        style,
        &[
            pick(l, "时间", "when"),
            pick(l, "操作", "event"),
            pick(l, "月份", "month"),
            pick(l, "版", "record"),
            pick(l, "操作人", "by"),
            pick(l, "说明", "details"),
        ],
    );
    for e in events {
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

fn details(e: &Event, l: Lang) -> String {
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
