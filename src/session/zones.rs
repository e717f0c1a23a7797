//! Edits to the population zones (the places travel is measured from): add one, rename it,
//! move it, set its population and deprivation decile, remove one no imported travel time
//! refers to; and a page of them for the window, which never holds a national list at once.

use serde::Serialize;

use super::input::{self, EditError, number, refuse_short};
use super::sites::{self, Coordinate};
use crate::model::{Appraisal, Zone};

/// Most zones one page shows.
pub const PAGE_LIMIT: usize = 200;

fn index(a: &Appraisal, code: &str) -> Result<usize, EditError> {
    input::index(&a.zones, code, format!("zones/{code}"))
}

/// A population as typed: a number of people, more than none.
fn population(field: &str, place: &str, text: &str) -> Result<f64, EditError> {
    let what = format!("The population of {place}");
    let v = number(field, &what, text)?;
    if v <= 0.0 {
        return refuse_short(
            field.to_owned(),
            format!("{what} must be more than 0; it is {v}"),
            "Must be more than 0",
        );
    }
    Ok(v)
}

/// An Index of Multiple Deprivation decile as typed: a whole number from 1 (most deprived)
/// to 10.
fn decile(field: &str, place: &str, text: &str) -> Result<u8, EditError> {
    let what = format!("The IMD decile of {place}");
    let v = number(field, &what, text)?;
    if v.fract() != 0.0 || !(1.0..=10.0).contains(&v) {
        return refuse_short(
            field.to_owned(),
            format!("{what} must be a whole number from 1 (most deprived) to 10; it is {v}"),
            "Must be a whole number from 1 to 10",
        );
    }
    // A whole number from 1 to 10, checked above.
    Ok(v as u8)
}

/// Adds a zone with its population and decile; its coordinates come after (a zone without
/// them takes its times from an imported matrix only).
pub fn add(
    a: &mut Appraisal,
    code: &str,
    name: &str,
    population_text: &str,
    decile_text: &str,
) -> Result<(), EditError> {
    input::new_code(&a.zones, code)?;
    input::new_entry_name::<Zone>(name)?;
    let people = population("zones/new/population", name, population_text)?;
    let imd = decile("zones/new/imd_decile", name, decile_text)?;
    a.zones.push(Zone {
        code: code.to_owned(),
        name: name.to_owned(),
        latitude: None,
        longitude: None,
        population: people,
        imd_decile: imd,
        households: None,
        households_without_car: None,
        sources: None,
    });
    Ok(())
}

pub fn rename(a: &mut Appraisal, code: &str, name: &str) -> Result<(), EditError> {
    let i = index(a, code)?;
    input::new_name::<Zone>(code, name)?;
    a.zones[i].name = name.to_owned();
    Ok(())
}

/// Sets a coordinate in decimal degrees as typed; empty clears it.
pub fn set_coordinate(
    a: &mut Appraisal,
    code: &str,
    which: Coordinate,
    text: &str,
) -> Result<(), EditError> {
    let i = index(a, code)?;
    let field = format!("zones/{code}/{}", which.key());
    let value = sites::coordinate(&field, &a.zones[i].name, which, text)?;
    match which {
        Coordinate::Latitude => a.zones[i].latitude = value,
        Coordinate::Longitude => a.zones[i].longitude = value,
    }
    Ok(())
}

pub fn set_population(a: &mut Appraisal, code: &str, text: &str) -> Result<(), EditError> {
    let i = index(a, code)?;
    let field = format!("zones/{code}/population");
    a.zones[i].population = population(&field, &a.zones[i].name, text)?;
    Ok(())
}

pub fn set_decile(a: &mut Appraisal, code: &str, text: &str) -> Result<(), EditError> {
    let i = index(a, code)?;
    let field = format!("zones/{code}/imd_decile");
    a.zones[i].imd_decile = decile(&field, &a.zones[i].name, text)?;
    Ok(())
}

/// Removes a zone the imported travel matrix has no times from.
pub fn remove(a: &mut Appraisal, code: &str) -> Result<(), EditError> {
    let i = index(a, code)?;
    if a.travel_matrix.zones().iter().any(|z| z == code) {
        return refuse_short(
            format!("zones/{code}"),
            format!(
                "Zone {code} cannot be removed: the imported travel matrix has times from it; import a matrix without it first"
            ),
            "In the travel matrix",
        );
    }
    a.zones.remove(i);
    Ok(())
}

/// One page of the zones whose code or name contains a search text, for the window.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ZonePage {
    pub zones: Vec<Zone>,
    /// Zones matching the search, on every page.
    pub matching: usize,
    /// Zones in the appraisal.
    pub total: usize,
    pub offset: usize,
}

