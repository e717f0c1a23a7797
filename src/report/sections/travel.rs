//! Travel and equality: who would travel further under each option, to which services, by how
//! much, and how the change falls by deprivation.

use super::super::doc::{Cell, Doc, cell, num};
use super::super::{NotAssessed, PackInput};
use super::f1;
use crate::charts::{self, count as people, number, travel::by_mode};
use crate::model::{RoadBasis, TransitBasis, TravelMode};
use crate::travel::bands;
use crate::travel::{AnyServiceOption, Measures, ServiceTravel, TransitReliability, TravelResults};

/// At most this many services get their access curve and quintile chart: those whose journeys
/// change most. Every service is in the tables.
const CHARTED_SERVICES: usize = 3;
/// A service's two charts at this share of the text width fit one page together.
const CHART_WIDTH: u8 = 78;

pub fn write(doc: &mut Doc, input: &PackInput) {
    doc.chapter("Travel and equality");
    doc.para(
        "How far patients would travel to A&E, maternity and other services under each option, \
         the share of the population within given minutes, and the change by deprivation \
         (IMD quintile).",
    );
    let t = match &input.travel {
        Ok(t) => t,
        Err(NotAssessed(reason)) => {
            doc.not_assessed(&format!("{reason}."));
            return;
        }
    };
    if t.services.is_empty() || t.zones == 0 {
        doc.not_assessed("the appraisal has no services or no population zones to measure.");
        return;
    }
    doc.para(&basis(t, input));
    road_bases(doc, input.appraisal.travel_matrix.bases());
    if let Some(transit) = input.appraisal.travel_matrix.transit() {
        transit_basis(doc, transit.basis());
    }
    doc.heading(2, "Who travels further");
    match t.baseline {
        None => doc.not_assessed(
            "there is no do-minimum option, so changes in journey time are not measured.",
        ),
        Some(_) => who_travels_further(doc, t),
    }
    super::travel_maps::write(doc, input, t);
    doc.heading(2, "Households without a car");
    households_without_car(doc, t);
    let thresholded = t
        .services
        .iter()
        .any(|s| s.mode == TravelMode::PublicTransport && s.threshold_minutes.is_some());
    if t.reliability.is_some() || thresholded {
        doc.heading(2, "Reliability of public transport");
        reliability(doc, t);
    }
    doc.heading(2, "Journey times by service");
    doc.para(&format!(
        "Minutes to the nearest site offering each service; \"within\" is the share of the population within the service's threshold, \"change\" the population-weighted mean change against do minimum and \"worse\" the people whose journey grows by more than {} minutes.",
        number(t.increase_minutes)
    ));
    for pair in t.services.chunk_by(|a, b| a.service == b.service) {
        service_table(doc, pair);
    }
    doc.heading(2, "Access and deprivation, service by service");
    let charted = most_changed(t);
    if charted.iter().all(|s| max_worse(s) <= 0.0) {
        doc.para("No option changes anyone's journey to any service by more than the setting; the chart shows the distribution of journey times for the first service.");
    }
    for s in charted {
        doc.heading(3, &format!("{} {}", s.name, by_mode(s.mode)));
        doc.figure_at(
            &format!("access-{}-{}", s.service, mode_key(s.mode)),
            charts::travel::access_curve(s, charts::PACK_WIDTH),
            &format!(
                "Cumulative share of the population within each journey time to {} {}, per option",
                s.name,
                by_mode(s.mode)
            ),
            CHART_WIDTH,
        );
        doc.figure_at(
            &format!("quintiles-{}-{}", s.service, mode_key(s.mode)),
            charts::travel::change_by_quintile(t, s, charts::PACK_WIDTH),
            &format!(
                "Mean change in journey time to {} {} against do minimum, by IMD quintile (1 = most deprived)",
                s.name,
                by_mode(s.mode)
            ),
            CHART_WIDTH,
        );
        time_bands(doc, s);
    }
    if t.baseline.is_some() {
        doc.heading(2, "Sites that stop offering a service");
        super::lost_sites::write(doc, t);
    }
    if !t.warnings.is_empty() {
        doc.para("The travel engine reported:");
        doc.bullets(&t.warnings);
    }
}

