//! ONS LSOA population-weighted centroids (2021: `FID,LSOA21CD,GlobalID,x,y`; 2011:
//! `OBJECTID,LSOA11CD,LSOA11NM,GlobalID,x,y`), eastings and northings in metres.

use std::path::Path;

use super::columns::Want;
use super::kind::Kind;
use super::numbers::decimal;
use super::{FileColumn, PublicDataError, source, table};

/// Which LSOA boundaries a file's codes are on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Geography {
    Lsoa2011,
    Lsoa2021,
}

/// One zone's centroid.
#[derive(Debug, Clone, PartialEq)]
pub struct Centroid {
    pub code: String,
    /// Only the 2011 file names its zones.
    pub name: Option<String>,
    pub easting: f64,
    pub northing: f64,
}

/// A centroids file, read whole (35,672 rows for England and Wales).
#[derive(Debug, Clone)]
pub struct Centroids {
    pub geography: Geography,
    pub rows: Vec<Centroid>,
    /// Where the easting and northing came from.
    pub position: FileColumn,
}

pub fn read(path: &Path) -> Result<Centroids, PublicDataError> {
    let mut t = table::open(path, Kind::Centroids)?;
    let (code, geography) = match t.header.find(Want::Named(&["LSOA21CD"])) {
        Some(i) => (i, Geography::Lsoa2021),
        None => (
            t.header
                .require(path, Want::Named(&["LSOA21CD", "LSOA11CD"]))?,
            Geography::Lsoa2011,
        ),
    };
    let name = t.header.find(Want::Named(&["LSOA11NM", "LSOA21NM"]));
    let x = t.header.require(path, Want::Named(&["x", "easting"]))?;
    let y = t.header.require(path, Want::Named(&["y", "northing"]))?;
    let mut rows = Vec::new();
    while let Some(row) = t.next() {
        let row = row?;
        let number = |at: usize| decimal(row.field(at)).map_err(|why| t.bad(&row, at, why));
        if row.field(code).is_empty() {
            return Err(t.bad(&row, code, "is empty: every centroid needs its LSOA code"));
        }
        rows.push(Centroid {
            code: row.field(code).to_owned(),
            name: name
                .map(|n| row.field(n).to_owned())
                .filter(|n| !n.is_empty()),
            easting: number(x)?,
            northing: number(y)?,
        });
    }
    let position = source(
        path,
        &format!("{}, {}", t.header.names[x], t.header.names[y]),
    );
    let empty = rows.is_empty();
    t.non_empty(
        Centroids {
            geography,
            rows,
            position,
        },
        empty,
    )
}
