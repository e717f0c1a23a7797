//! Travel and access: how far people must go to each service under each option, and who bears
//! the change, for everyone and by deprivation.
//!
//! For every option, service and mode the nearest site offering the service is found for each
//! zone, from the imported matrix where it has a value and the built-in estimate elsewhere
//! ([`matrix`]); the journeys are then measured against do minimum ([`metrics`]) for everyone
//! and by IMD quintile ([`equality`]). Public transport times computed from timetables also
//! give how often a zone has no journey within a service's threshold ([`reliability`]).
//! [`derived`] serves the figures as criterion metrics.

pub mod bands;
pub mod derived;
pub mod equality;
pub mod estimate;
pub mod import;
pub mod lost_sites;
pub mod matrix;
pub mod metrics;
pub mod nearest;
pub mod no_car;
pub mod reliability;
mod results;
pub mod roads;
pub mod transit;

use std::collections::HashMap;

pub use derived::derived_metric;
pub use lost_sites::LostSite;
pub use no_car::{NoCarOption, NoCarTravel};
pub use reliability::{OptionReliability, ServiceReliability, TransitReliability};
pub use results::{
    AnyServiceOption, AnyServiceTravel, CurvePoint, Measures, OptionTravel, ServiceTravel,
    TravelResults,
};

use crate::model::{Appraisal, OptionKind, TravelMode};
use matrix::{Column, Times};
use metrics::{Against, Zones};
use nearest::{Nearest, Ranking};

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum TravelError {
    #[error("zones/{zone}: {name} has no population")]
    NoPopulation { zone: String, name: String },
    #[error("zones/{zone}/imd_decile: {decile} is not an IMD decile (1 = most deprived to 10)")]
    Decile { zone: String, decile: u8 },
    #[error("options/{option}/site_services: unknown site '{site}'")]
    UnknownSite { option: String, site: String },
}

/// Sites offering `service` under each option, as indices into the appraisal's sites.
fn offered(a: &Appraisal, service: &str) -> Result<Vec<Vec<usize>>, TravelError> {
    let index: HashMap<&str, usize> = a
        .sites
        .iter()
        .enumerate()
        .map(|(i, s)| (s.code.as_str(), i))
        .collect();
    a.options
        .iter()
        .map(|o| {
            let mut sites = Vec::new();
            for ss in o.site_services.iter().filter(|ss| ss.service == service) {
                let site =
                    *index
                        .get(ss.site.as_str())
                        .ok_or_else(|| TravelError::UnknownSite {
                            option: o.code.clone(),
                            site: ss.site.clone(),
                        })?;
                if !sites.contains(&site) {
                    sites.push(site);
                }
            }
            Ok(sites)
        })
        .collect()
}

/// One service by one mode: which of the mode's ranked sites each option offers it at.
struct Task {
    service: usize,
    /// Index into the modes measured.
    mode: usize,
    /// Per option, indices into the ranked (used) sites.
    offered: Vec<Vec<usize>>,
}

