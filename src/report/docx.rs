//! `report --format docx`: the notice as the office issues it, a 公文 after
//! GB/T 9704-2012, editable in Word and WPS. It lays out the same sections as the
//! Markdown and HTML notice ([`super::notice::notice`]); nothing is re-derived here.
//!
//! Layout: A4, margins 37 mm top, 28 mm left, 35 mm bottom, 26 mm right; the
//! title in 方正小标宋简体 二号 (22 pt), centred; the body in 仿宋_GB2312 三号
//! (16 pt) at a fixed 28.95 pt line pitch (22 lines a page), first lines indented
//! two characters; 一级标题 in 黑体, 二级 (the lagging items) in 楷体_GB2312;
//! page numbers 「— 1 —」 in 宋体 四号, odd pages right and even pages left, as a
//! PAGE field; the 落款 right-aligned. The annexes follow in a landscape
//! section, their tables repeating the header row on every page.
//!
//! The fonts are named exactly, East Asian and Latin alike: Word and WPS put
//! another font in silently when a name does not match.
//!
//! docx-rs writes no clock time into the package (zip entries carry the DOS
//! epoch, and the core properties are set here to the notice's date) and numbers
//! paragraphs from a per-thread counter, which is why the document is built on
//! a fresh thread: the same report gives the same bytes, in one process or two.
//! It has no switch for `w:tblHeader`, so the header rows are marked afterwards
//! in `word/document.xml`; and it writes property elements out of the schema's
//! order, which [`order`] puts right before the parts are packed.

mod order;

use super::notice::{notice, LagCtx, Notice, RowCtx};
use super::Report;
use crate::lang::{pick, Lang};
use crate::tr;
use anyhow::{anyhow, Context, Result};
use docx_rs::{
    create_footer_rid, AlignmentType, Docx, FieldCharType, Footer, InstrPAGE, InstrText,
    LineSpacing, LineSpacingType, PageMargin, PageOrientationType, PageSize, Paragraph, Run,
    RunFonts, SectionProperty, Shading, SpecialIndentType, Table, TableCell, TableCellMargins,
    TableRow, VAlignType, WidthType,
};

/// The 公文 fonts, by the names Word and WPS look up.
const TITLE_FONT: &str = "方正小标宋简体";
const BODY_FONT: &str = "仿宋_GB2312";
const H1_FONT: &str = "黑体";
const H2_FONT: &str = "楷体_GB2312";
const PAGE_FONT: &str = "宋体";

/// Half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt, 五号 10.5 pt.
const ERHAO: usize = 44;
const SANHAO: usize = 32;
const SIHAO: usize = 28;
const WUHAO: usize = 21;

/// A4 in twips, and the margins in twips (1 mm = 56.7 twips).
const A4_W: u32 = 11906;
const A4_H: u32 = 16838;
const TOP: i32 = 2098; // 37 mm
const LEFT: i32 = 1587; // 28 mm
const BOTTOM: i32 = 1984; // 35 mm
const RIGHT: i32 = 1474; // 26 mm
/// From the page's bottom edge to the footer: the page number sits about 7 mm
/// below the text block.
const FOOTER: i32 = 1247; // 22 mm
const HEADER: i32 = 851; // 15 mm

/// Line pitch: the text block is 225 mm high, 22 lines of 28.95 pt.
const PITCH: i32 = 579;
/// Two characters of 三号.
const INDENT2: i32 = 640;

/// The landscape text width: 297 − 37 − 35 mm = 225 mm.
const LAND_W: usize = 12756;
/// The name column gets what the others leave, but never less than this.
const NAME_MIN: usize = 2400;
/// 牵头单位 wraps as text, so it is capped.
const LEAD_MAX: usize = 1400;
/// The cells' left and right margins (Word's default is 108).
const CELL_PAD: usize = 72;

/// A cell text's width in twips at 五号: 210 a CJK character, 125 an ASCII one
/// (digits included), a twentieth more for bold item rows and substitute fonts,
/// plus the cell's margins.
fn cell_width(s: &str) -> usize {
    let text: usize = s
        .chars()
        // 「%」 is wider than a digit in the 仿宋 fallbacks: 100.0% broke as 100.0 / %.
        .map(|c| match c {
            '%' => 210,
            c if c.is_ascii() => 125,
            _ => 210,
        })
        .sum();
    text * 21 / 20 + 2 * CELL_PAD
}

