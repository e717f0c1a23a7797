//! The desktop app's one door into the core: the open document behind a lock, where the app
//! keeps its files, the recent files list, the last exported pack and the progress of the long
//! jobs. The shell's commands are one-line calls of [`Session`]; every decision (save before
//! exporting, which files are remembered, the demo when nothing else is open) is made here,
//! where it is tested without a desktop.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use serde::Serialize;

use super::charts::ChartRequest;
use super::document::{Document, DocumentError, DocumentState};
use super::edit::Edit;
use super::import::{ImportProgress, ProgressView, places_of, read as read_travel_matrix};
use super::pack::PackError;
use super::public_sites::{self, PublicSiteFiles, SitePreview};
use super::public_zones::{self, BuildProgress, BuildView, PublicZoneFiles, ZonePreview};
use super::recent::RecentFiles;
use super::results::{Chart, SessionResults};
use super::road_times::{self, RoadTimesDone, RoadTimesError};
use super::score_merge;
use super::site_progress::{SiteProgress, SiteProgressView};
use super::spreadsheet::{ImportPreview, export_results, write_template};
use super::transit_times::{self, TransitRequest, TransitTimesDone, TransitTimesError};
use super::view::{Changed, ModelView, View, ViewAt};
use super::zones::{ZonePage, page as zone_page};
use crate::evaluation::RunCounts;
use crate::model::{Appraisal, Status};
use crate::score::workshop::WorkshopView;
use crate::sensitivity::{DrawProgress, DrawsView, Robustness};
use crate::sheets::score_merge::{MergePreview, Take};
use crate::summary::Summary;

/// Where the first appraisal comes from.
#[derive(Debug, Clone)]
pub enum Source {
    /// The built-in illustrative demo.
    Demo,
    /// An `.appraisal` file named on the command line.
    File(PathBuf),
}

impl Source {
    /// What the app opens for the file named on its command line (`appraise-desktop FILE`, as
    /// a file manager or `xdg-open` starts it): that file, made absolute so the title, the
    /// recent files and the autosave beside it do not depend on the folder the app was started
    /// in; the demo when no file is named.
    pub fn from_argument(file: Option<PathBuf>) -> Source {
        match file {
            None => Source::Demo,
            Some(path) => Source::File(std::path::absolute(&path).unwrap_or(path)),
        }
    }
}

/// Folders the app writes to: untitled autosaves and the recent files list.
#[derive(Debug, Clone)]
pub struct Dirs {
    pub data: PathBuf,
    pub config: PathBuf,
}

impl Dirs {
    fn recent(&self) -> PathBuf {
        self.config.join("recent.json")
    }
}

/// What went wrong, as the window shows it: its `kind` picks the place (a field, the notice
/// bar), its message says what happened in words the analyst uses.
#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    /// The file could not be read; the core's message already names the file.
    #[error("{0}")]
    Open(String),
    /// An edit was refused; `field` is the validation path of the field concerned and `short`
    /// the message for beside it.
    #[error("{message}")]
    Edit {
        field: String,
        message: String,
        short: String,
    },
    #[error("{0}")]
    Save(String),
    #[error("{0}")]
    Export(String),
    /// A travel matrix or spreadsheet could not be imported (a bad row, cancelled, ...).
    #[error("{0}")]
    Import(String),
    /// The sensitivity analysis or a chart could not be made; the message says why.
    #[error("{0}")]
    Analysis(String),
    #[error("internal error: {0}")]
    Internal(String),
}

impl SessionError {
    /// The code the window branches on.
    pub fn kind(&self) -> &'static str {
        match self {
            SessionError::Open(_) => "open",
            SessionError::Edit { .. } => "edit",
            SessionError::Save(_) => "save",
            SessionError::Export(_) => "export",
            SessionError::Analysis(_) => "analysis",
            SessionError::Import(_) => "import",
            SessionError::Internal(_) => "internal",
        }
    }
}

impl Serialize for SessionError {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("SessionError", 4)?;
        s.serialize_field("kind", self.kind())?;
        s.serialize_field("message", &self.to_string())?;
        let (field, short) = match self {
            SessionError::Edit { field, short, .. } => (Some(field.as_str()), Some(short.as_str())),
            _ => (None, None),
        };
        s.serialize_field("field", &field)?;
        s.serialize_field("short", &short)?;
        s.end()
    }
}

fn save_error(e: DocumentError) -> SessionError {
    match e {
        DocumentError::Edit(e) => SessionError::Edit {
            field: e.field,
            message: e.message,
            short: e.short,
        },
        other => SessionError::Save(other.to_string()),
    }
}

