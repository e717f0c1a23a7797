//! The level-by-level weight draw on small trees with closed-form answers.

use super::*;
use crate::sensitivity::levels::LevelSampler;

/// An appraisal with `criteria` and assessed values `values[o]` (criterion code, 0-100 value)
/// for options A, B, ...
fn tree(criteria: Vec<Criterion>, values: &[&[(&str, f64)]]) -> Appraisal {
    let mut a = Appraisal::new("tree");
    a.options = (0..values.len())
        .map(|o| option(&((b'A' + o as u8) as char).to_string()))
        .collect();
    a.criteria = criteria;
    for (o, row) in values.iter().enumerate() {
        for &(code, v) in *row {
            let value = if code == "H" {
                RawValue::Category(if v >= 100.0 { "Pass" } else { "Fail" }.into())
            } else {
                RawValue::Number(v)
            };
            a.performances
                .push(perf(&a.options[o].code.clone(), code, value));
        }
    }
    a
}

/// Two groups: G1 with three leaves (local 0.5, 0.3, 0.2), G2 with two (0.6, 0.4). Option A is
/// worth 100 on every G1 leaf and 20 on every G2 leaf, B 40 and 100: on the groups alone A has
/// (100, 20) and B (40, 100), whatever the weights within the groups.
fn two_groups() -> Appraisal {
    tree(
        vec![
            group("G1", None, 0.5),
            assessed("A1", Some("G1"), 0.5),
            assessed("A2", Some("G1"), 0.3),
            assessed("A3", Some("G1"), 0.2),
            group("G2", None, 0.5),
            assessed("B1", Some("G2"), 0.6),
            assessed("B2", Some("G2"), 0.4),
        ],
        &[
            &[
                ("A1", 100.0),
                ("A2", 100.0),
                ("A3", 100.0),
                ("B1", 20.0),
                ("B2", 20.0),
            ],
            &[
                ("A1", 40.0),
                ("A2", 40.0),
                ("A3", 40.0),
                ("B1", 100.0),
                ("B2", 100.0),
            ],
        ],
    )
}

fn run(a: &Appraisal, settings: SmaaSettings) -> Result<SmaaResults, SmaaError> {
    smaa::smaa(&matrix(a), &settings)
}

fn settings(draw: WeightDraw, samples: usize, seed: u64) -> SmaaSettings {
    SmaaSettings {
        samples,
        seed,
        draw,
        scores: ScoreModel::Fixed,
        ..SmaaSettings::default()
    }
}

#[test]
fn two_groups_with_uniform_shares_and_fixed_inner_weights_are_the_flat_two_criterion_problem() {
    // Level by level, the top share s of G1 is uniform on 0-1 and A comes first when
    // 100 s + 20 (1 - s) > 40 s + 100 (1 - s), that is when s > 4/7: in 3/7 of draws. The flat
    // problem with the two groups as its two criteria is the same, draw for draw (two
    // exponentials normalised, from the same seed).
    let a = two_groups();
    let levels = run(&a, settings(WeightDraw::LevelByLevel, 40_000, 17)).unwrap();
    let two = super::flat(&[0.5, 0.5], &[&[100.0, 20.0], &[40.0, 100.0]]);
    let flat_two = run(&two, settings(WeightDraw::Flat, 40_000, 17)).unwrap();
    let first = |r: &SmaaResults, o: usize| r.options[o].acceptability[0];
    for o in 0..2 {
        assert_eq!(first(&levels, o), first(&flat_two, o));
    }
    let b = first(&levels, 0);
    assert!((b.value - 3.0 / 7.0).abs() < 3.0 * b.se, "{b:?}");
    // sqrt(p (1 - p) / n) at p near 3/7 and n = 40,000.
    assert!((b.se - (3.0 / 7.0 * 4.0 / 7.0 / 40_000.0f64).sqrt()).abs() < 1e-4);
    assert_eq!(levels.max_standard_error, (0.25f64 / 40_000.0).sqrt());
    // Flat over the five leaves, G1's three leaves together weigh Beta(3, 2), more than G2's
    // two on average: A is first when that weight exceeds 4/7, with probability
    // 1 - (4 x^3 - 3 x^4) at x = 4/7, 1 - 1024/2401.
    let leaves = run(&a, settings(WeightDraw::Flat, 40_000, 17)).unwrap();
    let b = first(&leaves, 0);
    assert!(
        (b.value - (1.0 - 1024.0 / 2401.0)).abs() < 3.0 * b.se,
        "{b:?}"
    );
}

