//! Workbooks (`.xlsx`, `.xlsm`, `.xlsb`, `.xls`) as rows of cells, read with
//! calamine and shown as Excel shows them: numbers as numbers (3200, not
//! 3200.0), a percent-formatted cell as a percent (0.915 → `91.5%`), a
//! formula by its cached value, an error cell as its error (`#DIV/0!`, a bad
//! value where a number is wanted), merged cells as their top-left cell.
//!
//! calamine places no bound on decompression, so a zip-based workbook is first
//! checked: the declared sizes of its parts, then one decompression of every
//! part that stops at its declared size or at the bound (a part that inflates
//! beyond what it declares is refused). The same bytes then go to calamine.

use super::messages;
use super::source::Row;
use crate::diag::Diagnostic;
use crate::progress::form::is_item_header;
use calamine::{Data, Range, Reader, SheetType, Sheets, StyleRange};
use std::io::{Cursor, Read};

/// Uncompressed bytes a workbook may hold in all (a department's form is a
/// few hundred KB at most).
pub const MAX_UNZIPPED: u64 = 100 << 20;
/// Parts (files inside the zip) a workbook may hold.
const MAX_PARTS: usize = 10_000;
/// Rows looked at for the header in each sheet.
const HEADER_ROWS: usize = 30;

/// The workbook formats, by what the bytes are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// `.xlsx`, `.xlsm`: Office Open XML in a zip.
    Xlsx,
    /// `.xlsb`: binary parts in a zip.
    Xlsb,
    /// `.xls`: Excel 97–2003 (a compound file).
    Xls,
}

/// A workbook's chosen sheet, as rows.
pub struct BookRows {
    sheet: String,
    values: Range<Data>,
    styles: StyleRange,
    /// The next row of `values` (relative to its start).
    next: usize,
    format: Format,
}

type Book<'b> = Sheets<Cursor<&'b [u8]>>;

impl BookRows {
    /// Opens the workbook in `bytes`, named as `format`, and picks the first
    /// worksheet that holds the header (the first worksheet if none does).
    pub fn open(bytes: &[u8], format: Format) -> Result<BookRows, Box<Diagnostic>> {
        let mut book = open_book(bytes, format)?;
        let sheets: Vec<String> = book
            .sheets_metadata()
            .iter()
            .filter(|s| s.typ == SheetType::WorkSheet)
            .map(|s| s.name.clone())
            .collect();
        let mut chosen: Option<(String, Range<Data>)> = None;
        for name in sheets {
            let Ok(range) = book.worksheet_range(&name) else {
                continue;
            };
            let has_header = range.rows().take(HEADER_ROWS).any(|r| {
                r.iter()
                    .any(|c| matches!(c, Data::String(s) if is_item_header(s)))
            });
            if has_header || chosen.is_none() {
                chosen = Some((name, range));
            }
            if has_header {
                break;
            }
        }
        let Some((sheet, values)) = chosen else {
            return Err(Box::new(messages::empty_file()));
        };
        uncached_formulas(&mut book, &sheet, &values)?;
        let styles = book
            .worksheet_style(&sheet)
            .unwrap_or_else(|_| StyleRange::empty());
        Ok(BookRows {
            sheet,
            values,
            styles,
            next: 0,
            format,
        })
    }

    /// The sheet the rows come from.
    pub fn sheet(&self) -> &str {
        &self.sheet
    }

    /// The format's name where a CSV file names its encoding.
    pub fn label(&self) -> &'static str {
        match self.format {
            Format::Xlsx => "xlsx",
            Format::Xlsb => "xlsb",
            Format::Xls => "xls",
        }
    }

    /// The next row, with its cells from column A and its row number.
    pub fn next_row(&mut self, row: &mut Row) -> bool {
        let Some((r0, c0)) = self.values.start() else {
            return false;
        };
        let Some(cells) = self.values.rows().nth(self.next) else {
            return false;
        };
        let abs = r0 as usize + self.next;
        self.next += 1;
        row.line = abs + 1;
        row.delim = b',';
        row.cells.clear();
        row.fractions.clear();
        for _ in 0..c0 {
            row.cells.push_field(b"");
        }
        for (i, cell) in cells.iter().enumerate() {
            let pos = (abs as u32, c0 + i as u32);
            let text = cell_text(cell, self.is_percent(pos));
            if self.format != Format::Xlsx && is_fraction(cell) {
                row.fractions.push(c0 as usize + i);
            }
            row.cells.push_field(text.as_bytes());
        }
        true
    }

    /// Whether the cell at an absolute position has a percent number format.
    fn is_percent(&self, pos: (u32, u32)) -> bool {
        let Some(fmt) = self.styles.get(pos).and_then(|s| s.number_format.as_ref()) else {
            return false;
        };
        matches!(fmt.format_id, Some(9 | 10)) || percent_code(&fmt.format_code)
    }
}

