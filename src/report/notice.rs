//! The notice (月调度通报): its sections composed once, as data ([`Notice`]), in
//! the register of a county office; the Markdown and HTML renderers lay them out
//! with two minijinja templates, and the docx renderer ([`super::docx`]) lays the
//! same data out as a 公文. The HTML template is named `*.html`, so minijinja
//! escapes every value in it.

use super::{pct_or_dash, short_lead, Report, Row, RowKind};
use crate::assess::{IndicatorAssessment, ItemAssessment, Status};
use crate::lang::{pick, Lang};
use crate::tr;
use crate::value::pct;
use anyhow::{Context as _, Result};
use serde::Serialize;

const MD: &str = include_str!("notice.md.j2");
const HTML: &str = include_str!("notice.html.j2");

/// The notice's sections, composed once for every renderer.
#[derive(Serialize)]
pub struct Notice {
    pub lang: &'static str,
    pub title: String,
    /// The document title: 双牌县打好重点民生保障仗月调度通报.
    pub heading: String,
    /// 第6期　　县人社局（专班办公室）　　截至2023年6月底
    pub issue_line: String,
    pub version_line: String,
    /// 一、总体情况: the headline counts, then the shares.
    pub overall: String,
    pub shares: String,
    pub counts: Vec<CountCtx>,
    /// 二、慢序时事项, worst first.
    pub lagging: Vec<LagCtx>,
    pub no_lagging: String,
    /// 三、上期通报事项跟踪: one paragraph each.
    pub followup: Vec<String>,
    /// 四、未按时报送单位.
    pub missing: String,
    /// 五、下步工作要求.
    pub requirements: String,
    /// 落款: the issuing office and the date, when the report has a date.
    pub signature: Option<Signature>,
    /// 附件1 (the 慢序时 items' rows) and 附件2 (every row).
    pub slow_rows: Vec<RowCtx>,
    pub rows: Vec<RowCtx>,
    pub t: Labels,
}

/// 落款: who issues the notice, and when.
#[derive(Serialize)]
pub struct Signature {
    pub office: String,
    /// 2023年7月5日 / 2023-07-05.
    pub date: String,
}

#[derive(Serialize)]
pub struct CountCtx {
    pub code: &'static str,
    pub label: &'static str,
    pub n: usize,
    pub share: String,
}

/// One lagging item of section 二.
#[derive(Serialize)]
pub struct LagCtx {
    /// The numbered sentence: item (shortened), lead units, then the verdict.
    pub text: String,
    /// The item's full text, its lead units, and the verdict (status,
    /// completion, gap, streak), for layouts that set the item as a heading.
    pub item: String,
    pub leads: String,
    pub verdict: String,
    /// The department's words this month (进展情况, 存在问题, 下步计划), its
    /// indicators' joined with 「；」; empty when none.
    pub progress: String,
    pub problems: String,
    pub next_steps: String,
    pub code: &'static str,
}

/// One row of the annex tables, as text.
#[derive(Serialize)]
pub struct RowCtx {
    pub item: bool,
    pub no: String,
    pub name: String,
    pub lead: String,
    pub target: String,
    pub value: String,
    pub completion: String,
    pub expected: String,
    pub gap: String,
    pub status: &'static str,
    pub code: &'static str,
    /// Bar lengths in percent of the bar (0–100), one decimal.
    pub c_bar: String,
    pub e_bar: String,
    /// An item's year so far as SVG polyline points: completion and time
    /// progress (see [`Report::trend_lines`]); empty without the course.
    pub c_line: String,
    pub e_line: String,
}

/// An annex's heading: its tag (附件1) and its title, and the two as one line
/// (附件1：慢序时事项清单) for the pages that print them together.
#[derive(Serialize)]
pub struct Annex {
    pub tag: &'static str,
    pub title: &'static str,
    pub label: String,
}

impl Annex {
    fn new(
        l: Lang,
        (zh_tag, zh_title): (&'static str, &'static str),
        (en_tag, en_title): (&'static str, &'static str),
    ) -> Annex {
        let (tag, title) = (pick(l, zh_tag, en_tag), pick(l, zh_title, en_title));
        Annex {
            tag,
            title,
            label: format!("{tag}{}{title}", pick(l, "：", ": ")),
        }
    }
}

