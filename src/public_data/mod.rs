//! Zones and sites from the official files a strategy team downloads: ONS population-weighted
//! centroids, the English Indices of Deprivation, Census 2021 tables, the ONS 2011-to-2021 LSOA
//! lookup, the NHS organisation data service's site and trust lists and the postcode directory.
//!
//! Each reader matches columns by name (case-insensitive, trimmed, a leading byte-order mark
//! removed; by prefix where releases change a name's tail), never by position except in the ODS
//! files, which have no header. Every value keeps the file and column it came from, so an
//! appraisal can say where each zone's figures were found.

pub mod apply;
pub mod census;
pub mod centroids;
pub mod columns;
pub mod deprivation;
pub mod grid;
pub mod kind;
pub mod lookup;
pub mod numbers;
pub mod ods;
pub mod postcodes;
pub mod sites;
pub mod table;
pub mod workbook;
pub mod zones;

use std::cell::RefCell;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::quote::shorten;

thread_local! {
    /// Where the CSV readers of this thread count the bytes they read, while a caller that
    /// shows progress has set it ([`counting_bytes`]). A thread-local, so the readers'
    /// signatures (shared with the command line) need not carry it.
    static COUNTER: RefCell<Option<Arc<AtomicU64>>> = const { RefCell::new(None) };
}

/// Puts the counter back as it was however `f` ends.
struct Restore(Option<Arc<AtomicU64>>);

impl Drop for Restore {
    fn drop(&mut self) {
        let previous = self.0.take();
        COUNTER.with(|c| *c.borrow_mut() = previous);
    }
}

/// Runs `f`, adding every byte the official files' CSV readers read on this thread to
/// `counter`: a long read (the postcode directory is over 1 GB) can then show a true bar.
pub fn counting_bytes<T>(counter: Arc<AtomicU64>, f: impl FnOnce() -> T) -> T {
    let _restore = Restore(COUNTER.with(|c| c.borrow_mut().replace(counter)));
    f()
}

/// A file whose reads are counted when a counter is set.
pub(crate) struct Counted {
    file: File,
    counter: Option<Arc<AtomicU64>>,
}

impl Read for Counted {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.file.read(buf)?;
        if let Some(c) = &self.counter {
            c.fetch_add(n as u64, Ordering::Relaxed);
        }
        Ok(n)
    }
}

/// Opens an official file for reading, counted (see [`counting_bytes`]).
pub(crate) fn open(path: &Path) -> Result<Counted, PublicDataError> {
    let file = File::open(path).map_err(|source| PublicDataError::Io {
        path: path.to_owned(),
        source,
    })?;
    Ok(Counted {
        file,
        counter: COUNTER.with(|c| c.borrow().clone()),
    })
}

/// Why an official file could not be read. Every variant names the file; row-level ones the
/// row (1-based, the header being row 1) and the column.
#[derive(Debug, thiserror::Error)]
pub enum PublicDataError {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}, row {row}: {source}", path.display())]
    Csv {
        path: PathBuf,
        row: u64,
        source: csv::Error,
    },
    #[error("{}: {what}", path.display())]
    WrongKind { path: PathBuf, what: String },
    #[error("{}: no column {column} (the header has: {found})", path.display())]
    MissingColumn {
        path: PathBuf,
        column: String,
        found: String,
    },
    #[error("{}, row {row}, column {column}: {reason}", path.display())]
    Value {
        path: PathBuf,
        row: u64,
        column: String,
        reason: String,
    },
    #[error("{}: the file has no rows", path.display())]
    Empty { path: PathBuf },
    #[error("{}: the workbook cannot be read: {reason}", path.display())]
    Workbook { path: PathBuf, reason: String },
    #[error("{}: no sheet has the columns of {kind} (the sheets are: {sheets})", path.display())]
    NoSheet {
        path: PathBuf,
        kind: String,
        sheets: String,
    },
}

impl PublicDataError {
    /// A bad value at `row` and `column` of `path`, quoting at most a short prefix of it.
    pub fn value(path: &Path, row: u64, column: &str, value: &str, reason: &str) -> Self {
        PublicDataError::Value {
            path: path.to_owned(),
            row,
            column: column.to_owned(),
            reason: format!("'{}' {reason}", shorten(value)),
        }
    }
}

/// The error for a first row that is not text: a binary file (an appraisal, a workbook) given
/// where a CSV file belongs.
pub(crate) fn not_text(path: &Path, e: &csv::Error) -> Option<PublicDataError> {
    matches!(e.kind(), csv::ErrorKind::Utf8 { .. }).then(|| binary(path))
}

/// [`not_text`] for a first row read as UTF-8: NUL bytes are valid UTF-8 but no text file has
/// them, and a binary file's bytes up to its first newline may happen to be valid UTF-8 (an
/// appraisal's SQLite header is, for some schemas).
pub(crate) fn binary_row(path: &Path, first: &csv::StringRecord) -> Result<(), PublicDataError> {
    if first.iter().any(|field| field.contains('\0')) {
        return Err(binary(path));
    }
    Ok(())
}

fn binary(path: &Path) -> PublicDataError {
    PublicDataError::WrongKind {
        path: path.to_owned(),
        what: "this is not a CSV text file (its first row is not text)".to_owned(),
    }
}

pub use crate::model::FileColumn;

/// Where a value came from: the file's name and the column's header as the file spells it.
pub(crate) fn source(path: &Path, column: &str) -> FileColumn {
    FileColumn {
        file: file_name(path),
        column: column.to_owned(),
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}
