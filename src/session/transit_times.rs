//! Public transport times computed in the window from GTFS timetables: the work of
//! [`transit::compute`] (what `appraise transit` stores) run on a copy of the open appraisal's
//! places and settings, with its progress (reading the feeds, then sites searched of sites
//! planned) shown and a cancel honoured; the window then applies the new matrix as one
//! undoable edit.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::site_progress::SiteProgress;
use crate::model::{Appraisal, TransitFeed};
use crate::travel::transit::{self, ComputeError, Computed, TransitError, calendar, window};

/// What the window asks for: the feeds, the date and the window of departure times.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct TransitRequest {
    /// GTFS feeds: zips or folders of .txt files; blank entries are left out.
    pub feeds: Vec<String>,
    /// YYYY-MM-DD.
    pub date: String,
    /// HH:MM-HH:MM, such as 07:00-09:00.
    pub window: String,
}

#[derive(Debug, thiserror::Error)]
pub enum TransitTimesError {
    #[error("Cancelled; nothing was changed.")]
    Cancelled,
    #[error("public transport times are already being computed: wait for them, or cancel them")]
    Busy,
    #[error(
        "choose a GTFS feed (a .zip, or a folder of its .txt files) to compute the public transport times from"
    )]
    NoFeeds,
    #[error(
        "enter the date to compute the public transport times for, as YYYY-MM-DD (a day within the feeds' calendars)"
    )]
    NoDate,
    #[error("enter the window of departure times, such as 07:00-09:00")]
    NoWindow,
    #[error(
        "the appraisal changed while the public transport times were computed; nothing was changed: compute them again"
    )]
    Stale,
    #[error("the date: {0}")]
    Date(calendar::CalendarError),
    #[error("the {0}")]
    Window(window::WindowError),
    #[error("{0}; nothing was changed")]
    Transit(TransitError),
}

/// What the window shows once the times are in place.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct TransitTimesDone {
    /// The feeds as read, as the matrix's basis names them.
    pub feeds: Vec<TransitFeed>,
    /// YYYY-MM-DD.
    pub date: String,
    /// HH:MM-HH:MM.
    pub window: String,
    pub zones: usize,
    pub sites: usize,
    /// Zone x site cells given a public transport time.
    pub cells: usize,
    /// Routes (trips calling at the same stops in order) and trips running on the date.
    pub routes: usize,
    pub trips: usize,
    /// Zones and sites with no position, so no public transport time.
    pub unplaced: Vec<String>,
    /// Wall-clock seconds: reading the feeds and routing.
    pub seconds: f64,
    /// False when the matrix already held exactly these times: nothing changed.
    pub changed: bool,
}

impl TransitTimesDone {
    /// What `c` holds; `changed` until it is found to be no change.
    pub(super) fn of(c: &Computed) -> TransitTimesDone {
        let r = &c.report;
        TransitTimesDone {
            feeds: r.feeds.clone(),
            date: r.date.clone(),
            window: r.window.clone(),
            zones: r.zones,
            sites: r.sites,
            cells: r.cells,
            routes: r.routes,
            trips: r.trips,
            unplaced: r.unplaced.clone(),
            seconds: r.seconds,
            changed: true,
        }
    }

    /// The label of the undo step: "public transport times from buses.zip and trams.zip".
    pub(super) fn label(&self) -> String {
        let names: Vec<&str> = self.feeds.iter().map(|f| f.file.as_str()).collect();
        let list = match names.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
            _ => names.concat(),
        };
        format!("public transport times from {list}")
    }
}

/// What [`compute`] reads of `a`: its zones, sites, settings, travel matrix (whose other
/// modes the new one keeps) and services (whose public-transport thresholds the reliability
/// is stored for), so the open document stays free while the work runs.
pub fn inputs_of(a: &Appraisal) -> Appraisal {
    let mut inputs = Appraisal::new(&a.meta.title);
    inputs.zones = a.zones.clone();
    inputs.sites = a.sites.clone();
    inputs.settings = a.settings.clone();
    inputs.travel_matrix = a.travel_matrix.clone();
    inputs.services = a.services.clone();
    inputs
}

