//! `mingsheng template`: each reporting unit's blank progress file for a month.
//!
//! ```text
//! mingsheng template --month M [--unit U] [-o DIR] [--encoding utf8|gbk] [--force]
//! ```
//!
//! One form per unit that reports indicators in the plan version of month M (or
//! only unit U), named `<unit name>.csv`, pre-filled with the unit's items and
//! indicators, their names, units of measure and targets, and last month's
//! values as hint columns; 累计完成, 状态, 进展情况, 存在问题 and 下步计划 are left
//! blank for the department. Written into `data/M/` by default (the only command
//! that writes there) or `-o DIR`; UTF-8 with a BOM so Excel opens it right, or
//! GB18030 with `--encoding gbk`. `--format xlsx` writes `<unit name>.xlsx`
//! instead: a protected workbook with a dropdown for 状态, number checks on
//! 累计完成 and a 填报说明 sheet (see [`crate::render::form_xlsx`]). Files are
//! written whole (temporary file and rename).
//!
//! A filed report is never destroyed: without `--unit`, units whose file in
//! `data/M/` holds a figure or a word of text get no form; a file that holds work
//! is never overwritten, `--force` included; `--force` only regenerates a form
//! that is still blank, under the unit's own name. It says what it wrote and
//! what it skipped, and why.

use crate::app::{App, Exit};
use crate::lang::pick;
use crate::lang::Lang;
use crate::month::Month;
use crate::plan::{Kind, Plan, PlanSet};
use crate::progress::form::{status_word, HEADER};
use crate::progress::read::{holds_work, read_progress, unit_of_file, ReadOptions};
use crate::progress::suggest::{nearest_unit, typed_extension};
use crate::progress::{Progress, WorkStatus};
use crate::render::export::{encode_for_excel, safe_text, write_atomic};
use crate::render::form_xlsx::{form_workbook, Cell, FormRow};
use crate::tr;
use crate::value::num;
use crate::workspace::Workspace;
use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// 报表所属月份（YYYY-MM）(the month of the forms)
    #[arg(long, value_name = "M")]
    month: Month,
    /// 只生成这个单位的报表（名称、简称或编号）(only this unit: name, alias or id)
    #[arg(long, value_name = "U")]
    unit: Option<String>,
    /// 输出目录，默认 data/M/ (output folder; default data/M/)
    #[arg(short = 'o', long = "output", value_name = "DIR")]
    output: Option<PathBuf>,
    /// 文件编码：utf8（带 BOM，默认）或 gbk (file encoding)
    #[arg(long, value_enum, default_value_t = OutEncoding::Utf8)]
    encoding: OutEncoding,
    /// 重新生成尚未填写的空白报表；已填写的报表任何时候都不会被覆盖 (regenerate forms that are still blank; a filled-in report is never overwritten)
    #[arg(long)]
    force: bool,
    /// 报表格式：csv（默认）或 xlsx（带下拉框、数值校验和填报说明的工作簿）(form format: csv, or an xlsx workbook with a dropdown, number checks and instructions)
    #[arg(long, value_enum, default_value_t = FormFormat::Csv)]
    format: FormFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum FormFormat {
    /// CSV 文本
    Csv,
    /// Excel 工作簿
    Xlsx,
}

