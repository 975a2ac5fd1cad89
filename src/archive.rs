//! The record of closed months (docs/closing.md): which months are closed, where a month
//! is read from, the manifest of each record, lateness and the log of closes and
//! reopens.
//!
//! Once the office has issued a month's notice, its figures must not change
//! silently: `close` copies the month's progress files, with the task list in
//! force, into `archive/M/`, and from then on `report` and `score` read the
//! month from there, so the notice and the quarter's scores come out byte for
//! byte as issued whatever later happens in `data/`. `check` compares the live
//! files with the record. A correction goes through `reopen`, which sets the
//! record aside (it is never deleted) and logs who, when and why.
//!
//! ```text
//! archive/
//!   log.jsonl                   every close and reopen, one JSON object a line, appended
//!   2023-06/                    the record of a closed month
//!     manifest.json             what was closed (see [`Manifest`])
//!     seeds/2023.toml           the task list as it was at close
//!     data/2023-06/县人社局.csv  each progress file as it was at close, byte for byte
//!   2023-06.1/                  an earlier record of 2023-06, set aside by `reopen`
//! ```
//!
//! A record folder is laid out like a workspace, so paths inside it read exactly
//! as they did in the workspace (`seeds/2023.toml`, `data/2023-06/县人社局.csv`)
//! and the report's input hash is the one the issued notice printed.
//!
//! A month is closed when `archive/M/manifest.json` exists. Only plain files are
//! written (copies, never links) and folders renamed, so a Windows share works.
//! Received times are taken from the files' modified times when the month is
//! closed and kept in the manifest: git and copying do not keep modified times,
//! so lateness is always judged from the manifest, never from a file on disk.

use crate::diag::Code;
use crate::lang::Text;
use crate::month::Month;
use crate::plan::{Plan, PlanSet};
use crate::progress::{Entry, Progress};
use crate::tr;
use crate::workspace::Workspace;
use anyhow::{Context, Result};
use chrono::{DateTime, FixedOffset, NaiveDate, SecondsFormat};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The manifest's file name inside a record.
pub const MANIFEST: &str = "manifest.json";
/// The log's file name inside `archive/`.
pub const LOG: &str = "log.jsonl";
/// The manifest format this build writes and reads.
pub const FORMAT: u32 = 1;

/// What a record holds (`archive/M/manifest.json`). Times are RFC 3339 with the
/// offset of the machine that closed the month (`2023-07-04T09:30:00+08:00`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// Manifest format version (1).
    pub format: u32,
    /// The month closed, `YYYY-MM`.
    pub month: String,
    /// 1 for the first close of the month, 2 after one reopen, …
    pub record: u32,
    /// When the month was closed, and by whom (the OS user).
    pub closed_at: String,
    pub closed_by: String,
    /// The plan version in force for the month.
    pub plan_version: String,
    /// `[reporting] due_day` at close, and the last day a file counted as on
    /// time (`YYYY-MM-DD`, local time, end of day).
    pub due_day: u32,
    pub due: String,
    /// The progress files, by unit in plan order.
    pub files: Vec<FileEntry>,
    /// The task-list files copied beside them.
    pub seeds: Vec<SeedEntry>,
    /// Reporting units with no file (closed with `--allow-missing`).
    #[serde(default)]
    pub missing: Vec<UnitRef>,
}

impl Manifest {
    /// The day the month was closed, at the offset it was closed in.
    pub fn closed_on(&self) -> Option<NaiveDate> {
        DateTime::parse_from_rfc3339(&self.closed_at)
            .ok()
            .map(|t| t.date_naive())
    }
}

/// One progress file of a record.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FileEntry {
    /// File name, e.g. `县人社局.csv`.
    pub name: String,
    /// Workspace-relative path at close, e.g. `data/2023-06/县人社局.csv`; the
    /// copy is at the same path inside the record.
    pub path: String,
    /// The unit's id and name.
    pub unit: String,
    pub unit_name: String,
    /// Lowercase hex SHA-256 of the bytes, and their number.
    pub sha256: String,
    pub size: u64,
    /// The file's modified time when the month was closed: the time received.
    pub received: String,
    /// Data rows read.
    pub rows: usize,
    /// Received after the due day.
    pub late: bool,
}

/// A task-list file of a record.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SeedEntry {
    pub name: String,
    pub sha256: String,
    pub size: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UnitRef {
    pub id: String,
    pub name: String,
}

/// What an entry of the log records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EventKind {
    Close,
    Reopen,
    /// A kind this build does not know (a log written by a newer one).
    #[serde(other)]
    Other,
}

impl Event {
    /// When, as the log table shows it: local time at the event, to the
    /// second (`2023-07-06 10:00:00`); the text as written if it is no time.
    pub fn local_time(&self) -> String {
        DateTime::parse_from_rfc3339(&self.at).map_or_else(
            |_| self.at.clone(),
            |t| t.format("%Y-%m-%d %H:%M:%S").to_string(),
        )
    }
}

