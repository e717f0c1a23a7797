//! What an appraisal may hold: the range of every number the app's editor bounds, and the
//! longest text each field takes, in one place, so that every way in (the window's edits,
//! spreadsheets, the JSON form) and [`crate::validate::integrity`] (run by every save) refuse
//! the same things. Without them a year count of four billion makes the engines allocate and
//! overflow, a 50 MB description makes the board pack take minutes and gigabytes, and a NUL
//! character breaks the charts.
//!
//! Text: a one-line field (a code, a name, a title, a unit, a category) takes at most
//! [`LINE_CHARS`] characters and no control characters; a free-text field (a description, a
//! rationale, evidence, a note, a scale descriptor) takes at most [`PARAGRAPH_CHARS`] and no
//! control characters but tab and line breaks.

use std::ops::RangeInclusive;

use crate::model::{Appraisal, CriterionKind, RawValue, Source, ValueFunction, WeightModel};
use crate::quote::shorten;

/// The most characters in a one-line field: a code, a name, a title, a unit, a category.
pub const LINE_CHARS: usize = 200;
/// The most characters in a free-text field: a description, rationale, evidence or note.
pub const PARAGRAPH_CHARS: usize = 10_000;

/// Base years (and baseline years): financial years NHS accounts can be found for, and a
/// margin.
pub const YEARS: RangeInclusive<i32> = 1990..=2100;
/// The longest horizon: the Green Book appraises over a project's life, rarely beyond 60
/// years. (0 is left to [`crate::validate::problems`], which explains it.)
pub const MAX_HORIZON: u32 = 60;
/// The highest discount rate in percent; the Green Book's is 3.5.
pub const MAX_RATE_PERCENT: f64 = 20.0;
/// [`MAX_RATE_PERCENT`] as the fraction the file holds.
pub const MAX_RATE: f64 = MAX_RATE_PERCENT / 100.0;
/// The most SMAA draws, of weights or of scores per confidence factor: the editor's bound.
pub const MAX_SAMPLES: u32 = 100_000;
/// The largest journey increase (minutes) that counts a person as worse off.
pub const MAX_TRAVEL_INCREASE: f64 = 240.0;
/// Years an option's finance entries may fall in: the base years and a horizon beyond them.
pub const FINANCE_YEARS: RangeInclusive<i32> = *YEARS.start()..=*YEARS.end() + MAX_HORIZON as i32;

/// What a text field is: one line, or free text over several lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Text {
    /// Codes, names, titles, units, categories: at most [`LINE_CHARS`], no control characters.
    Line,
    /// Descriptions, rationales, evidence, notes: at most [`PARAGRAPH_CHARS`]; tab and line
    /// breaks are the only control characters allowed.
    Paragraph,
}

impl Text {
    /// The most characters this kind of field takes.
    pub fn max_chars(self) -> usize {
        match self {
            Text::Line => LINE_CHARS,
            Text::Paragraph => PARAGRAPH_CHARS,
        }
    }
}

/// Why `value` cannot be a `kind` field, in words that follow the field's name ("is 12,000
/// characters long: ..."); None if it can.
pub fn text_problem(value: &str, kind: Text) -> Option<String> {
    let max = kind.max_chars();
    // Counting the characters of a huge value would itself take long: a value of more than
    // four bytes per allowed character is too long however it is encoded.
    if value.len() > max {
        let chars = if value.len() > max * 4 {
            None
        } else {
            Some(value.chars().count())
        };
        if chars.is_none_or(|n| n > max) {
            let length = chars.map_or_else(
                || format!("{} bytes", thousands(value.len())),
                |n| format!("{} characters", thousands(n)),
            );
            return Some(format!(
                "is {length} long; it may have at most {} characters",
                thousands(max)
            ));
        }
    }
    let allowed = |c: char| kind == Text::Paragraph && matches!(c, '\t' | '\n' | '\r');
    let (at, c) = value
        .chars()
        .enumerate()
        .find(|(_, c)| c.is_control() && !allowed(*c))?;
    Some(format!(
        "holds a control character (U+{:04X}) at character {}: {}; remove it",
        u32::from(c),
        at + 1,
        match kind {
            Text::Line => "a one-line field takes none",
            Text::Paragraph => "only tabs and line breaks are allowed",
        }
    ))
}

/// 12345678 as "12,345,678".
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// One value outside its bounds: the field (a [`crate::validate`] path) and why.
#[derive(Debug, Clone, PartialEq)]
pub struct OutOfBounds {
    pub path: String,
    pub message: String,
}

#[derive(Default)]
struct Found(Vec<OutOfBounds>);