/// A cell's lines: a level target 950→1100元/月 breaks after the arrow, never
/// inside a figure.
fn cell_lines(s: &str) -> Vec<&str> {
    match s.find('→') {
        Some(i) => {
            let (a, b) = s.split_at(i + '→'.len_utf8());
            vec![a, b]
        }
        None => vec![s],
    }
}

/// Column widths of the annex tables (twips), summing to [`LAND_W`]: every
/// column but the name as wide as its widest cell, so no figure, percent or
/// gap is broken across lines; the name column takes the rest.
fn col_widths(n: &Notice) -> [usize; 9] {
    let mut w = [0usize; 9];
    for (k, h) in n.t.cols.iter().enumerate() {
        w[k] = cell_width(h);
    }
    for r in &n.rows {
        let cells = [
            &r.no,
            &r.name,
            &r.lead,
            &r.target,
            &r.value,
            &r.completion,
            &r.expected,
            &r.gap,
            r.status,
        ];
        for (k, c) in cells.iter().enumerate() {
            for line in cell_lines(c) {
                w[k] = w[k].max(cell_width(line));
            }
        }
    }
    w[2] = w[2].min(LEAD_MAX);
    let others: usize = w
        .iter()
        .enumerate()
        .filter(|(k, _)| *k != 1)
        .map(|(_, x)| x)
        .sum();
    w[1] = LAND_W.saturating_sub(others).max(NAME_MIN);
    w
}

fn fonts(name: &str) -> RunFonts {
    RunFonts::new()
        .east_asia(name)
        .ascii(name)
        .hi_ansi(name)
        .cs(name)
}

fn run(text: &str, font: &str, size: usize) -> Run {
    Run::new()
        .add_text(soft_breaks(text))
        .fonts(fonts(font))
        .size(size)
}

/// A zero-width space after each 「、」 that a figure follows: a list of item
/// numbers (事项2.1、3.1、4.1…) is otherwise one unbreakable word to
/// LibreOffice, which then justifies the line apart and breaks inside 15.1.
fn soft_breaks(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        if c == '、' && chars.peek().is_some_and(|n| n.is_ascii_digit()) {
            out.push('\u{200B}');
        }
    }
    out
}

fn exact(line: i32) -> LineSpacing {
    LineSpacing::new()
        .line_rule(LineSpacingType::Exact)
        .line(line)
}

/// A 三号 line of text in `font` on the body's pitch, its first line indented
/// two characters: what body text and both heading levels share.
fn indented(text: &str, font: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(text, font, SANHAO))
        .line_spacing(exact(PITCH))
        .indent(
            None,
            Some(SpecialIndentType::FirstLine(INDENT2)),
            None,
            None,
        )
}

/// A body paragraph: 仿宋_GB2312 三号, indented two characters, justified.
fn body(text: &str) -> Paragraph {
    indented(text, BODY_FONT).align(AlignmentType::Both)
}

/// A body paragraph led by a label in the body font (进展情况：…).
fn labelled(label: &str, text: &str, l: Lang) -> Paragraph {
    body(&format!("{label}{}{text}", colon(l)))
}

fn colon(l: Lang) -> &'static str {
    pick(l, "：", ": ")
}

/// 一级标题: 黑体 三号, indented like the body.
fn h1(text: &str) -> Paragraph {
    indented(text, H1_FONT).keep_next(true)
}

/// 二级标题: 楷体_GB2312 三号.
fn h2(text: &str) -> Paragraph {
    indented(text, H2_FONT)
        .align(AlignmentType::Both)
        .keep_next(true)
}

fn blank() -> Paragraph {
    Paragraph::new()
        .add_run(run("", BODY_FONT, SANHAO))
        .line_spacing(exact(PITCH))
}

/// The document title: 方正小标宋简体 二号, centred.
fn title(text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(text, TITLE_FONT, ERHAO))
        .line_spacing(exact(PITCH))
        .align(AlignmentType::Center)
}

/// A text's width in 三号 characters: CJK one, ASCII half.
fn width(s: &str) -> f64 {
    s.chars()
        .map(|c| if c.is_ascii() { 0.5 } else { 1.0 })
        .sum()
}

