//! The demo's criteria tree, how its weights were set, and alternative weight sets.

use crate::model::{
    Category, Criterion, CriterionKind, Direction, Hurdle, LeafSpec, PanelScale, Source,
    ValueFunction, WeightSet, WeightSetEntry, Weighting, WeightingMethod,
};

/// Group codes.
pub(super) const VIABILITY: &str = "VIA";
pub(super) const QUALITY: &str = "QUA";
pub(super) const ACCESS: &str = "ACC";
pub(super) const DELIVERABILITY: &str = "DEL";
pub(super) const TESTS: &str = "TESTS";

/// Panel-scored leaves.
pub(super) const STANDARDS: &str = "QUA-STD";
pub(super) const CRITICAL_MASS: &str = "QUA-MASS";
pub(super) const INTEGRATION: &str = "QUA-INT";
pub(super) const EASE: &str = "DEL-EASE";
pub(super) const TIME: &str = "DEL-TIME";

/// Assessed leaves.
pub(super) const CQC: &str = "QUA-CQC";
pub(super) const TEST_ENGAGEMENT: &str = "TEST-ENG";
pub(super) const TEST_CHOICE: &str = "TEST-CHOICE";
pub(super) const TEST_EVIDENCE: &str = "TEST-EVID";
pub(super) const TEST_COMMISSIONERS: &str = "TEST-COMM";

/// The four NHS England service change tests, in their usual order.
pub(super) const FOUR_TESTS: [&str; 4] = [
    TEST_ENGAGEMENT,
    TEST_CHOICE,
    TEST_EVIDENCE,
    TEST_COMMISSIONERS,
];

/// Derived leaves.
pub(super) const MARGIN: &str = "VIA-MARGIN";
pub(super) const NPV: &str = "VIA-NPV";
pub(super) const LIQUIDITY: &str = "VIA-LIQ";
pub(super) const AE_ACCESS: &str = "ACC-AE";
pub(super) const MATERNITY_CHANGE: &str = "ACC-MAT";
pub(super) const DEPRIVED_WORSE: &str = "ACC-DEP";

/// Top-level weights: each is exact in binary, and they sum to exactly 1.0 in any order.
const TOP_LEVEL: [(&str, f64); 5] = [
    (VIABILITY, 0.25),
    (QUALITY, 0.40),
    (ACCESS, 0.20),
    (DELIVERABILITY, 0.15),
    (TESTS, 0.0),
];

/// Swing ratings for the quality group; normalised (rating / 250) they are the local weights
/// 0.40, 0.32, 0.16 and 0.12.
const QUALITY_SWINGS: [(&str, f64); 4] = [
    (STANDARDS, 100.0),
    (CRITICAL_MASS, 80.0),
    (INTEGRATION, 40.0),
    (CQC, 30.0),
];

fn node(code: &str, name: &str, description: &str, parent: Option<&str>, weight: f64) -> Criterion {
    Criterion {
        code: code.to_owned(),
        name: name.to_owned(),
        description: description.to_owned(),
        parent: parent.map(str::to_owned),
        weight,
        kind: CriterionKind::Group,
    }
}

#[allow(clippy::too_many_arguments)]
fn leaf(
    code: &str,
    name: &str,
    description: &str,
    parent: &str,
    weight: f64,
    source: Source,
    direction: Direction,
    unit: &str,
    value_function: ValueFunction,
) -> Criterion {
    Criterion {
        kind: CriterionKind::Leaf(LeafSpec {
            source,
            direction,
            unit: unit.to_owned(),
            value_function,
            hurdle: None,
        }),
        ..node(code, name, description, Some(parent), weight)
    }
}

fn derived(metric: &str) -> Source {
    Source::Derived {
        metric: metric.to_owned(),
    }
}

fn linear(worst: f64, best: f64) -> ValueFunction {
    ValueFunction::Linear { worst, best }
}

fn categorical(categories: &[(&str, f64)]) -> ValueFunction {
    ValueFunction::Categorical {
        categories: categories
            .iter()
            .map(|&(label, value)| Category {
                label: label.to_owned(),
                value,
            })
            .collect(),
    }
}

fn top_weight(code: &str) -> f64 {
    TOP_LEVEL
        .iter()
        .find(|(c, _)| *c == code)
        .map_or(0.0, |(_, w)| *w)
}

