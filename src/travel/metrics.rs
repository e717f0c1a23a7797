//! Population-weighted measures of one option's journeys, for everyone and by IMD quintile in
//! one pass, plus one sort for the percentiles.

use super::equality::QUINTILES;
use super::nearest::Nearest;
use super::results::{CurvePoint, Measures};

/// A cumulative weight counts as reaching p x total within this relative tolerance, so that
/// rounding in the running sum cannot push an exact boundary (half the weight) one zone on.
const REACH_TOLERANCE: f64 = 1e-12;

/// The zones measured: population and IMD quintile (1-5) of each.
pub struct Zones<'a> {
    pub population: &'a [f64],
    pub quintile: &'a [u8],
}

/// What one option's journeys are measured against.
pub struct Against<'a> {
    pub threshold: Option<f64>,
    pub increase_minutes: f64,
    pub baseline: Option<&'a Nearest>,
}

/// Measures for everyone and per quintile, the zones newly outside the threshold, and the
/// cumulative share of the population against minutes.
pub struct Measured {
    pub all: Measures,
    pub quintiles: Vec<Measures>,
    pub newly_outside: Vec<usize>,
    pub curve: Vec<CurvePoint>,
}

/// Points of the access curve are kept where the cumulative share first reaches each step of
/// this many percent, so a national zone list gives at most 201 points per option.
pub const CURVE_STEP_PERCENT: f64 = 0.5;

/// The percentile convention of every median and 90th percentile of journey times, in words for
/// the screen, the command line's JSON and the pack: [`weighted_percentile`] and `percentiles`
/// below compute exactly this.
pub const PERCENTILE_CONVENTION: &str = "Medians and 90th percentiles of journey times are population-weighted and nearest-rank, with no interpolation: the p-th percentile is the shortest zone time t such that the zones whose time is t or less hold at least p% of the population of the zones that reach a site (each zone counted by its population at its centroid's time). So it is always some zone's time; with times 10, 20 and 30 minutes for equal populations the median is 20 and the 90th percentile 30, and with 10 and 20 the median is 10 (exactly half live within 10).";

/// Weighted percentile: the smallest value v such that the weight of values <= v is at least
/// p x the total weight (the lower inverse of the weighted empirical distribution). There is no
/// interpolation, so the answer is always some zone's time. Values 10, 20, 30 weighted 1, 1, 1:
/// the median is 20 (the weight up to 10 is 1/3, up to 20 is 2/3), p90 is 30. Values 10, 20
/// weighted 1, 1: the median is 10, since exactly half the weight is at 10 or less. `values`
/// must be sorted ascending; None when the total weight is zero.
pub fn weighted_percentile(values: &[(f32, f64)], p: f64) -> Option<f64> {
    let total: f64 = values.iter().map(|(_, w)| w).sum();
    if total <= 0.0 {
        return None;
    }
    let target = p * total * (1.0 - REACH_TOLERANCE);
    let mut cum = 0.0;
    for &(v, w) in values {
        cum += w;
        if w > 0.0 && cum >= target {
            return Some(f64::from(v));
        }
    }
    values.last().map(|(v, _)| f64::from(*v))
}

#[derive(Default, Clone, Copy)]
struct Sums {
    zones: usize,
    population: f64,
    reached: f64,
    time: f64,
    within: f64,
    zones_outside: usize,
    population_outside: f64,
    changed: f64,
    change: f64,
    worse: f64,
    estimated: f64,
    change_estimated: f64,
}

impl Sums {
    fn plus(self, o: &Sums) -> Sums {
        Sums {
            zones: self.zones + o.zones,
            population: self.population + o.population,
            reached: self.reached + o.reached,
            time: self.time + o.time,
            within: self.within + o.within,
            zones_outside: self.zones_outside + o.zones_outside,
            population_outside: self.population_outside + o.population_outside,
            changed: self.changed + o.changed,
            change: self.change + o.change,
            worse: self.worse + o.worse,
            estimated: self.estimated + o.estimated,
            change_estimated: self.change_estimated + o.change_estimated,
        }
    }
}

