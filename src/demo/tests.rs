use std::collections::{BTreeMap, BTreeSet};

use super::appraisal;
use crate::model::{
    Appraisal, CriterionKind, OptionKind, OrgKind, RawValue, Source, ValueFunction, WeightingMethod,
};

fn codes<'a>(items: impl IntoIterator<Item = &'a String>) -> BTreeSet<&'a str> {
    items.into_iter().map(String::as_str).collect()
}

fn panel_leaves(a: &Appraisal) -> Vec<&str> {
    a.criteria
        .iter()
        .filter(|c| matches!(c.leaf().map(|l| &l.source), Some(Source::Panel)))
        .map(|c| c.code.as_str())
        .collect()
}

const TESTS: [&str; 4] = ["TEST-ENG", "TEST-CHOICE", "TEST-EVID", "TEST-COMM"];

#[test]
fn is_marked_illustrative() {
    let a = appraisal();
    assert!(a.meta.illustrative);
    assert!(a.meta.title.starts_with("Illustrative:"));
    assert!(a.meta.description.contains("Illustrative"));
    assert_eq!(a.meta.base_year, 2013);
    assert_eq!(a.meta.horizon_years, 10);
    assert_eq!(
        a.meta.discount,
        crate::model::DiscountSchedule::green_book()
    );
}

#[test]
fn has_the_required_counts() {
    let a = appraisal();
    assert!(a.organisations.len() >= 5);
    assert!(a.sites.len() >= 6);
    assert!(a.zones.len() >= 15);
    assert!(a.services.len() >= 4);
    assert_eq!(a.options.len(), 5);
    assert_eq!(a.scorers.len(), 3);
    let kinds: Vec<OptionKind> = a.options.iter().map(|o| o.kind).collect();
    assert_eq!(
        kinds,
        [
            OptionKind::DoMinimum,
            OptionKind::Merger,
            OptionKind::Split,
            OptionKind::Ico,
            OptionKind::Merger,
        ]
    );
    for kind in [
        OrgKind::Community,
        OrgKind::SocialCare,
        OrgKind::Commissioner,
    ] {
        assert!(a.organisations.iter().any(|o| o.kind == kind), "{kind:?}");
    }
}

#[test]
fn codes_are_unique() {
    let a = appraisal();
    let check = |name: &str, list: Vec<&String>| {
        let n = list.len();
        assert_eq!(codes(list).len(), n, "duplicate {name} code");
    };
    check(
        "organisation",
        a.organisations.iter().map(|o| &o.code).collect(),
    );
    check("site", a.sites.iter().map(|s| &s.code).collect());
    check("service", a.services.iter().map(|s| &s.code).collect());
    check("zone", a.zones.iter().map(|z| &z.code).collect());
    check("option", a.options.iter().map(|o| &o.code).collect());
    check("criterion", a.criteria.iter().map(|c| &c.code).collect());
    check("scorer", a.scorers.iter().map(|s| &s.code).collect());
    check(
        "weight set",
        a.weight_sets.iter().map(|w| &w.code).collect(),
    );
}

