//! Excel and CSV in and out: the template, imports (all or nothing, every problem named by
//! sheet, row and column), results workbooks, and the malformed files people really send.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use appraise::evaluation::Evaluation;
use appraise::model::{Appraisal, TravelMatrix, TravelMode};
use appraise::sheets::{self, SheetError, results, schema, template};
use appraise::store;
use calamine::{Data, DataType, Reader, Xlsx, open_workbook};
use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};

use crate::util::{Dir, sha256};

fn sheet_rows(path: &Path, sheet: &str) -> Vec<Vec<Data>> {
    let mut book: Xlsx<_> = open_workbook(path).expect("open workbook");
    let range = book.worksheet_range(sheet).expect("sheet");
    range.rows().map(|r| r.to_vec()).collect()
}

fn text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        other => format!("{other:?}"),
    }
}

/// The demo with none of the data the workbook carries: only its settings and criteria.
fn skeleton() -> Appraisal {
    let mut a = appraise::demo::appraisal();
    a.organisations.clear();
    a.services.clear();
    a.sites.clear();
    a.zones.clear();
    a.options.clear();
    a.scorers.clear();
    a.scores.clear();
    a.performances.clear();
    a.weight_sets.clear();
    a.travel_matrix = TravelMatrix::default();
    a
}

fn demo_with_matrix() -> Appraisal {
    let mut a = appraise::demo::appraisal();
    let mut m = TravelMatrix::empty(
        a.zones.iter().map(|z| z.code.clone()).collect(),
        a.sites.iter().map(|s| s.code.clone()).collect(),
        TravelMode::ALL.to_vec(),
    );
    for (i, v) in m
        .cells()
        .to_vec()
        .iter()
        .enumerate()
        .filter(|(i, _)| i % 3 == 0)
    {
        let _ = v;
        let (mode, rest) = (
            i / (m.sites().len() * m.zones().len()),
            i % (m.sites().len() * m.zones().len()),
        );
        let (site, zone) = (rest / m.zones().len(), rest % m.zones().len());
        m.column_mut(mode, site)[zone] = 5.0 + (i % 97) as f32 * 0.25;
    }
    a.travel_matrix = m;
    a
}

fn file_with(dir: &Dir, name: &str, a: &Appraisal) -> PathBuf {
    let path = dir.path(name);
    store::create(&path, a).expect("create");
    path
}

#[test]
fn the_template_has_every_sheet_with_its_header_notes_and_validation() {
    let dir = Dir::new();
    let path = dir.path("template.xlsx");
    template::write_template(&path).expect("template");
    let book: Xlsx<_> = open_workbook(&path).expect("open");
    let mut names = vec!["About".to_owned()];
    names.extend(schema::SHEETS.iter().map(|s| s.name.to_owned()));
    assert_eq!(book.sheet_names(), names);
    for s in &schema::SHEETS {
        let rows = sheet_rows(&path, s.name);
        assert_eq!(rows.len(), 1, "{}: a header and no data", s.name);
        let header: Vec<String> = rows[0].iter().map(text).collect();
        let want: Vec<String> = s.columns.iter().map(|c| c.name.to_owned()).collect();
        assert_eq!(header, want, "{}", s.name);
    }
    // Notes and data validation live in the sheet XML: read them from the package.
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
    let mut xml = |name: &str| {
        let mut s = String::new();
        zip.by_name(name)
            .expect(name)
            .read_to_string(&mut s)
            .unwrap();
        s
    };
    // Sheet 2 is Organisations: kind and cqc_rating are lists of codes.
    let organisations = xml("xl/worksheets/sheet2.xml");
    assert!(organisations.contains("type=\"list\""));
    assert!(organisations.contains("acute_trust,foundation_trust,community"));
    // Zones (sheet 6): imd_decile is a whole number from 1 to 10.
    let zones = xml("xl/worksheets/sheet6.xml");
    assert!(zones.contains("type=\"whole\""));
    assert!(
        zones.contains("<formula1>1</formula1><formula2>10</formula2>"),
        "{zones}"
    );
    let notes = xml("xl/comments1.xml");
    assert!(notes.contains("Required. A short unique code, e.g. the ODS code (RJD)."));
}

