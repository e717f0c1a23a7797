//! Travel engine speed at national scale: all metrics for 20 options x 5 services x 2 modes over
//! 35,000 zones and 300 sites (a 21-million-cell matrix). Target: under 1 s, under 500 MB.
//! Prints the peak resident memory of the whole run at the end.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test's own

use std::hint::black_box;
use std::time::Duration;

use criterion::Criterion;

#[path = "common/memory.rs"]
mod memory;
#[path = "common/national.rs"]
mod national;

fn benches(c: &mut Criterion) {
    let complete = national::with_matrix();
    println!(
        "generated: {} zones, {} sites, {} matrix cells, {} options x {} services; peak RSS so far {:.0} MB",
        complete.zones.len(),
        complete.sites.len(),
        complete.travel_matrix.cells().len(),
        complete.options.len(),
        complete.services.len(),
        memory::peak_rss_mb()
    );
    let mut group = c.benchmark_group("travel_national");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    group.bench_function("assess_complete_matrix", |b| {
        b.iter(|| appraise::travel::assess(black_box(&complete)).expect("assess"))
    });
    println!(
        "peak RSS after the complete-matrix benchmark: {:.0} MB",
        memory::peak_rss_mb()
    );
    // One cell in a hundred missing: those are estimated from coordinates and flagged.
    let mut holes = complete.clone();
    let (zones, sites, modes) = (
        holes.travel_matrix.zones().to_vec(),
        holes.travel_matrix.sites().to_vec(),
        holes.travel_matrix.modes().to_vec(),
    );
    let mut cells = std::mem::take(&mut holes.travel_matrix).into_cells();
    let mut rng = national::Rng::new(11);
    for cell in cells.iter_mut() {
        if rng.unit() < 0.01 {
            *cell = f32::NAN;
        }
    }
    holes.travel_matrix =
        appraise::model::TravelMatrix::new(zones, sites, modes, cells).expect("shape");
    group.bench_function("assess_1pc_estimated", |b| {
        b.iter(|| appraise::travel::assess(black_box(&holes)).expect("assess"))
    });
    group.finish();
    let r = appraise::travel::assess(&complete).expect("assess");
    let json = serde_json::to_string(&r).expect("json");
    println!(
        "results: {} service x mode entries, JSON {:.1} MB; peak RSS of the whole run {:.0} MB",
        r.services.len(),
        json.len() as f64 / 1e6,
        memory::peak_rss_mb()
    );
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    benches(&mut c);
    c.final_summary();
}
