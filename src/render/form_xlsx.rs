//! The progress form as an Excel workbook (`template --format xlsx`): a form
//! that prevents the mistakes "save as CSV" invites. The ids, names, units,
//! targets and last month's figures are locked; only the department's own
//! columns can be typed in; 状态 is a dropdown of the three words; 累计完成
//! accepts only a number ≥ 0 (0–100 for a percent or a milestone), and its
//! input message names the unit of measure. The sheet is protected without a
//! password (a clerk who must can unprotect it), and a 填报说明 sheet says how
//! to fill it in. Widths are set by hand (autofit gives CJK Latin width) and the
//! creation time is fixed, so the same inputs give the same bytes.

use crate::progress::form::{HEADER, PREFILLED, STATUS_WORDS};
use anyhow::Result;
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationRule, DocProperties, ExcelDateTime, Format, FormatAlign,
    FormatBorder, Workbook, Worksheet,
};

/// A pre-filled cell: a number where Excel should show a number.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    Num(f64),
    Empty,
}

/// One indicator's row of the form.
#[derive(Clone, Debug, PartialEq)]
pub struct FormRow {
    pub item: String,
    pub indicator: String,
    pub name: String,
    /// Unit of measure (计量单位).
    pub unit: String,
    pub target: Cell,
    /// Last month's figure or status.
    pub previous: Cell,
    /// 累计完成 is a percent (a `%` indicator or a milestone's percent done).
    pub percent: bool,
    /// A milestone: 累计完成 is its percent done, or left blank for 状态.
    pub milestone: bool,
    /// A stage row of a staged milestone: only 状态 and the words are filled,
    /// so 累计完成 is locked.
    pub stage: bool,
}

/// The name of the form sheet (findings point at `进展!G3`).
pub const FORM_SHEET: &str = "进展";
/// Column widths of [`HEADER`], in Excel's character units (CJK counts two).
const WIDTHS: [f64; 11] = [
    9.0, 16.0, 28.0, 9.0, 12.0, 10.0, 11.0, 10.0, 36.0, 28.0, 28.0,
];

/// The workbook of one unit's form for a month.
pub fn form_workbook(title: &str, month: (u16, u8), rows: &[FormRow]) -> Result<Vec<u8>> {
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_ymd(month.0, month.1, 1)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title(title)
            .set_author("mingsheng")
            .set_creation_datetime(&created),
    );
    let ws = wb.add_worksheet();
    ws.set_name(FORM_SHEET)?;
    form_sheet(ws, title, rows)?;
    let guide = wb.add_worksheet();
    guide.set_name("填报说明")?;
    guide_sheet(guide)?;
    Ok(wb.save_to_buffer()?)
}

/// The form sheet: title row, header, one row per indicator, locked but for
/// the department's columns.
fn form_sheet(ws: &mut Worksheet, title: &str, rows: &[FormRow]) -> Result<()> {
    let look = Look::new();
    header(ws, title, &look)?;
    for (i, row) in rows.iter().enumerate() {
        indicator_row(ws, i as u32 + 2, row, &look)?;
    }
    if !rows.is_empty() {
        status_dropdown(ws, rows.len() as u32)?;
    }
    // Printed on A4 landscape, one page wide, as offices file it.
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    ws.protect();
    Ok(())
}

/// The cell formats of the form: grey and locked where the office filled
/// in, white and open where the department types.
struct Look {
    title: Format,
    head: Format,
    locked: Format,
    locked_text: Format,
    open: Format,
    open_text: Format,
}

impl Look {
    fn new() -> Self {
        let border = |f: Format| f.set_border(FormatBorder::Thin);
        Look {
            title: Format::new()
                .set_bold()
                .set_font_size(14)
                .set_align(FormatAlign::Center),
            head: border(
                Format::new()
                    .set_bold()
                    .set_background_color(Color::RGB(0xD9E1F2)),
            ),
            locked: border(Format::new().set_background_color(Color::RGB(0xF2F2F2))),
            locked_text: border(
                Format::new()
                    .set_background_color(Color::RGB(0xF2F2F2))
                    .set_text_wrap(),
            ),
            open: border(Format::new().set_unlocked()),
            open_text: border(Format::new().set_unlocked().set_text_wrap()),
        }
    }
}

/// The title row across the form, the header row, the column widths; the
/// ids and names stay in view when scrolling.
fn header(ws: &mut Worksheet, title: &str, look: &Look) -> Result<()> {
    let last = HEADER.len() as u16 - 1;
    ws.merge_range(0, 0, 0, last, title, &look.title)?;
    for (c, h) in HEADER.iter().enumerate() {
        ws.write_string_with_format(1, c as u16, *h, &look.head)?;
        ws.set_column_width(c as u16, WIDTHS[c])?;
    }
    ws.set_freeze_panes(2, 2)?;
    Ok(())
}

