//! Importing a travel matrix into the open appraisal with progress and cancel: the CSV is read
//! through a counting reader, so the window can show how far it has got and stop it part way.
//! The rows are checked by [`crate::travel::import`]; nothing changes unless every row is good.

use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use serde::Serialize;

use crate::model::{Appraisal, TravelMatrix};
use crate::travel::import::{ImportError, read_matrix_from};

/// How far an import has got; shared between the import and whoever shows or cancels it.
#[derive(Debug, Default)]
pub struct ImportProgress {
    read: AtomicU64,
    total: AtomicU64,
    running: AtomicBool,
    cancel: AtomicBool,
}

/// A moment's view of [`ImportProgress`], for the window.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ProgressView {
    pub read: u64,
    pub total: u64,
    pub running: bool,
}

impl ImportProgress {
    pub fn view(&self) -> ProgressView {
        ProgressView {
            read: self.read.load(Ordering::Relaxed),
            total: self.total.load(Ordering::Relaxed),
            running: self.running.load(Ordering::Relaxed),
        }
    }

    /// Asks a running import to stop; it returns [`MatrixImportError::Cancelled`].
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

#[derive(Debug, thiserror::Error)]
pub enum MatrixImportError {
    #[error("the import was cancelled; the travel matrix is as it was")]
    Cancelled,
    #[error("another travel matrix import is already running")]
    Busy,
    #[error("{problem}: give every zone a population before importing a travel matrix")]
    NoPopulation { problem: String },
    #[error(transparent)]
    Import(#[from] ImportError),
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Counts the bytes read and stops with an error once cancelled.
struct Counting<'a, R> {
    inner: R,
    progress: &'a ImportProgress,
}

impl<R: Read> Read for Counting<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.progress.cancel.load(Ordering::Relaxed) {
            return Err(std::io::Error::new(
                std::io::ErrorKind::Interrupted,
                "cancelled",
            ));
        }
        let n = self.inner.read(buf)?;
        self.progress.read.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// Going back (to read a file that is not plain again, row by row) counts from there.
impl<R: Seek> Seek for Counting<'_, R> {
    fn seek(&mut self, to: SeekFrom) -> std::io::Result<u64> {
        let at = self.inner.seek(to)?;
        self.progress.read.store(at, Ordering::Relaxed);
        Ok(at)
    }
}

/// Clears the running flag however the import ends.
struct Running<'a>(&'a ImportProgress);

impl Drop for Running<'_> {
    fn drop(&mut self) {
        self.0.running.store(false, Ordering::Relaxed);
    }
}

/// Reads the matrix in `csv` over `a`'s zones and sites, reporting through `progress`. Returns
/// the matrix and the number of rows. `a` needs only its zones and sites (the caller can pass a
/// copy of just those, so the open document stays free while a large file is read).
pub fn read(
    a: &Appraisal,
    csv: &Path,
    progress: &ImportProgress,
) -> Result<(TravelMatrix, u64), MatrixImportError> {
    if progress.running.swap(true, Ordering::Relaxed) {
        return Err(MatrixImportError::Busy);
    }
    let _running = Running(progress);
    progress.cancel.store(false, Ordering::Relaxed);
    progress.read.store(0, Ordering::Relaxed);
    if let Some(z) = a
        .zones
        .iter()
        .find(|z| z.population.is_nan() || z.population <= 0.0)
    {
        return Err(MatrixImportError::NoPopulation {
            problem: format!("zones/{}: {} has no population", z.code, z.name),
        });
    }
    let io = |source| MatrixImportError::Io {
        path: csv.to_owned(),
        source,
    };
    let file = std::fs::File::open(csv).map_err(io)?;
    let total = file.metadata().map_err(io)?.len();
    progress.total.store(total, Ordering::Relaxed);
    let reader = Counting {
        inner: std::io::BufReader::with_capacity(1 << 20, file),
        progress,
    };
    match read_matrix_from(a, reader, csv) {
        Ok(done) => Ok(done),
        Err(_) if progress.cancel.load(Ordering::Relaxed) => Err(MatrixImportError::Cancelled),
        Err(e) => Err(e.into()),
    }
}

/// The zones and sites of `a` (what [`read`] needs), without the rest of the model.
pub fn places_of(a: &Appraisal) -> Appraisal {
    let mut places = Appraisal::new(&a.meta.title);
    places.zones = a.zones.clone();
    places.sites = a.sites.clone();
    places
}

#[cfg(test)]
mod tests {
    use super::*;

    fn demo_csv(dir: &Path, a: &Appraisal) -> PathBuf {
        let mut text = String::from("zone,site,mode,minutes\n");
        for z in &a.zones {
            for s in &a.sites {
                text.push_str(&format!("{},{},car,12.5\n", z.code, s.code));
            }
        }
        let path = dir.join("matrix.csv");
        std::fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn a_matrix_is_read_with_its_progress_counted() {
        let dir = tempfile::tempdir().unwrap();
        let a = crate::demo::appraisal();
        let csv = demo_csv(dir.path(), &a);
        let progress = ImportProgress::default();
        let (matrix, rows) = read(&places_of(&a), &csv, &progress).unwrap();
        assert_eq!(rows as usize, a.zones.len() * a.sites.len());
        assert_eq!(matrix.values(), a.zones.len() * a.sites.len());
        let v = progress.view();
        assert_eq!(v.read, std::fs::metadata(&csv).unwrap().len());
        assert_eq!((v.total, v.running), (v.read, false));
    }

    #[test]
    fn a_cancelled_import_reads_nothing_more_and_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let a = crate::demo::appraisal();
        let csv = demo_csv(dir.path(), &a);
        let progress = ImportProgress::default();
        // Cancelled as it starts: the counting reader refuses the first read.
        let reader = Counting {
            inner: std::fs::File::open(&csv).unwrap(),
            progress: &progress,
        };
        progress.cancel();
        assert!(read_matrix_from(&a, reader, &csv).is_err());
        assert_eq!(progress.view().read, 0);
        // A new import clears the flag and runs.
        assert!(read(&a, &csv, &progress).is_ok());
    }

    #[test]
    fn a_bad_row_is_refused_naming_its_line() {
        let dir = tempfile::tempdir().unwrap();
        let csv = dir.path().join("bad.csv");
        std::fs::write(&csv, "zone,site,mode,minutes\nNOWHERE,STA,car,3\n").unwrap();
        let e = read(&crate::demo::appraisal(), &csv, &ImportProgress::default()).unwrap_err();
        assert!(e.to_string().contains("line 2"), "{e}");
    }
}
