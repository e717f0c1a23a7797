//! The rules every value function keeps, in one place: its numbers are numbers, a line is not
//! flat, a piecewise function has two points or more in increasing order of raw value, a
//! categorical one has categories, and every value is from 0 to 100.
//!
//! The scoring engine ([`crate::score::value::check`]), the validator ([`crate::validate`]) and
//! the criteria editor each say these in their own words; the rules themselves live here,
//! beside [`ValueFunction`], so the three cannot drift apart.

use std::ops::RangeInclusive;

use super::ValueFunction;

/// The values a value function gives: 0 (worst) to 100 (best).
pub const VALUE_RANGE: RangeInclusive<f64> = 0.0..=100.0;

/// One rule a value function breaks.
#[derive(Debug, Clone, PartialEq)]
pub enum ValueFunctionFault {
    /// A raw value or value that is not a finite number (the first such).
    NotFinite(f64),
    /// A linear function whose worst and best are equal.
    FlatLinear(f64),
    /// A piecewise function with fewer than two points (how many it has).
    TooFewPoints(usize),
    /// The first two piecewise points not in increasing order of raw value.
    UnsortedPoints { prev: f64, next: f64 },
    /// The first value of a point or category outside [`VALUE_RANGE`].
    ValueOutOfRange(f64),
    /// A categorical function with no categories.
    NoCategories,
}

impl ValueFunction {
    /// Every rule the function breaks, at most one fault of each kind, in the order: too few
    /// points or no categories, a number that is not one, unsorted or flat, a value out of
    /// range. A caller that stops at the first fault it cares about gets the same one as it
    /// did when it checked in this order itself.
    pub fn faults(&self) -> Vec<ValueFunctionFault> {
        use ValueFunctionFault as F;
        let mut out = Vec::new();
        match self {
            ValueFunction::Linear { worst, best } => {
                if let Some(x) = not_finite([*worst, *best]) {
                    out.push(F::NotFinite(x));
                }
                if worst == best {
                    out.push(F::FlatLinear(*worst));
                }
            }
            ValueFunction::Piecewise { points } => {
                if points.len() < 2 {
                    out.push(F::TooFewPoints(points.len()));
                }
                if let Some(x) = not_finite(points.iter().flat_map(|p| [p.raw, p.value])) {
                    out.push(F::NotFinite(x));
                }
                if let Some(w) = points.windows(2).find(|w| w[1].raw <= w[0].raw) {
                    out.push(F::UnsortedPoints {
                        prev: w[0].raw,
                        next: w[1].raw,
                    });
                }
                if let Some(v) = out_of_range(points.iter().map(|p| p.value)) {
                    out.push(F::ValueOutOfRange(v));
                }
            }
            ValueFunction::Categorical { categories } => {
                if categories.is_empty() {
                    out.push(F::NoCategories);
                }
                if let Some(x) = not_finite(categories.iter().map(|c| c.value)) {
                    out.push(F::NotFinite(x));
                }
                if let Some(v) = out_of_range(categories.iter().map(|c| c.value)) {
                    out.push(F::ValueOutOfRange(v));
                }
            }
        }
        out
    }
}

fn not_finite(xs: impl IntoIterator<Item = f64>) -> Option<f64> {
    xs.into_iter().find(|x| !x.is_finite())
}

fn out_of_range(values: impl IntoIterator<Item = f64>) -> Option<f64> {
    values.into_iter().find(|v| !VALUE_RANGE.contains(v))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Category, Point};

    #[test]
    fn a_good_function_has_no_faults_and_a_bad_one_has_each_once() {
        let good = ValueFunction::Linear {
            worst: 0.0,
            best: 10.0,
        };
        assert!(good.faults().is_empty());
        let bad = ValueFunction::Piecewise {
            points: vec![
                Point {
                    raw: 5.0,
                    value: 120.0,
                },
                Point {
                    raw: 2.0,
                    value: -1.0,
                },
            ],
        };
        assert_eq!(
            bad.faults(),
            [
                ValueFunctionFault::UnsortedPoints {
                    prev: 5.0,
                    next: 2.0
                },
                ValueFunctionFault::ValueOutOfRange(120.0),
            ]
        );
        let none = ValueFunction::Categorical {
            categories: vec![Category {
                label: "Pass".into(),
                value: f64::INFINITY,
            }],
        };
        assert_eq!(
            none.faults(),
            [
                ValueFunctionFault::NotFinite(f64::INFINITY),
                ValueFunctionFault::ValueOutOfRange(f64::INFINITY),
            ]
        );
    }
}
