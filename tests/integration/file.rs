//! The `.appraisal` file: round trips, the audit trail, migrations, refusals.

use appraise::model::{
    Appraisal, ExportRecord, RawValue, Reliability, RoadBasis, RoadSettings, Transit, TransitBasis,
    TransitFeed, TransitSettings, TravelMatrix, TravelMode, WeightSetEntry, Weighting,
    WeightingMethod,
};
use appraise::store::{self, Revision, StoreError};
use rusqlite::Connection;

use crate::util::{Dir, sha256};

/// The demo, plus the parts of the model the demo leaves empty, so every table is exercised.
fn rich() -> Appraisal {
    let mut a = appraise::demo::appraisal();
    // Two zones x two sites x both modes, with cells that have no value (NaN) and awkward floats.
    a.travel_matrix = TravelMatrix::new(
        vec![a.zones[0].code.clone(), a.zones[1].code.clone()],
        vec![a.sites[1].code.clone(), a.sites[0].code.clone()],
        vec![TravelMode::PublicTransport, TravelMode::Car],
        vec![
            12.345_679,
            f32::NAN,
            47.0,
            0.1,
            f32::NAN,
            f32::NAN,
            1e-3,
            9_999.5,
        ],
    )
    .unwrap();
    let groups: Vec<String> = a
        .criteria
        .iter()
        .filter(|c| c.parent.is_none())
        .map(|c| c.code.clone())
        .collect();
    a.weightings.retain(|w| w.parent.is_some());
    a.weightings.push(Weighting {
        parent: None,
        method: WeightingMethod::Swing {
            ratings: groups
                .iter()
                .map(|g| WeightSetEntry {
                    criterion: g.clone(),
                    value: 100.0 / 3.0,
                })
                .collect(),
        },
    });
    a.exports.push(ExportRecord {
        at: "2026-11-23T10:00:00Z".to_owned(),
        fingerprint: "abc123".to_owned(),
        path: "/tmp/pack.pdf".to_owned(),
    });
    a.audit.push(store::audit_entry(
        "appraisal",
        None,
        Some("\"created\"".to_owned()),
    ));
    a.sites[0].latitude = None;
    a
}

#[test]
fn model_to_file_to_model_is_exact() {
    let dir = Dir::new();
    let path = dir.path("a.appraisal");
    let a = rich();
    store::create(&path, &a).unwrap();
    assert_eq!(store::open(&path).unwrap(), a);
    assert_eq!(
        dir.names(),
        ["a.appraisal"],
        "no temporary or journal file is left behind"
    );
}

#[test]
fn the_file_is_marked_as_an_appraisal() {
    let dir = Dir::new();
    let path = dir.path("a.appraisal");
    store::create(&path, &appraise::demo::appraisal()).unwrap();
    let conn = Connection::open(&path).unwrap();
    let id: u32 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .unwrap();
    let version: u32 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(id, 0x4150_5052);
    assert_eq!(version, store::LATEST_VERSION);
}

#[test]
fn create_refuses_to_overwrite() {
    let dir = Dir::new();
    let path = dir.path("a.appraisal");
    std::fs::write(&path, "keep me").unwrap();
    let err = store::create(&path, &appraise::demo::appraisal()).unwrap_err();
    assert!(matches!(err, StoreError::AlreadyExists { .. }), "{err}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "keep me");
}

#[test]
fn save_records_each_change_in_the_audit_trail() {
    let dir = Dir::new();
    let path = dir.path("a.appraisal");
    let mut a = appraise::demo::appraisal();
    store::create(&path, &a).unwrap();

    assert_eq!(
        store::save(&path, &mut a).unwrap(),
        0,
        "an unchanged save records nothing"
    );

    let old_title = a.meta.title.clone();
    a.meta.title = "Renamed".to_owned();
    let option = a.options[1].code.clone();
    a.options[1].description = "New words".to_owned();
    let removed = a.scores.remove(0);
    assert_eq!(store::save(&path, &mut a).unwrap(), 3);

    let stored = store::open(&path).unwrap();
    assert_eq!(
        stored, a,
        "the saved model and the caller's agree, audit included"
    );
    let whats: Vec<&str> = stored.audit.iter().map(|e| e.what.as_str()).collect();
    assert_eq!(
        whats,
        [
            "meta/title".to_owned(),
            format!("options/{option}/description"),
            format!(
                "scores/{}/{}/{}",
                removed.option, removed.criterion, removed.scorer
            ),
        ]
    );
    let title = &stored.audit[0];
    assert_eq!(
        title.old.as_deref(),
        Some(format!("\"{old_title}\"").as_str())
    );
    assert_eq!(title.new.as_deref(), Some("\"Renamed\""));
    // Who saved, and with which version of Appraise.
    let user = title.who.strip_suffix(" (Appraise 0.1.0)");
    assert!(user.is_some_and(|u| !u.is_empty()), "{}", title.who);
    assert_eq!(title.at.len(), "2026-11-23T12:00:00Z".len());
    assert!(stored.audit[2].new.is_none(), "a removal has no new value");
}

#[test]
fn an_invalid_save_changes_nothing() {
    let dir = Dir::new();
    let path = dir.path("a.appraisal");
    let mut a = appraise::demo::appraisal();
    store::create(&path, &a).unwrap();
    let before = sha256(&path);

    a.meta.title = "Changed".to_owned();
    a.sites[0].organisation = "NOBODY".to_owned();
    let err = store::save(&path, &mut a).unwrap_err();
    let message = err.to_string();
    assert!(matches!(err, StoreError::Invalid { .. }));
    assert!(
        message.contains(&format!(
            "sites/{}/organisation: unknown organisation 'NOBODY'",
            a.sites[0].code
        )),
        "{message}"
    );
    assert_eq!(sha256(&path), before);
}

#[test]
fn a_score_that_is_not_a_number_is_refused() {
    let dir = Dir::new();
    let path = dir.path("a.appraisal");
    let mut a = appraise::demo::appraisal();
    a.scores[0].value = f64::NAN;
    let err = store::create(&path, &a).unwrap_err().to_string();
    assert!(err.contains("/value: NaN is not a number"), "{err}");
    assert!(dir.names().is_empty(), "nothing is written");
}

/// Makes a file as version 1 of the schema wrote it: no exports table yet.
fn version_one_file(path: &std::path::Path) {
    let mut conn = Connection::open(path).unwrap();
    conn.execute_batch(&format!(
        "PRAGMA application_id = {};",
        store::APPLICATION_ID
    ))
    .unwrap();
    store::migrations_to(1).to_latest(&mut conn).unwrap();
    conn.execute_batch(
        r#"
        INSERT INTO meta VALUES (1, 'Old appraisal', 'Somewhere', 'An analyst', 'final', 2015, 5, 0,
            'Saved by version 1', (SELECT json_object('panel_scale', json_object('min', 0.0, 'max', 10.0,
            'descriptors', json_array()), 'aggregation', 'median', 'disagreement_range', 3.0,
            'travel_increase_minutes', 15.0)),
            '{"detour_factor":1.3,"car_speed_kmh":48.0,"car_access_minutes":5.0,"public_transport_speed_kmh":20.0,"public_transport_access_minutes":15.0}');
        INSERT INTO discount_bands VALUES (0, 0, NULL, 0.035);
        INSERT INTO organisations VALUES ('RXX', 0, 'Old Trust', 'acute_trust', 'good',
            '{"income_growth":0.01,"pay_inflation":0.02,"non_pay_inflation":0.02,"cip":0.03}');
        INSERT INTO audit (at, who, what, old, new) VALUES ('2015-01-01T00:00:00Z', 'analyst', 'appraisal', NULL, '"created"');
        "#,
    )
    .unwrap();
    let version: u32 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 1);
}

