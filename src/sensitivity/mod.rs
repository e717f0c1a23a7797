//! Sensitivity and robustness: how the ranking moves with the weights and the scores, and how
//! likely each option is to come first, so that a preferred option can be defended to a board,
//! a consultation or a judicial review.
//!
//! Everything works on one scoring run (`score::evaluate_with`): its 0-100 values per option and
//! leaf and the criteria tree ([`matrix`]). Totals are linear in the weights, so one-way
//! sensitivity solves for switch points exactly ([`oneway`]), the tornado moves one input at a
//! time ([`tornado`]), named weight sets re-weight the same values ([`weight_sets`]) and SMAA-2
//! draws weights and scores ([`smaa`], [`sampling`]). Hurdles still apply throughout: an option
//! failing one is shown but never leads.

pub mod exponential;
pub mod lanes;
pub mod levels;
pub mod matrix;
pub mod oneway;
pub mod progress;
pub mod results;
pub mod robustness;
pub mod sampling;
pub mod smaa;
pub mod tornado;
pub mod weight_sets;
pub mod ziggurat;

pub use crate::model::{DrawStream, GroupWeights, WeightDraw};
pub use levels::{LevelSampler, WeightDraws};
pub use matrix::{MatrixError, ValueMatrix};
pub use oneway::OneWayError;
pub use progress::{DrawProgress, DrawsView};
pub use results::*;
pub use robustness::{Robustness, robustness, robustness_with};
pub use sampling::{SamplingError, ScoreModel, WeightBound, WeightModel};
pub use smaa::{SmaaError, SmaaSettings};
pub use tornado::TornadoError;
pub use weight_sets::WeightSetError;

use crate::Appraisal;
use crate::model::SensitivitySettings;
use crate::score::Results;

/// Why the analysis cannot run; each variant names the criterion, option or setting concerned.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SensitivityError {
    #[error(transparent)]
    Matrix(#[from] MatrixError),
    #[error(transparent)]
    OneWay(#[from] OneWayError),
    #[error(transparent)]
    Tornado(#[from] TornadoError),
    #[error(transparent)]
    WeightSet(#[from] WeightSetError),
    #[error(transparent)]
    Smaa(#[from] SmaaError),
}

impl From<SamplingError> for SensitivityError {
    fn from(e: SamplingError) -> Self {
        SensitivityError::Smaa(e.into())
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// The tornado moves each weight by this share of itself (0.5 = +/-50%).
    pub tornado_share: f64,
    pub smaa: SmaaSettings,
}

impl Default for Settings {
    fn default() -> Self {
        Settings::from_model(&SensitivitySettings::default())
    }
}

impl Settings {
    /// The settings stored in the appraisal (`a.settings.sensitivity`), so every caller runs
    /// the analysis the analyst saved.
    pub fn from_model(stored: &SensitivitySettings) -> Settings {
        Settings {
            tornado_share: stored.tornado_share,
            smaa: SmaaSettings {
                samples: stored.samples as usize,
                seed: stored.seed,
                draw: stored.draw,
                weights: stored.weights.clone(),
                groups: stored.groups.clone(),
                scores: stored.scores,
                confidence_samples: stored.confidence_samples as usize,
                stream: stored.stream,
            },
        }
    }
}

/// The whole analysis of `a`, from its scoring `results` (`score::evaluate_with(a, ..)`).
pub fn analyse(
    a: &Appraisal,
    results: &Results,
    settings: &Settings,
) -> Result<Report, SensitivityError> {
    analyse_counted(a, results, settings, &DrawProgress::default())
}

/// [`analyse`], counting SMAA's draws in `progress` as it goes.
pub fn analyse_counted(
    a: &Appraisal,
    results: &Results,
    settings: &Settings,
    progress: &DrawProgress,
) -> Result<Report, SensitivityError> {
    let m = ValueMatrix::new(a, results)?;
    Ok(Report {
        preferred: results.preferred.clone(),
        options: m
            .options
            .iter()
            .map(|o| BaseOption {
                code: o.code.clone(),
                name: o.name.clone(),
                total: o.total,
                passes: o.passes,
            })
            .collect(),
        one_way: oneway::all(&m),
        tornado: tornado::tornado(&m, settings.tornado_share)?,
        weight_sets: WeightSets {
            base: base_set(&m, results),
            sets: weight_sets::evaluate(&m, &a.weight_sets)?,
        },
        smaa: smaa::smaa_counted(&m, &settings.smaa, progress)?,
    })
}

/// The appraisal's own weights as a weight set; it prefers nothing while the scoring run
/// prefers nothing because the weights do not sum (its ranks are provisional).
fn base_set(m: &ValueMatrix, results: &Results) -> WeightSetResult {
    let mut base = weight_sets::base(m);
    if results.provisional.is_some() {
        base.preferred = None;
    }
    base
}

#[cfg(test)]
mod tests;
