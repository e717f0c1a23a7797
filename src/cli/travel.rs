//! The readable tables of `appraise travel`: per service and mode, each option's journeys;
//! then who bears the change, by IMD quintile.

use std::fmt::Write;

use appraise::model::{RoadBasis, TransitBasis};
use appraise::travel::{Measures, TravelResults};

fn num(value: Option<f64>, decimals: usize) -> String {
    value.map_or_else(|| "-".to_owned(), |v| format!("{v:.decimals$}"))
}

fn pct(value: Option<f64>) -> String {
    value.map_or_else(|| "-".to_owned(), |v| format!("{v:.1}%"))
}

pub fn render(r: &TravelResults) -> String {
    let mut out = String::new();
    let n = r.increase_minutes;
    let baseline = r.baseline.as_deref().unwrap_or("none");
    let _ = writeln!(
        out,
        "Travel to the nearest site offering each service: {} zones, {:.0} people; changes against do minimum ({baseline}); \"worse\" = journey more than {n} minutes longer.",
        r.zones, r.population
    );
    let name_width = r
        .services
        .iter()
        .flat_map(|s| &s.options)
        .map(|o| o.option.len())
        .max()
        .unwrap_or(6)
        .max(6);
    if let Some(first) = r.services.first() {
        let _ = writeln!(out, "Options:");
        for o in &first.options {
            let _ = writeln!(out, "  {:<name_width$}  {}", o.option, o.name);
        }
    }
    for s in &r.services {
        let threshold = s.threshold_minutes.map_or_else(
            || "no threshold".to_owned(),
            |t| format!("threshold {t} min"),
        );
        let _ = writeln!(
            out,
            "\n{} ({}) by {}: {threshold}",
            s.name,
            s.service,
            s.mode.label().to_lowercase()
        );
        let _ = writeln!(
            out,
            "  {:<name_width$}  {:>6}  {:>6}  {:>6}  {:>7}  {:>8}  {:>10}  {:>8}  {:>9}",
            "option", "mean", "median", "p90", "within", "change", "worse", "outside", "estimated"
        );
        for o in &s.options {
            let m = &o.all;
            let label = &o.option;
            if o.sites == 0 {
                let _ = writeln!(out, "  {label:<name_width$}  not offered at any site");
                continue;
            }
            let _ = writeln!(
                out,
                "  {label:<name_width$}  {:>6}  {:>6}  {:>6}  {:>7}  {:>8}  {:>10}  {:>8}  {:>9}",
                num(m.mean, 1),
                num(m.median, 1),
                num(m.p90, 1),
                pct(m.share_within),
                num(m.mean_change, 1),
                num(m.people_worse, 0),
                m.zones_outside
                    .map_or_else(|| "-".to_owned(), |z| z.to_string()),
                pct(m.estimated_share),
            );
        }
        let _ = writeln!(
            out,
            "  by IMD quintile (1 = most deprived): % within threshold / people worse"
        );
        let _ = writeln!(
            out,
            "  {:<name_width$}  {:>16}  {:>16}  {:>16}  {:>16}  {:>16}",
            "option", "Q1", "Q2", "Q3", "Q4", "Q5"
        );
        for o in s.options.iter().filter(|o| o.sites > 0) {
            let cell =
                |m: &Measures| format!("{} / {}", pct(m.share_within), num(m.people_worse, 0));
            let cells: Vec<String> = o.quintiles.iter().map(cell).collect();
            let _ = writeln!(
                out,
                "  {:<name_width$}  {:>16}  {:>16}  {:>16}  {:>16}  {:>16}",
                o.option, cells[0], cells[1], cells[2], cells[3], cells[4]
            );
        }
    }
    for any in &r.any_service {
        let _ = writeln!(
            out,
            "\nPeople whose journey by {} to any service grows by more than {n} minutes",
            any.mode.label().to_lowercase()
        );
        let _ = writeln!(
            out,
            "  {:<name_width$}  {:>10}  {:>10}  {:>10}  {:>10}  {:>10}  {:>10}",
            "option", "all", "Q1", "Q2", "Q3", "Q4", "Q5"
        );
        for o in &any.options {
            let _ = write!(out, "  {:<name_width$}  {:>10.0}", o.option, o.people_worse);
            for q in &o.quintiles {
                let _ = write!(out, "  {q:>10.0}");
            }
            let _ = writeln!(out);
        }
    }
    reliability(&mut out, r, name_width);
    let _ = writeln!(
        out,
        "\nTimes in minutes. \"estimated\" is the share of people whose time comes from the built-in estimate \
         (great-circle distance x detour / speed + access), not the travel matrix ({} values, imported or computed from roads).",
        r.matrix_values
    );
    for w in &r.warnings {
        let _ = writeln!(out, "warning: {w}");
    }
    out
}

