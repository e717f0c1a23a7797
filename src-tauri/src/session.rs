//! The appraisal the window works on, loaded once on first use.

use std::path::PathBuf;
use std::sync::Mutex;

use appraise::Appraisal;
use appraise::summary::Summary;
use serde::Serialize;

/// Where the appraisal comes from.
#[derive(Debug, Clone)]
pub enum Source {
    /// The built-in illustrative demo.
    Demo,
    /// An `.appraisal` file named on the command line.
    File(PathBuf),
}

/// The loaded appraisal. Loading is deferred to the first command so a slow or broken file
/// never blocks window creation, and a failure reaches the window as a message.
pub struct Session {
    source: Source,
    appraisal: Mutex<Option<Appraisal>>,
}

/// Errors as the front end sees them: `{ kind, message }`.
#[derive(Debug, thiserror::Error)]
pub enum ShellError {
    /// The file could not be read; the core's message already names the file.
    #[error("{0}")]
    Open(String),
    #[error("internal error: {0}")]
    Internal(String),
}

impl ShellError {
    fn kind(&self) -> &'static str {
        match self {
            ShellError::Open(_) => "open",
            ShellError::Internal(_) => "internal",
        }
    }
}

impl Serialize for ShellError {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("ShellError", 2)?;
        s.serialize_field("kind", self.kind())?;
        s.serialize_field("message", &self.to_string())?;
        s.end()
    }
}

impl Session {
    pub fn new(source: Source) -> Self {
        Session {
            source,
            appraisal: Mutex::new(None),
        }
    }

    /// Runs `f` on the appraisal, loading it first if needed. Blocking: call off the main thread.
    pub fn with<T>(&self, f: impl FnOnce(&Appraisal) -> T) -> Result<T, ShellError> {
        let mut slot = self
            .appraisal
            .lock()
            .map_err(|_| ShellError::Internal("appraisal lock poisoned".to_owned()))?;
        if slot.is_none() {
            *slot = Some(self.load()?);
        }
        match slot.as_ref() {
            Some(appraisal) => Ok(f(appraisal)),
            None => Err(ShellError::Internal("appraisal not loaded".to_owned())),
        }
    }

    /// The summary for the first screen.
    pub fn summary(&self) -> Result<Summary, ShellError> {
        self.with(Summary::of)
    }

    fn load(&self) -> Result<Appraisal, ShellError> {
        match &self.source {
            Source::Demo => Ok(appraise::demo::appraisal()),
            Source::File(path) => {
                appraise::store::open(path).map_err(|e| ShellError::Open(e.to_string()))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_reach_the_front_end_as_kind_and_message() {
        let json = serde_json::to_value(ShellError::Open("no such file".to_owned())).unwrap();
        assert_eq!(
            json,
            serde_json::json!({ "kind": "open", "message": "no such file" })
        );
    }

    #[test]
    fn the_demo_loads_on_first_use() {
        let summary = Session::new(Source::Demo).summary().unwrap();
        assert!(summary.illustrative);
        assert!(summary.title.starts_with("Illustrative"));
    }

    #[test]
    fn a_bad_file_is_an_open_error_not_a_panic() {
        let path = std::env::temp_dir().join("appraise-desktop-test-missing.appraisal");
        let error = Session::new(Source::File(path)).summary().unwrap_err();
        assert_eq!(error.kind(), "open");
    }
}
