//! `import-matrix` at national scale, end to end: a generated 21-million-row CSV (35,000 zones x
//! 300 sites x 2 modes, 517 MB) into an appraisal file, by `appraise::travel::import`. Targets
//! (issue 25): at least five times pandas only reading the same file, and under 150 MB.
//!
//! In one run, each step once, as a user would run it: reading the CSV into a matrix alone
//! (`read_matrix`), the whole import (reading, checking, writing the file in one transaction),
//! the re-import of the same file over the stored matrix, opening the file and assessing travel
//! on it; then, for comparison, pandas only reading the CSV (benches/import_matrix_pandas.py;
//! `pip install pandas`), and loading it into SQLite row by row with prepared inserts in one
//! transaction (the old `travel_times` layout, text keys). Prints seconds and peak resident
//! memory (VmHWM, from the resident memory printed before the steps), and checks the imported
//! matrix bit for bit against the times the CSV was written from.
//!
//! `cargo bench -p appraise --bench import_matrix`. Set `APPRAISE_MATRIX_CSV` to a path to keep
//! the generated CSV there and reuse it in later runs.
//!
//! Last run, 5 December 2026, 2 cores shared with another session's e2e run (load 1.5-1.7),
//! `cargo bench -p appraise --bench import_matrix` (before and after issue 25 in the same
//! session, this bench built against each):
//!
//! | step | before | after |
//! |---|---|---|
//! | reading the CSV into a matrix | 2.22 s, 187 MB | 0.58 s (892 MB/s), 135 MB |
//! | import-matrix (read, check, write the file) | 2.36 s, 196 MB | 0.93 s, 141 MB |
//! | re-import over the stored matrix (nothing written) | 2.26 s, 274 MB | 1.15 s, 232 MB; 0.93-0.99 s, 153 MB since the stored matrix is compared a column at a time |
//! | pandas.read_csv of the same file | 3.81 s, 1,375 MB | 3.79 s, 1,375 MB |
//! | row by row into SQLite | 22.1 s | 21.4 s |
//!
//! Then, 5 December 2026 (eighth session), rows whose codes are the last row's or the next
//! read by comparing whole words, the cells checked in a vectorised pass and a parsed row in
//! eight bytes, load 1.5-1.8, two runs: reading 0.43-0.58 s (890-1,190 MB/s), 135-136 MB;
//! import-matrix 0.71-0.78 s, 142 MB; re-import 0.64-0.71 s, 143-144 MB; pandas 3.76-3.96 s,
//! 1,374 MB (5.1-5.3 times slower). Two more runs: import-matrix 0.70-0.76 s, 141-143 MB;
//! pandas 3.71-3.81 s (4.9-5.5 times slower).
//!
//! Resident memory before the steps: 24 MB. The national file is 517 MB here (the issue's
//! 441 MB was an earlier generator's).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test's own

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use appraise::model::{TravelMatrix, TravelMode};
use rusqlite::{Connection, params};

#[path = "common/memory.rs"]
mod memory;
#[path = "common/national.rs"]
mod national;
#[path = "common/python.rs"]
mod python;

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("national.appraisal");
    let a = national::appraisal();
    appraise::store::create(&file, &a).expect("create");
    let (csv_path, expected) = csv(&a, dir.path());
    let csv_bytes = std::fs::metadata(&csv_path).map_or(0, |m| m.len());
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "{:.0} MB of CSV; load average {}; resident before the steps {:.0} MB",
        csv_bytes as f64 / 1e6,
        load.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" "),
        memory::rss_mb()
    );

    memory::reset_peak_rss();
    let started = Instant::now();
    let (matrix, rows) = appraise::travel::import::read_matrix(&a, &csv_path).expect("read");
    let read_s = started.elapsed().as_secs_f64();
    println!(
        "reading the CSV into a matrix (read_matrix): {rows} rows in {read_s:.2} s ({:.0} MB/s), peak RSS {:.0} MB",
        csv_bytes as f64 / 1e6 / read_s,
        memory::peak_rss_mb()
    );
    assert_eq!(
        matrix.fingerprint(),
        expected,
        "the matrix read is not the one written"
    );
    drop((matrix, a));

    memory::reset_peak_rss();
    let started = Instant::now();
    let imported = appraise::travel::import::import_matrix(&file, &csv_path).expect("import");
    let import_s = started.elapsed().as_secs_f64();
    println!(
        "import-matrix: {} rows in {import_s:.2} s (reading {read_s:.2} s, opening, checking and writing the file {:.2} s), peak RSS {:.0} MB, file {:.0} MB",
        imported.rows,
        import_s - read_s,
        memory::peak_rss_mb(),
        std::fs::metadata(&file).map_or(0, |m| m.len()) as f64 / 1e6,
    );

    // Again over the stored matrix: the old one is compared for the audit entry; unchanged
    // here, so nothing is written.
    memory::reset_peak_rss();
    let started = Instant::now();
    let again = appraise::travel::import::import_matrix(&file, &csv_path).expect("re-import");
    println!(
        "re-import of the same CSV over the stored matrix: {:.2} s, peak RSS {:.0} MB, {}",
        started.elapsed().as_secs_f64(),
        memory::peak_rss_mb(),
        if again.audit.is_none() {
            "unchanged, nothing written"
        } else {
            "written"
        }
    );

    memory::reset_peak_rss();
    let started = Instant::now();
    let opened = appraise::store::open(&file).expect("open");
    let open_s = started.elapsed().as_secs_f64();
    assert_eq!(
        opened.travel_matrix.fingerprint(),
        expected,
        "the matrix stored is not the one written"
    );
    let started = Instant::now();
    let results = appraise::travel::assess(&opened).expect("assess");
    println!(
        "then: open {open_s:.2} s, assess {:.2} s ({} service x mode entries), peak RSS {:.0} MB; the stored matrix is the CSV's, bit for bit",
        started.elapsed().as_secs_f64(),
        results.services.len(),
        memory::peak_rss_mb()
    );
    drop((opened, results));

    pandas(&csv_path, rows, import_s);

    memory::reset_peak_rss();
    let started = Instant::now();
    let rows = row_by_row(&dir.path().join("rows.sqlite"), &csv_path);
    println!(
        "row-by-row SQLite (prepared INSERT per row, one transaction, text keys): {rows} rows in {:.2} s, peak RSS {:.0} MB, file {:.0} MB",
        started.elapsed().as_secs_f64(),
        memory::peak_rss_mb(),
        std::fs::metadata(dir.path().join("rows.sqlite")).map_or(0, |m| m.len()) as f64 / 1e6
    );
}

