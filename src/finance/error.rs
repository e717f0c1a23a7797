//! What makes an appraisal's finances impossible to model, each naming the option, the
//! organisation and the year concerned so the analyst can go straight to the entry.

use crate::model::financial_year_label;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FinanceError {
    #[error("the appraisal horizon is zero years: set the number of years to appraise")]
    NoHorizon,
    #[error(
        "the discount schedule has no rate for year {year} of the appraisal: add a band covering it"
    )]
    NoDiscountRate { year: u32 },
    #[error("finance rules: {0}")]
    BadRules(String),
    #[error(
        "{option}: the option has no member organisations: list the organisations whose finances make it up"
    )]
    NoMembers { option: String },
    #[error("{option}: {role} '{organisation}' is not an organisation of the appraisal")]
    UnknownOrganisation {
        option: String,
        organisation: String,
        role: &'static str,
    },
    #[error("{option}: site '{site}' is not a site of the appraisal")]
    UnknownSite { option: String, site: String },
    #[error(
        "{option}: site {site} belongs to {organisation}, which is not a member of the option, so its transfer cannot be modelled: add {organisation} to the members"
    )]
    SiteNotMember {
        option: String,
        site: String,
        organisation: String,
    },
    #[error(
        "{option}: the shares of {organisation}'s {what} moving with its sites add up to {total}, more than all of it"
    )]
    SharesOverOne {
        option: String,
        organisation: String,
        what: &'static str,
        total: f64,
    },
    #[error(
        "{option}, {organisation}, {}: no baseline is entered for the year; years must run without gaps from the base year {}", financial_year_label(*.year), financial_year_label(*.base_year)
    )]
    MissingYear {
        option: String,
        organisation: String,
        year: i32,
        base_year: i32,
    },
    #[error("{option}, {organisation}, {}: the year's baseline is entered twice", financial_year_label(*.year))]
    DuplicateYear {
        option: String,
        organisation: String,
        year: i32,
    },
    #[error(
        "{option}, {organisation}, {}: operating income is {income}; it must be above zero for the I&E margin and the ratings", financial_year_label(*.year)
    )]
    NoIncome {
        option: String,
        organisation: String,
        year: i32,
        income: f64,
    },
    #[error(
        "{option}, {organisation}, {}: operating expenditure is {amount}; it must be above zero for liquidity days", financial_year_label(*.year)
    )]
    NoExpenditure {
        option: String,
        organisation: String,
        year: i32,
        amount: f64,
    },
    #[error("{option}, {organisation}, {}: {line} is {amount}; expenditure cannot be negative", financial_year_label(*.year))]
    NegativeExpenditure {
        option: String,
        organisation: String,
        year: i32,
        line: &'static str,
        amount: f64,
    },
    #[error("{option}, {organisation}, {}: {field} is not a number", financial_year_label(*.year))]
    NotANumber {
        option: String,
        organisation: String,
        year: i32,
        field: &'static str,
    },
    #[error("{option}: {what} is {value}: {problem}")]
    BadOptionValue {
        option: String,
        what: String,
        value: f64,
        problem: &'static str,
    },
}