#[test]
fn the_draw_is_stated_with_each_level() {
    let a = two_groups();
    let r = run(&a, settings(WeightDraw::LevelByLevel, 100, 1)).unwrap();
    assert_eq!(r.draw, WeightDraw::LevelByLevel);
    assert_eq!(
        r.weights,
        "drawn level by level down the criteria tree: the top level's 2 weights uniform on the simplex (no weight information); within each group fixed at the appraisal's weights"
    );
    let levels: Vec<(Option<&str>, usize, &str)> = r
        .levels
        .iter()
        .map(|l| (l.group.as_deref(), l.criteria, l.weights.as_str()))
        .collect();
    assert_eq!(
        levels,
        [
            (None, 2, "uniform on the simplex (no weight information)"),
            (Some("G1"), 3, "fixed at the appraisal's weights"),
            (Some("G2"), 2, "fixed at the appraisal's weights"),
        ]
    );
    let mut s = settings(WeightDraw::LevelByLevel, 100, 1);
    s.weights = WeightModel::AroundBase { share: 0.2 };
    s.groups = vec![GroupWeights {
        group: "G2".into(),
        weights: WeightModel::Ranking {
            ranking: vec!["B2".into()],
        },
    }];
    assert_eq!(
        run(&a, s).unwrap().weights,
        "drawn level by level down the criteria tree: the top level's 2 weights uniform within +/-20% of the appraisal's weights; within G2 name (G2) uniform among weights consistent with a ranking of 1 criteria; within the other groups fixed at the appraisal's weights"
    );
    let flat = run(&a, settings(WeightDraw::Flat, 100, 1)).unwrap();
    assert_eq!(
        flat.weights,
        "drawn flat over the 5 weighted leaf criteria, uniform on the simplex (no weight information)"
    );
    assert!(flat.levels.is_empty());
}

/// The leaves of `a` carrying weight, as SMAA samples them.
fn sampled(m: &ValueMatrix) -> Vec<usize> {
    (0..m.leaves.len())
        .filter(|&l| m.leaves[l].global > 0.0)
        .collect()
}

#[test]
fn a_group_fixed_at_its_weights_keeps_their_ratios_in_every_draw() {
    let a = two_groups();
    let m = matrix(&a);
    let leaves = sampled(&m);
    let groups = [GroupWeights {
        group: "G2".into(),
        weights: WeightModel::Uniform,
    }];
    let mut s = LevelSampler::new(&WeightModel::Uniform, &groups, &m, &leaves).unwrap();
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(4);
    let mut w = [0.0; 5];
    let (mut b1, mut moved) = (0.0, 0usize);
    for _ in 0..5_000 {
        assert!(s.draw(&mut rng, &mut w));
        close(w.iter().sum(), 1.0);
        // G1 is fixed: its leaves keep 0.5 : 0.3 : 0.2 of G1's share.
        let g1 = w[0] + w[1] + w[2];
        close(w[0] / g1, 0.5);
        close(w[1] / g1, 0.3);
        close(w[2] / g1, 0.2);
        // G2 is drawn: B1's share of G2 is uniform on 0-1, mean 1/2.
        let share = w[3] / (w[3] + w[4]);
        b1 += share;
        moved += usize::from((share - 0.6).abs() > 0.01);
    }
    assert!((b1 / 5_000.0 - 0.5).abs() < 3.0 * (1.0f64 / 12.0 / 5_000.0).sqrt());
    assert!(moved > 4_500, "{moved}");
}

/// Four levels: T1 (0.6) holds S1 (0.7: L1 0.25, L2 0.75) and S2 (0.3: L3); T2 (0.4) holds L4;
/// the hurdle H and the zero-weight leaf Z carry no weight.
fn four_levels() -> Appraisal {
    let mut z = assessed("Z", Some("S1"), 0.0);
    z.name = "Zero".into();
    tree(
        vec![
            group("T1", None, 0.6),
            group("S1", Some("T1"), 0.7),
            group("U1", Some("S1"), 1.0),
            assessed("L1", Some("U1"), 0.25),
            assessed("L2", Some("U1"), 0.75),
            z,
            group("S2", Some("T1"), 0.3),
            assessed("L3", Some("S2"), 1.0),
            group("T2", None, 0.4),
            assessed("L4", Some("T2"), 1.0),
            hurdle("H"),
        ],
        &[
            &[
                ("L1", 10.0),
                ("L2", 20.0),
                ("Z", 30.0),
                ("L3", 40.0),
                ("L4", 50.0),
                ("H", 100.0),
            ],
            &[
                ("L1", 60.0),
                ("L2", 50.0),
                ("Z", 40.0),
                ("L3", 30.0),
                ("L4", 20.0),
                ("H", 0.0),
            ],
        ],
    )
}

