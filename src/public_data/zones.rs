//! Building an appraisal's population zones from the official files: each LSOA of the chosen
//! area with its centroid (converted from the British National Grid), usual residents, IMD
//! decile and, where the car table is given, its households and those without a car; every
//! value with the file and column it came from.

use std::collections::HashMap;
use std::path::Path;

use rustc_hash::FxHashSet;

use super::centroids::{self, Geography};
use super::lookup::{self, Lookup};
use super::{PublicDataError, census, deprivation, grid, postcodes};
use crate::model::ZoneSources;
use crate::travel::estimate::{Point, great_circle_km};

/// The files a build reads.
#[derive(Debug, Clone, Copy)]
pub struct ZoneFiles<'a> {
    pub centroids: &'a Path,
    /// Census TS001, or the ONS mid-year estimates workbook (`.xlsx`).
    pub population: &'a Path,
    /// IoD2025 (2021 codes) or IoD2019 (2011 codes, which needs `lookup`).
    pub deprivation: &'a Path,
    /// Census TS045.
    pub cars: Option<&'a Path>,
    /// ONS LSOA 2011 to 2021 lookup.
    pub lookup: Option<&'a Path>,
    /// The ONS postcode directory (ONSPD or NSPL), which alone links LSOAs to ICBs: needed
    /// for an [`Area::Icbs`], streamed once.
    pub postcodes: Option<&'a Path>,
}

/// Which zones to keep.
#[derive(Debug, Clone, PartialEq)]
pub enum Area {
    /// Zones in any of these local authority districts (codes such as E07000197).
    LocalAuthorities(Vec<String>),
    /// Zones of these Integrated Care Boards (codes such as E54000050): the LSOAs the postcode
    /// directory places in them, each LSOA in the ICB holding most of its postcodes (see
    /// [`postcodes::lsoas_in_icbs`]).
    Icbs(Vec<String>),
    /// Zones whose centroid lies within `km` of any of these (latitude, longitude) points.
    Within { points: Vec<(f64, f64)>, km: f64 },
}

/// Why the area as typed (on the command line or in the window) selects no zones.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{0}")]
pub struct AreaError(pub String);

impl Area {
    /// Reads the area as the analyst types it: local authority codes (`E07000197,E07000192`),
    /// ICB codes (`E54000050`), or a distance of the appraisal's sites (`25km`), measured from
    /// `sites` (latitude, longitude). One reading for the command line and the window, so both
    /// accept the same. Local authority and ICB codes are not mixed: an ICB's zones are whole
    /// LSOAs by the postcode directory, a local authority's by the deprivation file, and a union
    /// of the two would hide which file chose a zone.
    pub fn parse(text: &str, sites: &[(f64, f64)]) -> Result<Area, AreaError> {
        let text = text.trim();
        if let Some(km) = text.strip_suffix("km").or_else(|| text.strip_suffix("KM")) {
            let km: f64 = km
                .trim()
                .parse()
                .ok()
                .filter(|k: &f64| k.is_finite() && *k > 0.0 && *k <= 1_000.0)
                .ok_or_else(|| {
                    AreaError(format!("'{text}' is not a distance from 0 to 1000 km"))
                })?;
            if sites.is_empty() {
                return Err(AreaError(
                    "no site has a latitude and longitude to measure the distance from".to_owned(),
                ));
            }
            return Ok(Area::Within {
                points: sites.to_vec(),
                km,
            });
        }
        let codes: Vec<String> = text
            .split(',')
            .map(|c| c.trim().to_uppercase())
            .filter(|c| !c.is_empty())
            .collect();
        if let Some(c) = codes.iter().find(|c| !is_local_authority(c) && !is_icb(c)) {
            return Err(AreaError(format!(
                "'{}' is not a local authority district code (E06, E07, E08, E09 or W06 and six digits), an ICB code (E54 and six digits) or a distance such as 25km",
                crate::quote::shorten(c)
            )));
        }
        match codes.iter().filter(|c| is_icb(c)).count() {
            _ if codes.is_empty() => Err(AreaError("no area given".to_owned())),
            0 => Ok(Area::LocalAuthorities(codes)),
            n if n == codes.len() => Ok(Area::Icbs(codes)),
            _ => Err(AreaError(
                "give local authority codes or ICB codes, not both".to_owned(),
            )),
        }
    }

