//! Charts of the scoring engine's results: totals stacked by criteria group, each criterion's
//! contribution, and value for money with the efficiency frontier.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::frame::{self, DrawResult, Key, LABEL_SIZE, RowLabels, TICK_SIZE, marker, text_style};
use super::{ChartError, Svg, palette, plain};
use crate::score::{OptionResult, Results};

pub const TOTALS: &str = "totals by criteria group";
pub const CONTRIBUTIONS: &str = "criterion contributions";
pub const VALUE_FOR_MONEY: &str = "value for money";

/// Options in rank order (ties in the appraisal's order).
fn ranked(r: &Results) -> Vec<&OptionResult> {
    let mut order: Vec<&OptionResult> = r.options.iter().collect();
    order.sort_by_key(|o| o.rank);
    order
}

fn no_options(chart: &'static str, r: &Results) -> Result<(), ChartError> {
    if r.options.is_empty() {
        Err(ChartError::NoData {
            chart,
            reason: "the appraisal has no options".to_owned(),
        })
    } else {
        Ok(())
    }
}

/// The upper edge of segment `y` of `n` segments `0..=n-1`.
fn top_of(n: u32, y: u32) -> SegmentValue<u32> {
    if y + 1 >= n {
        SegmentValue::Last
    } else {
        SegmentValue::Exact(y + 1)
    }
}

/// Horizontal bars, one per option in rank order, each split into its top-level groups'
/// points, with the total at the bar's end; `width` wide.
pub fn totals_by_group(r: &Results, width: u32) -> Result<Svg, ChartError> {
    no_options(TOTALS, r)?;
    let groups: Vec<(usize, &str)> = r
        .groups
        .iter()
        .enumerate()
        .filter(|(_, g)| g.top_level && g.global_weight > 0.0)
        .map(|(i, g)| (i, g.name.as_str()))
        .collect();
    if groups.is_empty() {
        return Err(ChartError::NoData {
            chart: TOTALS,
            reason: "no criteria group carries weight".to_owned(),
        });
    }
    let order = ranked(r);
    let n = order.len() as u32;
    let max_total = order.iter().map(|o| o.total).fold(0.0, f64::max);
    let x_max = (max_total * 1.12 / 10.0).ceil().max(1.0) * 10.0;
    let legend: Vec<Key> = groups
        .iter()
        .enumerate()
        .map(|(k, (_, name))| Key {
            label: (*name).to_owned(),
            colour: palette::series(k),
            marker: None,
        })
        .collect();
    let names: Vec<String> = order
        .iter()
        .map(|o| format!("{}. {}", o.rank, plain(&o.name)))
        .collect();
    let labels = RowLabels::of(&names, width, 0.42, 44);
    frame::draw(
        TOTALS,
        width,
        80 + labels.row * n,
        "Total weighted score by option, stacked by criteria group",
        &legend,
        |area| -> DrawResult {
            let mut chart = ChartBuilder::on(area)
                .margin(10)
                .margin_right(20)
                .x_label_area_size(50)
                .y_label_area_size(labels.area)
                .build_cartesian_2d(0.0..x_max, (0..n - 1).into_segmented())?;
            chart
                .configure_mesh()
                .disable_y_mesh()
                .light_line_style(TRANSPARENT)
                .bold_line_style(palette::GRID)
                .x_desc("Weighted score (points out of 100)")
                .axis_desc_style(text_style(LABEL_SIZE))
                .label_style(text_style(TICK_SIZE))
                .y_labels(n as usize)
                .y_label_formatter(&|_| String::new())
                .draw()?;
            labels.draw(area, |row| {
                chart.backend_coord(&(0.0, SegmentValue::CenterOf(n - 1 - row as u32)))
            })?;
            for (row, o) in order.iter().enumerate() {
                let y = n - 1 - row as u32;
                let mut x0 = 0.0;
                for (k, (g, _)) in groups.iter().enumerate() {
                    let width = o.groups.get(*g).map_or(0.0, |s| s.contribution.max(0.0));
                    let mut bar = Rectangle::new(
                        [(x0, SegmentValue::Exact(y)), (x0 + width, top_of(n, y))],
                        palette::series(k).filled(),
                    );
                    bar.set_margin(7, 7, 0, 0);
                    chart.plotting_area().draw(&bar)?;
                    x0 += width;
                }
                chart.plotting_area().draw(&Text::new(
                    format!("{:.1}", o.total),
                    (x0 + x_max * 0.01, SegmentValue::CenterOf(y)),
                    text_style(TICK_SIZE).pos(Pos::new(HPos::Left, VPos::Center)),
                ))?;
            }
            Ok(())
        },
    )
}

/// A dot plot: one row per weighted criterion, one marker per option at the points that
/// criterion adds to the option's total.
pub fn contributions(r: &Results, width: u32) -> Result<Svg, ChartError> {
    contributions_of(
        r,
        width,
        "Points each criterion adds to each option's total",
        |_| true,
    )
}

