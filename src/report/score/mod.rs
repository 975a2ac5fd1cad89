//! The evaluation ([`crate::score`]) rendered, as `report/` renders the month:
//! one module per format — a terminal table ([`table`]), JSON ([`json`]), the
//! two sheets that CSV and xlsx export ([`sheets`]), Markdown ([`md`]) and an
//! HTML page ([`html`]). The model computes every point; these only write.

pub mod html;
pub mod json;
pub mod md;
pub mod sheets;
pub mod table;

use crate::lang::{pick, Lang};
use crate::score::{Evaluation, UnitScore};
use crate::value::num;

pub fn rule_label(rule: &str, l: Lang) -> &'static str {
    let (zh, en) = match rule {
        "not_reported" => ("未报送", "not reported"),
        "severely_behind" => ("严重滞后", "severely behind"),
        "behind" => ("滞后", "behind"),
        "overdue" => ("逾期未完成", "overdue"),
        "done_early" => ("提前完成", "done early"),
        "streak" => ("连续滞后", "behind in a row"),
        "late" => ("逾期报送", "filed late"),
        "cap" => ("封顶调整", "cap"),
        "rank_bonus" => ("名次加分", "rank bonus"),
        _ => ("其他", "other"),
    };
    pick(l, zh, en)
}

/// The evaluation's title: 民生实事2023年第2季度动态考评.
pub fn title(e: &Evaluation, l: Lang) -> String {
    let period = match (e.year_rule.is_some(), l) {
        (true, Lang::Zh) => format!("{}年度", e.period),
        (false, Lang::Zh) => {
            let (y, q) = e.period.split_once('Q').unwrap_or((&e.period, ""));
            format!("{y}年第{q}季度")
        }
        (_, Lang::En) => e.period.clone(),
    };
    match l {
        Lang::Zh => format!("民生实事{period}动态考评"),
        Lang::En => format!("Livelihood tasks: evaluation of {period}"),
    }
}

/// The line under the title of the Markdown and HTML pages.
fn basis(e: &Evaluation, l: Lang) -> String {
    match l {
        Lang::Zh => format!("任务清单版本 {}，基础分 {}。", e.version, num(e.base)),
        Lang::En => format!("Plan version {}, base score {}.", e.version, num(e.base)),
    }
}

/// Scores in exports: two decimals, rounded half away from zero.
fn round2(x: f64) -> f64 {
    crate::value::round_half_away(x, 2)
}

fn rank_text(u: &UnitScore, l: Lang) -> String {
    u.rank.map_or_else(
        || pick(l, "不参与排名", "not ranked").to_string(),
        |r| r.to_string(),
    )
}

/// Points with their sign: +2, −1.5.
fn signed(x: f64) -> String {
    if x >= 0.0 {
        format!("+{}", num(x))
    } else {
        format!("−{}", num(-x))
    }
}
