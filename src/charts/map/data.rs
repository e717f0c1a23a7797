//! What one option's map shows, gathered from the appraisal and the travel engine's results:
//! each placed zone's change in journey time against do minimum, whether it is among the most
//! deprived, and each placed site with the services it gains or loses under the option.

use std::collections::BTreeSet;
use std::sync::Arc;

use rustc_hash::FxHashMap;

use super::super::ChartError;
use super::MAP;
use crate::model::{Appraisal, RoadLayer, TravelMode};
use crate::travel::{TravelResults, equality};

/// One option's journeys to one service by one mode, against do minimum, placed.
#[derive(Debug, Clone, PartialEq)]
pub struct MapData {
    pub option: String,
    pub service: String,
    pub mode: TravelMode,
    pub zones: Vec<MapZone>,
    pub sites: Vec<MapSite>,
    /// Zones and sites without coordinates, left off the map.
    pub unplaced_zones: usize,
    pub unplaced_sites: usize,
    /// The main roads of the extract the road times came from, drawn faintly under the sites;
    /// None when the times did not come from an extract.
    pub roads: Option<Arc<RoadLayer>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MapZone {
    pub latitude: f64,
    pub longitude: f64,
    /// Minutes longer (negative: quicker) than under do minimum; None when either has no
    /// journey.
    pub change: Option<f64>,
    /// In IMD quintile 1, the most deprived fifth.
    pub most_deprived: bool,
}

/// What a site does for the service mapped under the option, against do minimum.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// Offers it under do minimum and not under the option.
    Loses,
    /// Offers it under the option and not under do minimum.
    Gains,
    /// Offers it under both.
    Keeps,
    /// Offers it under neither.
    Without,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MapSite {
    pub name: String,
    pub latitude: f64,
    pub longitude: f64,
    pub mark: Mark,
    /// Names of every service the site gains and loses under the option, in the appraisal's
    /// order of services.
    pub gains: Vec<String>,
    pub loses: Vec<String>,
}

impl MapData {
    /// The map of `option` (a code) for `service` (a code) by `mode`, against do minimum.
    pub fn of(
        a: &Appraisal,
        t: &TravelResults,
        service: &str,
        mode: TravelMode,
        option: &str,
    ) -> Result<MapData, ChartError> {
        let no_data = |reason: String| ChartError::NoData { chart: MAP, reason };
        let Some(baseline) = t.baseline.as_deref() else {
            return Err(no_data(
                "there is no do-minimum option to measure changes against".to_owned(),
            ));
        };
        if option == baseline {
            return Err(no_data(
                "do minimum is what the other options are measured against: choose another option"
                    .to_owned(),
            ));
        }
        let s = t
            .services
            .iter()
            .find(|s| s.service == service && s.mode == mode)
            .ok_or_else(|| {
                no_data(format!(
                    "there are no travel results for service {service} {}",
                    super::super::travel::by_mode(mode)
                ))
            })?;
        let find = |code: &str| {
            a.options
                .iter()
                .position(|o| o.code == code)
                .filter(|&i| s.options.get(i).is_some_and(|o| o.option == code))
                .ok_or_else(|| no_data(format!("there is no option {code}")))
        };
        let (o, b) = (find(option)?, find(baseline)?);
        let (now, before) = (&s.options[o].zone_minutes, &s.options[b].zone_minutes);
        let mut zones = Vec::with_capacity(a.zones.len());
        for (z, zone) in a.zones.iter().enumerate() {
            let (Some(latitude), Some(longitude)) = (zone.latitude, zone.longitude) else {
                continue;
            };
            let change = match (now.get(z), before.get(z)) {
                (Some(n), Some(b)) if n.is_finite() && b.is_finite() => {
                    Some(f64::from(*n) - f64::from(*b))
                }
                _ => None,
            };
            zones.push(MapZone {
                latitude,
                longitude,
                change,
                most_deprived: equality::quintile(zone.imd_decile) == Some(1),
            });
        }
        // Each site's services under an option, gathered once rather than looked for per site.
        let offered_by = |i: usize| {
            let mut by_site: FxHashMap<&str, BTreeSet<&str>> = FxHashMap::default();
            for ss in &a.options[i].site_services {
                by_site
                    .entry(ss.site.as_str())
                    .or_default()
                    .insert(ss.service.as_str());
            }
            by_site
        };
        let (offered_under, offered_before) = (offered_by(o), offered_by(b));
        let none = BTreeSet::new();
        let mut sites = Vec::new();
        for site in &a.sites {
            let (Some(latitude), Some(longitude)) = (site.latitude, site.longitude) else {
                continue;
            };
            let site_code = site.code.as_str();
            let under = offered_under.get(site_code).unwrap_or(&none);
            let before = offered_before.get(site_code).unwrap_or(&none);
            let names = |pick: &dyn Fn(&str) -> bool| -> Vec<String> {
                a.services
                    .iter()
                    .filter(|v| pick(&v.code))
                    .map(|v| v.name.clone())
                    .collect()
            };
            let mark = match (before.contains(service), under.contains(service)) {
                (true, false) => Mark::Loses,
                (false, true) => Mark::Gains,
                (true, true) => Mark::Keeps,
                (false, false) => Mark::Without,
            };
            sites.push(MapSite {
                name: site.name.clone(),
                latitude,
                longitude,
                mark,
                gains: names(&|v| under.contains(v) && !before.contains(v)),
                loses: names(&|v| before.contains(v) && !under.contains(v)),
            });
        }
        Ok(MapData {
            option: s.options[o].name.clone(),
            service: s.name.clone(),
            mode,
            unplaced_zones: a.zones.len() - zones.len(),
            unplaced_sites: a.sites.len() - sites.len(),
            zones,
            sites,
            roads: a.travel_matrix.shared_road_layer(),
        })
    }
}
