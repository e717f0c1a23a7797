//! The travel matrix's road layer in the file: one row naming the extract, its lines as one
//! BLOB, each line a class byte (its place in [`MainRoad::ALL`]), a little-endian `u32` count
//! of points and that many pairs of little-endian `i32` microdegrees (latitude, longitude).

use std::sync::Arc;

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::read_error::ReadError;
use crate::model::{MainRoad, RoadLayer, RoadLine};

const TABLE: &str = "travel_matrix_roads";

/// Writes `layer`, inside the caller's transaction (the matrix's tables were just emptied).
pub fn write(tx: &Transaction, layer: &RoadLayer) -> rusqlite::Result<()> {
    let mut blob = Vec::with_capacity(layer.lines.len() * 5 + layer.points() * 8);
    for line in &layer.lines {
        let class = MainRoad::ALL
            .iter()
            .position(|c| *c == line.class)
            .unwrap_or(0);
        blob.push(class as u8);
        blob.extend_from_slice(&(line.points.len() as u32).to_le_bytes());
        for [lat, lon] in &line.points {
            blob.extend_from_slice(&lat.to_le_bytes());
            blob.extend_from_slice(&lon.to_le_bytes());
        }
    }
    tx.execute(
        "INSERT INTO travel_matrix_roads (id, extract, lines) VALUES (1, ?1, ?2)",
        params![layer.extract, blob],
    )?;
    Ok(())
}

fn fault(detail: impl Into<String>) -> ReadError {
    ReadError::Field {
        table: TABLE,
        key: "1".to_owned(),
        field: "lines",
        detail: detail.into(),
    }
}

/// The stored layer, None when there is none (as in every file before version 9).
pub fn read(conn: &Connection) -> Result<Option<Arc<RoadLayer>>, ReadError> {
    let row: Option<(String, Vec<u8>)> = conn
        .query_row(
            "SELECT extract, lines FROM travel_matrix_roads WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((extract, blob)) = row else {
        return Ok(None);
    };
    let mut lines = Vec::new();
    let mut rest = blob.as_slice();
    while let Some((&class, tail)) = rest.split_first() {
        let class = *MainRoad::ALL
            .get(usize::from(class))
            .ok_or_else(|| fault(format!("line {}: no road class {class}", lines.len())))?;
        let (count, tail) = tail
            .split_first_chunk::<4>()
            .ok_or_else(|| fault(format!("line {}: cut short", lines.len())))?;
        let count = u32::from_le_bytes(*count) as usize;
        let bytes = count
            .checked_mul(8)
            .filter(|n| *n <= tail.len())
            .ok_or_else(|| fault(format!("line {}: cut short", lines.len())))?;
        let points = tail[..bytes]
            .chunks_exact(8)
            .map(|p| {
                [
                    i32::from_le_bytes([p[0], p[1], p[2], p[3]]),
                    i32::from_le_bytes([p[4], p[5], p[6], p[7]]),
                ]
            })
            .collect();
        lines.push(RoadLine { class, points });
        rest = &tail[bytes..];
    }
    let layer = RoadLayer { extract, lines };
    if let Some((index, reason)) = layer.fault() {
        return Err(fault(format!("line {index}: {reason}")));
    }
    Ok(Some(Arc::new(layer)))
}
