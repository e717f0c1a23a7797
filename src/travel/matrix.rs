//! Travel times from every zone to one site by one mode: the imported matrix where it has a
//! value, the built-in estimate elsewhere, with every estimated cell flagged.

use std::borrow::Cow;
use std::collections::HashMap;

use super::estimate::{self, Point};
use crate::model::{Appraisal, RoadBasis, TravelMatrix, TravelMode};

/// One site's times to every zone, in the appraisal's zone order. NaN = no time at all (no
/// matrix value and no coordinates to estimate from).
#[derive(Debug, Clone)]
pub struct Column<'a> {
    pub times: Cow<'a, [f32]>,
    /// Which times are estimates; None when none is.
    pub estimated: Option<Vec<bool>>,
}

impl Column<'_> {
    pub fn is_estimated(&self, zone: usize) -> bool {
        self.estimated.as_ref().is_some_and(|e| e[zone])
    }
}

/// Builds columns for one appraisal, borrowing the matrix's own when it is complete and in the
/// appraisal's zone order (the usual case after an import), so no copy is made.
pub struct Times<'a> {
    a: &'a Appraisal,
    zones: Vec<Option<Point>>,
    /// Matrix zone index of each appraisal zone; None when they are the same list.
    zone_map: Option<Vec<Option<usize>>>,
    sites: HashMap<&'a str, usize>,
}

impl<'a> Times<'a> {
    pub fn new(a: &'a Appraisal) -> Self {
        let m = &a.travel_matrix;
        let same = m.zones().len() == a.zones.len()
            && m.zones().iter().zip(&a.zones).all(|(c, z)| *c == z.code);
        let zone_map = (!same).then(|| {
            let index: HashMap<&str, usize> = m
                .zones()
                .iter()
                .enumerate()
                .map(|(i, c)| (c.as_str(), i))
                .collect();
            a.zones
                .iter()
                .map(|z| index.get(z.code.as_str()).copied())
                .collect()
        });
        Times {
            a,
            zones: a
                .zones
                .iter()
                .map(|z| Point::from_degrees(z.latitude, z.longitude))
                .collect(),
            zone_map,
            sites: m
                .sites()
                .iter()
                .enumerate()
                .map(|(i, c)| (c.as_str(), i))
                .collect(),
        }
    }

    /// Times to the appraisal's site `site` (an index into `sites`) by `mode`.
    pub fn column(&self, mode: TravelMode, site: usize) -> Column<'a> {
        let a = self.a;
        let m = &a.travel_matrix;
        let code = a.sites[site].code.as_str();
        let imported = m
            .mode_index(mode)
            .zip(self.sites.get(code))
            .map(|(md, s)| m.column(md, *s));
        if let (Some(column), None) = (imported, &self.zone_map)
            && !column.iter().any(|v| v.is_nan())
        {
            return Column {
                times: Cow::Borrowed(column),
                estimated: None,
            };
        }
        let s = &a.sites[site];
        let site_point = Point::from_degrees(s.latitude, s.longitude);
        let mut times = Vec::with_capacity(a.zones.len());
        let mut estimated = vec![false; a.zones.len()];
        for (z, point) in self.zones.iter().enumerate() {
            let cell = match (&self.zone_map, imported) {
                (None, Some(c)) => c[z],
                (Some(map), Some(c)) => map[z].map_or(f32::NAN, |i| c[i]),
                (_, None) => f32::NAN,
            };
            if !cell.is_nan() {
                times.push(cell);
            } else if let (Some(zp), Some(sp)) = (point, site_point) {
                let km = estimate::great_circle_km(*zp, sp);
                times.push(
                    estimate::minutes(&a.travel_estimator, &a.settings.roads, mode, km) as f32,
                );
                estimated[z] = true;
            } else {
                times.push(f32::NAN);
            }
        }
        Column {
            times: Cow::Owned(times),
            estimated: estimated.contains(&true).then_some(estimated),
        }
    }
}

