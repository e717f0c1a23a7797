//! Spreadsheet import previewed before it is committed: the window reads a workbook or a CSV
//! file, sees every problem (nothing changes) or what would be imported, and only then commits
//! it to the open appraisal as one undoable edit. Also the template and results workbooks.

use std::path::Path;

use serde::Serialize;

use crate::evaluation::Evaluation;
use crate::model::Appraisal;
use crate::sheets::{self, Problem, SheetError, read::Read, schema};

#[derive(Debug, thiserror::Error)]
pub enum SpreadsheetError {
    #[error(transparent)]
    Sheet(#[from] SheetError),
    #[error("there is no previewed import to apply: preview the file first")]
    NoPreview,
    #[error("the appraisal has changed since the import was previewed: preview the file again")]
    Stale,
    /// A matrix CSV can hold tens of millions of rows: it is streamed by the travel screen's
    /// import (progress, cancel) rather than read whole for a preview.
    #[error(
        "a travel matrix CSV is imported on the Travel and equality screen, which reads national matrices with progress and cancel"
    )]
    MatrixCsv,
}

/// Rows of one sheet that an import adds or changes.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct SheetRows {
    pub sheet: String,
    pub rows: usize,
}

/// What the window shows before an import is committed: every problem (and then nothing can
/// be imported), or the rows each sheet would add or change.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ImportPreview {
    /// The file's name, for the heading.
    pub source: String,
    pub problems: Vec<Problem>,
    /// Empty when there are problems.
    pub rows: Vec<SheetRows>,
    /// Sheets that are not Appraise's and would be left alone.
    pub ignored: Vec<String>,
}

impl ImportPreview {
    pub fn can_import(&self) -> bool {
        self.problems.is_empty()
    }
}

/// A previewed import waiting to be committed, valid only for the revision it was made on.
#[derive(Debug, Clone)]
pub struct Pending {
    pub revision: u64,
    pub appraisal: Appraisal,
    pub label: String,
}

/// Reads `path`: a workbook when `kind` is none, else a CSV file of that kind (`zones`,
/// `scores`, ...).
pub fn read(path: &Path, kind: Option<&str>) -> Result<Read, SpreadsheetError> {
    let read = match kind {
        None => sheets::read::xlsx(path)?,
        Some(k) => {
            let sheet = schema::by_name(k).ok_or_else(|| SheetError::UnknownKind(k.to_owned()))?;
            if sheet.kind == schema::Kind::Travel {
                return Err(SpreadsheetError::MatrixCsv);
            }
            sheets::read::csv(path, sheet)?
        }
    };
    if read.tables.is_empty() && read.problems.is_empty() {
        return Err(SheetError::NothingToImport {
            path: path.to_owned(),
        }
        .into());
    }
    Ok(read)
}

/// Checks what `path` holds against `a`: the preview, and the appraisal as it would be after
/// the import when there are no problems. `a` is not changed.
pub fn preview(
    a: &Appraisal,
    path: &Path,
    kind: Option<&str>,
) -> Result<(ImportPreview, Option<Appraisal>), SpreadsheetError> {
    let read = read(path, kind)?;
    let source = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let ignored = read.ignored.clone();
    Ok(match sheets::preview(a, &read) {
        Ok((next, applied)) => (
            ImportPreview {
                source,
                problems: Vec::new(),
                rows: applied
                    .rows
                    .into_iter()
                    .map(|(sheet, rows)| SheetRows { sheet, rows })
                    .collect(),
                ignored,
            },
            Some(next),
        ),
        Err(problems) => (
            ImportPreview {
                source,
                problems,
                rows: Vec::new(),
                ignored,
            },
            None,
        ),
    })
}

/// Writes the empty template workbook, with a note on every column.
pub fn write_template(path: &Path) -> Result<(), SpreadsheetError> {
    Ok(sheets::template::write_template(path)?)
}

/// Writes `a`'s results (its `evaluation`) as a workbook; returns the notes on anything left
/// out.
pub fn export_results(
    a: &Appraisal,
    evaluation: &Evaluation,
    path: &Path,
) -> Result<Vec<String>, SpreadsheetError> {
    Ok(sheets::results::write_xlsx(a, evaluation, path)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zones_csv(dir: &Path, body: &str) -> std::path::PathBuf {
        let path = dir.join("zones.csv");
        let mut text = String::from("code,name,latitude,longitude,population,imd_decile\n");
        text.push_str(body);
        std::fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn a_good_csv_previews_its_rows_and_the_appraisal_after() {
        let dir = tempfile::tempdir().unwrap();
        let a = crate::demo::appraisal();
        let csv = zones_csv(dir.path(), "NEWZONE,Newtown,52.8,-2.1,1234,3\n");
        let (p, next) = preview(&a, &csv, Some("zones")).unwrap();
        assert!(p.can_import(), "{:?}", p.problems);
        assert_eq!(p.source, "zones.csv");
        assert_eq!(
            p.rows,
            [SheetRows {
                sheet: "Zones".into(),
                rows: 1
            }]
        );
        let next = next.unwrap();
        assert_eq!(next.zones.len(), a.zones.len() + 1);
        let z = next.zones.iter().find(|z| z.code == "NEWZONE").unwrap();
        assert_eq!((z.population, z.imd_decile), (1234.0, 3));
    }

    #[test]
    fn a_bad_cell_is_a_problem_named_by_sheet_row_and_column() {
        let dir = tempfile::tempdir().unwrap();
        let a = crate::demo::appraisal();
        let csv = zones_csv(dir.path(), "NEWZONE,Newtown,52.8,-2.1,lots,3\n");
        let (p, next) = preview(&a, &csv, Some("zones")).unwrap();
        assert!(next.is_none());
        assert!(p.rows.is_empty());
        assert_eq!(p.problems.len(), 1, "{:?}", p.problems);
        let problem = &p.problems[0];
        assert_eq!((problem.row, problem.column.as_str()), (2, "population"));
        assert!(
            problem
                .to_string()
                .starts_with("zones.csv, row 2, column population: ")
        );
    }

    #[test]
    fn a_workbook_from_the_template_imports_and_an_unknown_kind_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let a = crate::demo::appraisal();
        let book = dir.path().join("data.xlsx");
        sheets::template::write_data(&a, &book).unwrap();
        let (p, next) = preview(&a, &book, None).unwrap();
        assert!(p.can_import(), "{:?}", p.problems);
        let zones = p.rows.iter().find(|r| r.sheet == "Zones").unwrap();
        assert_eq!(zones.rows, a.zones.len());
        assert_eq!(next.unwrap().zones, a.zones);

        let e = read(&book, Some("wards")).unwrap_err();
        assert!(e.to_string().contains("unknown kind 'wards'"), "{e}");
        let e = read(&book, Some("travel")).unwrap_err();
        assert!(matches!(e, SpreadsheetError::MatrixCsv), "{e}");
    }

    #[test]
    fn the_template_and_results_workbooks_are_written() {
        let dir = tempfile::tempdir().unwrap();
        let template = dir.path().join("template.xlsx");
        write_template(&template).unwrap();
        let read = sheets::read::xlsx(&template).unwrap();
        assert!(read.problems.is_empty(), "{:?}", read.problems);
        let results = dir.path().join("results.xlsx");
        let a = crate::demo::appraisal();
        export_results(&a, &Evaluation::of(&a), &results).unwrap();
        assert!(std::fs::metadata(&results).unwrap().len() > 1000);
    }
}
