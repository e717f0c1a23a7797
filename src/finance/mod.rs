//! The viability model: pure functions from an [`Appraisal`] to its [`FinanceResults`].
//!
//! Boards ask first whether the new organisation will be financially viable. For each option
//! and year this projects the members' combined finances with the deal's own effects and
//! reproduces the regulators' published risk metrics: Monitor's Continuity of Service Risk
//! Rating (Risk Assessment Framework, 2013; 4 = least risk) and NHS Improvement's Single
//! Oversight Framework finance score (2016; 1 = best), with thresholds from
//! [`crate::model::FinanceRules`]. The economic view discounts each option's net cash flows
//! against do minimum at the Green Book rates.
//!
//! projection.rs builds each organisation's baseline, combine.rs an option's combined lines,
//! metrics.rs and ratings.rs the metrics and ratings, npv.rs the discounting, derived.rs the
//! figures criteria read, results.rs what comes out.

pub mod combine;
pub mod definitions;
pub mod derived;
mod error;
pub mod metrics;
pub mod npv;
pub mod projection;
pub mod ratings;
pub mod results;
#[cfg(test)]
mod tests;

use rustc_hash::FxHashMap;

pub use derived::derived_metric;
pub use error::FinanceError;
pub use results::*;

use crate::model::{Appraisal, OptionKind};
use combine::{Combined, Context, option_label};

/// Models every option of the appraisal over its years (base year + horizon).
pub fn model(a: &Appraisal) -> Result<FinanceResults, FinanceError> {
    let years = a.meta.horizon_years as usize;
    if years == 0 {
        return Err(FinanceError::NoHorizon);
    }
    let rules = &a.settings.finance;
    ratings::check(rules)?;
    let factors = npv::discount_factors(&a.meta.discount, years)?;
    let first_year = a.meta.base_year;

    let org_index: FxHashMap<&str, usize> = a
        .organisations
        .iter()
        .enumerate()
        .map(|(i, o)| (o.code.as_str(), i))
        .collect();
    let mut baselines = vec![None; a.organisations.len()];
    for o in &a.options {
        for code in &o.members {
            if let Some(&i) = org_index.get(code.as_str())
                && baselines[i].is_none()
            {
                baselines[i] = Some(projection::baseline(
                    &a.organisations[i],
                    first_year,
                    years,
                    &option_label(o),
                )?);
            }
        }
    }
    let context = Context {
        organisations: &a.organisations,
        org_index,
        sites: a.sites.iter().map(|s| (s.code.as_str(), s)).collect(),
        baselines,
        first_year,
        years,
    };

    let mut warnings = Vec::new();
    let combined: Vec<Combined> = a
        .options
        .iter()
        .map(|o| context.combine(o, &mut warnings))
        .collect::<Result<_, _>>()?;
    let do_minimum = a
        .options
        .iter()
        .position(|o| o.kind == OptionKind::DoMinimum);
    let pv = |flows: &[f64]| npv::present_value(flows, &factors);
    let dm_pv = do_minimum.map(|d| {
        let c = &combined[d];
        let bias: Vec<f64> = c.lines.iter().map(|l| l.optimism_bias).collect();
        (pv(&c.economic_flows), pv(&bias), pv(&c.financial_flows))
    });

    let mut options = Vec::with_capacity(a.options.len());
    for (o, c) in a.options.iter().zip(combined) {
        let label = option_label(o);
        let year_results = c
            .lines
            .into_iter()
            .enumerate()
            .map(|(t, l)| metrics::year_result(first_year + t as i32, l, rules, &label))
            .collect::<Result<Vec<_>, _>>()?;
        let bias: Vec<f64> = year_results.iter().map(|y| y.lines.optimism_bias).collect();
        let economic_npv = pv(&c.economic_flows);
        let (bias_pv, financial_pv) = (pv(&bias), pv(&c.financial_flows));
        let economic = EconomicView {
            npv: economic_npv,
            npv_vs_do_minimum: dm_pv.map(|(e, _, _)| economic_npv - e),
            optimism_bias_npv_vs_do_minimum: dm_pv.map(|(_, b, _)| b - bias_pv),
            financial_npv_vs_do_minimum: dm_pv.map(|(_, _, f)| financial_pv - f),
            net_cash_flows: c.economic_flows,
            discount_factors: factors.clone(),
        };
        options.push(summarise(
            o.code.clone(),
            o.name.clone(),
            year_results,
            c.organisations,
            economic,
        ));
    }
    Ok(FinanceResults {
        base_year: first_year,
        years: (0..years).map(|t| first_year + t as i32).collect(),
        do_minimum: do_minimum.map(|d| a.options[d].code.clone()),
        cosrr_scale: COSRR_SCALE,
        sof_scale: SOF_SCALE,
        options,
        warnings,
        definitions: definitions::DEFINITIONS.to_vec(),
        discounting: definitions::discounting(&a.meta.discount),
    })
}

/// First year from which `ok` holds to the end.
fn from_year_on(years: &[YearResult], ok: impl Fn(&YearResult) -> bool) -> Option<i32> {
    let tail = years.iter().rev().take_while(|y| ok(y)).count();
    (tail > 0).then(|| years[years.len() - tail].year)
}

fn summarise(
    code: String,
    name: String,
    years: Vec<YearResult>,
    organisations: Vec<OrganisationYears>,
    economic: EconomicView,
) -> OptionFinance {
    let break_even_year = from_year_on(&years, |y| y.surplus >= 0.0);
    let underlying_break_even_year = from_year_on(&years, |y| y.underlying_surplus >= 0.0);
    let years_in_deficit = years.iter().filter(|y| y.surplus < 0.0).count() as u32;
    let worst_sof_score = years.iter().map(|y| y.sof.overall).max().unwrap_or(1);
    let worst_cosrr = years.iter().map(|y| y.cosrr.overall).min().unwrap_or(4);
    let lowest_liquidity_days = years
        .iter()
        .map(|y| y.liquidity_days)
        .fold(f64::INFINITY, f64::min);
    let final_year_margin_percent = years.last().map_or(0.0, |y| y.margin_percent);
    OptionFinance {
        code,
        name,
        years,
        organisations,
        economic,
        break_even_year,
        underlying_break_even_year,
        years_in_deficit,
        worst_sof_score,
        worst_cosrr,
        lowest_liquidity_days,
        final_year_margin_percent,
    }
}
