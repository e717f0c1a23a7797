use serde::{Deserialize, Serialize};

/// One financial year of an organisation's plan, in GBP thousands.
///
/// Holds exactly the lines the regulators' risk metrics need (I&E margin, liquidity days,
/// capital service cover, distance from plan, agency spend against cap).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FinancialYear {
    /// Financial year named by its first calendar year (2013 = 2013/14).
    pub year: i32,
    pub operating_income: f64,
    pub pay: f64,
    pub non_pay: f64,
    pub depreciation: f64,
    pub pdc_dividend: f64,
    pub interest_payable: f64,
    pub interest_receivable: f64,
    pub loan_principal_repaid: f64,
    pub capital_expenditure: f64,
    pub cash: f64,
    pub current_assets: f64,
    pub current_liabilities: f64,
    pub working_capital_facility: f64,
    /// The surplus the organisation planned for the year, for "distance from plan".
    pub planned_surplus: f64,
    pub agency_spend: f64,
    pub agency_cap: f64,
}

/// Growth, inflation and efficiency rates (fractions a year) for projecting a base year forward.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectionAssumptions {
    pub income_growth: f64,
    pub pay_inflation: f64,
    pub non_pay_inflation: f64,
    /// Cost improvement programme: recurrent efficiency as a share of cost each year.
    pub cip: f64,
}

impl Default for ProjectionAssumptions {
    fn default() -> Self {
        ProjectionAssumptions {
            income_growth: 0.02,
            pay_inflation: 0.02,
            non_pay_inflation: 0.025,
            cip: 0.02,
        }
    }
}
