//! From latitude and longitude to the map's pixels: an equirectangular projection with the
//! east-west scale shrunk by the cosine of the mean latitude, so a kilometre is as long across
//! as up the page. Over a region the size of England the error is a few per cent at the edges,
//! well under what a zone's marker covers.

/// The Earth's mean radius (IUGG), in km.
const EARTH_RADIUS_KM: f64 = 6371.0088;

/// Kilometres east and north of a reference point.
pub fn to_km(latitude: f64, longitude: f64, centre: (f64, f64), cos_lat: f64) -> (f64, f64) {
    let east = (longitude - centre.1).to_radians() * EARTH_RADIUS_KM * cos_lat;
    let north = (latitude - centre.0).to_radians() * EARTH_RADIUS_KM;
    (east, north)
}

/// The projection of a set of places into a box of pixels, fitted with a margin and centred.
#[derive(Debug, Clone, PartialEq)]
pub struct Projection {
    /// Mean latitude and longitude of the places: the projection's centre.
    centre: (f64, f64),
    cos_lat: f64,
    /// Pixels per km.
    pub scale: f64,
    /// The pixel the centre falls on.
    origin: (f64, f64),
}

impl Projection {
    /// The extent, in km east and north of the places' centre, of `places` (latitude,
    /// longitude): (west, east, south, north), with the centre and cos(mean latitude). None
    /// when there are no places.
    fn extent(places: &[(f64, f64)]) -> Option<((f64, f64), f64, [f64; 4])> {
        if places.is_empty() {
            return None;
        }
        let n = places.len() as f64;
        let lat = places.iter().map(|p| p.0).sum::<f64>() / n;
        let lon = places.iter().map(|p| p.1).sum::<f64>() / n;
        let cos_lat = lat.to_radians().cos();
        let mut box_km = [
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ];
        for &(la, lo) in places {
            let (x, y) = to_km(la, lo, (lat, lon), cos_lat);
            box_km = [
                box_km[0].min(x),
                box_km[1].max(x),
                box_km[2].min(y),
                box_km[3].max(y),
            ];
        }
        Some(((lat, lon), cos_lat, box_km))
    }

    /// Height over width of the places' extent (1 for a single place).
    pub fn aspect(places: &[(f64, f64)]) -> f64 {
        match Self::extent(places) {
            Some((_, _, [w, e, s, n])) if e - w > 1e-9 => ((n - s) / (e - w)).max(1e-3),
            _ => 1.0,
        }
    }

    /// `places` fitted into a box of `size` pixels at `offset`, `margin` pixels clear of each
    /// edge; a single place (or places all at one point) sits in the middle at 1 px per km.
    pub fn fit(
        places: &[(f64, f64)],
        offset: (f64, f64),
        size: (f64, f64),
        margin: f64,
    ) -> Option<Projection> {
        let (centre, cos_lat, [w, e, s, n]) = Self::extent(places)?;
        let room = (
            (size.0 - 2.0 * margin).max(1.0),
            (size.1 - 2.0 * margin).max(1.0),
        );
        let (span_x, span_y) = (e - w, n - s);
        let scale = match (span_x > 1e-9, span_y > 1e-9) {
            (false, false) => 1.0,
            (true, false) => room.0 / span_x,
            (false, true) => room.1 / span_y,
            (true, true) => (room.0 / span_x).min(room.1 / span_y),
        };
        // The box's middle at the middle of the room.
        let mid = ((w + e) / 2.0, (s + n) / 2.0);
        let origin = (
            offset.0 + size.0 / 2.0 - mid.0 * scale,
            offset.1 + size.1 / 2.0 + mid.1 * scale,
        );
        Some(Projection {
            centre,
            cos_lat,
            scale,
            origin,
        })
    }

    /// The pixel (x right, y down) of a latitude and longitude.
    pub fn pixel(&self, latitude: f64, longitude: f64) -> (f64, f64) {
        let (x, y) = to_km(latitude, longitude, self.centre, self.cos_lat);
        (
            self.origin.0 + x * self.scale,
            self.origin.1 - y * self.scale,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kilometres_follow_the_hand_worked_arc_lengths() {
        // One degree of latitude is 6371.0088 * pi / 180 = 111.195 km; one degree of
        // longitude at 60 degrees north half that, 55.597 km.
        let (x, y) = to_km(53.0, -1.0, (52.0, -1.0), 1.0);
        assert!((x - 0.0).abs() < 1e-9 && (y - 111.195).abs() < 1e-3, "{y}");
        let cos60 = 60f64.to_radians().cos();
        let (x, _) = to_km(60.0, 1.0, (60.0, 0.0), cos60);
        assert!((x - 55.597).abs() < 1e-3, "{x}");
    }

    #[test]
    fn places_are_fitted_to_the_box_with_the_margin_and_north_up() {
        // Two places on one meridian 1 degree apart (111.195 km), fitted into 200 x 300 px
        // with a 20 px margin: 260 px of room for 111.195 km, 2.3382 px per km.
        let places = [(52.0, -2.0), (53.0, -2.0)];
        let p = Projection::fit(&places, (10.0, 5.0), (200.0, 300.0), 20.0).unwrap();
        assert!((p.scale - 260.0 / 111.195).abs() < 1e-3, "{}", p.scale);
        let south = p.pixel(52.0, -2.0);
        let north = p.pixel(53.0, -2.0);
        assert!((south.0 - 110.0).abs() < 1e-6 && (north.0 - 110.0).abs() < 1e-6);
        assert!((north.1 - 25.0).abs() < 1e-6, "{north:?}");
        assert!((south.1 - 285.0).abs() < 1e-6, "{south:?}");
        // East-west: a degree of longitude at the mean latitude 52.5 is 111.195 * cos(52.5)
        // = 67.690 km, so a place a degree east lands 67.690 * scale px to the right.
        let east = p.pixel(52.5, -1.0);
        let middle = p.pixel(52.5, -2.0);
        assert!((east.0 - middle.0 - 67.690 * p.scale).abs() < 0.01);
        assert!((Projection::aspect(&[(52.0, -2.0), (52.0, -1.0)]) - 1e-3).abs() < 1e-12);
        assert!(Projection::fit(&[], (0.0, 0.0), (10.0, 10.0), 1.0).is_none());
    }
}
