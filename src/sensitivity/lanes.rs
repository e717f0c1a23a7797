//! Several Xoshiro256++ generators stepped side by side, one per SIMD lane, each giving exactly
//! the words it would give alone, so that SMAA's blocks can draw their weights together: the
//! common case of every draw for all lanes at once in vector registers, the rare rest one lane
//! at a time through [`Lane`], an ordinary generator over one lane's state.

use std::convert::Infallible;

use rand::{SeedableRng, TryRng};
use rand_xoshiro::Xoshiro256PlusPlus;

use super::exponential;

/// Generators run side by side: eight 64-bit lanes fill one AVX-512 register (two AVX2 ones).
pub const LANES: usize = 8;

/// The states of [`LANES`] generators, word by word (`s[w][k]` is word `w` of lane `k`).
#[derive(Debug, Clone)]
pub struct Lanes {
    s: [[u64; LANES]; 4],
}

impl Lanes {
    /// The lanes of `generators`, one each, in order.
    pub fn new(generators: &[Xoshiro256PlusPlus; LANES]) -> Lanes {
        let mut s = [[0; LANES]; 4];
        for (k, g) in generators.iter().enumerate() {
            for (w, word) in g.state().chunks_exact(8).enumerate() {
                let mut bytes = [0; 8];
                bytes.copy_from_slice(word);
                s[w][k] = u64::from_le_bytes(bytes);
            }
        }
        Lanes { s }
    }

    /// Lane `k` as the generator it stands for, in the state it has reached.
    pub fn generator(&self, k: usize) -> Xoshiro256PlusPlus {
        let mut seed = [0; 32];
        for (w, word) in seed.chunks_exact_mut(8).enumerate() {
            word.copy_from_slice(&self.s[w][k].to_le_bytes());
        }
        Xoshiro256PlusPlus::from_seed(seed)
    }

    /// The next word of every lane.
    #[inline(always)]
    pub fn words(&mut self) -> [u64; LANES] {
        let [s0, s1, s2, s3] = &mut self.s;
        let mut out = [0; LANES];
        for k in 0..LANES {
            out[k] = s0[k]
                .wrapping_add(s3[k])
                .rotate_left(23)
                .wrapping_add(s0[k]);
            let t = s1[k] << 17;
            s2[k] ^= s0[k];
            s3[k] ^= s1[k];
            s1[k] ^= s2[k];
            s0[k] ^= s3[k];
            s2[k] ^= t;
            s3[k] = s3[k].rotate_left(45);
        }
        out
    }

    /// Lane `k` as a generator of its own, stepping only that lane.
    pub fn lane(&mut self, k: usize) -> Lane<'_> {
        Lane { lanes: self, k }
    }

    /// A weight vector uniform on the simplex for every lane (`w[j][k]`, lane `k`'s weight
    /// `j`): each lane's the same to the bit as `sampling`'s simplex draws from that lane's
    /// generator, normalised exponentials summed in order. `quick` takes the first step of
    /// every lane's exponential draw ([`quick`], or [`quick_avx512`] where the processor has
    /// it); the lanes it rejects are finished one at a time.
    #[inline(always)]
    pub fn simplex(
        &mut self,
        w: &mut [[f64; LANES]],
        quick: impl Fn(&[u64; LANES], &mut [f64; LANES]) -> u8,
    ) {
        let mut sum = [0.0; LANES];
        for wj in w.iter_mut() {
            let bits = self.words();
            let accepted = quick(&bits, wj);
            if accepted != u8::MAX {
                for k in (0..LANES).filter(|k| accepted & (1 << k) == 0) {
                    wj[k] = exponential::finish(bits[k], &mut self.lane(k));
                }
            }
            for k in 0..LANES {
                sum[k] += wj[k];
            }
        }
        let inv = sum.map(|s| 1.0 / s);
        for wj in w.iter_mut() {
            for k in 0..LANES {
                wj[k] *= inv[k];
            }
        }
    }
}

/// The first step of an exponential draw from each lane's word ([`exponential::quick`]): the
/// candidates in `x`, and a bit set for each lane whose candidate stands.
#[inline(always)]
pub fn quick(bits: &[u64; LANES], x: &mut [f64; LANES]) -> u8 {
    let mut accepted = 0;
    for k in 0..LANES {
        let (candidate, stands) = exponential::quick(bits[k]);
        x[k] = candidate;
        accepted |= u8::from(stands) << k;
    }
    accepted
}

