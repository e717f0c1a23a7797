//! How the appraisal's robustness is tested, stored with the appraisal so that the command line,
//! the app and the board pack run the same analysis and get the same figures.

use serde::{Deserialize, Serialize};

/// The sensitivity analysis's settings: the tornado's weight share and SMAA-2's draws.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct SensitivitySettings {
    /// The tornado moves each weight by this share of itself (0.5 = +/-50%).
    pub tornado_share: f64,
    /// SMAA draws of weights (and scores).
    pub samples: u32,
    /// Seed of the draws: the same seed and appraisal give the same results.
    pub seed: u64,
    /// How SMAA draws weight vectors: flat over the weighted leaves, or level by level down
    /// the criteria tree.
    pub draw: WeightDraw,
    /// What is known about the weights: the weighted leaves' global weights under the flat
    /// draw, the top-level criteria's local weights level by level.
    pub weights: WeightModel,
    /// Level by level: the groups whose children's local weights are drawn, each with what is
    /// known about them; every other group keeps its children's local weights. Unused by the
    /// flat draw.
    pub groups: Vec<GroupWeights>,
    /// How uncertain the panel's scores are.
    pub scores: ScoreModel,
    /// Score draws per confidence factor; 10,000 gives a standard error of at most 0.5%.
    pub confidence_samples: u32,
    /// How the seed becomes draws. Left out of the text while sequential, as every file had it
    /// before it was a choice, so those files' text (and fingerprint) is unchanged.
    #[serde(default, skip_serializing_if = "DrawStream::is_sequential")]
    pub stream: DrawStream,
}

impl Default for SensitivitySettings {
    fn default() -> Self {
        SensitivitySettings {
            tornado_share: 0.5,
            samples: 10_000,
            seed: 1,
            draw: WeightDraw::LevelByLevel,
            weights: WeightModel::Uniform,
            groups: Vec::new(),
            scores: ScoreModel::Normal,
            confidence_samples: 10_000,
            stream: DrawStream::Sequential,
        }
    }
}

/// The settings as text holds them: files written before `draw` and `groups` were stored have
/// neither.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Stored {
    tornado_share: f64,
    samples: u32,
    seed: u64,
    #[serde(default)]
    draw: Option<WeightDraw>,
    weights: WeightModel,
    #[serde(default)]
    groups: Vec<GroupWeights>,
    scores: ScoreModel,
    confidence_samples: u32,
    #[serde(default)]
    stream: DrawStream,
}

impl<'de> Deserialize<'de> for SensitivitySettings {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = Stored::deserialize(d)?;
        Ok(SensitivitySettings {
            tornado_share: s.tornado_share,
            samples: s.samples,
            seed: s.seed,
            draw: s
                .draw
                .unwrap_or_else(|| WeightDraw::stored_before_draws(&s.weights)),
            weights: s.weights,
            groups: s.groups,
            scores: s.scores,
            confidence_samples: s.confidence_samples,
            stream: s.stream,
        })
    }
}

/// How a seed becomes SMAA's draws. Both draw from the same distributions; each gives its
/// own figures for a seed, the same on every machine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum DrawStream {
    /// One generator from the seed, each draw in turn and the confidence draws after them:
    /// one thread's work. Every appraisal was drawn so before blocks (and the demo still is),
    /// so a seed keeps the figures it gave.
    #[default]
    Sequential,
    /// Blocks of `sensitivity::smaa::BLOCK` draws (and of confidence draws), block `i` from
    /// the seed's generator jumped `i` times (2^128 steps each, Blackman & Vigna's jump for
    /// parallel streams), drawn on every core and added up in block order: the same figures on
    /// any number of cores. New appraisals draw so.
    Blocks,
}

impl DrawStream {
    pub fn is_sequential(&self) -> bool {
        *self == DrawStream::Sequential
    }

    /// In a few words, for the pack's method and the command line: "in one sequence from the
    /// seed".
    pub fn label(self) -> &'static str {
        match self {
            DrawStream::Sequential => "in one sequence from the seed",
            DrawStream::Blocks => {
                "in blocks of 1,024, each from its own stream of the seed's generator, on every core"
            }
        }
    }
}

/// How SMAA draws a weight vector.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum WeightDraw {
    /// Standard SMAA: one draw over the weighted leaves' global weights, the tree aside.
    Flat,
    /// Down the tree: the top level's local weights from `weights`, each group's children's
    /// from its own model or fixed; a leaf's global weight is the product along its path.
    LevelByLevel,
}

impl WeightDraw {
    /// In a few words, for chart titles: "weights drawn level by level down the criteria tree".
    pub fn label(self) -> &'static str {
        match self {
            WeightDraw::Flat => "weights drawn flat over the leaf criteria",
            WeightDraw::LevelByLevel => "weights drawn level by level down the criteria tree",
        }
    }

    /// The draw of settings stored before the draw was a choice (JSON text and files up to
    /// schema version 6). A weight model other than the default names leaves or bands their
    /// global weights, so it keeps meaning the flat draw; the default (uniform) takes the
    /// default for today, level by level.
    pub fn stored_before_draws(weights: &WeightModel) -> WeightDraw {
        match weights {
            WeightModel::Uniform => WeightDraw::LevelByLevel,
            _ => WeightDraw::Flat,
        }
    }
}

/// What is known about one group's children's local weights, level by level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct GroupWeights {
    /// The group's code.
    pub group: String,
    /// Over its children's local weights: bounds and rankings name children.
    pub weights: WeightModel,
}

/// What is known about a set of weights summing to 1: the weighted leaves' global weights
/// (the flat draw), or the local weights of the top level or of one group's children (level by
/// level). "Members" below are those criteria.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case", tag = "type", deny_unknown_fields)]
pub enum WeightModel {
    /// Nothing: uniform on the simplex (`w >= 0`, `sum w = 1`).
    Uniform,
    /// Each member's weight within `base * (1 -/+ share)`, clamped to 0-1.
    AroundBase { share: f64 },
    /// Bounds on named members' weights; unnamed members may take 0-1.
    Bounds { bounds: Vec<WeightBound> },
    /// Only an order of importance: `ranking[0]` weighs at least as much as `ranking[1]`, and so
    /// on; unranked members are free.
    Ranking { ranking: Vec<String> },
}

impl WeightModel {
    /// The name the JSON text form and the file use (`around_base`).
    pub fn name(&self) -> &'static str {
        match self {
            WeightModel::Uniform => "uniform",
            WeightModel::AroundBase { .. } => "around_base",
            WeightModel::Bounds { .. } => "bounds",
            WeightModel::Ranking { .. } => "ranking",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct WeightBound {
    pub criterion: String,
    pub min: f64,
    pub max: f64,
}

/// How uncertain the panel's scores are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ScoreModel {
    /// Every value as scored.
    Fixed,
    /// Normal with the panel's mean and sample sd, truncated to the panel scale.
    Normal,
    /// Triangular from the panel's lowest score through its aggregate to its highest.
    Triangular,
}
