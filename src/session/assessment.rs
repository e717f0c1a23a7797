//! Edits to recorded performances: the judgement or fact behind an assessed criterion (a CQC
//! rating, a pass/fail service change test) for one option, with its evidence.

use super::input::{self, EditError, number, refuse_short};
use crate::model::{Appraisal, LeafSpec, Performance, RawValue, Source, ValueFunction};

/// Records `option`'s performance on the assessed `criterion` from the text chosen or typed:
/// one of the criterion's categories, or a number; empty text removes it.
pub fn set_value(
    a: &mut Appraisal,
    option: &str,
    criterion: &str,
    text: &str,
) -> Result<(), EditError> {
    let field = format!("performances/{option}/{criterion}/value");
    let o = input::find(&a.options, option, &field)?;
    let c = input::find(&a.criteria, criterion, &field)?;
    let Some(LeafSpec {
        source: Source::Assessment,
        value_function,
        ..
    }) = c.leaf()
    else {
        return refuse_short(
            field,
            format!("{} is not assessed option by option", c.name),
            "Not assessed here",
        );
    };
    let existing = a
        .performances
        .iter()
        .position(|p| p.option == option && p.criterion == criterion);
    let text = text.trim();
    if text.is_empty() {
        if let Some(i) = existing {
            a.performances.remove(i);
        }
        return Ok(());
    }
    let value = match value_function {
        ValueFunction::Categorical { categories } => {
            match categories
                .iter()
                .find(|k| k.label.eq_ignore_ascii_case(text))
            {
                Some(k) => RawValue::Category(k.label.clone()),
                None => {
                    let labels: Vec<&str> = categories.iter().map(|k| k.label.as_str()).collect();
                    return refuse_short(
                        field,
                        format!(
                            "{} for {} must be one of {}; \"{text}\" is not",
                            c.name,
                            o.name,
                            labels.join(", ")
                        ),
                        "Choose one of the listed values",
                    );
                }
            }
        }
        _ => RawValue::Number(number(&field, &format!("{} for {}", c.name, o.name), text)?),
    };
    match existing {
        Some(i) => a.performances[i].value = value,
        None => a.performances.push(Performance {
            option: option.to_owned(),
            criterion: criterion.to_owned(),
            value,
            evidence: String::new(),
            manual: false,
        }),
    }
    Ok(())
}

/// The evidence behind a performance already recorded.
pub fn set_evidence(
    a: &mut Appraisal,
    option: &str,
    criterion: &str,
    evidence: &str,
) -> Result<(), EditError> {
    let field = format!("performances/{option}/{criterion}/evidence");
    match a
        .performances
        .iter_mut()
        .find(|p| p.option == option && p.criterion == criterion)
    {
        Some(p) => {
            p.evidence = evidence.to_owned();
            Ok(())
        }
        None => refuse_short(
            field,
            "Record the assessment before its evidence".to_owned(),
            "Record the assessment first",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pass_fail_test_takes_only_its_categories() {
        let mut a = crate::demo::appraisal();
        set_value(&mut a, "MERGE-N", "TEST-ENG", "fail").unwrap();
        let p = a
            .performances
            .iter()
            .find(|p| p.option == "MERGE-N" && p.criterion == "TEST-ENG")
            .unwrap();
        assert_eq!(p.value, RawValue::Category("Fail".into()));
        let e = set_value(&mut a, "MERGE-N", "TEST-ENG", "maybe").unwrap_err();
        assert_eq!(e.field, "performances/MERGE-N/TEST-ENG/value");
        assert!(
            e.message
                .ends_with("must be one of Pass, Fail; \"maybe\" is not"),
            "{}",
            e.message
        );
        set_evidence(&mut a, "MERGE-N", "TEST-ENG", "Consultation report, May").unwrap();
        set_value(&mut a, "MERGE-N", "TEST-ENG", "").unwrap();
        let e = set_evidence(&mut a, "MERGE-N", "TEST-ENG", "x").unwrap_err();
        assert_eq!(e.short, "Record the assessment first");
    }

    #[test]
    fn a_panel_criterion_is_not_assessed_here() {
        let mut a = crate::demo::appraisal();
        let e = set_value(&mut a, "DM", "QUA-STD", "3").unwrap_err();
        assert_eq!(e.short, "Not assessed here");
    }
}
