//! Method: the criteria and their weights, how the weights were set, the scoring scales and
//! the panel.

use super::super::PackInput;
use super::super::doc::{Cell, Doc, cell, indented, num};
use crate::charts::count;
use crate::model::{
    Aggregation, Criterion, CriterionKind, Source, ValueFunction, WeightDraw, WeightingMethod,
};

pub fn write(doc: &mut Doc, input: &PackInput) {
    let a = input.appraisal;
    doc.chapter("Method");
    doc.para(
        "The options are compared by multi-criteria analysis (the linear additive model of the \
         DCLG multi-criteria analysis manual, as the HM Treasury Green Book asks for non-monetary \
         benefits): each option's performance on each criterion is turned into a 0-100 value, \
         multiplied by the criterion's weight, and summed. Hurdle tests are pass/fail: an option \
         that fails one is scored and shown but cannot be preferred.",
    );
    doc.heading(2, "Criteria and weights");
    if a.criteria.is_empty() {
        doc.not_assessed("the appraisal has no criteria yet.");
    } else {
        criteria_table(doc, input);
    }
    doc.heading(2, "How the weights were set");
    weights(doc, input);
    doc.heading(2, "Scoring scales");
    let s = &a.settings.panel_scale;
    doc.para(&format!(
        "Panel members score each option on each panel criterion from {} to {}; the value function turns the panel's {} score into 0-100. The anchors:",
        s.min,
        s.max,
        match a.settings.aggregation {
            Aggregation::Mean => "mean",
            Aggregation::Median => "median",
        }
    ));
    let rows = s
        .descriptors
        .iter()
        .map(|d| vec![num(&d.score.to_string()), cell(&d.text)])
        .collect();
    doc.table("(auto, 1fr)", &["Score", "Meaning"], rows);
    super::method_choices::write(doc, input);
    doc.heading(2, "The panel");
    if a.scorers.is_empty() {
        doc.not_assessed("no panel members are recorded.");
    } else {
        let rows = a
            .scorers
            .iter()
            .map(|s| {
                let n = a.scores.iter().filter(|x| x.scorer == s.code).count();
                vec![cell(&s.name), cell(&s.role), num(&n.to_string())]
            })
            .collect();
        doc.table(
            "(1fr, 1fr, auto)",
            &["Member", "Role", "Scores given"],
            rows,
        );
        doc.para(&format!(
            "Scores spanning more than {} points between members are flagged as disagreements.",
            a.settings.disagreement_range
        ));
    }
    smaa_draw(doc, input);
}

/// How SMAA drew the weights, how many draws and their standard error: the statement a
/// reviewer checks before reading the sensitivity section's acceptabilities.
fn smaa_draw(doc: &mut Doc, input: &PackInput) {
    doc.heading(2, "Uncertain weights and scores (SMAA)");
    let Ok(s) = &input.sensitivity else {
        doc.not_assessed("the sensitivity analysis did not run, so no draws were made.");
        return;
    };
    let m = &s.analysis.smaa;
    let draw = match m.draw {
        WeightDraw::Flat => {
            "flat (standard SMAA: one weight vector over the weighted leaf criteria, the criteria tree aside, so a group with more criteria carries more weight on average) or level by level down the tree"
        }
        WeightDraw::LevelByLevel => {
            "flat over the leaf criteria (standard SMAA) or level by level (the top level's weights from the appraisal's weight model, each group's children's weights from the group's own model or fixed at the appraisal's, a leaf's weight the product of the weights along its path)"
        }
    };
    doc.para(&format!(
        "The sensitivity section's acceptabilities come from {} draws (seed {}), made {}. Weights can be drawn {draw}. This appraisal's weights are {}. Scores: {}. Each acceptability p is a share of the draws, with standard error √(p(1 − p)/{}), at most {:.2} percentage points; hurdle tests and criteria with no weight take no part in the weight draw.",
        count(m.samples as f64),
        m.seed,
        m.stream.label(),
        m.weights.replace("+/-", "±"),
        m.scores,
        count(m.samples as f64),
        m.max_standard_error * 100.0,
    ));
}

fn source(c: &Criterion) -> String {
    match c.leaf().map(|l| &l.source) {
        Some(Source::Panel) => "Panel".to_owned(),
        Some(Source::Assessment) => "Assessed".to_owned(),
        Some(Source::Derived { .. }) => "Model".to_owned(),
        None => String::new(),
    }
}

