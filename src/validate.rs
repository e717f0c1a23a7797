//! Every problem in an appraisal, each tied to the field it is about.
//!
//! [`integrity`] finds what the file cannot hold (duplicate codes, references to nothing,
//! numbers that are not numbers); saving refuses those. [`problems`] adds everything an analyst
//! must fix before the results mean anything (weights that do not sum, missing scores, ...).

use std::collections::{HashMap, HashSet};
use std::fmt;

use serde::Serialize;

use crate::finance::{FinanceError, FinanceResults};
use crate::limits;
use crate::model::financial_year_label;
use crate::model::{
    Appraisal, Criterion, CriterionKind, FinancialYear, LeafSpec, OptionKind, RawValue, Source,
    TravelMatrix, ValueFunction, WeightingMethod,
};
use crate::model::{ValueFunctionFault, WEIGHT_TOLERANCE};
use crate::quote::shorten;

mod sensitivity;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The results would be wrong or cannot be computed.
    Error,
    /// Worth a look; the results can still be computed.
    Warning,
}

/// One problem, located by a path to the field (`criteria/Q1/weight`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Problem {
    pub severity: Severity,
    pub path: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// AHP entries must be reciprocal within this relative tolerance.
const RECIPROCAL_TOLERANCE: f64 = 1e-6;

#[derive(Default)]
struct Report(Vec<Problem>);

impl Report {
    fn error(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.push(Severity::Error, path, message);
    }
    fn warning(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.push(Severity::Warning, path, message);
    }
    fn push(&mut self, severity: Severity, path: impl Into<String>, message: impl Into<String>) {
        self.0.push(Problem {
            severity,
            path: path.into(),
            message: message.into(),
        });
    }
    fn finite(&mut self, path: String, value: f64) {
        if !value.is_finite() {
            self.error(path, format!("{value} is not a number"));
        }
    }
}

/// The problems the file cannot hold: duplicate codes, references to nothing, non-numbers,
/// and values beyond [`crate::limits`] (numbers the editor would refuse, text too long or
/// holding control characters), so nothing out of bounds is ever written.
pub fn integrity(a: &Appraisal) -> Vec<Problem> {
    let mut r = Report::default();
    let orgs = unique(
        &mut r,
        "organisations",
        a.organisations.iter().map(|o| &o.code),
    );
    let sites = unique(&mut r, "sites", a.sites.iter().map(|s| &s.code));
    let services = unique(&mut r, "services", a.services.iter().map(|s| &s.code));
    let zones = unique(&mut r, "zones", a.zones.iter().map(|z| &z.code));
    let options = unique(&mut r, "options", a.options.iter().map(|o| &o.code));
    let criteria = unique(&mut r, "criteria", a.criteria.iter().map(|c| &c.code));
    let scorers = unique(&mut r, "scorers", a.scorers.iter().map(|s| &s.code));
    unique(&mut r, "weight_sets", a.weight_sets.iter().map(|s| &s.code));
    let exists = |r: &mut Report, set: &HashSet<&str>, path: String, what: &str, code: &str| {
        if !set.contains(code) {
            r.error(path, format!("unknown {what} '{}'", shorten(code)));
        }
    };

    for b in &a.meta.discount.bands {
        r.finite(format!("meta/discount/{}/rate", b.from_year), b.rate);
    }
    for o in &a.organisations {
        let mut years = HashSet::new();
        for y in &o.baseline {
            let path = format!("organisations/{}/baseline/{}", o.code, y.year);
            if !years.insert(y.year) {
                r.error(&path, "the year is entered twice");
            }
            for (field, value) in FinancialYear::LINES.into_iter().zip(y.lines()) {
                r.finite(format!("{path}/{field}"), value);
            }
        }
    }
    for s in &a.services {
        let mut modes = HashSet::new();
        for t in &s.thresholds {
            let path = format!("services/{}/thresholds/{}", s.code, t.mode.key());
            if !modes.insert(t.mode) {
                r.error(&path, "the mode has two thresholds");
            }
            r.finite(path, t.minutes);
        }
    }
    for s in &a.sites {
        let path = format!("sites/{}", s.code);
        exists(
            &mut r,
            &orgs,
            format!("{path}/organisation"),
            "organisation",
            &s.organisation,
        );
        let mut seen = HashSet::new();
        for service in &s.services {
            exists(
                &mut r,
                &services,
                format!("{path}/services"),
                "service",
                service,
            );
            if !seen.insert(service) {
                r.error(
                    format!("{path}/services"),
                    format!("'{service}' is listed twice"),
                );
            }
        }
        for (field, value) in [("latitude", s.latitude), ("longitude", s.longitude)] {
            if let Some(v) = value {
                r.finite(format!("{path}/{field}"), v);
            }
        }
    }
    for z in &a.zones {
        let path = format!("zones/{}", z.code);
        r.finite(format!("{path}/population"), z.population);
        for (field, value) in [
            ("latitude", z.latitude),
            ("longitude", z.longitude),
            ("households", z.households),
            ("households_without_car", z.households_without_car),
        ] {
            if let Some(v) = value {
                r.finite(format!("{path}/{field}"), v);
            }
        }
        if let (Some(all), Some(without)) = (z.households, z.households_without_car)
            && !(0.0 <= without && without <= all)
        {
            r.error(
                format!("{path}/households_without_car"),
                format!(
                    "{without} households without a car is not between 0 and the zone's {all} households"
                ),
            );
        }
    }
    for o in &a.options {
        let path = format!("options/{}", o.code);
        let mut members = HashSet::new();
        for m in &o.members {
            exists(&mut r, &orgs, format!("{path}/members"), "organisation", m);
            if !members.insert(m) {
                r.error(format!("{path}/members"), format!("'{m}' is listed twice"));
            }
        }
        let mut pairs = HashSet::new();
        for ss in &o.site_services {
            exists(
                &mut r,
                &sites,
                format!("{path}/site_services"),
                "site",
                &ss.site,
            );
            exists(
                &mut r,
                &services,
                format!("{path}/site_services"),
                "service",
                &ss.service,
            );
            if !pairs.insert((&ss.site, &ss.service)) {
                r.error(
                    format!("{path}/site_services"),
                    format!("'{}' at '{}' is listed twice", ss.service, ss.site),
                );
            }
        }
        let mut moved = HashSet::new();
        for t in &o.site_transfers {
            let tpath = format!("{path}/site_transfers/{}", t.site);
            exists(&mut r, &sites, tpath.clone(), "site", &t.site);
            exists(
                &mut r,
                &orgs,
                format!("{tpath}/to_organisation"),
                "organisation",
                &t.to_organisation,
            );
            if !moved.insert(&t.site) {
                r.error(&tpath, "the site is transferred twice");
            }
            r.finite(format!("{tpath}/income_share"), t.income_share);
            r.finite(format!("{tpath}/cost_share"), t.cost_share);
        }
    }
    for c in &a.criteria {
        let path = format!("criteria/{}", c.code);
        r.finite(format!("{path}/weight"), c.weight);
        if let Some(parent) = &c.parent {
            match a.criteria.iter().find(|p| &p.code == parent) {
                None => r.error(
                    format!("{path}/parent"),
                    format!("unknown group '{parent}'"),
                ),
                Some(p) if p.leaf().is_some() => r.error(
                    format!("{path}/parent"),
                    format!("'{parent}' is a criterion, not a group"),
                ),
                Some(_) => {}
            }
        }
    }
    if let Some(code) = cycle(&a.criteria) {
        r.error(
            format!("criteria/{code}/parent"),
            "the criteria tree loops back on itself",
        );
    }
    let mut weighted = HashSet::new();
    for w in &a.weightings {
        let key = w.parent.as_deref().unwrap_or("(top level)");
        if let Some(parent) = &w.parent {
            exists(
                &mut r,
                &criteria,
                format!("weightings/{key}"),
                "group",
                parent,
            );
        }
        if !weighted.insert(key) {
            r.error(
                format!("weightings/{key}"),
                "the group's weights are set twice",
            );
        }
    }
    let mut scored = HashSet::new();
    for s in &a.scores {
        let path = format!("scores/{}/{}/{}", s.option, s.criterion, s.scorer);
        exists(&mut r, &options, path.clone(), "option", &s.option);
        exists(&mut r, &criteria, path.clone(), "criterion", &s.criterion);
        exists(&mut r, &scorers, path.clone(), "scorer", &s.scorer);
        if !scored.insert((&s.option, &s.criterion, &s.scorer)) {
            r.error(&path, "the scorer scored this twice");
        }
        r.finite(format!("{path}/value"), s.value);
    }
    let mut performed = HashSet::new();
    for p in &a.performances {
        let path = format!("performances/{}/{}", p.option, p.criterion);
        exists(&mut r, &options, path.clone(), "option", &p.option);
        exists(&mut r, &criteria, path.clone(), "criterion", &p.criterion);
        if !performed.insert((&p.option, &p.criterion)) {
            r.error(&path, "entered twice");
        }
        if let RawValue::Number(v) = p.value {
            r.finite(format!("{path}/value"), v);
        }
    }
    sensitivity::numbers(&mut r, &a.settings.sensitivity);
    let roads = &a.settings.roads;
    for (field, value) in [
        ("join_speed_kmh", roads.join_speed_kmh),
        ("max_join_m", roads.max_join_m),
        ("blue_light_share", roads.blue_light_share),
        ("junction_allowance", roads.junction_allowance),
        ("parking_seconds", roads.parking_seconds),
        ("peak_factors/motorway", roads.peak_factors.motorway),
        ("peak_factors/trunk", roads.peak_factors.trunk),
        ("peak_factors/primary", roads.peak_factors.primary),
        ("peak_factors/secondary", roads.peak_factors.secondary),
        ("peak_factors/tertiary", roads.peak_factors.tertiary),
        ("peak_factors/minor", roads.peak_factors.minor),
        ("peak_factors/access", roads.peak_factors.access),
    ] {
        r.finite(format!("settings/roads/{field}"), value);
    }
    for p in limits::out_of_bounds(a) {
        r.error(p.path, p.message);
    }
    r.0.extend(travel_matrix(
        zones.iter().copied(),
        sites.iter().copied(),
        &a.travel_matrix,
    ));
    r.0
}

