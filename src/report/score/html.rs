//! `score --format html`: one page with the ranking as bars and both sheets.

use super::sheets::{lines_sheet, scores_sheet};
use super::{basis, title};
use crate::lang::{pick, Lang};
use crate::render::sheet::html_escape;
use crate::score::{Evaluation, UnitScore};
use crate::tr;
use crate::value::num;
use anyhow::{Context as _, Result};

/// The page's layout: `score.html.j2`, as the notice's is `notice.html.j2`.
const HTML: &str = include_str!("score.html.j2");

pub fn render(e: &Evaluation, units: &[&UnitScore], l: Lang) -> Result<String> {
    let t = html_escape(&title(e, l));
    let lang = pick(l, "zh-CN", "en");
    // Scores sit close to the base: bars start a little below the lowest score so
    // the differences show, and the page says where they start.
    let ranked: Vec<&&UnitScore> = units.iter().filter(|u| u.rank.is_some()).collect();
    let hi = ranked.iter().map(|u| u.score).fold(f64::MIN, f64::max);
    let lo = (ranked.iter().map(|u| u.score).fold(f64::MAX, f64::min) - 5.0).floor();
    let span = (hi - lo).max(1.0);
    let mut bars = String::new();
    if !ranked.is_empty() {
        bars.push_str(&format!(
            "<p class=\"axis\">{}</p>\n",
            tr!("柱长自 {} 分起", "bars start at {}", num(lo)).take(l)
        ));
    }
    for u in ranked {
        let w = ((u.score - lo) / span * 100.0).clamp(0.0, 100.0);
        bars.push_str(&format!(
            "<div class=\"bar\"><span class=\"name\">{}</span><svg width=\"60%\" height=\"14\"><rect width=\"{w:.1}%\" height=\"14\" fill=\"#b22222\"/></svg><span class=\"v\">{}</span></div>\n",
            html_escape(&u.name),
            num(u.score)
        ));
    }
    // Every piece is escaped where it is built (the tables by `Sheet::to_html`),
    // so the template takes them as they are.
    let safe = minijinja::Value::from_safe_string;
    let mut env = crate::report::templates()?;
    env.add_template("score.html", HTML)
        .context("score.html template")?;
    env.get_template("score.html")
        .and_then(|tpl| {
            tpl.render(minijinja::context! {
                lang => lang,
                title => safe(t),
                basis => safe(html_escape(&basis(e, l))),
                bars => safe(bars),
                scores_heading => safe(pick(l, "得分与名次", "Scores and ranks").to_string()),
                scores => safe(scores_sheet(units, l).to_html()),
                lines_heading => safe(pick(l, "扣分与加分明细", "Deductions and bonuses").to_string()),
                lines => safe(lines_sheet(e, units, l).to_html()),
            })
        })
        .context("rendering score.html")
}
