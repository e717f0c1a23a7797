//! Criteria weights: the hierarchy's global weights and swing-weight normalisation.
//!
//! A criterion's local weight is relative to its siblings; its global weight is the product of
//! the local weights on the path from the top of the tree, so leaf contributions add up to the
//! total (DCLG MCA manual, 6.2.10).

use std::collections::HashMap;

use crate::model::Criterion;

/// Why weights cannot be used.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum WeightError {
    #[error("{criterion} has the weight {weight}: a weight must be a number of zero or more")]
    Negative { criterion: String, weight: f64 },
    #[error("{criterion} is under '{parent}', which is not a criterion")]
    UnknownParent { criterion: String, parent: String },
    #[error("{criterion} is its own ancestor: the criteria tree has a loop")]
    Cycle { criterion: String },
    #[error("swing weighting needs at least one rating")]
    NoRatings,
    #[error("swing rating {rating} (number {position}) must be from 0 to 100")]
    BadRating { position: usize, rating: f64 },
    #[error("every swing rating is zero, so no weights follow")]
    AllZero,
}

/// Swing weights: ratings of each criterion's swing against the largest (rated 100),
/// normalised to sum to 1 (DCLG MCA manual, 6.2.10). E.g. 100, 80, 60, 10 -> 0.40, 0.32, 0.24, 0.04.
pub fn swing_weights(ratings: &[f64]) -> Result<Vec<f64>, WeightError> {
    if ratings.is_empty() {
        return Err(WeightError::NoRatings);
    }
    for (i, &r) in ratings.iter().enumerate() {
        if !(0.0..=100.0).contains(&r) {
            return Err(WeightError::BadRating {
                position: i + 1,
                rating: r,
            });
        }
    }
    let sum: f64 = ratings.iter().sum();
    if sum <= 0.0 {
        return Err(WeightError::AllZero);
    }
    Ok(ratings.iter().map(|r| r / sum).collect())
}

/// The tree's weights, indexed like the criteria slice it was built from.
#[derive(Debug, Clone, PartialEq)]
pub struct Hierarchy {
    /// Product of the local weights from the top of the tree down to each criterion.
    pub global: Vec<f64>,
    /// For each criterion, its ancestors (nearest first) with the product of local weights from
    /// just below that ancestor down to the criterion: its weight within that group.
    pub ancestors: Vec<Vec<(usize, f64)>>,
}