/// Cells past this many bad ones are counted, not listed: a broken national matrix could
/// otherwise yield millions of problems.
const LISTED_BAD_CELLS: usize = 5;

/// The travel matrix's problems against the appraisal's zone and site codes: unknown or repeated
/// codes, a repeated mode, negative or infinite minutes (NaN is a cell with no value).
pub fn travel_matrix<'a>(
    zones: impl IntoIterator<Item = &'a str>,
    sites: impl IntoIterator<Item = &'a str>,
    m: &TravelMatrix,
) -> Vec<Problem> {
    let mut r = Report::default();
    let zones: HashSet<&str> = zones.into_iter().collect();
    let sites: HashSet<&str> = sites.into_iter().collect();
    for (axis, codes, known) in [("zone", m.zones(), &zones), ("site", m.sites(), &sites)] {
        let mut seen = HashSet::new();
        for code in codes {
            let path = || format!("travel_matrix/{axis}s/{code}");
            if !known.contains(code.as_str()) {
                r.error(path(), format!("unknown {axis} '{code}'"));
            }
            if !seen.insert(code) {
                r.error(path(), format!("the {axis} is in the matrix twice"));
            }
        }
    }
    let mut modes = HashSet::new();
    for mode in m.modes() {
        if !modes.insert(mode) {
            r.error(
                format!("travel_matrix/modes/{}", mode.key()),
                "the mode is in the matrix twice",
            );
        }
    }
    let zone_count = m.zones().len().max(1);
    let is_bad = |v: f32| v < 0.0 || v.is_infinite();
    // Most matrices have no bad cell: a branch-free pass over each chunk (vectorised; 21 million
    // cells in a few milliseconds) says so before any cell is looked at one by one.
    let any_bad = m
        .cells()
        .chunks(4096)
        .any(|chunk| chunk.iter().fold(false, |bad, v| bad | is_bad(*v)));
    let bad: Vec<usize> = if any_bad {
        let cells = m.cells().iter().enumerate();
        cells.filter(|(_, v)| is_bad(**v)).map(|(i, _)| i).collect()
    } else {
        Vec::new()
    };
    for &i in bad.iter().take(LISTED_BAD_CELLS) {
        let (column, zone) = (i / zone_count, i % zone_count);
        let sites_len = m.sites().len().max(1);
        let (mode, site) = (column / sites_len, column % sites_len);
        let value = m.cells()[i];
        r.error(
            format!(
                "travel_matrix/{}/{}/{}",
                m.zones()[zone],
                m.sites()[site],
                m.modes()[mode].key()
            ),
            if value.is_infinite() {
                format!("{value} is not a number of minutes")
            } else {
                format!("{value} minutes is negative")
            },
        );
    }
    if bad.len() > LISTED_BAD_CELLS {
        r.error(
            "travel_matrix",
            format!(
                "{} more cells are negative or infinite",
                bad.len() - LISTED_BAD_CELLS
            ),
        );
    }
    // The reliability bits cover some of the matrix's zones and sites, never others.
    if let Some(t) = m.transit() {
        let rel = t.reliability();
        for (axis, codes, matrix) in [
            ("zones", rel.zones(), m.zones()),
            ("sites", rel.sites(), m.sites()),
        ] {
            let known: HashSet<&str> = matrix.iter().map(String::as_str).collect();
            if let Some(code) = codes.iter().find(|c| !known.contains(c.as_str())) {
                r.error(
                    format!("travel_matrix/transit/reliability/{axis}/{code}"),
                    format!("not in the matrix's {axis}"),
                );
            }
        }
    }
    r.0
}

