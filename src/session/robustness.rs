//! Edits to how the ranking's robustness is tested: the tornado's swing, SMAA's draws and seed,
//! whether weights are drawn flat over the leaves or level by level down the tree, what is
//! known about the weights (nothing, a band around today's, bounds, or an order of importance),
//! the appraisal's and each group's, and how uncertain the panel's scores are. Stored with the appraisal, so the
//! window, the command line and the board pack run the same analysis.

use serde::{Deserialize, Serialize};

use super::input::{EditError, percent, refuse_short, whole};
use super::results::SAMPLES;
use crate::model::{Appraisal, GroupWeights, ScoreModel, WeightBound, WeightDraw, WeightModel};

const PATH: &str = "settings/sensitivity";

/// The kinds of weight information, as the window offers them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum WeightInformation {
    /// A group's children keep their weights (level by level, groups only).
    Fixed,
    Uniform,
    AroundBase,
    Bounds,
    Ranking,
}

/// Which end of a weight bound an edit sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum BoundEnd {
    Min,
    Max,
}

/// A whole number of draws within [`SAMPLES`].
fn draws(field: &str, what: &str, text: &str) -> Result<u32, EditError> {
    let range = *SAMPLES.start() as u32..=*SAMPLES.end() as u32;
    whole(field, what, text, range)
}

/// How far (in percent of itself) the tornado moves each weight.
pub fn set_tornado_share(a: &mut Appraisal, text: &str) -> Result<(), EditError> {
    let field = format!("{PATH}/tornado_share");
    a.settings.sensitivity.tornado_share =
        percent(&field, "The tornado's swing of each weight", text, 1.0)?;
    Ok(())
}

pub fn set_samples(a: &mut Appraisal, text: &str) -> Result<(), EditError> {
    let field = format!("{PATH}/samples");
    a.settings.sensitivity.samples = draws(&field, "the number of SMAA draws", text)?;
    Ok(())
}

pub fn set_confidence_samples(a: &mut Appraisal, text: &str) -> Result<(), EditError> {
    let field = format!("{PATH}/confidence_samples");
    a.settings.sensitivity.confidence_samples = draws(
        &field,
        "the number of score draws per confidence factor",
        text,
    )?;
    Ok(())
}

/// The seed of the draws: the same seed gives the same figures, in the window and the pack.
pub fn set_seed(a: &mut Appraisal, text: &str) -> Result<(), EditError> {
    let field = format!("{PATH}/seed");
    let t = text.trim();
    match t.parse::<u64>() {
        Ok(seed) => {
            a.settings.sensitivity.seed = seed;
            Ok(())
        }
        Err(_) => refuse_short(
            field,
            format!("The seed must be a whole number of 0 or more, such as 1; \"{t}\" is not one"),
            "Must be a whole number, 0 or more",
        ),
    }
}

pub fn set_score_model(a: &mut Appraisal, model: ScoreModel) {
    a.settings.sensitivity.scores = model;
}

/// Flat over the leaves or level by level down the tree. The groups' models are kept either
/// way, so switching back finds them as they were; the appraisal's bounds or ranking keep only
/// the criteria the new draw weighs (leaves when flat, the top level level by level).
pub fn set_weight_draw(a: &mut Appraisal, draw: WeightDraw) {
    let fits = |code: &str| {
        a.criteria.iter().any(|c| {
            c.code == code
                && match draw {
                    WeightDraw::Flat => c.leaf().is_some(),
                    WeightDraw::LevelByLevel => c.parent.is_none(),
                }
        })
    };
    let s = &a.settings.sensitivity;
    let weights = match &s.weights {
        WeightModel::Bounds { bounds } => WeightModel::Bounds {
            bounds: bounds
                .iter()
                .filter(|b| fits(&b.criterion))
                .cloned()
                .collect(),
        },
        WeightModel::Ranking { ranking } => WeightModel::Ranking {
            ranking: ranking.iter().filter(|c| fits(c)).cloned().collect(),
        },
        other => other.clone(),
    };
    let s = &mut a.settings.sensitivity;
    s.draw = draw;
    s.weights = weights;
}

