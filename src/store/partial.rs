//! Temporary files a write builds beside its destination before renaming them into place, and
//! the leftovers of writes that were killed before they could clean up.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

const SUFFIX: &str = ".partial";

/// The temporary name this process writes `path` under: `NAME.PID.partial`.
pub fn temp_beside(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".{}{SUFFIX}", std::process::id()));
    path.with_file_name(name)
}

/// The process id a leftover of `stem` (`NAME.PID.partial`, or SQLite's `-journal` beside it)
/// was written by, if `entry` is one.
fn writer_of(entry: &str, stem: &str) -> Option<u32> {
    let rest = entry.strip_prefix(stem)?.strip_prefix('.')?;
    let pid = rest
        .strip_suffix(SUFFIX)
        .or_else(|| rest.strip_suffix(".partial-journal"))?;
    pid.parse().ok()
}

/// Whether process `pid` still runs, so its temporary file may still be in use.
#[cfg(target_os = "linux")]
fn running(pid: u32, _modified: Option<std::time::SystemTime>) -> bool {
    Path::new("/proc").join(pid.to_string()).exists()
}

/// Without a portable way to ask, a leftover is taken for a live writer's for a day.
#[cfg(not(target_os = "linux"))]
fn running(_pid: u32, modified: Option<std::time::SystemTime>) -> bool {
    modified
        .and_then(|m| m.elapsed().ok())
        .is_none_or(|age| age < std::time::Duration::from_secs(24 * 60 * 60))
}

/// Removes the temporary files beside `path` left by writes whose process has ended; returns
/// how many. A file that cannot be listed or removed is left alone: cleaning is best effort and
/// never stops the write that asked for it.
pub fn clean_leftovers(path: &Path) -> usize {
    let Some(stem) = path.file_name().map(OsString::from) else {
        return 0;
    };
    let stem = stem.to_string_lossy().into_owned();
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    };
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = writer_of(&name, &stem) else {
            continue;
        };
        let modified = entry.metadata().and_then(|m| m.modified()).ok();
        if pid == std::process::id() || running(pid, modified) {
            continue;
        }
        if std::fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_leftover_is_recognised_by_its_writer() {
        assert_eq!(
            writer_of("t.appraisal.123.partial", "t.appraisal"),
            Some(123)
        );
        assert_eq!(
            writer_of("t.appraisal.77.partial-journal", "t.appraisal"),
            Some(77)
        );
        assert_eq!(writer_of("t.appraisal-journal", "t.appraisal"), None);
        assert_eq!(writer_of("other.appraisal.1.partial", "t.appraisal"), None);
        assert_eq!(writer_of("t.appraisal.x.partial", "t.appraisal"), None);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn leftovers_of_ended_writers_go_and_a_live_writers_stay() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.appraisal");
        // Process ids above the kernel's maximum (4,194,304) never run.
        let dead = dir.path().join("t.appraisal.4194399.partial");
        let dead_journal = dir.path().join("t.appraisal.4194399.partial-journal");
        let live = temp_beside(&path);
        let unrelated = dir.path().join("u.appraisal.4194399.partial");
        for p in [&dead, &dead_journal, &live, &unrelated] {
            std::fs::write(p, b"x").unwrap();
        }
        assert_eq!(clean_leftovers(&path), 2);
        assert!(!dead.exists() && !dead_journal.exists());
        assert!(live.exists() && unrelated.exists());
    }
}
