//! Chart labels in other scripts drawn as outlines in the pack.
//!
//! typst embeds an SVG's text in the PDF as text, one glyph at a time, each with the characters
//! it stands for. A script whose shaping draws one character with several glyphs (Devanagari
//! and its neighbours) leaves some glyphs standing for no character, which a PDF/UA pack may
//! not hold, so the export would fail. A chart whose labels need a fallback font (see
//! `charts::svg_text`) is therefore given to the pack with its text turned into outlines by
//! usvg, with the same embedded fonts; the figure's alt text and caption carry its meaning.

use std::sync::{Arc, OnceLock};

use usvg::fontdb::{Database, Source};

use crate::charts::font;

/// `svg` as the pack should draw it: as it is when all its text is in DejaVu Sans, otherwise
/// with its text as outlines (or as it is, should usvg not read it: typst then reports why).
pub fn for_pack(svg: String) -> String {
    if !svg.contains("<tspan font-family=") {
        return svg;
    }
    let options = usvg::Options {
        fontdb: fonts(),
        ..usvg::Options::default()
    };
    match usvg::Tree::from_str(&svg, &options) {
        Ok(tree) => tree.to_string(&usvg::WriteOptions {
            // Hundredths of a pixel: finer than print shows, and a quarter of the default size.
            coordinates_precision: 2,
            transforms_precision: 4,
            ..usvg::WriteOptions::default()
        }),
        Err(_) => svg,
    }
}

/// The pack's fonts as usvg looks them up, loaded once.
fn fonts() -> Arc<Database> {
    static FONTS: OnceLock<Arc<Database>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut db = Database::new();
            for face in font::faces() {
                db.load_font_source(Source::Binary(Arc::new(face)));
            }
            Arc::new(db)
        })
        .clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    const LATIN: &str = r#"<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><text x="10" y="20" font-family="DejaVu Sans" font-size="12">Merger</text></svg>"#;

    #[test]
    fn a_chart_all_in_dejavu_keeps_its_text() {
        assert_eq!(for_pack(LATIN.to_owned()), LATIN);
    }

    #[test]
    fn a_chart_with_another_script_has_outlines_and_no_text() {
        let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"200\" height=\"40\">\
                   <text x=\"10\" y=\"20\" font-family=\"Noto Sans Devanagari\" font-size=\"12\">\
                   <tspan font-family=\"DejaVu Sans\">1. </tspan>अस्पताल</text></svg>";
        let out = for_pack(svg.to_owned());
        assert!(!out.contains("<text"), "{out}");
        assert!(!out.contains("अस्पताल"), "{out}");
        // The label's glyphs as filled outlines: a path of many curves.
        assert!(out.contains("<path"), "{out}");
        assert!(out.matches(['C', 'Q']).count() > 20, "{out}");
        assert!(out.contains("width=\"200\""), "{out}");
    }

    #[test]
    fn every_face_is_loaded_once() {
        assert_eq!(fonts().len(), font::faces().len());
        assert!(Arc::ptr_eq(&fonts(), &fonts()));
    }
}