fn unique<'a>(
    r: &mut Report,
    list: &str,
    codes: impl Iterator<Item = &'a String>,
) -> HashSet<&'a str> {
    let mut seen = HashSet::new();
    for code in codes {
        if code.trim().is_empty() {
            r.error(list, "an item has no code");
        } else if !seen.insert(code.as_str()) {
            r.error(
                format!("{list}/{}", shorten(code)),
                "the code is used twice",
            );
        }
    }
    seen
}

/// The first criterion whose chain of parents loops, if any.
fn cycle(criteria: &[Criterion]) -> Option<&str> {
    let parent: HashMap<&str, &str> = criteria
        .iter()
        .filter_map(|c| c.parent.as_deref().map(|p| (c.code.as_str(), p)))
        .collect();
    criteria.iter().map(|c| c.code.as_str()).find(|start| {
        let mut at = *start;
        for _ in 0..=criteria.len() {
            match parent.get(at) {
                Some(next) if next == start => return true,
                Some(next) => at = next,
                None => return false,
            }
        }
        false
    })
}

/// Every problem in the appraisal, integrity first, with the viability model's refusal in
/// `finance` (validation reports the engine's outcome; it never runs the engine itself).
pub fn problems(a: &Appraisal, finance: &Result<FinanceResults, FinanceError>) -> Vec<Problem> {
    let mut r = Report(integrity(a));
    meta(&mut r, a);
    places(&mut r, a);
    options(&mut r, a);
    option_finance(&mut r, a);
    criteria(&mut r, a);
    panel(&mut r, a);
    sensitivity::problems(&mut r, a);
    for (field, value, reason) in a.settings.roads.problems() {
        r.error(
            format!("settings/roads/{field}"),
            format!("{reason}, not {value}"),
        );
    }
    for (field, value, reason) in a.settings.transit.problems() {
        r.error(
            format!("settings/transit/{field}"),
            format!("{reason}, not {value}"),
        );
    }
    finance_rules(&mut r, a);
    engines(&mut r, a, finance);
    unassessed(&mut r, a);
    r.0
}

/// A warning at the criteria when a scale that follows the options' range makes the preferred
/// option depend on which others are appraised: removing one of them changes it (rank
/// reversal). Scoring finds this ([`crate::score::method::rank_reversal`]), so the evaluation
/// adds it to validation's problems.
pub fn rank_reversal(r: &crate::score::Results) -> Option<Problem> {
    let check = &r.method.rank_reversal;
    if check.range_following.is_empty() || !check.changes {
        return None;
    }
    let name = |code: &str| {
        r.options
            .iter()
            .find(|o| o.code == code)
            .map_or(code.to_owned(), |o| o.name.clone())
    };
    Some(Problem {
        severity: Severity::Warning,
        path: "criteria".to_owned(),
        message: check.describe(r.preferred.as_deref(), name),
    })
}

/// The parts with no data behind them (no zones, no scores, no baselines), as warnings naming
/// where to add it: the results can be computed, but the pack will say they were not assessed.
fn unassessed(r: &mut Report, a: &Appraisal) {
    for gap in crate::assessed::gaps(a) {
        let part = match gap.part {
            crate::assessed::Part::Scores => "the options are not scored",
            crate::assessed::Part::Finance => "viability is not assessed",
            crate::assessed::Part::Travel => "travel and equality are not assessed",
        };
        r.warning(gap.path, format!("{part}: {}", gap.reason));
    }
}

/// Financial risk rating rules the engine cannot apply, each at its field.
fn finance_rules(r: &mut Report, a: &Appraisal) {
    for p in crate::finance::ratings::rule_problems(&a.settings.finance) {
        r.error(p.path, p.message);
    }
}

/// The engines' own refusals (a missing baseline year, an option with no members, ...), as an
/// error when a criterion depends on the engine and a warning otherwise.
fn engines(r: &mut Report, a: &Appraisal, finance: &Result<FinanceResults, FinanceError>) {
    if a.options.is_empty() || a.organisations.is_empty() {
        return;
    }
    if let Err(e) = finance {
        if matches!(e, FinanceError::BadRules(_)) {
            // Already listed at each rule's field by `finance_rules`.
            return;
        }
        let needed = a.criteria.iter().any(|c| {
            matches!(c.leaf(), Some(LeafSpec { source: Source::Derived { metric }, .. }) if metric.starts_with("finance."))
        });
        let message = format!("the viability model cannot run: {e}");
        if needed {
            r.error("finance", message);
        } else {
            r.warning("finance", message);
        }
    }
}

fn meta(r: &mut Report, a: &Appraisal) {
    let m = &a.meta;
    if m.title.trim().is_empty() {
        r.error("meta/title", "the appraisal has no title");
    }
    if m.horizon_years == 0 {
        r.error(
            "meta/horizon_years",
            "the appraisal horizon must be at least one year",
        );
    }
    let mut next = 0;
    for b in &m.discount.bands {
        if b.from_year != next {
            r.error(
                format!("meta/discount/{}", b.from_year),
                format!("the discount bands must follow on: expected a band from year {next}"),
            );
        }
        if b.rate < 0.0 {
            r.error(
                format!("meta/discount/{}/rate", b.from_year),
                "a discount rate cannot be negative",
            );
        }
        next = b.to_year.map_or(u32::MAX, |y| y + 1);
    }
    if m.discount.bands.is_empty() || next != u32::MAX {
        r.error(
            "meta/discount",
            "the discount schedule must cover every year (end with an open band)",
        );
    }
    let scale = &a.settings.panel_scale;
    if scale.min >= scale.max || scale.min.is_nan() || scale.max.is_nan() {
        r.error(
            "settings/panel_scale",
            "the panel scale's maximum must be above its minimum",
        );
    }
}

