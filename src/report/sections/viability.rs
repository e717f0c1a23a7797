//! Viability: each option's headline finances, I&E margin and liquidity by year, and the
//! regulators' risk ratings as year x option tables.

use super::super::doc::{Cell, Doc, cell, num, shaded};
use super::super::{NotAssessed, PackInput};
use super::{f1, gbp_m};
use crate::charts;
use crate::finance::{FinanceResults, YearResult};
use crate::model::{
    Better, CosrrRules, FinanceRules, MetricBands, OverrideRule, Rounding, SofRules,
    financial_year_label,
};

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
        financial_year_label(f.base_year),
        f.years.last().map_or(String::new(), |y| financial_year_label(*y)),
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
                num(&o
                    .break_even_year
                    .map_or("none".to_owned(), financial_year_label)),
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
        charts::finance::margin_by_year(f, charts::PACK_WIDTH),
        "I&E margin (surplus as a share of operating income) by year for each option",
    );
    doc.figure(
        "liquidity",
        charts::finance::liquidity_by_year(f, charts::PACK_WIDTH),
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
                y.cosrr.override_fired.is_some(),
            )
        },
    );
    ratings(doc, f, "SOF finance score (1 = best)", |y| {
        (
            y.sof.overall,
            4 - usize::from(y.sof.overall.clamp(1, 4)),
            y.sof.override_fired.is_some(),
        )
    });
    doc.para("A rating marked * was capped by an override rule (see the rules below).");
    definitions(doc, f);
    rules(doc, &input.appraisal.settings.finance);
    if !f.warnings.is_empty() {
        doc.para("The viability model ignored these entries:");
        doc.bullets(&f.warnings);
    }
}

/// A year x option table of one rating; `rating` gives the rating, its tint (0 = worst) and
/// whether an override rule capped it.
fn ratings(
    doc: &mut Doc,
    f: &FinanceResults,
    title: &str,
    rating: impl Fn(&YearResult) -> (u8, usize, bool),
) {
    doc.lead(title, "");
    let mut header = vec!["Year"];
    header.extend(f.options.iter().map(|o| o.code.as_str()));
    let rows: Vec<Vec<Cell>> = f
        .years
        .iter()
        .enumerate()
        .map(|(i, year)| {
            let mut row = vec![cell(&financial_year_label(*year))];
            row.extend(f.options.iter().map(|o| match o.years.get(i) {
                Some(y) => {
                    let (value, tint, capped) = rating(y);
                    let mark = if capped { "*" } else { "" };
                    shaded(&format!("{value}{mark}"), RISK_TINTS[tint.min(3)])
                }
                None => cell("n/a"),
            }));
            row
        })
        .collect();
    let columns = format!("(auto{})", ", 1fr".repeat(f.options.len()));
    doc.table(&columns, &header, rows);
}

/// Each metric's formula exactly as the viability model computes it, and the discount rates,
/// so a finance director can check them against the published framework.
fn definitions(doc: &mut Doc, f: &FinanceResults) {
    doc.heading(2, "How the metrics are computed");
    doc.para("Per year of each option's combined lines (the members' baselines with the site transfers and the option's own adjustments):");
    let items: Vec<String> = f
        .definitions
        .iter()
        .map(|d| format!("{}: {}", d.metric, d.formula))
        .collect();
    doc.bullets(&items);
    doc.para(&format!(
        "Discount rates (the appraisal's schedule): {}.",
        f.discounting
    ));
}

/// One framework's rules as the pack prints them, beside the published ones.
struct Framework<'a> {
    name: &'a str,
    /// Ratings from the best to the worst.
    ratings: [u8; 4],
    metrics: Vec<(&'a str, &'a MetricBands, &'a MetricBands)>,
    rounding: (Rounding, Rounding),
    overrides: (&'a [OverrideRule], &'a [OverrideRule]),
}

