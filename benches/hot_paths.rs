//! Micro-benchmarks of the hot paths (issue 6): decoding, value parsing, the
//! intake of one progress file, assessing a month, loading the task list.
//! `cargo bench --bench hot_paths`; CI only builds them (`cargo bench --no-run`).
//! End-to-end figures come from `scripts/bench.sh`, not from here.
//!
//! Inputs are built in memory from the county's real task list (seeds/2023.toml),
//! so nothing depends on files outside the repository.

use divan::counter::{BytesCount, ItemsCount};
use divan::{black_box, Bencher};
use mingsheng::diag::Diagnostics;
use mingsheng::month::Month;
use mingsheng::plan::load::load_plan_set;
use mingsheng::plan::{Kind, Plan, PlanSet};
use mingsheng::progress::read::{read_file, FileCtx, PlanIndex};
use mingsheng::progress::{MonthProgress, Progress};

fn main() {
    divan::main();
}

const SEED_PLAN: &str = include_str!("../seeds/2023.toml");

fn seed_plans() -> PlanSet {
    let files = vec![("seeds/2023.toml".to_string(), SEED_PLAN.to_string())];
    let mut diags = Diagnostics::default();
    let set = load_plan_set(&files, &mut diags);
    assert!(!diags.has_errors(), "the seed plan loads");
    set
}

/// A progress file for `unit` in month `m` (1-based) of the plan year, each of its
/// indicators at about m/12 of the way, as a department would fill it in; `repeat`
/// copies of the rows make a bigger file (later copies are duplicate rows, which
/// the reader reports and skips).
fn progress_csv(plan: &Plan, unit: usize, m: u32, repeat: usize) -> String {
    let mut s = String::from("事项编号,指标,累计完成,状态,进展情况,存在问题,下步计划\r\n");
    for _ in 0..repeat {
        for item in &plan.items {
            for ind in item.indicators.iter().filter(|i| i.reporter == unit) {
                let f = m as f64 / 12.0;
                let v = match ind.kind {
                    Kind::Level => ind.baseline.unwrap_or(0.0),
                    Kind::Maintain => ind.target,
                    Kind::Cumulative | Kind::Milestone => (ind.target * f).round(),
                };
                s.push_str(&format!(
                    "{},{},{v},推进中,按计划有序推进，完成{v}{},部分资金尚未到位,加大调度力度\r\n",
                    item.id, ind.id, ind.unit
                ));
            }
        }
    }
    s
}

/// The unit with the most indicators to report.
fn busiest_unit(plan: &Plan) -> usize {
    let mut counts = vec![0usize; plan.units.len()];
    for item in &plan.items {
        for ind in &item.indicators {
            counts[ind.reporter] += 1;
        }
    }
    (0..counts.len()).max_by_key(|&u| counts[u]).unwrap()
}

mod decoding {
    use super::*;

    fn sample() -> String {
        let set = seed_plans();
        let plan = &set.versions[0];
        progress_csv(plan, busiest_unit(plan), 6, 20)
    }

    #[divan::bench]
    fn utf8(b: Bencher) {
        let text = sample();
        b.counter(BytesCount::new(text.len())).bench(|| {
            mingsheng::progress::decode::decode(black_box(text.as_bytes()), None).is_ok()
        });
    }

    #[divan::bench]
    fn utf8_bom(b: Bencher) {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice(sample().as_bytes());
        b.counter(BytesCount::new(bytes.len()))
            .bench(|| mingsheng::progress::decode::decode(black_box(&bytes), None).is_ok());
    }

    /// Detection has to fail strict UTF-8 first, then decode GB18030.
    #[divan::bench]
    fn gbk(b: Bencher) {
        let text = sample();
        let (bytes, _, _) = encoding_rs::GB18030.encode(&text);
        let bytes = bytes.into_owned();
        b.counter(BytesCount::new(bytes.len()))
            .bench(|| mingsheng::progress::decode::decode(black_box(&bytes), None).is_ok());
    }
}

mod values {
    use super::*;

    /// Cells as clerks type them, with the indicator's unit.
    const CELLS: &[(&str, &str)] = &[
        ("3200", "人"),
        ("3,200", "人"),
        ("３２００", "人"),
        ("3200人", "人"),
        ("8万", "户"),
        ("92%", "%"),
        (" 650元/月 ", "元/月"),
        ("约3000", "人"),
    ];

    #[divan::bench]
    fn parse_value(b: Bencher) {
        b.counter(ItemsCount::new(CELLS.len())).bench(|| {
            CELLS
                .iter()
                .filter(|(c, u)| mingsheng::value::parse_value(black_box(c), u).is_ok())
                .count()
        });
    }

    #[divan::bench]
    fn normalize(b: Bencher) {
        b.counter(ItemsCount::new(CELLS.len())).bench(|| {
            CELLS
                .iter()
                .map(|(c, _)| mingsheng::value::normalize(black_box(c)).len())
                .sum::<usize>()
        });
    }
}

