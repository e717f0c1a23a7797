//! The `.appraisal` file: one SQLite database per appraisal (SQLite as an application file format).
//!
//! Opening never changes a file: a file from an older version is upgraded in memory and written
//! back in the new layout only when saved. Every save is one transaction and appends what changed
//! to the file's audit trail.

mod diff;
mod header;
mod matrix;
mod read;
mod schema;
mod write;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, TransactionBehavior};

use crate::model::{Appraisal, AuditEntry, ExportRecord, TravelMatrix};
use crate::validate::{self, Problem};

pub use diff::{Change, changes, matrix_change};
pub use read::ReadError;
pub use schema::{APPLICATION_ID, LATEST_VERSION, migrations, migrations_to};

/// The extension appraisal files carry.
pub const EXTENSION: &str = "appraisal";

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{} is not an appraisal file: {reason}", path.display())]
    NotAnAppraisal { path: PathBuf, reason: String },
    #[error("{} is damaged and cannot be opened: {detail}", path.display())]
    Corrupt { path: PathBuf, detail: String },
    #[error(
        "{} was saved by a newer version of Appraise (file version {found}; this version reads up to {supported}): update Appraise to open it",
        path.display()
    )]
    TooNew {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    #[error("{} already exists: choose another name or remove it first", path.display())]
    AlreadyExists { path: PathBuf },
    #[error("{} was not written: {}", path.display(), describe(problems))]
    Invalid {
        path: PathBuf,
        problems: Vec<Problem>,
    },
    #[error("{}: {source}", path.display())]
    Database {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("{}: the file could not be upgraded to this version's layout: {source}", path.display())]
    Upgrade {
        path: PathBuf,
        source: rusqlite_migration::Error,
    },
    #[error("{}: {source}", path.display())]
    Read { path: PathBuf, source: ReadError },
}

fn describe(problems: &[Problem]) -> String {
    match problems {
        [] => "no problem recorded".to_owned(),
        [one] => one.to_string(),
        [first, rest @ ..] => format!("{first} (and {} more problems)", rest.len()),
    }
}

impl StoreError {
    /// A stable code the user interface can branch on.
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::Io { .. } => "io",
            StoreError::NotAnAppraisal { .. } => "not_an_appraisal",
            StoreError::Corrupt { .. } => "corrupt",
            StoreError::TooNew { .. } => "too_new",
            StoreError::AlreadyExists { .. } => "already_exists",
            StoreError::Invalid { .. } => "invalid",
            StoreError::Database { .. } => "database",
            StoreError::Upgrade { .. } => "upgrade",
            StoreError::Read { .. } => "read",
        }
    }
}

/// Attaches the file's path to the errors of one operation.
struct Ctx<'a>(&'a Path);

impl Ctx<'_> {
    fn db(&self, source: rusqlite::Error) -> StoreError {
        StoreError::Database {
            path: self.0.to_owned(),
            source,
        }
    }
    fn upgrade(&self, source: rusqlite_migration::Error) -> StoreError {
        StoreError::Upgrade {
            path: self.0.to_owned(),
            source,
        }
    }
    fn read(&self, source: ReadError) -> StoreError {
        match source {
            ReadError::Sqlite(rusqlite::Error::QueryReturnedNoRows) => StoreError::Corrupt {
                path: self.0.to_owned(),
                detail: "it holds no appraisal".to_owned(),
            },
            source => StoreError::Read {
                path: self.0.to_owned(),
                source,
            },
        }
    }
    fn io(&self, source: std::io::Error) -> StoreError {
        StoreError::Io {
            path: self.0.to_owned(),
            source,
        }
    }
}

/// Reads the whole appraisal from a file, leaving the file untouched.
pub fn open(path: &Path) -> Result<Appraisal, StoreError> {
    let ctx = Ctx(path);
    let header = header::check(path)?;
    let file = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| ctx.db(e))?;
    integrity_check(&file, path)?;
    if header.version == LATEST_VERSION {
        return read::appraisal(&file).map_err(|e| ctx.read(e));
    }
    let mut memory = Connection::open_in_memory().map_err(|e| ctx.db(e))?;
    rusqlite::backup::Backup::new(&file, &mut memory)
        .and_then(|b| b.run_to_completion(256, std::time::Duration::ZERO, None))
        .map_err(|e| ctx.db(e))?;
    migrations()
        .to_latest(&mut memory)
        .map_err(|e| ctx.upgrade(e))?;
    read::appraisal(&memory).map_err(|e| ctx.read(e))
}

