//! Tornado: which single inputs move the preferred option's lead over the runner-up most.
//!
//! Each weighted node's local weight goes down and up by a share of itself (clamped to 0-1,
//! siblings rescaled as in one-way sensitivity), and each panel-scored cell's score goes to the
//! panel's lowest and highest score for that cell. The lead is the preferred option's total
//! minus the best other option passing every hurdle (negative once overtaken); an item's swing
//! is the largest minus the smallest lead over its low end, base and high end, so an input that
//! lowers the lead both ways still counts.

use super::matrix::{ValueMatrix, lead};
use super::oneway;
use super::results::{Tornado, TornadoItem, TornadoKind};
use crate::score::value;

/// A share that cannot move a weight.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum TornadoError {
    #[error("the tornado's weight share must be from 0 to 1 (0.5 = +/-50%), not {0}")]
    BadShare(f64),
}

pub fn tornado(m: &ValueMatrix, share: f64) -> Result<Tornado, TornadoError> {
    if !(0.0..=1.0).contains(&share) {
        return Err(TornadoError::BadShare(share));
    }
    let passes = m.passes();
    let totals: Vec<f64> = m.options.iter().map(|o| o.total).collect();
    let empty = |note: &str| Tornado {
        preferred: m.preferred.map(|p| m.options[p].code.clone()),
        base_lead: None,
        share,
        items: Vec::new(),
        note: Some(note.to_owned()),
    };
    let Some(p) = m.preferred else {
        return Ok(empty("no option is preferred, so there is no lead to move"));
    };
    let Some(base) = lead(&totals, &passes, p) else {
        return Ok(empty(
            "no other option passes every hurdle, so the preferred option has no rival",
        ));
    };
    let swing = |lo: f64, hi: f64| lo.max(hi).max(base) - lo.min(hi).min(base);
    let mut items = Vec::new();

    for n in (0..m.nodes.len()).filter(|&n| m.nodes[n].weighted) {
        let ls = oneway::lines(m, n);
        let w0 = m.nodes[n].local;
        let (low, high) = (
            (w0 * (1.0 - share)).clamp(0.0, 1.0),
            (w0 * (1.0 + share)).clamp(0.0, 1.0),
        );
        let lead_at = |w: f64| {
            let t: Vec<f64> = ls.iter().map(|(a, b)| a + b * w).collect();
            lead(&t, &passes, p).unwrap_or(base)
        };
        let (lead_low, lead_high) = (lead_at(low), lead_at(high));
        items.push(TornadoItem {
            kind: TornadoKind::Weight,
            criterion: m.nodes[n].code.clone(),
            option: None,
            low,
            high,
            lead_low,
            lead_high,
            swing: swing(lead_low, lead_high),
        });
    }

    let nl = m.leaves.len();
    for o in 0..m.options.len() {
        for (l, leaf) in m.leaves.iter().enumerate() {
            let Some(stats) = &m.panel[o * nl + l] else {
                continue;
            };
            let (min, max) = (stats.dispersion.min, stats.dispersion.max);
            if min >= max {
                continue;
            }
            let base_value = m.value(o, l);
            let lead_at = |score: f64| {
                let v = value::of_number(&leaf.value_function, score).unwrap_or(base_value);
                let mut t = totals.clone();
                t[o] += leaf.global * (v - base_value);
                let mut ps = passes.clone();
                if let Some(pass) = leaf.hurdle {
                    // Re-test this hurdle only; the option's other hurdles are unchanged.
                    let others_pass = m.leaves.iter().enumerate().all(|(k, other)| {
                        k == l || other.hurdle.is_none_or(|h| m.value(o, k) >= h)
                    });
                    ps[o] = others_pass && v >= pass;
                }
                lead(&t, &ps, p).unwrap_or(base)
            };
            let (lead_low, lead_high) = (lead_at(min), lead_at(max));
            items.push(TornadoItem {
                kind: TornadoKind::Score,
                criterion: leaf.code.clone(),
                option: Some(m.options[o].code.clone()),
                low: min,
                high: max,
                lead_low,
                lead_high,
                swing: swing(lead_low, lead_high),
            });
        }
    }
    items.sort_by(|a, b| b.swing.total_cmp(&a.swing));
    Ok(Tornado {
        preferred: Some(m.options[p].code.clone()),
        base_lead: Some(base),
        share,
        items,
        note: None,
    })
}
