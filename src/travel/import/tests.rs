//! The matrix import: the plain (parallel) reading against the general one, the errors it
//! leaves to the general one, and the imported matrix fixed by a hash.

use std::io::Cursor;

use super::*;
use crate::model::Appraisal;

#[test]
fn mode_positions_follow_all() {
    for (i, mode) in TravelMode::ALL.into_iter().enumerate() {
        assert_eq!(mode_position(mode), i);
        let name = crate::store::mode_name(mode);
        assert_eq!(parse_mode(name.to_uppercase().as_bytes()), Some(mode));
    }
    assert_eq!(parse_mode(b" pt "), Some(TravelMode::PublicTransport));
    assert_eq!(parse_mode(b"peak"), None);
}

/// Only the modes a file gives are kept, in `TravelMode::ALL` order, each with its own
/// values: here peak car and blue light, given blue light first.
#[test]
fn the_road_modes_are_read_and_only_the_given_modes_kept() {
    let a = crate::demo::appraisal();
    let (z0, z1) = (&a.zones[0].code, &a.zones[1].code);
    let s0 = &a.sites[0].code;
    let csv = format!(
        "zone,site,mode,minutes\n{z0},{s0},blue_light,7.5\n{z1},{s0},car_peak,31.25\n{z0},{s0},CAR_PEAK,20\n"
    );
    let (m, rows) = read_matrix_from(&a, Cursor::new(csv), Path::new("t.csv")).unwrap();
    assert_eq!(rows, 3);
    assert_eq!(m.modes(), [TravelMode::CarPeak, TravelMode::BlueLight]);
    let peak = m.column(0, 0);
    assert_eq!((peak[0], peak[1]), (20.0, 31.25));
    let blue = m.column(1, 0);
    assert_eq!(blue[0], 7.5);
    assert!(blue[1].is_nan());
    assert_eq!(m.values(), 3);
}

/// A deterministic generator (SplitMix64) for the files below.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

/// The demo's zones repeated under new codes until there are `zones` of them.
fn appraisal_with(zones: usize) -> Appraisal {
    let mut a = crate::demo::appraisal();
    let base = a.zones.clone();
    a.zones = (0..zones)
        .map(|i| {
            let mut z = base[i % base.len()].clone();
            z.code = format!("Z{i:05}");
            z
        })
        .collect();
    a
}

/// A matrix file over `a`: every zone, site and mode in a shuffled order (so blocks are met
/// in no particular order), about one cell in seven left out, minutes with none to three
/// decimals and now and then in a form only the general number reading takes (`1e1`,
/// ` 7.5`, `+3`, `08.250`), mode names in mixed case.
fn matrix_csv(a: &Appraisal, seed: u64, line_end: &str) -> String {
    let mut rng = Rng(seed);
    let names = ["car", "CAR_PEAK", "Blue_Light", "public_transport", "pt"];
    let mut rows = Vec::new();
    for z in &a.zones {
        for s in &a.sites {
            for (m, _) in TravelMode::ALL.iter().enumerate() {
                let r = rng.next();
                if r.is_multiple_of(7) {
                    continue;
                }
                let name = if m == 3 && r.is_multiple_of(2) {
                    names[4]
                } else {
                    names[m]
                };
                let minutes = match (r >> 8) % 23 {
                    0 => "1e1".to_owned(),
                    1 => " 7.5".to_owned(),
                    2 => "+3".to_owned(),
                    3 => "08.250".to_owned(),
                    k => {
                        let decimals = (k % 4) as usize;
                        let n = (r >> 16) % 2_000_000;
                        let text = format!("{n:0>width$}", width = decimals + 1);
                        let (whole, frac) = text.split_at(text.len() - decimals);
                        if decimals == 0 {
                            whole.to_owned()
                        } else {
                            format!("{whole}.{frac}")
                        }
                    }
                };
                rows.push((r, format!("{},{},{name},{minutes}", z.code, s.code)));
            }
        }
    }
    rows.sort();
    let mut text = format!("zone,site,mode,minutes{line_end}");
    for (_, row) in rows {
        text.push_str(&row);
        text.push_str(line_end);
    }
    text
}

/// A reading's modes, cells' bits and row count.
type Reading = (Vec<TravelMode>, Vec<u32>, u64);

/// Both readings of `text`: the plain one (None when it declines) and the general one.
fn both(a: &Appraisal, text: &[u8], batch: usize) -> (Option<Reading>, Reading) {
    let bits = |(cells, rows): (ModeCells, u64)| {
        let (modes, cells) = cells.into_modes_and_cells();
        (modes, cells.iter().map(|v| v.to_bits()).collect(), rows)
    };
    let plain = chunked::read(a, text, batch).map(bits);
    let general = bits(read_rows(a, text, Path::new("t.csv"), NoRows::Refuse).unwrap());
    (plain, general)
}