impl Found {
    fn text(&mut self, path: impl FnOnce() -> String, value: &str, kind: Text) {
        if let Some(why) = text_problem(value, kind) {
            self.0.push(OutOfBounds {
                path: path(),
                message: format!("the text {why}"),
            });
        }
    }

    fn line(&mut self, path: impl FnOnce() -> String, value: &str) {
        self.text(path, value, Text::Line);
    }

    fn paragraph(&mut self, path: impl FnOnce() -> String, value: &str) {
        self.text(path, value, Text::Paragraph);
    }

    /// A number that must lie in `range` (given as it is written in messages).
    fn within<T: PartialOrd + std::fmt::Display + Copy>(
        &mut self,
        path: impl FnOnce() -> String,
        value: T,
        range: RangeInclusive<T>,
    ) {
        if !range.contains(&value) {
            self.0.push(OutOfBounds {
                path: path(),
                message: format!(
                    "{value} is out of bounds: it must be from {} to {}",
                    range.start(),
                    range.end()
                ),
            });
        }
    }
}

/// Every value of `a` outside its bounds: text too long or holding control characters, and
/// numbers beyond what the editor accepts. Codes are quoted shortened in paths, so a path
/// stays readable whatever the code. The audit trail and export records are the store's own
/// and are not checked; nor is the travel matrix (see [`crate::validate::travel_matrix`]).
pub fn out_of_bounds(a: &Appraisal) -> Vec<OutOfBounds> {
    let mut f = Found::default();
    meta(&mut f, a);
    places(&mut f, a);
    options(&mut f, a);
    criteria(&mut f, a);
    panel(&mut f, a);
    settings(&mut f, a);
    f.0
}

fn meta(f: &mut Found, a: &Appraisal) {
    let m = &a.meta;
    f.line(|| "meta/title".to_owned(), &m.title);
    f.line(|| "meta/health_economy".to_owned(), &m.health_economy);
    f.line(|| "meta/author".to_owned(), &m.author);
    f.paragraph(|| "meta/description".to_owned(), &m.description);
    f.within(|| "meta/base_year".to_owned(), m.base_year, YEARS);
    f.within(
        || "meta/horizon_years".to_owned(),
        m.horizon_years,
        0..=MAX_HORIZON,
    );
    for b in &m.discount.bands {
        if b.rate.is_finite() {
            f.within(
                || format!("meta/discount/{}/rate", b.from_year),
                b.rate,
                0.0..=MAX_RATE,
            );
        }
        if let Some(to) = b.to_year {
            // The next band starts the year after: a last year of u32::MAX would overflow.
            f.within(
                || format!("meta/discount/{}/to_year", b.from_year),
                to,
                b.from_year..=u32::MAX - 1,
            );
        }
    }
}

fn places(f: &mut Found, a: &Appraisal) {
    for o in &a.organisations {
        let at = || format!("organisations/{}", shorten(&o.code));
        f.line(|| format!("{}/code", at()), &o.code);
        f.line(|| format!("{}/name", at()), &o.name);
        for y in &o.baseline {
            f.within(
                || format!("{}/baseline/{}/year", at(), y.year),
                y.year,
                YEARS,
            );
        }
    }
    for s in &a.services {
        let at = || format!("services/{}", shorten(&s.code));
        f.line(|| format!("{}/code", at()), &s.code);
        f.line(|| format!("{}/name", at()), &s.name);
    }
    for s in &a.sites {
        let at = || format!("sites/{}", shorten(&s.code));
        f.line(|| format!("{}/code", at()), &s.code);
        f.line(|| format!("{}/name", at()), &s.name);
        coordinates(f, &at(), s.latitude, s.longitude);
    }
    for z in &a.zones {
        let at = || format!("zones/{}", shorten(&z.code));
        f.line(|| format!("{}/code", at()), &z.code);
        f.line(|| format!("{}/name", at()), &z.name);
        f.within(|| format!("{}/imd_decile", at()), z.imd_decile, 1..=10);
        if z.population.is_finite() {
            f.within(
                || format!("{}/population", at()),
                z.population,
                0.0..=f64::MAX,
            );
        }
        coordinates(f, &at(), z.latitude, z.longitude);
    }
}

fn coordinates(f: &mut Found, at: &str, latitude: Option<f64>, longitude: Option<f64>) {
    for (field, value, limit) in [
        ("latitude", latitude, 90.0),
        ("longitude", longitude, 180.0),
    ] {
        if let Some(v) = value.filter(|v| v.is_finite()) {
            f.within(|| format!("{at}/{field}"), v, -limit..=limit);
        }
    }
}

