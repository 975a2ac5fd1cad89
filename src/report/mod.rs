//! The monthly dispatch report (月调度通报): the assessment of a month turned into
//! what people read and scripts parse. [`Report`] gathers everything once; the
//! submodules render it (terminal table, notice in Markdown and HTML, CSV, xlsx,
//! JSON) and never compute a status themselves. The other commands' renderers
//! sit beside them, one module each: [`check`], [`plan`], [`history`],
//! [`highlights`] and [`score`].

pub mod check;
pub mod csv;
pub mod docx;
pub mod forecast;
pub mod highlights;
pub mod history;
pub mod json;
pub mod log;
pub mod notice;
pub mod plan;
pub mod score;
pub mod table;
pub mod unit;
pub mod xlsx;

use crate::assess::{self, Assessment, Counts, FollowUp, IndicatorAssessment, Status};
use crate::lang::{pick, Lang};
use crate::month::Month;
use crate::plan::{Indicator, Kind, Plan, PlanSet};
use crate::progress::Progress;
use crate::tr;
use crate::value::{num, round_half_away};

/// The template environment every HTML and Markdown page is laid out with
/// (the notice, the publicity summary, the evaluation): blocks trimmed, the
/// final newline kept. A template named `*.html` escapes every value it is
/// given as text.
pub(crate) fn templates() -> anyhow::Result<minijinja::Environment<'static>> {
    use anyhow::Context as _;
    let mut env = minijinja::Environment::new();
    env.set_syntax(
        minijinja::syntax::SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .keep_trailing_newline(true)
            .build()
            .context("template syntax")?,
    );
    Ok(env)
}

/// What the report was built from: the files, in the order hashed, and the
/// SHA-256 of their bytes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Inputs {
    /// Workspace-relative paths, in the order hashed.
    pub files: Vec<String>,
    /// Lowercase hex SHA-256.
    pub sha256: String,
}

impl Inputs {
    /// What a report is built from: the task-list files (`plans`, with their
    /// digests), then every progress file the reader read for the months
    /// reported (digests taken as they were read), in sorted path order.
    pub fn of(plans: Vec<(String, [u8; 32])>, progress: &Progress) -> Inputs {
        let mut files = plans;
        files.extend(
            progress
                .files
                .iter()
                .filter_map(|f| Some((f.path.clone(), f.sha256?))),
        );
        files.sort_by(|a, b| a.0.cmp(&b.0));
        hash_inputs(&files)
    }
}

/// Hashes the inputs from each file's own SHA-256: for each file, in the order
/// given (callers sort the paths), its path, a NUL and its 32-byte digest. Built
/// from digests so the progress files are hashed as they are read, not read twice.
pub fn hash_inputs(files: &[(String, [u8; 32])]) -> Inputs {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    for (path, digest) in files {
        h.update(path.as_bytes());
        h.update([0u8]);
        h.update(digest);
    }
    let digest = h.finalize();
    Inputs {
        files: files.iter().map(|f| f.0.clone()).collect(),
        sha256: digest.iter().map(|b| format!("{b:02x}")).collect(),
    }
}

/// A month's report: the assessment and everything said around it.
pub struct Report<'p> {
    pub assessment: Assessment<'p>,
    /// One per item, in the assessment's order.
    pub follow: Vec<FollowUp>,
    /// Indexes into the plan's units: reporting units without a file this month.
    pub missing: Vec<usize>,
    /// Indexes into the plan's units: units whose file was received after the
    /// due day (closed months only: judged from the manifest, see `crate::archive`).
    pub late: Vec<usize>,
    pub inputs: Inputs,
    pub lang: Lang,
    /// The date the notice is issued (落款); `None` leaves the 落款 out.
    pub date: Option<chrono::NaiveDate>,
    /// Each indicator's increment and forecast, by [`Plan::flat`] index.
    pub trends: Vec<crate::trend::Trend>,
    /// Each month of the year through this one, assessed (for the HTML trend
    /// lines); empty unless a renderer needs it (see [`crate::trend::course`]).
    pub course: Vec<Assessment<'p>>,
    /// Set for one unit's report (督办单, see [`unit`]).
    pub unit: Option<unit::UnitView>,
}

