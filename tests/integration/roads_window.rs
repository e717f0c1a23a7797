//! Road times computed from the window, through the session the desktop shell calls, on the
//! Helsinki extract: the same minutes as `appraise roads`, one undoable edit, cancel and bad
//! input leaving the document as it was, settings refused beside their field.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use appraise::model::{TravelMatrix, TravelMode};
use appraise::session::{Dirs, Edit, RoadSetting, Session, SessionError, Source};
use appraise::store;

use crate::roads::{PLACES, appraise, helsinki, site, with_trust, zone};
use crate::util::{Dir, sha256};

/// Four zones and two sites in central Helsinki, with a car time of 30 minutes and a public
/// transport time of 40 in every cell of its matrix (what the road times replace or keep).
fn helsinki_appraisal(dir: &Dir) -> (PathBuf, TravelMatrix) {
    let mut a = with_trust("Helsinki");
    a.zones = PLACES.iter().map(|(c, la, lo)| zone(c, *la, *lo)).collect();
    a.sites = PLACES[..2]
        .iter()
        .map(|(c, la, lo)| site(c, *la, *lo))
        .collect();
    let mut minutes = vec![30.0; 8];
    minutes.extend([40.0; 8]);
    a.travel_matrix = TravelMatrix::new(
        PLACES.iter().map(|p| p.0.to_owned()).collect(),
        PLACES[..2].iter().map(|p| p.0.to_owned()).collect(),
        vec![TravelMode::Car, TravelMode::PublicTransport],
        minutes,
    )
    .unwrap();
    let file = dir.path("helsinki.appraisal");
    store::create(&file, &a).unwrap();
    (file, a.travel_matrix)
}

fn session(dir: &Dir, file: &Path) -> Session {
    Session::new(
        Source::File(file.to_owned()),
        Dirs {
            data: dir.path("data"),
            config: dir.path("config"),
        },
    )
}

/// The matrix the session holds, as saving writes it.
fn saved_matrix(s: &Session, file: &Path) -> TravelMatrix {
    s.save().unwrap();
    store::open(file).unwrap().travel_matrix
}

