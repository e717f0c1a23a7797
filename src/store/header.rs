//! Recognising an appraisal file from its first 100 bytes, before SQLite touches it.

use std::io::Read;
use std::path::Path;

use super::StoreError;
use super::schema::{APPLICATION_ID, LATEST_VERSION};

const MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// What the header says about a file that is an appraisal this build can read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Header {
    pub version: u32,
    /// Another program switched the file to write-ahead logging, which leaves `-wal` and
    /// `-shm` files beside it after every read; Appraise's own files use a rollback journal.
    pub wal: bool,
}

/// Reads the SQLite header and refuses anything that is not an appraisal this build can read.
///
/// Reading the header needs no SQLite connection, so a refused file is never opened, locked or
/// journalled: it stays byte-for-byte as it was.
pub fn check(path: &Path) -> Result<Header, StoreError> {
    let mut bytes = Vec::with_capacity(100);
    std::fs::File::open(path)
        .and_then(|f| f.take(100).read_to_end(&mut bytes))
        .map_err(|source| StoreError::Io {
            path: path.to_owned(),
            source,
        })?;
    let not_ours = |reason: &str| StoreError::NotAnAppraisal {
        path: path.to_owned(),
        reason: reason.to_owned(),
    };
    if bytes.len() < 100 || &bytes[..16] != MAGIC {
        return Err(not_ours("it is not an SQLite database"));
    }
    let be =
        |at: usize| u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
    if be(68) != APPLICATION_ID {
        return Err(not_ours(
            "it is an SQLite database written by another program (application id differs)",
        ));
    }
    let version = be(60);
    if version > LATEST_VERSION {
        return Err(StoreError::TooNew {
            path: path.to_owned(),
            found: version,
            supported: LATEST_VERSION,
        });
    }
    if version == 0 {
        return Err(StoreError::Corrupt {
            path: path.to_owned(),
            detail: "the schema version is missing".to_owned(),
        });
    }
    Ok(Header {
        version,
        wal: bytes[18] == 2 || bytes[19] == 2,
    })
}