#[test]
fn template_filled_imported_and_exported_gives_the_same_values() {
    let dir = Dir::new();
    let demo = demo_with_matrix();
    let workbook = dir.path("filled.xlsx");
    template::write_data(&demo, &workbook).expect("fill the template");
    let file = file_with(&dir, "new.appraisal", &skeleton());
    let done = sheets::import_xlsx(&file, &workbook).expect("import");
    assert_eq!(done.ignored, vec!["About".to_owned()]);
    assert!(done.changes > 0);
    let got = store::open(&file).expect("open");
    assert_eq!(got.organisations, demo.organisations);
    assert_eq!(got.services, demo.services);
    assert_eq!(got.sites, demo.sites);
    assert_eq!(got.zones, demo.zones);
    assert_eq!(got.scorers, demo.scorers);
    assert_eq!(got.scores, demo.scores);
    assert_eq!(got.travel_matrix, demo.travel_matrix);
    for (g, d) in got.options.iter().zip(&demo.options) {
        assert_eq!((&g.code, &g.name, g.kind), (&d.code, &d.name, d.kind));
        assert_eq!((&g.description, &g.members), (&d.description, &d.members));
        assert_eq!(g.site_services, d.site_services);
    }
    // Importing the same workbook again changes nothing.
    assert_eq!(
        sheets::import_xlsx(&file, &workbook)
            .expect("again")
            .changes,
        0
    );

    // The workbook carries no assessments or option finances: add the demo's, and the
    // exported results equal the engines' figures on the demo itself.
    let mut a = store::open(&file).unwrap();
    a.performances = demo.performances.clone();
    a.weight_sets = demo.weight_sets.clone();
    for (g, d) in a.options.iter_mut().zip(&demo.options) {
        g.finance = d.finance.clone();
        g.site_transfers = d.site_transfers.clone();
    }
    store::save(&file, &mut a).expect("save");
    let out = dir.path("results.xlsx");
    results::write_xlsx(&a, &Evaluation::of(&a), &out).expect("export");
    let a = demo;
    let r = Evaluation::of(&a).score().clone().unwrap();
    let ranking = sheet_rows(&out, "Ranking");
    assert_eq!(text(&ranking[0][3]), "total");
    for row in &ranking[1..] {
        let code = text(&row[1]);
        let o = r.options.iter().find(|o| o.code == code).expect("option");
        assert_eq!(row[0].as_f64(), Some(o.rank as f64));
        assert_eq!(row[3].as_f64(), Some(o.total), "{code}");
    }
    let finance = sheet_rows(&out, "Finance");
    let f = appraise::finance::model(&a).unwrap();
    let first = &f.options[0].years[0];
    assert_eq!(finance[1][5].as_f64(), Some(first.margin_percent));
    assert_eq!(finance[1][8].as_f64(), Some(f64::from(first.cosrr.overall)));
    // The merger stops offering A&E at Stafford: the sheet has that row with the engine's
    // figures, and a row for every site, service and mode the pack may shorten.
    let evaluation = Evaluation::of(&a);
    let t = evaluation.travel().as_ref().unwrap();
    let lost = sheet_rows(&out, "LostSites");
    assert_eq!(
        lost[0].iter().map(text).collect::<Vec<_>>(),
        [
            "service",
            "mode",
            "option",
            "site",
            "site_name",
            "people",
            "mean_extra_minutes",
            "least_extra_minutes",
            "most_extra_minutes",
            "people_unreached"
        ]
    );
    let rows: usize = t
        .services
        .iter()
        .flat_map(|s| &s.options)
        .map(|o| o.lost_sites.len())
        .sum();
    assert_eq!(lost.len() - 1, rows);
    let service = &a.services[0];
    let car = t
        .services
        .iter()
        .find(|s| s.service == service.code && s.mode == appraise::model::TravelMode::Car)
        .unwrap();
    let merger = &car.options[1];
    let stafford = merger
        .lost_sites
        .iter()
        .find(|l| l.name == "County Hospital, Stafford")
        .expect("the merger stops A&E at Stafford");
    let row = lost
        .iter()
        .find(|r| {
            (text(&r[0]), text(&r[1]), text(&r[2]), text(&r[4]))
                == (
                    service.code.clone(),
                    "car".to_owned(),
                    merger.option.clone(),
                    stafford.name.clone(),
                )
        })
        .expect("Stafford's A&E row");
    assert_eq!(row[5].as_f64(), Some(stafford.people));
    assert!(stafford.people > 0.0);
    assert_eq!(row[6].as_f64(), stafford.mean_extra);
    let names: Vec<String> = {
        let book: Xlsx<_> = open_workbook(&out).unwrap();
        book.sheet_names()
    };
    assert_eq!(names, results::TABLES);
}

