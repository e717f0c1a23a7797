//! Reading what the analyst typed, and saying why it is refused: a number, a whole number, a
//! percentage, a financial year, a new code or name, and the [`EditError`] every edit returns.
//!
//! Its own module, importing no area of the session, so every area's edits (and the dispatch in
//! [`super::edit`]) can use the same checks and the same wording without importing each other.

use serde::Serialize;

use crate::charts::count;
use crate::model::Coded;
use crate::quote::shorten;

/// Why an edit was refused: the field (a [`crate::validate`] path) and a plain-English reason
/// that names it, for an error summary; `short` says the same without naming the field, for
/// beside the field itself where its label already names it (a cell of the scoring grid).
#[derive(Debug, Clone, PartialEq, Serialize, thiserror::Error)]
#[error("{message}")]
pub struct EditError {
    pub field: String,
    pub message: String,
    pub short: String,
}

pub(super) fn refuse<T>(
    field: impl Into<String>,
    message: impl Into<String>,
) -> Result<T, EditError> {
    let message = message.into();
    refuse_short(field, message.clone(), message)
}

pub(super) fn refuse_short<T>(
    field: impl Into<String>,
    message: impl Into<String>,
    short: impl Into<String>,
) -> Result<T, EditError> {
    Err(EditError {
        field: field.into(),
        message: message.into(),
        short: short.into(),
    })
}

/// Reads a number as typed: digits with an optional sign and decimal point, nothing else.
/// `what` names it ("The weight of Quality") and may open a sentence or follow "Enter".
pub(super) fn number(field: &str, what: &str, text: &str) -> Result<f64, EditError> {
    let t = text.trim();
    if t.is_empty() {
        let what = what
            .strip_prefix("The ")
            .map_or_else(|| what.to_owned(), |rest| format!("the {rest}"));
        return refuse_short(field, format!("Enter {what}"), "Enter a number");
    }
    match t.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        _ => {
            let t = shorten(t);
            refuse_short(
                field,
                format!(
                    "{} must be a number, such as 7 or 0.25; \"{t}\" is not a number",
                    capitalised(what)
                ),
                format!("\"{t}\" is not a number"),
            )
        }
    }
}

/// A whole number as typed, within `range`.
pub(super) fn whole(
    field: &str,
    what: &str,
    text: &str,
    range: std::ops::RangeInclusive<u32>,
) -> Result<u32, EditError> {
    let v = number(field, what, &text.replace(',', ""))?;
    let (lo, hi) = (f64::from(*range.start()), f64::from(*range.end()));
    if v.fract() != 0.0 || !(lo..=hi).contains(&v) {
        let range = format!("from {} to {}", count(lo), count(hi));
        return refuse_short(
            field,
            format!(
                "{} must be a whole number {range}; it is {v}",
                capitalised(what)
            ),
            format!("Must be a whole number {range}"),
        );
    }
    // Whole and within a u32 range, checked above.
    Ok(v as u32)
}

/// A new `T`'s code (at `{list}/new/code`): not empty, no spaces or slashes (codes make up
/// field paths), not taken by another in `items`.
pub(super) fn new_code<T: Coded>(items: &[T], code: &str) -> Result<(), EditError> {
    let (field, what) = (format!("{}/new/code", T::LIST), T::WHAT);
    if code.trim().is_empty() {
        return refuse(field, format!("Enter a code for the {what}"));
    }
    if code.chars().any(|c| c.is_whitespace() || c == '/') {
        return refuse(
            field,
            format!(
                "The {what}'s code \"{}\" must have no spaces or slashes",
                shorten(code)
            ),
        );
    }
    if T::is_in(items, code) {
        return refuse(
            field,
            format!("Another {what} already has the code \"{}\"", shorten(code)),
        );
    }
    Ok(())
}

