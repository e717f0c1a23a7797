//! The regulators' metrics for one year of an option's combined lines, and their ratings.
//!
//! Definitions (Monitor, Risk Assessment Framework 2013, appendix; NHS Improvement, Single
//! Oversight Framework 2016, finance and use of resources):
//! - I&E margin = surplus (deficit) / total operating income (transitional funding included).
//! - Capital service cover = revenue available for capital service (EBITDA + interest
//!   receivable) / capital service (PDC dividend + interest payable + loan principal repaid).
//! - Liquidity (days) = (current assets - current liabilities + committed working capital
//!   facility) / (operating expenditure / 360); operating expenditure is pay and non-pay less
//!   synergies, plus one-off costs and the cost of transferred services (before depreciation).
//! - Distance from plan = (surplus - planned surplus) / total operating income.
//! - Agency spend over cap = (agency spend - cap) / cap.

use super::FinanceError;
use super::ratings::{self, SofInputs};
use super::results::{CombinedLines, YearResult};
use crate::model::FinanceRules;

const COMBINED: &str = "all members combined";

pub fn year_result(
    year: i32,
    mut l: CombinedLines,
    rules: &FinanceRules,
    option: &str,
) -> Result<YearResult, FinanceError> {
    let income = l.operating_income + l.transitional_funding;
    if income <= 0.0 || !income.is_finite() {
        return Err(FinanceError::NoIncome {
            option: option.to_owned(),
            organisation: COMBINED.to_owned(),
            year,
            income,
        });
    }
    let expenditure = l.pay + l.non_pay - l.synergies + l.one_off_costs + l.transfer_costs;
    if expenditure <= 0.0 || !expenditure.is_finite() {
        return Err(FinanceError::NoExpenditure {
            option: option.to_owned(),
            organisation: COMBINED.to_owned(),
            year,
            amount: expenditure,
        });
    }
    l.ebitda = income - expenditure;
    let surplus =
        l.ebitda - l.depreciation - l.pdc_dividend - l.interest_payable + l.interest_receivable;
    let underlying_surplus = surplus - l.transitional_funding;
    let capital_service = l.pdc_dividend + l.interest_payable + l.loan_principal_repaid;
    let cover = if capital_service > 0.0 {
        (l.ebitda + l.interest_receivable) / capital_service
    } else {
        f64::INFINITY
    };
    let liquidity_days = (l.current_assets - l.current_liabilities + l.working_capital_facility)
        / (expenditure / 360.0);
    let margin_percent = 100.0 * surplus / income;
    let distance_from_plan_percent = 100.0 * (surplus - l.planned_surplus) / income;
    let agency = if l.agency_cap > 0.0 {
        100.0 * (l.agency_spend - l.agency_cap) / l.agency_cap
    } else if l.agency_spend > 0.0 {
        f64::INFINITY
    } else {
        0.0
    };
    let cosrr = ratings::cosrr(&rules.cosrr, cover, liquidity_days);
    let sof = ratings::sof(
        &rules.sof,
        SofInputs {
            capital_service_capacity: cover,
            liquidity_days,
            margin_percent,
            distance_from_plan_percent,
            agency_over_cap_percent: agency,
        },
    );
    let finite = |x: f64| x.is_finite().then_some(x);
    Ok(YearResult {
        year,
        surplus,
        underlying_surplus,
        margin_percent,
        underlying_margin_percent: 100.0 * underlying_surplus
            / l.operating_income.max(f64::MIN_POSITIVE),
        liquidity_days,
        capital_service_cover: finite(cover),
        distance_from_plan_percent,
        agency_over_cap_percent: finite(agency),
        cosrr,
        sof,
        lines: l,
    })
}
