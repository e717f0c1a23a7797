//! The demo's scoring panel, its scores, and the recorded performances.
//!
//! Names are fictional and every score, rationale and evidence reference is illustrative.

use super::criteria::{CQC, CRITICAL_MASS, EASE, FOUR_TESTS, INTEGRATION, STANDARDS, TIME};
use super::options::{DM, ICO, MERGE_E, MERGE_N, SPLIT};
use crate::model::{Performance, RawValue, Score, Scorer};

/// Scorer codes.
const MD: &str = "MD";
const FD: &str = "FD";
const PR: &str = "PR";

pub(super) fn scorers() -> Vec<Scorer> {
    let scorer = |code: &str, name: &str, role: &str| Scorer {
        code: code.to_owned(),
        name: name.to_owned(),
        role: role.to_owned(),
    };
    vec![
        scorer(MD, "Dr Ada Sample (fictional)", "Medical director"),
        scorer(FD, "Ben Example (fictional)", "Director of finance"),
        scorer(PR, "Cath Demo (fictional)", "Patient representative"),
    ]
}

/// The evidence each scorer cites on each criterion.
fn evidence(criterion: &str, scorer: &str) -> &'static str {
    match (criterion, scorer) {
        (STANDARDS, MD) => {
            "Clinical senate review of acute services 2013 (illustrative), section 4"
        }
        (STANDARDS, FD) => {
            "Seven-day services costing model v0.4 (illustrative), tab 'Consultant posts'"
        }
        (CRITICAL_MASS, MD) => {
            "Royal college unit-size guidance as summarised in the clinical senate review \
             (illustrative), section 5"
        }
        (CRITICAL_MASS, FD) => {
            "Workforce and agency spend analysis 2013/14 (illustrative), table 3"
        }
        (CRITICAL_MASS, PR) => "Staff listening events, September 2013 (illustrative), notes",
        (INTEGRATION, MD) => "Frail elderly pathway audit 2013 (illustrative), section 2",
        (INTEGRATION, FD) => "Delayed transfers of care returns 2013/14 (illustrative)",
        (INTEGRATION, PR) => "Carers' focus group, Stafford, July 2013 (illustrative)",
        (EASE, MD) => "Clinical implementation options paper (illustrative), annex B",
        (EASE, FD) => "Transaction risk register v0.2 (illustrative), risks 1-12",
        (EASE, PR) => "Public consultation response summary (illustrative), section 3",
        (TIME, MD) => "Clinical implementation options paper (illustrative), timeline",
        (TIME, FD) => "Long-term financial model v0.3 (illustrative), synergy phasing tab",
        (_, PR) => {
            "Patient engagement events, Stafford and Cannock, summer 2013 (illustrative), \
             summary report"
        }
        _ => "Appraisal panel workshop notes (illustrative)",
    }
}

/// (option, criterion, scorer, score, rationale).
type Row = (&'static str, &'static str, &'static str, f64, &'static str);

