//! SMAA-2: stochastic multicriteria acceptability analysis (Lahdelma & Salminen 2001, "SMAA-2:
//! Stochastic multicriteria acceptability analysis for group decision making", Operations
//! Research 49(3)).
//!
//! Weights are drawn flat over the weighted leaf criteria (standard SMAA, leaving the tree
//! aside: a group of ten leaves then weighs ten times a group of one on average under uniform
//! weights) or level by level down the tree ([`super::levels`]); leaves with no weight in the
//! appraisal (such as pass/fail hurdles) stay at zero.
//! Each draw ranks the options; options failing a hurdle rank below every option that passes,
//! so one is never first while any option passes. Totals within [`crate::score::TIE`] share
//! the better rank. From the draws:
//!
//! - rank acceptability `b^r_i`: the share of draws ranking option i r-th, with binomial
//!   standard error `sqrt(b (1 - b) / N)`;
//! - central weight vector `w^c_i`: the mean weights of the draws making i first, each with
//!   standard error `sd / sqrt(n_i)`;
//! - confidence factor `p^c_i`: with weights fixed at `w^c_i`, the share of fresh score draws
//!   making i first, standard error `sqrt(p (1 - p) / M)`.
//!
//! Confidence factors use 10,000 score draws by default, as Tervonen & Lahdelma (2007,
//! "Implementing stochastic multicriteria acceptability analysis", EJOR 178(2)) did: the
//! standard error is then at most `sqrt(0.25 / 10,000)` = 0.005, half a percentage point.
//!
//! Draws come from a xoshiro256++ generator (Blackman & Vigna; `rand_xoshiro`, seeded from the
//! settings' seed through SplitMix64, both fixed algorithms, unlike `rand`'s `SmallRng`, which
//! may change between versions), in a fixed order, so the same seed and input give the same
//! output on every machine. It passes the statistical test suites and is cheaper per number
//! than ChaCha8; nothing here needs a cryptographic generator. Normal scores are drawn by
//! [`super::ziggurat`], exponentials (for weights on the simplex) by [`super::exponential`].
//! Drawn in blocks, with weights uniform on the simplex and the scores fixed, eight blocks'
//! draws are made together in vector registers ([`together`]), each block's figures the same
//! to the bit as drawn alone.

use rand::{Rng, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;
use rayon::prelude::*;

use super::lanes::LANES;
use super::levels::WeightDraws;
use super::matrix::ValueMatrix;
use super::progress::{DrawProgress, Running};
use super::results::{Estimate, SmaaOption, SmaaResults};
use super::sampling::{SamplingError, ScoreModel, ScoreSampler, WeightModel, WeightSampler};
use crate::model::{DrawStream, GroupWeights, WeightDraw};
use crate::score::TIE;

mod together;

/// An SMAA run that cannot be made.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SmaaError {
    #[error("the sample count must be at least 1, not 0")]
    ZeroSamples,
    #[error("the confidence sample count must be at least 1, not 0")]
    ZeroConfidenceSamples,
    #[error("the appraisal has no options to rank")]
    NoOptions,
    #[error(transparent)]
    Sampling(#[from] SamplingError),
    #[error(
        "the weight bounds keep too few weight vectors: {accepted} of {tries} draws fell within them; widen the bounds or ask for fewer samples"
    )]
    LowAcceptance { accepted: usize, tries: usize },
}

#[derive(Debug, Clone, PartialEq)]
pub struct SmaaSettings {
    pub samples: usize,
    pub seed: u64,
    /// Flat over the weighted leaves, or level by level down the tree.
    pub draw: WeightDraw,
    /// Over the weighted leaves (flat) or the top level's weights (level by level).
    pub weights: WeightModel,
    /// Level by level: the groups whose children's weights are drawn; the others are fixed.
    pub groups: Vec<GroupWeights>,
    pub scores: ScoreModel,
    /// Score draws per confidence factor (1 when the scores are fixed).
    pub confidence_samples: usize,
    /// How the seed becomes draws.
    pub stream: DrawStream,
}

/// Draws to a block of [`DrawStream::Blocks`]: part of the stream's definition, so fixed.
pub const BLOCK: usize = 1024;

