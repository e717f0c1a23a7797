//! The board pack: a typeset A4 PDF made from an appraisal and its engines' results.
//!
//! [`PackInput`] holds every section's data, each as a result or the reason it is not yet
//! assessed, so a section with missing data says so rather than failing or showing zeros.
//! [`pack`] turns it into PDF bytes (typst, compiled in memory, see world.rs); [`export`]
//! opens an appraisal file, writes the pack under a temporary name beside its destination,
//! renames it into place and records the export in the appraisal file.

mod bidi;
mod doc;
pub mod escape;
mod fields;
pub mod fingerprint;
mod glyphs;
mod outlines;
mod sections;
mod source;
mod world;

pub use sections::HEADINGS;

use std::io::Write;
use std::path::{Path, PathBuf};

use time::OffsetDateTime;
use typst::foundations::{Datetime, Smart};
use typst_layout::PagedDocument;

use crate::assessed;
use crate::evaluation::{EngineResults, Evaluation};
use crate::finance::FinanceResults;
use crate::model::{Appraisal, AuditEntry, ExportRecord, Status};
use crate::score::Results;
use crate::sensitivity::DrawProgress;
use crate::store::{self, Revision, StoreError};
use crate::travel::TravelResults;
use crate::validate::{Problem, Severity};

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error(
        "'{title}' has no options to appraise: add at least one option before exporting a pack"
    )]
    NoOptions { title: String },
    /// A Final pack asked for while a section is not assessed or a validation error stands.
    #[error(
        "the pack cannot be marked Final: {}. Export it as a Draft, or complete the appraisal first",
        reasons.join("; ")
    )]
    NotFinal { reasons: Vec<String> },
    #[error(transparent)]
    Store(Box<StoreError>),
    /// A pack error, naming the appraisal file it came from.
    #[error("{}: {source}", file.display())]
    Pack {
        file: PathBuf,
        source: Box<ReportError>,
    },
    #[error("the pack could not be typeset: {0}")]
    Typeset(String),
    #[error("{}: the pack could not be written: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "the pack was written to {} but could not be recorded in the appraisal file: {source}",
        pack.display()
    )]
    Record {
        pack: PathBuf,
        source: Box<StoreError>,
    },
}

impl From<StoreError> for ReportError {
    fn from(e: StoreError) -> Self {
        ReportError::Store(Box::new(e))
    }
}

/// The robustness analysis the pack shows: run now if nothing has asked for it yet; not run
/// when the scoring engine could not.
fn sensitivity_of(a: &Appraisal, evaluation: &Evaluation) -> Assessed<Robustness> {
    match evaluation.score() {
        Ok(_) => evaluation
            .robustness(a, &DrawProgress::default())
            .clone()
            .map_err(|e| NotAssessed(format!("the sensitivity analysis could not run: {e}"))),
        Err(_) => Err(NotAssessed(
            "the sensitivity analysis needs the scoring engine's results".to_owned(),
        )),
    }
}

/// Why a section's data is missing; the pack prints it after "Not yet assessed:".
#[derive(Debug, Clone, PartialEq)]
pub struct NotAssessed(pub String);

/// A section's data, or why it is not yet assessed.
pub type Assessed<T> = Result<T, NotAssessed>;

/// The sensitivity analysis as the pack shows it: the same run, under the appraisal's stored
/// settings, as the Sensitivity screen and `appraise sensitivity`.
pub use crate::sensitivity::Robustness;

/// Everything the pack is made from.
pub struct PackInput<'a> {
    pub appraisal: &'a Appraisal,
    pub score: Assessed<Results>,
    pub finance: Assessed<FinanceResults>,
    pub travel: Assessed<TravelResults>,
    pub sensitivity: Assessed<Robustness>,
    /// Validation's problems, for the pack's list and for what stops a Final pack.
    pub problems: Vec<Problem>,
    /// The appraisal's fingerprint, printed on every page and recorded with the export.
    pub fingerprint: String,
}