impl<'p> Report<'p> {
    /// Builds the report for `month`; `None` when no plan version is in force.
    pub fn build(
        plans: &'p PlanSet,
        progress: &Progress,
        month: Month,
        inputs: Inputs,
        lang: Lang,
    ) -> Option<Report<'p>> {
        let assessment = assess::assess_month(plans, progress, month)?;
        let trends = crate::trend::trends(plans, assessment.plan, progress, month);
        let follow = assess::follow_up(plans, progress, &assessment);
        let missing = assess::missing_units(plans, assessment.plan, progress, month);
        let late = progress.late.get(&month).map_or_else(Vec::new, |ids| {
            let plan = assessment.plan;
            (0..plan.units.len())
                .filter(|&u| ids.contains(&plan.units[u].id))
                .collect()
        });
        Some(Report {
            assessment,
            follow,
            missing,
            late,
            inputs,
            lang,
            date: None,
            trends,
            course: Vec::new(),
            unit: None,
        })
    }

    pub fn plan(&self) -> &'p Plan {
        self.assessment.plan
    }

    pub fn month(&self) -> Month {
        self.assessment.month
    }

    /// 截至2023年6月底 / as of the end of 2023-06.
    pub fn cutoff(&self) -> String {
        tr!(
            "截至{month}底",
            "as of the end of {month}",
            month = self.month().label(self.lang)
        )
        .take(self.lang)
    }

    /// The headline sentence: 全县31项工作事项中，已完成X项、超序时Y项……
    /// Statuses with no item are left out.
    pub fn headline(&self) -> String {
        let parts: Vec<String> = self
            .shares()
            .into_iter()
            .filter(|s| s.n > 0)
            .map(|s| tr!("{label}{n}项", "{n} {label}", label = s.label, n = s.n).take(self.lang))
            .collect();
        tr!(
            "{scope}，{parts}。",
            "{scope}: {parts}.",
            scope = self.scope(),
            parts = parts.join(pick(self.lang, "、", ", "))
        )
        .take(self.lang)
    }

    /// Items whose status is not_reported only because figures were refused.
    fn rejected_items(&self) -> usize {
        self.assessment
            .items
            .iter()
            .filter(|it| it.rejected)
            .count()
    }

    /// Indicators whose figure was refused by an error, with their reporting
    /// unit: (item id, indicator name, unit name), in plan order.
    pub fn rejected_figures(&self) -> Vec<(&'p str, &'p str, &'p str)> {
        let plan = self.plan();
        self.assessment
            .items
            .iter()
            .flat_map(|it| it.indicators.iter())
            .filter(|x| x.rejected)
            .map(|x| {
                let ind = plan.indicator(x.r);
                (
                    plan.items[x.r.item].id.as_str(),
                    ind.name.as_str(),
                    plan.units[ind.reporter].name.as_str(),
                )
            })
            .collect()
    }

    /// Items by status, with their share of all items, in [`Status::ALL`]
    /// order; items whose figures were refused are counted apart as 数据有误
    /// (code `rejected`, last, only when there are any), not as not reported.
    /// The headline, the terminal table and the notice all count from here.
    pub fn shares(&self) -> Vec<Share> {
        let by = self.assessment.by_status();
        let total = by.total().max(1) as f64;
        let rejected = self.rejected_items();
        let share = |code, label, n: usize| Share {
            code,
            label,
            n,
            share: n as f64 / total,
        };
        let mut out: Vec<Share> = Status::ALL
            .iter()
            .map(|&s| {
                let n = by.get(s)
                    - if s == Status::NotReported {
                        rejected
                    } else {
                        0
                    };
                share(s.code(), s.label(self.lang), n)
            })
            .collect();
        if rejected > 0 {
            out.push(share(
                assess::Shown::Rejected.code(),
                assess::Shown::Rejected.label(self.lang),
                rejected,
            ));
        }
        out
    }

    /// The rows of the per-item table: an item row, then one row per indicator
    /// when the item has several; an item with one indicator is one row.
    pub fn rows(&self) -> Vec<Row> {
        let plan = self.plan();
        let l = self.lang;
        let mut rows = Vec::new();
        for (k, a) in self.assessment.items.iter().enumerate() {
            let item = &plan.items[a.item];
            let f = self.follow[k];
            let lead = short_lead(plan, item, l);
            if a.indicators.len() == 1 {
                let x = &a.indicators[0];
                let mut row = self.indicator_row(x, &item.id, item_name(item, 28));
                row.kind = RowKind::Item;
                row.text = item.text.clone();
                row.lead = lead;
                row.streak = f.streak;
                rows.push(row);
                continue;
            }
            rows.push(Row {
                kind: RowKind::Item,
                no: item.id.clone(),
                item: item.id.clone(),
                indicator: String::new(),
                name: item_name(item, 28),
                text: item.text.clone(),
                lead,
                reporter: String::new(),
                target: None,
                baseline: None,
                target_text: String::new(),
                unit: String::new(),
                value: None,
                value_month: None,
                value_text: String::new(),
                increment: None,
                increment_text: String::new(),
                completion: a.completion,
                expected: a.expected,
                gap: gap_points(a.status, a.status_gap()),
                gap_text: gap_text(a.status, a.status_gap(), l),
                status: a.status,
                rejected: a.rejected,
                streak: f.streak,
                problems: a
                    .indicators
                    .iter()
                    .map(|x| x.problems.trim())
                    .filter(|p| !p.is_empty())
                    .collect::<Vec<_>>()
                    .join("；"),
                progress: notice::join_words(a.indicators.iter().map(|x| x.progress.as_str())),
                next_steps: notice::join_words(a.indicators.iter().map(|x| x.next_steps.as_str())),
            });
            for x in &a.indicators {
                let name = format!("· {}", plan.indicator(x.r).name);
                rows.push(self.indicator_row(x, &item.id, name));
            }
        }
        rows
    }

    fn indicator_row(&self, x: &IndicatorAssessment, item: &str, name: String) -> Row {
        let plan = self.plan();
        let l = self.lang;
        let ind = plan.indicator(x.r);
        let target_text = target_text(ind, l);
        let value_text = value_text(x, ind, l);
        let milestone = ind.kind == Kind::Milestone;
        Row {
            kind: RowKind::Indicator,
            no: if name.starts_with('·') {
                String::new()
            } else {
                item.to_string()
            },
            item: item.to_string(),
            indicator: ind.id.clone(),
            name,
            text: ind.name.clone(),
            lead: String::new(),
            reporter: plan.units[ind.reporter].name.clone(),
            target: (!milestone).then_some(ind.target),
            baseline: ind.baseline.filter(|_| ind.kind == Kind::Level),
            target_text,
            unit: if milestone {
                "%".to_string()
            } else {
                ind.unit.clone()
            },
            value: x.value,
            value_month: x.value_month,
            value_text,
            increment: self.trend(x.r).increment,
            increment_text: forecast::increment_text(self.trend(x.r).increment, ind),
            completion: x.completion,
            expected: x.expected,
            gap: gap_points(x.status, x.gap()),
            // A refused figure (数据有误) gets no verdict: its gap would be
            // from an older month's figure.
            gap_text: if x.rejected {
                String::new()
            } else {
                gap_text(x.status, x.gap(), l)
            },
            status: x.status,
            rejected: x.rejected,
            streak: 0,
            problems: x.problems.trim().to_string(),
            progress: x.progress.trim().to_string(),
            next_steps: x.next_steps.trim().to_string(),
        }
    }

    /// Lagging items (慢序时: behind or worse), worst first, then in plan order.
    pub fn lagging(&self) -> Vec<usize> {
        let mut ks: Vec<usize> = (0..self.assessment.items.len())
            .filter(|&k| self.assessment.items[k].status.is_lagging())
            .collect();
        ks.sort_by_key(|&k| self.assessment.items[k].status.rank());
        ks
    }

    /// Item counts per status, per lead unit and per category (for the summary).
    pub fn by_lead(&self) -> Vec<(usize, Counts)> {
        self.assessment.by_lead()
    }
}

