//! Charts of the travel engine: the cumulative share of the population against journey time
//! per option, and the change in journey time by IMD quintile.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::frame::{self, DrawResult, Key, LABEL_SIZE, MIN_TEXT_SIZE, TICK_SIZE, text_style};
use super::{ChartError, Svg, palette};
use crate::model::TravelMode;
use crate::travel::{OptionTravel, ServiceTravel, TravelResults};

pub const ACCESS: &str = "access curve";
pub const QUINTILE_CHANGE: &str = "change by IMD quintile";
pub const QUINTILE_WORSE: &str = "people worse off by IMD quintile";

/// "by car (off-peak)", "by blue light" and so on, for titles.
pub fn by_mode(mode: TravelMode) -> &'static str {
    match mode {
        TravelMode::Car => "by car (off-peak)",
        TravelMode::CarPeak => "by car at peak",
        TravelMode::BlueLight => "by blue-light ambulance",
        TravelMode::PublicTransport => "by public transport",
    }
}

/// Quintile axis labels, 1 = most deprived.
fn quintile_label(q: usize) -> String {
    match q {
        1 => "1 (most deprived)".to_owned(),
        5 => "5 (least deprived)".to_owned(),
        _ => q.to_string(),
    }
}

/// Options whose curves are identical share one line and one legend entry, so a line drawn
/// over another never hides an option: (palette index, names, the option).
fn curve_groups(s: &ServiceTravel) -> Vec<(usize, Vec<&str>, &OptionTravel)> {
    let mut groups: Vec<(usize, Vec<&str>, &OptionTravel)> = Vec::new();
    for (k, o) in s.options.iter().enumerate() {
        if o.curve.is_empty() {
            continue;
        }
        match groups.iter_mut().find(|g| g.2.curve == o.curve) {
            Some(g) => g.1.push(o.name.as_str()),
            None => groups.push((k, vec![o.name.as_str()], o)),
        }
    }
    groups
}

/// The cumulative share of the population (%) living within each journey time of the nearest
/// site offering the service, one step line per option, with the service's threshold marked.
pub fn access_curve(s: &ServiceTravel, width: u32) -> Result<Svg, ChartError> {
    let groups = curve_groups(s);
    if groups.is_empty() {
        return Err(ChartError::NoData {
            chart: ACCESS,
            reason: format!(
                "no option has a journey time to {} {}",
                s.name,
                by_mode(s.mode)
            ),
        });
    }
    let longest = groups
        .iter()
        .filter_map(|g| g.2.curve.last().map(|p| p.minutes))
        .fold(s.threshold_minutes.unwrap_or(0.0), f64::max);
    let x_max = (longest * 1.08 / 10.0).ceil().max(1.0) * 10.0;
    let legend: Vec<Key> = groups
        .iter()
        .map(|(k, names, _)| Key {
            label: names.join(" = "),
            colour: palette::series(*k),
            marker: None,
        })
        .collect();
    let title = format!(
        "Population within each journey time to {} {}",
        s.name,
        by_mode(s.mode)
    );
    let height = frame::scaled(390, width);
    frame::draw(
        ACCESS,
        width,
        height,
        &title,
        &legend,
        |area| -> DrawResult {
            let mut c = ChartBuilder::on(area)
                .margin(15)
                .margin_right(30)
                .x_label_area_size(50)
                .y_label_area_size(70)
                .build_cartesian_2d(0.0..x_max, 0.0..102.0)?;
            c.configure_mesh()
                .light_line_style(TRANSPARENT)
                .bold_line_style(palette::GRID)
                .x_desc("Journey time to the nearest site (minutes)")
                .y_desc("Population within the time (%)")
                .axis_desc_style(text_style(LABEL_SIZE))
                .label_style(text_style(TICK_SIZE))
                .draw()?;
            if let Some(t) = s.threshold_minutes {
                c.draw_series(DashedLineSeries::new(
                    [(t, 0.0), (t, 100.0)],
                    6,
                    4,
                    palette::INK.stroke_width(1),
                ))?;
                c.draw_series(std::iter::once(Text::new(
                    format!("threshold {} min", super::number(t)),
                    (t + x_max * 0.01, 4.0),
                    text_style(TICK_SIZE).pos(Pos::new(HPos::Left, VPos::Bottom)),
                )))?;
            }
            // Widest first, so a line that coincides in part with another still shows beneath it.
            for (i, (k, _, o)) in groups.iter().enumerate() {
                let width = 2 + 2 * (groups.len() - 1 - i) as u32;
                c.draw_series(LineSeries::new(
                    steps(o),
                    palette::series(*k).stroke_width(width),
                ))?;
            }
            Ok(())
        },
    )
}

