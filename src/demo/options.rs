//! The demo's five options: what each does to sites, services and money.

use super::places::{AE, CANNOCK, CRIT, ELECT, MAT, MIU, STAFFORD, sites};
use crate::model::{
    AppraisalOption, CapitalInvestment, IncomeTransfer, OneOffCost, OptimismBiasCategory,
    OptionFinance, OptionKind, SiteService, SiteTransfer, Synergy, YearAmount,
};

/// Today's services at every site, with the listed sites' services replaced.
fn site_services(changes: &[(&str, &[&str])]) -> Vec<SiteService> {
    sites()
        .into_iter()
        .flat_map(|site| {
            let services: Vec<String> = match changes.iter().find(|(code, _)| *code == site.code) {
                Some((_, changed)) => changed.iter().map(|s| (*s).to_owned()).collect(),
                None => site.services.clone(),
            };
            services.into_iter().map(move |service| SiteService {
                site: site.code.clone(),
                service,
            })
        })
        .collect()
}

fn synergy(category: &str, recurrent_saving: f64, phasing: &[f64]) -> Synergy {
    Synergy {
        category: category.to_owned(),
        recurrent_saving,
        phasing: phasing.to_vec(),
    }
}

fn one_off(category: &str, year: i32, amount: f64) -> OneOffCost {
    OneOffCost {
        category: category.to_owned(),
        year,
        amount,
    }
}

/// A capital scheme carrying the Green Book upper-bound optimism bias for its category.
fn capital(
    description: &str,
    category: OptimismBiasCategory,
    year: i32,
    amount: f64,
) -> CapitalInvestment {
    CapitalInvestment {
        description: description.to_owned(),
        category,
        year,
        amount,
        optimism_bias: category.upper_bound_capex(),
    }
}

fn funding(amounts: &[(i32, f64)]) -> Vec<YearAmount> {
    amounts
        .iter()
        .map(|&(year, amount)| YearAmount { year, amount })
        .collect()
}

