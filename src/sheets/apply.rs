//! Merging imported tables into an appraisal: rows add or replace entities by their code
//! (baselines by organisation and year, scores by scorer, option and criterion); an option's
//! site configuration and the travel matrix are replaced whole by what the sheet gives. Every
//! reference is checked against the appraisal as it will be, row by row.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::schema::{self, BASELINE_LINES, Kind};
use super::table::{Problem, Row, Table};
use crate::model::{
    Appraisal, AppraisalOption, CriterionKind, FinancialYear, OptionFinance, Organisation,
    ProjectionAssumptions, Score, Scorer, Service, Site, SiteService, Source, Threshold,
    TravelMatrix, TravelMode, Zone,
};
use crate::quote::shorten;

/// How many rows of each sheet an import added or changed.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Applied {
    /// (sheet name, rows) in the order the sheets are applied.
    pub rows: Vec<(String, usize)>,
}

/// The order sheets apply in, so that each sheet's references are already in place.
const ORDER: [Kind; 10] = [
    Kind::Organisations,
    Kind::Baselines,
    Kind::Services,
    Kind::Sites,
    Kind::Zones,
    Kind::Options,
    Kind::OptionSites,
    Kind::Scorers,
    Kind::Scores,
    Kind::Travel,
];

/// Applies `tables` to `a`, recording every problem; `a` is only meaningful if none was found.
pub fn apply(a: &mut Appraisal, tables: &[Table], problems: &mut Vec<Problem>) -> Applied {
    let mut applied = Applied::default();
    for kind in ORDER {
        for t in tables.iter().filter(|t| t.sheet.kind == kind) {
            let n = t.rows.len();
            match kind {
                Kind::Organisations => organisations(a, t, problems),
                Kind::Baselines => baselines(a, t, problems),
                Kind::Services => services(a, t, problems),
                Kind::Sites => sites(a, t, problems),
                Kind::Zones => zones(a, t, problems),
                Kind::Options => options(a, t, problems),
                Kind::OptionSites => option_sites(a, t, problems),
                Kind::Scorers => scorers(a, t, problems),
                Kind::Scores => scores(a, t, problems),
                Kind::Travel => travel(a, t, problems),
            }
            applied.rows.push((t.sheet.name.to_owned(), n));
        }
    }
    applied
}

/// Reads each row of `t` into an entity with `read` (None when a cell or reference was bad:
/// `read` has recorded why); a code given on an earlier row is a problem; each good entity
/// replaces the one with its code, after `keep` has carried over what the sheet does not
/// describe, or is appended. Codes are looked up in an index, so a sheet of n rows over n
/// entities takes time linear in n.
fn keyed<T>(
    t: &Table,
    problems: &mut Vec<Problem>,
    items: &mut Vec<T>,
    code_of: impl Fn(&T) -> &str,
    keep: impl Fn(&T, &mut T),
    mut read: impl FnMut(&mut Row) -> Option<T>,
) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut index: HashMap<String, usize> = items
        .iter()
        .enumerate()
        .map(|(i, x)| (code_of(x).to_owned(), i))
        .collect();
    for i in 0..t.rows.len() {
        let Some(mut r) = t.row(i, problems) else {
            continue;
        };
        let Some(mut item) = read(&mut r) else {
            continue;
        };
        let code = code_of(&item).to_owned();
        if let Some(earlier) = seen.insert(code.clone(), r.number) {
            r.problem(
                "code",
                format!("'{}' is already given on row {earlier}", shorten(&code)),
            );
            continue;
        }
        match index.get(&code).and_then(|&at| items.get_mut(at)) {
            Some(slot) => {
                keep(slot, &mut item);
                *slot = item;
            }
            None => {
                index.insert(code, items.len());
                items.push(item);
            }
        }
    }
}

/// Codes in `codes` that `known` does not know, as a problem on `column` (false if there are).
fn all_known(
    r: &mut Row,
    column: &str,
    what: &str,
    codes: &[String],
    known: impl Fn(&str) -> bool,
) -> bool {
    let unknown: Vec<String> = codes
        .iter()
        .map(String::as_str)
        .filter(|c| !known(c))
        .map(shorten)
        .collect();
    if !unknown.is_empty() {
        r.problem(
            column,
            format!("unknown {what} codes: {}", unknown.join(", ")),
        );
    }
    unknown.is_empty()
}

/// The codes of a list, to look references up in.
fn codes<'a>(codes: impl Iterator<Item = &'a String>) -> HashSet<String> {
    codes.cloned().collect()
}

/// Codes already given on earlier rows of this sheet: a second row for one key is a problem.
#[derive(Default)]
struct Seen(HashMap<String, usize>);

