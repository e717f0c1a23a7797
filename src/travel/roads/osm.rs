//! Reading the roads a car may use from an OpenStreetMap PBF extract (crate `osmpbf`), in two
//! parallel passes over the file's blocks: the ways and the blocking barrier nodes first, then the
//! coordinates of only the nodes those ways use (a national extract has hundreds of millions of
//! nodes; keeping them all would take gigabytes).
//!
//! What counts:
//! - `highway` of a class in [`RoadClass`] (motorway to residential, unclassified, service,
//!   living_street and the `_link`s).
//! - Access: the most specific of `motorcar`, `motor_vehicle`, `vehicle`, `access` that the way
//!   carries decides; `no`, `private`, `agricultural`, `forestry`, `emergency`, `psv`, `bus`,
//!   `military` and `delivery` refuse the way (an emergency-only road is not used by blue light
//!   either: blue light is a share of the car time).
//! - `oneway=yes|1|true` one way along the way, `oneway=-1|reverse` against it, `oneway=no` both
//!   ways; `junction=roundabout|circular` and motorways (and their links) are one way unless
//!   `oneway=no`; `oneway=reversible` ways are left out (their direction changes by the hour).
//! - Barrier nodes that block a car: `bollard`, `block`, `jersey_barrier`, `chain`, `log`,
//!   `debris`, `fence`, `wall`, `kerb`, `planter`, `bus_trap`, `sump_buster`, `stile`,
//!   `kissing_gate`, `turnstile`, `full-height_turnstile`, `cycle_barrier`, `motorcycle_barrier`,
//!   `horse_stile` block unless the node lets motor vehicles through (`motorcar`, `motor_vehicle`
//!   or `access` = yes, permissive, destination or designated); any other barrier (`gate`,
//!   `lift_gate`, `swing_gate`, `toll_booth`, `cattle_grid`, `border_control`, ...) blocks only
//!   when its access tags refuse cars as a way's would. A blocking node is removed from the
//!   network, with the road segments that touch it.

use std::path::{Path, PathBuf};

use osmpbf::{BlobDecode, BlobReader, Element};
use rayon::iter::{ParallelBridge, ParallelIterator};

use super::speeds::{RoadClass, parse_maxspeed};

#[derive(Debug, thiserror::Error)]
pub enum OsmError {
    #[error("{}: not a readable OpenStreetMap PBF file: {source}", path.display())]
    Read {
        path: PathBuf,
        source: osmpbf::Error,
    },
}

/// Which way along a way's nodes a car may go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Both,
    /// In the order of the way's nodes only.
    Forward,
    /// Against the order of the way's nodes only (`oneway=-1`).
    Backward,
}

/// One way a car may use.
#[derive(Debug, Clone, PartialEq)]
pub struct Way {
    pub id: i64,
    pub nodes: Vec<i64>,
    pub class: RoadClass,
    /// Off-peak speed: the `maxspeed`, else the class default.
    pub kmh: f64,
    pub direction: Direction,
}

/// The roads of an extract: car ways, and the nodes they use with coordinates.
#[derive(Debug, Clone, Default)]
pub struct Roads {
    /// Sorted by id, so the same file always gives the same network.
    pub ways: Vec<Way>,
    /// Ids of the nodes the ways use that have coordinates and do not block, sorted.
    pub nodes: Vec<i64>,
    /// Latitude and longitude of each of `nodes`, in degrees.
    pub coords: Vec<(f64, f64)>,
    /// Barrier nodes on the ways that block cars.
    pub blocked: usize,
}

const REFUSING: [&str; 9] = [
    "no",
    "private",
    "agricultural",
    "forestry",
    "emergency",
    "psv",
    "bus",
    "military",
    "delivery",
];
const ALLOWING: [&str; 4] = ["yes", "permissive", "destination", "designated"];
const BLOCKING_BARRIERS: [&str; 19] = [
    "bollard",
    "block",
    "jersey_barrier",
    "chain",
    "log",
    "debris",
    "fence",
    "wall",
    "kerb",
    "planter",
    "bus_trap",
    "sump_buster",
    "stile",
    "kissing_gate",
    "turnstile",
    "full-height_turnstile",
    "cycle_barrier",
    "motorcycle_barrier",
    "horse_stile",
];

/// The tags that decide a way or node, gathered in one walk over its tags.
#[derive(Default)]
struct Tags<'a> {
    highway: Option<&'a str>,
    access: Option<&'a str>,
    vehicle: Option<&'a str>,
    motor_vehicle: Option<&'a str>,
    motorcar: Option<&'a str>,
    oneway: Option<&'a str>,
    junction: Option<&'a str>,
    maxspeed: Option<&'a str>,
    barrier: Option<&'a str>,
}

impl<'a> Tags<'a> {
    fn of(tags: impl Iterator<Item = (&'a str, &'a str)>) -> Self {
        let mut t = Tags::default();
        for (k, v) in tags {
            let slot = match k {
                "highway" => &mut t.highway,
                "access" => &mut t.access,
                "vehicle" => &mut t.vehicle,
                "motor_vehicle" => &mut t.motor_vehicle,
                "motorcar" => &mut t.motorcar,
                "oneway" => &mut t.oneway,
                "junction" => &mut t.junction,
                "maxspeed" => &mut t.maxspeed,
                "barrier" => &mut t.barrier,
                _ => continue,
            };
            *slot = Some(v);
        }
        t
    }

