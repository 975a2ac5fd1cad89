//! The plan loader from TOML text: diagnostics, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mingsheng::diag::Diagnostics;

fuzz_target!(|src: &str| {
    let mut diags = Diagnostics::default();
    let _ = mingsheng::plan::load::parse_plan_text("seeds/fuzz.toml", src, &mut diags);
    for d in &diags.list {
        let _ = d.render(mingsheng::lang::Lang::En, false);
    }
});
