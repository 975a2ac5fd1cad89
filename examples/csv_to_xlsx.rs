//! Turns some shipped progress files into workbooks as departments send them,
//! so the example workspace exercises both intake paths (issue 11). Not a user
//! command; the lead runs it after the sample data is regenerated:
//!
//! ```text
//! cargo run --example csv_to_xlsx                      # the list below, in this checkout
//! cargo run --example csv_to_xlsx -- [--root DIR] [--keep-csv] 2023-12/县人社局 …
//! ```
//!
//! Each `data/M/UNIT.csv` becomes `data/M/UNIT.xlsx` (and the CSV is removed,
//! unless `--keep-csv`: a unit with both is a duplicate-file error): a sheet 进展
//! with a merged title row (县人社局2023年12月民生实事进展表) above the header, the
//! ids and words as text cells, 累计完成 as number cells (`3,200` → 3200), and a
//! percent indicator's figure as a percent-formatted cell (92.6 → 0.926 shown
//! as 92.6%), as Excel saves what a clerk typed. Deterministic: a fixed creation
//! time, so the same CSV gives the same bytes.
//!
//! A month that is closed (`archive/M/`) must be closed again after its files
//! change: `bash scripts/close_sample_months.sh`. The default list converts three
//! files of the open month 2023-12 and one of the closed month 2023-09 (so the
//! archive holds a workbook too). `scripts/make_sample.sh` runs the generator,
//! this, and the close script in that order.

use mingsheng::diag::Diagnostics;
use mingsheng::month::Month;
use mingsheng::plan::Plan;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, Workbook};
use std::path::{Path, PathBuf};

/// The files converted by default: one unit with a `3,200` figure, the unit
/// whose indicators are percents, and one with several items.
const SAMPLE: &[&str] = &[
    "2023-12/县人社局",
    "2023-12/市生态环境局双牌分局",
    "2023-12/县民政局",
    "2023-09/县水利局",
];

fn main() -> anyhow::Result<()> {
    let mut root = PathBuf::from(".");
    let mut keep_csv = false;
    let mut list: Vec<String> = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--root" => root = PathBuf::from(args.next().expect("--root DIR")),
            "--keep-csv" => keep_csv = true,
            _ => list.push(a),
        }
    }
    if list.is_empty() {
        list = SAMPLE.iter().map(|s| s.to_string()).collect();
    }
    let plan = load_plan(&root)?;
    for entry in &list {
        let (month, unit) = entry
            .split_once('/')
            .ok_or_else(|| anyhow::anyhow!("want MONTH/UNIT, got {entry}"))?;
        let month: Month = month.parse().map_err(|e| anyhow::anyhow!("{e:?}"))?;
        let csv = root.join(format!("data/{month}/{unit}.csv"));
        let xlsx = csv.with_extension("xlsx");
        let bytes = convert(&plan, &csv, unit, month)?;
        std::fs::write(&xlsx, bytes)?;
        if !keep_csv {
            std::fs::remove_file(&csv)?;
        }
        println!("{} → {}", csv.display(), xlsx.display());
    }
    Ok(())
}

fn load_plan(root: &Path) -> anyhow::Result<Plan> {
    let path = root.join("seeds/2023.toml");
    let text = std::fs::read_to_string(&path)?;
    let mut diags = Diagnostics::default();
    mingsheng::plan::load::parse_plan_text("seeds/2023.toml", &text, &mut diags)
        .ok_or_else(|| anyhow::anyhow!("{} does not load", path.display()))
}

/// Whether an indicator of the plan, by item and indicator id, is a percent.
fn is_percent(plan: &Plan, item: &str, indicator: &str) -> bool {
    plan.items
        .iter()
        .filter(|it| it.id == item)
        .flat_map(|it| &it.indicators)
        .any(|k| (k.id == indicator || k.name == indicator) && k.unit == "%")
}

/// One CSV form as the workbook a department would send.
fn convert(plan: &Plan, csv: &Path, unit: &str, month: Month) -> anyhow::Result<Vec<u8>> {
    let bytes = std::fs::read(csv)?;
    let decoded = mingsheng::progress::decode::decode(&bytes, None)
        .map_err(|e| anyhow::anyhow!("{}: {e:?}", csv.display()))?;
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(decoded.delimiter)
        .from_reader(decoded.text.as_bytes());
    let records: Vec<csv::StringRecord> = rdr.records().collect::<Result<_, _>>()?;
    let header = records.first().cloned().unwrap_or_default();
    let col = |name: &str| header.iter().position(|h| h.trim() == name);
    let (item_c, ind_c, value_c) = (col("事项编号"), col("指标"), col("累计完成"));
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_ymd(month.year() as u16, month.month() as u8, 1)?;
    wb.set_properties(&DocProperties::new().set_creation_datetime(&created));
    let ws = wb.add_worksheet();
    ws.set_name("进展")?;
    let title = format!("{unit}{}民生实事进展表", month.zh());
    let last = header.len().max(1) as u16 - 1;
    let title_f = Format::new().set_bold().set_align(FormatAlign::Center);
    ws.merge_range(0, 0, 0, last, &title, &title_f)?;
    let pct = Format::new().set_num_format("0.0%");
    let bold = Format::new().set_bold();
    for (r, rec) in records.iter().enumerate() {
        let r = r as u32 + 1;
        let get = |c: Option<usize>| c.and_then(|c| rec.get(c)).unwrap_or("");
        let percent = is_percent(plan, get(item_c), get(ind_c));
        for (c, cell) in rec.iter().enumerate() {
            let number = cell.trim().replace(',', "").parse::<f64>().ok();
            match number {
                _ if r == 1 => ws.write_string_with_format(r, c as u16, cell, &bold)?,
                Some(x) if Some(c) == value_c && percent => {
                    ws.write_number_with_format(r, c as u16, x / 100.0, &pct)?
                }
                Some(x) if Some(c) == value_c => ws.write_number(r, c as u16, x)?,
                _ => ws.write_string(r, c as u16, cell)?,
            };
        }
    }
    Ok(wb.save_to_buffer()?)
}
