//! Importing a zone x site travel-time matrix from CSV (from whatever routing or public
//! transport model the team uses): streamed, every row checked, and written in one transaction
//! only if every row is good.
//!
//! The CSV has a header row naming the columns `zone`, `site`, `mode` and `minutes` (in any
//! order; other columns are refused). `mode` is `car`, or `public_transport` or `pt`, in any
//! case. `minutes` is a non-negative decimal number. Each (zone, site, mode) appears at most
//! once; cells absent from the file have no value and are estimated when travel is assessed.
//! The import replaces the whole matrix.

mod cells;
mod chunked;
mod number;

use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::model::{Appraisal, AuditEntry, TravelMatrix, TravelMode};
use crate::quote::{shorten, shorten_bytes};
use crate::store::{self, StoreError};
use cells::ModeCells;

/// The columns the header must name.
const COLUMNS: [&str; 4] = ["zone", "site", "mode", "minutes"];

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: line {line}, field {field}: {reason}", path.display())]
    Row {
        path: PathBuf,
        line: u64,
        field: &'static str,
        reason: String,
    },
    #[error("{}: line {line}: {reason}", path.display())]
    Malformed {
        path: PathBuf,
        line: u64,
        reason: String,
    },
    #[error("{}: line 1: {reason}", path.display())]
    Header { path: PathBuf, reason: String },
    #[error("{}: {problem}: give every zone a population before importing a travel matrix", path.display())]
    Appraisal { path: PathBuf, problem: String },
    #[error(
        "{}: the file has a header but no rows: importing it would delete the travel matrix; nothing was changed (to clear the matrix on purpose, run import-matrix with --clear)",
        path.display()
    )]
    NoRows { path: PathBuf },
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What to do with a file that has a header but no rows: by default it is refused, since
/// importing it would silently delete a matrix of perhaps millions of times.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NoRows {
    #[default]
    Refuse,
    /// The analyst asked for the matrix to be cleared.
    Clear,
}

/// What an import read and wrote.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Imported {
    pub rows: u64,
    pub zones: usize,
    pub sites: usize,
    pub modes: Vec<TravelMode>,
    /// The audit entry recorded; None when the matrix was already exactly this.
    pub audit: Option<AuditEntry>,
}

/// Reads `csv` into a matrix over all of `a`'s zones and sites, and the modes the file uses.
/// Stops at the first bad row; a file with no rows is refused ([`NoRows::Refuse`]).
pub fn read_matrix(a: &Appraisal, csv_path: &Path) -> Result<(TravelMatrix, u64), ImportError> {
    read_matrix_with(a, csv_path, NoRows::Refuse)
}

/// [`read_matrix`], saying what a file with no rows does.
pub fn read_matrix_with(
    a: &Appraisal,
    csv_path: &Path,
    no_rows: NoRows,
) -> Result<(TravelMatrix, u64), ImportError> {
    let file = std::fs::File::open(csv_path).map_err(|source| ImportError::Io {
        path: csv_path.to_owned(),
        source,
    })?;
    read_matrix_from_with(
        a,
        std::io::BufReader::with_capacity(1 << 20, file),
        csv_path,
        no_rows,
    )
}

/// Like [`read_matrix`], from any reader that can go back to where it started; `path` only
/// names the source in errors. The desktop's import reads through this, so it refuses a file
/// with no rows too.
pub fn read_matrix_from(
    a: &Appraisal,
    reader: impl Read + Seek,
    path: &Path,
) -> Result<(TravelMatrix, u64), ImportError> {
    read_matrix_from_with(a, reader, path, NoRows::Refuse)
}

/// [`read_matrix_from`], saying what a file with no rows does.
///
/// A plain file (no quotes, every row good) is read in parallel batches (see chunked.rs); any
/// other is read again from where it started, row by row, so the first bad row in the file is
/// the one named, with its line and field. Both readings give the same matrix.
pub fn read_matrix_from_with(
    a: &Appraisal,
    reader: impl Read + Seek,
    path: &Path,
    no_rows: NoRows,
) -> Result<(TravelMatrix, u64), ImportError> {
    read_batched(a, reader, path, no_rows, chunked::BATCH)
}

