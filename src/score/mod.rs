//! The scoring engine: pure functions from an [`Appraisal`] to its [`Results`] by the linear
//! additive model of the DCLG "Multi-criteria analysis: a manual" (2009), chapter 6, as the
//! HM Treasury Green Book asks for weighting and scoring of non-monetary benefits.
//!
//! value.rs turns raw performance into 0-100 values, weights.rs multiplies local weights down
//! the tree, panel.rs aggregates the scorers, hurdles.rs keeps failing options from being
//! preferred, ahp.rs checks AHP weightings; results.rs holds what comes out.

pub mod ahp;
pub mod hurdles;
pub mod method;
pub mod panel;
pub mod results;
pub mod sums;
pub mod value;
pub mod weights;
pub mod workshop;

use std::collections::HashMap;

use rustc_hash::FxHashMap;

pub use ahp::{Ahp, AhpError, ahp};
pub use results::*;
pub use value::ValueError;
pub use weights::{WeightError, swing_weights};

use crate::model::{
    Appraisal, Criterion, CriterionKind, LeafSpec, RawValue, Source, WeightingMethod,
};
use hurdles::{FailedHurdle, HurdleStatus};

/// The derived metric read as an option's NPV against do minimum until the finance engine
/// computes it.
pub const NPV_METRIC: &str = "finance.npv_vs_do_minimum";
/// Totals this close are tied for ranking and for the preferred option.
pub const TIE: f64 = 1e-9;
/// Stored and implied weights this close match.
const MATCH_TOLERANCE: f64 = 1e-6;

/// Input that cannot be scored; each names the criterion, option and scorer concerned.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ScoreError {
    #[error("the appraisal has no criteria")]
    NoCriteria,
    #[error(
        "the panel scale runs from {min} to {max}: its minimum must be a number below its maximum"
    )]
    BadScale { min: f64, max: f64 },
    #[error("two criteria have the code '{0}'")]
    DuplicateCriterion(String),
    #[error("two options have the code '{0}'")]
    DuplicateOption(String),
    #[error(transparent)]
    Weight(#[from] WeightError),
    #[error("{criterion}: {source}")]
    ValueFunction {
        criterion: String,
        source: ValueError,
    },
    #[error("{criterion}: the hurdle's pass value {pass_value} is not a number")]
    BadHurdle { criterion: String, pass_value: f64 },
    #[error("{option} on {criterion}: {source}")]
    Value {
        option: String,
        criterion: String,
        source: ValueError,
    },
    #[error("a {what} on criterion '{criterion}' names the unknown option '{option}'")]
    UnknownOption {
        what: &'static str,
        option: String,
        criterion: String,
    },
    #[error("a {what} for option '{option}' names the unknown criterion '{criterion}'")]
    UnknownCriterion {
        what: &'static str,
        option: String,
        criterion: String,
    },
    #[error("a score for {option} on {criterion} names the unknown scorer '{scorer}'")]
    UnknownScorer {
        option: String,
        criterion: String,
        scorer: String,
    },
    #[error(
        "{option} on {criterion}: {scorer} scored {value}, outside the panel scale {min} to {max}"
    )]
    ScoreOutOfScale {
        option: String,
        criterion: String,
        scorer: String,
        value: f64,
        min: f64,
        max: f64,
    },
    #[error("{option} on {criterion}: {scorer} has scored it twice")]
    DuplicateScore {
        option: String,
        criterion: String,
        scorer: String,
    },
    #[error("{option} on {criterion}: the performance is recorded twice")]
    DuplicatePerformance { option: String, criterion: String },
    #[error("{option} on {criterion}: no panel member has scored it")]
    NoScores { option: String, criterion: String },
    #[error("{option} on {criterion}: no performance is recorded{}", metric.as_ref().map(|m| format!(" (derived metric {m}); enter one by hand until its engine computes it")).unwrap_or_default())]
    MissingPerformance {
        option: String,
        criterion: String,
        metric: Option<String>,
    },
    #[error("the weighting of {parent} names '{criterion}', which is not one of its criteria")]
    WeightingCriterion { parent: String, criterion: String },
    #[error("the weighting of {parent} is under '{parent}', which is not a group")]
    WeightingParent { parent: String },
    #[error("the AHP weighting of {parent} orders {order} criteria but its matrix has {rows} rows")]
    AhpOrder {
        parent: String,
        order: usize,
        rows: usize,
    },
    #[error("the AHP weighting of {parent}: {source}")]
    Ahp { parent: String, source: AhpError },
    #[error("the swing weighting of {parent}: {source}")]
    Swing { parent: String, source: WeightError },
}

