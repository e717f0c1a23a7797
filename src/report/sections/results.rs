//! Results (totals, group points, the charts, panel disagreements), quality, and the hurdle
//! tests with their evidence.

use super::super::doc::{Cell, Doc, cell, num, shaded, strong};
use super::super::{NotAssessed, PackInput};
use super::{f1, option_name};
use crate::charts;
use crate::model::{Criterion, RawValue};
use crate::score::{OptionResult, Results};

const PASS: &str = "#d9f0e8";
const FAIL: &str = "#f9dccc";

fn score<'a>(doc: &mut Doc, input: &'a PackInput) -> Option<&'a Results> {
    match &input.score {
        Ok(r) => Some(r),
        Err(NotAssessed(reason)) => {
            doc.not_assessed(&format!("{reason}."));
            None
        }
    }
}

pub fn write(doc: &mut Doc, input: &PackInput) {
    doc.chapter("Results");
    let Some(r) = score(doc, input) else {
        return;
    };
    let mut order: Vec<&OptionResult> = r.options.iter().collect();
    order.sort_by_key(|o| o.rank);
    let top: Vec<(usize, &str)> = r
        .groups
        .iter()
        .enumerate()
        .filter(|(_, g)| g.top_level && g.global_weight > 0.0)
        .map(|(i, g)| (i, g.name.as_str()))
        .collect();
    let mut header = vec!["Rank", "Option", "Total"];
    header.extend(top.iter().map(|(_, n)| *n));
    let rows = order
        .iter()
        .map(|o| {
            let mut row = vec![
                num(&o.rank.to_string()),
                if o.preferred {
                    strong(&o.name)
                } else {
                    cell(&o.name)
                },
                num(&f1(o.total)),
            ];
            row.extend(top.iter().map(|(i, _)| {
                num(&o
                    .groups
                    .get(*i)
                    .map_or("n/a".to_owned(), |g| f1(g.contribution)))
            }));
            row
        })
        .collect();
    // A long group name shares the width and wraps, instead of squeezing the option names; a
    // short one keeps its natural width, so a single long word is never broken.
    let group_columns: String = top
        .iter()
        .map(|(_, name)| {
            if name.chars().count() > 16 {
                ", 1fr"
            } else {
                ", auto"
            }
        })
        .collect();
    let columns = format!("(3.8em, 2fr, auto{group_columns})");
    super::summary::provisional_note(doc, r);
    doc.table(&columns, &header, rows);
    match &r.provisional {
        Some(reason) => doc.para(&format!("Group columns are each weighted group's points of the total; pass/fail tests carry no weight and are reported under hurdle tests. No option is preferred: {reason}, so the ranks are provisional.")),
        None => doc.para("Group columns are each weighted group's points of the total (0-100); pass/fail tests carry no weight and are reported under hurdle tests. The preferred option is in bold."),
    }
    doc.figure(
        "totals",
        charts::score::totals_by_group(r, charts::PACK_WIDTH),
        "Total weighted score of each option, split into the points each criteria group adds",
    );
    doc.heading(2, "Panel agreement");
    if r.disagreements.is_empty() {
        doc.para(&format!(
            "No panel member's score differs from another's by more than {} points on any option and criterion.",
            input.appraisal.settings.disagreement_range
        ));
    } else {
        let rows = r
            .disagreements
            .iter()
            .map(|d| {
                vec![
                    cell(option_name(r, &d.option)),
                    cell(&criterion_name(input, &d.criterion)),
                    num(&format!("{} to {}", d.min, d.max)),
                ]
            })
            .collect();
        doc.table("(1fr, 1fr, auto)", &["Option", "Criterion", "Scores"], rows);
    }
    if !r.missing_scores.is_empty() {
        doc.note(&format!(
            "{} scores were not given; they are left out of the panel's aggregate rather than counted as zero (see the appendix).",
            r.missing_scores.len()
        ));
    }
    for w in &r.warnings {
        doc.note(w);
    }
    doc.heading(2, "Where the points come from, and value for money");
    contributions(doc, input, r);
    doc.figure(
        "value-for-money",
        charts::score::value_for_money(r, charts::PACK_WIDTH),
        "Benefit against cost: options on the frontier give the most benefit for their cost; markers are numbered by rank",
    );
    let dominated: Vec<String> = r
        .options
        .iter()
        .filter(|o| o.value_for_money.dominated)
        .map(|o| {
            let by: Vec<&str> = o
                .value_for_money
                .dominated_by
                .iter()
                .map(|c| option_name(r, c))
                .collect();
            format!("{} is dominated by {}.", o.name, by.join(" and "))
        })
        .collect();
    if !dominated.is_empty() {
        doc.para(
            "Dominated options (another option gives at least as much benefit at no more cost):",
        );
        doc.bullets(&dominated);
    }
}