/// Score draws per confidence factor unless the settings say otherwise.
pub const DEFAULT_CONFIDENCE_SAMPLES: usize = 10_000;

/// A new appraisal's stored settings, defined once in the model.
impl Default for SmaaSettings {
    fn default() -> Self {
        super::Settings::from_model(&crate::model::SensitivitySettings::default()).smaa
    }
}

/// Draws tried before deciding that bounds exclude every weight vector.
const PILOT_TRIES: usize = 100_000;
/// Draws allowed per sample once some draw has been accepted.
const TRIES_PER_SAMPLE: usize = 10_000;

/// Competition rank of option `o` (1 = first): one more than the options ranked strictly
/// above it, where passing every hurdle comes before any total.
#[inline]
fn rank_of(o: usize, totals: &[f64], passes: &[bool]) -> usize {
    let (t, p) = (totals[o] + TIE, passes[o]);
    1 + totals
        .iter()
        .zip(passes)
        .map(|(&u, &q)| usize::from((q & !p) | ((q == p) & (u > t))))
        .sum::<usize>()
}

/// [`rank_of`] when every option passes its hurdles (the usual case): totals alone decide,
/// in a loop without branches that the compiler turns into vector compares.
#[inline]
fn rank_among_passing(o: usize, totals: &[f64]) -> usize {
    let t = totals[o] + TIE;
    1 + totals.iter().map(|&u| usize::from(u > t)).sum::<usize>()
}

/// `totals[o] = sum_j w[j] values[j * no + o]`, each option's sum taken over `j` in order, so
/// that the result is the same to the bit however the options are grouped: eight options at a
/// time, then four, two and one, each group's sums kept in registers across the whole column
/// loop rather than loaded and stored once per criterion.
#[inline]
fn totals_into(values: &[f64], w: &[f64], totals: &mut [f64]) {
    let no = totals.len();
    let mut start = 0;
    while no - start >= 8 {
        sum_lanes::<8>(values, w, start, totals);
        start += 8;
    }
    if no - start >= 4 {
        sum_lanes::<4>(values, w, start, totals);
        start += 4;
    }
    if no - start >= 2 {
        sum_lanes::<2>(values, w, start, totals);
        start += 2;
    }
    if no - start == 1 {
        sum_lanes::<1>(values, w, start, totals);
    }
}

/// The totals of options `start..start + L` (see [`totals_into`]).
#[inline(always)]
fn sum_lanes<const L: usize>(values: &[f64], w: &[f64], start: usize, totals: &mut [f64]) {
    let no = totals.len();
    let mut acc = [0.0f64; L];
    for (column, &wj) in values.chunks_exact(no).zip(w) {
        for (a, &v) in acc.iter_mut().zip(&column[start..start + L]) {
            *a += wj * v;
        }
    }
    totals[start..start + L].copy_from_slice(&acc);
}

/// The totals of options `a` and `b` under weights `w`, each summed over the criteria in
/// order, as [`totals_into`] sums them, so they agree to the bit; the two sums run side by
/// side, so each waits less on its own additions.
#[inline]
fn pair_totals(a: usize, b: usize, w: &[f64], values: &[f64], no: usize) -> (f64, f64) {
    let (mut ta, mut tb) = (0.0, 0.0);
    for (column, &wj) in values.chunks_exact(no).zip(w) {
        ta += wj * column[a];
        tb += wj * column[b];
    }
    (ta, tb)
}

/// Whether option `p` ranks above option `o` (see [`rank_of`]).
#[inline]
fn above(p: usize, tp: f64, o: usize, to: f64, passes: &[bool]) -> bool {
    match (passes[p], passes[o]) {
        (true, false) => true,
        (false, true) => false,
        _ => tp > to + TIE,
    }
}

/// Whether `o` ranks first (`rank_of(o, ..) == 1`) under weights `w`. The rival most often
/// first in the main draws (`rivals[0]`, or `rivals[1]` when that is `o`) is tried alone,
/// its total and `o`'s summed side by side; a candidate it does not beat is ranked among all
/// the totals, worked out together in `totals`. The answer is exact whichever rival is tried.
#[inline]
fn first_under(
    o: usize,
    w: &[f64],
    values: &[f64],
    passes: &[bool],
    rivals: &[usize],
    totals: &mut [f64],
) -> bool {
    let no = passes.len();
    if let Some(&p) = rivals.iter().find(|&&p| p != o) {
        let (to, tp) = pair_totals(o, p, w, values, no);
        if above(p, tp, o, to, passes) {
            return false;
        }
    }
    totals_into(values, w, totals);
    rank_of(o, totals, passes) == 1
}

