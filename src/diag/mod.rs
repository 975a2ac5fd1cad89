//! Diagnostics: findings about the task list and the progress files.
//!
//! Validation findings are data, not errors: loading collects every one of them in a
//! [`Diagnostics`] list so a clerk sees all problems in one run. They are rendered like
//! a compiler's messages (cargo's style): severity and stable code, `file:line:column`,
//! the offending line quoted and a marker under the span, then a hint.

mod code;

pub use code::{Code, Raised};

use crate::lang::{Lang, Text};
use crate::tr;
use serde::Serialize;
use std::fmt::Write as _;
use unicode_width::UnicodeWidthStr;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    /// How a message heads a finding: 错误 / error, 警告 / warning.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Severity::Error => crate::lang::pick(lang, "错误", "error"),
            Severity::Warning => crate::lang::pick(lang, "警告", "warning"),
        }
    }
}

/// The line a finding points at, as the user sees it, and the span within it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snippet {
    /// The whole line, without its line ending.
    pub text: String,
    /// Start of the span, in characters from the line start (0-based).
    pub start: usize,
    /// Length of the span in characters (at least 1 when rendered).
    pub len: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable code, e.g. `unknown-item`; scripts match on it.
    pub code: Code,
    /// Path relative to the workspace root, with `/` separators.
    pub file: Option<String>,
    /// 1-based line (for a progress file: the row number Excel shows).
    pub line: Option<usize>,
    /// 1-based column in characters (for a progress file: the spreadsheet column).
    pub column: Option<usize>,
    pub message: Text,
    pub hint: Option<Text>,
    pub snippet: Option<Snippet>,
    /// The cell as Excel and WPS name it (`C2`), for a finding in a progress file.
    pub cell: Option<String>,
}

impl Diagnostic {
    pub fn error(code: Code, message: Text) -> Diagnostic {
        Diagnostic::new(Severity::Error, code, message)
    }

    pub fn warning(code: Code, message: Text) -> Diagnostic {
        Diagnostic::new(Severity::Warning, code, message)
    }

    fn new(severity: Severity, code: Code, message: Text) -> Diagnostic {
        debug_assert!(
            code.raised().allows(severity),
            "{code} raised as {severity:?}"
        );
        Diagnostic {
            severity,
            code,
            file: None,
            line: None,
            column: None,
            message,
            hint: None,
            snippet: None,
            cell: None,
        }
    }

    pub fn file(mut self, file: impl Into<String>) -> Diagnostic {
        self.file = Some(file.into());
        self
    }

    pub fn at(mut self, line: usize, column: usize) -> Diagnostic {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    /// Points at a spreadsheet cell: row (Excel's row number) and 1-based
    /// column, named as Excel names it (`C2`).
    pub fn at_cell(mut self, row: usize, column: usize) -> Diagnostic {
        self.cell = Some(cell_name(row, column));
        self.at(row, column)
    }

    pub fn hint(mut self, hint: Text) -> Diagnostic {
        self.hint = Some(hint);
        self
    }

    pub fn snippet(mut self, snippet: Snippet) -> Diagnostic {
        self.snippet = Some(snippet);
        self
    }

    /// Points at a byte span of a source text: fills line, column (in characters)
    /// and the quoted line.
    pub fn span(self, source: &str, span: std::ops::Range<usize>) -> Diagnostic {
        self.span_in(source, &LineIndex::new(source), span)
    }

    /// [`Diagnostic::span`] with the line starts found once for the whole
    /// source: a file with thousands of findings is not rescanned for each.
    pub fn span_in(
        mut self,
        source: &str,
        lines: &LineIndex,
        span: std::ops::Range<usize>,
    ) -> Diagnostic {
        let start = floor_char_boundary(source, span.start.min(source.len()));
        let end = floor_char_boundary(source, span.end.clamp(start, source.len()));
        let (line_no, line_start) = lines.locate(start);
        let line_end = source[start..]
            .find('\n')
            .map_or(source.len(), |i| start + i);
        let text = source[line_start..line_end].trim_end_matches('\r');
        let col = source[line_start..start].chars().count();
        let span_end = end.min(line_start + text.len()).max(start);
        let len = source[start..span_end].chars().count();
        self.line = Some(line_no);
        self.column = Some(col + 1);
        self.snippet = Some(Snippet {
            text: text.to_string(),
            start: col,
            len,
        });
        self
    }
}

/// A cell's name as Excel shows it: column letters, then the row (`C2`, `AA10`).
pub fn cell_name(row: usize, column: usize) -> String {
    let mut letters = Vec::new();
    let mut n = column.max(1);
    while n > 0 {
        let r = (n - 1) % 26;
        letters.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!("{}{row}", String::from_utf8_lossy(&letters))
}

/// The byte offsets where the lines of a text start, for locating many spans
/// in one text in logarithmic time each.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(source: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(
            source
                .bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex { starts }
    }

