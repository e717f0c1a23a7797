//! The window's state: the one open [`Document`] behind a lock, where the app keeps its files,
//! and the last exported pack. Every method is a thin call into `appraise::session`.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use appraise::Appraisal;
use appraise::model::Status;
use appraise::sensitivity::{DrawProgress, DrawsView};
use appraise::session::{
    self, Document, DocumentError, DocumentState, Edit, ImportPreview, ImportProgress, ModelView,
    ProgressView, RecentFiles, SessionResults,
};
use appraise::summary::Summary;
use serde::Serialize;

/// Where the first appraisal comes from.
#[derive(Debug, Clone)]
pub enum Source {
    /// The built-in illustrative demo.
    Demo,
    /// An `.appraisal` file named on the command line.
    File(PathBuf),
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

/// Errors as the front end sees them: `{ kind, message, field }`.
#[derive(Debug, thiserror::Error)]
pub enum ShellError {
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
    /// A travel matrix could not be imported (a bad row, cancelled, ...); the message says why.
    #[error("{0}")]
    Import(String),
    /// The sensitivity analysis could not run; the message says why.
    #[error("{0}")]
    Analysis(String),
    #[error("internal error: {0}")]
    Internal(String),
}

impl ShellError {
    fn kind(&self) -> &'static str {
        match self {
            ShellError::Open(_) => "open",
            ShellError::Edit { .. } => "edit",
            ShellError::Save(_) => "save",
            ShellError::Export(_) => "export",
            ShellError::Analysis(_) => "analysis",
            ShellError::Import(_) => "import",
            ShellError::Internal(_) => "internal",
        }
    }
}

impl Serialize for ShellError {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("ShellError", 4)?;
        s.serialize_field("kind", self.kind())?;
        s.serialize_field("message", &self.to_string())?;
        let (field, short) = match self {
            ShellError::Edit { field, short, .. } => (Some(field.as_str()), Some(short.as_str())),
            _ => (None, None),
        };
        s.serialize_field("field", &field)?;
        s.serialize_field("short", &short)?;
        s.end()
    }
}

fn save_error(e: DocumentError) -> ShellError {
    match e {
        DocumentError::Edit(e) => ShellError::Edit {
            field: e.field,
            message: e.message,
            short: e.short,
        },
        other => ShellError::Save(other.to_string()),
    }
}

/// What the pack export wrote.
#[derive(Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Exported {
    pub path: String,
    pub fingerprint: String,
    pub bytes: usize,
}

/// The open document, loaded from `source` on first use so a slow or broken file never
/// blocks window creation and a failure reaches the window as a message.
pub struct Session {
    source: Mutex<Option<Source>>,
    document: Mutex<Option<Document>>,
    dirs: Dirs,
    last_pack: Mutex<Option<PathBuf>>,
    import: ImportProgress,
    smaa: DrawProgress,
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

fn lock<T>(m: &Mutex<T>) -> Result<MutexGuard<'_, T>, ShellError> {
    m.lock()
        .map_err(|_| ShellError::Internal("session lock poisoned".to_owned()))
}

impl Session {
    pub fn new(source: Source, dirs: Dirs) -> Self {
        Session {
            source: Mutex::new(Some(source)),
            document: Mutex::new(None),
            dirs,
            last_pack: Mutex::new(None),
            import: ImportProgress::default(),
            smaa: DrawProgress::default(),
        }
    }

    /// Runs `f` on the open document, loading the first one if needed.
    fn with<T>(&self, f: impl FnOnce(&mut Document) -> T) -> Result<T, ShellError> {
        let mut slot = lock(&self.document)?;
        if slot.is_none() {
            let source = lock(&self.source)?.clone();
            let doc = match source {
                Some(Source::Demo) | None => Document::untitled(appraise::demo::appraisal()),
                Some(Source::File(path)) => {
                    Document::open(&path).map_err(|e| ShellError::Open(e.to_string()))?
                }
            };
            *slot = Some(doc);
        }
        match slot.as_mut() {
            Some(doc) => Ok(f(doc)),
            None => Err(ShellError::Internal("no appraisal open".to_owned())),
        }
    }

