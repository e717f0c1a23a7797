//! Road times on tiny hand-made networks, worked out by hand. Each network is written as OSM XML
//! and turned into PBF with `osmium cat` (Debian package osmium-tool, in
//! scripts/install-deps.sh).
//!
//! The networks lie on the equator, where 0.01 degree of longitude (and of latitude along a
//! meridian) is 6,371,008.8 m x 0.01 x pi / 180 = 1,111.9508 m. At `maxspeed=36` (10 m/s) one
//! such side takes 111.1951 s; edge times are whole milliseconds, so 111.195 s a side.
//!
//! The square: A (0, 0), B (0, 0.01), C (0.01, 0.01), D (0.01, 0).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::AtomicBool;

use super::*;
use crate::model::{Site, Zone};

const SIDE_S: f64 = 111.195;

fn node(id: i64, lat: f64, lon: f64, tags: &[(&str, &str)]) -> String {
    let tags: String = tags
        .iter()
        .map(|(k, v)| format!(r#"<tag k="{k}" v="{v}"/>"#))
        .collect();
    format!(r#"<node id="{id}" version="1" lat="{lat}" lon="{lon}">{tags}</node>"#)
}

fn way(id: i64, refs: &[i64], tags: &[(&str, &str)]) -> String {
    let refs: String = refs.iter().map(|r| format!(r#"<nd ref="{r}"/>"#)).collect();
    let tags: String = tags
        .iter()
        .map(|(k, v)| format!(r#"<tag k="{k}" v="{v}"/>"#))
        .collect();
    format!(r#"<way id="{id}" version="1">{refs}{tags}</way>"#)
}

/// The square's corners, with any extra nodes.
fn square_nodes(extra: &[String]) -> Vec<String> {
    let mut nodes = vec![
        node(1, 0.0, 0.0, &[]),
        node(2, 0.0, 0.01, &[]),
        node(3, 0.01, 0.01, &[]),
        node(4, 0.01, 0.0, &[]),
    ];
    nodes.extend(extra.iter().cloned());
    nodes
}

/// Writes the OSM XML and converts it to PBF in `dir`.
pub(crate) fn pbf(dir: &Path, nodes: &[String], ways: &[String]) -> PathBuf {
    let xml = format!(
        "<?xml version='1.0' encoding='UTF-8'?>\n<osm version=\"0.6\" generator=\"test\">\n{}\n{}\n</osm>\n",
        nodes.join("\n"),
        ways.join("\n")
    );
    let (osm, out) = (dir.join("net.osm"), dir.join("net.osm.pbf"));
    std::fs::write(&osm, xml).expect("write osm");
    let status = Command::new("osmium")
        .args(["cat", "--overwrite"])
        .arg(&osm)
        .arg("-o")
        .arg(&out)
        .status()
        .expect("osmium (apt-get install osmium-tool; see scripts/install-deps.sh)");
    assert!(status.success(), "osmium cat failed");
    out
}

fn zone(code: &str, lat: f64, lon: f64) -> Zone {
    Zone {
        code: code.to_owned(),
        name: code.to_owned(),
        latitude: Some(lat),
        longitude: Some(lon),
        population: 100.0,
        imd_decile: 5,
        households: None,
        households_without_car: None,
        sources: None,
    }
}

fn site(code: &str, lat: f64, lon: f64) -> Site {
    Site {
        code: code.to_owned(),
        name: code.to_owned(),
        organisation: "ORG".to_owned(),
        latitude: Some(lat),
        longitude: Some(lon),
        services: Vec::new(),
        postcode: None,
    }
}

/// Zones ZA, ZB and sites SA, SB on corners A and B.
fn at_a_and_b() -> Appraisal {
    let mut a = Appraisal::new("roads");
    a.zones = vec![zone("ZA", 0.0, 0.0), zone("ZB", 0.0, 0.01)];
    a.sites = vec![site("SA", 0.0, 0.0), site("SB", 0.0, 0.01)];
    a
}

/// No allowances: minutes are drive seconds / 60.
fn bare() -> RoadSettings {
    RoadSettings {
        junction_allowance: 0.0,
        parking_seconds: 0.0,
        ..RoadSettings::default()
    }
}

fn compute(
    a: &Appraisal,
    nodes: &[String],
    ways: &[String],
    settings: &RoadSettings,
) -> Result<RoadTimes, RoadsError> {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = pbf(dir.path(), nodes, ways);
    let (network, _) = load_network(&file, &settings.peak_factors)?;
    compute_on(
        a,
        &network,
        &file,
        settings,
        &RoadMode::ALL,
        &|_, _| {},
        &AtomicBool::new(false),
    )
}

/// Seconds from zone `z` to site `s` by `mode`.
fn seconds(t: &RoadTimes, mode: RoadMode, z: usize, s: usize) -> f64 {
    f64::from(t.minutes(mode, s, z).expect("a time")) * 60.0
}

fn close(got: f64, expected: f64) {
    assert!(
        (got - expected).abs() < 0.01,
        "got {got} s, expected {expected} s"
    );
}

const RES36: [(&str, &str); 2] = [("highway", "residential"), ("maxspeed", "36")];

/// B -> C -> D -> A, both ways.
fn round_the_square() -> String {
    way(20, &[2, 3, 4, 1], &RES36)
}

#[test]
fn a_oneway_street_is_driven_one_way_only() {
    let ways = [
        way(10, &[1, 2], &[RES36[0], RES36[1], ("oneway", "yes")]),
        round_the_square(),
    ];
    let t = compute(&at_a_and_b(), &square_nodes(&[]), &ways, &bare()).expect("times");
    // A -> B along the one-way side: 111.195 s.
    close(seconds(&t, RoadMode::OffPeakCar, 0, 1), SIDE_S);
    // B -> A must go round B -> C -> D -> A: 3 x 111.195 = 333.585 s.
    close(seconds(&t, RoadMode::OffPeakCar, 1, 0), 3.0 * SIDE_S);
    // A zone at the site itself: no time at all.
    close(seconds(&t, RoadMode::OffPeakCar, 0, 0), 0.0);
}

#[test]
fn oneway_minus_one_runs_against_the_nodes() {
    // The way is drawn B -> A but oneway=-1: cars go A -> B only, as above.
    let ways = [
        way(10, &[2, 1], &[RES36[0], RES36[1], ("oneway", "-1")]),
        round_the_square(),
    ];
    let t = compute(&at_a_and_b(), &square_nodes(&[]), &ways, &bare()).expect("times");
    close(seconds(&t, RoadMode::OffPeakCar, 0, 1), SIDE_S);
    close(seconds(&t, RoadMode::OffPeakCar, 1, 0), 3.0 * SIDE_S);
}

#[test]
fn a_roundabout_is_one_way() {
    let ways = [
        way(
            10,
            &[1, 2],
            &[RES36[0], RES36[1], ("junction", "roundabout")],
        ),
        round_the_square(),
    ];
    let t = compute(&at_a_and_b(), &square_nodes(&[]), &ways, &bare()).expect("times");
    close(seconds(&t, RoadMode::OffPeakCar, 1, 0), 3.0 * SIDE_S);
}

#[test]
fn a_private_road_and_a_bollard_are_not_used() {
    // A fast private road A -> B (motorway-like 100 km/h would give 40.03 s) is refused: A -> B
    // goes round A -> D -> C -> B, 333.585 s.
    let private = [
        way(
            10,
            &[1, 2],
            &[
                ("highway", "primary"),
                ("maxspeed", "100"),
                ("access", "private"),
            ],
        ),
        round_the_square(),
    ];
    let t = compute(&at_a_and_b(), &square_nodes(&[]), &private, &bare()).expect("times");
    close(seconds(&t, RoadMode::OffPeakCar, 0, 1), 3.0 * SIDE_S);
    // The same with motor_vehicle=no.
    let no_motor = [
        way(10, &[1, 2], &[RES36[0], RES36[1], ("motor_vehicle", "no")]),
        round_the_square(),
    ];
    let t = compute(&at_a_and_b(), &square_nodes(&[]), &no_motor, &bare()).expect("times");
    close(seconds(&t, RoadMode::OffPeakCar, 0, 1), 3.0 * SIDE_S);
    // A bollard halfway along A - B (node 5 at (0, 0.005)) blocks it both ways.
    let bollard = [node(5, 0.0, 0.005, &[("barrier", "bollard")])];
    let ways = [way(10, &[1, 5, 2], &RES36), round_the_square()];
    let t = compute(&at_a_and_b(), &square_nodes(&bollard), &ways, &bare()).expect("times");
    close(seconds(&t, RoadMode::OffPeakCar, 0, 1), 3.0 * SIDE_S);
    close(seconds(&t, RoadMode::OffPeakCar, 1, 0), 3.0 * SIDE_S);
    // An open gate does not: A -> B is 2 x 55.598 = 111.195 s.
    let gate = [node(5, 0.0, 0.005, &[("barrier", "gate")])];
    let t = compute(&at_a_and_b(), &square_nodes(&gate), &ways, &bare()).expect("times");
    close(seconds(&t, RoadMode::OffPeakCar, 0, 1), SIDE_S);
}

#[test]
fn maxspeed_in_mph() {
    // 30 mph = 48.28032 km/h = 13.4112 m/s: 1,111.9508 m / 13.4112 m/s = 82.912 s.
    let ways = [way(
        10,
        &[1, 2],
        &[("highway", "primary"), ("maxspeed", "30 mph")],
    )];
    let t = compute(&at_a_and_b(), &square_nodes(&[]), &ways, &bare()).expect("times");
    close(seconds(&t, RoadMode::OffPeakCar, 0, 1), 82.912);
    close(seconds(&t, RoadMode::OffPeakCar, 1, 0), 82.912);
}

#[test]
fn a_zone_is_joined_to_the_nearest_road_at_the_set_speed() {
    // Zone Z at (0.002, 0): 222.3902 m north of A, its nearest node (D is 889.6 m away).
    // At 15 km/h (4.1667 m/s) the leg takes 53.374 s; then A -> B 111.195 s: 164.569 s.
    let mut a = at_a_and_b();
    a.zones = vec![zone("Z", 0.002, 0.0)];
    let ways = [way(10, &[1, 2], &RES36), way(11, &[1, 4], &RES36)];
    let t = compute(&a, &square_nodes(&[]), &ways, &bare()).expect("times");
    close(seconds(&t, RoadMode::OffPeakCar, 0, 1), 53.374 + SIDE_S);
    // At 30 km/h the leg takes half as long: 26.687 s.
    let fast = RoadSettings {
        join_speed_kmh: 30.0,
        ..bare()
    };
    let t = compute(&a, &square_nodes(&[]), &ways, &fast).expect("times");
    close(seconds(&t, RoadMode::OffPeakCar, 0, 1), 26.687 + SIDE_S);
}

#[test]
fn peak_blue_light_and_the_allowances() {
    let ways = [
        way(10, &[1, 2], &[RES36[0], RES36[1], ("oneway", "yes")]),
        round_the_square(),
    ];
    let t = compute(
        &at_a_and_b(),
        &square_nodes(&[]),
        &ways,
        &RoadSettings::default(),
    )
    .expect("times");
    // Off-peak car: 111.195 s x 1.15 (junctions) + 160 s (parking) = 287.874 s = 4.798 min.
    close(seconds(&t, RoadMode::OffPeakCar, 0, 1), 287.874);
    // Peak car: residential peak factor 1.15, so the side takes 127.874 s;
    // x 1.15 + 160 = 307.055 s.
    close(seconds(&t, RoadMode::PeakCar, 0, 1), 307.055);
    // Blue light: 0.67 x 111.195 x 1.15 = 85.676 s, no parking.
    close(seconds(&t, RoadMode::BlueLight, 0, 1), 85.676);
    // Round the square B -> A: 333.585 s x 1.15 + 160 = 543.623 s.
    close(seconds(&t, RoadMode::OffPeakCar, 1, 0), 543.623);
    // Within one site: only the parking allowance.
    close(seconds(&t, RoadMode::OffPeakCar, 0, 0), 160.0);
    close(seconds(&t, RoadMode::BlueLight, 0, 0), 0.0);
}

#[test]
fn only_the_largest_strongly_connected_part_is_kept() {
    // The square both ways (4 nodes) and an island far away (2 nodes): the island goes.
    let island = [node(10, 1.0, 1.0, &[]), node(11, 1.0, 1.01, &[])];
    let ways = [
        way(10, &[1, 2], &RES36),
        round_the_square(),
        way(30, &[10, 11], &RES36),
        way(31, &[10, 11], &[("highway", "footway")]),
    ];
    let dir = tempfile::tempdir().expect("tempdir");
    let file = pbf(dir.path(), &square_nodes(&island), &ways);
    let (network, stats) = load_network(&file, &PeakFactors::default()).expect("network");
    assert_eq!((stats.ways, stats.nodes, stats.kept_nodes), (3, 6, 4));
    // 5 two-way segments = 10 directed edges, 8 in the square.
    assert_eq!((stats.edges, stats.kept_edges), (10, 8));
    assert_eq!(network.nodes(), 4);
}

#[test]
fn zones_far_from_any_road_are_listed() {
    let ways = [way(10, &[1, 2], &RES36)];
    let mut a = at_a_and_b();
    // 0.05 degree north of A: 5.56 km from any road.
    a.zones.push(zone("FAR1", 0.05, 0.0));
    a.zones.push(zone("FAR2", 0.05, 0.01));
    let err = compute(&a, &square_nodes(&[]), &ways, &bare())
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        err.contains("2 zones more than 2000 m from any road: FAR1, FAR2"),
        "{err}"
    );
    a.zones.drain(..2);
    let err = compute(&a, &square_nodes(&[]), &ways, &bare())
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        err.contains("the extract covers none of the appraisal's 2 zones"),
        "{err}"
    );
}

#[test]
fn not_a_pbf_and_no_roads_are_errors_naming_the_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = dir.path().join("roads.csv");
    std::fs::write(&text, "zone,site,mode,minutes\nZ1,S1,car,5\n").expect("write");
    let err = load_network(&text, &PeakFactors::default())
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        err.contains("roads.csv: not a readable OpenStreetMap PBF file"),
        "{err}"
    );
    let ways = [way(10, &[1, 2], &[("highway", "footway")])];
    let file = pbf(dir.path(), &square_nodes(&[]), &ways);
    let err = load_network(&file, &PeakFactors::default())
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        err.contains("net.osm.pbf: the extract has no road a car may use"),
        "{err}"
    );
}

#[test]
fn progress_counts_searches_and_cancel_stops_them() {
    let ways = [way(10, &[1, 2], &RES36), round_the_square()];
    let dir = tempfile::tempdir().expect("tempdir");
    let file = pbf(dir.path(), &square_nodes(&[]), &ways);
    let (network, _) = load_network(&file, &PeakFactors::default()).expect("network");
    let a = at_a_and_b();
    // Two sites, off-peak and peak: 4 searches planned; the last report is 4 of 4.
    let seen = std::sync::Mutex::new(Vec::new());
    let record = |done, planned| seen.lock().expect("lock").push((done, planned));
    compute_on(
        &a,
        &network,
        &file,
        &bare(),
        &RoadMode::ALL,
        &record,
        &AtomicBool::new(false),
    )
    .expect("times");
    let mut seen = seen.into_inner().expect("lock");
    seen.sort_unstable();
    assert_eq!(seen, vec![(1, 4), (2, 4), (3, 4), (4, 4)]);
    // Blue light alone needs only the off-peak searches: 2 planned.
    let last = std::sync::atomic::AtomicUsize::new(0);
    let note = |_, planned| last.store(planned, std::sync::atomic::Ordering::Relaxed);
    compute_on(
        &a,
        &network,
        &file,
        &bare(),
        &[RoadMode::BlueLight],
        &note,
        &AtomicBool::new(false),
    )
    .expect("times");
    assert_eq!(last.into_inner(), 2);
    let err = compute_on(
        &a,
        &network,
        &file,
        &bare(),
        &RoadMode::ALL,
        &|_, _| {},
        &AtomicBool::new(true),
    )
    .err()
    .map(|e| e.to_string())
    .unwrap_or_default();
    assert!(
        err.contains("net.osm.pbf: the road times were cancelled"),
        "{err}"
    );
}

#[test]
fn the_peak_factors_are_settings() {
    // Residential roads twice as slow at peak: A -> B 111.195 s x 2 = 222.390 s, off-peak as
    // before.
    let ways = [way(10, &[1, 2], &RES36)];
    let settings = RoadSettings {
        peak_factors: PeakFactors {
            minor: 2.0,
            ..PeakFactors::default()
        },
        ..bare()
    };
    let t = compute(&at_a_and_b(), &square_nodes(&[]), &ways, &settings).expect("times");
    close(seconds(&t, RoadMode::PeakCar, 0, 1), 2.0 * SIDE_S);
    close(seconds(&t, RoadMode::OffPeakCar, 0, 1), SIDE_S);
    // A primary road is priced by its own factor: 1.4 by default, 30 mph: 82.912 s x 1.4 =
    // 116.077 s.
    let ways = [way(
        10,
        &[1, 2],
        &[("highway", "primary"), ("maxspeed", "30 mph")],
    )];
    let t = compute(&at_a_and_b(), &square_nodes(&[]), &ways, &settings).expect("times");
    close(seconds(&t, RoadMode::PeakCar, 0, 1), 116.077);
}

/// Replacing road modes keeps every other mode's times, matched by code: an old matrix with
/// car and public transport over the zones in another order, new blue-light and car times.
#[test]
fn road_times_replace_only_their_own_modes() {
    let a = at_a_and_b();
    let zones: Vec<String> = a.zones.iter().rev().map(|z| z.code.clone()).collect();
    let sites: Vec<String> = a.sites.iter().map(|s| s.code.clone()).collect();
    // Old: car 1 2 / 3 4 and public transport 5 6 / 7 8, zones reversed.
    let old = crate::model::TravelMatrix::new(
        zones,
        sites,
        vec![TravelMode::Car, TravelMode::PublicTransport],
        vec![1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0],
    )
    .expect("shape");
    // New: blue light then car, [mode][site][zone] in the appraisal's order.
    let times = RoadTimes {
        modes: vec![RoadMode::OffPeakCar, RoadMode::BlueLight],
        zones: 2,
        sites: 2,
        minutes: vec![10.0, 11.0, 12.0, 13.0, 20.0, 21.0, 22.0, f32::NAN],
        unplaced: Vec::new(),
    };
    let m = with_road_times(&a, &old, &times);
    assert_eq!(
        m.modes(),
        [
            TravelMode::Car,
            TravelMode::BlueLight,
            TravelMode::PublicTransport
        ]
    );
    assert_eq!(m.column(0, 0), [10.0, 11.0]);
    assert_eq!(m.column(0, 1), [12.0, 13.0]);
    assert_eq!(m.column(1, 0), [20.0, 21.0]);
    assert_eq!(m.column(1, 1)[0], 22.0);
    assert!(m.column(1, 1)[1].is_nan());
    // Public transport kept, back in the appraisal's zone order.
    assert_eq!(m.column(2, 0), [6.0, 5.0]);
    assert_eq!(m.column(2, 1), [8.0, 7.0]);
}
