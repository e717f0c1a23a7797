//! Tauri commands: each is a one-liner over the core's [`Session`], run on the blocking pool so
//! file I/O and computation never stall the UI thread. Only the native dialog, the PDF viewer
//! and closing the window are the shell's own.

use std::path::PathBuf;
use std::sync::Arc;

use appraise::model::Status;
use appraise::session::{
    DocumentState, DrawsView, Edit, Exported, ImportPreview, MatrixImported, Session, SessionError,
    ViewAt,
};
use tauri::ipc::Response;
use tauri::{AppHandle, State, WebviewWindow};
use tauri_plugin_dialog::DialogExt;

type Shared<'a> = State<'a, Arc<Session>>;

/// Runs `work` on the session on Tauri's blocking pool, flattening a join failure.
async fn blocking<T: Send + 'static>(
    session: Shared<'_>,
    work: impl FnOnce(&Session) -> Result<T, SessionError> + Send + 'static,
) -> Result<T, SessionError> {
    let session = Arc::clone(&session);
    tauri::async_runtime::spawn_blocking(move || work(&session))
        .await
        .map_err(|e| SessionError::Internal(e.to_string()))?
}

/// File name, title, unsaved state and what Undo/Redo would do.
#[tauri::command]
pub async fn document_state(session: Shared<'_>) -> Result<DocumentState, SessionError> {
    blocking(session, Session::state).await
}

/// The changes saved since the last board pack was exported, for the Export screen.
#[tauri::command]
pub async fn changes_since_pack(
    session: Shared<'_>,
) -> Result<appraise::session::SinceLastPack, SessionError> {
    blocking(session, Session::changes_since_pack).await
}

/// The model, its results (from the one evaluation of its current state) and the overview:
/// what the window reads after each change, less the results it holds from the view `held`.
#[tauri::command]
pub async fn view(session: Shared<'_>, held: Option<ViewAt>) -> Result<Response, SessionError> {
    blocking(session, move |s| s.view(held))
        .await
        .map(Response::new)
}

/// Switch points, tornado, weight sets and SMAA under the appraisal's stored settings (the
/// pack's figures) as the model stands.
#[tauri::command]
pub async fn sensitivity(
    session: Shared<'_>,
) -> Result<appraise::session::Robustness, SessionError> {
    blocking(session, move |s| s.sensitivity()).await
}

/// How many of SMAA's draws the running sensitivity analysis has made, of how many.
#[tauri::command]
pub fn sensitivity_progress(session: Shared<'_>) -> DrawsView {
    session.sensitivity_progress()
}

/// One page of the zones whose code or name contains `search` (the list may be national).
#[tauri::command]
pub async fn zones(
    session: Shared<'_>,
    search: String,
    offset: usize,
    limit: usize,
) -> Result<appraise::session::ZonePage, SessionError> {
    blocking(session, move |s| s.zones(&search, offset, limit)).await
}

/// One chart of the appraisal as it stands, drawn `width` CSS pixels wide (the width the window
/// shows it at), when a screen shows it.
#[tauri::command]
pub async fn chart(
    session: Shared<'_>,
    request: appraise::session::ChartRequest,
    width: u32,
) -> Result<appraise::session::Chart, SessionError> {
    blocking(session, move |s| s.chart(&request, width)).await
}

/// Applies an edit and answers with the document's state and the view after it (less the
/// results the window holds from the view `held`): an edit and its results in one call.
#[tauri::command]
pub async fn apply_edit(
    session: Shared<'_>,
    edit: Edit,
    held: Option<ViewAt>,
) -> Result<Response, SessionError> {
    blocking(session, move |s| s.apply_and_view(&edit, held))
        .await
        .map(Response::new)
}

#[tauri::command]
pub async fn undo(session: Shared<'_>) -> Result<DocumentState, SessionError> {
    blocking(session, Session::undo).await
}

#[tauri::command]
pub async fn redo(session: Shared<'_>) -> Result<DocumentState, SessionError> {
    blocking(session, Session::redo).await
}

#[tauri::command]
pub async fn new_appraisal(session: Shared<'_>) -> Result<DocumentState, SessionError> {
    blocking(session, Session::new_appraisal).await
}

