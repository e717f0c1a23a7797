//! Edits to how the weights under one group are elicited: typed in directly, by swing weighting
//! (each criterion's swing rated 0-100 against the largest) or by AHP pairwise comparison. A
//! swing or AHP judgement rewrites the children's local weights straight away, so the results
//! follow; the consistency ratio comes with the scoring results (`WeightingCheck`).

use serde::{Deserialize, Serialize};

use super::input::{self, EditError, refuse_short};
use crate::model::{Appraisal, WeightSetEntry, Weighting, WeightingMethod};
use crate::score::{ahp, swing_weights};

/// The elicitation methods the window offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Method {
    Direct,
    Swing,
    Ahp,
}

/// The largest AHP judgement on Saaty's scale (and 1/9 the smallest).
const SAATY_MAX: f64 = 9.0;

/// The path of a weighting's field, keyed as [`crate::validate`] keys weightings.
pub fn path(parent: Option<&str>, rest: &str) -> String {
    format!("weightings/{}/{rest}", parent.unwrap_or("(top level)"))
}

/// The codes of the criteria directly under `parent`, in the tree's order.
fn children(a: &Appraisal, parent: Option<&str>) -> Vec<String> {
    a.criteria
        .iter()
        .filter(|c| c.parent.as_deref() == parent)
        .map(|c| c.code.clone())
        .collect()
}

fn group_name(a: &Appraisal, parent: Option<&str>) -> String {
    match parent {
        None => "the top level".to_owned(),
        Some(p) => a
            .criteria
            .iter()
            .find(|c| c.code == p)
            .map_or_else(|| p.to_owned(), |c| c.name.clone()),
    }
}

fn criterion_name(a: &Appraisal, code: &str) -> String {
    a.criteria
        .iter()
        .find(|c| c.code == code)
        .map_or_else(|| code.to_owned(), |c| c.name.clone())
}

fn weighting_mut<'a>(a: &'a mut Appraisal, parent: Option<&str>) -> &'a mut Weighting {
    let at = match a
        .weightings
        .iter()
        .position(|w| w.parent.as_deref() == parent)
    {
        Some(i) => i,
        None => {
            a.weightings.push(Weighting {
                parent: parent.map(str::to_owned),
                method: WeightingMethod::Direct,
            });
            a.weightings.len() - 1
        }
    };
    &mut a.weightings[at]
}

/// Sets each child's local weight, in the order of `codes`.
fn set_weights(a: &mut Appraisal, codes: &[String], weights: &[f64]) {
    for (code, w) in codes.iter().zip(weights) {
        if let Some(c) = a.criteria.iter_mut().find(|c| c.code == *code) {
            c.weight = *w;
        }
    }
}

/// Switches the weighting of `parent`'s children to `method`, starting from the weights they
/// have: swing rates the heaviest 100 and the others in proportion; AHP fills the matrix with
/// the weights' ratios (perfectly consistent, so the weights do not move).
pub fn set_method(
    a: &mut Appraisal,
    parent: Option<&str>,
    method: Method,
) -> Result<(), EditError> {
    let codes = children(a, parent);
    if codes.is_empty() {
        return refuse_short(
            path(parent, "method"),
            format!("{} has no criteria to weight", group_name(a, parent)),
            "No criteria to weight",
        );
    }
    let weights: Vec<f64> = codes
        .iter()
        .map(|code| {
            a.criteria
                .iter()
                .find(|c| c.code == *code)
                .map_or(0.0, |c| c.weight)
        })
        .collect();
    let new = match method {
        Method::Direct => WeightingMethod::Direct,
        Method::Swing => {
            let top = weights.iter().copied().fold(0.0, f64::max);
            let ratings = codes
                .iter()
                .zip(&weights)
                .map(|(code, w)| WeightSetEntry {
                    criterion: code.clone(),
                    value: if top > 0.0 { 100.0 * w / top } else { 100.0 },
                })
                .collect();
            WeightingMethod::Swing { ratings }
        }
        Method::Ahp => {
            if weights.iter().any(|w| *w <= 0.0) {
                return refuse_short(
                    path(parent, "method"),
                    format!(
                        "AHP needs every criterion under {} to have a weight above 0 to start from",
                        group_name(a, parent)
                    ),
                    "Every weight must be above 0 first",
                );
            }
            let matrix = weights
                .iter()
                .map(|wi| weights.iter().map(|wj| wi / wj).collect())
                .collect();
            WeightingMethod::Ahp {
                order: codes.clone(),
                matrix,
            }
        }
    };
    weighting_mut(a, parent).method = new;
    if method == Method::Swing {
        recompute(a, parent)?;
    }
    Ok(())
}

