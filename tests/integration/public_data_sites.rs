//! Sites from the official files: the NHS ODS site and trust lists (no header row; quoted 27-field
//! and unquoted 24-field forms) and the ONS postcode directory (both header generations).
//! Fixtures are the real rows documented for each file; rows marked "layout only" carry
//! invented values in the real layout.

use std::path::{Path, PathBuf};

use appraise::public_data::postcodes::{self, Position};
use appraise::public_data::sites::{self, ApplyError, BuildError, SiteFiles};
use rustc_hash::FxHashSet;

use crate::util::{Dir, sha256};

/// `ets.csv` in the current quoted 27-field form. The first 12 fields of both rows are real
/// (about 2014); fields 13 to 27 are layout only, with the parent trust in field 15.
const ETS_QUOTED: &str = "\u{feff}\"RJE01\",\"NORTH STAFFORDSHIRE ROYAL INFIRMARY\",\"Y55\",\"Q60\",\"PRINCES ROAD\",\"\",\"\",\"STOKE-ON-TRENT\",\"STAFFORDSHIRE\",\"ST4 7LN\",\"19930401\",\"\",\"\",\"\",\"RJE\",\"\",\"\",\"\",\"\",\"\",\"\",\"0\",\"\",\"\",\"\",\"\",\"\"
\"RJE48\",\"CANNOCK CHASE HOSPITAL\",\"Y55\",\"Q60\",\"BRUNSWICK ROAD\",\"\",\"\",\"CANNOCK\",\"STAFFORDSHIRE\",\"WS11 5XY\",\"20130401\",\"\",\"\",\"\",\"RJE\",\"\",\"\",\"\",\"\",\"\",\"\",\"0\",\"\",\"\",\"\",\"\",\"\"
\"RJE09\",\"LONGTON COTTAGE HOSPITAL\",\"Y55\",\"Q60\",\"UTTOXETER ROAD\",\"\",\"\",\"STOKE-ON-TRENT\",\"STAFFORDSHIRE\",\"ST3 1PA\",\"19930401\",\"20110331\",\"\",\"\",\"RJE\",\"\",\"\",\"\",\"\",\"\",\"\",\"0\",\"\",\"\",\"\",\"\",\"\"
";

/// The same sites in the older unquoted 24-field form (RJE09, layout only, closed in 2011).
const ETS_UNQUOTED: &str = "RJE01,NORTH STAFFORDSHIRE ROYAL INFIRMARY,Y55,Q60,PRINCES ROAD,,,STOKE-ON-TRENT,STAFFORDSHIRE,ST4 7LN,19930401,,,,RJE,,,,,,,0,,
RJE48,CANNOCK CHASE HOSPITAL,Y55,Q60,BRUNSWICK ROAD,,,CANNOCK,STAFFORDSHIRE,WS11 5XY,20130401,,,,RJE,,,,,,,0,,
RJE09,LONGTON COTTAGE HOSPITAL,Y55,Q60,UTTOXETER ROAD,,,STOKE-ON-TRENT,STAFFORDSHIRE,ST3 1PA,19930401,20110331,,,RJE,,,,,,,0,,
";

/// `etr.csv`: real rows, three quoted (27 fields) and the last in the older unquoted form.
const ETR: &str = "\"RJE\",\"UNIVERSITY HOSPITALS OF NORTH MIDLANDS NHS TRUST\",\"Y60\",\"QNC\",\"NEWCASTLE ROAD\",\"\",\"\",\"STOKE-ON-TRENT\",\"\",\"ST4 6QG\",\"19930401\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"0\",\"\",\"F\",\"\",\"\",\"\"
\"RTG\",\"UNIVERSITY HOSPITALS OF DERBY AND BURTON NHS FOUNDATION TRUST\",\"Y60\",\"QJ2\",\"ROYAL DERBY HOSPITAL\",\"UTTOXETER ROAD\",\"\",\"DERBY\",\"\",\"DE22 3NE\",\"19980401\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"0\",\"\",\"E\",\"\",\"\",\"\"
\"RAP\",\"NORTH MIDDLESEX UNIVERSITY HOSPITAL NHS TRUST\",\"Y56\",\"QMJ\",\"NORTH MIDDLESEX HOSPITAL\",\"STERLING WAY\",\"\",\"LONDON\",\"\",\"N18 1QX\",\"19910401\",\"20241231\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"0\",\"\",\"H\",\"\",\"\",\"\"
RJF,BURTON HOSPITALS NHS FOUNDATION TRUST,Y55,Q76,QUEEN'S HOSPITAL,BELVEDERE ROAD,,BURTON-ON-TRENT,STAFFORDSHIRE,DE13 0RB,19930401,,,,,,,,,,,0,,E
";