/// The field path of a weight model: the appraisal's, or a group's.
fn model_path(group: Option<&str>) -> String {
    match group {
        None => format!("{PATH}/weights"),
        Some(g) => format!("{PATH}/groups/{g}/weights"),
    }
}

/// The group `code`, checked to be a group, as "Quality"; refused otherwise.
fn group_name(a: &Appraisal, code: &str, field: &str) -> Result<String, EditError> {
    match a.criteria.iter().find(|c| c.code == code) {
        Some(c) if c.leaf().is_none() => Ok(c.name.clone()),
        Some(c) => refuse_short(
            field,
            format!(
                "{} is a leaf criterion: only a group has children whose weights are drawn",
                c.name
            ),
            "Not a group",
        ),
        None => refuse_short(
            field,
            format!("There is no group \"{code}\""),
            "No such group",
        ),
    }
}

/// The model an edit changes: the appraisal's (`group` none) or that group's, if it has one.
fn model_mut<'a>(a: &'a mut Appraisal, group: Option<&str>) -> Option<&'a mut WeightModel> {
    let s = &mut a.settings.sensitivity;
    match group {
        None => Some(&mut s.weights),
        Some(g) => s
            .groups
            .iter_mut()
            .find(|x| x.group == g)
            .map(|x| &mut x.weights),
    }
}

/// Changes what is known about the weights: the appraisal's model (`group` none: the leaves'
/// weights when flat, the top level's level by level) or one group's children's. A band around
/// today's weights starts at ±50%, bounds and rankings start empty for the analyst to fill in;
/// a group set to fixed keeps its weights (the default for every group).
pub fn set_weight_information(
    a: &mut Appraisal,
    kind: WeightInformation,
    group: Option<&str>,
) -> Result<(), EditError> {
    let field = model_path(group);
    if let Some(g) = group {
        group_name(a, g, &field)?;
    }
    let model = match kind {
        WeightInformation::Fixed => {
            let Some(g) = group else {
                return refuse_short(
                    field,
                    "The appraisal's own weights cannot be fixed here: choose a group, or a band of 0% around today's weights",
                    "Only a group's weights can be fixed",
                );
            };
            a.settings.sensitivity.groups.retain(|x| x.group != g);
            return Ok(());
        }
        WeightInformation::Uniform => WeightModel::Uniform,
        WeightInformation::AroundBase => WeightModel::AroundBase { share: 0.5 },
        WeightInformation::Bounds => WeightModel::Bounds { bounds: Vec::new() },
        WeightInformation::Ranking => WeightModel::Ranking {
            ranking: Vec::new(),
        },
    };
    match model_mut(a, group) {
        Some(w) if w.name() == model.name() => {}
        Some(w) => *w = model,
        None => a.settings.sensitivity.groups.push(GroupWeights {
            group: group.unwrap_or_default().to_owned(),
            weights: model,
        }),
    }
    Ok(())
}

/// The band around today's weights, in percent of each.
pub fn set_around_share(
    a: &mut Appraisal,
    text: &str,
    group: Option<&str>,
) -> Result<(), EditError> {
    let field = format!("{}/share", model_path(group));
    let share = percent(&field, "The band around today's weights", text, 0.0)?;
    match model_mut(a, group) {
        Some(WeightModel::AroundBase { share: s }) => {
            *s = share;
            Ok(())
        }
        _ => refuse_short(
            field,
            "The weights are not drawn around today's: choose that first",
            "Not drawn around today's weights",
        ),
    }
}

/// The criterion `code` as a member of the weights being edited (a leaf when the draw is
/// flat, a top-level criterion level by level, or a child of `group`): its name, or a refusal.
fn member(
    a: &Appraisal,
    code: &str,
    group: Option<&str>,
    field: &str,
) -> Result<String, EditError> {
    let Some(c) = a.criteria.iter().find(|c| c.code == code) else {
        return refuse_short(
            field,
            format!("There is no criterion \"{code}\""),
            "No such criterion",
        );
    };
    let flat = group.is_none() && a.settings.sensitivity.draw == WeightDraw::Flat;
    if flat && c.leaf().is_none() {
        return refuse_short(
            field,
            format!(
                "{} is a group: drawn flat, only leaf criteria's weights are drawn",
                c.name
            ),
            "Not a leaf criterion",
        );
    }
    if !flat && c.parent.as_deref() != group {
        let (message, short) = match group {
            None => (
                format!(
                    "{} is not a top-level criterion: level by level, the appraisal's model is over the top level",
                    c.name
                ),
                "Not a top-level criterion",
            ),
            Some(g) => (
                format!(
                    "{} is not in the group {}",
                    c.name,
                    group_name(a, g, field)?
                ),
                "Not in this group",
            ),
        };
        return refuse_short(field, message, short);
    }
    Ok(c.name.clone())
}

