//! Edits to a criterion beyond its weight: its name and description, the group it sits in, and
//! for a leaf where its performance comes from, its direction and unit, its value function and
//! its hurdle.
//!
//! A leaf edit builds the new leaf and checks it as the scoring engine will use it (the engine's
//! own [`value::check`], the panel scale for panel leaves, and a value for every recorded
//! performance) before putting it in place, so no edit leaves the appraisal unscorable.

use serde::{Deserialize, Serialize};

use super::input::{self, EditError, capitalised, number, refuse_short};
use crate::model::{
    Appraisal, Category, Criterion, CriterionKind, Direction, Hurdle, LeafSpec, Point, RawValue,
    Source, VALUE_RANGE, ValueFunction, WeightingMethod,
};
use crate::score::value;

/// The kinds of value function the window offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum FunctionKind {
    Linear,
    Piecewise,
    Categorical,
}

/// Which end of a linear value function an edit sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum End {
    Worst,
    Best,
}

impl End {
    /// The word used in field paths and messages.
    pub fn key(self) -> &'static str {
        match self {
            End::Worst => "worst",
            End::Best => "best",
        }
    }
}

/// Which half of a piecewise point an edit sets: the raw performance or its 0-100 value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum PointPart {
    Raw,
    Value,
}

impl PointPart {
    fn key(self) -> &'static str {
        match self {
            PointPart::Raw => "raw",
            PointPart::Value => "value",
        }
    }
}

fn path(code: &str, rest: &str) -> String {
    format!("criteria/{code}/{rest}")
}

fn index(a: &Appraisal, code: &str, field: &str) -> Result<usize, EditError> {
    input::index(&a.criteria, code, field)
}

/// The criterion's index and a copy of its leaf spec to change, or why it has none.
fn leaf(a: &Appraisal, code: &str, field: &str) -> Result<(usize, LeafSpec), EditError> {
    let i = index(a, code, field)?;
    match &a.criteria[i].kind {
        CriterionKind::Leaf(spec) => Ok((i, spec.clone())),
        CriterionKind::Group => refuse_short(
            field,
            format!(
                "{} is a group: only a criterion scored on its own has this",
                a.criteria[i].name
            ),
            "A group has no such setting",
        ),
    }
}

/// Checks a leaf's new spec as the scoring engine will use it, then puts it in place.
fn commit(a: &mut Appraisal, i: usize, spec: LeafSpec, field: &str) -> Result<(), EditError> {
    let c = &a.criteria[i];
    let name = &c.name;
    let f = &spec.value_function;
    if let Err(e) = value::check(f) {
        return refuse_short(field, format!("{name}: {e}"), capitalised(&e.to_string()));
    }
    if let Some(against) = f.against(spec.direction) {
        let said = against.describe(spec.direction, &spec.unit);
        return refuse_short(
            field,
            format!("{name}: {said}; turn the function round, or change which is better"),
            capitalised(&said),
        );
    }
    let categorical = matches!(f, ValueFunction::Categorical { .. });
    match &spec.source {
        Source::Panel if categorical => {
            return refuse_short(
                field,
                format!(
                    "{name} is scored by the panel, in numbers: a categorical value function cannot value its scores"
                ),
                "Panel scores are numbers, not categories",
            );
        }
        Source::Derived { metric } if categorical => {
            return refuse_short(
                field,
                format!(
                    "{name} comes from {metric}, a number: a categorical value function cannot value it"
                ),
                "The metric is a number, not a category",
            );
        }
        Source::Panel => {
            let scale = &a.settings.panel_scale;
            if let Some(x) = raw_points(f)
                .into_iter()
                .find(|x| !(scale.min..=scale.max).contains(x))
            {
                let range = format!("{} to {}", scale.min, scale.max);
                return refuse_short(
                    field,
                    format!(
                        "{name} is scored by the panel from {range}: its value function must stay within the scale; {x} is outside it"
                    ),
                    format!("Must be within the panel scale, {range}"),
                );
            }
        }
        _ => {
            let mut refused = a
                .performances
                .iter()
                .filter(|p| p.criterion == c.code)
                .filter_map(|p| value::of_raw(f, &p.value).err().map(|e| (p, e)));
            if let Some((p, e)) = refused.next() {
                let others = refused.count();
                let option = a
                    .options
                    .iter()
                    .find(|o| o.code == p.option)
                    .map_or(p.option.as_str(), |o| o.name.as_str());
                let more = match others {
                    0 => String::new(),
                    n => format!(" and {n} more"),
                };
                return refuse_short(
                    field,
                    format!(
                        "{name}: {e}, for the performance recorded for {option}{more}; change the assessment first"
                    ),
                    format!(
                        "{} (recorded for {option}{more})",
                        capitalised(&e.to_string())
                    ),
                );
            }
        }
    }
    a.criteria[i].kind = CriterionKind::Leaf(spec);
    Ok(())
}

/// The raw values a numeric value function is defined on.
fn raw_points(f: &ValueFunction) -> Vec<f64> {
    match f {
        ValueFunction::Linear { worst, best } => vec![*worst, *best],
        ValueFunction::Piecewise { points } => points.iter().map(|p| p.raw).collect(),
        ValueFunction::Categorical { .. } => Vec::new(),
    }
}

/// A 0-100 value as typed, held to the model's range for values of a function
/// ([`VALUE_RANGE`]); the rest of the function's rules are checked as a whole by [`commit`].
fn zero_to_100(field: &str, what: &str, text: &str) -> Result<f64, EditError> {
    let v = number(field, what, text)?;
    if !VALUE_RANGE.contains(&v) {
        return refuse_short(
            field,
            format!("{what} must be from 0 to 100; it is {v}"),
            "Must be from 0 to 100",
        );
    }
    Ok(v)
}

