//! What a travel matrix's public transport times were computed from, so the pack can say it
//! beside them and a reader can recompute them: each GTFS feed (its file, SHA-256, dates of
//! validity, size), the date, the window of departure minutes and every setting; and beside it
//! the reliability bits ([`Reliability`]) of the thresholds the services had then.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::TransitSettings;
use super::reliability::{Reliability, ReliabilityText};

/// One GTFS feed the times were computed from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct TransitFeed {
    /// The feed's file (or folder) name, e.g. `itm_south_west_gtfs.zip`.
    pub file: String,
    /// SHA-256 of the zip, or of the folder's files (names and contents in name order), hex.
    pub sha256: String,
    /// The first and last dates its calendar names, YYYY-MM-DD.
    pub valid_from: String,
    pub valid_to: String,
    pub stops: usize,
    pub trips: usize,
    pub stop_times: usize,
}

/// The basis of a matrix's public transport times (`appraise transit` or the window's
/// Travel screen).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct TransitBasis {
    pub feeds: Vec<TransitFeed>,
    /// The date of travel, YYYY-MM-DD.
    pub date: String,
    /// The window of departure minutes, HH:MM-HH:MM (its end not a departure).
    pub window: String,
    /// Departure minutes in the window: the median and the reliability are over these.
    pub minutes: u32,
    pub settings: TransitSettings,
    /// The public-transport thresholds (minutes) whose reliability is stored, ascending: those
    /// the appraisal's services had when the times were computed.
    pub thresholds: Vec<f64>,
}

/// Public transport times' basis and reliability bits, which travel together in the matrix.
#[derive(Debug, Clone, PartialEq)]
pub struct Transit {
    basis: TransitBasis,
    reliability: Reliability,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum TransitShapeError {
    #[error(
        "the basis names {thresholds} thresholds and {minutes} minutes but the reliability holds {held} thresholds over {held_minutes} minutes"
    )]
    Mismatch {
        thresholds: usize,
        minutes: u32,
        held: usize,
        held_minutes: u32,
    },
}

impl Transit {
    pub fn new(basis: TransitBasis, reliability: Reliability) -> Result<Self, TransitShapeError> {
        if basis.thresholds.len() != reliability.thresholds()
            || basis.minutes != reliability.minutes()
        {
            return Err(TransitShapeError::Mismatch {
                thresholds: basis.thresholds.len(),
                minutes: basis.minutes,
                held: reliability.thresholds(),
                held_minutes: reliability.minutes(),
            });
        }
        Ok(Transit { basis, reliability })
    }

    pub fn basis(&self) -> &TransitBasis {
        &self.basis
    }
    pub fn reliability(&self) -> &Reliability {
        &self.reliability
    }

    /// The index of the stored threshold of `minutes`, if its reliability is stored.
    pub fn threshold(&self, minutes: f64) -> Option<usize> {
        self.basis.thresholds.iter().position(|t| *t == minutes)
    }
}

#[derive(Serialize)]
struct TransitOut<'a> {
    basis: &'a TransitBasis,
    reliability: ReliabilityText,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TransitIn {
    basis: TransitBasis,
    reliability: ReliabilityText,
}

/// Text form: `{"basis": {...}, "reliability": {"zones", "sites", "bits"}}`.
impl Serialize for Transit {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        TransitOut {
            basis: &self.basis,
            reliability: self.reliability.to_text(),
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Transit {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = TransitIn::deserialize(deserializer)?;
        let reliability = Reliability::from_text(text.basis.minutes, text.reliability)
            .map_err(serde::de::Error::custom)?;
        Transit::new(text.basis, reliability).map_err(serde::de::Error::custom)
    }
}
