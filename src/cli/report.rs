//! `appraise report`: export the board pack.

use std::path::Path;

use clap::ValueEnum;

use appraise::model::Status;
use appraise::report::{self, ExportOutcome, ReportError, fingerprint};

/// The status printed on the pack's cover and header.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum PackStatus {
    Draft,
    Final,
}

impl From<PackStatus> for Status {
    fn from(s: PackStatus) -> Status {
        match s {
            PackStatus::Draft => Status::Draft,
            PackStatus::Final => Status::Final,
        }
    }
}

pub fn run(
    file: &Path,
    out: &Path,
    status: Option<PackStatus>,
) -> Result<ExportOutcome, ReportError> {
    report::export(file, out, status.map(Status::from))
}

pub fn render(o: &ExportOutcome) -> String {
    format!(
        "wrote the board pack to {} ({} KB, input fingerprint {})\n",
        o.pack.display(),
        o.bytes.div_ceil(1024),
        fingerprint::short(&o.fingerprint)
    )
}
