//! The open appraisal as the desktop app edits it: the document (model, file, unsaved state),
//! typed and validated edits, undo and redo, autosave and recovery, recent files, and the
//! results the window shows after every edit.
//!
//! This lives in the core, not the shell, so all of it is tested without a desktop and the
//! Tauri commands stay one-liners.
//!
//! Edits are layered so their imports run one way (the integration test `module_cycles`
//! holds them to it): `input` reads typed text and builds [`EditError`], importing no other
//! module here; each area (`sites`, `criteria`, `panel`, `scores`, ...) checks and makes its own
//! edits with it; `edit` is the [`Edit`] enum, naming the areas' types; `entry` holds every
//! edit's text to the limits; `dispatch` is `Edit::apply`, the one module that calls them all.

mod app;
mod assessment;
mod autosave;
mod charts;
mod configuration;
mod criteria;
mod dispatch;
mod document;
mod edit;
mod entry;
mod history;
mod import;
mod input;
mod meta;
mod option_finance;
mod organisations;
mod pack;
mod panel;
mod public_sites;
mod public_zones;
mod rating_rules;
mod recent;
mod results;
mod road_settings;
mod road_times;
mod robustness;
mod score_merge;
mod scores;
mod services;
mod site_progress;
mod sites;
mod spread;
mod spreadsheet;
mod transit_settings;
mod transit_times;
mod view;
mod weight_sets;
mod weighting;
mod zones;

pub use crate::changes::SinceLastPack;
pub use crate::evaluation::AnalysisError;
pub use crate::glossary::{TERMS as GLOSSARY, Term as GlossaryTerm};
pub use crate::score::workshop::WorkshopView;
pub use crate::sensitivity::{DrawsView, Robustness};
pub use crate::sheets::score_merge::{MergePreview, Take};
pub use crate::summary::Summary;
/// The app's version, for the shell's About screen and `--version`.
pub use crate::version::VERSION;
pub use app::{Dirs, Exported, MatrixImported, Session, SessionError, Source};
pub use autosave::{AutosaveError, autosave_path, is_newer};
pub use charts::ChartRequest;
pub use configuration::TransferShare;
pub use criteria::{End, FunctionKind, PointPart};
pub use document::{Document, DocumentError, DocumentState};
pub use edit::Edit;
pub use history::History;
pub use import::{
    ImportProgress, MatrixImportError, ProgressView, places_of, read as read_travel_matrix,
};
pub use input::EditError;
pub use meta::MetaText;
pub use option_finance::{FinanceField, FinanceList};
pub use organisations::Assumption;
pub use pack::PackError;
pub use panel::Bound;
pub use public_sites::{PublicSiteFiles, PublicSitesError, SitePreview};
pub use public_zones::{BuildProgress, BuildView, PublicZoneFiles, PublicZonesError, ZonePreview};
pub use rating_rules::{Framework, OverridePart, RatingMetric};
pub use recent::{RecentError, RecentFiles};
pub use results::{Chart, ResultPart, SAMPLES, SessionResults};
pub use road_settings::RoadSetting;
pub use road_times::{RoadTimesDone, RoadTimesError};
pub use robustness::{BoundEnd, WeightInformation};
pub use score_merge::ScoreMergeError;
pub use site_progress::{SiteProgress, SiteProgressView};
pub use sites::Coordinate;
pub use spreadsheet::{ImportPreview, SheetRows, SpreadsheetError, export_results, write_template};
pub use transit_settings::TransitSetting;
pub use transit_times::{TransitRequest, TransitTimesDone, TransitTimesError};
pub use view::{Changed, ModelView, View, ViewAt};
pub use weighting::Method;
pub use zones::{PAGE_LIMIT as ZONE_PAGE_LIMIT, ZonePage, page as zone_page};
