//! The travel matrix in the file: its axes as rows, its cells as one little-endian `f32` BLOB
//! per (mode, site), so writing a national matrix is a few hundred inserts.

use std::collections::HashMap;

use rusqlite::{Connection, Transaction, params};

use super::read_error::ReadError;
use super::write::name_of;
use crate::model::{
    MatrixChange, Reliability, RoadBasis, RoadSettings, Transit, TransitBasis, TransitFeed,
    TransitSettings, TravelMatrix, TravelMode, bits_from_bytes, bits_to_bytes,
};

/// Tables holding the matrix, children first.
const TABLES: [&str; 9] = [
    "travel_matrix_roads",
    "travel_matrix_reliability",
    "travel_matrix_transit_feeds",
    "travel_matrix_transit",
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
    if let Some(t) = m.transit() {
        replace_transit(tx, t)?;
    }
    if let Some(layer) = m.road_layer() {
        super::road_layer::write(tx, layer)?;
    }
    Ok(())
}

fn json_text<T: serde::Serialize + ?Sized>(value: &T) -> rusqlite::Result<String> {
    serde_json::to_string(value).map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))
}

/// Writes the public transport times' basis, feeds and reliability bits (one BLOB per
/// threshold and site).
fn replace_transit(tx: &Transaction, t: &Transit) -> rusqlite::Result<()> {
    let (b, r) = (t.basis(), t.reliability());
    tx.execute(
        "INSERT INTO travel_matrix_transit (id, date, departure_window, minutes, settings, thresholds, zones, sites) \
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            b.date,
            b.window,
            i64::from(b.minutes),
            json_text(&b.settings)?,
            json_text(&b.thresholds)?,
            json_text(r.zones())?,
            json_text(r.sites())?,
        ],
    )?;
    let mut feed = tx.prepare(
        "INSERT INTO travel_matrix_transit_feeds (pos, file, sha256, valid_from, valid_to, stops, trips, stop_times) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for (pos, f) in b.feeds.iter().enumerate() {
        feed.execute(params![
            pos as i64,
            f.file,
            f.sha256,
            f.valid_from,
            f.valid_to,
            f.stops as i64,
            f.trips as i64,
            f.stop_times as i64,
        ])?;
    }
    let mut bits = tx.prepare(
        "INSERT INTO travel_matrix_reliability (threshold, site, bits) VALUES (?1, ?2, ?3)",
    )?;
    for threshold in 0..r.thresholds() {
        for site in 0..r.sites().len() {
            bits.execute(params![
                threshold as i64,
                site as i64,
                bits_to_bytes(r.site(threshold, site))
            ])?;
        }
    }
    Ok(())
}

fn transit_field(field: &'static str, detail: impl ToString) -> ReadError {
    ReadError::Field {
        table: "travel_matrix_transit",
        key: "1".to_owned(),
        field,
        detail: detail.to_string(),
    }
}