#[test]
fn csv_imports_one_kind_and_exports_one_table() {
    let dir = Dir::new();
    let file = file_with(&dir, "demo.appraisal", &appraise::demo::appraisal());
    let csv = dir.path("zones.csv");
    let existing = appraise::demo::appraisal().zones[0].code.clone();
    std::fs::write(
        &csv,
        format!("code,name,population,imd_decile,latitude,longitude\nNEW,New town,\"12,500\",3,52.8,-2.1\n\n{existing},Renamed,70000,6,52.806,-2.117\n"),
    )
    .unwrap();
    let done = sheets::import_csv(&file, "zones", &csv).expect("import");
    assert_eq!(done.applied.rows, vec![("Zones".to_owned(), 2)]);
    let a = store::open(&file).unwrap();
    let new = a.zones.iter().find(|z| z.code == "NEW").expect("added");
    assert_eq!((new.population, new.imd_decile), (12_500.0, 3));
    assert_eq!(a.zones.len(), appraise::demo::appraisal().zones.len() + 1);
    let renamed = a.zones.iter().find(|z| z.code == existing).expect("kept");
    assert_eq!(
        (renamed.name.as_str(), renamed.population),
        ("Renamed", 70_000.0)
    );
    let out = dir.path("smaa.csv");
    results::write_csv(&a, &Evaluation::of(&a), "smaa", &out).expect("export");
    let body = std::fs::read_to_string(&out).unwrap();
    assert!(body.starts_with("option,rank_1,rank_1_se,rank_2"), "{body}");
    assert_eq!(body.lines().count(), a.options.len() + 1);
    let err = sheets::import_csv(&file, "people", &csv).expect_err("unknown kind");
    assert!(err.to_string().contains("unknown kind 'people'"));
}

/// Writes a workbook with one sheet `name` holding `rows` (strings; "=" starts a formula,
/// "#n" a number); `edit` may add to the sheet.
fn workbook(
    path: &Path,
    name: &str,
    rows: &[&[&str]],
    edit: impl FnOnce(&mut rust_xlsxwriter::Worksheet),
) {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name(name).unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            if let Some(n) = v.strip_prefix('#') {
                ws.write_number(r, c, n.parse::<f64>().unwrap()).unwrap();
            } else if !v.is_empty() {
                ws.write_string(r, c, *v).unwrap();
            }
        }
    }
    edit(ws);
    book.save(path).unwrap();
}

fn import_err(file: &Path, xlsx: &Path) -> Vec<String> {
    let before = sha256(file);
    match sheets::import_xlsx(file, xlsx) {
        Err(SheetError::Invalid { problems, .. }) => {
            assert_eq!(sha256(file), before, "nothing is written");
            problems.iter().map(|p| p.to_string()).collect()
        }
        other => panic!("expected problems, got {other:?}"),
    }
}

const ZONE_HEADER: &[&str] = &["code", "name", "population", "imd_decile"];

