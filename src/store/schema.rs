//! The file's schema and its migrations: the version lives in `PRAGMA user_version`.

use rusqlite_migration::{M, Migrations};

/// `PRAGMA application_id` of every appraisal file: "APPR" in ASCII.
pub const APPLICATION_ID: u32 = 0x4150_5052;

/// Each entry upgrades a file by one version; never edit a released one, only append.
const STEPS: &[&str] = &[V1, V2, V3, V4, V5, V6, V7, V8, V9, V10];

/// The schema version this build writes.
pub const LATEST_VERSION: u32 = STEPS.len() as u32;

pub fn migrations() -> Migrations<'static> {
    Migrations::new(STEPS.iter().map(|sql| M::up(sql)).collect())
}

/// Migrations up to `version` only, to make files as older builds wrote them (tests).
pub fn migrations_to(version: usize) -> Migrations<'static> {
    Migrations::new(STEPS[..version].iter().map(|sql| M::up(sql)).collect())
}

const V1: &str = "
CREATE TABLE meta (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    title TEXT NOT NULL,
    health_economy TEXT NOT NULL,
    author TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('draft', 'final')),
    base_year INTEGER NOT NULL,
    horizon_years INTEGER NOT NULL,
    illustrative INTEGER NOT NULL,
    description TEXT NOT NULL,
    settings TEXT NOT NULL,
    travel_estimator TEXT NOT NULL
);
CREATE TABLE discount_bands (
    pos INTEGER PRIMARY KEY,
    from_year INTEGER NOT NULL,
    to_year INTEGER,
    rate REAL NOT NULL
);
CREATE TABLE organisations (
    code TEXT PRIMARY KEY,
    pos INTEGER NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    cqc_rating TEXT,
    projection TEXT NOT NULL
);
CREATE TABLE financial_years (
    organisation TEXT NOT NULL REFERENCES organisations (code) ON DELETE CASCADE,
    year INTEGER NOT NULL,
    pos INTEGER NOT NULL,
    operating_income REAL NOT NULL,
    pay REAL NOT NULL,
    non_pay REAL NOT NULL,
    depreciation REAL NOT NULL,
    pdc_dividend REAL NOT NULL,
    interest_payable REAL NOT NULL,
    interest_receivable REAL NOT NULL,
    loan_principal_repaid REAL NOT NULL,
    capital_expenditure REAL NOT NULL,
    cash REAL NOT NULL,
    current_assets REAL NOT NULL,
    current_liabilities REAL NOT NULL,
    working_capital_facility REAL NOT NULL,
    planned_surplus REAL NOT NULL,
    agency_spend REAL NOT NULL,
    agency_cap REAL NOT NULL,
    PRIMARY KEY (organisation, year)
);
CREATE TABLE services (
    code TEXT PRIMARY KEY,
    pos INTEGER NOT NULL,
    name TEXT NOT NULL
);
CREATE TABLE service_thresholds (
    service TEXT NOT NULL REFERENCES services (code) ON DELETE CASCADE,
    mode TEXT NOT NULL,
    pos INTEGER NOT NULL,
    minutes REAL NOT NULL,
    PRIMARY KEY (service, mode)
);
CREATE TABLE sites (
    code TEXT PRIMARY KEY,
    pos INTEGER NOT NULL,
    name TEXT NOT NULL,
    organisation TEXT NOT NULL REFERENCES organisations (code),
    latitude REAL,
    longitude REAL
);
CREATE TABLE site_services (
    site TEXT NOT NULL REFERENCES sites (code) ON DELETE CASCADE,
    service TEXT NOT NULL REFERENCES services (code),
    pos INTEGER NOT NULL,
    PRIMARY KEY (site, service)
);
CREATE TABLE zones (
    code TEXT PRIMARY KEY,
    pos INTEGER NOT NULL,
    name TEXT NOT NULL,
    latitude REAL,
    longitude REAL,
    population REAL NOT NULL,
    imd_decile INTEGER NOT NULL
);
CREATE TABLE options (
    code TEXT PRIMARY KEY,
    pos INTEGER NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    description TEXT NOT NULL,
    finance TEXT NOT NULL
);
CREATE TABLE option_members (
    option TEXT NOT NULL REFERENCES options (code) ON DELETE CASCADE,
    organisation TEXT NOT NULL REFERENCES organisations (code),
    pos INTEGER NOT NULL,
    PRIMARY KEY (option, organisation)
);
CREATE TABLE option_site_services (
    option TEXT NOT NULL REFERENCES options (code) ON DELETE CASCADE,
    site TEXT NOT NULL REFERENCES sites (code),
    service TEXT NOT NULL REFERENCES services (code),
    pos INTEGER NOT NULL,
    PRIMARY KEY (option, site, service)
);
CREATE TABLE option_site_transfers (
    option TEXT NOT NULL REFERENCES options (code) ON DELETE CASCADE,
    site TEXT NOT NULL REFERENCES sites (code),
    to_organisation TEXT NOT NULL REFERENCES organisations (code),
    pos INTEGER NOT NULL,
    income_share REAL NOT NULL,
    cost_share REAL NOT NULL,
    PRIMARY KEY (option, site)
);
CREATE TABLE criteria (
    code TEXT PRIMARY KEY,
    pos INTEGER NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    parent TEXT REFERENCES criteria (code),
    weight REAL NOT NULL,
    kind TEXT NOT NULL
);
CREATE TABLE weightings (
    pos INTEGER PRIMARY KEY,
    parent TEXT UNIQUE REFERENCES criteria (code),
    method TEXT NOT NULL
);
CREATE TABLE weight_sets (
    code TEXT PRIMARY KEY,
    pos INTEGER NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    weights TEXT NOT NULL
);
CREATE TABLE scorers (
    code TEXT PRIMARY KEY,
    pos INTEGER NOT NULL,
    name TEXT NOT NULL,
    role TEXT NOT NULL
);
CREATE TABLE scores (
    option TEXT NOT NULL REFERENCES options (code),
    criterion TEXT NOT NULL REFERENCES criteria (code),
    scorer TEXT NOT NULL REFERENCES scorers (code),
    pos INTEGER NOT NULL,
    value REAL NOT NULL,
    rationale TEXT NOT NULL,
    evidence TEXT NOT NULL,
    PRIMARY KEY (option, criterion, scorer)
);
CREATE TABLE performances (
    option TEXT NOT NULL REFERENCES options (code),
    criterion TEXT NOT NULL REFERENCES criteria (code),
    pos INTEGER NOT NULL,
    value TEXT NOT NULL,
    evidence TEXT NOT NULL,
    manual INTEGER NOT NULL,
    PRIMARY KEY (option, criterion)
);
-- The travel matrix: its axes, then one little-endian f32 BLOB per (mode, site) holding the
-- minutes to every zone in travel_matrix_zones order (NaN = no value), so a national matrix
-- (35,000 zones x 300 sites x 2 modes) is 600 rows, not 21 million.
CREATE TABLE travel_matrix_zones (
    pos INTEGER PRIMARY KEY,
    zone TEXT NOT NULL UNIQUE REFERENCES zones (code)
);
CREATE TABLE travel_matrix_sites (
    pos INTEGER PRIMARY KEY,
    site TEXT NOT NULL UNIQUE REFERENCES sites (code)
);
CREATE TABLE travel_matrix_modes (
    pos INTEGER PRIMARY KEY,
    mode TEXT NOT NULL UNIQUE
);
CREATE TABLE travel_matrix (
    mode INTEGER NOT NULL REFERENCES travel_matrix_modes (pos),
    site INTEGER NOT NULL REFERENCES travel_matrix_sites (pos),
    minutes BLOB NOT NULL,
    PRIMARY KEY (mode, site)
);
CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    who TEXT NOT NULL,
    what TEXT NOT NULL,
    old TEXT,
    new TEXT
);
";