fn codes(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

fn transfer(site: &str, to_organisation: &str, share: f64) -> SiteTransfer {
    SiteTransfer {
        site: site.to_owned(),
        to_organisation: to_organisation.to_owned(),
        income_share: share,
        cost_share: share,
    }
}

/// Option codes.
pub(super) const DM: &str = "DM";
pub(super) const MERGE_N: &str = "MERGE-N";
pub(super) const SPLIT: &str = "SPLIT";
pub(super) const ICO: &str = "ICO";
pub(super) const MERGE_E: &str = "MERGE-E";

const THREE_YEARS: [f64; 3] = [0.3, 0.7, 1.0];

pub(super) fn options() -> Vec<AppraisalOption> {
    vec![do_minimum(), merger_north(), split(), ico(), merger_east()]
}

fn do_minimum() -> AppraisalOption {
    AppraisalOption {
        code: DM.to_owned(),
        name: "Do minimum".to_owned(),
        kind: OptionKind::DoMinimum,
        description: "Mid Staffordshire NHS Foundation Trust continues as a standalone trust \
                      running County Hospital and Cannock Chase Hospital with today's services. \
                      It remains dependent on revenue support loans and on agency staff to keep \
                      its emergency, maternity and paediatric rotas open."
            .to_owned(),
        members: codes(&["RJD"]),
        site_services: site_services(&[]),
        site_transfers: Vec::new(),
        finance: OptionFinance {
            capital: vec![capital(
                "Essential backlog maintenance at County Hospital",
                OptimismBiasCategory::StandardBuildings,
                2014,
                4_000.0,
            )],
            ..OptionFinance::default()
        },
    }
}

fn merger_north() -> AppraisalOption {
    AppraisalOption {
        code: MERGE_N.to_owned(),
        name: "Merger with University Hospitals of North Staffordshire".to_owned(),
        kind: OptionKind::Merger,
        description: "Mid Staffordshire merges with University Hospitals of North Staffordshire \
                      to form one trust across Stafford, Cannock and Stoke-on-Trent. Emergency, \
                      consultant-led maternity, inpatient paediatric and critical care services \
                      are consolidated at Royal Stoke, and County Hospital becomes a planned-care \
                      site with a minor injuries unit."
            .to_owned(),
        members: codes(&["RJD", "RJE"]),
        site_services: site_services(&[(STAFFORD, &[MIU, ELECT])]),
        site_transfers: Vec::new(),
        finance: OptionFinance {
            synergies: vec![
                synergy("Back office", 6_500.0, &THREE_YEARS),
                synergy("Clinical support", 4_500.0, &THREE_YEARS),
                synergy("Estates and facilities", 2_500.0, &THREE_YEARS),
                synergy("Consolidated clinical rotas", 5_000.0, &[0.2, 0.6, 1.0]),
            ],
            one_off_costs: vec![
                one_off("Transaction costs", 2014, 4_000.0),
                one_off("Integration and IT convergence", 2014, 7_000.0),
                one_off("Integration and IT convergence", 2015, 5_000.0),
                one_off("Redundancy and reorganisation", 2015, 6_000.0),
            ],
            capital: vec![
                capital(
                    "Maternity, neonatal and paediatric expansion at Royal Stoke",
                    OptimismBiasCategory::NonStandardBuildings,
                    2014,
                    18_000.0,
                ),
                capital(
                    "Maternity, neonatal and paediatric expansion at Royal Stoke",
                    OptimismBiasCategory::NonStandardBuildings,
                    2015,
                    20_000.0,
                ),
                capital(
                    "Emergency department and critical care capacity at Royal Stoke",
                    OptimismBiasCategory::NonStandardBuildings,
                    2015,
                    15_000.0,
                ),
            ],
            transitional_funding: funding(&[(2014, 20_000.0), (2015, 15_000.0), (2016, 10_000.0)]),
            income_transfers: Vec::new(),
        },
    }
}

fn split() -> AppraisalOption {
    AppraisalOption {
        code: SPLIT.to_owned(),
        name: "Split: Stafford to North Staffordshire, Cannock to Wolverhampton".to_owned(),
        kind: OptionKind::Split,
        description: "Mid Staffordshire is dissolved, as the Trust Special Administrators \
                      recommended: County Hospital transfers to University Hospitals of North \
                      Staffordshire and Cannock Chase Hospital to The Royal Wolverhampton NHS \
                      Trust. County Hospital keeps A&E and planned surgery while consultant-led \
                      maternity, inpatient paediatrics and critical care move to Royal Stoke, and \
                      Cannock Chase becomes a planned surgery hub for Wolverhampton."
            .to_owned(),
        members: codes(&["RJD", "RJE", "RL4"]),
        site_services: site_services(&[(STAFFORD, &[AE, ELECT]), (CANNOCK, &[ELECT])]),
        site_transfers: vec![
            transfer(STAFFORD, "RJE", 0.7),
            transfer(CANNOCK, "RL4", 0.3),
        ],
        finance: OptionFinance {
            synergies: vec![
                // Mid Staffordshire is dissolved, so its whole corporate overhead goes.
                synergy("Back office", 10_000.0, &THREE_YEARS),
                synergy("Clinical support", 4_000.0, &THREE_YEARS),
                synergy("Estates and facilities", 2_000.0, &THREE_YEARS),
                synergy("Consolidated clinical rotas", 4_000.0, &[0.2, 0.6, 1.0]),
            ],
            one_off_costs: vec![
                one_off(
                    "Special administration and transaction costs",
                    2013,
                    6_000.0,
                ),
                one_off("Integration and IT convergence", 2014, 9_000.0),
                one_off("Integration and IT convergence", 2015, 6_000.0),
                one_off("Redundancy and reorganisation", 2014, 5_000.0),
            ],
            capital: vec![
                capital(
                    "Maternity, neonatal and paediatric expansion at Royal Stoke",
                    OptimismBiasCategory::NonStandardBuildings,
                    2014,
                    20_000.0,
                ),
                capital(
                    "Maternity, neonatal and paediatric expansion at Royal Stoke",
                    OptimismBiasCategory::NonStandardBuildings,
                    2015,
                    18_000.0,
                ),
                capital(
                    "Theatre refurbishment at Cannock Chase Hospital",
                    OptimismBiasCategory::StandardBuildings,
                    2015,
                    12_000.0,
                ),
                capital(
                    "A&E and ward works at County Hospital",
                    OptimismBiasCategory::StandardBuildings,
                    2015,
                    6_000.0,
                ),
            ],
            transitional_funding: funding(&[
                (2014, 25_000.0),
                (2015, 20_000.0),
                (2016, 12_000.0),
                (2017, 5_000.0),
            ]),
            income_transfers: Vec::new(),
        },
    }
}

fn ico() -> AppraisalOption {
    AppraisalOption {
        code: ICO.to_owned(),
        name: "Integrated care organisation with community services and social care".to_owned(),
        kind: OptionKind::Ico,
        description: "Mid Staffordshire joins Staffordshire and Stoke-on-Trent Partnership NHS \
                      Trust to form one integrated care organisation for acute, community and \
                      adult social care, the last under a Section 75 partnership with \
                      Staffordshire County Council. County Hospital keeps today's services while \
                      community teams, step-down beds and a new minor injuries unit at Cannock \
                      Chase aim to cut emergency admissions."
            .to_owned(),
        members: codes(&["RJD", "R1E"]),
        site_services: site_services(&[(CANNOCK, &[ELECT, MIU])]),
        site_transfers: Vec::new(),
        finance: OptionFinance {
            synergies: vec![
                synergy("Back office", 4_000.0, &THREE_YEARS),
                synergy("Clinical support", 1_500.0, &THREE_YEARS),
                synergy("Estates and facilities", 2_000.0, &THREE_YEARS),
                synergy(
                    "Admission avoidance (acute beds closed)",
                    5_000.0,
                    &[0.1, 0.5, 1.0],
                ),
            ],
            one_off_costs: vec![
                one_off("Transaction costs", 2014, 2_500.0),
                one_off("Integration and IT convergence", 2014, 5_000.0),
                one_off("Integration and IT convergence", 2015, 5_000.0),
                one_off("Redundancy and reorganisation", 2015, 2_500.0),
            ],
            capital: vec![
                capital(
                    "Integrated community hubs in Stafford and Cannock",
                    OptimismBiasCategory::StandardBuildings,
                    2015,
                    14_000.0,
                ),
                capital(
                    "Minor injuries unit at Cannock Chase Hospital",
                    OptimismBiasCategory::StandardBuildings,
                    2014,
                    3_500.0,
                ),
                capital(
                    "Shared care record across hospital, community and social care",
                    OptimismBiasCategory::EquipmentAndDevelopment,
                    2014,
                    4_000.0,
                ),
            ],
            transitional_funding: funding(&[(2014, 12_000.0), (2015, 8_000.0), (2016, 4_000.0)]),
            income_transfers: vec![
                IncomeTransfer {
                    from_organisation: "E10000028".to_owned(),
                    to_organisation: "RJD".to_owned(),
                    from_year: 2015,
                    amount: 8_000.0,
                    // The services the budget pays for cost as much to deliver.
                    cost: 8_000.0,
                },
                IncomeTransfer {
                    from_organisation: "05V".to_owned(),
                    to_organisation: "RJD".to_owned(),
                    from_year: 2015,
                    amount: 6_000.0,
                    cost: 6_000.0,
                },
            ],
        },
    }
}

fn merger_east() -> AppraisalOption {
    AppraisalOption {
        code: MERGE_E.to_owned(),
        name: "Merger with Burton Hospitals".to_owned(),
        kind: OptionKind::Merger,
        description: "Mid Staffordshire merges with Burton Hospitals NHS Foundation Trust to form \
                      one trust for mid and east Staffordshire. County Hospital keeps A&E, \
                      critical care and consultant-led maternity, while inpatient paediatrics \
                      moves to Queen's Hospital, Burton."
            .to_owned(),
        members: codes(&["RJD", "RJF"]),
        site_services: site_services(&[(STAFFORD, &[AE, MAT, CRIT, ELECT])]),
        site_transfers: Vec::new(),
        finance: OptionFinance {
            synergies: vec![
                synergy("Back office", 4_500.0, &THREE_YEARS),
                synergy("Clinical support", 2_500.0, &THREE_YEARS),
                synergy("Estates and facilities", 1_500.0, &THREE_YEARS),
                synergy("Consolidated clinical rotas", 1_500.0, &[0.2, 0.6, 1.0]),
            ],
            one_off_costs: vec![
                one_off("Transaction costs", 2014, 3_000.0),
                one_off("Integration and IT convergence", 2014, 5_000.0),
                one_off("Integration and IT convergence", 2015, 4_000.0),
                one_off("Redundancy and reorganisation", 2015, 3_000.0),
            ],
            capital: vec![
                capital(
                    "Paediatric inpatient unit at Queen's Hospital, Burton",
                    OptimismBiasCategory::NonStandardBuildings,
                    2015,
                    18_000.0,
                ),
                capital(
                    "Clinical systems convergence",
                    OptimismBiasCategory::EquipmentAndDevelopment,
                    2015,
                    4_000.0,
                ),
            ],
            transitional_funding: funding(&[(2014, 15_000.0), (2015, 10_000.0), (2016, 5_000.0)]),
            income_transfers: Vec::new(),
        },
    }
}
