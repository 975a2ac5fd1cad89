//! One module per subcommand, each with its usage at the top and one `run`.

pub mod check;
pub mod plan;
pub mod report;
pub mod score;
pub mod template;

use crate::lang::Lang;
use crate::render::export::write_atomic;
use anyhow::{bail, Result};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

/// How `report` and `score` write their result: `--format`, `-o FILE`, `--encoding`.
#[derive(clap::Args, Debug)]
pub struct Output {
    /// 输出格式；省略时按 -o 的扩展名，否则为终端表格 (output format; default from -o's extension, else table)
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// 写入文件（整体写入，不会留下半个文件）(write to FILE, whole or not at all)
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// CSV 的编码：utf8（带 BOM）或 gbk（GB18030）(CSV encoding)
    #[arg(long, value_enum, default_value_t = Encoding::Utf8)]
    pub encoding: Encoding,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Json,
    Md,
    Html,
    Xlsx,
    Docx,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Encoding {
    Utf8,
    Gbk,
}

/// The format an output file's extension names.
fn format_from_path(p: &Path) -> Option<Format> {
    let ext = p.extension()?.to_str()?.to_ascii_lowercase();
    Some(match ext.as_str() {
        "csv" => Format::Csv,
        "json" => Format::Json,
        "md" | "markdown" => Format::Md,
        "html" | "htm" => Format::Html,
        "xlsx" => Format::Xlsx,
        "docx" => Format::Docx,
        "txt" => Format::Table,
        _ => return None,
    })
}

/// Shows which month is being read, on stderr and only when it is a terminal
/// (a network share can make a year's files slow); the line is cleared at the end.
pub fn show_reading(month: crate::month::Month, done: usize, total: usize) {
    use std::io::Write;
    let err = std::io::stderr();
    if !err.is_terminal() || total < 2 {
        return;
    }
    let mut err = err.lock();
    // Plain carriage returns and spaces, no escape codes: old Windows consoles
    // print those as text.
    let blank = " ".repeat(48);
    let _ = if done == total {
        write!(err, "\r{blank}\r")
    } else {
        write!(err, "\r读取 reading data/{month} … {done}/{total}   ")
    };
    let _ = err.flush();
}

/// Picks the Chinese or the English message.
pub fn msg(lang: Lang, zh: String, en: String) -> String {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

impl Output {
    /// The format to write, checked before any work is done: from `--format`,
    /// else from `-o`'s extension, else the terminal table. A missing output
    /// folder, an unknown extension and xlsx to a terminal are refused.
    pub fn resolve(&self, l: Lang) -> Result<Format> {
        let format = match (self.format, &self.output) {
            (Some(f), _) => f,
            (None, Some(p)) => match format_from_path(p) {
                Some(f) => f,
                None => bail!(
                    "{}",
                    msg(
                        l,
                        format!(
                            "无法从文件名 {} 判断格式，请用 --format 指定（csv、json、md、html、xlsx、docx）",
                            p.display()
                        ),
                        format!(
                            "cannot tell the format from {}; give --format (csv, json, md, html, xlsx, docx)",
                            p.display()
                        ),
                    )
                ),
            },
            (None, None) => Format::Table,
        };
        if let Some(p) = &self.output {
            let dir = match p.parent() {
                Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
                _ => PathBuf::from("."),
            };
            if !dir.is_dir() {
                bail!(
                    "{}",
                    msg(
                        l,
                        format!("输出目录 {} 不存在，请先创建", dir.display()),
                        format!("output folder {} does not exist", dir.display()),
                    )
                );
            }
        } else if matches!(format, Format::Xlsx | Format::Docx) && std::io::stdout().is_terminal() {
            let ext = if format == Format::Docx {
                "docx"
            } else {
                "xlsx"
            };
            bail!(
                "{}",
                msg(
                    l,
                    format!("{ext} 是二进制文件，请用 -o 文件名.{ext} 写入文件"),
                    format!("{ext} is binary: write it with -o FILE.{ext}"),
                )
            );
        }
        Ok(format)
    }

    pub fn gbk(&self) -> bool {
        self.encoding == Encoding::Gbk
    }

    /// Writes the result: to `-o FILE` whole, or to stdout.
    pub fn emit(&self, bytes: &[u8]) -> Result<()> {
        emit(self.output.as_deref(), bytes)
    }
}

/// Prints text to stdout, or writes it whole to `-o FILE`.
pub fn emit(output: Option<&Path>, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    match output {
        Some(p) => write_atomic(p, bytes),
        None => {
            let mut out = std::io::stdout().lock();
            // A closed pipe (`| head`) is not an error worth a message.
            match out.write_all(bytes).and_then(|_| out.flush()) {
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                r => Ok(r?),
            }
        }
    }
}
