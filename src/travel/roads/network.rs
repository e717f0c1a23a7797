//! The road network as a compact graph: `u32` node ids, coordinates, and edges in compressed
//! sparse rows (CSR: each node's edges contiguous, found through an offsets array) with two times
//! per edge in milliseconds, off-peak and peak. Integer times make the shortest times exact
//! sums, the same whatever order the search meets equal paths in. At England's scale (about 4
//! million junctions, 9 million segments, both ways) this is a few hundred megabytes.

use super::osm::{Direction, Roads};
use crate::model::PeakFactors;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum NetworkError {
    #[error("the extract has no road a car may use")]
    Empty,
    #[error("the road network has {0} nodes, more than a u32 can number")]
    TooLarge(usize),
}

/// Mean Earth radius (IUGG), metres.
pub const EARTH_RADIUS_M: f64 = 6_371_008.8;

/// Great-circle distance in metres between two (latitude, longitude) points in degrees.
pub fn haversine_m(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (la1, la2) = (a.0.to_radians(), b.0.to_radians());
    let dlat = la2 - la1;
    let dlon = (b.1 - a.1).to_radians();
    let h = (dlat / 2.0).sin().powi(2) + la1.cos() * la2.cos() * (dlon / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_M * h.sqrt().min(1.0).asin()
}

/// The Z-order position of a point: latitude and longitude quantised to 32 bits each and their
/// bits interleaved.
fn morton((lat, lon): (f64, f64)) -> u64 {
    fn spread(v: u32) -> u64 {
        let mut x = u64::from(v);
        x = (x | (x << 16)) & 0x0000_FFFF_0000_FFFF;
        x = (x | (x << 8)) & 0x00FF_00FF_00FF_00FF;
        x = (x | (x << 4)) & 0x0F0F_0F0F_0F0F_0F0F;
        x = (x | (x << 2)) & 0x3333_3333_3333_3333;
        (x | (x << 1)) & 0x5555_5555_5555_5555
    }
    let quantise = |v: f64, lo: f64, span: f64| {
        (((v - lo) / span).clamp(0.0, 1.0) * f64::from(u32::MAX)) as u32
    };
    spread(quantise(lat, -90.0, 180.0)) << 1 | spread(quantise(lon, -180.0, 360.0))
}

/// A directed graph in CSR form with an off-peak and a peak time on each edge.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Network {
    /// (latitude, longitude) of each node, degrees.
    pub coords: Vec<(f64, f64)>,
    /// Node `n`'s edges are `offsets[n]..offsets[n + 1]`.
    pub offsets: Vec<u32>,
    pub heads: Vec<u32>,
    pub offpeak_ms: Vec<u32>,
    pub peak_ms: Vec<u32>,
}

/// One directed road segment before it is placed in rows.
#[derive(Debug, Clone, Copy)]
struct Edge {
    tail: u32,
    head: u32,
    offpeak_ms: u32,
    peak_ms: u32,
}

fn milliseconds(seconds: f64) -> u32 {
    (seconds * 1000.0)
        .round()
        .clamp(1.0, f64::from(u32::MAX / 4)) as u32
}

impl Network {
    pub fn nodes(&self) -> usize {
        self.coords.len()
    }

    pub fn edges(&self) -> usize {
        self.heads.len()
    }

