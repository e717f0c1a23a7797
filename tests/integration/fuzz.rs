//! Fuzzing (issue 23): a seeded mutation fuzzer over every reader of outside input — the JSON
//! form, the travel matrix CSV, the sheet CSVs (one target per kind), the workbook reader and
//! the file opener. Every input must come back as `Ok` or `Err`: a panic fails the test, names
//! the target and keeps the input (shrunk) under `tests/fuzz-corpus/crashes/`.
//!
//! `cargo fuzz` needs nightly; this is its stable equivalent, run by `cargo test` with a fixed
//! budget. The seeds are the files under `tests/fuzz-corpus/<target>/` (kept in the repository)
//! and the same kinds of file made afresh from the demo; each case stacks one to four mutations
//! on a seed: bit flips, bytes inserted and deleted, chunks duplicated, seeds spliced, and
//! "interesting" values (huge numbers, `1e308`, `-0`, NaN, NUL, long strings, far-corner cell
//! references), some of them aware of the format (a JSON value, a CSV cell, a part of the
//! workbook's zip, a row of the SQLite file) so that mutations reach past the parsers.
//!
//! Each target runs in a child process (this test binary again) under an address-space limit
//! (`ulimit -v`), so an allocation blow-up is a failure (the child aborts), not a machine that
//! swaps, and a child that runs far past its budget is killed as a hang; the input it was on is
//! kept either way.
//!
//! Environment:
//! - `APPRAISE_FUZZ_CASES=N`   cases per target (default: the budget below, about 45 s in all
//!   for a debug build on two cores)
//! - `APPRAISE_FUZZ_SEED=S`    the random seed (default fixed, so CI runs are repeatable)
//! - `APPRAISE_FUZZ_MEMORY_MB` the child's address-space limit (default 3072)
//! - `APPRAISE_FUZZ_WRITE_SEEDS=1` rewrite the committed seeds from the demo

use std::collections::BTreeMap;
use std::io::{Cursor, Read, Write};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use appraise::model::{Appraisal, TravelMatrix, TravelMode};
use appraise::sheets::{self, Kind, schema, template};
use appraise::{store, textform, travel};
use rand::{RngExt, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;
use sha2::{Digest, Sha256};

use crate::util::Dir;

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fuzz-corpus");
const DEFAULT_SEED: u64 = 0x2023_0a77_1a15_e000;
/// Set in the child process: the target it runs in-process.
const CHILD: &str = "APPRAISE_FUZZ_CHILD";
/// Set in the child process: where it writes each input before reading it, so the parent can
/// keep the input an abort or a hang was on.
const CURRENT: &str = "APPRAISE_FUZZ_CURRENT";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Json,
    Matrix,
    Sheet(Kind),
    Workbook,
    File,
}

impl Target {
    fn name(self) -> String {
        match self {
            Target::Json => "json".to_owned(),
            Target::Matrix => "matrix".to_owned(),
            Target::Sheet(kind) => format!("csv-{}", schema::sheet(kind).name.to_lowercase()),
            Target::Workbook => "xlsx".to_owned(),
            Target::File => "appraisal".to_owned(),
        }
    }

    /// Cases in the default budget: each target's share of about 40 s in a debug build.
    fn budget(self) -> usize {
        match self {
            Target::Json => 1500,
            Target::Matrix => 2000,
            Target::Sheet(_) => 400,
            Target::Workbook => 600,
            Target::File => 300,
        }
    }

    fn extension(self) -> &'static str {
        match self {
            Target::Json => "json",
            Target::Matrix | Target::Sheet(_) => "csv",
            Target::Workbook => "xlsx",
            Target::File => "appraisal",
        }
    }
}

// One test per target, so a failure names its target and the targets share the two cores.

#[test]
fn json_form() {
    fuzz(Target::Json, "json_form");
}

#[test]
fn matrix_csv() {
    fuzz(Target::Matrix, "matrix_csv");
}

#[test]
fn sheet_csv_organisations() {
    fuzz(
        Target::Sheet(Kind::Organisations),
        "sheet_csv_organisations",
    );
}

#[test]
fn sheet_csv_baselines() {
    fuzz(Target::Sheet(Kind::Baselines), "sheet_csv_baselines");
}

#[test]
fn sheet_csv_services() {
    fuzz(Target::Sheet(Kind::Services), "sheet_csv_services");
}

#[test]
fn sheet_csv_sites() {
    fuzz(Target::Sheet(Kind::Sites), "sheet_csv_sites");
}

#[test]
fn sheet_csv_zones() {
    fuzz(Target::Sheet(Kind::Zones), "sheet_csv_zones");
}

#[test]
fn sheet_csv_options() {
    fuzz(Target::Sheet(Kind::Options), "sheet_csv_options");
}

#[test]
fn sheet_csv_option_sites() {
    fuzz(Target::Sheet(Kind::OptionSites), "sheet_csv_option_sites");
}

#[test]
fn sheet_csv_scorers() {
    fuzz(Target::Sheet(Kind::Scorers), "sheet_csv_scorers");
}

#[test]
fn sheet_csv_scores() {
    fuzz(Target::Sheet(Kind::Scores), "sheet_csv_scores");
}

