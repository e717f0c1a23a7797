//! Edits to the regulators' financial risk rating rules the finance engine applies: each
//! metric's boundaries and weight, how the weighted mean is rounded, and the override rules.
//! A team whose regulator publishes new thresholds, or who read a boundary differently, changes
//! them here; the published values come back in one click.

use serde::{Deserialize, Serialize};

use super::input::{EditError, number, refuse_short, whole};
use crate::model::{Appraisal, Better, CosrrRules, MetricBands, OverrideRule, Rounding, SofRules};

const PATH: &str = "settings/finance";

/// The two rating frameworks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Framework {
    /// Monitor's Continuity of Service Risk Rating (4 = least risk).
    Cosrr,
    /// NHS Improvement's Single Oversight Framework finance score (1 = best).
    Sof,
}

impl Framework {
    fn key(self) -> &'static str {
        match self {
            Framework::Cosrr => "cosrr",
            Framework::Sof => "sof",
        }
    }

    pub(super) fn label(self) -> &'static str {
        match self {
            Framework::Cosrr => "CoSRR",
            Framework::Sof => "SOF",
        }
    }

    /// The rating a metric gets in band `band` (0 = best).
    fn rating(self, band: usize) -> usize {
        match self {
            Framework::Cosrr => 4 - band,
            Framework::Sof => 1 + band,
        }
    }
}

/// A metric of one of the frameworks; the CoSRR has capital service cover and liquidity, the
/// SOF capital service capacity, liquidity, margin, distance from plan and agency spend.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum RatingMetric {
    CapitalServiceCover,
    CapitalServiceCapacity,
    Liquidity,
    Margin,
    DistanceFromPlan,
    Agency,
}

impl RatingMetric {
    const ALL: [RatingMetric; 6] = [
        RatingMetric::CapitalServiceCover,
        RatingMetric::CapitalServiceCapacity,
        RatingMetric::Liquidity,
        RatingMetric::Margin,
        RatingMetric::DistanceFromPlan,
        RatingMetric::Agency,
    ];

    fn key(self) -> &'static str {
        match self {
            RatingMetric::CapitalServiceCover => "capital_service_cover",
            RatingMetric::CapitalServiceCapacity => "capital_service_capacity",
            RatingMetric::Liquidity => "liquidity",
            RatingMetric::Margin => "margin",
            RatingMetric::DistanceFromPlan => "distance_from_plan",
            RatingMetric::Agency => "agency",
        }
    }

    fn label(self) -> &'static str {
        match self {
            RatingMetric::CapitalServiceCover => "capital service cover",
            RatingMetric::CapitalServiceCapacity => "capital service capacity",
            RatingMetric::Liquidity => "liquidity",
            RatingMetric::Margin => "I&E margin",
            RatingMetric::DistanceFromPlan => "distance from plan",
            RatingMetric::Agency => "agency spend over the cap",
        }
    }
}

/// Which of an override rule's two ratings an edit sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum OverridePart {
    /// The metric rating that sets the rule off.
    MetricRating,
    /// The best overall rating the rule then allows.
    OverallNoBetterThan,
}

impl OverridePart {
    fn key(self) -> &'static str {
        match self {
            OverridePart::MetricRating => "metric_rating",
            OverridePart::OverallNoBetterThan => "overall_no_better_than",
        }
    }
}

/// Where a metric's fields are, and its name in messages ("CoSRR liquidity").
fn metric_path(framework: Framework, metric: RatingMetric) -> (String, String) {
    (
        format!("{PATH}/{}/{}", framework.key(), metric.key()),
        format!("{} {}", framework.label(), metric.label()),
    )
}

