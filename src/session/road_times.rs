//! Road times computed in the window from an OpenStreetMap extract: the work of
//! [`roads::compute`] (what `appraise roads` stores) run on a copy of the open appraisal's
//! places and settings, with its progress (sites searched of sites planned) shown and a cancel
//! honoured; the window then applies the new matrix as one undoable edit.

use std::path::Path;

use serde::Serialize;

use super::site_progress::SiteProgress;
use crate::model::Appraisal;
use crate::travel::roads::{self, Computed, RoadMode, RoadsError, search::SearchError};

#[derive(Debug, thiserror::Error)]
pub enum RoadTimesError {
    #[error("Cancelled; nothing was changed.")]
    Cancelled,
    #[error("road times are already being computed: wait for them, or cancel them")]
    Busy,
    #[error("choose an OpenStreetMap extract (.osm.pbf) to compute the road times from")]
    NoFile,
    #[error(
        "the appraisal changed while the road times were computed; nothing was changed: compute them again"
    )]
    Stale,
    #[error("{0}; nothing was changed")]
    Roads(RoadsError),
}

/// What the window shows once the times are in place.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct RoadTimesDone {
    /// The extract's file name.
    pub extract: String,
    /// SHA-256 of the extract, hex.
    pub sha256: String,
    pub zones: usize,
    pub sites: usize,
    /// The road modes computed ("off-peak car", "peak car", "blue light").
    pub modes: Vec<String>,
    /// Zone x site x mode cells given a road time.
    pub cells: usize,
    /// Nodes and directed segments of the road network used (its largest strongly connected
    /// part).
    pub network_nodes: usize,
    pub network_edges: usize,
    /// Main roads kept for the maps' faint background (motorway to tertiary, near the places).
    pub map_roads: usize,
    /// Zones and sites with no position, so no road time (the estimate fills them).
    pub unplaced: Vec<String>,
    /// Wall-clock seconds: reading, searching and hashing the extract.
    pub seconds: f64,
    /// False when the matrix already held exactly these times: nothing changed.
    pub changed: bool,
}

impl RoadTimesDone {
    /// What `c`, computed from `pbf`, holds; `changed` until it is found to be no change.
    pub(super) fn of(pbf: &Path, c: &Computed) -> RoadTimesDone {
        let r = &c.report;
        RoadTimesDone {
            extract: file_name(pbf),
            sha256: r.sha256.clone(),
            zones: r.zones,
            sites: r.sites,
            modes: r.modes.iter().map(|m| m.name().to_owned()).collect(),
            cells: r.cells,
            network_nodes: r.network.kept_nodes,
            network_edges: r.network.kept_edges,
            map_roads: r.map_roads,
            unplaced: r.unplaced.clone(),
            seconds: r.seconds,
            changed: true,
        }
    }
}

/// The file's name, or the whole path when it has none.
fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// What [`compute`] reads of `a`: its zones, sites, road settings and travel matrix (whose
/// other modes the new one keeps), so the open document stays free while the work runs.
pub fn inputs_of(a: &Appraisal) -> Appraisal {
    let mut inputs = Appraisal::new(&a.meta.title);
    inputs.zones = a.zones.clone();
    inputs.sites = a.sites.clone();
    inputs.settings.roads = a.settings.roads;
    inputs.travel_matrix = a.travel_matrix.clone();
    inputs
}

/// Every zone's road time to every site of `a` from the extract `pbf`, under `a`'s road
/// settings, reporting through `progress`: the matrix to put in place and its audit source.
/// Refused while another computation runs; a cancel, even one that comes as the work ends,
/// gives [`RoadTimesError::Cancelled`].
pub fn compute(
    a: &Appraisal,
    pbf: &Path,
    progress: &SiteProgress,
) -> Result<Computed, RoadTimesError> {
    if pbf.as_os_str().is_empty() {
        return Err(RoadTimesError::NoFile);
    }
    let _running = progress.begin().ok_or(RoadTimesError::Busy)?;
    let computed = roads::compute(
        a,
        pbf,
        &a.settings.roads,
        &RoadMode::ALL,
        &|done, planned| progress.report(done, planned),
        progress.cancel_flag(),
    );
    match computed {
        _ if progress.cancelled() => Err(RoadTimesError::Cancelled),
        Err(RoadsError::Search {
            source: SearchError::Cancelled,
            ..
        }) => Err(RoadTimesError::Cancelled),
        Err(e) => Err(RoadTimesError::Roads(e)),
        Ok(c) => Ok(c),
    }
}
