//! The ONS LSOA 2011 to 2021 lookup (`LSOA11CD, LSOA11NM, CHGIND, LSOA21CD, LSOA21NM, LAD22CD,
//! ...`), which carries IoD2019's 2011-coded deciles to 2021 zones. CHGIND: U unchanged, S a
//! 2011 zone split, M 2011 zones merged, X a complex change.

use std::collections::HashMap;
use std::path::Path;

use super::columns::{Header, Want};
use super::kind::{self, Kind};
use super::{PublicDataError, csv_error, csv_reader};

/// For each 2021 zone, the 2011 zones it came from and its local authority.
#[derive(Debug, Clone, Default)]
pub struct Lookup {
    pub from_2011: HashMap<String, Vec<String>>,
    pub local_authority: HashMap<String, String>,
}

pub fn read(path: &Path) -> Result<Lookup, PublicDataError> {
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
    kind::expect(path, &header, Kind::Lookup)?;
    let old = header.require(path, Want::Named(&["LSOA11CD"]))?;
    let new = header.require(path, Want::Named(&["LSOA21CD"]))?;
    let lad = header.find(Want::Prefix("LAD"));
    let mut lookup = Lookup::default();
    for record in records {
        let record = record.map_err(|e| csv_error(path, e))?;
        let field = |at: usize| record.get(at).unwrap_or("").trim();
        if field(old).is_empty() || field(new).is_empty() {
            continue;
        }
        lookup
            .from_2011
            .entry(field(new).to_owned())
            .or_default()
            .push(field(old).to_owned());
        if let Some(l) = lad {
            lookup
                .local_authority
                .insert(field(new).to_owned(), field(l).to_owned());
        }
    }
    if lookup.from_2011.is_empty() {
        return Err(PublicDataError::Empty {
            path: path.to_owned(),
        });
    }
    Ok(lookup)
}
