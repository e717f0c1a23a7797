//! Edits to the panel's settings: the scale scorers score on (its minimum, maximum and the
//! written descriptor for each level), how their scores are combined (mean or median), and the
//! range of scores beyond which the panel is flagged as disagreeing; and the scorers
//! themselves (add, rename, role, remove).
//!
//! A scale change is refused while any score, descriptor or panel leaf's value function would
//! fall outside it; a panel leaf valued linearly over the whole old scale follows it to the new.

use serde::{Deserialize, Serialize};

use super::input::{self, EditError, number, refuse_short};
use crate::model::{
    Aggregation, Appraisal, CriterionKind, ScaleDescriptor, Scorer, Source, ValueFunction,
};

/// Which end of the panel scale an edit sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Bound {
    Min,
    Max,
}

impl Bound {
    /// The word used in field paths.
    pub fn key(self) -> &'static str {
        match self {
            Bound::Min => "min",
            Bound::Max => "max",
        }
    }
}

fn name_of<'a>(mut codes: impl Iterator<Item = (&'a str, &'a str)>, code: &'a str) -> &'a str {
    codes.find(|(c, _)| *c == code).map_or(code, |(_, n)| n)
}

/// Sets the scale's minimum or maximum as typed.
pub fn set_bound(a: &mut Appraisal, bound: Bound, text: &str) -> Result<(), EditError> {
    let field = format!("settings/panel_scale/{}", bound.key());
    let old = a.settings.panel_scale.clone();
    let v = match bound {
        Bound::Min => number(&field, "The panel scale's minimum", text)?,
        Bound::Max => number(&field, "The panel scale's maximum", text)?,
    };
    let (min, max) = match bound {
        Bound::Min => (v, old.max),
        Bound::Max => (old.min, v),
    };
    if min >= max {
        return match bound {
            Bound::Min => refuse_short(
                field,
                format!("The panel scale's minimum must be below its maximum ({max}); it is {v}"),
                format!("Must be below the maximum ({max})"),
            ),
            Bound::Max => refuse_short(
                field,
                format!("The panel scale's maximum must be above its minimum ({min}); it is {v}"),
                format!("Must be above the minimum ({min})"),
            ),
        };
    }
    let range = format!("{min} to {max}");
    let inside = |x: f64| (min..=max).contains(&x);

    let mut stranded = a.scores.iter().filter(|s| !inside(s.value));
    if let Some(s) = stranded.next() {
        let n = 1 + stranded.count();
        let scorer = name_of(
            a.scorers.iter().map(|x| (x.code.as_str(), x.name.as_str())),
            &s.scorer,
        );
        let option = name_of(
            a.options.iter().map(|x| (x.code.as_str(), x.name.as_str())),
            &s.option,
        );
        let criterion = name_of(
            a.criteria
                .iter()
                .map(|x| (x.code.as_str(), x.name.as_str())),
            &s.criterion,
        );
        let count = if n == 1 {
            "1 score would".to_owned()
        } else {
            format!("{n} scores would")
        };
        let example = format!("{scorer}'s {} for {option} on {criterion}", s.value);
        return refuse_short(
            field,
            format!(
                "The panel scale cannot be {range}: {count} fall outside it, such as {example}; change those scores first"
            ),
            format!("{count} fall outside {range}, such as {example}"),
        );
    }
    if let Some(d) = old.descriptors.iter().find(|d| !inside(d.score)) {
        return refuse_short(
            field,
            format!(
                "The panel scale cannot be {range}: the descriptor for {} (\"{}\") would fall outside it; remove it first",
                d.score, d.text
            ),
            format!("The descriptor for {} would fall outside {range}", d.score),
        );
    }
    // Panel leaves valued over the whole old scale follow it; any other must already fit.
    let follows = |f: &ValueFunction| {
        matches!(f, ValueFunction::Linear { worst, best }
            if (*worst == old.min && *best == old.max) || (*worst == old.max && *best == old.min))
    };
    let mut moved = Vec::new();
    for (i, c) in a.criteria.iter().enumerate() {
        let CriterionKind::Leaf(spec) = &c.kind else {
            continue;
        };
        if spec.source != Source::Panel {
            continue;
        }
        let f = &spec.value_function;
        if follows(f) {
            moved.push(i);
            continue;
        }
        let raws: Vec<f64> = match f {
            ValueFunction::Linear { worst, best } => vec![*worst, *best],
            ValueFunction::Piecewise { points } => points.iter().map(|p| p.raw).collect(),
            ValueFunction::Categorical { .. } => Vec::new(),
        };
        if let Some(x) = raws.into_iter().find(|x| !inside(*x)) {
            return refuse_short(
                field,
                format!(
                    "The panel scale cannot be {range}: {}'s value function uses the score {x}, outside it; change the value function first",
                    c.name
                ),
                format!("{}'s value function uses {x}, outside {range}", c.name),
            );
        }
    }
    for i in moved {
        if let CriterionKind::Leaf(spec) = &mut a.criteria[i].kind
            && let ValueFunction::Linear { worst, best } = &mut spec.value_function
        {
            let higher = *worst < *best;
            (*worst, *best) = if higher { (min, max) } else { (max, min) };
        }
    }
    let scale = &mut a.settings.panel_scale;
    scale.min = min;
    scale.max = max;
    Ok(())
}

