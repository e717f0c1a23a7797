//! Merging scorers' workbooks back into the appraisal. Each cell (option, criterion, scorer) is
//! compared three ways: what the workbook holds, what it was exported with, and what the
//! appraisal holds now. A workbook that left a cell as exported says nothing about it; one that
//! changed it updates the appraisal cleanly when the appraisal still holds what was exported,
//! and conflicts when the appraisal has changed since, or when two workbooks give one cell
//! different values. Nothing is applied while a conflict is unsettled.

use std::collections::HashMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::scorer_workbook::{Given, ScorerWorkbook, panel_criteria};
use crate::model::{Appraisal, Score};
use crate::quote::shorten;

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum MergeError {
    #[error("the workbooks have {0} problem(s): correct them and read the workbooks again")]
    Problems(usize),
    #[error("{} conflict(s) are not settled; nothing was changed:{}", .0.len(), Lines(.0))]
    Unresolved(Vec<String>),
    #[error("{given} choices were given for {conflicts} conflicts")]
    Choices { given: usize, conflicts: usize },
    #[error("conflict {conflict} has no workbook value {offer}")]
    NoOffer { conflict: usize, offer: usize },
}

/// Messages one per line, indented.
struct Lines<'a>(&'a [String]);

impl fmt::Display for Lines<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.iter().try_for_each(|l| write!(f, "\n  {l}"))
    }
}

/// A score and its rationale.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct CellValue {
    pub value: f64,
    pub rationale: String,
}

impl CellValue {
    fn same(&self, other: &CellValue) -> bool {
        self.value == other.value && self.rationale.trim() == other.rationale.trim()
    }
}

impl From<&Given> for CellValue {
    fn from(g: &Given) -> CellValue {
        CellValue {
            value: g.value,
            rationale: g.rationale.clone(),
        }
    }
}

fn same(a: Option<&CellValue>, b: Option<&CellValue>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.same(b),
        (None, None) => true,
        _ => false,
    }
}

/// Which cell: codes and the names the window shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct CellRef {
    pub option: String,
    pub option_name: String,
    pub criterion: String,
    pub criterion_name: String,
    pub scorer: String,
    pub scorer_name: String,
}

impl fmt::Display for CellRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}'s score for {} on {}",
            self.scorer_name, self.option_name, self.criterion_name
        )
    }
}

/// A cell the merge adds or changes without a conflict.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct MergeChange {
    pub cell: CellRef,
    /// What the appraisal holds now; none for a new score.
    pub before: Option<CellValue>,
    pub after: CellValue,
    /// The workbook it comes from (the first, when several agree).
    pub file: String,
}

/// One workbook's value for a conflicting cell.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Offer {
    pub file: String,
    pub value: CellValue,
    /// What the workbook was exported with.
    pub exported: Option<CellValue>,
}

/// A cell the merge cannot settle by itself.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Conflict {
    pub cell: CellRef,
    /// What the appraisal holds now.
    pub appraisal: Option<CellValue>,
    /// The workbooks' values, in the order the workbooks were given.
    pub offers: Vec<Offer>,
    /// Why it is a conflict, in words.
    pub reason: String,
}

/// A bad cell or a refused workbook, named by file, sheet, row and column.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct WorkbookProblem {
    pub file: String,
    pub sheet: String,
    /// 1-based; 0 when the problem is with the whole sheet or workbook.
    pub row: usize,
    /// The column's name; empty when the problem is with a row or the workbook.
    pub column: String,
    pub reason: String,
}

impl fmt::Display for WorkbookProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}, sheet {}", self.file, self.sheet)?;
        if self.row > 0 {
            write!(f, ", row {}", self.row)?;
        }
        if !self.column.is_empty() {
            write!(f, ", column {}", self.column)?;
        }
        write!(f, ": {}", self.reason)
    }
}

/// What merging the workbooks would do; nothing is applied until every conflict is settled.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct MergePreview {
    pub files: Vec<String>,
    /// When not empty, nothing can be merged.
    pub problems: Vec<WorkbookProblem>,
    /// Cells the workbooks leave as the appraisal holds them.
    pub unchanged: usize,
    pub new: Vec<MergeChange>,
    /// Cells changed where the appraisal still holds what the workbook was exported with.
    pub updated: Vec<MergeChange>,
    pub conflicts: Vec<Conflict>,
}

