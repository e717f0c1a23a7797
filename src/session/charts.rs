//! The window's charts, one at a time and at the width the window shows each: the same SVG the
//! board pack prints (drawn by the core's chart functions, so the window and the pack never
//! disagree), with its text at its drawn size. Charts are drawn only when a screen shows them,
//! not after every edit.

use serde::{Deserialize, Serialize};

use super::results::Chart;
use crate::charts;
use crate::charts::map::MapData;
use crate::evaluation::Evaluation;
use crate::model::{Appraisal, TravelMode};
use crate::sensitivity::{NodeSensitivity, Robustness};

/// Top-level groups drawn as one-way panels: more would be too small to read.
pub const ONE_WAY_PANELS: usize = 6;

/// A chart the window shows, by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "chart", rename_all = "snake_case")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub enum ChartRequest {
    /// Totals stacked by top-level criteria group.
    TotalsByGroup,
    /// The points each criterion adds to each option.
    Contributions,
    /// Benefit against cost, with the efficiency frontier.
    ValueForMoney,
    MarginByYear,
    LiquidityByYear,
    /// One-way sensitivity panels, one per top-level group.
    OneWay,
    /// What moves the preferred option's lead most.
    Tornado,
    /// SMAA rank acceptability under the stored settings.
    Acceptability,
    /// Cumulative share of the population within each journey time to `service` by `mode`.
    Access {
        service: String,
        mode: TravelMode,
    },
    /// Mean change against do minimum in the journey to `service` by IMD quintile.
    Quintiles {
        service: String,
        mode: TravelMode,
    },
    /// Share of each quintile worse off for any service by `mode`.
    Worse {
        mode: TravelMode,
    },
    /// `option`'s map: each zone's change in journey time to `service` by `mode` against do
    /// minimum, and the sites that gain or lose services.
    Map {
        service: String,
        mode: TravelMode,
        option: String,
    },
}

impl ChartRequest {
    /// True for the robustness analysis's charts, which need its run.
    pub fn of_robustness(&self) -> bool {
        matches!(
            self,
            ChartRequest::OneWay | ChartRequest::Tornado | ChartRequest::Acceptability
        )
    }

    /// Draws the chart `width` wide from `evaluation` of `appraisal` (and `robustness`, the
    /// analysis's run or why it failed, for its charts); a chart that cannot be drawn says why.
    pub fn draw(
        &self,
        appraisal: &Appraisal,
        evaluation: &Evaluation,
        robustness: Option<Result<&Robustness, String>>,
        width: u32,
    ) -> Chart {
        use ChartRequest as R;
        let unscored = || not_drawn("the options are not scored");
        match self {
            R::TotalsByGroup | R::Contributions | R::ValueForMoney => match evaluation.score() {
                Ok(s) => match self {
                    R::TotalsByGroup => charts::score::totals_by_group(s, width),
                    R::Contributions => charts::score::contributions(s, width),
                    _ => charts::score::value_for_money(s, width),
                }
                .into(),
                Err(_) => unscored(),
            },
            R::MarginByYear | R::LiquidityByYear => match evaluation.finance() {
                Ok(f) if *self == R::MarginByYear => {
                    charts::finance::margin_by_year(f, width).into()
                }
                Ok(f) => charts::finance::liquidity_by_year(f, width).into(),
                Err(_) => not_drawn("the viability model has not run"),
            },
            R::OneWay | R::Tornado | R::Acceptability => match robustness {
                Some(Ok(r)) => analysis_chart(self, r, width),
                Some(Err(e)) => not_drawn(&e),
                None => not_drawn("the sensitivity analysis has not run"),
            },
            R::Access { service, mode } | R::Quintiles { service, mode } => {
                let travel = match evaluation.travel() {
                    Ok(t) => t,
                    Err(e) => return not_drawn(&format!("Travel cannot be assessed: {e}")),
                };
                let Some(s) = travel
                    .services
                    .iter()
                    .find(|s| &s.service == service && s.mode == *mode)
                else {
                    return not_drawn(&format!(
                        "there are no travel results for service {service} {}",
                        charts::travel::by_mode(*mode)
                    ));
                };
                match self {
                    R::Access { .. } => charts::travel::access_curve(s, width),
                    _ => charts::travel::change_by_quintile(travel, s, width),
                }
                .into()
            }
            R::Worse { mode } => match evaluation.travel() {
                Ok(t) => charts::travel::worse_by_quintile(t, *mode, width).into(),
                Err(e) => not_drawn(&format!("Travel cannot be assessed: {e}")),
            },
            R::Map {
                service,
                mode,
                option,
            } => match evaluation.travel() {
                Ok(t) => MapData::of(appraisal, t, service, *mode, option)
                    .and_then(|m| charts::map::option_map(&m, width))
                    .into(),
                Err(e) => not_drawn(&format!("Travel cannot be assessed: {e}")),
            },
        }
    }
}

fn not_drawn(reason: &str) -> Chart {
    Chart {
        svg: None,
        reason: Some(reason.to_owned()),
    }
}

