//! Map drawing at national scale: one option's map of 35,000 zones (about England's LSOAs) and
//! 300 sites, from the travel engine's results to the SVG, at the pack's width; then the same
//! with a road layer the size of England's main roads (about 87,000 km as 868,000 points, one
//! every 100 m: 3,800 km of motorway, 8,000 of trunk road, 25,000 primary, 20,000 secondary,
//! 30,000 tertiary). Target: under 1 s. Prints the SVGs' sizes. Run: `cargo bench -p appraise --bench map -- --noplot` (criterion's
//! plots need fonts a headless machine may not have). Set `APPRAISE_MAP_SVG` to a path to
//! write the 1,600-px map with its roads there, to look at.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test's own

use std::hint::black_box;
use std::time::Duration;

use appraise::charts::{self, map::MapData};
use std::sync::Arc;

use appraise::model::{
    MainRoad, RoadBasis, RoadLayer, RoadLine, TravelMatrix, TravelMode, microdegrees,
};
use criterion::Criterion;

#[path = "common/national.rs"]
mod national;

/// Lines of 50 points 100 m apart, wandering from random starts across England (a fixed
/// linear congruential sequence, so every run draws the same roads).
fn england_roads() -> RoadLayer {
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    let mut lines = Vec::new();
    for (class, km) in [
        (MainRoad::Motorway, 3_800.0),
        (MainRoad::Trunk, 8_000.0),
        (MainRoad::Primary, 25_000.0),
        (MainRoad::Secondary, 20_000.0),
        (MainRoad::Tertiary, 30_000.0),
    ] {
        for _ in 0..(km / 5.0) as usize {
            let (mut lat, mut lon) = (50.0 + 5.8 * next(), -5.7 + 7.5 * next());
            let mut heading = std::f64::consts::TAU * next();
            let mut points = Vec::with_capacity(50);
            for _ in 0..50 {
                points.push([microdegrees(lat), microdegrees(lon)]);
                heading += 0.3 * (next() - 0.5);
                lat += 0.1 / 111.195 * heading.sin();
                lon += 0.1 / (111.195 * lat.to_radians().cos()) * heading.cos();
            }
            lines.push(RoadLine { class, points });
        }
    }
    RoadLayer {
        extract: "england-latest.osm.pbf".to_owned(),
        lines,
    }
}

fn benches(c: &mut Criterion) {
    let a = national::appraisal();
    let mut with_roads = a.clone();
    let layer = england_roads();
    println!(
        "road layer: {} lines, {} points",
        layer.lines.len(),
        layer.points()
    );
    // The map takes its zones' times from `t` (of `a`) and only the road layer from here.
    with_roads.travel_matrix = TravelMatrix::empty(Vec::new(), Vec::new(), vec![TravelMode::Car]);
    with_roads.travel_matrix.set_bases(vec![RoadBasis {
        extract: layer.extract.clone(),
        extract_timestamp: None,
        sha256: "00".repeat(32),
        computed_at: "2026-12-05T00:00:00Z".to_owned(),
        modes: vec![TravelMode::Car],
        settings: Default::default(),
    }]);
    with_roads
        .travel_matrix
        .set_road_layer(Some(Arc::new(layer)));
    assert!(with_roads.travel_matrix.road_layer().is_some());
    let t = appraise::travel::assess(&a).expect("assess");
    let service = a.services[0].code.clone();
    let option = a.options[1].code.clone();
    let draw_of = |a: &appraise::model::Appraisal, width: u32| {
        let m = MapData::of(a, &t, &service, TravelMode::Car, &option).expect("map data");
        charts::map::option_map(&m, width).expect("map")
    };
    let draw = |width: u32| draw_of(&a, width);
    let draw_roads = |width: u32| draw_of(&with_roads, width);
    let svg = draw(charts::PACK_WIDTH);
    let roads = draw_roads(charts::PACK_WIDTH);
    println!(
        "{} zones, {} sites: map SVG {:.0} KB; with the road layer {:.0} KB",
        a.zones.len(),
        a.sites.len(),
        svg.len() as f64 / 1e3,
        roads.len() as f64 / 1e3
    );
    // To look at: the window's width of map, with the road layer, written where this names.
    if let Some(path) = std::env::var_os("APPRAISE_MAP_SVG") {
        std::fs::write(&path, draw_roads(1600)).expect("write the map");
    }
    let mut group = c.benchmark_group("map_national");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    group.bench_function("option_map_pack_width", |b| {
        b.iter(|| draw(black_box(charts::PACK_WIDTH)))
    });
    group.bench_function("option_map_1600px", |b| b.iter(|| draw(black_box(1600))));
    group.bench_function("option_map_pack_width_with_roads", |b| {
        b.iter(|| draw_roads(black_box(charts::PACK_WIDTH)))
    });
    group.bench_function("option_map_1600px_with_roads", |b| {
        b.iter(|| draw_roads(black_box(1600)))
    });
    group.finish();
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    benches(&mut c);
    c.final_summary();
}
