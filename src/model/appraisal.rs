use serde::{Deserialize, Serialize};

use super::{
    AppraisalOption, AuditEntry, Criterion, DrawStream, ExportRecord, FinanceRules, Organisation,
    Performance, Score, Scorer, SensitivitySettings, Service, Site, TravelEstimator, TravelMatrix,
    WeightSet, Weighting, Zone,
};

/// One whole appraisal: everything a board pack is made from, as stored in one `.appraisal` file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Appraisal {
    pub meta: Meta,
    pub settings: Settings,
    pub organisations: Vec<Organisation>,
    pub sites: Vec<Site>,
    pub services: Vec<Service>,
    pub zones: Vec<Zone>,
    pub options: Vec<AppraisalOption>,
    pub criteria: Vec<Criterion>,
    /// How the local weights under each parent were elicited (direct, swing, AHP).
    pub weightings: Vec<Weighting>,
    pub weight_sets: Vec<WeightSet>,
    pub scorers: Vec<Scorer>,
    pub scores: Vec<Score>,
    /// Single recorded performances per option and criterion: hurdle judgements, categorical
    /// facts and derived metrics entered by hand until their engine computes them.
    pub performances: Vec<Performance>,
    pub travel_estimator: TravelEstimator,
    /// Imported zone x site travel times; the estimator fills the cells it has no value for.
    pub travel_matrix: TravelMatrix,
    /// Append-only record of every change saved to the file; written by the store, never edited.
    pub audit: Vec<AuditEntry>,
    /// Board packs exported from this appraisal.
    pub exports: Vec<ExportRecord>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Meta {
    pub title: String,
    pub health_economy: String,
    pub author: String,
    pub status: Status,
    /// Financial year the appraisal starts from, named by its first calendar year (2013 = 2013/14).
    pub base_year: i32,
    pub horizon_years: u32,
    pub discount: DiscountSchedule,
    /// Marks demo or training appraisals so no output is mistaken for a real recommendation.
    pub illustrative: bool,
    pub description: String,
}

impl Meta {
    /// The financial years appraised, base year first (at least one, whatever the horizon), by
    /// their first calendar year: the years baselines, finance entries and NPVs may fall in.
    pub fn years(&self) -> std::ops::RangeInclusive<i32> {
        self.base_year..=self.base_year + self.horizon_years.max(1) as i32 - 1
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Draft,
    Final,
}

/// Discount rates by band of years, e.g. the Green Book's declining schedule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct DiscountSchedule {
    pub bands: Vec<DiscountBand>,
}

/// Rate applied to years `from_year..=to_year` (open-ended when `to_year` is absent).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct DiscountBand {
    pub from_year: u32,
    pub to_year: Option<u32>,
    pub rate: f64,
}

impl DiscountSchedule {
    /// HM Treasury Green Book social time preference rate schedule.
    pub fn green_book() -> Self {
        let band = |from_year, to_year, rate| DiscountBand {
            from_year,
            to_year,
            rate,
        };
        DiscountSchedule {
            bands: vec![
                band(0, Some(30), 0.035),
                band(31, Some(75), 0.030),
                band(76, Some(125), 0.025),
                band(126, Some(200), 0.020),
                band(201, Some(300), 0.015),
                band(301, None, 0.010),
            ],
        }
    }
}

/// Appraisal-wide settings that engines read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Settings {
    pub panel_scale: PanelScale,
    pub aggregation: Aggregation,
    /// Scorers whose scores for one option and criterion span more than this are flagged.
    pub disagreement_range: f64,
    /// Journeys that grow by more than this many minutes against do minimum are counted.
    pub travel_increase_minutes: f64,
    /// Thresholds, weights and override rules of the financial risk ratings; files written
    /// before the finance engine get the published defaults.
    #[serde(default)]
    pub finance: FinanceRules,
    /// The sensitivity analysis's settings; files written before they were stored get the
    /// defaults.
    #[serde(default)]
    pub sensitivity: SensitivitySettings,
    /// Road travel times from an OpenStreetMap extract (`appraise roads`); absent from the file
    /// while they are the defaults, so files written before them, and by builds that do not
    /// know them, read the same.
    #[serde(default, skip_serializing_if = "RoadSettings::is_default")]
    pub roads: RoadSettings,
    /// Public transport times from GTFS timetables (`appraise transit`); absent from the file
    /// while they are the defaults, like the road settings.
    #[serde(default, skip_serializing_if = "TransitSettings::is_default")]
    pub transit: TransitSettings,
}

