//! `appraise template`, `import-xlsx`, `import-csv`, `export-xlsx` and `export-csv`.

use std::path::Path;

use appraise::evaluation::Evaluation;
use appraise::sheets::{self, Imported, SheetError, results, template};
use appraise::store;

use super::CliError;

pub fn template(out: &Path, from: Option<&Path>) -> Result<(), CliError> {
    match from {
        Some(file) => {
            let a = store::open(file)?;
            template::write_data(&a, out)?;
            outln!("wrote {}'s data to {}", file.display(), out.display());
        }
        None => {
            template::write_template(out)?;
            outln!("wrote the template to {}", out.display());
        }
    }
    Ok(())
}

fn report(file: &Path, input: &Path, done: &Imported) {
    let rows: Vec<String> = done
        .applied
        .rows
        .iter()
        .map(|(sheet, n)| format!("{sheet} {n}"))
        .collect();
    outln!(
        "imported {} into {} (rows: {}); {} change{} recorded in the audit trail",
        input.display(),
        file.display(),
        rows.join(", "),
        done.changes,
        if done.changes == 1 { "" } else { "s" }
    );
    if !done.ignored.is_empty() {
        outln!("ignored sheets: {}", done.ignored.join(", "));
    }
}

pub fn import_xlsx(file: &Path, xlsx: &Path) -> Result<(), CliError> {
    let done = sheets::import_xlsx(file, xlsx)?;
    report(file, xlsx, &done);
    Ok(())
}

pub fn import_csv(file: &Path, kind: &str, csv: &Path) -> Result<(), CliError> {
    let done = sheets::import_csv(file, kind, csv)?;
    report(file, csv, &done);
    Ok(())
}

pub fn export_xlsx(file: &Path, out: &Path) -> Result<(), CliError> {
    let a = store::open(file)?;
    let notes = results::write_xlsx(&a, &Evaluation::of(&a), out).map_err(|e| in_file(file, e))?;
    outln!(
        "wrote the results of {} to {}",
        file.display(),
        out.display()
    );
    for n in notes {
        eprintln!("appraise: warning: {}: {n}", file.display());
    }
    Ok(())
}

pub fn export_csv(file: &Path, table: &str, out: &Path) -> Result<(), CliError> {
    let a = store::open(file)?;
    results::write_csv(&a, &Evaluation::of(&a), table, out).map_err(|e| in_file(file, e))?;
    outln!("wrote {table} of {} to {}", file.display(), out.display());
    Ok(())
}

/// Engine failures name the appraisal file they came from.
fn in_file(file: &Path, e: SheetError) -> CliError {
    match e {
        SheetError::Scoring(reason) => CliError::Results {
            path: file.to_owned(),
            reason: format!(
                "the results cannot be exported: the scoring engine could not run: {reason}"
            ),
        },
        other => other.into(),
    }
}
