//! Sensitivity settings the analysis would refuse, each at its field: no draws, shares outside
//! 0-1, and weight models whose bounds or rankings name criteria whose weights are not drawn,
//! name one twice, or leave no weight vector that sums to 1. Flat, the weight model is over the
//! weighted leaves; level by level, over the top level's weights, and each group's model over
//! its children's (a group named must exist, be a group and carry weight).

use std::collections::HashSet;

use super::Report;
use crate::model::{Appraisal, SensitivitySettings, WeightDraw, WeightModel};
use crate::score::weights;

const PATH: &str = "settings/sensitivity";

/// The numbers must be numbers: the file cannot hold anything else.
pub(super) fn numbers(r: &mut Report, s: &SensitivitySettings) {
    r.finite(format!("{PATH}/tornado_share"), s.tornado_share);
    model_numbers(r, &format!("{PATH}/weights"), &s.weights);
    for g in &s.groups {
        model_numbers(r, &format!("{PATH}/groups/{}/weights", g.group), &g.weights);
    }
}

fn model_numbers(r: &mut Report, path: &str, model: &WeightModel) {
    match model {
        WeightModel::AroundBase { share } => r.finite(format!("{path}/share"), *share),
        WeightModel::Bounds { bounds } => {
            for b in bounds {
                let path = format!("{path}/bounds/{}", b.criterion);
                r.finite(format!("{path}/min"), b.min);
                r.finite(format!("{path}/max"), b.max);
            }
        }
        WeightModel::Uniform | WeightModel::Ranking { .. } => {}
    }
}

fn share(r: &mut Report, path: String, share: f64, level: &str) {
    if !(0.0..=1.0).contains(&share) {
        r.error(
            path,
            format!("{level}the share must be from 0 to 1 (0.5 = +/-50%), not {share}"),
        );
    }
}

/// The criteria one weight model is over, and how to say what is wrong with another.
struct Members<'a> {
    codes: Vec<&'a str>,
    /// Prefix naming the level in messages ("within Quality (QUA): "); empty when flat.
    level: String,
    /// Why a criterion of the appraisal that is not a member cannot be named.
    stranger: &'a dyn Fn(&str) -> String,
}

pub(super) fn problems(r: &mut Report, a: &Appraisal) {
    let s = &a.settings.sensitivity;
    for (field, value) in [
        ("samples", s.samples),
        ("confidence_samples", s.confidence_samples),
    ] {
        if value == 0 {
            r.error(
                format!("{PATH}/{field}"),
                "SMAA needs at least 1 draw, not 0",
            );
        }
    }
    share(r, format!("{PATH}/tornado_share"), s.tornado_share, "");
    // The criteria's own problems are reported elsewhere.
    let Ok(tree) = weights::hierarchy(&a.criteria, |c| c.code.clone()) else {
        return;
    };
    let carries = |i: usize| tree.global[i] > 0.0;
    let children = |parent: Option<&str>| -> Vec<&str> {
        a.criteria
            .iter()
            .enumerate()
            .filter(|(i, c)| c.parent.as_deref() == parent && carries(*i))
            .map(|(_, c)| c.code.as_str())
            .collect()
    };
    match s.draw {
        WeightDraw::Flat => {
            let leaves: Vec<&str> = a
                .criteria
                .iter()
                .enumerate()
                .filter(|(i, c)| c.leaf().is_some() && carries(*i))
                .map(|(_, c)| c.code.as_str())
                .collect();
            let stranger = |code: &str| {
                format!(
                    "'{code}' is not a weighted leaf criterion (a group, a hurdle or a zero weight): only the weights of weighted leaves are sampled"
                )
            };
            let members = Members {
                codes: leaves,
                level: String::new(),
                stranger: &stranger,
            };
            model(r, a, &format!("{PATH}/weights"), &s.weights, &members);
            if !s.groups.is_empty() {
                r.warning(
                    format!("{PATH}/groups"),
                    "the flat draw leaves the groups' weight models unused: draw level by level to use them",
                );
            }
        }
        WeightDraw::LevelByLevel => {
            let stranger = |code: &str| {
                format!(
                    "'{code}' is not a top-level criterion carrying weight: level by level, the weight model is over the top level's weights"
                )
            };
            let members = Members {
                codes: children(None),
                level: String::new(),
                stranger: &stranger,
            };
            model(r, a, &format!("{PATH}/weights"), &s.weights, &members);
            let mut seen = HashSet::new();
            for g in &s.groups {
                let path = format!("{PATH}/groups/{}", g.group);
                let Some(i) = a.criteria.iter().position(|c| c.code == g.group) else {
                    r.error(path, format!("unknown group '{}'", g.group));
                    continue;
                };
                let c = &a.criteria[i];
                if c.leaf().is_some() {
                    r.error(
                        path,
                        format!(
                            "{} ({}) is a leaf criterion: only a group has children whose weights are drawn",
                            c.name, c.code
                        ),
                    );
                } else if !carries(i) {
                    r.error(
                        path,
                        format!(
                            "the group {} ({}) carries no weight (only hurdles or zero weights), so nothing within it is drawn",
                            c.name, c.code
                        ),
                    );
                } else if !seen.insert(g.group.as_str()) {
                    r.error(
                        path,
                        format!("the group {} ({}) is named twice", c.name, c.code),
                    );
                } else {
                    let stranger = |code: &str| {
                        format!(
                            "'{code}' is not one of the children of {} carrying weight",
                            c.name
                        )
                    };
                    let members = Members {
                        codes: children(Some(&c.code)),
                        level: format!("within {} ({}): ", c.name, c.code),
                        stranger: &stranger,
                    };
                    model(r, a, &format!("{path}/weights"), &g.weights, &members);
                }
            }
        }
    }
}