fn criterion_name(input: &PackInput, code: &str) -> String {
    input
        .appraisal
        .criteria
        .iter()
        .find(|c| c.code == code)
        .map_or(code.to_owned(), |c| c.name.clone())
}

fn raw(v: &RawValue) -> String {
    match v {
        RawValue::Number(x) => format!("{}", (x * 10.0).round() / 10.0),
        RawValue::Category(c) => c.clone(),
    }
}

/// The criteria under the top-level group named "Quality" (or coded QUA).
fn quality_group<'a>(input: &PackInput<'a>) -> Option<&'a Criterion> {
    input.appraisal.criteria.iter().find(|c| {
        c.parent.is_none()
            && (c.name.to_lowercase().contains("quality") || c.code.eq_ignore_ascii_case("QUA"))
    })
}

pub fn quality(doc: &mut Doc, input: &PackInput) {
    doc.heading(1, "Quality");
    let Some(r) = score(doc, input) else {
        return;
    };
    let Some(group) = quality_group(input) else {
        doc.not_assessed("the appraisal has no quality criteria group.");
        return;
    };
    let leaves: Vec<&Criterion> = input
        .appraisal
        .criteria
        .iter()
        .filter(|c| c.parent.as_deref() == Some(group.code.as_str()))
        .collect();
    doc.para(&format!(
        "{} Each cell shows the option's performance (the panel's aggregate score, or the recorded rating) and, in brackets, its 0-100 value.",
        group.description
    ));
    let mut header = vec!["Option"];
    header.extend(leaves.iter().map(|c| c.name.as_str()));
    let rows = r
        .options
        .iter()
        .map(|o| {
            let mut row = vec![cell(&o.name)];
            row.extend(leaves.iter().map(
                |c| match o.leaves.iter().find(|l| l.criterion == c.code) {
                    Some(l) => num(&format!("{} ({:.0})", raw(&l.raw), l.value)),
                    None => num("n/a"),
                },
            ));
            row
        })
        .collect();
    let columns = format!("(1.4fr{})", ", 1fr".repeat(leaves.len()));
    doc.table(&columns, &header, rows);
}

pub fn hurdles(doc: &mut Doc, input: &PackInput) {
    doc.heading(1, "Hurdle tests");
    let Some(r) = score(doc, input) else {
        return;
    };
    let a = input.appraisal;
    let tests: Vec<&Criterion> = a
        .criteria
        .iter()
        .filter(|c| c.leaf().is_some_and(|l| l.hurdle.is_some()))
        .collect();
    if tests.is_empty() {
        doc.not_assessed("the appraisal has no pass/fail hurdle tests.");
        return;
    }
    doc.para("An option must pass every test to be preferred. Each test with the evidence recorded for each option:");
    for t in tests {
        doc.heading(2, &t.name);
        if !t.description.is_empty() {
            doc.para(&t.description);
        }
        let rows: Vec<Vec<Cell>> = r
            .options
            .iter()
            .map(|o| {
                let leaf = o.leaves.iter().find(|l| l.criterion == t.code);
                let passes = !o.hurdles.failed.iter().any(|f| f.criterion == t.code);
                let evidence = a
                    .performances
                    .iter()
                    .find(|p| p.option == o.code && p.criterion == t.code)
                    .map_or("no evidence recorded", |p| p.evidence.as_str());
                vec![
                    cell(&o.name),
                    cell(&leaf.map_or("not recorded".to_owned(), |l| raw(&l.raw))),
                    if passes {
                        shaded("Pass", PASS)
                    } else {
                        shaded("Fail", FAIL)
                    },
                    cell(evidence),
                ]
            })
            .collect();
        doc.table(
            "(1fr, auto, auto, 1.4fr)",
            &["Option", "Judgement", "Result", "Evidence"],
            rows,
        );
    }
}

