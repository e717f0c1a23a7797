//! A generated appraisal for the benchmarks: many options, criteria and scorers, with the
//! shape of a real one (groups of panel-scored leaves and a derived metric each).

use appraise::Appraisal;
use appraise::model::{
    AppraisalOption, Criterion, CriterionKind, Direction, LeafSpec, OptionFinance, OptionKind,
    Performance, RawValue, Score, Scorer, Source, ValueFunction,
};

/// How the last leaf of each group gets its raw value.
#[derive(Clone, Copy)]
#[allow(dead_code)] // each bench binary uses one
pub enum LastLeaf {
    /// A metric no engine computes, entered by hand (the scoring benches).
    Derived,
    /// An assessed performance with its evidence (the pack, which lists them).
    Assessed,
}

/// 6 groups of 10 leaves: 9 panel-scored leaves and 1 derived metric in each group.
#[allow(dead_code)] // not every bench binary uses it
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
    criteria(&mut a, groups, leaves_per_group, scorers, LastLeaf::Derived);
    a
}

/// The demo's organisations, sites and zones with `options` options cloned from the demo's (so
/// the viability and travel engines run), and `groups` x `leaves` criteria scored by `scorers`
/// panel members: the pack and pipeline benchmarks' large appraisal.
#[allow(dead_code)] // not every bench binary uses it
pub fn demo_with(options: usize, groups: usize, leaves: usize, scorers: usize) -> Appraisal {
    let mut a = appraise::demo::appraisal();
    a.meta.title = format!(
        "Benchmark: {options} options x {} criteria",
        groups * leaves
    );
    let templates = a.options.clone();
    a.options = (0..options)
        .map(|i| {
            let mut o = templates[i % templates.len()].clone();
            o.code = format!("O{i}");
            o.name = format!("Option {i}: {}", o.name);
            o
        })
        .collect();
    criteria(&mut a, groups, leaves, scorers, LastLeaf::Assessed);
    a
}

/// Replaces `a`'s criteria, weightings, scorers, scores and performances with `groups` groups
/// of `leaves_per_group` leaves, every one scored by `scorers` scorers for each of `a`'s options
/// but the last leaf of each group (see [`LastLeaf`]).
pub fn criteria(
    a: &mut Appraisal,
    groups: usize,
    leaves_per_group: usize,
    scorers: usize,
    last: LastLeaf,
) {
    a.criteria.clear();
    a.weightings.clear();
    a.weight_sets.clear();
    a.scores.clear();
    a.performances.clear();
    a.scorers = (0..scorers)
        .map(|s| Scorer {
            code: format!("S{s}"),
            name: format!("Scorer {s}"),
            role: "Panel member".to_owned(),
        })
        .collect();
    let options: Vec<String> = a.options.iter().map(|o| o.code.clone()).collect();
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
            let is_last = l == leaves_per_group - 1;
            let (source, value_function) = match (is_last, last) {
                (false, _) => (
                    Source::Panel,
                    ValueFunction::Linear {
                        worst: 0.0,
                        best: 10.0,
                    },
                ),
                (true, LastLeaf::Derived) => (
                    Source::Derived {
                        metric: format!("metric.{g}"),
                    },
                    ValueFunction::Linear {
                        worst: -20.0,
                        best: 80.0,
                    },
                ),
                (true, LastLeaf::Assessed) => (
                    Source::Assessment,
                    ValueFunction::Linear {
                        worst: 0.0,
                        best: 10.0,
                    },
                ),
            };
            a.criteria.push(Criterion {
                code: code.clone(),
                name: format!("Criterion {g}.{l}"),
                description: String::new(),
                parent: Some(format!("G{g}")),
                weight: 1.0 / leaves_per_group as f64,
                kind: CriterionKind::Leaf(LeafSpec {
                    source,
                    direction: Direction::HigherIsBetter,
                    unit: "points".to_owned(),
                    value_function,
                    hurdle: None,
                }),
            });
            for (o, option) in options.iter().enumerate() {
                if is_last {
                    let (value, evidence, manual) = match last {
                        LastLeaf::Derived => {
                            (((o * 7 + g * 13) % 100) as f64 - 20.0, String::new(), true)
                        }
                        LastLeaf::Assessed => (
                            ((o * 7 + g * 13) % 11) as f64,
                            format!("Assessment report {g}"),
                            false,
                        ),
                    };
                    a.performances.push(Performance {
                        option: option.clone(),
                        criterion: code.clone(),
                        value: RawValue::Number(value),
                        evidence,
                        manual,
                    });
                    continue;
                }
                for s in 0..scorers {
                    a.scores.push(Score {
                        option: option.clone(),
                        criterion: code.clone(),
                        scorer: format!("S{s}"),
                        value: ((o * 3 + l * 5 + s * 7 + g) % 11) as f64,
                        rationale: format!("Scored against the descriptor for criterion {g}.{l}."),
                        evidence: format!("Evidence pack section {g}.{l}"),
                    });
                }
            }
        }
    }
}