impl Seen {
    fn first(&mut self, key: &str, row: usize) -> Result<(), String> {
        match self.0.insert(key.to_owned(), row) {
            Some(earlier) => Err(format!(
                "'{}' is already given on row {earlier}",
                shorten(key)
            )),
            None => Ok(()),
        }
    }
}

fn organisations(a: &mut Appraisal, t: &Table, problems: &mut Vec<Problem>) {
    let keep = |old: &Organisation, new: &mut Organisation| new.baseline = old.baseline.clone();
    keyed(
        t,
        problems,
        &mut a.organisations,
        |o| &o.code,
        keep,
        |r| {
            let code = r.text("code");
            let name = r.text("name");
            let kind = r.choice("kind", schema::org_kind);
            let cqc = match r.text("cqc_rating") {
                None => Ok(None),
                Some(text) => schema::cqc_rating(&text).map(Some).ok_or(text),
            };
            if let Err(text) = &cqc {
                let reason = format!("'{text}' is not one of {}", schema::CQC_RATINGS.join(", "));
                r.problem("cqc_rating", reason);
            }
            let d = ProjectionAssumptions::default();
            let projection = ProjectionAssumptions {
                income_growth: r.number("income_growth").unwrap_or(d.income_growth),
                pay_inflation: r.number("pay_inflation").unwrap_or(d.pay_inflation),
                non_pay_inflation: r.number("non_pay_inflation").unwrap_or(d.non_pay_inflation),
                cip: r.number("cip").unwrap_or(d.cip),
            };
            Some(Organisation {
                code: code?,
                name: name?,
                kind: kind?,
                cqc_rating: cqc.ok()?,
                baseline: Vec::new(),
                projection,
            })
        },
    );
}

fn baselines(a: &mut Appraisal, t: &Table, problems: &mut Vec<Problem>) {
    let mut seen = Seen::default();
    let orgs: HashMap<String, usize> = a
        .organisations
        .iter()
        .enumerate()
        .map(|(i, o)| (o.code.clone(), i))
        .collect();
    for i in 0..t.rows.len() {
        let Some(mut r) = t.row(i, problems) else {
            continue;
        };
        let org = r.text("organisation");
        let year = r.number("year");
        let lines: Vec<Option<f64>> = BASELINE_LINES.iter().map(|l| r.number(l)).collect();
        let (Some(org), Some(year)) = (org, year) else {
            continue;
        };
        let Some(Ok(lines)) = lines
            .into_iter()
            .collect::<Option<Vec<f64>>>()
            .map(<[f64; 16]>::try_from)
        else {
            continue;
        };
        let year = year as i32;
        if let Err(e) = seen.first(&format!("{org} {year}"), r.number) {
            r.problem("year", e);
            continue;
        }
        let Some(o) = orgs.get(&org).and_then(|&at| a.organisations.get_mut(at)) else {
            r.problem(
                "organisation",
                format!("no organisation has the code '{}'", shorten(&org)),
            );
            continue;
        };
        let fy = FinancialYear::from_lines(year, lines);
        match o.baseline.iter_mut().find(|y| y.year == year) {
            Some(slot) => *slot = fy,
            None => o.baseline.push(fy),
        }
    }
    for o in &mut a.organisations {
        o.baseline.sort_by_key(|y| y.year);
    }
}

fn services(a: &mut Appraisal, t: &Table, problems: &mut Vec<Problem>) {
    keyed(
        t,
        problems,
        &mut a.services,
        |s| &s.code,
        |_, _| {},
        |r| {
            let code = r.text("code");
            let name = r.text("name");
            let thresholds = [
                (TravelMode::Car, r.number("car_threshold_minutes")),
                (TravelMode::CarPeak, r.number("car_peak_threshold_minutes")),
                (
                    TravelMode::BlueLight,
                    r.number("blue_light_threshold_minutes"),
                ),
                (
                    TravelMode::PublicTransport,
                    r.number("public_transport_threshold_minutes"),
                ),
            ]
            .into_iter()
            .filter_map(|(mode, minutes)| minutes.map(|minutes| Threshold { mode, minutes }))
            .collect();
            Some(Service {
                code: code?,
                name: name?,
                thresholds,
            })
        },
    );
}

