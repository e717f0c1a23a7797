//! The model as the window reads it: everything the editing screens show, without the travel
//! matrix (up to ~84 MB), the zones (tens of thousands at national scale) and the append-only
//! records, which no screen lists and which would otherwise cross the IPC bridge on every edit.

use serde::Serialize;

use crate::model::{
    Appraisal, AppraisalOption, Criterion, Meta, Organisation, Performance, RoadBasis,
    RoadSettings, Score, Scorer, Service, Settings, Site, TransitBasis, TransitSettings, WeightSet,
    Weighting,
};

/// Everything the window reads after a change, in one call: the model, the results of its one
/// evaluation and the overview.
#[derive(Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct View<'a> {
    /// Which document and revision these are of: the window sends it back with its next
    /// request.
    pub at: ViewAt,
    pub model: ModelView<'a>,
    pub results: super::SessionResults,
    pub summary: crate::summary::Summary,
}

/// What an edit answers with: the document's state and the view after it, in the one call that
/// made the change.
#[derive(Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Changed<'a> {
    pub state: super::DocumentState,
    pub view: View<'a>,
}

/// A state of an open document: the document (a new one each time a file is opened or an
/// appraisal started) and its revision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ViewAt {
    pub document: u64,
    pub revision: u64,
}

#[derive(Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ModelView<'a> {
    pub meta: &'a Meta,
    pub settings: &'a Settings,
    pub organisations: &'a [Organisation],
    pub sites: &'a [Site],
    pub services: &'a [Service],
    pub zone_count: usize,
    pub options: &'a [AppraisalOption],
    pub criteria: &'a [Criterion],
    pub weightings: &'a [Weighting],
    pub weight_sets: &'a [WeightSet],
    pub scorers: &'a [Scorer],
    pub scores: &'a [Score],
    pub performances: &'a [Performance],
    /// Cells of the imported travel matrix that hold a time.
    pub travel_matrix_values: usize,
    /// How road times are made, always given (the settings leave them out while they are the
    /// defaults).
    pub roads: &'a RoadSettings,
    /// How public transport times are made, always given (as `roads`).
    pub transit: &'a TransitSettings,
    /// What the matrix's road times were computed from (none for an imported matrix): the
    /// Travel screen shows it beside the times, as the pack does.
    pub travel_bases: &'a [RoadBasis],
    /// What the matrix's public transport times were computed from (feeds, date, window,
    /// settings); None when they were imported or there are none.
    pub travel_transit: Option<&'a TransitBasis>,
    /// What each derived metric the criteria source measures, in words: the screens show these,
    /// not the metric's code.
    pub metric_names: Vec<MetricName>,
}

/// A derived metric's code and what it measures in words.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct MetricName {
    pub metric: String,
    pub name: String,
}

fn metric_names(a: &Appraisal) -> Vec<MetricName> {
    let service = |code: &str| {
        a.services
            .iter()
            .find(|s| s.code.eq_ignore_ascii_case(code))
            .map(|s| s.name.clone())
    };
    let mut names: Vec<MetricName> = Vec::new();
    for c in &a.criteria {
        let Some(crate::model::LeafSpec {
            source: crate::model::Source::Derived { metric },
            ..
        }) = c.leaf()
        else {
            continue;
        };
        if names.iter().any(|n| &n.metric == metric) {
            continue;
        }
        if let Some(name) = crate::metrics::describe(metric, service) {
            names.push(MetricName {
                metric: metric.clone(),
                name,
            });
        }
    }
    names
}

impl<'a> ModelView<'a> {
    pub fn of(a: &'a Appraisal) -> ModelView<'a> {
        ModelView {
            meta: &a.meta,
            settings: &a.settings,
            organisations: &a.organisations,
            sites: &a.sites,
            services: &a.services,
            zone_count: a.zones.len(),
            options: &a.options,
            criteria: &a.criteria,
            weightings: &a.weightings,
            weight_sets: &a.weight_sets,
            scorers: &a.scorers,
            scores: &a.scores,
            performances: &a.performances,
            travel_matrix_values: a.travel_matrix.values(),
            roads: &a.settings.roads,
            transit: &a.settings.transit,
            travel_bases: a.travel_matrix.bases(),
            travel_transit: a.travel_matrix.transit().map(|t| t.basis()),
            metric_names: metric_names(a),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_view_leaves_out_the_matrix_and_zones() {
        let a = crate::demo::appraisal();
        let v = serde_json::to_value(ModelView::of(&a)).unwrap();
        assert!(v.get("travel_matrix").is_none());
        assert!(v.get("zones").is_none());
        assert_eq!(v["zone_count"], a.zones.len());
        let margin = v["metric_names"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["metric"] == "finance.margin_final_year")
            .unwrap();
        assert_eq!(margin["name"], "I&E margin in the final year (%)");
        assert_eq!(v["criteria"].as_array().unwrap().len(), a.criteria.len());
        assert_eq!(v["meta"]["title"], a.meta.title.as_str());
    }
}
