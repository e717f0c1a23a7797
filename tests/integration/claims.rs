//! No board may be misled: packs read back (pdftotext) for what they claim when a part was
//! never assessed, when the weights do not sum, and whether their robustness figures are the
//! Sensitivity screen's.

use std::process::Command;

use appraise::model::{Appraisal, Status};
use appraise::report::{self, ReportError};
use appraise::sensitivity::WeightModel;
use appraise::store;

use crate::report::{draft_text, flat, pages};
use crate::util::Dir;

/// The executive summary's text: from its heading (the second "Executive summary", after the
/// contents') to the next chapter's.
fn summary(text: &str) -> &str {
    let (start, _) = text
        .match_indices("Executive summary")
        .nth(1)
        .expect("the summary's heading");
    let end = start
        + text[start..]
            .find("Background and the options")
            .expect("the next chapter");
    &text[start..end]
}

/// The demo as a team that has not yet added its population zones would have it: its access
/// criteria typed in by hand, since no engine can compute them.
fn no_zones() -> Appraisal {
    let mut a = appraise::demo::appraisal();
    a.zones.clear();
    a.travel_matrix = Default::default();
    let options: Vec<String> = a.options.iter().map(|o| o.code.clone()).collect();
    for option in options {
        for (criterion, value) in [("ACC-AE", 80.0), ("ACC-MAT", 2.0), ("ACC-DEP", 0.0)] {
            a.performances.push(appraise::model::Performance {
                option: option.clone(),
                criterion: criterion.to_owned(),
                value: appraise::model::RawValue::Number(value),
                evidence: "typed in until the zones are added".to_owned(),
                manual: true,
            });
        }
    }
    a
}

/// The demo with Quality's weight cut from 40% to 10%: the top level sums to 70%.
fn weights_at_70() -> Appraisal {
    let mut a = appraise::demo::appraisal();
    if let Some(q) = a.criteria.iter_mut().find(|c| c.code == "QUA") {
        q.weight = 0.10;
    }
    a
}

#[test]
fn with_no_zones_a_draft_says_travel_was_not_assessed_and_gives_no_travel_figure() {
    let dir = Dir::new();
    let file = dir.path("new.appraisal");
    store::create(&file, &no_zones()).expect("create");
    let pdf = dir.path("draft.pdf");
    report::export(&file, &pdf, Some(Status::Draft)).expect("a draft still exports");
    let text = flat(&pages(&pdf));
    let s = summary(&text);
    assert!(
        s.contains(
            "Not assessed in this pack: travel and equality (the appraisal has no population zones: add them under Population zones on the Travel screen"
        ),
        "{s}"
    );
    assert!(
        s.contains("Who travels further Not yet assessed: the appraisal has no population zones"),
        "{s}"
    );
    // The old pack said "no one's journey to any service grows by more than 15 minutes".
    for figure in ["minutes", "people", "journey to", "% of the population"] {
        assert!(!s.contains(figure), "a travel figure ({figure}) in: {s}");
    }
    // The ranking and finance are still there: the split is preferred, its NPV printed.
    assert!(s.contains("is the preferred option"), "{s}");
    assert!(s.contains("net present value against do minimum"), "{s}");
    // The travel chapter says the same, and validation names it with where to add zones.
    assert!(text.contains("Not yet assessed: the appraisal has no population zones"));
    let problems = appraise::evaluation::Evaluation::of(&store::open(&file).expect("open"))
        .problems()
        .to_vec();
    let zones = problems
        .iter()
        .find(|p| p.path == "zones")
        .expect("a zones problem");
    assert_eq!(zones.severity, appraise::validate::Severity::Warning);
    assert!(
        zones.message.starts_with(
            "travel and equality are not assessed: the appraisal has no population zones: add them under Population zones on the Travel screen"
        ),
        "{}",
        zones.message
    );
}

#[test]
fn a_final_pack_is_refused_while_a_part_is_unassessed_or_a_validation_error_stands() {
    let dir = Dir::new();
    let file = dir.path("new.appraisal");
    let mut a = no_zones();
    a.criteria
        .iter_mut()
        .find(|c| c.code == "QUA")
        .expect("QUA")
        .weight = 0.10;
    store::create(&file, &a).expect("create");
    let pdf = dir.path("final.pdf");
    let e = report::export(&file, &pdf, Some(Status::Final)).expect_err("refused");
    let ReportError::Pack { source, .. } = &e else {
        panic!("{e}");
    };
    let ReportError::NotFinal { reasons } = source.as_ref() else {
        panic!("{source}");
    };
    assert_eq!(
        reasons,
        &[
            "travel and equality is not assessed (the appraisal has no population zones: add them under Population zones on the Travel screen, or import a Zones sheet on the Spreadsheets screen)".to_owned(),
            "a validation error stands: the weights of Viability, Quality, Access, Deliverability, Service change tests sum to 0.7000, not 1".to_owned(),
        ]
    );
    let message = e.to_string();
    assert!(
        message.contains("the pack cannot be marked Final: travel and equality is not assessed"),
        "{message}"
    );
    assert!(message.ends_with("Export it as a Draft, or complete the appraisal first"));
    assert!(!pdf.exists(), "nothing written");

    // An appraisal marked Final is refused the same way by the command line, with no flag.
    a.meta.status = Status::Final;
    let marked = dir.path("marked.appraisal");
    store::create(&marked, &a).expect("create");
    let out = Command::new(env!("CARGO_BIN_EXE_appraise"))
        .arg("report")
        .arg(&marked)
        .arg("-o")
        .arg(&pdf)
        .output()
        .expect("run appraise");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("the pack cannot be marked Final: travel and equality is not assessed"),
        "{stderr}"
    );
    assert!(stderr.contains("sum to 0.7000, not 1"), "{stderr}");
    assert!(!pdf.exists());
    // --status draft still exports it, saying what was not assessed.
    let draft = Command::new(env!("CARGO_BIN_EXE_appraise"))
        .arg("report")
        .arg(&marked)
        .arg("-o")
        .arg(&pdf)
        .args(["--status", "draft"])
        .output()
        .expect("run appraise");
    assert!(
        draft.status.success(),
        "{}",
        String::from_utf8_lossy(&draft.stderr)
    );
    assert!(flat(&pages(&pdf)).contains("Not assessed in this pack: travel and equality"));
}