/// The written descriptor for the level `score` (as typed): changes a level's text, adds a
/// level within the scale, or removes a level when `text` is empty.
pub fn set_descriptor(a: &mut Appraisal, score: &str, text: &str) -> Result<(), EditError> {
    let new_field = "settings/panel_scale/descriptors/new";
    let s = number(&format!("{new_field}/score"), "The level's score", score)?;
    let scale = &mut a.settings.panel_scale;
    let existing = scale.descriptors.iter().position(|d| d.score == s);
    match (existing, text.trim().is_empty()) {
        (Some(i), true) => {
            scale.descriptors.remove(i);
        }
        (Some(i), false) => scale.descriptors[i].text = text.trim().to_owned(),
        (None, true) => {
            return refuse_short(
                format!("{new_field}/text"),
                format!("Enter the descriptor for the level {s}"),
                "Enter the descriptor",
            );
        }
        (None, false) => {
            if !(scale.min..=scale.max).contains(&s) {
                let range = format!("{} to {}", scale.min, scale.max);
                return refuse_short(
                    format!("{new_field}/score"),
                    format!("A level's score must be within the panel scale, {range}; it is {s}"),
                    format!("Must be from {range}"),
                );
            }
            scale.descriptors.push(ScaleDescriptor {
                score: s,
                text: text.trim().to_owned(),
            });
            scale
                .descriptors
                .sort_by(|x, y| x.score.total_cmp(&y.score));
        }
    }
    Ok(())
}

pub fn set_aggregation(a: &mut Appraisal, how: Aggregation) {
    a.settings.aggregation = how;
}

/// The spread of one cell's scores beyond which the panel is flagged as disagreeing: from 0
/// (any difference) to the scale's whole span.
pub fn set_disagreement(a: &mut Appraisal, text: &str) -> Result<(), EditError> {
    let field = "settings/disagreement_range";
    let v = number(field, "The disagreement range", text)?;
    let span = a.settings.panel_scale.max - a.settings.panel_scale.min;
    if !(0.0..=span).contains(&v) {
        return refuse_short(
            field,
            format!(
                "The disagreement range must be from 0 to {span}, the span of the panel scale; it is {v}"
            ),
            format!("Must be from 0 to {span}"),
        );
    }
    a.settings.disagreement_range = v;
    Ok(())
}

fn scorer_mut<'a>(
    a: &'a mut Appraisal,
    code: &str,
    field: &str,
) -> Result<&'a mut Scorer, EditError> {
    let i = input::index(&a.scorers, code, field)?;
    Ok(&mut a.scorers[i])
}

/// A scorer's name as the scoring grid and the pack show it.
pub fn rename_scorer(a: &mut Appraisal, code: &str, name: &str) -> Result<(), EditError> {
    let field = format!("scorers/{code}/name");
    input::new_name::<Scorer>(code, name)?;
    name.clone_into(&mut scorer_mut(a, code, &field)?.name);
    Ok(())
}

/// What a scorer does ("Medical director"); may be left empty.
pub fn set_scorer_role(a: &mut Appraisal, code: &str, role: &str) -> Result<(), EditError> {
    let field = format!("scorers/{code}/role");
    role.clone_into(&mut scorer_mut(a, code, &field)?.role);
    Ok(())
}

/// Adds a scorer to the panel, with no scores yet.
pub fn add_scorer(a: &mut Appraisal, code: &str, name: &str, role: &str) -> Result<(), EditError> {
    let code = &input::new_named(&a.scorers, code, name)?;
    a.scorers.push(Scorer {
        code: code.to_owned(),
        name: name.to_owned(),
        role: role.to_owned(),
    });
    Ok(())
}