    /// The edges of node `n`: (head, index of the edge).
    pub fn edges_of(&self, n: u32) -> impl Iterator<Item = (u32, usize)> + '_ {
        let (from, to) = (
            self.offsets[n as usize] as usize,
            self.offsets[n as usize + 1] as usize,
        );
        (from..to).map(move |e| (self.heads[e], e))
    }

    /// The network of the roads read from an extract: a node per used node, an edge per
    /// segment between consecutive nodes of a way in each direction a car may go it. Segments
    /// touching a node that is missing or blocking are left out.
    /// Peak times are the off-peak milliseconds x `peak`'s factor for the road's class.
    pub fn build(roads: &Roads, peak: &PeakFactors) -> Result<Network, NetworkError> {
        let n = roads.nodes.len();
        if n > u32::MAX as usize - 1 {
            return Err(NetworkError::TooLarge(n));
        }
        let index = |id: i64| roads.nodes.binary_search(&id).ok().map(|i| i as u32);
        let mut edges = Vec::new();
        for way in &roads.ways {
            let speed_ms = way.kmh / 3.6;
            let factor = way.class.peak_factor(peak);
            for pair in way.nodes.windows(2) {
                let (Some(a), Some(b)) = (index(pair[0]), index(pair[1])) else {
                    continue;
                };
                if a == b {
                    continue;
                }
                let seconds =
                    haversine_m(roads.coords[a as usize], roads.coords[b as usize]) / speed_ms;
                let offpeak_ms = milliseconds(seconds);
                let peak_ms = milliseconds(f64::from(offpeak_ms) / 1000.0 * factor);
                let edge = |tail, head| Edge {
                    tail,
                    head,
                    offpeak_ms,
                    peak_ms,
                };
                match way.direction {
                    Direction::Forward => edges.push(edge(a, b)),
                    Direction::Backward => edges.push(edge(b, a)),
                    Direction::Both => {
                        edges.push(edge(a, b));
                        edges.push(edge(b, a));
                    }
                }
            }
        }
        if edges.is_empty() {
            return Err(NetworkError::Empty);
        }
        Ok(Self::from_edges(roads.coords.clone(), edges))
    }

    /// The CSR of `edges`: each node's edges in rows, ordered by head then times. Placed by a
    /// counting pass over the tails and each short row sorted on its own, rather than one sort
    /// of every edge: at England's size that sort was seconds each time a graph was made.
    fn from_edges(coords: Vec<(f64, f64)>, edges: Vec<Edge>) -> Network {
        let mut offsets = vec![0u32; coords.len() + 1];
        for e in &edges {
            offsets[e.tail as usize + 1] += 1;
        }
        for i in 1..offsets.len() {
            offsets[i] += offsets[i - 1];
        }
        let mut rows = vec![(0u32, 0u32, 0u32); edges.len()];
        let mut next = offsets.clone();
        for e in &edges {
            let at = &mut next[e.tail as usize];
            rows[*at as usize] = (e.head, e.offpeak_ms, e.peak_ms);
            *at += 1;
        }
        drop(edges);
        for w in offsets.windows(2) {
            rows[w[0] as usize..w[1] as usize].sort_unstable();
        }
        Network {
            coords,
            offsets,
            heads: rows.iter().map(|r| r.0).collect(),
            offpeak_ms: rows.iter().map(|r| r.1).collect(),
            peak_ms: rows.iter().map(|r| r.2).collect(),
        }
    }

    fn all_edges(&self) -> impl Iterator<Item = Edge> + '_ {
        (0..self.nodes() as u32).flat_map(move |tail| {
            self.edges_of(tail).map(move |(head, e)| Edge {
                tail,
                head,
                offpeak_ms: self.offpeak_ms[e],
                peak_ms: self.peak_ms[e],
            })
        })
    }

    /// The same roads with every edge turned round: a search over it from a site finds every
    /// node's time *to* the site.
    pub fn reversed(&self) -> Network {
        let edges = self
            .all_edges()
            .map(|e| Edge {
                tail: e.head,
                head: e.tail,
                ..e
            })
            .collect();
        Self::from_edges(self.coords.clone(), edges)
    }

    /// Only the nodes with `keep` true and the edges between them, the nodes renumbered along
    /// a Z-order (Morton) curve: nodes near each other on the map get near numbers, so a search
    /// touches memory in runs rather than at random (OSM ids carry no such order).
    pub fn keeping(&self, keep: &[bool]) -> Network {
        let mut order: Vec<(u64, u32)> = keep
            .iter()
            .enumerate()
            .filter(|(_, k)| **k)
            .map(|(i, _)| (morton(self.coords[i]), i as u32))
            .collect();
        order.sort_unstable();
        let mut new_id = vec![u32::MAX; self.nodes()];
        let mut coords = Vec::with_capacity(order.len());
        for (_, i) in order {
            new_id[i as usize] = coords.len() as u32;
            coords.push(self.coords[i as usize]);
        }
        let edges = self
            .all_edges()
            .filter(|e| keep[e.tail as usize] && keep[e.head as usize])
            .map(|e| Edge {
                tail: new_id[e.tail as usize],
                head: new_id[e.head as usize],
                ..e
            })
            .collect();
        Self::from_edges(coords, edges)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn haversine_on_the_equator() {
        // 0.01 degree of longitude on the equator: 6,371,008.8 x 0.01 x pi / 180 = 1,111.95 m.
        let d = haversine_m((0.0, 0.0), (0.0, 0.01));
        assert!((d - 1_111.950_8).abs() < 0.001, "{d}");
    }
}

