//! Scoring workshops: a workbook per scorer out, filled in as a scorer would (the cells
//! rewritten in a spreadsheet program's place), and merged back: a conflict with a change made
//! in the appraisal since the export is shown and nothing is written until it is settled.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use appraise::model::Appraisal;
use appraise::sheets::score_merge;
use appraise::store;
use calamine::{Data, Reader, Xlsx, open_workbook};
use rust_xlsxwriter::Workbook;

use crate::util::{Dir, sha256};

fn appraise(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_appraise"))
        .args(args)
        .output()
        .expect("run appraise")
}

/// Rewrites the workbook at `path` as a scorer filling it in would leave it: the About and
/// Scoring sheets' cells as they were, with `scores` (option, criterion, score, rationale)
/// typed into the score and rationale columns.
fn fill(path: &Path, scores: &[(&str, &str, f64, &str)]) {
    let mut book: Xlsx<_> = open_workbook(path).expect("open workbook");
    let mut out = Workbook::new();
    let mut typed = 0;
    for name in ["Scoring", "About"] {
        let range = book.worksheet_range(name).expect("sheet");
        let ws = out.add_worksheet();
        ws.set_name(name).unwrap();
        let (top, left) = range.start().expect("cells");
        for (r, row) in range.rows().enumerate() {
            let r = r as u32 + top;
            let given = scores.iter().find(|(o, c, _, _)| {
                name == "Scoring"
                    && row.first() == Some(&Data::String((*o).to_owned()))
                    && row.get(2) == Some(&Data::String((*c).to_owned()))
            });
            for (c, cell) in row.iter().enumerate() {
                let c = (c as u32 + left) as u16;
                match (given, c, cell) {
                    (Some((_, _, score, _)), 4, _) => {
                        ws.write_number(r, c, *score).unwrap();
                        typed += 1;
                    }
                    (Some((_, _, _, why)), 5, _) => {
                        ws.write_string(r, c, *why).unwrap();
                    }
                    (_, _, Data::String(s)) => {
                        ws.write_string(r, c, s).unwrap();
                    }
                    (_, _, Data::Float(f)) => {
                        ws.write_number(r, c, *f).unwrap();
                    }
                    (_, _, Data::Int(i)) => {
                        ws.write_number(r, c, *i as f64).unwrap();
                    }
                    _ => {}
                }
            }
        }
    }
    assert_eq!(
        typed,
        scores.len(),
        "every score typed into {}",
        path.display()
    );
    out.save(path).expect("save workbook");
}

fn score(a: &Appraisal, option: &str, criterion: &str, scorer: &str) -> (f64, String) {
    a.scores
        .iter()
        .find(|s| s.option == option && s.criterion == criterion && s.scorer == scorer)
        .map(|s| (s.value, s.rationale.clone()))
        .expect("score")
}

