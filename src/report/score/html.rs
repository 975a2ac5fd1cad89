//! `score --format html`: one page with the ranking as bars and both sheets.

use super::sheets::{lines_sheet, scores_sheet};
use super::{basis, title};
use crate::lang::{pick, Lang};
use crate::render::sheet::html_escape;
use crate::score::{Evaluation, UnitScore};
use crate::value::num;

pub fn render(e: &Evaluation, units: &[&UnitScore], l: Lang) -> String {
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
            match l {
                Lang::Zh => format!("柱长自 {} 分起", num(lo)),
                Lang::En => format!("bars start at {}", num(lo)),
            }
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
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{t}</title>\n<style>\
body{{font-family:\"Microsoft YaHei\",\"PingFang SC\",\"Noto Sans CJK SC\",sans-serif;max-width:190mm;margin:2em auto;color:#222}}\
h1{{text-align:center;color:#b22222;font-size:1.6em}}table{{border-collapse:collapse;width:100%;margin:1em 0;font-size:.9em}}\
th,td{{border:1px solid #999;padding:3px 6px}}th{{background:#f3e5e5}}td.n{{text-align:right}}\
.bar{{display:flex;align-items:center;gap:.5em;font-size:.85em}}.axis{{color:#666;font-size:.8em}}.bar .name{{width:12em}}\
@media print{{@page{{size:A4;margin:15mm}}body{{margin:0}}}}</style></head><body>\n<h1>{t}</h1>\n<p>{}</p>\n{bars}<h2>{}</h2>\n{}<h2>{}</h2>\n{}</body></html>\n",
        html_escape(&basis(e, l)),
        pick(l, "得分与名次", "Scores and ranks"),
        scores_sheet(units, l).to_html(),
        pick(l, "扣分与加分明细", "Deductions and bonuses"),
        lines_sheet(e, units, l).to_html(),
    )
}
