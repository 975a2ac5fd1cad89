//! Every intake finding as a named constructor: the wording of a diagnostic
//! lives here once, in Chinese and English, and the readers only say which one
//! and where (`.file`, `.at_cell`, `.snippet` are added by the caller when the
//! constructor does not know them).

use crate::diag::{Code, Diagnostic, Snippet};
use crate::lang::Text;
use crate::month::Month;
use crate::plan::{Indicator, Item, Kind};
use crate::progress::decode::{encoding_label, DecodeError};
use crate::progress::form::Col;
use crate::progress::form::EXCEL_CELL_CHARS;
use crate::tr;
use crate::value::ValueError;
use std::path::Path;

/// The hint every "how should the header look" finding gives.
fn header_hint() -> Text {
    tr!(
        "表头应包含：事项编号、指标、累计完成、状态、进展情况、存在问题、下步计划（可用 mingsheng template 生成）",
        "the header needs: 事项编号 (item), 指标 (indicator), 累计完成 (value), 状态 (status), 进展情况, 存在问题, 下步计划 (see mingsheng template)"
    )
}

fn template_hint() -> Text {
    tr!(
        "用 mingsheng template 生成本月的报表，填好后保存",
        "generate this month's form with mingsheng template, fill it in and save"
    )
}

/// A month folder with no plan version in force.
pub fn no_plan_for_month(month: Month, dir: &str) -> Diagnostic {
    Diagnostic::error(
        Code::NoPlanForMonth,
        tr!(
            "{} 之前没有生效的任务清单版本，该月的进展文件无法核对",
            "no plan version is in force in {}: its progress files cannot be checked",
            month
        ),
    )
    .file(format!("{dir}/"))
}

/// `data/2023-7/`: a month written loosely.
pub fn folder_misnamed(rel: &str, name: &str, m: Month) -> Diagnostic {
    Diagnostic::error(
        Code::BadPath,
        tr!(
            "文件夹名「{}」应写作 {}，其中的文件未读取",
            "folder `{}` must be named {}; its files were not read",
            name,
            m
        ),
    )
    .file(format!("{rel}/"))
    .hint(tr!(
        "把文件夹改名为 data/{}/",
        "rename the folder to data/{}/",
        m
    ))
}

/// `data/2023-13/`: looks like a month, is none.
pub fn folder_bad_month(rel: &str, name: &str) -> Diagnostic {
    Diagnostic::error(
        Code::BadPath,
        tr!(
            "文件夹名「{}」不是有效的月份（月份为 01–12），其中的文件未读取",
            "folder `{}` is not a valid month (months are 01–12); its files were not read",
            name
        ),
    )
    .file(format!("{rel}/"))
    .hint(tr!(
        "把文件夹改名为正确的月份，例如 data/2023-12/",
        "rename the folder to the right month, e.g. data/2023-12/"
    ))
}

/// Any other folder under `data/`.
pub fn folder_not_month(rel: &str, name: &str) -> Diagnostic {
    Diagnostic::warning(
        Code::BadPath,
        tr!(
            "data/ 下的文件夹「{}」不是月份（YYYY-MM），未读取",
            "folder `{}` under data/ is not a month (YYYY-MM); not read",
            name
        ),
    )
    .file(format!("{rel}/"))
    .hint(tr!(
        "进展文件放在 data/YYYY-MM/ 中，例如 data/2023-06/县人社局.csv",
        "progress files go in data/YYYY-MM/, e.g. data/2023-06/县人社局.csv"
    ))
}

/// A file directly under `data/`.
pub fn file_outside_month(rel: &str) -> Diagnostic {
    Diagnostic::warning(
        Code::BadPath,
        tr!(
            "文件直接放在 data/ 下，未读取：应放入月份文件夹",
            "file directly under data/ was not read: it belongs in a month folder"
        ),
    )
    .file(rel)
    .hint(tr!(
        "移到 data/YYYY-MM/ 中，例如 data/2023-06/",
        "move it into data/YYYY-MM/, e.g. data/2023-06/"
    ))
}

/// A folder inside a month folder.
pub fn subfolder(rel: &str, month: Month) -> Diagnostic {
    Diagnostic::warning(
        Code::BadPath,
        tr!(
            "月份文件夹中的子文件夹未读取",
            "a folder inside a month folder is not read"
        ),
    )
    .file(format!("{rel}/"))
    .hint(tr!(
        "进展文件直接放在 data/{}/ 中",
        "put progress files directly in data/{}/",
        month
    ))
}

