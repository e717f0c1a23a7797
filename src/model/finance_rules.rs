//! Editable thresholds, weights and override rules of the regulators' financial risk ratings,
//! with the published values as defaults.
//!
//! Sources: Monitor, *Risk Assessment Framework* (August 2013), Continuity of Service Risk
//! Rating (CoSRR); NHS Improvement, *Single Oversight Framework* (September 2016), use of
//! resources finance score. The two scales run opposite ways: in the CoSRR 4 = least risk, in
//! the SOF 1 = best. The boundary conventions (which band a value exactly on a threshold falls
//! in) could not be checked against the source text, so each boundary says whether it is
//! inclusive; the defaults follow the ranges as usually quoted ("> 2.5" for a CoSRR 4, ">= 2.5"
//! for a SOF 1, "<= -1%" for a SOF 4 on margin) and every one can be changed.

use serde::{Deserialize, Serialize};

/// Which way a metric improves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Better {
    Higher,
    Lower,
}

/// A boundary between two adjacent ratings: a value that reaches `value` gets the better one.
/// `inclusive`: a value exactly on the boundary reaches it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Cut {
    pub value: f64,
    pub inclusive: bool,
}

/// One metric's rating bands and its weight in the overall rating.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct MetricBands {
    pub better: Better,
    /// Boundaries from the best rating down: `cuts[0]` separates the best from the second best.
    /// A value that reaches no boundary gets the worst rating.
    pub cuts: Vec<Cut>,
    pub weight: f64,
}

/// How the weighted mean of metric ratings becomes a whole overall rating.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Rounding {
    /// To the larger number (3.5 -> 4).
    Up,
    /// To the smaller number (3.5 -> 3).
    Down,
    /// To the nearest number, halves to the larger (2.5 -> 3).
    Nearest,
}

/// "A rating of `metric_rating` on any metric makes the overall no better than
/// `overall_no_better_than`."
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct OverrideRule {
    pub metric_rating: u8,
    pub overall_no_better_than: u8,
    /// Where the rule comes from and how well it is sourced, shown when it fires.
    pub note: String,
}

/// Monitor's Continuity of Service Risk Rating (2013): 4 = least risk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct CosrrRules {
    pub capital_service_cover: MetricBands,
    pub liquidity: MetricBands,
    pub rounding: Rounding,
    pub overrides: Vec<OverrideRule>,
}

/// NHS Improvement's Single Oversight Framework finance score (2016): 1 = best.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct SofRules {
    pub capital_service_capacity: MetricBands,
    pub liquidity: MetricBands,
    pub margin: MetricBands,
    pub distance_from_plan: MetricBands,
    pub agency: MetricBands,
    pub rounding: Rounding,
    pub overrides: Vec<OverrideRule>,
}

/// Both frameworks' rules, read by the finance engine.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct FinanceRules {
    pub cosrr: CosrrRules,
    pub sof: SofRules,
}

fn cut(value: f64, inclusive: bool) -> Cut {
    Cut { value, inclusive }
}

fn bands(better: Better, cuts: [Cut; 3], weight: f64) -> MetricBands {
    MetricBands {
        better,
        cuts: cuts.to_vec(),
        weight,
    }
}

impl Default for CosrrRules {
    /// Risk Assessment Framework (2013), table of CoSRR metrics: capital service cover 4: > 2.5x,
    /// 3: 1.75-2.5x, 2: 1.25-1.75x, 1: < 1.25x; liquidity 4: >= 0 days, 3: -7 to 0, 2: -14 to -7,
    /// 1: < -14. Overall: mean of the two rounded up; a 1 on either caps the overall at 2.
    fn default() -> Self {
        CosrrRules {
            capital_service_cover: bands(
                Better::Higher,
                [cut(2.5, false), cut(1.75, true), cut(1.25, true)],
                0.5,
            ),
            liquidity: bands(
                Better::Higher,
                [cut(0.0, true), cut(-7.0, true), cut(-14.0, true)],
                0.5,
            ),
            rounding: Rounding::Up,
            overrides: vec![OverrideRule {
                metric_rating: 1,
                overall_no_better_than: 2,
                note: "Risk Assessment Framework (2013): a rating of 1 on either metric caps the \
                       overall CoSRR at 2"
                    .to_owned(),
            }],
        }
    }
}

impl Default for SofRules {
    /// Single Oversight Framework (2016), finance and use of resources metrics, each weighted
    /// 0.2: capital service capacity 1: >= 2.5x, 2: 1.75-2.5x, 3: 1.25-1.75x, 4: < 1.25x;
    /// liquidity 1: >= 0 days, 2: -7 to 0, 3: -14 to -7, 4: < -14; I&E margin 1: >= 1%,
    /// 2: 0-1%, 3: -1-0%, 4: <= -1%; distance from plan 1: >= 0%, 2: -1-0%, 3: -2 to -1%,
    /// 4: <= -2%; agency spend over cap 1: <= 0%, 2: 0-25%, 3: 25-50%, 4: > 50%. Overall: the
    /// weighted mean, rounded; a 4 on any metric makes the overall at least 3.
    fn default() -> Self {
        SofRules {
            capital_service_capacity: bands(
                Better::Higher,
                [cut(2.5, true), cut(1.75, true), cut(1.25, true)],
                0.2,
            ),
            liquidity: bands(
                Better::Higher,
                [cut(0.0, true), cut(-7.0, true), cut(-14.0, true)],
                0.2,
            ),
            margin: bands(
                Better::Higher,
                [cut(1.0, true), cut(0.0, true), cut(-1.0, false)],
                0.2,
            ),
            distance_from_plan: bands(
                Better::Higher,
                [cut(0.0, true), cut(-1.0, false), cut(-2.0, false)],
                0.2,
            ),
            agency: bands(
                Better::Lower,
                [cut(0.0, true), cut(25.0, true), cut(50.0, true)],
                0.2,
            ),
            rounding: Rounding::Nearest,
            overrides: vec![OverrideRule {
                metric_rating: 4,
                overall_no_better_than: 3,
                note: "Single Oversight Framework (2016): a score of 4 on any metric makes the \
                       overall finance score at least 3 (less well sourced than the thresholds: \
                       check against the framework before relying on it)"
                    .to_owned(),
            }],
        }
    }
}
