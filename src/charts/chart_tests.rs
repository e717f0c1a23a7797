//! Every chart on the demo: an SVG with its title and axis labels in it, the same every time,
//! and a clear NoData when there is nothing to draw.

use super::{ChartError, PACK_WIDTH, finance, font_sizes, score, sensitivity, text_of, travel};
use crate::model::TravelMode;

fn demo() -> (crate::score::Results, crate::finance::FinanceResults) {
    let a = crate::demo::appraisal();
    let r = crate::evaluation::Evaluation::of(&a)
        .score()
        .clone()
        .expect("score");
    let f = crate::finance::model(&a).expect("finance");
    (r, f)
}

/// `svg` is an SVG document in the embedded font, with `texts` in its text (whole, though a
/// long one may wrap onto more lines), no text under 12 px and no name cut short.
fn assert_chart(svg: &str, texts: &[&str]) {
    assert!(svg.starts_with("<svg"), "an SVG document");
    assert!(
        svg.contains("font-family=\"DejaVu Sans\""),
        "the embedded font"
    );
    let text = text_of(svg);
    for t in texts {
        assert!(text.contains(t), "missing {t:?} in {text}");
    }
    assert!(!text.contains('…'), "a label is cut short: {text}");
    let sizes = font_sizes(svg);
    assert!(!sizes.is_empty());
    assert!(
        sizes.iter().all(|&s| s >= 12.0),
        "text under 12 px: {sizes:?}"
    );
}

#[test]
fn score_charts_carry_their_titles_axes_and_options() {
    let (r, _) = demo();
    let totals = score::totals_by_group(&r, PACK_WIDTH).expect("totals");
    assert_chart(
        &totals,
        &[
            "Total weighted score by option, stacked by criteria group",
            "Weighted score (points out of 100)",
            "Viability",
            "Quality",
        ],
    );
    let contributions = score::contributions(&r, PACK_WIDTH).expect("contributions");
    assert_chart(
        &contributions,
        &[
            "Points each criterion adds to each option's total",
            "Contribution to the total (points)",
            "I&E margin in the final year",
        ],
    );
    let vfm = score::value_for_money(&r, PACK_WIDTH).expect("value for money");
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
    let margin = finance::margin_by_year(&f, PACK_WIDTH).expect("margin");
    assert_chart(
        &margin,
        &[
            "I&E margin by year and option",
            "I&E margin (%)",
            "Financial year",
            // Every other year at this width: "2013/14" would crowd its neighbours.
            "2014/15",
            "2016/17",
        ],
    );
    let liquidity = finance::liquidity_by_year(&f, PACK_WIDTH).expect("liquidity");
    assert_chart(
        &liquidity,
        &["Liquidity by year and option", "Liquidity (days)"],
    );
}

#[test]
fn charts_are_deterministic() {
    let (r, f) = demo();
    assert_eq!(
        score::totals_by_group(&r, PACK_WIDTH),
        score::totals_by_group(&r, PACK_WIDTH)
    );
    assert_eq!(
        score::contributions(&r, PACK_WIDTH),
        score::contributions(&r, PACK_WIDTH)
    );
    assert_eq!(
        score::value_for_money(&r, PACK_WIDTH),
        score::value_for_money(&r, PACK_WIDTH)
    );
    assert_eq!(
        finance::margin_by_year(&f, PACK_WIDTH),
        finance::margin_by_year(&f, PACK_WIDTH)
    );
}

#[test]
fn empty_data_gives_no_data() {
    let (mut r, mut f) = demo();
    for o in &mut r.options {
        o.value_for_money.cost = None;
    }
    assert!(matches!(
        score::value_for_money(&r, PACK_WIDTH),
        Err(ChartError::NoData {
            chart: score::VALUE_FOR_MONEY,
            ..
        })
    ));
    r.options.clear();
    for chart in [
        score::totals_by_group(&r, PACK_WIDTH),
        score::contributions(&r, PACK_WIDTH),
    ] {
        match chart {
            Err(ChartError::NoData { reason, .. }) => assert!(reason.contains("no options")),
            other => panic!("expected NoData, got {other:?}"),
        }
    }
    f.options.clear();
    let err = finance::margin_by_year(&f, PACK_WIDTH).expect_err("no options");
    assert!(err.to_string().contains("no data to chart"), "{err}");
    f.years.clear();
    assert!(finance::liquidity_by_year(&f, PACK_WIDTH).is_err());
}

