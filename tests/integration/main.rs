//! Integration tests of the core and the CLI: one test binary (as ripgrep does).

mod bounds;
mod claims;
mod cli;
mod faults;
mod file;
mod fuzz;
mod json;
mod module_cycles;
mod pack_text;
mod public_data;
mod report;
mod sheets;
mod util;
