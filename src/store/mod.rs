//! The `.appraisal` file: one SQLite database per appraisal (SQLite as an application file format).
//!
//! Opening never changes a file: a file from an older version is upgraded in memory and written
//! back in the new layout only when saved. Every save is one transaction and appends what changed
//! to the file's audit trail.

mod diff;
mod foreign;
mod header;
mod matrix;
pub mod partial;
mod read;
mod read_error;
mod recovery;
mod revision;
mod road_layer;
mod schema;
mod write;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, TransactionBehavior};

use crate::model::{Appraisal, AuditEntry, ExportRecord, TravelMatrix};
use crate::validate::{self, Problem};

pub use diff::{Change, changes, changes_noting, matrix_change};
pub use foreign::Object;
pub use read::ReadError;
pub use recovery::RECOVERED;
pub use revision::Revision;
pub use schema::{APPLICATION_ID, LATEST_VERSION, migrations, migrations_to};

/// How long a read or write waits for another program's transaction on the same file to end.
const BUSY_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

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
    #[error(
        "{} changed while this change was being made (another program or window wrote to it); nothing was written: open the file again and repeat the change",
        path.display()
    )]
    Changed { path: PathBuf },
    #[error(
        "{} was altered by another program ({}): Appraise will not read or write it",
        path.display(), list(objects)
    )]
    Altered { path: PathBuf, objects: Vec<Object> },
    #[error(
        "{} is being written by another program or window and stayed busy: try again in a moment",
        path.display()
    )]
    Busy { path: PathBuf },
    #[error(
        "{} holds a save that was interrupted; undoing it needs permission to write to the file: {source}",
        path.display()
    )]
    Interrupted {
        path: PathBuf,
        source: rusqlite::Error,
    },
}

fn list(objects: &[Object]) -> String {
    let named: Vec<String> = objects.iter().map(|o| format!("{o} changed")).collect();
    named.join(", ")
}

/// Something to tell the user about a file that opened.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    /// A save that a crash interrupted was undone; the file is as last saved.
    Recovered,
    /// Schema objects another program added: ignored now, removed at the next write.
    Foreign(Vec<Object>),
}

impl std::fmt::Display for Notice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Notice::Recovered => f.write_str(RECOVERED),
            Notice::Foreign(objects) => {
                let named: Vec<String> = objects.iter().map(Object::to_string).collect();
                let (what, they) = if objects.len() == 1 {
                    ("an object", "it is")
                } else {
                    ("objects", "they are")
                };
                write!(
                    f,
                    "the file holds {what} that Appraise did not create ({}): {they} ignored, and removed (with an audit entry) when the file is next written",
                    named.join(", ")
                )
            }
        }
    }
}

