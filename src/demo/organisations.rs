//! The demo's organisations and their five-year financial baselines (GBP thousands).
//!
//! Each provider's base year (2013/14) is set from a small profile so that the lines agree with
//! each other: operating income = pay + non-pay + EBITDA, and the I&E surplus the profile names
//! is what is left after depreciation, PDC dividend and net interest. Later years are projected
//! from the base year with the organisation's own [`ProjectionAssumptions`], deterministically.

use crate::model::{CqcRating, FinancialYear, OrgKind, Organisation, ProjectionAssumptions};

/// First baseline year (2013 = 2013/14) and the number of baseline years entered.
pub(super) const FIRST_YEAR: i32 = 2013;
pub(super) const BASELINE_YEARS: i32 = 5;

/// Interest earned on cash held, a year (bank rate was 0.5% in 2013).
const CASH_INTEREST_RATE: f64 = 0.005;

/// What is needed to build a consistent baseline for one organisation.
#[derive(Debug, Clone, Copy)]
pub(super) struct Profile {
    /// Operating income in the base year.
    pub income: f64,
    /// I&E surplus (negative: deficit) in the base year, after financing costs.
    pub surplus: f64,
    /// Pay as a share of operating cost (pay + non-pay).
    pub pay_share: f64,
    /// Depreciation as a share of operating income.
    pub depreciation_rate: f64,
    pub pdc_dividend: f64,
    /// Interest on PFI schemes (finance lease interest), held flat.
    pub pfi_interest: f64,
    /// Opening balance of loans (capital and revenue support) and their interest rate.
    pub loan_balance: f64,
    pub loan_interest_rate: f64,
    pub loan_principal_repaid: f64,
    /// Capital expenditure as a share of operating income.
    pub capex_rate: f64,
    /// Cash at the end of the base year.
    pub cash: f64,
    /// Cash below this is topped up by revenue support loans (none for budget holders).
    pub min_cash: Option<f64>,
    /// Current assets other than cash (receivables, inventories) as a share of income.
    pub receivables_rate: f64,
    /// Current liabilities as a share of operating cost.
    pub payables_rate: f64,
    pub working_capital_facility: f64,
    /// How much better than the outturn each year's plan was.
    pub plan_optimism: f64,
    /// Agency spend and the agency ceiling, as shares of pay.
    pub agency_rate: f64,
    pub agency_cap_rate: f64,
}

impl Profile {
    /// A budget-holding body (commissioner, council): break-even, no balance sheet lines.
    fn budget(income: f64, pay_share: f64) -> Profile {
        Profile {
            income,
            surplus: 0.0,
            pay_share,
            depreciation_rate: 0.0,
            pdc_dividend: 0.0,
            pfi_interest: 0.0,
            loan_balance: 0.0,
            loan_interest_rate: 0.0,
            loan_principal_repaid: 0.0,
            capex_rate: 0.0,
            cash: 0.0,
            min_cash: None,
            receivables_rate: 0.0,
            payables_rate: 0.0,
            working_capital_facility: 0.0,
            plan_optimism: 0.0,
            agency_rate: 0.0,
            agency_cap_rate: 0.0,
        }
    }
}

/// Rounds to whole GBP thousands (and never leaves a negative zero).
fn k(x: f64) -> f64 {
    x.round() + 0.0
}

