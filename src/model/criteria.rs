use serde::{Deserialize, Serialize};

/// Sibling weights must sum to 1 within this: the validator, the scoring engine's sum check and
/// the weight editor's spreading all hold weights to the same tolerance, so it lives with the
/// weights rather than in any one of them.
pub const WEIGHT_TOLERANCE: f64 = 1e-6;

/// A node of the criteria tree: a group or a leaf criterion, with its local weight.
///
/// The tree is stored flat; `parent` links a node to its group (none at the top level).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    pub code: String,
    pub name: String,
    pub description: String,
    pub parent: Option<String>,
    /// Weight relative to its siblings; siblings' weights sum to 1.
    pub weight: f64,
    pub kind: CriterionKind,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum CriterionKind {
    Group,
    Leaf(LeafSpec),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct LeafSpec {
    pub source: Source,
    pub direction: Direction,
    pub unit: String,
    pub value_function: ValueFunction,
    /// A pass/fail test: an option that fails it is scored and shown but never preferred.
    pub hurdle: Option<Hurdle>,
}

/// Where a leaf's raw performance comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum Source {
    /// Scored by each member of the panel on the appraisal's panel scale.
    Panel,
    /// One recorded judgement or fact per option (hurdle tests, CQC ratings).
    Assessment,
    /// Produced by an engine (finance, travel), e.g. `finance.margin_final_year`.
    Derived { metric: String },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    HigherIsBetter,
    LowerIsBetter,
}

/// Turns raw performance into a 0-100 value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum ValueFunction {
    /// Straight line from `worst` (0) to `best` (100), clamped outside.
    Linear { worst: f64, best: f64 },
    /// Straight lines between points, sorted by raw value.
    Piecewise { points: Vec<Point> },
    /// A value for each category, e.g. CQC rating or Pass/Fail.
    Categorical { categories: Vec<Category> },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Point {
    pub raw: f64,
    pub value: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Category {
    pub label: String,
    pub value: f64,
}

/// The lowest 0-100 value that passes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Hurdle {
    pub pass_value: f64,
}

/// How the local weights of one parent's children were set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Weighting {
    /// The group whose children are weighted; none for the top level.
    pub parent: Option<String>,
    pub method: WeightingMethod,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum WeightingMethod {
    /// Weights typed in directly.
    Direct,
    /// Swing weighting: each child's swing rated against the largest (100).
    Swing { ratings: Vec<WeightSetEntry> },
    /// AHP pairwise comparison; `matrix[i][j]` compares `order[i]` with `order[j]`.
    Ahp {
        order: Vec<String>,
        matrix: Vec<Vec<f64>>,
    },
}

/// A named alternative set of local weights (finance-led, clinical-led, ...).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct WeightSet {
    pub code: String,
    pub name: String,
    pub description: String,
    pub weights: Vec<WeightSetEntry>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct WeightSetEntry {
    pub criterion: String,
    pub value: f64,
}

impl Criterion {
    pub fn leaf(&self) -> Option<&LeafSpec> {
        match &self.kind {
            CriterionKind::Leaf(spec) => Some(spec),
            CriterionKind::Group => None,
        }
    }
}