/// Version 2: board-pack exports are recorded in the file.
const V2: &str = "
CREATE TABLE exports (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    path TEXT NOT NULL
);
";

/// Version 3: the sensitivity analysis's settings (`settings.sensitivity`), so the command line,
/// the app and the pack run the same analysis. No row means the defaults (files from version 2).
/// The weight model's details sit in the columns and tables of its kind: `weight_share` for
/// `around_base`, the bounds and the ranking in their own tables. The seed is a u64 stored bit
/// for bit in SQLite's signed 64-bit integer.
const V3: &str = "
CREATE TABLE sensitivity (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    tornado_share REAL NOT NULL,
    samples INTEGER NOT NULL,
    seed INTEGER NOT NULL,
    weights TEXT NOT NULL CHECK (weights IN ('uniform', 'around_base', 'bounds', 'ranking')),
    weight_share REAL CHECK ((weights = 'around_base') = (weight_share IS NOT NULL)),
    scores TEXT NOT NULL CHECK (scores IN ('fixed', 'normal', 'triangular')),
    confidence_samples INTEGER NOT NULL
);
CREATE TABLE sensitivity_weight_bounds (
    pos INTEGER PRIMARY KEY,
    criterion TEXT NOT NULL,
    min REAL NOT NULL,
    max REAL NOT NULL
);
CREATE TABLE sensitivity_ranking (
    pos INTEGER PRIMARY KEY,
    criterion TEXT NOT NULL
);
";

/// Version 4: zones built from the official files carry their households, households without
/// a car (Census TS045) and where each figure came from (JSON, `model::ZoneSources`).
const V4: &str = "
ALTER TABLE zones ADD COLUMN households REAL;
ALTER TABLE zones ADD COLUMN households_without_car REAL;
ALTER TABLE zones ADD COLUMN sources TEXT;
";

/// Version 5: a site keeps its postcode, where its position was found (`appraise
/// import-sites`).
const V5: &str = "
ALTER TABLE sites ADD COLUMN postcode TEXT;
";