/// Writes `appraisal` to a new file, exactly as given (its audit trail and export records too).
///
/// The file is built under a temporary name beside `path` and renamed into place, so a failure
/// never leaves a half-written appraisal.
pub fn create(path: &Path, appraisal: &Appraisal) -> Result<(), StoreError> {
    create_file(path, appraisal, false)
}

/// Like [`create`], but replaces a file already at `path` (only once the new one is complete).
pub fn create_replacing(path: &Path, appraisal: &Appraisal) -> Result<(), StoreError> {
    create_file(path, appraisal, true)
}

fn create_file(path: &Path, appraisal: &Appraisal, replace: bool) -> Result<(), StoreError> {
    let ctx = Ctx(path);
    if !replace && path.exists() {
        return Err(StoreError::AlreadyExists {
            path: path.to_owned(),
        });
    }
    refuse_invalid(path, appraisal)?;
    let temp = temp_beside(path);
    let written = write_new(&temp, appraisal);
    let renamed = written.and_then(|()| std::fs::rename(&temp, path).map_err(|e| ctx.io(e)));
    if renamed.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    renamed
}

fn write_new(temp: &Path, appraisal: &Appraisal) -> Result<(), StoreError> {
    let ctx = Ctx(temp);
    let mut conn = Connection::open(temp).map_err(|e| ctx.db(e))?;
    conn.execute_batch(&format!(
        "PRAGMA application_id = {APPLICATION_ID}; PRAGMA foreign_keys = ON;"
    ))
    .map_err(|e| ctx.db(e))?;
    migrations()
        .to_latest(&mut conn)
        .map_err(|e| ctx.upgrade(e))?;
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(|e| ctx.db(e))?;
    write::replace_content(&tx, appraisal)
        .and_then(|()| matrix::replace(&tx, &appraisal.travel_matrix))
        .and_then(|()| write::append_audit(&tx, &appraisal.audit))
        .and_then(|()| write::append_exports(&tx, &appraisal.exports))
        .and_then(|()| tx.commit())
        .map_err(|e| ctx.db(e))?;
    conn.close().map_err(|(_, e)| ctx.db(e))
}

/// Saves `appraisal` over an existing file in one transaction, recording each changed field in
/// the audit trail. Returns the number of changes recorded; afterwards `appraisal.audit` and
/// `appraisal.exports` are the file's.
pub fn save(path: &Path, appraisal: &mut Appraisal) -> Result<usize, StoreError> {
    let ctx = Ctx(path);
    header::check(path)?;
    refuse_invalid(path, appraisal)?;
    let mut conn = open_for_writing(path)?;
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(|e| ctx.db(e))?;
    let stored = read::appraisal(&tx).map_err(|e| ctx.read(e))?;
    let (at, who) = (now(), user());
    let entries: Vec<AuditEntry> = changes(&stored, appraisal)
        .into_iter()
        .map(|c| AuditEntry {
            at: at.clone(),
            who: who.clone(),
            what: c.what,
            old: c.old,
            new: c.new,
        })
        .collect();
    if !entries.is_empty() {
        write::replace_content(&tx, appraisal)
            .and_then(|()| {
                // Rewriting a national matrix costs ~100 MB of writes: only when it changed.
                if stored.travel_matrix == appraisal.travel_matrix {
                    Ok(())
                } else {
                    matrix::replace(&tx, &appraisal.travel_matrix)
                }
            })
            .and_then(|()| write::append_audit(&tx, &entries))
            .map_err(|e| ctx.db(e))?;
    }
    tx.commit().map_err(|e| ctx.db(e))?;
    let count = entries.len();
    appraisal.audit = stored.audit;
    appraisal.audit.extend(entries);
    appraisal.exports = stored.exports;
    Ok(count)
}

/// Opens an existing appraisal file for writing: recognised, intact, upgraded to this version's
/// layout, foreign keys on.
fn open_for_writing(path: &Path) -> Result<Connection, StoreError> {
    let ctx = Ctx(path);
    header::check(path)?;
    let mut conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| ctx.db(e))?;
    integrity_check(&conn, path)?;
    conn.execute_batch("PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;")
        .map_err(|e| ctx.db(e))?;
    migrations()
        .to_latest(&mut conn)
        .map_err(|e| ctx.upgrade(e))?;
    Ok(conn)
}

