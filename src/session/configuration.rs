//! Edits to an option's shape: which organisations make it up (their finances are combined)
//! and which site offers which service under it (what the travel engine measures).

use super::edit::{EditError, refuse_short};
use crate::model::{Appraisal, AppraisalOption, SiteService};

fn option_mut<'a>(
    a: &'a mut Appraisal,
    code: &str,
    field: &str,
) -> Result<&'a mut AppraisalOption, EditError> {
    match a.options.iter_mut().find(|o| o.code == code) {
        Some(o) => Ok(o),
        None => refuse_short(
            field.to_owned(),
            format!("There is no option \"{code}\""),
            "No such option",
        ),
    }
}

/// Makes `organisation` a member of `option`, or not.
pub fn set_member(
    a: &mut Appraisal,
    option: &str,
    organisation: &str,
    member: bool,
) -> Result<(), EditError> {
    let field = format!("options/{option}/members");
    if !a.organisations.iter().any(|o| o.code == organisation) {
        return refuse_short(
            field,
            format!("There is no organisation \"{organisation}\""),
            "No such organisation",
        );
    }
    let o = option_mut(a, option, &field)?;
    o.members.retain(|m| m != organisation);
    if member {
        o.members.push(organisation.to_owned());
    }
    Ok(())
}

/// Says whether `site` offers `service` under `option`.
pub fn set_site_service(
    a: &mut Appraisal,
    option: &str,
    site: &str,
    service: &str,
    offered: bool,
) -> Result<(), EditError> {
    let field = format!("options/{option}/site_services");
    if !a.sites.iter().any(|s| s.code == site) {
        return refuse_short(
            field,
            format!("There is no site \"{site}\""),
            "No such site",
        );
    }
    if !a.services.iter().any(|s| s.code == service) {
        return refuse_short(
            field,
            format!("There is no service \"{service}\""),
            "No such service",
        );
    }
    let o = option_mut(a, option, &field)?;
    o.site_services
        .retain(|ss| !(ss.site == site && ss.service == service));
    if offered {
        o.site_services.push(SiteService {
            site: site.to_owned(),
            service: service.to_owned(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_and_site_services_are_toggled_without_duplicates() {
        let mut a = crate::demo::appraisal();
        let org = a.organisations[0].code.clone();
        let members = a.options[1].members.len();
        set_member(&mut a, "MERGE-N", &org, true).unwrap();
        set_member(&mut a, "MERGE-N", &org, true).unwrap();
        assert_eq!(
            a.options[1].members.iter().filter(|m| **m == org).count(),
            1
        );
        set_member(&mut a, "MERGE-N", &org, false).unwrap();
        assert!(!a.options[1].members.contains(&org));
        assert!(a.options[1].members.len() <= members);

        let (site, service) = (a.sites[0].code.clone(), a.services[0].code.clone());
        set_site_service(&mut a, "DM", &site, &service, false).unwrap();
        assert!(
            !a.options[0]
                .site_services
                .iter()
                .any(|s| s.site == site && s.service == service)
        );
        set_site_service(&mut a, "DM", &site, &service, true).unwrap();
        set_site_service(&mut a, "DM", &site, &service, true).unwrap();
        assert_eq!(
            a.options[0]
                .site_services
                .iter()
                .filter(|s| s.site == site && s.service == service)
                .count(),
            1
        );
        let e = set_site_service(&mut a, "DM", "NOWHERE", &service, true).unwrap_err();
        assert_eq!(e.field, "options/DM/site_services");
        assert!(crate::validate::integrity(&a).is_empty());
    }
}