/// The postcode directory from August 2025. CA8 7JG and BR8 7QP are real rows; ST4 7LN and
/// WS11 5XY (the two sites' postcodes) are layout only, with coordinates near the hospitals.
const NSPL: &str = "pcd7,pcd8,pcds,dointr,doterm,usrtypind,east1m,north1m,gridind,oa21cd,cty25cd,ced25cd,lad25cd,wd25cd,nhser24cd,ctry25cd,rgn25cd,pcon24cd,ttwa15cd,itl25cd,npark16cd,lsoa21cd,msoa21cd,wz11cd,sicbl24cd,bua24cd,ruc21ind,oac11ind,lat,long,lep21cd1,lep21cd2,pfa23cd,imd20ind,icb23cd
\"CA8 7JG\",\"CA8  7JG\",\"CA8 7JG\",\"200006\",\"\",\"0\",\"366033\",\"564878\",\"1\",\"E00139875\",\"E99999999\",\"E99999999\",\"E06000057\",\"E05016114\",\"E40000012\",\"E92000001\",\"E12000001\",\"E14001285\",\"E30000064\",\"E06000057\",\"E65000001\",\"E01027484\",\"E02005728\",\"E33002161\",\"E38000130\",\"E63999999\",\"RSN1\",\"1B1\",54.977349,-2.532223,\"E37000025\",\"\",\"E23000007\",17158,\"E54000050\"
\"ST4 7LN\",\"ST4  7LN\",\"ST4 7LN\",\"198001\",\"\",\"0\",\"385800\",\"345400\",\"1\",\"E00000001\",\"E99999999\",\"E99999999\",\"E06000021\",\"E05000001\",\"E40000010\",\"E92000001\",\"E12000005\",\"E14000001\",\"E30000001\",\"E06000021\",\"E65000001\",\"E01000001\",\"E02000001\",\"E33000001\",\"E38000001\",\"E63999999\",\"UN1\",\"1C1\",53.003100,-2.212500,\"E37000001\",\"\",\"E23000001\",1000,\"E54000010\"
\"BR8 7QP\",\"BR8  7QP\",\"BR8 7QP\",\"198001\",\"\",\"0\",\"549571\",\"169349\",\"1\",\"E00003520\",\"E13000002\",\"E99999999\",\"E09000006\",\"E05014007\",\"E40000003\",\"E92000001\",\"E12000007\",\"E14001417\",\"E30000234\",\"E09000006\",\"E65000001\",\"E01000720\",\"E02000145\",\"E33032837\",\"E38000244\",\"E63999999\",\"UN1\",\"1C1\",51.403453,0.148952,\"E37000051\",\"\",\"E23000001\",3404,\"E54000030\"
\"WS115XY\",\"WS11 5XY\",\"WS11 5XY\",\"198001\",\"\",\"0\",\"398600\",\"310900\",\"1\",\"E00000002\",\"E10000028\",\"E99999999\",\"E07000192\",\"E05000002\",\"E40000010\",\"E92000001\",\"E12000005\",\"E14000002\",\"E30000002\",\"E07000192\",\"E65000001\",\"E01000002\",\"E02000002\",\"E33000002\",\"E38000002\",\"E63999999\",\"UN1\",\"1C1\",52.692900,-2.020600,\"E37000002\",\"\",\"E23000002\",2000,\"E54000010\"
";

/// The documented older header generation (to May 2025), in the ONSPD's order.
const OLD_HEADER: [&str; 52] = [
    "pcd",
    "pcd2",
    "pcds",
    "dointr",
    "doterm",
    "oscty",
    "ced",
    "oslaua",
    "osward",
    "parish",
    "usertype",
    "oseast1m",
    "osnrth1m",
    "osgrdind",
    "oshlthau",
    "nhser",
    "ctry",
    "rgn",
    "streg",
    "pcon",
    "eer",
    "teclec",
    "ttwa",
    "pct",
    "itl",
    "statsward",
    "oa01",
    "casward",
    "npark",
    "lsoa01",
    "msoa01",
    "ur01ind",
    "oac01",
    "oa11",
    "lsoa11",
    "msoa11",
    "wz11",
    "sicbl",
    "bua24",
    "ru11ind",
    "oac11",
    "lat",
    "long",
    "lep1",
    "lep2",
    "pfa",
    "imd",
    "calncv",
    "icb",
    "oa21",
    "lsoa21",
    "msoa21",
];

