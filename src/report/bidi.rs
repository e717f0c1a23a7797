//! Right-to-left names in the pack's left-to-right sentences.
//!
//! A Hebrew or Arabic option name followed by a figure ("מרכז 45.2%") pulls the figure into its
//! right-to-left run, so the figure is printed before the name: the sentence no longer reads
//! in order. Wrapped in FIRST STRONG ISOLATE ... POP DIRECTIONAL ISOLATE (Unicode's bidi
//! algorithm, UAX #9), the name keeps its own direction and acts on the sentence as one
//! neutral character, so what follows stays where it was written.
//!
//! The sections write names into sentences as plain text, so the isolates are put in the
//! finished typst source: every occurrence of each right-to-left name, escaped as
//! [`escape::inner`] escapes it, gets them. User text has had its own bidi controls dropped by
//! the escaping, so no name can close an isolate early or override what follows it.

use aho_corasick::{AhoCorasick, MatchKind};
use unicode_bidi::{BidiClass, bidi_class};

use super::escape;

/// FIRST STRONG ISOLATE: starts an isolate whose direction is its first strong letter's.
pub const FSI: char = '\u{2068}';
/// POP DIRECTIONAL ISOLATE: ends it.
pub const PDI: char = '\u{2069}';

/// True when `text` has a right-to-left letter (Hebrew, Arabic, Syriac, Thaana, N'Ko, ...).
pub fn right_to_left(text: &str) -> bool {
    text.chars()
        .any(|c| matches!(bidi_class(c), BidiClass::R | BidiClass::AL))
}

/// `source` with each occurrence of each right-to-left name of `names` isolated; names that
/// are all left-to-right are left alone, as they cannot reorder a left-to-right sentence.
///
/// An occurrence inside a longer word (a name that is part of another name or of a sentence's
/// word) is left alone: an isolate there would break the word, and Arabic letters' joining
/// with it. Where two names overlap, the longer is isolated.
pub fn isolate<'a>(source: &str, names: impl IntoIterator<Item = &'a str>) -> String {
    let mut patterns: Vec<String> = names
        .into_iter()
        .filter(|n| right_to_left(n))
        .map(escape::inner)
        .filter(|p| !p.trim().is_empty())
        .collect();
    patterns.sort_unstable();
    patterns.dedup();
    if patterns.is_empty() {
        return source.to_owned();
    }
    let Ok(matcher) = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&patterns)
    else {
        // Only a pattern set beyond the matcher's size limits fails; the names then print as
        // typed, which is how they printed before isolation.
        return source.to_owned();
    };
    let mut out = String::with_capacity(source.len() + 64);
    matcher.replace_all_with(source, &mut out, |m, found, out| {
        let before = source[..m.start()].chars().next_back();
        let after = source[m.end()..].chars().next();
        if before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric) {
            out.push_str(found);
        } else {
            out.push(FSI);
            out.push_str(found);
            out.push(PDI);
        }
        true
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEBREW: &str = "מרכז רפואי";

    #[test]
    fn hebrew_and_arabic_are_right_to_left_and_digits_are_not() {
        assert!(right_to_left(HEBREW));
        assert!(right_to_left("Site مستشفى"));
        assert!(!right_to_left("St Mary's 2 €"));
        assert!(!right_to_left("病院 अस्पताल"));
    }

    #[test]
    fn a_right_to_left_name_is_isolated_wherever_it_is_printed() {
        let src = format!("#\"{HEBREW} 45.2%, North 30%\"\n[#\"{HEBREW}\"]");
        let out = isolate(&src, [HEBREW, "North"]);
        assert_eq!(
            out,
            format!("#\"{FSI}{HEBREW}{PDI} 45.2%, North 30%\"\n[#\"{FSI}{HEBREW}{PDI}\"]")
        );
    }

    #[test]
    fn names_are_matched_as_escaped_and_the_longer_wins() {
        let quoted = "\"אב\" ב";
        let src = format!("#{}", escape::lit(&format!("{quoted} 12 and אב 3")));
        let out = isolate(&src, ["אב", quoted]);
        assert_eq!(
            out,
            format!("#\"{FSI}\\\"אב\\\" ב{PDI} 12 and {FSI}אב{PDI} 3\"")
        );
    }

    #[test]
    fn a_name_inside_a_longer_word_is_left_alone() {
        let src = "#\"مستشفى مستشفىات\"";
        assert_eq!(
            isolate(src, ["مستشفى"]),
            format!("#\"{FSI}مستشفى{PDI} مستشفىات\"")
        );
    }

    #[test]
    fn left_to_right_names_leave_the_source_unchanged() {
        let src = "#\"North 30%\"";
        assert_eq!(isolate(src, ["North", ""]), src);
    }
}
