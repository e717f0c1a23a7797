//! The demo's services, sites and population zones.

use crate::model::{Service, Site, Threshold, TravelMode, Zone};

/// Service codes.
pub(super) const AE: &str = "AE";
pub(super) const MAT: &str = "MAT";
pub(super) const PAED: &str = "PAED";
pub(super) const CRIT: &str = "CRIT";
pub(super) const ELECT: &str = "ELECT";
pub(super) const MIU: &str = "MIU";

/// Site codes.
pub(super) const STAFFORD: &str = "STA";
pub(super) const CANNOCK: &str = "CAN";
pub(super) const STOKE: &str = "RSU";
pub(super) const NEW_CROSS: &str = "NXH";
pub(super) const BURTON: &str = "QHB";
pub(super) const WALSALL: &str = "MHW";
pub(super) const LICHFIELD: &str = "SJH";
pub(super) const TAMWORTH: &str = "RPH";

/// The services a full district general hospital offers today.
pub(super) const FULL_DGH: [&str; 5] = [AE, MAT, PAED, CRIT, ELECT];

fn service(code: &str, name: &str, car: f64, public_transport: f64) -> Service {
    Service {
        code: code.to_owned(),
        name: name.to_owned(),
        thresholds: vec![
            Threshold {
                mode: TravelMode::Car,
                minutes: car,
            },
            Threshold {
                mode: TravelMode::PublicTransport,
                minutes: public_transport,
            },
        ],
    }
}

/// The blue-light threshold of the emergency services, in minutes. No national travel-time
/// standard exists for A&E or maternity (NHS England's service-change guidance sets none;
/// reconfigurations set their own); the one sourced emergency limit is the hyper-acute stroke
/// unit's "at most 30 minutes' travel" (shared reference DOMAIN.md section 6), and
/// consultations such as Epsom and St Helier's showed blue-light times beside car times
/// (PUBLIC-DATA.md section 6). The demo takes that 30 minutes for an ambulance journey.
const BLUE_LIGHT_MINUTES: f64 = 30.0;

/// A service reached in an emergency: its car and public transport thresholds and a
/// blue-light one ([`BLUE_LIGHT_MINUTES`]).
fn emergency(code: &str, name: &str, car: f64, public_transport: f64) -> Service {
    let mut s = service(code, name, car, public_transport);
    s.thresholds.insert(
        1,
        Threshold {
            mode: TravelMode::BlueLight,
            minutes: BLUE_LIGHT_MINUTES,
        },
    );
    s
}

pub(super) fn services() -> Vec<Service> {
    vec![
        emergency(AE, "Accident and emergency (type 1)", 30.0, 60.0),
        emergency(MAT, "Consultant-led maternity", 30.0, 60.0),
        service(PAED, "Inpatient paediatrics", 30.0, 60.0),
        service(CRIT, "Adult critical care", 30.0, 60.0),
        // Planned care: patients accept longer journeys for a booked operation.
        service(ELECT, "Planned (elective) surgery", 45.0, 90.0),
        service(MIU, "Minor injuries unit", 30.0, 60.0),
    ]
}

fn site(code: &str, name: &str, organisation: &str, lat: f64, lon: f64, services: &[&str]) -> Site {
    Site {
        code: code.to_owned(),
        name: name.to_owned(),
        organisation: organisation.to_owned(),
        latitude: Some(lat),
        longitude: Some(lon),
        services: services.iter().map(|s| (*s).to_owned()).collect(),
        postcode: None,
    }
}

