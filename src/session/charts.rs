//! The sensitivity and travel screens' charts: the same SVG the board pack prints, drawn from
//! the core's chart functions so the window and the pack never disagree.

use serde::Serialize;

use super::results::Chart;
use crate::charts;
use crate::evaluation::Evaluation;
use crate::model::TravelMode;
use crate::sensitivity::{NodeSensitivity, Robustness};

/// Top-level groups drawn as one-way panels: more would be too small to read.
pub const ONE_WAY_PANELS: usize = 6;

/// The robustness analysis with its charts, as the window reads it (the report's fields at the
/// top level, so the screen's tables read it as before, and `no_weight_information` beside them
/// when the pack prints that second run too).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Analysis {
    #[serde(flatten)]
    pub robustness: Robustness,
    pub charts: AnalysisCharts,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct AnalysisCharts {
    pub tornado: Chart,
    /// Small multiples, one per top-level group.
    pub one_way: Chart,
    pub acceptability: Chart,
}

impl Analysis {
    /// Draws the charts of `robustness`'s analysis under the stored settings.
    pub fn of(robustness: Robustness) -> Analysis {
        let report = &robustness.analysis;
        let groups: Vec<&NodeSensitivity> = report
            .one_way
            .iter()
            .filter(|n| n.parent.is_none())
            .take(ONE_WAY_PANELS)
            .collect();
        let charts = AnalysisCharts {
            tornado: charts::sensitivity::tornado(report).into(),
            one_way: charts::sensitivity::one_way(report, &groups).into(),
            acceptability: charts::sensitivity::rank_acceptability(
                &report.smaa,
                &format!("Rank acceptability, {}", report.smaa.draw.label()),
            )
            .into(),
        };
        Analysis { robustness, charts }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum TravelChartError {
    #[error("Travel cannot be assessed: {0}")]
    Travel(String),
    #[error("there are no travel results for service {service} {}", charts::travel::by_mode(*.mode))]
    NoSuchService { service: String, mode: TravelMode },
}

/// One service's travel charts for one mode.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct TravelCharts {
    /// Cumulative share of the population within each journey time, per option.
    pub access: Chart,
    /// Mean change against do minimum by IMD quintile.
    pub quintiles: Chart,
    /// Share of each quintile worse off for any service, in this mode.
    pub worse: Chart,
}

/// The charts of travel to `service` by `mode`, from the travel engine's run in `evaluation`.
pub fn travel_charts(
    evaluation: &Evaluation,
    service: &str,
    mode: TravelMode,
) -> Result<TravelCharts, TravelChartError> {
    let travel = evaluation
        .travel()
        .as_ref()
        .map_err(|e| TravelChartError::Travel(e.to_string()))?;
    let s = travel
        .services
        .iter()
        .find(|s| s.service == service && s.mode == mode)
        .ok_or_else(|| TravelChartError::NoSuchService {
            service: service.to_owned(),
            mode,
        })?;
    Ok(TravelCharts {
        access: charts::travel::access_curve(s).into(),
        quintiles: charts::travel::change_by_quintile(travel, s).into(),
        worse: charts::travel::worse_by_quintile(travel, mode).into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn svg(c: &Chart) -> String {
        c.svg
            .clone()
            .unwrap_or_else(|| panic!("not drawn: {:?}", c.reason))
    }

    #[test]
    fn the_demo_analysis_has_its_three_charts() {
        let mut a = crate::demo::appraisal();
        a.settings.sensitivity.samples = 500;
        let robustness = Evaluation::of(&a)
            .robustness(&a, &Default::default())
            .clone()
            .unwrap();
        let groups = robustness
            .analysis
            .one_way
            .iter()
            .filter(|n| n.parent.is_none())
            .count();
        let analysis = Analysis::of(robustness);
        let one_way = svg(&analysis.charts.one_way);
        assert!(one_way.starts_with("<svg"), "{}", &one_way[..40]);
        assert!(groups >= 2);
        let first = &analysis.robustness.analysis.one_way[0].name;
        assert!(one_way.contains(first.as_str()), "panel for {first}");
        assert!(svg(&analysis.charts.tornado).contains("<svg"));
        let smaa = svg(&analysis.charts.acceptability);
        assert!(smaa.contains(&analysis.robustness.analysis.options[0].name));
        let json = serde_json::to_value(&analysis).unwrap();
        assert!(json.get("smaa").is_some() && json.get("charts").is_some());
    }

    #[test]
    fn a_service_has_its_travel_charts_and_an_unknown_one_is_refused() {
        let a = crate::demo::appraisal();
        let evaluation = Evaluation::of(&a);
        let service = a.services[0].code.clone();
        let c = travel_charts(&evaluation, &service, TravelMode::Car).unwrap();
        assert!(svg(&c.access).contains(&a.services[0].name));
        assert!(svg(&c.quintiles).contains("<svg"));
        let e = travel_charts(&evaluation, "NOPE", TravelMode::Car).unwrap_err();
        assert!(e.to_string().contains("NOPE"), "{e}");
    }
}