/// A number cell strictly between 0 and 1, or 1 itself: how Excel stores a
/// percent cell of up to 100%.
fn is_fraction(cell: &Data) -> bool {
    match cell {
        Data::Float(f) => *f > 0.0 && *f <= 1.0,
        Data::Int(i) => *i == 1,
        _ => false,
    }
}

/// Whether a number format code shows a percent: a `%` outside quotes and
/// escapes, in the first (positive) section.
fn percent_code(code: &str) -> bool {
    let mut quoted = false;
    let mut chars = code.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => quoted = !quoted,
            '\\' if !quoted => {
                chars.next();
            }
            ';' if !quoted => return false,
            '%' if !quoted => return true,
            _ => {}
        }
    }
    false
}

/// A cell as the text Excel shows (for the reader to parse like a CSV cell).
fn cell_text(cell: &Data, percent: bool) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) => number_text(*f, percent),
        Data::Int(i) => number_text(*i as f64, percent),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::Error(e) => e.to_string(),
        Data::DateTime(d) => date_text(d.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
    }
}

/// A number with at most 15 significant digits, as Excel shows it in General
/// format (0.1+0.2 → 0.3, 3200.0 → 3200); a percent cell times 100 with `%`.
pub fn number_text(v: f64, percent: bool) -> String {
    let v = if percent { v * 100.0 } else { v };
    let shown: f64 = format!("{v:.14e}").parse().unwrap_or(v);
    let shown = if shown == 0.0 { 0.0 } else { shown };
    if percent {
        format!("{shown}%")
    } else {
        format!("{shown}")
    }
}

/// A date cell as a date (never read as a number: 2023/6/30 is not 45107).
fn date_text(serial: f64) -> String {
    let base = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).expect("a valid date");
    let days = serial.floor();
    if !(0.0..=2_958_465.0).contains(&days) {
        return format!("{serial}");
    }
    base.checked_add_days(chrono::Days::new(days as u64))
        .map_or_else(|| format!("{serial}"), |d| d.format("%Y-%m-%d").to_string())
}

/// Opens the bytes with calamine once they are known to be bounded.
fn open_book(bytes: &[u8], format: Format) -> Result<Book<'_>, Box<Diagnostic>> {
    let is_cfb = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    let is_zip = bytes.starts_with(b"PK\x03\x04");
    let cursor = Cursor::new(bytes);
    let opened = match format {
        // An .xlsx that is a compound file is an encrypted (password) workbook.
        Format::Xlsx | Format::Xlsb if is_cfb => return Err(Box::new(messages::workbook_locked())),
        Format::Xlsx | Format::Xlsb if !is_zip => return Err(Box::new(messages::bad_workbook())),
        Format::Xlsx | Format::Xlsb => {
            check_zip(bytes)?;
            if let Ok(x) = calamine::open_workbook_from_rs::<calamine::Xlsx<_>, _>(cursor.clone()) {
                Ok(Sheets::Xlsx(x))
            } else if let Ok(x) = calamine::open_workbook_from_rs::<calamine::Xlsb<_>, _>(cursor) {
                Ok(Sheets::Xlsb(x))
            } else {
                Err(())
            }
        }
        Format::Xls if !is_cfb => return Err(Box::new(messages::bad_workbook())),
        Format::Xls => match calamine::open_workbook_from_rs(cursor) {
            Ok(x) => Ok(Sheets::Xls(x)),
            Err(calamine::XlsError::Password) => return Err(Box::new(messages::workbook_locked())),
            Err(_) => Err(()),
        },
    };
    opened.map_err(|()| Box::new(messages::bad_workbook()))
}