/// The dot plot for the weighted criteria `include` accepts (by code), under `title`: a large
/// appraisal draws one per criteria group so that no chart has more rows than a page holds.
pub fn contributions_of(
    r: &Results,
    width: u32,
    title: &str,
    include: impl Fn(&str) -> bool,
) -> Result<Svg, ChartError> {
    no_options(CONTRIBUTIONS, r)?;
    let first = &r.options[0];
    let rows: Vec<(usize, &str)> = first
        .leaves
        .iter()
        .enumerate()
        .filter(|(_, l)| l.global_weight > 0.0 && include(&l.criterion))
        .map(|(i, l)| (i, l.name.as_str()))
        .collect();
    if rows.is_empty() {
        return Err(ChartError::NoData {
            chart: CONTRIBUTIONS,
            reason: "no criterion carries weight".to_owned(),
        });
    }
    let max = r
        .options
        .iter()
        .flat_map(|o| o.leaves.iter().map(|l| l.contribution))
        .fold(0.0, f64::max);
    let x_max = (max * 1.1).ceil().max(1.0);
    let n = rows.len() as u32;
    let legend: Vec<Key> = r
        .options
        .iter()
        .enumerate()
        .map(|(k, o)| Key {
            label: o.name.clone(),
            colour: palette::series(k),
            marker: Some(k),
        })
        .collect();
    let names: Vec<String> = rows.iter().map(|(_, name)| plain(name)).collect();
    let labels = RowLabels::of(&names, width, 0.42, 30);
    frame::draw(
        CONTRIBUTIONS,
        width,
        70 + labels.row * n,
        title,
        &legend,
        |area| -> DrawResult {
            let mut chart = ChartBuilder::on(area)
                .margin(10)
                .margin_right(20)
                .x_label_area_size(50)
                .y_label_area_size(labels.area)
                .build_cartesian_2d(0.0..x_max, (0..n - 1).into_segmented())?;
            chart
                .configure_mesh()
                .light_line_style(TRANSPARENT)
                .bold_line_style(palette::GRID)
                .x_desc("Contribution to the total (points)")
                .axis_desc_style(text_style(LABEL_SIZE))
                .label_style(text_style(TICK_SIZE))
                .y_labels(n as usize)
                .y_label_formatter(&|_| String::new())
                .draw()?;
            labels.draw(area, |row| {
                chart.backend_coord(&(0.0, SegmentValue::CenterOf(n - 1 - row as u32)))
            })?;
            for (k, o) in r.options.iter().enumerate() {
                let colour = palette::series(k);
                let points = rows.iter().enumerate().filter_map(|(row, (leaf, _))| {
                    o.leaves
                        .get(*leaf)
                        .map(|l| (l.contribution, SegmentValue::CenterOf(n - 1 - row as u32)))
                });
                chart.draw_series(
                    points.map(|p| EmptyElement::at(p) + marker::<SVGBackend>(k, (0, 0), colour)),
                )?;
            }
            Ok(())
        },
    )
}

/// Benefit (total weighted score) against cost (minus the NPV against do minimum), with the
/// efficiency frontier through the options no other option dominates.
pub fn value_for_money(r: &Results, width: u32) -> Result<Svg, ChartError> {
    no_options(VALUE_FOR_MONEY, r)?;
    let points: Vec<(usize, &OptionResult, f64)> = r
        .options
        .iter()
        .enumerate()
        .filter_map(|(k, o)| o.value_for_money.cost.map(|c| (k, o, c)))
        .collect();
    if points.is_empty() {
        return Err(ChartError::NoData {
            chart: VALUE_FOR_MONEY,
            reason: "no option has an NPV against do minimum".to_owned(),
        });
    }
    let (lo, hi) = points
        .iter()
        .fold((0.0f64, 0.0f64), |(lo, hi), p| (lo.min(p.2), hi.max(p.2)));
    let pad = ((hi - lo) * 0.12).max(1.0);
    let (x_lo, x_hi) = (lo - pad, hi + pad);
    let y_hi = (points.iter().map(|p| p.1.total).fold(0.0, f64::max) * 1.15 / 10.0)
        .ceil()
        .max(1.0)
        * 10.0;
    let mut frontier: Vec<(f64, f64)> = points
        .iter()
        .filter(|p| !p.1.value_for_money.dominated)
        .map(|p| (p.2, p.1.total))
        .collect();
    frontier.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut legend: Vec<Key> = points
        .iter()
        .map(|(k, o, _)| Key {
            label: format!("{}. {}", o.rank, o.name),
            colour: palette::series(*k),
            marker: Some(*k),
        })
        .collect();
    legend.push(Key {
        label: "Efficiency frontier".to_owned(),
        colour: palette::MUTED,
        marker: None,
    });
    frame::draw(
        VALUE_FOR_MONEY,
        width,
        frame::scaled(410, width),
        "Value for money: benefit against cost, with the efficiency frontier",
        &legend,
        |area| -> DrawResult {
            let mut chart = ChartBuilder::on(area)
                .margin(15)
                .x_label_area_size(50)
                .y_label_area_size(70)
                .build_cartesian_2d(x_lo..x_hi, 0.0..y_hi)?;
            chart
                .configure_mesh()
                .light_line_style(TRANSPARENT)
                .bold_line_style(palette::GRID)
                .x_desc("Cost: minus the NPV against do minimum (GBP m)")
                .y_desc("Benefit: total weighted score (points)")
                .axis_desc_style(text_style(LABEL_SIZE))
                .label_style(text_style(TICK_SIZE))
                .draw()?;
            chart.draw_series(LineSeries::new(
                frontier.iter().copied(),
                palette::MUTED.stroke_width(2),
            ))?;
            for (k, o, cost) in &points {
                let colour = palette::series(*k);
                chart.draw_series(std::iter::once(
                    EmptyElement::at((*cost, o.total))
                        + marker::<SVGBackend>(*k, (0, 0), colour)
                        + Text::new(
                            format!("{}", o.rank),
                            (9, -9),
                            text_style(TICK_SIZE).pos(Pos::new(HPos::Left, VPos::Bottom)),
                        ),
                ))?;
            }
            Ok(())
        },
    )
}
