//! Criterion benches: parsing (clean and pasted), aligning and diffing the bundled 28 -> 19 pair and
//! synthetic drafts, and comparing three synthetic proposals with their base.
//!
//! Run with `cargo bench --bench diff`; results are recorded in BENCHMARKS.md.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, BenchmarkId, Criterion, criterion_group, criterion_main};
use peaceplan::align::{AlignOptions, Unit, align};
use peaceplan::format::{Format, parse, write};
use peaceplan::{diff, load, render};

#[path = "../tests/support/hub.rs"]
mod hub;
#[path = "../tests/support/paste.rs"]
mod paste;
#[path = "../tests/support/rng.rs"]
mod rng;
#[path = "synthetic.rs"]
mod synthetic;
use synthetic::{capitalised, synthetic_pair, synthetic_proposals};

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("examples/data")
        .join(name)
}

fn bench_geneva(c: &mut Criterion) {
    let plan = load(data("plan/28-point-plan.md")).unwrap();
    let geneva = load(data("plan/geneva-revision.md")).unwrap();
    let text = std::fs::read_to_string(data("plan/28-point-plan.md")).unwrap();
    let mut g = c.benchmark_group("geneva_28_to_19");
    g.bench_function("parse_text", |b| {
        b.iter(|| parse(black_box(&text), Format::Text).unwrap())
    });
    let ou: Vec<Unit<'_>> = plan.points.iter().map(|p| Unit::body(&p.text)).collect();
    let nu: Vec<Unit<'_>> = geneva.points.iter().map(|p| Unit::body(&p.text)).collect();
    g.bench_function("align", |b| {
        b.iter(|| align(black_box(&ou), black_box(&nu), &AlignOptions::default()))
    });
    g.bench_function("diff", |b| {
        b.iter(|| diff(black_box(&plan), black_box(&geneva)))
    });
    let d = diff(&plan, &geneva);
    g.bench_function("render_json", |b| b.iter(|| render::json(black_box(&d))));
    g.bench_function("render_text", |b| b.iter(|| render::text(black_box(&d))));
    g.finish();
}

/// Parse, align, diff and render benches of a synthetic pair of `n` points, in group `g`.
fn synthetic_stages(g: &mut BenchmarkGroup<'_, WallTime>, n: usize) {
    let (old, new) = synthetic_pair(n, 42);
    // Read with its sentences capitalised, as real drafts are (and a paste is read by them).
    let read = capitalised(&old);
    let text = write(&read, Format::Text).unwrap();
    g.bench_with_input(BenchmarkId::new("parse_text", n), &text, |b, t| {
        b.iter(|| parse(black_box(t), Format::Text).unwrap())
    });
    // The same draft as a PDF viewer's copy: mixed numbering, hard wraps, hyphenated breaks,
    // page numbers and running headers (issue 15: within 2x of the clean draft).
    for (name, mixed) in [("parse_pasted", true), ("parse_pasted_one_style", false)] {
        let copy = paste::Copy {
            ukrainian: false,
            header: "Synthetic plan (draft)".to_string(),
            mixed,
        };
        let pasted = paste::pdf_copy(&read, &copy, 1);
        g.bench_with_input(BenchmarkId::new(name, n), &pasted, |b, t| {
            b.iter(|| parse(black_box(t), Format::Text).unwrap())
        });
    }
    let ou: Vec<Unit<'_>> = old.points.iter().map(|p| Unit::body(&p.text)).collect();
    let nu: Vec<Unit<'_>> = new.points.iter().map(|p| Unit::body(&p.text)).collect();
    g.bench_with_input(BenchmarkId::new("align", n), &(), |b, _| {
        b.iter(|| align(black_box(&ou), black_box(&nu), &AlignOptions::default()))
    });
    g.bench_with_input(BenchmarkId::new("diff", n), &(), |b, _| {
        b.iter(|| diff(black_box(&old), black_box(&new)))
    });
    let d = diff(&old, &new);
    g.bench_with_input(BenchmarkId::new("render_json", n), &d, |b, d| {
        b.iter(|| render::json(black_box(d)))
    });
}

fn bench_synthetic(c: &mut Criterion) {
    let mut g = c.benchmark_group("synthetic");
    g.sample_size(10);
    for n in [1_000usize, 10_000] {
        synthetic_stages(&mut g, n);
    }
    g.finish();
}

/// 100,000 points (about 20 MB a draft): ten samples of each stage, about two minutes in all.
fn bench_large(c: &mut Criterion) {
    let mut g = c.benchmark_group("synthetic");
    g.sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(20));
    synthetic_stages(&mut g, 100_000);
    g.finish();
}

/// Three proposals of 1,000 points compared with their base, against one of them diffed with it
/// (issue 17: under 3x).
fn bench_compare(c: &mut Criterion) {
    let (base, proposals) = synthetic_proposals(1_000, 3, 42);
    let mut g = c.benchmark_group("compare_1000");
    g.sample_size(10);
    g.bench_function("diff_one", |b| {
        b.iter(|| diff(black_box(&base), black_box(&proposals[0])))
    });
    let named: Vec<(&str, &peaceplan::Draft)> =
        ["A", "B", "C"].into_iter().zip(&proposals).collect();
    g.bench_function("diff_three", |b| {
        b.iter(|| {
            for p in &proposals {
                black_box(diff(black_box(&base), black_box(p)));
            }
        })
    });
    g.bench_function("compare_three", |b| {
        b.iter(|| peaceplan::compare::compare(black_box(&base), black_box(&named)).unwrap())
    });
    g.finish();
}

/// An attack on the aligner's last passes (found by an attacker, issue 18): 20,000 short points
/// of two words each, all folded into one point that also holds 200,000 words of its own, diffed
/// with the ordered passes (`absorb` folds them in) and with the global objective.
fn bench_hub(c: &mut Criterion) {
    let (old, new) = hub::hub_pair(20_000, 200_000);
    let (old, new) = (
        parse(&old, Format::Text).unwrap(),
        parse(&new, Format::Text).unwrap(),
    );
    let mut g = c.benchmark_group("hub_20000");
    g.sample_size(10);
    g.bench_function("passes", |b| {
        b.iter(|| diff(black_box(&old), black_box(&new)))
    });
    let mut objective = peaceplan::DiffOptions::default();
    objective.align.objective = true;
    g.bench_function("objective", |b| {
        b.iter(|| peaceplan::diff_with(black_box(&old), black_box(&new), &objective))
    });
    g.finish();
}

criterion_group!(
    benches,
    bench_geneva,
    bench_synthetic,
    bench_large,
    bench_compare,
    bench_hub
);
criterion_main!(benches);