/// Rewrites the children's weights from the parent's swing ratings or AHP matrix.
fn recompute(a: &mut Appraisal, parent: Option<&str>) -> Result<(), EditError> {
    let field = path(parent, "method");
    let (codes, weights) = match &weighting_mut(a, parent).method {
        WeightingMethod::Direct => return Ok(()),
        WeightingMethod::Swing { ratings } => {
            let codes: Vec<String> = ratings.iter().map(|r| r.criterion.clone()).collect();
            let values: Vec<f64> = ratings.iter().map(|r| r.value).collect();
            let weights = swing_weights(&values).or_else(|e| {
                refuse_short(
                    field.clone(),
                    format!("the swing weights cannot be worked out: {e}"),
                    "Not valid",
                )
            })?;
            (codes, weights)
        }
        WeightingMethod::Ahp { order, matrix } => {
            let result = ahp(matrix).or_else(|e| {
                refuse_short(
                    field.clone(),
                    format!("the AHP weights cannot be worked out: {e}"),
                    "Not valid",
                )
            })?;
            (order.clone(), result.weights)
        }
    };
    set_weights(a, &codes, &weights);
    Ok(())
}

/// Rates one criterion's swing (0-100) and reweights its siblings.
pub fn set_swing(
    a: &mut Appraisal,
    parent: Option<&str>,
    criterion: &str,
    text: &str,
) -> Result<(), EditError> {
    let field = path(parent, &format!("swing/{criterion}"));
    let name = criterion_name(a, criterion);
    let value = input::number(&field, &format!("The swing of {name}"), text)?;
    if !(0.0..=100.0).contains(&value) {
        return refuse_short(
            field,
            format!("The swing of {name} must be from 0 to 100; it is {value}"),
            "Must be from 0 to 100",
        );
    }
    let WeightingMethod::Swing { ratings } = &mut weighting_mut(a, parent).method else {
        return refuse_short(
            field,
            format!("{} is not swing weighted", group_name(a, parent)),
            "Not swing weighted",
        );
    };
    match ratings.iter_mut().find(|r| r.criterion == criterion) {
        Some(r) => r.value = value,
        None => ratings.push(WeightSetEntry {
            criterion: criterion.to_owned(),
            value,
        }),
    }
    if let WeightingMethod::Swing { ratings } = &weighting_mut(a, parent).method
        && ratings.iter().all(|r| r.value == 0.0)
    {
        return refuse_short(
            field,
            format!(
                "At least one swing under {} must be above 0",
                group_name(a, parent)
            ),
            "One swing must be above 0",
        );
    }
    recompute(a, parent)
}

/// Sets how much more important `row` is than `column` (1/9 to 9), its reciprocal with it, and
/// reweights the siblings by the principal eigenvector.
pub fn set_judgement(
    a: &mut Appraisal,
    parent: Option<&str>,
    row: &str,
    column: &str,
    text: &str,
) -> Result<(), EditError> {
    let field = path(parent, &format!("ahp/{row}/{column}"));
    let (rn, cn) = (criterion_name(a, row), criterion_name(a, column));
    let what = format!("How much more {rn} matters than {cn}");
    let value = parse_judgement(&field, &what, text)?;
    if !(1.0 / SAATY_MAX..=SAATY_MAX).contains(&value) {
        return refuse_short(
            field,
            format!("{what} must be from 1/9 to 9; it is {text}"),
            "Must be from 1/9 to 9",
        );
    }
    let group = group_name(a, parent);
    let WeightingMethod::Ahp { order, matrix } = &mut weighting_mut(a, parent).method else {
        return refuse_short(
            field,
            format!("{group} is not weighted by AHP"),
            "Not AHP weighted",
        );
    };
    let (Some(i), Some(j)) = (
        order.iter().position(|c| c == row),
        order.iter().position(|c| c == column),
    ) else {
        return refuse_short(
            field,
            format!("{rn} and {cn} are not both in the comparison"),
            "Not compared",
        );
    };
    if i == j {
        return refuse_short(
            field,
            format!("{rn} is always as important as itself"),
            "Always 1",
        );
    }
    matrix[i][j] = value;
    matrix[j][i] = 1.0 / value;
    recompute(a, parent)
}

/// A judgement as typed: a number, or a fraction such as 1/3.
fn parse_judgement(field: &str, what: &str, text: &str) -> Result<f64, EditError> {
    if let Some((n, d)) = text.split_once('/') {
        let n = input::number(field, what, n)?;
        let d = input::number(field, what, d)?;
        if d == 0.0 {
            return refuse_short(
                field.to_owned(),
                format!("{what} cannot divide by 0"),
                "Cannot divide by 0",
            );
        }
        return Ok(n / d);
    }
    input::number(field, what, text)
}

