//! One progress file's rows → entries: a short loop over named steps (find the
//! header, skip totals and signatures, check the row's shape, resolve the item,
//! resolve the indicator, claim the indicator for this row, read its cells).
//! Every step that refuses a row says why with a finding at the cell a clerk
//! finds in Excel or WPS.

use super::messages;
use super::source::{Kind, Row, Source};
use super::PlanIndex;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::plan::{IndicatorRef, Plan};
use crate::progress::form::EXCEL_CELL_CHARS;
use crate::progress::form::{
    column_of, header_key, is_item_header, is_skip_row, parse_status, Col, KNOWN,
};
use crate::progress::stages;
use crate::progress::suggest::nearest;
use crate::progress::{Entry, MonthProgress, Notes};
use crate::value::parse_value;
use std::borrow::Cow;

/// What reading one file needs to know.
pub struct FileCtx<'a, 'p> {
    pub plan: &'a Plan,
    pub index: &'a PlanIndex<'p>,
    /// The unit the file name names.
    pub unit: usize,
    /// Workspace-relative path for diagnostics; its extension says whether the
    /// file is CSV text or a workbook.
    pub rel: &'a str,
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// The index the file gets in [`crate::progress::Progress::files`].
    pub file: u32,
    /// Whether to keep the text columns of its rows.
    pub keep_notes: bool,
}

/// The outcome of [`read_file`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FileInfo {
    pub rows: usize,
    /// The file could not be read as a table (undecodable, no header, a
    /// required column missing, broken CSV): none of its figures were taken.
    pub unreadable: bool,
    pub encoding: &'static str,
    pub value_column: Option<usize>,
}

/// Rows before the header that may be titles; a file without a header by then
/// is not a form.
const HEADER_SEARCH_ROWS: usize = 30;

/// Where a file's entries go, by flat indicator index: the month's own slots,
/// or a sparse set that the reader pool merges later.
pub trait Slots {
    fn len(&self) -> usize;
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    fn slot(&mut self, flat: usize) -> Option<&mut Option<Entry>>;
}

impl Slots for Vec<Option<Entry>> {
    fn len(&self) -> usize {
        Vec::len(self)
    }
    fn slot(&mut self, flat: usize) -> Option<&mut Option<Entry>> {
        self.get_mut(flat)
    }
}

/// Reads one progress file's bytes into `mp`. Never panics, whatever the bytes.
pub fn read_file(
    bytes: &[u8],
    ctx: &FileCtx<'_, '_>,
    mp: &mut MonthProgress,
    diags: &mut Diagnostics,
) -> FileInfo {
    read_rows(bytes, ctx, &mut mp.entries, diags)
}

/// [`read_file`] into any [`Slots`].
pub fn read_rows(
    bytes: &[u8],
    ctx: &FileCtx<'_, '_>,
    mp: &mut impl Slots,
    diags: &mut Diagnostics,
) -> FileInfo {
    let mut info = FileInfo::default();
    let kind = Kind::of(ctx.rel).unwrap_or(Kind::Table);
    let mut src = match Source::open(bytes, kind, ctx.encoding) {
        Ok(s) => s,
        Err(d) => {
            diags.push((*d).file(ctx.rel));
            info.unreadable = true;
            return info;
        }
    };
    info.encoding = src.encoding();
    let first_finding = diags.list.len();
    let mut st = FileState::new(ctx, mp.len());
    let mut row = Row::default();
    loop {
        match src.next_row(&mut row) {
            Ok(true) => {}
            Ok(false) => break,
            Err(d) => {
                diags.push((*d).file(ctx.rel));
                info.unreadable = true;
                break;
            }
        }
        if row.is_blank() {
            continue;
        }
        if st.header_row.is_none() {
            match st.header(&row, diags) {
                Header::NotYet if row.line > HEADER_SEARCH_ROWS => break,
                Header::NotYet => continue,
                Header::Found => {
                    info.value_column = st.cols[Col::Value as usize].map(|c| c + 1);
                    continue;
                }
                Header::Unusable => {
                    info.unreadable = true;
                    return info;
                }
            }
        }
        if st.skip(&row, diags) || !st.shape(&row, mp, diags) {
            continue;
        }
        info.rows += 1;
        let Some(item) = st.resolve_item(&row, diags) else {
            continue;
        };
        if st.stage_row(&row, item, mp, diags) {
            continue;
        }
        let Some(r) = st.resolve_indicator(&row, item, diags) else {
            continue;
        };
        let Some(flat) = st.claim(&row, r, mp, diags) else {
            continue;
        };
        let entry = st.read_cells(&row, r, diags);
        if let Some(slot) = mp.slot(flat) {
            // Stage rows above the indicator's own row made its entry first.
            let prior = slot.take();
            stages::carry(prior, slot.insert(entry));
        }
    }
    st.finish(&info, diags);
    if let Some(sheet) = src.sheet() {
        name_sheet(&mut diags.list[first_finding..], sheet);
    }
    info
}