/// Plain files, cut into batches of every size from a few lines to the whole file, read
/// exactly as the general reading reads them: the same modes, the same cells bit for bit, the
/// same row count. Line ends `\n` and `\r\n`, a byte-order mark, blank lines, no final line
/// end, columns in another order.
#[test]
fn the_plain_reading_gives_the_general_readings_matrix_bit_for_bit() {
    let a = appraisal_with(400);
    let csv = matrix_csv(&a, 1, "\n");
    let crlf = matrix_csv(&a, 2, "\r\n");
    let bom = format!("\u{feff}{}", matrix_csv(&a, 3, "\n"));
    let blank = format!("{}\n\n", csv.trim_end()).replacen("\n", "\n\n", 3);
    let reordered = {
        let mut t = String::from("Minutes, MODE ,site,zone\r\n");
        for line in crlf.lines().skip(1) {
            let f: Vec<&str> = line.split(',').collect();
            t.push_str(&format!("{},{},{},{}\r\n", f[3], f[2], f[1], f[0]));
        }
        t.trim_end().to_owned()
    };
    for (name, text) in [
        ("lf", &csv),
        ("crlf", &crlf),
        ("bom", &bom),
        ("blank lines", &blank),
        ("reordered, no final line end", &reordered),
    ] {
        for batch in [200, 4_096, 65_536, text.len(), 1 << 24] {
            let (plain, general) = both(&a, text.as_bytes(), batch);
            let plain = plain.unwrap_or_else(|| panic!("{name}: not read as plain"));
            assert!(general.2 > 10_000, "{name}: {} rows", general.2);
            assert_eq!(plain, general, "{name}, batches of {batch}");
        }
    }
}

/// The rows of `text` (a file with the usual columns and `\n` line ends) in the appraisal's
/// order of zones, then sites (or sites, then zones), keeping each code's rows in file order:
/// the orders whose codes the plain reading predicts row by row.
fn in_appraisal_order(a: &Appraisal, text: &str, sites_first: bool) -> String {
    let place = |codes: Vec<&str>, code: &str| codes.iter().position(|c| *c == code).unwrap();
    let mut lines: Vec<&str> = text.lines().skip(1).collect();
    lines.sort_by_key(|line| {
        let f: Vec<&str> = line.split(',').collect();
        let z = place(a.zones.iter().map(|z| z.code.as_str()).collect(), f[0]);
        let s = place(a.sites.iter().map(|s| s.code.as_str()).collect(), f[1]);
        if sites_first { (s, z) } else { (z, s) }
    });
    format!("zone,site,mode,minutes\n{}\n", lines.join("\n"))
}

/// Files in the appraisal's order, whose rows the plain reading takes as predicted (the last
/// row's codes or the next ones), read exactly as the general reading reads them; with a bad
/// row among predicted ones, the plain reading declines.
#[test]
fn rows_in_the_appraisals_order_read_as_predicted_give_the_same_matrix() {
    let a = appraisal_with(60);
    let csv = matrix_csv(&a, 4, "\n");
    for sites_first in [false, true] {
        let text = in_appraisal_order(&a, &csv, sites_first);
        for batch in [200, 4_096, text.len(), 1 << 24] {
            let (plain, general) = both(&a, text.as_bytes(), batch);
            let plain =
                plain.unwrap_or_else(|| panic!("sites first {sites_first}: not read as plain"));
            assert!(general.2 > 1_000, "{} rows", general.2);
            assert_eq!(
                plain, general,
                "sites first {sites_first}, batches of {batch}"
            );
        }
        let last = text.lines().last().unwrap().to_owned();
        let (codes, _) = last.rsplit_once(',').unwrap();
        for bad in [
            format!("{last}\n"),
            format!("{codes},3,4\n"),
            format!("{codes},3 \n"),
            format!("{codes},-3\n"),
            format!("{codes},1.2.3\n"),
        ] {
            let text = format!("{text}{bad}");
            assert!(
                chunked::read(&a, text.as_bytes(), 1 << 20).is_none(),
                "{bad:?} read as plain"
            );
        }
    }
}

