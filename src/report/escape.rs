//! Putting user text into typst source safely. Every piece of text that comes from the
//! appraisal (titles, names, rationales, evidence) goes in as a typst string literal, never as
//! markup, so `#`, `$`, `*`, `_`, brackets, quotes and backslashes print as themselves and no
//! user text can run typst code.

/// A typst string literal (`"..."`) holding `text` exactly.
pub fn lit(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

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
}