/// A workbook's findings name their cell with its sheet (`进展!C2`), as a
/// clerk finds it in Excel or WPS.
fn name_sheet(found: &mut [Diagnostic], sheet: &str) {
    let sheet = super::workbook::sheet_ref(sheet);
    for d in found {
        if let Some(cell) = &mut d.cell {
            *cell = format!("{sheet}!{cell}");
        }
    }
}

/// What the loop knows of a file so far.
struct FileState<'c, 'a, 'p> {
    ctx: &'c FileCtx<'a, 'p>,
    /// Column index of each known column, and the table width.
    cols: [Option<usize>; KNOWN],
    width: usize,
    header_row: Option<usize>,
    first_text_row: Option<usize>,
    /// Row of each indicator given so far in this file, by flat index.
    seen: SeenRows,
    last_item: Option<usize>,
    /// Rows that give a value or a status.
    figures: usize,
}

/// The row of each indicator given so far in a file, by flat index: a
/// plan-sized vector of rows (0 = not yet) reused by every file read on the
/// thread, only the touched places reset when the file is done. A `HashMap`
/// here (SipHash per row, and a map per file) was ~3 % of check (issue 16); a
/// fresh plan-sized vector per file would cost O(indicators) per file.
struct SeenRows {
    lines: Vec<u32>,
    touched: Vec<usize>,
}

thread_local! {
    /// The rows vector of the last [`SeenRows`] on this thread, all zero.
    static SEEN: std::cell::RefCell<Vec<u32>> = const { std::cell::RefCell::new(Vec::new()) };
}

impl SeenRows {
    fn new(len: usize) -> SeenRows {
        let mut lines = SEEN.with(|s| std::mem::take(&mut *s.borrow_mut()));
        lines.resize(len, 0);
        SeenRows {
            lines,
            touched: Vec::new(),
        }
    }

    /// The row that first gave `flat`.
    fn get(&self, flat: usize) -> Option<usize> {
        self.lines
            .get(flat)
            .filter(|&&l| l != 0)
            .map(|&l| l as usize)
    }

    /// Records `line` (1-based) as the row that gave `flat`.
    fn insert(&mut self, flat: usize, line: usize) {
        if let Some(slot) = self.lines.get_mut(flat) {
            if *slot == 0 {
                self.touched.push(flat);
            }
            *slot = u32::try_from(line).unwrap_or(u32::MAX).max(1);
        }
    }
}

impl Drop for SeenRows {
    fn drop(&mut self) {
        for &flat in &self.touched {
            self.lines[flat] = 0;
        }
        let lines = std::mem::take(&mut self.lines);
        // A thread being torn down has no slot left: then the vector just goes.
        let _ = SEEN.try_with(|s| *s.borrow_mut() = lines);
    }
}

/// The outcome of looking for the header in a row.
enum Header {
    NotYet,
    Found,
    /// A header without a value or status column: nothing can be read.
    Unusable,
}

/// A cell trimmed, full-width forms folded only when there are any.
fn norm(cell: &str) -> Cow<'_, str> {
    let t = cell.trim();
    if t.is_ascii() {
        Cow::Borrowed(t)
    } else {
        Cow::Owned(crate::value::normalize(t))
    }
}