fn demo_travel() -> crate::travel::TravelResults {
    crate::travel::assess(&crate::demo::appraisal()).expect("travel")
}

fn demo_sensitivity() -> crate::sensitivity::Report {
    let a = crate::demo::appraisal();
    let (r, _) = demo();
    crate::sensitivity::analyse(&a, &r, &Default::default()).expect("sensitivity")
}

/// The demo's first service by car: A&E, threshold 30 minutes.
#[test]
fn travel_charts_carry_their_titles_axes_and_thresholds() {
    let t = demo_travel();
    let ae = &t.services[0];
    assert_eq!((ae.service.as_str(), ae.mode), ("AE", TravelMode::Car));
    let access = travel::access_curve(ae, PACK_WIDTH).expect("access curve");
    assert_chart(
        &access,
        &[
            "Population within each journey time to Accident and emergency (type 1) by car",
            "Journey time to the nearest site (minutes)",
            "Population within the time (%)",
            "threshold 30 min",
            // Four options keep every A&E site, so they share one line and one legend entry.
            "Do minimum = ",
            "Merger with University Hospitals of North Staffordshire",
        ],
    );
    let quintiles = travel::change_by_quintile(&t, ae, PACK_WIDTH).expect("quintile change");
    assert_chart(
        &quintiles,
        &[
            "mean change in journey time by IMD quintile",
            "Mean change (minutes)",
            "1 (most deprived)",
            "5 (least deprived)",
        ],
    );
    let worse = travel::worse_by_quintile(&t, TravelMode::Car, PACK_WIDTH).expect("worse");
    assert_chart(
        &worse,
        &[
            "Journeys over 15 min longer to any service by car (off-peak), by IMD quintile",
            "Share of the quintile's population (%)",
            // 70,000 of quintile 3's 140,000 people: the hand-worked demo figure.
            "50%",
        ],
    );
}

#[test]
fn sensitivity_charts_carry_their_titles_switch_points_and_ranks() {
    let r = demo_sensitivity();
    let groups: Vec<_> = r.one_way.iter().filter(|n| n.parent.is_none()).collect();
    let one_way = sensitivity::one_way(&r, &groups, PACK_WIDTH).expect("one-way");
    assert_chart(
        &one_way,
        &[
            "Each option's total as one weight moves from 0 to 100%",
            "Deliverability (15% now)",
            "Weight (%)",
            // The switch points of the CLI's hand-checked run: DEL at 22.8%, ACC at 41.0%.
            "22.8%",
            "41.0%",
            "Merger with Burton Hospitals (fails a hurdle)",
        ],
    );
    let tornado = sensitivity::tornado(&r, PACK_WIDTH).expect("tornado");
    assert_chart(
        &tornado,
        &[
            "lead most (now 1.6 points)",
            "Lead over the next-best option (points",
            "ICO score on Clinical standards and seven-day services (3\u{a0}to\u{a0}7)",
            "Low end of the input",
        ],
    );
    let smaa =
        sensitivity::rank_acceptability(&r.smaa, "Rank acceptability", PACK_WIDTH).expect("smaa");
    assert_chart(
        &smaa,
        &[
            "Rank acceptability",
            "Share of the draws (%)",
            "Rank 1",
            "Rank 5",
            "(fails)",
        ],
    );
}