/// One end of a bound on a weight (a leaf's global weight when flat; a local weight level by
/// level), typed in percent; an empty end goes back to 0% (min) or 100% (max), and a bound back
/// at 0-100% is dropped.
pub fn set_weight_bound(
    a: &mut Appraisal,
    code: &str,
    end: BoundEnd,
    text: &str,
    group: Option<&str>,
) -> Result<(), EditError> {
    let key = match end {
        BoundEnd::Min => "min",
        BoundEnd::Max => "max",
    };
    let field = format!("{}/bounds/{code}/{key}", model_path(group));
    let name = member(a, code, group, &field)?;
    let Some(WeightModel::Bounds { bounds }) = model_mut(a, group) else {
        return refuse_short(
            field,
            "The weights are not drawn within bounds: choose that first",
            "Not drawn within bounds",
        );
    };
    let at = bounds.iter().position(|b| b.criterion == code);
    let mut b = at.map_or(
        WeightBound {
            criterion: code.to_owned(),
            min: 0.0,
            max: 1.0,
        },
        |i| bounds[i].clone(),
    );
    let (word, default) = match end {
        BoundEnd::Min => ("lowest", 0.0),
        BoundEnd::Max => ("highest", 1.0),
    };
    let v = if text.trim().is_empty() {
        default
    } else {
        percent(&field, &format!("The {word} weight of {name}"), text, 0.0)?
    };
    match end {
        BoundEnd::Min => b.min = v,
        BoundEnd::Max => b.max = v,
    }
    if b.min > b.max {
        return refuse_short(
            field,
            format!(
                "The lowest weight of {name} ({}%) is above its highest ({}%)",
                b.min * 100.0,
                b.max * 100.0
            ),
            "The lowest is above the highest",
        );
    }
    let free = b.min == 0.0 && b.max == 1.0;
    match (at, free) {
        (Some(i), true) => drop(bounds.remove(i)),
        (Some(i), false) => bounds[i] = b,
        (None, true) => {}
        (None, false) => bounds.push(b),
    }
    Ok(())
}