/// Sorts keys by their high 32 bits, stably: a least-significant-digit radix sort in three
/// passes of 11 bits, several times faster than a comparison sort on a national zone list
/// (the percentiles sort every option's zones for every service and mode).
fn sort_by_high_half(keys: &mut Vec<u64>) {
    const BITS: u32 = 11;
    const BUCKETS: usize = 1 << BITS;
    let mut spare = vec![0u64; keys.len()];
    for shift in [32, 32 + BITS, 32 + 2 * BITS] {
        let digit = |k: u64| ((k >> shift) as usize) & (BUCKETS - 1);
        let mut starts = [0usize; BUCKETS];
        for &k in keys.iter() {
            starts[digit(k)] += 1;
        }
        let mut sum = 0;
        for s in starts.iter_mut() {
            let n = *s;
            *s = sum;
            sum += n;
        }
        for &k in keys.iter() {
            let d = digit(k);
            spare[starts[d]] = k;
            starts[d] += 1;
        }
        std::mem::swap(keys, &mut spare);
    }
}

/// Measures `option` over `zones`: group 0 is everyone, groups 1-5 the quintiles.
pub fn measure(zones: &Zones, option: &Nearest, against: &Against) -> Measured {
    let mut sums = [Sums::default(); QUINTILES + 1];
    let mut newly_outside = Vec::new();
    let threshold = against.threshold.map(|t| t as f32);
    for (z, (&t, &w)) in option.times.iter().zip(zones.population).enumerate() {
        let q = usize::from(zones.quintile[z]);
        let base = against.baseline.map(|b| (b.times[z], b.estimated[z]));
        let within = threshold.is_some_and(|th| t <= th);
        // Quintiles only; everyone's sums are theirs added up, after the loop.
        let s = &mut sums[q];
        s.zones += 1;
        s.population += w;
        if !t.is_nan() {
            s.reached += w;
            s.time += w * f64::from(t);
            if option.estimated[z] {
                s.estimated += w;
            }
        }
        if within {
            s.within += w;
        } else {
            s.zones_outside += 1;
            s.population_outside += w;
        }
        if let Some((b, b_estimated)) = base
            && !b.is_nan()
            && !t.is_nan()
        {
            let change = f64::from(t) - f64::from(b);
            s.changed += w;
            s.change += w * change;
            if change > against.increase_minutes {
                s.worse += w;
            }
            if option.estimated[z] || b_estimated {
                s.change_estimated += w;
            }
        }
        if let (Some(th), Some((b, _))) = (threshold, base)
            && !within
            && b <= th
        {
            newly_outside.push(z);
        }
    }
    let total = sums[1..].iter().fold(Sums::default(), |a, b| a.plus(b));
    sums[0] = total;
    let order = sorted_by_time(zones, option);
    let percentiles = percentiles(zones, option, &order);
    let curve = access_curve(zones, option, &order);
    let has_base = against.baseline.is_some();
    let has_threshold = against.threshold.is_some();
    let share = |part: f64, whole: f64| (whole > 0.0).then(|| part / whole * 100.0);
    let build = |g: usize| {
        let s = &sums[g];
        Measures {
            quintile: (g > 0).then_some(g as u8),
            zones: s.zones,
            population: s.population,
            unreached_population: s.population - s.reached,
            mean: (s.reached > 0.0).then(|| s.time / s.reached),
            median: percentiles[g].0,
            p90: percentiles[g].1,
            population_within: has_threshold.then_some(s.within),
            share_within: if has_threshold {
                share(s.within, s.population)
            } else {
                None
            },
            zones_outside: has_threshold.then_some(s.zones_outside),
            population_outside: has_threshold.then_some(s.population_outside),
            mean_change: (has_base && s.changed > 0.0).then(|| s.change / s.changed),
            people_worse: has_base.then_some(s.worse),
            estimated_population: s.estimated,
            estimated_share: share(s.estimated, s.population),
            change_estimated_population: has_base.then_some(s.change_estimated),
        }
    };
    Measured {
        all: build(0),
        quintiles: (1..=QUINTILES).map(build).collect(),
        newly_outside,
        curve,
    }
}