/// The public transport times' basis and reliability; None when the times were not computed
/// from timetables (and in every file older than version 7).
fn transit(conn: &Connection) -> Result<Option<Transit>, ReadError> {
    let mut stmt = conn.prepare(
        "SELECT date, departure_window, minutes, settings, thresholds, zones, sites FROM travel_matrix_transit",
    )?;
    let mut rows = stmt.query([])?;
    let Some(r) = rows.next()? else {
        return Ok(None);
    };
    let text = |i: usize| -> Result<String, ReadError> { Ok(r.get::<_, String>(i)?) };
    let minutes: i64 = r.get(2)?;
    let minutes = u32::try_from(minutes).map_err(|e| transit_field("minutes", e))?;
    let settings: TransitSettings =
        serde_json::from_str(&text(3)?).map_err(|e| transit_field("settings", e))?;
    let thresholds: Vec<f64> =
        serde_json::from_str(&text(4)?).map_err(|e| transit_field("thresholds", e))?;
    let zones: Vec<String> =
        serde_json::from_str(&text(5)?).map_err(|e| transit_field("zones", e))?;
    let sites: Vec<String> =
        serde_json::from_str(&text(6)?).map_err(|e| transit_field("sites", e))?;
    let (date, window) = (text(0)?, text(1)?);
    let mut feeds = Vec::new();
    let mut stmt = conn.prepare(
        "SELECT file, sha256, valid_from, valid_to, stops, trips, stop_times \
         FROM travel_matrix_transit_feeds ORDER BY pos",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(f) = rows.next()? {
        let count = |i: usize, field: &'static str| -> Result<usize, ReadError> {
            usize::try_from(f.get::<_, i64>(i)?).map_err(|e| ReadError::Field {
                table: "travel_matrix_transit_feeds",
                key: f.get::<_, String>(0).unwrap_or_default(),
                field,
                detail: e.to_string(),
            })
        };
        feeds.push(TransitFeed {
            file: f.get(0)?,
            sha256: f.get(1)?,
            valid_from: f.get(2)?,
            valid_to: f.get(3)?,
            stops: count(4, "stops")?,
            trips: count(5, "trips")?,
            stop_times: count(6, "stop_times")?,
        });
    }
    let per_site = zones.len() * Reliability::words_for(minutes);
    let mut bits = vec![vec![0u64; per_site * sites.len()]; thresholds.len()];
    let mut stmt = conn.prepare("SELECT threshold, site, bits FROM travel_matrix_reliability")?;
    let mut rows = stmt.query([])?;
    while let Some(b) = rows.next()? {
        let (t, s): (i64, i64) = (b.get(0)?, b.get(1)?);
        let bad = |detail: String| ReadError::Field {
            table: "travel_matrix_reliability",
            key: format!("{t}/{s}"),
            field: "bits",
            detail,
        };
        let (Ok(tu), Ok(su)) = (usize::try_from(t), usize::try_from(s)) else {
            return Err(bad("no such threshold or site".to_owned()));
        };
        if tu >= thresholds.len() || su >= sites.len() {
            return Err(bad("no such threshold or site".to_owned()));
        }
        let bytes = b.get_ref(2)?.as_blob().map_err(|e| bad(e.to_string()))?;
        let words = bits_from_bytes(bytes)
            .filter(|w| w.len() == per_site)
            .ok_or_else(|| {
                bad(format!(
                    "{} bytes for {} zones ({} bytes each expected)",
                    bytes.len(),
                    zones.len(),
                    per_site / zones.len().max(1) * 8
                ))
            })?;
        bits[tu][su * per_site..(su + 1) * per_site].copy_from_slice(&words);
    }
    let reliability =
        Reliability::new(minutes, zones, sites, bits).map_err(|e| transit_field("minutes", e))?;
    let basis = TransitBasis {
        feeds,
        date,
        window,
        minutes,
        settings,
        thresholds,
    };
    Transit::new(basis, reliability)
        .map(Some)
        .map_err(|e| transit_field("thresholds", e))
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

/// The stored matrix's axes, with each stored site's and mode's index.
struct Axes {
    zones: Vec<String>,
    sites: Vec<String>,
    modes: Vec<TravelMode>,
    site_index: HashMap<i64, usize>,
    mode_index: HashMap<i64, usize>,
}

fn axes(conn: &Connection) -> Result<Axes, ReadError> {
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
    Ok(Axes {
        zones,
        sites,
        modes,
        site_index,
        mode_index,
    })
}

/// Calls `each` with every stored column: its mode's and site's index among the axes, and its
/// minutes, one zone at a time, as little-endian `f32` bytes checked for length.
fn columns(
    conn: &Connection,
    axes: &Axes,
    mut each: impl FnMut(usize, usize, &[u8]) -> Result<(), ReadError>,
) -> Result<(), ReadError> {
    let mut stmt = conn.prepare("SELECT mode, site, minutes FROM travel_matrix")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let (mode, site): (i64, i64) = (r.get(0)?, r.get(1)?);
        let key = || format!("{mode}/{site}");
        let (Some(&md), Some(&s)) = (axes.mode_index.get(&mode), axes.site_index.get(&site)) else {
            return Err(field(key(), "mode", "no such mode or site".to_owned()));
        };
        let bytes = r
            .get_ref(2)?
            .as_blob()
            .map_err(|e| field(key(), "minutes", e.to_string()))?;
        if bytes.len() != axes.zones.len() * 4 {
            return Err(field(
                key(),
                "minutes",
                format!(
                    "{} bytes for {} zones (4 bytes each expected)",
                    bytes.len(),
                    axes.zones.len()
                ),
            ));
        }
        each(md, s, bytes)?;
    }
    Ok(())
}

