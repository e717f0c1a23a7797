#![allow(dead_code)] // each bench uses part of it

//! A generated national-scale appraisal for the travel benchmarks: 35,000 zones (about England's
//! LSOAs), 300 sites, 5 services, 20 options (do minimum plus 19 that each close about one site
//! in twenty for each service), and optionally a complete car and public transport matrix
//! (21 million cells) made from the estimator with deterministic noise, so the nearest-site
//! structure is realistic.

use appraise::Appraisal;
use appraise::model::{
    AppraisalOption, OptionFinance, OptionKind, Service, Site, SiteService, Threshold,
    TravelMatrix, TravelMode, Zone,
};
use appraise::travel::estimate::{self, Point};

pub const ZONES: usize = 35_000;
pub const SITES: usize = 300;
pub const SERVICES: [&str; 5] = ["AE", "MAT", "PAED", "CRIT", "ELECT"];
pub const OPTIONS: usize = 20;

/// A small deterministic generator (SplitMix64): the benchmark data is the same every run.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

pub fn zone_code(z: usize) -> String {
    format!("E{:08}", 1_000_000 + z)
}

pub fn site_code(s: usize) -> String {
    format!("S{s:03}")
}

/// The appraisal without a matrix.
pub fn appraisal() -> Appraisal {
    let mut rng = Rng::new(5);
    let mut a = Appraisal::new("National benchmark");
    // Every site belongs to one organisation, borrowed from the demo.
    let mut organisation = appraise::demo::appraisal().organisations.remove(0);
    organisation.code = "ORG".to_owned();
    a.organisations = vec![organisation];
    a.services = SERVICES
        .iter()
        .map(|code| Service {
            code: (*code).to_owned(),
            name: format!("Service {code}"),
            thresholds: vec![
                Threshold {
                    mode: TravelMode::Car,
                    minutes: 30.0,
                },
                Threshold {
                    mode: TravelMode::PublicTransport,
                    minutes: 60.0,
                },
            ],
        })
        .collect();
    // England spans roughly 50.0-55.8 N and 5.7 W-1.8 E.
    a.zones = (0..ZONES)
        .map(|z| Zone {
            code: zone_code(z),
            name: format!("Zone {z}"),
            latitude: Some(50.0 + 5.8 * rng.unit()),
            longitude: Some(-5.7 + 7.5 * rng.unit()),
            population: 1_000.0 + (2_000.0 * rng.unit()).round(),
            imd_decile: (z % 10) as u8 + 1,
            households: None,
            households_without_car: None,
            sources: None,
        })
        .collect();
    a.sites = (0..SITES)
        .map(|s| Site {
            code: site_code(s),
            name: format!("Site {s}"),
            organisation: "ORG".to_owned(),
            latitude: Some(50.0 + 5.8 * rng.unit()),
            longitude: Some(-5.7 + 7.5 * rng.unit()),
            services: Vec::new(),
            postcode: None,
        })
        .collect();
    // Service k is at four sites in five today; each option closes about one in twenty of those.
    a.options = (0..OPTIONS)
        .map(|o| {
            let mut site_services = Vec::new();
            for (k, service) in SERVICES.iter().enumerate() {
                for s in (0..SITES).filter(|s| (s + k) % 5 != 4) {
                    if o == 0 || rng.unit() >= 0.05 {
                        site_services.push(SiteService {
                            site: site_code(s),
                            service: (*service).to_owned(),
                        });
                    }
                }
            }
            AppraisalOption {
                code: format!("O{o:02}"),
                name: format!("Option {o}"),
                kind: if o == 0 {
                    OptionKind::DoMinimum
                } else {
                    OptionKind::Merger
                },
                description: String::new(),
                members: Vec::new(),
                site_services,
                site_transfers: Vec::new(),
                finance: OptionFinance::default(),
            }
        })
        .collect();
    a
}

/// The time from zone z to site s by mode: the estimator's, times 0.8-1.3 of noise, rounded to
/// a tenth of a minute as routing models write them.
pub fn minutes(
    a: &Appraisal,
    points: &[Point],
    sites: &[Point],
    mode: TravelMode,
    z: usize,
    s: usize,
    rng: &mut Rng,
) -> f32 {
    let km = estimate::great_circle_km(points[z], sites[s]);
    let t = estimate::minutes(&a.travel_estimator, &a.settings.roads, mode, km)
        * (0.8 + 0.5 * rng.unit());
    ((t * 10.0).round() / 10.0) as f32
}

pub fn points(a: &Appraisal) -> (Vec<Point>, Vec<Point>) {
    let p = |lat: Option<f64>, lon: Option<f64>| Point::new(lat.unwrap_or(0.0), lon.unwrap_or(0.0));
    (
        a.zones.iter().map(|z| p(z.latitude, z.longitude)).collect(),
        a.sites.iter().map(|s| p(s.latitude, s.longitude)).collect(),
    )
}

/// The modes of the national matrix: car and public transport, as a bought matrix holds them.
pub const MODES: [TravelMode; 2] = [TravelMode::Car, TravelMode::PublicTransport];

/// The appraisal with a complete matrix for both modes.
pub fn with_matrix() -> Appraisal {
    let mut a = appraisal();
    let (zp, sp) = points(&a);
    let mut rng = Rng::new(7);
    let mut cells = Vec::with_capacity(ZONES * SITES * 2);
    for mode in MODES {
        for s in 0..SITES {
            for z in 0..ZONES {
                cells.push(minutes(&a, &zp, &sp, mode, z, s, &mut rng));
            }
        }
    }
    a.travel_matrix = TravelMatrix::new(
        a.zones.iter().map(|z| z.code.clone()).collect(),
        a.sites.iter().map(|s| s.code.clone()).collect(),
        MODES.to_vec(),
        cells,
    )
    .expect("shape");
    a
}