fn options(f: &mut Found, a: &Appraisal) {
    for o in &a.options {
        let at = || format!("options/{}", shorten(&o.code));
        f.line(|| format!("{}/code", at()), &o.code);
        f.line(|| format!("{}/name", at()), &o.name);
        f.paragraph(|| format!("{}/description", at()), &o.description);
        for t in &o.site_transfers {
            let tat = || format!("{}/site_transfers/{}", at(), shorten(&t.site));
            for (field, v) in [
                ("income_share", t.income_share),
                ("cost_share", t.cost_share),
            ] {
                if v.is_finite() {
                    f.within(|| format!("{}/{field}", tat()), v, 0.0..=1.0);
                }
            }
        }
        let fin = &o.finance;
        let year = |f: &mut Found, list: &str, i: usize, y: i32| {
            f.within(
                || format!("{}/finance/{list}/{i}/year", at()),
                y,
                FINANCE_YEARS,
            );
        };
        for (i, s) in fin.synergies.iter().enumerate() {
            f.line(
                || format!("{}/finance/synergies/{i}/category", at()),
                &s.category,
            );
        }
        for (i, c) in fin.one_off_costs.iter().enumerate() {
            f.line(
                || format!("{}/finance/one_off_costs/{i}/category", at()),
                &c.category,
            );
            year(f, "one_off_costs", i, c.year);
        }
        for (i, c) in fin.capital.iter().enumerate() {
            f.paragraph(
                || format!("{}/finance/capital/{i}/description", at()),
                &c.description,
            );
            year(f, "capital", i, c.year);
        }
        for (i, t) in fin.transitional_funding.iter().enumerate() {
            year(f, "transitional_funding", i, t.year);
        }
        for (i, t) in fin.income_transfers.iter().enumerate() {
            year(f, "income_transfers", i, t.from_year);
        }
    }
}

fn criteria(f: &mut Found, a: &Appraisal) {
    for c in &a.criteria {
        let at = || format!("criteria/{}", shorten(&c.code));
        f.line(|| format!("{}/code", at()), &c.code);
        f.line(|| format!("{}/name", at()), &c.name);
        f.paragraph(|| format!("{}/description", at()), &c.description);
        if let CriterionKind::Leaf(l) = &c.kind {
            f.line(|| format!("{}/unit", at()), &l.unit);
            if let Source::Derived { metric } = &l.source {
                f.line(|| format!("{}/source", at()), metric);
            }
            if let ValueFunction::Categorical { categories } = &l.value_function {
                for k in categories {
                    f.line(
                        || format!("{}/value_function/categories/{}", at(), shorten(&k.label)),
                        &k.label,
                    );
                }
            }
        }
    }
    for s in &a.weight_sets {
        let at = || format!("weight_sets/{}", shorten(&s.code));
        f.line(|| format!("{}/code", at()), &s.code);
        f.line(|| format!("{}/name", at()), &s.name);
        f.paragraph(|| format!("{}/description", at()), &s.description);
    }
}

fn panel(f: &mut Found, a: &Appraisal) {
    for s in &a.scorers {
        let at = || format!("scorers/{}", shorten(&s.code));
        f.line(|| format!("{}/code", at()), &s.code);
        f.line(|| format!("{}/name", at()), &s.name);
        f.line(|| format!("{}/role", at()), &s.role);
    }
    for s in &a.scores {
        let at = || {
            format!(
                "scores/{}/{}/{}",
                shorten(&s.option),
                shorten(&s.criterion),
                shorten(&s.scorer)
            )
        };
        f.paragraph(|| format!("{}/rationale", at()), &s.rationale);
        f.paragraph(|| format!("{}/evidence", at()), &s.evidence);
    }
    for p in &a.performances {
        let at = || {
            format!(
                "performances/{}/{}",
                shorten(&p.option),
                shorten(&p.criterion)
            )
        };
        if let RawValue::Category(label) = &p.value {
            f.line(|| format!("{}/value", at()), label);
        }
        f.paragraph(|| format!("{}/evidence", at()), &p.evidence);
    }
    for d in &a.settings.panel_scale.descriptors {
        f.paragraph(
            || format!("settings/panel_scale/descriptors/{}", d.score),
            &d.text,
        );
    }
}

