//! Edit to updated results, and the pack from an open window, before and after one evaluation
//! per revision (issue 16). Targets: the demo's edit under 10 ms in the core; the demo's pack
//! from an open window under 400 ms.
//!
//! "Before" replays what the window did until the evaluation was cached: every results call
//! ran every engine again, validation ran the viability model a second time, and the pack
//! saved the document, read the file back and ran every engine again, SMAA included. "After"
//! is the document as the window uses it now.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test's own

use std::hint::black_box;

use criterion::{BatchSize, Criterion as Bench, criterion_group, criterion_main};

use appraise::Appraisal;
use appraise::evaluation::Evaluation;
use appraise::model::Status;
use appraise::report;
use appraise::session::{Document, Edit, SessionResults};

#[path = "common/generated.rs"]
mod generated;

/// An edit of one panel score, and the edit putting it back: the commonest change in a
/// scoring workshop.
fn score_edits(a: &Appraisal) -> [Edit; 2] {
    let s = &a.scores[0];
    let other = if s.value >= 1.0 {
        s.value - 1.0
    } else {
        s.value + 1.0
    };
    [other, s.value].map(|v| Edit::SetScore {
        option: s.option.clone(),
        criterion: s.criterion.clone(),
        scorer: s.scorer.clone(),
        value: v.to_string(),
    })
}

/// The results screen's update as it was: all engines, and finance once more for validation.
fn results_before(a: &Appraisal) -> SessionResults {
    let evaluation = Evaluation::of(a);
    black_box(appraise::finance::model(a).ok());
    SessionResults::of(&evaluation)
}

fn bench(c: &mut Bench) {
    let dir = tempfile::tempdir().expect("temp dir");
    let demo = appraise::demo::appraisal();
    let large = generated::demo_with(20, 6, 10, 3);
    let mut group = c.benchmark_group("edit to results");
    for (name, a) in [("demo", &demo), ("20x60", &large)] {
        let edits = score_edits(a);
        let mut before = Document::untitled(a.clone());
        let mut turn = 0;
        group.bench_function(format!("{name} before"), |b| {
            b.iter(|| {
                turn ^= 1;
                before.apply(&edits[turn]).expect("edit");
                results_before(black_box(before.appraisal()))
            })
        });
        let mut doc = Document::untitled(a.clone());
        group.bench_function(format!("{name} after"), |b| {
            b.iter(|| {
                turn ^= 1;
                doc.apply(&edits[turn]).expect("edit");
                SessionResults::of(&doc.evaluation())
            })
        });
    }
    group.finish();

    // Each export starts from the same file: an export is recorded in the file (and its audit
    // trail printed in the pack), so repeated exports of one file would grow from run to run.
    let mut group = c.benchmark_group("pack from an open window");
    group.sample_size(10);
    let pristine = dir.path().join("pristine.appraisal");
    let file = dir.path().join("demo.appraisal");
    let out = dir.path().join("pack.pdf");
    appraise::store::create(&pristine, &demo).expect("create");
    let fresh = || {
        std::fs::copy(&pristine, &file).expect("copy");
        let mut doc = Document::open(&file).expect("open");
        // The results and Sensitivity screens have been looked at, as before any export.
        let evaluation = doc.evaluation();
        black_box(evaluation.robustness(doc.appraisal(), &Default::default()));
        doc
    };
    group.bench_function("demo before", |b| {
        b.iter_batched(
            fresh,
            |_doc| report::export(&file, &out, Some(Status::Draft)).expect("export"),
            BatchSize::PerIteration,
        )
    });
    group.bench_function("demo after", |b| {
        b.iter_batched(
            fresh,
            |mut doc| doc.export_pack(&out, Status::Draft).expect("export"),
            BatchSize::PerIteration,
        )
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
