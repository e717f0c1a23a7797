//! The app's own version, stamped on what it writes (the pack's appendix, the export's audit
//! entry) so a reader can tell which release made a pack or changed a file. The commit a build
//! came from is the desktop shell's to embed (its build script); the core knows its version.

/// The version of this build, from Cargo.toml (the same as `appraise --version` and the
/// package's version in tauri.conf.json).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// "Appraise 0.1.0": how the app names itself in a pack or an audit entry.
pub fn made_by() -> String {
    format!("Appraise {VERSION}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_app_names_itself_with_its_version_from_cargo_toml() {
        assert_eq!(super::VERSION, "0.1.0");
        assert_eq!(super::made_by(), "Appraise 0.1.0");
    }
}
