//! What the About screen shows: the version, the commit the app was built from, its licence and
//! the third-party licences generated when it was built (scripts/licenses.sh writes them into
//! ui/dist, which the binary embeds), so an information-governance reviewer can check what they
//! approve without the source.

use serde::Serialize;

/// The embedded front-end file holding every third-party licence.
pub const LICENCES_ASSET: &str = "third-party-licenses.txt";

/// The app's version and provenance, as the About screen shows them.
#[derive(Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct About {
    /// The version, as `appraise --version` prints it.
    pub version: String,
    /// The git commit this binary was built from (40 hex digits), or "unknown".
    pub commit: String,
    /// The app's own licence (SPDX).
    pub licence: String,
    /// Every Rust crate's and npm package's licence, as generated at build time; empty when
    /// this build was made without them.
    pub third_party: String,
}

/// The commit embedded by build.rs.
pub const COMMIT: &str = env!("APPRAISE_COMMIT");

/// The About facts, with `licences` the embedded licences file (if this build has one).
pub fn about(licences: Option<&[u8]>) -> About {
    About {
        version: appraise::session::VERSION.to_owned(),
        commit: COMMIT.to_owned(),
        licence: env!("CARGO_PKG_LICENSE").to_owned(),
        third_party: licences
            .map(|bytes| String::from_utf8_lossy(bytes).into_owned())
            .unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_commit_is_the_checkouts_head_and_the_licence_is_mit() {
        let a = about(Some("Third-party licences of Appraise\n".as_bytes()));
        assert_eq!(a.version, "0.1.0");
        assert_eq!(a.licence, "MIT");
        assert_eq!(a.third_party, "Third-party licences of Appraise\n");
        let head = std::process::Command::new("git")
            .args(["rev-parse", "HEAD"])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .ok()
            .filter(|out| out.status.success() && std::env::var_os("APPRAISE_COMMIT").is_none());
        match head {
            Some(out) => assert_eq!(a.commit, String::from_utf8(out.stdout).unwrap().trim()),
            None => assert!(!a.commit.is_empty()),
        }
        assert_eq!(about(None).third_party, "");
    }
}
