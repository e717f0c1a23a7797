//! Edits to the options: add, rename and remove one (with its scores and performances), and
//! its shape: what kind of change it is, which organisations make it up (their finances are
//! combined), which sites move to another organisation (a split) and which site offers which
//! service under it (what the travel engine measures).

use serde::{Deserialize, Serialize};

use super::input::{self, EditError, percent, refuse_short};
use crate::model::{
    Appraisal, AppraisalOption, OptionFinance, OptionKind, SiteService, SiteTransfer,
};

/// Which share of the site's organisation moves with a transferred site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum TransferShare {
    /// Of its operating income (and planned surplus).
    Income,
    /// Of its pay, non-pay, depreciation and capital spending.
    Cost,
}

impl TransferShare {
    pub fn key(self) -> &'static str {
        match self {
            TransferShare::Income => "income_share",
            TransferShare::Cost => "cost_share",
        }
    }

    fn label(self) -> &'static str {
        match self {
            TransferShare::Income => "income",
            TransferShare::Cost => "costs",
        }
    }
}

fn option_mut<'a>(
    a: &'a mut Appraisal,
    code: &str,
    field: &str,
) -> Result<&'a mut AppraisalOption, EditError> {
    let i = input::index(&a.options, code, field)?;
    Ok(&mut a.options[i])
}

/// The kind of option. The first do-minimum option is the baseline every other is measured
/// against; a change that leaves none, or two, is allowed (a swap takes two edits) and shows in
/// the validation panel.
pub fn set_kind(a: &mut Appraisal, option: &str, kind: OptionKind) -> Result<(), EditError> {
    option_mut(a, option, &format!("options/{option}/kind"))?.kind = kind;
    Ok(())
}

/// What the option is, in a sentence or two for the board pack.
pub fn set_description(a: &mut Appraisal, option: &str, text: &str) -> Result<(), EditError> {
    text.clone_into(
        &mut option_mut(a, option, &format!("options/{option}/description"))?.description,
    );
    Ok(())
}

/// Makes `organisation` a member of `option`, or not.
pub fn set_member(
    a: &mut Appraisal,
    option: &str,
    organisation: &str,
    member: bool,
) -> Result<(), EditError> {
    let field = format!("options/{option}/members");
    input::index(&a.organisations, organisation, &field)?;
    let o = option_mut(a, option, &field)?;
    o.members.retain(|m| m != organisation);
    if member {
        o.members.push(organisation.to_owned());
    }
    Ok(())
}

fn transfer_path(option: &str, site: &str) -> String {
    format!("options/{option}/site_transfers/{site}")
}

/// The organisation a site goes to: one of the appraisal's, and not the one it leaves. Returns
/// the site's name, for messages.
fn receiver(a: &Appraisal, field: &str, site: &str, to: &str) -> Result<String, EditError> {
    if site.is_empty() {
        return refuse_short(field, "Choose the site that moves", "Choose a site");
    }
    if to.is_empty() {
        return refuse_short(
            field,
            "Choose the organisation the site moves to",
            "Choose the organisation it moves to",
        );
    }
    let s = input::find(&a.sites, site, field)?;
    input::index(&a.organisations, to, field)?;
    if s.organisation == to {
        return refuse_short(
            field,
            format!(
                "{} already belongs to {to}: choose the organisation it moves to",
                s.name
            ),
            "Choose the organisation it moves to",
        );
    }
    Ok(s.name.clone())
}

/// Moves `site` to `to` under `option`, with the shares (typed in percent) of its current
/// organisation's income and costs that go with it.
pub fn add_transfer(
    a: &mut Appraisal,
    option: &str,
    site: &str,
    to: &str,
    income: &str,
    cost: &str,
) -> Result<(), EditError> {
    let field = format!("options/{option}/site_transfers/new");
    let name = receiver(a, &format!("{field}/site"), site, to)?;
    let income_share = percent(
        &format!("{field}/income_share"),
        &format!("The share of income moving with {name}"),
        income,
        0.0,
    )?;
    let cost_share = percent(
        &format!("{field}/cost_share"),
        &format!("The share of costs moving with {name}"),
        cost,
        0.0,
    )?;
    let o = option_mut(a, option, &field)?;
    if o.site_transfers.iter().any(|t| t.site == site) {
        return refuse_short(
            format!("{field}/site"),
            format!(
                "{site} already moves under {}: change that transfer instead",
                o.name
            ),
            "Already moves under this option",
        );
    }
    o.site_transfers.push(SiteTransfer {
        site: site.to_owned(),
        to_organisation: to.to_owned(),
        income_share,
        cost_share,
    });
    Ok(())
}

