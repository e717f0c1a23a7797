//! Road travel times from an OpenStreetMap extract, computed offline: every zone's time to every
//! site by off-peak car, peak car and blue light.
//!
//! The extract's car roads ([`osm`], speeds from [`speeds`]) become a compact graph
//! ([`network`]) cut to its largest strongly connected part ([`components`]); zone centroids and
//! sites are joined to their nearest road node ([`snap`]); the chains of shape points between
//! junctions are contracted to single edges ([`Network::contracted`]), keeping the joined nodes;
//! one reverse search per site over that graph gives every zone's time to it ([`search`]). Times then follow the published drive-time convention
//! (Sport England; shared by NHS consultations, see [`RoadSettings`]):
//!
//! - drive = joining leg from the zone + network time + joining leg to the site, the legs at
//!   [`RoadSettings::join_speed_kmh`] along the straight line, the network time off-peak or
//!   peak (each road's off-peak time x its class's peak factor);
//! - car (off-peak or peak) = drive x (1 + junction allowance) + parking allowance;
//! - blue light = share x off-peak drive x (1 + junction allowance): an ambulance meets the
//!   same junctions but does not park, and consultations took it as a share of the off-peak
//!   car time.

pub mod components;
pub mod layer;
pub mod network;
pub mod osm;
pub mod queue;
pub mod search;
pub mod snap;
pub mod speeds;

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use serde::Serialize;

use crate::model::{Appraisal, AuditEntry, RoadBasis, RoadLayer, TravelMatrix, TravelMode};
pub use crate::model::{PeakFactors, RoadSettings};
use crate::store::{self, StoreError};
use network::{Network, NetworkError};
use osm::OsmError;
use search::{Arcs, SearchError, Targets, UNREACHED};
use snap::{SnapError, Snapper};

#[derive(Debug, thiserror::Error)]
pub enum RoadsError {
    #[error(transparent)]
    Osm(#[from] OsmError),
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: {source}", path.display())]
    Network { path: PathBuf, source: NetworkError },
    #[error("{}: {source}", path.display())]
    Snap { path: PathBuf, source: SnapError },
    #[error("{}: the road times were {source}; nothing was changed", path.display())]
    Search { path: PathBuf, source: SearchError },
    #[error("{setting} = {value}: {reason}")]
    Setting {
        setting: &'static str,
        value: f64,
        reason: &'static str,
    },
    #[error("{}: no {kind} has a latitude and longitude to join to the roads", path.display())]
    Unplaced { path: PathBuf, kind: &'static str },
    #[error("no road mode was asked for: choose off-peak car, peak car or blue light")]
    NoModes,
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Refuses settings that would give no sensible times.
fn check(settings: &RoadSettings) -> Result<(), RoadsError> {
    match settings.problems().first() {
        Some((setting, value, reason)) => Err(RoadsError::Setting {
            setting,
            value: *value,
            reason,
        }),
        None => Ok(()),
    }
}

/// The road modes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RoadMode {
    OffPeakCar,
    PeakCar,
    BlueLight,
}

impl RoadMode {
    pub const ALL: [RoadMode; 3] = [RoadMode::OffPeakCar, RoadMode::PeakCar, RoadMode::BlueLight];

    /// The appraisal's travel mode these times are stored as.
    pub fn travel_mode(self) -> TravelMode {
        match self {
            RoadMode::OffPeakCar => TravelMode::Car,
            RoadMode::PeakCar => TravelMode::CarPeak,
            RoadMode::BlueLight => TravelMode::BlueLight,
        }
    }

    /// "off-peak car", "peak car", "blue light": for messages.
    pub fn name(self) -> &'static str {
        match self {
            RoadMode::OffPeakCar => "off-peak car",
            RoadMode::PeakCar => "peak car",
            RoadMode::BlueLight => "blue light",
        }
    }
}

/// What the extract gave.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct NetworkStats {
    /// Car ways read.
    pub ways: usize,
    /// Nodes and directed edges of the network before it is cut to its largest part.
    pub nodes: usize,
    pub edges: usize,
    /// Nodes and edges of the largest strongly connected part: the network used.
    pub kept_nodes: usize,
    pub kept_edges: usize,
    /// Barrier nodes that block cars.
    pub blocked: usize,
}

