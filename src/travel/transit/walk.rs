//! The walking legs: from a zone centroid to the stops near it, between stops for a change, from
//! the last stop to the site, and the whole way on foot.
//!
//! A walk's length is the great-circle distance x the detour factor (streets are not straight
//! lines; [`TransitSettings::detour_factor`], 1.3 by default, is a usual ratio of network to
//! straight-line distance in built-up areas), timed at the walking speed and rounded up to
//! the second. Stops are found with an R-tree over points on a sphere in 3D metres, whose
//! straight chord is never longer than the great-circle distance, so no stop in reach is missed.

use rstar::RTree;
use rstar::primitives::GeomWithData;

use crate::model::TransitSettings;
use crate::travel::roads::network::{EARTH_RADIUS_M, haversine_m};

fn on_sphere((lat, lon): (f64, f64)) -> [f64; 3] {
    let (la, lo) = (lat.to_radians(), lon.to_radians());
    [
        EARTH_RADIUS_M * la.cos() * lo.cos(),
        EARTH_RADIUS_M * la.cos() * lo.sin(),
        EARTH_RADIUS_M * la.sin(),
    ]
}

/// Walking times near a set of stops.
pub struct Walker {
    tree: RTree<GeomWithData<[f64; 3], u32>>,
    stops: Vec<(f64, f64)>,
    metres_per_second: f64,
    detour: f64,
}

impl Walker {
    pub fn new(stops: &[(f64, f64)], settings: &TransitSettings) -> Walker {
        let points = stops
            .iter()
            .enumerate()
            .map(|(i, p)| GeomWithData::new(on_sphere(*p), i as u32))
            .collect();
        Walker {
            tree: RTree::bulk_load(points),
            stops: stops.to_vec(),
            metres_per_second: settings.walk_speed_kmh / 3.6,
            detour: settings.detour_factor,
        }
    }

    /// Seconds on foot between two points, if the walk is at most `max_m` metres.
    pub fn seconds(&self, a: (f64, f64), b: (f64, f64), max_m: f64) -> Option<i32> {
        let metres = haversine_m(a, b) * self.detour;
        (metres <= max_m).then(|| (metres / self.metres_per_second).ceil() as i32)
    }

    /// The stops within a walk of `max_m` metres of `p`, with their seconds on foot, by stop.
    pub fn near(&self, p: (f64, f64), max_m: f64) -> Vec<(u32, i32)> {
        let straight = max_m / self.detour;
        let mut out: Vec<(u32, i32)> = self
            .tree
            .locate_within_distance(on_sphere(p), straight * straight)
            .filter_map(|g| {
                let s = g.data;
                self.seconds(p, self.stops[s as usize], max_m)
                    .map(|t| (s, t))
            })
            .collect();
        out.sort_unstable();
        out
    }

    /// For every stop, the changes that end there: `(from stop, seconds)`, as lists by stop
    /// (`start` offsets into `list`): every other stop within a walk of `max_m` metres, and
    /// the feeds' transfers.txt changes (their minimum time when given, else the walk). Changes
    /// at the same stop take no time and are not listed.
    pub fn changes_into(
        &self,
        max_m: f64,
        transfers: &[(u32, u32, Option<i32>)],
    ) -> (Vec<u32>, Vec<(u32, i32)>) {
        let n = self.stops.len();
        let mut into: Vec<Vec<(u32, i32)>> = vec![Vec::new(); n];
        if max_m > 0.0 {
            for (to, p) in self.stops.iter().enumerate() {
                for (from, t) in self.near(*p, max_m) {
                    if from as usize != to {
                        into[to].push((from, t));
                    }
                }
            }
        }
        for &(from, to, seconds) in transfers {
            if from == to {
                continue;
            }
            let (f, t) = (from as usize, to as usize);
            let time = seconds.unwrap_or_else(|| {
                let metres = haversine_m(self.stops[f], self.stops[t]) * self.detour;
                (metres / self.metres_per_second).ceil() as i32
            });
            match into[t].iter_mut().find(|(s, _)| *s == from) {
                Some(existing) => existing.1 = time,
                None => into[t].push((from, time)),
            }
        }
        let mut start = Vec::with_capacity(n + 1);
        let mut list = Vec::new();
        start.push(0);
        for l in into {
            list.extend(l);
            start.push(list.len() as u32);
        }
        (start, list)
    }
}
