//! The regulators' rating rules: a metric's value to its rating, and the metric ratings to the
//! overall with its rounding and override rules. Thresholds come from [`FinanceRules`]
//! (Monitor's Risk Assessment Framework 2013 and NHS Improvement's Single Oversight Framework
//! 2016 by default; see src/model/finance_rules.rs for the boundary conventions).

use super::FinanceError;
use super::results::{COSRR_SCALE, CosrrRating, SOF_SCALE, SofScore};
use crate::model::{
    Better, CosrrRules, Cut, FinanceRules, MetricBands, OverrideRule, Rounding, SofRules,
};

/// Means this close to a rounding point count as on it (weights such as 0.2 are inexact).
const ROUNDING_TOLERANCE: f64 = 1e-9;

/// The two scales: the CoSRR's best is 4, the SOF's best is 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scale {
    FourIsBest,
    OneIsBest,
}

impl Scale {
    fn rating(self, band: usize) -> u8 {
        let band = band.min(3) as u8;
        match self {
            Scale::FourIsBest => 4 - band,
            Scale::OneIsBest => 1 + band,
        }
    }

    /// The worse of two ratings.
    fn worse(self, a: u8, b: u8) -> u8 {
        match self {
            Scale::FourIsBest => a.min(b),
            Scale::OneIsBest => a.max(b),
        }
    }
}

fn reaches(value: f64, cut: &Cut, better: Better) -> bool {
    match (better, cut.inclusive) {
        (Better::Higher, true) => value >= cut.value,
        (Better::Higher, false) => value > cut.value,
        (Better::Lower, true) => value <= cut.value,
        (Better::Lower, false) => value < cut.value,
    }
}

/// Which band `value` falls in: 0 is the best, `cuts.len()` the worst.
pub fn band(value: f64, bands: &MetricBands) -> usize {
    bands
        .cuts
        .iter()
        .position(|c| reaches(value, c, bands.better))
        .unwrap_or(bands.cuts.len())
}

fn round(mean: f64, rounding: Rounding) -> f64 {
    let x = (mean / ROUNDING_TOLERANCE).round() * ROUNDING_TOLERANCE;
    match rounding {
        Rounding::Up => x.ceil(),
        Rounding::Down => x.floor(),
        Rounding::Nearest => (x + 0.5).floor(),
    }
}

/// Weighted mean of `ratings`, rounded, then each override rule that holds applied; returns
/// the mean, the overall and the note of the rule that changed it.
fn overall(
    ratings: &[(u8, f64)],
    rounding: Rounding,
    overrides: &[OverrideRule],
    scale: Scale,
) -> (f64, u8, Option<String>) {
    let weight: f64 = ratings.iter().map(|(_, w)| w).sum();
    let mean = ratings.iter().map(|(r, w)| f64::from(*r) * w).sum::<f64>() / weight;
    let mut result = round(mean, rounding).clamp(1.0, 4.0) as u8;
    let mut fired = None;
    for rule in overrides {
        if ratings.iter().any(|(r, _)| *r == rule.metric_rating) {
            let capped = scale.worse(result, rule.overall_no_better_than);
            if capped != result {
                result = capped;
                fired = Some(rule.note.clone());
            }
        }
    }
    (mean, result, fired)
}

/// Monitor's Continuity of Service Risk Rating (4 = least risk). An infinite cover (no
/// capital service) takes the best band.
pub fn cosrr(rules: &CosrrRules, capital_service_cover: f64, liquidity_days: f64) -> CosrrRating {
    let scale = Scale::FourIsBest;
    let csc = scale.rating(band(capital_service_cover, &rules.capital_service_cover));
    let liquidity = scale.rating(band(liquidity_days, &rules.liquidity));
    let (mean, overall, override_fired) = overall(
        &[
            (csc, rules.capital_service_cover.weight),
            (liquidity, rules.liquidity.weight),
        ],
        rules.rounding,
        &rules.overrides,
        scale,
    );
    CosrrRating {
        scale: COSRR_SCALE,
        capital_service_cover: csc,
        liquidity,
        mean,
        overall,
        override_fired,
    }
}

/// The values the SOF finance score rates; percentages as percent (1.0 = 1%).
#[derive(Debug, Clone, Copy)]
pub struct SofInputs {
    pub capital_service_capacity: f64,
    pub liquidity_days: f64,
    pub margin_percent: f64,
    pub distance_from_plan_percent: f64,
    pub agency_over_cap_percent: f64,
}

