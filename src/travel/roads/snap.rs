//! Joining zone centroids and sites to the road network: each to its nearest node (an R-tree,
//! crate `rstar`), the joining leg then timed at a set speed by the caller. Points are placed on
//! a sphere in 3D (metres) so the R-tree's straight-line nearest is also the great-circle
//! nearest, with no distortion by latitude.

use rstar::RTree;
use rstar::primitives::GeomWithData;

use super::network::{EARTH_RADIUS_M, Network, haversine_m};

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SnapError {
    #[error(
        "the extract covers none of the appraisal's {count} {kind}: the nearest is {nearest_km:.1} km from any road it holds (is it the right region?)"
    )]
    NoneCovered {
        kind: &'static str,
        count: usize,
        nearest_km: f64,
    },
    #[error("{} {kind} more than {max_m} m from any road: {}", codes.len(), list(codes))]
    TooFar {
        kind: &'static str,
        max_m: f64,
        codes: Vec<String>,
    },
}

/// The first codes, and how many more.
fn list(codes: &[String]) -> String {
    const SHOWN: usize = 20;
    let mut text = codes
        .iter()
        .take(SHOWN)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(", ");
    if codes.len() > SHOWN {
        text.push_str(&format!(" and {} more", codes.len() - SHOWN));
    }
    text
}

fn on_sphere((lat, lon): (f64, f64)) -> [f64; 3] {
    let (la, lo) = (lat.to_radians(), lon.to_radians());
    [
        EARTH_RADIUS_M * la.cos() * lo.cos(),
        EARTH_RADIUS_M * la.cos() * lo.sin(),
        EARTH_RADIUS_M * la.sin(),
    ]
}

/// A point joined to the network.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Joined {
    pub node: u32,
    /// Great-circle length of the joining leg.
    pub metres: f64,
}

/// An R-tree over the network's nodes.
pub struct Snapper<'n> {
    network: &'n Network,
    tree: RTree<GeomWithData<[f64; 3], u32>>,
}

impl<'n> Snapper<'n> {
    pub fn new(network: &'n Network) -> Self {
        let points = network
            .coords
            .iter()
            .enumerate()
            .map(|(i, c)| GeomWithData::new(on_sphere(*c), i as u32))
            .collect();
        Snapper {
            network,
            tree: RTree::bulk_load(points),
        }
    }

    /// The nearest node to (latitude, longitude).
    pub fn nearest(&self, at: (f64, f64)) -> Option<Joined> {
        let found = self.tree.nearest_neighbor(on_sphere(at))?;
        Some(Joined {
            node: found.data,
            metres: haversine_m(at, self.network.coords[found.data as usize]),
        })
    }

    /// Joins each of `points` (code, position if known) to the network; a point with no position
    /// stays unjoined. An error lists every point farther than `max_m` from any road, or says the
    /// extract covers none of them.
    pub fn join_all(
        &self,
        kind: &'static str,
        points: &[(&str, Option<(f64, f64)>)],
        max_m: f64,
    ) -> Result<Vec<Option<Joined>>, SnapError> {
        let joined: Vec<Option<Joined>> = points
            .iter()
            .map(|(_, at)| at.and_then(|at| self.nearest(at)))
            .collect();
        let far: Vec<String> = points
            .iter()
            .zip(&joined)
            .filter(|(_, j)| j.is_some_and(|j| j.metres > max_m || j.metres.is_nan()))
            .map(|((code, _), _)| (*code).to_owned())
            .collect();
        let located = joined.iter().flatten().count();
        if located > 0 && far.len() == located {
            let nearest = joined
                .iter()
                .flatten()
                .map(|j| j.metres)
                .fold(f64::INFINITY, f64::min);
            return Err(SnapError::NoneCovered {
                kind,
                count: located,
                nearest_km: nearest / 1000.0,
            });
        }
        if !far.is_empty() {
            return Err(SnapError::TooFar {
                kind,
                max_m,
                codes: far,
            });
        }
        Ok(joined)
    }
}
