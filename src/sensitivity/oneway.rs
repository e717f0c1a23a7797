//! One-way weight sensitivity: how each option's total moves as one node's local weight goes
//! from 0 to 1, and the exact weights where the preferred option changes.
//!
//! Moving node n's local weight to `w` scales its siblings' local weights by
//! `(1 - w) / (1 - w0)`, keeping their proportions (when `w0 = 1` the siblings have no
//! proportions to keep and share `1 - w` equally). With P the parent's global weight, V_n the
//! option's value within n and S the siblings' value within the parent, rescaled to sum to 1:
//!
//! `total(w) = R + P (w V_n + (1 - w) S) = (R + P S) + P (V_n - S) w`
//!
//! where R is the rest of the tree, untouched. Totals are linear in `w`, so switch points are
//! found by solving for the intersections of the leading line with the others, not by sampling.

use super::matrix::ValueMatrix;
use super::results::{Line, Nearest, NodeSensitivity, SwitchPoint};

/// A node that cannot be varied.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum OneWayError {
    #[error("there is no criterion or group '{0}' to vary")]
    UnknownNode(String),
}

/// Each option's total as `(intercept, slope)` in node `n`'s local weight.
pub fn lines(m: &ValueMatrix, n: usize) -> Vec<(f64, f64)> {
    let node = &m.nodes[n];
    let parent_global = node.parent.map_or(1.0, |p| m.nodes[p].global);
    let siblings: Vec<usize> = m.children(node.parent).filter(|&s| s != n).collect();
    let sibling_sum: f64 = siblings.iter().map(|&s| m.nodes[s].local).sum();
    // Each sibling's share of the weight left over, `1 - w`.
    let share = |s: usize| {
        if sibling_sum > 0.0 {
            m.nodes[s].local / sibling_sum
        } else {
            1.0 / siblings.len() as f64
        }
    };
    (0..m.options.len())
        .map(|o| {
            let vn = m.node_value(n, o);
            let base: f64 = node.local * vn
                + siblings
                    .iter()
                    .map(|&s| m.nodes[s].local * m.node_value(s, o))
                    .sum::<f64>();
            let rest = m.options[o].total - parent_global * base;
            if siblings.is_empty() {
                return (rest, parent_global * vn);
            }
            let s: f64 = siblings
                .iter()
                .map(|&s| share(s) * m.node_value(s, o))
                .sum();
            (rest + parent_global * s, parent_global * (vn - s))
        })
        .collect()
}

/// The line on top at `w` among options that pass; ties go to the steeper line, which is the
/// one on top just after `w`.
fn top_at(lines: &[(f64, f64)], passes: &[bool], w: f64) -> Option<usize> {
    let at = |o: usize| lines[o].0 + lines[o].1 * w;
    (0..lines.len()).filter(|&o| passes[o]).reduce(|best, o| {
        let (a, b) = (at(o), at(best));
        if a > b + crate::score::TIE
            || ((a - b).abs() <= crate::score::TIE && lines[o].1 > lines[best].1)
        {
            o
        } else {
            best
        }
    })
}

/// Every `(weight, from, to)` in [0, 1] where the top line among passing options changes:
/// walk the upper envelope from w = 0, each time solving `a_L + b_L w = a_j + b_j w` for the
/// steeper lines and taking the nearest crossing.
pub fn switch_points(lines: &[(f64, f64)], passes: &[bool]) -> Vec<(f64, usize, usize)> {
    let mut out = Vec::new();
    let Some(mut top) = top_at(lines, passes, 0.0) else {
        return out;
    };
    let mut w = 0.0;
    // Each step moves to a strictly steeper line, so there are fewer steps than lines.
    for _ in 0..lines.len() {
        let (a, b) = lines[top];
        let next = (0..lines.len())
            .filter(|&j| passes[j] && lines[j].1 > b)
            .map(|j| ((a - lines[j].0) / (lines[j].1 - b), j))
            .filter(|&(x, _)| x >= w)
            .reduce(|best, c| {
                if c.0 < best.0 - 1e-12
                    || ((c.0 - best.0).abs() <= 1e-12 && lines[c.1].1 > lines[best.1].1)
                {
                    c
                } else {
                    best
                }
            });
        match next {
            // Lines meeting only at w = 1 tie there but never change the leader within 0-1.
            Some((x, j)) if x < 1.0 - 1e-12 => {
                out.push((x, top, j));
                top = j;
                w = x;
            }
            _ => break,
        }
    }
    out
}

/// The sensitivity of the node with code `code`.
pub fn vary(m: &ValueMatrix, code: &str) -> Result<NodeSensitivity, OneWayError> {
    let n = m
        .find(code)
        .ok_or_else(|| OneWayError::UnknownNode(code.to_owned()))?;
    Ok(node_sensitivity(m, n))
}

/// Every weighted node (hurdle-only nodes carry no weight by design), in the tree's order.
pub fn all(m: &ValueMatrix) -> Vec<NodeSensitivity> {
    (0..m.nodes.len())
        .filter(|&n| m.nodes[n].weighted)
        .map(|n| node_sensitivity(m, n))
        .collect()
}

fn node_sensitivity(m: &ValueMatrix, n: usize) -> NodeSensitivity {
    let node = &m.nodes[n];
    let ls = lines(m, n);
    let passes = m.passes();
    let code = |o: usize| m.options[o].code.clone();
    let switches = switch_points(&ls, &passes);
    let w0 = node.local;
    let totals: Vec<f64> = ls.iter().map(|(a, b)| a + b * w0).collect();
    let nearest = switches
        .iter()
        .min_by(|x, y| (x.0 - w0).abs().total_cmp(&(y.0 - w0).abs()))
        .map(|&(x, from, to)| Nearest {
            weight: x,
            points: 100.0 * (x - w0).abs(),
            share_of_weight: (w0 > 0.0).then(|| (x - w0).abs() / w0),
            // Beyond the switch, moving away from the current weight.
            to: code(if x >= w0 { to } else { from }),
        });
    NodeSensitivity {
        criterion: node.code.clone(),
        name: node.name.clone(),
        parent: node.parent.map(|p| m.nodes[p].code.clone()),
        leaf: node.leaf.is_some(),
        weight: w0,
        lines: ls
            .iter()
            .enumerate()
            .map(|(o, &(intercept, slope))| Line {
                option: code(o),
                intercept,
                slope,
                passes: passes[o],
            })
            .collect(),
        leader: super::matrix::leader(&totals, &passes).map(code),
        switch_points: switches
            .into_iter()
            .map(|(weight, from, to)| SwitchPoint {
                weight,
                from: code(from),
                to: code(to),
            })
            .collect(),
        nearest,
    }
}