    /// The area in words, for a heading or a message.
    pub fn describe(&self) -> String {
        match self {
            Area::LocalAuthorities(codes) => format!("local authorities {}", codes.join(", ")),
            Area::Icbs(codes) => format!("ICB {}", codes.join(", ")),
            Area::Within { km, .. } => format!("within {km} km of the sites"),
        }
    }
}

/// An Integrated Care Board code (E54000050).
fn is_icb(code: &str) -> bool {
    code.len() == 9 && code.starts_with("E54") && code[3..].bytes().all(|b| b.is_ascii_digit())
}

fn is_local_authority(code: &str) -> bool {
    code.len() == 9
        && ["E06", "E07", "E08", "E09", "W06"]
            .iter()
            .any(|p| code.starts_with(p))
        && code[3..].bytes().all(|b| b.is_ascii_digit())
}

/// A zone as the official files describe it.
#[derive(Debug, Clone, PartialEq)]
pub struct BuiltZone {
    pub code: String,
    pub name: String,
    pub latitude: f64,
    pub longitude: f64,
    pub population: u64,
    pub imd_decile: u8,
    pub households: Option<u64>,
    pub households_without_car: Option<u64>,
    pub local_authority: String,
}

#[derive(Debug, Clone)]
pub struct Built {
    pub zones: Vec<BuiltZone>,
    pub sources: ZoneSources,
}

/// Why zones could not be built from files that each read well.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error(transparent)]
    File(#[from] PublicDataError),
    #[error("{}: {count} zones of the area are not in it: {listed}", path.display())]
    Missing {
        path: std::path::PathBuf,
        count: usize,
        listed: String,
    },
    #[error(
        "{}: the deprivation file is on LSOA 2011 codes (IoD2019); give the ONS LSOA 2011 to 2021 lookup with --lookup to join it to 2021 zones",
        path.display()
    )]
    NeedsLookup { path: std::path::PathBuf },
    #[error("the centroids file is on LSOA 2011 codes: use the December 2021 centroids")]
    OldCentroids,
    #[error(
        "ICB {0}: an ICB's zones are found through the ONS postcode directory, which gives each postcode's LSOA and ICB: give the postcode directory too (--postcodes NSPL.csv on the command line)"
    )]
    NeedsPostcodes(String),
    #[error("no postcode of {} is in ICB {icbs}", path.display())]
    NoPostcodeInIcb {
        path: std::path::PathBuf,
        icbs: String,
    },
    #[error("no zone lies in the area ({0})")]
    EmptyArea(String),
    #[error("zone {code}: {source}")]
    Grid {
        code: String,
        source: grid::GridError,
    },
}

/// Codes listed in a message: the first ten, and how many more.
fn listing(codes: &[String]) -> String {
    let shown = codes
        .iter()
        .take(10)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if codes.len() > 10 {
        format!("{shown} and {} more", codes.len() - 10)
    } else {
        shown
    }
}

fn missing(path: &Path, mut codes: Vec<String>) -> Result<(), BuildError> {
    if codes.is_empty() {
        return Ok(());
    }
    codes.sort();
    Err(BuildError::Missing {
        path: path.to_owned(),
        count: codes.len(),
        listed: listing(&codes),
    })
}

/// Great-circle distance in km between two (latitude, longitude) points, as the travel
/// estimate measures it.
pub fn distance_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    great_circle_km(Point::new(a.0, a.1), Point::new(b.0, b.1))
}

