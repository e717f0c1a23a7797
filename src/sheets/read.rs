//! Reading workbooks (calamine) and CSV files (csv) into [`Table`]s. Whatever the format, the
//! first row is the header and every later row is data; empty rows are skipped. Merged cells,
//! formula errors and formulas without a computed value are problems, named by sheet and row.

use std::io::{Cursor, Read as _};
use std::path::Path;

use calamine::{Data, Reader, Xlsx};

use super::SheetError;
use super::schema::{self, Sheet};
use super::table::{Cell, Problem, Table};

/// Workbooks larger than this are refused before they are unpacked: a sheet of this size would
/// take gigabytes of memory, and a travel matrix that large belongs in a CSV file.
pub const MAX_WORKBOOK_BYTES: u64 = 64 * 1024 * 1024;
/// The most a workbook may unpack to (all its parts together): a workbook is a zip file, and a
/// small one can expand a thousandfold (a "zip bomb"). A 1,000,000-row sheet unpacks to about
/// 150 MB.
pub const MAX_UNPACKED_BYTES: u64 = 512 * 1024 * 1024;
/// The most columns a sheet may use (column IV): Appraise's sheets have at most 18, and a cell
/// far to the right would otherwise widen every row read.
pub const MAX_COLUMNS: u32 = 256;
/// The most rows a sheet may use: Excel's own limit.
pub const MAX_ROWS: u32 = 1_048_576;
/// The most cells the rows read from one sheet may span (a 1,000,000-row travel sheet spans
/// 4,000,000), so memory stays bounded whatever the file declares.
pub const MAX_CELLS: usize = 8_000_000;

/// A sheet's rows that hold anything, as (1-based row number, cells from column A).
pub type SheetRows = Vec<(usize, Vec<Cell>)>;

/// What a workbook held: a table per recognised sheet, the problems found reading them, and
/// the sheets that are not Appraise's (ignored, and listed so the analyst knows).
#[derive(Debug, Default)]
pub struct Read {
    pub tables: Vec<Table>,
    pub problems: Vec<Problem>,
    pub ignored: Vec<String>,
}