#[test]
fn every_reference_resolves() {
    let a = appraisal();
    let orgs = codes(a.organisations.iter().map(|o| &o.code));
    let sites = codes(a.sites.iter().map(|s| &s.code));
    let services = codes(a.services.iter().map(|s| &s.code));
    let options = codes(a.options.iter().map(|o| &o.code));
    let criteria = codes(a.criteria.iter().map(|c| &c.code));
    let scorers = codes(a.scorers.iter().map(|s| &s.code));
    for s in &a.sites {
        assert!(orgs.contains(s.organisation.as_str()), "{}", s.code);
        for sv in &s.services {
            assert!(services.contains(sv.as_str()), "{}: {sv}", s.code);
        }
    }
    for o in &a.options {
        for m in &o.members {
            assert!(orgs.contains(m.as_str()), "{}: {m}", o.code);
        }
        for ss in &o.site_services {
            assert!(sites.contains(ss.site.as_str()), "{}", o.code);
            assert!(services.contains(ss.service.as_str()), "{}", o.code);
        }
        for t in &o.site_transfers {
            assert!(sites.contains(t.site.as_str()));
            assert!(orgs.contains(t.to_organisation.as_str()));
            assert!(o.members.contains(&t.to_organisation));
            assert!((0.0..=1.0).contains(&t.income_share));
            assert!((0.0..=1.0).contains(&t.cost_share));
        }
        for t in &o.finance.income_transfers {
            assert!(orgs.contains(t.from_organisation.as_str()));
            assert!(o.members.contains(&t.to_organisation));
        }
    }
    for c in &a.criteria {
        if let Some(p) = &c.parent {
            assert!(criteria.contains(p.as_str()), "{}", c.code);
        }
    }
    for s in &a.scores {
        assert!(options.contains(s.option.as_str()));
        assert!(criteria.contains(s.criterion.as_str()));
        assert!(scorers.contains(s.scorer.as_str()));
    }
    for p in &a.performances {
        assert!(options.contains(p.option.as_str()));
        assert!(criteria.contains(p.criterion.as_str()));
    }
    for w in &a.weightings {
        if let Some(p) = &w.parent {
            assert!(criteria.contains(p.as_str()));
        }
    }
    for set in &a.weight_sets {
        for e in &set.weights {
            assert!(criteria.contains(e.criterion.as_str()));
        }
    }
}

#[test]
fn every_option_places_a_service_at_every_site() {
    let a = appraisal();
    for o in &a.options {
        for s in &a.sites {
            assert!(
                o.site_services.iter().any(|ss| ss.site == s.code),
                "{} has no service at {}",
                o.code,
                s.code
            );
        }
    }
    // Do minimum is today's configuration.
    let dm = &a.options[0];
    let today: BTreeSet<(&str, &str)> = a
        .sites
        .iter()
        .flat_map(|s| {
            s.services
                .iter()
                .map(move |sv| (s.code.as_str(), sv.as_str()))
        })
        .collect();
    let dm_services: BTreeSet<(&str, &str)> = dm
        .site_services
        .iter()
        .map(|ss| (ss.site.as_str(), ss.service.as_str()))
        .collect();
    assert_eq!(today, dm_services);
}

#[test]
fn sibling_weights_sum_to_one() {
    let a = appraisal();
    let mut groups: BTreeMap<Option<&str>, f64> = BTreeMap::new();
    for c in &a.criteria {
        assert!(c.weight >= 0.0);
        *groups.entry(c.parent.as_deref()).or_default() += c.weight;
    }
    for c in a.criteria.iter().filter(|c| c.kind == CriterionKind::Group) {
        assert!(
            groups.contains_key(&Some(c.code.as_str())),
            "empty group {}",
            c.code
        );
    }
    for (parent, sum) in groups {
        assert!((sum - 1.0).abs() <= 1e-12, "{parent:?} sums to {sum}");
    }
    for set in &a.weight_sets {
        let sum: f64 = set.weights.iter().map(|e| e.value).sum();
        assert!((sum - 1.0).abs() <= 1e-12, "{} sums to {sum}", set.code);
    }
}

#[test]
fn weightings_cover_each_parent_and_swing_matches_weights() {
    let a = appraisal();
    let mut parents: BTreeSet<Option<&str>> =
        a.criteria.iter().map(|c| c.parent.as_deref()).collect();
    for w in &a.weightings {
        assert!(parents.remove(&w.parent.as_deref()), "{:?}", w.parent);
        if let WeightingMethod::Swing { ratings } = &w.method {
            let total: f64 = ratings.iter().map(|r| r.value).sum();
            for r in ratings {
                let c = a.criteria.iter().find(|c| c.code == r.criterion);
                let c = c.expect("swing rating for a known criterion");
                assert_eq!(c.parent, w.parent);
                assert_eq!(r.value / total, c.weight, "{}", c.code);
            }
        }
    }
    assert!(parents.is_empty(), "no weighting for {parents:?}");
    assert!(
        a.weightings
            .iter()
            .any(|w| matches!(w.method, WeightingMethod::Swing { .. }))
    );
}

