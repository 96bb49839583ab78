#![no_main]
//! Fuzz target: see `checks::parse_text`.

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::parse_text(data));
