//! The names of the derived metrics a criterion may source (`Source::Derived { metric }`):
//! which names an engine answers, told from the name alone. Validation and the criteria editor
//! check a name here without reaching the engines; the engines read the same names when they
//! compute a value (see `finance::derived` and `travel::derived`, where each name is described).

/// Prefix of every travel metric.
pub const TRAVEL_PREFIX: &str = "travel.";

/// Whether some engine computes `metric`, so a criterion sourcing it needs no hand-entered
/// value.
pub fn served(metric: &str) -> bool {
    crate::finance::derived::METRICS.contains(&metric) || served_by_travel(metric)
}

/// Whether `metric` is a well-formed travel metric name. Whether the appraisal can answer it
/// (a service with that code, a threshold, a do minimum) shows only when it is read.
pub fn served_by_travel(metric: &str) -> bool {
    let Some(rest) = metric.strip_prefix(TRAVEL_PREFIX) else {
        return false;
    };
    let measure = if let Some(rest) = rest.strip_prefix("deprived_") {
        rest
    } else {
        // Skip the service (which may hold underscores) to the first mode segment.
        let modes = ["_car_", "_public_transport_", "_pt_"];
        let Some(at) = modes
            .iter()
            .filter_map(|m| rest.find(m).map(|i| i + m.len()))
            .min()
        else {
            return false;
        };
        if at == 0 || rest[..at].starts_with('_') {
            return false;
        }
        &rest[at..]
    };
    let (_, measure) = split_quintile(measure);
    TRAVEL_MEASURES.contains(&measure)
        || measure
            .strip_prefix("people_worse_")
            .and_then(|m| m.strip_suffix("min"))
            .is_some_and(|n| n.parse::<f64>().is_ok_and(f64::is_finite))
}

/// Travel measures other than `people_worse_<N>min`.
const TRAVEL_MEASURES: [&str; 10] = [
    "mean",
    "median",
    "p90",
    "mean_change",
    "share_within_threshold",
    "population_within_threshold",
    "population_outside_threshold",
    "zones_outside_threshold",
    "estimated_share",
    "population",
];

/// The IMD quintile a travel measure names (`q1_` to `q5_`), and the measure after it.
pub(crate) fn split_quintile(rest: &str) -> (Option<u8>, &str) {
    for q in 1..=5u8 {
        if let Some(r) = rest.strip_prefix(&format!("q{q}_")) {
            return (Some(q), r);
        }
    }
    (None, rest)
}
