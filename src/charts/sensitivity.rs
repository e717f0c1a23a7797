//! Charts of the sensitivity analysis: one-way weight lines with their switch points, the
//! tornado of the inputs that move the preferred option's lead most, and SMAA rank
//! acceptability.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::frame::{
    self, DrawResult, Key, LABEL_SIZE, MIN_TEXT_SIZE, RowLabels, TICK_SIZE, marker, text_style,
};
use super::{ChartError, Svg, palette, plain};
use crate::sensitivity::{NodeSensitivity, Report, SmaaResults, TornadoItem, TornadoKind};

pub const ONE_WAY: &str = "one-way sensitivity";
pub const TORNADO: &str = "tornado";
pub const ACCEPTABILITY: &str = "rank acceptability";

/// At most this many tornado bars: the rest move the lead less than the last one shown.
pub const TORNADO_ITEMS: usize = 12;

/// Option names by code, for labels.
fn option_name<'a>(r: &'a Report, code: &'a str) -> &'a str {
    r.options
        .iter()
        .find(|o| o.code == code)
        .map_or(code, |o| o.name.as_str())
}

/// Small multiples, one panel per node: each option's total as its weight moves from 0 to
/// 100% (siblings rescaled), the current weight as a dashed line and every switch point as a
/// black ring labelled with its weight. Two panels a row when `width` has room, else one.
pub fn one_way(r: &Report, nodes: &[&NodeSensitivity], width: u32) -> Result<Svg, ChartError> {
    if nodes.is_empty() || r.options.is_empty() {
        return Err(ChartError::NoData {
            chart: ONE_WAY,
            reason: "no weighted criterion or group to vary".to_owned(),
        });
    }
    let columns = if nodes.len() == 1 || width < 640 {
        1
    } else {
        2
    };
    let rows = nodes.len().div_ceil(columns);
    let panel_width = width / columns as u32;
    let captions: Vec<Vec<String>> = nodes
        .iter()
        .map(|node| {
            let title = format!("{} ({:.0}% now)", plain(&node.name), node.weight * 100.0);
            frame::wrap(
                &title,
                f64::from(panel_width) - 24.0,
                &text_style(LABEL_SIZE),
            )
        })
        .collect();
    let caption_lines = captions.iter().map(Vec::len).max().unwrap_or(1);
    let caption_height =
        (caption_lines as f64 * frame::line_height(LABEL_SIZE) + 8.0).ceil() as u32;
    let legend: Vec<Key> = r
        .options
        .iter()
        .enumerate()
        .map(|(k, o)| Key {
            label: if o.passes {
                o.name.clone()
            } else {
                format!("{} (fails a hurdle)", o.name)
            },
            colour: palette::series(k),
            marker: Some(k),
        })
        .collect();
    let height = 10 + (270 + caption_height) * rows as u32;
    frame::draw(
        ONE_WAY,
        width,
        height,
        "Each option's total as one weight moves from 0 to 100%",
        &legend,
        |area| -> DrawResult {
            let panels = area.split_evenly((rows, columns));
            for ((node, caption), panel) in nodes.iter().zip(&captions).zip(panels.iter()) {
                let (top, plot) = panel.split_vertically(caption_height);
                let centre = (top.dim_in_pixel().0 / 2) as i32;
                let style = text_style(LABEL_SIZE).pos(Pos::new(HPos::Center, VPos::Top));
                frame::draw_lines(&top, caption, (centre, 6), &style, false)?;
                one_way_panel(node, &plot)?;
            }
            Ok(())
        },
    )
}

