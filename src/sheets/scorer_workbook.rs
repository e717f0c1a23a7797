//! One scoring workbook per scorer, for a panel that scores in a workshop or between meetings:
//! every option x panel-scored criterion with the scorer's current score and rationale, the
//! scale and what its levels mean, and instructions. Only the score and rationale cells can be
//! changed (the sheet is protected); the score and rationale as exported are kept in hidden
//! columns, so a merge can tell a scorer's change from a change made in the appraisal since.

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{
    DataValidation, DataValidationRule, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
    XlsxError,
};

use super::SheetError;
use super::read::{self, SheetRows};
use super::schema::{Column, ColumnType, Kind, Sheet};
use super::table::{Cell, Problem, Table};
use super::template::write_atomically;
use crate::model::{Appraisal, CriterionKind, Scorer, Source};

/// The sheet scorers fill in.
pub const SCORING: &str = "Scoring";
/// The sheet naming whose workbook it is, with the instructions.
pub const ABOUT: &str = "About";
/// The sheet with the scale's levels.
pub const SCALE: &str = "Scale";
/// The label on the About sheet beside the scorer's code, which the merge reads.
const SCORER_LABEL: &str = "Scorer code";

const NUMBER: ColumnType = ColumnType::Number {
    min: None,
    max: None,
};

/// The Scoring sheet's columns, in order. The last two are hidden: what the workbook was
/// exported with.
const COLUMNS: [Column; 8] = [
    column(
        "option",
        ColumnType::Text,
        true,
        "The option's code. Do not change.",
    ),
    column("option_name", ColumnType::Text, false, "Do not change."),
    column(
        "criterion",
        ColumnType::Text,
        true,
        "The criterion's code. Do not change.",
    ),
    column("criterion_name", ColumnType::Text, false, "Do not change."),
    column(
        "score",
        NUMBER,
        false,
        "Your score on the panel scale (see the Scale sheet).",
    ),
    column(
        "rationale",
        ColumnType::Paragraph,
        false,
        "Why you gave this score.",
    ),
    column("exported_score", NUMBER, false, "The score as exported."),
    column(
        "exported_rationale",
        ColumnType::Paragraph,
        false,
        "The rationale as exported.",
    ),
];

const fn column(
    name: &'static str,
    kind: ColumnType,
    required: bool,
    note: &'static str,
) -> Column {
    Column {
        name,
        kind,
        required,
        note,
    }
}

/// The Scoring sheet as [`Table`] reads it.
static SHEET: Sheet = Sheet {
    kind: Kind::Scores,
    name: SCORING,
    about: "A scorer's scores for every option on each panel-scored criterion.",
    columns: &COLUMNS,
};

/// The score and rationale in one cell of a scorer's grid.
#[derive(Debug, Clone, PartialEq)]
pub struct Given {
    pub value: f64,
    pub rationale: String,
}

/// One row of a scorer's workbook as read.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// 1-based, as the spreadsheet shows it.
    pub row: usize,
    pub option: String,
    pub criterion: String,
    /// None when the score cell is blank.
    pub score: Option<f64>,
    pub rationale: String,
    /// The score and rationale the workbook was exported with; None when there was no score.
    pub exported: Option<Given>,
}

/// A scorer's workbook as read: whose it is, its rows, and the cells that could not be read.
#[derive(Debug, Clone, PartialEq)]
pub struct ScorerWorkbook {
    /// The file's name, for messages.
    pub file: String,
    /// The scorer's code from the About sheet.
    pub scorer: String,
    /// The row of the About sheet holding the scorer's code.
    pub scorer_row: usize,
    pub rows: Vec<Row>,
    /// Bad cells, named by sheet, row and column.
    pub problems: Vec<Problem>,
}

/// The name of `scorer`'s workbook: their code and name, in letters, digits and hyphens only,
/// so it needs no quoting on a command line.
pub fn file_name(scorer: &Scorer) -> String {
    let mut safe = String::new();
    for c in format!("{} {}", scorer.code, scorer.name).chars() {
        if c.is_alphanumeric() || c == '_' {
            safe.push(c);
        } else if !safe.ends_with('-') {
            safe.push('-');
        }
    }
    let safe: String = safe.trim_matches('-').chars().take(80).collect();
    format!("scoring-{safe}.xlsx")
}