/// An appraisal read from a file, with what the user should be told about the file.
#[derive(Debug)]
pub struct Opened {
    pub appraisal: Appraisal,
    pub notices: Vec<Notice>,
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
            StoreError::Changed { .. } => "changed",
            StoreError::Altered { .. } => "altered",
            StoreError::Interrupted { .. } => "interrupted",
            StoreError::Busy { .. } => "busy",
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

/// Reads the whole appraisal from a file. The file is left untouched, except that a save a crash
/// interrupted is rolled back first (see [`open_reporting`]).
pub fn open(path: &Path) -> Result<Appraisal, StoreError> {
    open_reporting(path).map(|o| o.appraisal)
}

/// Reads the appraisal with its travel matrix left in the file (an empty one in its place):
/// for a caller about to replace the matrix, which would only drop the old one's cells (84 MB
/// at national scale).
pub fn open_without_matrix(path: &Path) -> Result<Appraisal, StoreError> {
    open_with(path, read::Matrix::Left).map(|o| o.appraisal)
}

/// Reads the whole appraisal from a file, with what the user should be told: a save a crash
/// interrupted was rolled back (and recorded in the audit trail), or the file holds schema
/// objects another program added.
pub fn open_reporting(path: &Path) -> Result<Opened, StoreError> {
    open_with(path, read::Matrix::Read)
}

fn open_with(path: &Path, matrix: read::Matrix) -> Result<Opened, StoreError> {
    let ctx = Ctx(path);
    header::check(path)?;
    let mut notices = Vec::new();
    if recovery::roll_back_interrupted(path)? {
        notices.push(Notice::Recovered);
    }
    let mut header = header::check(path)?;
    if header.wal {
        recovery::leave_write_ahead_log(path)?;
        header = header::check(path)?;
    }
    let file = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| ctx.db(e))?;
    file.busy_timeout(BUSY_WAIT).map_err(|e| ctx.db(e))?;
    // One read transaction, so the appraisal and the revision a later write checks against come
    // from the same state of the file even while another program writes to it.
    let file = file.unchecked_transaction().map_err(|e| ctx.db(e))?;
    integrity_check(&file, path)?;
    let added = foreign_objects(&file, path, header.version)?;
    if !added.is_empty() {
        notices.push(Notice::Foreign(added));
    }
    let appraisal = if header.version == LATEST_VERSION {
        read::appraisal(&file, matrix).map_err(|e| ctx.read(e))?
    } else {
        let mut memory = Connection::open_in_memory().map_err(|e| ctx.db(e))?;
        rusqlite::backup::Backup::new(&file, &mut memory)
            .and_then(|b| b.run_to_completion(256, std::time::Duration::ZERO, None))
            .map_err(|e| ctx.db(e))?;
        migrations()
            .to_latest(&mut memory)
            .map_err(|e| ctx.upgrade(e))?;
        read::appraisal(&memory, matrix).map_err(|e| ctx.read(e))?
    };
    Ok(Opened { appraisal, notices })
}

/// The schema objects on `conn` that Appraise did not create; an error if one of its own was
/// changed.
fn foreign_objects(
    conn: &Connection,
    path: &Path,
    version: u32,
) -> Result<Vec<Object>, StoreError> {
    let difference = foreign::compare(conn, version, path)?;
    if difference.altered.is_empty() {
        Ok(difference.added)
    } else {
        Err(StoreError::Altered {
            path: path.to_owned(),
            objects: difference.altered,
        })
    }
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
    let exists = || StoreError::AlreadyExists {
        path: path.to_owned(),
    };
    if !replace && path.exists() {
        return Err(exists());
    }
    refuse_invalid(path, appraisal)?;
    partial::clean_leftovers(path);
    let temp = partial::temp_beside(path);
    let written = write_new(&temp, appraisal);
    let placed = written.and_then(|()| {
        if replace {
            // A journal a killed save left beside the old file would be taken for the new
            // file's and "rolled back" into it: undo it on the old file first.
            if path.exists() && header::check(path).is_ok() {
                recovery::roll_back_interrupted(path)?;
            }
            // What is left is a journal SQLite does not count as hot (a write killed before
            // its journal had a header) or a live writer's of the old file: neither belongs
            // beside the new one.
            let stale = recovery::journal(path);
            let stale = stale.exists().then_some(stale);
            std::fs::rename(&temp, path).map_err(|e| ctx.io(e))?;
            if let Some(journal) = stale {
                let _ = std::fs::remove_file(journal);
            }
            Ok(())
        } else {
            place_new(&temp, path).map_err(|e| match e.kind() {
                std::io::ErrorKind::AlreadyExists => exists(),
                _ => ctx.io(e),
            })
        }
    });
    // After a rename the temporary name is gone; after a link it is a second name to remove.
    let _ = std::fs::remove_file(&temp);
    placed
}

/// Gives the complete file at `temp` the name `path` only if nothing has that name: a hard
/// link fails atomically when the name exists, so of two creations at once exactly one wins.
/// On a file system without hard links, falls back to a check and a rename.
fn place_new(temp: &Path, path: &Path) -> std::io::Result<()> {
    match std::fs::hard_link(temp, path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(e),
        Err(_) if path.exists() => Err(std::io::ErrorKind::AlreadyExists.into()),
        Err(_) => std::fs::rename(temp, path),
    }
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
    save_noting(path, appraisal, None)
}

