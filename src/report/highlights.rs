//! The publicity summary (宣传推介, `highlights --month M`): what was achieved,
//! in sentences the publicity office can use as they stand — the items done with
//! their figures and month, the items ahead of time progress, and the year's
//! numbers so far. Nothing that lags appears in it: an item behind, severely
//! behind, overdue or not reported is left out whole, and so is any indicator
//! that lags inside an item that does not.
//!
//! Composed once as data ([`Highlights`]); Markdown, HTML (a minijinja template,
//! escaped) and docx ([`super::docx::plain_document`]) lay it out.

use super::{item_name, Report};
use crate::assess::{IndicatorAssessment, ItemAssessment, Status};
use crate::lang::{pick, Lang, Text};
use crate::plan::Kind;
use crate::tr;
use crate::value::{num, pct};
use anyhow::{Context as _, Result};
use serde::Serialize;

const HTML: &str = include_str!("highlights.html.j2");

/// The summary's parts, for every renderer (and `--format json`).
#[derive(Serialize)]
pub struct Highlights {
    pub lang: &'static str,
    pub month: String,
    /// 双牌县2023年重点民生实事工作亮点
    pub title: String,
    /// （截至2023年6月底）
    pub subtitle: String,
    /// The opening sentence: how many items are done and ahead.
    pub lead: String,
    pub sections: Vec<Section>,
    /// Where the figures come from.
    pub source: String,
}

#[derive(Serialize)]
pub struct Section {
    pub heading: String,
    /// Item ids of the paragraphs, in order (for scripts and tests).
    pub items: Vec<String>,
    pub paragraphs: Vec<String>,
}

/// Numbers the sections that are there, in order (一、二、 … with no gap when
/// a section is left out for having nothing to say).
fn number_sections(sections: &mut [Section], l: Lang) {
    const ZH: [&str; 9] = ["一", "二", "三", "四", "五", "六", "七", "八", "九"];
    for (k, s) in sections.iter_mut().enumerate() {
        // 一、二、三 in Chinese, 1. 2. 3. in English.
        let no = Text::new(ZH.get(k).copied().unwrap_or("十"), (k + 1).to_string());
        s.heading = tr!(
            "{no}、{heading}",
            "{no}. {heading}",
            no = no.get(l),
            heading = s.heading
        )
        .take(l);
    }
}

/// Whether an item may appear at all: nothing lagging in a publicity text.
fn shown(it: &ItemAssessment) -> bool {
    !it.status.is_lagging() && !it.rejected
}

