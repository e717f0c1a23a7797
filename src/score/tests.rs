//! Engine tests on small hand-checked appraisals and on the built-in demo.

use super::*;
use crate::model::{
    Aggregation, AppraisalOption, Category, Direction, Hurdle, OptionFinance, OptionKind,
    Performance, Point, Score, Scorer, ValueFunction, WeightSetEntry, Weighting,
};

fn group(code: &str, parent: Option<&str>, weight: f64) -> Criterion {
    Criterion {
        code: code.into(),
        name: format!("{code} name"),
        description: String::new(),
        parent: parent.map(Into::into),
        weight,
        kind: CriterionKind::Group,
    }
}

fn leaf(
    code: &str,
    parent: Option<&str>,
    weight: f64,
    source: Source,
    f: ValueFunction,
) -> Criterion {
    Criterion {
        kind: CriterionKind::Leaf(LeafSpec {
            source,
            direction: Direction::HigherIsBetter,
            unit: String::new(),
            value_function: f,
            hurdle: None,
        }),
        ..group(code, parent, weight)
    }
}

fn linear(worst: f64, best: f64) -> ValueFunction {
    ValueFunction::Linear { worst, best }
}

fn pass_fail() -> ValueFunction {
    ValueFunction::Categorical {
        categories: vec![
            Category {
                label: "Pass".into(),
                value: 100.0,
            },
            Category {
                label: "Fail".into(),
                value: 0.0,
            },
        ],
    }
}

fn option(code: &str) -> AppraisalOption {
    AppraisalOption {
        code: code.into(),
        name: format!("Option {code}"),
        kind: OptionKind::Merger,
        description: String::new(),
        members: Vec::new(),
        site_services: Vec::new(),
        site_transfers: Vec::new(),
        finance: OptionFinance::default(),
    }
}

fn perf(option: &str, criterion: &str, value: RawValue) -> Performance {
    Performance {
        option: option.into(),
        criterion: criterion.into(),
        value,
        evidence: "test".into(),
        manual: false,
    }
}

fn num(option: &str, criterion: &str, x: f64) -> Performance {
    perf(option, criterion, RawValue::Number(x))
}

fn score(option: &str, criterion: &str, scorer: &str, value: f64) -> Score {
    Score {
        option: option.into(),
        criterion: criterion.into(),
        scorer: scorer.into(),
        value,
        rationale: String::new(),
        evidence: String::new(),
    }
}

fn scorer(code: &str) -> Scorer {
    Scorer {
        code: code.into(),
        name: format!("Scorer {code}"),
        role: String::new(),
    }
}

fn appraisal(options: &[&str], criteria: Vec<Criterion>) -> Appraisal {
    let mut a = Appraisal::new("test");
    a.options = options.iter().map(|o| option(o)).collect();
    a.criteria = criteria;
    a
}

fn close(a: f64, b: f64) {
    assert!((a - b).abs() < 1e-9, "{a} != {b}");
}

fn total(r: &Results, code: &str) -> f64 {
    r.options
        .iter()
        .find(|o| o.code == code)
        .map(|o| o.total)
        .unwrap()
}

