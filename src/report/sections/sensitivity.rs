//! Sensitivity and robustness: how far the weights must move to change the preferred option,
//! which inputs move its lead most, the results under other weight sets, and how likely each
//! option is to come first when weights and scores are uncertain (SMAA).

use super::super::doc::{Cell, Doc, cell, num, strong};
use super::super::{NotAssessed, PackInput, Robustness};
use super::f1;
use crate::charts::{self, count, number};
use crate::sensitivity::{NodeSensitivity, Report, SmaaResults, WeightDraw};

/// At most this many panels in the one-way chart: the top-level groups nearest a switch.
const ONE_WAY_PANELS: usize = 6;
/// At most this many rows in the switch-point table; the rest are counted.
const SWITCH_ROWS: usize = 20;

pub fn write(doc: &mut Doc, input: &PackInput) {
    doc.chapter("Sensitivity and robustness");
    doc.para(
        "How far weights and scores would have to move to change the preferred option: one-way \
         sensitivity with switch points, the tornado of the most influential inputs, other \
         weight sets, and the probability of each rank under uncertain weights and scores (SMAA).",
    );
    let s = match &input.sensitivity {
        Ok(s) => s,
        Err(NotAssessed(reason)) => {
            doc.not_assessed(&format!("{reason}."));
            return;
        }
    };
    let r = &s.analysis;
    if r.options.is_empty() {
        doc.not_assessed("the appraisal has no options to compare.");
        return;
    }
    switch_points(doc, r);
    tornado(doc, r);
    weight_sets(doc, r);
    smaa(doc, s);
}

/// How SMAA drew the weights, as the pack prints it.
pub fn weights_drawn(s: &SmaaResults) -> String {
    s.weights.replace("+/-", "±")
}

/// The draw in a few words, for chart titles.
pub fn draw_label(s: &SmaaResults) -> &'static str {
    s.draw.label()
}

/// Each level of a level-by-level draw and how its weights were drawn.
fn levels_table(doc: &mut Doc, s: &SmaaResults) {
    if s.levels.is_empty() {
        return;
    }
    let rows = s
        .levels
        .iter()
        .map(|l| {
            vec![
                cell(&match &l.group {
                    None => l.name.clone(),
                    Some(code) => format!("{} ({code})", l.name),
                }),
                num(&l.criteria.to_string()),
                cell(&l.weights.replace("+/-", "±")),
            ]
        })
        .collect();
    doc.table(
        "(1fr, auto, 1.4fr)",
        &["Weights within", "Criteria", "How they are drawn"],
        rows,
    );
}

pub fn option_name<'a>(r: &'a Report, code: &'a str) -> &'a str {
    r.options
        .iter()
        .find(|o| o.code == code)
        .map_or(code, |o| o.name.as_str())
}

fn node_name<'a>(r: &'a Report, code: &'a str) -> &'a str {
    r.one_way
        .iter()
        .find(|n| n.criterion == code)
        .map_or(code, |n| n.name.as_str())
}

fn percent(w: f64) -> String {
    format!("{}%", f1(w * 100.0))
}

/// Nodes with a switch point, nearest first (as a share of their weight, then in points).
pub fn nearest_first(r: &Report) -> Vec<&NodeSensitivity> {
    let mut nodes: Vec<&NodeSensitivity> =
        r.one_way.iter().filter(|n| n.nearest.is_some()).collect();
    let key = |n: &NodeSensitivity| {
        n.nearest.as_ref().map_or(f64::INFINITY, |x| {
            x.share_of_weight.unwrap_or(f64::INFINITY)
        })
    };
    nodes.sort_by(|a, b| key(a).total_cmp(&key(b)));
    nodes
}