/// The target as the table writes it: 节点 for a milestone, 12→15% for a
/// level (from its baseline), else the target and its unit.
fn target_text(ind: &Indicator, l: Lang) -> String {
    match ind.kind {
        Kind::Milestone => pick(l, "节点", "milestone").to_string(),
        Kind::Level => format!(
            "{}→{}{}",
            num(ind.baseline.unwrap_or(0.0)),
            num(ind.target),
            ind.unit
        ),
        _ => format!("{}{}", num(ind.target), ind.unit),
    }
}

/// The figure as the table writes it: the value and its unit (a milestone's
/// percent, or its work status without one), the nodes reached for a staged
/// milestone (2/4个节点), and the month of a figure carried from an earlier
/// month when the unit did not report (328人（5月）).
fn value_text(x: &IndicatorAssessment, ind: &Indicator, l: Lang) -> String {
    let mut text = match (ind.kind, x.value, x.work_status) {
        (Kind::Milestone, Some(v), _) => format!("{}%", num(v)),
        (Kind::Milestone, None, Some(s)) => s.label(l).to_string(),
        (_, Some(v), _) => format!("{}{}", num(v), ind.unit),
        _ => String::new(),
    };
    if !x.stages.is_empty() && x.value_month.is_some() {
        // A staged milestone: the nodes reached (2/4个节点).
        let done = x.stages.iter().filter(|s| s.done_in.is_some()).count();
        let n = x.stages.len();
        text = tr!("{done}/{n}个节点", "{done}/{n} stages").take(l);
    }
    if let (Some(vm), false) = (x.value_month, x.reported) {
        if !text.is_empty() {
            // The month alone in Chinese (5月), YYYY-MM in English.
            text = tr!("{text}（{m}月）", "{text} ({vm})", m = vm.month()).take(l);
        }
    }
    text
}