/// `m` with its bases' times of computing left out: the window's run and the command line's
/// may fall in different seconds.
fn timeless(m: &TravelMatrix) -> TravelMatrix {
    let mut m = m.clone();
    let bases = m
        .bases()
        .iter()
        .cloned()
        .map(|mut b| {
            assert!(!b.computed_at.is_empty());
            b.computed_at.clear();
            b
        })
        .collect();
    m.set_bases(bases);
    m
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn roads_window_stores_the_cli_minutes_as_one_undoable_edit() {
    let dir = Dir::new();
    let (file, before) = helsinki_appraisal(&dir);
    let s = session(&dir, &file);
    // A setting edited in the window is what the times are made with: 100 s parking.
    s.apply(&Edit::SetRoadSetting {
        setting: RoadSetting::ParkingSeconds,
        value: "100".into(),
    })
    .unwrap();
    s.save().unwrap();
    // The command line on a copy of the same file.
    let cli_file = dir.path("cli.appraisal");
    std::fs::copy(&file, &cli_file).unwrap();
    let out = appraise(&[
        "roads".as_ref(),
        cli_file.as_os_str(),
        helsinki().as_os_str(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let cli = store::open(&cli_file).unwrap().travel_matrix;

    let revision = s.state().unwrap().revision;
    let done = s.compute_road_times(&helsinki()).unwrap();
    assert_eq!(done.extract, "Helsinki.osm.pbf");
    assert_eq!(done.sha256, hex(&sha256(&helsinki())));
    // Three road modes (off-peak car, peak car, blue light) of 4 zones x 2 sites.
    assert_eq!((done.zones, done.sites, done.cells), (4, 2, 24));
    // The network used: the extract's largest strongly connected part (see roads.rs).
    assert_eq!((done.network_nodes, done.network_edges), (1_693, 2_686));
    assert!(done.unplaced.is_empty());
    assert!(done.seconds > 0.0);
    let progress = s.road_times_progress();
    assert_eq!(
        (
            progress.done,
            progress.planned,
            progress.running,
            progress.reading
        ),
        // Two site searches for each of the 2 sites: off-peak and peak.
        (4, 4, false, false)
    );
    let state = s.state().unwrap();
    assert_eq!(state.revision, revision + 1, "one change");
    assert!(state.dirty);
    assert_eq!(
        state.undo.as_deref(),
        Some("road times from Helsinki.osm.pbf")
    );

    let computed = saved_matrix(&s, &file);
    assert_eq!(
        timeless(&computed),
        timeless(&cli),
        "the window stores the command line's minutes"
    );
    let car = computed.mode_index(TravelMode::Car).unwrap();
    let pt = computed.mode_index(TravelMode::PublicTransport).unwrap();
    // The station to the Senate Square: 2.1597 min of drive and joining legs with no
    // allowances (roads.rs) x 1.15 + 100 s parking.
    let station_to_senate = f64::from(computed.column(car, 1)[0]);
    assert!(
        (station_to_senate - (2.1597 * 1.15 + 100.0 / 60.0)).abs() < 0.002,
        "{station_to_senate}"
    );
    assert_eq!(computed.column(pt, 0), &[40.0; 4], "public transport kept");
    // The save's audit entry names the extract, its SHA-256 and the settings used.
    let audit = store::open(&file).unwrap().audit;
    let entry = audit.last().unwrap();
    assert_eq!(entry.what, "travel_matrix");
    assert!(
        entry.new.as_deref().unwrap_or_default().contains(&format!(
            "Helsinki.osm.pbf (SHA-256 {}): off-peak car, peak car, blue light road times; joining legs at 15 km/h within 2000 m; car = drive x 1.15 + 100 s; blue light = 0.67 x drive x 1.15",
            done.sha256
        )),
        "{entry:?}"
    );

    // Undo puts back the matrix as it was, cell for cell; redo the road times.
    s.undo().unwrap();
    assert_eq!(saved_matrix(&s, &file), before);
    s.redo().unwrap();
    assert_eq!(saved_matrix(&s, &file), computed);
    assert!(done.changed);

    // The same times again are no change: no undo step, nothing unsaved.
    let state = s.state().unwrap();
    let again = s.compute_road_times(&helsinki()).unwrap();
    assert!(!again.changed);
    assert_eq!(again.cells, 24);
    assert_eq!(s.state().unwrap(), state);
}

#[test]
fn roads_window_cancelled_changes_nothing() {
    let dir = Dir::new();
    let (file, before) = helsinki_appraisal(&dir);
    let s = Arc::new(session(&dir, &file));
    let state = s.state().unwrap();
    let running = Arc::clone(&s);
    let job = std::thread::spawn(move || running.compute_road_times(&helsinki()));
    // Cancelled while the extract is read: the searches that follow stop at once.
    let started = Instant::now();
    while !s.road_times_progress().reading {
        assert!(started.elapsed() < Duration::from_secs(30), "never started");
        std::thread::yield_now();
    }
    s.cancel_road_times();
    let e = job.join().unwrap().unwrap_err();
    assert_eq!(e.to_string(), "Cancelled; nothing was changed.");
    assert_eq!(e.kind(), "import");
    assert_eq!(
        s.state().unwrap(),
        state,
        "revision, unsaved marker, undo as they were"
    );
    assert!(!s.road_times_progress().running);
    assert_eq!(saved_matrix(&s, &file), before);
    // The next run is not cancelled by the last one's cancel.
    s.compute_road_times(&helsinki()).unwrap();
    assert_ne!(saved_matrix(&s, &file), before);
}

#[test]
fn roads_window_bad_extract_is_named_and_changes_nothing() {
    let dir = Dir::new();
    let (file, before) = helsinki_appraisal(&dir);
    let s = session(&dir, &file);
    let state = s.state().unwrap();
    let refused = |pbf: &Path| -> SessionError { s.compute_road_times(pbf).unwrap_err() };
    let csv = dir.path("times.csv");
    std::fs::write(&csv, "zone,site,mode,minutes\n").unwrap();
    let e = refused(&csv).to_string();
    assert!(
        e.contains("times.csv: not a readable OpenStreetMap PBF file")
            && e.ends_with("; nothing was changed"),
        "{e}"
    );
    let e = refused(&dir.path("none.osm.pbf")).to_string();
    assert!(e.contains("none.osm.pbf"), "{e}");
    let e = refused(Path::new("")).to_string();
    assert_eq!(
        e,
        "choose an OpenStreetMap extract (.osm.pbf) to compute the road times from"
    );
    // Zones far from Helsinki's roads: the extract covers none of them.
    s.apply(&Edit::SetZoneCoordinate {
        zone: "STATION".into(),
        coordinate: appraise::session::Coordinate::Latitude,
        value: "0".into(),
    })
    .unwrap();
    let e = refused(&helsinki()).to_string();
    assert!(
        e.contains("Helsinki.osm.pbf: 1 zones more than 2000 m from any road: STATION"),
        "{e}"
    );
    s.undo().unwrap();
    let now = s.state().unwrap();
    assert_eq!(
        now.revision,
        state.revision + 2,
        "the zone edit and its undo only"
    );
    assert_eq!(saved_matrix(&s, &file), before);
}

#[test]
fn roads_window_a_setting_the_engine_would_refuse_is_refused_beside_its_field() {
    let dir = Dir::new();
    let (file, _) = helsinki_appraisal(&dir);
    let s = session(&dir, &file);
    let e = s
        .apply(&Edit::SetRoadSetting {
            setting: RoadSetting::BlueLightShare,
            value: "150".into(),
        })
        .unwrap_err();
    match &e {
        SessionError::Edit {
            field,
            message,
            short,
        } => {
            assert_eq!(field, "settings/roads/blue_light_share");
            assert_eq!(
                message,
                "The blue-light share must be above 0% and at most 100%; it is 150%"
            );
            assert_eq!(short, "Must be above 0% and at most 100%");
        }
        other => panic!("{other:?}"),
    }
    assert!(!s.is_dirty());
    // Accepted, it is in the model the window reads, always given.
    s.apply(&Edit::SetRoadSetting {
        setting: RoadSetting::PeakMotorway,
        value: "1.8".into(),
    })
    .unwrap();
    let model = s.model().unwrap();
    assert_eq!(model["roads"]["peak_factors"]["motorway"], 1.8);
    assert_eq!(model["roads"]["blue_light_share"], 0.67);
}
