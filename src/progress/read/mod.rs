//! Reading `data/YYYY-MM/UNIT.csv` (or `UNIT.xlsx`) files into [`Progress`],
//! with diagnostics.
//!
//! Files arrive as Excel and WPS write them; around the table people put a
//! title row, 合计 or 填表人 rows and empty columns. All of it is tolerated,
//! everything else is a diagnostic pointing at the spreadsheet row and column
//! a clerk sees: the row number counts physical spreadsheet rows (a title row
//! above the header makes the header row 2; a blank line is a row too; a quoted
//! cell spanning lines stays one row) and the column is 1-based.
//!
//! This module finds the folders, months and files and says which unit each
//! file is; [`source`] turns a file's bytes into rows of cells, [`file`] turns
//! rows into entries, [`pool`] reads a month's files in parallel and merges
//! them in a fixed order, and [`messages`] holds every finding's wording.

mod file;
pub mod messages;
mod pool;
pub mod source;
pub(crate) mod workbook;

pub use self::file::{holds_work, read_file, FileCtx, FileInfo, Slots};
pub use crate::progress::form::parse_status;

use super::suggest::{nearest_unit, typed_extension};
use super::{Entry, MonthProgress, Progress};
use crate::diag::{Code, Diagnostics, Severity};
use crate::month::Month;
use crate::plan::{Plan, PlanSet};
use crate::workspace::{is_office_temp, Workspace, WorkspaceError};
use source::Kind;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// Which months to read and how.
#[derive(Clone, Debug, Default)]
pub struct ReadOptions {
    /// First month to read (inclusive); `None` = the earliest folder.
    pub from: Option<Month>,
    /// Last month to read (inclusive); `None` = the latest folder.
    pub to: Option<Month>,
    /// Forces an encoding instead of detecting it (`--encoding gbk`).
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// Called before each month is read with (month, months done, months in
    /// all), and once more with done = all at the end: a progress display hook.
    pub on_month: Option<fn(Month, usize, usize)>,
    /// The month whose text columns (进展情况, 存在问题, 下步计划) are kept; the
    /// others' are skipped, so memory grows with the plan, not with the rows.
    pub notes_for: Option<Month>,
    /// Whether to record each file's SHA-256 in [`FileRead::sha256`].
    pub digests: bool,
    /// Closed months, read from their record instead of `data/` (docs/closing.md): the
    /// record's folder (`archive/M`, see [`crate::archive`]) holds `data/M/` as it
    /// was closed. Paths are given relative to the record, so they read
    /// `data/M/UNIT.csv` exactly as when the month was closed.
    pub archived: BTreeMap<Month, PathBuf>,
}

/// Whether `data/M/` holds any file at all (temporary and note files aside):
/// a month asked for with none is an error, not a month of 未报送.
pub fn month_has_files(ws: &Workspace, month: Month) -> bool {
    let dir = ws.data_dir().join(month.to_string());
    std::fs::read_dir(dir).is_ok_and(|entries| {
        entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .any(|p| !p.is_dir() && !is_office_temp(&p) && !is_note(&p))
    })
}

/// The largest progress file read (50 MB): a department's form is a few KB;
/// anything near this is a wrong file, and reading it whole would hold it in
/// memory.
pub const MAX_FILE_BYTES: u64 = 50 << 20;

/// Reads a file of at most `limit` bytes; `None` when it is larger. Bounded
/// while reading, not only by the size the file system reports.
pub fn read_bounded(path: &Path, limit: u64) -> std::io::Result<Option<Vec<u8>>> {
    use std::io::Read;
    let file = std::fs::File::open(path)?;
    let hint = file.metadata().map_or(0, |m| m.len()).min(limit) as usize;
    let mut bytes = Vec::with_capacity(hint);
    file.take(limit + 1).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= limit).then_some(bytes))
}

