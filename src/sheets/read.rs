//! Reading workbooks (calamine) and CSV files (csv) into [`Table`]s. Whatever the format, the
//! first row is the header and every later row is data; empty rows are skipped. Merged cells,
//! formula errors and formulas without a computed value are problems, named by sheet and row.

use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook};

use super::SheetError;
use super::schema::{self, Sheet};
use super::table::{Cell, Problem, Table};

/// Workbooks larger than this are refused before they are unpacked: a sheet of this size would
/// take gigabytes of memory, and a travel matrix that large belongs in a CSV file.
pub const MAX_WORKBOOK_BYTES: u64 = 64 * 1024 * 1024;

/// What a workbook held: a table per recognised sheet, the problems found reading them, and
/// the sheets that are not Appraise's (ignored, and listed so the analyst knows).
#[derive(Debug, Default)]
pub struct Read {
    pub tables: Vec<Table>,
    pub problems: Vec<Problem>,
    pub ignored: Vec<String>,
}

/// Reads every recognised sheet of the workbook at `path`.
pub fn xlsx(path: &Path) -> Result<Read, SheetError> {
    let io = |source: std::io::Error| SheetError::Io {
        path: path.to_owned(),
        source,
    };
    let size = std::fs::metadata(path).map_err(io)?.len();
    if size > MAX_WORKBOOK_BYTES {
        return Err(SheetError::TooLarge {
            path: path.to_owned(),
            bytes: size,
        });
    }
    let workbook = |e: calamine::XlsxError| SheetError::Workbook {
        path: path.to_owned(),
        reason: e.to_string(),
    };
    let mut book: Xlsx<_> = open_workbook(path).map_err(workbook)?;
    let mut read = Read::default();
    for name in book.sheet_names() {
        let Some(sheet) = schema::by_name(&name) else {
            read.ignored.push(name);
            continue;
        };
        if read.tables.iter().any(|t| t.sheet.kind == sheet.kind) {
            read.problems.push(Problem {
                sheet: name.clone(),
                row: 0,
                column: String::new(),
                reason: format!("a second {} sheet: keep one", sheet.name),
            });
            continue;
        }
        let range = book.worksheet_range(&name).map_err(workbook)?;
        let formulas = book.worksheet_formula(&name).map_err(workbook)?;
        let merged = book.merge_cells_by_sheet_name(&name).map_err(workbook)?;
        for m in &merged {
            read.problems.push(Problem {
                sheet: name.clone(),
                row: m.start.0 as usize + 1,
                column: String::new(),
                reason: format!(
                    "merged cells ({}:{}): unmerge them so each row has its own values",
                    cell_name(m.start),
                    cell_name(m.end)
                ),
            });
        }
        let (top, left) = range.start().unwrap_or((0, 0));
        let mut rows = range.rows().enumerate().map(|(i, cells)| {
            let row = top as usize + i;
            let cells: Vec<Cell> = (0..left as usize)
                .map(|_| Cell::Empty)
                .chain(cells.iter().enumerate().map(|(c, d)| {
                    let at = (row as u32, left + c as u32);
                    cell(d, formulas.get_value(at).is_some_and(|f| !f.is_empty()))
                }))
                .collect();
            (row + 1, cells)
        });
        let Some((header_row, header)) = rows.next() else {
            read.problems.push(empty(sheet, &name));
            continue;
        };
        let mut table = Table::new(sheet, &name, header_row, &header, &mut read.problems);
        for (row, cells) in rows {
            table.push(row, cells);
        }
        read.tables.push(table);
    }
    Ok(read)
}

fn empty(sheet: &Sheet, name: &str) -> Problem {
    Problem {
        sheet: name.to_owned(),
        row: 0,
        column: String::new(),
        reason: format!("the {} sheet is empty: it needs a header row", sheet.name),
    }
}

/// A1-style name of a (row, column) position.
fn cell_name((row, col): (u32, u32)) -> String {
    let mut letters = Vec::new();
    let mut c = col + 1;
    while c > 0 {
        let r = ((c - 1) % 26) as u8;
        letters.push(char::from(b'A' + r));
        c = (c - 1) / 26;
    }
    letters.iter().rev().collect::<String>() + &(row + 1).to_string()
}

fn cell(d: &Data, is_formula: bool) -> Cell {
    match d {
        Data::Empty if is_formula => {
            Cell::Error("a formula without a computed value: open and save the file in a spreadsheet program, or paste values".to_owned())
        }
        Data::Empty => Cell::Empty,
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::String(s) => Cell::Text(s.clone()),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(d) => Cell::Date(excel_date(d.as_f64())),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Date(s.clone()),
        Data::Error(e) => Cell::Error(e.to_string()),
    }
}

/// An Excel date serial (days since 30 December 1899) as dd/mm/yyyy.
fn excel_date(serial: f64) -> String {
    let epoch = time::Date::from_calendar_date(1899, time::Month::December, 30);
    match epoch
        .ok()
        .and_then(|e| e.checked_add(time::Duration::days(serial.floor() as i64)))
    {
        Some(d) => format!("{:02}/{:02}/{}", d.day(), u8::from(d.month()), d.year()),
        None => format!("serial {serial}"),
    }
}

/// Reads the CSV file at `path` as a `kind` sheet.
pub fn csv(path: &Path, sheet: &'static Sheet) -> Result<Read, SheetError> {
    let io = |source: std::io::Error| SheetError::Io {
        path: path.to_owned(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let source = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(std::io::BufReader::with_capacity(1 << 20, file));
    let mut read = Read::default();
    let mut table: Option<Table> = None;
    for record in reader.records() {
        let record = record.map_err(|e| SheetError::Csv {
            path: path.to_owned(),
            line: e.position().map_or(0, |p| p.line()),
            reason: e.to_string(),
        })?;
        let line = record.position().map_or(0, |p| p.line() as usize);
        let cells: Vec<Cell> = record
            .iter()
            .map(|f| {
                if f.trim().is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text(f.to_owned())
                }
            })
            .collect();
        match &mut table {
            None => table = Some(Table::new(sheet, &source, line, &cells, &mut read.problems)),
            Some(t) => t.push(line, cells),
        }
    }
    match table {
        Some(t) => read.tables.push(t),
        None => read.problems.push(empty(sheet, &source)),
    }
    Ok(read)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_named_as_a_spreadsheet_names_them() {
        assert_eq!(cell_name((0, 0)), "A1");
        assert_eq!(cell_name((9, 25)), "Z10");
        assert_eq!(cell_name((0, 26)), "AA1");
        assert_eq!(cell_name((4, 701)), "ZZ5");
        assert_eq!(excel_date(41730.0), "01/04/2014");
        assert_eq!(excel_date(1.0), "31/12/1899");
    }
}
