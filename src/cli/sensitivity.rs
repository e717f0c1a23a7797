//! The readable report of `appraise sensitivity`: switch points, tornado, weight sets, SMAA.

use std::fmt::Write;

use appraise::sensitivity::{NodeSensitivity, Robustness, SmaaResults, TornadoKind};

/// How many tornado bars to print.
const TORNADO_TOP: usize = 10;

pub fn render(all: &Robustness) -> String {
    let r = &all.analysis;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Preferred option: {}",
        r.preferred.as_deref().unwrap_or("none")
    );
    let _ = writeln!(
        out,
        "\nOne-way weight sensitivity: top-level groups (switch points, nearest first)"
    );
    let (top, within): (Vec<&NodeSensitivity>, Vec<&NodeSensitivity>) =
        r.one_way.iter().partition(|n| n.parent.is_none());
    switches(&mut out, &top);
    let _ = writeln!(
        out,
        "\nOne-way weight sensitivity: criteria within their groups (nearest first)"
    );
    switches(&mut out, &within);
    let _ = writeln!(
        out,
        "Each weight moves from 0 to 100% with its siblings rescaled in proportion."
    );

    let t = &r.tornado;
    let _ = writeln!(
        out,
        "\nTornado: effect on the preferred option's lead (top {TORNADO_TOP}; weights +/-{:.0}%, scores across the panel's range)",
        t.share * 100.0
    );
    if let Some(note) = &t.note {
        let _ = writeln!(out, "  {note}");
    }
    if let (Some(p), Some(lead)) = (&t.preferred, t.base_lead) {
        let _ = writeln!(out, "  {p} leads the runner-up by {lead:.2} points");
    }
    for i in t.items.iter().take(TORNADO_TOP) {
        let what = match (&i.kind, &i.option) {
            (TornadoKind::Weight, _) => format!(
                "weight of {} {:.1}%..{:.1}%",
                i.criterion,
                i.low * 100.0,
                i.high * 100.0
            ),
            (TornadoKind::Score, Some(o)) => {
                format!("{o}'s score on {} {}..{}", i.criterion, i.low, i.high)
            }
            (TornadoKind::Score, None) => format!("score on {}", i.criterion),
        };
        let _ = writeln!(
            out,
            "  {what:<44} lead {:>7.2} .. {:>7.2}  (swing {:.2})",
            i.lead_low, i.lead_high, i.swing
        );
    }

    let ws = &r.weight_sets;
    let _ = writeln!(out, "\nWeight sets: total (rank)");
    let sets: Vec<_> = std::iter::once(&ws.base).chain(&ws.sets).collect();
    let _ = write!(out, "  {:<10}", "option");
    for s in &sets {
        let _ = write!(out, "  {:>18}", truncate(&s.name, 18));
    }
    let _ = writeln!(out);
    for (o, option) in r.options.iter().enumerate() {
        let mark = if option.passes { "" } else { "*" };
        let _ = write!(out, "  {:<10}", format!("{}{mark}", option.code));
        for s in &sets {
            let x = &s.options[o];
            let _ = write!(out, "  {:>18}", format!("{:.1} ({})", x.total, x.rank));
        }
        let _ = writeln!(out);
    }
    let _ = write!(out, "  {:<10}", "preferred");
    for s in &sets {
        let _ = write!(out, "  {:>18}", s.preferred.as_deref().unwrap_or("none"));
    }
    let _ = writeln!(out, "\n  * fails a hurdle: never preferred");

    smaa(&mut out, &r.smaa, "");
    if let Some(open) = &all.no_weight_information {
        smaa(&mut out, open, ", second run with no weight information");
    }
    out
}

/// One SMAA run's table, its weight assumption named.
fn smaa(out: &mut String, s: &SmaaResults, which: &str) {
    let _ = writeln!(
        out,
        "\nSMAA-2 rank acceptability{which} (% of {} draws, seed {}; +/- one standard error, sqrt(p(1-p)/{}), at most {:.2} points)",
        s.samples,
        s.seed,
        s.samples,
        s.max_standard_error * 100.0
    );
    let _ = writeln!(out, "  draws made {}", s.stream.label());
    let _ = writeln!(out, "  weights: {}", s.weights);
    for l in &s.levels {
        let head = match &l.group {
            None => format!("{} ({} criteria)", l.name, l.criteria),
            Some(code) => format!("{code} {} ({} criteria)", truncate(&l.name, 24), l.criteria),
        };
        let _ = writeln!(out, "    {head:<40} {}", l.weights);
    }
    let _ = writeln!(out, "  scores: {}", s.scores);
    let _ = write!(out, "  {:<10}", "option");
    for rank in 1..=s.options.len() {
        let _ = write!(out, "  {:>13}", format!("rank {rank}"));
    }
    let _ = writeln!(out, "  {:>13}  {:>13}", "confidence", "holistic");
    for o in &s.options {
        let mark = if o.passes { "" } else { "*" };
        let _ = write!(out, "  {:<10}", format!("{}{mark}", o.code));
        for b in &o.acceptability {
            let _ = write!(out, "  {:>13}", percent(b.value, b.se));
        }
        let confidence = o
            .confidence
            .map_or("-".to_owned(), |c| percent(c.value, c.se));
        let _ = writeln!(
            out,
            "  {confidence:>13}  {:>13}",
            percent(o.holistic.value, o.holistic.se)
        );
    }
    let _ = writeln!(
        out,
        "  confidence: how often the option is first under its central weights as scores vary"
    );
}

fn switches(out: &mut String, nodes: &[&NodeSensitivity]) {
    let mut sorted = nodes.to_vec();
    sorted.sort_by(|a, b| {
        let d = |n: &NodeSensitivity| n.nearest.as_ref().map_or(f64::INFINITY, |x| x.points);
        d(a).total_cmp(&d(b))
    });
    for n in sorted {
        let head = format!("{} {}", n.criterion, truncate(&n.name, 34));
        let _ = write!(out, "  {head:<44} {:>5.1}%  ", n.weight * 100.0);
        match &n.nearest {
            Some(x) => {
                let share = x.share_of_weight.map_or(String::new(), |s| {
                    format!(", {:.0}% of its weight", s * 100.0)
                });
                let _ = writeln!(
                    out,
                    "switch at {:.1}% ({:.1} points{share}) to {}",
                    x.weight * 100.0,
                    x.points,
                    x.to
                );
            }
            None => {
                let _ = writeln!(out, "no switch in 0-100%");
            }
        }
    }
}

fn percent(value: f64, se: f64) -> String {
    format!("{:.1} +/- {:.1}", value * 100.0, se * 100.0)
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_owned()
    } else {
        let mut t: String = s.chars().take(n - 1).collect();
        t.push('~');
        t
    }
}
