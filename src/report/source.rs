//! The pack's typst source: page setup (A4, footer with page x of y, the title and the input
//! fingerprint on every page), the cover and contents, then each section in order.
//!
//! The fingerprint is not known while the source is written: the source names it as
//! `input-fingerprint` (and its first digits as `input-fingerprint-short`), which
//! [`fingerprint_prelude`] defines once it is made.

use super::doc::Doc;
use super::escape::{lit, text};
use super::fingerprint::short;
use super::{PackInput, PackOptions, ReportError, bidi, fields, glyphs, sections};
use crate::charts::font;
use crate::model::Status;

/// The status as printed on the cover and in the header.
pub fn status_label(status: Status) -> &'static str {
    match status {
        Status::Draft => "DRAFT",
        Status::Final => "FINAL",
    }
}

/// The typst source and the chart files it reads, each by its path in the world.
pub type Document = (String, Vec<(String, Vec<u8>)>);

/// The whole document and the chart files it reads; or, if some of the appraisal's text holds
/// a character none of the pack's fonts can draw, why, naming its field.
///
/// Right-to-left names are isolated wherever they are printed (see [`bidi`]).
pub fn document(input: &PackInput, options: &PackOptions) -> Result<Document, ReportError> {
    let mut doc = Doc::default();
    setup(&mut doc, input, options);
    cover(&mut doc, input, options);
    doc.raw("#outline(title: [Contents], depth: 2)\n#pagebreak()");
    sections::write(&mut doc, input, options);
    let (src, files) = doc.finish();
    let fields = fields::printed(input.appraisal);
    glyphs::check(&src, &fields).map_err(ReportError::Typeset)?;
    let names = fields.iter().filter(|f| f.name).map(|f| f.text);
    Ok((bidi::isolate(&src, names), files))
}

/// The lines defining the fingerprint the source names, to go before it once the fingerprint
/// is made.
pub fn fingerprint_prelude(fingerprint: &str) -> String {
    format!(
        "#let input-fingerprint = {}\n#let input-fingerprint-short = {}\n",
        lit(fingerprint),
        lit(short(fingerprint))
    )
}

/// The pack's font list for typst: DejaVu Sans, then the fallbacks for other scripts.
fn font_list() -> String {
    let families: Vec<String> = std::iter::once(font::FAMILY)
        .chain(font::FALLBACKS)
        .map(lit)
        .collect();
    format!("({})", families.join(", "))
}

fn setup(doc: &mut Doc, input: &PackInput, options: &PackOptions) {
    let m = &input.appraisal.meta;
    let status = status_label(options.status);
    doc.raw(&format!(
        r##"#set document(title: {title}, author: {author})
#set text(font: {font}, size: 9.5pt, lang: "en", region: "gb", hyphenate: false)
#set par(leading: 0.62em, spacing: 1.1em)
#set page(
  paper: "a4",
  margin: (x: 2cm, top: 2.2cm, bottom: 2.4cm),
  header: context {{
    if counter(page).get().first() > 1 {{
      set text(size: 7.5pt, fill: luma(90))
      grid(columns: (1fr, auto), {short_title}, strong({status}))
    }}
  }},
  footer: context {{
    set text(size: 7.5pt, fill: luma(90))
    line(length: 100%, stroke: 0.4pt + luma(180))
    v(-4pt)
    grid(columns: (1fr, auto, auto), column-gutter: 1.5em,
      {short_title},
      [Fingerprint #text(font: "DejaVu Sans Mono", input-fingerprint-short)],
      [Page #counter(page).display() of #counter(page).final().first()])
  }},
)
#set heading(numbering: "1.1")
#show heading: set text(fill: rgb("#0b3d6b"))
#show heading.where(level: 1): set text(size: 16pt)
#show heading.where(level: 1): set block(above: 1.6em, below: 1em)
#show heading.where(level: 2): set text(size: 12pt)
#set table(stroke: 0.4pt + luma(190), inset: (x: 4pt, y: 3pt))
#show table: set text(size: 8pt)
#show table: set par(justify: false)
#show figure: set block(breakable: false)
#set figure(gap: 6pt)
#show figure.caption: set text(size: 8pt, fill: luma(70))
"##,
        title = lit(&m.title),
        author = lit(&m.author),
        font = font_list(),
        short_title = text_block(&crate::charts::shorten(&m.title, 80)),
        status = lit(status),
    ));
}

/// User text as a content block for use in code: `[#"..."]`.
fn text_block(s: &str) -> String {
    format!("[{}]", text(s))
}

fn cover(doc: &mut Doc, input: &PackInput, options: &PackOptions) {
    let a = input.appraisal;
    let m = &a.meta;
    let date = options
        .at
        .format(time::macros::format_description!(
            "[day padding:none] [month repr:long] [year]"
        ))
        .unwrap_or_default();
    let status = status_label(options.status);
    let changes = match a.audit.len() {
        1 => "1 recorded change".to_owned(),
        n => format!("{n} recorded changes"),
    };
    let last_saved = a
        .audit
        .last()
        .map(|e| e.at.clone())
        .unwrap_or_else(|| "never saved".to_owned());
    doc.raw(&format!(
        r##"#page(header: none)[
#v(1.5cm)
#text(size: 10pt, fill: luma(90))[Options appraisal: board pack]
#v(0.4cm)
#text(size: 22pt, weight: "bold", fill: rgb("#0b3d6b"))[{title}]
#v(0.3cm)
#text(size: 13pt)[{economy}]
#v(1cm)
#block(stroke: 1.5pt + {status_colour}, inset: 10pt)[#text(size: 20pt, weight: "bold", fill: {status_colour})[{status}]]
#v(1cm)
#table(columns: (auto, 1fr), stroke: none, inset: (x: 0pt, y: 4pt), column-gutter: 1.2em,
  [*Date of this pack*], [{date}],
  [*Prepared by*], [{author}],
  [*Version*], [Input fingerprint #text(font: "DejaVu Sans Mono", input-fingerprint-short)\; {changes}, last saved {last_saved}],
  [*Full fingerprint*], [#text(font: "DejaVu Sans Mono", size: 8pt, input-fingerprint)],
)
{illustrative}
#v(1fr)
#text(size: 8pt, fill: luma(90))[The input fingerprint is the SHA-256 of the appraisal's content (its JSON text form without the audit trail and export records). Every page carries its first 12 digits: a board member can check that the pack they read was made from the appraisal they are asked to approve.]
]
"##,
        title = text(&m.title),
        economy = text(&m.health_economy),
        status_colour = if options.status == Status::Final {
            "rgb(\"#009e73\")"
        } else {
            "rgb(\"#d55e00\")"
        },
        date = text(&date),
        author = text(&m.author),
        changes = changes,
        last_saved = text(&last_saved),
        illustrative = if m.illustrative {
            "#v(0.6cm)\n#block(fill: rgb(\"#fdf2e0\"), inset: 10pt, width: 100%)[*Illustrative appraisal.* Its figures, scores, panel members and evidence are invented for illustration: it is not a recommendation.]"
        } else {
            ""
        },
    ));
}
