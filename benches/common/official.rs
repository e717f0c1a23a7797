#![allow(dead_code)] // each bench uses part of it

//! A generated national set of the official files, in their real layouts (shared/PUBLIC-DATA.md),
//! for the import benchmarks: 35,672 LSOA 2021 zones (33,755 English `E01`, 1,917 Welsh `W01`)
//! with population-weighted centroids spread over England and Wales on the British National
//! Grid, Census TS001 and TS045 rows for each, an IoD2025 File 7 for the English ones (56
//! columns, the real truncated decile header), and a postcode directory in the newer (August
//! 2025) header form whose rows carry each postcode's LSOA and ICB.
//!
//! England is cut into 42 ICBs of 600 to 1,000 zones (the last, the largest, about 1,000), each
//! a tile of the grid made of whole local authorities of up to 123 zones (296 in all, as
//! England has); Wales has 22 authorities and no ICB. In the directory each zone has about 76
//! postcodes in a run of rows; one English postcode in 997 names the next ICB instead, so an
//! LSOA's ICB is a majority, not unanimity, as where real postcodes straddle a boundary.
//!
//! Needs `mod national` (its `Rng`) beside it in the bench.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use crate::national::Rng;

pub const ENGLISH_ZONES: usize = 33_755;
pub const WELSH_ZONES: usize = 1_917;
pub const ICBS: usize = 42;
pub const POSTCODES: usize = 2_700_000;
/// About England's 296 local authorities.
const ZONES_PER_AUTHORITY: usize = 123;
const WELSH_AUTHORITIES: usize = 22;

/// The newer (August 2025) directory header.
pub const DIRECTORY_HEADER: &str = "pcd7,pcd8,pcds,dointr,doterm,usrtypind,east1m,north1m,gridind,oa21cd,cty25cd,ced25cd,lad25cd,wd25cd,nhser24cd,ctry25cd,rgn25cd,pcon24cd,ttwa15cd,itl25cd,npark16cd,lsoa21cd,msoa21cd,wz11cd,sicbl24cd,bua24cd,ruc21ind,oac11ind,lat,long,lep21cd1,lep21cd2,pfa23cd,imd20ind,icb23cd";

/// One generated LSOA.
pub struct Zone {
    pub code: String,
    pub name: String,
    pub authority: String,
    /// Index into [`National::icbs`]; None in Wales.
    pub icb: Option<usize>,
    pub easting: f64,
    pub northing: f64,
    pub latitude: f64,
    pub longitude: f64,
    pub residents: u32,
    pub households: u32,
    pub without_car: u32,
}

pub struct Icb {
    pub code: String,
    /// Its zones: a run of [`National::zones`].
    pub zones: std::ops::Range<usize>,
    pub authorities: Vec<String>,
}

pub struct National {
    /// English zones first, in ICB order, then Welsh ones.
    pub zones: Vec<Zone>,
    pub icbs: Vec<Icb>,
}

fn letter(i: usize) -> char {
    (b'A' + (i % 26) as u8) as char
}

/// The `i`th generated postcode's outward and inward codes: all distinct.
pub fn postcode(i: usize) -> (String, String) {
    let (o, k) = (i / 4_000, i % 4_000);
    let outward = format!("{}{}{}", letter(o / 26), letter(o), 1 + o % 9);
    let inward = format!("{}{}{}", k / 676, letter(k / 26), letter(k));
    (outward, inward)
}

impl National {
    /// The national set with `1/scale` of the zones (`scale` 1: the full size), always 42 ICBs.
    pub fn new(scale: usize) -> National {
        let english = ENGLISH_ZONES / scale;
        let welsh = WELSH_ZONES / scale;
        let mut rng = Rng::new(17);
        // ICB sizes rise from 600 to 1,000 (in proportion), the total England's.
        let weights: Vec<f64> = (0..ICBS)
            .map(|k| 600.0 + 400.0 * k as f64 / (ICBS - 1) as f64)
            .collect();
        let total: f64 = weights.iter().sum();
        let mut zones = Vec::with_capacity(english + welsh);
        let mut icbs = Vec::with_capacity(ICBS);
        let mut authority = 0;
        let per_authority = (ZONES_PER_AUTHORITY / scale).max(1);
        for (k, w) in weights.iter().enumerate() {
            let start = zones.len();
            let size = if k == ICBS - 1 {
                english - start
            } else {
                (english as f64 * w / total).round() as usize
            };
            // Tiles of a 6 x 7 grid over England (eastings 340-640 km, northings 80-600 km).
            let (x0, y0) = (
                340_000.0 + 50_000.0 * (k % 6) as f64,
                80_000.0 + 74_000.0 * (k / 6) as f64,
            );
            let mut authorities = Vec::new();
            for z in 0..size {
                if z % per_authority == 0 {
                    authorities.push(format!("E{:02}{:06}", 6 + authority % 4, authority));
                    authority += 1;
                }
                let easting = x0 + 50_000.0 * rng.unit();
                let northing = y0 + 74_000.0 * rng.unit();
                zones.push(zone(
                    format!("E01{:06}", zones.len() + 1),
                    authorities.last().cloned().unwrap_or_default(),
                    Some(k),
                    (easting, northing),
                    &mut rng,
                ));
            }
            icbs.push(Icb {
                code: format!("E54{:06}", 8 + k),
                zones: start..zones.len(),
                authorities,
            });
        }
        for z in 0..welsh {
            // Wales: eastings 220-330 km, northings 180-380 km.
            let easting = 220_000.0 + 110_000.0 * rng.unit();
            let northing = 180_000.0 + 200_000.0 * rng.unit();
            zones.push(zone(
                format!("W01{:06}", z + 1),
                format!("W06{:06}", 1 + z % WELSH_AUTHORITIES),
                None,
                (easting, northing),
                &mut rng,
            ));
        }
        National { zones, icbs }
    }