#[test]
fn a_leafs_weight_is_the_product_of_the_weights_along_its_path() {
    let a = four_levels();
    let m = matrix(&a);
    let leaves = sampled(&m);
    let codes: Vec<&str> = leaves.iter().map(|&l| m.leaves[l].code.as_str()).collect();
    // The hurdle and the zero-weight leaf are left out, as in the flat draw.
    assert_eq!(codes, ["L1", "L2", "L3", "L4"]);
    let node = |code: &str| m.find(code).unwrap();
    // The top level and T1's children drawn uniformly; U1 (under S1) fixed at 0.25 : 0.75.
    let groups = [GroupWeights {
        group: "T1".into(),
        weights: WeightModel::Uniform,
    }];
    let mut s = LevelSampler::new(&WeightModel::Uniform, &groups, &m, &leaves).unwrap();
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(8);
    let mut w = [0.0; 4];
    let n = 40_000;
    let mut l1 = Vec::with_capacity(n);
    for _ in 0..n {
        assert!(s.draw(&mut rng, &mut w));
        let (t1, s1) = (s.node_weight(node("T1")), s.node_weight(node("S1")));
        let (s1_local, t1_local) = (s1 / t1, t1);
        assert_eq!(s.node_weight(node("Z")), 0.0);
        assert_eq!(s.node_weight(node("H")), 0.0);
        // L1 = T1's share x S1's share of T1 x U1's share of S1 (1) x L1's share of U1.
        assert!(
            (w[0] - t1_local * s1_local * 1.0 * 0.25).abs() < 1e-15,
            "{w:?}"
        );
        assert!((w[1] - t1_local * s1_local * 0.75).abs() < 1e-15, "{w:?}");
        assert!((w[2] - t1_local * (1.0 - s1_local)).abs() < 1e-15, "{w:?}");
        assert!((w[3] - (1.0 - t1_local)).abs() < 1e-15, "{w:?}");
        l1.push(w[0]);
    }
    // The levels are independent and each share uniform on 0-1: E[L1] = 1/2 x 1/2 x 1/4, and
    // E[L1^2] = 1/3 x 1/3 x 1/16, so its sd is sqrt(1/144 - 1/256).
    let mean = l1.iter().sum::<f64>() / n as f64;
    let sd = (1.0f64 / 144.0 - 1.0 / 256.0).sqrt();
    assert!(
        (mean - 1.0 / 16.0).abs() < 3.0 * sd / (n as f64).sqrt(),
        "{mean}"
    );
    let sq = l1.iter().map(|x| x * x).sum::<f64>() / n as f64;
    assert!((sq - 1.0 / 144.0).abs() < 2e-4, "{sq}");
}

#[test]
fn bounds_and_rankings_within_a_group_hold_for_its_local_weights() {
    let a = two_groups();
    let m = matrix(&a);
    let leaves = sampled(&m);
    let groups = [
        GroupWeights {
            group: "G1".into(),
            weights: WeightModel::Bounds {
                bounds: vec![WeightBound {
                    criterion: "A3".into(),
                    min: 0.4,
                    max: 0.6,
                }],
            },
        },
        GroupWeights {
            group: "G2".into(),
            weights: WeightModel::Ranking {
                ranking: vec!["B2".into(), "B1".into()],
            },
        },
    ];
    let top = WeightModel::AroundBase { share: 0.2 };
    let mut s = LevelSampler::new(&top, &groups, &m, &leaves).unwrap();
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(2);
    let mut w = [0.0; 5];
    let mut kept = 0;
    for _ in 0..5_000 {
        if !s.draw(&mut rng, &mut w) {
            continue;
        }
        kept += 1;
        close(w.iter().sum(), 1.0);
        let g1 = w[0] + w[1] + w[2];
        assert!((0.4..=0.6).contains(&g1), "{w:?}");
        assert!((0.4 - 1e-12..=0.6 + 1e-12).contains(&(w[2] / g1)), "{w:?}");
        assert!(w[4] >= w[3], "{w:?}");
    }
    assert!(kept > 1_000, "{kept}");
}