/// As [`save`], the travel matrix's audit entry naming `matrix_source`, where its new times
/// came from (road times computed in the window: the extract, its SHA-256, the settings).
pub fn save_noting(
    path: &Path,
    appraisal: &mut Appraisal,
    matrix_source: Option<&str>,
) -> Result<usize, StoreError> {
    save_grouping(path, appraisal, matrix_source, None)
}

/// As [`save_noting`], the changes under `group.0` (a section such as `scores`) recorded as one
/// audit entry whose new value is the summary `group.1` with each field's new value (and old
/// value, the old): for one act that changes many fields, such as a merge of scoring
/// workbooks, so the trail reads as what was done. Other changes are recorded field by field.
pub fn save_grouping(
    path: &Path,
    appraisal: &mut Appraisal,
    matrix_source: Option<&str>,
    group: Option<(&str, &str)>,
) -> Result<usize, StoreError> {
    save_recording(path, appraisal, |stored, appraisal, at, who| {
        let entry = |what: String, old: Option<String>, new: Option<String>| AuditEntry {
            at: at.to_owned(),
            who: who.to_owned(),
            what,
            old,
            new,
        };
        let changes = changes_noting(stored, appraisal, matrix_source);
        let Some((section, summary)) = group else {
            return changes
                .into_iter()
                .map(|c| entry(c.what, c.old, c.new))
                .collect();
        };
        let inside = |what: &str| {
            what == section
                || what
                    .strip_prefix(section)
                    .is_some_and(|rest| rest.starts_with('/'))
        };
        let parse = |text: &Option<String>| {
            text.as_deref()
                .and_then(|t| serde_json::from_str::<serde_json::Value>(t).ok())
                .unwrap_or(serde_json::Value::Null)
        };
        let mut entries = Vec::new();
        let mut old = serde_json::Map::new();
        let mut new = serde_json::Map::new();
        let mut at_position = None;
        for c in changes {
            if inside(&c.what) {
                at_position.get_or_insert(entries.len());
                old.insert(c.what.clone(), parse(&c.old));
                new.insert(c.what, parse(&c.new));
            } else {
                entries.push(entry(c.what, c.old, c.new));
            }
        }
        if let Some(i) = at_position {
            let grouped = entry(
                section.to_owned(),
                Some(serde_json::Value::Object(old).to_string()),
                Some(serde_json::json!({ "summary": summary, "changes": new }).to_string()),
            );
            entries.insert(i, grouped);
        }
        entries
    })
}

/// Saves `appraisal` over the file in one transaction, with the audit entries `entries` makes
/// from the stored appraisal, the one being saved, the time and the user.
fn save_recording(
    path: &Path,
    appraisal: &mut Appraisal,
    entries: impl FnOnce(&Appraisal, &Appraisal, &str, &str) -> Vec<AuditEntry>,
) -> Result<usize, StoreError> {
    let ctx = Ctx(path);
    header::check(path)?;
    refuse_invalid(path, appraisal)?;
    let mut conn = open_for_writing(path)?;
    let tx = write_transaction(&mut conn, path, &Revision::of(appraisal))?;
    let stored = read::appraisal(&tx, read::Matrix::Read).map_err(|e| ctx.read(e))?;
    let (at, who) = (now(), user());
    let entries = entries(&stored, appraisal, &at, &who);
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

/// Opens an existing appraisal file for writing: recognised, a crash's interrupted save rolled
/// back, intact, upgraded to this version's layout, foreign keys on, leftovers of killed
/// writes removed.
fn open_for_writing(path: &Path) -> Result<Connection, StoreError> {
    let ctx = Ctx(path);
    header::check(path)?;
    recovery::roll_back_interrupted(path)?;
    partial::clean_leftovers(path);
    let mut conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| ctx.db(e))?;
    conn.busy_timeout(BUSY_WAIT).map_err(|e| ctx.db(e))?;
    integrity_check(&conn, path)?;
    conn.execute_batch("PRAGMA foreign_keys = ON;")
        .map_err(|e| ctx.db(e))?;
    if header::check(path)?.wal {
        conn.query_row("PRAGMA journal_mode = DELETE", [], |r| {
            r.get::<_, String>(0)
        })
        .map_err(|e| ctx.db(e))?;
    }
    migrations()
        .to_latest(&mut conn)
        .map_err(|e| ctx.upgrade(e))?;
    Ok(conn)
}