#[test]
fn every_scorer_scores_every_option_on_every_panel_leaf() {
    let a = appraisal();
    let leaves = panel_leaves(&a);
    assert!(leaves.len() >= 5);
    let (min, max) = (a.settings.panel_scale.min, a.settings.panel_scale.max);
    for o in &a.options {
        for leaf in &leaves {
            for s in &a.scorers {
                let found: Vec<_> = a
                    .scores
                    .iter()
                    .filter(|x| x.option == o.code && x.criterion == *leaf && x.scorer == s.code)
                    .collect();
                assert_eq!(found.len(), 1, "{} {leaf} {}", o.code, s.code);
                let score = found[0];
                assert!((min..=max).contains(&score.value));
                assert!(!score.rationale.trim().is_empty());
                assert!(!score.evidence.trim().is_empty());
            }
        }
    }
    assert_eq!(
        a.scores.len(),
        a.options.len() * leaves.len() * a.scorers.len()
    );
    // No boilerplate: every rationale is different.
    let rationales: BTreeSet<&str> = a.scores.iter().map(|s| s.rationale.as_str()).collect();
    assert_eq!(rationales.len(), a.scores.len());
}

#[test]
fn scorers_disagree_on_a_few_cells() {
    let a = appraisal();
    let mut ranges: BTreeMap<(&str, &str), (f64, f64)> = BTreeMap::new();
    for s in &a.scores {
        let r = ranges
            .entry((s.option.as_str(), s.criterion.as_str()))
            .or_insert((f64::MAX, f64::MIN));
        r.0 = r.0.min(s.value);
        r.1 = r.1.max(s.value);
    }
    let flagged = ranges
        .values()
        .filter(|(lo, hi)| hi - lo > a.settings.disagreement_range)
        .count();
    assert!((1..=3).contains(&flagged), "{flagged} cells flagged");
}

#[test]
fn every_option_has_a_verdict_on_each_of_the_four_tests() {
    let a = appraisal();
    for code in TESTS {
        let c = a
            .criteria
            .iter()
            .find(|c| c.code == code)
            .expect("test criterion");
        let leaf = c.leaf().expect("test is a leaf");
        assert_eq!(c.parent.as_deref(), Some("TESTS"));
        assert_eq!(leaf.source, Source::Assessment);
        assert!(leaf.hurdle.is_some());
    }
    for o in &a.options {
        for code in TESTS {
            let found: Vec<_> = a
                .performances
                .iter()
                .filter(|p| p.option == o.code && p.criterion == code)
                .collect();
            assert_eq!(found.len(), 1, "{} {code}", o.code);
            let p = found[0];
            assert!(
                matches!(&p.value, RawValue::Category(v) if v == "Pass" || v == "Fail"),
                "{} {code}",
                o.code
            );
            assert!(!p.evidence.trim().is_empty());
        }
    }
    let fails: Vec<(&str, &str)> = a
        .performances
        .iter()
        .filter(|p| p.value == RawValue::Category("Fail".to_owned()))
        .map(|p| (p.option.as_str(), p.criterion.as_str()))
        .collect();
    assert_eq!(fails, [("MERGE-E", "TEST-EVID")]);
}

#[test]
fn every_option_has_a_performance_on_every_leaf_no_engine_computes() {
    let a = appraisal();
    let needs_performance = |leaf: &crate::model::LeafSpec| match &leaf.source {
        Source::Panel => false,
        Source::Assessment => true,
        Source::Derived { metric } => !crate::derived::DerivedMetrics::served(metric),
    };
    for c in &a.criteria {
        let Some(leaf) = c.leaf() else { continue };
        if !needs_performance(leaf) {
            assert!(
                !a.performances.iter().any(|p| p.criterion == c.code),
                "{} has a performance though it is computed or scored",
                c.code
            );
            continue;
        }
        for o in &a.options {
            let found: Vec<_> = a
                .performances
                .iter()
                .filter(|p| p.option == o.code && p.criterion == c.code)
                .collect();
            assert_eq!(found.len(), 1, "{} {}", o.code, c.code);
            let p = found[0];
            match (&leaf.value_function, &p.value) {
                (ValueFunction::Categorical { categories }, RawValue::Category(v)) => {
                    assert!(categories.iter().any(|k| &k.label == v), "{v}");
                }
                (ValueFunction::Linear { .. }, RawValue::Number(v)) => assert!(v.is_finite()),
                other => panic!("{} {}: {other:?}", o.code, c.code),
            }
            let derived = matches!(leaf.source, Source::Derived { .. });
            assert_eq!(p.manual, derived);
        }
    }
    assert_eq!(
        a.performances.len(),
        a.options.len()
            * a.criteria
                .iter()
                .filter(|c| c.leaf().is_some_and(needs_performance))
                .count()
    );
}

