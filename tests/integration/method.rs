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
        group: None,
    })
    .unwrap();
    // 33.3333333% three times: 1e-9 short of 100%, within the tolerance of weights.
    for j in 1..=3 {
        for end in [BoundEnd::Min, BoundEnd::Max] {
            doc.apply(&Edit::SetWeightBound {
                criterion: format!("C{j}"),
                group: None,
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

/// The demo pack's text in reading order (pdftotext, whitespace runs made one space).
fn demo_pack_text() -> String {
    let dir = crate::util::Dir::new();
    let file = dir.path("demo.appraisal");
    appraise::store::create(&file, &appraise::demo::appraisal()).unwrap();
    let pdf = dir.path("pack.pdf");
    appraise::report::export(&file, &pdf, None).unwrap();
    crate::util::pdf_text(&pdf)
}

/// `statement` with its whitespace runs made one space, as [`demo_pack_text`] reads.
fn spaced(statement: &str) -> String {
    statement.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_demo_packs_method_section_states_every_method_choice() {
    let text = demo_pack_text();
    let method = &text[text
        .rfind("3.4 Method choices")
        .expect("the method choices")..];
    let method = &method[..method.find("3.5 The panel").expect("the panel after them")];
    for statement in [
        // AHP: the priority method, the consistency ratio and the random index with its source.
        "AHP. AHP priorities are the principal right eigenvector of the pairwise comparison matrix, found by power iteration from equal weights until no weight moves by more than 1e-12, normalised to sum to 1.",
        "consistency ratio CR = CI / RI; a CR above 0.10 is flagged as inconsistent",
        "Random index RI (Saaty, T.L. (1990) How to make a decision: the analytic hierarchy process. European Journal of Operational Research 48, 9-26: the mean CI of random reciprocal matrices): n = 3: 0.58, n = 4: 0.90, n = 5: 1.12, n = 6: 1.24, n = 7: 1.32, n = 8: 1.41, n = 9: 1.45, n = 10: 1.49.",
        "No group of this appraisal is weighted by AHP.",
        // Each criterion's value function and scale.
        "I&E margin in the final year Higher Linear: 0 at -10 and 100 at 2, in %; straight between, flat beyond Fixed, set by the team",
        "Change in travel time to maternity by car Lower Linear: 0 at 15 and 100 at 0, in minutes; straight between, flat beyond Fixed, set by the team",
        "CQC rating of the lead provider Higher Categorical: Outstanding 100, Good 75, Requires improvement 35, Inadequate 0 Fixed, set by the team",
        // Rank reversal, checked for the demo's options.
        "Rank reversal. Every criterion's value scale is fixed (the team set the performances that score 0 and 100), so no option's total depends on which other options are appraised. Checked: removing any one of the 4 other options leaves Split: Stafford to North Staffordshire, Cannock to Wolverhampton preferred.",
        // The travel percentiles' convention.
        "Travel percentiles. Medians and 90th percentiles of journey times are population-weighted and nearest-rank, with no interpolation",
        "with times 10, 20 and 30 minutes for equal populations the median is 20 and the 90th percentile 30",
        // Where the viability formulas and the rating rules are.
        "Each viability metric's formula is under Viability, How the metrics are computed; the risk ratings' thresholds, rounding and override rules under Viability, Rating rules applied.",
    ] {
        assert!(
            method.contains(statement),
            "missing: {statement}\nin: {method}"
        );
    }
    assert!(method.contains(&spaced(appraise::travel::metrics::PERCENTILE_CONVENTION)));
    let leaves = appraise::demo::appraisal()
        .criteria
        .iter()
        .filter(|c| c.leaf().is_some())
        .count();
    assert_eq!(method.matches("Fixed, set by the team").count(), leaves);
}

#[test]
fn the_demo_packs_viability_section_writes_down_each_formula() {
    let text = demo_pack_text();
    let section = &text[text
        .rfind("5.2 How the metrics are computed")
        .expect("the formulas")..];
    let section = &section[..section
        .find("5.3 Rating rules applied")
        .expect("the rules after")];
    for statement in [
        "Operating expenditure: pay + non-pay − synergies achieved that year + one-off costs + the cost of services paid for by transferred income. Depreciation, PDC dividend, interest and capital are not in it.",
        "I&E margin (%): 100 × surplus ÷ operating income (transitional funding included in both).",
        "Capital service cover (times): (operating income − operating expenditure + interest receivable) ÷ (PDC dividend + interest payable + loan principal repaid)",
        "Liquidity (days): (current assets − current liabilities + committed working capital facility) ÷ (operating expenditure ÷ 360), operating expenditure as defined above.",
        "Distance from plan (%): 100 × (surplus − planned surplus) ÷ operating income",
        "NPV against do minimum: Σ over the appraised years t = 0, 1, ... of net cash flow × discount factor, less the same sum for the do-minimum option",
        "Discount rates (the appraisal's schedule): 3.5% for years 0-30; 3% for years 31-75; 2.5% for years 76-125; 2% for years 126-200; 1.5% for years 201-300; 1% for years 301 on.",
    ] {
        assert!(
            section.contains(statement),
            "missing: {statement}\nin: {section}"
        );
    }
    for d in appraise::finance::definitions::DEFINITIONS {
        let line = spaced(&format!("{}: {}", d.metric, d.formula));
        assert!(section.contains(&line), "missing: {line}");
    }
}

#[test]
fn docs_method_says_what_the_code_states() {
    let docs = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/method.md"),
    )
    .unwrap();
    use appraise::score::method::{AHP_CONSISTENCY, AHP_PRIORITIES, RANDOM_INDEX_SOURCE};
    for s in [
        AHP_PRIORITIES,
        AHP_CONSISTENCY,
        RANDOM_INDEX_SOURCE,
        appraise::travel::metrics::PERCENTILE_CONVENTION,
    ] {
        assert!(docs.contains(s), "docs/method.md lacks: {s}");
    }
    for d in appraise::finance::definitions::DEFINITIONS {
        let line = format!("- **{}**: {}", d.metric, d.formula);
        assert!(docs.contains(&line), "docs/method.md lacks: {line}");
    }
    assert!(
        docs.contains("| RI | 0 | 0 | 0.58 | 0.90 | 1.12 | 1.24 | 1.32 | 1.41 | 1.45 | 1.49 |")
    );
}

#[test]
fn the_demo_packs_last_appendix_is_the_windows_glossary() {
    let text = demo_pack_text();
    let glossary = &text[text.rfind("E. Glossary").expect("the glossary appendix")..];
    for t in appraise::glossary::TERMS {
        let entry = if t.stands_for.is_empty() {
            format!("{}: {}", t.term, t.meaning)
        } else {
            format!("{} ({}): {}", t.term, t.stands_for, t.meaning)
        };
        assert!(
            glossary.contains(&spaced(&entry)),
            "not in the pack: {entry}"
        );
    }
    assert!(glossary.contains(
        "CoSRR (Continuity of service risk rating): Monitor's 2013 financial risk rating"
    ));
}
