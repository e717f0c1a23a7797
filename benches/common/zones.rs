//! Zones for the import benchmarks: `count` LSOA-like zones on a grid over the West Midlands.

use appraise::model::Zone;

pub fn grid(count: usize) -> Vec<Zone> {
    (0..count)
        .map(|i| Zone {
            code: format!("E{i:08}"),
            name: format!("Zone {i}"),
            latitude: Some(52.5 + (i % 100) as f64 * 0.005),
            longitude: Some(-2.3 + (i / 100) as f64 * 0.005),
            population: 1_500.0,
            imd_decile: (i % 10 + 1) as u8,
            households: None,
            households_without_car: None,
            sources: None,
        })
        .collect()
}
