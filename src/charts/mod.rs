//! Charts as SVG text, drawn with plotters: the same SVG serves the desktop app and the board
//! pack (where it stays vector). One module per family of charts; each chart function returns
//! the SVG or a [`ChartError`], and `NoData` says why a chart could not be drawn so the pack
//! can print "not yet assessed" in its place rather than an empty or zero-filled chart.

#[cfg(test)]
mod chart_tests;
pub mod finance;
pub mod font;
mod frame;
pub mod map;
pub mod palette;
pub mod score;
pub mod sensitivity;
mod svg_text;
pub mod travel;

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

pub use frame::{PACK_WIDTH, WIDTHS};

/// A name as a chart prints it, whole: bidi embedding, override and isolate controls typed
/// into it are dropped, as the pack drops them (a right-to-left override would turn round the
/// rest of the label, "(fails a hurdle)"). Charts wrap long names rather than cut them.
pub fn plain(label: &str) -> String {
    label
        .chars()
        .filter(|&c| !crate::quote::is_bidi_control(c))
        .collect()
}

/// Shortens a label to `max` characters with an ellipsis (the pack's running titles and
/// fields), dropping bidi controls as [`plain`] does.
pub fn shorten(label: &str, max: usize) -> String {
    let mut chars = label.chars().filter(|&c| !crate::quote::is_bidi_control(c));
    let mut s: String = chars.by_ref().take(max).collect();
    if chars.next().is_some() {
        s.pop();
        s.push('…');
    }
    s
}

/// A number to at most one decimal place, without a trailing ".0": 15 -> "15", 7.5 -> "7.5".
pub fn number(x: f64) -> String {
    let s = format!("{x:.1}");
    match s.strip_suffix(".0") {
        Some(whole) if whole != "-0" => whole.to_owned(),
        Some(_) => "0".to_owned(),
        None => s,
    }
}

/// A count with thousands separators, rounded to a whole number: 1052000 -> "1,052,000".
pub fn count(n: f64) -> String {
    // An empty f64 sum is -0.0, and -0.4 rounds to it: neither may print as "-0".
    let digits = format!("{:.0}", n.max(0.0) + 0.0);
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The text of every `<text>` in `svg`, in order, joined by spaces, with its escapes undone and
/// fallback-font `<tspan>`s taken out: a wrapped name reads whole again.
#[cfg(test)]
pub fn text_of(svg: &str) -> String {
    let mut texts = Vec::new();
    let mut rest = svg;
    while let Some(open) = rest.find("<text") {
        let from = open + rest[open..].find('>').unwrap_or(0) + 1;
        let to = from + rest[from..].find("</text>").unwrap_or(0);
        let mut inner = String::new();
        let mut in_tag = false;
        for c in rest[from..to].chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => inner.push(c),
                _ => {}
            }
        }
        let inner = inner
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&apos;", "'")
            .replace("&amp;", "&");
        texts.push(inner.trim().to_owned());
        rest = &rest[to..];
    }
    texts.join(" ")
}

/// Every `font-size` in `svg`, in pixels.
#[cfg(test)]
pub fn font_sizes(svg: &str) -> Vec<f64> {
    svg.split("font-size=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap_or("").parse().unwrap_or(0.0))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_shortened_with_an_ellipsis() {
        assert_eq!(shorten("Merger", 10), "Merger");
        assert_eq!(shorten("Merger with Burton", 8), "Merger …");
        assert_eq!(
            shorten("\u{202E}Merger\u{202C} (fails)", 20),
            "Merger (fails)"
        );
        assert_eq!(shorten("\u{2067}מרכז רפואי", 4), "מרכ…");
        assert_eq!(plain("\u{202E}Merger\u{202C} (fails)"), "Merger (fails)");
        assert_eq!(number(15.0), "15");
        assert_eq!(number(7.5), "7.5");
        assert_eq!(number(-0.01), "0");
        assert_eq!(number(22.75), "22.8");
        assert_eq!(count(0.0), "0");
        assert_eq!(count(999.4), "999");
        assert_eq!(count(70_000.0), "70,000");
        assert_eq!(count(1_052_000.0), "1,052,000");
        assert_eq!(count(-3.0), "0");
        assert_eq!(count(-0.0), "0");
        assert_eq!(count(std::iter::empty::<f64>().sum()), "0");
        assert_eq!(count(-0.4), "0");
    }
}