/// `old` laid over `a`'s zones and sites with the columns of the `replaced` modes taken from
/// `column(mode, site)` (in `a`'s zone order) and every other mode's times kept: what road
/// times and public transport times each do to the matrix. Modes are in [`TravelMode::ALL`]
/// order; the bases of road times still describing kept modes stay, and so does the basis of
/// public transport times (with their reliability) unless they are replaced.
pub fn replacing_modes<'t>(
    a: &Appraisal,
    old: &TravelMatrix,
    replaced: &[TravelMode],
    column: impl Fn(TravelMode, usize) -> Option<&'t [f32]>,
) -> TravelMatrix {
    let zone_codes: Vec<String> = a.zones.iter().map(|z| z.code.clone()).collect();
    let site_codes: Vec<String> = a.sites.iter().map(|s| s.code.clone()).collect();
    let modes: Vec<TravelMode> = TravelMode::ALL
        .into_iter()
        .filter(|m| replaced.contains(m) || old.mode_index(*m).is_some())
        .collect();
    let mut matrix = TravelMatrix::empty(zone_codes, site_codes, modes.clone());
    let old_zone: Vec<Option<usize>> = a
        .zones
        .iter()
        .map(|z| old.zones().iter().position(|c| *c == z.code))
        .collect();
    for (m, mode) in modes.iter().enumerate() {
        for (s, site) in a.sites.iter().enumerate() {
            let cells = matrix.column_mut(m, s);
            if replaced.contains(mode) {
                if let Some(new) = column(*mode, s) {
                    cells.copy_from_slice(new);
                }
                continue;
            }
            let (Some(om), Some(os)) = (
                old.mode_index(*mode),
                old.sites().iter().position(|c| *c == site.code),
            ) else {
                continue;
            };
            let before = old.column(om, os);
            for (cell, oz) in cells.iter_mut().zip(&old_zone) {
                if let Some(oz) = oz {
                    *cell = before[*oz];
                }
            }
        }
    }
    let bases: Vec<RoadBasis> = old
        .bases()
        .iter()
        .cloned()
        .filter_map(|mut b| {
            b.modes.retain(|m| !replaced.contains(m));
            (!b.modes.is_empty()).then_some(b)
        })
        .collect();
    matrix.set_bases(bases);
    matrix.set_road_layer(old.shared_road_layer());
    if !replaced.contains(&TravelMode::PublicTransport) {
        matrix.set_transit(old.transit().cloned());
    }
    matrix
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RoadSettings;

    /// Two zones, one site; car from a road basis, public transport imported. Replacing public
    /// transport keeps the car times, their basis and the extract's road layer; replacing car
    /// drops the basis and the layer too.
    #[test]
    fn replacing_a_mode_keeps_the_others_and_the_bases_that_still_describe_them() {
        let mut a = crate::demo::appraisal();
        a.zones.truncate(2);
        a.sites.truncate(1);
        let zones: Vec<String> = a.zones.iter().map(|z| z.code.clone()).collect();
        let sites: Vec<String> = a.sites.iter().map(|s| s.code.clone()).collect();
        let mut old = TravelMatrix::new(
            zones,
            sites,
            vec![TravelMode::Car, TravelMode::PublicTransport],
            vec![10.0, 20.0, 30.0, 40.0],
        )
        .expect("shape");
        old.set_bases(vec![RoadBasis {
            extract: "x.osm.pbf".into(),
            extract_timestamp: None,
            sha256: "00".repeat(32),
            computed_at: "2026-12-04T23:00:00Z".into(),
            modes: vec![TravelMode::Car],
            settings: RoadSettings::default(),
        }]);
        let layer = std::sync::Arc::new(crate::model::RoadLayer {
            extract: "x.osm.pbf".into(),
            lines: vec![crate::model::RoadLine {
                class: crate::model::MainRoad::Trunk,
                points: vec![[0, 0], [1, 1]],
            }],
        });
        old.set_road_layer(Some(layer.clone()));
        let pt = [35.0, 45.0];
        let m = replacing_modes(&a, &old, &[TravelMode::PublicTransport], |_, _| Some(&pt));
        assert_eq!(m.modes(), [TravelMode::Car, TravelMode::PublicTransport]);
        assert_eq!(m.column(0, 0), [10.0, 20.0]);
        assert_eq!(m.column(1, 0), [35.0, 45.0]);
        assert_eq!(m.bases(), old.bases());
        assert_eq!(m.road_layer(), Some(layer.as_ref()));
        let car = [11.0, 21.0];
        let m = replacing_modes(&a, &old, &[TravelMode::Car], |_, _| Some(&car));
        assert_eq!(m.column(0, 0), [11.0, 21.0]);
        assert_eq!(m.column(1, 0), [30.0, 40.0]);
        assert!(m.bases().is_empty());
        assert!(
            m.road_layer().is_none(),
            "no extract is behind the times any more"
        );
    }
}