/// Reads every progress file of the months asked for. Problems in the files are
/// diagnostics; only a failure to list or read the folders is an error.
///
/// Every month from the first to the last asked for (or found) that a plan
/// version governs gets a [`MonthProgress`], also when its folder is missing, so
/// that missing submissions show.
pub fn read_progress(
    ws: &Workspace,
    plans: &PlanSet,
    opts: &ReadOptions,
    diags: &mut Diagnostics,
) -> Result<Progress, WorkspaceError> {
    let mut progress = Progress::default();
    let data = ws.data_dir();
    let mut folders = month_folders(ws, &data, diags)?;
    for (m, record) in &opts.archived {
        folders.insert(*m, record.join("data").join(m.to_string()));
    }
    let in_range = |m: &Month| opts.from.is_none_or(|f| *m >= f) && opts.to.is_none_or(|t| *m <= t);
    let found: Vec<Month> = folders.keys().copied().filter(in_range).collect();
    let first = opts.from.or_else(|| found.first().copied());
    let last = opts.to.or_else(|| found.last().copied());
    let (Some(first), Some(last)) = (first, last) else {
        return Ok(progress);
    };
    // Without a folder, only months a plan governs within the plan's year are
    // made up as empty months (a huge --from/--to range stays bounded).
    let mut months: Vec<Month> = found.clone();
    let mut m = first;
    while m <= last && months.len() < 1200 {
        if !folders.contains_key(&m) && plans.for_month(m).is_some_and(|p| p.year == m.year()) {
            months.push(m);
        }
        m = m.next();
    }
    months.sort();
    months.dedup();
    let total = months.len();
    // The lookups of each plan version, built once, not once a month (issue 16).
    let mut indexes: Vec<PlanIndex<'_>> = Vec::new();
    for (done, month) in months.into_iter().enumerate() {
        if let Some(f) = opts.on_month {
            f(month, done, total);
        }
        let Some(plan) = plans.for_month(month) else {
            if let Some(dir) = folders.get(&month) {
                diags.push(messages::no_plan_for_month(month, &ws.rel(dir)));
            }
            continue;
        };
        let mut mp = MonthProgress::new(month, plan);
        if let Some(dir) = folders.get(&month) {
            let record = opts
                .archived
                .get(&month)
                .map(|root| Workspace { root: root.clone() });
            let from = record.as_ref().unwrap_or(ws);
            let at = match indexes.iter().position(|i| std::ptr::eq(i.plan, plan)) {
                Some(at) => at,
                None => {
                    indexes.push(PlanIndex::new(plan));
                    indexes.len() - 1
                }
            };
            let index = &indexes[at];
            read_month(from, dir, index, month, opts, &mut mp, &mut progress, diags)?;
        }
        progress.months.insert(month, mp);
        if let (Some(f), true) = (opts.on_month, done + 1 == total) {
            f(month, total, total);
        }
    }
    Ok(progress)
}

/// The `data/YYYY-MM` folders; anything else under `data/` is reported.
fn month_folders(
    ws: &Workspace,
    data: &Path,
    diags: &mut Diagnostics,
) -> Result<BTreeMap<Month, PathBuf>, WorkspaceError> {
    let mut out = BTreeMap::new();
    if !data.is_dir() {
        return Ok(out);
    }
    let mut entries = list_dir(data)?;
    entries.sort();
    for path in entries {
        if is_office_temp(&path) || is_note(&path) {
            continue;
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let rel = ws.rel(&path);
        if path.is_dir() {
            if let Ok(m) = name.parse::<Month>() {
                out.insert(m, path);
            } else if let Some(m) = Month::parse_loose(&name) {
                diags.push(messages::folder_misnamed(&rel, &name, m));
            } else if Month::looks_like(&name) {
                diags.push(messages::folder_bad_month(&rel, &name));
            } else {
                diags.push(messages::folder_not_month(&rel, &name));
            }
        } else {
            diags.push(messages::file_outside_month(&rel));
        }
    }
    Ok(out)
}

/// Reads each earlier month again for its words alone (the reader keeps one
/// month's text, so memory stays with the plan) and puts them beside the
/// figures already read. Its findings were reported by the first reading.
pub fn read_every_months_words(
    ws: &Workspace,
    plans: &PlanSet,
    opts: &ReadOptions,
    progress: &mut Progress,
) -> Result<(), WorkspaceError> {
    let months: Vec<Month> = progress.months.keys().copied().collect();
    for m in months.into_iter().filter(|&m| Some(m) != opts.to) {
        let one = ReadOptions {
            from: Some(m),
            to: Some(m),
            on_month: None,
            notes_for: Some(m),
            digests: false,
            ..opts.clone()
        };
        let again = read_progress(ws, plans, &one, &mut Diagnostics::default())?;
        let (Some(words), Some(figures)) = (again.months.get(&m), progress.months.get_mut(&m))
        else {
            continue;
        };
        for (slot, with_words) in figures.entries.iter_mut().zip(&words.entries) {
            if let (Some(e), Some(w)) = (slot.as_mut(), with_words) {
                e.notes = w.notes.clone();
            }
        }
    }
    Ok(())
}

/// Keeps only the findings that belong to month `m` when it is read with the
/// months before it (`check --month M`, `close --month M`): those of its own
/// files, of a misnamed folder that means it (`data/2023-7/`, whose files
/// would otherwise be left out), of a folder in its year that cannot be a
/// month, and those not about `data/` at all.
pub fn keep_month_findings(found: &mut Diagnostics, m: Month) {
    let own = format!("data/{m}/");
    let year = format!("data/{}", m.year());
    found.retain(|file, code, severity| {
        file.is_none_or(|f| {
            !f.starts_with("data/")
                || f.starts_with(&own)
                || folder_month(f) == Some(m)
                || (code == Code::BadPath
                    && severity == Severity::Error
                    && f.starts_with(&year)
                    && folder_month(f).is_none())
        })
    });
}

/// The month a misnamed month folder under `data/` means, for `check --month`
/// to keep its finding: `data/2023-7/` → 2023-07. `None` for anything else.
pub fn folder_month(file: &str) -> Option<Month> {
    let name = file.strip_prefix("data/")?.strip_suffix('/')?;
    if name.contains('/') {
        return None;
    }
    Month::parse_loose(name)
}

/// Files a workspace keeps beside the data on purpose: `README.md`, `说明.txt`
/// kept out of month folders, `.gitkeep` and other hidden files.
fn is_note(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    name.starts_with('.') || name.starts_with("readme") || name.starts_with("说明")
}

fn list_dir(dir: &Path) -> Result<Vec<PathBuf>, WorkspaceError> {
    let io = |e| WorkspaceError::Io {
        path: dir.display().to_string(),
        source: e,
    };
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).map_err(io)? {
        out.push(e.map_err(io)?.path());
    }
    Ok(out)
}

