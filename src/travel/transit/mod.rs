//! Public transport times from GTFS timetables, computed offline: every zone's median journey
//! time to every site over a window of departure minutes on one date, stored as the travel
//! matrix's public transport times.
//!
//! The feeds ([`feed`], read with `gtfs-structures`, zips or folders, several at once with ids
//! kept apart per feed) give the trips running on the date ([`calendar`]: calendar.txt and
//! calendar_dates.txt; frequencies.txt expanded; times past midnight kept), indexed as routes
//! ([`timetable`]); walks join zones and sites to stops and stops to each other ([`walk`]);
//! a backward range RAPTOR per site ([`raptor`]) gives every zone's earliest arrival for every
//! departure minute, and the window's median is stored ([`window`], [`compute`]), with what the
//! times were made from ([`TransitBasis`]) and, for each public-transport threshold of the
//! services, which departure minutes have a journey within it ([`Reliability`]), both inside
//! the travel matrix so storing the matrix stores them.
//!
//! Not modelled: pickup and drop-off restrictions (pickup_type, drop_off_type), block_id
//! stay-on-board changes, and a minimum change time at one stop (a change at the same stop
//! takes no time); walks are straight lines x a detour factor, not a street network.

pub mod calendar;
pub mod compute;
pub mod feed;
pub mod raptor;
pub mod timetable;
pub mod walk;
pub mod window;

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use serde::Serialize;

pub use crate::model::TransitSettings;
use crate::model::{
    Appraisal, AuditEntry, Reliability, Transit, TransitBasis, TransitFeed, TravelMatrix,
    TravelMode,
};
use crate::store::{self, StoreError};
use calendar::{CalendarError, Day};
pub use compute::{ComputeError, Progress, TransitTimes};
use feed::{Feed, FeedError};
use window::{Window, WindowError};

