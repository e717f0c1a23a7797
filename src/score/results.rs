//! What scoring produces: everything the ranking table, charts and board pack report, as plain
//! serialisable data so the UI and the `--json` output read the same thing.

use serde::Serialize;

use super::ahp::Ahp;
use super::hurdles::HurdleStatus;
use super::panel::Dispersion;
use crate::model::{Aggregation, RawValue};

/// The scored appraisal.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Results {
    /// Options in the appraisal's order (see `rank` for the ranking).
    pub options: Vec<OptionResult>,
    /// Every group of the criteria tree, in the tree's order; `top_level` ones are the table's
    /// columns.
    pub groups: Vec<GroupInfo>,
    /// Highest total among options passing every hurdle; none if all fail, the top is tied or
    /// the weights do not sum (see `provisional`).
    pub preferred: Option<String>,
    /// Why the ranks are provisional and no option is preferred: a group's weights do not sum
    /// to 100% ("weights do not sum to 100%: the top-level groups sum to 70%"), so the totals
    /// are not the weighting anyone agreed. None when the ranking stands.
    pub provisional: Option<String>,
    pub aggregation: Aggregation,
    /// Cells whose scores span more than the appraisal's disagreement range.
    pub disagreements: Vec<Disagreement>,
    /// Scores not given; left out of the aggregate rather than counted as zero.
    pub missing_scores: Vec<MissingScore>,
    /// For each swing or AHP weighting, the weights its method implies against those stored.
    pub weightings: Vec<WeightingCheck>,
    /// Things a reader should know (inconsistent AHP, weights not summing to 1, tied top).
    pub warnings: Vec<String>,
    /// The method's choices as applied: AHP, each criterion's value function and scale, and
    /// whether removing an option changes the preferred one.
    pub method: super::method::ScoringMethod,
}

/// A criteria group, or a leaf at the top level, which stands as a group of its own.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct GroupInfo {
    pub code: String,
    pub name: String,
    pub parent: Option<String>,
    pub top_level: bool,
    /// A top-level leaf rather than a group.
    pub leaf: bool,
    pub global_weight: f64,
}

/// One option's result.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct OptionResult {
    pub code: String,
    pub name: String,
    /// Sum over leaves of global weight x value: 0-100 when sibling weights sum to 1.
    pub total: f64,
    /// Competition ranking by total ("1224"): tied totals share the better rank and the next
    /// rank is skipped. Totals within 1e-9 count as tied.
    pub rank: usize,
    pub hurdles: HurdleStatus,
    pub preferred: bool,
    /// One entry per group, in the order of [`Results::groups`].
    pub groups: Vec<GroupScore>,
    pub leaves: Vec<LeafResult>,
    pub value_for_money: ValueForMoney,
}

/// An option's standing within one group.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct GroupScore {
    pub code: String,
    /// The group's share of the total: sum of its leaves' contributions.
    pub contribution: f64,
    /// The option's 0-100 value on the group alone (weights within the group), so a group
    /// with no weight, such as pass/fail tests, still shows how the option did.
    pub value: f64,
}

/// One option on one leaf criterion.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct LeafResult {
    pub criterion: String,
    pub name: String,
    /// The recorded performance, or the panel's aggregate score on the panel scale.
    pub raw: RawValue,
    /// Number of panel scores behind `raw`; none for assessed and derived leaves.
    pub scores: Option<usize>,
    /// 0-100 through the leaf's value function.
    pub value: f64,
    pub global_weight: f64,
    /// global weight x value: this leaf's points in the total.
    pub contribution: f64,
    /// A derived metric entered by hand, not computed by its engine: reports say so.
    pub manual: bool,
    /// The panel's aggregate and spread, for panel-scored leaves: the rows of the dispersion
    /// table (see [`Results::panel_table`]).
    pub panel: Option<PanelStats>,
}

/// Benefit against cost, for the efficiency frontier.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ValueForMoney {
    /// The total weighted value.
    pub benefit: f64,
    /// GBP m: minus the NPV against do minimum; none when not known.
    pub cost: Option<f64>,
    /// Another option has at least the benefit at no more cost, and is strictly better on one.
    pub dominated: bool,
    /// The options that dominate this one.
    pub dominated_by: Vec<String>,
}

/// The panel's figures for one option x criterion cell.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct PanelStats {
    /// The aggregate (mean or median) on the panel scale.
    pub aggregate: f64,
    pub dispersion: Dispersion,
    /// The range exceeds the appraisal's disagreement range.
    pub disagreement: bool,
}

impl Results {
    /// The panel dispersion table: (option, criterion, figures) for every panel-scored cell,
    /// option by option in the criteria's order.
    pub fn panel_table(&self) -> impl Iterator<Item = (&str, &str, &PanelStats)> {
        self.options.iter().flat_map(|o| {
            o.leaves.iter().filter_map(move |l| {
                l.panel
                    .as_ref()
                    .map(|p| (o.code.as_str(), l.criterion.as_str(), p))
            })
        })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Disagreement {
    pub option: String,
    pub criterion: String,
    pub range: f64,
    pub min: f64,
    pub max: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct MissingScore {
    pub option: String,
    pub criterion: String,
    pub scorer: String,
}

/// Whether the weights stored under a parent are the ones its elicitation implies.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct WeightingCheck {
    /// The group whose children are weighted; none for the top level.
    pub parent: Option<String>,
    /// "swing" or "ahp".
    pub method: String,
    pub weights: Vec<ImpliedWeight>,
    /// Every implied weight equals the stored one within 1e-6.
    pub matches: bool,
    /// Eigenvector, lambda_max, CI and CR for AHP.
    pub ahp: Option<Ahp>,
    /// CR <= 0.10 (always true for swing).
    pub consistent: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ImpliedWeight {
    pub criterion: String,
    pub implied: f64,
    pub stored: f64,
}