#[test]
fn a_version_one_file_opens_unchanged_and_is_upgraded_on_save() {
    let dir = Dir::new();
    let path = dir.path("old.appraisal");
    version_one_file(&path);
    let before = sha256(&path);

    let mut a = store::open(&path).unwrap();
    assert_eq!(sha256(&path), before, "opening does not upgrade the file");
    assert_eq!(a.meta.title, "Old appraisal");
    assert_eq!(a.organisations[0].name, "Old Trust");
    assert_eq!(a.organisations[0].projection.cip, 0.03);
    assert_eq!(a.audit.len(), 1);
    assert!(a.exports.is_empty());

    a.meta.author = "Another analyst".to_owned();
    assert_eq!(store::save(&path, &mut a).unwrap(), 1);
    let conn = Connection::open(&path).unwrap();
    let version: u32 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, store::LATEST_VERSION);
    let exports: i64 = conn
        .query_row("SELECT count(*) FROM exports", [], |r| r.get(0))
        .unwrap();
    assert_eq!(exports, 0);
    assert_eq!(store::open(&path).unwrap().audit.len(), 2);
}

fn refused(path: &std::path::Path) -> StoreError {
    let before = sha256(path);
    let err = store::open(path).unwrap_err();
    assert_eq!(
        sha256(path),
        before,
        "the refused file is byte-for-byte unchanged"
    );
    let dir = path.parent().unwrap();
    let leftovers: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        leftovers.len(),
        1,
        "no journal or other file appears: {leftovers:?}"
    );
    err
}

#[test]
fn a_plain_text_file_is_refused() {
    let dir = Dir::new();
    let path = dir.path("notes.appraisal");
    std::fs::write(
        &path,
        "These are my meeting notes, not an appraisal.\n".repeat(10),
    )
    .unwrap();
    let err = refused(&path);
    assert!(matches!(err, StoreError::NotAnAppraisal { .. }));
    assert_eq!(
        err.to_string(),
        format!(
            "{} is not an appraisal file: it is not an SQLite database",
            path.display()
        )
    );
}

#[test]
fn another_programs_database_is_refused() {
    let dir = Dir::new();
    let path = dir.path("other.appraisal");
    Connection::open(&path)
        .unwrap()
        .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    let err = refused(&path);
    assert!(
        err.to_string().contains("written by another program"),
        "{err}"
    );
}

#[test]
fn a_file_from_a_newer_version_is_refused() {
    let dir = Dir::new();
    let path = dir.path("new.appraisal");
    store::create(&path, &appraise::demo::appraisal()).unwrap();
    Connection::open(&path)
        .unwrap()
        .execute_batch(&format!(
            "PRAGMA user_version = {};",
            store::LATEST_VERSION + 1
        ))
        .unwrap();
    let err = refused(&path);
    assert!(matches!(err, StoreError::TooNew { found, .. } if found == store::LATEST_VERSION + 1));
    assert!(err.to_string().contains("update Appraise to open it"));
}

#[test]
fn a_corrupt_file_is_refused() {
    let dir = Dir::new();
    let path = dir.path("bad.appraisal");
    store::create(&path, &appraise::demo::appraisal()).unwrap();
    let mut bytes = std::fs::read(&path).unwrap();
    let page = 4096;
    assert!(bytes.len() > 4 * page);
    for b in &mut bytes[page..3 * page] {
        *b = 0xA5;
    }
    std::fs::write(&path, &bytes).unwrap();
    let err = refused(&path);
    assert!(matches!(err, StoreError::Corrupt { .. }), "{err}");
    assert!(err.to_string().contains("is damaged and cannot be opened"));
}