/// One SMAA run's fixed inputs: the options and weighted leaves, their values (column-major,
/// `j * no + o`) and how weights and scores are drawn.
struct Run<'a> {
    no: usize,
    nw: usize,
    values: &'a [f64],
    weights: &'a WeightDraws,
    scores: &'a ScoreSampler,
}

/// What the main draws found: how often each option took each rank (`o * no + r`), the sums
/// and squares of the weights of the draws making each option first (`o * nw + j`), and the
/// weight draws accepted of those tried.
#[derive(Debug, PartialEq)]
struct Tally {
    counts: Vec<u64>,
    first_sum: Vec<f64>,
    first_sq: Vec<f64>,
    accepted: usize,
    tries: usize,
}

impl Tally {
    fn new(no: usize, nw: usize) -> Tally {
        Tally {
            counts: vec![0; no * no],
            first_sum: vec![0.0; no * nw],
            first_sq: vec![0.0; no * nw],
            accepted: 0,
            tries: 0,
        }
    }

    fn add(&mut self, other: &Tally) {
        self.counts
            .iter_mut()
            .zip(&other.counts)
            .for_each(|(a, b)| *a += b);
        for (mine, theirs) in [
            (&mut self.first_sum, &other.first_sum),
            (&mut self.first_sq, &other.first_sq),
        ] {
            mine.iter_mut().zip(theirs).for_each(|(a, b)| *a += b);
        }
        self.accepted += other.accepted;
        self.tries += other.tries;
    }
}

/// The confidence pass's candidates (each option ever first, with its central weights) and
/// their rivals, most often first first.
struct Confidence<'a> {
    candidates: &'a [(usize, Vec<f64>)],
    rivals: &'a [usize],
}

