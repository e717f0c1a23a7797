//! Schema objects Appraise did not create. A file passed around by email can carry triggers or
//! views that would change data on the next save without an audit entry; the file's schema is
//! compared with the one this version's own migrations make, and anything else is named, then
//! removed inside the next write's transaction.

use std::collections::HashMap;
use std::path::Path;

use rusqlite::{Connection, Transaction};

use super::schema::migrations_to;
use super::{Ctx, StoreError};

/// One schema object as `sqlite_master` lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Object {
    pub kind: String,
    pub name: String,
}

impl std::fmt::Display for Object {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} '{}'", self.kind, self.name)
    }
}

/// How the file's schema differs from the one Appraise makes.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Difference {
    /// Objects Appraise never creates: removed at the next write.
    pub added: Vec<Object>,
    /// Appraise's own objects whose definition was changed: the file cannot be trusted.
    pub altered: Vec<Object>,
}

/// Objects keyed by (kind, name), with their SQL squeezed of whitespace.
fn objects(conn: &Connection) -> rusqlite::Result<HashMap<(String, String), Option<String>>> {
    let mut stmt = conn.prepare("SELECT type, name, sql FROM sqlite_master")?;
    let rows = stmt.query_map([], |r| {
        let sql: Option<String> = r.get(2)?;
        Ok((
            (r.get::<_, String>(0)?, r.get::<_, String>(1)?),
            sql.map(|s| s.split_whitespace().collect::<Vec<_>>().join(" ")),
        ))
    })?;
    rows.collect()
}

/// Compares the schema on `conn` (the file at `path`) with the one the first `version`
/// migrations make.
pub fn compare(conn: &Connection, version: u32, path: &Path) -> Result<Difference, StoreError> {
    let ctx = Ctx(path);
    let mut reference = Connection::open_in_memory().map_err(|e| ctx.db(e))?;
    migrations_to(version as usize)
        .to_latest(&mut reference)
        .map_err(|e| ctx.upgrade(e))?;
    let ours = objects(&reference).map_err(|e| ctx.db(e))?;
    let mut found: Vec<_> = objects(conn).map_err(|e| ctx.db(e))?.into_iter().collect();
    found.sort();
    let mut difference = Difference::default();
    for ((kind, name), sql) in found {
        // SQLite's own bookkeeping (sqlite_sequence, sqlite_stat1, autoindexes).
        if name.starts_with("sqlite_") {
            continue;
        }
        let object = Object {
            kind: kind.clone(),
            name: name.clone(),
        };
        match ours.get(&(kind, name)) {
            None => difference.added.push(object),
            Some(expected) if *expected != sql => difference.altered.push(object),
            Some(_) => {}
        }
    }
    Ok(difference)
}

/// Drops `added` inside the writer's transaction. Triggers and views go first, so dropping a
/// table never trips over an object that refers to it.
pub fn remove(tx: &Transaction, added: &[Object]) -> rusqlite::Result<()> {
    let order = |o: &&Object| match o.kind.as_str() {
        "trigger" => 0,
        "view" => 1,
        "index" => 2,
        _ => 3,
    };
    let mut sorted: Vec<&Object> = added.iter().collect();
    sorted.sort_by_key(order);
    for o in sorted {
        let kind = match o.kind.as_str() {
            "trigger" => "TRIGGER",
            "view" => "VIEW",
            "index" => "INDEX",
            _ => "TABLE",
        };
        let name = o.name.replace('"', "\"\"");
        tx.execute_batch(&format!("DROP {kind} IF EXISTS \"{name}\""))?;
    }
    Ok(())
}
