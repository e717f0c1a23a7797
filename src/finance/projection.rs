//! Each organisation's baseline over the appraisal's years: the entered years, then years
//! generated from the last one with the organisation's growth, inflation and CIP assumptions.

use super::FinanceError;
use crate::model::{FinancialYear, Organisation};

/// The organisation's baseline for `first_year..first_year + years`, checked.
///
/// Entered years must run from `first_year` without gaps (years before it or after the
/// horizon are ignored). Later years are generated from the year before, as the demo builds its
/// baselines (src/demo/organisations.rs) but without revenue support loans:
/// - income grows by `income_growth`; pay and non-pay by their inflation less the CIP
///   (`cost x (1 + inflation) x (1 - cip)`);
/// - depreciation, capital expenditure and current assets other than cash follow income;
///   current liabilities follow cost; agency spend and its cap follow pay; PDC dividend,
///   interest, loan repayments and the working capital facility are held flat;
/// - cash moves by surplus + depreciation - capital expenditure - loan principal repaid;
/// - the plan keeps the last entered year's distance from outturn.
///
/// `option` names the first option the organisation is a member of, for the errors.
pub fn baseline(
    org: &Organisation,
    first_year: i32,
    years: usize,
    option: &str,
) -> Result<Vec<FinancialYear>, FinanceError> {
    let label = org_label(org);
    let last_year = first_year + years as i32 - 1;
    let mut entered: Vec<&FinancialYear> = org
        .baseline
        .iter()
        .filter(|y| (first_year..=last_year).contains(&y.year))
        .collect();
    entered.sort_by_key(|y| y.year);
    let mut out: Vec<FinancialYear> = Vec::with_capacity(years);
    for (i, y) in entered.iter().enumerate() {
        let expected = first_year + i as i32;
        if y.year != expected {
            let (option, organisation) = (option.to_owned(), label);
            return Err(if y.year < expected {
                FinanceError::DuplicateYear {
                    option,
                    organisation,
                    year: y.year,
                }
            } else {
                FinanceError::MissingYear {
                    option,
                    organisation,
                    year: expected,
                    base_year: first_year,
                }
            });
        }
        out.push((*y).clone());
    }
    if out.is_empty() {
        return Err(FinanceError::MissingYear {
            option: option.to_owned(),
            organisation: label,
            year: first_year,
            base_year: first_year,
        });
    }
    while out.len() < years {
        let next = match out.last() {
            Some(prev) => next_year(prev, org),
            None => break,
        };
        out.push(next);
    }
    for y in &out {
        check_year(y, option, &label)?;
    }
    Ok(out)
}

/// "Name (CODE)", as errors and reports name an organisation.
pub fn org_label(org: &Organisation) -> String {
    format!("{} ({})", org.name, org.code)
}

/// I&E surplus: income less pay, non-pay, depreciation, PDC dividend and interest payable,
/// plus interest receivable.
pub fn surplus(y: &FinancialYear) -> f64 {
    y.operating_income - y.pay - y.non_pay - y.depreciation - y.pdc_dividend - y.interest_payable
        + y.interest_receivable
}

fn ratio(new: f64, old: f64) -> f64 {
    if old == 0.0 { 1.0 } else { new / old }
}

/// The year after `p`, projected with `org`'s assumptions as the engine fills years not entered
/// (the window's "add a year" starts from it, so adding a year changes no result).
pub fn next_year(p: &FinancialYear, org: &Organisation) -> FinancialYear {
    let a = &org.projection;
    let income_ratio = 1.0 + a.income_growth;
    let pay = p.pay * (1.0 + a.pay_inflation) * (1.0 - a.cip);
    let non_pay = p.non_pay * (1.0 + a.non_pay_inflation) * (1.0 - a.cip);
    let cost_ratio = ratio(pay + non_pay, p.pay + p.non_pay);
    let pay_ratio = ratio(pay, p.pay);
    let mut y = FinancialYear {
        year: p.year + 1,
        operating_income: p.operating_income * income_ratio,
        pay,
        non_pay,
        depreciation: p.depreciation * income_ratio,
        capital_expenditure: p.capital_expenditure * income_ratio,
        current_liabilities: p.current_liabilities * cost_ratio,
        agency_spend: p.agency_spend * pay_ratio,
        agency_cap: p.agency_cap * pay_ratio,
        ..p.clone()
    };
    let s = surplus(&y);
    y.cash = p.cash + s + y.depreciation - y.capital_expenditure - y.loan_principal_repaid;
    y.current_assets = y.cash + (p.current_assets - p.cash) * income_ratio;
    y.planned_surplus = s + (p.planned_surplus - surplus(p));
    y
}

/// Every line a number; income above zero; no expenditure line negative.
fn check_year(y: &FinancialYear, option: &str, organisation: &str) -> Result<(), FinanceError> {
    let fields: [(&'static str, f64); 16] = [
        ("operating income", y.operating_income),
        ("pay", y.pay),
        ("non-pay", y.non_pay),
        ("depreciation", y.depreciation),
        ("PDC dividend", y.pdc_dividend),
        ("interest payable", y.interest_payable),
        ("interest receivable", y.interest_receivable),
        ("loan principal repaid", y.loan_principal_repaid),
        ("capital expenditure", y.capital_expenditure),
        ("cash", y.cash),
        ("current assets", y.current_assets),
        ("current liabilities", y.current_liabilities),
        ("working capital facility", y.working_capital_facility),
        ("planned surplus", y.planned_surplus),
        ("agency spend", y.agency_spend),
        ("agency cap", y.agency_cap),
    ];
    if let Some((field, _)) = fields.into_iter().find(|(_, v)| !v.is_finite()) {
        return Err(FinanceError::NotANumber {
            option: option.to_owned(),
            organisation: organisation.to_owned(),
            year: y.year,
            field,
        });
    }
    if y.operating_income <= 0.0 {
        return Err(FinanceError::NoIncome {
            option: option.to_owned(),
            organisation: organisation.to_owned(),
            year: y.year,
            income: y.operating_income,
        });
    }
    let expenditure = [
        ("pay", y.pay),
        ("non-pay", y.non_pay),
        ("depreciation", y.depreciation),
        ("PDC dividend", y.pdc_dividend),
        ("interest payable", y.interest_payable),
        ("loan principal repaid", y.loan_principal_repaid),
        ("capital expenditure", y.capital_expenditure),
        ("agency spend", y.agency_spend),
    ];
    if let Some((line, amount)) = expenditure.into_iter().find(|(_, v)| *v < 0.0) {
        return Err(FinanceError::NegativeExpenditure {
            option: option.to_owned(),
            organisation: organisation.to_owned(),
            year: y.year,
            line,
            amount,
        });
    }
    Ok(())
}
