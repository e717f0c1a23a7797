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
//! The text is hashed as it is made, never held whole (a national travel matrix makes it
//! about 460 MB), from a view of the appraisal without its history (not a copy): first the
//! text with the matrix's `times` empty, then, spliced in where that empty list is, the text of
//! the matrix's columns, made on every core a batch at a time.

use memchr::memmem;
use rayon::prelude::*;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::model::{
    Appraisal, AppraisalOption, AuditEntry, Criterion, ExportRecord, Meta, Organisation,
    Performance, Score, Scorer, Service, Settings, Site, TravelEstimator, TravelMatrix, WeightSet,
    Weighting, WithoutTimes, Zone,
};
use crate::textform;

/// Hex digits of the short form shown in every page's footer.
pub const SHORT: usize = 12;

/// An appraisal's fields in order, its history empty, and its matrix as `M` serializes it:
/// serialized as the appraisal with `audit` and `exports` cleared.
#[derive(Serialize)]
struct Content<'a, M: Serialize> {
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
    travel_matrix: M,
    audit: &'a [AuditEntry],
    exports: &'a [ExportRecord],
}

impl<'a, M: Serialize> Content<'a, M> {
    /// `a`'s content with `matrix` in place of its travel matrix.
    fn of(a: &'a Appraisal, matrix: M) -> Self {
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
            travel_matrix: _,
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
            travel_matrix: matrix,
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
    let matrix = &a.travel_matrix;
    let digest = spliced(a, matrix).unwrap_or_else(|| streamed(a, matrix));
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The hash of the text as serde writes it, in one stream: the reference [`spliced`] must
/// equal, and what is used should it fail.
fn streamed(a: &Appraisal, matrix: &TravelMatrix) -> [u8; 32] {
    let mut hashing = Hashing(Sha256::new());
    // Writing to a hash cannot fail; serializing the model does not either.
    let _ = textform::write_to(&mut hashing, &Content::of(a, matrix));
    hashing.0.finalize().into()
}

/// The `times` list of the matrix's text form is inside the envelope, the appraisal and the
/// matrix: its elements sit four levels in, its closing bracket three.
const TIMES_DEPTH: usize = 3;

/// Columns whose text is made at once, per core: a few megabytes each.
const COLUMNS_AT_ONCE: usize = 8;

/// The hash of the same text, the matrix's columns made in parallel and spliced into the text
/// written with them left out; None should that text not be written.
fn spliced(a: &Appraisal, m: &TravelMatrix) -> Option<[u8; 32]> {
    let mut text = Vec::new();
    textform::write_to(&mut text, &Content::of(a, WithoutTimes(m))).ok()?;
    let columns = m.modes().len() * m.sites().len();
    let mut hash = Sha256::new();
    // The last `"times": []` is the matrix's: nothing written after it (its bases and
    // public transport basis, the empty history) has that key, and a quote inside a string is
    // escaped.
    let Some(at) = memmem::rfind(&text, br#""times": []"#).filter(|_| columns > 0) else {
        hash.update(&text);
        return Some(hash.finalize().into());
    };
    let open = at + br#""times": ["#.len();
    hash.update(&text[..open]);
    let batch = COLUMNS_AT_ONCE * rayon::current_num_threads().max(1);
    let make = |start: usize| -> Vec<Vec<u8>> {
        (start..(start + batch).min(columns))
            .into_par_iter()
            .map(|i| {
                let mut out = Vec::new();
                m.write_column_text(i, TIMES_DEPTH + 1, &mut out);
                out
            })
            .collect()
    };
    // Each batch is hashed while the next is made.
    let mut made = make(0);
    for start in (batch..columns + batch).step_by(batch) {
        let hashing = std::mem::take(&mut made);
        let (next, ()) = rayon::join(
            || {
                if start < columns {
                    make(start)
                } else {
                    Vec::new()
                }
            },
            || hashing.iter().for_each(|t| hash.update(t)),
        );
        made = next;
    }
    hash.update(b"\n");
    hash.update("  ".repeat(TIMES_DEPTH).as_bytes());
    hash.update(&text[open..]);
    Some(hash.finalize().into())
}

/// The first [`SHORT`] hex digits.
pub fn short(full: &str) -> &str {
    full.get(..SHORT).unwrap_or(full)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        AuditEntry, ExportRecord, RoadBasis, RoadSettings, TravelMatrix, TravelMode,
    };

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
    /// matrix of every mode (more columns than are written at once) with values, gaps, a site
    /// code JSON escapes and a road basis.
    #[test]
    fn the_streamed_fingerprint_is_the_hash_of_the_text_without_history() {
        let mut a = crate::demo::appraisal();
        a.sites[1].code = "S \"1\"\n\u{e9}".to_owned();
        for o in &mut a.options {
            o.site_services.retain(|s| s.site != a.sites[1].code);
        }
        let cells = a.zones.len() * a.sites.len() * TravelMode::ALL.len();
        a.travel_matrix = TravelMatrix::new(
            a.zones.iter().map(|z| z.code.clone()).collect(),
            a.sites.iter().map(|s| s.code.clone()).collect(),
            TravelMode::ALL.to_vec(),
            (0..cells)
                .map(|i| if i % 7 == 3 { f32::NAN } else { i as f32 / 3.0 })
                .collect(),
        )
        .unwrap();
        a.travel_matrix.set_bases(vec![RoadBasis {
            extract: "england-latest.osm.pbf".into(),
            extract_timestamp: None,
            sha256: "00".repeat(32),
            computed_at: "2026-12-04T23:00:00Z".into(),
            modes: vec![TravelMode::Car],
            settings: RoadSettings::default(),
        }]);
        assert!(a.travel_matrix.cells().len() > 16 * a.zones.len());
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
        let m = &a.travel_matrix;
        assert_eq!(spliced(&a, m), Some(streamed(&a, m)));
        // No matrix: nothing to splice.
        let none = TravelMatrix::default();
        assert_eq!(spliced(&a, &none), Some(streamed(&a, &none)));
        // And the figure itself, so a change to the text form shows here too.
        assert_eq!(fingerprint(&crate::demo::appraisal()), DEMO);
    }

    /// The demo's fingerprint as the pack prints it.
    const DEMO: &str = "266e52ccdf732359a3150346c7463c74ae4527ed9b2c2b25e8053742ccd62d29";
}