fn minutes(bytes: &[u8]) -> impl Iterator<Item = f32> + '_ {
    bytes
        .chunks_exact(4)
        .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

pub fn read(conn: &Connection) -> Result<TravelMatrix, ReadError> {
    let axes = axes(conn)?;
    let mut m = TravelMatrix::empty(axes.zones.clone(), axes.sites.clone(), axes.modes.clone());
    columns(conn, &axes, |md, s, bytes| {
        for (cell, v) in m.column_mut(md, s).iter_mut().zip(minutes(bytes)) {
            *cell = v;
        }
        Ok(())
    })?;
    m.set_bases(bases(conn)?);
    m.set_transit(transit(conn)?);
    m.set_road_layer(super::road_layer::read(conn)?);
    Ok(m)
}

/// The stored matrix against `new`, its cells read one column at a time so they are never all
/// in memory beside the new ones (a re-import at national scale would hold both, 168 MB).
pub struct Against {
    /// Cells added, removed and altered from the stored matrix to `new`, keyed by code as
    /// [`TravelMatrix::change_from`] counts them.
    pub cells: MatrixChange,
    /// The stored matrix's zones, sites and values, for the audit entry.
    pub zones: usize,
    pub sites: usize,
    pub values: usize,
    /// The stored modes, bases, public transport basis and road layer, over no zones or sites.
    pub description: TravelMatrix,
    /// The stored matrix equals `new`: the same axes in the same order, description and cells.
    pub same: bool,
}

pub fn against(conn: &Connection, new: &TravelMatrix) -> Result<Against, ReadError> {
    let axes = axes(conn)?;
    let index = |codes: &[String]| -> HashMap<String, usize> {
        codes
            .iter()
            .enumerate()
            .map(|(i, c)| (c.clone(), i))
            .collect()
    };
    let (new_zones, new_sites) = (index(new.zones()), index(new.sites()));
    let zone_to_new: Vec<Option<usize>> = axes
        .zones
        .iter()
        .map(|z| new_zones.get(z).copied())
        .collect();
    let mut cells = MatrixChange::default();
    let (mut values, mut covered_new_values) = (0usize, 0usize);
    columns(conn, &axes, |md, s, bytes| {
        let column = new
            .mode_index(axes.modes[md])
            .zip(new_sites.get(&axes.sites[s]))
            .map(|(nm, ns)| new.column(nm, *ns));
        for (old, to) in minutes(bytes).zip(&zone_to_new) {
            let now = column.zip(*to).map(|(c, z)| c[z]);
            values += usize::from(!old.is_nan());
            match now {
                Some(n) => {
                    covered_new_values += usize::from(!n.is_nan());
                    match (old.is_nan(), n.is_nan()) {
                        (true, false) => cells.added += 1,
                        (false, true) => cells.removed += 1,
                        (false, false) if old.to_bits() != n.to_bits() => cells.altered += 1,
                        _ => {}
                    }
                }
                None if !old.is_nan() => cells.removed += 1,
                None => {}
            }
        }
        Ok(())
    })?;
    // New values where the stored matrix had no cell at all.
    cells.added += new.values() - covered_new_values;
    let mut description = TravelMatrix::new(Vec::new(), Vec::new(), axes.modes.clone(), Vec::new())
        .map_err(|e| field("axes".to_owned(), "mode", e.to_string()))?;
    description.set_bases(bases(conn)?);
    description.set_transit(transit(conn)?);
    description.set_road_layer(super::road_layer::read(conn)?);
    let same = cells.total() == 0
        && axes.zones == new.zones()
        && axes.sites == new.sites()
        && axes.modes == new.modes()
        && description.bases() == new.bases()
        && description.transit() == new.transit()
        && description.road_layer() == new.road_layer();
    Ok(Against {
        cells,
        zones: axes.zones.len(),
        sites: axes.sites.len(),
        values,
        description,
        same,
    })
}
