use serde::{Deserialize, Serialize};

/// One saved change: what changed, from what to what, when and by whom.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditEntry {
    /// RFC 3339 UTC time of the save.
    pub at: String,
    /// OS user name of whoever saved, with the Appraise version they saved with:
    /// `alice (Appraise 0.1.0)`.
    pub who: String,
    /// What changed, as a path: `options/MERGE-N/description`.
    pub what: String,
    /// JSON text of the value before; absent when the item was added.
    pub old: Option<String>,
    /// JSON text of the value after; absent when the item was removed.
    pub new: Option<String>,
}

/// A board pack exported from the appraisal, so a reader can trace a pack to its inputs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportRecord {
    pub at: String,
    pub fingerprint: String,
    pub path: String,
}