#[test]
fn baselines_are_consistent() {
    let a = appraisal();
    for o in &a.organisations {
        assert_eq!(o.baseline.len(), 5, "{}", o.code);
        let years: Vec<i32> = o.baseline.iter().map(|y| y.year).collect();
        assert_eq!(years, [2013, 2014, 2015, 2016, 2017]);
        for y in &o.baseline {
            assert!(y.operating_income > 0.0);
            assert!(y.pay > 0.0 && y.non_pay > 0.0);
            assert!(y.agency_spend <= y.pay);
        }
        if matches!(o.kind, OrgKind::SocialCare | OrgKind::Commissioner) {
            continue;
        }
        for y in &o.baseline {
            let pay_share = y.pay / (y.pay + y.non_pay);
            assert!((0.6..=0.7).contains(&pay_share), "{} {}", o.code, y.year);
            let dep_share = y.depreciation / y.operating_income;
            assert!(
                (0.015..=0.045).contains(&dep_share),
                "{} {}",
                o.code,
                y.year
            );
        }
    }
    let surplus = |code: &str| {
        let o = a
            .organisations
            .iter()
            .find(|o| o.code == code)
            .expect("org");
        o.baseline
            .iter()
            .map(|y| {
                (
                    y.operating_income,
                    y.operating_income
                        - y.pay
                        - y.non_pay
                        - y.depreciation
                        - y.pdc_dividend
                        - y.interest_payable
                        + y.interest_receivable,
                    y.current_assets - y.current_liabilities,
                )
            })
            .collect::<Vec<_>>()
    };
    // Mid Staffordshire: ~GBP 160m income, ~GBP 20m deficit every year, net current liabilities.
    for (income, s, net_current) in surplus("RJD") {
        assert!((150_000.0..=175_000.0).contains(&income));
        assert!((-26_000.0..=-17_000.0).contains(&s), "deficit {s}");
        assert!(net_current < 0.0);
    }
    let first = surplus("RJD")[0];
    assert!(
        (first.1 + 20_000.0).abs() <= 1.5,
        "base-year deficit {}",
        first.1
    );
    // Neighbours roughly break even in the base year.
    for code in ["RJE", "RL4", "RJF", "RBK", "R1E"] {
        let (income, s, _) = surplus(code)[0];
        assert!((s / income).abs() < 0.01, "{code}: {s}");
    }
}

#[test]
fn options_finances_are_plausible() {
    let a = appraisal();
    for o in a.options.iter().skip(1) {
        let f = &o.finance;
        let one_off: f64 = f.one_off_costs.iter().map(|c| c.amount).sum();
        let capital: f64 = f.capital.iter().map(|c| c.amount).sum();
        assert!(
            (10_000.0..=40_000.0).contains(&one_off),
            "{}: {one_off}",
            o.code
        );
        assert!(
            (20_000.0..=100_000.0).contains(&capital),
            "{}: {capital}",
            o.code
        );
        for s in &f.synergies {
            assert_eq!(s.phasing.len(), 3);
            assert_eq!(s.phasing.last().copied(), Some(1.0));
        }
        for c in &f.capital {
            assert_eq!(c.optimism_bias, c.category.upper_bound_capex());
        }
        // Synergies are a few per cent of the members' combined cost.
        let cost: f64 = o
            .members
            .iter()
            .filter_map(|m| a.organisations.iter().find(|x| &x.code == m))
            .map(|x| x.baseline[0].pay + x.baseline[0].non_pay)
            .sum();
        let synergy: f64 = f.synergies.iter().map(|s| s.recurrent_saving).sum();
        assert!((0.01..=0.05).contains(&(synergy / cost)), "{}", o.code);
    }
    let split = a
        .options
        .iter()
        .find(|o| o.kind == OptionKind::Split)
        .expect("split");
    assert_eq!(split.site_transfers.len(), 2);
    let ico = a
        .options
        .iter()
        .find(|o| o.kind == OptionKind::Ico)
        .expect("ico");
    assert!(!ico.finance.income_transfers.is_empty());
}

