//! Zones from the official files: fixtures made from the documented headers and the real rows
//! of each file (centroids, IoD2025 and IoD2019, Census TS001 and TS045, the 2011-to-2021
//! lookup). Rows marked "layout only" carry invented values in the real layout.

use std::path::{Path, PathBuf};

use appraise::public_data::zones::{self, Area, BuildError, ZoneFiles};

use crate::util::Dir;

const CENTROIDS: &str = "\u{feff}FID,LSOA21CD,GlobalID,x,y
1,E01000001,38ad8fe8-682a-4533-b51a-16c9ca366294,532181.7642,181792.2818
2,E01018945,0681c038-f7dd-4a2e-83c1-c8d3b32443f6,202699.4208,65668.0220999997
3,E01000120,e5ffc70b-0e24-40a9-afe8-13da1ec4032e,528823.5718,194238.046599999
4,E01031487,17c7f13f-1a6a-45c5-a5cc-2c50e725c799,486282.4085,106971.9143
68,W01000461,205abce3-aa73-408a-ab25-1c8364c12a63,314246.5095,319461.1383
90,E01000002,layout-only,532300.0,181600.0
91,E01000006,layout-only,545000.0,184000.0
92,E01027484,layout-only,366100.0,564900.0
93,E01000720,layout-only,549600.0,169400.0
";

/// IoD2025 File 7's first columns, with the real file's truncated decile header. E01000001's
/// decile (8) and rank (26525) are real; the rest are layout only.
const IOD2025: &str = "LSOA code (2021),LSOA name (2021),Local Authority District code (2024),Local Authority District name (2024),Index of Multiple Deprivation (IMD) Score,Index of Multiple Deprivation (IMD) Rank (where 1 is most deprived),Index of Multiple Deprivation (IMD) Decile (where 1 is most deprived 10% of LSO
E01000001,City of London 001A,E09000001,City of London,11.2,26525,8
E01000002,City of London 001B,E09000001,City of London,9.1,\"29,000\",9
E01000006,Barking and Dagenham 016A,E09000002,Barking and Dagenham,30.2,\"12,000\",4
E01018945,Cornwall 001A,E06000052,Cornwall,20.0,\"15,000\",5
E01000120,Barnet 001A,E09000003,Barnet,10.0,\"25,000\",8
E01031487,Chichester 001A,E07000225,Chichester,8.0,\"28,000\",9
E01027484,Northumberland 040C,E06000057,Northumberland,15.0,\"20,000\",7
E01000720,Bromley 001A,E09000006,Bromley,12.0,\"24,000\",8
";

/// IoD2019 File 1 as an Excel re-export: real rows.
const IOD2019: &str = "LSOA code (2011),LSOA name (2011),Local Authority District code (2019),Local Authority District name (2019),Index of Multiple Deprivation (IMD) Rank,Index of Multiple Deprivation (IMD) Decile
E01000001,City of London 001A,E09000001,City of London,\"29,199\",9
E01000002,City of London 001B,E09000001,City of London,\"30,379\",10
E01000003,City of London 001C,E09000001,City of London,\"14,915\",5
E01000006,Barking and Dagenham 016A,E09000002,Barking and Dagenham,\"14,486\",5
";

/// The lookup's layout; E01000002 (2021) stands for a merge of 2011's 001B and 001C.
const LOOKUP: &str = "LSOA11CD,LSOA11NM,CHGIND,LSOA21CD,LSOA21NM,LAD22CD,LAD22NM,LAD22NMW
E01000001,City of London 001A,U,E01000001,City of London 001A,E09000001,City of London,
E01000002,City of London 001B,M,E01000002,City of London 001B,E09000001,City of London,
E01000003,City of London 001C,M,E01000002,City of London 001B,E09000001,City of London,
E01000006,Barking and Dagenham 016A,U,E01000006,Barking and Dagenham 016A,E09000002,Barking and Dagenham,
";

