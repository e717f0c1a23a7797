//! `appraise roads`: zone x site road times from an OpenStreetMap extract, stored as the
//! appraisal's car times.

use std::io::Write;
use std::path::Path;
use std::sync::atomic::AtomicBool;

use appraise::travel::roads::{self, RoadMode, RoadSettings, Stored};

use super::CliError;

/// The car times stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Period {
    /// Free-flow times: each road's maxspeed or its class's default speed.
    OffPeak,
    /// Morning-peak times: each road's off-peak time x its class's peak factor.
    Peak,
}

/// Computes and stores the times, counting sites done on standard error when it is a terminal.
pub fn run(
    file: &Path,
    pbf: &Path,
    settings: impl FnOnce(RoadSettings) -> RoadSettings,
    period: Period,
) -> Result<Stored, CliError> {
    let mode = match period {
        Period::OffPeak => RoadMode::OffPeakCar,
        Period::Peak => RoadMode::PeakCar,
    };
    let terminal = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let progress = |done: usize, planned: usize| {
        if terminal {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\rroads: {done} of {planned} sites");
            if done == planned {
                let _ = writeln!(err);
            }
        }
    };
    Ok(roads::store_roads(
        file,
        pbf,
        settings,
        mode,
        &progress,
        &AtomicBool::new(false),
    )?)
}

pub fn render(file: &Path, pbf: &Path, s: &Stored) -> String {
    let n = &s.network;
    let period = match s.mode {
        RoadMode::PeakCar => "peak",
        _ => "off-peak",
    };
    format!(
        "road network from {}: {} car ways, {} nodes, {} directed segments; {} nodes and {} segments in its largest strongly connected part (used); {} nodes behind blocking barriers left out\n\
         times: joining legs at {} km/h (within {} m of a road); car = drive x {} + {} s parking\n\
         stored {period} car times in {}: {} zones x {} sites = {} cells{} in {:.1} s\nextract SHA-256 {}\n",
        pbf.display(),
        n.ways,
        n.nodes,
        n.edges,
        n.kept_nodes,
        n.kept_edges,
        n.blocked,
        s.settings.join_speed_kmh,
        s.settings.max_join_m,
        1.0 + s.settings.junction_allowance,
        s.settings.parking_seconds,
        file.display(),
        s.zones,
        s.sites,
        s.cells,
        if s.audit.is_some() {
            ""
        } else {
            " (unchanged)"
        },
        s.seconds,
        s.sha256
    )
}
