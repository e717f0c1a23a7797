//! The viability metrics' formulas, word for word as metrics.rs, combine.rs, npv.rs and mod.rs
//! compute them, so a finance director can check each against the published framework (Monitor,
//! Risk Assessment Framework 2013; NHS Improvement, Single Oversight Framework 2016). The pack's
//! viability section, the command line's JSON and docs/method.md print these; the test below
//! works each through by hand on one year's lines.

use serde::Serialize;

use crate::model::DiscountSchedule;

/// One metric and how it is computed.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Definition {
    pub metric: &'static str,
    pub formula: &'static str,
}

/// Every metric the viability model reports, per year of an option's combined lines unless
/// it says otherwise.
pub const DEFINITIONS: [Definition; 11] = [
    Definition {
        metric: "Operating income",
        formula: "the members' operating income after site transfers, plus income transferred in from non-members (less income transferred out), plus transitional funding.",
    },
    Definition {
        metric: "Operating expenditure",
        formula: "pay + non-pay − synergies achieved that year + one-off costs + the cost of services paid for by transferred income. Depreciation, PDC dividend, interest and capital are not in it.",
    },
    Definition {
        metric: "Surplus (deficit)",
        formula: "operating income − operating expenditure − depreciation − PDC dividend − interest payable + interest receivable. The underlying surplus leaves out transitional funding.",
    },
    Definition {
        metric: "I&E margin (%)",
        formula: "100 × surplus ÷ operating income (transitional funding included in both). The final-year margin is the last appraised year's.",
    },
    Definition {
        metric: "Capital service cover (times)",
        formula: "(operating income − operating expenditure + interest receivable) ÷ (PDC dividend + interest payable + loan principal repaid), i.e. EBITDA plus interest receivable over capital service; with no capital service there is no figure, and it rates best. The SOF's capital service capacity is the same figure.",
    },
    Definition {
        metric: "Liquidity (days)",
        formula: "(current assets − current liabilities + committed working capital facility) ÷ (operating expenditure ÷ 360), operating expenditure as defined above. Every cash effect of the option (synergies, one-off costs, transitional funding, transferred income and its cost, and option capital with its optimism bias) accumulates in current assets from its year on. The lowest liquidity is the lowest of any appraised year.",
    },
    Definition {
        metric: "Distance from plan (%)",
        formula: "100 × (surplus − planned surplus) ÷ operating income, where the planned surplus is the members' plans after site transfers plus the option's synergies − one-off costs + transitional funding + transferred income − its cost: the members' record of missing their plans carries into the option.",
    },
    Definition {
        metric: "Agency spend over the cap (%)",
        formula: "100 × (agency spend − agency cap) ÷ agency cap; with no cap, any agency spend rates worst and none rates 0%.",
    },
    Definition {
        metric: "Years in deficit; breaks even",
        formula: "the number of appraised years with a surplus below 0; the first year from which the surplus stays at 0 or more to the end of the appraisal.",
    },
    Definition {
        metric: "Net cash flow (economic)",
        formula: "synergies − one-off costs − option capital − optimism bias on that capital, each year. Transitional funding and income moving between public bodies are transfers, not economic costs or benefits, and are left out (the financial view adds them back).",
    },
    Definition {
        metric: "NPV against do minimum",
        formula: "Σ over the appraised years t = 0, 1, ... of net cash flow × discount factor, less the same sum for the do-minimum option; year 0 is the base year with factor 1, and each later year's factor is the previous one ÷ (1 + the rate of the band the year falls in), so a rate applies from the year its band starts (end-of-year discounting).",
    },
];

/// The discount rates applied, band by band: "3.5% for years 0-30; 3% for years 31-75; ...".
pub fn discounting(schedule: &DiscountSchedule) -> String {
    schedule
        .bands
        .iter()
        .map(|b| {
            let years = match b.to_year {
                Some(to) => format!("years {}-{to}", b.from_year),
                None => format!("years {} on", b.from_year),
            };
            // Rounded to a billionth of a percent: 0.035 x 100 is 3.5000000000000004.
            let percent = (b.rate * 100.0 * 1e9).round() / 1e9;
            format!("{percent}% for {years}")
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finance::metrics::year_result;
    use crate::finance::results::CombinedLines;
    use crate::model::FinanceRules;

    /// One year's combined lines (GBP k), each figure worked through the formulas above.
    #[test]
    fn each_formula_is_what_the_model_computes() {
        let l = CombinedLines {
            operating_income: 300_000.0,
            transitional_funding: 10_000.0,
            pay: 200_000.0,
            non_pay: 100_000.0,
            synergies: 6_000.0,
            one_off_costs: 4_000.0,
            transfer_costs: 2_000.0,
            depreciation: 8_000.0,
            pdc_dividend: 3_000.0,
            interest_payable: 1_000.0,
            interest_receivable: 500.0,
            loan_principal_repaid: 2_000.0,
            current_assets: 40_000.0,
            current_liabilities: 45_000.0,
            working_capital_facility: 2_000.0,
            planned_surplus: 1_000.0,
            agency_spend: 12_000.0,
            agency_cap: 10_000.0,
            ..CombinedLines::default()
        };
        let y = year_result(2020, l, &FinanceRules::default(), "X").unwrap();
        // Income 310,000; expenditure 200,000 + 100,000 − 6,000 + 4,000 + 2,000 = 300,000.
        // Surplus 310,000 − 300,000 − 8,000 − 3,000 − 1,000 + 500 = −1,500.
        assert_eq!(y.surplus, -1_500.0);
        assert_eq!(y.underlying_surplus, -11_500.0);
        // Margin 100 × −1,500 / 310,000.
        assert_eq!(y.margin_percent, 100.0 * -1_500.0 / 310_000.0);
        // Cover (10,000 + 500) / (3,000 + 1,000 + 2,000) = 1.75.
        assert_eq!(y.capital_service_cover, Some(1.75));
        // Liquidity (40,000 − 45,000 + 2,000) / (300,000 / 360) = −3.6 days.
        assert!((y.liquidity_days + 3.6).abs() < 1e-12);
        // Distance from plan 100 × (−1,500 − 1,000) / 310,000.
        assert_eq!(y.distance_from_plan_percent, 100.0 * -2_500.0 / 310_000.0);
        // Agency 100 × (12,000 − 10,000) / 10,000 = 20% over.
        assert_eq!(y.agency_over_cap_percent, Some(20.0));
    }

    #[test]
    fn the_green_book_schedule_in_words() {
        assert_eq!(
            discounting(&DiscountSchedule::green_book()),
            "3.5% for years 0-30; 3% for years 31-75; 2.5% for years 76-125; 2% for years 126-200; 1.5% for years 201-300; 1% for years 301 on"
        );
    }
}
