//! `report --format xlsx`: a workbook with the items and indicators on one sheet
//! and the units on another. Numbers are numeric cells (completion and time
//! progress as fractions with a percent format), text goes through
//! `write_string` (which never makes a formula), the header row is frozen and
//! column widths are set by hand: autofit would give Chinese characters Latin
//! width. The document's creation time is fixed to the report month so the same
//! inputs give the same bytes.

use super::csv::{headers, level};
use super::{Report, RowKind};
use crate::assess::Status;
use crate::lang::pick;
use crate::render::export::excel_cell_text;
use anyhow::{Context, Result};
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
};

/// Column widths of the items sheet, in Excel character units (a Chinese
/// character is about two).
const ITEM_WIDTHS: [f64; 19] = [
    6.0, 6.0, 8.0, 14.0, 48.0, 22.0, 16.0, 10.0, 8.0, 9.0, 10.0, 10.0, 10.0, 11.0, 11.0, 11.0,
    16.0, 13.0, 40.0,
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

/// The workbook bytes.
pub fn to_bytes(r: &Report) -> Result<Vec<u8>> {
    let l = r.lang;
    let plan = r.plan();
    let mut wb = Workbook::new();
    let month = r.month();
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

    let head = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xF0F0F0))
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center)
        .set_text_wrap();
    let text = Format::new().set_border(FormatBorder::Thin);
    let wrap = Format::new().set_border(FormatBorder::Thin).set_text_wrap();
    let number = Format::new()
        .set_border(FormatBorder::Thin)
        .set_num_format("#,##0.##");
    let percent = Format::new()
        .set_border(FormatBorder::Thin)
        .set_num_format("0.0%");
    let points = Format::new()
        .set_border(FormatBorder::Thin)
        .set_num_format("+0.0;-0.0;0.0");
    let integer = Format::new()
        .set_border(FormatBorder::Thin)
        .set_num_format("0");

    // Items and indicators.
    let ws = wb.add_worksheet();
    ws.set_name(pick(l, "事项指标", "items"))?;
    let hs = headers(l);
    for (c, h) in hs.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &head)?;
        ws.set_column_width(c as u16, ITEM_WIDTHS[c])?;
    }
    ws.set_freeze_panes(1, 0)?;
    for (i, row) in r.rows().iter().enumerate() {
        let y = (i + 1) as u32;
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
        ws.write_string_with_format(y, 4, &row.text, &tf)?;
        ws.write_string_with_format(y, 5, &row.lead, &wrap)?;
        ws.write_string_with_format(y, 6, &row.reporter, &text)?;
        put_opt(ws, y, 7, row.target, &number)?;
        put_opt(ws, y, 8, row.baseline, &number)?;
        ws.write_string_with_format(y, 9, &row.unit, &text)?;
        put_opt(ws, y, 10, row.value, &number)?;
        ws.write_string_with_format(
            y,
            11,
            row.value_month.map(|m| m.to_string()).unwrap_or_default(),
            &text,
        )?;
        put_opt(ws, y, 12, row.completion, &percent)?;
        put_opt(ws, y, 13, Some(row.expected), &percent)?;
        put_opt(ws, y, 14, row.gap, &points)?;
        let sf = match status_fill(row.status) {
            Some(c) => text.clone().set_background_color(c),
            None => text.clone(),
        };
        ws.write_string_with_format(y, 15, row.status_label(l), &sf)?;
        ws.write_string_with_format(y, 16, row.status.code(), &text)?;
        if row.kind == RowKind::Item {
            ws.write_number_with_format(y, 17, f64::from(row.streak), &integer)?;
        } else {
            ws.write_blank(y, 17, &text)?;
        }
        ws.write_string_with_format(y, 18, excel_cell_text(&row.problems), &wrap)?;
    }

    // Units.
    let ws = wb.add_worksheet();
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
        ws.write_string_with_format(0, c as u16, *h, &head)?;
        ws.set_column_width(c as u16, if c == 1 { 24.0 } else { 11.0 })?;
    }
    ws.set_freeze_panes(1, 0)?;
    let leads = r.assessment.by_lead();
    let reps = r.assessment.by_reporter();
    let duty = plan.reporting_units();
    let mut y = 1u32;
    for (u, unit) in plan.units.iter().enumerate() {
        let led = leads.iter().find(|(v, _)| *v == u).map(|(_, c)| *c);
        let rep = reps.iter().find(|(v, _)| *v == u).map(|(_, c)| *c);
        if led.is_none() && !duty.contains(&u) {
            continue;
        }
        let led = led.unwrap_or_default();
        let rep = rep.unwrap_or_default();
        ws.write_string_with_format(y, 0, &unit.id, &text)?;
        ws.write_string_with_format(y, 1, &unit.name, &text)?;
        let filed = if !duty.contains(&u) {
            pick(l, "无报送任务", "no duty")
        } else if r.missing.contains(&u) {
            pick(l, "未报送", "no")
        } else {
            pick(l, "已报送", "yes")
        };
        ws.write_string_with_format(y, 2, filed, &text)?;
        ws.write_number_with_format(y, 3, led.total() as f64, &integer)?;
        for (k, s) in Status::ALL.iter().enumerate() {
            ws.write_number_with_format(y, 4 + k as u16, led.get(*s) as f64, &integer)?;
        }
        ws.write_number_with_format(y, 11, rep.total() as f64, &integer)?;
        ws.write_number_with_format(y, 12, rep.get(Status::NotReported) as f64, &integer)?;
        y += 1;
    }
    Ok(wb.save_to_buffer()?)
}