fn sites(a: &mut Appraisal, t: &Table, problems: &mut Vec<Problem>) {
    let organisations = codes(a.organisations.iter().map(|o| &o.code));
    let services = codes(a.services.iter().map(|s| &s.code));
    keyed(
        t,
        problems,
        &mut a.sites,
        |s| &s.code,
        // The sheet has no postcode column: a site it replaces keeps the one it was found by.
        |old, new| new.postcode = old.postcode.clone(),
        |r| {
            let code = r.text("code");
            let name = r.text("name");
            let organisation = r.text("organisation");
            let latitude = r.number("latitude");
            let longitude = r.number("longitude");
            let offered = r.list("services");
            let organisation = organisation?;
            let org_known = all_known(
                r,
                "organisation",
                "organisation",
                std::slice::from_ref(&organisation),
                |c| organisations.contains(c),
            );
            let services_known =
                all_known(r, "services", "service", &offered, |c| services.contains(c));
            (org_known && services_known).then_some(())?;
            Some(Site {
                code: code?,
                name: name?,
                organisation,
                latitude,
                longitude,
                services: offered,
                postcode: None,
            })
        },
    );
}

fn zones(a: &mut Appraisal, t: &Table, problems: &mut Vec<Problem>) {
    keyed(
        t,
        problems,
        &mut a.zones,
        |z| &z.code,
        // Blank household cells keep the zone's census figures; its other figures now come
        // from the sheet.
        |old, new| {
            new.households = new.households.or(old.households);
            new.households_without_car = new.households_without_car.or(old.households_without_car);
        },
        |r| {
            let code = r.text("code");
            let name = r.text("name");
            let latitude = r.number("latitude");
            let longitude = r.number("longitude");
            let population = r.number("population");
            let decile = r.number("imd_decile");
            let households = r.number("households");
            let households_without_car = r.number("households_without_car");
            Some(Zone {
                code: code?,
                name: name?,
                latitude,
                longitude,
                population: population?,
                imd_decile: decile? as u8,
                households,
                households_without_car,
                sources: None,
            })
        },
    );
}

fn options(a: &mut Appraisal, t: &Table, problems: &mut Vec<Problem>) {
    let organisations = codes(a.organisations.iter().map(|o| &o.code));
    // What the sheet does not describe (site configuration, finances) is kept.
    let keep = |old: &AppraisalOption, new: &mut AppraisalOption| {
        new.site_services = old.site_services.clone();
        new.site_transfers = old.site_transfers.clone();
        new.finance = old.finance.clone();
    };
    keyed(
        t,
        problems,
        &mut a.options,
        |o| &o.code,
        keep,
        |r| {
            let code = r.text("code");
            let name = r.text("name");
            let kind = r.choice("kind", schema::option_kind);
            let description = r.text("description").unwrap_or_default();
            let members = r.list("members");
            all_known(r, "members", "organisation", &members, |c| {
                organisations.contains(c)
            })
            .then_some(())?;
            Some(AppraisalOption {
                code: code?,
                name: name?,
                kind: kind?,
                description,
                members,
                site_services: Vec::new(),
                site_transfers: Vec::new(),
                finance: OptionFinance::default(),
            })
        },
    );
}

fn option_sites(a: &mut Appraisal, t: &Table, problems: &mut Vec<Problem>) {
    let mut configured: HashMap<String, Vec<SiteService>> = HashMap::new();
    let options = codes(a.options.iter().map(|o| &o.code));
    let sites = codes(a.sites.iter().map(|s| &s.code));
    let services = codes(a.services.iter().map(|s| &s.code));
    let mut seen = Seen::default();
    for i in 0..t.rows.len() {
        let Some(mut r) = t.row(i, problems) else {
            continue;
        };
        let option = r.text("option");
        let site = r.text("site");
        let service = r.text("service");
        let (Some(option), Some(site), Some(service)) = (option, site, service) else {
            continue;
        };
        let mut known = true;
        for (column, code, exists) in [
            ("option", &option, options.contains(&option)),
            ("site", &site, sites.contains(&site)),
            ("service", &service, services.contains(&service)),
        ] {
            if !exists {
                r.problem(
                    column,
                    format!("no {column} has the code '{}'", shorten(code)),
                );
                known = false;
            }
        }
        if !known {
            continue;
        }
        if let Err(e) = seen.first(&format!("{option} {site} {service}"), r.number) {
            r.problem("service", e);
            continue;
        }
        configured
            .entry(option)
            .or_default()
            .push(SiteService { site, service });
    }
    for o in &mut a.options {
        if let Some(rows) = configured.remove(&o.code) {
            o.site_services = rows;
        }
    }
}

fn scorers(a: &mut Appraisal, t: &Table, problems: &mut Vec<Problem>) {
    keyed(
        t,
        problems,
        &mut a.scorers,
        |s| &s.code,
        |_, _| {},
        |r| {
            let code = r.text("code");
            let name = r.text("name");
            let role = r.text("role").unwrap_or_default();
            Some(Scorer {
                code: code?,
                name: name?,
                role,
            })
        },
    );
}

