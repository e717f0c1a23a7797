//! The priority queue of the site searches: buckets of keys (Dial's bucket queue with Dinitz's
//! width). Keys are whole milliseconds; bucket `k` holds the keys in `[k W, (k + 1) W)`, where the
//! width `W` is a power of two no larger than the network's shortest edge. Every node taken from
//! the lowest filled bucket already has its final time, in whatever order the bucket is read: on a
//! shorter way to it, the first node not yet settled already holds its exact time, at least one
//! edge (so `W`) below, so it would sit in an earlier bucket, and there is none. The times are
//! therefore exactly those of a heap-ordered Dijkstra (`search`'s tests check them against one),
//! and a bucket is a plain list to read through, with nothing pushed onto it while it is read
//! (every push is at least one edge, so at least `W`, later). A circular array of buckets spans the
//! longest edge, up to 65,536 buckets: keys farther ahead (a long road with no junction on a
//! network whose shortest edge is a millisecond) wait in one list, brought into the buckets when
//! the buckets reach them.
//!
//! Written by hand: measured on a grid built like the national benchmark's (4 million junctions,
//! one thread, CPU seconds per search) `std`'s binary heap took 0.29 s, a radix heap 0.38 s (its
//! entries move down up to fifteen buckets over the spread of edge times), these buckets 0.19 s,
//! and read a bucket at a time with the memory of the nodes ahead fetched early ([`super::search`])
//! 0.125 s. The crates found (`radix-heap`, `priority-queue`, `keyed_priority_queue`) are heaps,
//! not bucket queues.

/// At most this many buckets (1.5 MB of empty lists).
const MOST_BUCKETS: usize = 1 << 16;

/// A monotone min-queue of (key, value) pairs of `u32`, read one bucket at a time.
#[derive(Debug, Clone)]
pub struct Buckets {
    /// log2 of the bucket width.
    shift: u32,
    /// Bucket count - 1 (the count is a power of two).
    mask: usize,
    /// Entries as key << 32 | value.
    buckets: Vec<Vec<u64>>,
    /// Bit `b % 64` of word `b / 64` set when bucket `b` is not empty.
    filled: Vec<u64>,
    /// The number (key >> shift) of the bucket last taken.
    at: u64,
    /// Entries in the buckets.
    len: usize,
    /// Entries too far ahead for the buckets, and the least bucket number among them
    /// (`u64::MAX` when none).
    later: Vec<u64>,
    later_least: u64,
}

impl Buckets {
    /// A queue for a search whose edges take `shortest..=longest` (milliseconds).
    pub fn new(shortest: u32, longest: u32) -> Self {
        let width = shortest.max(1);
        let shift = 31 - width.leading_zeros();
        // Keys pending lie from the bucket being read to one longest edge past its end.
        let span = (longest >> shift) as usize + 2;
        let count = span.next_power_of_two().clamp(64, MOST_BUCKETS);
        Buckets {
            shift,
            mask: count - 1,
            buckets: vec![Vec::new(); count],
            filled: vec![0; count / 64],
            at: 0,
            len: 0,
            later: Vec::new(),
            later_least: u64::MAX,
        }
    }

    /// Empties the queue, keeping its memory, for a search from key 0.
    pub fn clear(&mut self) {
        for (w, bits) in self.filled.iter_mut().enumerate() {
            while *bits != 0 {
                self.buckets[w * 64 + bits.trailing_zeros() as usize].clear();
                *bits &= *bits - 1;
            }
        }
        self.at = 0;
        self.len = 0;
        self.later.clear();
        self.later_least = u64::MAX;
    }

    /// Adds `value` with `key`, which must be in the bucket last taken or later: a search's
    /// keys always are.
    pub fn push(&mut self, key: u32, value: u32) {
        let n = u64::from(key >> self.shift);
        debug_assert!(n >= self.at, "a key below the queue");
        let entry = u64::from(key) << 32 | u64::from(value);
        if n.saturating_sub(self.at) >= self.buckets.len() as u64 {
            self.later.push(entry);
            self.later_least = self.later_least.min(n);
        } else {
            self.place(n, entry);
        }
    }

    fn place(&mut self, n: u64, entry: u64) {
        let b = n as usize & self.mask;
        self.buckets[b].push(entry);
        self.filled[b / 64] |= 1 << (b % 64);
        self.len += 1;
    }

    /// Moves the entries waiting in `later` that the buckets now reach into them.
    fn bring_in(&mut self) {
        let reach = self.at + self.buckets.len() as u64;
        let mut later = std::mem::take(&mut self.later);
        let mut least = u64::MAX;
        later.retain(|e| {
            let n = u64::from(key(*e) >> self.shift);
            if n < reach {
                self.place(n, *e);
                false
            } else {
                least = least.min(n);
                true
            }
        });
        self.later = later;
        self.later_least = least;
    }