/// Begins a write to a file that was read at `read_at`: refused, with nothing written, if
/// another program wrote to the file since; schema objects Appraise did not create are
/// dropped inside the same transaction, each with an audit entry.
fn write_transaction<'c>(
    conn: &'c mut Connection,
    path: &Path,
    read_at: &Revision,
) -> Result<rusqlite::Transaction<'c>, StoreError> {
    let ctx = Ctx(path);
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(|e| ctx.db(e))?;
    if Revision::read(&tx).map_err(|e| ctx.db(e))? != *read_at {
        return Err(StoreError::Changed {
            path: path.to_owned(),
        });
    }
    let added = foreign_objects(&tx, path, LATEST_VERSION)?;
    if !added.is_empty() {
        let entries: Vec<AuditEntry> = added
            .iter()
            .map(|o| {
                let note = format!("removed {o}, which Appraise did not create");
                audit_entry(
                    "file",
                    Some(serde_json::Value::String(o.to_string()).to_string()),
                    Some(serde_json::Value::String(note).to_string()),
                )
            })
            .collect();
        foreign::remove(&tx, &added)
            .and_then(|()| write::append_audit(&tx, &entries))
            .map_err(|e| ctx.db(e))?;
    }
    Ok(tx)
}

/// Replaces the file's travel matrix with `matrix` in one transaction, leaving the rest of the
/// appraisal as it is, and records one summarised audit entry (`source` names where the matrix
/// came from). Returns that entry, or None when the matrix was unchanged and nothing was written.
/// The matrix is checked against the file's zones and sites first; on any error the file is
/// untouched, and so it is when another program wrote to the file since it was read at
/// `read_at`.
pub fn replace_travel_matrix(
    path: &Path,
    matrix: &TravelMatrix,
    source: Option<&str>,
    read_at: &Revision,
) -> Result<Option<AuditEntry>, StoreError> {
    let ctx = Ctx(path);
    let mut conn = open_for_writing(path)?;
    let tx = write_transaction(&mut conn, path, read_at)?;
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
    let stored = matrix::against(&tx, matrix).map_err(|e| ctx.read(e))?;
    let Some(change) = diff::stored_matrix_change(&stored, matrix, source) else {
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
/// exported", in one transaction; the rest of the file is left as it is. Refused when the file
/// changed since it was read at `read_at` (the pack would describe content it no longer holds).
/// Returns the audit entry written.
pub fn record_export(
    path: &Path,
    record: &ExportRecord,
    read_at: &Revision,
) -> Result<AuditEntry, StoreError> {
    let ctx = Ctx(path);
    let mut conn = open_for_writing(path)?;
    let note = format!(
        "report exported to {} (fingerprint {}) by {}",
        record.path,
        record.fingerprint,
        crate::version::made_by()
    );
    let entry = AuditEntry {
        at: record.at.clone(),
        who: user(),
        what: "exports".to_owned(),
        old: None,
        new: Some(serde_json::Value::String(note).to_string()),
    };
    let tx = write_transaction(&mut conn, path, read_at)?;
    write::append_exports(&tx, std::slice::from_ref(record))
        .and_then(|()| write::append_audit(&tx, std::slice::from_ref(&entry)))
        .and_then(|()| tx.commit())
        .map_err(|e| ctx.db(e))?;
    Ok(entry)
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
        .map_err(|e| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
                StoreError::Busy {
                    path: path.to_owned(),
                }
            }
            _ => corrupt(e.to_string()),
        })?;
    if verdict == "ok" {
        Ok(())
    } else {
        Err(corrupt(verdict))
    }
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

/// Who makes a change, as the audit trail records it: the OS user and the Appraise version they
/// used, `alice (Appraise 0.1.0)`, so a reader can tell which release wrote each change.
fn user() -> String {
    let name = whoami::username().unwrap_or_else(|_| "unknown user".to_owned());
    format!("{name} ({})", crate::version::made_by())
}
