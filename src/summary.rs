//! A compact overview of an appraisal, for `appraise show` and the app's first screen.

use serde::Serialize;

use crate::model::{Appraisal, Status};

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Summary {
    pub title: String,
    pub health_economy: String,
    pub author: String,
    pub status: Status,
    pub illustrative: bool,
    pub base_year: i32,
    pub horizon_years: u32,
    pub organisations: Vec<OrganisationSummary>,
    pub sites: Vec<SiteSummary>,
    pub options: Vec<OptionSummary>,
    pub counts: Counts,
    /// What a complete appraisal needs and where this one stands, step by step.
    pub checklist: Vec<crate::checklist::Item>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct OrganisationSummary {
    pub code: String,
    pub name: String,
    pub kind: String,
    pub cqc_rating: Option<String>,
    /// Operating income in the first baseline year, GBP thousands.
    pub operating_income: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct SiteSummary {
    pub code: String,
    pub name: String,
    pub organisation: String,
    /// Names of the services offered today.
    pub services: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct OptionSummary {
    pub code: String,
    pub name: String,
    pub kind: String,
    pub description: String,
    /// Names of the member organisations.
    pub members: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Counts {
    pub organisations: usize,
    pub sites: usize,
    pub services: usize,
    pub zones: usize,
    pub options: usize,
    pub criteria: usize,
    pub scorers: usize,
    pub scores: usize,
}

impl Summary {
    pub fn of(a: &Appraisal) -> Summary {
        let org_name = |code: &str| {
            a.organisations
                .iter()
                .find(|o| o.code == code)
                .map_or_else(|| code.to_owned(), |o| o.name.clone())
        };
        let service_name = |code: &str| {
            a.services
                .iter()
                .find(|s| s.code == code)
                .map_or_else(|| code.to_owned(), |s| s.name.clone())
        };
        Summary {
            title: a.meta.title.clone(),
            health_economy: a.meta.health_economy.clone(),
            author: a.meta.author.clone(),
            status: a.meta.status,
            illustrative: a.meta.illustrative,
            base_year: a.meta.base_year,
            horizon_years: a.meta.horizon_years,
            organisations: a
                .organisations
                .iter()
                .map(|o| OrganisationSummary {
                    code: o.code.clone(),
                    name: o.name.clone(),
                    kind: o.kind.label().to_owned(),
                    cqc_rating: o.cqc_rating.map(|r| r.label().to_owned()),
                    operating_income: o.baseline.first().map(|y| y.operating_income),
                })
                .collect(),
            sites: a
                .sites
                .iter()
                .map(|s| SiteSummary {
                    code: s.code.clone(),
                    name: s.name.clone(),
                    organisation: org_name(&s.organisation),
                    services: s.services.iter().map(|c| service_name(c)).collect(),
                })
                .collect(),
            options: a
                .options
                .iter()
                .map(|o| OptionSummary {
                    code: o.code.clone(),
                    name: o.name.clone(),
                    kind: o.kind.label().to_owned(),
                    description: o.description.clone(),
                    members: o.members.iter().map(|c| org_name(c)).collect(),
                })
                .collect(),
            counts: Counts {
                organisations: a.organisations.len(),
                sites: a.sites.len(),
                services: a.services.len(),
                zones: a.zones.len(),
                options: a.options.len(),
                criteria: a.criteria.len(),
                scorers: a.scorers.len(),
                scores: a.scores.len(),
            },
            checklist: crate::checklist::checklist(a),
        }
    }
}