const SCORES: [Row; 75] = [
    // Clinical standards and seven-day services.
    (
        DM,
        STANDARDS,
        MD,
        3.0,
        "Stafford cannot staff consultant-delivered A&E, obstetric and paediatric rotas seven days a week on its own; under do minimum the standards still depend on locums.",
    ),
    (
        DM,
        STANDARDS,
        FD,
        3.0,
        "Meeting seven-day standards as a standalone trust would need around 20 extra consultant posts that do minimum does not fund.",
    ),
    (
        DM,
        STANDARDS,
        PR,
        2.0,
        "Patients told us weekend care at County Hospital feels thinner than weekday care, and do minimum changes nothing.",
    ),
    (
        MERGE_N,
        STANDARDS,
        MD,
        7.0,
        "Consolidating emergency care, obstetrics and paediatrics at Royal Stoke gives the merged trust rotas large enough for consultant presence every day.",
    ),
    (
        MERGE_N,
        STANDARDS,
        FD,
        6.0,
        "The northern merger meets most seven-day standards, provided Royal Stoke recruits to its expanded units on time.",
    ),
    (
        MERGE_N,
        STANDARDS,
        PR,
        6.0,
        "Better-staffed units at Royal Stoke should mean safer care, but Stafford people lose their local A&E to get it.",
    ),
    (
        SPLIT,
        STANDARDS,
        MD,
        8.0,
        "Under the split Stafford's births, children's admissions and critical care go to Royal Stoke, where consultant cover already meets the standards.",
    ),
    (
        SPLIT,
        STANDARDS,
        FD,
        7.0,
        "Both receiving trusts already meet most seven-day standards, so the split buys compliance without building new rotas at Stafford.",
    ),
    (
        SPLIT,
        STANDARDS,
        PR,
        6.0,
        "Care in the larger units should be safer, and keeping A&E at County Hospital reassures people, though its overnight cover needs watching.",
    ),
    (
        ICO,
        STANDARDS,
        MD,
        3.0,
        "The ICO keeps every acute rota at County Hospital at its current, too-small size, so seven-day consultant cover stays out of reach.",
    ),
    (
        ICO,
        STANDARDS,
        FD,
        5.0,
        "The ICO improves weekend discharge through community teams, but the acute consultant gap remains unfunded.",
    ),
    (
        ICO,
        STANDARDS,
        PR,
        7.0,
        "Patients rated joined-up weekend discharge and community follow-up above rota size, and the ICO delivers both while keeping local services.",
    ),
    (
        MERGE_E,
        STANDARDS,
        MD,
        5.0,
        "Burton's units are barely larger than Stafford's; the eastern merger helps cross-cover but leaves Stafford obstetrics without inpatient paediatrics on site.",
    ),
    (
        MERGE_E,
        STANDARDS,
        FD,
        5.0,
        "Shared rotas with Burton close some gaps, but seven-day cover still needs investment at both sites.",
    ),
    (
        MERGE_E,
        STANDARDS,
        PR,
        4.0,
        "Parents worry that a Stafford birth with a poorly baby would mean a transfer to Burton; that does not feel like a higher standard.",
    ),
    // Critical mass and workforce sustainability.
    (
        DM,
        CRITICAL_MASS,
        MD,
        2.0,
        "Stafford's maternity and paediatric units stay below the sizes the royal colleges recommend, and two training rotas risk losing their trainees.",
    ),
    (
        DM,
        CRITICAL_MASS,
        FD,
        2.0,
        "Agency spend of about 7.5% of pay shows do minimum keeps filling rotas at a premium.",
    ),
    (
        DM,
        CRITICAL_MASS,
        PR,
        3.0,
        "Staff told the listening events they feel stretched; with no change more of them will leave.",
    ),
    (
        MERGE_N,
        CRITICAL_MASS,
        MD,
        8.0,
        "One maternity unit and one inpatient paediatric unit at Royal Stoke are well above minimum volumes and keep the training posts.",
    ),
    (
        MERGE_N,
        CRITICAL_MASS,
        FD,
        7.0,
        "The northern merger removes duplicate rotas and most agency cover, which is where its rota synergy comes from.",
    ),
    (
        MERGE_N,
        CRITICAL_MASS,
        PR,
        7.0,
        "Larger teams at Royal Stoke should be easier to staff, though some Stafford staff may not follow their jobs north.",
    ),
    (
        SPLIT,
        CRITICAL_MASS,
        MD,
        8.0,
        "Royal Stoke gains the volumes it needs, and Cannock's planned surgery adds theatre throughput to Wolverhampton's elective service.",
    ),
    (
        SPLIT,
        CRITICAL_MASS,
        FD,
        8.0,
        "Both receiving trusts absorb Mid Staffordshire's activity into established rotas at marginal cost, the strongest workforce position on the list.",
    ),
    (
        SPLIT,
        CRITICAL_MASS,
        PR,
        7.0,
        "Staff transfer to two larger organisations with clearer careers, which should help retention.",
    ),
    (
        ICO,
        CRITICAL_MASS,
        MD,
        3.0,
        "The ICO does nothing to enlarge acute units; community staff numbers rise but the fragile acute rotas remain.",
    ),
    (
        ICO,
        CRITICAL_MASS,
        FD,
        4.0,
        "Community and social care workforce gains are real but do not touch the agency-dependent acute rotas at County Hospital.",
    ),
    (
        ICO,
        CRITICAL_MASS,
        PR,
        4.0,
        "Patients saw more community nurses as a plus but heard that the hospital's rotas would stay thin under the ICO.",
    ),
    (
        MERGE_E,
        CRITICAL_MASS,
        MD,
        5.0,
        "A combined paediatric unit at Burton is viable, but obstetrics at Stafford without inpatient paediatrics is not a sustainable model.",
    ),
    (
        MERGE_E,
        CRITICAL_MASS,
        FD,
        4.0,
        "Two small acute trusts together are still small, so the eastern merger's recruitment gains are modest.",
    ),
    (
        MERGE_E,
        CRITICAL_MASS,
        PR,
        5.0,
        "Burton and Stafford sharing staff helps a little, but both trusts struggle to recruit.",
    ),
    // Integration of care pathways.
    (
        DM,
        INTEGRATION,
        MD,
        3.0,
        "Discharge to community beds and social care still crosses three organisations with separate records.",
    ),
    (
        DM,
        INTEGRATION,
        FD,
        2.0,
        "Do minimum leaves pathways unchanged, and delayed transfers of care keep costing about 30 beds a day.",
    ),
    (
        DM,
        INTEGRATION,
        PR,
        3.0,
        "Families described repeating their story to hospital, community and council staff; do minimum leaves that as it is.",
    ),
    (
        MERGE_N,
        INTEGRATION,
        MD,
        5.0,
        "The merged trust can standardise acute pathways across Stoke and Stafford, but community and social care stay outside it.",
    ),
    (
        MERGE_N,
        INTEGRATION,
        FD,
        4.0,
        "Acute pathways align under the northern merger, but discharge savings depend on partners it does not include.",
    ),
    (
        MERGE_N,
        INTEGRATION,
        PR,
        4.0,
        "Joining two hospitals does not join up care at home, which is what older patients asked for.",
    ),
    (
        SPLIT,
        INTEGRATION,
        MD,
        3.0,
        "Stafford and Cannock patients end up on pathways run by two different trusts, and community services must work with both.",
    ),
    (
        SPLIT,
        INTEGRATION,
        FD,
        4.0,
        "Each receiving trust brings its own discharge arrangements; the split adds interfaces, but established ones.",
    ),
    (
        SPLIT,
        INTEGRATION,
        PR,
        2.0,
        "Splitting the trust sends Cannock and Stafford patients along different routes to care, which people at the engagement events found confusing.",
    ),
    (
        ICO,
        INTEGRATION,
        MD,
        9.0,
        "One organisation for hospital, community and delegated social care removes the hand-offs that cause most delayed discharges of frail patients.",
    ),
    (
        ICO,
        INTEGRATION,
        FD,
        8.0,
        "The ICO's pooled budgets under the Section 75 agreement let money follow the patient; its admission-avoidance saving rests on this.",
    ),
    (
        ICO,
        INTEGRATION,
        PR,
        9.0,
        "The ICO is what patients and carers asked for most: one team and one record from ward to home.",
    ),
    (
        MERGE_E,
        INTEGRATION,
        MD,
        5.0,
        "Burton works with a different set of practices and community teams, so the eastern merger's integration gains are limited to acute pathways.",
    ),
    (
        MERGE_E,
        INTEGRATION,
        FD,
        5.0,
        "The eastern merger shares some acute pathways but changes nothing for community or social care.",
    ),
    (
        MERGE_E,
        INTEGRATION,
        PR,
        4.0,
        "People in Stafford and Stone look north or south for care, not east to Burton, so merged pathways would feel unfamiliar.",
    ),
    // Ease and risk of implementation.
    (
        DM,
        EASE,
        MD,
        8.0,
        "Do minimum has nothing to implement, though continued regulatory intervention is itself a risk.",
    ),
    (
        DM,
        EASE,
        FD,
        7.0,
        "Easy in the short term, but do minimum needs support loans every year and the regulator may not allow it to continue.",
    ),
    (
        DM,
        EASE,
        PR,
        8.0,
        "No disruption for patients in the short run.",
    ),
    (
        MERGE_N,
        EASE,
        MD,
        5.0,
        "The northern merger needs capital at Royal Stoke and a contested change to A&E at Stafford.",
    ),
    (
        MERGE_N,
        EASE,
        FD,
        5.0,
        "Merging with a trust that is not a foundation trust needs Department of Health approval and about GBP 53m of capital.",
    ),
    (
        MERGE_N,
        EASE,
        PR,
        4.0,
        "Turning Stafford's A&E into a minor injuries unit would meet strong public opposition, as the 2013 campaign showed.",
    ),
    (
        SPLIT,
        EASE,
        MD,
        3.0,
        "Dissolution moves staff, contracts and estate to two trusts at once, alongside clinical changes at Royal Stoke and Cannock.",
    ),
    (
        SPLIT,
        EASE,
        FD,
        6.0,
        "The special administration regime gives the split a legal route and deadlines, so it is more deliverable than its complexity suggests.",
    ),
    (
        SPLIT,
        EASE,
        PR,
        2.0,
        "Breaking up the trust is the most disruptive option for patients and staff, and the public campaign will challenge it.",
    ),
    (
        ICO,
        EASE,
        MD,
        6.0,
        "The ICO needs no acute reconfiguration, but delegated social care needs a Section 75 agreement with the council.",
    ),
    (
        ICO,
        EASE,
        FD,
        5.0,
        "Pooled budgets and contracts with the council and CCG are untested and could take two years to agree.",
    ),
    (
        ICO,
        EASE,
        PR,
        7.0,
        "Under the ICO patients see little disruption: services stay where they are and community teams grow.",
    ),
    (
        MERGE_E,
        EASE,
        MD,
        6.0,
        "Moving inpatient paediatrics to Burton is a single, contained change.",
    ),
    (
        MERGE_E,
        EASE,
        FD,
        5.0,
        "Burton's own deficit makes its board wary, and the eastern merger may stall at the regulator's transaction review.",
    ),
    (
        MERGE_E,
        EASE,
        PR,
        6.0,
        "The eastern merger disrupts little, except for families of children who need admission.",
    ),
    // Time to realise benefits.
    (
        DM,
        TIME,
        MD,
        1.0,
        "Do minimum delivers no clinical benefits to wait for.",
    ),
    (
        DM,
        TIME,
        FD,
        1.0,
        "The deficit persists across the whole period under do minimum; there are no savings to realise.",
    ),
    (
        DM,
        TIME,
        PR,
        2.0,
        "Patients expect nothing to change under do minimum.",
    ),
    (
        MERGE_N,
        TIME,
        MD,
        5.0,
        "Clinical benefits of the northern merger arrive once the Royal Stoke expansion opens, around year three.",
    ),
    (
        MERGE_N,
        TIME,
        FD,
        4.0,
        "Synergies phase in over three years, but the Royal Stoke capital programme may slip and delay the rota savings.",
    ),
    (
        MERGE_N,
        TIME,
        PR,
        5.0,
        "Patients would wait two or three years of building work before seeing the merger's benefits.",
    ),
    (
        SPLIT,
        TIME,
        MD,
        4.0,
        "The split's clinical benefits wait on the Royal Stoke expansion and the Cannock theatres, so year three at the earliest.",
    ),
    (
        SPLIT,
        TIME,
        FD,
        5.0,
        "Back-office savings start in the split's first year as corporate functions close; clinical savings follow in years two and three.",
    ),
    (
        SPLIT,
        TIME,
        PR,
        4.0,
        "A long transition with uncertainty for Stafford and Cannock patients before the split settles.",
    ),
    (
        ICO,
        TIME,
        MD,
        5.0,
        "The ICO's benefits build gradually as community teams and pathways mature.",
    ),
    (
        ICO,
        TIME,
        FD,
        3.0,
        "Admission-avoidance savings are usually slow and smaller than planned, so most of the ICO's financial benefit is late and uncertain.",
    ),
    (
        ICO,
        TIME,
        PR,
        6.0,
        "Patients should notice better discharge within a year as the ICO's community teams join up.",
    ),
    (
        MERGE_E,
        TIME,
        MD,
        6.0,
        "The paediatric move and shared rotas of the eastern merger can happen within 18 months.",
    ),
    (
        MERGE_E,
        TIME,
        FD,
        5.0,
        "A smaller transaction means the eastern merger's synergies arrive sooner, but they are small.",
    ),
    (
        MERGE_E,
        TIME,
        PR,
        5.0,
        "The eastern merger's changes come fairly quickly, though few of them matter to Stafford patients.",
    ),
];