/// Lead units for a table cell: all of them up to two, else the first and a
/// count (县发改局等5个单位); the full list is in JSON and the notice.
pub fn short_lead(plan: &Plan, item: &crate::plan::Item, lang: Lang) -> String {
    if item.lead.len() <= 2 {
        return plan.lead_names(item);
    }
    let first = &plan.units[item.lead[0]].name;
    // 等N个单位 counts every unit, English the others.
    tr!(
        "{first}等{all}个单位",
        "{first} +{others}",
        all = item.lead.len(),
        others = item.lead.len() - 1,
    )
    .take(lang)
}

/// A count of items under one status (or 数据有误), and its share of all items.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Share {
    /// The status code, or `rejected` for 数据有误.
    pub code: &'static str,
    pub label: &'static str,
    pub n: usize,
    pub share: f64,
}

/// Whether a table row is an item or one of its indicators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowKind {
    Item,
    Indicator,
}

/// One row of the per-item table, with numbers kept as numbers for exports and
/// texts ready for people.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub kind: RowKind,
    /// 序号: the item id on item rows (and on an item's only row), else empty.
    pub no: String,
    pub item: String,
    /// Indicator id; empty on an item row of a multi-indicator item.
    pub indicator: String,
    pub name: String,
    /// The full text: the item's text on item rows, the indicator's name else.
    pub text: String,
    pub lead: String,
    pub reporter: String,
    pub target: Option<f64>,
    pub baseline: Option<f64>,
    pub target_text: String,
    pub unit: String,
    pub value: Option<f64>,
    pub value_month: Option<Month>,
    pub value_text: String,
    /// This month's increment (本月), cumulative indicators only.
    pub increment: Option<f64>,
    pub increment_text: String,
    pub completion: Option<f64>,
    pub expected: f64,
    /// c − e in percentage points, rounded to one decimal; `None` for done or
    /// unknown completion.
    pub gap: Option<f64>,
    pub gap_text: String,
    pub status: Status,
    /// The figure was refused by an error (数据有误), see [`assess::Shown`].
    pub rejected: bool,
    pub streak: u32,
    /// The department's words this month: 存在问题, 进展情况, 下步计划 (an
    /// item row joins its indicators').
    pub problems: String,
    pub progress: String,
    pub next_steps: String,
}

impl Row {
    /// The status as people read it: 数据有误 for a refused figure.
    pub fn status_label(&self, lang: Lang) -> &'static str {
        assess::Shown::of(self.status, self.rejected).label(lang)
    }
}

fn gap_points(status: Status, gap: Option<f64>) -> Option<f64> {
    if status == Status::Done {
        return None;
    }
    gap.map(|g| round_half_away(g * 100.0, 1) + 0.0)
}