#[test]
fn sheet_csv_travel() {
    fuzz(Target::Sheet(Kind::Travel), "sheet_csv_travel");
}

#[test]
fn workbook() {
    fuzz(Target::Workbook, "workbook");
}

#[test]
fn file_opener() {
    fuzz(Target::File, "file_opener");
}

/// The seeds made from the demo are what the readers accept, and the committed corpus holds a
/// seed for every target; with `APPRAISE_FUZZ_WRITE_SEEDS=1` the corpus is rewritten first.
#[test]
fn the_corpus_has_a_seed_for_every_target() {
    let write = std::env::var_os("APPRAISE_FUZZ_WRITE_SEEDS").is_some();
    for target in targets() {
        let dir = Path::new(CORPUS).join(target.name());
        let fresh = fresh_seeds(target);
        if write {
            std::fs::create_dir_all(&dir).expect("corpus dir");
            for (i, seed) in fresh.iter().enumerate() {
                let path = dir.join(format!("seed-{i}.{}", target.extension()));
                std::fs::write(&path, seed).expect("write seed");
            }
        }
        let committed = files_in(&dir);
        assert!(
            !committed.is_empty(),
            "{}: no seed in {} (run with APPRAISE_FUZZ_WRITE_SEEDS=1)",
            target.name(),
            dir.display()
        );
        let scratch = Dir::new();
        for seed in &fresh {
            let outcome = read(target, seed, &scratch);
            assert_eq!(
                outcome,
                Outcome::Accepted,
                "{}: a seed made from the demo is refused",
                target.name()
            );
        }
    }
    let total: u64 = walk(Path::new(CORPUS))
        .iter()
        .map(|p| std::fs::metadata(p).map_or(0, |m| m.len()))
        .sum();
    assert!(
        total < 1_200_000,
        "the corpus is {total} bytes: keep it small"
    );
}

fn targets() -> Vec<Target> {
    let mut all = vec![Target::Json, Target::Matrix];
    all.extend(schema::SHEETS.iter().map(|s| Target::Sheet(s.kind)));
    all.extend([Target::Workbook, Target::File]);
    all
}

fn env_number(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.trim().parse().ok())
}

fn fuzz(target: Target, test: &str) {
    if std::env::var(CHILD).is_ok_and(|t| t == target.name()) || !cfg!(unix) {
        run_cases(target);
    } else {
        run_child(target, test);
    }
}

/// Runs `test` again in a child process limited to `APPRAISE_FUZZ_MEMORY_MB` of address space,
/// and fails if it fails, aborts or runs far past its budget.
fn run_child(target: Target, test: &str) {
    let scratch = Dir::new();
    let current = scratch.path("current");
    let log = scratch.path("log");
    let memory_kb = env_number("APPRAISE_FUZZ_MEMORY_MB").unwrap_or(3072) * 1024;
    let exe = std::env::current_exe().expect("the test binary");
    let cases = env_number("APPRAISE_FUZZ_CASES").unwrap_or(target.budget() as u64);
    // Far past the budget (well under a second a case at worst): a hang.
    let deadline = Duration::from_secs(120 + cases / 4);
    let out = std::fs::File::create(&log).expect("log");
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -v {memory_kb} && exec \"$0\" \"$@\""))
        .arg(&exe)
        .args([
            &format!("fuzz::{test}"),
            "--exact",
            "--test-threads=1",
            "--nocapture",
        ])
        .env(CHILD, target.name())
        .env(CURRENT, &current)
        .env("RUST_BACKTRACE", "1")
        .stdin(Stdio::null())
        .stdout(out.try_clone().expect("log"))
        .stderr(out)
        .spawn()
        .expect("start the child");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for the child") {
            break Some(status);
        }
        if started.elapsed() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let output = std::fs::read_to_string(&log).unwrap_or_default();
    eprint!("{output}");
    let kept = |what: &str| {
        let Ok(input) = std::fs::read(&current) else {
            return "nothing: it died before its first input (is the limit too low to start?)"
                .to_owned();
        };
        let path = keep_crash(target, what, &input);
        format!("{} ({} bytes)", path.display(), input.len())
    };
    match status {
        None => panic!(
            "{}: the child ran past {deadline:?} (a hang?); the input it was on is kept as {}",
            target.name(),
            kept("hang")
        ),
        Some(s) if s.success() => {
            assert!(
                output.contains("1 passed"),
                "{}: the child ran no test:\n{output}",
                target.name()
            );
        }
        Some(s) if s.code() == Some(101) => {
            panic!("{}: the child failed (see its output above)", target.name())
        }
        Some(s) => panic!(
            "{}: the child died ({s}: an abort, a stack overflow or memory past the {} MB limit); the input it was on is kept as {}",
            target.name(),
            memory_kb / 1024,
            kept("abort")
        ),
    }
}

/// What a reader made of an input.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Outcome {
    Accepted,
    Refused,
}

/// The last panic's message and where it happened, recorded by the child's panic hook.
static LAST_PANIC: Mutex<Option<(String, String)>> = Mutex::new(None);

