//! Times from every zone to each site: one Dijkstra search per site over the reversed network
//! (so one search finds every node's time *to* the site), stopping once every zone's node is
//! settled. Written by hand over the CSR arrays with a bucket queue ([`super::queue`], which
//! says why it gives exactly a heap's times) read a bucket at a time, the memory of the nodes
//! a few places ahead fetched early. A many-to-many matrix is one search per site anyway:
//! `fast_paths`' contraction hierarchies answer one pair at a time, and the one-to-all variant
//! (PHAST) needs a hierarchy whose preprocessing on a grid-like network of millions of
//! junctions costs more than the 600 searches it would save. The by-hand search keeps its
//! arrays between sites instead of allocating per search. Sites are shared among threads
//! (rayon), each thread with its own arrays.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use rayon::prelude::*;

use super::network::Network;
use super::queue::{self, Buckets};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SearchError {
    #[error("cancelled")]
    Cancelled,
}

/// No path.
pub const UNREACHED: u32 = u32::MAX;

/// How many entries of a bucket ahead of the one being settled have their edges fetched into
/// the cache (their offsets and times twice as far ahead): about the latency of a memory read
/// in settled nodes. 4, 8 and 16 measured the same; none, a third slower.
const AHEAD: usize = 8;

/// One weighting of a network as a search reads it: each edge's head and time side by side,
/// so one cache line brings both.
pub struct Arcs<'a> {
    offsets: &'a [u32],
    /// (head, ms) of each edge, in the network's edge order.
    arcs: Vec<(u32, u32)>,
    /// The shortest and longest edge, ms: the queue's bucket width and span.
    shortest: u32,
    longest: u32,
}

impl<'a> Arcs<'a> {
    /// `network`'s edges with `weights` (one per edge: its off-peak or peak milliseconds).
    pub fn new(network: &'a Network, weights: &[u32]) -> Self {
        Arcs {
            offsets: &network.offsets,
            arcs: network
                .heads
                .iter()
                .copied()
                .zip(weights.iter().copied())
                .collect(),
            shortest: weights.iter().copied().min().unwrap_or(1),
            longest: weights.iter().copied().max().unwrap_or(1),
        }
    }

