//! Households without a car: who relies on public transport, and whom an option cuts off.
//!
//! A household with no car or van (Census 2021 TS045) reaches a hospital by public transport or
//! not at all, so its public-transport journeys are the equality question a consultation is
//! asked: how many such households an option leaves with a journey to at least one service
//! more than the increase setting longer than under do minimum, how many of them in the two most
//! deprived IMD quintiles, and how many would live outside a service's public-transport
//! threshold. Counted over the zones that record their households without a car; the figures
//! say how many zones that is, so a partial count is never read as the whole area's.

use serde::Serialize;

use super::nearest::Nearest;
use super::{ServiceTravel, metrics::Zones};
use crate::model::{Appraisal, TravelMode};

/// Quintiles counted as the most deprived: 1 and 2, the most deprived two fifths of areas.
const MOST_DEPRIVED: u8 = 2;

/// The area's households without a car and what each option does to their journeys.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct NoCarTravel {
    /// Zones recording households without a car, of `zones` in all.
    pub zones_recorded: usize,
    pub zones: usize,
    /// Households and households without a car over the zones recording both.
    pub households: f64,
    pub without_car: f64,
    /// Services with a public-transport threshold: those `newly_outside` counts against.
    pub thresholded_services: Vec<String>,
    /// One per option, in the appraisal's order.
    pub options: Vec<NoCarOption>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct NoCarOption {
    pub option: String,
    /// Households without a car whose public-transport journey to at least one service grows by
    /// more than the increase setting against do minimum; None for do minimum itself or when
    /// there is no do minimum.
    pub worse: Option<f64>,
    /// Of `worse`, those in IMD quintiles 1 and 2.
    pub worse_most_deprived: Option<f64>,
    /// Households without a car within the public-transport threshold of a service under do
    /// minimum and outside it (or unreached) under this option, for at least one service; None
    /// for do minimum itself, without a do minimum, or when no service has such a threshold.
    pub newly_outside: Option<f64>,
    /// Households among `worse` or `newly_outside` whose time, or do minimum's, is an estimate.
    pub estimated: f64,
}

/// The households-without-a-car figures of `a`, from the public-transport journeys measured in
/// `done` (each service and mode's nearest sites, per option); None when no zone records its
/// households without a car.
pub(super) fn assess(
    a: &Appraisal,
    zones: &Zones,
    baseline: Option<usize>,
    done: &[(ServiceTravel, Vec<Nearest>)],
) -> Option<NoCarTravel> {
    let without: Vec<Option<f64>> = a.zones.iter().map(|z| z.households_without_car).collect();
    let zones_recorded = without.iter().flatten().count();
    if zones_recorded == 0 {
        return None;
    }
    let households = a
        .zones
        .iter()
        .filter_map(|z| z.households.zip(z.households_without_car))
        .map(|(h, _)| h)
        .sum();
    let public: Vec<&(ServiceTravel, Vec<Nearest>)> = done
        .iter()
        .filter(|(s, _)| s.mode == TravelMode::PublicTransport)
        .collect();
    let thresholded: Vec<String> = public
        .iter()
        .filter(|(s, _)| s.threshold_minutes.is_some())
        .map(|(s, _)| s.service.clone())
        .collect();
    let increase = a.settings.travel_increase_minutes;
    let options = a
        .options
        .iter()
        .enumerate()
        .map(|(o, option)| {
            let compared = baseline.filter(|b| *b != o);
            let mut worse = vec![false; a.zones.len()];
            let mut newly_outside = vec![false; a.zones.len()];
            let mut estimated = vec![false; a.zones.len()];
            if let Some(b) = compared {
                for (service, nearest) in &public {
                    let (n, base) = (&nearest[o], &nearest[b]);
                    // NaN (no time) is outside, as in the service measures.
                    let within =
                        |t: f32| service.threshold_minutes.is_some_and(|l| f64::from(t) <= l);
                    for z in 0..a.zones.len() {
                        let longer = f64::from(n.times[z]) - f64::from(base.times[z]) > increase;
                        let newly = within(base.times[z]) && !within(n.times[z]);
                        worse[z] |= longer;
                        newly_outside[z] |= newly;
                        if longer || newly {
                            estimated[z] |= n.estimated[z] || base.estimated[z];
                        }
                    }
                }
            }
            // Starts from +0.0: an empty f64 sum is -0.0, which prints as "-0".
            let sum = |keep: &dyn Fn(usize) -> bool| -> f64 {
                (0..a.zones.len())
                    .filter(|z| keep(*z))
                    .filter_map(|z| without[z])
                    .fold(0.0, |a, b| a + b)
            };
            NoCarOption {
                option: option.code.clone(),
                worse: compared.map(|_| sum(&|z| worse[z])),
                worse_most_deprived: compared
                    .map(|_| sum(&|z| worse[z] && zones.quintile[z] <= MOST_DEPRIVED)),
                newly_outside: compared
                    .filter(|_| !thresholded.is_empty())
                    .map(|_| sum(&|z| newly_outside[z])),
                estimated: sum(&|z| (worse[z] || newly_outside[z]) && estimated[z]),
            }
        })
        .collect();
    Some(NoCarTravel {
        zones_recorded,
        zones: a.zones.len(),
        households,
        without_car: without.iter().flatten().sum(),
        thresholded_services: thresholded,
        options,
    })
}
