//! `report --format xlsx`: a workbook with the items and indicators on one sheet
//! and the units on another. Numbers are numeric cells (completion and time
//! progress as fractions with a percent format), text goes through
//! `write_string` (which never makes a formula), and column widths are set by
//! hand: autofit would give Chinese characters Latin width. The document's
//! creation time is fixed to the report month so the same inputs give the same
//! bytes.
//!
//! Each sheet prints: a title row (the notice's title, the cut-off, the plan
//! version) above the header, both frozen and both repeated on every printed
//! page; an autofilter on the header; A4 landscape, one page wide, page numbers
//! in the footer. Whole numbers show as 3,200 (not 3,200.), fractions as 16.3,
//! completion as 54.0%. The items sheet carries the department's words
//! (进展情况, 存在问题, 下步计划) in its last three columns.

use super::csv::{headers, level};
use super::{Report, Row, RowKind};
use crate::assess::Status;
use crate::lang::{pick, Lang};
use crate::render::export::excel_cell_text;
use crate::render::xlsx::{
    lines, number_format, print_setup, title_row, Formats, HEAD_ROW, LINE_PT,
};
use crate::tr;
use anyhow::{Context, Result};
use rust_xlsxwriter::{Color, DocProperties, ExcelDateTime, Format, Workbook, Worksheet};

/// Column widths of the items sheet, in Excel character units (a Chinese
/// character is about two): narrow enough that one page wide stays legible,
/// long texts wrapped.
const ITEM_WIDTHS: [f64; 21] = [
    5.0, 5.0, 6.0, 12.0, 36.0, 16.0, 14.0, 9.0, 7.0, 7.0, 9.0, 9.0, 8.0, 8.0, 8.0, 8.0, 12.0, 7.0,
    30.0, 30.0, 30.0,
];

fn status_fill(s: Status) -> Option<Color> {
    match s {
        Status::Behind => Some(Color::RGB(0xFFF3CD)),
        Status::SeverelyBehind => Some(Color::RGB(0xF8D7DA)),
        Status::Overdue => Some(Color::RGB(0xE1BEE7)),
        Status::NotReported => Some(Color::RGB(0xE0E0E0)),
        _ => None,
    }
}

fn put_opt(ws: &mut Worksheet, row: u32, col: u16, x: Option<f64>, fmt: &Format) -> Result<()> {
    match x.filter(|v| v.is_finite()) {
        Some(v) => ws.write_number_with_format(row, col, v, fmt)?,
        None => ws.write_blank(row, col, fmt)?,
    };
    Ok(())
}

/// A figure: see [`number_format`].
fn put_num(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    x: Option<f64>,
    whole: &Format,
    frac: &Format,
) -> Result<()> {
    let fmt = number_format(x.unwrap_or(0.0), whole, frac);
    put_opt(ws, row, col, x, fmt)
}

/// The workbook bytes.
pub fn to_bytes(r: &Report) -> Result<Vec<u8>> {
    let mut wb = Workbook::new();
    properties(&mut wb, r)?;
    let f = Formats::new();
    let title_text = title_text(r);
    items_sheet(wb.add_worksheet(), r, &f, &title_text)?;
    units_sheet(wb.add_worksheet(), r, &f, &title_text)?;
    Ok(wb.save_to_buffer()?)
}

/// The document's title and subject; its creation time is the report month,
/// so the same inputs give the same bytes.
fn properties(wb: &mut Workbook, r: &Report) -> Result<()> {
    let (plan, month) = (r.plan(), r.month());
    let created = ExcelDateTime::from_ymd(month.year() as u16, month.month() as u8, 1)
        .context("creation date")?;
    wb.set_properties(
        &DocProperties::new()
            .set_title(format!("{} {}", plan.title, r.cutoff()))
            .set_subject(format!(
                "plan {} · inputs sha256 {}",
                plan.version, r.inputs.sha256
            ))
            .set_creation_datetime(&created),
    );

    Ok(())
}