/// One indicator's row `r`: the office's cells locked and filled in, the
/// department's open and blank, 累计完成 checked by [`value_rule`] (locked on
/// a stage row, which only takes a status).
fn indicator_row(ws: &mut Worksheet, r: u32, row: &FormRow, look: &Look) -> Result<()> {
    let fixed = [
        Cell::Text(row.item.clone()),
        Cell::Text(row.indicator.clone()),
        Cell::Text(row.name.clone()),
        Cell::Text(row.unit.clone()),
        row.target.clone(),
        row.previous.clone(),
    ];
    for (c, cell) in fixed.iter().enumerate() {
        let c = c as u16;
        match cell {
            Cell::Text(s) => ws.write_string_with_format(r, c, s, &look.locked_text)?,
            Cell::Num(x) => ws.write_number_with_format(r, c, *x, &look.locked)?,
            Cell::Empty => ws.write_blank(r, c, &look.locked)?,
        };
    }
    // A long indicator name or stage wraps in its cell: the row is made tall
    // enough to show it whole (see `row_height`).
    let tall = [(&row.indicator, WIDTHS[1]), (&row.name, WIDTHS[2])]
        .into_iter()
        .map(|(t, w)| row_height(t, w))
        .fold(15.0, f64::max);
    if tall > 15.0 {
        ws.set_row_height(r, tall)?;
    }
    for c in PREFILLED..HEADER.len() {
        let f = match c {
            _ if c == PREFILLED && row.stage => &look.locked,
            _ if c < PREFILLED + 2 => &look.open,
            _ => &look.open_text,
        };
        ws.write_blank(r, c as u16, f)?;
    }
    if !row.stage {
        ws.add_data_validation(r, PREFILLED as u16, r, PREFILLED as u16, &value_rule(row)?)?;
    }
    Ok(())
}

/// 状态 of every row (`rows` of them, below the header): a dropdown of the
/// three words.
fn status_dropdown(ws: &mut Worksheet, rows: u32) -> Result<()> {
    let status = DataValidation::new()
        .allow_list_strings(&STATUS_WORDS)?
        .set_input_title("状态")?
        .set_input_message("从下拉列表选择：未启动、推进中 或 已完成")?
        .set_error_title("状态")?
        .set_error_message("状态只能是 未启动、推进中 或 已完成")?;
    let column = PREFILLED as u16 + 1;
    ws.add_data_validation(2, column, rows + 1, column, &status)?;
    Ok(())
}

/// 累计完成: a number ≥ 0, at most 100 for a percent; the input message names
/// the unit of measure.
fn value_rule(row: &FormRow) -> Result<DataValidation> {
    let (rule, limits) = if row.percent {
        (
            DataValidationRule::Between(0.0, 100.0),
            " 0 至 100 之间的数",
        )
    } else {
        (
            DataValidationRule::GreaterThanOrEqualTo(0.0),
            "不小于 0 的数",
        )
    };
    let unit = if row.unit.is_empty() {
        "按指标的计量单位".to_string()
    } else {
        format!("单位：{}", row.unit)
    };
    let message = if row.milestone {
        "节点类指标：填写完成百分比（0–100），或留空只选「状态」".to_string()
    } else {
        format!("填写本年累计完成数（{unit}），只填数字，例如 3200；须为{limits}")
    };
    Ok(DataValidation::new()
        .allow_decimal_number(rule)
        .set_input_title("累计完成")?
        .set_input_message(message)?
        .set_error_title("累计完成")?
        .set_error_message(format!(
            "请填写{limits}（{unit}）；文字说明写在「进展情况」列"
        ))?)
}

/// The 填报说明 sheet: the departments' instructions, one line a row.
fn guide_sheet(ws: &mut Worksheet) -> Result<()> {
    // Narrow enough for A4 portrait at 100 % (LibreOffice ignores fit-to-width here).
    const WIDTH: f64 = 72.0;
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let bold = Format::new().set_bold().set_font_size(13);
    ws.set_column_width(0, WIDTH)?;
    for (r, line) in crate::guide::filling_instructions_lines()
        .iter()
        .enumerate()
    {
        let f = if r == 0 { &bold } else { &wrap };
        ws.write_string_with_format(r as u32, 0, line, f)?;
        // Row heights are set: neither LibreOffice nor a printout grows a row
        // for wrapped text that a writer left at the default height.
        if r > 0 {
            ws.set_row_height(r as u32, row_height(line, WIDTH))?;
        }
    }
    // Printed on A4 portrait, one page wide.
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    Ok(())
}

/// Points a row needs to show `text` wrapped in a column `width` characters
/// wide (a Chinese character takes two), at the default 11-point font.
fn row_height(text: &str, width: f64) -> f64 {
    let chars = crate::diag::display_width(text) as f64;
    let lines = (chars / (width - 2.0)).ceil().max(1.0);
    15.0 * lines
}
