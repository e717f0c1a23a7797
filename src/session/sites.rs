//! Edits to the hospital sites: add one for an organisation, rename it, move it (latitude and
//! longitude as typed), change which organisation runs it and which services it offers today,
//! and remove one that no option or imported travel time still refers to.

use serde::{Deserialize, Serialize};

use super::input::{self, EditError, number, refuse_short};
use crate::model::{Appraisal, Site};

/// Which of a site's coordinates an edit sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Coordinate {
    Latitude,
    Longitude,
}

impl Coordinate {
    pub(super) fn key(self) -> &'static str {
        match self {
            Coordinate::Latitude => "latitude",
            Coordinate::Longitude => "longitude",
        }
    }

    /// Degrees either side of zero a coordinate can take.
    fn limit(self) -> f64 {
        match self {
            Coordinate::Latitude => 90.0,
            Coordinate::Longitude => 180.0,
        }
    }
}

fn index(a: &Appraisal, code: &str) -> Result<usize, EditError> {
    input::index(&a.sites, code, format!("sites/{code}"))
}

fn organisation(a: &Appraisal, field: String, code: &str) -> Result<(), EditError> {
    if a.organisations.iter().any(|o| o.code == code) {
        Ok(())
    } else {
        refuse_short(
            field,
            format!("There is no organisation \"{code}\" to run the site"),
            "Choose an organisation",
        )
    }
}

/// Adds a site run by `org`, with no coordinates and no services yet.
pub fn add(a: &mut Appraisal, code: &str, name: &str, org: &str) -> Result<(), EditError> {
    input::new_code(&a.sites, code)?;
    input::new_entry_name::<Site>(name)?;
    organisation(a, "sites/new/organisation".to_owned(), org)?;
    a.sites.push(Site {
        code: code.to_owned(),
        name: name.to_owned(),
        organisation: org.to_owned(),
        latitude: None,
        longitude: None,
        services: Vec::new(),
        postcode: None,
    });
    Ok(())
}

pub fn rename(a: &mut Appraisal, code: &str, name: &str) -> Result<(), EditError> {
    let i = index(a, code)?;
    input::new_name::<Site>(code, name)?;
    a.sites[i].name = name.to_owned();
    Ok(())
}

/// Sets a coordinate in decimal degrees as typed; empty clears it (travel is then estimated
/// without the site until it has both).
pub fn set_coordinate(
    a: &mut Appraisal,
    code: &str,
    which: Coordinate,
    text: &str,
) -> Result<(), EditError> {
    let i = index(a, code)?;
    let field = format!("sites/{code}/{}", which.key());
    let value = coordinate(&field, &a.sites[i].name, which, text)?;
    match which {
        Coordinate::Latitude => a.sites[i].latitude = value,
        Coordinate::Longitude => a.sites[i].longitude = value,
    }
    Ok(())
}

/// Reads a latitude or longitude of the place called `place`, in decimal degrees as typed;
/// empty is none.
pub(super) fn coordinate(
    field: &str,
    place: &str,
    which: Coordinate,
    text: &str,
) -> Result<Option<f64>, EditError> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    let what = format!("The {} of {place}", which.key());
    let v = number(field, &what, text)?;
    if v.abs() > which.limit() {
        let limit = which.limit();
        return refuse_short(
            field.to_owned(),
            format!("{what} must be between -{limit} and {limit} degrees; it is {v}"),
            format!("Must be between -{limit} and {limit}"),
        );
    }
    Ok(Some(v))
}

pub fn set_organisation(a: &mut Appraisal, code: &str, org: &str) -> Result<(), EditError> {
    let i = index(a, code)?;
    organisation(a, format!("sites/{code}/organisation"), org)?;
    a.sites[i].organisation = org.to_owned();
    Ok(())
}

