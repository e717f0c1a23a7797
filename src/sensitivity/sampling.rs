//! Random draws for SMAA: weight vectors over the weighted leaf criteria and 0-100 values for
//! the panel-scored cells. Everything is set up once; `draw` calls write into caller-owned
//! buffers and never allocate, since they run hundreds of thousands of times.

pub use crate::model::{ScoreModel, WeightBound, WeightModel};
use crate::model::{ValueFunction, WEIGHT_TOLERANCE};
use crate::score::value;
use rand::{Rng, RngExt, SeedableRng};
use rand_distr::{Distribution, StandardNormal};
use rand_xoshiro::Xoshiro256PlusPlus;

use super::exponential;
use super::matrix::ValueMatrix;
use super::ziggurat::Ziggurat;

/// Weight information that cannot be sampled.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SamplingError {
    #[error("no leaf criterion carries weight, so there are no weights to sample")]
    NoWeightedCriteria,
    #[error("the weight share must be from 0 to 1 (0.5 = +/-50%), not {0}")]
    BadShare(f64),
    #[error("the weight {what} names the unknown criterion '{criterion}'")]
    UnknownCriterion {
        what: &'static str,
        criterion: String,
    },
    #[error(
        "the weight {what} names {criterion}, which is not a weighted leaf criterion (a group, a hurdle or a zero weight): only the weights of weighted leaves are sampled"
    )]
    NotSampled {
        what: &'static str,
        criterion: String,
    },
    #[error(
        "the weight bounds for {criterion} run from {min} to {max}: they must satisfy 0 <= min <= max <= 1"
    )]
    BadBound {
        criterion: String,
        min: f64,
        max: f64,
    },
    #[error(
        "the weight bounds exclude every weight vector: the minimums sum to {min_sum:.4} and the maximums to {max_sum:.4}, but the weights must sum to 1"
    )]
    BoundsInfeasible { min_sum: f64, max_sum: f64 },
    #[error(
        "the weight bounds exclude every weight vector: none of {tries} draws fell within them"
    )]
    BoundsExcludeAll { tries: usize },
    #[error(
        "the ranking is inconsistent: it places {criterion} both {first} and {second}, above and below the criteria in between (a cycle)"
    )]
    RankingCycle {
        criterion: String,
        first: String,
        second: String,
    },
    #[error(
        "the weight {what} names {criterion}, which is not a top-level criterion carrying weight: level by level, the appraisal's weight model is over the top level's weights"
    )]
    NotTopLevel {
        what: &'static str,
        criterion: String,
    },
    #[error(
        "the weight {what} names {criterion}, which is not one of the group's children carrying weight"
    )]
    NotAChild {
        what: &'static str,
        criterion: String,
    },
    #[error("the level-by-level weights name the unknown group '{0}'")]
    UnknownGroup(String),
    #[error(
        "the level-by-level weights name {0}, a leaf criterion: only a group has children whose weights are drawn"
    )]
    NotAGroup(String),
    #[error(
        "the level-by-level weights name the group {0}, which carries no weight (only hurdles or zero weights), so nothing within it is drawn"
    )]
    GroupWithoutWeight(String),
    #[error("the level-by-level weights name the group {0} twice")]
    GroupTwice(String),
    /// A problem with one level's weights, naming the level ("within Quality (QUA)").
    #[error("{level}: {source}")]
    InLevel {
        level: String,
        source: Box<SamplingError>,
    },
}

/// Draws weight vectors over the sampled leaves.
#[derive(Debug, Clone)]
pub enum WeightSampler {
    Simplex,
    /// Uniform on `{lo <= w <= hi, sum w = 1}`: every coordinate but `slack` uniform in its
    /// interval, `slack` takes what is left and the draw is kept if it is in its interval.
    /// Conditioning a uniform box on a slab of the affine map to the last coordinate is uniform
    /// on the polytope; using the widest interval as the slack keeps most draws.
    Box {
        lo: Vec<f64>,
        hi: Vec<f64>,
        slack: usize,
    },
    /// Uniform on the simplex, kept when within `[lo, hi]`: uniform on the same polytope as
    /// `Box`. Where only a few weights are bounded this keeps far more draws, since each
    /// unbounded weight widens the box well beyond the simplex but costs the simplex nothing.
    Within {
        lo: Vec<f64>,
        hi: Vec<f64>,
    },
    /// Uniform on the simplex, then the ranked coordinates' values sorted into the ranked
    /// order. Dirichlet(1) is exchangeable, so each ordering of the ranked coordinates has the
    /// same probability and sorting maps the simplex uniformly onto the ranked region.
    Ordered {
        positions: Vec<usize>,
        scratch: Vec<f64>,
    },
    /// Bounds whose minimums (or maximums) sum to 1 within [`WEIGHT_TOLERANCE`] admit one
    /// weight vector, those bounds themselves (e.g. three weights of one third each): every draw
    /// is it. Rejection sampling would never land on a single point.
    Point {
        w: Vec<f64>,
    },
}

