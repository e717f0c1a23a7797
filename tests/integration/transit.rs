//! `appraise transit` as a user runs it: a small hand-made GTFS feed (zipped, and as a folder),
//! its times stored as the public transport column with one audit entry naming the feed, and
//! bad input refused with the appraisal's bytes unchanged.

use std::io::Write;
use std::path::PathBuf;

use appraise::model::{Appraisal, OrgKind, Organisation, TravelMatrix, TravelMode};
use appraise::store;

use crate::roads::{appraise, site, zone};
use crate::util::{Dir, sha256};

/// Stops A, B, C on latitude 51.5 at longitudes -1.0, -0.9, -0.8 (about 7 km apart: no walk
/// joins them). One trip pattern A -> B (10 min) -> C (25 min after A), every 10 minutes from
/// 07:00 while before 10:00 (frequencies.txt), every day of 2026.
fn files() -> Vec<(&'static str, String)> {
    vec![
        (
            "agency.txt",
            "agency_id,agency_name,agency_url,agency_timezone\nA,Buses,https://example.org,Europe/London\n".into(),
        ),
        (
            "routes.txt",
            "route_id,agency_id,route_short_name,route_type\nR,A,1,3\n".into(),
        ),
        (
            "calendar.txt",
            "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\nDAILY,1,1,1,1,1,1,1,20260101,20261231\n".into(),
        ),
        (
            "stops.txt",
            "stop_id,stop_name,stop_lat,stop_lon\nA,A,51.5,-1.0\nB,B,51.5,-0.9\nC,C,51.5,-0.8\n".into(),
        ),
        ("trips.txt", "route_id,service_id,trip_id\nR,DAILY,F\n".into()),
        (
            "stop_times.txt",
            "trip_id,arrival_time,departure_time,stop_id,stop_sequence\nF,00:00:00,00:00:00,A,1\nF,00:10:00,00:10:00,B,2\nF,00:25:00,00:25:00,C,3\n".into(),
        ),
        (
            "frequencies.txt",
            "trip_id,start_time,end_time,headway_secs\nF,07:00:00,10:00:00,600\n".into(),
        ),
    ]
}

fn folder(dir: &Dir, name: &str, files: &[(&str, String)]) -> PathBuf {
    let path = dir.path(name);
    std::fs::create_dir_all(&path).unwrap();
    for (n, text) in files {
        std::fs::write(path.join(n), text).unwrap();
    }
    path
}

