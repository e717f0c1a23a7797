//! Nothing lost, nothing crashes, nothing sneaks in: hostile and careless input on every way
//! in (workbooks, CSV, JSON, the matrix import) is refused with a message naming the file and
//! field, bounded in time and memory, and CSV exports cannot run formulas.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use appraise::model::{Appraisal, TravelMatrix, TravelMode};
use appraise::sheets::{self, SheetError};
use appraise::store;
use rust_xlsxwriter::Workbook;

use crate::util::{Dir, sha256};

fn appraise(args: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_appraise"))
        .args(args)
        .output()
        .expect("run appraise")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn demo_file(dir: &Dir) -> PathBuf {
    let path = dir.path("a.appraisal");
    store::create(&path, &appraise::demo::appraisal()).expect("create");
    path
}

/// A Zones workbook with a header and one cell at `(row, col)`.
fn workbook_with_a_cell_at(path: &Path, row: u32, col: u16) {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("Zones").expect("name");
    ws.write_string(0, 0, "code").expect("header");
    ws.write_string(row, col, "far").expect("cell");
    book.save(path).expect("save");
}

/// The workbook at `path` with each part passed through `edit` (name, bytes), re-zipped.
fn rezip(path: &Path, out: &Path, mut edit: impl FnMut(&str, Vec<u8>) -> Vec<u8>) {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).expect("open")).expect("zip");
    let mut w = zip::ZipWriter::new(std::fs::File::create(out).expect("create"));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).expect("part");
        let name = part.name().expect("name").into_owned();
        let mut bytes = Vec::new();
        part.read_to_end(&mut bytes).expect("read part");
        w.start_file(name.as_str(), options).expect("start");
        w.write_all(&edit(&name, bytes)).expect("write");
    }
    w.finish().expect("finish");
}

#[test]
fn a_cell_in_the_far_corner_is_refused_naming_file_and_sheet() {
    let dir = Dir::new();
    let file = demo_file(&dir);
    let before = sha256(&file);
    let xlsx = dir.path("corner.xlsx");
    // XFD1048576: the last cell of a sheet. The file is a few kilobytes.
    workbook_with_a_cell_at(&xlsx, 1_048_575, 16_383);
    assert!(std::fs::metadata(&xlsx).unwrap().len() < 20_000);
    let err = sheets::import_xlsx(&file, &xlsx).unwrap_err();
    assert!(matches!(err, SheetError::SheetTooLarge { .. }), "{err:?}");
    let said = err.to_string();
    assert!(
        said.starts_with(&format!("{}: sheet Zones: ", xlsx.display())),
        "{said}"
    );
    assert!(said.contains("XFD1048576"), "{said}");
    assert!(said.contains("256 columns (A to IV)"), "{said}");
    assert_eq!(sha256(&file), before);

    // A sheet whose declared size is small but whose cell is far to the right is refused at
    // that cell.
    let lying = dir.path("lying.xlsx");
    workbook_with_a_cell_at(&xlsx, 3, 5_000);
    rezip(&xlsx, &lying, |name, bytes| {
        if name.starts_with("xl/worksheets/") {
            let xml = String::from_utf8(bytes).expect("xml");
            let start = xml.find("<dimension ref=\"").expect("dimension") + 16;
            let end = start + xml[start..].find('"').expect("end");
            format!("{}A1:B2{}", &xml[..start], &xml[end..]).into_bytes()
        } else {
            bytes
        }
    });
    let said = sheets::import_xlsx(&file, &lying).unwrap_err().to_string();
    assert!(
        said.contains("sheet Zones: it has a cell at GJI4"),
        "{said}"
    );

    // A declared size that runs backwards (calamine would overflow subtracting its corners).
    let backwards = dir.path("backwards.xlsx");
    workbook_with_a_cell_at(&xlsx, 4, 1);
    rezip(&xlsx, &backwards, |name, bytes| {
        if name.starts_with("xl/worksheets/") {
            let xml = String::from_utf8(bytes).expect("xml");
            let start = xml.find("<dimension ref=\"").expect("dimension") + 16;
            let end = start + xml[start..].find('"').expect("end");
            format!("{}B5:A1{}", &xml[..start], &xml[end..]).into_bytes()
        } else {
            bytes
        }
    });
    let said = sheets::import_xlsx(&file, &backwards)
        .unwrap_err()
        .to_string();
    assert!(
        said.ends_with(
            "xl/worksheets/sheet1.xml: the sheet's declared size 'B5:A1' runs backwards (its last cell comes before its first)"
        ),
        "{said}"
    );
    assert_eq!(sha256(&file), before);
}