/// [`read_matrix_from_with`], the plain reading taking `batch` bytes at a time.
fn read_batched(
    a: &Appraisal,
    mut reader: impl Read + Seek,
    path: &Path,
    no_rows: NoRows,
    batch: usize,
) -> Result<(TravelMatrix, u64), ImportError> {
    let io = |source| ImportError::Io {
        path: path.to_owned(),
        source,
    };
    let start = reader.stream_position().map_err(io)?;
    let (cells, rows) = match chunked::read(a, &mut reader, batch) {
        Some(read) if read.1 > 0 => read,
        _ => {
            reader.seek(SeekFrom::Start(start)).map_err(io)?;
            read_rows(a, reader, path, no_rows)?
        }
    };
    let (modes, cells) = cells.into_modes_and_cells();
    let matrix = TravelMatrix::new(
        a.zones.iter().map(|z| z.code.clone()).collect(),
        a.sites.iter().map(|s| s.code.clone()).collect(),
        modes,
        cells,
    )
    .map_err(|e| ImportError::Header {
        path: path.to_owned(),
        reason: e.to_string(),
    })?;
    Ok((matrix, rows))
}

/// The columns of `names`, a header row, in the order zone, site, mode, minutes.
fn columns_of(names: &csv::ByteRecord, path: &Path) -> Result<[usize; 4], ImportError> {
    let header = |reason: String| ImportError::Header {
        path: path.to_owned(),
        reason,
    };
    let mut at = [usize::MAX; 4];
    for (i, name) in names.iter().enumerate() {
        let name = shorten_bytes(name).trim().to_lowercase();
        match COLUMNS.iter().position(|c| *c == name) {
            Some(c) if at[c] == usize::MAX => at[c] = i,
            Some(_) => return Err(header(format!("the column '{name}' is named twice"))),
            None => {
                return Err(header(format!(
                    "unknown column '{name}': the header must name zone, site, mode and minutes"
                )));
            }
        }
    }
    if let Some(c) = at.iter().position(|i| *i == usize::MAX) {
        return Err(header(format!(
            "no '{}' column: the header must name zone, site, mode and minutes",
            COLUMNS[c]
        )));
    }
    Ok(at)
}

/// One axis's codes by their bytes, remembering the last found: files are usually sorted by
/// zone or site, so most rows name the code the row before did.
struct Lookup<'a> {
    index: FxHashMap<&'a [u8], u32>,
    last: Option<(Vec<u8>, u32)>,
}

impl<'a> Lookup<'a> {
    fn new(codes: impl Iterator<Item = &'a str>) -> Self {
        Lookup {
            index: codes
                .enumerate()
                .map(|(i, c)| (c.as_bytes(), i as u32))
                .collect(),
            last: None,
        }
    }

    fn find(&mut self, code: &[u8]) -> Option<u32> {
        match &self.last {
            Some((last, i)) if last.as_slice() == code => Some(*i),
            _ => {
                let i = *self.index.get(code)?;
                self.last = Some((code.to_vec(), i));
                Some(i)
            }
        }
    }
}

/// The general reading, one CSV record at a time: stops at the first bad row, naming its
/// line and field.
fn read_rows(
    a: &Appraisal,
    reader: impl Read,
    path: &Path,
    no_rows: NoRows,
) -> Result<(ModeCells, u64), ImportError> {
    let mut csv = csv::ReaderBuilder::new()
        .has_headers(true)
        .buffer_capacity(1 << 20)
        .from_reader(reader);
    let malformed = |e: csv::Error| match e.position() {
        Some(p) => ImportError::Malformed {
            path: path.to_owned(),
            line: p.line(),
            reason: e.to_string(),
        },
        None => match e.into_kind() {
            csv::ErrorKind::Io(source) => ImportError::Io {
                path: path.to_owned(),
                source,
            },
            kind => ImportError::Malformed {
                path: path.to_owned(),
                line: 0,
                reason: format!("{kind:?}"),
            },
        },
    };
    let names = csv.byte_headers().map_err(malformed)?.clone();
    let [zone_at, site_at, mode_at, minutes_at] = columns_of(&names, path)?;

    let mut zone_codes = Lookup::new(a.zones.iter().map(|z| z.code.as_str()));
    let mut site_codes = Lookup::new(a.sites.iter().map(|s| s.code.as_str()));
    let zones = a.zones.len();
    let mut cells = ModeCells::new(zones, a.sites.len());
    let mut record = csv::ByteRecord::new();
    let mut rows = 0u64;
    while csv.read_byte_record(&mut record).map_err(malformed)? {
        rows += 1;
        let line = record.position().map_or(rows + 1, |p| p.line());
        let bad = |field: &'static str, reason: String| ImportError::Row {
            path: path.to_owned(),
            line,
            field,
            reason,
        };
        let text = |i: usize| record.get(i).unwrap_or_default();

        let unknown = |field: &'static str, code: &[u8]| {
            bad(field, format!("unknown {field} '{}'", shorten_bytes(code)))
        };
        let zone_code = text(zone_at);
        let zone = zone_codes
            .find(zone_code)
            .ok_or_else(|| unknown("zone", zone_code))?;
        let site_code = text(site_at);
        let site = site_codes
            .find(site_code)
            .ok_or_else(|| unknown("site", site_code))?;
        let mode_text = text(mode_at);
        let mode = parse_mode(mode_text).ok_or_else(|| {
            bad(
                "mode",
                format!(
                    "unknown mode '{}': use car, car_peak, blue_light, public_transport or pt",
                    shorten_bytes(mode_text)
                ),
            )
        })?;
        let minutes = parse_minutes(text(minutes_at)).map_err(|reason| bad("minutes", reason))?;

        let cell = cells.cell(mode_position(mode), site as usize * zones + zone as usize);
        if !cell.is_nan() {
            return Err(bad(
                "zone",
                format!(
                    "duplicate row: zone {}, site {}, mode {} already has a time",
                    a.zones[zone as usize].code,
                    a.sites[site as usize].code,
                    crate::store::mode_name(mode)
                ),
            ));
        }
        *cell = minutes;
    }
    if rows == 0 && no_rows == NoRows::Refuse {
        return Err(ImportError::NoRows {
            path: path.to_owned(),
        });
    }
    Ok((cells, rows))
}