/// The panel-scored criteria, in the appraisal's order.
pub fn panel_criteria(a: &Appraisal) -> impl Iterator<Item = &crate::model::Criterion> {
    a.criteria
        .iter()
        .filter(|c| matches!(&c.kind, CriterionKind::Leaf(spec) if spec.source == Source::Panel))
}

/// Writes a workbook for each scorer in `scorers` (every scorer when None) into `dir`; returns
/// the paths written. An unknown scorer code is refused before anything is written.
pub fn write_all(
    a: &Appraisal,
    dir: &Path,
    scorers: Option<&[String]>,
) -> Result<Vec<PathBuf>, SheetError> {
    let chosen: Vec<&Scorer> = match scorers {
        None => a.scorers.iter().collect(),
        Some(codes) => codes
            .iter()
            .map(|code| {
                a.scorers.iter().find(|s| s.code == *code).ok_or_else(|| {
                    SheetError::UnknownScorer {
                        code: code.clone(),
                        known: a.scorers.iter().map(|s| s.code.clone()).collect(),
                    }
                })
            })
            .collect::<Result<_, _>>()?,
    };
    if chosen.is_empty() {
        return Err(SheetError::NoScorers);
    }
    if !dir.is_dir() {
        return Err(SheetError::Io {
            path: dir.to_owned(),
            source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such folder"),
        });
    }
    let mut written = Vec::new();
    for scorer in chosen {
        let path = dir.join(file_name(scorer));
        write(a, scorer, &path)?;
        written.push(path);
    }
    Ok(written)
}

/// Writes `scorer`'s workbook to `path`.
pub fn write(a: &Appraisal, scorer: &Scorer, path: &Path) -> Result<(), SheetError> {
    let bytes = workbook(a, scorer).map_err(|e| SheetError::Write {
        path: path.to_owned(),
        reason: e.to_string(),
    })?;
    write_atomically(path, &bytes)
}

fn workbook(a: &Appraisal, scorer: &Scorer) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let scoring = book.add_worksheet();
    scoring_sheet(scoring, a, scorer)?;
    scoring.set_active(true);
    about_sheet(book.add_worksheet(), a, scorer)?;
    scale_sheet(book.add_worksheet(), a)?;
    book.save_to_buffer()
}

fn scoring_sheet(ws: &mut Worksheet, a: &Appraisal, scorer: &Scorer) -> Result<(), XlsxError> {
    ws.set_name(SCORING)?;
    let header = Format::new()
        .set_bold()
        .set_background_color("#DDEBF7")
        .set_border_bottom(FormatBorder::Thin)
        .set_text_wrap();
    let fixed = Format::new()
        .set_background_color("#EEEEEE")
        .set_align(FormatAlign::Top)
        .set_text_wrap();
    let open = Format::new()
        .set_unlocked()
        .set_background_color("#FFF2CC")
        .set_align(FormatAlign::Top);
    let open_wrap = open.clone().set_text_wrap();
    let widths = [10.0, 30.0, 12.0, 30.0, 10.0, 60.0, 10.0, 30.0];
    for (c, (column, width)) in COLUMNS.iter().zip(widths).enumerate() {
        let c = c as u16;
        ws.write_string_with_format(0, c, column.name, &header)?;
        ws.set_column_width(c, width)?;
    }
    ws.set_column_hidden(6)?;
    ws.set_column_hidden(7)?;
    let scale = &a.settings.panel_scale;
    let mut row = 1u32;
    for c in panel_criteria(a) {
        for o in &a.options {
            let score = a
                .scores
                .iter()
                .find(|s| s.option == o.code && s.criterion == c.code && s.scorer == scorer.code);
            ws.write_string_with_format(row, 0, &o.code, &fixed)?;
            ws.write_string_with_format(row, 1, &o.name, &fixed)?;
            ws.write_string_with_format(row, 2, &c.code, &fixed)?;
            ws.write_string_with_format(row, 3, &c.name, &fixed)?;
            match score {
                Some(s) => {
                    ws.write_number_with_format(row, 4, s.value, &open)?;
                    ws.write_string_with_format(row, 5, &s.rationale, &open_wrap)?;
                    ws.write_number(row, 6, s.value)?;
                    ws.write_string(row, 7, &s.rationale)?;
                }
                None => {
                    ws.write_blank(row, 4, &open)?;
                    ws.write_blank(row, 5, &open_wrap)?;
                }
            }
            row += 1;
        }
    }
    if row > 1 {
        let rule = DataValidation::new()
            .allow_decimal_number(DataValidationRule::Between(scale.min, scale.max))
            .set_error_title("Score")?
            .set_error_message(format!(
                "A score is a number from {} to {} (see the Scale sheet).",
                scale.min, scale.max
            ))?;
        ws.add_data_validation(1, 4, row - 1, 4, &rule)?;
    }
    ws.set_freeze_panes(1, 0)?;
    ws.protect();
    Ok(())
}