#[derive(Serialize)]
pub struct Labels {
    pub s1: &'static str,
    pub s2: &'static str,
    pub s3: &'static str,
    pub s4: &'static str,
    pub s5: &'static str,
    pub annex1: Annex,
    pub annex2: Annex,
    /// 附件：1. … / 2. … (the annex list under the body, as a 公文 writes it).
    pub annex_word: &'static str,
    pub progress: &'static str,
    pub problems: &'static str,
    pub next_steps: &'static str,
    /// 「：」 after a label, or ": " in English.
    pub colon: &'static str,
    /// Parentheses around a figure: 「（」「）」, or " (" ")" in English.
    pub lp: &'static str,
    pub rp: &'static str,
    pub cols: [&'static str; 9],
    pub none: &'static str,
    /// The HTML annex's trend column.
    pub trend: &'static str,
}

fn row_ctx(r: &Row, lang: Lang) -> RowCtx {
    let bar = |x: f64| format!("{:.1}", (x.clamp(0.0, 1.0) * 100.0));
    RowCtx {
        item: r.kind == RowKind::Item,
        no: r.no.clone(),
        name: r.name.clone(),
        lead: r.lead.clone(),
        target: r.target_text.clone(),
        value: r.value_text.clone(),
        completion: pct_or_dash(r.completion),
        expected: pct(r.expected),
        gap: r.gap_text.clone(),
        status: r.status_label(lang),
        code: r.status.code(),
        c_bar: bar(r.completion.unwrap_or(0.0)),
        e_bar: bar(r.expected),
        c_line: String::new(),
        e_line: String::new(),
    }
}

/// The annex rows with each item row's trend lines (HTML).
fn rows_ctx(r: &Report, rows: &[Row]) -> Vec<RowCtx> {
    rows.iter()
        .map(|row| {
            let mut c = row_ctx(row, r.lang);
            if row.kind == RowKind::Item {
                if let Some((cl, el)) = r.trend_lines(&row.item) {
                    c.c_line = cl;
                    c.e_line = el;
                }
            }
            c
        })
        .collect()
}

/// The figures left out because of data errors (`report --allow-errors`):
/// 「以下数据有误，未计入本期通报：县人社局 1.1 城镇新增就业……」.
fn rejected_sentence(r: &Report) -> Option<String> {
    let figures = r.rejected_figures();
    if figures.is_empty() {
        return None;
    }
    let list: Vec<String> = figures
        .iter()
        .map(|(item, name, unit)| format!("{unit} {item} {name}"))
        .collect();
    let sentence = tr!(
        "以下{n}项数据有误，未计入本期通报，请相关单位核实后重新报送：{list}。",
        " {n} figure(s) had data errors and were left out of this notice; the units are asked to correct and re-file them: {list}.",
        n = figures.len(),
        list = list.join(pick(r.lang, "；", "; "))
    );
    Some(sentence.take(r.lang))
}

/// The verdict after a lagging item in section 二: its status, then the figures
/// that make it so — for an item of one indicator its completion and gap, for
/// an item of several the indicators that lag, each with its completion and gap
/// (never the mean, which could read 超序时 for an item that is 滞后) — then its
/// streak, and who did not report.
fn lag_verdict(r: &Report, k: usize) -> String {
    let l = r.lang;
    let it = &r.assessment.items[k];
    let f = r.follow[k];
    let mut verdict = it.status.label(l).to_string();
    let figures = lag_figures(r, it);
    if !figures.is_empty() {
        verdict.push_str(pick(l, "，", ", "));
        verdict.push_str(&figures);
    }
    if f.flagged() {
        verdict.push_str(
            tr!(
                "；已连续{streak}个月慢序时，列入约谈、挂牌督办范围",
                "; lagging {streak} months in a row, flagged for escalation",
                streak = f.streak
            )
            .get(l),
        );
    }
    verdict.push_str(pick(l, "。", "."));
    if it.status == Status::NotReported {
        verdict.push_str(&not_reported_by(r, it));
    }
    if let Some(note) = r.forecast_note(k) {
        verdict.push_str(pick(l, "", " "));
        verdict.push_str(&note);
    }
    verdict
}

/// The figures that make a lagging item so: for an item of one indicator its
/// completion and gap, for an item of several the indicators that lag, each
/// with its completion and gap (其中…；…); empty when none has figures.
fn lag_figures(r: &Report, it: &ItemAssessment) -> String {
    let (l, plan) = (r.lang, r.plan());
    // A staged milestone names the nodes it missed (“开工建设”节点（9月底前）未完成).
    let gap = |x: &IndicatorAssessment| {
        super::with_missed_nodes(super::gap_text(x.status, x.gap(), l), plan, [x], l)
    };
    if it.indicators.len() == 1 {
        let x = &it.indicators[0];
        return completion_and_gap(x.completion, &gap(x), l);
    }
    let parts: Vec<String> = it
        .indicators
        .iter()
        .filter(|x| x.status.is_lagging() && x.status != Status::NotReported)
        .map(|x| {
            tr!(
                "{name}{figures}",
                "{name} ({figures})",
                name = plan.indicator(x.r).name,
                figures = completion_and_gap(x.completion, &gap(x), l)
            )
            .take(l)
        })
        .collect();
    if parts.is_empty() {
        return String::new();
    }
    tr!(
        "其中{parts}",
        "indicators behind: {parts}",
        parts = parts.join(pick(l, "；", "; "))
    )
    .take(l)
}

/// 完成率58.3%，滞后25个百分点 / completion 58.3%, 25 pts behind.
fn completion_and_gap(completion: Option<f64>, gap: &str, l: Lang) -> String {
    // Chinese says the completion is missing (and drops the gap); English shows a dash.
    if completion.is_none() && l == Lang::Zh {
        return "未报送完成数".to_string();
    }
    let completion = tr!("完成率{c}", "completion {c}", c = pct_or_dash(completion)).take(l);
    if gap.is_empty() {
        completion
    } else {
        format!("{completion}{}{gap}", pick(l, "，", ", "))
    }
}

/// Who did not report a not-reported item: 「（县民政局本月未报送）」.
fn not_reported_by(r: &Report, it: &ItemAssessment) -> String {
    let plan = r.plan();
    let names: Vec<&str> = it
        .indicators
        .iter()
        .filter(|x| !x.reported)
        .map(|x| plan.units[plan.indicator(x.r).reporter].name.as_str())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    tr!(
        "（{names}本月未报送）",
        " (not reported this month by {names})",
        names = names.join(pick(r.lang, "、", ", "))
    )
    .take(r.lang)
}

/// 「上期通报的N项慢序时事项中，X项已赶上序时进度，Y项仍未赶上，Z项本月未报送。」,
/// a clause with no item left out (never 「0项本月未报送」).
fn followup_counts(l: Lang, caught: usize, still: usize, silent: usize) -> String {
    let total = caught + still + silent;
    let clauses: Vec<String> = [
        (
            caught,
            tr!("{caught}项已赶上序时进度", "{caught} caught up"),
        ),
        (still, tr!("{still}项仍未赶上", "{still} did not")),
        (
            silent,
            tr!("{silent}项本月未报送", "{silent} not reported this month"),
        ),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(_, clause)| clause.take(l))
    .collect();
    tr!(
        "上期通报的{total}项慢序时事项中，{clauses}。",
        "Of last month's {total} lagging items: {clauses}.",
        clauses = clauses.join(pick(l, "，", ", "))
    )
    .take(l)
}

/// Units named in a sentence: 「县财政局」 for one, 「县财政局、县林业局等2个单位」 for
/// several (never 「县财政局等1个单位」).
fn units_phrase(l: Lang, names: &[&str]) -> String {
    let list = names.join(pick(l, "、", ", "));
    match names.len() {
        1 => tr!("{list}", "1 unit ({list})"),
        n => tr!("{list}等{n}个单位", "{n} units ({list})"),
    }
    .take(l)
}

/// The notice's sections for the report's month.
pub fn notice(r: &Report) -> Notice {
    let l = r.lang;
    let plan = r.plan();
    let month = r.month();
    let office = &plan.units[plan.office].name;
    let rows = r.rows();
    let lagging = r.lagging();
    let mut n = Notice {
        lang: pick(l, "zh-CN", "en"),
        title: plan.title.clone(),
        // Chinese drops 「工作任务清单」 from the plan's title.
        heading: tr!(
            "{short}月调度通报",
            "Monthly dispatch notice: {title}",
            short = plan.title.trim_end_matches("工作任务清单"),
            title = plan.title,
        )
        .take(l),
        issue_line: tr!(
            "第{no}期　　{office}（专班办公室）　　{cutoff}",
            "No. {no} · {office} (coordinating office) · {cutoff}",
            no = month.month(),
            cutoff = r.cutoff()
        )
        .take(l),
        version_line: tr!(
            "本通报依据任务清单版本 {version}（{file}，{effective}起适用）及各单位报送数据生成，数据校验码（SHA-256）：{sha256}",
            "Built from plan version {version} ({file}, in force from {effective}) and the units' files; inputs SHA-256: {sha256}",
            version = plan.version,
            file = plan.file,
            effective = plan.effective.label(l),
            sha256 = r.inputs.sha256
        )
        .take(l),
        overall: overall(r),
        shares: shares(r),
        counts: counts(r),
        lagging: lagging_section(r, &lagging),
        no_lagging: pick(
            l,
            "本月无滞后、严重滞后或逾期未完成的事项。",
            "No item is behind, severely behind or overdue this month.",
        )
        .to_string(),
        followup: followup_section(r),
        missing: missing_section(r),
        requirements: pick(
            l,
            "各牵头单位要对照序时进度查找差距，慢序时事项的牵头单位要逐项明确整改措施和完成时限，于下次调度前报专班办公室；连续两个月及以上慢序时的事项，由专班办公室提请约谈或挂牌督办。各单位要按月如实报送进展，确保数据真实准确。",
            "Lead units are to close their gaps against time progress; units with lagging items are to send corrective measures and dates to the office before the next dispatch. Items lagging two months or more in a row are escalated. Please report monthly and accurately.",
        )
        .to_string(),
        signature: signature(r),
        slow_rows: slow_rows(r, &rows, &lagging),
        rows: rows_ctx(r, &rows),
        t: labels(l),
    };
    r.adjust_notice(&mut n);
    n
}

/// 一、总体情况: the cut-off and the headline. English opens a sentence of its
/// own, so the headline's first letter is lowered there.
fn overall(r: &Report) -> String {
    let headline = r.headline();
    let mut cs = headline.chars();
    let lowered: String = cs
        .next()
        .map(|c| c.to_ascii_lowercase())
        .into_iter()
        .chain(cs)
        .collect();
    tr!(
        "{cutoff}，{headline}",
        "As of the end of {month}, {lowered}",
        cutoff = r.cutoff(),
        month = r.month(),
    )
    .take(r.lang)
}

/// 一、总体情况: each status's share, those with any item.
fn shares(r: &Report) -> String {
    let l = r.lang;
    r.shares()
        .iter()
        .filter(|s| s.n > 0)
        .map(|s| {
            tr!(
                "{label}{share}",
                "{label} {share}",
                label = s.label,
                share = pct(s.share)
            )
            .take(l)
        })
        .collect::<Vec<_>>()
        .join(pick(l, "，", ", "))
}

/// The count and share of each status, for the notice's table of counts.
fn counts(r: &Report) -> Vec<CountCtx> {
    r.shares()
        .iter()
        .map(|s| CountCtx {
            code: s.code,
            label: s.label,
            n: s.n,
            share: pct(s.share),
        })
        .collect()
}

/// 二、慢序时事项: the lagging items that reported, worst first, numbered.
fn lagging_section(r: &Report, lagging: &[usize]) -> Vec<LagCtx> {
    let (l, plan, a) = (r.lang, r.plan(), &r.assessment);
    lagging
        .iter()
        .filter(|&&k| a.items[k].status != Status::NotReported)
        .enumerate()
        .map(|(n, &k)| {
            let it = &a.items[k];
            let item = &plan.items[it.item];
            let leads = plan.lead_names(item);
            let verdict = lag_verdict(r, k);
            let text = tr!(
                "{no}. {name}（{leads}）：{verdict}",
                "{no}. {name} ({leads}): {verdict}",
                no = n + 1,
                name = super::item_name(item, 40)
            )
            .take(l);
            let words = |f: fn(&crate::assess::IndicatorAssessment) -> &str| {
                join_words(it.indicators.iter().map(f))
            };
            let problems = words(|x| &x.problems);
            LagCtx {
                text,
                item: item.text.trim().trim_end_matches('。').to_string(),
                leads,
                verdict,
                progress: words(|x| &x.progress),
                problems,
                next_steps: words(|x| &x.next_steps),
                code: it.status.code(),
            }
        })
        .collect()
}

/// 三、上期通报事项跟踪: what became of last month's items behind, severely
/// behind or overdue.
fn followup_section(r: &Report) -> Vec<String> {
    let (l, a) = (r.lang, &r.assessment);
    let (caught, still, silent_now) = followup_lists(r);
    let mut followup = Vec::new();
    let has_previous = a
        .items
        .iter()
        .enumerate()
        .any(|(k, _)| r.follow[k].previous.is_some());
    if !has_previous {
        followup.push(
            pick(
                l,
                "本期为本年度首期通报，无上期跟踪事项。",
                "This is the first notice of the year; nothing to follow up.",
            )
            .to_string(),
        );
    } else if caught.is_empty() && still.is_empty() && silent_now.is_empty() {
        followup.push(
            pick(
                l,
                "上期通报无慢序时事项。",
                "Last month's notice named no lagging item.",
            )
            .to_string(),
        );
    } else {
        followup.push(followup_counts(
            l,
            caught.len(),
            still.len(),
            silent_now.len(),
        ));
        if !caught.is_empty() {
            followup.push(format!(
                "{}{}",
                pick(l, "已赶上：", "Caught up: "),
                caught.join(pick(l, "；", "; "))
            ));
        }
        if !still.is_empty() {
            followup.push(format!(
                "{}{}",
                pick(l, "仍滞后：", "Still lagging: "),
                still.join(pick(l, "；", "; "))
            ));
        }
    }

    followup
}

/// Last month's items behind or worse, by what became of them: caught up,
/// still lagging (with the streak), or not reported this month.
fn followup_lists(r: &Report) -> (Vec<String>, Vec<String>, Vec<String>) {
    let (l, plan, a) = (r.lang, r.plan(), &r.assessment);
    let behind = |s: Status| s.is_lagging() && s != Status::NotReported;
    let mut caught = Vec::new();
    let mut still = Vec::new();
    let mut silent_now = Vec::new();
    for (k, it) in a.items.iter().enumerate() {
        let f = r.follow[k];
        if !f.previous.is_some_and(behind) {
            continue;
        }
        let item = &plan.items[it.item];
        // A list of names: the short name wherever the task list gives one, so
        // the names in one list read alike.
        let short = item
            .short
            .clone()
            .unwrap_or_else(|| super::item_name(item, 24));
        let name = tr!(
            "{short}（{lead}）",
            "{short} ({lead})",
            lead = short_lead(plan, item, l)
        )
        .take(l);
        if it.status == Status::NotReported {
            silent_now.push(name);
        } else if !it.status.is_lagging() {
            caught.push(format!(
                "{name}{}{}",
                pick(l, "：", ": "),
                it.status.label(l)
            ));
        } else {
            still.push(
                tr!(
                    "{name}：{status}，已连续{streak}个月",
                    "{name}: {status}, {streak} months in a row",
                    status = it.status.label(l),
                    streak = f.streak
                )
                .take(l),
            );
        }
    }
    (caught, still, silent_now)
}

/// 四、未按时报送单位: who did not file, who filed late, which items could not
/// be assessed, which figures were refused.
fn missing_section(r: &Report) -> String {
    let missing = unassessed(r, late(r, not_filed(r)));
    match rejected_sentence(r) {
        Some(text) if missing.is_empty() => text,
        Some(text) => format!("{missing}{text}"),
        None => missing,
    }
}

/// The units that filed nothing, or that every unit filed.
fn not_filed(r: &Report) -> String {
    let (l, plan, month) = (r.lang, r.plan(), r.month());
    if r.missing.is_empty() && r.late.is_empty() {
        pick(
            l,
            "本月各责任单位均按时报送了进展情况。",
            "Every reporting unit filed this month.",
        )
        .to_string()
    } else if r.missing.is_empty() {
        pick(
            l,
            "本月各责任单位均报送了进展情况。",
            "Every reporting unit filed this month.",
        )
        .to_string()
    } else {
        let names: Vec<&str> = r
            .missing
            .iter()
            .map(|&u| plan.units[u].name.as_str())
            .collect();
        tr!(
            "{units}未按时报送{month}进展情况，请于下月{due}日前补报，逾期按未报送计入季动态考评。",
            "{units} did not file for {month}. Please file by day {due} of next month; late files count as not reported in the quarterly evaluation.",
            units = units_phrase(l, &names),
            month = month.label(l),
            due = plan.reporting.due_day
        )
        .take(l)
    }
}

/// `missing`, then the units that filed after the due day.
fn late(r: &Report, missing: String) -> String {
    let (l, plan, month) = (r.lang, r.plan(), r.month());
    // Units that filed after the due day (docs/closing.md), beside those that did not.
    if r.late.is_empty() {
        missing
    } else {
        let names: Vec<&str> = r
            .late
            .iter()
            .map(|&u| plan.units[u].name.as_str())
            .collect();
        let due = crate::archive::due_date(month, plan.reporting.due_day);
        use chrono::Datelike;
        // The due day: 7月10日 in Chinese, 2023-07-10 in English.
        let due = tr!(
            "{m}月{d}日",
            "{iso}",
            m = due.month(),
            d = due.day(),
            iso = due.format("%Y-%m-%d"),
        );
        tr!(
            "{missing}{units}逾期报送（报送时限为{due}）。",
            "{missing} {units} filed late (due by {due}).",
            units = units_phrase(l, &names),
            due = due.get(l)
        )
        .take(l)
    }
}

/// `missing`, then the items that cannot be assessed for lack of figures.
fn unassessed(r: &Report, missing: String) -> String {
    let (l, plan, a) = (r.lang, r.plan(), &r.assessment);
    let silent: Vec<&str> = a
        .items
        .iter()
        .filter(|it| it.status == Status::NotReported && !it.rejected)
        .map(|it| plan.items[it.item].id.as_str())
        .collect();
    if silent.is_empty() {
        missing
    } else {
        tr!(
            "{missing}因未报送进展数据，{n}项工作事项本月无法评价进度（事项{items}）。",
            "{missing} For lack of figures, {n} items cannot be assessed this month (items {items}).",
            n = silent.len(),
            items = silent.join(pick(l, "、", ", "))
        )
        .take(l)
    }
}

/// 附件1: the rows of the lagging items that reported.
fn slow_rows(r: &Report, rows: &[Row], lagging: &[usize]) -> Vec<RowCtx> {
    let (plan, a) = (r.plan(), &r.assessment);
    let lagging: Vec<usize> = lagging
        .iter()
        .copied()
        .filter(|&k| a.items[k].status != Status::NotReported)
        .collect();
    let lagging_items: std::collections::BTreeSet<&str> = lagging
        .iter()
        .map(|&k| plan.items[a.items[k].item].id.as_str())
        .collect();
    let slow: Vec<Row> = rows
        .iter()
        .filter(|row| lagging_items.contains(row.item.as_str()))
        .cloned()
        .collect();
    rows_ctx(r, &slow)
}

/// 落款, when the report has a date.
fn signature(r: &Report) -> Option<Signature> {
    let l = r.lang;
    let office = &r.plan().units[r.plan().office].name;
    r.date.map(|d| {
        use chrono::Datelike;
        Signature {
            // The issue line's words: the plan names the unit that houses the
            // office, not the office's own name.
            office: tr!("{office}（专班办公室）", "{office} (coordinating office)").take(l),
            date: tr!(
                "{y}年{m}月{day}日",
                "{iso}",
                y = d.year(),
                m = d.month(),
                day = d.day(),
                iso = d.format("%Y-%m-%d"),
            )
            .take(l),
        }
    })
}

/// The section titles and column heads, in the notice's language.
fn labels(l: Lang) -> Labels {
    Labels {
        s1: pick(l, "一、总体情况", "1. Overview"),
        s2: pick(l, "二、慢序时事项", "2. Items behind schedule"),
        s3: pick(
            l,
            "三、上期通报事项跟踪",
            "3. Follow-up of last month's items",
        ),
        s4: pick(l, "四、未按时报送单位", "4. Units that did not report"),
        s5: pick(l, "五、下步工作要求", "5. Next steps"),
        annex1: Annex::new(
            l,
            ("附件1", "慢序时事项清单"),
            ("Annex 1", "items behind schedule"),
        ),
        annex2: Annex::new(
            l,
            ("附件2", "工作事项进展情况表"),
            ("Annex 2", "progress of every item"),
        ),
        annex_word: pick(l, "附件", "Annexes"),
        progress: pick(l, "进展情况", "Progress"),
        problems: pick(l, "存在问题", "Problems stated"),
        next_steps: pick(l, "下步计划", "Next steps"),
        colon: pick(l, "：", ": "),
        lp: pick(l, "（", " ("),
        rp: pick(l, "）", ")"),
        cols: [
            pick(l, "序号", "No."),
            pick(l, "工作事项 / 指标", "Item / indicator"),
            pick(l, "牵头单位", "Lead"),
            pick(l, "目标", "Target"),
            pick(l, "累计完成", "Achieved"),
            pick(l, "完成率", "Completion"),
            pick(l, "序时进度", "Time progress"),
            pick(l, "差距", "Gap"),
            pick(l, "状态", "Status"),
        ],
        none: pick(l, "无", "none"),
        trend: pick(l, "走势（完成率 / 序时）", "trend (completion / time)"),
    }
}

/// Joins the indicators' words with 「；」, the full stop of each but the last
/// dropped (so no 「。；」); blank ones left out.
pub(crate) fn join_words<'a>(parts: impl Iterator<Item = &'a str>) -> String {
    let parts: Vec<&str> = parts.map(str::trim).filter(|p| !p.is_empty()).collect();
    let n = parts.len();
    parts
        .iter()
        .enumerate()
        .map(|(k, p)| {
            if k + 1 < n {
                p.trim_end_matches(['。', '；', ';'])
            } else {
                p
            }
        })
        .collect::<Vec<_>>()
        .join("；")
}

