//! Charts as SVG text, drawn with plotters: the same SVG serves the desktop app and the board
//! pack (where it stays vector). One module per family of charts; each chart function returns
//! the SVG or a [`ChartError`], and `NoData` says why a chart could not be drawn so the pack
//! can print "not yet assessed" in its place rather than an empty or zero-filled chart.

#[cfg(test)]
mod chart_tests;
pub mod finance;
pub mod font;
mod frame;
pub mod palette;
pub mod score;

/// Why a chart was not drawn.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ChartError {
    #[error("{chart}: no data to chart: {reason}")]
    NoData { chart: &'static str, reason: String },
    #[error("{chart}: the chart could not be drawn: {message}")]
    Draw {
        chart: &'static str,
        message: String,
    },
    #[error("the chart font could not be loaded")]
    Font,
}

/// A chart's SVG text; the title and axis labels are in it as text.
pub type Svg = String;

/// Shortens a label to `max` characters with an ellipsis, so long option and criterion names
/// never run into the plot.
pub fn shorten(label: &str, max: usize) -> String {
    if label.chars().count() <= max {
        label.to_owned()
    } else {
        let mut s: String = label.chars().take(max.saturating_sub(1)).collect();
        s.push('…');
        s
    }
}

/// Financial year label: 2013 -> "2013/14".
pub fn financial_year(year: i32) -> String {
    format!("{year}/{:02}", (year + 1).rem_euclid(100))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_shortened_with_an_ellipsis() {
        assert_eq!(shorten("Merger", 10), "Merger");
        assert_eq!(shorten("Merger with Burton", 8), "Merger …");
        assert_eq!(financial_year(2013), "2013/14");
        assert_eq!(financial_year(2099), "2099/00");
    }
}
