//! An official file read as a table: its header, then each row that holds anything, with the
//! row's number as a spreadsheet shows it (the header is row 1).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::columns::Header;
use super::kind::{self, Kind};
use super::{FileColumn, PublicDataError, workbook};

pub struct Table {
    pub header: Header,
    /// The file, and for a workbook the sheet, as messages name it.
    path: PathBuf,
    /// The file's name as the zones' sources record it (with the sheet, for a workbook).
    file: String,
    records: Records,
}

/// Where the rows come from: a CSV file as it streams, or a workbook's sheet already read.
enum Records {
    Csv(csv::StringRecordsIntoIter<super::Counted>),
    Sheet(std::vec::IntoIter<(u64, csv::StringRecord)>),
}

/// One row: its number and its fields, trimmed.
pub struct Row {
    pub number: u64,
    record: csv::StringRecord,
}

impl Row {
    pub fn field(&self, at: usize) -> &str {
        self.record.get(at).unwrap_or("").trim()
    }
}

fn csv_error(path: &Path, e: csv::Error) -> PublicDataError {
    PublicDataError::Csv {
        path: path.to_owned(),
        row: e.position().map_or(0, |p| p.line()),
        source: e,
    }
}

/// Opens `path` and reads its header; a file recognisably of another kind than `kind` is
/// refused, named for what it is. Rows may differ in length: the readers check the columns
/// they need. A workbook (`.xlsx`) is read from the sheet that is `kind`.
pub fn open(path: &Path, kind: Kind) -> Result<Table, PublicDataError> {
    if workbook::is_workbook(path) {
        let sheet = workbook::read(path, kind)?;
        return Ok(Table {
            header: sheet.header,
            path: PathBuf::from(format!("{}, sheet '{}'", path.display(), sheet.sheet)),
            file: format!("{}, sheet '{}'", super::file_name(path), sheet.sheet),
            records: Records::Sheet(sheet.rows.into_iter()),
        });
    }
    let file = super::open(path)?;
    let mut records = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(false)
        .from_reader(file)
        .into_records();
    let header = match records.next() {
        Some(r) => {
            let first =
                r.map_err(|e| super::not_text(path, &e).unwrap_or_else(|| csv_error(path, e)))?;
            super::binary_row(path, &first)?;
            Header::new(&first)
        }
        None => {
            return Err(PublicDataError::Empty {
                path: path.to_owned(),
            });
        }
    };
    kind::expect(path, &header, kind)?;
    Ok(Table {
        header,
        path: path.to_owned(),
        file: super::file_name(path),
        records: Records::Csv(records),
    })
}

impl Table {
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Where column `at`'s values came from.
    pub fn source(&self, at: usize) -> FileColumn {
        FileColumn {
            file: self.file.clone(),
            column: self.header.names[at].clone(),
        }
    }

    /// The error for a bad value in `row`'s column `at`.
    pub fn bad(&self, row: &Row, at: usize, reason: &str) -> PublicDataError {
        PublicDataError::value(
            &self.path,
            row.number,
            &self.header.names[at],
            row.field(at),
            reason,
        )
    }

    /// Puts `value` under `row`'s code (column `at`) in `map`; a code seen before is an error.
    pub fn insert_once<V>(
        &self,
        map: &mut HashMap<String, V>,
        row: &Row,
        at: usize,
        value: V,
    ) -> Result<(), PublicDataError> {
        match map.insert(row.field(at).to_owned(), value) {
            None => Ok(()),
            Some(_) => Err(self.bad(row, at, "appears twice")),
        }
    }

    /// An error if nothing was read.
    pub fn non_empty<T>(&self, read: T, is_empty: bool) -> Result<T, PublicDataError> {
        if is_empty {
            Err(PublicDataError::Empty {
                path: self.path.clone(),
            })
        } else {
            Ok(read)
        }
    }
}

impl Iterator for Table {
    type Item = Result<Row, PublicDataError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let (number, record) = match &mut self.records {
                Records::Csv(records) => match records.next()? {
                    Ok(r) => (r.position().map_or(0, |p| p.line()), r),
                    Err(e) => return Some(Err(csv_error(&self.path, e))),
                },
                Records::Sheet(rows) => rows.next()?,
            };
            if record.iter().all(|f| f.trim().is_empty()) {
                continue;
            }
            return Some(Ok(Row { number, record }));
        }
    }
}
