//! Everything the results screens show, read from the document's evaluation after each edit:
//! the scoring run, the viability model and every validation problem (the charts are drawn
//! apart, at the width the window shows each: see `session::charts`).

use serde::Serialize;

use crate::charts::{ChartError, Svg};
use crate::evaluation::Evaluation;
use crate::finance::FinanceResults;
use crate::score::Results;
use crate::travel::TravelResults;
use crate::validate::Problem;

/// SMAA draws the robustness settings accept: enough to mean something, few enough to stay
/// responsive.
pub const SAMPLES: std::ops::RangeInclusive<usize> = 100..=100_000;

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

/// A part of the results the window may already hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub enum ResultPart {
    /// The viability model's results and its error.
    Finance,
    /// The travel engine's results and its error.
    Travel,
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
    /// Parts left out because they are as in the results the window already holds (the
    /// travel results alone are a few hundred kilobytes): the window keeps its own.
    pub unchanged: Vec<ResultPart>,
}

impl SessionResults {
    /// The results screens' view of `evaluation`, with its charts drawn.
    pub fn of(evaluation: &Evaluation) -> SessionResults {
        SessionResults::since(evaluation, None)
    }

    /// [`SessionResults::of`], leaving out the parts that are as in `held`, the evaluation
    /// whose results the window holds.
    pub fn since(evaluation: &Evaluation, held: Option<&Evaluation>) -> SessionResults {
        let mut unchanged = Vec::new();
        if held.is_some_and(|h| h.finance() == evaluation.finance()) {
            unchanged.push(ResultPart::Finance);
        }
        if held.is_some_and(|h| h.travel() == evaluation.travel()) {
            unchanged.push(ResultPart::Travel);
        }
        let finance_held = unchanged.contains(&ResultPart::Finance);
        let (travel, travel_error) = match evaluation.travel() {
            _ if unchanged.contains(&ResultPart::Travel) => (None, None),
            Ok(t) => (Some(t.clone()), None),
            Err(e) => (None, Some(format!("Travel cannot be assessed: {e}"))),
        };
        let (finance, finance_error) = match evaluation.finance() {
            _ if finance_held => (None, None),
            Ok(f) => (Some(f.clone()), None),
            Err(e) => (None, Some(format!("The viability model cannot run: {e}"))),
        };
        let (score, score_error) = match evaluation.score() {
            Ok(s) => (Some(s.clone()), None),
            Err(e) => (None, Some(format!("The options cannot be scored: {e}"))),
        };
        SessionResults {
            score,
            score_error,
            finance,
            finance_error,
            travel,
            travel_error,
            problems: evaluation.problems().to_vec(),
            unchanged,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Appraisal;
    use crate::validate::Severity;

    #[test]
    fn the_demo_has_a_ranking_finance_and_travel() {
        let r = SessionResults::of(&Evaluation::of(&crate::demo::appraisal()));
        let score = r.score.as_ref().unwrap();
        assert_eq!(score.options.len(), 5);
        assert!(score.preferred.is_some());
        assert_eq!(r.finance.as_ref().unwrap().options.len(), 5);
        let travel = r.travel.as_ref().unwrap();
        assert!(!travel.services.is_empty());
        assert_eq!(travel.services[0].options.len(), 5);
        assert_eq!(
            r.problems,
            [],
            "the demo is complete, with nothing to warn of"
        );
    }

    #[test]
    fn an_empty_appraisal_says_why_nothing_is_scored() {
        let r = SessionResults::of(&Evaluation::of(&Appraisal::new("Empty")));
        assert!(r.score.is_none());
        assert_eq!(
            r.score_error.as_deref(),
            Some("The options cannot be scored: the appraisal has no criteria")
        );
        // Each missing part is named where the analyst adds it; the title is there.
        let named: Vec<(&str, Severity)> = r
            .problems
            .iter()
            .map(|p| (p.path.as_str(), p.severity))
            .collect();
        assert_eq!(
            named,
            [
                ("options", Severity::Error),
                ("criteria", Severity::Error),
                ("organisations", Severity::Warning),
                ("zones", Severity::Warning),
            ],
            "{:?}",
            r.problems
        );
    }
}
