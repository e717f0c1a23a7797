use serde::{Deserialize, Serialize};

/// A clinical service whose location matters to patients (A&E, maternity, ...).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Service {
    pub code: String,
    pub name: String,
    /// Acceptable travel time by mode; the share of people within it is reported.
    pub thresholds: Vec<Threshold>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Threshold {
    pub mode: TravelMode,
    pub minutes: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum TravelMode {
    Car,
    PublicTransport,
}

impl TravelMode {
    pub const ALL: [TravelMode; 2] = [TravelMode::Car, TravelMode::PublicTransport];

    pub fn label(self) -> &'static str {
        match self {
            TravelMode::Car => "Car",
            TravelMode::PublicTransport => "Public transport",
        }
    }
}
