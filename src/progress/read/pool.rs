//! The reader pool: a month's files are independent, so they are read and
//! checked in parallel (rayon), each into its own findings and entries, and
//! merged in the order they were planned (unit, then name), so that every
//! output stays byte-identical to reading them one by one.

use super::file::{read_rows, FileCtx, FileInfo, Slots};
use super::{messages, read_bounded, reject_unit, PlanIndex, ReadOptions, MAX_FILE_BYTES};
use crate::diag::{Diagnostic, Diagnostics};
use crate::month::Month;
use crate::plan::Plan;
use crate::progress::{Entry, FileRead, MonthProgress, Progress};
use rayon::prelude::*;
use std::path::PathBuf;

/// Files in a month from which they are read in parallel.
const PARALLEL_FROM: usize = 64;

/// A file chosen to be read.
pub struct Job {
    pub unit: usize,
    pub rel: String,
    pub path: PathBuf,
    /// The size the file system reports (the read is bounded anyway).
    pub size: u64,
    /// Its index in [`Progress::files`].
    pub file: u32,
}

/// One file of the folder, in merge order: the findings about it that come
/// before its own (a copy's name, a duplicate), and the file to read, if any.
pub struct Planned {
    pub before: Vec<Diagnostic>,
    pub job: Option<Job>,
}

/// What every file of the month shares.
pub struct MonthCtx<'a, 'p> {
    pub plan: &'a Plan,
    pub index: &'a PlanIndex<'p>,
    pub month: Month,
    pub opts: &'a ReadOptions,
}

/// A file's entries by flat index, kept apart until the merge: a list in the
/// order first touched, and where each flat index is in it.
///
/// The positions are a plan-sized vector reused by every file read on the
/// thread (only the touched indexes are reset), so finding a slot is an index,
/// not a tree search: a `BTreeMap` here cost ~300 instructions a row, 2 % of
/// check (issue 16).
struct Sparse {
    len: usize,
    list: Vec<(usize, Option<Entry>)>,
    /// `at[flat]` is 1 + the position of `flat` in `list`, 0 when absent.
    at: Vec<u32>,
}

thread_local! {
    /// The positions vector of the last [`Sparse`] on this thread, all zero.
    static POSITIONS: std::cell::RefCell<Vec<u32>> = const { std::cell::RefCell::new(Vec::new()) };
}

impl Sparse {
    fn new(len: usize) -> Sparse {
        let mut at = POSITIONS.with(|p| std::mem::take(&mut *p.borrow_mut()));
        at.resize(len, 0);
        Sparse {
            len,
            list: Vec::new(),
            at,
        }
    }

    /// The entries, the positions vector zeroed and handed back to the thread.
    fn into_entries(mut self) -> Vec<(usize, Option<Entry>)> {
        for &(flat, _) in &self.list {
            self.at[flat] = 0;
        }
        let at = std::mem::take(&mut self.at);
        // A thread being torn down has no slot left: then the vector just goes.
        let _ = POSITIONS.try_with(|p| *p.borrow_mut() = at);
        std::mem::take(&mut self.list)
    }
}

impl Slots for Sparse {
    fn len(&self) -> usize {
        self.len
    }
    fn slot(&mut self, flat: usize) -> Option<&mut Option<Entry>> {
        let at = *self.at.get(flat)?;
        let i = match at {
            0 => {
                let n = u32::try_from(self.list.len() + 1).ok()?;
                self.list.push((flat, None));
                self.at[flat] = n;
                self.list.len() - 1
            }
            n => n as usize - 1,
        };
        Some(&mut self.list[i].1)
    }
}

/// What reading one file gave.
enum Outcome {
    TooLarge,
    Failed(std::io::Error),
    Read {
        info: FileInfo,
        entries: Vec<(usize, Option<Entry>)>,
        sha256: Option<[u8; 32]>,
    },
}

/// Reads every planned file (in parallel) and merges the results into the
/// month in plan order.
pub fn read_all(
    ctx: &MonthCtx<'_, '_>,
    planned: Vec<Planned>,
    mp: &mut MonthProgress,
    progress: &mut Progress,
    diags: &mut Diagnostics,
) {
    let slots = mp.entries.len();
    let read = |p: &Planned| p.job.as_ref().map(|job| read_one(ctx, job, slots));
    // A county's month (a few dozen small files) is read faster than threads
    // start: only a large month is spread over them.
    let results: Vec<Option<(Outcome, Diagnostics)>> = if planned.len() < PARALLEL_FROM {
        planned.iter().map(read).collect()
    } else {
        planned.par_iter().map(read).collect()
    };
    for (p, result) in planned.into_iter().zip(results) {
        for d in p.before {
            diags.push(d);
        }
        if let (Some(job), Some((outcome, found))) = (p.job, result) {
            merge(ctx, job, outcome, found, mp, progress, diags);
        }
    }
}

/// Reads and checks one file, on whichever thread rayon gives it.
fn read_one(ctx: &MonthCtx<'_, '_>, job: &Job, slots: usize) -> (Outcome, Diagnostics) {
    let mut found = Diagnostics::default();
    let read = if job.size > MAX_FILE_BYTES {
        Ok(None)
    } else {
        read_bounded(&job.path, MAX_FILE_BYTES)
    };
    let bytes = match read {
        Ok(Some(b)) => b,
        Ok(None) => return (Outcome::TooLarge, found),
        Err(e) => return (Outcome::Failed(e), found),
    };
    let fctx = FileCtx {
        plan: ctx.plan,
        index: ctx.index,
        unit: job.unit,
        rel: &job.rel,
        encoding: ctx.opts.encoding,
        file: job.file,
        keep_notes: ctx.opts.notes_for == Some(ctx.month),
    };
    let mut sparse = Sparse::new(slots);
    let info = read_rows(&bytes, &fctx, &mut sparse, &mut found);
    let entries = sparse.into_entries();
    let sha256 = ctx.opts.digests.then(|| {
        use sha2::Digest;
        sha2::Sha256::digest(&bytes).into()
    });
    let outcome = Outcome::Read {
        info,
        entries,
        sha256,
    };
    (outcome, found)
}

/// Puts one file's result into the month, as reading it in place would have.
fn merge(
    ctx: &MonthCtx<'_, '_>,
    job: Job,
    outcome: Outcome,
    found: Diagnostics,
    mp: &mut MonthProgress,
    progress: &mut Progress,
    diags: &mut Diagnostics,
) {
    mp.filed[job.unit] = true;
    let mut read = FileRead {
        path: job.rel,
        month: ctx.month,
        unit: job.unit,
        rows: 0,
        encoding: "",
        value_column: None,
        sha256: None,
    };
    let unreadable = match outcome {
        Outcome::TooLarge => {
            diags.push(messages::too_large(&read.path, MAX_FILE_BYTES >> 20));
            true
        }
        Outcome::Failed(e) => {
            diags.push(messages::unreadable(&read.path, &e));
            true
        }
        Outcome::Read {
            info,
            entries,
            sha256,
        } => {
            diags.extend(found);
            for (flat, e) in entries {
                if e.is_some() {
                    mp.entries[flat] = e;
                }
            }
            read.rows = info.rows;
            read.encoding = info.encoding;
            read.value_column = info.value_column;
            read.sha256 = sha256;
            info.unreadable
        }
    };
    // The unit did file: its figures show as refused (数据有误), not missing.
    if unreadable {
        reject_unit(ctx.plan, job.unit, job.file, mp);
    }
    progress.files.push(read);
}