/// A criterion's place in the order of importance (1 = weighs most); empty takes it out.
pub fn set_rank(
    a: &mut Appraisal,
    code: &str,
    text: &str,
    group: Option<&str>,
) -> Result<(), EditError> {
    let field = format!("{}/ranking/{code}", model_path(group));
    member(a, code, group, &field)?;
    let flat = group.is_none() && a.settings.sensitivity.draw == WeightDraw::Flat;
    let members = a
        .criteria
        .iter()
        .filter(|c| {
            if flat {
                c.leaf().is_some()
            } else {
                c.parent.as_deref() == group
            }
        })
        .count();
    let Some(WeightModel::Ranking { ranking }) = model_mut(a, group) else {
        return refuse_short(
            field,
            "The weights are not drawn from an order of importance: choose that first",
            "Not drawn from an order",
        );
    };
    // Read before anything changes, so a refusal leaves the order as it was.
    let place = if text.trim().is_empty() {
        None
    } else {
        let places = u32::try_from(members).unwrap_or(u32::MAX).max(1);
        Some(whole(&field, "the place in the order", text, 1..=places)?)
    };
    ranking.retain(|c| c != code);
    if let Some(place) = place {
        let at = (place as usize - 1).min(ranking.len());
        ranking.insert(at, code.to_owned());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evaluation::{AnalysisError, Evaluation};
    use crate::sensitivity::{DrawProgress, Robustness};

    /// The analysis as the screen and the pack run it.
    fn analyse(a: &Appraisal) -> Result<Robustness, AnalysisError> {
        analyse_counted(a, &DrawProgress::default())
    }

    fn analyse_counted(
        a: &Appraisal,
        progress: &DrawProgress,
    ) -> Result<Robustness, AnalysisError> {
        Evaluation::of(a).robustness(a, progress).clone()
    }

    fn demo() -> Appraisal {
        crate::demo::appraisal()
    }

    #[test]
    fn draws_seed_and_tornado_share_are_read_as_typed_and_checked() {
        let mut a = demo();
        set_samples(&mut a, "20,000").unwrap();
        set_confidence_samples(&mut a, "5000").unwrap();
        set_seed(&mut a, "42").unwrap();
        set_tornado_share(&mut a, "25").unwrap();
        let s = &a.settings.sensitivity;
        assert_eq!(
            (s.samples, s.confidence_samples, s.seed, s.tornado_share),
            (20_000, 5_000, 42, 0.25)
        );
        let e = set_samples(&mut a, "").unwrap_err();
        assert_eq!(e.message, "Enter the number of SMAA draws");
        let e = set_samples(&mut a, "50").unwrap_err();
        assert_eq!(e.short, "Must be a whole number from 100 to 100,000");
        assert_eq!(e.field, "settings/sensitivity/samples");
        let e = set_seed(&mut a, "-1").unwrap_err();
        assert_eq!(e.short, "Must be a whole number, 0 or more");
        let e = set_tornado_share(&mut a, "0").unwrap_err();
        assert_eq!(e.short, "Must be from 1 to 100%");
        assert_eq!(a.settings.sensitivity.samples, 20_000);
    }

    #[test]
    fn counting_the_draws_changes_no_figure_and_ends_at_every_draw_made() {
        let mut a = demo();
        a.settings.sensitivity.samples = 3_000;
        let progress = DrawProgress::default();
        let counted = analyse_counted(&a, &progress).unwrap();
        assert_eq!(counted, analyse(&a).unwrap());
        // The demo's panel scores are uncertain, so SMAA also draws scores for the confidence
        // factors.
        let s = &a.settings.sensitivity;
        assert_eq!(s.scores, ScoreModel::Normal);
        let total = 3_000 + u64::from(s.confidence_samples);
        assert_eq!(
            progress.view(),
            crate::sensitivity::DrawsView {
                done: total,
                total,
                running: false
            }
        );
    }

    #[test]
    fn the_seed_reproduces_the_smaa_figures_and_another_seed_moves_them() {
        let mut a = demo();
        a.settings.sensitivity.samples = 2_000;
        let first = |a: &Appraisal| {
            analyse(a)
                .unwrap()
                .analysis
                .smaa
                .options
                .iter()
                .map(|o| o.acceptability[0].value)
                .collect::<Vec<f64>>()
        };
        let one = first(&a);
        assert_eq!(first(&a), one);
        set_seed(&mut a, "7").unwrap();
        assert_ne!(first(&a), one);
    }

    #[test]
    fn a_weight_bound_pins_a_leaf_and_a_free_bound_is_dropped() {
        let mut a = demo();
        set_weight_draw(&mut a, WeightDraw::Flat);
        let e = set_weight_bound(&mut a, "VIA-NPV", BoundEnd::Min, "10", None).unwrap_err();
        assert_eq!(e.short, "Not drawn within bounds");
        set_weight_information(&mut a, WeightInformation::Bounds, None).unwrap();
        set_weight_bound(&mut a, "VIA-NPV", BoundEnd::Min, "10", None).unwrap();
        set_weight_bound(&mut a, "VIA-NPV", BoundEnd::Max, "20", None).unwrap();
        assert_eq!(
            a.settings.sensitivity.weights,
            WeightModel::Bounds {
                bounds: vec![WeightBound {
                    criterion: "VIA-NPV".into(),
                    min: 0.1,
                    max: 0.2
                }]
            }
        );
        // Every draw keeps VIA-NPV's global weight within 10-20%: the SMAA central weight of
        // every option that ever ranks first lies within it too.
        a.settings.sensitivity.samples = 2_000;
        let r = analyse(&a).unwrap().analysis;
        let leaf = r.smaa.criteria.iter().position(|c| c == "VIA-NPV").unwrap();
        let mut checked = 0;
        for o in &r.smaa.options {
            if let Some(central) = &o.central_weights {
                let w = central[leaf].value;
                assert!((0.1 - 1e-9..=0.2 + 1e-9).contains(&w), "{} {w}", o.code);
                checked += 1;
            }
        }
        assert!(checked > 0);
        let e = set_weight_bound(&mut a, "VIA-NPV", BoundEnd::Max, "5", None).unwrap_err();
        assert_eq!(e.short, "The lowest is above the highest");
        assert_eq!(e.field, "settings/sensitivity/weights/bounds/VIA-NPV/max");
        let e = set_weight_bound(&mut a, "VIA", BoundEnd::Max, "5", None).unwrap_err();
        assert_eq!(e.short, "Not a leaf criterion");
        set_weight_bound(&mut a, "VIA-NPV", BoundEnd::Min, "", None).unwrap();
        set_weight_bound(&mut a, "VIA-NPV", BoundEnd::Max, "", None).unwrap();
        assert_eq!(
            a.settings.sensitivity.weights,
            WeightModel::Bounds { bounds: vec![] }
        );
    }

    #[test]
    fn ranks_place_leaves_in_order_and_empty_takes_one_out() {
        let mut a = demo();
        set_weight_draw(&mut a, WeightDraw::Flat);
        set_weight_information(&mut a, WeightInformation::Ranking, None).unwrap();
        set_rank(&mut a, "VIA-NPV", "1", None).unwrap();
        set_rank(&mut a, "QUA-STD", "1", None).unwrap();
        set_rank(&mut a, "QUA-CQC", "9", None).unwrap();
        let order = |a: &Appraisal| match &a.settings.sensitivity.weights {
            WeightModel::Ranking { ranking } => ranking.clone(),
            _ => panic!("ranking"),
        };
        assert_eq!(order(&a), ["QUA-STD", "VIA-NPV", "QUA-CQC"]);
        set_rank(&mut a, "QUA-STD", "3", None).unwrap();
        assert_eq!(order(&a), ["VIA-NPV", "QUA-CQC", "QUA-STD"]);
        set_rank(&mut a, "VIA-NPV", "", None).unwrap();
        assert_eq!(order(&a), ["QUA-CQC", "QUA-STD"]);
        let before = a.settings.sensitivity.weights.clone();
        let e = set_rank(&mut a, "QUA-CQC", "0", None).unwrap_err();
        assert!(
            e.short.starts_with("Must be a whole number from 1 to "),
            "{}",
            e.short
        );
        assert_eq!(
            a.settings.sensitivity.weights, before,
            "a refusal changes nothing"
        );
        // Switching back to a band around today's weights starts at +/-50%.
        set_weight_information(&mut a, WeightInformation::AroundBase, None).unwrap();
        assert_eq!(
            a.settings.sensitivity.weights,
            WeightModel::AroundBase { share: 0.5 }
        );
        set_around_share(&mut a, "20", None).unwrap();
        assert_eq!(
            a.settings.sensitivity.weights,
            WeightModel::AroundBase { share: 0.2 }
        );
    }

    #[test]
    fn each_group_gets_its_own_model_level_by_level() {
        let mut a = demo();
        assert_eq!(a.settings.sensitivity.draw, WeightDraw::LevelByLevel);
        // The appraisal's model is over the top level: a leaf is refused, a group taken.
        set_weight_information(&mut a, WeightInformation::Ranking, None).unwrap();
        let e = set_rank(&mut a, "VIA-NPV", "1", None).unwrap_err();
        assert_eq!(e.short, "Not a top-level criterion");
        assert_eq!(e.field, "settings/sensitivity/weights/ranking/VIA-NPV");
        set_rank(&mut a, "QUA", "1", None).unwrap();
        // Quality's children within bounds, Access's in an order, Viability's in a band.
        set_weight_information(&mut a, WeightInformation::Bounds, Some("QUA")).unwrap();
        set_weight_bound(&mut a, "QUA-STD", BoundEnd::Min, "30", Some("QUA")).unwrap();
        let e = set_weight_bound(&mut a, "ACC-AE", BoundEnd::Min, "30", Some("QUA")).unwrap_err();
        assert_eq!(e.short, "Not in this group");
        assert_eq!(
            e.message,
            "Population within 30 minutes of A&E by car is not in the group Quality"
        );
        assert_eq!(
            e.field,
            "settings/sensitivity/groups/QUA/weights/bounds/ACC-AE/min"
        );
        set_weight_information(&mut a, WeightInformation::Ranking, Some("ACC")).unwrap();
        set_rank(&mut a, "ACC-MAT", "1", Some("ACC")).unwrap();
        let e = set_rank(&mut a, "ACC-AE", "4", Some("ACC")).unwrap_err();
        assert_eq!(e.short, "Must be a whole number from 1 to 3");
        set_weight_information(&mut a, WeightInformation::AroundBase, Some("VIA")).unwrap();
        set_around_share(&mut a, "10", Some("VIA")).unwrap();
        let e = set_around_share(&mut a, "10", Some("DEL")).unwrap_err();
        assert_eq!(e.short, "Not drawn around today's weights");
        let e = set_weight_information(&mut a, WeightInformation::Uniform, Some("VIA-NPV"))
            .unwrap_err();
        assert_eq!(e.short, "Not a group");
        let e = set_weight_information(&mut a, WeightInformation::Fixed, None).unwrap_err();
        assert_eq!(e.short, "Only a group's weights can be fixed");
        let bound = |code: &str, min: f64| WeightBound {
            criterion: code.into(),
            min,
            max: 1.0,
        };
        assert_eq!(
            a.settings.sensitivity.groups,
            [
                GroupWeights {
                    group: "QUA".into(),
                    weights: WeightModel::Bounds {
                        bounds: vec![bound("QUA-STD", 0.3)]
                    },
                },
                GroupWeights {
                    group: "ACC".into(),
                    weights: WeightModel::Ranking {
                        ranking: vec!["ACC-MAT".into()]
                    },
                },
                GroupWeights {
                    group: "VIA".into(),
                    weights: WeightModel::AroundBase { share: 0.1 },
                },
            ]
        );
        // The analysis draws them: Quality's standards weigh at least 30% of Quality in every
        // draw, so in every option's central weights.
        a.settings.sensitivity.samples = 2_000;
        let r = analyse(&a).unwrap();
        let smaa = &r.analysis.smaa;
        assert_eq!(smaa.draw, WeightDraw::LevelByLevel);
        assert!(
            smaa.weights
                .contains("within Quality (QUA) uniform within bounds on 1 criteria"),
            "{}",
            smaa.weights
        );
        let at = |code: &str| smaa.criteria.iter().position(|c| c == code).unwrap();
        for o in &smaa.options {
            if let Some(w) = &o.central_weights {
                let quality: f64 = ["QUA-STD", "QUA-MASS", "QUA-INT", "QUA-CQC"]
                    .iter()
                    .map(|c| w[at(c)].value)
                    .sum();
                assert!(w[at("QUA-STD")].value >= 0.3 * quality - 1e-9, "{}", o.code);
            }
        }
        // Setting a group back to fixed drops its model; the second run has nothing known.
        set_weight_information(&mut a, WeightInformation::Fixed, Some("ACC")).unwrap();
        assert_eq!(a.settings.sensitivity.groups.len(), 2);
        let open = r.no_weight_information.unwrap();
        assert!(
            open.levels
                .iter()
                .all(|l| l.weights.starts_with("uniform on the simplex"))
        );
    }

    #[test]
    fn switching_the_draw_keeps_only_the_criteria_it_weighs() {
        let mut a = demo();
        set_weight_draw(&mut a, WeightDraw::Flat);
        set_weight_information(&mut a, WeightInformation::Ranking, None).unwrap();
        set_rank(&mut a, "VIA-NPV", "1", None).unwrap();
        set_rank(&mut a, "QUA-STD", "2", None).unwrap();
        set_weight_draw(&mut a, WeightDraw::LevelByLevel);
        assert_eq!(
            a.settings.sensitivity.weights,
            WeightModel::Ranking { ranking: vec![] }
        );
        set_rank(&mut a, "QUA", "1", None).unwrap();
        set_weight_draw(&mut a, WeightDraw::Flat);
        assert_eq!(
            a.settings.sensitivity.weights,
            WeightModel::Ranking { ranking: vec![] }
        );
    }
}
