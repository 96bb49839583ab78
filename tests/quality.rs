//! Precision and recall of the diff engine per kind of change, on labelled pairs made by
//! `tests/common/pairs.rs` from English and Ukrainian drafts, with light and heavy edits.
//!
//! Print the table with: `cargo test --release --test quality -- --nocapture`

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::pairs::{LabelledPair, Lang, generate, shaped};
use peaceplan::diff::Scope;
use peaceplan::{ChangeKind, DiffOptions, diff_with};

const KINDS: [&str; 9] = [
    "unchanged",
    "reworded",
    "removed",
    "added",
    "merged",
    "split",
    "deferred",
    "reinstated",
    "moved",
];

/// The deferred list's own changes, scored apart (the macro-F1 is over [`KINDS`]): items kept
/// (perhaps for another forum), reworded, dropped, and any other kind the diff gives a list item.
const LIST_KINDS: [&str; 4] = [
    "list unchanged",
    "list reworded",
    "list removed",
    "list other",
];

#[derive(Default, Clone, Copy)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Counts {
    fn precision(&self) -> f64 {
        if self.tp + self.fp == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fp) as f64
        }
    }
    fn recall(&self) -> f64 {
        if self.tp + self.fn_ == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fn_) as f64
        }
    }
    fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

type Key = (String, BTreeSet<String>, BTreeSet<String>);

fn score(
    pair: &LabelledPair,
    opts: &DiffOptions,
    counts: &mut BTreeMap<&'static str, Counts>,
    failures: &mut Vec<String>,
    reclassified: &mut Reclassified,
) {
    let d = diff_with(&pair.old, &pair.new, opts);
    for (old, broader) in &pair.reclassified {
        reclassified.points += 1;
        let removed = d.changes().iter().find(|c| {
            c.kind == ChangeKind::Removed && c.old.iter().any(|r| r.label() == old.as_str())
        });
        if let Some(c) = removed {
            reclassified.removed += 1;
            if c.candidates
                .iter()
                .any(|k| k.point.label() == broader.as_str())
            {
                reclassified.named += 1;
            }
        }
    }
    let predicted: BTreeSet<Key> = d
        .changes()
        .iter()
        .map(|c| {
            let kind = match (c.scope, c.kind) {
                (Scope::Body, k) => k.as_str().to_string(),
                (_, ChangeKind::Unchanged) => "list unchanged".to_string(),
                (_, ChangeKind::Reworded) => "list reworded".to_string(),
                (_, ChangeKind::Removed) => "list removed".to_string(),
                _ => "list other".to_string(),
            };
            (
                kind,
                c.old.iter().map(|r| r.label().to_string()).collect(),
                c.new.iter().map(|r| r.label().to_string()).collect(),
            )
        })
        .collect();
    let truth: BTreeSet<Key> = pair
        .truth
        .iter()
        .map(|(k, o, n)| (k.as_str().to_string(), o.clone(), n.clone()))
        .chain(
            pair.list_truth
                .iter()
                .map(|(k, o, n)| (k.to_string(), o.clone(), n.clone())),
        )
        .collect();
    for kind in KINDS.iter().take(8).chain(&LIST_KINDS) {
        let c = counts.get_mut(kind).unwrap();
        let p: BTreeSet<&Key> = predicted.iter().filter(|k| k.0 == *kind).collect();
        let t: BTreeSet<&Key> = truth.iter().filter(|k| k.0 == *kind).collect();
        c.tp += p.intersection(&t).count();
        c.fp += p.difference(&t).count();
        c.fn_ += t.difference(&p).count();
        for miss in t.difference(&p) {
            failures.push(format!("missed {miss:?}"));
        }
        for extra in p.difference(&t) {
            failures.push(format!("extra  {extra:?}"));
        }
    }
    let moved_pred: BTreeSet<String> = d
        .changes()
        .iter()
        .filter(|c| c.moved)
        .flat_map(|c| c.old.iter().map(|r| r.label().to_string()))
        .collect();
    let c = counts.get_mut("moved").unwrap();
    c.tp += moved_pred.intersection(&pair.moved).count();
    c.fp += moved_pred.difference(&pair.moved).count();
    c.fn_ += pair.moved.difference(&moved_pred).count();
    let _ = ChangeKind::ALL;
}

struct Report {
    counts: BTreeMap<&'static str, Counts>,
    failures: Vec<String>,
    /// Reclassified points (see `pairs::reclassify`): how many, how many the diff reports removed,
    /// and how many of those name the broader point among their nearest.
    reclassified: Reclassified,
}

