//! The built-in illustrative demo appraisal (Mid Staffordshire and its neighbours).
//!
//! Modelled loosely on the 2013 special administration of Mid Staffordshire NHS Foundation
//! Trust. Every figure, score, name of a panel member and evidence reference is illustrative:
//! the demo exists to show the app working end to end and must never be read as a
//! recommendation.

mod criteria;
mod options;
mod organisations;
mod places;
mod scores;
#[cfg(test)]
mod tests;

use crate::model::{Appraisal, DiscountSchedule, Settings, Status, TravelEstimator, TravelMatrix};

/// The demo appraisal, built fresh (and identically) each call.
pub fn appraisal() -> Appraisal {
    let mut a = Appraisal::new("Illustrative: future of hospital services in mid Staffordshire");
    a.meta.health_economy = "Mid Staffordshire and neighbours".to_owned();
    a.meta.author = "Appraise demo".to_owned();
    a.meta.status = Status::Draft;
    a.meta.base_year = organisations::FIRST_YEAR;
    a.meta.horizon_years = 10;
    a.meta.discount = DiscountSchedule::green_book();
    a.meta.illustrative = true;
    a.meta.description = "Illustrative demo appraisal, not a recommendation. It is modelled \
        loosely on the 2013 special administration of Mid Staffordshire NHS Foundation Trust, \
        but its finances, scores, panel members and evidence are invented for illustration. It \
        compares five options for a trust with a deficit of about GBP 20m a year (do minimum; \
        merger with University Hospitals of North Staffordshire; a split of its two hospitals \
        between North Staffordshire and Wolverhampton; an integrated care organisation with \
        community services and adult social care; merger with Burton Hospitals) against \
        viability, quality, access and deliverability criteria, with NHS England's four tests \
        for service change as pass/fail hurdles. The viability model computes the finance \
        criteria and the travel engine the travel criteria (times estimated from coordinates)."
        .to_owned();
    a.settings = Settings::default();
    a.organisations = organisations::organisations();
    a.services = places::services();
    a.sites = places::sites();
    a.zones = places::zones();
    a.options = options::options();
    a.criteria = criteria::criteria(&a.settings.panel_scale);
    a.weightings = criteria::weightings();
    a.weight_sets = criteria::weight_sets();
    a.scorers = scores::scorers();
    a.scores = scores::scores();
    a.performances = scores::performances();
    a.travel_estimator = TravelEstimator::default();
    a.travel_matrix = TravelMatrix::default();
    a.audit = Vec::new();
    a.exports = Vec::new();
    a
}
