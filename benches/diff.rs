//! Criterion benches: parsing, aligning and diffing the bundled 28 -> 19 pair and synthetic drafts.
//!
//! Run with `cargo bench --bench diff`; results are recorded in BENCHMARKS.md.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use peaceplan::align::{AlignOptions, Unit, align};
use peaceplan::format::{Format, parse, write};
use peaceplan::{diff, load, render};

#[path = "synthetic.rs"]
mod synthetic;
use synthetic::synthetic_pair;

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
    g.bench_function("diff", |b| {
        b.iter(|| diff(black_box(&plan), black_box(&geneva)))
    });
    let d = diff(&plan, &geneva);
    g.bench_function("render_json", |b| b.iter(|| render::json(black_box(&d))));
    g.bench_function("render_text", |b| b.iter(|| render::text(black_box(&d))));
    g.finish();
}

fn bench_synthetic(c: &mut Criterion) {
    let mut g = c.benchmark_group("synthetic");
    g.sample_size(10);
    for n in [1_000usize, 10_000] {
        let (old, new) = synthetic_pair(n, 42);
        let text = write(&old, Format::Text).unwrap();
        g.bench_with_input(BenchmarkId::new("parse_text", n), &text, |b, t| {
            b.iter(|| parse(black_box(t), Format::Text).unwrap())
        });
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
    g.finish();
}

criterion_group!(benches, bench_geneva, bench_synthetic);
criterion_main!(benches);
