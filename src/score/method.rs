//! The scoring method's choices, stated as the engine applies them, so that the screen, the
//! command line's JSON and the pack's method section say the same thing a reviewer checks
//! before the answer: how AHP turns comparisons into weights and judges their consistency, the
//! value function and scale of each criterion, and whether the first-ranked option depends on
//! which other options are appraised (rank reversal).

use serde::Serialize;

use super::ahp::{CR_THRESHOLD, RANDOM_INDEX};
use super::hurdles;
use super::{OptionResult, TIE};
use crate::model::{Criterion, Direction, LeafSpec, ValueFunction};

/// How AHP priorities are computed (see [`super::ahp::ahp`]).
pub const AHP_PRIORITIES: &str = "AHP priorities are the principal right eigenvector of the pairwise comparison matrix, found by power iteration from equal weights until no weight moves by more than 1e-12, normalised to sum to 1.";
/// How the consistency of AHP comparisons is judged.
pub const AHP_CONSISTENCY: &str = "Consistency index CI = (λmax − n) / (n − 1), with λmax the principal eigenvalue; consistency ratio CR = CI / RI; a CR above 0.10 is flagged as inconsistent; CR is 0 for two criteria or fewer.";
/// Where the random index table comes from.
pub const RANDOM_INDEX_SOURCE: &str = "Saaty, T.L. (1990) How to make a decision: the analytic hierarchy process. European Journal of Operational Research 48, 9-26: the mean CI of random reciprocal matrices";

/// AHP's method as the engine applies it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct AhpMethod {
    pub priorities: String,
    pub consistency: String,
    /// The random index RI for n = 1, 2, ... 10 criteria (AHP refuses more than 10).
    pub random_index: Vec<f64>,
    pub random_index_source: String,
    /// The consistency ratio above which judgements are flagged.
    pub threshold: f64,
}

impl AhpMethod {
    pub fn stated() -> AhpMethod {
        AhpMethod {
            priorities: AHP_PRIORITIES.to_owned(),
            consistency: AHP_CONSISTENCY.to_owned(),
            random_index: RANDOM_INDEX.to_vec(),
            random_index_source: RANDOM_INDEX_SOURCE.to_owned(),
            threshold: CR_THRESHOLD,
        }
    }

    /// The table in words: "n = 3: 0.58, n = 4: 0.90, ...", from n = 3 (RI is 0 below).
    pub fn table(&self) -> String {
        self.random_index
            .iter()
            .enumerate()
            .skip(2)
            .map(|(i, ri)| format!("n = {}: {ri:.2}", i + 1))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// How a criterion's 0-100 scale is anchored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Scale {
    /// The team set the raw performances (or categories) that score 0 and 100; an option's
    /// value does not depend on the other options. Every value function the model holds is
    /// such a scale: none follows the options' range.
    Fixed,
}

impl Scale {
    /// The scale of a value function: every kind the model has is fixed by its own numbers.
    pub fn of(f: &ValueFunction) -> Scale {
        match f {
            ValueFunction::Linear { .. }
            | ValueFunction::Piecewise { .. }
            | ValueFunction::Categorical { .. } => Scale::Fixed,
        }
    }

    /// The short label the criteria screen shows beside each criterion.
    pub fn label(self) -> &'static str {
        match self {
            Scale::Fixed => "fixed, set by the team",
        }
    }
}

/// One leaf criterion's value function and scale.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct CriterionMethod {
    pub criterion: String,
    pub name: String,
    pub direction: Direction,
    /// "linear", "piecewise linear" or "categorical".
    pub kind: String,
    /// The function in words: "straight line from -10 % (0) to 2 % (100), flat beyond".
    pub function: String,
    pub scale: Scale,
}

/// The value function's kind in words.
pub fn kind(f: &ValueFunction) -> &'static str {
    match f {
        ValueFunction::Linear { .. } => "linear",
        ValueFunction::Piecewise { .. } => "piecewise linear",
        ValueFunction::Categorical { .. } => "categorical",
    }
}