impl<'c, 'a, 'p> FileState<'c, 'a, 'p> {
    /// `slots`: the plan's indicator count.
    fn new(ctx: &'c FileCtx<'a, 'p>, slots: usize) -> Self {
        FileState {
            ctx,
            cols: [None; KNOWN],
            width: 0,
            header_row: None,
            first_text_row: None,
            seen: SeenRows::new(slots),
            last_item: None,
            figures: 0,
        }
    }

    /// A finding at cell `col` (0-based) of the row, quoting the row.
    fn at(&self, row: &Row, d: Diagnostic, col: usize) -> Diagnostic {
        d.file(self.ctx.rel)
            .at_cell(row.line, col + 1)
            .snippet(row.snippet(col))
    }

    /// The text of a known column in this row ("" when absent).
    fn cell<'r>(&self, row: &'r Row, c: Col) -> &'r str {
        self.cols[c as usize].map_or("", |i| row.text(i))
    }

    /// Step 1: the header, among the first rows; the rows before it are titles.
    fn header(&mut self, row: &Row, diags: &mut Diagnostics) -> Header {
        if !row
            .cells
            .iter()
            .any(|f| is_item_header(super::source::text_of(f)))
        {
            self.first_text_row.get_or_insert(row.line);
            return Header::NotYet;
        }
        self.header_row = Some(row.line);
        self.width = parse_header(row, self.ctx.rel, &mut self.cols, diags);
        if self.cols[Col::Value as usize].is_none() && self.cols[Col::Status as usize].is_none() {
            diags.push(self.at(row, messages::missing_value_column(), self.width));
            return Header::Unusable;
        }
        Header::Found
    }

    /// Step 2: totals and signature rows are skipped, with a warning.
    fn skip(&self, row: &Row, diags: &mut Diagnostics) -> bool {
        let Some((ci, first)) = row.first_filled() else {
            return false;
        };
        if !is_skip_row(first) {
            return false;
        }
        diags.push(self.at(row, messages::skipped_row(first), ci));
        true
    }

    /// Step 3: a row shorter than the header is refused (its indicator shows
    /// as 数据有误); text beyond the header is an error but the row is read.
    fn shape(&self, row: &Row, mp: &mut impl Slots, diags: &mut Diagnostics) -> bool {
        if row.len() < self.width {
            diags.push(self.at(row, messages::short_row(row.len(), self.width), row.len()));
            if let Some(flat) = self.row_indicator(row) {
                if let Some(slot @ None) = mp.slot(flat) {
                    *slot = Some(Entry {
                        file: self.ctx.file,
                        line: u32::try_from(row.line).unwrap_or(u32::MAX),
                        rejected: true,
                        ..Entry::default()
                    });
                }
            }
            return false;
        }
        if let Some(ci) = row.filled_from(self.width) {
            diags.push(self.at(row, messages::beyond_header(ci, self.width), ci));
        }
        true
    }

    fn item_col(&self) -> usize {
        self.cols[Col::Item as usize].unwrap_or(0)
    }

    fn ind_col(&self) -> usize {
        self.cols[Col::Indicator as usize].unwrap_or(self.item_col())
    }

    /// Step 4: the item; a blank cell under a merged 事项编号 continues the
    /// item above.
    fn resolve_item(&mut self, row: &Row, diags: &mut Diagnostics) -> Option<usize> {
        let item_text = norm(self.cell(row, Col::Item));
        let ind_text = norm(self.cell(row, Col::Indicator));
        let item = if item_text.is_empty() {
            match (self.last_item, ind_text.is_empty()) {
                (Some(i), false) => i,
                _ => {
                    diags.push(self.at(row, messages::missing_item(), self.item_col()));
                    return None;
                }
            }
        } else if let Some(&i) = self.ctx.index.items.get(item_text.as_ref()) {
            i
        } else {
            let owners: Vec<&str> = self
                .ctx
                .index
                .items_with_indicator(&ind_text)
                .iter()
                .map(|&i| self.ctx.plan.items[i].id.as_str())
                .collect();
            let d = messages::unknown_item(&item_text, &ind_text, &owners);
            diags.push(self.at(row, d, self.item_col()));
            self.last_item = None;
            return None;
        };
        self.last_item = Some(item);
        Some(item)
    }

    /// Step 5: the indicator of the item the row names.
    fn resolve_indicator(
        &self,
        row: &Row,
        item: usize,
        diags: &mut Diagnostics,
    ) -> Option<IndicatorRef> {
        let it = &self.ctx.plan.items[item];
        let ind_text = norm(self.cell(row, Col::Indicator));
        let k = if ind_text.is_empty() {
            if it.indicators.len() != 1 {
                diags.push(self.at(row, messages::missing_indicator(it), self.ind_col()));
                return None;
            }
            0
        } else {
            let want = ind_text.as_ref();
            let Some(k) = find_indicator(it, want) else {
                let near = nearest(
                    want,
                    it.indicators
                        .iter()
                        .flat_map(|k| [(k, k.id.as_str()), (k, k.name.as_str())]),
                );
                let mut d = messages::unknown_indicator(it, want, near);
                // A mistyped stage name gets the item's stages as the hint.
                if let Some(h) = stages::stage_hint(it, want) {
                    d = d.hint(h);
                }
                diags.push(self.at(row, d, self.ind_col()));
                return None;
            };
            k
        };
        Some(IndicatorRef { item, indicator: k })
    }

    /// Step 6: the indicator is this unit's and not given twice in the file;
    /// returns its flat index.
    fn claim(
        &mut self,
        row: &Row,
        r: IndicatorRef,
        mp: &impl Slots,
        diags: &mut Diagnostics,
    ) -> Option<usize> {
        let plan = self.ctx.plan;
        let ind = plan.indicator(r);
        if ind.reporter != self.ctx.unit {
            let d = messages::wrong_reporter(
                ind,
                &plan.units[ind.reporter].name,
                &plan.units[self.ctx.unit].name,
            );
            diags.push(self.at(row, d, self.ind_col()));
            return None;
        }
        let flat = plan.flat(r);
        if flat >= mp.len() {
            return None;
        }
        if let Some(first) = self.seen.get(flat) {
            diags.push(self.at(row, messages::duplicate_row(ind, first), self.ind_col()));
            return None;
        }
        self.seen.insert(flat, row.line);
        Some(flat)
    }

    /// Step 7: the row's value, status and words.
    fn read_cells(&mut self, row: &Row, r: IndicatorRef, diags: &mut Diagnostics) -> Entry {
        let ind = self.ctx.plan.indicator(r);
        let mut value = None;
        let mut rejected = false;
        if let Some(vc) = self.cols[Col::Value as usize] {
            let raw = row.text(vc);
            if ind.is_percent() && row.fractions.contains(&vc) {
                rejected = true;
                diags.push(self.at(row, messages::ambiguous_percent(raw), vc));
            } else {
                match parse_value(raw, &ind.unit) {
                    Ok(v) => value = v,
                    Err(e) => {
                        rejected = true;
                        diags.push(self.at(row, messages::bad_value(&e, raw, ind), vc));
                    }
                }
            }
        }
        let mut status = None;
        if let Some(sc) = self.cols[Col::Status as usize] {
            let raw = row.text(sc);
            if !raw.trim().is_empty() {
                status = parse_status(raw);
                if status.is_none() {
                    rejected = true;
                    diags.push(self.at(row, messages::unknown_status(raw), sc));
                }
            }
        }
        self.long_texts(row, diags);
        if value.is_some() || status.is_some() {
            self.figures += 1;
        }
        Entry {
            value,
            status,
            notes: self.notes(row),
            file: self.ctx.file,
            line: u32::try_from(row.line).unwrap_or(u32::MAX),
            rejected,
            stages: None,
        }
    }

    /// Step 4a: a stage row of a staged milestone (阶段行: the stage's name in
    /// the 指标 cell), read apart by [`stages::read_row`]. Returns whether the
    /// row was one.
    fn stage_row(
        &mut self,
        row: &Row,
        item: usize,
        mp: &mut impl Slots,
        diags: &mut Diagnostics,
    ) -> bool {
        let it = &self.ctx.plan.items[item];
        let ind_text = norm(self.cell(row, Col::Indicator));
        let Some((indicator, stage)) = stages::find_stage(it, &ind_text) else {
            return false;
        };
        let col = |c: Col| self.cols[c as usize].map(|i| (row.text(i), i));
        let stage_row = stages::StageRow {
            item,
            indicator,
            stage,
            line: row.line,
            ind_col: self.ind_col(),
            status: col(Col::Status),
            value: col(Col::Value),
            notes: self.notes(row).map(|n| *n),
        };
        let at = |d: Diagnostic, col: usize| self.at(row, d, col);
        if stages::read_row(stage_row, self.ctx, &at, mp, diags) {
            self.figures += 1;
        }
        true
    }

    /// Text longer than an Excel cell holds is kept, with a warning.
    fn long_texts(&self, row: &Row, diags: &mut Diagnostics) {
        for c in [Col::Progress, Col::Problems, Col::NextSteps] {
            let Some(i) = self.cols[c as usize] else {
                continue;
            };
            let raw = row.cells.get(i).unwrap_or_default();
            if raw.len() > EXCEL_CELL_CHARS {
                let chars = row.text(i).chars().count();
                if chars > EXCEL_CELL_CHARS {
                    diags.push(self.at(row, messages::long_text(c, chars), i));
                }
            }
        }
    }

    /// The text columns, when kept for this month and not all empty.
    fn notes(&self, row: &Row) -> Option<Box<Notes>> {
        if !self.ctx.keep_notes {
            return None;
        }
        let text = |c: Col| self.cell(row, c).trim().to_string();
        let n = Notes {
            progress: text(Col::Progress),
            problems: text(Col::Problems),
            next_steps: text(Col::NextSteps),
        };
        (n != Notes::default()).then(|| Box::new(n))
    }

    /// The findings about the file as a whole.
    fn finish(&self, info: &FileInfo, diags: &mut Diagnostics) {
        let rel = self.ctx.rel;
        if self.header_row.is_none() {
            let d = match self.first_text_row {
                Some(line) => messages::no_header().file(rel).at_cell(line, 1),
                None => messages::empty_file().file(rel),
            };
            diags.push(d);
        } else if info.rows == 0 {
            diags.push(messages::header_only().file(rel));
        } else if self.figures == 0 {
            // A template saved without filling it in: the unit counts as having
            // filed, but every indicator of it will be 未报送.
            diags.push(messages::no_figures().file(rel));
        }
    }

    /// The indicator a row names, found quietly (no diagnostics): for a row
    /// that is refused whole, so that its indicator shows as 数据有误 rather
    /// than 未报送.
    fn row_indicator(&self, row: &Row) -> Option<usize> {
        let ctx = self.ctx;
        let item_text = norm(self.cell(row, Col::Item));
        let ind_text = norm(self.cell(row, Col::Indicator));
        let item = if item_text.is_empty() {
            self.last_item?
        } else {
            *ctx.index.items.get(item_text.as_ref())?
        };
        let it = &ctx.plan.items[item];
        let k = if ind_text.is_empty() {
            (it.indicators.len() == 1).then_some(0)?
        } else {
            find_indicator(it, &ind_text)?
        };
        let r = IndicatorRef { item, indicator: k };
        (ctx.plan.indicator(r).reporter == ctx.unit).then(|| ctx.plan.flat(r))
    }
}