/// Files the plain reading must leave to the general one: each reads (or fails) as before.
#[test]
fn quotes_stray_carriage_returns_and_bad_rows_are_left_to_the_general_reading() {
    let a = crate::demo::appraisal();
    let (z, s) = (&a.zones[0].code, &a.sites[0].code);
    let s1 = &a.sites[1].code;
    let good = format!("zone,site,mode,minutes\n{z},{s},car,10\n");
    for text in [
        format!("{good}\"{z}\",{s1},car,3\n"),
        format!("{good}{z},{s1},car,3\r{z},{s},pt,4\n"),
        format!("zone,site,mode,minutes\r{z},{s},car,10\n"),
        format!("{good}{z},{s1},car\n"),
        format!("{good}{z},{s1},car,3,4\n"),
        format!("{good}{z},{s},car,12\n"),
        format!("{good}{z},{s1},bike,3\n"),
        format!("{good},{s1},car,3\n"),
        format!("{good}{z},{s1},car,-3\n"),
        format!("{good}{z},{s1},car,1e99\n"),
        format!("zone,site,mode,mins\n{z},{s},car,10\n"),
    ] {
        assert!(
            chunked::read(&a, text.as_bytes(), 1 << 20).is_none(),
            "{text:?} read as plain"
        );
    }
    // Read in full by the general reading: a quoted code, and a `\r` ending a record.
    let quoted = format!("{good}\"{z}\",{s1},car,3\n");
    let (m, rows) = read_matrix_from(&a, Cursor::new(quoted), Path::new("q.csv")).unwrap();
    assert_eq!((rows, m.column(0, 1)[0]), (2, 3.0));
    let cr = format!("{good}{z},{s1},car,3\r{z},{s},pt,4\n");
    let (m, rows) = read_matrix_from(&a, Cursor::new(cr), Path::new("r.csv")).unwrap();
    assert_eq!((rows, m.modes().len()), (3, 2));
}

/// An empty zone code is an unknown zone, not the first zone (the last-lookup memory starts
/// empty, and an empty code never matched it).
#[test]
fn an_empty_zone_code_is_unknown() {
    let a = crate::demo::appraisal();
    let s = &a.sites[0].code;
    let text = format!("zone,site,mode,minutes\n,{s},car,10\n");
    let e = read_matrix_from(&a, Cursor::new(text), Path::new("e.csv")).unwrap_err();
    assert_eq!(e.to_string(), "e.csv: line 2, field zone: unknown zone ''");
}

/// A bad row deep in a file read in many batches is named by its own line, and where a file
/// has two bad rows, the first in the file is the one named, whichever batch or piece each
/// falls in.
#[test]
fn a_bad_row_in_a_later_batch_is_named_by_its_true_line_and_the_first_wins() {
    let a = appraisal_with(400);
    let csv = matrix_csv(&a, 4, "\n");
    let mut lines: Vec<String> = csv.lines().map(str::to_owned).collect();
    let total = lines.len();
    let (early, late) = (total * 3 / 5, total - 7);
    let mut fields: Vec<&str> = lines[late].split(',').collect();
    fields[2] = "bike";
    lines[late] = fields.join(",");
    let with_late = lines.join("\n");
    lines[early] = format!("NOWHERE,{}", lines[early].split_once(',').unwrap().1);
    let with_both = lines.join("\n");
    let error = |text: &str, batch: usize| match read_batched(
        &a,
        Cursor::new(text),
        Path::new("m.csv"),
        NoRows::Refuse,
        batch,
    ) {
        Ok(_) => panic!("read without an error"),
        Err(e) => e,
    };
    for batch in [100, 4_096, 1 << 20] {
        let e = error(&with_late, batch);
        assert!(
            e.to_string().starts_with(&format!(
                "m.csv: line {}, field mode: unknown mode",
                late + 1
            )),
            "{e}"
        );
        let e = error(&with_both, batch);
        assert_eq!(
            e.to_string(),
            format!(
                "m.csv: line {}, field zone: unknown zone 'NOWHERE'",
                early + 1
            )
        );
    }
}

/// FNV-1a over the matrix's zone, site and mode codes and every cell's bits.
fn matrix_hash(m: &TravelMatrix) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    };
    for code in m.zones().iter().chain(m.sites()) {
        eat(code.as_bytes());
        eat(b",");
    }
    for mode in m.modes() {
        eat(crate::store::mode_name(*mode).as_bytes());
        eat(b",");
    }
    for v in m.cells() {
        eat(&v.to_bits().to_le_bytes());
    }
    h
}

/// The imported matrix of a generated file (60 zones x the demo's sites x 4 modes, 1,814
/// rows), fixed by its hash: the value the import gave before it read plain files in parallel.
/// A change to how a figure is read fails here.
#[test]
fn the_imported_matrix_is_fixed_by_its_hash() {
    let a = appraisal_with(60);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.csv");
    std::fs::write(&path, matrix_csv(&a, 5, "\n")).unwrap();
    let (m, rows) = read_matrix(&a, &path).unwrap();
    assert_eq!((rows, m.values()), (HASHED_ROWS, HASHED_ROWS as usize));
    assert_eq!(format!("{:016x}", matrix_hash(&m)), HASH);
}

const HASHED_ROWS: u64 = 1_655;
const HASH: &str = "d1a2744e34a9a652";
