//! The readable viability table of `appraise finance`: per option a block with the years as
//! columns, then the NPV against do minimum and the break-even year.

use std::fmt::Write;

use appraise::finance::{FinanceResults, OptionFinance, YearResult};

const LABEL: usize = 22;
const COLUMN: usize = 8;

fn row(out: &mut String, label: &str, o: &OptionFinance, cell: impl Fn(&YearResult) -> String) {
    let _ = write!(out, "  {label:<LABEL$}");
    for y in &o.years {
        let _ = write!(out, "{:>COLUMN$}", cell(y));
    }
    let _ = writeln!(out);
}

fn money_m(k: Option<f64>) -> String {
    k.map_or_else(
        || "n/a (no do minimum)".to_owned(),
        |k| format!("{:.1}", k / 1000.0),
    )
}

pub fn render(r: &FinanceResults) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Financial viability, GBP m unless stated. CoSRR: {}; SOF finance score: {}.",
        r.cosrr_scale, r.sof_scale
    );
    for o in &r.options {
        let _ = writeln!(out, "\n{} {}", o.code, o.name);
        row(&mut out, "year", o, |y| {
            appraise::model::financial_year_label(y.year)
        });
        let m = |x: f64| format!("{:.1}", x / 1000.0);
        row(&mut out, "income", o, |y| {
            m(y.lines.operating_income + y.lines.transitional_funding)
        });
        row(&mut out, "surplus", o, |y| m(y.surplus));
        row(&mut out, "underlying surplus", o, |y| {
            m(y.underlying_surplus)
        });
        row(&mut out, "margin %", o, |y| {
            format!("{:.1}", y.margin_percent)
        });
        row(&mut out, "liquidity days", o, |y| {
            format!("{:.1}", y.liquidity_days)
        });
        row(&mut out, "CSC x", o, |y| {
            y.capital_service_cover
                .map_or_else(|| "-".to_owned(), |c| format!("{c:.2}"))
        });
        row(&mut out, "CoSRR (4 = least risk)", o, |y| {
            let mark = if y.cosrr.override_fired.is_some() {
                "*"
            } else {
                ""
            };
            format!("{}{mark}", y.cosrr.overall)
        });
        row(&mut out, "SOF (1 = best)", o, |y| {
            let mark = if y.sof.override_fired.is_some() {
                "*"
            } else {
                ""
            };
            format!("{}{mark}", y.sof.overall)
        });
        let e = &o.economic;
        let _ = writeln!(
            out,
            "  NPV vs do minimum (GBP m): {} (optimism bias in it: {}; with transitional funding and income transfers: {})",
            money_m(e.npv_vs_do_minimum),
            money_m(e.optimism_bias_npv_vs_do_minimum),
            money_m(e.financial_npv_vs_do_minimum),
        );
        let year = |y: Option<i32>| {
            y.map_or_else(|| "never".to_owned(), appraise::model::financial_year_label)
        };
        let _ = writeln!(
            out,
            "  break-even year: {} (underlying: {}); years in deficit: {}",
            year(o.break_even_year),
            year(o.underlying_break_even_year),
            o.years_in_deficit
        );
    }
    let _ = writeln!(
        out,
        "\n* an override rule set the overall rating (see --json for the rule)."
    );
    for w in &r.warnings {
        let _ = writeln!(out, "warning: {w}");
    }
    out
}
