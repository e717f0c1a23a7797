//! The transit engine on hand-made feeds, written as folders of .txt at test time. Stops lie
//! 0.1 degrees of longitude apart (about 7 km) so no walk joins them unless a test places one;
//! zones and sites sit on stops (no walk) unless a test says otherwise. Dates: 2026-12-02 is a
//! Wednesday.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use super::calendar::Day;
use super::feed::{self, FeedError};
use super::window::{Window, median_minutes};
use super::*;
use crate::model::{Site, Zone};

const WEDNESDAY: &str = "2026-12-02";

/// A folder feed in a fresh temporary directory: agency, routes and an every-day calendar
/// (service `DAILY`, all of 2026) unless `files` gives its own.
fn feed(files: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("feed");
    std::fs::create_dir(&path).expect("feed dir");
    let defaults = [
        (
            "agency.txt",
            "agency_id,agency_name,agency_url,agency_timezone\nA,Buses,https://example.org,Europe/London\n",
        ),
        (
            "routes.txt",
            "route_id,agency_id,route_short_name,route_type\nR,A,1,3\n",
        ),
        (
            "calendar.txt",
            "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\nDAILY,1,1,1,1,1,1,1,20260101,20261231\n",
        ),
    ];
    for (name, text) in defaults {
        if !files.iter().any(|(n, _)| *n == name) {
            std::fs::write(path.join(name), text).expect("write");
        }
    }
    for (name, text) in files {
        std::fs::write(path.join(name), text).expect("write");
    }
    (dir, path)
}

/// Stops `A`, `B`, `C`, ... on latitude 51.5, 0.1 degrees of longitude apart from -1.0.
fn stops(names: &str) -> String {
    let mut out = String::from("stop_id,stop_name,stop_lat,stop_lon\n");
    for (i, c) in names.chars().enumerate() {
        out.push_str(&format!("{c},{c},51.5,{}\n", stop_lon(i)));
    }
    out
}

fn stop_lon(i: usize) -> f64 {
    -1.0 + 0.1 * i as f64
}

/// trips.txt from (trip, service) pairs on route R.
fn trips(list: &[(&str, &str)]) -> String {
    let mut out = String::from("route_id,service_id,trip_id\n");
    for (t, s) in list {
        out.push_str(&format!("R,{s},{t}\n"));
    }
    out
}

/// stop_times.txt from (trip, stop, time) rows, the sequence counted per trip, arrival =
/// departure.
fn stop_times(rows: &[(&str, &str, &str)]) -> String {
    let mut out = String::from("trip_id,arrival_time,departure_time,stop_id,stop_sequence\n");
    let mut seq: std::collections::HashMap<&str, u32> = Default::default();
    for (t, s, time) in rows {
        let n = seq.entry(t).or_default();
        *n += 1;
        out.push_str(&format!("{t},{time},{time},{s},{n}\n"));
    }
    out
}

fn settings(max_transfers: u32) -> TransitSettings {
    TransitSettings {
        max_transfers,
        ..TransitSettings::default()
    }
}