/// A hand-checked weighted sum in the style of the DCLG manual's toaster example (its
/// published figures could not be retrieved). Three toasters, three criteria, weights
/// 0.5 / 0.3 / 0.2, values through linear functions:
///
/// | toaster | price GBP (30 worst, 10 best) | evenness 0-10 | slots (1 worst, 4 best) | total |
/// |---|---|---|---|---|
/// | A | 15 -> 75 | 6 -> 60 | 2 -> 33.33 | 0.5x75 + 0.3x60 + 0.2x33.33 = 62.1667 |
/// | B | 25 -> 25 | 9 -> 90 | 4 -> 100   | 12.5 + 27 + 20 = 59.5 |
/// | C | 10 -> 100 | 3 -> 30 | 1 -> 0    | 50 + 9 + 0 = 59 |
#[test]
fn weighted_sum_hand_checked() {
    let mut a = appraisal(
        &["A", "B", "C"],
        vec![
            leaf("PRICE", None, 0.5, Source::Assessment, linear(30.0, 10.0)),
            leaf("EVEN", None, 0.3, Source::Assessment, linear(0.0, 10.0)),
            leaf("SLOTS", None, 0.2, Source::Assessment, linear(1.0, 4.0)),
        ],
    );
    for (o, p, e, s) in [
        ("A", 15.0, 6.0, 2.0),
        ("B", 25.0, 9.0, 4.0),
        ("C", 10.0, 3.0, 1.0),
    ] {
        a.performances.push(num(o, "PRICE", p));
        a.performances.push(num(o, "EVEN", e));
        a.performances.push(num(o, "SLOTS", s));
    }
    let r = evaluate(&a).unwrap();
    close(total(&r, "A"), 37.5 + 18.0 + 0.2 * 100.0 / 3.0);
    close(total(&r, "B"), 59.5);
    close(total(&r, "C"), 59.0);
    assert_eq!(
        r.options.iter().map(|o| o.rank).collect::<Vec<_>>(),
        [1, 2, 3]
    );
    assert_eq!(r.preferred.as_deref(), Some("A"));
    let a_price = &r.options[0].leaves[0];
    assert_eq!(a_price.raw, RawValue::Number(15.0));
    close(a_price.value, 75.0);
    close(a_price.global_weight, 0.5);
    close(a_price.contribution, 37.5);
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
}

/// A group BEN (0.6) of B1 (0.75) and B2 (0.25), each valued 0-100 as recorded.
fn benefits() -> Vec<Criterion> {
    vec![
        group("BEN", None, 0.6),
        leaf(
            "B1",
            Some("BEN"),
            0.75,
            Source::Assessment,
            linear(0.0, 100.0),
        ),
        leaf(
            "B2",
            Some("BEN"),
            0.25,
            Source::Assessment,
            linear(0.0, 100.0),
        ),
    ]
}

/// Two-level tree, hand-checked: BEN (0.6) = {B1 0.75, B2 0.25}, RISK (0.4) = {R1 1.0}.
/// Option X values B1 80, B2 40, R1 50: BEN value 0.75x80 + 0.25x40 = 70, contribution
/// 0.6 x 70 = 42; RISK value 50, contribution 20; total 62. Global weights 0.45, 0.15, 0.4.
#[test]
fn hierarchy_subtotals_hand_checked() {
    let mut a = appraisal(
        &["X"],
        [
            benefits(),
            vec![group("RISK", None, 0.4)],
            vec![leaf(
                "R1",
                Some("RISK"),
                1.0,
                Source::Assessment,
                linear(0.0, 100.0),
            )],
        ]
        .concat(),
    );
    a.performances = vec![
        num("X", "B1", 80.0),
        num("X", "B2", 40.0),
        num("X", "R1", 50.0),
    ];
    let r = evaluate(&a).unwrap();
    let x = &r.options[0];
    close(x.total, 62.0);
    let w: Vec<f64> = x.leaves.iter().map(|l| l.global_weight).collect();
    close(w[0], 0.45);
    close(w[1], 0.15);
    close(w[2], 0.4);
    assert_eq!(x.groups[0].code, "BEN");
    close(x.groups[0].value, 70.0);
    close(x.groups[0].contribution, 42.0);
    close(x.groups[1].value, 50.0);
    close(x.groups[1].contribution, 20.0);
    assert!(r.groups.iter().all(|g| g.top_level));
}

#[test]
fn a_top_level_leaf_stands_as_its_own_group_so_the_parts_add_up() {
    // BEN (0.6) holds B1 and B2 as above; COST is a leaf at the top level (0.4) worth 25.
    // Total: 0.6 x 70 + 0.4 x 25 = 52; the parts are BEN 42 and COST 10.
    let mut a = appraisal(
        &["X"],
        [
            benefits(),
            vec![leaf(
                "COST",
                None,
                0.4,
                Source::Assessment,
                linear(0.0, 100.0),
            )],
        ]
        .concat(),
    );
    a.performances = vec![
        num("X", "B1", 80.0),
        num("X", "B2", 40.0),
        num("X", "COST", 25.0),
    ];
    let r = evaluate(&a).unwrap();
    let x = &r.options[0];
    close(x.total, 52.0);
    let codes: Vec<(&str, bool)> = r.groups.iter().map(|g| (g.code.as_str(), g.leaf)).collect();
    assert_eq!(codes, [("BEN", false), ("COST", true)]);
    close(x.groups[1].value, 25.0);
    close(x.groups[1].contribution, 10.0);
    close(x.groups.iter().map(|g| g.contribution).sum(), x.total);
}