thread_local! {
    /// True while a reader runs under [`guarded`]: its panic is recorded, not printed.
    static GUARDED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

fn install_panic_hook() {
    let default = panic::take_hook();
    panic::set_hook(Box::new(move |info| {
        if !GUARDED.with(std::cell::Cell::get) {
            default(info);
            return;
        }
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "(no message)".to_owned());
        let location = info
            .location()
            .map_or_else(|| "?".to_owned(), |l| format!("{}:{}", l.file(), l.line()));
        let backtrace = std::backtrace::Backtrace::force_capture().to_string();
        if let Ok(mut last) = LAST_PANIC.lock() {
            *last = Some((location, format!("{message}\n{}", ours(&backtrace))));
        }
    }));
}

/// The frames of a backtrace in Appraise's own code (with their file and line), the first few.
fn ours(backtrace: &str) -> String {
    let lines: Vec<&str> = backtrace.lines().collect();
    let mut kept = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if line.trim_start().starts_with("at ")
            && line.contains("/src/")
            && !line.contains("/rustc/")
            && !line.contains(".cargo/registry")
        {
            kept.push(format!(
                "    {}\n    {}",
                lines[i.saturating_sub(1)].trim(),
                line.trim()
            ));
        }
    }
    kept.truncate(6);
    kept.join("\n")
}

/// Reads `input` as `target`: Ok(outcome), or Err((location, message)) if it panicked.
fn guarded(target: Target, input: &[u8], scratch: &Dir) -> Result<Outcome, (String, String)> {
    if let Ok(mut last) = LAST_PANIC.lock() {
        *last = None;
    }
    GUARDED.with(|g| g.set(true));
    let result = panic::catch_unwind(AssertUnwindSafe(|| read(target, input, scratch)));
    GUARDED.with(|g| g.set(false));
    result.map_err(|_| {
        LAST_PANIC
            .lock()
            .ok()
            .and_then(|mut l| l.take())
            .unwrap_or_else(|| ("?".to_owned(), "(panicked)".to_owned()))
    })
}

fn run_cases(target: Target) {
    install_panic_hook();
    let name = target.name();
    let scratch = Dir::new();
    let current = std::env::var_os(CURRENT).map(PathBuf::from);
    let mut seeds = fresh_seeds(target);
    let dir = Path::new(CORPUS).join(&name);
    seeds.extend(files_in(&dir).iter().filter_map(|p| std::fs::read(p).ok()));
    // Inputs that once crashed this target are replayed first, and mutated like the seeds.
    let crashes = files_in(&Path::new(CORPUS).join("crashes").join(&name));
    let replay: Vec<Vec<u8>> = crashes
        .iter()
        .filter_map(|p| std::fs::read(p).ok())
        .collect();
    let cases = env_number("APPRAISE_FUZZ_CASES").unwrap_or(target.budget() as u64);
    let seed = env_number("APPRAISE_FUZZ_SEED").unwrap_or(DEFAULT_SEED)
        ^ u64::from_le_bytes(Sha256::digest(name.as_bytes())[..8].try_into().unwrap());
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    let started = Instant::now();
    let mut tally: BTreeMap<&str, u64> = BTreeMap::new();
    // One entry per panic location: its message and the smallest input found.
    let mut found: BTreeMap<String, (String, Vec<u8>)> = BTreeMap::new();
    let mut record = |input: &[u8], result: Result<Outcome, (String, String)>| match result {
        Ok(Outcome::Accepted) => *tally.entry("accepted").or_default() += 1,
        Ok(Outcome::Refused) => *tally.entry("refused").or_default() += 1,
        Err((location, message)) => {
            *tally.entry("panicked").or_default() += 1;
            let entry = found
                .entry(location)
                .or_insert_with(|| (message, input.to_vec()));
            if input.len() < entry.1.len() {
                entry.1 = input.to_vec();
            }
        }
    };
    let fixed: Vec<&Vec<u8>> = replay.iter().chain(seeds.iter()).collect();
    for input in fixed {
        if let Some(current) = &current {
            let _ = std::fs::write(current, input);
        }
        record(input, guarded(target, input, &scratch));
    }
    for _ in 0..cases {
        let input = mutate(target, &seeds, &mut rng);
        if let Some(current) = &current {
            let _ = std::fs::write(current, &input);
        }
        record(&input, guarded(target, &input, &scratch));
    }
    let elapsed = started.elapsed();
    eprintln!(
        "fuzz {name}: {} seeds, {} replayed crashes, {cases} mutated cases in {:.1} s: {tally:?}",
        seeds.len(),
        replay.len(),
        elapsed.as_secs_f64()
    );
    // Panics already routed to their owners are listed in crashes/KNOWN (with the kept input
    // that shows them): they are reported but do not fail the run until they are fixed, and
    // then their line must go (a known panic no longer seen fails the run).
    let known = known_panics(target);
    let mut report = Vec::new();
    for (location, (message, input)) in &found {
        if let Some(k) = known.iter().find(|k| location.contains(k.as_str())) {
            eprintln!("{name}: known panic ({k}) still happens: {message}");
            continue;
        }
        let small = shrink(target, input, location, &scratch);
        let path = keep_crash(target, "panic", &small);
        report.push(format!(
            "panic at {location}: {message}\n  input ({} bytes, shrunk from {}): {}",
            small.len(),
            input.len(),
            path.display()
        ));
    }
    for k in &known {
        if !found.keys().any(|l| l.contains(k.as_str())) {
            report.push(format!(
                "the known panic at {k} no longer happens: remove its line from {CORPUS}/crashes/KNOWN (its kept input stays as a regression case)"
            ));
        }
    }
    assert!(
        report.is_empty(),
        "{name}: {} problem{}:\n{}",
        report.len(),
        if report.len() == 1 { "" } else { "s" },
        report.join("\n")
    );
    // The fuzzer did its job: it made inputs the reader refused, and (except the SQLite file,
    // whose every byte matters) inputs it still accepted.
    assert!(
        tally.get("refused").copied().unwrap_or(0) > 0,
        "{name}: nothing was refused"
    );
    assert!(
        tally.get("accepted").copied().unwrap_or(0) > 0,
        "{name}: nothing was accepted"
    );
}