/// The title row's text: the notice's heading, the cut-off, the plan version.
fn title_text(r: &Report) -> String {
    let (l, plan) = (r.lang, r.plan());
    let heading = super::notice::notice(r).heading;
    tr!(
        "{heading}　{cutoff}　任务清单版本 {version}",
        "{heading} — {cutoff} — plan version {version}",
        cutoff = r.cutoff(),
        version = plan.version
    )
    .take(l)
}

/// Items and indicators: the CSV's columns, the department's words last.
fn items_sheet(ws: &mut Worksheet, r: &Report, f: &Formats, title_text: &str) -> Result<()> {
    let l = r.lang;
    ws.set_name(pick(l, "事项指标", "items"))?;
    let hs = headers(l);
    for (c, h) in hs.iter().enumerate() {
        ws.write_string_with_format(HEAD_ROW, c as u16, *h, &f.head)?;
        ws.set_column_width(c as u16, ITEM_WIDTHS[c])?;
    }
    title_row(ws, title_text, hs.len() as u16, &f.title)?;
    let head_lines = hs
        .iter()
        .enumerate()
        .map(|(c, h)| lines(h, ITEM_WIDTHS[c]))
        .max()
        .unwrap_or(1);
    ws.set_row_height(HEAD_ROW, LINE_PT * f64::from(head_lines))?;
    let rows = r.rows();
    ws.set_freeze_panes(HEAD_ROW + 1, 0)?;
    ws.autofilter(
        HEAD_ROW,
        0,
        HEAD_ROW + rows.len() as u32,
        hs.len() as u16 - 1,
    )?;
    print_setup(ws, l);
    for (i, row) in rows.iter().enumerate() {
        item_row(ws, HEAD_ROW + 1 + i as u32, row, l, f)?;
    }
    Ok(())
}

/// One row of the items sheet, its height from its longest wrapped text.
fn item_row(ws: &mut Worksheet, y: u32, row: &Row, l: Lang, f: &Formats) -> Result<()> {
    let Formats {
        text,
        wrap,
        number,
        fraction,
        percent,
        points,
        integer,
        ..
    } = f;
    let bold = row.kind == RowKind::Item;
    let tf = if bold {
        text.clone().set_bold()
    } else {
        text.clone()
    };
    ws.write_string_with_format(y, 0, &row.no, &tf)?;
    ws.write_string_with_format(y, 1, level(row, l), &tf)?;
    ws.write_string_with_format(y, 2, &row.item, &tf)?;
    ws.write_string_with_format(y, 3, &row.indicator, &tf)?;
    let tw = if bold {
        wrap.clone().set_bold()
    } else {
        wrap.clone()
    };
    ws.write_string_with_format(y, 4, &row.text, &tw)?;
    ws.write_string_with_format(y, 5, &row.lead, wrap)?;
    ws.write_string_with_format(y, 6, &row.reporter, text)?;
    put_num(ws, y, 7, row.target, number, fraction)?;
    put_num(ws, y, 8, row.baseline, number, fraction)?;
    ws.write_string_with_format(y, 9, &row.unit, text)?;
    put_num(ws, y, 10, row.value, number, fraction)?;
    ws.write_string_with_format(
        y,
        11,
        row.value_month.map(|m| m.to_string()).unwrap_or_default(),
        text,
    )?;
    put_opt(ws, y, 12, row.completion, percent)?;
    put_opt(ws, y, 13, Some(row.expected), percent)?;
    put_opt(ws, y, 14, row.gap, points)?;
    let sf = match status_fill(row.status) {
        Some(c) => text.clone().set_background_color(c),
        None => text.clone(),
    };
    ws.write_string_with_format(y, 15, row.status_label(l), &sf)?;
    ws.write_string_with_format(y, 16, row.status.code(), text)?;
    if row.kind == RowKind::Item {
        ws.write_number_with_format(y, 17, f64::from(row.streak), integer)?;
    } else {
        ws.write_blank(y, 17, text)?;
    }
    ws.write_string_with_format(y, 18, excel_cell_text(&row.progress), wrap)?;
    ws.write_string_with_format(y, 19, excel_cell_text(&row.problems), wrap)?;
    ws.write_string_with_format(y, 20, excel_cell_text(&row.next_steps), wrap)?;
    let n = [
        (4, row.text.as_str()),
        (5, &row.lead),
        (18, &row.progress),
        (19, &row.problems),
        (20, &row.next_steps),
    ]
    .iter()
    .map(|&(c, t)| lines(t, ITEM_WIDTHS[c]))
    .max()
    .unwrap_or(1);
    if n > 1 {
        ws.set_row_height(y, LINE_PT * f64::from(n))?;
    }
    Ok(())
}