impl WeightSampler {
    /// Compiles `model` for the leaves `sampled` (indices into the matrix's leaves): the flat
    /// draw, over their global weights.
    pub fn new(
        model: &WeightModel,
        m: &ValueMatrix,
        sampled: &[usize],
    ) -> Result<WeightSampler, SamplingError> {
        if sampled.is_empty() {
            return Err(SamplingError::NoWeightedCriteria);
        }
        let codes: Vec<&str> = sampled.iter().map(|&l| m.leaves[l].code.as_str()).collect();
        let base: Vec<f64> = sampled.iter().map(|&l| m.leaves[l].global).collect();
        WeightSampler::over(model, &codes, &base, |what, code| {
            if m.find(code).is_some() {
                SamplingError::NotSampled {
                    what,
                    criterion: code.to_owned(),
                }
            } else {
                SamplingError::UnknownCriterion {
                    what,
                    criterion: code.to_owned(),
                }
            }
        })
    }

    /// Compiles `model` for weights on the criteria `codes`, whose appraisal weights are `base`;
    /// `stranger(what, code)` is the error for a bound or ranking naming a criterion not among
    /// them.
    pub fn over(
        model: &WeightModel,
        codes: &[&str],
        base: &[f64],
        stranger: impl Fn(&'static str, &str) -> SamplingError,
    ) -> Result<WeightSampler, SamplingError> {
        let position = |what: &'static str, code: &str| {
            codes
                .iter()
                .position(|&c| c == code)
                .ok_or_else(|| stranger(what, code))
        };
        match model {
            WeightModel::Uniform => Ok(WeightSampler::Simplex),
            WeightModel::AroundBase { share } => {
                if !(0.0..=1.0).contains(share) {
                    return Err(SamplingError::BadShare(*share));
                }
                let lo = base
                    .iter()
                    .map(|w| (w * (1.0 - share)).clamp(0.0, 1.0))
                    .collect();
                let hi = base
                    .iter()
                    .map(|w| (w * (1.0 + share)).clamp(0.0, 1.0))
                    .collect();
                boxed(lo, hi)
            }
            WeightModel::Bounds { bounds } => {
                let (mut lo, mut hi) = (vec![0.0; codes.len()], vec![1.0; codes.len()]);
                for b in bounds {
                    let j = position("bound", &b.criterion)?;
                    if !(0.0 <= b.min && b.min <= b.max && b.max <= 1.0) {
                        return Err(SamplingError::BadBound {
                            criterion: b.criterion.clone(),
                            min: b.min,
                            max: b.max,
                        });
                    }
                    (lo[j], hi[j]) = (b.min, b.max);
                }
                boxed(lo, hi)
            }
            WeightModel::Ranking { ranking } => {
                let mut positions: Vec<usize> = Vec::with_capacity(ranking.len());
                for (k, code) in ranking.iter().enumerate() {
                    let j = position("ranking", code)?;
                    if let Some(first) = positions.iter().position(|&p| p == j) {
                        return Err(SamplingError::RankingCycle {
                            criterion: code.clone(),
                            first: ordinal(first + 1),
                            second: ordinal(k + 1),
                        });
                    }
                    positions.push(j);
                }
                Ok(WeightSampler::Ordered {
                    scratch: vec![0.0; positions.len()],
                    positions,
                })
            }
        }
    }

