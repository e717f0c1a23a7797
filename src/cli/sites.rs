//! `appraise import-sites`: an appraisal's hospital sites from the NHS ODS lists and the ONS
//! postcode directory.

use std::path::{Path, PathBuf};

use appraise::public_data::sites::{self, SiteChange, SiteChanges, SiteFiles};
use appraise::store;

use super::CliError;

/// The files named on the command line.
pub struct Files {
    pub ods: PathBuf,
    pub trusts: Option<PathBuf>,
    pub postcodes: PathBuf,
}

/// What an import did, and what the user should know of it.
pub struct Imported {
    pub changes: SiteChanges,
    pub warnings: Vec<String>,
}

/// Builds the sites of `codes` (comma-separated ODS codes) and saves them into `file` in one
/// transaction; on any error the file is left as it was.
pub fn run(file: &Path, files: &Files, codes: &str) -> Result<Imported, CliError> {
    let mut a = store::open(file)?;
    let codes: Vec<String> = codes.split(',').map(str::to_owned).collect();
    let built = sites::build(
        &SiteFiles {
            sites: &files.ods,
            trusts: files.trusts.as_deref(),
            postcodes: &files.postcodes,
        },
        &codes,
    )?;
    let changes = sites::apply(&mut a, &built).map_err(|source| CliError::SitesApply {
        path: file.to_owned(),
        source,
    })?;
    store::save(file, &mut a)?;
    Ok(Imported {
        changes,
        warnings: built.warnings,
    })
}

fn line(verb: &str, s: &SiteChange) -> String {
    format!(
        "  {verb} {} {} ({}, organisation {}): {:.6}, {:.6}\n",
        s.code, s.name, s.postcode, s.organisation, s.latitude, s.longitude
    )
}

pub fn render(file: &Path, c: &SiteChanges) -> String {
    let mut out = format!(
        "sites of {}: {} added, {} updated, {} unchanged\n",
        file.display(),
        c.added.len(),
        c.updated.len(),
        c.unchanged.len()
    );
    for s in &c.added {
        out.push_str(&line("added", s));
    }
    for s in &c.updated {
        out.push_str(&line("updated", s));
    }
    out
}