/// How road travel times are made from an OpenStreetMap extract: the joining leg and the
/// published drive-time convention. Car time = drive x (1 + junction allowance) + parking
/// allowance (Sport England: +15%, +160 s); blue light = share x off-peak drive x (1 + junction
/// allowance), no parking (NW London: 67%).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields, default)]
pub struct RoadSettings {
    /// Speed of the straight leg joining a zone centroid or site to its nearest road node.
    pub join_speed_kmh: f64,
    /// A zone or site farther than this many metres from any road is an error.
    pub max_join_m: f64,
    /// Blue-light time as a share of the off-peak car drive.
    pub blue_light_share: f64,
    /// Drive time grows by this share for junctions.
    pub junction_allowance: f64,
    /// Seconds added to car times for parking.
    pub parking_seconds: f64,
    /// Peak time = off-peak time x the road class's factor.
    pub peak_factors: PeakFactors,
}

/// Peak time = off-peak time x the factor of the road's class (a slip road takes its road's):
/// busier, higher classes slow most. Defaults in the range DfT's road congestion statistics show
/// between free-flow and weekday-morning speeds on English roads.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields, default)]
pub struct PeakFactors {
    pub motorway: f64,
    pub trunk: f64,
    pub primary: f64,
    pub secondary: f64,
    pub tertiary: f64,
    /// Unclassified and residential roads.
    pub minor: f64,
    /// Service roads and living streets.
    pub access: f64,
}

impl Default for PeakFactors {
    fn default() -> Self {
        PeakFactors {
            motorway: 1.5,
            trunk: 1.4,
            primary: 1.4,
            secondary: 1.3,
            tertiary: 1.25,
            minor: 1.15,
            access: 1.1,
        }
    }
}

impl Default for RoadSettings {
    fn default() -> Self {
        RoadSettings {
            join_speed_kmh: 15.0,
            max_join_m: 2_000.0,
            blue_light_share: 0.67,
            junction_allowance: 0.15,
            parking_seconds: 160.0,
            peak_factors: PeakFactors::default(),
        }
    }
}

impl RoadSettings {
    pub fn is_default(&self) -> bool {
        *self == RoadSettings::default()
    }

    /// The values that would give no sensible times, as (field, value, what it must be): the
    /// road engine refuses them and validation lists them.
    pub fn problems(&self) -> Vec<(&'static str, f64, &'static str)> {
        let mut out = Vec::new();
        let s = self;
        if !(s.join_speed_kmh.is_finite() && s.join_speed_kmh > 0.0) {
            out.push(("join_speed_kmh", s.join_speed_kmh, "must be above 0"));
        }
        if !(s.max_join_m.is_finite() && s.max_join_m >= 0.0) {
            out.push(("max_join_m", s.max_join_m, "must be 0 or more"));
        }
        if !(s.blue_light_share > 0.0 && s.blue_light_share <= 1.0) {
            out.push((
                "blue_light_share",
                s.blue_light_share,
                "must be above 0 and at most 1",
            ));
        }
        if !(s.junction_allowance.is_finite() && s.junction_allowance >= 0.0) {
            out.push((
                "junction_allowance",
                s.junction_allowance,
                "must be 0 or more",
            ));
        }
        if !(s.parking_seconds.is_finite() && s.parking_seconds >= 0.0) {
            out.push(("parking_seconds", s.parking_seconds, "must be 0 or more"));
        }
        let f = &s.peak_factors;
        for (field, value) in [
            ("peak_factors/motorway", f.motorway),
            ("peak_factors/trunk", f.trunk),
            ("peak_factors/primary", f.primary),
            ("peak_factors/secondary", f.secondary),
            ("peak_factors/tertiary", f.tertiary),
            ("peak_factors/minor", f.minor),
            ("peak_factors/access", f.access),
        ] {
            if !(value.is_finite() && (1.0..=10.0).contains(&value)) {
                out.push((field, value, "must be from 1 to 10"));
            }
        }
        out
    }
}

/// How public transport times are made from GTFS timetables: the walking legs (to the first
/// stop, between stops for a change, from the last stop, or the whole way), the changes allowed
/// and the longest journey counted. Walks are the straight line x the detour factor, at the
/// walking speed.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields, default)]
pub struct TransitSettings {
    /// Walking speed (4.8 km/h, 3 mph: the usual planning figure).
    pub walk_speed_kmh: f64,
    /// Longest walk to the first stop, from the last stop, or the whole way, in metres (along
    /// streets: straight line x the detour factor).
    pub max_walk_m: f64,
    /// Longest walk between two stops for a change, in metres (along streets); transfers.txt
    /// changes are taken whatever their length.
    pub transfer_m: f64,
    /// Most changes of vehicle in one journey.
    pub max_transfers: u32,
    /// Street distance over straight-line distance for walks.
    pub detour_factor: f64,
    /// A departure minute whose quickest journey is longer than this has no journey.
    pub max_journey_minutes: f64,
}