fn about_sheet(ws: &mut Worksheet, a: &Appraisal, scorer: &Scorer) -> Result<(), XlsxError> {
    ws.set_name(ABOUT)?;
    let title = Format::new().set_bold().set_font_size(14);
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    ws.set_column_width(0, 18)?;
    ws.set_column_width(1, 100)?;
    ws.write_string_with_format(
        0,
        0,
        format!("Scoring workbook for {}", scorer.name),
        &title,
    )?;
    let scale = &a.settings.panel_scale;
    let facts = [
        (SCORER_LABEL, scorer.code.clone()),
        ("Scorer", scorer.name.clone()),
        ("Role", scorer.role.clone()),
        ("Appraisal", a.meta.title.clone()),
        ("Scale", format!("{} to {}", scale.min, scale.max)),
    ];
    for (i, (label, value)) in facts.iter().enumerate() {
        let r = i as u32 + 2;
        ws.write_string_with_format(r, 0, *label, &bold)?;
        ws.write_string(r, 1, value)?;
    }
    let instructions = [
        "Fill in the yellow cells of the Scoring sheet: a score for every option on each criterion, and the rationale for it. The grey columns name the option and criterion: they cannot be changed.",
        "The Scale sheet says what each level of the scale means. A score must be a number on the scale.",
        "Leave a score blank if you are not scoring that option on that criterion. Clearing a score that was already there does not remove it: ask whoever keeps the appraisal.",
        "Do not rename the sheets or this workbook's scorer code. Send the workbook back when it is done: it is merged into the appraisal, and any score changed in the appraisal since this workbook was made is shown as a conflict to be settled before anything changes.",
    ];
    ws.write_string_with_format(8, 0, "Instructions", &bold)?;
    for (i, text) in instructions.iter().enumerate() {
        let r = i as u32 + 8;
        ws.write_string_with_format(r, 1, *text, &wrap)?;
        ws.set_row_height(r, 45)?;
    }
    ws.protect();
    Ok(())
}

fn scale_sheet(ws: &mut Worksheet, a: &Appraisal) -> Result<(), XlsxError> {
    ws.set_name(SCALE)?;
    let bold = Format::new().set_bold().set_background_color("#DDEBF7");
    ws.set_column_width(0, 10)?;
    ws.set_column_width(1, 90)?;
    ws.write_string_with_format(0, 0, "score", &bold)?;
    ws.write_string_with_format(0, 1, "meaning", &bold)?;
    let scale = &a.settings.panel_scale;
    ws.write_number(1, 0, scale.min)?;
    ws.write_string(1, 1, "the lowest score")?;
    ws.write_number(2, 0, scale.max)?;
    ws.write_string(2, 1, "the highest score")?;
    for (i, d) in scale.descriptors.iter().enumerate() {
        let r = i as u32 + 4;
        ws.write_number(r, 0, d.score)?;
        ws.write_string(r, 1, &d.text)?;
    }
    ws.protect();
    Ok(())
}