/// 一, 二, … 九十九: the numbers of 二级标题 （一）（二）….
fn zh_number(n: usize) -> String {
    const D: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n].to_string(),
        10 => "十".to_string(),
        11..=19 => format!("十{}", D[n % 10]),
        20..=99 if n.is_multiple_of(10) => format!("{}十", D[n / 10]),
        20..=99 => format!("{}十{}", D[n / 10], D[n % 10]),
        _ => n.to_string(),
    }
}

/// 「— 1 —」: the page number as a PAGE field between two dashes, 宋体 四号,
/// one character in from the outer edge.
fn page_footer(align: AlignmentType) -> Footer {
    let r = |t: &str| run(t, PAGE_FONT, SIHAO);
    let field = |r: Run| r.fonts(fonts(PAGE_FONT)).size(SIHAO);
    let mut p = Paragraph::new()
        .add_run(r("— "))
        .add_run(field(
            Run::new().add_field_char(FieldCharType::Begin, false),
        ))
        .add_run(field(
            Run::new().add_instr_text(InstrText::PAGE(InstrPAGE::new())),
        ))
        .add_run(field(
            Run::new().add_field_char(FieldCharType::Separate, false),
        ))
        .add_run(r("1"))
        .add_run(field(Run::new().add_field_char(FieldCharType::End, false)))
        .add_run(r(" —"))
        .align(align);
    p = match align {
        AlignmentType::Right => p.indent(None, None, Some(280), None),
        _ => p.indent(Some(280), None, None, None),
    };
    Footer::new().add_paragraph(p)
}

fn portrait() -> SectionProperty {
    SectionProperty::new()
        .page_size(PageSize::new().size(A4_W, A4_H))
        .page_margin(portrait_margins())
}

/// The 公文 margins of an upright A4 page.
fn portrait_margins() -> PageMargin {
    PageMargin::new()
        .top(TOP)
        .left(LEFT)
        .bottom(BOTTOM)
        .right(RIGHT)
        .header(HEADER)
        .footer(FOOTER)
        .gutter(0)
}

/// The annexes' section: A4 turned, the margins turned with it.
fn landscape_margins() -> PageMargin {
    PageMargin::new()
        .top(LEFT)
        .left(TOP)
        .bottom(RIGHT)
        .right(BOTTOM)
        .header(HEADER)
        .footer(FOOTER - 283)
        .gutter(0)
}

/// A table cell: 仿宋_GB2312 五号, one paragraph per line of text.
fn cell(text: &str, width: usize, align: AlignmentType, font: &str, bold: bool) -> TableCell {
    let mut c = TableCell::new();
    for line in cell_lines(text) {
        let mut r = run(line, font, WUHAO);
        if bold {
            r = r.bold();
        }
        c = c.add_paragraph(
            Paragraph::new().add_run(r).align(align).line_spacing(
                LineSpacing::new()
                    .line_rule(LineSpacingType::Auto)
                    .line(240),
            ),
        );
    }
    c.width(width, WidthType::Dxa)
        .vertical_align(VAlignType::Center)
}

/// Every row is kept on one page (`w:cantSplit`); the first of each table also
/// gets `w:tblHeader` beside it, see [`mark_header_rows`].
const ROW_MARK: &str = "<w:cantSplit />";

fn annex_table(n: &Notice, rows: &[RowCtx], cols: [usize; 9]) -> Table {
    let head = TableRow::new(
        n.t.cols
            .iter()
            .zip(cols)
            .map(|(c, w)| {
                cell(c, w, AlignmentType::Center, H1_FONT, false)
                    .shading(Shading::new().fill("E7E6E6"))
            })
            .collect(),
    )
    .cant_split();
    let mut table = Table::new(vec![head])
        .set_grid(cols.to_vec())
        .margins(
            TableCellMargins::new()
                .margin_left(CELL_PAD, WidthType::Dxa)
                .margin_right(CELL_PAD, WidthType::Dxa),
        )
        .width(cols.iter().sum(), WidthType::Dxa);
    for r in rows {
        let bold = r.item;
        let c = |text: &str, k: usize, align: AlignmentType| {
            cell(text, cols[k], align, BODY_FONT, bold)
        };
        let l = AlignmentType::Left;
        let ctr = AlignmentType::Center;
        let rt = AlignmentType::Right;
        table = table.add_row(
            TableRow::new(vec![
                c(&r.no, 0, ctr),
                // A figure stays with its unit when the name wraps (1579个).
                c(&super::keep_figures_whole(&r.name), 1, l),
                c(&r.lead, 2, l),
                c(&r.target, 3, rt),
                c(&r.value, 4, rt),
                c(&r.completion, 5, rt),
                c(&r.expected, 6, rt),
                c(&r.gap, 7, l),
                c(r.status, 8, ctr),
            ])
            .cant_split(),
        );
    }
    table
}