/// 超序时3.5个百分点 / 滞后3.5个百分点 / 与序时持平 (基本持平 when a shortfall is
/// within the tolerance), as notices write gaps.
pub fn gap_text(status: Status, gap: Option<f64>, lang: Lang) -> String {
    let Some(p) = gap_points(status, gap) else {
        return String::new();
    };
    let a = num(p.abs());
    // Within `[margins] tolerance` below time progress the status is 按序时:
    // the words must not say 滞后 beside it.
    let within = p < 0.0 && !status.is_lagging();
    let words = if within {
        tr!("与序时基本持平", "level (within tolerance)")
    } else if p > 0.0 {
        tr!("超序时{a}个百分点", "{a} pts ahead")
    } else if p < 0.0 {
        tr!("滞后{a}个百分点", "{a} pts behind")
    } else {
        tr!("与序时持平", "level")
    };
    words.take(lang)
}

/// The gap words followed by every stage node the given indicators missed
/// (滞后25个百分点，“开工建设”节点（9月底前）未完成): the node says why.
pub fn with_missed_nodes<'a>(
    gap: String,
    plan: &Plan,
    indicators: impl IntoIterator<Item = &'a crate::assess::IndicatorAssessment>,
    lang: Lang,
) -> String {
    let nodes: Vec<String> = indicators
        .into_iter()
        .flat_map(|x| &x.stages)
        .filter(|s| s.missed())
        .map(|s| s.missed_text(plan.year, lang))
        .collect();
    let sep = pick(lang, "，", ", ");
    if nodes.is_empty() {
        gap
    } else if gap.is_empty() {
        nodes.join(sep)
    } else {
        format!("{gap}{sep}{}", nodes.join(sep))
    }
}

/// Cuts a long item text for tables and running text, only at a clause
/// boundary, so no figure or name is ever cut in half: the last 「，；。：」
/// within `max` characters, else the last 「、」 (a list) within, else the first
/// boundary after `max`, else the whole text. Exports with the full text use
/// the plan.
pub fn shorten(s: &str, max: usize) -> String {
    const CLAUSE: [char; 7] = ['，', '；', '。', '：', ',', ';', ':'];
    let s = s.trim().trim_end_matches('。');
    let chars: Vec<char> = s.chars().collect();
    if chars.len() <= max {
        return s.to_string();
    }
    let chars = &chars;
    let is = |set: &'static [char]| move |k: &usize| set.contains(&chars[*k]);
    // Room for the ellipsis: the kept part is at most max − 1 characters.
    let within = 1..max.min(chars.len());
    let cut = (within.clone().rev().find(is(&CLAUSE)))
        .or_else(|| within.rev().find(is(&['、'])))
        .or_else(|| (max..chars.len()).find(is(&CLAUSE)));
    match cut {
        Some(k) => format!("{}…", chars[..k].iter().collect::<String>()),
        None => s.to_string(),
    }
}

/// An item as tables and running text name it: its text when that fits in
/// `max` characters, else its `short` name when the task list gives one, else
/// its text cut at a clause boundary ([`shorten`]).
pub fn item_name(item: &crate::plan::Item, max: usize) -> String {
    let text = item.text.trim().trim_end_matches('。');
    match &item.short {
        Some(short) if text.chars().count() > max => short.clone(),
        _ => shorten(text, max),
    }
}

/// The text with a word joiner (U+2060) between a figure and the unit or word
/// that follows it (1579个, 8万户), so a browser or a word processor never
/// breaks a line there: for HTML and docx, whose line breaking allows it.
pub fn keep_figures_whole(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        let figure = c.is_ascii_digit() || c == '%';
        if figure
            && chars
                .peek()
                .is_some_and(|n| !n.is_ascii() && n.is_alphanumeric())
        {
            out.push('\u{2060}');
        }
    }
    out
}