impl Run<'_> {
    /// `samples` accepted weight draws from `rng`, each with a score draw, ranking the options;
    /// `count` is told each accepted draw's number.
    fn main<R: Rng>(
        &self,
        rng: &mut R,
        samples: usize,
        count: impl FnMut(usize),
    ) -> Result<Tally, SmaaError> {
        let mut tally = Tally::new(self.no, self.nw);
        self.main_into(rng, samples, &mut tally, count)?;
        Ok(tally)
    }

    /// [`Run::main`] going on from `tally` until it holds `samples` accepted draws.
    fn main_into<R: Rng>(
        &self,
        rng: &mut R,
        samples: usize,
        tally: &mut Tally,
        mut count: impl FnMut(usize),
    ) -> Result<(), SmaaError> {
        let (no, nw) = (self.no, self.nw);
        let mut weights = self.weights.clone();
        let mut scores = self.scores.clone();
        let mut values = self.values.to_vec();
        let mut w = vec![0.0; nw];
        let mut totals = vec![0.0; no];
        let mut passes = scores.fixed_pass().to_vec();
        // Bounded weights: make sure some draw is accepted.
        let budget = samples.saturating_mul(TRIES_PER_SAMPLE).max(PILOT_TRIES);
        while tally.accepted < samples {
            tally.tries += 1;
            if !weights.draw(rng, &mut w) {
                if tally.accepted == 0 && tally.tries >= PILOT_TRIES {
                    return Err(SamplingError::BoundsExcludeAll { tries: tally.tries }.into());
                }
                if tally.tries >= budget {
                    return Err(SmaaError::LowAcceptance {
                        accepted: tally.accepted,
                        tries: tally.tries,
                    });
                }
                continue;
            }
            tally.accepted += 1;
            count(tally.accepted);
            scores.draw(rng, &mut values, &mut passes);
            totals_into(&values, &w, &mut totals);
            let all_pass = passes.iter().all(|&p| p);
            for o in 0..no {
                let r = if all_pass {
                    rank_among_passing(o, &totals)
                } else {
                    rank_of(o, &totals, &passes)
                };
                tally.counts[o * no + r - 1] += 1;
                if r == 1 {
                    let (sum, sq) = (
                        &mut tally.first_sum[o * nw..(o + 1) * nw],
                        &mut tally.first_sq[o * nw..(o + 1) * nw],
                    );
                    for ((s, q), &x) in sum.iter_mut().zip(sq.iter_mut()).zip(&w) {
                        *s += x;
                        *q += x * x;
                    }
                }
            }
        }
        Ok(())
    }

    /// The tallies of the main draws' blocks, in order, each from its generator and size, on
    /// every core: [`LANES`] blocks at a time together where they can be
    /// ([`Run::main_together`]), one at a time otherwise.
    fn blocks(
        &self,
        generators: Vec<Xoshiro256PlusPlus>,
        sizes: Vec<usize>,
        counter: &Running,
    ) -> Vec<Result<Tally, SmaaError>> {
        let together = matches!(self.weights, WeightDraws::Flat(WeightSampler::Simplex))
            && !self.scores.uncertain();
        let chunk = if together { LANES } else { 1 };
        let jobs: Vec<(&[Xoshiro256PlusPlus], &[usize])> =
            generators.chunks(chunk).zip(sizes.chunks(chunk)).collect();
        let tallies: Vec<Vec<Result<Tally, SmaaError>>> = jobs
            .into_par_iter()
            .map(|(generators, sizes)| {
                let tallies = match (
                    <&[_; LANES]>::try_from(generators),
                    <[_; LANES]>::try_from(sizes),
                ) {
                    (Ok(generators), Ok(sizes)) => match self.main_together(generators, sizes) {
                        Ok(tallies) => tallies.into_iter().map(Ok).collect(),
                        Err(e) => vec![Err(e)],
                    },
                    _ => generators
                        .iter()
                        .zip(sizes)
                        .map(|(rng, &n)| self.main(&mut rng.clone(), n, |_| {}))
                        .collect(),
                };
                counter.add(sizes.iter().sum::<usize>() as u64);
                tallies
            })
            .collect();
        tallies.into_iter().flatten().collect()
    }

    /// `draws` score draws from `rng` (none when the scores are fixed: the values as they are,
    /// once per draw), counting for each candidate the draws its central weights make it first;
    /// `count` is told each draw's index.
    fn confidence<R: Rng>(
        &self,
        c: &Confidence,
        rng: &mut R,
        draws: usize,
        mut count: impl FnMut(usize),
    ) -> Vec<u64> {
        let mut scores = self.scores.clone();
        let mut values = self.values.to_vec();
        let mut passes = scores.fixed_pass().to_vec();
        let mut totals = vec![0.0; self.no];
        let mut firsts = vec![0u64; self.no];
        for i in 0..draws {
            count(i);
            if scores.uncertain() {
                scores.draw(rng, &mut values, &mut passes);
            }
            for (o, wc) in c.candidates {
                if first_under(*o, wc, &values, &passes, c.rivals, &mut totals) {
                    firsts[*o] += 1;
                }
            }
        }
        firsts
    }
}

/// Where the confidence draws come from (see [`DrawStream`]).
enum Next {
    Sequence(Xoshiro256PlusPlus),
    Blocks(Vec<Xoshiro256PlusPlus>),
}

/// The sizes of the blocks `draws` draws make: [`BLOCK`] each, the last what is left.
pub(super) fn block_sizes(draws: usize) -> Vec<usize> {
    (0..draws)
        .step_by(BLOCK)
        .map(|start| BLOCK.min(draws - start))
        .collect()
}

/// The generators of the first `blocks` blocks: the seed's, then each the one before jumped.
fn generators(seed: u64, blocks: usize) -> Vec<Xoshiro256PlusPlus> {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    (0..blocks)
        .map(|_| {
            let block = rng.clone();
            rng.jump();
            block
        })
        .collect()
}

pub fn smaa(m: &ValueMatrix, settings: &SmaaSettings) -> Result<SmaaResults, SmaaError> {
    smaa_counted(m, settings, &DrawProgress::default())
}

