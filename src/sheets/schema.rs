//! The sheets Appraise reads and writes: one per kind of data, each with its columns, what a
//! column holds and a note for the person filling it in. The template, the importers and the
//! data export all follow this one description.

use crate::model::{CqcRating, FinancialYear, OptionKind, OrgKind, TravelMode};

/// A kind of data, one sheet (or one CSV file) each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Organisations,
    Baselines,
    Services,
    Sites,
    Zones,
    Options,
    OptionSites,
    Scorers,
    Scores,
    Travel,
}

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ColumnType {
    /// One line of text: a code or a name, at most [`crate::limits::LINE_CHARS`] characters.
    Text,
    /// Free text (a description, rationale, evidence): at most
    /// [`crate::limits::PARAGRAPH_CHARS`] characters, over several lines if need be.
    Paragraph,
    /// A decimal number within the bounds, when given.
    Number { min: Option<f64>, max: Option<f64> },
    /// A whole number within the bounds.
    Whole { min: i64, max: i64 },
    /// One of the listed codes (their labels are accepted too, when the column has them).
    Choice(&'static [&'static str]),
    /// Codes separated by semicolons.
    List,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Column {
    pub name: &'static str,
    pub kind: ColumnType,
    pub required: bool,
    pub note: &'static str,
}

#[derive(Debug, PartialEq)]
pub struct Sheet {
    pub kind: Kind,
    /// The sheet's name in a workbook, and the KIND argument of `import-csv` in lower case.
    pub name: &'static str,
    pub about: &'static str,
    pub columns: &'static [Column],
}

const fn col(name: &'static str, kind: ColumnType, required: bool, note: &'static str) -> Column {
    Column {
        name,
        kind,
        required,
        note,
    }
}

const TEXT: ColumnType = ColumnType::Text;
const PARAGRAPH: ColumnType = ColumnType::Paragraph;
const NON_NEGATIVE: ColumnType = ColumnType::Number {
    min: Some(0.0),
    max: None,
};
const MONEY: ColumnType = ColumnType::Number {
    min: None,
    max: None,
};
const SHARE: ColumnType = ColumnType::Number {
    min: Some(-1.0),
    max: Some(1.0),
};
const LATITUDE: ColumnType = ColumnType::Number {
    min: Some(-90.0),
    max: Some(90.0),
};
const LONGITUDE: ColumnType = ColumnType::Number {
    min: Some(-180.0),
    max: Some(180.0),
};
const YEAR: ColumnType = ColumnType::Whole {
    min: 1990,
    max: 2100,
};

pub const ORG_KINDS: [&str; 6] = [
    "acute_trust",
    "foundation_trust",
    "community",
    "mental_health",
    "social_care",
    "commissioner",
];
pub const CQC_RATINGS: [&str; 4] = ["outstanding", "good", "requires_improvement", "inadequate"];
pub const OPTION_KINDS: [&str; 7] = [
    "do_minimum",
    "merger",
    "acquisition",
    "split",
    "ico",
    "federation",
    "dissolution",
];
pub const MODES: [&str; 4] = ["car", "car_peak", "blue_light", "public_transport"];

/// Financial baseline lines, in GBP thousands, in the model's order.
pub const BASELINE_LINES: [&str; 16] = FinancialYear::LINES;

const MONEY_NOTE: &str = "GBP thousands.";