/// The view of `d` as it stands, less the results the window holds from the view `held`.
fn view_of(d: &mut Document, held: Option<ViewAt>) -> View<'_> {
    let now = d.evaluation();
    let held = held
        .filter(|h| h.document == d.at().document)
        .and_then(|h| d.evaluation_at(h.revision));
    let results = SessionResults::since(&now, held.as_deref());
    View {
        at: d.at(),
        model: ModelView::of(d.appraisal()),
        results,
        summary: Summary::of(d.appraisal()),
    }
}

fn open_error(e: impl std::fmt::Display) -> SessionError {
    SessionError::Open(e.to_string())
}

/// What the pack export wrote.
#[derive(Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Exported {
    pub path: String,
    pub fingerprint: String,
    pub bytes: usize,
}

/// What a travel matrix import read.
#[derive(Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct MatrixImported {
    pub rows: u64,
    pub zones: usize,
    pub sites: usize,
    pub values: usize,
}

/// The open document, loaded from `source` on first use so a slow or broken file never
/// blocks window creation and a failure reaches the window as a message.
pub struct Session {
    source: Mutex<Option<Source>>,
    document: Mutex<Option<Document>>,
    dirs: Dirs,
    last_pack: Mutex<Option<PathBuf>>,
    import: ImportProgress,
    /// The zones' or sites' build from the official files (one at a time).
    public_data: BuildProgress,
    smaa: DrawProgress,
    /// Road times being computed from an extract (one at a time).
    roads: SiteProgress,
    /// Public transport times being computed from timetables (one at a time).
    transit: SiteProgress,
}

fn lock<T>(m: &Mutex<T>) -> Result<MutexGuard<'_, T>, SessionError> {
    m.lock()
        .map_err(|_| SessionError::Internal("session lock poisoned".to_owned()))
}

impl Session {
    pub fn new(source: Source, dirs: Dirs) -> Self {
        Session {
            source: Mutex::new(Some(source)),
            document: Mutex::new(None),
            dirs,
            last_pack: Mutex::new(None),
            import: ImportProgress::default(),
            public_data: BuildProgress::default(),
            smaa: DrawProgress::default(),
            roads: SiteProgress::default(),
            transit: SiteProgress::default(),
        }
    }

    /// Runs `f` on the open document, loading the first one if needed: the file the app was
    /// started with, or the demo when it was started with none.
    fn with<T>(&self, f: impl FnOnce(&mut Document) -> T) -> Result<T, SessionError> {
        let mut slot = lock(&self.document)?;
        if slot.is_none() {
            let source = lock(&self.source)?.clone();
            let doc = match source {
                Some(Source::Demo) | None => Document::untitled(crate::demo::appraisal()),
                Some(Source::File(path)) => {
                    let doc = Document::open(&path).map_err(open_error)?;
                    // A file opened by double-click is remembered like one opened in the window.
                    self.remember(&path);
                    doc
                }
            };
            *slot = Some(doc);
        }
        match slot.as_mut() {
            Some(doc) => Ok(f(doc)),
            None => Err(SessionError::Internal("no appraisal open".to_owned())),
        }
    }

    fn replace(&self, doc: Document) -> Result<DocumentState, SessionError> {
        if let Some(path) = doc.path() {
            self.remember(path);
        }
        let state = doc.state();
        *lock(&self.document)? = Some(doc);
        *lock(&self.source)? = None;
        Ok(state)
    }

    /// Puts `path` first in the recent files list. The list is a convenience: failing to write
    /// it must not fail the open or save that named the file.
    fn remember(&self, path: &Path) {
        let mut recent = RecentFiles::load(&self.dirs.recent());
        recent.add(path);
        let _ = recent.save(&self.dirs.recent());
    }

    pub fn summary(&self) -> Result<Summary, SessionError> {
        self.with(|d| Summary::of(d.appraisal()))
    }

    /// The saved changes since the last pack, for the Export screen.
    pub fn changes_since_pack(&self) -> Result<crate::changes::SinceLastPack, SessionError> {
        self.with(|d| crate::changes::since_last_pack(d.appraisal()))
    }

    pub fn state(&self) -> Result<DocumentState, SessionError> {
        self.with(|d| d.state())
    }

    pub fn is_dirty(&self) -> bool {
        self.with(|d| d.is_dirty()).unwrap_or(false)
    }

    /// The model for the editing screens (without the travel matrix), as JSON: the view
    /// borrows the model, which stays behind the lock.
    pub fn model(&self) -> Result<serde_json::Value, SessionError> {
        self.with(|d| serde_json::to_value(ModelView::of(d.appraisal())))?
            .map_err(|e| SessionError::Internal(e.to_string()))
    }

