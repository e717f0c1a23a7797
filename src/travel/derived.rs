//! Travel figures as derived criterion metrics, by name.
//!
//! Names read `travel.<service>_<mode>_[q<1-5>_]<measure>`:
//!
//! - `<service>`: a service's code in lower case (`ae`, `mat`), or one of the aliases
//!   `aande` (code `AE`), `maternity` (`MAT`), `paediatrics` (`PAED`), `critical_care`
//!   (`CRIT`), `elective` (`ELECT`); or `any` for the journey to any service (only with
//!   `people_worse_<N>min`);
//! - `<mode>`: `car`, or `pt` / `public_transport`;
//! - `q<K>_`: optional, the IMD quintile K (1 = most deprived) instead of everyone;
//! - `<measure>`: `mean`, `median`, `p90` (minutes), `mean_change` (minutes against do minimum),
//!   `share_within_threshold` (%), `population_within_threshold`, `population_outside_threshold`
//!   (people), `zones_outside_threshold` (zones), `people_worse_<N>min` (people whose journey
//!   grows by more than N minutes against do minimum; N must be the appraisal's
//!   `travel_increase_minutes`), `estimated_share` (% of people whose time is an estimate),
//!   `population`.
//!
//! `travel.deprived_q<K>_people_worse_<N>min` is short for `travel.any_car_q<K>_people_worse_<N>min`.
//! E.g. `travel.aande_car_share_within_threshold`, `travel.maternity_car_mean_change`,
//! `travel.ae_pt_q1_p90`.
//!
//! Public transport computed from timetables (`appraise transit`) adds, by `pt` only and
//! without a quintile:
//!
//! - `travel.<service>_pt_unreliable_share`: the population-weighted mean share (%) of the
//!   window's departure minutes with no journey within the service's public-transport
//!   threshold to any site offering it (see [`super::reliability`]);
//! - `travel.<service>_pt_no_car_unreliable_share`: the same weighted by households without a
//!   car.
//!
//! Households without a car (see [`super::no_car`]; zones must record them), against do
//! minimum:
//!
//! - `travel.no_car_households_worse_<N>min`: households without a car whose public-transport
//!   journey to at least one service grows by more than N minutes (N must be the appraisal's
//!   `travel_increase_minutes`);
//! - `travel.no_car_q12_households_worse_<N>min`: of them, those in IMD quintiles 1 and 2;
//! - `travel.no_car_households_newly_outside_threshold`: households without a car within a
//!   service's public-transport threshold under do minimum and outside it under the option.

use super::results::{Measures, TravelResults};
use crate::model::TravelMode;

use crate::metrics::{NoCarMeasure, RELIABILITY_MEASURES, no_car_measure, split_quintile};
pub use crate::metrics::{TRAVEL_PREFIX as PREFIX, served_by_travel as served};

use crate::metrics::ALIASES;

enum Service<'r> {
    One(&'r str),
    Any,
}

/// The value of `metric` for `option`; None when the name is not a travel metric this
/// appraisal can answer (unknown service, no threshold, no do minimum, no journey).
pub fn derived_metric(results: &TravelResults, option: &str, metric: &str) -> Option<f64> {
    let rest = metric.strip_prefix(PREFIX)?;
    if let Some(measure) = rest.strip_prefix("no_car_").and_then(no_car_measure) {
        return no_car(results, option, measure);
    }
    let (service, mode, rest) = if let Some(rest) = rest.strip_prefix("deprived_") {
        (Service::Any, TravelMode::Car, rest)
    } else {
        let (service, rest) = split_service(results, rest)?;
        let (mode, rest) = split_mode(rest)?;
        (service, mode, rest)
    };
    let (quintile, measure) = split_quintile(rest);
    match service {
        Service::Any => {
            worse_minutes(results, measure)?;
            let o = results
                .any_service
                .iter()
                .find(|s| s.mode == mode)?
                .options
                .iter()
                .find(|o| o.option == option)?;
            match quintile {
                None => Some(o.people_worse),
                Some(q) => o.quintiles.get(usize::from(q) - 1).copied(),
            }
        }
        Service::One(code)
            if mode == TravelMode::PublicTransport && RELIABILITY_MEASURES.contains(&rest) =>
        {
            let o = results
                .reliability
                .as_ref()?
                .services
                .iter()
                .find(|s| s.service == code)?
                .options
                .iter()
                .find(|o| o.option == option)?;
            if rest == "unreliable_share" {
                o.share
            } else {
                o.no_car_share
            }
        }
        Service::One(code) => {
            let o = results
                .services
                .iter()
                .find(|s| s.service == code && s.mode == mode)?
                .options
                .iter()
                .find(|o| o.option == option)?;
            let m = match quintile {
                None => &o.all,
                Some(q) => o.quintiles.get(usize::from(q) - 1)?,
            };
            value(results, m, measure)
        }
    }
}

