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

/// What `metric` measures, in the words a board member reads ("Mean journey time to Maternity
/// by car (minutes)"), so no screen shows the name's code; None for a name no engine answers.
/// `service` gives a service's name from the code the metric carries (any case, or an alias).
pub fn describe(metric: &str, service: impl Fn(&str) -> Option<String>) -> Option<String> {
    use crate::finance::derived as f;
    let finance = match metric {
        f::MARGIN_FINAL_YEAR => Some("I&E margin in the final year (%)"),
        f::NPV_VS_DO_MINIMUM => Some("Net present value against do minimum (£m)"),
        f::LOWEST_LIQUIDITY_DAYS => Some("Lowest liquidity in any year (days of operating costs)"),
        f::WORST_FINANCE_SCORE => Some("Worst SOF finance score in any year (1 is best)"),
        f::YEARS_IN_DEFICIT => Some("Years in deficit"),
        _ => None,
    };
    if let Some(words) = finance {
        return Some(words.to_owned());
    }
    if !served_by_travel(metric) {
        return None;
    }
    let rest = metric.strip_prefix(TRAVEL_PREFIX)?;
    if let Some(m) = rest.strip_prefix("no_car_") {
        return Some(match no_car_measure(m)? {
            NoCarMeasure::Worse(n) => format!(
                "Households without a car whose public transport journey grows by more than {} minutes",
                minutes(n)
            ),
            NoCarMeasure::WorseMostDeprived(n) => format!(
                "Households without a car in IMD quintiles 1-2 whose public transport journey grows by more than {} minutes",
                minutes(n)
            ),
            NoCarMeasure::NewlyOutside => {
                "Households without a car newly outside a public transport threshold".to_owned()
            }
        });
    }
    let (code, mode, measure) = match rest.strip_prefix("deprived_") {
        Some(m) => ("any", "car", m),
        None => {
            let (at, mode) = ["_car_", "_public_transport_", "_pt_"]
                .iter()
                .filter_map(|m| rest.find(m).map(|i| (i, *m)))
                .min()?;
            (
                &rest[..at],
                mode.trim_matches('_'),
                &rest[at + mode.len()..],
            )
        }
    };
    let by = if mode == "car" {
        "car"
    } else {
        "public transport"
    };
    let to = if code == "any" {
        "any service".to_owned()
    } else {
        let alias = ALIASES.iter().find(|(a, _)| *a == code).map(|(_, c)| *c);
        service(alias.unwrap_or(code)).unwrap_or_else(|| code.to_uppercase())
    };
    let (quintile, measure) = split_quintile(measure);
    let who = quintile.map_or(String::new(), |q| format!(", IMD quintile {q}"));
    let what = match measure {
        "mean" => "Mean journey time".to_owned(),
        "median" => "Median journey time".to_owned(),
        "p90" => "90th percentile journey time".to_owned(),
        "mean_change" => "Mean change in journey time against do minimum".to_owned(),
        "share_within_threshold" => "Share of people within the time threshold".to_owned(),
        "population_within_threshold" => "People within the time threshold".to_owned(),
        "population_outside_threshold" => "People outside the time threshold".to_owned(),
        "zones_outside_threshold" => "Zones outside the time threshold".to_owned(),
        "estimated_share" => "Share of people whose journey time is an estimate".to_owned(),
        "population" => "People".to_owned(),
        "unreliable_share" => "Share of departures with no journey within the threshold".to_owned(),
        "no_car_unreliable_share" => {
            "Share of departures with no journey within the threshold, for households without a car"
                .to_owned()
        }
        m => format!(
            "People whose journey grows by more than {} minutes",
            m.strip_prefix("people_worse_")?.strip_suffix("min")?
        ),
    };
    let unit = match measure {
        "mean" | "median" | "p90" | "mean_change" => " (minutes)",
        "share_within_threshold"
        | "estimated_share"
        | "unreliable_share"
        | "no_car_unreliable_share" => " (%)",
        _ => "",
    };
    Some(format!("{what} to {to} by {by}{who}{unit}"))
}

/// A whole number of minutes without its ".0", others as they are.
fn minutes(n: f64) -> String {
    if n.fract() == 0.0 {
        format!("{n:.0}")
    } else {
        n.to_string()
    }
}

/// The services travel metrics may name by a word instead of their code.
pub(crate) const ALIASES: [(&str, &str); 5] = [
    ("aande", "AE"),
    ("maternity", "MAT"),
    ("paediatrics", "PAED"),
    ("critical_care", "CRIT"),
    ("elective", "ELECT"),
];

#[cfg(test)]
mod describe_tests {
    use super::describe;

    #[test]
    fn metric_names_read_as_words() {
        let service = |code: &str| {
            [("AE", "A&E"), ("MAT", "Maternity")]
                .iter()
                .find(|(c, _)| c.eq_ignore_ascii_case(code))
                .map(|(_, n)| (*n).to_owned())
        };
        let d = |m: &str| describe(m, service);
        assert_eq!(
            d("finance.margin_final_year").unwrap(),
            "I&E margin in the final year (%)"
        );
        assert_eq!(
            d("travel.maternity_car_mean_change").unwrap(),
            "Mean change in journey time against do minimum to Maternity by car (minutes)"
        );
        assert_eq!(
            d("travel.ae_pt_q1_p90").unwrap(),
            "90th percentile journey time to A&E by public transport, IMD quintile 1 (minutes)"
        );
        assert_eq!(
            d("travel.aande_car_share_within_threshold").unwrap(),
            "Share of people within the time threshold to A&E by car (%)"
        );
        assert_eq!(
            d("travel.deprived_q1_people_worse_15min").unwrap(),
            "People whose journey grows by more than 15 minutes to any service by car, IMD quintile 1"
        );
        assert_eq!(
            d("travel.no_car_households_worse_15min").unwrap(),
            "Households without a car whose public transport journey grows by more than 15 minutes"
        );
        assert_eq!(d("finance.nothing"), None);
        assert_eq!(d("travel.ae_bike_mean"), None);
    }
}
