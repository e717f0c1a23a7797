//! The main roads as a faint background: grey lines, wider for the bigger roads, drawn over the
//! zones (which would hide them on a dense map) and under the sites. A class is drawn only from
//! the scale at which its roads stay apart, so a national map shows the motorways and trunk
//! roads and a town's map its streets down to tertiary roads.

use std::fmt::Write as _;

use super::projection::Projection;
use crate::model::{MainRoad, RoadLayer, degrees};

/// The roads' grey and how faint it is.
const INK: &str = "#4d4d4d";
const OPACITY: f64 = 0.45;
/// A point nearer than this to the last one drawn adds nothing a reader sees, pixels.
const STEP_PX: f64 = 1.0;

/// Pixels per km from which a class is drawn, and its line's width in pixels.
fn style(class: MainRoad) -> (f64, f64) {
    match class {
        MainRoad::Motorway => (0.0, 2.2),
        MainRoad::Trunk => (0.0, 1.8),
        MainRoad::Primary => (1.5, 1.4),
        MainRoad::Secondary => (6.0, 1.0),
        MainRoad::Tertiary => (20.0, 0.8),
    }
}

/// Whether `class` is drawn on a map of `px_per_km`.
pub fn shown(class: MainRoad, px_per_km: f64) -> bool {
    px_per_km >= style(class).0
}

/// The layer's roads as SVG, one path per class drawn (smaller roads first), clipped to `clip`
/// (left, top, width, height in pixels) by a nested viewport; empty when no road shows.
pub fn layer(roads: &RoadLayer, p: &Projection, clip: [f64; 4]) -> String {
    let [left, top, width, height] = clip;
    let (right, bottom) = (left + width, top + height);
    let mut paths = String::new();
    for class in MainRoad::ALL.into_iter().rev() {
        if !shown(class, p.scale) {
            continue;
        }
        let mut d = String::new();
        let mut pixels: Vec<(f64, f64)> = Vec::new();
        for line in roads.lines.iter().filter(|l| l.class == class) {
            pixels.clear();
            for &[lat, lon] in &line.points {
                let xy = p.pixel(degrees(lat), degrees(lon));
                if pixels
                    .last()
                    .is_none_or(|q| (xy.0 - q.0).hypot(xy.1 - q.1) >= STEP_PX)
                {
                    pixels.push(xy);
                }
            }
            if let (Some(&end), Some(&last)) = (line.points.last(), pixels.last()) {
                let end = p.pixel(degrees(end[0]), degrees(end[1]));
                if end != last {
                    pixels.push(end);
                }
            }
            if pixels.len() < 2 {
                continue;
            }
            let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
            for &(x, y) in &pixels {
                (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
            }
            if x1 < left || x0 > right || y1 < top || y0 > bottom {
                continue;
            }
            for (i, (x, y)) in pixels.iter().enumerate() {
                let _ = write!(d, "{}{x:.1} {y:.1}", if i == 0 { 'M' } else { 'L' });
            }
        }
        if !d.is_empty() {
            let _ = write!(
                paths,
                r#"<path class="road-{}" stroke-width="{}" d="{d}"/>"#,
                class.name(),
                style(class).1
            );
        }
    }
    if paths.is_empty() {
        return paths;
    }
    format!(
        r#"<svg x="{left}" y="{top}" width="{width}" height="{height}" viewBox="{left} {top} {width} {height}" overflow="hidden"><g class="roads" fill="none" stroke="{INK}" stroke-opacity="{OPACITY}" stroke-linecap="round" stroke-linejoin="round">{paths}</g></svg>"#
    )
}
