//! A sheet or CSV file as read: its header and rows of cells, whatever the file format, and
//! typed access to a row's cells that records a [`Problem`] naming the sheet, row and column
//! instead of failing at the first.

use std::fmt;

use serde::Serialize;

use super::schema::{Column, ColumnType, Sheet};
use crate::limits::{self, Text};
use crate::quote::shorten;

/// One cell as the file holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Bool(bool),
    /// A cell formatted as a date or time (its serial number is kept for the message).
    Date(String),
    /// A formula error (#DIV/0!, #REF!, ...) or a formula without a computed value.
    Error(String),
}

/// Where in the input a problem is, and why, in words an analyst can act on.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "SheetProblem"))]
pub struct Problem {
    /// The sheet's name, or the CSV file's.
    pub sheet: String,
    /// 1-based, as a spreadsheet shows it; 0 when the problem is with the whole sheet.
    pub row: usize,
    /// The column's name; empty when the problem is with a row or the sheet.
    pub column: String,
    pub reason: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.sheet)?;
        if self.row > 0 {
            write!(f, ", row {}", self.row)?;
        }
        if !self.column.is_empty() {
            write!(f, ", column {}", self.column)?;
        }
        write!(f, ": {}", self.reason)
    }
}

/// A sheet's rows, with the columns found in its header.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub sheet: &'static Sheet,
    /// What the input calls it (the workbook's sheet name or the CSV file's name).
    pub source: String,
    /// For each of the sheet's columns, its position in the input's rows, when present.
    positions: Vec<Option<usize>>,
    /// (1-based row number, cells) for each non-empty data row.
    pub rows: Vec<(usize, Vec<Cell>)>,
}

impl Table {
    /// Matches `header` (the input's first row, at `header_row`) to `sheet`'s columns. Unknown,
    /// repeated and missing required columns are problems.
    pub fn new(
        sheet: &'static Sheet,
        source: &str,
        header_row: usize,
        header: &[Cell],
        problems: &mut Vec<Problem>,
    ) -> Table {
        let mut positions = vec![None; sheet.columns.len()];
        let problem = |column: &str, reason: String| Problem {
            sheet: source.to_owned(),
            row: header_row,
            column: column.to_owned(),
            reason,
        };
        for (i, cell) in header.iter().enumerate() {
            let name = match cell {
                Cell::Empty => continue,
                Cell::Text(t) => t.trim().to_lowercase(),
                other => {
                    problems.push(problem(
                        "",
                        format!(
                            "the header's cell {} holds {}, not a column name",
                            i + 1,
                            describe(other)
                        ),
                    ));
                    continue;
                }
            };
            let name = shorten(&name);
            match sheet.columns.iter().position(|c| c.name == name) {
                Some(c) if positions[c].is_none() => positions[c] = Some(i),
                Some(_) => problems.push(problem(&name, "the column is named twice".to_owned())),
                None => problems.push(problem(
                    &name,
                    format!(
                        "unknown column: the {} sheet's columns are {}",
                        sheet.name,
                        sheet
                            .columns
                            .iter()
                            .map(|c| c.name)
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                )),
            }
        }
        for (c, column) in sheet.columns.iter().enumerate() {
            if column.required && positions[c].is_none() {
                problems.push(problem(
                    column.name,
                    "this required column is missing".to_owned(),
                ));
            }
        }
        Table {
            sheet,
            source: source.to_owned(),
            positions,
            rows: Vec::new(),
        }
    }

    /// Adds a data row, unless every cell is empty.
    pub fn push(&mut self, row: usize, cells: Vec<Cell>) {
        if cells.iter().any(|c| *c != Cell::Empty) {
            self.rows.push((row, cells));
        }
    }

    /// Typed access to the data row at `index`, recording its problems in `problems`.
    pub fn row<'t>(&'t self, index: usize, problems: &'t mut Vec<Problem>) -> Option<Row<'t>> {
        let (number, cells) = self.rows.get(index)?;
        Some(Row {
            table: self,
            number: *number,
            cells,
            problems,
        })
    }

    fn column(&self, name: &str) -> Option<(&'static Column, Option<usize>)> {
        let c = self.sheet.columns.iter().position(|c| c.name == name)?;
        Some((&self.sheet.columns[c], self.positions[c]))
    }
}

/// A cell's content in words, for messages.
pub fn describe(cell: &Cell) -> String {
    match cell {
        Cell::Empty => "nothing".to_owned(),
        Cell::Text(t) => format!("'{}'", shorten(t)),
        Cell::Number(n) => format!("the number {n}"),
        Cell::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        Cell::Date(d) => format!("a date ({})", shorten(d)),
        Cell::Error(e) => format!("a formula error ({})", shorten(e)),
    }
}

/// One data row: read its cells by column name; every bad cell becomes a problem and reads as
/// None, so a whole sheet is checked in one pass.
pub struct Row<'t> {
    table: &'t Table,
    pub number: usize,
    cells: &'t [Cell],
    problems: &'t mut Vec<Problem>,
}