/// Replaces the file's travel matrix with `matrix` in one transaction, leaving the rest of the
/// appraisal as it is, and records one summarised audit entry (`source` names where the matrix
/// came from). Returns that entry, or None when the matrix was unchanged and nothing was written.
/// The matrix is checked against the file's zones and sites first; on any error the file is
/// untouched.
pub fn replace_travel_matrix(
    path: &Path,
    matrix: &TravelMatrix,
    source: Option<&str>,
) -> Result<Option<AuditEntry>, StoreError> {
    let ctx = Ctx(path);
    let mut conn = open_for_writing(path)?;
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(|e| ctx.db(e))?;
    let codes = |sql: &str| -> rusqlite::Result<Vec<String>> {
        let mut stmt = tx.prepare(sql)?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect()
    };
    let zones = codes("SELECT code FROM zones").map_err(|e| ctx.db(e))?;
    let sites = codes("SELECT code FROM sites").map_err(|e| ctx.db(e))?;
    let problems = validate::travel_matrix(
        zones.iter().map(String::as_str),
        sites.iter().map(String::as_str),
        matrix,
    );
    if !problems.is_empty() {
        return Err(StoreError::Invalid {
            path: path.to_owned(),
            problems,
        });
    }
    let stored = matrix::read(&tx).map_err(|e| ctx.read(e))?;
    let Some(change) = matrix_change(&stored, matrix, source) else {
        return Ok(None);
    };
    let entry = audit_entry(&change.what, change.old, change.new);
    matrix::replace(&tx, matrix)
        .and_then(|()| write::append_audit(&tx, std::slice::from_ref(&entry)))
        .and_then(|()| tx.commit())
        .map_err(|e| ctx.db(e))?;
    Ok(Some(entry))
}

/// The name a mode is stored and written under (`car`, `public_transport`).
pub fn mode_name(mode: crate::model::TravelMode) -> String {
    write::name_of(&mode)
}

/// Appends one export record to the file's `exports` table, with an audit entry "report
/// exported", in one transaction; the rest of the file is left as it is.
pub fn record_export(path: &Path, record: &ExportRecord) -> Result<(), StoreError> {
    let ctx = Ctx(path);
    let mut conn = open_for_writing(path)?;
    let note = format!(
        "report exported to {} (fingerprint {})",
        record.path, record.fingerprint
    );
    let entry = AuditEntry {
        at: record.at.clone(),
        who: user(),
        what: "exports".to_owned(),
        old: None,
        new: Some(serde_json::Value::String(note).to_string()),
    };
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(|e| ctx.db(e))?;
    write::append_exports(&tx, std::slice::from_ref(record))
        .and_then(|()| write::append_audit(&tx, &[entry]))
        .and_then(|()| tx.commit())
        .map_err(|e| ctx.db(e))
}

/// An audit entry stamped now by the current OS user, for events the caller records itself.
pub fn audit_entry(what: &str, old: Option<String>, new: Option<String>) -> AuditEntry {
    AuditEntry {
        at: now(),
        who: user(),
        what: what.to_owned(),
        old,
        new,
    }
}

fn refuse_invalid(path: &Path, appraisal: &Appraisal) -> Result<(), StoreError> {
    let problems = validate::integrity(appraisal);
    if problems.is_empty() {
        Ok(())
    } else {
        Err(StoreError::Invalid {
            path: path.to_owned(),
            problems,
        })
    }
}

fn integrity_check(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let corrupt = |detail: String| StoreError::Corrupt {
        path: path.to_owned(),
        detail,
    };
    let verdict: String = conn
        .query_row("PRAGMA quick_check", [], |r| r.get(0))
        .map_err(|e| corrupt(e.to_string()))?;
    if verdict == "ok" {
        Ok(())
    } else {
        Err(corrupt(verdict))
    }
}

fn temp_beside(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".{}.partial", std::process::id()));
    path.with_file_name(name)
}

fn now() -> String {
    timestamp(time::OffsetDateTime::now_utc())
}

/// The RFC 3339 UTC form the file's audit and export records use.
pub fn timestamp(at: time::OffsetDateTime) -> String {
    let format =
        time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]Z");
    at.to_offset(time::UtcOffset::UTC)
        .format(&format)
        .unwrap_or_else(|_| "unknown time".to_owned())
}

fn user() -> String {
    whoami::username().unwrap_or_else(|_| "unknown user".to_owned())
}