/// The rating rules the tables above applied, and where they differ from the published ones,
/// so a board reading a rating knows whether the team changed its thresholds.
fn rules(doc: &mut Doc, rules: &FinanceRules) {
    let (cosrr, sof) = (CosrrRules::default(), SofRules::default());
    let frameworks = [
        Framework {
            name: "CoSRR",
            ratings: [4, 3, 2, 1],
            metrics: vec![
                (
                    "Capital service cover (times)",
                    &rules.cosrr.capital_service_cover,
                    &cosrr.capital_service_cover,
                ),
                ("Liquidity (days)", &rules.cosrr.liquidity, &cosrr.liquidity),
            ],
            rounding: (rules.cosrr.rounding, cosrr.rounding),
            overrides: (&rules.cosrr.overrides, &cosrr.overrides),
        },
        Framework {
            name: "SOF",
            ratings: [1, 2, 3, 4],
            metrics: vec![
                (
                    "Capital service capacity (times)",
                    &rules.sof.capital_service_capacity,
                    &sof.capital_service_capacity,
                ),
                ("Liquidity (days)", &rules.sof.liquidity, &sof.liquidity),
                ("I&E margin (%)", &rules.sof.margin, &sof.margin),
                (
                    "Distance from plan (%)",
                    &rules.sof.distance_from_plan,
                    &sof.distance_from_plan,
                ),
                (
                    "Agency spend over the cap (%)",
                    &rules.sof.agency,
                    &sof.agency,
                ),
            ],
            rounding: (rules.sof.rounding, sof.rounding),
            overrides: (&rules.sof.overrides, &sof.overrides),
        },
    ];
    doc.heading(2, "Rating rules applied");
    let mut changed: Vec<String> = Vec::new();
    for fw in &frameworks {
        for (name, used, published) in &fw.metrics {
            if used != published {
                changed.push(format!("{}: {name}", fw.name));
            }
        }
        if fw.rounding.0 != fw.rounding.1 {
            changed.push(format!("{}: rounding", fw.name));
        }
        if fw.overrides.0 != fw.overrides.1 {
            changed.push(format!("{}: override rules", fw.name));
        }
    }
    doc.para(&if changed.is_empty() {
        "The ratings follow the published rules: Monitor's Risk Assessment Framework (2013) for the CoSRR and NHS Improvement's Single Oversight Framework (2016) for the SOF.".to_owned()
    } else {
        format!(
            "The appraisal team changed the published rules for the ratings above, in: {}. The changed rules are marked *.",
            changed.join("; ")
        )
    });
    let mark = |same: bool| if same { "" } else { " *" };
    for fw in &frameworks {
        let header: Vec<String> = ["Metric".to_owned()]
            .into_iter()
            .chain(fw.ratings[..3].iter().map(|r| format!("Rates {r} when")))
            .chain(["Weight".to_owned()])
            .collect();
        let header: Vec<&str> = header.iter().map(String::as_str).collect();
        let rows = fw
            .metrics
            .iter()
            .map(|(name, used, published)| {
                let mut row = vec![cell(&format!("{name}{}", mark(used == published)))];
                row.extend(
                    used.cuts
                        .iter()
                        .map(|c| cell(&boundary(used.better, c.inclusive, c.value))),
                );
                row.push(num(&format!("{}", used.weight)));
                row
            })
            .collect();
        doc.lead(&format!("{} rules", fw.name), "");
        doc.table("(2fr, 1fr, 1fr, 1fr, auto)", &header, rows);
        let mut notes = vec![format!(
            "The weighted mean of the metric ratings is rounded {}; a metric that reaches no boundary rates {}.{}",
            match fw.rounding.0 {
                Rounding::Up => "up",
                Rounding::Down => "down",
                Rounding::Nearest => "to the nearest whole number, halves up",
            },
            fw.ratings[3],
            mark(fw.rounding.0 == fw.rounding.1)
        )];
        let overrides_same = fw.overrides.0 == fw.overrides.1;
        notes.extend(fw.overrides.0.iter().map(|r| {
            format!(
                "A rating of {} on any metric makes the overall no better than {} ({}).{}",
                r.metric_rating,
                r.overall_no_better_than,
                r.note,
                mark(overrides_same)
            )
        }));
        if fw.overrides.0.is_empty() {
            notes.push(format!("No override rules.{}", mark(overrides_same)));
        }
        doc.bullets(&notes);
    }
}

/// "> 2.5", "at least 0" and so on: how a value reaches a boundary.
fn boundary(better: Better, inclusive: bool, value: f64) -> String {
    let word = match (better, inclusive) {
        (Better::Higher, true) => "at least",
        (Better::Higher, false) => "above",
        (Better::Lower, true) => "at most",
        (Better::Lower, false) => "below",
    };
    format!("{word} {value}")
}