/// The newer fixture's rows under the older header, each value under its older name (columns
/// the newer form lacks left empty), with a byte-order mark as ONS exports have.
pub(crate) fn older_generation(newer: &str) -> String {
    fn renamed(old: &str) -> &str {
        match old {
            "pcd" => "pcd7",
            "pcd2" => "pcd8",
            "usertype" => "usrtypind",
            "oseast1m" => "east1m",
            "osnrth1m" => "north1m",
            "osgrdind" => "gridind",
            "oslaua" => "lad25cd",
            "osward" => "wd25cd",
            "oa21" => "oa21cd",
            "lsoa21" => "lsoa21cd",
            "msoa21" => "msoa21cd",
            "icb" => "icb23cd",
            other => other,
        }
    }
    let mut reader = csv::Reader::from_reader(newer.as_bytes());
    let names: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(OLD_HEADER).unwrap();
    for row in reader.records() {
        let row = row.unwrap();
        let fields: Vec<&str> = OLD_HEADER
            .iter()
            .map(|old| {
                names
                    .iter()
                    .position(|n| n == renamed(old))
                    .map_or("", |i| &row[i])
            })
            .collect();
        writer.write_record(fields).unwrap();
    }
    format!(
        "\u{feff}{}",
        String::from_utf8(writer.into_inner().unwrap()).unwrap()
    )
}

struct Files {
    dir: Dir,
    ets: PathBuf,
    etr: PathBuf,
    nspl: PathBuf,
}

impl Files {
    fn write(&self, name: &str, text: &str) -> PathBuf {
        let p = self.dir.path(name);
        std::fs::write(&p, text).unwrap();
        p
    }

    fn site_files(&self) -> SiteFiles<'_> {
        SiteFiles {
            sites: &self.ets,
            trusts: Some(&self.etr),
            postcodes: &self.nspl,
        }
    }
}

fn files() -> Files {
    let dir = Dir::new();
    let write = |name: &str, text: &str| {
        let p = dir.path(name);
        std::fs::write(&p, text).unwrap();
        p
    };
    Files {
        ets: write("ets.csv", ETS_QUOTED),
        etr: write("etr.csv", ETR),
        nspl: write("NSPL_AUG_2025_UK.csv", NSPL),
        dir,
    }
}

fn codes(text: &str) -> Vec<String> {
    text.split(',').map(str::to_owned).collect()
}

fn wanted(postcodes: &[&str]) -> FxHashSet<String> {
    postcodes.iter().map(|p| (*p).to_owned()).collect()
}

fn close(got: (f64, f64), want: (f64, f64), within: f64) {
    assert!(
        (got.0 - want.0).abs() < within && (got.1 - want.1).abs() < within,
        "{got:?} is not within {within} degrees of {want:?}"
    );
}

#[test]
fn both_header_generations_give_the_published_latitude_and_longitude() {
    let f = files();
    let old = f.write("NSPL_MAY_2025_UK.csv", &older_generation(NSPL));
    for path in [&f.nspl, &old] {
        let found = postcodes::find(path, &wanted(&["CA8 7JG", "BR8 7QP"])).unwrap();
        let ca8 = &found.located["CA8 7JG"];
        assert_eq!((ca8.latitude, ca8.longitude), (54.977_349, -2.532_223));
        assert_eq!((ca8.row, ca8.position), (2, Position::LatLong));
        let br8 = &found.located["BR8 7QP"];
        close((br8.latitude, br8.longitude), (51.403_453, 0.148_952), 1e-6);
        assert!(found.missing.is_empty() && found.unlocated.is_empty());
        assert_eq!(found.latlong.as_ref().unwrap().column, "lat, long");
    }
    let found = postcodes::find(&old, &wanted(&["CA8 7JG"])).unwrap();
    assert_eq!(found.grid.as_ref().unwrap().column, "oseast1m, osnrth1m");
}