/// [`quick`] in one AVX-512 register, the table looked up by gathers: the same operations on
/// the same numbers, so the same candidates to the bit.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f")]
#[inline]
pub(crate) fn quick_avx512(bits: &[u64; LANES], x: &mut [f64; LANES]) -> u8 {
    use std::arch::x86_64::*;
    let edges = exponential::X.as_ptr();
    // SAFETY: both arrays hold eight 64-bit numbers; every index is at most 255, and the
    // table has 257 entries, so both gathers (at `i` and at `i + 1`) stay inside it.
    unsafe {
        let b = _mm512_loadu_epi64(bits.as_ptr().cast());
        let i = _mm512_and_epi64(b, _mm512_set1_epi64(0xff));
        let one_to_two = _mm512_or_epi64(
            _mm512_srli_epi64::<12>(b),
            _mm512_set1_epi64(0x3ff0_0000_0000_0000),
        );
        let u = _mm512_sub_pd(
            _mm512_castsi512_pd(one_to_two),
            _mm512_set1_pd(1.0 - f64::EPSILON / 2.0),
        );
        let candidate = _mm512_mul_pd(u, _mm512_i64gather_pd::<8>(i, edges));
        let next = _mm512_i64gather_pd::<8>(i, edges.add(1));
        _mm512_storeu_pd(x.as_mut_ptr(), candidate);
        _mm512_cmp_pd_mask::<_CMP_LT_OQ>(candidate, next)
    }
}

/// One lane of [`Lanes`] as a generator, for the draws lanes cannot make together.
pub struct Lane<'a> {
    lanes: &'a mut Lanes,
    k: usize,
}

impl TryRng for Lane<'_> {
    type Error = Infallible;

    /// As `Xoshiro256PlusPlus` makes it: the high half of the next word.
    #[inline]
    fn try_next_u32(&mut self) -> Result<u32, Infallible> {
        Ok((self.try_next_u64()? >> 32) as u32)
    }

    /// [`Lanes::words`]' step on one lane. Not shared with it: through a shared function the
    /// compiler no longer steps the lanes in vector registers (the SMAA benchmark's weights-only
    /// case took 22 ms instead of 17).
    #[inline]
    fn try_next_u64(&mut self) -> Result<u64, Infallible> {
        let [s0, s1, s2, s3] = &mut self.lanes.s;
        let k = self.k;
        let out = s0[k]
            .wrapping_add(s3[k])
            .rotate_left(23)
            .wrapping_add(s0[k]);
        let t = s1[k] << 17;
        s2[k] ^= s0[k];
        s3[k] ^= s1[k];
        s1[k] ^= s2[k];
        s0[k] ^= s3[k];
        s2[k] ^= t;
        s3[k] = s3[k].rotate_left(45);
        Ok(out)
    }

    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Infallible> {
        rand::rand_core::utils::fill_bytes_via_next_word(dst, || self.try_next_u64())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sensitivity::sampling::simplex;
    use rand::Rng;

    fn generators() -> [Xoshiro256PlusPlus; LANES] {
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(3);
        std::array::from_fn(|_| {
            let g = rng.clone();
            rng.jump();
            g
        })
    }

    #[test]
    fn each_lane_gives_its_generators_words() {
        let mut alone = generators();
        let mut lanes = Lanes::new(&alone);
        for step in 0..1000 {
            let words = lanes.words();
            for k in 0..LANES {
                assert_eq!(words[k], alone[k].next_u64());
                if step % 7 == k {
                    assert_eq!(lanes.lane(k).next_u64(), alone[k].next_u64());
                    assert_eq!(lanes.lane(k).next_u32(), alone[k].next_u32());
                }
            }
        }
        let mut bytes = ([0u8; 13], [0u8; 13]);
        lanes.lane(2).fill_bytes(&mut bytes.0);
        alone[2].fill_bytes(&mut bytes.1);
        assert_eq!(bytes.0, bytes.1);
        for (k, g) in alone.iter().enumerate() {
            assert_eq!(&lanes.generator(k), g);
        }
    }

    #[test]
    fn simplex_draws_are_each_lanes_own() {
        // 60 weights a draw, 2,000 draws: about 2,600 exponentials per lane leave the quick
        // step, so the lanes finish draws apart and must still stay in step with themselves;
        // the same with AVX-512's quick step where this processor has it.
        let mut alone = generators();
        let mut lanes = Lanes::new(&alone);
        let mut wide = Lanes::new(&alone);
        #[cfg(target_arch = "x86_64")]
        let avx512 = std::arch::is_x86_feature_detected!("avx512f");
        let (mut w, mut v) = (vec![[0.0; LANES]; 60], vec![[0.0; LANES]; 60]);
        let mut one = vec![0.0; 60];
        for _ in 0..2000 {
            lanes.simplex(&mut w, quick);
            #[cfg(target_arch = "x86_64")]
            if avx512 {
                // SAFETY: the processor has AVX-512F.
                wide.simplex(&mut v, |b, x| unsafe { quick_avx512(b, x) });
                assert_eq!(v, w);
            }
            for (k, g) in alone.iter_mut().enumerate() {
                simplex(g, &mut one);
                for (j, x) in one.iter().enumerate() {
                    assert_eq!(w[j][k].to_bits(), x.to_bits());
                }
            }
        }
        for (k, g) in alone.iter().enumerate() {
            assert_eq!(&lanes.generator(k), g);
        }
    }
}
