//! Population by travel-time band: the table consultations show beside the access curve
//! (Epsom and St Helier's "population by travel-time band").

/// Upper limits, inclusive, of the bands 0-15, 15-30, 30-45 and 45-60 minutes; a last band
/// holds everyone over 60.
pub const BAND_LIMITS: [f64; 4] = [15.0, 30.0, 45.0, 60.0];

/// Number of bands: one per limit and one over the last.
pub const BANDS: usize = BAND_LIMITS.len() + 1;

/// The label of band `i` ("0-15", ..., "over 60").
pub fn label(i: usize) -> String {
    match (i.checked_sub(1).map(|j| BAND_LIMITS[j]), BAND_LIMITS.get(i)) {
        (None, Some(hi)) => format!("0-{hi}"),
        (Some(lo), Some(hi)) => format!("{lo}-{hi}"),
        (Some(lo), None) => format!("over {lo}"),
        (None, None) => String::new(),
    }
}

/// The population of each band by its zones' `times` (minutes); zones with no time (NaN) are
/// in no band: the measures count them as unreached.
pub fn population_by_band(times: &[f32], population: &[f64]) -> Vec<f64> {
    let mut bands = vec![0.0; BANDS];
    for (&t, &people) in times.iter().zip(population) {
        if t.is_nan() {
            continue;
        }
        let band = BAND_LIMITS
            .iter()
            .position(|limit| f64::from(t) <= *limit)
            .unwrap_or(BAND_LIMITS.len());
        bands[band] += people;
    }
    bands
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_zone_falls_in_the_band_its_time_reaches_inclusively() {
        let times = [0.0, 15.0, 15.01, 30.0, 44.9, 60.0, 60.5, 200.0, f32::NAN];
        let population = [1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 128.0, 256.0];
        // 0-15: 1 + 2; 15-30: 4 + 8; 30-45: 16; 45-60: 32; over 60: 64 + 128; NaN in none.
        assert_eq!(
            population_by_band(&times, &population),
            [3.0, 12.0, 16.0, 32.0, 192.0]
        );
        let labels: Vec<String> = (0..BANDS).map(label).collect();
        assert_eq!(labels, ["0-15", "15-30", "30-45", "45-60", "over 60"]);
    }
}