#[test]
fn without_a_latitude_the_grid_reference_is_converted_through_ostn15() {
    let f = files();
    for (name, text) in [
        ("new.csv", NSPL.replace("54.977349,-2.532223", ",")),
        (
            "old.csv",
            older_generation(&NSPL.replace("54.977349,-2.532223", ",")),
        ),
    ] {
        let path = f.write(name, &text);
        let found = postcodes::find(&path, &wanted(&["CA8 7JG"])).unwrap();
        let ca8 = &found.located["CA8 7JG"];
        assert_eq!(ca8.position, Position::Grid);
        // (366033, 564878) on the grid is the directory's own 54.977349, -2.532223.
        close(
            (ca8.latitude, ca8.longitude),
            (54.977_349, -2.532_223),
            1e-4,
        );
    }
}

#[test]
fn sites_are_built_from_both_ods_forms_with_their_trust_and_position() {
    let f = files();
    let unquoted = f.write("ets_2014.csv", ETS_UNQUOTED);
    let quoted = sites::build(&f.site_files(), &codes("rje01, RJE48")).unwrap();
    let mut older = f.site_files();
    older.sites = &unquoted;
    let old = sites::build(&older, &codes("RJE01,RJE48")).unwrap();
    assert_eq!(quoted.sites, old.sites);
    let s = &quoted.sites[0];
    assert_eq!(
        (s.code.as_str(), s.name.as_str(), s.postcode.as_str()),
        ("RJE01", "NORTH STAFFORDSHIRE ROYAL INFIRMARY", "ST4 7LN")
    );
    assert_eq!(s.trust, "RJE");
    assert_eq!(
        s.trust_name.as_deref(),
        Some("UNIVERSITY HOSPITALS OF NORTH MIDLANDS NHS TRUST")
    );
    assert_eq!((s.latitude, s.longitude), (53.0031, -2.2125));
    let s = &quoted.sites[1];
    assert_eq!(
        (s.code.as_str(), s.name.as_str(), s.postcode.as_str()),
        ("RJE48", "CANNOCK CHASE HOSPITAL", "WS11 5XY")
    );
    assert_eq!((s.latitude, s.longitude), (52.6929, -2.0206));
    assert_eq!(quoted.position[0].file, "NSPL_AUG_2025_UK.csv");
    assert!(quoted.warnings.is_empty());
}

#[test]
fn a_terminated_postcode_or_a_closed_trust_is_warned_of() {
    let f = files();
    std::fs::write(
        &f.nspl,
        NSPL.replace(
            "\"WS11 5XY\",\"198001\",\"\"",
            "\"WS11 5XY\",\"198001\",\"202106\"",
        ),
    )
    .unwrap();
    let built = sites::build(&f.site_files(), &codes("RJE48")).unwrap();
    assert_eq!(built.sites[0].latitude, 52.6929);
    assert_eq!(built.warnings.len(), 1);
    assert!(
        built.warnings[0].ends_with(
            "NSPL_AUG_2025_UK.csv, row 5: postcode WS11 5XY of site RJE48 was terminated in 2021-06; it is placed at its last location"
        ),
        "{:?}",
        built.warnings
    );
    // RAP closed at the end of 2024 (real row); a site still naming it is imported, with a
    // warning.
    std::fs::write(&f.nspl, NSPL).unwrap();
    std::fs::write(
        &f.ets,
        ETS_UNQUOTED.replace("20130401,,,,RJE", "20130401,,,,RAP"),
    )
    .unwrap();
    let built = sites::build(&f.site_files(), &codes("RJE48")).unwrap();
    assert_eq!(built.sites[0].trust, "RAP");
    assert!(
        built.warnings[0].ends_with(
            "etr.csv, row 3: trust RAP (NORTH MIDDLESEX UNIVERSITY HOSPITAL NHS TRUST) closed on 2024-12-31; its sites may belong to another trust now"
        ),
        "{:?}",
        built.warnings
    );
}

#[test]
fn codes_missing_from_the_site_list_are_listed_with_their_count() {
    let f = files();
    let err = sites::build(&f.site_files(), &codes("RJE01,RXX01,RJE99"))
        .unwrap_err()
        .to_string();
    assert!(
        err.ends_with("ets.csv: 2 sites asked for are not in it: RXX01, RJE99"),
        "{err}"
    );
}

