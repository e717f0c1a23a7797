//! The built-in travel-time estimate, used only where the imported matrix has no value:
//! great-circle distance x detour factor / mode speed + access time; the road modes a car
//! estimate does not give are derived from it (see [`minutes`]).

use crate::model::{RoadSettings, TravelEstimator, TravelMode};

/// Mean Earth radius (IUGG R1), in km: the usual choice for a spherical great-circle distance.
pub const EARTH_RADIUS_KM: f64 = 6371.0088;

/// A point's latitude in radians, its longitude in radians and the cosine of its latitude,
/// precomputed because each zone is compared with hundreds of sites.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    lat: f64,
    lon: f64,
    cos_lat: f64,
}

impl Point {
    /// From degrees north and east.
    pub fn new(latitude: f64, longitude: f64) -> Self {
        let lat = latitude.to_radians();
        Point {
            lat,
            lon: longitude.to_radians(),
            cos_lat: lat.cos(),
        }
    }

    /// Both coordinates, when known.
    pub fn from_degrees(latitude: Option<f64>, longitude: Option<f64>) -> Option<Self> {
        Some(Point::new(latitude?, longitude?))
    }
}

/// Great-circle distance in km by the haversine formula on a sphere of [`EARTH_RADIUS_KM`].
pub fn great_circle_km(a: Point, b: Point) -> f64 {
    let h = ((b.lat - a.lat) / 2.0).sin().powi(2)
        + a.cos_lat * b.cos_lat * ((b.lon - a.lon) / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * h.sqrt().min(1.0).asin()
}

/// Estimated minutes for a journey of `km` crow-fly kilometres by `mode`.
///
/// - Car (off-peak) = drive + car access, drive = `km` x detour factor / car speed;
///   public transport the same with its own speed and access time.
/// - Car (peak) = drive x `roads.peak_factors.primary` + car access: a crow-fly journey to a
///   hospital is taken as mostly on A roads, so the whole drive slows by the primary-road peak
///   factor (1.4 by default); the access minutes (parking, walking in) do not change at peak.
/// - Blue light = `roads.blue_light_share` x drive (0.67 by default), with no access minutes:
///   an ambulance does not park, and consultations take its time as a share of the off-peak
///   car drive, as `appraise roads` does.
pub fn minutes(e: &TravelEstimator, roads: &RoadSettings, mode: TravelMode, km: f64) -> f64 {
    let drive = km * e.detour_factor / e.car_speed_kmh * 60.0;
    match mode {
        TravelMode::Car => drive + e.car_access_minutes,
        TravelMode::CarPeak => drive * roads.peak_factors.primary + e.car_access_minutes,
        TravelMode::BlueLight => roads.blue_light_share * drive,
        TravelMode::PublicTransport => {
            km * e.detour_factor / e.public_transport_speed_kmh * 60.0
                + e.public_transport_access_minutes
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tolerance: f64) {
        assert!((a - b).abs() <= tolerance, "{a} vs {b}");
    }

    /// Distances with closed forms on the sphere: one degree of the equator is 2 pi R / 360,
    /// the pole to the equator is pi R / 2, and antipodes are pi R apart.
    #[test]
    fn closed_form_distances() {
        let r = EARTH_RADIUS_KM;
        close(
            great_circle_km(Point::new(0.0, 0.0), Point::new(0.0, 1.0)),
            2.0 * std::f64::consts::PI * r / 360.0,
            1e-9,
        );
        close(
            great_circle_km(Point::new(90.0, 0.0), Point::new(0.0, 123.0)),
            std::f64::consts::PI * r / 2.0,
            1e-9,
        );
        close(
            great_circle_km(Point::new(10.0, 20.0), Point::new(-10.0, -160.0)),
            std::f64::consts::PI * r,
            // Haversine is ill-conditioned at antipodes (asin near 1): within a metre there.
            1e-3,
        );
        assert_eq!(
            great_circle_km(Point::new(52.8, -2.1), Point::new(52.8, -2.1)),
            0.0
        );
    }

    /// Published haversine figures on a 6371 km sphere, rescaled to our radius (distance is
    /// proportional to R): Statue of Liberty (40.6892, -74.0445) to Big Ben (51.5007, -0.1246),
    /// 5574.840456848555 km (errorhandle.ai, "Calculate distance between two latitude-longitude
    /// points (Haversine formula)"); London (51.5, 0) to Arlington (38.8, -77.1),
    /// 5918.185064088764 km (the Stack Overflow answer "Calculate distance between 2 GPS
    /// coordinates"). Both are printed to 16 digits, so agreement to a micrometre is fair.
    /// London (51.5074, -0.1278) to Paris (48.8566, 2.3522) is about 343.5 km (to the 0.1 km
    /// such figures are quoted to; 343.5565 km here).
    #[test]
    fn published_distances() {
        let scale = 6371.0 / EARTH_RADIUS_KM;
        let liberty_big_ben =
            great_circle_km(Point::new(40.6892, -74.0445), Point::new(51.5007, -0.1246));
        close(liberty_big_ben * scale, 5574.840456848555, 1e-9);
        let london_arlington = great_circle_km(Point::new(51.5, 0.0), Point::new(38.8, -77.1));
        close(london_arlington * scale, 5918.185064088764, 1e-9);
        let london_paris =
            great_circle_km(Point::new(51.5074, -0.1278), Point::new(48.8566, 2.3522));
        close(london_paris, 343.5, 0.1);
        close(
            great_circle_km(Point::new(48.8566, 2.3522), Point::new(51.5074, -0.1278)),
            london_paris,
            1e-9,
        );
    }

    /// Default estimator: 10 km x 1.3 / 48 km/h x 60 + 5 = 21.25 minutes by car;
    /// 10 x 1.3 / 20 x 60 + 15 = 54 minutes by public transport.
    #[test]
    fn minutes_follow_the_parameters() {
        let e = TravelEstimator::default();
        let r = RoadSettings::default();
        close(minutes(&e, &r, TravelMode::Car, 10.0), 21.25, 1e-12);
        close(
            minutes(&e, &r, TravelMode::PublicTransport, 10.0),
            54.0,
            1e-12,
        );
        let slow = TravelEstimator {
            detour_factor: 1.0,
            car_speed_kmh: 30.0,
            car_access_minutes: 0.0,
            ..e
        };
        close(minutes(&slow, &r, TravelMode::Car, 15.0), 30.0, 1e-12);
    }

    /// The road modes from the car estimate, by hand: 10 km x 1.3 / 48 km/h x 60 = 16.25
    /// minutes of drive. Peak = 16.25 x 1.4 (primary factor) + 5 = 27.75; blue light =
    /// 0.67 x 16.25 = 10.8875, no access minutes. With a primary factor of 1.2 and a share
    /// of 0.5: peak 16.25 x 1.2 + 5 = 24.5, blue light 8.125.
    #[test]
    fn peak_and_blue_light_estimates() {
        let e = TravelEstimator::default();
        let r = RoadSettings::default();
        close(minutes(&e, &r, TravelMode::CarPeak, 10.0), 27.75, 1e-12);
        close(minutes(&e, &r, TravelMode::BlueLight, 10.0), 10.8875, 1e-12);
        let mut other = r;
        other.peak_factors.primary = 1.2;
        other.blue_light_share = 0.5;
        close(minutes(&e, &other, TravelMode::CarPeak, 10.0), 24.5, 1e-12);
        close(
            minutes(&e, &other, TravelMode::BlueLight, 10.0),
            8.125,
            1e-12,
        );
        // A journey of no length: peak keeps the access minutes, blue light takes none.
        close(minutes(&e, &r, TravelMode::CarPeak, 0.0), 5.0, 1e-12);
        close(minutes(&e, &r, TravelMode::BlueLight, 0.0), 0.0, 1e-12);
    }
}