fn one_way_panel(
    node: &NodeSensitivity,
    area: &DrawingArea<SVGBackend, plotters::coord::Shift>,
) -> DrawResult {
    let at = |l: &crate::sensitivity::Line, w: f64| l.intercept + l.slope * w;
    let (lo, hi) = node
        .lines
        .iter()
        .flat_map(|l| [at(l, 0.0), at(l, 1.0)])
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        });
    let y_lo = ((lo - 5.0) / 10.0).floor().max(0.0) * 10.0;
    let y_hi = ((hi + 5.0) / 10.0).ceil().clamp(1.0, 10.0) * 10.0;
    let mut c = ChartBuilder::on(area)
        .margin(8)
        .margin_right(16)
        .x_label_area_size(38)
        .y_label_area_size(48)
        .build_cartesian_2d(0.0..100.0, y_lo..y_hi)?;
    c.configure_mesh()
        .light_line_style(TRANSPARENT)
        .bold_line_style(palette::GRID)
        .x_labels(6)
        .y_labels(5)
        .x_label_formatter(&|x| format!("{x:.0}"))
        .y_label_formatter(&|y| format!("{y:.0}"))
        .x_desc("Weight (%)")
        .y_desc("Total")
        .axis_desc_style(text_style(TICK_SIZE))
        .label_style(text_style(MIN_TEXT_SIZE))
        .draw()?;
    c.draw_series(DashedLineSeries::new(
        [(node.weight * 100.0, y_lo), (node.weight * 100.0, y_hi)],
        5,
        4,
        palette::MUTED.stroke_width(1),
    ))?;
    for (k, line) in node.lines.iter().enumerate() {
        let colour = palette::series(k);
        let ends = [(0.0, at(line, 0.0)), (100.0, at(line, 1.0))];
        if line.passes {
            c.draw_series(LineSeries::new(ends, colour.stroke_width(2)))?;
        } else {
            c.draw_series(DashedLineSeries::new(ends, 6, 4, colour.stroke_width(2)))?;
        }
        let w = node.weight;
        c.draw_series(std::iter::once(
            EmptyElement::at((w * 100.0, at(line, w))) + marker::<SVGBackend>(k, (0, 0), colour),
        ))?;
    }
    for s in &node.switch_points {
        let y = node
            .lines
            .iter()
            .find(|l| l.option == s.to)
            .map_or(y_lo, |l| at(l, s.weight));
        c.draw_series(std::iter::once(
            EmptyElement::at((s.weight * 100.0, y))
                + Circle::new((0, 0), 7, palette::INK.stroke_width(2))
                + Text::new(
                    format!("{:.1}%", s.weight * 100.0),
                    (6, 10),
                    text_style(MIN_TEXT_SIZE).pos(Pos::new(HPos::Left, VPos::Top)),
                ),
        ))?;
    }
    Ok(())
}

/// The label of a tornado bar: which weight or which option's score moves, and its range;
/// `short` for the chart's axis (option codes), else option names for prose.
pub fn tornado_label(r: &Report, item: &TornadoItem, short: bool) -> String {
    // On the chart's axis a range wraps whole ("(2 to 6)"), with no-break spaces.
    let keep = |range: String| {
        if short {
            range.replace(' ', "\u{a0}")
        } else {
            range
        }
    };
    let criterion = r
        .one_way
        .iter()
        .find(|n| n.criterion == item.criterion)
        .map_or(item.criterion.as_str(), |n| n.name.as_str());
    match (&item.kind, &item.option) {
        (TornadoKind::Score, Some(option)) => {
            let who = if short {
                option.clone()
            } else {
                option_name(r, option).to_owned()
            };
            let range = format!(
                "({} to {})",
                super::number(item.low),
                super::number(item.high)
            );
            format!("{who} score on {} {}", plain(criterion), keep(range))
        }
        _ => {
            let range = format!(
                "({}% to {}%)",
                super::number(item.low * 100.0),
                super::number(item.high * 100.0)
            );
            format!("Weight of {} {}", plain(criterion), keep(range))
        }
    }
}

