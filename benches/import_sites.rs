//! `import-sites` of 300 sites against a full-size postcode directory (target: under 15 s and
//! 500 MB peak memory): a generated 2.7-million-row directory in the newer (August 2025) header
//! form, about 0.9 GB, streamed for the 300 sites' postcodes, which are spread through it to
//! its last row (so the read cannot stop early); one in ten has no `lat`/`long` and is placed
//! from its grid reference through OSTN15. The sites come from a generated 20,000-row `ets.csv`
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

const POSTCODES: usize = 2_700_000;
const ODS_ROWS: usize = 20_000;
const SITES: usize = 300;

const HEADER: &str = "pcd7,pcd8,pcds,dointr,doterm,usrtypind,east1m,north1m,gridind,oa21cd,cty25cd,ced25cd,lad25cd,wd25cd,nhser24cd,ctry25cd,rgn25cd,pcon24cd,ttwa15cd,itl25cd,npark16cd,lsoa21cd,msoa21cd,wz11cd,sicbl24cd,bua24cd,ruc21ind,oac11ind,lat,long,lep21cd1,lep21cd2,pfa23cd,imd20ind,icb23cd";

fn letter(i: usize) -> char {
    (b'A' + (i % 26) as u8) as char
}

/// The `i`th generated postcode's outward and inward codes: all distinct.
fn postcode(i: usize) -> (String, String) {
    let (o, k) = (i / 4_000, i % 4_000);
    let outward = format!("{}{}{}", letter(o / 26), letter(o), 1 + o % 9);
    let inward = format!("{}{}{}", k / 676, letter(k / 26), letter(k));
    (outward, inward)
}

/// Directory rows of the wanted sites: evenly spread, the last at the file's last row.
fn wanted_row(site: usize) -> usize {
    (site + 1) * (POSTCODES / SITES) - 1
}

fn write_directory(path: &Path) {
    let mut w = BufWriter::with_capacity(1 << 20, File::create(path).expect("create directory"));
    writeln!(w, "{HEADER}").unwrap();
    for i in 0..POSTCODES {
        let (outward, inward) = postcode(i);
        let east = 300_000 + (i % 2_000) * 100;
        let north = 150_000 + (i / 2_000 % 4_000) * 100;
        let (lat, long) = if i % (10 * (POSTCODES / SITES)) == POSTCODES / SITES - 1 {
            // One wanted site in ten: no lat/long, placed from the grid.
            (String::new(), String::new())
        } else {
            (
                format!("{:.6}", 50.5 + (i / 2_000 % 4_000) as f64 * 0.0009),
                format!("{:.6}", -4.0 + (i % 2_000) as f64 * 0.0014),
            )
        };
        writeln!(
            w,
            "\"{outward:<4}{inward}\",\"{outward:<5}{inward}\",\"{outward} {inward}\",\"198001\",\"\",\"0\",\"{east}\",\"{north}\",\"1\",\"E00139875\",\"E99999999\",\"E99999999\",\"E06000057\",\"E05016114\",\"E40000012\",\"E92000001\",\"E12000001\",\"E14001285\",\"E30000064\",\"E06000057\",\"E65000001\",\"E01027484\",\"E02005728\",\"E33002161\",\"E38000130\",\"E63999999\",\"RSN1\",\"1B1\",{lat},{long},\"E37000025\",\"\",\"E23000007\",17158,\"E54000050\""
        )
        .unwrap();
    }
    w.flush().unwrap();
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

/// The process's peak resident memory, from /proc/self/status (Linux).
fn peak_memory() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(|l| l.trim_start_matches("VmHWM:").trim().to_owned())
        })
        .unwrap_or_else(|| "unknown".to_owned())
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (directory, ets) = (dir.path().join("NSPL.csv"), dir.path().join("ets.csv"));
    let started = Instant::now();
    write_directory(&directory);
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
        "appraise import-sites, {SITES} sites against {POSTCODES} postcodes, streamed, merged and saved: best {best:.3} s; peak memory (VmHWM) {}",
        peak_memory()
    );
}
