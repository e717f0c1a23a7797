//! `appraise import-zones`: an appraisal's zones from the official files.

use std::path::Path;

use appraise::public_data::apply::{self, ZoneChanges};
use appraise::public_data::zones::{self, Area, ZoneFiles};
use appraise::store;

use super::CliError;

/// `--area` (see [`Area::parse`]), measured from the appraisal's sites when it is a distance.
fn area(text: &str, a: &appraise::Appraisal, file: &Path) -> Result<Area, CliError> {
    let sites: Vec<(f64, f64)> = a
        .sites
        .iter()
        .filter_map(|s| Some((s.latitude?, s.longitude?)))
        .collect();
    Area::parse(text, &sites).map_err(|e| CliError::Area {
        path: file.to_owned(),
        reason: e.0,
    })
}

/// Builds the zones of `area_text` and saves them into `file` in one transaction.
pub fn run(file: &Path, files: &ZoneFiles, area_text: &str) -> Result<ZoneChanges, CliError> {
    let mut a = store::open(file)?;
    let area = area(area_text, &a, file)?;
    let built = zones::build(files, &area)?;
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