/// Version 6: what the travel matrix's road times were computed from (`appraise roads`), one
/// row per run whose times the matrix still holds: the extract's name, its replication
/// timestamp (NULL when its header states none), SHA-256, when the times were computed, the
/// modes they are (a JSON list of mode names) and the settings used (JSON,
/// `model::RoadSettings`). No row, as in every older file, means no road times.
const V6: &str = "
CREATE TABLE travel_matrix_bases (
    pos INTEGER PRIMARY KEY,
    extract TEXT NOT NULL,
    extract_timestamp TEXT,
    sha256 TEXT NOT NULL,
    computed_at TEXT NOT NULL,
    modes TEXT NOT NULL,
    settings TEXT NOT NULL
);
";

/// Version 7: what the travel matrix's public transport times were computed from (`appraise
/// transit`): one row of the date, the window (and its departure minutes), the settings (JSON,
/// `model::TransitSettings`), the thresholds whose reliability is stored (a JSON list of
/// minutes) and the zones and sites the reliability covers (JSON lists of codes); one row per
/// GTFS feed; and per threshold and site the reliability bits (little-endian u64 words per
/// zone, bit i for the window's i-th departure minute: a journey within the threshold). No
/// row, as in every older file, means no public transport times from timetables.
const V7: &str = "
CREATE TABLE travel_matrix_transit (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    date TEXT NOT NULL,
    departure_window TEXT NOT NULL,
    minutes INTEGER NOT NULL,
    settings TEXT NOT NULL,
    thresholds TEXT NOT NULL,
    zones TEXT NOT NULL,
    sites TEXT NOT NULL
);
CREATE TABLE travel_matrix_transit_feeds (
    pos INTEGER PRIMARY KEY,
    file TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    valid_from TEXT NOT NULL,
    valid_to TEXT NOT NULL,
    stops INTEGER NOT NULL,
    trips INTEGER NOT NULL,
    stop_times INTEGER NOT NULL
);
CREATE TABLE travel_matrix_reliability (
    threshold INTEGER NOT NULL,
    site INTEGER NOT NULL,
    bits BLOB NOT NULL,
    PRIMARY KEY (threshold, site)
);
";

/// Version 8: SMAA draws weights flat over the leaves or level by level down the criteria tree
/// (`settings.sensitivity.draw`), and level by level each group may have its own weight model
/// (`groups`), stored as the top level's is: `weight_share` for `around_base`, the bounds and
/// the ranking in their own tables, keyed by the group's row. Files written before kept the
/// flat draw where they stored a weight model other than the default (bounds and rankings name
/// leaves, a band is around their global weights); a stored default (uniform) takes today's
/// default, level by level.
const V8: &str = "
ALTER TABLE sensitivity ADD COLUMN draw TEXT NOT NULL DEFAULT 'flat'
    CHECK (draw IN ('flat', 'level_by_level'));
UPDATE sensitivity SET draw = 'level_by_level' WHERE weights = 'uniform';
CREATE TABLE sensitivity_groups (
    pos INTEGER PRIMARY KEY,
    grp TEXT NOT NULL,
    weights TEXT NOT NULL CHECK (weights IN ('uniform', 'around_base', 'bounds', 'ranking')),
    weight_share REAL CHECK ((weights = 'around_base') = (weight_share IS NOT NULL))
);
CREATE TABLE sensitivity_group_bounds (
    grp INTEGER NOT NULL REFERENCES sensitivity_groups (pos) ON DELETE CASCADE,
    pos INTEGER NOT NULL,
    criterion TEXT NOT NULL,
    min REAL NOT NULL,
    max REAL NOT NULL,
    PRIMARY KEY (grp, pos)
);
CREATE TABLE sensitivity_group_ranking (
    grp INTEGER NOT NULL REFERENCES sensitivity_groups (pos) ON DELETE CASCADE,
    pos INTEGER NOT NULL,
    criterion TEXT NOT NULL,
    PRIMARY KEY (grp, pos)
);
";

/// Version 9: the main roads of the extract of the newest road times, which maps draw as a
/// faint background (`store::road_layer` has the BLOB's layout). No row, as in every older
/// file, means no road layer: maps say no road network is drawn.
const V9: &str = "
CREATE TABLE travel_matrix_roads (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    extract TEXT NOT NULL,
    lines BLOB NOT NULL
);
";

/// Version 10: how SMAA's seed becomes draws (`settings.sensitivity.stream`): in one sequence,
/// as every older file drew them and keeps drawing them, or in blocks on every core, as new
/// appraisals do.
const V10: &str = "
ALTER TABLE sensitivity ADD COLUMN stream TEXT NOT NULL DEFAULT 'sequential'
    CHECK (stream IN ('sequential', 'blocks'));
";

#[cfg(test)]
mod tests {
    #[test]
    fn migrations_are_valid() {
        assert!(super::migrations().validate().is_ok());
    }
}