fn hurdle_appraisal(tests: &[(&str, &str)]) -> Appraisal {
    let mut test = leaf("TEST", Some("TESTS"), 1.0, Source::Assessment, pass_fail());
    if let CriterionKind::Leaf(spec) = &mut test.kind {
        spec.hurdle = Some(Hurdle { pass_value: 100.0 });
    }
    let mut a = appraisal(
        &["HIGH", "MID", "LOW"],
        vec![
            group("BEN", None, 1.0),
            leaf(
                "B1",
                Some("BEN"),
                1.0,
                Source::Assessment,
                linear(0.0, 10.0),
            ),
            group("TESTS", None, 0.0),
            test,
        ],
    );
    for (o, x) in [("HIGH", 9.0), ("MID", 6.0), ("LOW", 3.0)] {
        a.performances.push(num(o, "B1", x));
    }
    for (o, t) in tests {
        a.performances
            .push(perf(o, "TEST", RawValue::Category((*t).into())));
    }
    a
}

#[test]
fn an_option_failing_a_hurdle_is_scored_and_shown_but_not_preferred() {
    let a = hurdle_appraisal(&[("HIGH", "Fail"), ("MID", "Pass"), ("LOW", "Pass")]);
    let r = evaluate(&a).unwrap();
    let high = &r.options[0];
    close(high.total, 90.0);
    assert_eq!(high.rank, 1);
    assert!(!high.hurdles.passes);
    assert_eq!(high.hurdles.failed.len(), 1);
    assert_eq!(high.hurdles.failed[0].criterion, "TEST");
    assert_eq!(high.hurdles.failed[0].value, 0.0);
    assert!(!high.preferred);
    assert_eq!(r.preferred.as_deref(), Some("MID"));
    assert!(r.options[1].preferred && r.options[1].hurdles.passes);
    // The zero-weight tests group still shows each option's 0-100 value on it.
    assert_eq!(high.groups[1].code, "TESTS");
    close(high.groups[1].value, 0.0);
    close(r.options[1].groups[1].value, 100.0);
    close(r.options[1].groups[1].contribution, 0.0);

    let all_fail = hurdle_appraisal(&[("HIGH", "Fail"), ("MID", "Fail"), ("LOW", "Fail")]);
    let r = evaluate(&all_fail).unwrap();
    assert_eq!(r.preferred, None);
    assert!(r.options.iter().all(|o| !o.preferred));
}

#[test]
fn ties_share_a_rank_in_competition_ranking() {
    assert_eq!(competition_ranks(&[70.0, 80.0, 70.0, 60.0]), [2, 1, 2, 4]);
    assert_eq!(competition_ranks(&[50.0, 50.0, 50.0]), [1, 1, 1]);
    assert_eq!(competition_ranks(&[1.0, 1.0 + 1e-12]), [1, 1]);
}

/// Panel of four on one criterion (scale 0-10, linear 0 -> 0, 10 -> 100).
/// P: 8, 7, 1, 7 -> mean 5.75 (value 57.5), median 7 (70), range 7 > 3: flagged.
/// Q: 6, 5, 6 and scorer S4 missing -> mean 17/3, median 6, range 1: not flagged; S4 listed
/// as missing and not counted as zero.
fn panel_appraisal(aggregation: Aggregation) -> Appraisal {
    let mut a = appraisal(
        &["P", "Q"],
        vec![leaf("QUAL", None, 1.0, Source::Panel, linear(0.0, 10.0))],
    );
    a.settings.aggregation = aggregation;
    a.scorers = ["S1", "S2", "S3", "S4"].iter().map(|s| scorer(s)).collect();
    for (s, x) in [("S1", 8.0), ("S2", 7.0), ("S3", 1.0), ("S4", 7.0)] {
        a.scores.push(score("P", "QUAL", s, x));
    }
    for (s, x) in [("S1", 6.0), ("S2", 5.0), ("S3", 6.0)] {
        a.scores.push(score("Q", "QUAL", s, x));
    }
    a
}