fn switch_points(doc: &mut Doc, r: &Report) {
    doc.heading(2, "How far the weights must move");
    let Some(preferred) = &r.preferred else {
        doc.para("No option is preferred (every option fails a hurdle, or the leaders tie), so there is no preferred option to switch away from. The chart shows how each option's total moves with each group's weight.");
        one_way_chart(doc, r, &[]);
        return;
    };
    doc.para(&format!(
        "Each weight in turn moves from 0 to 100% of its group, the other weights in the group keeping their proportions. A switch point is the weight at which another option would take the lead from {}; totals are linear in the weight, so switch points are solved exactly, not sampled.",
        option_name(r, preferred)
    ));
    let nodes = nearest_first(r);
    let rows: Vec<Vec<Cell>> = nodes
        .iter()
        .take(SWITCH_ROWS)
        .filter_map(|n| {
            let x = n.nearest.as_ref()?;
            Some(vec![
                cell(&n.name),
                cell(n.parent.as_deref().map_or("Top level", |p| node_name(r, p))),
                num(&percent(n.weight)),
                num(&percent(x.weight)),
                num(&f1(x.points)),
                num(&x.share_of_weight.map_or("n/a".to_owned(), percent)),
                cell(option_name(r, &x.to)),
            ])
        })
        .collect();
    if rows.is_empty() {
        doc.para(&format!(
            "No single weight, moved anywhere from 0 to 100%, changes the preferred option: {} stays first.",
            option_name(r, preferred)
        ));
    } else {
        doc.table(
            "(1.3fr, 6em, 3.6em, 4.4em, 4em, 4.4em, 1fr)",
            &[
                "Weight of",
                "Within",
                "Now",
                "Switches at",
                "Move (points)",
                "Move (share)",
                "Then preferred",
            ],
            rows,
        );
    }
    if nodes.len() > SWITCH_ROWS {
        doc.para(&format!(
            "{} further weights have switch points further away.",
            nodes.len() - SWITCH_ROWS
        ));
    }
    let steady: Vec<&str> = r
        .one_way
        .iter()
        .filter(|n| n.nearest.is_none())
        .map(|n| n.name.as_str())
        .collect();
    if !steady.is_empty() {
        doc.para(&format!(
            "No switch anywhere from 0 to 100% for: {}.",
            steady.join("; ")
        ));
    }
    let top: Vec<&NodeSensitivity> = {
        let mut groups: Vec<&NodeSensitivity> =
            r.one_way.iter().filter(|n| n.parent.is_none()).collect();
        let order = nearest_first(r);
        let rank = |n: &NodeSensitivity| {
            order
                .iter()
                .position(|o| o.criterion == n.criterion)
                .unwrap_or(usize::MAX)
        };
        groups.sort_by_key(|n| rank(n));
        groups.truncate(ONE_WAY_PANELS);
        groups
    };
    one_way_chart(doc, r, &top);
}

fn one_way_chart(doc: &mut Doc, r: &Report, nodes: &[&NodeSensitivity]) {
    let nodes: Vec<&NodeSensitivity> = if nodes.is_empty() {
        r.one_way
            .iter()
            .filter(|n| n.parent.is_none())
            .take(ONE_WAY_PANELS)
            .collect()
    } else {
        nodes.to_vec()
    };
    doc.figure(
        "one-way",
        charts::sensitivity::one_way(r, &nodes, charts::PACK_WIDTH),
        "Each option's total as the weight of one top-level group moves from 0 to 100% (dashed: today's weight; rings: switch points)",
    );
}

fn tornado(doc: &mut Doc, r: &Report) {
    doc.heading(2, "What moves the lead most");
    let t = &r.tornado;
    if let (Some(p), Some(lead)) = (&t.preferred, t.base_lead) {
        doc.para(&format!(
            "{} leads the next-best option by {} points. Each weight moves by ±{}% of itself and each panel score across the panel's lowest and highest score; the bars show {}'s lead at either end, largest swing first. Where a bar crosses zero, that input alone would change the preferred option.",
            option_name(r, p),
            f1(lead),
            number(t.share * 100.0),
            option_name(r, p)
        ));
        let crossing: Vec<String> = t
            .items
            .iter()
            .filter(|i| i.lead_low < 0.0 || i.lead_high < 0.0)
            .map(|i| charts::sensitivity::tornado_label(r, i, false))
            .collect();
        if crossing.is_empty() {
            doc.para("No single input across its range takes the lead away.");
        } else {
            doc.para(&format!(
                "{} of these inputs could take the lead away on their own:",
                crossing.len()
            ));
            doc.bullets(&crossing);
        }
    }
    doc.figure(
        "tornado",
        charts::sensitivity::tornado(r, charts::PACK_WIDTH),
        "The inputs that move the preferred option's lead most (top 12)",
    );
}