#[tauri::command]
pub async fn open_file(session: Shared<'_>, path: PathBuf) -> Result<DocumentState, SessionError> {
    blocking(session, move |s| s.open(&path)).await
}

#[tauri::command]
pub async fn save(session: Shared<'_>) -> Result<DocumentState, SessionError> {
    blocking(session, Session::save).await
}

#[tauri::command]
pub async fn save_as(session: Shared<'_>, path: PathBuf) -> Result<DocumentState, SessionError> {
    blocking(session, move |s| s.save_as(&path)).await
}

#[tauri::command]
pub async fn recent_files(session: Shared<'_>) -> Result<Vec<String>, SessionError> {
    blocking(session, |s| Ok(s.recent())).await
}

/// The newer autosave of the open file, if there is unsaved work to offer back.
#[tauri::command]
pub async fn recovery(session: Shared<'_>) -> Result<Option<String>, SessionError> {
    blocking(session, Session::recovery).await
}

#[tauri::command]
pub async fn recover(session: Shared<'_>) -> Result<DocumentState, SessionError> {
    blocking(session, Session::recover).await
}

#[tauri::command]
pub async fn discard_recovery(session: Shared<'_>) -> Result<(), SessionError> {
    blocking(session, Session::discard_recovery).await
}

#[tauri::command]
pub async fn export_pack(
    session: Shared<'_>,
    path: PathBuf,
    status: Status,
) -> Result<Exported, SessionError> {
    blocking(session, move |s| s.export(&path, status)).await
}

/// Imports a travel matrix CSV into the open appraisal (unsaved until saved); long for a
/// national matrix, so the window polls `import_progress` and may call `cancel_import`.
#[tauri::command]
pub async fn import_matrix(
    session: Shared<'_>,
    path: PathBuf,
) -> Result<MatrixImported, SessionError> {
    blocking(session, move |s| s.import_matrix(&path)).await
}

/// How many bytes of the CSV the running import has read, of how many.
#[tauri::command]
pub fn import_progress(session: Shared<'_>) -> appraise::session::ProgressView {
    session.import_progress()
}

/// Stops the running import; the matrix stays as it was.
#[tauri::command]
pub fn cancel_import(session: Shared<'_>) {
    session.cancel_import();
}

/// Checks a workbook (`kind` none) or a CSV file of `kind` against the open appraisal.
#[tauri::command]
pub async fn preview_spreadsheet(
    session: Shared<'_>,
    path: PathBuf,
    kind: Option<String>,
) -> Result<ImportPreview, SessionError> {
    blocking(session, move |s| {
        s.preview_spreadsheet(&path, kind.as_deref())
    })
    .await
}

/// Commits the import previewed last as one undoable edit.
#[tauri::command]
pub async fn import_spreadsheet(session: Shared<'_>) -> Result<DocumentState, SessionError> {
    blocking(session, Session::import_spreadsheet).await
}

#[tauri::command]
pub async fn write_template(session: Shared<'_>, path: PathBuf) -> Result<(), SessionError> {
    blocking(session, move |s| s.write_template(&path)).await
}

#[tauri::command]
pub async fn export_results(
    session: Shared<'_>,
    path: PathBuf,
) -> Result<Vec<String>, SessionError> {
    blocking(session, move |s| s.export_results(&path)).await
}

/// Writes a scoring workbook per scorer (or those in `scorers`) into the folder `dir`.
#[tauri::command]
pub async fn write_scoring_workbooks(
    session: Shared<'_>,
    dir: PathBuf,
    scorers: Option<Vec<String>>,
) -> Result<Vec<String>, SessionError> {
    blocking(session, move |s| {
        s.write_scoring_workbooks(&dir, scorers.as_deref())
    })
    .await
}

/// Reads scorers' workbooks and previews merging them; nothing changes.
#[tauri::command]
pub async fn preview_score_merge(
    session: Shared<'_>,
    paths: Vec<PathBuf>,
) -> Result<appraise::session::MergePreview, SessionError> {
    blocking(session, move |s| s.preview_score_merge(&paths)).await
}

/// Applies the merge previewed last, each conflict settled by its choice, as one edit.
#[tauri::command]
pub async fn apply_score_merge(
    session: Shared<'_>,
    choices: Vec<Option<appraise::session::Take>>,
) -> Result<DocumentState, SessionError> {
    blocking(session, move |s| s.apply_score_merge(&choices)).await
}

