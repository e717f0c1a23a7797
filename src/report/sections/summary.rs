//! The executive summary: the preferred option, why, how robust, what it costs and who
//! travels further, then the ranking on one table.

use super::super::doc::{Cell, Doc, cell, num, strong};
use super::super::{NotAssessed, PackInput, Robustness};
use super::sensitivity::{nearest_first, option_name, weights_drawn};
use super::{f1, gbp_m};
use crate::charts::{count, count as people, number};
use crate::finance::FinanceResults;
use crate::model::TravelMode;
use crate::score::{OptionResult, Results};
use crate::sensitivity::{SmaaResults, WeightDraw};
use crate::travel::TravelResults;

pub fn write(doc: &mut Doc, input: &PackInput) {
    doc.chapter("Executive summary");
    if input.appraisal.meta.illustrative {
        doc.note("This is an illustrative appraisal: its figures are invented and it is not a recommendation.");
    }
    let missing = unassessed(input);
    if !missing.is_empty() {
        doc.note(&format!(
            "Not assessed in this pack: {}. This summary and the sections concerned give no figures for them until their data is added.",
            missing.join("; ")
        ));
    }
    let r = match &input.score {
        Ok(r) => r,
        Err(NotAssessed(reason)) => {
            doc.not_assessed(&format!("{reason}."));
            return;
        }
    };
    let mut order: Vec<&OptionResult> = r.options.iter().collect();
    order.sort_by_key(|o| o.rank);
    let preferred = order.iter().find(|o| o.preferred).copied();

    doc.heading(2, "The preferred option");
    match preferred {
        Some(p) => doc.para(&format!(
            "{} is the preferred option: it scores {} points out of 100, rank {} of {}, and passes every hurdle test.",
            p.name,
            f1(p.total),
            p.rank,
            r.options.len()
        )),
        None => doc.para(&no_preferred(r)),
    }

    doc.heading(2, "Why");
    doc.para(&why(r, &order, preferred));

    doc.heading(2, "How robust");
    match &input.sensitivity {
        Ok(s) => doc.para(&robustness(s)),
        Err(NotAssessed(reason)) => doc.not_assessed(&format!("{reason}.")),
    }
    if !r.disagreements.is_empty() {
        doc.para(&format!(
            "The panel disagreed (scores spanning more than {} points) on {} option and criterion pairs; see the results section.",
            input.appraisal.settings.disagreement_range,
            r.disagreements.len()
        ));
    }

    doc.heading(2, "What it costs");
    match (&input.finance, preferred) {
        (Err(NotAssessed(reason)), _) => doc.not_assessed(&format!("{reason}.")),
        (Ok(f), Some(p)) => doc.para(&costs(f, &p.code)),
        (Ok(_), None) => doc.para(
            "No option is preferred; the viability section sets out every option's finances.",
        ),
    }

    doc.heading(2, "Who travels further");
    match &input.travel {
        Ok(t) => doc.para(&travellers(t, preferred.map(|p| p.code.as_str()))),
        Err(NotAssessed(reason)) => doc.not_assessed(&format!("{reason}.")),
    }

    doc.heading(2, "The options ranked");
    ranking(doc, r, input.finance.as_ref().ok());
}

/// First-rank acceptability at or above this reads as robust, below [`FRAGILE`] as fragile.
const ROBUST: f64 = 0.8;
const FRAGILE: f64 = 0.5;

/// The share of `s`'s draws in which `code` comes first.
fn first_share(s: &SmaaResults, code: &str) -> Option<f64> {
    s.options
        .iter()
        .find(|o| o.code == code)
        .and_then(|o| o.acceptability.first())
        .map(|e| e.value)
}

/// The binomial standard error of a share `p` of `n` draws, `sqrt(p (1 - p) / n)`.
fn standard_error(p: f64, n: usize) -> f64 {
    (p * (1.0 - p) / n.max(1) as f64).sqrt()
}