    /// The model, results and overview as they stand: what the window reads after each change,
    /// in one crossing of the bridge. `held` is the revision of the view the window holds: the
    /// results it holds unchanged are left out. JSON text, written once under the lock (the
    /// model's view borrows the model) and sent to the window as it is.
    pub fn view(&self, held: Option<ViewAt>) -> Result<String, SessionError> {
        self.with(|d| serde_json::to_string(&view_of(d, held)))?
            .map_err(|e| SessionError::Internal(e.to_string()))
    }

    /// Applies `edit` and answers with the document's state and the view after it: one call
    /// from the window for an edit and its results.
    pub fn apply_and_view(
        &self,
        edit: &Edit,
        held: Option<ViewAt>,
    ) -> Result<String, SessionError> {
        self.with(|d| {
            d.apply(edit).map_err(save_error)?;
            serde_json::to_string(&Changed {
                state: d.state(),
                view: view_of(d, held),
            })
            .map_err(|e| SessionError::Internal(e.to_string()))
        })?
    }

    /// Scores, finance, validation problems and charts of the appraisal as it stands.
    pub fn results(&self) -> Result<SessionResults, SessionError> {
        self.with(|d| SessionResults::of(&d.evaluation()))
    }

    /// Switch points, tornado, weight sets and SMAA of the appraisal as it stands, under its
    /// stored settings: the figures the pack prints, from the same run.
    pub fn sensitivity(&self) -> Result<Robustness, SessionError> {
        // Under the document's lock: travel-derived criteria read the travel matrix, which is
        // not copied. Edits made meanwhile wait for the analysis (a fraction of a second).
        self.with(|d| {
            let evaluation = d.evaluation();
            evaluation.robustness(d.appraisal(), &self.smaa).clone()
        })?
        .map_err(|e| SessionError::Analysis(e.to_string()))
    }

    /// One chart of the appraisal as it stands, `width` wide (the window's CSS pixels): drawn
    /// when a screen shows it, so an edit draws no chart no screen shows. The robustness
    /// analysis's charts use its run, kept with the evaluation.
    pub fn chart(&self, request: &ChartRequest, width: u32) -> Result<Chart, SessionError> {
        self.with(|d| {
            let evaluation = d.evaluation();
            let robustness = request.of_robustness().then(|| {
                evaluation
                    .robustness(d.appraisal(), &self.smaa)
                    .as_ref()
                    .map_err(|e| e.to_string())
            });
            request.draw(d.appraisal(), &evaluation, robustness, width)
        })
    }

    /// One page of the zones whose code or name contains `search`.
    pub fn zones(
        &self,
        search: &str,
        offset: usize,
        limit: usize,
    ) -> Result<ZonePage, SessionError> {
        self.with(|d| zone_page(d.appraisal(), search, offset, limit))
    }

    /// How often each engine has run for the open document.
    pub fn runs(&self) -> Result<RunCounts, SessionError> {
        self.with(|d| d.runs())
    }

    pub fn new_appraisal(&self) -> Result<DocumentState, SessionError> {
        self.replace(Document::untitled(Appraisal::new("New appraisal")))
    }

    pub fn open(&self, path: &Path) -> Result<DocumentState, SessionError> {
        self.replace(Document::open(path).map_err(open_error)?)
    }

    /// The autosave with unsaved work the open document could take back, if any.
    pub fn recovery(&self) -> Result<Option<String>, SessionError> {
        self.with(|d| d.recovery(&self.dirs.data).map(|p| p.display().to_string()))
    }

    /// Reopens the open document with the unsaved work from its autosave.
    pub fn recover(&self) -> Result<DocumentState, SessionError> {
        let (path, sidecar) =
            self.with(|d| (d.path().map(Path::to_owned), d.recovery(&self.dirs.data)))?;
        let sidecar = sidecar
            .ok_or_else(|| SessionError::Open("there is no unsaved work to recover".to_owned()))?;
        self.replace(Document::recover(path.as_deref(), &sidecar).map_err(open_error)?)
    }

    /// Throws away the open file's autosave (the analyst chose not to recover it).
    pub fn discard_recovery(&self) -> Result<(), SessionError> {
        self.with(|d| d.discard_autosave(&self.dirs.data))?
            .map_err(|e| SessionError::Save(e.to_string()))
    }

    pub fn save(&self) -> Result<DocumentState, SessionError> {
        self.with(|d| d.save().map(|_| d.state()))?
            .map_err(save_error)
    }

    pub fn save_as(&self, path: &Path) -> Result<DocumentState, SessionError> {
        let state = self
            .with(|d| d.save_as(path, &self.dirs.data).map(|()| d.state()))?
            .map_err(save_error)?;
        self.remember(path);
        Ok(state)
    }

