//! The Okabe-Ito palette (Okabe and Ito, "Color Universal Design", 2008): eight colours that
//! stay distinct under the common colour-vision deficiencies, so no reader of the pack loses a
//! series. Series also differ by marker shape where the chart has markers.

use plotters::style::RGBColor;

/// Okabe-Ito, in the order series take them (black last: it is kept for text and the axes).
pub const SERIES: [RGBColor; 7] = [
    RGBColor(0, 114, 178),   // blue
    RGBColor(230, 159, 0),   // orange
    RGBColor(0, 158, 115),   // bluish green
    RGBColor(204, 121, 167), // reddish purple
    RGBColor(86, 180, 233),  // sky blue
    RGBColor(213, 94, 0),    // vermillion
    RGBColor(240, 228, 66),  // yellow
];

/// Text, axes and reference lines.
pub const INK: RGBColor = RGBColor(0, 0, 0);
/// Grid lines: light enough not to compete with the data.
pub const GRID: RGBColor = RGBColor(225, 225, 225);
/// Options off the efficiency frontier.
pub const MUTED: RGBColor = RGBColor(120, 120, 120);

/// The colour of the `i`th series, cycling when there are more series than colours.
pub fn series(i: usize) -> RGBColor {
    SERIES[i % SERIES.len()]
}

/// The colour as `#rrggbb`, for the typst source.
pub fn hex(c: RGBColor) -> String {
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn series_cycle_through_the_okabe_ito_colours() {
        assert_eq!(hex(series(0)), "#0072b2");
        assert_eq!(series(7), series(0));
        assert_eq!(hex(series(5)), "#d55e00");
    }
}
