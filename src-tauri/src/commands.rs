//! Tauri commands: each is a one-liner over [`Session`], run on the blocking pool so file I/O
//! and computation never stall the UI thread.

use std::sync::Arc;

use appraise::summary::Summary;
use tauri::State;

use crate::session::{Session, ShellError};

/// Runs blocking work on Tauri's blocking pool and flattens a join failure into [`ShellError`].
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, ShellError> + Send + 'static,
) -> Result<T, ShellError> {
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(|e| ShellError::Internal(e.to_string()))?
}

/// The loaded appraisal's summary for the first screen.
#[tauri::command]
pub async fn summary(session: State<'_, Arc<Session>>) -> Result<Summary, ShellError> {
    let session = Arc::clone(&session);
    blocking(move || session.summary()).await
}