/// A fraction as a percent with one decimal, or `-` when unknown.
pub fn pct_or_dash(x: Option<f64>) -> String {
    x.map_or_else(|| "-".to_string(), crate::value::pct)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_stay_with_their_units() {
        assert_eq!(
            keep_figures_whole("新增千兆光纤端口1579个"),
            "新增千兆光纤端口1579\u{2060}个"
        );
        assert_eq!(keep_figures_whole("突破8万户"), "突破8\u{2060}万户");
        // Nothing between figures and punctuation, or inside a figure.
        assert_eq!(
            keep_figures_whole("3,200人；54.0%，"),
            "3,200\u{2060}人；54.0%，"
        );
    }

    #[test]
    fn gaps_as_notices_write_them() {
        assert_eq!(
            gap_text(Status::Behind, Some(-0.035), Lang::Zh),
            "滞后3.5个百分点"
        );
        assert_eq!(
            gap_text(Status::Ahead, Some(0.1), Lang::Zh),
            "超序时10个百分点"
        );
        assert_eq!(gap_text(Status::OnTrack, Some(0.0), Lang::Zh), "与序时持平");
        // 58 % against 58.3 %: on track within the tolerance, never 滞后 beside 按序时.
        assert_eq!(
            gap_text(Status::OnTrack, Some(0.58 - 7.0 / 12.0), Lang::Zh),
            "与序时基本持平"
        );
        assert_eq!(
            gap_text(Status::Behind, Some(0.58 - 7.0 / 12.0), Lang::Zh),
            "滞后0.3个百分点"
        );
        assert_eq!(
            gap_text(Status::OnTrack, Some(-0.00001), Lang::Zh),
            "与序时持平"
        );
        assert_eq!(gap_text(Status::Done, Some(0.2), Lang::Zh), "");
        assert_eq!(
            gap_text(Status::Behind, Some(-0.035), Lang::En),
            "3.5 pts behind"
        );
        assert_eq!(gap_points(Status::Behind, Some(-0.00001)), Some(0.0));
    }

    #[test]
    fn shorten_only_at_clause_boundaries() {
        // Short enough: whole, without the full stop.
        assert_eq!(shorten("城镇新增就业3200人。", 28), "城镇新增就业3200人");
        // The figure 2800 is never cut: no boundary at all, so the whole text.
        let two = "农村适龄及城镇低保适龄妇女“两癌”免费检查2800人。";
        assert_eq!(
            shorten(two, 24),
            "农村适龄及城镇低保适龄妇女“两癌”免费检查2800人"
        );
        // The last boundary within the limit.
        let park = "规范中心城区停车场管理，新增城区公共停车位200个。";
        assert_eq!(shorten(park, 24), "规范中心城区停车场管理…");
        // A clause before a list's 「、」; the 「、」 only when no clause is within.
        let pension = "深入推进基本养老、医疗、工伤和失业保险等社会保险全民覆盖。继续推进";
        assert_eq!(
            shorten(pension, 29),
            "深入推进基本养老、医疗、工伤和失业保险等社会保险全民覆盖…"
        );
        assert_eq!(shorten(pension, 28), "深入推进基本养老、医疗…");
        assert_eq!(shorten(pension, 14), "深入推进基本养老、医疗…");
        // No boundary within: the first after it.
        let water = "农村水源保障及灌溉能力提升。新增蓄水能力14万方，其中：小型水库除险加固6万方。";
        assert_eq!(shorten(water, 10), "农村水源保障及灌溉能力提升…");
        assert_eq!(
            shorten(water, 28),
            "农村水源保障及灌溉能力提升。新增蓄水能力14万方，其中…"
        );
        // At most max characters when a boundary is within reach.
        for max in 14..40 {
            let got = shorten(water, max);
            assert!(got.chars().count() <= max, "{max}: {got}");
        }
    }

    #[test]
    fn hash_depends_on_paths_and_bytes() {
        use sha2::{Digest, Sha256};
        let d = |bytes: &[u8]| -> [u8; 32] { Sha256::digest(bytes).into() };
        let a = hash_inputs(&[("a".into(), d(b"1")), ("b".into(), d(b"2"))]);
        let b = hash_inputs(&[("a".into(), d(b"12")), ("b".into(), d(b""))]);
        let c = hash_inputs(&[("a".into(), d(b"1")), ("b".into(), d(b"2"))]);
        let renamed = hash_inputs(&[("a".into(), d(b"1")), ("c".into(), d(b"2"))]);
        assert_ne!(a.sha256, b.sha256);
        assert_ne!(a.sha256, renamed.sha256);
        assert_eq!(a, c);
        assert_eq!(a.sha256.len(), 64);
        // The empty input is SHA-256 of nothing.
        assert_eq!(
            hash_inputs(&[]).sha256,
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
}
