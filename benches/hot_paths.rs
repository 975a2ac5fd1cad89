//! Micro-benchmarks of the hot paths (issue 6). `cargo bench --bench hot_paths`;
//! CI only builds them (`cargo bench --no-run`). End-to-end figures come from
//! `scripts/bench.sh`, not from here.

use mingsheng::diag::Diagnostics;
use mingsheng::plan::load::load_plan_set;

fn main() {
    divan::main();
}

const SEED_PLAN: &str = include_str!("../seeds/2023.toml");

/// Cells as clerks type them: plain, thousands separators, full-width, unit suffix.
const CELLS: &[&str] = &[
    "3200",
    "3,200",
    "３２００",
    "3200人",
    "8万",
    "92%",
    " 650元/月 ",
];

#[divan::bench]
fn normalize_cells() -> usize {
    CELLS
        .iter()
        .map(|c| mingsheng::value::normalize(divan::black_box(c)).len())
        .sum()
}

/// Loading the county's task list (31 items, 57 indicators) with spans and checks.
#[divan::bench]
fn load_seed_plan() -> usize {
    let files = vec![("seeds/2023.toml".to_string(), SEED_PLAN.to_string())];
    let mut diags = Diagnostics::default();
    let set = load_plan_set(divan::black_box(&files), &mut diags);
    set.versions.len()
}