/// What a node is to the chains of road between junctions.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Through {
    /// A junction, a dead end or a node a zone or site is joined to: kept.
    Kept,
    /// On a two-way road between two other nodes: a car goes on to the one it did not come from.
    TwoWay,
    /// On a one-way road: one edge in, one edge out, to another node.
    OneWay,
}

impl Network {
    /// The same shortest times between the nodes marked in `terminal` and every junction, over a
    /// smaller graph: each chain of nodes that merely lie along a road (the shape points of a
    /// bend, most of a real extract's nodes) becomes one edge whose times are the chain's sums.
    /// Returns the graph and each old node's new number (`u32::MAX` for a node contracted away).
    /// Integer times make every shortest time exactly the same as over the full network.
    pub fn contracted(&self, terminal: &[bool]) -> (Network, Vec<u32>) {
        let n = self.nodes();
        let mut in_degree = vec![0u32; n];
        for h in &self.heads {
            in_degree[*h as usize] += 1;
        }
        // The one edge in, for one-way chain nodes; two-way ones are found from their two out-
        // edges. Reverse heads: for each node with in-degree 1, its one predecessor.
        let mut only_tail = vec![u32::MAX; n];
        for tail in 0..n as u32 {
            for (head, _) in self.edges_of(tail) {
                if in_degree[head as usize] == 1 {
                    only_tail[head as usize] = tail;
                }
            }
        }
        let kind: Vec<Through> = (0..n as u32)
            .map(|v| {
                if terminal[v as usize] {
                    return Through::Kept;
                }
                let out = &self.heads
                    [self.offsets[v as usize] as usize..self.offsets[v as usize + 1] as usize];
                match (out, in_degree[v as usize]) {
                    ([a, b], 2) if a != b && *a != v && *b != v => {
                        // Two-way only if both neighbours also lead back to v.
                        let back = |x: u32| self.edges_of(x).filter(|(h, _)| *h == v).count() == 1;
                        if back(*a) && back(*b) {
                            Through::TwoWay
                        } else {
                            Through::Kept
                        }
                    }
                    ([b], 1)
                        if *b != v && only_tail[v as usize] != *b && only_tail[v as usize] != v =>
                    {
                        Through::OneWay
                    }
                    _ => Through::Kept,
                }
            })
            .collect();
        let mut new_id = vec![u32::MAX; n];
        let mut coords = Vec::new();
        for v in 0..n {
            if kind[v] == Through::Kept {
                new_id[v] = coords.len() as u32;
                coords.push(self.coords[v]);
            }
        }
        let mut edges = Vec::new();
        for u in (0..n as u32).filter(|u| kind[*u as usize] == Through::Kept) {
            for (first, e) in self.edges_of(u) {
                let (mut offpeak, mut peak) = (self.offpeak_ms[e], self.peak_ms[e]);
                let (mut prev, mut at) = (u, first);
                let mut steps = 0usize;
                let mut closed = false;
                while kind[at as usize] != Through::Kept {
                    // A chain longer than the network is a cycle with no junction: drop it.
                    steps += 1;
                    if steps > n {
                        closed = true;
                        break;
                    }
                    let next = self
                        .edges_of(at)
                        .find(|(h, _)| kind[at as usize] == Through::OneWay || *h != prev);
                    let Some((h, e)) = next else {
                        closed = true;
                        break;
                    };
                    offpeak = offpeak.saturating_add(self.offpeak_ms[e]);
                    peak = peak.saturating_add(self.peak_ms[e]);
                    prev = at;
                    at = h;
                }
                if !closed && at != u {
                    edges.push(Edge {
                        tail: new_id[u as usize],
                        head: new_id[at as usize],
                        offpeak_ms: offpeak,
                        peak_ms: peak,
                    });
                }
            }
        }
        (Self::from_edges(coords, edges), new_id)
    }
}