    pub fn english(&self) -> impl Iterator<Item = &Zone> {
        self.zones.iter().filter(|z| z.icb.is_some())
    }

    /// Every English local authority.
    pub fn english_authorities(&self) -> Vec<String> {
        self.icbs
            .iter()
            .flat_map(|i| i.authorities.iter().cloned())
            .collect()
    }

    /// The largest ICB (about 1,000 zones at full size).
    pub fn largest_icb(&self) -> &Icb {
        self.icbs
            .iter()
            .max_by_key(|i| i.zones.len())
            .expect("ICBs")
    }

    /// The centroids file, its rows in no order, as the real one.
    pub fn write_centroids(&self, path: &Path) {
        let order = shuffled(self.zones.len(), 23);
        let mut rng = Rng::new(31);
        let mut w = writer(path);
        writeln!(w, "FID,LSOA21CD,GlobalID,x,y").unwrap();
        for (fid, &i) in order.iter().enumerate() {
            let z = &self.zones[i];
            writeln!(
                w,
                "{},{},{:08x}-0000-4000-8000-{:012x},{:.4},{:.4}",
                fid + 1,
                z.code,
                rng.next_u64() as u32,
                i,
                z.easting,
                z.northing
            )
            .unwrap();
        }
        w.flush().unwrap();
    }

    /// Census TS001 (usual residents).
    pub fn write_residents(&self, path: &Path) {
        self.write_census(path, "Residence type: Total; measures: Value,Residence type: Lives in a household; measures: Value,Residence type: Lives in a communal establishment; measures: Value", |z| {
            let communal = z.residents % 17;
            format!("{},{},{communal}", z.residents, z.residents - communal)
        });
    }

    /// Census TS045 (car or van availability).
    pub fn write_cars(&self, path: &Path) {
        self.write_census(path, "Number of cars or vans: Total: All households,Number of cars or vans: No cars or vans in household,Number of cars or vans: 1 car or van in household,Number of cars or vans: 2 cars or vans in household,Number of cars or vans: 3 or more cars or vans in household", |z| {
            let rest = z.households - z.without_car;
            let (one, two) = (rest / 2, rest / 3);
            format!("{},{},{one},{two},{}", z.households, z.without_car, rest - one - two)
        });
    }

    /// A Nomis bulk Census table: `measures` after the date, name and code of each zone.
    fn write_census(&self, path: &Path, measures: &str, values: impl Fn(&Zone) -> String) {
        let mut w = writer(path);
        writeln!(w, "date,geography,geography code,{measures}").unwrap();
        for z in &self.zones {
            writeln!(w, "2021,{},{},{}", z.name, z.code, values(z)).unwrap();
        }
        w.flush().unwrap();
    }

    /// IoD2025 File 7 (England only): 56 columns, the decile header cut short as in the real
    /// file; ranks a shuffle of 1 to n, deciles from them.
    pub fn write_deprivation(&self, path: &Path) {
        let mut header: Vec<String> = [
            "LSOA code (2021)",
            "LSOA name (2021)",
            "Local Authority District code (2024)",
            "Local Authority District name (2024)",
            "Index of Multiple Deprivation (IMD) Score",
            "Index of Multiple Deprivation (IMD) Rank (where 1 is most deprived)",
            "Index of Multiple Deprivation (IMD) Decile (where 1 is most deprived 10% of LSO",
        ]
        .map(str::to_owned)
        .to_vec();
        for domain in [
            "Income",
            "Employment",
            "Education, Skills and Training",
            "Health Deprivation and Disability",
            "Crime",
            "Barriers to Housing and Services",
            "Living Environment",
            "Income Deprivation Affecting Children Index (IDACI)",
            "Income Deprivation Affecting Older People (IDAOPI)",
            "Children and Young People Sub-domain",
            "Adult Skills Sub-domain",
            "Geographical Barriers Sub-domain",
            "Wider Barriers Sub-domain",
            "Indoors Sub-domain",
            "Outdoors Sub-domain",
        ] {
            header.push(format!("{domain} Score"));
            header.push(format!("{domain} Rank (where 1 is most deprived)"));
            header.push(format!(
                "{domain} Decile (where 1 is most deprived 10% of LSOAs)"
            ));
        }
        for denominator in [
            "Total population: mid 2022",
            "Dependent Children aged 0-15: mid 2022",
            "Older population aged 60 and over: mid 2022",
            "Working age population 18-66 (for use with Employment Deprivation Domain): mid 2022",
        ] {
            header.push(denominator.to_owned());
        }
        assert_eq!(header.len(), 56);
        let english: Vec<&Zone> = self.english().collect();
        let n = english.len();
        let ranks = shuffled(n, 29);
        let mut w = writer(path);
        let quoted: Vec<String> = header
            .iter()
            .map(|h| {
                if h.contains(',') {
                    format!("\"{h}\"")
                } else {
                    h.clone()
                }
            })
            .collect();
        writeln!(w, "{}", quoted.join(",")).unwrap();
        let filler = ",0.1,100,5".repeat(15);
        for (z, rank) in english.iter().zip(ranks.iter().map(|r| r + 1)) {
            let decile = (rank - 1) * 10 / n + 1;
            writeln!(
                w,
                "{},{},{},Authority {},{:.3},{rank},{decile}{filler},{},{},{},{}",
                z.code,
                z.name,
                z.authority,
                z.authority,
                60.0 - 5.5 * decile as f64,
                z.residents,
                z.residents / 5,
                z.residents / 4,
                z.residents / 2
            )
            .unwrap();
        }
        w.flush().unwrap();
    }