/// The siblings under `parent` no longer match a swing or AHP elicitation: back to direct.
fn reset_weighting(a: &mut Appraisal, parent: Option<&str>) {
    for w in &mut a.weightings {
        if w.parent.as_deref() == parent && !matches!(w.method, WeightingMethod::Direct) {
            w.method = WeightingMethod::Direct;
        }
    }
}

pub fn rename(a: &mut Appraisal, code: &str, name: &str) -> Result<(), EditError> {
    let field = path(code, "name");
    let i = index(a, code, &field)?;
    input::new_name::<Criterion>(code, name)?;
    a.criteria[i].name = name.to_owned();
    Ok(())
}

pub fn describe(a: &mut Appraisal, code: &str, description: &str) -> Result<(), EditError> {
    let i = index(a, code, &path(code, "description"))?;
    a.criteria[i].description = description.to_owned();
    Ok(())
}

/// Moves a criterion (with anything under it) into another group, or to the top level. Both
/// the old and the new siblings' swing or AHP elicitation go back to direct entry, as removing
/// a criterion does; the local weight moves with it for the analyst to rebalance.
pub fn move_to(a: &mut Appraisal, code: &str, parent: Option<&str>) -> Result<(), EditError> {
    let field = path(code, "parent");
    let i = index(a, code, &field)?;
    let old = a.criteria[i].parent.clone();
    if old.as_deref() == parent {
        return Ok(());
    }
    let name = a.criteria[i].name.clone();
    if let Some(p) = parent {
        let Some(g) = a.criteria.iter().find(|c| c.code == p) else {
            return refuse_short(field, format!("There is no group \"{p}\""), "No such group");
        };
        if g.kind != CriterionKind::Group {
            return refuse_short(
                field,
                format!(
                    "{} is not a group: {name} can only go under a group",
                    g.name
                ),
                "Choose a group",
            );
        }
        if p == code {
            return refuse_short(
                field,
                format!("{name} cannot go under itself"),
                "Cannot go under itself",
            );
        }
        // Walk up from the new parent: meeting the criterion means it would be its own ancestor.
        let mut up = g.parent.clone();
        for _ in 0..a.criteria.len() {
            let Some(u) = up else { break };
            if u == code {
                return refuse_short(
                    field,
                    format!(
                        "{name} cannot go under {}, which is inside it: the tree would loop",
                        g.name
                    ),
                    format!("{} is inside it", g.name),
                );
            }
            up = a
                .criteria
                .iter()
                .find(|c| c.code == u)
                .and_then(|c| c.parent.clone());
        }
    }
    a.criteria[i].parent = parent.map(str::to_owned);
    reset_weighting(a, old.as_deref());
    reset_weighting(a, parent);
    Ok(())
}

/// Where a leaf's performance comes from. Becoming panel-scored starts the value function
/// afresh over the panel scale (worst to best by its direction), as a new panel leaf does.
pub fn set_source(a: &mut Appraisal, code: &str, source: &Source) -> Result<(), EditError> {
    let field = path(code, "source");
    let (i, mut spec) = leaf(a, code, &field)?;
    if let Source::Derived { metric } = source
        && (metric.trim().is_empty() || metric.chars().any(char::is_whitespace))
    {
        return refuse_short(
            field,
            format!(
                "Enter the metric {} comes from, such as finance.margin_final_year, with no spaces",
                a.criteria[i].name
            ),
            "Enter a metric, such as finance.margin_final_year",
        );
    }
    if *source == Source::Panel && spec.source != Source::Panel {
        let scale = &a.settings.panel_scale;
        spec.value_function = oriented(spec.direction, scale.min, scale.max);
    }
    spec.source = source.clone();
    commit(a, i, spec, &field)
}

/// A linear function from `lo` to `hi` the right way round for `direction`.
fn oriented(direction: Direction, lo: f64, hi: f64) -> ValueFunction {
    match direction {
        Direction::HigherIsBetter => ValueFunction::Linear {
            worst: lo,
            best: hi,
        },
        Direction::LowerIsBetter => ValueFunction::Linear {
            worst: hi,
            best: lo,
        },
    }
}

/// Whether higher or lower raw values are better. A numeric value function that runs the other
/// way is turned round (linear ends swapped, piecewise values reversed) so the two agree.
pub fn set_direction(a: &mut Appraisal, code: &str, direction: Direction) -> Result<(), EditError> {
    let field = path(code, "direction");
    let (i, mut spec) = leaf(a, code, &field)?;
    let higher = direction == Direction::HigherIsBetter;
    match &mut spec.value_function {
        ValueFunction::Linear { worst, best } => {
            if (worst < best) != higher {
                std::mem::swap(worst, best);
            }
        }
        ValueFunction::Piecewise { points } => {
            let rising = match (points.first(), points.last()) {
                (Some(f), Some(l)) => f.value <= l.value,
                _ => higher,
            };
            if rising != higher {
                let values: Vec<f64> = points.iter().rev().map(|p| p.value).collect();
                for (p, v) in points.iter_mut().zip(values) {
                    p.value = v;
                }
            }
        }
        ValueFunction::Categorical { .. } => {}
    }
    spec.direction = direction;
    commit(a, i, spec, &field)
}

pub fn set_unit(a: &mut Appraisal, code: &str, unit: &str) -> Result<(), EditError> {
    let field = path(code, "unit");
    let (i, mut spec) = leaf(a, code, &field)?;
    spec.unit = unit.trim().to_owned();
    commit(a, i, spec, &field)
}

