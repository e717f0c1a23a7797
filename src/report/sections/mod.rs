//! The pack's sections, in the order a board reads them. Each takes its data from
//! [`PackInput`]; where the data is missing it prints "Not yet assessed" and why.

mod appendix;
mod background;
mod lost_sites;
mod method;
mod method_choices;
mod results;
mod risks;
mod sensitivity;
mod summary;
mod travel;
mod travel_maps;
mod viability;

use super::doc::Doc;
use super::{PackInput, PackOptions};
use crate::score::Results;

/// Every level-1 heading, in order (the tests check each is in the PDF).
pub const HEADINGS: [&str; 11] = [
    "Executive summary",
    "Background and the options",
    "Method",
    "Results",
    "Viability",
    "Quality",
    "Travel and equality",
    "Sensitivity and robustness",
    "Hurdle tests",
    "Risks and assumptions",
    "Appendices",
];

pub fn write(doc: &mut Doc, input: &PackInput, options: &PackOptions) {
    summary::write(doc, input);
    background::write(doc, input);
    method::write(doc, input);
    results::write(doc, input);
    viability::write(doc, input);
    results::quality(doc, input);
    travel::write(doc, input);
    sensitivity::write(doc, input);
    results::hurdles(doc, input);
    risks::write(doc, input);
    appendix::write(doc, input, options);
}

/// One decimal place, the precision of every score in the pack.
fn f1(x: f64) -> String {
    format!("{x:.1}")
}

/// GBP thousands as GBP millions to one decimal place.
fn gbp_m(thousands: f64) -> String {
    format!("{:.1}", thousands / 1000.0)
}

/// The option's name from the score results, or its code.
fn option_name<'a>(r: &'a Results, code: &'a str) -> &'a str {
    r.options
        .iter()
        .find(|o| o.code == code)
        .map_or(code, |o| o.name.as_str())
}