fn zone_at(code: &str, lat: f64, lon: f64) -> Zone {
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

fn site_at(code: &str, lat: f64, lon: f64) -> Site {
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

/// An appraisal with one zone on stop `from` and one site on stop `to` (indices in the stop
/// names).
fn one_pair(from: usize, to: usize) -> Appraisal {
    let mut a = Appraisal::new("transit");
    a.zones = vec![zone_at("Z", 51.5, stop_lon(from))];
    a.sites = vec![site_at("S", 51.5, stop_lon(to))];
    a
}

/// The one zone's median minutes to the one site.
fn median(
    path: &Path,
    a: &Appraisal,
    date: &str,
    window: &str,
    s: &TransitSettings,
) -> Result<Option<f32>, TransitError> {
    let feeds = read_feeds(&[path.to_owned()])?;
    let t = times_for(
        a,
        &feeds,
        date,
        window,
        s,
        &|_, _| {},
        &AtomicBool::new(false),
    )?;
    Ok(t.minutes(0, 0))
}

/// A direct trip A 08:00 -> B 08:20. Window 07:50-08:00: departures 07:50 ... 07:59 wait for
/// it, journeys 30, 29, ..., 21 minutes; the lower middle of ten sorted is the fifth: 25.
#[test]
fn a_direct_trip() {
    let (_d, path) = feed(&[
        ("stops.txt", &stops("AB")),
        ("trips.txt", &trips(&[("T1", "DAILY")])),
        (
            "stop_times.txt",
            &stop_times(&[("T1", "A", "08:00:00"), ("T1", "B", "08:20:00")]),
        ),
    ]);
    let a = one_pair(0, 1);
    let got = median(&path, &a, WEDNESDAY, "07:50-08:00", &settings(3)).expect("times");
    assert_eq!(got, Some(25.0));
    // Back the other way there is no trip: no time.
    let back = one_pair(1, 0);
    let got = median(&path, &back, WEDNESDAY, "07:50-08:00", &settings(3)).expect("times");
    assert_eq!(got, None);
}

/// One change: A 08:00 -> B 08:10 on T1, B 08:15 -> C 08:30 on T2. Leaving A at 08:00 arrives
/// at C at 08:30: 30 minutes. With no change allowed there is no journey.
#[test]
fn one_transfer() {
    let (_d, path) = feed(&[
        ("stops.txt", &stops("ABC")),
        ("trips.txt", &trips(&[("T1", "DAILY"), ("T2", "DAILY")])),
        (
            "stop_times.txt",
            &stop_times(&[
                ("T1", "A", "08:00:00"),
                ("T1", "B", "08:10:00"),
                ("T2", "B", "08:15:00"),
                ("T2", "C", "08:30:00"),
            ]),
        ),
    ]);
    let a = one_pair(0, 2);
    assert_eq!(
        median(&path, &a, WEDNESDAY, "08:00-08:01", &settings(1)).expect("times"),
        Some(30.0)
    );
    assert_eq!(
        median(&path, &a, WEDNESDAY, "08:00-08:01", &settings(0)).expect("times"),
        None
    );
}

/// A slow direct trip A 08:00 -> D 09:30 (90 minutes, round 1) and a faster chain with two
/// changes: A 08:00 -> B 08:10, B 08:15 -> C 08:25, C 08:30 -> D 08:40 (40 minutes, three
/// vehicles, found only in round 3). Up to two changes: 40; one or none: 90.
#[test]
fn a_faster_trip_with_two_transfers_in_a_later_round() {
    let (_d, path) = feed(&[
        ("stops.txt", &stops("ABCD")),
        (
            "trips.txt",
            &trips(&[
                ("SLOW", "DAILY"),
                ("T1", "DAILY"),
                ("T2", "DAILY"),
                ("T3", "DAILY"),
            ]),
        ),
        (
            "stop_times.txt",
            &stop_times(&[
                ("SLOW", "A", "08:00:00"),
                ("SLOW", "D", "09:30:00"),
                ("T1", "A", "08:00:00"),
                ("T1", "B", "08:10:00"),
                ("T2", "B", "08:15:00"),
                ("T2", "C", "08:25:00"),
                ("T3", "C", "08:30:00"),
                ("T3", "D", "08:40:00"),
            ]),
        ),
    ]);
    let a = one_pair(0, 3);
    for (changes, want) in [(3, 40.0), (2, 40.0), (1, 90.0), (0, 90.0)] {
        assert_eq!(
            median(&path, &a, WEDNESDAY, "08:00-08:01", &settings(changes)).expect("times"),
            Some(want),
            "{changes} changes"
        );
    }
}

/// A weekday trip A 08:00 -> B 08:30 (service WK, Monday to Friday) and a weekend one A 08:00
/// -> B 08:10 (WE). Wednesday: only WK runs, 30 minutes; Saturday 2026-12-05: only WE, 10;
/// Thursday 2026-12-03, whose calendar_dates remove WK and add WE: 10.
#[test]
fn a_service_not_running_on_the_date() {
    let (_d, path) = feed(&[
        ("stops.txt", &stops("AB")),
        (
            "calendar.txt",
            "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\n\
             WK,1,1,1,1,1,0,0,20260101,20261231\n\
             WE,0,0,0,0,0,1,1,20260101,20261231\n",
        ),
        (
            "calendar_dates.txt",
            "service_id,date,exception_type\nWK,20261203,2\nWE,20261203,1\n",
        ),
        ("trips.txt", &trips(&[("SLOW", "WK"), ("FAST", "WE")])),
        (
            "stop_times.txt",
            &stop_times(&[
                ("SLOW", "A", "08:00:00"),
                ("SLOW", "B", "08:30:00"),
                ("FAST", "A", "08:00:00"),
                ("FAST", "B", "08:10:00"),
            ]),
        ),
    ]);
    let a = one_pair(0, 1);
    for (date, want) in [
        (WEDNESDAY, 30.0),
        ("2026-12-05", 10.0),
        ("2026-12-03", 10.0),
    ] {
        assert_eq!(
            median(&path, &a, date, "08:00-08:01", &settings(3)).expect("times"),
            Some(want),
            "{date}"
        );
    }
}

/// frequencies.txt: the template trip takes 12 minutes (00:00 -> 00:12) and runs every 10
/// minutes from 08:00 while before 09:00 (08:00, ..., 08:50). Window 08:01-08:11: the minutes
/// 08:01 ... 08:10 all take the 08:10 (arriving 08:22): 21, 20, ..., 12; the fifth of ten
/// sorted is 16.
#[test]
fn frequencies_expand_into_trips() {
    let (_d, path) = feed(&[
        ("stops.txt", &stops("AB")),
        ("trips.txt", &trips(&[("F", "DAILY")])),
        (
            "stop_times.txt",
            &stop_times(&[("F", "A", "00:00:00"), ("F", "B", "00:12:00")]),
        ),
        (
            "frequencies.txt",
            "trip_id,start_time,end_time,headway_secs\nF,08:00:00,09:00:00,600\n",
        ),
    ]);
    let a = one_pair(0, 1);
    assert_eq!(
        median(&path, &a, WEDNESDAY, "08:01-08:11", &settings(3)).expect("times"),
        Some(16.0)
    );
    // The template's own times (00:00) do not run: nothing departs from midnight to 03:01.
    let e = median(&path, &a, WEDNESDAY, "00:00-00:01", &settings(3)).expect_err("no service");
    assert!(e.to_string().contains("between 00:00 and 03:01"), "{e}");
    // The last frequency departure is 08:50 (09:00 is the end, not a departure): at 08:51
    // nothing is left.
    let feeds = read_feeds(std::slice::from_ref(&path)).expect("feed");
    let tt = timetable::Timetable::build(&feeds, Day::parse(WEDNESDAY).expect("day"));
    assert_eq!(tt.trips, 6);
}

/// Times past midnight. Service NIGHT runs only on Tuesday 2026-12-01; its trip runs A 24:50
/// -> B 25:10, that is 00:50 -> 01:10 on Wednesday. Service WED's trip runs A 23:50 -> B
/// 24:20 on Wednesday. On Wednesday, window 00:40-00:50: 30, ..., 21 minutes, median 25;
/// window 23:40-23:50: 40, ..., 31, median 35. On Thursday 00:40-00:50 nothing runs (NIGHT
/// ran on Tuesday only).
#[test]
fn a_midnight_crossing_trip() {
    let (_d, path) = feed(&[
        ("stops.txt", &stops("AB")),
        (
            "calendar.txt",
            "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\n",
        ),
        (
            "calendar_dates.txt",
            "service_id,date,exception_type\nNIGHT,20261201,1\nWED,20261202,1\n",
        ),
        ("trips.txt", &trips(&[("N", "NIGHT"), ("W", "WED")])),
        (
            "stop_times.txt",
            &stop_times(&[
                ("N", "A", "24:50:00"),
                ("N", "B", "25:10:00"),
                ("W", "A", "23:50:00"),
                ("W", "B", "24:20:00"),
            ]),
        ),
    ]);
    let a = one_pair(0, 1);
    let s = settings(3);
    assert_eq!(
        median(&path, &a, WEDNESDAY, "00:40-00:50", &s).expect("times"),
        Some(25.0)
    );
    assert_eq!(
        median(&path, &a, WEDNESDAY, "23:40-23:50", &s).expect("times"),
        Some(35.0)
    );
    // Thursday: the calendar still covers it (calendar_dates name 2026-12-01 to -02 only, so
    // it is outside every calendar).
    let err = median(&path, &a, "2026-12-03", "00:40-00:50", &s).expect_err("outside");
    assert!(
        err.to_string().contains(
            "2026-12-03 is outside every feed's calendar: feed runs 2026-12-01 to 2026-12-02"
        ),
        "{err}"
    );
}

/// The median over a window with minutes that have no journey: trips A -> B at 08:00 and 08:05,
/// 10 minutes each, nothing later. Minute 08:00: 10; 08:01 ... 08:05: 14, 13, 12, 11, 10;
/// 08:06 on: none. Window 08:00-08:10 (ten minutes): sorted 10, 10, 11, 12, 13, 14, -, -, -, -:
/// the fifth is 13. 08:00-08:12: six of twelve have a journey, the sixth is 14. 08:00-08:13:
/// six of thirteen, the seventh is none: no time.
#[test]
fn the_median_over_a_window() {
    let (_d, path) = feed(&[
        ("stops.txt", &stops("AB")),
        ("trips.txt", &trips(&[("T1", "DAILY"), ("T2", "DAILY")])),
        (
            "stop_times.txt",
            &stop_times(&[
                ("T1", "A", "08:00:00"),
                ("T1", "B", "08:10:00"),
                ("T2", "A", "08:05:00"),
                ("T2", "B", "08:15:00"),
            ]),
        ),
    ]);
    let a = one_pair(0, 1);
    let s = settings(3);
    for (window, want) in [
        ("08:00-08:10", Some(13.0)),
        ("08:00-08:12", Some(14.0)),
        ("08:00-08:13", None),
    ] {
        assert_eq!(
            median(&path, &a, WEDNESDAY, window, &s).expect("times"),
            want,
            "{window}"
        );
    }
}

/// Walks. The zone is 0.005 degrees of latitude (555.97 m) north of stop A: x 1.3 = 722.8 m
/// along streets, within 800 m, at 4.8 km/h 542.1 s, 543 s rounded up. The trip leaves A at
/// 08:00 (to B, the site, at 08:10), so a zone left by 07:50:57 catches it: from 07:50, 20
/// minutes; from 07:51 no trip.
/// A change on foot: stops B and B' 0.002 degrees of latitude apart (222.4 m x 1.3 = 289.1 m,
/// within 400 m: 217 s); T1 A 08:00 -> B 08:10, T2 B' 08:14 -> C 08:30: from A at 08:00, 30
/// minutes to C; with changes on foot limited to 200 m, none.
#[test]
fn walks_to_the_first_stop_and_between_stops() {
    let stops_text =
        "stop_id,stop_lat,stop_lon\nA,51.5,-1.0\nB,51.5,-0.9\nB2,51.502,-0.9\nC,51.5,-0.8\n";
    let (_d, path) = feed(&[
        ("stops.txt", stops_text),
        ("trips.txt", &trips(&[("T1", "DAILY"), ("T2", "DAILY")])),
        (
            "stop_times.txt",
            &stop_times(&[
                ("T1", "A", "08:00:00"),
                ("T1", "B", "08:10:00"),
                ("T2", "B2", "08:14:00"),
                ("T2", "C", "08:30:00"),
            ]),
        ),
    ]);
    let mut a = Appraisal::new("walks");
    a.zones = vec![zone_at("Z", 51.505, -1.0)];
    a.sites = vec![site_at("S", 51.5, -0.9)];
    let s = settings(3);
    assert_eq!(
        median(&path, &a, WEDNESDAY, "07:50-07:51", &s).expect("times"),
        Some(20.0)
    );
    assert_eq!(
        median(&path, &a, WEDNESDAY, "07:51-07:52", &s).expect("times"),
        None
    );
    let from_a = one_pair(0, 0);
    let mut to_c = from_a.clone();
    to_c.sites = vec![site_at("S", 51.5, -0.8)];
    assert_eq!(
        median(&path, &to_c, WEDNESDAY, "08:00-08:01", &s).expect("times"),
        Some(30.0)
    );
    let short = TransitSettings {
        transfer_m: 200.0,
        ..s
    };
    assert_eq!(
        median(&path, &to_c, WEDNESDAY, "08:00-08:01", &short).expect("times"),
        None
    );
}

/// A direct walk is a journey: the site 0.005 degrees of latitude north of the zone (722.8 m
/// along streets, 543 s) and no trip between them: 543 / 60 = 9.05 minutes every minute.
#[test]
fn a_direct_walk_counts() {
    let (_d, path) = feed(&[
        ("stops.txt", &stops("AB")),
        ("trips.txt", &trips(&[("T1", "DAILY")])),
        (
            "stop_times.txt",
            &stop_times(&[("T1", "A", "08:00:00"), ("T1", "B", "08:20:00")]),
        ),
    ]);
    let mut a = one_pair(1, 1);
    a.sites = vec![site_at("S", 51.505, stop_lon(1))];
    assert_eq!(
        median(&path, &a, WEDNESDAY, "07:50-08:00", &settings(3)).expect("times"),
        Some(9.05)
    );
}

fn feed_error(files: &[(&str, &str)]) -> FeedError {
    let (_d, path) = feed(files);
    feed::read(&path).expect_err("a bad feed")
}

/// Bad feeds are refused naming the file, row and field.
#[test]
fn bad_feeds_name_the_file_row_and_field() {
    let good_stops = stops("AB");
    let good_trips = trips(&[("T1", "DAILY")]);
    // No stop_times.txt.
    let e = feed_error(&[("stops.txt", &good_stops), ("trips.txt", &good_trips)]);
    assert_eq!((e.file.as_str(), e.row), ("stop_times.txt", None));
    assert!(
        e.to_string()
            .contains("stop_times.txt: a required file is missing"),
        "{e}"
    );
    // Stop times out of order: row 3 (the second data row) arrives before row 2 left.
    let e = feed_error(&[
        ("stops.txt", &good_stops),
        ("trips.txt", &good_trips),
        (
            "stop_times.txt",
            &stop_times(&[("T1", "A", "08:20:00"), ("T1", "B", "08:10:00")]),
        ),
    ]);
    assert_eq!(
        (e.file.as_str(), e.row, e.field.as_deref()),
        ("stop_times.txt", Some(3), Some("arrival_time"))
    );
    assert!(e.to_string().contains("out of order"), "{e}");
    // A missing column: stops.txt without stop_id.
    let e = feed_error(&[
        ("stops.txt", "stop_name,stop_lat,stop_lon\nA,51.5,-1.0\n"),
        ("trips.txt", &good_trips),
        (
            "stop_times.txt",
            &stop_times(&[("T1", "A", "08:00:00"), ("T1", "B", "08:10:00")]),
        ),
    ]);
    assert_eq!((e.file.as_str(), e.row), ("stops.txt", Some(2)));
    assert!(e.reason.contains("missing field `stop_id`"), "{e}");
    // A bad time: row 2.
    let e = feed_error(&[
        ("stops.txt", &good_stops),
        ("trips.txt", &good_trips),
        (
            "stop_times.txt",
            "trip_id,arrival_time,departure_time,stop_id,stop_sequence\nT1,8h00,08:00:00,A,1\nT1,08:10:00,08:10:00,B,2\n",
        ),
    ]);
    assert_eq!((e.file.as_str(), e.row), ("stop_times.txt", Some(2)));
    assert!(e.reason.contains("'8h00' is not a valid time"), "{e}");
    // A stop time naming a stop that is not in stops.txt.
    let e = feed_error(&[
        ("stops.txt", &good_stops),
        ("trips.txt", &good_trips),
        (
            "stop_times.txt",
            &stop_times(&[("T1", "A", "08:00:00"), ("T1", "X", "08:10:00")]),
        ),
    ]);
    assert_eq!(
        (e.file.as_str(), e.row, e.field.as_deref()),
        ("stop_times.txt", Some(3), Some("stop_id"))
    );
}

/// A window with no departure is refused; a bad window or date is refused by name.
#[test]
fn a_window_with_no_service_is_an_error() {
    let (_d, path) = feed(&[
        ("stops.txt", &stops("AB")),
        ("trips.txt", &trips(&[("T1", "DAILY")])),
        (
            "stop_times.txt",
            &stop_times(&[("T1", "A", "08:00:00"), ("T1", "B", "08:20:00")]),
        ),
    ]);
    let a = one_pair(0, 1);
    let s = settings(3);
    let e = median(&path, &a, WEDNESDAY, "10:00-11:00", &s).expect_err("no service");
    assert_eq!(
        e.to_string(),
        "no trip of any feed departs a stop on 2026-12-02 between 10:00 and 14:00 (the window 10:00-11:00 and the longest journey after it): the window has no service"
    );
    let e = median(&path, &a, WEDNESDAY, "09:00-08:00", &s).expect_err("backwards");
    assert!(
        e.to_string().contains("its end must be after its start"),
        "{e}"
    );
    let e = median(&path, &a, "2026-02-30", "08:00-09:00", &s).expect_err("no such day");
    assert!(e.to_string().contains("is not a date"), "{e}");
    let e = median(&path, &a, "2027-01-04", "08:00-09:00", &s).expect_err("outside");
    assert!(
        e.to_string()
            .contains("2027-01-04 is outside every feed's calendar"),
        "{e}"
    );
}

/// Two feeds at once, each with a stop called `A`: ids stay apart (`1:A`, `2:A`), and a change
/// on foot joins them. Feed 1: A 08:00 -> B 08:10 (B at -0.9); feed 2: its A sits 0.002
/// degrees north of feed 1's B (217 s on foot), A 08:15 -> C 08:40 (C at -0.8). From feed 1's
/// A at 08:00 to C: 40 minutes.
#[test]
fn several_feeds_keep_their_ids_apart() {
    let (_d1, one) = feed(&[
        (
            "stops.txt",
            "stop_id,stop_lat,stop_lon\nA,51.5,-1.0\nB,51.5,-0.9\n",
        ),
        ("trips.txt", &trips(&[("T", "DAILY")])),
        (
            "stop_times.txt",
            &stop_times(&[("T", "A", "08:00:00"), ("T", "B", "08:10:00")]),
        ),
    ]);
    let (_d2, two) = feed(&[
        (
            "stops.txt",
            "stop_id,stop_lat,stop_lon\nA,51.502,-0.9\nC,51.5,-0.8\n",
        ),
        ("trips.txt", &trips(&[("T", "DAILY")])),
        (
            "stop_times.txt",
            &stop_times(&[("T", "A", "08:15:00"), ("T", "C", "08:40:00")]),
        ),
    ]);
    let feeds = read_feeds(&[one, two]).expect("feeds");
    let tt = timetable::Timetable::build(&feeds, Day::parse(WEDNESDAY).expect("day"));
    assert_eq!(tt.stop_ids, ["1:A", "1:B", "2:A", "2:C"]);
    let mut a = one_pair(0, 0);
    a.sites = vec![site_at("S", 51.5, -0.8)];
    let t = times_for(
        &a,
        &feeds,
        WEDNESDAY,
        "08:00-08:01",
        &settings(3),
        &|_, _| {},
        &AtomicBool::new(false),
    )
    .expect("times");
    assert_eq!(t.minutes(0, 0), Some(40.0));
}

#[test]
fn days_and_windows_read_and_print() {
    let d = Day::parse("2026-12-02").expect("day");
    assert_eq!((d.weekday(), d.to_string()), (2, "2026-12-02".to_owned()));
    assert_eq!(Day::parse("1970-01-01").expect("epoch"), Day(0));
    assert_eq!(
        Day::parse("2024-02-29").expect("leap").civil(),
        (2024, 2, 29)
    );
    let w = Window::parse("07:00-09:00").expect("window");
    assert_eq!((w.start, w.end, w.len()), (25_200, 32_400, 120));
    assert_eq!(
        Window::parse("23:30-24:30").expect("late").to_string(),
        "23:30-24:30"
    );
    assert!(Window::parse("7-9").is_err());
    // A profile: leave by 08:00 arrive 08:20, leave by 08:30 arrive 08:45. Window 07:59-08:01:
    // 07:59 -> 21 min, 08:00 -> 20 min; lower middle of two: 20.
    let profile = [(28_800, 30_000), (30_600, 31_500)];
    let w = Window::parse("07:59-08:01").expect("window");
    assert_eq!(median_minutes(&profile, None, &w, 10_800), Some(20.0));
    // A 15-minute walk beats both.
    assert_eq!(median_minutes(&profile, Some(900), &w, 10_800), Some(15.0));
    // Journeys longer than the longest allowed do not count.
    assert_eq!(median_minutes(&profile, None, &w, 1_000), None);
    // Reliability bits: minute i within 20 minutes (1,200 s, inclusive) sets bit i % 64 of
    // word i / 64.
    let mut times = vec![super::window::NO_JOURNEY; 70];
    (times[0], times[1], times[65]) = (1_200, 1_201, 600);
    let mut bits = [0u64; 2];
    super::window::within_bits(&times, 20.0, &mut bits);
    assert_eq!(bits, [1, 2]);
}

#[test]
fn the_default_settings_have_no_problems_and_bad_ones_are_named() {
    assert!(TransitSettings::default().problems().is_empty());
    let bad = TransitSettings {
        walk_speed_kmh: 0.0,
        detour_factor: 0.5,
        max_transfers: 11,
        ..TransitSettings::default()
    };
    let fields: Vec<&str> = bad.problems().iter().map(|p| p.0).collect();
    assert_eq!(fields, ["walk_speed_kmh", "max_transfers", "detour_factor"]);
}

/// transfers.txt: B and X lie 7 km apart (no walk joins them) but the feed allows the change
/// with a minimum of 300 s. T1 A 08:00 -> B 08:10; T2 X 08:16 -> C 08:30. From A at 08:00:
/// B 08:10 + 300 s = 08:15, in time for 08:16: 30 minutes. With 420 s (08:17) it is missed;
/// with transfer_type 3 (not possible) there is no change.
#[test]
fn transfers_txt_changes_with_their_minimum_time() {
    let run = |transfers: &str| {
        let (_d, path) = feed(&[
            ("stops.txt", &stops("ABXC")),
            ("trips.txt", &trips(&[("T1", "DAILY"), ("T2", "DAILY")])),
            (
                "stop_times.txt",
                &stop_times(&[
                    ("T1", "A", "08:00:00"),
                    ("T1", "B", "08:10:00"),
                    ("T2", "X", "08:16:00"),
                    ("T2", "C", "08:30:00"),
                ]),
            ),
            ("transfers.txt", transfers),
        ]);
        median(
            &path,
            &one_pair(0, 3),
            WEDNESDAY,
            "08:00-08:01",
            &settings(3),
        )
        .expect("times")
    };
    let header = "from_stop_id,to_stop_id,transfer_type,min_transfer_time\n";
    assert_eq!(run(&format!("{header}B,X,2,300\n")), Some(30.0));
    assert_eq!(run(&format!("{header}B,X,2,420\n")), None);
    assert_eq!(run(&format!("{header}B,X,3,\n")), None);
}

/// The limit on changes holds across arrival times. V0 A 08:00 -> Q 08:10; from Q either V1 Q
/// 08:30 -> X 08:40 then V2 X 08:45 -> Z 09:00, or the slow V3 Q 08:20 -> Z 09:10. Backwards
/// from Z, the arrival 09:00 first gives Q a label of 08:30 with two vehicles to go; the later
/// arrival 09:10 gives Q only 08:20, but with one vehicle: it must be kept. From A at 08:00:
/// up to two changes, V0 V1 V2, 60 minutes; one change, V0 V3, 70; none, no journey.
#[test]
fn the_change_limit_holds_across_arrival_times() {
    let (_d, path) = feed(&[
        ("stops.txt", &stops("AQXZ")),
        (
            "trips.txt",
            &trips(&[
                ("V0", "DAILY"),
                ("V1", "DAILY"),
                ("V2", "DAILY"),
                ("V3", "DAILY"),
            ]),
        ),
        (
            "stop_times.txt",
            &stop_times(&[
                ("V0", "A", "08:00:00"),
                ("V0", "Q", "08:10:00"),
                ("V1", "Q", "08:30:00"),
                ("V1", "X", "08:40:00"),
                ("V2", "X", "08:45:00"),
                ("V2", "Z", "09:00:00"),
                ("V3", "Q", "08:20:00"),
                ("V3", "Z", "09:10:00"),
            ]),
        ),
    ]);
    let a = one_pair(0, 3);
    for (changes, want) in [(2, Some(60.0)), (1, Some(70.0)), (0, None)] {
        assert_eq!(
            median(&path, &a, WEDNESDAY, "08:00-08:01", &settings(changes)).expect("times"),
            want,
            "{changes} changes"
        );
    }
}

/// The reliability bits from timetables. Trips T1 A 08:00 -> B 08:10 and T2 A 08:05 -> C
/// 08:12; zone Z on A, zone Y on B; sites SB on B and SC on C; a 10-minute public-transport
/// threshold; window 08:00-08:10 (ten minutes, bit i for 08:0i).
/// - Z -> SB: 08:00 takes T1, 10 min (within); from 08:01 nothing: bits {0} = 0b1. Median:
///   one of ten has a journey: none.
/// - Z -> SC: 08:00 ... 08:05 take T2: 12, 11, 10, 9, 8, 7 min, within from 08:02: bits {2, 3,
///   4, 5} = 0b111100 = 60; from 08:06 nothing. Median: the fifth of 7, 8, 9, 10, 11, 12, -, -,
///   -, -: 11.
/// - Y -> SB: Y is at the site, a walk of 0 every minute: all ten bits, 1023.
/// - Y -> SC: no trip leaves B: 0.
#[test]
fn reliability_bits_from_timetables() {
    let (_d, path) = feed(&[
        ("stops.txt", &stops("ABC")),
        ("trips.txt", &trips(&[("T1", "DAILY"), ("T2", "DAILY")])),
        (
            "stop_times.txt",
            &stop_times(&[
                ("T1", "A", "08:00:00"),
                ("T1", "B", "08:10:00"),
                ("T2", "A", "08:05:00"),
                ("T2", "C", "08:12:00"),
            ]),
        ),
    ]);
    let mut a = Appraisal::new("reliability");
    a.zones = vec![
        zone_at("Z", 51.5, stop_lon(0)),
        zone_at("Y", 51.5, stop_lon(1)),
    ];
    a.sites = vec![
        site_at("SB", 51.5, stop_lon(1)),
        site_at("SC", 51.5, stop_lon(2)),
    ];
    // Two services with the same threshold share one set of bits; a road threshold adds none.
    a.services = ["AE", "MAT"]
        .iter()
        .map(|code| crate::model::Service {
            code: (*code).to_owned(),
            name: (*code).to_owned(),
            thresholds: vec![
                crate::model::Threshold {
                    mode: TravelMode::PublicTransport,
                    minutes: 10.0,
                },
                crate::model::Threshold {
                    mode: TravelMode::Car,
                    minutes: 30.0,
                },
            ],
        })
        .collect();
    assert_eq!(thresholds_of(&a), [10.0]);
    let c = compute(
        &a,
        std::slice::from_ref(&path),
        WEDNESDAY,
        "08:00-08:10",
        &settings(3),
        &|_, _| {},
        &AtomicBool::new(false),
    )
    .expect("times");
    let pt = c
        .matrix
        .mode_index(TravelMode::PublicTransport)
        .expect("pt");
    assert!(c.matrix.column(pt, 0)[0].is_nan());
    assert_eq!(c.matrix.column(pt, 1)[0], 11.0);
    let t = c.matrix.transit().expect("computed from timetables");
    let b = t.basis();
    assert_eq!(
        (b.date.as_str(), b.window.as_str(), b.minutes, &b.thresholds),
        (WEDNESDAY, "08:00-08:10", 10, &vec![10.0])
    );
    assert_eq!(b.feeds[0].file, "feed");
    assert_eq!(b.feeds[0].sha256, feed::sha256_of(&path).expect("sha"));
    assert_eq!((b.feeds[0].stops, b.feeds[0].trips), (3, 2));
    assert_eq!(b.settings, settings(3));
    let r = t.reliability();
    assert_eq!(
        (r.zones(), r.sites()),
        (
            &["Z".to_owned(), "Y".to_owned()][..],
            &["SB".to_owned(), "SC".to_owned()][..]
        )
    );
    assert_eq!(r.cell(0, 0, 0), [0b1]);
    assert_eq!(r.cell(0, 1, 0), [0b11_1100]);
    assert_eq!(r.cell(0, 0, 1), [1023]);
    assert_eq!(r.cell(0, 1, 1), [0]);
    // 2 zones x 2 sites x 1 threshold x one 64-bit word.
    assert_eq!(
        (c.report.thresholds.clone(), c.report.reliability_bytes),
        (vec![10.0], 32)
    );

    // A zone and a site with no position are not in the bits (no journeys computed, not "no
    // journey").
    let mut unplaced = a.clone();
    unplaced.zones[1].latitude = None;
    unplaced.sites[0].longitude = None;
    let c = compute(
        &unplaced,
        std::slice::from_ref(&path),
        WEDNESDAY,
        "08:00-08:10",
        &settings(3),
        &|_, _| {},
        &AtomicBool::new(false),
    )
    .expect("times");
    let r = c.matrix.transit().expect("transit").reliability();
    assert_eq!(
        (r.zones(), r.sites()),
        (&["Z".to_owned()][..], &["SC".to_owned()][..])
    );
    assert_eq!(r.cell(0, 0, 0), [0b11_1100]);

    // Road times replaced later keep the basis and bits; public transport times replaced drop
    // them.
    let kept =
        crate::travel::matrix::replacing_modes(&a, &c.matrix, &[TravelMode::Car], |_, _| None);
    assert_eq!(kept.transit(), c.matrix.transit());
    let dropped = crate::travel::matrix::replacing_modes(
        &a,
        &c.matrix,
        &[TravelMode::PublicTransport],
        |_, _| None,
    );
    assert_eq!(dropped.transit(), None);
}

/// `store_transit` on bad input leaves the appraisal file byte for byte as it was, and says
/// which file, row and field: a required file missing, a required column missing, stop times
/// out of order, a date outside every feed's calendar, a window with no service.
#[test]
fn bad_input_leaves_the_appraisal_file_untouched() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("a.appraisal");
    let mut a = one_pair(0, 1);
    a.organisations = vec![crate::model::Organisation {
        code: "ORG".into(),
        name: "Trust".into(),
        kind: crate::model::OrgKind::AcuteTrust,
        cqc_rating: None,
        baseline: Vec::new(),
        projection: Default::default(),
    }];
    crate::store::create(&file, &a).expect("create");
    let before = std::fs::read(&file).expect("read");
    let good_times = stop_times(&[("T1", "A", "08:00:00"), ("T1", "B", "08:20:00")]);
    // (the feed's files, date, window, the error expected)
    type Case<'a> = (Vec<(&'a str, String)>, &'a str, &'a str, &'a str);
    let cases: Vec<Case> = vec![
        (
            vec![
                ("stops.txt", stops("AB")),
                ("trips.txt", trips(&[("T1", "DAILY")])),
            ],
            WEDNESDAY,
            "08:00-09:00",
            "feed: stop_times.txt: a required file is missing",
        ),
        (
            vec![
                ("stops.txt", stops("AB")),
                ("trips.txt", "route_id,trip_id\nR,T1\n".to_owned()),
                ("stop_times.txt", good_times.clone()),
            ],
            WEDNESDAY,
            "08:00-09:00",
            "feed: trips.txt row 2: missing field `service_id`",
        ),
        (
            vec![
                ("stops.txt", stops("AB")),
                ("trips.txt", trips(&[("T1", "DAILY")])),
                (
                    "stop_times.txt",
                    stop_times(&[("T1", "A", "08:20:00"), ("T1", "B", "08:10:00")]),
                ),
            ],
            WEDNESDAY,
            "08:00-09:00",
            "feed: stop_times.txt row 3, field arrival_time: trip \"T1\"'s stop times are out of order",
        ),
        (
            vec![
                ("stops.txt", stops("AB")),
                ("trips.txt", trips(&[("T1", "DAILY")])),
                ("stop_times.txt", good_times.clone()),
            ],
            "2027-06-01",
            "08:00-09:00",
            "2027-06-01 is outside every feed's calendar: feed runs 2026-01-01 to 2026-12-31",
        ),
        (
            vec![
                ("stops.txt", stops("AB")),
                ("trips.txt", trips(&[("T1", "DAILY")])),
                ("stop_times.txt", good_times.clone()),
            ],
            WEDNESDAY,
            "12:00-13:00",
            "no trip of any feed departs a stop on 2026-12-02 between 12:00 and 16:00",
        ),
    ];
    for (files, date, window, expected) in cases {
        let files: Vec<(&str, &str)> = files.iter().map(|(n, t)| (*n, t.as_str())).collect();
        let (_d, path) = feed(&files);
        let e = store_transit(
            &file,
            &[path],
            date,
            window,
            |s| s,
            &|_, _| {},
            &AtomicBool::new(false),
        )
        .expect_err("refused");
        assert!(e.to_string().contains(expected), "{e}");
        assert_eq!(std::fs::read(&file).expect("read"), before, "{expected}");
    }
}
