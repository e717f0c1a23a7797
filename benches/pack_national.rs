//! The board pack for an appraisal with the national matrix (35,000 zones, 300 sites, 20
//! options, 5 services, a complete car and public transport matrix of 21 million cells:
//! benches/common/national.rs), exported from its file as `appraise export-pack` does.
//! Target (issue 25): under 2 s and under 400 MB.
//!
//! Prints the whole export's seconds and peak resident memory (VmHWM, from the resident memory
//! printed before it), then the same work step by step, each step's seconds and the peak so
//! far: opening the file, the engines (`Evaluation::of`), the pack's input (the engines'
//! results and the fingerprint), typesetting the PDF. A plain `main` (harness = false): each
//! step runs once, as a user would run it.
//!
//! `cargo bench -p appraise --bench pack_national`. Set `APPRAISE_PACK_FILE` to a path to keep
//! the generated appraisal file there and reuse it, and `APPRAISE_PACK_PDF` to keep the pack.
//!
//! Last run, 5 December 2026, 2 cores shared with another session's e2e run (load 1.0-1.1),
//! `cargo bench -p appraise --bench pack_national` (before and after issue 25 in the same
//! session, this bench built against each; 139 pages, 38 maps, 28.7 MB of PDF either way):
//!
//! | step | before | after |
//! |---|---|---|
//! | export-pack | 5.78 s, 774 MB | 4.62 s, 690 MB |
//! | open the file | 0.15 s, 114 MB | 0.16 s, 114 MB |
//! | engines | 0.33 s, 214 MB | 0.34 s, 214 MB |
//! | fingerprint | 1.32 s, 704 MB | 0.41 s, 223 MB |
//! | typeset the PDF | 3.70 s, 779 MB | 3.67 s, 791 MB |
//! | of which the maps' SVG | 0.30 s | 0.34 s |
//!
//! Then, the same day (load 1.5-2.0), with each zone's square drawn as one stroke as wide as it
//! is long instead of a filled four-sided path: export-pack 4.07-4.30 s at 615-625 MB, typesetting
//! 3.02-3.18 s, 20.2 MB of PDF (the same pages to the eye; poppler's anti-aliasing at the
//! squares' edges differs in 0.06% of a demo map page's pixels).
//!
//! (Steps' peaks are the peak so far in a process that runs them all.) Then most of the
//! typesetting was two things: section 7.7's list of every site an option stops offering a
//! service at (2,304 rows, 78 of the 139 pages: about 1.1 s and 280 MB in typst, which lays
//! out and memoises every table cell), and the 38 maps of 35,000 zone squares (plus 7,000
//! outlined), about 1.2 s.
//!
//! Last run, 5 December 2026 (load 1.8-1.9), the code before (6c7f249) and after this round
//! built side by side and run alternately, twice each: beyond 120 rows the pack names each
//! option's 8 largest lost sites and points to the results workbook's LostSites sheet, which
//! has every row; a dense map's zones are on a grid, a row's run of one band one stroke and the
//! most deprived cells outlined together (20,000 strokes a map rather than 39,000):
//!
//! | step | before | after |
//! |---|---|---|
//! | export-pack | 3.86-3.88 s, 615-616 MB, 139 pages, 19.7 MB of PDF | 2.26 s, 302-305 MB, 67 pages, 7.9 MB |
//! | typeset the PDF | 2.81-2.83 s | 1.25-1.28 s |
//! | of which the maps' SVG | 0.32 s (21 MB) | 0.30 s (11 MB) |
//!
//! Within the export after (one run): open 0.15 s, engines 0.31 s, fingerprint 0.44-0.47 s
//! (hashing the matrix's 460 MB of text), the pack's source and charts 0.17 s, typst's layout
//! 0.68 s, its PDF 0.41 s. Under 2 s is not yet met: the fingerprint and the engines already use
//! both cores (running them side by side saved 0.06 s and cost 60-90 MB), and the maps' zones
//! are still about 0.4 s of typst's time.
//!
//! Then (load 1.5-1.9), the fingerprint's matrix text written by hand (times to a tenth from
//! their digits) instead of through serde a number at a time (perf: formatting numbers and
//! serde's small writes were most of the fingerprint's samples; a 4,096-slot cache of number
//! texts in front of serde gave nothing); alternately with the code before,
//! five runs each: export-pack 1.98-2.21 s at 300-321 MB against 2.10-2.35 s at 297-302 MB;
//! the fingerprint step 0.38 s against 0.47-0.48 s, the same fingerprint (cf8142bed911). Now
//! SHA-256 (one thread) and krilla's deflate of the pages are the largest parts of the profile.
//! The engines and the fingerprint side by side again: 2.07-2.16 s at 358-370 MB, not kept.
//!
//! Then the pack's source no longer holds the fingerprint (a line defining it goes before the
//! source), so `export` writes the source and draws the maps while the fingerprint is made
//! (together 0.46-0.48 s: the source 0.27-0.29 s, the fingerprint slowed from 0.38 s by the
//! sharing). Three builds alternately, three runs each (load 0.2-0.6): the text through serde
//! 2.13-2.50 s at 299-315 MB; written by hand 2.04-2.13 s at 294-309 MB; and the source beside
//! the fingerprint 1.98-2.08 s at 299-367 MB. Typesetting is now about half the export.
//!
//! Then the engines too run beside the fingerprint, and the pack input (the engines' results)
//! goes before the typesetting: 2.05-2.10 s at 268-277 MB, against the step before's
//! 2.05-2.28 s at 295-324 MB, alternately, six runs each (load 1.0-1.6).
//!
//! Then, 6 December 2026 (load 1.5-1.9), a dense map's zones are one indexed PNG inside the
//! map's SVG, a pixel a cell (the outline, sites, labels and roads stay vector), and a map
//! gathers each site's services once instead of searching the option's list per site: one
//! map 3.25 ms instead of 6.7 ms (`benches/map.rs`), the 38 maps' SVG 7 MB instead of 11 MB.
//! Alternately with the code before (d1cacf4), five runs each: export-pack **1.89-1.95 s** at
//! 262-299 MB, 6.1 MB of PDF, against 2.11-2.16 s at 261-275 MB, 7.9 MB. Within the export
//! (one run, timed inside it): open 0.14 s; the engines 0.44-0.50 s then the source 0.15 s,
//! beside the fingerprint 0.75-0.77 s (each slowed by the other: alone they take 0.31 s and
//! 0.37 s); typst's layout 0.58 s and its PDF 0.35 s. A thread of its own for the SHA-256
//! (outside the pool the engines use) gained 0.02-0.03 s in four alternate runs; not kept.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test's own

