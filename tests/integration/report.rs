//! The board pack, read back as a board member would: pdftotext on the exported PDF, checked
//! against the engines' own results; qpdf for the file's structure; the export's record in the
//! appraisal file; and the failures a user can cause.

use std::path::Path;
use std::process::Command;

use appraise::evaluation::Evaluation;
use appraise::finance;
use appraise::model::{Appraisal, Status, TravelMode};
use appraise::report::{self, ReportError, fingerprint};
use appraise::score;
use appraise::store;

use crate::util::Dir;

/// The text of each page (pdftotext -layout, split on form feeds).
pub fn pages(pdf: &Path) -> Vec<String> {
    let out = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("run pdftotext (poppler-utils)");
    assert!(out.status.success(), "pdftotext failed");
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let mut pages: Vec<String> = text.split('\x0c').map(str::to_owned).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// All text with every run of whitespace made one space, so wrapped lines still match.
pub fn flat(pages: &[String]) -> String {
    pages
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn demo_file(dir: &Dir) -> std::path::PathBuf {
    let file = dir.path("demo.appraisal");
    store::create(&file, &appraise::demo::appraisal()).expect("create demo");
    file
}

struct Exported {
    _dir: Dir,
    file: std::path::PathBuf,
    pdf: std::path::PathBuf,
    pages: Vec<String>,
}

fn export_demo(status: Option<Status>) -> Exported {
    let dir = Dir::new();
    let file = demo_file(&dir);
    let pdf = dir.path("pack.pdf");
    report::export(&file, &pdf, status).expect("export the demo pack");
    let pages = pages(&pdf);
    Exported {
        _dir: dir,
        file,
        pdf,
        pages,
    }
}

#[test]
fn the_demo_pack_has_every_section_and_the_engines_figures() {
    let e = export_demo(None);
    let text = flat(&e.pages);
    for heading in report::HEADINGS {
        assert!(text.contains(heading), "missing section {heading}");
    }
    for sub in [
        "Contents",
        "The preferred option",
        "How robust",
        "What it costs",
        "Who travels further",
        "Criteria and weights",
        "How the weights were set",
        "Scoring scales",
        "The panel",
        "A. Every score by every scorer",
        "B. Data sources",
        "C. Audit trail",
    ] {
        assert!(text.contains(sub), "missing {sub}");
    }
    let a = store::open(&e.file).expect("open");
    let r = Evaluation::of(&a).score().clone().expect("score");
    // A map per option against do minimum, by car, for A&E: the service the demo's first
    // travel criterion (travel.aande_car_share_within_threshold) measures.
    let service = &a.services[0].name;
    assert!(text.contains(&format!("Maps: journeys to {service}")));
    for o in a
        .options
        .iter()
        .filter(|o| o.kind != appraise::model::OptionKind::DoMinimum)
    {
        let caption = format!(
            "{}: change in journey time to {service} by car (off-peak) against do minimum, by zone",
            o.name
        );
        assert!(text.contains(&caption), "no map of {}", o.name);
        let title = format!(
            "{}: change in journey time to {service} by car (off-peak), against do minimum",
            o.name
        );
        assert!(text.contains(&title), "no map title for {}", o.name);
    }
    for o in &r.options {
        assert!(text.contains(&o.name), "missing option {}", o.name);
        assert!(
            text.contains(&format!("{:.1}", o.total)),
            "missing total of {}",
            o.name
        );
    }
    // The results table: one line per option, in rank order, with its rank and total.
    let lines: Vec<&str> = e.pages.iter().flat_map(|p| p.lines()).collect();
    for o in &r.options {
        let start: String = o
            .name
            .split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ");
        let row = lines.iter().find(|l| {
            let words: Vec<&str> = l.split_whitespace().collect();
            words.first() == Some(&o.rank.to_string().as_str())
                && l.contains(&start)
                && words.contains(&format!("{:.1}", o.total).as_str())
        });
        assert!(
            row.is_some(),
            "no table row with rank {} and total {:.1} for {}",
            o.rank,
            o.total,
            o.name
        );
    }
    let preferred = r
        .options
        .iter()
        .find(|o| o.preferred)
        .expect("a preferred option");
    assert!(text.contains(&format!(
        "{} is the preferred option: it scores {:.1} points out of 100, rank 1",
        preferred.name, preferred.total
    )));
    assert!(
        !text.contains("Not yet assessed"),
        "every section is assessed on the demo"
    );
    assert!(text.contains("ILLUSTRATIVE") || text.contains("Illustrative appraisal"));
}

#[test]
fn the_ratings_tables_equal_the_viability_model() {
    let e = export_demo(None);
    let a = store::open(&e.file).expect("open");
    let f = finance::model(&a).expect("finance");
    let lines: Vec<Vec<String>> = e
        .pages
        .iter()
        .flat_map(|p| p.lines())
        .map(|l| l.split_whitespace().map(str::to_owned).collect::<Vec<_>>())
        .collect();
    let label = |y: i32| format!("{y}/{:02}", (y + 1) % 100);
    let rows = |year: i32| -> Vec<Vec<String>> {
        lines
            .iter()
            .filter(|w| {
                w.first() == Some(&label(year))
                    && w.len() == f.options.len() + 1
                    && w[1..]
                        .iter()
                        .all(|x| x.trim_end_matches('*').parse::<u8>().is_ok())
            })
            .map(|w| w[1..].to_vec())
            .collect()
    };
    for (i, year) in f.years.iter().enumerate() {
        // A rating an override rule capped carries a *.
        let shown =
            |overall: u8, capped: bool| format!("{overall}{}", if capped { "*" } else { "" });
        let cosrr: Vec<String> = f
            .options
            .iter()
            .map(|o| {
                let r = &o.years[i].cosrr;
                shown(r.overall, r.override_fired.is_some())
            })
            .collect();
        let sof: Vec<String> = f
            .options
            .iter()
            .map(|o| {
                let r = &o.years[i].sof;
                shown(r.overall, r.override_fired.is_some())
            })
            .collect();
        let found = rows(*year);
        assert_eq!(found.len(), 2, "two rating rows for {}", label(*year));
        assert_eq!(found[0], cosrr, "CoSRR in {}", label(*year));
        assert_eq!(found[1], sof, "SOF in {}", label(*year));
    }
    // Some of the demo's years are capped, so the marks above were really checked.
    let capped = f
        .options
        .iter()
        .flat_map(|o| &o.years)
        .filter(|y| y.cosrr.override_fired.is_some() || y.sof.override_fired.is_some())
        .count();
    assert!(capped > 0, "the demo has no capped rating to show");
}

#[test]
fn every_page_carries_the_fingerprint_and_page_x_of_y() {
    let e = export_demo(None);
    let a = store::open(&e.file).expect("open");
    let full = fingerprint::fingerprint(&a);
    let short = fingerprint::short(&full);
    let n = e.pages.len();
    assert!(n >= 10, "only {n} pages");
    for (i, page) in e.pages.iter().enumerate() {
        assert!(page.contains(short), "page {} lacks the fingerprint", i + 1);
        assert!(
            page.contains(&format!("Page {} of {n}", i + 1)),
            "page {} lacks 'Page x of y'",
            i + 1
        );
    }
    assert!(
        flat(&e.pages).contains(&full),
        "the full fingerprint is printed"
    );
    assert!(e.pages[0].contains("DRAFT"));
}

#[test]
fn the_status_flag_puts_final_on_the_cover() {
    let e = export_demo(Some(Status::Final));
    assert!(e.pages[0].contains("FINAL"));
    assert!(!e.pages[0].contains("DRAFT"));
}

#[test]
fn qpdf_finds_the_pack_clean() {
    let e = export_demo(None);
    let out = Command::new("qpdf")
        .arg("--check")
        .arg(&e.pdf)
        .output()
        .expect("run qpdf");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "qpdf --check: {stdout}");
    assert!(
        stdout.contains("No syntax or stream encoding errors"),
        "{stdout}"
    );
    let bytes = std::fs::read(&e.pdf).expect("read pdf");
    let raw = String::from_utf8_lossy(&bytes);
    assert!(raw.contains("/StructTreeRoot"), "the PDF is tagged");
    // typst checks PDF/UA-1 while writing and refuses a pack that breaks it; the metadata
    // declares the conformance.
    assert!(raw.contains("<pdfuaid:part>1</pdfuaid:part>"), "PDF/UA-1");
}

#[test]
fn an_export_is_recorded_with_its_fingerprint_and_an_audit_entry() {
    let e = export_demo(None);
    let a = store::open(&e.file).expect("open");
    assert_eq!(a.exports.len(), 1);
    let record = &a.exports[0];
    assert_eq!(record.fingerprint, fingerprint::fingerprint(&a));
    assert!(record.path.ends_with("pack.pdf"), "{}", record.path);
    let last = a.audit.last().expect("an audit entry");
    assert_eq!(last.what, "exports");
    assert!(
        last.new
            .as_deref()
            .unwrap_or("")
            .contains("report exported")
    );
    // The audit entry names the app version that exported the pack, and so does the pack.
    assert!(
        last.new
            .as_deref()
            .unwrap_or("")
            .ends_with("by Appraise 0.1.0\""),
        "{:?}",
        last.new
    );
    assert!(
        flat(&e.pages).contains("This pack was made by Appraise 0.1.0."),
        "the pack's appendix names the app version"
    );
    // Exporting again adds a record but keeps the fingerprint: history is not content.
    report::export(&e.file, &e.pdf, None).expect("export again");
    let b = store::open(&e.file).expect("open");
    assert_eq!(b.exports.len(), 2);
    assert_eq!(b.exports[1].fingerprint, record.fingerprint);
}

#[test]
fn an_unwritable_path_is_a_clear_error_and_leaves_nothing() {
    let dir = Dir::new();
    let file = demo_file(&dir);
    std::fs::write(dir.path("not-a-dir"), "x").expect("write");
    let out = dir.path("not-a-dir").join("pack.pdf");
    let before = dir.names();
    let err = report::export(&file, &out, None).expect_err("cannot write there");
    assert!(matches!(err, ReportError::Write { .. }), "{err}");
    assert!(
        err.to_string().contains(&out.display().to_string()),
        "{err}"
    );
    assert_eq!(dir.names(), before, "nothing left behind");
    assert!(
        store::open(&file).expect("open").exports.is_empty(),
        "nothing recorded"
    );
}

#[test]
fn an_appraisal_with_no_options_is_a_clear_error_and_leaves_nothing() {
    let dir = Dir::new();
    let file = dir.path("empty.appraisal");
    store::create(&file, &Appraisal::new("Empty appraisal")).expect("create");
    let out = dir.path("pack.pdf");
    let err = report::export(&file, &out, None).expect_err("no options");
    let message = err.to_string();
    assert!(message.contains("no options"), "{message}");
    assert!(message.contains(&file.display().to_string()), "{message}");
    assert_eq!(dir.names(), vec!["empty.appraisal".to_owned()]);
    assert!(store::open(&file).expect("open").exports.is_empty());
}

#[test]
fn an_appraisal_the_engines_cannot_run_on_says_not_yet_assessed() {
    let mut a = appraise::demo::appraisal();
    a.criteria.clear();
    a.weightings.clear();
    a.weight_sets.clear();
    a.scores.clear();
    a.performances.clear();
    a.meta.horizon_years = 0;
    let input = report::PackInput::compute(&a);
    let options = report::PackOptions {
        status: Status::Draft,
        at: time::OffsetDateTime::UNIX_EPOCH,
    };
    let pdf = report::pack(&input, &options).expect("a pack even without results");
    let dir = Dir::new();
    let path = dir.path("pack.pdf");
    std::fs::write(&path, pdf).expect("write");
    let text = flat(&pages(&path));
    for heading in report::HEADINGS {
        assert!(text.contains(heading), "missing section {heading}");
    }
    assert!(
        text.contains("Not yet assessed: the scoring engine could not run"),
        "{text}"
    );
    assert!(text.contains("Not yet assessed: the viability model could not run"));
    assert!(
        text.contains(
            "Not yet assessed: the sensitivity analysis needs the scoring engine's results"
        )
    );
}

#[test]
fn user_text_is_printed_as_written() {
    let mut a = appraise::demo::appraisal();
    let title = r#"Title "quoted" #set $x$ *b* _i_ [br] \back // @ref <l>"#;
    a.meta.title = title.to_owned();
    a.options[1].name = r#"Option #1: *merge* & \"grow\" [fast]"#.to_owned();
    let input = report::PackInput::compute(&a);
    let options = report::PackOptions {
        status: Status::Draft,
        at: time::OffsetDateTime::UNIX_EPOCH,
    };
    let pdf = report::pack(&input, &options).expect("pack");
    let dir = Dir::new();
    let path = dir.path("pack.pdf");
    std::fs::write(&path, pdf).expect("write");
    let text = flat(&pages(&path));
    assert!(text.contains(title), "title not verbatim");
    assert!(
        text.contains(&a.options[1].name),
        "option name not verbatim"
    );
}

#[test]
fn the_same_input_at_the_same_time_gives_the_same_pdf() {
    let a = appraise::demo::appraisal();
    let input = report::PackInput::compute(&a);
    let options = report::PackOptions {
        status: Status::Draft,
        at: time::OffsetDateTime::UNIX_EPOCH,
    };
    let one = report::pack(&input, &options).expect("pack");
    let two = report::pack(&input, &options).expect("pack");
    assert!(one == two, "the pack is reproducible");
}

#[test]
fn the_cli_exports_a_pack() {
    let dir = Dir::new();
    let file = demo_file(&dir);
    let pdf = dir.path("board.pdf");
    let out = Command::new(env!("CARGO_BIN_EXE_appraise"))
        .arg("report")
        .arg(&file)
        .arg("-o")
        .arg(&pdf)
        .args(["--status", "final"])
        .output()
        .expect("run appraise");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("wrote the board pack to"), "{stdout}");
    assert!(pages(&pdf)[0].contains("FINAL"));
    let bad = Command::new(env!("CARGO_BIN_EXE_appraise"))
        .arg("report")
        .arg(&file)
        .arg("-o")
        .arg(dir.path("missing-dir").join("x.pdf"))
        .output()
        .expect("run appraise");
    assert!(!bad.status.success());
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(stderr.contains("missing-dir"), "{stderr}");
}

