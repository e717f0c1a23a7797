//! Edits to the services travel is measured for: add one, rename it, set or clear its car and
//! public transport thresholds (the journey time within which access counts as acceptable),
//! and remove it with every site's and option's offer of it.

use super::input::{self, EditError, number, refuse_short};
use crate::model::{Appraisal, Service, Threshold, TravelMode};

fn index(a: &Appraisal, code: &str) -> Result<usize, EditError> {
    input::index(&a.services, code, format!("services/{code}"))
}

/// Adds a service with no thresholds, offered nowhere until a site or option offers it.
pub fn add(a: &mut Appraisal, code: &str, name: &str) -> Result<(), EditError> {
    let code = &input::new_named(&a.services, code, name)?;
    a.services.push(Service {
        code: code.to_owned(),
        name: name.to_owned(),
        thresholds: Vec::new(),
    });
    Ok(())
}

pub fn rename(a: &mut Appraisal, code: &str, name: &str) -> Result<(), EditError> {
    let i = index(a, code)?;
    input::new_name::<Service>(code, name)?;
    a.services[i].name = name.to_owned();
    Ok(())
}

/// Sets the threshold in minutes for `mode`, as typed; empty text removes it.
pub fn set_threshold(
    a: &mut Appraisal,
    code: &str,
    mode: TravelMode,
    text: &str,
) -> Result<(), EditError> {
    let i = index(a, code)?;
    let field = format!("services/{code}/thresholds/{}", mode.key());
    let service = &a.services[i];
    let what = format!(
        "The {} threshold of {}",
        mode.label().to_lowercase(),
        service.name
    );
    if text.trim().is_empty() {
        a.services[i].thresholds.retain(|t| t.mode != mode);
        return Ok(());
    }
    let minutes = number(&field, &what, text)?;
    if minutes <= 0.0 || minutes > 600.0 {
        return refuse_short(
            field,
            format!("{what} must be more than 0 and at most 600 minutes; it is {minutes}"),
            "Must be more than 0 and at most 600",
        );
    }
    let thresholds = &mut a.services[i].thresholds;
    match thresholds.iter_mut().find(|t| t.mode == mode) {
        Some(t) => t.minutes = minutes,
        None => thresholds.push(Threshold { mode, minutes }),
    }
    Ok(())
}

/// Removes a service, and every site's and option's offer of it.
pub fn remove(a: &mut Appraisal, code: &str) -> Result<(), EditError> {
    let i = index(a, code)?;
    a.services.remove(i);
    for site in &mut a.sites {
        site.services.retain(|s| s != code);
    }
    for option in &mut a.options {
        option.site_services.retain(|s| s.service != code);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_service_is_added_given_thresholds_and_removed_everywhere() {
        let mut a = crate::demo::appraisal();
        add(&mut a, "ENT", "Ear, nose and throat").unwrap();
        set_threshold(&mut a, "ENT", TravelMode::Car, "45").unwrap();
        set_threshold(&mut a, "ENT", TravelMode::PublicTransport, " 90.5 ").unwrap();
        set_threshold(&mut a, "ENT", TravelMode::Car, "40").unwrap();
        let s = a.services.last().unwrap();
        assert_eq!(
            s.thresholds,
            [
                Threshold {
                    mode: TravelMode::Car,
                    minutes: 40.0
                },
                Threshold {
                    mode: TravelMode::PublicTransport,
                    minutes: 90.5
                }
            ]
        );
        set_threshold(&mut a, "ENT", TravelMode::Car, "").unwrap();
        assert_eq!(a.services.last().unwrap().thresholds.len(), 1);

        let offered = a.sites[0].services[0].clone();
        let options_offering = a
            .options
            .iter()
            .filter(|o| o.site_services.iter().any(|s| s.service == offered))
            .count();
        assert!(options_offering > 0);
        remove(&mut a, &offered).unwrap();
        assert!(a.services.iter().all(|s| s.code != offered));
        assert!(a.sites.iter().all(|s| !s.services.contains(&offered)));
        assert!(
            a.options
                .iter()
                .all(|o| o.site_services.iter().all(|s| s.service != offered))
        );
        assert!(crate::validate::integrity(&a).is_empty());
    }

    #[test]
    fn a_threshold_edit_arrives_as_tagged_json_and_is_undoable() {
        let edit: super::super::Edit = serde_json::from_str(
            r#"{"type":"set_threshold","service":"AE","mode":"public_transport","value":"75"}"#,
        )
        .unwrap();
        let mut doc = super::super::Document::untitled(crate::demo::appraisal());
        let code = doc.appraisal().services[0].code.clone();
        let edit = match edit {
            super::super::Edit::SetThreshold { mode, value, .. } => {
                super::super::Edit::SetThreshold {
                    service: code.clone(),
                    mode,
                    value,
                }
            }
            other => panic!("{other:?}"),
        };
        let before = doc.appraisal().services[0].clone();
        doc.apply(&edit).unwrap();
        let pt = doc.appraisal().services[0]
            .thresholds
            .iter()
            .find(|t| t.mode == TravelMode::PublicTransport)
            .map(|t| t.minutes);
        assert_eq!(pt, Some(75.0));
        assert_eq!(
            doc.state().undo.as_deref(),
            Some(format!("public transport threshold of {}", before.name).as_str())
        );
        assert!(doc.undo());
        assert_eq!(doc.appraisal().services[0], before);
    }

    #[test]
    fn bad_thresholds_codes_and_names_are_refused_in_plain_english() {
        let mut a = crate::demo::appraisal();
        let code = a.services[0].code.clone();
        let before = a.clone();
        let e = set_threshold(&mut a, &code, TravelMode::Car, "soon").unwrap_err();
        assert_eq!(e.field, format!("services/{code}/thresholds/car"));
        assert!(
            e.message.contains("\"soon\" is not a number"),
            "{}",
            e.message
        );
        let e = set_threshold(&mut a, &code, TravelMode::PublicTransport, "-5").unwrap_err();
        assert_eq!(e.short, "Must be more than 0 and at most 600");
        let e = add(&mut a, &code, "Again").unwrap_err();
        assert!(e.message.contains("already has the code"), "{}", e.message);
        let e = add(&mut a, "NEW SVC", "Spaced").unwrap_err();
        assert_eq!(e.field, "services/new/code");
        let e = rename(&mut a, &code, "  ").unwrap_err();
        assert_eq!(e.field, format!("services/{code}/name"));
        assert!(remove(&mut a, "NOPE").is_err());
        assert_eq!(a, before, "nothing changed");
    }
}
