//! The extract's main roads as a map layer: motorways to tertiary roads near the appraisal's
//! places, each way simplified (Ramer-Douglas-Peucker, crate `geo`) to within
//! [`TOLERANCE_M`], so a region's roads take a few hundred kilobytes in the file and a map
//! draws them without the extract.

use geo::{LineString, SimplifyIdx};
use rayon::prelude::*;

use super::osm::Roads;
use super::speeds::RoadClass;
use crate::model::{MainRoad, RoadLayer, RoadLine, microdegrees};

/// How far a simplified road may stray from the extract's, metres: under a pixel of a map of
/// 40 km across 1,600 px (25 m a pixel).
pub const TOLERANCE_M: f64 = 10.0;
/// Roads are kept this far beyond the box round the appraisal's places, km: a map's margin
/// shows roads leading out of the area, not a blank edge.
pub const REACH_KM: f64 = 15.0;
/// Metres in a degree of latitude (mean Earth radius 6,371.0088 km).
const M_PER_DEGREE: f64 = 6_371_008.8 * std::f64::consts::PI / 180.0;

/// The map layer of a main road class, or None for the classes a map leaves out.
fn main_road(class: RoadClass) -> Option<MainRoad> {
    match class {
        RoadClass::Motorway => Some(MainRoad::Motorway),
        RoadClass::Trunk => Some(MainRoad::Trunk),
        RoadClass::Primary => Some(MainRoad::Primary),
        RoadClass::Secondary => Some(MainRoad::Secondary),
        RoadClass::Tertiary => Some(MainRoad::Tertiary),
        _ => None,
    }
}

/// Latitude and longitude bounds: the box round `places` grown by [`REACH_KM`]; None without
/// places.
fn reach(places: &[(f64, f64)]) -> Option<[f64; 4]> {
    let (mut s, mut n, mut w, mut e) = (90.0f64, -90.0f64, 180.0f64, -180.0f64);
    for &(lat, lon) in places {
        (s, n, w, e) = (s.min(lat), n.max(lat), w.min(lon), e.max(lon));
    }
    if s > n {
        return None;
    }
    let dlat = REACH_KM * 1000.0 / M_PER_DEGREE;
    let widest = (s.abs().max(n.abs()) + dlat).min(89.0).to_radians().cos();
    let dlon = dlat / widest;
    Some([s - dlat, n + dlat, w - dlon, e + dlon])
}

/// The main roads of `roads` within reach of `places` (latitude, longitude), simplified, in
/// the extract's order of ways; `extract` names the file for the map's credit.
pub fn main_roads(roads: &Roads, places: &[(f64, f64)], extract: &str) -> RoadLayer {
    let Some([s, n, w, e]) = reach(places) else {
        return RoadLayer {
            extract: extract.to_owned(),
            lines: Vec::new(),
        };
    };
    let inside = |&(lat, lon): &(f64, f64)| lat >= s && lat <= n && lon >= w && lon <= e;
    let lines = roads
        .ways
        .par_iter()
        .filter_map(|way| {
            let class = main_road(way.class)?;
            let points: Vec<(f64, f64)> = way
                .nodes
                .iter()
                .filter_map(|id| roads.nodes.binary_search(id).ok())
                .map(|i| roads.coords[i])
                .collect();
            if !points.iter().any(inside) {
                return None;
            }
            let points = simplified(&points);
            (points.len() >= 2).then_some(RoadLine { class, points })
        })
        .collect();
    RoadLayer {
        extract: extract.to_owned(),
        lines,
    }
}

/// `points` (latitude, longitude) simplified to within [`TOLERANCE_M`], in microdegrees, with
/// no point repeated.
fn simplified(points: &[(f64, f64)]) -> Vec<[i32; 2]> {
    let Some(&(lat0, lon0)) = points.first() else {
        return Vec::new();
    };
    let east = lat0.to_radians().cos() * M_PER_DEGREE;
    let metres: LineString<f64> = points
        .iter()
        .map(|&(lat, lon)| ((lon - lon0) * east, (lat - lat0) * M_PER_DEGREE))
        .collect::<Vec<_>>()
        .into();
    let mut out: Vec<[i32; 2]> = Vec::new();
    for i in metres.simplify_idx(TOLERANCE_M) {
        let (lat, lon) = points[i];
        let p = [microdegrees(lat), microdegrees(lon)];
        if out.last() != Some(&p) {
            out.push(p);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::travel::roads::osm::{Direction, Way};

    fn way(id: i64, nodes: &[i64], class: RoadClass) -> Way {
        Way {
            id,
            nodes: nodes.to_vec(),
            class,
            kmh: 50.0,
            direction: Direction::Both,
        }
    }

    /// On the equator 0.0001 degree is 11.12 m. The trunk road's fourth point lies 22.2 m off
    /// the line from its first to its last and stays; its third 14.8 m off the line from its
    /// first to its fourth and stays; its second 5.6 m off the line from its first to its third
    /// and goes. A residential street is left out; a primary road 20 km from the only place is out
    /// of reach (15 km), a secondary road 10 km away in.
    #[test]
    fn main_roads_are_simplified_to_ten_metres_and_kept_within_reach() {
        let roads = Roads {
            ways: vec![
                way(1, &[1, 2, 3, 4, 5], RoadClass::Trunk),
                way(2, &[1, 5], RoadClass::Residential),
                way(3, &[6, 7], RoadClass::Primary),
                way(4, &[8, 9], RoadClass::Secondary),
            ],
            nodes: vec![1, 2, 3, 4, 5, 6, 7, 8, 9],
            coords: vec![
                (0.0, 0.0),
                (0.00005, 0.001),
                (0.0, 0.002),
                (0.0002, 0.003),
                (0.0, 0.004),
                (0.0, 0.18),
                (0.0, 0.19),
                (0.0, 0.09),
                (0.01, 0.09),
            ],
            blocked: 0,
        };
        let layer = main_roads(&roads, &[(0.0, 0.0)], "x.osm.pbf");
        assert_eq!(layer.extract, "x.osm.pbf");
        assert_eq!(
            layer.lines,
            [
                RoadLine {
                    class: MainRoad::Trunk,
                    points: vec![[0, 0], [0, 2000], [200, 3000], [0, 4000]],
                },
                RoadLine {
                    class: MainRoad::Secondary,
                    points: vec![[0, 90_000], [10_000, 90_000]],
                },
            ]
        );
        assert!(main_roads(&roads, &[], "x").lines.is_empty());
    }

    /// Reach: 15 km is 0.134898 degree of latitude (111,195.08 m a degree). On the equator a
    /// degree of longitude is as long; at 60 degrees north about half as long, taken at the
    /// box's poleward edge (60.134898 degrees: cos = 0.497960), so 0.270901 degree.
    #[test]
    fn reach_is_fifteen_km_round_the_places() {
        let close = |a: f64, b: f64| (a - b).abs() < 1e-5;
        let [s, n, w, e] = reach(&[(0.0, 0.0), (0.0, 1.0)]).expect("box");
        assert!(close(s, -0.134_898) && close(n, 0.134_898));
        assert!(close(w, -0.134_898) && close(e, 1.134_898));
        let [s, n, w, e] = reach(&[(60.0, 0.0)]).expect("box");
        assert!(close(s, 59.865_102) && close(n, 60.134_898));
        assert!(close(w, -0.270_901) && close(e, 0.270_901), "{w} {e}");
    }
}