/// One bar per input from the lead at its low end to the lead at its high end, largest swing
/// at the top, about the base lead; below zero the preferred option loses its place.
pub fn tornado(r: &Report, width: u32) -> Result<Svg, ChartError> {
    let t = &r.tornado;
    let (Some(preferred), Some(base)) = (&t.preferred, t.base_lead) else {
        return Err(ChartError::NoData {
            chart: TORNADO,
            reason: t
                .note
                .clone()
                .unwrap_or_else(|| "no option is preferred, so there is no lead".to_owned()),
        });
    };
    let items: Vec<&TornadoItem> = t.items.iter().take(TORNADO_ITEMS).collect();
    if items.is_empty() {
        return Err(ChartError::NoData {
            chart: TORNADO,
            reason: "no weight or score moves the lead".to_owned(),
        });
    }
    let n = items.len() as u32;
    let (lo, hi) = items
        .iter()
        .flat_map(|i| [i.lead_low, i.lead_high])
        .fold((base.min(0.0), base.max(0.0)), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        });
    let pad = ((hi - lo) * 0.08).max(0.5);
    let legend = [
        Key {
            label: "Low end of the input".to_owned(),
            colour: palette::series(0),
            marker: None,
        },
        Key {
            label: "High end of the input".to_owned(),
            colour: palette::series(1),
            marker: None,
        },
    ];
    let title = format!(
        "What moves {}'s lead most (now {:.1} points)",
        option_name(r, preferred),
        base
    );
    let names: Vec<String> = items.iter().map(|i| tornado_label(r, i, true)).collect();
    let labels = RowLabels::of(&names, width, 0.5, 36);
    frame::draw(
        TORNADO,
        width,
        70 + labels.row * n,
        &title,
        &legend,
        |area| -> DrawResult {
            let mut c = ChartBuilder::on(area)
                .margin(10)
                .margin_right(20)
                .x_label_area_size(50)
                .y_label_area_size(labels.area)
                .build_cartesian_2d((lo - pad)..(hi + pad), (0..n - 1).into_segmented())?;
            c.configure_mesh()
                .disable_y_mesh()
                .light_line_style(TRANSPARENT)
                .bold_line_style(palette::GRID)
                .x_desc("Lead over the next-best option (points)")
                .axis_desc_style(text_style(LABEL_SIZE))
                .label_style(text_style(TICK_SIZE))
                .y_labels(n as usize)
                .y_label_formatter(&|_| String::new())
                .draw()?;
            labels.draw(area, |row| {
                c.backend_coord(&(lo - pad, SegmentValue::CenterOf(n - 1 - row as u32)))
            })?;
            for (row, item) in items.iter().enumerate() {
                let y = n - 1 - row as u32;
                let top = if y + 1 >= n {
                    SegmentValue::Last
                } else {
                    SegmentValue::Exact(y + 1)
                };
                for (end, colour) in [(item.lead_low, 0), (item.lead_high, 1)] {
                    let mut bar = Rectangle::new(
                        [(base, SegmentValue::Exact(y)), (end, top.clone())],
                        palette::series(colour).filled(),
                    );
                    bar.set_margin(6, 6, 0, 0);
                    c.plotting_area().draw(&bar)?;
                }
            }
            let top = SegmentValue::Last;
            for (x, style) in [
                (base, palette::INK.stroke_width(2)),
                (0.0, palette::MUTED.stroke_width(1)),
            ] {
                c.draw_series(LineSeries::new(
                    [(x, SegmentValue::Exact(0)), (x, top.clone())],
                    style,
                ))?;
            }
            Ok(())
        },
    )
}

