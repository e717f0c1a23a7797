//! Whether each group's local weights sum to 100%: a ranking from weights that do not is not
//! the panel's weighting at all (a group at 70% counts for less than it was meant to), so the
//! engine then prefers no option and says why.

use crate::model::Criterion;
use crate::model::WEIGHT_TOLERANCE;

/// One group whose children's local weights do not sum to 1.
#[derive(Debug, Clone, PartialEq)]
pub struct Unsummed {
    /// The group's code; none for the top level.
    pub parent: Option<String>,
    /// The group's name as the reason prints it ("the top-level groups", "the criteria under Quality").
    pub label: String,
    pub sum: f64,
}

/// Every sibling group whose weights are more than [`WEIGHT_TOLERANCE`] away from 1, in the
/// order the tree first names them (the validator's tolerance, so the two never disagree).
pub fn unsummed(criteria: &[Criterion]) -> Vec<Unsummed> {
    let mut sums: Vec<(Option<&str>, f64)> = Vec::new();
    for c in criteria {
        let p = c.parent.as_deref();
        match sums.iter_mut().find(|(q, _)| *q == p) {
            Some((_, s)) => *s += c.weight,
            None => sums.push((p, c.weight)),
        }
    }
    sums.into_iter()
        .filter(|(_, s)| (s - 1.0).abs() > WEIGHT_TOLERANCE)
        .map(|(p, sum)| Unsummed {
            parent: p.map(str::to_owned),
            label: match p {
                None => "the top-level groups".to_owned(),
                Some(code) => format!(
                    "the criteria under {}",
                    criteria
                        .iter()
                        .find(|c| c.code == code)
                        .map_or(code, |c| c.name.as_str())
                ),
            },
            sum,
        })
        .collect()
}

/// Why no option can be preferred from these weights, in words a board member reads
/// ("weights do not sum to 100%: the top-level groups sum to 70%"); none when every group sums.
pub fn reason(criteria: &[Criterion]) -> Option<String> {
    let off = unsummed(criteria);
    if off.is_empty() {
        return None;
    }
    let parts: Vec<String> = off
        .iter()
        .map(|u| format!("{} sum to {}%", u.label, percent(u.sum)))
        .collect();
    Some(format!("weights do not sum to 100%: {}", parts.join("; ")))
}

/// A share as a percentage with at most two decimals and no trailing zeros (0.7 -> "70",
/// 0.9995 -> "99.95").
pub fn percent(share: f64) -> String {
    let s = format!("{:.2}", share * 100.0);
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::CriterionKind;

    fn node(code: &str, name: &str, parent: Option<&str>, weight: f64) -> Criterion {
        Criterion {
            code: code.into(),
            name: name.into(),
            description: String::new(),
            parent: parent.map(Into::into),
            weight,
            kind: CriterionKind::Group,
        }
    }

    #[test]
    fn top_level_weights_at_70_percent_are_named_with_their_sum() {
        // 0.4 + 0.3 = 0.7 at the top; Quality's children 0.5 + 0.5 = 1.
        let cs = vec![
            node("Q", "Quality", None, 0.4),
            node("Q1", "Standards", Some("Q"), 0.5),
            node("Q2", "Workforce", Some("Q"), 0.5),
            node("V", "Viability", None, 0.3),
        ];
        let off = unsummed(&cs);
        assert_eq!(off.len(), 1);
        assert_eq!(off[0].parent, None);
        assert!((off[0].sum - 0.7).abs() < 1e-12);
        assert_eq!(
            reason(&cs).as_deref(),
            Some("weights do not sum to 100%: the top-level groups sum to 70%")
        );
    }

    #[test]
    fn a_group_off_by_more_than_the_validators_tolerance_is_named() {
        // Top level sums to 1; Quality's children 0.5 + 0.4 = 0.9; a gap of 1e-7 is within
        // the tolerance (1e-6) and passes.
        let cs = vec![
            node("Q", "Quality", None, 0.6),
            node("Q1", "Standards", Some("Q"), 0.5),
            node("Q2", "Workforce", Some("Q"), 0.4),
            node("V", "Viability", None, 0.4 - 1e-7),
        ];
        assert_eq!(
            reason(&cs).as_deref(),
            Some("weights do not sum to 100%: the criteria under Quality sum to 90%")
        );
        let fixed: Vec<Criterion> = cs
            .into_iter()
            .map(|mut c| {
                if c.code == "Q2" {
                    c.weight = 0.5;
                }
                c
            })
            .collect();
        assert_eq!(reason(&fixed), None);
    }

    #[test]
    fn percentages_keep_two_decimals_at_most() {
        assert_eq!(percent(0.7), "70");
        assert_eq!(percent(0.9995), "99.95");
        assert_eq!(percent(1.105), "110.5");
    }
}
