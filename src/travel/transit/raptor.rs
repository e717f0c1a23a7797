//! Round-based public transit routing (RAPTOR: Delling, Pajor and Werneck, "Round-Based Public
//! Transit Routing", 2012), run backwards from one site over a range of arrival times.
//!
//! Written here rather than taken from a crate: the crates found (e.g. `vulture`) answer one
//! origin-destination query with its journeys, while the matrix needs, from one site, every
//! zone's latest departure for every arrival time: an all-stops label table, which is what
//! RAPTOR's rounds hold and what these crates do not hand out.
//!
//! Backwards: round `k`'s label at a stop is the latest time one can be there and still reach
//! the site by the arrival time `T` with `k` vehicles. Round 0 is the walk from each stop near
//! the site. Round `k` scans, last stop first, every route through a stop whose round `k - 1`
//! label improved: a trip can be left at a stop it arrives at by that label, and boarded at any
//! earlier stop of the route at its departure there; then the changes on foot into each stop
//! whose boarding label improved. A zone's latest departure is the best boarding label of a
//! stop it walks to, less the walk.
//!
//! Over the range (rRAPTOR, the paper's section 4): arrival times are the moments a trip reaches
//! a stop near the site plus the walk from it, taken earliest first; labels are kept from one
//! arrival time to the next (whatever reached the site by an earlier time also does by a later
//! one), so each run only spreads what the later arrival improves. Each zone's profile, the
//! pairs (latest departure, arrival time) at which its latest departure improved, gives its
//! earliest arrival for any departure time. Labels are kept per round (per number of vehicles),
//! so a limit on changes holds across arrival times; a label is dropped when one with as many
//! vehicles or fewer is no earlier.

use super::timetable::Timetable;

const NONE: i32 = i32::MIN;

/// Lists by stop: `list[start[s]..start[s + 1]]`, each `(other, seconds)`.
pub struct ByStop<'a> {
    pub start: &'a [u32],
    pub list: &'a [(u32, i32)],
}

impl ByStop<'_> {
    fn of(&self, s: usize) -> &[(u32, i32)] {
        &self.list[self.start[s] as usize..self.start[s + 1] as usize]
    }
}

/// Each zone's profile to one site: `(latest departure, arrival)` pairs, both rising.
pub type Profiles = Vec<Vec<(i32, i32)>>;

/// What one site's search needs besides the timetable.
pub struct Search<'a> {
    pub timetable: &'a Timetable,
    /// Changes on foot ending at each stop: `(from stop, seconds)`.
    pub changes_into: ByStop<'a>,
    /// Zones walking to each stop: `(zone, seconds)`.
    pub zones_at: ByStop<'a>,
    pub zones: usize,
    /// At most this many vehicles in a journey (changes + 1).
    pub vehicles: usize,
}

