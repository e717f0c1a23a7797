//! Road times at national scale on a generated network of England's size: a jittered grid of
//! `ROADS_SIDE` x `ROADS_SIDE` junctions (default 2,000: 4 million junctions, 8 million road
//! segments, 14 million directed, every other row one way), `ROADS_ZONES` zones (35,000) and
//! `ROADS_SITES` sites (300); all three road modes, with the time of each step, the CPU seconds
//! and the machine's load average (the machine is shared: wall time is CPU time over the share
//! of the cores the run got). Target (issue 18): under 60 s and under 2 GB peak memory. Then the
//! parsing speed of a real extract in MB/s (`ROADS_PBF`, default the Helsinki fixture), the
//! independent implementation on it (benches/roads_networkx.py: median and worst difference,
//! its time), and networkx's Dijkstra beside ours on a `ROADS_NX_SIDE` grid (300) from
//! `ROADS_NX_SITES` sites (10), each time checked equal. A plain timed run, not criterion: one
//! national run is the measurement. `cargo bench -p appraise --bench roads`.
//!
//! Last run on a quiet machine (2 cores, load average 1.2-1.9, 5 December 2026): network built
//! in 2.49 s, largest strongly connected part 0.98 s (peak 777 MB); all three modes for
//! 35,000 zones x 300 sites (31.5 million cells) in 45.1 s wall time, peak RSS 1,523 MB: the
//! target met (the site searches run in parallel, one per thread; blue light is derived from the
//! off-peak search). Earlier runs on the same 2 cores shared with three builds took 103.8-147.4 s
//! at load 6.6-10.6 (71-77 CPU s); before the bucket queue a search of the 4 million junctions
//! took 0.29 CPU s, 0.12 s now. Helsinki parsed at 35.7 MB/s (0.7 MB: start-up dominates).
//! networkx on Helsinki: 300 cells differ by a median 0.0021 s, worst 0.0070 s; networkx 0.54 s,
//! `appraise roads` 0.04 s (the whole command). On the 300 x 300 grid (90,000 junctions),
//! 10 sites x 2 weightings to every node: ours 0.03 s on 2 threads, networkx 5.32 s (188x), all
//! 1,800,000 times equal.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // bench code: a failure is the bench's own

#[path = "common/memory.rs"]
mod memory;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use appraise::model::{Appraisal, Site, Zone};
use appraise::travel::roads::osm::{Direction, Roads, Way};
use appraise::travel::roads::search::{self, Arcs, Targets};
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
    let cpu_before = cpu_seconds();
    // When the first search ended, and when each mode's searches were all done.
    let marks: Mutex<[Option<Duration>; 3]> = Mutex::new([None; 3]);
    let times = roads::compute_on(
        &a,
        &network,
        Path::new("generated"),
        &RoadSettings::default(),
        &RoadMode::ALL,
        &|done, planned| {
            let mut m = marks.lock().unwrap();
            let at = Some(started.elapsed());
            if done == 1 {
                m[0] = at;
            }
            if done == planned / 2 {
                m[1] = at;
            }
            if done == planned {
                m[2] = at;
            }
        },
        &AtomicBool::new(false),
    )
    .expect("times");
    let took = started.elapsed();
    let cpu = cpu_seconds() - cpu_before;
    let [first, offpeak, peak] = marks
        .into_inner()
        .unwrap()
        .map(|m| m.expect("progress").as_secs_f64());
    let cells = times.minutes.iter().filter(|v| !v.is_nan()).count();
    let longest = times.minutes.iter().copied().fold(0.0f32, f32::max);
    println!(
        "all three road modes, {zones} zones x {sites} sites ({cells} cells, longest {longest:.0} min): {:.1} s (target < 60 s); peak RSS {:.0} MB (target < 2,048 MB)",
        took.as_secs_f64(),
        memory::peak_rss_mb()
    );
    println!(
        "  by step: joining, contraction and reversal then the first search {first:.1} s; off-peak car searches done at {offpeak:.1} s ({:.1} s), peak car at {peak:.1} s ({:.1} s), blue light and the matrix {:.1} s; {cpu:.1} CPU s on {} threads (load average {})",
        offpeak,
        peak - offpeak,
        took.as_secs_f64() - peak,
        rayon::current_num_threads(),
        load_average()
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

    helsinki_networkx(&pbf);
    let nx_side: usize = std::env::var("ROADS_NX_SIDE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(300);
    let nx_sites: usize = std::env::var("ROADS_NX_SITES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10);
    grid_networkx(nx_side, nx_sites);
}

/// User + system CPU seconds of this process so far (Linux /proc/self/stat, 100 ticks a second).
fn cpu_seconds() -> f64 {
    std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|s| {
            // Fields after the command name in parentheses; utime and stime are 14th and 15th.
            let rest = &s[s.rfind(')')? + 2..];
            let f: Vec<&str> = rest.split_whitespace().collect();
            Some((f[11].parse::<f64>().ok()? + f[12].parse::<f64>().ok()?) / 100.0)
        })
        .unwrap_or(f64::NAN)
}

/// The machine's one-minute load average: the machine is shared, so times are read beside it.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next().map(str::to_owned))
        .unwrap_or_default()
}

