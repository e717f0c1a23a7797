//! The JSON text form: lossless both ways.

use std::path::Path;

use appraise::{store, textform};

use crate::util::Dir;

#[test]
fn json_to_file_to_json_is_exact() {
    let dir = Dir::new();
    let mut a = appraise::demo::appraisal();
    a.zones[0].population = 1_234.567_890_123_456_7;
    // A rate with no short decimal form (0.050000000000000044), within the editor's 0-20%.
    a.meta.discount.bands[0].rate = 0.1 + 0.2 - 0.25;
    let text = textform::to_string(&a);
    let parsed = textform::from_str(&text, Path::new("in.json")).unwrap();
    assert_eq!(parsed, a);
    let path = dir.path("a.appraisal");
    store::create(&path, &parsed).unwrap();
    assert_eq!(textform::to_string(&store::open(&path).unwrap()), text);
}

#[test]
fn the_text_form_names_every_part() {
    let text = textform::to_string(&appraise::demo::appraisal());
    for key in [
        "\"format\": \"appraise\"",
        "\"organisations\"",
        "\"baseline\"",
        "\"site_services\"",
        "\"criteria\"",
        "\"value_function\"",
        "\"hurdle\"",
        "\"scores\"",
        "\"rationale\"",
        "\"weight_sets\"",
        "\"audit\"",
    ] {
        assert!(text.contains(key), "missing {key}");
    }
}

#[test]
fn an_unknown_field_is_an_error_naming_it() {
    let text = textform::to_string(&appraise::demo::appraisal()).replacen(
        "\"health_economy\"",
        "\"health_economyy\"",
        1,
    );
    let err = textform::from_str(&text, Path::new("typo.json"))
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("typo.json: line "), "{err}");
    assert!(err.contains("unknown field `health_economyy`"), "{err}");
}

#[test]
fn sensitivity_settings_go_json_to_file_to_json_exactly() {
    let dir = Dir::new();
    let mut a = appraise::demo::appraisal();
    a.settings.sensitivity = appraise::model::SensitivitySettings {
        tornado_share: 0.1 + 0.2,
        samples: 99_999,
        seed: u64::MAX,
        draw: appraise::model::WeightDraw::LevelByLevel,
        weights: appraise::model::WeightModel::AroundBase { share: 0.3 },
        groups: vec![appraise::model::GroupWeights {
            group: "QUA".to_owned(),
            weights: appraise::model::WeightModel::Bounds {
                bounds: vec![appraise::model::WeightBound {
                    criterion: "QUA-STD".to_owned(),
                    min: 0.1,
                    max: 1.0 / 3.0,
                }],
            },
        }],
        scores: appraise::model::ScoreModel::Fixed,
        confidence_samples: 7,
        stream: appraise::model::DrawStream::Blocks,
    };
    let text = textform::to_string(&a);
    assert!(
        text.contains("\"seed\": 18446744073709551615"),
        "the seed is written as a whole number"
    );
    let parsed = textform::from_str(&text, Path::new("in.json")).unwrap();
    assert_eq!(parsed, a);
    let path = dir.path("a.appraisal");
    store::create(&path, &parsed).unwrap();
    assert_eq!(textform::to_string(&store::open(&path).unwrap()), text);
}

#[test]
fn json_from_before_the_weight_draw_keeps_its_meaning() {
    use appraise::model::{WeightDraw, WeightModel};
    let a = appraise::demo::appraisal();
    let old = |weights: serde_json::Value| {
        let mut value: serde_json::Value = serde_json::from_str(&textform::to_string(&a)).unwrap();
        let s = value
            .pointer_mut("/appraisal/settings/sensitivity")
            .and_then(serde_json::Value::as_object_mut)
            .expect("the sensitivity settings");
        assert!(s.remove("draw").is_some() && s.remove("groups").is_some());
        s.insert("weights".to_owned(), weights);
        textform::from_str(&value.to_string(), Path::new("old.json"))
            .unwrap()
            .settings
            .sensitivity
    };
    // A model naming leaves or banding their weights was the flat draw, and stays so.
    let ranked = old(serde_json::json!({"type": "ranking", "ranking": ["QUA-STD", "VIA-NPV"]}));
    assert_eq!(ranked.draw, WeightDraw::Flat);
    assert!(ranked.groups.is_empty());
    let band = old(serde_json::json!({"type": "around_base", "share": 0.2}));
    assert_eq!(
        (band.draw, band.weights),
        (WeightDraw::Flat, WeightModel::AroundBase { share: 0.2 })
    );
    // The default takes today's default, level by level.
    let uniform = old(serde_json::json!({"type": "uniform"}));
    assert_eq!(uniform.draw, WeightDraw::LevelByLevel);
    assert_eq!(uniform, appraise::model::SensitivitySettings::default());
}

#[test]
fn json_without_sensitivity_settings_gets_the_defaults() {
    let a = appraise::demo::appraisal();
    let mut value: serde_json::Value = serde_json::from_str(&textform::to_string(&a)).unwrap();
    let settings = value
        .pointer_mut("/appraisal/settings")
        .and_then(serde_json::Value::as_object_mut)
        .expect("the settings object");
    assert!(settings.remove("sensitivity").is_some());
    let parsed = textform::from_str(&value.to_string(), Path::new("old.json")).unwrap();
    assert_eq!(
        parsed.settings.sensitivity,
        appraise::model::SensitivitySettings::default()
    );
}
