//! Snapshots of what the board pack shows for the built-in demo: every chart's SVG, drawn from
//! the engines' results as the pack draws it, and the text of every page of the pack made at a
//! fixed export time. A change to any of them fails the test until a person has looked at the
//! difference and accepted it (README: "Snapshot tests"), so a chart or a page cannot change
//! by accident.
//!
//! Also: two runs of the CLI, as separate processes, write the same pack as this process makes.

use std::path::Path;
use std::process::Command;

use appraise::charts::{self, ChartError};
use appraise::model::{Appraisal, Status, TravelMode};
use appraise::report::{PackInput, PackOptions, pack};
use appraise::sensitivity::NodeSensitivity;
use appraise::store;

use crate::util::Dir;

/// The stored snapshots whose names start with `prefix`: a chart or page that is no longer
/// made leaves its snapshot behind, which insta alone would not notice.
fn stored(prefix: &str) -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/integration/snapshots");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("list the snapshots")
        .map(|e| {
            e.expect("a snapshot")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter_map(|n| {
            n.strip_prefix("integration__snapshots__")?
                .strip_suffix(".snap")
                .map(str::to_owned)
        })
        .filter(|n| n.starts_with(prefix))
        .collect();
    names.sort();
    names
}

/// Fails unless `made` names exactly the stored snapshots with `prefix`.
fn no_stale_snapshots(prefix: &str, mut made: Vec<String>) {
    made.sort();
    assert_eq!(
        stored(prefix),
        made,
        "stored {prefix}* snapshots differ from those made: delete the stale ones"
    );
}

/// Top-level groups the pack draws as one-way panels (the pack's own limit).
const ONE_WAY_PANELS: usize = 6;

/// The export time of every snapshot pack: the pack's only clock.
fn fixed_time() -> time::OffsetDateTime {
    time::OffsetDateTime::UNIX_EPOCH
}

/// A chart's SVG, or the test fails naming the chart: the demo assesses every part, so every
/// chart is drawn.
fn drawn(name: &str, chart: Result<charts::Svg, ChartError>) -> String {
    match chart {
        Ok(svg) => svg,
        Err(e) => panic!("{name} was not drawn: {e}"),
    }
}

/// Snapshot names may hold only what a file name can.
fn key(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}

fn mode_key(mode: TravelMode) -> String {
    key(&format!("{mode:?}")).to_lowercase()
}

/// Every chart of the demo, named, in the order the pack prints them. Arguments are chosen as
/// src/report/sections choose them, so these are the pack's charts.
fn demo_charts(a: &Appraisal) -> Vec<(String, String)> {
    let input = PackInput::compute(a);
    let mut out: Vec<(String, String)> = Vec::new();
    let mut add = |name: String, chart: Result<charts::Svg, ChartError>| {
        let svg = drawn(&name, chart);
        out.push((name, svg));
    };

    let score = match &input.score {
        Ok(r) => r,
        Err(e) => panic!("the demo's scores are not assessed: {}", e.0),
    };
    add(
        "score_totals_by_group".into(),
        charts::score::totals_by_group(score, charts::PACK_WIDTH),
    );
    add(
        "score_value_for_money".into(),
        charts::score::value_for_money(score, charts::PACK_WIDTH),
    );
    add(
        "score_contributions".into(),
        charts::score::contributions(score, charts::PACK_WIDTH),
    );
    // One chart per weighted top-level group: the points each of its criteria adds.
    let top_of = |code: &str| -> Option<String> {
        let mut at = a.criteria.iter().find(|c| c.code == code)?;
        while let Some(parent) = &at.parent {
            at = a.criteria.iter().find(|c| &c.code == parent)?;
        }
        Some(at.code.clone())
    };
    for g in score
        .groups
        .iter()
        .filter(|g| g.top_level && g.global_weight > 0.0)
    {
        add(
            format!("score_contributions_of_{}", key(&g.code)),
            charts::score::contributions_of(
                score,
                charts::PACK_WIDTH,
                &format!(
                    "Points each {} criterion adds to each option's total",
                    g.name
                ),
                |c| top_of(c).as_deref() == Some(g.code.as_str()),
            ),
        );
    }

    let finance = match &input.finance {
        Ok(f) => f,
        Err(e) => panic!("the demo's finances are not assessed: {}", e.0),
    };
    add(
        "finance_margin_by_year".into(),
        charts::finance::margin_by_year(finance, charts::PACK_WIDTH),
    );
    add(
        "finance_liquidity_by_year".into(),
        charts::finance::liquidity_by_year(finance, charts::PACK_WIDTH),
    );

    let travel = match &input.travel {
        Ok(t) => t,
        Err(e) => panic!("the demo's travel is not assessed: {}", e.0),
    };
    for s in &travel.services {
        let at = format!("{}_{}", key(&s.service), mode_key(s.mode));
        add(
            format!("travel_access_curve_{at}"),
            charts::travel::access_curve(s, charts::PACK_WIDTH),
        );
        add(
            format!("travel_change_by_quintile_{at}"),
            charts::travel::change_by_quintile(travel, s, charts::PACK_WIDTH),
        );
    }
    for mode in travel.shown_modes() {
        add(
            format!("travel_worse_by_quintile_{}", mode_key(mode)),
            charts::travel::worse_by_quintile(travel, mode, charts::PACK_WIDTH),
        );
    }

    let robustness = match &input.sensitivity {
        Ok(s) => s,
        Err(e) => panic!("the demo's sensitivity is not assessed: {}", e.0),
    };
    let r = &robustness.analysis;
    // The pack's panels: top-level groups, nearest switch point first.
    // Groups with no switch point last, in the tree's order.
    let share = |n: &NodeSensitivity| {
        n.nearest
            .as_ref()
            .map(|x| x.share_of_weight.unwrap_or(f64::INFINITY))
    };
    let mut panels: Vec<&NodeSensitivity> =
        r.one_way.iter().filter(|n| n.parent.is_none()).collect();
    panels.sort_by(|x, y| match (share(x), share(y)) {
        (Some(p), Some(q)) => p.total_cmp(&q),
        (p, q) => q.is_some().cmp(&p.is_some()),
    });
    panels.truncate(ONE_WAY_PANELS);
    add(
        "sensitivity_one_way".into(),
        charts::sensitivity::one_way(r, &panels, charts::PACK_WIDTH),
    );
    add(
        "sensitivity_tornado".into(),
        charts::sensitivity::tornado(r, charts::PACK_WIDTH),
    );
    add(
        "sensitivity_rank_acceptability".into(),
        charts::sensitivity::rank_acceptability(
            &r.smaa,
            &format!("Rank acceptability, {}", r.smaa.draw.label()),
            charts::PACK_WIDTH,
        ),
    );
    // The pack's second SMAA run, only when the stored settings do not already draw weights
    // with no information (the demo's fix the weights within each group, so it is made).
    if let Some(open) = &robustness.no_weight_information {
        add(
            "sensitivity_rank_acceptability_no_weight_information".into(),
            charts::sensitivity::rank_acceptability(
                open,
                "Rank acceptability with no weight information",
                charts::PACK_WIDTH,
            ),
        );
    }
    out
}

#[test]
fn every_chart_of_the_demo_matches_its_snapshot() {
    let a = appraise::demo::appraisal();
    let drawn = demo_charts(&a);
    // Score (3 + one per weighted group), finance (2), travel (2 per service and mode, 1 per
    // mode), sensitivity (4): a chart that stops being drawn, or a new one, shows here.
    assert!(drawn.len() >= 15, "only {} charts", drawn.len());
    // Drawing is deterministic within a process too: a second drawing is the same text.
    assert_eq!(drawn, demo_charts(&a), "a second drawing differs");
    for (name, svg) in &drawn {
        assert!(svg.starts_with("<svg"), "{name} is not SVG");
        insta::assert_snapshot!(format!("chart_{name}"), svg);
    }
    no_stale_snapshots(
        "chart_",
        drawn
            .iter()
            .map(|(name, _)| format!("chart_{name}"))
            .collect(),
    );
}

/// The demo's pack at the fixed export time.
fn demo_pack() -> Vec<u8> {
    let a = appraise::demo::appraisal();
    let input = PackInput::compute(&a);
    let options = PackOptions {
        status: Status::Draft,
        at: fixed_time(),
    };
    match pack(&input, &options) {
        Ok(bytes) => bytes,
        Err(e) => panic!("the demo's pack failed: {e}"),
    }
}

/// Each page's text as pdftotext lays it out (the report tests' reader), trailing spaces cut:
/// they follow the layout's column widths, not the pack.
fn pages(pdf: &Path) -> Vec<String> {
    crate::report::pages(pdf)
        .iter()
        .map(|page| {
            page.lines()
                .map(str::trim_end)
                .collect::<Vec<_>>()
                .join("\n")
                .trim_end()
                .to_owned()
        })
        .collect()
}

#[test]
fn every_page_of_the_demo_pack_matches_its_snapshot() {
    let dir = Dir::new();
    let pdf = dir.path("demo-pack.pdf");
    let bytes = demo_pack();
    assert_eq!(bytes, demo_pack(), "two packs at one time differ");
    std::fs::write(&pdf, &bytes).expect("write the pack");
    let pages = pages(&pdf);
    assert!(pages.len() >= 10, "only {} pages", pages.len());
    assert!(
        pages[0].contains("1 January 1970"),
        "the cover does not carry the fixed export date:\n{}",
        pages[0]
    );
    for (i, page) in pages.iter().enumerate() {
        assert!(!page.trim().is_empty(), "page {} is blank", i + 1);
        insta::assert_snapshot!(format!("pack_page_{:02}", i + 1), page);
    }
    no_stale_snapshots(
        "pack_page_",
        (1..=pages.len())
            .map(|n| format!("pack_page_{n:02}"))
            .collect(),
    );
}

/// Runs the CLI in a process of its own; fails showing its output unless it succeeds.
fn cli(args: &[&std::ffi::OsStr]) {
    let out = Command::new(env!("CARGO_BIN_EXE_appraise"))
        .args(args)
        .output()
        .expect("run appraise");
    assert!(
        out.status.success(),
        "appraise {args:?} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The time an export recorded in its appraisal file ("2026-12-04T18:40:05Z"), which is the
/// time the pack was made at.
fn recorded_time(file: &Path) -> time::OffsetDateTime {
    let a = store::open(file).expect("open the exported file");
    let at = &a.exports.last().expect("the export is recorded").at;
    let n: Vec<i64> = at
        .trim_end_matches('Z')
        .split(['-', 'T', ':'])
        .map(|p| p.parse().expect("a number in the export time"))
        .collect();
    assert_eq!(n.len(), 6, "export time {at}");
    let part = |i: usize| u8::try_from(n[i]).expect("a small number");
    let month = time::Month::try_from(part(1)).expect("a month");
    let year = i32::try_from(n[0]).expect("a year");
    let date = time::Date::from_calendar_date(year, month, part(2)).expect("a date");
    let clock = time::Time::from_hms(part(3), part(4), part(5)).expect("a time of day");
    time::PrimitiveDateTime::new(date, clock).assume_utc()
}

/// Charts and pages are the same from one process to the next, not only within one: no hash
/// order, address or clock leaks into them. The CLI has no command that writes charts alone,
/// and `appraise report` stamps the pack with the time it runs, so each run's pack is checked
/// byte for byte against the pack this process makes of the same file at the time that run
/// recorded; when both runs fall in one second their packs are also compared directly.
#[test]
fn two_cli_runs_write_the_pack_this_process_makes() {
    let dir = Dir::new();
    let original = dir.path("demo.appraisal");
    cli(&["demo".as_ref(), original.as_os_str()]);
    let a = store::open(&original).expect("open the demo file");
    let input = PackInput::compute(&a);
    let mut runs = Vec::new();
    for run in ["first", "second"] {
        // Each run exports its own copy: an export is recorded in the file and printed in the
        // next pack.
        let file = dir.path(&format!("{run}.appraisal"));
        std::fs::copy(&original, &file).expect("copy the demo file");
        let pdf = dir.path(&format!("{run}.pdf"));
        cli(&[
            "report".as_ref(),
            file.as_os_str(),
            "--out".as_ref(),
            pdf.as_os_str(),
        ]);
        let at = recorded_time(&file);
        let written = std::fs::read(&pdf).expect("read the pack");
        let options = PackOptions {
            status: a.meta.status,
            at,
        };
        let here = pack(&input, &options).expect("the pack in this process");
        assert!(
            written == here,
            "the {run} run's pack ({} bytes) differs from this process's at {at} ({} bytes)",
            written.len(),
            here.len()
        );
        runs.push((at, written));
    }
    if runs[0].0 == runs[1].0 {
        assert!(
            runs[0].1 == runs[1].1,
            "two runs in one second wrote different packs"
        );
    }
}