impl Default for TransitSettings {
    fn default() -> Self {
        TransitSettings {
            walk_speed_kmh: 4.8,
            max_walk_m: 800.0,
            transfer_m: 400.0,
            max_transfers: 3,
            detour_factor: 1.3,
            max_journey_minutes: 180.0,
        }
    }
}

impl TransitSettings {
    pub fn is_default(&self) -> bool {
        *self == TransitSettings::default()
    }

    /// The values that would give no sensible times, as (field, value, what it must be): the
    /// transit engine refuses them and validation lists them.
    pub fn problems(&self) -> Vec<(&'static str, f64, &'static str)> {
        let mut out = Vec::new();
        let s = self;
        if !(s.walk_speed_kmh.is_finite() && s.walk_speed_kmh > 0.0 && s.walk_speed_kmh <= 20.0) {
            out.push((
                "walk_speed_kmh",
                s.walk_speed_kmh,
                "must be above 0 and at most 20",
            ));
        }
        if !(s.max_walk_m.is_finite() && (0.0..=10_000.0).contains(&s.max_walk_m)) {
            out.push(("max_walk_m", s.max_walk_m, "must be from 0 to 10000"));
        }
        if !(s.transfer_m.is_finite() && (0.0..=5_000.0).contains(&s.transfer_m)) {
            out.push(("transfer_m", s.transfer_m, "must be from 0 to 5000"));
        }
        if s.max_transfers > 10 {
            out.push((
                "max_transfers",
                f64::from(s.max_transfers),
                "must be at most 10",
            ));
        }
        if !(s.detour_factor.is_finite() && (1.0..=3.0).contains(&s.detour_factor)) {
            out.push(("detour_factor", s.detour_factor, "must be from 1 to 3"));
        }
        if !(s.max_journey_minutes.is_finite()
            && s.max_journey_minutes > 0.0
            && s.max_journey_minutes <= 600.0)
        {
            out.push((
                "max_journey_minutes",
                s.max_journey_minutes,
                "must be above 0 and at most 600",
            ));
        }
        out
    }
}

/// The scale panel members score on, with a written descriptor for each anchor level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct PanelScale {
    pub min: f64,
    pub max: f64,
    pub descriptors: Vec<ScaleDescriptor>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct ScaleDescriptor {
    pub score: f64,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Aggregation {
    Mean,
    Median,
}

impl Default for Settings {
    fn default() -> Self {
        let d = |score, text: &str| ScaleDescriptor {
            score,
            text: text.to_owned(),
        };
        Settings {
            panel_scale: PanelScale {
                min: 0.0,
                max: 10.0,
                descriptors: vec![
                    d(0.0, "Does not meet the criterion at all"),
                    d(2.0, "Meets the criterion poorly, with major gaps"),
                    d(4.0, "Partly meets the criterion"),
                    d(6.0, "Meets the criterion adequately"),
                    d(8.0, "Meets the criterion well"),
                    d(10.0, "Meets the criterion fully; best achievable"),
                ],
            },
            aggregation: Aggregation::Mean,
            disagreement_range: 3.0,
            travel_increase_minutes: 15.0,
            finance: FinanceRules::default(),
            sensitivity: SensitivitySettings::default(),
            roads: RoadSettings::default(),
            transit: TransitSettings::default(),
        }
    }
}

impl Appraisal {
    /// An empty draft appraisal with Green Book defaults, ready to be filled in.
    pub fn new(title: &str) -> Self {
        Appraisal {
            meta: Meta {
                title: title.to_owned(),
                health_economy: String::new(),
                author: String::new(),
                status: Status::Draft,
                base_year: 2026,
                horizon_years: 10,
                discount: DiscountSchedule::green_book(),
                illustrative: false,
                description: String::new(),
            },
            settings: Settings {
                // A new appraisal's SMAA draws on every core.
                sensitivity: SensitivitySettings {
                    stream: DrawStream::Blocks,
                    ..SensitivitySettings::default()
                },
                ..Settings::default()
            },
            organisations: Vec::new(),
            sites: Vec::new(),
            services: Vec::new(),
            zones: Vec::new(),
            options: Vec::new(),
            criteria: Vec::new(),
            weightings: Vec::new(),
            weight_sets: Vec::new(),
            scorers: Vec::new(),
            scores: Vec::new(),
            performances: Vec::new(),
            travel_estimator: TravelEstimator::default(),
            travel_matrix: TravelMatrix::default(),
            audit: Vec::new(),
            exports: Vec::new(),
        }
    }
}