/// Switches the kind of value function, starting from the one there: a linear function's ends
/// become the two points of a piecewise one and back; a new categorical function starts with
/// Pass (100) and Fail (0). Refused if the criterion's performances could not be valued.
pub fn set_kind(a: &mut Appraisal, code: &str, kind: FunctionKind) -> Result<(), EditError> {
    let field = path(code, "value_function");
    let (i, mut spec) = leaf(a, code, &field)?;
    let scale = &a.settings.panel_scale;
    // The raw range to start from: the present numeric function's, or the panel scale, or 0-100.
    let (lo, hi) = match &spec.value_function {
        ValueFunction::Linear { worst, best } => (worst.min(*best), worst.max(*best)),
        ValueFunction::Piecewise { points } => match (points.first(), points.last()) {
            (Some(f), Some(l)) => (f.raw, l.raw),
            _ => (0.0, 100.0),
        },
        ValueFunction::Categorical { .. } if spec.source == Source::Panel => (scale.min, scale.max),
        ValueFunction::Categorical { .. } => (0.0, 100.0),
    };
    let higher = spec.direction == Direction::HigherIsBetter;
    let f = match (kind, &spec.value_function) {
        (FunctionKind::Linear, ValueFunction::Linear { .. })
        | (FunctionKind::Piecewise, ValueFunction::Piecewise { .. })
        | (FunctionKind::Categorical, ValueFunction::Categorical { .. }) => return Ok(()),
        (FunctionKind::Linear, _) => oriented(spec.direction, lo, hi),
        (FunctionKind::Piecewise, _) => {
            let (at_lo, at_hi) = if higher { (0.0, 100.0) } else { (100.0, 0.0) };
            ValueFunction::Piecewise {
                points: vec![
                    Point {
                        raw: lo,
                        value: at_lo,
                    },
                    Point {
                        raw: hi,
                        value: at_hi,
                    },
                ],
            }
        }
        (FunctionKind::Categorical, _) => ValueFunction::Categorical {
            categories: vec![
                Category {
                    label: "Pass".to_owned(),
                    value: 100.0,
                },
                Category {
                    label: "Fail".to_owned(),
                    value: 0.0,
                },
            ],
        },
    };
    spec.value_function = f;
    commit(a, i, spec, &field)
}

/// The worst (value 0) or best (value 100) raw performance of a linear value function.
pub fn set_end(a: &mut Appraisal, code: &str, end: End, text: &str) -> Result<(), EditError> {
    let field = path(code, &format!("value_function/{}", end.key()));
    let (i, mut spec) = leaf(a, code, &field)?;
    let what = format!("The {} performance of {}", end.key(), a.criteria[i].name);
    let v = number(&field, &what, text)?;
    match (&mut spec.value_function, end) {
        (ValueFunction::Linear { worst, .. }, End::Worst) => *worst = v,
        (ValueFunction::Linear { best, .. }, End::Best) => *best = v,
        _ => {
            return refuse_short(
                field,
                format!("{}'s value function is not linear", a.criteria[i].name),
                "Not a linear value function",
            );
        }
    }
    commit(a, i, spec, &field)
}

fn points_of<'a>(
    spec: &'a mut LeafSpec,
    name: &str,
    field: &str,
) -> Result<&'a mut Vec<Point>, EditError> {
    match &mut spec.value_function {
        ValueFunction::Piecewise { points } => Ok(points),
        _ => refuse_short(
            field,
            format!("{name}'s value function is not piecewise linear"),
            "Not a piecewise value function",
        ),
    }
}

/// One point's raw performance or 0-100 value, as typed; points must stay in increasing order
/// of raw performance.
pub fn set_point(
    a: &mut Appraisal,
    code: &str,
    at: usize,
    part: PointPart,
    text: &str,
) -> Result<(), EditError> {
    let field = path(code, &format!("value_function/points/{at}/{}", part.key()));
    let (i, mut spec) = leaf(a, code, &field)?;
    let name = a.criteria[i].name.clone();
    let what = format!("The {} of point {} of {name}", part.key(), at + 1);
    let v = match part {
        PointPart::Raw => number(&field, &what, text)?,
        PointPart::Value => zero_to_100(&field, &what, text)?,
    };
    let points = points_of(&mut spec, &name, &field)?;
    let Some(p) = points.get_mut(at) else {
        return refuse_short(
            field,
            format!("{name} has no point {}", at + 1),
            "No such point",
        );
    };
    match part {
        PointPart::Raw => p.raw = v,
        PointPart::Value => p.value = v,
    }
    commit(a, i, spec, &field)
}

/// Adds a point, as typed, in its place by raw performance.
pub fn add_point(a: &mut Appraisal, code: &str, raw: &str, value: &str) -> Result<(), EditError> {
    let field = path(code, "value_function/points/new");
    let (i, mut spec) = leaf(a, code, &field)?;
    let name = a.criteria[i].name.clone();
    let raw = number(
        &format!("{field}/raw"),
        &format!("The raw performance of the new point of {name}"),
        raw,
    )?;
    let value = zero_to_100(
        &format!("{field}/value"),
        &format!("The value of the new point of {name}"),
        value,
    )?;
    let points = points_of(&mut spec, &name, &field)?;
    if points.iter().any(|p| p.raw == raw) {
        return refuse_short(
            format!("{field}/raw"),
            format!("{name} already has a point at {raw}"),
            format!("There is already a point at {raw}"),
        );
    }
    let at = points
        .iter()
        .position(|p| p.raw > raw)
        .unwrap_or(points.len());
    points.insert(at, Point { raw, value });
    commit(a, i, spec, &field)
}