/// The network of the extract at `pbf`: its car roads, cut to the largest strongly connected
/// part, peak times priced with `peak` (the settings' `peak_factors`).
pub fn load_network(pbf: &Path, peak: &PeakFactors) -> Result<(Network, NetworkStats), RoadsError> {
    load(pbf, peak, &[]).map(|l| (l.network, l.stats))
}

/// A loaded extract: the network used and the main roads within reach of the places asked for.
struct Loaded {
    network: Network,
    stats: NetworkStats,
    layer: RoadLayer,
}

/// [`load_network`], with the main roads near `places` (latitude, longitude) as a map layer.
fn load(pbf: &Path, peak: &PeakFactors, places: &[(f64, f64)]) -> Result<Loaded, RoadsError> {
    let roads = osm::read(pbf)?;
    let network = |source| RoadsError::Network {
        path: pbf.to_owned(),
        source,
    };
    let full = Network::build(&roads, peak).map_err(network)?;
    let keep = components::largest(&full);
    let kept = full.keeping(&keep);
    if kept.edges() == 0 {
        return Err(network(NetworkError::Empty));
    }
    let stats = NetworkStats {
        ways: roads.ways.len(),
        nodes: full.nodes(),
        edges: full.edges(),
        kept_nodes: kept.nodes(),
        kept_edges: kept.edges(),
        blocked: roads.blocked,
    };
    let layer = layer::main_roads(&roads, places, &file_name(pbf));
    Ok(Loaded {
        network: kept,
        stats,
        layer,
    })
}

/// Zone x site minutes by road mode, `[mode][site][zone]` in the appraisal's zone and site
/// order; NaN where a zone or site has no position.
#[derive(Debug, Clone, PartialEq)]
pub struct RoadTimes {
    pub modes: Vec<RoadMode>,
    pub zones: usize,
    pub sites: usize,
    pub minutes: Vec<f32>,
    /// Codes of the zones and sites with no latitude and longitude: no times, the estimate
    /// fills them.
    pub unplaced: Vec<String>,
}

impl RoadTimes {
    /// One site's minutes to every zone by `mode`, if computed.
    pub fn column(&self, mode: RoadMode, site: usize) -> Option<&[f32]> {
        let m = self.modes.iter().position(|x| *x == mode)?;
        let start = (m * self.sites + site) * self.zones;
        self.minutes.get(start..start + self.zones)
    }

    /// Zone `zone`'s minutes to site `site` by `mode`.
    pub fn minutes(&self, mode: RoadMode, site: usize, zone: usize) -> Option<f32> {
        self.column(mode, site).and_then(|c| c.get(zone).copied())
    }
}

/// Told how many site searches are done out of how many are planned.
pub type Progress<'a> = &'a (dyn Fn(usize, usize) + Sync);

fn position(lat: Option<f64>, lon: Option<f64>) -> Option<(f64, f64)> {
    lat.zip(lon)
        .filter(|(la, lo)| la.is_finite() && lo.is_finite())
}