/// The smallest input found that still panics at `location` (within 20 s; a panic is reported
/// whether or not it shrinks): chunks cut out of it, and for a workbook, parts of its zip
/// dropped and chunks cut out of the rest, the zip written again each time.
fn shrink(target: Target, input: &[u8], location: &str, scratch: &Dir) -> Vec<u8> {
    let deadline = Instant::now() + Duration::from_secs(20);
    let still = |candidate: &[u8]| matches!(guarded(target, candidate, scratch), Err((l, _)) if l == location);
    if target == Target::Workbook
        && let Some(mut parts) = unzip(input)
    {
        let mut i = 0;
        while i < parts.len() && Instant::now() < deadline {
            let mut fewer = parts.clone();
            fewer.remove(i);
            if still(&rezip(&fewer)) {
                parts = fewer;
            } else {
                i += 1;
            }
        }
        for i in 0..parts.len() {
            let others = parts.clone();
            let small = cut(
                &parts[i].1,
                |bytes| {
                    let mut candidate = others.clone();
                    candidate[i].1 = bytes.to_vec();
                    still(&rezip(&candidate))
                },
                deadline,
            );
            parts[i].1 = small;
        }
        let small = rezip(&parts);
        if still(&small) && small.len() < input.len() {
            return small;
        }
        return input.to_vec();
    }
    cut(input, still, deadline)
}

/// `input` with every chunk cut out that `keeps` still holds without, halving the chunks.
fn cut(input: &[u8], keeps: impl Fn(&[u8]) -> bool, deadline: Instant) -> Vec<u8> {
    let mut best = input.to_vec();
    let mut chunk = best.len() / 2;
    while chunk > 0 && Instant::now() < deadline {
        let mut at = 0;
        let mut cut_any = false;
        while at < best.len() && Instant::now() < deadline {
            let end = (at + chunk).min(best.len());
            let mut candidate = best[..at].to_vec();
            candidate.extend_from_slice(&best[end..]);
            if keeps(&candidate) {
                best = candidate;
                cut_any = true;
            } else {
                at += chunk;
            }
        }
        if !cut_any {
            chunk /= 2;
        }
    }
    best
}

/// A zip's parts, by name, in order; None if it is not a readable zip.
fn unzip(bytes: &[u8]) -> Option<Vec<(String, Vec<u8>)>> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut parts = Vec::new();
    for i in 0..zip.len() {
        let Ok(mut f) = zip.by_index(i) else { continue };
        let Ok(name) = f.name().map(|n| n.into_owned()) else {
            continue;
        };
        let mut data = Vec::new();
        if f.read_to_end(&mut data).is_ok() {
            parts.push((name, data));
        }
    }
    Some(parts)
}

fn rezip(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in parts {
        if out.start_file(name.as_str(), options).is_err() || out.write_all(bytes).is_err() {
            return Vec::new();
        }
    }
    out.finish().map(Cursor::into_inner).unwrap_or_default()
}

/// The panic locations listed for `target` in `crashes/KNOWN`: lines `TARGET LOCATION # note`.
fn known_panics(target: Target) -> Vec<String> {
    let text = std::fs::read_to_string(Path::new(CORPUS).join("crashes").join("KNOWN"))
        .unwrap_or_default();
    text.lines()
        .map(|l| l.split('#').next().unwrap_or_default().trim())
        .filter_map(|l| l.split_once(char::is_whitespace))
        .filter(|(t, _)| *t == target.name())
        .map(|(_, location)| location.trim().to_owned())
        .collect()
}

/// Keeps `input` as `crashes/<target>/<what>-<hash>.<ext>` and returns its path.
fn keep_crash(target: Target, what: &str, input: &[u8]) -> PathBuf {
    let dir = Path::new(CORPUS).join("crashes").join(target.name());
    let _ = std::fs::create_dir_all(&dir);
    let hash = Sha256::digest(input);
    let hex: String = hash[..6].iter().map(|b| format!("{b:02x}")).collect();
    let path = dir.join(format!("{what}-{hex}.{}", target.extension()));
    let _ = std::fs::write(&path, input);
    path
}

fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_file())
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut all = files_in(dir);
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.filter_map(Result::ok) {
            if e.path().is_dir() {
                all.extend(walk(&e.path()));
            }
        }
    }
    all
}

// ---------------------------------------------------------------------------------------------
// The targets: each reads one input the way the app and the CLI read an outside file.

