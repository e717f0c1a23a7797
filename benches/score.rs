//! Scoring speed: a large generated appraisal (20 options x 60 leaf criteria x 12 scorers)
//! and the built-in demo. Target: well under a millisecond each.

use std::hint::black_box;

use criterion::{Criterion as Bench, criterion_group, criterion_main};

use appraise::Appraisal;
use appraise::model::{
    AppraisalOption, Criterion, CriterionKind, Direction, LeafSpec, OptionFinance, OptionKind,
    Performance, RawValue, Score, Scorer, Source, ValueFunction,
};
use appraise::score;

/// 6 groups of 10 leaves: 9 panel-scored leaves and 1 derived metric in each group.
fn generated(options: usize, groups: usize, leaves_per_group: usize, scorers: usize) -> Appraisal {
    let mut a = Appraisal::new("benchmark");
    a.options = (0..options)
        .map(|o| AppraisalOption {
            code: format!("O{o}"),
            name: format!("Option {o}"),
            kind: OptionKind::Merger,
            description: String::new(),
            members: Vec::new(),
            site_services: Vec::new(),
            site_transfers: Vec::new(),
            finance: OptionFinance::default(),
        })
        .collect();
    a.scorers = (0..scorers)
        .map(|s| Scorer {
            code: format!("S{s}"),
            name: format!("Scorer {s}"),
            role: String::new(),
        })
        .collect();
    for g in 0..groups {
        a.criteria.push(Criterion {
            code: format!("G{g}"),
            name: format!("Group {g}"),
            description: String::new(),
            parent: None,
            weight: 1.0 / groups as f64,
            kind: CriterionKind::Group,
        });
        for l in 0..leaves_per_group {
            let code = format!("G{g}-L{l}");
            let derived = l == leaves_per_group - 1;
            a.criteria.push(Criterion {
                code: code.clone(),
                name: format!("Leaf {g}.{l}"),
                description: String::new(),
                parent: Some(format!("G{g}")),
                weight: 1.0 / leaves_per_group as f64,
                kind: CriterionKind::Leaf(LeafSpec {
                    source: if derived {
                        Source::Derived {
                            metric: format!("metric.{g}"),
                        }
                    } else {
                        Source::Panel
                    },
                    direction: Direction::HigherIsBetter,
                    unit: String::new(),
                    value_function: if derived {
                        ValueFunction::Linear {
                            worst: -20.0,
                            best: 80.0,
                        }
                    } else {
                        ValueFunction::Linear {
                            worst: 0.0,
                            best: 10.0,
                        }
                    },
                    hurdle: None,
                }),
            });
            for o in 0..options {
                if derived {
                    a.performances.push(Performance {
                        option: format!("O{o}"),
                        criterion: code.clone(),
                        value: RawValue::Number(((o * 7 + g * 13) % 100) as f64 - 20.0),
                        evidence: String::new(),
                        manual: true,
                    });
                } else {
                    for s in 0..scorers {
                        a.scores.push(Score {
                            option: format!("O{o}"),
                            criterion: code.clone(),
                            scorer: format!("S{s}"),
                            value: ((o * 3 + l * 5 + s * 7 + g) % 11) as f64,
                            rationale: String::new(),
                            evidence: String::new(),
                        });
                    }
                }
            }
        }
    }
    a
}

fn bench(c: &mut Bench) {
    let large = generated(20, 6, 10, 12);
    assert_eq!(large.scores.len(), 20 * 6 * 9 * 12);
    assert!(score::evaluate(&large).is_ok());
    c.bench_function("score 20 options x 60 criteria x 12 scorers", |b| {
        b.iter(|| score::evaluate(black_box(&large)))
    });
    let demo = appraise::demo::appraisal();
    c.bench_function("score demo", |b| {
        b.iter(|| score::evaluate(black_box(&demo)))
    });
}

// Criterion's own plots would need a font for plotters, which this crate builds with
// embedded-font support only (see src/charts/font.rs); the figures are what matter here.
criterion_group! {
    name = benches;
    config = Bench::default().without_plots();
    targets = bench
}
criterion_main!(benches);
