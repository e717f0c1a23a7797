//! The rules every value function keeps, in one place: its numbers are numbers, a line is not
//! flat, a piecewise function has two points or more in increasing order of raw value, a
//! categorical one has categories, every value is from 0 to 100, and a numeric function runs
//! the way its criterion's direction says (a lower-is-better criterion's values fall as the raw
//! performance rises).
//!
//! The scoring engine ([`crate::score::value::check`]), the validator ([`crate::validate`]) and
//! the criteria editor each say these in their own words; the rules themselves live here,
//! beside [`ValueFunction`], so the three cannot drift apart.

use std::ops::RangeInclusive;

use super::{Direction, Point, ValueFunction};

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

/// Two raw performances between which a numeric value function runs against its criterion's
/// direction: `to` is the higher raw performance, and its value is below `from`'s for a
/// higher-is-better criterion, above it for a lower-is-better one.
#[derive(Debug, Clone, PartialEq)]
pub struct AgainstDirection {
    pub from: Point,
    pub to: Point,
}

impl AgainstDirection {
    /// In words, for a criterion measured in `unit`: "lower is better, but its value function
    /// rises from 0 at -10 % to 100 at 2 %". The validator and the criteria editor both say it.
    pub fn describe(&self, direction: Direction, unit: &str) -> String {
        let at = |p: &Point| format!("{} at {}", p.value, format!("{} {unit}", p.raw).trim_end());
        let (better, runs) = match direction {
            Direction::HigherIsBetter => ("higher", "falls"),
            Direction::LowerIsBetter => ("lower", "rises"),
        };
        format!(
            "{better} is better, but its value function {runs} from {} to {}",
            at(&self.from),
            at(&self.to)
        )
    }
}

impl ValueFunction {
    /// The first stretch (in increasing order of raw value) over which the function runs
    /// against `direction`; none when it never does. A categorical function has no order of
    /// raw values, so it never does. A reviewer's first check: a lower-is-better criterion
    /// whose function rises would reward the options that do worst.
    pub fn against(&self, direction: Direction) -> Option<AgainstDirection> {
        let wrong = |from: &Point, to: &Point| match direction {
            Direction::HigherIsBetter => to.value < from.value,
            Direction::LowerIsBetter => to.value > from.value,
        };
        let point = |raw: f64, value: f64| Point { raw, value };
        match self {
            ValueFunction::Linear { worst, best } => {
                let (from, to) = if worst <= best {
                    (point(*worst, 0.0), point(*best, 100.0))
                } else {
                    (point(*best, 100.0), point(*worst, 0.0))
                };
                wrong(&from, &to).then_some(AgainstDirection { from, to })
            }
            ValueFunction::Piecewise { points } => {
                let mut sorted = points.clone();
                sorted.sort_by(|a, b| a.raw.total_cmp(&b.raw));
                sorted
                    .windows(2)
                    .find(|w| wrong(&w[0], &w[1]))
                    .map(|w| AgainstDirection {
                        from: w[0].clone(),
                        to: w[1].clone(),
                    })
            }
            ValueFunction::Categorical { .. } => None,
        }
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
    use crate::model::Category;

    fn pw(points: &[(f64, f64)]) -> ValueFunction {
        ValueFunction::Piecewise {
            points: points
                .iter()
                .map(|&(raw, value)| Point { raw, value })
                .collect(),
        }
    }

    #[test]
    fn a_function_against_its_direction_names_the_stretch() {
        use Direction::{HigherIsBetter as Higher, LowerIsBetter as Lower};
        let falling = ValueFunction::Linear {
            worst: 15.0,
            best: 0.0,
        };
        assert_eq!(falling.against(Lower), None);
        assert_eq!(
            falling.against(Higher),
            Some(AgainstDirection {
                from: Point {
                    raw: 0.0,
                    value: 100.0
                },
                to: Point {
                    raw: 15.0,
                    value: 0.0
                },
            })
        );
        let rising = ValueFunction::Linear {
            worst: -10.0,
            best: 2.0,
        };
        assert_eq!(rising.against(Higher), None);
        assert_eq!(
            rising.against(Lower).map(|a| a.describe(Lower, "%")),
            Some(
                "lower is better, but its value function rises from 0 at -10 % to 100 at 2 %"
                    .into()
            )
        );
        assert_eq!(
            falling.against(Higher).map(|a| a.describe(Higher, "")),
            Some("higher is better, but its value function falls from 100 at 0 to 0 at 15".into())
        );
        // A dip in the middle of a rising function runs against higher-is-better there only.
        let dip = pw(&[(0.0, 0.0), (10.0, 60.0), (20.0, 40.0), (30.0, 100.0)]);
        assert_eq!(
            dip.against(Higher).map(|a| (a.from.raw, a.to.raw)),
            Some((10.0, 20.0))
        );
        assert_eq!(
            dip.against(Lower).map(|a| (a.from.raw, a.to.raw)),
            Some((0.0, 10.0))
        );
        // Flat stretches run neither way.
        assert_eq!(pw(&[(0.0, 50.0), (5.0, 50.0)]).against(Higher), None);
        assert_eq!(pw(&[(0.0, 50.0), (5.0, 50.0)]).against(Lower), None);
        let pass_fail = ValueFunction::Categorical {
            categories: vec![Category {
                label: "Pass".into(),
                value: 100.0,
            }],
        };
        assert_eq!(pass_fail.against(Lower), None);
    }

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
