//! One evaluation of one state of an appraisal: the viability model, the travel engine, the
//! scoring run (with the figures it takes from those two), validation, and on first request the
//! robustness analysis, each run once and read by everything after it: the results screen, the
//! other screens, the command line, the results workbook and the board pack.
//!
//! This is the only place the engines are called from outside their own modules, so "what runs
//! after a change" has one answer, and an open document keeps its evaluation until the next
//! change (see `session::Document::evaluation`).

mod runs;

pub use runs::{RunCounts, Runs};

use std::sync::{Arc, OnceLock};

use runs::Engine;

use crate::derived::DerivedMetrics;
use crate::finance::{self, FinanceError, FinanceResults};
use crate::model::Appraisal;
use crate::score::{self, Results, ScoreError};
use crate::sensitivity::{self, DrawProgress, Robustness, SensitivityError};
use crate::travel::{self, TravelError, TravelResults};
use crate::validate::{self, Problem};

/// Why the robustness analysis has no figures.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum AnalysisError {
    #[error("The options cannot be scored: {0}")]
    Score(ScoreError),
    #[error("The sensitivity analysis cannot run: {0}")]
    Sensitivity(SensitivityError),
}

/// An evaluation's results, taken from it ([`Evaluation::into_results`]).
pub struct EngineResults {
    pub score: Result<Results, ScoreError>,
    pub finance: Result<FinanceResults, FinanceError>,
    pub travel: Result<TravelResults, TravelError>,
    pub problems: Vec<Problem>,
}

/// Every engine's result for one state of an appraisal, or why the engine refused.
#[derive(Debug)]
pub struct Evaluation {
    derived: DerivedMetrics,
    score: Result<Results, ScoreError>,
    problems: Vec<Problem>,
    robustness: OnceLock<Result<Robustness, AnalysisError>>,
    runs: Arc<Runs>,
}

impl Evaluation {
    /// Runs the engines and validation on `a`.
    pub fn of(a: &Appraisal) -> Evaluation {
        Evaluation::counted(a, Arc::new(Runs::default()))
    }

    /// [`Evaluation::of`], counting each engine's run in `runs`.
    pub fn counted(a: &Appraisal, runs: Arc<Runs>) -> Evaluation {
        runs.ran(Engine::Finance);
        let finance = finance::model(a);
        runs.ran(Engine::Travel);
        let travel = travel::assess(a);
        let derived = DerivedMetrics { finance, travel };
        runs.ran(Engine::Score);
        let score = score::evaluate_with(a, &|o, m| derived.value(o, m));
        runs.ran(Engine::Validation);
        let mut problems = validate::problems(a, &derived.finance);
        if let Ok(r) = &score {
            problems.extend(validate::rank_reversal(r));
        }
        Evaluation {
            derived,
            score,
            problems,
            robustness: OnceLock::new(),
            runs,
        }
    }

    pub fn finance(&self) -> &Result<FinanceResults, FinanceError> {
        &self.derived.finance
    }

    pub fn travel(&self) -> &Result<TravelResults, TravelError> {
        &self.derived.travel
    }

    pub fn score(&self) -> &Result<Results, ScoreError> {
        &self.score
    }

    /// Every validation problem, the engines' refusals among them.
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// The engines' results, giving up the evaluation, for one that ends here (the command
    /// line's pack) and need not copy them.
    pub fn into_results(self) -> EngineResults {
        EngineResults {
            score: self.score,
            finance: self.derived.finance,
            travel: self.derived.travel,
            problems: self.problems,
        }
    }

    /// The engine's value of `metric` for `option` (a derived metric), if an engine made it.
    pub fn derived_value(&self, option: &str, metric: &str) -> Option<f64> {
        self.derived.value(option, metric)
    }

    /// The robustness analysis of `a` (the appraisal this evaluation was made from) under its
    /// stored settings: the one answer the Sensitivity screen, the pack and the command line
    /// print. SMAA takes far longer than the rest, so it runs on the first request only,
    /// counting its draws in `progress`; later requests read that run.
    pub fn robustness(
        &self,
        a: &Appraisal,
        progress: &DrawProgress,
    ) -> &Result<Robustness, AnalysisError> {
        self.robustness.get_or_init(|| {
            let results = self
                .score
                .as_ref()
                .map_err(|e| AnalysisError::Score(e.clone()))?;
            self.runs.ran(Engine::Sensitivity);
            sensitivity::robustness(a, results, progress).map_err(AnalysisError::Sensitivity)
        })
    }

    /// The robustness analysis of `a` under `settings` in place of the stored ones (the
    /// command line's flags); not kept, since nothing else reads it.
    pub fn robustness_under(
        &self,
        a: &Appraisal,
        settings: &sensitivity::Settings,
        progress: &DrawProgress,
    ) -> Result<Robustness, AnalysisError> {
        let results = self
            .score
            .as_ref()
            .map_err(|e| AnalysisError::Score(e.clone()))?;
        self.runs.ran(Engine::Sensitivity);
        sensitivity::robustness_with(a, results, settings, progress)
            .map_err(AnalysisError::Sensitivity)
    }

    /// The robustness analysis if it has already run.
    pub fn robustness_if_run(&self) -> Option<&Result<Robustness, AnalysisError>> {
        self.robustness.get()
    }
}
