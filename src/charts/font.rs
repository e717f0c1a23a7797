//! The one font of charts and pack: DejaVu Sans (Bitstream Vera licence with public-domain
//! DejaVu changes), embedded through the `dejavu` crate so a chart measures and renders the
//! same on any machine, with no system font lookup. Charts name it in their SVG text; the
//! pack's typst world serves the same bytes, so the SVG text is drawn with this font in the PDF.

use std::sync::OnceLock;

use plotters::style::{FontStyle, register_font};

/// The family name charts write into their SVG and typst looks up.
pub const FAMILY: &str = "DejaVu Sans";

/// Every face the pack uses: regular, bold, oblique, bold oblique and mono (for fingerprints).
pub fn faces() -> [&'static [u8]; 5] {
    [
        dejavu::sans::regular(),
        dejavu::sans::bold(),
        dejavu::sans::oblique(),
        dejavu::sans::bold_oblique(),
        dejavu::sans_mono::regular(),
    ]
}

/// Registers the font with plotters once per process; true when it is available.
pub fn register() -> bool {
    static DONE: OnceLock<bool> = OnceLock::new();
    *DONE.get_or_init(|| {
        register_font(FAMILY, FontStyle::Normal, dejavu::sans::regular()).is_ok()
            && register_font(FAMILY, FontStyle::Bold, dejavu::sans::bold()).is_ok()
    })
}
