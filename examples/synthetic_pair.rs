//! Writes a synthetic pair of drafts for benchmarks and profiling.
//!
//! `cargo run --release --example synthetic_pair -- 10000 /tmp/old.md /tmp/new.md` writes two
//! 10,000-point drafts (text format; `--one-per-line` writes one point per line for `git diff`).

#[path = "../tests/support/rng.rs"]
mod rng;
#[path = "../benches/synthetic.rs"]
mod synthetic;

use peaceplan::format::{Format, write};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let one_per_line = args.iter().any(|a| a == "--one-per-line");
    let args: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    let [n, old_path, new_path] = args[..] else {
        return Err("usage: synthetic_pair N OLD NEW [--one-per-line]".into());
    };
    let (old, new) = synthetic::synthetic_pair(n.parse()?, 42);
    for (draft, path) in [(&old, old_path), (&new, new_path)] {
        let text = if one_per_line {
            draft
                .points
                .iter()
                .map(|p| format!("{}\n", p.text.replace('\n', " ")))
                .collect()
        } else {
            write(draft, Format::Text)?
        };
        std::fs::write(path, text)?;
    }
    Ok(())
}
