//! Census 2021 tables from Nomis's bulk files (`census2021-tsNNN-lsoa.csv`): usual residents
//! (TS001) and car or van availability (TS045), by LSOA 2021 code; and the ONS mid-year
//! estimates workbook, the population's other source.

use std::collections::HashMap;
use std::path::Path;

use super::columns::Want;
use super::kind::Kind;
use super::numbers::count;
use super::{FileColumn, PublicDataError, table, workbook};

/// Chosen columns of a census table, by zone code.
#[derive(Debug, Clone)]
pub struct Table {
    /// Each zone's values, in the order of `columns`.
    pub by_code: HashMap<String, Vec<u64>>,
    pub columns: Vec<FileColumn>,
}

/// Reads the columns `wanted` (by prefix) of a table of `kind`, by the zone codes in the
/// column named `code`.
fn read(path: &Path, kind: Kind, code: &str, wanted: &[&str]) -> Result<Table, PublicDataError> {
    let mut t = table::open(path, kind)?;
    let code = t.header.require(path, Want::Named(&[code]))?;
    let at: Vec<usize> = wanted
        .iter()
        .map(|w| t.header.require(path, Want::Prefix(w)))
        .collect::<Result<_, _>>()?;
    let mut by_code = HashMap::new();
    while let Some(row) = t.next() {
        let row = row?;
        let values = at
            .iter()
            .map(|&c| count(row.field(c)).map_err(|why| t.bad(&row, c, why)))
            .collect::<Result<Vec<_>, _>>()?;
        t.insert_once(&mut by_code, &row, code, values)?;
    }
    let columns = at.iter().map(|&c| t.source(c)).collect();
    let empty = by_code.is_empty();
    t.non_empty(Table { by_code, columns }, empty)
}

/// Each zone's population: usual residents from Census TS001 (CSV), or the total of the ONS
/// mid-year estimates workbook's latest year.
pub fn population(path: &Path) -> Result<Table, PublicDataError> {
    if workbook::is_workbook(path) {
        read(path, Kind::MidYearPopulation, "LSOA 2021 Code", &["Total"])
    } else {
        read(
            path,
            Kind::UsualResidents,
            "geography code",
            &["Residence type: Total"],
        )
    }
}

/// TS045: all households, and households with no car or van, by zone.
pub fn car_availability(path: &Path) -> Result<Table, PublicDataError> {
    read(
        path,
        Kind::CarAvailability,
        "geography code",
        &[
            "Number of cars or vans: Total",
            "Number of cars or vans: No cars or vans",
        ],
    )
}
