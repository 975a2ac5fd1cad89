//! The progress form (进展表) both ways: what `template` writes and what the
//! reader accepts. One vocabulary, so the two cannot drift apart: the columns
//! and their aliases, the status words and their synonyms, the rows people add
//! around a table, and the header the template writes.

use super::WorkStatus;
use crate::value::halfwidth;

/// The most characters an Excel cell holds (Excel and rust_xlsxwriter refuse
/// more): a longer text is read with a warning and cut in xlsx exports.
pub const EXCEL_CELL_CHARS: usize = 32_767;

/// The columns a progress file may have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Col {
    Item = 0,
    Indicator,
    Value,
    Status,
    Progress,
    Problems,
    NextSteps,
    /// Hint columns of the template and other harmless context columns.
    Info,
}

/// How many columns carry data (every [`Col`] but `Info`).
pub const KNOWN: usize = 7;

impl Col {
    /// The column's name in Chinese (as the header writes it) and in English.
    pub fn names(self) -> (&'static str, &'static str) {
        match self {
            Col::Item => ("事项编号", "item"),
            Col::Indicator => ("指标", "indicator"),
            Col::Value => ("累计完成", "value"),
            Col::Status => ("状态", "status"),
            Col::Progress => ("进展情况", "progress"),
            Col::Problems => ("存在问题", "problems"),
            Col::NextSteps => ("下步计划", "next_steps"),
            Col::Info => ("", "info"),
        }
    }
}

/// The template's header; [`column_of`] knows every one of these columns.
pub const HEADER: [&str; 11] = [
    "事项编号",
    "指标",
    "指标名称",
    "计量单位",
    "目标",
    "上月累计",
    "累计完成",
    "状态",
    "进展情况",
    "存在问题",
    "下步计划",
];

/// The columns of [`HEADER`] the template fills in (ids, names, targets, last
/// month's figure); the department fills the others.
pub const PREFILLED: usize = 6;

/// The column of a header cell, by its key (see [`header_key`]).
pub fn column_of(name: &str) -> Option<Col> {
    Some(match name {
        "事项编号" | "事项序号" | "事项代码" | "item" | "item_id" | "itemid" => {
            Col::Item
        }
        "指标" | "指标编号" | "指标代码" | "indicator" | "indicator_id" | "indicatorid" => {
            Col::Indicator
        }
        "累计完成" | "累计完成值" | "累计完成数" | "value" => Col::Value,
        "状态" | "完成状态" | "进展状态" | "status" => Col::Status,
        "进展情况" | "工作进展" | "progress" => Col::Progress,
        "存在问题" | "存在的问题" | "problems" => Col::Problems,
        "下步计划" | "下一步计划" | "下步工作计划" | "next_steps" | "nextsteps" => {
            Col::NextSteps
        }
        "指标名称" | "indicator_name" | "计量单位" | "unit" | "目标" | "目标值" | "target"
        | "上月累计" | "last_month" | "序号" | "no" | "工作事项" | "事项名称" | "事项内容"
        | "item_text" | "牵头单位" | "lead" | "完成时限" | "deadline" | "备注" | "remarks"
        | "note" | "notes" => Col::Info,
        _ => return None,
    })
}

/// A header or status cell as compared: full-width forms folded, spaces and
/// `*` (a required-column mark) dropped, lowercased.
pub fn header_key(cell: &str) -> String {
    cell.chars()
        .map(halfwidth)
        .filter(|c| !c.is_whitespace() && *c != '*' && *c != '\u{feff}')
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether a header cell names the item column: the mark of a header row.
pub fn is_item_header(cell: &str) -> bool {
    column_of(&header_key(cell)) == Some(Col::Item)
}

/// Rows people add around a table: totals and the signature block.
pub const SKIP_PREFIXES: &[&str] = &[
    "合计",
    "小计",
    "总计",
    "填表人",
    "填报人",
    "审核人",
    "负责人",
    "联系人",
    "联系电话",
    "填报日期",
    "填表日期",
    "制表",
    "签字",
    "盖章",
];

/// Whether a row whose first filled cell is `first` is a totals or signature
/// row. Every prefix is Chinese: an ASCII cell (an item id such as 3.2) cannot
/// start with one, and needs no folded copy.
pub fn is_skip_row(first: &str) -> bool {
    !first.is_ascii() && {
        let key = header_key(first);
        SKIP_PREFIXES.iter().any(|p| key.starts_with(p))
    }
}

/// The three status words as the template writes them (and its dropdown offers).
pub const STATUS_WORDS: [&str; 3] = ["未启动", "推进中", "已完成"];

/// The word the template writes for a status.
pub fn status_word(s: WorkStatus) -> &'static str {
    match s {
        WorkStatus::NotStarted => STATUS_WORDS[0],
        WorkStatus::InProgress => STATUS_WORDS[1],
        WorkStatus::Done => STATUS_WORDS[2],
    }
}

/// Reads a status as departments write it.
pub fn parse_status(cell: &str) -> Option<WorkStatus> {
    // The three words as the template writes them, without a folded copy.
    match cell.trim() {
        "未启动" => return Some(WorkStatus::NotStarted),
        "推进中" => return Some(WorkStatus::InProgress),
        "已完成" => return Some(WorkStatus::Done),
        _ => {}
    }
    let key = header_key(cell);
    Some(match key.as_str() {
        "未启动" | "未开始" | "not_started" | "notstarted" => WorkStatus::NotStarted,
        "推进中" | "进行中" | "实施中" | "in_progress" | "inprogress" => {
            WorkStatus::InProgress
        }
        "已完成" | "完成" | "done" | "completed" => WorkStatus::Done,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_header_is_read_back() {
        let cols: Vec<Option<Col>> = HEADER.iter().map(|h| column_of(&header_key(h))).collect();
        assert!(cols.iter().all(Option::is_some), "{cols:?}");
        assert_eq!(cols[0], Some(Col::Item));
        assert!(cols[..PREFILLED]
            .iter()
            .all(|c| matches!(c, Some(Col::Item | Col::Indicator | Col::Info))));
        assert!(cols[PREFILLED..]
            .iter()
            .all(|c| !matches!(c, Some(Col::Item | Col::Indicator | Col::Info))));
    }

    #[test]
    fn status_words_round_trip() {
        for s in [
            WorkStatus::NotStarted,
            WorkStatus::InProgress,
            WorkStatus::Done,
        ] {
            assert_eq!(parse_status(status_word(s)), Some(s));
        }
        assert_eq!(parse_status(" Ｄｏｎｅ "), Some(WorkStatus::Done));
        assert_eq!(parse_status("差不多"), None);
    }

    #[test]
    fn signature_rows_are_skipped_and_ids_are_not() {
        assert!(is_skip_row("合计"));
        assert!(is_skip_row("填表人：张三"));
        assert!(!is_skip_row("3.2"));
        assert!(!is_skip_row("县人社局"));
    }
}
