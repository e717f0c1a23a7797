//! Edits to what the appraisal is as a whole: its title and description, who wrote it, whether
//! it is final, the years it covers and the discount rates its NPVs use, and the journey
//! increase the travel engine counts as a loss.

use serde::{Deserialize, Serialize};

use super::input::{EditError, capitalised, financial_year, number, refuse_short, whole};
use crate::model::financial_year_label;
use crate::model::{Appraisal, DiscountSchedule, Status};

/// The appraisal's lines of free text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum MetaText {
    Title,
    HealthEconomy,
    Author,
    Description,
}

impl MetaText {
    /// The field's name in the file and in field paths.
    pub fn key(self) -> &'static str {
        match self {
            MetaText::Title => "title",
            MetaText::HealthEconomy => "health_economy",
            MetaText::Author => "author",
            MetaText::Description => "description",
        }
    }

    /// As Undo and messages name it.
    pub fn label(self) -> &'static str {
        match self {
            MetaText::Title => "title",
            MetaText::HealthEconomy => "health economy",
            MetaText::Author => "author",
            MetaText::Description => "description",
        }
    }
}

/// Base years the app accepts: financial years NHS accounts can be found for, and a margin.
const YEARS: std::ops::RangeInclusive<i32> = crate::limits::YEARS;
/// The longest horizon: the Green Book appraises over a project's life, rarely beyond 60 years.
const MAX_HORIZON: u32 = crate::limits::MAX_HORIZON;
/// The highest discount rate accepted, in percent; the Green Book's is 3.5.
const MAX_RATE: f64 = crate::limits::MAX_RATE_PERCENT;

/// A line of text; only the title is required (every output is headed by it).
pub fn set_text(a: &mut Appraisal, field: MetaText, text: &str) -> Result<(), EditError> {
    if field == MetaText::Title && text.trim().is_empty() {
        return refuse_short(
            "meta/title",
            "Enter a title for the appraisal",
            "Enter a title",
        );
    }
    let m = &mut a.meta;
    let slot = match field {
        MetaText::Title => &mut m.title,
        MetaText::HealthEconomy => &mut m.health_economy,
        MetaText::Author => &mut m.author,
        MetaText::Description => &mut m.description,
    };
    text.clone_into(slot);
    Ok(())
}

pub fn set_status(a: &mut Appraisal, status: Status) {
    a.meta.status = status;
}

/// Marks a demo or training appraisal, so no output of it is taken for a recommendation.
pub fn set_illustrative(a: &mut Appraisal, illustrative: bool) {
    a.meta.illustrative = illustrative;
}

/// The first financial year, typed "2015" or "2015/16". Baselines, finance entries and NPVs
/// count from it; entries it leaves outside the appraisal's years show in the validation panel.
pub fn set_base_year(a: &mut Appraisal, text: &str) -> Result<(), EditError> {
    const FIELD: &str = "meta/base_year";
    let t = text.trim();
    match financial_year(t) {
        Some(y) if YEARS.contains(&y) => {
            a.meta.base_year = y;
            Ok(())
        }
        Some(y) => refuse_short(
            FIELD,
            format!(
                "The base year must be from {} to {}; it is {}",
                financial_year_label(*YEARS.start()),
                financial_year_label(*YEARS.end()),
                financial_year_label(y)
            ),
            format!(
                "Must be from {} to {}",
                financial_year_label(*YEARS.start()),
                financial_year_label(*YEARS.end())
            ),
        ),
        None => refuse_short(
            FIELD,
            format!("The base year must be a financial year, such as 2015/16; \"{t}\" is not one"),
            format!("\"{t}\" is not a year"),
        ),
    }
}

/// How many years the appraisal covers, a whole number from 1 to [`MAX_HORIZON`].
pub fn set_horizon(a: &mut Appraisal, text: &str) -> Result<(), EditError> {
    a.meta.horizon_years = whole(
        "meta/horizon_years",
        "the number of years appraised",
        text,
        1..=MAX_HORIZON,
    )?;
    Ok(())
}

fn band_field(a: &Appraisal, band: usize, part: &str) -> Result<String, EditError> {
    match a.meta.discount.bands.get(band) {
        Some(b) => Ok(format!("meta/discount/{}/{part}", b.from_year)),
        None => refuse_short(
            "meta/discount",
            format!("The discount schedule has no band {}", band + 1),
            "No such band",
        ),
    }
}

