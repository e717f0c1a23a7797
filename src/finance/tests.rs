//! The finance engine against hand calculations, the demo's trajectories and bad input.

use super::*;
use crate::model::{
    AppraisalOption, CapitalInvestment, DiscountSchedule, FinancialYear, IncomeTransfer,
    OneOffCost, OptimismBiasCategory, OptionFinance, OrgKind, Organisation, ProjectionAssumptions,
    Site, SiteTransfer, Synergy, YearAmount,
};

const BASE: i32 = 2020;

/// A simple year: income and costs given, the rest small round numbers.
fn year(year: i32, income: f64, pay: f64, non_pay: f64) -> FinancialYear {
    FinancialYear {
        year,
        operating_income: income,
        pay,
        non_pay,
        depreciation: 40.0,
        pdc_dividend: 10.0,
        interest_payable: 5.0,
        interest_receivable: 1.0,
        loan_principal_repaid: 15.0,
        capital_expenditure: 50.0,
        cash: 100.0,
        current_assets: 150.0,
        current_liabilities: 120.0,
        working_capital_facility: 0.0,
        planned_surplus: 0.0,
        agency_spend: 30.0,
        agency_cap: 25.0,
    }
}

fn org(code: &str, income: f64, years: usize) -> Organisation {
    Organisation {
        code: code.to_owned(),
        name: format!("Trust {code}"),
        kind: OrgKind::AcuteTrust,
        cqc_rating: None,
        baseline: (0..years as i32)
            .map(|t| year(BASE + t, income, 0.6 * income, 0.35 * income))
            .collect(),
        projection: ProjectionAssumptions::default(),
    }
}

fn option(code: &str, kind: OptionKind, members: &[&str]) -> AppraisalOption {
    AppraisalOption {
        code: code.to_owned(),
        name: format!("Option {code}"),
        kind,
        description: String::new(),
        members: members.iter().map(|m| (*m).to_owned()).collect(),
        site_services: Vec::new(),
        site_transfers: Vec::new(),
        finance: OptionFinance::default(),
    }
}

fn site(code: &str, organisation: &str) -> Site {
    Site {
        code: code.to_owned(),
        name: code.to_owned(),
        organisation: organisation.to_owned(),
        latitude: None,
        longitude: None,
        services: Vec::new(),
        postcode: None,
    }
}

/// Organisations A (1000), B (2000), C (500) entered for four years; do minimum is A alone.
fn fixture() -> Appraisal {
    let mut a = Appraisal::new("finance test");
    a.meta.base_year = BASE;
    a.meta.horizon_years = 4;
    a.organisations = vec![org("A", 1000.0, 4), org("B", 2000.0, 4), org("C", 500.0, 4)];
    a.sites = vec![site("S1", "A"), site("S2", "A"), site("S3", "B")];
    a.options = vec![option("DM", OptionKind::DoMinimum, &["A"])];
    a
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6
}

#[test]
fn green_book_factors_step_down_after_year_30() {
    let f = npv::discount_factors(&DiscountSchedule::green_book(), 40).unwrap();
    assert_eq!(f[0], 1.0);
    assert!(close(f[1], 1.0 / 1.035));
    assert_eq!(format!("{:.4}", f[30]), "0.3563");
    assert_eq!(format!("{:.4}", f[31]), "0.3459");
    assert!(close(f[31], f[30] / 1.03));
    assert!(close(f[32], f[30] / 1.03 / 1.03));
}