/// One bar per option split into the share of draws giving it each rank (rank 1 darkest),
/// options in order of their first-rank acceptability.
pub fn rank_acceptability(s: &SmaaResults, title: &str, width: u32) -> Result<Svg, ChartError> {
    if s.options.is_empty() || s.samples == 0 {
        return Err(ChartError::NoData {
            chart: ACCEPTABILITY,
            reason: "SMAA drew no samples".to_owned(),
        });
    }
    let mut order: Vec<_> = s.options.iter().collect();
    order.sort_by(|a, b| {
        let first = |o: &crate::sensitivity::SmaaOption| o.acceptability[0].value;
        first(b).total_cmp(&first(a))
    });
    let ranks = order
        .iter()
        .map(|o| o.acceptability.len())
        .max()
        .unwrap_or(0);
    let n = order.len() as u32;
    let legend: Vec<Key> = (0..ranks)
        .map(|r| Key {
            label: format!("Rank {}", r + 1),
            colour: rank_colour(r, ranks),
            marker: None,
        })
        .collect();
    let names: Vec<String> = order
        .iter()
        .map(|o| {
            if o.passes {
                plain(&o.name)
            } else {
                format!("{} (fails)", plain(&o.name))
            }
        })
        .collect();
    let labels = RowLabels::of(&names, width, 0.42, 44);
    frame::draw(
        ACCEPTABILITY,
        width,
        70 + labels.row * n,
        title,
        &legend,
        |area| -> DrawResult {
            let mut c = ChartBuilder::on(area)
                .margin(10)
                .margin_right(25)
                .x_label_area_size(50)
                .y_label_area_size(labels.area)
                .build_cartesian_2d(0.0..100.0, (0..n - 1).into_segmented())?;
            c.configure_mesh()
                .disable_y_mesh()
                .light_line_style(TRANSPARENT)
                .bold_line_style(palette::GRID)
                .x_desc("Share of the draws (%)")
                .axis_desc_style(text_style(LABEL_SIZE))
                .label_style(text_style(TICK_SIZE))
                .y_labels(n as usize)
                .y_label_formatter(&|_| String::new())
                .draw()?;
            labels.draw(area, |row| {
                c.backend_coord(&(0.0, SegmentValue::CenterOf(n - 1 - row as u32)))
            })?;
            for (row, o) in order.iter().enumerate() {
                let y = n - 1 - row as u32;
                let top = if y + 1 >= n {
                    SegmentValue::Last
                } else {
                    SegmentValue::Exact(y + 1)
                };
                let mut x0 = 0.0;
                for (rank, share) in o.acceptability.iter().enumerate() {
                    let span = (share.value * 100.0).min(100.0 - x0).max(0.0);
                    if span <= 0.0 {
                        continue;
                    }
                    let mut bar = Rectangle::new(
                        [(x0, SegmentValue::Exact(y)), (x0 + span, top.clone())],
                        rank_colour(rank, ranks).filled(),
                    );
                    bar.set_margin(7, 7, 0, 0);
                    c.plotting_area().draw(&bar)?;
                    let text = format!("{:.0}%", share.value * 100.0);
                    let style = text_style(MIN_TEXT_SIZE);
                    let pixels = c.backend_coord(&(x0 + span, SegmentValue::Exact(y))).0
                        - c.backend_coord(&(x0, SegmentValue::Exact(y))).0;
                    // The share is printed where it fits inside its segment.
                    if f64::from(pixels) >= frame::measure(&text, &style) + 6.0 {
                        let ink = if rank_shade(rank, ranks) < 4 {
                            WHITE
                        } else {
                            palette::INK
                        };
                        c.plotting_area().draw(&Text::new(
                            text,
                            (x0 + span / 2.0, SegmentValue::CenterOf(y)),
                            style.color(&ink).pos(Pos::new(HPos::Center, VPos::Center)),
                        ))?;
                    }
                    x0 += span;
                }
            }
            Ok(())
        },
    )
}

/// ColorBrewer's sequential Blues (Brewer 2003), dark to light: rank order reads at a glance
/// and survives colour-vision deficiency and greyscale printing.
const BLUES: [RGBColor; 8] = [
    RGBColor(8, 48, 107),
    RGBColor(8, 81, 156),
    RGBColor(33, 113, 181),
    RGBColor(66, 146, 198),
    RGBColor(107, 174, 214),
    RGBColor(158, 202, 225),
    RGBColor(198, 219, 239),
    RGBColor(222, 235, 247),
];

/// Index into [`BLUES`] of `rank` (0 = first) of `ranks`, spread over the whole ramp.
fn rank_shade(rank: usize, ranks: usize) -> usize {
    if ranks <= 1 {
        return 0;
    }
    let last = (BLUES.len() - 1) as f64;
    ((rank as f64 / (ranks - 1) as f64) * last).round() as usize
}

pub fn rank_colour(rank: usize, ranks: usize) -> RGBColor {
    BLUES[rank_shade(rank, ranks).min(BLUES.len() - 1)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_spread_over_the_blues_dark_to_light() {
        assert_eq!(rank_colour(0, 5), BLUES[0]);
        assert_eq!(rank_colour(4, 5), BLUES[7]);
        assert_eq!(rank_shade(2, 5), 4);
        assert_eq!(rank_colour(0, 1), BLUES[0]);
        assert_eq!(rank_colour(19, 20), BLUES[7]);
    }
}