/// Lines of the pack that start a table row for `name` (its first three words).
fn rows_for<'p>(pages: &'p [String], name: &str) -> Vec<&'p str> {
    let start: String = name
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    pages
        .iter()
        .flat_map(|p| p.lines())
        .filter(|l| l.trim_start().starts_with(&start))
        .collect()
}

/// Each line starting with `name`'s first three words together with the `after` lines that
/// follow it: a table row whose option spans several lines (one per travel mode).
fn blocks_for(pages: &[String], name: &str, after: usize) -> Vec<String> {
    let start: String = name
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    let lines: Vec<&str> = pages.iter().flat_map(|p| p.lines()).collect();
    lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.trim_start().starts_with(&start))
        .map(|(i, _)| lines[i..(i + 1 + after).min(lines.len())].join("\n"))
        .collect()
}

pub fn demo_results(a: &Appraisal) -> score::Results {
    Evaluation::of(a).score().clone().expect("score")
}

/// The text of `input`'s draft pack, typeset in memory, whitespace flattened.
pub fn draft_text(input: &report::PackInput) -> String {
    let options = report::PackOptions {
        status: Status::Draft,
        at: time::OffsetDateTime::UNIX_EPOCH,
    };
    let pdf = report::pack(input, &options).expect("pack");
    let dir = Dir::new();
    let path = dir.path("pack.pdf");
    std::fs::write(&path, pdf).expect("write");
    flat(&pages(&path))
}