/// TS001: layout only.
const TS001: &str = "date,geography,geography code,Residence type: Total; measures: Value,Residence type: Lives in a household; measures: Value,Residence type: Lives in a communal establishment; measures: Value
2021,City of London 001A,E01000001,\"1,473\",1458,15
2021,City of London 001B,E01000002,1384,1379,5
2021,Barking and Dagenham 016A,E01000006,1653,1653,0
2021,Cornwall 001A,E01018945,1500,1500,0
2021,Barnet 001A,E01000120,1600,1600,0
2021,Northumberland 040C,E01027484,1450,1450,0
2021,Bromley 001A,E01000720,1700,1690,10
";

/// TS045: real rows, then Barnet 001A's, Northumberland 040C's and Bromley 001A's (layout only).
const TS045: &str = "date,geography,geography code,Number of cars or vans: Total: All households,Number of cars or vans: No cars or vans in household,Number of cars or vans: 1 car or van in household,Number of cars or vans: 2 cars or vans in household,Number of cars or vans: 3 or more cars or vans in household
2021,City of London 001A,E01000001,837,555,243,29,10
2021,City of London 001B,E01000002,824,578,208,26,12
2021,Barking and Dagenham 016A,E01000006,554,183,251,95,25
2021,Barnet 001A,E01000120,700,100,400,150,50
2021,Northumberland 040C,E01027484,650,90,300,200,60
2021,Bromley 001A,E01000720,720,110,380,170,60
";

struct Files {
    _dir: Dir,
    centroids: PathBuf,
    iod2025: PathBuf,
    iod2019: PathBuf,
    lookup: PathBuf,
    ts001: PathBuf,
    ts045: PathBuf,
}

fn files() -> Files {
    let dir = Dir::new();
    let write = |name: &str, text: &str| {
        let p = dir.path(name);
        std::fs::write(&p, text).unwrap();
        p
    };
    Files {
        centroids: write(
            "LLSOA_Dec_2021_PWC_for_England_and_Wales_2022.csv",
            CENTROIDS,
        ),
        iod2025: write("File_7_IoD2025.csv", IOD2025),
        iod2019: write("File_1_IoD2019.csv", IOD2019),
        lookup: write("LSOA11_LSOA21_LAD22.csv", LOOKUP),
        ts001: write("census2021-ts001-lsoa.csv", TS001),
        ts045: write("census2021-ts045-lsoa.csv", TS045),
        _dir: dir,
    }
}

/// Each built zone's code with one of its figures.
fn by_code<T>(built: &zones::Built, figure: impl Fn(&zones::BuiltZone) -> T) -> Vec<(&str, T)> {
    built
        .zones
        .iter()
        .map(|z| (z.code.as_str(), figure(z)))
        .collect()
}

fn city() -> Area {
    Area::LocalAuthorities(vec!["E09000001".to_owned()])
}

fn zone_files<'a>(f: &'a Files, deprivation: &'a Path) -> ZoneFiles<'a> {
    ZoneFiles {
        centroids: &f.centroids,
        population: &f.ts001,
        deprivation,
        cars: Some(&f.ts045),
        lookup: None,
        postcodes: None,
    }
}

#[test]
fn the_iod2025_route_builds_a_local_authoritys_zones_with_their_households() {
    let f = files();
    let built = zones::build(&zone_files(&f, &f.iod2025), &city()).unwrap();
    let codes: Vec<&str> = built.zones.iter().map(|z| z.code.as_str()).collect();
    assert_eq!(codes, ["E01000001", "E01000002"]);
    let z = &built.zones[0];
    assert_eq!(z.name, "City of London 001A");
    assert!((z.latitude - 51.519_593).abs() < 1e-6, "{}", z.latitude);
    assert!((z.longitude - -0.096_240).abs() < 1e-6, "{}", z.longitude);
    assert_eq!(
        (
            z.population,
            z.imd_decile,
            z.households,
            z.households_without_car
        ),
        (1_473, 8, Some(837), Some(555))
    );
    assert_eq!(built.sources.position.column, "x, y");
    assert_eq!(built.sources.population.file, "census2021-ts001-lsoa.csv");
    assert_eq!(
        built.sources.imd_decile.column,
        "Index of Multiple Deprivation (IMD) Decile (where 1 is most deprived 10% of LSO"
    );
    assert_eq!(
        built.sources.households.as_ref().unwrap().column,
        "Number of cars or vans: No cars or vans in household"
    );
}

