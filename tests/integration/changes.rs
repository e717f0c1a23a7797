//! What changed between packs: a pack exported, three things edited and saved through the
//! session the window uses, a second pack exported; its appendix lists the three changes (and
//! only them), named as the screens name things, read back with pdftotext.

use appraise::session::{Dirs, Edit, Session, Source};

use crate::util::{Dir, pdf_text};

/// The second pack's "What changed since the last pack", up to the next appendix.
fn changes_section(text: &str) -> &str {
    let from = text
        .rfind("What changed since the last pack")
        .expect("the changes since the last pack");
    let rest = &text[from..];
    &rest[..rest.find("D. This pack").expect("appendix D after it")]
}

#[test]
fn the_next_pack_lists_the_three_changes_made_since_the_last() {
    let dir = Dir::new();
    let file = dir.path("demo.appraisal");
    let demo = appraise::demo::appraisal();
    appraise::store::create(&file, &demo).unwrap();
    let first = dir.path("first.pdf");
    appraise::report::export(&file, &first, None).unwrap();
    let first_text = pdf_text(&first);
    assert!(
        changes_section(&first_text)
            .contains("No pack was exported from this appraisal before this one"),
        "{}",
        changes_section(&first_text)
    );

    let session = Session::new(
        Source::File(file.clone()),
        Dirs {
            data: dir.path("data"),
            config: dir.path("config"),
        },
    );
    let split = demo.options.iter().find(|o| o.code == "SPLIT").unwrap();
    for edit in [
        Edit::RenameOption {
            code: "SPLIT".into(),
            name: "Split between Stoke and Wolverhampton".into(),
        },
        Edit::SetScore {
            option: "DM".into(),
            criterion: "QUA-STD".into(),
            scorer: "MD".into(),
            value: "5".into(),
        },
        Edit::SetTitle {
            value: "Future of hospital services in mid Staffordshire: March update".into(),
        },
    ] {
        session.apply(&edit).unwrap();
    }
    session.save().unwrap();
    let second = dir.path("second.pdf");
    appraise::report::export(&file, &second, None).unwrap();

    let text = pdf_text(&second);
    let section = changes_section(&text);
    assert!(
        section.contains("The last pack was exported at"),
        "{section}"
    );
    assert!(
        section.contains("Since then 3 changes were saved"),
        "{section}"
    );
    let standards = &demo
        .criteria
        .iter()
        .find(|c| c.code == "QUA-STD")
        .unwrap()
        .name;
    let scorer = &demo.scorers.iter().find(|s| s.code == "MD").unwrap().name;
    let old_score = demo
        .scores
        .iter()
        .find(|s| s.option == "DM" && s.criterion == "QUA-STD" && s.scorer == "MD")
        .unwrap()
        .value;
    for (what, before, after) in [
        (
            "Split between Stoke and Wolverhampton (option): name".to_owned(),
            split.name.clone(),
            "Split between Stoke and Wolverhampton".to_owned(),
        ),
        (
            format!("Score of Do minimum on {standards} by {scorer}: value"),
            format!("{old_score:.1}"),
            "5.0".to_owned(),
        ),
        (
            "About the appraisal: title".to_owned(),
            demo.meta.title.clone(),
            "Future of hospital services in mid Staffordshire: March update".to_owned(),
        ),
    ] {
        let at = section
            .find(&what)
            .unwrap_or_else(|| panic!("{what} is not among the changes: {section}"));
        let row = &section[at..];
        let b = row
            .find(&before)
            .unwrap_or_else(|| panic!("{what}: no {before} in {row}"));
        let a = row[b + before.len()..].find(&after);
        assert!(a.is_some(), "{what}: no {after} after {before} in {row}");
    }
}
