//! The NHS Organisation Data Service's site list (`ets.csv`) and trust list (`etr.csv`). They
//! have no header row, so fields are taken by position (1-based in messages, as the ODS
//! documentation numbers them): 1 code, 2 name, 10 postcode, 11 open date, 12 close date and,
//! in `ets`, 15 the parent trust's code. Current files quote every field and have 27; older ones
//! are unquoted with 24: a CSV parser reads both alike.

use std::collections::HashMap;
use std::path::Path;

use super::PublicDataError;
use super::columns::Header;
use super::kind::Kind;

const CODE: usize = 0;
const NAME: usize = 1;
/// Field 10, the postcode (0-based here, as positions are).
pub const POSTCODE: usize = 9;
const OPENED: usize = 10;
const CLOSED: usize = 11;
/// Field 15 of `ets`, the parent trust's code.
pub const PARENT: usize = 14;

/// Which ODS list a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OdsKind {
    Sites,
    Trusts,
}

impl OdsKind {
    pub fn name(self) -> &'static str {
        match self {
            OdsKind::Sites => "the NHS ODS site list (ets.csv)",
            OdsKind::Trusts => "the NHS ODS trust list (etr.csv)",
        }
    }

    /// The fields a row must have for this reader: a site row needs its parent (field 15).
    fn fields_needed(self) -> usize {
        match self {
            OdsKind::Sites => PARENT + 1,
            OdsKind::Trusts => CLOSED + 1,
        }
    }
}

/// One row of an ODS list, trimmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OdsRow {
    /// The row's line in the file (no header: the first row is 1).
    pub row: u64,
    pub code: String,
    pub name: String,
    pub postcode: String,
    /// YYYYMMDD.
    pub opened: String,
    /// YYYYMMDD; None while open.
    pub closed: Option<String>,
    /// The parent trust's code (`ets` only).
    pub parent: Option<String>,
}

/// A field's label in messages: its position and meaning.
pub fn field_label(at: usize) -> String {
    let what = match at {
        CODE => "code",
        NAME => "name",
        POSTCODE => "postcode",
        OPENED => "open date",
        CLOSED => "close date",
        PARENT => "parent trust code",
        _ => "",
    };
    if what.is_empty() {
        format!("field {}", at + 1)
    } else {
        format!("field {} ({what})", at + 1)
    }
}

/// YYYYMMDD as YYYY-MM-DD (anything else as written).
pub fn date(text: &str) -> String {
    if text.len() == 8 && text.bytes().all(|b| b.is_ascii_digit()) {
        format!("{}-{}-{}", &text[..4], &text[4..6], &text[6..])
    } else {
        text.to_owned()
    }
}

fn field(record: &csv::StringRecord, at: usize) -> &str {
    let f = record.get(at).unwrap_or("").trim();
    if at == 0 {
        f.trim_start_matches('\u{feff}').trim()
    } else {
        f
    }
}

/// Which ODS list a row looks like, if any: 24 to 27 fields with a postcode in field 10 and an
/// open date in field 11; a parent code in field 15 marks a site.
pub fn looks_like(record: &csv::StringRecord) -> Option<OdsKind> {
    let postcode = field(record, POSTCODE);
    let opened = field(record, OPENED);
    let plausible = (24..=27).contains(&record.len())
        && postcode.contains(' ')
        && (6..=8).contains(&postcode.len())
        && opened.len() == 8
        && opened.bytes().all(|b| b.is_ascii_digit());
    match (plausible, field(record, PARENT).is_empty()) {
        (false, _) => None,
        (true, true) => Some(OdsKind::Trusts),
        (true, false) => Some(OdsKind::Sites),
    }
}

