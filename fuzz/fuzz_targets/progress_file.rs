//! A progress file's bytes, read against the shipped 2023 plan as 县民政局's
//! file for June: never a panic, whatever the bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mingsheng::diag::Diagnostics;
use mingsheng::month::Month;
use mingsheng::plan::Plan;
use mingsheng::progress::read::{read_file, FileCtx, PlanIndex};
use mingsheng::progress::MonthProgress;
use std::sync::OnceLock;

fn plan() -> &'static Plan {
    static PLAN: OnceLock<Plan> = OnceLock::new();
    PLAN.get_or_init(|| {
        let src = include_str!("../../seeds/2023.toml");
        let mut diags = Diagnostics::default();
        mingsheng::plan::load::parse_plan_text("seeds/2023.toml", src, &mut diags)
            .expect("the shipped plan loads")
    })
}

fuzz_target!(|bytes: &[u8]| {
    let plan = plan();
    let index = PlanIndex::new(plan);
    let unit = plan.unit_by_name("县民政局").expect("a unit of the plan");
    let ctx = FileCtx {
        plan,
        index: &index,
        unit,
        rel: "data/2023-06/县民政局.csv",
        encoding: None,
        file: 0,
        keep_notes: true,
    };
    let mut mp = MonthProgress::new(Month::new(2023, 6).unwrap(), plan);
    let mut diags = Diagnostics::default();
    let _ = read_file(bytes, &ctx, &mut mp, &mut diags);
    for d in &diags.list {
        let _ = d.render(mingsheng::lang::Lang::Zh, false);
    }
    let _ = mingsheng::progress::read::holds_work(bytes);
});