impl FormFormat {
    fn extension(self) -> &'static str {
        match self {
            FormFormat::Csv => "csv",
            FormFormat::Xlsx => "xlsx",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum OutEncoding {
    /// UTF-8 带 BOM
    #[value(alias = "utf-8")]
    Utf8,
    /// GBK（以 GB18030 写出）
    #[value(alias = "gb18030")]
    Gbk,
}

pub fn run(app: &App, args: Args) -> Result<Exit> {
    let ws = app.workspace()?;
    let Some(plans) = app.plans(&ws)? else {
        return Ok(Exit::Findings);
    };
    let l = app.lang;
    let month = args.month;
    let plan = super::plan_for_month(app.lang, &plans, month)?;
    let units = units_asked(plan, args.unit.as_deref(), l)?;
    let prev = month.prev();
    let last = last_month(&ws, &plans, plan, month)?;
    let month_dir = ws.data_dir().join(month.to_string());
    // A closed month's folder is the issued record's twin: a new file there
    // would show as added after close. Forms elsewhere (-o) are fine.
    if args.output.is_none() && crate::archive::Record::load(&ws)?.is_closed(month) {
        bail!(
            "{}",
            tr!(
                "{month} 已关账，不再向 data/{month}/ 写入报表；如需更正，请先 mingsheng reopen --month {month} --reason \"…\"（或用 -o 目录 另存报表）",
                "{month} is closed: no forms are written into data/{month}/; reopen it first (mingsheng reopen --month {month} --reason \"…\"), or write them elsewhere with -o DIR",
            )
            .take(l)
        );
    }
    let dir = match &args.output {
        Some(d) => d.clone(),
        None => month_dir.clone(),
    };
    std::fs::create_dir_all(&dir).with_context(|| {
        tr!(
            "无法创建目录 {}",
            "cannot create the folder {}",
            dir.display()
        )
    })?;
    let filed = unit_files(plan, &month_dir)?;
    let present = if dir == month_dir {
        filed.clone()
    } else {
        unit_files(plan, &dir)?
    };
    // Decide for every unit before writing anything.
    let targets = Targets {
        ws: &ws,
        plan,
        dir: &dir,
        filed: &filed,
        present: &present,
    };
    let (plan_out, skipped) = targets.decide(&args, &units);
    let mut written = Vec::new();
    for (u, path) in plan_out {
        let rows = form_rows(plan, &plans, &last, prev, u);
        let title = format!("{}{}民生实事进展表", plan.units[u].name, month.zh());
        write_atomic(&path, &form_bytes(&args, month, &title, &rows)?)?;
        written.push(ws.rel(&path));
    }
    let out = summary(app.lang, month, &plan.version, &written, &skipped);
    super::emit(None, out.as_bytes())?;
    Ok(Exit::Ok)
}

/// The units to write forms for: every reporting unit, or the one `--unit` names.
fn units_asked(plan: &Plan, unit: Option<&str>, l: Lang) -> Result<Vec<usize>> {
    let reporting = plan.reporting_units();
    Ok(match unit {
        Some(name) => {
            let Some(u) = plan.unit_by_name(name) else {
                bail!(
                    "{}",
                    tr!(
                        "任务清单中没有单位「{name}」",
                        "the task list has no unit `{name}`"
                    )
                    .take(l)
                );
            };
            if !reporting.contains(&u) {
                bail!(
                    "{}",
                    tr!(
                        "{} 不负责报送任何指标，无需报表",
                        "{} reports no indicator; it has no form",
                        plan.units[u].name
                    )
                    .take(l)
                );
            }
            vec![u]
        }
        None => reporting,
    })
}

/// Last month's figures, when last month belongs to the same plan year: the
/// form shows them beside the blank column.
fn last_month(ws: &Workspace, plans: &PlanSet, plan: &Plan, month: Month) -> Result<Progress> {
    let prev = month.prev();
    if prev.year() != plan.year || plans.for_month(prev).is_none() {
        return Ok(Progress::default());
    }
    let opts = ReadOptions {
        from: Some(prev),
        to: Some(prev),
        ..ReadOptions::default()
    };
    let mut quiet = crate::diag::Diagnostics::default();
    Ok(read_progress(ws, plans, &opts, &mut quiet)?)
}

/// One unit's form in the format asked for.
fn form_bytes(args: &Args, month: Month, title: &str, rows: &[FormRow]) -> Result<Vec<u8>> {
    Ok(match args.format {
        FormFormat::Csv => encode_for_excel(&csv_form(rows)?, args.encoding == OutEncoding::Gbk),
        FormFormat::Xlsx => form_workbook(title, (month.year() as u16, month.month() as u8), rows)?,
    })
}

/// Where each unit's form would go, and the files already there.
struct Targets<'a> {
    ws: &'a crate::workspace::Workspace,
    plan: &'a Plan,
    dir: &'a Path,
    /// The unit files of data/M/ and of the output folder.
    filed: &'a [UnitFile],
    present: &'a [UnitFile],
}

impl Targets<'_> {
    /// The forms to write (unit, path) and the units skipped, with why.
    fn decide(&self, args: &Args, units: &[usize]) -> (Vec<(usize, PathBuf)>, Vec<Skipped>) {
        let mut plan_out: Vec<(usize, PathBuf)> = Vec::new();
        let mut skipped: Vec<Skipped> = Vec::new();
        for &u in units {
            let target = self.dir.join(format!(
                "{}.{}",
                self.plan.units[u].name,
                args.format.extension()
            ));
            let theirs = |files: &[UnitFile]| {
                files
                    .iter()
                    .filter(|f| f.unit == u)
                    .cloned()
                    .collect::<Vec<_>>()
            };
            let worked = |f: &UnitFile| {
                let why = if f.misnamed {
                    Skip::Misnamed
                } else {
                    Skip::Filed
                };
                (self.ws.rel(&f.path), why)
            };
            // A unit that filed its report needs no form, unless asked for by name.
            if args.unit.is_none() {
                if let Some(f) = theirs(self.filed).iter().find(|f| f.work) {
                    skipped.push(worked(f));
                    continue;
                }
            }
            let here = theirs(self.present);
            if let Some(f) = here.iter().find(|f| f.work) {
                skipped.push(worked(f));
                continue;
            }
            if let Some(f) = here.iter().find(|f| f.path != target) {
                skipped.push((self.ws.rel(&f.path), Skip::BlankElsewhere));
                continue;
            }
            if !here.is_empty() && !args.force {
                skipped.push((self.ws.rel(&target), Skip::Blank));
                continue;
            }
            plan_out.push((u, target));
        }
        (plan_out, skipped)
    }
}

