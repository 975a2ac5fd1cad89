//! The xlsx page that prints, shared by every workbook the tool writes (the
//! report's, the evaluation's): a title row above a bold header, both frozen
//! and repeated on every printed page; an autofilter on the header; A4
//! landscape, one page wide, page numbers in the footer; whole numbers as
//! 3,200 (not 3,200.), fractions as 16.3, percents as 54.0%; widths set by hand
//! (autofit gives Chinese characters Latin width); a fixed creation time, so
//! the same inputs give the same bytes.

use super::export::excel_cell_text;
use super::sheet::{Sheet, Value};
use crate::lang::{pick, Lang};
use anyhow::Result;
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
};

/// The rows above the data: the title, then the header.
pub const TITLE_ROW: u32 = 0;
pub const HEAD_ROW: u32 = 1;

/// A4 landscape, one page wide, the title and header rows on every page,
/// page numbers in the footer.
pub fn print_setup(ws: &mut Worksheet, l: crate::lang::Lang) {
    ws.set_paper_size(9);
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_margins(0.4, 0.4, 0.6, 0.6, 0.3, 0.3);
    ws.set_print_center_horizontally(true);
    ws.set_footer(pick(l, "&C第 &P 页，共 &N 页", "&CPage &P of &N"));
    // Cannot fail: the rows are in range.
    let _ = ws.set_repeat_rows(TITLE_ROW, HEAD_ROW);
}

/// The title row across `cols` columns.
pub fn title_row(ws: &mut Worksheet, text: &str, cols: u16, fmt: &Format) -> Result<()> {
    ws.merge_range(TITLE_ROW, 0, TITLE_ROW, cols - 1, text, fmt)?;
    ws.set_row_height(TITLE_ROW, 24)?;
    Ok(())
}

/// Wrapped text does not grow its row when the file is opened (LibreOffice
/// keeps the default height), so rows are sized here: the lines a text needs
/// in a column, a Chinese character two units wide, an ASCII one one.
pub fn lines(text: &str, width: f64) -> u32 {
    let units: f64 = text
        .chars()
        .map(|c| if c.is_ascii() { 1.2 } else { 2.3 })
        .sum();
    ((units / (width - 1.5).max(1.0)).ceil() as u32).max(1)
}

/// Points per line at the default 11 pt (CJK fonts are taller than Latin).
pub const LINE_PT: f64 = 16.0;

/// A figure's format: whole numbers without a decimal point, others with
/// up to three decimals.
pub fn number_format<'a>(v: f64, whole: &'a Format, frac: &'a Format) -> &'a Format {
    if v.fract() == 0.0 {
        whole
    } else {
        frac
    }
}

/// The cell formats every sheet uses.
pub struct Formats {
    pub head: Format,
    pub text: Format,
    pub wrap: Format,
    pub title: Format,
    pub number: Format,
    pub fraction: Format,
    pub percent: Format,
    pub points: Format,
    pub integer: Format,
}

impl Default for Formats {
    fn default() -> Formats {
        Formats::new()
    }
}

impl Formats {
    pub fn new() -> Formats {
        let head = Format::new()
            .set_bold()
            .set_background_color(Color::RGB(0xF0F0F0))
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::Center)
            .set_text_wrap();
        // Every cell centred vertically: a row grows with its longest text.
        let cell = Format::new()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::VerticalCenter);
        let text = cell.clone();
        let wrap = cell.clone().set_text_wrap();
        let title = Format::new()
            .set_bold()
            .set_font_size(14)
            .set_align(FormatAlign::Left)
            .set_align(FormatAlign::VerticalCenter);
        let number = cell.clone().set_num_format("#,##0");
        let fraction = cell.clone().set_num_format("#,##0.0##");
        let percent = cell.clone().set_num_format("0.0%");
        let points = cell.clone().set_num_format("+0.0;-0.0;0.0");
        let integer = cell.clone().set_num_format("0");

        Formats {
            head,
            text,
            wrap,
            title,
            number,
            fraction,
            percent,
            points,
            integer,
        }
    }
}

/// A workbook of plain sheets (`render::sheet::Sheet`), each laid out to print
/// as the report's: `title` in the title row of every sheet.
pub fn sheets_workbook(sheets: &[Sheet], title: &str, l: Lang) -> Result<Vec<u8>> {
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_ymd(2000, 1, 1)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title(title)
            .set_author("mingsheng")
            .set_creation_datetime(&created),
    );
    let f = Formats::new();
    for sheet in sheets {
        plain_sheet(wb.add_worksheet(), sheet, title, l, &f)?;
    }
    Ok(wb.save_to_buffer()?)
}

/// One plain sheet: title, header, typed cells.
fn plain_sheet(ws: &mut Worksheet, sheet: &Sheet, title: &str, l: Lang, f: &Formats) -> Result<()> {
    ws.set_name(&sheet.name)?;
    let cols = sheet.header.len().max(1) as u16;
    for (c, h) in sheet.header.iter().enumerate() {
        ws.write_string_with_format(HEAD_ROW, c as u16, h, &f.head)?;
    }
    for (c, w) in sheet.widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    title_row(ws, title, cols, &f.title)?;
    ws.set_freeze_panes(HEAD_ROW + 1, 0)?;
    ws.autofilter(HEAD_ROW, 0, HEAD_ROW + sheet.rows.len() as u32, cols - 1)?;
    print_setup(ws, l);
    for (r, row) in sheet.rows.iter().enumerate() {
        let r = HEAD_ROW + 1 + r as u32;
        for (c, v) in row.iter().enumerate() {
            let c = c as u16;
            match v {
                Value::Text(s) => ws.write_string_with_format(r, c, excel_cell_text(s), &f.text)?,
                Value::Num(x) => ws.write_number_with_format(
                    r,
                    c,
                    *x,
                    number_format(*x, &f.number, &f.fraction),
                )?,
                Value::Pct(x) => ws.write_number_with_format(r, c, *x, &f.percent)?,
                Value::Empty => ws.write_blank(r, c, &f.text)?,
            };
        }
    }
    Ok(())
}