#[test]
fn the_travel_section_shows_the_travel_engines_figures() {
    let e = export_demo(None);
    let text = flat(&e.pages);
    let a = store::open(&e.file).expect("open");
    let t = appraise::travel::assess(&a).expect("travel");
    assert!(text.contains(
        "Journeys are measured from the 16 population zones (1,052,000 people) to the nearest site"
    ));
    assert!(text.contains("No travel-time matrix has been imported"));
    // Who travels further: each option's people worse off by car, blue light (the demo's A&E
    // and maternity have a blue-light threshold) and public transport, one row per mode, as the
    // engine counts them (hand-worked for the demo: 70,000 by car, 100,000 by public transport
    // under the northern merger).
    let by = |mode: TravelMode| {
        t.any_service
            .iter()
            .find(|x| x.mode == mode)
            .expect("mode measured")
    };
    let (car, pt) = (by(TravelMode::Car), by(TravelMode::PublicTransport));
    assert!(text.contains("Option Mode People Share In quintiles 1-2"));
    for (o, p) in car.options.iter().zip(&pt.options) {
        if t.baseline.as_deref() == Some(o.option.as_str()) {
            continue;
        }
        let name = &t.services[0]
            .options
            .iter()
            .find(|x| x.option == o.option)
            .expect("option")
            .name;
        let car_row = format!("Car (off-peak) {}", appraise::charts::count(o.people_worse));
        let pt_row = format!(
            "Public transport {}",
            appraise::charts::count(p.people_worse)
        );
        assert!(
            blocks_for(&e.pages, name, 4).iter().any(|b| {
                let flat = b.split_whitespace().collect::<Vec<_>>().join(" ");
                flat.contains(&car_row) && flat.contains(&pt_row)
            }),
            "no rows for {name} with {car_row:?} and {pt_row:?}"
        );
    }
    assert!(
        car.options
            .iter()
            .any(|o| o.option == "MERGE-N" && o.people_worse == 70_000.0)
    );
    assert!(
        pt.options
            .iter()
            .any(|o| o.option == "MERGE-N" && o.people_worse == 100_000.0)
    );
    // Journey times by service: every service, and the northern merger's A&E means by car and
    // public transport on its row.
    for s in &t.services {
        assert!(text.contains(&s.name), "missing service {}", s.name);
    }
    let ae = |mode: TravelMode| {
        &t.services
            .iter()
            .find(|s| s.service == "AE" && s.mode == mode)
            .expect("A&E")
            .options[1]
    };
    let (ae_car, ae_blue, ae_pt) = (
        ae(TravelMode::Car),
        ae(TravelMode::BlueLight),
        ae(TravelMode::PublicTransport),
    );
    let means = [
        format!("Car (off-peak) {:.1}", ae_car.all.mean.expect("mean")),
        format!("Blue light {:.1}", ae_blue.all.mean.expect("mean")),
        format!("Public transport {:.1}", ae_pt.all.mean.expect("mean")),
    ];
    // Blue light by hand: 0.67 x the car drive with no access minutes, (17.4 - 5) x 0.67 = 8.3.
    assert_eq!(
        means,
        [
            "Car (off-peak) 17.4",
            "Blue light 8.3",
            "Public transport 44.8"
        ]
    );
    assert!(
        blocks_for(&e.pages, &ae_car.name, 6).iter().any(|b| {
            let flat = b.split_whitespace().collect::<Vec<_>>().join(" ");
            means.iter().all(|m| flat.contains(m.as_str()))
        }),
        "no A&E rows for {} with {means:?}",
        ae_car.name
    );
    for caption in [
        "Share of each IMD quintile whose journey to any service grows by more than 15 minutes by car (off-peak)",
        "Share of each IMD quintile whose journey to any service grows by more than 15 minutes by blue-light ambulance",
        "Cumulative share of the population within each journey time to",
        "Mean change in journey time to",
    ] {
        assert!(text.contains(caption), "missing figure {caption}");
    }
}