/// Reads every recognised sheet of the workbook at `path`. The file is read once into memory
/// (it is at most [`MAX_WORKBOOK_BYTES`]), its unpacked size checked, and its sheets read cell
/// by cell, so neither a zip bomb nor a cell in a far corner can exhaust memory.
pub fn xlsx(path: &Path) -> Result<Read, SheetError> {
    let mut book = open(path)?;
    let workbook = |e: calamine::XlsxError| SheetError::Workbook {
        path: path.to_owned(),
        reason: e.to_string(),
    };
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
        let rows = sheet_rows(&mut book, path, &name)?;
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
        let mut rows = rows.into_iter();
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

/// Opens the workbook at `path` for reading: its size and unpacked size checked first, so
/// neither a huge file nor a zip bomb is unpacked.
fn open(path: &Path) -> Result<Xlsx<Cursor<Vec<u8>>>, SheetError> {
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
    let mut bytes = Vec::with_capacity(size as usize);
    std::fs::File::open(path)
        .map_err(io)?
        .take(MAX_WORKBOOK_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    unpacked_size(path, &bytes)?;
    let workbook = |e: calamine::XlsxError| SheetError::Workbook {
        path: path.to_owned(),
        reason: e.to_string(),
    };
    Xlsx::new(Cursor::new(bytes)).map_err(workbook)
}

/// The rows of each sheet of the workbook at `path` named in `names` (None for one it lacks),
/// read with the same limits as [`xlsx`]: for workbooks that are not the template's, such as a
/// scorer's workbook.
pub fn named_sheets(path: &Path, names: &[&str]) -> Result<Vec<Option<SheetRows>>, SheetError> {
    let mut book = open(path)?;
    let present = book.sheet_names();
    names
        .iter()
        .map(|name| {
            if present.iter().any(|p| p == name) {
                sheet_rows(&mut book, path, name).map(Some)
            } else {
                Ok(None)
            }
        })
        .collect()
}

/// Refuses a workbook whose parts unpack to more than [`MAX_UNPACKED_BYTES`]: first by the
/// sizes its zip directory declares, then by unpacking each part (into nothing) and counting,
/// since a declared size can lie.
fn unpacked_size(path: &Path, bytes: &[u8]) -> Result<(), SheetError> {
    let bad = |reason: String| SheetError::Workbook {
        path: path.to_owned(),
        reason,
    };
    let too_big = |bytes: u64| SheetError::Unpacked {
        path: path.to_owned(),
        bytes,
    };
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| bad(e.to_string()))?;
    let mut declared = 0u64;
    for i in 0..zip.len() {
        let part = zip.by_index_raw(i).map_err(|e| bad(e.to_string()))?;
        declared = declared.saturating_add(part.size());
        if declared > MAX_UNPACKED_BYTES {
            return Err(too_big(declared));
        }
    }
    let mut unpacked = 0u64;
    for i in 0..zip.len() {
        let part = zip.by_index(i).map_err(|e| bad(e.to_string()))?;
        let name = part.name().map(|n| n.into_owned()).unwrap_or_default();
        let room = MAX_UNPACKED_BYTES - unpacked;
        let mut part = part.take(room + 1);
        // A worksheet's declared size comes before its cells: keep its start to check it.
        let mut head = Vec::new();
        if name.starts_with("xl/worksheets/") {
            (&mut part)
                .take(SHEET_HEAD_BYTES)
                .read_to_end(&mut head)
                .map_err(|e| bad(e.to_string()))?;
            if let Some(dimension) = backwards_dimension(&head) {
                return Err(bad(format!(
                    "{name}: the sheet's declared size '{}' runs backwards (its last cell comes before its first)",
                    crate::quote::shorten(&dimension)
                )));
            }
        }
        let read = if name.starts_with("xl/worksheets/") {
            scan_references(path, &name, &head, &mut part)?
        } else {
            std::io::copy(&mut part, &mut std::io::sink()).map_err(|e| bad(e.to_string()))?
        };
        unpacked += head.len() as u64 + read;
        if unpacked > MAX_UNPACKED_BYTES {
            return Err(too_big(unpacked));
        }
    }
    Ok(())
}

/// Streams a worksheet part (its first bytes already read into `head`) past the reference
/// check; returns how many more bytes it read.
fn scan_references(
    path: &Path,
    name: &str,
    head: &[u8],
    part: &mut impl std::io::Read,
) -> Result<u64, SheetError> {
    let bad = |reason: String| SheetError::Workbook {
        path: path.to_owned(),
        reason,
    };
    let mut references = References::default();
    let mut count = 0u64;
    let mut chunk = vec![0u8; 64 * 1024];
    let mut found = references.feed(head);
    while found.is_none() {
        let n = part.read(&mut chunk).map_err(|e| bad(e.to_string()))?;
        if n == 0 {
            break;
        }
        count += n as u64;
        found = references.feed(&chunk[..n]);
    }
    match found {
        Some(reference) => Err(bad(format!(
            "{name}: '{reference}' cannot be the reference of a cell or row of any sheet"
        ))),
        None => Ok(count),
    }
}

/// Refuses a workbook with a cell or row reference calamine cannot parse, streaming each
/// worksheet from the file without a size limit: for the official workbooks, which are read
/// cell by cell as they stream and so need no bound on their size to bound memory.
pub(crate) fn readable_references(path: &Path) -> Result<(), SheetError> {
    let bad = |reason: String| SheetError::Workbook {
        path: path.to_owned(),
        reason,
    };
    let file = std::fs::File::open(path).map_err(|source| SheetError::Io {
        path: path.to_owned(),
        source,
    })?;
    let mut zip =
        zip::ZipArchive::new(std::io::BufReader::new(file)).map_err(|e| bad(e.to_string()))?;
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).map_err(|e| bad(e.to_string()))?;
        let name = part.name().map(|n| n.into_owned()).unwrap_or_default();
        if name.starts_with("xl/worksheets/") {
            scan_references(path, &name, &[], &mut part)?;
        }
    }
    Ok(())
}

/// The cell and row references (`r="XFD5"`, `r="12"`) of a worksheet's XML as it streams past,
/// so one calamine cannot parse is refused first (its reference parser overflows on a row past
/// u32 or seven column letters in a debug build, and wraps in a release build).
#[derive(Default)]
struct References {
    carry: Vec<u8>,
}

/// No reference calamine can read is longer than this ("ZZZZZZ4294967295" is 16).
const REFERENCE_BYTES: usize = 32;