/// People by journey time to `s`, per option: the bands consultations show.
fn time_bands(doc: &mut Doc, s: &ServiceTravel) {
    let mut header: Vec<String> = vec!["Option".to_owned()];
    header.extend((0..bands::BANDS).map(|i| format!("{} min", bands::label(i))));
    header.push("No time".to_owned());
    let rows: Vec<Vec<Cell>> = s
        .options
        .iter()
        .map(|o| {
            let mut row = vec![cell(&o.name)];
            row.extend(o.bands.iter().map(|p| num(&people(*p))));
            row.push(num(&people(o.all.unreached_population)));
            row
        })
        .collect();
    doc.para(&format!(
        "People by journey time to {} {}:",
        s.name,
        by_mode(s.mode)
    ));
    let columns = format!("(1fr, {})", ["auto"; bands::BANDS + 1].join(", "));
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    doc.table(&columns, &header, rows);
}

fn mode_key(mode: TravelMode) -> &'static str {
    match mode {
        TravelMode::Car => "car",
        TravelMode::CarPeak => "car-peak",
        TravelMode::BlueLight => "blue-light",
        TravelMode::PublicTransport => "pt",
    }
}

/// Where the times come from, and what counts as worse.
fn basis(t: &TravelResults, input: &PackInput) -> String {
    let cells = input.appraisal.zones.len() * input.appraisal.sites.len() * TravelMode::ALL.len();
    let matrix = &input.appraisal.travel_matrix;
    let road: Vec<TravelMode> = TravelMode::ALL
        .into_iter()
        .filter(|m| matrix.bases().iter().any(|b| b.modes.contains(m)))
        .collect();
    let timetabled = matrix.transit().is_some();
    let imported: Vec<TravelMode> = matrix
        .modes()
        .iter()
        .copied()
        .filter(|m| !road.contains(m))
        .filter(|m| !(timetabled && *m == TravelMode::PublicTransport))
        .collect();
    let labels = |modes: &[TravelMode]| {
        let names: Vec<&str> = modes.iter().map(|m| by_mode(*m)).collect();
        and_list(&names)
    };
    let source = if t.matrix_values == 0 {
        "No travel-time matrix has been imported, so every journey time is estimated from straight-line distance with a detour factor, mode speed and access time (see the data sources appendix); treat differences of a few minutes with care.".to_owned()
    } else if road.is_empty() && !timetabled {
        format!(
            "{} of the {} zone-to-site journey times come from the imported travel-time matrix; the rest are estimated from straight-line distance.",
            people(t.matrix_values as f64),
            people(cells as f64)
        )
    } else {
        let mut computed = Vec::new();
        if !road.is_empty() {
            computed.push(format!(
                "computed on an OpenStreetMap road network {}",
                labels(&road)
            ));
        }
        if timetabled {
            computed.push("computed from GTFS timetables by public transport".to_owned());
        }
        let computed: Vec<&str> = computed.iter().map(String::as_str).collect();
        let from = if imported.is_empty() {
            String::new()
        } else {
            format!(" and, {}, imported", labels(&imported))
        };
        format!(
            "{} of the {} zone-to-site journey times come from the travel-time matrix: {} (the basis is below){from}; the rest are estimated from straight-line distance.",
            people(t.matrix_values as f64),
            people(cells as f64),
            and_list(&computed)
        )
    };
    let baseline = match &t.baseline {
        Some(b) => format!(
            " Changes are measured against do minimum ({}); a journey counts as longer when it grows by more than {} minutes.",
            option_name(t, b),
            number(t.increase_minutes)
        ),
        None => String::new(),
    };
    let modes: Vec<&str> = t.shown_modes().into_iter().map(by_mode).collect();
    format!(
        "Journeys are measured from the {} population zones ({} people) to the nearest site offering each service, {}. {source}{baseline}",
        t.zones,
        people(t.population),
        and_list(&modes)
    )
}