/// One department's file for one month, decoded, split, checked and stored.
#[divan::bench]
fn read_one_file(b: Bencher) {
    let set = seed_plans();
    let plan = &set.versions[0];
    let unit = busiest_unit(plan);
    let text = progress_csv(plan, unit, 6, 1);
    let rows = text.lines().count() - 1;
    let (gbk, _, _) = encoding_rs::GB18030.encode(&text);
    let bytes = gbk.into_owned();
    let index = PlanIndex::new(plan);
    let ctx = FileCtx {
        plan,
        index: &index,
        unit,
        rel: "data/2023-06/县民政局.csv",
        encoding: None,
        file: 0,
        keep_notes: false,
    };
    let month = Month::new(2023, 6).unwrap();
    b.counter(ItemsCount::new(rows)).bench(|| {
        let mut mp = MonthProgress::new(month, plan);
        let mut diags = Diagnostics::default();
        let info = read_file(black_box(&bytes), &ctx, &mut mp, &mut diags);
        assert!(!diags.has_errors());
        info.rows
    });
}

/// A month of workbooks: every reporting unit's June file as an .xlsx (title
/// row, number cells), opened, bounded, read and checked.
#[divan::bench]
fn read_month_of_workbooks(b: Bencher) {
    let set = seed_plans();
    let plan = &set.versions[0];
    let index = PlanIndex::new(plan);
    let books: Vec<(usize, Vec<u8>)> = plan
        .reporting_units()
        .into_iter()
        .map(|u| (u, workbook_of(&progress_csv(plan, u, 6, 1))))
        .collect();
    let rows: usize = plan.indicator_count();
    let month = Month::new(2023, 6).unwrap();
    b.counter(ItemsCount::new(rows)).bench(|| {
        let mut mp = MonthProgress::new(month, plan);
        let mut diags = Diagnostics::default();
        for (unit, bytes) in &books {
            let ctx = FileCtx {
                plan,
                index: &index,
                unit: *unit,
                rel: "data/2023-06/x.xlsx",
                encoding: None,
                file: 0,
                keep_notes: false,
            };
            read_file(black_box(bytes), &ctx, &mut mp, &mut diags);
        }
        assert!(!diags.has_errors());
        mp.entries.len()
    });
}

/// A CSV form (no quoted cells) as a department's workbook: a title row above
/// the header, numbers as number cells.
fn workbook_of(csv: &str) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "民生实事进展表").unwrap();
    for (r, line) in csv.lines().enumerate() {
        for (c, cell) in line.split(',').enumerate() {
            let (r, c) = (r as u32 + 1, c as u16);
            match cell.parse::<f64>() {
                Ok(x) if c == 2 => ws.write_number(r, c, x).unwrap(),
                _ => ws.write_string(r, c, cell).unwrap(),
            };
        }
    }
    wb.save_to_buffer().unwrap()
}

/// Every reporting unit's file for January to June, read once outside the timing.
fn six_months(set: &PlanSet) -> Progress {
    let plan = &set.versions[0];
    let index = PlanIndex::new(plan);
    let mut progress = Progress::default();
    for m in 1..=6 {
        let month = Month::new(2023, m).unwrap();
        let mut mp = MonthProgress::new(month, plan);
        let mut diags = Diagnostics::default();
        for unit in plan.reporting_units() {
            let text = progress_csv(plan, unit, m, 1);
            let rel = format!("data/{month}/{}.csv", plan.units[unit].name);
            let ctx = FileCtx {
                plan,
                index: &index,
                unit,
                rel: &rel,
                encoding: None,
                file: 0,
                keep_notes: m == 6,
            };
            read_file(text.as_bytes(), &ctx, &mut mp, &mut diags);
            mp.filed[unit] = true;
        }
        assert!(!diags.has_errors());
        progress.months.insert(month, mp);
    }
    progress
}

/// The county's 57 indicators and 31 items at 2023-06, with five months of history.
#[divan::bench]
fn assess_month(b: Bencher) {
    let set = seed_plans();
    let progress = six_months(&set);
    let month = Month::new(2023, 6).unwrap();
    b.counter(ItemsCount::new(set.versions[0].indicator_count()))
        .bench(|| {
            mingsheng::assess::assess_month(&set, black_box(&progress), month)
                .map_or(0, |a| a.items.len())
        });
}

/// Loading the county's task list (31 items, 57 indicators) with spans and checks.
#[divan::bench]
fn load_seed_plan(b: Bencher) {
    let files = vec![("seeds/2023.toml".to_string(), SEED_PLAN.to_string())];
    b.counter(BytesCount::new(SEED_PLAN.len())).bench(|| {
        let mut diags = Diagnostics::default();
        load_plan_set(black_box(&files), &mut diags).versions.len()
    });
}
