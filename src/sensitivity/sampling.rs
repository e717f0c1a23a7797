//! Random draws for SMAA: weight vectors over the weighted leaf criteria and 0-100 values for
//! the panel-scored cells. Everything is set up once; `draw` calls write into caller-owned
//! buffers and never allocate, since they run hundreds of thousands of times.

use rand::{Rng, RngExt};
use rand_distr::{Distribution, Exp1, StandardNormal};
use serde::{Deserialize, Serialize};

use crate::model::ValueFunction;
use crate::score::value;

use super::matrix::ValueMatrix;

/// What is known about the weights.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum WeightModel {
    /// Nothing: uniform on the simplex (`w >= 0`, `sum w = 1`).
    Uniform,
    /// Each leaf's global weight within `base * (1 -/+ share)`, clamped to 0-1.
    AroundBase { share: f64 },
    /// Bounds on named leaves' global weights; unnamed leaves may take 0-1.
    Bounds { bounds: Vec<WeightBound> },
    /// Only an order of importance: `ranking[0]` weighs at least as much as `ranking[1]`, and so
    /// on; unranked leaves are free.
    Ranking { ranking: Vec<String> },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WeightBound {
    pub criterion: String,
    pub min: f64,
    pub max: f64,
}

/// How uncertain the panel's scores are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScoreModel {
    /// Every value as scored.
    Fixed,
    /// Normal with the panel's mean and sample sd, truncated to the panel scale.
    Normal,
    /// Triangular from the panel's lowest score through its aggregate to its highest.
    Triangular,
}

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
    /// Uniform on the simplex, then the ranked coordinates' values sorted into the ranked
    /// order. Dirichlet(1) is exchangeable, so each ordering of the ranked coordinates has the
    /// same probability and sorting maps the simplex uniformly onto the ranked region.
    Ordered {
        positions: Vec<usize>,
        scratch: Vec<f64>,
    },
}

impl WeightSampler {
    /// Compiles `model` for the leaves `sampled` (indices into the matrix's leaves).
    pub fn new(
        model: &WeightModel,
        m: &ValueMatrix,
        sampled: &[usize],
    ) -> Result<WeightSampler, SamplingError> {
        if sampled.is_empty() {
            return Err(SamplingError::NoWeightedCriteria);
        }
        let position = |what: &'static str, code: &str| {
            let Some(l) = m.leaves.iter().position(|l| l.code == code) else {
                return Err(if m.find(code).is_some() {
                    SamplingError::NotSampled {
                        what,
                        criterion: code.to_owned(),
                    }
                } else {
                    SamplingError::UnknownCriterion {
                        what,
                        criterion: code.to_owned(),
                    }
                });
            };
            sampled
                .iter()
                .position(|&s| s == l)
                .ok_or_else(|| SamplingError::NotSampled {
                    what,
                    criterion: code.to_owned(),
                })
        };
        match model {
            WeightModel::Uniform => Ok(WeightSampler::Simplex),
            WeightModel::AroundBase { share } => {
                if !(0.0..=1.0).contains(share) {
                    return Err(SamplingError::BadShare(*share));
                }
                let base: Vec<f64> = sampled.iter().map(|&l| m.leaves[l].global).collect();
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
                let (mut lo, mut hi) = (vec![0.0; sampled.len()], vec![1.0; sampled.len()]);
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

fn boxed(lo: Vec<f64>, hi: Vec<f64>) -> Result<WeightSampler, SamplingError> {
    let (min_sum, max_sum) = (lo.iter().sum::<f64>(), hi.iter().sum::<f64>());
    if min_sum > 1.0 + 1e-12 || max_sum < 1.0 - 1e-12 {
        return Err(SamplingError::BoundsInfeasible { min_sum, max_sum });
    }
    let slack = (0..lo.len())
        .max_by(|&a, &b| (hi[a] - lo[a]).total_cmp(&(hi[b] - lo[b])))
        .unwrap_or(0);
    Ok(WeightSampler::Box { lo, hi, slack })
}

/// Uniform on the simplex: normalised standard exponentials (Dirichlet(1, ..., 1)).
#[inline]
fn simplex<R: Rng>(rng: &mut R, w: &mut [f64]) {
    let mut sum = 0.0;
    for x in w.iter_mut() {
        let e: f64 = Exp1.sample(rng);
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

/// Draws the panel-scored cells' values; assessed and derived cells stay fixed.
///
/// Normal cells under linear value functions, nearly all panel cells, are kept apart in a
/// flat list so that their loop has no branches beyond the truncation test.
#[derive(Debug, Clone)]
pub struct ScoreSampler {
    /// (value index, mean, sd, scale, offset) of normal cells with linear value functions.
    fast: Vec<(usize, f64, f64, f64, f64)>,
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
        let mut fast = Vec::new();
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
                        (Spread::Normal { mean, sd }, Some((scale, offset))) => {
                            fast.push((index, mean, sd, scale, offset));
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

    /// A normal score truncated to the scale by rejection; a cell whose mean sits at the edge
    /// of the scale rejects about half its draws, so 32 tries virtually never run out (the
    /// last is then clamped). The first try is inlined; retries take the cold path.
    #[inline(always)]
    fn truncated_normal<R: Rng>(&self, rng: &mut R, mean: f64, sd: f64) -> f64 {
        let z: f64 = StandardNormal.sample(rng);
        let x = mean + sd * z;
        if self.scale.0 <= x && x <= self.scale.1 {
            x
        } else {
            self.retry_normal(rng, mean, sd)
        }
    }

    #[cold]
    #[inline(never)]
    fn retry_normal<R: Rng>(&self, rng: &mut R, mean: f64, sd: f64) -> f64 {
        let (lo, hi) = self.scale;
        let mut x = mean;
        for _ in 1..32 {
            let z: f64 = StandardNormal.sample(rng);
            x = mean + sd * z;
            if lo <= x && x <= hi {
                return x;
            }
        }
        x.clamp(lo, hi)
    }

    /// Overwrites the uncertain cells of `values` with a draw and sets `passes`.
    #[inline]
    pub fn draw<R: Rng>(&self, rng: &mut R, values: &mut [f64], passes: &mut [bool]) {
        for &(index, mean, sd, scale, offset) in &self.fast {
            let x = self.truncated_normal(rng, mean, sd);
            values[index] = (offset + scale * x).clamp(0.0, 100.0);
        }
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
