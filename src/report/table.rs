//! The report in the terminal: the headline, then the per-item table aligned with
//! Chinese text (comfy-table measures CJK as double width).

use super::{pct_or_dash, Report};
use crate::assess::Status;
use crate::lang::{pick, Lang};
use crate::render::pct;
use crate::render::table::{colored, new_table, right, Style};
use comfy_table::{Cell, Color};
use std::fmt::Write as _;

/// The colour of a status when colour is on.
pub fn status_color(s: Status) -> Option<Color> {
    match s {
        Status::Done => Some(Color::Green),
        Status::Ahead => Some(Color::Cyan),
        Status::OnTrack => None,
        Status::Behind => Some(Color::Yellow),
        Status::SeverelyBehind => Some(Color::Red),
        Status::Overdue => Some(Color::Magenta),
        Status::NotReported => Some(Color::DarkGrey),
    }
}

/// The headline lines: cut-off, plan version, inputs hash, counts and shares.
pub fn headline(r: &Report) -> String {
    let l = r.lang;
    let plan = r.plan();
    let mut out = String::new();
    let _ = match l {
        Lang::Zh => writeln!(
            out,
            "{}月调度情况（第{}期，{}）",
            plan.title,
            r.month().month(),
            r.cutoff()
        ),
        Lang::En => writeln!(
            out,
            "{} — monthly dispatch no. {}, {}",
            plan.title,
            r.month().month(),
            r.cutoff()
        ),
    };
    if let Some(line) = r.unit_line() {
        let _ = writeln!(out, "{line}");
    }
    let _ = writeln!(out, "{}", r.headline());
    let shares: Vec<String> = r
        .shares()
        .iter()
        .map(|s| match l {
            Lang::Zh => format!("{} {} 项（{}）", s.label, s.n, pct(s.share)),
            Lang::En => format!("{} {} ({})", s.label, s.n, pct(s.share)),
        })
        .collect();
    let _ = writeln!(out, "{}", shares.join(pick(l, "，", ", ")));
    // Who did not report and who reported late (SPEC §10), when anyone.
    let names = |us: &[usize]| -> String {
        us.iter()
            .map(|&u| plan.units[u].name.as_str())
            .collect::<Vec<_>>()
            .join(pick(l, "、", ", "))
    };
    let mut who = Vec::new();
    if !r.missing.is_empty() {
        who.push(format!(
            "{}{}",
            pick(l, "未报送：", "not filed: "),
            names(&r.missing)
        ));
    }
    if !r.late.is_empty() {
        who.push(format!(
            "{}{}",
            pick(l, "逾期报送：", "filed late: "),
            names(&r.late)
        ));
    }
    if !who.is_empty() {
        let _ = writeln!(out, "{}", who.join(pick(l, "；", "; ")));
    }
    let _ = match l {
        Lang::Zh => writeln!(
            out,
            "任务清单版本 {}（{}），输入数据 SHA-256 {}",
            plan.version, plan.file, r.inputs.sha256
        ),
        Lang::En => writeln!(
            out,
            "plan version {} ({}), inputs SHA-256 {}",
            plan.version, plan.file, r.inputs.sha256
        ),
    };
    out
}

/// Headline and per-item table.
pub fn render(r: &Report, style: Style) -> String {
    let l = r.lang;
    let mut t = new_table(
        style,
        &[
            pick(l, "序号", "no."),
            pick(l, "工作事项 / 指标", "item / indicator"),
            pick(l, "牵头单位", "lead"),
            pick(l, "目标", "target"),
            pick(l, "累计完成", "achieved"),
            pick(l, "本月", "this month"),
            pick(l, "完成率", "completion"),
            pick(l, "序时进度", "time progress"),
            pick(l, "差距", "gap"),
            pick(l, "状态", "status"),
        ],
    );
    for row in r.rows() {
        let status = row.status_label(l);
        t.add_row(vec![
            Cell::new(&row.no),
            Cell::new(&row.name),
            Cell::new(&row.lead),
            right(&row.target_text),
            right(&row.value_text),
            right(&row.increment_text),
            right(pct_or_dash(row.completion)),
            right(pct(row.expected)),
            Cell::new(&row.gap_text),
            colored(status, status_color(row.status), style),
        ]);
    }
    format!("{}\n{t}\n", headline(r))
}
