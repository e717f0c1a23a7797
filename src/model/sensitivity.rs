//! How the appraisal's robustness is tested, stored with the appraisal so that the command line,
//! the app and the board pack run the same analysis and get the same figures.

use serde::{Deserialize, Serialize};

/// The sensitivity analysis's settings: the tornado's weight share and SMAA-2's draws.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct SensitivitySettings {
    /// The tornado moves each weight by this share of itself (0.5 = +/-50%).
    pub tornado_share: f64,
    /// SMAA draws of weights (and scores).
    pub samples: u32,
    /// Seed of the draws: the same seed and appraisal give the same results.
    pub seed: u64,
    /// What is known about the weights.
    pub weights: WeightModel,
    /// How uncertain the panel's scores are.
    pub scores: ScoreModel,
    /// Score draws per confidence factor; 10,000 gives a standard error of at most 0.5%.
    pub confidence_samples: u32,
}

impl Default for SensitivitySettings {
    fn default() -> Self {
        SensitivitySettings {
            tornado_share: 0.5,
            samples: 10_000,
            seed: 1,
            weights: WeightModel::Uniform,
            scores: ScoreModel::Normal,
            confidence_samples: 10_000,
        }
    }
}

/// What is known about the weights.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case", tag = "type", deny_unknown_fields)]
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