/// How one conflict is settled: keep the appraisal's value, or take a workbook's (by its
/// position in the conflict's offers).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(tag = "take", rename_all = "snake_case")]
pub enum Take {
    Appraisal,
    Workbook { offer: usize },
}

type Key = (String, String, String);

/// What one workbook row proposes for its cell.
struct Proposal {
    file: String,
    value: CellValue,
    exported: Option<CellValue>,
}

/// Compares `books` with `a`: the problems, or the cells each would add, change or conflict on.
pub fn plan(a: &Appraisal, books: &[ScorerWorkbook]) -> MergePreview {
    let scale = &a.settings.panel_scale;
    let option_name: HashMap<&str, &str> = a
        .options
        .iter()
        .map(|o| (o.code.as_str(), o.name.as_str()))
        .collect();
    let criterion_name: HashMap<&str, &str> = panel_criteria(a)
        .map(|c| (c.code.as_str(), c.name.as_str()))
        .collect();
    let scorer_name: HashMap<&str, &str> = a
        .scorers
        .iter()
        .map(|s| (s.code.as_str(), s.name.as_str()))
        .collect();
    let current: HashMap<Key, &Score> = a
        .scores
        .iter()
        .map(|s| ((s.option.clone(), s.criterion.clone(), s.scorer.clone()), s))
        .collect();

    let mut problems = Vec::new();
    let mut seen: Vec<Key> = Vec::new();
    let mut proposals: HashMap<Key, Vec<Proposal>> = HashMap::new();
    for book in books {
        let problem = |sheet: &str, row: usize, column: &str, reason: String| WorkbookProblem {
            file: book.file.clone(),
            sheet: sheet.to_owned(),
            row,
            column: column.to_owned(),
            reason,
        };
        problems.extend(
            book.problems
                .iter()
                .map(|p| problem(&p.sheet, p.row, &p.column, p.reason.clone())),
        );
        if !scorer_name.contains_key(book.scorer.as_str()) {
            problems.push(problem(
                super::scorer_workbook::ABOUT,
                book.scorer_row,
                "",
                format!(
                    "the workbook is for the scorer '{}', who is not on this appraisal's panel",
                    shorten(&book.scorer)
                ),
            ));
            continue;
        }
        let sheet = super::scorer_workbook::SCORING;
        let mut rows_of: HashMap<(&str, &str), usize> = HashMap::new();
        for r in &book.rows {
            let mut bad = |column: &str, reason: String| {
                problems.push(problem(sheet, r.row, column, reason));
            };
            let mut ok = true;
            if !option_name.contains_key(r.option.as_str()) {
                bad(
                    "option",
                    format!("this appraisal has no option '{}'", shorten(&r.option)),
                );
                ok = false;
            }
            if !criterion_name.contains_key(r.criterion.as_str()) {
                bad(
                    "criterion",
                    format!(
                        "'{}' is not a panel-scored criterion of this appraisal",
                        shorten(&r.criterion)
                    ),
                );
                ok = false;
            }
            if let Some(v) = r.score
                && !(scale.min..=scale.max).contains(&v)
            {
                bad(
                    "score",
                    format!(
                        "{v} is outside the panel scale, {} to {}",
                        scale.min, scale.max
                    ),
                );
                ok = false;
            }
            if r.score.is_none() && r.exported.is_none() && !r.rationale.trim().is_empty() {
                bad(
                    "score",
                    "is blank but a rationale is given: give the score too".to_owned(),
                );
                ok = false;
            }
            if let Some(earlier) = rows_of.insert((&r.option, &r.criterion), r.row) {
                bad(
                    "criterion",
                    format!("this option and criterion are already on row {earlier}"),
                );
                ok = false;
            }
            if !ok {
                continue;
            }
            let key: Key = (r.option.clone(), r.criterion.clone(), book.scorer.clone());
            if !seen.contains(&key) {
                seen.push(key.clone());
            }
            let Some(value) = r.score else {
                continue;
            };
            let value = CellValue {
                value,
                rationale: r.rationale.trim().to_owned(),
            };
            let exported = r.exported.as_ref().map(CellValue::from);
            if same(Some(&value), exported.as_ref()) {
                continue;
            }
            proposals.entry(key).or_default().push(Proposal {
                file: book.file.clone(),
                value,
                exported,
            });
        }
    }

    let mut preview = MergePreview {
        files: books.iter().map(|b| b.file.clone()).collect(),
        problems,
        unchanged: 0,
        new: Vec::new(),
        updated: Vec::new(),
        conflicts: Vec::new(),
    };
    for key in seen {
        let now = current.get(&key).map(|s| CellValue {
            value: s.value,
            rationale: s.rationale.clone(),
        });
        let offers: Vec<Proposal> = proposals
            .remove(&key)
            .unwrap_or_default()
            .into_iter()
            .filter(|p| !same(Some(&p.value), now.as_ref()))
            .collect();
        let Some(first) = offers.first() else {
            preview.unchanged += 1;
            continue;
        };
        let cell = CellRef {
            option_name: option_name
                .get(key.0.as_str())
                .copied()
                .unwrap_or_default()
                .to_owned(),
            criterion_name: criterion_name
                .get(key.1.as_str())
                .copied()
                .unwrap_or_default()
                .to_owned(),
            scorer_name: scorer_name
                .get(key.2.as_str())
                .copied()
                .unwrap_or_default()
                .to_owned(),
            option: key.0,
            criterion: key.1,
            scorer: key.2,
        };
        let disagree = offers.iter().any(|p| !p.value.same(&first.value));
        let moved: Vec<&str> = offers
            .iter()
            .filter(|p| !same(p.exported.as_ref(), now.as_ref()))
            .map(|p| p.file.as_str())
            .collect();
        if !disagree && moved.is_empty() {
            let change = MergeChange {
                cell,
                before: now.clone(),
                after: first.value.clone(),
                file: first.file.clone(),
            };
            if now.is_none() {
                preview.new.push(change);
            } else {
                preview.updated.push(change);
            }
            continue;
        }
        let mut reasons = Vec::new();
        if !moved.is_empty() {
            reasons.push(format!(
                "the appraisal's value changed after {} was exported",
                moved.join(" and ")
            ));
        }
        if disagree {
            let files: Vec<&str> = offers.iter().map(|p| p.file.as_str()).collect();
            reasons.push(format!("{} give different values", files.join(" and ")));
        }
        preview.conflicts.push(Conflict {
            cell,
            appraisal: now,
            offers: offers
                .into_iter()
                .map(|p| Offer {
                    file: p.file,
                    value: p.value,
                    exported: p.exported,
                })
                .collect(),
            reason: reasons.join("; "),
        });
    }
    preview
}