/// Refuses a file whose first row shows it is not the `expected` ODS list: a file with a
/// header of one of the official files, too few fields, or the other ODS list.
fn identify(
    path: &Path,
    first: &csv::StringRecord,
    expected: OdsKind,
) -> Result<(), PublicDataError> {
    let wrong = |what: String| PublicDataError::WrongKind {
        path: path.to_owned(),
        what,
    };
    if let Some(kind) = Kind::of(&Header::new(first)) {
        return Err(wrong(format!(
            "this is {} (it has a header row), not {}, which has no header row",
            kind.name(),
            expected.name()
        )));
    }
    if first.len() < expected.fields_needed() {
        return Err(wrong(format!(
            "row 1 has {} fields: {} has 24 or 27 fields a row and no header row",
            first.len(),
            expected.name()
        )));
    }
    let code = crate::quote::shorten(field(first, CODE));
    match (expected, looks_like(first)) {
        (OdsKind::Sites, Some(OdsKind::Trusts)) => Err(wrong(format!(
            "this looks like {}: row 1 ({code}) names no parent trust in field 15, which every row of {} does",
            OdsKind::Trusts.name(),
            OdsKind::Sites.name()
        ))),
        (OdsKind::Trusts, Some(OdsKind::Sites)) => Err(wrong(format!(
            "this looks like {}: row 1 ({code}) names a parent trust in field 15, which no row of {} does",
            OdsKind::Sites.name(),
            OdsKind::Trusts.name()
        ))),
        _ => Ok(()),
    }
}

/// Reads the rows of an ODS list of `kind` whose code (upper case) `keep` accepts, by that
/// code. The file is checked for its kind on its first row; a kept row must have the fields
/// the kind needs, and a kept code may appear once.
pub fn read(
    path: &Path,
    kind: OdsKind,
    keep: impl Fn(&str) -> bool,
) -> Result<HashMap<String, OdsRow>, PublicDataError> {
    let file = super::open(path)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(file);
    let mut record = csv::StringRecord::new();
    let mut rows: HashMap<String, OdsRow> = HashMap::new();
    let mut first = true;
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(source) => {
                if first && let Some(e) = super::not_text(path, &source) {
                    return Err(e);
                }
                return Err(PublicDataError::Csv {
                    path: path.to_owned(),
                    row: source.position().map_or(0, |p| p.line()),
                    source,
                });
            }
        }
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if first {
            super::binary_row(path, &record)?;
            identify(path, &record, kind)?;
            first = false;
        }
        let code = field(&record, CODE).to_uppercase();
        if !keep(&code) {
            continue;
        }
        let row = record.position().map_or(0, |p| p.line());
        if record.len() < kind.fields_needed() {
            return Err(PublicDataError::value(
                path,
                row,
                &field_label(CODE),
                &code,
                &format!(
                    "has {} fields: {} has 24 or 27 fields a row",
                    record.len(),
                    kind.name()
                ),
            ));
        }
        let text = |at: usize| field(&record, at).to_owned();
        let optional = |at: usize| Some(text(at)).filter(|t| !t.is_empty());
        let parsed = OdsRow {
            row,
            code: code.clone(),
            name: text(NAME),
            postcode: text(POSTCODE),
            opened: text(OPENED),
            closed: optional(CLOSED),
            parent: match kind {
                OdsKind::Sites => optional(PARENT).map(|p| p.to_uppercase()),
                OdsKind::Trusts => None,
            },
        };
        if let Some(before) = rows.get(&code) {
            return Err(PublicDataError::value(
                path,
                row,
                &field_label(CODE),
                &code,
                &format!("appears twice (also row {})", before.row),
            ));
        }
        rows.insert(code, parsed);
    }
    if first {
        return Err(PublicDataError::Empty {
            path: path.to_owned(),
        });
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_labelled_and_dates_written_out() {
        assert_eq!(field_label(14), "field 15 (parent trust code)");
        assert_eq!(field_label(3), "field 4");
        assert_eq!(date("20241231"), "2024-12-31");
        assert_eq!(date("2024"), "2024");
    }

    #[test]
    fn rows_are_told_apart_by_their_parent() {
        let site = csv::StringRecord::from(
            "RJE01,NORTH STAFFORDSHIRE ROYAL INFIRMARY,Y55,Q60,PRINCES ROAD,,,STOKE-ON-TRENT,STAFFORDSHIRE,ST4 7LN,19930401,,,,RJE,,,,,,,0,,"
                .split(',')
                .collect::<Vec<_>>(),
        );
        assert_eq!(site.len(), 24);
        assert_eq!(looks_like(&site), Some(OdsKind::Sites));
        let mut trust: Vec<&str> = site.iter().collect();
        trust[14] = "";
        assert_eq!(
            looks_like(&csv::StringRecord::from(trust)),
            Some(OdsKind::Trusts)
        );
        let header = csv::StringRecord::from(vec!["pcd7", "pcd8", "pcds"]);
        assert_eq!(looks_like(&header), None);
    }
}
