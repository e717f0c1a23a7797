//! Weight vectors drawn level by level down the criteria tree.
//!
//! The flat draw (standard SMAA: [`WeightSampler`] over the weighted leaves' global weights)
//! leaves the tree aside. Under uniform weights a group of ten leaves then weighs ten times a
//! group of one on average, and there is no way to say "the top-level weights are uncertain,
//! the weights within each group are agreed". Level by level, each level is drawn on its own:
//! the top level's local weights from the appraisal's weight model, each group's children's
//! local weights from the group's own model or fixed at the appraisal's (normalised to sum to
//! 1); a leaf's global weight is the product of the local weights along its path. A group's
//! model works on its children exactly as the flat model works on the leaves (uniform on the
//! simplex, a band around the base, bounds, a ranking), so each level is uniform on its own
//! region and the levels are independent.
//!
//! Only criteria carrying weight take part, as in the flat draw: hurdle-only and zero-weight
//! criteria stay at zero. A draw is rejected (and drawn again by the caller) when any level's
//! bounds reject it; the levels being independent, the accepted draws are each level's draw
//! within its bounds.

use rand::Rng;

use super::matrix::ValueMatrix;
use super::results::LevelDrawn;
use super::sampling::{SamplingError, WeightSampler};
use crate::model::{GroupWeights, WeightDraw, WeightModel};

/// One level: the top level's or one group's children carrying weight.
#[derive(Debug, Clone)]
struct Level {
    /// The group (a node of the matrix); none for the top level.
    parent: Option<usize>,
    /// The children carrying weight, in the tree's order.
    children: Vec<usize>,
    /// Draws the children's local weights; none when they are fixed at `base`.
    sampler: Option<WeightSampler>,
    /// The children's local weights in the appraisal, normalised to sum to 1.
    base: Vec<f64>,
}

/// Draws global leaf weights level by level. Set up once; [`LevelSampler::draw`] writes into
/// buffers made here and never allocates.
#[derive(Debug, Clone)]
pub struct LevelSampler {
    /// Parents before their children.
    levels: Vec<Level>,
    /// Each node's global weight in the current draw.
    node_weight: Vec<f64>,
    /// One level's local weights, as long as the largest level.
    local: Vec<f64>,
    /// The node of each sampled leaf, in the order of the weight vector.
    leaf_nodes: Vec<usize>,
    /// Each level in words, for the results.
    statements: Vec<LevelDrawn>,
}

/// A level's place in words: "at the top level" or "within Quality (QUA)".
fn place(m: &ValueMatrix, parent: Option<usize>) -> String {
    match parent {
        None => "at the top level".to_owned(),
        Some(g) => format!("within {} ({})", m.nodes[g].name, m.nodes[g].code),
    }
}

/// Whether node `n` carries weight in the appraisal (as the flat draw samples leaves).
fn carries(m: &ValueMatrix, n: usize) -> bool {
    m.nodes[n].global > 0.0
}

/// The groups whose children's weights can be drawn: groups carrying weight with at least two
/// children that do (with one, its local weight is 1 whatever the model).
pub fn drawable_groups(m: &ValueMatrix) -> Vec<usize> {
    (0..m.nodes.len())
        .filter(|&g| m.nodes[g].leaf.is_none() && carries(m, g))
        .filter(|&g| m.children(Some(g)).filter(|&c| carries(m, c)).count() >= 2)
        .collect()
}