#[test]
fn bad_cells_are_each_named_by_sheet_row_and_column_and_nothing_is_written() {
    let dir = Dir::new();
    let file = file_with(&dir, "demo.appraisal", &appraise::demo::appraisal());
    let xlsx = dir.path("bad.xlsx");
    workbook(
        &xlsx,
        "Zones",
        &[
            ZONE_HEADER,
            &["Z1", "One", "many", "#3"],
            &["Z2", "", "#100", "#11"],
            &["Z3", "Three", "#100", "#2.5"],
            &["Z1", "Again", "#5", "#4"],
        ],
        |_| {},
    );
    let problems = import_err(&file, &xlsx);
    assert_eq!(
        problems,
        vec![
            "Zones, row 2, column population: 'many' is not a number",
            "Zones, row 3, column name: is empty; it must be filled in",
            "Zones, row 3, column imd_decile: 11 is out of range: it must be from 1 to 10",
            "Zones, row 4, column imd_decile: 2.5 is not a whole number",
        ]
    );
    // The repeated code is found once the row itself is good.
    workbook(
        &xlsx,
        "Zones",
        &[
            ZONE_HEADER,
            &["Z1", "One", "#3", "#3"],
            &["Z1", "Again", "#5", "#4"],
        ],
        |_| {},
    );
    assert_eq!(
        import_err(&file, &xlsx),
        vec!["Zones, row 3, column code: 'Z1' is already given on row 2"]
    );
}

#[test]
fn missing_and_unknown_columns_and_references_are_problems() {
    let dir = Dir::new();
    let file = file_with(&dir, "demo.appraisal", &appraise::demo::appraisal());
    let xlsx = dir.path("bad.xlsx");
    workbook(
        &xlsx,
        "Sites",
        &[&["code", "name", "colour"], &["S1", "Site", "red"]],
        |_| {},
    );
    let problems = import_err(&file, &xlsx);
    assert!(
        problems[0].starts_with("Sites, row 1, column colour: unknown column"),
        "{problems:?}"
    );
    assert_eq!(
        problems[1],
        "Sites, row 1, column organisation: this required column is missing"
    );
    let scorer = appraise::demo::appraisal().scorers[0].code.clone();
    let md = scorer.as_str();
    workbook(
        &xlsx,
        "Scores",
        &[
            &["scorer", "option", "criterion", "score"],
            &["NOBODY", "SPLIT", "QUA-STD", "#5"],
            &[md, "SPLIT", "VIA-MARGIN", "#5"],
            &[md, "SPLIT", "QUA-STD", "#12"],
            &[md, "SPLIT", "QUA-STD", "seven"],
        ],
        |_| {},
    );
    let problems = import_err(&file, &xlsx);
    assert_eq!(
        problems,
        vec![
            "Scores, row 2, column scorer: no scorer has the code 'NOBODY'",
            "Scores, row 3, column criterion: 'VIA-MARGIN' is not a panel-scored criterion of this appraisal",
            "Scores, row 4, column score: 12 is outside the panel scale 0 to 10",
            "Scores, row 5, column score: 'seven' is not a number",
        ]
    );
}

#[test]
fn merged_cells_dates_formulas_and_errors_are_handled() {
    let dir = Dir::new();
    let file = file_with(&dir, "demo.appraisal", &appraise::demo::appraisal());
    let xlsx = dir.path("odd.xlsx");
    workbook(
        &xlsx,
        "Zones",
        &[
            ZONE_HEADER,
            &["Z1", "One", "", "#3"],
            &["Z2", "Two", "#100", "#3"],
            &[],
            &["Z3", "Three", "#100", "#3"],
        ],
        |ws| {
            let date = ExcelDateTime::from_ymd(2014, 4, 1).unwrap();
            ws.write_datetime_with_format(1, 2, &date, &Format::new().set_num_format("dd/mm/yyyy"))
                .unwrap();
            ws.merge_range(4, 1, 4, 2, "merged", &Format::new())
                .unwrap();
        },
    );
    let problems = import_err(&file, &xlsx);
    assert!(
        problems.contains(
            &"Zones, row 5: merged cells (B5:C5): unmerge them so each row has its own values"
                .to_owned()
        ),
        "{problems:?}"
    );
    assert!(problems.contains(&"Zones, row 2, column population: holds a date (01/04/2014) where a number is expected: format the cell as a number".to_owned()), "{problems:?}");

    // A formula with its computed value is read as the value; the empty row is skipped.
    workbook(
        &xlsx,
        "Zones",
        &[
            ZONE_HEADER,
            &["Z1", "One", "", "#3"],
            &[],
            &["Z2", "Two", "#100", "#3"],
        ],
        |ws| {
            ws.write_formula(1, 2, Formula::new("=2000+500").set_result("2500"))
                .unwrap();
        },
    );
    let done = sheets::import_xlsx(&file, &xlsx).expect("import");
    assert_eq!(done.applied.rows, vec![("Zones".to_owned(), 2)]);
    let a = store::open(&file).unwrap();
    assert_eq!(
        a.zones.iter().find(|z| z.code == "Z1").unwrap().population,
        2500.0
    );
    // A formula error is named.
    workbook(
        &xlsx,
        "Zones",
        &[ZONE_HEADER, &["Z9", "Nine", "", "#3"]],
        |ws| {
            ws.write_formula(1, 2, Formula::new("=1/0").set_result("#DIV/0!"))
                .unwrap();
        },
    );
    let problems = import_err(&file, &xlsx);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].starts_with("Zones, row 2, column population: holds a formula error"),
        "{problems:?}"
    );
}