#[test]
fn the_same_seed_gives_the_same_level_by_level_figures() {
    let a = four_levels();
    let mut s = settings(WeightDraw::LevelByLevel, 3_000, 5);
    s.groups = vec![GroupWeights {
        group: "S1".into(),
        weights: WeightModel::Uniform,
    }];
    let one = run(&a, s.clone()).unwrap();
    assert_eq!(run(&a, s.clone()).unwrap(), one);
    s.seed = 6;
    let other = run(&a, s).unwrap();
    // B fails the hurdle: A is first in every draw, whatever the seed; the weights of the
    // draws (A's central weights) move with it.
    for r in [&one, &other] {
        assert_eq!(r.options[0].acceptability[0].value, 1.0);
        assert_eq!(r.options[1].acceptability[0].value, 0.0);
    }
    let central = |r: &SmaaResults| r.options[0].central_weights.clone().unwrap();
    assert_ne!(central(&one), central(&other));
    // Over all draws the top level's shares are uniform: T2 (L4 alone) has mean 1/2.
    let l4 = central(&one)[3];
    assert!((l4.value - 0.5).abs() < 3.0 * l4.se, "{l4:?}");
}

#[test]
fn bad_group_models_are_errors_naming_the_group() {
    let a = four_levels();
    let with = |top: WeightModel, groups: Vec<(&str, WeightModel)>| {
        let mut s = settings(WeightDraw::LevelByLevel, 100, 1);
        s.weights = top;
        s.groups = groups
            .into_iter()
            .map(|(g, weights)| GroupWeights {
                group: g.into(),
                weights,
            })
            .collect();
        run(&a, s).unwrap_err().to_string()
    };
    let uniform = || WeightModel::Uniform;
    let bound = |criterion: &str, min: f64, max: f64| WeightBound {
        criterion: criterion.into(),
        min,
        max,
    };
    assert_eq!(
        with(uniform(), vec![("NOPE", uniform())]),
        "the level-by-level weights name the unknown group 'NOPE'"
    );
    assert_eq!(
        with(uniform(), vec![("L4", uniform())]),
        "the level-by-level weights name L4, a leaf criterion: only a group has children whose weights are drawn"
    );
    assert_eq!(
        with(uniform(), vec![("T1", uniform()), ("T1", uniform())]),
        "the level-by-level weights name the group T1 twice"
    );
    assert_eq!(
        with(
            uniform(),
            vec![(
                "S1",
                WeightModel::Ranking {
                    ranking: vec!["L3".into()]
                }
            )]
        ),
        "within S1 name (S1): the weight ranking names L3, which is not one of the group's children carrying weight"
    );
    assert_eq!(
        with(
            uniform(),
            vec![(
                "U1",
                WeightModel::Bounds {
                    bounds: vec![bound("L1", 0.1, 0.2), bound("L2", 0.1, 0.3)]
                }
            )]
        ),
        "within U1 name (U1): the weight bounds exclude every weight vector: the minimums sum to 0.2000 and the maximums to 0.5000, but the weights must sum to 1"
    );
    assert_eq!(
        with(
            uniform(),
            vec![(
                "U1",
                WeightModel::Bounds {
                    bounds: vec![bound("Z", 0.0, 0.5)]
                }
            )]
        ),
        "within U1 name (U1): the weight bound names Z, which is not one of the group's children carrying weight"
    );
    assert_eq!(
        with(
            WeightModel::Ranking {
                ranking: vec!["L1".into(), "T1".into()]
            },
            vec![]
        ),
        "at the top level: the weight ranking names L1, which is not a top-level criterion carrying weight: level by level, the appraisal's weight model is over the top level's weights"
    );
    assert_eq!(
        with(
            uniform(),
            vec![("S2", WeightModel::AroundBase { share: 1.5 })]
        ),
        "within S2 name (S2): the weight share must be from 0 to 1 (0.5 = +/-50%), not 1.5"
    );
    // A group carrying no weight: make T2's weight 0 (T1 takes it all).
    let mut b = a.clone();
    for c in &mut b.criteria {
        match c.code.as_str() {
            "T1" => c.weight = 1.0,
            "T2" => c.weight = 0.0,
            _ => {}
        }
    }
    let mut s = settings(WeightDraw::LevelByLevel, 100, 1);
    s.groups = vec![GroupWeights {
        group: "T2".into(),
        weights: WeightModel::Uniform,
    }];
    assert_eq!(
        run(&b, s).unwrap_err().to_string(),
        "the level-by-level weights name the group T2, which carries no weight (only hurdles or zero weights), so nothing within it is drawn"
    );
}
