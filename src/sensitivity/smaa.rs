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
//! [`super::ziggurat`].

use rand::SeedableRng;
use rand_xoshiro::Xoshiro256PlusPlus;

use super::levels::WeightDraws;
use super::matrix::ValueMatrix;
use super::progress::DrawProgress;
use super::results::{Estimate, SmaaOption, SmaaResults};
use super::sampling::{SamplingError, ScoreModel, ScoreSampler, WeightModel};
use crate::model::{GroupWeights, WeightDraw};
use crate::score::TIE;

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
}

/// Score draws per confidence factor unless the settings say otherwise.
pub const DEFAULT_CONFIDENCE_SAMPLES: usize = 10_000;

impl Default for SmaaSettings {
    fn default() -> Self {
        SmaaSettings {
            samples: 10_000,
            seed: 1,
            draw: WeightDraw::LevelByLevel,
            weights: WeightModel::Uniform,
            groups: Vec::new(),
            scores: ScoreModel::Normal,
            confidence_samples: DEFAULT_CONFIDENCE_SAMPLES,
        }
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
    let (t, p) = (totals[o], passes[o]);
    1 + totals
        .iter()
        .zip(passes)
        .filter(|&(&u, &q)| (q && !p) || (q == p && u > t + TIE))
        .count()
}

/// `totals[o] = sum_j w[j] values[j * no + o]`: column by column, so each step is a vectorisable
/// multiply-add over the options and the summation order is fixed.
#[inline]
fn totals_into(values: &[f64], w: &[f64], totals: &mut [f64]) {
    let no = totals.len();
    totals.fill(0.0);
    for (column, &wj) in values.chunks_exact(no).zip(w) {
        for (t, v) in totals.iter_mut().zip(column) {
            *t += wj * v;
        }
    }
}

/// The total of option `o` under weights `w`, summed in the order of [`totals_into`], so the
/// two agree to the bit.
#[inline]
fn total_of(o: usize, w: &[f64], values: &[f64], no: usize) -> f64 {
    let mut t = 0.0;
    for (&wj, &v) in w.iter().zip(values[o..].iter().step_by(no)) {
        t += wj * v;
    }
    t
}

/// Whether `o` ranks first (`rank_of(o, ..) == 1`) under weights `w`, stopping at the first
/// rival ranked above it: the rival's total is worked out only if its hurdles do not settle it.
#[inline]
fn first_under(o: usize, w: &[f64], values: &[f64], passes: &[bool], rivals: &[usize]) -> bool {
    let no = passes.len();
    let t = total_of(o, w, values, no);
    !rivals.iter().any(|&p| {
        p != o
            && match (passes[p], passes[o]) {
                (true, false) => true,
                (false, true) => false,
                _ => total_of(p, w, values, no) > t + TIE,
            }
    })
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
    let mut weights = WeightDraws::new(
        settings.draw,
        &settings.weights,
        &settings.groups,
        m,
        &sampled,
    )?;
    let mut scores = ScoreSampler::new(settings.scores, m, &sampled);
    let nw = sampled.len();
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(settings.seed);
    let confidence_samples = if scores.uncertain() {
        settings.confidence_samples
    } else {
        1
    };
    let counter = progress.start((settings.samples + confidence_samples) as u64);

    // Buffers for the loop, column-major values (`j * no + o`).
    let mut values: Vec<f64> = sampled
        .iter()
        .flat_map(|&l| (0..no).map(move |o| m.value(o, l)))
        .collect();
    let base_values = values.clone();
    let mut w = vec![0.0; nw];
    let mut totals = vec![0.0; no];
    let mut passes = scores.fixed_pass().to_vec();
    let mut counts = vec![0u64; no * no];
    let mut first_sum = vec![0.0; no * nw];
    let mut first_sq = vec![0.0; no * nw];

    // Bounded weights: make sure some draw is accepted before the main loop.
    let (mut tries, mut accepted) = (0usize, 0usize);
    let budget = settings
        .samples
        .saturating_mul(TRIES_PER_SAMPLE)
        .max(PILOT_TRIES);
    while accepted < settings.samples {
        tries += 1;
        if !weights.draw(&mut rng, &mut w) {
            if accepted == 0 && tries >= PILOT_TRIES {
                return Err(SamplingError::BoundsExcludeAll { tries }.into());
            }
            if tries >= budget {
                return Err(SmaaError::LowAcceptance { accepted, tries });
            }
            continue;
        }
        accepted += 1;
        counter.at(accepted as u64);
        scores.draw(&mut rng, &mut values, &mut passes);
        totals_into(&values, &w, &mut totals);
        for o in 0..no {
            let r = rank_of(o, &totals, &passes);
            counts[o * no + r - 1] += 1;
            if r == 1 {
                let (sum, sq) = (
                    &mut first_sum[o * nw..(o + 1) * nw],
                    &mut first_sq[o * nw..(o + 1) * nw],
                );
                for ((s, q), &x) in sum.iter_mut().zip(sq.iter_mut()).zip(&w) {
                    *s += x;
                    *q += x * x;
                }
            }
        }
    }
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
    let mut firsts = vec![0u64; no];
    values.copy_from_slice(&base_values);
    passes.copy_from_slice(scores.fixed_pass());
    for i in 0..confidence_samples {
        counter.at((settings.samples + i) as u64);
        if scores.uncertain() {
            scores.draw(&mut rng, &mut values, &mut passes);
        }
        for (o, wc) in &candidates {
            if first_under(*o, wc, &values, &passes, &rivals) {
                firsts[*o] += 1;
            }
        }
    }

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
    fn the_early_exit_agrees_with_the_full_ranking() {
        // Random values (with ties and hurdle failures) and weights: `first_under` must say
        // exactly what the full totals and `rank_of` say, whatever the rivals' order.
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(3);
        let (no, nw) = (6, 4);
        let mut totals = vec![0.0; no];
        for _ in 0..2_000 {
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
                assert_eq!(
                    first_under(o, &w, &values, &passes, &rivals),
                    rank_of(o, &totals, &passes) == 1,
                    "option {o}: totals {totals:?}, passes {passes:?}"
                );
            }
        }
    }
}
