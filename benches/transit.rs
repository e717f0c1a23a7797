//! Public transport times on a generated feed of a large region: a jittered grid of
//! `TRANSIT_ROWS` x 142 stops (default 141 rows: 20,022 stops, about 330 m apart north-south and
//! 310 m east-west, a region 47 x 44 km, so some neighbours are close enough to change on foot);
//! trunk lines along every fourth row and column every 30 minutes (75 s between stops) and 160
//! local lines of 15 to 45 stops wandering the grid (60-120 s between stops, every 10, 15, 20,
//! 30 or 60 minutes), all both ways from 06:00 to 20:00: about a million stop times; 3,000 zones
//! and 20 sites placed at random; the two-hour window 07:00-09:00 (120 departure minutes). The
//! feed is written as a folder of .txt and read the way `appraise transit` reads it.
//! Target (issue 19): under 60 s and under 1 GB peak memory. Then how the time grows with the
//! sites (10 against 20) and the window (one hour against two).
//!
//! Then the agreement with an independent implementation: benches/transit_dijkstra.py, a plain
//! Dijkstra over the time-expanded graph in Python, on a smaller generated feed (30 x 30 stops
//! about 220 m apart so changes on foot between neighbouring stops count, trunk lines every
//! fifth row and column, 30 local lines) with 30 zones, 3 sites and the window 07:00-07:20, with
//! at most 10 changes (in effect none binding) and at most 1.
//! A plain timed run, not criterion. `cargo bench -p appraise --bench transit`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // bench code: a failure is the bench's own

#[path = "common/memory.rs"]
mod memory;

