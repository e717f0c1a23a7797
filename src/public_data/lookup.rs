//! The ONS LSOA 2011 to 2021 lookup (`LSOA11CD, LSOA11NM, CHGIND, LSOA21CD, LSOA21NM, LAD22CD,
//! ...`), which carries IoD2019's 2011-coded deciles to 2021 zones. CHGIND: U unchanged, S a
//! 2011 zone split, M 2011 zones merged, X a complex change.

use std::collections::HashMap;
use std::path::Path;

use super::columns::Want;
use super::kind::Kind;
use super::{PublicDataError, table};

/// For each 2021 zone, the 2011 zones it came from and its local authority.
#[derive(Debug, Clone, Default)]
pub struct Lookup {
    pub from_2011: HashMap<String, Vec<String>>,
    pub local_authority: HashMap<String, String>,
}

pub fn read(path: &Path) -> Result<Lookup, PublicDataError> {
    let mut t = table::open(path, Kind::Lookup)?;
    let old = t.header.require(path, Want::Named(&["LSOA11CD"]))?;
    let new = t.header.require(path, Want::Named(&["LSOA21CD"]))?;
    let lad = t.header.find(Want::Prefix("LAD"));
    let mut lookup = Lookup::default();
    for row in t.by_ref() {
        let row = row?;
        let (from, to) = (row.field(old), row.field(new));
        if from.is_empty() || to.is_empty() {
            continue;
        }
        lookup
            .from_2011
            .entry(to.to_owned())
            .or_default()
            .push(from.to_owned());
        if let Some(l) = lad {
            lookup
                .local_authority
                .insert(to.to_owned(), row.field(l).to_owned());
        }
    }
    let empty = lookup.from_2011.is_empty();
    t.non_empty(lookup, empty)
}