/// The feeds named, blank entries left out.
fn feeds_of(request: &TransitRequest) -> Vec<PathBuf> {
    request
        .feeds
        .iter()
        .map(|f| f.trim())
        .filter(|f| !f.is_empty())
        .map(PathBuf::from)
        .collect()
}

/// Refuses a request that names no feed, or has no date or window, or a date or window that
/// cannot be read: before the feeds are read, which may take a while.
fn checked(request: &TransitRequest) -> Result<Vec<PathBuf>, TransitTimesError> {
    let feeds = feeds_of(request);
    if feeds.is_empty() {
        return Err(TransitTimesError::NoFeeds);
    }
    let (date, window) = (request.date.trim(), request.window.trim());
    if date.is_empty() {
        return Err(TransitTimesError::NoDate);
    }
    if window.is_empty() {
        return Err(TransitTimesError::NoWindow);
    }
    calendar::Day::parse(date).map_err(TransitTimesError::Date)?;
    window::Window::parse(window).map_err(TransitTimesError::Window)?;
    Ok(feeds)
}

/// Every zone's public transport time to every site of `a` from the feeds, date and window
/// of `request`, under `a`'s public transport settings, reporting through `progress`: the
/// matrix to put in place and its audit source. Refused while another computation runs; a
/// cancel, even one that comes as the work ends, gives [`TransitTimesError::Cancelled`].
pub fn compute(
    a: &Appraisal,
    request: &TransitRequest,
    progress: &SiteProgress,
) -> Result<Computed, TransitTimesError> {
    let feeds = checked(request)?;
    let _running = progress.begin().ok_or(TransitTimesError::Busy)?;
    let computed = transit::compute(
        a,
        &feeds,
        request.date.trim(),
        request.window.trim(),
        &a.settings.transit,
        &|done, planned| progress.report(done, planned),
        progress.cancel_flag(),
    );
    match computed {
        _ if progress.cancelled() => Err(TransitTimesError::Cancelled),
        Err(TransitError::Compute(ComputeError::Cancelled)) => Err(TransitTimesError::Cancelled),
        Err(TransitError::Date(e)) => Err(TransitTimesError::Date(e)),
        Err(TransitError::Window(e)) => Err(TransitTimesError::Window(e)),
        Err(e) => Err(TransitTimesError::Transit(e)),
        Ok(c) => Ok(c),
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::sync::Arc;
    use std::time::{Duration, Instant};

    use super::*;
    use crate::model::{TravelMatrix, TravelMode};
    use crate::session::{Dirs, Session, SiteProgressView, Source};
    use crate::store;

    /// Wednesday, within the feeds' calendar (all of 2026).
    const DATE: &str = "2026-12-02";

    /// A folder feed `name` in `dir`: one agency and route, every day of 2026, and `files`.
    fn feed(dir: &Path, name: &str, files: &[(&str, String)]) -> String {
        let path = dir.join(name);
        std::fs::create_dir_all(&path).unwrap();
        let common = [
            (
                "agency.txt",
                "agency_id,agency_name,agency_url,agency_timezone\nA,Buses,https://example.org,Europe/London\n".to_owned(),
            ),
            (
                "routes.txt",
                "route_id,agency_id,route_short_name,route_type\nR,A,1,3\n".to_owned(),
            ),
            (
                "calendar.txt",
                "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\nDAILY,1,1,1,1,1,1,1,20260101,20261231\n".to_owned(),
            ),
        ];
        for (n, text) in common.iter().chain(files) {
            std::fs::write(path.join(n), text).unwrap();
        }
        path.display().to_string()
    }

    /// A bus from the demo's Stafford zone (52.806, -2.117) to County Hospital, Stafford
    /// (52.823, -2.131), 20 minutes, every 10 minutes from 06:00 while before 10:00. Over
    /// 07:00-09:00 a departure minute waits 0 to 9 minutes, twelve minutes each; the lower
    /// middle of the 120 sorted times is a wait of 4: a median of 24 minutes.
    fn stafford_files() -> Vec<(&'static str, String)> {
        vec![
            (
                "stops.txt",
                "stop_id,stop_name,stop_lat,stop_lon\nZS,Stafford,52.806,-2.117\nSS,County Hospital,52.823,-2.131\n".to_owned(),
            ),
            ("trips.txt", "route_id,service_id,trip_id\nR,DAILY,F\n".to_owned()),
            (
                "stop_times.txt",
                "trip_id,arrival_time,departure_time,stop_id,stop_sequence\nF,00:00:00,00:00:00,ZS,1\nF,00:20:00,00:20:00,SS,2\n".to_owned(),
            ),
            (
                "frequencies.txt",
                "trip_id,start_time,end_time,headway_secs\nF,06:00:00,10:00:00,600\n".to_owned(),
            ),
        ]
    }

    /// `trips` trips of `calls` stops each, far from the demo's places (latitude 51): enough
    /// rows that reading them takes a while.
    fn big_files(trips: usize, calls: usize) -> Vec<(&'static str, String)> {
        let mut stops = String::from("stop_id,stop_name,stop_lat,stop_lon\n");
        for c in 0..calls {
            stops.push_str(&format!("B{c},B{c},51.0,{}\n", -3.0 + 0.01 * c as f64));
        }
        let mut list = String::from("route_id,service_id,trip_id\n");
        let mut times = String::from("trip_id,arrival_time,departure_time,stop_id,stop_sequence\n");
        for t in 0..trips {
            list.push_str(&format!("R,DAILY,T{t}\n"));
            for c in 0..calls {
                let at = 6 * 3600 + (t % 180) * 60 + c * 60;
                let hms = format!("{:02}:{:02}:00", at / 3600, at % 3600 / 60);
                times.push_str(&format!("T{t},{hms},{hms},B{c},{}\n", c + 1));
            }
        }
        vec![
            ("stops.txt", stops),
            ("trips.txt", list),
            ("stop_times.txt", times),
        ]
    }

    fn request(feeds: &[&str], date: &str, window: &str) -> TransitRequest {
        TransitRequest {
            feeds: feeds.iter().map(|f| (*f).to_owned()).collect(),
            date: date.to_owned(),
            window: window.to_owned(),
        }
    }

    /// The demo, saved to a file so its matrix can be read back.
    fn session(dir: &Path) -> Session {
        let s = Session::new(
            Source::Demo,
            Dirs {
                data: dir.join("data"),
                config: dir.join("config"),
            },
        );
        s.save_as(&dir.join("demo.appraisal")).unwrap();
        s
    }

    /// The matrix the session holds, as saving writes it.
    fn saved_matrix(s: &Session, dir: &Path) -> TravelMatrix {
        s.save().unwrap();
        store::open(&dir.join("demo.appraisal"))
            .unwrap()
            .travel_matrix
    }

    #[test]
    fn the_times_are_one_undoable_edit_with_progress_to_every_site() {
        let dir = tempfile::tempdir().unwrap();
        let s = session(dir.path());
        let before = saved_matrix(&s, dir.path());
        let buses = feed(dir.path(), "buses", &stafford_files());
        let state = s.state().unwrap();
        assert_eq!(
            s.transit_times_progress(),
            SiteProgressView {
                done: 0,
                planned: 0,
                running: false,
                reading: false
            }
        );

        let done = s
            .compute_transit_times(&request(&[&buses, " "], DATE, "07:00-09:00"))
            .unwrap();
        assert!(done.changed);
        assert_eq!((done.zones, done.sites), (16, 8));
        assert_eq!(
            (done.date.as_str(), done.window.as_str()),
            (DATE, "07:00-09:00")
        );
        // 06:00 ... 09:50: 24 trips on the one route.
        assert_eq!((done.routes, done.trips), (1, 24));
        assert_eq!(done.feeds.len(), 1);
        let f = &done.feeds[0];
        assert_eq!(f.file, "buses");
        assert_eq!((f.stops, f.trips, f.stop_times), (2, 1, 2));
        assert_eq!(
            (f.valid_from.as_str(), f.valid_to.as_str()),
            ("2026-01-01", "2026-12-31")
        );
        // All 8 demo sites have a position: 8 searches, all done.
        assert_eq!(
            s.transit_times_progress(),
            SiteProgressView {
                done: 8,
                planned: 8,
                running: false,
                reading: false
            }
        );
        let now = s.state().unwrap();
        assert_eq!(now.revision, state.revision + 1, "one change");
        assert!(now.dirty);
        assert_eq!(
            now.undo.as_deref(),
            Some("public transport times from buses")
        );

        let computed = saved_matrix(&s, dir.path());
        let pt = computed.mode_index(TravelMode::PublicTransport).unwrap();
        let zone = |code: &str| computed.zones().iter().position(|z| z == code).unwrap();
        let site = |code: &str| computed.sites().iter().position(|c| c == code).unwrap();
        assert_eq!(computed.column(pt, site("STA"))[zone("Z-STAFFORD")], 24.0);
        assert!(computed.column(pt, site("RSU"))[zone("Z-STAFFORD")].is_nan());
        // The reliability is kept for the demo's public-transport thresholds (60 and 90 min),
        // as the command line keeps it: the window's copy carries the services.
        let basis = computed.transit().expect("a transit basis").basis();
        assert_eq!(basis.thresholds, [60.0, 90.0]);
        let stored: usize = (0..computed.sites().len())
            .map(|c| {
                computed
                    .column(pt, c)
                    .iter()
                    .filter(|m| !m.is_nan())
                    .count()
            })
            .sum();
        assert_eq!(done.cells, stored, "the summary counts the cells stored");
        // Stafford by bus; Cannock walks the 740 m (straight line x 1.3) to Cannock Chase
        // Hospital, within the 800 m walk.
        assert_eq!(done.cells, 2);
        assert!(!computed.column(pt, site("CAN"))[zone("Z-CANNOCK")].is_nan());
        // The save's audit entry names the feed, its SHA-256 and the settings.
        let audit = store::open(&dir.path().join("demo.appraisal"))
            .unwrap()
            .audit;
        let entry: serde_json::Value =
            serde_json::from_str(audit.last().unwrap().new.as_deref().unwrap_or_default()).unwrap();
        let source = entry["source"].as_str().unwrap_or_default();
        assert!(
            source.starts_with(&format!(
                "buses (valid 2026-01-01 to 2026-12-31, SHA-256 {}): public transport times on 2026-12-02, median over departures 07:00-09:00; walks at 4.8 km/h",
                f.sha256
            )),
            "{entry}"
        );
        assert_eq!(entry["added"], 2);

        // Undo puts back the matrix as it was; redo the computed times.
        s.undo().unwrap();
        assert_eq!(saved_matrix(&s, dir.path()), before);
        s.redo().unwrap();
        assert_eq!(saved_matrix(&s, dir.path()), computed);

        // The same times again are no change: no undo step, nothing unsaved.
        let state = s.state().unwrap();
        let again = s
            .compute_transit_times(&request(&[&buses], DATE, "07:00-09:00"))
            .unwrap();
        assert!(!again.changed);
        assert_eq!(s.state().unwrap(), state);
    }

    #[test]
    fn a_cancelled_run_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let s = Arc::new(session(dir.path()));
        let before = saved_matrix(&s, dir.path());
        let buses = feed(dir.path(), "buses", &stafford_files());
        let big = feed(dir.path(), "big", &big_files(2_000, 50));
        let state = s.state().unwrap();
        let running = Arc::clone(&s);
        let asked = request(&[&buses, &big], DATE, "07:00-09:00");
        let job = std::thread::spawn(move || running.compute_transit_times(&asked));
        let started = Instant::now();
        while !s.transit_times_progress().running {
            assert!(started.elapsed() < Duration::from_secs(30), "never started");
            std::thread::yield_now();
        }
        // One run at a time.
        let busy = s
            .compute_transit_times(&request(&[&buses], DATE, "07:00-09:00"))
            .unwrap_err();
        assert_eq!(
            busy.to_string(),
            "public transport times are already being computed: wait for them, or cancel them"
        );
        s.cancel_transit_times();
        let e = job.join().unwrap().unwrap_err();
        assert_eq!(e.to_string(), "Cancelled; nothing was changed.");
        assert_eq!(e.kind(), "import");
        assert_eq!(
            s.state().unwrap(),
            state,
            "revision, unsaved marker, undo as they were"
        );
        assert!(!s.transit_times_progress().running);
        assert_eq!(saved_matrix(&s, dir.path()), before);
        // The next run is not cancelled by the last one's cancel.
        s.compute_transit_times(&request(&[&buses], DATE, "07:00-09:00"))
            .unwrap();
        assert_ne!(saved_matrix(&s, dir.path()), before);
    }

    #[test]
    fn bad_input_is_named_and_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let s = session(dir.path());
        let before = saved_matrix(&s, dir.path());
        let state = s.state().unwrap();
        let buses = feed(dir.path(), "buses", &stafford_files());
        let mut files = stafford_files();
        files.retain(|(n, _)| *n != "stop_times.txt");
        let broken = feed(dir.path(), "broken", &files);
        let refused = |r: TransitRequest| s.compute_transit_times(&r).unwrap_err().to_string();
        let window = "07:00-09:00";
        assert_eq!(
            refused(request(&[" "], DATE, window)),
            "choose a GTFS feed (a .zip, or a folder of its .txt files) to compute the public transport times from"
        );
        assert_eq!(
            refused(request(&[&buses], "", window)),
            "enter the date to compute the public transport times for, as YYYY-MM-DD (a day within the feeds' calendars)"
        );
        assert_eq!(
            refused(request(&[&buses], DATE, " ")),
            "enter the window of departure times, such as 07:00-09:00"
        );
        assert_eq!(
            refused(request(&[&buses], "2/12/2026", window)),
            "the date: \"2/12/2026\" is not a date: expected YYYY-MM-DD"
        );
        assert_eq!(
            refused(request(&[&buses], DATE, "9-7")),
            "the window \"9-7\": expected HH:MM-HH:MM, e.g. 07:00-09:00 (hours up to 47 for times past midnight)"
        );
        assert_eq!(
            refused(request(&[&buses, &broken], DATE, window)),
            format!("{broken}: stop_times.txt: a required file is missing; nothing was changed")
        );
        assert_eq!(
            refused(request(&[&buses], "2027-03-01", window)),
            "2027-03-01 is outside every feed's calendar: buses runs 2026-01-01 to 2026-12-31; nothing was changed"
        );
        let e = refused(request(&[&buses], DATE, "23:00-23:30"));
        assert!(
            e.contains("the window has no service; nothing was changed"),
            "{e}"
        );
        assert!(!s.transit_times_progress().running);
        assert_eq!(s.state().unwrap(), state);
        assert_eq!(saved_matrix(&s, dir.path()), before);
    }

    #[test]
    fn the_undo_step_names_every_feed() {
        let done = |names: &[&str]| TransitTimesDone {
            feeds: names
                .iter()
                .map(|n| TransitFeed {
                    file: (*n).to_owned(),
                    sha256: String::new(),
                    valid_from: String::new(),
                    valid_to: String::new(),
                    stops: 0,
                    trips: 0,
                    stop_times: 0,
                })
                .collect(),
            date: DATE.to_owned(),
            window: "07:00-09:00".to_owned(),
            zones: 0,
            sites: 0,
            cells: 0,
            routes: 0,
            trips: 0,
            unplaced: Vec::new(),
            seconds: 0.0,
            changed: true,
        };
        assert_eq!(
            done(&["a.zip"]).label(),
            "public transport times from a.zip"
        );
        assert_eq!(
            done(&["a.zip", "b.zip", "c"]).label(),
            "public transport times from a.zip, b.zip and c"
        );
    }
}
