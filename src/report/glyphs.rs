//! Whether the pack's fonts can draw its text, checked before typesetting.
//!
//! typst draws a character no font has as an empty box, which a tagged PDF/UA pack may not
//! hold: the export then fails once for every place the text is printed (a name is printed
//! dozens of times), naming no field. Checking the finished source first gives one message
//! that names the field to change.

use typst::text::is_default_ignorable;

use super::fields::{Field, quoted};
use crate::charts::font;

/// True when one of the pack's fonts has a glyph for `c`, or `c` needs none: white space,
/// and the default-ignorable characters typst drops before drawing (joiners, variation
/// selectors, bidi controls).
pub fn drawable(c: char) -> bool {
    c.is_ascii()
        || c.is_whitespace()
        || c.is_control()
        || is_default_ignorable(c)
        || font::covered(c)
}

/// Ok when every character of the pack's typst `source` can be drawn; otherwise one message
/// naming the first of `fields` that holds such a character (and how many more do), or quoting
/// the text around it if it is in none of them.
pub fn check(source: &str, fields: &[Field]) -> Result<(), String> {
    let mut missing: Vec<(usize, char)> = Vec::new();
    for (at, c) in source.char_indices() {
        if !drawable(c) && !missing.iter().any(|&(_, m)| m == c) {
            missing.push((at, c));
        }
    }
    let Some(&(at, first)) = missing.first() else {
        return Ok(());
    };
    // Only characters the pack prints count: a field the pack leaves out may hold others.
    let printed = |f: &&Field| {
        f.text
            .chars()
            .find(|c| missing.iter().any(|&(_, m)| m == *c))
    };
    let mut bad = fields.iter().filter_map(|f| printed(&f).map(|c| (f, c)));
    let Some((field, c)) = bad.next() else {
        // The string literal around it: user text is never markup.
        let start = source[..at].rfind('"').map_or(at, |i| i + 1);
        let end = source[at..].find('"').map_or(source.len(), |i| at + i);
        return Err(format!(
            "the text '{}' holds {}, which none of the pack's fonts can draw; remove or replace it",
            quoted(&source[start..end]),
            character(first)
        ));
    };
    let more = match bad.count() {
        0 => String::new(),
        1 => " (1 other field has such a character too)".to_owned(),
        n => format!(" ({n} other fields have such characters too)"),
    };
    Err(format!(
        "{}: {} cannot be drawn in the pack: none of its fonts has it; remove or replace it{more}",
        field.label,
        character(c)
    ))
}

/// "the character U+E000" or "the character U+1F9FF (🧿)": the code, and the character itself
/// where it is a visible one.
fn character(c: char) -> String {
    let code = format!("the character U+{:04X}", u32::from(c));
    if c.is_control() || is_default_ignorable(c) || ('\u{E000}'..='\u{F8FF}').contains(&c) {
        code
    } else {
        format!("{code} ({c})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first_undrawable(text: &str) -> Option<char> {
        text.chars().find(|&c| !drawable(c))
    }

    fn field<'a>(label: &str, text: &'a str) -> Field<'a> {
        Field {
            label: label.to_owned(),
            text,
            name: true,
        }
    }

    #[test]
    fn latin_cjk_indic_emoji_and_math_letters_are_drawable() {
        for text in [
            "Ünïcødé £€",
            "病院 東京 서울",
            "अस्पताल",
            "হাসপাতাল",
            "ਹਸਪਤਾਲ",
            "😀 🏥",
            "𝐀",
        ] {
            assert_eq!(first_undrawable(text), None, "{text}");
        }
        // Joiners, variation selectors and bidi controls need no glyph.
        assert_eq!(
            first_undrawable("👍\u{FE0F}\u{200D}\u{2068}x\u{2069}"),
            None
        );
    }

    #[test]
    fn a_private_use_character_is_not_drawable() {
        assert_eq!(first_undrawable("ab\u{E000}c"), Some('\u{E000}'));
        assert!(!drawable('\u{10FFFD}'));
    }

    #[test]
    fn the_first_field_with_an_undrawable_character_is_named_once() {
        let fields = [
            field("option 'A' name", "A"),
            field("option 'B\u{E000}' name", "B\u{E000}"),
            field("criterion 'C' name", "C\u{F8FF}"),
        ];
        let source = "#\"B\u{E000}\" #\"B\u{E000}\" #\"C\u{F8FF}\"";
        assert_eq!(
            check(source, &fields),
            Err(
                "option 'B\u{E000}' name: the character U+E000 cannot be drawn in the pack: \
                 none of its fonts has it; remove or replace it \
                 (1 other field has such a character too)"
                    .to_owned()
            )
        );
        assert_eq!(check("#\"A\"", &fields), Ok(()));
    }

    #[test]
    fn a_field_the_pack_does_not_print_is_not_blamed() {
        let fields = [
            field("scorer 'X' role", "\u{E002}"),
            field("option 'B' name", "B\u{E000}"),
        ];
        let err = check("#\"B\u{E000}\"", &fields).expect_err("undrawable");
        assert!(
            err.starts_with("option 'B' name: the character U+E000 "),
            "{err}"
        );
        assert!(!err.contains("other field"), "{err}");
    }

    #[test]
    fn text_in_no_field_is_quoted() {
        assert_eq!(
            check("#\"made up \u{E001} here\"", &[]),
            Err(
                "the text 'made up \u{E001} here' holds the character U+E001, which none \
                 of the pack's fonts can draw; remove or replace it"
                    .to_owned()
            )
        );
    }

    #[test]
    fn a_visible_character_is_shown_beside_its_code() {
        assert_eq!(character('🧿'), "the character U+1F9FF (🧿)");
        assert_eq!(character('\u{E000}'), "the character U+E000");
    }
}
