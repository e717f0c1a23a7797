//! The appraisal file under faults and races: saves killed part way, two writers at once,
//! files another program added schema objects to, leftovers of killed writes.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use appraise::model::Appraisal;
use appraise::store::{self, Notice, Revision, StoreError};
use rand::{RngExt, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;
use rusqlite::Connection;

use crate::util::{Dir, sha256};

fn appraise(args: &[&Path]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_appraise"));
    c.args(args).stdin(Stdio::null());
    c
}

fn run(args: &[&Path]) -> Output {
    appraise(args).output().expect("run appraise")
}

fn ok(args: &[&Path]) {
    let out = run(args);
    assert!(
        out.status.success(),
        "appraise {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn spawn(args: &[&Path]) -> Child {
    appraise(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn appraise")
}

/// The file's content as the JSON form, without the audit trail and export records (whose
/// times differ from run to run), and the number of audit entries other than recoveries.
fn content(file: &Path, dir: &Dir) -> (serde_json::Value, usize) {
    let json = dir.path("content.json");
    let out = run(&["export".as_ref(), file, &json]);
    assert!(
        out.status.success(),
        "{} did not open: {}",
        file.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let a = &mut v["appraisal"];
    let audit = a["audit"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["what"] != "file")
        .count();
    a["audit"] = serde_json::Value::Null;
    a["exports"] = serde_json::Value::Null;
    (v, audit)
}

/// A demo with `zones` more zones, so a save has real work to do.
fn bigger_demo(zones: usize) -> Appraisal {
    let mut a = appraise::demo::appraisal();
    let template = a.zones[0].clone();
    for i in 0..zones {
        let mut z = template.clone();
        z.code = format!("GEN{i:05}");
        z.name = format!("Generated zone {i}");
        z.latitude = z.latitude.map(|l| l + (i % 100) as f64 * 1e-3);
        a.zones.push(z);
    }
    a
}

fn zones_csv(path: &Path, prefix: &str, count: usize) {
    let mut text = String::from("code,name,population,imd_decile,latitude,longitude\n");
    for i in 0..count {
        text.push_str(&format!(
            "{prefix}{i:05},Zone {prefix} {i},{},{},52.{:03},-2.1\n",
            1000 + i,
            1 + i % 10,
            i % 1000
        ));
    }
    std::fs::write(path, text).unwrap();
}

fn matrix_csv(path: &Path, a: &Appraisal, minutes: f64) {
    let mut text = String::from("zone,site,mode,minutes\n");
    for z in &a.zones {
        for s in &a.sites {
            for mode in ["car", "public_transport"] {
                text.push_str(&format!("{},{},{mode},{minutes}\n", z.code, s.code));
            }
        }
    }
    std::fs::write(path, text).unwrap();
}

/// Copies `path` and its rollback journal while `conn` holds a write transaction that has
/// spilled changed pages into the file: what a crash part way through a save leaves behind.
fn crash_copy(path: &Path, to: &Path) {
    let conn = Connection::open(path).unwrap();
    conn.execute_batch(
        "PRAGMA cache_size = 2;
         BEGIN IMMEDIATE;
         UPDATE meta SET title = 'half written';
         DELETE FROM scores;
         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)
         INSERT INTO audit (at, who, what) SELECT 'x', 'y', 'junk ' || i FROM n;",
    )
    .unwrap();
    let mut journal = path.as_os_str().to_owned();
    journal.push("-journal");
    let mut to_journal = to.as_os_str().to_owned();
    to_journal.push("-journal");
    std::fs::copy(path, to).unwrap();
    std::fs::copy(PathBuf::from(journal), PathBuf::from(to_journal)).unwrap();
    drop(conn);
}

#[test]
fn a_save_a_crash_interrupted_is_rolled_back_and_recorded() {
    let dir = Dir::new();
    let (path, victim) = (dir.path("a.appraisal"), dir.path("victim.appraisal"));
    let a = appraise::demo::appraisal();
    store::create(&path, &a).unwrap();
    crash_copy(&path, &victim);
    assert_ne!(
        sha256(&path),
        sha256(&victim),
        "the crash left changed pages"
    );

    let opened = store::open_reporting(&victim).expect("recovered, not refused");
    assert_eq!(opened.notices, [Notice::Recovered]);
    assert_eq!(opened.appraisal.meta.title, a.meta.title);
    assert_eq!(opened.appraisal.scores, a.scores);
    let last = opened.appraisal.audit.last().unwrap();
    assert_eq!(last.what, "file");
    assert!(last.new.as_deref().unwrap().contains(store::RECOVERED));
    assert_eq!(opened.appraisal.audit.len(), a.audit.len() + 1);
    assert!(!dir.names().contains(&"victim.appraisal-journal".to_owned()));

    // Once recovered, the file opens with nothing to report, and the CLI reads it too.
    assert!(store::open_reporting(&victim).unwrap().notices.is_empty());
    ok(&["validate".as_ref(), &victim]);

    // The command line says so when it is the one that recovers.
    crash_copy(&path, &victim);
    let out = run(&["show".as_ref(), &victim]);
    assert!(out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains(store::RECOVERED), "{said}");
}

#[test]
fn a_stale_writer_is_refused_and_nothing_is_written() {
    let dir = Dir::new();
    let path = dir.path("a.appraisal");
    store::create(&path, &appraise::demo::appraisal()).unwrap();
    let mut first = store::open(&path).unwrap();
    let mut second = store::open(&path).unwrap();

    first.meta.title = "First".to_owned();
    assert_eq!(store::save(&path, &mut first).unwrap(), 1);
    let after_first = sha256(&path);

    second.zones.remove(0);
    let err = store::save(&path, &mut second).unwrap_err();
    assert!(matches!(err, StoreError::Changed { .. }), "{err}");
    assert_eq!(err.code(), "changed");
    assert!(err.to_string().contains("nothing was written"), "{err}");
    assert_eq!(sha256(&path), after_first);

    // The matrix import and the export record check the same way.
    let m = second.travel_matrix.clone();
    let err = store::replace_travel_matrix(&path, &m, None, &Revision::of(&second)).unwrap_err();
    assert!(matches!(err, StoreError::Changed { .. }), "{err}");
    let record = appraise::model::ExportRecord {
        at: "2026-12-04T10:00:00Z".to_owned(),
        fingerprint: "f".to_owned(),
        path: "p.pdf".to_owned(),
    };
    let err = store::record_export(&path, &record, &Revision::of(&second)).unwrap_err();
    assert!(matches!(err, StoreError::Changed { .. }), "{err}");
    assert_eq!(sha256(&path), after_first);

    // Read again, the second writer's change goes through.
    let mut again = store::open(&path).unwrap();
    again.zones.remove(0);
    assert_eq!(store::save(&path, &mut again).unwrap(), 1);
    store::record_export(&path, &record, &Revision::of(&again)).unwrap();
}

#[test]
fn objects_another_program_added_are_named_then_removed_at_the_next_save() {
    let dir = Dir::new();
    let path = dir.path("a.appraisal");
    store::create(&path, &appraise::demo::appraisal()).unwrap();
    Connection::open(&path)
        .unwrap()
        .execute_batch(
            "CREATE TRIGGER sneak AFTER INSERT ON zones
                 BEGIN UPDATE meta SET title = 'changed by a trigger'; END;
             CREATE VIEW peek AS SELECT code FROM zones;",
        )
        .unwrap();
    let before = sha256(&path);
    let opened = store::open_reporting(&path).unwrap();
    let Notice::Foreign(objects) = &opened.notices[0] else {
        panic!("{:?}", opened.notices)
    };
    let named: Vec<String> = objects.iter().map(ToString::to_string).collect();
    assert_eq!(named, ["trigger 'sneak'", "view 'peek'"]);
    assert_eq!(sha256(&path), before, "reading changed nothing");
    let out = run(&["show".as_ref(), &path]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("trigger 'sneak'"));

    let mut a = opened.appraisal;
    a.zones[0].name = "Renamed".to_owned();
    assert_eq!(store::save(&path, &mut a).unwrap(), 1);
    let left: i64 = Connection::open(&path)
        .unwrap()
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE name IN ('sneak', 'peek')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(left, 0);
    let stored = store::open_reporting(&path).unwrap();
    assert!(stored.notices.is_empty());
    assert_eq!(
        stored.appraisal.meta.title, a.meta.title,
        "the trigger never fired"
    );
    let removals: Vec<_> = stored
        .appraisal
        .audit
        .iter()
        .filter(|e| e.what == "file")
        .map(|e| e.new.clone().unwrap())
        .collect();
    assert_eq!(removals.len(), 2);
    assert!(
        removals[0].contains("removed trigger 'sneak'"),
        "{removals:?}"
    );

    // A table of Appraise's own whose definition was changed is refused outright.
    Connection::open(&path)
        .unwrap()
        .execute_batch("ALTER TABLE zones ADD COLUMN hidden TEXT;")
        .unwrap();
    let err = store::open(&path).unwrap_err();
    assert_eq!(err.code(), "altered", "{err}");
    assert!(err.to_string().contains("table 'zones' changed"), "{err}");
}

#[test]
fn reading_a_file_leaves_nothing_beside_it() {
    let dir = Dir::new();
    let path = dir.path("a.appraisal");
    ok(&["demo".as_ref(), &path]);
    for command in ["show", "score", "finance", "travel", "validate"] {
        ok(&[command.as_ref(), &path]);
    }
    assert_eq!(dir.names(), ["a.appraisal"]);

    // A file another program switched to write-ahead logging goes back to a rollback journal.
    let conn = Connection::open(&path).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    drop(conn);
    let before = store::open(&path).unwrap();
    for command in ["show", "validate"] {
        ok(&[command.as_ref(), &path]);
    }
    assert_eq!(dir.names(), ["a.appraisal"]);
    assert_eq!(store::open(&path).unwrap(), before);
}

/// Runs `args` to completion on a fresh copy of `base` at `file`, returning how long it took.
fn timed(args: &[&Path], base: &Path, file: &Path) -> Duration {
    std::fs::copy(base, file).unwrap();
    let start = Instant::now();
    ok(args);
    start.elapsed()
}

#[test]
fn writes_killed_at_random_moments_leave_the_old_or_the_new_content() {
    let dir = Dir::new();
    let base = dir.path("base.appraisal");
    let file = dir.path("f.appraisal");
    let big = bigger_demo(2000);
    store::create(&base, &big).unwrap();
    let (zones, matrix, json) = (
        dir.path("zones.csv"),
        dir.path("matrix.csv"),
        dir.path("a.json"),
    );
    zones_csv(&zones, "NEW", 2000);
    matrix_csv(&matrix, &big, 17.5);
    let mut replacement = appraise::demo::appraisal();
    replacement.meta.title = "Replacement".to_owned();
    appraise::textform::write(&replacement, &json).unwrap();

    let old = content(&base, &dir);
    let paths: [(&str, Vec<&Path>, usize); 3] = [
        (
            "import-csv",
            vec!["import-csv".as_ref(), &file, "zones".as_ref(), &zones],
            45,
        ),
        (
            "import-matrix",
            vec!["import-matrix".as_ref(), &file, &matrix],
            35,
        ),
        (
            "import --force",
            vec!["import".as_ref(), &json, &file, "--force".as_ref()],
            30,
        ),
    ];
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(23);
    let mut outcomes = [0usize; 2];
    for (name, args, kills) in &paths {
        let took = timed(args, &base, &file);
        let new = content(&file, &dir);
        assert_ne!(new.0, old.0, "{name} changes the content");
        for round in 0..*kills {
            std::fs::copy(&base, &file).unwrap();
            let delay = rng.random_range(0..took.as_micros() as u64 * 13 / 10);
            let mut child = spawn(args);
            std::thread::sleep(Duration::from_micros(delay));
            let _ = child.kill();
            let _ = child.wait();
            let now = content(&file, &dir);
            let which = if now == old {
                0
            } else if now == new {
                1
            } else {
                panic!("{name}, kill {round} after {delay} µs: neither the old nor the new content")
            };
            outcomes[which] += 1;
            for command in ["show", "score", "finance", "travel", "validate"] {
                let out = run(&[command.as_ref(), &file]);
                assert!(
                    out.status.code().is_some_and(|c| c <= 1),
                    "{name}, kill {round}: {command} failed: {}",
                    String::from_utf8_lossy(&out.stderr)
                );
            }
        }
    }
    // The seed spreads the kills over both sides of the commit.
    assert!(outcomes[0] >= 10 && outcomes[1] >= 10, "{outcomes:?}");
    // The next write cleans up what killed writes left.
    ok(&["demo".as_ref(), &file, "--force".as_ref()]);
    let left: Vec<String> = dir
        .names()
        .into_iter()
        .filter(|n| n.contains(".partial") || n.ends_with("-journal"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

/// Starts two commands at once and returns whether each succeeded, with the second's error.
fn race(a: &[&Path], b: &[&Path]) -> (bool, bool, String) {
    let (mut first, mut second) = (spawn(a), spawn(b));
    let (one, two) = (first.wait().unwrap(), second.wait().unwrap());
    let mut said = String::new();
    for child in [&mut first, &mut second] {
        if let Some(mut e) = child.stderr.take() {
            std::io::Read::read_to_string(&mut e, &mut said).unwrap();
        }
    }
    (one.success(), two.success(), said)
}

#[test]
fn two_writers_at_once_never_both_succeed_with_data_lost() {
    let dir = Dir::new();
    let base = dir.path("base.appraisal");
    let file = dir.path("f.appraisal");
    let demo = appraise::demo::appraisal();
    store::create(&base, &demo).unwrap();
    let (left, right) = (dir.path("left.csv"), dir.path("right.csv"));
    zones_csv(&left, "LEFT", 300);
    zones_csv(&right, "RIGHT", 300);
    let (m1, m2) = (dir.path("m1.csv"), dir.path("m2.csv"));
    matrix_csv(&m1, &demo, 11.0);
    matrix_csv(&m2, &demo, 22.0);
    let json = dir.path("a.json");
    appraise::textform::write(&demo, &json).unwrap();
    let mut refusals = 0;

    for round in 0..20 {
        // Two spreadsheet imports: both rows sets, or one refused with the file unchanged by it.
        std::fs::copy(&base, &file).unwrap();
        let (a, b, said) = race(
            &["import-csv".as_ref(), &file, "zones".as_ref(), &left],
            &["import-csv".as_ref(), &file, "zones".as_ref(), &right],
        );
        let stored = store::open(&file).unwrap();
        let has = |prefix: &str| stored.zones.iter().any(|z| z.code.starts_with(prefix));
        assert!(a || b, "round {round}: neither import went through: {said}");
        assert_eq!(has("LEFT"), a, "round {round}: {said}");
        assert_eq!(has("RIGHT"), b, "round {round}: {said}");
        if !(a && b) {
            assert!(said.contains("nothing was written"), "{said}");
            refusals += 1;
        }

        // Two matrix imports: each that succeeded is in the audit trail.
        std::fs::copy(&base, &file).unwrap();
        let (a, b, said) = race(
            &["import-matrix".as_ref(), &file, &m1],
            &["import-matrix".as_ref(), &file, &m2],
        );
        assert!(a || b, "round {round}: {said}");
        let stored = store::open(&file).unwrap();
        let imports = stored
            .audit
            .iter()
            .filter(|e| e.what == "travel_matrix")
            .count();
        assert_eq!(imports, usize::from(a) + usize::from(b), "round {round}");

        // Two creations of one new file: exactly one succeeds.
        let created = dir.path(&format!("new{round}.appraisal"));
        let (a, b, said) = race(
            &["import".as_ref(), &json, &created],
            &["demo".as_ref(), &created],
        );
        assert!(a ^ b, "round {round}: both or neither created it: {said}");
        assert!(said.contains("already exists"), "{said}");
    }
    // Twenty rounds of two processes started together overlap at least once.
    assert!(refusals > 0);
}