impl References {
    /// Scans `chunk`; returns the first reference calamine cannot parse (or too long to be one).
    fn feed(&mut self, chunk: &[u8]) -> Option<String> {
        let mut buf = std::mem::take(&mut self.carry);
        buf.extend_from_slice(chunk);
        const OPEN: &[u8] = b" r=\"";
        let mut i = 0;
        loop {
            let Some(off) = buf[i..].windows(OPEN.len()).position(|w| w == OPEN) else {
                // Keep enough of the end to see an opening split across chunks.
                self.carry = buf[buf.len().saturating_sub(OPEN.len() - 1).max(i)..].to_vec();
                return None;
            };
            let start = i + off + OPEN.len();
            match buf[start..].iter().position(|&b| b == b'"') {
                Some(len) if len <= REFERENCE_BYTES => {
                    let value = String::from_utf8_lossy(&buf[start..start + len]).into_owned();
                    if !parsable(&value) {
                        return Some(crate::quote::shorten(&value));
                    }
                    i = start + len + 1;
                }
                None if buf.len() - start <= REFERENCE_BYTES => {
                    self.carry = buf[i + off..].to_vec();
                    return None;
                }
                _ => {
                    let end = buf.len().min(start + REFERENCE_BYTES);
                    return Some(crate::quote::shorten(&String::from_utf8_lossy(
                        &buf[start..end],
                    )));
                }
            }
        }
    }
}

/// Whether calamine can read a row number or A1 reference (letters, then digits, either
/// optional) without overflowing: it builds both in 32 bits, so at most 4,294,967,295 for the
/// row and six letters for the column. A reference it can read but that lies beyond the sheet
/// limits is refused later, naming the sheet; anything else is not a reference.
fn parsable(value: &str) -> bool {
    let v = value.replace('$', "");
    let letters = v.bytes().take_while(u8::is_ascii_alphabetic).count();
    let digits = &v[letters..];
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return true;
    }
    letters <= 6 && (digits.is_empty() || digits.parse::<u32>().is_ok())
}

/// How much of a worksheet's XML is searched for its declared size (`<dimension ref>`), which
/// comes before the cells.
const SHEET_HEAD_BYTES: u64 = 64 * 1024;

/// The declared size in the start of a worksheet's XML, if it runs backwards ("B5:A1"):
/// calamine subtracts its corners and would overflow.
fn backwards_dimension(head: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(head);
    let at = text.find("dimension ")?;
    let rest = &text[at..];
    let start = rest.find("ref=\"")? + 5;
    let end = start + rest[start..].find('"')?;
    let dimension = &rest[start..end];
    let (first, last) = dimension.split_once(':')?;
    let (first, last) = (position(first)?, position(last)?);
    (last.0 < first.0 || last.1 < first.1).then(|| dimension.to_owned())
}

/// (row, column) of an A1-style reference ("$B$5" too); None if it is not one.
fn position(reference: &str) -> Option<(u64, u64)> {
    let reference = reference.replace('$', "");
    let digits = reference.find(|c: char| c.is_ascii_digit())?;
    let (letters, number) = reference.split_at(digits);
    if letters.is_empty() || !letters.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let column = letters.chars().try_fold(0u64, |n, c| {
        n.checked_mul(26)?
            .checked_add(u64::from(c.to_ascii_uppercase() as u8 - b'A') + 1)
    })?;
    Some((number.parse().ok()?, column))
}