/// The lagging item as a 二级标题 and its paragraphs.
fn lagging_item(k: usize, x: &LagCtx, n: &Notice, l: Lang) -> Vec<Paragraph> {
    let (item, leads) = (&x.item, &x.leads);
    // Chinese numbers its headings 一、二、三, English 1, 2, 3.
    let head = tr!(
        "（{zh_no}）{item}（{leads}）",
        "({no}) {item} ({leads})",
        zh_no = zh_number(k + 1),
        no = k + 1,
    )
    .take(l);
    let mut ps = vec![h2(&head), body(&x.verdict)];
    for (label, words) in [
        (n.t.progress, &x.progress),
        (n.t.problems, &x.problems),
        (n.t.next_steps, &x.next_steps),
    ] {
        if !words.is_empty() {
            ps.push(labelled(label, words, l));
        }
    }
    ps
}

fn build(r: &Report) -> Result<Vec<u8>> {
    let l = r.lang;
    let n = notice(r);
    let odd = page_footer(AlignmentType::Right);
    let even = page_footer(AlignmentType::Left);

    let mut doc = Docx::new()
        .default_fonts(fonts(BODY_FONT))
        .default_size(SANHAO)
        // Fixed properties: the date of the notice (else the month's first
        // day), never the clock.
        .created_at(&created(r))
        .updated_at(&created(r))
        .footer(odd.clone())
        .even_footer(even.clone());
    doc = body_sections(doc, &n, l);
    let mut tail = annex_list_and_signature(&n, l);
    // The body's section ends with its last paragraph (no empty one that
    // could spill onto a page of its own): portrait, with the same footers.
    let last = tail.pop().expect("the annex list").section_property(
        portrait()
            .footer(odd, &create_footer_rid(1))
            .even_footer(even, &create_footer_rid(2)),
    );
    for p in tail {
        doc = doc.add_paragraph(p);
    }
    doc = doc.add_paragraph(last);

    doc = annexes(doc, &n);
    pack(doc)
}

/// The body: title, issue line, then sections 一 to 五.
fn body_sections(doc: Docx, n: &Notice, l: Lang) -> Docx {
    let mut doc = doc
        .add_paragraph(title(&n.heading))
        .add_paragraph(
            Paragraph::new()
                .add_run(run(&n.issue_line, BODY_FONT, SANHAO))
                .line_spacing(exact(PITCH))
                .align(AlignmentType::Center),
        )
        .add_paragraph(blank())
        .add_paragraph(h1(n.t.s1))
        .add_paragraph(body(&format!(
            "{}{}",
            n.overall,
            tr!("（{shares}）", " ({shares})", shares = n.shares).take(l)
        )))
        .add_paragraph(h1(n.t.s2));
    if n.lagging.is_empty() {
        doc = doc.add_paragraph(body(&n.no_lagging));
    }
    for (k, x) in n.lagging.iter().enumerate() {
        for p in lagging_item(k, x, n, l) {
            doc = doc.add_paragraph(p);
        }
    }
    doc = doc.add_paragraph(h1(n.t.s3));
    for p in &n.followup {
        doc = doc.add_paragraph(body(p));
    }
    doc = doc
        .add_paragraph(h1(n.t.s4))
        .add_paragraph(body(&n.missing))
        .add_paragraph(h1(n.t.s5))
        .add_paragraph(body(&n.requirements))
        .add_paragraph(blank());

    doc
}