fn places(r: &mut Report, a: &Appraisal) {
    for s in &a.sites {
        if s.latitude.is_none() || s.longitude.is_none() {
            r.error(
                format!("sites/{}/latitude", s.code),
                format!("{} has no coordinates", s.name),
            );
        }
        coordinates(r, &format!("sites/{}", s.code), s.latitude, s.longitude);
    }
    for z in &a.zones {
        let path = format!("zones/{}", z.code);
        if z.latitude.is_none() || z.longitude.is_none() {
            r.warning(
                format!("{path}/latitude"),
                format!(
                    "{} has no coordinates: travel times can come only from an imported matrix",
                    z.name
                ),
            );
        }
        coordinates(r, &path, z.latitude, z.longitude);
        if z.population <= 0.0 {
            r.error(
                format!("{path}/population"),
                format!("{} has no population", z.name),
            );
        }
        if !(1..=10).contains(&z.imd_decile) {
            r.error(
                format!("{path}/imd_decile"),
                "the IMD decile must be from 1 (most deprived) to 10",
            );
        }
    }
    for s in &a.services {
        // Car and public transport are measured for every service; peak car and blue light
        // only where a service names them, so their absence is no warning.
        for mode in [
            crate::model::TravelMode::Car,
            crate::model::TravelMode::PublicTransport,
        ] {
            if !s.thresholds.iter().any(|t| t.mode == mode) {
                r.warning(
                    format!("services/{}/thresholds", s.code),
                    format!(
                        "{} has no travel threshold by {}",
                        s.name,
                        mode.label().to_lowercase()
                    ),
                );
            }
        }
        for t in &s.thresholds {
            if t.minutes <= 0.0 {
                r.error(
                    format!("services/{}/thresholds/{}", s.code, t.mode.key()),
                    "a travel threshold must be above zero minutes",
                );
            }
        }
    }
    for o in &a.organisations {
        if o.baseline.is_empty() {
            r.warning(
                format!("organisations/{}/baseline", o.code),
                format!("{} has no financial baseline", o.name),
            );
        } else if !o.baseline.iter().any(|y| y.year == a.meta.base_year) {
            r.error(
                format!("organisations/{}/baseline", o.code),
                format!(
                    "{} has no baseline for the base year {}",
                    o.name, a.meta.base_year
                ),
            );
        }
        for y in &o.baseline {
            if y.operating_income < 0.0 || y.pay < 0.0 || y.non_pay < 0.0 {
                r.error(
                    format!("organisations/{}/baseline/{}", o.code, y.year),
                    "income and expenditure cannot be negative",
                );
            }
        }
    }
}

fn coordinates(r: &mut Report, path: &str, lat: Option<f64>, lon: Option<f64>) {
    if lat.is_some_and(|v| !(-90.0..=90.0).contains(&v)) {
        r.error(
            format!("{path}/latitude"),
            "latitude must be between -90 and 90",
        );
    }
    if lon.is_some_and(|v| !(-180.0..=180.0).contains(&v)) {
        r.error(
            format!("{path}/longitude"),
            "longitude must be between -180 and 180",
        );
    }
}

fn options(r: &mut Report, a: &Appraisal) {
    if a.options.is_empty() {
        r.error("options", "the appraisal has no options");
        return;
    }
    let do_minimum = a
        .options
        .iter()
        .filter(|o| o.kind == OptionKind::DoMinimum)
        .count();
    if do_minimum == 0 {
        r.error(
            "options",
            "there is no do-minimum option: the Green Book requires one as the baseline",
        );
    } else if do_minimum > 1 {
        r.warning(
            "options",
            "more than one option is marked do minimum: the first is the baseline",
        );
    }
    for o in &a.options {
        let path = format!("options/{}", o.code);
        if o.members.is_empty() {
            r.error(
                format!("{path}/members"),
                format!("{} has no member organisations", o.name),
            );
        }
        for s in &a.services {
            if !o.site_services.iter().any(|ss| ss.service == s.code) {
                r.warning(
                    format!("{path}/site_services"),
                    format!("no site offers {} under {}", s.name, o.name),
                );
            }
        }
        for t in &o.site_transfers {
            if !(0.0..=1.0).contains(&t.income_share) || !(0.0..=1.0).contains(&t.cost_share) {
                r.error(
                    format!("{path}/site_transfers/{}", t.site),
                    "the shares that move with a site must be between 0 and 1",
                );
            }
        }
    }
}

/// Each option's financial assumptions, checked where they are typed, so the panel links to
/// the entry; the viability model refuses the first of these on its own (see [`engines`]).
fn option_finance(r: &mut Report, a: &Appraisal) {
    let years = a.meta.years();
    let (first, last) = (*years.start(), *years.end());
    let orgs: HashSet<&str> = a.organisations.iter().map(|o| o.code.as_str()).collect();
    let year = |r: &mut Report, path: String, what: &str, y: i32| {
        if !years.contains(&y) {
            r.warning(
                path,
                format!(
                    "{what} falls in {}, outside the appraisal's years ({} to {}), so it is left out",
                    financial_year_label(y),
                    financial_year_label(first),
                    financial_year_label(last)
                ),
            );
        }
    };
    let spend = |r: &mut Report, path: String, what: &str, v: f64| {
        if v.is_finite() && v < 0.0 {
            r.error(
                path,
                format!("{what} is {v}: expenditure cannot be negative"),
            );
        } else {
            r.finite(path, v);
        }
    };
    for o in &a.options {
        let f = &o.finance;
        let base = |list: &str, i: usize| format!("options/{}/finance/{list}/{i}", o.code);
        for (i, s) in f.synergies.iter().enumerate() {
            let path = base("synergies", i);
            r.finite(format!("{path}/recurrent_saving"), s.recurrent_saving);
            if let Some((k, p)) = s
                .phasing
                .iter()
                .enumerate()
                .find(|(_, p)| !(0.0..=1.0).contains(*p))
            {
                r.error(
                    format!("{path}/phasing"),
                    format!(
                        "{}: the share of synergy '{}' achieved in option year {} is {}%; it must be from 0 to 100%",
                        o.name,
                        s.category,
                        k + 1,
                        p * 100.0
                    ),
                );
            }
        }
        for (i, c) in f.one_off_costs.iter().enumerate() {
            let path = base("one_off_costs", i);
            let what = format!("{}: one-off cost '{}'", o.name, c.category);
            year(r, format!("{path}/year"), &what, c.year);
            spend(r, format!("{path}/amount"), &what, c.amount);
        }
        for (i, c) in f.capital.iter().enumerate() {
            let path = base("capital", i);
            let what = format!("{}: capital '{}'", o.name, c.description);
            year(r, format!("{path}/year"), &what, c.year);
            spend(r, format!("{path}/amount"), &what, c.amount);
            spend(
                r,
                format!("{path}/optimism_bias"),
                &format!("{what}'s optimism bias"),
                c.optimism_bias,
            );
        }
        for (i, t) in f.transitional_funding.iter().enumerate() {
            let path = base("transitional_funding", i);
            year(
                r,
                format!("{path}/year"),
                &format!("{}: transitional funding", o.name),
                t.year,
            );
            r.finite(format!("{path}/amount"), t.amount);
        }
        for (i, t) in f.income_transfers.iter().enumerate() {
            let path = base("income_transfers", i);
            for (field, code) in [
                ("from_organisation", &t.from_organisation),
                ("to_organisation", &t.to_organisation),
            ] {
                if !orgs.contains(code.as_str()) {
                    r.error(
                        format!("{path}/{field}"),
                        format!(
                            "{}: income transfer {} names '{code}', which is not an organisation of the appraisal",
                            o.name,
                            i + 1
                        ),
                    );
                }
            }
            if t.from_organisation == t.to_organisation {
                r.error(
                    format!("{path}/to_organisation"),
                    format!(
                        "{}: income transfer {} moves income from {} to itself",
                        o.name,
                        i + 1,
                        t.from_organisation
                    ),
                );
            }
            year(
                r,
                format!("{path}/from_year"),
                &format!("{}: income transfer {}", o.name, i + 1),
                t.from_year,
            );
            r.finite(format!("{path}/amount"), t.amount);
            r.finite(format!("{path}/cost"), t.cost);
        }
    }
}