impl LevelSampler {
    /// Compiles the top level's model `top` and the groups' models `groups` (groups not listed
    /// keep their weights) for the leaves `sampled` (indices into the matrix's leaves, those
    /// carrying weight).
    pub fn new(
        top: &WeightModel,
        groups: &[GroupWeights],
        m: &ValueMatrix,
        sampled: &[usize],
    ) -> Result<LevelSampler, SamplingError> {
        if sampled.is_empty() {
            return Err(SamplingError::NoWeightedCriteria);
        }
        let mut models: Vec<Option<&WeightModel>> = vec![None; m.nodes.len()];
        for g in groups {
            let Some(n) = m.find(&g.group) else {
                return Err(SamplingError::UnknownGroup(g.group.clone()));
            };
            let node = &m.nodes[n];
            if node.leaf.is_some() {
                return Err(SamplingError::NotAGroup(g.group.clone()));
            }
            if !carries(m, n) {
                return Err(SamplingError::GroupWithoutWeight(g.group.clone()));
            }
            if models[n].replace(&g.weights).is_some() {
                return Err(SamplingError::GroupTwice(g.group.clone()));
            }
        }
        let mut levels = Vec::new();
        let mut statements = Vec::new();
        let mut queue = std::collections::VecDeque::from([None]);
        while let Some(parent) = queue.pop_front() {
            let children: Vec<usize> = m.children(parent).filter(|&c| carries(m, c)).collect();
            if children.is_empty() {
                continue;
            }
            let sum: f64 = children.iter().map(|&c| m.nodes[c].local).sum();
            let base: Vec<f64> = children.iter().map(|&c| m.nodes[c].local / sum).collect();
            let model = match parent {
                None => Some(top),
                Some(g) => models[g],
            };
            let in_level = |e: SamplingError| SamplingError::InLevel {
                level: place(m, parent),
                source: Box::new(e),
            };
            let sampler = match model {
                None => None,
                Some(model) => {
                    let codes: Vec<&str> =
                        children.iter().map(|&c| m.nodes[c].code.as_str()).collect();
                    let stranger = |what, code: &str| {
                        let criterion = code.to_owned();
                        match (m.find(code), parent) {
                            (None, _) => SamplingError::UnknownCriterion { what, criterion },
                            (Some(_), None) => SamplingError::NotTopLevel { what, criterion },
                            (Some(_), Some(_)) => SamplingError::NotAChild { what, criterion },
                        }
                    };
                    Some(WeightSampler::over(model, &codes, &base, stranger).map_err(in_level)?)
                }
            };
            statements.push(LevelDrawn {
                group: parent.map(|g| m.nodes[g].code.clone()),
                name: parent.map_or_else(|| "Top level".to_owned(), |g| m.nodes[g].name.clone()),
                criteria: children.len(),
                weights: model.map_or_else(
                    || "fixed at the appraisal's weights".to_owned(),
                    WeightSampler::describe,
                ),
            });
            queue.extend(
                children
                    .iter()
                    .filter(|&&c| m.nodes[c].leaf.is_none())
                    .map(|&c| Some(c)),
            );
            levels.push(Level {
                parent,
                children,
                sampler,
                base,
            });
        }
        let widest = levels.iter().map(|l| l.children.len()).max().unwrap_or(0);
        Ok(LevelSampler {
            levels,
            node_weight: vec![0.0; m.nodes.len()],
            local: vec![0.0; widest],
            leaf_nodes: sampled.iter().map(|&l| m.leaves[l].node).collect(),
            statements,
        })
    }

    /// Writes the sampled leaves' global weights into `w`; false when some level's draw falls
    /// outside its bounds and the whole draw must be discarded.
    #[inline]
    pub fn draw<R: Rng>(&mut self, rng: &mut R, w: &mut [f64]) -> bool {
        let LevelSampler {
            levels,
            node_weight,
            local,
            leaf_nodes,
            ..
        } = self;
        for level in levels.iter_mut() {
            let above = level.parent.map_or(1.0, |p| node_weight[p]);
            let local = &mut local[..level.children.len()];
            match &mut level.sampler {
                Some(sampler) => {
                    if !sampler.draw(rng, local) {
                        return false;
                    }
                }
                None => local.copy_from_slice(&level.base),
            }
            for (&c, &x) in level.children.iter().zip(local.iter()) {
                node_weight[c] = above * x;
            }
        }
        for (x, &n) in w.iter_mut().zip(leaf_nodes.iter()) {
            *x = node_weight[n];
        }
        true
    }