#[test]
fn a_workbook_that_unpacks_to_gigabytes_is_refused() {
    let dir = Dir::new();
    let file = demo_file(&dir);
    let before = sha256(&file);
    let good = dir.path("good.xlsx");
    sheets::template::write_template(&good).expect("template");
    // A compression bomb: 600 MB of zeros packs into well under a megabyte.
    let bomb = dir.path("bomb.xlsx");
    rezip(&good, &bomb, |_, bytes| bytes);
    {
        let mut zip = zip::ZipWriter::new_append(
            std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .open(&bomb)
                .expect("open"),
        )
        .expect("append");
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(true);
        zip.start_file("xl/media/zeros.bin", options)
            .expect("start");
        std::io::copy(&mut std::io::repeat(0).take(600 << 20), &mut zip).expect("zeros");
        zip.finish().expect("finish");
    }
    let size = std::fs::metadata(&bomb).unwrap().len();
    assert!(size < 2 << 20, "the bomb is {size} bytes");
    let err = sheets::import_xlsx(&file, &bomb).unwrap_err();
    assert!(matches!(err, SheetError::Unpacked { .. }), "{err:?}");
    assert!(
        err.to_string().contains("unpacks to more than 512 MB"),
        "{err}"
    );

    // The same bomb with its declared sizes rewritten to 1 byte is refused all the same.
    let mut bytes = std::fs::read(&bomb).unwrap();
    let name = b"xl/media/zeros.bin";
    let mut patched = 0;
    for at in 0..bytes.len().saturating_sub(4) {
        let signature = &bytes[at..at + 4];
        // Central directory entry (size at 24, name at 46) and local header (22, 30).
        let (size_at, name_at) = match signature {
            [0x50, 0x4b, 0x01, 0x02] => (24, 46),
            [0x50, 0x4b, 0x03, 0x04] => (22, 30),
            _ => continue,
        };
        if bytes.get(at + name_at..at + name_at + name.len()) == Some(name) {
            let size = &mut bytes[at + size_at..at + size_at + 4];
            if size != [0xff; 4] {
                size.copy_from_slice(&1u32.to_le_bytes());
            }
            patched += 1;
        }
    }
    assert_eq!(patched, 2);
    let liar = dir.path("liar.xlsx");
    std::fs::write(&liar, bytes).unwrap();
    let err = sheets::import_xlsx(&file, &liar).unwrap_err();
    assert!(
        matches!(
            err,
            SheetError::Unpacked { .. } | SheetError::Workbook { .. }
        ),
        "{err:?}"
    );
    assert_eq!(sha256(&file), before);
}