/// Global weights of every criterion (groups and leaves) from the stored local weights.
///
/// `label` names a criterion in errors (e.g. "Quality (QUA)").
pub fn hierarchy(
    criteria: &[Criterion],
    label: impl Fn(&Criterion) -> String,
) -> Result<Hierarchy, WeightError> {
    let index: HashMap<&str, usize> = criteria
        .iter()
        .enumerate()
        .map(|(i, c)| (c.code.as_str(), i))
        .collect();
    let mut parent = Vec::with_capacity(criteria.len());
    for c in criteria {
        if !(c.weight >= 0.0 && c.weight.is_finite()) {
            return Err(WeightError::Negative {
                criterion: label(c),
                weight: c.weight,
            });
        }
        parent.push(match &c.parent {
            None => None,
            Some(p) => Some(
                *index
                    .get(p.as_str())
                    .ok_or_else(|| WeightError::UnknownParent {
                        criterion: label(c),
                        parent: p.clone(),
                    })?,
            ),
        });
    }
    let mut global = Vec::with_capacity(criteria.len());
    let mut ancestors = Vec::with_capacity(criteria.len());
    for (i, c) in criteria.iter().enumerate() {
        let mut within = c.weight;
        let mut chain = Vec::new();
        let mut node = i;
        while let Some(p) = parent[node] {
            if chain.len() >= criteria.len() {
                return Err(WeightError::Cycle {
                    criterion: label(c),
                });
            }
            chain.push((p, within));
            within *= criteria[p].weight;
            node = p;
        }
        global.push(within);
        ancestors.push(chain);
    }
    Ok(Hierarchy { global, ancestors })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::CriterionKind;

    fn node(code: &str, parent: Option<&str>, weight: f64) -> Criterion {
        Criterion {
            code: code.into(),
            name: code.into(),
            description: String::new(),
            parent: parent.map(Into::into),
            weight,
            kind: CriterionKind::Group,
        }
    }

    fn close(a: &[f64], b: &[f64]) {
        assert_eq!(a.len(), b.len());
        for (x, y) in a.iter().zip(b) {
            assert!((x - y).abs() < 1e-12, "{a:?} != {b:?}");
        }
    }

    #[test]
    fn swing_ratings_normalise_to_sum_one() {
        close(
            &swing_weights(&[100.0, 80.0, 60.0, 10.0]).unwrap(),
            &[0.40, 0.32, 0.24, 0.04],
        );
        // The demo's quality swings: 100, 80, 40, 30 over 250.
        close(
            &swing_weights(&[100.0, 80.0, 40.0, 30.0]).unwrap(),
            &[0.40, 0.32, 0.16, 0.12],
        );
        assert_eq!(swing_weights(&[]), Err(WeightError::NoRatings));
        assert_eq!(swing_weights(&[0.0, 0.0]), Err(WeightError::AllZero));
        assert_eq!(
            swing_weights(&[100.0, -5.0]),
            Err(WeightError::BadRating {
                position: 2,
                rating: -5.0
            })
        );
        assert!(swing_weights(&[100.0, f64::NAN]).is_err());
    }

    #[test]
    fn global_weight_is_the_product_along_the_path() {
        // A (0.6) > A1 (0.5) > {A1a 0.7, A1b 0.3}; A (0.6) > A2 (0.5); B (0.4).
        // Hand-checked: A1a = 0.6 x 0.5 x 0.7 = 0.21, A1b = 0.6 x 0.5 x 0.3 = 0.09,
        // A2 = 0.6 x 0.5 = 0.30, B = 0.40; leaves sum to 1.
        let cs = vec![
            node("A", None, 0.6),
            node("A1", Some("A"), 0.5),
            node("A1a", Some("A1"), 0.7),
            node("A1b", Some("A1"), 0.3),
            node("A2", Some("A"), 0.5),
            node("B", None, 0.4),
        ];
        let h = hierarchy(&cs, |c| c.code.clone()).unwrap();
        close(&h.global, &[0.6, 0.3, 0.21, 0.09, 0.30, 0.4]);
        // A1a's weight within A1 is 0.7 and within A is 0.35.
        assert_eq!(h.ancestors[2].len(), 2);
        assert_eq!(h.ancestors[2][0].0, 1);
        assert!((h.ancestors[2][0].1 - 0.7).abs() < 1e-12);
        assert_eq!(h.ancestors[2][1].0, 0);
        assert!((h.ancestors[2][1].1 - 0.35).abs() < 1e-12);
    }

    #[test]
    fn negative_weights_unknown_parents_and_loops_are_errors() {
        let e = hierarchy(&[node("A", None, -0.1)], |c| c.code.clone()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "A has the weight -0.1: a weight must be a number of zero or more"
        );
        let e = hierarchy(&[node("A", None, f64::NAN)], |c| c.code.clone()).unwrap_err();
        assert!(e.to_string().contains("NaN"));
        let e = hierarchy(&[node("A", Some("Z"), 1.0)], |c| c.code.clone()).unwrap_err();
        assert_eq!(e.to_string(), "A is under 'Z', which is not a criterion");
        let e = hierarchy(
            &[node("A", Some("B"), 1.0), node("B", Some("A"), 1.0)],
            |c| c.code.clone(),
        )
        .unwrap_err();
        assert!(matches!(e, WeightError::Cycle { .. }));
    }
}