/// Codes are short, trusted strings: a fast non-cryptographic hash keeps ~15,000 lookups cheap.
type Index<'a> = FxHashMap<&'a str, usize>;

fn index<'a>(codes: impl Iterator<Item = &'a str>) -> Result<Index<'a>, &'a str> {
    let mut map = Index::default();
    for (i, code) in codes.enumerate() {
        if map.insert(code, i).is_some() {
            return Err(code);
        }
    }
    Ok(map)
}

fn label(name: &str, code: &str) -> String {
    format!("{name} ({code})")
}

fn criterion_label(c: &Criterion) -> String {
    label(&c.name, &c.code)
}

/// Each option's cost for value for money: minus its NPV against do minimum (GBP m), from the
/// engine that computes [`NPV_METRIC`] when it can, else from a hand-entered value.
pub fn option_costs(a: &Appraisal, derived: &Derived) -> HashMap<String, f64> {
    let mut costs: HashMap<String, f64> = a
        .options
        .iter()
        .filter_map(|o| derived(&o.code, NPV_METRIC).map(|npv| (o.code.clone(), 0.0 - npv)))
        .collect();
    let npv_leaves: Vec<&str> = a
        .criteria
        .iter()
        .filter(|c| {
            matches!(c.leaf(), Some(LeafSpec { source: Source::Derived { metric }, .. }) if metric == NPV_METRIC)
        })
        .map(|c| c.code.as_str())
        .collect();
    a.performances
        .iter()
        .filter(|p| npv_leaves.contains(&p.criterion.as_str()))
        .filter_map(|p| match p.value {
            RawValue::Number(npv) if npv.is_finite() => Some((p.option.clone(), 0.0 - npv)),
            _ => None,
        })
        .for_each(|(option, cost)| {
            costs.entry(option).or_insert(cost);
        });
    costs
}

/// Competition ranks ("1224") of totals: one more than the number of strictly better totals.
pub fn competition_ranks(totals: &[f64]) -> Vec<usize> {
    totals
        .iter()
        .map(|t| 1 + totals.iter().filter(|u| **u > t + TIE).count())
        .collect()
}

/// For each option, the options that dominate it on (benefit, cost): at least as much benefit
/// at no more cost, strictly better on one. Options without a cost are left out.
pub fn dominators(points: &[(f64, Option<f64>)]) -> Vec<Vec<usize>> {
    points
        .iter()
        .map(|&(b, c)| {
            let Some(c) = c else { return Vec::new() };
            points
                .iter()
                .enumerate()
                .filter(|(_, (bj, cj))| {
                    cj.is_some_and(|cj| *bj >= b && cj <= c && (*bj > b || cj < c))
                })
                .map(|(j, _)| j)
                .collect()
        })
        .collect()
}

struct Leaf<'a> {
    criterion: &'a Criterion,
    spec: &'a LeafSpec,
    position: usize,
}

/// Supplies derived metrics computed by the other engines: `(option code, metric) -> value`.
pub type Derived<'a> = dyn Fn(&str, &str) -> Option<f64> + 'a;

/// Scores every option from recorded performances only (no engine supplies derived metrics).
pub fn evaluate(a: &Appraisal) -> Result<Results, ScoreError> {
    evaluate_with(a, &|_, _| None)
}