/// Every zone's time to every site of `a` by each of `modes`, over `network` (whose peak times
/// were priced when it was loaded: `settings.peak_factors` is not read here).
pub fn compute_on(
    a: &Appraisal,
    network: &Network,
    pbf: &Path,
    settings: &RoadSettings,
    modes: &[RoadMode],
    progress: Progress,
    cancel: &AtomicBool,
) -> Result<RoadTimes, RoadsError> {
    check(settings)?;
    let snapper = Snapper::new(network);
    let snap = |source| RoadsError::Snap {
        path: pbf.to_owned(),
        source,
    };
    let zone_points: Vec<(&str, Option<(f64, f64)>)> = a
        .zones
        .iter()
        .map(|z| (z.code.as_str(), position(z.latitude, z.longitude)))
        .collect();
    let site_points: Vec<(&str, Option<(f64, f64)>)> = a
        .sites
        .iter()
        .map(|s| (s.code.as_str(), position(s.latitude, s.longitude)))
        .collect();
    for (kind, points) in [("zone", &zone_points), ("site", &site_points)] {
        if points.iter().all(|(_, p)| p.is_none()) {
            return Err(RoadsError::Unplaced {
                path: pbf.to_owned(),
                kind,
            });
        }
    }
    let zones = snapper
        .join_all("zones", &zone_points, settings.max_join_m)
        .map_err(snap)?;
    let sites = snapper
        .join_all("sites", &site_points, settings.max_join_m)
        .map_err(snap)?;

    // Search a graph with the chains of shape points between junctions contracted, keeping
    // every node a zone or site is joined to.
    let mut terminal = vec![false; network.nodes()];
    for j in zones.iter().chain(&sites).flatten() {
        terminal[j.node as usize] = true;
    }
    let (small, new_id) = network.contracted(&terminal);
    let reversed = small.reversed();
    let zone_nodes: Vec<u32> = zones
        .iter()
        .flatten()
        .map(|j| new_id[j.node as usize])
        .collect();
    let targets = Targets::new(small.nodes(), &zone_nodes);
    let site_nodes: Vec<u32> = sites
        .iter()
        .flatten()
        .map(|j| new_id[j.node as usize])
        .collect();
    let searches: Vec<bool> = [
        modes
            .iter()
            .any(|m| matches!(m, RoadMode::OffPeakCar | RoadMode::BlueLight)),
        modes.contains(&RoadMode::PeakCar),
    ]
    .to_vec();
    let planned = site_nodes.len() * searches.iter().filter(|s| **s).count();
    let mut done_before = 0;
    let mut network_ms: [Option<Vec<Vec<u32>>>; 2] = [None, None];
    for (i, weights) in [&reversed.offpeak_ms, &reversed.peak_ms].iter().enumerate() {
        if !searches[i] {
            continue;
        }
        let base = done_before;
        let graph = Arcs::new(&reversed, weights);
        let times = search::times_to(
            &graph,
            &site_nodes,
            &targets,
            &|done| progress(base + done, planned),
            cancel,
        )
        .map_err(|source| RoadsError::Search {
            path: pbf.to_owned(),
            source,
        })?;
        done_before += site_nodes.len();
        network_ms[i] = Some(times);
    }

    let join_mps = settings.join_speed_kmh / 3.6;
    let allow = 1.0 + settings.junction_allowance;
    let (nz, ns) = (a.zones.len(), a.sites.len());
    let mut minutes = vec![f32::NAN; modes.len() * ns * nz];
    // The index of each joined site among the searches' sources.
    let mut source = 0usize;
    for (s, site) in sites.iter().enumerate() {
        let Some(site) = site else { continue };
        for (z, zone) in zones.iter().enumerate() {
            let Some(zone) = zone else { continue };
            let Some(at) = targets.position(new_id[zone.node as usize]) else {
                continue;
            };
            let drive = |which: usize| -> Option<f64> {
                let ms = network_ms[which].as_ref()?[source][at];
                (ms != UNREACHED)
                    .then(|| f64::from(ms) / 1000.0 + (zone.metres + site.metres) / join_mps)
            };
            for (m, mode) in modes.iter().enumerate() {
                let value = match mode {
                    RoadMode::OffPeakCar => drive(0).map(|d| d * allow + settings.parking_seconds),
                    RoadMode::PeakCar => drive(1).map(|d| d * allow + settings.parking_seconds),
                    RoadMode::BlueLight => drive(0).map(|d| settings.blue_light_share * d * allow),
                };
                if let Some(seconds) = value {
                    minutes[(m * ns + s) * nz + z] = (seconds / 60.0) as f32;
                }
            }
        }
        source += 1;
    }
    let unplaced = zone_points
        .iter()
        .chain(&site_points)
        .filter(|(_, p)| p.is_none())
        .map(|(code, _)| (*code).to_owned())
        .collect();
    Ok(RoadTimes {
        modes: modes.to_vec(),
        zones: nz,
        sites: ns,
        minutes,
        unplaced,
    })
}