fn transfer_mut<'a>(
    a: &'a mut Appraisal,
    option: &str,
    site: &str,
    field: &str,
) -> Result<&'a mut SiteTransfer, EditError> {
    let o = option_mut(a, option, field)?;
    match o.site_transfers.iter_mut().find(|t| t.site == site) {
        Some(t) => Ok(t),
        None => refuse_short(
            field,
            format!("{site} does not move under {option}"),
            "No such transfer",
        ),
    }
}

/// The organisation a transferred site goes to.
pub fn set_transfer_to(
    a: &mut Appraisal,
    option: &str,
    site: &str,
    to: &str,
) -> Result<(), EditError> {
    let field = format!("{}/to_organisation", transfer_path(option, site));
    receiver(a, &field, site, to)?;
    to.clone_into(&mut transfer_mut(a, option, site, &field)?.to_organisation);
    Ok(())
}

/// One share (typed in percent) of what moves with a transferred site.
pub fn set_transfer_share(
    a: &mut Appraisal,
    option: &str,
    site: &str,
    which: TransferShare,
    text: &str,
) -> Result<(), EditError> {
    let field = format!("{}/{}", transfer_path(option, site), which.key());
    let name = a
        .sites
        .iter()
        .find(|s| s.code == site)
        .map_or(site, |s| &s.name);
    let what = format!("The share of {} moving with {name}", which.label());
    let v = percent(&field, &what, text, 0.0)?;
    let t = transfer_mut(a, option, site, &field)?;
    match which {
        TransferShare::Income => t.income_share = v,
        TransferShare::Cost => t.cost_share = v,
    }
    Ok(())
}