fn quality_weight(code: &str) -> f64 {
    let total: f64 = QUALITY_SWINGS.iter().map(|(_, r)| r).sum();
    QUALITY_SWINGS
        .iter()
        .find(|(c, _)| *c == code)
        .map_or(0.0, |(_, r)| r / total)
}

pub(super) fn criteria(scale: &PanelScale) -> Vec<Criterion> {
    let panel = |code: &str, name: &str, description: &str, parent: &str, weight: f64| {
        leaf(
            code,
            name,
            description,
            parent,
            weight,
            Source::Panel,
            Direction::HigherIsBetter,
            "score (0-10)",
            linear(scale.min, scale.max),
        )
    };
    let test = |code: &str, name: &str, description: &str| {
        let mut c = leaf(
            code,
            name,
            description,
            TESTS,
            0.25,
            Source::Assessment,
            Direction::HigherIsBetter,
            "pass/fail",
            categorical(&[("Pass", 100.0), ("Fail", 0.0)]),
        );
        if let CriterionKind::Leaf(spec) = &mut c.kind {
            spec.hurdle = Some(Hurdle { pass_value: 100.0 });
        }
        c
    };

    vec![
        node(
            VIABILITY,
            "Viability",
            "Whether the option leaves a financially sustainable organisation.",
            None,
            top_weight(VIABILITY),
        ),
        leaf(
            MARGIN,
            "I&E margin in the final year",
            "Combined income and expenditure surplus as a share of operating income in the last \
             year of the appraisal.",
            VIABILITY,
            0.5,
            derived("finance.margin_final_year"),
            Direction::HigherIsBetter,
            "%",
            linear(-10.0, 2.0),
        ),
        leaf(
            NPV,
            "Net present value against do minimum",
            "Discounted net benefit over the appraisal period compared with do minimum: recurrent \
             savings less one-off costs and capital with optimism bias, at the Green Book rate. \
             Transitional funding and income moving between public bodies are transfers, not \
             economic costs or benefits, so they are left out.",
            VIABILITY,
            0.25,
            derived("finance.npv_vs_do_minimum"),
            Direction::HigherIsBetter,
            "GBP m",
            linear(-20.0, 80.0),
        ),
        leaf(
            LIQUIDITY,
            "Lowest liquidity",
            "The lowest liquidity, in days of operating cost, in any year of the appraisal.",
            VIABILITY,
            0.25,
            derived("finance.lowest_liquidity_days"),
            Direction::HigherIsBetter,
            "days",
            linear(-30.0, 15.0),
        ),
        node(
            QUALITY,
            "Quality",
            "Whether the option gives safe, sustainable, high-quality clinical services.",
            None,
            top_weight(QUALITY),
        ),
        panel(
            STANDARDS,
            "Clinical standards and seven-day services",
            "How far the option lets services meet national clinical standards, including \
             consultant presence seven days a week.",
            QUALITY,
            quality_weight(STANDARDS),
        ),
        panel(
            CRITICAL_MASS,
            "Critical mass and workforce sustainability",
            "Whether units see enough patients to keep skills and training posts, and whether \
             rotas can be filled without reliance on locums and agency staff.",
            QUALITY,
            quality_weight(CRITICAL_MASS),
        ),
        panel(
            INTEGRATION,
            "Integration of care pathways",
            "How well hospital, community and social care work together along patients' \
             pathways, especially for frail older people.",
            QUALITY,
            quality_weight(INTEGRATION),
        ),
        leaf(
            CQC,
            "CQC rating of the lead provider",
            "The current overall CQC rating of the organisation that would run the services.",
            QUALITY,
            quality_weight(CQC),
            Source::Assessment,
            Direction::HigherIsBetter,
            "CQC rating",
            categorical(&[
                ("Outstanding", 100.0),
                ("Good", 75.0),
                ("Requires improvement", 35.0),
                ("Inadequate", 0.0),
            ]),
        ),
        node(
            ACCESS,
            "Access",
            "How the option changes people's journeys to hospital services.",
            None,
            top_weight(ACCESS),
        ),
        leaf(
            AE_ACCESS,
            "Population within 30 minutes of A&E by car",
            "Share of the population whose nearest A&E is within the 30-minute car threshold.",
            ACCESS,
            0.5,
            derived("travel.aande_car_share_within_threshold"),
            Direction::HigherIsBetter,
            "%",
            linear(70.0, 100.0),
        ),
        leaf(
            MATERNITY_CHANGE,
            "Change in travel time to maternity by car",
            "Population-weighted mean change in car travel time to the nearest consultant-led \
             maternity unit, against do minimum.",
            ACCESS,
            0.25,
            derived("travel.maternity_car_mean_change"),
            Direction::LowerIsBetter,
            "minutes",
            linear(15.0, 0.0),
        ),
        leaf(
            DEPRIVED_WORSE,
            "Deprived people with much longer journeys",
            "People in the most deprived fifth of areas (IMD deciles 1-2) whose journey to any \
             service grows by 15 minutes or more against do minimum.",
            ACCESS,
            0.25,
            derived("travel.deprived_q1_people_worse_15min"),
            Direction::LowerIsBetter,
            "people",
            linear(10_000.0, 0.0),
        ),
        node(
            DELIVERABILITY,
            "Deliverability",
            "Whether the option can be put in place, and how soon it pays off.",
            None,
            top_weight(DELIVERABILITY),
        ),
        panel(
            EASE,
            "Ease and risk of implementation",
            "Legal, organisational and estates complexity, and the risk of delay or failure.",
            DELIVERABILITY,
            0.6,
        ),
        panel(
            TIME,
            "Time to realise benefits",
            "How soon the clinical and financial benefits arrive.",
            DELIVERABILITY,
            0.4,
        ),
        node(
            TESTS,
            "Service change tests",
            "NHS England's four tests for service change. Pass/fail hurdles: they carry no weight, \
             but an option that fails one is never preferred.",
            None,
            top_weight(TESTS),
        ),
        test(
            TEST_ENGAGEMENT,
            "Strong public and patient engagement",
            "The public and patients have been engaged in developing the option and their views \
             taken into account.",
        ),
        test(
            TEST_CHOICE,
            "Consistency with patient choice",
            "The option is consistent with current and prospective need for patient choice.",
        ),
        test(
            TEST_EVIDENCE,
            "Clear clinical evidence base",
            "The option rests on a clear clinical evidence base.",
        ),
        test(
            TEST_COMMISSIONERS,
            "Support from clinical commissioners",
            "The option has the support of the clinical commissioners.",
        ),
    ]
}