    /// Writes a weight vector into `w`; false when the draw falls outside the bounds and must
    /// be discarded.
    #[inline]
    pub fn draw<R: Rng>(&mut self, rng: &mut R, w: &mut [f64]) -> bool {
        match self {
            WeightSampler::Simplex => {
                simplex(rng, w);
                true
            }
            WeightSampler::Box { lo, hi, slack } => {
                let mut sum = 0.0;
                for (j, x) in w.iter_mut().enumerate() {
                    if j != *slack {
                        *x = lo[j] + (hi[j] - lo[j]) * rng.random::<f64>();
                        sum += *x;
                    }
                }
                let rest = 1.0 - sum;
                w[*slack] = rest;
                lo[*slack] <= rest && rest <= hi[*slack]
            }
            WeightSampler::Within { lo, hi } => {
                simplex(rng, w);
                w.iter()
                    .zip(lo.iter().zip(hi.iter()))
                    .all(|(x, (l, h))| l <= x && x <= h)
            }
            WeightSampler::Point { w: point } => {
                w.copy_from_slice(point);
                true
            }
            WeightSampler::Ordered { positions, scratch } => {
                simplex(rng, w);
                for (s, &p) in scratch.iter_mut().zip(positions.iter()) {
                    *s = w[p];
                }
                scratch.sort_unstable_by(|a, b| b.total_cmp(a));
                for (s, &p) in scratch.iter().zip(positions.iter()) {
                    w[p] = *s;
                }
                true
            }
        }
    }

    /// In words, for the report.
    pub fn describe(model: &WeightModel) -> String {
        match model {
            WeightModel::Uniform => "uniform on the simplex (no weight information)".to_owned(),
            WeightModel::AroundBase { share } => format!(
                "uniform within +/-{:.0}% of the appraisal's weights",
                share * 100.0
            ),
            WeightModel::Bounds { bounds } => {
                format!("uniform within bounds on {} criteria", bounds.len())
            }
            WeightModel::Ranking { ranking } => format!(
                "uniform among weights consistent with a ranking of {} criteria",
                ranking.len()
            ),
        }
    }
}