/// A setting as written: 1.15, 0.67, 2000.
fn setting(x: f64) -> String {
    format!("{x}")
}

/// What each run of road times was computed from, as a table per run: the extract, how current
/// it is, its SHA-256, when, for which modes and with which settings.
fn road_bases(doc: &mut Doc, bases: &[RoadBasis]) {
    for b in bases {
        let modes: Vec<&str> = b.modes.iter().map(|m| m.label()).collect();
        let r = &b.settings;
        let p = &r.peak_factors;
        let allowance = setting(1.0 + r.junction_allowance);
        let rows = vec![
            ("OpenStreetMap extract", b.extract.clone()),
            (
                "Extract's data as of",
                b.extract_timestamp
                    .as_deref()
                    .map_or("not stated in the file".to_owned(), readable_time),
            ),
            ("SHA-256 of the extract", b.sha256.clone()),
            ("Times computed", readable_time(&b.computed_at)),
            ("Modes", modes.join(", ")),
            (
                "Joining legs",
                format!(
                    "zone centroids and sites joined to the nearest road at {} km/h, within {} m",
                    setting(r.join_speed_kmh),
                    setting(r.max_join_m)
                ),
            ),
            (
                "Car time",
                format!(
                    "drive x {allowance} (junctions) + {} s (parking)",
                    setting(r.parking_seconds)
                ),
            ),
            (
                "Peak factors",
                format!(
                    "motorway {}, trunk {}, primary {}, secondary {}, tertiary {}, minor roads {}, access roads {}",
                    setting(p.motorway),
                    setting(p.trunk),
                    setting(p.primary),
                    setting(p.secondary),
                    setting(p.tertiary),
                    setting(p.minor),
                    setting(p.access)
                ),
            ),
            (
                "Blue-light time",
                format!(
                    "{} x off-peak drive x {allowance}, no parking",
                    setting(r.blue_light_share)
                ),
            ),
        ];
        doc.table(
            "(13em, 1fr)",
            &["Road times", "Basis"],
            rows.into_iter()
                .map(|(k, v)| vec![cell(k), cell(&v)])
                .collect(),
        );
    }
}

/// What the public transport times were computed from: a row per feed (its dates of validity,
/// size and the start of its SHA-256, given in full in the data sources appendix), then the
/// date, window and settings in a sentence.
fn transit_basis(doc: &mut Doc, b: &TransitBasis) {
    let rows = b
        .feeds
        .iter()
        .map(|f| {
            vec![
                cell(&f.file),
                cell(&format!("{} to {}", f.valid_from, f.valid_to)),
                num(&people(f.stops as f64)),
                num(&people(f.trips as f64)),
                cell(f.sha256.get(..12).unwrap_or(&f.sha256)),
            ]
        })
        .collect();
    doc.table(
        "(1fr, 15em, 4.5em, 5em, 8em)",
        &["Timetable (GTFS)", "Valid", "Stops", "Trips", "SHA-256"],
        rows,
    );
    let s = &b.settings;
    let changes = match s.max_transfers {
        1 => "at most 1 change".to_owned(),
        n => format!("at most {n} changes"),
    };
    let thresholds: Vec<String> = b
        .thresholds
        .iter()
        .map(|t| format!("{} min", number(*t)))
        .collect();
    let thresholds: Vec<&str> = thresholds.iter().map(String::as_str).collect();
    let reliability = if thresholds.is_empty() {
        " No service had a public-transport threshold, so no reliability was stored.".to_owned()
    } else {
        format!(
            " For each threshold ({}) the departure minutes with a journey within it were stored too.",
            and_list(&thresholds)
        )
    };
    doc.para(&format!(
        "Public transport times are the median journey over the departure minutes {} on {} ({} minutes; waiting at the start counts), from the timetables above: walks at {} km/h along straight lines x {}, up to {} m to the first stop and from the last, changes on foot up to {} m (and those the timetables list), {changes}, journeys up to {} minutes.{reliability}",
        b.window,
        b.date,
        b.minutes,
        setting(s.walk_speed_kmh),
        setting(s.detour_factor),
        setting(s.max_walk_m),
        setting(s.transfer_m),
        setting(s.max_journey_minutes),
    ));
}