/// Whether the site offers `service` today (under do minimum and as options' starting point).
pub fn set_offers(
    a: &mut Appraisal,
    code: &str,
    service: &str,
    offered: bool,
) -> Result<(), EditError> {
    let i = index(a, code)?;
    input::index(&a.services, service, format!("sites/{code}/services"))?;
    let services = &mut a.sites[i].services;
    let has = services.iter().any(|s| s == service);
    if offered && !has {
        services.push(service.to_owned());
    } else if !offered {
        services.retain(|s| s != service);
    }
    Ok(())
}

/// Removes a site no option configures and no imported travel time refers to.
pub fn remove(a: &mut Appraisal, code: &str) -> Result<(), EditError> {
    let i = index(a, code)?;
    let field = format!("sites/{code}");
    for o in &a.options {
        let why = if o.site_services.iter().any(|s| s.site == code) {
            "offers services there"
        } else if o.site_transfers.iter().any(|t| t.site == code) {
            "transfers it to another organisation"
        } else {
            continue;
        };
        return refuse_short(
            field,
            format!(
                "Site {code} cannot be removed: the option \"{}\" {why}; change the option first",
                o.name
            ),
            "Used by an option",
        );
    }
    if a.travel_matrix.sites().iter().any(|s| s == code) {
        return refuse_short(
            field,
            format!(
                "Site {code} cannot be removed: the imported travel matrix has times for it; import a matrix without it first"
            ),
            "In the travel matrix",
        );
    }
    a.sites.remove(i);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_site_is_added_placed_given_services_and_removed() {
        let mut a = crate::demo::appraisal();
        let org = a.organisations[0].code.clone();
        let service = a.services[0].code.clone();
        add(&mut a, "NEWS", "New site", &org).unwrap();
        set_coordinate(&mut a, "NEWS", Coordinate::Latitude, "52.5").unwrap();
        set_coordinate(&mut a, "NEWS", Coordinate::Longitude, "-2.25").unwrap();
        set_offers(&mut a, "NEWS", &service, true).unwrap();
        set_offers(&mut a, "NEWS", &service, true).unwrap();
        rename(&mut a, "NEWS", "Newer site").unwrap();
        let s = a.sites.last().unwrap();
        assert_eq!(
            (s.name.as_str(), s.latitude, s.longitude, s.services.clone()),
            ("Newer site", Some(52.5), Some(-2.25), vec![service.clone()])
        );
        assert!(crate::validate::integrity(&a).is_empty());
        let other = a.organisations[1].code.clone();
        set_organisation(&mut a, "NEWS", &other).unwrap();
        assert_eq!(a.sites.last().unwrap().organisation, other);
        set_coordinate(&mut a, "NEWS", Coordinate::Latitude, "").unwrap();
        assert_eq!(a.sites.last().unwrap().latitude, None);
        remove(&mut a, "NEWS").unwrap();
        assert!(a.sites.iter().all(|s| s.code != "NEWS"));
    }

    #[test]
    fn bad_site_edits_are_refused_and_change_nothing() {
        let mut a = crate::demo::appraisal();
        let before = a.clone();
        let code = a.sites[0].code.clone();
        let e = set_coordinate(&mut a, &code, Coordinate::Latitude, "north").unwrap_err();
        assert_eq!(e.field, format!("sites/{code}/latitude"));
        assert!(
            e.message.contains("\"north\" is not a number"),
            "{}",
            e.message
        );
        let e = set_coordinate(&mut a, &code, Coordinate::Longitude, "200").unwrap_err();
        assert_eq!(e.short, "Must be between -180 and 180");
        let e = add(&mut a, "X", "X", "NO-ORG").unwrap_err();
        assert_eq!(e.field, "sites/new/organisation");
        let org = a.organisations[0].code.clone();
        assert!(add(&mut a, &code, "Again", &org).is_err());
        assert!(set_offers(&mut a, &code, "NOPE", true).is_err());
        // A demo site that an option configures cannot go.
        let used = a
            .options
            .iter()
            .flat_map(|o| o.site_services.iter())
            .map(|s| s.site.clone())
            .next()
            .unwrap();
        let e = remove(&mut a, &used).unwrap_err();
        assert!(
            e.message.contains("change the option first"),
            "{}",
            e.message
        );
        assert_eq!(a, before);
    }
}
