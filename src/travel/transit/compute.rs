//! Every zone's median public transport time to every site over a window of departure
//! minutes: the timetable of the date, walks near zones and sites, then one backward range
//! RAPTOR per site ([`raptor`](super::raptor)), the sites shared among threads.
//!
//! Why backwards from the sites: the matrix has few sites (tens) and many zones (thousands).
//! Forwards, every zone needs its own search for every departure minute (3,000 zones x 120
//! minutes = 360,000 searches in the benchmark's region); backwards, one range search per site
//! covers every zone and every departure minute at once, its work growing with the arrivals at
//! the site's stops, not with the zones (20 searches). The benchmark (benches/transit.rs)
//! measures the backward scheme on a generated region of 20,022 stops and a million stop times:
//! 3,000 zones x 20 sites over 07:00-09:00 route in 0.3 s (0.9 s with reading the feed), well under the 60 s target, so the
//! forward scheme (which would need each zone's search for each of the 120 minutes, or a range
//! search per zone: 150 times as many searches) was not built.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use rayon::prelude::*;

use super::calendar::Day;
use super::feed::Feed;
use super::raptor::{ByStop, Search};
use super::timetable::Timetable;
use super::walk::Walker;
use super::window::{Window, median_of, minute_times, within_bits};
use crate::model::TransitSettings;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ComputeError {
    #[error(
        "no trip of any feed departs a stop on {date} between {from} and {to} (the window {window} and the longest journey after it): the window has no service"
    )]
    NoService {
        date: String,
        window: String,
        from: String,
        to: String,
    },
    #[error("the public transport times were cancelled; nothing was changed")]
    Cancelled,
}

/// Zone x site median minutes, `[site][zone]`; NaN where there is no journey or no position.
#[derive(Debug, Clone, PartialEq)]
pub struct TransitTimes {
    pub zones: usize,
    pub sites: usize,
    pub minutes: Vec<f32>,
    /// Per site (None without a position), per threshold asked for, which departure minutes
    /// have a journey within it: [`Reliability`](crate::model::Reliability)'s bits over the
    /// zones with a position, in order.
    pub within: Vec<Option<Vec<Vec<u64>>>>,
    /// Departure minutes in the window.
    pub departures: usize,
    /// Routes (in RAPTOR's sense) and trips running on the date.
    pub routes: usize,
    pub trips: usize,
}

impl TransitTimes {
    /// Zone `zone`'s median minutes to site `site`, if it has a journey.
    pub fn minutes(&self, site: usize, zone: usize) -> Option<f32> {
        self.minutes
            .get(site * self.zones + zone)
            .copied()
            .filter(|m| !m.is_nan())
    }
}

/// Told how many sites are done out of how many.
pub type Progress<'a> = &'a (dyn Fn(usize, usize) + Sync);

/// The median times from `zones` to `sites` (latitude, longitude; `None` without a position)
/// by the trips of `feeds` running on `day`, over the departure minutes of `window`; and for
/// each of `thresholds` (minutes) which departure minutes have a journey within it.
#[allow(clippy::too_many_arguments)] // each is one input of the computation
pub fn times(
    feeds: &[Feed],
    day: Day,
    window: &Window,
    settings: &TransitSettings,
    zones: &[Option<(f64, f64)>],
    sites: &[Option<(f64, f64)>],
    thresholds: &[f64],
    progress: Progress,
    cancel: &AtomicBool,
) -> Result<TransitTimes, ComputeError> {
    let tt = Timetable::build(feeds, day);
    let longest = (settings.max_journey_minutes * 60.0).round() as i32;
    // Service is a departure one could take leaving in the window.
    if !tt.departs_within(window.start, window.end + longest) {
        let hm = |s: i32| format!("{:02}:{:02}", s / 3600, s % 3600 / 60);
        return Err(ComputeError::NoService {
            date: day.to_string(),
            window: window.to_string(),
            from: hm(window.start),
            to: hm(window.end + longest),
        });
    }
    let walker = Walker::new(&tt.stops, settings);
    let (change_start, change_list) = walker.changes_into(settings.transfer_m, &tt.transfers);
    // Zones by the stops they walk to.
    let mut by_stop: Vec<Vec<(u32, i32)>> = vec![Vec::new(); tt.stops.len()];
    for (z, p) in zones.iter().enumerate() {
        if let Some(p) = p {
            for (s, walk) in walker.near(*p, settings.max_walk_m) {
                by_stop[s as usize].push((z as u32, walk));
            }
        }
    }
    let mut zone_start = Vec::with_capacity(by_stop.len() + 1);
    let mut zone_list = Vec::new();
    zone_start.push(0u32);
    for l in by_stop {
        zone_list.extend(l);
        zone_start.push(zone_list.len() as u32);
    }
    let search = Search {
        timetable: &tt,
        changes_into: ByStop {
            start: &change_start,
            list: &change_list,
        },
        zones_at: ByStop {
            start: &zone_start,
            list: &zone_list,
        },
        zones: zones.len(),
        vehicles: settings.max_transfers as usize + 1,
    };
    let planned = sites.iter().flatten().count();
    // Reading and indexing are over: the window shows "0 of N sites" from here.
    progress(0, planned);
    let done = AtomicUsize::new(0);
    let words = window.len().div_ceil(64);
    let placed = zones.iter().flatten().count();
    type Site = (Vec<f32>, Option<Vec<Vec<u64>>>);
    let columns: Vec<Site> = sites
        .par_iter()
        .map(|site| {
            if cancel.load(Ordering::Relaxed) {
                return Err(ComputeError::Cancelled);
            }
            let mut column = vec![f32::NAN; zones.len()];
            let Some(site) = site else {
                return Ok((column, None));
            };
            let mut within = vec![vec![0u64; placed * words]; thresholds.len()];
            let egress = walker.near(*site, settings.max_walk_m);
            let profiles = search.profiles(&egress, window.start, window.end + longest);
            let placed_zones = zones
                .iter()
                .zip(&profiles)
                .enumerate()
                .filter_map(|(z, (zone, p))| zone.map(|zone| (z, zone, p)));
            for (k, (z, zone, profile)) in placed_zones.enumerate() {
                let walk = walker.seconds(zone, *site, settings.max_walk_m);
                let mut per_minute = minute_times(profile, walk, window, longest);
                for (bits, limit) in within.iter_mut().zip(thresholds) {
                    within_bits(&per_minute, *limit, &mut bits[k * words..(k + 1) * words]);
                }
                // Sorts the minutes: after the bits, which are by minute.
                if let Some(m) = median_of(&mut per_minute) {
                    column[z] = m;
                }
            }
            progress(done.fetch_add(1, Ordering::Relaxed) + 1, planned);
            Ok((column, Some(within)))
        })
        .collect::<Result<_, _>>()?;
    let (columns, within): (Vec<Vec<f32>>, Vec<_>) = columns.into_iter().unzip();
    Ok(TransitTimes {
        zones: zones.len(),
        sites: sites.len(),
        minutes: columns.concat(),
        within,
        departures: window.len(),
        routes: tt.routes(),
        trips: tt.trips,
    })
}