/// Reads the scorers' workbooks at `paths` and compares them with `a` (see [`plan`]). A file
/// that is not a readable scoring workbook is refused whole.
pub fn preview(
    a: &Appraisal,
    paths: &[std::path::PathBuf],
) -> Result<MergePreview, super::SheetError> {
    let books = paths
        .iter()
        .map(|p| super::scorer_workbook::read(p))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(plan(a, &books))
}

/// What a settled merge did, in one sentence for the audit trail and the window.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    pub appraisal: Appraisal,
    pub summary: String,
}

/// `a` with `plan` applied, each conflict settled by the choice at its position in `choices`.
/// Refused, with every unsettled conflict named, unless there are no problems and every
/// conflict has a choice.
pub fn apply(
    a: &Appraisal,
    plan: &MergePreview,
    choices: &[Option<Take>],
) -> Result<Merged, MergeError> {
    if !plan.problems.is_empty() {
        return Err(MergeError::Problems(plan.problems.len()));
    }
    if choices.len() != plan.conflicts.len() {
        return Err(MergeError::Choices {
            given: choices.len(),
            conflicts: plan.conflicts.len(),
        });
    }
    let unsettled: Vec<String> = plan
        .conflicts
        .iter()
        .zip(choices)
        .filter(|(_, c)| c.is_none())
        .map(|(c, _)| describe(c))
        .collect();
    if !unsettled.is_empty() {
        return Err(MergeError::Unresolved(unsettled));
    }
    let mut next = a.clone();
    let mut set = |cell: &CellRef, v: &CellValue| match next.scores.iter_mut().find(|s| {
        s.option == cell.option && s.criterion == cell.criterion && s.scorer == cell.scorer
    }) {
        Some(s) => {
            s.value = v.value;
            s.rationale.clone_from(&v.rationale);
        }
        None => next.scores.push(Score {
            option: cell.option.clone(),
            criterion: cell.criterion.clone(),
            scorer: cell.scorer.clone(),
            value: v.value,
            rationale: v.rationale.clone(),
            evidence: String::new(),
        }),
    };
    for c in plan.new.iter().chain(&plan.updated) {
        set(&c.cell, &c.after);
    }
    let (mut kept, mut taken) = (0, 0);
    for (i, (conflict, choice)) in plan.conflicts.iter().zip(choices).enumerate() {
        match choice {
            Some(Take::Workbook { offer }) => {
                let o = conflict.offers.get(*offer).ok_or(MergeError::NoOffer {
                    conflict: i,
                    offer: *offer,
                })?;
                set(&conflict.cell, &o.value);
                taken += 1;
            }
            Some(Take::Appraisal) | None => kept += 1,
        }
    }
    let count =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut summary = format!(
        "merged {} ({}): {}, {} changed",
        count(plan.files.len(), "scoring workbook", "scoring workbooks"),
        plan.files.join(", "),
        count(plan.new.len(), "new score", "new scores"),
        plan.updated.len()
    );
    if !plan.conflicts.is_empty() {
        summary.push_str(&format!(
            ", {} settled ({kept} kept the appraisal's value, {taken} took a workbook's)",
            count(plan.conflicts.len(), "conflict", "conflicts")
        ));
    }
    Ok(Merged {
        appraisal: next,
        summary,
    })
}

