//! Named weight sets (equal weights, finance-led, clinical-led, a public panel's, ...) scored
//! side by side with the appraisal's own weights.
//!
//! A set's entries give local weights for some criteria; every other criterion keeps its base
//! local weight. Under each parent that a set touches, the children's local weights are then
//! divided by their sum, so siblings sum to 1 and totals stay on 0-100 even when a set names
//! only some of a group's children. Parents the set does not touch are left as they are.

use crate::model::WeightSet;
use crate::score::{competition_ranks, hurdles};

use super::matrix::ValueMatrix;
use super::results::{SetOption, WeightSetResult};

/// A weight set that cannot be applied.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum WeightSetError {
    #[error("the weight set '{set}' names the unknown criterion '{criterion}'")]
    UnknownCriterion { set: String, criterion: String },
    #[error(
        "the weight set '{set}' gives {criterion} the weight {weight}: a weight must be a number of zero or more"
    )]
    BadWeight {
        set: String,
        criterion: String,
        weight: f64,
    },
    #[error("the weight set '{set}' leaves every weight under {parent} at zero")]
    AllZero { set: String, parent: String },
}

/// Totals, ranks and the preferred option under the base weights.
pub fn base(m: &ValueMatrix) -> WeightSetResult {
    let local: Vec<f64> = m.nodes.iter().map(|n| n.local).collect();
    result(m, "BASE", "Appraisal weights", &local)
}

/// Each set's results, in the appraisal's order.
pub fn evaluate(
    m: &ValueMatrix,
    sets: &[WeightSet],
) -> Result<Vec<WeightSetResult>, WeightSetError> {
    sets.iter().map(|s| apply(m, s)).collect()
}

pub fn apply(m: &ValueMatrix, set: &WeightSet) -> Result<WeightSetResult, WeightSetError> {
    let mut local: Vec<f64> = m.nodes.iter().map(|n| n.local).collect();
    let mut touched: Vec<Option<usize>> = Vec::new();
    for e in &set.weights {
        let n = m
            .find(&e.criterion)
            .ok_or_else(|| WeightSetError::UnknownCriterion {
                set: set.code.clone(),
                criterion: e.criterion.clone(),
            })?;
        if !(e.value.is_finite() && e.value >= 0.0) {
            return Err(WeightSetError::BadWeight {
                set: set.code.clone(),
                criterion: e.criterion.clone(),
                weight: e.value,
            });
        }
        local[n] = e.value;
        if !touched.contains(&m.nodes[n].parent) {
            touched.push(m.nodes[n].parent);
        }
    }
    for parent in touched {
        let children: Vec<usize> = m.children(parent).collect();
        let sum: f64 = children.iter().map(|&c| local[c]).sum();
        if sum <= 0.0 {
            return Err(WeightSetError::AllZero {
                set: set.code.clone(),
                parent: parent.map_or("the top level".to_owned(), |p| m.nodes[p].code.clone()),
            });
        }
        for c in children {
            local[c] /= sum;
        }
    }
    Ok(result(m, &set.code, &set.name, &local))
}

fn result(m: &ValueMatrix, code: &str, name: &str, local: &[f64]) -> WeightSetResult {
    // Global weight: the product of local weights up the tree (the tree is loop-free, as
    // scoring has checked).
    let global = |mut n: usize| {
        let mut g = local[n];
        while let Some(p) = m.nodes[n].parent {
            g *= local[p];
            n = p;
        }
        g
    };
    let leaf_global: Vec<f64> = m.leaves.iter().map(|l| global(l.node)).collect();
    let totals = m.totals_with(&leaf_global);
    let ranks = competition_ranks(&totals);
    let standing: Vec<(&str, f64, bool)> = m
        .options
        .iter()
        .zip(&totals)
        .map(|(o, &t)| (o.code.as_str(), t, o.passes))
        .collect();
    WeightSetResult {
        code: code.to_owned(),
        name: name.to_owned(),
        preferred: hurdles::preferred(&standing, crate::score::TIE).map(str::to_owned),
        options: m
            .options
            .iter()
            .zip(totals.iter().zip(ranks))
            .map(|(o, (&total, rank))| SetOption {
                code: o.code.clone(),
                total,
                rank,
            })
            .collect(),
    }
}