impl<'a> PackInput<'a> {
    /// The pack of `a` from `evaluation`, its engines' results (the robustness analysis runs
    /// now if nothing has asked for it yet).
    pub fn new(a: &'a Appraisal, evaluation: &Evaluation) -> PackInput<'a> {
        PackInput {
            fingerprint: fingerprint::fingerprint(a),
            ..PackInput::unfingerprinted(a, evaluation)
        }
    }

    /// [`PackInput::new`] with the fingerprint left empty, for an export to make while the
    /// source is written.
    fn unfingerprinted(a: &'a Appraisal, evaluation: &Evaluation) -> PackInput<'a> {
        let sensitivity = sensitivity_of(a, evaluation);
        PackInput::assemble(
            a,
            EngineResults {
                score: evaluation.score().clone(),
                finance: evaluation.finance().clone(),
                travel: evaluation.travel().clone(),
                problems: evaluation.problems().to_vec(),
            },
            sensitivity,
            String::new(),
        )
    }

    /// Evaluates `a` and makes its pack input: for a pack with no open document behind it.
    pub fn compute(a: &'a Appraisal) -> PackInput<'a> {
        let evaluation = Evaluation::of(a);
        let fingerprint = fingerprint::fingerprint(a);
        PackInput::taking(a, evaluation, fingerprint)
    }

    /// The pack of `a` from `evaluation`, whose results it takes rather than copies, and
    /// `fingerprint` (empty for an export, which makes it while the source is written).
    fn taking(a: &'a Appraisal, evaluation: Evaluation, fingerprint: String) -> PackInput<'a> {
        let sensitivity = sensitivity_of(a, &evaluation);
        PackInput::assemble(a, evaluation.into_results(), sensitivity, fingerprint)
    }

    fn assemble(
        a: &'a Appraisal,
        results: EngineResults,
        sensitivity: Assessed<Robustness>,
        fingerprint: String,
    ) -> PackInput<'a> {
        let score = results
            .score
            .map_err(|e| NotAssessed(format!("the scoring engine could not run: {e}")));
        let sensitivity = match &score {
            Ok(_) => sensitivity,
            Err(_) => Err(NotAssessed(
                "the sensitivity analysis needs the scoring engine's results".to_owned(),
            )),
        };
        let mut input = PackInput {
            appraisal: a,
            score,
            finance: results
                .finance
                .map_err(|e| NotAssessed(format!("the viability model could not run: {e}"))),
            travel: results
                .travel
                .map_err(|e| NotAssessed(format!("the travel engine could not run: {e}"))),
            sensitivity,
            problems: results.problems,
            fingerprint,
        };
        input.unassess(assessed::gaps(a));
        input
    }

    /// Marks each part with no data behind it as not assessed, whatever its engine made of
    /// nothing (with no zones, no journey grows): the pack then says so instead of a figure.
    fn unassess(&mut self, gaps: Vec<assessed::Gap>) {
        for gap in gaps {
            let why = NotAssessed(gap.reason);
            match gap.part {
                assessed::Part::Scores => {
                    self.score = Err(why);
                    self.sensitivity = Err(NotAssessed(
                        "the sensitivity analysis needs the options to be scored".to_owned(),
                    ));
                }
                assessed::Part::Finance => self.finance = Err(why),
                assessed::Part::Travel => self.travel = Err(why),
            }
        }
        if let Ok(t) = &self.travel
            && let Some(reason) = t.unmeasured()
        {
            self.travel = Err(NotAssessed(reason));
        }
    }

    /// Why this pack cannot be marked Final: each section not assessed and each validation
    /// error, in the pack's order; empty when it can.
    pub fn final_blockers(&self) -> Vec<String> {
        let sections = [
            ("the ranking", self.score.as_ref().err()),
            ("viability", self.finance.as_ref().err()),
            ("travel and equality", self.travel.as_ref().err()),
            ("sensitivity", self.sensitivity.as_ref().err()),
        ];
        let mut reasons: Vec<String> = sections
            .into_iter()
            .filter_map(|(name, why)| {
                why.map(|NotAssessed(r)| format!("{name} is not assessed ({r})"))
            })
            .collect();
        reasons.extend(
            self.problems
                .iter()
                .filter(|p| p.severity == Severity::Error)
                .map(|p| format!("a validation error stands: {}", p.message)),
        );
        reasons
    }
}

/// How to export.
#[derive(Debug, Clone)]
pub struct PackOptions {
    /// DRAFT or FINAL on the cover and in every page's header.
    pub status: Status,
    /// The export time: the pack's date, and the only clock the typesetting reads.
    pub at: OffsetDateTime,
}

impl PackOptions {
    /// An export of `a` now, as `status` or else as the appraisal's own status.
    fn of(a: &Appraisal, status: Option<Status>) -> PackOptions {
        PackOptions {
            status: status.unwrap_or(a.meta.status),
            at: OffsetDateTime::now_utc(),
        }
    }
}

/// Typesets the pack and returns the PDF's bytes.
pub fn pack(input: &PackInput, options: &PackOptions) -> Result<Vec<u8>, ReportError> {
    typeset(source_of(input, options)?, &input.fingerprint, options)
}

/// The pack's source and chart files, which do not depend on its fingerprint; or why there is
/// no pack to make.
fn source_of(input: &PackInput, options: &PackOptions) -> Result<source::Document, ReportError> {
    let a = input.appraisal;
    if a.options.is_empty() {
        return Err(ReportError::NoOptions {
            title: a.meta.title.clone(),
        });
    }
    if options.status == Status::Final {
        let reasons = input.final_blockers();
        if !reasons.is_empty() {
            return Err(ReportError::NotFinal { reasons });
        }
    }
    source::document(input, options)
}

/// The PDF of the pack whose source and chart files are `document`, its fingerprint
/// `fingerprint`.
fn typeset(
    (src, files): source::Document,
    fingerprint: &str,
    options: &PackOptions,
) -> Result<Vec<u8>, ReportError> {
    let src = source::fingerprint_prelude(fingerprint) + &src;
    let at = options.at.to_offset(time::UtcOffset::UTC);
    let date = Datetime::from_ymd_hms(
        at.year(),
        u8::from(at.month()),
        at.day(),
        at.hour(),
        at.minute(),
        at.second(),
    );
    let world = world::PackWorld::new(src, files, date)
        .ok_or_else(|| ReportError::Typeset("the pack's virtual files are invalid".to_owned()))?;
    let compiled = typst::compile::<PagedDocument>(&world).output;
    // Keep typst's memoisation cache from growing without bound in a long-running app, while
    // letting repeated exports of a barely changed appraisal reuse recent layout.
    typst::comemo::evict(10);
    let document = compiled.map_err(|errors| ReportError::Typeset(describe(&errors)))?;
    let pdf_options = typst_pdf::PdfOptions {
        ident: Smart::Custom(fingerprint.to_owned()),
        timestamp: date.map(typst_pdf::Timestamp::new_utc),
        // Tagged PDF conforming to PDF/UA-1: headings, tables, figures with alt text and
        // reading order are marked up for screen readers, and the export fails rather than
        // write a pack that breaks the standard.
        tagged: true,
        standards: typst_pdf::PdfStandards::new(&[typst_pdf::PdfStandard::Ua_1])
            .map_err(|e| ReportError::Typeset(e.message().to_string()))?,
        ..Default::default()
    };
    typst_pdf::pdf(&document, &pdf_options)
        .map_err(|errors| ReportError::Typeset(describe(&errors)))
}

/// typst's errors, each once: one fault repeats for every place a name is printed.
fn describe(errors: &[typst::diag::SourceDiagnostic]) -> String {
    let mut seen = std::collections::HashSet::new();
    errors
        .iter()
        .map(|e| e.message.to_string())
        .filter(|m| seen.insert(m.clone()))
        .collect::<Vec<_>>()
        .join("; ")
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportOutcome {
    pub pack: PathBuf,
    pub fingerprint: String,
    pub bytes: usize,
    /// What the appraisal file now records of the export, so an open document can keep its
    /// audit trail the file's.
    pub record: ExportRecord,
    pub entry: AuditEntry,
}

/// Exports the pack of the appraisal in `file` to `out`, recording it in `file`: the command
/// line's export, with no open document. The fingerprint is made while the engines run and
/// the pack's source is written (the hashing is one thread's work, the engines and the maps
/// use the others).
pub fn export(
    file: &Path,
    out: &Path,
    status: Option<Status>,
) -> Result<ExportOutcome, ReportError> {
    let a = store::open(file)?;
    let options = PackOptions::of(&a, status);
    let (source, fingerprint) = rayon::join(
        || {
            source_of(
                &PackInput::taking(&a, Evaluation::of(&a), String::new()),
                &options,
            )
        },
        || fingerprint::fingerprint(&a),
    );
    // The source is written: the appraisal (a national matrix's 84 MB of cells with it) goes
    // before the typesetting.
    let revision = Revision::of(&a);
    drop(a);
    finish(revision, source, fingerprint, &options, file, out)
}

/// Exports the pack of `a` from `evaluation`, its engines' results (`a` as last read from or
/// saved to `file`), to `out`, recording the export in `file`. The fingerprint is made while
/// the pack's source is written.
pub fn export_evaluated(
    a: &Appraisal,
    evaluation: &Evaluation,
    file: &Path,
    out: &Path,
    status: Option<Status>,
) -> Result<ExportOutcome, ReportError> {
    let options = PackOptions::of(a, status);
    let (source, fingerprint) = rayon::join(
        || source_of(&PackInput::unfingerprinted(a, evaluation), &options),
        || fingerprint::fingerprint(a),
    );
    finish(Revision::of(a), source, fingerprint, &options, file, out)
}

/// Typesets the pack from its `source`, writes it to `out` and records the export in `file`,
/// whose appraisal the pack was made from at `revision`.
///
/// The PDF is written under a temporary name beside `out` and renamed into place, so a failed
/// export never leaves a half-written pack; only once it is in place is the export recorded
/// (its time, fingerprint and path, and an audit entry "report exported") in one transaction,
/// refused if another program changed the file since.
fn finish(
    revision: Revision,
    source: Result<source::Document, ReportError>,
    fingerprint: String,
    options: &PackOptions,
    file: &Path,
    out: &Path,
) -> Result<ExportOutcome, ReportError> {
    let bytes = source
        .and_then(|document| typeset(document, &fingerprint, options))
        .map_err(|e| ReportError::Pack {
            file: file.to_owned(),
            source: Box::new(e),
        })?;
    write_atomically(out, &bytes)?;
    let shown = std::path::absolute(out).unwrap_or_else(|_| out.to_owned());
    let record = ExportRecord {
        at: store::timestamp(options.at),
        fingerprint: fingerprint.clone(),
        path: shown.display().to_string(),
    };
    let entry =
        store::record_export(file, &record, &revision).map_err(|source| ReportError::Record {
            pack: out.to_owned(),
            source: Box::new(source),
        })?;
    Ok(ExportOutcome {
        pack: out.to_owned(),
        fingerprint,
        bytes: bytes.len(),
        record,
        entry,
    })
}

/// Writes `bytes` to a temporary file beside `out`, then renames it over `out`.
fn write_atomically(out: &Path, bytes: &[u8]) -> Result<(), ReportError> {
    let fail = |source| ReportError::Write {
        path: out.to_owned(),
        source,
    };
    store::partial::clean_leftovers(out);
    let temp = store::partial::temp_beside(out);
    let written = std::fs::File::create(&temp)
        .and_then(|mut f| f.write_all(bytes).and_then(|()| f.sync_all()))
        .and_then(|()| std::fs::rename(&temp, out));
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written.map_err(fail)
}
