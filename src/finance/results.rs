//! What the finance engine produces: per option and year the combined lines, the metrics and
//! both frameworks' ratings; per option the economic view and the summary figures boards ask
//! for. All money is GBP thousands unless a name says otherwise.

use serde::Serialize;

use crate::model::FinancialYear;

/// Direction labels, shown wherever a rating is: the two frameworks run opposite ways.
pub const COSRR_SCALE: &str = "4 = least risk";
pub const SOF_SCALE: &str = "1 = best";

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct FinanceResults {
    pub base_year: i32,
    /// The appraisal's years, base year first.
    pub years: Vec<i32>,
    /// The option every NPV is measured against (the first marked do minimum).
    pub do_minimum: Option<String>,
    pub cosrr_scale: &'static str,
    pub sof_scale: &'static str,
    pub options: Vec<OptionFinance>,
    /// Entries that were ignored, e.g. costs dated outside the appraisal's years.
    pub warnings: Vec<String>,
    /// How each metric is computed ([`super::definitions::DEFINITIONS`]).
    pub definitions: Vec<super::definitions::Definition>,
    /// The discount rates applied, band by band.
    pub discounting: String,
}

impl FinanceResults {
    pub fn option(&self, code: &str) -> Option<&OptionFinance> {
        self.options.iter().find(|o| o.code == code)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct OptionFinance {
    pub code: String,
    pub name: String,
    pub years: Vec<YearResult>,
    /// Each member after the option's site transfers, before the option's own adjustments:
    /// the successor organisations' baselines.
    pub organisations: Vec<OrganisationYears>,
    pub economic: EconomicView,
    /// First year the surplus is >= 0 and stays so to the end of the appraisal.
    pub break_even_year: Option<i32>,
    /// The same without transitional funding.
    pub underlying_break_even_year: Option<i32>,
    pub years_in_deficit: u32,
    /// Highest (worst) SOF finance score in any year (1 = best).
    pub worst_sof_score: u8,
    /// Lowest (worst) CoSRR in any year (4 = least risk).
    pub worst_cosrr: u8,
    pub lowest_liquidity_days: f64,
    pub final_year_margin_percent: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct OrganisationYears {
    pub code: String,
    pub years: Vec<FinancialYear>,
}

/// The Green Book view: the option's own net cash flows, discounted, against do minimum.
///
/// Baselines cancel against do minimum (every organisation's baseline is the same in both
/// worlds), so the flows are the option's adjustments: synergies less one-off costs and capital
/// with optimism bias. Transitional funding and income transfers are transfers between public
/// bodies, not economic costs or benefits, so they are left out here and counted in
/// `financial_npv_vs_do_minimum` (Green Book, 2022, A6.1 on transfer payments).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct EconomicView {
    /// Net cash flow by year, base year first.
    pub net_cash_flows: Vec<f64>,
    pub discount_factors: Vec<f64>,
    /// Present value of the option's own net cash flows.
    pub npv: f64,
    /// `npv` less do minimum's; None without a do-minimum option.
    pub npv_vs_do_minimum: Option<f64>,
    /// The part of `npv_vs_do_minimum` that is optimism bias (negative when the option carries
    /// more bias than do minimum); the NPV before bias is the difference.
    pub optimism_bias_npv_vs_do_minimum: Option<f64>,
    /// The affordability view: with transitional funding and income transfers.
    pub financial_npv_vs_do_minimum: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct YearResult {
    pub year: i32,
    pub lines: CombinedLines,
    pub surplus: f64,
    /// Surplus without transitional funding: the position once support ends.
    pub underlying_surplus: f64,
    pub margin_percent: f64,
    pub underlying_margin_percent: f64,
    pub liquidity_days: f64,
    /// None when there is no capital service to cover (the metric's best rating).
    pub capital_service_cover: Option<f64>,
    pub distance_from_plan_percent: f64,
    /// None when spend exceeds a zero cap (the metric's worst rating).
    pub agency_over_cap_percent: Option<f64>,
    pub cosrr: CosrrRating,
    pub sof: SofScore,
}

/// An option's combined lines for one year.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct CombinedLines {
    /// Members' income after site transfers, plus income transferred in from non-members.
    pub operating_income: f64,
    /// Net income transferred in from non-members (included in `operating_income`).
    pub income_transferred: f64,
    pub transitional_funding: f64,
    pub pay: f64,
    pub non_pay: f64,
    /// Recurrent savings achieved this year (reduce cost).
    pub synergies: f64,
    pub one_off_costs: f64,
    /// Cost of delivering the services paid for by income transferred in.
    pub transfer_costs: f64,
    pub ebitda: f64,
    pub depreciation: f64,
    pub pdc_dividend: f64,
    pub interest_payable: f64,
    pub interest_receivable: f64,
    pub loan_principal_repaid: f64,
    /// Members' baseline capital programme.
    pub capital_expenditure: f64,
    /// The option's own capital investment before optimism bias...
    pub option_capital: f64,
    /// ...and the bias on it.
    pub optimism_bias: f64,
    pub cash: f64,
    pub current_assets: f64,
    pub current_liabilities: f64,
    pub working_capital_facility: f64,
    pub planned_surplus: f64,
    pub agency_spend: f64,
    pub agency_cap: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct CosrrRating {
    pub scale: &'static str,
    pub capital_service_cover: u8,
    pub liquidity: u8,
    pub mean: f64,
    pub overall: u8,
    /// The note of the override rule that changed the overall, if any.
    pub override_fired: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct SofScore {
    pub scale: &'static str,
    pub capital_service_capacity: u8,
    pub liquidity: u8,
    pub margin: u8,
    pub distance_from_plan: u8,
    pub agency: u8,
    pub mean: f64,
    pub overall: u8,
    pub override_fired: Option<String>,
}