#[test]
fn the_sensitivity_section_shows_switch_points_tornado_and_smaa() {
    let e = export_demo(None);
    let text = flat(&e.pages);
    let a = store::open(&e.file).expect("open");
    let r = demo_results(&a);
    let s = report::Robustness::compute(&a, &r).expect("sensitivity");
    // Every switch point in the table as the engine solved it; Deliverability's is the
    // hand-checked 15% -> 22.8% (to ICO).
    for n in s.analysis.one_way.iter().filter(|n| n.nearest.is_some()) {
        let x = n.nearest.as_ref().expect("nearest");
        let cells = [
            format!("{:.1}%", n.weight * 100.0),
            format!("{:.1}%", x.weight * 100.0),
            format!("{:.1}", x.points),
        ];
        assert!(
            rows_for(&e.pages, &n.name)
                .iter()
                .any(|l| cells.iter().all(|c| l.contains(c.as_str()))),
            "no switch row for {} with {cells:?}",
            n.name
        );
    }
    let del = s
        .analysis
        .one_way
        .iter()
        .find(|n| n.criterion == "DEL")
        .expect("DEL");
    let x = del.nearest.as_ref().expect("DEL switches");
    assert_eq!(
        (format!("{:.1}", x.weight * 100.0), x.to.as_str()),
        ("22.8".to_owned(), "ICO")
    );
    // SMAA: each option's first-rank acceptability with its standard error, under the demo's
    // stored draw (level by level: the top level uniform, the groups fixed) and in the second
    // run with nothing known at any level.
    let open = s.no_weight_information.as_ref().expect("a second run");
    for run in [&s.analysis.smaa, open] {
        for o in &run.options {
            let cell = format!(
                "{:.1} ± {:.1}",
                o.acceptability[0].value * 100.0,
                o.acceptability[0].se * 100.0
            );
            assert!(
                rows_for(&e.pages, &o.name)
                    .iter()
                    .any(|l| l.contains(&cell)),
                "no SMAA row for {} with {cell}",
                o.name
            );
        }
    }
    assert!(text.contains("draws 10,000 sets of weights and scores at random (seed 1"));
    // The draw, each level's model, the draws and their standard error are stated.
    assert!(text.contains(
        "Weights: drawn level by level down the criteria tree: the top level's 4 weights uniform on the simplex (no weight information); within each group fixed at the appraisal's weights."
    ));
    assert!(text.contains(
        "Figures are ± one standard error: for a share p of the 10,000 draws, √(p(1 − p)/10,000), at most 0.50 percentage points."
    ));
    for row in [
        "Top level 4 uniform on the simplex (no weight information)",
        "Quality (QUA) 4 fixed at the appraisal's weights",
        "Deliverability (DEL) 2 fixed at the appraisal's weights",
    ] {
        assert!(text.contains(row), "missing level {row}");
    }
    assert!(text.contains("leads the next-best option by 1.6 points"));
    for caption in [
        "Each option's total as the weight of one top-level group moves from 0 to 100%",
        "The inputs that move the preferred option's lead most (top 12)",
        "Rank acceptability, weights drawn level by level down the criteria tree (as above); scores panel cells normal",
        "Rank acceptability with every level's weights drawn uniformly (no weight information)",
    ] {
        assert!(text.contains(caption), "missing figure {caption}");
    }
    assert!(text.contains("With no weight information"));
    // The method section states the draw too.
    assert!(
        text.contains("The sensitivity section's acceptabilities come from 10,000 draws (seed 1), made in one sequence from the seed.")
    );
    assert!(text.contains(
        "This appraisal's weights are drawn level by level down the criteria tree: the top level's 4 weights uniform on the simplex (no weight information); within each group fixed at the appraisal's weights."
    ));
    // Weight sets: "Equal weights" prefers ICO, the others keep SPLIT (hand-checked).
    assert!(text.contains("Equal weights"));
}