/// The indicator of `item` that a (normalised) 指标 cell names: by id or name;
/// folding every name (an allocation each) only when neither matches.
fn find_indicator(item: &crate::plan::Item, want: &str) -> Option<usize> {
    item.indicators
        .iter()
        .position(|k| k.id == want || k.name == want)
        .or_else(|| {
            item.indicators
                .iter()
                .position(|k| crate::value::normalize(&k.name) == want)
        })
}

/// Reads the header row; returns the table width (up to the last named column).
fn parse_header(
    row: &Row,
    rel: &str,
    cols: &mut [Option<usize>; KNOWN],
    diags: &mut Diagnostics,
) -> usize {
    let mut width = 0;
    let mut unknown: Vec<usize> = Vec::new();
    for i in 0..row.len() {
        let key = header_key(row.text(i));
        if key.is_empty() {
            continue;
        }
        width = i + 1;
        match column_of(&key) {
            Some(Col::Info) => {}
            Some(c) => {
                let slot = &mut cols[c as usize];
                if let Some(first) = *slot {
                    diags.push(
                        messages::duplicate_column(c, first)
                            .file(rel)
                            .at_cell(row.line, i + 1)
                            .snippet(row.snippet(i)),
                    );
                } else {
                    *slot = Some(i);
                }
            }
            None => unknown.push(i),
        }
    }
    unknown_columns(row, rel, &unknown, diags);
    width
}

