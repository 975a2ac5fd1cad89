//! The source layer: a progress file's bytes as rows of cells, each row with
//! the row number a clerk sees in Excel or WPS. CSV text (any encoding
//! [`decode`] knows) and workbooks sit behind one interface, so the reading of
//! the form ([`super::file`]) is written once.
//!
//! Cells are kept in one reused `csv::ByteRecord` per file (validated as UTF-8
//! only when looked at): a department's file costs no allocation per cell.

use super::messages;
use super::workbook::{BookRows, Format};
use crate::diag::{Diagnostic, Snippet};
use crate::progress::decode::{decode, encoding_label};
use std::borrow::Cow;

/// One row of a table: Excel's row number and the cells from column A.
#[derive(Clone, Debug, Default)]
pub struct Row {
    /// The row number Excel shows (1-based).
    pub line: usize,
    pub cells: csv::ByteRecord,
    /// The separator used to quote the row back (`,`, or a tab for "Unicode
    /// text" files).
    pub delim: u8,
    /// Columns holding a number between 0 and 1 from a workbook that keeps no
    /// number formats (.xls, .xlsb): for a percent indicator it cannot be
    /// told whether 0.926 is shown as 92.6% or as 0.926.
    pub fractions: Vec<usize>,
}

impl Row {
    /// Cell `i` (0-based) as text; empty past the row's end.
    pub fn text(&self, i: usize) -> &str {
        self.cells.get(i).map_or("", text_of)
    }

    pub fn len(&self) -> usize {
        self.cells.len()
    }

    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }

    /// Whether every cell is empty or white space.
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(is_blank_cell)
    }

    /// The first cell that is not blank, with its index.
    pub fn first_filled(&self) -> Option<(usize, &str)> {
        self.cells
            .iter()
            .enumerate()
            .find(|(_, f)| !is_blank_cell(f))
            .map(|(ci, f)| (ci, text_of(f)))
    }

    /// The first cell from `from` on that is not blank.
    pub fn filled_from(&self, from: usize) -> Option<usize> {
        self.cells
            .iter()
            .enumerate()
            .skip(from)
            .find(|(_, f)| !is_blank_cell(f))
            .map(|(ci, _)| ci)
    }

    /// The row as a clerk would recognise it, marked under column `col`.
    pub fn snippet(&self, col: usize) -> Snippet {
        snippet(&self.cells, col, self.delim)
    }
}

/// A cell as text. A CSV record was split from valid UTF-8 at ASCII bytes only
/// (delimiters, quotes, line breaks), and workbook cells are pushed as `str`,
/// so every cell is valid UTF-8.
pub fn text_of(cell: &[u8]) -> &str {
    std::str::from_utf8(cell).unwrap_or("")
}

/// Whether a cell is empty or only white space (full-width spaces included).
pub fn is_blank_cell(cell: &[u8]) -> bool {
    cell.iter().all(u8::is_ascii_whitespace)
        || (!cell.is_ascii() && text_of(cell).trim().is_empty())
}

/// Cells quoted on each side of the one marked: enough to recognise the row,
/// and a bounded cost however wide the row is.
const SNIPPET_CELLS: usize = 6;
/// Characters quoted of one cell (the marked one gets twice as many).
const SNIPPET_CELL_CHARS: usize = 40;

/// The row as a clerk would recognise it, with a marker under column `col`
/// (0-based): a window of cells around it, long cells shortened with `…`.
fn snippet(rec: &csv::ByteRecord, col: usize, delim: u8) -> Snippet {
    let sep = if delim == b'\t' { "\t" } else { "," };
    let first = col.saturating_sub(SNIPPET_CELLS);
    let last = col
        .saturating_add(SNIPPET_CELLS)
        .min(rec.len().saturating_sub(1));
    let mut text = String::new();
    let mut start = None;
    let mut len = 1;
    if first > 0 {
        text.push('…');
        text.push_str(sep);
    }
    for i in first..=last {
        let Some(f) = rec.get(i) else { break };
        if i > first {
            text.push_str(sep);
        }
        let f = text_of(f);
        let max = if i == col {
            2 * SNIPPET_CELL_CHARS
        } else {
            SNIPPET_CELL_CHARS
        };
        let cell: String = if f.chars().count() > max {
            f.chars().take(max - 1).chain(['…']).collect()
        } else {
            f.to_string()
        };
        if i == col {
            start = Some(text.chars().count());
            len = cell.chars().count().max(1);
        }
        text.push_str(&cell);
    }
    if last + 1 < rec.len() {
        text.push_str(sep);
        text.push('…');
    }
    let start = start.unwrap_or_else(|| text.chars().count());
    Snippet { text, start, len }
}