#[test]
fn panel_mean_median_dispersion_disagreement_and_missing_scores() {
    let mean = evaluate(&panel_appraisal(Aggregation::Mean)).unwrap();
    close(total(&mean, "P"), 57.5);
    close(total(&mean, "Q"), 1700.0 / 30.0);
    assert_eq!(mean.options[0].leaves[0].raw, RawValue::Number(5.75));
    assert_eq!(mean.options[0].leaves[0].scores, Some(4));
    let median = evaluate(&panel_appraisal(Aggregation::Median)).unwrap();
    close(total(&median, "P"), 70.0);
    close(total(&median, "Q"), 60.0);

    let table: Vec<_> = mean.panel_table().collect();
    assert_eq!(table.len(), 2);
    let (option, criterion, p) = table[0];
    assert_eq!((option, criterion), ("P", "QUAL"));
    close(p.aggregate, 5.75);
    assert_eq!(
        (
            p.dispersion.n,
            p.dispersion.min,
            p.dispersion.max,
            p.dispersion.range
        ),
        (4, 1.0, 8.0, 7.0)
    );
    // Sample sd: deviations 2.25, 1.25, -4.75, 1.25; squares sum 30.75; sqrt(30.75 / 3).
    close(p.dispersion.sd, (30.75f64 / 3.0).sqrt());
    assert!(p.disagreement);
    assert!(!table[1].2.disagreement);
    assert_eq!(table[1].2.dispersion.n, 3);
    assert_eq!(mean.disagreements.len(), 1);
    assert_eq!(mean.disagreements[0].option, "P");
    assert_eq!(mean.disagreements[0].range, 7.0);
    assert_eq!(
        mean.missing_scores,
        [MissingScore {
            option: "Q".into(),
            criterion: "QUAL".into(),
            scorer: "S4".into()
        }]
    );
}

#[test]
fn manual_derived_values_are_marked() {
    let mut a = appraisal(
        &["A"],
        vec![leaf(
            "NPV",
            None,
            1.0,
            Source::Derived {
                metric: NPV_METRIC.into(),
            },
            linear(-20.0, 80.0),
        )],
    );
    a.performances.push(Performance {
        manual: true,
        ..num("A", "NPV", 30.0)
    });
    let r = evaluate(&a).unwrap();
    assert!(r.options[0].leaves[0].manual);
    close(r.options[0].total, 50.0);
    assert_eq!(r.options[0].value_for_money.cost, Some(-30.0));
}

/// Benefit/cost: A (60, -10), B (70, -10), C (80, 5). A is dominated by B (more benefit at
/// the same cost); B and C are on the frontier. An option without a cost is not judged.
#[test]
fn value_for_money_marks_dominated_options() {
    let mut a = appraisal(
        &["A", "B", "C"],
        vec![
            leaf("BEN", None, 1.0, Source::Assessment, linear(0.0, 100.0)),
            leaf(
                "NPV",
                None,
                0.0,
                Source::Derived {
                    metric: NPV_METRIC.into(),
                },
                linear(-20.0, 80.0),
            ),
        ],
    );
    for (o, b, npv) in [("A", 60.0, 10.0), ("B", 70.0, 10.0), ("C", 80.0, -5.0)] {
        a.performances.push(num(o, "BEN", b));
        a.performances.push(num(o, "NPV", npv));
    }
    let r = evaluate(&a).unwrap();
    let vfm: Vec<_> = r.options.iter().map(|o| &o.value_for_money).collect();
    assert_eq!(vfm[0].cost, Some(-10.0));
    close(vfm[0].benefit, 60.0);
    assert!(vfm[0].dominated);
    assert_eq!(vfm[0].dominated_by, ["B"]);
    assert!(!vfm[1].dominated && !vfm[2].dominated);
    assert_eq!(
        dominators(&[(60.0, Some(-10.0)), (50.0, None), (70.0, Some(-10.0))]),
        [vec![2], vec![], vec![]]
    );
}