fn scale(c: &Criterion) -> String {
    let Some(l) = c.leaf() else {
        return String::new();
    };
    let f = match &l.value_function {
        ValueFunction::Linear { worst, best } => format!("{worst} to {best} {}", l.unit),
        ValueFunction::Piecewise { points } => format!("{} points, {}", points.len(), l.unit),
        ValueFunction::Categorical { categories } => categories
            .iter()
            .map(|c| c.label.as_str())
            .collect::<Vec<_>>()
            .join(" / "),
    };
    match &l.hurdle {
        Some(h) => format!("{f}; hurdle: pass at value {}", h.pass_value),
        None => f,
    }
}

/// The criteria tree with local and global weights, groups in bold.
fn criteria_table(doc: &mut Doc, input: &PackInput) {
    let a = input.appraisal;
    let global = |code: &str| -> Option<f64> {
        let r = input.score.as_ref().ok()?;
        r.groups
            .iter()
            .find(|g| g.code == code)
            .map(|g| g.global_weight)
            .or_else(|| {
                r.options
                    .first()?
                    .leaves
                    .iter()
                    .find(|l| l.criterion == code)
                    .map(|l| l.global_weight)
            })
    };
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut push = |c: &Criterion, depth: usize| {
        let is_group = matches!(c.kind, CriterionKind::Group);
        rows.push(vec![
            indented(&c.name, depth, is_group),
            num(&format!("{:.0}%", c.weight * 100.0)),
            num(&global(&c.code).map_or("n/a".to_owned(), |g| format!("{:.1}%", g * 100.0))),
            cell(&source(c)),
            cell(&scale(c)),
        ]);
    };
    fn walk<'a>(
        all: &'a [Criterion],
        parent: Option<&str>,
        depth: usize,
        f: &mut dyn FnMut(&'a Criterion, usize),
    ) {
        for c in all.iter().filter(|c| c.parent.as_deref() == parent) {
            f(c, depth);
            if depth < 8 {
                walk(all, Some(&c.code), depth + 1, f);
            }
        }
    }
    walk(&a.criteria, None, 0, &mut push);
    doc.table(
        "(1fr, auto, auto, auto, 1fr)",
        &[
            "Criterion",
            "Local weight",
            "Global weight",
            "Source",
            "Scale",
        ],
        rows,
    );
    doc.para("Local weights are shares of their group; global weights are shares of the total. Panel: scored by the panel; Assessed: one recorded judgement per option; Model: computed by the viability model.");
}

fn weights(doc: &mut Doc, input: &PackInput) {
    let a = input.appraisal;
    let name = |code: &Option<String>| match code {
        None => "the top-level groups".to_owned(),
        Some(c) => a
            .criteria
            .iter()
            .find(|x| &x.code == c)
            .map_or(c.clone(), |x| x.name.clone()),
    };
    let mut lines: Vec<String> = a
        .weightings
        .iter()
        .map(|w| {
            let how = match &w.method {
                WeightingMethod::Direct => "set directly".to_owned(),
                WeightingMethod::Swing { ratings } => {
                    format!(
                        "swing weighting ({} swings rated against the largest, 100)",
                        ratings.len()
                    )
                }
                WeightingMethod::Ahp { order, .. } => {
                    format!("AHP pairwise comparison of {} criteria", order.len())
                }
            };
            format!("Weights of {}: {how}.", name(&w.parent))
        })
        .collect();
    if let Ok(r) = &input.score {
        for c in &r.weightings {
            let mut s = format!(
                "Check of the {} weighting of {}: the stored weights {} the method's.",
                c.method,
                name(&c.parent),
                if c.matches { "equal" } else { "DIFFER FROM" }
            );
            if let Some(ahp) = &c.ahp {
                s.push_str(&format!(
                    " Consistency ratio {:.3} ({}).",
                    ahp.cr,
                    if c.consistent {
                        "acceptable, at most 0.10"
                    } else {
                        "above 0.10: the comparisons are inconsistent"
                    }
                ));
            }
            lines.push(s);
        }
    }
    if lines.is_empty() {
        lines.push("Every weight was set directly; no elicitation is recorded.".to_owned());
    }
    doc.bullets(&lines);
    if !a.weight_sets.is_empty() {
        doc.para("Alternative weight sets recorded for sensitivity testing:");
        let sets: Vec<String> = a
            .weight_sets
            .iter()
            .map(|w| format!("{}: {}", w.name, w.description))
            .collect();
        doc.bullets(&sets);
    }
}
