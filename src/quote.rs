//! Quoting what someone typed or a file held inside a message. A message must stay readable
//! (and small) whatever the input: a 1 GB cell or JSON field is quoted by its first
//! [`QUOTED_CHARS`] characters and an ellipsis, with control characters shown as escapes.

/// The most characters of an offending value a message quotes.
pub const QUOTED_CHARS: usize = 60;

/// The explicit bidirectional formatting characters: LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI
/// and PDI, which can reorder the text around them. (The marks LRM, RLM and ALM act on their
/// neighbours only and are kept.) Here because the pack's escaper and the charts' labels both
/// strip them from what someone typed.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `value` as a message quotes it: at most [`QUOTED_CHARS`] characters, then "…" if it was
/// longer; control characters (a NUL, a line break) are written as escapes such as `\u{0}`,
/// so a message is always one readable line.
pub fn shorten(value: &str) -> String {
    let mut out = String::with_capacity(value.len().min(QUOTED_CHARS * 4) + 3);
    for (i, c) in value.chars().enumerate() {
        if i == QUOTED_CHARS {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.extend(c.escape_debug());
        } else {
            out.push(c);
        }
    }
    out
}

/// [`shorten`] of raw bytes (a CSV field that need not be UTF-8), decoding lossily only the
/// prefix that is quoted.
pub fn shorten_bytes(value: &[u8]) -> String {
    let prefix = &value[..value.len().min(QUOTED_CHARS * 4 + 4)];
    let text = String::from_utf8_lossy(prefix);
    let quoted = shorten(&text);
    if prefix.len() < value.len() && !quoted.ends_with('…') {
        quoted + "…"
    } else {
        quoted
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_values_are_cut_to_a_prefix_and_an_ellipsis() {
        assert_eq!(shorten("RJD"), "RJD");
        let long = "x".repeat(1_000_000);
        let quoted = shorten(&long);
        assert_eq!(quoted, format!("{}…", "x".repeat(QUOTED_CHARS)));
        // Exactly the limit is quoted whole.
        assert_eq!(shorten(&long[..QUOTED_CHARS]), "x".repeat(QUOTED_CHARS));
        // Characters, not bytes: no multi-byte character is split.
        assert_eq!(shorten(&"é".repeat(100)).chars().count(), QUOTED_CHARS + 1);
    }

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(shorten("a\0b\nc"), "a\\0b\\nc");
        assert_eq!(shorten_bytes(b"ok\xff"), "ok\u{fffd}");
        assert_eq!(
            shorten_bytes(&vec![b'y'; 10_000]),
            format!("{}…", "y".repeat(QUOTED_CHARS))
        );
    }
}