#[test]
fn npv_against_do_minimum_matches_a_hand_calculation() {
    let mut a = fixture();
    a.options[0].finance.capital = vec![CapitalInvestment {
        description: "Backlog".to_owned(),
        category: OptimismBiasCategory::StandardBuildings,
        year: BASE,
        amount: 1000.0,
        optimism_bias: 0.24,
    }];
    let mut x = option("X", OptionKind::Merger, &["A", "B"]);
    x.finance = OptionFinance {
        synergies: vec![Synergy {
            category: "Back office".to_owned(),
            recurrent_saving: 500.0,
            phasing: vec![0.5, 1.0],
        }],
        one_off_costs: vec![OneOffCost {
            category: "Transaction".to_owned(),
            year: BASE,
            amount: 1000.0,
        }],
        capital: vec![CapitalInvestment {
            description: "New build".to_owned(),
            category: OptimismBiasCategory::StandardBuildings,
            year: BASE + 1,
            amount: 2000.0,
            optimism_bias: 0.24,
        }],
        transitional_funding: vec![YearAmount {
            year: BASE + 1,
            amount: 3000.0,
        }],
        income_transfers: Vec::new(),
    };
    a.options.push(x);
    let r = model(&a).unwrap();
    let x = r.option("X").unwrap();
    // Option year 1 is 2021/22, so the synergy is 0, 250, 500, 500. Net cash flows:
    //   t0: -1000 (one-off)           t1: 250 - 2000 x 1.24 = -2230
    //   t2: 500                       t3: 500
    // Factors 1, 1/1.035 = 0.966184, 1/1.035^2 = 0.933511, 1/1.035^3 = 0.901943:
    //   NPV = -1000 - 2154.589 + 466.755 + 450.971 = -2236.863
    // Do minimum: -1000 x 1.24 = -1240 in t0, so NPV vs do minimum = -2236.863 + 1240 = -996.863.
    // Transitional funding (3000 in t1) is a transfer, not in the economic NPV.
    assert_eq!(
        x.economic.net_cash_flows,
        vec![-1000.0, -2230.0, 500.0, 500.0]
    );
    assert!(
        (x.economic.npv - -2236.8627).abs() < 1e-3,
        "{}",
        x.economic.npv
    );
    let vs = x.economic.npv_vs_do_minimum.unwrap();
    assert!((vs - -996.8627).abs() < 1e-3, "{vs}");
    // Optimism bias: the option's 480 in t1 (463.768) against do minimum's 240 in t0.
    let bias = x.economic.optimism_bias_npv_vs_do_minimum.unwrap();
    assert!((bias - (240.0 - 480.0 / 1.035)).abs() < 1e-6, "{bias}");
    // The financial view adds the transitional funding: 3000 / 1.035.
    let financial = x.economic.financial_npv_vs_do_minimum.unwrap();
    assert!((financial - (vs + 3000.0 / 1.035)).abs() < 1e-6);
    assert_eq!(
        r.option("DM").unwrap().economic.npv_vs_do_minimum,
        Some(0.0)
    );
    assert!(close(
        derived_metric(&r, "X", derived::NPV_VS_DO_MINIMUM).unwrap(),
        vs / 1000.0
    ));
}

#[test]
fn a_merger_sums_its_members() {
    let mut a = fixture();
    a.options.push(option("M", OptionKind::Merger, &["A", "B"]));
    let r = model(&a).unwrap();
    let m = r.option("M").unwrap();
    let dm = r.option("DM").unwrap();
    for (t, y) in m.years.iter().enumerate() {
        let (ya, yb) = (
            &a.organisations[0].baseline[t],
            &a.organisations[1].baseline[t],
        );
        assert_eq!(
            y.lines.operating_income,
            ya.operating_income + yb.operating_income
        );
        assert_eq!(y.lines.pay, ya.pay + yb.pay);
        assert_eq!(y.lines.cash, ya.cash + yb.cash);
        assert_eq!(y.lines.current_liabilities, 240.0);
        let sa = projection::surplus(ya);
        let sb = projection::surplus(yb);
        assert!(close(y.surplus, sa + sb));
        // Income 3000, costs 2850, EBITDA 150; surplus 150 - 80 - 20 - 10 + 2 = 42.
        assert!(close(y.surplus, 42.0));
        assert!(close(y.margin_percent, 1.4));
        // (300 - 240) / (2850 / 360) = 7.579 days; cover (150 + 2) / (20 + 10 + 30) = 2.533.
        assert!(close(y.liquidity_days, 60.0 / (2850.0 / 360.0)));
        assert!(close(y.capital_service_cover.unwrap(), 152.0 / 60.0));
    }
    assert!(close(
        dm.years[0].surplus,
        1000.0 - 950.0 - 40.0 - 10.0 - 5.0 + 1.0
    ));
}

