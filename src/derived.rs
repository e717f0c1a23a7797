//! Derived metrics: figures the engines compute that criteria use as raw performance
//! (`Source::Derived { metric }`), so a criterion such as "I&E margin in the final year" is
//! scored from the viability model rather than from a number typed in by hand.

use crate::finance::{self, FinanceError, FinanceResults};
use crate::travel::{self, TravelError, TravelResults};

/// Every engine's results that derived metrics are read from.
#[derive(Debug)]
pub struct DerivedMetrics {
    /// The viability model, or why it could not run (the score then falls back to hand-entered
    /// values and says so).
    pub finance: Result<FinanceResults, FinanceError>,
    /// The travel engine, or why it could not run.
    pub travel: Result<TravelResults, TravelError>,
}

impl DerivedMetrics {
    /// The engine's value of `metric` for `option`, if an engine computed it.
    pub fn value(&self, option: &str, metric: &str) -> Option<f64> {
        if metric.starts_with(travel::derived::PREFIX) {
            return match &self.travel {
                Ok(results) => travel::derived_metric(results, option, metric),
                Err(_) => None,
            };
        }
        match &self.finance {
            Ok(results) => finance::derived::derived_metric(results, option, metric),
            Err(_) => None,
        }
    }

    /// Whether some engine computes `metric` (see [`crate::metrics::served`]).
    pub fn served(metric: &str) -> bool {
        crate::metrics::served(metric)
    }
}
