//! Appraise core: the appraisal model, its file, and the engines that score, cost and test options.
//!
//! Data flows one way: appraisal file -> [`model`] -> engines -> results -> charts and report.
//! Nothing here knows about Tauri or the user interface.

pub mod assessed;
pub mod changes;
pub mod charts;
pub mod checklist;
pub mod demo;
pub mod derived;
pub mod evaluation;
pub mod finance;
#[cfg(test)]
mod generated_types;
pub mod glossary;
pub mod limits;
pub mod metrics;
pub mod model;
pub mod public_data;
pub mod quote;
pub mod report;
pub mod score;
pub mod sensitivity;
pub mod session;
pub mod sheets;
pub mod store;
pub mod summary;
pub mod textform;
pub mod travel;
pub mod validate;
pub mod version;

pub use model::Appraisal;
