//! What the sensitivity analysis produces, as plain serialisable data so that the CLI's text,
//! its `--json` and the board pack read the same figures.

use serde::Serialize;

use crate::model::{DrawStream, WeightDraw};

/// The whole robustness analysis of one appraisal.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Report {
    /// The base scoring's preferred option.
    pub preferred: Option<String>,
    pub options: Vec<BaseOption>,
    /// One-way weight sensitivity of every weighted group and leaf, in the tree's order.
    pub one_way: Vec<NodeSensitivity>,
    pub tornado: Tornado,
    pub weight_sets: WeightSets,
    pub smaa: SmaaResults,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct BaseOption {
    pub code: String,
    pub name: String,
    pub total: f64,
    pub passes: bool,
}

/// How the totals move as one node's local weight goes from 0 to 1, its siblings' local weights
/// scaled by `(1 - w) / (1 - w0)` (shared equally when `w0 = 1`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct NodeSensitivity {
    pub criterion: String,
    pub name: String,
    /// The group it is weighted within; none at the top level.
    pub parent: Option<String>,
    pub leaf: bool,
    /// The current local weight (0-1).
    pub weight: f64,
    /// Each option's total as a line in the local weight, `total = intercept + slope * w`.
    pub lines: Vec<Line>,
    /// The option leading (highest total among those passing every hurdle) at the current
    /// weight; none if tied or none passes.
    pub leader: Option<String>,
    /// Every weight in 0-1 where the leading option changes, in increasing order.
    pub switch_points: Vec<SwitchPoint>,
    /// The switch point closest to the current weight; none means no switch in 0-100%.
    pub nearest: Option<Nearest>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Line {
    pub option: String,
    /// The total at weight 0.
    pub intercept: f64,
    pub slope: f64,
    /// False for an option failing a hurdle: its line is drawn but it never leads.
    pub passes: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct SwitchPoint {
    /// The local weight (0-1) at which `from` and `to` tie.
    pub weight: f64,
    pub from: String,
    pub to: String,
}

/// How far the weight must move to change the preferred option.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Nearest {
    pub weight: f64,
    /// `|switch - current|` in percentage points of local weight.
    pub points: f64,
    /// `|switch - current| / current`; none when the current weight is 0.
    pub share_of_weight: Option<f64>,
    /// The option that leads beyond the switch point.
    pub to: String,
}

/// Effects on the preferred option's lead over the runner-up, largest first.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Tornado {
    pub preferred: Option<String>,
    /// Lead over the best other option passing every hurdle, in points of the total.
    pub base_lead: Option<f64>,
    /// The share each weight is moved by (0.5 = +/-50% of its value).
    pub share: f64,
    pub items: Vec<TornadoItem>,
    /// Why the tornado is empty, when it is.
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum TornadoKind {
    /// A node's local weight moved down and up by the share.
    Weight,
    /// One option's panel score on one criterion across the panel's lowest and highest score.
    Score,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct TornadoItem {
    pub kind: TornadoKind,
    pub criterion: String,
    /// The option whose score moves (scores only).
    pub option: Option<String>,
    /// Local weight or panel score at the low end.
    pub low: f64,
    pub high: f64,
    /// The preferred option's lead at each end.
    pub lead_low: f64,
    pub lead_high: f64,
    /// Largest minus smallest of the lead at the low end, base and high end.
    pub swing: f64,
}

/// Results under the appraisal's weights and under each named weight set.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct WeightSets {
    pub base: WeightSetResult,
    pub sets: Vec<WeightSetResult>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct WeightSetResult {
    pub code: String,
    pub name: String,
    /// Options in the appraisal's order.
    pub options: Vec<SetOption>,
    pub preferred: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct SetOption {
    pub code: String,
    pub total: f64,
    pub rank: usize,
}

/// A Monte Carlo estimate with its standard error.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Estimate {
    pub value: f64,
    pub se: f64,
}

/// SMAA-2 (Lahdelma & Salminen 2001) over the weighted leaf criteria.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct SmaaResults {
    pub samples: usize,
    pub seed: u64,
    /// How the seed became draws.
    pub stream: DrawStream,
    /// Flat over the weighted leaves, or level by level down the criteria tree.
    pub draw: WeightDraw,
    /// How weights were drawn, in words, to follow "weights" ("drawn level by level down the
    /// criteria tree: the top level's 4 weights uniform on the simplex ...").
    pub weights: String,
    /// Level by level: each level (the top level, then every group carrying weight) and how
    /// its weights were drawn; empty for the flat draw.
    pub levels: Vec<LevelDrawn>,
    /// The largest standard error of an acceptability, `sqrt(0.25 / samples)` (at 50%); each
    /// acceptability `p` carries its own, `sqrt(p (1 - p) / samples)`.
    pub max_standard_error: f64,
    /// How scores were drawn, in words.
    pub scores: String,
    /// The leaf criteria whose weights are sampled (those with weight in the appraisal).
    pub criteria: Vec<String>,
    /// Accepted weight draws over all draws (below 1 only for bounded weights).
    pub acceptance_rate: f64,
    /// Score draws behind each confidence factor.
    pub confidence_samples: usize,
    pub options: Vec<SmaaOption>,
}

/// One level of a level-by-level draw.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct LevelDrawn {
    /// The group's code; none for the top level.
    pub group: Option<String>,
    /// The group's name ("Top level" for the top level).
    pub name: String,
    /// Its children carrying weight, whose local weights this level draws.
    pub criteria: usize,
    /// How, in words: "fixed at the appraisal's weights" or the model's description.
    pub weights: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct SmaaOption {
    pub code: String,
    pub name: String,
    pub passes: bool,
    /// `b^r`: the share of draws in which the option ranks r-th (index 0 = rank 1). Tied options
    /// share the better rank, so shares of one rank can sum past 1 when options tie exactly.
    pub acceptability: Vec<Estimate>,
    /// `a^h = sum_r alpha_r b^r` with linear meta-weights `alpha_r = (m - r) / (m - 1)`.
    pub holistic: Estimate,
    /// `w^c`: the mean weight vector of the draws that make the option first, in the order of
    /// [`SmaaResults::criteria`]; none when it is never first.
    pub central_weights: Option<Vec<Estimate>>,
    /// `p^c`: the share of score draws in which the option is first under its central weights.
    pub confidence: Option<Estimate>,
}