/// Builds `years` financial years from `profile`, the first being `first_year`, projecting each
/// later year from the one before with `p`:
///
/// - income grows by `income_growth`; pay and non-pay grow by their inflation and fall by the
///   cost improvement programme (`cost x (1 + inflation) x (1 - cip)`);
/// - depreciation, capital expenditure and other current assets follow income; payables follow
///   cost; PDC dividend, PFI interest and the working capital facility are held flat;
/// - cash moves by surplus + depreciation - capital expenditure - loan principal repaid; when it
///   would fall below the profile's minimum, a revenue support loan tops it up, adding to the
///   loan balance (and so to next year's interest).
pub(super) fn project(
    profile: &Profile,
    p: &ProjectionAssumptions,
    first_year: i32,
    years: i32,
) -> Vec<FinancialYear> {
    let mut out = Vec::new();
    let mut income = profile.income;
    let mut loan_balance = profile.loan_balance;
    let mut cash = profile.cash;
    let mut pay = 0.0;
    let mut non_pay = 0.0;
    for i in 0..years {
        let opening_cash = cash;
        let depreciation = profile.depreciation_rate * income;
        let interest_payable = profile.pfi_interest + profile.loan_interest_rate * loan_balance;
        let interest_receivable = CASH_INTEREST_RATE * opening_cash.max(0.0);
        if i == 0 {
            let ebitda = profile.surplus + depreciation + profile.pdc_dividend + interest_payable
                - interest_receivable;
            let cost = income - ebitda;
            pay = cost * profile.pay_share;
            non_pay = cost - pay;
        } else {
            income *= 1.0 + p.income_growth;
            pay *= (1.0 + p.pay_inflation) * (1.0 - p.cip);
            non_pay *= (1.0 + p.non_pay_inflation) * (1.0 - p.cip);
        }
        let depreciation = profile.depreciation_rate * income;
        let surplus =
            income - pay - non_pay - depreciation - profile.pdc_dividend - interest_payable
                + interest_receivable;
        let capital_expenditure = profile.capex_rate * income;
        let principal = profile.loan_principal_repaid.min(loan_balance);
        if i > 0 {
            cash = opening_cash + surplus + depreciation - capital_expenditure - principal;
        }
        loan_balance -= principal;
        if let Some(min_cash) = profile.min_cash
            && cash < min_cash
        {
            loan_balance += min_cash - cash;
            cash = min_cash;
        }
        let cost = pay + non_pay;
        out.push(FinancialYear {
            year: first_year + i,
            operating_income: k(income),
            pay: k(pay),
            non_pay: k(non_pay),
            depreciation: k(depreciation),
            pdc_dividend: k(profile.pdc_dividend),
            interest_payable: k(interest_payable),
            interest_receivable: k(interest_receivable),
            loan_principal_repaid: k(principal),
            capital_expenditure: k(capital_expenditure),
            cash: k(cash),
            current_assets: k(cash + profile.receivables_rate * income),
            current_liabilities: k(profile.payables_rate * cost),
            working_capital_facility: k(profile.working_capital_facility),
            planned_surplus: k(surplus + profile.plan_optimism),
            agency_spend: k(profile.agency_rate * pay),
            agency_cap: k(profile.agency_cap_rate * pay),
        });
    }
    out
}

fn org(
    code: &str,
    name: &str,
    kind: OrgKind,
    cqc_rating: Option<CqcRating>,
    profile: &Profile,
    projection: ProjectionAssumptions,
) -> Organisation {
    Organisation {
        code: code.to_owned(),
        name: name.to_owned(),
        kind,
        cqc_rating,
        baseline: project(profile, &projection, FIRST_YEAR, BASELINE_YEARS),
        projection,
    }
}

/// Mid-2010s cost pressures: pay drift and non-pay inflation above tariff income growth,
/// partly met by a cost improvement programme.
fn provider_assumptions(income_growth: f64, cip: f64) -> ProjectionAssumptions {
    ProjectionAssumptions {
        income_growth,
        pay_inflation: 0.03,
        non_pay_inflation: 0.035,
        cip,
    }
}

/// A standard acute or community provider profile; the caller adjusts what differs.
fn provider(income: f64, surplus: f64) -> Profile {
    Profile {
        income,
        surplus,
        pay_share: 0.62,
        depreciation_rate: 0.04,
        pdc_dividend: 0.012 * income,
        pfi_interest: 0.0,
        loan_balance: 0.0,
        loan_interest_rate: 0.03,
        loan_principal_repaid: 0.0,
        capex_rate: 0.045,
        cash: 0.06 * income,
        min_cash: Some(2_000.0),
        receivables_rate: 0.06,
        payables_rate: 0.10,
        working_capital_facility: 0.0,
        plan_optimism: 500.0,
        agency_rate: 0.035,
        agency_cap_rate: 0.03,
    }
}