/// Per service with a public-transport threshold, the share of departure minutes with no
/// journey within it, for everyone and for households without a car.
fn reliability(out: &mut String, r: &TravelResults, name_width: usize) {
    let Some(rel) = &r.reliability else { return };
    let _ = writeln!(
        out,
        "\nPublic transport reliability: share of the departure minutes {} on {} ({} minutes) with no journey within the service's threshold",
        rel.window, rel.date, rel.minutes
    );
    if rel.services.is_empty() {
        let _ = writeln!(
            out,
            "  no service has a public-transport threshold, so reliability is not measured"
        );
    }
    for s in &rel.services {
        let _ = writeln!(
            out,
            "  {} ({}), threshold {} min",
            s.name, s.service, s.threshold_minutes
        );
        if let Some(why) = &s.not_computed {
            let _ = writeln!(out, "    {why}");
            continue;
        }
        let _ = writeln!(
            out,
            "    {:<name_width$}  {:>10}  {:>10}",
            "option", "everyone", "no car"
        );
        for o in &s.options {
            let _ = writeln!(
                out,
                "    {:<name_width$}  {:>10}  {:>10}",
                o.option,
                pct(o.share),
                pct(o.no_car_share)
            );
        }
    }
}

/// What the matrix's public transport times were computed from; nothing when they were not
/// computed from timetables.
pub fn transit_basis(basis: Option<&TransitBasis>) -> String {
    let mut out = String::new();
    let Some(b) = basis else { return out };
    let _ = writeln!(
        out,
        "\nPublic transport times computed from GTFS timetables for {}, median over the departures {} ({} minutes)",
        b.date, b.window, b.minutes
    );
    for f in &b.feeds {
        let _ = writeln!(
            out,
            "  feed {}: valid {} to {}; {} stops, {} trips; SHA-256 {}",
            f.file, f.valid_from, f.valid_to, f.stops, f.trips, f.sha256
        );
    }
    let t = &b.settings;
    let _ = writeln!(
        out,
        "  walks at {} km/h (straight line x {}), up to {} m to and from stops, changes on foot up to {} m, at most {} changes, journeys up to {} min",
        t.walk_speed_kmh,
        t.detour_factor,
        t.max_walk_m,
        t.transfer_m,
        t.max_transfers,
        t.max_journey_minutes
    );
    let thresholds: Vec<String> = b.thresholds.iter().map(|t| format!("{t} min")).collect();
    let _ = writeln!(
        out,
        "  reliability stored for: {}",
        if thresholds.is_empty() {
            "no threshold (no service had a public-transport threshold)".to_owned()
        } else {
            thresholds.join(", ")
        }
    );
    out
}

/// What the matrix's road times were computed from, one paragraph per run; nothing when no
/// road times are stored.
pub fn bases(bases: &[RoadBasis]) -> String {
    let mut out = String::new();
    for b in bases {
        let modes: Vec<&str> = b.modes.iter().map(|m| m.label()).collect();
        let r = &b.settings;
        let p = &r.peak_factors;
        let _ = writeln!(
            out,
            "\nRoad times ({}) computed {} from the OpenStreetMap extract {} ({}; SHA-256 {})",
            modes.join(", "),
            b.computed_at,
            b.extract,
            b.extract_timestamp
                .as_deref()
                .map_or("its timestamp not stated".to_owned(), |t| format!(
                    "data as of {t}"
                )),
            b.sha256
        );
        let _ = writeln!(
            out,
            "  joining legs at {} km/h within {} m; car = drive x {} + {} s parking; blue light = {} x off-peak drive x {}",
            r.join_speed_kmh,
            r.max_join_m,
            1.0 + r.junction_allowance,
            r.parking_seconds,
            r.blue_light_share,
            1.0 + r.junction_allowance
        );
        let _ = writeln!(
            out,
            "  peak factors: motorway {}, trunk {}, primary {}, secondary {}, tertiary {}, minor {}, access {}",
            p.motorway, p.trunk, p.primary, p.secondary, p.tertiary, p.minor, p.access
        );
    }
    out
}