/// One finding per run of unknown columns (a sheet can carry thousands).
fn unknown_columns(row: &Row, rel: &str, unknown: &[usize], diags: &mut Diagnostics) {
    let mut k = 0;
    while k < unknown.len() {
        let mut end = k;
        while end + 1 < unknown.len() && unknown[end + 1] == unknown[end] + 1 {
            end += 1;
        }
        let (a, b) = (unknown[k], unknown[end]);
        let name: String = row.text(a).trim().chars().take(20).collect();
        let d = messages::unknown_columns(
            &crate::diag::cell_name(row.line, a + 1),
            &crate::diag::cell_name(row.line, b + 1),
            b - a + 1,
            &name,
        );
        diags.push(d.file(rel).at_cell(row.line, a + 1).snippet(row.snippet(a)));
        k = end + 1;
    }
}

/// Whether a progress file holds any of a department's work: a figure, a status
/// or a word of text in a column the template leaves blank (or in a column it
/// does not know). `template` never replaces such a file, `--force` included.
///
/// Errs on the side of keeping: bytes that cannot be opened, or a table whose
/// header cannot be found, count as work; only a file that is empty, or whose
/// rows carry nothing but the template's own pre-filled columns, is blank.
/// `name` (the file's name) says whether it is CSV text or a workbook.
pub fn holds_work(bytes: &[u8], name: &str) -> bool {
    if bytes.is_empty() {
        return false;
    }
    let kind = Kind::of(name).unwrap_or(Kind::Table);
    let mut src = match Source::open(bytes, kind, None) {
        Ok(s) => s,
        Err(d) => return d.code != Code::EmptyFile,
    };
    let mut row = Row::default();
    // Per column: whether the template pre-fills it (ids, names, targets).
    let mut prefilled: Option<Vec<bool>> = None;
    let mut text_seen = false;
    loop {
        match src.next_row(&mut row) {
            Ok(true) => {}
            Ok(false) => break,
            Err(_) => return true,
        }
        if row.len() > 1 || !row.is_blank() {
            text_seen = true;
        }
        if row.is_blank() {
            continue;
        }
        match &prefilled {
            None => {
                if row
                    .cells
                    .iter()
                    .any(|f| is_item_header(super::source::text_of(f)))
                {
                    let template_col = |i: usize| {
                        matches!(
                            column_of(&header_key(row.text(i))),
                            Some(Col::Item | Col::Indicator | Col::Info)
                        )
                    };
                    prefilled = Some((0..row.len()).map(template_col).collect());
                } else if row
                    .cells
                    .iter()
                    .filter(|f| !super::source::is_blank_cell(f))
                    .count()
                    > 1
                {
                    // Data before any header: not a form this tool wrote.
                    return true;
                }
            }
            Some(cols) => {
                let filled = (0..row.len()).any(|i| {
                    !cols.get(i).copied().unwrap_or(false)
                        && !super::source::is_blank_cell(row.cells.get(i).unwrap_or_default())
                });
                if filled {
                    return true;
                }
            }
        }
    }
    // A lone title line without a header is still somebody's text.
    prefilled.is_none() && text_seen
}