    pub fn apply(&self, edit: &Edit) -> Result<DocumentState, SessionError> {
        self.with(|d| d.apply(edit).map(|()| d.state()))?
            .map_err(save_error)
    }

    pub fn undo(&self) -> Result<DocumentState, SessionError> {
        self.with(|d| {
            d.undo();
            d.state()
        })
    }

    pub fn redo(&self) -> Result<DocumentState, SessionError> {
        self.with(|d| {
            d.redo();
            d.state()
        })
    }

    pub fn recent(&self) -> Vec<String> {
        RecentFiles::load(&self.dirs.recent())
            .files
            .iter()
            .map(|p| p.display().to_string())
            .collect()
    }

    /// Writes the autosave if there is unsaved work not yet in it.
    pub fn autosave(&self) -> Result<(), SessionError> {
        self.with(|d| d.autosave(&self.dirs.data))?
            .map(|_| ())
            .map_err(|e| SessionError::Save(e.to_string()))
    }

    /// The unsaved changes are being thrown away on quit: their autosave goes too.
    pub fn discard(&self) -> Result<(), SessionError> {
        self.with(|d| d.discard_autosave(&self.dirs.data))?
            .map_err(|e| SessionError::Save(e.to_string()))
    }

    /// Typesets the board pack to `out` from the document and the results on screen (saving
    /// unsaved changes first), and remembers it as the one pack the app may open.
    pub fn export(&self, out: &Path, status: Status) -> Result<Exported, SessionError> {
        let outcome = self
            .with(|d| d.export_pack(out, status))?
            .map_err(|e: PackError| SessionError::Export(e.to_string()))?;
        *lock(&self.last_pack)? = Some(outcome.pack.clone());
        Ok(Exported {
            path: outcome.pack.display().to_string(),
            fingerprint: outcome.fingerprint,
            bytes: outcome.bytes,
        })
    }

    /// Reads a travel matrix CSV over the open appraisal's zones and sites (the document stays
    /// free meanwhile), then puts it in place as an unsaved change.
    pub fn import_matrix(&self, csv: &Path) -> Result<MatrixImported, SessionError> {
        let places = self.with(|d| places_of(d.appraisal()))?;
        let (matrix, rows) = read_travel_matrix(&places, csv, &self.import)
            .map_err(|e| SessionError::Import(e.to_string()))?;
        let imported = MatrixImported {
            rows,
            zones: matrix.zones().len(),
            sites: matrix.sites().len(),
            values: matrix.values(),
        };
        self.with(|d| d.replace_travel_matrix(matrix))?;
        Ok(imported)
    }

    /// Computes road times from the OpenStreetMap extract `pbf` for the open appraisal (the
    /// document stays free meanwhile) and puts them in place as one undoable edit, the extract
    /// and settings noted for the audit trail. Cancelled, refused, or overtaken by another
    /// change to the appraisal, nothing changes.
    pub fn compute_road_times(&self, pbf: &Path) -> Result<RoadTimesDone, SessionError> {
        let refused = |e: RoadTimesError| SessionError::Import(e.to_string());
        let (at, inputs) = self.with(|d| (d.at(), road_times::inputs_of(d.appraisal())))?;
        let computed = road_times::compute(&inputs, pbf, &self.roads).map_err(refused)?;
        let mut done = RoadTimesDone::of(pbf, &computed);
        let label = format!("road times from {}", done.extract);
        done.changed = self
            .with(|d| {
                if d.at() != at {
                    return Err(RoadTimesError::Stale);
                }
                Ok(d.replace_computed_times(computed.matrix, &label, computed.source))
            })?
            .map_err(refused)?;
        Ok(done)
    }

    /// How far the road times being computed have got.
    pub fn road_times_progress(&self) -> SiteProgressView {
        self.roads.view()
    }

    /// Stops the road times being computed; nothing changes.
    pub fn cancel_road_times(&self) {
        self.roads.cancel();
    }

    /// Computes public transport times from the GTFS feeds, date and window of `request` for
    /// the open appraisal (the document stays free meanwhile) and puts them in place as one
    /// undoable edit, the feeds and settings noted for the audit trail. Cancelled, refused, or
    /// overtaken by another change to the appraisal, nothing changes.
    pub fn compute_transit_times(
        &self,
        request: &TransitRequest,
    ) -> Result<TransitTimesDone, SessionError> {
        let refused = |e: TransitTimesError| SessionError::Import(e.to_string());
        let (at, inputs) = self.with(|d| (d.at(), transit_times::inputs_of(d.appraisal())))?;
        let computed = transit_times::compute(&inputs, request, &self.transit).map_err(refused)?;
        let mut done = TransitTimesDone::of(&computed);
        let label = done.label();
        done.changed = self
            .with(|d| {
                if d.at() != at {
                    return Err(TransitTimesError::Stale);
                }
                Ok(d.replace_computed_times(computed.matrix, &label, computed.source))
            })?
            .map_err(refused)?;
        Ok(done)
    }