pub fn remove_point(a: &mut Appraisal, code: &str, at: usize) -> Result<(), EditError> {
    let field = path(code, &format!("value_function/points/{at}"));
    let (i, mut spec) = leaf(a, code, &field)?;
    let name = a.criteria[i].name.clone();
    let points = points_of(&mut spec, &name, &field)?;
    if at >= points.len() {
        return refuse_short(
            field,
            format!("{name} has no point {}", at + 1),
            "No such point",
        );
    }
    points.remove(at);
    commit(a, i, spec, &field)
}

fn categories_of<'a>(
    spec: &'a mut LeafSpec,
    name: &str,
    field: &str,
) -> Result<&'a mut Vec<Category>, EditError> {
    match &mut spec.value_function {
        ValueFunction::Categorical { categories } => Ok(categories),
        _ => refuse_short(
            field,
            format!("{name}'s value function is not categorical"),
            "Not a categorical value function",
        ),
    }
}

/// One category's 0-100 value, as typed (e.g. CQC "Good" -> 75).
pub fn set_category(
    a: &mut Appraisal,
    code: &str,
    label: &str,
    text: &str,
) -> Result<(), EditError> {
    let field = path(code, &format!("value_function/categories/{label}"));
    let (i, mut spec) = leaf(a, code, &field)?;
    let name = a.criteria[i].name.clone();
    let v = zero_to_100(&field, &format!("The value of {label} on {name}"), text)?;
    let categories = categories_of(&mut spec, &name, &field)?;
    match categories.iter_mut().find(|c| c.label == label) {
        Some(c) => c.value = v,
        None => {
            return refuse_short(
                field,
                format!("{name} has no category \"{label}\""),
                "No such category",
            );
        }
    }
    commit(a, i, spec, &field)
}

/// Adds a category, label and 0-100 value as typed.
pub fn add_category(
    a: &mut Appraisal,
    code: &str,
    label: &str,
    value: &str,
) -> Result<(), EditError> {
    let field = path(code, "value_function/categories/new");
    let label_field = format!("{field}/label");
    let (i, mut spec) = leaf(a, code, &field)?;
    let name = a.criteria[i].name.clone();
    let label = label.trim();
    if label.is_empty() || label.contains('/') {
        return refuse_short(
            label_field,
            format!("Enter a name for the new category of {name}, without slashes"),
            "Enter a name, without slashes",
        );
    }
    let v = zero_to_100(
        &format!("{field}/value"),
        &format!("The value of {label} on {name}"),
        value,
    )?;
    let categories = categories_of(&mut spec, &name, &field)?;
    unused_label(categories, &name, label, &label_field)?;
    categories.push(Category {
        label: label.to_owned(),
        value: v,
    });
    commit(a, i, spec, &field)
}

fn unused_label(
    categories: &[Category],
    name: &str,
    label: &str,
    field: &str,
) -> Result<(), EditError> {
    if categories.iter().any(|c| c.label == label) {
        return refuse_short(
            field,
            format!("{name} already has the category \"{label}\""),
            "Already a category",
        );
    }
    Ok(())
}

/// Renames a category, and with it every recorded performance in that category, so that a
/// relabelled rating (say, a CQC wording change) keeps the options' assessments.
pub fn rename_category(
    a: &mut Appraisal,
    code: &str,
    label: &str,
    new: &str,
) -> Result<(), EditError> {
    let field = path(code, &format!("value_function/categories/{label}/label"));
    let (i, mut spec) = leaf(a, code, &field)?;
    let name = a.criteria[i].name.clone();
    let new = new.trim();
    if new.is_empty() || new.contains('/') {
        return refuse_short(
            field,
            format!("Enter a name for the category \"{label}\" of {name}, without slashes"),
            "Enter a name, without slashes",
        );
    }
    if new == label {
        return Ok(());
    }
    let categories = categories_of(&mut spec, &name, &field)?;
    unused_label(categories, &name, new, &field)?;
    match categories.iter_mut().find(|c| c.label == label) {
        Some(c) => new.clone_into(&mut c.label),
        None => {
            return refuse_short(
                field,
                format!("{name} has no category \"{label}\""),
                "No such category",
            );
        }
    }
    for p in a.performances.iter_mut().filter(|p| p.criterion == code) {
        if matches!(&p.value, RawValue::Category(c) if c == label) {
            p.value = RawValue::Category(new.to_owned());
        }
    }
    commit(a, i, spec, &field)
}

/// Removes a category no recorded performance uses (one in use is refused, naming the option).
pub fn remove_category(a: &mut Appraisal, code: &str, label: &str) -> Result<(), EditError> {
    let field = path(code, &format!("value_function/categories/{label}"));
    let (i, mut spec) = leaf(a, code, &field)?;
    let name = a.criteria[i].name.clone();
    let categories = categories_of(&mut spec, &name, &field)?;
    let before = categories.len();
    categories.retain(|c| c.label != label);
    if categories.len() == before {
        return refuse_short(
            field,
            format!("{name} has no category \"{label}\""),
            "No such category",
        );
    }
    commit(a, i, spec, &field)
}

/// The hurdle's pass value (0-100) as typed; empty text removes the hurdle.
pub fn set_hurdle(a: &mut Appraisal, code: &str, text: &str) -> Result<(), EditError> {
    let field = path(code, "hurdle");
    let (i, mut spec) = leaf(a, code, &field)?;
    spec.hurdle = if text.trim().is_empty() {
        None
    } else {
        let what = format!("The pass value of the hurdle {}", a.criteria[i].name);
        Some(Hurdle {
            pass_value: zero_to_100(&field, &what, text)?,
        })
    };
    commit(a, i, spec, &field)
}