#[test]
fn the_iod2019_route_goes_through_the_lookup_and_a_merge_takes_the_most_deprived_decile() {
    let f = files();
    let mut files = zone_files(&f, &f.iod2019);
    let err = zones::build(&files, &city()).unwrap_err();
    assert!(matches!(err, BuildError::NeedsLookup { .. }), "{err}");
    files.lookup = Some(&f.lookup);
    let built = zones::build(&files, &city()).unwrap();
    // 2011's 001B (decile 10) and 001C (5) merged into 2021's E01000002: 5.
    assert_eq!(
        by_code(&built, |z| z.imd_decile),
        [("E01000001", 9), ("E01000002", 5)]
    );
}

#[test]
fn zones_within_a_distance_of_the_sites() {
    let f = files();
    // St Bartholomew's Hospital, in the City: Barking (E01000006) is about 9 km away.
    let barts = (51.5175, -0.1000);
    let area = |km| Area::Within {
        points: vec![barts],
        km,
    };
    let near = zones::build(&zone_files(&f, &f.iod2025), &area(2.0)).unwrap();
    let codes: Vec<&str> = near.zones.iter().map(|z| z.code.as_str()).collect();
    assert_eq!(codes, ["E01000001", "E01000002"]);
    let far = zones::build(&zone_files(&f, &f.iod2025), &area(15.0)).unwrap();
    let barking = far.zones.iter().find(|z| z.code == "E01000006").unwrap();
    // 12.8 km east and 2.2 km north of the City's centroid on the grid.
    let km = zones::distance_km(barts, (barking.latitude, barking.longitude));
    assert!((km - 13.0).abs() < 0.3, "{km}");
}

#[test]
fn a_file_of_the_wrong_kind_is_named_for_what_it_is() {
    let f = files();
    let mut files = zone_files(&f, &f.iod2025);
    files.cars = Some(&f.ts001);
    let err = zones::build(&files, &city()).unwrap_err().to_string();
    assert!(
        err.ends_with(
            "census2021-ts001-lsoa.csv: this is the Census TS001 table (usual residents), not the Census TS045 table (car or van availability)"
        ),
        "{err}"
    );
}

#[test]
fn codes_missing_from_a_file_are_listed_with_their_count() {
    let f = files();
    std::fs::write(&f.ts045, TS045.replace("E01000002", "E01099999")).unwrap();
    let err = zones::build(&zone_files(&f, &f.iod2025), &city())
        .unwrap_err()
        .to_string();
    assert!(
        err.ends_with("census2021-ts045-lsoa.csv: 1 zones of the area are not in it: E01000002"),
        "{err}"
    );
}

#[test]
fn a_population_that_is_not_whole_names_the_file_row_and_column() {
    let f = files();
    std::fs::write(&f.ts001, TS001.replace("1384", "1384.5")).unwrap();
    let err = zones::build(&zone_files(&f, &f.iod2025), &city())
        .unwrap_err()
        .to_string();
    assert!(
        err.ends_with(
            "census2021-ts001-lsoa.csv, row 3, column Residence type: Total; measures: Value: '1384.5' is not a whole number"
        ),
        "{err}"
    );
}

/// Writes a workbook with `sheets`, each (name, rows), every cell text or number as it reads.
fn workbook(path: &Path, sheets: &[(&str, Vec<Vec<String>>)]) {
    let mut book = rust_xlsxwriter::Workbook::new();
    for (name, rows) in sheets {
        let ws = book.add_worksheet();
        ws.set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match cell.parse::<f64>() {
                    Ok(n) => ws.write_number(r, c, n).unwrap(),
                    Err(_) => ws.write_string(r, c, cell).unwrap(),
                };
            }
        }
    }
    book.save(path).unwrap();
}

fn cells(line: &str) -> Vec<String> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(line.as_bytes())
        .records()
        .next()
        .unwrap()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect()
}