#[test]
fn json_with_an_unbounded_horizon_is_refused_naming_the_field() {
    let dir = Dir::new();
    let file = demo_file(&dir);
    let json = dir.path("a.json");
    let out = appraise(&["export".as_ref(), &file, &json]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(&json).unwrap();
    let bad = dir.path("bad.json");
    std::fs::write(
        &bad,
        text.replacen("\"horizon_years\": 10", "\"horizon_years\": 4000000000", 1),
    )
    .unwrap();
    let made = dir.path("made.appraisal");
    let out = appraise(&["import".as_ref(), &bad, &made]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(
        stderr(&out).trim(),
        format!(
            "appraise: {}: at appraisal/meta/horizon_years: 4000000000 is out of bounds: it must be from 0 to 60",
            bad.display()
        )
        .trim()
    );
    assert!(!made.exists());
    // Every command that reads an appraisal runs on the good file; none aborts on the bad
    // one, since the bad one is never written. The store refuses it too.
    let mut a = appraise::demo::appraisal();
    a.meta.horizon_years = 4_000_000_000;
    let err = store::create(&dir.path("direct.appraisal"), &a).unwrap_err();
    assert!(
        err.to_string()
            .contains("meta/horizon_years: 4000000000 is out of bounds"),
        "{err}"
    );
    assert!(!dir.path("direct.appraisal").exists());
}

#[test]
fn long_text_and_control_characters_are_refused_on_every_way_in() {
    let dir = Dir::new();
    let file = demo_file(&dir);
    let before = sha256(&file);
    let option = appraise::demo::appraisal().options[1].code.clone();

    // A CSV file: a description one character too long, a NUL in a name, and a 1 MB code
    // whose problem quotes it by its first 60 characters only.
    let long = "d".repeat(appraise::limits::PARAGRAPH_CHARS + 1);
    let huge = "Z".repeat(1 << 20);
    let csv = dir.path("options.csv");
    std::fs::write(
        &csv,
        format!(
            "code,name,kind,description\n{option},Merger,merger,{long}\nNEW,Bad\u{0}name,merger,\n{huge},Huge,nonsense,\n"
        ),
    )
    .unwrap();
    let err = sheets::import_csv(&file, "options", &csv).unwrap_err();
    let SheetError::Invalid { problems, .. } = &err else {
        panic!("{err:?}");
    };
    let listed: Vec<(usize, &str, &str)> = problems
        .iter()
        .map(|p| (p.row, p.column.as_str(), p.reason.as_str()))
        .collect();
    assert_eq!(
        listed,
        vec![
            (
                2,
                "description",
                "the text is 10,001 characters long; it may have at most 10,000 characters"
            ),
            (
                3,
                "name",
                "the text holds a control character (U+0000) at character 4: a one-line field takes none; remove it"
            ),
            (
                4,
                "code",
                "the text is 1,048,576 bytes long; it may have at most 200 characters"
            ),
            (
                4,
                "kind",
                "'nonsense' is not one of do_minimum, merger, acquisition, split, ico, federation, dissolution"
            ),
        ]
    );
    assert!(err.to_string().len() < 1_000);
    assert_eq!(sha256(&file), before);

    // The JSON form: a NUL in an organisation's name.
    let json = dir.path("a.json");
    appraise::textform::write(&appraise::demo::appraisal(), &json).unwrap();
    let org = appraise::demo::appraisal().organisations[0].name.clone();
    let text = std::fs::read_to_string(&json).unwrap().replacen(
        &format!("\"name\": \"{org}\""),
        "\"name\": \"Trust\\u0000\"",
        1,
    );
    let err = appraise::textform::from_str(&text, Path::new("in.json"))
        .unwrap_err()
        .to_string();
    let code = appraise::demo::appraisal().organisations[0].code.clone();
    assert_eq!(
        err,
        format!(
            "in.json: at appraisal/organisations/{code}/name: the text holds a control character (U+0000) at character 6: a one-line field takes none; remove it"
        )
    );
}

#[test]
fn a_csv_export_cannot_run_formulas_but_keeps_negative_numbers() {
    let dir = Dir::new();
    let mut a = appraise::demo::appraisal();
    a.options[1].name = "=HYPERLINK(\"http://evil.example\",\"Click\")".to_owned();
    let file = dir.path("a.appraisal");
    store::create(&file, &a).unwrap();
    let out = dir.path("ranking.csv");
    let done = appraise(&["export-csv".as_ref(), &file, "Ranking".as_ref(), &out]);
    assert!(done.status.success(), "{}", stderr(&done));
    let mut reader = csv::Reader::from_path(&out).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let cells: Vec<&str> = rows.iter().flat_map(|r| r.iter()).collect();
    assert!(
        cells.contains(&"'=HYPERLINK(\"http://evil.example\",\"Click\")"),
        "{cells:?}"
    );
    assert!(!cells.iter().any(|c| c.starts_with('=')), "{cells:?}");

    // Finance by year has negative figures: they stay numbers.
    let finance = dir.path("finance.csv");
    let done = appraise(&["export-csv".as_ref(), &file, "Finance".as_ref(), &finance]);
    assert!(done.status.success(), "{}", stderr(&done));
    let text = std::fs::read_to_string(&finance).unwrap();
    let negative: Vec<&str> = text
        .split([',', '\n'])
        .filter(|c| c.starts_with('-'))
        .collect();
    assert!(!negative.is_empty(), "no negative figure in {text}");
    for n in &negative {
        assert!(n.parse::<f64>().is_ok(), "{n} is not a number");
    }
    assert!(!text.contains("'-"), "a number was made text");
}

#[test]
fn a_matrix_csv_with_no_rows_is_refused_unless_clearing_is_asked_for() {
    let dir = Dir::new();
    let mut a = appraise::demo::appraisal();
    let mut m = TravelMatrix::empty(
        a.zones.iter().map(|z| z.code.clone()).collect(),
        a.sites.iter().map(|s| s.code.clone()).collect(),
        vec![TravelMode::Car],
    );
    m.column_mut(0, 0)[0] = 12.5;
    a.travel_matrix = m;
    let file = dir.path("a.appraisal");
    store::create(&file, &a).unwrap();
    let before = sha256(&file);
    let csv = dir.path("empty.csv");
    std::fs::write(&csv, "zone,site,mode,minutes\n").unwrap();

    let out = appraise(&["import-matrix".as_ref(), &file, &csv]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out).trim(),
        format!(
            "appraise: {}: the file has a header but no rows: importing it would delete the travel matrix; nothing was changed (to clear the matrix on purpose, run import-matrix with --clear)",
            csv.display()
        )
    );
    assert_eq!(sha256(&file), before);

    // The desktop's import reads through the same core function and is refused too.
    let progress = appraise::session::ImportProgress::default();
    let err = appraise::session::read_travel_matrix(&places(&a), &csv, &progress).unwrap_err();
    assert!(err.to_string().contains("header but no rows"), "{err}");

    // Asked to clear, it clears.
    let out = appraise(&["import-matrix".as_ref(), &file, &csv, "--clear".as_ref()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(store::open(&file).unwrap().travel_matrix.values(), 0);
}

fn places(a: &Appraisal) -> Appraisal {
    appraise::session::places_of(a)
}

#[test]
fn a_sheet_of_many_zones_is_imported_with_each_replacing_its_own() {
    // Correctness of the indexed merge the import_zones benchmark times: rows replace zones by
    // code, new codes are appended in order, and a repeated code is a problem on its row.
    let dir = Dir::new();
    let file = demo_file(&dir);
    let a = appraise::demo::appraisal();
    let mut csv = String::from("code,name,population,imd_decile\n");
    for z in a.zones.iter().rev() {
        csv.push_str(&format!("{},{} renamed,{},3\n", z.code, z.name, 1_000.0));
    }
    for i in 0..3 {
        csv.push_str(&format!("NEW{i},New {i},50,2\n"));
    }
    let path = dir.path("zones.csv");
    std::fs::write(&path, &csv).unwrap();
    sheets::import_csv(&file, "zones", &path).unwrap();
    let zones = store::open(&file).unwrap().zones;
    assert_eq!(zones.len(), a.zones.len() + 3);
    for (old, new) in a.zones.iter().zip(&zones) {
        assert_eq!(new.code, old.code);
        assert_eq!(new.name, format!("{} renamed", old.name));
        assert_eq!((new.population, new.imd_decile), (1_000.0, 3));
    }
    let added: Vec<&str> = zones[a.zones.len()..]
        .iter()
        .map(|z| z.code.as_str())
        .collect();
    assert_eq!(added, ["NEW0", "NEW1", "NEW2"]);

    csv.push_str("NEW1,Again,10,1\n");
    std::fs::write(&path, &csv).unwrap();
    let said = sheets::import_csv(&file, "zones", &path)
        .unwrap_err()
        .to_string();
    let row = a.zones.len() + 5;
    assert!(
        said.contains(&format!(
            "row {row}, column code: 'NEW1' is already given on row {}",
            row - 2
        )),
        "{said}"
    );
}