/// What kind of file a name says it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// CSV or Excel's "Unicode text".
    Table,
    /// An Excel workbook.
    Book(Format),
    /// A WPS `.et` workbook: refused with advice to save it as .xlsx.
    Et,
}

impl Kind {
    /// The kind of a file by its extension (any case); `None` for a file that
    /// is not a progress file.
    pub fn of(name: &str) -> Option<Kind> {
        let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase())?;
        match ext.as_str() {
            "csv" | "txt" | "tsv" => Some(Kind::Table),
            "xlsx" | "xlsm" => Some(Kind::Book(Format::Xlsx)),
            "xlsb" => Some(Kind::Book(Format::Xlsb)),
            "xls" => Some(Kind::Book(Format::Xls)),
            "et" => Some(Kind::Et),
            _ => None,
        }
    }
}

/// A file's rows, whatever the file.
pub enum Source {
    Csv(CsvRows),
    Book(Box<BookRows>),
}

impl Source {
    /// Opens a file's bytes as rows; a file that cannot be opened is one
    /// finding (without its file, which the caller adds).
    pub fn open(
        bytes: &[u8],
        kind: Kind,
        encoding: Option<&'static encoding_rs::Encoding>,
    ) -> Result<Source, Box<Diagnostic>> {
        match kind {
            Kind::Table => CsvRows::open(bytes, encoding).map(Source::Csv),
            Kind::Book(_) if bytes.is_empty() => Err(Box::new(messages::empty_file())),
            Kind::Book(format) => BookRows::open(bytes, format).map(|b| Source::Book(Box::new(b))),
            Kind::Et => Err(Box::new(messages::wps_et())),
        }
    }

    /// The worksheet the rows come from (`None` for CSV text).
    pub fn sheet(&self) -> Option<&str> {
        match self {
            Source::Csv(_) => None,
            Source::Book(b) => Some(b.sheet()),
        }
    }

    /// The encoding the text was read in (empty for a workbook).
    pub fn encoding(&self) -> &'static str {
        match self {
            Source::Csv(c) => c.encoding,
            Source::Book(b) => b.label(),
        }
    }

    /// Reads the next row into `row`; `Ok(false)` at the end. An error ends
    /// the file (a finding at the row where reading stopped).
    pub fn next_row(&mut self, row: &mut Row) -> Result<bool, Box<Diagnostic>> {
        match self {
            Source::Csv(c) => c.next_row(row),
            Source::Book(b) => Ok(b.next_row(row)),
        }
    }
}

/// CSV text through a pooled csv reader, counting physical rows.
pub struct CsvRows {
    rdr: PooledReader,
    encoding: &'static str,
    /// Line breaks inside quoted cells: they make physical lines, not rows.
    embedded: u64,
    /// Bytes of the text scanned for line breaks, and the breaks found.
    scanned: usize,
    newlines: u64,
}

impl CsvRows {
    fn open(
        bytes: &[u8],
        encoding: Option<&'static encoding_rs::Encoding>,
    ) -> Result<CsvRows, Box<Diagnostic>> {
        let decoded = decode(bytes, encoding).map_err(|e| Box::new(messages::decode(e, bytes)))?;
        // Old Mac Excel ends lines with a lone CR: each is a row for Excel, so it
        // becomes a line feed for the row count.
        let text = lone_cr_to_lf(&decoded.text);
        Ok(CsvRows {
            rdr: PooledReader::new(&text, decoded.delimiter),
            encoding: encoding_label(decoded.encoding),
            embedded: 0,
            scanned: 0,
            newlines: 0,
        })
    }