impl Row<'_> {
    /// Records a problem with this row (and `column`, when not empty).
    pub fn problem(&mut self, column: &str, reason: String) {
        self.problems.push(Problem {
            sheet: self.table.source.clone(),
            row: self.number,
            column: column.to_owned(),
            reason,
        });
    }

    fn cell(&self, name: &str) -> (&'static Column, &Cell) {
        match self.table.column(name) {
            Some((column, Some(at))) => (column, self.cells.get(at).unwrap_or(&Cell::Empty)),
            Some((column, None)) => (column, &Cell::Empty),
            None => (&UNKNOWN, &Cell::Empty),
        }
    }

    /// The cell's text, trimmed; None when empty (a problem if the column is required) or
    /// beyond [`crate::limits`]: too long for its column, or holding control characters.
    pub fn text(&mut self, name: &str) -> Option<String> {
        let (column, cell) = self.cell(name);
        let kind = match column.kind {
            ColumnType::Paragraph => Some(Text::Paragraph),
            // A list's codes are checked one by one.
            ColumnType::List => None,
            _ => Some(Text::Line),
        };
        if let (Cell::Text(t), Some(kind)) = (cell, kind)
            && let Some(why) = limits::text_problem(t.trim(), kind)
        {
            self.problem(name, format!("the text {why}"));
            return None;
        }
        let text = match cell {
            Cell::Empty => None,
            Cell::Text(t) if t.trim().is_empty() => None,
            Cell::Text(t) => Some(t.trim().to_owned()),
            Cell::Number(n) => Some(format_number(*n)),
            Cell::Bool(_) | Cell::Date(_) | Cell::Error(_) => {
                let reason = format!("holds {}, not text", describe(cell));
                self.problem(name, reason);
                return None;
            }
        };
        if text.is_none() && column.required {
            self.problem(name, "is empty; it must be filled in".to_owned());
        }
        text
    }

    /// The cell as a number within the column's bounds; None when empty (a problem if the
    /// column is required) or not a number.
    pub fn number(&mut self, name: &str) -> Option<f64> {
        let (column, cell) = self.cell(name);
        let value = match cell {
            Cell::Empty => None,
            Cell::Text(t) if t.trim().is_empty() => None,
            Cell::Number(n) => Some(*n),
            Cell::Text(t) => match t.trim().replace(',', "").parse::<f64>() {
                Ok(n) if n.is_finite() => Some(n),
                _ => {
                    self.problem(name, format!("'{}' is not a number", shorten(t.trim())));
                    return None;
                }
            },
            Cell::Date(d) => {
                self.problem(
                    name,
                    format!(
                        "holds a date ({}) where a number is expected: format the cell as a number",
                        shorten(d)
                    ),
                );
                return None;
            }
            Cell::Bool(_) | Cell::Error(_) => {
                let reason = format!("holds {}, not a number", describe(cell));
                self.problem(name, reason);
                return None;
            }
        };
        let Some(value) = value else {
            if column.required {
                self.problem(name, "is empty; it must be filled in".to_owned());
            }
            return None;
        };
        let (min, max) = match column.kind {
            ColumnType::Number { min, max } => (min, max),
            ColumnType::Whole { min, max } => (Some(min as f64), Some(max as f64)),
            _ => (None, None),
        };
        if min.is_some_and(|m| value < m) || max.is_some_and(|m| value > m) {
            let range = match (min, max) {
                (Some(a), Some(b)) => format!("from {} to {}", format_number(a), format_number(b)),
                (Some(a), None) => format!("at least {}", format_number(a)),
                (None, Some(b)) => format!("at most {}", format_number(b)),
                (None, None) => String::new(),
            };
            self.problem(
                name,
                format!(
                    "{} is out of range: it must be {range}",
                    format_number(value)
                ),
            );
            return None;
        }
        if matches!(column.kind, ColumnType::Whole { .. }) && value.fract() != 0.0 {
            self.problem(
                name,
                format!("{} is not a whole number", format_number(value)),
            );
            return None;
        }
        Some(value)
    }

    /// The cell as one of the column's choices, parsed by `parse`.
    pub fn choice<T>(&mut self, name: &str, parse: impl Fn(&str) -> Option<T>) -> Option<T> {
        let text = self.text(name)?;
        let parsed = parse(&text);
        if parsed.is_none() {
            let (column, _) = self.cell(name);
            let allowed = match column.kind {
                ColumnType::Choice(codes) => codes.join(", "),
                _ => String::new(),
            };
            self.problem(
                name,
                format!("'{}' is not one of {allowed}", shorten(&text)),
            );
        }
        parsed
    }

    /// The cell as a list of codes separated by semicolons (or commas); each code is one
    /// line of text within [`crate::limits`], or a problem.
    pub fn list(&mut self, name: &str) -> Vec<String> {
        let codes: Vec<String> = self
            .text(name)
            .map(|t| {
                t.split([';', ','])
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default();
        for code in &codes {
            if let Some(why) = limits::text_problem(code, Text::Line) {
                self.problem(name, format!("the code '{}' {why}", shorten(code)));
            }
        }
        codes
    }
}

/// Stands in for a column name a caller got wrong; its cells read as empty.
const UNKNOWN: Column = Column {
    name: "",
    kind: ColumnType::Text,
    required: false,
    note: "",
};

/// A number as a person would type it: no trailing ".0" on whole numbers.
pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{n:.0}")
    } else {
        n.to_string()
    }
}