/// The projector view of a panel-scored criterion (the first when none).
#[tauri::command]
pub async fn workshop_view(
    session: Shared<'_>,
    criterion: Option<String>,
) -> Result<appraise::session::WorkshopView, SessionError> {
    blocking(session, move |s| s.workshop_view(criterion.as_deref())).await
}

/// Reads the official files and previews the zones of `area` (LA codes or a distance such as
/// `25km`); nothing changes. The window polls `public_data_progress` meanwhile.
#[tauri::command]
pub async fn preview_public_zones(
    session: Shared<'_>,
    files: appraise::session::PublicZoneFiles,
    area: String,
) -> Result<appraise::session::ZonePreview, SessionError> {
    blocking(session, move |s| s.preview_public_zones(&files, &area)).await
}

/// Applies the zones previewed last as one undoable edit.
#[tauri::command]
pub async fn import_public_zones(session: Shared<'_>) -> Result<DocumentState, SessionError> {
    blocking(session, Session::import_public_zones).await
}

/// Reads the sites of `codes` (ODS codes) from the ODS lists and the postcode directory and
/// previews them; nothing changes. The window polls `public_data_progress` meanwhile.
#[tauri::command]
pub async fn preview_public_sites(
    session: Shared<'_>,
    files: appraise::session::PublicSiteFiles,
    codes: String,
) -> Result<appraise::session::SitePreview, SessionError> {
    blocking(session, move |s| s.preview_public_sites(&files, &codes)).await
}

/// Applies the sites previewed last as one undoable edit.
#[tauri::command]
pub async fn import_public_sites(session: Shared<'_>) -> Result<DocumentState, SessionError> {
    blocking(session, Session::import_public_sites).await
}

/// Computes road times from an OpenStreetMap extract for the open appraisal and applies them
/// as one undoable edit; seconds to minutes, so the window polls `road_times_progress` and may
/// call `cancel_road_times`.
#[tauri::command]
pub async fn compute_road_times(
    session: Shared<'_>,
    path: PathBuf,
) -> Result<appraise::session::RoadTimesDone, SessionError> {
    blocking(session, move |s| s.compute_road_times(&path)).await
}

/// How many sites the running road times computation has searched, of how many.
#[tauri::command]
pub fn road_times_progress(session: Shared<'_>) -> appraise::session::SiteProgressView {
    session.road_times_progress()
}

/// Stops the running road times computation; nothing changes.
#[tauri::command]
pub fn cancel_road_times(session: Shared<'_>) {
    session.cancel_road_times();
}

/// Computes public transport times from GTFS feeds for the open appraisal and applies them as
/// one undoable edit; seconds to minutes, so the window polls `transit_times_progress` and may
/// call `cancel_transit_times`.
#[tauri::command]
pub async fn compute_transit_times(
    session: Shared<'_>,
    request: appraise::session::TransitRequest,
) -> Result<appraise::session::TransitTimesDone, SessionError> {
    blocking(session, move |s| s.compute_transit_times(&request)).await
}

/// Whether the feeds are still being read, and how many sites are searched, of how many.
#[tauri::command]
pub fn transit_times_progress(session: Shared<'_>) -> appraise::session::SiteProgressView {
    session.transit_times_progress()
}

/// Stops the running public transport times computation; nothing changes.
#[tauri::command]
pub fn cancel_transit_times(session: Shared<'_>) {
    session.cancel_transit_times();
}

/// Which step the running build of zones or sites is on, of how many.
#[tauri::command]
pub fn public_data_progress(session: Shared<'_>) -> appraise::session::BuildView {
    session.public_data_progress()
}

/// Opens the pack exported last in the system's PDF viewer (no other file can be opened).
#[tauri::command]
pub async fn open_pack(session: Shared<'_>) -> Result<(), SessionError> {
    blocking(session, |s| {
        crate::viewer::open(&s.last_pack()?).map_err(|e| SessionError::Export(e.to_string()))
    })
    .await
}