/// One weight model's problems at `path`, over `members`.
fn model(r: &mut Report, a: &Appraisal, path: &str, m: &WeightModel, members: &Members) {
    let level = members.level.as_str();
    let named = |r: &mut Report, path: &str, code: &str, seen: &mut HashSet<String>| {
        let path = format!("{path}/{code}");
        if !members.codes.contains(&code) {
            let message = if a.criteria.iter().any(|c| c.code == code) {
                (members.stranger)(code)
            } else {
                format!("unknown criterion '{code}'")
            };
            r.error(path, format!("{level}{message}"));
        } else if !seen.insert(code.to_owned()) {
            r.error(path, format!("{level}'{code}' is named twice"));
        }
    };
    match m {
        WeightModel::Uniform => {}
        WeightModel::AroundBase { share: x } => share(r, format!("{path}/share"), *x, level),
        WeightModel::Bounds { bounds } => {
            let path = format!("{path}/bounds");
            let mut seen = HashSet::new();
            for b in bounds {
                named(r, &path, &b.criterion, &mut seen);
                if !(0.0 <= b.min && b.min <= b.max && b.max <= 1.0) {
                    r.error(
                        format!("{path}/{}", b.criterion),
                        format!(
                            "{level}the bounds run from {} to {}: they must satisfy 0 <= min <= max <= 1",
                            b.min, b.max
                        ),
                    );
                }
            }
            // Unbounded members may take 0-1; the weights must be able to sum to 1.
            let bound = |code: &str| bounds.iter().find(|b| b.criterion == code);
            let (mut min_sum, mut max_sum) = (0.0, 0.0);
            for code in &members.codes {
                let (lo, hi) = bound(code).map_or((0.0, 1.0), |b| (b.min, b.max));
                min_sum += lo;
                max_sum += hi;
            }
            if !crate::sensitivity::sampling::bounds_admit(min_sum, max_sum) {
                r.error(
                    path,
                    format!(
                        "{level}the weight bounds exclude every weight vector: the minimums sum to {min_sum:.4} and the maximums to {max_sum:.4}, but the weights must sum to 1"
                    ),
                );
            }
        }
        WeightModel::Ranking { ranking } => {
            let path = format!("{path}/ranking");
            let mut seen = HashSet::new();
            for code in ranking {
                named(r, &path, code, &mut seen);
            }
        }
    }
}
