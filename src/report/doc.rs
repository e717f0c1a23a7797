//! A small builder for the pack's typst source: headings, paragraphs, tables and figures, with
//! every piece of user text escaped (see [`escape`](super::escape)) and chart SVGs collected
//! as files the world serves.

use std::fmt::Write;

use super::escape::{lit, text};
use crate::charts::{ChartError, Svg};

/// One cell of a table: typst markup, built by [`cell`], [`strong`] or [`num`].
pub struct Cell(String);

/// A cell of plain user text.
pub fn cell(s: &str) -> Cell {
    Cell(format!("[{}]", text(s)))
}

/// A bold cell.
pub fn strong(s: &str) -> Cell {
    Cell(format!("[*{}*]", text(s)))
}

/// A right-aligned number cell.
pub fn num(s: &str) -> Cell {
    Cell(format!("table.cell(align: right)[{}]", text(s)))
}

/// A cell shaded to show a rating or pass/fail at a glance, with its text.
pub fn indented(s: &str, depth: usize, bold: bool) -> Cell {
    let body = if bold {
        format!("*{}*", text(s))
    } else {
        text(s)
    };
    Cell(format!("pad(left: {}em)[{body}]", depth))
}

/// A cell shaded to show a rating or pass/fail at a glance, with its text.
pub fn shaded(s: &str, fill: &str) -> Cell {
    Cell(format!("table.cell(fill: rgb({}))[{}]", lit(fill), text(s)))
}

/// The tallest a figure may be: a chart with many rows (60 criteria) is scaled to fit a page
/// rather than running off it.
const MAX_HEIGHT_CM: f64 = 21.0;
/// The text width of an A4 page with 2 cm margins.
const TEXT_WIDTH_CM: f64 = 17.0;

/// The image's size argument: `percent` of the text width, or a capped height for tall charts.
fn size(svg: &str, percent: u8) -> String {
    let width = TEXT_WIDTH_CM * f64::from(percent) / 100.0;
    match aspect(svg) {
        Some(ratio) if ratio * width > MAX_HEIGHT_CM => {
            format!("height: {MAX_HEIGHT_CM}cm")
        }
        _ => format!("width: {percent}%"),
    }
}

/// Height over width, from the SVG's root attributes.
fn aspect(svg: &str) -> Option<f64> {
    let root = &svg[..svg.find('>')?];
    let attr = |name: &str| -> Option<f64> {
        let start = root.find(&format!(" {name}=\""))? + name.len() + 3;
        let len = root[start..].find('"')?;
        root[start..start + len].parse().ok()
    };
    Some(attr("height")? / attr("width")?)
}

#[derive(Default)]
pub struct Doc {
    src: String,
    files: Vec<(String, Vec<u8>)>,
}

impl Doc {
    /// Trusted typst written by this module's callers (never user text).
    pub fn raw(&mut self, typst: &str) {
        self.src.push_str(typst);
        self.src.push('\n');
    }

    pub fn heading(&mut self, level: usize, title: &str) {
        let _ = writeln!(self.src, "\n{} {}\n", "=".repeat(level), text(title));
    }

    /// A level-1 heading that starts a new page (the main sections).
    pub fn chapter(&mut self, title: &str) {
        let _ = writeln!(self.src, "\n#pagebreak(weak: true)\n= {}\n", text(title));
    }

    /// An unnumbered heading (appendices carry their own letters).
    pub fn unnumbered(&mut self, level: usize, title: &str) {
        let _ = writeln!(
            self.src,
            "\n#heading(level: {level}, numbering: none)[{}]\n",
            text(title)
        );
    }

    /// A paragraph of user or generated text.
    pub fn para(&mut self, s: &str) {
        let _ = writeln!(self.src, "{}\n", text(s));
    }

    /// A paragraph with a bold lead-in.
    pub fn lead(&mut self, label: &str, s: &str) {
        let _ = writeln!(self.src, "*{}* {}\n", text(label), text(s));
    }

    /// A bulleted list.
    pub fn bullets<S: AsRef<str>>(&mut self, items: &[S]) {
        for item in items {
            let _ = writeln!(self.src, "- {}", text(item.as_ref()));
        }
        self.src.push('\n');
    }