fn env() -> Result<minijinja::Environment<'static>> {
    let mut env = super::templates()?;
    // A Markdown table cell: no pipe, no line break.
    env.add_filter("cell", |s: String| -> String {
        s.replace('|', "\\|").replace(['\r', '\n'], " ")
    });
    // HTML: a figure stays with its unit when a line breaks (1579个).
    env.add_filter("whole", |s: String| -> String {
        super::keep_figures_whole(&s)
    });
    env.add_template("notice.md", MD)
        .context("notice.md template")?;
    env.add_template("notice.html", HTML)
        .context("notice.html template")?;
    Ok(env)
}

fn render(r: &Report, name: &str) -> Result<String> {
    let env = env()?;
    let ctx = notice(r);
    env.get_template(name)
        .and_then(|t| t.render(minijinja::value::Serde(&ctx)))
        .with_context(|| format!("rendering {name}"))
}

/// The notice in Markdown (`--format md`).
pub fn markdown(r: &Report) -> Result<String> {
    render(r, "notice.md")
}

/// The notice as one self-contained HTML page (`--format html`).
pub fn html(r: &Report) -> Result<String> {
    render(r, "notice.html")
}

#[cfg(test)]
mod tests {

    #[test]
    fn an_annex_heading_is_its_tag_and_title() {
        let a = Annex::new(Lang::Zh, ("附件1", "清单"), ("Annex 1", "list"));
        assert_eq!(
            (a.tag, a.title, a.label.as_str()),
            ("附件1", "清单", "附件1：清单")
        );
        let a = Annex::new(Lang::En, ("附件1", "清单"), ("Annex 1", "list"));
        assert_eq!(a.label, "Annex 1: list");
    }
    use super::{followup_counts, join_words, units_phrase, Annex};
    use crate::lang::Lang;