fn ordinal(k: usize) -> String {
    let suffix = match (k % 10, k % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{k}{suffix}")
}

/// Whether bounds whose minimums sum to `min_sum` and maximums to `max_sum` admit a weight
/// vector summing to 1: sums within [`WEIGHT_TOLERANCE`] of 1 do, as local weights do. The
/// validator asks the same.
pub fn bounds_admit(min_sum: f64, max_sum: f64) -> bool {
    min_sum <= 1.0 + WEIGHT_TOLERANCE && max_sum >= 1.0 - WEIGHT_TOLERANCE
}

fn boxed(lo: Vec<f64>, hi: Vec<f64>) -> Result<WeightSampler, SamplingError> {
    let (min_sum, max_sum) = (lo.iter().sum::<f64>(), hi.iter().sum::<f64>());
    if !bounds_admit(min_sum, max_sum) {
        return Err(SamplingError::BoundsInfeasible { min_sum, max_sum });
    }
    // A degenerate box: the one vector is the bounds that sum to 1, scaled to sum exactly.
    for (ends, sum) in [(&lo, min_sum), (&hi, max_sum)] {
        if (sum - 1.0).abs() <= WEIGHT_TOLERANCE {
            return Ok(WeightSampler::Point {
                w: ends.iter().map(|x| x / sum).collect(),
            });
        }
    }
    let slack = (0..lo.len())
        .max_by(|&a, &b| (hi[a] - lo[a]).total_cmp(&(hi[b] - lo[b])))
        .unwrap_or(0);
    let boxed = WeightSampler::Box {
        lo: lo.clone(),
        hi: hi.clone(),
        slack,
    };
    let within = WeightSampler::Within { lo, hi };
    // Both are uniform on the polytope; keep the one that wastes fewer draws. The pilot has
    // its own fixed seed, so the choice (and with it the figures) depends on the bounds alone.
    Ok(if kept(&within) > kept(&boxed) {
        within
    } else {
        boxed
    })
}

/// Draws a pilot of [`PILOT`] weight vectors kept by `sampler`.
fn kept(sampler: &WeightSampler) -> usize {
    const PILOT: usize = 2_000;
    let mut sampler = sampler.clone();
    let n = match &sampler {
        WeightSampler::Box { lo, .. } | WeightSampler::Within { lo, .. } => lo.len(),
        _ => return PILOT,
    };
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(0x5EED);
    let mut w = vec![0.0; n];
    (0..PILOT)
        .filter(|_| sampler.draw(&mut rng, &mut w))
        .count()
}

/// Uniform on the simplex: normalised standard exponentials (Dirichlet(1, ..., 1)).
#[inline]
pub(super) fn simplex<R: Rng>(rng: &mut R, w: &mut [f64]) {
    let mut sum = 0.0;
    for x in w.iter_mut() {
        let e = exponential::sample(rng);
        *x = e;
        sum += e;
    }
    let inv = 1.0 / sum;
    for x in w.iter_mut() {
        *x *= inv;
    }
}

/// How one uncertain cell's score is drawn.
#[derive(Debug, Clone, Copy)]
enum Spread {
    /// Normal, truncated to `lo..=hi` by rejection.
    Normal { mean: f64, sd: f64 },
    /// Inverse CDF of the triangular distribution, with its constants worked out once.
    Triangular {
        min: f64,
        max: f64,
        cut: f64,
        left: f64,
        right: f64,
    },
}

/// One uncertain cell.
#[derive(Debug, Clone, Copy)]
struct Cell {
    /// Index into the column-major value buffer: `j * options + o`.
    index: usize,
    spread: Spread,
    /// A linear value function as `value = offset + scale * score`, clamped to 0-100; none
    /// for other value functions, which go through the scoring engine.
    linear: Option<(f64, f64)>,
    leaf: usize,
    /// The base value, used if a value function rejects a draw (it cannot for a finite score).
    base: f64,
}

/// A normal cell under a linear value function (nearly all panel cells), set up so that one
/// draw is `value = centre + spread * z` with a standard normal `z` kept within `z_lo..=z_hi`
/// (the panel scale in standard units).
#[derive(Debug, Clone, Copy)]
struct NormalCell {
    /// Index into the column-major value buffer: `j * options + o`.
    index: usize,
    centre: f64,
    spread: f64,
    z_lo: f64,
    z_hi: f64,
}

/// The normal cells, drawn together.
#[derive(Debug, Clone, Default)]
struct NormalCells {
    cells: Vec<NormalCell>,
    zig: Ziggurat,
    /// Cells whose first draw needs more work, with its random word; filled without branching.
    pending: Vec<(usize, u64)>,
}

impl NormalCells {
    fn push(&mut self, index: usize, mean: f64, sd: f64, linear: (f64, f64), scale: (f64, f64)) {
        let (slope, offset) = linear;
        self.cells.push(NormalCell {
            index,
            centre: offset + slope * mean,
            spread: slope * sd,
            z_lo: (scale.0 - mean) / sd,
            z_hi: (scale.1 - mean) / sd,
        });
        self.pending.push((0, 0));
    }

    fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }

    /// One truncated normal per cell. The first pass takes one random word per cell and keeps
    /// the ziggurat's quick candidate when it is accepted and on the scale, about 85% of cells
    /// in the benchmark; it notes the others without a branch, since a cell near the edge of
    /// the scale is rejected often and at random and a branch there would mispredict. Then,
    /// round by round, the noted cells whose quick step failed (about 1 in 80 words) finish
    /// that draw exactly as the full ziggurat would, and the cells still off the scale take a
    /// new word in another branch-free pass; after 32 words a cell is clamped to the scale (a
    /// cell whose mean sits at the edge rejects about half its draws, so this virtually never
    /// happens). Each cell's value is the first of its own normal draws on the scale, exactly
    /// a truncated normal, whatever the order in which the generator is used.
    #[inline]
    fn draw<R: Rng>(&mut self, rng: &mut R, values: &mut [f64]) {
        let mut n = 0;
        for (k, c) in self.cells.iter().enumerate() {
            let bits = rng.next_u64();
            let (z, quick) = self.zig.quick(bits);
            values[c.index] = c.value(z);
            self.pending[n] = (k, bits);
            n += usize::from(!(quick & c.on_scale(z)));
        }
        for _ in 1..32 {
            if n == 0 {
                return;
            }
            // Finish the draws the quick step left; keep those needing a new word.
            let mut kept = 0;
            for i in 0..n {
                let (k, bits) = self.pending[i];
                let c = &self.cells[k];
                if !self.zig.quick(bits).1 {
                    let z = self.zig.finish(bits, rng);
                    if c.on_scale(z) {
                        values[c.index] = c.value(z);
                        continue;
                    }
                }
                self.pending[kept].0 = k;
                kept += 1;
            }
            // A new word for each, as in the first pass.
            n = 0;
            for i in 0..kept {
                let k = self.pending[i].0;
                let c = &self.cells[k];
                let bits = rng.next_u64();
                let (z, quick) = self.zig.quick(bits);
                values[c.index] = c.value(z);
                self.pending[n] = (k, bits);
                n += usize::from(!(quick & c.on_scale(z)));
            }
        }
        for &(k, bits) in &self.pending[..n] {
            let c = &self.cells[k];
            let z = self.zig.quick(bits).0;
            // max then min rather than clamp, which panics on a reversed scale.
            values[c.index] = c.value(z.max(c.z_lo).min(c.z_hi));
        }
    }
}