impl EventKind {
    pub fn label(self, l: crate::lang::Lang) -> &'static str {
        match self {
            EventKind::Close => crate::lang::pick(l, "关账", "close"),
            EventKind::Reopen => crate::lang::pick(l, "重新打开", "reopen"),
            EventKind::Other => crate::lang::pick(l, "其他", "other"),
        }
    }
}

/// One line of `archive/log.jsonl`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub event: EventKind,
    pub month: Month,
    /// When, RFC 3339, and who (the OS user).
    pub at: String,
    pub by: String,
    /// The record written (close) or set aside (reopen).
    pub record: u32,
    /// Why (reopen).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Where the record was set aside (reopen), e.g. `archive/2023-06.1`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kept_as: Option<String>,
    /// Files closed (close).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub files: Option<usize>,
    /// Units that filed late and units with no file (close), by name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub late: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<String>,
    /// SHA-256 of the manifest written (close).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manifest_sha256: Option<String>,
}

/// A closed month: its record folder and manifest.
#[derive(Clone, Debug)]
pub struct Closed {
    pub month: Month,
    pub dir: PathBuf,
    pub manifest: Manifest,
}

impl Closed {
    /// The record as a workspace: its `seeds/` and `data/M/` as they were at close.
    pub fn workspace(&self) -> Workspace {
        Workspace {
            root: self.dir.clone(),
        }
    }
}

/// Every closed month of a workspace.
#[derive(Clone, Debug, Default)]
pub struct Record {
    pub closed: BTreeMap<Month, Closed>,
}

/// `archive/` of a workspace.
pub fn dir(ws: &Workspace) -> PathBuf {
    ws.root.join("archive")
}

impl Record {
    /// Reads the manifest of every `archive/YYYY-MM/` folder. A record whose
    /// manifest cannot be read is an error: the month's state is unknown.
    pub fn load(ws: &Workspace) -> Result<Record> {
        let root = dir(ws);
        let mut closed = BTreeMap::new();
        if !root.is_dir() {
            return Ok(Record { closed });
        }
        for e in std::fs::read_dir(&root).with_context(|| cannot_read(&root))? {
            let path = e.with_context(|| cannot_read(&root))?.path();
            let Some(month) = path
                .file_name()
                .and_then(|n| n.to_str())
                .and_then(|n| n.parse::<Month>().ok())
            else {
                continue;
            };
            if !path.is_dir() {
                continue;
            }
            let mpath = path.join(MANIFEST);
            if !mpath.is_file() {
                continue;
            }
            let manifest = read_manifest(&mpath)?;
            closed.insert(
                month,
                Closed {
                    month,
                    dir: path,
                    manifest,
                },
            );
        }
        Ok(Record { closed })
    }

    pub fn get(&self, month: Month) -> Option<&Closed> {
        self.closed.get(&month)
    }

    pub fn is_closed(&self, month: Month) -> bool {
        self.closed.contains_key(&month)
    }

    /// The closed months from `from` through `to`, each with its record folder:
    /// what [`crate::progress::read::ReadOptions::archived`] wants.
    pub fn sources(&self, from: Month, to: Month) -> BTreeMap<Month, PathBuf> {
        self.closed
            .range(from..=to)
            .map(|(m, c)| (*m, c.dir.clone()))
            .collect()
    }

    /// Per closed month from `from` through `to`, the ids of the units whose
    /// file was received after the due day.
    pub fn late(&self, from: Month, to: Month) -> BTreeMap<Month, Vec<String>> {
        self.closed
            .range(from..=to)
            .filter_map(|(m, c)| {
                let ids: Vec<String> = c
                    .manifest
                    .files
                    .iter()
                    .filter(|f| f.late)
                    .map(|f| f.unit.clone())
                    .collect();
                (!ids.is_empty()).then_some((*m, ids))
            })
            .collect()
    }

    /// Where the task list for `month` is read from: the record's copy when the
    /// month is closed, else the workspace.
    pub fn plan_source(&self, ws: &Workspace, month: Month) -> Workspace {
        match self.get(month) {
            Some(c) => c.workspace(),
            None => ws.clone(),
        }
    }
}

fn cannot_read(p: &Path) -> Text {
    tr!("无法读取 {}", "cannot read {}", p.display())
}

fn cannot_write(p: &Path) -> Text {
    tr!("无法写入 {}", "cannot write {}", p.display())
}

fn cannot_create(p: &Path) -> Text {
    tr!("无法创建 {}", "cannot create {}", p.display())
}

fn read_manifest(path: &Path) -> Result<Manifest> {
    let bytes = std::fs::read(path).with_context(|| cannot_read(path))?;
    let m: Manifest = serde_json::from_slice(&bytes).with_context(|| {
        tr!(
            "关账清单 {} 无法解析，请从备份恢复",
            "the manifest {} cannot be parsed; restore it from a backup",
            path.display()
        )
    })?;
    if m.format > FORMAT {
        return Err(anyhow::Error::msg(tr!(
            "关账清单 {path} 的格式版本 {format} 比本程序支持的 {FORMAT} 新，请升级 mingsheng",
            "the manifest {path}'s format {format} is newer than this build's {FORMAT}: upgrade mingsheng",
            path = path.display(),
            format = m.format,
        )));
    }
    Ok(m)
}