fn zipped(dir: &Dir, name: &str, files: &[(&str, String)]) -> PathBuf {
    let path = dir.path(name);
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    for (n, text) in files {
        zip.start_file(*n, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
    path
}

/// Zones on A and B, sites on B and C, car times already stored.
fn appraisal(dir: &Dir) -> PathBuf {
    let mut a = Appraisal::new("transit");
    a.organisations = vec![Organisation {
        code: "ORG".into(),
        name: "Trust".into(),
        kind: OrgKind::AcuteTrust,
        cqc_rating: None,
        baseline: Vec::new(),
        projection: Default::default(),
    }];
    a.zones = vec![zone("ZA", 51.5, -1.0), zone("ZB", 51.5, -0.9)];
    a.sites = vec![site("SB", 51.5, -0.9), site("SC", 51.5, -0.8)];
    a.travel_matrix = TravelMatrix::new(
        vec!["ZA".into(), "ZB".into()],
        vec!["SB".into(), "SC".into()],
        vec![TravelMode::Car],
        vec![1.0, 2.0, 3.0, 4.0],
    )
    .unwrap();
    let file = dir.path("transit.appraisal");
    store::create(&file, &a).unwrap();
    file
}

/// Window 08:00-08:10 (ten departure minutes) on Wednesday 2026-12-02, the median the fifth of
/// the ten sorted times:
/// - ZA -> SB: 08:00 takes the 08:00 (B 08:10): 10; 08:01 ... 08:09 the 08:10 (B 08:20): 19 ...
///   11. Sorted 10 ... 19: 14.
/// - ZA -> SC: 25, then 34 ... 26 (C 08:35). Sorted 25 ... 34: 29.
/// - ZB -> SB: the zone is at the site, a walk of 0: 0.
/// - ZB -> SC: 08:00 catches the 07:50 from A at B (08:00, C 08:15): 15; 08:01 ... 08:09 the
///   08:00 from A (B 08:10, C 08:25): 24 ... 16. Sorted 15 ... 24: 19.
#[test]
fn transit_cli_stores_public_transport_times_and_keeps_car() {
    let dir = Dir::new();
    let file = appraisal(&dir);
    let feed = zipped(&dir, "buses.zip", &files());
    let before = store::open(&file).unwrap().audit.len();
    let out = appraise(&[
        "transit".as_ref(),
        file.as_os_str(),
        feed.as_os_str(),
        "--date".as_ref(),
        "2026-12-02".as_ref(),
        "--window".as_ref(),
        "08:00-08:10".as_ref(),
    ]);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(said.contains("2 zones x 2 sites = 4 cells"), "{said}");
    // 07:00 ... 09:50 every 10 minutes: 18 trips on 1 route.
    assert!(
        said.contains("18 trips on 1 routes run on 2026-12-02"),
        "{said}"
    );
    let a = store::open(&file).unwrap();
    assert_eq!(a.audit.len(), before + 1);
    let sha: String = sha256(&feed).iter().map(|b| format!("{b:02x}")).collect();
    let entry = a.audit.last().unwrap().new.clone().unwrap_or_default();
    assert!(
        entry.contains(&format!("buses.zip (valid 2026-01-01 to 2026-12-31, SHA-256 {sha}): public transport times on 2026-12-02, median over departures 08:00-08:10; walks at 4.8 km/h (straight line x 1.3), up to 800 m to and from stops, changes on foot up to 400 m, at most 3 changes, journeys up to 180 min")),
        "{entry}"
    );
    let m = &a.travel_matrix;
    assert_eq!(m.modes(), &[TravelMode::Car, TravelMode::PublicTransport]);
    let pt = m.mode_index(TravelMode::PublicTransport).unwrap();
    assert_eq!(m.column(pt, 0), &[14.0, 0.0]);
    assert_eq!(m.column(pt, 1), &[29.0, 19.0]);
    let car = m.mode_index(TravelMode::Car).unwrap();
    assert_eq!(m.column(car, 0), &[1.0, 2.0]);
    assert_eq!(m.column(car, 1), &[3.0, 4.0]);

    // The same feed as a folder, as JSON, gives the same times; the same times again are no
    // change (no audit entry).
    let same = folder(&dir, "buses", &files());
    let out = appraise(&[
        "transit".as_ref(),
        file.as_os_str(),
        same.as_os_str(),
        "--date".as_ref(),
        "2026-12-02".as_ref(),
        "--window".as_ref(),
        "08:00-08:10".as_ref(),
        "--json".as_ref(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["cells"], 4);
    assert_eq!(json["feeds"][0]["stop_times"], 3);
    assert_eq!(json["feeds"][0]["valid_from"], "2026-01-01");
    assert!(json["audit"].is_null(), "{json}");
    assert_eq!(store::open(&file).unwrap().audit.len(), before + 1);

    // A flag overrides the stored settings for the run: no change of vehicle allowed. These
    // journeys need none, so the times are the same and nothing is written.
    let out = appraise(&[
        "transit".as_ref(),
        file.as_os_str(),
        same.as_os_str(),
        "--date".as_ref(),
        "2026-12-02".as_ref(),
        "--window".as_ref(),
        "08:00-08:10".as_ref(),
        "--max-transfers".as_ref(),
        "0".as_ref(),
        "--json".as_ref(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["settings"]["max_transfers"], 0);
    assert_eq!(json["cells"], 4);
    assert!(json["audit"].is_null(), "{json}");
}

#[test]
fn transit_cli_bad_input_leaves_the_file_untouched() {
    let dir = Dir::new();
    let file = appraisal(&dir);
    let hash = sha256(&file);
    let good = folder(&dir, "good", &files());
    let refused = |feed: &PathBuf, date: &str, window: &str, expected: &str| {
        let out = appraise(&[
            "transit".as_ref(),
            file.as_os_str(),
            feed.as_os_str(),
            "--date".as_ref(),
            date.as_ref(),
            "--window".as_ref(),
            window.as_ref(),
        ]);
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(
            !out.status.success(),
            "{feed:?} {date} {window} was accepted"
        );
        assert!(err.contains(expected), "{err}");
        assert_eq!(sha256(&file), hash, "{feed:?} changed the file");
    };
    // A required file missing.
    let mut no_times = files();
    no_times.retain(|(n, _)| *n != "stop_times.txt");
    let no_times = folder(&dir, "no_times", &no_times);
    refused(
        &no_times,
        "2026-12-02",
        "08:00-09:00",
        "no_times: stop_times.txt: a required file is missing",
    );
    // A required column missing: trips.txt without service_id.
    let mut no_column = files();
    for (n, text) in no_column.iter_mut() {
        if *n == "trips.txt" {
            *text = "route_id,trip_id\nR,F\n".into();
        }
    }
    let no_column = folder(&dir, "no_column", &no_column);
    refused(
        &no_column,
        "2026-12-02",
        "08:00-09:00",
        "no_column: trips.txt row 2: missing field `service_id`",
    );
    // Stop times out of order: C (row 4) before B left.
    let mut backwards = files();
    for (n, text) in backwards.iter_mut() {
        if *n == "stop_times.txt" {
            *text = "trip_id,arrival_time,departure_time,stop_id,stop_sequence\nF,00:00:00,00:00:00,A,1\nF,00:10:00,00:10:00,B,2\nF,00:05:00,00:05:00,C,3\n".into();
        }
    }
    let backwards = folder(&dir, "backwards", &backwards);
    refused(
        &backwards,
        "2026-12-02",
        "08:00-09:00",
        "backwards: stop_times.txt row 4, field arrival_time: trip \"F\"'s stop times are out of order",
    );
    // A date outside every feed's calendar.
    refused(
        &good,
        "2027-03-01",
        "08:00-09:00",
        "2027-03-01 is outside every feed's calendar: good runs 2026-01-01 to 2026-12-31",
    );
    // A window with no service: nothing departs from 23:00 to 02:00.
    refused(
        &good,
        "2026-12-02",
        "23:00-23:30",
        "the window has no service",
    );
    // Not a window; not a date; not a feed.
    refused(
        &good,
        "2026-12-02",
        "8-9",
        "--window: window \"8-9\": expected HH:MM-HH:MM",
    );
    refused(
        &good,
        "2-12-2026",
        "08:00-09:00",
        "--date: \"2-12-2026\" is not a date",
    );
    refused(&file, "2026-12-02", "08:00-09:00", "transit.appraisal");
}
