//! The one robustness answer: the Sensitivity screen, the board pack and `appraise sensitivity`
//! all run [`robustness`] with the appraisal's stored settings, so a board never reads one
//! option first in 72% of draws on the screen and another first in 62% in the pack.
//!
//! A second SMAA run with no weight information (uniform on the simplex) answers "could any
//! other option come first under any view of the criteria?"; it is made only when the stored
//! settings say something of the weights, since under uniform weights it would repeat the first.

use serde::Serialize;

use super::{
    DrawProgress, Report, SensitivityError, Settings, SmaaResults, SmaaSettings, ValueMatrix,
    WeightModel,
};
use crate::Appraisal;
use crate::score::Results;

/// The analysis under the stored settings, and SMAA with no weight information when that
/// differs from it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Robustness {
    /// Switch points, tornado, weight sets and SMAA, exactly as the stored settings say.
    #[serde(flatten)]
    pub analysis: Report,
    /// SMAA again with weights drawn uniformly from every possible weighting, its assumption in
    /// its `weights` text; none when the stored settings already draw them so.
    pub no_weight_information: Option<SmaaResults>,
}

/// Runs the analysis of `a` on its scoring `results` with `a`'s stored settings (its
/// `settings.sensitivity`, as saved), counting SMAA's draws in `progress`.
pub fn robustness(
    a: &Appraisal,
    results: &Results,
    progress: &DrawProgress,
) -> Result<Robustness, SensitivityError> {
    robustness_with(
        a,
        results,
        &Settings::from_model(&a.settings.sensitivity),
        progress,
    )
}

/// [`robustness`] with `settings` in place of the stored ones (the command line's flags).
pub fn robustness_with(
    a: &Appraisal,
    results: &Results,
    settings: &Settings,
    progress: &DrawProgress,
) -> Result<Robustness, SensitivityError> {
    let analysis = super::analyse_counted(a, results, settings, progress)?;
    let no_weight_information = if settings.smaa.weights == WeightModel::Uniform {
        None
    } else {
        let uniform = SmaaSettings {
            weights: WeightModel::Uniform,
            ..settings.smaa.clone()
        };
        let m = ValueMatrix::new(a, results)?;
        Some(super::smaa::smaa_counted(&m, &uniform, progress)?)
    };
    Ok(Robustness {
        analysis,
        no_weight_information,
    })
}

impl Robustness {
    /// [`robustness`] without a progress bar: the pack's call, and the tests'.
    pub fn compute(a: &Appraisal, results: &Results) -> Result<Robustness, SensitivityError> {
        robustness(a, results, &DrawProgress::default())
    }
}