/// Earlier records of `month` set aside by `reopen`: `archive/M.1`, `M.2` …,
/// by number.
fn earlier_records(ws: &Workspace, month: Month) -> Result<Vec<(u32, PathBuf)>> {
    let root = dir(ws);
    let mut out = Vec::new();
    if !root.is_dir() {
        return Ok(out);
    }
    let prefix = format!("{month}.");
    for e in std::fs::read_dir(&root).with_context(|| cannot_read(&root))? {
        let path = e.with_context(|| cannot_read(&root))?.path();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if let Some(n) = name
            .strip_prefix(&prefix)
            .and_then(|k| k.parse::<u32>().ok())
        {
            if path.is_dir() {
                out.push((n, path));
            }
        }
    }
    out.sort();
    Ok(out)
}

/// The last day on which a report for `month` is on time: day `due_day` of the
/// next month, or that month's last day when it is shorter.
pub fn due_date(month: Month, due_day: u32) -> NaiveDate {
    let next = month.next();
    let mut day = due_day.clamp(1, 31);
    loop {
        if let Some(d) = NaiveDate::from_ymd_opt(next.year(), next.month(), day) {
            return d;
        }
        day -= 1;
    }
}

/// Late when received on a day after the due date, in the local time recorded
/// with the received time.
pub fn is_late(received: &DateTime<FixedOffset>, due: NaiveDate) -> bool {
    received.date_naive() > due
}

/// RFC 3339 to the second.
pub fn rfc3339(t: &DateTime<FixedOffset>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, false)
}

/// A file's modified time in local time: the time it was received.
pub fn received_time(meta: &std::fs::Metadata) -> Result<DateTime<FixedOffset>> {
    let t = meta
        .modified()
        .with_context(|| tr!("无法读取文件的修改时间", "the file has no modified time"))?;
    Ok(DateTime::<chrono::Local>::from(t).fixed_offset())
}

/// Now, in local time; `MINGSHENG_NOW` (RFC 3339) fixes it for batch runs and
/// tests, as `MINGSHENG_TODAY` fixes the month for `score`.
pub fn now() -> Result<DateTime<FixedOffset>> {
    if let Ok(s) = std::env::var("MINGSHENG_NOW") {
        return DateTime::parse_from_rfc3339(s.trim()).map_err(|e| {
            anyhow::Error::msg(tr!(
                "MINGSHENG_NOW「{s}」不是 RFC 3339 时间，如 2023-07-06T09:00:00+08:00（{e}）",
                "MINGSHENG_NOW `{s}` is not an RFC 3339 time like 2023-07-06T09:00:00+08:00 ({e})"
            ))
        });
    }
    Ok(chrono::Local::now().fixed_offset())
}

