//! Viability: each option's headline finances, I&E margin and liquidity by year, and the
//! regulators' risk ratings as year x option tables.

use super::super::doc::{Cell, Doc, cell, num, shaded};
use super::super::{NotAssessed, PackInput};
use super::{f1, gbp_m};
use crate::charts::{self, financial_year};
use crate::finance::{FinanceResults, YearResult};

/// Light tints from worst (1) to best (4) risk, readable under colour-vision deficiency
/// because the number is always printed too.
const RISK_TINTS: [&str; 4] = ["#f9dccc", "#fbeccc", "#dcecf7", "#d9f0e8"];

pub fn write(doc: &mut Doc, input: &PackInput) {
    doc.chapter("Viability");
    let f = match &input.finance {
        Ok(f) => f,
        Err(NotAssessed(reason)) => {
            doc.not_assessed(&format!("{reason}."));
            return;
        }
    };
    if f.options.is_empty() || f.years.is_empty() {
        doc.not_assessed("the viability model has no options or years to project.");
        return;
    }
    doc.para(&format!(
        "The viability model projects each option's combined finances from {} to {} and reproduces the regulators' risk metrics: Monitor's Continuity of Service Risk Rating (CoSRR, {}) and the Single Oversight Framework finance score (SOF, {}). Money is in GBP millions.",
        financial_year(f.base_year),
        f.years.last().map_or(String::new(), |y| financial_year(*y)),
        f.cosrr_scale,
        f.sof_scale
    ));
    let rows = f
        .options
        .iter()
        .map(|o| {
            vec![
                cell(&o.name),
                num(&o.economic.npv_vs_do_minimum.map_or("n/a".to_owned(), gbp_m)),
                num(&o.break_even_year.map_or("none".to_owned(), financial_year)),
                num(&o.years_in_deficit.to_string()),
                num(&f1(o.final_year_margin_percent)),
                num(&f1(o.lowest_liquidity_days)),
                num(&o.worst_cosrr.to_string()),
                num(&o.worst_sof_score.to_string()),
            ]
        })
        .collect();
    doc.table(
        "(2.2fr, 1fr, 1fr, 1fr, 1fr, 1fr, 1fr, 1fr)",
        &[
            "Option",
            "NPV vs do min.",
            "Breaks even",
            "Years in deficit",
            "Final-year margin %",
            "Lowest liquidity (days)",
            "Worst CoSRR",
            "Worst SOF",
        ],
        rows,
    );
    doc.figure(
        "margin",
        charts::finance::margin_by_year(f),
        "I&E margin (surplus as a share of operating income) by year for each option",
    );
    doc.figure(
        "liquidity",
        charts::finance::liquidity_by_year(f),
        "Liquidity (days of operating costs that cash and working capital could meet) by year for each option",
    );
    doc.heading(2, "Risk ratings by year");
    let key: Vec<String> = f
        .options
        .iter()
        .map(|o| format!("{}: {}", o.code, o.name))
        .collect();
    doc.para("Columns are options:");
    doc.bullets(&key);
    ratings(
        doc,
        f,
        "Continuity of Service Risk Rating (4 = least risk)",
        |y| {
            (
                y.cosrr.overall,
                usize::from(y.cosrr.overall.clamp(1, 4)) - 1,
            )
        },
    );
    ratings(doc, f, "SOF finance score (1 = best)", |y| {
        (y.sof.overall, 4 - usize::from(y.sof.overall.clamp(1, 4)))
    });
    if !f.warnings.is_empty() {
        doc.para("The viability model ignored these entries:");
        doc.bullets(&f.warnings);
    }
}

/// A year x option table of one rating; `rating` gives the rating and its tint (0 = worst).
fn ratings(
    doc: &mut Doc,
    f: &FinanceResults,
    title: &str,
    rating: impl Fn(&YearResult) -> (u8, usize),
) {
    doc.lead(title, "");
    let mut header = vec!["Year"];
    header.extend(f.options.iter().map(|o| o.code.as_str()));
    let rows: Vec<Vec<Cell>> = f
        .years
        .iter()
        .enumerate()
        .map(|(i, year)| {
            let mut row = vec![cell(&financial_year(*year))];
            row.extend(f.options.iter().map(|o| match o.years.get(i) {
                Some(y) => {
                    let (value, tint) = rating(y);
                    shaded(&value.to_string(), RISK_TINTS[tint.min(3)])
                }
                None => cell("n/a"),
            }));
            row
        })
        .collect();
    let columns = format!("(auto{})", ", 1fr".repeat(f.options.len()));
    doc.table(&columns, &header, rows);
}
