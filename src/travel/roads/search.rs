//! Times from every zone to each site: one Dijkstra search per site over the reversed network
//! (so one search finds every node's time *to* the site), stopping once every zone's node is
//! settled. Written by hand over the CSR arrays with a binary heap: a many-to-many matrix is one
//! search per site anyway (`fast_paths`' contraction hierarchies answer one pair at a time), and
//! the by-hand search keeps its arrays between sites instead of allocating per search. Sites are
//! shared among threads (rayon), each thread with its own arrays.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use rayon::prelude::*;

use super::network::Network;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SearchError {
    #[error("cancelled")]
    Cancelled,
}

/// No path.
pub const UNREACHED: u32 = u32::MAX;

/// One thread's search arrays, reset between searches by the nodes touched.
struct State {
    time: Vec<u32>,
    touched: Vec<u32>,
    /// (time << 32 | node): one integer compare per heap step.
    heap: BinaryHeap<Reverse<u64>>,
}

impl State {
    fn new(nodes: usize) -> Self {
        State {
            time: vec![UNREACHED; nodes],
            touched: Vec::new(),
            heap: BinaryHeap::new(),
        }
    }
}

/// The zones' nodes, as the searches look for them.
pub struct Targets {
    /// Distinct target nodes.
    nodes: Vec<u32>,
    /// For each network node, whether it is a target.
    is_target: Vec<bool>,
}

impl Targets {
    pub fn new(network_nodes: usize, nodes: &[u32]) -> Self {
        let mut distinct = nodes.to_vec();
        distinct.sort_unstable();
        distinct.dedup();
        let mut is_target = vec![false; network_nodes];
        for n in &distinct {
            is_target[*n as usize] = true;
        }
        Targets {
            nodes: distinct,
            is_target,
        }
    }
}

/// One search from `source` over `reversed`; returns the time in ms from each target node
/// (in `targets.nodes` order) to `source`.
fn search(
    reversed: &Network,
    weights: &[u32],
    source: u32,
    targets: &Targets,
    st: &mut State,
) -> Vec<u32> {
    for n in st.touched.drain(..) {
        st.time[n as usize] = UNREACHED;
    }
    st.heap.clear();
    st.time[source as usize] = 0;
    st.touched.push(source);
    st.heap.push(Reverse(u64::from(source)));
    let mut left = targets.nodes.len();
    while let Some(Reverse(entry)) = st.heap.pop() {
        let (t, v) = ((entry >> 32) as u32, entry as u32);
        if t > st.time[v as usize] {
            continue; // a stale entry
        }
        if targets.is_target[v as usize] {
            left -= 1;
            if left == 0 {
                break;
            }
        }
        for (w, e) in reversed.edges_of(v) {
            let through = t.saturating_add(weights[e]);
            let known = &mut st.time[w as usize];
            if through < *known {
                if *known == UNREACHED {
                    st.touched.push(w);
                }
                *known = through;
                st.heap
                    .push(Reverse(u64::from(through) << 32 | u64::from(w)));
            }
        }
    }
    targets.nodes.iter().map(|n| st.time[*n as usize]).collect()
}

/// For each of `sources`, the time in ms from each target node to it, `[source][target]` with
/// targets in sorted distinct order (see [`Targets::position`]). `done` is told after each
/// source; `cancel` stops the work between searches.
pub fn times_to(
    reversed: &Network,
    weights: &[u32],
    sources: &[u32],
    targets: &Targets,
    done: &(dyn Fn(usize) + Sync),
    cancel: &AtomicBool,
) -> Result<Vec<Vec<u32>>, SearchError> {
    let finished = AtomicUsize::new(0);
    sources
        .par_iter()
        .map_init(
            || State::new(reversed.nodes()),
            |st, &s| {
                if cancel.load(Ordering::Relaxed) {
                    return Err(SearchError::Cancelled);
                }
                let times = search(reversed, weights, s, targets, st);
                done(finished.fetch_add(1, Ordering::Relaxed) + 1);
                Ok(times)
            },
        )
        .collect()
}

impl Targets {
    /// Where node `n`'s time is in a search's result.
    pub fn position(&self, n: u32) -> Option<usize> {
        self.nodes.binary_search(&n).ok()
    }
}