pub(super) fn organisations() -> Vec<Organisation> {
    // Mid Staffordshire: ~GBP 160m income, ~GBP 20m deficit, net current liabilities,
    // dependent on revenue support loans, heavy agency use to cover fragile rotas.
    let mid_staffs = Profile {
        pay_share: 0.63,
        pdc_dividend: 2_400.0,
        loan_balance: 30_000.0,
        loan_interest_rate: 0.025,
        loan_principal_repaid: 1_000.0,
        capex_rate: 0.035,
        cash: 1_900.0,
        min_cash: Some(1_900.0),
        payables_rate: 0.1375,
        plan_optimism: 4_500.0,
        agency_rate: 0.075,
        agency_cap_rate: 0.04,
        ..provider(160_000.0, -20_000.0)
    };
    // University Hospitals of North Staffordshire: the Royal Stoke PFI carries a heavy
    // interest burden, leaving the trust close to break-even despite a strong EBITDA.
    let uhns = Profile {
        pdc_dividend: 4_500.0,
        pfi_interest: 24_000.0,
        loan_balance: 12_000.0,
        loan_principal_repaid: 1_500.0,
        cash: 18_000.0,
        payables_rate: 0.105,
        plan_optimism: 1_500.0,
        agency_rate: 0.04,
        ..provider(500_000.0, 800.0)
    };
    let wolverhampton = Profile {
        pdc_dividend: 6_500.0,
        loan_balance: 20_000.0,
        loan_principal_repaid: 2_000.0,
        cash: 32_000.0,
        agency_rate: 0.028,
        ..provider(450_000.0, 3_500.0)
    };
    let burton = Profile {
        pdc_dividend: 2_600.0,
        loan_balance: 8_000.0,
        loan_principal_repaid: 800.0,
        cash: 9_000.0,
        working_capital_facility: 15_000.0,
        plan_optimism: 1_200.0,
        agency_rate: 0.045,
        ..provider(200_000.0, -900.0)
    };
    let walsall = Profile {
        pdc_dividend: 3_000.0,
        loan_balance: 10_000.0,
        loan_principal_repaid: 1_000.0,
        cash: 11_000.0,
        agency_rate: 0.04,
        ..provider(230_000.0, 400.0)
    };
    // Community services carry less estate: lower depreciation and capital spend.
    let community = Profile {
        pay_share: 0.68,
        depreciation_rate: 0.02,
        pdc_dividend: 1_500.0,
        capex_rate: 0.02,
        cash: 14_000.0,
        agency_rate: 0.025,
        ..provider(280_000.0, 1_200.0)
    };

    vec![
        org(
            "RJD",
            "Mid Staffordshire NHS Foundation Trust",
            OrgKind::FoundationTrust,
            Some(CqcRating::RequiresImprovement),
            &mid_staffs,
            provider_assumptions(0.01, 0.025),
        ),
        org(
            "RJE",
            "University Hospitals of North Staffordshire NHS Trust",
            OrgKind::AcuteTrust,
            Some(CqcRating::RequiresImprovement),
            &uhns,
            provider_assumptions(0.02, 0.01),
        ),
        org(
            "RL4",
            "The Royal Wolverhampton NHS Trust",
            OrgKind::AcuteTrust,
            Some(CqcRating::Good),
            &wolverhampton,
            provider_assumptions(0.02, 0.01),
        ),
        org(
            "RJF",
            "Burton Hospitals NHS Foundation Trust",
            OrgKind::FoundationTrust,
            Some(CqcRating::RequiresImprovement),
            &burton,
            provider_assumptions(0.02, 0.01),
        ),
        org(
            "RBK",
            "Walsall Healthcare NHS Trust",
            OrgKind::AcuteTrust,
            Some(CqcRating::RequiresImprovement),
            &walsall,
            provider_assumptions(0.02, 0.01),
        ),
        org(
            "R1E",
            "Staffordshire and Stoke-on-Trent Partnership NHS Trust",
            OrgKind::Community,
            Some(CqcRating::Good),
            &community,
            provider_assumptions(0.02, 0.01),
        ),
        org(
            "E10000028",
            "Staffordshire County Council (adult social care)",
            OrgKind::SocialCare,
            None,
            &Profile::budget(310_000.0, 0.22),
            budget_assumptions(0.005),
        ),
        org(
            "05V",
            "NHS Stafford and Surrounds CCG",
            OrgKind::Commissioner,
            None,
            &Profile::budget(195_000.0, 0.015),
            budget_assumptions(0.02),
        ),
    ]
}

/// A budget that is spent in full each year: costs grow with the allocation.
fn budget_assumptions(growth: f64) -> ProjectionAssumptions {
    ProjectionAssumptions {
        income_growth: growth,
        pay_inflation: growth,
        non_pay_inflation: growth,
        cip: 0.0,
    }
}
