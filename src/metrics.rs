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
    if rest
        .strip_prefix("no_car_")
        .is_some_and(|m| no_car_measure(m).is_some())
    {
        return true;
    }
    let mut public_transport = false;
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
        public_transport =
            rest[..at].ends_with("_pt_") || rest[..at].ends_with("_public_transport_");
        &rest[at..]
    };
    if public_transport && RELIABILITY_MEASURES.contains(&measure) {
        return true;
    }
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

/// Public-transport measures of reliability (everyone, households without a car): the
/// share (%) of departure minutes with no journey within the service's threshold.
pub(crate) const RELIABILITY_MEASURES: [&str; 2] = ["unreliable_share", "no_car_unreliable_share"];

/// A figure about households without a car (`travel.no_car_<measure>`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum NoCarMeasure {
    /// `households_worse_<N>min`: whose public-transport journey grows by more than N min.
    Worse(f64),
    /// `q12_households_worse_<N>min`: of them, those in IMD quintiles 1 and 2.
    WorseMostDeprived(f64),
    /// `households_newly_outside_threshold`.
    NewlyOutside,
}

/// The no-car measure `measure` names (what follows `travel.no_car_`).
pub(crate) fn no_car_measure(measure: &str) -> Option<NoCarMeasure> {
    if measure == "households_newly_outside_threshold" {
        return Some(NoCarMeasure::NewlyOutside);
    }
    let minutes = |m: &str| {
        m.strip_prefix("households_worse_")?
            .strip_suffix("min")?
            .parse::<f64>()
            .ok()
            .filter(|n| n.is_finite())
    };
    match measure.strip_prefix("q12_") {
        Some(m) => minutes(m).map(NoCarMeasure::WorseMostDeprived),
        None => minutes(measure).map(NoCarMeasure::Worse),
    }
}

/// The IMD quintile a travel measure names (`q1_` to `q5_`), and the measure after it.
pub(crate) fn split_quintile(rest: &str) -> (Option<u8>, &str) {
    for q in 1..=5u8 {
        if let Some(r) = rest.strip_prefix(&format!("q{q}_")) {
            return (Some(q), r);
        }
    }
    (None, rest)
}
