//! `import-xlsx` of a 100,000-row sheet (target: under 3 s): a Travel sheet of 6,250 zones x
//! 8 sites x 2 modes, read, checked row by row and saved in one transaction. For comparison, in
//! the same run, what an analyst would otherwise script: openpyxl (read-only mode) loading the
//! same sheet's rows in Python, with no checking and no saving (skipped if openpyxl is missing).
//!
//! A plain `main` (harness = false): each step runs three times; the best is reported.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test's own

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use appraise::model::{TravelMatrix, TravelMode};
use rust_xlsxwriter::Workbook;

#[path = "common/zones.rs"]
mod zones;

const ZONES: usize = 6_250;

fn workbook(a: &appraise::Appraisal, path: &Path) {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("Travel").expect("name");
    for (c, h) in ["zone", "site", "mode", "minutes"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).expect("header");
    }
    let mut row = 1u32;
    for (z, zone) in a.zones.iter().enumerate() {
        for (s, site) in a.sites.iter().enumerate() {
            for mode in ["car", "public_transport"] {
                ws.write_string(row, 0, &zone.code).expect("cell");
                ws.write_string(row, 1, &site.code).expect("cell");
                ws.write_string(row, 2, mode).expect("cell");
                ws.write_number(row, 3, 5.0 + ((z * 7 + s * 13) % 90) as f64 * 0.5)
                    .expect("cell");
                row += 1;
            }
        }
    }
    book.save(path).expect("save workbook");
    println!("wrote {} rows to {}", row - 1, path.display());
}

/// Peak resident memory of this process so far, in MB (VmHWM).
fn peak_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let xlsx = dir.path().join("travel.xlsx");
    let mut a = appraise::demo::appraisal();
    a.zones = zones::grid(ZONES);
    a.travel_matrix = TravelMatrix::default();
    workbook(&a, &xlsx);
    let mut best = f64::INFINITY;
    for run in 0..3 {
        let file = dir.path().join(format!("a{run}.appraisal"));
        appraise::store::create(&file, &a).expect("create");
        let started = Instant::now();
        let done = appraise::sheets::import_xlsx(&file, &xlsx).expect("import");
        let secs = started.elapsed().as_secs_f64();
        best = best.min(secs);
        assert_eq!(done.applied.rows, vec![("Travel".to_owned(), 100_000)]);
        let m = appraise::store::open(&file).expect("open").travel_matrix;
        assert_eq!(m.values(), 100_000);
        assert_eq!(m.modes(), TravelMode::ALL);
    }
    println!(
        "appraise import-xlsx, 100,000 rows read, checked and saved: best {best:.3} s; peak memory {:.0} MB",
        peak_mb()
    );
    let script = r#"
import sys, time
from openpyxl import load_workbook
best = float("inf")
for _ in range(3):
    t = time.perf_counter()
    ws = load_workbook(sys.argv[1], read_only=True)["Travel"]
    rows = [r for r in ws.iter_rows(min_row=2, values_only=True)]
    best = min(best, time.perf_counter() - t)
    assert len(rows) == 100000
print(f"openpyxl {__import__('openpyxl').__version__} read-only, 100,000 rows loaded (no checks, no save): best {best:.3} s")
"#;
    match Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(&xlsx)
        .output()
    {
        Ok(out) if out.status.success() => print!("{}", String::from_utf8_lossy(&out.stdout)),
        Ok(out) => println!(
            "openpyxl comparison skipped: {}",
            String::from_utf8_lossy(&out.stderr)
                .lines()
                .last()
                .unwrap_or("")
        ),
        Err(e) => println!("openpyxl comparison skipped: {e}"),
    }
}
