//! British National Grid eastings and northings (EPSG:27700, as the ONS centroids and the postcode
//! directory give them) to WGS84 latitude and longitude, through OSTN15, the definitive
//! transformation (crate `lonlat_bng`, with the OSTN15 grid compiled in).

/// A point the transformation cannot place (outside the OSTN15 grid, which covers Great
/// Britain and its waters).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("({easting}, {northing}) is not a British National Grid position in Great Britain")]
pub struct GridError {
    pub easting: f64,
    pub northing: f64,
}

/// The latitude and longitude, in degrees, of a grid position in metres.
pub fn to_latitude_longitude(easting: f64, northing: f64) -> Result<(f64, f64), GridError> {
    lonlat_bng::convert_osgb36_to_ll(easting, northing)
        .map(|(longitude, latitude)| (latitude, longitude))
        .map_err(|_| GridError { easting, northing })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The check values of shared/PUBLIC-DATA.md: the centroid of E01000001 and the grid
    /// references the postcode directory gives for CA8 7JG and BR8 7QP, against their
    /// published latitude and longitude.
    #[test]
    fn grid_positions_land_within_a_millionth_of_a_degree_of_the_published_ones() {
        for ((e, n), (lat, lon)) in [
            ((532_181.764_2, 181_792.281_8), (51.519_593, -0.096_240)),
            ((366_033.0, 564_878.0), (54.977_349, -2.532_223)),
            ((549_571.0, 169_349.0), (51.403_453, 0.148_952)),
        ] {
            let (got_lat, got_lon) = to_latitude_longitude(e, n).unwrap();
            assert!(
                (got_lat - lat).abs() < 1e-6,
                "{e},{n}: lat {got_lat} not {lat}"
            );
            assert!(
                (got_lon - lon).abs() < 1e-6,
                "{e},{n}: lon {got_lon} not {lon}"
            );
        }
    }

    #[test]
    fn a_position_off_the_grid_is_refused() {
        assert!(to_latitude_longitude(-5_000_000.0, 181_792.0).is_err());
    }
}