/// A conflict in one line: the cell, the appraisal's value, each workbook's, and why.
pub fn describe(c: &Conflict) -> String {
    let shown =
        |v: Option<&CellValue>| v.map_or_else(|| "no score".to_owned(), |v| v.value.to_string());
    let offers: Vec<String> = c
        .offers
        .iter()
        .map(|o| format!("{} gives {}", o.file, shown(Some(&o.value))))
        .collect();
    format!(
        "{}: the appraisal holds {}, {} ({})",
        c.cell,
        shown(c.appraisal.as_ref()),
        offers.join(", "),
        c.reason
    )
}

/// The same choice for every conflict: the appraisal's value, or the value of the workbook
/// given last among those that conflict.
pub fn settle_all(plan: &MergePreview, take_workbook: bool) -> Vec<Option<Take>> {
    plan.conflicts
        .iter()
        .map(|c| {
            Some(if take_workbook {
                Take::Workbook {
                    offer: c.offers.len().saturating_sub(1),
                }
            } else {
                Take::Appraisal
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::scorer_workbook::Row;
    use super::super::table::Problem;
    use super::*;

    fn demo() -> Appraisal {
        crate::demo::appraisal()
    }

    fn score(a: &Appraisal, option: &str, criterion: &str, scorer: &str) -> Option<(f64, String)> {
        a.scores
            .iter()
            .find(|s| s.option == option && s.criterion == criterion && s.scorer == scorer)
            .map(|s| (s.value, s.rationale.clone()))
    }

    /// A workbook for `scorer` as exported from `a`, every row as it was.
    fn exported(a: &Appraisal, scorer: &str, file: &str) -> ScorerWorkbook {
        let mut rows = Vec::new();
        for c in panel_criteria(a) {
            for o in &a.options {
                let given = score(a, &o.code, &c.code, scorer)
                    .map(|(value, rationale)| Given { value, rationale });
                rows.push(Row {
                    row: rows.len() + 2,
                    option: o.code.clone(),
                    criterion: c.code.clone(),
                    score: given.as_ref().map(|g| g.value),
                    rationale: given
                        .as_ref()
                        .map(|g| g.rationale.clone())
                        .unwrap_or_default(),
                    exported: given,
                });
            }
        }
        ScorerWorkbook {
            file: file.to_owned(),
            scorer: scorer.to_owned(),
            scorer_row: 3,
            rows,
            problems: Vec::new(),
        }
    }

    fn fill(book: &mut ScorerWorkbook, option: &str, criterion: &str, value: f64, why: &str) {
        let r = book
            .rows
            .iter_mut()
            .find(|r| r.option == option && r.criterion == criterion)
            .unwrap();
        r.score = Some(value);
        r.rationale = why.to_owned();
    }

    #[test]
    fn an_untouched_workbook_changes_nothing() {
        let a = demo();
        let book = exported(&a, "MD", "md.xlsx");
        let p = plan(&a, std::slice::from_ref(&book));
        assert!(p.problems.is_empty(), "{:?}", p.problems);
        assert_eq!(p.unchanged, book.rows.len());
        assert!(p.new.is_empty() && p.updated.is_empty() && p.conflicts.is_empty());
        let merged = apply(&a, &p, &[]).unwrap();
        assert_eq!(merged.appraisal, a);
    }

    #[test]
    fn a_changed_cell_the_appraisal_still_holds_as_exported_is_a_clean_update() {
        let a = demo();
        let (before, _) = score(&a, "SPLIT", "QUA-STD", "MD").unwrap();
        let mut book = exported(&a, "MD", "md.xlsx");
        fill(
            &mut book,
            "SPLIT",
            "QUA-STD",
            2.0,
            "Rota gaps at both sites",
        );
        let p = plan(&a, &[book]);
        assert_eq!(p.updated.len(), 1);
        let u = &p.updated[0];
        assert_eq!(u.before.as_ref().map(|v| v.value), Some(before));
        assert_eq!(u.after.value, 2.0);
        assert_eq!(u.file, "md.xlsx");
        assert!(p.new.is_empty() && p.conflicts.is_empty());
        let merged = apply(&a, &p, &[]).unwrap();
        assert_eq!(
            score(&merged.appraisal, "SPLIT", "QUA-STD", "MD"),
            Some((2.0, "Rota gaps at both sites".to_owned()))
        );
        assert_eq!(merged.appraisal.scores.len(), a.scores.len());
        assert_eq!(
            merged.summary,
            "merged 1 scoring workbook (md.xlsx): 0 new scores, 1 changed"
        );
    }

    #[test]
    fn a_cell_without_a_score_filled_in_is_new() {
        let mut a = demo();
        a.scores
            .retain(|s| !(s.option == "DM" && s.criterion == "QUA-STD" && s.scorer == "PR"));
        let mut book = exported(&a, "PR", "pr.xlsx");
        fill(&mut book, "DM", "QUA-STD", 6.0, "As today");
        let p = plan(&a, &[book]);
        assert_eq!(p.new.len(), 1);
        assert_eq!(p.new[0].before, None);
        assert_eq!(p.new[0].cell.scorer_name, "Cath Demo (fictional)");
        let merged = apply(&a, &p, &[]).unwrap();
        assert_eq!(
            score(&merged.appraisal, "DM", "QUA-STD", "PR"),
            Some((6.0, "As today".to_owned()))
        );
        assert_eq!(merged.appraisal.scores.len(), a.scores.len() + 1);
    }

    #[test]
    fn a_cell_changed_in_the_appraisal_since_export_conflicts_and_nothing_applies_until_settled() {
        let mut a = demo();
        let mut book = exported(&a, "MD", "md.xlsx");
        fill(&mut book, "SPLIT", "QUA-STD", 2.0, "Rota gaps");
        fill(&mut book, "DM", "QUA-STD", 1.0, "Clean change");
        // After the export, the appraisal's value for SPLIT moves to 9.
        let s = a
            .scores
            .iter_mut()
            .find(|s| s.option == "SPLIT" && s.criterion == "QUA-STD" && s.scorer == "MD")
            .unwrap();
        s.value = 9.0;
        let p = plan(&a, &[book]);
        assert_eq!(p.conflicts.len(), 1);
        assert_eq!(p.updated.len(), 1);
        let c = &p.conflicts[0];
        assert_eq!(c.appraisal.as_ref().map(|v| v.value), Some(9.0));
        assert_eq!(c.offers.len(), 1);
        assert_eq!(c.offers[0].value.value, 2.0);
        assert_eq!(
            c.reason,
            "the appraisal's value changed after md.xlsx was exported"
        );
        let e = apply(&a, &p, &[None]).unwrap_err();
        let MergeError::Unresolved(lines) = &e else {
            panic!("{e}")
        };
        assert!(
            lines[0].starts_with("Dr Ada Sample (fictional)'s score for Split: Stafford"),
            "{lines:?}"
        );
        assert!(
            lines[0].contains("the appraisal holds 9, md.xlsx gives 2"),
            "{lines:?}"
        );
        // Kept: SPLIT stays 9, the clean update still applies.
        let kept = apply(&a, &p, &[Some(Take::Appraisal)]).unwrap();
        assert_eq!(
            score(&kept.appraisal, "SPLIT", "QUA-STD", "MD").unwrap().0,
            9.0
        );
        assert_eq!(
            score(&kept.appraisal, "DM", "QUA-STD", "MD").unwrap().0,
            1.0
        );
        assert!(
            kept.summary.ends_with(
                "1 conflict settled (1 kept the appraisal's value, 0 took a workbook's)"
            )
        );
        let taken = apply(&a, &p, &[Some(Take::Workbook { offer: 0 })]).unwrap();
        assert_eq!(
            score(&taken.appraisal, "SPLIT", "QUA-STD", "MD").unwrap().0,
            2.0
        );
        assert_eq!(
            apply(&a, &p, &[Some(Take::Workbook { offer: 1 })]).unwrap_err(),
            MergeError::NoOffer {
                conflict: 0,
                offer: 1
            }
        );
    }

    #[test]
    fn two_workbooks_giving_one_cell_different_values_conflict_and_agreeing_ones_do_not() {
        let a = demo();
        let mut one = exported(&a, "FD", "fd-1.xlsx");
        let mut two = exported(&a, "FD", "fd-2.xlsx");
        fill(&mut one, "ICO", "QUA-STD", 3.0, "x");
        fill(&mut two, "ICO", "QUA-STD", 8.0, "y");
        fill(&mut one, "DM", "QUA-STD", 4.0, "same");
        fill(&mut two, "DM", "QUA-STD", 4.0, "same");
        let p = plan(&a, &[one, two]);
        assert_eq!(p.conflicts.len(), 1, "{:?}", p.conflicts);
        let c = &p.conflicts[0];
        assert_eq!(c.reason, "fd-1.xlsx and fd-2.xlsx give different values");
        let values: Vec<f64> = c.offers.iter().map(|o| o.value.value).collect();
        assert_eq!(values, [3.0, 8.0]);
        assert_eq!(p.updated.len(), 1);
        assert_eq!(p.updated[0].after.value, 4.0);
        let merged = apply(&a, &p, &settle_all(&p, true)).unwrap();
        assert_eq!(
            score(&merged.appraisal, "ICO", "QUA-STD", "FD").unwrap().0,
            8.0
        );
    }

    #[test]
    fn bad_cells_are_named_by_file_sheet_row_and_column_and_an_unknown_scorer_by_name() {
        let a = demo();
        let mut book = exported(&a, "MD", "md.xlsx");
        book.rows[0].score = Some(11.0);
        book.rows[1].option = "NOWHERE".into();
        book.problems.push(Problem {
            sheet: "Scoring".into(),
            row: 7,
            column: "score".into(),
            reason: "'lots' is not a number".into(),
        });
        let mut stranger = exported(&a, "MD", "zz.xlsx");
        stranger.scorer = "ZZ".into();
        let p = plan(&a, &[book, stranger]);
        let lines: Vec<String> = p.problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            lines,
            [
                "md.xlsx, sheet Scoring, row 7, column score: 'lots' is not a number",
                "md.xlsx, sheet Scoring, row 2, column score: 11 is outside the panel scale, 0 to 10",
                "md.xlsx, sheet Scoring, row 3, column option: this appraisal has no option 'NOWHERE'",
                "zz.xlsx, sheet About, row 3: the workbook is for the scorer 'ZZ', who is not on this appraisal's panel",
            ]
        );
        assert_eq!(apply(&a, &p, &[]).unwrap_err(), MergeError::Problems(4));
    }
}
