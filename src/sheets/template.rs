//! The template workbook, and the same workbook filled with an appraisal's data: an About
//! sheet, then a sheet per kind of data with its header, a note on every column, and data
//! validation (lists of codes, number ranges) so mistakes are caught as they are typed.

use std::path::Path;

use rust_xlsxwriter::{
    DataValidation, DataValidationRule, Format, FormatAlign, Note, Workbook, Worksheet, XlsxError,
};

use super::SheetError;
use super::schema::{self, Column, ColumnType, Kind, SHEETS};
use crate::model::{Appraisal, CriterionKind, OptionKind, OrgKind, Source, TravelMode};

/// Rows the data validation covers below the header.
const VALIDATED_ROWS: u32 = 100_000;

/// A cell to write.
pub enum Value {
    Text(String),
    Number(f64),
    Blank,
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::Text(s.to_owned())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::Text(s)
    }
}

impl From<f64> for Value {
    fn from(n: f64) -> Value {
        Value::Number(n)
    }
}

impl From<Option<f64>> for Value {
    fn from(n: Option<f64>) -> Value {
        n.map_or(Value::Blank, Value::Number)
    }
}

fn xlsx_error(path: &Path) -> impl Fn(XlsxError) -> SheetError + '_ {
    move |e| SheetError::Write {
        path: path.to_owned(),
        reason: e.to_string(),
    }
}

/// Writes `bytes` to `path` through a temporary file beside it and a rename, so a failed
/// write never leaves a half-written workbook.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), SheetError> {
    let io = |source: std::io::Error| SheetError::Io {
        path: path.to_owned(),
        source,
    };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path.file_name().map_or_else(
        || "workbook".to_owned(),
        |n| n.to_string_lossy().into_owned(),
    );
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    std::fs::write(&temp, bytes).map_err(io)?;
    std::fs::rename(&temp, path).map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        io(e)
    })
}

/// `appraise template OUT.xlsx`: the empty template.
pub fn write_template(path: &Path) -> Result<(), SheetError> {
    let bytes = workbook(None).map_err(xlsx_error(path))?;
    write_atomically(path, &bytes)
}

/// The template filled with `a`'s data, ready to edit and import again.
pub fn write_data(a: &Appraisal, path: &Path) -> Result<(), SheetError> {
    let bytes = workbook(Some(a)).map_err(xlsx_error(path))?;
    write_atomically(path, &bytes)
}

fn workbook(a: Option<&Appraisal>) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    about(book.add_worksheet())?;
    for sheet in &SHEETS {
        let ws = book.add_worksheet();
        ws.set_name(sheet.name)?;
        header(ws, sheet.columns)?;
        if let Some(a) = a {
            for (r, row) in rows(a, sheet.kind).into_iter().enumerate() {
                write_row(ws, r as u32 + 1, row)?;
            }
        }
    }
    book.save_to_buffer()
}

fn about(ws: &mut Worksheet) -> Result<(), XlsxError> {
    ws.set_name("About")?;
    let title = Format::new().set_bold().set_font_size(14);
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    ws.set_column_width(0, 24)?;
    ws.set_column_width(1, 100)?;
    ws.write_string_with_format(0, 0, "Appraise data workbook", &title)?;
    ws.write_string_with_format(
        1,
        0,
        "Fill in the sheets you need and import the workbook with `appraise import-xlsx FILE IN.xlsx` or from the app. Rows add or replace entries by their code; nothing is imported unless every row is good, and every problem is listed by sheet, row and column. Codes are case-sensitive. Sheets not listed here are ignored.",
        &wrap,
    )?;
    ws.set_row_height(1, 60)?;
    for (i, sheet) in SHEETS.iter().enumerate() {
        let row = i as u32 + 3;
        ws.write_string_with_format(row, 0, sheet.name, &Format::new().set_bold())?;
        ws.write_string_with_format(row, 1, sheet.about, &wrap)?;
    }
    Ok(())
}

