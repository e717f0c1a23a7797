//! How many times each engine has run for a document, so a test can hold the pipeline to its
//! promise: one edit runs each engine once, and reading its results again runs none.

use std::sync::atomic::{AtomicUsize, Ordering};

use serde::Serialize;

/// Engine runs counted since the counter was made.
#[derive(Debug, Default)]
pub struct Runs {
    finance: AtomicUsize,
    travel: AtomicUsize,
    score: AtomicUsize,
    validation: AtomicUsize,
    sensitivity: AtomicUsize,
}

/// The counts at one moment.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct RunCounts {
    pub finance: usize,
    pub travel: usize,
    pub score: usize,
    pub validation: usize,
    pub sensitivity: usize,
}

/// One of the engines an evaluation runs.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Engine {
    Finance,
    Travel,
    Score,
    Validation,
    Sensitivity,
}

impl Runs {
    pub(crate) fn ran(&self, engine: Engine) {
        let counter = match engine {
            Engine::Finance => &self.finance,
            Engine::Travel => &self.travel,
            Engine::Score => &self.score,
            Engine::Validation => &self.validation,
            Engine::Sensitivity => &self.sensitivity,
        };
        counter.fetch_add(1, Ordering::Relaxed);
    }

    pub fn counts(&self) -> RunCounts {
        RunCounts {
            finance: self.finance.load(Ordering::Relaxed),
            travel: self.travel.load(Ordering::Relaxed),
            score: self.score.load(Ordering::Relaxed),
            validation: self.validation.load(Ordering::Relaxed),
            sensitivity: self.sensitivity.load(Ordering::Relaxed),
        }
    }
}

impl std::ops::Sub for RunCounts {
    type Output = RunCounts;

    fn sub(self, before: RunCounts) -> RunCounts {
        RunCounts {
            finance: self.finance.saturating_sub(before.finance),
            travel: self.travel.saturating_sub(before.travel),
            score: self.score.saturating_sub(before.score),
            validation: self.validation.saturating_sub(before.validation),
            sensitivity: self.sensitivity.saturating_sub(before.sensitivity),
        }
    }
}
