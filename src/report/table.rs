//! The report in the terminal: the headline, then the per-item table aligned with
//! Chinese text (comfy-table measures CJK as double width). The full table is
//! about 170 columns wide; on a narrower terminal [`render_fit`] prints a narrow
//! one instead (id, short name, lead, completion, 序时, status; indicator rows
//! only under lagging items) and wraps the headline at line-break opportunities
//! (UAX #14, so no figure is split).

use super::{item_name, pct_or_dash, Report};
use crate::assess::Status;
use crate::lang::pick;
use crate::render::table::{colored, new_table, right, Style};
use crate::tr;
use crate::value::pct;
use comfy_table::{Cell, Color};
use std::fmt::Write as _;

/// The colour of a status when colour is on.
pub fn status_color(s: Status) -> Option<Color> {
    match s {
        Status::Done => Some(Color::Green),
        Status::Ahead => Some(Color::Cyan),
        Status::OnTrack => None,
        Status::Behind => Some(Color::Yellow),
        Status::SeverelyBehind => Some(Color::Red),
        Status::Overdue => Some(Color::Magenta),
        Status::NotReported => Some(Color::DarkGrey),
    }
}

/// The headline lines: cut-off, plan version, inputs hash, counts and shares.
pub fn headline(r: &Report) -> String {
    headline_with(r, &r.inputs.sha256)
}

/// The headline with the inputs hash as given (the narrow table shortens it).
fn headline_with(r: &Report, sha256: &str) -> String {
    let l = r.lang;
    let plan = r.plan();
    let mut out = String::new();
    let heading = tr!(
        "{title}月调度情况（第{no}期，{cutoff}）",
        "{title} — monthly dispatch no. {no}, {cutoff}",
        title = plan.title,
        no = r.month().month(),
        cutoff = r.cutoff()
    );
    let _ = writeln!(out, "{}", heading.get(l));
    if let Some(line) = r.unit_line() {
        let _ = writeln!(out, "{line}");
    }
    let _ = writeln!(out, "{}", r.headline());
    let shares: Vec<String> = r
        .shares()
        .iter()
        .map(|s| {
            tr!(
                "{label} {n} 项（{share}）",
                "{label} {n} ({share})",
                label = s.label,
                n = s.n,
                share = pct(s.share)
            )
            .take(l)
        })
        .collect();
    let _ = writeln!(out, "{}", shares.join(pick(l, "，", ", ")));
    // Who did not report and who reported late (docs/closing.md), when anyone.
    let names = |us: &[usize]| -> String {
        us.iter()
            .map(|&u| plan.units[u].name.as_str())
            .collect::<Vec<_>>()
            .join(pick(l, "、", ", "))
    };
    let mut who = Vec::new();
    if !r.missing.is_empty() {
        who.push(format!(
            "{}{}",
            pick(l, "未报送：", "not filed: "),
            names(&r.missing)
        ));
    }
    if !r.late.is_empty() {
        who.push(format!(
            "{}{}",
            pick(l, "逾期报送：", "filed late: "),
            names(&r.late)
        ));
    }
    if !who.is_empty() {
        let _ = writeln!(out, "{}", who.join(pick(l, "；", "; ")));
    }
    let version = tr!(
        "任务清单版本 {version}（{file}），输入数据 SHA-256 {sha256}",
        "plan version {version} ({file}), inputs SHA-256 {sha256}",
        version = plan.version,
        file = plan.file
    );
    let _ = writeln!(out, "{}", version.get(l));
    out
}

/// Headline and per-item table.
pub fn render(r: &Report, style: Style) -> String {
    let l = r.lang;
    let mut t = new_table(
        style,
        &[
            pick(l, "序号", "no."),
            pick(l, "工作事项 / 指标", "item / indicator"),
            pick(l, "牵头单位", "lead"),
            pick(l, "目标", "target"),
            pick(l, "累计完成", "achieved"),
            pick(l, "本月", "this month"),
            pick(l, "完成率", "completion"),
            pick(l, "序时进度", "time progress"),
            pick(l, "差距", "gap"),
            pick(l, "状态", "status"),
        ],
    );
    for row in r.rows() {
        let status = row.status_label(l);
        t.add_row(vec![
            Cell::new(&row.no),
            Cell::new(&row.name),
            Cell::new(&row.lead),
            right(&row.target_text),
            right(&row.value_text),
            right(&row.increment_text),
            right(pct_or_dash(row.completion)),
            right(pct(row.expected)),
            Cell::new(&row.gap_text),
            colored(status, status_color(row.status), style),
        ]);
    }
    format!("{}\n{t}\n", headline(r))
}

