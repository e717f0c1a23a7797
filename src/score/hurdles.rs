//! Hurdles: pass/fail criteria (e.g. NHS England's four tests for service change). An option
//! that fails one is still scored and shown, but is never the preferred option.

use serde::Serialize;

use crate::model::Hurdle;

/// A hurdle an option failed.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct FailedHurdle {
    pub criterion: String,
    pub name: String,
    pub value: f64,
    pub pass_value: f64,
}

/// Whether an option passes every hurdle, and which it failed.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct HurdleStatus {
    pub passes: bool,
    pub failed: Vec<FailedHurdle>,
}

/// A hurdle is passed when the option's 0-100 value on it is at least the pass value.
pub fn passes(hurdle: &Hurdle, value: f64) -> bool {
    value >= hurdle.pass_value
}

/// The preferred option: the highest total among options passing every hurdle.
///
/// `options` holds (code, total, passes all hurdles). None when every option fails a hurdle,
/// or when two or more passing options share the highest total (within `tie`): the appraisal
/// then does not single one out, and says so.
pub fn preferred<'a>(options: &[(&'a str, f64, bool)], tie: f64) -> Option<&'a str> {
    let passing = options.iter().filter(|o| o.2);
    let best = passing
        .clone()
        .map(|o| o.1)
        .fold(f64::NEG_INFINITY, f64::max);
    let mut top = passing.filter(|o| (best - o.1).abs() <= tie);
    match (top.next(), top.next()) {
        (Some(o), None) => Some(o.0),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hurdle_is_passed_at_or_above_its_pass_value() {
        let h = Hurdle { pass_value: 100.0 };
        assert!(passes(&h, 100.0));
        assert!(!passes(&h, 99.9));
        assert!(!passes(&h, 0.0));
    }

    #[test]
    fn the_best_option_failing_a_hurdle_is_not_preferred() {
        let o = [("A", 80.0, false), ("B", 70.0, true), ("C", 60.0, true)];
        assert_eq!(preferred(&o, 1e-9), Some("B"));
        assert_eq!(preferred(&[("A", 80.0, false)], 1e-9), None);
        assert_eq!(
            preferred(&[("A", 70.0, true), ("B", 70.0, true)], 1e-9),
            None
        );
    }
}
