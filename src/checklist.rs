//! What a complete appraisal needs, step by step, for the Overview's set-up checklist and
//! `appraise show`: a team starting from nothing sees what to add next and where, instead of
//! finding out from an empty pack.

use serde::Serialize;

use crate::charts::count;
use crate::model::{Appraisal, OptionKind, Source};

/// One thing a complete appraisal has, in the order a team usually adds them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "SetupStep"))]
#[serde(rename_all = "snake_case")]
pub enum Step {
    Organisations,
    Sites,
    Services,
    Zones,
    Options,
    Criteria,
    Scores,
    Finances,
}

impl Step {
    pub fn label(self) -> &'static str {
        match self {
            Step::Organisations => "Organisations",
            Step::Sites => "Sites",
            Step::Services => "Services",
            Step::Zones => "Population zones",
            Step::Options => "Options",
            Step::Criteria => "Criteria and weights",
            Step::Scores => "Panel scores",
            Step::Finances => "Financial baselines",
        }
    }
}

/// Where one step stands.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "SetupItem"))]
pub struct Item {
    pub step: Step,
    pub label: String,
    pub done: bool,
    /// What is there, or what is still to add, in plain English.
    pub status: String,
}

/// Every step of `a`, done or with what is missing.
pub fn checklist(a: &Appraisal) -> Vec<Item> {
    let item = |step: Step, done: bool, status: String| Item {
        step,
        label: step.label().to_owned(),
        done,
        status,
    };
    vec![
        item(
            Step::Organisations,
            !a.organisations.is_empty(),
            match a.organisations.len() {
                0 => "None yet: add the trusts and other bodies the options bring together."
                    .to_owned(),
                n => plural(n, "organisation"),
            },
        ),
        sites(a, item),
        services(a, item),
        item(
            Step::Zones,
            !a.zones.is_empty(),
            if a.zones.is_empty() {
                "None yet: build them from the official files, or add them one by one.".to_owned()
            } else {
                let people: f64 = a.zones.iter().map(|z| z.population).sum();
                format!(
                    "{}, {} people",
                    plural(a.zones.len(), "zone"),
                    count(people)
                )
            },
        ),
        options(a, item),
        criteria(a, item),
        scores(a, item),
        finances(a, item),
    ]
}

fn sites(a: &Appraisal, item: impl Fn(Step, bool, String) -> Item) -> Item {
    let unplaced = a
        .sites
        .iter()
        .filter(|s| s.latitude.is_none() || s.longitude.is_none())
        .count();
    let status = match (a.sites.len(), unplaced) {
        (0, _) => "None yet: add each hospital site with where it is.".to_owned(),
        (n, 0) => plural(n, "site"),
        (n, u) => format!("{}; {u} without coordinates", plural(n, "site")),
    };
    item(Step::Sites, !a.sites.is_empty() && unplaced == 0, status)
}

fn services(a: &Appraisal, item: impl Fn(Step, bool, String) -> Item) -> Item {
    let offered = |code: &str| a.sites.iter().any(|s| s.services.iter().any(|c| c == code));
    let nowhere: Vec<&str> = a
        .services
        .iter()
        .filter(|s| !offered(&s.code))
        .map(|s| s.name.as_str())
        .collect();
    let status = match (a.services.len(), nowhere.as_slice()) {
        (0, _) => "None yet: add the services journeys are measured to (A&E, maternity…) and the sites that offer them today.".to_owned(),
        (n, []) => plural(n, "service"),
        (n, none) => format!("{}; offered at no site today: {}", plural(n, "service"), none.join(", ")),
    };
    item(
        Step::Services,
        !a.services.is_empty() && nowhere.is_empty(),
        status,
    )
}

fn options(a: &Appraisal, item: impl Fn(Step, bool, String) -> Item) -> Item {
    let do_minimum = a.options.iter().any(|o| o.kind == OptionKind::DoMinimum);
    let status = match (a.options.len(), do_minimum) {
        (0, _) => {
            "None yet: add the do minimum and at least one option to compare with it.".to_owned()
        }
        (1, _) => "1 option: add at least one more to compare.".to_owned(),
        (n, false) => format!(
            "{}; none is the do minimum the others are compared with",
            plural(n, "option")
        ),
        (n, true) => format!("{}, one of them the do minimum", plural(n, "option")),
    };
    item(Step::Options, a.options.len() >= 2 && do_minimum, status)
}

