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

/// The directory opened for streaming: the reader stands after the header row, which has
/// been checked to be the directory's. Shared by every read of the directory, so each streams
/// it the same way (one reused record, a large buffer) and refuses the same wrong files.
struct Stream<'a> {
    path: &'a Path,
    reader: csv::Reader<super::Counted>,
}

impl<'a> Stream<'a> {
    /// The stream and the directory's header.
    fn open(path: &'a Path) -> Result<(Self, Header), PublicDataError> {
        // Counted, so a window reading the directory can show how far it has got.
        let file = super::open(path)?;
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .buffer_capacity(1 << 16)
            .from_reader(file);
        let mut first = csv::StringRecord::new();
        let read = reader
            .read_record(&mut first)
            .map_err(|e| super::not_text(path, &e).unwrap_or_else(|| csv_error(path, e)))?;
        if !read {
            return Err(PublicDataError::Empty {
                path: path.to_owned(),
            });
        }
        super::binary_row(path, &first)?;
        let header = Header::new(&first);
        identify(path, &first, &header)?;
        Ok((Stream { path, reader }, header))
    }

    /// Reads the next row into `record`; false at the end of the file.
    fn next(&mut self, record: &mut csv::ByteRecord) -> Result<bool, PublicDataError> {
        self.reader
            .read_byte_record(record)
            .map_err(|e| csv_error(self.path, e))
    }
}

fn csv_error(path: &Path, source: csv::Error) -> PublicDataError {
    PublicDataError::Csv {
        path: path.to_owned(),
        row: source.position().map_or(0, |p| p.line()),
        source,
    }
}