/// Closes the window for good; with `discard`, the unsaved changes' autosave goes too.
#[tauri::command]
pub async fn quit(
    session: Shared<'_>,
    window: WebviewWindow,
    discard: bool,
) -> Result<(), SessionError> {
    if discard {
        blocking(session, Session::discard).await?;
    }
    window
        .destroy()
        .map_err(|e| SessionError::Internal(e.to_string()))
}

/// Zooms the window's page by `factor` (Ctrl + and Ctrl -; 1 is actual size): text, controls
/// and charts grow alike, and the layout reflows to the narrower page.
#[tauri::command]
pub fn set_zoom(window: WebviewWindow, factor: f64) -> Result<(), SessionError> {
    window
        .set_zoom(factor.clamp(0.5, 3.0))
        .map_err(|e| SessionError::Internal(e.to_string()))
}

/// What a native file dialog is for.
#[derive(Debug, Clone, Copy, serde::Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Pick {
    /// An appraisal file to open.
    Open,
    /// Where to save the appraisal.
    SaveAppraisal,
    /// Where to write the board pack.
    SavePack,
    /// A travel matrix CSV to import.
    Csv,
    /// A workbook or CSV file to import.
    Spreadsheet,
    /// Where to write a workbook (the template or the results).
    SaveWorkbook,
    /// An official data file (centroids, Census table, deprivation, lookup, ODS list, postcode
    /// directory).
    PublicData,
    /// An OpenStreetMap extract (.osm.pbf) to compute road times from.
    Extract,
    /// A GTFS feed (.zip) to compute public transport times from.
    Feed,
}

/// Shows the system's file dialog and returns the chosen path (none if cancelled). Rust shows
/// it, so the window needs no dialog or file-system permission: it only ever sees a path.
#[tauri::command]
pub async fn pick_path(app: AppHandle, pick: Pick) -> Result<Option<String>, SessionError> {
    tauri::async_runtime::spawn_blocking(move || {
        let dialog = app.dialog().file();
        let chosen = match pick {
            Pick::Open => dialog
                .set_title("Open an appraisal")
                .add_filter("Appraisal", &["appraisal"])
                .blocking_pick_file(),
            Pick::SaveAppraisal => dialog
                .set_title("Save the appraisal as")
                .add_filter("Appraisal", &["appraisal"])
                .blocking_save_file(),
            Pick::Csv => dialog
                .set_title("Import a travel matrix")
                .add_filter("CSV", &["csv"])
                .blocking_pick_file(),
            Pick::Spreadsheet => dialog
                .set_title("Import from a spreadsheet")
                .add_filter("Workbook or CSV", &["xlsx", "csv"])
                .blocking_pick_file(),
            Pick::SaveWorkbook => dialog
                .set_title("Save the workbook as")
                .add_filter("Workbook", &["xlsx"])
                .blocking_save_file(),
            Pick::PublicData => dialog
                .set_title("Choose an official data file")
                .add_filter("CSV or workbook", &["csv", "xlsx"])
                .blocking_pick_file(),
            Pick::Extract => dialog
                .set_title("Choose an OpenStreetMap extract")
                .add_filter("OpenStreetMap extract", &["pbf"])
                .blocking_pick_file(),
            Pick::Feed => dialog
                .set_title("Choose a GTFS timetable feed")
                .add_filter("GTFS feed", &["zip"])
                .blocking_pick_file(),
            Pick::SavePack => dialog
                .set_title("Save the board pack as")
                .add_filter("PDF", &["pdf"])
                .blocking_save_file(),
        };
        chosen
            .map(|p| p.into_path().map(|p| p.display().to_string()))
            .transpose()
            .map_err(|e| SessionError::Internal(e.to_string()))
    })
    .await
    .map_err(|e| SessionError::Internal(e.to_string()))?
}

/// The version, commit, licence and third-party licences for the About screen; the licences
/// are the file generated at build time and embedded with the front end.
#[tauri::command]
pub async fn about(app: AppHandle) -> crate::about::About {
    let asset = app
        .asset_resolver()
        .get(crate::about::LICENCES_ASSET.to_owned());
    crate::about::about(asset.as_ref().map(|a| a.bytes()))
}

/// The terms a board member meets, for the window's help (F1).
#[tauri::command]
pub fn glossary() -> &'static [appraise::session::GlossaryTerm] {
    appraise::session::GLOSSARY
}