/// Adds a group, or a leaf scored by the panel on the panel scale, with its local weight as
/// typed.
pub fn add(
    a: &mut Appraisal,
    code: &str,
    criterion_name: &str,
    parent: Option<&str>,
    group: bool,
    weight: &str,
) -> Result<(), EditError> {
    let code = &input::new_named(&a.criteria, code, criterion_name)?;
    if let Some(p) = parent {
        let is_group = a
            .criteria
            .iter()
            .any(|c| c.code == p && c.kind == CriterionKind::Group);
        if !is_group {
            return input::refuse("criteria/new/parent", format!("There is no group \"{p}\""));
        }
    }
    // No weight typed: the new criterion and those beside it share their group equally, so
    // the weights still sum and nothing is ranked on a weighting nobody set.
    let equal = weight.trim().is_empty();
    let w = if equal {
        0.0
    } else {
        input::number("criteria/new/weight", "The weight", weight)?
    };
    if w < 0.0 {
        return input::refuse(
            "criteria/new/weight",
            format!("The weight must be 0 or more; it is {w}"),
        );
    }
    let scale = &a.settings.panel_scale;
    let kind = if group {
        CriterionKind::Group
    } else {
        CriterionKind::Leaf(LeafSpec {
            source: Source::Panel,
            direction: Direction::HigherIsBetter,
            unit: "score".to_owned(),
            value_function: ValueFunction::Linear {
                worst: scale.min,
                best: scale.max,
            },
            hurdle: None,
        })
    };
    a.criteria.push(Criterion {
        code: code.to_owned(),
        name: criterion_name.to_owned(),
        description: String::new(),
        parent: parent.map(str::to_owned),
        weight: w,
        kind,
    });
    if equal {
        let siblings = a
            .criteria
            .iter()
            .filter(|c| c.parent.as_deref() == parent)
            .count();
        for c in a
            .criteria
            .iter_mut()
            .filter(|c| c.parent.as_deref() == parent)
        {
            c.weight = 1.0 / siblings as f64;
        }
    }
    Ok(())
}

/// Removes a criterion with no children, with its scores, performances and weights.
pub fn remove(a: &mut Appraisal, code: &str) -> Result<(), EditError> {
    let field = format!("criteria/{code}");
    let index = input::index_in_full(&a.criteria, code, &field)?;
    if a.criteria.iter().any(|c| c.parent.as_deref() == Some(code)) {
        return input::refuse(
            field,
            format!(
                "{} still has criteria under it: remove those first",
                a.criteria[index].name
            ),
        );
    }
    let parent = a.criteria[index].parent.clone();
    a.criteria.remove(index);
    a.scores.retain(|s| s.criterion != code);
    a.performances.retain(|p| p.criterion != code);
    for set in &mut a.weight_sets {
        set.weights.retain(|w| w.criterion != code);
    }
    // The siblings' swing or AHP elicitation no longer covers them all: back to direct entry.
    for w in &mut a.weightings {
        if w.parent == parent && !matches!(w.method, WeightingMethod::Direct) {
            w.method = WeightingMethod::Direct;
        }
    }
    Ok(())
}
#[cfg(test)]
mod tests {

    #[test]
    fn a_criterion_added_with_no_weight_shares_its_group_equally() {
        let mut a = Appraisal::new("t");
        add(&mut a, "", "Quality of care", None, false, "").unwrap();
        assert_eq!(a.criteria[0].weight, 1.0);
        add(&mut a, "", "Access", None, false, " ").unwrap();
        let weights: Vec<(&str, f64)> = a
            .criteria
            .iter()
            .map(|c| (c.code.as_str(), c.weight))
            .collect();
        assert_eq!(weights, [("QUALITY", 0.5), ("ACCESS", 0.5)]);
        assert_eq!(crate::score::sums::reason(&a.criteria), None);
        // A weight typed is kept as typed.
        add(&mut a, "", "Cost", None, false, "0.2").unwrap();
        assert_eq!(a.criteria[2].weight, 0.2);
    }

    use super::*;
    use crate::session::Edit;

    /// Scores as the window does, with the finance and travel engines' metrics.
    fn evaluate(a: &Appraisal) -> Result<crate::score::Results, crate::score::ScoreError> {
        crate::evaluation::Evaluation::of(a).score().clone()
    }

    fn demo() -> Appraisal {
        crate::demo::appraisal()
    }

    fn total(a: &Appraisal, option: &str) -> f64 {
        let r = evaluate(a).unwrap();
        r.options.iter().find(|o| o.code == option).unwrap().total
    }

    fn close(x: f64, y: f64) -> bool {
        (x - y).abs() < 1e-9
    }

    #[test]
    fn a_linear_end_changes_the_total_by_the_hand_computed_amount() {
        let mut a = demo();
        let (split, ico) = (total(&a, "SPLIT"), total(&a, "ICO"));
        // QUA-STD (global weight 0.4 x 0.4 = 0.16) values the panel's mean score linearly from
        // 0 to 10. With worst 2: SPLIT's mean 7 is worth 100 x 5/8 = 62.5, not 70 (-7.5 x 0.16 =
        // -1.2); ICO's mean 5 is worth 37.5, not 50 (-12.5 x 0.16 = -2.0).
        set_end(&mut a, "QUA-STD", End::Worst, "2").unwrap();
        assert!(
            close(total(&a, "SPLIT"), split - 1.2),
            "{}",
            total(&a, "SPLIT")
        );
        assert!(close(total(&a, "ICO"), ico - 2.0));
    }

