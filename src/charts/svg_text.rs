//! Names in other scripts in a chart's SVG text.
//!
//! Plotters writes each label as one `<text>` in DejaVu Sans. When the pack draws the SVG
//! (usvg, inside typst), a character DejaVu lacks is looked up in a fallback font one glyph at
//! a time, which fails where a script's shaping joins and reorders characters (Devanagari
//! conjuncts and vowel signs): the label keeps empty boxes, and a tagged PDF/UA pack cannot be
//! written. So each run of characters a fallback font draws is put in a `<tspan>` naming that
//! font; and where a label has a run of a script that must be shaped whole
//! ([`font::SHAPED_WHOLE`]), that font becomes the label's own and the DejaVu runs become the
//! `<tspan>`s, because usvg shapes the label with its own font first and only swaps in the
//! `<tspan>`s' glyphs one cluster at a time.

use super::font;

/// The attribute plotters gives every text.
const DEJAVU_ATTRIBUTE: &str = "font-family=\"DejaVu Sans\"";

/// `svg` with every run of its text that DejaVu Sans cannot draw in a `<tspan>` of the fallback
/// family that can (or, for a script shaped whole, drawn by that family and the rest in
/// `<tspan>`s of DejaVu Sans).
pub fn with_fallback_fonts(svg: &str) -> String {
    let mut out = String::with_capacity(svg.len());
    let mut rest = svg;
    while let Some(open) = rest.find("<text") {
        let Some(content) = rest[open..].find('>').map(|i| open + i + 1) else {
            break;
        };
        let Some(end) = rest[content..].find("</text>").map(|i| content + i) else {
            break;
        };
        out.push_str(&rest[..open]);
        label(&rest[open..content], &rest[content..end], &mut out);
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Writes one `<text ...>` opening `tag` and its XML-escaped `content` to `out`.
fn label(tag: &str, content: &str, out: &mut String) {
    let runs = runs(content);
    let base = runs
        .iter()
        .find_map(|(family, _)| family.filter(|f| font::SHAPED_WHOLE.contains(f)))
        .filter(|_| tag.contains(DEJAVU_ATTRIBUTE));
    match base {
        Some(f) => {
            out.push_str(&tag.replacen(DEJAVU_ATTRIBUTE, &format!("font-family=\"{f}\""), 1))
        }
        None => out.push_str(tag),
    }
    for (family, text) in runs {
        let family = family.unwrap_or(font::FAMILY);
        if Some(family) == base || (base.is_none() && family == font::FAMILY) {
            out.push_str(text);
        } else {
            out.push_str("<tspan font-family=\"");
            out.push_str(family);
            out.push_str("\">");
            out.push_str(text);
            out.push_str("</tspan>");
        }
    }
}

/// `content` cut into runs by the family that draws them (None: DejaVu Sans). ASCII, escapes
/// included, is DejaVu's; white space and characters that need no glyph of their own (joiners,
/// variation selectors, what no font has) stay in the run they are in, so "北部 病院" is one.
fn runs(content: &str) -> Vec<(Option<&'static str>, &str)> {
    let mut runs = Vec::new();
    let mut start = 0;
    let mut current: Option<&'static str> = None;
    for (at, c) in content.char_indices() {
        let family = if c.is_ascii() && !c.is_ascii_whitespace() {
            None
        } else if c.is_whitespace() || is_joiner(c) || !font::covered(c) {
            current
        } else {
            font::fallback_family(c)
        };
        if family != current {
            if at > start {
                runs.push((current, &content[start..at]));
            }
            start = at;
            current = family;
        }
    }
    if content.len() > start {
        runs.push((current, &content[start..]));
    }
    runs
}

/// Characters that draw nothing themselves but bind their neighbours: ZWJ, ZWNJ and the
/// variation selectors.
fn is_joiner(c: char) -> bool {
    matches!(c, '\u{200C}' | '\u{200D}' | '\u{FE00}'..='\u{FE0F}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_text_is_left_as_it_was() {
        let svg =
            r#"<svg><text x="1" font-family="DejaVu Sans">St Mary&apos;s – Café</text></svg>"#;
        assert_eq!(with_fallback_fonts(svg), svg);
    }

    #[test]
    fn each_simple_script_run_is_a_tspan_of_its_family() {
        let svg = "<svg><text x=\"1\" font-family=\"DejaVu Sans\">1. 北部 病院 &amp; 𝐀</text>\
                   <rect/><text font-family=\"DejaVu Sans\">🏥\u{FE0F} ok</text></svg>";
        assert_eq!(
            with_fallback_fonts(svg),
            "<svg><text x=\"1\" font-family=\"DejaVu Sans\">1. \
             <tspan font-family=\"Noto Sans CJK SC\">北部 病院 </tspan>&amp; \
             <tspan font-family=\"Noto Sans Math\">𝐀</tspan></text><rect/>\
             <text font-family=\"DejaVu Sans\"><tspan font-family=\"Noto Emoji\">🏥\u{FE0F} \
             </tspan>ok</text></svg>"
        );
    }

    #[test]
    fn a_script_shaped_whole_becomes_the_labels_font() {
        let svg = "<text x=\"1\" font-family=\"DejaVu Sans\">2. अस्पताल विलय (fails)</text>";
        assert_eq!(
            with_fallback_fonts(svg),
            "<text x=\"1\" font-family=\"Noto Sans Devanagari\">\
             <tspan font-family=\"DejaVu Sans\">2. </tspan>अस्पताल विलय \
             <tspan font-family=\"DejaVu Sans\">(fails)</tspan></text>"
        );
    }

    #[test]
    fn an_unfinished_text_element_is_copied_as_it_is() {
        let svg = "<svg><text x=\"1\">北部";
        assert_eq!(with_fallback_fonts(svg), svg);
    }
}
