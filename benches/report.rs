//! Board pack speed: the demo pack, and a pack for 20 options x 60 criteria (3 scorers, so
//! 3,240 scores in the appendix). Targets: under 1 s and under 3 s, engines (scoring, viability,
//! travel, sensitivity with two 10,000-draw SMAA runs), charts, typesetting and PDF included.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test's own

use std::hint::black_box;

use criterion::{Criterion as Bench, criterion_group, criterion_main};

use appraise::Appraisal;
use appraise::model::Status;
use appraise::report::{self, PackInput, PackOptions};

#[path = "common/generated.rs"]
mod generated;

/// One export's work from cold: typst's memoisation cache is emptied first, so no iteration
/// reuses layout from the one before (as the first export of a session would not).
fn pack(a: &Appraisal) -> Vec<u8> {
    typst::comemo::evict(0);
    let input = PackInput::compute(a);
    let options = PackOptions {
        status: Status::Draft,
        at: time::OffsetDateTime::UNIX_EPOCH,
    };
    report::pack(&input, &options).expect("pack")
}

fn bench(c: &mut Bench) {
    let demo = appraise::demo::appraisal();
    let large = generated::demo_with(20, 6, 10, 3);
    let input = PackInput::compute(&large);
    assert!(input.score.is_ok() && input.finance.is_ok());
    assert!(input.travel.is_ok() && input.sensitivity.is_ok());
    // Kept for looking at: the large pack is the one most likely to overflow a page.
    for (name, a) in [("demo", &demo), ("20x60", &large)] {
        let path = std::env::temp_dir().join(format!("appraise-bench-pack-{name}.pdf"));
        if std::fs::write(&path, pack(a)).is_ok() {
            eprintln!("wrote {}", path.display());
        }
    }
    let mut group = c.benchmark_group("report");
    group.sample_size(10);
    group.bench_function("demo pack", |b| b.iter(|| pack(black_box(&demo))));
    group.bench_function("pack 20 options x 60 criteria", |b| {
        b.iter(|| pack(black_box(&large)))
    });
    group.finish();
}

// Criterion's own plots would need a system font; the figures are what matter here.
criterion_group! {
    name = benches;
    config = Bench::default().without_plots();
    targets = bench
}
criterion_main!(benches);
