//! The executive summary: the preferred option, why, how robust, what it costs and who
//! travels further, then the ranking on one table.

use super::super::doc::{Cell, Doc, cell, num, strong};
use super::super::{NotAssessed, PackInput};
use super::{f1, gbp_m};
use crate::finance::FinanceResults;
use crate::score::{OptionResult, Results};

pub fn write(doc: &mut Doc, input: &PackInput) {
    doc.chapter("Executive summary");
    if input.appraisal.meta.illustrative {
        doc.note("This is an illustrative appraisal: its figures are invented and it is not a recommendation.");
    }
    let r = match &input.score {
        Ok(r) => r,
        Err(NotAssessed(reason)) => {
            doc.not_assessed(&format!("{reason}."));
            return;
        }
    };
    let mut order: Vec<&OptionResult> = r.options.iter().collect();
    order.sort_by_key(|o| o.rank);
    let preferred = order.iter().find(|o| o.preferred).copied();

    doc.heading(2, "The preferred option");
    match preferred {
        Some(p) => doc.para(&format!(
            "{} is the preferred option: it scores {} points out of 100, rank {} of {}, and passes every hurdle test.",
            p.name,
            f1(p.total),
            p.rank,
            r.options.len()
        )),
        None => doc.para(&no_preferred(r)),
    }

    doc.heading(2, "Why");
    doc.para(&why(r, &order, preferred));

    doc.heading(2, "How robust");
    match &input.sensitivity {
        Ok(pending) => match *pending {},
        Err(NotAssessed(reason)) => doc.not_assessed(&format!("{reason}.")),
    }
    if !r.disagreements.is_empty() {
        doc.para(&format!(
            "The panel disagreed (scores spanning more than {} points) on {} option and criterion pairs; see the results section.",
            input.appraisal.settings.disagreement_range,
            r.disagreements.len()
        ));
    }

    doc.heading(2, "What it costs");
    match (&input.finance, preferred) {
        (Err(NotAssessed(reason)), _) => doc.not_assessed(&format!("{reason}.")),
        (Ok(f), Some(p)) => doc.para(&costs(f, &p.code)),
        (Ok(_), None) => doc.para(
            "No option is preferred; the viability section sets out every option's finances.",
        ),
    }

    doc.heading(2, "Who travels further");
    match &input.travel {
        Ok(pending) => match *pending {},
        Err(NotAssessed(reason)) => doc.not_assessed(&format!("{reason}.")),
    }

    doc.heading(2, "The options ranked");
    ranking(doc, r, input.finance.as_ref().ok());
}

fn no_preferred(r: &Results) -> String {
    if r.options.iter().all(|o| !o.hurdles.passes) {
        "No option is preferred: every option fails at least one hurdle test.".to_owned()
    } else {
        "No option is preferred: two or more options passing every hurdle share the highest total."
            .to_owned()
    }
}

