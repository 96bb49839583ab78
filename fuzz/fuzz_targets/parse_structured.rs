#![no_main]
//! Fuzz target: see `checks::parse_structured`.

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::parse_structured(data));
