//! The finance engine's figures as derived metrics, named as criteria source them
//! (`Source::Derived { metric }`), in the units the demo's criteria declare.

use super::results::FinanceResults;

/// I&E margin in the appraisal's final year, percent.
pub const MARGIN_FINAL_YEAR: &str = "finance.margin_final_year";
/// Economic NPV against do minimum, GBP millions.
pub const NPV_VS_DO_MINIMUM: &str = "finance.npv_vs_do_minimum";
/// Lowest liquidity in any year, days of operating expenditure.
pub const LOWEST_LIQUIDITY_DAYS: &str = "finance.lowest_liquidity_days";
/// Worst (highest) SOF finance score in any year, 1 = best.
pub const WORST_FINANCE_SCORE: &str = "finance.worst_finance_score";
/// Number of years with a deficit (surplus below zero).
pub const YEARS_IN_DEFICIT: &str = "finance.years_in_deficit";

pub const METRICS: [&str; 5] = [
    MARGIN_FINAL_YEAR,
    NPV_VS_DO_MINIMUM,
    LOWEST_LIQUIDITY_DAYS,
    WORST_FINANCE_SCORE,
    YEARS_IN_DEFICIT,
];

/// The named metric for `option`; None for an unknown option or metric, or an NPV without a
/// do-minimum option.
pub fn derived_metric(r: &FinanceResults, option: &str, metric: &str) -> Option<f64> {
    let o = r.option(option)?;
    match metric {
        MARGIN_FINAL_YEAR => Some(o.final_year_margin_percent),
        NPV_VS_DO_MINIMUM => o.economic.npv_vs_do_minimum.map(|k| k / 1000.0),
        LOWEST_LIQUIDITY_DAYS => Some(o.lowest_liquidity_days),
        WORST_FINANCE_SCORE => Some(f64::from(o.worst_sof_score)),
        YEARS_IN_DEFICIT => Some(f64::from(o.years_in_deficit)),
        _ => None,
    }
}