/// The step function through the curve's points: flat at each share until the next time.
fn steps(o: &OptionTravel) -> Vec<(f64, f64)> {
    let mut points = vec![(0.0, 0.0)];
    let mut share = 0.0;
    for p in &o.curve {
        points.push((p.minutes, share));
        points.push((p.minutes, p.share));
        share = p.share;
    }
    points
}

/// Options compared with do minimum: every option but the baseline.
fn compared<'a>(r: &TravelResults, s: &'a ServiceTravel) -> Vec<(usize, &'a OptionTravel)> {
    s.options
        .iter()
        .enumerate()
        .filter(|(_, o)| r.baseline.as_deref() != Some(o.option.as_str()))
        .collect()
}

/// Mean change in journey time against do minimum (minutes) by IMD quintile, one bar per
/// option: who bears a longer journey.
pub fn change_by_quintile(
    r: &TravelResults,
    s: &ServiceTravel,
    width: u32,
) -> Result<Svg, ChartError> {
    if r.baseline.is_none() {
        return Err(ChartError::NoData {
            chart: QUINTILE_CHANGE,
            reason: "there is no do-minimum option to measure changes against".to_owned(),
        });
    }
    let bars: Vec<(usize, &str, Vec<Option<f64>>)> = compared(r, s)
        .into_iter()
        .map(|(k, o)| {
            let values = o.quintiles.iter().map(|q| q.mean_change).collect();
            (k, o.name.as_str(), values)
        })
        .collect();
    let title = format!(
        "{} {}: mean change in journey time by IMD quintile",
        s.name,
        by_mode(s.mode)
    );
    grouped_bars(
        QUINTILE_CHANGE,
        width,
        &title,
        "Mean change (minutes)",
        &bars,
        |v| format!("{v:+.1}"),
    )
}

/// The share (%) of each IMD quintile's population whose journey to at least one service
/// grows by more than the increase setting, one bar per option.
pub fn worse_by_quintile(
    r: &TravelResults,
    mode: TravelMode,
    width: u32,
) -> Result<Svg, ChartError> {
    let Some(any) = r.any_service.iter().find(|a| a.mode == mode) else {
        return Err(ChartError::NoData {
            chart: QUINTILE_WORSE,
            reason: "there is no do-minimum option to measure changes against".to_owned(),
        });
    };
    let Some(first) = r.services.iter().find(|s| s.mode == mode) else {
        return Err(ChartError::NoData {
            chart: QUINTILE_WORSE,
            reason: "the appraisal has no services".to_owned(),
        });
    };
    let population: Vec<f64> = first
        .options
        .first()
        .map(|o| o.quintiles.iter().map(|q| q.population).collect())
        .unwrap_or_default();
    let bars: Vec<(usize, &str, Vec<Option<f64>>)> = any
        .options
        .iter()
        .enumerate()
        .filter(|(_, o)| r.baseline.as_deref() != Some(o.option.as_str()))
        .filter_map(|(k, o)| {
            let name = first.options.get(k).map(|t| t.name.as_str())?;
            let shares = o
                .quintiles
                .iter()
                .zip(&population)
                .map(|(worse, pop)| (*pop > 0.0).then(|| worse / pop * 100.0))
                .collect();
            Some((k, name, shares))
        })
        .collect();
    let title = format!(
        "Journeys over {} min longer to any service {}, by IMD quintile",
        super::number(r.increase_minutes),
        by_mode(mode)
    );
    grouped_bars(
        QUINTILE_WORSE,
        width,
        &title,
        "Share of the quintile's population (%)",
        &bars,
        |v| format!("{v:.0}%"),
    )
}