    fn replace(&self, doc: Document) -> Result<DocumentState, ShellError> {
        if let Some(path) = doc.path() {
            let mut recent = RecentFiles::load(&self.dirs.recent());
            recent.add(path);
            // The list is a convenience: failing to write it must not fail the open.
            let _ = recent.save(&self.dirs.recent());
        }
        let state = doc.state();
        *lock(&self.document)? = Some(doc);
        *lock(&self.source)? = None;
        Ok(state)
    }

    pub fn summary(&self) -> Result<Summary, ShellError> {
        self.with(|d| Summary::of(d.appraisal()))
    }

    pub fn state(&self) -> Result<DocumentState, ShellError> {
        self.with(|d| d.state())
    }

    pub fn is_dirty(&self) -> bool {
        self.with(|d| d.is_dirty()).unwrap_or(false)
    }

    /// The model for the editing screens, as JSON.
    pub fn model(&self) -> Result<serde_json::Value, ShellError> {
        self.with(|d| serde_json::to_value(ModelView::of(d.appraisal())))?
            .map_err(|e| ShellError::Internal(e.to_string()))
    }

    pub fn results(&self) -> Result<SessionResults, ShellError> {
        self.with(|d| SessionResults::compute(d.appraisal()))
    }

    /// Switch points, tornado, weight sets and SMAA of the appraisal as it stands, under its
    /// stored settings: the figures the pack prints.
    pub fn sensitivity(&self) -> Result<session::Analysis, ShellError> {
        // Under the document's lock: travel-derived criteria read the travel matrix, which is
        // not copied. Edits made meanwhile wait for the analysis (a fraction of a second).
        let robustness = self
            .with(|d| session::analyse_counted(d.appraisal(), &self.smaa))?
            .map_err(|e| ShellError::Analysis(e.to_string()))?;
        Ok(session::Analysis::of(robustness))
    }

    /// The access curve and deprivation charts of travel to one service by one mode.
    pub fn travel_charts(
        &self,
        service: &str,
        mode: appraise::model::TravelMode,
    ) -> Result<session::TravelCharts, ShellError> {
        self.with(|d| session::travel_charts(d.appraisal(), service, mode))?
            .map_err(|e| ShellError::Analysis(e.to_string()))
    }

    pub fn zones(
        &self,
        search: &str,
        offset: usize,
        limit: usize,
    ) -> Result<session::ZonePage, ShellError> {
        self.with(|d| session::zone_page(d.appraisal(), search, offset, limit))
    }

    pub fn new_appraisal(&self) -> Result<DocumentState, ShellError> {
        self.replace(Document::untitled(Appraisal::new("New appraisal")))
    }

    pub fn open(&self, path: &Path) -> Result<DocumentState, ShellError> {
        let doc = Document::open(path).map_err(|e| ShellError::Open(e.to_string()))?;
        self.replace(doc)
    }

    /// The autosave with unsaved work the open document could take back, if any.
    pub fn recovery(&self) -> Result<Option<String>, ShellError> {
        self.with(|d| d.recovery(&self.dirs.data).map(|p| p.display().to_string()))
    }

    /// Reopens the open document with the unsaved work from its autosave.
    pub fn recover(&self) -> Result<DocumentState, ShellError> {
        let (path, sidecar) =
            self.with(|d| (d.path().map(Path::to_owned), d.recovery(&self.dirs.data)))?;
        let sidecar = sidecar
            .ok_or_else(|| ShellError::Open("there is no unsaved work to recover".to_owned()))?;
        let doc = Document::recover(path.as_deref(), &sidecar)
            .map_err(|e| ShellError::Open(e.to_string()))?;
        self.replace(doc)
    }

