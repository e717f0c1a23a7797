//! `appraise roads`: zone x site road times from an OpenStreetMap extract by off-peak car,
//! peak car and blue light, stored as the appraisal's travel times by those modes.

use std::io::Write;
use std::path::Path;
use std::sync::atomic::AtomicBool;

use appraise::travel::roads::{self, RoadMode, RoadSettings, Stored};

use super::CliError;

/// A road mode on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Mode {
    /// Free-flow car times (each road's maxspeed or its class's default speed), stored as the
    /// appraisal's car times.
    OffPeakCar,
    /// Morning-peak car times: each road's off-peak time x its class's peak factor.
    PeakCar,
    /// Blue-light ambulance times: a share of the off-peak drive, with no parking.
    BlueLight,
}

impl Mode {
    pub const ALL: [Mode; 3] = [Mode::OffPeakCar, Mode::PeakCar, Mode::BlueLight];

    fn road(self) -> RoadMode {
        match self {
            Mode::OffPeakCar => RoadMode::OffPeakCar,
            Mode::PeakCar => RoadMode::PeakCar,
            Mode::BlueLight => RoadMode::BlueLight,
        }
    }
}

impl std::fmt::Display for Mode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use clap::ValueEnum;
        match self.to_possible_value() {
            Some(v) => f.write_str(v.get_name()),
            None => Ok(()),
        }
    }
}

/// Computes and stores the times, counting site searches done on standard error when it is a
/// terminal.
pub fn run(
    file: &Path,
    pbf: &Path,
    settings: impl FnOnce(RoadSettings) -> RoadSettings,
    modes: &[Mode],
) -> Result<Stored, CliError> {
    let modes: Vec<RoadMode> = modes.iter().map(|m| m.road()).collect();
    let terminal = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let progress = |done: usize, planned: usize| {
        if terminal {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\rroads: {done} of {planned} site searches");
            if done == planned {
                let _ = writeln!(err);
            }
        }
    };
    Ok(roads::store_roads(
        file,
        pbf,
        settings,
        &modes,
        &progress,
        &AtomicBool::new(false),
    )?)
}

pub fn render(file: &Path, pbf: &Path, s: &Stored) -> String {
    let n = &s.network;
    let modes: Vec<&str> = s.modes.iter().map(|m| m.name()).collect();
    let modes = modes.join(", ");
    format!(
        "road network from {}: {} car ways, {} nodes, {} directed segments; {} nodes and {} segments in its largest strongly connected part (used); {} nodes behind blocking barriers left out\n\
         times: joining legs at {} km/h (within {} m of a road); car = drive x {} + {} s parking; blue light = {} x drive x {}\n\
         stored {modes} times in {}: {} zones x {} sites x {} modes = {} cells{} in {:.1} s\n\
         kept for the maps: {} main roads ({} points) within {} km of the places\nextract SHA-256 {}\n",
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
        s.settings.blue_light_share,
        1.0 + s.settings.junction_allowance,
        file.display(),
        s.zones,
        s.sites,
        s.modes.len(),
        s.cells,
        if s.audit.is_some() {
            ""
        } else {
            " (unchanged)"
        },
        s.seconds,
        s.map_roads,
        s.map_points,
        roads::layer::REACH_KM,
        s.sha256
    )
}
