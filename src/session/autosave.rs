//! Autosave: the unsaved appraisal written beside its file every few seconds, so a crash loses
//! seconds of work at most; removed when the file is saved, offered back when it is newer.
//!
//! The sidecar holds the JSON text form without the travel matrix, so an autosave never
//! rewrites ~100 MB. A matrix imported (or undone) since the file was saved goes once into a
//! second sidecar, an appraisal file of its own (`...-autosave-matrix`); recovery takes the
//! matrix from there when it exists and from the file otherwise.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::model::{Appraisal, TravelMatrix};
use crate::store::{self, StoreError};
use crate::textform::{self, TextformError};

/// What a sidecar's name ends with: `trust.appraisal` autosaves to `trust.appraisal-autosave`.
pub const SUFFIX: &str = "-autosave";

/// What the travel matrix's sidecar adds to the autosave's name.
pub const MATRIX_SUFFIX: &str = "-matrix";

/// The autosave of an untitled appraisal, in the app's data folder.
pub const UNTITLED: &str = "untitled.appraisal-autosave";

#[derive(Debug, thiserror::Error)]
pub enum AutosaveError {
    #[error("the autosave could not be written: {0}")]
    Write(TextformError),
    #[error("the autosave folder {} could not be made: {source}", path.display())]
    Folder {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the autosave could not be read: {0}")]
    Read(TextformError),
    #[error("the autosave of the travel matrix could not be written: {0}")]
    WriteMatrix(Box<StoreError>),
    #[error("the autosave of the travel matrix could not be read: {0}")]
    ReadMatrix(Box<StoreError>),
    #[error("the autosave {} could not be removed: {source}", path.display())]
    Remove {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Where the autosave of `file` (or of an untitled appraisal, kept in `untitled_dir`) goes.
pub fn autosave_path(file: Option<&Path>, untitled_dir: &Path) -> PathBuf {
    match file {
        Some(f) => {
            let mut name = f.as_os_str().to_owned();
            name.push(SUFFIX);
            PathBuf::from(name)
        }
        None => untitled_dir.join(UNTITLED),
    }
}

/// Writes `a` (without its travel matrix) to `path` under a temporary name, then renames it.
/// The folder is made if missing: on a first run the app's data folder does not exist yet.
pub fn write(a: &mut Appraisal, path: &Path) -> Result<(), AutosaveError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|source| AutosaveError::Folder {
            path: dir.to_owned(),
            source,
        })?;
    }
    let matrix = std::mem::take(&mut a.travel_matrix);
    let written = textform::write(a, path);
    a.travel_matrix = matrix;
    written.map_err(AutosaveError::Write)
}

/// Reads an autosave (its travel matrix is empty; take it from the file).
pub fn read(path: &Path) -> Result<Appraisal, AutosaveError> {
    textform::read(path).map_err(AutosaveError::Read)
}

/// Where the travel matrix of the autosave at `sidecar` goes.
pub fn matrix_path(sidecar: &Path) -> PathBuf {
    let mut name = sidecar.as_os_str().to_owned();
    name.push(MATRIX_SUFFIX);
    PathBuf::from(name)
}

/// Writes `a`, travel matrix included, as an appraisal file beside the autosave at `sidecar`:
/// the store keeps a matrix as a few hundred BLOBs, where the text form would spell out every
/// cell.
pub fn write_matrix(a: &Appraisal, sidecar: &Path) -> Result<(), AutosaveError> {
    store::create_replacing(&matrix_path(sidecar), a)
        .map_err(|e| AutosaveError::WriteMatrix(Box::new(e)))
}

/// The travel matrix autosaved beside `sidecar`, if one was.
pub fn read_matrix(sidecar: &Path) -> Result<Option<TravelMatrix>, AutosaveError> {
    let path = matrix_path(sidecar);
    if !path.exists() {
        return Ok(None);
    }
    let a = store::open(&path).map_err(|e| AutosaveError::ReadMatrix(Box::new(e)))?;
    Ok(Some(a.travel_matrix))
}

/// Removes an autosave and its matrix; one that is not there is fine.
pub fn remove(path: &Path) -> Result<(), AutosaveError> {
    remove_file(path)?;
    remove_matrix(path)
}

/// Removes the matrix beside the autosave at `sidecar` (the matrix is the file's again).
pub fn remove_matrix(sidecar: &Path) -> Result<(), AutosaveError> {
    remove_file(&matrix_path(sidecar))
}

fn remove_file(path: &Path) -> Result<(), AutosaveError> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(AutosaveError::Remove {
            path: path.to_owned(),
            source: e,
        }),
        _ => Ok(()),
    }
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// Whether an autosave at `sidecar` is worth offering: it exists and is newer than `file` (an
/// untitled autosave always is).
pub fn is_newer(sidecar: &Path, file: Option<&Path>) -> bool {
    match (modified(sidecar), file.map(modified)) {
        (None, _) => false,
        (Some(_), None) => true,
        (Some(_), Some(None)) => true,
        (Some(s), Some(Some(f))) => s > f,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{TravelMatrix, TravelMode};

    #[test]
    fn sidecar_names() {
        let dir = Path::new("/data");
        assert_eq!(
            autosave_path(Some(Path::new("/x/trust.appraisal")), dir),
            PathBuf::from("/x/trust.appraisal-autosave")
        );
        assert_eq!(
            autosave_path(None, dir),
            PathBuf::from("/data/untitled.appraisal-autosave")
        );
    }

    #[test]
    fn an_autosave_round_trips_without_the_matrix() {
        let dir = tempfile::tempdir().unwrap();
        // The data folder of a first run does not exist yet.
        let path = dir.path().join("data").join("a.appraisal-autosave");
        let mut a = crate::demo::appraisal();
        a.travel_matrix =
            TravelMatrix::empty(vec!["Z".into()], vec!["S".into()], vec![TravelMode::Car]);
        write(&mut a, &path).unwrap();
        assert_eq!(
            a.travel_matrix.zones(),
            ["Z"],
            "the document keeps its matrix"
        );
        let back = read(&path).unwrap();
        assert!(back.travel_matrix.is_empty());
        assert_eq!(back.meta, a.meta);
        assert_eq!(back.scores, a.scores);
        assert!(is_newer(&path, None));
        remove(&path).unwrap();
        assert!(!path.exists());
        remove(&path).unwrap();
        assert!(!is_newer(&path, None));
    }
}