#[test]
fn the_executive_summary_says_how_robust_and_who_travels_further() {
    let e = export_demo(None);
    let text = flat(&e.pages);
    let a = store::open(&e.file).expect("open");
    let r = demo_results(&a);
    let s = report::Robustness::compute(&a, &r).expect("sensitivity");
    let split = s
        .analysis
        .smaa
        .options
        .iter()
        .find(|o| o.code == "SPLIT")
        .expect("SPLIT");
    // Under the demo's stored assumption (the top-level weights unknown, the weights within
    // each group as set) the split comes first in 44.6% of draws and the ICO in 50.7%: the
    // figures `appraise sensitivity` prints. The verdict cites the draw.
    let first = split.acceptability[0].value;
    assert_eq!(format!("{:.1}", first * 100.0), "44.6");
    assert!(text.contains(&format!(
        "The ranking is fragile: {} comes first in 44.6% of 10,000 draws (SMAA, ± 0.5 points); otherwise first: Integrated care organisation with community services and social care 50.7%, Merger with University Hospitals of North Staffordshire 4.1%; the draws take scores from the panel's spread and weights drawn level by level down the criteria tree: the top level's 4 weights uniform on the simplex (no weight information); within each group fixed at the appraisal's weights.",
        split.name,
    )), "{text}");
    // With nothing known at any level (every group's weights uniform too) it is first in 25.6%.
    assert!(text.contains(&format!(
        "In a second run with no weight information at all (every level's weights drawn uniformly), {} comes first in 25.6% of draws.",
        split.name
    )));
    assert!(text.contains(
        "The nearest switch point: if the weight of Critical mass and workforce sustainability moved from 32.0% to 24.0% (8.0 points)"
    ));
    assert!(text.contains("Other weight sets that change the preferred option: Equal weights"));
    assert!(text.contains(&format!(
        "Under {}, 70,000 people (6.7% of the population) would have a journey by car to at least one service more than 15 minutes longer than under do minimum",
        split.name
    )));
}

