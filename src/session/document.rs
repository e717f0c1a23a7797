//! The appraisal open in the window: the model, the file it came from, whether it has unsaved
//! changes, and its undo history.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;

use super::autosave::{self, AutosaveError};
use super::edit::Edit;
use super::history::History;
use super::input::EditError;
use super::public_sites::{self, PendingSites, PublicSitesError, SitePreview};
use super::public_zones::{self, PendingZones, PublicZonesError, ZonePreview};
use super::score_merge::{self, PendingMerge, ScoreMergeError};
use super::spreadsheet::{self, ImportPreview, Pending, SpreadsheetError};
use crate::evaluation::{Evaluation, RunCounts, Runs};
use crate::model::{Appraisal, TravelMatrix};
use crate::store::{self, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Edit(#[from] EditError),
    #[error(transparent)]
    Autosave(#[from] AutosaveError),
    #[error("the appraisal has not been saved to a file yet: use Save as")]
    Untitled,
    #[error(transparent)]
    Spreadsheet(#[from] SpreadsheetError),
    #[error(transparent)]
    PublicZones(#[from] PublicZonesError),
    #[error(transparent)]
    PublicSites(#[from] PublicSitesError),
    #[error(transparent)]
    ScoreMerge(#[from] ScoreMergeError),
}

/// What the title bar and the Undo/Redo buttons need to know.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct DocumentState {
    pub path: Option<String>,
    /// The file's name, or none for an appraisal never saved.
    pub file_name: Option<String>,
    pub title: String,
    pub dirty: bool,
    pub undo: Option<String>,
    pub redo: Option<String>,
    /// Counts every change to the model, so the window can tell stale results apart.
    pub revision: u64,
    /// What the user should be told about the file as it opened (an interrupted save undone,
    /// objects another program added), until it is next saved.
    pub notices: Vec<String>,
}

/// The next document's id.
static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

/// One open appraisal.
#[derive(Debug)]
pub struct Document {
    appraisal: Appraisal,
    path: Option<PathBuf>,
    dirty: bool,
    history: History,
    revision: u64,
    /// The revision last written to the autosave.
    autosaved: Option<u64>,
    /// Whether the travel matrix is still the file's, for the autosave.
    matrix: MatrixWatch,
    /// The spreadsheet import previewed last, if it could be imported.
    pending: Option<Pending>,
    /// The zones built from the official files and previewed last, if they can be applied.
    pending_zones: Option<PendingZones>,
    /// The sites read from the official files and previewed last, if they can be applied.
    pending_sites: Option<PendingSites>,
    /// The scorers' workbooks read last, waiting for their conflicts to be settled.
    pending_merge: Option<PendingMerge>,
    /// The scores as the last merge of workbooks left them and what it did: while they stand,
    /// the next save records their changes as that one act.
    merge_note: Option<(Vec<crate::model::Score>, String)>,
    notices: Vec<String>,
    /// Where the travel matrix with this fingerprint came from (road times computed from an
    /// extract), for the audit entry of the save that writes it.
    matrix_source: Option<(u64, String)>,
    /// The engines' results for the model as it stands, made on the first request after a
    /// change and read by everything until the next one.
    /// Tells this document from every other opened in this process.
    id: u64,
    evaluation: Option<(u64, Arc<Evaluation>)>,
    /// The evaluation before that, so the window can be sent only the results that changed.
    earlier: Option<(u64, Arc<Evaluation>)>,
    runs: Arc<Runs>,
}

impl Document {
    /// An appraisal not yet saved to a file (a new one, or the built-in demo).
    pub fn untitled(appraisal: Appraisal) -> Document {
        Document {
            appraisal,
            path: None,
            dirty: false,
            history: History::default(),
            revision: 0,
            autosaved: None,
            matrix: MatrixWatch::default(),
            pending: None,
            pending_zones: None,
            pending_sites: None,
            pending_merge: None,
            merge_note: None,
            notices: Vec::new(),
            matrix_source: None,
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            evaluation: None,
            earlier: None,
            runs: Arc::default(),
        }
    }

    /// Opens an appraisal file; the file is not changed, except that a save a crash interrupted
    /// is rolled back. What the user should be told about the file is in the state's notices.
    pub fn open(path: &Path) -> Result<Document, DocumentError> {
        let opened = store::open_reporting(path)?;
        let mut doc = Document::untitled(opened.appraisal);
        doc.path = Some(path.to_owned());
        doc.notices = opened.notices.iter().map(ToString::to_string).collect();
        Ok(doc)
    }

    /// Takes in the export record and audit entry that exporting the pack wrote to the file,
    /// so the next save sees the file as this document last knew it.
    pub fn exported(
        &mut self,
        record: crate::model::ExportRecord,
        entry: crate::model::AuditEntry,
    ) {
        self.appraisal.exports.push(record);
        self.appraisal.audit.push(entry);
    }

    /// Opens `path` with the unsaved work in its autosave (or, with no path, the untitled
    /// autosave at `sidecar`); the result has unsaved changes.
    pub fn recover(path: Option<&Path>, sidecar: &Path) -> Result<Document, DocumentError> {
        let mut recovered = autosave::read(sidecar)?;
        if let Some(p) = path {
            let file = store::open(p)?;
            recovered.travel_matrix = file.travel_matrix;
            recovered.audit = file.audit;
            recovered.exports = file.exports;
        }
        let mut watch = MatrixWatch::default();
        if let Some(m) = autosave::read_matrix(sidecar)? {
            // The file does not hold this matrix, and the sidecar already does.
            watch.before_change(&recovered.travel_matrix);
            watch.autosaved = Some(m.fingerprint());
            recovered.travel_matrix = m;
        }
        let mut doc = Document::untitled(recovered);
        doc.path = path.map(Path::to_owned);
        doc.matrix = watch;
        doc.dirty = true;
        doc.revision = 1;
        Ok(doc)
    }

    pub fn appraisal(&self) -> &Appraisal {
        &self.appraisal
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    pub fn state(&self) -> DocumentState {
        DocumentState {
            path: self.path.as_ref().map(|p| p.display().to_string()),
            file_name: self
                .path
                .as_ref()
                .and_then(|p| p.file_name())
                .map(|n| n.to_string_lossy().into_owned()),
            title: self.appraisal.meta.title.clone(),
            dirty: self.dirty,
            undo: self.history.undo_label().map(str::to_owned),
            redo: self.history.redo_label().map(str::to_owned),
            revision: self.revision,
            notices: self.notices.clone(),
        }
    }

    /// The engines' results for the model as it stands: run once after each change, then
    /// shared by the results screen, the other screens, the results workbook and the pack.
    pub fn evaluation(&mut self) -> Arc<Evaluation> {
        match &self.evaluation {
            Some((revision, e)) if *revision == self.revision => Arc::clone(e),
            _ => {
                let e = Arc::new(Evaluation::counted(&self.appraisal, Arc::clone(&self.runs)));
                self.earlier = self.evaluation.replace((self.revision, Arc::clone(&e)));
                e
            }
        }
    }

    /// The evaluation made at `revision`, if it is the current one or the one before.
    pub fn evaluation_at(&self, revision: u64) -> Option<Arc<Evaluation>> {
        [&self.evaluation, &self.earlier]
            .into_iter()
            .flatten()
            .find(|(r, _)| *r == revision)
            .map(|(_, e)| Arc::clone(e))
    }

    /// This document at its current revision.
    pub fn at(&self) -> super::view::ViewAt {
        super::view::ViewAt {
            document: self.id,
            revision: self.revision,
        }
    }

    /// How often each engine has run for this document.
    pub fn runs(&self) -> RunCounts {
        self.runs.counts()
    }

    fn changed(&mut self) {
        self.dirty = true;
        self.revision += 1;
    }

    /// Applies `edit`, or refuses it with nothing changed. An edit that leaves the model as it
    /// was (the same score typed again) is no change: no undo step, no unsaved marker.
    pub fn apply(&mut self, edit: &Edit) -> Result<(), DocumentError> {
        let label = edit.label(&self.appraisal);
        match edit.zone() {
            Some(code) => self.history.record_zone(&mut self.appraisal, &label, code),
            None => self.history.record(&mut self.appraisal, &label),
        }
        if let Err(e) = edit.apply(&mut self.appraisal) {
            // Most edits check before they change anything; a weighting edit can be refused
            // part way, so put the model back as recorded either way.
            self.history.rollback(&mut self.appraisal);
            return Err(e.into());
        }
        if self.history.unchanged_since_record(&mut self.appraisal) {
            self.history.discard_last();
            return Ok(());
        }
        self.changed();
        Ok(())
    }

    /// Puts an imported travel matrix in place (read by [`super::read_travel_matrix`] over this
    /// document's zones and sites) as one undoable step, which keeps the matrix it replaced.
    pub fn replace_travel_matrix(&mut self, matrix: crate::model::TravelMatrix) {
        self.matrix.before_change(&self.appraisal.travel_matrix);
        let old = std::mem::replace(&mut self.appraisal.travel_matrix, matrix);
        self.history
            .record_matrix_replaced(&mut self.appraisal, "import travel matrix", old);
        self.changed();
    }

    /// Puts times computed from an extract or timetables in place: `matrix` replaces the travel
    /// matrix as one undoable step labelled `label`, and `source` (the extract or feeds, their
    /// SHA-256, the settings) is the audit entry's source when that matrix is saved. The same times as the
    /// matrix holds are no change (no undo step, no unsaved marker): false.
    pub fn replace_computed_times(
        &mut self,
        matrix: TravelMatrix,
        label: &str,
        source: String,
    ) -> bool {
        if matrix == self.appraisal.travel_matrix {
            return false;
        }
        self.matrix.before_change(&self.appraisal.travel_matrix);
        self.matrix_source = Some((matrix.fingerprint(), source));
        let old = std::mem::replace(&mut self.appraisal.travel_matrix, matrix);
        self.history
            .record_matrix_replaced(&mut self.appraisal, label, old);
        self.changed();
        true
    }

    /// The source of the matrix as it stands, if it is the one times were computed into
    /// (not undone since).
    fn matrix_source(&self) -> Option<&str> {
        self.matrix_source
            .as_ref()
            .filter(|(fingerprint, _)| *fingerprint == self.appraisal.travel_matrix.fingerprint())
            .map(|(_, source)| source.as_str())
    }

    /// Checks the workbook (or the CSV file of `kind`) at `path` against the appraisal and
    /// keeps the result for [`Document::import_previewed`]; nothing changes.
    pub fn preview_spreadsheet(
        &mut self,
        path: &Path,
        kind: Option<&str>,
    ) -> Result<ImportPreview, DocumentError> {
        self.pending = None;
        let (preview, next) = spreadsheet::preview(&self.appraisal, path, kind)?;
        self.pending = next.map(|appraisal| Pending {
            revision: self.revision,
            appraisal,
            label: format!("import {}", preview.source),
        });
        Ok(preview)
    }

    /// Commits the import previewed last as one undoable edit (undo restores the zones and
    /// travel matrix it may replace too). Refused if the appraisal changed since the preview.
    pub fn import_previewed(&mut self) -> Result<(), DocumentError> {
        let pending = self.pending.take().ok_or(SpreadsheetError::NoPreview)?;
        if pending.revision != self.revision {
            return Err(SpreadsheetError::Stale.into());
        }
        let mut next = pending.appraisal;
        if next == self.appraisal {
            return Ok(());
        }
        self.history
            .record_with_places(&mut self.appraisal, &pending.label);
        // The audit trail and export records are the file's, not the import's.
        next.audit = std::mem::take(&mut self.appraisal.audit);
        next.exports = std::mem::take(&mut self.appraisal.exports);
        self.matrix.before_change(&self.appraisal.travel_matrix);
        self.appraisal = next;
        self.changed();
        Ok(())
    }

    /// Reads the scorers' workbooks at `paths` and keeps the merge they make for
    /// [`Document::apply_score_merge`]; nothing changes.
    pub fn preview_score_merge(
        &mut self,
        paths: &[PathBuf],
    ) -> Result<crate::sheets::score_merge::MergePreview, DocumentError> {
        self.pending_merge = None;
        let plan = score_merge::preview(&self.appraisal, paths)?;
        self.pending_merge = Some(PendingMerge {
            revision: self.revision,
            plan: plan.clone(),
        });
        Ok(plan)
    }

    /// Applies the merge previewed last, each conflict settled by its choice, as one undoable
    /// edit. Refused, with nothing changed, while a conflict has no choice or if the appraisal
    /// changed since the preview.
    pub fn apply_score_merge(
        &mut self,
        choices: &[Option<crate::sheets::score_merge::Take>],
    ) -> Result<(), DocumentError> {
        let merged = score_merge::settle(
            &self.appraisal,
            self.revision,
            self.pending_merge.as_ref(),
            choices,
        )?;
        let books = self.pending_merge.take().map_or(0, |p| p.plan.files.len());
        if merged.appraisal.scores == self.appraisal.scores {
            return Ok(());
        }
        let label = format!(
            "merge scores from {books} workbook{}",
            if books == 1 { "" } else { "s" }
        );
        self.history.record(&mut self.appraisal, &label);
        // A merge straight after another unsaved one is saved as both.
        let summary = match self.merge_note.take() {
            Some((scores, earlier)) if scores == self.appraisal.scores => {
                format!("{earlier}; {}", merged.summary)
            }
            _ => merged.summary,
        };
        self.appraisal.scores = merged.appraisal.scores;
        self.merge_note = Some((self.appraisal.scores.clone(), summary));
        self.changed();
        Ok(())
    }

    /// Checks what the zones built from the official files would change and keeps them for
    /// [`Document::import_previewed_zones`]; nothing changes. `built` is read by
    /// [`public_zones::read`], which needs no document.
    pub fn preview_built_zones(
        &mut self,
        area: &crate::public_data::zones::Area,
        built: &crate::public_data::zones::Built,
    ) -> Result<ZonePreview, DocumentError> {
        self.pending_zones = None;
        let (preview, zones) = public_zones::preview(&mut self.appraisal, area, built)?;
        self.pending_zones = Some(PendingZones {
            revision: self.revision,
            zones,
        });
        Ok(preview)
    }

    /// Reads the official files and previews the zones of `area` (see
    /// [`Document::preview_built_zones`]).
    pub fn preview_public_zones(
        &mut self,
        files: &public_zones::PublicZoneFiles,
        area: &str,
        progress: &public_zones::BuildProgress,
    ) -> Result<ZonePreview, DocumentError> {
        self.pending_zones = None;
        let sites = public_zones::site_points(&self.appraisal);
        let (area, built) = public_zones::read(files, area, &sites, progress)?;
        self.preview_built_zones(&area, &built)
    }

    /// Puts the zones previewed last in place as one undoable edit (undo restores the zones
    /// as they were). Refused if the appraisal changed since the preview.
    pub fn import_previewed_zones(&mut self) -> Result<(), DocumentError> {
        let pending = self
            .pending_zones
            .take()
            .ok_or(PublicZonesError::NoPreview)?;
        if pending.revision != self.revision {
            return Err(PublicZonesError::Stale.into());
        }
        if pending.zones == self.appraisal.zones {
            return Ok(());
        }
        self.history
            .record_with_zones(&mut self.appraisal, "build zones from public data");
        self.appraisal.zones = pending.zones;
        self.changed();
        Ok(())
    }

    /// Checks what the sites read from the official files would change and keeps them for
    /// [`Document::import_previewed_sites`]; nothing changes.
    pub fn preview_built_sites(
        &mut self,
        built: &crate::public_data::sites::Built,
    ) -> Result<SitePreview, DocumentError> {
        self.pending_sites = None;
        let (preview, sites) =
            public_sites::preview(&mut self.appraisal, built).map_err(PublicSitesError::from)?;
        self.pending_sites = Some(PendingSites {
            revision: self.revision,
            sites,
        });
        Ok(preview)
    }

    /// Puts the sites previewed last in place as one undoable edit. Refused if the appraisal
    /// changed since the preview.
    pub fn import_previewed_sites(&mut self) -> Result<(), DocumentError> {
        let pending = self
            .pending_sites
            .take()
            .ok_or(PublicSitesError::NoPreview)?;
        if pending.revision != self.revision {
            return Err(PublicSitesError::Stale.into());
        }
        if pending.sites == self.appraisal.sites {
            return Ok(());
        }
        self.history
            .record(&mut self.appraisal, "add sites from public data");
        self.appraisal.sites = pending.sites;
        self.changed();
        Ok(())
    }

    /// Undoes the last edit; false when there is none.
    pub fn undo(&mut self) -> bool {
        if self.history.undo_replaces_places() {
            self.matrix.before_change(&self.appraisal.travel_matrix);
        }
        let done = self.history.undo(&mut self.appraisal).is_some();
        if done {
            self.changed();
        }
        done
    }

    /// Redoes the last undone edit; false when there is none.
    pub fn redo(&mut self) -> bool {
        if self.history.redo_replaces_places() {
            self.matrix.before_change(&self.appraisal.travel_matrix);
        }
        let done = self.history.redo(&mut self.appraisal).is_some();
        if done {
            self.changed();
        }
        done
    }

    /// Saves to the document's file in one transaction, recording the changes in its audit
    /// trail, and removes the autosave. Returns the number of changes recorded.
    pub fn save(&mut self) -> Result<usize, DocumentError> {
        let path = self.path.clone().ok_or(DocumentError::Untitled)?;
        let source = self.matrix_source().map(str::to_owned);
        let merge = self
            .merge_note
            .as_ref()
            .filter(|(scores, _)| *scores == self.appraisal.scores)
            .map(|(_, summary)| ("scores", summary.as_str()));
        let count = store::save_grouping(&path, &mut self.appraisal, source.as_deref(), merge)?;
        self.merge_note = None;
        self.saved(&path)?;
        Ok(count)
    }

    /// Writes the appraisal to a new file at `path` (replacing one there once complete) and
    /// makes that the document's file. The untitled autosave in `untitled_dir` is removed.
    pub fn save_as(&mut self, path: &Path, untitled_dir: &Path) -> Result<(), DocumentError> {
        store::create_replacing(path, &self.appraisal)?;
        let previous = autosave::autosave_path(self.path.as_deref(), untitled_dir);
        self.path = Some(path.to_owned());
        self.saved(path)?;
        autosave::remove(&previous)?;
        Ok(())
    }

    fn saved(&mut self, path: &Path) -> Result<(), DocumentError> {
        self.dirty = false;
        self.notices.clear();
        autosave::remove(&autosave::autosave_path(Some(path), Path::new("")))?;
        self.autosaved = None;
        self.matrix = MatrixWatch::default();
        Ok(())
    }

    /// Writes the autosave if there are unsaved changes not yet autosaved; returns where.
    pub fn autosave(&mut self, untitled_dir: &Path) -> Result<Option<PathBuf>, DocumentError> {
        if !self.dirty || self.autosaved == Some(self.revision) {
            return Ok(None);
        }
        let sidecar = autosave::autosave_path(self.path.as_deref(), untitled_dir);
        autosave::write(&mut self.appraisal, &sidecar)?;
        self.autosaved = Some(self.revision);
        match self.matrix.autosave(&self.appraisal.travel_matrix) {
            MatrixSidecar::Keep => {}
            MatrixSidecar::Write(fingerprint) => {
                autosave::write_matrix(&self.appraisal, &sidecar)?;
                self.matrix.autosaved = Some(fingerprint);
            }
            MatrixSidecar::Remove => {
                autosave::remove_matrix(&sidecar)?;
                self.matrix.autosaved = None;
            }
        }
        Ok(Some(sidecar))
    }

    /// The autosave this document could take back unsaved work from, if one is waiting: its
    /// file's, when newer than the file; for an untitled document, the untitled autosave a
    /// session that did not close left behind. None once this document has been edited: its
    /// autosave is then its own.
    pub fn recovery(&self, untitled_dir: &Path) -> Option<PathBuf> {
        if self.revision != 0 {
            return None;
        }
        let sidecar = autosave::autosave_path(self.path.as_deref(), untitled_dir);
        autosave::is_newer(&sidecar, self.path.as_deref()).then_some(sidecar)
    }

    /// Removes this document's autosave (its changes were discarded).
    pub fn discard_autosave(&self, untitled_dir: &Path) -> Result<(), DocumentError> {
        autosave::remove(&autosave::autosave_path(self.path.as_deref(), untitled_dir))?;
        Ok(())
    }
}

/// Tells whether the travel matrix is still the one in the file without a second copy of it:
/// the file's matrix is fingerprinted before its first change, the current one when the
/// autosave asks after a change.
#[derive(Debug, Default)]
struct MatrixWatch {
    /// Changes (imports, and undoing or redoing them) since the file was opened or saved.
    changes: u64,
    /// The file's matrix, taken before it first changed.
    saved: Option<u64>,
    /// The current matrix's fingerprint and the change it was taken after.
    current: Option<(u64, u64)>,
    /// The matrix written beside the autosave, if one is.
    autosaved: Option<u64>,
}

/// What the autosave does with the matrix beside it.
enum MatrixSidecar {
    Keep,
    Write(u64),
    Remove,
}

impl MatrixWatch {
    /// Called before anything that may replace `m`, the matrix as it stands.
    fn before_change(&mut self, m: &TravelMatrix) {
        if self.changes == 0 && self.saved.is_none() {
            self.saved = Some(m.fingerprint());
        }
        self.changes += 1;
    }

    /// The current matrix's fingerprint, taken once per change.
    fn current(&mut self, m: &TravelMatrix) -> u64 {
        match self.current {
            Some((at, fingerprint)) if at == self.changes => fingerprint,
            _ => {
                let fingerprint = m.fingerprint();
                self.current = Some((self.changes, fingerprint));
                fingerprint
            }
        }
    }

    /// Whether the autosave must write `m` beside it (it differs from the file's and from what
    /// is there), remove what is there (`m` is the file's again), or leave it.
    fn autosave(&mut self, m: &TravelMatrix) -> MatrixSidecar {
        let unsaved = (self.changes > 0)
            .then(|| self.current(m))
            .filter(|fingerprint| Some(*fingerprint) != self.saved);
        match (unsaved, self.autosaved) {
            (None, None) => MatrixSidecar::Keep,
            (None, Some(_)) => MatrixSidecar::Remove,
            (Some(now), Some(written)) if now == written => MatrixSidecar::Keep,
            (Some(now), _) => MatrixSidecar::Write(now),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn weight_edit(a: &Appraisal, value: &str) -> Edit {
        Edit::SetWeight {
            criterion: a.criteria[1].code.clone(),
            value: value.into(),
        }
    }

    fn demo_file(dir: &Path) -> PathBuf {
        let path = dir.join("demo.appraisal");
        store::create(&path, &crate::demo::appraisal()).unwrap();
        path
    }

    #[test]
    fn the_window_is_told_what_opening_found_until_the_file_is_saved() {
        let dir = tempfile::tempdir().unwrap();
        let path = demo_file(dir.path());
        rusqlite::Connection::open(&path)
            .unwrap()
            .execute_batch("CREATE VIEW peek AS SELECT code FROM zones;")
            .unwrap();
        let mut doc = Document::open(&path).unwrap();
        let notices = doc.state().notices;
        assert_eq!(notices.len(), 1);
        assert!(notices[0].contains("view 'peek'"), "{notices:?}");
        doc.apply(&weight_edit(doc.appraisal(), "0.2")).unwrap();
        doc.save().unwrap();
        assert!(doc.state().notices.is_empty());
        assert!(Document::open(&path).unwrap().state().notices.is_empty());
    }

    #[test]
    fn a_save_after_exporting_is_not_taken_for_another_writer() {
        let dir = tempfile::tempdir().unwrap();
        let path = demo_file(dir.path());
        let mut doc = Document::open(&path).unwrap();
        let record = crate::model::ExportRecord {
            at: "2026-12-04T10:00:00Z".to_owned(),
            fingerprint: "f".to_owned(),
            path: "p.pdf".to_owned(),
        };
        let entry =
            store::record_export(&path, &record, &store::Revision::of(doc.appraisal())).unwrap();
        doc.exported(record, entry);
        doc.apply(&weight_edit(doc.appraisal(), "0.2")).unwrap();
        assert_eq!(doc.save().unwrap(), 1);
        // Without taking in the export, the document would be a stale writer.
        let mut stale = Document::open(&path).unwrap();
        store::record_export(
            &path,
            &stale.appraisal().exports[0],
            &store::Revision::of(stale.appraisal()),
        )
        .unwrap();
        stale.apply(&weight_edit(stale.appraisal(), "0.3")).unwrap();
        let err = stale.save().unwrap_err();
        assert!(
            matches!(err, DocumentError::Store(StoreError::Changed { .. })),
            "{err}"
        );
    }

    #[test]
    fn edits_mark_the_document_unsaved_and_undo_redo_walk_them() {
        let mut doc = Document::untitled(crate::demo::appraisal());
        let old = doc.appraisal().criteria[1].weight;
        let edit = weight_edit(doc.appraisal(), "0.123");
        doc.apply(&edit).unwrap();
        let s = doc.state();
        assert!(s.dirty);
        assert_eq!(s.revision, 1);
        let name = doc.appraisal().criteria[1].name.clone();
        assert_eq!(s.undo, Some(format!("weight of {name}")));
        assert_eq!(doc.appraisal().criteria[1].weight, 0.123);

        assert!(doc.undo());
        assert_eq!(doc.appraisal().criteria[1].weight, old);
        assert_eq!(doc.state().redo, Some(format!("weight of {name}")));
        assert!(doc.redo());
        assert_eq!(doc.appraisal().criteria[1].weight, 0.123);
        assert!(!doc.redo());
    }

    #[test]
    fn a_refused_edit_changes_nothing_and_leaves_no_undo_step() {
        let mut doc = Document::untitled(crate::demo::appraisal());
        let before = doc.appraisal().clone();
        let edit = weight_edit(doc.appraisal(), "lots");
        let e = doc.apply(&edit).unwrap_err();
        assert!(matches!(e, DocumentError::Edit(ref e) if e.field.ends_with("/weight")));
        assert_eq!(doc.appraisal(), &before);
        let s = doc.state();
        assert!(!s.dirty);
        assert_eq!(s.undo, None);
    }

    #[test]
    fn an_edit_refused_part_way_leaves_the_model_as_it_was() {
        let mut doc = Document::untitled(crate::demo::appraisal());
        doc.apply(&Edit::SetWeighting {
            parent: Some("VIA".into()),
            method: super::super::Method::Swing,
        })
        .unwrap();
        let before = doc.appraisal().clone();
        for code in ["VIA-MARGIN", "VIA-NPV"] {
            doc.apply(&Edit::SetSwing {
                parent: Some("VIA".into()),
                criterion: code.into(),
                value: "0".into(),
            })
            .unwrap();
        }
        // The last non-zero swing set to 0 is written, found wanting and refused.
        let e = doc
            .apply(&Edit::SetSwing {
                parent: Some("VIA".into()),
                criterion: "VIA-LIQ".into(),
                value: "0".into(),
            })
            .unwrap_err();
        assert!(e.to_string().starts_with("At least one swing"), "{e}");
        assert_eq!(
            doc.state().undo.as_deref(),
            Some("swing of Net present value against do minimum")
        );
        doc.undo();
        doc.undo();
        assert_eq!(doc.appraisal(), &before);
    }

    #[test]
    fn a_previewed_import_is_one_undoable_edit() {
        let dir = tempfile::tempdir().unwrap();
        let csv = dir.path().join("zones.csv");
        std::fs::write(
            &csv,
            "code,name,latitude,longitude,population,imd_decile\nNEWZONE,Newtown,52.8,-2.1,1234,3\n",
        )
        .unwrap();
        let mut doc = Document::untitled(crate::demo::appraisal());
        let zones = doc.appraisal().zones.len();
        let preview = doc.preview_spreadsheet(&csv, Some("zones")).unwrap();
        assert!(preview.can_import());
        assert_eq!(
            doc.appraisal().zones.len(),
            zones,
            "a preview changes nothing"
        );
        assert!(!doc.is_dirty());

        doc.import_previewed().unwrap();
        assert_eq!(doc.appraisal().zones.len(), zones + 1);
        let state = doc.state();
        assert!(state.dirty);
        assert_eq!(state.undo.as_deref(), Some("import zones.csv"));
        assert!(matches!(
            doc.import_previewed(),
            Err(DocumentError::Spreadsheet(SpreadsheetError::NoPreview))
        ));

        assert!(doc.undo());
        assert_eq!(doc.appraisal().zones.len(), zones);
        assert!(doc.appraisal().zones.iter().all(|z| z.code != "NEWZONE"));
        assert!(doc.redo());
        assert_eq!(doc.appraisal().zones.len(), zones + 1);
    }

    #[test]
    fn a_preview_with_problems_or_made_before_an_edit_cannot_be_imported() {
        let dir = tempfile::tempdir().unwrap();
        let csv = dir.path().join("zones.csv");
        std::fs::write(
            &csv,
            "code,name,latitude,longitude,population,imd_decile\nNEWZONE,Newtown,52.8,-2.1,1234,3\n",
        )
        .unwrap();
        let bad = dir.path().join("bad.csv");
        std::fs::write(
            &bad,
            "code,name,latitude,longitude,population,imd_decile\nNEWZONE,Newtown,52.8,-2.1,1234,11\n",
        )
        .unwrap();
        let mut doc = Document::untitled(crate::demo::appraisal());
        let before = doc.appraisal().clone();
        let p = doc.preview_spreadsheet(&bad, Some("zones")).unwrap();
        assert_eq!(p.problems.len(), 1);
        assert_eq!(p.problems[0].column, "imd_decile");
        assert!(doc.import_previewed().is_err());
        assert_eq!(*doc.appraisal(), before);

        doc.preview_spreadsheet(&csv, Some("zones")).unwrap();
        let edit = weight_edit(doc.appraisal(), "2");
        doc.apply(&edit).unwrap();
        assert!(matches!(
            doc.import_previewed(),
            Err(DocumentError::Spreadsheet(SpreadsheetError::Stale))
        ));
        assert_eq!(doc.appraisal().zones.len(), before.zones.len());
    }

    #[test]
    fn zones_from_public_data_are_previewed_then_applied_as_one_undoable_edit() {
        let dir = tempfile::tempdir().unwrap();
        let files = public_zones::tests::files(dir.path());
        let progress = public_zones::BuildProgress::default();
        let mut doc = Document::untitled(crate::demo::appraisal());
        let before = doc.appraisal().clone();
        let p = doc
            .preview_public_zones(&files, "E07000197", &progress)
            .unwrap();
        assert_eq!(
            (p.added, p.updated, p.removed, p.unchanged),
            (3, 0, before.zones.len(), 0)
        );
        assert_eq!(p.first_added, ["E01029001", "E01029002", "E01029003"]);
        assert_eq!(p.first_removed.len(), public_zones::FIRST);
        assert_eq!(p.first_removed[0], "Z-BURNTWOOD", "in code order");
        assert_eq!((p.zones_before, p.zones_after), (before.zones.len(), 3));
        assert_eq!(p.population_after, 1500.0 + 1620.0 + 1710.0);
        assert!(p.households);
        assert_eq!(p.area, "in local authorities E07000197");
        assert!(
            p.sources[1].starts_with("Population: census2021-ts001-lsoa.csv, column "),
            "{:?}",
            p.sources
        );
        assert_eq!(doc.appraisal(), &before, "a preview changes nothing");
        assert!(!doc.is_dirty());

        doc.import_previewed_zones().unwrap();
        let zones = &doc.appraisal().zones;
        assert_eq!(zones.len(), 3);
        assert_eq!(zones[1].households_without_car, Some(210.0));
        assert_eq!(
            doc.state().undo.as_deref(),
            Some("build zones from public data")
        );
        assert_eq!(doc.history.depth(), 1, "one step");
        assert!(matches!(
            doc.import_previewed_zones(),
            Err(DocumentError::PublicZones(PublicZonesError::NoPreview))
        ));

        assert!(doc.undo());
        assert_eq!(doc.appraisal(), &before);
        assert!(doc.redo());
        assert_eq!(doc.appraisal().zones.len(), 3);

        // The same files again: every zone unchanged, and applying it is no step.
        let p = doc
            .preview_public_zones(&files, "E07000197", &progress)
            .unwrap();
        assert_eq!((p.added, p.updated, p.removed, p.unchanged), (0, 0, 0, 3));
        doc.import_previewed_zones().unwrap();
        assert_eq!(doc.history.depth(), 1);
    }

    #[test]
    fn zones_previewed_before_another_edit_are_refused_and_a_distance_is_measured_from_the_sites() {
        let dir = tempfile::tempdir().unwrap();
        let files = public_zones::tests::files(dir.path());
        let progress = public_zones::BuildProgress::default();
        let mut doc = Document::untitled(crate::demo::appraisal());
        // Stafford's sites are a few km from the Stafford zones, London is far from them all.
        let p = doc
            .preview_public_zones(&files, "30 km", &progress)
            .unwrap();
        assert_eq!(p.added, 3);
        assert_eq!(p.area, "within 30 km of the sites");
        doc.apply(&weight_edit(doc.appraisal(), "0.2")).unwrap();
        assert!(matches!(
            doc.import_previewed_zones(),
            Err(DocumentError::PublicZones(PublicZonesError::Stale))
        ));
        assert_eq!(doc.appraisal().zones, crate::demo::appraisal().zones);

        // A file that cannot be read: the error names it, and nothing is kept to apply.
        let mut bad = files.clone();
        bad.deprivation = dir.path().join("missing.csv");
        let e = doc
            .preview_public_zones(&bad, "E07000197", &progress)
            .unwrap_err();
        assert!(e.to_string().contains("missing.csv"), "{e}");
        assert!(matches!(
            doc.import_previewed_zones(),
            Err(DocumentError::PublicZones(PublicZonesError::NoPreview))
        ));
    }

    #[test]
    fn sites_from_public_data_are_previewed_then_applied_as_one_undoable_edit() {
        let dir = tempfile::tempdir().unwrap();
        let files = public_sites::tests::files(dir.path());
        let progress = public_zones::BuildProgress::default();
        let mut doc = Document::untitled(crate::demo::appraisal());
        let before = doc.appraisal().clone();
        let built = public_sites::read(&files, "RJE01,RJE48", &progress).unwrap();
        let p = doc.preview_built_sites(&built).unwrap();
        let codes = |c: &[crate::public_data::sites::SiteChange]| {
            c.iter().map(|s| s.code.clone()).collect::<Vec<_>>()
        };
        assert_eq!(codes(&p.added), ["RJE01", "RJE48"]);
        assert_eq!(p.added[0].organisation, "RJE");
        assert!(p.updated.is_empty() && p.unchanged.is_empty());
        assert_eq!(p.sources, ["NSPL_AUG_2025_UK.csv, column lat, long"]);
        assert_eq!(doc.appraisal(), &before, "a preview changes nothing");

        doc.import_previewed_sites().unwrap();
        assert_eq!(doc.appraisal().sites.len(), before.sites.len() + 2);
        assert_eq!(
            doc.state().undo.as_deref(),
            Some("add sites from public data")
        );
        assert!(doc.undo());
        assert_eq!(doc.appraisal(), &before);

        // Previewed, then another edit: refused.
        doc.preview_built_sites(&built).unwrap();
        doc.apply(&weight_edit(doc.appraisal(), "0.2")).unwrap();
        assert!(matches!(
            doc.import_previewed_sites(),
            Err(DocumentError::PublicSites(PublicSitesError::Stale))
        ));
        assert_eq!(doc.appraisal().sites, before.sites);
    }

    #[test]
    fn a_zone_edit_is_undone_and_redone() {
        let mut d = Document::untitled(crate::demo::appraisal());
        let zone = d.appraisal().zones[1].clone();
        let edit = Edit::SetZonePopulation {
            zone: zone.code.clone(),
            value: "4321".into(),
        };
        d.apply(&edit).unwrap();
        assert_eq!(d.appraisal().zones[1].population, 4321.0);
        assert_eq!(d.state().undo, Some(format!("population of {}", zone.name)));
        d.apply(&edit).unwrap();
        assert_eq!(d.history.depth(), 1, "the same value again is no step");
        let e = d
            .apply(&Edit::SetZoneDecile {
                zone: zone.code.clone(),
                value: "12".into(),
            })
            .unwrap_err();
        assert!(
            e.to_string().contains("from 1 (most deprived) to 10"),
            "{e}"
        );
        assert_eq!(d.history.depth(), 1);
        assert!(d.undo());
        assert_eq!(d.appraisal().zones[1], zone);
        assert!(d.redo());
        assert_eq!(d.appraisal().zones[1].population, 4321.0);
    }

    #[test]
    fn an_imported_travel_matrix_is_one_undoable_step() {
        let mut d = Document::untitled(crate::demo::appraisal());
        let before = d.appraisal().travel_matrix.clone();
        let zone = d.appraisal().zones[0].code.clone();
        let site = d.appraisal().sites[0].code.clone();
        let imported = crate::model::TravelMatrix::empty(
            vec![zone],
            vec![site],
            vec![crate::model::TravelMode::Car],
        );
        d.replace_travel_matrix(imported.clone());
        assert!(d.is_dirty());
        assert_eq!(d.state().undo.as_deref(), Some("import travel matrix"));
        assert!(d.undo());
        assert_eq!(d.appraisal().travel_matrix, before);
        assert!(d.redo());
        assert_eq!(d.appraisal().travel_matrix, imported);
    }

    #[test]
    fn an_edit_that_changes_nothing_is_not_a_change() {
        let mut doc = Document::untitled(crate::demo::appraisal());
        let same = doc.appraisal().criteria[1].weight.to_string();
        doc.apply(&weight_edit(doc.appraisal(), &same)).unwrap();
        let s = doc.state();
        assert!(!s.dirty);
        assert_eq!((s.undo, s.revision), (None, 0));
    }

    #[test]
    fn save_writes_the_file_with_an_audit_entry_and_removes_the_autosave() {
        let dir = tempfile::tempdir().unwrap();
        let path = demo_file(dir.path());
        let mut doc = Document::open(&path).unwrap();
        assert_eq!(doc.state().file_name.as_deref(), Some("demo.appraisal"));
        doc.apply(&weight_edit(doc.appraisal(), "0.45")).unwrap();

        let sidecar = doc.autosave(dir.path()).unwrap().unwrap();
        assert_eq!(sidecar, dir.path().join("demo.appraisal-autosave"));
        assert_eq!(
            doc.autosave(dir.path()).unwrap(),
            None,
            "nothing new to autosave"
        );

        assert_eq!(doc.save().unwrap(), 1);
        assert!(!doc.is_dirty());
        assert!(!sidecar.exists());
        let stored = store::open(&path).unwrap();
        assert_eq!(stored.criteria[1].weight, 0.45);
        assert_eq!(stored.audit.len(), 1);
        assert!(
            stored.audit[0].what.contains("weight"),
            "{:?}",
            stored.audit[0]
        );
    }

    #[test]
    fn an_autosave_newer_than_its_file_recovers_the_unsaved_edit() {
        let dir = tempfile::tempdir().unwrap();
        let path = demo_file(dir.path());
        let mut doc = Document::open(&path).unwrap();
        doc.apply(&weight_edit(doc.appraisal(), "0.7")).unwrap();
        let sidecar = doc.autosave(dir.path()).unwrap().unwrap();
        drop(doc); // the crash
        assert!(autosave::is_newer(&sidecar, Some(&path)));
        let doc = Document::recover(Some(&path), &sidecar).unwrap();
        assert!(doc.is_dirty());
        assert_eq!(doc.appraisal().criteria[1].weight, 0.7);
        assert_eq!(
            store::open(&path).unwrap().criteria[1].weight,
            crate::demo::appraisal().criteria[1].weight
        );
    }

    #[test]
    fn an_imported_matrix_survives_a_crash_and_undoing_it_drops_its_autosave() {
        let dir = tempfile::tempdir().unwrap();
        let path = demo_file(dir.path());
        let mut doc = Document::open(&path).unwrap();
        let file_matrix = doc.appraisal().travel_matrix.clone();
        let zones: Vec<String> = doc
            .appraisal()
            .zones
            .iter()
            .map(|z| z.code.clone())
            .collect();
        let sites: Vec<String> = doc
            .appraisal()
            .sites
            .iter()
            .map(|s| s.code.clone())
            .collect();
        let mut imported =
            crate::model::TravelMatrix::empty(zones, sites, vec![crate::model::TravelMode::Car]);
        imported.column_mut(0, 0)[0] = 12.5;
        doc.replace_travel_matrix(imported.clone());
        let sidecar = doc.autosave(dir.path()).unwrap().unwrap();
        let beside = autosave::matrix_path(&sidecar);
        assert!(beside.exists());
        let written = std::fs::metadata(&beside).unwrap().modified().unwrap();
        // A later edit rewrites the autosave but not the unchanged matrix.
        doc.apply(&weight_edit(doc.appraisal(), "0.7")).unwrap();
        doc.autosave(dir.path()).unwrap().unwrap();
        assert_eq!(
            std::fs::metadata(&beside).unwrap().modified().unwrap(),
            written
        );
        drop(doc); // the crash

        let mut doc = Document::recover(Some(&path), &sidecar).unwrap();
        assert_eq!(doc.appraisal().travel_matrix, imported);
        assert_eq!(doc.appraisal().criteria[1].weight, 0.7);
        assert_eq!(store::open(&path).unwrap().travel_matrix, file_matrix);

        // Undoing the import in a fresh session: the file's matrix is back, so is the weight;
        // the matrix the autosave kept is no longer needed.
        let mut fresh = Document::open(&path).unwrap();
        fresh.replace_travel_matrix(imported.clone());
        fresh.autosave(dir.path()).unwrap();
        assert!(beside.exists());
        assert!(fresh.undo());
        assert_eq!(fresh.appraisal().travel_matrix, file_matrix);
        assert!(fresh.redo());
        assert!(fresh.undo());
        fresh.apply(&weight_edit(fresh.appraisal(), "0.6")).unwrap();
        fresh.autosave(dir.path()).unwrap();
        assert!(!beside.exists());

        // Saving the recovered document puts the matrix in the file and removes both sidecars.
        drop(fresh);
        doc.save().unwrap();
        assert!(!sidecar.exists() && !beside.exists());
        assert_eq!(store::open(&path).unwrap().travel_matrix, imported);
    }

    #[test]
    fn an_untitled_autosave_is_offered_to_a_fresh_untitled_document_only() {
        let dir = tempfile::tempdir().unwrap();
        let mut d = Document::untitled(Appraisal::new("Unsaved work"));
        assert_eq!(d.recovery(dir.path()), None);
        d.apply(&Edit::SetTitle {
            value: "Unsaved work, edited".into(),
        })
        .unwrap();
        let sidecar = d.autosave(dir.path()).unwrap().unwrap();
        assert_eq!(
            d.recovery(dir.path()),
            None,
            "its own autosave is not offered"
        );

        // The next start, on the demo: the untitled work is offered and recovered.
        let fresh = Document::untitled(crate::demo::appraisal());
        assert_eq!(fresh.recovery(dir.path()), Some(sidecar.clone()));
        let back = Document::recover(None, &sidecar).unwrap();
        assert_eq!(back.appraisal().meta.title, "Unsaved work, edited");
        assert!(back.is_dirty() && back.path().is_none());
        fresh.discard_autosave(dir.path()).unwrap();
        assert_eq!(
            Document::untitled(crate::demo::appraisal()).recovery(dir.path()),
            None
        );
    }

    #[test]
    fn save_as_names_the_document_and_an_untitled_one_cannot_plain_save() {
        let dir = tempfile::tempdir().unwrap();
        let mut doc = Document::untitled(Appraisal::new("New"));
        doc.apply(&Edit::SetTitle {
            value: "Renamed".into(),
        })
        .unwrap();
        doc.autosave(dir.path()).unwrap();
        assert!(dir.path().join(autosave::UNTITLED).exists());
        assert!(matches!(doc.save(), Err(DocumentError::Untitled)));
        let path = dir.path().join("new.appraisal");
        doc.save_as(&path, dir.path()).unwrap();
        assert!(!dir.path().join(autosave::UNTITLED).exists());
        assert_eq!(doc.state().path.as_deref(), path.to_str());
        assert!(!doc.is_dirty());
        assert_eq!(store::open(&path).unwrap().meta.title, "Renamed");
    }
}