    /// How far the public transport times being computed have got.
    pub fn transit_times_progress(&self) -> SiteProgressView {
        self.transit.view()
    }

    /// Stops the public transport times being computed; nothing changes.
    pub fn cancel_transit_times(&self) {
        self.transit.cancel();
    }

    /// How many of SMAA's draws the running analysis has made, of how many.
    pub fn sensitivity_progress(&self) -> DrawsView {
        self.smaa.view()
    }

    pub fn import_progress(&self) -> ProgressView {
        self.import.view()
    }

    pub fn cancel_import(&self) {
        self.import.cancel();
    }

    /// The pack exported last in this session, if any: the only file the app will open.
    pub fn last_pack(&self) -> Result<PathBuf, SessionError> {
        lock(&self.last_pack)?
            .clone()
            .ok_or_else(|| SessionError::Export("no pack has been exported yet".to_owned()))
    }

    /// Checks a workbook (or a CSV file of `kind`) against the open appraisal; nothing changes.
    pub fn preview_spreadsheet(
        &self,
        path: &Path,
        kind: Option<&str>,
    ) -> Result<ImportPreview, SessionError> {
        self.with(|d| d.preview_spreadsheet(path, kind))?
            .map_err(|e| SessionError::Import(e.to_string()))
    }

    /// Commits the import previewed last as one undoable edit.
    pub fn import_spreadsheet(&self) -> Result<DocumentState, SessionError> {
        self.with(|d| d.import_previewed().map(|()| d.state()))?
            .map_err(|e| SessionError::Import(e.to_string()))
    }

    /// Reads the official files (the document stays free meanwhile) and previews the zones of
    /// `area` against the open appraisal; nothing changes.
    pub fn preview_public_zones(
        &self,
        files: &PublicZoneFiles,
        area: &str,
    ) -> Result<ZonePreview, SessionError> {
        let import = |e: &dyn std::fmt::Display| SessionError::Import(e.to_string());
        let sites = self.with(|d| public_zones::site_points(d.appraisal()))?;
        let (area, built) =
            public_zones::read(files, area, &sites, &self.public_data).map_err(|e| import(&e))?;
        self.with(|d| d.preview_built_zones(&area, &built))?
            .map_err(|e| import(&e))
    }

    /// Applies the zones previewed last as one undoable edit.
    pub fn import_public_zones(&self) -> Result<DocumentState, SessionError> {
        self.with(|d| d.import_previewed_zones().map(|()| d.state()))?
            .map_err(|e| SessionError::Import(e.to_string()))
    }

    /// Reads the sites of `codes` (ODS codes) from the official files (the document stays free
    /// meanwhile) and previews them against the open appraisal; nothing changes.
    pub fn preview_public_sites(
        &self,
        files: &PublicSiteFiles,
        codes: &str,
    ) -> Result<SitePreview, SessionError> {
        let import = |e: &dyn std::fmt::Display| SessionError::Import(e.to_string());
        let built = public_sites::read(files, codes, &self.public_data).map_err(|e| import(&e))?;
        self.with(|d| d.preview_built_sites(&built))?
            .map_err(|e| import(&e))
    }

    /// Applies the sites previewed last as one undoable edit.
    pub fn import_public_sites(&self) -> Result<DocumentState, SessionError> {
        self.with(|d| d.import_previewed_sites().map(|()| d.state()))?
            .map_err(|e| SessionError::Import(e.to_string()))
    }

    /// Which step the running build of zones or sites is on, of how many.
    pub fn public_data_progress(&self) -> BuildView {
        self.public_data.view()
    }

    pub fn write_template(&self, path: &Path) -> Result<(), SessionError> {
        write_template(path).map_err(|e| SessionError::Export(e.to_string()))
    }

    /// Writes a scoring workbook for each scorer (or those in `scorers`) into the folder `dir`;
    /// returns the files written.
    pub fn write_scoring_workbooks(
        &self,
        dir: &Path,
        scorers: Option<&[String]>,
    ) -> Result<Vec<String>, SessionError> {
        self.with(|d| score_merge::write_workbooks(d.appraisal(), dir, scorers))?
            .map_err(|e| SessionError::Export(e.to_string()))
    }

    /// Reads scorers' workbooks and previews merging them into the open appraisal.
    pub fn preview_score_merge(&self, paths: &[PathBuf]) -> Result<MergePreview, SessionError> {
        self.with(|d| d.preview_score_merge(paths))?
            .map_err(|e| SessionError::Import(e.to_string()))
    }

