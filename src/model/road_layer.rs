//! The main roads of the OpenStreetMap extract a matrix's road times were computed from, kept
//! simplified so a map can draw them as a faint background without the extract (which the
//! appraisal does not keep) and without map tiles.

use serde::{Deserialize, Serialize};

/// The road classes a map may draw, most important first: OSM's `highway` values without
/// their `_link`s (slip roads add ink, not orientation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MainRoad {
    Motorway,
    Trunk,
    Primary,
    Secondary,
    Tertiary,
}

impl MainRoad {
    pub const ALL: [MainRoad; 5] = [
        MainRoad::Motorway,
        MainRoad::Trunk,
        MainRoad::Primary,
        MainRoad::Secondary,
        MainRoad::Tertiary,
    ];

    /// Its `highway` value, as the file stores it.
    pub fn name(self) -> &'static str {
        match self {
            MainRoad::Motorway => "motorway",
            MainRoad::Trunk => "trunk",
            MainRoad::Primary => "primary",
            MainRoad::Secondary => "secondary",
            MainRoad::Tertiary => "tertiary",
        }
    }

    pub fn from_name(name: &str) -> Option<MainRoad> {
        MainRoad::ALL.into_iter().find(|c| c.name() == name)
    }
}

/// One road drawn as a polyline: latitude and longitude in millionths of a degree (about
/// 0.1 m), so the file, the text form and the map hold exactly the same points.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoadLine {
    pub class: MainRoad,
    /// At least two points, `[latitude, longitude]` in microdegrees.
    pub points: Vec<[i32; 2]>,
}

/// The main roads of an extract, within reach of the appraisal's places.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoadLayer {
    /// The extract's file name: the map's credit names where its roads came from.
    pub extract: String,
    pub lines: Vec<RoadLine>,
}

/// Degrees from microdegrees.
pub fn degrees(microdegrees: i32) -> f64 {
    f64::from(microdegrees) / 1e6
}

/// Microdegrees from degrees, rounded to the nearest.
pub fn microdegrees(degrees: f64) -> i32 {
    (degrees * 1e6).round() as i32
}

impl RoadLayer {
    /// The first line that is not a road a map can draw: its index and why.
    pub fn fault(&self) -> Option<(usize, &'static str)> {
        self.lines.iter().enumerate().find_map(|(i, l)| {
            if l.points.len() < 2 {
                Some((i, "a road needs at least two points"))
            } else if l
                .points
                .iter()
                .any(|[lat, lon]| lat.abs() > 90_000_000 || lon.abs() > 180_000_000)
            {
                Some((
                    i,
                    "a point is off the Earth: latitude and longitude are millionths of a degree",
                ))
            } else {
                None
            }
        })
    }

    /// Points over every line.
    pub fn points(&self) -> usize {
        self.lines.iter().map(|l| l.points.len()).sum()
    }
}