/// Reads the scorer's workbook at `path`: whose it is and its rows, each bad cell a problem.
/// A file without the Scoring and About sheets, or without a scorer code, is refused.
pub fn read(path: &Path) -> Result<ScorerWorkbook, SheetError> {
    let file = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let not_scoring = |missing: String| SheetError::NotScoringWorkbook {
        path: path.to_owned(),
        missing,
    };
    let mut sheets = read::named_sheets(path, &[ABOUT, SCORING])?.into_iter();
    let about = sheets
        .next()
        .flatten()
        .ok_or_else(|| not_scoring(format!("no {ABOUT} sheet")))?;
    let scoring = sheets
        .next()
        .flatten()
        .ok_or_else(|| not_scoring(format!("no {SCORING} sheet")))?;
    let (scorer_row, scorer) = scorer_of(&about)
        .ok_or_else(|| not_scoring(format!("no '{SCORER_LABEL}' on its {ABOUT} sheet")))?;
    let mut problems = Vec::new();
    let mut rows = scoring.into_iter();
    let Some((header_row, header)) = rows.next() else {
        return Err(not_scoring(format!("an empty {SCORING} sheet")));
    };
    let mut table = Table::new(&SHEET, SCORING, header_row, &header, &mut problems);
    for (row, cells) in rows {
        table.push(row, cells);
    }
    let mut read = Vec::new();
    for i in 0..table.rows.len() {
        let Some(mut r) = table.row(i, &mut problems) else {
            continue;
        };
        let option = r.text("option");
        let criterion = r.text("criterion");
        let score = r.number("score");
        let rationale = r.text("rationale").unwrap_or_default();
        let exported_score = r.number("exported_score");
        let exported_rationale = r.text("exported_rationale").unwrap_or_default();
        let (Some(option), Some(criterion)) = (option, criterion) else {
            continue;
        };
        read.push(Row {
            row: r.number,
            option,
            criterion,
            score,
            rationale,
            exported: exported_score.map(|value| Given {
                value,
                rationale: exported_rationale,
            }),
        });
    }
    Ok(ScorerWorkbook {
        file,
        scorer,
        scorer_row,
        rows: read,
        problems,
    })
}

/// The scorer's code beside [`SCORER_LABEL`] on the About sheet, with its row.
fn scorer_of(about: &SheetRows) -> Option<(usize, String)> {
    about
        .iter()
        .find_map(|(row, cells)| match cells.as_slice() {
            [Cell::Text(label), Cell::Text(code), ..]
                if label.trim() == SCORER_LABEL && !code.trim().is_empty() =>
            {
                Some((*row, code.trim().to_owned()))
            }
            _ => None,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_workbook_reads_back_what_it_was_written_with() {
        let dir = tempfile::tempdir().unwrap();
        let a = crate::demo::appraisal();
        let written = write_all(&a, dir.path(), Some(&["FD".to_owned()])).unwrap();
        assert_eq!(
            written,
            [dir.path().join("scoring-FD-Ben-Example-fictional.xlsx")]
        );
        let book = read(&written[0]).unwrap();
        assert_eq!(book.scorer, "FD");
        assert_eq!(book.file, "scoring-FD-Ben-Example-fictional.xlsx");
        assert!(book.problems.is_empty(), "{:?}", book.problems);
        let panel = panel_criteria(&a).count();
        assert_eq!(book.rows.len(), panel * a.options.len());
        // Every row carries the score it was exported with, as its score.
        for r in &book.rows {
            let s = a
                .scores
                .iter()
                .find(|s| s.option == r.option && s.criterion == r.criterion && s.scorer == "FD");
            assert_eq!(r.score, s.map(|s| s.value), "row {}", r.row);
            assert_eq!(r.exported.as_ref().map(|g| g.value), r.score);
            assert_eq!(
                r.exported.as_ref().map(|g| g.rationale.as_str()),
                s.map(|s| s.rationale.as_str())
            );
        }
        assert_eq!(book.rows[0].row, 2);
    }

    #[test]
    fn an_unknown_scorer_is_refused_by_name_before_anything_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let a = crate::demo::appraisal();
        let e = write_all(&a, dir.path(), Some(&["MD".to_owned(), "ZZ".to_owned()])).unwrap_err();
        assert_eq!(
            e.to_string(),
            "there is no scorer 'ZZ': the scorers are MD, FD, PR"
        );
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn a_file_name_keeps_only_what_a_file_name_can_hold() {
        let s = Scorer {
            code: "X/1".into(),
            name: "A: B*C".into(),
            role: String::new(),
        };
        assert_eq!(file_name(&s), "scoring-X-1-A-B-C.xlsx");
    }
}