#[test]
fn with_top_level_weights_at_70_percent_no_option_is_called_preferred() {
    let a = weights_at_70();
    let input = report::PackInput::compute(&a);
    let r = input.score.as_ref().expect("scored");
    assert_eq!(r.preferred, None);
    let text = draft_text(&input);
    assert!(
        text.contains(
            "No option is preferred: weights do not sum to 100%: the top-level groups sum to 70%. The ranks below are provisional"
        ),
        "{text}"
    );
    assert!(text.contains(
        "No option is preferred: weights do not sum to 100%: the top-level groups sum to 70%, so the ranks are provisional."
    ));
    // Above both ranking tables (the summary's and the results').
    assert_eq!(
        text.matches("Provisional ranks, no option preferred: weights do not sum to 100%: the top-level groups sum to 70%.").count(),
        2,
        "{text}"
    );
    for claim in [
        "(preferred)",
        "is the preferred option",
        "would be preferred",
        "The preferred option is in bold",
        "leads the next-best option",
        "take the lead from",
    ] {
        assert!(!text.contains(claim), "the pack says {claim:?}");
    }
    // The weight sets' table names no option preferred under the appraisal's own weights.
    assert!(text.contains("Preferred none"), "{text}");
    // With the weights back at 100%, the split is preferred again.
    let valid = appraise::demo::appraisal();
    let text = draft_text(&report::PackInput::compute(&valid));
    assert!(text.contains("(preferred)"));
}

#[test]
fn the_packs_smaa_figures_are_the_screens_and_the_clis() {
    let dir = Dir::new();
    let file = dir.path("demo.appraisal");
    let mut a = appraise::demo::appraisal();
    // A stored band around the weights: the screen, the pack and the CLI all run it, and the
    // second run (no weight information) is made and labelled in each.
    a.settings.sensitivity.samples = 3_000;
    a.settings.sensitivity.weights = WeightModel::AroundBase { share: 0.5 };
    store::create(&file, &a).expect("create");
    let opened = store::open(&file).expect("open");
    let screen = appraise::evaluation::Evaluation::of(&opened)
        .robustness(&opened, &Default::default())
        .clone()
        .expect("the screen's analysis");
    let open = screen.no_weight_information.as_ref().expect("a second run");
    let pdf = dir.path("pack.pdf");
    report::export(&file, &pdf, None).expect("export");
    let pages = pages(&pdf);
    let text = flat(&pages);
    for (run, label) in [
        (
            &screen.analysis.smaa,
            "Weights: drawn level by level down the criteria tree: the top level's 4 weights uniform within ±50% of the appraisal's weights; within each group fixed at the appraisal's weights.",
        ),
        (
            open,
            "Rank acceptability with every level's weights drawn uniformly (no weight information)",
        ),
    ] {
        assert!(text.contains(label), "missing {label}");
        for o in &run.options {
            let cell = format!(
                "{:.1} ± {:.1}",
                o.acceptability[0].value * 100.0,
                o.acceptability[0].se * 100.0
            );
            let start: String = o
                .name
                .split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(" ");
            assert!(
                pages
                    .iter()
                    .flat_map(|p| p.lines())
                    .any(|l| l.trim_start().starts_with(&start) && l.contains(&cell)),
                "no SMAA row for {} with {cell}",
                o.name
            );
        }
    }
    // The split is first in the same share of draws in the summary as on the screen.
    let split = screen
        .analysis
        .smaa
        .options
        .iter()
        .find(|o| o.code == "SPLIT")
        .expect("SPLIT");
    assert!(text.contains(&format!(
        "comes first in {:.1}% of 3,000 draws (SMAA, ± {:.1} points)",
        split.acceptability[0].value * 100.0,
        split.acceptability[0].se * 100.0
    )));
    // `appraise sensitivity --json` with no flags: the same figures, both runs.
    let out = Command::new(env!("CARGO_BIN_EXE_appraise"))
        .args(["sensitivity", "--json"])
        .arg(&file)
        .output()
        .expect("run appraise");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    for (key, run) in [
        ("smaa", &screen.analysis.smaa),
        ("no_weight_information", open),
    ] {
        for (i, o) in run.options.iter().enumerate() {
            assert_eq!(
                json[key]["options"][i]["acceptability"][0]["value"].as_f64(),
                Some(o.acceptability[0].value),
                "{key} {}",
                o.code
            );
        }
    }
}
