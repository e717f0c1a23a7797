//! Weights typed as percentages, with locks: setting one weight spreads the difference over
//! the unlocked weights beside it in proportion to their weights, so a group can go from one
//! valid weighting to another without passing through weights that do not sum (and that
//! prefer nothing). "Spread the rest" does the same for a group that already does not sum.

use super::input::{EditError, percent, refuse_short};
use crate::model::{Appraisal, WEIGHT_TOLERANCE};

/// The path of a group's weights, as [`crate::validate`] keys them.
fn group_path(parent: Option<&str>) -> String {
    match parent {
        Some(p) => format!("criteria/{p}/weights"),
        None => "criteria/weights".to_owned(),
    }
}

/// Sets `criterion`'s local weight to `text` percent and spreads the difference over its
/// siblings that are neither it nor `locked`, in proportion to their weights. With no such
/// sibling only it changes (the group's sum then shows how far off it is).
pub fn set_percent(
    a: &mut Appraisal,
    criterion: &str,
    text: &str,
    locked: &[String],
) -> Result<(), EditError> {
    let field = format!("criteria/{criterion}/percent");
    let Some(at) = a.criteria.iter().position(|c| c.code == criterion) else {
        return refuse_short(
            field,
            format!("There is no criterion {criterion}"),
            "No such criterion",
        );
    };
    let name = a.criteria[at].name.clone();
    let share = percent(&field, &format!("The weight of {name}"), text, 0.0)?;
    let parent = a.criteria[at].parent.clone();
    let held: f64 = a
        .criteria
        .iter()
        .filter(|c| c.parent == parent && c.code != criterion && locked.contains(&c.code))
        .map(|c| c.weight)
        .sum();
    let free = free_siblings(a, parent.as_deref(), criterion, locked);
    if !free.is_empty() && share + held > 1.0 + WEIGHT_TOLERANCE {
        let most = crate::score::sums::percent((1.0 - held).max(0.0));
        return refuse_short(
            field,
            format!(
                "The weight of {name} can be at most {most}% while the locked weights beside it hold {}%",
                crate::score::sums::percent(held)
            ),
            format!("Must be at most {most}%"),
        );
    }
    a.criteria[at].weight = share;
    if !free.is_empty() {
        spread_over(a, &free, 1.0 - held - share);
    }
    Ok(())
}

/// Spreads what the group under `parent` lacks of (or has over) 100% over its weights not
/// `locked`, in proportion to their weights (evenly when they are all 0).
pub fn spread_rest(
    a: &mut Appraisal,
    parent: Option<&str>,
    locked: &[String],
) -> Result<(), EditError> {
    let field = group_path(parent);
    let held: f64 = a
        .criteria
        .iter()
        .filter(|c| c.parent.as_deref() == parent && locked.contains(&c.code))
        .map(|c| c.weight)
        .sum();
    let free = free_siblings(a, parent, "", locked);
    if free.is_empty() {
        return refuse_short(
            field,
            "Every weight in this group is locked: unlock one to spread the rest over it",
            "Unlock a weight first",
        );
    }
    if held > 1.0 + WEIGHT_TOLERANCE {
        return refuse_short(
            field,
            format!(
                "The locked weights already hold {}%, more than 100%: lower or unlock one",
                crate::score::sums::percent(held)
            ),
            "The locked weights are over 100%",
        );
    }
    spread_over(a, &free, 1.0 - held);
    Ok(())
}

/// The indices of the criteria under `parent`, other than `except` and `locked`.
fn free_siblings(
    a: &Appraisal,
    parent: Option<&str>,
    except: &str,
    locked: &[String],
) -> Vec<usize> {
    a.criteria
        .iter()
        .enumerate()
        .filter(|(_, c)| {
            c.parent.as_deref() == parent && c.code != except && !locked.contains(&c.code)
        })
        .map(|(i, _)| i)
        .collect()
}