/// The site stays with its organisation under `option`.
pub fn remove_transfer(a: &mut Appraisal, option: &str, site: &str) -> Result<(), EditError> {
    let field = transfer_path(option, site);
    transfer_mut(a, option, site, &field)?;
    option_mut(a, option, &field)?
        .site_transfers
        .retain(|t| t.site != site);
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
    input::index(&a.sites, site, &field)?;
    input::index(&a.services, service, &field)?;
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

/// Adds an option of `kind` with no members, sites or finances yet.
pub fn add_option(
    a: &mut Appraisal,
    code: &str,
    name: &str,
    kind: OptionKind,
) -> Result<(), EditError> {
    let code = &input::new_named(&a.options, code, name)?;
    a.options.push(AppraisalOption {
        code: code.to_owned(),
        name: name.to_owned(),
        kind,
        description: String::new(),
        members: Vec::new(),
        site_services: today(a),
        site_transfers: Vec::new(),
        finance: OptionFinance::default(),
    });
    Ok(())
}

/// Every service where the sites offer it today: where a new option starts, so the team
/// changes what the option moves rather than placing every service again.
fn today(a: &Appraisal) -> Vec<SiteService> {
    a.sites
        .iter()
        .flat_map(|s| {
            s.services.iter().map(|service| SiteService {
                site: s.code.clone(),
                service: service.clone(),
            })
        })
        .collect()
}

pub fn rename_option(a: &mut Appraisal, code: &str, name: &str) -> Result<(), EditError> {
    let field = format!("options/{code}/name");
    input::name(&field, "option", name)?;
    match a.options.iter_mut().find(|o| o.code == code) {
        Some(o) => name.clone_into(&mut o.name),
        None => return input::refuse(field, format!("There is no option \"{code}\"")),
    }
    Ok(())
}

/// Removes an option with its scores and recorded performances.
pub fn remove_option(a: &mut Appraisal, code: &str) -> Result<(), EditError> {
    input::index_in_full(&a.options, code, format!("options/{code}"))?;
    a.options.retain(|o| o.code != code);
    a.scores.retain(|s| s.option != code);
    a.performances.retain(|p| p.option != code);
    Ok(())
}

#[cfg(test)]
mod tests {

    #[test]
    fn an_option_added_by_name_alone_gets_a_code_made_from_it() {
        let mut a = Appraisal::new("t");
        add_option(&mut a, "", "Stay as we are", OptionKind::DoMinimum).unwrap();
        add_option(&mut a, " ", "Stay but share", OptionKind::Federation).unwrap();
        add_option(&mut a, "", "A new ICO", OptionKind::Ico).unwrap();
        add_option(&mut a, "M1", "Merger", OptionKind::Merger).unwrap();
        let codes: Vec<&str> = a.options.iter().map(|o| o.code.as_str()).collect();
        assert_eq!(codes, ["STAY", "STAY-2", "ANI", "M1"]);
        // A new option offers what the sites offer today.
        let mut demo = crate::demo::appraisal();
        add_option(&mut demo, "", "Another merger", OptionKind::Merger).unwrap();
        let new = demo.options.last().unwrap();
        let offered_today: usize = demo.sites.iter().map(|s| s.services.len()).sum();
        assert!(offered_today > 0);
        assert_eq!(new.site_services.len(), offered_today);
        assert!(new.site_services.iter().all(|ss| {
            demo.sites
                .iter()
                .any(|s| s.code == ss.site && s.services.contains(&ss.service))
        }));
        let e = add_option(&mut a, "", " ", OptionKind::Merger).unwrap_err();
        assert_eq!(e.to_string(), "Enter a name for the option");
        let mut a = Appraisal::new("t");
        crate::session::panel::add_scorer(&mut a, "", "Dr Ann Lee", "").unwrap();
        assert_eq!(a.scorers[0].code, "DAL");
    }

    use super::*;

    #[test]
    fn a_new_do_minimum_becomes_the_baseline_of_the_npvs() {
        let mut a = crate::demo::appraisal();
        assert_eq!(
            crate::finance::model(&a).unwrap().do_minimum.as_deref(),
            Some("DM")
        );
        set_kind(&mut a, "DM", OptionKind::Merger).unwrap();
        assert!(
            crate::evaluation::Evaluation::of(&a)
                .problems()
                .to_vec()
                .iter()
                .any(|p| p.path == "options" && p.message.contains("no do-minimum option"))
        );
        set_kind(&mut a, "ICO", OptionKind::DoMinimum).unwrap();
        let f = crate::finance::model(&a).unwrap();
        assert_eq!(f.do_minimum.as_deref(), Some("ICO"));
        let ico = f.options.iter().find(|o| o.code == "ICO").unwrap();
        assert_eq!(ico.economic.npv_vs_do_minimum, Some(0.0));
        set_description(&mut a, "ICO", "Acute and community services in one trust").unwrap();
        assert_eq!(
            a.options
                .iter()
                .find(|o| o.code == "ICO")
                .unwrap()
                .description,
            "Acute and community services in one trust"
        );
        let e = set_kind(&mut a, "NONE", OptionKind::Split).unwrap_err();
        assert_eq!(e.field, "options/NONE/kind");
    }

    /// The split's combined operating income in the first year, from the finance engine.
    fn income_of_receivers(a: &Appraisal) -> f64 {
        let f = crate::finance::model(a).unwrap();
        let split = f.options.iter().find(|o| o.code == "SPLIT").unwrap();
        split
            .organisations
            .iter()
            .filter(|o| o.code == "RJE")
            .map(|o| o.years[0].operating_income)
            .sum()
    }

    #[test]
    fn a_site_transfer_moves_its_share_of_income_to_the_receiver() {
        let mut a = crate::demo::appraisal();
        // The demo's split moves County Hospital (Stafford) to RJE with 70% of Mid
        // Staffordshire's income; at 50% RJE receives 20% of that income less.
        let rjd_income = a
            .organisations
            .iter()
            .find(|o| o.code == "RJD")
            .unwrap()
            .baseline[0]
            .operating_income;
        let site = a
            .options
            .iter()
            .find(|o| o.code == "SPLIT")
            .unwrap()
            .site_transfers[0]
            .site
            .clone();
        let before = income_of_receivers(&a);
        set_transfer_share(&mut a, "SPLIT", &site, TransferShare::Income, "50").unwrap();
        let after = income_of_receivers(&a);
        assert!(
            (before - after - 0.2 * rjd_income).abs() < 1e-6,
            "{before} {after}"
        );

        let e = set_transfer_share(&mut a, "SPLIT", &site, TransferShare::Cost, "120").unwrap_err();
        assert_eq!(
            e.field,
            format!("options/SPLIT/site_transfers/{site}/cost_share")
        );
        assert_eq!(e.short, "Must be from 0 to 100%");
        let e = set_transfer_to(&mut a, "SPLIT", &site, "RJD").unwrap_err();
        assert_eq!(e.short, "Choose the organisation it moves to");
        let e = add_transfer(&mut a, "SPLIT", &site, "RL4", "10", "10").unwrap_err();
        assert_eq!(e.short, "Already moves under this option");

        // Without the transfer RJE receives nothing of Mid Staffordshire's.
        remove_transfer(&mut a, "SPLIT", &site).unwrap();
        let alone = income_of_receivers(&a);
        assert!((before - alone - 0.7 * rjd_income).abs() < 1e-6);
        add_transfer(&mut a, "SPLIT", &site, "RJE", "70", "70").unwrap();
        assert!((income_of_receivers(&a) - before).abs() < 1e-6);
        let e = remove_transfer(&mut a, "MERGE-N", &site).unwrap_err();
        assert_eq!(e.short, "No such transfer");
    }

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