/// Streams the directory at `path` for `wanted` (postcodes as [`normalise`] writes them).
/// Postcodes the directory places, lists without a location, or does not list are reported
/// apart, for the caller to refuse with them all named.
pub fn find(path: &Path, wanted: &FxHashSet<String>) -> Result<Found, PublicDataError> {
    let (mut stream, header) = Stream::open(path)?;
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
    while seen.len() < wanted.len() && stream.next(&mut record)? {
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

/// The LSOAs 2021 of some Integrated Care Boards, as the directory's postcodes place them.
#[derive(Debug, Clone, Default)]
pub struct IcbLsoas {
    /// The LSOA codes assigned to the ICBs asked for, sorted.
    pub lsoas: Vec<String>,
    /// ICBs asked for that no postcode of the directory is in, in the order asked.
    pub without_postcodes: Vec<String>,
}

/// The tail of the directory's pseudo codes, which stand for "none" (E99999999).
const PSEUDO: &str = "99999999";

/// Each LSOA's count of postcodes in each ICB (by index into the ICB codes seen).
#[derive(Default)]
struct Tally {
    icbs: Vec<String>,
    icb_index: FxHashMap<String, usize>,
    lsoas: FxHashMap<String, usize>,
    counts: Vec<Vec<(usize, u32)>>,
}

impl Tally {
    fn icb(&mut self, code: &str) -> usize {
        if let Some(&i) = self.icb_index.get(code) {
            return i;
        }
        let i = self.icbs.len();
        self.icbs.push(code.to_owned());
        self.icb_index.insert(code.to_owned(), i);
        i
    }

    fn lsoa(&mut self, code: &str) -> usize {
        if let Some(&i) = self.lsoas.get(code) {
            return i;
        }
        let i = self.counts.len();
        self.counts.push(Vec::new());
        self.lsoas.insert(code.to_owned(), i);
        i
    }

    fn count(&mut self, lsoa: usize, icb: usize) {
        let counts = &mut self.counts[lsoa];
        match counts.iter_mut().find(|(i, _)| *i == icb) {
            Some((_, n)) => *n += 1,
            None => counts.push((icb, 1)),
        }
    }

    /// The ICB holding most of the LSOA's postcodes; on a tie the lower code, so the answer
    /// does not depend on the directory's row order.
    fn majority(&self, lsoa: usize) -> Option<&str> {
        self.counts[lsoa]
            .iter()
            .max_by(|(a, n), (b, m)| n.cmp(m).then_with(|| self.icbs[*b].cmp(&self.icbs[*a])))
            .map(|(i, _)| self.icbs[*i].as_str())
    }
}

/// Streams the directory at `path` once for the LSOAs 2021 of the ICBs `icbs` (codes such as
/// E54000050): each postcode row gives its LSOA (`lsoa21cd`, or `lsoa21` in the older
/// header) and its ICB (the column whose name starts `icb`: `icb23cd`, `icb`, ... as releases
/// rename it).
///
/// An LSOA belongs to the ICB holding most of its postcodes (a tie goes to the lower ICB
/// code): ICBs are made of whole LSOAs, so a postcode placed in another ICB is one whose
/// location straddles the boundary, and counting keeps each LSOA in exactly one ICB, as the
/// zones of neighbouring ICBs must not overlap. Terminated postcodes count too: the directory
/// gives them the current LSOA and ICB of their last location, so they are as good evidence
/// as live ones, and an LSOA whose postcodes were all retired (a cleared estate) is still
/// found. Rows without an LSOA or an ICB, or with a pseudo code for none (`L99999999`,
/// `E99999999`: the Channel Islands, postcodes not yet placed), are passed over.
pub fn lsoas_in_icbs(path: &Path, icbs: &[String]) -> Result<IcbLsoas, PublicDataError> {
    let (mut stream, header) = Stream::open(path)?;
    let lsoa_at = first_of(
        &header,
        &[Want::Named(&["lsoa21cd", "lsoa21"]), Want::Prefix("lsoa21")],
    )
    .ok_or_else(|| PublicDataError::MissingColumn {
        path: path.to_owned(),
        column: "'lsoa21cd' or 'lsoa21' (each postcode's LSOA 2021)".to_owned(),
        found: header.listing(),
    })?;
    let icb_at =
        header
            .find(Want::Prefix("icb"))
            .ok_or_else(|| PublicDataError::MissingColumn {
                path: path.to_owned(),
                column: "starting 'icb' (each postcode's Integrated Care Board, such as icb23cd)"
                    .to_owned(),
                found: header.listing(),
            })?;
    let mut tally = Tally::default();
    let mut record = csv::ByteRecord::new();
    // Neighbouring rows (postcodes in order) mostly share their LSOA and ICB: remembering the
    // last ones spares two hash look-ups a row.
    let (mut last_lsoa, mut last_icb) = (String::new(), String::new());
    let mut last: Option<(usize, usize)> = None;
    while stream.next(&mut record)? {
        let (lsoa, icb) = (text(&record, lsoa_at), text(&record, icb_at));
        if lsoa.is_empty() || icb.is_empty() || lsoa.ends_with(PSEUDO) {
            continue;
        }
        let (l, i) = match last {
            Some(key) if last_lsoa == lsoa && last_icb == icb => key,
            _ => {
                let key = (tally.lsoa(lsoa), tally.icb(icb));
                last_lsoa.clear();
                last_lsoa.push_str(lsoa);
                last_icb.clear();
                last_icb.push_str(icb);
                last = Some(key);
                key
            }
        };
        tally.count(l, i);
    }
    let wanted = |code: &str| icbs.iter().any(|w| w.eq_ignore_ascii_case(code));
    let mut lsoas: Vec<String> = tally
        .lsoas
        .iter()
        .filter(|(_, l)| tally.majority(**l).is_some_and(wanted))
        .map(|(code, _)| code.clone())
        .collect();
    lsoas.sort();
    Ok(IcbLsoas {
        lsoas,
        without_postcodes: icbs
            .iter()
            .filter(|w| !tally.icbs.iter().any(|seen| seen.eq_ignore_ascii_case(w)))
            .cloned()
            .collect(),
    })
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

    /// An LSOA goes to the ICB with most of its postcodes; a tie to the lower code, whatever
    /// order the rows come in.
    #[test]
    fn an_lsoa_belongs_to_the_icb_with_most_of_its_postcodes_and_a_tie_to_the_lower_code() {
        for order in [["E54000030", "E54000028"], ["E54000028", "E54000030"]] {
            let mut t = Tally::default();
            let (tie, most) = (t.lsoa("E01000120"), t.lsoa("E01000002"));
            for icb in order {
                let i = t.icb(icb);
                t.count(tie, i);
            }
            for icb in ["E54000030", "E54000029", "E54000029"] {
                let i = t.icb(icb);
                t.count(most, i);
            }
            assert_eq!(t.majority(tie), Some("E54000028"));
            assert_eq!(t.majority(most), Some("E54000029"));
        }
    }
}
