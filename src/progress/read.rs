//! Reading `data/YYYY-MM/UNIT.csv` files into [`Progress`], with diagnostics.
//!
//! Files arrive as Excel and WPS write them (see [`super::decode`]); around the
//! table people put a title row, 合计 or 填表人 rows and empty columns. All of it is
//! tolerated, everything else is a diagnostic pointing at the spreadsheet row and
//! column a clerk sees: the row number counts physical spreadsheet rows (a title
//! row above the header makes the header row 2; a blank line is a row too; a
//! quoted cell spanning lines stays one row) and the column is 1-based.
//!
//! Each file is read once and streamed through one reused `ByteRecord` (cells are
//! validated as UTF-8 only when looked at); items are found through a hash map of
//! the plan, so memory grows with the plan.

use super::decode::{decode, encoding_label, DecodeError};
use super::suggest::{nearest, nearest_unit, typed_extension};
use super::{Entry, FileRead, MonthProgress, Notes, Progress, WorkStatus};
use crate::diag::{Diagnostic, Diagnostics, Snippet};
use crate::month::Month;
use crate::plan::{IndicatorRef, Kind, Plan, PlanSet};
use crate::render::export::EXCEL_CELL_CHARS;
use crate::tr;
use crate::value::{halfwidth, parse_value, ValueError};
use crate::workspace::{is_office_temp, Workspace, WorkspaceError};
use std::borrow::Cow;
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
    /// Closed months, read from their record instead of `data/` (SPEC §10): the
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

/// File extensions read as progress files: Excel saves "CSV" as .csv and
/// "Unicode 文本" as .txt.
const TABLE_EXTENSIONS: &[&str] = &["csv", "txt", "tsv"];

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
    for (done, month) in months.into_iter().enumerate() {
        if let Some(f) = opts.on_month {
            f(month, done, total);
        }
        let Some(plan) = plans.for_month(month) else {
            if let Some(dir) = folders.get(&month) {
                diags.push(
                    Diagnostic::error(
                        "no-plan-for-month",
                        tr!(
                            "{} 之前没有生效的任务清单版本，该月的进展文件无法核对",
                            "no plan version is in force in {}: its progress files cannot be checked",
                            month
                        ),
                    )
                    .file(format!("{}/", ws.rel(dir))),
                );
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
            read_month(from, dir, plan, month, opts, &mut mp, &mut progress, diags)?;
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
                diags.push(
                    Diagnostic::error(
                        "bad-path",
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
                    )),
                );
            } else if Month::looks_like(&name) {
                diags.push(
                    Diagnostic::error(
                        "bad-path",
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
                    )),
                );
            } else {
                diags.push(
                    Diagnostic::warning(
                        "bad-path",
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
                    )),
                );
            }
        } else {
            diags.push(
                Diagnostic::warning(
                    "bad-path",
                    tr!(
                        "文件直接放在 data/ 下，未读取：应放入月份文件夹",
                        "file directly under data/ was not read: it belongs in a month folder"
                    ),
                )
                .file(rel)
                .hint(tr!(
                    "移到 data/YYYY-MM/ 中，例如 data/2023-06/",
                    "move it into data/YYYY-MM/, e.g. data/2023-06/"
                )),
            );
        }
    }
    Ok(out)
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
    if let Some(u) = plan.unit_by_name(stem) {
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
        return plan.unit_by_name(s).map(|u| (u, true));
    }
    None
}

