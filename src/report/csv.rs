//! `report --format csv`: one row per item and indicator, for Excel and WPS.
//! UTF-8 with a BOM (or GB18030 with `--encoding gbk`); numbers are written as
//! plain numbers so Excel reads them as numbers, negative gaps included; every
//! text cell goes through [`safe_text`] so none can run as a formula.

use super::{Report, Row, RowKind};
use crate::lang::{pick, Lang};
use crate::render::export::{encode_for_excel, safe_text};
use crate::render::round_half_away;
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
        pick(l, "存在问题", "problems"),
    ]
}

/// The level label of a row.
pub fn level(row: &Row, l: Lang) -> &'static str {
    match row.kind {
        RowKind::Item => pick(l, "事项", "item"),
        RowKind::Indicator => pick(l, "指标", "indicator"),
    }
}

fn n(x: Option<f64>) -> String {
    x.filter(|v| v.is_finite()).map_or_else(String::new, |v| {
        let s = format!("{v}");
        if s == "-0" {
            "0".into()
        } else {
            s
        }
    })
}

fn p(x: Option<f64>) -> String {
    n(x.map(|v| round_half_away(v * 100.0, 1) + 0.0))
}

/// The CSV bytes.
pub fn to_bytes(r: &Report, gbk: bool) -> Result<Vec<u8>> {
    let l = r.lang;
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    w.write_record(headers(l))?;
    for row in r.rows() {
        let t = |s: &str| safe_text(s).into_owned();
        w.write_record([
            t(&row.no),
            t(level(&row, l)),
            t(&row.item),
            t(&row.indicator),
            t(&row.text),
            t(&row.lead),
            t(&row.reporter),
            n(row.target),
            n(row.baseline),
            t(&row.unit),
            n(row.value),
            row.value_month.map(|m| m.to_string()).unwrap_or_default(),
            p(row.completion),
            p(Some(row.expected)),
            n(row.gap),
            t(row.status.label(l)),
            t(row.status.code()),
            if row.kind == RowKind::Item {
                row.streak.to_string()
            } else {
                String::new()
            },
            t(&row.problems),
        ])?;
    }
    let text = String::from_utf8(w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?)?;
    Ok(encode_for_excel(&text, gbk))
}
