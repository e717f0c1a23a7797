//! The input fingerprint printed on every page, so a board member can tell which version of
//! the appraisal a pack was made from.
//!
//! What is hashed: the SHA-256 of the appraisal's JSON text form ([`textform::to_string`]:
//! the `{"format", "version", "appraisal"}` envelope, pretty-printed, ending in a newline) with
//! the appraisal's `audit` trail and `exports` records emptied. Those two only record history
//! (saves and exports), so re-exporting or saving without a change keeps the fingerprint; any
//! change to the appraisal's content (meta, settings, organisations, sites, services, zones,
//! options, criteria, weightings, weight sets, scorers, scores, performances, travel inputs)
//! changes it.

use sha2::{Digest, Sha256};

use crate::model::Appraisal;
use crate::textform;

/// Hex digits of the short form shown in every page's footer.
pub const SHORT: usize = 12;

/// The full fingerprint: 64 lower-case hex digits.
pub fn fingerprint(a: &Appraisal) -> String {
    let mut content = a.clone();
    content.audit.clear();
    content.exports.clear();
    let digest = Sha256::digest(textform::to_string(&content).as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The first [`SHORT`] hex digits.
pub fn short(full: &str) -> &str {
    full.get(..SHORT).unwrap_or(full)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AuditEntry, ExportRecord};

    #[test]
    fn history_does_not_change_the_fingerprint_but_content_does() {
        let a = crate::demo::appraisal();
        let f = fingerprint(&a);
        assert_eq!(f.len(), 64);
        assert!(f.chars().all(|c| c.is_ascii_hexdigit()));
        let mut b = a.clone();
        b.audit.push(AuditEntry {
            at: "2026-01-01T00:00:00Z".into(),
            who: "x".into(),
            what: "y".into(),
            old: None,
            new: None,
        });
        b.exports.push(ExportRecord {
            at: "t".into(),
            fingerprint: f.clone(),
            path: "p".into(),
        });
        assert_eq!(fingerprint(&b), f);
        b.meta.title.push('!');
        assert_ne!(fingerprint(&b), f);
        assert_eq!(short(&f).len(), SHORT);
    }
}