impl Report<'_> {
    /// The publicity summary of the report's month.
    pub fn highlights(&self) -> Highlights {
        let l = self.lang;
        let plan = self.plan();
        let shown: Vec<&ItemAssessment> = self
            .assessment
            .items
            .iter()
            .filter(|it| shown(it))
            .collect();
        let with = |s: Status| -> Vec<&ItemAssessment> {
            shown.iter().copied().filter(|it| it.status == s).collect()
        };
        let (done, ahead) = (with(Status::Done), with(Status::Ahead));
        let county = self.county();
        let mut sections = Vec::new();
        if !done.is_empty() {
            sections.push(
                self.section(pick(l, "已完成的民生实事", "Done"), &done, &|it| {
                    self.item_sentence(it)
                }),
            );
        }
        if !ahead.is_empty() {
            sections.push(self.section(
                pick(l, "超序时推进的民生实事", "Ahead of schedule"),
                &ahead,
                &|it| self.item_sentence(it),
            ));
        }
        let numbers: Vec<&ItemAssessment> = shown
            .iter()
            .copied()
            .filter(|it| !self.numbers(it).is_empty())
            .collect();
        sections.push(self.section(
            pick(l, "年度民生实事主要数据", "The year's numbers so far"),
            &numbers,
            &|it| self.numbers(it).join(pick(l, "；", "; ")) + pick(l, "。", "."),
        ));
        number_sections(&mut sections, l);
        let office = &plan.units[plan.office].name;
        Highlights {
            lang: pick(l, "zh-CN", "en"),
            month: self.month().to_string(),
            // Chinese names the county, English the plan.
            title: tr!(
                "{county}{year}年重点民生实事工作亮点",
                "{title}: achievements of {year}",
                year = plan.year,
                title = plan.title,
            )
            .take(l),
            subtitle: tr!("（{cut}）", "({cut})", cut = self.cutoff()).take(l),
            lead: self.lead_sentence(&county, done.len(), ahead.len()),
            sections,
            source: tr!(
                "数据来源：各牵头单位报送，{office}（专班办公室）汇总；任务清单版本 {version}。",
                "Source: the lead units' reports, compiled by {office} (coordinating office); plan version {version}.",
                version = plan.version
            )
            .take(l),
        }
    }

    /// The opening sentence: the cut-off, the items done and ahead, and that
    /// the work goes on (各项工作有序推进).
    fn lead_sentence(&self, county: &str, done: usize, ahead: usize) -> String {
        let l = self.lang;
        let (cut, total) = (self.cutoff(), self.assessment.items.len());
        // No zero clause (「超序时推进0项」): only what there is to announce.
        let counts: Vec<String> = [
            (done, tr!("已完成{done}项", "{done} done")),
            (
                ahead,
                tr!("超序时推进{ahead}项", "{ahead} ahead of schedule"),
            ),
        ]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(_, clause)| clause.take(l))
        .collect();
        let counts = counts.join(pick(l, "，", " and "));
        // Chinese names the county (双牌县), English says 「the county's」.
        let lead = if counts.is_empty() {
            tr!(
                "{cut}，{county}{total}项重点民生实事各项工作有序推进。",
                "{cut}, the county's {total} livelihood items are under way."
            )
        } else {
            tr!(
                "{cut}，{county}{total}项重点民生实事中，{counts}，各项工作有序推进。",
                "{cut}, of the county's {total} livelihood items {counts}."
            )
        };
        lead.take(l)
    }

    /// 双牌县, from the plan's title (全县 when it names no county).
    fn county(&self) -> String {
        let title = &self.plan().title;
        match title.find('县') {
            Some(i) if i > 0 => title[..i + '县'.len_utf8()].to_string(),
            _ => pick(self.lang, "全县", "the county").to_string(),
        }
    }

    /// A numbered section: one paragraph per item.
    fn section(
        &self,
        heading: &str,
        list: &[&ItemAssessment],
        f: &dyn Fn(&ItemAssessment) -> String,
    ) -> Section {
        let plan = self.plan();
        Section {
            heading: heading.to_string(),
            items: list
                .iter()
                .map(|it| plan.items[it.item].id.clone())
                .collect(),
            paragraphs: list
                .iter()
                .enumerate()
                .map(|(k, it)| format!("{}. {}", k + 1, f(it)))
                .collect(),
        }
    }

    /// An item done or ahead: its text, its leads, and each indicator's figure.
    fn item_sentence(&self, it: &ItemAssessment) -> String {
        let l = self.lang;
        let plan = self.plan();
        let item = &plan.items[it.item];
        let figures: Vec<String> = it
            .indicators
            .iter()
            .filter(|x| !x.status.is_lagging())
            .filter_map(|x| self.figure(x))
            .collect();
        let text = item_name(item, 40);
        let leads = plan.lead_names(item);
        if figures.is_empty() {
            tr!("{text}（{leads}）。", "{text} ({leads}).")
        } else {
            tr!(
                "{text}（{leads}）：{figures}。",
                "{text} ({leads}): {figures}.",
                figures = figures.join(pick(l, "；", "; "))
            )
        }
        .take(l)
    }

    /// One indicator's achievement in words: 城镇新增就业3200人，于2023年12月
    /// 完成目标任务（3200人） when done, else the figure, its share of the
    /// target and how far it is ahead of time progress.
    fn figure(&self, x: &IndicatorAssessment) -> Option<String> {
        let l = self.lang;
        let ind = self.plan().indicator(x.r);
        let c = x.completion?;
        let (name, u) = (&ind.name, &ind.unit);
        if let Some(m) = x.done_in.filter(|_| x.status == Status::Done) {
            let over = if c > 1.0 + 1e-9 && ind.kind != Kind::Level {
                tr!("，为目标的{c}", ", {c} of it", c = pct(c)).take(l)
            } else {
                String::new()
            };
            let when = m.label(l);
            let words = match (ind.kind, x.value) {
                (Kind::Milestone, _) => tr!("{name}已于{when}完成", "{name} done in {when}"),
                (Kind::Level, Some(v)) => tr!(
                    "{name}由{from}{u}提高到{value}{u}（{when}）",
                    "{name} raised from {from}{u} to {value}{u} ({when})",
                    from = num(ind.baseline.unwrap_or(0.0)),
                    value = num(v)
                ),
                (_, Some(v)) => tr!(
                    "{name}{value}{u}，于{when}完成目标任务（{target}{u}）{over}",
                    "{name} {value}{u}, reaching the target of {target}{u} in {when}{over}",
                    value = num(v),
                    target = num(ind.target)
                ),
                (_, None) => return None,
            };
            return Some(words.take(l));
        }
        let gap = super::gap_text(x.status, x.gap(), l);
        let ahead = if x.status == Status::Ahead && !gap.is_empty() {
            format!("{}{gap}", pick(l, "，", ", "))
        } else {
            String::new()
        };
        let c = pct(c);
        let words = match (ind.kind, x.value) {
            (Kind::Milestone, _) => tr!("{name}，进度达{c}{ahead}", "{name}: {c} done{ahead}"),
            (_, Some(v)) => tr!(
                "{name}{value}{u}，完成目标{target}{u}的{c}{ahead}",
                "{name} {value}{u} ({c} of the target {target}{u}){ahead}",
                value = num(v),
                target = num(ind.target)
            ),
            (_, None) => return None,
        };
        Some(words.take(l))
    }

    /// The year's numbers of an item shown: each indicator with a figure that
    /// does not lag (milestones aside: they have no number to announce).
    fn numbers(&self, it: &ItemAssessment) -> Vec<String> {
        let l = self.lang;
        let plan = self.plan();
        it.indicators
            .iter()
            .filter(|x| !x.status.is_lagging() && x.reported)
            .filter(|x| plan.indicator(x.r).kind != Kind::Milestone)
            .filter_map(|x| {
                let ind = plan.indicator(x.r);
                let v = x.value?;
                // A standard not yet raised is no news.
                if ind.kind == Kind::Level && v <= ind.baseline.unwrap_or(0.0) {
                    return None;
                }
                let (name, u, value) = (&ind.name, &ind.unit, num(v));
                let words = match ind.kind {
                    Kind::Cumulative => tr!(
                        "{name}累计{value}{u}，完成年度目标的{c}",
                        "{name} {value}{u} so far, {c} of the year's target",
                        c = pct(x.completion?)
                    ),
                    // Chinese says what a standard was raised from; English gives the level.
                    Kind::Level => tr!(
                        "{name}由{from}{u}提高到{value}{u}",
                        "{name} at {value}{u}",
                        from = num(ind.baseline.unwrap_or(0.0)),
                    ),
                    _ => tr!("{name}达到{value}{u}", "{name} at {value}{u}"),
                };
                Some(words.take(l))
            })
            .collect()
    }
}