impl Search<'_> {
    /// The arrival times at the site from stops `egress` (`(stop, seconds walking to the
    /// site)`) within `[from, to]`, earliest first.
    pub fn arrivals(&self, egress: &[(u32, i32)], from: i32, to: i32) -> Vec<i32> {
        let tt = self.timetable;
        let mut out = Vec::new();
        for &(s, walk) in egress {
            for &(r, i) in tt.routes_at(s as usize) {
                if i == 0 {
                    continue;
                }
                let (r, i) = (r as usize, i as usize);
                for t in 0..tt.route_trips[r] as usize {
                    let at = tt.arrivals[tt.at(r, t, i)] + walk;
                    if from <= at && at <= to {
                        out.push(at);
                    }
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Every zone's profile to the site reached on foot from `egress`, for arrivals in
    /// `[from, to]`.
    pub fn profiles(&self, egress: &[(u32, i32)], from: i32, to: i32) -> Profiles {
        let tt = self.timetable;
        let n = tt.stops.len();
        let rounds = self.vehicles;
        // a[k][s]: latest time at s (having left a vehicle, or about to walk to the site)
        // reaching the site with k more vehicles; b[k][s]: latest boarding at s with k
        // vehicles. Both kept from one arrival time to the next.
        let mut a = vec![vec![NONE; n]; rounds + 1];
        let mut b = vec![vec![NONE; n]; rounds + 1];
        let mut latest = vec![NONE; self.zones];
        let mut profiles: Profiles = vec![Vec::new(); self.zones];
        let mut marked: Vec<u32> = Vec::new();
        let mut is_marked = vec![false; n];
        let mut route_from: Vec<i64> = vec![-1; tt.routes()];
        let mut routes: Vec<u32> = Vec::new();
        let mut improved: Vec<u32> = Vec::new();
        let mut is_improved = vec![false; n];
        // A label no later than one with as many vehicles or fewer adds nothing.
        let beaten = |labels: &[Vec<i32>], upto: usize, s: usize, v: i32| {
            labels[..=upto].iter().any(|l| l[s] >= v)
        };
        for arrival in self.arrivals(egress, from, to) {
            for &(s, walk) in egress {
                let v = arrival - walk;
                let s = s as usize;
                if v > a[0][s] {
                    a[0][s] = v;
                    if !is_marked[s] {
                        is_marked[s] = true;
                        marked.push(s as u32);
                    }
                }
            }
            for k in 1..=rounds {
                if marked.is_empty() {
                    break;
                }
                for &p in &marked {
                    is_marked[p as usize] = false;
                    for &(r, i) in tt.routes_at(p as usize) {
                        let r = r as usize;
                        if route_from[r] < 0 {
                            routes.push(r as u32);
                        }
                        route_from[r] = route_from[r].max(i64::from(i));
                    }
                }
                marked.clear();
                for &r in &routes {
                    let r = r as usize;
                    let last = route_from[r];
                    route_from[r] = -1;
                    let stops = tt.stops_of(r);
                    let trips = tt.route_trips[r] as usize;
                    let mut trip: Option<usize> = None;
                    for i in (0..=last as usize).rev() {
                        let p = stops[i] as usize;
                        if let Some(t) = trip {
                            let d = tt.departures[tt.at(r, t, i)];
                            if !beaten(&b[1..], k - 1, p, d) {
                                b[k][p] = d;
                                if !is_improved[p] {
                                    is_improved[p] = true;
                                    improved.push(p as u32);
                                }
                                for &(z, walk) in self.zones_at.of(p) {
                                    let z = z as usize;
                                    let leave = d - walk;
                                    if leave > latest[z] {
                                        latest[z] = leave;
                                        profiles[z].push((leave, arrival));
                                    }
                                }
                            }
                        }
                        let by = a[k - 1][p];
                        if i == 0 || by == NONE {
                            continue;
                        }
                        // The latest trip arriving at p by `by`, if later than the one held.
                        let first = trip.map_or(0, |t| t + 1);
                        if first >= trips || tt.arrivals[tt.at(r, first, i)] > by {
                            continue;
                        }
                        let (mut lo, mut hi) = (first, trips);
                        while hi - lo > 1 {
                            let mid = (lo + hi) / 2;
                            if tt.arrivals[tt.at(r, mid, i)] <= by {
                                lo = mid;
                            } else {
                                hi = mid;
                            }
                        }
                        trip = Some(lo);
                    }
                }
                routes.clear();
                // Changes: stay at the stop, or walk to it from another.
                for &p in &improved {
                    let p = p as usize;
                    is_improved[p] = false;
                    let d = b[k][p];
                    let changes = std::iter::once((p as u32, 0))
                        .chain(self.changes_into.of(p).iter().copied());
                    for (q, walk) in changes {
                        let (q, v) = (q as usize, d - walk);
                        if !beaten(&a, k, q, v) {
                            a[k][q] = v;
                            if !is_marked[q] {
                                is_marked[q] = true;
                                marked.push(q as u32);
                            }
                        }
                    }
                }
                improved.clear();
            }
            for &p in &marked {
                is_marked[p as usize] = false;
            }
            marked.clear();
        }
        profiles
    }
}