#[test]
fn three_exported_two_filled_one_conflict_refused_untouched_then_settled_and_read_back() {
    let dir = Dir::new();
    let file = dir.path("panel.appraisal");
    store::create(&file, &appraise::demo::appraisal()).unwrap();
    let out = dir.path("workbooks");
    std::fs::create_dir(&out).unwrap();
    let done = appraise(&[
        "scoring-workbooks".as_ref(),
        file.as_os_str(),
        out.as_os_str(),
    ]);
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    let book = |name: &str| -> PathBuf { out.join(name) };
    let (md, fd, pr) = (
        book("scoring-MD-Dr-Ada-Sample-fictional.xlsx"),
        book("scoring-FD-Ben-Example-fictional.xlsx"),
        book("scoring-PR-Cath-Demo-fictional.xlsx"),
    );
    for b in [&md, &fd, &pr] {
        assert!(b.is_file(), "{} written", b.display());
    }

    // Two scorers fill theirs in; the third's comes back as exported.
    fill(
        &md,
        &[
            ("SPLIT", "QUA-STD", 2.0, "Rotas cannot cover two sites"),
            ("DM", "QUA-STD", 4.0, "No change to today's gaps"),
        ],
    );
    fill(&fd, &[("ICO", "QUA-STD", 6.5, "Shared posts help")]);
    // Meanwhile the appraisal's MD score for SPLIT moves to 9.
    let mut a = store::open(&file).unwrap();
    let old_dm = score(&a, "DM", "QUA-STD", "MD");
    let exported_split = score(&a, "SPLIT", "QUA-STD", "MD").0;
    assert_eq!(exported_split, 8.0);
    a.scores
        .iter_mut()
        .find(|s| s.option == "SPLIT" && s.criterion == "QUA-STD" && s.scorer == "MD")
        .unwrap()
        .value = 9.0;
    store::save(&file, &mut a).unwrap();
    let audit_before = a.audit.len();

    // The merge shows exactly one conflict and the two clean updates.
    let paths = [md.clone(), fd.clone(), pr.clone()];
    let plan = score_merge::preview(&a, &paths).unwrap();
    assert!(plan.problems.is_empty(), "{:?}", plan.problems);
    assert_eq!(plan.conflicts.len(), 1);
    let c = &plan.conflicts[0];
    assert_eq!(
        (c.cell.option.as_str(), c.cell.scorer.as_str()),
        ("SPLIT", "MD")
    );
    assert_eq!(c.appraisal.as_ref().map(|v| v.value), Some(9.0));
    assert_eq!(c.offers[0].value.value, 2.0);
    assert_eq!(
        c.offers[0].exported.as_ref().map(|v| v.value),
        Some(exported_split)
    );
    let updated: Vec<(&str, &str, f64)> = plan
        .updated
        .iter()
        .map(|u| {
            (
                u.cell.option.as_str(),
                u.cell.scorer.as_str(),
                u.after.value,
            )
        })
        .collect();
    assert_eq!(updated, [("DM", "MD", 4.0), ("ICO", "FD", 6.5)]);
    assert!(plan.new.is_empty());
    assert_eq!(plan.unchanged, 3 * 25 - 3);

    // Refused on the command line: exit non-zero, the conflict listed, the file untouched.
    let hash = sha256(&file);
    let mut args: Vec<&std::ffi::OsStr> = vec!["merge-scores".as_ref(), file.as_os_str()];
    args.extend(paths.iter().map(|p| p.as_os_str()));
    let refused = appraise(&args);
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert_eq!(refused.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("1 conflict(s) are not settled; nothing was changed"),
        "{stderr}"
    );
    assert!(
        stderr.contains("Dr Ada Sample (fictional)'s score for Split: Stafford to North Staffordshire, Cannock to Wolverhampton on Clinical standards and seven-day services: the appraisal holds 9, scoring-MD-Dr-Ada-Sample-fictional.xlsx gives 2 (the appraisal's value changed after scoring-MD-Dr-Ada-Sample-fictional.xlsx was exported)"),
        "{stderr}"
    );
    assert_eq!(
        sha256(&file),
        hash,
        "the file is unchanged after a refused merge"
    );

    // Settled (the workbook's value taken) and applied: the values read back, one audit entry.
    args.extend([
        std::ffi::OsStr::new("--take"),
        std::ffi::OsStr::new("workbook"),
    ]);
    let merged = appraise(&args);
    let stdout = String::from_utf8_lossy(&merged.stdout);
    assert!(
        merged.status.success(),
        "{}",
        String::from_utf8_lossy(&merged.stderr)
    );
    assert!(
        stdout.contains("1 conflict settled (0 kept the appraisal's value, 1 took a workbook's)"),
        "{stdout}"
    );
    let after = store::open(&file).unwrap();
    assert_eq!(
        score(&after, "SPLIT", "QUA-STD", "MD"),
        (2.0, "Rotas cannot cover two sites".to_owned())
    );
    assert_eq!(
        score(&after, "DM", "QUA-STD", "MD"),
        (4.0, "No change to today's gaps".to_owned())
    );
    assert_eq!(old_dm.0, 3.0);
    assert_eq!(score(&after, "ICO", "QUA-STD", "FD").0, 6.5);
    assert_eq!(after.scores.len(), a.scores.len());
    assert_eq!(after.audit.len(), audit_before + 1);
    let entry = after.audit.last().unwrap();
    assert_eq!(entry.what, "scores");
    let new: serde_json::Value = serde_json::from_str(entry.new.as_deref().unwrap()).unwrap();
    assert_eq!(
        new["summary"],
        "merged 3 scoring workbooks (scoring-MD-Dr-Ada-Sample-fictional.xlsx, scoring-FD-Ben-Example-fictional.xlsx, scoring-PR-Cath-Demo-fictional.xlsx): 0 new scores, 2 changed, 1 conflict settled (0 kept the appraisal's value, 1 took a workbook's)"
    );
    assert_eq!(new["changes"]["scores/SPLIT/QUA-STD/MD/value"], 2.0);
}

#[test]
fn a_bad_score_and_a_stranger_s_workbook_are_refused_naming_file_sheet_row_and_column() {
    let dir = Dir::new();
    let file = dir.path("panel.appraisal");
    let mut demo = appraise::demo::appraisal();
    store::create(&file, &demo).unwrap();
    let out = dir.path("out");
    std::fs::create_dir(&out).unwrap();
    let written =
        appraise::sheets::scorer_workbook::write_all(&demo, &out, Some(&["PR".to_owned()]))
            .unwrap();
    fill(&written[0], &[("MERGE-N", "QUA-STD", 12.0, "Too high")]);
    // The same workbook against an appraisal without PR: refused by name.
    let hash = sha256(&file);
    let mut args: Vec<&std::ffi::OsStr> = vec!["merge-scores".as_ref(), file.as_os_str()];
    args.push(written[0].as_os_str());
    let refused = appraise(&args);
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        stderr.contains("scoring-PR-Cath-Demo-fictional.xlsx, sheet Scoring, row 3, column score: 12 is outside the panel scale, 0 to 10"),
        "{stderr}"
    );
    assert_eq!(sha256(&file), hash);
    demo.scorers.retain(|s| s.code != "PR");
    demo.scores.retain(|s| s.scorer != "PR");
    let plan = score_merge::preview(&demo, &written).unwrap();
    let problems: Vec<String> = plan.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        problems,
        [
            "scoring-PR-Cath-Demo-fictional.xlsx, sheet About, row 3: the workbook is for the scorer 'PR', who is not on this appraisal's panel"
        ]
    );
}
