//! Sections whose engines are not in this build yet: travel and equality (src/travel/) and
//! sensitivity and robustness (src/sensitivity/). Their input is `Assessed<Pending>`, which can
//! only be "not yet assessed"; when an engine lands, its results replace `Pending` and the
//! `Ok` arm here writes the section and its charts.

use super::super::doc::Doc;
use super::super::{NotAssessed, PackInput};

pub fn travel(doc: &mut Doc, input: &PackInput) {
    doc.heading(1, "Travel and equality");
    doc.para(
        "How far patients would travel to A&E, maternity and other services under each option, \
         the share of the population within given minutes, and the change by deprivation \
         (IMD quintile).",
    );
    match &input.travel {
        Ok(pending) => match *pending {},
        Err(NotAssessed(reason)) => doc.not_assessed(&format!("{reason}.")),
    }
}

pub fn sensitivity(doc: &mut Doc, input: &PackInput) {
    doc.heading(1, "Sensitivity and robustness");
    doc.para(
        "How far weights and scores would have to move to change the preferred option: one-way \
         sensitivity with switch points, the tornado of the most influential inputs, and the \
         probability of each rank under uncertain weights (SMAA).",
    );
    match &input.sensitivity {
        Ok(pending) => match *pending {},
        Err(NotAssessed(reason)) => doc.not_assessed(&format!("{reason}.")),
    }
}
