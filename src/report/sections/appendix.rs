//! Appendices: every score by every scorer with its rationale, the data sources cited, a
//! summary of the audit trail and earlier exports, the pack's fingerprint, and the glossary the
//! window's help shows.

use std::collections::BTreeMap;

use super::super::PackOptions;
use super::super::doc::{Doc, cell, num};
use super::super::escape::text;
use super::super::{PackInput, fingerprint};

/// Most changes listed one by one; the file's audit trail holds every one.
const MOST_CHANGES: usize = 60;

/// What moved since the board last saw a pack: every saved change after the last export, named
/// as the screens name things, with the values before and after.
fn changes_since_last_pack(doc: &mut Doc, a: &crate::model::Appraisal) {
    let since = crate::changes::since_last_pack(a);
    doc.unnumbered(3, "What changed since the last pack");
    let n = since.changes.len();
    doc.para(&match (&since.last_pack_at, n) {
        (Some(at), 0) => format!("The last pack was exported at {at}; no change has been saved since."),
        (Some(at), n) => format!("The last pack was exported at {at}. Since then {n} changes were saved:"),
        (None, 0) => "No pack was exported from this appraisal before this one, and no change has been saved since it was created.".to_owned(),
        (None, n) => format!("No pack was exported from this appraisal before this one. The {n} changes saved since it was created:"),
    });
    if n == 0 {
        return;
    }
    let rows = since
        .changes
        .iter()
        .take(MOST_CHANGES)
        .map(|c| {
            vec![
                cell(&c.at),
                cell(&c.who),
                cell(&c.what),
                cell(&c.before),
                cell(&c.after),
            ]
        })
        .collect();
    doc.table(
        "(auto, auto, 1.4fr, 1fr, 1fr)",
        &["When", "Who", "What", "Before", "After"],
        rows,
    );
    if since.changes.len() > MOST_CHANGES {
        doc.para(&format!(
            "And {} more, each in the appraisal file's audit trail.",
            since.changes.len() - MOST_CHANGES
        ));
    }
}

pub fn write(doc: &mut Doc, input: &PackInput, _options: &PackOptions) {
    let a = input.appraisal;
    doc.chapter("Appendices");
    doc.unnumbered(2, "A. Every score by every scorer");
    let name = |list: &[(String, String)], code: &str| {
        list.iter()
            .find(|(c, _)| c == code)
            .map_or(code.to_owned(), |(_, n)| n.clone())
    };
    let options: Vec<(String, String)> = a
        .options
        .iter()
        .map(|o| (o.code.clone(), o.name.clone()))
        .collect();
    let criteria: Vec<(String, String)> = a
        .criteria
        .iter()
        .map(|c| (c.code.clone(), c.name.clone()))
        .collect();
    let scorers: Vec<(String, String)> = a
        .scorers
        .iter()
        .map(|s| (s.code.clone(), s.name.clone()))
        .collect();
    if a.scores.is_empty() {
        doc.not_assessed("no panel scores are recorded.");
    } else {
        let rows = a
            .scores
            .iter()
            .map(|s| {
                vec![
                    cell(&s.option),
                    cell(&name(&criteria, &s.criterion)),
                    cell(&name(&scorers, &s.scorer)),
                    num(&format!("{}", s.value)),
                    cell(&s.rationale),
                ]
            })
            .collect();
        doc.para("Options by code:");
        let key: Vec<String> = options.iter().map(|(c, n)| format!("{c}: {n}")).collect();
        doc.bullets(&key);
        doc.table(
            "(auto, 1fr, 0.8fr, auto, 2fr)",
            &["Option", "Criterion", "Scorer", "Score", "Rationale"],
            rows,
        );
    }
    doc.unnumbered(2, "B. Data sources");
    let mut sources: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for s in &a.scores {
        if !s.evidence.trim().is_empty() {
            sources
                .entry(s.evidence.as_str())
                .or_default()
                .push(name(&criteria, &s.criterion));
        }
    }
    for p in &a.performances {
        if !p.evidence.trim().is_empty() {
            sources
                .entry(p.evidence.as_str())
                .or_default()
                .push(name(&criteria, &p.criterion));
        }
    }
    if sources.is_empty() {
        doc.not_assessed("no evidence or data sources are cited in the appraisal.");
    } else {
        let rows = sources
            .into_iter()
            .map(|(source, mut used)| {
                used.sort();
                used.dedup();
                vec![cell(source), cell(&used.join("; "))]
            })
            .collect();
        doc.table("(1.5fr, 1fr)", &["Source", "Cited for"], rows);
    }
    if let Some(t) = a.travel_matrix.transit() {
        doc.para("Public transport timetables (GTFS) the journey times were computed from:");
        let feeds: Vec<String> = t
            .basis()
            .feeds
            .iter()
            .map(|f| {
                format!(
                    "{}, valid {} to {}, SHA-256 {}",
                    f.file, f.valid_from, f.valid_to, f.sha256
                )
            })
            .collect();
        doc.bullets(&feeds);
    }
    doc.unnumbered(2, "C. Audit trail");
    if a.audit.is_empty() {
        doc.para(
            "No saved change is recorded: the appraisal has not been edited since it was created.",
        );
    } else {
        let mut who: Vec<&str> = a.audit.iter().map(|e| e.who.as_str()).collect();
        who.sort();
        who.dedup();
        let first = a.audit.first().map_or("", |e| e.at.as_str());
        let last = a.audit.last().map_or("", |e| e.at.as_str());
        doc.para(&format!(
            "{} changes were saved between {first} and {last}, by {}.",
            a.audit.len(),
            who.join(", ")
        ));
        let mut by_area: BTreeMap<&str, usize> = BTreeMap::new();
        for e in &a.audit {
            *by_area
                .entry(e.what.split('/').next().unwrap_or(""))
                .or_default() += 1;
        }
        let rows = by_area
            .into_iter()
            .map(|(area, n)| vec![cell(area), num(&n.to_string())])
            .collect();
        doc.table("(1fr, auto)", &["Part of the appraisal", "Changes"], rows);
    }
    changes_since_last_pack(doc, a);
    if !a.exports.is_empty() {
        doc.para("Packs exported earlier:");
        let rows = a
            .exports
            .iter()
            .map(|e| {
                vec![
                    cell(&e.at),
                    cell(fingerprint::short(&e.fingerprint)),
                    cell(&e.path),
                ]
            })
            .collect();
        doc.table("(auto, auto, 1fr)", &["When", "Fingerprint", "File"], rows);
    }
    doc.unnumbered(2, "D. This pack's fingerprint");
    doc.raw(&format!(
        "{} #(input-fingerprint). {}\n",
        text(
            "Input fingerprint (SHA-256 of the appraisal's JSON text form without its audit trail and export records):"
        ),
        text(&format!(
            "The footer of every page shows its first {} digits.",
            fingerprint::SHORT
        )),
    ));
    doc.para(&format!(
        "This pack was made by {}.",
        crate::version::made_by()
    ));
    doc.unnumbered(2, "E. Glossary");
    for t in crate::glossary::TERMS {
        let label = if t.stands_for.is_empty() {
            t.term.to_owned()
        } else {
            format!("{} ({})", t.term, t.stands_for)
        };
        doc.lead(&format!("{label}:"), t.meaning);
    }
}