/// The rows of sheet `name` that hold anything, as (1-based row number, cells from column A),
/// read cell by cell: a sheet that declares, or uses, a cell beyond [`MAX_COLUMNS`] or
/// [`MAX_ROWS`], or whose rows span more than [`MAX_CELLS`] cells, is refused naming the file
/// and sheet. A formula without a computed value becomes a [`Cell::Error`].
fn sheet_rows(
    book: &mut Xlsx<Cursor<Vec<u8>>>,
    path: &Path,
    name: &str,
) -> Result<Vec<(usize, Vec<Cell>)>, SheetError> {
    let workbook = |e: calamine::XlsxError| SheetError::Workbook {
        path: path.to_owned(),
        reason: e.to_string(),
    };
    let too_big = |reason: String| SheetError::SheetTooLarge {
        path: path.to_owned(),
        sheet: name.to_owned(),
        reason,
    };
    let beyond = |at: (u32, u32), what: &str| {
        too_big(format!(
            "{what} {}, beyond the {} columns (A to {}) and {} rows Appraise reads: delete what is there, or copy the data to a new sheet",
            cell_name(at),
            MAX_COLUMNS,
            column_name(MAX_COLUMNS - 1),
            MAX_ROWS
        ))
    };
    let mut reader = book.worksheet_cells_reader(name).map_err(workbook)?;
    let declared = reader.dimensions();
    if declared.end.1 >= MAX_COLUMNS || declared.end.0 >= MAX_ROWS {
        return Err(beyond(declared.end, "its declared size reaches"));
    }
    let mut cells: Vec<(u32, u32, Cell)> = Vec::new();
    while let Some(c) = reader.next_cell_with_formula().map_err(workbook)? {
        let (row, col) = c.pos;
        if col >= MAX_COLUMNS || row >= MAX_ROWS {
            return Err(beyond(c.pos, "it has a cell at"));
        }
        let has_formula = c.formula.as_deref().is_some_and(|f| !f.is_empty());
        let cell = cell(&Data::from(c.value), has_formula);
        if cell != Cell::Empty {
            if cells.len() >= MAX_CELLS {
                return Err(too_big(format!(
                    "it has more than {MAX_CELLS} cells with values; Appraise reads up to that many from a sheet: put a large travel matrix in a CSV file"
                )));
            }
            cells.push((row, col, cell));
        }
    }
    // Cells usually come row by row already; a stable sort keeps that cheap.
    cells.sort_by_key(|(row, col, _)| (*row, *col));
    let mut rows: Vec<(usize, Vec<Cell>)> = Vec::new();
    let mut spanned = 0usize;
    for (row, col, cell) in cells {
        let number = row as usize + 1;
        if rows.last().is_none_or(|(n, _)| *n != number) {
            rows.push((number, Vec::new()));
        }
        if let Some((_, cells)) = rows.last_mut() {
            let col = col as usize;
            if cells.len() <= col {
                spanned += col + 1 - cells.len();
                if spanned > MAX_CELLS {
                    return Err(too_big(format!(
                        "its rows span more than {MAX_CELLS} cells; Appraise reads up to that many from a sheet"
                    )));
                }
                cells.resize(col + 1, Cell::Empty);
            }
            cells[col] = cell;
        }
    }
    Ok(rows)
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
    column_name(col) + &(u64::from(row) + 1).to_string()
}

/// The letters of a 0-based column: 0 is A, 26 is AA.
fn column_name(col: u32) -> String {
    let mut letters = Vec::new();
    let mut c = u64::from(col) + 1;
    while c > 0 {
        let r = ((c - 1) % 26) as u8;
        letters.push(char::from(b'A' + r));
        c = (c - 1) / 26;
    }
    letters.iter().rev().collect()
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
    fn references_calamine_cannot_parse_are_found_even_split_across_chunks() {
        let xml = b"<row r=\"1\"><c r=\"A1\"/><c r=\"XFD1048577\"/></row><row r=\"4294967296\"><c r=\"A4294967296\"/>";
        for split in [0, 5, 7, 30, 62, 70] {
            let mut r = References::default();
            let first = r.feed(&xml[..split]);
            let found = first.or_else(|| r.feed(&xml[split..]));
            assert_eq!(found.as_deref(), Some("4294967296"), "split at {split}");
        }
        // Past the sheet limits but readable: refused later, naming the sheet.
        let mut r = References::default();
        assert_eq!(
            r.feed(b"<c r=\"XFD1048576\"/><c r=\"ZZZZZZ4294967295\"/>"),
            None
        );
        let mut r = References::default();
        assert_eq!(
            r.feed(b"<c r=\"ZZZZZZZZ1\"/>").as_deref(),
            Some("ZZZZZZZZ1")
        );
        let mut r = References::default();
        assert_eq!(r.feed(b"<c r=\"A1\"/><c r=\"$B$2\"/><row r=\"3\">"), None);
    }

    #[test]
    fn a_declared_size_that_runs_backwards_is_found() {
        let sheet = |d: &str| format!("<worksheet><dimension ref=\"{d}\"/><sheetData>");
        assert_eq!(
            backwards_dimension(sheet("B5:A1").as_bytes()).as_deref(),
            Some("B5:A1")
        );
        assert_eq!(
            backwards_dimension(sheet("A5:B1").as_bytes()).as_deref(),
            Some("A5:B1")
        );
        assert_eq!(backwards_dimension(sheet("A1:B5").as_bytes()), None);
        assert_eq!(backwards_dimension(sheet("$A$1:$XFD$9").as_bytes()), None);
        assert_eq!(backwards_dimension(sheet("A1").as_bytes()), None);
        assert_eq!(position("AA10"), Some((10, 27)));
        assert_eq!(position("10"), None);
    }

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
