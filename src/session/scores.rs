//! Edits to the panel's scores: one scorer's score for an option on a leaf the panel scores,
//! checked against the panel scale, and the rationale they gave for it.

use super::input::{EditError, index_in_full, number, refuse, refuse_short};
use crate::model::{Appraisal, LeafSpec, Score, Source};

/// One scorer's score for an option on a panel leaf, as typed, within the panel scale; empty
/// text removes it.
pub fn set_score(
    a: &mut Appraisal,
    option: &str,
    criterion: &str,
    scorer: &str,
    value: &str,
) -> Result<(), EditError> {
    let field = format!("scores/{option}/{criterion}/{scorer}/value");
    let Some(o) = a.options.iter().find(|o| o.code == option) else {
        return refuse(field, format!("There is no option \"{option}\""));
    };
    let index = index_in_full(&a.criteria, criterion, &field)?;
    let c = &a.criteria[index];
    if !matches!(
        c.leaf(),
        Some(LeafSpec {
            source: Source::Panel,
            ..
        })
    ) {
        return refuse(field, format!("{} is not scored by the panel", c.name));
    }
    let Some(s) = a.scorers.iter().find(|s| s.code == scorer) else {
        return refuse(field, format!("There is no scorer \"{scorer}\""));
    };
    let existing = a
        .scores
        .iter()
        .position(|x| x.option == option && x.criterion == criterion && x.scorer == scorer);
    if value.trim().is_empty() {
        if let Some(i) = existing {
            a.scores.remove(i);
        }
        return Ok(());
    }
    let what = format!("{}'s score for {} on {}", s.name, o.name, c.name);
    let v = number(&field, &what, value)?;
    let scale = &a.settings.panel_scale;
    if !(scale.min..=scale.max).contains(&v) {
        return refuse_short(
            field,
            format!(
                "{what} must be from {} to {}; it is {v}",
                scale.min, scale.max
            ),
            format!("Must be from {} to {}", scale.min, scale.max),
        );
    }
    match existing {
        Some(i) => a.scores[i].value = v,
        None => a.scores.push(Score {
            option: option.to_owned(),
            criterion: criterion.to_owned(),
            scorer: scorer.to_owned(),
            value: v,
            rationale: String::new(),
            evidence: String::new(),
        }),
    }
    Ok(())
}

/// The reason a scorer gave for a score already entered.
pub fn set_rationale(
    a: &mut Appraisal,
    option: &str,
    criterion: &str,
    scorer: &str,
    rationale: &str,
) -> Result<(), EditError> {
    let field = format!("scores/{option}/{criterion}/{scorer}/rationale");
    match a
        .scores
        .iter_mut()
        .find(|s| s.option == option && s.criterion == criterion && s.scorer == scorer)
    {
        Some(score) => rationale.clone_into(&mut score.rationale),
        None => return refuse(field, "Enter the score before its rationale"),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::Edit;

    fn demo() -> Appraisal {
        crate::demo::appraisal()
    }

    fn panel_cell(a: &Appraisal) -> (String, String, String) {
        let s = &a.scores[0];
        (s.option.clone(), s.criterion.clone(), s.scorer.clone())
    }

    #[test]
    fn scores_are_checked_against_the_panel_scale() {
        let mut a = demo();
        let before = a.clone();
        let (option, criterion, scorer) = panel_cell(&a);
        let edit = |value: &str| Edit::SetScore {
            option: option.clone(),
            criterion: criterion.clone(),
            scorer: scorer.clone(),
            value: value.into(),
        };
        let e = edit("seven").apply(&mut a).unwrap_err();
        assert_eq!(
            e.field,
            format!("scores/{option}/{criterion}/{scorer}/value")
        );
        assert!(
            e.message.ends_with("\"seven\" is not a number"),
            "{}",
            e.message
        );
        assert_eq!(e.short, "\"seven\" is not a number");
        let e = edit("11").apply(&mut a).unwrap_err();
        assert!(
            e.message.contains("must be from 0 to 10; it is 11"),
            "{}",
            e.message
        );
        assert_eq!(e.short, "Must be from 0 to 10");
        assert_eq!(a, before);

        edit("7.5").apply(&mut a).unwrap();
        assert_eq!(a.scores[0].value, 7.5);
        edit("").apply(&mut a).unwrap();
        assert_eq!(a.scores.len(), before.scores.len() - 1);
        edit("3").apply(&mut a).unwrap();
        let added = a.scores.last().unwrap();
        assert_eq!((added.option.as_str(), added.value), (option.as_str(), 3.0));
    }
}
