//! The appraisal as JSON text, lossless, for review and diffs (see docs/json-format.md).

use std::io::Write as _;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::limits::{self, OutOfBounds};
use crate::model::Appraisal;
use crate::quote::shorten;

/// Identifies the text form; `FORMAT_VERSION` changes only when old text can no longer be read.
pub const FORMAT: &str = "appraise";
pub const FORMAT_VERSION: u32 = 1;

#[derive(Serialize)]
struct EnvelopeOut<'a, T: Serialize> {
    format: &'static str,
    version: u32,
    appraisal: &'a T,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EnvelopeIn {
    format: String,
    version: u32,
    appraisal: Appraisal,
}

#[derive(Debug, thiserror::Error)]
pub enum TextformError {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: line {line}, column {column}, at {field}: {message}", path.display())]
    Syntax {
        path: PathBuf,
        line: usize,
        column: usize,
        field: String,
        message: String,
    },
    #[error("{}: not an Appraise JSON file (format is '{found}', expected '{FORMAT}')", path.display())]
    WrongFormat { path: PathBuf, found: String },
    #[error("{}: JSON format version {found} is newer than this version of Appraise reads ({FORMAT_VERSION})", path.display())]
    TooNew { path: PathBuf, found: u32 },
    #[error("{}: {}", path.display(), Listed(.problems))]
    OutOfBounds {
        path: PathBuf,
        problems: Vec<OutOfBounds>,
    },
}

/// Values out of bounds as one message: the first few by field, then how many more.
struct Listed<'a>(&'a [OutOfBounds]);

/// Problems a message lists before it counts the rest.
const LISTED: usize = 5;

impl std::fmt::Display for Listed<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, p) in self.0.iter().take(LISTED).enumerate() {
            if i > 0 {
                write!(f, "; ")?;
            }
            write!(f, "at appraisal/{}: {}", p.path, p.message)?;
        }
        if self.0.len() > LISTED {
            write!(f, "; and {} more out of bounds", self.0.len() - LISTED)?;
        }
        Ok(())
    }
}

/// The JSON text of an appraisal: pretty-printed, fields in model order, ending in a newline.
pub fn to_string(appraisal: &Appraisal) -> String {
    let envelope = EnvelopeOut {
        format: FORMAT,
        version: FORMAT_VERSION,
        appraisal,
    };
    let mut text = serde_json::to_string_pretty(&envelope).unwrap_or_default();
    text.push('\n');
    text
}

/// Writes the text [`to_string`] makes of an appraisal, from anything serialized as one (a
/// view of an appraisal's parts), to `out` as it is made: a national matrix's text is hundreds
/// of megabytes, never held whole.
pub fn write_to(out: impl std::io::Write, appraisal: &impl Serialize) -> std::io::Result<()> {
    let envelope = EnvelopeOut {
        format: FORMAT,
        version: FORMAT_VERSION,
        appraisal,
    };
    let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
    serde_json::to_writer_pretty(&mut out, &envelope)?;
    out.write_all(b"\n")?;
    out.flush()
}

/// Parses JSON text; `path` only names the source in errors.
pub fn from_str(text: &str, path: &Path) -> Result<Appraisal, TextformError> {
    let mut de = serde_json::Deserializer::from_str(text);
    let envelope: EnvelopeIn = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let field = e.path().to_string();
        let inner = e.into_inner();
        TextformError::Syntax {
            path: path.to_owned(),
            line: inner.line(),
            column: inner.column(),
            field: if field == "." {
                "the top".to_owned()
            } else {
                field
            },
            message: shorten_quoted(&strip_position(&inner.to_string())),
        }
    })?;
    if envelope.format != FORMAT {
        return Err(TextformError::WrongFormat {
            path: path.to_owned(),
            found: envelope.format,
        });
    }
    if envelope.version > FORMAT_VERSION {
        return Err(TextformError::TooNew {
            path: path.to_owned(),
            found: envelope.version,
        });
    }
    let problems = limits::out_of_bounds(&envelope.appraisal);
    if !problems.is_empty() {
        return Err(TextformError::OutOfBounds {
            path: path.to_owned(),
            problems,
        });
    }
    Ok(envelope.appraisal)
}

/// serde's message with each quoted value (`invalid type: string "..."`) shortened, so a
/// huge field is not echoed whole.
fn shorten_quoted(message: &str) -> String {
    message
        .split('"')
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 1 {
                shorten(part)
            } else {
                part.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\"")
}

/// serde_json appends " at line L column C"; the error reports those separately.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_owned(),
        None => message.to_owned(),
    }
}

pub fn read(path: &Path) -> Result<Appraisal, TextformError> {
    let text = std::fs::read_to_string(path).map_err(|source| TextformError::Io {
        path: path.to_owned(),
        source,
    })?;
    from_str(&text, path)
}

/// Writes the JSON text under a temporary name and renames it into place.
pub fn write(appraisal: &Appraisal, path: &Path) -> Result<(), TextformError> {
    let io = |source| TextformError::Io {
        path: path.to_owned(),
        source,
    };
    let mut temp = path.as_os_str().to_owned();
    temp.push(format!(".{}.partial", std::process::id()));
    let temp = PathBuf::from(temp);
    let written =
        std::fs::write(&temp, to_string(appraisal)).and_then(|()| std::fs::rename(&temp, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written.map_err(io)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wrong_type_names_line_and_field() {
        let good = to_string(&Appraisal::new("T"));
        let bad = good.replace("\"horizon_years\": 10", "\"horizon_years\": \"ten\"");
        let err = from_str(&bad, Path::new("in.json"))
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("in.json: line "), "{err}");
        assert!(err.contains("at appraisal.meta.horizon_years"), "{err}");
        assert!(err.contains("invalid type: string \"ten\""), "{err}");
    }

    #[test]
    fn a_huge_wrong_value_is_quoted_by_its_start() {
        let good = to_string(&Appraisal::new("T"));
        let huge = "t".repeat(100_000);
        let bad = good.replace(
            "\"horizon_years\": 10",
            &format!("\"horizon_years\": \"{huge}\""),
        );
        let err = from_str(&bad, Path::new("in.json"))
            .unwrap_err()
            .to_string();
        assert!(err.len() < 300, "{err}");
        assert!(
            err.contains(&format!(
                "invalid type: string \"{}…\", expected u32",
                "t".repeat(60)
            )),
            "{err}"
        );
    }

    #[test]
    fn a_number_beyond_the_editor_bounds_is_refused_naming_the_field() {
        let good = to_string(&Appraisal::new("T"));
        let bad = good.replace("\"horizon_years\": 10", "\"horizon_years\": 4000000000");
        let err = from_str(&bad, Path::new("in.json"))
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "in.json: at appraisal/meta/horizon_years: 4000000000 is out of bounds: it must be from 0 to 60"
        );
    }

    #[test]
    fn another_format_is_refused() {
        let text = to_string(&Appraisal::new("T"))
            .replace("\"format\": \"appraise\"", "\"format\": \"other\"");
        assert!(matches!(
            from_str(&text, Path::new("x.json")),
            Err(TextformError::WrongFormat { .. })
        ));
    }
}