pub const SHEETS: [Sheet; 10] = [
    Sheet {
        kind: Kind::Organisations,
        name: "Organisations",
        about: "Each organisation in the health economy: trusts, community and social care, commissioners.",
        columns: &[
            col(
                "code",
                TEXT,
                true,
                "A short unique code, e.g. the ODS code (RJD).",
            ),
            col("name", TEXT, true, "The organisation's name."),
            col(
                "kind",
                ColumnType::Choice(&ORG_KINDS),
                true,
                "acute_trust, foundation_trust, community, mental_health, social_care or commissioner.",
            ),
            col(
                "cqc_rating",
                ColumnType::Choice(&CQC_RATINGS),
                false,
                "The latest CQC overall rating; blank if none.",
            ),
            col(
                "income_growth",
                SHARE,
                false,
                "Projection: income growth a year as a fraction (0.02 = 2%).",
            ),
            col(
                "pay_inflation",
                SHARE,
                false,
                "Projection: pay inflation a year as a fraction.",
            ),
            col(
                "non_pay_inflation",
                SHARE,
                false,
                "Projection: non-pay inflation a year as a fraction.",
            ),
            col(
                "cip",
                SHARE,
                false,
                "Projection: cost improvement a year as a fraction of costs.",
            ),
        ],
    },
    Sheet {
        kind: Kind::Baselines,
        name: "Baselines",
        about: "Each organisation's financial baseline, one row per financial year (GBP thousands).",
        columns: &[
            col(
                "organisation",
                TEXT,
                true,
                "The organisation's code (Organisations sheet).",
            ),
            col(
                "year",
                YEAR,
                true,
                "The financial year's first calendar year: 2014 for 2014/15.",
            ),
            col("operating_income", MONEY, true, MONEY_NOTE),
            col("pay", MONEY, true, MONEY_NOTE),
            col("non_pay", MONEY, true, MONEY_NOTE),
            col("depreciation", MONEY, true, MONEY_NOTE),
            col("pdc_dividend", MONEY, true, MONEY_NOTE),
            col("interest_payable", MONEY, true, MONEY_NOTE),
            col("interest_receivable", MONEY, true, MONEY_NOTE),
            col("loan_principal_repaid", MONEY, true, MONEY_NOTE),
            col("capital_expenditure", MONEY, true, MONEY_NOTE),
            col("cash", MONEY, true, MONEY_NOTE),
            col("current_assets", MONEY, true, MONEY_NOTE),
            col("current_liabilities", MONEY, true, MONEY_NOTE),
            col("working_capital_facility", MONEY, true, MONEY_NOTE),
            col("planned_surplus", MONEY, true, MONEY_NOTE),
            col("agency_spend", MONEY, true, MONEY_NOTE),
            col("agency_cap", MONEY, true, MONEY_NOTE),
        ],
    },
    Sheet {
        kind: Kind::Services,
        name: "Services",
        about: "The services whose access is appraised, with the journey time each should be within.",
        columns: &[
            col("code", TEXT, true, "A short unique code, e.g. AE."),
            col("name", TEXT, true, "The service's name."),
            col(
                "car_threshold_minutes",
                NON_NEGATIVE,
                false,
                "Minutes by car (off-peak) within which people should reach it; blank for none.",
            ),
            col(
                "car_peak_threshold_minutes",
                NON_NEGATIVE,
                false,
                "Minutes by car at the weekday morning peak; blank for none.",
            ),
            col(
                "blue_light_threshold_minutes",
                NON_NEGATIVE,
                false,
                "Minutes by blue-light ambulance (A&E, maternity); blank for none.",
            ),
            col(
                "public_transport_threshold_minutes",
                NON_NEGATIVE,
                false,
                "Minutes by public transport; blank for none.",
            ),
        ],
    },
    Sheet {
        kind: Kind::Sites,
        name: "Sites",
        about: "Hospital and community sites, who runs them and the services each offers today.",
        columns: &[
            col("code", TEXT, true, "A short unique code."),
            col("name", TEXT, true, "The site's name."),
            col(
                "organisation",
                TEXT,
                true,
                "The code of the organisation that runs it.",
            ),
            col("latitude", LATITUDE, false, "Degrees north (WGS84)."),
            col(
                "longitude",
                LONGITUDE,
                false,
                "Degrees east (WGS84; negative is west).",
            ),
            col(
                "services",
                ColumnType::List,
                false,
                "Codes of the services offered today, separated by semicolons: AE; MAT.",
            ),
        ],
    },
    Sheet {
        kind: Kind::Zones,
        name: "Zones",
        about: "Population zones (LSOAs, wards or towns) with their population and deprivation.",
        columns: &[
            col(
                "code",
                TEXT,
                true,
                "A short unique code, e.g. the LSOA code.",
            ),
            col("name", TEXT, true, "The zone's name."),
            col(
                "latitude",
                LATITUDE,
                false,
                "Degrees north of its population-weighted centre.",
            ),
            col("longitude", LONGITUDE, false, "Degrees east."),
            col("population", NON_NEGATIVE, true, "Resident population."),
            col(
                "imd_decile",
                ColumnType::Whole { min: 1, max: 10 },
                true,
                "Index of Multiple Deprivation decile: 1 = most deprived, 10 = least.",
            ),
            col(
                "households",
                NON_NEGATIVE,
                false,
                "Households (Census 2021 TS045); blank keeps the zone's figure.",
            ),
            col(
                "households_without_car",
                NON_NEGATIVE,
                false,
                "Households with no car or van (Census 2021 TS045); blank keeps the zone's figure.",
            ),
        ],
    },
    Sheet {
        kind: Kind::Options,
        name: "Options",
        about: "The options appraised, including do minimum.",
        columns: &[
            col(
                "code",
                TEXT,
                true,
                "A short unique code, e.g. DM or MERGE-N.",
            ),
            col(
                "name",
                TEXT,
                true,
                "The option's name as the board will read it.",
            ),
            col(
                "kind",
                ColumnType::Choice(&OPTION_KINDS),
                true,
                "do_minimum, merger, acquisition, split, ico, federation or dissolution.",
            ),
            col(
                "description",
                PARAGRAPH,
                false,
                "What the option is, in a sentence or two.",
            ),
            col(
                "members",
                ColumnType::List,
                false,
                "Codes of the organisations that make up the new organisation, separated by semicolons.",
            ),
        ],
    },
    Sheet {
        kind: Kind::OptionSites,
        name: "OptionSites",
        about: "Which site offers which service under each option; an option named here has exactly these rows.",
        columns: &[
            col("option", TEXT, true, "The option's code."),
            col("site", TEXT, true, "The site's code."),
            col("service", TEXT, true, "The service's code."),
        ],
    },
    Sheet {
        kind: Kind::Scorers,
        name: "Scorers",
        about: "Members of the scoring panel.",
        columns: &[
            col("code", TEXT, true, "A short unique code, e.g. initials."),
            col("name", TEXT, true, "The scorer's name."),
            col("role", TEXT, false, "Their role, e.g. Medical director."),
        ],
    },
    Sheet {
        kind: Kind::Scores,
        name: "Scores",
        about: "Panel scores: one row per scorer, option and criterion, on the appraisal's panel scale.",
        columns: &[
            col("scorer", TEXT, true, "The scorer's code."),
            col("option", TEXT, true, "The option's code."),
            col(
                "criterion",
                TEXT,
                true,
                "The panel-scored criterion's code.",
            ),
            col(
                "score",
                NON_NEGATIVE,
                true,
                "The score on the panel scale (0-10 unless the appraisal sets another).",
            ),
            col(
                "rationale",
                PARAGRAPH,
                false,
                "Why this score: the panel's reasoning.",
            ),
            col("evidence", PARAGRAPH, false, "The evidence relied on."),
        ],
    },
    Sheet {
        kind: Kind::Travel,
        name: "Travel",
        about: "Travel times from each zone to each site; rows here replace the whole matrix (cells not given are estimated); an empty sheet leaves it as it is.",
        columns: &[
            col("zone", TEXT, true, "The zone's code."),
            col("site", TEXT, true, "The site's code."),
            col(
                "mode",
                ColumnType::Choice(&MODES),
                true,
                "car (off-peak), car_peak, blue_light or public_transport.",
            ),
            col("minutes", NON_NEGATIVE, true, "Journey time in minutes."),
        ],
    },
];