/// The SMAA options other than `code` that come first in at least 1% of draws, most often first.
fn rivals(s: &SmaaResults, code: &str) -> String {
    let mut others: Vec<_> = s
        .options
        .iter()
        .filter(|o| o.code != code && o.acceptability.first().is_some_and(|e| e.value >= 0.01))
        .collect();
    others.sort_by(|a, b| {
        b.acceptability[0]
            .value
            .total_cmp(&a.acceptability[0].value)
    });
    others
        .iter()
        .map(|o| format!("{} {}%", o.name, f1(o.acceptability[0].value * 100.0)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// How far the preferred option's lead would have to move, in words a board can weigh: the
/// verdict from SMAA, the nearest switch point, the weight sets that disagree.
fn robustness(s: &Robustness) -> String {
    let r = &s.analysis;
    let Some(p) = &r.preferred else {
        return "No option is preferred, so there is no ranking to test; the sensitivity section shows how each option's total moves with the weights.".to_owned();
    };
    let name = option_name(r, p);
    let mut out = Vec::new();
    if let Some(first) = first_share(&r.smaa, p) {
        let verdict = if first >= ROBUST {
            "The ranking is robust"
        } else if first >= FRAGILE {
            "The ranking holds more often than not, but the lead is narrow"
        } else {
            "The ranking is fragile"
        };
        let others = rivals(&r.smaa, p);
        out.push(format!(
            "{verdict}: {name} comes first in {}% of {} draws (SMAA, ± {} points){}; the draws take scores from the panel's spread and weights {}.",
            f1(first * 100.0),
            count(r.smaa.samples as f64),
            f1(standard_error(first, r.smaa.samples) * 100.0),
            if others.is_empty() {
                String::new()
            } else {
                format!("; otherwise first: {others}")
            },
            weights_drawn(&r.smaa),
        ));
    }
    if let Some(lead) = r.tornado.base_lead {
        out.push(format!(
            "It leads the next-best option by {} points.",
            f1(lead)
        ));
    }
    match nearest_first(r).first() {
        Some(n) => {
            if let Some(x) = &n.nearest {
                out.push(format!(
                    "The nearest switch point: if the weight of {} moved from {}% to {}% ({} points), {} would be preferred.",
                    n.name,
                    f1(n.weight * 100.0),
                    f1(x.weight * 100.0),
                    f1(x.points),
                    option_name(r, &x.to)
                ));
            }
        }
        None => out.push(
            "No single weight, moved anywhere from 0 to 100%, changes the preferred option."
                .to_owned(),
        ),
    }
    let differ: Vec<String> = r
        .weight_sets
        .sets
        .iter()
        .filter(|w| w.preferred.as_deref() != Some(p.as_str()))
        .map(|w| {
            format!(
                "{} ({} preferred)",
                w.name,
                w.preferred.as_deref().map_or("none", |q| option_name(r, q))
            )
        })
        .collect();
    if !r.weight_sets.sets.is_empty() {
        out.push(if differ.is_empty() {
            format!(
                "Every one of the {} other weight sets keeps {name} first.",
                r.weight_sets.sets.len()
            )
        } else {
            format!(
                "Other weight sets that change the preferred option: {}.",
                differ.join("; ")
            )
        });
    }
    if let Some(open) = s
        .no_weight_information
        .as_ref()
        .and_then(|o| first_share(o, p))
    {
        let how = match s.no_weight_information.as_ref().map(|o| o.draw) {
            Some(WeightDraw::LevelByLevel) => "every level's weights drawn uniformly",
            _ => "weights drawn uniformly from every possible weighting",
        };
        out.push(format!(
            "In a second run with no weight information at all ({how}), {name} comes first in {}% of draws.",
            f1(open * 100.0)
        ));
    }
    out.join(" ")
}

/// Who would travel further under the preferred option (or, with none, under each option).
fn travellers(t: &TravelResults, preferred: Option<&str>) -> String {
    if t.baseline.is_none() {
        return "Changes in journey time are not measured: the appraisal has no do-minimum option."
            .to_owned();
    }
    let worse = |mode: TravelMode, code: &str| {
        t.any_service
            .iter()
            .find(|a| a.mode == mode)
            .and_then(|a| a.options.iter().find(|o| o.option == code))
    };
    let name = |code: &str| {
        t.services
            .first()
            .and_then(|s| s.options.iter().find(|o| o.option == code))
            .map_or(code.to_owned(), |o| o.name.clone())
    };
    let limit = number(t.increase_minutes);
    let mut out = Vec::new();
    if let Some(p) = preferred {
        if t.baseline.as_deref() == Some(p) {
            out.push(format!(
                "{} is the do-minimum option: no one's journey changes.",
                name(p)
            ));
        } else {
            let car = worse(TravelMode::Car, p);
            let pt = worse(TravelMode::PublicTransport, p);
            let car_n = car.map_or(0.0, |o| o.people_worse);
            let pt_n = pt.map_or(0.0, |o| o.people_worse);
            if car_n <= 0.0 && pt_n <= 0.0 {
                out.push(format!(
                    "Under {}, no one's journey to any service grows by more than {limit} minutes, by car or by public transport.",
                    name(p)
                ));
            } else {
                let deprived = |o: Option<&crate::travel::AnyServiceOption>| {
                    o.map_or(0.0, |o| o.quintiles.iter().take(2).sum::<f64>())
                };
                out.push(format!(
                    "Under {}, {} people ({}% of the population) would have a journey by car to at least one service more than {limit} minutes longer than under do minimum, {} of them in the two most deprived IMD quintiles; by public transport, {} people ({} in the two most deprived quintiles).",
                    name(p),
                    people(car_n),
                    f1(car_n / t.population.max(1.0) * 100.0),
                    people(deprived(car)),
                    people(pt_n),
                    people(deprived(pt))
                ));
                if let Some(line) = without_car(t, p, &limit) {
                    out.push(line);
                }
                // The other road modes, where services name them through a threshold.
                for mode in t
                    .shown_modes()
                    .into_iter()
                    .filter(|m| matches!(m, TravelMode::CarPeak | TravelMode::BlueLight))
                {
                    let by = worse(mode, p);
                    out.push(format!(
                        "By {}, to the services with a threshold for it: {} people ({} in the two most deprived quintiles).",
                        mode.label().to_lowercase(),
                        people(by.map_or(0.0, |o| o.people_worse)),
                        people(deprived(by))
                    ));
                }
                let mut hit: Vec<(f64, &str)> = t
                    .services
                    .iter()
                    .filter(|s| s.mode == TravelMode::Car)
                    .filter_map(|s| {
                        let o = s.options.iter().find(|o| o.option == p)?;
                        Some((o.all.people_worse.unwrap_or(0.0), s.name.as_str()))
                    })
                    .filter(|h| h.0 > 0.0)
                    .collect();
                hit.sort_by(|a, b| b.0.total_cmp(&a.0));
                if !hit.is_empty() {
                    let list: Vec<String> = hit
                        .iter()
                        .map(|(n, s)| format!("{s} ({} people)", people(*n)))
                        .collect();
                    out.push(format!(
                        "By car, the longer journeys are to {}.",
                        list.join(", ")
                    ));
                }
            }
        }
    }
    if let Some(car) = t.any_service.iter().find(|a| a.mode == TravelMode::Car) {
        let most = car
            .options
            .iter()
            .map(|o| o.people_worse)
            .fold(0.0, f64::max);
        let tied: Vec<String> = car
            .options
            .iter()
            .filter(|o| o.people_worse == most)
            .map(|o| name(&o.option))
            .collect();
        let preferred_most = preferred.is_some_and(|p| {
            car.options
                .iter()
                .any(|o| o.option == p && o.people_worse == most)
        });
        if most > 0.0 && !preferred_most {
            out.push(format!(
                "Most journeys by car lengthen under {}: {} people{}.",
                tied.join(" and under "),
                people(most),
                if tied.len() > 1 { " each" } else { "" }
            ));
        } else if most > 0.0 {
            let others: Vec<&String> = tied
                .iter()
                .filter(|n| preferred.is_none_or(|p| **n != name(p)))
                .collect();
            out.push(if others.is_empty() {
                "No other option lengthens as many journeys by car.".to_owned()
            } else {
                format!(
                    "No option lengthens more journeys by car; {} lengthen{} as many.",
                    others
                        .iter()
                        .map(|s| s.as_str())
                        .collect::<Vec<_>>()
                        .join(" and "),
                    if others.len() == 1 { "s" } else { "" }
                )
            });
        }
    }
    if out.is_empty() {
        out.push(format!("No option lengthens anyone's journey by car to any service by more than {limit} minutes."));
    }
    out.join(" ")
}

/// The parts of the appraisal this pack has no figures for, each with why.
fn unassessed(input: &PackInput) -> Vec<String> {
    [
        ("the ranking", input.score.as_ref().err()),
        ("viability", input.finance.as_ref().err()),
        ("travel and equality", input.travel.as_ref().err()),
    ]
    .into_iter()
    .filter_map(|(part, why)| why.map(|NotAssessed(reason)| format!("{part} ({reason})")))
    .collect()
}

fn no_preferred(r: &Results) -> String {
    if let Some(reason) = &r.provisional {
        return format!(
            "No option is preferred: {reason}. The ranks below are provisional: they come from weights that do not add up, which is not the weighting the panel agreed. Correct the weights before any option is put to the board as preferred."
        );
    }
    if r.options.iter().all(|o| !o.hurdles.passes) {
        "No option is preferred: every option fails at least one hurdle test.".to_owned()
    } else {
        "No option is preferred: two or more options passing every hurdle share the highest total."
            .to_owned()
    }
}

/// Where the preferred option's lead over the next-best option comes from, group by group.
fn why(r: &Results, order: &[&OptionResult], preferred: Option<&OptionResult>) -> String {
    let Some(p) = preferred else {
        return "The results section shows each option's total and where its points come from."
            .to_owned();
    };
    let Some(next) = order.iter().find(|o| o.code != p.code) else {
        return format!("{} is the only option appraised.", p.name);
    };
    let mut gaps: Vec<(f64, &str)> = r
        .groups
        .iter()
        .enumerate()
        .filter(|(_, g)| g.top_level)
        .map(|(i, g)| {
            let gap = p.groups.get(i).map_or(0.0, |s| s.contribution)
                - next.groups.get(i).map_or(0.0, |s| s.contribution);
            (gap, g.name.as_str())
        })
        .collect();
    gaps.sort_by(|a, b| b.0.total_cmp(&a.0));
    let ahead: Vec<String> = gaps
        .iter()
        .filter(|g| g.0 > 0.05)
        .map(|g| format!("{} (+{})", g.1, f1(g.0)))
        .collect();
    let behind: Vec<String> = gaps
        .iter()
        .rev()
        .filter(|g| g.0 < -0.05)
        .map(|g| format!("{} ({})", g.1, f1(g.0)))
        .collect();
    let mut s = format!(
        "{} leads {} ({} points, rank {}) by {} points.",
        p.name,
        next.name,
        f1(next.total),
        next.rank,
        f1(p.total - next.total)
    );
    if !ahead.is_empty() {
        s.push_str(&format!(" Its lead comes from {}.", ahead.join(", ")));
    }
    if !behind.is_empty() {
        s.push_str(&format!(" It scores lower on {}.", behind.join(", ")));
    }
    let failed: Vec<&str> = order
        .iter()
        .filter(|o| !o.hurdles.passes && o.total > p.total)
        .map(|o| o.name.as_str())
        .collect();
    if !failed.is_empty() {
        s.push_str(&format!(
            " Higher-scoring options that fail a hurdle test and so cannot be preferred: {}.",
            failed.join("; ")
        ));
    }
    s
}

fn costs(f: &FinanceResults, code: &str) -> String {
    let Some(o) = f.option(code) else {
        return "The viability model has no projection for the preferred option.".to_owned();
    };
    let npv = match o.economic.npv_vs_do_minimum {
        Some(_) if f.do_minimum.as_deref() == Some(code) => {
            "It is the do-minimum option, against which every NPV is measured.".to_owned()
        }
        Some(n) => format!(
            "Its net present value against do minimum is GBP {}m over the appraisal's {} years (Green Book discounting, with optimism bias on capital).",
            gbp_m(n),
            f.years.len()
        ),
        None => "Its NPV against do minimum is not known: the appraisal has no do-minimum option."
            .to_owned(),
    };
    let breakeven = match o.break_even_year {
        Some(y) => format!(
            "It breaks even from {}.",
            crate::model::financial_year_label(y)
        ),
        None => "It does not break even within the appraisal period.".to_owned(),
    };
    format!(
        "{npv} {breakeven} Its I&E margin in the final year is {}%, its lowest liquidity {} days; its worst CoSRR is {} ({}) and its worst SOF finance score {} ({}).",
        f1(o.final_year_margin_percent),
        f1(o.lowest_liquidity_days),
        o.worst_cosrr,
        f.cosrr_scale,
        o.worst_sof_score,
        f.sof_scale
    )
}

/// Says, above a ranking table, that its ranks are provisional while the weights do not sum.
pub fn provisional_note(doc: &mut Doc, r: &Results) {
    if let Some(reason) = &r.provisional {
        doc.note(&format!(
            "Provisional ranks, no option preferred: {reason}."
        ));
    }
}

/// Rank, option, total, hurdles, and the finance headline figures.
pub fn ranking(doc: &mut Doc, r: &Results, f: Option<&FinanceResults>) {
    let mut order: Vec<&OptionResult> = r.options.iter().collect();
    order.sort_by_key(|o| o.rank);
    provisional_note(doc, r);
    let rows: Vec<Vec<Cell>> = order
        .iter()
        .map(|o| {
            let fin = f.and_then(|f| f.option(&o.code));
            let name = if o.preferred {
                strong(&format!("{} (preferred)", o.name))
            } else {
                cell(&o.name)
            };
            vec![
                num(&o.rank.to_string()),
                name,
                num(&f1(o.total)),
                cell(if o.hurdles.passes { "Passes" } else { "Fails" }),
                num(&fin
                    .and_then(|x| x.economic.npv_vs_do_minimum)
                    .map_or("n/a".to_owned(), gbp_m)),
                num(&fin.map_or("n/a".to_owned(), |x| x.worst_cosrr.to_string())),
                num(&fin.map_or("n/a".to_owned(), |x| x.worst_sof_score.to_string())),
            ]
        })
        .collect();
    doc.table(
        "(3.8em, 1fr, 4.6em, 5.2em, 6.2em, 5.6em, 5.6em)",
        &[
            "Rank",
            "Option",
            "Total (of 100)",
            "Hurdles",
            "NPV vs do min. (GBP m)",
            "Worst CoSRR (4 best)",
            "Worst SOF (1 best)",
        ],
        rows,
    );
}

/// What the preferred option `p` does to households without a car, when any is worse off.
fn without_car(t: &TravelResults, p: &str, limit: &str) -> Option<String> {
    let o = t.no_car.as_ref()?.options.iter().find(|o| o.option == p)?;
    let worse = o.worse.filter(|w| *w > 0.0)?;
    let newly = match o.newly_outside {
        Some(n) if n > 0.0 => format!(
            ", and {} would be newly outside a service's public-transport threshold",
            people(n)
        ),
        _ => String::new(),
    };
    Some(format!(
        "Of the households without a car, {} would have a public-transport journey more than {limit} minutes longer ({} in the two most deprived quintiles){newly}.",
        people(worse),
        people(o.worse_most_deprived.unwrap_or(0.0))
    ))
}