    /// A postcode directory of `rows` postcodes (newer header), the zones' in runs, each near
    /// its zone's centroid. `wanted(i)` marks rows a bench looks up: Some(true) placed by
    /// `lat`/`long`, Some(false) left without them (placed from the grid); those are never
    /// terminated, while one other postcode in five is (`doterm` 201506), as many of the real
    /// directory's are.
    pub fn write_directory(
        &self,
        path: &Path,
        rows: usize,
        wanted: impl Fn(usize) -> Option<bool>,
    ) {
        let mut w =
            BufWriter::with_capacity(1 << 20, File::create(path).expect("create directory"));
        writeln!(w, "{DIRECTORY_HEADER}").unwrap();
        let n = self.zones.len();
        for i in 0..rows {
            let z = &self.zones[i * n / rows];
            let (outward, inward) = postcode(i);
            let step = (i % 9) as f64 - 4.0;
            let (east, north) = (
                (z.easting + 40.0 * step).round(),
                (z.northing - 30.0 * step).round(),
            );
            let (lat, long) = if wanted(i) == Some(false) {
                (String::new(), String::new())
            } else {
                (
                    format!("{:.6}", z.latitude - 0.000_27 * step),
                    format!("{:.6}", z.longitude + 0.000_57 * step),
                )
            };
            let terminated = if wanted(i).is_none() && i % 5 == 2 {
                "201506"
            } else {
                ""
            };
            let (country, icb) = match z.icb {
                Some(k) if i % 997 == 0 => ("E92000001", self.icbs[(k + 1) % ICBS].code.as_str()),
                Some(k) => ("E92000001", self.icbs[k].code.as_str()),
                // The directory's pseudo code for a postcode outside England's ICBs.
                None => ("W92000004", "W99999999"),
            };
            writeln!(
                w,
                "\"{outward:<4}{inward}\",\"{outward:<5}{inward}\",\"{outward} {inward}\",\"198001\",\"{terminated}\",\"0\",\"{east}\",\"{north}\",\"1\",\"E00139875\",\"E99999999\",\"E99999999\",\"{}\",\"E05016114\",\"E40000012\",\"{country}\",\"E12000001\",\"E14001285\",\"E30000064\",\"{}\",\"E65000001\",\"{}\",\"E02005728\",\"E33002161\",\"E38000130\",\"E63999999\",\"RSN1\",\"1B1\",{lat},{long},\"E37000025\",\"\",\"E23000007\",17158,\"{icb}\"",
                z.authority, z.authority, z.code
            )
            .unwrap();
        }
        w.flush().unwrap();
    }
}

fn zone(
    code: String,
    authority: String,
    icb: Option<usize>,
    (easting, northing): (f64, f64),
    rng: &mut Rng,
) -> Zone {
    let (latitude, longitude) =
        appraise::public_data::grid::to_latitude_longitude(easting, northing)
            .expect("in Great Britain");
    let residents = 1_000 + (2_000.0 * rng.unit()) as u32;
    let households = residents * 2 / 5;
    Zone {
        name: format!("{authority} {code}"),
        code,
        authority,
        icb,
        easting,
        northing,
        latitude,
        longitude,
        residents,
        households,
        without_car: (households as f64 * 0.4 * rng.unit()) as u32,
    }
}

/// 0 to n - 1 in a shuffled order (Fisher-Yates), the same for the same seed.
fn shuffled(n: usize, seed: u64) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    let mut rng = Rng::new(seed);
    for i in (1..n).rev() {
        order.swap(i, (rng.next_u64() % (i as u64 + 1)) as usize);
    }
    order
}

fn writer(path: &Path) -> BufWriter<File> {
    BufWriter::new(File::create(path).expect("create file"))
}
