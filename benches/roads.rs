//! Road times at national scale on a generated network of England's size: a jittered grid of
//! `ROADS_SIDE` x `ROADS_SIDE` junctions (default 2,000: 4 million junctions, 8 million road
//! segments, every other row one way), 35,000 zones and 300 sites; all three road modes.
//! Target (issue 18): under 60 s and under 2 GB peak memory. Then the parsing speed of a real
//! extract in MB/s (`ROADS_PBF`, default the Helsinki fixture). A plain timed run, not criterion:
//! one national run is the measurement. `cargo bench -p appraise --bench roads`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // bench code: a failure is the bench's own

#[path = "common/memory.rs"]
mod memory;

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use appraise::model::{Appraisal, Site, Zone};
use appraise::travel::roads::osm::{Direction, Roads, Way};
use appraise::travel::roads::speeds::RoadClass;
use appraise::travel::roads::{self, RoadMode, RoadSettings, components, network::Network};
use rand::{RngExt, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;

const LAT0: f64 = 50.5;
const LON0: f64 = -5.0;
/// About 180 m between junctions: England's 130,000 km2 over 4 million junctions.
const STEP_LAT: f64 = 0.0016;
const STEP_LON: f64 = 0.0026;

fn generated(side: usize, rng: &mut Xoshiro256PlusPlus) -> Roads {
    let id = |r: usize, c: usize| (r * side + c) as i64;
    let mut coords = Vec::with_capacity(side * side);
    for r in 0..side {
        for c in 0..side {
            coords.push((
                LAT0 + r as f64 * STEP_LAT + rng.random_range(-0.0003..0.0003),
                LON0 + c as f64 * STEP_LON + rng.random_range(-0.0005..0.0005),
            ));
        }
    }
    let classes = [
        RoadClass::Motorway,
        RoadClass::Trunk,
        RoadClass::Primary,
        RoadClass::Secondary,
        RoadClass::Tertiary,
        RoadClass::Unclassified,
        RoadClass::Residential,
    ];
    let class_of = |i: usize| classes[[0, 6, 5, 4, 6, 3, 6, 2, 6, 1][i % 10]];
    let mut ways = Vec::with_capacity(2 * side);
    for r in 0..side {
        let class = class_of(r);
        // Every other row one way, alternating east and west: still strongly connected.
        let direction = match (class, r % 4) {
            (RoadClass::Motorway, _) => Direction::Both,
            (_, 1) => Direction::Forward,
            (_, 3) => Direction::Backward,
            _ => Direction::Both,
        };
        ways.push(Way {
            id: ways.len() as i64,
            nodes: (0..side).map(|c| id(r, c)).collect(),
            class,
            kmh: class.default_kmh(),
            direction,
        });
    }
    for c in 0..side {
        let class = class_of(c + 3);
        ways.push(Way {
            id: ways.len() as i64,
            nodes: (0..side).map(|r| id(r, c)).collect(),
            class,
            kmh: class.default_kmh(),
            direction: Direction::Both,
        });
    }
    Roads {
        ways,
        nodes: (0..(side * side) as i64).collect(),
        coords,
        blocked: 0,
    }
}

fn place(rng: &mut Xoshiro256PlusPlus, side: usize) -> (f64, f64) {
    let span = (side - 1) as f64;
    (
        LAT0 + rng.random_range(0.0..span) * STEP_LAT,
        LON0 + rng.random_range(0.0..span) * STEP_LON,
    )
}

fn main() {
    let side: usize = std::env::var("ROADS_SIDE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(2_000);
    let zones: usize = std::env::var("ROADS_ZONES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(35_000);
    let sites: usize = std::env::var("ROADS_SITES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(300);
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(18);
    let roads = generated(side, &mut rng);

    let started = Instant::now();
    let full = Network::build(&roads, &Default::default()).expect("network");
    drop(roads);
    let built = started.elapsed();
    let keep = components::largest(&full);
    let network = full.keeping(&keep);
    drop(full);
    let cut = started.elapsed() - built;
    println!(
        "network: {} junctions, {} directed segments; built in {:.2} s, largest strongly connected part in {:.2} s; peak RSS {:.0} MB",
        network.nodes(),
        network.edges(),
        built.as_secs_f64(),
        cut.as_secs_f64(),
        memory::peak_rss_mb()
    );

    let mut a = Appraisal::new("national roads");
    a.zones = (0..zones)
        .map(|i| {
            let (lat, lon) = place(&mut rng, side);
            Zone {
                code: format!("Z{i}"),
                name: format!("Zone {i}"),
                latitude: Some(lat),
                longitude: Some(lon),
                population: 1_500.0,
                imd_decile: 5,
                households: None,
                households_without_car: None,
                sources: None,
            }
        })
        .collect();
    a.sites = (0..sites)
        .map(|i| {
            let (lat, lon) = place(&mut rng, side);
            Site {
                code: format!("S{i}"),
                name: format!("Site {i}"),
                organisation: "ORG".to_owned(),
                latitude: Some(lat),
                longitude: Some(lon),
                services: Vec::new(),
                postcode: None,
            }
        })
        .collect();
    let started = Instant::now();
    let times = roads::compute_on(
        &a,
        &network,
        Path::new("generated"),
        &RoadSettings::default(),
        &RoadMode::ALL,
        &|_, _| {},
        &AtomicBool::new(false),
    )
    .expect("times");
    let took = started.elapsed();
    let cells = times.minutes.iter().filter(|v| !v.is_nan()).count();
    let longest = times.minutes.iter().copied().fold(0.0f32, f32::max);
    println!(
        "all three road modes, {zones} zones x {sites} sites ({cells} cells, longest {longest:.0} min): {:.1} s (target < 60 s); peak RSS {:.0} MB (target < 2,048 MB)",
        took.as_secs_f64(),
        memory::peak_rss_mb()
    );

    let pbf = std::env::var_os("ROADS_PBF").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/osm/Helsinki.osm.pbf"),
        PathBuf::from,
    );
    let bytes = std::fs::metadata(&pbf).expect("extract").len() as f64;
    let started = Instant::now();
    let read = roads::osm::read(&pbf).expect("read");
    let secs = started.elapsed().as_secs_f64();
    println!(
        "parsed {} ({:.1} MB, {} car ways, {} nodes) in {:.3} s: {:.1} MB/s (both passes)",
        pbf.display(),
        bytes / 1e6,
        read.ways.len(),
        read.nodes.len(),
        secs,
        bytes / 1e6 / secs
    );
}
