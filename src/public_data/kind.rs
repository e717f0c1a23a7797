//! Telling the official files apart by their headers, so a file given in the wrong place is
//! named for what it is ("this is the Census TS001 table, not TS045") rather than reported as
//! a list of missing columns.

use std::path::Path;

use super::PublicDataError;
use super::columns::{Header, Want};

/// The files this module reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Centroids,
    Deprivation,
    UsualResidents,
    MidYearPopulation,
    CarAvailability,
    Lookup,
    Postcodes,
}

impl Kind {
    /// What a person would call the file.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Centroids => "the ONS LSOA population-weighted centroids",
            Kind::Deprivation => "the English Indices of Deprivation",
            Kind::UsualResidents => "the Census TS001 table (usual residents)",
            Kind::MidYearPopulation => "the ONS mid-year population estimates by LSOA 2021",
            Kind::CarAvailability => "the Census TS045 table (car or van availability)",
            Kind::Lookup => "the ONS LSOA 2011 to 2021 lookup",
            Kind::Postcodes => "the ONS postcode directory",
        }
    }

    fn recognises(self, h: &Header) -> bool {
        let named = |names: &[&str]| h.find(Want::Named(names)).is_some();
        match self {
            Kind::Centroids => named(&["LSOA21CD", "LSOA11CD"]) && named(&["x"]) && named(&["y"]),
            Kind::Deprivation => h.has_prefix("Index of Multiple Deprivation (IMD)"),
            Kind::UsualResidents => h.has_prefix("Residence type: Total"),
            Kind::MidYearPopulation => named(&["LSOA 2021 Code"]) && named(&["Total"]),
            Kind::CarAvailability => h.has_prefix("Number of cars or vans: Total"),
            Kind::Lookup => named(&["LSOA11CD"]) && named(&["LSOA21CD"]) && named(&["CHGIND"]),
            Kind::Postcodes => named(&["pcds"]),
        }
    }

    /// What `header` is, if it is one of these files.
    pub fn of(header: &Header) -> Option<Kind> {
        [
            Kind::Lookup,
            Kind::Centroids,
            Kind::Deprivation,
            Kind::UsualResidents,
            Kind::MidYearPopulation,
            Kind::CarAvailability,
            Kind::Postcodes,
        ]
        .into_iter()
        .find(|k| k.recognises(header))
    }
}

/// Refuses a file that is recognisably another of the official files than `expected`.
pub fn expect(path: &Path, header: &Header, expected: Kind) -> Result<(), PublicDataError> {
    match Kind::of(header) {
        Some(found) if found != expected => Err(PublicDataError::WrongKind {
            path: path.to_owned(),
            what: format!("this is {}, not {}", found.name(), expected.name()),
        }),
        _ => Ok(()),
    }
}
