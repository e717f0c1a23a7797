//! The ONS postcode directory (ONSPD or NSPL), streamed: over 1 GB and 2.7 million rows, of
//! which an import wants a few hundred. Each row is parsed into a reused record and only the
//! postcodes asked for are kept, so memory stays that of the answer, whatever the file's size;
//! the read stops once every postcode is found.
//!
//! Two header generations: to May 2025 `pcd, pcd2, pcds, ..., oseast1m, osnrth1m, osgrdind,
//! ..., lat, long, ...`; from August 2025 `pcd7, pcd8, pcds, ..., east1m, north1m, gridind,
//! ..., lat, long, ...`. A grid indicator of 9, or a latitude of 99.999999, means the
//! directory has no location for the postcode.

use std::path::Path;

use rustc_hash::{FxHashMap, FxHashSet};

use super::columns::{Header, Want};
use super::kind::{self, Kind};
use super::numbers::decimal;
use super::ods;
use super::{FileColumn, PublicDataError, grid, source};

/// `text` written as the directory's `pcds` column writes postcodes: upper case, one space
/// before the three-character inward code. None if it cannot be a postcode (5 to 7 letters and
/// digits once spaces are removed).
pub fn normalise(text: &str) -> Option<String> {
    let compact: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if !(5..=7).contains(&compact.len()) || !compact.chars().all(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    let (outward, inward) = compact.split_at(compact.len() - 3);
    Some(format!("{outward} {inward}"))
}

/// Where a postcode's latitude and longitude came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Position {
    /// The directory's own `lat` and `long`.
    LatLong,
    /// Its eastings and northings, converted through OSTN15 (no usable `lat`/`long`).
    Grid,
}

/// A postcode the directory places.
#[derive(Debug, Clone, PartialEq)]
pub struct Located {
    pub latitude: f64,
    pub longitude: f64,
    pub row: u64,
    pub position: Position,
    /// When the postcode was terminated (`doterm`, YYYYMM), if it has been: still placed, as
    /// the directory keeps a terminated postcode's last location, but worth telling.
    pub terminated: Option<String>,
}

/// A postcode the directory lists without a location, and why that is read so.
#[derive(Debug, Clone, PartialEq)]
pub struct Unlocated {
    pub postcode: String,
    pub row: u64,
    pub reason: String,
}

/// What the directory says of the postcodes asked for.
#[derive(Debug, Clone, Default)]
pub struct Found {
    pub located: FxHashMap<String, Located>,
    pub unlocated: Vec<Unlocated>,
    /// Postcodes the directory does not list, sorted.
    pub missing: Vec<String>,
    /// Where latitude and longitude are read (`lat, long`, or the grid columns).
    pub latlong: Option<FileColumn>,
    pub grid: Option<FileColumn>,
}

/// The columns a lookup reads.
struct Columns {
    pcds: usize,
    latlong: Option<(usize, usize)>,
    grid: Option<(usize, usize)>,
    indicator: Option<usize>,
    terminated: Option<usize>,
}

fn first_of(header: &Header, wants: &[Want]) -> Option<usize> {
    wants.iter().find_map(|w| header.find(*w))
}

fn columns(path: &Path, header: &Header) -> Result<Columns, PublicDataError> {
    let pcds = header.require(path, Want::Named(&["pcds"]))?;
    let lat = header.find(Want::Named(&["lat"]));
    let long = header.find(Want::Named(&["long"]));
    let east = first_of(
        header,
        &[
            Want::Named(&["east1m", "oseast1m"]),
            Want::Prefix("oseast"),
            Want::Prefix("east"),
        ],
    );
    let north = first_of(
        header,
        &[
            Want::Named(&["north1m", "osnrth1m"]),
            Want::Prefix("osnrth"),
            Want::Prefix("north"),
        ],
    );
    let indicator = first_of(
        header,
        &[
            Want::Named(&["gridind", "osgrdind"]),
            Want::Prefix("osgrdind"),
            Want::Prefix("gridind"),
        ],
    );
    let terminated = header.find(Want::Named(&["doterm"]));
    let latlong = lat.zip(long);
    let grid = east.zip(north);
    if latlong.is_none() && grid.is_none() {
        return Err(PublicDataError::MissingColumn {
            path: path.to_owned(),
            column: "'lat' and 'long', or eastings and northings ('east1m' and 'north1m', or 'oseast1m' and 'osnrth1m')".to_owned(),
            found: header.listing(),
        });
    }
    Ok(Columns {
        pcds,
        latlong,
        grid,
        indicator,
        terminated,
    })
}

/// Refuses a file that is not the postcode directory, naming what it looks like.
fn identify(
    path: &Path,
    first: &csv::StringRecord,
    header: &Header,
) -> Result<(), PublicDataError> {
    if let Some(k) = ods::looks_like(first) {
        return Err(PublicDataError::WrongKind {
            path: path.to_owned(),
            what: format!(
                "this looks like {} (no header row; row 1 is {}), not {}",
                k.name(),
                crate::quote::shorten(first.get(0).unwrap_or("").trim_start_matches('\u{feff}')),
                Kind::Postcodes.name()
            ),
        });
    }
    kind::expect(path, header, Kind::Postcodes)
}

