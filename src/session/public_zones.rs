//! Building the zones from the official files in the window: the files are read (with the
//! step shown, since a national set takes seconds), what would change is previewed, and only
//! then is it committed as one undoable edit. The reading and the change are
//! [`crate::public_data::zones::build`] and [`crate::public_data::apply::apply`], as the
//! command line's `import-zones` uses them.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};

use crate::model::{Appraisal, Zone};
use crate::public_data::apply::{ApplyError, ZoneChanges};
use crate::public_data::zones::{self, Area, AreaError, BuildError, Built, ZoneFiles};

/// The official files the analyst chose, by path.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct PublicZoneFiles {
    /// ONS LSOA 2021 population-weighted centroids.
    pub centroids: PathBuf,
    /// Census TS001, or the ONS mid-year estimates workbook.
    pub population: PathBuf,
    /// IoD2025 File 7 or File 1, or IoD2019 (with `lookup`).
    pub deprivation: PathBuf,
    /// Census TS045, for households without a car.
    pub cars: Option<PathBuf>,
    /// ONS LSOA 2011 to 2021 lookup, for IoD2019.
    pub lookup: Option<PathBuf>,
    /// The ONS postcode directory, for an ICB as the area.
    pub postcodes: Option<PathBuf>,
}

impl PublicZoneFiles {
    /// An optional file left blank in the window is not given.
    fn optional(p: &Option<PathBuf>) -> Option<&Path> {
        p.as_deref().filter(|p| !p.as_os_str().is_empty())
    }

    fn zone_files(&self) -> Result<ZoneFiles<'_>, PublicZonesError> {
        for (what, p) in [
            ("centroids", &self.centroids),
            ("population", &self.population),
            ("deprivation", &self.deprivation),
        ] {
            if p.as_os_str().is_empty() {
                return Err(PublicZonesError::NoFile(what));
            }
        }
        Ok(ZoneFiles {
            centroids: &self.centroids,
            population: &self.population,
            deprivation: &self.deprivation,
            cars: Self::optional(&self.cars),
            lookup: Self::optional(&self.lookup),
            postcodes: Self::optional(&self.postcodes),
        })
    }
}

