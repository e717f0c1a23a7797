//! Charts of the viability model: I&E margin and liquidity by year, one line per option.

use plotters::prelude::*;

use super::frame::{self, DrawResult, Key, LABEL_SIZE, TICK_SIZE, marker, text_style};
use super::{ChartError, Svg, palette};
use crate::finance::{FinanceResults, YearResult};
use crate::model::financial_year_label;

pub const MARGIN: &str = "I&E margin by year";
pub const LIQUIDITY: &str = "liquidity by year";

/// I&E margin (surplus as a share of operating income) by year, per option.
pub fn margin_by_year(r: &FinanceResults, width: u32) -> Result<Svg, ChartError> {
    by_year(
        r,
        width,
        MARGIN,
        "I&E margin by year and option (surplus as % of income)",
        "I&E margin (%)",
        |y| y.margin_percent,
    )
}

/// Liquidity days (days of operating cost the organisation can meet) by year, per option.
pub fn liquidity_by_year(r: &FinanceResults, width: u32) -> Result<Svg, ChartError> {
    by_year(
        r,
        width,
        LIQUIDITY,
        "Liquidity by year and option (days of operating costs)",
        "Liquidity (days)",
        |y| y.liquidity_days,
    )
}

/// One option's line: its palette index, name and (year, value) points.
type Series<'a> = (usize, &'a str, Vec<(i32, f64)>);

fn by_year(
    r: &FinanceResults,
    width: u32,
    chart: &'static str,
    title: &str,
    y_desc: &str,
    metric: impl Fn(&YearResult) -> f64,
) -> Result<Svg, ChartError> {
    let series: Vec<Series> = r
        .options
        .iter()
        .enumerate()
        .map(|(k, o)| {
            let points = o
                .years
                .iter()
                .map(|y| (y.year, metric(y)))
                .filter(|p| p.1.is_finite())
                .collect();
            (k, o.name.as_str(), points)
        })
        .filter(|s: &Series| !s.2.is_empty())
        .collect();
    let (Some(first), Some(last)) = (r.years.first(), r.years.last()) else {
        return Err(ChartError::NoData {
            chart,
            reason: "the appraisal has no years to project".to_owned(),
        });
    };
    if series.is_empty() {
        return Err(ChartError::NoData {
            chart,
            reason: "no option has a projection".to_owned(),
        });
    }
    let (lo, hi) = series
        .iter()
        .flat_map(|s| s.2.iter().map(|p| p.1))
        .fold((0.0f64, 0.0f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let pad = ((hi - lo) * 0.08).max(0.5);
    let legend: Vec<Key> = series
        .iter()
        .map(|(k, name, _)| Key {
            label: (*name).to_owned(),
            colour: palette::series(*k),
            marker: Some(*k),
        })
        .collect();
    // A one-year appraisal still gets an axis one year wide.
    let (first, last) = (*first, (*last).max(*first + 1));
    frame::draw(
        chart,
        width,
        frame::scaled(390, width),
        title,
        &legend,
        |area| -> DrawResult {
            let mut c = ChartBuilder::on(area)
                .margin(15)
                .margin_right(40)
                .x_label_area_size(50)
                .y_label_area_size(70)
                .build_cartesian_2d(first..last, (lo - pad)..(hi + pad))?;
            c.configure_mesh()
                .light_line_style(TRANSPARENT)
                .bold_line_style(palette::GRID)
                // "2013/14" needs about 70 px: a narrow chart labels every other year.
                .x_labels(
                    ((last - first + 1) as usize)
                        .min((width.saturating_sub(125) / 70).max(2) as usize),
                )
                .x_label_formatter(&|y| financial_year_label(*y))
                .x_desc("Financial year")
                .y_desc(y_desc)
                .axis_desc_style(text_style(LABEL_SIZE))
                .label_style(text_style(TICK_SIZE))
                .draw()?;
            c.draw_series(LineSeries::new(
                [(first, 0.0), (last, 0.0)],
                palette::INK.stroke_width(1),
            ))?;
            for (k, _, points) in &series {
                let colour = palette::series(*k);
                c.draw_series(LineSeries::new(
                    points.iter().copied(),
                    colour.stroke_width(2),
                ))?;
                c.draw_series(
                    points
                        .iter()
                        .map(|p| EmptyElement::at(*p) + marker::<SVGBackend>(*k, (0, 0), colour)),
                )?;
            }
            Ok(())
        },
    )
}