fn text(record: &csv::ByteRecord, at: usize) -> &str {
    record
        .get(at)
        .and_then(|b| std::str::from_utf8(b).ok())
        .unwrap_or("")
        .trim()
}

/// The published "no location" latitude.
const NO_LATITUDE: f64 = 99.999_999;

/// Where one row places its postcode, or why it does not.
fn locate(
    record: &csv::ByteRecord,
    c: &Columns,
    header: &Header,
) -> Result<(f64, f64, Position), String> {
    if let Some(i) = c.indicator
        && text(record, i) == "9"
    {
        return Err(format!(
            "{} 9: the directory has no location for it",
            header.names[i]
        ));
    }
    if let Some((la, lo)) = c.latlong {
        match (decimal(text(record, la)), decimal(text(record, lo))) {
            (Ok(lat), _) if (lat - NO_LATITUDE).abs() < 1e-9 => {
                return Err(format!(
                    "{} 99.999999: the directory has no location for it",
                    header.names[la]
                ));
            }
            (Ok(lat), Ok(long))
                if (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&long) =>
            {
                return Ok((lat, long, Position::LatLong));
            }
            _ => {}
        }
    }
    if let Some((e, n)) = c.grid
        && let (Ok(easting), Ok(northing)) = (decimal(text(record, e)), decimal(text(record, n)))
    {
        return grid::to_latitude_longitude(easting, northing)
            .map(|(lat, long)| (lat, long, Position::Grid))
            .map_err(|e| e.to_string());
    }
    Err("neither a latitude and longitude nor a grid reference".to_owned())
}

/// Streams the directory at `path` for `wanted` (postcodes as [`normalise`] writes them).
/// Postcodes the directory places, lists without a location, or does not list are reported
/// apart, for the caller to refuse with them all named.
pub fn find(path: &Path, wanted: &FxHashSet<String>) -> Result<Found, PublicDataError> {
    let file = super::open(path)?;
    let csv_error = |source: csv::Error| PublicDataError::Csv {
        path: path.to_owned(),
        row: source.position().map_or(0, |p| p.line()),
        source,
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .buffer_capacity(1 << 16)
        .from_reader(file);
    let mut first = csv::StringRecord::new();
    let read = reader
        .read_record(&mut first)
        .map_err(|e| super::not_text(path, &e).unwrap_or_else(|| csv_error(e)))?;
    if !read {
        return Err(PublicDataError::Empty {
            path: path.to_owned(),
        });
    }
    let header = Header::new(&first);
    identify(path, &first, &header)?;
    let c = columns(path, &header)?;
    let mut found = Found {
        latlong: c
            .latlong
            .map(|(la, lo)| source(path, &format!("{}, {}", header.names[la], header.names[lo]))),
        grid: c
            .grid
            .map(|(e, n)| source(path, &format!("{}, {}", header.names[e], header.names[n]))),
        ..Found::default()
    };
    let mut seen: FxHashSet<String> = FxHashSet::default();
    let mut record = csv::ByteRecord::new();
    while seen.len() < wanted.len() && reader.read_byte_record(&mut record).map_err(csv_error)? {
        let pcds = text(&record, c.pcds);
        if !wanted.contains(pcds) || seen.contains(pcds) {
            continue;
        }
        let postcode = pcds.to_owned();
        let row = record.position().map_or(0, |p| p.line());
        seen.insert(postcode.clone());
        match locate(&record, &c, &header) {
            Ok((latitude, longitude, position)) => {
                found.located.insert(
                    postcode,
                    Located {
                        latitude,
                        longitude,
                        row,
                        position,
                        terminated: c
                            .terminated
                            .map(|t| text(&record, t).to_owned())
                            .filter(|t| !t.is_empty()),
                    },
                );
            }
            Err(reason) => found.unlocated.push(Unlocated {
                postcode,
                row,
                reason,
            }),
        }
    }
    found.missing = wanted
        .iter()
        .filter(|p| !seen.contains(*p))
        .cloned()
        .collect();
    found.missing.sort();
    found.unlocated.sort_by(|a, b| a.postcode.cmp(&b.postcode));
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postcodes_are_written_as_the_directory_writes_them() {
        assert_eq!(normalise("ca8 7jg").as_deref(), Some("CA8 7JG"));
        assert_eq!(normalise("CA87JG").as_deref(), Some("CA8 7JG"));
        assert_eq!(normalise(" WS11  5XY ").as_deref(), Some("WS11 5XY"));
        assert_eq!(normalise("N1 9GU").as_deref(), Some("N1 9GU"));
        assert_eq!(normalise("ST4"), None);
        assert_eq!(normalise("ST4 7L-N"), None);
        assert_eq!(normalise(""), None);
    }
}