/// The national matrix CSV (written, or the kept one reused), and the fingerprint of the
/// matrix it holds: the times it was written from, laid out as an import lays them.
fn csv(a: &appraise::Appraisal, dir: &Path) -> (PathBuf, u64) {
    let kept = std::env::var_os("APPRAISE_MATRIX_CSV").map(PathBuf::from);
    let path = kept.clone().unwrap_or_else(|| dir.join("matrix.csv"));
    let write = !kept.is_some_and(|p| p.exists());
    let started = Instant::now();
    let (zp, sp) = national::points(a);
    let mut rng = national::Rng::new(7);
    let mut out = write.then(|| {
        std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(&path).expect("csv"))
    });
    if let Some(out) = &mut out {
        writeln!(out, "zone,site,mode,minutes").expect("write");
    }
    let zone_codes: Vec<String> = (0..national::ZONES).map(national::zone_code).collect();
    let site_codes: Vec<String> = (0..national::SITES).map(national::site_code).collect();
    let block = national::ZONES * national::SITES;
    let mut cells = vec![f32::NAN; block * national::MODES.len()];
    for (z, zone) in zone_codes.iter().enumerate() {
        for (s, site) in site_codes.iter().enumerate() {
            for (m, mode) in national::MODES.into_iter().enumerate() {
                let t = national::minutes(a, &zp, &sp, mode, z, s, &mut rng);
                cells[m * block + s * national::ZONES + z] = t;
                if let Some(out) = &mut out {
                    let name = if mode == TravelMode::Car { "car" } else { "pt" };
                    writeln!(out, "{zone},{site},{name},{t}").expect("write");
                }
            }
        }
    }
    if let Some(mut out) = out {
        out.flush().expect("flush");
        println!(
            "generated {} rows in {:.1} s",
            cells.len(),
            started.elapsed().as_secs_f64()
        );
    }
    let expected = TravelMatrix::new(zone_codes, site_codes, national::MODES.to_vec(), cells)
        .expect("shape")
        .fingerprint();
    (path, expected)
}

/// pandas only reading the same CSV (benches/import_matrix_pandas.py), beside the import.
fn pandas(csv: &Path, rows: u64, import_s: f64) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/import_matrix_pandas.py");
    let Some(out) = python::run("pandas", "pandas", [script.as_os_str(), csv.as_os_str()]) else {
        return;
    };
    let line = out;
    let result: serde_json::Value = serde_json::from_str(line.trim()).expect("a JSON line");
    assert_eq!(result["rows"], rows, "pandas read other rows");
    let seconds = result["seconds"].as_f64().unwrap_or(f64::NAN);
    println!(
        "pandas.read_csv of the same file (reading only): {seconds:.2} s, peak memory {} MB; import-matrix is {:.1}x faster",
        result["peak_mb"],
        seconds / import_s
    );
}

/// The obvious alternative: one row per cell, as the old `travel_times` table held them.
fn row_by_row(db: &std::path::Path, csv_path: &std::path::Path) -> u64 {
    let mut conn = Connection::open(db).expect("db");
    conn.execute_batch(
        "CREATE TABLE travel_times (
            zone TEXT NOT NULL, site TEXT NOT NULL, mode TEXT NOT NULL, minutes REAL NOT NULL,
            PRIMARY KEY (zone, site, mode));",
    )
    .expect("schema");
    let tx = conn.transaction().expect("tx");
    let mut rows = 0u64;
    {
        let mut insert = tx
            .prepare("INSERT INTO travel_times (zone, site, mode, minutes) VALUES (?1, ?2, ?3, ?4)")
            .expect("prepare");
        let mut csv = csv::Reader::from_path(csv_path).expect("csv");
        let mut record = csv::StringRecord::new();
        while csv.read_record(&mut record).expect("row") {
            let minutes: f64 = record[3].parse().expect("minutes");
            insert
                .execute(params![&record[0], &record[1], &record[2], minutes])
                .expect("insert");
            rows += 1;
        }
    }
    tx.commit().expect("commit");
    rows
}
