//! The report's words for this month's increment (本月) and the year-end
//! forecast (按目前进度，预计年底完成X%); the numbers come from [`crate::trend`].

use super::Report;
use crate::lang::{pick, Lang};
use crate::plan::{Indicator, IndicatorRef, Item};
use crate::tr;
use crate::trend::Trend;
use crate::value::{num, pct};

impl Report<'_> {
    /// The increment and forecast of an indicator of the report's plan.
    pub fn trend(&self, r: IndicatorRef) -> Trend {
        self.trends
            .get(self.plan().flat(r))
            .copied()
            .unwrap_or_default()
    }

    /// For the k-th item when it lags: 「按目前进度，预计年底完成X%」 for each
    /// lagging indicator whose forecast falls short of the target (named when
    /// the item has several); `None` when every forecast makes it or is unknown.
    pub fn forecast_note(&self, k: usize) -> Option<String> {
        let it = &self.assessment.items[k];
        if !it.status.is_lagging() {
            return None;
        }
        let plan = self.plan();
        let item = &plan.items[it.item];
        let when = by_when(item, plan.year, self.lang);
        let parts: Vec<String> = it
            .indicators
            .iter()
            .filter(|x| x.status.is_lagging())
            .filter_map(|x| {
                let c = self.trend(x.r).forecast_completion.filter(|&c| c < 1.0)?;
                let name = &plan.indicator(x.r).name;
                let several = it.indicators.len() > 1;
                let c = pct(c);
                let note = if several {
                    tr!(
                        "{name}按目前进度预计{when}完成{c}",
                        "{name}: at the current pace {c} by {when}"
                    )
                } else {
                    tr!(
                        "按目前进度，预计{when}完成{c}",
                        "at the current pace {c} by {when}"
                    )
                };
                Some(note.take(self.lang))
            })
            .collect();
        (!parts.is_empty()).then(|| {
            let parts = parts.join(pick(self.lang, "；", "; "));
            tr!("{parts}。", "Forecast: {parts}.").take(self.lang)
        })
    }
}

impl Report<'_> {
    /// An item's completion and time progress month by month, as two SVG
    /// polyline point lists in a 100 × 20 box (January at the left edge,
    /// December at the right, 0 % at the bottom, 100 % or more at the top); a
    /// month without a completion is skipped. `None` unless the report holds
    /// the year's course (HTML only) or the item has no month with a figure.
    pub fn trend_lines(&self, item: &str) -> Option<(String, String)> {
        let point = |m: crate::month::Month, v: f64| {
            let x = f64::from(m.month() - 1) * 100.0 / 11.0;
            let y = 19.0 - v.clamp(0.0, 1.0) * 18.0;
            format!("{x:.1},{y:.1}")
        };
        let (mut c, mut e) = (Vec::new(), Vec::new());
        for a in &self.course {
            let Some(it) = a.item(item) else { continue };
            if let Some(v) = it.completion {
                c.push(point(a.month, v));
            }
            e.push(point(a.month, it.expected));
        }
        (!c.is_empty()).then(|| (c.join(" "), e.join(" ")))
    }
}

/// 年底 for a December (or ongoing) deadline, else 10月底.
fn by_when(item: &Item, year: i32, lang: Lang) -> String {
    let due = item.deadline.month(year);
    if due.month() == 12 {
        pick(lang, "年底", "year end").to_string()
    } else {
        tr!("{m}月底", "{due}", m = due.month()).take(lang)
    }
}

/// 本月 as the table writes it: +328人 (a fall keeps its minus sign); empty
/// when there is no increment.
pub fn increment_text(increment: Option<f64>, ind: &Indicator) -> String {
    match increment {
        Some(d) if d >= 0.0 => format!("+{}{}", num(d), ind.unit),
        Some(d) => format!("{}{}", num(d), ind.unit),
        None => String::new(),
    }
}