/// The OS user: `USERNAME` on Windows, `USER` elsewhere.
pub fn os_user() -> String {
    ["USERNAME", "USER"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .map(|v| v.trim().to_string())
        .find(|v| !v.is_empty())
        .unwrap_or_else(|| "unknown".to_string())
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Reads `archive/log.jsonl`; no log is an empty one.
pub fn read_log(ws: &Workspace) -> Result<Vec<Event>> {
    let path = dir(ws).join(LOG);
    if !path.is_file() {
        return Ok(Vec::new());
    }
    let text = std::fs::read_to_string(&path).with_context(|| cannot_read(&path))?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let e: Event = serde_json::from_str(line).with_context(|| {
            tr!(
                "{path} 第 {line} 行无法解析",
                "{path}: line {line} cannot be parsed",
                path = path.display(),
                line = i + 1,
            )
        })?;
        out.push(e);
    }
    Ok(out)
}

/// Appends one event to `archive/log.jsonl` (created when missing).
pub fn append_log(ws: &Workspace, event: &Event) -> Result<()> {
    use std::io::Write;
    let root = dir(ws);
    std::fs::create_dir_all(&root).with_context(|| cannot_create(&root))?;
    let path = root.join(LOG);
    let mut line = serde_json::to_string(event)?;
    line.push('\n');
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .with_context(|| cannot_write(&path))?;
    f.write_all(line.as_bytes())
        .with_context(|| cannot_write(&path))?;
    Ok(())
}

/// A progress file to close: where it is and what reading it gave.
pub struct CloseFile {
    /// Workspace-relative path (`data/M/NAME`).
    pub rel: String,
    /// Index of the unit in the plan in force.
    pub unit: usize,
    pub rows: usize,
}

/// Closes `month`: writes its record ([`write_record`]) and appends the close,
/// with the manifest's SHA-256, to the log. Returns the manifest and its text
/// as written.
pub fn close(
    ws: &Workspace,
    plan: &Plan,
    month: Month,
    files: &[CloseFile],
    missing: &[usize],
    by: &str,
) -> Result<(Manifest, Vec<u8>)> {
    let at = now()?;
    let manifest = write_record(ws, plan, month, files, missing, &at, by)?;
    let path = dir(ws).join(month.to_string()).join(MANIFEST);
    let text = std::fs::read(&path).with_context(|| cannot_read(&path))?;
    append_log(
        ws,
        &Event {
            event: EventKind::Close,
            month,
            at: manifest.closed_at.clone(),
            by: by.to_string(),
            record: manifest.record,
            reason: None,
            kept_as: None,
            files: Some(manifest.files.len()),
            late: manifest
                .files
                .iter()
                .filter(|f| f.late)
                .map(|f| f.unit_name.clone())
                .collect(),
            missing: manifest.missing.iter().map(|u| u.name.clone()).collect(),
            manifest_sha256: Some(sha256_hex(&text)),
        },
    )?;
    Ok((manifest, text))
}

/// Reopens a closed month: its record is set aside ([`set_aside`]) and the
/// reopen, with its reason, appended to the log. Returns where the record is
/// kept, workspace-relative.
pub fn reopen(ws: &Workspace, closed: &Closed, reason: &str, by: &str) -> Result<String> {
    let at = now()?;
    let kept = ws.rel(&set_aside(ws, closed)?);
    append_log(
        ws,
        &Event {
            event: EventKind::Reopen,
            month: closed.month,
            at: rfc3339(&at),
            by: by.to_string(),
            record: closed.manifest.record,
            reason: Some(reason.to_string()),
            kept_as: Some(kept.clone()),
            files: None,
            late: Vec::new(),
            missing: Vec::new(),
            manifest_sha256: None,
        },
    )?;
    Ok(kept)
}

/// Whether every file of the month was received (modified) after the due day.
pub fn all_late(ws: &Workspace, plan: &Plan, month: Month, files: &[CloseFile]) -> bool {
    let due = due_date(month, plan.reporting.due_day);
    files.iter().all(|f| {
        std::fs::metadata(ws.root.join(&f.rel))
            .ok()
            .and_then(|m| received_time(&m).ok())
            .is_some_and(|t| is_late(&t, due))
    })
}

/// Writes the record of `month`: the files and the task list copied into a
/// temporary folder under `archive/`, the manifest beside them, then the folder
/// renamed to `archive/M` — so a record is there whole or not at all.
pub fn write_record(
    ws: &Workspace,
    plan: &Plan,
    month: Month,
    files: &[CloseFile],
    missing: &[usize],
    at: &DateTime<FixedOffset>,
    by: &str,
) -> Result<Manifest> {
    let root = dir(ws);
    let target = root.join(month.to_string());
    if target.exists() {
        return Err(anyhow::Error::msg(tr!(
            "{} 已存在",
            "{} already exists",
            ws.rel(&target)
        )));
    }
    std::fs::create_dir_all(&root).with_context(|| cannot_create(&root))?;
    let record = earlier_records(ws, month)?.last().map_or(1, |(n, _)| n + 1);
    let tmp = root.join(format!(".closing-{month}-{}", std::process::id()));
    let result = (|| -> Result<Manifest> {
        if tmp.exists() {
            std::fs::remove_dir_all(&tmp)
                .with_context(|| tr!("无法删除 {}", "cannot remove {}", tmp.display()))?;
        }
        let due = due_date(month, plan.reporting.due_day);
        let entries = file_entries(ws, plan, files, &tmp, due)?;
        let seeds = seed_entries(ws, &tmp)?;
        let manifest = Manifest {
            format: FORMAT,
            month: month.to_string(),
            record,
            closed_at: rfc3339(at),
            closed_by: by.to_string(),
            plan_version: plan.version.clone(),
            due_day: plan.reporting.due_day,
            due: due.format("%Y-%m-%d").to_string(),
            files: entries,
            seeds,
            missing: missing
                .iter()
                .map(|&u| UnitRef {
                    id: plan.units[u].id.clone(),
                    name: plan.units[u].name.clone(),
                })
                .collect(),
        };
        let mut text = serde_json::to_string_pretty(&manifest)?;
        text.push('\n');
        std::fs::write(tmp.join(MANIFEST), text)
            .with_context(|| cannot_write(&tmp.join(MANIFEST)))?;
        std::fs::rename(&tmp, &target).with_context(|| {
            tr!(
                "无法把 {from} 改名为 {to}",
                "cannot rename {from} to {to}",
                from = tmp.display(),
                to = target.display(),
            )
        })?;
        Ok(manifest)
    })();
    if result.is_err() && tmp.exists() {
        let _ = std::fs::remove_dir_all(&tmp);
    }
    result
}

/// The month's files copied into the record being written (`tmp`), each
/// with its digest and the time it was received, in plan order of units.
fn file_entries(
    ws: &Workspace,
    plan: &Plan,
    files: &[CloseFile],
    tmp: &Path,
    due: NaiveDate,
) -> Result<Vec<FileEntry>> {
    let mut entries = Vec::new();
    for f in files {
        let src = ws.root.join(&f.rel);
        let meta = std::fs::metadata(&src).with_context(|| cannot_read(&src))?;
        let received = received_time(&meta)?;
        let bytes = std::fs::read(&src).with_context(|| cannot_read(&src))?;
        copy_into(tmp, &f.rel, &bytes)?;
        let unit = &plan.units[f.unit];
        entries.push(FileEntry {
            name: src
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            path: f.rel.clone(),
            unit: unit.id.clone(),
            unit_name: unit.name.clone(),
            sha256: sha256_hex(&bytes),
            size: bytes.len() as u64,
            received: rfc3339(&received),
            rows: f.rows,
            late: is_late(&received, due),
        });
    }
    entries.sort_by(|a, b| {
        let ua = plan.units.iter().position(|u| u.id == a.unit);
        let ub = plan.units.iter().position(|u| u.id == b.unit);
        (ua, &a.name).cmp(&(ub, &b.name))
    });
    Ok(entries)
}

/// The task lists copied into the record being written, with their digests.
fn seed_entries(ws: &Workspace, tmp: &Path) -> Result<Vec<SeedEntry>> {
    let mut seeds = Vec::new();
    let mut diags = crate::diag::Diagnostics::default();
    for (rel, _) in ws.read_plan_files(&mut diags)? {
        let src = ws.root.join(&rel);
        let bytes = std::fs::read(&src).with_context(|| cannot_read(&src))?;
        copy_into(tmp, &rel, &bytes)?;
        seeds.push(SeedEntry {
            name: rel.trim_start_matches("seeds/").to_string(),
            sha256: sha256_hex(&bytes),
            size: bytes.len() as u64,
        });
    }
    Ok(seeds)
}

/// Writes `bytes` at `rel` under `tmp`, making its folders.
fn copy_into(tmp: &Path, rel: &str, bytes: &[u8]) -> Result<()> {
    let dst = tmp.join(rel);
    if let Some(parent) = dst.parent() {
        std::fs::create_dir_all(parent).with_context(|| cannot_create(parent))?;
    }
    std::fs::write(&dst, bytes).with_context(|| cannot_write(&dst))?;
    Ok(())
}

/// Sets the record of `month` aside for a reopen: `archive/M` is renamed
/// `archive/M.N`, N its record number. Returns the new folder.
pub fn set_aside(ws: &Workspace, closed: &Closed) -> Result<PathBuf> {
    let mut n = closed.manifest.record.max(1);
    let taken: Vec<u32> = earlier_records(ws, closed.month)?
        .into_iter()
        .map(|(k, _)| k)
        .collect();
    while taken.contains(&n) {
        n += 1;
    }
    let to = dir(ws).join(format!("{}.{n}", closed.month));
    std::fs::rename(&closed.dir, &to).with_context(|| {
        tr!(
            "无法把 {from} 改名为 {to}：文件夹可能正被打开，请关闭后重试",
            "cannot rename {from} to {to}: is a file in it open? Close it and retry",
            from = ws.rel(&closed.dir),
            to = ws.rel(&to),
        )
    })?;
    Ok(to)
}

/// One file's difference between a record and the live folder.
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    /// Same name, other bytes.
    Changed { name: String },
    /// A file for a unit that had none at close.
    Added { name: String },
    /// The unit's file is gone.
    Removed { name: String },
    /// The unit's file is under another name (maybe also changed).
    Renamed {
        from: String,
        to: String,
        same_bytes: bool,
    },
}

