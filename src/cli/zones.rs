//! `appraise import-zones`: an appraisal's zones from the official files.

use std::path::{Path, PathBuf};

use appraise::public_data::apply::{self, ZoneChanges};
use appraise::public_data::zones::{self, Area, ZoneFiles};
use appraise::store;

use super::CliError;

/// The files named on the command line.
pub struct Files {
    pub centroids: PathBuf,
    pub population: PathBuf,
    pub deprivation: PathBuf,
    pub cars: Option<PathBuf>,
    pub lookup: Option<PathBuf>,
    /// The ONS postcode directory: needed for an ICB area.
    pub postcodes: Option<PathBuf>,
}

/// `--area`: local authority codes (`E07000197,E07000192`), ICB codes (`E54000050`), or a
/// distance of the appraisal's sites (`25km`). Local authority and ICB codes are not mixed:
/// an ICB's zones are whole LSOAs by the postcode directory, a local authority's by the
/// deprivation file, and a union of the two would hide which file chose a zone.
fn area(text: &str, a: &appraise::Appraisal, file: &Path) -> Result<Area, CliError> {
    let bad = |reason: String| CliError::Area {
        path: file.to_owned(),
        reason,
    };
    let text = text.trim();
    if let Some(km) = text.strip_suffix("km") {
        let km: f64 = km
            .trim()
            .parse()
            .ok()
            .filter(|k: &f64| k.is_finite() && *k > 0.0 && *k <= 1_000.0)
            .ok_or_else(|| bad(format!("'{text}' is not a distance from 0 to 1000 km")))?;
        let points: Vec<(f64, f64)> = a
            .sites
            .iter()
            .filter_map(|s| Some((s.latitude?, s.longitude?)))
            .collect();
        if points.is_empty() {
            return Err(bad(
                "no site has a latitude and longitude to measure the distance from".to_owned(),
            ));
        }
        return Ok(Area::Within { points, km });
    }
    let codes: Vec<String> = text
        .split(',')
        .map(|c| c.trim().to_uppercase())
        .filter(|c| !c.is_empty())
        .collect();
    if let Some(c) = codes.iter().find(|c| !is_local_authority(c) && !is_icb(c)) {
        return Err(bad(format!(
            "'{}' is not a local authority district code (E06, E07, E08, E09 or W06 and six digits), an ICB code (E54 and six digits) or a distance such as 25km",
            appraise::quote::shorten(c)
        )));
    }
    match codes.iter().filter(|c| is_icb(c)).count() {
        _ if codes.is_empty() => Err(bad("no area given".to_owned())),
        0 => Ok(Area::LocalAuthorities(codes)),
        n if n == codes.len() => Ok(Area::Icbs(codes)),
        _ => Err(bad(
            "give local authority codes or ICB codes, not both".to_owned()
        )),
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

/// Builds the zones of `area_text` and saves them into `file` in one transaction.
pub fn run(file: &Path, files: &Files, area_text: &str) -> Result<ZoneChanges, CliError> {
    let mut a = store::open(file)?;
    let area = area(area_text, &a, file)?;
    let built = zones::build(
        &ZoneFiles {
            centroids: &files.centroids,
            population: &files.population,
            deprivation: &files.deprivation,
            cars: files.cars.as_deref(),
            lookup: files.lookup.as_deref(),
            postcodes: files.postcodes.as_deref(),
        },
        &area,
    )?;
    let changes = apply::apply(&mut a, &built).map_err(|source| CliError::ZonesApply {
        path: file.to_owned(),
        source,
    })?;
    store::save(file, &mut a)?;
    Ok(changes)
}

pub fn render(file: &Path, c: &ZoneChanges) -> String {
    format!(
        "zones of {}: {} added, {} updated, {} removed, {} unchanged\n",
        file.display(),
        c.added.len(),
        c.updated.len(),
        c.removed.len(),
        c.unchanged
    )
}
