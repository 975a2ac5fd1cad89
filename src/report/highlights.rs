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
use crate::lang::{pick, Lang};
use crate::plan::Kind;
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
        s.heading = match l {
            Lang::Zh => format!("{}、{}", ZH.get(k).copied().unwrap_or("十"), s.heading),
            Lang::En => format!("{}. {}", k + 1, s.heading),
        };
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
        let (total, office) = (self.assessment.items.len(), &plan.units[plan.office].name);
        let (cut, nd, na) = (self.cutoff(), done.len(), ahead.len());
        // No zero clause (「超序时推进0项」): only what there is to announce.
        let counts: Vec<String> = [
            (nd, "已完成", "done"),
            (na, "超序时推进", "ahead of schedule"),
        ]
        .into_iter()
        .filter(|(n, _, _)| *n > 0)
        .map(|(n, zh, en)| match l {
            Lang::Zh => format!("{zh}{n}项"),
            Lang::En => format!("{n} {en}"),
        })
        .collect();
        Highlights {
            lang: pick(l, "zh-CN", "en"),
            month: self.month().to_string(),
            title: match l {
                Lang::Zh => format!("{county}{}年重点民生实事工作亮点", plan.year),
                Lang::En => format!("{}: achievements of {}", plan.title, plan.year),
            },
            subtitle: match l {
                Lang::Zh => format!("（{cut}）"),
                Lang::En => format!("({cut})"),
            },
            lead: match l {
                Lang::Zh if counts.is_empty() => format!("{cut}，{county}{total}项重点民生实事各项工作有序推进。"),
                Lang::Zh => format!("{cut}，{county}{total}项重点民生实事中，{}，各项工作有序推进。", counts.join("，")),
                Lang::En if counts.is_empty() => format!("{cut}, the county's {total} livelihood items are under way."),
                Lang::En => format!("{cut}, of the county's {total} livelihood items {}.", counts.join(" and ")),
            },
            sections,
            source: match l {
                Lang::Zh => format!("数据来源：各牵头单位报送，{office}（专班办公室）汇总；任务清单版本 {}。", plan.version),
                Lang::En => format!("Source: the lead units' reports, compiled by {office} (coordinating office); plan version {}.", plan.version),
            },
        }
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
        match l {
            Lang::Zh if figures.is_empty() => format!("{text}（{leads}）。"),
            Lang::Zh => format!("{text}（{leads}）：{}。", figures.join("；")),
            Lang::En if figures.is_empty() => format!("{text} ({leads})."),
            Lang::En => format!("{text} ({leads}): {}.", figures.join("; ")),
        }
    }

    /// One indicator's achievement in words: 城镇新增就业3200人，于2023年12月
    /// 完成目标任务（3200人） when done, else the figure, its share of the
    /// target and how far it is ahead of time progress.
    fn figure(&self, x: &IndicatorAssessment) -> Option<String> {
        let l = self.lang;
        let ind = self.plan().indicator(x.r);
        let c = x.completion?;
        let u = &ind.unit;
        if let Some(m) = x.done_in.filter(|_| x.status == Status::Done) {
            let over = match (c > 1.0 + 1e-9 && ind.kind != Kind::Level, l) {
                (true, Lang::Zh) => format!("，为目标的{}", pct(c)),
                (true, Lang::En) => format!(", {} of it", pct(c)),
                _ => String::new(),
            };
            return Some(match (ind.kind, x.value, l) {
                (Kind::Milestone, _, Lang::Zh) => format!("{}已于{}完成", ind.name, m.zh()),
                (Kind::Milestone, _, Lang::En) => format!("{} done in {m}", ind.name),
                (Kind::Level, Some(v), Lang::Zh) => format!(
                    "{}由{}{u}提高到{}{u}（{}）",
                    ind.name,
                    num(ind.baseline.unwrap_or(0.0)),
                    num(v),
                    m.zh()
                ),
                (Kind::Level, Some(v), Lang::En) => format!(
                    "{} raised from {}{u} to {}{u} ({m})",
                    ind.name,
                    num(ind.baseline.unwrap_or(0.0)),
                    num(v)
                ),
                (_, Some(v), Lang::Zh) => format!(
                    "{}{}{u}，于{}完成目标任务（{}{u}）{over}",
                    ind.name,
                    num(v),
                    m.zh(),
                    num(ind.target)
                ),
                (_, Some(v), Lang::En) => format!(
                    "{} {}{u}, reaching the target of {}{u} in {m}{over}",
                    ind.name,
                    num(v),
                    num(ind.target)
                ),
                (_, None, _) => return None,
            });
        }
        let gap = super::gap_text(x.status, x.gap(), l);
        let ahead = if x.status == Status::Ahead && !gap.is_empty() {
            format!("{}{gap}", pick(l, "，", ", "))
        } else {
            String::new()
        };
        Some(match (ind.kind, x.value, l) {
            (Kind::Milestone, _, Lang::Zh) => format!("{}，进度达{}{ahead}", ind.name, pct(c)),
            (Kind::Milestone, _, Lang::En) => format!("{}: {} done{ahead}", ind.name, pct(c)),
            (_, Some(v), Lang::Zh) => format!(
                "{}{}{u}，完成目标{}{u}的{}{ahead}",
                ind.name,
                num(v),
                num(ind.target),
                pct(c)
            ),
            (_, Some(v), Lang::En) => format!(
                "{} {}{u} ({} of the target {}{u}){ahead}",
                ind.name,
                num(v),
                pct(c),
                num(ind.target)
            ),
            (_, None, _) => return None,
        })
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
                Some(match (ind.kind, l) {
                    (Kind::Cumulative, Lang::Zh) => format!(
                        "{}累计{}{}，完成年度目标的{}",
                        ind.name,
                        num(v),
                        ind.unit,
                        pct(x.completion?)
                    ),
                    (Kind::Level, Lang::Zh) => format!(
                        "{}由{}{u}提高到{}{u}",
                        ind.name,
                        num(ind.baseline.unwrap_or(0.0)),
                        num(v),
                        u = ind.unit
                    ),
                    (_, Lang::Zh) => format!("{}达到{}{}", ind.name, num(v), ind.unit),
                    (Kind::Cumulative, Lang::En) => format!(
                        "{} {}{} so far, {} of the year's target",
                        ind.name,
                        num(v),
                        ind.unit,
                        pct(x.completion?)
                    ),
                    (_, Lang::En) => format!("{} at {}{}", ind.name, num(v), ind.unit),
                })
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
