//! The check every edit's text passes before the edit is applied: each string the window sends
//! (a name, a code, a description, a number as typed) is held to [`crate::limits`] (length,
//! control characters), so nothing the file would refuse, or the pack choke on, gets in. One
//! check over the edit's fields, rather than one per edit, so a new edit cannot miss it.

use serde_json::Value;

use super::edit::Edit;
use super::input::{self, EditError, refuse_short};
use super::meta::MetaText;
use crate::limits::{self, Text};
use crate::quote::shorten;

/// Fields that hold free text over several lines; every other string is one line.
const PARAGRAPHS: [&str; 5] = ["description", "rationale", "evidence", "note", "text"];

/// Refuses `edit` if any of its strings is beyond [`crate::limits`], naming the field.
pub fn check(edit: &Edit) -> Result<(), EditError> {
    // The edit as its fields: a shape serde knows for every variant.
    let Ok(Value::Object(fields)) = serde_json::to_value(edit) else {
        return Ok(());
    };
    for (key, value) in &fields {
        for text in strings(value) {
            let described = matches!(
                edit,
                Edit::SetMetaText {
                    field: MetaText::Description,
                    ..
                }
            );
            let kind = if PARAGRAPHS.contains(&key.as_str()) || (described && key == "value") {
                Text::Paragraph
            } else {
                Text::Line
            };
            if let Some(why) = limits::text_problem(text, kind) {
                let what = match edit {
                    Edit::SetTitle { .. } => "title".to_owned(),
                    Edit::SetMetaText { field, .. } => field.label().to_owned(),
                    _ => key.replace('_', " "),
                };
                return refuse_short(
                    field_of(edit, key),
                    format!("The {what} {why}"),
                    input::capitalised(&why),
                );
            }
        }
    }
    Ok(())
}

/// The strings in a field's value (a criterion's derived source holds one inside).
fn strings(value: &Value) -> Vec<&str> {
    match value {
        Value::String(s) => vec![s.as_str()],
        Value::Array(items) => items.iter().flat_map(strings).collect(),
        Value::Object(fields) => fields.values().flat_map(strings).collect(),
        _ => Vec::new(),
    }
}

/// The [`crate::validate`] path of the field `key` of `edit`, where the window shows the
/// refusal: exact for the edits of free text and names; for the rest, the part of the
/// appraisal the edit is about.
fn field_of(edit: &Edit, key: &str) -> String {
    let s = |code: &str| shorten(code);
    match edit {
        Edit::SetTitle { .. } => "meta/title".to_owned(),
        Edit::SetMetaText { field, .. } => format!("meta/{}", field.key()),
        Edit::SetRoadSetting { setting, .. } => format!("settings/roads/{}", setting.key()),
        Edit::SetTransitSetting { setting, .. } => format!("settings/transit/{}", setting.key()),
        Edit::SetOptionDescription { code, .. } => format!("options/{}/{key}", s(code)),
        Edit::SetCriterionDescription { code, .. } => format!("criteria/{}/{key}", s(code)),
        Edit::SetRationale {
            option,
            criterion,
            scorer,
            ..
        } => format!("scores/{}/{}/{}/{key}", s(option), s(criterion), s(scorer)),
        Edit::SetEvidence {
            option, criterion, ..
        }
        | Edit::SetAssessment {
            option, criterion, ..
        } => format!("performances/{}/{}/{key}", s(option), s(criterion)),
        Edit::RenameOption { code, .. } => format!("options/{}/{key}", s(code)),
        Edit::RenameOrganisation { code, .. } => format!("organisations/{}/{key}", s(code)),
        Edit::RenameZone { code, .. } => format!("zones/{}/{key}", s(code)),
        Edit::RenameSite { code, .. } => format!("sites/{}/{key}", s(code)),
        Edit::RenameService { code, .. } => format!("services/{}/{key}", s(code)),
        Edit::RenameScorer { code, .. } | Edit::SetScorerRole { code, .. } => {
            format!("scorers/{}/{key}", s(code))
        }
        Edit::RenameCriterion { code, .. } => format!("criteria/{}/{key}", s(code)),
        Edit::SetUnit { criterion, .. } => format!("criteria/{}/unit", s(criterion)),
        Edit::AddOption { .. } => format!("options/new/{key}"),
        Edit::AddOrganisation { .. } => format!("organisations/new/{key}"),
        Edit::AddZone { .. } => format!("zones/new/{key}"),
        Edit::AddSite { .. } => format!("sites/new/{key}"),
        Edit::AddService { .. } => format!("services/new/{key}"),
        Edit::AddScorer { .. } => format!("scorers/new/{key}"),
        Edit::AddCriterion { .. } => format!("criteria/new/{key}"),
        Edit::AddWeightSet { .. } => format!("weight_sets/new/{key}"),
        Edit::SetScaleDescriptor { .. } => format!("settings/panel_scale/descriptors/new/{key}"),
        _ => key.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{OptionKind, Source};

    fn refused(edit: Edit) -> EditError {
        let mut a = crate::demo::appraisal();
        let before = a.clone();
        let e = edit.apply(&mut a).unwrap_err();
        assert_eq!(a, before, "nothing changes");
        e
    }

    #[test]
    fn a_long_description_is_refused_naming_the_field() {
        let a = crate::demo::appraisal();
        let code = a.options[1].code.clone();
        let e = refused(Edit::SetOptionDescription {
            code: code.clone(),
            description: "x".repeat(limits::PARAGRAPH_CHARS + 1),
        });
        assert_eq!(e.field, format!("options/{code}/description"));
        assert_eq!(
            e.message,
            "The description is 10,001 characters long; it may have at most 10,000 characters"
        );
        // Line breaks and tabs are free text's own.
        let mut ok = a.clone();
        Edit::SetOptionDescription {
            code: code.clone(),
            description: "One.\n\tTwo.".to_owned(),
        }
        .apply(&mut ok)
        .unwrap();
        assert_eq!(ok.options[1].description, "One.\n\tTwo.");
    }

    #[test]
    fn control_characters_are_refused_in_every_kind_of_field() {
        let e = refused(Edit::AddOption {
            code: "NEW".to_owned(),
            name: "Merger\0".to_owned(),
            kind: OptionKind::Merger,
        });
        assert_eq!(e.field, "options/new/name");
        assert_eq!(
            e.message,
            "The name holds a control character (U+0000) at character 7: a one-line field takes none; remove it"
        );
        let e = refused(Edit::SetMetaText {
            field: MetaText::Description,
            value: "bell\u{7}".to_owned(),
        });
        assert_eq!(e.field, "meta/description");
        assert!(
            e.message
                .starts_with("The description holds a control character (U+0007)")
        );
        // A title is one line: a line break is refused there.
        let e = refused(Edit::SetTitle {
            value: "Two\nlines".to_owned(),
        });
        assert_eq!(e.field, "meta/title");
        // Inside a nested value too.
        let criterion = crate::demo::appraisal().criteria[0].code.clone();
        let e = refused(Edit::SetSource {
            criterion,
            source: Source::Derived {
                metric: "m".repeat(limits::LINE_CHARS + 1),
            },
        });
        assert_eq!(e.field, "source");
        assert!(e.message.contains("201 characters"), "{}", e.message);
    }

    #[test]
    fn a_huge_number_as_typed_is_refused_without_quoting_it_whole() {
        let e = refused(Edit::SetHorizon {
            value: "9".repeat(1_000_000),
        });
        assert_eq!(
            e.message,
            "The value is 1,000,000 bytes long; it may have at most 200 characters"
        );
    }
}
