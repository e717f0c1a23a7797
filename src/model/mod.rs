//! The appraisal's domain model: plain serde types that every engine reads and the store persists.
//!
//! Entities refer to each other by `code` (ODS codes for organisations, site, zone, service,
//! option, criterion and scorer codes) so the JSON text form stays readable and diffable.

mod appraisal;
mod audit;
mod coded;
mod criteria;
mod finance;
mod finance_rules;
mod option;
mod organisation;
mod panel;
mod place;
mod reliability;
mod road_basis;
mod road_layer;
mod sensitivity;
mod service;
mod transit_basis;
mod travel_matrix;
mod value_rules;
mod year_label;

pub use appraisal::{
    Aggregation, Appraisal, DiscountBand, DiscountSchedule, Meta, PanelScale, PeakFactors,
    RoadSettings, ScaleDescriptor, Settings, Status, TransitSettings,
};
pub use audit::{AuditEntry, ExportRecord};
pub use coded::Coded;
pub use criteria::{
    Category, Criterion, CriterionKind, Direction, Hurdle, LeafSpec, Point, Source, ValueFunction,
    WEIGHT_TOLERANCE, WeightSet, WeightSetEntry, Weighting, WeightingMethod,
};
pub use finance::{FinancialYear, ProjectionAssumptions};
pub use finance_rules::{
    Better, CosrrRules, Cut, FinanceRules, MetricBands, OverrideRule, Rounding, SofRules,
};
pub use option::{
    AppraisalOption, CapitalInvestment, IncomeTransfer, OneOffCost, OptimismBiasCategory,
    OptionFinance, OptionKind, SiteService, SiteTransfer, Synergy, YearAmount,
};
pub use organisation::{CqcRating, OrgKind, Organisation};
pub use panel::{Performance, RawValue, Score, Scorer};
pub use place::{FileColumn, Site, TravelEstimator, Zone, ZoneSources};
pub use reliability::{Reliability, ReliabilityShapeError, bits_from_bytes, bits_to_bytes};
pub use road_basis::RoadBasis;
pub use road_layer::{MainRoad, RoadLayer, RoadLine, degrees, microdegrees};
pub use sensitivity::{
    DrawStream, GroupWeights, ScoreModel, SensitivitySettings, WeightBound, WeightDraw, WeightModel,
};
pub use service::{Service, Threshold, TravelMode};
pub use transit_basis::{Transit, TransitBasis, TransitFeed, TransitShapeError};
pub use travel_matrix::{MatrixChange, MatrixShapeError, TravelMatrix, WithoutTimes};
pub use value_rules::{AgainstDirection, VALUE_RANGE, ValueFunctionFault};
pub use year_label::financial_year_label;
