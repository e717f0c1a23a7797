//! The appraisal's own text that the pack may print, each piece with the words that name its
//! field ("option 'Merger' name"), so a problem with a character of it can say where to look,
//! and with whether it is a short name printed inside generated sentences.
//!
//! Codes are left out (identifiers, checked as part of the sentence they are printed in), and so
//! are the zones, whose names the pack does not print.

use crate::charts;
use crate::model::{Appraisal, CriterionKind, ValueFunction};

/// A user's text inside a message: at most 60 characters.
pub(super) fn quoted(text: &str) -> String {
    charts::shorten(text, 60)
}

/// One piece of the appraisal's text.
#[derive(Debug, Clone, PartialEq)]
pub struct Field<'a> {
    /// The field in words: "option 'Merger' name".
    pub label: String,
    pub text: &'a str,
    /// A title, name, role or label: short text the pack puts inside its own sentences.
    pub name: bool,
}

#[derive(Default)]
struct Fields<'a>(Vec<Field<'a>>);

impl<'a> Fields<'a> {
    fn name(&mut self, label: String, text: &'a str) {
        self.0.push(Field {
            label,
            text,
            name: true,
        });
    }

    fn prose(&mut self, label: String, text: &'a str) {
        self.0.push(Field {
            label,
            text,
            name: false,
        });
    }
}

/// Every text field of `a` the pack may print, the appraisal's own first, then the options',
/// the organisations', sites', services', criteria's and the panel's.
pub fn printed(a: &Appraisal) -> Vec<Field<'_>> {
    let mut f = Fields::default();
    let m = &a.meta;
    f.name("the appraisal's title".to_owned(), &m.title);
    f.name("the health economy".to_owned(), &m.health_economy);
    f.name("the appraisal's author".to_owned(), &m.author);
    f.prose("the appraisal's description".to_owned(), &m.description);
    for o in &a.options {
        let at = format!("option '{}'", quoted(&o.name));
        f.name(format!("{at} name"), &o.name);
        f.prose(format!("{at} description"), &o.description);
        for s in &o.finance.synergies {
            f.name(format!("{at} synergy category"), &s.category);
        }
        for c in &o.finance.one_off_costs {
            f.name(format!("{at} one-off cost category"), &c.category);
        }
        for c in &o.finance.capital {
            f.prose(format!("{at} capital description"), &c.description);
        }
    }
    for o in &a.organisations {
        f.name(format!("organisation '{}' name", quoted(&o.name)), &o.name);
    }
    for s in &a.sites {
        f.name(format!("site '{}' name", quoted(&s.name)), &s.name);
    }
    for s in &a.services {
        f.name(format!("service '{}' name", quoted(&s.name)), &s.name);
    }
    for c in &a.criteria {
        let at = format!("criterion '{}'", quoted(&c.name));
        f.name(format!("{at} name"), &c.name);
        f.prose(format!("{at} description"), &c.description);
        if let CriterionKind::Leaf(leaf) = &c.kind {
            f.name(format!("{at} unit"), &leaf.unit);
            if let ValueFunction::Categorical { categories } = &leaf.value_function {
                for k in categories {
                    f.name(format!("{at} category '{}'", quoted(&k.label)), &k.label);
                }
            }
        }
    }
    for w in &a.weight_sets {
        let at = format!("weight set '{}'", quoted(&w.name));
        f.name(format!("{at} name"), &w.name);
        f.prose(format!("{at} description"), &w.description);
    }
    for s in &a.scorers {
        let at = format!("scorer '{}'", quoted(&s.name));
        f.name(format!("{at} name"), &s.name);
        f.name(format!("{at} role"), &s.role);
    }
    for d in &a.settings.panel_scale.descriptors {
        f.prose(
            format!("the panel scale's descriptor of {}", d.score),
            &d.text,
        );
    }
    for s in &a.scores {
        let at = format!(
            "the score of scorer '{}' for option '{}' on criterion '{}'",
            quoted(&s.scorer),
            quoted(&s.option),
            quoted(&s.criterion)
        );
        f.prose(format!("{at}: rationale"), &s.rationale);
        f.prose(format!("{at}: evidence"), &s.evidence);
    }
    for p in &a.performances {
        f.prose(
            format!(
                "the evidence for option '{}' on criterion '{}'",
                quoted(&p.option),
                quoted(&p.criterion)
            ),
            &p.evidence,
        );
    }
    let rules = &a.settings.finance;
    for (set, overrides) in [
        ("CoSRR", &rules.cosrr.overrides),
        ("SOF", &rules.sof.overrides),
    ] {
        for o in overrides {
            f.prose(format!("a {set} override rule's source"), &o.note);
        }
    }
    f.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_option_name_is_a_named_field_and_descriptions_are_prose() {
        let mut a = crate::demo::appraisal();
        a.options[1].name = "North ☃".to_owned();
        let fields = printed(&a);
        let name = fields
            .iter()
            .find(|f| f.text == "North ☃")
            .map(|f| (f.label.as_str(), f.name));
        assert_eq!(name, Some(("option 'North ☃' name", true)));
        let description = fields
            .iter()
            .find(|f| f.label == "option 'North ☃' description")
            .map(|f| (f.text, f.name));
        assert_eq!(
            description,
            Some((a.options[1].description.as_str(), false))
        );
        assert_eq!(fields[0].label, "the appraisal's title");
        assert_eq!(fields[0].text, a.meta.title);
    }
}