/// Suffixes Windows, WPS and people add to a copy of a file.
const COPY_MARKS: &[&str] = &[
    " - 副本",
    "-副本",
    "_副本",
    "副本",
    " - copy",
    " - Copy",
    " copy",
    " Copy",
    "(副本)",
    "（副本）",
];

/// The unit a file name means, and whether the name is a copy's
/// (`县人社局 - 副本`, `县人社局 (2)`).
pub fn unit_of_file(plan: &Plan, stem: &str) -> Option<(usize, bool)> {
    unit_named(|name| plan.unit_by_name(name), stem)
}

/// [`unit_of_file`] with the unit lookup given (a scan of the plan's units,
/// or [`PlanIndex::unit_by_name`]'s map).
fn unit_named(by_name: impl Fn(&str) -> Option<usize>, stem: &str) -> Option<(usize, bool)> {
    if let Some(u) = by_name(stem) {
        return Some((u, false));
    }
    let mut s = stem.trim();
    loop {
        let before = s;
        for mark in COPY_MARKS {
            if let Some(rest) = s.strip_suffix(mark) {
                s = rest.trim_end();
            }
        }
        // " (2)", "(1)", "（2）"
        for (open, close) in [("(", ")"), ("（", "）")] {
            if let Some(rest) = s.strip_suffix(close) {
                if let Some(i) = rest.rfind(open) {
                    if rest[i + open.len()..].chars().all(|c| c.is_ascii_digit()) {
                        s = rest[..i].trim_end();
                    }
                }
            }
        }
        if s == before {
            break;
        }
    }
    if s != stem.trim() {
        return by_name(s).map(|u| (u, true));
    }
    None
}

/// Reads one month's folder: which file is which unit's (in file-name order),
/// then the files themselves in parallel ([`pool`]), merged in that order.
#[allow(clippy::too_many_arguments)]
fn read_month(
    ws: &Workspace,
    dir: &Path,
    index: &PlanIndex<'_>,
    month: Month,
    opts: &ReadOptions,
    mp: &mut MonthProgress,
    progress: &mut Progress,
    diags: &mut Diagnostics,
) -> Result<(), WorkspaceError> {
    let plan = index.plan;
    let tables = unit_tables(ws, dir, index, month, diags)?;
    let planned = plan_reads(ws, plan, tables, progress.files.len());
    let month_ctx = pool::MonthCtx {
        plan,
        index,
        month,
        opts,
    };
    pool::read_all(&month_ctx, planned, mp, progress, diags);
    Ok(())
}

