//! `import-matrix` at national scale, end to end: a generated 21-million-row CSV (35,000 zones x
//! 300 sites x 2 modes) into an appraisal file, by `appraise::travel::import::import_matrix`.
//! Target: under 15 s and 500 MB. For comparison, in the same run, what a user would otherwise
//! do: load the same CSV into SQLite row by row with prepared inserts in one transaction (the
//! old `travel_times` layout, text keys). Prints seconds and peak resident memory (VmHWM) of
//! each, and the time to open the imported file and assess travel on it.
//!
//! A plain `main` (harness = false): each step runs once, as a user would run it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test's own

use std::io::Write;
use std::time::Instant;

use appraise::model::TravelMode;
use rusqlite::{Connection, params};

#[path = "common/memory.rs"]
mod memory;
#[path = "common/national.rs"]
mod national;

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let csv_path = dir.path().join("matrix.csv");
    let file = dir.path().join("national.appraisal");

    let a = national::appraisal();
    appraise::store::create(&file, &a).expect("create");
    let started = Instant::now();
    let (zp, sp) = national::points(&a);
    let mut rng = national::Rng::new(7);
    let mut out =
        std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(&csv_path).expect("csv"));
    writeln!(out, "zone,site,mode,minutes").expect("write");
    let zone_codes: Vec<String> = (0..national::ZONES).map(national::zone_code).collect();
    let site_codes: Vec<String> = (0..national::SITES).map(national::site_code).collect();
    let mut rows = 0u64;
    for (z, zone) in zone_codes.iter().enumerate() {
        for (s, site) in site_codes.iter().enumerate() {
            for mode in national::MODES {
                let t = national::minutes(&a, &zp, &sp, mode, z, s, &mut rng);
                let name = if mode == TravelMode::Car { "car" } else { "pt" };
                writeln!(out, "{zone},{site},{name},{t}").expect("write");
                rows += 1;
            }
        }
    }
    out.flush().expect("flush");
    drop(out);
    let csv_bytes = std::fs::metadata(&csv_path).map_or(0, |m| m.len());
    println!(
        "generated {rows} rows, {:.0} MB of CSV, in {:.1} s",
        csv_bytes as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    drop(a);

    memory::reset_peak_rss();
    let started = Instant::now();
    let imported = appraise::travel::import::import_matrix(&file, &csv_path).expect("import");
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "import-matrix: {} rows in {seconds:.2} s, peak RSS {:.0} MB, file {:.0} MB, audit entry: {}",
        imported.rows,
        memory::peak_rss_mb(),
        std::fs::metadata(&file).map_or(0, |m| m.len()) as f64 / 1e6,
        imported
            .audit
            .as_ref()
            .and_then(|e| e.new.clone())
            .unwrap_or_default()
    );

    // Again over the stored matrix: the old one is read for the audit entry; unchanged here,
    // so nothing is written.
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
    let started = Instant::now();
    let results = appraise::travel::assess(&opened).expect("assess");
    println!(
        "then: open {open_s:.2} s, assess {:.2} s ({} service x mode entries), peak RSS {:.0} MB",
        started.elapsed().as_secs_f64(),
        results.services.len(),
        memory::peak_rss_mb()
    );
    drop((opened, results));

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
