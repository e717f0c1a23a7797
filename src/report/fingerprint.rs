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
//!
//! The text is hashed as it is written, from a view of the appraisal without its history: a
//! national travel matrix makes it about 460 MB, which is never held, and the appraisal is not
//! copied.

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::model::{
    Appraisal, AppraisalOption, AuditEntry, Criterion, ExportRecord, Meta, Organisation,
    Performance, Score, Scorer, Service, Settings, Site, TravelEstimator, TravelMatrix, WeightSet,
    Weighting, Zone,
};
use crate::textform;

/// Hex digits of the short form shown in every page's footer.
pub const SHORT: usize = 12;

/// An appraisal's fields in order, its history empty: serialized as the appraisal with
/// `audit` and `exports` cleared.
#[derive(Serialize)]
struct Content<'a> {
    meta: &'a Meta,
    settings: &'a Settings,
    organisations: &'a [Organisation],
    sites: &'a [Site],
    services: &'a [Service],
    zones: &'a [Zone],
    options: &'a [AppraisalOption],
    criteria: &'a [Criterion],
    weightings: &'a [Weighting],
    weight_sets: &'a [WeightSet],
    scorers: &'a [Scorer],
    scores: &'a [Score],
    performances: &'a [Performance],
    travel_estimator: &'a TravelEstimator,
    travel_matrix: &'a TravelMatrix,
    audit: &'a [AuditEntry],
    exports: &'a [ExportRecord],
}

impl<'a> Content<'a> {
    fn of(a: &'a Appraisal) -> Self {
        // Every field named, none left out: a field added to the appraisal fails to compile
        // here until the fingerprint covers it.
        let Appraisal {
            meta,
            settings,
            organisations,
            sites,
            services,
            zones,
            options,
            criteria,
            weightings,
            weight_sets,
            scorers,
            scores,
            performances,
            travel_estimator,
            travel_matrix,
            audit: _,
            exports: _,
        } = a;
        Content {
            meta,
            settings,
            organisations,
            sites,
            services,
            zones,
            options,
            criteria,
            weightings,
            weight_sets,
            scorers,
            scores,
            performances,
            travel_estimator,
            travel_matrix,
            audit: &[],
            exports: &[],
        }
    }
}

/// SHA-256 as a writer.
struct Hashing(Sha256);

impl std::io::Write for Hashing {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.update(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The full fingerprint: 64 lower-case hex digits.
pub fn fingerprint(a: &Appraisal) -> String {
    let mut hashing = Hashing(Sha256::new());
    // Writing to a hash cannot fail; serializing the model does not either.
    let _ = textform::write_to(&mut hashing, &Content::of(a));
    let digest = hashing.0.finalize();
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The first [`SHORT`] hex digits.
pub fn short(full: &str) -> &str {
    full.get(..SHORT).unwrap_or(full)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AuditEntry, ExportRecord, TravelMode};

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

    /// The streamed hash of the view is the hash of the text of a copy with its history
    /// emptied, as the fingerprint was first made: here for the demo with a history and a
    /// matrix with values and gaps.
    #[test]
    fn the_streamed_fingerprint_is_the_hash_of_the_text_without_history() {
        let mut a = crate::demo::appraisal();
        let cells = a.zones.len() * a.sites.len() * 2;
        a.travel_matrix = TravelMatrix::new(
            a.zones.iter().map(|z| z.code.clone()).collect(),
            a.sites.iter().map(|s| s.code.clone()).collect(),
            vec![TravelMode::Car, TravelMode::PublicTransport],
            (0..cells)
                .map(|i| if i % 7 == 3 { f32::NAN } else { i as f32 / 3.0 })
                .collect(),
        )
        .unwrap();
        a.audit.push(AuditEntry {
            at: "2026-01-01T00:00:00Z".into(),
            who: "x".into(),
            what: "y".into(),
            old: None,
            new: None,
        });
        let mut cleared = a.clone();
        cleared.audit.clear();
        cleared.exports.clear();
        let digest = Sha256::digest(textform::to_string(&cleared).as_bytes());
        let whole: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(fingerprint(&a), whole);
        // And the figure itself, so a change to the text form shows here too.
        assert_eq!(fingerprint(&crate::demo::appraisal()), DEMO);
    }

    /// The demo's fingerprint as the pack prints it.
    const DEMO: &str = "266e52ccdf732359a3150346c7463c74ae4527ed9b2c2b25e8053742ccd62d29";
}
