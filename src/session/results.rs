//! Everything the results screens show, computed from the document in one call after each
//! edit: the scoring run, the viability model, every validation problem and the charts.

use serde::Serialize;

use crate::charts::{self, ChartError, Svg};
use crate::derived::DerivedMetrics;
use crate::finance::FinanceResults;
use crate::model::Appraisal;
use crate::score::{self, Results, ScoreError};
use crate::sensitivity::{self, DrawProgress, Report, SensitivityError};
use crate::travel::TravelResults;
use crate::validate::{self, Problem};

/// SMAA draws the window may ask for: enough to mean something, few enough to stay responsive.
pub const SAMPLES: std::ops::RangeInclusive<usize> = 100..=100_000;

/// Why the sensitivity analysis has no figures.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum AnalysisError {
    #[error("The options cannot be scored: {0}")]
    Score(ScoreError),
    #[error("The sensitivity analysis cannot run: {0}")]
    Sensitivity(SensitivityError),
}

/// The robustness analysis of `a` under its stored settings (switch points, tornado, weight
/// sets, SMAA with its seed, so the same appraisal always gives the same figures), with
/// `samples` SMAA draws. Kept apart from
/// [`SessionResults`] because SMAA takes far longer than scoring, so the window runs it on its own.
pub fn analyse(a: &Appraisal, samples: usize) -> Result<Report, AnalysisError> {
    analyse_counted(a, samples, &DrawProgress::default())
}

/// [`analyse`], counting SMAA's draws in `progress` so the window can show how far it has got.
pub fn analyse_counted(
    a: &Appraisal,
    samples: usize,
    progress: &DrawProgress,
) -> Result<Report, AnalysisError> {
    let derived = DerivedMetrics::compute(a);
    let results =
        score::evaluate_with(a, &|o, m| derived.value(o, m)).map_err(AnalysisError::Score)?;
    let mut settings = sensitivity::Settings::from_model(&a.settings.sensitivity);
    settings.smaa.samples = samples.clamp(*SAMPLES.start(), *SAMPLES.end());
    sensitivity::analyse_counted(a, &results, &settings, progress)
        .map_err(AnalysisError::Sensitivity)
}

/// A chart's SVG, or why it was not drawn.
#[derive(Debug, Clone, PartialEq, Serialize)]
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
pub struct Charts {
    pub totals_by_group: Chart,
    pub contributions: Chart,
    pub value_for_money: Chart,
    pub margin_by_year: Chart,
    pub liquidity_by_year: Chart,
}

/// The results of the document as it stands; an engine that cannot run says why instead.
#[derive(Debug, Clone, PartialEq, Serialize)]
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
    fn the_demo_analysis_is_reproducible_and_its_samples_are_bounded() {
        let a = crate::demo::appraisal();
        let r = analyse(&a, 10).unwrap();
        assert_eq!(r.smaa.samples, *SAMPLES.start());
        assert_eq!(r.options.len(), 5);
        assert!(!r.one_way.is_empty());
        assert_eq!(
            analyse(&a, 10).unwrap(),
            r,
            "seeded: the same figures every time"
        );
        let e = analyse(&Appraisal::new("Empty"), 500).unwrap_err();
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