pub fn sheet(kind: Kind) -> &'static Sheet {
    SHEETS.iter().find(|s| s.kind == kind).unwrap_or(&SHEETS[0])
}

/// The sheet named `name` (case-insensitive; `option_sites` and `optionsites` both work).
pub fn by_name(name: &str) -> Option<&'static Sheet> {
    let key: String = name
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect::<String>()
        .to_lowercase();
    SHEETS.iter().find(|s| s.name.to_lowercase() == key)
}

/// Parses a choice by its code or its label, case-insensitively.
pub fn org_kind(s: &str) -> Option<OrgKind> {
    OrgKind::ALL
        .into_iter()
        .zip(ORG_KINDS)
        .find(|(k, code)| same(s, code) || same(s, k.label()))
        .map(|(k, _)| k)
}

pub fn cqc_rating(s: &str) -> Option<CqcRating> {
    [
        CqcRating::Outstanding,
        CqcRating::Good,
        CqcRating::RequiresImprovement,
        CqcRating::Inadequate,
    ]
    .into_iter()
    .zip(CQC_RATINGS)
    .find(|(k, code)| same(s, code) || same(s, k.label()))
    .map(|(k, _)| k)
}

pub fn option_kind(s: &str) -> Option<OptionKind> {
    OptionKind::ALL
        .into_iter()
        .zip(OPTION_KINDS)
        .find(|(k, code)| same(s, code) || same(s, k.label()))
        .map(|(k, _)| k)
}

