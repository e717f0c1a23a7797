//! What the travel engine reports: per service, mode and option, the journeys to the nearest
//! site and how they change against do minimum, for everyone and by IMD quintile.

use serde::Serialize;

use super::{LostSite, NoCarTravel, TransitReliability};
use crate::model::TravelMode;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct TravelResults {
    /// The do-minimum option changes are measured against; None when there is none.
    pub baseline: Option<String>,
    /// Journeys growing by more than this many minutes are counted as worse.
    pub increase_minutes: f64,
    pub zones: usize,
    pub population: f64,
    /// Matrix cells holding an imported value; every other time used is an estimate.
    pub matrix_values: usize,
    /// One entry per service and mode measured, services in the appraisal's order, modes in
    /// [`TravelMode::ALL`] order: every service by car (off-peak) and public transport, and by
    /// peak car or blue light when it has a threshold for them.
    pub services: Vec<ServiceTravel>,
    /// Per mode measured: people whose journey to any service measured by it grows by more
    /// than `increase_minutes`.
    pub any_service: Vec<AnyServiceTravel>,
    /// Households without a car and their public-transport journeys; None when no zone records
    /// its households without a car.
    pub no_car: Option<NoCarTravel>,
    /// How often public transport has no journey within each service's threshold; None when
    /// the public transport times were not computed from timetables.
    pub reliability: Option<TransitReliability>,
    pub warnings: Vec<String>,
    /// How every median and 90th percentile is computed ([`super::metrics::PERCENTILE_CONVENTION`]).
    pub percentiles: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ServiceTravel {
    pub service: String,
    pub name: String,
    pub mode: TravelMode,
    /// The service's threshold for the mode; None when it has none (no within/outside figures).
    pub threshold_minutes: Option<f64>,
    /// One per option, in the appraisal's order.
    pub options: Vec<OptionTravel>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct OptionTravel {
    pub option: String,
    pub name: String,
    /// Number of sites offering the service under the option (0: no journey can be measured).
    pub sites: usize,
    pub all: Measures,
    /// Quintiles 1 (most deprived) to 5; their counts and populations add up to `all`.
    pub quintiles: Vec<Measures>,
    /// Zones outside the threshold under this option that are within it under do minimum.
    pub newly_outside: Vec<String>,
    /// Cumulative share of the population against minutes, in increasing time (see
    /// [`super::metrics::CURVE_STEP_PERCENT`]); what the access chart draws.
    pub curve: Vec<CurvePoint>,
    /// Population by time band ([`super::bands::BAND_LIMITS`]: 0-15, 15-30, 30-45, 45-60, over
    /// 60 minutes); unreached zones are in `all.unreached_population`, not here.
    pub bands: Vec<f64>,
    /// The sites offering the service under do minimum and not under this option, with the
    /// extra minutes their patients travel to the next nearest; empty for do minimum.
    pub lost_sites: Vec<LostSite>,
    /// Each zone's minutes to the nearest site offering the service under the option, in the
    /// appraisal's zone order (NaN: no journey): what the maps colour. Kept in the core, not
    /// sent to the window, which asks for the map drawn.
    #[serde(skip)]
    #[cfg_attr(test, ts(skip))]
    pub zone_minutes: Vec<f32>,
}

/// One step of the access curve: `share` % of the whole population lives within `minutes`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct CurvePoint {
    pub minutes: f64,
    pub share: f64,
}

/// Population-weighted measures over a set of zones. Times are minutes to the nearest site
/// offering the service; percentiles follow [`super::metrics::weighted_percentile`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Measures {
    /// None for everyone, 1-5 for an IMD quintile.
    pub quintile: Option<u8>,
    pub zones: usize,
    pub population: f64,
    /// Population of zones with no time to any site offering the service (no matrix value and
    /// no coordinates, or no site offers it); left out of the time measures.
    pub unreached_population: f64,
    pub mean: Option<f64>,
    pub median: Option<f64>,
    pub p90: Option<f64>,
    /// Population with a time within the threshold, and its share (%) of `population`.
    pub population_within: Option<f64>,
    pub share_within: Option<f64>,
    /// Zones (and their population) not within the threshold, unreached ones included.
    pub zones_outside: Option<usize>,
    pub population_outside: Option<f64>,
    /// Population-weighted mean of (time - do-minimum time), over zones with both.
    pub mean_change: Option<f64>,
    /// Population whose journey grows by more than the increase setting against do minimum.
    pub people_worse: Option<f64>,
    /// Population whose time under this option is an estimate, not an imported value, and
    /// its share (%) of `population`.
    pub estimated_population: f64,
    pub estimated_share: Option<f64>,
    /// Population whose change against do minimum used an estimate on either side.
    pub change_estimated_population: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct AnyServiceTravel {
    pub mode: TravelMode,
    pub options: Vec<AnyServiceOption>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct AnyServiceOption {
    pub option: String,
    /// Population whose journey to at least one service grows by more than the setting.
    pub people_worse: f64,
    /// The same, by quintile 1 (most deprived) to 5.
    pub quintiles: Vec<f64>,
    /// Population among `people_worse` for whom an estimate was involved.
    pub estimated_population: f64,
}

impl ServiceTravel {
    /// Whether the pack and the Travel screen show this service by this mode: by car
    /// (off-peak) always, by any other mode when the service has a threshold for it (services
    /// name the modes that matter to them through their thresholds).
    pub fn shown(&self) -> bool {
        self.mode == TravelMode::Car || self.threshold_minutes.is_some()
    }
}

impl TravelResults {
    /// The modes at least one service is shown by ([`ServiceTravel::shown`]), in
    /// [`TravelMode::ALL`] order.
    pub fn shown_modes(&self) -> Vec<TravelMode> {
        TravelMode::ALL
            .into_iter()
            .filter(|m| self.services.iter().any(|s| s.mode == *m && s.shown()))
            .collect()
    }

    /// Why these results measured no journey at all (no matrix value and no coordinates to
    /// estimate from, or no site offering any service); none when at least one journey time
    /// was measured.
    pub fn unmeasured(&self) -> Option<String> {
        let measured = self
            .services
            .iter()
            .flat_map(|s| &s.options)
            .any(|o| o.all.mean.is_some());
        (!measured).then(|| {
            "no journey time could be measured: import a travel matrix on the Travel screen, or give the zones and sites their latitude and longitude so times can be estimated".to_owned()
        })
    }
}