#[derive(Debug, thiserror::Error)]
pub enum PublicZonesError {
    #[error("choose the {0} file")]
    NoFile(&'static str),
    #[error("the area: {0}")]
    Area(#[from] AreaError),
    #[error(transparent)]
    Build(#[from] BuildError),
    #[error(transparent)]
    Apply(#[from] ApplyError),
    #[error("the official files are already being read: wait for that to finish")]
    Busy,
    #[error("there are no zones built to apply: check the files first")]
    NoPreview,
    #[error("the appraisal has changed since the files were checked: check them again")]
    Stale,
}

/// How many codes of each kind the preview lists.
pub const FIRST: usize = 5;

/// What building the zones would change, for the analyst to see before applying it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ZonePreview {
    /// The area in words, after "the zones": "in local authorities E07000197" or "within 25
    /// km of the sites".
    pub area: String,
    pub added: usize,
    pub updated: usize,
    pub removed: usize,
    pub unchanged: usize,
    /// The first few codes of each, in code order.
    pub first_added: Vec<String>,
    pub first_updated: Vec<String>,
    pub first_removed: Vec<String>,
    pub zones_before: usize,
    pub zones_after: usize,
    pub population_before: f64,
    pub population_after: f64,
    /// Whether the zones will have their households without a car (the car table was read).
    pub households: bool,
    /// Where each value comes from: "What: file, column ...".
    pub sources: Vec<String>,
}

fn first(codes: &[String]) -> Vec<String> {
    let mut codes = codes.to_vec();
    codes.sort();
    codes.truncate(FIRST);
    codes
}

fn population(zones: &[Zone]) -> f64 {
    zones.iter().map(|z| z.population).sum()
}

impl ZonePreview {
    fn of(area: &Area, changes: &ZoneChanges, before: &[Zone], built: &Built) -> ZonePreview {
        let after: f64 = built.zones.iter().map(|z| z.population as f64).sum();
        let s = &built.sources;
        let source = |what: &str, c: &crate::model::FileColumn| {
            format!("{what}: {}, column {}", c.file, c.column)
        };
        let mut sources = vec![
            source("Position", &s.position),
            source("Population", &s.population),
            source("IMD decile", &s.imd_decile),
        ];
        if let Some(h) = &s.households {
            sources.push(source("Households without a car", h));
        }
        ZonePreview {
            area: match area {
                Area::LocalAuthorities(_) | Area::Icbs(_) => format!("in {}", area.describe()),
                Area::Within { .. } => area.describe(),
            },
            added: changes.added.len(),
            updated: changes.updated.len(),
            removed: changes.removed.len(),
            unchanged: changes.unchanged,
            first_added: first(&changes.added),
            first_updated: first(&changes.updated),
            first_removed: first(&changes.removed),
            zones_before: before.len(),
            zones_after: built.zones.len(),
            population_before: population(before),
            population_after: after,
            households: s.households.is_some(),
            sources,
        }
    }
}

/// Zones built and previewed, waiting to be applied; valid only for the revision they were
/// previewed on.
#[derive(Debug, Clone)]
pub struct PendingZones {
    pub revision: u64,
    pub zones: Vec<Zone>,
}

/// How far a build has got: the step and the file it reads, and the bytes read of all the
/// files given.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct BuildView {
    /// 1-based; 0 before the first step.
    pub step: usize,
    pub of: usize,
    /// The step in words, with the file's name.
    pub doing: String,
    /// Bytes read of `total`: the CSV files are counted as they are read; a workbook counts
    /// whole once its step is over.
    pub read: u64,
    pub total: u64,
    pub running: bool,
}

/// Shared between the build and the window's progress polls.
#[derive(Debug, Default)]
pub struct BuildProgress {
    view: Mutex<BuildView>,
    read: Arc<AtomicU64>,
}

fn size(path: &Path) -> u64 {
    std::fs::metadata(path).map_or(0, |m| m.len())
}

impl BuildProgress {
    pub fn view(&self) -> BuildView {
        let mut v = self.view.lock().map(|v| v.clone()).unwrap_or_default();
        v.read = self.read.load(Ordering::Relaxed).min(v.total);
        v
    }

    fn set(&self, f: impl FnOnce(&mut BuildView)) {
        if let Ok(mut v) = self.view.lock() {
            f(&mut v);
        }
    }

    /// Runs `work` (a builder reading `files`) with its steps and bytes shown here; refused
    /// while another build runs, since there is one progress bar.
    pub(super) fn track<T>(
        &self,
        files: &[&Path],
        work: impl FnOnce(&mut dyn FnMut(zones::Step)) -> T,
    ) -> Result<T, PublicZonesError> {
        let mut busy = false;
        self.set(|v| {
            busy = v.running;
            if !busy {
                *v = BuildView {
                    running: true,
                    total: files.iter().map(|p| size(p)).sum(),
                    ..BuildView::default()
                };
            }
        });
        if busy {
            return Err(PublicZonesError::Busy);
        }
        let _running = Running(self);
        self.read.store(0, Ordering::Relaxed);
        // The bytes of the steps before this one, so a file read whole (a workbook) still
        // moves the bar when its step ends.
        let mut done = 0;
        let mut reading: Option<u64> = None;
        let counter = Arc::clone(&self.read);
        Ok(crate::public_data::counting_bytes(counter, || {
            work(&mut |step| {
                done += reading.take().unwrap_or(0);
                reading = step.file.map(size);
                self.read.store(done, Ordering::Relaxed);
                let name = step
                    .file
                    .and_then(Path::file_name)
                    .map(|n| format!(" ({})", n.to_string_lossy()))
                    .unwrap_or_default();
                self.set(|v| {
                    v.step = step.number;
                    v.of = step.of;
                    v.doing = format!("{}{name}", step.what);
                });
            })
        }))
    }
}

/// Clears the running flag however the build ends.
struct Running<'a>(&'a BuildProgress);

impl Drop for Running<'_> {
    fn drop(&mut self) {
        self.0.set(|v| v.running = false);
    }
}

/// The (latitude, longitude) of `a`'s sites that have them: where a distance is measured from.
pub fn site_points(a: &Appraisal) -> Vec<(f64, f64)> {
    a.sites
        .iter()
        .filter_map(|s| Some((s.latitude?, s.longitude?)))
        .collect()
}

/// Reads `files` and builds the zones of the area typed as `area` (measured from `sites`),
/// reporting each step through `progress`. Touches no appraisal, so the caller can run it
/// without holding the open document.
pub fn read(
    files: &PublicZoneFiles,
    area: &str,
    sites: &[(f64, f64)],
    progress: &BuildProgress,
) -> Result<(Area, Built), PublicZonesError> {
    let zone_files = files.zone_files()?;
    let area = Area::parse(area, sites)?;
    let given: Vec<&Path> = [
        Some(zone_files.centroids),
        Some(zone_files.population),
        Some(zone_files.deprivation),
        zone_files.cars,
        zone_files.lookup,
    ]
    .into_iter()
    .flatten()
    .collect();
    let built = progress.track(&given, |report| {
        zones::build_reporting(&zone_files, &area, report)
    })??;
    Ok((area, built))
}

