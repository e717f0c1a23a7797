//! What every chart shares: a white SVG canvas with the embedded font, a title, and a legend
//! strip beneath the plot (outside it, so the legend never hides data).

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{ChartError, Svg, font, palette};

/// Width of every chart in SVG units; the pack scales it to the text width.
pub const WIDTH: u32 = 720;
pub const TITLE_SIZE: f64 = 21.0;
/// Titles shrink to fit, but no further than this; keep titles under about 95 characters.
pub const MIN_TITLE_SIZE: f64 = 13.0;
pub const LABEL_SIZE: f64 = 16.0;
pub const TICK_SIZE: f64 = 14.0;

pub type DrawResult = Result<(), Box<dyn std::error::Error>>;

/// A legend entry: its label and colour.
pub struct Key {
    pub label: String,
    pub colour: RGBColor,
    /// The series' marker shape (see [`marker`]); a filled swatch when none.
    pub marker: Option<usize>,
}

/// Marker shapes so series differ by shape as well as colour.
pub fn marker<DB: DrawingBackend>(
    k: usize,
    at: (i32, i32),
    colour: RGBColor,
) -> DynElement<'static, DB, (i32, i32)> {
    let style = colour.filled();
    match k % 4 {
        0 => Circle::new(at, 6, style).into_dyn(),
        1 => TriangleMarker::new(at, 7, style).into_dyn(),
        2 => Rectangle::new([(at.0 - 5, at.1 - 5), (at.0 + 5, at.1 + 5)], style).into_dyn(),
        _ => Cross::new(at, 6, colour.stroke_width(3)).into_dyn(),
    }
}

pub fn text_style(size: f64) -> TextStyle<'static> {
    (font::FAMILY, size).into_font().color(&palette::INK)
}

/// Draws a chart: title at the top, legend at the foot, `plot` in between.
pub fn draw(
    chart: &'static str,
    height: u32,
    title: &str,
    legend: &[Key],
    plot: impl FnOnce(&DrawingArea<SVGBackend, Shift>) -> DrawResult,
) -> Result<Svg, ChartError> {
    if !font::register() {
        return Err(ChartError::Font);
    }
    let fail = |e: Box<dyn std::error::Error>| ChartError::Draw {
        chart,
        message: e.to_string(),
    };
    let rows = legend_rows(legend);
    let legend_height = (rows.len() as u32) * 24 + if rows.is_empty() { 0 } else { 8 };
    let mut svg = String::new();
    {
        let root =
            SVGBackend::with_string(&mut svg, (WIDTH, height + legend_height)).into_drawing_area();
        let result: DrawResult = (|| {
            root.fill(&WHITE)?;
            let titled = root.titled(
                title,
                (font::FAMILY, title_size(title), FontStyle::Bold)
                    .into_font()
                    .color(&palette::INK),
            )?;
            let plot_height = titled.dim_in_pixel().1.saturating_sub(legend_height);
            let (upper, lower) = titled.split_vertically(plot_height as i32);
            plot(&upper)?;
            draw_legend(&lower, &rows)?;
            root.present()?;
            Ok(())
        })();
        result.map_err(fail)?;
    }
    Ok(super::svg_text::with_fallback_fonts(&svg))
}

/// The title's font size: [`TITLE_SIZE`], or smaller so a long title still fits the width
/// (DejaVu Sans Bold averages about 0.56 em a character in mixed-case titles, leaving room
/// for a browser's slightly wider rendering).
pub fn title_size(title: &str) -> f64 {
    let fits = (f64::from(WIDTH) - 24.0) / (title.chars().count().max(1) as f64 * 0.56);
    fits.clamp(MIN_TITLE_SIZE, TITLE_SIZE)
}

/// Lays the legend's entries out in rows that fit the chart's width.
fn legend_rows(legend: &[Key]) -> Vec<Vec<&Key>> {
    let mut rows: Vec<Vec<&Key>> = Vec::new();
    let mut used = 0.0;
    for key in legend {
        let width = item_width(&key.label);
        match rows.last_mut() {
            Some(row) if used + width <= f64::from(WIDTH) - 20.0 => {
                row.push(key);
                used += width;
            }
            _ => {
                rows.push(vec![key]);
                used = width;
            }
        }
    }
    rows
}

/// DejaVu Sans averages about 0.55 em a character; a swatch and gap come before the text.
fn item_width(label: &str) -> f64 {
    30.0 + label.chars().count() as f64 * LABEL_SIZE * 0.55 + 18.0
}

fn draw_legend(area: &DrawingArea<SVGBackend, Shift>, rows: &[Vec<&Key>]) -> DrawResult {
    let style = text_style(LABEL_SIZE - 1.0).pos(Pos::new(HPos::Left, VPos::Center));
    for (r, row) in rows.iter().enumerate() {
        let y = 12 + 24 * r as i32;
        let mut x = 20.0;
        for key in row {
            let xi = x as i32;
            match key.marker {
                Some(k) => {
                    area.draw(&PathElement::new(
                        vec![(xi, y), (xi + 20, y)],
                        key.colour.stroke_width(2),
                    ))?;
                    area.draw(&marker::<SVGBackend>(k, (xi + 10, y), key.colour))?;
                }
                None => area.draw(&Rectangle::new(
                    [(xi, y - 7), (xi + 20, y + 7)],
                    key.colour.filled(),
                ))?,
            }
            area.draw(&Text::new(key.label.clone(), (xi + 28, y), style.clone()))?;
            x += item_width(&key.label);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_titles_shrink_to_fit_the_width() {
        assert_eq!(title_size("Liquidity by year"), TITLE_SIZE);
        let long = "x".repeat(90);
        let size = title_size(&long);
        assert!(size < TITLE_SIZE);
        assert!(90.0 * 0.56 * size <= f64::from(WIDTH) - 24.0 + 1e-9);
        assert_eq!(title_size(&"x".repeat(400)), MIN_TITLE_SIZE);
    }
}