    /// Applies the merge previewed last, each conflict settled by its choice, as one edit.
    pub fn apply_score_merge(
        &self,
        choices: &[Option<Take>],
    ) -> Result<DocumentState, SessionError> {
        self.with(|d| d.apply_score_merge(choices).map(|()| d.state()))?
            .map_err(|e| SessionError::Import(e.to_string()))
    }

    /// The projector view of a panel-scored criterion (the first when none).
    pub fn workshop_view(&self, criterion: Option<&str>) -> Result<WorkshopView, SessionError> {
        self.with(|d| score_merge::view(d.appraisal(), criterion))?
            .map_err(|e| SessionError::Analysis(e.to_string()))
    }

    /// Writes the results workbook from the results on screen; returns its notes on anything
    /// left out.
    pub fn export_results(&self, path: &Path) -> Result<Vec<String>, SessionError> {
        self.with(|d| {
            let evaluation = d.evaluation();
            export_results(d.appraisal(), &evaluation, path)
        })?
        .map_err(|e| SessionError::Export(e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TravelMode;

    fn dirs(root: &Path) -> Dirs {
        Dirs {
            data: root.join("data"),
            config: root.join("config"),
        }
    }

    /// The window's view, read back from the JSON the session sends.
    fn view(s: &Session, held: Option<ViewAt>) -> serde_json::Value {
        serde_json::from_str(&s.view(held).unwrap()).unwrap()
    }

    fn edit_weight(value: &str) -> Edit {
        Edit::SetWeight {
            criterion: "QUA".into(),
            value: value.into(),
        }
    }

    #[test]
    fn errors_reach_the_window_as_kind_message_and_field() {
        let json = serde_json::to_value(SessionError::Open("no such file".to_owned())).unwrap();
        assert_eq!(
            json,
            serde_json::json!({ "kind": "open", "message": "no such file", "field": null, "short": null })
        );
        let json = serde_json::to_value(SessionError::Edit {
            field: "criteria/QUA/weight".into(),
            message: "The weight of Quality must be a number".into(),
            short: "Must be a number".into(),
        })
        .unwrap();
        assert_eq!(json["kind"], "edit");
        assert_eq!(json["field"], "criteria/QUA/weight");
        assert_eq!(json["short"], "Must be a number");
    }

    #[test]
    fn zones_built_from_public_data_reach_the_travel_figures_and_undo_takes_them_out() {
        let dir = tempfile::tempdir().unwrap();
        let files = public_zones::tests::files(dir.path());
        let s = Session::new(Source::Demo, dirs(dir.path()));
        let people = |s: &Session| {
            let travel = s.results().unwrap().travel.unwrap();
            (travel.zones, travel.population)
        };
        let before = people(&s);
        let p = s.preview_public_zones(&files, "E07000197").unwrap();
        assert_eq!(p.added, 3);
        assert!(!s.is_dirty());
        let progress = s.public_data_progress();
        assert_eq!((progress.step, progress.running), (progress.of, false));
        let state = s.import_public_zones().unwrap();
        assert!(state.dirty);
        assert_eq!(people(&s), (3, 1500.0 + 1620.0 + 1710.0));
        s.undo().unwrap();
        assert_eq!(people(&s), before);
        let e = s.import_public_zones().unwrap_err();
        assert_eq!(e.kind(), "import");
    }

    #[test]
    fn the_demo_opens_when_the_app_is_started_with_no_file() {
        let dir = tempfile::tempdir().unwrap();
        let summary = Session::new(Source::Demo, dirs(dir.path()))
            .summary()
            .unwrap();
        assert!(summary.illustrative);
        assert!(summary.title.starts_with("Illustrative"));
    }

    #[test]
    fn a_file_named_on_the_command_line_opens_made_absolute_and_is_remembered() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("trust.appraisal");
        crate::store::create(&file, &crate::demo::appraisal()).unwrap();
        // A relative name is taken from the folder the app was started in.
        let relative = Source::from_argument(Some(PathBuf::from("trust.appraisal")));
        let cwd = std::env::current_dir().unwrap();
        assert!(matches!(&relative, Source::File(p) if *p == cwd.join("trust.appraisal")));
        assert!(matches!(Source::from_argument(None), Source::Demo));
        let s = Session::new(Source::from_argument(Some(file.clone())), dirs(dir.path()));
        assert!(
            s.recent().is_empty(),
            "nothing is read before the window asks"
        );
        let state = s.state().unwrap();
        assert_eq!(state.path.as_deref(), Some(file.to_str().unwrap()));
        assert!(!state.dirty);
        assert_eq!(s.recent(), vec![file.display().to_string()]);
    }

    #[test]
    fn a_missing_file_is_an_open_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing.appraisal");
        let error = Session::new(Source::File(path.clone()), dirs(dir.path()))
            .summary()
            .unwrap_err();
        assert_eq!(error.kind(), "open");
        assert!(error.to_string().contains("missing.appraisal"), "{error}");
    }

    #[test]
    fn a_refused_edit_is_an_edit_error_naming_the_field() {
        let dir = tempfile::tempdir().unwrap();
        let s = Session::new(Source::Demo, dirs(dir.path()));
        let e = s.apply(&edit_weight("x")).unwrap_err();
        assert_eq!(e.kind(), "edit");
        assert!(
            matches!(e, SessionError::Edit { ref field, .. } if field == "criteria/QUA/weight")
        );
        assert!(!s.is_dirty());
    }

    #[test]
    fn an_untitled_appraisal_is_saved_before_its_pack_is_exported() {
        let dir = tempfile::tempdir().unwrap();
        let s = Session::new(Source::Demo, dirs(dir.path()));
        let e = s
            .export(&dir.path().join("pack.pdf"), Status::Draft)
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "Save the appraisal to a file before exporting its board pack"
        );
        assert_eq!(s.last_pack().unwrap_err().kind(), "export");
    }

