//! The terms a board member meets in the window and the pack, in plain English: one list, so
//! the window's help (F1) and the pack's glossary say the same, and each says how Appraise
//! computes it where that matters.

use serde::Serialize;

/// One term and what it means.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "GlossaryTerm"))]
pub struct Term {
    /// As the screens and the pack write it ("CoSRR").
    pub term: &'static str,
    /// Written out, when the term is an abbreviation.
    pub stands_for: &'static str,
    pub meaning: &'static str,
}

const fn term(term: &'static str, stands_for: &'static str, meaning: &'static str) -> Term {
    Term {
        term,
        stands_for,
        meaning,
    }
}

/// Every term, in alphabetical order.
pub const TERMS: &[Term] = &[
    term(
        "AHP",
        "Analytic hierarchy process",
        "A way to set the weights of a group from pairwise judgements (\"quality matters three times as much as cost\"). The weights are the principal eigenvector of the judgements; the consistency ratio says how far the judgements contradict each other, and under 0.10 is taken as consistent.",
    ),
    term(
        "Capital service cover",
        "",
        "How many times the money available to service capital (EBITDA plus interest received) covers what must be paid on it (PDC dividend, interest and loan repayments) in a year. Below 1 the organisation cannot meet its capital payments from its own income.",
    ),
    term(
        "CoSRR",
        "Continuity of service risk rating",
        "Monitor's 2013 financial risk rating of a foundation trust, from its capital service cover and its liquidity, each rated 1 to 4. Here 4 is least risk and 1 most; the overall rating is the mean of the two rounded up, and a 1 on either caps it at 2.",
    ),
    term(
        "Do minimum",
        "",
        "The option of carrying on as now with only the changes that must happen. Every other option is compared with it: its net present value, and whose journeys grow, are measured against the do minimum.",
    ),
    term(
        "Holistic acceptability",
        "",
        "One SMAA figure per option that sums up all its rank acceptabilities: first place counts fully, last place not at all and the ranks between in equal steps. An option that is often first or second scores near 100%; one that is usually last, near 0%.",
    ),
    term(
        "Hurdle",
        "",
        "A pass or fail test an option must pass to be preferred, whatever its score: for example NHS England's four tests of service change. An option failing a hurdle ranks below every option that passes.",
    ),
    term(
        "I&E margin",
        "Income and expenditure margin",
        "The surplus (or deficit, when negative) as a share of operating income in a year.",
    ),
    term(
        "IMD",
        "Index of Multiple Deprivation",
        "The official measure of relative deprivation of small areas in England. Decile 1 is the most deprived tenth of areas; quintile 1 the most deprived fifth. Travel changes are reported by quintile so a board sees who is hit hardest.",
    ),
    term(
        "Liquidity",
        "",
        "How many days of operating costs the organisation's working capital (current assets less current liabilities, plus any committed facility) would pay for. Negative days mean it relies on borrowing to pay its bills.",
    ),
    term(
        "NPV",
        "Net present value",
        "An option's costs and savings over the appraisal years, each year discounted to today at the Green Book rate (3.5% a year for the first 30 years), added up. Shown against the do minimum: positive means the option is worth more than doing the minimum.",
    ),
    term(
        "Rank acceptability",
        "",
        "The share of SMAA's draws in which an option takes a given rank: a first-rank acceptability of 60% means it comes first in 60% of the weights (and scores) that fit what the panel said.",
    ),
    term(
        "SMAA",
        "Stochastic multicriteria acceptability analysis",
        "A test of how robust the ranking is: it draws many sets of weights (and, if set, scores) that fit what is known about them, ranks the options under each, and counts how often each option takes each rank. Its figures carry a standard error from the number of draws.",
    ),
    term(
        "SOF",
        "Single oversight framework",
        "NHS Improvement's 2016 framework. Its finance score rates capital service capacity, liquidity, I&E margin, distance from the financial plan and agency spending, each 1 to 4, and combines them; here 1 is best and 4 worst, the other way round from the CoSRR.",
    ),
    term(
        "Swing weighting",
        "",
        "A way to set weights: the panel ranks how much the swing from the worst to the best performance on each criterion matters, gives the most important swing 100 and the others a number against it; the weights are those numbers scaled to sum to 100%.",
    ),
    term(
        "Switch point",
        "",
        "The weight at which a criterion (or group) would change which option comes first, the weights beside it keeping their proportions. A switch point close to the weight given means the ranking is fragile to that judgement.",
    ),
    term(
        "Tornado",
        "",
        "A chart of how far the preferred option's lead over the runner-up moves when each weight is moved up and down by a set share of itself, and each panel score to the panel's lowest and highest for it: the widest bars are the judgements the answer depends on most.",
    ),
    term(
        "Value function",
        "",
        "How a criterion's performance (a score, days of liquidity, minutes of travel) turns into a value from 0 to 100 before it is weighted: a straight line between a worst and a best, a curve through points, or a value per category.",
    ),
    term(
        "Weight",
        "",
        "How much a criterion counts against the others beside it in its group; the weights of a group sum to 100%. A criterion's share of the total is its weight times its group's, up the tree.",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_term_the_issue_names_is_defined_once_in_order() {
        for needed in [
            "CoSRR",
            "SOF",
            "NPV",
            "SMAA",
            "Switch point",
            "Holistic acceptability",
        ] {
            assert_eq!(
                TERMS.iter().filter(|t| t.term == needed).count(),
                1,
                "{needed}"
            );
        }
        let keys: Vec<String> = TERMS.iter().map(|t| t.term.to_lowercase()).collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted);
        assert!(TERMS.iter().all(|t| t.meaning.ends_with('.')));
    }
}