#[test]
fn a_truncated_file_is_refused() {
    let dir = Dir::new();
    let path = dir.path("cut.appraisal");
    store::create(&path, &appraise::demo::appraisal()).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
    let err = refused(&path);
    assert!(matches!(err, StoreError::Corrupt { .. }), "{err}");
}

#[test]
fn hand_entered_values_survive_the_file() {
    let dir = Dir::new();
    let path = dir.path("a.appraisal");
    let a = appraise::demo::appraisal();
    let manual = a.performances.iter().filter(|p| p.manual).count();
    let categories = a
        .performances
        .iter()
        .filter(|p| matches!(p.value, RawValue::Category(_)))
        .count();
    store::create(&path, &a).unwrap();
    let b = store::open(&path).unwrap();
    assert_eq!(b.performances.iter().filter(|p| p.manual).count(), manual);
    assert_eq!(
        b.performances
            .iter()
            .filter(|p| matches!(p.value, RawValue::Category(_)))
            .count(),
        categories
    );
}

#[test]
fn the_matrix_is_stored_as_one_little_endian_blob_per_mode_and_site() {
    let dir = Dir::new();
    let path = dir.path("a.appraisal");
    let a = rich();
    store::create(&path, &a).unwrap();
    let conn = Connection::open(&path).unwrap();
    let rows: i64 = conn
        .query_row("SELECT count(*) FROM travel_matrix", [], |r| r.get(0))
        .unwrap();
    assert_eq!(rows, 4, "2 modes x 2 sites");
    // The first mode (public transport) at the first site: 12.345679 then no value (NaN).
    let blob: Vec<u8> = conn
        .query_row(
            "SELECT minutes FROM travel_matrix WHERE mode = 0 AND site = 0",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(blob.len(), 8, "4 bytes per zone");
    assert_eq!(blob[..4], 12.345_679f32.to_le_bytes());
    assert!(f32::from_le_bytes([blob[4], blob[5], blob[6], blob[7]]).is_nan());
    let mode: String = conn
        .query_row(
            "SELECT mode FROM travel_matrix_modes WHERE pos = 0",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(mode, "public_transport");
}

#[test]
fn json_to_file_to_json_with_a_matrix_is_exact() {
    let dir = Dir::new();
    let a = rich();
    let text = appraise::textform::to_string(&a);
    let compact: String = text.split_whitespace().collect();
    assert!(
        compact.contains(r#"{"mode":"public_transport","site":"#)
            && compact.contains(r#"","minutes":[12.345679,null]}"#),
        "readable cells, null = no value"
    );
    let parsed = appraise::textform::from_str(&text, std::path::Path::new("in.json")).unwrap();
    assert_eq!(parsed, a);
    let path = dir.path("a.appraisal");
    store::create(&path, &parsed).unwrap();
    assert_eq!(
        appraise::textform::to_string(&store::open(&path).unwrap()),
        text
    );
}

/// Every zone x site x mode of the demo, car times from a simple rule.
fn full_matrix(a: &Appraisal) -> TravelMatrix {
    let (zones, sites) = (a.zones.len(), a.sites.len());
    TravelMatrix::new(
        a.zones.iter().map(|z| z.code.clone()).collect(),
        a.sites.iter().map(|s| s.code.clone()).collect(),
        vec![TravelMode::Car],
        (0..zones * sites).map(|i| (i % 97) as f32 + 0.5).collect(),
    )
    .unwrap()
}

#[test]
fn replacing_the_matrix_records_one_summarised_audit_entry() {
    let dir = Dir::new();
    let path = dir.path("a.appraisal");
    let mut a = appraise::demo::appraisal();
    store::create(&path, &a).unwrap();
    let matrix = full_matrix(&a);
    let cells = matrix.cells().len();

    let entry = store::replace_travel_matrix(&path, &matrix, Some("m.csv"), &Revision::of(&a))
        .unwrap()
        .expect("an entry");
    assert_eq!(entry.what, "travel_matrix");
    let new = entry.new.clone().unwrap();
    assert!(
        new.contains(&format!(
            "travel matrix: {cells} cells changed ({cells} added, 0 removed, 0 altered)"
        )),
        "{new}"
    );
    assert!(new.contains("\"source\":\"m.csv\""), "{new}");
    let stored = store::open(&path).unwrap();
    assert_eq!(stored.travel_matrix, matrix);
    assert_eq!(stored.audit, [entry]);

    // The same matrix again writes nothing.
    let before = sha256(&path);
    assert!(
        store::replace_travel_matrix(&path, &matrix, None, &Revision::of(&stored))
            .unwrap()
            .is_none()
    );
    assert_eq!(sha256(&path), before);

    // A save that changes one cell and a title records two entries, the matrix as one.
    a = stored;
    let mut cells_now = a.travel_matrix.clone().into_cells();
    cells_now[3] += 1.0;
    cells_now[4] = f32::NAN;
    a.travel_matrix = TravelMatrix::new(
        matrix.zones().to_vec(),
        matrix.sites().to_vec(),
        matrix.modes().to_vec(),
        cells_now,
    )
    .unwrap();
    a.meta.title = "Renamed".to_owned();
    assert_eq!(store::save(&path, &mut a).unwrap(), 2);
    let last = a.audit.last().unwrap();
    assert_eq!(last.what, "travel_matrix");
    assert!(
        last.new
            .as_deref()
            .unwrap()
            .contains("travel matrix: 2 cells changed (0 added, 1 removed, 1 altered)"),
        "{last:?}"
    );
    assert_eq!(store::open(&path).unwrap().travel_matrix, a.travel_matrix);
}

#[test]
fn a_matrix_naming_an_unknown_zone_or_a_negative_time_is_refused() {
    let dir = Dir::new();
    let path = dir.path("a.appraisal");
    let a = appraise::demo::appraisal();
    store::create(&path, &a).unwrap();
    let before = sha256(&path);
    let good = full_matrix(&a);
    let mut zones = good.zones().to_vec();
    zones[0] = "NOWHERE".to_owned();
    let mut cells = good.cells().to_vec();
    cells[1] = -2.0;
    let bad =
        TravelMatrix::new(zones, good.sites().to_vec(), good.modes().to_vec(), cells).unwrap();
    let err = store::replace_travel_matrix(&path, &bad, None, &Revision::of(&a))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("travel_matrix/zones/NOWHERE: unknown zone 'NOWHERE'"),
        "{err}"
    );
    assert!(err.contains("and 1 more problems"), "{err}");
    assert_eq!(sha256(&path), before);
    let mut with_bad = a.clone();
    with_bad.travel_matrix = bad;
    let problems = appraise::validate::integrity(&with_bad);
    assert!(
        problems
            .iter()
            .any(|p| p.message == "-2 minutes is negative" && p.path.ends_with("/car")),
        "{problems:?}"
    );
}

/// Non-default sensitivity settings with each kind of weight model.
fn sensitivity_variants() -> Vec<appraise::model::SensitivitySettings> {
    use appraise::model::{
        DrawStream, GroupWeights, ScoreModel, SensitivitySettings, WeightBound, WeightDraw,
        WeightModel,
    };
    let base = SensitivitySettings {
        tornado_share: 0.3,
        samples: 25_000,
        // Above i64::MAX: stored bit for bit in SQLite's signed integer.
        seed: u64::MAX - 6,
        draw: WeightDraw::Flat,
        weights: WeightModel::Uniform,
        groups: Vec::new(),
        scores: ScoreModel::Triangular,
        confidence_samples: 4_000,
        stream: DrawStream::Blocks,
    };
    let group = |group: &str, weights: WeightModel| GroupWeights {
        group: group.to_owned(),
        weights,
    };
    vec![
        base.clone(),
        // Level by level with a model of each kind for the groups (and one for the top level).
        SensitivitySettings {
            draw: WeightDraw::LevelByLevel,
            weights: WeightModel::Ranking {
                ranking: vec!["QUA".to_owned(), "VIA".to_owned()],
            },
            groups: vec![
                group("VIA", WeightModel::Uniform),
                group(
                    "QUA",
                    WeightModel::Bounds {
                        bounds: vec![
                            WeightBound {
                                criterion: "QUA-STD".to_owned(),
                                min: 0.2,
                                max: 0.5,
                            },
                            WeightBound {
                                criterion: "QUA-CQC".to_owned(),
                                min: 0.0,
                                max: 0.25,
                            },
                        ],
                    },
                ),
                group("ACC", WeightModel::AroundBase { share: 0.25 }),
                group(
                    "DEL",
                    WeightModel::Ranking {
                        ranking: vec!["DEL-TIME".to_owned(), "DEL-EASE".to_owned()],
                    },
                ),
            ],
            ..base.clone()
        },
        // Kept though the flat draw does not use them.
        SensitivitySettings {
            groups: vec![group("ACC", WeightModel::Uniform)],
            ..base.clone()
        },
        SensitivitySettings {
            weights: WeightModel::AroundBase { share: 0.1 + 0.2 },
            scores: ScoreModel::Fixed,
            ..base.clone()
        },
        SensitivitySettings {
            weights: WeightModel::Bounds {
                bounds: vec![
                    WeightBound {
                        criterion: "VIA-MARGIN".to_owned(),
                        min: 0.05,
                        max: 0.3,
                    },
                    WeightBound {
                        criterion: "QUA-STD".to_owned(),
                        min: 0.1,
                        max: 0.4,
                    },
                ],
            },
            ..base.clone()
        },
        SensitivitySettings {
            weights: WeightModel::Ranking {
                ranking: vec![
                    "QUA-STD".to_owned(),
                    "VIA-MARGIN".to_owned(),
                    "ACC-AE".to_owned(),
                ],
            },
            scores: ScoreModel::Normal,
            ..base
        },
    ]
}

#[test]
fn sensitivity_settings_survive_the_file_exactly() {
    let dir = Dir::new();
    for (i, settings) in sensitivity_variants().into_iter().enumerate() {
        let path = dir.path(&format!("s{i}.appraisal"));
        let mut a = rich();
        a.settings.sensitivity = settings;
        store::create(&path, &a).unwrap();
        assert_eq!(store::open(&path).unwrap(), a, "variant {i}");
        // They live in their own tables, not in the settings column.
        let conn = Connection::open(&path).unwrap();
        let column: String = conn
            .query_row("SELECT settings FROM meta", [], |r| r.get(0))
            .unwrap();
        assert!(!column.contains("sensitivity"), "{column}");
        let (samples, seed): (i64, i64) = conn
            .query_row("SELECT samples, seed FROM sensitivity", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        assert_eq!((samples, seed), (25_000, -7));
    }
}

/// Makes a file as version 2 of the schema wrote it: no sensitivity tables yet.
fn version_two_file(path: &std::path::Path) {
    version_one_file(path);
    let mut conn = Connection::open(path).unwrap();
    store::migrations_to(2).to_latest(&mut conn).unwrap();
    let version: u32 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 2);
}

#[test]
fn a_version_two_file_opens_with_the_default_sensitivity_settings() {
    let dir = Dir::new();
    let path = dir.path("v2.appraisal");
    version_two_file(&path);
    let before = sha256(&path);
    let mut a = store::open(&path).unwrap();
    assert_eq!(sha256(&path), before, "opening does not upgrade the file");
    assert_eq!(
        a.settings.sensitivity,
        appraise::model::SensitivitySettings::default()
    );
    assert_eq!(a.settings.sensitivity.samples, 10_000);
    assert_eq!(a.settings.sensitivity.seed, 1);

    // Saved unchanged, it gains the tables and records nothing; a change is then stored.
    assert_eq!(store::save(&path, &mut a).unwrap(), 0);
    a.settings.sensitivity.samples = 50_000;
    assert_eq!(store::save(&path, &mut a).unwrap(), 1);
    let conn = Connection::open(&path).unwrap();
    let version: u32 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, store::LATEST_VERSION);
    assert_eq!(
        store::open(&path).unwrap().settings.sensitivity.samples,
        50_000
    );
}

/// A version-6 file (before the weight draw was stored) whose sensitivity row stores `weights`.
fn version_six_file(path: &std::path::Path, weights: &str, share: Option<f64>) {
    version_one_file(path);
    let mut conn = Connection::open(path).unwrap();
    store::migrations_to(6).to_latest(&mut conn).unwrap();
    conn.execute(
        "INSERT INTO sensitivity (id, tornado_share, samples, seed, weights, weight_share, scores,
             confidence_samples)
         VALUES (1, 0.5, 2000, 3, ?1, ?2, 'fixed', 100)",
        rusqlite::params![weights, share],
    )
    .unwrap();
    if weights == "bounds" {
        conn.execute_batch(
            "INSERT INTO sensitivity_weight_bounds (pos, criterion, min, max)
             VALUES (0, 'Q2', 0.1, 0.4), (1, 'Q1', 0.0, 0.5);",
        )
        .unwrap();
    }
}

#[test]
fn files_from_before_the_weight_draw_keep_their_meaning() {
    use appraise::model::{WeightBound, WeightDraw, WeightModel};
    let dir = Dir::new();
    let bound = |criterion: &str, min: f64, max: f64| WeightBound {
        criterion: criterion.to_owned(),
        min,
        max,
    };
    // Stored bounds name leaves, a band is around their global weights: still flat.
    for (i, (weights, share, draw, model)) in [
        (
            "bounds",
            None,
            WeightDraw::Flat,
            WeightModel::Bounds {
                bounds: vec![bound("Q2", 0.1, 0.4), bound("Q1", 0.0, 0.5)],
            },
        ),
        (
            "around_base",
            Some(0.2),
            WeightDraw::Flat,
            WeightModel::AroundBase { share: 0.2 },
        ),
        // The default (uniform) takes today's default.
        (
            "uniform",
            None,
            WeightDraw::LevelByLevel,
            WeightModel::Uniform,
        ),
    ]
    .into_iter()
    .enumerate()
    {
        let path = dir.path(&format!("v6-{i}.appraisal"));
        version_six_file(&path, weights, share);
        let mut a = store::open(&path).unwrap();
        let s = &a.settings.sensitivity;
        assert_eq!((s.draw, &s.weights), (draw, &model), "{weights}");
        assert!(s.groups.is_empty());
        assert_eq!((s.samples, s.seed), (2_000, 3));
        // Saved, the file is upgraded and reads back the same.
        store::save(&path, &mut a).unwrap();
        let conn = Connection::open(&path).unwrap();
        let (version, stored): (u32, String) = (
            conn.query_row("PRAGMA user_version", [], |r| r.get(0))
                .unwrap(),
            conn.query_row("SELECT draw FROM sensitivity", [], |r| r.get(0))
                .unwrap(),
        );
        assert_eq!(version, store::LATEST_VERSION);
        assert_eq!(
            stored,
            serde_json::to_value(draw).unwrap().as_str().unwrap()
        );
        assert_eq!(store::open(&path).unwrap(), a);
    }
}

#[test]
fn a_change_to_the_sensitivity_settings_is_an_audit_entry() {
    let dir = Dir::new();
    let path = dir.path("a.appraisal");
    let mut a = appraise::demo::appraisal();
    store::create(&path, &a).unwrap();
    a.settings.sensitivity.seed = 42;
    a.settings.sensitivity.weights = appraise::model::WeightModel::Ranking {
        ranking: vec!["QUA-STD".to_owned(), "VIA-MARGIN".to_owned()],
    };
    assert_eq!(store::save(&path, &mut a).unwrap(), 1);
    let stored = store::open(&path).unwrap();
    assert_eq!(stored, a);
    let entry = stored.audit.last().unwrap();
    assert_eq!(entry.what, "settings/sensitivity");
    let old: serde_json::Value = serde_json::from_str(entry.old.as_deref().unwrap()).unwrap();
    let new: serde_json::Value = serde_json::from_str(entry.new.as_deref().unwrap()).unwrap();
    assert_eq!(old["seed"], 1);
    assert_eq!(old["weights"], serde_json::json!({"type": "uniform"}));
    assert_eq!(new["seed"], 42);
    assert_eq!(
        new["weights"],
        serde_json::json!({"type": "ranking", "ranking": ["QUA-STD", "VIA-MARGIN"]})
    );
}

#[test]
fn sensitivity_settings_that_are_not_numbers_are_refused() {
    let dir = Dir::new();
    let path = dir.path("a.appraisal");
    let mut a = appraise::demo::appraisal();
    a.settings.sensitivity.weights = appraise::model::WeightModel::AroundBase { share: f64::NAN };
    let err = store::create(&path, &a).unwrap_err().to_string();
    assert!(
        err.contains("settings/sensitivity/weights/share: NaN is not a number"),
        "{err}"
    );
    assert!(dir.names().is_empty(), "nothing is written");
}

/// A matrix by all four modes and what its road times were computed from: two runs, one whose
/// extract states its timestamp and one that does not, with their own settings.
fn with_road_bases() -> Appraisal {
    let mut a = appraise::demo::appraisal();
    a.travel_matrix = TravelMatrix::new(
        vec![a.zones[0].code.clone(), a.zones[1].code.clone()],
        vec![a.sites[0].code.clone()],
        TravelMode::ALL.to_vec(),
        vec![
            4.797_9,
            9.060_4,
            5.117_6,
            f32::NAN,
            1.427_9,
            2.1,
            30.0,
            45.5,
        ],
    )
    .unwrap();
    let mut tuned = RoadSettings {
        junction_allowance: 0.0,
        ..RoadSettings::default()
    };
    tuned.peak_factors.primary = 1.25;
    a.travel_matrix.set_bases(vec![
        RoadBasis {
            extract: "england-latest.osm.pbf".into(),
            extract_timestamp: Some("2026-11-30T21:42:03Z".into()),
            sha256: "ab".repeat(32),
            computed_at: "2026-12-04T22:10:00Z".into(),
            modes: vec![TravelMode::Car, TravelMode::CarPeak],
            settings: RoadSettings::default(),
        },
        RoadBasis {
            extract: "square.osm.pbf".into(),
            extract_timestamp: None,
            sha256: "0f".repeat(32),
            computed_at: "2026-12-04T22:11:00Z".into(),
            modes: vec![TravelMode::BlueLight],
            settings: tuned,
        },
    ]);
    a
}

#[test]
fn road_modes_and_their_bases_survive_the_file_and_the_text_form() {
    let dir = Dir::new();
    let path = dir.path("roads.appraisal");
    let a = with_road_bases();
    assert_eq!(a.travel_matrix.bases().len(), 2);
    store::create(&path, &a).unwrap();
    let back = store::open(&path).unwrap();
    assert_eq!(back, a);
    let m = &back.travel_matrix;
    assert_eq!(m.modes(), TravelMode::ALL);
    assert_eq!(m.column(1, 0)[0], 5.117_6);
    assert!(m.column(1, 0)[1].is_nan());
    assert_eq!(m.column(2, 0), &[1.427_9, 2.1]);
    let b = &m.bases()[1];
    assert_eq!(b.extract_timestamp, None);
    assert_eq!(b.settings.junction_allowance, 0.0);
    assert_eq!(b.settings.peak_factors.primary, 1.25);
    assert_eq!(b.modes, [TravelMode::BlueLight]);
    assert_eq!(
        m.bases()[0].extract_timestamp.as_deref(),
        Some("2026-11-30T21:42:03Z")
    );
    // The text form carries the bases too.
    let text = serde_json::to_string(&a.travel_matrix).unwrap();
    assert!(text.contains(r#""bases":[{"extract":"england-latest.osm.pbf""#));
    let parsed: TravelMatrix = serde_json::from_str(&text).unwrap();
    assert_eq!(parsed, a.travel_matrix);
    // A basis never names a mode the matrix lacks: narrowed, or dropped when nothing is left.
    let mut car_only = TravelMatrix::new(
        a.travel_matrix.zones().to_vec(),
        a.travel_matrix.sites().to_vec(),
        vec![TravelMode::Car, TravelMode::PublicTransport],
        vec![1.0; 4],
    )
    .unwrap();
    car_only.set_bases(a.travel_matrix.bases().to_vec());
    assert_eq!(car_only.bases().len(), 1);
    assert_eq!(car_only.bases()[0].modes, [TravelMode::Car]);
}

/// The road layer survives the file bit for bit; a layer cut short in the file is refused
/// with the table, row and field named, and the file is left as it was.
#[test]
fn the_road_layer_survives_the_file_and_a_damaged_one_is_named() {
    use appraise::model::{MainRoad, RoadLayer, RoadLine};
    let dir = Dir::new();
    let path = dir.path("layer.appraisal");
    let mut a = with_road_bases();
    let layer = RoadLayer {
        extract: "england-latest.osm.pbf".into(),
        lines: vec![
            RoadLine {
                class: MainRoad::Tertiary,
                points: vec![[52_000_001, -2_000_002], [52_000_101, -1_999_902], [-3, 4]],
            },
            RoadLine {
                class: MainRoad::Motorway,
                points: vec![[90_000_000, -180_000_000], [0, 180_000_000]],
            },
        ],
    };
    a.travel_matrix
        .set_road_layer(Some(std::sync::Arc::new(layer.clone())));
    store::create(&path, &a).unwrap();
    let back = store::open(&path).unwrap();
    assert_eq!(back.travel_matrix.road_layer(), Some(&layer));
    assert_eq!(back, a);

    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute(
        "UPDATE travel_matrix_roads SET lines = substr(lines, 1, length(lines) - 3)",
        [],
    )
    .unwrap();
    drop(conn);
    let before = std::fs::read(&path).unwrap();
    let err = refused(&path).to_string();
    assert!(
        err.contains("table travel_matrix_roads, row 1, field lines: line 1: cut short"),
        "{err}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

/// Replacing the stored matrix compares it a column at a time, and its audit entry is the one
/// the in-memory comparison gives: zones reordered and one dropped, a site added, cells added,
/// removed and altered, a mode dropped, the bases changed. The same matrix again writes nothing.
#[test]
fn a_replaced_matrix_is_compared_column_by_column_as_in_memory() {
    let dir = Dir::new();
    let path = dir.path("replace.appraisal");
    let a = with_road_bases();
    store::create(&path, &a).unwrap();
    let old = a.travel_matrix.clone();
    // The stored matrix: zones Z0, Z1; site S0; all four modes. The new one: zones Z2, Z1, Z0
    // (Z2 new); sites S0, S1; car and public transport only.
    let (z, s) = (&a.zones, &a.sites);
    let mut new = TravelMatrix::new(
        vec![z[2].code.clone(), z[1].code.clone(), z[0].code.clone()],
        vec![s[0].code.clone(), s[1].code.clone()],
        vec![TravelMode::Car, TravelMode::PublicTransport],
        vec![f32::NAN; 12],
    )
    .unwrap();
    let car = old.mode_index(TravelMode::Car).unwrap();
    let pt = old.mode_index(TravelMode::PublicTransport).unwrap();
    let was = |mode: usize, zone: usize| old.column(mode, 0)[zone];
    // Car at S0: Z2 added, Z1 the same, Z0 altered; at S1 (new) one value added.
    new.column_mut(0, 0)
        .copy_from_slice(&[7.0, was(car, 1), was(car, 0) + 1.0]);
    new.column_mut(0, 1)[0] = 3.0;
    // Public transport at S0: Z1 removed (NaN), Z0 the same.
    new.column_mut(1, 0)
        .copy_from_slice(&[f32::NAN, f32::NAN, was(pt, 0)]);
    let expected = store::matrix_change(&old, &new, Some("new.csv")).expect("a change");
    let entry = store::replace_travel_matrix(&path, &new, Some("new.csv"), &Revision::of(&a))
        .unwrap()
        .expect("written");
    assert_eq!(entry.what, expected.what);
    assert_eq!(entry.old, expected.old);
    assert_eq!(entry.new, expected.new);
    let said = entry.new.clone().unwrap_or_default();
    let cells = new.change_from(&old);
    assert_eq!((cells.added, cells.altered), (2, 1), "{said}");
    assert!(
        said.contains("what its times were computed from changed"),
        "{said}"
    );
    let back = store::open(&path).unwrap();
    assert_eq!(back.travel_matrix, new);
    // The same matrix again: nothing written.
    let again = store::replace_travel_matrix(&path, &new, None, &Revision::of(&back)).unwrap();
    assert!(again.is_none());
    assert_eq!(store::open(&path).unwrap().audit.len(), back.audit.len());
}

/// The matrix above with public transport times computed from two timetables: their basis
/// and the reliability bits of two thresholds over a two-hour window (120 minutes, two words
/// per zone), the second zone's bits to the site left unknown (not in the bits' zones).
fn with_transit() -> Appraisal {
    let mut a = with_road_bases();
    let zones = vec![a.travel_matrix.zones()[0].clone()];
    let sites = a.travel_matrix.sites().to_vec();
    let feed = |file: &str, sha: &str| TransitFeed {
        file: file.into(),
        sha256: sha.repeat(32),
        valid_from: "2026-11-01".into(),
        valid_to: "2027-01-31".into(),
        stops: 20_022,
        trips: 18_000,
        stop_times: 1_000_000,
    };
    let basis = TransitBasis {
        feeds: vec![
            feed("itm_south_west_gtfs.zip", "5e"),
            feed("rail.zip", "a1"),
        ],
        date: "2026-12-02".into(),
        window: "07:00-09:00".into(),
        minutes: 120,
        settings: TransitSettings {
            max_transfers: 2,
            walk_speed_kmh: 4.5,
            ..TransitSettings::default()
        },
        thresholds: vec![45.0, 60.0],
    };
    // Within 45 minutes: departures 0-63 and 64-79; within 60: every one of the 120.
    let bits = vec![vec![u64::MAX, 0xFFFF], vec![u64::MAX, (1 << 56) - 1]];
    let reliability = Reliability::new(120, zones, sites, bits).unwrap();
    a.travel_matrix
        .set_transit(Some(Transit::new(basis, reliability).unwrap()));
    a
}

#[test]
fn transit_basis_and_reliability_survive_the_file_and_the_text_form() {
    let dir = Dir::new();
    let path = dir.path("transit.appraisal");
    let a = with_transit();
    store::create(&path, &a).unwrap();
    let back = store::open(&path).unwrap();
    assert_eq!(back, a);
    let t = back.travel_matrix.transit().unwrap();
    let b = t.basis();
    assert_eq!(b.feeds[1].file, "rail.zip");
    assert_eq!(b.feeds[0].sha256, "5e".repeat(32));
    assert_eq!(
        (b.feeds[0].stops, b.feeds[0].stop_times),
        (20_022, 1_000_000)
    );
    assert_eq!(
        (b.settings.max_transfers, b.settings.walk_speed_kmh),
        (2, 4.5)
    );
    assert_eq!(
        (b.minutes, b.thresholds.as_slice()),
        (120, &[45.0, 60.0][..])
    );
    let r = t.reliability();
    assert_eq!(r.cell(0, 0, 0), [u64::MAX, 0xFFFF]);
    assert_eq!(r.cell(1, 0, 0), [u64::MAX, (1 << 56) - 1]);
    assert_eq!(r.bytes(), 2 * 16);
    // The bits are one BLOB per threshold and site.
    let conn = Connection::open(&path).unwrap();
    let blobs: i64 = conn
        .query_row("SELECT count(*) FROM travel_matrix_reliability", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(blobs, 2);
    drop(conn);

    // The JSON text form carries them too.
    let compact = serde_json::to_string(&a.travel_matrix).unwrap();
    assert!(
        compact.contains(r#""transit":{"basis":{"feeds":[{"file":"itm_south_west_gtfs.zip""#),
        "{compact}"
    );
    let text = appraise::textform::to_string(&a);
    let parsed = appraise::textform::from_str(&text, &path).unwrap();
    assert_eq!(parsed.travel_matrix, a.travel_matrix);

    // Bits in the text form that do not fit the zones are refused by name.
    let broken = compact.replace(
        r#""reliability":{"zones":["#,
        r#""reliability":{"zones":["EXTRA","#,
    );
    assert_ne!(broken, compact);
    let err = serde_json::from_str::<TravelMatrix>(&broken)
        .unwrap_err()
        .to_string();
    assert!(err.contains("bits are 2 words"), "{err}");

    // The basis is dropped with the public transport times.
    let mut road_only = TravelMatrix::new(
        a.travel_matrix.zones().to_vec(),
        a.travel_matrix.sites().to_vec(),
        vec![TravelMode::Car],
        vec![1.0; 2],
    )
    .unwrap();
    road_only.set_transit(a.travel_matrix.transit().cloned());
    assert!(road_only.transit().is_none());
}

#[test]
fn a_version_six_file_opens_with_no_transit_basis_and_gains_the_tables_when_saved() {
    let dir = Dir::new();
    let path = dir.path("v6.appraisal");
    version_one_file(&path);
    let mut conn = Connection::open(&path).unwrap();
    store::migrations_to(6).to_latest(&mut conn).unwrap();
    conn.execute_batch(
        r#"
        INSERT INTO zones (code, pos, name, latitude, longitude, population, imd_decile)
            VALUES ('Z1', 0, 'Zone', 52.8, -2.1, 1500.0, 3);
        INSERT INTO sites (code, pos, name, organisation, latitude, longitude)
            VALUES ('S1', 0, 'Site', 'RXX', 52.8, -2.1);
        INSERT INTO travel_matrix_zones VALUES (0, 'Z1');
        INSERT INTO travel_matrix_sites VALUES (0, 'S1');
        INSERT INTO travel_matrix_modes VALUES (0, 'public_transport');
        INSERT INTO travel_matrix VALUES (0, 0, X'00002041');
        "#,
    )
    .unwrap();
    drop(conn);
    let before = sha256(&path);
    let mut a = store::open(&path).unwrap();
    assert_eq!(sha256(&path), before, "opening does not upgrade the file");
    assert_eq!(a.travel_matrix.column(0, 0), &[10.0]);
    assert!(a.travel_matrix.transit().is_none());
    a.meta.author = "Another analyst".to_owned();
    assert_eq!(store::save(&path, &mut a).unwrap(), 1);
    let conn = Connection::open(&path).unwrap();
    let (version, rows): (u32, i64) = (
        conn.query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap(),
        conn.query_row("SELECT count(*) FROM travel_matrix_transit", [], |r| {
            r.get(0)
        })
        .unwrap(),
    );
    assert_eq!((version, rows), (store::LATEST_VERSION, 0));
}

#[test]
fn a_version_five_file_opens_with_its_matrix_and_no_road_basis() {
    let dir = Dir::new();
    let path = dir.path("v5.appraisal");
    version_one_file(&path);
    let mut conn = Connection::open(&path).unwrap();
    store::migrations_to(5).to_latest(&mut conn).unwrap();
    // One zone, one site and a car time of 10 minutes (0x41200000, little-endian).
    conn.execute_batch(
        r#"
        INSERT INTO zones (code, pos, name, latitude, longitude, population, imd_decile)
            VALUES ('Z1', 0, 'Zone', 52.8, -2.1, 1500.0, 3);
        INSERT INTO sites (code, pos, name, organisation, latitude, longitude)
            VALUES ('S1', 0, 'Site', 'RXX', 52.8, -2.1);
        INSERT INTO travel_matrix_zones VALUES (0, 'Z1');
        INSERT INTO travel_matrix_sites VALUES (0, 'S1');
        INSERT INTO travel_matrix_modes VALUES (0, 'car');
        INSERT INTO travel_matrix VALUES (0, 0, X'00002041');
        "#,
    )
    .unwrap();
    drop(conn);
    let before = sha256(&path);
    let mut a = store::open(&path).unwrap();
    assert_eq!(sha256(&path), before, "opening does not upgrade the file");
    assert_eq!(a.travel_matrix.modes(), [TravelMode::Car]);
    assert_eq!(a.travel_matrix.column(0, 0), &[10.0]);
    assert!(a.travel_matrix.bases().is_empty());

    // Saved with a change it gains the bases table, still empty.
    a.meta.author = "Another analyst".to_owned();
    assert_eq!(store::save(&path, &mut a).unwrap(), 1);
    let conn = Connection::open(&path).unwrap();
    let (version, bases): (u32, i64) = (
        conn.query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap(),
        conn.query_row("SELECT count(*) FROM travel_matrix_bases", [], |r| r.get(0))
            .unwrap(),
    );
    assert_eq!((version, bases), (store::LATEST_VERSION, 0));
    assert_eq!(
        store::open(&path).unwrap().travel_matrix.column(0, 0),
        &[10.0]
    );
}

/// A file from before SMAA's draws could be made in blocks keeps drawing them in one sequence
/// (its seed keeps its figures), also once saved again; its text leaves the choice out, as
/// the text always did. A new appraisal draws in blocks, and that is saved, read back and
/// written in its text.
#[test]
fn files_from_before_blocks_keep_their_draws_and_new_appraisals_draw_in_blocks() {
    use appraise::model::DrawStream;
    let dir = Dir::new();
    let path = dir.path("v6.appraisal");
    version_six_file(&path, "uniform", None);
    let mut a = store::open(&path).unwrap();
    assert_eq!(a.settings.sensitivity.stream, DrawStream::Sequential);
    store::save(&path, &mut a).unwrap();
    let a = store::open(&path).unwrap();
    assert_eq!(a.settings.sensitivity.stream, DrawStream::Sequential);
    assert!(!appraise::textform::to_string(&a).contains("\"stream\""));

    let b = Appraisal::new("Drawn in blocks");
    assert_eq!(b.settings.sensitivity.stream, DrawStream::Blocks);
    let path = dir.path("new.appraisal");
    store::create(&path, &b).unwrap();
    let b = store::open(&path).unwrap();
    assert_eq!(b.settings.sensitivity.stream, DrawStream::Blocks);
    let text = appraise::textform::to_string(&b);
    assert!(text.contains(r#""stream": "blocks""#), "{text:.2000}");
    let read = appraise::textform::from_str(&text, &path).unwrap();
    assert_eq!(read.settings.sensitivity.stream, DrawStream::Blocks);
}