/// A changed figure: indicator, old and new entry.
#[derive(Clone, Debug)]
pub struct FigureChange {
    pub item: String,
    pub indicator: String,
    pub name: String,
    pub unit: String,
    pub old: Option<Entry>,
    pub new: Option<Entry>,
}

/// The changes to one unit's file of a closed month.
#[derive(Clone, Debug)]
pub struct UnitChange {
    pub month: Month,
    pub unit_name: String,
    /// The live path (or the recorded one, for a removed file).
    pub path: String,
    pub change: Change,
    pub figures: Vec<FigureChange>,
}

/// Compares the live files of a closed month (`live`, read from `data/`) with
/// its record: per unit, a file changed, added, removed or renamed, with the
/// figures that differ.
pub fn compare(
    ws: &Workspace,
    plans: &PlanSet,
    live: &Progress,
    closed: &Closed,
) -> Result<Vec<UnitChange>> {
    let month = closed.month;
    let mut quiet = crate::diag::Diagnostics::default();
    let rplans = closed.workspace().load_plans(&mut quiet)?;
    let (Some(rplan), Some(plan)) = (rplans.for_month(month), plans.for_month(month)) else {
        return Ok(Vec::new());
    };
    let recorded = read_record(ws, &rplans, closed, &mut quiet)?;
    let Some(old_mp) = recorded.months.get(&month) else {
        return Ok(Vec::new());
    };
    // A month folder deleted whole: every file removed.
    let empty;
    let new_mp = match live.months.get(&month) {
        Some(mp) => mp,
        None => {
            empty = crate::progress::MonthProgress::new(month, plan);
            &empty
        }
    };
    let files = UnitFiles::of(closed, live, plan);
    let mut figures = figure_changes(plan, rplan, old_mp, new_mp, &recorded, live);
    let mut out = Vec::new();
    for id in &files.ids {
        let unit_name = plan
            .units
            .iter()
            .find(|u| &u.id == id)
            .map(|u| u.name.clone())
            .or_else(|| files.old.get(id).map(|f| f.unit_name.clone()))
            .unwrap_or_else(|| id.clone());
        let figs = figures.remove(id).unwrap_or_default();
        let (old, new) = (files.old.get(id).copied(), files.new.get(id).copied());
        let Some((change, path)) = file_change(ws, old, new)? else {
            continue;
        };
        out.push(UnitChange {
            month,
            unit_name,
            path,
            change,
            figures: figs,
        });
    }
    Ok(out)
}

