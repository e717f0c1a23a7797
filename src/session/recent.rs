//! The recently opened files, newest first, kept as JSON in the app's config folder.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// How many files the list keeps.
pub const MAX: usize = 10;

#[derive(Debug, thiserror::Error)]
pub enum RecentError {
    #[error("the recent files list {} could not be written: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RecentFiles {
    pub files: Vec<PathBuf>,
}

impl RecentFiles {
    /// Reads the list; a missing or unreadable list is an empty one (it is only a convenience).
    pub fn load(path: &Path) -> RecentFiles {
        std::fs::read_to_string(path)
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default()
    }

    /// Puts `file` first, without duplicates, keeping at most [`MAX`].
    pub fn add(&mut self, file: &Path) {
        let file = std::path::absolute(file).unwrap_or_else(|_| file.to_owned());
        self.files.retain(|f| *f != file);
        self.files.insert(0, file);
        self.files.truncate(MAX);
    }

    /// Writes the list under a temporary name and renames it into place.
    pub fn save(&self, path: &Path) -> Result<(), RecentError> {
        let fail = |source| RecentError::Write {
            path: path.to_owned(),
            source,
        };
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(fail)?;
        }
        let text =
            serde_json::to_string_pretty(self).map_err(|e| fail(std::io::Error::other(e)))?;
        let mut temp = path.as_os_str().to_owned();
        temp.push(".partial");
        let temp = PathBuf::from(temp);
        std::fs::write(&temp, text)
            .and_then(|()| std::fs::rename(&temp, path))
            .map_err(fail)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newest_first_without_duplicates_and_capped() {
        let dir = tempfile::tempdir().unwrap();
        let list = dir.path().join("config/recent.json");
        assert_eq!(RecentFiles::load(&list), RecentFiles::default());
        let mut r = RecentFiles::default();
        for i in 0..12 {
            r.add(Path::new(&format!("/f/{i}.appraisal")));
        }
        r.add(Path::new("/f/5.appraisal"));
        assert_eq!(r.files.len(), MAX);
        assert_eq!(r.files[0], PathBuf::from("/f/5.appraisal"));
        assert_eq!(r.files[1], PathBuf::from("/f/11.appraisal"));
        assert_eq!(
            r.files
                .iter()
                .filter(|f| f.ends_with("5.appraisal"))
                .count(),
            1
        );
        r.save(&list).unwrap();
        assert_eq!(RecentFiles::load(&list), r);
        std::fs::write(&list, "not json").unwrap();
        assert_eq!(RecentFiles::load(&list), RecentFiles::default());
    }
}
