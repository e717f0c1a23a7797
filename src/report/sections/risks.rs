//! Risks and assumptions: what the results rest on and what could undo them, drawn from the
//! appraisal and the engines' own warnings.

use super::super::PackInput;
use super::super::doc::{Doc, cell, num};
use super::option_name;

pub fn write(doc: &mut Doc, input: &PackInput) {
    let a = input.appraisal;
    doc.heading(1, "Risks and assumptions");
    doc.heading(2, "Assumptions");
    let bands: Vec<String> = a
        .meta
        .discount
        .bands
        .iter()
        .map(|b| match b.to_year {
            Some(to) => format!("{:.1}% in years {}-{}", b.rate * 100.0, b.from_year, to),
            None => format!("{:.1}% from year {}", b.rate * 100.0, b.from_year),
        })
        .collect();
    doc.bullets(&[
        format!(
            "The appraisal runs {} years from {} (the base year).",
            a.meta.horizon_years,
            crate::model::financial_year_label(a.meta.base_year)
        ),
        format!("Discount rates: {}.", bands.join(", ")),
        "Capital carries optimism bias at the Green Book upper bound for its category until its risks are shown to be mitigated.".to_owned(),
    ]);
    if !a.organisations.is_empty() {
        doc.para("Each organisation's later years are projected from its base year with these yearly rates where not entered:");
        let rows = a
            .organisations
            .iter()
            .map(|o| {
                let p = &o.projection;
                vec![
                    cell(&o.name),
                    num(&format!("{:.1}%", p.income_growth * 100.0)),
                    num(&format!("{:.1}%", p.pay_inflation * 100.0)),
                    num(&format!("{:.1}%", p.non_pay_inflation * 100.0)),
                    num(&format!("{:.1}%", p.cip * 100.0)),
                ]
            })
            .collect();
        doc.table(
            "(1fr, auto, auto, auto, auto)",
            &[
                "Organisation",
                "Income growth",
                "Pay inflation",
                "Non-pay inflation",
                "Efficiency (CIP)",
            ],
            rows,
        );
    }
    doc.heading(2, "Risks");
    let mut risks: Vec<String> = Vec::new();
    if let Ok(r) = &input.score {
        for o in &r.options {
            for f in &o.hurdles.failed {
                risks.push(format!("{} fails the hurdle test '{}'.", o.name, f.name));
            }
        }
        if !r.disagreements.is_empty() {
            risks.push(format!(
                "The panel disagreed on {} option and criterion pairs; their aggregate scores are less certain.",
                r.disagreements.len()
            ));
        }
        let manual: Vec<String> = r
            .options
            .iter()
            .flat_map(|o| {
                o.leaves
                    .iter()
                    .filter(|l| l.manual)
                    .map(move |l| format!("{} on {}", option_name(r, &o.code), l.name))
            })
            .collect();
        if !manual.is_empty() {
            risks.push(format!(
                "{} model figures were entered by hand because their engine has not computed them yet ({}{}).",
                manual.len(),
                manual.iter().take(4).cloned().collect::<Vec<_>>().join("; "),
                if manual.len() > 4 { "; ..." } else { "" }
            ));
        }
        risks.extend(r.warnings.iter().cloned());
    }
    if let Ok(f) = &input.finance {
        for o in &f.options {
            if o.break_even_year.is_none() {
                risks.push(format!(
                    "{} does not break even within the appraisal period.",
                    o.name
                ));
            }
        }
        risks.extend(f.warnings.iter().cloned());
    }
    if input.sensitivity.is_err() {
        risks.push("The robustness of the ranking to the weights and scores has not yet been tested (sensitivity analysis).".to_owned());
    }
    if input.travel.is_err() {
        risks.push(
            "The effect on patients' travel, and on deprived areas, has not yet been assessed."
                .to_owned(),
        );
    }
    if risks.is_empty() {
        doc.para("No risk was flagged by the appraisal or its engines.");
    } else {
        doc.bullets(&risks);
    }
}
