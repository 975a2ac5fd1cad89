//! `report --format csv`: one row per item and indicator, for Excel and WPS.
//! UTF-8 with a BOM (or GB18030 with `--encoding gbk`); numbers are written as
//! plain numbers so Excel reads them as numbers, negative gaps included; every
//! text cell goes through `safe_text` so none can run as a formula.

use super::{Report, Row, RowKind};
use crate::lang::{pick, Lang};
use crate::render::sheet::{Sheet, Value};
use crate::value::round_half_away;
use anyhow::Result;

/// Column headers shared by the CSV and the xlsx items sheet.
pub fn headers(l: Lang) -> Vec<&'static str> {
    vec![
        pick(l, "序号", "no"),
        pick(l, "层级", "level"),
        pick(l, "事项编号", "item"),
        pick(l, "指标编号", "indicator"),
        pick(l, "工作事项 / 指标", "item / indicator"),
        pick(l, "牵头单位", "lead"),
        pick(l, "报送单位", "reporter"),
        pick(l, "目标", "target"),
        pick(l, "原标准", "baseline"),
        pick(l, "计量单位", "unit"),
        pick(l, "累计完成", "value"),
        pick(l, "数据月份", "value_month"),
        pick(l, "完成率(%)", "completion (%)"),
        pick(l, "序时进度(%)", "time progress (%)"),
        pick(l, "差距(百分点)", "gap (points)"),
        pick(l, "状态", "status"),
        pick(l, "状态代码", "status_code"),
        pick(l, "连续慢序时月数", "months lagging"),
        pick(l, "进展情况", "progress"),
        pick(l, "存在问题", "problems"),
        pick(l, "下步计划", "next_steps"),
    ]
}

/// The level label of a row.
pub fn level(row: &Row, l: Lang) -> &'static str {
    match row.kind {
        RowKind::Item => pick(l, "事项", "item"),
        RowKind::Indicator => pick(l, "指标", "indicator"),
    }
}

/// The CSV bytes: the rows as a [`Sheet`], so the CSV rules (BOM or GB18030,
/// CRLF, numbers raw, text formula-safe) live in one place.
pub fn to_bytes(r: &Report, gbk: bool) -> Result<Vec<u8>> {
    let l = r.lang;
    let num = |x: Option<f64>| x.filter(|v| v.is_finite()).map_or(Value::Empty, Value::Num);
    // Completion and time progress in percent with one decimal, as people read them.
    let pct = |x: Option<f64>| num(x.map(|v| round_half_away(v * 100.0, 1)));
    let text = |s: &str| Value::Text(s.to_string());
    let rows = r
        .rows()
        .into_iter()
        .map(|row| {
            vec![
                text(&row.no),
                text(level(&row, l)),
                text(&row.item),
                text(&row.indicator),
                text(&row.text),
                text(&row.lead),
                text(&row.reporter),
                num(row.target),
                num(row.baseline),
                text(&row.unit),
                num(row.value),
                row.value_month.map(|m| m.to_string()).into(),
                pct(row.completion),
                pct(Some(row.expected)),
                num(row.gap),
                text(row.status_label(l)),
                text(row.status.code()),
                if row.kind == RowKind::Item {
                    Value::Num(f64::from(row.streak))
                } else {
                    Value::Empty
                },
                text(&row.progress),
                text(&row.problems),
                text(&row.next_steps),
            ]
        })
        .collect();
    Sheet {
        name: String::new(),
        header: headers(l).into_iter().map(String::from).collect(),
        widths: Vec::new(),
        rows,
    }
    .to_csv(gbk)
}