/// A mode's place in [`TravelMode::ALL`].
fn mode_position(mode: TravelMode) -> usize {
    match mode {
        TravelMode::Car => 0,
        TravelMode::CarPeak => 1,
        TravelMode::BlueLight => 2,
        TravelMode::PublicTransport => 3,
    }
}

/// A mode's name in a file: `car` (off-peak), `car_peak`, `blue_light`, `public_transport`
/// or `pt`, in any case.
fn parse_mode(text: &[u8]) -> Option<TravelMode> {
    let text = text.trim_ascii();
    let names: [(&[u8], TravelMode); 5] = [
        (b"car", TravelMode::Car),
        (b"car_peak", TravelMode::CarPeak),
        (b"blue_light", TravelMode::BlueLight),
        (b"public_transport", TravelMode::PublicTransport),
        (b"pt", TravelMode::PublicTransport),
    ];
    names
        .iter()
        .find(|(name, _)| text.eq_ignore_ascii_case(name))
        .map(|(_, mode)| *mode)
}

/// Minutes as a non-negative number; a plain decimal is read without going through text.
fn parse_minutes(bytes: &[u8]) -> Result<f32, String> {
    if let Some(value) = number::plain_decimal(bytes) {
        return Ok(value);
    }
    let text = std::str::from_utf8(bytes)
        .map_err(|_| "the minutes are not text".to_owned())?
        .trim();
    if text.is_empty() {
        return Err("no minutes given".to_owned());
    }
    let value: f32 = text
        .parse()
        .map_err(|_| format!("'{}' is not a number of minutes", shorten(text)))?;
    if !value.is_finite() {
        Err(format!("'{}' is not a number of minutes", shorten(text)))
    } else if value < 0.0 {
        Err(format!("{} minutes is negative", shorten(text)))
    } else {
        // -0 is stored as 0.
        Ok(value + 0.0)
    }
}

/// Imports `csv_path` into the appraisal file `file`, replacing its travel matrix: every row is
/// read and checked first, and the file is written in one transaction only if all are good, with
/// one audit entry. The appraisal's zones must all have a population. A file with no rows is
/// refused: see [`import_matrix_with`] to clear the matrix with one.
pub fn import_matrix(file: &Path, csv_path: &Path) -> Result<Imported, ImportError> {
    import_matrix_with(file, csv_path, NoRows::Refuse)
}

/// [`import_matrix`], saying what a file with no rows does (`appraise import-matrix --clear`).
pub fn import_matrix_with(
    file: &Path,
    csv_path: &Path,
    no_rows: NoRows,
) -> Result<Imported, ImportError> {
    // The stored matrix is compared with the new one a column at a time when it is replaced.
    let a = store::open_without_matrix(file)?;
    if let Some(z) = a
        .zones
        .iter()
        .find(|z| z.population.is_nan() || z.population <= 0.0)
    {
        return Err(ImportError::Appraisal {
            path: file.to_owned(),
            problem: format!("zones/{}: {} has no population", z.code, z.name),
        });
    }
    let (matrix, rows) = read_matrix_with(&a, csv_path, no_rows)?;
    let source = csv_path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned());
    let audit =
        store::replace_travel_matrix(file, &matrix, source.as_deref(), &store::Revision::of(&a))?;
    Ok(Imported {
        rows,
        zones: matrix.zones().len(),
        sites: matrix.sites().len(),
        modes: matrix.modes().to_vec(),
        audit,
    })
}

#[cfg(test)]
mod tests;
