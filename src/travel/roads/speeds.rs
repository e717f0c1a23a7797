//! Road classes and their speeds: the `maxspeed` a way carries, else a default per class, and the
//! factor a class's times grow by at peak.
//!
//! Defaults (km/h) are the free-flow speeds of OSRM's car profile (`car.lua`), a widely used and
//! published basis: they allow for bends, junctions and parked cars that a speed limit does not.
//! A tagged `maxspeed` is taken as it stands (km/h, or `NN mph`; the UK's `GB:nsl_single` = 60
//! mph, `GB:nsl_dual` and `GB:motorway` = 70 mph); `maxspeed:forward`/`:backward` are not read.
//!
//! Peak factors multiply a road's off-peak time in the morning peak: busier, higher classes slow
//! most. They are appraisal settings (`settings.roads.peak_factors`, [`PeakFactors`]).

use crate::model::PeakFactors;

/// The highway classes a car may use, as OSM's `highway` tag names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RoadClass {
    Motorway,
    MotorwayLink,
    Trunk,
    TrunkLink,
    Primary,
    PrimaryLink,
    Secondary,
    SecondaryLink,
    Tertiary,
    TertiaryLink,
    Unclassified,
    Residential,
    LivingStreet,
    Service,
}

impl RoadClass {
    /// The class a `highway` value names, or None for a way a car may not use (footway,
    /// cycleway, track, path, construction, ...).
    pub fn from_highway(value: &str) -> Option<RoadClass> {
        Some(match value {
            "motorway" => RoadClass::Motorway,
            "motorway_link" => RoadClass::MotorwayLink,
            "trunk" => RoadClass::Trunk,
            "trunk_link" => RoadClass::TrunkLink,
            "primary" => RoadClass::Primary,
            "primary_link" => RoadClass::PrimaryLink,
            "secondary" => RoadClass::Secondary,
            "secondary_link" => RoadClass::SecondaryLink,
            "tertiary" => RoadClass::Tertiary,
            "tertiary_link" => RoadClass::TertiaryLink,
            "unclassified" => RoadClass::Unclassified,
            "residential" => RoadClass::Residential,
            "living_street" => RoadClass::LivingStreet,
            "service" => RoadClass::Service,
            _ => return None,
        })
    }

    /// Off-peak speed in km/h when the way has no usable `maxspeed` (OSRM car profile).
    pub fn default_kmh(self) -> f64 {
        match self {
            RoadClass::Motorway => 90.0,
            RoadClass::MotorwayLink => 45.0,
            RoadClass::Trunk => 85.0,
            RoadClass::TrunkLink => 40.0,
            RoadClass::Primary => 65.0,
            RoadClass::PrimaryLink => 30.0,
            RoadClass::Secondary => 55.0,
            RoadClass::SecondaryLink => 25.0,
            RoadClass::Tertiary => 40.0,
            RoadClass::TertiaryLink => 20.0,
            RoadClass::Unclassified | RoadClass::Residential => 25.0,
            RoadClass::LivingStreet => 10.0,
            RoadClass::Service => 15.0,
        }
    }

    /// Peak time = off-peak time x this factor, from the appraisal's settings.
    pub fn peak_factor(self, f: &PeakFactors) -> f64 {
        match self {
            RoadClass::Motorway | RoadClass::MotorwayLink => f.motorway,
            RoadClass::Trunk | RoadClass::TrunkLink => f.trunk,
            RoadClass::Primary | RoadClass::PrimaryLink => f.primary,
            RoadClass::Secondary | RoadClass::SecondaryLink => f.secondary,
            RoadClass::Tertiary | RoadClass::TertiaryLink => f.tertiary,
            RoadClass::Unclassified | RoadClass::Residential => f.minor,
            RoadClass::LivingStreet | RoadClass::Service => f.access,
        }
    }

    /// Motorways and their slip roads are one way unless tagged otherwise (OSM's convention).
    pub fn implied_oneway(self) -> bool {
        matches!(self, RoadClass::Motorway | RoadClass::MotorwayLink)
    }
}

const KMH_PER_MPH: f64 = 1.609_344;

/// The speed a `maxspeed` value gives in km/h: `50`, `50 km/h`, `30 mph`, `GB:nsl_single`; the
/// first of several (`50;30`). None for values that name no speed (`none`, `signals`, `walk`,
/// `variable`): the class default applies.
pub fn parse_maxspeed(value: &str) -> Option<f64> {
    let value = value.split(';').next().unwrap_or_default().trim();
    let named = match value.to_ascii_lowercase().as_str() {
        "gb:nsl_single" | "uk:nsl_single" => Some(60.0 * KMH_PER_MPH),
        "gb:nsl_dual" | "uk:nsl_dual" | "gb:motorway" | "uk:motorway" => Some(70.0 * KMH_PER_MPH),
        _ => None,
    };
    if named.is_some() {
        return named;
    }
    let digits_end = value
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(value.len());
    let number: f64 = value[..digits_end].parse().ok()?;
    let unit = value[digits_end..].trim().to_ascii_lowercase();
    let kmh = match unit.as_str() {
        "" | "km/h" | "kmh" | "kph" => number,
        "mph" => number * KMH_PER_MPH,
        _ => return None,
    };
    (kmh.is_finite() && kmh > 0.0).then_some(kmh)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maxspeed_forms() {
        assert_eq!(parse_maxspeed("50"), Some(50.0));
        assert_eq!(parse_maxspeed("50 km/h"), Some(50.0));
        assert_eq!(parse_maxspeed("30 mph"), Some(30.0 * 1.609_344));
        assert_eq!(parse_maxspeed("20mph"), Some(20.0 * 1.609_344));
        assert_eq!(parse_maxspeed("GB:nsl_single"), Some(60.0 * 1.609_344));
        assert_eq!(parse_maxspeed("40;30"), Some(40.0));
        assert_eq!(parse_maxspeed("none"), None);
        assert_eq!(parse_maxspeed("signals"), None);
        assert_eq!(parse_maxspeed("0"), None);
        assert_eq!(parse_maxspeed("50 knots"), None);
    }

    #[test]
    fn classes() {
        assert_eq!(RoadClass::from_highway("footway"), None);
        assert_eq!(
            RoadClass::from_highway("trunk_link"),
            Some(RoadClass::TrunkLink)
        );
        assert!(RoadClass::Motorway.implied_oneway());
        assert!(!RoadClass::Primary.implied_oneway());
    }
}