#[test]
fn weightings_report_implied_weights_and_inconsistency() {
    let mut a = appraisal(
        &["A"],
        vec![
            leaf("X", None, 0.5, Source::Assessment, linear(0.0, 1.0)),
            leaf("Y", None, 0.5, Source::Assessment, linear(0.0, 1.0)),
        ],
    );
    a.performances = vec![num("A", "X", 1.0), num("A", "Y", 0.0)];
    a.weightings = vec![Weighting {
        parent: None,
        method: WeightingMethod::Swing {
            ratings: vec![
                WeightSetEntry {
                    criterion: "X".into(),
                    value: 100.0,
                },
                WeightSetEntry {
                    criterion: "Y".into(),
                    value: 100.0,
                },
            ],
        },
    }];
    let r = evaluate(&a).unwrap();
    assert!(r.weightings[0].matches && r.weightings[0].consistent);
    a.weightings[0].method = WeightingMethod::Ahp {
        order: vec!["X".into(), "Y".into()],
        matrix: vec![vec![1.0, 3.0], vec![1.0 / 3.0, 1.0]],
    };
    let r = evaluate(&a).unwrap();
    let w = &r.weightings[0];
    assert_eq!(w.method, "ahp");
    assert!(!w.matches);
    close(w.weights[0].implied, 0.75);
    assert_eq!(w.weights[0].stored, 0.5);
    assert!(r.warnings.iter().any(|m| m.contains("differ")));
}

#[test]
fn the_demo_scores_with_totals_in_range_and_a_failing_option_not_preferred() {
    let a = crate::demo::appraisal();
    let derived = crate::evaluation::Evaluation::of(&a);
    let r = derived.score().clone().unwrap();
    assert_eq!(r.options.len(), a.options.len());
    for o in &r.options {
        assert!((0.0..=100.0).contains(&o.total), "{} {}", o.code, o.total);
        let sum: f64 = o.leaves.iter().map(|l| l.contribution).sum();
        close(sum, o.total);
    }
    let failing: Vec<_> = r.options.iter().filter(|o| !o.hurdles.passes).collect();
    assert!(
        !failing.is_empty(),
        "the demo has an option failing a hurdle"
    );
    let preferred = r.preferred.as_deref().unwrap();
    assert!(failing.iter().all(|o| o.code != preferred && !o.preferred));
    // The demo's quality swing weighting matches its stored weights.
    assert!(r.weightings.iter().all(|w| w.matches), "{:?}", r.weightings);
    // The finance criteria come from the viability model, the travel ones from the travel engine.
    let finance = derived.finance().as_ref().unwrap();
    for o in &r.options {
        let margin = o
            .leaves
            .iter()
            .find(|l| l.criterion == "VIA-MARGIN")
            .unwrap();
        let computed =
            crate::finance::derived::derived_metric(finance, &o.code, "finance.margin_final_year")
                .unwrap();
        assert_eq!(margin.raw, RawValue::Number(computed));
        assert!(!margin.manual);
        let travel = o.leaves.iter().find(|l| l.criterion == "ACC-AE").unwrap();
        assert!(!travel.manual);
        let share = derived.derived_value(&o.code, "travel.aande_car_share_within_threshold");
        assert_eq!(travel.raw, RawValue::Number(share.unwrap()));
    }
    // Value for money reads the engine's NPV: do minimum costs nothing against itself.
    let dm = r.options.iter().find(|o| o.code == "DM").unwrap();
    assert_eq!(dm.value_for_money.cost, Some(0.0));
}

#[test]
fn without_the_engines_the_demo_lacks_its_finance_values() {
    let err = evaluate(&crate::demo::appraisal()).unwrap_err().to_string();
    assert!(
        err.contains("(derived metric finance.margin_final_year)"),
        "{err}"
    );
}

// ---- Bad input: every case gives an error naming what is wrong, never a panic or NaN. ----

fn one_leaf(f: ValueFunction, value: RawValue) -> Appraisal {
    let mut a = appraisal(&["A"], vec![leaf("C1", None, 1.0, Source::Assessment, f)]);
    a.performances.push(perf("A", "C1", value));
    a
}

fn message(a: &Appraisal) -> String {
    evaluate(a).unwrap_err().to_string()
}

