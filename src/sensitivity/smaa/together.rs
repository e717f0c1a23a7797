//! The main draws of [`LANES`] blocks made together, when the weights are uniform on the
//! simplex and the scores fixed (SMAA's usual first look): each block's generator in its own
//! lane ([`Lanes`]), the totals and ranks of all lanes' draws in one pass over the values,
//! each lane's draws in vector lanes. Every block's tally is the same to the bit as
//! [`Run::main`] makes it alone: the same words, the same sums in the same order.

use rand_xoshiro::Xoshiro256PlusPlus;

use super::{Run, SmaaError, Tally};
use crate::score::TIE;
#[cfg(target_arch = "x86_64")]
use crate::sensitivity::lanes::quick_avx512;
use crate::sensitivity::lanes::{LANES, Lanes, quick};

/// One draw's totals or ranks for every lane: `[option][lane]`.
type ByLane<T> = Vec<[T; LANES]>;

impl Run<'_> {
    /// [`Run::main`] for the blocks whose generators and draws are `generators` and `sizes`:
    /// their draws together while every block has some left, then each block's rest alone.
    pub(super) fn main_together(
        &self,
        generators: &[Xoshiro256PlusPlus; LANES],
        sizes: [usize; LANES],
    ) -> Result<Vec<Tally>, SmaaError> {
        let together = sizes.iter().copied().min().unwrap_or(0);
        let mut lanes = Lanes::new(generators);
        let mut tallies: Vec<Tally> = (0..LANES).map(|_| Tally::new(self.no, self.nw)).collect();
        self.draw_together(&mut lanes, together, &mut tallies);
        for (k, tally) in tallies.iter_mut().enumerate() {
            if sizes[k] > together {
                self.main_into(&mut lanes.generator(k), sizes[k], tally, |_| {})?;
            }
        }
        Ok(tallies)
    }

    /// `draws` draws in every lane, told to each lane's tally. Compiled for the widest vectors
    /// the processor has: the same operations in the same order whichever it is, so the same
    /// figures.
    fn draw_together(&self, lanes: &mut Lanes, draws: usize, tallies: &mut [Tally]) {
        #[cfg(target_arch = "x86_64")]
        {
            if std::arch::is_x86_feature_detected!("avx512f") {
                // SAFETY: the processor has the features the function is compiled for.
                return unsafe { self.draw_together_avx512(lanes, draws, tallies) };
            }
            if std::arch::is_x86_feature_detected!("avx2") {
                // SAFETY: as above.
                return unsafe { self.draw_together_avx2(lanes, draws, tallies) };
            }
        }
        self.draw_together_with(lanes, draws, tallies, quick, ranks_together);
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx512f")]
    fn draw_together_avx512(&self, lanes: &mut Lanes, draws: usize, tallies: &mut [Tally]) {
        self.draw_together_with(
            lanes,
            draws,
            tallies,
            |bits, x| quick_avx512(bits, x),
            |totals, classes, ranks| ranks_avx512(totals, classes, ranks),
        );
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    fn draw_together_avx2(&self, lanes: &mut Lanes, draws: usize, tallies: &mut [Tally]) {
        self.draw_together_with(lanes, draws, tallies, quick, ranks_together);
    }

    #[inline(always)]
    fn draw_together_with(
        &self,
        lanes: &mut Lanes,
        draws: usize,
        tallies: &mut [Tally],
        quick: impl Fn(&[u64; LANES], &mut [f64; LANES]) -> u8,
        rank: impl Fn(&[[f64; LANES]], &[Class], &mut [[u64; LANES]]),
    ) {
        let (no, nw) = (self.no, self.nw);
        let classes = Class::of(self.scores.fixed_pass());
        let mut w: ByLane<f64> = vec![[0.0; LANES]; nw];
        let mut totals: ByLane<f64> = vec![[0.0; LANES]; no];
        let mut ranks: ByLane<u64> = vec![[0; LANES]; no];
        for _ in 0..draws {
            lanes.simplex(&mut w, &quick);
            totals_together(self.values, &w, &mut totals);
            rank(&totals, &classes, &mut ranks);
            for (k, tally) in tallies.iter_mut().enumerate() {
                for (o, r) in ranks.iter().enumerate() {
                    let r = r[k] as usize;
                    tally.counts[o * no + r - 1] += 1;
                    if r == 1 {
                        let (sum, sq) = (
                            &mut tally.first_sum[o * nw..(o + 1) * nw],
                            &mut tally.first_sq[o * nw..(o + 1) * nw],
                        );
                        for ((s, q), wj) in sum.iter_mut().zip(sq.iter_mut()).zip(&w) {
                            let x = wj[k];
                            *s += x;
                            *q += x * x;
                        }
                    }
                }
            }
        }
        for tally in tallies {
            tally.tries += draws;
            tally.accepted += draws;
        }
    }
}

/// Every lane's totals: `totals[o][k] = sum_j w[j][k] values[j * no + o]`, summed over `j` in
/// order as `totals_into` sums one draw's, eight options at a time (then four, two, one) so
/// their sums stay in registers.
#[inline(always)]
fn totals_together(values: &[f64], w: &[[f64; LANES]], totals: &mut [[f64; LANES]]) {
    let no = totals.len();
    let mut start = 0;
    while no - start >= 8 {
        sums_together::<8>(values, w, start, totals);
        start += 8;
    }
    if no - start >= 4 {
        sums_together::<4>(values, w, start, totals);
        start += 4;
    }
    if no - start >= 2 {
        sums_together::<2>(values, w, start, totals);
        start += 2;
    }
    if no - start == 1 {
        sums_together::<1>(values, w, start, totals);
    }
}

/// The totals of options `start..start + C` in every lane (see [`totals_together`]).
#[inline(always)]
fn sums_together<const C: usize>(
    values: &[f64],
    w: &[[f64; LANES]],
    start: usize,
    totals: &mut [[f64; LANES]],
) {
    let no = totals.len();
    let mut acc = [[0.0f64; LANES]; C];
    for (column, wj) in values.chunks_exact(no).zip(w) {
        for (a, &v) in acc.iter_mut().zip(&column[start..start + C]) {
            for k in 0..LANES {
                a[k] += wj[k] * v;
            }
        }
    }
    totals[start..start + C].copy_from_slice(&acc);
}

/// How one option ranks against the others whatever the totals, the hurdles being the same in
/// every draw: below every option passing them where it fails one, and by totals among the
/// options that pass (or fail) as it does.
struct Class {
    /// One more than the options ranked above it on the hurdles alone.
    base: u64,
    /// The options whose totals it is ranked against.
    rivals: Vec<usize>,
}

impl Class {
    fn of(passes: &[bool]) -> Vec<Class> {
        passes
            .iter()
            .map(|&p| Class {
                base: 1 + passes.iter().filter(|&&q| q && !p).count() as u64,
                rivals: (0..passes.len()).filter(|&u| passes[u] == p).collect(),
            })
            .collect()
    }
}

/// Every lane's competition ranks, as `rank_of` gives them: one more than the options ranked
/// strictly above, where passing every hurdle comes before any total.
#[inline(always)]
fn ranks_together(totals: &[[f64; LANES]], classes: &[Class], ranks: &mut [[u64; LANES]]) {
    for ((r, class), to) in ranks.iter_mut().zip(classes).zip(totals) {
        let t = to.map(|x| x + TIE);
        let mut above = [class.base; LANES];
        for &u in &class.rivals {
            for k in 0..LANES {
                above[k] += u64::from(totals[u][k] > t[k]);
            }
        }
        *r = above;
    }
}

/// [`ranks_together`] in AVX-512 registers, each lane's comparisons in one instruction (left
/// to itself the compiler gathers across options instead, several times slower).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f")]
fn ranks_avx512(totals: &[[f64; LANES]], classes: &[Class], ranks: &mut [[u64; LANES]]) {
    use std::arch::x86_64::*;
    // SAFETY: every load and store is of one `[f64; 8]` or `[u64; 8]`, in bounds.
    unsafe {
        let load = |o: usize| _mm512_loadu_pd(totals[o].as_ptr());
        let (tie, one) = (_mm512_set1_pd(TIE), _mm512_set1_epi64(1));
        for (o, (r, class)) in ranks.iter_mut().zip(classes).enumerate() {
            let t = _mm512_add_pd(load(o), tie);
            let mut above = _mm512_set1_epi64(class.base as i64);
            for &u in &class.rivals {
                let higher = _mm512_cmp_pd_mask::<_CMP_GT_OQ>(load(u), t);
                above = _mm512_mask_add_epi64(above, higher, above, one);
            }
            _mm512_storeu_epi64(r.as_mut_ptr().cast(), above);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::WeightDraw;
    use crate::sensitivity::ValueMatrix;
    use crate::sensitivity::levels::WeightDraws;
    use crate::sensitivity::sampling::{ScoreModel, ScoreSampler, WeightModel};
    use crate::sensitivity::smaa::generators;

    #[test]
    fn blocks_drawn_together_tally_as_each_alone() {
        // The demo's options and weighted leaves, some options failing a hurdle; eight blocks
        // of different sizes (so some lanes carry on alone), drawn together (on the widest
        // vectors here, and on none) and each on its own: the same tallies to the bit.
        let a = crate::demo::appraisal();
        let scored = crate::evaluation::Evaluation::of(&a)
            .score()
            .clone()
            .unwrap();
        let mut m = ValueMatrix::new(&a, &scored).unwrap();
        let sampled: Vec<usize> = (0..m.leaves.len())
            .filter(|&l| m.leaves[l].global > 0.0)
            .collect();
        let no = m.options.len();
        // A hurdle on the first weighted leaf at its median value.
        let first = sampled[0];
        let mut on_it: Vec<f64> = (0..no).map(|o| m.value(o, first)).collect();
        on_it.sort_by(f64::total_cmp);
        m.leaves[first].hurdle = Some(on_it[no / 2]);
        let weights =
            WeightDraws::new(WeightDraw::Flat, &WeightModel::Uniform, &[], &m, &sampled).unwrap();
        let scores = ScoreSampler::new(ScoreModel::Fixed, &m, &sampled);
        let passing = scores.fixed_pass().iter().filter(|&&p| p).count();
        assert!((1..no).contains(&passing), "{passing} of {no} pass");
        let values: Vec<f64> = sampled
            .iter()
            .flat_map(|&l| (0..no).map(|o| m.value(o, l)).collect::<Vec<_>>())
            .collect();
        let run = Run {
            no,
            nw: sampled.len(),
            values: &values,
            weights: &weights,
            scores: &scores,
        };
        let g: [Xoshiro256PlusPlus; LANES] = generators(5, LANES).try_into().unwrap();
        let sizes = [300, 301, 7, 300, 250, 300, 300, 1024];
        let alone: Vec<Tally> = g
            .iter()
            .zip(sizes)
            .map(|(g, n)| run.main(&mut g.clone(), n, |_| {}).unwrap())
            .collect();
        assert_eq!(run.main_together(&g, sizes).unwrap(), alone);
        let mut lanes = Lanes::new(&g);
        let mut plain: Vec<Tally> = (0..LANES).map(|_| Tally::new(no, run.nw)).collect();
        run.draw_together_with(&mut lanes, 7, &mut plain, quick, ranks_together);
        for (k, tally) in plain.iter_mut().enumerate() {
            run.main_into(&mut lanes.generator(k), sizes[k], tally, |_| {})
                .unwrap();
        }
        assert_eq!(plain, alone);
        // Each option failing the hurdle ranks below those passing, in every draw.
        for tally in &alone {
            for o in (0..no).filter(|&o| !scores.fixed_pass()[o]) {
                assert!(
                    tally.counts[o * no..o * no + passing]
                        .iter()
                        .all(|&c| c == 0)
                );
            }
        }
    }
}