#[derive(Debug, thiserror::Error)]
pub enum TransitError {
    #[error("no GTFS feed given")]
    NoFeeds,
    #[error(transparent)]
    Feed(#[from] FeedError),
    #[error("--date: {0}")]
    Date(#[from] CalendarError),
    #[error("--window: {0}")]
    Window(#[from] WindowError),
    #[error("{date} is outside every feed's calendar: {ranges}")]
    OutsideCalendars { date: String, ranges: String },
    #[error("settings/transit/{setting} = {value}: {reason}")]
    Setting {
        setting: &'static str,
        value: f64,
        reason: &'static str,
    },
    #[error("no {kind} has a latitude and longitude to walk from")]
    Unplaced { kind: &'static str },
    #[error(transparent)]
    Compute(#[from] ComputeError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("the public transport reliability does not fit the matrix: {0}")]
    Shape(String),
}

/// Refuses settings that would give no sensible times.
fn check(settings: &TransitSettings) -> Result<(), TransitError> {
    match settings.problems().first() {
        Some((setting, value, reason)) => Err(TransitError::Setting {
            setting,
            value: *value,
            reason,
        }),
        None => Ok(()),
    }
}

/// One feed as the audit entry, the matrix's basis and the report name it.
pub type FeedSummary = TransitFeed;

fn name_of(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Reads every feed, the first problem stopping.
pub fn read_feeds(paths: &[PathBuf]) -> Result<Vec<Feed>, TransitError> {
    if paths.is_empty() {
        return Err(TransitError::NoFeeds);
    }
    Ok(paths
        .iter()
        .map(|p| feed::read(p))
        .collect::<Result<_, _>>()?)
}

fn summary(f: &Feed) -> FeedSummary {
    let (from, to) = f
        .calendar
        .validity()
        .map_or((String::new(), String::new()), |(a, b)| {
            (a.to_string(), b.to_string())
        });
    FeedSummary {
        file: name_of(&f.path),
        sha256: f.sha256.clone(),
        valid_from: from,
        valid_to: to,
        stops: f.stops.len(),
        trips: f.trips.len(),
        stop_times: f.stop_times,
    }
}

fn position(lat: Option<f64>, lon: Option<f64>) -> Option<(f64, f64)> {
    lat.zip(lon)
        .filter(|(la, lo)| la.is_finite() && lo.is_finite())
}

/// Every zone's median time to every site of `a` by the `feeds` on `date` (YYYY-MM-DD) over
/// the departure minutes of `window` (HH:MM-HH:MM).
pub fn times_for(
    a: &Appraisal,
    feeds: &[Feed],
    date: &str,
    window: &str,
    settings: &TransitSettings,
    progress: Progress,
    cancel: &AtomicBool,
) -> Result<TransitTimes, TransitError> {
    check(settings)?;
    let day = Day::parse(date)?;
    let window = Window::parse(window)?;
    let covered = feeds.iter().any(|f| {
        f.calendar
            .validity()
            .is_some_and(|(from, to)| from <= day && day <= to)
    });
    if !covered {
        let ranges = feeds
            .iter()
            .map(|f| {
                let s = summary(f);
                format!("{} runs {} to {}", s.file, s.valid_from, s.valid_to)
            })
            .collect::<Vec<_>>()
            .join("; ");
        return Err(TransitError::OutsideCalendars {
            date: day.to_string(),
            ranges,
        });
    }
    let zones: Vec<Option<(f64, f64)>> = a
        .zones
        .iter()
        .map(|z| position(z.latitude, z.longitude))
        .collect();
    let sites: Vec<Option<(f64, f64)>> = a
        .sites
        .iter()
        .map(|s| position(s.latitude, s.longitude))
        .collect();
    for (kind, points) in [("zone", &zones), ("site", &sites)] {
        if points.iter().all(Option::is_none) {
            return Err(TransitError::Unplaced { kind });
        }
    }
    Ok(compute::times(
        feeds,
        day,
        &window,
        settings,
        &zones,
        &sites,
        &thresholds_of(a),
        progress,
        cancel,
    )?)
}

/// The distinct public-transport thresholds of `a`'s services, ascending: those whose
/// reliability is stored with the times.
pub fn thresholds_of(a: &Appraisal) -> Vec<f64> {
    let mut out: Vec<f64> = a
        .services
        .iter()
        .flat_map(|s| &s.thresholds)
        .filter(|t| t.mode == TravelMode::PublicTransport && t.minutes.is_finite())
        .map(|t| t.minutes)
        .collect();
    out.sort_by(f64::total_cmp);
    out.dedup();
    out
}

/// The reliability bits of `times` over `a`'s zones and sites with a position.
fn reliability_of(a: &Appraisal, times: &TransitTimes) -> Result<Reliability, TransitError> {
    let placed_zones: Vec<String> = a
        .zones
        .iter()
        .filter(|z| position(z.latitude, z.longitude).is_some())
        .map(|z| z.code.clone())
        .collect();
    let mut sites = Vec::new();
    let thresholds = times.within.iter().flatten().next().map_or(0, Vec::len);
    let mut bits: Vec<Vec<u64>> = vec![Vec::new(); thresholds];
    for (site, within) in a.sites.iter().zip(&times.within) {
        let Some(within) = within else { continue };
        sites.push(site.code.clone());
        for (all, one) in bits.iter_mut().zip(within) {
            all.extend_from_slice(one);
        }
    }
    let minutes = u32::try_from(times.departures).unwrap_or(u32::MAX);
    Reliability::new(minutes, placed_zones, sites, bits)
        .map_err(|e| TransitError::Shape(e.to_string()))
}

/// The audit entry's note of the thresholds whose reliability is stored.
fn reliability_note(thresholds: &[f64]) -> String {
    if thresholds.is_empty() {
        return "; no service has a public-transport threshold, so no reliability is stored"
            .to_owned();
    }
    let list: Vec<String> = thresholds.iter().map(|t| format!("{t}")).collect();
    format!(
        "; departure minutes with a journey within {} min stored",
        list.join(", ")
    )
}

/// Public transport times computed for an appraisal: its new travel matrix and what it was
/// made from.
#[derive(Debug, Clone, PartialEq)]
pub struct Computed {
    /// The appraisal's matrix with its public transport times replaced, every other mode's
    /// times kept.
    pub matrix: TravelMatrix,
    /// The audit entry's source: the feeds (validity, SHA-256), date, window and settings.
    pub source: String,
    pub report: Stored,
}

/// What `appraise transit` did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stored {
    pub feeds: Vec<FeedSummary>,
    /// The public-transport thresholds (minutes) whose reliability was stored; empty when no
    /// service has one.
    pub thresholds: Vec<f64>,
    /// Bytes the reliability bits take (zones x sites x thresholds x one bit per departure
    /// minute, in 64-bit words per zone).
    pub reliability_bytes: usize,
    pub date: String,
    pub window: String,
    pub settings: TransitSettings,
    pub zones: usize,
    pub sites: usize,
    /// Cells given a time.
    pub cells: usize,
    /// Routes (trips calling at the same stops in order) and trips running on the date.
    pub routes: usize,
    pub trips: usize,
    /// Zones and sites with no position, so no times.
    pub unplaced: Vec<String>,
    /// Wall-clock seconds the whole command took.
    pub seconds: f64,
    /// None when the matrix already held exactly these times.
    pub audit: Option<AuditEntry>,
}

/// The matrix `old` with its public transport times replaced by `pt` (`[site][zone]` in `a`'s
/// order) and every other mode's times kept, over `a`'s zones and sites.
fn with_transit_times(a: &Appraisal, old: &TravelMatrix, pt: &[f32]) -> TravelMatrix {
    let nz = a.zones.len();
    crate::travel::matrix::replacing_modes(a, old, &[TravelMode::PublicTransport], |_, s| {
        pt.get(s * nz..(s + 1) * nz)
    })
}

/// Every zone's public transport time to every site of `a` from the feeds at `paths`, as
/// `a`'s travel matrix with its public transport times replaced: what `appraise transit`
/// stores. `a` is not changed.
pub fn compute(
    a: &Appraisal,
    paths: &[PathBuf],
    date: &str,
    window: &str,
    settings: &TransitSettings,
    progress: Progress,
    cancel: &AtomicBool,
) -> Result<Computed, TransitError> {
    let started = Instant::now();
    check(settings)?;
    let feeds = read_feeds(paths)?;
    let times = times_for(a, &feeds, date, window, settings, progress, cancel)?;
    let mut matrix = with_transit_times(a, &a.travel_matrix, &times.minutes);
    let cells = times.minutes.iter().filter(|v| !v.is_nan()).count();
    let feeds: Vec<FeedSummary> = feeds.iter().map(summary).collect();
    let (day, window) = (Day::parse(date)?, Window::parse(window)?);
    let reliability = reliability_of(a, &times)?;
    let reliability_bytes = reliability.bytes();
    let thresholds = thresholds_of(a);
    let basis = TransitBasis {
        feeds: feeds.clone(),
        date: day.to_string(),
        window: window.to_string(),
        minutes: reliability.minutes(),
        settings: *settings,
        thresholds: thresholds.clone(),
    };
    let transit =
        Transit::new(basis, reliability).map_err(|e| TransitError::Shape(e.to_string()))?;
    matrix.set_transit(Some(transit));
    let s = settings;
    // The audit entry names every feed and the settings the times were made with.
    let source = format!(
        "{}: public transport times on {day}, median over departures {window}; walks at {} km/h (straight line x {}), up to {} m to and from stops, changes on foot up to {} m, at most {} changes, journeys up to {} min",
        feeds
            .iter()
            .map(|f| format!(
                "{} (valid {} to {}, SHA-256 {})",
                f.file, f.valid_from, f.valid_to, f.sha256
            ))
            .collect::<Vec<_>>()
            .join(", "),
        s.walk_speed_kmh,
        s.detour_factor,
        s.max_walk_m,
        s.transfer_m,
        s.max_transfers,
        s.max_journey_minutes
    ) + &reliability_note(&thresholds);
    let unplaced = a
        .zones
        .iter()
        .filter(|z| position(z.latitude, z.longitude).is_none())
        .map(|z| z.code.clone())
        .chain(
            a.sites
                .iter()
                .filter(|x| position(x.latitude, x.longitude).is_none())
                .map(|x| x.code.clone()),
        )
        .collect();
    Ok(Computed {
        matrix,
        source,
        report: Stored {
            feeds,
            thresholds,
            reliability_bytes,
            date: day.to_string(),
            window: window.to_string(),
            settings: *settings,
            zones: a.zones.len(),
            sites: a.sites.len(),
            cells,
            routes: times.routes,
            trips: times.trips,
            unplaced,
            seconds: started.elapsed().as_secs_f64(),
            audit: None,
        },
    })
}

/// `appraise transit`: [`compute`]s the public transport times of the appraisal in `file` and
/// stores them in one transaction with one audit entry. The settings are the appraisal's own
/// as `adjust` returns them (the command line's flags, for one run). On any error the file is
/// left as it was.
pub fn store_transit(
    file: &Path,
    paths: &[PathBuf],
    date: &str,
    window: &str,
    adjust: impl FnOnce(TransitSettings) -> TransitSettings,
    progress: Progress,
    cancel: &AtomicBool,
) -> Result<Stored, TransitError> {
    let started = Instant::now();
    let a = store::open(file)?;
    let settings = adjust(a.settings.transit);
    let computed = compute(&a, paths, date, window, &settings, progress, cancel)?;
    let audit = store::replace_travel_matrix(
        file,
        &computed.matrix,
        Some(&computed.source),
        &store::Revision::of(&a),
    )?;
    Ok(Stored {
        audit,
        seconds: started.elapsed().as_secs_f64(),
        ..computed.report
    })
}

#[cfg(test)]
mod tests;