/// The closed month as its record holds it, read under the record's own
/// task list (`rplans`).
fn read_record(
    ws: &Workspace,
    rplans: &PlanSet,
    closed: &Closed,
    quiet: &mut crate::diag::Diagnostics,
) -> Result<Progress> {
    let month = closed.month;
    let opts = crate::progress::read::ReadOptions {
        from: Some(month),
        to: Some(month),
        archived: [(month, closed.dir.clone())].into_iter().collect(),
        ..Default::default()
    };
    Ok(crate::progress::read::read_progress(
        ws, rplans, &opts, quiet,
    )?)
}

/// Each unit's file of a closed month, in the record (by manifest) and live
/// (as read), by unit id; `ids` in the record's order, then the new ones.
struct UnitFiles<'a> {
    ids: Vec<String>,
    old: BTreeMap<String, &'a FileEntry>,
    new: BTreeMap<String, &'a crate::progress::FileRead>,
}

impl<'a> UnitFiles<'a> {
    fn of(closed: &'a Closed, live: &'a Progress, plan: &Plan) -> Self {
        let mut ids: Vec<String> = Vec::new();
        let mut old: BTreeMap<String, &FileEntry> = BTreeMap::new();
        for f in &closed.manifest.files {
            if !ids.contains(&f.unit) {
                ids.push(f.unit.clone());
            }
            old.insert(f.unit.clone(), f);
        }
        let mut new: BTreeMap<String, &crate::progress::FileRead> = BTreeMap::new();
        for f in live.files.iter().filter(|f| f.month == closed.month) {
            let id = plan.units[f.unit].id.clone();
            if !ids.contains(&id) {
                ids.push(id.clone());
            }
            new.insert(id, f);
        }
        UnitFiles { ids, old, new }
    }
}

/// The figures that differ between the record (`old_mp`, read under
/// `rplan`) and the live files (`new_mp`), by the id of the unit whose file
/// they were read from.
fn figure_changes(
    plan: &Plan,
    rplan: &Plan,
    old_mp: &crate::progress::MonthProgress,
    new_mp: &crate::progress::MonthProgress,
    recorded: &Progress,
    live: &Progress,
) -> BTreeMap<String, Vec<FigureChange>> {
    let mut figures: BTreeMap<String, Vec<FigureChange>> = BTreeMap::new();
    for (i, item) in plan.items.iter().enumerate() {
        for (k, ind) in item.indicators.iter().enumerate() {
            let r = crate::plan::IndicatorRef {
                item: i,
                indicator: k,
            };
            let new = new_mp.entries.get(plan.flat(r)).cloned().flatten();
            let old = rplan.item_by_id(&item.id).and_then(|oi| {
                let ok = rplan.items[oi]
                    .indicators
                    .iter()
                    .position(|x| x.id == ind.id)?;
                old_mp
                    .entries
                    .get(rplan.flat(crate::plan::IndicatorRef {
                        item: oi,
                        indicator: ok,
                    }))
                    .cloned()
                    .flatten()
            });
            let same = match (&old, &new) {
                (None, None) => true,
                (Some(a), Some(b)) => {
                    a.value == b.value
                        && a.status == b.status
                        && crate::progress::stages::same_stages(a, b)
                }
                _ => false,
            };
            if same {
                continue;
            }
            let unit = new
                .as_ref()
                .and_then(|e| live.file_of(e))
                .map(|f| plan.units[f.unit].id.clone())
                .or_else(|| {
                    old.as_ref()
                        .and_then(|e| recorded.file_of(e))
                        .map(|f| rplan.units[f.unit].id.clone())
                })
                .unwrap_or_else(|| plan.units[ind.reporter].id.clone());
            figures.entry(unit).or_default().push(FigureChange {
                item: item.id.clone(),
                indicator: ind.id.clone(),
                name: ind.name.clone(),
                unit: ind.unit.clone(),
                old,
                new,
            });
        }
    }

    figures
}