/// Markdown: title, lead, one heading per section.
pub fn markdown(h: &Highlights) -> String {
    let mut out = format!("# {}\n\n{}\n\n{}\n\n", h.title, h.subtitle, h.lead);
    for s in &h.sections {
        out.push_str(&format!("## {}\n\n", s.heading));
        for p in &s.paragraphs {
            out.push_str(&format!("{p}\n\n"));
        }
    }
    out.push_str(&format!("{}\n", h.source));
    out
}

/// One self-contained HTML page (the template escapes every value).
pub fn html(h: &Highlights) -> Result<String> {
    let mut env = super::templates()?;
    env.add_template("highlights.html", HTML)
        .context("highlights.html template")?;
    env.get_template("highlights.html")
        .and_then(|t| t.render(minijinja::value::Serde(h)))
        .context("rendering highlights.html")
}

/// The summary as a 公文-styled Word document.
pub fn docx(h: &Highlights, r: &Report) -> Result<Vec<u8>> {
    let sections: Vec<(&str, &[String])> = h
        .sections
        .iter()
        .map(|s| (s.heading.as_str(), s.paragraphs.as_slice()))
        .collect();
    super::docx::plain_document(
        &h.title,
        &h.subtitle,
        &h.lead,
        &sections,
        &h.source,
        r.date.unwrap_or_else(|| {
            chrono::NaiveDate::from_ymd_opt(r.month().year(), r.month().month(), 1)
                .expect("a valid month")
        }),
    )
}
