//! The nearest site offering a service, for every zone and every option.
//!
//! Options differ from one another by a few sites, and services are offered at overlapping
//! sites, so instead of a full minimum over each option's sites for each service, each zone's K
//! nearest sites among all the sites any option uses are ranked once per mode; an option's
//! nearest site for a service is then the first ranked site offering it. Only a zone none of
//! whose K nearest offers the service is searched in full (over the offering sites only).

use super::matrix::Column;

/// Sites ranked per zone.
const K: usize = 8;

/// Each zone's time to its nearest site, and whether that time is an estimate.
#[derive(Debug, Clone, PartialEq)]
pub struct Nearest {
    /// NaN where no site has a time for the zone.
    pub times: Vec<f32>,
    pub estimated: Vec<bool>,
    /// The nearest site, as an index into the ranking's columns; [`NO_SITE`] where none.
    pub site: Vec<u32>,
}

/// No site reaches the zone.
pub const NO_SITE: u32 = u32::MAX;

/// The ranked sites of every zone, among `columns`.
pub struct Ranking<'c, 'a> {
    columns: &'c [&'c Column<'a>],
    k: usize,
    /// Per zone, `k` slots of (time, column index), ascending; empty slots have `u32::MAX`.
    times: Vec<f32>,
    sites: Vec<u32>,
}

impl<'c, 'a> Ranking<'c, 'a> {
    pub fn new(columns: &'c [&'c Column<'a>], zones: usize) -> Self {
        let k = K.min(columns.len()).max(1);
        let mut times = vec![f32::INFINITY; zones * k];
        let mut sites = vec![u32::MAX; zones * k];
        // Each zone's K-th time so far, contiguous so most cells are dismissed by one compare.
        let mut worst = vec![f32::INFINITY; zones];
        for (c, column) in columns.iter().enumerate() {
            let c = c as u32;
            for (z, &t) in column.times.iter().enumerate() {
                // NaN (no time) fails the comparison and is never ranked.
                if t < worst[z] {
                    let slots = &mut times[z * k..(z + 1) * k];
                    let ids = &mut sites[z * k..(z + 1) * k];
                    let mut at = k - 1;
                    while at > 0 && t < slots[at - 1] {
                        slots[at] = slots[at - 1];
                        ids[at] = ids[at - 1];
                        at -= 1;
                    }
                    slots[at] = t;
                    ids[at] = c;
                    worst[z] = slots[k - 1];
                }
            }
        }
        Ranking {
            columns,
            k,
            times,
            sites,
        }
    }

    /// The nearest of the sites `offered` (indices into the columns) for every zone.
    pub fn nearest(&self, offered: &[usize]) -> Nearest {
        let zones = self.times.len() / self.k;
        let mut member = vec![false; self.columns.len()];
        for &c in offered {
            member[c] = true;
        }
        let mut times = vec![f32::NAN; zones];
        let mut estimated = vec![false; zones];
        let mut site = vec![NO_SITE; zones];
        for z in 0..zones {
            let slots = z * self.k..(z + 1) * self.k;
            let ranked = self.sites[slots.clone()].iter().zip(&self.times[slots]);
            let mut found = false;
            let mut full = true;
            for (&c, &t) in ranked {
                if c == u32::MAX {
                    full = false;
                    break;
                }
                if member[c as usize] {
                    times[z] = t;
                    estimated[z] = self.columns[c as usize].is_estimated(z);
                    site[z] = c;
                    found = true;
                    break;
                }
            }
            // Beyond the ranked sites only if all K slots were taken by sites not offered.
            if !found && full && self.columns.len() > self.k {
                let mut best = f32::INFINITY;
                for &c in offered {
                    let t = self.columns[c].times[z];
                    if t < best {
                        best = t;
                        times[z] = t;
                        estimated[z] = self.columns[c].is_estimated(z);
                        site[z] = c as u32;
                    }
                }
            }
        }
        Nearest {
            times,
            estimated,
            site,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::*;

    fn column(times: &[f32], estimated: Option<Vec<bool>>) -> Column<'static> {
        Column {
            times: Cow::Owned(times.to_vec()),
            estimated,
        }
    }

    /// The ranking agrees with a plain minimum over the offered sites, for many site subsets,
    /// including ones that offer none of a zone's K nearest.
    #[test]
    fn ranking_agrees_with_a_full_minimum() {
        let zones = 50;
        let owned: Vec<Column> = (0..20u32)
            .map(|s| {
                let times: Vec<f32> = (0..zones as u32)
                    .map(|z| {
                        if (s + z) % 13 == 0 {
                            f32::NAN
                        } else {
                            ((s * 7919 + z * 104_729) % 997) as f32 / 10.0
                        }
                    })
                    .collect();
                column(
                    &times,
                    Some(
                        (0..zones)
                            .map(|z| (z + s as usize).is_multiple_of(3))
                            .collect(),
                    ),
                )
            })
            .collect();
        let columns: Vec<&Column> = owned.iter().collect();
        let ranking = Ranking::new(&columns, zones);
        for pick in 0..200u32 {
            let offered: Vec<usize> = (0..20)
                .filter(|s| (pick >> (s % 10)) & 1 == 1 || (pick % 20) as usize == *s)
                .collect();
            let got = ranking.nearest(&offered);
            for z in 0..zones {
                let best = offered
                    .iter()
                    .map(|&c| columns[c].times[z])
                    .filter(|t| !t.is_nan())
                    .fold(f32::INFINITY, f32::min);
                if best.is_infinite() {
                    assert!(got.times[z].is_nan());
                    assert_eq!(got.site[z], NO_SITE);
                } else {
                    assert_eq!(got.times[z], best, "zone {z} sites {offered:?}");
                    let site = got.site[z] as usize;
                    assert!(offered.contains(&site) && columns[site].times[z] == best);
                    let any_estimated_at_best = offered
                        .iter()
                        .filter(|&&c| columns[c].times[z] == best)
                        .any(|&c| columns[c].is_estimated(z));
                    if got.estimated[z] {
                        assert!(any_estimated_at_best);
                    }
                }
            }
        }
    }

    #[test]
    fn an_option_without_sites_reaches_nobody() {
        let owned = [column(&[1.0, 2.0], None)];
        let columns: Vec<&Column> = owned.iter().collect();
        let got = Ranking::new(&columns, 2).nearest(&[]);
        assert!(got.times.iter().all(|t| t.is_nan()));
    }
}
