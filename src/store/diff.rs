//! What changed between the appraisal in the file and the one being saved, for the audit trail.

use serde_json::{Map, Value, json};

use crate::model::{Appraisal, MatrixChange, TravelMatrix, TravelMode};

/// One changed value: where, and its JSON text before and after (absent = did not exist).
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub what: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// How the items of each list are identified across versions.
fn key_of(list: &str, item: &Value) -> String {
    let field = |name: &str| match item.get(name) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => "(top level)".to_owned(),
        Some(other) => other.to_string(),
    };
    match list {
        "scores" => format!(
            "{}/{}/{}",
            field("option"),
            field("criterion"),
            field("scorer")
        ),
        "performances" => format!("{}/{}", field("option"), field("criterion")),
        "weightings" => field("parent"),
        _ => field("code"),
    }
}

/// Field-level changes from `old` to `new`. The audit and export lists are append-only records,
/// not content, so they are not compared. The travel matrix (millions of cells) is one summarised
/// change, [`matrix_change`], never one entry per cell.
pub fn changes(old: &Appraisal, new: &Appraisal) -> Vec<Change> {
    changes_noting(old, new, None)
}

/// As [`changes`], the travel matrix's change naming `matrix_source`, where its times came
/// from (road times computed in the window from an extract).
pub fn changes_noting(
    old: &Appraisal,
    new: &Appraisal,
    matrix_source: Option<&str>,
) -> Vec<Change> {
    let (Some(old_sections), Some(new_sections)) = (sections(old), sections(new)) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (section, new_value) in &new_sections {
        let old_value = old_sections.get(section).unwrap_or(&Value::Null);
        match (old_value, new_value) {
            (Value::Array(a), Value::Array(b)) => list(section, a, b, &mut out),
            (Value::Object(a), Value::Object(b)) => fields(section, a, b, &mut out),
            (a, b) if a != b => out.push(change(section.clone(), Some(a), Some(b))),
            _ => {}
        }
    }
    out.extend(matrix_change(
        &old.travel_matrix,
        &new.travel_matrix,
        matrix_source,
    ));
    out
}

/// The appraisal's content sections as JSON, in model order, without the travel matrix and the
/// append-only records. Destructured field by field so a new field cannot be silently skipped.
fn sections(a: &Appraisal) -> Option<Map<String, Value>> {
    let Appraisal {
        meta,
        settings,
        organisations,
        sites,
        services,
        zones,
        options,
        criteria,
        weightings,
        weight_sets,
        scorers,
        scores,
        performances,
        travel_estimator,
        travel_matrix: _,
        audit: _,
        exports: _,
    } = a;
    let mut map = Map::new();
    let mut put = |name: &str, value: serde_json::Result<Value>| {
        value.ok().map(|v| map.insert(name.to_owned(), v))
    };
    put("meta", serde_json::to_value(meta))?;
    put("settings", serde_json::to_value(settings))?;
    put("organisations", serde_json::to_value(organisations))?;
    put("sites", serde_json::to_value(sites))?;
    put("services", serde_json::to_value(services))?;
    put("zones", serde_json::to_value(zones))?;
    put("options", serde_json::to_value(options))?;
    put("criteria", serde_json::to_value(criteria))?;
    put("weightings", serde_json::to_value(weightings))?;
    put("weight_sets", serde_json::to_value(weight_sets))?;
    put("scorers", serde_json::to_value(scorers))?;
    put("scores", serde_json::to_value(scores))?;
    put("performances", serde_json::to_value(performances))?;
    put("travel_estimator", serde_json::to_value(travel_estimator))?;
    Some(map)
}

/// One audit entry for a changed travel matrix, `travel_matrix`: old and new are summaries
/// (axes and number of values), the new one with the cells added, removed and altered and a
/// sentence such as "travel matrix: 12 cells changed". `source` names where it came from (an
/// imported CSV file). None when no cell and no axis changed.
pub fn matrix_change(
    old: &TravelMatrix,
    new: &TravelMatrix,
    source: Option<&str>,
) -> Option<Change> {
    let cells = new.change_from(old);
    let old_summary = summary(
        old.zones().len(),
        old.sites().len(),
        old.modes(),
        old.values(),
    );
    summarised(
        cells,
        cells.total() == 0 && old == new,
        &old_summary,
        described_differently(old, new),
        new,
        source,
    )
}

/// [`matrix_change`] from the file's matrix compared a column at a time
/// ([`super::matrix::against`]), so its cells never sit in memory beside the new ones.
pub(super) fn stored_matrix_change(
    old: &super::matrix::Against,
    new: &TravelMatrix,
    source: Option<&str>,
) -> Option<Change> {
    let old_summary = summary(old.zones, old.sites, old.description.modes(), old.values);
    summarised(
        old.cells,
        old.same,
        &old_summary,
        described_differently(&old.description, new),
        new,
        source,
    )
}

