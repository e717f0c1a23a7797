//! The checks a reviewer of the method runs, from each way an appraisal comes in: the JSON text
//! form and the window's edits.

use std::path::Path;

use appraise::evaluation::Evaluation;
use appraise::model::{
    Appraisal, Criterion, CriterionKind, Direction, LeafSpec, Performance, RawValue, Source,
    ValueFunction, WeightBound, WeightModel,
};
use appraise::sensitivity::DrawProgress;
use appraise::session::{BoundEnd, Document, Edit, WeightInformation};
use appraise::textform;

/// The demo's options under three top-level assessed criteria of a third each (so drawing
/// flat over the leaves and level by level down the tree draw the same weights), each option
/// valued by its row of `VALUES`.
fn thirds() -> Appraisal {
    const VALUES: [[f64; 3]; 5] = [
        [10.0, 20.0, 30.0],
        [90.0, 10.0, 50.0],
        [40.0, 80.0, 20.0],
        [60.0, 60.0, 10.0],
        [20.0, 30.0, 90.0],
    ];
    let mut a = appraise::demo::appraisal();
    a.weightings.clear();
    a.weight_sets.clear();
    a.scores.clear();
    a.performances.clear();
    a.criteria = (1..=3)
        .map(|j| Criterion {
            code: format!("C{j}"),
            name: format!("Criterion {j}"),
            description: String::new(),
            parent: None,
            weight: 1.0 / 3.0,
            kind: CriterionKind::Leaf(LeafSpec {
                source: Source::Assessment,
                direction: Direction::HigherIsBetter,
                unit: "points".into(),
                value_function: ValueFunction::Linear {
                    worst: 0.0,
                    best: 100.0,
                },
                hurdle: None,
            }),
        })
        .collect();
    for (o, row) in a.options.clone().iter().zip(VALUES) {
        for (j, v) in row.into_iter().enumerate() {
            a.performances.push(Performance {
                option: o.code.clone(),
                criterion: format!("C{}", j + 1),
                value: RawValue::Number(v),
                evidence: "Recorded".into(),
                manual: false,
            });
        }
    }
    a.settings.sensitivity.samples = 200;
    a.settings.sensitivity.confidence_samples = 1;
    a
}

/// The sensitivity settings' problems, and the share of SMAA's draws that rank each option
/// first, by option code: with every weight fixed at a third, the base ranking in every draw.
fn bounded_run(a: &Appraisal) -> (Vec<String>, Vec<(String, f64)>) {
    let evaluation = Evaluation::of(a);
    let problems = evaluation
        .problems()
        .iter()
        .filter(|p| p.path.starts_with("settings/sensitivity"))
        .map(ToString::to_string)
        .collect();
    let robustness = evaluation
        .robustness(a, &DrawProgress::default())
        .as_ref()
        .expect("SMAA runs");
    let first = robustness
        .analysis
        .smaa
        .options
        .iter()
        .map(|o| (o.code.clone(), o.acceptability[0].value))
        .collect();
    (problems, first)
}

fn preferred_in_every_draw(a: &Appraisal, first: &[(String, f64)]) {
    let preferred = Evaluation::of(a)
        .score()
        .as_ref()
        .unwrap()
        .preferred
        .clone()
        .unwrap();
    // Totals of 33.3, 50, 46.7, 43.3, 46.7: the second option leads under equal weights.
    assert_eq!(preferred, a.options[1].code);
    for (code, share) in first {
        let expected = if *code == preferred { 1.0 } else { 0.0 };
        assert_eq!(*share, expected, "{code}: {first:?}");
    }
}

#[test]
fn json_bounds_fixing_every_weight_at_a_third_are_the_single_weighting() {
    let mut a = thirds();
    a.settings.sensitivity.weights = WeightModel::Bounds {
        bounds: (1..=3)
            .map(|j| WeightBound {
                criterion: format!("C{j}"),
                min: 1.0 / 3.0,
                max: 1.0 / 3.0,
            })
            .collect(),
    };
    let text = textform::to_string(&a);
    let a = textform::from_str(&text, Path::new("thirds.json")).unwrap();
    let (problems, first) = bounded_run(&a);
    assert_eq!(problems, Vec::<String>::new());
    preferred_in_every_draw(&a, &first);
}

#[test]
fn window_bounds_typed_as_thirds_are_the_single_weighting() {
    let mut doc = Document::untitled(thirds());
    doc.apply(&Edit::SetWeightInformation {
        kind: WeightInformation::Bounds,
    })
    .unwrap();
    // 33.3333333% three times: 1e-9 short of 100%, within the tolerance of weights.
    for j in 1..=3 {
        for end in [BoundEnd::Min, BoundEnd::Max] {
            doc.apply(&Edit::SetWeightBound {
                criterion: format!("C{j}"),
                end,
                value: "33.3333333".into(),
            })
            .unwrap();
        }
    }
    let a = doc.appraisal().clone();
    let (problems, first) = bounded_run(&a);
    assert_eq!(problems, Vec::<String>::new());
    preferred_in_every_draw(&a, &first);
}
