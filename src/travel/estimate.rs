//! The built-in travel-time estimate, used only where the imported matrix has no value:
//! great-circle distance x detour factor / mode speed + access time.

use crate::model::{TravelEstimator, TravelMode};

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
pub fn minutes(e: &TravelEstimator, mode: TravelMode, km: f64) -> f64 {
    let (speed, access) = match mode {
        TravelMode::Car => (e.car_speed_kmh, e.car_access_minutes),
        TravelMode::PublicTransport => (
            e.public_transport_speed_kmh,
            e.public_transport_access_minutes,
        ),
    };
    km * e.detour_factor / speed * 60.0 + access
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
        close(minutes(&e, TravelMode::Car, 10.0), 21.25, 1e-12);
        close(minutes(&e, TravelMode::PublicTransport, 10.0), 54.0, 1e-12);
        let slow = TravelEstimator {
            detour_factor: 1.0,
            car_speed_kmh: 30.0,
            car_access_minutes: 0.0,
            ..e
        };
        close(minutes(&slow, TravelMode::Car, 15.0), 30.0, 1e-12);
    }
}