/// The mid-year estimates workbook's layout: three title rows, the header on row 4, a sheet a
/// year after a contents sheet (totals layout only; F0.. M90 cut to two columns).
fn mid_year(path: &Path, totals_2023: [&str; 2]) {
    let year = |name: &str, totals: [&str; 2]| {
        let mut rows = vec![
            cells(&format!(
                "{name}: population estimates by single year of age and sex"
            )),
            cells("Source: Office for National Statistics"),
            vec![],
            cells("LAD 2023 Code,LAD 2023 Name,LSOA 2021 Code,LSOA 2021 Name,Total,F0,M0"),
        ];
        rows.push(cells(&format!(
            "E09000001,City of London,E01000001,City of London 001A,{},5,6",
            totals[0]
        )));
        rows.push(cells(&format!(
            "E09000001,City of London,E01000002,City of London 001B,{},4,4",
            totals[1]
        )));
        rows
    };
    workbook(
        path,
        &[
            ("Contents", vec![cells("Worksheet name,Worksheet title")]),
            ("Mid-2022 LSOA 2021", year("Mid-2022", ["1480", "1390"])),
            ("Mid-2023 LSOA 2021", year("Mid-2023", totals_2023)),
        ],
    );
}

#[test]
fn the_mid_year_workbook_gives_the_latest_years_population_with_its_sheet_as_source() {
    let f = files();
    let xlsx = f.ts001.with_file_name("sapelsoasyoa20222024.xlsx");
    mid_year(&xlsx, ["1502", "1411"]);
    let mut files = zone_files(&f, &f.iod2025);
    files.population = &xlsx;
    let built = zones::build(&files, &city()).unwrap();
    assert_eq!(
        by_code(&built, |z| z.population),
        [("E01000001", 1502), ("E01000002", 1411)]
    );
    assert_eq!(
        built.sources.population.file,
        "sapelsoasyoa20222024.xlsx, sheet 'Mid-2023 LSOA 2021'"
    );
    assert_eq!(built.sources.population.column, "Total");
    // A bad figure is named by sheet and by the row Excel shows (the header is on row 4).
    mid_year(&xlsx, ["1502", "1411.5"]);
    let err = zones::build(&files, &city()).unwrap_err().to_string();
    assert!(
        err.ends_with(
            "sapelsoasyoa20222024.xlsx, sheet 'Mid-2023 LSOA 2021', row 6, column Total: '1411.5' is not a whole number"
        ),
        "{err}"
    );
}

#[test]
fn iod2019_file_1_as_published_in_excel_goes_through_the_lookup() {
    let f = files();
    let xlsx = f
        .iod2019
        .with_file_name("File_1_ID_2019_Index_of_Multiple_Deprivation.xlsx");
    let rows: Vec<Vec<String>> = IOD2019.lines().map(cells).collect();
    workbook(
        &xlsx,
        &[
            ("Notes", vec![cells("Notes on the data")]),
            ("IMD2019", rows),
        ],
    );
    let mut files = zone_files(&f, &xlsx);
    files.lookup = Some(&f.lookup);
    let built = zones::build(&files, &city()).unwrap();
    assert_eq!(
        by_code(&built, |z| z.imd_decile),
        [("E01000001", 9), ("E01000002", 5)]
    );
    assert_eq!(
        built.sources.imd_decile.file,
        "File_1_ID_2019_Index_of_Multiple_Deprivation.xlsx, sheet 'IMD2019'"
    );
    // The same workbook given as the population is named for what it is.
    files.population = &xlsx;
    let err = zones::build(&files, &city()).unwrap_err().to_string();
    assert!(
        err.ends_with(
            "this is the English Indices of Deprivation, not the ONS mid-year population estimates by LSOA 2021"
        ),
        "{err}"
    );
}

/// `appraise import-zones` on `file` with every fixture file, for `area`.
fn import_zones(file: &Path, f: &Files, area: &str) -> std::process::Output {
    import_zones_with(file, f, area, &[])
}

/// [`import_zones`] with `more` arguments.
fn import_zones_with(
    file: &Path,
    f: &Files,
    area: &str,
    more: &[&std::ffi::OsStr],
) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_appraise"))
        .arg("import-zones")
        .arg(file)
        .args(["--centroids".as_ref(), f.centroids.as_os_str()])
        .args(["--population".as_ref(), f.ts001.as_os_str()])
        .args(["--deprivation".as_ref(), f.iod2025.as_os_str()])
        .args(["--cars".as_ref(), f.ts045.as_os_str()])
        .args(["--area", area])
        .args(more)
        .output()
        .unwrap()
}