/// Removes a scorer with their scores.
pub fn remove_scorer(a: &mut Appraisal, code: &str) -> Result<(), EditError> {
    input::index_in_full(&a.scorers, code, format!("scorers/{code}"))?;
    a.scorers.retain(|s| s.code != code);
    a.scores.retain(|s| s.scorer != code);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Scores as the window does, with the finance and travel engines' metrics.
    fn evaluate(a: &Appraisal) -> Result<crate::score::Results, crate::score::ScoreError> {
        crate::evaluation::Evaluation::of(a).score().clone()
    }

    fn demo() -> Appraisal {
        crate::demo::appraisal()
    }

    #[test]
    fn a_scorer_is_renamed_and_given_a_role_and_needs_a_name() {
        let mut a = demo();
        let code = a.scorers[0].code.clone();
        rename_scorer(&mut a, &code, "Dr A. Example").unwrap();
        set_scorer_role(&mut a, &code, "Medical director").unwrap();
        assert_eq!(
            (a.scorers[0].name.as_str(), a.scorers[0].role.as_str()),
            ("Dr A. Example", "Medical director")
        );
        let e = rename_scorer(&mut a, &code, " ").unwrap_err();
        assert_eq!(e.field, format!("scorers/{code}/name"));
        assert_eq!(e.short, "Enter a name");
        let e = set_scorer_role(&mut a, "NOBODY", "x").unwrap_err();
        assert_eq!(e.short, "No such scorer");
    }

    #[test]
    fn a_scale_that_strands_scores_is_refused_naming_one_and_how_many() {
        let mut a = demo();
        let before = a.clone();
        let e = set_bound(&mut a, Bound::Max, "5").unwrap_err();
        assert_eq!(e.field, "settings/panel_scale/max");
        assert_eq!(
            e.message,
            "The panel scale cannot be 0 to 5: 26 scores would fall outside it, such as Dr Ada \
             Sample (fictional)'s 7 for Merger with University Hospitals of North Staffordshire \
             on Clinical standards and seven-day services; change those scores first"
        );
        assert!(
            e.short
                .starts_with("26 scores would fall outside 0 to 5, such as")
        );
        let e = set_bound(&mut a, Bound::Min, "10").unwrap_err();
        assert_eq!(e.short, "Must be below the maximum (10)");
        let e = set_bound(&mut a, Bound::Min, "1").unwrap_err();
        assert_eq!(e.short, "The descriptor for 0 would fall outside 1 to 10");
        assert_eq!(a, before);
    }

    #[test]
    fn a_wider_scale_carries_the_panel_leaves_with_it() {
        let mut a = demo();
        let split = evaluate(&a).unwrap().options[2].total;
        set_bound(&mut a, Bound::Max, "20").unwrap();
        assert_eq!(a.settings.panel_scale.max, 20.0);
        let std = a.criteria.iter().find(|c| c.code == "QUA-STD").unwrap();
        assert_eq!(
            std.leaf().unwrap().value_function,
            ValueFunction::Linear {
                worst: 0.0,
                best: 20.0
            }
        );
        // Every panel value halves: SPLIT's QUA-STD mean 7 is worth 35, not 70 (x 0.16 = -5.6),
        // and so on; the total falls.
        let r = evaluate(&a).unwrap();
        assert_eq!(r.options[2].code, "SPLIT");
        assert!(r.options[2].total < split - 5.6);
        assert!(crate::validate::integrity(&a).is_empty());
        // The descriptors stay; a new level is added in order and can be removed.
        set_descriptor(&mut a, "15", "Beyond the standard").unwrap();
        let scores: Vec<f64> = a
            .settings
            .panel_scale
            .descriptors
            .iter()
            .map(|d| d.score)
            .collect();
        assert_eq!(scores, [0.0, 2.0, 4.0, 6.0, 8.0, 10.0, 15.0]);
        set_descriptor(&mut a, "15", "").unwrap();
        set_descriptor(&mut a, "10", "Fully").unwrap();
        assert_eq!(a.settings.panel_scale.descriptors[5].text, "Fully");
        let e = set_descriptor(&mut a, "25", "Too far").unwrap_err();
        assert_eq!(e.field, "settings/panel_scale/descriptors/new/score");
        // Back to 10 fits; 9 would leave the descriptor for 10 outside.
        set_bound(&mut a, Bound::Max, "10").unwrap();
        let e = set_bound(&mut a, Bound::Max, "9").unwrap_err();
        assert!(e.message.contains("the descriptor for 10"), "{}", e.message);
    }

    #[test]
    fn median_and_disagreement_range_are_set() {
        let mut a = demo();
        let mean = evaluate(&a).unwrap();
        set_aggregation(&mut a, Aggregation::Median);
        let median = evaluate(&a).unwrap();
        assert_ne!(mean.options[0].total, median.options[0].total);
        let flagged = |a: &Appraisal| evaluate(a).unwrap().disagreements.len();
        let before = flagged(&a);
        set_disagreement(&mut a, "0").unwrap();
        assert!(flagged(&a) > before);
        let e = set_disagreement(&mut a, "11").unwrap_err();
        assert_eq!(
            (e.field.as_str(), e.short.as_str()),
            ("settings/disagreement_range", "Must be from 0 to 10")
        );
        assert!(set_disagreement(&mut a, "-1").is_err());
        assert_eq!(a.settings.disagreement_range, 0.0);
    }
}
