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
/// How people travel. The serde names are [`TravelMode::key`]s.
pub enum TravelMode {
    /// Car off-peak: free-flow road times (an imported car matrix is taken as off-peak).
    Car,
    /// Car in the weekday morning peak.
    CarPeak,
    /// Emergency ambulance under blue lights: what A&E and maternity consultations show.
    BlueLight,
    PublicTransport,
}

impl TravelMode {
    pub const ALL: [TravelMode; 4] = [
        TravelMode::Car,
        TravelMode::CarPeak,
        TravelMode::BlueLight,
        TravelMode::PublicTransport,
    ];

    pub fn label(self) -> &'static str {
        match self {
            TravelMode::Car => "Car (off-peak)",
            TravelMode::CarPeak => "Car (peak)",
            TravelMode::BlueLight => "Blue light",
            TravelMode::PublicTransport => "Public transport",
        }
    }

    /// The mode's name in files and field paths, as serde writes it.
    pub fn key(self) -> &'static str {
        match self {
            TravelMode::Car => "car",
            TravelMode::CarPeak => "car_peak",
            TravelMode::BlueLight => "blue_light",
            TravelMode::PublicTransport => "public_transport",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::TravelMode;

    #[test]
    fn keys_are_the_serde_names() {
        for mode in TravelMode::ALL {
            assert_eq!(
                serde_json::to_value(mode).ok(),
                Some(serde_json::Value::String(mode.key().to_owned()))
            );
        }
    }
}
