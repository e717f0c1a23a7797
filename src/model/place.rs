use serde::{Deserialize, Serialize};

/// A hospital or other site, belonging to one organisation today.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Site {
    pub code: String,
    pub name: String,
    pub organisation: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    /// Service codes offered at the site today.
    pub services: Vec<String>,
    /// The site's postcode as the ONS postcode directory writes it (`ST4 7LN`), when known:
    /// where its latitude and longitude were found (`appraise import-sites`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postcode: Option<String>,
}

/// A population zone (usually an LSOA or a town), the unit travel impact is measured over.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Zone {
    pub code: String,
    pub name: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub population: f64,
    /// Index of Multiple Deprivation decile, 1 = most deprived.
    pub imd_decile: u8,
    /// Households (Census TS045), where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub households: Option<f64>,
    /// Households with no car or van (Census TS045): those who rely on public transport.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub households_without_car: Option<f64>,
    /// Where the zone's figures came from, when it was built from the official files.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sources: Option<ZoneSources>,
}

/// A file and the column in it a value was read from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct FileColumn {
    pub file: String,
    pub column: String,
}

/// Where each of a zone's figures came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct ZoneSources {
    pub position: FileColumn,
    pub population: FileColumn,
    pub imd_decile: FileColumn,
    /// Households and households without a car, when the car table was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub households: Option<FileColumn>,
}

/// Parameters of the built-in travel-time estimate used where the matrix has no value:
/// great-circle distance x detour factor / speed + access time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TravelEstimator {
    pub detour_factor: f64,
    pub car_speed_kmh: f64,
    pub car_access_minutes: f64,
    pub public_transport_speed_kmh: f64,
    pub public_transport_access_minutes: f64,
}

impl Default for TravelEstimator {
    fn default() -> Self {
        TravelEstimator {
            detour_factor: 1.3,
            car_speed_kmh: 48.0,
            car_access_minutes: 5.0,
            public_transport_speed_kmh: 20.0,
            public_transport_access_minutes: 15.0,
        }
    }
}