    /// The honest placeholder for a section or chart whose data is missing.
    pub fn not_assessed(&mut self, reason: &str) {
        let _ = writeln!(
            self.src,
            "#block(fill: luma(240), inset: 8pt, radius: 2pt, width: 100%)[*Not yet assessed:* {}]\n",
            text(reason)
        );
    }

    /// A note in a shaded box (warnings a reader must see).
    pub fn note(&mut self, s: &str) {
        let _ = writeln!(
            self.src,
            "#block(stroke: 0.5pt + rgb(\"#e69f00\"), inset: 8pt, radius: 2pt, width: 100%)[{}]\n",
            text(s)
        );
    }

    /// A table; `columns` is a typst column spec such as `(auto, 1fr, auto)`.
    pub fn table(&mut self, columns: &str, header: &[&str], rows: Vec<Vec<Cell>>) {
        let _ = write!(self.src, "#table(columns: {columns},\n  table.header(");
        for h in header {
            let _ = write!(self.src, "[*{}*],", text(h));
        }
        self.src.push_str("),\n");
        for row in rows {
            self.src.push_str("  ");
            for Cell(c) in row {
                self.src.push_str(&c);
                self.src.push(',');
            }
            self.src.push('\n');
        }
        self.src.push_str(")\n\n");
    }

    /// A chart as a vector figure with a caption, or "not yet assessed" with the reason it
    /// could not be drawn.
    pub fn figure(&mut self, name: &str, chart: Result<Svg, ChartError>, caption: &str) {
        self.figure_at(name, chart, caption, 100);
    }

    /// A figure at `percent` of the text width (or less, for tall charts), so that charts
    /// that belong together share a page.
    pub fn figure_at(
        &mut self,
        name: &str,
        chart: Result<Svg, ChartError>,
        caption: &str,
        percent: u8,
    ) {
        match chart {
            Ok(svg) => {
                let path = format!("/charts/{name}.svg");
                let _ = writeln!(
                    self.src,
                    "#figure(image({}, {}, alt: {}), caption: [{}])\n",
                    lit(&path),
                    size(&svg, percent),
                    lit(caption),
                    text(caption)
                );
                self.files
                    .push((path, super::outlines::for_pack(svg).into_bytes()));
            }
            Err(ChartError::NoData { reason, .. }) => {
                self.not_assessed(&format!("{caption}: {reason}."))
            }
            Err(e) => self.not_assessed(&format!("{caption}: {e}.")),
        }
    }

    pub fn finish(self) -> (String, Vec<(String, Vec<u8>)>) {
        (self.src, self.files)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chart_without_data_becomes_not_yet_assessed() {
        let mut doc = Doc::default();
        doc.figure(
            "vfm",
            Err(ChartError::NoData {
                chart: "value for money",
                reason: "no option has an NPV against do minimum".to_owned(),
            }),
            "Benefit against cost",
        );
        let (src, files) = doc.finish();
        assert!(files.is_empty());
        assert!(src.contains("*Not yet assessed:*"));
        assert!(src.contains("Benefit against cost: no option has an NPV against do minimum."));
    }

    #[test]
    fn a_chart_becomes_a_figure_with_its_svg_served_as_a_file() {
        let mut doc = Doc::default();
        doc.figure("totals", Ok("<svg/>".to_owned()), "Totals \"by\" group");
        let (src, files) = doc.finish();
        assert_eq!(
            files,
            vec![("/charts/totals.svg".to_owned(), b"<svg/>".to_vec())]
        );
        assert!(
            src.contains(r#"image("/charts/totals.svg", width: 100%, alt: "Totals \"by\" group")"#)
        );
    }

    #[test]
    fn tall_charts_are_capped_to_fit_a_page() {
        assert_eq!(
            size(
                r#"<svg width="720" height="400" viewBox="0 0 720 400">"#,
                100
            ),
            "width: 100%"
        );
        assert_eq!(
            size(r#"<svg width="720" height="2000">"#, 100),
            "height: 21cm"
        );
        assert_eq!(size("<svg>", 100), "width: 100%");
        assert_eq!(size(r#"<svg width="720" height="400">"#, 80), "width: 80%");
        // At 80% (13.6 cm wide) an aspect of 1.6 would be 21.8 cm tall, over the cap; 1.5 fits.
        assert_eq!(
            size(r#"<svg width="100" height="160">"#, 80),
            "height: 21cm"
        );
        assert_eq!(size(r#"<svg width="100" height="150">"#, 80), "width: 80%");
    }
}