/// The progress files of a month folder with the unit each names, sorted by
/// unit, then name rank (0 official name, 1 alias or id, 2 a copy's name, 3 an
/// extension typed twice), then path; other entries are reported.
fn unit_tables(
    ws: &Workspace,
    dir: &Path,
    index: &PlanIndex<'_>,
    month: Month,
    diags: &mut Diagnostics,
) -> Result<Vec<(usize, u8, PathBuf)>, WorkspaceError> {
    let plan = index.plan;
    let by_name = |name: &str| index.unit_by_name(name);
    let mut entries = list_dir(dir)?;
    entries.sort();
    let mut tables: Vec<(usize, u8, PathBuf)> = Vec::new();
    for path in entries {
        if is_office_temp(&path) {
            continue;
        }
        let rel = ws.rel(&path);
        if path.is_dir() {
            diags.push(messages::subfolder(&rel, month));
            continue;
        }
        let name = path
            .file_name()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        if Kind::of(&name).is_none() {
            diags.push(messages::not_a_table(&rel));
            continue;
        }
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        match unit_named(by_name, &stem) {
            // The official name is preferred over an alias or id, and those over a copy.
            Some((u, copy)) => {
                let rank = match (copy, stem.trim() == plan.units[u].name) {
                    (true, _) => 2,
                    (false, true) => 0,
                    (false, false) => 1,
                };
                tables.push((u, rank, path))
            }
            None => match typed_extension(&stem).and_then(|base| unit_named(by_name, base)) {
                // 县妇联.csv.csv: read as the unit's file, and said so.
                Some((u, _)) => {
                    diags.push(messages::typed_extension(&rel, &path, &plan.units[u].name));
                    tables.push((u, 3, path));
                }
                None => diags.push(messages::unknown_unit(
                    &rel,
                    &stem,
                    nearest_unit(plan, &stem).map(|u| plan.units[u].name.as_str()),
                )),
            },
        }
    }
    tables.sort_by(|a, b| (a.0, a.1, &a.2).cmp(&(b.0, b.1, &b.2)));
    Ok(tables)
}

/// One file per unit: the proper name wins over a copy's; the rest are
/// errors. Each file to read gets the next index in [`Progress::files`]
/// (`first_file` is the next free one).
fn plan_reads(
    ws: &Workspace,
    plan: &Plan,
    tables: Vec<(usize, u8, PathBuf)>,
    first_file: usize,
) -> Vec<pool::Planned> {
    let mut read_for: HashMap<usize, String> = HashMap::new();
    let mut out = Vec::with_capacity(tables.len());
    for (unit, rank, path) in tables {
        let rel = ws.rel(&path);
        let name = &plan.units[unit].name;
        let mut before = Vec::new();
        if let Some(first) = read_for.get(&unit) {
            before.push(messages::duplicate_file(&rel, name, first));
            out.push(pool::Planned { before, job: None });
            continue;
        }
        if rank == 2 {
            let ext = match Kind::of(&rel) {
                Some(Kind::Book(_)) => path
                    .extension()
                    .map_or("xlsx".into(), |e| e.to_string_lossy()),
                _ => "csv".into(),
            };
            before.push(messages::copy_name(&rel, name, &ext));
        }
        // Only a regular file is ever opened: opening a FIFO blocks for ever,
        // and a link to a device reads without end.
        let meta = std::fs::metadata(&path);
        if !meta.as_ref().is_ok_and(|m| m.is_file()) {
            before.push(messages::not_a_file(&rel));
            out.push(pool::Planned { before, job: None });
            continue;
        }
        read_for.insert(unit, rel.clone());
        let file = first_file + read_for.len() - 1;
        let job = pool::Job {
            unit,
            size: meta.as_ref().map_or(0, |m| m.len()),
            rel,
            path,
            file: u32::try_from(file).unwrap_or(u32::MAX),
        };
        out.push(pool::Planned {
            before,
            job: Some(job),
        });
    }
    out
}

/// Marks every indicator a unit reports that its file gave no figure for as
/// refused: the unit filed, but the file could not be read.
fn reject_unit(plan: &Plan, unit: usize, file: u32, mp: &mut MonthProgress) {
    for r in plan.indicator_refs() {
        if plan.indicator(r).reporter != unit {
            continue;
        }
        if let Some(slot @ None) = mp.entries.get_mut(plan.flat(r)) {
            *slot = Some(Entry {
                file,
                rejected: true,
                ..Entry::default()
            });
        }
    }
}