impl NormalCell {
    /// The 0-100 value of the standard normal draw `z`.
    #[inline(always)]
    fn value(&self, z: f64) -> f64 {
        (self.centre + self.spread * z).clamp(0.0, 100.0)
    }

    /// Whether `z` falls on the panel scale; `&` rather than `&&`, so there is no branch.
    #[inline(always)]
    fn on_scale(&self, z: f64) -> bool {
        (self.z_lo <= z) & (z <= self.z_hi)
    }
}

/// Draws the panel-scored cells' values; assessed and derived cells stay fixed.
///
/// Normal cells under linear value functions, nearly all panel cells, are kept apart in
/// [`NormalCells`] so that their loop has no branches.
#[derive(Debug, Clone)]
pub struct ScoreSampler {
    fast: NormalCells,
    /// Every other uncertain cell.
    cells: Vec<Cell>,
    functions: Vec<ValueFunction>,
    scale: (f64, f64),
    /// Hurdle tests on sampled cells: (value index, option, pass value).
    hurdles: Vec<(usize, usize, f64)>,
    /// Whether each option passes the hurdles not on sampled cells.
    fixed_pass: Vec<bool>,
}

impl ScoreSampler {
    /// For the sampled leaves, in column-major order (`j * options + o`).
    pub fn new(model: ScoreModel, m: &ValueMatrix, sampled: &[usize]) -> ScoreSampler {
        let no = m.options.len();
        let nl = m.leaves.len();
        let mut fast = NormalCells::default();
        let mut cells = Vec::new();
        let mut hurdles = Vec::new();
        let mut uncertain = vec![false; no * nl];
        if model != ScoreModel::Fixed {
            for (j, &l) in sampled.iter().enumerate() {
                let leaf = &m.leaves[l];
                let linear = match leaf.value_function {
                    ValueFunction::Linear { worst, best } => {
                        Some((100.0 / (best - worst), -100.0 * worst / (best - worst)))
                    }
                    _ => None,
                };
                for o in 0..no {
                    let Some(stats) = &m.panel[o * nl + l] else {
                        continue;
                    };
                    let d = &stats.dispersion;
                    let spread = match model {
                        ScoreModel::Normal if d.n > 1 && d.sd > 0.0 => Spread::Normal {
                            mean: d.mean,
                            sd: d.sd,
                        },
                        ScoreModel::Triangular if d.min < d.max => {
                            let (a, b) = (d.min, d.max);
                            let c = stats.aggregate.clamp(a, b);
                            Spread::Triangular {
                                min: a,
                                max: b,
                                cut: (c - a) / (b - a),
                                left: (b - a) * (c - a),
                                right: (b - a) * (b - c),
                            }
                        }
                        _ => continue,
                    };
                    let index = j * no + o;
                    uncertain[o * nl + l] = true;
                    if let Some(pass) = leaf.hurdle {
                        hurdles.push((index, o, pass));
                    }
                    match (spread, linear) {
                        (Spread::Normal { mean, sd }, Some(linear)) => {
                            fast.push(index, mean, sd, linear, m.scale);
                        }
                        _ => cells.push(Cell {
                            index,
                            spread,
                            linear,
                            leaf: l,
                            base: m.value(o, l),
                        }),
                    }
                }
            }
        }
        let fixed_pass = (0..no)
            .map(|o| {
                m.leaves.iter().enumerate().all(|(l, leaf)| {
                    uncertain[o * nl + l] || leaf.hurdle.is_none_or(|h| m.value(o, l) >= h)
                })
            })
            .collect();
        ScoreSampler {
            fast,
            cells,
            functions: m.leaves.iter().map(|l| l.value_function.clone()).collect(),
            scale: m.scale,
            hurdles,
            fixed_pass,
        }
    }

