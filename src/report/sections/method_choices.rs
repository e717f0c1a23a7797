//! The method section's statement of every choice a reviewer checks before the answer: AHP's
//! priority method and random index, each criterion's value function and scale, whether the
//! preferred option depends on which other options are appraised, the travel percentiles'
//! convention, and where the viability formulas and rating rules are. Each statement is the
//! engines' own ([`crate::score::method`], [`crate::travel::metrics::PERCENTILE_CONVENTION`]).

use super::super::PackInput;
use super::super::doc::{Doc, cell};
use crate::model::{Direction, WeightingMethod};
use crate::score::method::AhpMethod;
use crate::travel::metrics::PERCENTILE_CONVENTION;

pub fn write(doc: &mut Doc, input: &PackInput) {
    doc.heading(2, "Method choices");
    ahp(doc, input);
    value_functions(doc, input);
    doc.lead("Travel percentiles.", PERCENTILE_CONVENTION);
    doc.lead(
        "Viability.",
        "Each viability metric's formula is under Viability, How the metrics are computed; the risk ratings' thresholds, rounding and override rules under Viability, Rating rules applied.",
    );
}

fn ahp(doc: &mut Doc, input: &PackInput) {
    let a = input.appraisal;
    let m = input
        .score
        .as_ref()
        .map_or_else(|_| AhpMethod::stated(), |r| r.method.ahp.clone());
    let groups: Vec<String> = a
        .weightings
        .iter()
        .filter(|w| matches!(w.method, WeightingMethod::Ahp { .. }))
        .map(|w| match &w.parent {
            None => "the top level".to_owned(),
            Some(p) => a
                .criteria
                .iter()
                .find(|c| &c.code == p)
                .map_or(p.clone(), |c| c.name.clone()),
        })
        .collect();
    let used = if groups.is_empty() {
        "No group of this appraisal is weighted by AHP.".to_owned()
    } else {
        format!("Weighted by AHP here: {}.", groups.join(", "))
    };
    doc.lead(
        "AHP.",
        &format!(
            "{} {} Random index RI ({}): {}. {used}",
            m.priorities,
            m.consistency,
            m.random_index_source,
            m.table()
        ),
    );
}

/// Each leaf's direction, value function and scale, and the rank reversal check.
fn value_functions(doc: &mut Doc, input: &PackInput) {
    let Ok(r) = &input.score else {
        doc.lead(
            "Value functions.",
            "Not stated: the scoring engine could not run.",
        );
        return;
    };
    let rows = r
        .method
        .criteria
        .iter()
        .map(|c| {
            vec![
                cell(&c.name),
                cell(match c.direction {
                    Direction::HigherIsBetter => "Higher",
                    Direction::LowerIsBetter => "Lower",
                }),
                cell(&format!("{}: {}", capitalised(&c.kind), c.function)),
                cell(&capitalised(c.scale.label())),
            ]
        })
        .collect();
    doc.para("Value functions turn each criterion's performance into 0-100:");
    doc.table(
        "(1.3fr, auto, 2fr, 1fr)",
        &["Criterion", "Better", "Value function", "Scale"],
        rows,
    );
    let name = |code: &str| {
        r.options
            .iter()
            .find(|o| o.code == code)
            .map_or(code.to_owned(), |o| o.name.clone())
    };
    doc.lead(
        "Rank reversal.",
        &r.method
            .rank_reversal
            .describe(r.preferred.as_deref(), name),
    );
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
}
