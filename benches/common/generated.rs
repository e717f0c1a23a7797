//! A generated appraisal for the benchmarks: many options, criteria and scorers, with the
//! shape of a real one (groups of panel-scored leaves and a derived metric each).

use appraise::Appraisal;
use appraise::model::{
    AppraisalOption, Criterion, CriterionKind, Direction, LeafSpec, OptionFinance, OptionKind,
    Performance, RawValue, Score, Scorer, Source, ValueFunction,
};

/// 6 groups of 10 leaves: 9 panel-scored leaves and 1 derived metric in each group.
pub fn generated(
    options: usize,
    groups: usize,
    leaves_per_group: usize,
    scorers: usize,
) -> Appraisal {
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