#[test]
fn import_zones_saves_the_area_with_households_and_sources_in_one_transaction() {
    let f = files();
    let dir = Dir::new();
    let file = dir.path("demo.appraisal");
    appraise::store::create(&file, &appraise::demo::appraisal()).unwrap();
    let demo_zones = appraise::demo::appraisal().zones.len();
    let out = import_zones(&file, &f, "e09000001");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!(
            "zones of {}: 2 added, 0 updated, {demo_zones} removed, 0 unchanged\n",
            file.display()
        )
    );
    let a = appraise::store::open(&file).unwrap();
    assert_eq!(a.zones.len(), 2);
    let z = &a.zones[1];
    assert_eq!(
        (z.code.as_str(), z.population, z.imd_decile),
        ("E01000002", 1_384.0, 9)
    );
    assert_eq!(
        (z.households, z.households_without_car),
        (Some(824.0), Some(578.0))
    );
    let sources = z.sources.as_ref().unwrap();
    assert_eq!(
        sources.position.file,
        "LLSOA_Dec_2021_PWC_for_England_and_Wales_2022.csv"
    );
    assert_eq!(
        sources.households.as_ref().unwrap().column,
        "Number of cars or vans: No cars or vans in household"
    );
    // Lossless through the JSON form too.
    let text = appraise::textform::to_string(&a);
    assert_eq!(
        appraise::textform::from_str(&text, Path::new("a.json")).unwrap(),
        a
    );
    assert!(
        a.audit.iter().any(|e| e.what == "zones/E01000002"),
        "{:?}",
        a.audit.last()
    );

    // A bad area is refused naming the flag, and the file is left as it was.
    let before = crate::util::sha256(&file);
    let out = import_zones(&file, &f, "E10000028");
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("--area: 'E10000028' is not a local authority district code"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(crate::util::sha256(&file), before);
}

#[test]
fn more_households_without_a_car_than_households_is_never_written() {
    let dir = Dir::new();
    let file = dir.path("a.appraisal");
    let mut a = appraise::demo::appraisal();
    a.zones[0].households = Some(800.0);
    a.zones[0].households_without_car = Some(801.0);
    let err = appraise::store::create(&file, &a).unwrap_err().to_string();
    assert!(
        err.contains("801 households without a car is not between 0 and the zone's 800 households"),
        "{err}"
    );
    assert!(!file.exists());
}