#[test]
fn sections_whose_engines_cannot_run_say_not_yet_assessed() {
    let mut a = appraise::demo::appraisal();
    // A zone without population stops the travel engine, and only it: the access criteria
    // fall back to hand-entered values.
    a.zones[0].population = 0.0;
    let options: Vec<String> = a.options.iter().map(|o| o.code.clone()).collect();
    for option in options {
        for (criterion, value) in [("ACC-AE", 80.0), ("ACC-MAT", 2.0), ("ACC-DEP", 0.0)] {
            a.performances.push(appraise::model::Performance {
                option: option.clone(),
                criterion: criterion.to_owned(),
                value: appraise::model::RawValue::Number(value),
                evidence: "typed in while the travel data are fixed".to_owned(),
                manual: true,
            });
        }
    }
    let input = report::PackInput::compute(&a);
    assert!(input.score.is_ok());
    assert!(input.travel.is_err());
    assert!(input.sensitivity.is_ok());
    let text = draft_text(&input);
    assert!(
        text.contains("Not yet assessed: the travel engine could not run: zones/"),
        "{text}"
    );
    assert!(text.contains("has no population"));
    assert!(text.contains("How likely each option is to come first (SMAA)"));
}

#[test]
fn the_pack_states_the_rating_rules_and_marks_those_the_team_changed() {
    let mut a = appraise::demo::appraisal();
    let published = draft_text(&report::PackInput::compute(&a));
    assert!(published.contains(
        "The ratings follow the published rules: Monitor's Risk Assessment Framework (2013) for \
         the CoSRR and NHS Improvement's Single Oversight Framework (2016) for the SOF."
    ));
    assert!(
        published
            .contains("Capital service cover (times) above 2.5 at least 1.75 at least 1.25 0.5")
    );
    a.settings.finance.cosrr.liquidity.cuts[2].value = -20.0;
    a.settings.finance.sof.rounding = appraise::model::Rounding::Up;
    let input = report::PackInput::compute(&a);
    let changed = draft_text(&input);
    assert!(
        changed.contains(
            "The appraisal team changed the published rules for the ratings above, in: CoSRR: \
             Liquidity (days); SOF: rounding. The changed rules are marked *."
        ),
        "{changed}"
    );
    assert!(changed.contains("Liquidity (days) * at least 0 at least -7 at least -20 0.5"));
    assert!(changed.contains("rounded up; a metric that reaches no boundary rates 4. *"));
    // The tables above it are the engine's under the changed rules: the split's worst CoSRR
    // rises from 2 to 3 (see session::rating_rules).
    let split = input.finance.as_ref().unwrap().option("SPLIT").unwrap();
    assert_eq!(split.worst_cosrr, 3);
}