#[test]
fn a_closed_site_is_refused_naming_its_row_and_date() {
    let f = files();
    let err = sites::build(&f.site_files(), &codes("RJE01,RJE09"))
        .unwrap_err()
        .to_string();
    assert!(
        err.ends_with(
            "ets.csv: 1 sites asked for have closed: RJE09 (row 3, closed 2011-03-31); leave them out of the codes"
        ),
        "{err}"
    );
}

#[test]
fn a_postcode_the_directory_cannot_place_is_refused() {
    let f = files();
    // gridind 9 and the published no-location latitude.
    std::fs::write(
        &f.nspl,
        NSPL.replace("\"385800\",\"345400\",\"1\"", "\"\",\"\",\"9\"")
            .replace("53.003100,-2.212500", "99.999999,0.000000"),
    )
    .unwrap();
    let err = sites::build(&f.site_files(), &codes("RJE01,RJE48")).unwrap_err();
    assert!(matches!(err, BuildError::NoLocation { .. }), "{err}");
    assert!(
        err.to_string().ends_with(
            "NSPL_AUG_2025_UK.csv: 1 postcodes of the sites have no location: ST4 7LN (RJE01; row 3, gridind 9: the directory has no location for it)"
        ),
        "{err}"
    );
    // Not listed at all.
    std::fs::write(&f.nspl, NSPL.replace("WS11 5XY", "WS11 5XZ")).unwrap();
    let err = sites::build(&f.site_files(), &codes("RJE01,RJE48"))
        .unwrap_err()
        .to_string();
    assert!(
        err.ends_with(
            "NSPL_AUG_2025_UK.csv: 1 postcodes of the sites are not in it: WS11 5XY (RJE48)"
        ),
        "{err}"
    );
}

#[test]
fn a_file_of_the_wrong_kind_is_named_for_what_it_looks_like() {
    let f = files();
    let expect = |files: SiteFiles, tail: &str| {
        let err = sites::build(&files, &codes("RJE01"))
            .unwrap_err()
            .to_string();
        assert!(err.ends_with(tail), "{err}");
    };
    expect(
        SiteFiles {
            sites: &f.nspl,
            ..f.site_files()
        },
        "NSPL_AUG_2025_UK.csv: this is the ONS postcode directory (it has a header row), not the NHS ODS site list (ets.csv), which has no header row",
    );
    expect(
        SiteFiles {
            sites: &f.etr,
            ..f.site_files()
        },
        "etr.csv: this looks like the NHS ODS trust list (etr.csv): row 1 (RJE) names no parent trust in field 15, which every row of the NHS ODS site list (ets.csv) does",
    );
    expect(
        SiteFiles {
            trusts: Some(&f.ets),
            ..f.site_files()
        },
        "ets.csv: this looks like the NHS ODS site list (ets.csv): row 1 (RJE01) names a parent trust in field 15, which no row of the NHS ODS trust list (etr.csv) does",
    );
    expect(
        SiteFiles {
            postcodes: &f.ets,
            ..f.site_files()
        },
        "ets.csv: this looks like the NHS ODS site list (ets.csv) (no header row; row 1 is RJE01), not the ONS postcode directory",
    );
    let appraisal = f.dir.path("a.appraisal");
    appraise::store::create(&appraisal, &appraise::demo::appraisal()).unwrap();
    for binary in [
        SiteFiles {
            sites: &appraisal,
            ..f.site_files()
        },
        SiteFiles {
            postcodes: &appraisal,
            ..f.site_files()
        },
    ] {
        expect(
            binary,
            "a.appraisal: this is not a CSV text file (its first row is not text)",
        );
    }
    let centroids = f.write(
        "PWC.csv",
        "FID,LSOA21CD,GlobalID,x,y\n1,E01000001,38ad8fe8-682a-4533-b51a-16c9ca366294,532181.7642,181792.2818\n",
    );
    expect(
        SiteFiles {
            postcodes: &centroids,
            ..f.site_files()
        },
        "PWC.csv: this is the ONS LSOA population-weighted centroids, not the ONS postcode directory",
    );
}