/// The reached, populated zones as keys (time bits << 32 | zone) in order of time: one sort
/// serves the percentiles and the access curve.
fn sorted_by_time(zones: &Zones, option: &Nearest) -> Vec<u64> {
    // Non-negative f32 order is the order of their bits; + 0.0 turns -0.0 into 0.0.
    let mut order: Vec<u64> = option
        .times
        .iter()
        .enumerate()
        .filter(|(z, t)| !t.is_nan() && zones.population[*z] > 0.0)
        .map(|(z, &t)| (u64::from((t + 0.0).to_bits()) << 32) | z as u64)
        .collect();
    sort_by_high_half(&mut order);
    order
}

fn zone_of(key: u64) -> usize {
    (key & 0xFFFF_FFFF) as usize
}

/// The cumulative share (%) of everyone's population living within each time: the steps of
/// the population-weighted distribution of journey times, at the last zone of each time, kept
/// where the share first reaches each [`CURVE_STEP_PERCENT`] step (and at the end). The share
/// is of the whole population, so the curve tops out below 100% when some zones are unreached.
fn access_curve(zones: &Zones, option: &Nearest, order: &[u64]) -> Vec<CurvePoint> {
    let total: f64 = zones.population.iter().filter(|w| **w > 0.0).sum();
    if total <= 0.0 {
        return Vec::new();
    }
    let mut curve = Vec::new();
    let mut cum = 0.0;
    let mut next_step = 0.0;
    for (i, &key) in order.iter().enumerate() {
        cum += zones.population[zone_of(key)];
        let last_of_time = order.get(i + 1).is_none_or(|k| k >> 32 != key >> 32);
        let share = cum / total * 100.0;
        if last_of_time && (share >= next_step || i + 1 == order.len()) {
            curve.push(CurvePoint {
                minutes: f64::from(option.times[zone_of(key)]),
                share,
            });
            next_step =
                (share / CURVE_STEP_PERCENT).floor() * CURVE_STEP_PERCENT + CURVE_STEP_PERCENT;
        }
    }
    curve
}

