//! Viability model speed: a generated appraisal (20 options x 10 years x 10 organisations)
//! and the built-in demo. Target: under a millisecond each.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test's own

use std::hint::black_box;

use criterion::{Criterion as Bench, criterion_group, criterion_main};

use appraise::Appraisal;
use appraise::finance;
use appraise::model::{
    AppraisalOption, CapitalInvestment, FinancialYear, OneOffCost, OptimismBiasCategory,
    OptionFinance, OptionKind, OrgKind, Organisation, ProjectionAssumptions, Site, SiteTransfer,
    Synergy, YearAmount,
};

/// Organisations with five entered years (the rest generated), one site each; option 0 is do
/// minimum, the others merge 2 to 10 organisations with synergies, one-off costs, capital and
/// transitional funding, every fourth also moving a site.
fn generated(options: usize, years: u32, organisations: usize) -> Appraisal {
    let mut a = Appraisal::new("benchmark");
    a.meta.base_year = 2020;
    a.meta.horizon_years = years;
    a.organisations = (0..organisations)
        .map(|i| {
            let income = 100_000.0 + 20_000.0 * i as f64;
            Organisation {
                code: format!("ORG{i}"),
                name: format!("Trust {i}"),
                kind: OrgKind::AcuteTrust,
                cqc_rating: None,
                baseline: (0..5)
                    .map(|t| FinancialYear {
                        year: 2020 + t,
                        operating_income: income * (1.0 + 0.02 * t as f64),
                        pay: 0.62 * income,
                        non_pay: 0.35 * income,
                        depreciation: 0.04 * income,
                        pdc_dividend: 0.01 * income,
                        interest_payable: 500.0,
                        interest_receivable: 50.0,
                        loan_principal_repaid: 1_000.0,
                        capital_expenditure: 0.04 * income,
                        cash: 5_000.0,
                        current_assets: 11_000.0,
                        current_liabilities: 12_000.0,
                        working_capital_facility: 0.0,
                        planned_surplus: 0.0,
                        agency_spend: 0.03 * income,
                        agency_cap: 0.025 * income,
                    })
                    .collect(),
                projection: ProjectionAssumptions::default(),
            }
        })
        .collect();
    a.sites = (0..organisations)
        .map(|i| Site {
            code: format!("SITE{i}"),
            name: format!("Site {i}"),
            organisation: format!("ORG{i}"),
            latitude: None,
            longitude: None,
            services: Vec::new(),
            postcode: None,
        })
        .collect();
    a.options = (0..options)
        .map(|o| {
            let members = if o == 0 {
                1
            } else {
                2 + o % (organisations - 1)
            };
            AppraisalOption {
                code: format!("O{o}"),
                name: format!("Option {o}"),
                kind: if o == 0 {
                    OptionKind::DoMinimum
                } else {
                    OptionKind::Merger
                },
                description: String::new(),
                members: (0..members).map(|m| format!("ORG{m}")).collect(),
                site_services: Vec::new(),
                site_transfers: if o > 0 && o % 4 == 0 {
                    vec![SiteTransfer {
                        site: "SITE0".to_owned(),
                        to_organisation: "ORG1".to_owned(),
                        income_share: 0.4,
                        cost_share: 0.45,
                    }]
                } else {
                    Vec::new()
                },
                finance: OptionFinance {
                    synergies: (0..4)
                        .map(|s| Synergy {
                            category: format!("Category {s}"),
                            recurrent_saving: 1_000.0 * (s + o) as f64,
                            phasing: vec![0.3, 0.7, 1.0],
                        })
                        .collect(),
                    one_off_costs: (0..3)
                        .map(|t| OneOffCost {
                            category: "Integration".to_owned(),
                            year: 2021 + t,
                            amount: 2_000.0,
                        })
                        .collect(),
                    capital: vec![CapitalInvestment {
                        description: "Scheme".to_owned(),
                        category: OptimismBiasCategory::NonStandardBuildings,
                        year: 2022,
                        amount: 10_000.0,
                        optimism_bias: 0.51,
                    }],
                    transitional_funding: vec![YearAmount {
                        year: 2021,
                        amount: 5_000.0,
                    }],
                    income_transfers: Vec::new(),
                },
            }
        })
        .collect();
    a
}

fn bench(c: &mut Bench) {
    let large = generated(20, 10, 10);
    let r = finance::model(&large).expect("the generated appraisal models");
    assert_eq!(r.options.len(), 20);
    assert_eq!(r.years.len(), 10);
    c.bench_function("finance 20 options x 10 years x 10 organisations", |b| {
        b.iter(|| finance::model(black_box(&large)))
    });
    let demo = appraise::demo::appraisal();
    c.bench_function("finance demo", |b| {
        b.iter(|| finance::model(black_box(&demo)))
    });
}

// Criterion's own plots would need a font for plotters, which this crate builds with
// embedded-font support only (see src/charts/font.rs); the figures are what matter here.
criterion_group! {
    name = benches;
    config = Bench::default().without_plots();
    targets = bench
}
criterion_main!(benches);
