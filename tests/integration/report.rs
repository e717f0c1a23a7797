//! The board pack, read back as a board member would: pdftotext on the exported PDF, checked
//! against the engines' own results; qpdf for the file's structure; the export's record in the
//! appraisal file; and the failures a user can cause.

use std::path::Path;
use std::process::Command;

use appraise::derived::DerivedMetrics;
use appraise::finance;
use appraise::model::{Appraisal, Status};
use appraise::report::{self, ReportError, fingerprint};
use appraise::score;
use appraise::store;

use crate::util::Dir;

/// The text of each page (pdftotext -layout, split on form feeds).
fn pages(pdf: &Path) -> Vec<String> {
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
fn flat(pages: &[String]) -> String {
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
    let derived = DerivedMetrics::compute(&a);
    let r = score::evaluate_with(&a, &|o, m| derived.value(o, m)).expect("score");
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
    assert!(text.contains("Not yet assessed: the travel engine has not run on this appraisal."));
    assert!(
        text.contains("Not yet assessed: the sensitivity analysis has not run on this appraisal.")
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
                    && w[1..].iter().all(|x| x.parse::<u8>().is_ok())
            })
            .map(|w| w[1..].to_vec())
            .collect()
    };
    for (i, year) in f.years.iter().enumerate() {
        let cosrr: Vec<String> = f
            .options
            .iter()
            .map(|o| o.years[i].cosrr.overall.to_string())
            .collect();
        let sof: Vec<String> = f
            .options
            .iter()
            .map(|o| o.years[i].sof.overall.to_string())
            .collect();
        let found = rows(*year);
        assert_eq!(found.len(), 2, "two rating rows for {}", label(*year));
        assert_eq!(found[0], cosrr, "CoSRR in {}", label(*year));
        assert_eq!(found[1], sof, "SOF in {}", label(*year));
    }
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
