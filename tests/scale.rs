//! The diff of a synthetic pair against the generator's truth: the correspondences it reports between
//! old and new points, with the default probe budget and with one small enough to bind, so that the
//! bounded candidate search is checked to keep its accuracy (`examples/scale_accuracy.rs` measures the
//! same at any size).

#[path = "../tests/support/rng.rs"]
mod rng;
#[path = "../benches/synthetic.rs"]
mod synthetic;

use std::collections::BTreeSet;

use peaceplan::diff::{DiffOptions, diff_with};

/// Precision and recall of the (old index, new index) correspondences of a diff of `n` points.
fn scores(n: usize, opts: &DiffOptions) -> (f64, f64) {
    let (old, new, truth) = synthetic::labelled_pair(n, 7);
    let d = diff_with(&old, &new, opts);
    let found: BTreeSet<(usize, usize)> = d
        .changes()
        .iter()
        .flat_map(|c| {
            c.old
                .iter()
                .flat_map(|o| c.new.iter().map(move |n| (o.index(), n.index())))
        })
        .collect();
    let truth: BTreeSet<(usize, usize)> = truth.into_iter().collect();
    let hits = found.intersection(&truth).count() as f64;
    (hits / found.len() as f64, hits / truth.len() as f64)
}

#[test]
fn synthetic_correspondences_are_found() {
    let (precision, recall) = scores(2_000, &DiffOptions::default());
    assert!(
        precision >= 0.995 && recall >= 0.995,
        "{precision} {recall}"
    );
}

#[test]
fn a_binding_probe_budget_keeps_accuracy() {
    // A budget of one entry reads only each unit's rarest term; merges and splits are still found
    // (they are about 6% of the correspondences, so losing them would cost that much recall).
    let mut opts = DiffOptions::default();
    opts.align.probe_budget = 1;
    let (precision, recall) = scores(2_000, &opts);
    assert!(precision >= 0.99 && recall >= 0.99, "{precision} {recall}");
}

/// Many chunks of parallel work (candidate search, features, JSON) and one thread give the same bytes.
#[cfg(feature = "parallel")]
#[test]
fn one_thread_and_many_agree_on_a_large_pair() {
    let (old, new, _) = synthetic::labelled_pair(3_000, 11);
    let pool = |n| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .unwrap()
    };
    let single = pool(1).install(|| peaceplan::render::json(&peaceplan::diff(&old, &new)));
    let many = pool(4).install(|| peaceplan::render::json(&peaceplan::diff(&old, &new)));
    assert!(
        single == many,
        "the JSON differs between one thread and four"
    );
}
