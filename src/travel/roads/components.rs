//! The largest strongly connected part of the network: the roads from which every other can be
//! reached and back. Islands (a car park whose one-way exit leaves the extract, a road cut at the
//! extract's edge) would otherwise trap a zone joined to them with no way to any site.
//!
//! Tarjan's algorithm written by hand and iterative (an explicit stack, no recursion): England's
//! network has millions of nodes and a recursive search would overflow the thread's stack.

use super::network::Network;

const UNSEEN: u32 = u32::MAX;

/// For each node, whether it lies in the largest strongly connected component.
pub fn largest(network: &Network) -> Vec<bool> {
    let n = network.nodes();
    let mut index = vec![UNSEEN; n];
    let mut low = vec![0u32; n];
    let mut on_stack = vec![false; n];
    let mut component = vec![UNSEEN; n];
    let mut stack: Vec<u32> = Vec::new();
    // Call stack: (node, position in its edge list).
    let mut calls: Vec<(u32, u32)> = Vec::new();
    let mut next_index = 0u32;
    let mut sizes: Vec<u32> = Vec::new();

    for root in 0..n as u32 {
        if index[root as usize] != UNSEEN {
            continue;
        }
        calls.push((root, network.offsets[root as usize]));
        index[root as usize] = next_index;
        low[root as usize] = next_index;
        next_index += 1;
        stack.push(root);
        on_stack[root as usize] = true;
        while let Some(top) = calls.len().checked_sub(1) {
            let (v, at) = calls[top];
            let end = network.offsets[v as usize + 1];
            if at < end {
                let w = network.heads[at as usize];
                calls[top].1 += 1;
                if index[w as usize] == UNSEEN {
                    index[w as usize] = next_index;
                    low[w as usize] = next_index;
                    next_index += 1;
                    stack.push(w);
                    on_stack[w as usize] = true;
                    calls.push((w, network.offsets[w as usize]));
                } else if on_stack[w as usize] {
                    low[v as usize] = low[v as usize].min(index[w as usize]);
                }
                continue;
            }
            // Every edge of v explored.
            calls.pop();
            if let Some(&(parent, _)) = calls.last() {
                low[parent as usize] = low[parent as usize].min(low[v as usize]);
            }
            if low[v as usize] == index[v as usize] {
                let id = sizes.len() as u32;
                let mut size = 0u32;
                while let Some(w) = stack.pop() {
                    on_stack[w as usize] = false;
                    component[w as usize] = id;
                    size += 1;
                    if w == v {
                        break;
                    }
                }
                sizes.push(size);
            }
        }
    }
    let biggest = sizes
        .iter()
        .enumerate()
        .max_by_key(|(i, s)| (**s, std::cmp::Reverse(*i)))
        .map_or(UNSEEN, |(i, _)| i as u32);
    component.into_iter().map(|c| c == biggest).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph(n: usize, edges: &[(u32, u32)]) -> Network {
        let mut offsets = vec![0u32; n + 1];
        let mut sorted = edges.to_vec();
        sorted.sort_unstable();
        for (t, _) in &sorted {
            offsets[*t as usize + 1] += 1;
        }
        for i in 1..=n {
            offsets[i] += offsets[i - 1];
        }
        Network {
            coords: vec![(0.0, 0.0); n],
            offsets,
            heads: sorted.iter().map(|e| e.1).collect(),
            offpeak_ms: vec![1; sorted.len()],
            peak_ms: vec![1; sorted.len()],
        }
    }

    #[test]
    fn keeps_the_biggest_cycle() {
        // 0 <-> 1 -> 2 -> 3 -> 2 (a cycle of 2 and one of 2; 4 -> 5 -> 6 -> 4 a cycle of 3).
        let g = graph(
            7,
            &[
                (0, 1),
                (1, 0),
                (1, 2),
                (2, 3),
                (3, 2),
                (4, 5),
                (5, 6),
                (6, 4),
            ],
        );
        assert_eq!(
            largest(&g),
            vec![false, false, false, false, true, true, true]
        );
    }

    #[test]
    fn a_long_chain_does_not_overflow() {
        let n = 1_000_000u32;
        let mut edges: Vec<(u32, u32)> = (0..n - 1).map(|i| (i, i + 1)).collect();
        edges.push((n - 1, 0));
        let keep = largest(&graph(n as usize, &edges));
        assert!(keep.iter().all(|k| *k));
    }
}