pub(super) fn scores() -> Vec<Score> {
    SCORES
        .iter()
        .map(|&(option, criterion, scorer, value, rationale)| Score {
            option: option.to_owned(),
            criterion: criterion.to_owned(),
            scorer: scorer.to_owned(),
            value,
            rationale: rationale.to_owned(),
            evidence: evidence(criterion, scorer).to_owned(),
        })
        .collect()
}

/// Assessments per option: CQC rating of the lead provider with its evidence, then the four
/// tests (engagement, choice, clinical evidence, commissioners) as (pass, evidence).
type Assessed = (
    &'static str,
    &'static str,
    &'static str,
    [(bool, &'static str); 4],
);

const ASSESSMENTS: [Assessed; 5] = [
    (
        DM,
        "Requires improvement",
        "Mid Staffordshire NHS Foundation Trust remains the provider; rated Requires improvement (illustrative).",
        [
            (
                true,
                "No service change is proposed; the baseline was presented and discussed at the summer 2013 engagement events (illustrative).",
            ),
            (
                true,
                "Patients keep today's choice of County Hospital, Royal Stoke, New Cross, Burton and Walsall (illustrative).",
            ),
            (
                true,
                "No clinical change is proposed, so no new evidence base is needed; the clinical senate records the risks of the current model (illustrative).",
            ),
            (
                true,
                "Commissioners accept do minimum as the comparator, though not as a sustainable future (illustrative).",
            ),
        ],
    ),
    (
        MERGE_N,
        "Requires improvement",
        "University Hospitals of North Staffordshire, the lead organisation, rated Requires improvement (illustrative).",
        [
            (
                true,
                "Consolidation at Royal Stoke, including the A&E change at Stafford, was consulted on at six public meetings and online (illustrative).",
            ),
            (
                true,
                "Planned surgery stays at Stafford and Cannock, so patients keep a choice of providers for elective care (illustrative).",
            ),
            (
                true,
                "Clinical senate supports consolidating maternity, paediatrics and critical care on volume and seven-day standards evidence (illustrative).",
            ),
            (
                true,
                "Stafford and Surrounds CCG governing body supported the proposal, minute 13/142 (illustrative).",
            ),
        ],
    ),
    (
        SPLIT,
        "Requires improvement",
        "Receivers: University Hospitals of North Staffordshire (Requires improvement) takes County Hospital, Royal Wolverhampton (Good) takes Cannock Chase; the larger receiver's rating is used (illustrative).",
        [
            (
                true,
                "The Trust Special Administrators' public consultation drew over 10,000 responses, reflected in their final report (illustrative).",
            ),
            (
                true,
                "Planned surgery stays at Stafford and Cannock, and patients choose between two larger providers (illustrative).",
            ),
            (
                true,
                "Clinical senate endorsed moving obstetrics, inpatient paediatrics and critical care to Royal Stoke (illustrative).",
            ),
            (
                true,
                "Both local CCGs supported the administrators' recommendations (illustrative).",
            ),
        ],
    ),
    (
        ICO,
        "Good",
        "Staffordshire and Stoke-on-Trent Partnership NHS Trust, the lead organisation of the ICO, rated Good (illustrative).",
        [
            (
                true,
                "Patients, carers and the council's health scrutiny committee shaped the community hubs through engagement in 2013 (illustrative).",
            ),
            (
                true,
                "Acute services and choices are unchanged; community and social care users gain a single point of access (illustrative).",
            ),
            (
                true,
                "Integrated care pilots show fewer delayed discharges, though evidence on admission avoidance is mixed (illustrative).",
            ),
            (
                true,
                "The CCG supports the ICO and the transfer of its admission avoidance contract (illustrative).",
            ),
        ],
    ),
    (
        MERGE_E,
        "Requires improvement",
        "Burton Hospitals NHS Foundation Trust, the lead organisation, rated Requires improvement (illustrative).",
        [
            (
                true,
                "Engagement events were held in Stafford and Burton in autumn 2013 (illustrative).",
            ),
            (
                true,
                "Patients keep today's choices for every service except inpatient paediatrics (illustrative).",
            ),
            (
                false,
                "Clinical senate found no evidence to support consultant-led obstetrics at Stafford without inpatient paediatrics on site; the test is not met (illustrative).",
            ),
            (
                true,
                "The CCG supported exploring the option, subject to clinical senate review (illustrative).",
            ),
        ],
    ),
];

pub(super) fn performances() -> Vec<Performance> {
    // The finance and travel criteria need no performance: their engines compute them.
    let mut out = Vec::new();
    for (option, rating, rating_evidence, tests) in ASSESSMENTS {
        out.push(Performance {
            option: option.to_owned(),
            criterion: CQC.to_owned(),
            value: RawValue::Category(rating.to_owned()),
            evidence: rating_evidence.to_owned(),
            manual: false,
        });
        for (criterion, (pass, evidence)) in FOUR_TESTS.iter().zip(tests) {
            out.push(Performance {
                option: option.to_owned(),
                criterion: (*criterion).to_owned(),
                value: RawValue::Category(if pass { "Pass" } else { "Fail" }.to_owned()),
                evidence: evidence.to_owned(),
                manual: false,
            });
        }
    }
    out
}