/// A file that is neither a table nor a workbook.
pub fn not_a_table(rel: &str) -> Diagnostic {
    Diagnostic::warning(
        Code::NotCsv,
        tr!("不是 CSV 文件，未读取", "not a CSV file; it was not read"),
    )
    .file(rel)
    .hint(tr!(
        "在 Excel/WPS 中「另存为」→「CSV（逗号分隔）」，文件名用单位名称，例如 县人社局.csv",
        "in Excel/WPS use Save As → CSV (comma delimited), named after the unit, e.g. 县人社局.csv"
    ))
}

/// A file name that names no unit; with the nearest unit when there is one
/// (the file's extension kept in the advice).
pub fn unknown_unit(rel: &str, stem: &str, nearest: Option<&str>) -> Diagnostic {
    let ext = match rel.rsplit_once('.') {
        Some((_, e)) if matches!(e.to_ascii_lowercase().as_str(), "xlsx" | "xls" | "xlsb") => e,
        _ => "csv",
    };
    let d = Diagnostic::error(
        Code::UnknownUnit,
        tr!(
            "文件名「{}」不是任务清单中的单位",
            "file name `{}` is not a unit of the task list",
            stem
        ),
    )
    .file(rel);
    match nearest {
        Some(name) => d.hint(tr!(
            "是否指 {0}？如是，请把文件改名为 {0}.{1}（mingsheng plan --units 列出全部单位及简称）",
            "did you mean {0}? If so, rename the file to {0}.{1} (mingsheng plan --units lists every unit and alias)",
            name,
            ext
        )),
        None => d.hint(tr!(
            "文件名应为单位名称、简称或编号，例如 县人社局.csv、人社局.csv 或 rsj.csv（mingsheng plan --units 列出全部单位及简称）",
            "name the file after the unit's name, alias or id, e.g. 县人社局.csv or rsj.csv (mingsheng plan --units lists them)"
        )),
    }
}

/// `县妇联.csv.csv`: an extension typed where Windows hid one.
pub fn typed_extension(rel: &str, path: &Path, unit: &str) -> Diagnostic {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().into_owned())
        .unwrap_or_default();
    Diagnostic::warning(
        Code::TypedExtension,
        tr!(
            "文件名多了一个扩展名（Windows 默认隐藏扩展名，又手工输入了一次），按 {} 的进展文件读取",
            "the file name has its extension twice (Windows hides extensions, and it was typed again); read as the file of {}",
            unit
        ),
    )
    .file(rel)
    .hint(tr!(
        "改名为 {0}.{1}；在资源管理器的「查看」中勾选「文件扩展名」可以看到完整文件名",
        "rename it to {0}.{1}; tick View → File name extensions in Explorer to see whole names",
        unit,
        ext
    ))
}

/// A second file for a unit in one month.
pub fn duplicate_file(rel: &str, unit: &str, first: &str) -> Diagnostic {
    Diagnostic::error(
        Code::DuplicateFile,
        tr!(
            "{} 本月已有进展文件 {}，此文件未读取",
            "{} already has a progress file this month ({}); this one was not read",
            unit,
            first
        ),
    )
    .file(rel)
    .hint(tr!(
        "每个单位每月只交一个文件：删除或移走多余的一个",
        "one file per unit and month: delete or move the extra one"
    ))
}

/// `县人社局 - 副本.csv`, read as the unit's file; `ext` is the extension to
/// keep (a workbook's, or csv).
pub fn copy_name(rel: &str, unit: &str, ext: &str) -> Diagnostic {
    Diagnostic::warning(
        Code::BadPath,
        tr!(
            "文件名像是副本，按 {} 的进展文件读取",
            "the file name looks like a copy; read as the file of {}",
            unit
        ),
    )
    .file(rel)
    .hint(tr!("改名为 {}.{}", "rename it to {}.{}", unit, ext))
}