    #[test]
    fn export_saves_the_edit_first_records_the_pack_and_remembers_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let s = Session::new(Source::Demo, dirs(dir.path()));
        let file = dir.path().join("demo.appraisal");
        s.save_as(&file).unwrap();
        assert_eq!(s.recent(), vec![file.display().to_string()]);
        s.apply(&edit_weight("0.41")).unwrap();
        let pack = dir.path().join("pack.pdf");
        let out = s.export(&pack, Status::Draft).unwrap();
        assert!(out.bytes > 10_000);
        assert!(!s.is_dirty(), "exporting saved the edit first");
        assert_eq!(s.last_pack().unwrap(), pack);
        let stored = crate::store::open(&file).unwrap();
        let qua = stored.criteria.iter().find(|c| c.code == "QUA").unwrap();
        assert_eq!(qua.weight, 0.41);
        assert_eq!(stored.exports.len(), 1);
        assert_eq!(stored.exports[0].fingerprint, out.fingerprint);
        // The document knows the export the file now records: the next save is not refused
        // as if another program had written.
        s.apply(&edit_weight("0.40")).unwrap();
        s.save().unwrap();
    }

    #[test]
    fn one_edit_runs_each_engine_once_and_the_pack_after_it_runs_none() {
        let dir = tempfile::tempdir().unwrap();
        let s = Session::new(Source::Demo, dirs(dir.path()));
        s.save_as(&dir.path().join("demo.appraisal")).unwrap();
        s.results().unwrap();
        s.sensitivity().unwrap();
        let before = s.runs().unwrap();
        let once = RunCounts {
            finance: 1,
            travel: 1,
            score: 1,
            validation: 1,
            sensitivity: 0,
        };
        assert_eq!(
            before - RunCounts::default(),
            RunCounts {
                sensitivity: 1,
                ..once
            }
        );

        s.apply(&edit_weight("0.41")).unwrap();
        // What the window asks for after an edit: the state, then the view; then the
        // Sensitivity and Travel screens.
        s.state().unwrap();
        let view = view(&s, None);
        assert_eq!(
            view["results"]["score"]["options"]
                .as_array()
                .unwrap()
                .len(),
            5
        );
        let service = s.model().unwrap()["services"][0]["code"]
            .as_str()
            .unwrap()
            .to_owned();
        let access = ChartRequest::Access {
            service,
            mode: TravelMode::Car,
        };
        assert!(s.chart(&access, 700).unwrap().svg.is_some());
        s.results().unwrap();
        assert_eq!(s.runs().unwrap() - before, once);
        let analysis = s.sensitivity().unwrap();
        // Its charts are drawn from the same run.
        assert!(s.chart(&ChartRequest::OneWay, 700).unwrap().svg.is_some());
        let after_screens = s.runs().unwrap();
        assert_eq!(
            after_screens - before,
            RunCounts {
                sensitivity: 1,
                ..once
            }
        );

        // The pack saves the edit, then prints the figures on screen: no engine runs again.
        s.export(&dir.path().join("pack.pdf"), Status::Draft)
            .unwrap();
        s.export_results(&dir.path().join("results.xlsx")).unwrap();
        assert_eq!(s.runs().unwrap() - after_screens, RunCounts::default());
        assert_eq!(s.sensitivity().unwrap(), analysis);
    }

    #[test]
    fn the_window_is_sent_only_the_results_that_changed_since_the_view_it_holds() {
        let dir = tempfile::tempdir().unwrap();
        let s = Session::new(Source::Demo, dirs(dir.path()));
        let first = view(&s, None);
        assert_eq!(first["results"]["unchanged"], serde_json::json!([]));
        assert!(first["results"]["travel"].is_object());
        let held = serde_json::from_value(first["at"].clone()).unwrap();
        // A weight moves the ranking, not the finances or the journeys.
        s.apply(&edit_weight("0.41")).unwrap();
        let next = view(&s, Some(held));
        assert_eq!(next["at"]["revision"], 1);
        assert_eq!(
            next["results"]["unchanged"],
            serde_json::json!(["finance", "travel"])
        );
        assert!(next["results"]["finance"].is_null() && next["results"]["travel"].is_null());
        assert!(next["results"]["charts"]["margin_by_year"]["svg"].is_null());
        assert_ne!(next["results"]["score"], first["results"]["score"]);
        // Undoing is a change too; asked against a view the session no longer has, all comes.
        s.undo().unwrap();
        view(&s, None);
        let full = view(&s, Some(held));
        assert_eq!(full["results"]["unchanged"], serde_json::json!([]));
        assert_eq!(full["results"]["travel"], first["results"]["travel"]);
        // A member's pay changes the finances: they are sent, the journeys are not.
        let demo = crate::demo::appraisal();
        let year = demo.meta.base_year + 1;
        let org = &demo.organisations[0];
        let pay = org.baseline.iter().find(|y| y.year == year).unwrap().pay;
        s.apply(&Edit::SetBaselineLine {
            organisation: org.code.clone(),
            year,
            line: "pay".into(),
            value: format!("{}", pay + 1000.0),
        })
        .unwrap();
        let after_pay = view(
            &s,
            Some(serde_json::from_value(full["at"].clone()).unwrap()),
        );
        assert_eq!(
            after_pay["results"]["unchanged"],
            serde_json::json!(["travel"])
        );
        assert!(after_pay["results"]["finance"].is_object());
        // Another document at the same revision is another state: all of it comes.
        let at: ViewAt = serde_json::from_value(after_pay["at"].clone()).unwrap();
        s.new_appraisal().unwrap();
        let other = view(&s, Some(ViewAt { revision: 0, ..at }));
        assert_ne!(other["at"]["document"], after_pay["at"]["document"]);
        assert_eq!(other["results"]["unchanged"], serde_json::json!([]));
        let fresh: ViewAt = serde_json::from_value(other["at"].clone()).unwrap();
        let again = view(&s, Some(fresh));
        assert_eq!(
            again["results"]["unchanged"],
            serde_json::json!(["finance", "travel"])
        );
    }

    #[test]
    fn an_edit_answers_with_its_state_and_the_view_after_it_in_one_call() {
        let dir = tempfile::tempdir().unwrap();
        let s = Session::new(Source::Demo, dirs(dir.path()));
        let first = view(&s, None);
        let held: ViewAt = serde_json::from_value(first["at"].clone()).unwrap();
        let changed = serde_json::from_str::<serde_json::Value>(
            &s.apply_and_view(&edit_weight("0.41"), Some(held)).unwrap(),
        )
        .unwrap();
        assert_eq!(changed["state"]["dirty"], true);
        assert_eq!(changed["state"]["undo"], "weight of Quality");
        assert_eq!(changed["view"]["at"]["revision"], 1);
        let qua = changed["view"]["model"]["criteria"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["code"] == "QUA")
            .unwrap();
        assert_eq!(qua["weight"], 0.41);
        assert_eq!(
            changed["view"]["results"]["unchanged"],
            serde_json::json!(["finance", "travel"])
        );
        assert_eq!(changed["view"], view(&s, Some(held)));
        let e = s.apply_and_view(&edit_weight("x"), None).unwrap_err();
        assert!(
            matches!(e, SessionError::Edit { ref field, .. } if field == "criteria/QUA/weight")
        );
    }

    #[test]
    fn a_pack_exported_with_no_screen_open_runs_the_analysis_once() {
        let dir = tempfile::tempdir().unwrap();
        let s = Session::new(Source::Demo, dirs(dir.path()));
        s.save_as(&dir.path().join("demo.appraisal")).unwrap();
        s.apply(&edit_weight("0.41")).unwrap();
        s.export(&dir.path().join("pack.pdf"), Status::Draft)
            .unwrap();
        let runs = s.runs().unwrap();
        assert_eq!(
            runs,
            RunCounts {
                finance: 1,
                travel: 1,
                score: 1,
                validation: 1,
                sensitivity: 1,
            }
        );
        s.sensitivity().unwrap();
        assert_eq!(s.runs().unwrap(), runs, "the screen reads the pack's run");
    }
}
