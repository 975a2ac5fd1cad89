//! One module per subcommand, each with its usage at the top and one `run`;
//! `load` is the month reading that `report`, `history` and `highlights` share.

pub mod check;
pub mod close;
pub mod generate;
pub mod highlights;
pub mod history;
pub mod load;
pub mod log;
pub mod plan;
pub mod reopen;
pub mod report;
pub mod score;
pub mod template;

use crate::lang::Lang;
use crate::month::Month;
use crate::plan::{Plan, PlanSet};
use crate::render::export::write_atomic;
use crate::tr;
use crate::workspace::Workspace;
use anyhow::{bail, Context, Result};
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

/// `--format` of a command that prints a table or JSON (`plan`, `log`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum TableOrJson {
    Table,
    Json,
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
        // No words: the line is the same in both languages.
        write!(err, "\rdata/{month}/ … {done}/{total}   ")
    };
    let _ = err.flush();
}

/// "Today": `MINGSHENG_TODAY` (`YYYY-MM-DD`, or `YYYY-MM` for the first of
/// that month) fixes it for reproducible batch runs and tests; otherwise the
/// local clock.
pub fn today_date() -> Result<chrono::NaiveDate> {
    use chrono::NaiveDate;
    if let Ok(s) = std::env::var("MINGSHENG_TODAY") {
        let s = s.trim();
        return NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .or_else(|_| NaiveDate::parse_from_str(&format!("{s}-01"), "%Y-%m-%d"))
            .map_err(|e| anyhow::anyhow!("MINGSHENG_TODAY={s}: {e}"));
    }
    Ok(chrono::Local::now().date_naive())
}

/// The month of [`today_date`].
pub fn today() -> Result<Month> {
    use chrono::Datelike;
    let d = today_date()?;
    Month::new(d.year(), d.month()).context("the clock gives no calendar month")
}

/// The plan version that governs `month`, for a command that works on that
/// month (`report`, `template`). A month after today, or outside the year of
/// every plan version, is refused: its report would be all 未报送, or judged by
/// a past year's deadlines.
pub fn plan_for_month(l: Lang, plans: &PlanSet, month: Month) -> Result<&Plan> {
    let today = today()?;
    if month > today {
        bail!(
            "{}",
            tr!(
                "{month} 还没有到（今天是 {today}），不能生成该月的报告或报表",
                "{month} has not come yet (today is {today}): nothing to report",
            )
            .take(l)
        );
    }
    match plans.for_month(month) {
        Some(p) if p.year == month.year() => Ok(p),
        _ => {
            let mut years: Vec<i32> = plans.versions.iter().map(|p| p.year).collect();
            years.sort();
            years.dedup();
            let years: Vec<String> = years.iter().map(i32::to_string).collect();
            let (zh_years, en_years) = (years.join("、"), years.join(", "));
            bail!(
                "{}",
                tr!(
                    "{month} 不在任何任务清单版本的年度内（seeds/ 中的任务清单年度：{zh_years}）；新一年的任务清单请放入 seeds/",
                    "{month} is outside the year of every plan version (years in seeds/: {en_years}); put a new year's task list in seeds/",
                )
                .take(l)
            )
        }
    }
}

/// The latest `data/YYYY-MM/` folder that holds a file, for commands run
/// without `--month`.
pub fn latest_month_with_files(ws: &Workspace) -> Option<Month> {
    let mut months: Vec<Month> = std::fs::read_dir(ws.data_dir())
        .ok()?
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<Month>().ok())
        .collect();
    months.sort();
    months
        .into_iter()
        .rev()
        .find(|&m| crate::progress::read::month_has_files(ws, m))
}

impl Format {
    /// The name `--format` takes, which is also the file extension.
    pub fn name(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Md => "md",
            Format::Html => "html",
            Format::Xlsx => "xlsx",
            Format::Docx => "docx",
        }
    }
}

