//! Official files published as Excel workbooks (the ONS mid-year population estimates, IoD2019
//! File 1): the sheet whose header names the expected file's columns, read as it streams into
//! the rows a CSV file would give, with the row numbers Excel shows.
//!
//! The mid-year workbook holds three years of 35,672 rows by 187 columns, well over a gigabyte
//! of XML unpacked, so nothing is loaded whole: the file is streamed from disk, cell by cell,
//! and only the chosen sheet's rows are kept.

use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use calamine::{Data, Reader, Xlsx};

use super::PublicDataError;
use super::columns::Header;
use super::kind::Kind;

/// How far down a sheet its header may be: the mid-year workbook has three title rows.
const HEADER_ROWS: u32 = 20;

/// Whether `path` is read as a workbook rather than CSV.
pub fn is_workbook(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx") || e.eq_ignore_ascii_case("xlsm"))
}

/// One sheet of a workbook: its header and the rows below it, each with Excel's row number.
pub struct SheetRows {
    pub sheet: String,
    pub header: Header,
    pub rows: Vec<(u64, csv::StringRecord)>,
}

type Book = Xlsx<BufReader<File>>;

fn open(path: &Path) -> Result<Book, PublicDataError> {
    crate::sheets::read::readable_references(path).map_err(|e| PublicDataError::Workbook {
        path: path.to_owned(),
        reason: e.to_string(),
    })?;
    let file = File::open(path).map_err(|source| PublicDataError::Io {
        path: path.to_owned(),
        source,
    })?;
    Xlsx::new(BufReader::new(file)).map_err(|e| workbook(path, e))
}

fn workbook(path: &Path, e: calamine::XlsxError) -> PublicDataError {
    PublicDataError::Workbook {
        path: path.to_owned(),
        reason: e.to_string(),
    }
}

/// A cell as a CSV file would hold it: whole numbers without a decimal point.
fn text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        other => other.to_string(),
    }
}

/// Streams `sheet`'s rows to `row` (0-based row, its cells' text) until it returns false.
fn stream(
    book: &mut Book,
    path: &Path,
    sheet: &str,
    mut row: impl FnMut(u32, Vec<String>) -> bool,
) -> Result<(), PublicDataError> {
    let mut reader = book
        .worksheet_cells_reader(sheet)
        .map_err(|e| workbook(path, e))?;
    let mut current: Option<(u32, Vec<String>)> = None;
    while let Some(cell) = reader.next_cell().map_err(|e| workbook(path, e))? {
        let (r, c) = cell.get_position();
        let value = text(&Data::from(cell.get_value().clone()));
        if current.as_ref().is_some_and(|(n, _)| *n != r)
            && let Some((n, cells)) = current.take()
            && !row(n, cells)
        {
            return Ok(());
        }
        let (_, cells) = current.get_or_insert_with(|| (r, Vec::new()));
        let c = c as usize;
        if cells.len() <= c {
            cells.resize(c + 1, String::new());
        }
        cells[c] = value;
    }
    if let Some((n, cells)) = current {
        row(n, cells);
    }
    Ok(())
}

/// The header row of `sheet`, if one of its first rows is recognised as some official file.
fn header_of(
    book: &mut Book,
    path: &Path,
    sheet: &str,
) -> Result<Option<(u32, Header, Kind)>, PublicDataError> {
    let mut found = None;
    stream(book, path, sheet, |n, cells| {
        if n >= HEADER_ROWS {
            return false;
        }
        let header = Header::new(&csv::StringRecord::from(cells));
        match Kind::of(&header) {
            Some(kind) => {
                found = Some((n, header, kind));
                false
            }
            None => true,
        }
    })?;
    Ok(found)
}

/// Reads the sheet of the workbook at `path` that is `kind`: the last such sheet, since the
/// ONS adds each year's estimates after the year before. A workbook with no such sheet is
/// refused, named for what its sheets are if they are another official file.
pub fn read(path: &Path, kind: Kind) -> Result<SheetRows, PublicDataError> {
    let mut book = open(path)?;
    let mut chosen = None;
    let mut other = None;
    for sheet in book.sheet_names() {
        match header_of(&mut book, path, &sheet)? {
            Some((n, header, found)) if found == kind => chosen = Some((sheet, n, header)),
            Some((_, _, found)) => other = other.or(Some(found)),
            None => {}
        }
    }
    let Some((sheet, header_row, header)) = chosen else {
        return Err(match other {
            Some(found) => PublicDataError::WrongKind {
                path: path.to_owned(),
                what: format!("this is {}, not {}", found.name(), kind.name()),
            },
            None => PublicDataError::NoSheet {
                path: path.to_owned(),
                kind: kind.name().to_owned(),
                sheets: book.sheet_names().join(", "),
            },
        });
    };
    let mut rows = Vec::new();
    stream(&mut book, path, &sheet, |n, cells| {
        if n > header_row && cells.iter().any(|c| !c.trim().is_empty()) {
            rows.push((u64::from(n) + 1, csv::StringRecord::from(cells)));
        }
        true
    })?;
    Ok(SheetRows {
        sheet,
        header,
        rows,
    })
}
