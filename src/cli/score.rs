//! The readable ranking table of `appraise score`.

use std::fmt::Write;

use appraise::model::Aggregation;
use appraise::score::Results;

/// Rank, option, total, each top-level group's points, hurdle status and the preferred marker,
/// in rank order; then disagreements, missing scores and warnings.
pub fn render(r: &Results) -> String {
    let mut out = String::new();
    if let Some(reason) = &r.provisional {
        let _ = writeln!(out, "PROVISIONAL RANKS, NO OPTION PREFERRED: {reason}\n");
    }
    let top: Vec<(usize, &str)> = r
        .groups
        .iter()
        .enumerate()
        .filter(|(_, g)| g.top_level)
        .map(|(i, g)| (i, g.code.as_str()))
        .collect();
    let name_width = r
        .options
        .iter()
        .map(|o| o.code.len() + o.name.len() + 1)
        .max()
        .unwrap_or(6)
        .max(6);
    let _ = write!(
        out,
        "{:>4}  {:<name_width$}  {:>6}",
        "rank", "option", "total"
    );
    for (_, code) in &top {
        let _ = write!(out, "  {:>7}", code);
    }
    let _ = writeln!(out, "  hurdles");
    let mut order: Vec<_> = r.options.iter().collect();
    order.sort_by_key(|o| o.rank);
    for o in order {
        let label = format!("{} {}", o.code, o.name);
        let _ = write!(out, "{:>4}  {label:<name_width$}  {:>6.1}", o.rank, o.total);
        for (i, _) in &top {
            let _ = write!(out, "  {:>7.1}", o.groups[*i].contribution);
        }
        let status = if o.hurdles.passes {
            "passes".to_owned()
        } else {
            let names: Vec<&str> = o.hurdles.failed.iter().map(|f| f.name.as_str()).collect();
            format!("FAILS: {}", names.join(", "))
        };
        let marker = if o.preferred { "  <- preferred" } else { "" };
        let _ = writeln!(out, "  {status}{marker}");
    }
    let aggregation = match r.aggregation {
        Aggregation::Mean => "mean",
        Aggregation::Median => "median",
    };
    let _ = writeln!(
        out,
        "\nGroup columns are points of the total (0-100). Panel scores aggregated by {aggregation}."
    );
    match (&r.preferred, &r.provisional) {
        (Some(p), _) => {
            let _ = writeln!(out, "Preferred option: {p}");
        }
        (None, Some(reason)) => {
            let _ = writeln!(
                out,
                "No option is preferred: {reason}. The ranks are provisional until they do."
            );
        }
        (None, None) => {
            let _ = writeln!(out, "No option is preferred.");
        }
    }
    if !r.disagreements.is_empty() {
        let _ = writeln!(out, "\nPanel disagreements ({}):", r.disagreements.len());
        for d in &r.disagreements {
            let _ = writeln!(
                out,
                "  {} on {}: scores {} to {} (range {})",
                d.option, d.criterion, d.min, d.max, d.range
            );
        }
    }
    if !r.missing_scores.is_empty() {
        let _ = writeln!(out, "\nMissing scores ({}):", r.missing_scores.len());
        for m in &r.missing_scores {
            let _ = writeln!(out, "  {} on {} by {}", m.option, m.criterion, m.scorer);
        }
    }
    for w in &r.warnings {
        let _ = writeln!(out, "warning: {w}");
    }
    out
}
