//! Sensitivity tests on small hand-checked appraisals and on the built-in demo.

use super::*;
use crate::model::{
    AppraisalOption, Category, Criterion, CriterionKind, Direction, Hurdle, LeafSpec,
    OptionFinance, OptionKind, Performance, RawValue, Score, Scorer, Source, ValueFunction,
    WeightSet, WeightSetEntry,
};
use crate::score;
use rand::SeedableRng;
use rand_xoshiro::Xoshiro256PlusPlus;
use sampling::{ScoreSampler, WeightSampler};

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

fn leaf(code: &str, parent: Option<&str>, weight: f64, source: Source) -> Criterion {
    let value_function = match source {
        Source::Panel => ValueFunction::Linear {
            worst: 0.0,
            best: 10.0,
        },
        _ => ValueFunction::Linear {
            worst: 0.0,
            best: 100.0,
        },
    };
    Criterion {
        kind: CriterionKind::Leaf(LeafSpec {
            source,
            direction: Direction::HigherIsBetter,
            unit: String::new(),
            value_function,
            hurdle: None,
        }),
        ..group(code, parent, weight)
    }
}

/// An assessed leaf whose raw value is its 0-100 value.
fn assessed(code: &str, parent: Option<&str>, weight: f64) -> Criterion {
    leaf(code, parent, weight, Source::Assessment)
}