#[derive(Default, Clone, Copy)]
struct Reclassified {
    points: usize,
    removed: usize,
    named: usize,
}

impl Report {
    fn macro_f1(&self) -> f64 {
        KINDS.iter().map(|k| self.counts[k].f1()).sum::<f64>() / KINDS.len() as f64
    }
}

fn run(langs: &[Lang], heavy: bool, seeds: std::ops::Range<u64>) -> Report {
    run_with(langs, heavy, seeds, &DiffOptions::default())
}

/// [`run`] on pairs dressed in the shapes of real documents (see [`shaped`]).
fn run_shaped(langs: &[Lang], heavy: bool, seeds: std::ops::Range<u64>) -> Report {
    run_pairs(
        langs,
        heavy,
        seeds,
        &DiffOptions::default(),
        |seed, lang, heavy| shaped(generate(seed, lang, heavy), seed, lang),
    )
}

/// The same aligner reduced to a one-to-one matcher, like rename detection: no merges, splits,
/// deferrals, reinstatements or position evidence.
fn one_to_one() -> DiffOptions {
    let mut o = DiffOptions::default();
    let a = &mut o.align;
    (a.part_threshold, a.sentence_threshold, a.cover_threshold) = (2.0, 2.0, 2.0);
    (a.defer_threshold, a.defer_group_threshold, a.gap_threshold) = (2.0, 2.0, 2.0);
    a.reinstate_threshold = 2.0;
    o
}

fn run_with(
    langs: &[Lang],
    heavy: bool,
    seeds: std::ops::Range<u64>,
    opts: &DiffOptions,
) -> Report {
    run_pairs(langs, heavy, seeds, opts, generate)
}

/// Scores the pairs `make` builds for each language and seed.
fn run_pairs(
    langs: &[Lang],
    heavy: bool,
    seeds: std::ops::Range<u64>,
    opts: &DiffOptions,
    make: impl Fn(u64, Lang, bool) -> LabelledPair,
) -> Report {
    let mut counts: BTreeMap<&'static str, Counts> = KINDS
        .iter()
        .chain(&LIST_KINDS)
        .map(|k| (*k, Counts::default()))
        .collect();
    let mut failures = Vec::new();
    let mut reclassified = Reclassified::default();
    for &lang in langs {
        for seed in seeds.clone() {
            let pair = make(seed, lang, heavy);
            let before = failures.len();
            score(&pair, opts, &mut counts, &mut failures, &mut reclassified);
            if failures.len() > before {
                failures.insert(before, format!("-- seed {seed} {lang:?} heavy={heavy}"));
            }
        }
    }
    Report {
        counts,
        failures,
        reclassified,
    }
}

fn print(name: &str, r: &Report) {
    println!("\n{name}: macro-F1 {:.3}", r.macro_f1());
    println!(
        "{:<14} {:>6} {:>6} {:>6} {:>9} {:>7} {:>6}",
        "kind", "tp", "fp", "fn", "precision", "recall", "F1"
    );
    for kind in KINDS.iter().chain(&LIST_KINDS) {
        let c = r.counts[kind];
        println!(
            "{:<14} {:>6} {:>6} {:>6} {:>9.3} {:>7.3} {:>6.3}",
            kind,
            c.tp,
            c.fp,
            c.fn_,
            c.precision(),
            c.recall(),
            c.f1()
        );
    }
    let r = r.reclassified;
    if r.points > 0 {
        println!(
            "reclassified points: {} reported removed of {}, the broader point named nearest for {}",
            r.removed, r.points, r.named
        );
    }
}

/// Seeds 0..200 by default (200 pairs per language and edit weight). The aligner's defaults were tuned
/// on seeds 0..60; `PEACEPLAN_QUALITY_SEEDS=200..400` measures on seeds never looked at.
fn seeds() -> std::ops::Range<u64> {
    std::env::var("PEACEPLAN_QUALITY_SEEDS")
        .ok()
        .and_then(|s| {
            let (a, b) = s.split_once("..")?;
            Some(a.parse().ok()?..b.parse().ok()?)
        })
        .unwrap_or(0..200)
}