    fn next_row(&mut self, row: &mut Row) -> Result<bool, Box<Diagnostic>> {
        row.delim = self.rdr.delim;
        match self.rdr.read_byte_record(&mut row.cells) {
            Ok(true) => {}
            Ok(false) => return Ok(false),
            Err(e) => {
                let line = e
                    .position()
                    .map_or(1, |p| (p.line().saturating_sub(self.embedded)) as usize);
                return Err(Box::new(messages::bad_csv(&e).at_cell(line.max(1), 1)));
            }
        }
        // The row number: line breaks before the record's first byte (csv's own
        // line count lags by one after a CRLF), less those inside quoted cells.
        let src = self.rdr.get_ref().get_ref().as_slice();
        let rec = &row.cells;
        let mut start = rec
            .position()
            .map_or(0, |p| p.byte() as usize)
            .min(src.len());
        while start < src.len() && matches!(src[start], b'\r' | b'\n') {
            start += 1;
        }
        if start > self.scanned {
            self.newlines += src[self.scanned..start]
                .iter()
                .filter(|&&b| b == b'\n')
                .count() as u64;
            self.scanned = start;
        }
        row.line = (self.newlines + 1).saturating_sub(self.embedded).max(1) as usize;
        if rec.as_slice().contains(&b'\n') {
            self.embedded += rec.as_slice().iter().filter(|&&b| b == b'\n').count() as u64;
        }
        Ok(true)
    }
}

/// The text with every CR that ends a line on its own (not before LF) turned
/// into LF; borrowed when there is none, the usual case. The CRs are found
/// with memchr (`match_indices` of a char), not byte by byte: a bytewise scan
/// was 6 % of check's instructions (issue 16).
fn lone_cr_to_lf(text: &str) -> Cow<'_, str> {
    let b = text.as_bytes();
    let lone = |(i, _): (usize, &str)| b.get(i + 1) != Some(&b'\n');
    if !text.match_indices('\r').any(lone) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() != Some(&'\n') {
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

type CsvReader = csv::Reader<std::io::Cursor<Vec<u8>>>;

thread_local! {
    /// The csv reader of the last file read on this thread, with its delimiter.
    static READER: std::cell::RefCell<Option<(u8, CsvReader)>> =
        const { std::cell::RefCell::new(None) };
}

/// A csv reader over one file's text, reused from file to file on a thread.
///
/// Building a reader builds csv_core's DFA (`csv_core::ReaderBuilder::build`),
/// about 270,000 instructions, more than reading a department's whole file: 57 %
/// of the instructions of `report --month 2023-06` on the shipped workspace
/// (callgrind, issue 6). A reused reader gets the new text in its cursor and is
/// rewound with `seek_raw`, which resets the parser, the position (line 1) and
/// the end-of-file state; after a seek the reader never replays a stashed first
/// row, and `has_headers(false)` + `flexible(true)` are all the options used.
struct PooledReader {
    delim: u8,
    rdr: Option<CsvReader>,
}

impl PooledReader {
    fn new(text: &str, delim: u8) -> PooledReader {
        let reused = READER
            .with(|c| c.borrow_mut().take())
            .filter(|(d, _)| *d == delim)
            .and_then(|(_, mut r)| {
                let buf = r.get_mut().get_mut();
                buf.clear();
                buf.extend_from_slice(text.as_bytes());
                r.seek_raw(std::io::SeekFrom::Start(0), csv::Position::new())
                    .ok()
                    .map(|()| r)
            });
        let rdr = reused.unwrap_or_else(|| {
            csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .delimiter(delim)
                .from_reader(std::io::Cursor::new(text.as_bytes().to_vec()))
        });
        PooledReader {
            delim,
            rdr: Some(rdr),
        }
    }
}

impl std::ops::Deref for PooledReader {
    type Target = CsvReader;
    fn deref(&self) -> &CsvReader {
        self.rdr.as_ref().expect("present until dropped")
    }
}

impl std::ops::DerefMut for PooledReader {
    fn deref_mut(&mut self) -> &mut CsvReader {
        self.rdr.as_mut().expect("present until dropped")
    }
}

impl Drop for PooledReader {
    fn drop(&mut self) {
        if let Some(r) = self.rdr.take() {
            let delim = self.delim;
            // A thread being torn down has no slot left: then the reader just goes.
            let _ = READER.try_with(|c| *c.borrow_mut() = Some((delim, r)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lone_carriage_returns_become_line_feeds() {
        for (text, want) in [
            ("", ""),
            ("a,b\r\n1,2\r\n", "a,b\r\n1,2\r\n"),
            ("a,b\r1,2\r", "a,b\n1,2\n"),
            ("事项\r\r\n进展\r", "事项\n\r\n进展\n"),
            ("\r", "\n"),
            ("\r\n\r", "\r\n\n"),
            ("无回车", "无回车"),
        ] {
            let got = lone_cr_to_lf(text);
            assert_eq!(got, want, "{text:?}");
            assert_eq!(matches!(got, Cow::Borrowed(_)), text == want, "{text:?}");
        }
    }
}