#[test]
fn bad_weights_are_errors() {
    let mut a = one_leaf(linear(0.0, 1.0), RawValue::Number(1.0));
    a.criteria[0].weight = -0.5;
    assert_eq!(
        message(&a),
        "C1 name (C1) has the weight -0.5: a weight must be a number of zero or more"
    );
    a.criteria[0].weight = f64::NAN;
    assert_eq!(
        message(&a),
        "C1 name (C1) has the weight NaN: a weight must be a number of zero or more"
    );
}

#[test]
fn bad_ahp_matrices_are_errors() {
    let mut a = one_leaf(linear(0.0, 1.0), RawValue::Number(1.0));
    a.criteria
        .push(leaf("C2", None, 0.0, Source::Assessment, linear(0.0, 1.0)));
    a.performances.push(num("A", "C2", 1.0));
    let ahp_weighting = |matrix| Weighting {
        parent: None,
        method: WeightingMethod::Ahp {
            order: vec!["C1".into(), "C2".into()],
            matrix,
        },
    };
    a.weightings = vec![ahp_weighting(vec![vec![1.0, 3.0], vec![0.5, 1.0]])];
    assert_eq!(
        message(&a),
        "the AHP weighting of the top level: comparisons (1, 2) = 3 and (2, 1) = 0.5 are not reciprocal"
    );
    a.weightings = vec![ahp_weighting(vec![vec![1.0, 0.0], vec![0.0, 1.0]])];
    assert_eq!(
        message(&a),
        "the AHP weighting of the top level: comparison (1, 2) is 0: comparisons must be positive numbers"
    );
    a.weightings = vec![ahp_weighting(vec![vec![1.0, -2.0], vec![-0.5, 1.0]])];
    assert_eq!(
        message(&a),
        "the AHP weighting of the top level: comparison (1, 2) is -2: comparisons must be positive numbers"
    );
}

#[test]
fn bad_value_functions_are_errors() {
    let a = one_leaf(linear(5.0, 5.0), RawValue::Number(5.0));
    assert_eq!(
        message(&a),
        "C1 name (C1): the worst and best values of the linear value function are equal (5)"
    );
    let pw = |points: &[(f64, f64)]| ValueFunction::Piecewise {
        points: points
            .iter()
            .map(|&(raw, value)| Point { raw, value })
            .collect(),
    };
    let a = one_leaf(pw(&[(0.0, 0.0)]), RawValue::Number(1.0));
    assert_eq!(
        message(&a),
        "C1 name (C1): a piecewise value function needs at least two points, it has 1"
    );
    let a = one_leaf(pw(&[(10.0, 0.0), (5.0, 100.0)]), RawValue::Number(1.0));
    assert_eq!(
        message(&a),
        "C1 name (C1): the piecewise points must be in increasing order of raw value (10 then 5)"
    );
}

#[test]
fn bad_raw_values_are_errors_naming_option_and_criterion() {
    let a = one_leaf(pass_fail(), RawValue::Category("Maybe".into()));
    assert_eq!(
        message(&a),
        "Option A (A) on C1 name (C1): 'Maybe' is not one of the categories of the value function"
    );
    let a = one_leaf(pass_fail(), RawValue::Number(1.0));
    assert_eq!(
        message(&a),
        "Option A (A) on C1 name (C1): a number (1) was given where a category is expected"
    );
    let a = one_leaf(linear(0.0, 1.0), RawValue::Category("Pass".into()));
    assert_eq!(
        message(&a),
        "Option A (A) on C1 name (C1): a category ('Pass') was given where a number is expected"
    );
    let a = one_leaf(linear(0.0, 1.0), RawValue::Number(f64::NAN));
    assert_eq!(
        message(&a),
        "Option A (A) on C1 name (C1): the raw value NaN is not a number"
    );
}

