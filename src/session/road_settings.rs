//! Edits to how road times are made from an OpenStreetMap extract: the joining leg, the
//! blue-light share, the junction and parking allowances and the peak factor of each road
//! class. What is refused is what [`RoadSettings::problems`] lists, so the window, the command
//! line and the road engine agree on what a sensible setting is.

use serde::{Deserialize, Serialize};

use super::input::{EditError, capitalised, number, refuse_short};
use crate::model::{Appraisal, RoadSettings};

/// One road setting, as the window edits it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum RoadSetting {
    JoinSpeedKmh,
    MaxJoinM,
    /// Typed in percent.
    BlueLightShare,
    /// Typed in percent.
    JunctionAllowance,
    ParkingSeconds,
    PeakMotorway,
    PeakTrunk,
    PeakPrimary,
    PeakSecondary,
    PeakTertiary,
    PeakMinor,
    PeakAccess,
}

impl RoadSetting {
    /// The setting's path under `settings/roads`, as [`RoadSettings::problems`] and validation
    /// name it.
    pub fn key(self) -> &'static str {
        match self {
            RoadSetting::JoinSpeedKmh => "join_speed_kmh",
            RoadSetting::MaxJoinM => "max_join_m",
            RoadSetting::BlueLightShare => "blue_light_share",
            RoadSetting::JunctionAllowance => "junction_allowance",
            RoadSetting::ParkingSeconds => "parking_seconds",
            RoadSetting::PeakMotorway => "peak_factors/motorway",
            RoadSetting::PeakTrunk => "peak_factors/trunk",
            RoadSetting::PeakPrimary => "peak_factors/primary",
            RoadSetting::PeakSecondary => "peak_factors/secondary",
            RoadSetting::PeakTertiary => "peak_factors/tertiary",
            RoadSetting::PeakMinor => "peak_factors/minor",
            RoadSetting::PeakAccess => "peak_factors/access",
        }
    }

    /// As Undo and messages name it.
    pub fn label(self) -> &'static str {
        match self {
            RoadSetting::JoinSpeedKmh => "speed of the joining leg",
            RoadSetting::MaxJoinM => "longest joining leg",
            RoadSetting::BlueLightShare => "blue-light share",
            RoadSetting::JunctionAllowance => "junction allowance",
            RoadSetting::ParkingSeconds => "parking allowance",
            RoadSetting::PeakMotorway => "motorway peak factor",
            RoadSetting::PeakTrunk => "trunk road peak factor",
            RoadSetting::PeakPrimary => "primary road peak factor",
            RoadSetting::PeakSecondary => "secondary road peak factor",
            RoadSetting::PeakTertiary => "tertiary road peak factor",
            RoadSetting::PeakMinor => "minor road peak factor",
            RoadSetting::PeakAccess => "service road peak factor",
        }
    }

    /// The unit after a typed value in a message.
    fn unit(self) -> &'static str {
        match self {
            RoadSetting::JoinSpeedKmh => " km/h",
            RoadSetting::MaxJoinM => " m",
            RoadSetting::BlueLightShare | RoadSetting::JunctionAllowance => "%",
            RoadSetting::ParkingSeconds => " s",
            _ => "",
        }
    }

    /// Typed in percent, stored as a fraction.
    fn percent(self) -> bool {
        matches!(
            self,
            RoadSetting::BlueLightShare | RoadSetting::JunctionAllowance
        )
    }

    fn slot(self, s: &mut RoadSettings) -> &mut f64 {
        let f = &mut s.peak_factors;
        match self {
            RoadSetting::JoinSpeedKmh => &mut s.join_speed_kmh,
            RoadSetting::MaxJoinM => &mut s.max_join_m,
            RoadSetting::BlueLightShare => &mut s.blue_light_share,
            RoadSetting::JunctionAllowance => &mut s.junction_allowance,
            RoadSetting::ParkingSeconds => &mut s.parking_seconds,
            RoadSetting::PeakMotorway => &mut f.motorway,
            RoadSetting::PeakTrunk => &mut f.trunk,
            RoadSetting::PeakPrimary => &mut f.primary,
            RoadSetting::PeakSecondary => &mut f.secondary,
            RoadSetting::PeakTertiary => &mut f.tertiary,
            RoadSetting::PeakMinor => &mut f.minor,
            RoadSetting::PeakAccess => &mut f.access,
        }
    }
}

/// What a percent setting must be, in the percent the analyst typed; the others say it as
/// [`RoadSettings::problems`] does.
fn reason(setting: RoadSetting, reason: &str) -> String {
    match setting {
        RoadSetting::BlueLightShare => "must be above 0% and at most 100%".to_owned(),
        RoadSetting::JunctionAllowance => "must be 0% or more".to_owned(),
        _ => reason.to_owned(),
    }
}

/// Sets one road setting from the text typed, refused (nothing changed) when the road engine
/// would refuse it.
pub fn set(a: &mut Appraisal, setting: RoadSetting, text: &str) -> Result<(), EditError> {
    let field = format!("settings/roads/{}", setting.key());
    let what = format!("The {}", setting.label());
    let typed = number(&field, &what, text)?;
    let mut next = a.settings.roads;
    *setting.slot(&mut next) = if setting.percent() {
        typed / 100.0
    } else {
        typed
    };
    if let Some((_, _, why)) = next
        .problems()
        .into_iter()
        .find(|(key, _, _)| *key == setting.key())
    {
        let why = reason(setting, why);
        return refuse_short(
            field,
            format!("{what} {why}; it is {typed}{}", setting.unit()),
            capitalised(&why),
        );
    }
    a.settings.roads = next;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_setting_is_stored_as_the_engine_reads_it() {
        let mut a = crate::demo::appraisal();
        set(&mut a, RoadSetting::BlueLightShare, "60").unwrap();
        set(&mut a, RoadSetting::JoinSpeedKmh, " 20 ").unwrap();
        set(&mut a, RoadSetting::PeakMinor, "1.3").unwrap();
        set(&mut a, RoadSetting::JunctionAllowance, "0").unwrap();
        let r = a.settings.roads;
        assert_eq!(r.blue_light_share, 0.6);
        assert_eq!(r.join_speed_kmh, 20.0);
        assert_eq!(r.peak_factors.minor, 1.3);
        assert_eq!(r.junction_allowance, 0.0);
        assert_eq!(r.parking_seconds, 160.0, "the others as they were");
    }

    #[test]
    fn a_setting_the_engine_would_refuse_is_refused_naming_its_field() {
        let mut a = crate::demo::appraisal();
        let before = a.clone();
        let e = set(&mut a, RoadSetting::BlueLightShare, "120").unwrap_err();
        assert_eq!(e.field, "settings/roads/blue_light_share");
        assert_eq!(
            e.message,
            "The blue-light share must be above 0% and at most 100%; it is 120%"
        );
        assert_eq!(e.short, "Must be above 0% and at most 100%");
        let e = set(&mut a, RoadSetting::PeakMotorway, "0.5").unwrap_err();
        assert_eq!(e.field, "settings/roads/peak_factors/motorway");
        assert_eq!(e.short, "Must be from 1 to 10");
        let e = set(&mut a, RoadSetting::JoinSpeedKmh, "0").unwrap_err();
        assert_eq!(
            e.message,
            "The speed of the joining leg must be above 0; it is 0 km/h"
        );
        let e = set(&mut a, RoadSetting::ParkingSeconds, "soon").unwrap_err();
        assert_eq!(e.field, "settings/roads/parking_seconds");
        assert_eq!(e.short, "\"soon\" is not a number");
        assert_eq!(a, before, "nothing changed");
    }
}