/// Under the body: the list of annexes (附件：1. … then 2. … under the 1.),
/// then the 落款 when the notice has a date.
fn annex_list_and_signature(n: &Notice, l: Lang) -> Vec<Paragraph> {
    let (title1, title2) = (n.t.annex1.title, n.t.annex2.title);
    let lead = format!("{}{}", n.t.annex_word, colon(l));
    let lead_w = (width(&lead) * 320.0) as i32;
    let mut tail = vec![
        body(&format!("{lead}1. {title1}")),
        Paragraph::new()
            .add_run(run(&format!("2. {title2}"), BODY_FONT, SANHAO))
            .line_spacing(exact(PITCH))
            .indent(Some(INDENT2 + lead_w), None, None, None),
    ];

    // 落款: the date four characters in from the right, the office centred
    // over it (GB/T 9704-2012 7.3.5.2).
    if let Some(s) = &n.signature {
        let date_w = width(&s.date);
        let office_end = (4.0 + date_w / 2.0 - width(&s.office) / 2.0).max(0.0);
        let right = |text: &str, end: i32| {
            Paragraph::new()
                .add_run(run(text, BODY_FONT, SANHAO))
                .line_spacing(exact(PITCH))
                .align(AlignmentType::Right)
                .indent(None, None, Some(end), None)
        };
        tail.extend([
            blank(),
            blank(),
            right(&s.office, (office_end * 320.0) as i32),
            right(&s.date, 2 * INDENT2),
        ]);
    }

    tail
}

/// The annexes, landscape: each starts a page; the version line last.
fn annexes(mut doc: Docx, n: &Notice) -> Docx {
    for (k, (annex, rows)) in [(&n.t.annex1, &n.slow_rows), (&n.t.annex2, &n.rows)]
        .into_iter()
        .enumerate()
    {
        let (tag, name) = (annex.tag, annex.title);
        let mut tag_p = Paragraph::new()
            .add_run(run(tag, H1_FONT, SANHAO))
            .line_spacing(exact(PITCH));
        if k > 0 {
            tag_p = tag_p.page_break_before(true);
        }
        // No blank line under the title: landscape pages are short.
        doc = doc
            .add_paragraph(tag_p)
            .add_paragraph(title(name).line_spacing(exact(PITCH).after(120)));
        if rows.is_empty() {
            doc = doc.add_paragraph(body(n.t.none));
        } else {
            doc = doc.add_table(annex_table(n, rows, col_widths(n)));
        }
    }
    doc = doc.add_paragraph(
        Paragraph::new()
            .add_run(run(&n.version_line, BODY_FONT, WUHAO))
            .line_spacing(LineSpacing::new().before(120)),
    );
    doc.page_size(A4_H, A4_W)
        .page_orient(PageOrientationType::Landscape)
        .page_margin(landscape_margins())
}

/// The document's parts in a canonical order (the same notice gives the same
/// bytes), zipped.
fn pack(doc: Docx) -> Result<Vec<u8>> {
    let mut xml = doc.build();
    xml.document = mark_header_rows(&xml.document)?;
    zip_canonical(xml)
}

/// The parts in a canonical order (the same document gives the same bytes),
/// zipped: every docx the tool writes, the notice and the summary alike.
fn zip_canonical(mut xml: docx_rs::XMLDocx) -> Result<Vec<u8>> {
    let part = |bytes: &[u8], name: &str| -> Result<Vec<u8>> {
        let text = std::str::from_utf8(bytes).with_context(|| format!("{name} is UTF-8"))?;
        Ok(order::canonical(text)
            .with_context(|| format!("reordering {name}"))?
            .into_bytes())
    };
    xml.document = part(&xml.document, "document.xml")?;
    xml.styles = part(&xml.styles, "styles.xml")?;
    xml.settings = part(&xml.settings, "settings.xml")?;
    for f in &mut xml.footers {
        *f = part(f, "a footer")?;
    }
    let mut out = std::io::Cursor::new(Vec::new());
    xml.pack(&mut out).context("writing the docx")?;
    Ok(out.into_inner())
}

/// The core properties' time: the notice's date at midnight UTC, else the first
/// of the report month.
fn created(r: &Report) -> String {
    let d = r.date.unwrap_or_else(|| {
        chrono::NaiveDate::from_ymd_opt(r.month().year(), r.month().month(), 1)
            .expect("a valid month")
    });
    format!("{}T00:00:00Z", d.format("%Y-%m-%d"))
}

/// Repeats each table's first row on every page: `w:tblHeader` in its row
/// properties, which docx-rs cannot write. Every row is written with
/// `w:cantSplit`; the mark goes beside the first one after each `<w:tbl>`
/// (the annex tables are not nested).
fn mark_header_rows(document: &[u8]) -> Result<Vec<u8>> {
    let xml = std::str::from_utf8(document).context("document.xml is UTF-8")?;
    let mut out = String::with_capacity(xml.len() + 64);
    let mut rest = xml;
    while let Some(t) = rest.find("<w:tbl>") {
        let (before, from_tbl) = rest.split_at(t);
        out.push_str(before);
        let m = from_tbl
            .find(ROW_MARK)
            .ok_or_else(|| anyhow!("a table without its row mark in document.xml"))?;
        let (upto, after) = from_tbl.split_at(m + ROW_MARK.len());
        out.push_str(upto);
        out.push_str("<w:tblHeader />");
        rest = after;
    }
    out.push_str(rest);
    Ok(out.into_bytes())
}