/// How a unit's file changed since the close, and the path to point at;
/// `None` when it did not.
fn file_change(
    ws: &Workspace,
    old: Option<&FileEntry>,
    new: Option<&crate::progress::FileRead>,
) -> Result<Option<(Change, String)>> {
    Ok(Some(match (old, new) {
        (Some(o), Some(n)) => {
            let bytes = std::fs::read(ws.root.join(&n.path))
                .with_context(|| cannot_read(&ws.root.join(&n.path)))?;
            let same_bytes = sha256_hex(&bytes) == o.sha256;
            let name = file_name(&n.path);
            if name != o.name {
                (
                    Change::Renamed {
                        from: o.name.clone(),
                        to: name,
                        same_bytes,
                    },
                    n.path.clone(),
                )
            } else if !same_bytes {
                (Change::Changed { name }, n.path.clone())
            } else {
                return Ok(None);
            }
        }
        (Some(o), None) => (
            Change::Removed {
                name: o.name.clone(),
            },
            o.path.clone(),
        ),
        (None, Some(n)) => (
            Change::Added {
                name: file_name(&n.path),
            },
            n.path.clone(),
        ),
        (None, None) => return Ok(None),
    }))
}

/// A figure as a clerk reads it: `1728人`, `60% 推进中`, `（无）`.
fn show(e: Option<&Entry>, unit: &str, lang: crate::lang::Lang) -> String {
    use crate::lang::pick;
    let Some(e) = e else {
        return pick(lang, "（无）", "(none)").to_string();
    };
    let mut parts = Vec::new();
    if let Some(v) = e.value {
        parts.push(format!("{}{unit}", crate::value::num(v)));
    }
    if let Some(s) = e.status {
        parts.push(s.label(lang).to_string());
    }
    parts.extend(stage_words(e, lang));
    if parts.is_empty() {
        return pick(lang, "（空）", "(blank)").to_string();
    }
    parts.join(" ")
}

/// The stage statuses of an entry as a clerk reads them: `完成选址 已完成，开工建设 推进中`.
fn stage_words(e: &Entry, lang: crate::lang::Lang) -> Option<String> {
    let list: Vec<String> = e
        .stages
        .as_ref()?
        .iter()
        .filter_map(|r| {
            let s = r.status?;
            Some(format!("{} {}", r.name, s.label(lang)))
        })
        .collect();
    (!list.is_empty()).then(|| list.join(crate::lang::pick(lang, "，", ", ")))
}

/// The `changed-after-close` errors of a closed month: one per unit whose file
/// changed, appeared, disappeared or was renamed, naming per indicator the old
/// and the new figure.
pub fn diagnostics(closed: &Closed, changes: &[UnitChange]) -> Vec<crate::diag::Diagnostic> {
    let m = closed.month;
    changes
        .iter()
        .map(|c| {
            crate::diag::Diagnostic::error(Code::ChangedAfterClose, change_message(closed, c))
                .file(c.path.clone())
                .hint(crate::tr!(
                    "关账后以存档 archive/{}/ 为准，通报和考评照存档计算。如确需更正，经专班办公室同意后运行 mingsheng reopen --month {} --reason \"原因\"，改正后再 check、close；否则把文件恢复为存档中的原样",
                    "the record archive/{}/ stands: the notice and the scores are computed from it. For an approved correction run `mingsheng reopen --month {} --reason \"why\"`, then check and close again; otherwise restore the file from the record",
                    m,
                    m
                ))
        })
        .collect()
}

/// What happened to a unit's file since the close (`closed`: month, time,
/// record number), and to its figures.
fn change_message(closed: &Closed, c: &UnitChange) -> crate::lang::Text {
    let m = closed.month;
    let at = &closed.manifest.closed_at;
    let n = closed.manifest.record;
    let (zh_figs, en_figs) = figures_changed(c);
    let unit = &c.unit_name;
    match &c.change {
        Change::Changed { .. } => tr!(
            "{m} 已关账（{at}，第{n}版），此后 {unit} 的文件被修改：{zh_figs}",
            "{m} was closed ({at}, record {n}); {unit}'s file changed since: {en_figs}"
        ),
        Change::Added { .. } => tr!(
            "{m} 已关账（{at}，第{n}版），此后新增了 {unit} 的文件：{zh_figs}",
            "{m} was closed ({at}, record {n}); a file of {unit} was added since: {en_figs}"
        ),
        Change::Removed { .. } => tr!(
            "{m} 已关账（{at}，第{n}版），此后 {unit} 的文件被删除或移走：{zh_figs}",
            "{m} was closed ({at}, record {n}); {unit}'s file was removed since: {en_figs}"
        ),
        Change::Renamed {
            from,
            to,
            same_bytes,
        } => {
            let (zh_also, en_also) = if *same_bytes {
                ("", "")
            } else {
                ("，内容也有改动", ", and changed")
            };
            tr!(
                "{m} 已关账（{at}，第{n}版），此后 {from} 被改名为 {to}{zh_also}：{zh_figs}",
                "{m} was closed ({at}, record {n}); {from} was renamed {to}{en_also} since: {en_figs}"
            )
        }
    }
}