/// A pipe, a device or a broken link.
pub fn not_a_file(rel: &str) -> Diagnostic {
    Diagnostic::warning(
        Code::NotAFile,
        tr!(
            "不是普通文件（管道、设备或失效的链接），未读取",
            "not a regular file (a pipe, a device or a broken link); not read"
        ),
    )
    .file(rel)
    .hint(tr!(
        "进展文件应是从 Excel/WPS 保存的普通文件",
        "a progress file is an ordinary file saved from Excel or WPS"
    ))
}

/// A file over the size bound.
pub fn too_large(rel: &str, mb: u64) -> Diagnostic {
    Diagnostic::error(
        Code::FileTooLarge,
        tr!(
            "文件超过 {} MB，未读取：一个单位一个月的进展表不会这么大",
            "the file is over {} MB and was not read: one unit's monthly form is never that large",
            mb
        ),
    )
    .file(rel)
    .hint(tr!(
        "检查是否放错了文件；用 mingsheng template 生成的报表重新填写",
        "check that this is the right file; refill the form made by mingsheng template"
    ))
}

/// The operating system could not read the file.
pub fn unreadable(rel: &str, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error(
        Code::UnreadableFile,
        tr!("无法读取文件：{}", "cannot read the file: {}", e),
    )
    .file(rel)
}

/// CSV syntax the csv crate refuses.
pub fn bad_csv(e: &csv::Error) -> Diagnostic {
    Diagnostic::error(
        Code::BadCsv,
        tr!("无法解析 CSV：{}", "cannot parse the CSV: {}", e),
    )
}

/// A header without 累计完成 and without 状态.
pub fn missing_value_column() -> Diagnostic {
    Diagnostic::error(
        Code::MissingColumn,
        tr!(
            "缺少「累计完成」列（或「状态」列）",
            "no 累计完成 (value) column (nor 状态 / status)"
        ),
    )
    .hint(header_hint())
}

/// A data column given twice.
pub fn duplicate_column(col: Col, first: usize) -> Diagnostic {
    let (zh, en) = col.names();
    Diagnostic::error(
        Code::DuplicateColumn,
        tr!(
            "「{zh}」列重复（第 {} 列已有），此列不读取",
            "duplicate {en} column (already column {}); this one is not read",
            first + 1
        ),
    )
    .hint(tr!(
        "删除或改名重复的列（{} / {}）",
        "remove or rename the duplicate column ({} / {})",
        zh,
        en
    ))
}

/// A run of unknown header cells from `a` to `b` (cell names), `n` of them.
pub fn unknown_columns(a: &str, b: &str, n: usize, name: &str) -> Diagnostic {
    let message = if n == 1 {
        tr!(
            "不认识的列「{}」，已忽略",
            "unknown column `{}`; ignored",
            name
        )
    } else {
        tr!(
            "第 {} 至 {} 列共 {} 个不认识的列（「{}」等），已忽略",
            "{2} unknown columns, {0} to {1} (`{3}` …); ignored",
            a,
            b,
            n,
            name
        )
    };
    Diagnostic::warning(Code::UnknownColumn, message).hint(tr!(
        "可用的列：事项编号、指标、累计完成、状态、进展情况、存在问题、下步计划",
        "known columns: 事项编号/item, 指标/indicator, 累计完成/value, 状态/status, 进展情况/progress, 存在问题/problems, 下步计划/next_steps"
    ))
}

/// A 合计 or 填表人 row, skipped.
pub fn skipped_row(first: &str) -> Diagnostic {
    Diagnostic::warning(
        Code::SkippedRow,
        tr!(
            "「{}」行不是指标数据，已跳过",
            "a `{}` row is not indicator data; skipped",
            first.trim().chars().take(8).collect::<String>()
        ),
    )
    .hint(tr!(
        "合计、填表人等行可以删去，系统不读取",
        "totals and signature rows can be removed; they are not read"
    ))
}

/// A row shorter than the header.
pub fn short_row(len: usize, width: usize) -> Diagnostic {
    Diagnostic::error(
        Code::RaggedRow,
        tr!(
            "此行只有 {} 列，表头有 {} 列；此行未读取",
            "this row has {} cells but the header has {}; the row was not read",
            len,
            width
        ),
    )
    .hint(tr!(
        "检查是否少了逗号，或单元格中的引号、换行不成对",
        "look for a missing comma, or an unbalanced quote or line break in a cell"
    ))
}

