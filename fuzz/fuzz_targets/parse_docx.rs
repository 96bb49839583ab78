#![no_main]
//! Fuzz target: see `checks::parse_docx`.

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::parse_docx(data));