/// The figures of a unit's file that changed, old → new, in Chinese and in
/// English; when none did, what changed instead.
fn figures_changed(c: &UnitChange) -> (String, String) {
    use crate::lang::Lang;
    if c.figures.is_empty() {
        return match &c.change {
            Change::Renamed {
                same_bytes: true, ..
            } => ("内容未变".to_string(), "content unchanged".to_string()),
            _ => (
                "数字与状态未变，文件内容有改动（文字说明、编码或格式）".to_string(),
                "figures and statuses unchanged; the bytes changed (text columns, encoding or layout)".to_string(),
            ),
        };
    }
    let figs = |l: Lang| -> String {
        c.figures
            .iter()
            .map(|f| {
                format!(
                    "{} {} {} → {}",
                    f.item,
                    f.name,
                    show(f.old.as_ref(), &f.unit, l),
                    show(f.new.as_ref(), &f.unit, l)
                )
            })
            .collect::<Vec<_>>()
            .join(crate::lang::pick(l, "；", "; "))
    };
    (figs(Lang::Zh), figs(Lang::En))
}

fn file_name(rel: &str) -> String {
    rel.rsplit('/').next().unwrap_or(rel).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_log_line_keeps_its_text_and_a_newer_kind_is_read_as_other() {
        let line = r#"{"event":"reopen","month":"2023-06","at":"2023-08-01T09:00:00+08:00","by":"office","record":1,"reason":"更正"}"#;
        let e: Event = serde_json::from_str(line).unwrap();
        assert_eq!((e.event, e.month), (EventKind::Reopen, m("2023-06")));
        assert_eq!(serde_json::to_string(&e).unwrap(), line);
        let newer = line.replace("reopen", "purge");
        let e: Event = serde_json::from_str(&newer).unwrap();
        assert_eq!(e.event, EventKind::Other);
        assert!(serde_json::from_str::<Event>(&line.replace("2023-06", "2023-13")).is_err());
    }

    fn m(s: &str) -> Month {
        s.parse().unwrap()
    }

    #[test]
    fn what_changed_in_a_units_file() {
        let unit_change = |change: Change, figures: Vec<FigureChange>| UnitChange {
            month: m("2023-06"),
            unit_name: "县民政局".into(),
            path: "data/2023-06/民政局.csv".into(),
            change,
            figures,
        };
        let renamed = |same_bytes| Change::Renamed {
            from: "县民政局.csv".into(),
            to: "民政局.csv".into(),
            same_bytes,
        };
        assert_eq!(
            figures_changed(&unit_change(renamed(true), Vec::new())).1,
            "content unchanged"
        );
        assert!(figures_changed(&unit_change(renamed(false), Vec::new()))
            .1
            .starts_with("figures and statuses unchanged"));
        let figure = |name: &str, old: Option<f64>, new: Option<f64>| FigureChange {
            item: "7".into(),
            indicator: "x".into(),
            name: name.into(),
            unit: "人".into(),
            old: old.map(|v| Entry {
                value: Some(v),
                ..Default::default()
            }),
            new: new.map(|v| Entry {
                value: Some(v),
                ..Default::default()
            }),
        };
        let (zh, en) = figures_changed(&unit_change(
            Change::Changed {
                name: "民政局.csv".into(),
            },
            vec![
                figure("低保", Some(1728.0), Some(1730.0)),
                figure("特困", None, Some(12.0)),
            ],
        ));
        assert_eq!(zh, "7 低保 1728人 → 1730人；7 特困 （无） → 12人");
        assert_eq!(en, "7 低保 1728人 → 1730人; 7 特困 (none) → 12人");
    }

    #[test]
    fn due_date_is_the_due_day_of_the_next_month() {
        assert_eq!(
            due_date(m("2023-06"), 5),
            NaiveDate::from_ymd_opt(2023, 7, 5).unwrap()
        );
        assert_eq!(
            due_date(m("2023-12"), 5),
            NaiveDate::from_ymd_opt(2024, 1, 5).unwrap()
        );
        // February is short: day 31 is its last day.
        assert_eq!(
            due_date(m("2023-01"), 31),
            NaiveDate::from_ymd_opt(2023, 2, 28).unwrap()
        );
    }

    #[test]
    fn late_from_the_day_after_the_due_day_in_local_time() {
        let due = due_date(m("2023-06"), 5);
        let t = |s: &str| DateTime::parse_from_rfc3339(s).unwrap();
        assert!(!is_late(&t("2023-07-05T23:59:59+08:00"), due));
        assert!(is_late(&t("2023-07-06T00:00:00+08:00"), due));
        // 16:30 UTC on the 5th is already the 6th in Beijing.
        assert!(is_late(&t("2023-07-06T00:30:00+08:00"), due));
        assert!(!is_late(&t("2023-07-05T16:30:00+00:00"), due));
    }
}
