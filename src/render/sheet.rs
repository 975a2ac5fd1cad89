//! A plain table (title, columns, typed cells) that every export format can
//! write: CSV for Excel, Markdown, an HTML table and xlsx sheets. Numbers stay
//! numbers in every format; text goes through [`safe_text`] wherever a
//! spreadsheet could read it as a formula.

use super::export::{encode_for_excel, safe_text};
use crate::value::num;
use anyhow::Result;

/// A cell of a sheet.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Text(String),
    Num(f64),
    /// A fraction shown as a percentage (0.5 = 50 %).
    Pct(f64),
    Empty,
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::Text(s.to_string())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::Text(s)
    }
}

impl From<f64> for Value {
    fn from(x: f64) -> Value {
        Value::Num(x)
    }
}

impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(x: Option<T>) -> Value {
        x.map_or(Value::Empty, Into::into)
    }
}

/// A titled table; `widths` are xlsx column widths in characters (CJK counts 2).
#[derive(Clone, Debug, Default)]
pub struct Sheet {
    pub name: String,
    pub header: Vec<String>,
    pub widths: Vec<f64>,
    pub rows: Vec<Vec<Value>>,
}

impl Value {
    fn plain(&self) -> String {
        match self {
            Value::Text(s) => s.clone(),
            Value::Num(x) => num(*x),
            Value::Pct(x) => crate::value::pct(*x),
            Value::Empty => String::new(),
        }
    }
}

impl Sheet {
    /// CSV as Excel opens it: UTF-8 with BOM (or GB18030), CRLF, numbers raw.
    pub fn to_csv(&self, gbk: bool) -> Result<Vec<u8>> {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(Vec::new());
        w.write_record(self.header.iter().map(|h| safe_text(h).into_owned()))?;
        for row in &self.rows {
            w.write_record(row.iter().map(|v| match v {
                Value::Text(s) => safe_text(s).into_owned(),
                Value::Num(x) => format_raw(*x),
                Value::Pct(x) => format_raw(*x),
                Value::Empty => String::new(),
            }))?;
        }
        let bytes = w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?;
        Ok(encode_for_excel(&String::from_utf8(bytes)?, gbk))
    }

    /// A GitHub-flavoured Markdown table.
    pub fn to_markdown(&self) -> String {
        let esc = |s: &str| s.replace('|', "\\|").replace('\n', " ");
        let mut out = format!(
            "| {} |\n",
            self.header
                .iter()
                .map(|h| esc(h))
                .collect::<Vec<_>>()
                .join(" | ")
        );
        out.push_str(&format!(
            "|{}|\n",
            self.header
                .iter()
                .map(|_| " --- ")
                .collect::<Vec<_>>()
                .join("|")
        ));
        for row in &self.rows {
            out.push_str(&format!(
                "| {} |\n",
                row.iter()
                    .map(|v| esc(&v.plain()))
                    .collect::<Vec<_>>()
                    .join(" | ")
            ));
        }
        out
    }

    /// An HTML `<table>`; text escaped, numbers right-aligned.
    pub fn to_html(&self) -> String {
        let mut out = String::from("<table>\n<thead><tr>");
        for h in &self.header {
            out.push_str(&format!("<th>{}</th>", html_escape(h)));
        }
        out.push_str("</tr></thead>\n<tbody>\n");
        for row in &self.rows {
            out.push_str("<tr>");
            for v in row {
                match v {
                    Value::Num(_) | Value::Pct(_) => {
                        out.push_str(&format!("<td class=\"n\">{}</td>", v.plain()))
                    }
                    _ => out.push_str(&format!("<td>{}</td>", html_escape(&v.plain()))),
                }
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody>\n</table>\n");
        out
    }
}

/// Numbers in CSV: full precision, no thousands separators.
fn format_raw(x: f64) -> String {
    let x = x + 0.0; // −0 is written 0
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{x:.0}")
    } else {
        format!("{}", (x * 1e6).round() / 1e6)
    }
}

pub fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet() -> Sheet {
        Sheet {
            name: "评分".into(),
            header: vec!["单位".into(), "得分".into(), "完成率".into()],
            widths: vec![20.0, 8.0, 8.0],
            rows: vec![
                vec![
                    "=HYPERLINK(\"x\")".into(),
                    Value::Num(-3.0),
                    Value::Pct(0.5),
                ],
                vec!["县人社局".into(), Value::Num(97.5), Value::Empty],
            ],
        }
    }

    #[test]
    fn csv_neutralises_formulas_and_keeps_numbers() {
        let bytes = sheet().to_csv(false).unwrap();
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
        assert!(
            text.contains("\"'=HYPERLINK(\"\"x\"\")\",-3,0.5\r\n"),
            "{text}"
        );
        assert!(text.contains("县人社局,97.5,\r\n"), "{text}");
    }

    #[test]
    fn markdown_and_html_escape() {
        let md = sheet().to_markdown();
        assert!(md.contains("| 县人社局 | 97.5 |  |"), "{md}");
        let html = sheet().to_html();
        assert!(html.contains("<td class=\"n\">50.0%</td>"), "{html}");
        assert!(html.contains("&quot;x&quot;"), "{html}");
    }

    #[test]
    fn xlsx_is_byte_stable() {
        let a =
            crate::render::xlsx::sheets_workbook(&[sheet()], "t", crate::lang::Lang::Zh).unwrap();
        let b =
            crate::render::xlsx::sheets_workbook(&[sheet()], "t", crate::lang::Lang::Zh).unwrap();
        assert_eq!(a, b);
        assert!(a.starts_with(b"PK"));
    }
}