fn criteria(r: &mut Report, a: &Appraisal) {
    if a.criteria.is_empty() {
        r.error("criteria", "the appraisal has no criteria");
        return;
    }
    let mut siblings: HashMap<Option<&str>, Vec<&Criterion>> = HashMap::new();
    for c in &a.criteria {
        siblings.entry(c.parent.as_deref()).or_default().push(c);
        let path = format!("criteria/{}", c.code);
        if c.weight < 0.0 {
            r.error(
                format!("{path}/weight"),
                format!("{} has a negative weight", c.name),
            );
        }
        match &c.kind {
            CriterionKind::Group => {
                if !a
                    .criteria
                    .iter()
                    .any(|k| k.parent.as_deref() == Some(c.code.as_str()))
                {
                    r.error(&path, format!("the group {} has no criteria in it", c.name));
                }
            }
            CriterionKind::Leaf(spec) => {
                value_function(r, &path, &c.name, &spec.value_function);
                direction(r, &path, c, spec);
                if let Some(h) = &spec.hurdle
                    && !(0.0..=100.0).contains(&h.pass_value)
                {
                    r.error(
                        format!("{path}/hurdle"),
                        "a hurdle's pass value must be from 0 to 100",
                    );
                }
            }
        }
    }
    let mut groups: Vec<_> = siblings.into_iter().collect();
    groups.sort_by(|x, y| x.0.cmp(&y.0));
    for (parent, children) in groups {
        let sum: f64 = children.iter().map(|c| c.weight).sum();
        if (sum - 1.0).abs() > WEIGHT_TOLERANCE {
            let path = match parent {
                Some(p) => format!("criteria/{p}/weights"),
                None => "criteria/weights".to_owned(),
            };
            let names: Vec<&str> = children.iter().map(|c| c.name.as_str()).collect();
            r.error(
                path,
                format!("the weights of {} sum to {sum:.4}, not 1", names.join(", ")),
            );
        }
    }
    for w in &a.weightings {
        let key = w.parent.as_deref().unwrap_or("(top level)");
        let path = format!("weightings/{key}");
        let children: Vec<&str> = a
            .criteria
            .iter()
            .filter(|c| c.parent.as_deref() == w.parent.as_deref())
            .map(|c| c.code.as_str())
            .collect();
        match &w.method {
            WeightingMethod::Direct => {}
            WeightingMethod::Swing { ratings } => {
                for e in ratings {
                    if !children.contains(&e.criterion.as_str()) {
                        r.error(&path, format!("'{}' is not in this group", e.criterion));
                    }
                    if !(0.0..=100.0).contains(&e.value) {
                        r.error(
                            format!("{path}/{}", e.criterion),
                            "a swing rating must be from 0 to 100",
                        );
                    }
                }
            }
            WeightingMethod::Ahp { order, matrix } => ahp(r, &path, &children, order, matrix),
        }
    }
    let codes: HashSet<&str> = a.criteria.iter().map(|c| c.code.as_str()).collect();
    for s in &a.weight_sets {
        for e in &s.weights {
            if !codes.contains(e.criterion.as_str()) {
                r.error(
                    format!("weight_sets/{}", s.code),
                    format!("unknown criterion '{}'", e.criterion),
                );
            }
            if e.value < 0.0 || e.value.is_nan() {
                r.error(
                    format!("weight_sets/{}/{}", s.code, e.criterion),
                    "a weight must be a number of zero or more",
                );
            }
        }
    }
}

/// The model's rules for a value function ([`ValueFunction::faults`]) in the validator's
/// words; a number that is not one cannot come from the file, so it is not reported here.
fn value_function(r: &mut Report, path: &str, name: &str, f: &ValueFunction) {
    let path = format!("{path}/value_function");
    for fault in f.faults() {
        let message = match fault {
            ValueFunctionFault::NotFinite(_) => continue,
            ValueFunctionFault::FlatLinear(worst) => {
                format!("{name}: the worst and best values are equal ({worst})")
            }
            ValueFunctionFault::TooFewPoints(_) => {
                format!("{name}: a piecewise value function needs at least two points")
            }
            ValueFunctionFault::UnsortedPoints { .. } => {
                format!("{name}: the points must be in increasing order of raw value")
            }
            ValueFunctionFault::ValueOutOfRange(_) => {
                format!("{name}: values must be from 0 to 100")
            }
            ValueFunctionFault::NoCategories => format!("{name}: no categories"),
        };
        r.error(&path, message);
    }
}

/// A numeric value function that runs against its criterion's direction rewards the options
/// that do worst: an error at the value function, naming the criterion as the screens do.
fn direction(r: &mut Report, path: &str, c: &Criterion, spec: &LeafSpec) {
    if let Some(against) = spec.value_function.against(spec.direction) {
        r.error(
            format!("{path}/value_function"),
            format!(
                "{}: {}; turn the function round, or change which is better",
                c.name,
                against.describe(spec.direction, &spec.unit)
            ),
        );
    }
}

fn ahp(r: &mut Report, path: &str, children: &[&str], order: &[String], matrix: &[Vec<f64>]) {
    let n = order.len();
    if matrix.len() != n || matrix.iter().any(|row| row.len() != n) {
        r.error(
            path,
            format!("the pairwise comparison matrix must be {n} x {n}"),
        );
        return;
    }
    for c in order {
        if !children.contains(&c.as_str()) {
            r.error(path, format!("'{c}' is not in this group"));
        }
    }
    for i in 0..n {
        for j in 0..n {
            let (x, y) = (matrix[i][j], matrix[j][i]);
            if x <= 0.0 || !x.is_finite() {
                r.error(
                    format!("{path}/{}/{}", order[i], order[j]),
                    "a comparison must be a positive number",
                );
            } else if (x * y - 1.0).abs() > RECIPROCAL_TOLERANCE {
                r.error(
                    format!("{path}/{}/{}", order[i], order[j]),
                    format!("the comparison is not reciprocal: {x} against {y}"),
                );
            }
        }
    }
}

