//! The value parser over any text and any unit of measure.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (&str, &str)| {
    let (cell, unit) = input;
    if let Ok(Some(v)) = mingsheng::value::parse_value(cell, unit) {
        assert!(v.is_finite() && v >= 0.0, "{cell:?} read as {v}");
    }
});