/// The postcode directory from August 2025: CA8 7JG (LSOA E01027484, ICB E54000050) and
/// BR8 7QP (E01000720, E54000030) are real rows; the others are layout only (the BR8 7QP row
/// with another postcode, LSOA, ICB and termination date), placing the fixture's zones in ICBs:
/// - E01000001 and E01000006 wholly in E54000029; E01000006's one postcode is terminated;
/// - E01000002: two postcodes in E54000029, one in E54000030 (it belongs to E54000029);
/// - E01000120: one postcode in E54000028, one in E54000030 (a tie: the lower code, E54000028);
/// - W01000461, in Wales, under the directory's pseudo code for no ICB;
/// - a postcode in E54000050 under the pseudo code for no LSOA, which is passed over.
fn nspl() -> String {
    const HEADER: &str = "pcd7,pcd8,pcds,dointr,doterm,usrtypind,east1m,north1m,gridind,oa21cd,cty25cd,ced25cd,lad25cd,wd25cd,nhser24cd,ctry25cd,rgn25cd,pcon24cd,ttwa15cd,itl25cd,npark16cd,lsoa21cd,msoa21cd,wz11cd,sicbl24cd,bua24cd,ruc21ind,oac11ind,lat,long,lep21cd1,lep21cd2,pfa23cd,imd20ind,icb23cd";
    const CA8: &str = "\"CA8 7JG\",\"CA8  7JG\",\"CA8 7JG\",\"200006\",\"\",\"0\",\"366033\",\"564878\",\"1\",\"E00139875\",\"E99999999\",\"E99999999\",\"E06000057\",\"E05016114\",\"E40000012\",\"E92000001\",\"E12000001\",\"E14001285\",\"E30000064\",\"E06000057\",\"E65000001\",\"E01027484\",\"E02005728\",\"E33002161\",\"E38000130\",\"E63999999\",\"RSN1\",\"1B1\",54.977349,-2.532223,\"E37000025\",\"\",\"E23000007\",17158,\"E54000050\"";
    const BR8: &str = "\"BR8 7QP\",\"BR8  7QP\",\"BR8 7QP\",\"198001\",\"\",\"0\",\"549571\",\"169349\",\"1\",\"E00003520\",\"E13000002\",\"E99999999\",\"E09000006\",\"E05014007\",\"E40000003\",\"E92000001\",\"E12000007\",\"E14001417\",\"E30000234\",\"E09000006\",\"E65000001\",\"E01000720\",\"E02000145\",\"E33032837\",\"E38000244\",\"E63999999\",\"UN1\",\"1C1\",51.403453,0.148952,\"E37000051\",\"\",\"E23000001\",3404,\"E54000030\"";
    let row = |postcode: &str, lsoa: &str, icb: &str, terminated: &str| {
        let (outward, inward) = postcode.split_once(' ').unwrap();
        BR8.replace(
            "\"BR8 7QP\",\"BR8  7QP\",\"BR8 7QP\",\"198001\",\"\"",
            &format!(
                "\"{outward:<4}{inward}\",\"{outward:<5}{inward}\",\"{postcode}\",\"198001\",\"{terminated}\""
            ),
        )
        .replace("E01000720", lsoa)
        .replace("E54000030", icb)
    };
    [
        HEADER.to_owned(),
        CA8.to_owned(),
        BR8.to_owned(),
        row("EC1A 7BE", "E01000001", "E54000029", ""),
        row("EC1A 4NP", "E01000002", "E54000029", ""),
        row("EC2Y 5AP", "E01000002", "E54000030", ""),
        row("EC2Y 8DS", "E01000002", "E54000029", ""),
        row("IG11 7QX", "E01000006", "E54000029", "201006"),
        row("EN5 1AB", "E01000120", "E54000030", ""),
        row("EN5 2CD", "E01000120", "E54000028", ""),
        row("CF10 3AT", "W01000461", "W99999999", ""),
        row("NE66 9ZZ", "E99999999", "E54000050", ""),
    ]
    .join("\n")
        + "\n"
}

fn icbs(codes: &[&str]) -> Area {
    Area::Icbs(codes.iter().map(|c| (*c).to_owned()).collect())
}

/// The zone codes `area` builds from the fixture files and the directory `directory`.
fn icb_zones(f: &Files, directory: &Path, area: &Area) -> Vec<String> {
    let mut files = zone_files(f, &f.iod2025);
    files.postcodes = Some(directory);
    zones::build(&files, area)
        .unwrap()
        .zones
        .into_iter()
        .map(|z| z.code)
        .collect()
}

#[test]
fn an_icbs_zones_are_the_lsoas_holding_most_of_their_postcodes_in_it_in_both_header_generations() {
    let f = files();
    let newer = f.ts001.with_file_name("NSPL_AUG_2025_UK.csv");
    std::fs::write(&newer, nspl()).unwrap();
    let older = f.ts001.with_file_name("NSPL_MAY_2025_UK.csv");
    std::fs::write(&older, crate::public_data_sites::older_generation(&nspl())).unwrap();
    for directory in [&newer, &older] {
        // The real rows' ICBs (the pseudo LSOA in E54000050 is not a zone).
        assert_eq!(
            icb_zones(&f, directory, &icbs(&["E54000050"])),
            ["E01027484"]
        );
        // E01000002's one postcode in E54000030 does not take it there; the tie of E01000120
        // goes to the lower code.
        assert_eq!(
            icb_zones(&f, directory, &icbs(&["E54000030"])),
            ["E01000720"]
        );
        // A terminated postcode counts: E01000006 has no other.
        assert_eq!(
            icb_zones(&f, directory, &icbs(&["e54000029"])),
            ["E01000001", "E01000002", "E01000006"]
        );
        assert_eq!(
            icb_zones(&f, directory, &icbs(&["E54000028"])),
            ["E01000120"]
        );
        assert_eq!(
            icb_zones(&f, directory, &icbs(&["E54000050", "E54000030"])),
            ["E01000720", "E01027484"]
        );
    }
    // The zones carry their figures as for any area.
    let mut files = zone_files(&f, &f.iod2025);
    files.postcodes = Some(&newer);
    let built = zones::build(&files, &icbs(&["E54000050"])).unwrap();
    let z = &built.zones[0];
    assert_eq!(
        (
            z.name.as_str(),
            z.population,
            z.imd_decile,
            z.local_authority.as_str(),
            z.households_without_car
        ),
        ("Northumberland 040C", 1_450, 7, "E06000057", Some(90))
    );
}