fn bands_mut(
    a: &mut Appraisal,
    framework: Framework,
    metric: RatingMetric,
) -> Option<&mut MetricBands> {
    let rules = &mut a.settings.finance;
    match (framework, metric) {
        (Framework::Cosrr, RatingMetric::CapitalServiceCover) => {
            Some(&mut rules.cosrr.capital_service_cover)
        }
        (Framework::Cosrr, RatingMetric::Liquidity) => Some(&mut rules.cosrr.liquidity),
        (Framework::Sof, RatingMetric::CapitalServiceCapacity) => {
            Some(&mut rules.sof.capital_service_capacity)
        }
        (Framework::Sof, RatingMetric::Liquidity) => Some(&mut rules.sof.liquidity),
        (Framework::Sof, RatingMetric::Margin) => Some(&mut rules.sof.margin),
        (Framework::Sof, RatingMetric::DistanceFromPlan) => Some(&mut rules.sof.distance_from_plan),
        (Framework::Sof, RatingMetric::Agency) => Some(&mut rules.sof.agency),
        _ => None,
    }
}

/// The metric's bands, or a refusal at `field` if the framework has no such metric.
fn metric<'a>(
    a: &'a mut Appraisal,
    framework: Framework,
    metric: RatingMetric,
    field: &str,
) -> Result<&'a mut MetricBands, EditError> {
    match bands_mut(a, framework, metric) {
        Some(bands) => Ok(bands),
        None => refuse_short(
            field,
            format!("The {} has no {} metric", framework.label(), metric.label()),
            "No such metric",
        ),
    }
}