#[test]
fn a_split_moves_the_sites_shares_to_the_receivers() {
    let mut a = fixture();
    let mut s = option("SPLIT", OptionKind::Split, &["A", "B"]);
    s.site_transfers = vec![SiteTransfer {
        site: "S1".to_owned(),
        to_organisation: "B".to_owned(),
        income_share: 0.6,
        cost_share: 0.5,
    }];
    a.options.push(s.clone());
    // The same transfer to C, outside the option: A's share leaves it.
    let mut out = s.clone();
    out.code = "OUT".to_owned();
    out.members = vec!["A".to_owned()];
    out.site_transfers[0].to_organisation = "C".to_owned();
    a.options.push(out);
    let r = model(&a).unwrap();
    let split = r.option("SPLIT").unwrap();
    let (org_a, org_b) = (&split.organisations[0], &split.organisations[1]);
    assert_eq!((org_a.code.as_str(), org_b.code.as_str()), ("A", "B"));
    let y = 0;
    // A: income 1000, pay 600, non-pay 350, depreciation 40, capex 50, agency 30 / 25.
    assert!(close(org_a.years[y].operating_income, 400.0));
    assert!(close(org_b.years[y].operating_income, 2600.0));
    assert!(close(org_a.years[y].pay, 300.0));
    assert!(close(org_b.years[y].pay, 1500.0));
    assert!(close(org_a.years[y].non_pay, 175.0));
    assert!(close(org_a.years[y].depreciation, 20.0));
    assert!(close(org_b.years[y].capital_expenditure, 75.0));
    assert!(close(org_b.years[y].agency_spend, 45.0));
    // Financing and the balance sheet stay with A's successor.
    assert_eq!(org_a.years[y].pdc_dividend, 10.0);
    assert_eq!(org_a.years[y].cash, 100.0);
    assert_eq!(org_b.years[y].pdc_dividend, 10.0);
    // Within the option the total is unchanged.
    assert!(close(split.years[y].lines.operating_income, 3000.0));
    // To a non-member the shares leave: income 400, pay 300, non-pay 175, depreciation 20.
    let out = r.option("OUT").unwrap();
    assert!(close(out.years[y].lines.operating_income, 400.0));
    assert!(close(out.years[y].lines.pay, 300.0));
    assert!(close(
        out.years[y].surplus,
        400.0 - 475.0 - 20.0 - 10.0 - 5.0 + 1.0
    ));
}

#[test]
fn shares_of_one_organisation_cannot_add_up_to_more_than_all_of_it() {
    let mut a = fixture();
    let mut s = option("SPLIT", OptionKind::Split, &["A", "B"]);
    let t = |site: &str, share| SiteTransfer {
        site: site.to_owned(),
        to_organisation: "B".to_owned(),
        income_share: share,
        cost_share: 0.5,
    };
    s.site_transfers = vec![t("S1", 0.7), t("S2", 0.4)];
    a.options.push(s);
    let err = model(&a).unwrap_err();
    assert_eq!(
        err.to_string(),
        "Option SPLIT (SPLIT): the shares of A's income moving with its sites add up to 1.1, \
         more than all of it"
    );
}

#[test]
fn optimism_bias_follows_the_category() {
    use OptimismBiasCategory::*;
    let expected = [
        (StandardBuildings, 0.24, 0.02),
        (NonStandardBuildings, 0.51, 0.04),
        (StandardCivilEngineering, 0.44, 0.03),
        (NonStandardCivilEngineering, 0.66, 0.06),
        (EquipmentAndDevelopment, 2.00, 0.10),
        (Outsourcing, 0.41, 0.0),
    ];
    for (category, upper, lower) in expected {
        assert_eq!(category.upper_bound_capex(), upper, "{category:?}");
        assert_eq!(category.lower_bound_capex(), lower, "{category:?}");
        let mut a = fixture();
        a.options[0].finance.capital = vec![CapitalInvestment {
            description: "Scheme".to_owned(),
            category,
            year: BASE + 1,
            amount: 1000.0,
            optimism_bias: category.upper_bound_capex(),
        }];
        let r = model(&a).unwrap();
        let lines = &r.options[0].years[1].lines;
        assert_eq!(lines.option_capital, 1000.0);
        assert!(close(lines.optimism_bias, 1000.0 * upper), "{category:?}");
        // The capital and its bias leave cash from that year on.
        let base_cash = a.organisations[0].baseline[1].cash;
        assert!(close(lines.cash, base_cash - 1000.0 * (1.0 + upper)));
        assert!(close(
            r.options[0].economic.npv,
            -1000.0 * (1.0 + upper) / 1.035
        ));
    }
}