/// The demo with a full travel matrix: the appraisal the imports are applied to, and whence
/// the seeds.
fn base() -> &'static Appraisal {
    static BASE: std::sync::OnceLock<Appraisal> = std::sync::OnceLock::new();
    BASE.get_or_init(|| {
        let mut a = appraise::demo::appraisal();
        let zones: Vec<String> = a.zones.iter().map(|z| z.code.clone()).collect();
        let sites: Vec<String> = a.sites.iter().map(|s| s.code.clone()).collect();
        let cells = zones.len() * sites.len() * TravelMode::ALL.len();
        let minutes: Vec<f32> = (0..cells).map(|i| 5.0 + (i * 7 % 113) as f32).collect();
        let m = TravelMatrix::new(zones, sites, TravelMode::ALL.to_vec(), minutes)
            .expect("a matrix of the demo's shape");
        a.travel_matrix = m;
        a
    })
}

fn read(target: Target, input: &[u8], scratch: &Dir) -> Outcome {
    let accepted = |ok: bool| {
        if ok {
            Outcome::Accepted
        } else {
            Outcome::Refused
        }
    };
    match target {
        Target::Json => {
            // The app reads the file as UTF-8 first; a mutation that breaks UTF-8 is refused
            // there, so the parser sees the lossy text (which keeps the mutation's shape).
            let text = String::from_utf8_lossy(input);
            match textform::from_str(&text, Path::new("fuzz.json")) {
                // `appraise import` checks what it parsed before it writes anything.
                Ok(a) => accepted(appraise::validate::integrity(&a).is_empty()),
                Err(_) => Outcome::Refused,
            }
        }
        Target::Matrix => accepted(
            travel::import::read_matrix_from(base(), Cursor::new(input), Path::new("fuzz.csv"))
                .is_ok(),
        ),
        Target::Sheet(kind) => {
            let path = scratch.path("fuzz.csv");
            std::fs::write(&path, input).expect("write the input");
            match sheets::read::csv(&path, schema::sheet(kind)) {
                Ok(read) => accepted(sheets::preview(base(), &read).is_ok()),
                Err(_) => Outcome::Refused,
            }
        }
        Target::Workbook => {
            let path = scratch.path("fuzz.xlsx");
            std::fs::write(&path, input).expect("write the input");
            match sheets::read::xlsx(&path) {
                Ok(read) => accepted(sheets::preview(base(), &read).is_ok()),
                Err(_) => Outcome::Refused,
            }
        }
        Target::File => {
            // A fresh folder each time: opening may roll back a journal or leave a WAL.
            let dir = scratch.path("file");
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).expect("scratch dir");
            let path = dir.join("fuzz.appraisal");
            std::fs::write(&path, input).expect("write the input");
            accepted(store::open(&path).is_ok())
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Seeds made afresh from the demo.

fn fresh_seeds(target: Target) -> Vec<Vec<u8>> {
    let a = base();
    match target {
        Target::Json => vec![textform::to_string(a).into_bytes()],
        Target::Matrix => {
            let m = &a.travel_matrix;
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_record(["zone", "site", "mode", "minutes"])
                .expect("csv");
            // Part of the matrix keeps the seed small; every zone, site and mode appears.
            let mut i = 0usize;
            for zone in &a.zones {
                for site in &a.sites {
                    for code in schema::MODES {
                        i += 1;
                        if !i.is_multiple_of(5) {
                            continue;
                        }
                        let minutes = m.cells()[i % m.cells().len()].to_string();
                        w.write_record([zone.code.as_str(), site.code.as_str(), code, &minutes])
                            .expect("csv");
                    }
                }
            }
            vec![w.into_inner().expect("csv")]
        }
        Target::Sheet(kind) => {
            let sheet = schema::sheet(kind);
            let mut w = csv::WriterBuilder::new()
                .flexible(true)
                .from_writer(Vec::new());
            w.write_record(sheet.columns.iter().map(|c| c.name))
                .expect("csv");
            // Travel has a row per zone, site and mode: a sample is enough.
            let rows = template::rows(a, kind);
            let step = (rows.len() / 60).max(1);
            for row in rows.iter().step_by(step) {
                w.write_record(row.iter().map(|v| match v {
                    template::Value::Text(s) => s.clone(),
                    template::Value::Number(n) => n.to_string(),
                    template::Value::Blank => String::new(),
                }))
                .expect("csv");
            }
            vec![w.into_inner().expect("csv")]
        }
        Target::Workbook => {
            let dir = Dir::new();
            let mut small = a.clone();
            // A matrix sample keeps the workbook small.
            small.travel_matrix = TravelMatrix::default();
            let filled = dir.path("filled.xlsx");
            template::write_data(&small, &filled).expect("template with data");
            let empty = dir.path("template.xlsx");
            template::write_template(&empty).expect("template");
            vec![
                std::fs::read(&filled).expect("read"),
                std::fs::read(&empty).expect("read"),
            ]
        }
        Target::File => {
            let dir = Dir::new();
            let path = dir.path("demo.appraisal");
            let mut small = a.clone();
            small.travel_matrix = TravelMatrix::default();
            store::create(&path, &small).expect("create");
            vec![std::fs::read(&path).expect("read")]
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Mutations.

type Rng = Xoshiro256PlusPlus;

/// Values that break readers: edges of number types, specials, odd text.
const INTERESTING: &[&str] = &[
    "0",
    "-0",
    "-1",
    "1e308",
    "-1e308",
    "1e309",
    "1e-400",
    "NaN",
    "inf",
    "-inf",
    "4294967295",
    "4294967296",
    "-2147483649",
    "9223372036854775807",
    "-9223372036854775808",
    "18446744073709551616",
    "340282366920938463463374607431768211456",
    "0.1e-99999",
    "99999999999999999999999999999999999999999999999999",
    "\0",
    "",
    " ",
    "\u{feff}",
    "\u{202e}",
    "💥",
    "é",
    "\r\n",
    "\"",
    ",",
    ";",
    ";;",
    "null",
    "true",
    "[]",
    "{}",
    "=1/0",
    "#DIV/0!",
    "A1",
    "XFD1048576",
    "XFE1048577",
    "A4294967296",
    "ZZZZZZZZ1",
];

fn interesting(rng: &mut Rng) -> Vec<u8> {
    match rng.random_range(0..10) {
        0 => "A".repeat(rng.random_range(100..70_000)).into_bytes(),
        1 => "9".repeat(rng.random_range(20..400)).into_bytes(),
        _ => INTERESTING[rng.random_range(0..INTERESTING.len())]
            .as_bytes()
            .to_vec(),
    }
}

fn mutate(target: Target, seeds: &[Vec<u8>], rng: &mut Rng) -> Vec<u8> {
    let seed = &seeds[rng.random_range(0..seeds.len())];
    let aware = rng.random_bool(0.6);
    match target {
        Target::Json if aware => json_mutation(seed, rng),
        Target::Matrix | Target::Sheet(_) if aware => csv_mutation(seed, rng),
        Target::Workbook if aware => zip_mutation(seed, rng),
        Target::File if aware => sqlite_mutation(seed, rng),
        // Bytes inserted or deleted shift every SQLite page; flips and overwrites do not.
        Target::File => havoc(seed.clone(), seeds, rng, false),
        _ => havoc(seed.clone(), seeds, rng, true),
    }
}

/// One to four byte-level mutations.
fn havoc(mut data: Vec<u8>, seeds: &[Vec<u8>], rng: &mut Rng, shift: bool) -> Vec<u8> {
    for _ in 0..rng.random_range(1..=4) {
        let len = data.len();
        if len == 0 {
            data = interesting(rng);
            continue;
        }
        let at = rng.random_range(0..len);
        match rng.random_range(0..if shift { 8 } else { 3 }) {
            0 => data[at] ^= 1 << rng.random_range(0..8),
            1 => {
                data[at] =
                    [0, 0xff, 0x7f, 0x80, b'"', b',', b'\n', b'<', b'{'][rng.random_range(0..9)]
            }
            2 => {
                let value = interesting(rng);
                let end = (at + value.len()).min(len);
                data[at..end].copy_from_slice(&value[..end - at]);
            }
            3 => {
                let value = interesting(rng);
                data.splice(at..at, value);
            }
            4 => {
                let end = (at + rng.random_range(1..=len.min(256))).min(len);
                data.drain(at..end);
            }
            5 => {
                // A chunk repeated: long lines, many rows, deep nesting.
                let end = (at + rng.random_range(1..=len.min(512))).min(len);
                let chunk = data[at..end].to_vec();
                let times = rng.random_range(1..=64);
                let to = rng.random_range(0..=len);
                data.splice(to..to, chunk.repeat(times));
            }
            6 => {
                // Splice: this seed's head with another's tail.
                let other = &seeds[rng.random_range(0..seeds.len())];
                if !other.is_empty() {
                    let from = rng.random_range(0..other.len());
                    data.truncate(at);
                    data.extend_from_slice(&other[from..]);
                }
            }
            _ => data.truncate(at),
        }
    }
    data
}

/// A JSON value somewhere in the document replaced, removed or duplicated.
fn json_mutation(seed: &[u8], rng: &mut Rng) -> Vec<u8> {
    let Ok(mut doc) = serde_json::from_slice::<serde_json::Value>(seed) else {
        return havoc(seed.to_vec(), &[seed.to_vec()], rng, true);
    };
    for _ in 0..rng.random_range(1..=3) {
        let node = random_node(&mut doc, rng);
        *node = match rng.random_range(0..9) {
            0 => serde_json::json!(null),
            1 => serde_json::json!(-1),
            2 => serde_json::json!(f64::MAX),
            3 => serde_json::json!(u64::MAX),
            4 => serde_json::json!(i64::MIN),
            5 => serde_json::Value::String(String::from_utf8_lossy(&interesting(rng)).into()),
            6 => serde_json::json!([]),
            7 => serde_json::json!({}),
            _ => match node.clone() {
                // An array with its items repeated, or an object with a key removed.
                serde_json::Value::Array(items) => {
                    serde_json::Value::Array(items.iter().chain(items.iter()).cloned().collect())
                }
                serde_json::Value::Object(mut map) => {
                    let keys: Vec<String> = map.keys().cloned().collect();
                    if !keys.is_empty() {
                        map.remove(&keys[rng.random_range(0..keys.len())]);
                    }
                    serde_json::Value::Object(map)
                }
                serde_json::Value::Number(n) => {
                    serde_json::json!(n.as_f64().unwrap_or(0.0) * -1e6)
                }
                other => other,
            },
        };
    }
    let text = serde_json::to_vec_pretty(&doc).unwrap_or_default();
    // Numbers serde_json will not write (1e309, -0) go in as text.
    if rng.random_bool(0.2) {
        let text = String::from_utf8_lossy(&text).into_owned();
        let number =
            ["1e309", "-0", "1e-400", "18446744073709551616", "-0.0"][rng.random_range(0..5)];
        let spots: Vec<usize> = text.match_indices(": ").map(|(i, _)| i + 2).collect();
        if let Some(&at) = spots.get(rng.random_range(0..spots.len().max(1))) {
            let end = text[at..].find([',', '\n']).map_or(text.len(), |e| at + e);
            return format!("{}{number}{}", &text[..at], &text[end..]).into_bytes();
        }
        return text.into_bytes();
    }
    text
}

/// A node of `doc` chosen by a random walk from the root.
fn random_node<'a>(doc: &'a mut serde_json::Value, rng: &mut Rng) -> &'a mut serde_json::Value {
    let mut node = doc;
    loop {
        let stop = rng.random_bool(0.15);
        let len = match &*node {
            serde_json::Value::Array(items) => items.len(),
            serde_json::Value::Object(map) => map.len(),
            _ => 0,
        };
        if stop || len == 0 {
            return node;
        }
        let pick = rng.random_range(0..len);
        node = match node {
            serde_json::Value::Array(items) => &mut items[pick],
            serde_json::Value::Object(map) => map.values_mut().nth(pick).expect("a value"),
            _ => unreachable!("a scalar has no children"),
        };
    }
}

/// A CSV cell replaced, a row duplicated or dropped, a column added or removed.
fn csv_mutation(seed: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(seed);
    let mut rows: Vec<Vec<Vec<u8>>> = reader
        .byte_records()
        .filter_map(Result::ok)
        .map(|r| r.iter().map(<[u8]>::to_vec).collect())
        .collect();
    if rows.is_empty() {
        return havoc(seed.to_vec(), &[seed.to_vec()], rng, true);
    }
    for _ in 0..rng.random_range(1..=4) {
        let r = rng.random_range(0..rows.len());
        match rng.random_range(0..8) {
            0..=3 => {
                if !rows[r].is_empty() {
                    let c = rng.random_range(0..rows[r].len());
                    rows[r][c] = interesting(rng);
                }
            }
            4 => {
                let row = rows[r].clone();
                let to = rng.random_range(0..=rows.len());
                rows.insert(to, row);
            }
            5 => {
                rows.remove(r);
                if rows.is_empty() {
                    rows.push(Vec::new());
                }
            }
            6 => rows[r].push(interesting(rng)),
            _ => {
                rows[r].pop();
            }
        }
    }
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    for row in &rows {
        let _ = w.write_record(row);
    }
    w.into_inner().unwrap_or_default()
}

/// A part of the workbook's zip mutated (its XML made odd: far-corner cells, huge dimensions,
/// odd values), the rest kept, and the zip written again.
fn zip_mutation(seed: &[u8], rng: &mut Rng) -> Vec<u8> {
    let Some(mut parts) = unzip(seed) else {
        return havoc(seed.to_vec(), &[seed.to_vec()], rng, true);
    };
    if parts.is_empty() {
        return seed.to_vec();
    }
    // Mostly the sheets and shared strings, where the data is.
    let data: Vec<usize> = (0..parts.len())
        .filter(|&i| {
            parts[i].0.contains("worksheets/sheet") || parts[i].0.contains("sharedStrings")
        })
        .collect();
    let i = if !data.is_empty() && rng.random_bool(0.8) {
        data[rng.random_range(0..data.len())]
    } else {
        rng.random_range(0..parts.len())
    };
    let xml = String::from_utf8_lossy(&parts[i].1).into_owned();
    parts[i].1 = match rng.random_range(0..6) {
        0 => {
            // A cell moved to a far corner.
            let corner = [
                "XFD1048576",
                "A1048576",
                "IW1",
                "XFD1",
                "A1048577",
                "AAAA99999999",
                "A0",
                "1A",
            ][rng.random_range(0..8)];
            replace_nth(&xml, "r=\"", rng, |rest| {
                let end = rest.find('"').unwrap_or(0);
                (end, corner.to_owned())
            })
        }
        1 => {
            // The declared size of the sheet.
            let dimension =
                ["A1:XFD1048576", "A1:A1048576", "XFD1048576", "B2:A1", ""][rng.random_range(0..5)];
            replace_nth(&xml, "<dimension ref=\"", rng, |rest| {
                let end = rest.find('"').unwrap_or(0);
                (end, dimension.to_owned())
            })
        }
        2 => {
            // A value.
            let value = String::from_utf8_lossy(&interesting(rng)).into_owned();
            let value = value.replace('<', "&lt;").replace('&', "&amp;");
            let tag = ["<v>", "<t>", "<t xml:space=\"preserve\">"][rng.random_range(0..3)];
            replace_nth(&xml, tag, rng, |rest| {
                let end = rest.find('<').unwrap_or(0);
                (end, value.clone())
            })
        }
        3 => {
            // A cell's type.
            let kind = ["s", "n", "b", "e", "str", "inlineStr", "d", "x"][rng.random_range(0..8)];
            replace_nth(&xml, " t=\"", rng, |rest| {
                let end = rest.find('"').unwrap_or(0);
                (end, kind.to_owned())
            })
        }
        4 => {
            // A merged range, and rows repeated.
            let mut xml = xml;
            if let Some(at) = xml.find("</sheetData>") {
                let merge = "</sheetData><mergeCells count=\"1\"><mergeCell ref=\"A1:XFD1048576\"/></mergeCells>";
                xml.replace_range(at..at + "</sheetData>".len(), merge);
            }
            xml.into_bytes()
        }
        _ => havoc(parts[i].1.clone(), &[parts[i].1.clone()], rng, true),
    };
    rezip(&parts)
}

/// `xml` with the text after one (random) occurrence of `marker` replaced: `edit` gets the text
/// after the marker and says how much of it to replace, and with what.
fn replace_nth(
    xml: &str,
    marker: &str,
    rng: &mut Rng,
    edit: impl Fn(&str) -> (usize, String),
) -> Vec<u8> {
    let spots: Vec<usize> = xml
        .match_indices(marker)
        .map(|(i, _)| i + marker.len())
        .collect();
    if spots.is_empty() {
        return xml.as_bytes().to_vec();
    }
    let at = spots[rng.random_range(0..spots.len())];
    let (len, with) = edit(&xml[at..]);
    format!("{}{with}{}", &xml[..at], &xml[at + len..]).into_bytes()
}

/// Rows of the SQLite file changed through SQLite itself (so the file stays a good database
/// and the mutation reaches the appraisal reader): a value replaced by an odd one, a row
/// deleted or duplicated.
fn sqlite_mutation(seed: &[u8], rng: &mut Rng) -> Vec<u8> {
    let dir = Dir::new();
    let path = dir.path("m.appraisal");
    if std::fs::write(&path, seed).is_err() {
        return seed.to_vec();
    }
    {
        let Ok(conn) = rusqlite::Connection::open(&path) else {
            return seed.to_vec();
        };
        let tables: Vec<String> = conn
            .prepare(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
            )
            .and_then(|mut s| {
                s.query_map([], |r| r.get::<_, String>(0))
                    .and_then(Iterator::collect)
            })
            .unwrap_or_default();
        let _ =
            conn.execute_batch("PRAGMA foreign_keys = OFF; PRAGMA ignore_check_constraints = ON;");
        for _ in 0..rng.random_range(1..=3) {
            if tables.is_empty() {
                break;
            }
            let table = &tables[rng.random_range(0..tables.len())];
            let rows: i64 = conn
                .query_row(&format!("SELECT count(*) FROM \"{table}\""), [], |r| {
                    r.get(0)
                })
                .unwrap_or(0);
            if rows == 0 {
                continue;
            }
            let offset = rng.random_range(0..rows);
            let rowid = format!("(SELECT rowid FROM \"{table}\" LIMIT 1 OFFSET {offset})");
            let columns: Vec<String> = conn
                .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))
                .and_then(|mut s| {
                    s.query_map([], |r| r.get::<_, String>(0))
                        .and_then(Iterator::collect)
                })
                .unwrap_or_default();
            match rng.random_range(0..6) {
                0 => {
                    let _ = conn.execute(
                        &format!("DELETE FROM \"{table}\" WHERE rowid = {rowid}"),
                        [],
                    );
                }
                1 => {
                    // A duplicate row (a new rowid; unique keys may refuse it).
                    let list = columns
                        .iter()
                        .map(|c| format!("\"{c}\""))
                        .collect::<Vec<_>>()
                        .join(", ");
                    let _ = conn.execute(
                        &format!("INSERT INTO \"{table}\" ({list}) SELECT {list} FROM \"{table}\" WHERE rowid = {rowid}"),
                        [],
                    );
                }
                _ => {
                    if columns.is_empty() {
                        continue;
                    }
                    let column = &columns[rng.random_range(0..columns.len())];
                    let value: rusqlite::types::Value = match rng.random_range(0..10) {
                        0 => rusqlite::types::Value::Null,
                        1 => rusqlite::types::Value::Integer(-1),
                        2 => rusqlite::types::Value::Integer(i64::MAX),
                        3 => rusqlite::types::Value::Integer(i64::MIN),
                        4 => rusqlite::types::Value::Real(f64::MAX),
                        5 => rusqlite::types::Value::Real(-0.0),
                        6 => rusqlite::types::Value::Blob(interesting(rng)),
                        7 => rusqlite::types::Value::Integer(rng.random_range(-3..1_000_000)),
                        _ => rusqlite::types::Value::Text(
                            String::from_utf8_lossy(&interesting(rng)).into_owned(),
                        ),
                    };
                    let _ = conn.execute(
                        &format!("UPDATE \"{table}\" SET \"{column}\" = ?1 WHERE rowid = {rowid}"),
                        [value],
                    );
                }
            }
        }
    }
    std::fs::read(&path).unwrap_or_else(|_| seed.to_vec())
}