/// The table that fits: the full one when `width` is `None` (a file, a pipe,
/// `--wide`) or when it fits in `width` columns, else the narrow one.
pub fn render_fit(r: &Report, style: Style, width: Option<u16>) -> String {
    let full = render(r, style);
    match width {
        Some(w) if widest_line(&full) > usize::from(w) => render_narrow(r, style, w),
        _ => full,
    }
}

fn widest_line(text: &str) -> usize {
    let plain = strip_ansi(text);
    plain
        .lines()
        .map(unicode_width::UnicodeWidthStr::width)
        .max()
        .unwrap_or(0)
}

/// The text without ANSI colour sequences (ESC [ … m), for measuring.
fn strip_ansi(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for d in chars.by_ref() {
                if d.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The narrow table for a terminal of `width` columns (80 and up): per item its
/// id, name (the `short` name, or its text cut at a clause boundary), lead,
/// completion, time progress and status; under a lagging item of several
/// indicators, the indicators that lag. Names and leads are wrapped here at
/// line-break opportunities (comfy-table would cut 「90个」 in half), so an
/// item takes about two lines; the headline wraps at `width`, the inputs hash
/// shortened.
fn render_narrow(r: &Report, style: Style, width: u16) -> String {
    let l = r.lang;
    let plan = r.plan();
    let (name_w, lead_w, status_w) = narrow_widths(r, usize::from(width));
    let mut t = new_table(
        style,
        &[
            pick(l, "序号", "no."),
            pick(l, "工作事项", "item"),
            pick(l, "牵头单位", "lead"),
            pick(l, "完成率", "done"),
            pick(l, "序时", "time"),
            pick(l, "状态", "status"),
        ],
    );
    t.set_content_arrangement(comfy_table::ContentArrangement::Disabled);
    for it in &r.assessment.items {
        let item = &plan.items[it.item];
        let status = it.status_label(l);
        t.add_row(vec![
            Cell::new(&item.id),
            Cell::new(wrap(&item_name(item, 14), name_w)),
            Cell::new(wrap(&main_lead(r, item), lead_w)),
            right(pct_or_dash(it.completion)),
            right(pct(it.expected)),
            colored(wrap(status, status_w), status_color(it.status), style),
        ]);
        if !it.status.is_lagging() || it.indicators.len() < 2 {
            continue;
        }
        for x in it.indicators.iter().filter(|x| x.status.is_lagging()) {
            let status = x.status_label(l);
            let name = format!("· {}", plan.indicator(x.r).name);
            t.add_row(vec![
                Cell::new(""),
                Cell::new(wrap(&name, name_w)),
                Cell::new(""),
                right(pct_or_dash(x.completion)),
                right(pct(x.expected)),
                colored(wrap(status, status_w), status_color(x.status), style),
            ]);
        }
    }
    let sha: String = r.inputs.sha256.chars().take(12).collect();
    let head = headline_with(r, &format!("{sha}…"));
    let mut out = String::new();
    for line in head.lines() {
        for part in textwrap::wrap(line, wrap_options(usize::from(width))) {
            let _ = writeln!(out, "{part}");
        }
    }
    format!("{out}{t}\n")
}

/// Wrapping options: break where UAX #14 allows, except inside a figure and
/// its unit (see [`figure_words`]); textwrap's optimal fit balances the lines
/// (「31公里 / 以上」 rather than 「31公里以 / 上」).
fn wrap_options(width: usize) -> textwrap::Options<'static> {
    textwrap::Options::new(width)
        .word_separator(textwrap::WordSeparator::Custom(figure_words))
        .break_words(true)
}

/// `text` wrapped at `width` columns, lines joined for a table cell.
fn wrap(text: &str, width: usize) -> String {
    textwrap::wrap(text, wrap_options(width)).join("\n")
}

/// Line-break opportunities as UAX #14 finds them, except right after a figure:
/// UAX #14 allows 「8|万户」 and 「2800|人」; a notice never splits a figure from
/// its unit, so a word ending in digits (or in digits and 万/千/亿) is glued to
/// the word that follows it when that one starts with a CJK character.
fn figure_words(line: &str) -> Box<dyn Iterator<Item = textwrap::core::Word<'_>> + '_> {
    use textwrap::core::Word;
    let figure_end = |s: &str| {
        let s = s.trim_end_matches(['万', '千', '亿']);
        s.ends_with(|c: char| c.is_ascii_digit())
    };
    let base = line.as_ptr() as usize;
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for w in textwrap::WordSeparator::UnicodeBreakProperties.find_words(line) {
        let start = w.word.as_ptr() as usize - base;
        let end = start + w.word.len() + w.whitespace.len();
        match spans.last_mut() {
            Some(last)
                if last.1 == start
                    && figure_end(&line[last.0..last.1])
                    && line[start..].starts_with(|c: char| !c.is_ascii()) =>
            {
                last.1 = end;
            }
            _ => spans.push((start, end)),
        }
    }
    Box::new(spans.into_iter().map(move |(s, e)| Word::from(&line[s..e])))
}

/// The main lead unit, 「等」 after it when there are several (县发改局等): the
/// narrow table names, the notice and `--wide` list them all.
fn main_lead(r: &Report, item: &crate::plan::Item) -> String {
    let plan = r.plan();
    let first = &plan.units[item.lead[0]].name;
    match item.lead.len() {
        1 => first.clone(),
        // 「等」 needs no count; English counts the others.
        n => tr!("{first}等", "{first} +{others}", others = n - 1).take(r.lang),
    }
}

/// The widths the name and lead columns wrap at: what is left of `width` after
/// the borders (7), the padding (2 per column) and the columns that never wrap
/// (id, two percents, status); the lead gets a third, 12 to 18 columns. The
/// status column is at most 10 wide (severely behind wraps in English).
fn narrow_widths(r: &Report, width: usize) -> (usize, usize, usize) {
    use unicode_width::UnicodeWidthStr;
    let l = r.lang;
    let plan = r.plan();
    let id_w = plan
        .items
        .iter()
        .map(|i| i.id.width())
        .max()
        .unwrap_or(4)
        .max(4);
    let labels = r.assessment.items.iter().flat_map(|it| {
        std::iter::once(it.status_label(l)).chain(it.indicators.iter().map(|x| x.status_label(l)))
    });
    let status_w = labels
        .map(UnicodeWidthStr::width)
        .max()
        .unwrap_or(8)
        .clamp(4, 10);
    let pct_w = "100.0%".len().max(pick(l, "完成率", "done").width());
    let fixed = 7 + 2 * 6 + id_w + 2 * pct_w + status_w;
    let room = width.saturating_sub(fixed).max(24);
    let lead = (room / 3).clamp(12, 18) & !1;
    (room - lead, lead, status_w)
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn figures_stay_with_their_units() {
        // UAX #14 alone would give 「“湘易办”用户突破8」 / 「万户」.
        assert_eq!(wrap("“湘易办”用户突破8万户", 18), "“湘易办”用户突破\n8万户");
        let places = wrap("新增城区公办幼儿园学位90个", 24);
        assert!(places.lines().any(|l| l.ends_with("90个")), "{places}");
        assert_eq!(places.lines().count(), 2);
        assert_eq!(wrap("免费检查2800人", 12), "免费检查\n2800人");
        // Text without figures still breaks between characters.
        assert_eq!(
            wrap("残疾儿童康复和无障碍改造", 12),
            "残疾儿童康复\n和无障碍改造"
        );
        // Punctuation never starts a line.
        assert!(!wrap("全县31项工作事项中，已完成1项、超序时2项", 20)
            .lines()
            .any(|l| l.starts_with(['，', '、'])));
    }
}