#[test]
fn later_years_are_generated_from_the_last_entered_one() {
    let mut a = fixture();
    a.organisations[0].baseline.truncate(2);
    let r = model(&a).unwrap();
    let p = &a.organisations[0].projection;
    let y = &r.options[0].organisations[0].years[2];
    assert_eq!(y.year, BASE + 2);
    assert!(close(y.operating_income, 1000.0 * (1.0 + p.income_growth)));
    assert!(close(
        y.pay,
        600.0 * (1.0 + p.pay_inflation) * (1.0 - p.cip)
    ));
    assert!(close(y.pdc_dividend, 10.0));
    let s = projection::surplus(y);
    assert!(close(
        y.cash,
        100.0 + s + y.depreciation - y.capital_expenditure - 15.0
    ));
    assert!(close(
        y.planned_surplus,
        s + (0.0 - projection::surplus(&a.organisations[0].baseline[1]))
    ));
    assert_eq!(r.options[0].years.len(), 4);
}

#[test]
fn income_transfers_bring_their_cost_and_transitional_funding_shows_apart() {
    let mut a = fixture();
    let mut ico = option("ICO", OptionKind::Ico, &["A"]);
    ico.finance.income_transfers = vec![IncomeTransfer {
        from_organisation: "C".to_owned(),
        to_organisation: "A".to_owned(),
        from_year: BASE + 2,
        amount: 200.0,
        cost: 150.0,
    }];
    ico.finance.transitional_funding = vec![YearAmount {
        year: BASE + 1,
        amount: 100.0,
    }];
    a.options.push(ico);
    let r = model(&a).unwrap();
    let (dm, ico) = (r.option("DM").unwrap(), r.option("ICO").unwrap());
    assert!(close(ico.years[1].surplus - dm.years[1].surplus, 100.0));
    assert!(close(ico.years[1].underlying_surplus, dm.years[1].surplus));
    assert!(close(ico.years[2].lines.operating_income, 1200.0));
    assert!(close(ico.years[2].surplus - dm.years[2].surplus, 50.0));
    // Cash: 100 from t1, 50 more each year from t2.
    assert!(close(
        ico.years[3].lines.cash - dm.years[3].lines.cash,
        200.0
    ));
    // Transfers are not economic flows.
    assert_eq!(ico.economic.npv_vs_do_minimum, Some(0.0));
}

#[test]
fn the_demo_trajectories_are_plausible_and_different() {
    let demo = crate::demo::appraisal();
    let r = model(&demo).unwrap();
    assert_eq!(r.years, (2013..=2022).collect::<Vec<_>>());
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    let dm = r.option("DM").unwrap();
    assert!(
        dm.years.iter().all(|y| y.surplus < 0.0),
        "do minimum stays in deficit"
    );
    assert_eq!(dm.break_even_year, None);
    let dm_final = dm.years.last().unwrap().surplus;
    for o in r.options.iter().filter(|o| o.code != "DM") {
        assert!(o.years.last().unwrap().surplus > dm_final, "{}", o.code);
        assert!(o.economic.npv_vs_do_minimum.unwrap() > 0.0, "{}", o.code);
        assert!(
            o.economic.optimism_bias_npv_vs_do_minimum.unwrap() < 0.0,
            "{}",
            o.code
        );
    }
    let mut break_even: Vec<i32> = r.options.iter().filter_map(|o| o.break_even_year).collect();
    break_even.sort();
    break_even.dedup();
    assert!(break_even.len() >= 2, "{break_even:?}");
    // The criteria's derived metrics are all served, in their units.
    for c in &demo.criteria {
        if let Some(crate::model::LeafSpec {
            source: crate::model::Source::Derived { metric },
            ..
        }) = c.leaf()
            && metric.starts_with("finance.")
        {
            for o in &r.options {
                let v = derived_metric(&r, &o.code, metric);
                assert!(v.is_some_and(f64::is_finite), "{metric} for {}", o.code);
            }
        }
    }
    let margin = derived_metric(&r, "DM", derived::MARGIN_FINAL_YEAR).unwrap();
    assert!((-15.0..-5.0).contains(&margin), "{margin}");
    assert_eq!(
        derived_metric(&r, "DM", derived::YEARS_IN_DEFICIT),
        Some(10.0)
    );
    assert_eq!(
        derived_metric(&r, "DM", derived::WORST_FINANCE_SCORE),
        Some(4.0)
    );
    assert_eq!(derived_metric(&r, "DM", "finance.unknown"), None);
    assert_eq!(derived_metric(&r, "NOPE", derived::YEARS_IN_DEFICIT), None);
}