    /// The access value that applies to a car: the most specific tag given.
    fn car_access(&self) -> Option<&'a str> {
        self.motorcar
            .or(self.motor_vehicle)
            .or(self.vehicle)
            .or(self.access)
    }

    fn refuses_cars(&self) -> bool {
        self.car_access().is_some_and(|v| REFUSING.contains(&v))
    }

    /// True for a barrier node a car cannot pass.
    fn blocks(&self) -> bool {
        let Some(barrier) = self.barrier else {
            return false;
        };
        if BLOCKING_BARRIERS.contains(&barrier) {
            !self.car_access().is_some_and(|v| ALLOWING.contains(&v))
        } else {
            self.refuses_cars()
        }
    }

    /// The way a car may use, or None.
    fn way(&self, id: i64, refs: impl Iterator<Item = i64>) -> Option<Way> {
        let class = RoadClass::from_highway(self.highway?)?;
        if self.refuses_cars() {
            return None;
        }
        let roundabout = matches!(self.junction, Some("roundabout" | "circular"));
        let direction = match self.oneway {
            Some("yes" | "1" | "true") => Direction::Forward,
            Some("-1" | "reverse") => Direction::Backward,
            Some("no" | "false" | "0" | "alternating") => Direction::Both,
            Some("reversible") => return None,
            _ if roundabout || class.implied_oneway() => Direction::Forward,
            _ => Direction::Both,
        };
        let nodes: Vec<i64> = refs.collect();
        if nodes.len() < 2 {
            return None;
        }
        Some(Way {
            id,
            nodes,
            class,
            kmh: self
                .maxspeed
                .and_then(parse_maxspeed)
                .unwrap_or_else(|| class.default_kmh()),
            direction,
        })
    }
}

/// What the first pass finds in one block.
#[derive(Default)]
struct Found {
    ways: Vec<Way>,
    blocking: Vec<i64>,
}

/// Calls `each` on every block of the file in parallel, and gathers what it returns.
fn blocks<T: Send>(
    path: &Path,
    each: impl Fn(&osmpbf::PrimitiveBlock) -> T + Sync + Send,
) -> Result<Vec<T>, OsmError> {
    let read = |source| OsmError::Read {
        path: path.to_owned(),
        source,
    };
    let reader = BlobReader::from_path(path).map_err(read)?;
    reader
        .par_bridge()
        .filter_map(|blob| {
            let blob = match blob {
                Ok(b) => b,
                Err(e) => return Some(Err(e)),
            };
            match blob.decode() {
                Ok(BlobDecode::OsmData(block)) => Some(Ok(each(&block))),
                Ok(_) => None,
                Err(e) => Some(Err(e)),
            }
        })
        .collect::<Result<Vec<T>, _>>()
        .map_err(read)
}

/// The extract's replication timestamp, seconds since 1970 UTC: the PBF header block's
/// `osmosis_replication_timestamp` (Geofabrik's extracts state it: how current the roads are).
/// None when the header does not state it. Reads only up to the header, the file's first block.
pub fn replication_timestamp(path: &Path) -> Result<Option<i64>, OsmError> {
    let read = |source| OsmError::Read {
        path: path.to_owned(),
        source,
    };
    let reader = BlobReader::from_path(path).map_err(read)?;
    for blob in reader {
        match blob.map_err(read)?.decode().map_err(read)? {
            BlobDecode::OsmHeader(header) => return Ok(header.osmosis_replication_timestamp()),
            BlobDecode::OsmData(_) => return Ok(None),
            BlobDecode::Unknown(_) => {}
        }
    }
    Ok(None)
}

/// Reads the car roads of the extract at `path`.
pub fn read(path: &Path) -> Result<Roads, OsmError> {
    let found = blocks(path, |block| {
        let mut f = Found::default();
        block.for_each_element(|e| match e {
            Element::Way(w) => {
                if let Some(way) = Tags::of(w.tags()).way(w.id(), w.refs()) {
                    f.ways.push(way);
                }
            }
            Element::Node(n) => {
                if Tags::of(n.tags()).blocks() {
                    f.blocking.push(n.id());
                }
            }
            Element::DenseNode(n) => {
                if Tags::of(n.tags()).blocks() {
                    f.blocking.push(n.id());
                }
            }
            Element::Relation(_) => {}
        });
        f
    })?;
    let mut ways = Vec::new();
    let mut blocking = Vec::new();
    for f in found {
        ways.extend(f.ways);
        blocking.extend(f.blocking);
    }
    ways.sort_unstable_by_key(|w| w.id);
    blocking.sort_unstable();
    let mut used: Vec<i64> = ways.iter().flat_map(|w| w.nodes.iter().copied()).collect();
    used.sort_unstable();
    used.dedup();
    let before = used.len();
    used.retain(|id| blocking.binary_search(id).is_err());
    let blocked = before - used.len();

    // Second pass: the coordinates of the nodes used.
    let used_ref = &used;
    let located = blocks(path, |block| {
        let mut out: Vec<(u32, f64, f64)> = Vec::new();
        let mut take = |id: i64, lat: f64, lon: f64| {
            if let Ok(i) = used_ref.binary_search(&id) {
                out.push((i as u32, lat, lon));
            }
        };
        block.for_each_element(|e| match e {
            Element::Node(n) => take(n.id(), n.lat(), n.lon()),
            Element::DenseNode(n) => take(n.id(), n.lat(), n.lon()),
            _ => {}
        });
        out
    })?;
    let mut coords = vec![(f64::NAN, f64::NAN); used.len()];
    for (i, lat, lon) in located.into_iter().flatten() {
        coords[i as usize] = (lat, lon);
    }
    // Nodes outside the extract (ways cut at its edge) have no coordinates: drop them.
    let mut nodes = Vec::with_capacity(used.len());
    let mut kept = Vec::with_capacity(used.len());
    for (id, c) in used.into_iter().zip(coords) {
        if !c.0.is_nan() {
            nodes.push(id);
            kept.push(c);
        }
    }
    Ok(Roads {
        ways,
        nodes,
        coords: kept,
        blocked,
    })
}