/// How often public transport has no journey within each service's threshold, per option:
/// for everyone and for households without a car (see [`crate::travel::reliability`]).
fn reliability(doc: &mut Doc, t: &TravelResults) {
    let Some(r) = &t.reliability else {
        doc.para(
            "Public transport times were not computed from timetables (appraise transit, or the Travel screen), so how often there is no journey within a service's public-transport threshold is not measured.",
        );
        return;
    };
    if r.services.is_empty() {
        doc.para("No service has a public-transport threshold, so how often public transport has no journey within one is not measured.");
        return;
    }
    doc.para(&format!(
        "The share of the {} departure minutes {} on {} with no public transport journey within the service's threshold to any site offering it, averaged over the zones by population and by households without a car. A median journey within the threshold can hide a service that runs once an hour:",
        r.minutes, r.window, r.date
    ));
    reliability_table(doc, t, r);
}

fn reliability_table(doc: &mut Doc, t: &TravelResults, r: &TransitReliability) {
    let share = |x: Option<f64>| opt(x, |v| format!("{}%", f1(v)));
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut notes = Vec::new();
    for s in &r.services {
        let service = format!("{} ({} min)", s.name, number(s.threshold_minutes));
        if let Some(why) = &s.not_computed {
            notes.push(format!("{service}: {why}."));
            continue;
        }
        for (i, o) in s.options.iter().enumerate() {
            rows.push(vec![
                cell(if i == 0 { &service } else { "" }),
                cell(option_name(t, &o.option)),
                num(&share(o.share)),
                num(&share(o.no_car_share)),
            ]);
            if !o.uncomputed_sites.is_empty() {
                notes.push(format!(
                    "{} under {}: no public transport journeys were computed to {} (no position when the times were computed, or added since): recompute public transport times.",
                    s.name,
                    option_name(t, &o.option),
                    o.uncomputed_sites.join(", ")
                ));
            }
        }
    }
    if !rows.is_empty() {
        doc.table(
            "(1fr, 1fr, 6.5em, 9.5em)",
            &["Service (threshold)", "Option", "Everyone", "Without a car"],
            rows,
        );
    }
    let uncounted = r
        .services
        .iter()
        .flat_map(|s| &s.options)
        .map(|o| o.uncounted_population)
        .fold(0.0, f64::max);
    if uncounted > 0.0 {
        notes.push(format!(
            "{} people live in zones with no computed journeys (no position when the times were computed, or added since); they are left out.",
            people(uncounted)
        ));
    }
    if !notes.is_empty() {
        doc.bullets(&notes);
    }
}

/// "2026-11-30T21:42:03Z" as "2026-11-30 21:42 UTC"; any other text as it is.
fn readable_time(at: &str) -> String {
    match (at.get(..10), at.get(11..16), at.ends_with('Z')) {
        (Some(day), Some(hm), true) if at.len() == 20 => format!("{day} {hm} UTC"),
        _ => at.to_owned(),
    }
}

/// "a", "a and b", "a, b and c".
fn and_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn option_name<'a>(t: &'a TravelResults, code: &'a str) -> &'a str {
    t.services
        .first()
        .and_then(|s| s.options.iter().find(|o| o.option == code))
        .map_or(code, |o| o.name.as_str())
}

/// People worse off in the two most deprived quintiles.
fn most_deprived(o: &AnyServiceOption) -> f64 {
    o.quintiles.iter().take(2).sum()
}