fn scores(a: &mut Appraisal, t: &Table, problems: &mut Vec<Problem>) {
    let panel: HashSet<&str> = a
        .criteria
        .iter()
        .filter(|c| matches!(&c.kind, CriterionKind::Leaf(l) if l.source == Source::Panel))
        .map(|c| c.code.as_str())
        .collect();
    let (lo, hi) = (a.settings.panel_scale.min, a.settings.panel_scale.max);
    let scorers = codes(a.scorers.iter().map(|s| &s.code));
    let options = codes(a.options.iter().map(|o| &o.code));
    let mut index: HashMap<(String, String, String), usize> = a
        .scores
        .iter()
        .enumerate()
        .map(|(i, s)| ((s.scorer.clone(), s.option.clone(), s.criterion.clone()), i))
        .collect();
    let mut seen = Seen::default();
    let mut new_scores = Vec::new();
    for i in 0..t.rows.len() {
        let Some(mut r) = t.row(i, problems) else {
            continue;
        };
        let scorer = r.text("scorer");
        let option = r.text("option");
        let criterion = r.text("criterion");
        let value = r.number("score");
        let rationale = r.text("rationale").unwrap_or_default();
        let evidence = r.text("evidence").unwrap_or_default();
        let (Some(scorer), Some(option), Some(criterion), Some(value)) =
            (scorer, option, criterion, value)
        else {
            continue;
        };
        let mut known = true;
        if !scorers.contains(&scorer) {
            r.problem(
                "scorer",
                format!("no scorer has the code '{}'", shorten(&scorer)),
            );
            known = false;
        }
        if !options.contains(&option) {
            r.problem(
                "option",
                format!("no option has the code '{}'", shorten(&option)),
            );
            known = false;
        }
        if !panel.contains(criterion.as_str()) {
            r.problem(
                "criterion",
                format!(
                    "'{}' is not a panel-scored criterion of this appraisal",
                    shorten(&criterion)
                ),
            );
            known = false;
        }
        if !(lo..=hi).contains(&value) {
            r.problem(
                "score",
                format!("{value} is outside the panel scale {lo} to {hi}"),
            );
            known = false;
        }
        if !known {
            continue;
        }
        let key = (scorer, option, criterion);
        if let Err(e) = seen.first(&format!("{} {} {}", key.0, key.1, key.2), r.number) {
            r.problem("criterion", e);
            continue;
        }
        let score = Score {
            scorer: key.0.clone(),
            option: key.1.clone(),
            criterion: key.2.clone(),
            value,
            rationale,
            evidence,
        };
        match index.get(&key) {
            Some(&at) => a.scores[at] = score,
            None => {
                index.insert(key, a.scores.len() + new_scores.len());
                new_scores.push(score);
            }
        }
    }
    a.scores.extend(new_scores);
}

fn travel(a: &mut Appraisal, t: &Table, problems: &mut Vec<Problem>) {
    // An empty Travel sheet (as in the template) leaves an imported matrix alone.
    if t.rows.is_empty() {
        return;
    }
    let zones: HashMap<&str, usize> = a
        .zones
        .iter()
        .enumerate()
        .map(|(i, z)| (z.code.as_str(), i))
        .collect();
    let sites: HashMap<&str, usize> = a
        .sites
        .iter()
        .enumerate()
        .map(|(i, s)| (s.code.as_str(), i))
        .collect();
    let mut matrix = TravelMatrix::empty(
        a.zones.iter().map(|z| z.code.clone()).collect(),
        a.sites.iter().map(|s| s.code.clone()).collect(),
        TravelMode::ALL.to_vec(),
    );
    for i in 0..t.rows.len() {
        let Some(mut r) = t.row(i, problems) else {
            continue;
        };
        let zone = r.text("zone");
        let site = r.text("site");
        let mode = r.choice("mode", schema::mode);
        let minutes = r.number("minutes");
        let (Some(zone), Some(site), Some(mode), Some(minutes)) = (zone, site, mode, minutes)
        else {
            continue;
        };
        let Some(&z) = zones.get(zone.as_str()) else {
            r.problem("zone", format!("no zone has the code '{}'", shorten(&zone)));
            continue;
        };
        let Some(&s) = sites.get(site.as_str()) else {
            r.problem("site", format!("no site has the code '{}'", shorten(&site)));
            continue;
        };
        let m = matrix.mode_index(mode).unwrap_or(0);
        let cell = &mut matrix.column_mut(m, s)[z];
        if !cell.is_nan() {
            r.problem(
                "minutes",
                format!(
                    "{zone} to {site} by {} is already given",
                    mode.label().to_lowercase()
                ),
            );
            continue;
        }
        *cell = minutes as f32;
    }
    a.travel_matrix = matrix;
}
