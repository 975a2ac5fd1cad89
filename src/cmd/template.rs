//! `mingsheng template`: each reporting unit's blank progress file for a month.
//!
//! ```text
//! mingsheng template --month M [--unit U] [-o DIR] [--encoding utf8|gbk] [--force]
//! ```
//!
//! One CSV per unit that reports indicators in the plan version of month M (or
//! only unit U), named `<unit name>.csv`, pre-filled with the unit's items and
//! indicators, their names, units of measure and targets, and last month's
//! values as hint columns; 累计完成, 状态, 进展情况, 存在问题 and 下步计划 are left
//! blank for the department. Written into `data/M/` by default (the only command
//! that writes there) or `-o DIR`; UTF-8 with a BOM so Excel opens it right, or
//! GB18030 with `--encoding gbk`. An existing file is never overwritten without
//! `--force`, and files are written whole (temporary file and rename).

use crate::cli::{App, Exit};
use crate::lang::Lang;
use crate::month::Month;
use crate::plan::{Kind, Plan};
use crate::progress::read::{read_progress, unit_of_file, ReadOptions};
use crate::progress::{Progress, WorkStatus};
use crate::render::export::{encode_for_excel, safe_text, write_atomic};
use crate::render::num;
use anyhow::{bail, Context, Result};
use std::path::PathBuf;

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
    /// 覆盖已存在的同名文件 (overwrite existing files)
    #[arg(long)]
    force: bool,
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

/// The template's header; the reader knows every one of these columns.
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

pub fn run(app: &App, args: Args) -> Result<Exit> {
    let ws = app.workspace()?;
    let Some(plans) = app.plans(&ws)? else {
        return Ok(Exit::Findings);
    };
    let zh = app.lang == Lang::Zh;
    let month = args.month;
    let Some(plan) = plans.for_month(month) else {
        bail!(
            "{}",
            if zh {
                format!("{month} 没有生效的任务清单版本")
            } else {
                format!("no plan version is in force in {month}")
            }
        );
    };
    let reporting = plan.reporting_units();
    let units: Vec<usize> = match &args.unit {
        Some(name) => {
            let Some(u) = plan.unit_by_name(name) else {
                bail!(
                    "{}",
                    if zh {
                        format!("任务清单中没有单位「{name}」")
                    } else {
                        format!("the task list has no unit `{name}`")
                    }
                );
            };
            if !reporting.contains(&u) {
                bail!(
                    "{}",
                    if zh {
                        format!("{} 不负责报送任何指标，无需报表", plan.units[u].name)
                    } else {
                        format!(
                            "{} reports no indicator; it has no form",
                            plan.units[u].name
                        )
                    }
                );
            }
            vec![u]
        }
        None => reporting,
    };
    // Last month's figures, when last month belongs to the same plan year.
    let prev = month.prev();
    let last = if prev.year() == plan.year && plans.for_month(prev).is_some() {
        let opts = ReadOptions {
            from: Some(prev),
            to: Some(prev),
            encoding: None,
        };
        let mut quiet = crate::diag::Diagnostics::default();
        read_progress(&ws, &plans, &opts, &mut quiet)?
    } else {
        Progress::default()
    };
    let dir = match &args.output {
        Some(d) => d.clone(),
        None => ws.data_dir().join(month.to_string()),
    };
    std::fs::create_dir_all(&dir)
        .with_context(|| format!("无法创建目录 {} (cannot create the folder)", dir.display()))?;
    // Refuse before writing anything: an existing file of the same name, or the
    // unit's file under another name (a second file would be a duplicate).
    let existing: Vec<(PathBuf, String)> = std::fs::read_dir(&dir)
        .with_context(|| format!("无法读取目录 {} (cannot list the folder)", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && !crate::workspace::is_office_temp(p))
        .map(|p| {
            let stem = p
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            (p, stem)
        })
        .collect();
    let mut conflicts = Vec::new();
    for &u in &units {
        let target = dir.join(format!("{}.csv", plan.units[u].name));
        for (p, stem) in &existing {
            let same_unit = unit_of_file(plan, stem).is_some_and(|(x, _)| x == u);
            let clash = if *p == target { !args.force } else { same_unit };
            if clash {
                conflicts.push(ws.rel(p));
            }
        }
    }
    if !conflicts.is_empty() {
        bail!(
            "{}",
            if zh {
                format!(
                    "以下单位本月已有文件，未生成任何报表（同名文件可加 --force 覆盖）：{}",
                    conflicts.join("、")
                )
            } else {
                format!(
                    "these units already have a file; nothing was written (--force overwrites files of the same name): {}",
                    conflicts.join(", ")
                )
            }
        );
    }
    let mut written = Vec::new();
    for &u in &units {
        let text = form(plan, &plans, &last, prev, u)?;
        let bytes = encode_for_excel(&text, args.encoding == OutEncoding::Gbk);
        let path = dir.join(format!("{}.csv", plan.units[u].name));
        write_atomic(&path, &bytes)?;
        written.push(ws.rel(&path));
    }
    let mut out = String::new();
    if zh {
        out.push_str(&format!(
            "已生成 {} 的报表 {} 个（任务清单版本 {}）：\n",
            month.zh(),
            written.len(),
            plan.version
        ));
    } else {
        out.push_str(&format!(
            "wrote {} form(s) for {month} (plan version {}):\n",
            written.len(),
            plan.version
        ));
    }
    for w in &written {
        out.push_str(&format!("  {w}\n"));
    }
    super::emit(None, out.as_bytes())?;
    Ok(Exit::Ok)
}

/// One unit's form as CSV text (CRLF, as Excel writes).
fn form(
    plan: &Plan,
    plans: &crate::plan::PlanSet,
    last: &Progress,
    prev: Month,
    unit: usize,
) -> Result<String> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    w.write_record(HEADER)?;
    for r in plan.indicator_refs() {
        let ind = plan.indicator(r);
        if ind.reporter != unit {
            continue;
        }
        let item = &plan.items[r.item];
        let target = match (ind.kind, ind.baseline) {
            (Kind::Level, Some(b)) => format!("{}→{}", num(b), num(ind.target)),
            (Kind::Milestone, _) => "已完成".to_string(),
            _ => num(ind.target),
        };
        let previous = match last.entry(plans, plan, r, prev) {
            Some(e) => match (e.value, e.status) {
                (Some(v), _) => num(v),
                (None, Some(s)) => status_label(s).to_string(),
                (None, None) => String::new(),
            },
            None => String::new(),
        };
        w.write_record([
            item.id.as_str(),
            ind.id.as_str(),
            &safe_text(&ind.name),
            &safe_text(&ind.unit),
            &target,
            &previous,
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

fn status_label(s: WorkStatus) -> &'static str {
    match s {
        WorkStatus::NotStarted => "未启动",
        WorkStatus::InProgress => "推进中",
        WorkStatus::Done => "已完成",
    }
}