fn script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/roads_networkx.py")
}

/// The independent implementation on a real extract: benches/roads_networkx.py (its own
/// parser, rules and networkx's Dijkstra) against `appraise roads`; prints its figures.
fn helsinki_networkx(pbf: &Path) {
    let out = Command::new("python3")
        .arg(script())
        .arg(pbf)
        .arg("--appraise")
        .arg(env!("CARGO_BIN_EXE_appraise"))
        .output();
    match out {
        Ok(out) => {
            print!(
                "networkx on {}:\n{}",
                pbf.display(),
                String::from_utf8_lossy(&out.stdout)
            );
            if !out.status.success() {
                println!(
                    "  (the comparison failed: {}) {}",
                    out.status,
                    String::from_utf8_lossy(&out.stderr)
                );
            }
        }
        Err(e) => println!("networkx comparison not run: python3: {e}"),
    }
}

/// The same searches by networkx and by ours on a smaller generated grid: every node's
/// off-peak and peak time to each of `sites` random nodes (two full searches a site, as the
/// national run does), timed on both sides and checked equal to the millisecond.
fn grid_networkx(side: usize, sites: usize) {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(300);
    let roads = generated(side, &mut rng);
    let full = Network::build(&roads, &Default::default()).expect("network");
    let network = full.keeping(&components::largest(&full));
    let reversed = network.reversed();
    let n = network.nodes();
    let sources: Vec<u32> = (0..sites).map(|_| rng.random_range(0..n as u32)).collect();
    let all: Vec<u32> = (0..n as u32).collect();
    let targets = Targets::new(n, &all);

    let started = Instant::now();
    let ours: Vec<Vec<Vec<u32>>> = [&reversed.offpeak_ms, &reversed.peak_ms]
        .iter()
        .map(|w| {
            search::times_to(
                &Arcs::new(&reversed, w),
                &sources,
                &targets,
                &|_| {},
                &AtomicBool::new(false),
            )
            .expect("search")
        })
        .collect();
    let ours_s = started.elapsed().as_secs_f64();

    // The forward network as text: "nodes", then "tail head offpeak peak" a line, then the
    // sources; networkx answers each source's times to every node as little-endian u32s.
    let dir = std::env::temp_dir().join(format!("roads-nx-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (input, output) = (dir.join("grid.txt"), dir.join("times.u32"));
    let mut text = format!("{n}\n");
    for tail in 0..n as u32 {
        for (head, e) in network.edges_of(tail) {
            text.push_str(&format!(
                "{tail} {head} {} {}\n",
                network.offpeak_ms[e], network.peak_ms[e]
            ));
        }
    }
    let list: Vec<String> = sources.iter().map(u32::to_string).collect();
    text.push_str(&list.join(" "));
    std::fs::write(&input, text).unwrap();
    let out = Command::new("python3")
        .arg(script())
        .arg("--grid")
        .arg(&input)
        .arg(&output)
        .output();
    let out = match out {
        Ok(out) if out.status.success() => out,
        Ok(out) => {
            println!(
                "networkx grid failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            return;
        }
        Err(e) => {
            println!("networkx grid not run: python3: {e}");
            return;
        }
    };
    let nx_s: f64 = String::from_utf8_lossy(&out.stdout).trim().parse().unwrap();
    let bytes = std::fs::read(&output).unwrap();
    let theirs: Vec<u32> = bytes
        .chunks_exact(4)
        .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        .collect();
    let mine: Vec<u32> = ours.iter().flatten().flatten().copied().collect();
    let differing = mine.iter().zip(&theirs).filter(|(a, b)| a != b).count();
    assert_eq!(mine.len(), theirs.len(), "networkx answered another shape");
    let _ = std::fs::remove_dir_all(&dir);
    println!(
        "grid {side} x {side} ({n} junctions, {} segments), {sites} sites x 2 weightings to every node: ours {ours_s:.2} s on {} threads, networkx {nx_s:.2} s ({:.0}x); {differing} of {} times differ",
        network.edges(),
        rayon::current_num_threads(),
        nx_s / ours_s,
        mine.len()
    );
}
