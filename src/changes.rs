//! What changed since the last board pack: the saved changes after the last export, named as
//! the screens name things, for the window's Export screen and the next pack's appendix, so a
//! board that saw last month's pack sees what moved.

use serde::Serialize;
use serde_json::Value;

use crate::model::{Appraisal, AuditEntry};

/// The audit entry an export leaves (see `store::record_export`).
const EXPORT: &str = "exports";
/// Longest value shown before it is cut.
const LONGEST: usize = 80;

/// The saved changes since the last pack, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct SinceLastPack {
    /// When the last pack was exported; none before the first.
    pub last_pack_at: Option<String>,
    pub changes: Vec<ChangeLine>,
}

/// One saved change in plain English.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ChangeLine {
    pub at: String,
    pub who: String,
    /// What changed, named as the screens do ("Quality: weight").
    pub what: String,
    /// The value before, or "(none)" when the item was added.
    pub before: String,
    /// The value after, or "(removed)".
    pub after: String,
}

/// The changes saved to `a` after its last export (all of them before the first).
pub fn since_last_pack(a: &Appraisal) -> SinceLastPack {
    let last = a.audit.iter().rposition(|e| e.what == EXPORT);
    let after = last.map_or(0, |i| i + 1);
    SinceLastPack {
        last_pack_at: last.map(|i| a.audit[i].at.clone()),
        changes: a.audit[after..]
            .iter()
            .filter(|e| e.what != EXPORT)
            .map(|e| line(a, e))
            .collect(),
    }
}

fn line(a: &Appraisal, e: &AuditEntry) -> ChangeLine {
    ChangeLine {
        at: e.at.clone(),
        who: e.who.clone(),
        what: named(a, &e.what),
        before: e.old.as_deref().map_or_else(|| "(none)".to_owned(), value),
        after: e
            .new
            .as_deref()
            .map_or_else(|| "(removed)".to_owned(), value),
    }
}

/// An audit path ("criteria/QUA/weight") as the screens name it ("Quality: weight").
pub fn named(a: &Appraisal, path: &str) -> String {
    let parts: Vec<&str> = path.split('/').collect();
    let find = |items: Vec<(&str, &str)>, code: &str| {
        items
            .into_iter()
            .find(|(c, _)| *c == code)
            .map_or_else(|| code.to_owned(), |(_, n)| n.to_owned())
    };
    let option = |c: &str| {
        find(
            a.options
                .iter()
                .map(|o| (o.code.as_str(), o.name.as_str()))
                .collect(),
            c,
        )
    };
    let criterion = |c: &str| {
        find(
            a.criteria
                .iter()
                .map(|x| (x.code.as_str(), x.name.as_str()))
                .collect(),
            c,
        )
    };
    let scorer = |c: &str| {
        find(
            a.scorers
                .iter()
                .map(|s| (s.code.as_str(), s.name.as_str()))
                .collect(),
            c,
        )
    };
    let (thing, rest): (String, &[&str]) = match parts.as_slice() {
        ["meta", rest @ ..] => ("About the appraisal".to_owned(), rest),
        ["settings", rest @ ..] => ("Settings".to_owned(), rest),
        ["travel_matrix", rest @ ..] => ("Travel times".to_owned(), rest),
        ["scores", o, c, s, rest @ ..] => (
            format!(
                "Score of {} on {} by {}",
                option(o),
                criterion(c),
                scorer(s)
            ),
            rest,
        ),
        ["performances", o, c, rest @ ..] => (
            format!("Assessment of {} on {}", option(o), criterion(c)),
            rest,
        ),
        ["weightings", p, rest @ ..] => (
            match *p {
                "(top level)" => "Weighting of the top level".to_owned(),
                p => format!("Weighting under {}", criterion(p)),
            },
            rest,
        ),
        [list, code, rest @ ..] => {
            let name = match *list {
                "organisations" => find(
                    a.organisations
                        .iter()
                        .map(|o| (o.code.as_str(), o.name.as_str()))
                        .collect(),
                    code,
                ),
                "sites" => find(
                    a.sites
                        .iter()
                        .map(|s| (s.code.as_str(), s.name.as_str()))
                        .collect(),
                    code,
                ),
                "services" => find(
                    a.services
                        .iter()
                        .map(|s| (s.code.as_str(), s.name.as_str()))
                        .collect(),
                    code,
                ),
                "zones" => find(
                    a.zones
                        .iter()
                        .map(|z| (z.code.as_str(), z.name.as_str()))
                        .collect(),
                    code,
                ),
                "options" => option(code),
                "criteria" => criterion(code),
                "scorers" => scorer(code),
                "weight_sets" => find(
                    a.weight_sets
                        .iter()
                        .map(|s| (s.code.as_str(), s.name.as_str()))
                        .collect(),
                    code,
                ),
                _ => (*code).to_owned(),
            };
            let kind = match *list {
                "organisations" => "organisation",
                "sites" => "site",
                "services" => "service",
                "zones" => "zone",
                "options" => "option",
                "criteria" => "criterion",
                "scorers" => "scorer",
                "weight_sets" => "weight set",
                other => other,
            };
            (format!("{name} ({kind})"), rest)
        }
        [one] => (words(one), &[][..]),
        [] => (String::new(), &[][..]),
    };
    if rest.is_empty() {
        thing
    } else {
        let field: Vec<String> = rest.iter().map(|p| words(p)).collect();
        format!("{thing}: {}", field.join(", "))
    }
}