/// One of the robustness analysis's charts under the stored settings.
fn analysis_chart(request: &ChartRequest, robustness: &Robustness, width: u32) -> Chart {
    let report = &robustness.analysis;
    match request {
        ChartRequest::Tornado => charts::sensitivity::tornado(report, width),
        ChartRequest::Acceptability => charts::sensitivity::rank_acceptability(
            &report.smaa,
            &format!("Rank acceptability, {}", report.smaa.draw.label()),
            width,
        ),
        _ => {
            let groups: Vec<&NodeSensitivity> = report
                .one_way
                .iter()
                .filter(|n| n.parent.is_none())
                .take(ONE_WAY_PANELS)
                .collect();
            charts::sensitivity::one_way(report, &groups, width)
        }
    }
    .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn svg(c: &Chart) -> String {
        c.svg
            .clone()
            .unwrap_or_else(|| panic!("not drawn: {:?}", c.reason))
    }

    /// The `width` and `height` the SVG's root declares.
    fn size(svg: &str) -> (u32, u32) {
        let root = &svg[..svg.find('>').unwrap()];
        let attr = |name: &str| -> u32 {
            let at = root.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
            root[at..].split('"').next().unwrap().parse().unwrap()
        };
        (attr("width"), attr("height"))
    }

    #[test]
    fn the_demo_analysis_has_its_three_charts_at_the_width_asked() {
        let mut a = crate::demo::appraisal();
        a.settings.sensitivity.samples = 500;
        let evaluation = Evaluation::of(&a);
        let robustness = evaluation
            .robustness(&a, &Default::default())
            .clone()
            .unwrap();
        let draw = |r: ChartRequest| r.draw(&a, &evaluation, Some(Ok(&robustness)), 600);
        let one_way = svg(&draw(ChartRequest::OneWay));
        assert_eq!(size(&one_way).0, 600);
        let first = &robustness.analysis.one_way[0].name;
        assert!(
            charts::text_of(&one_way).contains(first.as_str()),
            "panel for {first}"
        );
        assert!(svg(&draw(ChartRequest::Tornado)).contains("<svg"));
        let smaa = svg(&draw(ChartRequest::Acceptability));
        assert!(charts::text_of(&smaa).contains(&robustness.analysis.options[0].name));
        let failed =
            ChartRequest::Tornado.draw(&a, &evaluation, Some(Err("no scores".into())), 600);
        assert_eq!(failed.reason.as_deref(), Some("no scores"));
        assert!(
            ChartRequest::Tornado.of_robustness() && !ChartRequest::Contributions.of_robustness()
        );
    }

    #[test]
    fn every_results_chart_is_drawn_at_the_width_asked() {
        let a = crate::demo::appraisal();
        let evaluation = Evaluation::of(&a);
        for request in [
            ChartRequest::TotalsByGroup,
            ChartRequest::Contributions,
            ChartRequest::ValueForMoney,
            ChartRequest::MarginByYear,
            ChartRequest::LiquidityByYear,
        ] {
            for width in [480, 1100] {
                let chart = svg(&request.draw(&a, &evaluation, None, width));
                assert_eq!(size(&chart).0, width, "{request:?}");
            }
        }
        let request: ChartRequest =
            serde_json::from_str(r#"{"chart":"access","service":"AE","mode":"car"}"#).unwrap();
        assert_eq!(
            request,
            ChartRequest::Access {
                service: "AE".to_owned(),
                mode: TravelMode::Car
            }
        );
    }

    #[test]
    fn a_service_has_its_travel_charts_and_an_unknown_one_says_why() {
        let a = crate::demo::appraisal();
        let evaluation = Evaluation::of(&a);
        let service = a.services[0].code.clone();
        let mode = TravelMode::Car;
        let access = ChartRequest::Access {
            service: service.clone(),
            mode,
        };
        let text = charts::text_of(&svg(&access.draw(&a, &evaluation, None, 700)));
        assert!(text.contains(&a.services[0].name), "{text}");
        let quintiles = ChartRequest::Quintiles { service, mode };
        assert!(svg(&quintiles.draw(&a, &evaluation, None, 700)).contains("<svg"));
        assert!(
            svg(&ChartRequest::Worse { mode }.draw(&a, &evaluation, None, 700)).contains("<svg")
        );
        let unknown = ChartRequest::Access {
            service: "NOPE".to_owned(),
            mode,
        };
        let reason = unknown.draw(&a, &evaluation, None, 700).reason.unwrap();
        assert!(reason.contains("NOPE"), "{reason}");
    }

    #[test]
    fn an_option_has_its_map_at_the_width_asked_and_do_minimum_says_why_not() {
        let a = crate::demo::appraisal();
        let evaluation = Evaluation::of(&a);
        let map = |option: &str| ChartRequest::Map {
            service: a.services[0].code.clone(),
            mode: TravelMode::Car,
            option: option.to_owned(),
        };
        let drawn = svg(&map(&a.options[1].code).draw(&a, &evaluation, None, 800));
        assert_eq!(size(&drawn).0, 800);
        let text = charts::text_of(&drawn);
        assert!(text.contains(&a.options[1].name), "{text}");
        assert!(drawn.contains("class=\"site-loses\""));
        let reason = map(&a.options[0].code)
            .draw(&a, &evaluation, None, 800)
            .reason
            .unwrap();
        assert!(reason.contains("do minimum"), "{reason}");
        let request: ChartRequest = serde_json::from_str(
            r#"{"chart":"map","service":"AE","mode":"public_transport","option":"MERGE-N"}"#,
        )
        .unwrap();
        assert!(matches!(
            request,
            ChartRequest::Map {
                mode: TravelMode::PublicTransport,
                ..
            }
        ));
    }
}
