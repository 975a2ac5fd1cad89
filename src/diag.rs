//! Diagnostics: findings about the task list and the progress files.
//!
//! Validation findings are data, not errors: loading collects every one of them in a
//! [`Diagnostics`] list so a clerk sees all problems in one run. They are rendered like
//! a compiler's messages (cargo's style): severity and stable code, `file:line:column`,
//! the offending line quoted and a marker under the span, then a hint.

use crate::lang::{Lang, Text};
use serde::Serialize;
use std::fmt::Write as _;
use unicode_width::UnicodeWidthStr;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
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
    /// Stable kebab-case code, e.g. `unknown-item`; scripts match on it.
    pub code: &'static str,
    /// Path relative to the workspace root, with `/` separators.
    pub file: Option<String>,
    /// 1-based line (for a progress file: the row number Excel shows).
    pub line: Option<usize>,
    /// 1-based column in characters (for a progress file: the spreadsheet column).
    pub column: Option<usize>,
    pub message: Text,
    pub hint: Option<Text>,
    pub snippet: Option<Snippet>,
}

impl Diagnostic {
    pub fn error(code: &'static str, message: Text) -> Diagnostic {
        Diagnostic::new(Severity::Error, code, message)
    }

    pub fn warning(code: &'static str, message: Text) -> Diagnostic {
        Diagnostic::new(Severity::Warning, code, message)
    }

    fn new(severity: Severity, code: &'static str, message: Text) -> Diagnostic {
        Diagnostic {
            severity,
            code,
            file: None,
            line: None,
            column: None,
            message,
            hint: None,
            snippet: None,
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
    pub fn span(mut self, source: &str, span: std::ops::Range<usize>) -> Diagnostic {
        let start = floor_char_boundary(source, span.start.min(source.len()));
        let end = floor_char_boundary(source, span.end.clamp(start, source.len()));
        let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = source[start..]
            .find('\n')
            .map_or(source.len(), |i| start + i);
        let line_no = source[..start].matches('\n').count() + 1;
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

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// All findings of one run, in the order found.
#[derive(Clone, Debug, Default)]
pub struct Diagnostics {
    pub list: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.list.push(d);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.list.extend(other.list);
    }

    pub fn errors(&self) -> usize {
        self.list
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    pub fn warnings(&self) -> usize {
        self.list
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count()
    }

    pub fn has_errors(&self) -> bool {
        self.list.iter().any(|d| d.severity == Severity::Error)
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// Sorts by file, then line, then column; findings without a file come first.
    pub fn sort(&mut self) {
        self.list
            .sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
    }
}

/// The JSON form of a diagnostic (SPEC §8).
#[derive(Serialize)]
pub struct DiagnosticJson<'a> {
    pub severity: Severity,
    pub code: &'a str,
    pub file: Option<&'a str>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: &'a str,
    pub hint: Option<&'a str>,
}

impl Diagnostic {
    pub fn to_json(&self, lang: Lang) -> DiagnosticJson<'_> {
        DiagnosticJson {
            severity: self.severity,
            code: self.code,
            file: self.file.as_deref(),
            line: self.line,
            column: self.column,
            message: self.message.get(lang),
            hint: self.hint.as_ref().map(|h| h.get(lang)),
        }
    }

    /// Renders the diagnostic like a compiler message. `color` adds ANSI styles.
    pub fn render(&self, lang: Lang, color: bool) -> String {
        let (label, style) = match (self.severity, lang) {
            (Severity::Error, Lang::Zh) => ("错误", "\x1b[1;31m"),
            (Severity::Error, Lang::En) => ("error", "\x1b[1;31m"),
            (Severity::Warning, Lang::Zh) => ("警告", "\x1b[1;33m"),
            (Severity::Warning, Lang::En) => ("warning", "\x1b[1;33m"),
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
    fn span_counts_lines_and_characters() {
        let src = "a = 1\n名称 = \"县人社局\"\nb = 2\n";
        let start = src.find("\"县").unwrap();
        let d = Diagnostic::error("x", tr!("坏", "bad")).span(src, start..start + 14);
        assert_eq!(d.line, Some(2));
        assert_eq!(d.column, Some(6));
        let s = d.snippet.as_ref().unwrap();
        assert_eq!(s.text, "名称 = \"县人社局\"");
        assert_eq!(s.len, 6);
    }

    #[test]
    fn renders_marker_under_double_width_text() {
        let src = "名称 = 1\n";
        let d = Diagnostic::error("bad-value", tr!("值不对", "bad value"))
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