/// Road times computed for an appraisal: its new travel matrix and what it was made from.
#[derive(Debug, Clone, PartialEq)]
pub struct Computed {
    /// The appraisal's matrix with the computed road modes' times replaced, every other mode's
    /// times kept.
    pub matrix: TravelMatrix,
    /// The audit entry's source: the extract, its SHA-256 and the settings used.
    pub source: String,
    pub report: Stored,
}

/// What `appraise roads` did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stored {
    pub network: NetworkStats,
    pub zones: usize,
    pub sites: usize,
    /// Cells given a time, over every mode stored.
    pub cells: usize,
    /// The road modes computed and stored, each as its travel mode (off-peak car as car).
    pub modes: Vec<RoadMode>,
    /// The settings the times were made with.
    pub settings: RoadSettings,
    /// SHA-256 of the extract, hex: which file the times came from.
    pub sha256: String,
    /// Zones and sites with no position, so no road times.
    pub unplaced: Vec<String>,
    /// Main roads kept for the maps' background, and their points.
    pub map_roads: usize,
    pub map_points: usize,
    /// Wall-clock seconds the whole command took: reading, searching and writing.
    pub seconds: f64,
    /// None when the matrix already held exactly these times.
    pub audit: Option<AuditEntry>,
}

/// The matrix `old` with the columns of the modes in `times` replaced by them, and every other
/// mode's times kept, over `a`'s zones and sites (`times` is in `a`'s zone and site order).
fn with_road_times(a: &Appraisal, old: &TravelMatrix, times: &RoadTimes) -> TravelMatrix {
    let replaced: Vec<TravelMode> = times.modes.iter().map(|r| r.travel_mode()).collect();
    crate::travel::matrix::replacing_modes(a, old, &replaced, |mode, site| {
        let road = times
            .modes
            .iter()
            .copied()
            .find(|r| r.travel_mode() == mode)?;
        times.column(road, site)
    })
}

/// The SHA-256 of a file, hex, read in 1 MB pieces.
fn sha256_of(path: &Path) -> Result<String, RoadsError> {
    use sha2::{Digest, Sha256};
    use std::io::Read;
    let io = |source| RoadsError::Io {
        path: path.to_owned(),
        source,
    };
    let mut file = std::fs::File::open(path).map_err(io)?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 1 << 20];
    loop {
        let n = file.read(&mut buffer).map_err(io)?;
        if n == 0 {
            break;
        }
        hasher.update(&buffer[..n]);
    }
    Ok(hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}