#[cfg(test)]
mod contraction_tests {
    use super::*;

    fn net(n: usize, edges: &[(u32, u32, u32)]) -> Network {
        Network::from_edges(
            vec![(0.0, 0.0); n],
            edges
                .iter()
                .map(|&(tail, head, ms)| Edge {
                    tail,
                    head,
                    offpeak_ms: ms,
                    peak_ms: 2 * ms,
                })
                .collect(),
        )
    }

    #[test]
    fn rows_hold_each_nodes_edges_by_head_then_time() {
        // Given out of order, with two parallel 0 -> 2 edges.
        let g = net(3, &[(2, 0, 7), (0, 2, 9), (1, 0, 4), (0, 2, 3), (0, 1, 5)]);
        assert_eq!(g.offsets, vec![0, 3, 4, 5]);
        assert_eq!(g.heads, vec![1, 2, 2, 0, 0]);
        assert_eq!(g.offpeak_ms, vec![5, 3, 9, 4, 7]);
        assert_eq!(g.peak_ms, vec![10, 6, 18, 8, 14]);
        // Reversed: 0 <- 1, 2 (x2); 1 <- 0; 2 <- 0.
        let r = g.reversed();
        assert_eq!(r.offsets, vec![0, 2, 3, 5]);
        assert_eq!(r.heads, vec![1, 2, 0, 0, 0]);
        assert_eq!(r.offpeak_ms, vec![4, 7, 5, 3, 9]);
    }

    #[test]
    fn chains_become_single_edges_with_their_sums() {
        // 0 <-> 1 <-> 2 <-> 3 two ways (10, 20, 30 ms), then 3 -> 4 -> 5 -> 3 one way (1, 2, 3 ms),
        // and a spur 1 <-> 6 (5 ms), so 1 is a junction. Terminals: 0 and 5.
        let mut e = vec![];
        for (a, b, ms) in [(0, 1, 10), (1, 2, 20), (2, 3, 30), (1, 6, 5)] {
            e.push((a, b, ms));
            e.push((b, a, ms));
        }
        e.extend([(3, 4, 1), (4, 5, 2), (5, 3, 3)]);
        let g = net(7, &e);
        let mut terminal = vec![false; 7];
        terminal[0] = true;
        terminal[5] = true;
        let (c, id) = g.contracted(&terminal);
        // Kept: 0 (terminal), 1 (three neighbours), 3 (junction of the loop), 5 (terminal), 6
        // (dead end). 2 and 4 are contracted.
        assert_eq!(id[2], u32::MAX);
        assert_eq!(id[4], u32::MAX);
        assert_eq!(c.nodes(), 5);
        let edge = |a: usize, b: usize| {
            c.edges_of(id[a])
                .find(|(h, _)| *h == id[b])
                .map(|(_, e)| (c.offpeak_ms[e], c.peak_ms[e]))
        };
        assert_eq!(edge(1, 3), Some((50, 100)));
        assert_eq!(edge(3, 1), Some((50, 100)));
        assert_eq!(edge(3, 5), Some((3, 6)));
        assert_eq!(edge(5, 3), Some((3, 6)));
        assert_eq!(edge(0, 1), Some((10, 20)));
    }
}