/// One band's discount rate, typed in percent ("3.5").
pub fn set_discount_rate(a: &mut Appraisal, band: usize, text: &str) -> Result<(), EditError> {
    let field = band_field(a, band, "rate")?;
    let b = &a.meta.discount.bands[band];
    let what = format!("the discount rate for {}", years_of(b.from_year, b.to_year));
    let v = number(&field, &what, text)?;
    if !(0.0..=MAX_RATE).contains(&v) {
        return refuse_short(
            field,
            format!(
                "{} must be from 0 to {MAX_RATE}%; it is {v}%",
                capitalised(&what)
            ),
            format!("Must be from 0 to {MAX_RATE}%"),
        );
    }
    a.meta.discount.bands[band].rate = v / 100.0;
    Ok(())
}

/// The last year of a band; the next band then starts the year after. The last band is open.
pub fn set_discount_end(a: &mut Appraisal, band: usize, text: &str) -> Result<(), EditError> {
    let field = band_field(a, band, "to_year")?;
    let bands = &a.meta.discount.bands;
    if band + 1 == bands.len() {
        return refuse_short(
            field,
            "The last band of the discount schedule runs on without end",
            "The last band has no end",
        );
    }
    let from = bands[band].from_year;
    // The next band must keep at least one year of its own.
    let latest = bands[band + 1].to_year.map_or(u32::MAX - 1, |y| y - 1);
    let v = number(&field, "the last year of the band", text)?;
    if v.fract() != 0.0 || v < f64::from(from) || v > f64::from(latest) {
        let range = if latest == u32::MAX - 1 {
            format!("{from} or more")
        } else {
            format!("from {from} to {latest}")
        };
        return refuse_short(
            field,
            format!(
                "The band starting in year {from} must end in a whole year {range}, so the bands follow on; it is {v}"
            ),
            format!("Must be a whole year {range}"),
        );
    }
    let end = v as u32;
    let bands = &mut a.meta.discount.bands;
    bands[band].to_year = Some(end);
    bands[band + 1].from_year = end + 1;
    Ok(())
}

/// Puts back HM Treasury's Green Book schedule (3.5% for years 0-30, declining after).
pub fn reset_discount(a: &mut Appraisal) {
    a.meta.discount = DiscountSchedule::green_book();
}

/// "years 0 to 30", "years 301 on".
fn years_of(from: u32, to: Option<u32>) -> String {
    match to {
        Some(to) => format!("years {from} to {to}"),
        None => format!("years {from} on"),
    }
}