    /// Throws away the open file's autosave (the analyst chose not to recover it).
    pub fn discard_recovery(&self) -> Result<(), ShellError> {
        self.with(|d| d.discard_autosave(&self.dirs.data))?
            .map_err(|e| ShellError::Save(e.to_string()))
    }

    pub fn save(&self) -> Result<DocumentState, ShellError> {
        self.with(|d| d.save().map(|_| d.state()))?
            .map_err(save_error)
    }

    pub fn save_as(&self, path: &Path) -> Result<DocumentState, ShellError> {
        let state = self
            .with(|d| d.save_as(path, &self.dirs.data).map(|()| d.state()))?
            .map_err(save_error)?;
        let mut recent = RecentFiles::load(&self.dirs.recent());
        recent.add(path);
        let _ = recent.save(&self.dirs.recent());
        Ok(state)
    }

    pub fn apply(&self, edit: &Edit) -> Result<DocumentState, ShellError> {
        self.with(|d| d.apply(edit).map(|()| d.state()))?
            .map_err(save_error)
    }

    pub fn undo(&self) -> Result<DocumentState, ShellError> {
        self.with(|d| {
            d.undo();
            d.state()
        })
    }

    pub fn redo(&self) -> Result<DocumentState, ShellError> {
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
    pub fn autosave(&self) -> Result<(), ShellError> {
        self.with(|d| d.autosave(&self.dirs.data))?
            .map(|_| ())
            .map_err(|e| ShellError::Save(e.to_string()))
    }

    /// The unsaved changes are being thrown away on quit: their autosave goes too.
    pub fn discard(&self) -> Result<(), ShellError> {
        self.with(|d| d.discard_autosave(&self.dirs.data))?
            .map_err(|e| ShellError::Save(e.to_string()))
    }

    /// Saves (the pack is made from the file, and records its export there), then typesets
    /// the board pack to `out`.
    pub fn export(&self, out: &Path, status: Status) -> Result<Exported, ShellError> {
        let file = self
            .with(|d| {
                let path = d.path().map(Path::to_owned);
                if d.is_dirty() && path.is_some() {
                    d.save().map(|_| path)
                } else {
                    Ok(path)
                }
            })?
            .map_err(|e| {
                ShellError::Export(format!("the appraisal could not be saved first: {e}"))
            })?
            .ok_or_else(|| {
                ShellError::Export(
                    "Save the appraisal to a file before exporting its board pack".to_owned(),
                )
            })?;
        let outcome = appraise::report::export(&file, out, Some(status))
            .map_err(|e| ShellError::Export(e.to_string()))?;
        self.with(|d| d.exported(outcome.record.clone(), outcome.entry.clone()))?;
        *lock(&self.last_pack)? = Some(outcome.pack.clone());
        Ok(Exported {
            path: outcome.pack.display().to_string(),
            fingerprint: outcome.fingerprint,
            bytes: outcome.bytes,
        })
    }

    /// Reads a travel matrix CSV over the open appraisal's zones and sites (the document stays
    /// free meanwhile), then puts it in place as an unsaved change.
    pub fn import_matrix(&self, csv: &Path) -> Result<MatrixImported, ShellError> {
        let places = self.with(|d| session::places_of(d.appraisal()))?;
        let (matrix, rows) = session::read_travel_matrix(&places, csv, &self.import)
            .map_err(|e| ShellError::Import(e.to_string()))?;
        let imported = MatrixImported {
            rows,
            zones: matrix.zones().len(),
            sites: matrix.sites().len(),
            values: matrix.values(),
        };
        self.with(|d| d.replace_travel_matrix(matrix))?;
        Ok(imported)
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
    pub fn last_pack(&self) -> Result<Option<PathBuf>, ShellError> {
        Ok(lock(&self.last_pack)?.clone())
    }
}

/// Spreadsheets: preview and commit an import, write the template and the results workbook.
impl Session {
    /// Checks a workbook (or a CSV file of `kind`) against the open appraisal; nothing changes.
    pub fn preview_spreadsheet(
        &self,
        path: &Path,
        kind: Option<&str>,
    ) -> Result<ImportPreview, ShellError> {
        self.with(|d| d.preview_spreadsheet(path, kind))?
            .map_err(|e| ShellError::Import(e.to_string()))
    }

    /// Commits the import previewed last as one undoable edit.
    pub fn import_spreadsheet(&self) -> Result<DocumentState, ShellError> {
        self.with(|d| d.import_previewed().map(|()| d.state()))?
            .map_err(|e| ShellError::Import(e.to_string()))
    }

    pub fn write_template(&self, path: &Path) -> Result<(), ShellError> {
        session::write_template(path).map_err(|e| ShellError::Export(e.to_string()))
    }

    /// Writes the results workbook; returns its notes on anything left out.
    pub fn export_results(&self, path: &Path) -> Result<Vec<String>, ShellError> {
        self.with(|d| session::export_results(d.appraisal(), path))?
            .map_err(|e| ShellError::Export(e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dirs(root: &Path) -> Dirs {
        Dirs {
            data: root.join("data"),
            config: root.join("config"),
        }
    }

    #[test]
    fn errors_reach_the_front_end_as_kind_message_and_field() {
        let json = serde_json::to_value(ShellError::Open("no such file".to_owned())).unwrap();
        assert_eq!(
            json,
            serde_json::json!({ "kind": "open", "message": "no such file", "field": null, "short": null })
        );
        let json = serde_json::to_value(ShellError::Edit {
            field: "criteria/QUA/weight".into(),
            message: "The weight of Quality must be a number".into(),
            short: "Must be a number".into(),
        })
        .unwrap();
        assert_eq!(json["field"], "criteria/QUA/weight");
        assert_eq!(json["short"], "Must be a number");
    }

    #[test]
    fn the_demo_loads_on_first_use() {
        let dir = std::env::temp_dir();
        let summary = Session::new(Source::Demo, dirs(&dir)).summary().unwrap();
        assert!(summary.illustrative);
        assert!(summary.title.starts_with("Illustrative"));
    }

    #[test]
    fn a_bad_file_is_an_open_error_not_a_panic() {
        let path = std::env::temp_dir().join("appraise-desktop-test-missing.appraisal");
        let error = Session::new(Source::File(path), dirs(&std::env::temp_dir()))
            .summary()
            .unwrap_err();
        assert_eq!(error.kind(), "open");
    }

    #[test]
    fn a_refused_edit_is_an_edit_error_naming_the_field() {
        let s = Session::new(Source::Demo, dirs(&std::env::temp_dir()));
        let e = s
            .apply(&Edit::SetWeight {
                criterion: "QUA".into(),
                value: "x".into(),
            })
            .unwrap_err();
        assert_eq!(e.kind(), "edit");
        assert!(matches!(e, ShellError::Edit { ref field, .. } if field == "criteria/QUA/weight"));
        assert!(!s.is_dirty());
    }

    #[test]
    fn save_as_then_export_writes_the_pack_and_remembers_the_file() {
        let root = tempfile_dir();
        let s = Session::new(Source::Demo, dirs(&root));
        let file = root.join("demo.appraisal");
        s.save_as(&file).unwrap();
        assert_eq!(s.recent(), vec![file.display().to_string()]);
        s.apply(&Edit::SetWeight {
            criterion: "QUA".into(),
            value: "0.41".into(),
        })
        .unwrap();
        let pack = root.join("pack.pdf");
        let out = s.export(&pack, Status::Draft).unwrap();
        assert!(out.bytes > 10_000);
        assert!(!s.is_dirty(), "exporting saved the edit first");
        assert_eq!(s.last_pack().unwrap(), Some(pack));
    }

    fn tempfile_dir() -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "appraise-desktop-test-{}-{:?}",
            std::process::id(),
            std::thread::current().id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }
}
