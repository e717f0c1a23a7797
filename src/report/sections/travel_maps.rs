//! The travel chapter's maps: one per option against do minimum, for the service the
//! appraisal's first travel criterion measures (or the first service), by car, and by public
//! transport where the appraisal has public transport times. Boards look at maps before tables.

use std::cell::RefCell;

use super::super::PackInput;
use super::super::doc::Doc;
use crate::charts::{self, map::MapData, travel::by_mode};
use rayon::prelude::*;

use crate::model::{Appraisal, AppraisalOption, CriterionKind, Source, TravelMode};
use crate::travel::TravelResults;

/// A map fills most of the text width and stays within the page's height.
const MAP_WIDTH: u8 = 92;

pub fn write(doc: &mut Doc, input: &PackInput, t: &TravelResults) {
    let a = input.appraisal;
    let Some(baseline) = t.baseline.as_deref() else {
        return;
    };
    let Some(service) = mapped_service(a) else {
        return;
    };
    let name = a
        .services
        .iter()
        .find(|s| s.code == service)
        .map_or(service.as_str(), |s| s.name.as_str());
    let mut modes = vec![TravelMode::Car];
    if a.travel_matrix
        .modes()
        .contains(&TravelMode::PublicTransport)
    {
        modes.push(TravelMode::PublicTransport);
    }
    doc.heading(2, &format!("Maps: journeys to {name}"));
    let roads = match a.travel_matrix.road_layer() {
        Some(layer) if layer.lines.is_empty() => format!(
            "Drawn from the appraisal's own coordinates; the OpenStreetMap extract {} the road times were computed from has no motorway, trunk, primary, secondary or tertiary road within 15 km of the appraisal's places, so no road is drawn.",
            layer.extract
        ),
        Some(layer) => format!(
            "Drawn from the appraisal's own coordinates, with the main roads of the OpenStreetMap extract {} (the one the road times were computed from) as faint grey lines: motorways and trunk roads on every map, smaller roads as far as the map's scale allows. Roads \u{a9} OpenStreetMap contributors.",
            layer.extract
        ),
        None => "Drawn from the appraisal's own coordinates. No road network is drawn: roads are drawn only where the road times were computed from a map extract.".to_owned(),
    };
    doc.para(&format!(
        "Each map shows one option against do minimum: every zone coloured by how much longer (or shorter) its journey to the nearest site offering {name} becomes, the most deprived fifth of zones outlined, and the sites that stop or start offering a service marked and named. {roads}"
    ));
    let maps: Vec<(&AppraisalOption, TravelMode)> = a
        .options
        .iter()
        .filter(|o| o.code != baseline)
        .flat_map(|o| modes.iter().map(move |m| (o, *m)))
        .collect();
    // A national map is tens of thousands of zones: drawn on every core, placed in order.
    let drawn: Vec<_> = maps
        .par_iter()
        .map(|(option, mode)| {
            MapData::of(a, t, &service, *mode, &option.code)
                .and_then(|m| charts::map::option_map(&m, charts::PACK_WIDTH))
        })
        .collect();
    for ((option, mode), map) in maps.into_iter().zip(drawn) {
        doc.figure_at(
            &format!("map-{}-{}-{}", option.code, service, mode_key(mode)),
            map,
            &format!(
                "{}: change in journey time to {} {} against do minimum, by zone",
                option.name,
                name,
                by_mode(mode)
            ),
            MAP_WIDTH,
        );
    }
}

fn mode_key(mode: TravelMode) -> &'static str {
    match mode {
        TravelMode::PublicTransport => "pt",
        _ => "car",
    }
}

/// The code of the service the first criterion sourcing a travel metric measures, or the first
/// service's when no criterion names one.
fn mapped_service(a: &Appraisal) -> Option<String> {
    let by_criterion = a.criteria.iter().find_map(|c| {
        let CriterionKind::Leaf(spec) = &c.kind else {
            return None;
        };
        let Source::Derived { metric } = &spec.source else {
            return None;
        };
        // `describe` names the service the metric carries (alias resolved): catch its code.
        let asked = RefCell::new(None);
        crate::metrics::describe(metric, |code| {
            *asked.borrow_mut() = Some(code.to_owned());
            None
        })?;
        let code = asked.into_inner()?;
        a.services
            .iter()
            .find(|s| s.code.eq_ignore_ascii_case(&code))
            .map(|s| s.code.clone())
    });
    by_criterion.or_else(|| a.services.first().map(|s| s.code.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_map_follows_the_first_travel_criterion() {
        let mut a = crate::demo::appraisal();
        assert_eq!(mapped_service(&a).as_deref(), Some("AE"));
        // Put the maternity criterion (travel.maternity_car_mean_change) first.
        let at = a
            .criteria
            .iter()
            .position(|c| {
                c.leaf().is_some_and(|l| {
                    l.source
                        == Source::Derived {
                            metric: "travel.maternity_car_mean_change".to_owned(),
                        }
                })
            })
            .unwrap();
        let maternity = a.criteria.remove(at);
        a.criteria.insert(0, maternity);
        assert_eq!(mapped_service(&a).as_deref(), Some("MAT"));
        a.criteria.clear();
        assert_eq!(
            mapped_service(&a).as_deref(),
            Some(a.services[0].code.as_str())
        );
    }
}