/// Each 2021 zone's decile: directly from IoD2025, or through the lookup from IoD2019. A 2021
/// zone made of several 2011 zones takes the most deprived of their deciles, so a merge never
/// hides deprivation from the equality analysis.
fn deciles(
    files: &ZoneFiles,
    d: &deprivation::Deprivation,
    lookup: Option<&Lookup>,
    codes: &[&str],
) -> Result<HashMap<String, (u8, String)>, BuildError> {
    let mut out = HashMap::new();
    let mut absent = Vec::new();
    for &code in codes {
        let entry = match (d.geography, lookup) {
            (Geography::Lsoa2021, _) => d
                .by_code
                .get(code)
                .map(|e| (e.decile, e.local_authority.clone())),
            (Geography::Lsoa2011, Some(l)) => l.from_2011.get(code).and_then(|olds| {
                let found: Vec<&deprivation::Entry> =
                    olds.iter().filter_map(|o| d.by_code.get(o)).collect();
                let decile = found.iter().map(|e| e.decile).min()?;
                let la = l.local_authority.get(code).cloned().unwrap_or_default();
                Some((decile, la))
            }),
            (Geography::Lsoa2011, None) => {
                return Err(BuildError::NeedsLookup {
                    path: files.deprivation.to_owned(),
                });
            }
        };
        match entry {
            Some(e) => {
                out.insert(code.to_owned(), e);
            }
            None => absent.push(code.to_owned()),
        }
    }
    missing(files.deprivation, absent)?;
    Ok(out)
}

/// The step a build is on, for a window that shows how far it has got: the readers take each
/// file whole, so the step (and its file) is what can be told honestly.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Step<'a> {
    /// 1-based.
    pub number: usize,
    pub of: usize,
    pub what: &'static str,
    /// The file read at this step, if it reads one.
    pub file: Option<&'a Path>,
}

/// Builds the zones of `area` from `files`. Every zone of the area must be in every file;
/// otherwise the codes missing from each are listed, with their count.
pub fn build(files: &ZoneFiles, area: &Area) -> Result<Built, BuildError> {
    build_reporting(files, area, &mut |_| {})
}