fn any_service(t: &TravelResults, mode: TravelMode) -> Option<&[AnyServiceOption]> {
    t.any_service
        .iter()
        .find(|a| a.mode == mode)
        .map(|a| a.options.as_slice())
}

fn who_travels_further(doc: &mut Doc, t: &TravelResults) {
    let modes = t.shown_modes();
    let share = |n: f64| {
        if t.population > 0.0 {
            format!("{}%", f1(n / t.population * 100.0))
        } else {
            "n/a".to_owned()
        }
    };
    let options: Vec<&AnyServiceOption> = any_service(t, TravelMode::Car)
        .unwrap_or_default()
        .iter()
        .filter(|o| t.baseline.as_deref() != Some(o.option.as_str()))
        .collect();
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    for o in &options {
        for (i, mode) in modes.iter().enumerate() {
            let by = any_service(t, *mode)
                .unwrap_or_default()
                .iter()
                .find(|p| p.option == o.option);
            rows.push(vec![
                cell(if i == 0 {
                    option_name(t, &o.option)
                } else {
                    ""
                }),
                cell(mode.label()),
                num(&by.map_or("n/a".to_owned(), |p| people(p.people_worse))),
                num(&by.map_or("n/a".to_owned(), |p| share(p.people_worse))),
                num(&by.map_or("n/a".to_owned(), |p| people(most_deprived(p)))),
            ]);
        }
    }
    doc.para(&format!(
        "People whose journey to at least one service grows by more than {} minutes, and how many of them live in the two most deprived IMD quintiles. By car every service counts; by blue light, peak car or public transport, the services with a threshold for that mode:",
        number(t.increase_minutes)
    ));
    doc.table(
        "(1fr, 9.5em, 5.5em, 4em, 8.5em)",
        &["Option", "Mode", "People", "Share", "In quintiles 1-2"],
        rows,
    );
    for mode in modes {
        let worse = any_service(t, mode)
            .unwrap_or_default()
            .iter()
            .any(|o| o.people_worse > 0.0);
        if worse {
            doc.figure(
                &format!("worse-{}", mode_key(mode)),
                charts::travel::worse_by_quintile(t, mode, charts::PACK_WIDTH),
                &format!(
                    "Share of each IMD quintile whose journey to any service grows by more than {} minutes {}",
                    number(t.increase_minutes),
                    by_mode(mode)
                ),
            );
        } else {
            doc.para(&format!(
                "No option lengthens anyone's journey to any service {} by more than {} minutes.",
                by_mode(mode),
                number(t.increase_minutes)
            ));
        }
    }
}

/// Who relies on public transport and whom each option cuts off (see [`crate::travel::no_car`]).
fn households_without_car(doc: &mut Doc, t: &TravelResults) {
    let Some(n) = &t.no_car else {
        doc.not_assessed(
            "the zones do not record their households without a car (Census 2021, table TS045), so who without a car would be cut off is not measured. Building the zones from the official files with the car table records it.",
        );
        return;
    };
    let share = if n.households > 0.0 {
        format!(" ({}%)", f1(n.without_car / n.households * 100.0))
    } else {
        String::new()
    };
    let unrecorded = n.zones - n.zones_recorded;
    doc.para(&format!(
        "{} of the {} households in the zones that record them{share} have no car or van (Census 2021, TS045) and reach hospital by public transport or not at all.{}",
        people(n.without_car),
        people(n.households),
        if unrecorded > 0 {
            format!(
                " {unrecorded} of the {} zones do not record it and are not counted.",
                n.zones
            )
        } else {
            String::new()
        }
    ));
    let rows: Vec<Vec<Cell>> = n
        .options
        .iter()
        .map(|o| {
            vec![
                cell(option_name(t, &o.option)),
                num(&opt(o.worse, people)),
                num(&opt(o.worse_most_deprived, people)),
                num(&opt(o.newly_outside, people)),
            ]
        })
        .collect();
    doc.para(&format!(
        "Households without a car whose public-transport journey to at least one service grows by more than {} minutes against do minimum, how many of them live in the two most deprived IMD quintiles, and how many the option puts outside a service's public-transport threshold that they are within under do minimum:",
        number(t.increase_minutes)
    ));
    doc.table(
        "(1fr, 6em, 6.6em, 7.6em)",
        &[
            "Option",
            "Journey longer",
            "In quintiles 1-2",
            "Newly outside a threshold",
        ],
        rows,
    );
    if n.thresholded_services.is_empty() {
        doc.para(
            "No service has a public-transport threshold, so no household is counted outside one.",
        );
    }
    let estimated: f64 = n.options.iter().map(|o| o.estimated).fold(0.0, f64::max);
    if estimated > 0.0 {
        doc.para(&format!(
            "Up to {} of these households per option are counted from a straight-line estimate of the public-transport time, not a measured one.",
            people(estimated)
        ));
    }
}

