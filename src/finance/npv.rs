//! Green Book discounting: discount factors from the appraisal's schedule and present values.

use super::FinanceError;
use crate::model::DiscountSchedule;

/// Discount factors for years 0..years (year 0 = the base year, factor 1).
///
/// Factors compound year by year through the bands, each year discounted at the rate of the
/// band it falls in: with the Green Book schedule (HM Treasury, The Green Book, 2022, table 8:
/// 3.5% for years 0-30, 3.0% for 31-75, 2.5% to 125, 2.0% to 200, 1.5% to 300, 1.0% beyond),
/// year 30 is 1/1.035^30 = 0.3563 and year 31 is 0.3563/1.03 = 0.3459.
pub fn discount_factors(
    schedule: &DiscountSchedule,
    years: usize,
) -> Result<Vec<f64>, FinanceError> {
    let mut out = Vec::with_capacity(years);
    let mut factor = 1.0;
    for t in 0..years as u32 {
        if t > 0 {
            let rate = schedule
                .bands
                .iter()
                .find(|b| b.from_year <= t && b.to_year.is_none_or(|to| t <= to))
                .map(|b| b.rate)
                .filter(|r| r.is_finite() && *r > -1.0)
                .ok_or(FinanceError::NoDiscountRate { year: t })?;
            factor /= 1.0 + rate;
        }
        out.push(factor);
    }
    Ok(out)
}

/// Present value of `flows` (year 0 first).
pub fn present_value(flows: &[f64], factors: &[f64]) -> f64 {
    flows.iter().zip(factors).map(|(f, d)| f * d).sum()
}