/// More weighted criteria than this and the contributions are drawn group by group.
const CONTRIBUTION_ROWS: usize = 24;

/// Each weighted criterion's points per option: one chart, or one per top-level group when
/// a single chart would be too dense to read.
fn contributions(doc: &mut Doc, input: &PackInput, r: &Results) {
    let weighted = r.options.first().map_or(0, |o| {
        o.leaves.iter().filter(|l| l.global_weight > 0.0).count()
    });
    let caption = "Points each weighted criterion adds to each option's total (pass/fail tests carry no weight and are not shown)";
    if weighted <= CONTRIBUTION_ROWS {
        doc.figure(
            "contributions",
            charts::score::contributions(r, charts::PACK_WIDTH),
            caption,
        );
        return;
    }
    let criteria = &input.appraisal.criteria;
    let top_of = |code: &str| -> Option<String> {
        let mut at = criteria.iter().find(|c| c.code == code)?;
        while let Some(parent) = &at.parent {
            at = criteria.iter().find(|c| &c.code == parent)?;
        }
        Some(at.code.clone())
    };
    for (i, g) in r
        .groups
        .iter()
        .filter(|g| g.top_level && g.global_weight > 0.0)
        .enumerate()
    {
        doc.figure(
            &format!("contributions-{i}"),
            charts::score::contributions_of(
                r,
                charts::PACK_WIDTH,
                &format!(
                    "Points each {} criterion adds to each option's total",
                    g.name
                ),
                |c| top_of(c).as_deref() == Some(g.code.as_str()),
            ),
            &format!("{caption}: {}", g.name),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{Appraisal, Status, WeightingMethod};
    use crate::report::{PackInput, PackOptions, source};

    /// The demo with "CQC rating of the lead provider" (31 characters) moved to the top level
    /// at its global weight of 0.12, the rest of Quality keeping its share.
    fn cqc_at_the_top() -> Appraisal {
        let mut a = crate::demo::appraisal();
        for c in &mut a.criteria {
            match (c.code.as_str(), c.parent.as_deref()) {
                ("QUA-CQC", _) => c.parent = None,
                ("QUA", _) => c.weight = 0.28,
                (_, Some("QUA")) => c.weight /= 0.88,
                _ => {}
            }
        }
        for w in &mut a.weightings {
            if let WeightingMethod::Swing { ratings } = &mut w.method {
                ratings.retain(|r| r.criterion != "QUA-CQC");
            }
        }
        a
    }

    #[test]
    fn a_long_group_name_wraps_in_the_results_table_and_short_ones_keep_their_width() {
        let a = cqc_at_the_top();
        assert_eq!(
            crate::evaluation::Evaluation::of(&a).problems().to_vec(),
            []
        );
        let input = PackInput::compute(&a);
        let options = PackOptions {
            status: Status::Draft,
            at: time::OffsetDateTime::UNIX_EPOCH,
        };
        let (src, _) = source::document(&input, &options).unwrap();
        let note = src
            .find("Group columns are each")
            .expect("the results table's note");
        let start = src[..note].rfind("#table(").expect("the results table");
        let table = &src[start..start + src[start..].find("[*").expect("its header")];
        // Rank, Option, Total, then Viability, Quality, CQC rating..., Access, Deliverability.
        assert_eq!(
            table,
            "#table(columns: (3.8em, 2fr, auto, auto, auto, 1fr, auto, auto),\n  table.header("
        );
    }
}
