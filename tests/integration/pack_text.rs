//! Names in any script in the board pack: emoji, Chinese, Japanese, Korean, Devanagari and
//! mathematical letters print as typed (read back with pdftotext); a right-to-left name, even
//! with a right-to-left override typed into it, leaves the sentence around it reading in order;
//! a character no embedded font has is one error naming its field; the charts draw such names.

use std::path::Path;
use std::process::Command;

use appraise::evaluation::Evaluation;
use appraise::model::{Appraisal, Status};
use appraise::report::{self, ReportError};
use appraise::score;

use crate::util::Dir;

const EMOJI: &str = "Merger 🏥 😀 together";
const CJK: &str = "北部病院 합병 ひがし";
const DEVANAGARI: &str = "अस्पताल विलय";
const MATH: &str = "𝐀 plan";
/// A Hebrew name with a right-to-left override typed in front of it.
const RTL_TYPED: &str = "\u{202E}מרכז רפואי";
/// What the pack prints of it: the override is dropped.
const RTL: &str = "מרכז רפואי";
const ARABIC: &str = "مستشفى الشمال";

/// The pack's text in reading order.
fn text(pdf: &Path) -> String {
    crate::util::pdf_text(pdf)
}

/// Each line of the pack as printed, left to right: pdftotext's words with their boxes, put in
/// order by position, bidi controls left out. Right-to-left words read backwards here, as they
/// stand on the page.
fn visual_lines(pdf: &Path) -> Vec<String> {
    let out = Command::new("pdftotext")
        .args(["-bbox", "-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("run pdftotext -bbox");
    assert!(out.status.success(), "pdftotext -bbox failed");
    // Lossy: poppler writes a glyph standing for no character as a lone byte.
    let html = String::from_utf8_lossy(&out.stdout);
    let number = |tag: &str, name: &str| -> f64 {
        let at = tag.find(&format!("{name}=\"")).expect("attribute") + name.len() + 2;
        tag[at..at + tag[at..].find('"').expect("quote")]
            .parse()
            .expect("a number")
    };
    // (page, y, x, word); a new page restarts y.
    let mut words: Vec<(usize, i64, f64, String)> = Vec::new();
    for (page, body) in html.split("<page ").enumerate() {
        for part in body.split("<word ").skip(1) {
            let Some((tag, rest)) = part.split_once('>') else {
                continue;
            };
            let Some((word, _)) = rest.split_once("</word>") else {
                continue;
            };
            let word: String = word
                .chars()
                .filter(|&c| !matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
                .collect::<String>()
                .replace("&amp;", "&");
            let y = (number(tag, "yMax") * 2.0).round() as i64;
            words.push((page, y, number(tag, "xMin"), word));
        }
    }
    words.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)).then(a.2.total_cmp(&b.2)));
    let mut lines: Vec<String> = Vec::new();
    let mut last = None;
    for (page, y, _, word) in words {
        if last != Some((page, y)) {
            lines.push(String::new());
            last = Some((page, y));
        }
        if let Some(line) = lines.last_mut() {
            line.push(' ');
            line.push_str(&word);
        }
    }
    lines
        .iter()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

/// Right-to-left text as it stands on a left-to-right page: its characters backwards.
fn backwards(s: &str) -> String {
    s.chars().rev().collect()
}

fn pack(a: &Appraisal) -> Result<Vec<u8>, ReportError> {
    let input = report::PackInput::compute(a);
    let options = report::PackOptions {
        status: Status::Draft,
        at: time::OffsetDateTime::UNIX_EPOCH,
    };
    report::pack(&input, &options)
}

fn results(a: &Appraisal) -> score::Results {
    Evaluation::of(a).score().clone().expect("score")
}

/// The demo with its options named in other scripts: the preferred option gets the Hebrew
/// name with the override, the runner-up the Arabic one, so the summary's sentences about them
/// put figures right after right-to-left names.
fn renamed() -> Appraisal {
    let mut a = appraise::demo::appraisal();
    let r = results(&a);
    let at_rank = |rank| {
        r.options
            .iter()
            .find(|o| o.rank == rank)
            .and_then(|o| a.options.iter().position(|x| x.code == o.code))
            .expect("a ranked option")
    };
    let (first, second) = (at_rank(1), at_rank(2));
    assert!(r.options.iter().any(|o| o.rank == 1 && o.preferred));
    let mut others = [EMOJI, CJK, DEVANAGARI].into_iter();
    for (i, o) in a.options.iter_mut().enumerate() {
        o.name = match i {
            i if i == first => RTL_TYPED,
            i if i == second => ARABIC,
            _ => others.next().expect("five options"),
        }
        .to_owned();
    }
    a.meta.title = format!("{MATH} appraisal");
    a
}

#[test]
fn names_in_other_scripts_and_emoji_print_as_typed() {
    let a = renamed();
    let pdf = pack(&a).expect("the pack of names in other scripts");
    let dir = Dir::new();
    let path = dir.path("pack.pdf");
    std::fs::write(&path, pdf).expect("write");
    let text = text(&path);
    for name in [EMOJI, CJK, DEVANAGARI, RTL, ARABIC] {
        assert!(text.contains(name), "{name:?} is not in the pack");
    }
    assert!(text.contains(&format!("{MATH} appraisal")), "the title");
    assert!(!text.contains('\u{202E}'), "the override is dropped");
}

#[test]
fn figures_after_right_to_left_names_still_read_in_order() {
    let a = renamed();
    let r = results(&a);
    let first = r.options.iter().find(|o| o.rank == 1).expect("first");
    let second = r.options.iter().find(|o| o.rank == 2).expect("second");
    assert_eq!(
        (first.name.as_str(), second.name.as_str()),
        (RTL_TYPED, ARABIC)
    );
    let dir = Dir::new();
    let path = dir.path("pack.pdf");
    std::fs::write(&path, pack(&a).expect("pack")).expect("write");
    let lines = visual_lines(&path);
    // The override kept, everything after the name would stand backwards
    // ("001 fo tuo stniop 7.16 serocs ti"); not isolated, a figure straight after a
    // right-to-left name would stand before it.
    let preferred = format!(
        "{} is the preferred option: it scores {:.1} points out of 100, rank 1 of {},",
        backwards(RTL),
        first.total,
        r.options.len()
    );
    let leads = format!(
        "{} leads {} ({:.1} points, rank 2)",
        backwards(RTL),
        backwards(ARABIC),
        second.total
    );
    let around = || {
        lines
            .iter()
            .filter(|l| l.contains(&backwards(RTL)) || l.contains(&backwards(ARABIC)))
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    };
    for sentence in [preferred, leads] {
        assert!(
            lines.iter().any(|l| l.contains(&sentence)),
            "not on the page as written: {sentence}\n{}",
            around()
        );
    }
    // SMAA's runner-up and its chance of coming first: "otherwise first: <name> 71.9%".
    // Not isolated, the figure stands before the name ("first: 71.9 <name>%").
    let marker = format!("first: {} ", backwards(ARABIC));
    let figure = lines
        .iter()
        .find_map(|l| l.split_once(&marker).map(|(_, rest)| rest.to_owned()))
        .and_then(|rest| rest.split_whitespace().next().map(str::to_owned));
    assert!(
        figure
            .as_deref()
            .and_then(|f| f.trim_end_matches(',').strip_suffix('%'))
            .is_some_and(|f| f.parse::<f64>().is_ok()),
        "no percentage right after {ARABIC}: {figure:?}\n{}",
        around()
    );
}

#[test]
fn a_character_no_font_has_is_one_error_naming_its_field() {
    let mut a = appraise::demo::appraisal();
    // U+20000, a rare ideograph (CJK Extension B) outside the embedded CJK subset.
    a.options[2].name = "Split 𠀀".to_owned();
    let err = pack(&a)
        .expect_err("an undrawable name is refused")
        .to_string();
    assert_eq!(
        err,
        "the pack could not be typeset: option 'Split 𠀀' name: the character U+20000 (𠀀) \
         cannot be drawn in the pack: none of its fonts has it; remove or replace it"
    );
}

#[test]
fn the_charts_draw_names_in_other_scripts() {
    let a = renamed();
    let r = results(&a);
    let svg = appraise::charts::score::totals_by_group(&r, appraise::charts::PACK_WIDTH)
        .expect("totals chart");
    // A run of another script is a <tspan> of its font inside the label's <text>; a script
    // shaped whole (Devanagari) is the label's own font, its DejaVu run the <tspan>.
    for part in [
        "<tspan font-family=\"Noto Sans CJK SC\">北部病院 합병 ひがし",
        "<tspan font-family=\"Noto Emoji\">🏥 </tspan>",
        "font-family=\"Noto Sans Devanagari\"",
    ] {
        assert!(svg.contains(part), "{part} not in {svg}");
    }
    let text = without_tags(&svg);
    for name in [EMOJI, CJK, DEVANAGARI, RTL, ARABIC] {
        assert!(text.contains(name), "{name:?} is not in the chart");
    }
    assert!(!svg.contains('\u{202E}'), "the override is dropped");
}

/// The SVG's text: everything outside its tags.
fn without_tags(svg: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in svg.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}
