//! `import-zones` from a generated national set of the official files (benches/common/official.rs:
//! 35,672 centroids, TS001, IoD2025 File 7, TS045 and a 2.7-million-row postcode directory
//! carrying each postcode's LSOA and ICB). Each case builds the zones, puts them in the demo
//! appraisal and saves it, as the command does:
//! - one ICB (the largest, about 1,000 zones) by its local authorities' codes;
//! - the same ICB by its code, through the streamed postcode directory;
//! - all England (33,755 zones) by its 296 local authorities; target: under 10 s;
//! - all England by its 42 ICBs, through the directory.
//!
//! Then the same zones with pandas and pyproj (benches/import_zones_pandas.py, the tools an
//! analyst would otherwise use), on the same files in the same run.
//!
//! Target for every case: peak memory under 500 MB. A plain `main` (harness = false): each case
//! runs three times; the best time and the case's peak resident memory (VmHWM, reset before
//! it) are reported. `APPRAISE_BENCH_SCALE=10` divides the zones and postcodes by 10, to check
//! the logic quickly in a debug build.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test's own

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::time::Instant;

#[path = "common/memory.rs"]
mod memory;
#[path = "common/national.rs"]
mod national;
#[path = "common/official.rs"]
mod official;
#[path = "common/python.rs"]
mod python;

use appraise::model::TravelMatrix;
use appraise::public_data::zones::{self, Area, ZoneFiles};

struct Files {
    centroids: PathBuf,
    residents: PathBuf,
    deprivation: PathBuf,
    cars: PathBuf,
    directory: PathBuf,
}

impl Files {
    fn zone_files(&self) -> ZoneFiles<'_> {
        ZoneFiles {
            centroids: &self.centroids,
            population: &self.residents,
            deprivation: &self.deprivation,
            cars: Some(&self.cars),
            lookup: None,
            postcodes: Some(&self.directory),
        }
    }
}

/// The demo appraisal, without its travel matrix (whose zones would stop them being removed),
/// saved at `file`.
fn demo(file: &Path) {
    let mut a = appraise::demo::appraisal();
    a.travel_matrix = TravelMatrix::default();
    appraise::store::create(file, &a).expect("create");
}

/// Builds `area`'s zones into the appraisal at `file` and saves it, as the command does; the
/// zone codes built.
fn import(files: &Files, area: &Area, file: &Path) -> Vec<String> {
    let built = zones::build(&files.zone_files(), area).expect("build");
    let mut a = appraise::store::open(file).expect("open");
    appraise::public_data::apply::apply(&mut a, &built).expect("apply");
    appraise::store::save(file, &mut a).expect("save");
    built.zones.into_iter().map(|z| z.code).collect()
}

fn main() {
    let scale: usize = std::env::var("APPRAISE_BENCH_SCALE")
        .ok()
        .and_then(|s| s.parse().ok())
        .filter(|s| *s >= 1)
        .unwrap_or(1);
    let dir = tempfile::tempdir().expect("temp dir");
    let started = Instant::now();
    let set = official::National::new(scale);
    let files = Files {
        centroids: dir
            .path()
            .join("LLSOA_Dec_2021_PWC_for_England_and_Wales_2022.csv"),
        residents: dir.path().join("census2021-ts001-lsoa.csv"),
        deprivation: dir
            .path()
            .join("File_7_IoD2025_All_Ranks_Scores_Deciles_Population_Denominators.csv"),
        cars: dir.path().join("census2021-ts045-lsoa.csv"),
        directory: dir.path().join("NSPL_AUG_2025_UK.csv"),
    };
    set.write_centroids(&files.centroids);
    set.write_residents(&files.residents);
    set.write_deprivation(&files.deprivation);
    set.write_cars(&files.cars);
    let postcodes = official::POSTCODES / scale;
    set.write_directory(&files.directory, postcodes, |_| None);
    let size = std::fs::metadata(&files.directory).expect("size").len();
    println!(
        "generated {} zones ({} in England, {} ICBs) and {postcodes} postcodes ({:.2} GB) in {:.1} s",
        set.zones.len(),
        set.english().count(),
        set.icbs.len(),
        size as f64 / 1e9,
        started.elapsed().as_secs_f64()
    );

    let icb = set.largest_icb();
    let icb_codes: Vec<String> = set.zones[icb.zones.clone()]
        .iter()
        .map(|z| z.code.clone())
        .collect();
    let england: Vec<String> = set.english().map(|z| z.code.clone()).collect();
    let cases = [
        (
            format!(
                "one ICB ({}) by its {} local authorities",
                icb.code,
                icb.authorities.len()
            ),
            Area::LocalAuthorities(icb.authorities.clone()),
            &icb_codes,
        ),
        (
            format!("one ICB ({}) through the postcode directory", icb.code),
            Area::Icbs(vec![icb.code.clone()]),
            &icb_codes,
        ),
        (
            format!(
                "all England by its {} local authorities (target: under 10 s)",
                set.english_authorities().len()
            ),
            Area::LocalAuthorities(set.english_authorities()),
            &england,
        ),
        (
            format!(
                "all England by its {} ICBs through the postcode directory",
                set.icbs.len()
            ),
            Area::Icbs(set.icbs.iter().map(|i| i.code.clone()).collect()),
            &england,
        ),
    ];
    for (n, (name, area, expected)) in cases.iter().enumerate() {
        memory::reset_peak_rss();
        let mut best = f64::INFINITY;
        for run in 0..3 {
            let file = dir.path().join(format!("case{n}-{run}.appraisal"));
            demo(&file);
            let started = Instant::now();
            let codes = import(&files, area, &file);
            best = best.min(started.elapsed().as_secs_f64());
            // The same zones whichever way the area is given.
            assert_eq!(&codes, *expected, "{name}");
            std::fs::remove_file(&file).expect("remove");
        }
        println!(
            "appraise import-zones, {name}: {} zones built, saved; best {best:.3} s; peak memory (VmHWM) {:.0} MB (target: under 500 MB)",
            expected.len(),
            memory::peak_rss_mb()
        );
    }
    pandas(dir.path(), &set, england.len());
}

/// The same zones built with pandas and pyproj (benches/import_zones_pandas.py), on the same
/// files: all England by its local authorities, then by its ICBs through the directory.
fn pandas(dir: &Path, set: &official::National, england: usize) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/import_zones_pandas.py");
    let icbs: Vec<&str> = set.icbs.iter().map(|i| i.code.as_str()).collect();
    let started = Instant::now();
    let icbs = icbs.join(",");
    let args = [
        script.as_os_str(),
        dir.as_os_str(),
        OsStr::new("--icbs"),
        OsStr::new(&icbs),
    ];
    let Some(out) = python::run("pandas + pyproj", "pandas pyproj", args) else {
        return;
    };
    let whole = started.elapsed().as_secs_f64();
    for line in out.lines() {
        let case: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
        assert_eq!(case["zones"], england, "pandas built other zones");
        println!(
            "pandas + pyproj, {}: {} zones; {:.3} s; peak memory {} MB",
            case["case"].as_str().unwrap_or("?"),
            case["zones"],
            case["seconds"].as_f64().unwrap_or(f64::NAN),
            case["peak_mb"]
        );
    }
    println!("pandas + pyproj: {whole:.3} s for both cases with Python's start-up and imports");
}