/// [`build`], calling `report` as each step starts.
pub fn build_reporting(
    files: &ZoneFiles,
    area: &Area,
    report: &mut dyn FnMut(Step),
) -> Result<Built, BuildError> {
    let directory = match (area, files.postcodes) {
        (Area::Icbs(icbs), None) => return Err(BuildError::NeedsPostcodes(icbs.join(", "))),
        (Area::Icbs(_), Some(path)) => Some(path),
        _ => None,
    };
    let of = 4
        + usize::from(files.lookup.is_some())
        + usize::from(files.cars.is_some())
        + usize::from(directory.is_some());
    let mut number = 0;
    let mut step = |what: &'static str, file: Option<&Path>| {
        number += 1;
        report(Step {
            number,
            of,
            what,
            file,
        });
    };
    step("Reading the centroids", Some(files.centroids));
    let centroids = centroids::read(files.centroids)?;
    if centroids.geography == Geography::Lsoa2011 {
        return Err(BuildError::OldCentroids);
    }
    step("Reading the deprivation file", Some(files.deprivation));
    let deprivation = deprivation::read(files.deprivation)?;
    if let Some(path) = files.lookup {
        step("Reading the 2011 to 2021 lookup", Some(path));
    }
    let lookup = files.lookup.map(lookup::read).transpose()?;
    if deprivation.geography == Geography::Lsoa2011 && lookup.is_none() {
        return Err(BuildError::NeedsLookup {
            path: files.deprivation.to_owned(),
        });
    }
    step("Reading the population", Some(files.population));
    let population = census::population(files.population)?;
    if let Some(path) = files.cars {
        step("Reading the car availability table", Some(path));
    }
    let cars = files.cars.map(census::car_availability).transpose()?;
    // The directory last: the largest file by far, read once the others are known good.
    let icb_lsoas: Option<FxHashSet<String>> = match (area, directory) {
        (Area::Icbs(icbs), Some(path)) => {
            step("Reading the postcode directory", Some(path));
            let found = postcodes::lsoas_in_icbs(path, icbs)?;
            if !found.without_postcodes.is_empty() {
                return Err(BuildError::NoPostcodeInIcb {
                    path: path.to_owned(),
                    icbs: found.without_postcodes.join(", "),
                });
            }
            let known: FxHashSet<&str> = centroids.rows.iter().map(|c| c.code.as_str()).collect();
            missing(
                files.centroids,
                found
                    .lsoas
                    .iter()
                    .filter(|l| !known.contains(l.as_str()))
                    .cloned()
                    .collect(),
            )?;
            Some(found.lsoas.into_iter().collect())
        }
        _ => None,
    };
    let local_authorities: FxHashSet<String> = match area {
        Area::LocalAuthorities(codes) => codes.iter().map(|c| c.to_ascii_uppercase()).collect(),
        _ => FxHashSet::default(),
    };
    step("Placing the zones and choosing the area", None);

    // Place every centroid once; the area is chosen on local authority, ICB or distance.
    let mut placed = Vec::with_capacity(centroids.rows.len());
    for c in &centroids.rows {
        let (latitude, longitude) =
            grid::to_latitude_longitude(c.easting, c.northing).map_err(|source| {
                BuildError::Grid {
                    code: c.code.clone(),
                    source,
                }
            })?;
        placed.push((c, latitude, longitude));
    }
    let la_of = |code: &str| -> Option<String> {
        match deprivation.geography {
            Geography::Lsoa2021 => deprivation
                .by_code
                .get(code)
                .map(|e| e.local_authority.clone()),
            Geography::Lsoa2011 => lookup
                .as_ref()
                .and_then(|l| l.local_authority.get(code).cloned()),
        }
    };
    let chosen: Vec<_> = placed
        .into_iter()
        .filter(|(c, lat, lon)| match area {
            Area::LocalAuthorities(_) => la_of(&c.code)
                .is_some_and(|la| local_authorities.contains(&la.to_ascii_uppercase())),
            Area::Icbs(_) => icb_lsoas
                .as_ref()
                .is_some_and(|lsoas| lsoas.contains(&c.code)),
            Area::Within { points, km } => {
                points.iter().any(|p| distance_km(*p, (*lat, *lon)) <= *km)
            }
        })
        .collect();
    if chosen.is_empty() {
        return Err(BuildError::EmptyArea(area.describe()));
    }
    let codes: Vec<&str> = chosen.iter().map(|(c, _, _)| c.code.as_str()).collect();
    let deciles = deciles(files, &deprivation, lookup.as_ref(), &codes)?;
    missing(
        files.population,
        codes
            .iter()
            .filter(|c| !population.by_code.contains_key(**c))
            .map(|c| (*c).to_owned())
            .collect(),
    )?;
    if let (Some(path), Some(cars)) = (files.cars, &cars) {
        missing(
            path,
            codes
                .iter()
                .filter(|c| !cars.by_code.contains_key(**c))
                .map(|c| (*c).to_owned())
                .collect(),
        )?;
    }

    let mut zones = Vec::with_capacity(chosen.len());
    for (c, latitude, longitude) in chosen {
        let (imd_decile, local_authority) = deciles[&c.code].clone();
        let name = match deprivation.geography {
            Geography::Lsoa2021 => deprivation.by_code.get(&c.code).map(|e| e.name.clone()),
            Geography::Lsoa2011 => None,
        }
        .or_else(|| c.name.clone())
        .unwrap_or_else(|| c.code.clone());
        let household = cars.as_ref().and_then(|t| t.by_code.get(&c.code));
        zones.push(BuiltZone {
            code: c.code.clone(),
            name,
            latitude,
            longitude,
            population: population.by_code[&c.code][0],
            imd_decile,
            households: household.map(|v| v[0]),
            households_without_car: household.map(|v| v[1]),
            local_authority,
        });
    }
    zones.sort_by(|a, b| a.code.cmp(&b.code));
    Ok(Built {
        zones,
        sources: ZoneSources {
            position: centroids.position,
            population: population.columns[0].clone(),
            imd_decile: deprivation.decile,
            households: cars.map(|t| t.columns[1].clone()),
        },
    })
}