pub fn mode(s: &str) -> Option<TravelMode> {
    TravelMode::ALL
        .into_iter()
        .zip(MODES)
        .find(|(k, code)| {
            same(s, code) || same(s, k.label()) || (same(s, "pt") && *code == "public_transport")
        })
        .map(|(k, _)| k)
}

/// The code of a choice, for writing.
pub fn code_of<T: PartialEq + Copy>(all: &[T], codes: &[&'static str], value: T) -> &'static str {
    all.iter()
        .position(|v| *v == value)
        .and_then(|i| codes.get(i))
        .copied()
        .unwrap_or("")
}

fn same(a: &str, b: &str) -> bool {
    let norm = |s: &str| s.trim().to_lowercase().replace([' ', '-'], "_");
    norm(a) == norm(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choices_parse_from_codes_and_labels() {
        assert_eq!(org_kind("foundation_trust"), Some(OrgKind::FoundationTrust));
        assert_eq!(org_kind("Foundation trust"), Some(OrgKind::FoundationTrust));
        assert_eq!(org_kind("trust"), None);
        assert_eq!(
            cqc_rating("Requires improvement"),
            Some(CqcRating::RequiresImprovement)
        );
        assert_eq!(option_kind("Do minimum"), Some(OptionKind::DoMinimum));
        assert_eq!(mode("PT"), Some(TravelMode::PublicTransport));
        assert_eq!(mode("Public transport"), Some(TravelMode::PublicTransport));
        assert_eq!(mode("bus"), None);
        assert_eq!(
            code_of(&TravelMode::ALL, &MODES, TravelMode::PublicTransport),
            "public_transport"
        );
    }

    #[test]
    fn sheets_are_found_by_name_in_any_case() {
        assert_eq!(
            by_name("option_sites").map(|s| s.kind),
            Some(Kind::OptionSites)
        );
        assert_eq!(by_name("SCORES").map(|s| s.kind), Some(Kind::Scores));
        assert!(by_name("Notes").is_none());
        // Every baseline line has its column, in the model's order.
        let baselines = sheet(Kind::Baselines);
        let names: Vec<&str> = baselines.columns[2..].iter().map(|c| c.name).collect();
        assert_eq!(names, BASELINE_LINES);
    }
}