    /// Moves the entries of the lowest filled bucket into `into` (replacing what it held, its
    /// memory going back to the queue); false when the queue is empty.
    pub fn take_next(&mut self, into: &mut Vec<u64>) -> bool {
        into.clear();
        loop {
            if self.len == 0 {
                if self.later.is_empty() {
                    return false;
                }
                self.at = self.later_least;
                self.bring_in();
                continue;
            }
            let from = self.at as usize & self.mask;
            let words = self.filled.len();
            let mut w = from / 64;
            let mut bits = self.filled[w] & (!0u64 << (from % 64));
            while bits == 0 {
                w = (w + 1) % words;
                bits = self.filled[w];
            }
            let b = w * 64 + bits.trailing_zeros() as usize;
            let n = self.at + (b.wrapping_sub(from) & self.mask) as u64;
            if n >= self.later_least {
                // An entry waiting in `later` may come first: bring in those now in reach
                // (at least that one) and look again.
                self.bring_in();
                continue;
            }
            self.at = n;
            std::mem::swap(&mut self.buckets[b], into);
            self.filled[w] &= !(1 << (b % 64));
            self.len -= into.len();
            return true;
        }
    }
}

/// The key of an entry.
pub fn key(entry: u64) -> u32 {
    (entry >> 32) as u32
}

/// The value of an entry.
pub fn value(entry: u64) -> u32 {
    entry as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn drain(q: &mut Buckets) -> Vec<Vec<(u32, u32)>> {
        let mut out = Vec::new();
        let mut bucket = Vec::new();
        while q.take_next(&mut bucket) {
            let mut b: Vec<(u32, u32)> = bucket.iter().map(|e| (key(*e), value(*e))).collect();
            b.sort_unstable();
            out.push(b);
        }
        out
    }

    #[test]
    fn buckets_are_the_width_below_the_shortest_edge_and_wrap_round() {
        // Shortest edge 1,000 ms: width 512 (2^9). Longest 3,000: 3,000 / 512 + 2 = 7 buckets
        // needed, 64 kept.
        let mut q = Buckets::new(1_000, 3_000);
        assert_eq!((q.shift, q.buckets.len()), (9, 64));
        q.push(0, 1);
        let mut bucket = Vec::new();
        assert!(q.take_next(&mut bucket));
        assert_eq!(bucket, vec![1]);
        // From key 0, edges of 1,000 and 3,000 ms: buckets 1 (512..1,023) and 5 (2,560..3,071).
        q.push(1_000, 2);
        q.push(3_000, 3);
        q.push(1_023, 4);
        assert_eq!(
            drain(&mut q),
            vec![vec![(1_000, 2), (1_023, 4)], vec![(3_000, 3)]]
        );
        // Far along: key 64 x 512 x 3 + 100 is in bucket 192, slot 0 of the circle, and
        // the next keys wrap past slot 63 to slots 0 and 1 again.
        let base = 64 * 512 * 3 + 100;
        q.clear();
        q.at = u64::from(base >> 9) - 1;
        q.push(base, 5);
        q.push(base + 600, 6);
        q.push(base - 200, 7); // bucket 191: slot 63
        assert_eq!(
            drain(&mut q),
            vec![
                vec![(base - 200, 7)],
                vec![(base, 5)],
                vec![(base + 600, 6)]
            ]
        );
    }

    #[test]
    fn keys_beyond_the_buckets_wait_and_come_in_order() {
        // Width 1, edges up to 1,000,000 ms: 65,536 buckets, keys 65,536 or more ahead wait.
        let mut q = Buckets::new(1, 1_000_000);
        assert_eq!(q.buckets.len(), 65_536);
        for (k, v) in [
            (0, 0),
            (1_000_000, 1),
            (70_000, 2),
            (65_535, 3),
            (200_000, 4),
        ] {
            q.push(k, v);
        }
        assert_eq!(q.later.len(), 3);
        let mut bucket = Vec::new();
        assert!(q.take_next(&mut bucket));
        assert!(q.take_next(&mut bucket));
        assert_eq!(bucket, vec![65_535u64 << 32 | 3]);
        // Pushed from 65,535: 130,000 is in reach; 199,999 waits, and comes before 200,000.
        q.push(130_000, 5);
        q.push(199_999, 6);
        assert_eq!(
            drain(&mut q),
            vec![
                vec![(70_000, 2)],
                vec![(130_000, 5)],
                vec![(199_999, 6)],
                vec![(200_000, 4)],
                vec![(1_000_000, 1)]
            ]
        );
    }

    #[test]
    fn a_width_of_one_reads_equal_keys_together() {
        let mut q = Buckets::new(0, 10);
        assert_eq!(q.shift, 0);
        for (k, v) in [(0, 0), (3, 1), (1, 2), (3, 3), (10, 4)] {
            q.push(k, v);
        }
        assert_eq!(
            drain(&mut q),
            vec![
                vec![(0, 0)],
                vec![(1, 2)],
                vec![(3, 1), (3, 3)],
                vec![(10, 4)]
            ]
        );
    }
}