/// Where the preferred option's lead over the next-best option comes from, group by group.
fn why(r: &Results, order: &[&OptionResult], preferred: Option<&OptionResult>) -> String {
    let Some(p) = preferred else {
        return "The results section shows each option's total and where its points come from."
            .to_owned();
    };
    let Some(next) = order.iter().find(|o| o.code != p.code) else {
        return format!("{} is the only option appraised.", p.name);
    };
    let mut gaps: Vec<(f64, &str)> = r
        .groups
        .iter()
        .enumerate()
        .filter(|(_, g)| g.top_level)
        .map(|(i, g)| {
            let gap = p.groups.get(i).map_or(0.0, |s| s.contribution)
                - next.groups.get(i).map_or(0.0, |s| s.contribution);
            (gap, g.name.as_str())
        })
        .collect();
    gaps.sort_by(|a, b| b.0.total_cmp(&a.0));
    let ahead: Vec<String> = gaps
        .iter()
        .filter(|g| g.0 > 0.05)
        .map(|g| format!("{} (+{})", g.1, f1(g.0)))
        .collect();
    let behind: Vec<String> = gaps
        .iter()
        .rev()
        .filter(|g| g.0 < -0.05)
        .map(|g| format!("{} ({})", g.1, f1(g.0)))
        .collect();
    let mut s = format!(
        "{} leads {} ({} points, rank {}) by {} points.",
        p.name,
        next.name,
        f1(next.total),
        next.rank,
        f1(p.total - next.total)
    );
    if !ahead.is_empty() {
        s.push_str(&format!(" Its lead comes from {}.", ahead.join(", ")));
    }
    if !behind.is_empty() {
        s.push_str(&format!(" It scores lower on {}.", behind.join(", ")));
    }
    let failed: Vec<&str> = order
        .iter()
        .filter(|o| !o.hurdles.passes && o.total > p.total)
        .map(|o| o.name.as_str())
        .collect();
    if !failed.is_empty() {
        s.push_str(&format!(
            " Higher-scoring options that fail a hurdle test and so cannot be preferred: {}.",
            failed.join("; ")
        ));
    }
    s
}

fn costs(f: &FinanceResults, code: &str) -> String {
    let Some(o) = f.option(code) else {
        return "The viability model has no projection for the preferred option.".to_owned();
    };
    let npv = match o.economic.npv_vs_do_minimum {
        Some(_) if f.do_minimum.as_deref() == Some(code) => {
            "It is the do-minimum option, against which every NPV is measured.".to_owned()
        }
        Some(n) => format!(
            "Its net present value against do minimum is GBP {}m over the appraisal's {} years (Green Book discounting, with optimism bias on capital).",
            gbp_m(n),
            f.years.len()
        ),
        None => "Its NPV against do minimum is not known: the appraisal has no do-minimum option."
            .to_owned(),
    };
    let breakeven = match o.break_even_year {
        Some(y) => format!("It breaks even from {}.", crate::charts::financial_year(y)),
        None => "It does not break even within the appraisal period.".to_owned(),
    };
    format!(
        "{npv} {breakeven} Its I&E margin in the final year is {}%, its lowest liquidity {} days; its worst CoSRR is {} ({}) and its worst SOF finance score {} ({}).",
        f1(o.final_year_margin_percent),
        f1(o.lowest_liquidity_days),
        o.worst_cosrr,
        f.cosrr_scale,
        o.worst_sof_score,
        f.sof_scale
    )
}

/// Rank, option, total, hurdles, and the finance headline figures.
pub fn ranking(doc: &mut Doc, r: &Results, f: Option<&FinanceResults>) {
    let mut order: Vec<&OptionResult> = r.options.iter().collect();
    order.sort_by_key(|o| o.rank);
    let rows: Vec<Vec<Cell>> = order
        .iter()
        .map(|o| {
            let fin = f.and_then(|f| f.option(&o.code));
            let name = if o.preferred {
                strong(&format!("{} (preferred)", o.name))
            } else {
                cell(&o.name)
            };
            vec![
                num(&o.rank.to_string()),
                name,
                num(&f1(o.total)),
                cell(if o.hurdles.passes { "Passes" } else { "Fails" }),
                num(&fin
                    .and_then(|x| x.economic.npv_vs_do_minimum)
                    .map_or("n/a".to_owned(), gbp_m)),
                num(&fin.map_or("n/a".to_owned(), |x| x.worst_cosrr.to_string())),
                num(&fin.map_or("n/a".to_owned(), |x| x.worst_sof_score.to_string())),
            ]
        })
        .collect();
    doc.table(
        "(3.8em, 1fr, 4.6em, 5.2em, 6.2em, 5.6em, 5.6em)",
        &[
            "Rank",
            "Option",
            "Total (of 100)",
            "Hurdles",
            "NPV vs do min. (GBP m)",
            "Worst CoSRR (4 best)",
            "Worst SOF (1 best)",
        ],
        rows,
    );
}
