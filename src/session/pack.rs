//! The board pack of the open document: made from the model in memory and the evaluation the
//! screens already show, not from the file read back and evaluated again.

use std::path::Path;

use super::document::{Document, DocumentError};
use crate::model::Status;
use crate::report::{self, ExportOutcome, ReportError};

/// Why the open document's pack was not exported.
#[derive(Debug, thiserror::Error)]
pub enum PackError {
    /// The pack records its export in the appraisal file, so the appraisal needs one.
    #[error("Save the appraisal to a file before exporting its board pack")]
    Untitled,
    #[error("the appraisal could not be saved first: {0}")]
    Save(#[source] Box<DocumentError>),
    #[error(transparent)]
    Report(#[from] ReportError),
}

impl Document {
    /// Exports the board pack to `out`, saving unsaved changes first: the pack's fingerprint
    /// then names a state of the file, which records the export. Once the appraisal is saved,
    /// the engines' results of the screens are reused: exporting after an edit runs no engine
    /// the screens have run.
    pub fn export_pack(&mut self, out: &Path, status: Status) -> Result<ExportOutcome, PackError> {
        let file = self.path().map(Path::to_owned).ok_or(PackError::Untitled)?;
        if self.is_dirty() {
            self.save().map_err(|e| PackError::Save(Box::new(e)))?;
        }
        let evaluation = self.evaluation();
        let outcome =
            report::export_evaluated(self.appraisal(), &evaluation, &file, out, Some(status))?;
        self.exported(outcome.record.clone(), outcome.entry.clone());
        Ok(outcome)
    }
}