/// The value function in words, exactly as [`super::value`] applies it: "0 at -10 and 100 at
/// 2, in %; straight between, flat beyond".
pub fn function(spec: &LeafSpec) -> String {
    let unit = if spec.unit.trim().is_empty() {
        String::new()
    } else {
        format!(", in {}", spec.unit.trim())
    };
    match &spec.value_function {
        ValueFunction::Linear { worst, best } => {
            format!("0 at {worst} and 100 at {best}{unit}; straight between, flat beyond")
        }
        ValueFunction::Piecewise { points } => format!(
            "{}{unit}; straight between, flat beyond the ends",
            points
                .iter()
                .map(|p| format!("{} at {}", p.value, p.raw))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        ValueFunction::Categorical { categories } => categories
            .iter()
            .map(|c| format!("{} {}", c.label, c.value))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

impl CriterionMethod {
    pub fn of(c: &Criterion, spec: &LeafSpec) -> CriterionMethod {
        CriterionMethod {
            criterion: c.code.clone(),
            name: c.name.clone(),
            direction: spec.direction,
            kind: kind(&spec.value_function).to_owned(),
            function: function(spec),
            scale: Scale::of(&spec.value_function),
        }
    }
}

/// The first-ranked option with each other option taken away in turn.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Removal {
    pub removed: String,
    /// The preferred option among the rest; none when none is (a tie, or all fail a hurdle).
    pub first: Option<String>,
}

/// Whether taking away any one option that is not preferred changes which option is preferred.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct RankReversal {
    /// Criteria whose scale follows the options' range: the only way the totals of the rest
    /// could move when an option goes. None in this model (see [`Scale`]).
    pub range_following: Vec<String>,
    pub removals: Vec<Removal>,
    /// Some removal changes the preferred option.
    pub changes: bool,
}

/// Every option other than the preferred one (every option when none is preferred) taken away
/// in turn, and the preferred option of the rest by the engine's own rule (highest total
/// passing every hurdle, ties preferring none). Each option's total depends only on its own
/// performances when every scale is fixed, so the rest keep their totals: the check is exact.
/// Weights that do not sum prefer nothing, whatever is removed, so then there is nothing to
/// check.
pub fn rank_reversal(
    options: &[OptionResult],
    preferred: Option<&str>,
    provisional: bool,
    criteria: &[(&Criterion, &LeafSpec)],
) -> RankReversal {
    let range_following = criteria
        .iter()
        .filter(|(_, spec)| Scale::of(&spec.value_function) != Scale::Fixed)
        .map(|(c, _)| c.code.clone())
        .collect();
    let removals: Vec<Removal> = if provisional {
        Vec::new()
    } else {
        options
            .iter()
            .filter(|o| Some(o.code.as_str()) != preferred)
            .map(|gone| {
                let rest: Vec<(&str, f64, bool)> = options
                    .iter()
                    .filter(|o| o.code != gone.code)
                    .map(|o| (o.code.as_str(), o.total, o.hurdles.passes))
                    .collect();
                Removal {
                    removed: gone.code.clone(),
                    first: hurdles::preferred(&rest, TIE).map(str::to_owned),
                }
            })
            .collect()
    };
    let changes = removals.iter().any(|r| r.first.as_deref() != preferred);
    RankReversal {
        range_following,
        removals,
        changes,
    }
}

/// The scoring method's choices as applied.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ScoringMethod {
    pub ahp: AhpMethod,
    /// Each leaf criterion, in the tree's order.
    pub criteria: Vec<CriterionMethod>,
    pub rank_reversal: RankReversal,
}

