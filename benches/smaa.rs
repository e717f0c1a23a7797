//! SMAA-2 speed: 100,000 draws x 20 options x 60 leaf criteria on one core (target: under 1 s),
//! on the generated appraisal of the scoring benchmark (6 groups of 9 panel-scored leaves and 1
//! derived metric, 12 scorers). Weights uniform on the simplex; scores fixed, or normal with
//! the panel's spread (1,080 cells drawn per sample); confidence factors from 100,000 score draws
//! (the default, = samples) or 10,000. benches/smaa_numpy.py does the same in NumPy.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion as Bench, criterion_group, criterion_main};

use appraise::Appraisal;
use appraise::model::{
    AppraisalOption, Criterion, CriterionKind, Direction, LeafSpec, OptionFinance, OptionKind,
    Performance, RawValue, Score, Scorer, Source, ValueFunction,
};
use appraise::score;
use appraise::sensitivity::{ScoreModel, SmaaSettings, ValueMatrix, WeightModel, smaa};

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
    let a = generated(20, 6, 10, 12);
    let results = score::evaluate(&a).expect("the generated appraisal scores");
    let m = ValueMatrix::new(&a, &results).expect("the results match");
    let mut group = c.benchmark_group("smaa");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(30));
    for (name, scores, confidence_samples) in [
        ("weights only", ScoreModel::Fixed, None),
        ("weights and normal scores", ScoreModel::Normal, None),
        (
            "weights and normal scores, 10k confidence draws",
            ScoreModel::Normal,
            Some(10_000),
        ),
    ] {
        let settings = SmaaSettings {
            samples: 100_000,
            seed: 1,
            weights: WeightModel::Uniform,
            scores,
            confidence_samples,
        };
        let r = smaa::smaa(&m, &settings).expect("SMAA runs");
        assert_eq!(r.criteria.len(), 60);
        let firsts: Vec<String> = r
            .options
            .iter()
            .filter(|o| o.acceptability[0].value > 0.0)
            .map(|o| format!("{} {:.4}", o.code, o.acceptability[0].value))
            .collect();
        eprintln!("{name}: rank-1 acceptabilities {firsts:?}");
        group.bench_function(
            format!("100k draws x 20 options x 60 criteria, {name}"),
            |b| b.iter(|| smaa::smaa(black_box(&m), black_box(&settings))),
        );
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
