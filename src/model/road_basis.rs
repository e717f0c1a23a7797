//! What a travel matrix's road times were computed from, so the pack can say it beside them
//! and a reader can recompute them: the extract, when OpenStreetMap data in it was current, its
//! SHA-256, when the times were computed, for which modes and with which settings.

use serde::{Deserialize, Serialize};

use super::{RoadSettings, TravelMode};

/// The basis of some of a matrix's road times (`appraise roads` or the window's Roads).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct RoadBasis {
    /// The extract's file name, e.g. `england-latest.osm.pbf`.
    pub extract: String,
    /// The extract's replication timestamp (its PBF header's
    /// `osmosis_replication_timestamp`, RFC 3339 UTC): how current its roads are. None when
    /// the header does not state it.
    pub extract_timestamp: Option<String>,
    /// SHA-256 of the extract, hex: which file exactly.
    pub sha256: String,
    /// When the times were computed, RFC 3339 UTC.
    pub computed_at: String,
    /// The matrix modes whose times this basis describes, in [`TravelMode::ALL`] order.
    pub modes: Vec<TravelMode>,
    /// The settings the times were computed with.
    pub settings: RoadSettings,
}

impl RoadBasis {
    /// The basis left describing only the modes in `keep`; None when none is left.
    pub fn narrowed(mut self, keep: &[TravelMode]) -> Option<Self> {
        self.modes.retain(|m| keep.contains(m));
        (!self.modes.is_empty()).then_some(self)
    }
}