/// A households-without-a-car figure for `option`.
fn no_car(results: &TravelResults, option: &str, measure: NoCarMeasure) -> Option<f64> {
    let o = results
        .no_car
        .as_ref()?
        .options
        .iter()
        .find(|o| o.option == option)?;
    let increase = |n: f64| (n == results.increase_minutes).then_some(());
    match measure {
        NoCarMeasure::Worse(n) => increase(n).and(o.worse),
        NoCarMeasure::WorseMostDeprived(n) => increase(n).and(o.worse_most_deprived),
        NoCarMeasure::NewlyOutside => o.newly_outside,
    }
}

fn split_service<'r, 'm>(
    results: &'r TravelResults,
    rest: &'m str,
) -> Option<(Service<'r>, &'m str)> {
    if let Some(rest) = rest.strip_prefix("any_") {
        return Some((Service::Any, rest));
    }
    // Longest name first, so a code that is a prefix of another cannot steal its metrics.
    let mut names: Vec<(String, &str)> = Vec::new();
    for s in &results.services {
        names.push((s.service.to_lowercase(), s.service.as_str()));
        for (alias, code) in ALIASES {
            if s.service == code {
                names.push((alias.to_owned(), s.service.as_str()));
            }
        }
    }
    names.sort_by_key(|(name, _)| std::cmp::Reverse(name.len()));
    names.into_iter().find_map(|(name, code)| {
        rest.strip_prefix(name.as_str())
            .and_then(|r| r.strip_prefix('_'))
            .map(|r| (Service::One(code), r))
    })
}

/// The mode at the start of `rest`: `car_peak_` and `blue_light_` before `car_`, which would
/// take `car_peak_mean` as car and an unknown measure.
fn split_mode(rest: &str) -> Option<(TravelMode, &str)> {
    [
        ("car_peak_", TravelMode::CarPeak),
        ("blue_light_", TravelMode::BlueLight),
        ("car_", TravelMode::Car),
        ("public_transport_", TravelMode::PublicTransport),
        ("pt_", TravelMode::PublicTransport),
    ]
    .into_iter()
    .find_map(|(name, mode)| rest.strip_prefix(name).map(|r| (mode, r)))
}

/// Checks a `people_worse_<N>min` measure names the appraisal's increase setting.
fn worse_minutes(results: &TravelResults, measure: &str) -> Option<()> {
    let n: f64 = measure
        .strip_prefix("people_worse_")?
        .strip_suffix("min")?
        .parse()
        .ok()?;
    (n == results.increase_minutes).then_some(())
}

fn value(results: &TravelResults, m: &Measures, measure: &str) -> Option<f64> {
    match measure {
        "mean" => m.mean,
        "median" => m.median,
        "p90" => m.p90,
        "mean_change" => m.mean_change,
        "share_within_threshold" => m.share_within,
        "population_within_threshold" => m.population_within,
        "population_outside_threshold" => m.population_outside,
        "zones_outside_threshold" => m.zones_outside.map(|z| z as f64),
        "estimated_share" => m.estimated_share,
        "population" => Some(m.population),
        other => {
            worse_minutes(results, other)?;
            m.people_worse
        }
    }
}
