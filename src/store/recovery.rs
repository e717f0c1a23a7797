//! Undoing a save that a crash interrupted. SQLite keeps the pages a transaction changes in a
//! journal beside the file until it commits; a journal left by a process that died is "hot"
//! and must be rolled back before the file can be read, which a read-only connection cannot do.
//! The old content is intact in the journal, so the file is recovered, not refused.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, TransactionBehavior};

use super::{BUSY_WAIT, Ctx, StoreError, audit_entry, write};

/// SQLite's rollback journal beside `path`.
pub(super) fn journal(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push("-journal");
    PathBuf::from(name)
}

/// What the audit trail records when a file is recovered.
pub const RECOVERED: &str = "an interrupted save was undone: the file is as it was when last saved";

/// Rolls back the hot journal beside `path`, if there is one, and records that in the file's
/// audit trail; returns whether it did. A journal that a live writer is using is not hot and
/// is left alone (SQLite decides, under its locks).
pub fn roll_back_interrupted(path: &Path) -> Result<bool, StoreError> {
    let ctx = Ctx(path);
    if !journal(path).exists() {
        return Ok(false);
    }
    let reader = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| ctx.db(e))?;
    reader.busy_timeout(BUSY_WAIT).map_err(|e| ctx.db(e))?;
    let probe = reader.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    });
    drop(reader);
    match probe {
        Err(rusqlite::Error::SqliteFailure(e, _))
            if e.extended_code == rusqlite::ffi::SQLITE_READONLY_ROLLBACK => {}
        _ => return Ok(false),
    }
    let mut conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| StoreError::Interrupted {
        path: path.to_owned(),
        source: e,
    })?;
    conn.busy_timeout(BUSY_WAIT).map_err(|e| ctx.db(e))?;
    // Beginning a write transaction reads the file, which rolls the journal back first.
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(|e| StoreError::Interrupted {
            path: path.to_owned(),
            source: e,
        })?;
    let entry = audit_entry(
        "file",
        None,
        Some(serde_json::Value::String(RECOVERED.to_owned()).to_string()),
    );
    write::append_audit(&tx, &[entry])
        .and_then(|()| tx.commit())
        .map_err(|e| ctx.db(e))?;
    Ok(true)
}

/// Switches a file another program put into write-ahead-log mode back to a rollback journal,
/// folding any logged changes into the file, so that reading it leaves nothing beside it.
pub fn leave_write_ahead_log(path: &Path) -> Result<(), StoreError> {
    let ctx = Ctx(path);
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| ctx.db(e))?;
    conn.busy_timeout(BUSY_WAIT).map_err(|e| ctx.db(e))?;
    conn.query_row("PRAGMA journal_mode = DELETE", [], |r| {
        r.get::<_, String>(0)
    })
    .map_err(|e| ctx.db(e))?;
    conn.close().map_err(|(_, e)| ctx.db(e))
}
