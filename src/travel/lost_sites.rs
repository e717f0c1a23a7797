//! The sites an option stops offering a service at, and the extra minutes their patients then
//! travel to the next nearest site: NW London's "+6 to +34 minutes to the next-nearest
//! hospital".

use serde::Serialize;

use super::nearest::{NO_SITE, Nearest};

/// A site that offers the service under do minimum and not under the option.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct LostSite {
    pub site: String,
    pub name: String,
    /// People whose nearest site for the service under do minimum is this one.
    pub people: f64,
    /// Their population-weighted mean extra minutes to the nearest site under the option, and
    /// the least and most of any of their zones; None when none of them has a time under the
    /// option.
    pub mean_extra: Option<f64>,
    pub least_extra: Option<f64>,
    pub most_extra: Option<f64>,
    /// Of `people`, those no site offering the service reaches under the option.
    pub unreached: f64,
}

/// The sites in `baseline_sites` and not in `option_sites` (column indices of `nearest`'s
/// ranking), each with its patients' extra minutes from `baseline` to `option`. `site_of`
/// gives a column's site code and name.
pub fn lost_sites<'s>(
    population: &[f64],
    baseline: &Nearest,
    option: &Nearest,
    baseline_sites: &[usize],
    option_sites: &[usize],
    site_of: impl Fn(usize) -> (&'s str, &'s str),
) -> Vec<LostSite> {
    baseline_sites
        .iter()
        .filter(|c| !option_sites.contains(c))
        .map(|&c| {
            let (code, name) = site_of(c);
            let (mut people, mut moved, mut extra, mut unreached) = (0.0, 0.0, 0.0, 0.0);
            let (mut least, mut most) = (f64::INFINITY, f64::NEG_INFINITY);
            for (z, &w) in population.iter().enumerate() {
                if baseline.site[z] == NO_SITE || baseline.site[z] as usize != c {
                    continue;
                }
                people += w;
                let now = option.times[z];
                if now.is_nan() {
                    unreached += w;
                    continue;
                }
                let more = f64::from(now) - f64::from(baseline.times[z]);
                moved += w;
                extra += w * more;
                least = least.min(more);
                most = most.max(more);
            }
            let any = moved > 0.0;
            LostSite {
                site: code.to_owned(),
                name: name.to_owned(),
                people,
                mean_extra: any.then(|| extra / moved),
                least_extra: any.then_some(least),
                most_extra: any.then_some(most),
                unreached,
            }
        })
        .collect()
}