#[test]
fn missing_columns_and_bad_fields_name_the_file_row_and_field() {
    let f = files();
    let header_only = NSPL
        .lines()
        .next()
        .unwrap()
        .replace(",lat,long,", ",latitude,longitude,");
    let no_position = f.write(
        "no_position.csv",
        &format!("{}\n", header_only.replace("east1m,north1m", "e,n")),
    );
    let err = sites::build(
        &SiteFiles {
            postcodes: &no_position,
            ..f.site_files()
        },
        &codes("RJE01"),
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.contains("no_position.csv: no column 'lat' and 'long', or eastings and northings"),
        "{err}"
    );

    let bad = |ets: String, want: &str| {
        std::fs::write(&f.ets, ets).unwrap();
        let err = sites::build(&f.site_files(), &codes("RJE01,RJE48"))
            .unwrap_err()
            .to_string();
        assert!(err.ends_with(want), "{err}");
    };
    bad(
        ETS_UNQUOTED.replace("WS11 5XY", "WS11"),
        "ets.csv, row 2, column field 10 (postcode): 'WS11' is not a postcode",
    );
    bad(
        ETS_UNQUOTED.replace("20130401,,,,RJE", "20130401,,,,"),
        "ets.csv, row 2, column field 15 (parent trust code): '' is empty: every site names its parent trust",
    );
    bad(
        // The first 12 fields only, as the documented sample gives them.
        ETS_UNQUOTED.replace("20130401,,,,RJE,,,,,,,0,,", "20130401,"),
        "ets.csv, row 2, column field 1 (code): 'RJE48' has 12 fields: the NHS ODS site list (ets.csv) has 24 or 27 fields a row",
    );
}

#[test]
fn sites_are_added_or_refreshed_keeping_their_services_and_matched_to_trusts_by_name() {
    let f = files();
    let built = sites::build(&f.site_files(), &codes("RJE01,RJE48")).unwrap();
    let mut a = appraise::demo::appraisal();
    let mut existing = a.sites[0].clone();
    existing.code = "RJE01".to_owned();
    existing.name = "Royal Infirmary".to_owned();
    existing.organisation = "RJE".to_owned();
    let services = existing.services.clone();
    assert!(!services.is_empty());
    a.sites.push(existing);
    let changes = sites::apply(&mut a, &built).unwrap();
    assert_eq!(changes.updated[0].code, "RJE01");
    assert_eq!(changes.added[0].code, "RJE48");
    let s = a.sites.iter().find(|s| s.code == "RJE01").unwrap();
    assert_eq!(s.name, "NORTH STAFFORDSHIRE ROYAL INFIRMARY");
    assert_eq!((s.latitude, s.longitude), (Some(53.0031), Some(-2.2125)));
    assert_eq!(s.services, services);
    assert_eq!(s.postcode.as_deref(), Some("ST4 7LN"));
    let again = sites::apply(&mut a, &built).unwrap();
    assert_eq!(
        (
            again.added.len(),
            again.updated.len(),
            again.unchanged.len()
        ),
        (0, 0, 2)
    );

    // An appraisal that names the trust by a local code matches it by its etr.csv name.
    let mut b = appraise::demo::appraisal();
    let org = b
        .organisations
        .iter_mut()
        .find(|o| o.code == "RJE")
        .unwrap();
    org.code = "UHNM".to_owned();
    org.name = "University Hospitals of North Midlands NHS Trust".to_owned();
    b.sites.retain(|s| s.organisation != "RJE");
    let changes = sites::apply(&mut b, &built).unwrap();
    assert_eq!(changes.added[1].organisation, "UHNM");
    // Without the trust list, nothing names it: refused, the appraisal unchanged.
    let nameless = sites::build(
        &SiteFiles {
            trusts: None,
            ..f.site_files()
        },
        &codes("RJE01,RJE48"),
    )
    .unwrap();
    let mut c = appraise::demo::appraisal();
    c.organisations.retain(|o| o.code != "RJE");
    let before = c.clone();
    let err = sites::apply(&mut c, &nameless).unwrap_err();
    assert_eq!(
        err,
        ApplyError::UnknownOrganisations {
            count: 1,
            listed: "RJE of RJE01, RJE48".to_owned()
        }
    );
    assert_eq!(c, before);
}

/// `appraise import-sites` on `file` with the fixture files.
fn import_sites(file: &Path, f: &Files, codes: &str) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_appraise"))
        .arg("import-sites")
        .arg(file)
        .args(["--ods".as_ref(), f.ets.as_os_str()])
        .args(["--trusts".as_ref(), f.etr.as_os_str()])
        .args(["--postcodes".as_ref(), f.nspl.as_os_str()])
        .args(["--codes", codes])
        .output()
        .unwrap()
}

