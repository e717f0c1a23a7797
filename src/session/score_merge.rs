//! Scorers' workbooks merged into the open appraisal: previewed first (every problem, or the
//! cells each workbook adds, changes or conflicts on), then applied as one undoable edit once
//! every conflict has been settled. The window settles them one by one; nothing changes before.

use std::path::{Path, PathBuf};

use crate::model::Appraisal;
use crate::score::workshop::{self, WorkshopError, WorkshopView};
use crate::sheets::SheetError;
use crate::sheets::score_merge::{self, MergeError, MergePreview, Merged, Take};
use crate::sheets::scorer_workbook;

#[derive(Debug, thiserror::Error)]
pub enum ScoreMergeError {
    #[error(transparent)]
    Sheet(#[from] SheetError),
    #[error(transparent)]
    Merge(#[from] MergeError),
    #[error(transparent)]
    Workshop(#[from] WorkshopError),
    #[error("name at least one scoring workbook to merge")]
    NoWorkbooks,
    #[error("there is no previewed merge to apply: read the workbooks first")]
    NoPreview,
    #[error("the appraisal has changed since the workbooks were read: read them again")]
    Stale,
}

/// A previewed merge, valid only for the revision it was made on.
#[derive(Debug, Clone)]
pub struct PendingMerge {
    pub revision: u64,
    pub plan: MergePreview,
}

/// Reads the workbooks at `paths` and compares them with `a`; nothing changes.
pub fn preview(a: &Appraisal, paths: &[PathBuf]) -> Result<MergePreview, ScoreMergeError> {
    if paths.is_empty() {
        return Err(ScoreMergeError::NoWorkbooks);
    }
    Ok(score_merge::preview(a, paths)?)
}

/// `pending` applied to `a` (at `revision`) with `choices`, or why not.
pub fn settle(
    a: &Appraisal,
    revision: u64,
    pending: Option<&PendingMerge>,
    choices: &[Option<Take>],
) -> Result<Merged, ScoreMergeError> {
    let pending = pending.ok_or(ScoreMergeError::NoPreview)?;
    if pending.revision != revision {
        return Err(ScoreMergeError::Stale);
    }
    Ok(score_merge::apply(a, &pending.plan, choices)?)
}

/// Writes a workbook per scorer (those named, or all) into the folder `dir`; returns the
/// files' paths.
pub fn write_workbooks(
    a: &Appraisal,
    dir: &Path,
    scorers: Option<&[String]>,
) -> Result<Vec<String>, ScoreMergeError> {
    Ok(scorer_workbook::write_all(a, dir, scorers)?
        .into_iter()
        .map(|p| p.display().to_string())
        .collect())
}

/// The projector view of `criterion` (the first panel-scored one when none).
pub fn view(a: &Appraisal, criterion: Option<&str>) -> Result<WorkshopView, ScoreMergeError> {
    Ok(workshop::view(a, criterion)?)
}

#[cfg(test)]
mod tests {
    use super::super::document::Document;
    use super::*;

    fn value(a: &Appraisal, option: &str, scorer: &str) -> f64 {
        a.scores
            .iter()
            .find(|s| s.option == option && s.criterion == "QUA-STD" && s.scorer == scorer)
            .map(|s| s.value)
            .unwrap()
    }

    /// A scorer's workbook as a spreadsheet program would leave it: `scorer`'s code on the
    /// About sheet, and rows (option, score, exported score) on QUA-STD, the rationale as
    /// exported, the demo's.
    fn workbook(path: &Path, scorer: &str, rows: &[(&str, f64, f64)]) {
        let demo = crate::demo::appraisal();
        let mut book = rust_xlsxwriter::Workbook::new();
        let about = book.add_worksheet();
        about.set_name("About").unwrap();
        about.write_string(2, 0, "Scorer code").unwrap();
        about.write_string(2, 1, scorer).unwrap();
        let ws = book.add_worksheet();
        ws.set_name("Scoring").unwrap();
        for (c, name) in [
            "option",
            "criterion",
            "score",
            "exported_score",
            "rationale",
            "exported_rationale",
        ]
        .iter()
        .enumerate()
        {
            ws.write_string(0, c as u16, *name).unwrap();
        }
        for (r, (option, score, exported)) in rows.iter().enumerate() {
            let r = r as u32 + 1;
            ws.write_string(r, 0, *option).unwrap();
            ws.write_string(r, 1, "QUA-STD").unwrap();
            ws.write_number(r, 2, *score).unwrap();
            ws.write_number(r, 3, *exported).unwrap();
            let why = demo
                .scores
                .iter()
                .find(|s| s.option == *option && s.criterion == "QUA-STD" && s.scorer == scorer)
                .map(|s| s.rationale.as_str())
                .unwrap();
            ws.write_string(r, 4, why).unwrap();
            ws.write_string(r, 5, why).unwrap();
        }
        book.save(path).unwrap();
    }

    #[test]
    fn nothing_changes_until_every_conflict_is_settled_and_then_one_edit_undoes_it() {
        let dir = tempfile::tempdir().unwrap();
        let mut doc = Document::untitled(crate::demo::appraisal());
        let original = doc.appraisal().clone();
        // MD's SPLIT is 8 and DM 3 in the demo. The workbook was exported when SPLIT was 7
        // (so the appraisal has changed since): a conflict; DM from 3 to 5 is clean.
        let path = dir.path().join("md.xlsx");
        workbook(&path, "MD", &[("SPLIT", 2.0, 7.0), ("DM", 5.0, 3.0)]);
        let plan = doc
            .preview_score_merge(std::slice::from_ref(&path))
            .unwrap();
        assert!(plan.problems.is_empty(), "{:?}", plan.problems);
        assert_eq!((plan.updated.len(), plan.conflicts.len()), (1, 1));

        let e = doc.apply_score_merge(&[None]).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("1 conflict(s) are not settled; nothing was changed"),
            "{e}"
        );
        assert_eq!(doc.appraisal(), &original);
        assert_eq!(doc.state().undo, None);

        doc.apply_score_merge(&[Some(Take::Appraisal)]).unwrap();
        assert_eq!(value(doc.appraisal(), "SPLIT", "MD"), 8.0);
        assert_eq!(value(doc.appraisal(), "DM", "MD"), 5.0);
        assert_eq!(
            doc.state().undo.as_deref(),
            Some("merge scores from 1 workbook")
        );
        assert!(doc.undo());
        assert_eq!(doc.appraisal().scores, original.scores);
        assert_eq!(doc.state().undo, None);
        // The preview is spent: applying again needs the workbooks read again.
        let e = doc.apply_score_merge(&[Some(Take::Appraisal)]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "there is no previewed merge to apply: read the workbooks first"
        );
    }

    #[test]
    fn a_merge_previewed_before_an_edit_is_stale() {
        let dir = tempfile::tempdir().unwrap();
        let mut doc = Document::untitled(crate::demo::appraisal());
        let path = dir.path().join("md.xlsx");
        workbook(&path, "MD", &[("DM", 5.0, 3.0)]);
        doc.preview_score_merge(std::slice::from_ref(&path))
            .unwrap();
        doc.apply(&crate::session::Edit::SetTitle {
            value: "Renamed".into(),
        })
        .unwrap();
        let e = doc.apply_score_merge(&[]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "the appraisal has changed since the workbooks were read: read them again"
        );
        assert_eq!(value(doc.appraisal(), "DM", "MD"), 3.0);
    }

    #[test]
    fn a_merge_saved_from_the_window_is_one_audit_entry_and_a_later_edit_its_own() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("panel.appraisal");
        crate::store::create(&file, &crate::demo::appraisal()).unwrap();
        let mut doc = Document::open(&file).unwrap();
        let book = dir.path().join("md.xlsx");
        // Two clean updates: DM 3 -> 5, MERGE-E 5 -> 6.
        workbook(&book, "MD", &[("DM", 5.0, 3.0), ("MERGE-E", 6.0, 5.0)]);
        doc.preview_score_merge(std::slice::from_ref(&book))
            .unwrap();
        doc.apply_score_merge(&[]).unwrap();
        doc.apply(&crate::session::Edit::SetTitle {
            value: "Renamed".into(),
        })
        .unwrap();
        let before = doc.appraisal().audit.len();
        assert_eq!(doc.save().unwrap(), 2);
        let audit = &doc.appraisal().audit[before..];
        let whats: Vec<&str> = audit.iter().map(|e| e.what.as_str()).collect();
        assert!(whats.contains(&"scores"), "{whats:?}");
        assert!(whats.contains(&"meta/title"), "{whats:?}");
        let merge = audit.iter().find(|e| e.what == "scores").unwrap();
        let new: serde_json::Value = serde_json::from_str(merge.new.as_deref().unwrap()).unwrap();
        assert_eq!(
            new["summary"],
            "merged 1 scoring workbook (md.xlsx): 0 new scores, 2 changed"
        );
        assert_eq!(new["changes"]["scores/DM/QUA-STD/MD/value"], 5.0);
        assert_eq!(new["changes"]["scores/MERGE-E/QUA-STD/MD/value"], 6.0);
        assert_eq!(crate::store::open(&file).unwrap().audit.len(), before + 2);
    }
}