    fn nodes(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    fn of(&self, n: u32) -> &[(u32, u32)] {
        let (from, to) = (
            self.offsets[n as usize] as usize,
            self.offsets[n as usize + 1] as usize,
        );
        &self.arcs[from..to]
    }
}

/// Asks the CPU to bring `r`'s cache line in now, to be read a few nodes later: a bucket lists
/// the nodes to settle next, scattered over the graph, and waiting on each one's memory in turn
/// was most of a search's time.
#[inline(always)]
fn prefetch<T>(r: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch is a hint that never faults and reads nothing into the program; the
    // address is a live reference's. SSE, which it needs, is part of every x86-64 CPU.
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(
            (r as *const T).cast(),
        );
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = r;
}

/// One thread's search arrays, kept between its searches.
struct State {
    time: Vec<u32>,
    queue: Buckets,
    /// The bucket being read.
    bucket: Vec<u64>,
}

impl State {
    fn new(graph: &Arcs) -> Self {
        State {
            time: vec![UNREACHED; graph.nodes()],
            queue: Buckets::new(graph.shortest, graph.longest),
            bucket: Vec::new(),
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

/// One search from `source` over `graph` (the reversed network); returns the time in ms from
/// each target node (in `targets.nodes` order) to `source`.
fn search(graph: &Arcs, source: u32, targets: &Targets, st: &mut State) -> Vec<u32> {
    // A search reaches most nodes (the zones cover the country): one fill resets them faster
    // than a list of the nodes touched would.
    st.time.fill(UNREACHED);
    st.queue.clear();
    st.time[source as usize] = 0;
    st.queue.push(0, source);
    let mut left = targets.nodes.len();
    let bucket = &mut st.bucket;
    'search: while st.queue.take_next(bucket) {
        for i in 0..bucket.len() {
            if let Some(&e) = bucket.get(i + 2 * AHEAD) {
                let n = queue::value(e) as usize;
                if let (Some(o), Some(t)) = (graph.offsets.get(n), st.time.get(n)) {
                    prefetch(o);
                    prefetch(t);
                }
            }
            if let Some(&e) = bucket.get(i + AHEAD) {
                let first = graph.offsets.get(queue::value(e) as usize);
                if let Some(arc) = first.and_then(|o| graph.arcs.get(*o as usize)) {
                    prefetch(arc);
                }
            }
            let (t, v) = (queue::key(bucket[i]), queue::value(bucket[i]));
            if t > st.time[v as usize] {
                continue; // a stale entry: v was reached sooner since
            }
            if targets.is_target[v as usize] {
                left -= 1;
                if left == 0 {
                    break 'search;
                }
            }
            for &(w, ms) in graph.of(v) {
                let through = t.saturating_add(ms);
                let known = &mut st.time[w as usize];
                if through < *known {
                    *known = through;
                    st.queue.push(through, w);
                }
            }
        }
    }
    targets.nodes.iter().map(|n| st.time[*n as usize]).collect()
}

/// For each of `sources`, the time in ms from each target node to it, `[source][target]` with
/// targets in sorted distinct order (see [`Targets::position`]). `done` is told after each
/// source; `cancel` stops the work between searches.
pub fn times_to(
    graph: &Arcs,
    sources: &[u32],
    targets: &Targets,
    done: &(dyn Fn(usize) + Sync),
    cancel: &AtomicBool,
) -> Result<Vec<Vec<u32>>, SearchError> {
    let finished = AtomicUsize::new(0);
    sources
        .par_iter()
        .map_init(
            || State::new(graph),
            |st, &s| {
                if cancel.load(Ordering::Relaxed) {
                    return Err(SearchError::Cancelled);
                }
                let times = search(graph, s, targets, st);
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::cmp::Reverse;
    use std::collections::BinaryHeap;

    /// A random directed network: `n` nodes, each with one to four edges to random nodes, of
    /// times drawn from `ms`.
    fn random_network(n: u32, seed: u64, ms: impl Fn(u64) -> u32) -> Network {
        let mut x = seed;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let (mut offsets, mut heads, mut weights) = (vec![0u32], Vec::new(), Vec::new());
        for _ in 0..n {
            for _ in 0..1 + next() % 4 {
                heads.push((next() % u64::from(n)) as u32);
                weights.push(ms(next()));
            }
            offsets.push(heads.len() as u32);
        }
        Network {
            coords: vec![(0.0, 0.0); n as usize],
            offsets,
            heads,
            peak_ms: weights.clone(),
            offpeak_ms: weights,
        }
    }

    /// Every node's time from `source` by the textbook Dijkstra: a binary heap, settled in key
    /// order.
    fn heap_dijkstra(g: &Network, source: u32) -> Vec<u32> {
        let mut time = vec![UNREACHED; g.nodes()];
        let mut heap = BinaryHeap::from([Reverse((0u32, source))]);
        time[source as usize] = 0;
        while let Some(Reverse((t, v))) = heap.pop() {
            if t > time[v as usize] {
                continue;
            }
            for (w, e) in g.edges_of(v) {
                let through = t + g.offpeak_ms[e];
                if through < time[w as usize] {
                    time[w as usize] = through;
                    heap.push(Reverse((through, w)));
                }
            }
        }
        time
    }

    #[test]
    fn a_target_reached_first_the_long_way_is_read_at_its_shortest_time() {
        // 0 -> 3 directly in 9 s, or 0 -> 1 -> 3 in 4 + 4.001 = 8.001 s; the direct edge is
        // listed first, so its entry is queued first. Buckets 2,048 ms wide (the power of two
        // below the shortest edge, 4 s): 9,000 is in bucket 4, 4,000 in bucket 1, so 1 is
        // settled, 3 improved to 8,001 (bucket 3), and 3 is read at 8,001; the search stops
        // there, its one target settled. Buckets wider than an edge would read 3 at 9,000.
        let g = Network {
            coords: vec![(0.0, 0.0); 4],
            offsets: vec![0, 2, 3, 3, 3],
            heads: vec![3, 1, 3],
            offpeak_ms: vec![9_000, 4_000, 4_001],
            peak_ms: vec![9_000, 4_000, 4_001],
        };
        let graph = Arcs::new(&g, &g.offpeak_ms);
        let targets = Targets::new(4, &[3]);
        let times = times_to(&graph, &[0], &targets, &|_| {}, &AtomicBool::new(false)).unwrap();
        assert_eq!(times, vec![vec![8_001]]);
    }

    #[test]
    fn bucket_search_times_equal_a_heap_dijkstra() {
        // Edge times spread as a real network's (1 ms to 20 minutes, most under a minute) and
        // as the generated grid's (4 to 40 s: wide buckets); some nodes unreachable.
        let spreads: [fn(u64) -> u32; 2] = [
            |r| {
                if r % 10 == 0 {
                    1 + (r % 1_200_000) as u32
                } else {
                    1 + (r % 60_000) as u32
                }
            },
            |r| 4_000 + (r % 36_000) as u32,
        ];
        for (seed, ms) in spreads.into_iter().enumerate() {
            let g = random_network(3_000, 7 + seed as u64, ms);
            let sources = [0, 17, 2_999];
            let all: Vec<u32> = (0..3_000).collect();
            let some: Vec<u32> = (0..3_000).step_by(97).collect();
            let never = AtomicBool::new(false);
            let graph = Arcs::new(&g, &g.offpeak_ms);
            for targets in [&all, &some] {
                let t = Targets::new(g.nodes(), targets);
                let times = times_to(&graph, &sources, &t, &|_| {}, &never).unwrap();
                for (s, found) in sources.iter().zip(&times) {
                    let want = heap_dijkstra(&g, *s);
                    let want: Vec<u32> = t.nodes.iter().map(|n| want[*n as usize]).collect();
                    assert_eq!(found, &want, "source {s}");
                    assert!(want.iter().filter(|x| **x != UNREACHED).count() > want.len() / 2);
                    assert!(want.contains(&UNREACHED));
                }
            }
        }
    }
}
