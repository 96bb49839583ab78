//! Replays the fuzzers' committed seeds (`fuzz/seeds/`: hand-written drafts and a sample of the corpus
//! that fuzzing grew) and every input that once made a fuzz target fail (`fuzz/regressions/`) through
//! the same checks, on the stable toolchain.

#[path = "../fuzz/checks.rs"]
mod checks;

use std::path::Path;

fn replay(target: &str, check: fn(&[u8])) -> usize {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut n = 0;
    for dir in ["seeds", "regressions"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir).join(target)) else {
            continue;
        };
        let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for path in paths {
            let data = std::fs::read(&path).unwrap();
            let result = std::panic::catch_unwind(|| check(&data));
            assert!(result.is_ok(), "{} fails", path.display());
            n += 1;
        }
    }
    n
}

#[test]
fn parse_text_inputs() {
    assert!(replay("parse_text", checks::parse_text) >= 100);
}

#[test]
fn parse_structured_inputs() {
    assert!(replay("parse_structured", checks::parse_structured) >= 100);
}

#[test]
fn diff_structured_inputs() {
    assert!(replay("diff_structured", checks::diff_structured) >= 20);
}

#[test]
fn diff_drafts_inputs() {
    assert!(replay("diff_drafts", checks::diff_drafts) >= 100);
}

#[test]
fn parse_docx_inputs() {
    assert!(replay("parse_docx", checks::parse_docx) >= 4);
}