/// A new `T`'s name and code: the code typed, or when none is, one made from the name (its
/// first word in capitals, or the initials of a name whose first word is short, "-2" and on
/// when taken), so a team starting out types a name only. For what has no official code.
pub(super) fn new_named<T: Coded>(
    items: &[T],
    code: &str,
    name: &str,
) -> Result<String, EditError> {
    new_entry_name::<T>(name)?;
    if !code.trim().is_empty() {
        new_code(items, code)?;
        return Ok(code.to_owned());
    }
    let words: Vec<String> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_uppercase)
        .collect();
    let stem = match words.first() {
        Some(first) if first.chars().count() >= 3 => first.chars().take(10).collect(),
        _ => words
            .iter()
            .take(4)
            .filter_map(|w| w.chars().next())
            .collect::<String>(),
    };
    let stem = if stem.is_empty() {
        T::WHAT.to_uppercase().replace(' ', "-")
    } else {
        stem
    };
    let code = std::iter::once(stem.clone())
        .chain((2..).map(|n| format!("{stem}-{n}")))
        .find(|c| !T::is_in(items, c))
        .unwrap_or(stem);
    Ok(code)
}

/// A new `T`'s name (at `{list}/new/name`): anything but blank.
pub(super) fn new_entry_name<T: Coded>(text: &str) -> Result<(), EditError> {
    name(&format!("{}/new/name", T::LIST), T::WHAT, text)
}

/// A new name for the `T` coded `code` (a rename, at `{list}/{code}/name`): anything but blank.
pub(super) fn new_name<T: Coded>(code: &str, name: &str) -> Result<(), EditError> {
    if name.trim().is_empty() {
        refuse_short(
            format!("{}/{code}/name", T::LIST),
            format!("Enter a name for {} {code}", T::WHAT),
            "Enter a name",
        )
    } else {
        Ok(())
    }
}

/// The place in `items` of the `T` coded `code`, or a refusal at `field`: "There is no site
/// \"X\"", and beside the field "No such site".
pub(super) fn index<T: Coded>(
    items: &[T],
    code: &str,
    field: impl Into<String>,
) -> Result<usize, EditError> {
    match T::position_in(items, code) {
        Some(i) => Ok(i),
        None => refuse_short(
            field,
            format!("There is no {} \"{code}\"", T::WHAT),
            format!("No such {}", T::WHAT),
        ),
    }
}

/// The `T` coded `code` in `items`, or the refusal [`index`] gives.
pub(super) fn find<'a, T: Coded>(
    items: &'a [T],
    code: &str,
    field: impl Into<String>,
) -> Result<&'a T, EditError> {
    index(items, code, field).map(|i| &items[i])
}

/// As [`index`], saying the whole reason beside the field too.
pub(super) fn index_in_full<T: Coded>(
    items: &[T],
    code: &str,
    field: impl Into<String>,
) -> Result<usize, EditError> {
    match T::position_in(items, code) {
        Some(i) => Ok(i),
        None => refuse(field, format!("There is no {} \"{code}\"", T::WHAT)),
    }
}

/// A share typed in percent, from `min` to 100, as a fraction.
pub(super) fn percent(field: &str, what: &str, text: &str, min: f64) -> Result<f64, EditError> {
    let v = number(field, what, text)?;
    if !(min..=100.0).contains(&v) {
        return refuse_short(
            field,
            format!("{what} must be from {min} to 100%; it is {v}%"),
            format!("Must be from {min} to 100%"),
        );
    }
    Ok(v / 100.0)
}

/// A financial year as typed, "2015" or "2015/16" (the second part must follow the first).
pub(super) fn financial_year(text: &str) -> Option<i32> {
    let (start, end) = text.split_once('/').unwrap_or((text, ""));
    start.trim().parse::<i32>().ok().filter(|y| {
        let end = end.trim();
        end.is_empty() || end.parse::<i32>().ok() == Some((y + 1).rem_euclid(100))
    })
}

/// "the worst and best ..." -> "The worst and best ...", for a message shown on its own.
pub(super) fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// "Must be ..." -> "must be ...", to follow a prefix.
pub(super) fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A name for a new `what` at `field`: anything but blank.
pub(super) fn name(field: &str, what: &str, name: &str) -> Result<(), EditError> {
    if name.trim().is_empty() {
        refuse(field, format!("Enter a name for the {what}"))
    } else {
        Ok(())
    }
}