fn error_of(change: impl Fn(&mut Appraisal)) -> String {
    let mut a = fixture();
    change(&mut a);
    model(&a).unwrap_err().to_string()
}

#[test]
fn bad_input_is_named_by_option_organisation_and_year() {
    assert_eq!(
        error_of(|a| {
            a.organisations[0].baseline.remove(1);
        }),
        "Option DM (DM), Trust A (A), 2021/22: no baseline is entered for the year; years must \
         run without gaps from the base year 2020/21"
    );
    assert_eq!(
        error_of(|a| a.organisations[0].baseline.retain(|y| y.year != BASE)),
        "Option DM (DM), Trust A (A), 2020/21: no baseline is entered for the year; years must \
         run without gaps from the base year 2020/21"
    );
    assert_eq!(
        error_of(|a| a.organisations[0].baseline[2].operating_income = 0.0),
        "Option DM (DM), Trust A (A), 2022/23: operating income is 0; it must be above zero for \
         the I&E margin and the ratings"
    );
    assert_eq!(
        error_of(|a| a.organisations[0].baseline[3].non_pay = -5.0),
        "Option DM (DM), Trust A (A), 2023/24: non-pay is -5; expenditure cannot be negative"
    );
    assert_eq!(
        error_of(|a| a.organisations[0].baseline[1].cash = f64::NAN),
        "Option DM (DM), Trust A (A), 2021/22: cash is not a number"
    );
    assert_eq!(
        error_of(|a| a.options.push(option("E", OptionKind::Merger, &[]))),
        "Option E (E): the option has no member organisations: list the organisations whose \
         finances make it up"
    );
    assert_eq!(
        error_of(|a| a
            .options
            .push(option("E", OptionKind::Merger, &["A", "ZZZ"]))),
        "Option E (E): member 'ZZZ' is not an organisation of the appraisal"
    );
    assert_eq!(
        error_of(|a| {
            let mut s = option("S", OptionKind::Split, &["B"]);
            s.site_transfers = vec![SiteTransfer {
                site: "S1".to_owned(),
                to_organisation: "B".to_owned(),
                income_share: 0.5,
                cost_share: 0.5,
            }];
            a.options.push(s);
        }),
        "Option S (S): site S1 belongs to A, which is not a member of the option, so its \
         transfer cannot be modelled: add A to the members"
    );
    assert_eq!(
        error_of(|a| a.options[0].finance.one_off_costs.push(OneOffCost {
            category: "Redundancy".to_owned(),
            year: BASE,
            amount: -10.0,
        })),
        "Option DM (DM): one-off cost 'Redundancy' in 2020/21 is -10: expenditure cannot be \
         negative"
    );
    assert_eq!(
        error_of(|a| a.options[0].finance.synergies.push(Synergy {
            category: "Back office".to_owned(),
            recurrent_saving: f64::NAN,
            phasing: vec![],
        })),
        "Option DM (DM): synergy 'Back office' is NaN: not a number"
    );
    assert_eq!(
        error_of(|a| a.meta.horizon_years = 0),
        "the appraisal horizon is zero years: set the number of years to appraise"
    );
}

#[test]
fn costs_outside_the_appraisal_years_are_reported_not_counted() {
    let mut a = fixture();
    a.options[0].finance.one_off_costs.push(OneOffCost {
        category: "Late".to_owned(),
        year: BASE + 9,
        amount: 10.0,
    });
    let r = model(&a).unwrap();
    assert_eq!(r.warnings.len(), 1);
    assert!(
        r.warnings[0].contains("outside the appraisal's years"),
        "{:?}",
        r.warnings
    );
    assert_eq!(r.options[0].economic.npv, 0.0);
}

#[test]
fn settings_without_finance_rules_load_with_the_published_defaults() {
    let mut json = serde_json::to_value(crate::model::Settings::default()).unwrap();
    json.as_object_mut().unwrap().remove("finance");
    let settings: crate::model::Settings = serde_json::from_value(json).unwrap();
    assert_eq!(settings.finance, crate::model::FinanceRules::default());
}

#[test]
fn results_serialise_with_the_scale_labels() {
    let r = model(&crate::demo::appraisal()).unwrap();
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["cosrr_scale"], "4 = least risk");
    assert_eq!(json["options"][0]["years"][0]["sof"]["scale"], "1 = best");
    assert_eq!(
        json["options"][0]["years"][0]["cosrr"]["scale"],
        "4 = least risk"
    );
}