impl RankReversal {
    /// In words, naming options by `name(code)`: what the pack and the validator say.
    pub fn describe(&self, preferred: Option<&str>, name: impl Fn(&str) -> String) -> String {
        let scales = if self.range_following.is_empty() {
            "Every criterion's value scale is fixed (the team set the performances that score 0 and 100), so no option's total depends on which other options are appraised.".to_owned()
        } else {
            format!(
                "The value scales of {} follow the options' range, so the totals depend on which options are appraised.",
                self.range_following.join(", ")
            )
        };
        let check = match (preferred, self.removals.is_empty()) {
            (_, true) => {
                "No option is preferred while the weights do not sum, so the check was not made."
                    .to_owned()
            }
            (Some(p), false) if !self.changes => format!(
                "Checked: removing any one of the {} other options leaves {} preferred.",
                self.removals.len(),
                name(p)
            ),
            (None, false) if !self.changes => format!(
                "No option is preferred, and removing any one of the {} options leaves none preferred.",
                self.removals.len()
            ),
            _ => {
                let changed: Vec<String> = self
                    .removals
                    .iter()
                    .filter(|r| r.first.as_deref() != preferred)
                    .map(|r| {
                        format!(
                            "without {}, {}",
                            name(&r.removed),
                            r.first.as_deref().map_or(
                                "no option is preferred".to_owned(),
                                |f| format!("{} is preferred", name(f))
                            )
                        )
                    })
                    .collect();
                format!(
                    "Removing one option changes which is preferred: {}.",
                    changed.join("; ")
                )
            }
        };
        format!("{scales} {check}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evaluation::Evaluation;
    use crate::model::Appraisal;

    fn without(a: &Appraisal, code: &str) -> Appraisal {
        let mut b = a.clone();
        b.options.retain(|o| o.code != code);
        b.scores.retain(|s| s.option != code);
        b.performances.retain(|p| p.option != code);
        b
    }

    #[test]
    fn the_demo_keeps_its_preferred_option_whichever_other_option_goes() {
        let a = crate::demo::appraisal();
        let e = Evaluation::of(&a);
        let r = e.score().as_ref().unwrap();
        let preferred = r.preferred.clone().unwrap();
        let check = &r.method.rank_reversal;
        assert!(check.range_following.is_empty());
        assert_eq!(check.removals.len(), 4);
        assert!(!check.changes);
        // The check against a full re-scoring without each option, holding the engines'
        // figures: every remaining total is unchanged, so the preferred option is too.
        for removal in &check.removals {
            assert_eq!(removal.first.as_deref(), Some(preferred.as_str()));
            let b = without(&a, &removal.removed);
            let again = crate::score::evaluate_with(&b, &|o, m| e.derived_value(o, m)).unwrap();
            assert_eq!(again.preferred, removal.first);
            for o in &again.options {
                let before = r.options.iter().find(|p| p.code == o.code).unwrap();
                assert_eq!(o.total, before.total, "{}", o.code);
            }
        }
        let name = |code: &str| code.to_owned();
        assert_eq!(
            check.describe(r.preferred.as_deref(), name),
            format!(
                "Every criterion's value scale is fixed (the team set the performances that score 0 and 100), so no option's total depends on which other options are appraised. Checked: removing any one of the 4 other options leaves {preferred} preferred."
            )
        );
        assert_eq!(crate::validate::rank_reversal(r), None);
        assert_eq!(r.method.criteria.len(), 16);
        let margin = &r.method.criteria[0];
        assert_eq!(
            (margin.kind.as_str(), margin.function.as_str(), margin.scale),
            (
                "linear",
                "0 at -10 and 100 at 2, in %; straight between, flat beyond",
                Scale::Fixed
            )
        );
        assert_eq!(
            r.method.ahp.table(),
            "n = 3: 0.58, n = 4: 0.90, n = 5: 1.12, n = 6: 1.24, n = 7: 1.32, n = 8: 1.41, n = 9: 1.45, n = 10: 1.49"
        );
    }

    #[test]
    fn a_tie_at_the_top_is_broken_by_removing_either_and_a_range_scale_would_warn() {
        let mut a = crate::demo::appraisal();
        // Give the runner-up the leader's performances and scores: the two tie.
        let r = Evaluation::of(&a).score().clone().unwrap();
        let mut ranked = r.options.clone();
        ranked.sort_by_key(|o| o.rank);
        let (lead, second) = (ranked[0].code.clone(), ranked[1].code.clone());
        a.scores.retain(|s| s.option != second);
        a.performances.retain(|p| p.option != second);
        let copied: Vec<_> = a
            .scores
            .iter()
            .filter(|s| s.option == lead)
            .map(|s| crate::model::Score {
                option: second.clone(),
                ..s.clone()
            })
            .collect();
        a.scores.extend(copied);
        let copied: Vec<_> = a
            .performances
            .iter()
            .filter(|p| p.option == lead)
            .map(|p| crate::model::Performance {
                option: second.clone(),
                ..p.clone()
            })
            .collect();
        a.performances.extend(copied);
        // Hold the engines' figures equal too: the tie is exact.
        let e = Evaluation::of(&a);
        let derived = |o: &str, m: &str| e.derived_value(if o == second { &lead } else { o }, m);
        let mut r = crate::score::evaluate_with(&a, &derived).unwrap();
        assert_eq!(r.preferred, None);
        let check = &r.method.rank_reversal;
        assert_eq!(check.removals.len(), 5);
        assert!(check.changes);
        let first_without = |code: &str| {
            check
                .removals
                .iter()
                .find(|x| x.removed == code)
                .unwrap()
                .first
                .clone()
        };
        assert_eq!(first_without(&lead), Some(second.clone()));
        assert_eq!(first_without(&second), Some(lead.clone()));
        // Fixed scales: no validation warning, the tie is the scoring's own warning.
        assert_eq!(crate::validate::rank_reversal(&r), None);
        // Were a scale to follow the options' range, validation would say what changes.
        r.method.rank_reversal.range_following = vec!["ACC-AE".into()];
        let warning = crate::validate::rank_reversal(&r).unwrap();
        assert_eq!(warning.path, "criteria");
        assert!(
            warning.message.starts_with("The value scales of ACC-AE follow the options' range, so the totals depend on which options are appraised. Removing one option changes which is preferred: without "),
            "{}",
            warning.message
        );
    }
}
