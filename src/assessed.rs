//! What an appraisal has not yet assessed, in one place: the validator lists it, the board pack
//! says "not assessed" instead of printing figures an engine made from nothing (no zones means
//! no one's journey can grow, which is not the same as no one's journey growing), and a Final
//! pack is refused while any of it stands.

use crate::model::{Appraisal, Source};

/// A part of the appraisal whose figures come from data the analyst enters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The panel's scores, and so the ranking.
    Scores,
    /// The financial baselines, and so viability.
    Finance,
    /// Population zones, services and journey times, and so travel and equality.
    Travel,
}

/// Data missing for one part, with where to add it.
#[derive(Debug, Clone, PartialEq)]
pub struct Gap {
    pub part: Part,
    /// The validator's path, so the window links to where the data is added.
    pub path: &'static str,
    /// Plain English, lower case to follow "Not yet assessed: " or open a validation line.
    pub reason: String,
}

/// Every part of `a` that has no data to assess it from.
pub fn gaps(a: &Appraisal) -> Vec<Gap> {
    let mut gaps = Vec::new();
    let panel_scored = a.criteria.iter().any(|c| {
        c.leaf()
            .is_some_and(|l| l.source == Source::Panel && c.weight > 0.0)
    });
    if panel_scored && !a.options.is_empty() && a.scores.is_empty() {
        gaps.push(Gap {
            part: Part::Scores,
            path: "scores",
            reason: "the panel has not scored the options: enter the panel's scores on the Scoring screen".to_owned(),
        });
    }
    if !a.organisations.iter().any(|o| !o.baseline.is_empty()) {
        gaps.push(Gap {
            part: Part::Finance,
            path: "organisations",
            reason: "no organisation has a financial baseline: add each organisation's income and costs by year on the Organisations screen".to_owned(),
        });
    }
    if a.zones.is_empty() {
        gaps.push(Gap {
            part: Part::Travel,
            path: "zones",
            reason: "the appraisal has no population zones: add them under Population zones on the Travel screen, or import a Zones sheet on the Spreadsheets screen".to_owned(),
        });
    } else if a.services.is_empty() {
        gaps.push(Gap {
            part: Part::Travel,
            path: "services",
            reason: "the appraisal has no services to measure journeys to: add them on the Travel screen".to_owned(),
        });
    }
    gaps
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_has_every_part_and_a_new_appraisal_none() {
        let demo = crate::demo::appraisal();
        assert_eq!(gaps(&demo), Vec::new());
        let t = crate::travel::assess(&demo).unwrap();
        assert_eq!(t.unmeasured(), None);

        let empty = Appraisal::new("New");
        let parts: Vec<(Part, &str)> = gaps(&empty).iter().map(|g| (g.part, g.path)).collect();
        // No options, so no scores are missing yet; no baselines and no zones are.
        assert_eq!(
            parts,
            [(Part::Finance, "organisations"), (Part::Travel, "zones")]
        );
    }

    #[test]
    fn the_demo_without_scores_zones_or_baselines_names_each() {
        let mut a = crate::demo::appraisal();
        a.scores.clear();
        a.zones.clear();
        for o in &mut a.organisations {
            o.baseline.clear();
        }
        let gaps = gaps(&a);
        let parts: Vec<Part> = gaps.iter().map(|g| g.part).collect();
        assert_eq!(parts, [Part::Scores, Part::Finance, Part::Travel]);
        assert!(
            gaps[2]
                .reason
                .starts_with("the appraisal has no population zones: add them")
        );
    }

    #[test]
    fn zones_without_times_measure_nothing() {
        // No coordinates and an empty matrix: every zone is unreached.
        let mut a = crate::demo::appraisal();
        a.travel_matrix = Default::default();
        for z in &mut a.zones {
            z.latitude = None;
            z.longitude = None;
        }
        let t = crate::travel::assess(&a).unwrap();
        assert!(
            t.unmeasured()
                .unwrap()
                .starts_with("no journey time could be measured")
        );
    }
}