/// [`smaa`], counting its draws in `progress` as it goes.
pub fn smaa_counted(
    m: &ValueMatrix,
    settings: &SmaaSettings,
    progress: &DrawProgress,
) -> Result<SmaaResults, SmaaError> {
    if settings.samples == 0 {
        return Err(SmaaError::ZeroSamples);
    }
    if settings.confidence_samples == 0 {
        return Err(SmaaError::ZeroConfidenceSamples);
    }
    let no = m.options.len();
    if no == 0 {
        return Err(SmaaError::NoOptions);
    }
    let sampled: Vec<usize> = (0..m.leaves.len())
        .filter(|&l| m.leaves[l].global > 0.0)
        .collect();
    let weights = WeightDraws::new(
        settings.draw,
        &settings.weights,
        &settings.groups,
        m,
        &sampled,
    )?;
    let scores = ScoreSampler::new(settings.scores, m, &sampled);
    let nw = sampled.len();
    let confidence_samples = if scores.uncertain() {
        settings.confidence_samples
    } else {
        1
    };
    let counter = progress.start((settings.samples + confidence_samples) as u64);
    // Column-major values (`j * no + o`).
    let values: Vec<f64> = sampled
        .iter()
        .flat_map(|&l| (0..no).map(move |o| m.value(o, l)))
        .collect();
    let run = Run {
        no,
        nw,
        values: &values,
        weights: &weights,
        scores: &scores,
    };

    // What the confidence draws come from: the main draws' generator going on, or the
    // generators of the blocks after the main draws' (made with theirs, once).
    let (tally, next) = match settings.stream {
        DrawStream::Sequential => {
            let mut rng = Xoshiro256PlusPlus::seed_from_u64(settings.seed);
            let tally = run.main(&mut rng, settings.samples, |done| counter.at(done as u64))?;
            (tally, Next::Sequence(rng))
        }
        DrawStream::Blocks => {
            let sizes = block_sizes(settings.samples);
            let mut main = generators(
                settings.seed,
                sizes.len() + block_sizes(confidence_samples).len(),
            );
            let confidence = main.split_off(sizes.len());
            let mut total = Tally::new(no, nw);
            for tally in run.blocks(main, sizes, &counter) {
                total.add(&tally?);
            }
            (total, Next::Blocks(confidence))
        }
    };
    let Tally {
        counts,
        first_sum,
        first_sq,
        accepted,
        tries,
    } = tally;
    let n = settings.samples as f64;
    let binomial = |count: u64, trials: f64| {
        let p = count as f64 / trials;
        Estimate {
            value: p,
            se: (p * (1.0 - p) / trials).sqrt(),
        }
    };

    // Central weight vectors and their standard errors.
    let central: Vec<Option<Vec<Estimate>>> = (0..no)
        .map(|o| {
            let c = counts[o * no];
            (c > 0).then(|| {
                let c = c as f64;
                (0..nw)
                    .map(|j| {
                        let mean = first_sum[o * nw + j] / c;
                        let var = if c > 1.0 {
                            ((first_sq[o * nw + j] / c - mean * mean) * c / (c - 1.0)).max(0.0)
                        } else {
                            0.0
                        };
                        Estimate {
                            value: mean,
                            se: (var / c).sqrt(),
                        }
                    })
                    .collect()
            })
        })
        .collect();

    // Confidence factors: weights fixed at each central vector, fresh score draws.
    let candidates: Vec<(usize, Vec<f64>)> = central
        .iter()
        .enumerate()
        .filter_map(|(o, c)| c.as_ref().map(|c| (o, c.iter().map(|e| e.value).collect())))
        .collect();
    // Rivals most often first come first, so that a losing candidate is found out early.
    let mut rivals: Vec<usize> = (0..no).collect();
    rivals.sort_by_key(|&o| std::cmp::Reverse(counts[o * no]));
    let confidence = Confidence {
        candidates: &candidates,
        rivals: &rivals,
    };
    let firsts = match next {
        Next::Sequence(mut rng) => run.confidence(&confidence, &mut rng, confidence_samples, |i| {
            counter.at((settings.samples + i) as u64)
        }),
        Next::Blocks(generators) => {
            let firsts: Vec<Vec<u64>> = generators
                .into_par_iter()
                .zip(block_sizes(confidence_samples))
                .map(|(mut rng, n)| {
                    let firsts = run.confidence(&confidence, &mut rng, n, |_| {});
                    counter.add(n as u64);
                    firsts
                })
                .collect();
            firsts.iter().fold(vec![0u64; no], |mut all, block| {
                all.iter_mut().zip(block).for_each(|(a, b)| *a += b);
                all
            })
        }
    };

    let m_opts = no as f64;
    let alpha = |r: usize| {
        if no == 1 {
            1.0
        } else {
            (m_opts - r as f64) / (m_opts - 1.0)
        }
    };
    let options = (0..no)
        .map(|o| {
            let row = &counts[o * no..(o + 1) * no];
            let (mut mean, mut sq) = (0.0, 0.0);
            for (r, &c) in row.iter().enumerate() {
                let b = c as f64 / n;
                mean += alpha(r + 1) * b;
                sq += alpha(r + 1) * alpha(r + 1) * b;
            }
            SmaaOption {
                code: m.options[o].code.clone(),
                name: m.options[o].name.clone(),
                passes: m.options[o].passes,
                acceptability: row.iter().map(|&c| binomial(c, n)).collect(),
                holistic: Estimate {
                    value: mean,
                    se: ((sq - mean * mean).max(0.0) / n).sqrt(),
                },
                confidence: central[o]
                    .as_ref()
                    .map(|_| binomial(firsts[o], confidence_samples as f64)),
                central_weights: central[o].clone(),
            }
        })
        .collect();
    Ok(SmaaResults {
        samples: settings.samples,
        seed: settings.seed,
        stream: settings.stream,
        draw: settings.draw,
        weights: weights.describe(&settings.weights, nw),
        levels: weights.levels().to_vec(),
        max_standard_error: (0.25 / n).sqrt(),
        scores: ScoreSampler::describe(settings.scores).to_owned(),
        criteria: sampled.iter().map(|&l| m.leaves[l].code.clone()).collect(),
        acceptance_rate: accepted as f64 / tries as f64,
        confidence_samples,
        options,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::RngExt;

    #[test]
    fn the_quick_paths_agree_with_the_plain_sums_and_ranks() {
        // Random values (with ties and hurdle failures) and weights, for every way the options
        // split into lanes: the lane totals must equal plain in-order sums to the bit, and
        // `first_under` and `rank_among_passing` must say exactly what `rank_of` says, whatever
        // the rivals' order.
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(3);
        let nw = 7;
        for no in [1, 2, 3, 5, 6, 8, 9, 15, 20] {
            let mut totals = vec![0.0; no];
            let mut scratch = vec![0.0; no];
            for _ in 0..300 {
                // Values on a coarse grid, so that totals tie now and then.
                let values: Vec<f64> = (0..no * nw)
                    .map(|_| f64::from(rng.random_range(0..4u8)) * 25.0)
                    .collect();
                let w: Vec<f64> = (0..nw).map(|_| rng.random::<f64>()).collect();
                let passes: Vec<bool> = (0..no).map(|_| rng.random::<f64>() < 0.8).collect();
                let mut rivals: Vec<usize> = (0..no).collect();
                rivals.rotate_left(rng.random_range(0..no));
                totals_into(&values, &w, &mut totals);
                for o in 0..no {
                    let plain = (0..nw).fold(0.0, |t, j| t + w[j] * values[j * no + o]);
                    assert_eq!(totals[o].to_bits(), plain.to_bits(), "option {o} of {no}");
                    let p = (o + 1) % no;
                    let (to, tp) = pair_totals(o, p, &w, &values, no);
                    assert_eq!(
                        (to.to_bits(), tp.to_bits()),
                        (totals[o].to_bits(), totals[p].to_bits())
                    );
                    assert_eq!(
                        first_under(o, &w, &values, &passes, &rivals, &mut scratch),
                        rank_of(o, &totals, &passes) == 1,
                        "option {o}: totals {totals:?}, passes {passes:?}"
                    );
                    assert_eq!(
                        rank_among_passing(o, &totals),
                        rank_of(o, &totals, &[true; 20][..no])
                    );
                }
            }
        }
    }
}
