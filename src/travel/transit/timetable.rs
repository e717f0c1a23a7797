//! The timetable index RAPTOR scans: the trips running on one date, from every feed, grouped
//! into routes in the RAPTOR sense (trips calling at the same stops in the same order, none
//! overtaking another), each route's times in one flat trip-major array.
//!
//! Times are seconds from midnight of the date. A trip of the day before whose times run past
//! midnight (25:10:00) runs on the date 24 h earlier (01:10:00); a trip of the date itself may
//! run past 24:00:00. A trip in frequencies.txt runs once per headway, its stop times shifted so
//! its first departure is each start (GTFS: its own times only give the gaps).

use std::collections::HashMap;

use super::calendar::Day;
use super::feed::Feed;

const DAY: i32 = 86_400;

/// The trips running on one date, indexed for RAPTOR.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Timetable {
    /// Each stop's latitude and longitude, every feed's stops one after another.
    pub stops: Vec<(f64, f64)>,
    /// Each stop's id, prefixed with its feed's number (`1:` for the first feed) so ids from
    /// different feeds never meet.
    pub stop_ids: Vec<String>,
    /// Route `r`'s stops are `route_stops[route_start[r]..route_start[r + 1]]`.
    pub route_start: Vec<u32>,
    pub route_stops: Vec<u32>,
    /// Route `r`'s trips, in order, count `route_trips[r]`; trip `t`'s time at the route's
    /// `i`th stop is at `times_start[r] + t * stops + i` in `arrivals` and `departures`.
    pub route_trips: Vec<u32>,
    pub times_start: Vec<u32>,
    pub arrivals: Vec<i32>,
    pub departures: Vec<i32>,
    /// The routes calling at stop `s`, with the stop's place on each:
    /// `stop_routes[stop_routes_start[s]..stop_routes_start[s + 1]]`.
    pub stop_routes_start: Vec<u32>,
    pub stop_routes: Vec<(u32, u32)>,
    /// transfers.txt changes allowed, between global stops, with their minimum seconds.
    pub transfers: Vec<(u32, u32, Option<i32>)>,
    /// Trips running (each frequency departure counted) and their stop times.
    pub trips: usize,
    pub stop_times: usize,
}

impl Timetable {
    pub fn routes(&self) -> usize {
        self.route_trips.len()
    }

    pub fn stops_of(&self, r: usize) -> &[u32] {
        &self.route_stops[self.route_start[r] as usize..self.route_start[r + 1] as usize]
    }

    /// Where trip `t` of route `r` is at its `i`th stop in the times arrays.
    pub fn at(&self, r: usize, t: usize, i: usize) -> usize {
        let n = (self.route_start[r + 1] - self.route_start[r]) as usize;
        self.times_start[r] as usize + t * n + i
    }

    pub fn routes_at(&self, s: usize) -> &[(u32, u32)] {
        &self.stop_routes
            [self.stop_routes_start[s] as usize..self.stop_routes_start[s + 1] as usize]
    }