/// A unit given no form: the file that stands for it, and why.
type Skipped = (String, Skip);

/// Why a unit got no form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Skip {
    /// Its file holds a figure or a word of text: never replaced.
    Filed,
    /// A blank form is already there (`--force` replaces it).
    Blank,
    /// A blank form under another name (an alias or id): left alone, so the
    /// unit never ends up with two files.
    BlankElsewhere,
    /// A file with work under a name that is nearly the unit's: most likely
    /// its report, to be renamed rather than given a second, blank form.
    Misnamed,
}

/// A file in a folder that belongs to a unit of the plan.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct UnitFile {
    unit: usize,
    path: PathBuf,
    /// It holds a department's work (see [`holds_work`]).
    work: bool,
    /// Its name is no unit's, but names one nearly (`林业局12月.csv`): most
    /// likely that unit's report under a wrong name.
    misnamed: bool,
}

/// The files of a folder that belong to a unit of `plan`, by name or nearly.
fn unit_files(plan: &Plan, dir: &Path) -> Result<Vec<UnitFile>> {
    let mut out = Vec::new();
    if !dir.is_dir() {
        return Ok(out);
    }
    let entries = std::fs::read_dir(dir).with_context(|| {
        tr!(
            "无法读取目录 {}",
            "cannot list the folder {}",
            dir.display()
        )
    })?;
    for e in entries {
        let p = e
            .with_context(|| {
                tr!(
                    "无法读取目录 {}",
                    "cannot list the folder {}",
                    dir.display()
                )
            })?
            .path();
        if crate::workspace::is_office_temp(&p) || p.is_dir() {
            continue;
        }
        let stem = p
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let named = unit_of_file(plan, &stem)
            .or_else(|| typed_extension(&stem).and_then(|b| unit_of_file(plan, b)))
            .map(|(u, _)| (u, false));
        let Some((unit, misnamed)) = named.or_else(|| nearest_unit(plan, &stem).map(|u| (u, true)))
        else {
            continue;
        };
        // Whatever cannot be read in full is kept as somebody's work.
        let work = match std::fs::metadata(&p) {
            Ok(m) if m.is_file() && m.len() <= MAX_FORM_BYTES => {
                std::fs::read(&p).map_or(true, |b| holds_work(&b, &p.to_string_lossy()))
            }
            _ => true,
        };
        // A blank file under a wrong name is nobody's form: ignored.
        if misnamed && !work {
            continue;
        }
        out.push(UnitFile {
            unit,
            path: p,
            work,
            misnamed,
        });
    }
    out.sort();
    Ok(out)
}

/// A file larger than this is nobody's blank form.
const MAX_FORM_BYTES: u64 = 1 << 20;