    /// The global weight of node `n` in the last draw (0 for nodes carrying no weight).
    pub fn node_weight(&self, n: usize) -> f64 {
        self.node_weight[n]
    }

    /// Each level and how it is drawn, top level first.
    pub fn statements(&self) -> &[LevelDrawn] {
        &self.statements
    }
}

/// The weight draw an SMAA run makes: flat over the leaves or level by level.
#[derive(Debug, Clone)]
pub enum WeightDraws {
    Flat(WeightSampler),
    Levels(LevelSampler),
}

impl WeightDraws {
    /// Compiles the draw for the leaves `sampled`.
    pub fn new(
        draw: WeightDraw,
        weights: &WeightModel,
        groups: &[GroupWeights],
        m: &ValueMatrix,
        sampled: &[usize],
    ) -> Result<WeightDraws, SamplingError> {
        Ok(match draw {
            WeightDraw::Flat => WeightDraws::Flat(WeightSampler::new(weights, m, sampled)?),
            WeightDraw::LevelByLevel => {
                WeightDraws::Levels(LevelSampler::new(weights, groups, m, sampled)?)
            }
        })
    }

    /// Writes a weight vector into `w`; false when it falls outside the bounds.
    #[inline]
    pub fn draw<R: Rng>(&mut self, rng: &mut R, w: &mut [f64]) -> bool {
        match self {
            WeightDraws::Flat(s) => s.draw(rng, w),
            WeightDraws::Levels(s) => s.draw(rng, w),
        }
    }

    /// How each level is drawn; empty for the flat draw.
    pub fn levels(&self) -> &[LevelDrawn] {
        match self {
            WeightDraws::Flat(_) => &[],
            WeightDraws::Levels(s) => s.statements(),
        }
    }

    /// The whole draw in words, to follow "weights": "drawn flat over the 12 weighted leaf
    /// criteria, uniform on the simplex (no weight information)".
    pub fn describe(&self, weights: &WeightModel, leaves: usize) -> String {
        let levels = match self {
            WeightDraws::Flat(_) => {
                return format!(
                    "drawn flat over the {leaves} weighted leaf criteria, {}",
                    WeightSampler::describe(weights)
                );
            }
            WeightDraws::Levels(s) => s.statements(),
        };
        let Some((top, groups)) = levels.split_first() else {
            return String::new();
        };
        if groups.is_empty() {
            return format!(
                "drawn over the {} criteria of the tree's one level (level by level is then the flat draw), {}",
                top.criteria, top.weights
            );
        }
        let fixed = "fixed at the appraisal's weights";
        // Groups with one child carrying weight give it all, however drawn: not worth a word.
        let shared: Vec<&LevelDrawn> = groups.iter().filter(|l| l.criteria >= 2).collect();
        let drawn: Vec<&LevelDrawn> = shared
            .iter()
            .copied()
            .filter(|l| l.weights != fixed)
            .collect();
        let within = if drawn.is_empty() {
            format!("within each group {fixed}")
        } else if drawn.len() == shared.len() && drawn.iter().all(|l| l.weights == drawn[0].weights)
        {
            format!("within every group {}", drawn[0].weights)
        } else {
            let mut parts: Vec<String> = drawn
                .iter()
                .map(|l| {
                    format!(
                        "within {} ({}) {}",
                        l.name,
                        l.group.as_deref().unwrap_or_default(),
                        l.weights
                    )
                })
                .collect();
            if drawn.len() < shared.len() {
                parts.push(format!("within the other groups {fixed}"));
            }
            parts.join("; ")
        };
        format!(
            "drawn level by level down the criteria tree: the top level's {} weights {}; {within}",
            top.criteria, top.weights
        )
    }
}
