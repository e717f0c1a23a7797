//! What changed between the appraisal in the file and the one being saved, for the audit trail.

use serde_json::{Map, Value};

use crate::model::Appraisal;

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
        "travel_times" => format!("{}/{}/{}", field("zone"), field("site"), field("mode")),
        _ => field("code"),
    }
}

/// Field-level changes from `old` to `new`. The audit and export lists are append-only records,
/// not content, so they are not compared.
pub fn changes(old: &Appraisal, new: &Appraisal) -> Vec<Change> {
    let (Ok(Value::Object(old)), Ok(Value::Object(new))) =
        (serde_json::to_value(old), serde_json::to_value(new))
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (section, new_value) in &new {
        if section == "audit" || section == "exports" {
            continue;
        }
        let old_value = old.get(section).unwrap_or(&Value::Null);
        match (old_value, new_value) {
            (Value::Array(a), Value::Array(b)) => list(section, a, b, &mut out),
            (Value::Object(a), Value::Object(b)) => fields(section, a, b, &mut out),
            (a, b) if a != b => out.push(change(section.clone(), Some(a), Some(b))),
            _ => {}
        }
    }
    out
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
