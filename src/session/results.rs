//! Everything the results screens show, computed from the document in one call after each
//! edit: the scoring run, the viability model, every validation problem and the charts.

use serde::Serialize;

use crate::charts::{self, ChartError, Svg};
use crate::derived::DerivedMetrics;
use crate::finance::FinanceResults;
use crate::model::Appraisal;
use crate::score::{self, Results, ScoreError};
use crate::sensitivity::{self, DrawProgress, Robustness, SensitivityError};
use crate::travel::TravelResults;
use crate::validate::{self, Problem};

/// SMAA draws the robustness settings accept: enough to mean something, few enough to stay
/// responsive.
pub const SAMPLES: std::ops::RangeInclusive<usize> = 100..=100_000;

/// Why the sensitivity analysis has no figures.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum AnalysisError {
    #[error("The options cannot be scored: {0}")]
    Score(ScoreError),
    #[error("The sensitivity analysis cannot run: {0}")]
    Sensitivity(SensitivityError),
}

/// The robustness analysis of `a` exactly as the board pack and `appraise sensitivity` run it:
/// its stored settings (draws, seed, weight and score models), so the screen and the pack show
/// the same figures. Kept apart from [`SessionResults`] because SMAA takes far longer than
/// scoring, so the window runs it on its own.
pub fn analyse(a: &Appraisal) -> Result<Robustness, AnalysisError> {
    analyse_counted(a, &DrawProgress::default())
}

/// [`analyse`], counting SMAA's draws in `progress` so the window can show how far it has got.
pub fn analyse_counted(
    a: &Appraisal,
    progress: &DrawProgress,
) -> Result<Robustness, AnalysisError> {
    let derived = DerivedMetrics::compute(a);
    let results =
        score::evaluate_with(a, &|o, m| derived.value(o, m)).map_err(AnalysisError::Score)?;
    sensitivity::robustness(a, &results, progress).map_err(AnalysisError::Sensitivity)
}

/// A chart's SVG, or why it was not drawn.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Chart {
    pub svg: Option<Svg>,
    pub reason: Option<String>,
}

impl From<Result<Svg, ChartError>> for Chart {
    fn from(r: Result<Svg, ChartError>) -> Self {
        match r {
            Ok(svg) => Chart {
                svg: Some(svg),
                reason: None,
            },
            Err(e) => Chart {
                svg: None,
                reason: Some(e.to_string()),
            },
        }
    }
}

fn not_drawn(reason: &str) -> Chart {
    Chart {
        svg: None,
        reason: Some(reason.to_owned()),
    }
}

/// The same charts the board pack prints.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Charts {
    pub totals_by_group: Chart,
    pub contributions: Chart,
    pub value_for_money: Chart,
    pub margin_by_year: Chart,
    pub liquidity_by_year: Chart,
}

/// The results of the document as it stands; an engine that cannot run says why instead.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct SessionResults {
    pub score: Option<Results>,
    pub score_error: Option<String>,
    pub finance: Option<FinanceResults>,
    pub finance_error: Option<String>,
    pub travel: Option<TravelResults>,
    pub travel_error: Option<String>,
    pub problems: Vec<Problem>,
    pub charts: Charts,
}

impl SessionResults {
    /// Runs the engines, the validator and the charts on `a`.
    pub fn compute(a: &Appraisal) -> SessionResults {
        let derived = DerivedMetrics::compute(a);
        let score = score::evaluate_with(a, &|o, m| derived.value(o, m));
        let (travel, travel_error) = match derived.travel {
            Ok(t) => (Some(t), None),
            Err(e) => (None, Some(format!("Travel cannot be assessed: {e}"))),
        };
        let (finance, finance_error) = match derived.finance {
            Ok(f) => (Some(f), None),
            Err(e) => (None, Some(format!("The viability model cannot run: {e}"))),
        };
        let (score, score_error) = match score {
            Ok(s) => (Some(s), None),
            Err(e) => (None, Some(format!("The options cannot be scored: {e}"))),
        };
        let charts = Charts {
            totals_by_group: score.as_ref().map_or_else(
                || not_drawn("the options are not scored"),
                |s| charts::score::totals_by_group(s).into(),
            ),
            contributions: score.as_ref().map_or_else(
                || not_drawn("the options are not scored"),
                |s| charts::score::contributions(s).into(),
            ),
            value_for_money: score.as_ref().map_or_else(
                || not_drawn("the options are not scored"),
                |s| charts::score::value_for_money(s).into(),
            ),
            margin_by_year: finance.as_ref().map_or_else(
                || not_drawn("the viability model has not run"),
                |f| charts::finance::margin_by_year(f).into(),
            ),
            liquidity_by_year: finance.as_ref().map_or_else(
                || not_drawn("the viability model has not run"),
                |f| charts::finance::liquidity_by_year(f).into(),
            ),
        };
        SessionResults {
            score,
            score_error,
            finance,
            finance_error,
            travel,
            travel_error,
            problems: validate::problems(a),
            charts,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_has_a_ranking_finance_and_every_chart() {
        let r = SessionResults::compute(&crate::demo::appraisal());
        let score = r.score.as_ref().unwrap();
        assert_eq!(score.options.len(), 5);
        assert!(score.preferred.is_some());
        assert_eq!(r.finance.as_ref().unwrap().options.len(), 5);
        let travel = r.travel.as_ref().unwrap();
        assert!(!travel.services.is_empty());
        assert_eq!(travel.services[0].options.len(), 5);
        for chart in [
            &r.charts.totals_by_group,
            &r.charts.contributions,
            &r.charts.value_for_money,
            &r.charts.margin_by_year,
            &r.charts.liquidity_by_year,
        ] {
            assert!(
                chart.svg.as_deref().unwrap().starts_with("<svg"),
                "{chart:?}"
            );
        }
        assert_eq!(r.problems, validate::problems(&crate::demo::appraisal()));
    }

    #[test]
    fn the_demo_analysis_runs_the_stored_settings_reproducibly() {
        let mut a = crate::demo::appraisal();
        a.settings.sensitivity.samples = 500;
        a.settings.sensitivity.confidence_samples = 200;
        let r = analyse(&a).unwrap();
        assert_eq!(r.analysis.smaa.samples, 500);
        assert_eq!(r.analysis.smaa.confidence_samples, 200);
        assert_eq!(r.analysis.options.len(), 5);
        assert!(!r.analysis.one_way.is_empty());
        // Uniform weights are stored: a run with no weight information would repeat it.
        assert_eq!(r.no_weight_information, None);
        assert_eq!(
            analyse(&a).unwrap(),
            r,
            "seeded: the same figures every time"
        );
        // The pack's call gives the same figures.
        let derived = DerivedMetrics::compute(&a);
        let results = score::evaluate_with(&a, &|o, m| derived.value(o, m)).unwrap();
        assert_eq!(crate::report::Robustness::compute(&a, &results).unwrap(), r);
        let e = analyse(&Appraisal::new("Empty")).unwrap_err();
        assert_eq!(
            e.to_string(),
            "The options cannot be scored: the appraisal has no criteria"
        );
    }

    #[test]
    fn an_empty_appraisal_says_why_nothing_is_scored() {
        let r = SessionResults::compute(&Appraisal::new("Empty"));
        assert!(r.score.is_none());
        assert_eq!(
            r.score_error.as_deref(),
            Some("The options cannot be scored: the appraisal has no criteria")
        );
        assert_eq!(
            r.charts.totals_by_group.reason.as_deref(),
            Some("the options are not scored")
        );
        assert!(r.problems.iter().any(|p| p.path == "meta/title") || !r.problems.is_empty());
    }
}
