//! The value matrix every sensitivity analysis works on: one scoring run's 0-100 values
//! (options x leaves), the criteria tree with its local and global weights, hurdle status and
//! the panel's spread per cell. Totals are linear in the weights, `total_o = sum_l w_l v_ol`,
//! so nothing here re-parses or re-scores the appraisal inside a loop.

use crate::model::{Appraisal, CriterionKind, ValueFunction};
use crate::score::{PanelStats, Results, WeightError, weights};

/// Scoring results that cannot be lined up with the appraisal they came from.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum MatrixError {
    #[error("the scoring results do not match the appraisal: {0}")]
    Mismatch(String),
    #[error(transparent)]
    Weight(#[from] WeightError),
}

/// One option's base standing.
#[derive(Debug, Clone, PartialEq)]
pub struct OptionRow {
    pub code: String,
    pub name: String,
    pub total: f64,
    /// Passes every hurdle in the base scoring.
    pub passes: bool,
}

/// A node of the criteria tree (group or leaf), indexed like `Appraisal::criteria`.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub code: String,
    pub name: String,
    pub parent: Option<usize>,
    /// Weight relative to its siblings.
    pub local: f64,
    /// Product of the local weights from the top of the tree.
    pub global: f64,
    /// Index into [`ValueMatrix::leaves`] when the node is a leaf.
    pub leaf: Option<usize>,
    /// The node holds at least one leaf that is not a pass/fail hurdle. Hurdle-only nodes (the
    /// demo's service change tests) carry no weight by design, so their weight is not varied.
    pub weighted: bool,
}

/// A leaf criterion.
#[derive(Debug, Clone, PartialEq)]
pub struct Leaf {
    pub code: String,
    pub name: String,
    pub node: usize,
    pub global: f64,
    /// The hurdle's pass value (0-100), if the leaf is a pass/fail test.
    pub hurdle: Option<f64>,
    pub value_function: ValueFunction,
}

/// Everything the analyses need from one scoring run.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueMatrix {
    pub options: Vec<OptionRow>,
    pub leaves: Vec<Leaf>,
    pub nodes: Vec<Node>,
    /// 0-100 values, option-major: `values[o * leaves.len() + l]`.
    pub values: Vec<f64>,
    /// The panel's figures for each panel-scored cell, indexed like `values`.
    pub panel: Vec<Option<PanelStats>>,
    /// The panel scale, for truncating sampled scores.
    pub scale: (f64, f64),
    /// The preferred option of the base scoring.
    pub preferred: Option<usize>,
    /// For each node, its leaves with their weight within the node (1 for a leaf itself).
    within: Vec<Vec<(usize, f64)>>,
}