#[test]
fn import_sites_saves_the_sites_with_their_audit_and_changes_nothing_on_error() {
    let f = files();
    let dir = Dir::new();
    let file = dir.path("demo.appraisal");
    appraise::store::create(&file, &appraise::demo::appraisal()).unwrap();
    let out = import_sites(&file, &f, "RJE01,rje48");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!(
            "sites of {}: 2 added, 0 updated, 0 unchanged
  added RJE01 NORTH STAFFORDSHIRE ROYAL INFIRMARY (ST4 7LN, organisation RJE): 53.003100, -2.212500
  added RJE48 CANNOCK CHASE HOSPITAL (WS11 5XY, organisation RJE): 52.692900, -2.020600
",
            file.display()
        )
    );
    let a = appraise::store::open(&file).unwrap();
    let s = a.sites.iter().find(|s| s.code == "RJE48").unwrap();
    assert_eq!(
        (s.name.as_str(), s.organisation.as_str()),
        ("CANNOCK CHASE HOSPITAL", "RJE")
    );
    assert_eq!((s.latitude, s.longitude), (Some(52.6929), Some(-2.0206)));
    assert_eq!(s.postcode.as_deref(), Some("WS11 5XY"));
    // Lossless through the JSON form too.
    let text = appraise::textform::to_string(&a);
    assert!(text.contains("\"postcode\": \"WS11 5XY\""), "{text}");
    assert_eq!(
        appraise::textform::from_str(&text, Path::new("a.json")).unwrap(),
        a
    );
    assert!(
        a.audit.iter().any(|e| e.what == "sites/RJE48"),
        "{:?}",
        a.audit.last()
    );

    // A sheet that replaces the site has no postcode column: the site keeps its postcode.
    let csv = dir.path("sites.csv");
    std::fs::write(
        &csv,
        "code,name,organisation,latitude,longitude,services\nRJE48,Cannock Chase Hospital,RJE,52.6929,-2.0206,\n",
    )
    .unwrap();
    appraise::sheets::import_csv(&file, "sites", &csv).unwrap();
    let a = appraise::store::open(&file).unwrap();
    let s = a.sites.iter().find(|s| s.code == "RJE48").unwrap();
    assert_eq!(
        (s.name.as_str(), s.postcode.as_deref()),
        ("Cannock Chase Hospital", Some("WS11 5XY"))
    );

    // Again: only the renamed site is refreshed; then nothing changes and nothing is recorded.
    let out = import_sites(&file, &f, "RJE01,RJE48");
    assert!(
        String::from_utf8_lossy(&out.stdout).contains(": 0 added, 1 updated, 1 unchanged\n"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let audit = appraise::store::open(&file).unwrap().audit.len();
    let out = import_sites(&file, &f, "RJE01,RJE48");
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).ends_with(": 0 added, 0 updated, 2 unchanged\n"));
    assert_eq!(appraise::store::open(&file).unwrap().audit.len(), audit);

    // Each error leaves the file's bytes as they were.
    let before = sha256(&file);
    for (codes, message) in [
        (
            "RJE01,RXX01",
            "ets.csv: 1 sites asked for are not in it: RXX01",
        ),
        ("RJE09", "RJE09 (row 3, closed 2011-03-31)"),
        ("RJE01;RJE48", "'RJE01;RJE48' is not an ODS site code"),
    ] {
        let out = import_sites(&file, &f, codes);
        assert!(!out.status.success());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(message), "{err}");
        assert_eq!(sha256(&file), before);
    }

    // A trust that is not an organisation of the appraisal is refused, named.
    let bare = dir.path("bare.appraisal");
    appraise::store::create(&bare, &appraise::Appraisal::new("bare")).unwrap();
    let before = sha256(&bare);
    let out = import_sites(&bare, &f, "RJE01,RJE48");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(
            "1 parent trusts of the sites are not organisations of the appraisal: RJE (UNIVERSITY HOSPITALS OF NORTH MIDLANDS NHS TRUST) of RJE01, RJE48; add them as organisations first"
        ),
        "{err}"
    );
    assert_eq!(sha256(&bare), before);
}