#[test]
fn an_icb_area_needs_the_directory_with_its_icb_column_and_a_postcode_in_the_icb() {
    let f = files();
    let directory = f.ts001.with_file_name("NSPL_AUG_2025_UK.csv");
    std::fs::write(&directory, nspl()).unwrap();
    let mut files = zone_files(&f, &f.iod2025);
    let err = zones::build(&files, &icbs(&["E54000050"]))
        .unwrap_err()
        .to_string();
    assert_eq!(
        err,
        "ICB E54000050: an ICB's zones are found through the ONS postcode directory, which gives each postcode's LSOA and ICB: give the postcode directory too (--postcodes NSPL.csv on the command line)"
    );
    files.postcodes = Some(&directory);
    let err = zones::build(&files, &icbs(&["E54000050", "E54000099"]))
        .unwrap_err()
        .to_string();
    assert_eq!(
        err,
        format!("no postcode of {} is in ICB E54000099", directory.display())
    );
    // A directory without an ICB column.
    std::fs::write(&directory, nspl().replace("icb23cd", "ccg23cd")).unwrap();
    let err = zones::build(&files, &icbs(&["E54000050"]))
        .unwrap_err()
        .to_string();
    assert!(
        err.ends_with(
            "NSPL_AUG_2025_UK.csv: no column starting 'icb' (each postcode's Integrated Care Board, such as icb23cd) (the header has: 'pcd7', 'pcd8', 'pcds', 'dointr', 'doterm', 'usrtypind', 'east1m', 'north1m' and 27 more)"
        ),
        "{err}"
    );
    // An LSOA of the ICB missing from the centroids is listed, as for any area.
    std::fs::write(
        &directory,
        nspl()
            + &nspl()
                .lines()
                .nth(1)
                .unwrap()
                .replace("E01027484", "E01099999")
            + "\n",
    )
    .unwrap();
    let err = zones::build(&files, &icbs(&["E54000050"]))
        .unwrap_err()
        .to_string();
    assert!(
        err.ends_with(
            "LLSOA_Dec_2021_PWC_for_England_and_Wales_2022.csv: 1 zones of the area are not in it: E01099999"
        ),
        "{err}"
    );
}

#[test]
fn import_zones_takes_an_icb_through_the_postcode_directory() {
    let f = files();
    let dir = Dir::new();
    let file = dir.path("demo.appraisal");
    appraise::store::create(&file, &appraise::demo::appraisal()).unwrap();
    let directory = dir.path("NSPL_AUG_2025_UK.csv");
    std::fs::write(&directory, nspl()).unwrap();
    let before = crate::util::sha256(&file);
    // Without the directory, and with local authority and ICB codes mixed: refused, nothing
    // written.
    for (area, message) in [
        (
            "E54000029",
            "ICB E54000029: an ICB's zones are found through the ONS postcode directory, which gives each postcode's LSOA and ICB: give the postcode directory too (--postcodes NSPL.csv on the command line)",
        ),
        (
            "E54000029,E09000001",
            "--area: give local authority codes or ICB codes, not both",
        ),
    ] {
        let out = import_zones(&file, &f, area);
        assert!(!out.status.success());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(message), "{stderr}");
        assert_eq!(crate::util::sha256(&file), before);
    }
    let out = import_zones_with(
        &file,
        &f,
        "E54000029",
        &["--postcodes".as_ref(), directory.as_os_str()],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let demo_zones = appraise::demo::appraisal().zones.len();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!(
            "zones of {}: 3 added, 0 updated, {demo_zones} removed, 0 unchanged\n",
            file.display()
        )
    );
    let codes: Vec<String> = appraise::store::open(&file)
        .unwrap()
        .zones
        .into_iter()
        .map(|z| z.code)
        .collect();
    assert_eq!(codes, ["E01000001", "E01000002", "E01000006"]);
}
