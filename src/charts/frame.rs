//! What every chart shares: a white SVG canvas with the embedded font, a title, and a legend
//! beneath the plot (outside it, so the legend never hides data), laid out for the width the
//! chart is drawn at. Text keeps its size at every width (the window draws a chart at the width
//! it shows it, so the text is shown at its drawn size); titles, legend entries and axis names
//! wrap onto more lines rather than shrink or lose words.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{ChartError, Svg, font, palette};

/// Width of every chart in the pack, in SVG units; the pack scales it to the text width.
pub const PACK_WIDTH: u32 = 720;
/// The widths a chart may be drawn at: narrower leaves no room for a plot beside its labels.
pub const WIDTHS: std::ops::RangeInclusive<u32> = 320..=2400;

// Plotters writes a text of size `s` with `font-size` s / 1.24 (and measures it a little
// wider, as DejaVu's ascent plus descent): the sizes below are plotters' sizes, and the
// smallest, 15, is 12.1 px in the SVG.
pub const TITLE_SIZE: f64 = 21.0;
pub const LABEL_SIZE: f64 = 16.0;
pub const TICK_SIZE: f64 = 15.0;
/// The smallest text any chart draws: 12.1 px.
pub const MIN_TEXT_SIZE: f64 = 15.0;

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

/// Text of `size` in the chart font (registered first: a style made before that cannot
/// measure its text).
pub fn text_style(size: f64) -> TextStyle<'static> {
    font::register();
    (font::FAMILY, size).into_font().color(&palette::INK)
}

fn title_style() -> TextStyle<'static> {
    font::register();
    (font::FAMILY, TITLE_SIZE, FontStyle::Bold)
        .into_font()
        .color(&palette::INK)
}

/// The distance between the baselines of two lines of text of `size`.
pub fn line_height(size: f64) -> f64 {
    size * 1.1
}

/// The width `text` takes in `style`, as plotters measures it (a little wider than a browser
/// draws it). Falls back on an average character width if the font cannot be read.
pub fn measure(text: &str, style: &TextStyle) -> f64 {
    style.font.box_size(text).map_or(
        text.chars().count() as f64 * style.font.get_size() * 0.55,
        |(w, _)| f64::from(w),
    )
}

