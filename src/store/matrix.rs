//! The travel matrix in the file: its axes as rows, its cells as one little-endian `f32` BLOB
//! per (mode, site), so writing a national matrix is a few hundred inserts.

use std::collections::HashMap;

use rusqlite::{Connection, Transaction, params};

use super::read_error::ReadError;
use super::write::name_of;
use crate::model::{RoadBasis, RoadSettings, TravelMatrix, TravelMode};

/// Tables holding the matrix, children first.
const TABLES: [&str; 5] = [
    "travel_matrix_bases",
    "travel_matrix",
    "travel_matrix_modes",
    "travel_matrix_sites",
    "travel_matrix_zones",
];

/// Replaces the stored matrix with `m`, inside the caller's transaction.
pub fn replace(tx: &Transaction, m: &TravelMatrix) -> rusqlite::Result<()> {
    tx.execute_batch("PRAGMA defer_foreign_keys = ON;")?;
    for table in TABLES {
        tx.execute(&format!("DELETE FROM {table}"), [])?;
    }
    let mut zone = tx.prepare("INSERT INTO travel_matrix_zones (pos, zone) VALUES (?1, ?2)")?;
    for (pos, z) in m.zones().iter().enumerate() {
        zone.execute(params![pos as i64, z])?;
    }
    let mut site = tx.prepare("INSERT INTO travel_matrix_sites (pos, site) VALUES (?1, ?2)")?;
    for (pos, s) in m.sites().iter().enumerate() {
        site.execute(params![pos as i64, s])?;
    }
    let mut mode = tx.prepare("INSERT INTO travel_matrix_modes (pos, mode) VALUES (?1, ?2)")?;
    for (pos, md) in m.modes().iter().enumerate() {
        mode.execute(params![pos as i64, name_of(md)])?;
    }
    let mut cells =
        tx.prepare("INSERT INTO travel_matrix (mode, site, minutes) VALUES (?1, ?2, ?3)")?;
    let mut blob = Vec::with_capacity(m.zones().len() * 4);
    for md in 0..m.modes().len() {
        for s in 0..m.sites().len() {
            blob.clear();
            for v in m.column(md, s) {
                blob.extend_from_slice(&v.to_le_bytes());
            }
            cells.execute(params![md as i64, s as i64, blob])?;
        }
    }
    let mut basis = tx.prepare(
        "INSERT INTO travel_matrix_bases (pos, extract, extract_timestamp, sha256, computed_at, modes, settings) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for (pos, b) in m.bases().iter().enumerate() {
        let json = |e: serde_json::Error| rusqlite::Error::ToSqlConversionFailure(Box::new(e));
        basis.execute(params![
            pos as i64,
            b.extract,
            b.extract_timestamp,
            b.sha256,
            b.computed_at,
            serde_json::to_string(&b.modes).map_err(json)?,
            serde_json::to_string(&b.settings).map_err(json)?,
        ])?;
    }
    Ok(())
}

/// The bases of the matrix's road times, in order.
fn bases(conn: &Connection) -> Result<Vec<RoadBasis>, ReadError> {
    let mut stmt = conn.prepare(
        "SELECT pos, extract, extract_timestamp, sha256, computed_at, modes, settings \
         FROM travel_matrix_bases ORDER BY pos",
    )?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let pos: i64 = r.get(0)?;
        let bad = |field: &'static str, e: serde_json::Error| ReadError::Field {
            table: "travel_matrix_bases",
            key: pos.to_string(),
            field,
            detail: e.to_string(),
        };
        let modes: String = r.get(5)?;
        let settings: String = r.get(6)?;
        out.push(RoadBasis {
            extract: r.get(1)?,
            extract_timestamp: r.get(2)?,
            sha256: r.get(3)?,
            computed_at: r.get(4)?,
            modes: serde_json::from_str::<Vec<TravelMode>>(&modes).map_err(|e| bad("modes", e))?,
            settings: serde_json::from_str::<RoadSettings>(&settings)
                .map_err(|e| bad("settings", e))?,
        });
    }
    Ok(out)
}

fn field(key: String, field: &'static str, detail: String) -> ReadError {
    ReadError::Field {
        table: "travel_matrix",
        key,
        field,
        detail,
    }
}

/// Codes of one axis, by position, with each stored position's index.
fn axis(conn: &Connection, sql: &str) -> Result<(Vec<String>, HashMap<i64, usize>), ReadError> {
    let mut stmt = conn.prepare(sql)?;
    let mut rows = stmt.query([])?;
    let (mut codes, mut index) = (Vec::new(), HashMap::new());
    while let Some(r) = rows.next()? {
        index.insert(r.get::<_, i64>(0)?, codes.len());
        codes.push(r.get(1)?);
    }
    Ok((codes, index))
}

pub fn read(conn: &Connection) -> Result<TravelMatrix, ReadError> {
    let (zones, _) = axis(
        conn,
        "SELECT pos, zone FROM travel_matrix_zones ORDER BY pos",
    )?;
    let (sites, site_index) = axis(
        conn,
        "SELECT pos, site FROM travel_matrix_sites ORDER BY pos",
    )?;
    let (mode_names, mode_index) = axis(
        conn,
        "SELECT pos, mode FROM travel_matrix_modes ORDER BY pos",
    )?;
    let modes = mode_names
        .into_iter()
        .map(|name| {
            serde_json::from_value::<TravelMode>(serde_json::Value::String(name.clone()))
                .map_err(|e| field(name, "mode", e.to_string()))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let mut m = TravelMatrix::empty(zones, sites, modes);
    let mut stmt = conn.prepare("SELECT mode, site, minutes FROM travel_matrix")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let (mode, site): (i64, i64) = (r.get(0)?, r.get(1)?);
        let key = || format!("{mode}/{site}");
        let (Some(&md), Some(&s)) = (mode_index.get(&mode), site_index.get(&site)) else {
            return Err(field(key(), "mode", "no such mode or site".to_owned()));
        };
        let bytes = r
            .get_ref(2)?
            .as_blob()
            .map_err(|e| field(key(), "minutes", e.to_string()))?;
        let column = m.column_mut(md, s);
        if bytes.len() != column.len() * 4 {
            return Err(field(
                key(),
                "minutes",
                format!(
                    "{} bytes for {} zones (4 bytes each expected)",
                    bytes.len(),
                    column.len()
                ),
            ));
        }
        for (cell, b) in column.iter_mut().zip(bytes.chunks_exact(4)) {
            *cell = f32::from_le_bytes([b[0], b[1], b[2], b[3]]);
        }
    }
    m.set_bases(bases(conn)?);
    Ok(m)
}
