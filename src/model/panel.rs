use serde::{Deserialize, Serialize};

/// A member of the scoring panel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Scorer {
    pub code: String,
    pub name: String,
    pub role: String,
}

/// One scorer's score for one option on one panel-scored criterion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Score {
    pub option: String,
    pub criterion: String,
    pub scorer: String,
    pub value: f64,
    pub rationale: String,
    pub evidence: String,
}

/// A single recorded performance of an option on an assessed or derived criterion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Performance {
    pub option: String,
    pub criterion: String,
    pub value: RawValue,
    pub evidence: String,
    /// A derived metric typed in by hand rather than computed by its engine.
    pub manual: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum RawValue {
    Number(f64),
    Category(String),
}