fn pooled(a: &Report, b: &Report) -> Report {
    let counts = a
        .counts
        .iter()
        .map(|(k, x)| {
            let y = b.counts[k];
            (
                *k,
                Counts {
                    tp: x.tp + y.tp,
                    fp: x.fp + y.fp,
                    fn_: x.fn_ + y.fn_,
                },
            )
        })
        .collect();
    Report {
        counts,
        failures: Vec::new(),
        reclassified: Reclassified {
            points: a.reclassified.points + b.reclassified.points,
            removed: a.reclassified.removed + b.reclassified.removed,
            named: a.reclassified.named + b.reclassified.named,
        },
    }
}

#[test]
fn quality_per_kind_light_and_heavy() {
    let light = run(&[Lang::En, Lang::Uk], false, seeds());
    let heavy = run(&[Lang::En, Lang::Uk], true, seeds());
    let en = run(&[Lang::En], true, seeds());
    let uk = run(&[Lang::Uk], true, seeds());
    print("light edits (en + uk)", &light);
    print("heavy edits (en + uk)", &heavy);
    print("heavy edits, English", &en);
    print("heavy edits, Ukrainian", &uk);
    let all = pooled(&light, &heavy);
    print("light and heavy pooled", &all);
    let shaped_light = run_shaped(&[Lang::En, Lang::Uk], false, seeds());
    let shaped_heavy = run_shaped(&[Lang::En, Lang::Uk], true, seeds());
    print(
        "light edits, real shapes (titles, lead-ins, lists, cross-references, reclassified points)",
        &shaped_light,
    );
    print("heavy edits, real shapes", &shaped_heavy);
    let mut objective = DiffOptions::default();
    objective.align.objective = true;
    print(
        "for comparison: one global objective instead of ordered passes, heavy edits",
        &run_with(&[Lang::En, Lang::Uk], true, seeds(), &objective),
    );
    let baseline = run_with(&[Lang::En, Lang::Uk], true, seeds(), &one_to_one());
    print(
        "for comparison: a 1:1 matcher on the heavy edits",
        &baseline,
    );
    if std::env::var_os("PEACEPLAN_QUALITY_FAILURES").is_some() {
        for f in light.failures.iter().chain(&heavy.failures) {
            println!("{f}");
        }
    }
    for (name, r) in [("light", &light), ("heavy", &heavy), ("pooled", &all)] {
        assert!(r.macro_f1() >= 0.95, "{name} macro-F1 {:.3}", r.macro_f1());
    }
    // In the shapes of real documents (0.979 and 0.941 when these floors were set; 0.976 and 0.940
    // once lists and reclassified points were added): category titles shared by many points,
    // generic lead-ins and lists must not make false merges and splits.
    for (name, r, floor) in [
        ("light, real shapes", &shaped_light, 0.97),
        ("heavy, real shapes", &shaped_heavy, 0.93),
    ] {
        assert!(r.macro_f1() >= floor, "{name} macro-F1 {:.3}", r.macro_f1());
        // A point reclassified into a broader one is reported removed, not guessed into it, and
        // its nearest points name the broader one (when these floors were set, on seeds 0..200 and
        // 200..400: 0.91-0.95 reported removed, 0.80-0.87 of those named).
        let c = r.reclassified;
        assert!(c.points >= 100, "{name}: {} reclassified points", c.points);
        assert!(
            c.removed as f64 >= 0.85 * c.points as f64 && c.named as f64 >= 0.75 * c.removed as f64,
            "{name}: reclassified {}, reported removed {}, named {}",
            c.points,
            c.removed,
            c.named
        );
    }
    // The deferred list's own changes, carried references included. Items kept or reworded are
    // found as points are; an item dropped from the list is the weak spot (0.61 pooled when this
    // floor was set): a dropped topic line is taken as reinstated in an added point that shares its
    // words, and a reinstatement missed under heavy edits shows as a dropped item (before the list
    // was first-class, both were invisible).
    for (name, r) in [("light", &light), ("heavy", &heavy)] {
        for (kind, floor) in [
            ("list unchanged", 0.95),
            ("list reworded", 0.85),
            ("list removed", 0.45),
        ] {
            let c = r.counts[kind];
            assert!(c.f1() >= floor, "{name} {kind}: F1 {:.3}", c.f1());
        }
    }
    // The structural kinds a 1:1 matcher cannot find at all are found here, even under heavy edits.
    for kind in ["merged", "split", "deferred", "reinstated"] {
        let c = heavy.counts[kind];
        assert!(
            c.recall() >= 0.75 && c.precision() >= 0.9,
            "{kind}: p {:.3} r {:.3}",
            c.precision(),
            c.recall()
        );
    }
}