/// The notice as a .docx file.
pub fn to_bytes(r: &Report) -> Result<Vec<u8>> {
    // docx-rs numbers paragraphs from a thread-local counter: a fresh thread
    // starts it afresh, so the bytes do not depend on what ran before.
    std::thread::scope(|s| {
        s.spawn(|| build(r))
            .join()
            .map_err(|_| anyhow!("building the docx panicked"))?
    })
}

/// A short document in the same 公文 style (title, a line under it, 一级标题
/// sections of body paragraphs, a small source line), portrait only: the
/// publicity summary (`highlights`). Deterministic as [`to_bytes`] is.
pub fn plain_document(
    heading: &str,
    subtitle: &str,
    lead: &str,
    sections: &[(&str, &[String])],
    source: &str,
    date: chrono::NaiveDate,
) -> Result<Vec<u8>> {
    let build = || -> Result<Vec<u8>> {
        let at = format!("{}T00:00:00Z", date.format("%Y-%m-%d"));
        let odd = page_footer(AlignmentType::Right);
        let even = page_footer(AlignmentType::Left);
        let mut doc = Docx::new()
            .default_fonts(fonts(BODY_FONT))
            .default_size(SANHAO)
            .created_at(&at)
            .updated_at(&at)
            .footer(odd)
            .even_footer(even)
            .add_paragraph(title(heading))
            .add_paragraph(
                Paragraph::new()
                    .add_run(run(subtitle, H2_FONT, SANHAO))
                    .line_spacing(exact(PITCH))
                    .align(AlignmentType::Center),
            )
            .add_paragraph(blank())
            .add_paragraph(body(lead));
        for (h, paragraphs) in sections {
            doc = doc.add_paragraph(h1(h));
            for p in *paragraphs {
                doc = doc.add_paragraph(body(p));
            }
        }
        doc = doc.add_paragraph(
            Paragraph::new()
                .add_run(run(source, BODY_FONT, WUHAO))
                .line_spacing(LineSpacing::new().before(240)),
        );
        let doc = doc.page_size(A4_W, A4_H).page_margin(portrait_margins());
        zip_canonical(doc.build())
    };
    std::thread::scope(|s| {
        s.spawn(build)
            .join()
            .map_err(|_| anyhow!("building the docx panicked"))?
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numbers() {
        let got: Vec<String> = [1, 9, 10, 11, 20, 21, 31].map(zh_number).to_vec();
        assert_eq!(got, ["一", "九", "十", "十一", "二十", "二十一", "三十一"]);
    }

    #[test]
    fn item_lists_may_break_after_the_comma() {
        assert_eq!(
            soft_breaks("事项2.1、3.1、县民政局"),
            "事项2.1、\u{200B}3.1、县民政局"
        );
        assert_eq!(soft_breaks("无"), "无");
    }

    #[test]
    fn header_row_marked_once_per_table() {
        let xml = "<w:body><w:tbl><w:tr><w:trPr><w:cantSplit /></w:trPr></w:tr>\
                   <w:tr><w:trPr><w:cantSplit /></w:trPr></w:tr></w:tbl><w:p/>\
                   <w:tbl><w:tr><w:trPr><w:cantSplit /></w:trPr></w:tr></w:tbl></w:body>";
        let got = String::from_utf8(mark_header_rows(xml.as_bytes()).unwrap()).unwrap();
        assert_eq!(got.matches("<w:tblHeader />").count(), 2);
        assert_eq!(got.matches("<w:cantSplit />").count(), 3);
        assert!(got.starts_with(
            "<w:body><w:tbl><w:tr><w:trPr><w:cantSplit /><w:tblHeader /></w:trPr></w:tr><w:tr><w:trPr><w:cantSplit /></w:trPr>"
        ));
    }

    #[test]
    fn landscape_text_width() {
        assert_eq!(LAND_W, (A4_H as i32 - TOP - BOTTOM) as usize);
    }
}