#[allow(clippy::too_many_arguments)]
fn read_month(
    ws: &Workspace,
    dir: &Path,
    plan: &Plan,
    month: Month,
    opts: &ReadOptions,
    mp: &mut MonthProgress,
    progress: &mut Progress,
    diags: &mut Diagnostics,
) -> Result<(), WorkspaceError> {
    let mut entries = list_dir(dir)?;
    entries.sort();
    // (unit, name rank: 0 official name, 1 alias or id, 2 a copy's name, 3 an
    // extension typed twice; path)
    let mut tables: Vec<(usize, u8, PathBuf)> = Vec::new();
    for path in entries {
        if is_office_temp(&path) {
            continue;
        }
        let rel = ws.rel(&path);
        if path.is_dir() {
            diags.push(
                Diagnostic::warning(
                    "bad-path",
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
                )),
            );
            continue;
        }
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        if !TABLE_EXTENSIONS.contains(&ext.as_str()) {
            diags.push(
                Diagnostic::warning(
                    "not-csv",
                    tr!(
                        "不是 CSV 文件，未读取",
                        "not a CSV file; it was not read"
                    ),
                )
                .file(rel)
                .hint(tr!(
                    "在 Excel/WPS 中「另存为」→「CSV（逗号分隔）」，文件名用单位名称，例如 县人社局.csv",
                    "in Excel/WPS use Save As → CSV (comma delimited), named after the unit, e.g. 县人社局.csv"
                )),
            );
            continue;
        }
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        match unit_of_file(plan, &stem) {
            // The official name is preferred over an alias or id, and those over a copy.
            Some((u, copy)) => {
                let rank = if copy {
                    2
                } else if stem.trim() == plan.units[u].name {
                    0
                } else {
                    1
                };
                tables.push((u, rank, path))
            }
            None => match typed_extension(&stem).and_then(|base| unit_of_file(plan, base)) {
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
    // One file per unit: the proper name wins over a copy's; the rest are errors.
    tables.sort_by(|a, b| (a.0, a.1, &a.2).cmp(&(b.0, b.1, &b.2)));
    let index = PlanIndex::new(plan);
    let mut read_for: HashMap<usize, String> = HashMap::new();
    for (unit, rank, path) in tables {
        let rel = ws.rel(&path);
        if let Some(first) = read_for.get(&unit) {
            diags.push(
                Diagnostic::error(
                    "duplicate-file",
                    tr!(
                        "{} 本月已有进展文件 {}，此文件未读取",
                        "{} already has a progress file this month ({}); this one was not read",
                        plan.units[unit].name,
                        first
                    ),
                )
                .file(rel)
                .hint(tr!(
                    "每个单位每月只交一个文件：删除或移走多余的一个",
                    "one file per unit and month: delete or move the extra one"
                )),
            );
            continue;
        }
        if rank == 2 {
            diags.push(
                Diagnostic::warning(
                    "bad-path",
                    tr!(
                        "文件名像是副本，按 {} 的进展文件读取",
                        "the file name looks like a copy; read as the file of {}",
                        plan.units[unit].name
                    ),
                )
                .file(rel.clone())
                .hint(tr!(
                    "改名为 {}.csv",
                    "rename it to {}.csv",
                    plan.units[unit].name
                )),
            );
        }
        // Only a regular file is ever opened: opening a FIFO blocks for ever,
        // and a link to a device reads without end.
        let meta = std::fs::metadata(&path);
        let size = meta.as_ref().map_or(0, |m| m.len());
        if !meta.as_ref().is_ok_and(|m| m.is_file()) {
            diags.push(
                Diagnostic::warning(
                    "not-a-file",
                    tr!(
                        "不是普通文件（管道、设备或失效的链接），未读取",
                        "not a regular file (a pipe, a device or a broken link); not read"
                    ),
                )
                .file(rel)
                .hint(tr!(
                    "进展文件应是从 Excel/WPS 保存的普通文件",
                    "a progress file is an ordinary file saved from Excel or WPS"
                )),
            );
            continue;
        }
        read_for.insert(unit, rel.clone());
        let read = if size > MAX_FILE_BYTES {
            Ok(None)
        } else {
            read_bounded(&path, MAX_FILE_BYTES)
        };
        let bytes = match read {
            Ok(Some(b)) => b,
            Ok(None) => {
                diags.push(
                    Diagnostic::error(
                        "file-too-large",
                        tr!(
                            "文件超过 {} MB，未读取：一个单位一个月的进展表不会这么大",
                            "the file is over {} MB and was not read: one unit's monthly form is never that large",
                            MAX_FILE_BYTES >> 20
                        ),
                    )
                    .file(rel.clone())
                    .hint(tr!(
                        "检查是否放错了文件；用 mingsheng template 生成的报表重新填写",
                        "check that this is the right file; refill the form made by mingsheng template"
                    )),
                );
                refused_file(plan, unit, rel, month, mp, progress);
                continue;
            }
            Err(e) => {
                diags.push(
                    Diagnostic::error(
                        "unreadable-file",
                        tr!("无法读取文件：{}", "cannot read the file: {}", e),
                    )
                    .file(rel.clone()),
                );
                // The unit did file: its figures show as refused, not missing.
                refused_file(plan, unit, rel, month, mp, progress);
                continue;
            }
        };
        mp.filed[unit] = true;
        let ctx = FileCtx {
            plan,
            index: &index,
            unit,
            rel: &rel,
            encoding: opts.encoding,
            file: u32::try_from(progress.files.len()).unwrap_or(u32::MAX),
            keep_notes: opts.notes_for == Some(month),
        };
        let info = read_file(&bytes, &ctx, mp, diags);
        if info.unreadable {
            reject_unit(plan, unit, ctx.file, mp);
        }
        progress.files.push(FileRead {
            path: rel,
            month,
            unit,
            rows: info.rows,
            encoding: info.encoding,
            value_column: info.value_column,
            sha256: opts.digests.then(|| {
                use sha2::Digest;
                sha2::Sha256::digest(&bytes).into()
            }),
        });
    }
    Ok(())
}

/// Where an unknown item's row probably belongs: the item(s) whose indicator
/// the row names, else the general advice.
fn unknown_item_hint(ctx: &FileCtx<'_, '_>, indicator: &str) -> crate::lang::Text {
    let owners = ctx.index.items_with_indicator(indicator);
    if owners.is_empty() {
        return tr!(
            "事项编号按任务清单填写，如 1.1、10.3（mingsheng plan 可查看）",
            "use the item ids of the task list, e.g. 1.1 or 10.3 (see mingsheng plan)"
        );
    }
    let ids: Vec<&str> = owners
        .iter()
        .map(|&i| ctx.plan.items[i].id.as_str())
        .collect();
    tr!(
        "指标「{}」属于事项 {}：是否事项编号填错了？",
        "indicator `{}` belongs to item {}: is the item id wrong?",
        indicator,
        ids.join("、")
    )
}

/// Intake findings about file names, each a named constructor.
mod messages {
    use crate::diag::Diagnostic;
    use crate::tr;
    use std::path::Path;

    /// A file name that names no unit; with the nearest unit when there is one.
    pub fn unknown_unit(rel: &str, stem: &str, nearest: Option<&str>) -> Diagnostic {
        let d = Diagnostic::error(
            "unknown-unit",
            tr!(
                "文件名「{}」不是任务清单中的单位",
                "file name `{}` is not a unit of the task list",
                stem
            ),
        )
        .file(rel);
        match nearest {
            Some(name) => d.hint(tr!(
                "是否指 {0}？如是，请把文件改名为 {0}.csv（mingsheng plan --units 列出全部单位及简称）",
                "did you mean {0}? If so, rename the file to {0}.csv (mingsheng plan --units lists every unit and alias)",
                name
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
            "typed-extension",
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
}

/// Records a file that could not be read at all: the unit did file, so its
/// figures show as refused (数据有误), not missing.
fn refused_file(
    plan: &Plan,
    unit: usize,
    path: String,
    month: Month,
    mp: &mut MonthProgress,
    progress: &mut Progress,
) {
    mp.filed[unit] = true;
    let file = u32::try_from(progress.files.len()).unwrap_or(u32::MAX);
    reject_unit(plan, unit, file, mp);
    progress.files.push(FileRead {
        path,
        month,
        unit,
        rows: 0,
        encoding: "",
        value_column: None,
        sha256: None,
    });
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

/// The plan's items by id, for constant-time row lookups.
pub struct PlanIndex<'a> {
    plan: &'a Plan,
    items: HashMap<&'a str, usize>,
    /// Items by the ids and names of their indicators, built at the first
    /// unknown item (to say which item an indicator belongs to).
    by_indicator: std::sync::OnceLock<HashMap<&'a str, Vec<usize>>>,
}

impl<'a> PlanIndex<'a> {
    pub fn new(plan: &'a Plan) -> PlanIndex<'a> {
        PlanIndex {
            plan,
            items: plan
                .items
                .iter()
                .enumerate()
                .map(|(i, it)| (it.id.as_str(), i))
                .collect(),
            by_indicator: std::sync::OnceLock::new(),
        }
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

/// What reading one file needs to know.
pub struct FileCtx<'a, 'p> {
    pub plan: &'a Plan,
    pub index: &'a PlanIndex<'p>,
    /// The unit the file name names.
    pub unit: usize,
    /// Workspace-relative path for diagnostics.
    pub rel: &'a str,
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// The index the file gets in [`Progress::files`].
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

/// The columns a progress file may have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Col {
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

const KNOWN: usize = 7;

/// Header names, compared after folding full-width forms, dropping spaces and
/// `*`, and lowercasing.
fn column_of(name: &str) -> Option<Col> {
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

fn header_key(cell: &str) -> String {
    cell.chars()
        .map(halfwidth)
        .filter(|c| !c.is_whitespace() && *c != '*' && *c != '\u{feff}')
        .flat_map(char::to_lowercase)
        .collect()
}

const COLUMN_LABEL: [(&str, &str); KNOWN] = [
    ("事项编号", "item"),
    ("指标", "indicator"),
    ("累计完成", "value"),
    ("状态", "status"),
    ("进展情况", "progress"),
    ("存在问题", "problems"),
    ("下步计划", "next_steps"),
];

/// Rows people add around a table: totals and the signature block.
const SKIP_PREFIXES: &[&str] = &[
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

/// A cell trimmed, full-width forms folded only when there are any.
fn norm(cell: &str) -> Cow<'_, str> {
    let t = cell.trim();
    if t.is_ascii() {
        Cow::Borrowed(t)
    } else {
        Cow::Owned(crate::value::normalize(t))
    }
}

/// A cell as text. The record was split from valid UTF-8 at ASCII bytes only
/// (delimiters, quotes, line breaks), so every cell is valid UTF-8; reading
/// `ByteRecord`s validates just the cells looked at, not the long text columns.
fn text_of(cell: &[u8]) -> &str {
    std::str::from_utf8(cell).unwrap_or("")
}

/// Whether a cell is empty or only white space (full-width spaces included).
fn is_blank_cell(cell: &[u8]) -> bool {
    cell.iter().all(u8::is_ascii_whitespace)
        || (!cell.is_ascii() && text_of(cell).trim().is_empty())
}

/// Cells quoted on each side of the one marked: enough to recognise the row,
/// and a bounded cost however wide the row is.
const SNIPPET_CELLS: usize = 6;
/// Characters quoted of one cell (the marked one gets twice as many).
const SNIPPET_CELL_CHARS: usize = 40;

/// The row as a clerk would recognise it, with a marker under column `col`
/// (0-based): a window of cells around it, long cells shortened with `…`.
fn snippet(rec: &csv::ByteRecord, col: usize, delim: u8) -> Snippet {
    let sep = if delim == b'\t' { "\t" } else { "," };
    let first = col.saturating_sub(SNIPPET_CELLS);
    let last = col
        .saturating_add(SNIPPET_CELLS)
        .min(rec.len().saturating_sub(1));
    let mut text = String::new();
    let mut start = None;
    let mut len = 1;
    if first > 0 {
        text.push('…');
        text.push_str(sep);
    }
    for i in first..=last {
        let Some(f) = rec.get(i) else { break };
        if i > first {
            text.push_str(sep);
        }
        let f = text_of(f);
        let max = if i == col {
            2 * SNIPPET_CELL_CHARS
        } else {
            SNIPPET_CELL_CHARS
        };
        let cell: String = if f.chars().count() > max {
            f.chars().take(max - 1).chain(['…']).collect()
        } else {
            f.to_string()
        };
        if i == col {
            start = Some(text.chars().count());
            len = cell.chars().count().max(1);
        }
        text.push_str(&cell);
    }
    if last + 1 < rec.len() {
        text.push_str(sep);
        text.push('…');
    }
    let start = start.unwrap_or_else(|| text.chars().count());
    Snippet { text, start, len }
}

type CsvReader = csv::Reader<std::io::Cursor<Vec<u8>>>;

thread_local! {
    /// The csv reader of the last file read on this thread, with its delimiter.
    static READER: std::cell::RefCell<Option<(u8, CsvReader)>> =
        const { std::cell::RefCell::new(None) };
}

/// A csv reader over one file's text, reused from file to file on a thread.
///
/// Building a reader builds csv_core's DFA (`csv_core::ReaderBuilder::build`),
/// about 270,000 instructions, more than reading a department's whole file: 57 %
/// of the instructions of `report --month 2023-06` on the shipped workspace
/// (callgrind, issue 6). A reused reader gets the new text in its cursor and is
/// rewound with `seek_raw`, which resets the parser, the position (line 1) and
/// the end-of-file state; after a seek the reader never replays a stashed first
/// row, and `has_headers(false)` + `flexible(true)` are all the options used.
struct PooledReader {
    delim: u8,
    rdr: Option<CsvReader>,
}

impl PooledReader {
    fn new(text: &str, delim: u8) -> PooledReader {
        let reused = READER
            .with(|c| c.borrow_mut().take())
            .filter(|(d, _)| *d == delim)
            .and_then(|(_, mut r)| {
                let buf = r.get_mut().get_mut();
                buf.clear();
                buf.extend_from_slice(text.as_bytes());
                r.seek_raw(std::io::SeekFrom::Start(0), csv::Position::new())
                    .ok()
                    .map(|()| r)
            });
        let rdr = reused.unwrap_or_else(|| {
            csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .delimiter(delim)
                .from_reader(std::io::Cursor::new(text.as_bytes().to_vec()))
        });
        PooledReader {
            delim,
            rdr: Some(rdr),
        }
    }
}

impl std::ops::Deref for PooledReader {
    type Target = CsvReader;
    fn deref(&self) -> &CsvReader {
        self.rdr.as_ref().expect("present until dropped")
    }
}

impl std::ops::DerefMut for PooledReader {
    fn deref_mut(&mut self) -> &mut CsvReader {
        self.rdr.as_mut().expect("present until dropped")
    }
}

impl Drop for PooledReader {
    fn drop(&mut self) {
        if let Some(r) = self.rdr.take() {
            let delim = self.delim;
            // A thread being torn down has no slot left: then the reader just goes.
            let _ = READER.try_with(|c| *c.borrow_mut() = Some((delim, r)));
        }
    }
}

/// Reads one progress file's bytes into `mp`. Never panics, whatever the bytes.
pub fn read_file(
    bytes: &[u8],
    ctx: &FileCtx<'_, '_>,
    mp: &mut MonthProgress,
    diags: &mut Diagnostics,
) -> FileInfo {
    let mut info = FileInfo::default();
    // Rows that give a value or a status.
    let mut figures = 0usize;
    let rel = ctx.rel;
    let decoded = match decode(bytes, ctx.encoding) {
        Ok(d) => d,
        Err(e) => {
            diags.push(decode_diagnostic(e, bytes, rel));
            info.unreadable = true;
            return info;
        }
    };
    info.encoding = encoding_label(decoded.encoding);
    let delim = decoded.delimiter;
    let plan = ctx.plan;
    // Old Mac Excel ends lines with a lone CR: each is a row for Excel, so it
    // becomes a line feed for the row count below.
    let text = lone_cr_to_lf(&decoded.text);
    let mut rdr = PooledReader::new(&text, delim);
    let mut rec = csv::ByteRecord::new();
    // Line breaks inside quoted cells: they make physical lines, not rows.
    let mut embedded: u64 = 0;
    let src = text.as_bytes();
    let mut scanned = 0usize;
    let mut newlines: u64 = 0;
    // Header: column index of each known column, and the table width.
    let mut cols: [Option<usize>; KNOWN] = [None; KNOWN];
    let mut width = 0usize;
    let mut header_row: Option<usize> = None;
    let mut first_text_row: Option<usize> = None;
    // Row of each indicator given so far in this file, by flat index: a map, as
    // a vector as long as the plan for every file costs O(indicators) per file.
    // Sized for a row per 64 bytes, so it is not grown row by row (issue 16).
    let mut seen: HashMap<usize, usize> = HashMap::with_capacity(src.len() / 64);
    let mut last_item: Option<usize> = None;
    loop {
        match rdr.read_byte_record(&mut rec) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let line = e
                    .position()
                    .map_or(1, |p| (p.line().saturating_sub(embedded)) as usize);
                diags.push(
                    Diagnostic::error(
                        "bad-csv",
                        tr!("无法解析 CSV：{}", "cannot parse the CSV: {}", e),
                    )
                    .file(rel)
                    .at_cell(line.max(1), 1),
                );
                info.unreadable = true;
                break;
            }
        }
        // The row number: line breaks before the record's first byte (csv's own
        // line count lags by one after a CRLF), less those inside quoted cells.
        let mut start = rec
            .position()
            .map_or(0, |p| p.byte() as usize)
            .min(src.len());
        while start < src.len() && matches!(src[start], b'\r' | b'\n') {
            start += 1;
        }
        if start > scanned {
            newlines += src[scanned..start].iter().filter(|&&b| b == b'\n').count() as u64;
            scanned = start;
        }
        let line = (newlines + 1).saturating_sub(embedded).max(1) as usize;
        if rec.as_slice().contains(&b'\n') {
            embedded += rec.as_slice().iter().filter(|&&b| b == b'\n').count() as u64;
        }
        let blank = rec.iter().all(is_blank_cell);
        if blank {
            continue;
        }
        let Some(hrow) = header_row else {
            // Looking for the header among the first rows; the rest are titles.
            let is_header = rec
                .iter()
                .any(|f| column_of(&header_key(text_of(f))) == Some(Col::Item));
            if !is_header {
                first_text_row.get_or_insert(line);
                if line > 30 {
                    break;
                }
                continue;
            }
            header_row = Some(line);
            width = parse_header(&rec, line, rel, delim, &mut cols, diags);
            if cols[Col::Value as usize].is_none() && cols[Col::Status as usize].is_none() {
                diags.push(
                    Diagnostic::error(
                        "missing-column",
                        tr!(
                            "缺少「累计完成」列（或「状态」列）",
                            "no 累计完成 (value) column (nor 状态 / status)"
                        ),
                    )
                    .file(rel)
                    .at_cell(line, width + 1)
                    .snippet(snippet(&rec, width, delim))
                    .hint(tr!(
                        "表头应包含：事项编号、指标、累计完成、状态、进展情况、存在问题、下步计划（可用 mingsheng template 生成）",
                        "the header needs: 事项编号 (item), 指标 (indicator), 累计完成 (value), 状态 (status), 进展情况, 存在问题, 下步计划 (see mingsheng template)"
                    )),
                );
                info.unreadable = true;
                return info;
            }
            info.value_column = cols[Col::Value as usize].map(|c| c + 1);
            continue;
        };
        let _ = hrow;
        // Totals and signature rows.
        if let Some((ci, first)) = rec
            .iter()
            .enumerate()
            .find(|(_, f)| !is_blank_cell(f))
            .map(|(ci, f)| (ci, text_of(f)))
        {
            // Every prefix is Chinese: an ASCII cell (an item id such as 3.2) cannot
            // start with one, and needs no folded copy.
            let skip = !first.is_ascii() && {
                let key = header_key(first);
                SKIP_PREFIXES.iter().any(|p| key.starts_with(p))
            };
            if skip {
                diags.push(
                    Diagnostic::warning(
                        "skipped-row",
                        tr!(
                            "「{}」行不是指标数据，已跳过",
                            "a `{}` row is not indicator data; skipped",
                            first.trim().chars().take(8).collect::<String>()
                        ),
                    )
                    .file(rel)
                    .at_cell(line, ci + 1)
                    .snippet(snippet(&rec, ci, delim))
                    .hint(tr!(
                        "合计、填表人等行可以删去，系统不读取",
                        "totals and signature rows can be removed; they are not read"
                    )),
                );
                continue;
            }
        }
        // Ragged rows: fewer cells than the header, or text beyond it.
        if rec.len() < width {
            diags.push(
                Diagnostic::error(
                    "ragged-row",
                    tr!(
                        "此行只有 {} 列，表头有 {} 列；此行未读取",
                        "this row has {} cells but the header has {}; the row was not read",
                        rec.len(),
                        width
                    ),
                )
                .file(rel)
                .at_cell(line, rec.len() + 1)
                .snippet(snippet(&rec, rec.len(), delim))
                .hint(tr!(
                    "检查是否少了逗号，或单元格中的引号、换行不成对",
                    "look for a missing comma, or an unbalanced quote or line break in a cell"
                )),
            );
            // The figure of the indicator the row names was refused.
            if let Some(flat) = row_indicator(&rec, &cols, ctx, last_item) {
                if let Some(slot @ None) = mp.entries.get_mut(flat) {
                    *slot = Some(Entry {
                        file: ctx.file,
                        line: u32::try_from(line).unwrap_or(u32::MAX),
                        rejected: true,
                        ..Entry::default()
                    });
                }
            }
            continue;
        }
        if let Some((ci, _)) = rec
            .iter()
            .enumerate()
            .skip(width)
            .find(|(_, f)| !is_blank_cell(f))
        {
            diags.push(
                Diagnostic::error(
                    "ragged-row",
                    tr!(
                        "第 {} 列在表头之外（表头有 {} 列）",
                        "cell in column {} is beyond the header ({} columns)",
                        ci + 1,
                        width
                    ),
                )
                .file(rel)
                .at_cell(line, ci + 1)
                .snippet(snippet(&rec, ci, delim))
                .hint(tr!(
                    "给此列加上表头，或把内容移到正确的列（单元格中的逗号要用引号括起）",
                    "give the column a header or move the text to its column (a comma inside a cell needs quotes)"
                )),
            );
        }
        info.rows += 1;
        let cell = |c: Col| {
            cols[c as usize]
                .and_then(|i| rec.get(i))
                .map_or("", text_of)
        };
        let at = |d: Diagnostic, c: usize| {
            d.file(rel)
                .at_cell(line, c + 1)
                .snippet(snippet(&rec, c, delim))
        };
        let item_col = cols[Col::Item as usize].unwrap_or(0);
        let ind_col = cols[Col::Indicator as usize];
        // Item: a blank cell under a merged 事项编号 continues the item above.
        let item_text = norm(cell(Col::Item));
        let ind_text = norm(cell(Col::Indicator));
        let item = if item_text.is_empty() {
            match (last_item, ind_text.is_empty()) {
                (Some(i), false) => i,
                _ => {
                    diags.push(at(
                        Diagnostic::error(
                            "missing-item",
                            tr!("事项编号为空", "the item id (事项编号) is empty"),
                        )
                        .hint(tr!("填写事项编号，如 1.1", "fill in the item id, e.g. 1.1")),
                        item_col,
                    ));
                    continue;
                }
            }
        } else {
            match ctx.index.items.get(item_text.as_ref()) {
                Some(&i) => i,
                None => {
                    diags.push(at(
                        Diagnostic::error(
                            "unknown-item",
                            tr!(
                                "任务清单中没有事项「{}」",
                                "the task list has no item `{}`",
                                item_text
                            ),
                        )
                        .hint(unknown_item_hint(ctx, &ind_text)),
                        item_col,
                    ));
                    last_item = None;
                    continue;
                }
            }
        };
        last_item = Some(item);
        let it = &plan.items[item];
        let ind_list = || {
            it.indicators
                .iter()
                .map(|k| format!("{}（{}）", k.id, k.name))
                .collect::<Vec<_>>()
                .join("、")
        };
        // A stage row of a staged milestone (阶段行): read apart, see `super::stages`.
        if let Some((k, stage)) = super::stages::find_stage(it, &ind_text) {
            let notes = ctx.keep_notes.then(|| Notes {
                progress: cell(Col::Progress).trim().to_string(),
                problems: cell(Col::Problems).trim().to_string(),
                next_steps: cell(Col::NextSteps).trim().to_string(),
            });
            let col = |c: Col| cols[c as usize].map(|i| (rec.get(i).map_or("", text_of), i));
            let row = super::stages::StageRow {
                item,
                indicator: k,
                stage,
                line,
                ind_col: ind_col.unwrap_or(item_col),
                status: col(Col::Status),
                value: col(Col::Value),
                notes,
            };
            if super::stages::read_row(row, ctx, &at, mp, diags) {
                figures += 1;
            }
            continue;
        }
        let k = if ind_text.is_empty() {
            if it.indicators.len() == 1 {
                0
            } else {
                diags.push(at(
                    Diagnostic::error(
                        "missing-indicator",
                        tr!(
                            "事项 {} 有 {} 个指标，须在「指标」列写明是哪一个",
                            "item {} has {} indicators: the 指标 (indicator) column must say which",
                            it.id,
                            it.indicators.len()
                        ),
                    )
                    .hint(tr!("可填：{}", "one of: {}", ind_list())),
                    ind_col.unwrap_or(item_col),
                ));
                continue;
            }
        } else {
            let want = ind_text.as_ref();
            match find_indicator(it, want) {
                Some(k) => k,
                None => {
                    diags.push(at(
                        Diagnostic::error(
                            "unknown-indicator",
                            tr!(
                                "事项 {} 没有指标「{}」",
                                "item {} has no indicator `{}`",
                                it.id,
                                want
                            ),
                        )
                        .hint(
                            super::stages::stage_hint(it, want).unwrap_or_else(|| {
                                match nearest(
                                    want,
                                    it.indicators
                                        .iter()
                                        .flat_map(|k| [(k, k.id.as_str()), (k, k.name.as_str())]),
                                ) {
                                    Some(k) => tr!(
                                        "是否指 {}（{}）？可填：{}",
                                        "did you mean {} ({})? One of: {}",
                                        k.id,
                                        k.name,
                                        ind_list()
                                    ),
                                    None => tr!("可填：{}", "one of: {}", ind_list()),
                                }
                            }),
                        ),
                        ind_col.unwrap_or(item_col),
                    ));
                    continue;
                }
            }
        };
        let r = IndicatorRef { item, indicator: k };
        let ind = plan.indicator(r);
        if ind.reporter != ctx.unit {
            diags.push(at(
                Diagnostic::error(
                    "wrong-reporter",
                    tr!(
                        "指标「{}」由 {} 报送，不由 {} 报送",
                        "indicator `{}` is reported by {}, not by {}",
                        ind.name,
                        plan.units[ind.reporter].name,
                        plan.units[ctx.unit].name
                    ),
                )
                .hint(tr!(
                    "删除此行，由 {} 在其进展文件中填报",
                    "remove the row: {} reports it in its own file",
                    plan.units[ind.reporter].name
                )),
                ind_col.unwrap_or(item_col),
            ));
            continue;
        }
        let flat = plan.flat(r);
        if flat >= mp.entries.len() {
            continue;
        }
        if let Some(&first) = seen.get(&flat) {
            diags.push(at(
                Diagnostic::error(
                    "duplicate-row",
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
                )),
                ind_col.unwrap_or(item_col),
            ));
            continue;
        }
        seen.insert(flat, line);
        let mut value = None;
        let mut rejected = false;
        if let Some(vc) = cols[Col::Value as usize] {
            let raw = rec.get(vc).map_or("", text_of);
            match parse_value(raw, &ind.unit) {
                Ok(v) => value = v,
                Err(e) => {
                    rejected = true;
                    diags.push(at(value_diagnostic(&e, raw, ind), vc));
                }
            }
        }
        let mut status = None;
        if let Some(sc) = cols[Col::Status as usize] {
            let raw = rec.get(sc).map_or("", text_of);
            if !raw.trim().is_empty() {
                status = parse_status(raw);
                if status.is_none() {
                    rejected = true;
                    diags.push(at(
                        Diagnostic::error(
                            "unknown-status",
                            tr!("状态「{}」无法识别", "unknown status `{}`", raw.trim()),
                        )
                        .hint(tr!(
                            "状态填 未启动、推进中 或 已完成（或 not_started、in_progress、done）",
                            "write 未启动, 推进中 or 已完成 (or not_started, in_progress, done)"
                        )),
                        sc,
                    ));
                }
            }
        }
        for c in [Col::Progress, Col::Problems, Col::NextSteps] {
            let Some(i) = cols[c as usize] else { continue };
            let raw = rec.get(i).unwrap_or_default();
            if raw.len() > EXCEL_CELL_CHARS && text_of(raw).chars().count() > EXCEL_CELL_CHARS {
                let (zh, en) = COLUMN_LABEL[c as usize];
                diags.push(at(
                    Diagnostic::warning(
                        "long-text",
                        crate::lang::Text::new(
                            format!(
                                "「{zh}」有 {} 个字，超过 Excel 单元格的上限 {EXCEL_CELL_CHARS}：导出的 xlsx 中将截断",
                                text_of(raw).chars().count()
                            ),
                            format!(
                                "the {en} text has {} characters, over an Excel cell's {EXCEL_CELL_CHARS}: it is cut in xlsx exports",
                                text_of(raw).chars().count()
                            ),
                        ),
                    )
                    .hint(tr!(
                        "精简文字，详细材料另行报送",
                        "shorten the text; send long material separately"
                    )),
                    i,
                ));
            }
        }
        let notes = if ctx.keep_notes {
            let text = |c: Col| cell(c).trim().to_string();
            let n = Notes {
                progress: text(Col::Progress),
                problems: text(Col::Problems),
                next_steps: text(Col::NextSteps),
            };
            (n != Notes::default()).then(|| Box::new(n))
        } else {
            None
        };
        if value.is_some() || status.is_some() {
            figures += 1;
        }
        if let Some(slot) = mp.entries.get_mut(flat) {
            let prior = slot.take();
            let entry = slot.insert(Entry {
                value,
                status,
                notes,
                file: ctx.file,
                line: u32::try_from(line).unwrap_or(u32::MAX),
                rejected,
                stages: None,
            });
            super::stages::carry(prior, entry);
        }
    }
    if header_row.is_none() {
        info.unreadable = true;
        let d = match first_text_row {
            Some(line) => Diagnostic::error(
                "missing-column",
                tr!(
                    "找不到表头：缺少「事项编号」列",
                    "no header row: no 事项编号 (item) column"
                ),
            )
            .file(rel)
            .at_cell(line, 1)
            .hint(tr!(
                "第一行（或标题行下一行）应为表头：事项编号、指标、累计完成、状态、进展情况、存在问题、下步计划",
                "the first row (or the one under a title) must be the header: 事项编号, 指标, 累计完成, 状态, 进展情况, 存在问题, 下步计划"
            )),
            None => Diagnostic::error(
                "empty-file",
                tr!("文件是空的", "the file is empty"),
            )
            .file(rel)
            .hint(tr!(
                "用 mingsheng template 生成本月的报表，填好后保存",
                "generate this month's form with mingsheng template, fill it in and save"
            )),
        };
        diags.push(d);
    } else if info.rows == 0 {
        diags.push(
            Diagnostic::warning(
                "empty-file",
                tr!(
                    "文件只有表头，没有填报任何指标",
                    "the file has a header but no indicator rows"
                ),
            )
            .file(rel),
        );
    } else if figures == 0 {
        // A template saved without filling it in: the unit counts as having
        // filed, but every indicator of it will be 未报送.
        diags.push(
            Diagnostic::warning(
                "no-figures",
                tr!(
                    "文件中所有指标的「累计完成」和「状态」都是空的，这些指标按未报送处理",
                    "no row gives a value or a status: every indicator in it counts as not reported"
                ),
            )
            .file(rel)
            .hint(tr!(
                "填写累计完成（节点类填写状态）后重新保存",
                "fill in 累计完成 (for a milestone, 状态) and save again"
            )),
        );
    }
    info
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

/// The indicator a row names, found quietly (no diagnostics): for a row that is
/// refused whole, so that its indicator shows as 数据有误 rather than 未报送.
fn row_indicator(
    rec: &csv::ByteRecord,
    cols: &[Option<usize>; KNOWN],
    ctx: &FileCtx<'_, '_>,
    last_item: Option<usize>,
) -> Option<usize> {
    let cell = |c: Col| {
        cols[c as usize]
            .and_then(|i| rec.get(i))
            .map_or("", text_of)
    };
    let item_text = norm(cell(Col::Item));
    let ind_text = norm(cell(Col::Indicator));
    let item = if item_text.is_empty() {
        last_item?
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

/// The text with every CR that ends a line on its own (not before LF) turned
/// into LF; borrowed when there is none, the usual case.
fn lone_cr_to_lf(text: &str) -> Cow<'_, str> {
    let b = text.as_bytes();
    let lone = |i: usize| b[i] == b'\r' && b.get(i + 1) != Some(&b'\n');
    if !(0..b.len()).any(lone) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() != Some(&'\n') {
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Whether a progress file holds any of a department's work: a figure, a status
/// or a word of text in a column the template leaves blank (or in a column it
/// does not know). `template` never replaces such a file, `--force` included.
///
/// Errs on the side of keeping: bytes that cannot be decoded, or a table whose
/// header cannot be found, count as work; only a file that is empty, or whose
/// rows carry nothing but the template's own pre-filled columns, is blank.
pub fn holds_work(bytes: &[u8]) -> bool {
    let decoded = match decode(bytes, None) {
        Ok(d) => d,
        Err(DecodeError::Empty) => return false,
        Err(_) => return true,
    };
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(decoded.delimiter)
        .from_reader(decoded.text.as_bytes());
    let mut rec = csv::ByteRecord::new();
    // Per column: whether the template pre-fills it (ids, names, targets).
    let mut prefilled: Option<Vec<bool>> = None;
    loop {
        match rdr.read_byte_record(&mut rec) {
            Ok(true) => {}
            Ok(false) => break,
            Err(_) => return true,
        }
        if rec.iter().all(is_blank_cell) {
            continue;
        }
        match &prefilled {
            None => {
                let is_header = rec
                    .iter()
                    .any(|f| column_of(&header_key(text_of(f))) == Some(Col::Item));
                if is_header {
                    prefilled = Some(
                        rec.iter()
                            .map(|f| {
                                let key = header_key(text_of(f));
                                matches!(
                                    column_of(&key),
                                    Some(Col::Item | Col::Indicator | Col::Info)
                                )
                            })
                            .collect(),
                    );
                } else if rec.iter().filter(|f| !is_blank_cell(f)).count() > 1 {
                    // Data before any header: not a form this tool wrote.
                    return true;
                }
            }
            Some(cols) => {
                let filled = rec
                    .iter()
                    .enumerate()
                    .any(|(i, f)| !cols.get(i).copied().unwrap_or(false) && !is_blank_cell(f));
                if filled {
                    return true;
                }
            }
        }
    }
    // A lone title line without a header is still somebody's text.
    prefilled.is_none() && !decoded.text.trim().is_empty()
}

/// Reads the header row; returns the table width (up to the last named column).
fn parse_header(
    rec: &csv::ByteRecord,
    line: usize,
    rel: &str,
    delim: u8,
    cols: &mut [Option<usize>; KNOWN],
    diags: &mut Diagnostics,
) -> usize {
    let mut width = 0;
    let mut unknown: Vec<usize> = Vec::new();
    for (i, f) in rec.iter().map(text_of).enumerate() {
        let key = header_key(f);
        if key.is_empty() {
            continue;
        }
        width = i + 1;
        match column_of(&key) {
            Some(Col::Info) => {}
            Some(c) => {
                let slot = &mut cols[c as usize];
                if let Some(first) = *slot {
                    let (zh, en) = COLUMN_LABEL[c as usize];
                    diags.push(
                        Diagnostic::error(
                            "duplicate-column",
                            crate::lang::Text::new(
                                format!("「{zh}」列重复（第 {} 列已有），此列不读取", first + 1),
                                format!(
                                    "duplicate {en} column (already column {}); this one is not read",
                                    first + 1
                                ),
                            ),
                        )
                        .file(rel)
                        .at_cell(line, i + 1)
                        .snippet(snippet(rec, i, delim))
                        .hint(tr!(
                            "删除或改名重复的列（{} / {}）",
                            "remove or rename the duplicate column ({} / {})",
                            zh,
                            en
                        )),
                    );
                } else {
                    *slot = Some(i);
                }
            }
            None => unknown.push(i),
        }
    }
    // One finding per run of unknown columns (a sheet can carry thousands).
    let mut k = 0;
    while k < unknown.len() {
        let mut end = k;
        while end + 1 < unknown.len() && unknown[end + 1] == unknown[end] + 1 {
            end += 1;
        }
        let (a, b) = (unknown[k], unknown[end]);
        let name = |i: usize| {
            rec.get(i)
                .map_or("", text_of)
                .trim()
                .chars()
                .take(20)
                .collect::<String>()
        };
        let message = if a == b {
            tr!(
                "不认识的列「{}」，已忽略",
                "unknown column `{}`; ignored",
                name(a)
            )
        } else {
            tr!(
                "第 {} 至 {} 列共 {} 个不认识的列（「{}」等），已忽略",
                "{2} unknown columns, {0} to {1} (`{3}` …); ignored",
                crate::diag::cell_name(line, a + 1),
                crate::diag::cell_name(line, b + 1),
                b - a + 1,
                name(a)
            )
        };
        diags.push(
            Diagnostic::warning("unknown-column", message)
                .file(rel)
                .at_cell(line, a + 1)
                .snippet(snippet(rec, a, delim))
                .hint(tr!(
                    "可用的列：事项编号、指标、累计完成、状态、进展情况、存在问题、下步计划",
                    "known columns: 事项编号/item, 指标/indicator, 累计完成/value, 状态/status, 进展情况/progress, 存在问题/problems, 下步计划/next_steps"
                )),
        );
        k = end + 1;
    }
    width
}

fn value_diagnostic(e: &ValueError, raw: &str, ind: &crate::plan::Indicator) -> Diagnostic {
    let raw = raw.trim();
    let unit = &ind.unit;
    match e {
        ValueError::Negative => Diagnostic::error(
            "negative-value",
            tr!("数值「{}」为负数", "value `{}` is negative", raw),
        )
        .hint(tr!(
            "填写本年累计完成数，不能为负",
            "write the year's cumulative total; it cannot be negative"
        )),
        ValueError::WrongUnit(found) => Diagnostic::error(
            "wrong-unit",
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
            let hint = if ind.kind == Kind::Milestone {
                tr!(
                    "节点类指标此列填完成百分比（0–100），或留空只填状态",
                    "for a milestone write the percent done (0–100), or leave it blank and fill in the status"
                )
            } else {
                tr!(
                    "填写一个确切的数字（单位：{}），例如 3200、3,200 或 8万；说明文字写在「进展情况」列",
                    "write one exact number (in {}), e.g. 3200, 3,200 or 8万; put words in 进展情况 (progress)",
                    unit
                )
            };
            Diagnostic::error(
                "bad-value",
                crate::lang::Text::new(
                    format!("「{raw}」{zh}，无法读取"),
                    format!("`{raw}` {en}; cannot be read"),
                ),
            )
            .hint(hint)
        }
    }
}

fn decode_diagnostic(e: DecodeError, bytes: &[u8], rel: &str) -> Diagnostic {
    match e {
        DecodeError::Empty => {
            Diagnostic::error("empty-file", tr!("文件是空的", "the file is empty"))
                .file(rel)
                .hint(tr!(
                    "用 mingsheng template 生成本月的报表，填好后保存",
                    "generate this month's form with mingsheng template, fill it in and save"
                ))
        }
        DecodeError::Workbook => Diagnostic::error(
            "bad-encoding",
            tr!(
                "这是 Excel/WPS 工作簿（xlsx/xls），不是 CSV 文本",
                "this is an Excel/WPS workbook (xlsx/xls), not CSV text"
            ),
        )
        .file(rel)
        .hint(tr!(
            "不要直接改扩展名：在 Excel/WPS 中「另存为」→「CSV（逗号分隔）」",
            "do not just rename it: use Save As → CSV (comma delimited) in Excel/WPS"
        )),
        DecodeError::Binary => Diagnostic::error(
            "bad-encoding",
            tr!("这不是文本文件", "this is not a text file"),
        )
        .file(rel)
        .hint(tr!(
            "在 Excel/WPS 中「另存为」→「CSV（逗号分隔）」",
            "use Save As → CSV (comma delimited) in Excel/WPS"
        )),
        DecodeError::Malformed { encoding, offset } => {
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
                "bad-encoding",
                tr!(
                    "无法按 {} 解码：文件中有无效字节",
                    "cannot decode as {}: the file holds invalid bytes",
                    encoding_label(encoding)
                ),
            )
            .file(rel)
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
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn plan() -> Plan {
        let mut d = Diagnostics::default();
        crate::plan::load::parse_plan_text(
            "seeds/2023.toml",
            include_str!("../../seeds/2023.toml"),
            &mut d,
        )
        .expect("the shipped plan loads")
    }

    fn read(plan: &Plan, bytes: &[u8], enc: Option<&'static encoding_rs::Encoding>) -> Diagnostics {
        let index = PlanIndex::new(plan);
        let ctx = FileCtx {
            plan,
            index: &index,
            unit: plan.unit_by_name("rsj").unwrap(),
            rel: "data/2023-01/县人社局.csv",
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