fn panel(r: &mut Report, a: &Appraisal) {
    let scale = &a.settings.panel_scale;
    let leaves: Vec<(&Criterion, &LeafSpec)> = a
        .criteria
        .iter()
        .filter_map(|c| c.leaf().map(|l| (c, l)))
        .collect();
    let panel_leaves: Vec<&Criterion> = leaves
        .iter()
        .filter(|(_, l)| l.source == Source::Panel)
        .map(|(c, _)| *c)
        .collect();
    if !panel_leaves.is_empty() && a.scorers.is_empty() {
        r.error(
            "scorers",
            "criteria are panel-scored but the panel has no scorers",
        );
    }
    let mut scores: HashMap<(&str, &str), Vec<&str>> = HashMap::new();
    for s in &a.scores {
        scores
            .entry((&s.option, &s.criterion))
            .or_default()
            .push(&s.scorer);
        let path = format!("scores/{}/{}/{}/value", s.option, s.criterion, s.scorer);
        if !(scale.min..=scale.max).contains(&s.value) {
            r.error(
                path,
                format!(
                    "the score {} is outside the scale {} to {}",
                    s.value, scale.min, scale.max
                ),
            );
        } else if !panel_leaves.iter().any(|c| c.code == s.criterion) {
            r.warning(
                path,
                format!(
                    "'{}' is not panel-scored; the score is ignored",
                    s.criterion
                ),
            );
        }
    }
    for o in &a.options {
        for c in &panel_leaves {
            let have = scores.get(&(o.code.as_str(), c.code.as_str()));
            let missing: Vec<&str> = a
                .scorers
                .iter()
                .filter(|s| !have.is_some_and(|h| h.contains(&s.code.as_str())))
                .map(|s| s.name.as_str())
                .collect();
            if !missing.is_empty() {
                r.error(
                    format!("scores/{}/{}", o.code, c.code),
                    format!(
                        "{} not scored on {} by {}",
                        o.name,
                        c.name,
                        missing.join(", ")
                    ),
                );
            }
        }
        for (c, spec) in &leaves {
            let path = format!("performances/{}/{}", o.code, c.code);
            let performance = a
                .performances
                .iter()
                .find(|p| p.option == o.code && p.criterion == c.code);
            match (&spec.source, performance) {
                (Source::Panel, _) => {}
                (Source::Assessment, None) => {
                    r.error(path, format!("{} has no assessment on {}", o.name, c.name))
                }
                (Source::Derived { metric }, None) => {
                    if !crate::metrics::served(metric) {
                        r.error(path, format!("{} has no value for {}: no engine computes '{metric}', so enter one by hand", o.name, c.name));
                    }
                }
                (Source::Derived { metric }, Some(p))
                    if p.manual && crate::metrics::served(metric) =>
                {
                    r.warning(path, format!("{} on {}: '{metric}' is computed by its engine, so the hand-entered value is not used", o.name, c.name));
                }
                (_, Some(p)) => {
                    if let (ValueFunction::Categorical { categories }, RawValue::Category(label)) =
                        (&spec.value_function, &p.value)
                        && !categories.iter().any(|k| &k.label == label)
                    {
                        r.error(
                            format!("{path}/value"),
                            format!("'{label}' is not one of the categories of {}", c.name),
                        );
                    }
                    match (&spec.value_function, &p.value) {
                        (ValueFunction::Categorical { .. }, RawValue::Number(_)) => r.error(
                            format!("{path}/value"),
                            format!("{} takes a category, not a number", c.name),
                        ),
                        (
                            ValueFunction::Linear { .. } | ValueFunction::Piecewise { .. },
                            RawValue::Category(_),
                        ) => r.error(
                            format!("{path}/value"),
                            format!("{} takes a number, not a category", c.name),
                        ),
                        _ => {}
                    }
                    if spec.hurdle.is_some() && p.evidence.trim().is_empty() {
                        r.error(
                            format!("{path}/evidence"),
                            format!("the hurdle {} has no evidence for {}", c.name, o.name),
                        );
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        Direction, LeafSpec, SensitivitySettings, WeightDraw, WeightModel, Weighting,
    };

    fn leaf(code: &str, parent: Option<&str>, weight: f64) -> Criterion {
        Criterion {
            code: code.to_owned(),
            name: code.to_owned(),
            description: String::new(),
            parent: parent.map(str::to_owned),
            weight,
            kind: CriterionKind::Leaf(LeafSpec {
                source: Source::Panel,
                direction: Direction::HigherIsBetter,
                unit: String::new(),
                value_function: ValueFunction::Linear {
                    worst: 0.0,
                    best: 10.0,
                },
                hurdle: None,
            }),
        }
    }

    #[test]
    fn a_value_function_against_its_direction_is_an_error_naming_the_criterion() {
        let mut a = crate::demo::appraisal();
        let at =
            |a: &Appraisal, code: &str| a.criteria.iter().position(|c| c.code == code).unwrap();
        // Maternity journeys: lower is better, its function falls from 15 to 0 minutes.
        let i = at(&a, "ACC-MAT");
        let CriterionKind::Leaf(spec) = &mut a.criteria[i].kind else {
            panic!("a leaf")
        };
        spec.value_function = ValueFunction::Linear {
            worst: 0.0,
            best: 15.0,
        };
        let found: Vec<String> = problems(&a, &Ok(crate::finance::model(&a).unwrap()))
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            found,
            [
                "criteria/ACC-MAT/value_function: Change in travel time to maternity by car: lower is better, but its value function rises from 0 at 0 minutes to 100 at 15 minutes; turn the function round, or change which is better"
            ]
        );
        // A higher-is-better piecewise function with a dip is caught at the dip.
        let i = at(&a, "VIA-MARGIN");
        let CriterionKind::Leaf(spec) = &mut a.criteria[i].kind else {
            panic!("a leaf")
        };
        spec.value_function = ValueFunction::Piecewise {
            points: [(-10.0, 0.0), (-2.0, 70.0), (0.0, 60.0), (2.0, 100.0)]
                .map(|(raw, value)| crate::model::Point { raw, value })
                .to_vec(),
        };
        let found = problems(&a, &Ok(crate::finance::model(&a).unwrap()));
        assert!(found.iter().any(|p| p.path == "criteria/VIA-MARGIN/value_function"
            && p.message == "I&E margin in the final year: higher is better, but its value function falls from 70 at -2 % to 60 at 0 %; turn the function round, or change which is better"), "{found:?}");
    }

    #[test]
    fn local_weights_within_a_billionth_of_1_sum_to_1() {
        let mut a = Appraisal::new("t");
        // Thirds as a spreadsheet would type them: they sum to 0.999999999, 1e-9 short.
        a.criteria = vec![
            leaf("A", None, 0.333_333_333),
            leaf("B", None, 0.333_333_333),
            leaf("C", None, 0.333_333_333),
        ];
        let sums = |a: &Appraisal| {
            crate::evaluation::Evaluation::of(a)
                .problems()
                .iter()
                .filter(|p| p.path == "criteria/weights")
                .count()
        };
        assert_eq!(sums(&a), 0);
        assert!(crate::score::sums::unsummed(&a.criteria).is_empty());
        a.criteria[2].weight = 0.3333;
        assert_eq!(sums(&a), 1);
    }

    #[test]
    fn finds_weights_that_do_not_sum_and_a_non_reciprocal_ahp() {
        let mut a = Appraisal::new("t");
        a.criteria = vec![leaf("A", None, 0.5), leaf("B", None, 0.4)];
        a.weightings = vec![Weighting {
            parent: None,
            method: WeightingMethod::Ahp {
                order: vec!["A".into(), "B".into()],
                matrix: vec![vec![1.0, 3.0], vec![0.5, 1.0]],
            },
        }];
        let found = crate::evaluation::Evaluation::of(&a).problems().to_vec();
        assert!(
            found
                .iter()
                .any(|p| p.path == "criteria/weights" && p.message.contains("sum to 0.9000"))
        );
        assert!(found.iter().any(
            |p| p.path == "weightings/(top level)/A/B" && p.message.contains("not reciprocal")
        ));
    }

    #[test]
    fn the_demo_is_clean_and_a_broken_baseline_stops_the_viability_model() {
        let mut a = crate::demo::appraisal();
        assert_eq!(
            crate::evaluation::Evaluation::of(&a).problems().to_vec(),
            []
        );
        a.organisations[0].baseline[1].operating_income = 0.0;
        let found = crate::evaluation::Evaluation::of(&a).problems().to_vec();
        let finance: Vec<&Problem> = found.iter().filter(|p| p.path == "finance").collect();
        assert_eq!(finance.len(), 1, "{found:?}");
        assert_eq!(finance[0].severity, Severity::Error);
        assert!(
            finance[0]
                .message
                .starts_with("the viability model cannot run: "),
            "{}",
            finance[0].message
        );
        assert!(
            finance[0].message.contains("2014"),
            "{}",
            finance[0].message
        );
    }

    #[test]
    fn rating_rules_the_engine_cannot_apply_are_listed_at_their_fields_once() {
        let mut a = crate::demo::appraisal();
        a.settings.finance.sof.margin.cuts[2].value = 5.0;
        let found = crate::evaluation::Evaluation::of(&a).problems().to_vec();
        assert_eq!(
            found,
            [Problem {
                severity: Severity::Error,
                path: "settings/finance/sof/margin/cuts/2/value".into(),
                message: "SOF I&E margin's boundaries must run from the best rating to the worst"
                    .into(),
            }]
        );
    }

    #[test]
    fn finds_bad_option_finance_at_the_field() {
        let mut a = crate::demo::appraisal();
        let o = a
            .options
            .iter()
            .position(|o| !o.finance.synergies.is_empty())
            .unwrap();
        let code = a.options[o].code.clone();
        let f = &mut a.options[o].finance;
        f.synergies[0].phasing = vec![0.5, 1.2];
        f.one_off_costs[0].amount = -10.0;
        f.one_off_costs[0].year = 2030;
        let found = crate::evaluation::Evaluation::of(&a).problems().to_vec();
        let at = |field: &str| {
            let path = format!("options/{code}/finance/{field}");
            found.iter().find(|p| p.path == path).cloned()
        };
        let phasing = at("synergies/0/phasing").expect("phasing");
        assert_eq!(phasing.severity, Severity::Error);
        assert!(
            phasing.message.contains("option year 2 is 120%"),
            "{}",
            phasing.message
        );
        let amount = at("one_off_costs/0/amount").expect("amount");
        assert!(
            amount
                .message
                .ends_with("is -10: expenditure cannot be negative"),
            "{}",
            amount.message
        );
        let year = at("one_off_costs/0/year").expect("year");
        assert_eq!(year.severity, Severity::Warning);
        assert!(
            year.message
                .contains("falls in 2030/31, outside the appraisal's years (2013/14 to "),
            "{}",
            year.message
        );
        // The viability model still refuses on its own, as before.
        assert!(found.iter().any(|p| p.path == "finance"));
    }

    #[test]
    fn a_parent_loop_is_an_integrity_error() {
        let mut a = Appraisal::new("t");
        let mut g1 = leaf("G1", Some("G2"), 1.0);
        g1.kind = CriterionKind::Group;
        let mut g2 = leaf("G2", Some("G1"), 1.0);
        g2.kind = CriterionKind::Group;
        a.criteria = vec![g1, g2];
        assert!(integrity(&a).iter().any(|p| p.message.contains("loops")));
    }

    /// The demo's problems under the settings.sensitivity path, as "path: message".
    fn sensitivity_problems(edit: impl FnOnce(&mut SensitivitySettings)) -> Vec<String> {
        let mut a = crate::demo::appraisal();
        edit(&mut a.settings.sensitivity);
        crate::evaluation::Evaluation::of(&a)
            .problems()
            .to_vec()
            .iter()
            .filter(|p| p.path.starts_with("settings/sensitivity"))
            .inspect(|p| assert_eq!(p.severity, Severity::Error))
            .map(ToString::to_string)
            .collect()
    }

    fn bound(criterion: &str, min: f64, max: f64) -> crate::model::WeightBound {
        crate::model::WeightBound {
            criterion: criterion.to_owned(),
            min,
            max,
        }
    }

    #[test]
    fn finds_bad_transit_settings_by_field() {
        let mut a = Appraisal::new("t");
        a.settings.transit.walk_speed_kmh = 0.0;
        a.settings.transit.max_transfers = 12;
        let found = crate::evaluation::Evaluation::of(&a).problems().to_vec();
        let transit: Vec<(&str, &str)> = found
            .iter()
            .filter(|p| p.path.starts_with("settings/transit/"))
            .map(|p| (p.path.as_str(), p.message.as_str()))
            .collect();
        assert_eq!(
            transit,
            [
                (
                    "settings/transit/walk_speed_kmh",
                    "must be above 0 and at most 20, not 0"
                ),
                (
                    "settings/transit/max_transfers",
                    "must be at most 10, not 12"
                ),
            ]
        );
    }

    #[test]
    fn the_default_sensitivity_settings_have_no_problems() {
        assert!(sensitivity_problems(|_| {}).is_empty());
    }

    #[test]
    fn finds_bad_sensitivity_settings_by_field() {
        assert_eq!(
            sensitivity_problems(|s| {
                s.samples = 0;
                s.confidence_samples = 0;
                s.tornado_share = 1.5;
            }),
            [
                "settings/sensitivity/samples: SMAA needs at least 1 draw, not 0",
                "settings/sensitivity/confidence_samples: SMAA needs at least 1 draw, not 0",
                "settings/sensitivity/tornado_share: the share must be from 0 to 1 (0.5 = +/-50%), not 1.5",
            ]
        );
        assert_eq!(
            sensitivity_problems(|s| s.weights = WeightModel::AroundBase { share: -0.1 }),
            [
                "settings/sensitivity/weights/share: the share must be from 0 to 1 (0.5 = +/-50%), not -0.1"
            ]
        );
    }

    #[test]
    fn finds_weight_bounds_that_exclude_every_weight_vector() {
        // The demo has 12 weighted leaves: with each at most 0.05 the weights sum to 0.6 at most.
        assert_eq!(
            sensitivity_problems(|s| {
                s.draw = WeightDraw::Flat;
                s.weights = WeightModel::Bounds {
                    bounds: [
                        "VIA-MARGIN",
                        "VIA-NPV",
                        "VIA-LIQ",
                        "QUA-STD",
                        "QUA-MASS",
                        "QUA-INT",
                        "QUA-CQC",
                        "ACC-AE",
                        "ACC-MAT",
                        "ACC-DEP",
                        "DEL-EASE",
                        "DEL-TIME",
                    ]
                    .iter()
                    .map(|c| bound(c, 0.0, 0.05))
                    .collect(),
                }
            }),
            [
                "settings/sensitivity/weights/bounds: the weight bounds exclude every weight vector: the minimums sum to 0.0000 and the maximums to 0.6000, but the weights must sum to 1"
            ]
        );
        assert_eq!(
            sensitivity_problems(|s| {
                s.draw = WeightDraw::Flat;
                s.weights = WeightModel::Bounds {
                    bounds: vec![
                        bound("VIA-MARGIN", 0.7, 0.9),
                        bound("QUA-STD", 0.4, 0.5),
                        bound("ACC-AE", 0.6, 0.2),
                        bound("QUA", 0.0, 0.5),
                        bound("NOPE", 0.0, 0.5),
                    ],
                }
            }),
            [
                "settings/sensitivity/weights/bounds/ACC-AE: the bounds run from 0.6 to 0.2: they must satisfy 0 <= min <= max <= 1",
                "settings/sensitivity/weights/bounds/QUA: 'QUA' is not a weighted leaf criterion (a group, a hurdle or a zero weight): only the weights of weighted leaves are sampled",
                "settings/sensitivity/weights/bounds/NOPE: unknown criterion 'NOPE'",
                "settings/sensitivity/weights/bounds: the weight bounds exclude every weight vector: the minimums sum to 1.7000 and the maximums to 10.6000, but the weights must sum to 1",
            ]
        );
    }

    #[test]
    fn finds_a_ranking_naming_unknown_or_repeated_criteria() {
        assert_eq!(
            sensitivity_problems(|s| {
                s.draw = WeightDraw::Flat;
                s.weights = WeightModel::Ranking {
                    ranking: ["QUA-STD", "XYZ", "VIA-MARGIN", "QUA-STD", "TEST-ENG"]
                        .map(str::to_owned)
                        .to_vec(),
                }
            }),
            [
                "settings/sensitivity/weights/ranking/XYZ: unknown criterion 'XYZ'",
                "settings/sensitivity/weights/ranking/QUA-STD: 'QUA-STD' is named twice",
                "settings/sensitivity/weights/ranking/TEST-ENG: 'TEST-ENG' is not a weighted leaf criterion (a group, a hurdle or a zero weight): only the weights of weighted leaves are sampled",
            ]
        );
    }

    fn group(code: &str, weights: WeightModel) -> crate::model::GroupWeights {
        crate::model::GroupWeights {
            group: code.to_owned(),
            weights,
        }
    }

    #[test]
    fn finds_bad_level_by_level_models_naming_the_group() {
        // Level by level (the default), the appraisal's model is over the top level.
        assert_eq!(
            sensitivity_problems(|s| {
                s.weights = WeightModel::Ranking {
                    ranking: ["QUA", "VIA-NPV", "TESTS"].map(str::to_owned).to_vec(),
                }
            }),
            [
                "settings/sensitivity/weights/ranking/VIA-NPV: 'VIA-NPV' is not a top-level criterion carrying weight: level by level, the weight model is over the top level's weights",
                "settings/sensitivity/weights/ranking/TESTS: 'TESTS' is not a top-level criterion carrying weight: level by level, the weight model is over the top level's weights",
            ]
        );
        assert_eq!(
            sensitivity_problems(|s| {
                s.groups = vec![
                    group("NOPE", WeightModel::Uniform),
                    group("VIA-NPV", WeightModel::Uniform),
                    group("TESTS", WeightModel::Uniform),
                    group("VIA", WeightModel::Uniform),
                    group("VIA", WeightModel::Uniform),
                    group(
                        "QUA",
                        WeightModel::Bounds {
                            bounds: vec![
                                bound("QUA-STD", 0.0, 0.2),
                                bound("QUA-MASS", 0.0, 0.2),
                                bound("QUA-INT", 0.0, 0.2),
                                bound("QUA-CQC", 0.0, 0.2),
                            ],
                        },
                    ),
                    group(
                        "ACC",
                        WeightModel::Ranking {
                            ranking: ["ACC-AE", "VIA-NPV", "ACC-AE"].map(str::to_owned).to_vec(),
                        },
                    ),
                    group("DEL", WeightModel::AroundBase { share: 2.0 }),
                ];
            }),
            [
                "settings/sensitivity/groups/NOPE: unknown group 'NOPE'",
                "settings/sensitivity/groups/VIA-NPV: Net present value against do minimum (VIA-NPV) is a leaf criterion: only a group has children whose weights are drawn",
                "settings/sensitivity/groups/TESTS: the group Service change tests (TESTS) carries no weight (only hurdles or zero weights), so nothing within it is drawn",
                "settings/sensitivity/groups/VIA: the group Viability (VIA) is named twice",
                "settings/sensitivity/groups/QUA/weights/bounds: within Quality (QUA): the weight bounds exclude every weight vector: the minimums sum to 0.0000 and the maximums to 0.8000, but the weights must sum to 1",
                "settings/sensitivity/groups/ACC/weights/ranking/VIA-NPV: within Access (ACC): 'VIA-NPV' is not one of the children of Access carrying weight",
                "settings/sensitivity/groups/ACC/weights/ranking/ACC-AE: within Access (ACC): 'ACC-AE' is named twice",
                "settings/sensitivity/groups/DEL/weights/share: within Deliverability (DEL): the share must be from 0 to 1 (0.5 = +/-50%), not 2",
            ]
        );
    }

    #[test]
    fn group_models_under_the_flat_draw_are_a_warning() {
        let mut a = crate::demo::appraisal();
        a.settings.sensitivity.draw = WeightDraw::Flat;
        a.settings.sensitivity.groups = vec![group("QUA", WeightModel::Uniform)];
        let found: Vec<String> = crate::evaluation::Evaluation::of(&a)
            .problems()
            .iter()
            .filter(|p| p.path.starts_with("settings/sensitivity"))
            .map(|p| format!("{:?} {p}", p.severity))
            .collect();
        assert_eq!(
            found,
            [
                "Warning settings/sensitivity/groups: the flat draw leaves the groups' weight models unused: draw level by level to use them"
            ]
        );
    }
}