/// One boundary's value, as typed. Boundaries run from the best rating to the worst, so the
/// new value must not pass its neighbours.
pub fn set_cut(
    a: &mut Appraisal,
    framework: Framework,
    rating_metric: RatingMetric,
    cut: usize,
    text: &str,
) -> Result<(), EditError> {
    let (base, name) = metric_path(framework, rating_metric);
    let field = format!("{base}/cuts/{cut}/value");
    let bands = metric(a, framework, rating_metric, &field)?;
    if cut >= bands.cuts.len() {
        return refuse_short(
            field,
            format!("The {name} has no boundary {}", cut + 1),
            "No such boundary",
        );
    }
    let rating = framework.rating(cut);
    let v = number(
        &field,
        &format!("The {name} boundary for a rating of {rating}"),
        text,
    )?;
    // The better rating's boundary comes before this one and the worse one's after; on the
    // scale of a metric that improves upwards, "before" is above.
    type Side = (&'static str, fn(f64, f64) -> bool);
    let (above, below): (Side, Side) = (("above", |v, c| v > c), ("below", |v, c| v < c));
    let (before, after) = match bands.better {
        Better::Higher => (above, below),
        Better::Lower => (below, above),
    };
    for (neighbour, (past, passes)) in [(cut.checked_sub(1), before), (Some(cut + 1), after)] {
        let Some((at, c)) = neighbour.and_then(|i| bands.cuts.get(i).map(|c| (i, c))) else {
            continue;
        };
        if passes(v, c.value) {
            return refuse_short(
                field,
                format!(
                    "The {name} boundary for a rating of {rating} ({v}) is {past} the boundary \
                     for a rating of {} ({}): boundaries run from the best rating to the worst",
                    framework.rating(at),
                    c.value
                ),
                format!("Must not be {past} {}", c.value),
            );
        }
    }
    bands.cuts[cut].value = v;
    Ok(())
}

/// Whether a value exactly on a boundary reaches the better rating.
pub fn set_cut_inclusive(
    a: &mut Appraisal,
    framework: Framework,
    rating_metric: RatingMetric,
    cut: usize,
    inclusive: bool,
) -> Result<(), EditError> {
    let (base, name) = metric_path(framework, rating_metric);
    let field = format!("{base}/cuts/{cut}/inclusive");
    let bands = metric(a, framework, rating_metric, &field)?;
    match bands.cuts.get_mut(cut) {
        Some(c) => {
            c.inclusive = inclusive;
            Ok(())
        }
        None => refuse_short(
            field,
            format!("The {name} has no boundary {}", cut + 1),
            "No such boundary",
        ),
    }
}

/// A metric's weight in its framework's overall rating, as typed: zero or more, and the
/// framework's weights must keep a total above zero.
pub fn set_weight(
    a: &mut Appraisal,
    framework: Framework,
    rating_metric: RatingMetric,
    text: &str,
) -> Result<(), EditError> {
    let (base, name) = metric_path(framework, rating_metric);
    let field = format!("{base}/weight");
    metric(a, framework, rating_metric, &field)?;
    let w = number(&field, &format!("The weight of {name}"), text)?;
    if w < 0.0 {
        return refuse_short(
            field,
            format!("The weight of {name} must be 0 or more; it is {w}"),
            "Must be 0 or more",
        );
    }
    let total: f64 = RatingMetric::ALL
        .iter()
        .filter(|&&m| m != rating_metric)
        .filter_map(|&m| bands_mut(a, framework, m).map(|b| b.weight))
        .sum::<f64>()
        + w;
    let bands = metric(a, framework, rating_metric, &field)?;
    if total <= 0.0 {
        return refuse_short(
            field,
            format!(
                "The {} weights would all be zero: at least one metric must count",
                framework.label()
            ),
            "At least one weight must be above 0",
        );
    }
    bands.weight = w;
    Ok(())
}

pub fn set_rounding(a: &mut Appraisal, framework: Framework, rounding: Rounding) {
    match framework {
        Framework::Cosrr => a.settings.finance.cosrr.rounding = rounding,
        Framework::Sof => a.settings.finance.sof.rounding = rounding,
    }
}

fn overrides(a: &mut Appraisal, framework: Framework) -> &mut Vec<OverrideRule> {
    match framework {
        Framework::Cosrr => &mut a.settings.finance.cosrr.overrides,
        Framework::Sof => &mut a.settings.finance.sof.overrides,
    }
}

fn rating(field: &str, what: &str, text: &str) -> Result<u8, EditError> {
    // From 1 to 4, checked by `whole`.
    Ok(whole(field, what, text, 1..=4)? as u8)
}

fn source(field: &str, note: &str) -> Result<(), EditError> {
    if note.trim().is_empty() {
        refuse_short(
            field,
            "Enter where the rule comes from: the results name it when it changes a rating",
            "Enter where the rule comes from",
        )
    } else {
        Ok(())
    }
}

/// A new override rule, "a rating of `metric_rating` on any metric makes the overall no better
/// than `overall`", with the source it is quoted from.
pub fn add_override(
    a: &mut Appraisal,
    framework: Framework,
    metric_rating: &str,
    overall: &str,
    note: &str,
) -> Result<(), EditError> {
    let base = format!("{PATH}/{}/overrides/new", framework.key());
    let metric_rating = rating(
        &format!("{base}/metric_rating"),
        "the metric rating",
        metric_rating,
    )?;
    let overall_no_better_than = rating(
        &format!("{base}/overall_no_better_than"),
        "the overall rating",
        overall,
    )?;
    source(&format!("{base}/note"), note)?;
    overrides(a, framework).push(OverrideRule {
        metric_rating,
        overall_no_better_than,
        note: note.trim().to_owned(),
    });
    Ok(())
}

fn override_at<'a>(
    a: &'a mut Appraisal,
    framework: Framework,
    index: usize,
    field: &str,
) -> Result<&'a mut OverrideRule, EditError> {
    match overrides(a, framework).get_mut(index) {
        Some(rule) => Ok(rule),
        None => refuse_short(
            field,
            format!(
                "The {} has no override rule {}",
                framework.label(),
                index + 1
            ),
            "No such rule",
        ),
    }
}

/// One of an override rule's ratings, as typed (1 to 4).
pub fn set_override_rating(
    a: &mut Appraisal,
    framework: Framework,
    index: usize,
    part: OverridePart,
    text: &str,
) -> Result<(), EditError> {
    let field = format!(
        "{PATH}/{}/overrides/{index}/{}",
        framework.key(),
        part.key()
    );
    override_at(a, framework, index, &field)?;
    let what = match part {
        OverridePart::MetricRating => "the metric rating",
        OverridePart::OverallNoBetterThan => "the overall rating",
    };
    let v = rating(&field, what, text)?;
    let rule = override_at(a, framework, index, &field)?;
    match part {
        OverridePart::MetricRating => rule.metric_rating = v,
        OverridePart::OverallNoBetterThan => rule.overall_no_better_than = v,
    }
    Ok(())
}