    /// The 1-based line holding byte `offset`, and where that line starts.
    fn locate(&self, offset: usize) -> (usize, usize) {
        let i = self.starts.partition_point(|&s| s <= offset).max(1) - 1;
        (i + 1, self.starts[i])
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Findings kept per code and file; beyond that they are counted, not kept
/// (1.8 million duplicate rows must not become 1.8 million messages in memory).
pub const KEPT_PER_CODE_AND_FILE: usize = 100;

/// All findings of one run, in the order found. Past
/// [`KEPT_PER_CODE_AND_FILE`] findings of one code in one file the rest are
/// only counted in [`Diagnostics::omitted`]; the error and warning counts
/// include them.
#[derive(Clone, Debug, Default)]
pub struct Diagnostics {
    pub list: Vec<Diagnostic>,
    /// (file, code) → (severity, findings not kept).
    pub omitted: std::collections::BTreeMap<(String, Code), (Severity, usize)>,
    kept: std::collections::HashMap<(String, Code), usize>,
}

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        if let Some(file) = &d.file {
            let n = self.kept.entry((file.clone(), d.code)).or_insert(0);
            if *n >= KEPT_PER_CODE_AND_FILE {
                let key = (file.clone(), d.code);
                self.omitted.entry(key).or_insert((d.severity, 0)).1 += 1;
                return;
            }
            *n += 1;
        }
        self.list.push(d);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        for d in other.list {
            self.push(d);
        }
        for (key, (severity, n)) in other.omitted {
            self.omitted.entry(key).or_insert((severity, 0)).1 += n;
        }
    }

    /// Keeps the findings (kept and omitted) for which `keep` holds of their
    /// file, code and severity.
    pub fn retain(&mut self, mut keep: impl FnMut(Option<&str>, Code, Severity) -> bool) {
        self.list
            .retain(|d| keep(d.file.as_deref(), d.code, d.severity));
        self.omitted
            .retain(|(file, code), (severity, _)| keep(Some(file), *code, *severity));
    }

    fn omitted_count(&self, severity: Severity) -> usize {
        self.omitted
            .values()
            .filter(|(s, _)| *s == severity)
            .map(|(_, n)| n)
            .sum()
    }

    pub fn errors(&self) -> usize {
        self.list
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
            + self.omitted_count(Severity::Error)
    }

    pub fn warnings(&self) -> usize {
        self.list
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count()
            + self.omitted_count(Severity::Warning)
    }

    pub fn has_errors(&self) -> bool {
        self.list.iter().any(|d| d.severity == Severity::Error)
            || self.omitted_count(Severity::Error) > 0
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty() && self.omitted.is_empty()
    }

    /// Sorts by file, then line, then column; findings without a file come first.
    pub fn sort(&mut self) {
        self.list
            .sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
    }

    /// One line per (file, code) whose further findings were only counted.
    pub fn omitted_lines(&self, lang: Lang) -> Vec<String> {
        self.omitted
            .iter()
            .map(|((file, code), (severity, n))| {
                let label = severity.label(lang);
                tr!("{label}[{code}]: {file} 中另有 {n} 处同类问题未逐一列出（每个文件每类最多列出 {KEPT_PER_CODE_AND_FILE} 处）", "{label}[{code}]: {n} more in {file} not listed (at most {KEPT_PER_CODE_AND_FILE} per code and file)").take(lang)
            })
            .collect()
    }

    /// The omitted counts as JSON: `[{"file", "code", "severity", "count"}]`.
    pub fn omitted_json(&self) -> Vec<serde_json::Value> {
        self.omitted
            .iter()
            .map(|((file, code), (severity, n))| {
                serde_json::json!({"file": file, "code": code, "severity": severity, "count": n})
            })
            .collect()
    }
}

/// The JSON form of a diagnostic (docs/progress-files.md §4).
#[derive(Serialize)]
pub struct DiagnosticJson<'a> {
    pub severity: Severity,
    pub code: &'a str,
    pub file: Option<&'a str>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: &'a str,
    pub hint: Option<&'a str>,
    /// The cell as Excel names it (`C2`), for findings in progress files.
    pub cell: Option<&'a str>,
}