/// NHS Improvement's Single Oversight Framework finance score (1 = best).
pub fn sof(rules: &SofRules, x: SofInputs) -> SofScore {
    let scale = Scale::OneIsBest;
    let rate = |v, b| scale.rating(band(v, b));
    let csc = rate(x.capital_service_capacity, &rules.capital_service_capacity);
    let liquidity = rate(x.liquidity_days, &rules.liquidity);
    let margin = rate(x.margin_percent, &rules.margin);
    let distance = rate(x.distance_from_plan_percent, &rules.distance_from_plan);
    let agency = rate(x.agency_over_cap_percent, &rules.agency);
    let (mean, overall, override_fired) = overall(
        &[
            (csc, rules.capital_service_capacity.weight),
            (liquidity, rules.liquidity.weight),
            (margin, rules.margin.weight),
            (distance, rules.distance_from_plan.weight),
            (agency, rules.agency.weight),
        ],
        rules.rounding,
        &rules.overrides,
        scale,
    );
    SofScore {
        scale: SOF_SCALE,
        capital_service_capacity: csc,
        liquidity,
        margin,
        distance_from_plan: distance,
        agency,
        mean,
        overall,
        override_fired,
    }
}

/// A rule the engine cannot apply, at the path of its field in the appraisal's settings.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleProblem {
    pub path: String,
    pub message: String,
}

/// Rules the engine cannot apply: each metric needs three finite boundaries in order (four
/// ratings), a finite non-negative weight, and each framework a positive total weight.
pub fn check(rules: &FinanceRules) -> Result<(), FinanceError> {
    match rule_problems(rules).into_iter().next() {
        Some(p) => Err(FinanceError::BadRules(p.message)),
        None => Ok(()),
    }
}