#[test]
fn bad_scores_are_errors() {
    let mut a = panel_appraisal(Aggregation::Mean);
    a.scores[0].value = 11.0;
    assert_eq!(
        message(&a),
        "Option P (P) on QUAL name (QUAL): Scorer S1 (S1) scored 11, outside the panel scale 0 to 10"
    );
    a.scores[0].value = f64::NAN;
    assert!(message(&a).contains("scored NaN, outside the panel scale 0 to 10"));

    let mut a = panel_appraisal(Aggregation::Mean);
    a.scores[0].option = "NOPE".into();
    assert_eq!(
        message(&a),
        "a score on criterion 'QUAL' names the unknown option 'NOPE'"
    );
    let mut a = panel_appraisal(Aggregation::Mean);
    a.scores[0].criterion = "NOPE".into();
    assert_eq!(
        message(&a),
        "a score for option 'Option P (P)' names the unknown criterion 'NOPE'"
    );
    let mut a = panel_appraisal(Aggregation::Mean);
    a.scores[0].scorer = "S9".into();
    assert_eq!(
        message(&a),
        "a score for Option P (P) on QUAL name (QUAL) names the unknown scorer 'S9'"
    );
    let mut a = panel_appraisal(Aggregation::Mean);
    a.scores.retain(|s| s.option != "Q");
    assert_eq!(
        message(&a),
        "Option Q (Q) on QUAL name (QUAL): no panel member has scored it"
    );
    let mut a = panel_appraisal(Aggregation::Mean);
    a.scores.push(score("P", "QUAL", "S1", 4.0));
    assert_eq!(
        message(&a),
        "Option P (P) on QUAL name (QUAL): Scorer S1 (S1) has scored it twice"
    );
}

#[test]
fn bad_performances_are_errors() {
    let mut a = one_leaf(linear(0.0, 1.0), RawValue::Number(1.0));
    a.performances[0].option = "NOPE".into();
    assert_eq!(
        message(&a),
        "a performance on criterion 'C1' names the unknown option 'NOPE'"
    );
    let mut a = one_leaf(linear(0.0, 1.0), RawValue::Number(1.0));
    a.performances[0].criterion = "NOPE".into();
    assert_eq!(
        message(&a),
        "a performance for option 'Option A (A)' names the unknown criterion 'NOPE'"
    );
    let mut a = one_leaf(linear(0.0, 1.0), RawValue::Number(1.0));
    a.performances.clear();
    assert_eq!(
        message(&a),
        "Option A (A) on C1 name (C1): no performance is recorded"
    );
    let mut a = appraisal(
        &["A"],
        vec![leaf(
            "M",
            None,
            1.0,
            Source::Derived {
                metric: "finance.margin_final_year".into(),
            },
            linear(-10.0, 2.0),
        )],
    );
    assert_eq!(
        message(&a),
        "Option A (A) on M name (M): no performance is recorded (derived metric finance.margin_final_year); enter one by hand until its engine computes it"
    );
    a.performances = vec![num("A", "M", 1.0), num("A", "M", 2.0)];
    assert_eq!(
        message(&a),
        "Option A (A) on M name (M): the performance is recorded twice"
    );
}

#[test]
fn top_level_weights_at_70_percent_rank_provisionally_and_prefer_nothing() {
    let mut a = crate::demo::appraisal();
    let valid = crate::evaluation::Evaluation::of(&a)
        .score()
        .clone()
        .unwrap();
    assert_eq!(valid.preferred.as_deref(), Some("SPLIT"));
    assert_eq!(valid.provisional, None);
    // Quality 0.40 -> 0.10: the top level sums to 0.25 + 0.10 + 0.20 + 0.15 = 0.70.
    a.criteria
        .iter_mut()
        .find(|c| c.code == "QUA")
        .unwrap()
        .weight = 0.10;
    let r = crate::evaluation::Evaluation::of(&a)
        .score()
        .clone()
        .unwrap();
    assert_eq!(r.preferred, None);
    assert!(r.options.iter().all(|o| !o.preferred));
    assert_eq!(
        r.provisional.as_deref(),
        Some("weights do not sum to 100%: the top-level groups sum to 70%")
    );
    // The ranks are still there, one per option, from the totals as weighted.
    let mut ranks: Vec<usize> = r.options.iter().map(|o| o.rank).collect();
    ranks.sort_unstable();
    assert_eq!(ranks, (1..=a.options.len()).collect::<Vec<_>>());
    // No tie warning: nothing is preferred because of the weights, not a tie.
    assert!(!r.warnings.iter().any(|w| w.contains("share the highest")));
}