impl Output {
    /// The format to write, checked before any work is done: from `--format`,
    /// else from `-o`'s extension, else the terminal table. A missing output
    /// folder, an unknown extension and xlsx to a terminal are refused.
    pub fn resolve(&self, l: Lang) -> Result<Format> {
        let format = match (self.format, &self.output) {
            (Some(f), Some(p)) => match format_from_path(p) {
                Some(named) if named != f => bail!(
                    "{}",
                    tr!(
                        "--format {f} 与输出文件 {path} 的扩展名不符；请去掉 --format，或改用 .{f} 结尾的文件名",
                        "--format {f} disagrees with the extension of {path}; drop --format or name a .{f} file",
                        f = f.name(),
                        path = p.display(),
                    )
                    .take(l)
                ),
                _ => f,
            },
            (Some(f), None) => f,
            (None, Some(p)) => match format_from_path(p) {
                Some(f) => f,
                None => bail!(
                    "{}",
                    tr!(
                        "无法从文件名 {} 判断格式，请用 --format 指定（csv、json、md、html、xlsx、docx）",
                        "cannot tell the format from {}; give --format (csv, json, md, html, xlsx, docx)",
                        p.display()
                    )
                    .take(l)
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
                    tr!(
                        "输出目录 {} 不存在，请先创建",
                        "output folder {} does not exist",
                        dir.display()
                    )
                    .take(l)
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
                tr!(
                    "{ext} 是二进制文件，请用 -o 文件名.{ext} 写入文件",
                    "{ext} is binary: write it with -o FILE.{ext}",
                )
                .take(l)
            );
        }
        Ok(format)
    }

    /// [`Self::resolve`] for a command that writes only `allowed` (named in
    /// this order in the refusal); the terminal table, each command's default,
    /// passes whether listed or not. Checked last, so a refusal of the file
    /// comes first as before.
    pub fn resolve_among(&self, l: Lang, command: &str, allowed: &[Format]) -> Result<Format> {
        let format = self.resolve(l)?;
        if format == Format::Table || allowed.contains(&format) {
            return Ok(format);
        }
        let names: Vec<&str> = allowed.iter().map(|f| f.name()).collect();
        bail!(
            "{}",
            tr!(
                "{command} 只能输出 {list}，不支持 {f}",
                "{command} writes {list}, not {f}",
                list = or_list(&names, l),
                f = format.name(),
            )
            .take(l)
        )
    }

    pub fn gbk(&self) -> bool {
        self.encoding == Encoding::Gbk
    }

    /// Writes the result: to `-o FILE` whole (and says so on stderr), or to stdout.
    pub fn emit(&self, l: Lang, bytes: &[u8]) -> Result<()> {
        emit(self.output.as_deref(), bytes)?;
        if let Some(p) = &self.output {
            crate::app::eprintln_safe!(
                "{}",
                tr!(
                    "已写入 {path}（{n} 字节）",
                    "wrote {path} ({n} bytes)",
                    path = p.display(),
                    n = bytes.len(),
                )
                .take(l)
            );
        }
        Ok(())
    }
}

/// `a、b 或 c` / `a, b or c`.
fn or_list(names: &[&str], l: Lang) -> String {
    match names.split_last() {
        None => String::new(),
        Some((last, [])) => last.to_string(),
        Some((last, rest)) => format!(
            "{}{}{last}",
            rest.join(crate::lang::pick(l, "、", ", ")),
            crate::lang::pick(l, " 或 ", " or ")
        ),
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
                r => Ok(r.with_context(|| {
                    tr!("无法写出到标准输出", "cannot write to standard output")
                })?),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::or_list;
    use crate::lang::Lang;

    #[test]
    fn formats_listed_with_or_before_the_last() {
        assert_eq!(
            or_list(&["md", "html", "json"], Lang::Zh),
            "md、html 或 json"
        );
        assert_eq!(
            or_list(&["md", "html", "json"], Lang::En),
            "md, html or json"
        );
        assert_eq!(or_list(&["md"], Lang::En), "md");
        assert_eq!(or_list(&[], Lang::Zh), "");
    }
}