/// Gives the criteria at `free` `total` between them, in proportion to their weights.
fn spread_over(a: &mut Appraisal, free: &[usize], total: f64) {
    let total = total.max(0.0);
    let now: f64 = free.iter().map(|&i| a.criteria[i].weight).sum();
    for &i in free {
        a.criteria[i].weight = if now > 0.0 {
            total * a.criteria[i].weight / now
        } else {
            total / free.len() as f64
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Criterion, CriterionKind};

    fn group(weights: &[(&str, f64)]) -> Appraisal {
        let mut a = Appraisal::new("Spread");
        a.criteria = weights
            .iter()
            .map(|&(code, weight)| Criterion {
                code: code.into(),
                name: format!("{code} name"),
                description: String::new(),
                parent: None,
                weight,
                kind: CriterionKind::Group,
            })
            .collect();
        a
    }

    fn weights(a: &Appraisal) -> Vec<f64> {
        a.criteria
            .iter()
            .map(|c| (c.weight * 1e9).round() / 1e9)
            .collect()
    }

    #[test]
    fn a_weight_set_with_the_first_locked_leaves_the_rest_to_the_third() {
        // 40/30/30, A locked, B set to 20: C takes 100 - 40 - 20 = 40.
        let mut a = group(&[("A", 0.4), ("B", 0.3), ("C", 0.3)]);
        set_percent(&mut a, "B", "20", &["A".to_owned()]).unwrap();
        assert_eq!(weights(&a), [0.4, 0.2, 0.4]);
        assert_eq!(crate::score::sums::reason(&a.criteria), None);
    }

    #[test]
    fn the_difference_goes_to_the_unlocked_in_proportion() {
        // 40/30/30 -> A at 70: B and C share 30 as 30:30 -> 15 each.
        let mut a = group(&[("A", 0.4), ("B", 0.3), ("C", 0.3)]);
        set_percent(&mut a, "A", "70", &[]).unwrap();
        assert_eq!(weights(&a), [0.7, 0.15, 0.15]);
        // 25/40/20/15 -> B at 10 with C locked: A and D share 70 as 25:15 -> 43.75 and 26.25.
        let mut a = group(&[("A", 0.25), ("B", 0.4), ("C", 0.2), ("D", 0.15)]);
        set_percent(&mut a, "B", "10", &["C".to_owned()]).unwrap();
        assert_eq!(weights(&a), [0.4375, 0.1, 0.2, 0.2625]);
    }

    #[test]
    fn with_every_other_weight_locked_only_the_one_typed_changes() {
        // The demo's top level 25/40/20/15: Quality to 10 with the rest locked sums to 70%;
        // spreading the rest over Quality (the one unlocked) brings it back to 40.
        let mut a = group(&[("VIA", 0.25), ("QUA", 0.4), ("ACC", 0.2), ("DEL", 0.15)]);
        let others: Vec<String> = ["VIA", "ACC", "DEL"].map(String::from).to_vec();
        set_percent(&mut a, "QUA", "10", &others).unwrap();
        assert_eq!(weights(&a), [0.25, 0.1, 0.2, 0.15]);
        assert_eq!(
            crate::score::sums::reason(&a.criteria).as_deref(),
            Some("weights do not sum to 100%: the top-level groups sum to 70%")
        );
        spread_rest(&mut a, None, &others).unwrap();
        assert_eq!(weights(&a), [0.25, 0.4, 0.2, 0.15]);
    }

    #[test]
    fn spreading_the_rest_scales_the_unlocked_and_refuses_when_all_are_locked() {
        // 40/20/30 sums to 90; A locked: B and C share 60 as 20:30 -> 24 and 36.
        let mut a = group(&[("A", 0.4), ("B", 0.2), ("C", 0.3)]);
        spread_rest(&mut a, None, &["A".to_owned()]).unwrap();
        assert_eq!(weights(&a), [0.4, 0.24, 0.36]);
        // All zero and unlocked: evenly.
        let mut a = group(&[("A", 0.0), ("B", 0.0)]);
        spread_rest(&mut a, None, &[]).unwrap();
        assert_eq!(weights(&a), [0.5, 0.5]);
        let all: Vec<String> = ["A", "B"].map(String::from).to_vec();
        let e = spread_rest(&mut a, None, &all).unwrap_err();
        assert_eq!(e.field, "criteria/weights");
        assert_eq!(e.short, "Unlock a weight first");
    }

    #[test]
    fn a_weight_beyond_what_the_locked_leave_is_refused_and_nothing_changes() {
        let mut a = group(&[("A", 0.4), ("B", 0.3), ("C", 0.3)]);
        let e = set_percent(&mut a, "B", "70", &["A".to_owned()]).unwrap_err();
        assert_eq!(
            e.message,
            "The weight of B name can be at most 60% while the locked weights beside it hold 40%"
        );
        assert_eq!(e.short, "Must be at most 60%");
        let e = set_percent(&mut a, "B", "-5", &[]).unwrap_err();
        assert_eq!(e.short, "Must be from 0 to 100%");
        let e = set_percent(&mut a, "B", "lots", &[]).unwrap_err();
        assert_eq!(e.field, "criteria/B/percent");
        assert_eq!(weights(&a), [0.4, 0.3, 0.3]);
    }
}