/// Vertical bars grouped by IMD quintile (x), one bar per series, value printed on each bar.
fn grouped_bars(
    chart: &'static str,
    width: u32,
    title: &str,
    y_desc: &str,
    bars: &[(usize, &str, Vec<Option<f64>>)],
    label: impl Fn(f64) -> String,
) -> Result<Svg, ChartError> {
    if bars.is_empty() {
        return Err(ChartError::NoData {
            chart,
            reason: "there is no option other than do minimum".to_owned(),
        });
    }
    let values = || bars.iter().flat_map(|b| b.2.iter().flatten().copied());
    if values().next().is_none() {
        return Err(ChartError::NoData {
            chart,
            reason: "no quintile has a measured change".to_owned(),
        });
    }
    let (lo, hi) = values().fold((0.0f64, 0.0f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let pad = ((hi - lo) * 0.2).max(1.0);
    let (y_lo, y_hi) = (if lo < 0.0 { lo - pad } else { 0.0 }, hi + pad);
    let legend: Vec<Key> = bars
        .iter()
        .map(|(k, name, _)| Key {
            label: (*name).to_owned(),
            colour: palette::series(*k),
            marker: None,
        })
        .collect();
    let quintiles = bars.iter().map(|b| b.2.len()).max().unwrap_or(0);
    let x_max = quintiles as f64;
    let slot = 0.8 / bars.len() as f64;
    frame::draw(
        chart,
        width,
        frame::scaled(370, width),
        title,
        &legend,
        |area| -> DrawResult {
            let mut c = ChartBuilder::on(area)
                .margin(15)
                .x_label_area_size(50)
                .y_label_area_size(70)
                .build_cartesian_2d(0.0..x_max, y_lo..y_hi)?;
            c.configure_mesh()
                .disable_x_mesh()
                .light_line_style(TRANSPARENT)
                .bold_line_style(palette::GRID)
                .x_desc("IMD quintile")
                .y_desc(y_desc)
                // Ticks fall every half quintile; only the centres carry a label.
                .x_labels(2 * quintiles + 1)
                .x_label_formatter(&|x| {
                    if (x.fract() - 0.5).abs() < 1e-6 {
                        quintile_label(x.floor() as usize + 1)
                    } else {
                        String::new()
                    }
                })
                .axis_desc_style(text_style(LABEL_SIZE))
                .label_style(text_style(TICK_SIZE))
                .draw()?;
            c.draw_series(LineSeries::new(
                [(0.0, 0.0), (x_max, 0.0)],
                palette::INK.stroke_width(1),
            ))?;
            for (b, (k, _, values)) in bars.iter().enumerate() {
                let colour = palette::series(*k);
                for (q, v) in values.iter().enumerate() {
                    let x0 = q as f64 + 0.1 + slot * b as f64;
                    let Some(v) = v else { continue };
                    if v.abs() < 0.05 {
                        continue;
                    }
                    c.draw_series(std::iter::once(Rectangle::new(
                        [(x0, 0.0), (x0 + slot * 0.9, *v)],
                        colour.filled(),
                    )))?;
                    // The value over (or under) its bar, across it where it fits the bar's
                    // width, else up the bar's axis.
                    let text = label(*v);
                    let style = text_style(MIN_TEXT_SIZE);
                    let bar =
                        c.backend_coord(&(x0 + slot * 0.9, 0.0)).0 - c.backend_coord(&(x0, 0.0)).0;
                    let style = if frame::measure(&text, &style) <= f64::from(bar) + 4.0 {
                        let anchor = if *v < 0.0 { VPos::Top } else { VPos::Bottom };
                        style.pos(Pos::new(HPos::Center, anchor))
                    } else {
                        let anchor = if *v < 0.0 { HPos::Right } else { HPos::Left };
                        let style = style.transform(FontTransform::Rotate270);
                        style.pos(Pos::new(anchor, VPos::Center))
                    };
                    c.draw_series(std::iter::once(Text::new(
                        text,
                        (x0 + slot * 0.45, *v),
                        style,
                    )))?;
                }
            }
            Ok(())
        },
    )
}
