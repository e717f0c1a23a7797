use serde::{Deserialize, Serialize};

/// One financial year of an organisation's plan, in GBP thousands.
///
/// Holds exactly the lines the regulators' risk metrics need (I&E margin, liquidity days,
/// capital service cover, distance from plan, agency spend against cap).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
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
impl FinancialYear {
    /// The money lines' field names, in declaration order: one list for every place that
    /// reads or writes the lines by name (validation, spreadsheets).
    pub const LINES: [&'static str; 16] = [
        "operating_income",
        "pay",
        "non_pay",
        "depreciation",
        "pdc_dividend",
        "interest_payable",
        "interest_receivable",
        "loan_principal_repaid",
        "capital_expenditure",
        "cash",
        "current_assets",
        "current_liabilities",
        "working_capital_facility",
        "planned_surplus",
        "agency_spend",
        "agency_cap",
    ];

    /// The lines as boards read them, in the order of [`FinancialYear::LINES`], for messages.
    pub const LABELS: [&'static str; 16] = [
        "Operating income",
        "Pay",
        "Non-pay",
        "Depreciation",
        "PDC dividend",
        "Interest payable",
        "Interest receivable",
        "Loan principal repaid",
        "Capital expenditure",
        "Cash",
        "Current assets",
        "Current liabilities",
        "Working capital facility",
        "Planned surplus",
        "Agency spend",
        "Agency cap",
    ];

    /// Lines that cannot be negative: income (validation) and the expenditure lines the finance
    /// engine refuses below zero (src/finance/projection.rs).
    pub const NOT_NEGATIVE: [&'static str; 9] = [
        "operating_income",
        "pay",
        "non_pay",
        "depreciation",
        "pdc_dividend",
        "interest_payable",
        "loan_principal_repaid",
        "capital_expenditure",
        "agency_spend",
    ];

    /// The money lines' values, in the order of [`FinancialYear::LINES`].
    pub fn lines(&self) -> [f64; 16] {
        [
            self.operating_income,
            self.pay,
            self.non_pay,
            self.depreciation,
            self.pdc_dividend,
            self.interest_payable,
            self.interest_receivable,
            self.loan_principal_repaid,
            self.capital_expenditure,
            self.cash,
            self.current_assets,
            self.current_liabilities,
            self.working_capital_facility,
            self.planned_surplus,
            self.agency_spend,
            self.agency_cap,
        ]
    }

    /// A year from its money lines, in the order of [`FinancialYear::LINES`].
    pub fn from_lines(year: i32, l: [f64; 16]) -> FinancialYear {
        FinancialYear {
            year,
            operating_income: l[0],
            pay: l[1],
            non_pay: l[2],
            depreciation: l[3],
            pdc_dividend: l[4],
            interest_payable: l[5],
            interest_receivable: l[6],
            loan_principal_repaid: l[7],
            capital_expenditure: l[8],
            cash: l[9],
            current_assets: l[10],
            current_liabilities: l[11],
            working_capital_facility: l[12],
            planned_surplus: l[13],
            agency_spend: l[14],
            agency_cap: l[15],
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
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
