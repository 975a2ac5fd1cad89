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
use crate::tr;
use crate::value::num;

/// The evaluation's title: 民生实事2023年第2季度动态考评.
pub fn title(e: &Evaluation, l: Lang) -> String {
    tr!(
        "民生实事{period}动态考评",
        "Livelihood tasks: evaluation of {period}",
        period = e.period.label(l)
    )
    .take(l)
}

/// The line under the title of the Markdown and HTML pages.
fn basis(e: &Evaluation, l: Lang) -> String {
    tr!(
        "任务清单版本 {version}，基础分 {base}。",
        "Plan version {version}, base score {base}.",
        version = e.version,
        base = num(e.base)
    )
    .take(l)
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
