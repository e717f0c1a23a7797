//! Every chart on the demo: an SVG with its title and axis labels in it, the same every time,
//! and a clear NoData when there is nothing to draw.

use super::{ChartError, finance, score};
use crate::derived::DerivedMetrics;

fn demo() -> (crate::score::Results, crate::finance::FinanceResults) {
    let a = crate::demo::appraisal();
    let derived = DerivedMetrics::compute(&a);
    let r = crate::score::evaluate_with(&a, &|o, m| derived.value(o, m)).expect("score");
    let f = crate::finance::model(&a).expect("finance");
    (r, f)
}

fn assert_chart(svg: &str, texts: &[&str]) {
    assert!(svg.starts_with("<svg"), "an SVG document");
    assert!(
        svg.contains("font-family=\"DejaVu Sans\""),
        "the embedded font"
    );
    for t in texts {
        let escaped = t.replace('&', "&amp;").replace('\'', "&apos;");
        assert!(svg.contains(t) || svg.contains(&escaped), "missing {t:?}");
    }
}

#[test]
fn score_charts_carry_their_titles_axes_and_options() {
    let (r, _) = demo();
    let totals = score::totals_by_group(&r).expect("totals");
    assert_chart(
        &totals,
        &[
            "Total weighted score by option, stacked by criteria group",
            "Weighted score (points out of 100)",
            "Viability",
            "Quality",
        ],
    );
    let contributions = score::contributions(&r).expect("contributions");
    assert_chart(
        &contributions,
        &[
            "Points each criterion adds to each option's total",
            "Contribution to the total (points)",
            "I&E margin in the final year",
        ],
    );
    let vfm = score::value_for_money(&r).expect("value for money");
    assert_chart(
        &vfm,
        &[
            "Value for money: benefit against cost, with the efficiency frontier",
            "Cost: minus the NPV against do minimum (GBP m)",
            "Benefit: total weighted score (points)",
            "Efficiency frontier",
        ],
    );
}

#[test]
fn finance_charts_carry_their_titles_axes_and_years() {
    let (_, f) = demo();
    let margin = finance::margin_by_year(&f).expect("margin");
    assert_chart(
        &margin,
        &[
            "I&E margin by year and option",
            "I&E margin (%)",
            "Financial year",
            "2013/14",
        ],
    );
    let liquidity = finance::liquidity_by_year(&f).expect("liquidity");
    assert_chart(
        &liquidity,
        &["Liquidity by year and option", "Liquidity (days)"],
    );
}

#[test]
fn charts_are_deterministic() {
    let (r, f) = demo();
    assert_eq!(score::totals_by_group(&r), score::totals_by_group(&r));
    assert_eq!(score::contributions(&r), score::contributions(&r));
    assert_eq!(score::value_for_money(&r), score::value_for_money(&r));
    assert_eq!(finance::margin_by_year(&f), finance::margin_by_year(&f));
}

#[test]
fn empty_data_gives_no_data() {
    let (mut r, mut f) = demo();
    for o in &mut r.options {
        o.value_for_money.cost = None;
    }
    assert!(matches!(
        score::value_for_money(&r),
        Err(ChartError::NoData {
            chart: score::VALUE_FOR_MONEY,
            ..
        })
    ));
    r.options.clear();
    for chart in [score::totals_by_group(&r), score::contributions(&r)] {
        match chart {
            Err(ChartError::NoData { reason, .. }) => assert!(reason.contains("no options")),
            other => panic!("expected NoData, got {other:?}"),
        }
    }
    f.options.clear();
    let err = finance::margin_by_year(&f).expect_err("no options");
    assert!(err.to_string().contains("no data to chart"), "{err}");
    f.years.clear();
    assert!(finance::liquidity_by_year(&f).is_err());
}
