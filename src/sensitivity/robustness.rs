//! The one robustness answer: the Sensitivity screen, the board pack and `appraise sensitivity`
//! all run [`robustness`] with the appraisal's stored settings, so a board never reads one
//! option first in 72% of draws on the screen and another first in 62% in the pack.
//!
//! A second SMAA run with no weight information answers "could any other option come first
//! under any view of the criteria?": weights uniform on the simplex, drawn as the stored
//! settings draw them (flat over the leaves, or level by level with every group's weights
//! uniform too). It is made only when the stored settings say something of the weights, since
//! otherwise it would repeat the first.

use serde::Serialize;

use super::{
    DrawProgress, GroupWeights, Report, SensitivityError, Settings, SmaaResults, SmaaSettings,
    ValueMatrix, WeightDraw, WeightModel, levels,
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
    /// SMAA again with weights uniform on the simplex at every level the draw has, its
    /// assumption in its `weights` text; none when the stored settings already draw them so.
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
    let m = ValueMatrix::new(a, results)?;
    let open = without_information(&settings.smaa, &m);
    let no_weight_information = if open == settings.smaa {
        None
    } else {
        Some(super::smaa::smaa_counted(&m, &open, progress)?)
    };
    Ok(Robustness {
        analysis,
        no_weight_information,
    })
}

/// `settings` with nothing known of the weights: uniform on the simplex at every level of the
/// draw. Equal to `settings` when they already say nothing; groups whose weights cannot vary
/// (one child carrying weight) count as nothing said.
fn without_information(settings: &SmaaSettings, m: &ValueMatrix) -> SmaaSettings {
    let groups = match settings.draw {
        WeightDraw::Flat => settings.groups.clone(),
        WeightDraw::LevelByLevel => {
            let drawable = levels::drawable_groups(m);
            let all: Vec<GroupWeights> = drawable
                .iter()
                .map(|&g| GroupWeights {
                    group: m.nodes[g].code.clone(),
                    weights: WeightModel::Uniform,
                })
                .collect();
            let said = |g: &GroupWeights| {
                settings
                    .groups
                    .iter()
                    .any(|s| s.group == g.group && s.weights == WeightModel::Uniform)
            };
            if all.iter().all(said) {
                settings.groups.clone()
            } else {
                all
            }
        }
    };
    SmaaSettings {
        weights: WeightModel::Uniform,
        groups,
        ..settings.clone()
    }
}

impl Robustness {
    /// [`robustness`] without a progress bar: the pack's call, and the tests'.
    pub fn compute(a: &Appraisal, results: &Results) -> Result<Robustness, SensitivityError> {
        robustness(a, results, &DrawProgress::default())
    }
}
