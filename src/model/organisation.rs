use serde::{Deserialize, Serialize};

use super::{FinancialYear, ProjectionAssumptions};

/// An NHS or local-government body that takes part in one or more options.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    /// ODS code (or the local authority's code for a council).
    pub code: String,
    pub name: String,
    pub kind: OrgKind,
    pub cqc_rating: Option<CqcRating>,
    /// Baseline plan by financial year, in GBP thousands.
    pub baseline: Vec<FinancialYear>,
    /// Used to generate later years from the base year when they are not entered.
    pub projection: ProjectionAssumptions,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum OrgKind {
    AcuteTrust,
    FoundationTrust,
    Community,
    MentalHealth,
    SocialCare,
    Commissioner,
}

impl OrgKind {
    pub const ALL: [OrgKind; 6] = [
        OrgKind::AcuteTrust,
        OrgKind::FoundationTrust,
        OrgKind::Community,
        OrgKind::MentalHealth,
        OrgKind::SocialCare,
        OrgKind::Commissioner,
    ];

    pub fn label(self) -> &'static str {
        match self {
            OrgKind::AcuteTrust => "Acute trust",
            OrgKind::FoundationTrust => "Foundation trust",
            OrgKind::Community => "Community services",
            OrgKind::MentalHealth => "Mental health",
            OrgKind::SocialCare => "Local authority social care",
            OrgKind::Commissioner => "Commissioner",
        }
    }
}

/// CQC overall rating, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum CqcRating {
    Outstanding,
    Good,
    RequiresImprovement,
    Inadequate,
}

impl CqcRating {
    pub fn label(self) -> &'static str {
        match self {
            CqcRating::Outstanding => "Outstanding",
            CqcRating::Good => "Good",
            CqcRating::RequiresImprovement => "Requires improvement",
            CqcRating::Inadequate => "Inadequate",
        }
    }
}