/// How each parent's local weights were set: swing weighting for quality, direct elsewhere.
pub(super) fn weightings() -> Vec<Weighting> {
    let direct = |parent: Option<&str>| Weighting {
        parent: parent.map(str::to_owned),
        method: WeightingMethod::Direct,
    };
    vec![
        direct(None),
        direct(Some(VIABILITY)),
        Weighting {
            parent: Some(QUALITY.to_owned()),
            method: WeightingMethod::Swing {
                ratings: entries(&QUALITY_SWINGS),
            },
        },
        direct(Some(ACCESS)),
        direct(Some(DELIVERABILITY)),
        direct(Some(TESTS)),
    ]
}

fn entries(values: &[(&str, f64)]) -> Vec<WeightSetEntry> {
    values
        .iter()
        .map(|&(criterion, value)| WeightSetEntry {
            criterion: criterion.to_owned(),
            value,
        })
        .collect()
}

/// Alternative top-level weights for sensitivity testing; each sums to exactly 1.0.
pub(super) fn weight_sets() -> Vec<WeightSet> {
    let set = |code: &str, name: &str, description: &str, w: [f64; 4]| WeightSet {
        code: code.to_owned(),
        name: name.to_owned(),
        description: description.to_owned(),
        weights: entries(&[
            (VIABILITY, w[0]),
            (QUALITY, w[1]),
            (ACCESS, w[2]),
            (DELIVERABILITY, w[3]),
            (TESTS, 0.0),
        ]),
    };
    vec![
        set(
            "EQUAL",
            "Equal weights",
            "The four weighted groups count the same.",
            [0.25, 0.25, 0.25, 0.25],
        ),
        set(
            "FINANCE",
            "Finance-led",
            "The view of a regulator focused on returning the health economy to financial balance.",
            [0.40, 0.25, 0.20, 0.15],
        ),
        set(
            "CLINICAL",
            "Clinical-led",
            "The view of the clinical senate: quality of care first.",
            [0.20, 0.45, 0.20, 0.15],
        ),
    ]
}