fn criteria(a: &Appraisal, item: impl Fn(Step, bool, String) -> Item) -> Item {
    let leaves = a.criteria.iter().filter(|c| c.leaf().is_some()).count();
    let unsummed = crate::score::sums::reason(&a.criteria);
    let status = match (leaves, &unsummed) {
        (0, _) => {
            "None yet: add what the options are judged on, and how much each matters.".to_owned()
        }
        (n, Some(reason)) => format!("{}; {reason}", plural(n, "criterion")),
        (n, None) => format!("{}, weights summing to 100%", plural(n, "criterion")),
    };
    item(Step::Criteria, leaves > 0 && unsummed.is_none(), status)
}

fn scores(a: &Appraisal, item: impl Fn(Step, bool, String) -> Item) -> Item {
    let panel: Vec<&str> = a
        .criteria
        .iter()
        .filter(|c| c.leaf().is_some_and(|l| l.source == Source::Panel) && c.weight > 0.0)
        .map(|c| c.code.as_str())
        .collect();
    let cells = panel.len() * a.options.len();
    let scored = a
        .options
        .iter()
        .flat_map(|o| panel.iter().map(move |c| (o.code.as_str(), *c)))
        .filter(|(o, c)| a.scores.iter().any(|s| s.option == *o && s.criterion == *c))
        .count();
    let status = if cells == 0 {
        "Nothing to score yet: the options and the criteria the panel scores come first.".to_owned()
    } else if a.scorers.is_empty() {
        "No panel members yet: add the people who score, then their scores.".to_owned()
    } else if scored == cells {
        format!(
            "every option scored on {}",
            plural(panel.len(), "criterion")
        )
    } else {
        format!("{scored} of {cells} option and criterion pairs scored")
    };
    item(Step::Scores, cells > 0 && scored == cells, status)
}

fn finances(a: &Appraisal, item: impl Fn(Step, bool, String) -> Item) -> Item {
    let without: Vec<&str> = a
        .organisations
        .iter()
        .filter(|o| o.baseline.is_empty())
        .map(|o| o.name.as_str())
        .collect();
    let status = match (a.organisations.len(), without.as_slice()) {
        (0, _) => {
            "The organisations come first; then each one's income and costs by year.".to_owned()
        }
        (_, []) => "every organisation has its income and costs by year".to_owned(),
        (_, none) => format!("no baseline yet for {}", none.join(", ")),
    };
    item(
        Step::Finances,
        !a.organisations.is_empty() && without.is_empty(),
        status,
    )
}

/// "1 site", "3 sites", "2 criteria".
fn plural(n: usize, one: &str) -> String {
    let many = match one {
        "criterion" => "criteria".to_owned(),
        _ => format!("{one}s"),
    };
    format!("{n} {}", if n == 1 { one } else { &many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_is_complete_and_a_new_appraisal_has_everything_to_add() {
        let demo = checklist(&crate::demo::appraisal());
        let open: Vec<(Step, &str)> = demo
            .iter()
            .filter(|i| !i.done)
            .map(|i| (i.step, i.status.as_str()))
            .collect();
        assert_eq!(open, Vec::<(Step, &str)>::new());
        assert_eq!(demo[0].status, "8 organisations");
        assert_eq!(demo[4].status, "5 options, one of them the do minimum");

        let new = checklist(&Appraisal::new("New"));
        assert_eq!(new.len(), 8);
        assert!(new.iter().all(|i| !i.done));
        assert!(new[0].status.starts_with("None yet: add the trusts"));
    }

    #[test]
    fn each_step_names_what_is_missing() {
        let mut a = crate::demo::appraisal();
        a.sites[0].latitude = None;
        a.criteria
            .iter_mut()
            .find(|c| c.parent.is_none())
            .unwrap()
            .weight -= 0.3;
        let first_option = a.options[0].code.clone();
        a.scores.retain(|s| s.option != first_option);
        let name = a.organisations[1].name.clone();
        a.organisations[1].baseline.clear();
        a.options.retain(|o| o.kind != OptionKind::DoMinimum);
        let list = checklist(&a);
        let status = |step: Step| {
            let i = list.iter().find(|i| i.step == step).unwrap();
            assert!(!i.done, "{step:?} is done");
            i.status.clone()
        };
        assert_eq!(status(Step::Sites), "8 sites; 1 without coordinates");
        assert!(status(Step::Criteria).contains("the top-level groups sum to 70%"));
        assert_eq!(
            status(Step::Options),
            "4 options; none is the do minimum the others are compared with"
        );
        assert_eq!(
            status(Step::Finances),
            format!("no baseline yet for {name}")
        );
        assert!(list.iter().find(|i| i.step == Step::Zones).unwrap().done);
    }
}
