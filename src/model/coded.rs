//! The things an appraisal names by a code: organisations, sites, zones, services, options,
//! criteria, scorers and weight sets. Entities refer to each other by code, so finding one by
//! its code, refusing a code already taken and naming one in a message are the same for each;
//! this trait says once what each is called, so that logic is written once.

use super::{AppraisalOption, Criterion, Organisation, Scorer, Service, Site, WeightSet, Zone};

/// A thing with a code (unique in its list) and a name.
pub trait Coded {
    /// What one is called in a message ("site", "weight set").
    const WHAT: &'static str;
    /// Its list's key in a field path ("sites" in "sites/RVJ01/name").
    const LIST: &'static str;

    fn code(&self) -> &str;
    fn name(&self) -> &str;

    /// The place in `items` of the one coded `code`.
    fn position_in(items: &[Self], code: &str) -> Option<usize>
    where
        Self: Sized,
    {
        items.iter().position(|x| x.code() == code)
    }

    /// Whether one in `items` is coded `code`.
    fn is_in(items: &[Self], code: &str) -> bool
    where
        Self: Sized,
    {
        Self::position_in(items, code).is_some()
    }
}

macro_rules! coded {
    ($($t:ty: $what:literal in $list:literal),* $(,)?) => {$(
        impl Coded for $t {
            const WHAT: &'static str = $what;
            const LIST: &'static str = $list;
            fn code(&self) -> &str {
                &self.code
            }
            fn name(&self) -> &str {
                &self.name
            }
        }
    )*};
}

coded! {
    Organisation: "organisation" in "organisations",
    Site: "site" in "sites",
    Zone: "zone" in "zones",
    Service: "service" in "services",
    AppraisalOption: "option" in "options",
    Criterion: "criterion" in "criteria",
    Scorer: "scorer" in "scorers",
    WeightSet: "weight set" in "weight_sets",
}