/// Median and 90th percentile per group (0 = everyone, 1-5 quintiles), from the zones in
/// order of time; the same convention as [`weighted_percentile`].
fn percentiles(
    zones: &Zones,
    option: &Nearest,
    order: &[u64],
) -> [(Option<f64>, Option<f64>); QUINTILES + 1] {
    let zone = zone_of;
    let mut total = [0.0f64; QUINTILES + 1];
    for &key in order {
        let z = zone(key);
        let w = zones.population[z];
        total[0] += w;
        total[usize::from(zones.quintile[z])] += w;
    }
    let mut out = [(None, None); QUINTILES + 1];
    let mut cum = [0.0f64; QUINTILES + 1];
    for &key in order {
        let z = zone(key);
        let t = f64::from(option.times[z]);
        for g in [0, usize::from(zones.quintile[z])] {
            cum[g] += zones.population[z];
            let (median, p90) = &mut out[g];
            if median.is_none() && cum[g] >= 0.5 * total[g] * (1.0 - REACH_TOLERANCE) {
                *median = Some(t);
            }
            if p90.is_none() && cum[g] >= 0.9 * total[g] * (1.0 - REACH_TOLERANCE) {
                *p90 = Some(t);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn radix_sort_orders_by_the_high_half() {
        let mut rng = 12345u64;
        let mut keys: Vec<u64> = (0..5000u64)
            .map(|i| {
                rng = rng.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                let t = f32::from_bits((rng >> 40) as u32 | 0x4000_0000) % 500.0;
                (u64::from(t.to_bits()) << 32) | i
            })
            .collect();
        let mut want = keys.clone();
        want.sort_by_key(|k| (k >> 32, k & 0xFFFF_FFFF));
        sort_by_high_half(&mut keys);
        assert_eq!(keys, want);
    }

    #[test]
    fn weighted_percentile_convention() {
        let three = [(10.0, 1.0), (20.0, 1.0), (30.0, 1.0)];
        assert_eq!(weighted_percentile(&three, 0.5), Some(20.0));
        assert_eq!(weighted_percentile(&three, 0.9), Some(30.0));
        assert_eq!(
            weighted_percentile(&[(10.0, 1.0), (20.0, 1.0)], 0.5),
            Some(10.0)
        );
        // Weight moves the median: 90 people at 10 minutes, 10 at 60.
        let skewed = [(10.0, 90.0), (60.0, 10.0)];
        assert_eq!(weighted_percentile(&skewed, 0.5), Some(10.0));
        assert_eq!(weighted_percentile(&skewed, 0.9), Some(10.0));
        assert_eq!(weighted_percentile(&skewed, 0.91), Some(60.0));
        // Ten equal weights: p90 is the ninth value, exactly at 90% of the weight.
        let ten: Vec<(f32, f64)> = (1..=10).map(|v| (v as f32, 0.1)).collect();
        assert_eq!(weighted_percentile(&ten, 0.9), Some(9.0));
        assert_eq!(weighted_percentile(&[], 0.5), None);
    }

    /// The grouped percentiles of `measure` follow the same convention as the function.
    #[test]
    fn grouped_percentiles_match_the_function() {
        let population: Vec<f64> = (0..40).map(|i| f64::from(i % 7 + 1) * 10.0).collect();
        let quintile: Vec<u8> = (0..40).map(|i| (i % 5 + 1) as u8).collect();
        let times: Vec<f32> = (0..40).map(|i| ((i * 37) % 41) as f32 * 1.5).collect();
        let option = Nearest {
            estimated: vec![false; 40],
            times: times.clone(),
            site: vec![0; 40],
        };
        let zones = Zones {
            population: &population,
            quintile: &quintile,
        };
        let got = measure(
            &zones,
            &option,
            &Against {
                threshold: Some(30.0),
                increase_minutes: 15.0,
                baseline: None,
            },
        );
        for m in std::iter::once(&got.all).chain(&got.quintiles) {
            let mut values: Vec<(f32, f64)> = (0..40)
                .filter(|&z| m.quintile.is_none_or(|q| quintile[z] == q))
                .map(|z| (times[z], population[z]))
                .collect();
            values.sort_by(|a, b| a.0.total_cmp(&b.0));
            assert_eq!(m.median, weighted_percentile(&values, 0.5), "{m:?}");
            assert_eq!(m.p90, weighted_percentile(&values, 0.9), "{m:?}");
        }
    }

    /// Four zones of 100, 300, 400 and 200 people at 20, 10, 20 and no time: the curve steps at
    /// 10 minutes to 30% and at 20 minutes to 80% (both 20-minute zones at once), and tops out
    /// at 80% because the last zone is unreached.
    #[test]
    fn the_access_curve_steps_through_each_time_once() {
        let population = [100.0, 300.0, 400.0, 200.0];
        let zones = Zones {
            population: &population,
            quintile: &[1, 2, 3, 4],
        };
        let option = Nearest {
            times: vec![20.0, 10.0, 20.0, f32::NAN],
            estimated: vec![false; 4],
            site: vec![0, 0, 0, super::super::nearest::NO_SITE],
        };
        let got = measure(
            &zones,
            &option,
            &Against {
                threshold: None,
                increase_minutes: 15.0,
                baseline: None,
            },
        );
        assert_eq!(
            got.curve,
            vec![
                CurvePoint {
                    minutes: 10.0,
                    share: 30.0
                },
                CurvePoint {
                    minutes: 20.0,
                    share: 80.0
                },
            ]
        );
    }

    /// Ten thousand equal zones at distinct times keep one point per half percent, ending at 100%.
    #[test]
    fn the_access_curve_of_many_zones_is_thinned_to_half_percent_steps() {
        let n = 10_000;
        let population = vec![1.0; n];
        let quintile = vec![1u8; n];
        let option = Nearest {
            times: (0..n).map(|i| i as f32 * 0.01).collect(),
            estimated: vec![false; n],
            site: vec![0; n],
        };
        let zones = Zones {
            population: &population,
            quintile: &quintile,
        };
        let got = measure(
            &zones,
            &option,
            &Against {
                threshold: None,
                increase_minutes: 15.0,
                baseline: None,
            },
        );
        assert_eq!(got.curve.len(), 201);
        assert_eq!(got.curve[0].share, 0.01);
        assert!((got.curve[1].share - 0.5).abs() < 1e-9);
        let last = got.curve[200];
        assert!((last.share - 100.0).abs() < 1e-9);
        assert!((last.minutes - 99.99).abs() < 1e-3);
        assert!(got.curve.windows(2).all(|w| w[0].minutes < w[1].minutes));
    }
}
