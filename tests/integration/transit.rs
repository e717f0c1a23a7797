//! `appraise transit` as a user runs it: a small hand-made GTFS feed (zipped, and as a folder),
//! its times stored as the public transport column with one audit entry naming the feed, and
//! bad input refused with the appraisal's bytes unchanged.

use std::io::Write;
use std::path::PathBuf;

use appraise::model::{
    Appraisal, AppraisalOption, OptionFinance, OptionKind, OrgKind, Organisation, Service,
    SiteService, Threshold, TravelMatrix, TravelMode,
};
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

    // The same feed as a folder, as JSON, gives the same times, but from another file (its
    // name and SHA-256): the basis changes, so one audit entry says so, no cell changing.
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
    let entry = json["audit"]["new"].as_str().unwrap_or_default();
    assert!(
        entry.contains(
            "0 cells changed (0 added, 0 removed, 0 altered); what its times were computed from changed"
        ),
        "{json}"
    );
    assert!(
        entry.contains("buses (valid 2026-01-01 to 2026-12-31"),
        "{json}"
    );
    let a = store::open(&file).unwrap();
    assert_eq!(a.audit.len(), before + 2);
    assert_eq!(
        a.travel_matrix.transit().unwrap().basis().feeds[0].file,
        "buses"
    );

    // A flag overrides the stored settings for the run: no change of vehicle allowed. These
    // journeys need none, so the times are the same; the basis records the setting (one
    // entry), and the same run again changes nothing at all (no entry).
    let no_change = || {
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
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    let json = no_change();
    assert_eq!(json["settings"]["max_transfers"], 0);
    assert_eq!(json["cells"], 4);
    assert!(
        json["audit"]["new"]
            .as_str()
            .unwrap_or_default()
            .contains("at most 0 changes"),
        "{json}"
    );
    let json = no_change();
    assert!(json["audit"].is_null(), "{json}");
    let a = store::open(&file).unwrap();
    assert_eq!(a.audit.len(), before + 3);
    assert_eq!(
        a.travel_matrix
            .transit()
            .unwrap()
            .basis()
            .settings
            .max_transfers,
        0
    );
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

/// The pack's text (pdftotext; with `layout`, as laid out, so a table row is one line).
fn pack_text(pdf: &std::path::Path, layout: bool) -> String {
    let out = std::process::Command::new("pdftotext")
        .args(if layout { &["-layout"][..] } else { &[] })
        .args(["-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("run pdftotext (poppler-utils)");
    assert!(out.status.success(), "pdftotext failed");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Each line's words, one space apart.
fn line_words(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

/// The appraisal above with A&E (a 15-minute public-transport threshold) at SB and SC under do
/// minimum and at SC only under "Close B"; ZA 1,000 people (400 households, 300 without a car,
/// IMD decile 1), ZB 3,000 (1,200 households, 100 without a car, decile 9).
fn appraisal_with_services(dir: &Dir) -> PathBuf {
    let file = appraisal(dir);
    let mut a = store::open(&file).unwrap();
    a.services = vec![Service {
        code: "AE".into(),
        name: "A&E".into(),
        thresholds: vec![Threshold {
            mode: TravelMode::PublicTransport,
            minutes: 15.0,
        }],
    }];
    for (z, (people, households, without, decile)) in
        [(1_000.0, 400.0, 300.0, 1), (3_000.0, 1_200.0, 100.0, 9)]
            .into_iter()
            .enumerate()
    {
        a.zones[z].population = people;
        a.zones[z].households = Some(households);
        a.zones[z].households_without_car = Some(without);
        a.zones[z].imd_decile = decile;
    }
    let option = |code: &str, name: &str, kind, sites: &[&str]| AppraisalOption {
        code: code.into(),
        name: name.into(),
        kind,
        description: String::new(),
        members: Vec::new(),
        site_services: sites
            .iter()
            .map(|s| SiteService {
                site: (*s).into(),
                service: "AE".into(),
            })
            .collect(),
        site_transfers: Vec::new(),
        finance: OptionFinance::default(),
    };
    a.options = vec![
        option("DM", "Do minimum", OptionKind::DoMinimum, &["SB", "SC"]),
        option("CLOSE", "Close B", OptionKind::Merger, &["SC"]),
    ];
    store::create_replacing(&file, &a).unwrap();
    file
}

/// `appraise transit` then the pack: the feed, its dates and SHA-256, the settings, and the
/// share of departure minutes with no journey within A&E's 15 minutes.
///
/// Window 08:00-08:10 (ten minutes), the journey times of each minute as worked out above:
/// - ZA -> SB: 10, 19, 18, 17, 16, 15, 14, 13, 12, 11: within 15 at 08:00 and 08:05-08:09, 6.
/// - ZA -> SC: 25, 34 ... 26: none within 15.
/// - ZB -> SB: 0 every minute (the zone is at the site): 10.
/// - ZB -> SC: 15, 24 ... 16: 08:00 only, 1.
///
/// Do minimum (SB or SC): ZA 6 of 10 minutes have a journey within 15, 40% none; ZB all, 0%.
/// By population (1,000 and 3,000): 1,000 x 0.4 / 4,000 = 10.0%; by households without a car
/// (300 and 100): 300 x 0.4 / 400 = 30.0%. Close B (SC only): ZA 100%, ZB 90%: (1,000 + 2,700)
/// / 4,000 = 92.5%; (300 + 90) / 400 = 97.5%.
#[test]
fn transit_then_the_pack_shows_the_basis_and_the_reliability() {
    let dir = Dir::new();
    let file = appraisal_with_services(&dir);
    let feed = zipped(&dir, "buses.zip", &files());
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
    // 2 zones x 2 sites x 1 threshold x one 64-bit word for ten minutes.
    assert!(
        said.contains("departure minutes with a journey within 15 min stored (32 bytes)"),
        "{said}"
    );
    let sha: String = sha256(&feed).iter().map(|b| format!("{b:02x}")).collect();

    // `appraise travel` shows the basis beside the road bases, and the shares.
    let out = appraise(&["travel".as_ref(), file.as_os_str()]);
    let travel = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for expected in [
        "Public transport times computed from GTFS timetables for 2026-12-02, median over the departures 08:00-08:10 (10 minutes)".to_owned(),
        format!("feed buses.zip: valid 2026-01-01 to 2026-12-31; 3 stops, 1 trips; SHA-256 {sha}"),
        "walks at 4.8 km/h (straight line x 1.3), up to 800 m to and from stops, changes on foot up to 400 m, at most 3 changes, journeys up to 180 min".to_owned(),
        "reliability stored for: 15 min".to_owned(),
        "A&E (AE), threshold 15 min".to_owned(),
    ] {
        assert!(travel.contains(&expected), "{expected}\n{travel}");
    }
    let rows: Vec<Vec<&str>> = travel
        .lines()
        .map(|l| l.split_whitespace().collect())
        .filter(|w: &Vec<&str>| w.len() == 3 && w[1].ends_with('%') && w[2].ends_with('%'))
        .collect();
    assert_eq!(
        rows,
        [["DM", "10.0%", "30.0%"], ["CLOSE", "92.5%", "97.5%"]],
        "{travel}"
    );

    let pdf = dir.path("pack.pdf");
    let out = appraise(&[
        "report".as_ref(),
        file.as_os_str(),
        "-o".as_ref(),
        pdf.as_os_str(),
        "--status".as_ref(),
        "draft".as_ref(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines = line_words(&pack_text(&pdf, true));
    for expected in [
        format!("buses.zip 2026-01-01 to 2026-12-31 3 1 {}", &sha[..12]),
        "A&E (15 min) Do minimum 10.0% 30.0%".to_owned(),
        "Close B 92.5% 97.5%".to_owned(),
    ] {
        assert!(
            lines.contains(&expected),
            "{expected}\n{}",
            lines.join("\n")
        );
    }
    let text = line_words(&pack_text(&pdf, false)).join(" ");
    for expected in [
        "Public transport times are the median journey over the departure minutes 08:00-08:10 on 2026-12-02 (10 minutes; waiting at the start counts)".to_owned(),
        "walks at 4.8 km/h along straight lines x 1.3, up to 800 m to the first stop and from the last, changes on foot up to 400 m".to_owned(),
        "at most 3 changes, journeys up to 180 minutes. For each threshold (15 min) the departure minutes with a journey within it were stored too.".to_owned(),
        "computed from GTFS timetables by public transport (the basis is below) and, by car".to_owned(),
        format!("buses.zip, valid 2026-01-01 to 2026-12-31, SHA-256 {sha}"),
    ] {
        assert!(text.contains(&expected), "{expected}\n{text}");
    }

    // Road-free: a public transport matrix imported over it drops the basis and the bits.
    let csv = dir.path("pt.csv");
    std::fs::write(
        &csv,
        "zone,site,mode,minutes\nZA,SB,pt,12\nZA,SC,pt,30\nZB,SB,pt,0\nZB,SC,pt,20\n",
    )
    .unwrap();
    let out = appraise(&["import-matrix".as_ref(), file.as_os_str(), csv.as_os_str()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        store::open(&file)
            .unwrap()
            .travel_matrix
            .transit()
            .is_none()
    );
    let out = appraise(&["travel".as_ref(), file.as_os_str()]);
    let travel = String::from_utf8_lossy(&out.stdout);
    assert!(!travel.contains("GTFS"), "{travel}");
    assert!(!travel.contains("reliability"), "{travel}");
}
