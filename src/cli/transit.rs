//! `appraise transit`: zone x site public transport times from GTFS timetables, stored as the
//! appraisal's public transport times.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use appraise::travel::transit::{self, Stored, TransitSettings};

use super::CliError;

/// Computes and stores the times, counting sites done on standard error when it is a terminal.
pub fn run(
    file: &Path,
    feeds: &[PathBuf],
    date: &str,
    window: &str,
    settings: impl FnOnce(TransitSettings) -> TransitSettings,
) -> Result<Stored, CliError> {
    let terminal = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let progress = |done: usize, planned: usize| {
        if terminal {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\rtransit: {done} of {planned} sites");
            if done == planned {
                let _ = writeln!(err);
            }
        }
    };
    Ok(transit::store_transit(
        file,
        feeds,
        date,
        window,
        settings,
        &progress,
        &AtomicBool::new(false),
    )?)
}

pub fn render(file: &Path, s: &Stored) -> String {
    let mut out = String::new();
    for f in &s.feeds {
        out.push_str(&format!(
            "feed {}: {} stops, {} trips, {} stop times; valid {} to {}; SHA-256 {}\n",
            f.file, f.stops, f.trips, f.stop_times, f.valid_from, f.valid_to, f.sha256
        ));
    }
    let t = &s.settings;
    out.push_str(&format!(
        "{} trips on {} routes run on {}; median over departures {}\n\
         walks at {} km/h (straight line x {}), up to {} m to and from stops, changes on foot up to {} m, at most {} changes, journeys up to {} min\n\
         {}\n\
         stored public transport times in {}: {} zones x {} sites = {} cells{} in {:.1} s\n",
        s.trips,
        s.routes,
        s.date,
        s.window,
        t.walk_speed_kmh,
        t.detour_factor,
        t.max_walk_m,
        t.transfer_m,
        t.max_transfers,
        t.max_journey_minutes,
        if s.thresholds.is_empty() {
            "no service has a public-transport threshold: no reliability stored".to_owned()
        } else {
            let list: Vec<String> = s.thresholds.iter().map(|t| format!("{t}")).collect();
            format!(
                "departure minutes with a journey within {} min stored ({} bytes)",
                list.join(", "),
                s.reliability_bytes
            )
        },
        file.display(),
        s.zones,
        s.sites,
        s.cells,
        if s.audit.is_some() {
            ""
        } else {
            " (unchanged)"
        },
        s.seconds
    ));
    out
}