/// A criterion's local weight typed in directly: a number, 0 or more.
pub fn set_weight(a: &mut Appraisal, criterion: &str, value: &str) -> Result<(), EditError> {
    let field = format!("criteria/{criterion}/weight");
    let index = input::index_in_full(&a.criteria, criterion, &field)?;
    let name = a.criteria[index].name.clone();
    let weight = input::number(&field, &format!("The weight of {name}"), value)?;
    if weight < 0.0 {
        return refuse_short(
            field,
            format!("The weight of {name} must be 0 or more; it is {weight}"),
            "Must be 0 or more",
        );
    }
    a.criteria[index].weight = weight;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::Edit;

    fn demo() -> Appraisal {
        crate::demo::appraisal()
    }

    fn weights(a: &Appraisal, parent: Option<&str>) -> Vec<f64> {
        a.criteria
            .iter()
            .filter(|c| c.parent.as_deref() == parent)
            .map(|c| c.weight)
            .collect()
    }

    #[test]
    fn swing_ratings_reweight_the_group() {
        let mut a = crate::demo::appraisal();
        set_method(&mut a, None, Method::Swing).unwrap();
        // Top level 0.25, 0.40, 0.20, 0.15, 0: quality rated 100, the rest in proportion.
        let WeightingMethod::Swing { ratings } = &a.weightings[0].method else {
            panic!("not swing");
        };
        assert_eq!(ratings[1].value, 100.0);
        assert!((ratings[0].value - 62.5).abs() < 1e-9);
        let before = weights(&a, None);
        assert!(
            (before[1] - 0.4).abs() < 1e-12,
            "switching keeps the weights"
        );

        set_swing(&mut a, None, "VIA", "100").unwrap();
        // Ratings 100, 100, 50, 37.5, 0: sum 287.5.
        let w = weights(&a, None);
        assert!((w[0] - 100.0 / 287.5).abs() < 1e-12);
        assert!((w.iter().sum::<f64>() - 1.0).abs() < 1e-12);

        let e = set_swing(&mut a, None, "VIA", "120").unwrap_err();
        assert_eq!(e.field, "weightings/(top level)/swing/VIA");
        assert_eq!(e.short, "Must be from 0 to 100");
    }

    #[test]
    fn ahp_judgements_reweight_by_the_eigenvector() {
        let mut a = crate::demo::appraisal();
        set_method(&mut a, Some("VIA"), Method::Ahp).unwrap();
        assert_eq!(weights(&a, Some("VIA")), vec![0.5, 0.25, 0.25]);
        // Margin 3x NPV (was 2x): the matrix is no longer consistent, the weights move.
        set_judgement(&mut a, Some("VIA"), "VIA-MARGIN", "VIA-NPV", "3").unwrap();
        let w = weights(&a, Some("VIA"));
        assert!(w[0] > 0.5 && w[1] < 0.25, "{w:?}");
        assert!((w.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        let WeightingMethod::Ahp { matrix, .. } = &a.weightings[1].method else {
            panic!("not AHP");
        };
        assert_eq!(matrix[1][0], 1.0 / 3.0);
        set_judgement(&mut a, Some("VIA"), "VIA-NPV", "VIA-LIQ", "1/2").unwrap();
        let e = set_judgement(&mut a, Some("VIA"), "VIA-NPV", "VIA-LIQ", "12").unwrap_err();
        assert_eq!(e.short, "Must be from 1/9 to 9");
        let e = set_judgement(&mut a, Some("VIA"), "VIA-NPV", "VIA-LIQ", "much").unwrap_err();
        assert_eq!(e.short, "\"much\" is not a number");
    }

    #[test]
    fn ahp_needs_positive_weights_to_start_from() {
        let mut a = crate::demo::appraisal();
        // The service change tests group carries no weight at the top level.
        let e = set_method(&mut a, None, Method::Ahp).unwrap_err();
        assert_eq!(e.short, "Every weight must be above 0 first");
    }

    #[test]
    fn a_weight_is_set_from_its_text() {
        let mut a = demo();
        let code = a.criteria[0].code.clone();
        Edit::SetWeight {
            criterion: code.clone(),
            value: " 0.3 ".into(),
        }
        .apply(&mut a)
        .unwrap();
        assert_eq!(a.criteria[0].weight, 0.3);
    }

    #[test]
    fn a_non_numeric_or_negative_weight_is_refused_naming_the_field() {
        let mut a = demo();
        let before = a.clone();
        let code = a.criteria[0].code.clone();
        let name = a.criteria[0].name.clone();
        let e = Edit::SetWeight {
            criterion: code.clone(),
            value: "abc".into(),
        }
        .apply(&mut a)
        .unwrap_err();
        assert_eq!(e.field, format!("criteria/{code}/weight"));
        assert_eq!(
            e.message,
            format!(
                "The weight of {name} must be a number, such as 7 or 0.25; \"abc\" is not a number"
            )
        );
        let e = Edit::SetWeight {
            criterion: code.clone(),
            value: "-1".into(),
        }
        .apply(&mut a)
        .unwrap_err();
        assert!(e.message.contains("must be 0 or more"), "{}", e.message);
        assert_eq!(a, before);
    }
}