/// Text beyond the header's last column.
pub fn beyond_header(col: usize, width: usize) -> Diagnostic {
    Diagnostic::error(
        Code::RaggedRow,
        tr!(
            "第 {} 列在表头之外（表头有 {} 列）",
            "cell in column {} is beyond the header ({} columns)",
            col + 1,
            width
        ),
    )
    .hint(tr!(
        "给此列加上表头，或把内容移到正确的列（单元格中的逗号要用引号括起）",
        "give the column a header or move the text to its column (a comma inside a cell needs quotes)"
    ))
}

pub fn missing_item() -> Diagnostic {
    Diagnostic::error(
        Code::MissingItem,
        tr!("事项编号为空", "the item id (事项编号) is empty"),
    )
    .hint(tr!("填写事项编号，如 1.1", "fill in the item id, e.g. 1.1"))
}

/// An item id the plan lacks; `owners` are the ids of the items whose
/// indicator (the row's `indicator` cell) the row names.
pub fn unknown_item(item: &str, indicator: &str, owners: &[&str]) -> Diagnostic {
    let hint = if owners.is_empty() {
        tr!(
            "事项编号按任务清单填写，如 1.1、10.3（mingsheng plan 可查看）",
            "use the item ids of the task list, e.g. 1.1 or 10.3 (see mingsheng plan)"
        )
    } else {
        tr!(
            "指标「{}」属于事项 {}：是否事项编号填错了？",
            "indicator `{}` belongs to item {}: is the item id wrong?",
            indicator,
            owners.join("、")
        )
    };
    Diagnostic::error(
        Code::UnknownItem,
        tr!(
            "任务清单中没有事项「{}」",
            "the task list has no item `{}`",
            item
        ),
    )
    .hint(hint)
}

/// The indicators of an item as a list a clerk can copy from.
fn indicator_list(it: &Item) -> String {
    it.indicators
        .iter()
        .map(|k| format!("{}（{}）", k.id, k.name))
        .collect::<Vec<_>>()
        .join("、")
}

pub fn missing_indicator(it: &Item) -> Diagnostic {
    Diagnostic::error(
        Code::MissingIndicator,
        tr!(
            "事项 {} 有 {} 个指标，须在「指标」列写明是哪一个",
            "item {} has {} indicators: the 指标 (indicator) column must say which",
            it.id,
            it.indicators.len()
        ),
    )
    .hint(tr!("可填：{}", "one of: {}", indicator_list(it)))
}

pub fn unknown_indicator(it: &Item, want: &str, nearest: Option<&Indicator>) -> Diagnostic {
    Diagnostic::error(
        Code::UnknownIndicator,
        tr!(
            "事项 {} 没有指标「{}」",
            "item {} has no indicator `{}`",
            it.id,
            want
        ),
    )
    .hint(match nearest {
        Some(k) => tr!(
            "是否指 {}（{}）？可填：{}",
            "did you mean {} ({})? One of: {}",
            k.id,
            k.name,
            indicator_list(it)
        ),
        None => tr!("可填：{}", "one of: {}", indicator_list(it)),
    })
}

pub fn wrong_reporter(ind: &Indicator, reporter: &str, unit: &str) -> Diagnostic {
    Diagnostic::error(
        Code::WrongReporter,
        tr!(
            "指标「{}」由 {} 报送，不由 {} 报送",
            "indicator `{}` is reported by {}, not by {}",
            ind.name,
            reporter,
            unit
        ),
    )
    .hint(tr!(
        "删除此行，由 {} 在其进展文件中填报",
        "remove the row: {} reports it in its own file",
        reporter
    ))
}

pub fn duplicate_row(ind: &Indicator, first: usize) -> Diagnostic {
    Diagnostic::error(
        Code::DuplicateRow,
        tr!(
            "指标「{}」在第 {} 行已填报过，此行未读取",
            "indicator `{}` was already given in row {}; this row was not read",
            ind.name,
            first
        ),
    )
    .hint(tr!(
        "每个指标只填一行：删除重复的一行",
        "one row per indicator: delete the duplicate"
    ))
}

pub fn unknown_status(raw: &str) -> Diagnostic {
    Diagnostic::error(
        Code::UnknownStatus,
        tr!("状态「{}」无法识别", "unknown status `{}`", raw.trim()),
    )
    .hint(tr!(
        "状态填 未启动、推进中 或 已完成（或 not_started、in_progress、done）",
        "write 未启动, 推进中 or 已完成 (or not_started, in_progress, done)"
    ))
}