/// Bounds a zip before calamine inflates it: the declared sizes, then one
/// inflation of each part that stops at the declared size or the bound.
fn check_zip(bytes: &[u8]) -> Result<(), Box<Diagnostic>> {
    let bomb = || Box::new(messages::workbook_too_large(MAX_UNZIPPED >> 20));
    let mut zip =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| Box::new(messages::bad_workbook()))?;
    if zip.len() > MAX_PARTS {
        return Err(bomb());
    }
    let mut declared = 0u64;
    for i in 0..zip.len() {
        let part = zip
            .by_index_raw(i)
            .map_err(|_| Box::new(messages::bad_workbook()))?;
        declared = declared.saturating_add(part.size());
    }
    if declared > MAX_UNZIPPED {
        return Err(bomb());
    }
    let mut left = MAX_UNZIPPED;
    for i in 0..zip.len() {
        let Ok(part) = zip.by_index(i) else {
            // Encrypted or an unknown method: calamine decides (it will fail).
            continue;
        };
        let size = part.size();
        let limit = size.min(left);
        let got = std::io::copy(&mut part.take(limit + 1), &mut std::io::sink()).unwrap_or(0);
        if got > size || got > left {
            return Err(bomb());
        }
        left -= got;
    }
    Ok(())
}

/// A workbook saved by a program that does not calculate (never opened in
/// Excel or WPS): every formula lacks its cached value, so none can be read.
fn uncached_formulas(
    book: &mut Book<'_>,
    sheet: &str,
    values: &Range<Data>,
) -> Result<(), Box<Diagnostic>> {
    let Ok(formulas) = book.worksheet_formula(sheet) else {
        return Ok(());
    };
    let Some((r0, c0)) = formulas.start() else {
        return Ok(());
    };
    let mut first_uncached = None;
    for (r, row) in formulas.rows().enumerate() {
        for (c, f) in row.iter().enumerate() {
            if f.is_empty() {
                continue;
            }
            let pos = (r0 + r as u32, c0 + c as u32);
            match values.get_value(pos) {
                Some(v) if *v != Data::Empty => return Ok(()),
                _ => {
                    first_uncached.get_or_insert(pos);
                }
            }
        }
    }
    match first_uncached {
        Some((r, c)) => {
            let mut d = messages::uncached_formula().at_cell(r as usize + 1, c as usize + 1);
            d.cell = d.cell.map(|cell| format!("{}!{cell}", sheet_ref(sheet)));
            Err(Box::new(d))
        }
        None => Ok(()),
    }
}

/// A sheet name as Excel writes it in a reference: quoted when it holds
/// anything but letters, digits and `_`.
pub fn sheet_ref(sheet: &str) -> String {
    if sheet.chars().all(|c| c.is_alphanumeric() || c == '_') {
        sheet.to_string()
    } else {
        format!("'{}'", sheet.replace('\'', "''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_show_as_excel_shows_them() {
        assert_eq!(number_text(3200.0, false), "3200");
        assert_eq!(number_text(0.1 + 0.2, false), "0.3");
        assert_eq!(number_text(0.915, true), "91.5%");
        assert_eq!(number_text(1.0, true), "100%");
        assert_eq!(number_text(-0.0, false), "0");
        assert_eq!(number_text(85300.0, false), "85300");
    }

    #[test]
    fn percent_formats_are_recognised() {
        assert!(percent_code("0.0%"));
        assert!(percent_code("0%;[Red]-0%"));
        assert!(!percent_code("0.00"));
        assert!(!percent_code("0\"%\""));
        assert!(!percent_code("0\\%"));
        assert!(!percent_code("0;0%"));
    }

    #[test]
    fn dates_are_dates() {
        assert_eq!(date_text(45107.0), "2023-06-30");
    }

    #[test]
    fn sheet_names_are_quoted_when_excel_would() {
        assert_eq!(sheet_ref("进展"), "进展");
        assert_eq!(sheet_ref("Sheet 1"), "'Sheet 1'");
    }
}