/// The extract's file name, or its whole path when it has none.
fn file_name(pbf: &Path) -> String {
    pbf.file_name().map_or_else(
        || pbf.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// The bases of a matrix whose road modes `new.modes` were just recomputed: the earlier runs'
/// bases describing only the modes they still hold, then `new`.
fn bases_after(old: &[RoadBasis], new: RoadBasis) -> Vec<RoadBasis> {
    let kept: Vec<TravelMode> = TravelMode::ALL
        .into_iter()
        .filter(|m| !new.modes.contains(m))
        .collect();
    old.iter()
        .filter_map(|b| b.clone().narrowed(&kept))
        .chain(std::iter::once(new))
        .collect()
}

/// `modes` in [`RoadMode::ALL`] order, each once.
fn ordered(modes: &[RoadMode]) -> Vec<RoadMode> {
    RoadMode::ALL
        .into_iter()
        .filter(|m| modes.contains(m))
        .collect()
}

/// Every zone's time by each of `modes` to every site of `a` from the extract `pbf`, as `a`'s
/// travel matrix with those modes' times replaced (off-peak car as the car times, peak car,
/// blue light) and every other mode's kept: what `appraise roads` stores and the window applies
/// as one edit. `a` is not changed.
pub fn compute(
    a: &Appraisal,
    pbf: &Path,
    settings: &RoadSettings,
    modes: &[RoadMode],
    progress: Progress,
    cancel: &AtomicBool,
) -> Result<Computed, RoadsError> {
    let started = Instant::now();
    let modes = ordered(modes);
    if modes.is_empty() {
        return Err(RoadsError::NoModes);
    }
    check(settings)?;
    let places: Vec<(f64, f64)> = a
        .zones
        .iter()
        .map(|z| position(z.latitude, z.longitude))
        .chain(a.sites.iter().map(|s| position(s.latitude, s.longitude)))
        .flatten()
        .collect();
    let Loaded {
        network,
        stats,
        layer,
    } = load(pbf, &settings.peak_factors, &places)?;
    let times = compute_on(a, &network, pbf, settings, &modes, progress, cancel)?;
    let (map_roads, map_points) = (layer.lines.len(), layer.points());
    let mut matrix = with_road_times(a, &a.travel_matrix, &times);
    let cells = times.minutes.iter().filter(|v| !v.is_nan()).count();
    let sha256 = sha256_of(pbf)?;
    let extract_timestamp = osm::replication_timestamp(pbf)?
        .and_then(|t| time::OffsetDateTime::from_unix_timestamp(t).ok())
        .map(store::timestamp);
    let basis = RoadBasis {
        extract: file_name(pbf),
        extract_timestamp,
        sha256: sha256.clone(),
        computed_at: store::timestamp(time::OffsetDateTime::now_utc()),
        modes: modes.iter().map(|m| m.travel_mode()).collect(),
        settings: *settings,
    };
    // The same times from the same extract and settings as before change nothing, not even
    // the date computed: a rerun records no audit entry.
    let old = &a.travel_matrix;
    let same_times = matrix.zones() == old.zones()
        && matrix.sites() == old.sites()
        && matrix.modes() == old.modes()
        && matrix.change_from(old).total() == 0;
    let described = basis.modes.iter().all(|m| {
        old.bases().iter().any(|b| {
            b.modes.contains(m)
                && b.sha256 == basis.sha256
                && b.settings == basis.settings
                && b.extract == basis.extract
        })
    });
    if same_times && described && old.road_layer() == Some(&layer) {
        matrix.set_bases(old.bases().to_vec());
        matrix.set_road_layer(old.shared_road_layer());
    } else {
        matrix.set_bases(bases_after(old.bases(), basis));
        matrix.set_road_layer(Some(std::sync::Arc::new(layer)));
    }
    // The audit entry names the extract and the settings the times were made with.
    let names: Vec<&str> = modes.iter().map(|m| m.name()).collect();
    let source = format!(
        "{} (SHA-256 {sha256}): {} road times; joining legs at {} km/h within {} m; car = drive x {} + {} s; blue light = {} x drive x {}",
        file_name(pbf),
        names.join(", "),
        settings.join_speed_kmh,
        settings.max_join_m,
        1.0 + settings.junction_allowance,
        settings.parking_seconds,
        settings.blue_light_share,
        1.0 + settings.junction_allowance,
    );
    Ok(Computed {
        matrix,
        source,
        report: Stored {
            network: stats,
            zones: a.zones.len(),
            sites: a.sites.len(),
            cells,
            modes,
            settings: *settings,
            sha256,
            unplaced: times.unplaced,
            map_roads,
            map_points,
            seconds: started.elapsed().as_secs_f64(),
            audit: None,
        },
    })
}

/// `appraise roads`: [`compute`]s the road times of the appraisal in `file` by `modes` and
/// stores them in one transaction with one audit entry. The settings are the appraisal's own as
/// `adjust` returns them (the command line's flags, for one run; they are not saved). On any
/// error the file is left as it was.
pub fn store_roads(
    file: &Path,
    pbf: &Path,
    adjust: impl FnOnce(RoadSettings) -> RoadSettings,
    modes: &[RoadMode],
    progress: Progress,
    cancel: &AtomicBool,
) -> Result<Stored, RoadsError> {
    let started = Instant::now();
    let a = store::open(file)?;
    let settings = adjust(a.settings.roads);
    let computed = compute(&a, pbf, &settings, modes, progress, cancel)?;
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