    /// The trips running on `day` in `feeds`.
    pub fn build(feeds: &[Feed], day: Day) -> Timetable {
        let mut tt = Timetable::default();
        // Each running trip: its stops, and (feed, trip, shift in seconds).
        let mut groups: HashMap<Vec<u32>, Vec<(usize, usize, i32)>> = HashMap::new();
        for (f, feed) in feeds.iter().enumerate() {
            let base = tt.stops.len() as u32;
            for s in &feed.stops {
                tt.stops.push((s.lat, s.lon));
                tt.stop_ids.push(format!("{}:{}", f + 1, s.id));
            }
            for t in &feed.transfers {
                tt.transfers.push((base + t.from, base + t.to, t.seconds));
            }
            let mut frequencies: HashMap<usize, Vec<(i32, i32, i32)>> = HashMap::new();
            for q in &feed.frequencies {
                frequencies
                    .entry(q.trip)
                    .or_default()
                    .push((q.start, q.end, q.headway));
            }
            for (date_shift, on) in [
                (0, feed.calendar.services_on(day)),
                (-DAY, feed.calendar.services_on(Day(day.0 - 1))),
            ] {
                for (t, trip) in feed.trips.iter().enumerate() {
                    let (Some(first), Some(last)) = (trip.calls.first(), trip.calls.last()) else {
                        continue;
                    };
                    if !on.contains(&trip.service) {
                        continue;
                    }
                    let shifts: Vec<i32> = match frequencies.get(&t) {
                        Some(rows) => rows
                            .iter()
                            .flat_map(|&(start, end, headway)| {
                                (0..)
                                    .map(move |k| start + k * headway)
                                    .take_while(move |d| *d < end)
                            })
                            .map(|d| d - first.departure)
                            .collect(),
                        None => vec![0],
                    };
                    let key: Vec<u32> = trip.calls.iter().map(|c| base + c.stop).collect();
                    for shift in shifts {
                        // The day before's trips matter only once they run past midnight.
                        if date_shift < 0 && last.arrival + shift + date_shift < 0 {
                            continue;
                        }
                        groups
                            .entry(key.clone())
                            .or_default()
                            .push((f, t, shift + date_shift));
                    }
                }
            }
        }
        // Routes in a fixed order (by their stops), so the same feed gives the same index.
        let mut keys: Vec<&Vec<u32>> = groups.keys().collect();
        keys.sort();
        tt.route_start.push(0);
        for key in keys {
            let Some(runs) = groups.get(key) else {
                continue;
            };
            let n = key.len();
            let times = |&(f, t, shift): &(usize, usize, i32)| -> Vec<(i32, i32)> {
                feeds[f].trips[t]
                    .calls
                    .iter()
                    .map(|c| (c.arrival + shift, c.departure + shift))
                    .collect()
            };
            let mut runs: Vec<Vec<(i32, i32)>> = runs.iter().map(times).collect();
            runs.sort();
            // Split into routes whose trips never overtake: each trip joins the first route
            // whose latest trip is no later at any stop.
            let mut split: Vec<Vec<Vec<(i32, i32)>>> = Vec::new();
            for run in runs {
                let fits = split.iter_mut().find(|r| {
                    r.last().is_some_and(|prev| {
                        prev.iter().zip(&run).all(|(p, q)| p.0 <= q.0 && p.1 <= q.1)
                    })
                });
                match fits {
                    Some(r) => r.push(run),
                    None => split.push(vec![run]),
                }
            }
            for trips in split {
                tt.route_stops.extend_from_slice(key);
                tt.route_start.push(tt.route_stops.len() as u32);
                tt.route_trips.push(trips.len() as u32);
                tt.times_start.push(tt.arrivals.len() as u32);
                tt.trips += trips.len();
                tt.stop_times += trips.len() * n;
                for run in trips {
                    for (a, d) in run {
                        tt.arrivals.push(a);
                        tt.departures.push(d);
                    }
                }
            }
        }
        // Stop -> (route, place) lists.
        let mut count = vec![0u32; tt.stops.len() + 1];
        for &s in &tt.route_stops {
            count[s as usize + 1] += 1;
        }
        for i in 1..count.len() {
            count[i] += count[i - 1];
        }
        tt.stop_routes_start = count.clone();
        tt.stop_routes = vec![(0, 0); tt.route_stops.len()];
        for r in 0..tt.routes() {
            let (a, b) = (tt.route_start[r] as usize, tt.route_start[r + 1] as usize);
            for i in a..b {
                let s = tt.route_stops[i] as usize;
                tt.stop_routes[count[s] as usize] = (r as u32, (i - a) as u32);
                count[s] += 1;
            }
        }
        tt
    }

    /// Whether any trip departs a stop at a time in `[from, to)`.
    pub fn departs_within(&self, from: i32, to: i32) -> bool {
        (0..self.routes()).any(|r| {
            let n = self.stops_of(r).len();
            (0..self.route_trips[r] as usize).any(|t| {
                (0..n.saturating_sub(1)).any(|i| {
                    let d = self.departures[self.at(r, t, i)];
                    from <= d && d < to
                })
            })
        })
    }
}