    /// True when some cell is drawn; otherwise the values are fixed.
    pub fn uncertain(&self) -> bool {
        !(self.fast.is_empty() && self.cells.is_empty())
    }

    /// Whether each option passes every hurdle before any draw.
    pub fn fixed_pass(&self) -> &[bool] {
        &self.fixed_pass
    }

    /// A normal score truncated to the scale by rejection (32 tries, then clamped), for the
    /// few normal cells outside [`NormalCells`].
    fn truncated_normal<R: Rng>(&self, rng: &mut R, mean: f64, sd: f64) -> f64 {
        let (lo, hi) = self.scale;
        let mut x = mean;
        for _ in 0..32 {
            let z: f64 = StandardNormal.sample(rng);
            x = mean + sd * z;
            if lo <= x && x <= hi {
                return x;
            }
        }
        x.max(lo).min(hi)
    }

    /// Overwrites the uncertain cells of `values` with a draw and sets `passes`.
    #[inline]
    pub fn draw<R: Rng>(&mut self, rng: &mut R, values: &mut [f64], passes: &mut [bool]) {
        self.fast.draw(rng, values);
        for cell in &self.cells {
            let score = match cell.spread {
                Spread::Normal { mean, sd } => self.truncated_normal(rng, mean, sd),
                Spread::Triangular {
                    min,
                    max,
                    cut,
                    left,
                    right,
                } => {
                    let u: f64 = rng.random();
                    if u < cut {
                        min + (u * left).sqrt()
                    } else {
                        max - ((1.0 - u) * right).sqrt()
                    }
                }
            };
            values[cell.index] = match cell.linear {
                Some((scale, offset)) => (offset + scale * score).clamp(0.0, 100.0),
                None => value::of_number(&self.functions[cell.leaf], score).unwrap_or(cell.base),
            };
        }
        passes.copy_from_slice(&self.fixed_pass);
        for &(index, o, pass) in &self.hurdles {
            if values[index] < pass {
                passes[o] = false;
            }
        }
    }

    pub fn describe(model: ScoreModel) -> &'static str {
        match model {
            ScoreModel::Fixed => "fixed at the panel's aggregate",
            ScoreModel::Normal => {
                "panel cells normal with the panel's mean and sd, truncated to the scale; assessed and derived values fixed"
            }
            ScoreModel::Triangular => {
                "panel cells triangular from the lowest score through the aggregate to the highest; assessed and derived values fixed"
            }
        }
    }
}

#[cfg(test)]
mod degenerate {
    use super::*;

    fn draws(sampler: &mut WeightSampler, n: usize) -> Vec<Vec<f64>> {
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(7);
        let mut w = vec![0.0; 3];
        (0..n)
            .map(|_| {
                assert!(sampler.draw(&mut rng, &mut w));
                w.clone()
            })
            .collect()
    }

    #[test]
    fn bounds_that_fix_every_weight_give_that_single_weight_vector() {
        let third = 1.0 / 3.0;
        let mut s = boxed(vec![third; 3], vec![third; 3]).unwrap();
        for w in draws(&mut s, 100) {
            assert_eq!(w, [third; 3]);
        }
        // Thirds as typed to nine places sum to 0.999999999: the same single vector.
        let typed = 0.333_333_333;
        let mut s = boxed(vec![typed; 3], vec![typed; 3]).unwrap();
        for w in draws(&mut s, 10) {
            for x in w {
                assert!((x - third).abs() < 1e-12, "{x}");
            }
        }
        // Minimums summing to 1 with room above: still only the minimums fit.
        let mut s = boxed(vec![0.5, 0.3, 0.2], vec![0.9, 0.9, 0.9]).unwrap();
        assert_eq!(draws(&mut s, 5)[4], [0.5, 0.3, 0.2]);
        // Maximums summing to 1.
        let mut s = boxed(vec![0.0; 3], vec![0.6, 0.3, 0.1]).unwrap();
        let w = &draws(&mut s, 5)[4];
        for (x, y) in w.iter().zip([0.6, 0.3, 0.1]) {
            assert!((x - y).abs() < 1e-15, "{w:?}");
        }
        // A hundredth short is not 1: refused as before.
        assert_eq!(
            boxed(vec![0.33; 3], vec![0.33; 3]).unwrap_err().to_string(),
            "the weight bounds exclude every weight vector: the minimums sum to 0.9900 and the maximums to 0.9900, but the weights must sum to 1"
        );
    }
}