fn settings(f: &mut Found, a: &Appraisal) {
    let s = &a.settings;
    if s.travel_increase_minutes.is_finite() {
        f.within(
            || "settings/travel_increase_minutes".to_owned(),
            s.travel_increase_minutes,
            0.0..=MAX_TRAVEL_INCREASE,
        );
    }
    let sens = &s.sensitivity;
    // No draws at all is left to the completeness check, which explains it.
    f.within(
        || "settings/sensitivity/samples".to_owned(),
        sens.samples,
        0..=MAX_SAMPLES,
    );
    f.within(
        || "settings/sensitivity/confidence_samples".to_owned(),
        sens.confidence_samples,
        0..=MAX_SAMPLES,
    );
    if let WeightModel::Ranking { ranking } = &sens.weights {
        f.within(
            || "settings/sensitivity/weights/ranking".to_owned(),
            ranking.len(),
            0..=a.criteria.len(),
        );
    }
    // Each group at most once (the check names a repeat), so no more than there are criteria.
    f.within(
        || "settings/sensitivity/groups".to_owned(),
        sens.groups.len(),
        0..=a.criteria.len(),
    );
    for g in &sens.groups {
        f.line(
            || format!("settings/sensitivity/groups/{}", g.group),
            &g.group,
        );
        if let WeightModel::Ranking { ranking } = &g.weights {
            f.within(
                || format!("settings/sensitivity/groups/{}/weights/ranking", g.group),
                ranking.len(),
                0..=a.criteria.len(),
            );
        }
    }
    let rules = &s.finance;
    for (framework, overrides) in [
        ("cosrr", &rules.cosrr.overrides),
        ("sof", &rules.sof.overrides),
    ] {
        for (i, o) in overrides.iter().enumerate() {
            let at = || format!("settings/finance/{framework}/overrides/{i}");
            f.within(|| format!("{}/metric_rating", at()), o.metric_rating, 1..=4);
            f.within(
                || format!("{}/overall_no_better_than", at()),
                o.overall_no_better_than,
                1..=4,
            );
            f.paragraph(|| format!("{}/note", at()), &o.note);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_refused_when_too_long_or_holding_control_characters() {
        assert_eq!(text_problem("Mid Staffs", Text::Line), None);
        assert_eq!(text_problem(&"x".repeat(LINE_CHARS), Text::Line), None);
        assert_eq!(
            text_problem(&"x".repeat(LINE_CHARS + 1), Text::Line).as_deref(),
            Some("is 201 characters long; it may have at most 200 characters")
        );
        // Multi-byte characters count once.
        assert_eq!(text_problem(&"é".repeat(LINE_CHARS), Text::Line), None);
        assert_eq!(
            text_problem(&"x".repeat(50_000_000), Text::Paragraph).as_deref(),
            Some("is 50,000,000 bytes long; it may have at most 10,000 characters")
        );
        assert_eq!(
            text_problem("a\0b", Text::Line).as_deref(),
            Some(
                "holds a control character (U+0000) at character 2: a one-line field takes none; remove it"
            )
        );
        assert!(text_problem("a\tb", Text::Line).is_some());
        assert_eq!(text_problem("one\r\n\ttwo", Text::Paragraph), None);
        assert!(text_problem("bell\u{7}", Text::Paragraph).is_some());
        assert!(text_problem("c1\u{85}", Text::Paragraph).is_some());
    }

    #[test]
    fn the_demo_is_within_bounds() {
        assert_eq!(out_of_bounds(&crate::demo::appraisal()), Vec::new());
    }

    #[test]
    fn numbers_beyond_the_editor_bounds_are_named_by_field() {
        let mut a = crate::demo::appraisal();
        a.meta.horizon_years = 4_000_000_000;
        a.settings.sensitivity.samples = 100_001;
        a.zones[0].imd_decile = 0;
        a.options[1].description = "d".repeat(PARAGRAPH_CHARS + 1);
        a.organisations[0].name = "NUL\0".to_owned();
        let zone = a.zones[0].code.clone();
        let option = a.options[1].code.clone();
        let org = a.organisations[0].code.clone();
        let found: Vec<(String, String)> = out_of_bounds(&a)
            .into_iter()
            .map(|p| (p.path, p.message))
            .collect();
        assert_eq!(
            found,
            vec![
                (
                    "meta/horizon_years".to_owned(),
                    "4000000000 is out of bounds: it must be from 0 to 60".to_owned()
                ),
                (
                    format!("organisations/{org}/name"),
                    "the text holds a control character (U+0000) at character 4: a one-line field takes none; remove it".to_owned()
                ),
                (
                    format!("zones/{zone}/imd_decile"),
                    "0 is out of bounds: it must be from 1 to 10".to_owned()
                ),
                (
                    format!("options/{option}/description"),
                    "the text is 10,001 characters long; it may have at most 10,000 characters"
                        .to_owned()
                ),
                (
                    "settings/sensitivity/samples".to_owned(),
                    "100001 is out of bounds: it must be from 0 to 100000".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn the_editor_draws_at_most_what_the_file_holds() {
        assert_eq!(*crate::session::SAMPLES.end(), MAX_SAMPLES as usize);
    }

    #[test]
    fn counts_are_written_with_thousands_separators() {
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(thousands(999), "999");
    }
}