/// Scores every option: values, weighted totals, group subtotals, ranks, hurdles, the preferred
/// option, panel dispersion and value for money. A derived criterion takes its raw value from
/// `derived` when an engine computed it, and otherwise from a hand-entered performance. Fails on
/// the first input that cannot be scored, naming it, rather than producing a misleading number.
pub fn evaluate_with(a: &Appraisal, derived: &Derived) -> Result<Results, ScoreError> {
    let scale = &a.settings.panel_scale;
    if !(scale.min.is_finite() && scale.max.is_finite() && scale.min < scale.max) {
        return Err(ScoreError::BadScale {
            min: scale.min,
            max: scale.max,
        });
    }
    if a.criteria.is_empty() {
        return Err(ScoreError::NoCriteria);
    }
    let criteria_index = index(a.criteria.iter().map(|c| c.code.as_str()))
        .map_err(|c| ScoreError::DuplicateCriterion(c.to_owned()))?;
    let option_index = index(a.options.iter().map(|o| o.code.as_str()))
        .map_err(|c| ScoreError::DuplicateOption(c.to_owned()))?;
    let scorer_index = index(a.scorers.iter().map(|s| s.code.as_str())).unwrap_or_else(|_| {
        // A repeated scorer code still names one scorer; keep the first.
        let mut m = Index::default();
        for (i, s) in a.scorers.iter().enumerate() {
            m.entry(s.code.as_str()).or_insert(i);
        }
        m
    });
    let tree = weights::hierarchy(&a.criteria, criterion_label)?;

    // Leaves, with their value functions checked once.
    let mut leaves = Vec::new();
    let mut leaf_of = vec![usize::MAX; a.criteria.len()];
    for (position, c) in a.criteria.iter().enumerate() {
        if let CriterionKind::Leaf(spec) = &c.kind {
            value::check(&spec.value_function).map_err(|source| ScoreError::ValueFunction {
                criterion: criterion_label(c),
                source,
            })?;
            if let Some(h) = &spec.hurdle
                && !h.pass_value.is_finite()
            {
                return Err(ScoreError::BadHurdle {
                    criterion: criterion_label(c),
                    pass_value: h.pass_value,
                });
            }
            leaf_of[position] = leaves.len();
            leaves.push(Leaf {
                criterion: c,
                spec,
                position,
            });
        }
    }
    // A leaf at the top level stands as a group of its own, so the top-level parts of every
    // total (the ranking's columns, the stacked chart) always add up to it.
    let groups: Vec<usize> = a
        .criteria
        .iter()
        .enumerate()
        .filter(|(_, c)| matches!(c.kind, CriterionKind::Group) || c.parent.is_none())
        .map(|(i, _)| i)
        .collect();
    let mut group_of = vec![usize::MAX; a.criteria.len()];
    for (g, &i) in groups.iter().enumerate() {
        group_of[i] = g;
    }

    let (no, nl) = (a.options.len(), leaves.len());
    let option_label = |o: usize| label(&a.options[o].name, &a.options[o].code);

    // Panel scores by cell (option x leaf), gathered into one flat buffer by counting sort:
    // a few allocations instead of one vector per cell keeps 15,000 scores cheap.
    let mut resolved: Vec<(usize, usize, f64)> = Vec::with_capacity(a.scores.len());
    let mut last: Option<(&str, usize, &str, usize)> = None;
    let mut last_scorer = usize::MAX;
    for s in &a.scores {
        // Scores usually come grouped by option and criterion: reuse the last look-up.
        let (o, c) = match last {
            Some((lo, o, lc, c)) if lo == s.option && lc == s.criterion => (o, c),
            _ => {
                let Some(&o) = option_index.get(s.option.as_str()) else {
                    return Err(ScoreError::UnknownOption {
                        what: "score",
                        option: s.option.clone(),
                        criterion: s.criterion.clone(),
                    });
                };
                let Some(&c) = criteria_index.get(s.criterion.as_str()) else {
                    return Err(ScoreError::UnknownCriterion {
                        what: "score",
                        option: option_label(o),
                        criterion: s.criterion.clone(),
                    });
                };
                last = Some((s.option.as_str(), o, s.criterion.as_str(), c));
                (o, c)
            }
        };
        let criterion = &a.criteria[c];
        // Scorers usually come in panel order within a cell: try the next one before hashing.
        let guess = last_scorer.wrapping_add(1);
        let scorer = if guess < a.scorers.len() && a.scorers[guess].code == s.scorer {
            Some(guess)
        } else if a.scorers.first().is_some_and(|f| f.code == s.scorer) {
            Some(0)
        } else {
            scorer_index.get(s.scorer.as_str()).copied()
        };
        let Some(scorer) = scorer else {
            return Err(ScoreError::UnknownScorer {
                option: option_label(o),
                criterion: criterion_label(criterion),
                scorer: s.scorer.clone(),
            });
        };
        if !(scale.min..=scale.max).contains(&s.value) {
            return Err(ScoreError::ScoreOutOfScale {
                option: option_label(o),
                criterion: criterion_label(criterion),
                scorer: label(&a.scorers[scorer].name, &s.scorer),
                value: s.value,
                min: scale.min,
                max: scale.max,
            });
        }
        let l = leaf_of[c];
        if l == usize::MAX || leaves[l].spec.source != Source::Panel {
            continue; // Not panel-scored: `validate` warns that the score is ignored.
        }
        last_scorer = scorer;
        resolved.push((o * nl + l, scorer, s.value));
    }
    let mut start = vec![0usize; no * nl + 1];
    for &(cell, _, _) in &resolved {
        start[cell + 1] += 1;
    }
    for i in 1..start.len() {
        start[i] += start[i - 1];
    }
    let mut fill = start.clone();
    let mut flat = vec![(0usize, 0.0f64); resolved.len()];
    for &(cell, scorer, value) in &resolved {
        flat[fill[cell]] = (scorer, value);
        fill[cell] += 1;
    }
    let cell_scores = |cell: usize| &flat[start[cell]..start[cell + 1]];
    let mut seen_in = vec![usize::MAX; a.scorers.len()];
    for cell in 0..no * nl {
        for &(scorer, _) in cell_scores(cell) {
            if seen_in[scorer] == cell {
                let leaf = leaves[cell % nl].criterion;
                return Err(ScoreError::DuplicateScore {
                    option: option_label(cell / nl),
                    criterion: criterion_label(leaf),
                    scorer: label(&a.scorers[scorer].name, &a.scorers[scorer].code),
                });
            }
            seen_in[scorer] = cell;
        }
    }

    // Recorded performances by cell.
    let mut recorded: Vec<Option<&crate::model::Performance>> = vec![None; no * nl];
    for p in &a.performances {
        let Some(&o) = option_index.get(p.option.as_str()) else {
            return Err(ScoreError::UnknownOption {
                what: "performance",
                option: p.option.clone(),
                criterion: p.criterion.clone(),
            });
        };
        let Some(&c) = criteria_index.get(p.criterion.as_str()) else {
            return Err(ScoreError::UnknownCriterion {
                what: "performance",
                option: option_label(o),
                criterion: p.criterion.clone(),
            });
        };
        let l = leaf_of[c];
        if l == usize::MAX || leaves[l].spec.source == Source::Panel {
            continue;
        }
        let slot = &mut recorded[o * nl + l];
        if slot.is_some() {
            return Err(ScoreError::DuplicatePerformance {
                option: option_label(o),
                criterion: criterion_label(&a.criteria[c]),
            });
        }
        *slot = Some(p);
    }

    let costs = option_costs(a, derived);
    let mut disagreements = Vec::new();
    let mut missing_scores = Vec::new();
    let mut options = Vec::with_capacity(no);
    let mut scratch = Vec::with_capacity(a.scorers.len());
    for (o, option) in a.options.iter().enumerate() {
        let mut total = 0.0;
        let mut group_value = vec![0.0; groups.len()];
        let mut hurdles = HurdleStatus {
            passes: true,
            failed: Vec::new(),
        };
        let mut leaf_results = Vec::with_capacity(nl);
        for (l, leaf) in leaves.iter().enumerate() {
            let c = leaf.criterion;
            let (raw, scores, manual, panel) = match &leaf.spec.source {
                Source::Panel => {
                    let cell = cell_scores(o * nl + l);
                    // Scores are unique per scorer (checked above), so a full cell misses none.
                    let complete = cell.len() == a.scorers.len();
                    for (k, scorer) in a.scorers.iter().enumerate() {
                        if !complete && !cell.iter().any(|(s, _)| *s == k) {
                            missing_scores.push(MissingScore {
                                option: option.code.clone(),
                                criterion: c.code.clone(),
                                scorer: scorer.code.clone(),
                            });
                        }
                    }
                    scratch.clear();
                    scratch.extend(cell.iter().map(|(_, v)| *v));
                    scratch.sort_by(f64::total_cmp); // lets the median skip its copy
                    let (Some(aggregate), Some(dispersion)) = (
                        panel::aggregate(&scratch, a.settings.aggregation),
                        panel::dispersion(&scratch),
                    ) else {
                        return Err(ScoreError::NoScores {
                            option: option_label(o),
                            criterion: criterion_label(c),
                        });
                    };
                    let disagreement = panel::disagrees(&dispersion, a.settings.disagreement_range);
                    if disagreement {
                        disagreements.push(Disagreement {
                            option: option.code.clone(),
                            criterion: c.code.clone(),
                            range: dispersion.range,
                            min: dispersion.min,
                            max: dispersion.max,
                        });
                    }
                    let n = dispersion.n;
                    let stats = PanelStats {
                        aggregate,
                        dispersion,
                        disagreement,
                    };
                    (RawValue::Number(aggregate), Some(n), false, Some(stats))
                }
                Source::Derived { metric } if let Some(x) = derived(&option.code, metric) => {
                    (RawValue::Number(x), None, false, None)
                }
                Source::Assessment | Source::Derived { .. } => {
                    let Some(p) = recorded[o * nl + l] else {
                        return Err(ScoreError::MissingPerformance {
                            option: option_label(o),
                            criterion: criterion_label(c),
                            metric: match &leaf.spec.source {
                                Source::Derived { metric } => Some(metric.clone()),
                                _ => None,
                            },
                        });
                    };
                    (p.value.clone(), None, p.manual, None)
                }
            };
            let v = value::of_raw(&leaf.spec.value_function, &raw).map_err(|source| {
                ScoreError::Value {
                    option: option_label(o),
                    criterion: criterion_label(c),
                    source,
                }
            })?;
            let global_weight = tree.global[leaf.position];
            let contribution = global_weight * v;
            total += contribution;
            for &(ancestor, within) in &tree.ancestors[leaf.position] {
                group_value[group_of[ancestor]] += within * v;
            }
            if let Some(own) = group_value.get_mut(group_of[leaf.position]) {
                *own = v;
            }
            if let Some(h) = &leaf.spec.hurdle
                && !hurdles::passes(h, v)
            {
                hurdles.passes = false;
                hurdles.failed.push(FailedHurdle {
                    criterion: c.code.clone(),
                    name: c.name.clone(),
                    value: v,
                    pass_value: h.pass_value,
                });
            }
            leaf_results.push(LeafResult {
                criterion: c.code.clone(),
                name: c.name.clone(),
                raw,
                scores,
                value: v,
                global_weight,
                contribution,
                manual,
                panel,
            });
        }
        options.push(OptionResult {
            code: option.code.clone(),
            name: option.name.clone(),
            total,
            rank: 0,
            hurdles,
            preferred: false,
            groups: groups
                .iter()
                .zip(&group_value)
                .map(|(&g, &value)| GroupScore {
                    code: a.criteria[g].code.clone(),
                    contribution: tree.global[g] * value,
                    value,
                })
                .collect(),
            leaves: leaf_results,
            value_for_money: ValueForMoney {
                benefit: total,
                cost: costs.get(&option.code).copied(),
                dominated: false,
                dominated_by: Vec::new(),
            },
        });
    }

    let totals: Vec<f64> = options.iter().map(|o| o.total).collect();
    for (o, rank) in options.iter_mut().zip(competition_ranks(&totals)) {
        o.rank = rank;
    }
    let standing: Vec<(&str, f64, bool)> = options
        .iter()
        .map(|o| (o.code.as_str(), o.total, o.hurdles.passes))
        .collect();
    // Weights that do not sum would rank the options on a weighting nobody agreed: the ranks
    // stay, marked provisional, but nothing is preferred until they sum.
    let provisional = sums::reason(&a.criteria);
    let preferred = match provisional {
        Some(_) => None,
        None => hurdles::preferred(&standing, TIE).map(str::to_owned),
    };
    let mut warnings = Vec::new();
    if provisional.is_none() && preferred.is_none() && standing.iter().any(|s| s.2) {
        warnings.push(
            "two or more options passing every hurdle share the highest total: none is preferred"
                .to_owned(),
        );
    }
    let points: Vec<(f64, Option<f64>)> = options
        .iter()
        .map(|o| (o.value_for_money.benefit, o.value_for_money.cost))
        .collect();
    let dominated_by = dominators(&points);
    for (o, by) in options.iter_mut().zip(dominated_by) {
        o.preferred = preferred.as_deref() == Some(o.code.as_str());
        o.value_for_money.dominated = !by.is_empty();
        o.value_for_money.dominated_by = by.iter().map(|&j| a.options[j].code.clone()).collect();
    }

    let weightings = check_weightings(a, &criteria_index, &mut warnings)?;
    sibling_sums(a, &mut warnings);
    let leaf_specs: Vec<(&Criterion, &LeafSpec)> =
        leaves.iter().map(|l| (l.criterion, l.spec)).collect();
    let method = method::ScoringMethod {
        ahp: method::AhpMethod::stated(),
        criteria: leaf_specs
            .iter()
            .map(|(c, spec)| method::CriterionMethod::of(c, spec))
            .collect(),
        rank_reversal: method::rank_reversal(
            &options,
            preferred.as_deref(),
            provisional.is_some(),
            &leaf_specs,
        ),
    };

    Ok(Results {
        options,
        groups: groups
            .iter()
            .map(|&g| {
                let c = &a.criteria[g];
                GroupInfo {
                    code: c.code.clone(),
                    name: c.name.clone(),
                    parent: c.parent.clone(),
                    top_level: c.parent.is_none(),
                    leaf: !matches!(c.kind, CriterionKind::Group),
                    global_weight: tree.global[g],
                }
            })
            .collect(),
        preferred,
        provisional,
        aggregation: a.settings.aggregation,
        disagreements,
        missing_scores,
        weightings,
        warnings,
        method,
    })
}