/// `f` over `items`, shared between the machine's cores, results in order.
fn parallel<'t, T: Sync, R: Send>(items: &'t [T], f: impl Fn(&'t T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len())
        .max(1);
    let chunk = items.len().div_ceil(threads).max(1);
    let f = &f;
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(f).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

/// Measures every option's journeys to every service by every mode.
pub fn assess(a: &Appraisal) -> Result<TravelResults, TravelError> {
    let mut quintile = Vec::with_capacity(a.zones.len());
    for z in &a.zones {
        if z.population.is_nan() || z.population <= 0.0 {
            return Err(TravelError::NoPopulation {
                zone: z.code.clone(),
                name: z.name.clone(),
            });
        }
        quintile.push(
            equality::quintile(z.imd_decile).ok_or_else(|| TravelError::Decile {
                zone: z.code.clone(),
                decile: z.imd_decile,
            })?,
        );
    }
    let population: Vec<f64> = a.zones.iter().map(|z| z.population).collect();
    let zones = Zones {
        population: &population,
        quintile: &quintile,
    };
    let baseline = a
        .options
        .iter()
        .position(|o| o.kind == OptionKind::DoMinimum);
    let mut warnings = Vec::new();
    if baseline.is_none() {
        warnings.push(
            "there is no do-minimum option: changes in travel time are not measured".to_owned(),
        );
    }
    let by_service = a
        .services
        .iter()
        .map(|s| offered(a, &s.code))
        .collect::<Result<Vec<_>, _>>()?;

    // Every site any option offers anything at: its columns and ranking, once per mode.
    let mut used: Vec<usize> = by_service.iter().flatten().flatten().copied().collect();
    used.sort_unstable();
    used.dedup();
    let position: HashMap<usize, usize> = used.iter().enumerate().map(|(i, s)| (*s, i)).collect();
    // Each service by car and public transport, as always, and by peak car or blue light when
    // it has a threshold for them: services name the road modes that matter to them. Only the
    // modes some service needs are ranked.
    let measured = |service: &crate::model::Service, mode: TravelMode| {
        matches!(mode, TravelMode::Car | TravelMode::PublicTransport)
            || service.thresholds.iter().any(|t| t.mode == mode)
    };
    let modes: Vec<TravelMode> = TravelMode::ALL
        .into_iter()
        .filter(|m| a.services.iter().any(|s| measured(s, *m)))
        .collect();
    let times = Times::new(a);
    let columns: Vec<Vec<Column>> = parallel(&modes, |&mode| {
        used.iter().map(|&s| times.column(mode, s)).collect()
    });
    let column_refs: Vec<Vec<&Column>> = columns.iter().map(|c| c.iter().collect()).collect();
    let rankings: Vec<Ranking> = parallel(&column_refs, |c| Ranking::new(c, a.zones.len()));

    let mut tasks = Vec::new();
    for (service, per_option) in by_service.iter().enumerate() {
        for (mode, m) in modes.iter().enumerate() {
            if !measured(&a.services[service], *m) {
                continue;
            }
            tasks.push(Task {
                service,
                mode,
                offered: per_option
                    .iter()
                    .map(|sites| sites.iter().map(|s| position[s]).collect())
                    .collect(),
            });
        }
    }
    let done: Vec<(ServiceTravel, Vec<Nearest>)> = parallel(&tasks, |task| {
        run_task(
            a,
            &zones,
            baseline,
            modes[task.mode],
            &rankings[task.mode],
            &used,
            task,
        )
    });

    let any_service = match baseline {
        Some(b) => any_service(a, &zones, b, &modes, &done),
        None => Vec::new(),
    };
    let no_car = no_car::assess(a, &zones, baseline, &done);
    let reliability = reliability::assess(a, &by_service);
    let mut services = Vec::with_capacity(done.len());
    for (service, _) in done {
        for o in &service.options {
            if o.sites == 0 && service.mode == TravelMode::Car {
                warnings.push(format!(
                    "{} ({}) offers {} at no site: its journeys to it are not measured",
                    o.name, o.option, service.name
                ));
            }
        }
        services.push(service);
    }
    Ok(TravelResults {
        baseline: baseline.map(|b| a.options[b].code.clone()),
        increase_minutes: a.settings.travel_increase_minutes,
        zones: a.zones.len(),
        population: population.iter().sum(),
        matrix_values: a.travel_matrix.values(),
        services,
        any_service,
        no_car,
        reliability,
        warnings,
        percentiles: metrics::PERCENTILE_CONVENTION.to_owned(),
    })
}

/// `used`: the appraisal's site index of each of the ranking's columns.
fn run_task(
    a: &Appraisal,
    zones: &Zones,
    baseline: Option<usize>,
    mode: TravelMode,
    ranking: &Ranking,
    used: &[usize],
    task: &Task,
) -> (ServiceTravel, Vec<Nearest>) {
    let service = &a.services[task.service];
    let threshold = service
        .thresholds
        .iter()
        .find(|t| t.mode == mode)
        .map(|t| t.minutes);
    let nearest: Vec<Nearest> = task.offered.iter().map(|o| ranking.nearest(o)).collect();
    let options = a
        .options
        .iter()
        .zip(&nearest)
        .zip(&task.offered)
        .enumerate()
        .map(|(i, ((o, n), sites))| {
            let lost = match baseline {
                Some(b) if b != i => lost_sites::lost_sites(
                    zones.population,
                    &nearest[b],
                    n,
                    &task.offered[b],
                    sites,
                    |c| {
                        let site = &a.sites[used[c]];
                        (site.code.as_str(), site.name.as_str())
                    },
                ),
                _ => Vec::new(),
            };
            let measured = metrics::measure(
                zones,
                n,
                &Against {
                    threshold,
                    increase_minutes: a.settings.travel_increase_minutes,
                    baseline: baseline.map(|b| &nearest[b]),
                },
            );
            OptionTravel {
                option: o.code.clone(),
                name: o.name.clone(),
                sites: sites.len(),
                all: measured.all,
                quintiles: measured.quintiles,
                newly_outside: measured
                    .newly_outside
                    .into_iter()
                    .map(|z| a.zones[z].code.clone())
                    .collect(),
                curve: measured.curve,
                bands: bands::population_by_band(&n.times, zones.population),
                lost_sites: lost,
                zone_minutes: n.times.clone(),
            }
        })
        .collect();
    (
        ServiceTravel {
            service: service.code.clone(),
            name: service.name.clone(),
            mode,
            threshold_minutes: threshold,
            options,
        },
        nearest,
    )
}

/// Per mode measured and option, the people whose journey to at least one service measured by
/// that mode (by car and public transport every service, by peak car or blue light those with a
/// threshold for it, so no one counts as worse off by ambulance to a planned operation) grows by
/// more than the increase setting.
fn any_service(
    a: &Appraisal,
    zones: &Zones,
    baseline: usize,
    modes: &[TravelMode],
    done: &[(ServiceTravel, Vec<Nearest>)],
) -> Vec<AnyServiceTravel> {
    let increase = a.settings.travel_increase_minutes;
    modes
        .iter()
        .map(|&mode| {
            let options = a
                .options
                .iter()
                .enumerate()
                .map(|(o, option)| {
                    let mut worse = vec![false; a.zones.len()];
                    let mut estimated = vec![false; a.zones.len()];
                    for (_, nearest) in done.iter().filter(|(s, _)| s.mode == mode) {
                        let (n, b) = (&nearest[o], &nearest[baseline]);
                        for z in 0..a.zones.len() {
                            let change = f64::from(n.times[z]) - f64::from(b.times[z]);
                            if change > increase {
                                worse[z] = true;
                                estimated[z] |= n.estimated[z] || b.estimated[z];
                            }
                        }
                    }
                    let mut quintiles = vec![0.0; equality::QUINTILES];
                    let (mut people, mut estimated_people) = (0.0, 0.0);
                    for z in (0..a.zones.len()).filter(|z| worse[*z]) {
                        people += zones.population[z];
                        quintiles[usize::from(zones.quintile[z]) - 1] += zones.population[z];
                        if estimated[z] {
                            estimated_people += zones.population[z];
                        }
                    }
                    AnyServiceOption {
                        option: option.code.clone(),
                        people_worse: people,
                        quintiles,
                        estimated_population: estimated_people,
                    }
                })
                .collect();
            AnyServiceTravel { mode, options }
        })
        .collect()
}

#[cfg(test)]
mod tests;