/// "margin_final_year" as "margin final year".
fn words(key: &str) -> String {
    key.replace('_', " ")
}

/// A value's JSON text as a person reads it: text unquoted, true as yes, a list or record
/// summarised, anything long cut.
fn value(json: &str) -> String {
    let shown = match serde_json::from_str::<Value>(json) {
        Ok(Value::String(s)) => s,
        Ok(Value::Bool(b)) => if b { "yes" } else { "no" }.to_owned(),
        Ok(Value::Null) => "(none)".to_owned(),
        Ok(Value::Number(n)) => n.to_string(),
        Ok(Value::Array(items)) => format!("{} items", items.len()),
        Ok(Value::Object(fields)) => match fields.get("name").and_then(Value::as_str) {
            Some(name) => name.to_owned(),
            None => json.to_owned(),
        },
        Err(_) => json.to_owned(),
    };
    if shown.chars().count() > LONGEST {
        let cut: String = shown.chars().take(LONGEST - 1).collect();
        format!("{cut}…")
    } else {
        shown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(at: &str, what: &str, old: Option<&str>, new: Option<&str>) -> AuditEntry {
        AuditEntry {
            at: at.to_owned(),
            who: "alice (Appraise 0.1.0)".to_owned(),
            what: what.to_owned(),
            old: old.map(str::to_owned),
            new: new.map(str::to_owned),
        }
    }

    #[test]
    fn only_the_changes_after_the_last_export_named_as_the_screens_do() {
        let mut a = crate::demo::appraisal();
        a.audit = vec![
            entry(
                "2026-11-01T09:00:00Z",
                "meta/title",
                Some("\"Old\""),
                Some("\"New\""),
            ),
            entry(
                "2026-11-02T09:00:00Z",
                "exports",
                None,
                Some("\"report exported\""),
            ),
            entry(
                "2026-11-03T09:00:00Z",
                "criteria/QUA/weight",
                Some("0.4"),
                Some("0.1"),
            ),
            entry(
                "2026-11-03T09:00:00Z",
                "scores/SPLIT/QUA-STD/MD/value",
                Some("6.0"),
                Some("7.0"),
            ),
            entry(
                "2026-11-03T09:00:00Z",
                "options/NEW",
                None,
                Some("{\"code\":\"NEW\",\"name\":\"A new option\"}"),
            ),
            entry(
                "2026-11-03T09:00:00Z",
                "settings/roads/blue_light_share",
                Some("0.67"),
                Some("0.7"),
            ),
        ];
        let since = since_last_pack(&a);
        assert_eq!(since.last_pack_at.as_deref(), Some("2026-11-02T09:00:00Z"));
        let lines: Vec<(&str, &str, &str)> = since
            .changes
            .iter()
            .map(|c| (c.what.as_str(), c.before.as_str(), c.after.as_str()))
            .collect();
        let split = &a.options.iter().find(|o| o.code == "SPLIT").unwrap().name;
        let standards = &a
            .criteria
            .iter()
            .find(|c| c.code == "QUA-STD")
            .unwrap()
            .name;
        let scorer = &a.scorers.iter().find(|s| s.code == "MD").unwrap().name;
        let score = format!("Score of {split} on {standards} by {scorer}: value");
        assert_eq!(
            lines,
            [
                ("Quality (criterion): weight", "0.4", "0.1"),
                (score.as_str(), "6.0", "7.0"),
                ("NEW (option)", "(none)", "A new option"),
                ("Settings: roads, blue light share", "0.67", "0.7"),
            ]
        );
        // Before the first export, every saved change.
        a.audit.remove(1);
        let since = since_last_pack(&a);
        assert_eq!(since.last_pack_at, None);
        assert_eq!(since.changes.len(), 5);
    }

    #[test]
    fn long_values_are_cut() {
        let long = format!("\"{}\"", "x".repeat(200));
        assert_eq!(value(&long).chars().count(), LONGEST);
        assert_eq!(value("true"), "yes");
        assert_eq!(value("[1,2,3]"), "3 items");
    }
}
