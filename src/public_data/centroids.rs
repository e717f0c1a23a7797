//! ONS LSOA population-weighted centroids (2021: `FID,LSOA21CD,GlobalID,x,y`; 2011:
//! `OBJECTID,LSOA11CD,LSOA11NM,GlobalID,x,y`), eastings and northings in metres.

use std::path::Path;

use super::columns::{Header, Want};
use super::numbers::decimal;
use super::{FileColumn, PublicDataError, csv_error, csv_reader, source};

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
    let (code, geography) = match header.find(Want::Named(&["LSOA21CD"])) {
        Some(i) => (i, Geography::Lsoa2021),
        None => (
            header.require(path, Want::Named(&["LSOA21CD", "LSOA11CD"]))?,
            Geography::Lsoa2011,
        ),
    };
    let name = header.find(Want::Named(&["LSOA11NM", "LSOA21NM"]));
    let x = header.require(path, Want::Named(&["x", "easting"]))?;
    let y = header.require(path, Want::Named(&["y", "northing"]))?;
    let mut rows = Vec::new();
    for (i, record) in records.enumerate() {
        let record = record.map_err(|e| csv_error(path, e))?;
        let row = i as u64 + 2;
        let field = |at: usize| record.get(at).unwrap_or("").trim();
        let number = |at: usize| {
            decimal(field(at))
                .map_err(|why| PublicDataError::value(path, row, &header.names[at], field(at), why))
        };
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let code_text = field(code);
        if code_text.is_empty() {
            return Err(PublicDataError::value(
                path,
                row,
                &header.names[code],
                code_text,
                "is empty: every centroid needs its LSOA code",
            ));
        }
        rows.push(Centroid {
            code: code_text.to_owned(),
            name: name.map(|n| field(n).to_owned()).filter(|n| !n.is_empty()),
            easting: number(x)?,
            northing: number(y)?,
        });
    }
    if rows.is_empty() {
        return Err(PublicDataError::Empty {
            path: path.to_owned(),
        });
    }
    let position = source(path, &format!("{}, {}", header.names[x], header.names[y]));
    Ok(Centroids {
        geography,
        rows,
        position,
    })
}