#[test]
fn travel_and_sensitivity_charts_without_data_say_why() {
    let mut t = demo_travel();
    let mut ae = t.services[0].clone();
    for o in &mut ae.options {
        o.curve.clear();
    }
    let err = travel::access_curve(&ae, PACK_WIDTH).expect_err("no curves");
    assert!(
        err.to_string().contains("no option has a journey time"),
        "{err}"
    );
    t.baseline = None;
    let err = travel::change_by_quintile(&t, &t.services[0], PACK_WIDTH).expect_err("no baseline");
    assert!(err.to_string().contains("no do-minimum option"), "{err}");
    t.any_service.clear();
    assert!(travel::worse_by_quintile(&t, TravelMode::Car, PACK_WIDTH).is_err());

    let mut r = demo_sensitivity();
    assert!(sensitivity::one_way(&r, &[], PACK_WIDTH).is_err());
    r.tornado.preferred = None;
    r.tornado.note = Some("every option fails a hurdle".to_owned());
    let err = sensitivity::tornado(&r, PACK_WIDTH).expect_err("no preferred");
    assert!(
        err.to_string().contains("every option fails a hurdle"),
        "{err}"
    );
    r.smaa.samples = 0;
    assert!(sensitivity::rank_acceptability(&r.smaa, "x", PACK_WIDTH).is_err());
}

#[test]
fn contributions_can_be_drawn_for_one_group() {
    let (r, _) = demo();
    let quality =
        score::contributions_of(&r, PACK_WIDTH, "Points each Quality criterion adds", |c| {
            c.starts_with("QUA-")
        })
        .expect("quality contributions");
    assert_chart(
        &quality,
        &[
            "Points each Quality criterion adds",
            "Integration of care pathways",
        ],
    );
    assert!(!text_of(&quality).contains("I&E margin in the final year"));
    let all = score::contributions(&r, PACK_WIDTH).expect("all");
    assert!(text_of(&all).contains("I&E margin in the final year"));
    assert!(score::contributions_of(&r, PACK_WIDTH, "none", |_| false).is_err());
}

/// The demo's longest option name.
const LONGEST: &str = "Integrated care organisation with community services and social care";

/// The `width` the SVG's root declares.
fn width_of(svg: &str) -> u32 {
    let root = &svg[..svg.find('>').expect("a root element")];
    let at = root.find(" width=\"").expect("a width") + 8;
    root[at..].split('"').next().unwrap().parse().unwrap()
}

/// Every chart at a narrow window's width, the pack's and a wide window's: the SVG is as wide
/// as asked, no text is under 12 px, and the longest option name is there whole.
#[test]
fn every_chart_is_drawn_at_the_width_asked_with_full_names_and_text_of_12_px() {
    let (r, f) = demo();
    let t = demo_travel();
    let s = demo_sensitivity();
    let groups: Vec<_> = s.one_way.iter().filter(|n| n.parent.is_none()).collect();
    for width in [400, 600, PACK_WIDTH, 1100] {
        let named = [
            ("totals", score::totals_by_group(&r, width)),
            ("contributions", score::contributions(&r, width)),
            ("value for money", score::value_for_money(&r, width)),
            ("margin", finance::margin_by_year(&f, width)),
            ("liquidity", finance::liquidity_by_year(&f, width)),
            ("access", travel::access_curve(&t.services[0], width)),
            (
                "quintiles",
                travel::change_by_quintile(&t, &t.services[0], width),
            ),
            (
                "worse",
                travel::worse_by_quintile(&t, TravelMode::Car, width),
            ),
            ("one-way", sensitivity::one_way(&s, &groups, width)),
            (
                "smaa",
                sensitivity::rank_acceptability(&s.smaa, "Rank acceptability", width),
            ),
        ];
        for (name, svg) in named {
            let svg = svg.unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(width_of(&svg), width, "{name}");
            assert_chart(&svg, &[LONGEST]);
        }
        let tornado = sensitivity::tornado(&s, width).expect("tornado");
        assert_eq!(width_of(&tornado), width);
        assert_chart(&tornado, &["Clinical standards and seven-day services"]);
    }
}

#[test]
fn a_name_too_long_for_a_line_wraps_whole_in_the_legend() {
    let (mut r, _) = demo();
    let long = "An option whose name runs on and on past the width of any legend row, \
                every word of which the board must still read";
    r.options[1].name = long.to_owned();
    let svg = score::contributions(&r, 400).expect("contributions");
    assert_chart(&svg, &[long]);
    // More than one line: the name's first and last words are in different texts.
    assert!(!svg.contains(long), "the name did not wrap");
}