    #[test]
    fn no_zero_clauses_and_no_one_of_one() {
        assert_eq!(
            followup_counts(Lang::Zh, 1, 7, 0),
            "上期通报的8项慢序时事项中，1项已赶上序时进度，7项仍未赶上。"
        );
        assert_eq!(
            followup_counts(Lang::Zh, 0, 0, 2),
            "上期通报的2项慢序时事项中，2项本月未报送。"
        );
        assert_eq!(
            followup_counts(Lang::En, 2, 0, 1),
            "Of last month's 3 lagging items: 2 caught up, 1 not reported this month."
        );
        assert_eq!(units_phrase(Lang::Zh, &["县财政局"]), "县财政局");
        assert_eq!(
            units_phrase(Lang::Zh, &["县财政局", "县林业局"]),
            "县财政局、县林业局等2个单位"
        );
        assert_eq!(units_phrase(Lang::En, &["a"]), "1 unit (a)");
        assert_eq!(units_phrase(Lang::En, &["a", "b"]), "2 units (a, b)");
    }

    #[test]
    fn words_joined_without_double_stops() {
        let got = join_words(["加快资金拨付。", " ", "压实责任。"].into_iter());
        assert_eq!(got, "加快资金拨付；压实责任。");
        assert_eq!(join_words(["只有一条。"].into_iter()), "只有一条。");
        assert_eq!(join_words(std::iter::empty()), "");
    }
}