#[test]
fn the_pack_runs_smaa_with_the_appraisals_stored_settings() {
    let mut a = appraise::demo::appraisal();
    a.settings.sensitivity.samples = 2_000;
    a.settings.sensitivity.seed = 7;
    // Drawn flat, a ranking of leaves.
    a.settings.sensitivity.draw = appraise::sensitivity::WeightDraw::Flat;
    a.settings.sensitivity.weights = appraise::sensitivity::WeightModel::Ranking {
        ranking: vec!["QUA-STD".to_owned(), "VIA-MARGIN".to_owned()],
    };
    let input = report::PackInput::compute(&a);
    let s = input.sensitivity.as_ref().expect("sensitivity");
    assert_eq!(s.analysis.smaa.samples, 2_000);
    assert_eq!(s.analysis.smaa.seed, 7);
    // A ranking says something of the weights: the second run, with none, is made and labelled.
    let open = s.no_weight_information.as_ref().expect("a second run");
    assert_eq!(open.samples, 2_000);
    assert_eq!(
        open.weights,
        "drawn flat over the 12 weighted leaf criteria, uniform on the simplex (no weight information)"
    );
    let text = draft_text(&input);
    assert!(
        text.contains("draws 2,000 sets of weights and scores at random (seed 7"),
        "{text}"
    );
    assert!(text.contains(
        "Weights: drawn flat over the 12 weighted leaf criteria, uniform among weights consistent with a ranking of 2 criteria"
    ));
    assert!(text.contains(
        "A second run, with a different assumption: weights drawn flat over the 12 weighted leaf criteria, uniform on the simplex (no weight information) (every possible weighting equally likely)"
    ));
    assert!(
        text.contains("This appraisal's weights are drawn flat over the 12 weighted leaf criteria")
    );
    assert!(
        text.contains("Rank acceptability with weights drawn uniformly (no weight information)")
    );
}

/// The travel chapter prints the basis of the road times beside them, and says which modes
/// were computed from roads and which imported; with no basis, the imported-matrix wording.
#[test]
fn the_travel_section_prints_the_basis_of_the_road_times() {
    let mut a = appraise::demo::appraisal();
    let (zones, sites) = (a.zones.len(), a.sites.len());
    let mut m = appraise::model::TravelMatrix::new(
        a.zones.iter().map(|z| z.code.clone()).collect(),
        a.sites.iter().map(|s| s.code.clone()).collect(),
        TravelMode::ALL.to_vec(),
        vec![20.0; zones * sites * 4],
    )
    .expect("shape");
    let mut settings = appraise::model::RoadSettings::default();
    settings.peak_factors.primary = 1.35;
    m.set_bases(vec![appraise::model::RoadBasis {
        extract: "england-latest.osm.pbf".into(),
        extract_timestamp: Some("2026-11-30T21:42:03Z".into()),
        sha256: "9f86d081884c7d65".repeat(4),
        computed_at: "2026-12-04T22:10:00Z".into(),
        modes: vec![TravelMode::Car, TravelMode::CarPeak, TravelMode::BlueLight],
        settings,
    }]);
    a.travel_matrix = m.clone();
    let text = draft_text(&report::PackInput::compute(&a));
    // Every cell by all four modes is in the matrix.
    let cells = zones * sites * 4;
    for want in [
        format!(
            "{cells} of the {cells} zone-to-site journey times come from the travel-time matrix: computed on an OpenStreetMap road network by car (off-peak), by car at peak and by blue-light ambulance (the basis is below) and, by public transport, imported;"
        ),
        "Road times Basis OpenStreetMap extract england-latest.osm.pbf".to_owned(),
        "Extract's data as of 2026-11-30 21:42 UTC".to_owned(),
        "Times computed 2026-12-04 22:10 UTC".to_owned(),
        "Modes Car (off-peak), Car (peak), Blue light".to_owned(),
        "Joining legs zone centroids and sites joined to the nearest road at 15 km/h, within 2000 m".to_owned(),
        "Car time drive x 1.15 (junctions) + 160 s (parking)".to_owned(),
        "Peak factors motorway 1.5, trunk 1.4, primary 1.35, secondary 1.3, tertiary 1.25, minor roads 1.15, access roads 1.1".to_owned(),
        "Blue-light time 0.67 x off-peak drive x 1.15, no parking".to_owned(),
    ] {
        assert!(text.contains(&want), "missing {want:?} in {text}");
    }
    assert!(text.contains("9f86d081884c7d65"), "the SHA-256");

    // An extract that states no timestamp says so.
    let mut bases = m.bases().to_vec();
    bases[0].extract_timestamp = None;
    a.travel_matrix.set_bases(bases);
    let text = draft_text(&report::PackInput::compute(&a));
    assert!(text.contains("Extract's data as of not stated in the file"));

    // No basis: the matrix is an imported one, and the pack says only that.
    a.travel_matrix.set_bases(Vec::new());
    let text = draft_text(&report::PackInput::compute(&a));
    assert!(text.contains(&format!(
        "{cells} of the {cells} zone-to-site journey times come from the imported travel-time matrix;"
    )));
    assert!(!text.contains("OpenStreetMap"));
}