impl ValueMatrix {
    /// Lines up `results` (from `score::evaluate_with(a, ..)`) with the tree of `a`.
    pub fn new(a: &Appraisal, results: &Results) -> Result<ValueMatrix, MatrixError> {
        let tree = weights::hierarchy(&a.criteria, |c| c.code.clone())?;
        let index = |code: &str| a.criteria.iter().position(|c| c.code == code);
        let mut nodes: Vec<Node> = a
            .criteria
            .iter()
            .enumerate()
            .map(|(i, c)| Node {
                code: c.code.clone(),
                name: c.name.clone(),
                parent: c.parent.as_deref().and_then(index),
                local: c.weight,
                global: tree.global[i],
                leaf: None,
                weighted: false,
            })
            .collect();
        let mut leaves = Vec::new();
        let mut within = vec![Vec::new(); nodes.len()];
        for (i, c) in a.criteria.iter().enumerate() {
            if let CriterionKind::Leaf(spec) = &c.kind {
                let l = leaves.len();
                nodes[i].leaf = Some(l);
                within[i].push((l, 1.0));
                for &(ancestor, w) in &tree.ancestors[i] {
                    within[ancestor].push((l, w));
                }
                leaves.push(Leaf {
                    code: c.code.clone(),
                    name: c.name.clone(),
                    node: i,
                    global: tree.global[i],
                    hurdle: spec.hurdle.as_ref().map(|h| h.pass_value),
                    value_function: spec.value_function.clone(),
                });
            }
        }
        for (n, node) in nodes.iter_mut().enumerate() {
            node.weighted = within[n].iter().any(|&(l, _)| leaves[l].hurdle.is_none());
        }
        let nl = leaves.len();
        if results.options.len() != a.options.len() {
            return Err(MatrixError::Mismatch(format!(
                "{} options scored, {} in the appraisal",
                results.options.len(),
                a.options.len()
            )));
        }
        let mut values = Vec::with_capacity(results.options.len() * nl);
        let mut panel = Vec::with_capacity(values.capacity());
        let mut options = Vec::with_capacity(results.options.len());
        for o in &results.options {
            if o.leaves.len() != nl
                || o.leaves
                    .iter()
                    .zip(&leaves)
                    .any(|(r, l)| r.criterion != l.code)
            {
                return Err(MatrixError::Mismatch(format!(
                    "the leaves scored for {} are not the appraisal's",
                    o.code
                )));
            }
            values.extend(o.leaves.iter().map(|l| l.value));
            panel.extend(o.leaves.iter().map(|l| l.panel.clone()));
            options.push(OptionRow {
                code: o.code.clone(),
                name: o.name.clone(),
                total: o.total,
                passes: o.hurdles.passes,
            });
        }
        let preferred = results
            .preferred
            .as_deref()
            .and_then(|p| options.iter().position(|o| o.code == p));
        let scale = &a.settings.panel_scale;
        Ok(ValueMatrix {
            options,
            leaves,
            nodes,
            values,
            panel,
            scale: (scale.min, scale.max),
            preferred,
            within,
        })
    }

    pub fn value(&self, option: usize, leaf: usize) -> f64 {
        self.values[option * self.leaves.len() + leaf]
    }

    /// The option's 0-100 value on a node alone: its leaves weighted within the node.
    pub fn node_value(&self, node: usize, option: usize) -> f64 {
        self.within[node]
            .iter()
            .map(|&(l, w)| w * self.value(option, l))
            .sum()
    }

    /// The children of `parent` (the top level when none), in the tree's order.
    pub fn children(&self, parent: Option<usize>) -> impl Iterator<Item = usize> + '_ {
        self.nodes
            .iter()
            .enumerate()
            .filter(move |(_, n)| n.parent == parent)
            .map(|(i, _)| i)
    }

    pub fn find(&self, code: &str) -> Option<usize> {
        self.nodes.iter().position(|n| n.code == code)
    }

    /// Totals under other global leaf weights.
    pub fn totals_with(&self, global: &[f64]) -> Vec<f64> {
        let nl = self.leaves.len();
        (0..self.options.len())
            .map(|o| {
                self.values[o * nl..(o + 1) * nl]
                    .iter()
                    .zip(global)
                    .map(|(v, w)| v * w)
                    .sum()
            })
            .collect()
    }

    pub fn passes(&self) -> Vec<bool> {
        self.options.iter().map(|o| o.passes).collect()
    }
}

/// The option leading on `totals` among those passing every hurdle; none if none passes or
/// the top is tied (within [`crate::score::TIE`]), as in the scoring engine.
pub fn leader(totals: &[f64], passes: &[bool]) -> Option<usize> {
    let best = totals
        .iter()
        .zip(passes)
        .filter(|(_, p)| **p)
        .map(|(t, _)| *t)
        .fold(f64::NEG_INFINITY, f64::max);
    let mut top = (0..totals.len()).filter(|&o| passes[o] && best - totals[o] <= crate::score::TIE);
    match (top.next(), top.next()) {
        (Some(o), None) => Some(o),
        _ => None,
    }
}

/// The preferred option's lead over the best other option passing every hurdle; none when no
/// other option passes. Negative when another option has overtaken it.
pub fn lead(totals: &[f64], passes: &[bool], preferred: usize) -> Option<f64> {
    (0..totals.len())
        .filter(|&o| o != preferred && passes[o])
        .map(|o| totals[o])
        .reduce(f64::max)
        .map(|rival| totals[preferred] - rival)
}
