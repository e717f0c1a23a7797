//! Value functions: turn a leaf's raw performance into a 0-100 value so that unlike
//! criteria (GBP m, minutes, CQC ratings, panel scores) can be added up (DCLG MCA manual, 6.2.6).

use crate::model::{RawValue, ValueFunction, ValueFunctionFault};

/// Why a value function or a raw value cannot give a value.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ValueError {
    #[error("the worst and best values of the linear value function are equal ({0})")]
    FlatLinear(f64),
    #[error("a piecewise value function needs at least two points, it has {0}")]
    TooFewPoints(usize),
    #[error("the piecewise points must be in increasing order of raw value ({prev} then {next})")]
    UnsortedPoints { prev: f64, next: f64 },
    #[error("the categorical value function has no categories")]
    NoCategories,
    #[error("the value function holds {0}, which is not a number")]
    BadParameter(f64),
    #[error("'{0}' is not one of the categories of the value function")]
    UnknownCategory(String),
    #[error("a number ({0}) was given where a category is expected")]
    NumberForCategory(f64),
    #[error("a category ('{0}') was given where a number is expected")]
    CategoryForNumber(String),
    #[error("the raw value {0} is not a number")]
    RawNotANumber(f64),
}

/// Checks a value function once, before any option is valued, so a bad function is reported
/// against its criterion rather than against every option. The rules are the model's
/// ([`ValueFunction::faults`]); scoring needs all but the 0-100 range of the values, which the
/// validator reports.
pub fn check(f: &ValueFunction) -> Result<(), ValueError> {
    match f.faults().into_iter().find_map(|fault| match fault {
        ValueFunctionFault::NotFinite(x) => Some(ValueError::BadParameter(x)),
        ValueFunctionFault::FlatLinear(x) => Some(ValueError::FlatLinear(x)),
        ValueFunctionFault::TooFewPoints(n) => Some(ValueError::TooFewPoints(n)),
        ValueFunctionFault::UnsortedPoints { prev, next } => {
            Some(ValueError::UnsortedPoints { prev, next })
        }
        ValueFunctionFault::NoCategories => Some(ValueError::NoCategories),
        ValueFunctionFault::ValueOutOfRange(_) => None,
    }) {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// The 0-100 value of a number under a numeric value function.
///
/// Linear: `100 (x - worst) / (best - worst)` clamped to 0..100, so lower-is-better needs only
/// `worst > best`. Piecewise: straight lines between the points, flat beyond the end points.
pub fn of_number(f: &ValueFunction, x: f64) -> Result<f64, ValueError> {
    if !x.is_finite() {
        return Err(ValueError::RawNotANumber(x));
    }
    match f {
        ValueFunction::Linear { worst, best } => {
            if worst == best {
                return Err(ValueError::FlatLinear(*worst));
            }
            Ok((100.0 * (x - worst) / (best - worst)).clamp(0.0, 100.0))
        }
        ValueFunction::Piecewise { points } => {
            let (Some(first), Some(last)) = (points.first(), points.last()) else {
                return Err(ValueError::TooFewPoints(points.len()));
            };
            if points.len() < 2 {
                return Err(ValueError::TooFewPoints(points.len()));
            }
            if x <= first.raw {
                return Ok(first.value);
            }
            if x >= last.raw {
                return Ok(last.value);
            }
            for w in points.windows(2) {
                let (a, b) = (&w[0], &w[1]);
                if b.raw <= a.raw {
                    return Err(ValueError::UnsortedPoints {
                        prev: a.raw,
                        next: b.raw,
                    });
                }
                if x <= b.raw {
                    return Ok(a.value + (b.value - a.value) * (x - a.raw) / (b.raw - a.raw));
                }
            }
            Ok(last.value)
        }
        ValueFunction::Categorical { .. } => Err(ValueError::NumberForCategory(x)),
    }
}

/// The 0-100 value of a recorded performance (a number or a category label).
pub fn of_raw(f: &ValueFunction, raw: &RawValue) -> Result<f64, ValueError> {
    match (f, raw) {
        (ValueFunction::Categorical { categories }, RawValue::Category(label)) => categories
            .iter()
            .find(|c| &c.label == label)
            .map(|c| c.value)
            .ok_or_else(|| ValueError::UnknownCategory(label.clone())),
        (ValueFunction::Categorical { .. }, RawValue::Number(x)) => {
            Err(ValueError::NumberForCategory(*x))
        }
        (_, RawValue::Category(label)) => Err(ValueError::CategoryForNumber(label.clone())),
        (_, RawValue::Number(x)) => of_number(f, *x),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Category, Point};

    fn pw(points: &[(f64, f64)]) -> ValueFunction {
        ValueFunction::Piecewise {
            points: points
                .iter()
                .map(|&(raw, value)| Point { raw, value })
                .collect(),
        }
    }

    #[test]
    fn linear_maps_worst_to_0_best_to_100_and_clamps() {
        let f = ValueFunction::Linear {
            worst: -20.0,
            best: 80.0,
        };
        assert_eq!(of_number(&f, -20.0), Ok(0.0));
        assert_eq!(of_number(&f, 80.0), Ok(100.0));
        assert_eq!(of_number(&f, 30.0), Ok(50.0));
        assert_eq!(of_number(&f, 65.0), Ok(85.0));
        assert_eq!(of_number(&f, -50.0), Ok(0.0));
        assert_eq!(of_number(&f, 500.0), Ok(100.0));
    }

    #[test]
    fn linear_lower_is_better_when_worst_exceeds_best() {
        // Travel time change: +30 minutes is worst, -10 minutes best.
        let f = ValueFunction::Linear {
            worst: 30.0,
            best: -10.0,
        };
        assert_eq!(of_number(&f, 30.0), Ok(0.0));
        assert_eq!(of_number(&f, -10.0), Ok(100.0));
        assert_eq!(of_number(&f, 10.0), Ok(50.0));
        assert_eq!(of_number(&f, 0.0), Ok(75.0));
        assert_eq!(of_number(&f, 40.0), Ok(0.0));
    }

    #[test]
    fn piecewise_interpolates_and_is_flat_beyond_the_ends() {
        let f = pw(&[(0.0, 0.0), (10.0, 80.0), (20.0, 100.0)]);
        assert_eq!(of_number(&f, 5.0), Ok(40.0));
        assert_eq!(of_number(&f, 10.0), Ok(80.0));
        assert_eq!(of_number(&f, 15.0), Ok(90.0));
        assert_eq!(of_number(&f, -3.0), Ok(0.0));
        assert_eq!(of_number(&f, 99.0), Ok(100.0));
    }

    #[test]
    fn categorical_looks_up_the_label() {
        let f = ValueFunction::Categorical {
            categories: vec![
                Category {
                    label: "Good".into(),
                    value: 75.0,
                },
                Category {
                    label: "Inadequate".into(),
                    value: 0.0,
                },
            ],
        };
        assert_eq!(of_raw(&f, &RawValue::Category("Good".into())), Ok(75.0));
        assert_eq!(
            of_raw(&f, &RawValue::Category("Excellent".into())),
            Err(ValueError::UnknownCategory("Excellent".into()))
        );
        assert_eq!(
            of_raw(&f, &RawValue::Number(3.0)),
            Err(ValueError::NumberForCategory(3.0))
        );
    }

    #[test]
    fn bad_functions_and_raw_values_are_errors() {
        let flat = ValueFunction::Linear {
            worst: 5.0,
            best: 5.0,
        };
        assert_eq!(check(&flat), Err(ValueError::FlatLinear(5.0)));
        assert_eq!(of_number(&flat, 5.0), Err(ValueError::FlatLinear(5.0)));
        assert_eq!(check(&pw(&[(1.0, 0.0)])), Err(ValueError::TooFewPoints(1)));
        assert_eq!(
            check(&pw(&[(5.0, 0.0), (2.0, 100.0)])),
            Err(ValueError::UnsortedPoints {
                prev: 5.0,
                next: 2.0
            })
        );
        let lin = ValueFunction::Linear {
            worst: 0.0,
            best: 10.0,
        };
        assert_eq!(
            of_raw(&lin, &RawValue::Category("Pass".into())),
            Err(ValueError::CategoryForNumber("Pass".into()))
        );
        assert!(matches!(
            of_number(&lin, f64::NAN),
            Err(ValueError::RawNotANumber(_))
        ));
    }
}
