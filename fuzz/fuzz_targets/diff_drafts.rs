#![no_main]
//! Fuzz target: see `checks::diff_drafts`.

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::diff_drafts(data));