fn opt(x: Option<f64>, f: impl Fn(f64) -> String) -> String {
    x.map_or("n/a".to_owned(), f)
}

fn measures_cells(m: &Measures) -> [Cell; 4] {
    [
        num(&opt(m.mean, f1)),
        num(&opt(m.share_within, |v| format!("{}%", f1(v)))),
        num(&opt(m.mean_change, |v| format!("{v:+.1}"))),
        num(&opt(m.people_worse, people)),
    ]
}

/// One service: a row per option and mode it is shown by ([`ServiceTravel::shown`]).
fn service_table(doc: &mut Doc, modes: &[ServiceTravel]) {
    let shown: Vec<&ServiceTravel> = modes.iter().filter(|s| s.shown()).collect();
    let Some(first) = shown.first() else { return };
    let threshold = |s: &ServiceTravel| {
        s.threshold_minutes
            .map_or("no threshold".to_owned(), |m| format!("{} min", number(m)))
    };
    let described: Vec<String> = shown
        .iter()
        .map(|s| format!("{} ({})", by_mode(s.mode), threshold(s)))
        .collect();
    doc.lead(&first.name, &format!("{}.", described.join("; ")));
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    for (i, o) in first.options.iter().enumerate() {
        for (k, s) in shown.iter().enumerate() {
            let mut row = if k == 0 {
                vec![cell(&o.name), num(&o.sites.to_string())]
            } else {
                vec![cell(""), cell("")]
            };
            row.push(cell(s.mode.label()));
            match s.options.get(i) {
                Some(m) => row.extend(measures_cells(&m.all)),
                None => row.extend((0..4).map(|_| cell("n/a"))),
            }
            rows.push(row);
        }
    }
    doc.table(
        "(1fr, 3.4em, 9.4em, 4.2em, 4.6em, 5em, 5.8em)",
        &[
            "Option", "Sites", "Mode", "Mean", "Within", "Change", "Worse",
        ],
        rows,
    );
}

fn max_worse(s: &ServiceTravel) -> f64 {
    s.options
        .iter()
        .filter_map(|o| o.all.people_worse)
        .fold(0.0, f64::max)
}

/// The services and modes whose journeys change most (people worse off, then mean change),
/// at most [`CHARTED_SERVICES`]; the first service by car when nothing changes.
fn most_changed(t: &TravelResults) -> Vec<&ServiceTravel> {
    let change = |s: &ServiceTravel| {
        s.options
            .iter()
            .filter_map(|o| o.all.mean_change)
            .fold(0.0, |m: f64, c| m.max(c.abs()))
    };
    let mut changed: Vec<&ServiceTravel> = t
        .services
        .iter()
        .filter(|s| s.shown() && (max_worse(s) > 0.0 || change(s) > 0.0))
        .collect();
    changed.sort_by(|a, b| {
        max_worse(b)
            .total_cmp(&max_worse(a))
            .then(change(b).total_cmp(&change(a)))
    });
    changed.truncate(CHARTED_SERVICES);
    if changed.is_empty() {
        changed.extend(t.services.first());
    }
    changed
}
