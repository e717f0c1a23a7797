//! The readable text of `appraise show`.

use std::fmt::Write;

use appraise::model::Status;
use appraise::summary::Summary;

pub fn render(s: &Summary) -> String {
    let mut out = String::new();
    let status = match s.status {
        Status::Draft => "DRAFT",
        Status::Final => "FINAL",
    };
    let _ = writeln!(out, "{}", s.title);
    if s.illustrative {
        let _ = writeln!(out, "ILLUSTRATIVE: not a real appraisal");
    }
    let _ = writeln!(
        out,
        "{} | {status} | base year {} | horizon {} years | author {}",
        s.health_economy,
        appraise::model::financial_year_label(s.base_year),
        s.horizon_years,
        s.author
    );
    let _ = writeln!(out, "\nOrganisations ({})", s.organisations.len());
    for o in &s.organisations {
        let income = o.operating_income.map_or_else(
            || "no baseline".to_owned(),
            |k| format!("income £{:.1}m", k / 1000.0),
        );
        let cqc = o.cqc_rating.as_deref().unwrap_or("not rated");
        let _ = writeln!(
            out,
            "  {:<10} {} ({}; CQC {cqc}; {income})",
            o.code, o.name, o.kind
        );
    }
    let _ = writeln!(out, "\nSites ({})", s.sites.len());
    for site in &s.sites {
        let _ = writeln!(
            out,
            "  {:<10} {} ({}): {}",
            site.code,
            site.name,
            site.organisation,
            if site.services.is_empty() {
                "no services".to_owned()
            } else {
                site.services.join(", ")
            }
        );
    }
    let _ = writeln!(out, "\nOptions ({})", s.options.len());
    for o in &s.options {
        let _ = writeln!(
            out,
            "  {:<10} {} [{}]: {}",
            o.code,
            o.name,
            o.kind,
            o.members.join(", ")
        );
    }
    let c = &s.counts;
    let _ = writeln!(
        out,
        "\n{} services, {} population zones, {} criteria, {} scorers, {} panel scores",
        c.services, c.zones, c.criteria, c.scorers, c.scores
    );
    let _ = writeln!(out, "\nSet-up");
    for i in &s.checklist {
        let mark = if i.done { "done" } else { "TO DO" };
        let _ = writeln!(out, "  {mark:<5}  {}: {}", i.label, i.status);
    }
    out
}
