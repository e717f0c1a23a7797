//! Putting zones built from the official files into an appraisal: the area's zones are added
//! or refreshed, and zones outside it removed, in one change the caller saves or undoes whole.

use std::collections::{HashMap, HashSet};

use crate::model::{Appraisal, Zone};

use super::zones::Built;

/// What putting built zones in place changes, by zone code.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct ZoneChanges {
    pub added: Vec<String>,
    pub updated: Vec<String>,
    pub removed: Vec<String>,
    pub unchanged: usize,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ApplyError {
    #[error(
        "{count} zones outside the area have travel times in the imported travel matrix ({listed}): import a matrix without them first, or widen the area"
    )]
    InMatrix { count: usize, listed: String },
}

/// Replaces `a`'s zones with `built`'s (in code order), keeping nothing of a refreshed zone but
/// its code; refused, with `a` unchanged, if a zone to be removed has travel times.
pub fn apply(a: &mut Appraisal, built: &Built) -> Result<ZoneChanges, ApplyError> {
    let zones: Vec<Zone> = built
        .zones
        .iter()
        .map(|z| Zone {
            code: z.code.clone(),
            name: z.name.clone(),
            latitude: Some(z.latitude),
            longitude: Some(z.longitude),
            population: z.population as f64,
            imd_decile: z.imd_decile,
            households: z.households.map(|h| h as f64),
            households_without_car: z.households_without_car.map(|h| h as f64),
            sources: Some(built.sources.clone()),
        })
        .collect();
    let mut changes = ZoneChanges::default();
    let old: HashMap<&str, &Zone> = a.zones.iter().map(|z| (z.code.as_str(), z)).collect();
    let new: HashSet<&str> = zones.iter().map(|z| z.code.as_str()).collect();
    for z in &zones {
        match old.get(z.code.as_str()).copied() {
            None => changes.added.push(z.code.clone()),
            Some(old) if old == z => changes.unchanged += 1,
            Some(_) => changes.updated.push(z.code.clone()),
        }
    }
    changes.removed = a
        .zones
        .iter()
        .filter(|old| !new.contains(old.code.as_str()))
        .map(|old| old.code.clone())
        .collect();
    let in_matrix: HashSet<&str> = a.travel_matrix.zones().iter().map(String::as_str).collect();
    let timed: Vec<&String> = changes
        .removed
        .iter()
        .filter(|code| in_matrix.contains(code.as_str()))
        .collect();
    if !timed.is_empty() {
        let shown: Vec<&str> = timed.iter().take(10).map(|c| c.as_str()).collect();
        return Err(ApplyError::InMatrix {
            count: timed.len(),
            listed: shown.join(", "),
        });
    }
    a.zones = zones;
    Ok(changes)
}
