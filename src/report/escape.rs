//! Putting user text into typst source safely. Every piece of text that comes from the
//! appraisal (titles, names, rationales, evidence) goes in as a typst string literal, never as
//! markup, so `#`, `$`, `*`, `_`, brackets, quotes and backslashes print as themselves and no
//! user text can run typst code.

/// A typst string literal (`"..."`) holding `text`: exactly, but for control characters (a
/// space each) and the explicit bidirectional controls, which are dropped (see [`inner`]).
pub fn lit(text: &str) -> String {
    format!("\"{}\"", inner(text))
}

/// What goes between the quotes of [`lit`]: `text` escaped character by character, so the
/// escaped form of a name is found inside the escaped form of any sentence that holds it.
///
/// The explicit bidirectional controls (embeddings, overrides and isolates, U+202A to U+202E
/// and U+2066 to U+2069) are dropped: a right-to-left override typed into a name would
/// otherwise turn the rest of the sentence round in the pack, a figure included. Right-to-left
/// letters keep their own direction; names holding them are isolated where they are printed
/// (see [`super::bidi`]).
pub fn inner(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            '\t' => out.push_str("\\t"),
            c if is_bidi_control(c) => {}
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

pub use crate::quote::is_bidi_control;

/// `text` for use in markup: an embedded string expression, `#"..."`.
pub fn text(text: &str) -> String {
    format!("#{}", lit(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_and_backslashes_are_escaped_in_literals() {
        assert_eq!(lit(r#"a "b" \c"#), r#""a \"b\" \\c""#);
        assert_eq!(lit("line\nnext\r"), r#""line\nnext""#);
    }

    #[test]
    fn markup_characters_pass_through_inside_a_literal() {
        let s = "#set page(x) $x$ *bold* _it_ [a] <l> @ref // not a comment";
        assert_eq!(lit(s), format!("\"{s}\""));
        assert_eq!(text("£5 & 10%"), "#\"£5 & 10%\"");
    }

    #[test]
    fn control_characters_become_spaces() {
        assert_eq!(lit("a\u{7}b\tc"), "\"a b\\tc\"");
    }

    #[test]
    fn bidirectional_controls_are_dropped_and_marks_kept() {
        // RLO ... PDF, then an isolate left open: none reaches the pack.
        assert_eq!(lit("\u{202E}abc\u{202C} 12 \u{2067}x"), "\"abc 12 x\"");
        assert_eq!(
            lit("a\u{202A}\u{202B}\u{202D}\u{2066}\u{2068}\u{2069}b"),
            "\"ab\""
        );
        assert_eq!(lit("\u{200F}\u{5D0}"), "\"\u{200F}\u{5D0}\"");
        assert!(!is_bidi_control('\u{200E}'));
    }

    #[test]
    fn a_name_escaped_is_found_in_a_sentence_escaped() {
        let name = "St \"Mary's\" \\ \u{202E}North";
        let sentence = format!("{name} scores 12.5");
        assert!(inner(&sentence).contains(&inner(name)));
        assert_eq!(lit(name), format!("\"{}\"", inner(name)));
    }
}