fn header(ws: &mut Worksheet, columns: &[Column]) -> Result<(), XlsxError> {
    let bold = Format::new()
        .set_bold()
        .set_background_color("#DDEBF7")
        .set_border_bottom(rust_xlsxwriter::FormatBorder::Thin);
    for (c, column) in columns.iter().enumerate() {
        let c = c as u16;
        ws.write_string_with_format(0, c, column.name, &bold)?;
        ws.set_column_width(c, (column.name.len() as f64 + 4.0).max(12.0))?;
        let required = if column.required {
            "Required. "
        } else {
            "Optional. "
        };
        ws.insert_note(0, c, &Note::new(format!("{required}{}", column.note)))?;
        if let Some(v) = validation(column)? {
            ws.add_data_validation(1, c, VALIDATED_ROWS, c, &v)?;
        }
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

fn validation(column: &Column) -> Result<Option<DataValidation>, XlsxError> {
    let v =
        match column.kind {
            ColumnType::Text | ColumnType::Paragraph | ColumnType::List => return Ok(None),
            ColumnType::Choice(codes) => DataValidation::new().allow_list_strings(codes)?,
            ColumnType::Whole { min, max } => DataValidation::new()
                .allow_whole_number(DataValidationRule::Between(min as i32, max as i32)),
            ColumnType::Number { min, max } => match (min, max) {
                (Some(a), Some(b)) => {
                    DataValidation::new().allow_decimal_number(DataValidationRule::Between(a, b))
                }
                (Some(a), None) => DataValidation::new()
                    .allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(a)),
                (None, Some(b)) => DataValidation::new()
                    .allow_decimal_number(DataValidationRule::LessThanOrEqualTo(b)),
                (None, None) => DataValidation::new()
                    .allow_decimal_number(DataValidationRule::Between(-1e15, 1e15)),
            },
        };
    Ok(Some(
        // Excel allows 32 characters in a validation title.
        v.set_error_title(column.name.chars().take(32).collect::<String>())?
            .set_error_message(column.note)?,
    ))
}

fn write_row(ws: &mut Worksheet, row: u32, values: Vec<Value>) -> Result<(), XlsxError> {
    for (c, v) in values.into_iter().enumerate() {
        let c = c as u16;
        match v {
            Value::Text(s) if s.is_empty() => {}
            Value::Text(s) => {
                ws.write_string(row, c, s)?;
            }
            Value::Number(n) => {
                ws.write_number(row, c, n)?;
            }
            Value::Blank => {}
        }
    }
    Ok(())
}

/// `a`'s data as the rows of `kind`'s sheet, in the sheet's column order.
pub fn rows(a: &Appraisal, kind: Kind) -> Vec<Vec<Value>> {
    match kind {
        Kind::Organisations => a
            .organisations
            .iter()
            .map(|o| {
                vec![
                    o.code.as_str().into(),
                    o.name.as_str().into(),
                    schema::code_of(&OrgKind::ALL, &schema::ORG_KINDS, o.kind).into(),
                    o.cqc_rating
                        .map_or(Value::Blank, |r| schema::CQC_RATINGS[r as usize].into()),
                    o.projection.income_growth.into(),
                    o.projection.pay_inflation.into(),
                    o.projection.non_pay_inflation.into(),
                    o.projection.cip.into(),
                ]
            })
            .collect(),
        Kind::Baselines => a
            .organisations
            .iter()
            .flat_map(|o| {
                o.baseline.iter().map(|y| {
                    let mut row: Vec<Value> =
                        vec![o.code.as_str().into(), f64::from(y.year).into()];
                    row.extend(y.lines().into_iter().map(Value::from));
                    row
                })
            })
            .collect(),
        Kind::Services => a
            .services
            .iter()
            .map(|s| {
                let threshold = |mode: TravelMode| {
                    Value::from(
                        s.thresholds
                            .iter()
                            .find(|t| t.mode == mode)
                            .map(|t| t.minutes),
                    )
                };
                vec![
                    s.code.as_str().into(),
                    s.name.as_str().into(),
                    threshold(TravelMode::Car),
                    threshold(TravelMode::CarPeak),
                    threshold(TravelMode::BlueLight),
                    threshold(TravelMode::PublicTransport),
                ]
            })
            .collect(),
        Kind::Sites => a
            .sites
            .iter()
            .map(|s| {
                vec![
                    s.code.as_str().into(),
                    s.name.as_str().into(),
                    s.organisation.as_str().into(),
                    s.latitude.into(),
                    s.longitude.into(),
                    s.services.join("; ").into(),
                ]
            })
            .collect(),
        Kind::Zones => a
            .zones
            .iter()
            .map(|z| {
                vec![
                    z.code.as_str().into(),
                    z.name.as_str().into(),
                    z.latitude.into(),
                    z.longitude.into(),
                    z.population.into(),
                    f64::from(z.imd_decile).into(),
                    z.households.into(),
                    z.households_without_car.into(),
                ]
            })
            .collect(),
        Kind::Options => a
            .options
            .iter()
            .map(|o| {
                vec![
                    o.code.as_str().into(),
                    o.name.as_str().into(),
                    schema::code_of(&OptionKind::ALL, &schema::OPTION_KINDS, o.kind).into(),
                    o.description.as_str().into(),
                    o.members.join("; ").into(),
                ]
            })
            .collect(),
        Kind::OptionSites => a
            .options
            .iter()
            .flat_map(|o| {
                o.site_services.iter().map(|ss| {
                    vec![
                        o.code.as_str().into(),
                        ss.site.as_str().into(),
                        ss.service.as_str().into(),
                    ]
                })
            })
            .collect(),
        Kind::Scorers => a
            .scorers
            .iter()
            .map(|s| {
                vec![
                    s.code.as_str().into(),
                    s.name.as_str().into(),
                    s.role.as_str().into(),
                ]
            })
            .collect(),
        Kind::Scores => {
            let panel = |code: &str| {
                a.criteria.iter().any(|c| {
                    c.code == code
                        && matches!(&c.kind, CriterionKind::Leaf(l) if l.source == Source::Panel)
                })
            };
            a.scores
                .iter()
                .filter(|s| panel(&s.criterion))
                .map(|s| {
                    vec![
                        s.scorer.as_str().into(),
                        s.option.as_str().into(),
                        s.criterion.as_str().into(),
                        s.value.into(),
                        s.rationale.as_str().into(),
                        s.evidence.as_str().into(),
                    ]
                })
                .collect()
        }
        Kind::Travel => {
            let m = &a.travel_matrix;
            let mut out = Vec::new();
            for (mi, mode) in m.modes().iter().enumerate() {
                for (si, site) in m.sites().iter().enumerate() {
                    for (zi, minutes) in m.column(mi, si).iter().enumerate() {
                        if minutes.is_nan() {
                            continue;
                        }
                        out.push(vec![
                            m.zones()[zi].as_str().into(),
                            site.as_str().into(),
                            schema::code_of(&TravelMode::ALL, &schema::MODES, *mode).into(),
                            f64::from(*minutes).into(),
                        ]);
                    }
                }
            }
            out
        }
    }
}