/// A text column longer than an Excel cell holds.
pub fn long_text(col: Col, chars: usize) -> Diagnostic {
    let (zh, en) = col.names();
    Diagnostic::warning(
        Code::LongText,
        tr!(
            "「{zh}」有 {chars} 个字，超过 Excel 单元格的上限 {EXCEL_CELL_CHARS}：导出的 xlsx 中将截断",
            "the {en} text has {chars} characters, over an Excel cell's {EXCEL_CELL_CHARS}: it is cut in xlsx exports"
        ),
    )
    .hint(tr!(
        "精简文字，详细材料另行报送",
        "shorten the text; send long material separately"
    ))
}

/// No row holds a 事项编号 cell; the first row with text is `line`.
pub fn no_header() -> Diagnostic {
    Diagnostic::error(
        Code::MissingColumn,
        tr!(
            "找不到表头：缺少「事项编号」列",
            "no header row: no 事项编号 (item) column"
        ),
    )
    .hint(tr!(
        "第一行（或标题行下一行）应为表头：事项编号、指标、累计完成、状态、进展情况、存在问题、下步计划",
        "the first row (or the one under a title) must be the header: 事项编号, 指标, 累计完成, 状态, 进展情况, 存在问题, 下步计划"
    ))
}

pub fn empty_file() -> Diagnostic {
    Diagnostic::error(Code::EmptyFile, tr!("文件是空的", "the file is empty")).hint(template_hint())
}

pub fn header_only() -> Diagnostic {
    Diagnostic::warning(
        Code::EmptyFile,
        tr!(
            "文件只有表头，没有填报任何指标",
            "the file has a header but no indicator rows"
        ),
    )
}

/// A template saved without filling it in.
pub fn no_figures() -> Diagnostic {
    Diagnostic::warning(
        Code::NoFigures,
        tr!(
            "文件中所有指标的「累计完成」和「状态」都是空的，这些指标按未报送处理",
            "no row gives a value or a status: every indicator in it counts as not reported"
        ),
    )
    .hint(tr!(
        "填写累计完成（节点类填写状态）后重新保存",
        "fill in 累计完成 (for a milestone, 状态) and save again"
    ))
}

/// A 累计完成 cell that cannot be read.
pub fn bad_value(e: &ValueError, raw: &str, ind: &Indicator) -> Diagnostic {
    let raw = raw.trim();
    let unit = &ind.unit;
    match e {
        ValueError::Negative => Diagnostic::error(
            Code::NegativeValue,
            tr!("数值「{}」为负数", "value `{}` is negative", raw),
        )
        .hint(tr!(
            "填写本年累计完成数，不能为负",
            "write the year's cumulative total; it cannot be negative"
        )),
        ValueError::WrongUnit(found) => Diagnostic::error(
            Code::WrongUnit,
            tr!(
                "单位「{}」与指标的计量单位「{}」不符",
                "unit `{}` does not match the indicator's unit `{}`",
                found,
                unit
            ),
        )
        .hint(tr!(
            "按「{}」填写纯数字，例如 3200（可写 8万 表示 80000）",
            "write a plain number in {} (8万 means 80000)",
            unit
        )),
        other => {
            let (zh, en) = match other {
                ValueError::Approximate => ("是约数", "is an approximation"),
                ValueError::Range => ("是一个范围", "is a range"),
                ValueError::ExcelError => ("是 Excel 的错误值", "is an Excel error value"),
                ValueError::OverHundred => ("超过 100%", "is over 100%"),
                _ => ("不是数字", "is not a number"),
            };
            Diagnostic::error(
                Code::BadValue,
                tr!("「{raw}」{zh}，无法读取", "`{raw}` {en}; cannot be read"),
            )
            .hint(bad_value_hint(ind))
        }
    }
}

fn bad_value_hint(ind: &Indicator) -> Text {
    if ind.kind == Kind::Milestone {
        tr!(
            "节点类指标此列填完成百分比（0–100），或留空只填状态",
            "for a milestone write the percent done (0–100), or leave it blank and fill in the status"
        )
    } else {
        tr!(
            "填写一个确切的数字（单位：{}），例如 3200、3,200 或 8万；说明文字写在「进展情况」列",
            "write one exact number (in {}), e.g. 3200, 3,200 or 8万; put words in 进展情况 (progress)",
            ind.unit
        )
    }
}

