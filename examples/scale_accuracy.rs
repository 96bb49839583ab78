//! Accuracy and time of the diff on a synthetic pair of any size, against the generator's truth:
//! precision and recall of the point correspondences it reports, so that speed at scale can be
//! checked not to cost accuracy.
//!
//! `cargo run --release --example scale_accuracy -- 100000 [BUDGET]` (the size, default 10,000, and
//! the aligner's `probe_budget`, default its default).

#[path = "../tests/support/rng.rs"]
mod rng;
#[path = "../benches/synthetic.rs"]
mod synthetic;

use std::collections::BTreeSet;
use std::time::Instant;

use peaceplan::diff::{DiffOptions, diff_with};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let n: usize = match args.first() {
        Some(a) => a.parse()?,
        None => 10_000,
    };
    let mut opts = DiffOptions::default();
    if let Some(b) = args.get(1) {
        opts.align.probe_budget = b.parse()?;
    }
    let (old, new, truth) = synthetic::labelled_pair(n, 42);
    let start = Instant::now();
    let d = diff_with(&old, &new, &opts);
    let took = start.elapsed();
    let mut found: BTreeSet<(usize, usize)> = BTreeSet::new();
    for c in d.changes() {
        for o in &c.old {
            for n in &c.new {
                found.insert((o.index(), n.index()));
            }
        }
    }
    let truth: BTreeSet<(usize, usize)> = truth.into_iter().collect();
    let hits = found.intersection(&truth).count();
    println!(
        "{n} points: diff {:.0} ms; correspondences: {} found, {} true, precision {:.4}, recall {:.4}",
        took.as_secs_f64() * 1000.0,
        found.len(),
        truth.len(),
        hits as f64 / found.len().max(1) as f64,
        hits as f64 / truth.len().max(1) as f64,
    );
    println!("{}", d.summary());
    Ok(())
}
