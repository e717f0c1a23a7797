//! How often public transport fails a zone: per option and service with a public-transport
//! threshold, the share of the window's departure minutes with no journey within the threshold
//! to any site offering the service, averaged over zones weighted by population, and by
//! households without a car.
//!
//! A zone's minutes with a journey under an option are the OR of its bits to each site offering
//! the service ([`Reliability`]): exact, since a departure minute has a journey within the
//! threshold to some site exactly when it has one to at least one of them. Its share with none
//! is 1 - popcount / minutes.

use std::collections::HashMap;

use serde::Serialize;

use crate::model::{Appraisal, Reliability, TravelMode};

/// The reliability of public transport computed from timetables.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct TransitReliability {
    /// The date and window of departure minutes the times were computed over.
    pub date: String,
    pub window: String,
    pub minutes: u32,
    /// The thresholds whose bits are stored.
    pub computed_thresholds: Vec<f64>,
    /// One per service with a public-transport threshold, in the appraisal's order; empty
    /// when no service has one.
    pub services: Vec<ServiceReliability>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ServiceReliability {
    pub service: String,
    pub name: String,
    pub threshold_minutes: f64,
    /// Why there are no shares: the threshold is not one the times were computed with (it
    /// changed since); None when the shares are given.
    pub not_computed: Option<String>,
    /// One per option, in the appraisal's order; empty when `not_computed`.
    pub options: Vec<OptionReliability>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct OptionReliability {
    pub option: String,
    /// Population-weighted mean share (%) of departure minutes with no journey within the
    /// threshold to any site offering the service; None when the option offers it nowhere,
    /// a site offering it has no computed journeys, or no zone has.
    pub share: Option<f64>,
    /// The same weighted by households without a car, over the zones recording them; None
    /// also when no such zone has computed journeys.
    pub no_car_share: Option<f64>,
    /// Population of zones without computed journeys (no position when the times were
    /// computed, or added since), left out of the shares.
    pub uncounted_population: f64,
    /// Sites offering the service with no computed journeys (no position then, or added
    /// since): while there is one no share is given.
    pub uncomputed_sites: Vec<String>,
}

/// The reliability figures of `a`; None when its public transport times were not computed from
/// timetables. `offered`: per service, per option, the sites offering it (indices into
/// `a.sites`).
pub fn assess(a: &Appraisal, offered: &[Vec<Vec<usize>>]) -> Option<TransitReliability> {
    let transit = a.travel_matrix.transit()?;
    let (basis, bits) = (transit.basis(), transit.reliability());
    let zone_of: HashMap<&str, usize> = index(bits.zones());
    let site_of: HashMap<&str, usize> = index(bits.sites());
    // Each appraisal zone's row in the bits.
    let rows: Vec<Option<usize>> = a
        .zones
        .iter()
        .map(|z| zone_of.get(z.code.as_str()).copied())
        .collect();
    let services = a
        .services
        .iter()
        .zip(offered)
        .filter_map(|(service, per_option)| {
            let threshold = service
                .thresholds
                .iter()
                .find(|t| t.mode == TravelMode::PublicTransport)?
                .minutes;
            let Some(t) = transit.threshold(threshold) else {
                return Some(ServiceReliability {
                    service: service.code.clone(),
                    name: service.name.clone(),
                    threshold_minutes: threshold,
                    not_computed: Some(format!(
                        "not computed for threshold {threshold} min: recompute public transport times"
                    )),
                    options: Vec::new(),
                });
            };
            let options = a
                .options
                .iter()
                .zip(per_option)
                .map(|(option, sites)| {
                    let (known, unknown): (Vec<_>, Vec<_>) = sites
                        .iter()
                        .map(|s| (s, site_of.get(a.sites[*s].code.as_str()).copied()))
                        .partition(|(_, r)| r.is_some());
                    let known: Vec<usize> = known.into_iter().filter_map(|(_, r)| r).collect();
                    let uncomputed_sites: Vec<String> = unknown
                        .into_iter()
                        .map(|(s, _)| a.sites[*s].code.clone())
                        .collect();
                    let measured = (!sites.is_empty() && uncomputed_sites.is_empty())
                        .then(|| shares(a, bits, t, &known, &rows));
                    let uncounted_population = a
                        .zones
                        .iter()
                        .zip(&rows)
                        .filter(|(_, r)| r.is_none())
                        .map(|(z, _)| z.population)
                        .fold(0.0, |s, p| s + p);
                    OptionReliability {
                        option: option.code.clone(),
                        share: measured.and_then(|m| m.0),
                        no_car_share: measured.and_then(|m| m.1),
                        uncounted_population,
                        uncomputed_sites,
                    }
                })
                .collect();
            Some(ServiceReliability {
                service: service.code.clone(),
                name: service.name.clone(),
                threshold_minutes: threshold,
                not_computed: None,
                options,
            })
        })
        .collect();
    Some(TransitReliability {
        date: basis.date.clone(),
        window: basis.window.clone(),
        minutes: basis.minutes,
        computed_thresholds: basis.thresholds.clone(),
        services,
    })
}

fn index(codes: &[String]) -> HashMap<&str, usize> {
    codes
        .iter()
        .enumerate()
        .map(|(i, c)| (c.as_str(), i))
        .collect()
}

/// The population- and no-car-weighted mean shares (%) of minutes with no journey within
/// threshold `t` to any of `sites` (rows of the bits), over the zones with a row.
fn shares(
    a: &Appraisal,
    bits: &Reliability,
    t: usize,
    sites: &[usize],
    rows: &[Option<usize>],
) -> (Option<f64>, Option<f64>) {
    let words = bits.words();
    let minutes = f64::from(bits.minutes());
    let mut any = vec![0u64; words];
    let (mut people, mut people_share) = (0.0, 0.0);
    let (mut households, mut households_share) = (0.0, 0.0);
    for (zone, row) in a.zones.iter().zip(rows) {
        let Some(row) = row else { continue };
        any.fill(0);
        for &s in sites {
            for (w, b) in any.iter_mut().zip(bits.cell(t, s, *row)) {
                *w |= b;
            }
        }
        let reached: u32 = any.iter().map(|w| w.count_ones()).sum();
        let none = 1.0 - f64::from(reached) / minutes;
        people += zone.population;
        people_share += zone.population * none;
        if let Some(h) = zone.households_without_car {
            households += h;
            households_share += h * none;
        }
    }
    let mean = |weighted: f64, total: f64| (total > 0.0).then(|| weighted / total * 100.0);
    (
        mean(people_share, people),
        mean(households_share, households),
    )
}
