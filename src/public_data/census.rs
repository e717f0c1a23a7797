//! Census 2021 tables from Nomis's bulk files (`census2021-tsNNN-lsoa.csv`): usual residents
//! (TS001) and car or van availability (TS045), by LSOA 2021 code.

use std::collections::HashMap;
use std::path::Path;

use super::columns::{Header, Want};
use super::kind::{self, Kind};
use super::numbers::count;
use super::{FileColumn, PublicDataError, csv_error, csv_reader, source};

/// Chosen columns of a census table, by zone code.
#[derive(Debug, Clone)]
pub struct Table {
    /// Each zone's values, in the order of `columns`.
    pub by_code: HashMap<String, Vec<u64>>,
    pub columns: Vec<FileColumn>,
}

/// Reads the columns `wanted` (by prefix) of a table of `kind`.
fn read(path: &Path, kind: Kind, wanted: &[&str]) -> Result<Table, PublicDataError> {
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
    kind::expect(path, &header, kind)?;
    let code = header.require(path, Want::Named(&["geography code"]))?;
    let at: Vec<usize> = wanted
        .iter()
        .map(|w| header.require(path, Want::Prefix(w)))
        .collect::<Result<_, _>>()?;
    let mut by_code = HashMap::new();
    for (i, record) in records.enumerate() {
        let record = record.map_err(|e| csv_error(path, e))?;
        let row = i as u64 + 2;
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let field = |at: usize| record.get(at).unwrap_or("").trim();
        let values = at
            .iter()
            .map(|&c| {
                count(field(c)).map_err(|why| {
                    PublicDataError::value(path, row, &header.names[c], field(c), why)
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        if by_code.insert(field(code).to_owned(), values).is_some() {
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
    Ok(Table {
        by_code,
        columns: at.iter().map(|&c| source(path, &header.names[c])).collect(),
    })
}

/// TS001: usual residents, by zone.
pub fn usual_residents(path: &Path) -> Result<Table, PublicDataError> {
    read(path, Kind::UsualResidents, &["Residence type: Total"])
}

/// TS045: all households, and households with no car or van, by zone.
pub fn car_availability(path: &Path) -> Result<Table, PublicDataError> {
    read(
        path,
        Kind::CarAvailability,
        &[
            "Number of cars or vans: Total",
            "Number of cars or vans: No cars or vans",
        ],
    )
}