/// The zones matching `search` (code or name, ignoring case; empty matches all) from `offset`,
/// at most `limit` (capped at [`PAGE_LIMIT`]).
pub fn page(a: &Appraisal, search: &str, offset: usize, limit: usize) -> ZonePage {
    let needle = search.trim().to_lowercase();
    let matches = |z: &&Zone| {
        needle.is_empty()
            || z.code.to_lowercase().contains(&needle)
            || z.name.to_lowercase().contains(&needle)
    };
    let matching = a.zones.iter().filter(matches).count();
    let offset = offset.min(matching);
    ZonePage {
        zones: a
            .zones
            .iter()
            .filter(matches)
            .skip(offset)
            .take(limit.min(PAGE_LIMIT))
            .cloned()
            .collect(),
        matching,
        total: a.zones.len(),
        offset,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{TravelMatrix, TravelMode};

    #[test]
    fn a_zone_is_added_placed_and_removed() {
        let mut a = crate::demo::appraisal();
        add(&mut a, "E01000001", "Newtown", "1520", "3").unwrap();
        set_coordinate(&mut a, "E01000001", Coordinate::Latitude, "52.75").unwrap();
        set_coordinate(&mut a, "E01000001", Coordinate::Longitude, "-2.1").unwrap();
        set_population(&mut a, "E01000001", "1600.5").unwrap();
        set_decile(&mut a, "E01000001", " 7 ").unwrap();
        rename(&mut a, "E01000001", "New town").unwrap();
        assert_eq!(
            a.zones.last().unwrap(),
            &Zone {
                code: "E01000001".into(),
                name: "New town".into(),
                latitude: Some(52.75),
                longitude: Some(-2.1),
                population: 1600.5,
                imd_decile: 7,
                households: None,
                households_without_car: None,
                sources: None,
            }
        );
        assert!(crate::validate::integrity(&a).is_empty());
        remove(&mut a, "E01000001").unwrap();
        assert_eq!(a.zones, crate::demo::appraisal().zones);
    }

    #[test]
    fn bad_zone_edits_are_refused_naming_the_field_and_change_nothing() {
        let mut a = crate::demo::appraisal();
        let before = a.clone();
        let z = a.zones[0].clone();
        let e = set_population(&mut a, &z.code, "lots").unwrap_err();
        assert_eq!(e.field, format!("zones/{}/population", z.code));
        assert_eq!(
            e.message,
            format!(
                "The population of {} must be a number, such as 7 or 0.25; \"lots\" is not a number",
                z.name
            )
        );
        let e = set_population(&mut a, &z.code, "0").unwrap_err();
        assert_eq!(e.short, "Must be more than 0");
        for bad in ["0", "11", "2.5"] {
            let e = set_decile(&mut a, &z.code, bad).unwrap_err();
            assert_eq!(e.field, format!("zones/{}/imd_decile", z.code));
            assert_eq!(e.short, "Must be a whole number from 1 to 10");
        }
        let e = set_coordinate(&mut a, &z.code, Coordinate::Latitude, "95").unwrap_err();
        assert_eq!(e.short, "Must be between -90 and 90");
        let e = add(&mut a, &z.code, "Again", "10", "1").unwrap_err();
        assert_eq!(e.field, "zones/new/code");
        let e = add(&mut a, "NEW", "New", "-3", "1").unwrap_err();
        assert_eq!(e.field, "zones/new/population");
        assert_eq!(a, before);

        a.travel_matrix = TravelMatrix::empty(vec![z.code.clone()], vec![], vec![TravelMode::Car]);
        let e = remove(&mut a, &z.code).unwrap_err();
        assert_eq!(e.short, "In the travel matrix");
        assert_eq!(a.zones, before.zones);
    }

    #[test]
    fn pages_of_zones_match_code_or_name() {
        let a = crate::demo::appraisal();
        let all = page(&a, "", 0, 10);
        assert_eq!(
            (all.zones.len(), all.matching, all.total),
            (10.min(a.zones.len()), a.zones.len(), a.zones.len())
        );
        let z = &a.zones[3];
        let found = page(&a, &z.name.to_uppercase(), 0, 50);
        assert!(found.zones.iter().any(|x| x.code == z.code));
        assert!(
            found
                .zones
                .iter()
                .all(|x| x.name.to_lowercase().contains(&z.name.to_lowercase())
                    || x.code.to_lowercase().contains(&z.name.to_lowercase()))
        );
        let rest = page(&a, "", 10, 10);
        assert_eq!(rest.zones[0], a.zones[10]);
        assert_eq!(rest.zones.len(), a.zones.len() - 10);
        assert_eq!(page(&a, "no such place", 0, 10).matching, 0);
        assert_eq!(page(&a, "", 999, 10).offset, a.zones.len());
    }
}
