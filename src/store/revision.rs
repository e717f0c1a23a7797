//! Which state of a file an appraisal was read from, so a write can refuse to overwrite changes
//! another program made after the read.
//!
//! Every write path appends to the append-only audit trail (a save records each change, an
//! import its summary, an export its record), so the trail's length and its last entry identify
//! the file's state without a counter of its own.

use rusqlite::{Connection, OptionalExtension};

use crate::model::{Appraisal, AuditEntry};

/// The state of a file: how many audit entries it holds and the last of them.
#[derive(Debug, Clone, PartialEq)]
pub struct Revision {
    entries: usize,
    last: Option<AuditEntry>,
}

impl Revision {
    /// The revision of the file `a` was read from (its audit trail is the file's).
    pub fn of(a: &Appraisal) -> Revision {
        Revision {
            entries: a.audit.len(),
            last: a.audit.last().cloned(),
        }
    }

    /// The revision the file on `conn` is at now; read inside the writer's transaction.
    pub fn read(conn: &Connection) -> rusqlite::Result<Revision> {
        let entries: i64 = conn.query_row("SELECT count(*) FROM audit", [], |r| r.get(0))?;
        let last = conn
            .query_row(
                &format!("{} ORDER BY id DESC LIMIT 1", super::read::AUDIT_COLUMNS),
                [],
                super::read::audit_entry,
            )
            .optional()?;
        Ok(Revision {
            entries: usize::try_from(entries).unwrap_or(usize::MAX),
            last,
        })
    }
}
