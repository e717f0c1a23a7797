//! `import-sites` of 300 sites against a full-size postcode directory (target: under 15 s and
//! 500 MB peak memory): a generated 2.7-million-row directory in the newer (August 2025) header
//! form, about 0.9 GB, streamed for the 300 sites' postcodes, which are spread through it to
//! its last row (so the read cannot stop early); one in ten has no `lat`/`long` and is placed
//! from its grid reference through OSTN15. The directory is the national set's
//! (benches/common/official.rs, shared with `import_zones_national`). The sites come from a generated 20,000-row `ets.csv`
//! (quoted 27-field form) and are merged into the demo appraisal and saved in one transaction.
//!
//! A plain `main` (harness = false): the import runs three times; the best time and the
//! process's peak resident memory (VmHWM) are reported.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test's own

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::time::Instant;

use appraise::public_data::sites::{self, SiteFiles};

#[path = "common/memory.rs"]
mod memory;
#[path = "common/national.rs"]
mod national;
#[path = "common/official.rs"]
mod official;

use official::{POSTCODES, postcode};

const ODS_ROWS: usize = 20_000;
const SITES: usize = 300;
/// Rows between wanted sites' postcodes.
const STEP: usize = POSTCODES / SITES;

/// Directory rows of the wanted sites: evenly spread, the last at the file's last row.
fn wanted_row(site: usize) -> usize {
    (site + 1) * STEP - 1
}

/// Whether directory row `i` is a wanted site's, and then whether it has a `lat`/`long`: one
/// wanted site in ten has none and is placed from the grid.
fn wanted(i: usize) -> Option<bool> {
    (i + 1)
        .is_multiple_of(STEP)
        .then_some(i % (10 * STEP) != STEP - 1)
}

/// `ets.csv` rows; every sixtieth is a wanted site (code `S00000`, `S00060`, ...).
fn write_sites(path: &Path) -> Vec<String> {
    let mut w = BufWriter::new(File::create(path).expect("create ets"));
    let mut codes = Vec::new();
    for n in 0..ODS_ROWS {
        let code = format!("S{n:05}");
        let row = if n % (ODS_ROWS / SITES) == 0 && codes.len() < SITES {
            codes.push(code.clone());
            wanted_row(codes.len() - 1)
        } else {
            n * 97
        };
        let (outward, inward) = postcode(row);
        writeln!(
            w,
            "\"{code}\",\"GENERATED SITE {n}\",\"Y60\",\"QNC\",\"ROAD {n}\",\"\",\"\",\"TOWN\",\"\",\"{outward} {inward}\",\"19930401\",\"\",\"\",\"\",\"RJE\",\"\",\"\",\"\",\"\",\"\",\"\",\"0\",\"\",\"\",\"\",\"\",\"\""
        )
        .unwrap();
    }
    w.flush().unwrap();
    codes
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (directory, ets) = (dir.path().join("NSPL.csv"), dir.path().join("ets.csv"));
    let started = Instant::now();
    official::National::new(1).write_directory(&directory, POSTCODES, wanted);
    let codes = write_sites(&ets);
    let size = std::fs::metadata(&directory).expect("size").len();
    println!(
        "generated {POSTCODES} postcodes ({:.2} GB) and {ODS_ROWS} ODS rows in {:.1} s",
        size as f64 / 1e9,
        started.elapsed().as_secs_f64()
    );
    let files = SiteFiles {
        sites: &ets,
        trusts: None,
        postcodes: &directory,
    };
    let mut best = f64::INFINITY;
    for run in 0..3 {
        let file = dir.path().join(format!("a{run}.appraisal"));
        appraise::store::create(&file, &appraise::demo::appraisal()).expect("create");
        let started = Instant::now();
        let built = sites::build(&files, &codes).expect("build");
        let mut a = appraise::store::open(&file).expect("open");
        let changes = sites::apply(&mut a, &built).expect("apply");
        appraise::store::save(&file, &mut a).expect("save");
        let secs = started.elapsed().as_secs_f64();
        best = best.min(secs);
        assert_eq!(changes.added.len(), SITES);
        assert_eq!(
            built
                .sites
                .iter()
                .filter(|s| s.position == appraise::public_data::postcodes::Position::Grid)
                .count(),
            SITES / 10
        );
        println!("run {run}: {secs:.3} s");
    }
    println!(
        "appraise import-sites, {SITES} sites against {POSTCODES} postcodes, streamed, merged and saved: best {best:.3} s; peak memory (VmHWM) {:.0} MB",
        memory::peak_rss_mb()
    );
}