/// Bytes that cannot be read as text.
pub fn decode(e: DecodeError, bytes: &[u8]) -> Diagnostic {
    match e {
        DecodeError::Empty => empty_file(),
        DecodeError::Workbook => Diagnostic::error(
            Code::BadEncoding,
            tr!(
                "这是 Excel/WPS 工作簿（xlsx/xls），不是 CSV 文本",
                "this is an Excel/WPS workbook (xlsx/xls), not CSV text"
            ),
        )
        .hint(tr!(
            "不要直接改扩展名：在 Excel/WPS 中「另存为」→「CSV（逗号分隔）」",
            "do not just rename it: use Save As → CSV (comma delimited) in Excel/WPS"
        )),
        DecodeError::Binary => Diagnostic::error(
            Code::BadEncoding,
            tr!("这不是文本文件", "this is not a text file"),
        )
        .hint(tr!(
            "在 Excel/WPS 中「另存为」→「CSV（逗号分隔）」",
            "use Save As → CSV (comma delimited) in Excel/WPS"
        )),
        DecodeError::Malformed { encoding, offset } => malformed(encoding, offset, bytes),
    }
}

/// Invalid bytes for the encoding: the line they are on, marked at them.
fn malformed(encoding: &'static encoding_rs::Encoding, offset: usize, bytes: &[u8]) -> Diagnostic {
    let offset = offset.min(bytes.len());
    let line_start = bytes[..offset]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line_end = bytes[offset..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |i| offset + i);
    let line = bytes[..offset].iter().filter(|&&b| b == b'\n').count() + 1;
    let before = String::from_utf8_lossy(&bytes[line_start..offset]);
    let column = before.matches(',').count() + 1;
    let text = String::from_utf8_lossy(&bytes[line_start..line_end])
        .trim_end_matches('\r')
        .to_string();
    let start = before.chars().count();
    Diagnostic::error(
        Code::BadEncoding,
        tr!(
            "无法按 {} 解码：文件中有无效字节",
            "cannot decode as {}: the file holds invalid bytes",
            encoding_label(encoding)
        ),
    )
    .at_cell(line, column)
    .snippet(Snippet {
        text,
        start,
        len: 1,
    })
    .hint(tr!(
        "在 Excel/WPS 中重新「另存为」→「CSV UTF-8（逗号分隔）」；若确知编码，可用 --encoding utf8 或 --encoding gbk 指定",
        "re-save it from Excel/WPS as CSV UTF-8; if you know the encoding, force it with --encoding utf8 or --encoding gbk"
    ))
}

/// The hint of every workbook that cannot be opened.
fn save_as_xlsx() -> Text {
    tr!(
        "在 Excel/WPS 中打开，「另存为」→「Excel 工作簿（*.xlsx）」，不设密码；或另存为 CSV",
        "open it in Excel/WPS and Save As → Excel Workbook (*.xlsx) without a password; or save it as CSV"
    )
}

/// A WPS `.et` workbook: its own format.
pub fn wps_et() -> Diagnostic {
    Diagnostic::error(
        Code::BadWorkbook,
        tr!(
            "这是 WPS 表格格式（.et），无法读取",
            "this is a WPS spreadsheet (.et), which cannot be read"
        ),
    )
    .hint(save_as_xlsx())
}

/// A password-protected (encrypted) workbook.
pub fn workbook_locked() -> Diagnostic {
    Diagnostic::error(
        Code::BadWorkbook,
        tr!(
            "工作簿设有打开密码（已加密），无法读取",
            "the workbook is password-protected (encrypted) and cannot be read"
        ),
    )
    .hint(save_as_xlsx())
}

/// Bytes that are not the workbook their name says.
pub fn bad_workbook() -> Diagnostic {
    Diagnostic::error(
        Code::BadWorkbook,
        tr!(
            "工作簿已损坏或不是 Excel 文件，无法读取",
            "the workbook is damaged or not an Excel file; it cannot be read"
        ),
    )
    .hint(save_as_xlsx())
}

