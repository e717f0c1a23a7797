//! Scoring speed: a large generated appraisal (20 options x 60 leaf criteria x 12 scorers)
//! and the built-in demo. Target: well under a millisecond each.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test's own

use std::hint::black_box;

use criterion::{Criterion as Bench, criterion_group, criterion_main};

#[path = "common/generated.rs"]
mod generated;

use appraise::evaluation::Evaluation;
use appraise::score;
use generated::generated;

fn bench(c: &mut Bench) {
    let large = generated(20, 6, 10, 12);
    assert_eq!(large.scores.len(), 20 * 6 * 9 * 12);
    assert!(score::evaluate(&large).is_ok());
    c.bench_function("score 20 options x 60 criteria x 12 scorers", |b| {
        b.iter(|| score::evaluate(black_box(&large)))
    });
    // The demo's finance and travel criteria come from their engines, run once beforehand.
    let demo = appraise::demo::appraisal();
    let evaluation = Evaluation::of(&demo);
    let engines = |option: &str, metric: &str| evaluation.derived_value(option, metric);
    assert!(score::evaluate_with(&demo, &engines).is_ok());
    c.bench_function("score demo", |b| {
        b.iter(|| score::evaluate_with(black_box(&demo), &engines))
    });
}

// Criterion's own plots would need a font for plotters, which this crate builds with
// embedded-font support only (see src/charts/font.rs); the figures are what matter here.
criterion_group! {
    name = benches;
    config = Bench::default().without_plots();
    targets = bench
}
criterion_main!(benches);
