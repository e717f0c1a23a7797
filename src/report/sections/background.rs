//! Background and the options: the appraisal's purpose, the organisations and sites, and
//! each option on the short list.

use super::super::PackInput;
use super::super::doc::{Cell, Doc, cell};

pub fn write(doc: &mut Doc, input: &PackInput) {
    let a = input.appraisal;
    doc.chapter("Background and the options");
    if a.meta.description.trim().is_empty() {
        doc.not_assessed("the appraisal has no description of its background yet.");
    } else {
        for p in a.meta.description.split("\n\n") {
            doc.para(p.trim());
        }
    }
    doc.heading(2, "Organisations");
    if a.organisations.is_empty() {
        doc.not_assessed("no organisations are recorded in the appraisal.");
    } else {
        let rows: Vec<Vec<Cell>> = a
            .organisations
            .iter()
            .map(|o| {
                let sites: Vec<&str> = a
                    .sites
                    .iter()
                    .filter(|s| s.organisation == o.code)
                    .map(|s| s.name.as_str())
                    .collect();
                vec![
                    cell(&o.code),
                    cell(&o.name),
                    cell(o.kind.label()),
                    cell(
                        &o.cqc_rating
                            .map_or("not rated".to_owned(), |r| r.label().to_owned()),
                    ),
                    cell(&if sites.is_empty() {
                        "none recorded".to_owned()
                    } else {
                        sites.join(", ")
                    }),
                ]
            })
            .collect();
        doc.table(
            "(auto, 1fr, auto, auto, 1fr)",
            &["Code", "Organisation", "Kind", "CQC rating", "Sites"],
            rows,
        );
    }
    doc.heading(2, "The options");
    for o in &a.options {
        let members: Vec<&str> = o
            .members
            .iter()
            .map(|m| {
                a.organisations
                    .iter()
                    .find(|x| &x.code == m)
                    .map_or(m.as_str(), |x| x.name.as_str())
            })
            .collect();
        doc.lead(
            &format!("{} ({}, {}).", o.name, o.code, o.kind.label()),
            &o.description,
        );
        if !members.is_empty() {
            doc.para(&format!("Organisations: {}.", members.join("; ")));
        }
    }
}