/// A workbook that inflates beyond the bound (or claims to).
pub fn workbook_too_large(mb: u64) -> Diagnostic {
    Diagnostic::error(
        Code::FileTooLarge,
        tr!(
            "工作簿解压后超过 {} MB，未读取：一个单位一个月的进展表不会这么大",
            "the workbook unpacks to over {} MB and was not read: one unit's monthly form is never that large",
            mb
        ),
    )
    .hint(tr!(
        "检查是否放错了文件；用 mingsheng template 生成的报表重新填写",
        "check that this is the right file; refill the form made by mingsheng template"
    ))
}

/// Formulas without cached values: the file was written by a program and
/// never opened (and calculated) in Excel or WPS.
pub fn uncached_formula() -> Diagnostic {
    Diagnostic::error(
        Code::UncachedFormula,
        tr!(
            "工作簿中的公式没有计算结果（文件由程序生成，未在 Excel/WPS 中打开保存过），无法读取",
            "the workbook's formulas have no calculated values (it was written by a program and never saved from Excel/WPS); it cannot be read"
        ),
    )
    .hint(tr!(
        "在 Excel/WPS 中打开此文件并保存一次，再重新报送；或把公式改为数值",
        "open the file in Excel/WPS and save it once, then send it again; or replace the formulas by values"
    ))
}

/// A number cell between 0 and 1 for a percent indicator, in a workbook that
/// keeps no number formats (.xls, .xlsb): 0.926 may be shown as 92.6%.
pub fn ambiguous_percent(raw: &str) -> Diagnostic {
    Diagnostic::error(
        Code::AmbiguousPercent,
        tr!(
            "「{}」可能是显示为百分比的单元格（{0} = {}%），此格式的工作簿无法区分",
            "`{}` may be a cell shown as a percent ({0} = {}%); this kind of workbook cannot tell",
            raw,
            crate::progress::read::workbook::number_text(raw.parse().unwrap_or(0.0), true)
                .trim_end_matches('%')
                .to_string()
        ),
    )
    .hint(tr!(
        "在单元格中直接填百分数，例如 92.6（不用 % 格式）；或把文件另存为 .xlsx",
        "type the percent itself, e.g. 92.6 (no % format), or save the file as .xlsx"
    ))
}

/// A stage row in the file of a unit that does not report its indicator.
pub fn stage_wrong_reporter(stage: &str, indicator: &str, by: &str, unit: &str) -> Diagnostic {
    Diagnostic::error(
        Code::WrongReporter,
        tr!(
            "阶段「{}」属于指标「{}」，由 {by} 报送，不由 {} 报送",
            "stage `{}` belongs to indicator `{}`, reported by {by}, not by {}",
            stage,
            indicator,
            unit
        ),
    )
    .hint(tr!(
        "删除此行，由 {by} 在其进展文件中填报",
        "remove the row: {by} reports it in its own file"
    ))
}

/// The same stage given twice in one file.
pub fn duplicate_stage(stage: &str, first: u32) -> Diagnostic {
    Diagnostic::error(
        Code::DuplicateRow,
        tr!(
            "阶段「{}」在第 {} 行已填报过，此行未读取",
            "stage `{}` was already given in row {}; this row was not read",
            stage,
            first
        ),
    )
    .hint(tr!(
        "每个阶段只填一行：删除重复的一行",
        "one row per stage: delete the duplicate"
    ))
}

/// A figure typed on a stage row, which is read by its status only.
pub fn stage_value_ignored(raw: &str) -> Diagnostic {
    Diagnostic::warning(
        Code::StageValueIgnored,
        tr!(
            "阶段行只看「状态」，「累计完成」中的「{}」未读取",
            "a stage row is read by its 状态 (status) only; the value `{}` was ignored",
            raw.trim()
        ),
    )
    .hint(tr!(
        "在「状态」列填 未启动、推进中 或 已完成",
        "write 未启动, 推进中 or 已完成 in the 状态 column"
    ))
}

/// A stage's status that is none of the three words.
pub fn unknown_stage_status(raw: &str) -> Diagnostic {
    Diagnostic::error(
        Code::UnknownStatus,
        tr!("状态「{}」无法识别", "unknown status `{}`", raw.trim()),
    )
    .hint(tr!(
        "阶段的状态填 未启动、推进中 或 已完成",
        "a stage's status is 未启动, 推进中 or 已完成"
    ))
}