pub fn set_override_note(
    a: &mut Appraisal,
    framework: Framework,
    index: usize,
    note: &str,
) -> Result<(), EditError> {
    let field = format!("{PATH}/{}/overrides/{index}/note", framework.key());
    source(&field, note)?;
    override_at(a, framework, index, &field)?.note = note.trim().to_owned();
    Ok(())
}

pub fn remove_override(
    a: &mut Appraisal,
    framework: Framework,
    index: usize,
) -> Result<(), EditError> {
    let field = format!("{PATH}/{}/overrides/{index}", framework.key());
    override_at(a, framework, index, &field)?;
    overrides(a, framework).remove(index);
    Ok(())
}

/// Puts back the framework's published rules.
pub fn reset(a: &mut Appraisal, framework: Framework) {
    match framework {
        Framework::Cosrr => a.settings.finance.cosrr = CosrrRules::default(),
        Framework::Sof => a.settings.finance.sof = SofRules::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finance;

    fn worst_cosrr(a: &Appraisal, option: &str) -> u8 {
        finance::model(a)
            .unwrap()
            .option(option)
            .unwrap()
            .worst_cosrr
    }

    #[test]
    fn a_lower_liquidity_boundary_lifts_the_splits_worst_cosrr_by_hand() {
        // The demo split in 2015/16: capital service cover 2.21x rates 3 (1.75-2.5x) and
        // liquidity -15.8 days rates 1 (below -14), so the mean is 2 and the worst CoSRR 2.
        // With the lowest boundary at -20 days, -15.8 rates 2, the mean 2.5 rounds up to 3,
        // and every other year already rates 3.
        let mut a = crate::demo::appraisal();
        assert_eq!(worst_cosrr(&a, "SPLIT"), 2);
        set_cut(&mut a, Framework::Cosrr, RatingMetric::Liquidity, 2, "-20").unwrap();
        assert_eq!(a.settings.finance.cosrr.liquidity.cuts[2].value, -20.0);
        assert_eq!(worst_cosrr(&a, "SPLIT"), 3);
        // Rounding down takes the 2.5 back to 2.
        set_rounding(&mut a, Framework::Cosrr, Rounding::Down);
        assert_eq!(worst_cosrr(&a, "SPLIT"), 2);
        reset(&mut a, Framework::Cosrr);
        assert_eq!(a.settings.finance.cosrr, CosrrRules::default());
        assert_eq!(worst_cosrr(&a, "SPLIT"), 2);
    }

    #[test]
    fn boundaries_must_keep_their_order_and_be_numbers() {
        let mut a = crate::demo::appraisal();
        let e = set_cut(&mut a, Framework::Cosrr, RatingMetric::Liquidity, 1, "2").unwrap_err();
        assert_eq!(e.field, "settings/finance/cosrr/liquidity/cuts/1/value");
        assert_eq!(e.short, "Must not be above 0");
        assert_eq!(
            e.message,
            "The CoSRR liquidity boundary for a rating of 3 (2) is above the boundary for a \
             rating of 4 (0): boundaries run from the best rating to the worst"
        );
        let e = set_cut(&mut a, Framework::Cosrr, RatingMetric::Liquidity, 1, "-15").unwrap_err();
        assert_eq!(e.short, "Must not be below -14");
        // Agency spend improves downwards, so its boundaries rise from the best rating.
        let e = set_cut(&mut a, Framework::Sof, RatingMetric::Agency, 1, "60").unwrap_err();
        assert_eq!(e.short, "Must not be above 50");
        set_cut(&mut a, Framework::Sof, RatingMetric::Agency, 1, "10").unwrap();
        let e = set_cut(&mut a, Framework::Sof, RatingMetric::Margin, 0, "one").unwrap_err();
        assert_eq!(
            e.message,
            "The SOF I&E margin boundary for a rating of 1 must be a number, such as 7 or \
             0.25; \"one\" is not a number"
        );
        let e = set_cut(&mut a, Framework::Cosrr, RatingMetric::Margin, 0, "1").unwrap_err();
        assert_eq!(e.short, "No such metric");
        let e = set_cut(&mut a, Framework::Sof, RatingMetric::Margin, 3, "1").unwrap_err();
        assert_eq!(e.short, "No such boundary");
        assert_eq!(
            a.settings.finance.cosrr.liquidity,
            CosrrRules::default().liquidity
        );
        assert!(finance::ratings::check(&a.settings.finance).is_ok());
    }

    #[test]
    fn a_value_on_the_boundary_follows_inclusive() {
        // Default CoSRR capital service cover: above 2.5x (not on it) rates 4.
        let mut a = crate::demo::appraisal();
        set_cut(
            &mut a,
            Framework::Cosrr,
            RatingMetric::CapitalServiceCover,
            0,
            "2.5",
        )
        .unwrap();
        let bands = &a.settings.finance.cosrr.capital_service_cover;
        assert_eq!(finance::ratings::band(2.5, bands), 1);
        set_cut_inclusive(
            &mut a,
            Framework::Cosrr,
            RatingMetric::CapitalServiceCover,
            0,
            true,
        )
        .unwrap();
        let bands = &a.settings.finance.cosrr.capital_service_cover;
        assert_eq!(finance::ratings::band(2.5, bands), 0);
    }

    #[test]
    fn weights_stay_zero_or_more_with_one_counting() {
        // With only liquidity counting, the split's worst CoSRR is its worst liquidity rating:
        // -15.8 days in 2015/16 rates 1 (below -14).
        let mut a = crate::demo::appraisal();
        set_weight(
            &mut a,
            Framework::Cosrr,
            RatingMetric::CapitalServiceCover,
            "0",
        )
        .unwrap();
        assert_eq!(worst_cosrr(&a, "SPLIT"), 1);
        let e = set_weight(&mut a, Framework::Cosrr, RatingMetric::Liquidity, "0").unwrap_err();
        assert_eq!(e.short, "At least one weight must be above 0");
        assert_eq!(e.field, "settings/finance/cosrr/liquidity/weight");
        let e = set_weight(&mut a, Framework::Sof, RatingMetric::Agency, "-0.2").unwrap_err();
        assert_eq!(e.short, "Must be 0 or more");
        assert_eq!(a.settings.finance.cosrr.liquidity.weight, 0.5);
    }

    #[test]
    fn override_rules_are_added_changed_and_removed_with_their_source() {
        let mut a = crate::demo::appraisal();
        let e = add_override(&mut a, Framework::Sof, "3", "2", " ").unwrap_err();
        assert_eq!(e.field, "settings/finance/sof/overrides/new/note");
        let e = add_override(&mut a, Framework::Sof, "5", "2", "x").unwrap_err();
        assert_eq!(e.field, "settings/finance/sof/overrides/new/metric_rating");
        assert_eq!(e.short, "Must be a whole number from 1 to 4");
        add_override(&mut a, Framework::Sof, "3", "2", " Board's own rule ").unwrap();
        let rules = &a.settings.finance.sof.overrides;
        assert_eq!(rules.len(), 2);
        assert_eq!(
            rules[1],
            OverrideRule {
                metric_rating: 3,
                overall_no_better_than: 2,
                note: "Board's own rule".into()
            }
        );
        set_override_rating(
            &mut a,
            Framework::Sof,
            1,
            OverridePart::OverallNoBetterThan,
            "3",
        )
        .unwrap();
        assert_eq!(
            a.settings.finance.sof.overrides[1].overall_no_better_than,
            3
        );
        let e = set_override_note(&mut a, Framework::Sof, 1, "").unwrap_err();
        assert_eq!(e.field, "settings/finance/sof/overrides/1/note");
        let e = remove_override(&mut a, Framework::Sof, 2).unwrap_err();
        assert_eq!(e.short, "No such rule");
        remove_override(&mut a, Framework::Sof, 0).unwrap();
        assert_eq!(a.settings.finance.sof.overrides[0].note, "Board's own rule");
        assert!(finance::ratings::check(&a.settings.finance).is_ok());
    }
}