pub(super) fn sites() -> Vec<Site> {
    vec![
        site(
            STAFFORD,
            "County Hospital, Stafford",
            "RJD",
            52.823,
            -2.131,
            &FULL_DGH,
        ),
        site(
            CANNOCK,
            "Cannock Chase Hospital",
            "RJD",
            52.694,
            -2.024,
            &[ELECT],
        ),
        site(
            STOKE,
            "Royal Stoke University Hospital",
            "RJE",
            53.003,
            -2.214,
            &FULL_DGH,
        ),
        site(
            NEW_CROSS,
            "New Cross Hospital, Wolverhampton",
            "RL4",
            52.599,
            -2.094,
            &FULL_DGH,
        ),
        site(
            BURTON,
            "Queen's Hospital, Burton",
            "RJF",
            52.820,
            -1.656,
            &FULL_DGH,
        ),
        site(
            WALSALL,
            "Manor Hospital, Walsall",
            "RBK",
            52.583,
            -1.996,
            &FULL_DGH,
        ),
        site(
            LICHFIELD,
            "Samuel Johnson Community Hospital, Lichfield",
            "R1E",
            52.688,
            -1.811,
            &[MIU],
        ),
        site(
            TAMWORTH,
            "Sir Robert Peel Community Hospital, Tamworth",
            "R1E",
            52.626,
            -1.700,
            &[MIU],
        ),
    ]
}

/// Zone code, name, latitude, longitude, population, IMD decile (1 = most deprived).
/// Town-level deciles are illustrative averages; every town has more and less deprived areas.
const TOWNS: [(&str, &str, f64, f64, f64, u8); 16] = [
    ("Z-STAFFORD", "Stafford", 52.806, -2.117, 70_000.0, 6),
    ("Z-STONE", "Stone", 52.904, -2.147, 16_000.0, 8),
    ("Z-CANNOCK", "Cannock", 52.691, -2.031, 86_000.0, 4),
    ("Z-HEDNESFORD", "Hednesford", 52.711, -2.001, 17_000.0, 5),
    ("Z-RUGELEY", "Rugeley", 52.760, -1.936, 24_000.0, 4),
    ("Z-PENKRIDGE", "Penkridge", 52.724, -2.116, 9_000.0, 9),
    ("Z-ECCLESHALL", "Eccleshall", 52.858, -2.251, 6_000.0, 9),
    ("Z-UTTOXETER", "Uttoxeter", 52.898, -1.865, 14_000.0, 6),
    ("Z-LICHFIELD", "Lichfield", 52.683, -1.826, 33_000.0, 8),
    ("Z-BURNTWOOD", "Burntwood", 52.680, -1.920, 27_000.0, 5),
    ("Z-STOKE", "Stoke-on-Trent", 53.003, -2.180, 255_000.0, 1),
    (
        "Z-NEWCASTLE",
        "Newcastle-under-Lyme",
        53.012,
        -2.227,
        75_000.0,
        4,
    ),
    (
        "Z-WOLVERHAMPTON",
        "Wolverhampton",
        52.586,
        -2.129,
        260_000.0,
        2,
    ),
    ("Z-BURTON", "Burton upon Trent", 52.803, -1.637, 72_000.0, 3),
    ("Z-TAMWORTH", "Tamworth", 52.634, -1.695, 77_000.0, 4),
    ("Z-GREATWYRLEY", "Great Wyrley", 52.662, -2.012, 11_000.0, 6),
];

/// People per household: England's average at the 2021 Census.
const PEOPLE_PER_HOUSEHOLD: f64 = 2.36;

/// Illustrative share of households without a car or van by IMD decile: about a third in the
/// most deprived areas to an eighth in the least, around England's 23% at the 2021 Census.
fn without_car_share(imd_decile: u8) -> f64 {
    match imd_decile {
        1 | 2 => 0.33,
        3 | 4 => 0.27,
        5 | 6 => 0.21,
        7 | 8 => 0.17,
        _ => 0.13,
    }
}

pub(super) fn zones() -> Vec<Zone> {
    TOWNS
        .iter()
        .map(|&(code, name, lat, lon, population, imd_decile)| {
            let households = (population / PEOPLE_PER_HOUSEHOLD).round();
            Zone {
                code: code.to_owned(),
                name: name.to_owned(),
                latitude: Some(lat),
                longitude: Some(lon),
                population,
                imd_decile,
                households: Some(households),
                households_without_car: Some((households * without_car_share(imd_decile)).round()),
                sources: None,
            }
        })
        .collect()
}