/// Every rule [`check`] refuses, so the validation panel can link each to its field.
pub fn rule_problems(rules: &FinanceRules) -> Vec<RuleProblem> {
    const PATH: &str = "settings/finance";
    let c = &rules.cosrr;
    let s = &rules.sof;
    let mut found = Vec::new();
    let mut problem = |path: String, message: String| found.push(RuleProblem { path, message });
    let metrics: [(&str, &str, &MetricBands); 7] = [
        (
            "cosrr/capital_service_cover",
            "CoSRR capital service cover",
            &c.capital_service_cover,
        ),
        ("cosrr/liquidity", "CoSRR liquidity", &c.liquidity),
        (
            "sof/capital_service_capacity",
            "SOF capital service capacity",
            &s.capital_service_capacity,
        ),
        ("sof/liquidity", "SOF liquidity", &s.liquidity),
        ("sof/margin", "SOF I&E margin", &s.margin),
        (
            "sof/distance_from_plan",
            "SOF distance from plan",
            &s.distance_from_plan,
        ),
        ("sof/agency", "SOF agency spend", &s.agency),
    ];
    for (key, name, m) in metrics {
        let path = format!("{PATH}/{key}");
        if m.cuts.len() != 3 || m.cuts.iter().any(|c| !c.value.is_finite()) {
            problem(
                format!("{path}/cuts/0/value"),
                format!("{name} needs three boundaries (four ratings), each a number"),
            );
        } else if let Some(i) = m.cuts.windows(2).position(|w| match m.better {
            Better::Higher => w[0].value < w[1].value,
            Better::Lower => w[0].value > w[1].value,
        }) {
            problem(
                format!("{path}/cuts/{}/value", i + 1),
                format!("{name}'s boundaries must run from the best rating to the worst"),
            );
        }
        if !(m.weight.is_finite() && m.weight >= 0.0) {
            problem(
                format!("{path}/weight"),
                format!(
                    "{name}'s weight {} must be a number, zero or more",
                    m.weight
                ),
            );
        }
    }
    let total = |ms: &[&MetricBands]| ms.iter().map(|m| m.weight).sum::<f64>();
    let frameworks: [(&str, f64); 2] = [
        (
            "cosrr/capital_service_cover",
            total(&[&c.capital_service_cover, &c.liquidity]),
        ),
        (
            "sof/capital_service_capacity",
            total(&[
                &s.capital_service_capacity,
                &s.liquidity,
                &s.margin,
                &s.distance_from_plan,
                &s.agency,
            ]),
        ),
    ];
    for (first, total) in frameworks {
        if total.is_finite() && total <= 0.0 {
            problem(
                format!("{PATH}/{first}/weight"),
                "each framework's weights must add up to more than zero".to_owned(),
            );
        }
    }
    let overrides = [("cosrr", &c.overrides), ("sof", &s.overrides)];
    for (key, rules) in overrides {
        for (i, rule) in rules.iter().enumerate() {
            let path = format!("{PATH}/{key}/overrides/{i}");
            for (part, rating) in [
                ("metric_rating", rule.metric_rating),
                ("overall_no_better_than", rule.overall_no_better_than),
            ] {
                if !(1..=4).contains(&rating) {
                    problem(
                        format!("{path}/{part}"),
                        format!("override '{}' must name ratings from 1 to 4", rule.note),
                    );
                }
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Just either side of a boundary.
    const EPS: f64 = 1e-6;

    fn cosrr_default(csc: f64, liq: f64) -> CosrrRating {
        cosrr(&CosrrRules::default(), csc, liq)
    }

    fn sof_inputs() -> SofInputs {
        SofInputs {
            capital_service_capacity: 3.0,
            liquidity_days: 5.0,
            margin_percent: 2.0,
            distance_from_plan_percent: 0.5,
            agency_over_cap_percent: -10.0,
        }
    }

    fn sof_default(x: SofInputs) -> SofScore {
        sof(&SofRules::default(), x)
    }

    /// (value, expected rating) around every boundary, per metric.
    fn check_points(points: &[(f64, u8)], rate: impl Fn(f64) -> u8, name: &str) {
        for &(v, expected) in points {
            assert_eq!(rate(v), expected, "{name} at {v}");
        }
    }

    #[test]
    fn cosrr_capital_service_cover_boundaries() {
        // 4: > 2.5; 3: 1.75-2.5; 2: 1.25-1.75; 1: < 1.25.
        check_points(
            &[
                (2.5 + EPS, 4),
                (2.5, 3),
                (2.5 - EPS, 3),
                (1.75 + EPS, 3),
                (1.75, 3),
                (1.75 - EPS, 2),
                (1.25 + EPS, 2),
                (1.25, 2),
                (1.25 - EPS, 1),
                (f64::INFINITY, 4),
                (-3.0, 1),
            ],
            |v| cosrr_default(v, 10.0).capital_service_cover,
            "CoSRR capital service cover",
        );
    }

    #[test]
    fn cosrr_liquidity_boundaries() {
        // 4: >= 0; 3: -7 to 0; 2: -14 to -7; 1: < -14.
        check_points(
            &[
                (EPS, 4),
                (0.0, 4),
                (-EPS, 3),
                (-7.0 + EPS, 3),
                (-7.0, 3),
                (-7.0 - EPS, 2),
                (-14.0 + EPS, 2),
                (-14.0, 2),
                (-14.0 - EPS, 1),
            ],
            |v| cosrr_default(3.0, v).liquidity,
            "CoSRR liquidity",
        );
    }

    #[test]
    fn cosrr_overall_is_the_mean_rounded_up() {
        let r = cosrr_default(3.0, -3.0); // 4 and 3
        assert_eq!((r.capital_service_cover, r.liquidity), (4, 3));
        assert_eq!(r.mean, 3.5);
        assert_eq!(r.overall, 4);
        assert_eq!(r.scale, "4 = least risk");
        assert_eq!(cosrr_default(1.5, -10.0).overall, 2); // 2 and 2
        assert_eq!(cosrr_default(2.0, -10.0).overall, 3); // 3 and 2: 2.5 up to 3
        assert_eq!(r.override_fired, None);
    }

    #[test]
    fn cosrr_a_one_on_either_metric_caps_the_overall_at_two() {
        // 4 and 1: mean 2.5 rounds up to 3, capped at 2.
        let r = cosrr_default(3.0, -20.0);
        assert_eq!((r.capital_service_cover, r.liquidity, r.overall), (4, 1, 2));
        assert!(r.override_fired.as_deref().unwrap().contains("caps"));
        let r = cosrr_default(1.0, 5.0);
        assert_eq!((r.capital_service_cover, r.liquidity, r.overall), (1, 4, 2));
        assert!(r.override_fired.is_some());
        // 1 and 2: mean 1.5 rounds up to 2; the cap changes nothing, so it did not fire.
        let r = cosrr_default(1.0, -10.0);
        assert_eq!((r.overall, r.override_fired), (2, None));
        // 1 and 1.
        assert_eq!(cosrr_default(1.0, -20.0).overall, 1);
    }

    #[test]
    fn cosrr_override_is_editable() {
        let mut rules = CosrrRules::default();
        rules.overrides.clear();
        assert_eq!(cosrr(&rules, 3.0, -20.0).overall, 3);
        rules.rounding = Rounding::Down;
        assert_eq!(cosrr(&rules, 3.0, -20.0).overall, 2);
    }

    #[test]
    fn sof_capital_service_capacity_boundaries() {
        // 1: >= 2.5; 2: 1.75-2.5; 3: 1.25-1.75; 4: < 1.25.
        check_points(
            &[
                (2.5 + EPS, 1),
                (2.5, 1),
                (2.5 - EPS, 2),
                (1.75 + EPS, 2),
                (1.75, 2),
                (1.75 - EPS, 3),
                (1.25 + EPS, 3),
                (1.25, 3),
                (1.25 - EPS, 4),
            ],
            |v| {
                sof_default(SofInputs {
                    capital_service_capacity: v,
                    ..sof_inputs()
                })
                .capital_service_capacity
            },
            "SOF capital service capacity",
        );
    }

    #[test]
    fn sof_liquidity_boundaries() {
        // 1: >= 0; 2: -7 to 0; 3: -14 to -7; 4: < -14.
        check_points(
            &[
                (EPS, 1),
                (0.0, 1),
                (-EPS, 2),
                (-7.0 + EPS, 2),
                (-7.0, 2),
                (-7.0 - EPS, 3),
                (-14.0 + EPS, 3),
                (-14.0, 3),
                (-14.0 - EPS, 4),
            ],
            |v| {
                sof_default(SofInputs {
                    liquidity_days: v,
                    ..sof_inputs()
                })
                .liquidity
            },
            "SOF liquidity",
        );
    }

    #[test]
    fn sof_margin_boundaries() {
        // 1: >= 1%; 2: 0 to 1%; 3: -1 to 0%; 4: <= -1%.
        check_points(
            &[
                (1.0 + EPS, 1),
                (1.0, 1),
                (1.0 - EPS, 2),
                (EPS, 2),
                (0.0, 2),
                (-EPS, 3),
                (-1.0 + EPS, 3),
                (-1.0, 4),
                (-1.0 - EPS, 4),
            ],
            |v| {
                sof_default(SofInputs {
                    margin_percent: v,
                    ..sof_inputs()
                })
                .margin
            },
            "SOF margin",
        );
    }

    #[test]
    fn sof_distance_from_plan_boundaries() {
        // 1: >= 0%; 2: -1 to 0%; 3: -2 to -1%; 4: <= -2%.
        check_points(
            &[
                (EPS, 1),
                (0.0, 1),
                (-EPS, 2),
                (-1.0 + EPS, 2),
                (-1.0, 3),
                (-1.0 - EPS, 3),
                (-2.0 + EPS, 3),
                (-2.0, 4),
                (-2.0 - EPS, 4),
            ],
            |v| {
                sof_default(SofInputs {
                    distance_from_plan_percent: v,
                    ..sof_inputs()
                })
                .distance_from_plan
            },
            "SOF distance from plan",
        );
    }

    #[test]
    fn sof_agency_boundaries() {
        // 1: <= 0% over; 2: 0-25% over; 3: 25-50% over; 4: > 50% over.
        check_points(
            &[
                (-EPS, 1),
                (0.0, 1),
                (EPS, 2),
                (25.0 - EPS, 2),
                (25.0, 2),
                (25.0 + EPS, 3),
                (50.0 - EPS, 3),
                (50.0, 3),
                (50.0 + EPS, 4),
                (f64::INFINITY, 4),
            ],
            |v| {
                sof_default(SofInputs {
                    agency_over_cap_percent: v,
                    ..sof_inputs()
                })
                .agency
            },
            "SOF agency",
        );
    }

    #[test]
    fn sof_overall_is_the_weighted_mean_rounded() {
        let best = sof_default(sof_inputs());
        assert_eq!((best.overall, best.mean), (1, 1.0));
        assert_eq!(best.scale, "1 = best");
        // 2, 2, 2, 1, 1: mean 1.6 -> 2.
        let r = sof_default(SofInputs {
            capital_service_capacity: 2.0,
            liquidity_days: -1.0,
            margin_percent: 0.5,
            ..sof_inputs()
        });
        assert_eq!(r.overall, 2);
        assert!((r.mean - 1.6).abs() < 1e-12);
        // 3, 3, 2, 1, 1: mean 2.0 -> 2.
        let r = sof_default(SofInputs {
            capital_service_capacity: 1.5,
            liquidity_days: -10.0,
            margin_percent: 0.5,
            ..sof_inputs()
        });
        assert_eq!(r.overall, 2);
        // 3, 3, 3, 3, 1: 2.6 -> 3.
        let r = sof_default(SofInputs {
            capital_service_capacity: 1.5,
            liquidity_days: -10.0,
            margin_percent: -0.5,
            distance_from_plan_percent: -1.5,
            ..sof_inputs()
        });
        assert_eq!((r.overall, r.override_fired), (3, None));
    }

    #[test]
    fn sof_halves_round_to_the_worse_score() {
        let mut rules = SofRules::default();
        rules.margin.weight = 0.0;
        rules.distance_from_plan.weight = 0.0;
        rules.agency.weight = 0.0;
        rules.capital_service_capacity.weight = 0.5;
        rules.liquidity.weight = 0.5;
        // 2 and 3: 2.5 -> 3.
        let r = sof(
            &rules,
            SofInputs {
                capital_service_capacity: 2.0,
                liquidity_days: -10.0,
                ..sof_inputs()
            },
        );
        assert_eq!((r.mean, r.overall), (2.5, 3));
    }

    #[test]
    fn sof_a_four_on_any_metric_makes_the_overall_at_least_three() {
        // 4, 1, 1, 1, 1: mean 1.6 -> 2, overridden to 3.
        for x in [
            SofInputs {
                capital_service_capacity: 1.0,
                ..sof_inputs()
            },
            SofInputs {
                liquidity_days: -20.0,
                ..sof_inputs()
            },
            SofInputs {
                margin_percent: -1.0,
                ..sof_inputs()
            },
            SofInputs {
                distance_from_plan_percent: -2.0,
                ..sof_inputs()
            },
            SofInputs {
                agency_over_cap_percent: 60.0,
                ..sof_inputs()
            },
        ] {
            let r = sof_default(x);
            assert_eq!(r.overall, 3, "{r:?}");
            assert!(r.override_fired.as_deref().unwrap().contains("at least 3"));
        }
        // All 4: the override holds but changes nothing.
        let r = sof_default(SofInputs {
            capital_service_capacity: 1.0,
            liquidity_days: -20.0,
            margin_percent: -5.0,
            distance_from_plan_percent: -5.0,
            agency_over_cap_percent: 80.0,
        });
        assert_eq!((r.overall, r.override_fired), (4, None));
        // Without the rule the mean stands.
        let mut rules = SofRules::default();
        rules.overrides.clear();
        let r = sof(
            &rules,
            SofInputs {
                capital_service_capacity: 1.0,
                ..sof_inputs()
            },
        );
        assert_eq!(r.overall, 2);
    }

    #[test]
    fn rules_that_cannot_be_applied_are_refused() {
        assert_eq!(check(&FinanceRules::default()), Ok(()));
        let mut rules = FinanceRules::default();
        rules.sof.margin.cuts.pop();
        assert!(
            check(&rules)
                .unwrap_err()
                .to_string()
                .contains("SOF I&E margin")
        );
        let mut rules = FinanceRules::default();
        rules.cosrr.liquidity.cuts.swap(0, 2);
        assert!(
            check(&rules)
                .unwrap_err()
                .to_string()
                .contains("best rating to the worst")
        );
        assert_eq!(
            rule_problems(&rules)[0].path,
            "settings/finance/cosrr/liquidity/cuts/1/value"
        );
        rules.sof.agency.weight = -0.1;
        rules.sof.overrides[0].overall_no_better_than = 5;
        let paths: Vec<String> = rule_problems(&rules).into_iter().map(|p| p.path).collect();
        assert_eq!(
            paths,
            [
                "settings/finance/cosrr/liquidity/cuts/1/value",
                "settings/finance/sof/agency/weight",
                "settings/finance/sof/overrides/0/overall_no_better_than",
            ]
        );
    }
}