#[test]
fn files_that_are_not_workbooks_or_too_large_are_refused_clearly() {
    let dir = Dir::new();
    let file = file_with(&dir, "demo.appraisal", &appraise::demo::appraisal());
    let before = sha256(&file);
    let text = dir.path("notes.xlsx");
    std::fs::write(&text, "this is not a workbook").unwrap();
    let err = sheets::import_xlsx(&file, &text).expect_err("not a workbook");
    assert!(
        err.to_string()
            .contains("notes.xlsx: not a readable .xlsx workbook"),
        "{err}"
    );
    let big = dir.path("big.xlsx");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(100 * 1024 * 1024)
        .unwrap();
    let err = sheets::import_xlsx(&file, &big).expect_err("too large");
    assert!(
        err.to_string().contains("big.xlsx: the workbook is 100 MB"),
        "{err}"
    );
    let other = dir.path("other.xlsx");
    workbook(&other, "Notes", &[&["hello"]], |_| {});
    let err = sheets::import_xlsx(&file, &other).expect_err("nothing to import");
    assert!(
        err.to_string().contains("has no sheet Appraise reads"),
        "{err}"
    );
    assert_eq!(sha256(&file), before);
}

fn run(args: &[&Path]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_appraise"))
        .args(args)
        .output()
        .expect("run appraise")
}

#[test]
fn the_cli_writes_the_template_imports_and_exports() {
    let dir = Dir::new();
    let file = dir.path("demo.appraisal");
    let (template, data, results, csv) = (
        dir.path("t.xlsx"),
        dir.path("d.xlsx"),
        dir.path("r.xlsx"),
        dir.path("r.csv"),
    );
    assert!(run(&["demo".as_ref(), &file]).status.success());
    assert!(run(&["template".as_ref(), &template]).status.success());
    assert!(
        run(&["template".as_ref(), &data, "--from".as_ref(), &file])
            .status
            .success()
    );
    let out = run(&["import-xlsx".as_ref(), &file, &data]);
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("Scores 75"), "{stdout}");
    assert!(stdout.contains("0 changes recorded"), "{stdout}");
    assert!(
        run(&["export-xlsx".as_ref(), &file, &results])
            .status
            .success()
    );
    assert!(
        run(&["export-csv".as_ref(), &file, "Ranking".as_ref(), &csv])
            .status
            .success()
    );
    let ranking = std::fs::read_to_string(&csv).unwrap();
    assert!(
        ranking.lines().nth(1).unwrap().starts_with("1,SPLIT,"),
        "{ranking}"
    );
    let bad = dir.path("bad.xlsx");
    workbook(
        &bad,
        "Zones",
        &[ZONE_HEADER, &["Z1", "One", "lots", "#3"]],
        |_| {},
    );
    let out = run(&["import-xlsx".as_ref(), &file, &bad]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("bad.xlsx: 1 problem; nothing was imported"),
        "{stderr}"
    );
    assert!(
        stderr.contains("Zones, row 2, column population: 'lots' is not a number"),
        "{stderr}"
    );
}
