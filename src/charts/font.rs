//! The fonts of charts and pack, all embedded so a chart measures and renders the same on any
//! machine, with no system font lookup.
//!
//! DejaVu Sans (Bitstream Vera licence with public-domain DejaVu changes, through the `dejavu`
//! crate) draws everything it can. Charts name it in their SVG text; the pack's typst world
//! serves the same bytes, so the SVG text is drawn with this font in the PDF. Names typed in
//! scripts DejaVu lacks (Chinese, Japanese, Korean, the South Asian scripts, emoji,
//! mathematical letters) are drawn by the Noto fallbacks below (SIL Open Font License 1.1, see
//! `assets/fonts/README.md`), which typst tries in [`FALLBACKS`] order, in the pack's text and in
//! its charts alike.

use std::sync::OnceLock;

use plotters::style::{FontStyle, register_font};
use typst::foundations::Bytes;
use typst::text::Font;

/// The family name charts write into their SVG and typst looks up.
pub const FAMILY: &str = "DejaVu Sans";

/// The families typst falls back to, in order, for a character DejaVu Sans has no glyph for.
pub const FALLBACKS: [&str; 8] = [
    "Noto Sans Devanagari",
    "Noto Sans Bengali",
    "Noto Sans Gujarati",
    "Noto Sans Gurmukhi",
    "Noto Sans Tamil",
    "Noto Sans Math",
    "Noto Sans CJK SC",
    "Noto Emoji",
];

/// The fallback families whose scripts join letters into conjuncts and move vowel signs: a
/// chart label's run in one of them must be shaped by it whole (see `svg_text`).
pub const SHAPED_WHOLE: [&str; 5] = [
    "Noto Sans Devanagari",
    "Noto Sans Bengali",
    "Noto Sans Gujarati",
    "Noto Sans Gurmukhi",
    "Noto Sans Tamil",
];

/// The fallback fonts' bytes, one regular face each (bold text in these scripts is drawn
/// regular: a bold face of each would double their size). The CJK face is a subset of the
/// commonly used characters (see `scripts/fonts.sh`).
const FALLBACK_FACES: [&[u8]; 8] = [
    include_bytes!("../../assets/fonts/NotoSansDevanagari-Regular.ttf"),
    include_bytes!("../../assets/fonts/NotoSansBengali-Regular.ttf"),
    include_bytes!("../../assets/fonts/NotoSansGujarati-Regular.ttf"),
    include_bytes!("../../assets/fonts/NotoSansGurmukhi-Regular.ttf"),
    include_bytes!("../../assets/fonts/NotoSansTamil-Regular.ttf"),
    include_bytes!("../../assets/fonts/NotoSansMath-Letters.ttf"),
    include_bytes!("../../assets/fonts/NotoSansCJKsc-Common.otf"),
    epaint_default_fonts::NOTO_EMOJI_REGULAR,
];

/// How many of [`faces`] are DejaVu's, before the fallbacks.
const DEJAVU_FACES: usize = 5;

/// Every face the pack uses: DejaVu Sans regular, bold, oblique, bold oblique and mono (for
/// fingerprints), then the fallbacks.
pub fn faces() -> Vec<&'static [u8]> {
    let mut faces: Vec<&'static [u8]> = vec![
        dejavu::sans::regular(),
        dejavu::sans::bold(),
        dejavu::sans::oblique(),
        dejavu::sans::bold_oblique(),
        dejavu::sans_mono::regular(),
    ];
    faces.extend(FALLBACK_FACES);
    faces
}

/// [`faces`] read once per process, in the same order: the fonts the pack's typst world
/// serves, and whose character coverage says which of them draws a character.
pub fn parsed() -> &'static [Font] {
    static FONTS: OnceLock<Vec<Font>> = OnceLock::new();
    FONTS.get_or_init(|| {
        faces()
            .into_iter()
            .flat_map(|bytes| Font::iter(Bytes::new(bytes)))
            .collect()
    })
}

/// True when one of the fonts has a glyph for `c`.
pub fn covered(c: char) -> bool {
    parsed()
        .iter()
        .any(|f| f.info().coverage.contains(u32::from(c)))
}

/// The fallback family that draws `c`: None when DejaVu Sans has it, or when no font does.
pub fn fallback_family(c: char) -> Option<&'static str> {
    let covers = |f: &&Font| f.info().coverage.contains(u32::from(c));
    if parsed().first().is_some_and(|f| covers(&f)) {
        return None;
    }
    parsed()
        .iter()
        .skip(DEJAVU_FACES)
        .find(covers)
        .map(|f| f.info().family.as_str())
}

/// Registers the font with plotters once per process; true when it is available.
///
/// Plotters measures label widths with DejaVu Sans alone: a character it lacks is measured as
/// DejaVu's missing-glyph box, a little off the fallback's width, and never fails the chart.
pub fn register() -> bool {
    static DONE: OnceLock<bool> = OnceLock::new();
    *DONE.get_or_init(|| {
        register_font(FAMILY, FontStyle::Normal, dejavu::sans::regular()).is_ok()
            && register_font(FAMILY, FontStyle::Bold, dejavu::sans::bold()).is_ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_face_is_read_and_the_fallbacks_have_the_families_typst_is_given() {
        let fonts = parsed();
        assert_eq!(fonts.len(), DEJAVU_FACES + FALLBACKS.len());
        assert_eq!(fonts[0].info().family, FAMILY);
        let families: Vec<&str> = fonts[DEJAVU_FACES..]
            .iter()
            .map(|f| f.info().family.as_str())
            .collect();
        assert_eq!(families, FALLBACKS);
        assert!(SHAPED_WHOLE.iter().all(|f| FALLBACKS.contains(f)));
    }

    #[test]
    fn each_script_falls_back_to_its_own_font() {
        assert_eq!(fallback_family('a'), None);
        assert_eq!(fallback_family('é'), None);
        assert_eq!(fallback_family('א'), None, "DejaVu Sans has Hebrew");
        assert_eq!(fallback_family('अ'), Some("Noto Sans Devanagari"));
        assert_eq!(fallback_family('ਹ'), Some("Noto Sans Gurmukhi"));
        assert_eq!(fallback_family('𝐀'), Some("Noto Sans Math"));
        assert_eq!(fallback_family('病'), Some("Noto Sans CJK SC"));
        assert_eq!(fallback_family('합'), Some("Noto Sans CJK SC"));
        assert_eq!(fallback_family('😀'), None, "DejaVu Sans has the emoticons");
        assert_eq!(fallback_family('🏥'), Some("Noto Emoji"));
        assert_eq!(fallback_family('\u{20000}'), None);
        assert!(covered('🏥') && !covered('\u{20000}'));
    }
}
