//! What a scoring workshop puts on the projector: one panel-scored criterion at a time, each
//! option a row and each scorer a column with their score and rationale, and the spread of each
//! option's scores flagged by the same rule as the results. Whether the scores are shown yet is
//! the window's business; this is a pure function of the model.

use serde::Serialize;

use super::panel;
use crate::model::{Appraisal, CriterionKind, PanelScale, Source};

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum WorkshopError {
    #[error("the appraisal has no panel-scored criterion to hold a workshop on")]
    NoPanelCriteria,
    #[error("'{0}' is not a panel-scored criterion of this appraisal")]
    NotPanel(String),
}

/// One scorer, as the column heading shows them.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct WorkshopScorer {
    pub code: String,
    pub name: String,
    pub role: String,
}

/// One scorer's score for the row's option.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct WorkshopScore {
    pub value: f64,
    pub rationale: String,
    pub evidence: String,
}

/// One option's row: a score (or none) per scorer, in the scorers' order, and their spread.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct WorkshopRow {
    pub option: String,
    pub name: String,
    pub scores: Vec<Option<WorkshopScore>>,
    /// Highest minus lowest score; none when nobody has scored.
    pub spread: Option<f64>,
    /// The spread is above the panel's disagreement range.
    pub flagged: bool,
}

/// The projector view of one criterion.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct WorkshopView {
    pub criterion: String,
    pub name: String,
    pub description: String,
    /// 1-based position among the panel-scored criteria, and how many there are.
    pub position: usize,
    pub count: usize,
    pub previous: Option<String>,
    pub next: Option<String>,
    pub scale: PanelScale,
    pub disagreement_range: f64,
    pub scorers: Vec<WorkshopScorer>,
    pub rows: Vec<WorkshopRow>,
}

/// The view of `criterion` (the first panel-scored criterion when none).
pub fn view(a: &Appraisal, criterion: Option<&str>) -> Result<WorkshopView, WorkshopError> {
    let panel: Vec<&crate::model::Criterion> = a
        .criteria
        .iter()
        .filter(|c| matches!(&c.kind, CriterionKind::Leaf(s) if s.source == Source::Panel))
        .collect();
    if panel.is_empty() {
        return Err(WorkshopError::NoPanelCriteria);
    }
    let at = match criterion {
        None => 0,
        Some(code) => panel
            .iter()
            .position(|c| c.code == code)
            .ok_or_else(|| WorkshopError::NotPanel(crate::quote::shorten(code)))?,
    };
    let c = panel[at];
    let range = a.settings.disagreement_range;
    let rows = a
        .options
        .iter()
        .map(|o| {
            let scores: Vec<Option<WorkshopScore>> = a
                .scorers
                .iter()
                .map(|s| {
                    a.scores
                        .iter()
                        .find(|x| x.option == o.code && x.criterion == c.code && x.scorer == s.code)
                        .map(|x| WorkshopScore {
                            value: x.value,
                            rationale: x.rationale.clone(),
                            evidence: x.evidence.clone(),
                        })
                })
                .collect();
            let values: Vec<f64> = scores.iter().flatten().map(|s| s.value).collect();
            let spread = panel::dispersion(&values);
            WorkshopRow {
                option: o.code.clone(),
                name: o.name.clone(),
                flagged: spread.as_ref().is_some_and(|d| panel::disagrees(d, range)),
                spread: spread.map(|d| d.range),
                scores,
            }
        })
        .collect();
    Ok(WorkshopView {
        criterion: c.code.clone(),
        name: c.name.clone(),
        description: c.description.clone(),
        position: at + 1,
        count: panel.len(),
        previous: at.checked_sub(1).map(|i| panel[i].code.clone()),
        next: panel.get(at + 1).map(|n| n.code.clone()),
        scale: a.settings.panel_scale.clone(),
        disagreement_range: range,
        scorers: a
            .scorers
            .iter()
            .map(|s| WorkshopScorer {
                code: s.code.clone(),
                name: s.name.clone(),
                role: s.role.clone(),
            })
            .collect(),
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_option_shows_every_scorer_and_the_spread_is_flagged_as_the_results_flag_it() {
        let a = crate::demo::appraisal();
        let results = crate::evaluation::Evaluation::of(&a)
            .score()
            .clone()
            .unwrap();
        let mut flagged_cells = 0;
        let mut code = None;
        let first = view(&a, None).unwrap();
        assert_eq!((first.position, first.previous.as_deref()), (1, None));
        loop {
            let v = view(&a, code.as_deref()).unwrap();
            assert_eq!(v.scorers.len(), 3);
            for r in &v.rows {
                assert_eq!(r.scores.len(), 3);
                let values: Vec<f64> = r.scores.iter().flatten().map(|s| s.value).collect();
                let hi = values.iter().copied().fold(f64::MIN, f64::max);
                let lo = values.iter().copied().fold(f64::MAX, f64::min);
                assert_eq!(r.spread, Some(hi - lo));
                let in_results = results
                    .disagreements
                    .iter()
                    .any(|d| d.option == r.option && d.criterion == v.criterion);
                assert_eq!(r.flagged, in_results, "{} on {}", r.option, v.criterion);
                flagged_cells += usize::from(r.flagged);
            }
            match v.next {
                Some(n) => code = Some(n),
                None => {
                    assert_eq!(v.position, v.count);
                    break;
                }
            }
        }
        assert_eq!(flagged_cells, results.disagreements.len());
        assert!(flagged_cells > 0);
    }

    #[test]
    fn a_spread_just_at_the_range_is_not_flagged_and_a_missing_score_is_left_out() {
        let mut a = crate::demo::appraisal();
        let c = view(&a, None).unwrap().criterion;
        for (scorer, value) in [("MD", 2.0), ("FD", 5.0), ("PR", 4.0)] {
            let s = a
                .scores
                .iter_mut()
                .find(|s| s.option == "DM" && s.criterion == c && s.scorer == scorer)
                .unwrap();
            s.value = value;
        }
        // 5 - 2 = 3, the demo's range: not above it.
        let row = |a: &Appraisal| view(a, Some(&c)).unwrap().rows[0].clone();
        assert_eq!((row(&a).spread, row(&a).flagged), (Some(3.0), false));
        a.settings.disagreement_range = 2.5;
        assert!(row(&a).flagged);
        a.scores
            .retain(|s| !(s.option == "DM" && s.criterion == c && s.scorer == "MD"));
        let r = row(&a);
        assert_eq!(
            (r.spread, r.flagged, r.scores[0].is_none()),
            (Some(1.0), false, true)
        );
        assert_eq!(
            view(&a, Some("NOPE")).unwrap_err(),
            WorkshopError::NotPanel("NOPE".into())
        );
    }
}