/// The weights each swing or AHP weighting implies, against the stored local weights.
fn check_weightings(
    a: &Appraisal,
    criteria_index: &Index<'_>,
    warnings: &mut Vec<String>,
) -> Result<Vec<WeightingCheck>, ScoreError> {
    let mut checks = Vec::new();
    for w in &a.weightings {
        let parent = match &w.parent {
            None => "the top level".to_owned(),
            Some(p) => match criteria_index.get(p.as_str()) {
                Some(&i) if matches!(a.criteria[i].kind, CriterionKind::Group) => {
                    criterion_label(&a.criteria[i])
                }
                _ => return Err(ScoreError::WeightingParent { parent: p.clone() }),
            },
        };
        let child = |code: &str| {
            a.criteria
                .iter()
                .find(|c| c.code == code && c.parent == w.parent)
                .ok_or_else(|| ScoreError::WeightingCriterion {
                    parent: parent.clone(),
                    criterion: code.to_owned(),
                })
        };
        let (method, pairs, ahp_result) = match &w.method {
            WeightingMethod::Direct => continue,
            WeightingMethod::Swing { ratings } => {
                let values: Vec<f64> = ratings.iter().map(|r| r.value).collect();
                let implied = swing_weights(&values).map_err(|source| ScoreError::Swing {
                    parent: parent.clone(),
                    source,
                })?;
                let mut pairs = Vec::new();
                for (r, x) in ratings.iter().zip(implied) {
                    pairs.push((child(&r.criterion)?, x));
                }
                ("swing", pairs, None)
            }
            WeightingMethod::Ahp { order, matrix } => {
                if order.len() != matrix.len() {
                    return Err(ScoreError::AhpOrder {
                        parent,
                        order: order.len(),
                        rows: matrix.len(),
                    });
                }
                let result = ahp(matrix).map_err(|source| ScoreError::Ahp {
                    parent: parent.clone(),
                    source,
                })?;
                let mut pairs = Vec::new();
                for (code, x) in order.iter().zip(&result.weights) {
                    pairs.push((child(code)?, *x));
                }
                if !result.consistent() {
                    warnings.push(format!(
                        "the AHP judgements for {parent} are inconsistent: CR {:.3} is above {:.2}",
                        result.cr,
                        ahp::CR_THRESHOLD
                    ));
                }
                ("ahp", pairs, Some(result))
            }
        };
        // Siblings the elicitation left out imply a weight of 0.
        let mut weights: Vec<ImpliedWeight> = a
            .criteria
            .iter()
            .filter(|c| c.parent == w.parent)
            .map(|c| ImpliedWeight {
                criterion: c.code.clone(),
                implied: pairs
                    .iter()
                    .filter(|(p, _)| p.code == c.code)
                    .map(|(_, x)| x)
                    .sum(),
                stored: c.weight,
            })
            .collect();
        weights.sort_by_key(|x| {
            pairs
                .iter()
                .position(|(p, _)| p.code == x.criterion)
                .unwrap_or(usize::MAX)
        });
        let matches = weights
            .iter()
            .all(|x| (x.implied - x.stored).abs() <= MATCH_TOLERANCE);
        if !matches {
            warnings.push(format!(
                "the stored weights under {parent} differ from those its {method} weighting implies"
            ));
        }
        checks.push(WeightingCheck {
            parent: w.parent.clone(),
            method: method.to_owned(),
            weights,
            matches,
            consistent: ahp_result.as_ref().is_none_or(Ahp::consistent),
            ahp: ahp_result,
        });
    }
    Ok(checks)
}

/// Warns where siblings' weights do not sum to 1, since totals are then not on 0-100.
fn sibling_sums(a: &Appraisal, warnings: &mut Vec<String>) {
    for u in sums::unsummed(&a.criteria) {
        warnings.push(format!(
            "the weights under {} sum to {:.4}, not 1: totals are not on a 0-100 scale",
            u.parent.as_deref().unwrap_or("the top level"),
            u.sum
        ));
    }
}

#[cfg(test)]
mod tests;
