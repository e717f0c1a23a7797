//! SMAA-2 speed: 100,000 draws x 20 options x 60 leaf criteria on one core (target: under 1 s),
//! on the generated appraisal of the scoring benchmark (6 groups of 9 panel-scored leaves and 1
//! derived metric, 12 scorers). Weights uniform on the simplex; scores fixed, or normal with
//! the panel's spread (1,080 cells drawn per sample); confidence factors from 10,000 score draws
//! (the default) or 100,000. benches/smaa_numpy.py does the same in NumPy.
//!
//! Run: `cargo bench -p appraise --bench smaa -- --noplot` (criterion's plots need fonts a
//! headless machine may not have); pin it to one core with `taskset -c 1` to compare.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test's own

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion as Bench, criterion_group, criterion_main};

#[path = "common/generated.rs"]
mod generated;

use appraise::score;
use appraise::sensitivity::smaa::DEFAULT_CONFIDENCE_SAMPLES;
use appraise::sensitivity::{ScoreModel, SmaaSettings, ValueMatrix, WeightModel, smaa};
use generated::generated;

fn bench(c: &mut Bench) {
    let a = generated(20, 6, 10, 12);
    let results = score::evaluate(&a).expect("the generated appraisal scores");
    let m = ValueMatrix::new(&a, &results).expect("the results match");
    let mut group = c.benchmark_group("smaa");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(30));
    for (name, scores, confidence_samples) in [
        ("weights only", ScoreModel::Fixed, 1),
        (
            "weights and normal scores (10k confidence draws, the default)",
            ScoreModel::Normal,
            DEFAULT_CONFIDENCE_SAMPLES,
        ),
        (
            "weights and normal scores, 100k confidence draws",
            ScoreModel::Normal,
            100_000,
        ),
    ] {
        let settings = SmaaSettings {
            samples: 100_000,
            seed: 1,
            weights: WeightModel::Uniform,
            scores,
            confidence_samples,
        };
        let r = smaa::smaa(&m, &settings).expect("SMAA runs");
        assert_eq!(r.criteria.len(), 60);
        let firsts: Vec<String> = r
            .options
            .iter()
            .filter(|o| o.acceptability[0].value > 0.0)
            .map(|o| format!("{} {:.4}", o.code, o.acceptability[0].value))
            .collect();
        eprintln!("{name}: rank-1 acceptabilities {firsts:?}");
        group.bench_function(
            format!("100k draws x 20 options x 60 criteria, {name}"),
            |b| b.iter(|| smaa::smaa(black_box(&m), black_box(&settings))),
        );
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
