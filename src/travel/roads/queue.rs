//! The priority queue of the site searches: buckets of keys (Dial's bucket queue with
//! Dinitz's width). Keys are whole milliseconds; bucket `k` holds the keys in
//! `[k W, (k + 1) W)`, where the width `W` is a power of two no larger than the network's
//! shortest edge. Every node taken from the lowest filled bucket already has its final time, in
//! whatever order the bucket is read: a shorter way to it would come through a node not yet
//! taken, at least `W` earlier, so in an earlier bucket (for `W` = 1 every key in the bucket is
//! the same). The times are therefore exactly those of a heap-ordered Dijkstra, and a bucket is
//! a plain list to read through, with nothing pushed onto it while it is read (every push is at
//! least one edge, so at least `W`, later). A circular array of buckets spans the longest edge.
//!
//! Written by hand: measured on the national benchmark's graph (4 million junctions, one
//! thread, CPU seconds per search) `std`'s binary heap took 0.29 s, a radix heap 0.38 s (its
//! entries move down up to fifteen buckets over the spread of edge times), these buckets
//! 0.19 s, and read a bucket at a time with the memory of the nodes ahead fetched early
//! ([`super::search`]) 0.125 s. The crates found (`radix-heap`, `priority-queue`,
//! `keyed_priority_queue`) are heaps, not bucket queues.

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
    len: usize,
}

impl Buckets {
    /// A queue for a search whose edges take `shortest..=longest` (milliseconds).
    pub fn new(shortest: u32, longest: u32) -> Self {
        let width = shortest.max(1);
        let shift = 31 - width.leading_zeros();
        // Keys pending lie from the bucket being read to one longest edge past its end.
        let span = (longest >> shift) as usize + 2;
        let count = span.next_power_of_two().max(64);
        Buckets {
            shift,
            mask: count - 1,
            buckets: vec![Vec::new(); count],
            filled: vec![0; count / 64],
            at: 0,
            len: 0,
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
    }

    /// Adds `value` with `key`. The key must be in the bucket last taken or later, and at
    /// most the longest edge past that bucket's end: a search's keys always are.
    pub fn push(&mut self, key: u32, value: u32) {
        debug_assert!(
            u64::from(key >> self.shift) >= self.at,
            "a key below the queue"
        );
        let b = (key >> self.shift) as usize & self.mask;
        self.buckets[b].push(u64::from(key) << 32 | u64::from(value));
        self.filled[b / 64] |= 1 << (b % 64);
        self.len += 1;
    }

    /// Moves the entries of the lowest filled bucket into `into` (replacing what it held, its
    /// memory going back to the queue); false when the queue is empty.
    pub fn take_next(&mut self, into: &mut Vec<u64>) -> bool {
        into.clear();
        if self.len == 0 {
            return false;
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
        self.at += (b.wrapping_sub(from) & self.mask) as u64;
        std::mem::swap(&mut self.buckets[b], into);
        self.filled[w] &= !(1 << (b % 64));
        self.len -= into.len();
        true
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