/// The journey increase (minutes, against do minimum) that counts a person as worse off.
pub fn set_travel_increase(a: &mut Appraisal, text: &str) -> Result<(), EditError> {
    const FIELD: &str = "settings/travel_increase_minutes";
    let v = number(FIELD, "the increase in journey time that counts", text)?;
    if !(0.0..=240.0).contains(&v) {
        return refuse_short(
            FIELD,
            format!(
                "The increase in journey time that counts must be from 0 to 240 minutes; it is {v}"
            ),
            "Must be from 0 to 240 minutes",
        );
    }
    a.settings.travel_increase_minutes = v;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finance;

    fn demo() -> Appraisal {
        crate::demo::appraisal()
    }

    fn npv(a: &Appraisal, option: &str) -> f64 {
        let m = finance::model(a).unwrap();
        m.options
            .iter()
            .find(|o| o.code == option)
            .unwrap()
            .economic
            .npv
    }

    #[test]
    fn texts_and_status_change_and_the_title_is_required() {
        let mut a = demo();
        set_text(&mut a, MetaText::HealthEconomy, "Staffordshire").unwrap();
        set_text(&mut a, MetaText::Author, "Strategy team").unwrap();
        set_text(&mut a, MetaText::Description, "").unwrap();
        set_status(&mut a, Status::Final);
        assert_eq!(
            (
                a.meta.health_economy.as_str(),
                a.meta.author.as_str(),
                a.meta.description.as_str(),
                a.meta.status
            ),
            ("Staffordshire", "Strategy team", "", Status::Final)
        );
        let e = set_text(&mut a, MetaText::Title, "  ").unwrap_err();
        assert_eq!(
            (e.field.as_str(), e.short.as_str()),
            ("meta/title", "Enter a title")
        );
    }

    #[test]
    fn base_year_and_horizon_are_read_as_typed_and_checked() {
        let mut a = demo();
        set_base_year(&mut a, "2014/15").unwrap();
        assert_eq!(a.meta.base_year, 2014);
        set_base_year(&mut a, " 2013 ").unwrap();
        assert_eq!(a.meta.base_year, 2013);
        let e = set_base_year(&mut a, "2014/16").unwrap_err();
        assert_eq!(e.short, "\"2014/16\" is not a year");
        let e = set_base_year(&mut a, "1850").unwrap_err();
        assert_eq!(e.short, "Must be from 1990/91 to 2100/01");

        set_horizon(&mut a, "5").unwrap();
        assert_eq!(a.meta.horizon_years, 5);
        for bad in ["0", "2.5", "61"] {
            let e = set_horizon(&mut a, bad).unwrap_err();
            assert_eq!(e.short, "Must be a whole number from 1 to 60", "{bad}");
        }
        assert_eq!(a.meta.horizon_years, 5);
        // The field's name follows "Enter" in lower case and opens a sentence capitalised.
        let e = set_horizon(&mut a, " ").unwrap_err();
        assert_eq!(e.message, "Enter the number of years appraised");
        let e = set_horizon(&mut a, "ten").unwrap_err();
        assert!(
            e.message
                .starts_with("The number of years appraised must be a number"),
            "{}",
            e.message
        );
    }

    #[test]
    fn a_shorter_horizon_puts_later_costs_outside_and_says_so() {
        let mut a = demo();
        set_horizon(&mut a, "2").unwrap();
        // The demo's option costs run to 2015/16, the third year: now outside.
        let found = crate::evaluation::Evaluation::of(&a).problems().to_vec();
        assert!(
            found.iter().any(|p| p.path.ends_with("/year")
                && p.message
                    .contains("outside the appraisal's years (2013/14 to 2014/15)")),
            "{found:?}"
        );
    }

    #[test]
    fn a_discount_rate_changes_the_npv_by_the_hand_computed_factor() {
        // With every band at 0% the NPV is the plain sum of the flows; at 3.5% each year t's
        // flow is divided by 1.035^t. Check the engine against that sum for one option.
        let mut a = demo();
        for band in 0..a.meta.discount.bands.len() {
            set_discount_rate(&mut a, band, "0").unwrap();
        }
        let undiscounted = npv(&a, "MERGE-N");
        let flows = {
            let m = finance::model(&a).unwrap();
            m.options
                .iter()
                .find(|o| o.code == "MERGE-N")
                .unwrap()
                .economic
                .net_cash_flows
                .clone()
        };
        assert!((flows.iter().sum::<f64>() - undiscounted).abs() < 1e-6);
        set_discount_rate(&mut a, 0, "3.5").unwrap();
        let expected: f64 = flows
            .iter()
            .enumerate()
            .map(|(t, f)| f / 1.035_f64.powi(t as i32))
            .sum();
        assert!((npv(&a, "MERGE-N") - expected).abs() < 1e-6);

        let e = set_discount_rate(&mut a, 0, "25").unwrap_err();
        assert_eq!(e.field, "meta/discount/0/rate");
        assert_eq!(e.short, "Must be from 0 to 20%");
        assert!(
            e.message
                .starts_with("The discount rate for years 0 to 30 must be")
        );
        reset_discount(&mut a);
        assert_eq!(a.meta.discount, DiscountSchedule::green_book());
    }

    #[test]
    fn a_band_end_moves_the_next_band_start_and_keeps_the_bands_in_order() {
        let mut a = demo();
        set_discount_end(&mut a, 0, "20").unwrap();
        let b = &a.meta.discount.bands;
        assert_eq!((b[0].to_year, b[1].from_year), (Some(20), 21));
        assert!(
            crate::evaluation::Evaluation::of(&a)
                .problems()
                .to_vec()
                .iter()
                .all(|p| !p.path.starts_with("meta/discount"))
        );
        // Band 2 runs to 75: band 1 may end at 74 at the latest, and not before it starts.
        let e = set_discount_end(&mut a, 0, "75").unwrap_err();
        assert_eq!(e.short, "Must be a whole year from 0 to 74");
        assert_eq!(e.field, "meta/discount/0/to_year");
        let last = a.meta.discount.bands.len() - 1;
        let e = set_discount_end(&mut a, last, "400").unwrap_err();
        assert_eq!(e.short, "The last band has no end");
        let e = set_discount_end(&mut a, 9, "1").unwrap_err();
        assert_eq!(e.short, "No such band");
    }

    #[test]
    fn the_travel_increase_is_minutes_from_0_to_240() {
        let mut a = demo();
        set_travel_increase(&mut a, "15").unwrap();
        assert_eq!(a.settings.travel_increase_minutes, 15.0);
        let e = set_travel_increase(&mut a, "-1").unwrap_err();
        assert_eq!(e.short, "Must be from 0 to 240 minutes");
    }
}