impl Diagnostic {
    pub fn to_json(&self, lang: Lang) -> DiagnosticJson<'_> {
        DiagnosticJson {
            severity: self.severity,
            code: self.code.as_str(),
            file: self.file.as_deref(),
            line: self.line,
            column: self.column,
            message: self.message.get(lang),
            hint: self.hint.as_ref().map(|h| h.get(lang)),
            cell: self.cell.as_deref(),
        }
    }

    /// Renders the diagnostic like a compiler message. `color` adds ANSI styles.
    pub fn render(&self, lang: Lang, color: bool) -> String {
        let label = self.severity.label(lang);
        let style = match self.severity {
            Severity::Error => "\x1b[1;31m",
            Severity::Warning => "\x1b[1;33m",
        };
        let paint = |s: &str, code: &str| {
            if color {
                format!("{code}{s}\x1b[0m")
            } else {
                s.to_string()
            }
        };
        let blue = "\x1b[1;34m";
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{}: {}",
            paint(&format!("{label}[{}]", self.code), style),
            paint(self.message.get(lang), "\x1b[1m")
        );
        let gutter = self.line.map_or(1, |l| l.to_string().len());
        let pad = " ".repeat(gutter);
        if let Some(file) = &self.file {
            let mut loc = file.clone();
            if let Some(line) = self.line {
                let _ = write!(loc, ":{line}");
                if let Some(col) = self.column {
                    let _ = write!(loc, ":{col}");
                }
            }
            if let Some(cell) = &self.cell {
                loc.push_str(&tr!("（单元格 {cell}）", " (cell {cell})").take(lang));
            }
            let _ = writeln!(out, "{pad}{} {loc}", paint("-->", blue));
        }
        if let (Some(snippet), Some(line)) = (&self.snippet, self.line) {
            let bar = paint("|", blue);
            let _ = writeln!(out, "{pad} {bar}");
            let _ = writeln!(
                out,
                "{} {bar} {}",
                paint(&line.to_string(), blue),
                snippet.text
            );
            let before: String = snippet.text.chars().take(snippet.start).collect();
            let marked: String = snippet
                .text
                .chars()
                .skip(snippet.start)
                .take(snippet.len)
                .collect();
            let indent = " ".repeat(display_width(&before));
            let marks = "^".repeat(display_width(&marked).max(1));
            let _ = writeln!(out, "{pad} {bar} {indent}{}", paint(&marks, style));
        }
        if let Some(hint) = &self.hint {
            let label = crate::lang::pick(lang, "提示", "help");
            let _ = writeln!(
                out,
                "{pad} {} {label}: {}",
                paint("=", blue),
                hint.get(lang)
            );
        }
        out
    }
}

/// Terminal columns a text takes: CJK characters are two wide; a tab counts as 4.
pub fn display_width(s: &str) -> usize {
    s.chars()
        .map(|c| if c == '\t' { 4 } else { 0 })
        .sum::<usize>()
        + UnicodeWidthStr::width(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tr;

    #[test]
    fn cells_are_named_as_excel_names_them() {
        assert_eq!(cell_name(2, 3), "C2");
        assert_eq!(cell_name(10, 26), "Z10");
        assert_eq!(cell_name(1, 27), "AA1");
        assert_eq!(cell_name(7, 52), "AZ7");
        assert_eq!(cell_name(7, 53), "BA7");
        assert_eq!(cell_name(1, 16384), "XFD1");
    }

    #[test]
    fn span_counts_lines_and_characters() {
        let src = "a = 1\n名称 = \"县人社局\"\nb = 2\n";
        let start = src.find("\"县").unwrap();
        let d = Diagnostic::error(Code::BadValue, tr!("坏", "bad")).span(src, start..start + 14);
        assert_eq!(d.line, Some(2));
        assert_eq!(d.column, Some(6));
        let s = d.snippet.as_ref().unwrap();
        assert_eq!(s.text, "名称 = \"县人社局\"");
        assert_eq!(s.len, 6);
    }

    #[test]
    fn renders_marker_under_double_width_text() {
        let src = "名称 = 1\n";
        let d = Diagnostic::error(Code::BadValue, tr!("值不对", "bad value"))
            .file("seeds/2023.toml")
            .span(src, 9..10);
        let out = d.render(Lang::Zh, false);
        assert!(out.starts_with("错误[bad-value]: 值不对\n"), "{out}");
        assert!(out.contains("--> seeds/2023.toml:1:6"), "{out}");
        // 名称 is four columns wide, then " = " puts the value at column 7.
        assert!(out.contains("  |        ^\n"), "{out}");
        let en = d.render(Lang::En, false);
        assert!(en.starts_with("error[bad-value]: bad value"));
    }
}
