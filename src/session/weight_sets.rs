//! Edits to the named weight sets (finance-led, clinical-led, ...) that the sensitivity
//! analysis scores side by side with the appraisal's own weights. A set gives local weights for
//! some criteria; the others keep their own.

use super::input::{self, EditError, number, refuse_short};
use crate::model::{Appraisal, WeightSet, WeightSetEntry};

/// Adds an empty set (every criterion at its own weight until one is given).
pub fn add(a: &mut Appraisal, code: &str, name: &str) -> Result<(), EditError> {
    let field = "weight_sets/new/code".to_owned();
    if code.trim().is_empty() || code.chars().any(|c| c.is_whitespace() || c == '/') {
        return refuse_short(
            field,
            format!(
                "The weight set's code \"{code}\" must be filled in, with no spaces or slashes"
            ),
            "Enter a code without spaces",
        );
    }
    if a.weight_sets.iter().any(|s| s.code == code) {
        return refuse_short(
            field,
            format!("Another weight set already has the code \"{code}\""),
            "Code already used",
        );
    }
    if name.trim().is_empty() {
        return refuse_short(
            "weight_sets/new/name".to_owned(),
            "Enter a name for the weight set".to_owned(),
            "Enter a name",
        );
    }
    a.weight_sets.push(WeightSet {
        code: code.to_owned(),
        name: name.to_owned(),
        description: String::new(),
        weights: Vec::new(),
    });
    Ok(())
}

pub fn remove(a: &mut Appraisal, code: &str) -> Result<(), EditError> {
    if !a.weight_sets.iter().any(|s| s.code == code) {
        return refuse_short(
            format!("weight_sets/{code}"),
            format!("There is no weight set \"{code}\""),
            "No such set",
        );
    }
    a.weight_sets.retain(|s| s.code != code);
    Ok(())
}

/// Sets a criterion's local weight in a set from the text typed; empty text goes back to the
/// criterion's own weight.
pub fn set_weight(
    a: &mut Appraisal,
    set: &str,
    criterion: &str,
    text: &str,
) -> Result<(), EditError> {
    let field = format!("weight_sets/{set}/{criterion}");
    let c = input::find(&a.criteria, criterion, &field)?;
    let name = c.name.clone();
    let Some(s) = a.weight_sets.iter_mut().find(|s| s.code == set) else {
        return refuse_short(
            field,
            format!("There is no weight set \"{set}\""),
            "No such set",
        );
    };
    if text.trim().is_empty() {
        s.weights.retain(|w| w.criterion != criterion);
        return Ok(());
    }
    let what = format!("The weight of {name} in {}", s.name);
    let value = number(&field, &what, text)?;
    if value < 0.0 {
        return refuse_short(
            field,
            format!("{what} must be 0 or more; it is {value}"),
            "Must be 0 or more",
        );
    }
    match s.weights.iter_mut().find(|w| w.criterion == criterion) {
        Some(w) => w.value = value,
        None => s.weights.push(WeightSetEntry {
            criterion: criterion.to_owned(),
            value,
        }),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_set_is_added_filled_in_and_removed() {
        let mut a = crate::demo::appraisal();
        let before = a.weight_sets.len();
        add(&mut a, "PUBLIC", "Public panel").unwrap();
        set_weight(&mut a, "PUBLIC", "VIA", "0.2").unwrap();
        set_weight(&mut a, "PUBLIC", "VIA", " 0.25 ").unwrap();
        let set = a.weight_sets.last().unwrap();
        assert_eq!(set.weights.len(), 1);
        assert_eq!(set.weights[0].value, 0.25);
        let e = set_weight(&mut a, "PUBLIC", "VIA", "-1").unwrap_err();
        assert_eq!(
            (e.field.as_str(), e.short.as_str()),
            ("weight_sets/PUBLIC/VIA", "Must be 0 or more")
        );
        set_weight(&mut a, "PUBLIC", "VIA", "").unwrap();
        assert!(a.weight_sets.last().unwrap().weights.is_empty());
        assert_eq!(
            add(&mut a, "PUBLIC", "x").unwrap_err().short,
            "Code already used"
        );
        remove(&mut a, "PUBLIC").unwrap();
        assert_eq!(a.weight_sets.len(), before);
    }
}
