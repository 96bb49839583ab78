#![no_main]
//! Fuzz target: see `checks::diff_structured`.

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::diff_structured(data));