/// What the audit entry says of a matrix: its axes' sizes, modes and values.
fn summary(zones: usize, sites: usize, modes: &[TravelMode], values: usize) -> Value {
    json!({
        "zones": zones,
        "sites": sites,
        "modes": modes,
        "values": values,
    })
}

/// What the times were computed from differs: the road times' bases, the public transport
/// basis or the road layer.
fn described_differently(old: &TravelMatrix, new: &TravelMatrix) -> bool {
    old.bases() != new.bases()
        || old.transit() != new.transit()
        || old.road_layer() != new.road_layer()
}

fn summarised(
    cells: MatrixChange,
    same: bool,
    old_summary: &Value,
    described_differently: bool,
    new: &TravelMatrix,
    source: Option<&str>,
) -> Option<Change> {
    if same {
        return None;
    }
    let mut after = summary(
        new.zones().len(),
        new.sites().len(),
        new.modes(),
        new.values(),
    );
    if let Value::Object(fields) = &mut after {
        fields.insert(
            "summary".to_owned(),
            json!(format!(
                "travel matrix: {} cells changed ({} added, {} removed, {} altered){}",
                cells.total(),
                cells.added,
                cells.removed,
                cells.altered,
                if described_differently {
                    "; what its times were computed from changed"
                } else {
                    ""
                }
            )),
        );
        fields.insert("added".to_owned(), json!(cells.added));
        fields.insert("removed".to_owned(), json!(cells.removed));
        fields.insert("altered".to_owned(), json!(cells.altered));
        if let Some(source) = source {
            fields.insert("source".to_owned(), json!(source));
        }
    }
    Some(change(
        "travel_matrix".to_owned(),
        Some(old_summary),
        Some(&after),
    ))
}

fn change(what: String, old: Option<&Value>, new: Option<&Value>) -> Change {
    Change {
        what,
        old: old.map(Value::to_string),
        new: new.map(Value::to_string),
    }
}

fn fields(path: &str, old: &Map<String, Value>, new: &Map<String, Value>, out: &mut Vec<Change>) {
    for (name, b) in new {
        match old.get(name) {
            Some(a) if a == b => {}
            a => out.push(change(format!("{path}/{name}"), a, Some(b))),
        }
    }
    for (name, a) in old {
        if !new.contains_key(name) {
            out.push(change(format!("{path}/{name}"), Some(a), None));
        }
    }
}

fn list(section: &str, old: &[Value], new: &[Value], out: &mut Vec<Change>) {
    let old_keyed: Vec<(String, &Value)> = old.iter().map(|v| (key_of(section, v), v)).collect();
    let new_keys: std::collections::HashSet<String> =
        new.iter().map(|v| key_of(section, v)).collect();
    let old_index: std::collections::HashMap<&str, &Value> =
        old_keyed.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    for item in new {
        let key = key_of(section, item);
        let path = format!("{section}/{key}");
        match (old_index.get(key.as_str()), item) {
            (None, _) => out.push(change(path, None, Some(item))),
            (Some(Value::Object(a)), Value::Object(b)) => fields(&path, a, b, out),
            (Some(a), b) if *a != b => out.push(change(path, Some(a), Some(b))),
            _ => {}
        }
    }
    for (key, item) in &old_keyed {
        if !new_keys.contains(key) {
            out.push(change(format!("{section}/{key}"), Some(item), None));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Scorer, Status};

    fn scorer(code: &str, name: &str) -> Scorer {
        Scorer {
            code: code.to_owned(),
            name: name.to_owned(),
            role: "Finance".to_owned(),
        }
    }

    #[test]
    fn reports_field_changes_additions_and_removals() {
        let mut old = Appraisal::new("A");
        old.scorers = vec![scorer("S1", "Ann"), scorer("S2", "Bob")];
        let mut new = old.clone();
        new.meta.status = Status::Final;
        new.scorers[0].name = "Anne".to_owned();
        new.scorers.remove(1);
        new.scorers.push(scorer("S3", "Cy"));

        let got = changes(&old, &new);
        let whats: Vec<&str> = got.iter().map(|c| c.what.as_str()).collect();
        assert_eq!(
            whats,
            ["meta/status", "scorers/S1/name", "scorers/S3", "scorers/S2"]
        );
        assert_eq!(got[0].old.as_deref(), Some("\"draft\""));
        assert_eq!(got[0].new.as_deref(), Some("\"final\""));
        assert_eq!(got[2].old, None);
        assert_eq!(got[3].new, None);
    }

    #[test]
    fn no_changes_for_equal_appraisals() {
        let a = Appraisal::new("A");
        assert!(changes(&a, &a.clone()).is_empty());
    }
}