/// The plan's items by id and units by name, for constant-time lookups;
/// built once per plan version.
pub struct PlanIndex<'a> {
    plan: &'a Plan,
    items: HashMap<&'a str, usize>,
    /// The first unit with each id, name and alias: what [`Plan::unit_by_name`]
    /// finds by a scan of every unit, which per file cost files × units
    /// comparisons (2.5 % of check at 1M rows, issue 16).
    units: HashMap<&'a str, usize>,
    /// Items by the ids and names of their indicators, built at the first
    /// unknown item (to say which item an indicator belongs to).
    by_indicator: std::sync::OnceLock<HashMap<&'a str, Vec<usize>>>,
}

impl<'a> PlanIndex<'a> {
    pub fn new(plan: &'a Plan) -> PlanIndex<'a> {
        let mut units = HashMap::with_capacity(plan.units.len() * 2);
        for (u, unit) in plan.units.iter().enumerate() {
            let names = [&unit.id, &unit.name].into_iter().chain(&unit.aliases);
            for name in names {
                units.entry(name.as_str()).or_insert(u);
            }
        }
        PlanIndex {
            plan,
            units,
            items: plan
                .items
                .iter()
                .enumerate()
                .map(|(i, it)| (it.id.as_str(), i))
                .collect(),
            by_indicator: std::sync::OnceLock::new(),
        }
    }

    /// The unit a name means, as [`Plan::unit_by_name`] finds it.
    pub fn unit_by_name(&self, name: &str) -> Option<usize> {
        self.units.get(name.trim()).copied()
    }

    /// The items with an indicator of this id or name.
    fn items_with_indicator(&self, indicator: &str) -> &[usize] {
        let map = self.by_indicator.get_or_init(|| {
            let mut m: HashMap<&'a str, Vec<usize>> = HashMap::new();
            for (i, it) in self.plan.items.iter().enumerate() {
                for k in &it.indicators {
                    m.entry(k.id.as_str()).or_default().push(i);
                    if k.name != k.id {
                        m.entry(k.name.as_str()).or_default().push(i);
                    }
                }
            }
            m
        });
        map.get(indicator).map_or(&[], Vec::as_slice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::WorkStatus;
    use proptest::prelude::*;

    fn plan() -> Plan {
        let mut d = Diagnostics::default();
        crate::plan::load::parse_plan_text(
            "seeds/2023.toml",
            include_str!("../../../seeds/2023.toml"),
            &mut d,
        )
        .expect("the shipped plan loads")
    }

    fn read(plan: &Plan, bytes: &[u8], enc: Option<&'static encoding_rs::Encoding>) -> Diagnostics {
        read_as(plan, bytes, enc, "data/2023-01/县人社局.csv")
    }

    fn read_as(
        plan: &Plan,
        bytes: &[u8],
        enc: Option<&'static encoding_rs::Encoding>,
        rel: &str,
    ) -> Diagnostics {
        let index = PlanIndex::new(plan);
        let ctx = FileCtx {
            plan,
            index: &index,
            unit: plan.unit_by_name("rsj").unwrap(),
            rel,
            encoding: enc,
            file: 0,
            keep_notes: true,
        };
        let mut mp = MonthProgress::new(Month::january(2023), plan);
        let mut diags = Diagnostics::default();
        let info = read_file(bytes, &ctx, &mut mp, &mut diags);
        for d in &diags.list {
            assert!(d.line.is_none_or(|l| l >= 1));
            assert!(d.column.is_none_or(|c| c >= 1));
        }
        assert!(info.rows <= bytes.len());
        diags
    }

    #[test]
    fn reads_a_file_into_entries() {
        let plan = plan();
        let index = PlanIndex::new(&plan);
        let ctx = FileCtx {
            plan: &plan,
            index: &index,
            unit: 0,
            rel: "x.csv",
            encoding: None,
            file: 0,
            keep_notes: true,
        };
        let mut mp = MonthProgress::new(Month::january(2023), &plan);
        let mut diags = Diagnostics::default();
        let text = "事项编号,指标,累计完成,状态,进展情况\r\n1.1,,\"3,200\",推进中,\"好\r\n很好\"\r\n1.2,training,,done,\r\n";
        let info = read_file(text.as_bytes(), &ctx, &mut mp, &mut diags);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(info.rows, 2);
        assert_eq!(info.value_column, Some(3));
        let e = mp.entries[0].as_ref().unwrap();
        assert_eq!(e.value, Some(3200.0));
        assert_eq!(e.status, Some(WorkStatus::InProgress));
        assert_eq!(e.progress(), "好\r\n很好");
        assert_eq!(e.line, 2);
        let t = mp.entries[1].as_ref().unwrap();
        assert_eq!(
            (t.value, t.status, t.line),
            (None, Some(WorkStatus::Done), 3)
        );
    }

    #[test]
    fn the_unit_map_finds_what_the_scan_finds() {
        let plan = plan();
        let index = PlanIndex::new(&plan);
        let mut names: Vec<&str> = vec!["", " ", "县气象局", "rsj ", " 县人社局"];
        for u in &plan.units {
            names.extend([u.id.as_str(), u.name.as_str()]);
            names.extend(u.aliases.iter().map(String::as_str));
        }
        for name in names {
            assert_eq!(
                index.unit_by_name(name),
                plan.unit_by_name(name),
                "{name:?}"
            );
            let by_map = unit_named(|n| index.unit_by_name(n), &format!("{name} - 副本"));
            assert_eq!(by_map, unit_of_file(&plan, &format!("{name} - 副本")));
        }
    }

    #[test]
    fn copies_are_recognised() {
        let plan = plan();
        assert_eq!(unit_of_file(&plan, "县人社局"), Some((0, false)));
        assert_eq!(unit_of_file(&plan, "县人社局 - 副本"), Some((0, true)));
        assert_eq!(unit_of_file(&plan, "人社局 (2)"), Some((0, true)));
        assert_eq!(unit_of_file(&plan, "县人社局（1） - 副本"), Some((0, true)));
        assert_eq!(unit_of_file(&plan, "县气象局"), None);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            let plan = plan();
            read(&plan, &bytes, None);
            read(&plan, &bytes, Some(encoding_rs::UTF_8));
            read(&plan, &bytes, Some(encoding_rs::GB18030));
        }

        #[test]
        fn arbitrary_bytes_named_as_workbooks_never_panic(
            bytes in proptest::collection::vec(any::<u8>(), 0..600),
            zip in any::<bool>(),
        ) {
            let plan = plan();
            let mut b = if zip { b"PK\x03\x04".to_vec() } else { Vec::new() };
            b.extend_from_slice(&bytes);
            for name in ["县人社局.xlsx", "县人社局.xls", "县人社局.xlsb", "县人社局.et"] {
                let d = read_as(&plan, &b, None, &format!("data/2023-01/{name}"));
                prop_assert!(!d.is_empty());
                prop_assert!(holds_work(&b, name) || b.is_empty());
            }
        }

        #[test]
        fn damaged_workbooks_never_panic(
            flips in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..8),
            cut in any::<usize>(),
        ) {
            let plan = plan();
            let mut wb = rust_xlsxwriter::Workbook::new();
            let ws = wb.add_worksheet();
            for (c, h) in ["事项编号", "指标", "累计完成"].iter().enumerate() {
                ws.write_string(0, c as u16, *h).unwrap();
            }
            ws.write_string(1, 0, "1.1").unwrap();
            ws.write_number(1, 2, 3200.0).unwrap();
            let mut b = wb.save_to_buffer().unwrap();
            for (at, byte) in flips {
                let n = b.len();
                b[at % n] = byte;
            }
            b.truncate(b.len() - cut % 64);
            read_as(&plan, &b, None, "data/2023-01/县人社局.xlsx");
        }

        #[test]
        fn table_like_text_never_panics(
            body in "[0-9.,\"\r\n\t 约万%#/—－，人户jobstraining事项编号指标累计完成状态合计推进中]{0,300}",
            bom in any::<bool>(),
        ) {
            let plan = plan();
            let mut text = String::new();
            if bom {
                text.push('\u{feff}');
            }
            text.push_str("标题\r\n事项编号,指标,累计完成,状态,进展情况\r\n");
            text.push_str(&body);
            read(&plan, text.as_bytes(), None);
            let (gbk, _, _) = encoding_rs::GB18030.encode(&text);
            read(&plan, &gbk, None);
        }
    }
}
