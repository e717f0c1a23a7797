//! Integration tests of the core and the CLI: one test binary (as ripgrep does).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test's own

mod bounds;
mod changes;
mod claims;
mod cli;
mod faults;
mod file;
mod fuzz;
mod json;
mod method;
mod module_cycles;
mod pack_text;
mod public_data;
mod public_data_sites;
mod report;
mod roads;
mod roads_window;
mod seams;
mod sheets;
mod snapshots;
mod transit;
mod util;
mod workshop;
