//! Excel and CSV in and out: the template workbook, imports from workbooks and CSV files, and
//! results workbooks, so strategy teams can move data to and from the spreadsheets it already
//! lives in without retyping.
//!
//! Every import is checked whole before anything is written: each problem is listed by sheet,
//! row and column, and the appraisal file is saved (one transaction, with its audit trail) only
//! when there are none. [`preview`] does the same checks without a file, for the desktop app.

pub mod apply;
pub mod read;
pub mod results;
pub mod schema;
pub mod score_merge;
pub mod scorer_workbook;
pub mod table;
pub mod template;

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

pub use apply::Applied;
pub use schema::Kind;
pub use table::{Problem, Table};

use crate::model::Appraisal;
use crate::store::{self, StoreError};
use crate::validate;

#[derive(Debug, thiserror::Error)]
pub enum SheetError {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: not a readable .xlsx workbook: {reason}", path.display())]
    Workbook { path: PathBuf, reason: String },
    #[error(
        "{}: the workbook is {} MB; Appraise reads workbooks of up to {} MB: put a large travel matrix in a CSV file and use import-csv",
        path.display(),
        bytes / (1024 * 1024),
        read::MAX_WORKBOOK_BYTES / (1024 * 1024)
    )]
    TooLarge { path: PathBuf, bytes: u64 },
    #[error(
        "{}: the workbook unpacks to more than {} MB; Appraise reads workbooks that unpack to at most that: it may be damaged, or built to exhaust memory",
        path.display(),
        read::MAX_UNPACKED_BYTES / (1024 * 1024)
    )]
    Unpacked {
        path: PathBuf,
        /// How far the count got before it stopped: more than the limit.
        bytes: u64,
    },
    #[error("{}: sheet {}: {reason}", path.display(), crate::quote::shorten(sheet))]
    SheetTooLarge {
        path: PathBuf,
        sheet: String,
        reason: String,
    },
    #[error("{}: line {line}: {reason}", path.display())]
    Csv {
        path: PathBuf,
        line: u64,
        reason: String,
    },
    #[error("{}: {}", path.display(), Listed(.problems))]
    Invalid {
        path: PathBuf,
        problems: Vec<Problem>,
    },
    #[error(
        "unknown kind '{0}': the kinds are organisations, baselines, services, sites, zones, options, optionsites, scorers, scores and travel"
    )]
    UnknownKind(String),
    #[error("{}: the workbook has no sheet Appraise reads; its sheets are named after the template's (Organisations, Baselines, ...)", path.display())]
    NothingToImport { path: PathBuf },
    #[error("{}: the workbook could not be written: {reason}", path.display())]
    Write { path: PathBuf, reason: String },
    #[error("there is no scorer '{code}': the scorers are {}", known.join(", "))]
    UnknownScorer { code: String, known: Vec<String> },
    #[error("the appraisal has no scorers: add the panel's scorers first")]
    NoScorers,
    #[error("{}: not a scoring workbook ({missing}): export one per scorer with scoring-workbooks", path.display())]
    NotScoringWorkbook { path: PathBuf, missing: String },
    #[error("the results cannot be exported: the scoring engine could not run: {0}")]
    Scoring(String),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Matrix(#[from] crate::travel::import::ImportError),
}

/// Problems as one message: a count, then one per line.
struct Listed<'a>(&'a [Problem]);

impl fmt::Display for Listed<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} problem{}; nothing was imported",
            self.0.len(),
            if self.0.len() == 1 { "" } else { "s" }
        )?;
        for p in self.0 {
            write!(f, "\n  {p}")?;
        }
        Ok(())
    }
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Imported {
    pub applied: Applied,
    /// Sheets that are not Appraise's and were left alone.
    pub ignored: Vec<String>,
    /// Audit entries recorded by the save.
    pub changes: usize,
}

/// `a` with `tables` applied, or every problem found: bad cells, unknown references, and
/// anything the result would break (dangling references, duplicate codes).
pub fn preview(a: &Appraisal, read: &read::Read) -> Result<(Appraisal, Applied), Vec<Problem>> {
    let mut problems = read.problems.clone();
    let mut next = a.clone();
    let applied = apply::apply(&mut next, &read.tables, &mut problems);
    if problems.is_empty() {
        problems.extend(validate::integrity(&next).into_iter().map(|p| Problem {
            sheet: "the appraisal after import".to_owned(),
            row: 0,
            column: p.path,
            reason: p.message,
        }));
    }
    if problems.is_empty() {
        Ok((next, applied))
    } else {
        Err(problems)
    }
}

/// Imports what `read` holds into the appraisal file `file`: all of it in one transaction, or
/// nothing with every problem listed (named after `source`, the input file).
fn import(file: &Path, source: &Path, read: read::Read) -> Result<Imported, SheetError> {
    if read.tables.is_empty() && read.problems.is_empty() {
        return Err(SheetError::NothingToImport {
            path: source.to_owned(),
        });
    }
    let a = store::open(file)?;
    let (mut next, applied) = preview(&a, &read).map_err(|problems| SheetError::Invalid {
        path: source.to_owned(),
        problems,
    })?;
    let changes = store::save(file, &mut next)?;
    Ok(Imported {
        applied,
        ignored: read.ignored,
        changes,
    })
}

/// `appraise import-xlsx FILE IN.xlsx`: every sheet Appraise recognises.
pub fn import_xlsx(file: &Path, xlsx: &Path) -> Result<Imported, SheetError> {
    import(file, xlsx, read::xlsx(xlsx)?)
}

/// `appraise import-csv FILE KIND IN.csv`: one kind of data. A travel matrix is streamed by
/// the travel importer, which handles national matrices of tens of millions of rows.
pub fn import_csv(file: &Path, kind: &str, csv: &Path) -> Result<Imported, SheetError> {
    let sheet = schema::by_name(kind).ok_or_else(|| SheetError::UnknownKind(kind.to_owned()))?;
    if sheet.kind == Kind::Travel {
        let done = crate::travel::import::import_matrix(file, csv)?;
        return Ok(Imported {
            applied: Applied {
                rows: vec![(sheet.name.to_owned(), done.rows as usize)],
            },
            ignored: Vec::new(),
            changes: usize::from(done.audit.is_some()),
        });
    }
    import(file, csv, read::csv(csv, sheet)?)
}