#[test]
fn is_deterministic_and_round_trips_through_json() {
    let a = appraisal();
    assert_eq!(a, appraisal());
    let text = serde_json::to_string_pretty(&a).expect("serialise");
    let back: Appraisal = serde_json::from_str(&text).expect("deserialise");
    assert_eq!(a, back);
}

/// Great-circle km between two points.
fn km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (la1, lo1, la2, lo2) = (
        a.0.to_radians(),
        a.1.to_radians(),
        b.0.to_radians(),
        b.1.to_radians(),
    );
    let h = ((la2 - la1) / 2.0).sin().powi(2)
        + la1.cos() * la2.cos() * ((lo2 - lo1) / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().asin()
}

/// The travel engine's value of a travel criterion's metric for an option.
fn number(a: &Appraisal, option: &str, criterion: &str) -> f64 {
    let results = crate::travel::assess(a).expect("travel");
    let metric = a
        .criteria
        .iter()
        .find(|c| c.code == criterion)
        .and_then(|c| match c.leaf().map(|l| &l.source) {
            Some(Source::Derived { metric }) => Some(metric.clone()),
            _ => None,
        })
        .expect("a derived criterion");
    crate::travel::derived_metric(&results, option, &metric).expect("the engine computes it")
}

/// The travel engine's figures for the demo agree with an independent recomputation here from
/// the default estimator applied to the options (haversine on a 6371 km sphere).
#[test]
fn travel_metrics_match_an_independent_estimate() {
    let a = appraisal();
    let e = &a.travel_estimator;
    let car = |zone: &crate::model::Zone, option: &crate::model::AppraisalOption, service: &str| {
        option
            .site_services
            .iter()
            .filter(|ss| ss.service == service)
            .filter_map(|ss| a.sites.iter().find(|s| s.code == ss.site))
            .map(|s| {
                let d = km(
                    (zone.latitude.expect("lat"), zone.longitude.expect("lon")),
                    (s.latitude.expect("lat"), s.longitude.expect("lon")),
                );
                d * e.detour_factor / e.car_speed_kmh * 60.0 + e.car_access_minutes
            })
            .fold(f64::INFINITY, f64::min)
    };
    let total: f64 = a.zones.iter().map(|z| z.population).sum();
    let dm = &a.options[0];
    for o in &a.options {
        let within: f64 = a
            .zones
            .iter()
            .filter(|z| car(z, o, "AE") <= 30.0)
            .map(|z| z.population)
            .sum();
        let share = within / total * 100.0;
        assert!(
            (share - number(&a, &o.code, "ACC-AE")).abs() < 0.05,
            "{} {share}",
            o.code
        );
        let change: f64 = a
            .zones
            .iter()
            .map(|z| z.population * (car(z, o, "MAT") - car(z, dm, "MAT")))
            .sum::<f64>()
            / total;
        assert!(
            (change - number(&a, &o.code, "ACC-MAT")).abs() < 0.05,
            "{} {change}",
            o.code
        );
        let deprived_worse: f64 = a
            .zones
            .iter()
            .filter(|z| z.imd_decile <= 2)
            .filter(|z| {
                a.services.iter().any(|s| {
                    car(z, o, &s.code) - car(z, dm, &s.code) >= a.settings.travel_increase_minutes
                })
            })
            .map(|z| z.population)
            .sum();
        assert_eq!(deprived_worse, number(&a, &o.code, "ACC-DEP"), "{}", o.code);
    }
}

#[test]
fn passes_the_validator_without_problems() {
    let problems = crate::evaluation::Evaluation::of(&appraisal())
        .problems()
        .to_vec();
    assert!(problems.is_empty(), "{problems:#?}");
}