/// Units: who filed, what they lead by status, what they report.
fn units_sheet(ws: &mut Worksheet, r: &Report, f: &Formats, title_text: &str) -> Result<()> {
    let (l, plan) = (r.lang, r.plan());
    ws.set_name(pick(l, "单位", "units"))?;
    let mut uh = vec![
        pick(l, "单位编号", "id"),
        pick(l, "单位名称", "unit"),
        pick(l, "本月报送", "filed"),
        pick(l, "牵头事项", "items led"),
    ];
    uh.extend(Status::ALL.iter().map(|s| s.label(l)));
    uh.push(pick(l, "报送指标", "indicators reported"));
    uh.push(pick(l, "未报送指标", "indicators not reported"));
    for (c, h) in uh.iter().enumerate() {
        ws.write_string_with_format(HEAD_ROW, c as u16, *h, &f.head)?;
        ws.set_column_width(c as u16, if c == 1 { 24.0 } else { 11.0 })?;
    }
    title_row(ws, title_text, uh.len() as u16, &f.title)?;
    let head_lines = uh.iter().map(|h| lines(h, 11.0)).max().unwrap_or(1);
    ws.set_row_height(HEAD_ROW, LINE_PT * f64::from(head_lines))?;
    ws.set_freeze_panes(HEAD_ROW + 1, 0)?;
    print_setup(ws, l);
    let leads = r.assessment.by_lead();
    let reps = r.assessment.by_reporter();
    let duty = plan.reporting_units();
    let mut y = HEAD_ROW + 1;
    for (u, unit) in plan.units.iter().enumerate() {
        let led = leads.iter().find(|(v, _)| *v == u).map(|(_, c)| *c);
        let rep = reps.iter().find(|(v, _)| *v == u).map(|(_, c)| *c);
        if led.is_none() && !duty.contains(&u) {
            continue;
        }
        let led = led.unwrap_or_default();
        let rep = rep.unwrap_or_default();
        ws.write_string_with_format(y, 0, &unit.id, &f.text)?;
        ws.write_string_with_format(y, 1, &unit.name, &f.text)?;
        let filed = if !duty.contains(&u) {
            pick(l, "无报送任务", "no duty")
        } else if r.missing.contains(&u) {
            pick(l, "未报送", "no")
        } else {
            pick(l, "已报送", "yes")
        };
        ws.write_string_with_format(y, 2, filed, &f.text)?;
        ws.write_number_with_format(y, 3, led.total() as f64, &f.integer)?;
        for (k, s) in Status::ALL.iter().enumerate() {
            ws.write_number_with_format(y, 4 + k as u16, led.get(*s) as f64, &f.integer)?;
        }
        ws.write_number_with_format(y, 11, rep.total() as f64, &f.integer)?;
        ws.write_number_with_format(y, 12, rep.get(Status::NotReported) as f64, &f.integer)?;
        y += 1;
    }
    ws.autofilter(HEAD_ROW, 0, y - 1, uh.len() as u16 - 1)?;
    Ok(())
}
