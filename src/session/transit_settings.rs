//! Edits to how public transport times are made from timetables: the walks to, from and
//! between stops, the changes of vehicle allowed and the longest journey. What is refused is
//! what [`TransitSettings::problems`] lists, so the window, `appraise transit` and validation
//! agree on what a sensible setting is.

use serde::{Deserialize, Serialize};

use super::input::{EditError, capitalised, number, refuse_short, whole};
use crate::model::{Appraisal, TransitSettings};

/// One public transport setting, as the window edits it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum TransitSetting {
    WalkSpeedKmh,
    MaxWalkM,
    TransferM,
    MaxTransfers,
    DetourFactor,
    MaxJourneyMinutes,
}

/// The most changes [`TransitSettings::problems`] allows.
const MOST_CHANGES: u32 = 10;

impl TransitSetting {
    /// The setting's field under `settings/transit`, as [`TransitSettings::problems`] and
    /// validation name it.
    pub fn key(self) -> &'static str {
        match self {
            TransitSetting::WalkSpeedKmh => "walk_speed_kmh",
            TransitSetting::MaxWalkM => "max_walk_m",
            TransitSetting::TransferM => "transfer_m",
            TransitSetting::MaxTransfers => "max_transfers",
            TransitSetting::DetourFactor => "detour_factor",
            TransitSetting::MaxJourneyMinutes => "max_journey_minutes",
        }
    }

    /// As Undo and messages name it.
    pub fn label(self) -> &'static str {
        match self {
            TransitSetting::WalkSpeedKmh => "walking speed",
            TransitSetting::MaxWalkM => "longest walk to or from a stop",
            TransitSetting::TransferM => "longest walk between stops",
            TransitSetting::MaxTransfers => "most changes",
            TransitSetting::DetourFactor => "walking detour factor",
            TransitSetting::MaxJourneyMinutes => "longest journey",
        }
    }

    /// The unit after a typed value in a message.
    fn unit(self) -> &'static str {
        match self {
            TransitSetting::WalkSpeedKmh => " km/h",
            TransitSetting::MaxWalkM | TransitSetting::TransferM => " m",
            TransitSetting::MaxJourneyMinutes => " min",
            TransitSetting::MaxTransfers | TransitSetting::DetourFactor => "",
        }
    }

    /// Where a decimal setting is kept; `None` for the whole number of changes.
    fn slot(self, s: &mut TransitSettings) -> Option<&mut f64> {
        match self {
            TransitSetting::WalkSpeedKmh => Some(&mut s.walk_speed_kmh),
            TransitSetting::MaxWalkM => Some(&mut s.max_walk_m),
            TransitSetting::TransferM => Some(&mut s.transfer_m),
            TransitSetting::DetourFactor => Some(&mut s.detour_factor),
            TransitSetting::MaxJourneyMinutes => Some(&mut s.max_journey_minutes),
            TransitSetting::MaxTransfers => None,
        }
    }
}

/// Sets one public transport setting from the text typed, refused (nothing changed) when the
/// transit engine would refuse it.
pub fn set(a: &mut Appraisal, setting: TransitSetting, text: &str) -> Result<(), EditError> {
    let field = format!("settings/transit/{}", setting.key());
    let what = format!("The {}", setting.label());
    let mut next: TransitSettings = a.settings.transit;
    let typed = match setting.slot(&mut next) {
        Some(slot) => {
            *slot = number(&field, &what, text)?;
            *slot
        }
        None => {
            next.max_transfers = whole(&field, &what, text, 0..=MOST_CHANGES)?;
            f64::from(next.max_transfers)
        }
    };
    if let Some((_, _, why)) = next
        .problems()
        .into_iter()
        .find(|(key, _, _)| *key == setting.key())
    {
        return refuse_short(
            field,
            format!("{what} {why}; it is {typed}{}", setting.unit()),
            capitalised(why),
        );
    }
    a.settings.transit = next;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_setting_is_stored_as_the_engine_reads_it() {
        let mut a = crate::demo::appraisal();
        set(&mut a, TransitSetting::WalkSpeedKmh, " 4 ").unwrap();
        set(&mut a, TransitSetting::MaxWalkM, "1200").unwrap();
        set(&mut a, TransitSetting::TransferM, "0").unwrap();
        set(&mut a, TransitSetting::MaxTransfers, "2").unwrap();
        set(&mut a, TransitSetting::DetourFactor, "1.2").unwrap();
        set(&mut a, TransitSetting::MaxJourneyMinutes, "120").unwrap();
        assert_eq!(
            a.settings.transit,
            TransitSettings {
                walk_speed_kmh: 4.0,
                max_walk_m: 1200.0,
                transfer_m: 0.0,
                max_transfers: 2,
                detour_factor: 1.2,
                max_journey_minutes: 120.0,
            }
        );
    }

    #[test]
    fn a_setting_the_engine_would_refuse_is_refused_naming_its_field() {
        let mut a = crate::demo::appraisal();
        let before = a.clone();
        let e = set(&mut a, TransitSetting::WalkSpeedKmh, "0").unwrap_err();
        assert_eq!(e.field, "settings/transit/walk_speed_kmh");
        assert_eq!(
            e.message,
            "The walking speed must be above 0 and at most 20; it is 0 km/h"
        );
        assert_eq!(e.short, "Must be above 0 and at most 20");
        let e = set(&mut a, TransitSetting::DetourFactor, "0.9").unwrap_err();
        assert_eq!(e.field, "settings/transit/detour_factor");
        assert_eq!(e.short, "Must be from 1 to 3");
        let e = set(&mut a, TransitSetting::MaxWalkM, "20000").unwrap_err();
        assert_eq!(
            e.message,
            "The longest walk to or from a stop must be from 0 to 10000; it is 20000 m"
        );
        let e = set(&mut a, TransitSetting::MaxJourneyMinutes, "0").unwrap_err();
        assert_eq!(e.short, "Must be above 0 and at most 600");
        let e = set(&mut a, TransitSetting::MaxTransfers, "1.5").unwrap_err();
        assert_eq!(e.field, "settings/transit/max_transfers");
        assert_eq!(e.short, "Must be a whole number from 0 to 10");
        let e = set(&mut a, TransitSetting::MaxTransfers, "11").unwrap_err();
        assert_eq!(
            e.message,
            "The most changes must be a whole number from 0 to 10; it is 11"
        );
        let e = set(&mut a, TransitSetting::TransferM, "far").unwrap_err();
        assert_eq!(e.short, "\"far\" is not a number");
        assert_eq!(a, before, "nothing changed");
    }
}