/// `text` broken at its spaces into lines no wider than `max` (a no-break space holds its
/// words together); a word wider than `max` on its own is broken between characters. Every
/// character is kept.
pub fn wrap(text: &str, max: f64, style: &TextStyle) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let joined = if line.is_empty() {
            word.to_owned()
        } else {
            format!("{line} {word}")
        };
        if measure(&joined, style) <= max {
            line = joined;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        for c in word.chars() {
            line.push(c);
            if measure(&line, style) > max && line.chars().count() > 1 {
                line.pop();
                lines.push(std::mem::replace(&mut line, c.to_string()));
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Draws `lines` of text one under the other, the first at `at` (in `area`'s pixels) and the
/// block centred on it vertically when `centred`.
pub fn draw_lines(
    area: &DrawingArea<SVGBackend, Shift>,
    lines: &[String],
    at: (i32, i32),
    style: &TextStyle,
    centred: bool,
) -> DrawResult {
    let step = line_height(style.font.get_size());
    let first = if centred {
        f64::from(at.1) - step * (lines.len().saturating_sub(1)) as f64 / 2.0
    } else {
        f64::from(at.1)
    };
    for (i, line) in lines.iter().enumerate() {
        let y = (first + step * i as f64).round() as i32;
        area.draw(&Text::new(line.clone(), (at.0, y), style.clone()))?;
    }
    Ok(())
}

/// The names down the side of a bar or dot chart, wrapped to a share of the chart's width.
pub struct RowLabels {
    /// Each row's lines, top row first.
    pub lines: Vec<Vec<String>>,
    /// The width of the label area beside the plot.
    pub area: u32,
    /// The height of each row: enough for the longest label's lines, at least the minimum.
    pub row: u32,
}

/// Gap between a row label and the plot (room for the tick).
const LABEL_GAP: f64 = 14.0;

impl RowLabels {
    /// `labels` (top row first) laid out for a chart `width` wide in rows at least `row` high,
    /// taking at most `share` of the width.
    pub fn of(labels: &[String], width: u32, share: f64, row: u32) -> RowLabels {
        let style = text_style(TICK_SIZE);
        let cap = (f64::from(width) * share).max(120.0);
        let widest = labels
            .iter()
            .map(|l| measure(l, &style))
            .fold(0.0, f64::max);
        let area = (widest + LABEL_GAP + 6.0).min(cap);
        let lines: Vec<Vec<String>> = labels
            .iter()
            .map(|l| wrap(l, area - LABEL_GAP - 6.0, &style))
            .collect();
        let most = lines.iter().map(Vec::len).max().unwrap_or(1) as f64;
        let needed = (most * line_height(TICK_SIZE) + 10.0).ceil() as u32;
        RowLabels {
            lines,
            area: area.ceil() as u32,
            row: row.max(needed),
        }
    }

    /// Draws the labels on `area` (the chart's whole area), each right-aligned beside the
    /// plot and centred on its row: `at(row)` is the backend pixel of the plot's left edge at
    /// the row's centre.
    pub fn draw(
        &self,
        area: &DrawingArea<SVGBackend, Shift>,
        at: impl Fn(usize) -> (i32, i32),
    ) -> DrawResult {
        let style = text_style(TICK_SIZE).pos(Pos::new(HPos::Right, VPos::Center));
        let (x0, y0) = area.get_base_pixel();
        for (row, lines) in self.lines.iter().enumerate() {
            let (x, y) = at(row);
            let at = (x - LABEL_GAP as i32 - x0, y - y0);
            draw_lines(area, lines, at, &style, true)?;
        }
        Ok(())
    }
}

/// A plot height for a chart `width` wide that is `pack` high in the pack: a little shorter
/// when narrow and taller when wide, as the text stays the same size.
pub fn scaled(pack: u32, width: u32) -> u32 {
    let ratio = (f64::from(width) / f64::from(PACK_WIDTH)).clamp(0.8, 1.25);
    (f64::from(pack) * ratio).round() as u32
}

/// `width` within [`WIDTHS`].
pub fn clamp_width(width: u32) -> u32 {
    width.clamp(*WIDTHS.start(), *WIDTHS.end())
}

/// Draws a chart `width` wide: title at the top, the plot `plot_height` high beneath it and
/// the legend at the foot.
pub fn draw(
    chart: &'static str,
    width: u32,
    plot_height: u32,
    title: &str,
    legend: &[Key],
    plot: impl FnOnce(&DrawingArea<SVGBackend, Shift>) -> DrawResult,
) -> Result<Svg, ChartError> {
    if !font::register() {
        return Err(ChartError::Font);
    }
    let width = clamp_width(width);
    let fail = |e: Box<dyn std::error::Error>| ChartError::Draw {
        chart,
        message: e.to_string(),
    };
    let title_lines = wrap(
        &super::plain(title),
        f64::from(width) - 24.0,
        &title_style(),
    );
    let title_height = (title_lines.len() as f64 * line_height(TITLE_SIZE) + 12.0).ceil() as u32;
    let rows = legend_rows(legend, width);
    let legend_height =
        rows.iter().map(|r| r.height).sum::<u32>() + if rows.is_empty() { 0 } else { 8 };
    let mut svg = String::new();
    {
        let size = (width, title_height + plot_height + legend_height);
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        let result: DrawResult = (|| {
            root.fill(&WHITE)?;
            let centre = (width / 2) as i32;
            let style = title_style().pos(Pos::new(HPos::Center, VPos::Top));
            draw_lines(&root, &title_lines, (centre, 6), &style, false)?;
            let (_, below) = root.split_vertically(title_height);
            let (upper, lower) = below.split_vertically(plot_height);
            plot(&upper)?;
            draw_legend(&lower, &rows)?;
            root.present()?;
            Ok(())
        })();
        result.map_err(fail)?;
    }
    Ok(super::svg_text::with_fallback_fonts(&svg))
}

/// One legend entry placed: its left edge and its label's lines.
struct Placed<'a> {
    key: &'a Key,
    x: f64,
    lines: Vec<String>,
}

/// A row of the legend and its height.
struct LegendRow<'a> {
    items: Vec<Placed<'a>>,
    height: u32,
}

/// Swatch and gap before an entry's label, and the gap after it.
const SWATCH: f64 = 28.0;
const AFTER: f64 = 20.0;
const LEGEND_MARGIN: f64 = 20.0;

/// Lays the legend's entries out in rows that fit `width`: an entry too long for a row of its
/// own wraps onto more lines, whole.
fn legend_rows(legend: &[Key], width: u32) -> Vec<LegendRow<'_>> {
    let style = text_style(LABEL_SIZE);
    let room = f64::from(width) - 2.0 * LEGEND_MARGIN;
    let mut rows: Vec<LegendRow> = Vec::new();
    let mut used = 0.0;
    for key in legend {
        let label = super::plain(&key.label);
        let text = measure(&label, &style);
        let lines = wrap(&label, room - SWATCH, &style);
        let item = SWATCH + text.min(room - SWATCH) + AFTER;
        let height = (lines.len() as f64 * line_height(LABEL_SIZE) + 8.0).ceil() as u32;
        match rows.last_mut() {
            Some(row) if lines.len() == 1 && used + item - AFTER <= room => {
                row.items.push(Placed {
                    key,
                    x: LEGEND_MARGIN + used,
                    lines,
                });
                row.height = row.height.max(height);
                used += item;
            }
            _ => {
                rows.push(LegendRow {
                    items: vec![Placed {
                        key,
                        x: LEGEND_MARGIN,
                        lines,
                    }],
                    height,
                });
                used = item;
            }
        }
    }
    rows
}

fn draw_legend(area: &DrawingArea<SVGBackend, Shift>, rows: &[LegendRow]) -> DrawResult {
    let style = text_style(LABEL_SIZE).pos(Pos::new(HPos::Left, VPos::Center));
    let mut top = 0;
    for row in rows {
        let y = top + (line_height(LABEL_SIZE) / 2.0 + 4.0).round() as i32;
        for placed in &row.items {
            let xi = placed.x as i32;
            let colour = placed.key.colour;
            match placed.key.marker {
                Some(k) => {
                    area.draw(&PathElement::new(
                        vec![(xi, y), (xi + 20, y)],
                        colour.stroke_width(2),
                    ))?;
                    area.draw(&marker::<SVGBackend>(k, (xi + 10, y), colour))?;
                }
                None => area.draw(&Rectangle::new(
                    [(xi, y - 7), (xi + 20, y + 7)],
                    colour.filled(),
                ))?,
            }
            draw_lines(area, &placed.lines, (xi + SWATCH as i32, y), &style, false)?;
        }
        top += row.height as i32;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_wraps_between_words_and_keeps_every_word() {
        let style = text_style(LABEL_SIZE);
        let name = "Integrated care organisation with community services and social care";
        let lines = wrap(name, 300.0, &style);
        assert!(lines.len() >= 2, "{lines:?}");
        assert!(
            lines.iter().all(|l| measure(l, &style) <= 300.0),
            "{lines:?}"
        );
        assert_eq!(lines.join(" "), name);
        assert_eq!(wrap("Merger", 300.0, &style), ["Merger"]);
        let long = "x".repeat(80);
        let broken = wrap(&long, 200.0, &style);
        assert!(broken.len() >= 2 && broken.concat() == long, "{broken:?}");
    }

    #[test]
    fn legend_entries_share_rows_until_one_is_too_long() {
        let key = |label: &str| Key {
            label: label.to_owned(),
            colour: palette::series(0),
            marker: None,
        };
        let legend = [
            key("Rank 1"),
            key("Rank 2"),
            key("Integrated care organisation with community services and social care"),
        ];
        let rows = legend_rows(&legend, 400);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].items.len(), 2);
        assert!(rows[1].items[0].lines.len() >= 2);
        assert!(rows[1].height > rows[0].height);
        assert_eq!(legend_rows(&legend, 2000).len(), 1);
    }

    #[test]
    fn heights_follow_the_width_within_limits() {
        assert_eq!(scaled(400, PACK_WIDTH), 400);
        assert_eq!(scaled(400, 360), 320);
        assert_eq!(scaled(400, 2000), 500);
        assert_eq!(clamp_width(10), 320);
    }
}
