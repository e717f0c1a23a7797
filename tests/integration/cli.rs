//! The `appraise` command line, run as a user would.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::util::{Dir, sha256};

fn appraise(args: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_appraise"))
        .args(args)
        .output()
        .expect("run appraise")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn ok(args: &[&Path]) -> String {
    let out = appraise(args);
    assert!(
        out.status.success(),
        "appraise {args:?} failed: {}",
        text(&out.stderr)
    );
    text(&out.stdout)
}

/// The demo as JSON text, edited by `edit`, imported as `broken.appraisal` in `dir`.
fn edited_demo(dir: &Dir, edit: impl FnOnce(String) -> String) -> PathBuf {
    let (file, json, broken) = (
        dir.path("a.appraisal"),
        dir.path("a.json"),
        dir.path("broken.appraisal"),
    );
    ok(&["demo".as_ref(), &file]);
    ok(&["export".as_ref(), &file, &json]);
    std::fs::write(&json, edit(std::fs::read_to_string(&json).unwrap())).unwrap();
    ok(&["import".as_ref(), &json, &broken]);
    broken
}

#[test]
fn demo_show_and_validate() {
    let dir = Dir::new();
    let file = dir.path("demo.appraisal");
    ok(&["demo".as_ref(), &file]);
    let shown = ok(&["show".as_ref(), &file]);
    assert!(shown.starts_with("Illustrative"), "{shown}");
    assert!(shown.contains("ILLUSTRATIVE: not a real appraisal"));
    assert!(shown.contains("Mid Staffordshire"));
    assert!(shown.contains("Options (5)"), "{shown}");
    let validated = ok(&["validate".as_ref(), &file]);
    assert_eq!(validated.trim(), format!("{}: no problems", file.display()));
}

#[test]
fn show_json_is_the_summary() {
    let dir = Dir::new();
    let file = dir.path("demo.appraisal");
    ok(&["demo".as_ref(), &file]);
    let json: serde_json::Value =
        serde_json::from_str(&ok(&["show".as_ref(), &file, "--json".as_ref()])).unwrap();
    assert_eq!(json["options"].as_array().unwrap().len(), 5);
    assert_eq!(json["illustrative"], true);
}

#[test]
fn export_import_export_gives_the_same_json() {
    let dir = Dir::new();
    let (file, first, again, second) = (
        dir.path("a.appraisal"),
        dir.path("a.json"),
        dir.path("b.appraisal"),
        dir.path("b.json"),
    );
    ok(&["demo".as_ref(), &file]);
    ok(&["export".as_ref(), &file, &first]);
    ok(&["import".as_ref(), &first, &again]);
    ok(&["export".as_ref(), &again, &second]);
    assert_eq!(
        std::fs::read(&first).unwrap(),
        std::fs::read(&second).unwrap()
    );
}

#[test]
fn import_of_bad_json_names_the_file_and_field_and_writes_nothing() {
    let dir = Dir::new();
    let (file, json, out) = (
        dir.path("a.appraisal"),
        dir.path("a.json"),
        dir.path("out.appraisal"),
    );
    ok(&["demo".as_ref(), &file]);
    ok(&["export".as_ref(), &file, &json]);
    let broken = std::fs::read_to_string(&json).unwrap().replacen(
        "\"population\": ",
        "\"population\": \"many\", \"x\": ",
        1,
    );
    std::fs::write(&json, broken).unwrap();
    let result = appraise(&["import".as_ref(), &json, &out]);
    assert_eq!(result.status.code(), Some(2));
    let err = text(&result.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with(&format!("appraise: {}: line ", json.display())),
        "{err}"
    );
    assert!(
        err.contains("at appraisal.zones[0].population: invalid type: string \"many\""),
        "{err}"
    );
    assert!(!out.exists());
}

#[test]
fn opening_a_text_file_fails_with_one_line() {
    let dir = Dir::new();
    let notes = dir.path("notes.txt");
    std::fs::write(&notes, "hello").unwrap();
    let before = sha256(&notes);
    let result = appraise(&["show".as_ref(), &notes]);
    assert_eq!(result.status.code(), Some(2));
    assert_eq!(
        text(&result.stderr),
        format!(
            "appraise: {} is not an appraisal file: it is not an SQLite database\n",
            notes.display()
        )
    );
    assert_eq!(sha256(&notes), before);
}

#[test]
fn validate_lists_every_problem_in_a_hand_broken_file() {
    let dir = Dir::new();
    let (file, json, broken) = (
        dir.path("a.appraisal"),
        dir.path("a.json"),
        dir.path("broken.appraisal"),
    );
    ok(&["demo".as_ref(), &file]);
    ok(&["export".as_ref(), &file, &json]);
    let mut value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let a = &mut value["appraisal"];
    // A top-level weight off, one score missing, a site without coordinates, an empty zone,
    // a scorer's score outside the scale, and no do-minimum option.
    let group = a["criteria"][0]["code"].as_str().unwrap().to_owned();
    a["criteria"][0]["weight"] = serde_json::json!(0.0);
    let removed = a["scores"].as_array_mut().unwrap().remove(0);
    a["scores"][0]["value"] = serde_json::json!(11.0);
    let site = a["sites"][0]["code"].as_str().unwrap().to_owned();
    a["sites"][0]["latitude"] = serde_json::Value::Null;
    let zone = a["zones"][0]["code"].as_str().unwrap().to_owned();
    a["zones"][0]["population"] = serde_json::json!(0.0);
    a["options"][0]["kind"] = serde_json::json!("merger");
    std::fs::write(&json, serde_json::to_string_pretty(&value).unwrap()).unwrap();
    ok(&["import".as_ref(), &json, &broken]);

    let result = appraise(&["validate".as_ref(), &broken]);
    assert_eq!(result.status.code(), Some(1));
    let listed = text(&result.stdout);
    let expect = [
        "error: criteria/weights: the weights of".to_owned(),
        format!("error: sites/{site}/latitude: "),
        format!("error: zones/{zone}/population: "),
        "error: options: there is no do-minimum option".to_owned(),
        format!(
            "error: scores/{}/{}: ",
            removed["option"].as_str().unwrap(),
            removed["criterion"].as_str().unwrap()
        ),
        "is outside the scale 0 to 10".to_owned(),
    ];
    for line in expect {
        assert!(listed.contains(&line), "missing {line:?} in:\n{listed}");
    }
    assert!(listed.contains("sum to 0."), "{group}: {listed}");
    assert_eq!(listed.lines().count(), 6, "{listed}");
    assert!(text(&result.stderr).contains("has 6 errors"));
}

#[test]
fn score_ranks_the_demo_and_marks_the_preferred_and_failing_options() {
    let dir = Dir::new();
    let file = dir.path("demo.appraisal");
    ok(&["demo".as_ref(), &file]);
    let table = ok(&["score".as_ref(), &file]);
    assert!(table.starts_with("rank  option"), "{table}");
    assert_eq!(table.matches("<- preferred").count(), 1, "{table}");
    assert!(table.contains("FAILS: "), "{table}");
    let json: serde_json::Value =
        serde_json::from_str(&ok(&["score".as_ref(), &file, "--json".as_ref()])).unwrap();
    let preferred = json["preferred"].as_str().unwrap();
    let options = json["options"].as_array().unwrap();
    assert_eq!(options.len(), 5);
    for o in options {
        let total = o["total"].as_f64().unwrap();
        assert!((0.0..=100.0).contains(&total));
        if o["code"] == preferred {
            assert_eq!(o["hurdles"]["passes"], true);
        }
    }
}

#[test]
fn score_of_a_bad_score_fails_with_one_line_naming_it() {
    let dir = Dir::new();
    let broken = edited_demo(&dir, |text| {
        text.replacen(
            "\"scorer\": \"MD\",\n        \"value\": 3.0",
            "\"scorer\": \"MD\",\n        \"value\": 30.0",
            1,
        )
    });
    let result = appraise(&["score".as_ref(), &broken]);
    assert_eq!(result.status.code(), Some(2));
    let err = text(&result.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with(&format!(
            "appraise: {}: Do minimum (DM) on ",
            broken.display()
        )),
        "{err}"
    );
    assert!(
        err.contains("scored 30, outside the panel scale 0 to 10"),
        "{err}"
    );
}

#[test]
fn finance_projects_the_demo_with_both_rating_scales_labelled() {
    let dir = Dir::new();
    let file = dir.path("demo.appraisal");
    ok(&["demo".as_ref(), &file]);
    let table = ok(&["finance".as_ref(), &file]);
    assert!(table.contains("CoSRR (4 = least risk)"), "{table}");
    assert!(table.contains("SOF (1 = best)"), "{table}");
    assert_eq!(
        table.matches("NPV vs do minimum (GBP m)").count(),
        5,
        "{table}"
    );
    assert!(table.contains("2022/23"), "{table}");
    let json: serde_json::Value =
        serde_json::from_str(&ok(&["finance".as_ref(), &file, "--json".as_ref()])).unwrap();
    assert_eq!(json["do_minimum"], "DM");
    let options = json["options"].as_array().unwrap();
    assert_eq!(options.len(), 5);
    for o in options {
        assert_eq!(o["years"].as_array().unwrap().len(), 10);
        assert!(o["economic"]["npv_vs_do_minimum"].is_number());
    }
}

#[test]
fn finance_of_a_year_without_income_fails_naming_the_file_option_organisation_and_year() {
    let dir = Dir::new();
    let broken = edited_demo(&dir, |text| {
        text.replacen(
            "\"operating_income\": 161600.0",
            "\"operating_income\": 0.0",
            1,
        )
    });
    let result = appraise(&["finance".as_ref(), &broken]);
    assert_eq!(result.status.code(), Some(2));
    let err = text(&result.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert_eq!(
        err.trim_end(),
        format!(
            "appraise: {}: Do minimum (DM), Mid Staffordshire NHS Foundation Trust (RJD), \
             2014/15: operating income is 0; it must be above zero for the I&E margin and the \
             ratings",
            broken.display()
        )
    );
}

#[test]
fn travel_of_the_demo_prints_tables_and_json() {
    let dir = Dir::new();
    let file = dir.path("demo.appraisal");
    ok(&["demo".as_ref(), &file]);
    let table = ok(&["travel".as_ref(), &file]);
    assert!(
        table.contains("Accident and emergency (type 1) (AE) by car (off-peak): threshold 30 min"),
        "{table}"
    );
    assert!(
        table.contains("by IMD quintile (1 = most deprived)"),
        "{table}"
    );
    assert!(
        table.contains(
            "People whose journey by car (off-peak) to any service grows by more than 15 minutes"
        ),
        "{table}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&ok(&["travel".as_ref(), &file, "--json".as_ref()])).unwrap();
    assert_eq!(json["baseline"], "DM");
    let services = json["services"].as_array().unwrap();
    assert_eq!(
        services.len(),
        14,
        "6 services x car and public transport, and A&E and maternity by blue light"
    );
    assert_eq!(services[1]["mode"], "blue_light");
    assert_eq!(services[1]["threshold_minutes"], 30.0);
    let ae_car = &services[0];
    assert_eq!(ae_car["mode"], "car");
    let dm = &ae_car["options"][0]["all"];
    assert!((dm["share_within"].as_f64().unwrap() - 88.2).abs() < 0.05);
    assert_eq!(dm["estimated_share"], 100.0, "the demo has no matrix");
}

/// The demo's zone and site codes, for writing matrices.
fn demo_codes() -> (Vec<String>, Vec<String>) {
    let a = appraise::demo::appraisal();
    (
        a.zones.iter().map(|z| z.code.clone()).collect(),
        a.sites.iter().map(|s| s.code.clone()).collect(),
    )
}

#[test]
fn import_matrix_then_travel_uses_it() {
    let dir = Dir::new();
    let (file, csv) = (dir.path("demo.appraisal"), dir.path("times.csv"));
    ok(&["demo".as_ref(), &file]);
    let (zones, sites) = demo_codes();
    let mut text = "Zone,Site,Mode,Minutes\n".to_owned();
    for z in &zones {
        for s in &sites {
            text.push_str(&format!("{z},{s},car,12.5\n{z},{s},PT,40\n"));
        }
    }
    std::fs::write(&csv, text).unwrap();
    let said = ok(&["import-matrix".as_ref(), &file, &csv]);
    let rows = zones.len() * sites.len() * 2;
    assert!(
        said.starts_with(&format!("imported {rows} rows from {}", csv.display())),
        "{said}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&ok(&["travel".as_ref(), &file, "--json".as_ref()])).unwrap();
    let dm = &json["services"][0]["options"][0]["all"];
    assert_eq!(dm["mean"], 12.5);
    assert_eq!(dm["estimated_share"], 0.0);
    assert_eq!(json["matrix_values"], rows);
    let a = appraise::store::open(&file).unwrap();
    let entry = a.audit.last().unwrap();
    assert_eq!(entry.what, "travel_matrix");
    assert!(
        entry
            .new
            .as_deref()
            .unwrap()
            .contains(&format!("travel matrix: {rows} cells changed")),
        "{entry:?}"
    );
}

#[test]
fn import_matrix_stops_at_a_bad_row_naming_line_and_reason_and_writes_nothing() {
    let dir = Dir::new();
    let (file, csv) = (dir.path("demo.appraisal"), dir.path("bad.csv"));
    ok(&["demo".as_ref(), &file]);
    let before = sha256(&file);
    let (zones, sites) = demo_codes();
    let (z, s) = (&zones[0], &sites[0]);
    let good = format!(
        "zone,site,mode,minutes\n{z},{s},car,10\n{z},{},car,11.5\n",
        sites[1]
    );
    let cases = [
        (
            format!("NOWHERE,{s},car,10"),
            "field zone: unknown zone 'NOWHERE'".to_owned(),
        ),
        (
            format!("{z},NOSITE,car,10"),
            "field site: unknown site 'NOSITE'".to_owned(),
        ),
        (
            format!("{z},{s},bike,10"),
            "field mode: unknown mode 'bike': use car, car_peak, blue_light, public_transport or pt".to_owned(),
        ),
        (
            format!("{z},{},pt,-3", sites[2]),
            "field minutes: -3 minutes is negative".to_owned(),
        ),
        (
            format!("{z},{},pt,ten", sites[2]),
            "field minutes: 'ten' is not a number of minutes".to_owned(),
        ),
        (
            format!("{z},{},pt,NaN", sites[2]),
            "field minutes: 'NaN' is not a number of minutes".to_owned(),
        ),
        (
            format!("{z},{},pt,", sites[2]),
            "field minutes: no minutes given".to_owned(),
        ),
        (
            format!("{z},{s},car,12"),
            format!("field zone: duplicate row: zone {z}, site {s}, mode car already has a time"),
        ),
    ];
    for (row, reason) in cases {
        std::fs::write(&csv, format!("{good}{row}\n{z},{},car,9\n", sites[3])).unwrap();
        let result = appraise(&["import-matrix".as_ref(), &file, &csv]);
        assert_eq!(result.status.code(), Some(2), "{row}");
        let err = text(&result.stderr);
        assert_eq!(
            err,
            format!("appraise: {}: line 4, {reason}\n", csv.display()),
            "{row}"
        );
        assert_eq!(sha256(&file), before, "nothing written for {row}");
    }
    std::fs::write(&csv, format!("zone,site,mode,mins\n{z},{s},car,10\n")).unwrap();
    let err = text(&appraise(&["import-matrix".as_ref(), &file, &csv]).stderr);
    assert_eq!(
        err,
        format!(
            "appraise: {}: line 1: unknown column 'mins': the header must name zone, site, mode and minutes\n",
            csv.display()
        )
    );
    assert_eq!(sha256(&file), before);
}

#[test]
fn import_matrix_refuses_an_appraisal_with_a_zone_without_population() {
    let dir = Dir::new();
    let (file, json, broken, csv) = (
        dir.path("a.appraisal"),
        dir.path("a.json"),
        dir.path("b.appraisal"),
        dir.path("m.csv"),
    );
    ok(&["demo".as_ref(), &file]);
    ok(&["export".as_ref(), &file, &json]);
    let (zones, sites) = demo_codes();
    let text_form = std::fs::read_to_string(&json).unwrap();
    let mut value: serde_json::Value = serde_json::from_str(&text_form).unwrap();
    value["appraisal"]["zones"][1]["population"] = serde_json::json!(0.0);
    let name = value["appraisal"]["zones"][1]["name"]
        .as_str()
        .unwrap()
        .to_owned();
    std::fs::write(&json, serde_json::to_string_pretty(&value).unwrap()).unwrap();
    ok(&["import".as_ref(), &json, &broken]);
    std::fs::write(
        &csv,
        format!("zone,site,mode,minutes\n{},{},car,10\n", zones[0], sites[0]),
    )
    .unwrap();
    let before = sha256(&broken);
    let result = appraise(&["import-matrix".as_ref(), &broken, &csv]);
    assert_eq!(result.status.code(), Some(2));
    assert_eq!(
        text(&result.stderr),
        format!(
            "appraise: {}: zones/{}: {name} has no population: give every zone a population before importing a travel matrix\n",
            broken.display(),
            zones[1]
        )
    );
    assert_eq!(sha256(&broken), before);
    // And travel refuses it too, naming the file and the zone.
    let result = appraise(&["travel".as_ref(), &broken]);
    assert_eq!(
        text(&result.stderr),
        format!(
            "appraise: {}: zones/{}: {name} has no population\n",
            broken.display(),
            zones[1]
        )
    );
}

#[test]
fn sensitivity_of_the_demo_prints_every_section() {
    let dir = Dir::new();
    let file = dir.path("demo.appraisal");
    ok(&["demo".as_ref(), &file]);
    let out = ok(&[
        "sensitivity".as_ref(),
        &file,
        "--samples".as_ref(),
        "2000".as_ref(),
    ]);
    for section in [
        "Preferred option: SPLIT",
        "One-way weight sensitivity: top-level groups",
        "One-way weight sensitivity: criteria within their groups",
        "Tornado: effect on the preferred option's lead",
        "Weight sets: total (rank)",
        "Equal weights",
        "Finance-led",
        "Clinical-led",
        "SMAA-2 rank acceptability (% of 2000 draws, seed 1",
        "MERGE-E*",
    ] {
        assert!(out.contains(section), "no '{section}' in:\n{out}");
    }
    assert!(out.contains("switch at") || out.contains("no switch in 0-100%"));
}

#[test]
fn sensitivity_json_is_repeatable_for_a_seed() {
    let dir = Dir::new();
    let file = dir.path("demo.appraisal");
    ok(&["demo".as_ref(), &file]);
    let run = |seed: &str| {
        ok(&[
            "sensitivity".as_ref(),
            &file,
            "--json".as_ref(),
            "--samples".as_ref(),
            "500".as_ref(),
            "--seed".as_ref(),
            seed.as_ref(),
        ])
    };
    let (one, again, other) = (run("9"), run("9"), run("10"));
    assert_eq!(one, again);
    assert_ne!(one, other);
    let json: serde_json::Value = serde_json::from_str(&one).unwrap();
    assert_eq!(json["smaa"]["samples"], 500);
    assert_eq!(json["smaa"]["seed"], 9);
    assert_eq!(json["smaa"]["options"].as_array().unwrap().len(), 5);
    assert_eq!(json["weight_sets"]["sets"].as_array().unwrap().len(), 3);
    assert!(!json["one_way"].as_array().unwrap().is_empty());
}

/// The demo draws in one sequence; `--stream blocks` draws the same seed in blocks on every
/// core, and says so, with other figures; either is repeatable.
#[test]
fn sensitivity_json_names_its_stream_and_blocks_are_repeatable() {
    let dir = Dir::new();
    let file = dir.path("demo.appraisal");
    ok(&["demo".as_ref(), &file]);
    let run = |stream: Option<&str>| {
        let mut args: Vec<&Path> = vec![
            "sensitivity".as_ref(),
            &file,
            "--json".as_ref(),
            "--samples".as_ref(),
            "3000".as_ref(),
        ];
        if let Some(s) = stream {
            args.extend([Path::new("--stream"), Path::new(s)]);
        }
        serde_json::from_str::<serde_json::Value>(&ok(&args)).unwrap()["smaa"].clone()
    };
    let (stored, blocks, again) = (run(None), run(Some("blocks")), run(Some("blocks")));
    assert_eq!(stored["stream"], "sequential");
    assert_eq!(blocks["stream"], "blocks");
    assert_eq!(blocks, again);
    assert_ne!(blocks["options"], stored["options"]);
    assert_eq!(run(Some("sequential")), stored);
}

#[test]
fn sensitivity_with_zero_samples_fails_with_one_line() {
    let dir = Dir::new();
    let file = dir.path("demo.appraisal");
    ok(&["demo".as_ref(), &file]);
    let result = appraise(&[
        "sensitivity".as_ref(),
        &file,
        "--samples".as_ref(),
        "0".as_ref(),
    ]);
    assert_eq!(result.status.code(), Some(2));
    let err = text(&result.stderr);
    assert_eq!(
        err.trim_end(),
        format!(
            "appraise: {}: the sample count must be at least 1, not 0",
            file.display()
        )
    );
}

#[test]
fn sensitivity_runs_with_the_stored_settings_and_flags_override_them() {
    let dir = Dir::new();
    let file = edited_demo(&dir, |text| {
        let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
        value["appraisal"]["settings"]["sensitivity"] = serde_json::json!({
            "tornado_share": 0.25,
            "samples": 700,
            "seed": 77,
            "weights": {"type": "around_base", "share": 0.2},
            "scores": "triangular",
            "confidence_samples": 300
        });
        value.to_string()
    });
    let run = |flags: &[&str]| -> serde_json::Value {
        let mut args: Vec<&Path> = vec!["sensitivity".as_ref(), &file, "--json".as_ref()];
        args.extend(flags.iter().map(Path::new));
        serde_json::from_str(&ok(&args)).unwrap()
    };
    let stored = run(&[]);
    assert_eq!(stored["tornado"]["share"], 0.25);
    assert_eq!(stored["smaa"]["samples"], 700);
    assert_eq!(stored["smaa"]["seed"], 77);
    assert_eq!(stored["smaa"]["confidence_samples"], 300);
    // Written before the draw was stored, with a band: the flat draw, as it meant then.
    assert_eq!(stored["smaa"]["draw"], "flat");
    assert_eq!(
        stored["smaa"]["weights"],
        "drawn flat over the 12 weighted leaf criteria, uniform within +/-20% of the appraisal's weights"
    );
    assert_eq!(stored["smaa"]["levels"], serde_json::json!([]));
    // sqrt(0.25 / 700).
    assert_eq!(
        stored["smaa"]["max_standard_error"],
        (0.25f64 / 700.0).sqrt()
    );
    assert!(
        stored["smaa"]["scores"]
            .as_str()
            .unwrap()
            .starts_with("panel cells triangular"),
        "{}",
        stored["smaa"]["scores"]
    );
    // Running again gives the same figures: the stored seed is used.
    assert_eq!(run(&[]), stored);

    let flagged = run(&[
        "--samples",
        "300",
        "--seed",
        "5",
        "--weights",
        "uniform",
        "--scores",
        "fixed",
    ]);
    assert_eq!(flagged["smaa"]["samples"], 300);
    assert_eq!(flagged["smaa"]["seed"], 5);
    assert_eq!(
        flagged["smaa"]["weights"],
        "drawn flat over the 12 weighted leaf criteria, uniform on the simplex (no weight information)"
    );
    assert_eq!(flagged["smaa"]["scores"], "fixed at the panel's aggregate");
    // Fixed scores need one confidence draw; the unflagged settings stay as stored.
    assert_eq!(flagged["smaa"]["confidence_samples"], 1);
    assert_eq!(flagged["tornado"]["share"], 0.25);
    // --weights around-base keeps the stored share.
    let around = run(&["--weights", "around-base", "--confidence-samples", "50"]);
    assert_eq!(
        around["smaa"]["weights"],
        "drawn flat over the 12 weighted leaf criteria, uniform within +/-20% of the appraisal's weights"
    );
    assert_eq!(around["smaa"]["confidence_samples"], 50);
    // --draw level-by-level: the band is around the top level's weights, groups fixed.
    let levels = run(&["--draw", "level-by-level"]);
    assert_eq!(levels["smaa"]["draw"], "level_by_level");
    assert_eq!(
        levels["smaa"]["weights"],
        "drawn level by level down the criteria tree: the top level's 4 weights uniform within +/-20% of the appraisal's weights; within each group fixed at the appraisal's weights"
    );
    let level = &levels["smaa"]["levels"];
    assert_eq!(level[0]["name"], "Top level");
    assert_eq!(level[0]["criteria"], 4);
    assert_eq!(level[1]["group"], "VIA");
    assert_eq!(level[1]["weights"], "fixed at the appraisal's weights");
    // The second run has no weight information at any level.
    assert_eq!(
        levels["no_weight_information"]["weights"],
        "drawn level by level down the criteria tree: the top level's 4 weights uniform on the simplex (no weight information); within every group uniform on the simplex (no weight information)"
    );
}

#[test]
fn validate_names_bad_sensitivity_settings() {
    let dir = Dir::new();
    let file = edited_demo(&dir, |text| {
        let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
        value["appraisal"]["settings"]["sensitivity"]["samples"] = serde_json::json!(0);
        value["appraisal"]["settings"]["sensitivity"]["weights"] =
            serde_json::json!({"type": "ranking", "ranking": ["QUA", "QUA"]});
        value["appraisal"]["settings"]["sensitivity"]["groups"] = serde_json::json!([
            {"group": "NOPE", "weights": {"type": "uniform"}},
            {"group": "ACC", "weights": {"type": "ranking", "ranking": ["QUA-STD"]}},
            {"group": "QUA", "weights": {"type": "bounds", "bounds": [
                {"criterion": "QUA-STD", "min": 0.6, "max": 1.0},
                {"criterion": "QUA-CQC", "min": 0.6, "max": 1.0}
            ]}}
        ]);
        value.to_string()
    });
    let out = appraise(&["validate".as_ref(), &file]);
    assert_eq!(out.status.code(), Some(1));
    let listed = text(&out.stdout);
    assert!(
        listed.contains("settings/sensitivity/samples: SMAA needs at least 1 draw, not 0"),
        "{listed}"
    );
    for problem in [
        "settings/sensitivity/weights/ranking/QUA: 'QUA' is named twice",
        "settings/sensitivity/groups/NOPE: unknown group 'NOPE'",
        "settings/sensitivity/groups/ACC/weights/ranking/QUA-STD: within Access (ACC): 'QUA-STD' is not one of the children of Access carrying weight",
        "settings/sensitivity/groups/QUA/weights/bounds: within Quality (QUA): the weight bounds exclude every weight vector: the minimums sum to 1.2000 and the maximums to 4.0000, but the weights must sum to 1",
    ] {
        assert!(listed.contains(problem), "{problem}\n{listed}");
    }
}

#[test]
fn a_reader_that_stops_early_ends_the_command_quietly() {
    let dir = Dir::new();
    let file = dir.path("demo.appraisal");
    ok(&["demo".as_ref(), &file]);
    // `appraise score FILE --json | head -c 0`: the reader has gone before anything is written.
    for _ in 0..3 {
        let mut child = Command::new(env!("CARGO_BIN_EXE_appraise"))
            .args(["score".as_ref(), file.as_os_str(), "--json".as_ref()])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{:?}: {}",
            out.status,
            text(&out.stderr)
        );
        assert_eq!(text(&out.stderr), "", "no panic, no message");
    }
}

/// The demo's JSON text with each criterion's fields changed by `edit(code, criterion)`,
/// imported and validated: what `appraise validate` lists, and its exit code.
fn validated_json(edit: impl Fn(&str, &mut serde_json::Value)) -> (Option<i32>, String) {
    let dir = Dir::new();
    let broken = edited_demo(&dir, |text| {
        let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
        for c in value["appraisal"]["criteria"].as_array_mut().unwrap() {
            let code = c["code"].as_str().unwrap().to_owned();
            edit(&code, c);
        }
        serde_json::to_string_pretty(&value).unwrap()
    });
    let result = appraise(&["validate".as_ref(), &broken]);
    (result.status.code(), text(&result.stdout))
}

#[test]
fn json_whose_lower_is_better_function_rises_fails_validation_naming_the_criterion() {
    let (code, listed) = validated_json(|code, c| {
        if code == "ACC-DEP" {
            // Deprived people worse off: lower is better, valued from 10,000 (0) to 0 (100).
            c["kind"]["value_function"] =
                serde_json::json!({"type": "linear", "worst": 0.0, "best": 10000.0});
        }
    });
    assert_eq!(code, Some(1), "{listed}");
    assert_eq!(
        listed.trim(),
        "error: criteria/ACC-DEP/value_function: Deprived people with much longer journeys: lower is better, but its value function rises from 0 at 0 people to 100 at 10000 people; turn the function round, or change which is better"
    );
}

#[test]
fn json_weights_within_a_billionth_of_1_are_accepted_as_summing_to_1() {
    // Viability's three weights, 0.5, 0.25 and 0.25, typed with a billionth off.
    let (code, listed) = validated_json(|code, c| {
        if code == "VIA-MARGIN" {
            c["weight"] = serde_json::json!(0.499_999_999);
        }
    });
    assert_eq!(code, Some(0), "{listed}");
    assert!(listed.trim().ends_with(": no problems"), "{listed}");
    let (code, listed) = validated_json(|code, c| {
        if code == "VIA-MARGIN" {
            c["weight"] = serde_json::json!(0.4999);
        }
    });
    assert_eq!(code, Some(1), "{listed}");
    assert!(listed.contains("error: criteria/VIA/weights: the weights of I&E margin in the final year, Net present value against do minimum, Lowest liquidity sum to 0.9999, not 1"), "{listed}");
}