/// With road times from an OpenStreetMap extract, every map draws the extract's main roads and
/// credits OpenStreetMap, and the maps' paragraph names the extract; without, it says no road
/// network is drawn and why.
#[test]
fn the_maps_draw_the_extracts_main_roads_and_credit_them() {
    let mut a = appraise::demo::appraisal();
    let without = draft_text(&report::PackInput::compute(&a));
    assert!(without.contains("Drawn from the appraisal's own coordinates. No road network is drawn: roads are drawn only where the road times were computed from a map extract."));
    assert!(!without.contains("OpenStreetMap"));

    let (zones, sites) = (a.zones.len(), a.sites.len());
    let mut m = appraise::model::TravelMatrix::new(
        a.zones.iter().map(|z| z.code.clone()).collect(),
        a.sites.iter().map(|s| s.code.clone()).collect(),
        vec![TravelMode::Car],
        vec![20.0; zones * sites],
    )
    .expect("shape");
    m.set_bases(vec![appraise::model::RoadBasis {
        extract: "staffordshire.osm.pbf".into(),
        extract_timestamp: None,
        sha256: "ab".repeat(32),
        computed_at: "2026-12-05T09:00:00Z".into(),
        modes: vec![TravelMode::Car],
        settings: appraise::model::RoadSettings::default(),
    }]);
    // The M6 from Stoke-on-Trent past Stafford, by hand.
    let m6 = [(53.05, -2.27), (52.83, -2.15), (52.62, -2.07)].map(|(lat, lon)| {
        [
            appraise::model::microdegrees(lat),
            appraise::model::microdegrees(lon),
        ]
    });
    m.set_road_layer(Some(std::sync::Arc::new(appraise::model::RoadLayer {
        extract: "staffordshire.osm.pbf".into(),
        lines: vec![appraise::model::RoadLine {
            class: appraise::model::MainRoad::Motorway,
            points: m6.to_vec(),
        }],
    })));
    a.travel_matrix = m;
    let input = report::PackInput::compute(&a);
    let with = draft_text(&input);
    assert!(with.contains("Drawn from the appraisal's own coordinates, with the main roads of the OpenStreetMap extract staffordshire.osm.pbf (the one the road times were computed from) as faint grey lines"));
    let maps = a.options.len() - 1;
    assert!(!with.contains("no road network is drawn"));
    assert_eq!(
        with.matches("Roads © OpenStreetMap contributors").count(),
        maps + 1,
        "the paragraph's credit and one on each of the {maps} maps"
    );

    // An extract with no main road near the places draws none, and says so.
    let mut m = a.travel_matrix.clone();
    m.set_road_layer(Some(std::sync::Arc::new(appraise::model::RoadLayer {
        extract: "grid.osm.pbf".into(),
        lines: Vec::new(),
    })));
    a.travel_matrix = m;
    let empty = draft_text(&report::PackInput::compute(&a));
    assert!(empty.contains("the OpenStreetMap extract grid.osm.pbf the road times were computed from has no motorway, trunk, primary, secondary or tertiary road within 15 km of the appraisal's places, so no road is drawn."));
    assert!(!empty.contains("OpenStreetMap contributors"));
}