fn summary(
    l: Lang,
    month: Month,
    version: &str,
    written: &[String],
    skipped: &[(String, Skip)],
) -> String {
    let mut out = tr!(
        "已生成 {month} 的报表 {n} 个（任务清单版本 {version}）",
        "wrote {n} form(s) for {month} (plan version {version})",
        month = month.label(l),
        n = written.len(),
    )
    .take(l);
    out.push_str(if written.is_empty() {
        pick(l, "。\n", ".\n")
    } else {
        pick(l, "：\n", ":\n")
    });
    for w in written {
        out.push_str(&format!("  {w}\n"));
    }
    if skipped.is_empty() {
        return out;
    }
    out.push_str(&tr!("跳过 {} 个单位：\n", "skipped {} unit(s):\n", skipped.len()).take(l));
    for (p, why) in skipped {
        let why = match why {
            Skip::Filed => pick(
                l,
                "已报送（文件中已有填报内容，不会覆盖）",
                "filed (the file holds figures or text; never overwritten)",
            ),
            Skip::Blank => pick(
                l,
                "已有空白报表（尚未填写；如需重新生成空白报表，加 --force）",
                "a blank form is already there (not filled in; --force regenerates a blank form)",
            ),
            Skip::Misnamed => pick(
                l,
                "文件名不规范，但像是该单位已交的报表（请改为单位名称后再运行 check），未另生成",
                "badly named, but looks like this unit's report (rename it after the unit, then run check); no form written",
            ),
            Skip::BlankElsewhere => pick(
                l,
                "已有该单位的空白报表（文件名不同，未另生成）",
                "the unit's blank form is there under another name (no second file written)",
            ),
        };
        out.push_str(&format!("  {p}  {why}\n"));
    }
    out
}

/// One unit's rows of the form: its indicators in plan order, pre-filled.
fn form_rows(
    plan: &Plan,
    plans: &crate::plan::PlanSet,
    last: &Progress,
    prev: Month,
    unit: usize,
) -> Vec<FormRow> {
    let mut rows = Vec::new();
    for r in plan.indicator_refs() {
        let ind = plan.indicator(r);
        if ind.reporter != unit {
            continue;
        }
        if !ind.stages.is_empty() {
            rows.extend(stage_rows(
                &plan.items[r.item].id,
                ind,
                last.entry(plans, plan, r, prev),
            ));
            continue;
        }
        let target = match (ind.kind, ind.baseline) {
            (Kind::Level, Some(b)) => Cell::Text(format!("{}→{}", num(b), num(ind.target))),
            (Kind::Milestone, _) => Cell::Text(status_word(WorkStatus::Done).to_string()),
            _ => Cell::Num(ind.target),
        };
        let previous = match last.entry(plans, plan, r, prev) {
            Some(e) => match (e.value, e.status) {
                (Some(v), _) => Cell::Num(v),
                (None, Some(s)) => Cell::Text(status_word(s).to_string()),
                (None, None) => Cell::Empty,
            },
            None => Cell::Empty,
        };
        rows.push(FormRow {
            item: plan.items[r.item].id.clone(),
            indicator: ind.id.clone(),
            name: ind.name.clone(),
            unit: ind.unit.clone(),
            target,
            previous,
            percent: ind.kind == Kind::Milestone || ind.is_percent(),
            milestone: ind.kind == Kind::Milestone,
            stage: false,
        });
    }
    rows
}

/// One unit's form as CSV text (CRLF, as Excel writes).
fn csv_form(rows: &[FormRow]) -> Result<String> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    w.write_record(HEADER)?;
    let text = |c: &Cell| match c {
        Cell::Text(s) => s.clone(),
        Cell::Num(x) => num(*x),
        Cell::Empty => String::new(),
    };
    for row in rows {
        w.write_record([
            row.item.as_str(),
            &safe_text(&row.indicator),
            &safe_text(&row.name),
            &safe_text(&row.unit),
            &text(&row.target),
            &text(&row.previous),
            "",
            "",
            "",
            "",
            "",
        ])?;
    }
    let bytes = w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(String::from_utf8(bytes)?)
}

/// A staged milestone's rows, one per stage: 指标 = the stage's name, 指标名称 =
/// the indicator's and the stage's, 计量单位 = 阶段, 目标 = its node (9月底前),
/// 上月累计 = last month's status of the stage. The department fills only 状态
/// and the words; 累计完成 stays blank (locked in the workbook).
fn stage_rows(
    item: &str,
    ind: &crate::plan::Indicator,
    last: Option<&crate::progress::Entry>,
) -> Vec<FormRow> {
    ind.stages
        .iter()
        .map(|s| {
            let previous = last
                .and_then(|e| crate::assess::stages::reported_status(e, &s.name))
                .map_or(Cell::Empty, |w| Cell::Text(status_word(w).to_string()));
            FormRow {
                item: item.to_string(),
                indicator: s.name.clone(),
                name: format!("{}：{}", ind.name, s.name),
                unit: "阶段".to_string(),
                target: Cell::Text(format!("{}月底前", s.due.month())),
                previous,
                percent: false,
                milestone: true,
                stage: true,
            }
        })
        .collect()
}
