//! The two sheets of an evaluation — scores and ranks, and one row per line —
//! that CSV (the lines) and xlsx (both) export, and Markdown and HTML show.

use super::{rank_text, round2, title};
use crate::lang::{pick, Lang};
use crate::render::sheet::{Sheet, Value};
use crate::render::xlsx::sheets_workbook;
use crate::score::{Evaluation, UnitScore};
use anyhow::Result;

/// `--format csv`: the lines, so a unit can check its score in Excel.
pub fn csv(e: &Evaluation, units: &[&UnitScore], l: Lang, gbk: bool) -> Result<Vec<u8>> {
    lines_sheet(e, units, l).to_csv(gbk)
}

/// `--format xlsx`: the scores, then the lines.
pub fn xlsx(e: &Evaluation, units: &[&UnitScore], l: Lang) -> Result<Vec<u8>> {
    sheets_workbook(
        &[scores_sheet(units, l), lines_sheet(e, units, l)],
        &title(e, l),
        l,
    )
}

/// One row per unit: rank, id, name, score, deductions, bonuses.
pub fn scores_sheet(units: &[&UnitScore], l: Lang) -> Sheet {
    Sheet {
        name: pick(l, "得分与名次", "scores").into(),
        header: [
            pick(l, "名次", "rank"),
            pick(l, "单位编号", "unit id"),
            pick(l, "单位", "unit"),
            pick(l, "得分", "score"),
            pick(l, "扣分", "deductions"),
            pick(l, "加分", "bonuses"),
        ]
        .map(String::from)
        .to_vec(),
        widths: vec![8.0, 10.0, 28.0, 10.0, 10.0, 10.0],
        rows: units
            .iter()
            .map(|u| {
                vec![
                    u.rank
                        .map_or(Value::Text(rank_text(u, l)), |r| Value::Num(r as f64)),
                    u.id.as_str().into(),
                    u.name.as_str().into(),
                    Value::Num(round2(u.score)),
                    Value::Num(round2(u.deductions())),
                    Value::Num(round2(u.bonuses())),
                ]
            })
            .collect(),
    }
}

/// One row per line: what CSV exports, so a unit can check its score in Excel.
pub fn lines_sheet(e: &Evaluation, units: &[&UnitScore], l: Lang) -> Sheet {
    let mut rows = Vec::new();
    for u in units {
        for line in &u.lines {
            rows.push(vec![
                e.period.to_string().into(),
                u.id.as_str().into(),
                u.name.as_str().into(),
                Value::from(u.score),
                u.rank.map_or(Value::Empty, |r| Value::Num(r as f64)),
                line.month.to_string().into(),
                line.item.clone().into(),
                line.indicator.clone().into(),
                line.rule.code().into(),
                line.rule.label(l).into(),
                Value::Num(line.points),
            ]);
        }
    }
    Sheet {
        name: pick(l, "扣分明细", "lines").into(),
        header: [
            pick(l, "考评期", "period"),
            pick(l, "单位编号", "unit_id"),
            pick(l, "单位", "unit"),
            pick(l, "得分", "score"),
            pick(l, "名次", "rank"),
            pick(l, "月份", "month"),
            pick(l, "事项", "item"),
            pick(l, "指标", "indicator"),
            pick(l, "规则代码", "rule"),
            pick(l, "规则", "rule_label"),
            pick(l, "分值", "points"),
        ]
        .map(String::from)
        .to_vec(),
        widths: vec![9.0, 9.0, 22.0, 8.0, 6.0, 9.0, 7.0, 20.0, 14.0, 14.0, 7.0],
        rows,
    }
}