use std::path::PathBuf;
use std::time::Instant;

use appraise::charts::{self, map::MapData};
use appraise::evaluation::Evaluation;
use appraise::model::Status;
use appraise::report::{self, PackInput, PackOptions};

#[path = "common/memory.rs"]
mod memory;
#[path = "common/national.rs"]
mod national;

/// The step a child process runs (set by the parent): each starts with nothing resident
/// but the program, so its peak is its own.
const STEP: &str = "APPRAISE_PACK_STEP";

fn main() {
    match std::env::var(STEP).as_deref() {
        Ok("export") => return export(),
        Ok("steps") => return steps(),
        _ => {}
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let file =
        std::env::var_os(FILE).map_or_else(|| dir.path().join("national.appraisal"), PathBuf::from);
    let started = Instant::now();
    if !file.exists() {
        appraise::store::create(&file, &national::with_matrix()).expect("create");
    }
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "generated and saved the national appraisal in {:.1} s ({:.0} MB file); load average {}",
        started.elapsed().as_secs_f64(),
        std::fs::metadata(&file).map_or(0, |m| m.len()) as f64 / 1e6,
        load.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" "),
    );
    for step in ["export", "steps"] {
        let status = std::process::Command::new(std::env::current_exe().expect("this program"))
            .env(STEP, step)
            .env(FILE, &file)
            .status()
            .expect("run a step");
        assert!(status.success(), "{step} failed");
    }
}

/// The appraisal file: kept where this names (made there if missing), else made afresh.
const FILE: &str = "APPRAISE_PACK_FILE";

fn file() -> PathBuf {
    PathBuf::from(std::env::var_os(FILE).expect("the appraisal file"))
}

/// `appraise export-pack`: open, evaluate, typeset, write and record.
fn export() {
    let file = file();
    let pdf = file.with_extension("pdf");
    println!("resident before the export {:.0} MB", memory::rss_mb());
    memory::reset_peak_rss();
    let started = Instant::now();
    let outcome = report::export(&file, &pdf, None).expect("export");
    println!(
        "export-pack: {:.2} s, peak RSS {:.0} MB, {:.0} KB of PDF",
        started.elapsed().as_secs_f64(),
        memory::peak_rss_mb(),
        outcome.bytes as f64 / 1e3
    );
    if let Ok(kept) = std::env::var("APPRAISE_PACK_PDF") {
        std::fs::copy(&pdf, &kept).expect("keep the pack");
        println!("kept the pack at {kept}");
    }
}

/// The same work step by step.
fn steps() {
    memory::reset_peak_rss();
    let mut at = Instant::now();
    let mut step = |name: &str| {
        println!(
            "  {name}: {:.2} s, peak RSS so far {:.0} MB",
            at.elapsed().as_secs_f64(),
            memory::peak_rss_mb()
        );
        at = Instant::now();
    };
    let a = appraise::store::open(&file()).expect("open");
    step("open the file");
    let evaluation = Evaluation::of(&a);
    step("engines (Evaluation::of)");
    let fingerprint = report::fingerprint::fingerprint(&a);
    step(&format!(
        "fingerprint {}",
        report::fingerprint::short(&fingerprint)
    ));
    let input = PackInput::new(&a, &evaluation);
    step("pack input (results, fingerprint)");
    drop(evaluation);
    let options = PackOptions {
        status: Status::Draft,
        at: time::OffsetDateTime::UNIX_EPOCH,
    };
    let bytes = report::pack(&input, &options).expect("pack");
    step("typeset the PDF (sections, charts, maps, typst)");
    assert!(!bytes.is_empty());

    // Of which the maps' SVG, drawn again here as the pack draws them (one option at a time).
    let t = input.travel.as_ref().expect("travel assessed");
    let (mut maps, mut svg_bytes) = (0, 0);
    for option in a.options.iter().skip(1) {
        for mode in national::MODES {
            let m = MapData::of(&a, t, &a.services[0].code, mode, &option.code).expect("map data");
            svg_bytes += charts::map::option_map(&m, charts::PACK_WIDTH)
                .expect("map")
                .len();
            maps += 1;
        }
    }
    step(&format!(
        "of which drawing the {maps} maps' SVG ({:.0} MB of SVG)",
        svg_bytes as f64 / 1e6
    ));
}
