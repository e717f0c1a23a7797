//! Finding a file's columns by name: case-insensitive, trimmed, a leading byte-order mark
//! removed, with alternatives for the names different releases use.

use std::path::Path;

use super::PublicDataError;

/// A file's header row, normalised for matching.
#[derive(Debug, Clone)]
pub struct Header {
    /// The names as the file spells them (byte-order mark and surrounding space removed).
    pub names: Vec<String>,
    keys: Vec<String>,
}

/// How a wanted column is recognised.
#[derive(Debug, Clone, Copy)]
pub enum Want<'a> {
    /// Any of these names, whole.
    Named(&'a [&'a str]),
    /// A name starting with this (releases cut or extend the tail).
    Prefix(&'a str),
}

impl Header {
    pub fn new(record: &csv::StringRecord) -> Header {
        let names: Vec<String> = record
            .iter()
            .enumerate()
            .map(|(i, n)| {
                let n = if i == 0 {
                    n.trim_start_matches('\u{feff}')
                } else {
                    n
                };
                n.trim().to_owned()
            })
            .collect();
        let keys = names.iter().map(|n| n.to_lowercase()).collect();
        Header { names, keys }
    }

    /// The index of the first column `want` recognises.
    pub fn find(&self, want: Want) -> Option<usize> {
        match want {
            Want::Named(names) => names
                .iter()
                .find_map(|n| self.keys.iter().position(|k| *k == n.to_lowercase())),
            Want::Prefix(prefix) => {
                let prefix = prefix.to_lowercase();
                self.keys.iter().position(|k| k.starts_with(&prefix))
            }
        }
    }

    /// [`Header::find`], or an error naming the column and listing the header.
    pub fn require(&self, path: &Path, want: Want) -> Result<usize, PublicDataError> {
        self.find(want)
            .ok_or_else(|| PublicDataError::MissingColumn {
                path: path.to_owned(),
                column: describe(want),
                found: self.listing(),
            })
    }

    /// Whether any column starts with `prefix`.
    pub fn has_prefix(&self, prefix: &str) -> bool {
        self.find(Want::Prefix(prefix)).is_some()
    }

    /// The header as a short list for messages.
    pub fn listing(&self) -> String {
        let shown: Vec<String> = self
            .names
            .iter()
            .take(8)
            .map(|n| format!("'{}'", crate::quote::shorten(n)))
            .collect();
        let more = self.names.len().saturating_sub(shown.len());
        if more > 0 {
            format!("{} and {more} more", shown.join(", "))
        } else {
            shown.join(", ")
        }
    }
}

fn describe(want: Want) -> String {
    match want {
        Want::Named(names) => names
            .iter()
            .map(|n| format!("'{n}'"))
            .collect::<Vec<_>>()
            .join(" or "),
        Want::Prefix(p) => format!("starting '{p}'"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_match_by_name_whatever_the_case_space_and_byte_order_mark() {
        let h = Header::new(&csv::StringRecord::from(vec![
            "\u{feff}FID",
            " LSOA21CD ",
            "x",
            "Index of Multiple Deprivation (IMD) Decile (where 1 is most deprived 10% of LSO",
        ]));
        assert_eq!(h.names[0], "FID");
        assert_eq!(h.find(Want::Named(&["lsoa11cd", "lsoa21cd"])), Some(1));
        assert_eq!(h.find(Want::Named(&["X"])), Some(2));
        assert_eq!(
            h.find(Want::Prefix("Index of Multiple Deprivation (IMD) Decile")),
            Some(3)
        );
        let err = h
            .require(Path::new("f.csv"), Want::Named(&["y"]))
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "f.csv: no column 'y' (the header has: 'FID', 'LSOA21CD', 'x', 'Index of Multiple Deprivation (IMD) Decile (where 1 is most …')"
        );
    }
}
