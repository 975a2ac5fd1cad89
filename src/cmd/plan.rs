//! `mingsheng plan`: the task list as a table, as JSON, or what a revision changed.
//!
//! ```text
//! mingsheng plan [--month M | --version LABEL] [--format table|json]
//! mingsheng plan --diff V1 V2 [--format table|json]
//! mingsheng plan --versions
//! mingsheng plan --units [--month M | --version LABEL] [--format table|json]
//! ```

use super::TableOrJson as Format;
use crate::app::{App, Exit};
use crate::lang::Lang;
use crate::month::Month;
use crate::plan::diff::diff;
use crate::plan::{Plan, PlanSet};
use crate::render::json::pretty;
use crate::report::plan;
use crate::tr;
use anyhow::{bail, Result};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// 显示该月适用的版本 (the version in force in month M, YYYY-MM)
    #[arg(long, value_name = "M", conflicts_with = "version")]
    month: Option<Month>,
    /// 显示指定标签的版本 (the version with this label)
    #[arg(long, value_name = "LABEL")]
    version: Option<String>,
    /// 比较两个版本 (what changed from V1 to V2)
    #[arg(long, num_args = 2, value_names = ["V1", "V2"], conflicts_with_all = ["month", "version"])]
    diff: Option<Vec<String>>,
    /// 列出所有版本 (list the versions)
    #[arg(long, conflicts_with_all = ["month", "version", "diff"])]
    versions: bool,
    /// 列出各单位的名称、简称和编号，及其牵头的事项和报送的指标数 (list the units with their aliases and ids)
    #[arg(long, conflicts_with_all = ["diff", "versions"])]
    units: bool,
    /// 输出格式 (output format)
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

pub fn run(app: &App, args: Args) -> Result<Exit> {
    let ws = app.workspace()?;
    let Some(set) = app.plans(&ws)? else {
        return Ok(Exit::Findings);
    };
    let (style, l) = (app.style, app.lang);
    let json = args.format == Format::Json;
    let out = if let Some(pair) = &args.diff {
        let old = find(&set, &pair[0], l)?;
        let new = find(&set, &pair[1], l)?;
        let changes = diff(old, new);
        if json {
            pretty(&plan::diff_json(old, new, &changes))?
        } else {
            plan::diff_table(old, new, &changes, style, l)
        }
    } else if args.versions {
        if json {
            pretty(&plan::versions_json(&set))?
        } else {
            plan::versions_table(&set, style, l)
        }
    } else {
        let p = chosen(&set, &args, l)?;
        match (json, args.units) {
            (true, false) => pretty(&plan::plan_json(p))?,
            (false, false) => plan::plan_table(p, style, l),
            (true, true) => pretty(&plan::units_json(p))?,
            (false, true) => plan::units_table(p, style, l),
        }
    };
    super::emit(None, out.as_bytes())?;
    Ok(Exit::Ok)
}

/// The version asked for by `--month` or `--version`, else the latest.
fn chosen<'a>(set: &'a PlanSet, args: &Args, l: Lang) -> Result<&'a Plan> {
    Ok(match (&args.month, &args.version) {
        (Some(m), _) => match set.for_month(*m) {
            Some(p) => p,
            None => bail!(
                "{}",
                tr!(
                    "{m} 之前没有生效的任务清单版本",
                    "no plan version is in force in {m}"
                )
                .take(l)
            ),
        },
        (None, Some(v)) => find(set, v, l)?,
        (None, None) => set.latest().expect("at least one version"),
    })
}

fn find<'a>(set: &'a PlanSet, label: &str, lang: Lang) -> Result<&'a Plan> {
    match set.by_label(label) {
        Some(p) => Ok(p),
        None => {
            let known = set
                .versions
                .iter()
                .map(|p| p.version.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            bail!(
                "{}",
                tr!(
                    "没有标签为「{label}」的版本；现有版本：{known}",
                    "no version labelled `{label}`; versions: {known}"
                )
                .take(lang)
            )
        }
    }
}
