//! `appraise scoring-workbooks` and `merge-scores`: a workbook per scorer out, and the filled
//! workbooks merged back, refused with every conflict listed unless `--take` settles them all.

use std::path::{Path, PathBuf};

use appraise::sheets::score_merge::{self, MergePreview};
use appraise::sheets::scorer_workbook;
use appraise::store;

use super::CliError;

pub fn scoring_workbooks(
    file: &Path,
    out: &Path,
    scorers: Option<&[String]>,
) -> Result<(), CliError> {
    let a = store::open(file)?;
    for path in scorer_workbook::write_all(&a, out, scorers)? {
        outln!("wrote {}", path.display());
    }
    Ok(())
}

/// How `--take` settles every conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TakeAll {
    /// The value of the workbook (the one named last, when several conflict).
    Workbook,
    /// The value the appraisal holds.
    Appraisal,
}

pub fn merge_scores(
    file: &Path,
    workbooks: &[PathBuf],
    take: Option<TakeAll>,
) -> Result<(), CliError> {
    let a = store::open(file)?;
    let plan = score_merge::preview(&a, workbooks)?;
    let refuse = |reason: String| CliError::Merge {
        path: file.to_owned(),
        reason,
    };
    if !plan.problems.is_empty() {
        let lines: Vec<String> = plan.problems.iter().map(|p| format!("\n  {p}")).collect();
        return Err(refuse(format!(
            "the workbooks cannot be merged: {} problem{}; nothing was changed{}",
            plan.problems.len(),
            if plan.problems.len() == 1 { "" } else { "s" },
            lines.concat()
        )));
    }
    report(&plan);
    let choices = match take {
        Some(t) => score_merge::settle_all(&plan, t == TakeAll::Workbook),
        None => vec![None; plan.conflicts.len()],
    };
    let merged = score_merge::apply(&a, &plan, &choices).map_err(|e| {
        refuse(format!(
            "{e}\n  settle them in the window, or all at once with --take workbook or --take appraisal"
        ))
    })?;
    let mut next = merged.appraisal;
    let changes = store::save_grouping(file, &mut next, None, Some(("scores", &merged.summary)))?;
    if changes == 0 {
        outln!(
            "nothing to merge: {} already holds every score",
            file.display()
        );
    } else {
        outln!(
            "{}; recorded as one change in the audit trail",
            merged.summary
        );
    }
    Ok(())
}

fn report(plan: &MergePreview) {
    outln!(
        "{} unchanged, {} new, {} changed, {} conflict{}",
        plan.unchanged,
        plan.new.len(),
        plan.updated.len(),
        plan.conflicts.len(),
        if plan.conflicts.len() == 1 { "" } else { "s" }
    );
    for c in plan.new.iter().chain(&plan.updated) {
        let before = c
            .before
            .as_ref()
            .map_or_else(|| "no score".to_owned(), |v| v.value.to_string());
        outln!("  {}: {before} -> {} ({})", c.cell, c.after.value, c.file);
    }
}
