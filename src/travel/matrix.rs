//! Travel times from every zone to one site by one mode: the imported matrix where it has a
//! value, the built-in estimate elsewhere, with every estimated cell flagged.

use std::borrow::Cow;
use std::collections::HashMap;

use super::estimate::{self, Point};
use crate::model::{Appraisal, TravelMode};

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