fn hurdle(code: &str) -> Criterion {
    Criterion {
        kind: CriterionKind::Leaf(LeafSpec {
            source: Source::Assessment,
            direction: Direction::HigherIsBetter,
            unit: String::new(),
            value_function: ValueFunction::Categorical {
                categories: ["Pass", "Fail"]
                    .iter()
                    .zip([100.0, 0.0])
                    .map(|(l, value)| Category {
                        label: (*l).into(),
                        value,
                    })
                    .collect(),
            },
            hurdle: Some(Hurdle { pass_value: 100.0 }),
        }),
        ..group(code, None, 0.0)
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
        evidence: String::new(),
        manual: false,
    }
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

/// Top-level assessed leaves C1, C2, ... with `weights`; `values[o]` are option o's values.
fn flat(weights: &[f64], values: &[&[f64]]) -> Appraisal {
    let mut a = Appraisal::new("test");
    a.options = (0..values.len())
        .map(|o| option(&((b'A' + o as u8) as char).to_string()))
        .collect();
    a.criteria = weights
        .iter()
        .enumerate()
        .map(|(j, &w)| assessed(&format!("C{}", j + 1), None, w))
        .collect();
    for (o, row) in values.iter().enumerate() {
        for (j, &v) in row.iter().enumerate() {
            a.performances.push(perf(
                &a.options[o].code.clone(),
                &format!("C{}", j + 1),
                RawValue::Number(v),
            ));
        }
    }
    a
}

fn matrix(a: &Appraisal) -> ValueMatrix {
    let r = score::evaluate(a).unwrap();
    ValueMatrix::new(a, &r).unwrap()
}

fn close(a: f64, b: f64) {
    assert!((a - b).abs() < 1e-9, "{a} != {b}");
}

/// SMAA with the flat draw (on these one-level appraisals the same as level by level).
fn smaa_with(a: &Appraisal, samples: usize, seed: u64, weights: WeightModel) -> SmaaResults {
    let settings = SmaaSettings {
        samples,
        seed,
        draw: WeightDraw::Flat,
        weights,
        ..SmaaSettings::default()
    };
    smaa::smaa(&matrix(a), &settings).unwrap()
}

#[test]
fn switch_point_equals_the_hand_calculation() {
    // A = (90, 10), B = (30, 50), weights 0.5 / 0.5. Giving C1 the weight w (C2 gets 1 - w):
    //   A(w) = 90 w + 10 (1 - w) = 10 + 80 w,   B(w) = 30 w + 50 (1 - w) = 50 - 20 w.
    // At w = 0.5, A = 50 and B = 40: A leads. They tie where 10 + 80 w = 50 - 20 w, so
    // w* = 40 / 100 = 0.4: 10 points below 0.5, a fifth of the weight; B leads below it.
    let m = matrix(&flat(&[0.5, 0.5], &[&[90.0, 10.0], &[30.0, 50.0]]));
    let c1 = oneway::vary(&m, "C1").unwrap();
    close(c1.lines[0].intercept, 10.0);
    close(c1.lines[0].slope, 80.0);
    close(c1.lines[1].intercept, 50.0);
    close(c1.lines[1].slope, -20.0);
    assert_eq!(c1.leader.as_deref(), Some("A"));
    assert_eq!(c1.switch_points.len(), 1);
    close(c1.switch_points[0].weight, 0.4);
    assert_eq!(
        (
            c1.switch_points[0].from.as_str(),
            c1.switch_points[0].to.as_str()
        ),
        ("B", "A")
    );
    let near = c1.nearest.unwrap();
    close(near.points, 10.0);
    close(near.share_of_weight.unwrap(), 0.2);
    assert_eq!(near.to, "B");
    // C2's weight is 1 - w, so its switch is at 0.6: 10 points above 0.5.
    let c2 = oneway::vary(&m, "C2").unwrap();
    close(c2.switch_points[0].weight, 0.6);
    close(c2.nearest.unwrap().points, 10.0);
}

#[test]
fn the_envelope_walk_finds_every_switch_and_skips_hurdle_failures() {
    // A = (100, 0), B = (0, 100), C = (60, 60); C1 weight w:
    //   A = 100 w, B = 100 - 100 w, C = 60.
    // From w = 0, B leads until 100 - 100 w = 60 (w = 0.4), C until 100 w = 60 (w = 0.6),
    // then A. A and B cross at 0.5 under C, which is no switch. Base w = 0.45: C leads, the
    // nearest switch is 0.4 (5 points, 0.05 / 0.45 of the weight) to B.
    let values: [&[f64]; 3] = [&[100.0, 0.0], &[0.0, 100.0], &[60.0, 60.0]];
    let m = matrix(&flat(&[0.45, 0.55], &values));
    let s = oneway::vary(&m, "C1").unwrap();
    let points: Vec<(f64, &str, &str)> = s
        .switch_points
        .iter()
        .map(|p| (p.weight, p.from.as_str(), p.to.as_str()))
        .collect();
    assert_eq!(points.len(), 2, "{points:?}");
    close(points[0].0, 0.4);
    close(points[1].0, 0.6);
    assert_eq!((points[0].1, points[0].2), ("B", "C"));
    assert_eq!((points[1].1, points[1].2), ("C", "A"));
    let near = s.nearest.unwrap();
    close(near.points, 5.0);
    close(near.share_of_weight.unwrap(), 0.05 / 0.45);
    assert_eq!(near.to, "B");

    // C fails a (weightless) hurdle: it is drawn but never leads, so A and B switch at 0.5.
    let mut a = flat(&[0.45, 0.55], &values);
    a.criteria.push(hurdle("H"));
    for (o, r) in [("A", "Pass"), ("B", "Pass"), ("C", "Fail")] {
        a.performances
            .push(perf(o, "H", RawValue::Category(r.into())));
    }
    let m = matrix(&a);
    let s = oneway::vary(&m, "C1").unwrap();
    assert_eq!(s.switch_points.len(), 1);
    close(s.switch_points[0].weight, 0.5);
    assert!(!s.lines[2].passes);
    assert_eq!(s.leader.as_deref(), Some("B"));
    // The hurdle carries no weight by design, so it is not varied.
    assert!(oneway::all(&m).iter().all(|n| n.criterion != "H"));
}

#[test]
fn groups_and_leaves_within_groups_switch_where_the_algebra_says() {
    // G1 (0.5) = {L1 0.5, L2 0.5}, G2 (0.5) = {L3}. A: L1 100, L2 20, L3 0; B: L1 0, L2 0,
    // L3 40. Base: A = 0.25 x 100 + 0.25 x 20 = 30, B = 0.5 x 40 = 20.
    // G1's weight w: A = 60 w (A's value within G1 is 60), B = 40 (1 - w): switch at w = 0.4.
    // L1's weight within G1, w: A = 0.5 (100 w + 20 (1 - w)) = 10 + 40 w, B = 20: w = 0.25.
    let mut a = Appraisal::new("tree");
    a.options = vec![option("A"), option("B")];
    a.criteria = vec![
        group("G1", None, 0.5),
        assessed("L1", Some("G1"), 0.5),
        assessed("L2", Some("G1"), 0.5),
        group("G2", None, 0.5),
        assessed("L3", Some("G2"), 1.0),
    ];
    for (o, l, v) in [
        ("A", "L1", 100.0),
        ("A", "L2", 20.0),
        ("A", "L3", 0.0),
        ("B", "L1", 0.0),
        ("B", "L2", 0.0),
        ("B", "L3", 40.0),
    ] {
        a.performances.push(perf(o, l, RawValue::Number(v)));
    }
    let m = matrix(&a);
    let g1 = oneway::vary(&m, "G1").unwrap();
    close(g1.switch_points[0].weight, 0.4);
    close(g1.nearest.unwrap().points, 10.0);
    let l1 = oneway::vary(&m, "L1").unwrap();
    close(l1.lines[0].intercept, 10.0);
    close(l1.lines[0].slope, 40.0);
    close(l1.switch_points[0].weight, 0.25);
    close(l1.nearest.unwrap().share_of_weight.unwrap(), 0.5);
    // L3 is G2's only child, so its weight w scales G2's points: A = 30 (flat), B = 20 w,
    // below A up to w = 1: no switch.
    let l3 = oneway::vary(&m, "L3").unwrap();
    assert!(l3.switch_points.is_empty());
    assert!(l3.nearest.is_none());
}

#[test]
fn a_dominant_option_has_no_switch_point() {
    let m = matrix(&flat(&[0.5, 0.5], &[&[80.0, 80.0], &[20.0, 30.0]]));
    for s in oneway::all(&m) {
        assert!(s.switch_points.is_empty(), "{s:?}");
        assert!(s.nearest.is_none());
        assert_eq!(s.leader.as_deref(), Some("A"));
    }
    // A = (50, 100), B = (50, 0): with C1's weight w, A = 100 - 50 w and B = 50 w meet only
    // at w = 1, a tie at the end of the range that changes no leader within it.
    let m = matrix(&flat(&[0.5, 0.5], &[&[50.0, 100.0], &[50.0, 0.0]]));
    assert!(oneway::vary(&m, "C1").unwrap().switch_points.is_empty());
    assert_eq!(
        oneway::vary(&m, "NOPE").unwrap_err().to_string(),
        "there is no criterion or group 'NOPE' to vary"
    );
}

/// C1 assessed (0.6), C2 panel-scored (0.4) by two scorers. A: C1 50, C2 (2, 8) -> 50;
/// B: C1 40, C2 (5, 5) -> 50. Totals A 50, B 44: lead 6.
fn tornado_case() -> Appraisal {
    let mut a = Appraisal::new("tornado");
    a.options = vec![option("A"), option("B")];
    a.criteria = vec![
        assessed("C1", None, 0.6),
        leaf("C2", None, 0.4, Source::Panel),
    ];
    a.scorers = ["S1", "S2"]
        .iter()
        .map(|s| Scorer {
            code: (*s).into(),
            name: (*s).into(),
            role: String::new(),
        })
        .collect();
    a.performances = vec![
        perf("A", "C1", RawValue::Number(50.0)),
        perf("B", "C1", RawValue::Number(40.0)),
    ];
    a.scores = vec![
        score("A", "C2", "S1", 2.0),
        score("A", "C2", "S2", 8.0),
        score("B", "C2", "S1", 5.0),
        score("B", "C2", "S2", 5.0),
    ];
    a
}

#[test]
fn tornado_ranks_inputs_by_their_swing_in_the_lead() {
    // C1's weight w (C2 1 - w): A = 50, B = 40 w + 50 (1 - w) = 50 - 10 w, lead 10 w;
    //   +/-50%: w 0.3 -> 3, 0.9 -> 9: swing 6.
    // C2's weight w: A = 50, B = 40 + 10 w, lead 10 - 10 w; w 0.2 -> 8, 0.6 -> 4: swing 4.
    // A's C2 score 2..8 -> value 20..80, A = 30 + 0.4 v = 38..62, lead -6..18: swing 24.
    // B's C2 scores agree: no spread, no bar.
    let m = matrix(&tornado_case());
    let t = tornado::tornado(&m, 0.5).unwrap();
    close(t.base_lead.unwrap(), 6.0);
    let got: Vec<(&str, Option<&str>, f64)> = t
        .items
        .iter()
        .map(|i| (i.criterion.as_str(), i.option.as_deref(), i.swing))
        .collect();
    assert_eq!(got.len(), 3, "{got:?}");
    assert_eq!((got[0].0, got[0].1), ("C2", Some("A")));
    close(got[0].2, 24.0);
    close(t.items[0].lead_low, -6.0);
    close(t.items[0].lead_high, 18.0);
    assert_eq!((got[1].0, got[1].1), ("C1", None));
    close(got[1].2, 6.0);
    close(t.items[1].low, 0.3);
    close(t.items[1].lead_high, 9.0);
    assert_eq!((got[2].0, got[2].1), ("C2", None));
    close(got[2].2, 4.0);
    assert_eq!(
        tornado::tornado(&m, 1.5).unwrap_err().to_string(),
        "the tornado's weight share must be from 0 to 1 (0.5 = +/-50%), not 1.5"
    );
}

fn set(code: &str, entries: &[(&str, f64)]) -> WeightSet {
    WeightSet {
        code: code.into(),
        name: format!("{code} set"),
        description: String::new(),
        weights: entries
            .iter()
            .map(|&(c, value)| WeightSetEntry {
                criterion: c.into(),
                value,
            })
            .collect(),
    }
}

#[test]
fn weight_sets_reweight_and_renormalise_siblings() {
    // A = (90, 10), B = (30, 50).
    // "C1-LED" 0.8 / 0.2: A = 72 + 2 = 74, B = 24 + 10 = 34: A first.
    // "C2-LED" names only C2 = 3; C1 keeps 0.5; renormalised 1/7 and 6/7:
    //   A = (90 + 60) / 7 = 150/7, B = (30 + 300) / 7 = 330/7: B first.
    let m = matrix(&flat(&[0.5, 0.5], &[&[90.0, 10.0], &[30.0, 50.0]]));
    let base = weight_sets::base(&m);
    close(base.options[0].total, 50.0);
    assert_eq!(base.preferred.as_deref(), Some("A"));
    let sets = weight_sets::evaluate(
        &m,
        &[
            set("C1-LED", &[("C1", 0.8), ("C2", 0.2)]),
            set("C2-LED", &[("C2", 3.0)]),
        ],
    )
    .unwrap();
    close(sets[0].options[0].total, 74.0);
    close(sets[0].options[1].total, 34.0);
    assert_eq!(sets[0].preferred.as_deref(), Some("A"));
    close(sets[1].options[0].total, 150.0 / 7.0);
    close(sets[1].options[1].total, 330.0 / 7.0);
    assert_eq!((sets[1].options[0].rank, sets[1].options[1].rank), (2, 1));
    assert_eq!(sets[1].preferred.as_deref(), Some("B"));

    let e = weight_sets::evaluate(&m, &[set("ODD", &[("C9", 0.5)])]).unwrap_err();
    assert_eq!(
        e.to_string(),
        "the weight set 'ODD' names the unknown criterion 'C9'"
    );
    let e = weight_sets::evaluate(&m, &[set("ZERO", &[("C1", 0.0), ("C2", 0.0)])]).unwrap_err();
    assert_eq!(
        e.to_string(),
        "the weight set 'ZERO' leaves every weight under the top level at zero"
    );
}

#[test]
fn smaa_gives_a_dominant_option_rank_one_acceptability_of_exactly_one() {
    let a = flat(
        &[0.3, 0.3, 0.4],
        &[
            &[80.0, 90.0, 70.0],
            &[20.0, 30.0, 10.0],
            &[50.0, 40.0, 60.0],
        ],
    );
    let r = smaa_with(&a, 5_000, 7, WeightModel::Uniform);
    let top = &r.options[0];
    assert_eq!(top.acceptability[0].value, 1.0);
    assert_eq!(top.acceptability[0].se, 0.0);
    assert_eq!(top.confidence.unwrap().value, 1.0);
    assert!(
        r.options[1..]
            .iter()
            .all(|o| o.acceptability[0].value == 0.0)
    );
    assert!(r.options[1..].iter().all(|o| o.central_weights.is_none()));
    // Each option's acceptabilities over the ranks sum to 1.
    for o in &r.options {
        close(o.acceptability.iter().map(|b| b.value).sum(), 1.0);
    }
    close(top.holistic.value, 1.0);
}

#[test]
fn smaa_finds_mirror_image_options_equally_acceptable() {
    // A = (80, 20, 60, 40) and B = (20, 80, 40, 60) swap places when the weights do, and
    // uniform weights are exchangeable: each is first half the time.
    let a = flat(
        &[0.25; 4],
        &[&[80.0, 20.0, 60.0, 40.0], &[20.0, 80.0, 40.0, 60.0]],
    );
    let r = smaa_with(&a, 20_000, 3, WeightModel::Uniform);
    for o in &r.options {
        let b = o.acceptability[0];
        assert!((b.value - 0.5).abs() < 3.0 * b.se, "{b:?}");
        // Near the binomial standard error at 0.5 and 20,000 draws, sqrt(0.25 / 20,000).
        assert!((b.se - 0.003536).abs() < 1e-4, "{b:?}");
    }
    // A's central weights favour C1 and C3, B's C2 and C4.
    let wa = r.options[0].central_weights.as_ref().unwrap();
    assert!(wa[0].value > wa[1].value && wa[2].value > wa[3].value);
}

#[test]
fn central_weights_sum_to_one() {
    let a = flat(
        &[0.2, 0.3, 0.5],
        &[
            &[80.0, 20.0, 50.0],
            &[30.0, 90.0, 40.0],
            &[55.0, 55.0, 55.0],
        ],
    );
    for weights in [
        WeightModel::Uniform,
        WeightModel::AroundBase { share: 0.5 },
        WeightModel::Ranking {
            ranking: vec!["C3".into(), "C2".into(), "C1".into()],
        },
    ] {
        let r = smaa_with(&a, 5_000, 11, weights);
        for o in &r.options {
            if let Some(w) = &o.central_weights {
                close(w.iter().map(|e| e.value).sum(), 1.0);
                assert!(w.iter().all(|e| e.se >= 0.0 && e.se.is_finite()));
            }
        }
    }
}

#[test]
fn the_same_seed_gives_the_same_output_and_another_seed_other_draws() {
    let a = tornado_case();
    let one = smaa_with(&a, 2_000, 42, WeightModel::Uniform);
    let again = smaa_with(&a, 2_000, 42, WeightModel::Uniform);
    assert_eq!(one, again);
    assert_eq!(
        serde_json::to_string(&one).unwrap(),
        serde_json::to_string(&again).unwrap()
    );
    let other = smaa_with(&a, 2_000, 43, WeightModel::Uniform);
    assert_ne!(
        one.options[0].acceptability[0].value,
        other.options[0].acceptability[0].value
    );
}

#[test]
fn weight_samplers_keep_to_their_bounds_and_rankings() {
    let a = flat(
        &[0.2, 0.3, 0.5],
        &[&[80.0, 20.0, 50.0], &[30.0, 90.0, 40.0]],
    );
    let m = matrix(&a);
    let all = [0, 1, 2];
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(5);
    let mut w = [0.0; 3];
    let mut bounded =
        WeightSampler::new(&WeightModel::AroundBase { share: 0.5 }, &m, &all).unwrap();
    let mut kept = 0;
    for _ in 0..2_000 {
        if bounded.draw(&mut rng, &mut w) {
            kept += 1;
            close(w.iter().sum(), 1.0);
            for (x, base) in w.iter().zip([0.2, 0.3, 0.5]) {
                assert!(
                    *x >= base * 0.5 - 1e-12 && *x <= base * 1.5 + 1e-12,
                    "{w:?}"
                );
            }
        }
    }
    assert!(kept > 0);
    let ranking = WeightModel::Ranking {
        ranking: vec!["C2".into(), "C1".into()],
    };
    let mut ranked = WeightSampler::new(&ranking, &m, &all).unwrap();
    for _ in 0..2_000 {
        assert!(ranked.draw(&mut rng, &mut w));
        assert!(w[1] >= w[0], "{w:?}");
        close(w.iter().sum(), 1.0);
    }
}

#[test]
fn one_bound_among_many_weights_keeps_the_draws_uniform_within_it() {
    // Twelve equally weighted criteria, one bounded to 10-20%. The box sampler would keep
    // almost no draws (eleven free weights uniform on 0-1 rarely sum below 1); the simplex
    // sampler keeps those whose bounded weight falls within the bound. Under the uniform
    // simplex a weight is Beta(1, 11), so within 10-20% its mean is
    // int x f / int f over [0.1, 0.2] with f = (1 - x)^10.
    let weights = [1.0 / 12.0; 12];
    let row = [50.0; 12];
    let a = flat(&weights, &[&row, &row]);
    let m = matrix(&a);
    let all: Vec<usize> = (0..12).collect();
    let model = WeightModel::Bounds {
        bounds: vec![WeightBound {
            criterion: "C1".into(),
            min: 0.1,
            max: 0.2,
        }],
    };
    let mut sampler = WeightSampler::new(&model, &m, &all).unwrap();
    assert!(matches!(sampler, WeightSampler::Within { .. }));
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(9);
    let mut w = [0.0; 12];
    let (mut kept, mut sum, mut tries) = (0usize, 0.0, 0usize);
    while kept < 20_000 {
        tries += 1;
        if sampler.draw(&mut rng, &mut w) {
            assert!((0.1..=0.2).contains(&w[0]), "{w:?}");
            close(w.iter().sum(), 1.0);
            kept += 1;
            sum += w[0];
        }
    }
    // P(0.1 <= w <= 0.2) = 0.9^11 - 0.8^11 = 0.2279.
    let rate = kept as f64 / tries as f64;
    assert!(
        (rate - (0.9f64.powi(11) - 0.8f64.powi(11))).abs() < 0.01,
        "{rate}"
    );
    let (ix, i) = (
        |x: f64| -(1.0 - x).powi(11) * (1.0 + 11.0 * x) / 132.0,
        |x: f64| -(1.0 - x).powi(11) / 11.0,
    );
    let mean = (ix(0.2) - ix(0.1)) / (i(0.2) - i(0.1));
    assert!(
        (sum / kept as f64 - mean).abs() < 0.001,
        "{} {mean}",
        sum / kept as f64
    );
}

#[test]
fn bad_smaa_input_is_a_clear_error() {
    let a = flat(&[0.5, 0.5], &[&[90.0, 10.0], &[30.0, 50.0]]);
    let m = matrix(&a);
    let run = |samples: usize, weights: WeightModel| {
        smaa::smaa(
            &m,
            &SmaaSettings {
                samples,
                draw: WeightDraw::Flat,
                weights,
                ..SmaaSettings::default()
            },
        )
        .unwrap_err()
        .to_string()
    };
    assert_eq!(
        run(0, WeightModel::Uniform),
        "the sample count must be at least 1, not 0"
    );
    let bound = |criterion: &str, min: f64, max: f64| WeightBound {
        criterion: criterion.into(),
        min,
        max,
    };
    assert_eq!(
        run(
            100,
            WeightModel::Bounds {
                bounds: vec![bound("C1", 0.7, 0.9), bound("C2", 0.4, 0.5)]
            }
        ),
        "the weight bounds exclude every weight vector: the minimums sum to 1.1000 and the maximums to 1.4000, but the weights must sum to 1"
    );
    assert_eq!(
        run(
            100,
            WeightModel::Bounds {
                bounds: vec![bound("C1", 0.1, 0.3), bound("C2", 0.2, 0.4)]
            }
        ),
        "the weight bounds exclude every weight vector: the minimums sum to 0.3000 and the maximums to 0.7000, but the weights must sum to 1"
    );
    assert_eq!(
        run(
            100,
            WeightModel::Bounds {
                bounds: vec![bound("C1", 0.6, 0.2)]
            }
        ),
        "the weight bounds for C1 run from 0.6 to 0.2: they must satisfy 0 <= min <= max <= 1"
    );
    assert_eq!(
        run(
            100,
            WeightModel::Ranking {
                ranking: vec!["C1".into(), "C2".into(), "C1".into()]
            }
        ),
        "the ranking is inconsistent: it places C1 both 1st and 3rd, above and below the criteria in between (a cycle)"
    );
    assert_eq!(
        run(
            100,
            WeightModel::Ranking {
                ranking: vec!["C1".into(), "C7".into()]
            }
        ),
        "the weight ranking names the unknown criterion 'C7'"
    );
    assert_eq!(
        run(100, WeightModel::AroundBase { share: 2.0 }),
        "the weight share must be from 0 to 1 (0.5 = +/-50%), not 2"
    );
}

#[test]
fn the_demo_runs_every_analysis() {
    let a = crate::demo::appraisal();
    let r = crate::evaluation::Evaluation::of(&a)
        .score()
        .clone()
        .unwrap();
    let settings = Settings {
        smaa: SmaaSettings {
            samples: 2_000,
            ..SmaaSettings::default()
        },
        ..Settings::default()
    };
    let report = analyse(&a, &r, &settings).unwrap();
    assert_eq!(report.preferred, r.preferred);
    assert!(report.one_way.iter().any(|n| n.parent.is_none()));
    // The service change tests carry no weight and are not varied.
    assert!(report.one_way.iter().all(|n| n.criterion != "TESTS"));
    // Each node's leader at its current weight is the scoring's preferred option.
    for n in &report.one_way {
        assert_eq!(n.leader, r.preferred, "{}", n.criterion);
    }
    assert!(!report.tornado.items.is_empty());
    assert_eq!(report.weight_sets.sets.len(), 3);
    assert_eq!(report.smaa.options.len(), 5);
    // Options failing a hurdle are never first.
    for (o, s) in r.options.iter().zip(&report.smaa.options) {
        if !o.hurdles.passes {
            assert_eq!(s.acceptability[0].value, 0.0, "{}", o.code);
        }
    }
    assert!(serde_json::to_string(&report).is_ok());
}

/// Options A and B on panel-scored leaves C1 and C2 (scale 0-10, linear value), each cell
/// scored by three scorers: `cells[o][j]`.
fn panel_case(cells: &[[[f64; 3]; 2]]) -> Appraisal {
    let mut a = Appraisal::new("panel");
    a.options = (0..cells.len())
        .map(|o| option(&((b'A' + o as u8) as char).to_string()))
        .collect();
    a.criteria = vec![
        leaf("C1", None, 0.5, Source::Panel),
        leaf("C2", None, 0.5, Source::Panel),
    ];
    a.scorers = ["S1", "S2", "S3"]
        .iter()
        .map(|&code| Scorer {
            code: code.into(),
            name: code.into(),
            role: String::new(),
        })
        .collect();
    for (o, row) in cells.iter().enumerate() {
        for (j, scores) in row.iter().enumerate() {
            for (s, &value) in scores.iter().enumerate() {
                a.scores.push(score(
                    &a.options[o].code.clone(),
                    &format!("C{}", j + 1),
                    &format!("S{}", s + 1),
                    value,
                ));
            }
        }
    }
    a
}

#[test]
fn normal_scores_are_truncated_to_the_scale_with_the_truncated_normal_mean() {
    // Scores 7, 10, 10: mean 9, sd sqrt(3), so the scale's top (10) is 0.577 sd away. The
    // normal truncated to 0-10 has mean 9 + sqrt(3) (phi(-5.196) - phi(0.577)) / 0.718148 =
    // 8.185533 and sd 1.233760 (by hand from the standard formulas): value 81.85533, and the
    // mean of 200,000 draws has a standard error of 12.3376 / sqrt(200,000) = 0.0276.
    let a = panel_case(&[[[7.0, 10.0, 10.0], [5.0, 5.0, 5.0]]]);
    let m = matrix(&a);
    let mut sampler = ScoreSampler::new(ScoreModel::Normal, &m, &[0, 1]);
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(8);
    // Column-major over the sampled leaves, starting from the base values (90 and 50).
    let (mut values, mut passes) = (vec![m.value(0, 0), m.value(0, 1)], vec![true]);
    assert_eq!(values, [90.0, 50.0]);
    let n = 200_000;
    let mut sum = 0.0;
    for _ in 0..n {
        sampler.draw(&mut rng, &mut values, &mut passes);
        assert!((0.0..=100.0).contains(&values[0]), "{values:?}");
        // Scores without spread stay fixed.
        assert_eq!(values[1], 50.0);
        sum += values[0];
    }
    let mean = sum / n as f64;
    assert!((mean - 81.85533).abs() < 4.0 * 0.0276, "{mean}");
}

#[test]
fn mirror_image_options_with_uncertain_scores_are_first_half_the_time() {
    // A's C1 is scored like B's C2 and the other way round; uniform weights and the score
    // draws are exchangeable between them, so each is first half the time.
    let a = panel_case(&[
        [[7.0, 10.0, 10.0], [2.0, 4.0, 6.0]],
        [[2.0, 4.0, 6.0], [7.0, 10.0, 10.0]],
    ]);
    let r = smaa_with(&a, 20_000, 5, WeightModel::Uniform);
    assert_eq!(r.confidence_samples, smaa::DEFAULT_CONFIDENCE_SAMPLES);
    for o in &r.options {
        let b = o.acceptability[0];
        assert!((b.value - 0.5).abs() < 3.0 * b.se, "{b:?}");
        let c = o.confidence.unwrap();
        assert!(c.value > 0.5 && c.value < 1.0, "{c:?}");
        // sqrt(p (1 - p) / 10,000): at most half a percentage point.
        assert!((c.se - (c.value * (1.0 - c.value) / 10_000.0).sqrt()).abs() < 1e-12);
    }
}

#[test]
fn the_stored_defaults_are_the_engine_defaults() {
    assert_eq!(
        Settings::from_model(&crate::model::SensitivitySettings::default()),
        Settings::default()
    );
    let groups = vec![GroupWeights {
        group: "G1".into(),
        weights: WeightModel::Uniform,
    }];
    let stored = crate::model::SensitivitySettings {
        tornado_share: 0.25,
        samples: 500,
        seed: 99,
        draw: WeightDraw::Flat,
        weights: WeightModel::AroundBase { share: 0.2 },
        groups: groups.clone(),
        scores: ScoreModel::Triangular,
        confidence_samples: 300,
        stream: DrawStream::Blocks,
    };
    let s = Settings::from_model(&stored);
    assert_eq!(s.tornado_share, 0.25);
    assert_eq!(
        s.smaa,
        SmaaSettings {
            samples: 500,
            seed: 99,
            draw: WeightDraw::Flat,
            weights: WeightModel::AroundBase { share: 0.2 },
            groups,
            scores: ScoreModel::Triangular,
            confidence_samples: 300,
            stream: DrawStream::Blocks,
        }
    );
}

mod levels;
mod pinned;
