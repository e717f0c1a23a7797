//! Map drawing at national scale: one option's map of 35,000 zones (about England's LSOAs) and
//! 300 sites, from the travel engine's results to the SVG, at the pack's width. Target: under
//! 1 s. Prints the SVG's size. Run: `cargo bench -p appraise --bench map -- --noplot` (criterion's
//! plots need fonts a headless machine may not have).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test's own

use std::hint::black_box;
use std::time::Duration;

use appraise::charts::{self, map::MapData};
use appraise::model::TravelMode;
use criterion::Criterion;

#[path = "common/national.rs"]
mod national;

fn benches(c: &mut Criterion) {
    let a = national::appraisal();
    let t = appraise::travel::assess(&a).expect("assess");
    let service = a.services[0].code.clone();
    let option = a.options[1].code.clone();
    let draw = |width: u32| {
        let m = MapData::of(&a, &t, &service, TravelMode::Car, &option).expect("map data");
        charts::map::option_map(&m, width).expect("map")
    };
    let svg = draw(charts::PACK_WIDTH);
    println!(
        "{} zones, {} sites: map SVG {:.0} KB",
        a.zones.len(),
        a.sites.len(),
        svg.len() as f64 / 1e3
    );
    let mut group = c.benchmark_group("map_national");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    group.bench_function("option_map_pack_width", |b| {
        b.iter(|| draw(black_box(charts::PACK_WIDTH)))
    });
    group.bench_function("option_map_1600px", |b| b.iter(|| draw(black_box(1600))));
    group.finish();
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    benches(&mut c);
    c.final_summary();
}