    #[test]
    fn best_equal_to_worst_is_refused_beside_the_field_and_changes_nothing() {
        let mut a = demo();
        let before = a.clone();
        let e = set_end(&mut a, "VIA-NPV", End::Best, "-20").unwrap_err();
        assert_eq!(e.field, "criteria/VIA-NPV/value_function/best");
        assert_eq!(
            e.short,
            "The worst and best values of the linear value function are equal (-20)"
        );
        assert!(
            e.message
                .starts_with("Net present value against do minimum: the worst")
        );
        // A panel leaf's function stays within the panel scale.
        let e = set_end(&mut a, "QUA-STD", End::Best, "20").unwrap_err();
        assert_eq!(e.short, "Must be within the panel scale, 0 to 10");
        let e = set_end(&mut a, "QUA-STD", End::Best, "ten").unwrap_err();
        assert!(
            e.message.ends_with("\"ten\" is not a number"),
            "{}",
            e.message
        );
        assert!(set_end(&mut a, "QUA", End::Best, "5").is_err());
        assert_eq!(a, before);
    }

    #[test]
    fn a_category_value_changes_the_value_and_the_preferred_option() {
        let mut a = demo();
        let ico = total(&a, "ICO");
        assert_eq!(evaluate(&a).unwrap().preferred.as_deref(), Some("SPLIT"));
        // Four options' lead providers are rated Requires improvement (35); QUA-CQC's global
        // weight is 0.4 x 0.12 = 0.048. At 0 each loses 1.68: SPLIT 61.72 -> 60.04, below ICO's
        // 60.17 (rated Good), which is then preferred.
        set_category(&mut a, "QUA-CQC", "Requires improvement", "0").unwrap();
        assert!(close(total(&a, "ICO"), ico));
        assert_eq!(evaluate(&a).unwrap().preferred.as_deref(), Some("ICO"));
        // Good at 60 rather than 75 costs ICO 15 x 0.048 = 0.72: SPLIT leads again.
        set_category(&mut a, "QUA-CQC", "Good", "60").unwrap();
        assert!(close(total(&a, "ICO"), ico - 0.72));
        assert_eq!(evaluate(&a).unwrap().preferred.as_deref(), Some("SPLIT"));

        let before = a.clone();
        let e = set_category(&mut a, "QUA-CQC", "Good", "120").unwrap_err();
        assert_eq!(e.short, "Must be from 0 to 100");
        let e = remove_category(&mut a, "QUA-CQC", "Good").unwrap_err();
        assert_eq!(e.field, "criteria/QUA-CQC/value_function/categories/Good");
        assert!(
            e.message.contains("'Good' is not one of the categories of the value function, for the performance recorded for Integrated care organisation"),
            "{}",
            e.message
        );
        let e = add_category(&mut a, "QUA-CQC", "Good", "50").unwrap_err();
        assert_eq!(
            e.field,
            "criteria/QUA-CQC/value_function/categories/new/label"
        );
        // Numbers cannot value the recorded ratings.
        let e = set_kind(&mut a, "QUA-CQC", FunctionKind::Linear).unwrap_err();
        assert!(e.message.contains("and 4 more"), "{}", e.message);
        assert_eq!(a, before);

        add_category(&mut a, "QUA-CQC", "Not yet rated", "20").unwrap();
        remove_category(&mut a, "QUA-CQC", "Outstanding").unwrap();
        let Some(ValueFunction::Categorical { categories }) = a
            .criteria
            .iter()
            .find(|c| c.code == "QUA-CQC")
            .and_then(|c| c.leaf())
            .map(|l| &l.value_function)
        else {
            panic!("categorical")
        };
        let labels: Vec<&str> = categories.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "Good",
                "Requires improvement",
                "Inadequate",
                "Not yet rated"
            ]
        );
    }

    #[test]
    fn renaming_a_category_carries_the_recorded_ratings() {
        let mut a = demo();
        let totals: Vec<f64> = ["ICO", "SPLIT", "DM"]
            .iter()
            .map(|o| total(&a, o))
            .collect();
        let rated = |a: &Appraisal, label: &str| {
            a.performances
                .iter()
                .filter(|p| p.criterion == "QUA-CQC")
                .filter(|p| matches!(&p.value, RawValue::Category(c) if c == label))
                .count()
        };
        // Four options' lead providers are rated Requires improvement, one (ICO) Good.
        assert_eq!(rated(&a, "Requires improvement"), 4);
        rename_category(
            &mut a,
            "QUA-CQC",
            "Requires improvement",
            " Requires Improvement ",
        )
        .unwrap();
        assert_eq!(rated(&a, "Requires improvement"), 0);
        assert_eq!(rated(&a, "Requires Improvement"), 4);
        let after: Vec<f64> = ["ICO", "SPLIT", "DM"]
            .iter()
            .map(|o| total(&a, o))
            .collect();
        assert_eq!(after, totals);
        // Other criteria's performances and categories are untouched.
        assert_eq!(rated(&a, "Good"), 1);

        let before = a.clone();
        let e = rename_category(&mut a, "QUA-CQC", "Good", "Requires Improvement").unwrap_err();
        assert_eq!(e.short, "Already a category");
        assert_eq!(
            e.field,
            "criteria/QUA-CQC/value_function/categories/Good/label"
        );
        let e = rename_category(&mut a, "QUA-CQC", "Good", "Good/Outstanding").unwrap_err();
        assert_eq!(e.short, "Enter a name, without slashes");
        let e = rename_category(&mut a, "QUA-CQC", "Superb", "Excellent").unwrap_err();
        assert_eq!(e.short, "No such category");
        let e = rename_category(&mut a, "VIA-NPV", "Good", "Fine").unwrap_err();
        assert_eq!(e.short, "Not a categorical value function");
        assert_eq!(a, before);
    }

    #[test]
    fn a_hurdle_the_leader_fails_makes_it_non_preferred() {
        let mut a = demo();
        // VIA-NPV values: SPLIT 56.54, ICO 59.79. A pass value of 57 fails SPLIT only.
        set_hurdle(&mut a, "VIA-NPV", "57").unwrap();
        let r = evaluate(&a).unwrap();
        let split = r.options.iter().find(|o| o.code == "SPLIT").unwrap();
        assert!(!split.hurdles.passes);
        assert!(!split.preferred);
        assert_eq!(split.hurdles.failed[0].criterion, "VIA-NPV");
        assert_eq!(r.preferred.as_deref(), Some("ICO"));
        let e = set_hurdle(&mut a, "VIA-NPV", "101").unwrap_err();
        assert_eq!(e.field, "criteria/VIA-NPV/hurdle");
        set_hurdle(&mut a, "VIA-NPV", "").unwrap();
        assert_eq!(evaluate(&a).unwrap().preferred.as_deref(), Some("SPLIT"));
    }

    #[test]
    fn piecewise_points_are_edited_in_order() {
        let mut a = demo();
        let npv = total(&a, "ICO");
        // Linear -20 to 80 becomes the same line as two points: nothing moves.
        set_kind(&mut a, "VIA-NPV", FunctionKind::Piecewise).unwrap();
        assert!(close(total(&a, "ICO"), npv));
        let before = a.clone();
        let e = set_point(&mut a, "VIA-NPV", 1, PointPart::Raw, "-30").unwrap_err();
        assert_eq!(e.field, "criteria/VIA-NPV/value_function/points/1/raw");
        assert_eq!(
            e.short,
            "The piecewise points must be in increasing order of raw value (-20 then -30)"
        );
        let e = remove_point(&mut a, "VIA-NPV", 0).unwrap_err();
        assert!(e.short.contains("at least two points"), "{}", e.short);
        assert_eq!(a, before);
        // ICO's NPV of 39.79 lies between new points (0, 40) and (80, 100): 40 + 60 x 39.79/80.
        add_point(&mut a, "VIA-NPV", "0", "40").unwrap();
        let raw = 39.79299377421085;
        let value = 40.0 + 60.0 * raw / 80.0;
        let old = 100.0 * (raw + 20.0) / 100.0;
        assert!(close(total(&a, "ICO"), npv + 0.0625 * (value - old)));
        set_point(&mut a, "VIA-NPV", 1, PointPart::Value, "50").unwrap();
        remove_point(&mut a, "VIA-NPV", 1).unwrap();
        assert!(close(total(&a, "ICO"), npv));
    }

    #[test]
    fn direction_turns_the_function_round_and_source_changes_are_checked() {
        let mut a = demo();
        set_direction(&mut a, "VIA-NPV", Direction::LowerIsBetter).unwrap();
        let spec = a
            .criteria
            .iter()
            .find(|c| c.code == "VIA-NPV")
            .unwrap()
            .leaf()
            .unwrap();
        assert_eq!(
            spec.value_function,
            ValueFunction::Linear {
                worst: 80.0,
                best: -20.0
            }
        );
        // A derived metric is a number: no categories.
        let e = set_kind(&mut a, "VIA-NPV", FunctionKind::Categorical).unwrap_err();
        assert_eq!(e.short, "The metric is a number, not a category");
        let e = set_source(&mut a, "VIA-NPV", &Source::Derived { metric: " ".into() }).unwrap_err();
        assert_eq!(e.field, "criteria/VIA-NPV/source");
        // Becoming panel-scored starts over the panel scale, lower-is-better kept.
        set_source(&mut a, "VIA-NPV", &Source::Panel).unwrap();
        let spec = a
            .criteria
            .iter()
            .find(|c| c.code == "VIA-NPV")
            .unwrap()
            .leaf()
            .unwrap();
        assert_eq!(
            spec.value_function,
            ValueFunction::Linear {
                worst: 10.0,
                best: 0.0
            }
        );
        set_unit(&mut a, "VIA-NPV", " score ").unwrap();
        rename(&mut a, "VIA-NPV", "NPV").unwrap();
        describe(&mut a, "VIA-NPV", "Why").unwrap();
        let c = a.criteria.iter().find(|c| c.code == "VIA-NPV").unwrap();
        assert_eq!(
            (
                c.name.as_str(),
                c.description.as_str(),
                c.leaf().unwrap().unit.as_str()
            ),
            ("NPV", "Why", "score")
        );
        assert_eq!(
            rename(&mut a, "VIA-NPV", " ").unwrap_err().field,
            "criteria/VIA-NPV/name"
        );
    }

    #[test]
    fn moving_refuses_loops_and_resets_the_siblings_weighting() {
        let mut a = demo();
        Edit::AddCriterion {
            code: "QUA-SUB".into(),
            name: "Sub-group".into(),
            parent: Some("QUA".into()),
            group: true,
            weight: "0".into(),
        }
        .apply(&mut a)
        .unwrap();
        let before = a.clone();
        let e = move_to(&mut a, "QUA", Some("QUA-SUB")).unwrap_err();
        assert_eq!(e.field, "criteria/QUA/parent");
        assert_eq!(
            e.message,
            "Quality cannot go under Sub-group, which is inside it: the tree would loop"
        );
        let e = move_to(&mut a, "QUA", Some("QUA")).unwrap_err();
        assert_eq!(e.short, "Cannot go under itself");
        let e = move_to(&mut a, "VIA", Some("QUA-STD")).unwrap_err();
        assert_eq!(e.short, "Choose a group");
        assert_eq!(a, before);

        // QUA's children were swing-weighted; once one leaves, QUA is back to direct entry.
        let swing = |a: &Appraisal, g: &str| {
            a.weightings.iter().any(|w| {
                w.parent.as_deref() == Some(g) && matches!(w.method, WeightingMethod::Swing { .. })
            })
        };
        assert!(swing(&a, "QUA"));
        move_to(&mut a, "QUA-CQC", Some("QUA-SUB")).unwrap();
        assert!(!swing(&a, "QUA"));
        assert_eq!(
            a.criteria
                .iter()
                .find(|c| c.code == "QUA-CQC")
                .unwrap()
                .parent
                .as_deref(),
            Some("QUA-SUB")
        );
        move_to(&mut a, "QUA-CQC", None).unwrap();
        assert_eq!(
            a.criteria
                .iter()
                .find(|c| c.code == "QUA-CQC")
                .unwrap()
                .parent,
            None
        );
        assert!(crate::validate::integrity(&a).is_empty());
    }

    #[test]
    fn a_refused_edit_through_the_document_leaves_it_as_it_was() {
        let mut doc = crate::session::Document::untitled(demo());
        let before = doc.appraisal().clone();
        let e = doc.apply(&Edit::SetLinearEnd {
            criterion: "VIA-NPV".into(),
            end: End::Best,
            value: "-20".into(),
        });
        assert!(e.is_err());
        assert_eq!(*doc.appraisal(), before);
        doc.apply(&Edit::RenameCriterion {
            code: "VIA-NPV".into(),
            name: "NPV".into(),
        })
        .unwrap();
        assert_eq!(
            doc.state().undo.as_deref(),
            Some("rename criterion Net present value against do minimum")
        );
        assert!(doc.undo());
        assert_eq!(*doc.appraisal(), before);
        let tagged: Edit = serde_json::from_str(
            r#"{"type":"set_source","criterion":"X","source":{"type":"derived","metric":"m"}}"#,
        )
        .unwrap();
        assert_eq!(
            tagged,
            Edit::SetSource {
                criterion: "X".into(),
                source: Source::Derived { metric: "m".into() }
            }
        );
    }

    #[test]
    fn an_edit_that_turns_a_function_against_its_direction_is_refused_naming_the_criterion() {
        use crate::session::DocumentError;
        let edit_error = |e| match e {
            DocumentError::Edit(e) => e,
            other => panic!("{other}"),
        };
        let mut doc = crate::session::Document::untitled(demo());
        let before = doc.appraisal().clone();
        // NPV is higher-is-better, from -20 (0) to 80 (100): a worst of 100 would make it fall.
        let e = doc
            .apply(&Edit::SetLinearEnd {
                criterion: "VIA-NPV".into(),
                end: End::Worst,
                value: "100".into(),
            })
            .map_err(edit_error)
            .unwrap_err();
        assert_eq!(e.field, "criteria/VIA-NPV/value_function/worst");
        assert_eq!(
            e.message,
            "Net present value against do minimum: higher is better, but its value function falls from 100 at 80 GBP m to 0 at 100 GBP m; turn the function round, or change which is better"
        );
        assert_eq!(
            e.short,
            "Higher is better, but its value function falls from 100 at 80 GBP m to 0 at 100 GBP m"
        );
        assert_eq!(*doc.appraisal(), before);
        // A point that makes a piecewise function rise for a lower-is-better criterion.
        doc.apply(&Edit::SetValueFunctionKind {
            criterion: "ACC-MAT".into(),
            kind: FunctionKind::Piecewise,
        })
        .unwrap();
        doc.apply(&Edit::AddPoint {
            criterion: "ACC-MAT".into(),
            raw: "5".into(),
            value: "20".into(),
        })
        .unwrap();
        let e = doc
            .apply(&Edit::SetPoint {
                criterion: "ACC-MAT".into(),
                index: 0,
                part: PointPart::Value,
                value: "10".into(),
            })
            .map_err(edit_error)
            .unwrap_err();
        assert_eq!(e.field, "criteria/ACC-MAT/value_function/points/0/value");
        assert_eq!(
            e.message,
            "Change in travel time to maternity by car: lower is better, but its value function rises from 10 at 0 minutes to 20 at 5 minutes; turn the function round, or change which is better"
        );
    }

    #[test]
    fn window_weights_within_a_billionth_of_1_sum_to_1() {
        let mut doc = crate::session::Document::untitled(demo());
        // The deliverability group's two weights as typed, 1e-9 short of 1 between them.
        for (code, value) in [("DEL-EASE", "0.6"), ("DEL-TIME", "0.399999999")] {
            doc.apply(&Edit::SetWeight {
                criterion: code.into(),
                value: value.into(),
            })
            .unwrap();
        }
        let evaluation = doc.evaluation();
        assert!(
            !evaluation
                .problems()
                .iter()
                .any(|p| p.path == "criteria/DEL/weights"),
            "{:?}",
            evaluation.problems()
        );
        let results = evaluation.score().as_ref().unwrap();
        assert_eq!(results.provisional, None);
        assert!(results.preferred.is_some());
    }

    #[test]
    fn a_group_with_children_is_not_removed() {
        let mut a = demo();
        let group = a
            .criteria
            .iter()
            .find(|c| c.kind == CriterionKind::Group)
            .unwrap()
            .code
            .clone();
        let e = Edit::RemoveCriterion { code: group }
            .apply(&mut a)
            .unwrap_err();
        assert!(
            e.message
                .ends_with("still has criteria under it: remove those first")
        );
    }
}
