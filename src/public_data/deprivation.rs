//! The English Indices of Deprivation: each LSOA's Index of Multiple Deprivation decile
//! (1 = most deprived 10%). IoD2025 is on LSOA 2021 codes; IoD2019 on LSOA 2011 codes, joined
//! to 2021 zones through the ONS lookup. Read from File 7 (all ranks, scores and deciles) or
//! File 1 saved as CSV; one header of the real 2025 file is cut short, so columns match by
//! prefix.

use std::collections::HashMap;
use std::path::Path;

use super::centroids::Geography;
use super::columns::{Header, Want};
use super::kind::{self, Kind};
use super::numbers::count;
use super::{FileColumn, PublicDataError, csv_error, csv_reader, source};

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
    let mut reader = csv_reader(path)?;
    let mut records = reader.records();
    let header = match records.next() {
        Some(r) => Header::new(&r.map_err(|e| csv_error(path, e))?),
        None => {
            return Err(PublicDataError::Empty {
                path: path.to_owned(),
            });
        }
    };
    kind::expect(path, &header, Kind::Deprivation)?;
    let (code, geography) = match header.find(Want::Prefix("LSOA code (2021)")) {
        Some(i) => (i, Geography::Lsoa2021),
        None => (
            header.require(path, Want::Prefix("LSOA code (2011)"))?,
            Geography::Lsoa2011,
        ),
    };
    let name = header.require(path, Want::Prefix("LSOA name"))?;
    let local_authority = header.require(path, Want::Prefix("Local Authority District code"))?;
    let decile = header.require(
        path,
        Want::Prefix("Index of Multiple Deprivation (IMD) Decile"),
    )?;
    let mut by_code = HashMap::new();
    for (i, record) in records.enumerate() {
        let record = record.map_err(|e| csv_error(path, e))?;
        let row = i as u64 + 2;
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let field = |at: usize| record.get(at).unwrap_or("").trim();
        let d = count(field(decile))
            .map_err(|why| {
                PublicDataError::value(path, row, &header.names[decile], field(decile), why)
            })
            .and_then(|d| match u8::try_from(d) {
                Ok(d @ 1..=10) => Ok(d),
                _ => Err(PublicDataError::value(
                    path,
                    row,
                    &header.names[decile],
                    field(decile),
                    "is not a decile from 1 to 10",
                )),
            })?;
        let entry = Entry {
            name: field(name).to_owned(),
            local_authority: field(local_authority).to_owned(),
            decile: d,
        };
        if by_code.insert(field(code).to_owned(), entry).is_some() {
            return Err(PublicDataError::value(
                path,
                row,
                &header.names[code],
                field(code),
                "appears twice",
            ));
        }
    }
    if by_code.is_empty() {
        return Err(PublicDataError::Empty {
            path: path.to_owned(),
        });
    }
    Ok(Deprivation {
        geography,
        by_code,
        decile: source(path, &header.names[decile]),
        name: source(path, &header.names[name]),
    })
}
