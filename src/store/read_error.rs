//! Why the file's content could not be read back into the model: its own module, since the
//! appraisal reader and the travel matrix reader both return it and the first calls the second.

/// A failure to read the file's content back into the model.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
    #[error("table {table}, row {key}, field {field}: {detail}")]
    Field {
        table: &'static str,
        key: String,
        field: &'static str,
        detail: String,
    },
}