fn weight_sets(doc: &mut Doc, r: &Report) {
    doc.heading(2, "Other weight sets");
    let sets = &r.weight_sets;
    if sets.sets.is_empty() {
        doc.para(
            "The appraisal defines no other weight sets; only its own weights are tested here.",
        );
        return;
    }
    doc.para("Each option's total (and rank) under the appraisal's weights and under each named weight set:");
    let all: Vec<_> = std::iter::once(&sets.base).chain(&sets.sets).collect();
    let mut rows: Vec<Vec<Cell>> = r
        .options
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let mut row = vec![cell(&o.name)];
            row.extend(all.iter().map(|set| {
                set.options.get(i).map_or(cell("n/a"), |x| {
                    num(&format!("{} ({})", f1(x.total), x.rank))
                })
            }));
            row
        })
        .collect();
    let mut preferred = vec![strong("Preferred")];
    preferred.extend(all.iter().map(|set| {
        strong(
            set.preferred
                .as_deref()
                .map_or("none", |p| option_name(r, p)),
        )
    }));
    rows.push(preferred);
    let mut header = vec!["Option"];
    header.extend(all.iter().map(|s| s.name.as_str()));
    let columns = format!("(1.6fr{})", ", 1fr".repeat(all.len()));
    doc.table(&columns, &header, rows);
}

/// SMAA results as a table: first-rank acceptability, confidence factor and holistic index.
fn smaa_table(doc: &mut Doc, s: &SmaaResults) {
    let mut order: Vec<_> = s.options.iter().collect();
    order.sort_by(|a, b| {
        b.acceptability[0]
            .value
            .total_cmp(&a.acceptability[0].value)
    });
    let pm =
        |e: crate::sensitivity::Estimate| format!("{} ± {}", f1(e.value * 100.0), f1(e.se * 100.0));
    let rows = order
        .iter()
        .map(|o| {
            vec![
                cell(&if o.passes {
                    o.name.clone()
                } else {
                    format!("{} (fails a hurdle)", o.name)
                }),
                num(&pm(o.acceptability[0])),
                num(&o.confidence.map_or("never first".to_owned(), pm)),
                num(&pm(o.holistic)),
            ]
        })
        .collect();
    doc.table(
        "(1fr, 7em, 7em, 7em)",
        &[
            "Option",
            "First in % of draws",
            "Confidence factor %",
            "Holistic index %",
        ],
        rows,
    );
}

fn smaa(doc: &mut Doc, s: &Robustness) {
    let main = &s.analysis.smaa;
    doc.heading(2, "How likely each option is to come first (SMAA)");
    doc.para(&format!(
        "Stochastic multicriteria acceptability analysis (SMAA-2, Lahdelma and Salminen 2001) draws {} sets of weights and scores at random (seed {}, so the figures reproduce exactly) and counts how often each option takes each rank. Weights: {}. Scores: {}. The confidence factor is how often an option stays first under the weights that favour it most when only the scores vary ({} draws). Figures are ± one standard error: for a share p of the {} draws, √(p(1 − p)/{}), at most {:.2} percentage points.",
        count(main.samples as f64),
        main.seed,
        weights_drawn(main),
        main.scores,
        count(main.confidence_samples as f64),
        count(main.samples as f64),
        count(main.samples as f64),
        main.max_standard_error * 100.0,
    ));
    levels_table(doc, main);
    doc.figure(
        "smaa",
        charts::sensitivity::rank_acceptability(
            main,
            &format!("Rank acceptability, {}", draw_label(main)),
            charts::PACK_WIDTH,
        ),
        &format!(
            "Rank acceptability, {} (as above); scores {}",
            draw_label(main),
            main.scores
        ),
    );
    smaa_table(doc, main);
    // The stored settings already draw weights with no information: a second run would
    // repeat the first, so it is left out.
    let Some(open) = &s.no_weight_information else {
        return;
    };
    doc.heading(3, "With no weight information");
    doc.para(&format!(
        "A second run, with a different assumption: weights {} ({}), scores as above, the same draws and seed. It shows which options could come first under any view of the criteria, whatever the panel's weights; the figures above, under the appraisal's own assumption, are the pack's answer.",
        weights_drawn(open),
        match open.draw {
            WeightDraw::Flat => "every possible weighting equally likely",
            WeightDraw::LevelByLevel =>
                "every possible weighting can be drawn, each level's weights equally likely",
        }
    ));
    doc.figure(
        "smaa-uniform",
        charts::sensitivity::rank_acceptability(
            open,
            "Rank acceptability with no weight information",
            charts::PACK_WIDTH,
        ),
        match open.draw {
            WeightDraw::Flat => {
                "Rank acceptability with weights drawn uniformly (no weight information)"
            }
            WeightDraw::LevelByLevel => {
                "Rank acceptability with every level's weights drawn uniformly (no weight information)"
            }
        },
    );
    smaa_table(doc, open);
}
