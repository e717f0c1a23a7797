//! The English Indices of Deprivation: each LSOA's Index of Multiple Deprivation decile
//! (1 = most deprived 10%). IoD2025 is on LSOA 2021 codes; IoD2019 on LSOA 2011 codes, joined
//! to 2021 zones through the ONS lookup. Read from File 7 (all ranks, scores and deciles) or
//! File 1 saved as CSV; one header of the real 2025 file is cut short, so columns match by
//! prefix.

use std::collections::HashMap;
use std::path::Path;

use super::centroids::Geography;
use super::columns::Want;
use super::kind::Kind;
use super::numbers::count;
use super::{FileColumn, PublicDataError, table};

/// One LSOA's entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub name: String,
    pub local_authority: String,
    pub decile: u8,
}

#[derive(Debug, Clone)]
pub struct Deprivation {
    pub geography: Geography,
    pub by_code: HashMap<String, Entry>,
    pub decile: FileColumn,
    pub name: FileColumn,
}

pub fn read(path: &Path) -> Result<Deprivation, PublicDataError> {
    let mut t = table::open(path, Kind::Deprivation)?;
    let (code, geography) = match t.header.find(Want::Prefix("LSOA code (2021)")) {
        Some(i) => (i, Geography::Lsoa2021),
        None => (
            t.header.require(path, Want::Prefix("LSOA code (2011)"))?,
            Geography::Lsoa2011,
        ),
    };
    let name = t.header.require(path, Want::Prefix("LSOA name"))?;
    let local_authority = t
        .header
        .require(path, Want::Prefix("Local Authority District code"))?;
    let decile = t.header.require(
        path,
        Want::Prefix("Index of Multiple Deprivation (IMD) Decile"),
    )?;
    let mut by_code = HashMap::new();
    while let Some(row) = t.next() {
        let row = row?;
        let d = count(row.field(decile))
            .ok()
            .and_then(|d| u8::try_from(d).ok())
            .filter(|d| (1..=10).contains(d))
            .ok_or_else(|| t.bad(&row, decile, "is not a decile from 1 to 10"))?;
        let entry = Entry {
            name: row.field(name).to_owned(),
            local_authority: row.field(local_authority).to_owned(),
            decile: d,
        };
        t.insert_once(&mut by_code, &row, code, entry)?;
    }
    let found = Deprivation {
        geography,
        decile: t.source(decile),
        name: t.source(name),
        by_code,
    };
    let empty = found.by_code.is_empty();
    t.non_empty(found, empty)
}