/// What applying `built` to `a` would change, and `a`'s zones as they would then be; `a` is as
/// it was afterwards (refused, with `a` unchanged, if a zone to go has imported travel times).
pub fn preview(
    a: &mut Appraisal,
    area: &Area,
    built: &Built,
) -> Result<(ZonePreview, Vec<Zone>), PublicZonesError> {
    let before = a.zones.clone();
    let changes = crate::public_data::apply::apply(a, built)?;
    let after = std::mem::replace(&mut a.zones, before);
    Ok((ZonePreview::of(area, &changes, &a.zones, built), after))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub const CENTROIDS: &str = "\u{feff}FID,LSOA21CD,GlobalID,x,y
1,E01000001,38ad8fe8-682a-4533-b51a-16c9ca366294,532181.7642,181792.2818
2,E01029001,layout-only,392000.0,323000.0
3,E01029002,layout-only,391500.0,324200.0
4,E01029003,layout-only,393100.0,322400.0
";

    pub const IOD2025: &str = "LSOA code (2021),LSOA name (2021),Local Authority District code (2024),Local Authority District name (2024),Index of Multiple Deprivation (IMD) Score,Index of Multiple Deprivation (IMD) Rank (where 1 is most deprived),Index of Multiple Deprivation (IMD) Decile (where 1 is most deprived 10% of LSO
E01000001,City of London 001A,E09000001,City of London,11.2,26525,8
E01029001,Stafford 001A,E07000197,Stafford,20.0,\"15,000\",5
E01029002,Stafford 001B,E07000197,Stafford,30.0,\"9,000\",3
E01029003,Stafford 001C,E07000197,Stafford,10.0,\"25,000\",8
";

    pub const TS001: &str = "date,geography,geography code,Residence type: Total; measures: Value,Residence type: Lives in a household; measures: Value,Residence type: Lives in a communal establishment; measures: Value
2021,City of London 001A,E01000001,\"1,473\",1458,15
2021,Stafford 001A,E01029001,1500,1490,10
2021,Stafford 001B,E01029002,\"1,620\",1620,0
2021,Stafford 001C,E01029003,1710,1700,10
";

    pub const TS045: &str = "date,geography,geography code,Number of cars or vans: Total: All households,Number of cars or vans: No cars or vans in household,Number of cars or vans: 1 car or van in household,Number of cars or vans: 2 cars or vans in household,Number of cars or vans: 3 or more cars or vans in household
2021,Stafford 001A,E01029001,640,120,300,170,50
2021,Stafford 001B,E01029002,700,210,330,120,40
2021,Stafford 001C,E01029003,720,60,330,250,80
";

    /// Fixture files in `dir`: centroids, IoD2025, TS001 and TS045.
    pub fn files(dir: &Path) -> PublicZoneFiles {
        let write = |name: &str, text: &str| {
            let p = dir.join(name);
            std::fs::write(&p, text).unwrap();
            p
        };
        PublicZoneFiles {
            centroids: write("PWC_2021.csv", CENTROIDS),
            population: write("census2021-ts001-lsoa.csv", TS001),
            deprivation: write("File_7_IoD2025.csv", IOD2025),
            cars: Some(write("census2021-ts045-lsoa.csv", TS045)),
            lookup: Some(PathBuf::new()),
            postcodes: None,
        }
    }

    #[test]
    fn the_steps_are_reported_and_the_area_is_read_as_the_command_line_reads_it() {
        let dir = tempfile::tempdir().unwrap();
        let f = files(dir.path());
        let progress = BuildProgress::default();
        let (area, built) = read(&f, "e07000197", &[], &progress).unwrap();
        assert_eq!(area, Area::LocalAuthorities(vec!["E07000197".into()]));
        assert_eq!(built.zones.len(), 3);
        let v = progress.view();
        assert_eq!((v.step, v.of, v.running), (5, 5, false));
        let total: u64 = [&f.centroids, &f.population, &f.deprivation]
            .iter()
            .chain(f.cars.as_ref().iter())
            .map(|p| std::fs::metadata(p).unwrap().len())
            .sum();
        assert_eq!((v.read, v.total), (total, total), "every byte counted");
        assert_eq!(v.doing, "Placing the zones and choosing the area");

        let e = read(&f, "25km", &[], &progress).unwrap_err();
        assert!(e.to_string().contains("no site has a latitude"), "{e}");
        let e = read(&f, "E10000028", &[], &progress).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("the area: 'E10000028' is not a local authority district code"),
            "{e}"
        );
        // An ICB is an area, found through the postcode directory the window was not given.
        let e = read(&f, "E54000010", &[], &progress).unwrap_err();
        assert!(
            e.to_string().ends_with(
                "give the postcode directory too (--postcodes NSPL.csv on the command line)"
            ),
            "{e}"
        );
        let mut no_centroids = f.clone();
        no_centroids.centroids = PathBuf::new();
        let e = read(&no_centroids, "E07000197", &[], &progress).unwrap_err();
        assert_eq!(e.to_string(), "choose the centroids file");
    }

    #[test]
    fn a_bad_file_is_named_with_its_row_and_column() {
        let dir = tempfile::tempdir().unwrap();
        let mut f = files(dir.path());
        let bad = dir.path().join("ts001-bad.csv");
        std::fs::write(&bad, TS001.replace("1710", "1710.5")).unwrap();
        f.population = bad;
        let e = read(&f, "E07000197", &[], &BuildProgress::default()).unwrap_err();
        let e = e.to_string();
        assert!(e.contains("ts001-bad.csv, row "), "{e}");
        assert!(e.contains("column Residence type: Total"), "{e}");
    }
}