use std::io::Write;
use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use appraise::model::{Appraisal, Service, Site, Threshold, TransitSettings, TravelMode, Zone};
use appraise::travel::transit::{self, feed::Feed};
use rand::{RngExt, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;

const LAT0: f64 = 52.0;
const LON0: f64 = -1.5;
const DATE: &str = "2026-12-02";

struct Grid {
    rows: usize,
    cols: usize,
    /// Trunk lines along every `trunk_every`th row and column, every 30 minutes.
    trunk_every: usize,
    /// Local lines wandering the grid: how many, and their shortest and longest stop counts.
    locals: usize,
    local_stops: (usize, usize),
    /// Degrees between neighbouring stops; each stop is moved by up to 30% of it at random.
    step: (f64, f64),
}

fn hms(s: i32) -> String {
    format!("{:02}:{:02}:{:02}", s / 3600, s % 3600 / 60, s % 60)
}

/// A line: its stops (row, column) and the seconds between each two.
struct Line {
    stops: Vec<(usize, usize)>,
    gaps: Vec<i32>,
    headway_min: i32,
}

/// A local line: from a random stop, a step to a neighbour at a time, turning now and then,
/// never calling twice at a stop.
fn local(rng: &mut Xoshiro256PlusPlus, g: &Grid) -> Line {
    const MOVES: [(i64, i64); 4] = [(0, 1), (1, 0), (0, -1), (-1, 0)];
    let len = rng.random_range(g.local_stops.0..=g.local_stops.1);
    let mut at = (rng.random_range(0..g.rows), rng.random_range(0..g.cols));
    let mut heading = rng.random_range(0..4usize);
    let mut stops = vec![at];
    while stops.len() < len {
        if rng.random_range(0..4) == 0 {
            heading = (heading + if rng.random_range(0..2) == 0 { 1 } else { 3 }) % 4;
        }
        let next = (0..4).map(|k| (heading + k) % 4).find_map(|h| {
            let (r, c) = (at.0 as i64 + MOVES[h].0, at.1 as i64 + MOVES[h].1);
            let inside = r >= 0 && c >= 0 && (r as usize) < g.rows && (c as usize) < g.cols;
            let p = (r as usize, c as usize);
            (inside && !stops.contains(&p)).then_some((h, p))
        });
        let Some((h, p)) = next else { break };
        heading = h;
        at = p;
        stops.push(p);
    }
    let gaps = (1..stops.len())
        .map(|_| rng.random_range(60..120))
        .collect();
    let headways = [10, 15, 20, 30, 60];
    Line {
        stops,
        gaps,
        headway_min: headways[rng.random_range(0..headways.len())],
    }
}

/// Writes the grid's feed into `dir`; returns its stop times.
fn write_feed(dir: &Path, g: &Grid, rng: &mut Xoshiro256PlusPlus) -> usize {
    std::fs::create_dir_all(dir).unwrap();
    let file = |name: &str| std::io::BufWriter::new(std::fs::File::create(dir.join(name)).unwrap());
    std::fs::write(
        dir.join("agency.txt"),
        "agency_id,agency_name,agency_url,agency_timezone\nA,Buses,https://example.org,Europe/London\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("calendar.txt"),
        "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\nDAILY,1,1,1,1,1,1,1,20260101,20261231\n",
    )
    .unwrap();
    let mut stops = file("stops.txt");
    writeln!(stops, "stop_id,stop_lat,stop_lon").unwrap();
    for r in 0..g.rows {
        for c in 0..g.cols {
            writeln!(
                stops,
                "S{r}_{c},{:.6},{:.6}",
                LAT0 + (r as f64 + rng.random_range(-0.3..0.3)) * g.step.0,
                LON0 + (c as f64 + rng.random_range(-0.3..0.3)) * g.step.1
            )
            .unwrap();
        }
    }
    let mut lines: Vec<Line> = Vec::new();
    for r in (0..g.rows).step_by(g.trunk_every) {
        lines.push(Line {
            stops: (0..g.cols).map(|c| (r, c)).collect(),
            gaps: vec![75; g.cols - 1],
            headway_min: 30,
        });
    }
    for c in (0..g.cols).step_by(g.trunk_every) {
        lines.push(Line {
            stops: (0..g.rows).map(|r| (r, c)).collect(),
            gaps: vec![75; g.rows - 1],
            headway_min: 30,
        });
    }
    for _ in 0..g.locals {
        lines.push(local(rng, g));
    }
    let (mut routes, mut trips, mut times) = (
        file("routes.txt"),
        file("trips.txt"),
        file("stop_times.txt"),
    );
    writeln!(routes, "route_id,agency_id,route_short_name,route_type").unwrap();
    writeln!(trips, "route_id,service_id,trip_id").unwrap();
    writeln!(
        times,
        "trip_id,arrival_time,departure_time,stop_id,stop_sequence"
    )
    .unwrap();
    let mut count = 0;
    for (l, line) in lines.iter().enumerate() {
        for way in 0..2 {
            let route = format!("L{l}_{way}");
            writeln!(routes, "{route},A,{route},3").unwrap();
            let mut order: Vec<(usize, usize)> = line.stops.clone();
            let mut gaps = line.gaps.clone();
            if way == 1 {
                order.reverse();
                gaps.reverse();
            }
            // Staggered starts so lines do not all leave on the hour.
            let offset = rng.random_range(0..line.headway_min) * 60;
            let mut start = 6 * 3600 + offset;
            let mut k = 0;
            while start < 20 * 3600 {
                let trip = format!("{route}_{k}");
                writeln!(trips, "{route},DAILY,{trip}").unwrap();
                let mut t = start;
                for (i, (r, c)) in order.iter().enumerate() {
                    if i > 0 {
                        t += gaps[i - 1];
                    }
                    let at = hms(t);
                    writeln!(times, "{trip},{at},{at},S{r}_{c},{}", i + 1).unwrap();
                    count += 1;
                }
                start += line.headway_min * 60;
                k += 1;
            }
        }
    }
    count
}

fn place(rng: &mut Xoshiro256PlusPlus, g: &Grid) -> (f64, f64) {
    (
        LAT0 + rng.random_range(0.0..(g.rows - 1) as f64) * g.step.0,
        LON0 + rng.random_range(0.0..(g.cols - 1) as f64) * g.step.1,
    )
}

fn appraisal(rng: &mut Xoshiro256PlusPlus, g: &Grid, zones: usize, sites: usize) -> Appraisal {
    let mut a = Appraisal::new("transit bench");
    a.zones = (0..zones)
        .map(|i| {
            let (lat, lon) = place(rng, g);
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
            let (lat, lon) = place(rng, g);
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
    a
}

fn run(
    a: &Appraisal,
    feeds: &[Feed],
    window: &str,
    s: &TransitSettings,
) -> (transit::TransitTimes, f64) {
    let started = Instant::now();
    let t = transit::times_for(
        a,
        feeds,
        DATE,
        window,
        s,
        &|_, _| {},
        &AtomicBool::new(false),
    )
    .expect("times");
    (t, started.elapsed().as_secs_f64())
}

fn main() {
    let rows: usize = std::env::var("TRANSIT_ROWS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(141);
    let dir = tempfile::tempdir().unwrap();
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(19);

    // The region.
    let big = Grid {
        rows,
        cols: 142,
        trunk_every: 4,
        locals: 160,
        local_stops: (15, 45),
        step: (0.003, 0.0045),
    };
    let path = dir.path().join("region");
    let stop_times = write_feed(&path, &big, &mut rng);
    let mut a = appraisal(&mut rng, &big, 3_000, 20);
    // Two public-transport thresholds: the reliability bits of both are made with the times.
    a.services = [("AE", 45.0), ("MAT", 60.0)]
        .into_iter()
        .map(|(code, minutes)| Service {
            code: code.to_owned(),
            name: code.to_owned(),
            thresholds: vec![Threshold {
                mode: TravelMode::PublicTransport,
                minutes,
            }],
        })
        .collect();
    let settings = TransitSettings::default();
    memory::reset_peak_rss();
    let started = Instant::now();
    let feeds = transit::read_feeds(std::slice::from_ref(&path)).expect("feed");
    let read = started.elapsed().as_secs_f64();
    let (t, routing) = run(&a, &feeds, "07:00-09:00", &settings);
    let total = started.elapsed().as_secs_f64();
    let cells = t.minutes.iter().filter(|v| !v.is_nan()).count();
    let mut values: Vec<f32> = t.minutes.iter().copied().filter(|v| !v.is_nan()).collect();
    values.sort_by(f32::total_cmp);
    println!(
        "region: {} stops, {stop_times} stop times, {} trips on {} routes; 3,000 zones x 20 sites, window 07:00-09:00 (120 minutes)",
        rows * 142,
        t.trips,
        t.routes
    );
    println!(
        "read the feed {read:.1} s, routing {routing:.1} s, total {total:.1} s (target < 60 s); peak RSS {:.0} MB (target < 1,024 MB)",
        memory::peak_rss_mb()
    );
    let bits: usize = t
        .within
        .iter()
        .flatten()
        .flatten()
        .map(|b| b.len() * 8)
        .sum();
    println!(
        "reliability bits: 2 thresholds (45 and 60 min) x 3,000 zones x 20 sites x 120 minutes = {bits} bytes ({} per threshold)",
        bits / 2
    );
    println!(
        "{cells} of 60,000 cells have a time (median of cells {:.0} min, longest {:.0} min); the rest are more than 180 min or out of walking reach",
        values.get(values.len() / 2).copied().unwrap_or(f32::NAN),
        values.last().copied().unwrap_or(f32::NAN)
    );
    let mut half = a.clone();
    half.sites.truncate(10);
    let (_, ten_sites) = run(&half, &feeds, "07:00-09:00", &settings);
    let (_, one_hour) = run(&a, &feeds, "07:00-08:00", &settings);
    println!(
        "scaling: 10 sites {ten_sites:.1} s against 20 sites {routing:.1} s; a one-hour window {one_hour:.1} s against two hours {routing:.1} s"
    );
    drop(feeds);

    // Agreement with the Python Dijkstra.
    let small = Grid {
        rows: 30,
        cols: 30,
        trunk_every: 5,
        locals: 30,
        local_stops: (8, 15),
        step: (0.002, 0.003),
    };
    let path = dir.path().join("small");
    let small_times = write_feed(&path, &small, &mut rng);
    let a = appraisal(&mut rng, &small, 30, 3);
    let feeds = transit::read_feeds(std::slice::from_ref(&path)).expect("feed");
    for changes in [10, 1] {
        let settings = TransitSettings {
            max_transfers: changes,
            ..TransitSettings::default()
        };
        agreement(
            dir.path(),
            &path,
            &a,
            &feeds,
            &settings,
            small.rows * small.cols,
            small_times,
        );
    }
}

/// Runs the Python Dijkstra on the feed at `path` and reports how far its times are from ours.
fn agreement(
    dir: &Path,
    path: &Path,
    a: &Appraisal,
    feeds: &[Feed],
    settings: &TransitSettings,
    stops: usize,
    stop_times: usize,
) {
    let (t, rust_s) = run(a, feeds, "07:00-07:20", settings);
    let params = serde_json::json!({
        "date": DATE,
        "window": [7 * 3600, 7 * 3600 + 20 * 60],
        "settings": settings,
        "zones": a.zones.iter().map(|z| [z.latitude, z.longitude]).collect::<Vec<_>>(),
        "sites": a.sites.iter().map(|s| [s.latitude, s.longitude]).collect::<Vec<_>>(),
    });
    let params_path = dir.join("params.json");
    std::fs::write(&params_path, params.to_string()).unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/transit_dijkstra.py");
    let started = Instant::now();
    let out = std::process::Command::new("python3")
        .arg(&script)
        .arg(path)
        .arg(&params_path)
        .output()
        .expect("python3");
    let python_s = started.elapsed().as_secs_f64();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let theirs: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let (mut both, mut neither, mut only_one, mut diffs) = (0, 0, 0, Vec::new());
    for s in 0..a.sites.len() {
        for z in 0..a.zones.len() {
            let ours = t.minutes(s, z);
            let other = theirs["minutes"][s][z].as_f64();
            match (ours, other) {
                (Some(x), Some(y)) => {
                    both += 1;
                    diffs.push((f64::from(x) - y).abs());
                }
                (None, None) => neither += 1,
                _ => only_one += 1,
            }
        }
    }
    diffs.sort_by(f64::total_cmp);
    println!(
        "agreement with the Python time-expanded Dijkstra ({stops} stops, {stop_times} stop times, 30 zones x 3 sites, 07:00-07:20, at most {} changes): {both} cells timed by both, {neither} by neither, {only_one} by one only; difference median {:.4} min, worst {:.4} min (RAPTOR {rust_s:.2} s, Python {python_s:.1} s)",
        settings.max_transfers,
        diffs.get(diffs.len() / 2).copied().unwrap_or(f64::NAN),
        diffs.last().copied().unwrap_or(f64::NAN)
    );
}
