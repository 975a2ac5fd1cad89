//! `score --format html`: one page with the ranking as bars and both sheets.

use super::sheets::{lines_sheet, scores_sheet};
use super::{basis, title};
use crate::lang::{pick, Lang};
use crate::render::sheet::html_escape;
use crate::score::{Evaluation, UnitScore};
use crate::tr;
use crate::value::num;
use anyhow::{Context as _, Result};
use minijinja::{AutoEscape, Value};

/// The page's layout: `score.html.j2`, as the notice's is `notice.html.j2`.
const HTML: &str = include_str!("score.html.j2");

/// One unit's bar: its name, its length in percent of the axis, its score.
#[derive(serde::Serialize)]
struct Bar<'u> {
    name: &'u str,
    width: String,
    score: String,
}

/// The ranked units as bars, and the caption saying where the bars start
/// (none when no unit is ranked). Scores sit close to the base: bars start a
/// little below the lowest score so the differences show.
fn bars<'u>(units: &[&'u UnitScore], l: Lang) -> (Option<String>, Vec<Bar<'u>>) {
    let ranked: Vec<&UnitScore> = units.iter().copied().filter(|u| u.rank.is_some()).collect();
    if ranked.is_empty() {
        return (None, Vec::new());
    }
    let hi = ranked.iter().map(|u| u.score).fold(f64::MIN, f64::max);
    let lo = (ranked.iter().map(|u| u.score).fold(f64::MAX, f64::min) - 5.0).floor();
    let span = (hi - lo).max(1.0);
    let axis = tr!("柱长自 {} 分起", "bars start at {}", num(lo)).take(l);
    let bars = ranked
        .into_iter()
        .map(|u| Bar {
            name: &u.name,
            width: format!("{:.1}", ((u.score - lo) / span * 100.0).clamp(0.0, 100.0)),
            score: num(u.score),
        })
        .collect();
    (Some(axis), bars)
}

pub fn render(e: &Evaluation, units: &[&UnitScore], l: Lang) -> Result<String> {
    let (axis, bars) = bars(units, l);
    let mut env = crate::report::templates()?;
    // One escaping on the page: every value as the tables (`Sheet::to_html`,
    // passed in already escaped) escape their cells.
    env.set_formatter(|out, state, value| match value.as_str() {
        Some(s) if *state.auto_escape() == AutoEscape::Html && !value.is_safe() => {
            Ok(out.write_str(&html_escape(s))?)
        }
        _ => minijinja::escape_formatter(out, state, value),
    });
    env.add_template("score.html", HTML)
        .context("score.html template")?;
    env.get_template("score.html")
        .and_then(|tpl| {
            tpl.render(minijinja::context! {
                lang => pick(l, "zh-CN", "en"),
                title => title(e, l),
                basis => basis(e, l),
                axis => axis,
                bars => Value::from(minijinja::value::Serde(&bars)),
                scores_heading => pick(l, "得分与名次", "Scores and ranks"),
                scores => Value::from_safe_string(scores_sheet(units, l).to_html()),
                lines_heading => pick(l, "扣分与加分明细", "Deductions and bonuses"),
                lines => Value::from_safe_string(lines_sheet(e, units, l).to_html()),
            })
        })
        .context("rendering score.html")
}
