//! Typed edits the window makes to an appraisal, each checked before anything changes.
//!
//! Numbers arrive as the text the analyst typed, so the core (not the front end) decides what a
//! valid weight or score is and says why in plain English, naming the field by the same path
//! [`crate::validate`] uses, so the window can show the message beside that field.

use serde::{Deserialize, Serialize};

use super::configuration::TransferShare;
use super::criteria::{self, End, FunctionKind, PointPart};
use super::meta::{self, MetaText};
use super::option_finance::{self, FinanceField, FinanceList};
use super::organisations::{self, Assumption};
use super::panel::{self, Bound};
use super::rating_rules::{self, Framework, OverridePart, RatingMetric};
use super::robustness::{self, BoundEnd, WeightInformation};
use super::sites::{self, Coordinate};
use super::spread;
use super::weighting::{self, Method};
use super::{assessment, configuration, services, weight_sets, zones};
use crate::charts::count;
use crate::finance::fy;
use crate::model::{
    Aggregation, Appraisal, AppraisalOption, CqcRating, Criterion, CriterionKind, Direction,
    LeafSpec, OptionFinance, OptionKind, OrgKind, Rounding, Score, ScoreModel, Scorer, Source,
    Status, TravelMode, ValueFunction, WeightingMethod,
};
use crate::quote::shorten;

/// One change to the appraisal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Edit {
    SetTitle {
        value: String,
    },
    /// The health economy, author or description (or the title) of the appraisal.
    SetMetaText {
        field: MetaText,
        value: String,
    },
    /// Draft or final.
    SetStatus {
        status: Status,
    },
    /// Whether the appraisal is illustrative (a demo or training), as every output then says.
    SetIllustrative {
        value: bool,
    },
    /// The first financial year, as typed ("2015" or "2015/16").
    SetBaseYear {
        value: String,
    },
    /// How many years are appraised, as typed.
    SetHorizon {
        value: String,
    },
    /// One band's discount rate in percent, as typed.
    SetDiscountRate {
        band: usize,
        value: String,
    },
    /// The last year of a band of the discount schedule, as typed.
    SetDiscountEnd {
        band: usize,
        value: String,
    },
    /// Puts back the Green Book discount schedule.
    ResetDiscount,
    /// The journey increase (minutes) that counts a person as worse off, as typed.
    SetTravelIncrease {
        value: String,
    },
    /// The tornado's swing of each weight, in percent of itself, as typed.
    SetTornadoShare {
        value: String,
    },
    /// SMAA's draws of weights (and scores), as typed.
    SetSmaaSamples {
        value: String,
    },
    /// Score draws per confidence factor, as typed.
    SetConfidenceSamples {
        value: String,
    },
    /// The seed of the draws, as typed.
    SetSeed {
        value: String,
    },
    /// How uncertain the panel's scores are taken to be.
    SetScoreModel {
        model: ScoreModel,
    },
    /// What is known about the weights.
    SetWeightInformation {
        kind: WeightInformation,
    },
    /// The band around today's weights, in percent, as typed.
    SetAroundShare {
        value: String,
    },
    /// One end of a leaf's bound on its global weight, in percent, as typed.
    SetWeightBound {
        criterion: String,
        end: BoundEnd,
        value: String,
    },
    /// A leaf's place in the order of importance, as typed; empty takes it out.
    SetRank {
        criterion: String,
        value: String,
    },
    /// One boundary of a financial risk rating metric, as typed.
    SetRatingCut {
        framework: Framework,
        metric: RatingMetric,
        cut: usize,
        value: String,
    },
    /// Whether a value exactly on a rating boundary reaches the better rating.
    SetRatingCutInclusive {
        framework: Framework,
        metric: RatingMetric,
        cut: usize,
        inclusive: bool,
    },
    /// A metric's weight in its framework's overall rating, as typed.
    SetRatingWeight {
        framework: Framework,
        metric: RatingMetric,
        value: String,
    },
    /// How a framework's weighted mean becomes a whole rating.
    SetRatingRounding {
        framework: Framework,
        rounding: Rounding,
    },
    /// A new override rule, its ratings as typed, with its source.
    AddRatingOverride {
        framework: Framework,
        metric_rating: String,
        overall_no_better_than: String,
        note: String,
    },
    /// One of an override rule's ratings, as typed.
    SetRatingOverride {
        framework: Framework,
        index: usize,
        part: OverridePart,
        value: String,
    },
    SetRatingOverrideNote {
        framework: Framework,
        index: usize,
        note: String,
    },
    RemoveRatingOverride {
        framework: Framework,
        index: usize,
    },
    /// Puts back a framework's published rating rules.
    ResetRatingRules {
        framework: Framework,
    },
    /// A population zone with its population and IMD decile, as typed.
    AddZone {
        code: String,
        name: String,
        population: String,
        imd_decile: String,
    },
    RenameZone {
        code: String,
        name: String,
    },
    /// A zone's latitude or longitude in decimal degrees, as typed; empty clears it.
    SetZoneCoordinate {
        zone: String,
        coordinate: Coordinate,
        value: String,
    },
    SetZonePopulation {
        zone: String,
        value: String,
    },
    /// A zone's IMD decile (1 = most deprived, 10 = least), as typed.
    SetZoneDecile {
        zone: String,
        value: String,
    },
    /// Removes a zone the imported travel matrix has no times from.
    RemoveZone {
        code: String,
    },
    /// A criterion's local weight, as typed.
    SetWeight {
        criterion: String,
        value: String,
    },
    /// One scorer's score, as typed; empty text removes the score.
    SetScore {
        option: String,
        criterion: String,
        scorer: String,
        value: String,
    },
    /// The reason a scorer gave for a score already entered.
    SetRationale {
        option: String,
        criterion: String,
        scorer: String,
        rationale: String,
    },
    AddOption {
        code: String,
        name: String,
        kind: OptionKind,
    },
    RenameOption {
        code: String,
        name: String,
    },
    /// Merger, acquisition, split, ICO, ... or do minimum.
    SetOptionKind {
        code: String,
        kind: OptionKind,
    },
    SetOptionDescription {
        code: String,
        description: String,
    },
    /// A site moving to another organisation under an option (a split), with the shares of its
    /// organisation's income and costs that go with it, typed in percent.
    AddSiteTransfer {
        option: String,
        site: String,
        to_organisation: String,
        income_share: String,
        cost_share: String,
    },
    SetSiteTransferTo {
        option: String,
        site: String,
        to_organisation: String,
    },
    SetSiteTransferShare {
        option: String,
        site: String,
        share: TransferShare,
        value: String,
    },
    RemoveSiteTransfer {
        option: String,
        site: String,
    },
    /// Removes an option with its scores and recorded performances.
    RemoveOption {
        code: String,
    },
    AddOrganisation {
        code: String,
        name: String,
        kind: OrgKind,
    },
    RenameOrganisation {
        code: String,
        name: String,
    },
    SetOrganisationKind {
        code: String,
        kind: OrgKind,
    },
    /// The CQC overall rating; none when not rated.
    SetCqcRating {
        code: String,
        rating: Option<CqcRating>,
    },
    /// Removes an organisation no site, option or transfer refers to.
    RemoveOrganisation {
        code: String,
    },
    /// The next baseline year (see [`organisations::add_year`]).
    AddBaselineYear {
        organisation: String,
    },
    RemoveBaselineYear {
        organisation: String,
        year: i32,
    },
    /// One money line (a name in [`crate::model::FinancialYear::LINES`]) of one baseline year,
    /// in GBP thousands as typed.
    SetBaselineLine {
        organisation: String,
        year: i32,
        line: String,
        value: String,
    },
    /// A projection rate, as a percentage a year as typed.
    SetProjection {
        organisation: String,
        assumption: Assumption,
        value: String,
    },
    /// A new row of an option's financial assumptions.
    AddFinanceItem {
        option: String,
        list: FinanceList,
    },
    RemoveFinanceItem {
        option: String,
        list: FinanceList,
        index: usize,
    },
    /// One field of one row of an option's financial assumptions, as typed.
    SetFinanceField {
        option: String,
        list: FinanceList,
        index: usize,
        field: FinanceField,
        value: String,
    },
    /// A group, or a leaf scored by the panel on the appraisal's panel scale.
    AddCriterion {
        code: String,
        name: String,
        parent: Option<String>,
        group: bool,
        weight: String,
    },
    /// Removes a criterion that has no children, with its scores, performances and weights.
    RemoveCriterion {
        code: String,
    },
    AddScorer {
        code: String,
        name: String,
        role: String,
    },
    RenameScorer {
        code: String,
        name: String,
    },
    /// What the scorer does (their job), shown beside their scores.
    SetScorerRole {
        code: String,
        role: String,
    },
    /// Removes a scorer with their scores.
    RemoveScorer {
        code: String,
    },
    /// How the weights under a group (none: the top level) are elicited.
    SetWeighting {
        parent: Option<String>,
        method: Method,
    },
    /// A criterion's local weight in percent, as typed; the difference is spread over its
    /// siblings not `locked`, in proportion to their weights, so the group keeps summing.
    SetWeightPercent {
        criterion: String,
        value: String,
        locked: Vec<String>,
    },
    /// "Spread the rest": what the group under `parent` lacks of 100% (or has over it) spread
    /// over its weights not `locked`, in proportion to their weights.
    SpreadWeights {
        parent: Option<String>,
        locked: Vec<String>,
    },
    /// One criterion's swing (0-100), as typed.
    SetSwing {
        parent: Option<String>,
        criterion: String,
        value: String,
    },
    /// An option's recorded performance on an assessed criterion (a category such as "Pass",
    /// or a number), as chosen or typed; empty removes it.
    SetAssessment {
        option: String,
        criterion: String,
        value: String,
    },
    /// The evidence behind a recorded performance.
    SetEvidence {
        option: String,
        criterion: String,
        evidence: String,
    },
    /// Whether an organisation is a member of an option (its finances are combined in it).
    SetMember {
        option: String,
        organisation: String,
        member: bool,
    },
    /// Whether a site offers a service under an option.
    SetSiteService {
        option: String,
        site: String,
        service: String,
        offered: bool,
    },
    AddWeightSet {
        code: String,
        name: String,
    },
    RemoveWeightSet {
        code: String,
    },
    /// A criterion's local weight in a weight set, as typed; empty keeps its own weight.
    SetSetWeight {
        set: String,
        criterion: String,
        value: String,
    },
    /// How much more `row` matters than `column` (1/9 to 9, e.g. "3" or "1/3"), as typed.
    SetJudgement {
        parent: Option<String>,
        row: String,
        column: String,
        value: String,
    },
    AddService {
        code: String,
        name: String,
    },
    RenameService {
        code: String,
        name: String,
    },
    /// A service's acceptable journey time by `mode`, in minutes as typed; empty removes it.
    SetThreshold {
        service: String,
        mode: TravelMode,
        value: String,
    },
    /// Removes a service with every site's and option's offer of it.
    RemoveService {
        code: String,
    },
    AddSite {
        code: String,
        name: String,
        organisation: String,
    },
    RenameSite {
        code: String,
        name: String,
    },
    /// A site's latitude or longitude in decimal degrees, as typed; empty clears it.
    SetSiteCoordinate {
        site: String,
        coordinate: Coordinate,
        value: String,
    },
    SetSiteOrganisation {
        site: String,
        organisation: String,
    },
    /// Whether a site offers a service today.
    SetSiteOffers {
        site: String,
        service: String,
        offered: bool,
    },
    /// Removes a site that no option configures and no imported travel time refers to.
    RemoveSite {
        code: String,
    },
    RenameCriterion {
        code: String,
        name: String,
    },
    SetCriterionDescription {
        code: String,
        description: String,
    },
    /// Moves a criterion (and anything under it) into a group, or to the top level (none).
    MoveCriterion {
        code: String,
        parent: Option<String>,
    },
    /// Where a leaf's performance comes from: the panel, an assessment or an engine's metric.
    SetSource {
        criterion: String,
        source: Source,
    },
    SetDirection {
        criterion: String,
        direction: Direction,
    },
    SetUnit {
        criterion: String,
        unit: String,
    },
    /// Switches a leaf's value function to another kind, starting from the present one.
    SetValueFunctionKind {
        criterion: String,
        kind: FunctionKind,
    },
    /// The worst or best raw performance of a linear value function, as typed.
    SetLinearEnd {
        criterion: String,
        end: End,
        value: String,
    },
    /// The raw performance or value of one piecewise point (`index` from 0), as typed.
    SetPoint {
        criterion: String,
        index: usize,
        part: PointPart,
        value: String,
    },
    /// Adds a piecewise point in its place by raw performance.
    AddPoint {
        criterion: String,
        raw: String,
        value: String,
    },
    RemovePoint {
        criterion: String,
        index: usize,
    },
    /// One category's 0-100 value, as typed.
    SetCategoryValue {
        criterion: String,
        label: String,
        value: String,
    },
    AddCategory {
        criterion: String,
        label: String,
        value: String,
    },
    /// Renames a category, carrying the performances recorded in it.
    RenameCategory {
        criterion: String,
        label: String,
        new: String,
    },
    /// Removes a category no recorded performance uses.
    RemoveCategory {
        criterion: String,
        label: String,
    },
    /// A hurdle's 0-100 pass value, as typed; empty removes the hurdle.
    SetHurdle {
        criterion: String,
        value: String,
    },
    /// The panel scale's minimum or maximum, as typed.
    SetScaleBound {
        bound: Bound,
        value: String,
    },
    /// The written descriptor for a level of the panel scale (its score as typed); empty text
    /// removes the level.
    SetScaleDescriptor {
        score: String,
        text: String,
    },
    /// How the panel's scores for a cell are combined.
    SetAggregation {
        aggregation: Aggregation,
    },
    /// The spread of a cell's scores beyond which the panel is flagged, as typed.
    SetDisagreementRange {
        value: String,
    },
}

/// Why an edit was refused: the field (a [`crate::validate`] path) and a plain-English reason
/// that names it, for an error summary; `short` says the same without naming the field, for
/// beside the field itself where its label already names it (a cell of the scoring grid).
#[derive(Debug, Clone, PartialEq, Serialize, thiserror::Error)]
#[error("{message}")]
pub struct EditError {
    pub field: String,
    pub message: String,
    pub short: String,
}

fn refuse<T>(field: impl Into<String>, message: impl Into<String>) -> Result<T, EditError> {
    let message = message.into();
    refuse_short(field, message.clone(), message)
}

pub(super) fn refuse_short<T>(
    field: impl Into<String>,
    message: impl Into<String>,
    short: impl Into<String>,
) -> Result<T, EditError> {
    Err(EditError {
        field: field.into(),
        message: message.into(),
        short: short.into(),
    })
}

/// Reads a number as typed: digits with an optional sign and decimal point, nothing else.
/// `what` names it ("The weight of Quality") and may open a sentence or follow "Enter".
pub(super) fn number(field: &str, what: &str, text: &str) -> Result<f64, EditError> {
    let t = text.trim();
    if t.is_empty() {
        let what = what
            .strip_prefix("The ")
            .map_or_else(|| what.to_owned(), |rest| format!("the {rest}"));
        return refuse_short(field, format!("Enter {what}"), "Enter a number");
    }
    match t.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        _ => {
            let t = shorten(t);
            refuse_short(
                field,
                format!(
                    "{} must be a number, such as 7 or 0.25; \"{t}\" is not a number",
                    capitalised(what)
                ),
                format!("\"{t}\" is not a number"),
            )
        }
    }
}

/// A whole number as typed, within `range`.
pub(super) fn whole(
    field: &str,
    what: &str,
    text: &str,
    range: std::ops::RangeInclusive<u32>,
) -> Result<u32, EditError> {
    let v = number(field, what, &text.replace(',', ""))?;
    let (lo, hi) = (f64::from(*range.start()), f64::from(*range.end()));
    if v.fract() != 0.0 || !(lo..=hi).contains(&v) {
        let range = format!("from {} to {}", count(lo), count(hi));
        return refuse_short(
            field,
            format!(
                "{} must be a whole number {range}; it is {v}",
                capitalised(what)
            ),
            format!("Must be a whole number {range}"),
        );
    }
    // Whole and within a u32 range, checked above.
    Ok(v as u32)
}

/// A new code: not empty, no spaces or slashes (codes make up field paths), not taken.
pub(super) fn new_code<'a>(
    field: &str,
    what: &str,
    code: &str,
    mut taken: impl Iterator<Item = &'a String>,
) -> Result<(), EditError> {
    if code.trim().is_empty() {
        return refuse(field, format!("Enter a code for the {what}"));
    }
    if code.chars().any(|c| c.is_whitespace() || c == '/') {
        return refuse(
            field,
            format!(
                "The {what}'s code \"{}\" must have no spaces or slashes",
                shorten(code)
            ),
        );
    }
    if taken.any(|c| c == code) {
        return refuse(
            field,
            format!("Another {what} already has the code \"{}\"", shorten(code)),
        );
    }
    Ok(())
}

/// A new name for the `what` whose code is `code` (a rename): anything but blank.
pub(super) fn new_name(
    field: impl Into<String>,
    what: &str,
    code: &str,
    name: &str,
) -> Result<(), EditError> {
    if name.trim().is_empty() {
        refuse_short(
            field,
            format!("Enter a name for {what} {code}"),
            "Enter a name",
        )
    } else {
        Ok(())
    }
}

/// A share typed in percent, from `min` to 100, as a fraction.
pub(super) fn percent(field: &str, what: &str, text: &str, min: f64) -> Result<f64, EditError> {
    let v = number(field, what, text)?;
    if !(min..=100.0).contains(&v) {
        return refuse_short(
            field,
            format!("{what} must be from {min} to 100%; it is {v}%"),
            format!("Must be from {min} to 100%"),
        );
    }
    Ok(v / 100.0)
}

/// A financial year as typed, "2015" or "2015/16" (the second part must follow the first).
pub(super) fn financial_year(text: &str) -> Option<i32> {
    let (start, end) = text.split_once('/').unwrap_or((text, ""));
    start.trim().parse::<i32>().ok().filter(|y| {
        let end = end.trim();
        end.is_empty() || end.parse::<i32>().ok() == Some((y + 1).rem_euclid(100))
    })
}

/// "the worst and best ..." -> "The worst and best ...", for a message shown on its own.
pub(super) fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// "Must be ..." -> "must be ...", to follow a prefix.
pub(super) fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

pub(super) fn name(field: &str, what: &str, name: &str) -> Result<(), EditError> {
    if name.trim().is_empty() {
        refuse(field, format!("Enter a name for the {what}"))
    } else {
        Ok(())
    }
}

impl Edit {
    /// The zone this edit changes, if it changes one: undo keeps a copy of just that zone,
    /// since snapshots leave the (possibly national) zone list out.
    pub fn zone(&self) -> Option<&str> {
        match self {
            Edit::AddZone { code, .. }
            | Edit::RenameZone { code, .. }
            | Edit::RemoveZone { code } => Some(code),
            Edit::SetZoneCoordinate { zone, .. }
            | Edit::SetZonePopulation { zone, .. }
            | Edit::SetZoneDecile { zone, .. } => Some(zone),
            _ => None,
        }
    }

    /// A short description for Undo and Redo ("Undo weight of QUA").
    pub fn label(&self) -> String {
        match self {
            Edit::SetTitle { .. } => "title".to_owned(),
            Edit::SetMetaText { field, .. } => field.label().to_owned(),
            Edit::SetStatus { .. } => "status".to_owned(),
            Edit::SetIllustrative { .. } => "illustrative".to_owned(),
            Edit::SetBaseYear { .. } => "base year".to_owned(),
            Edit::SetHorizon { .. } => "years appraised".to_owned(),
            Edit::SetDiscountRate { band, .. } => format!("discount rate of band {}", band + 1),
            Edit::SetDiscountEnd { band, .. } => format!("end of discount band {}", band + 1),
            Edit::ResetDiscount => "Green Book discount rates".to_owned(),
            Edit::SetTravelIncrease { .. } => "journey increase that counts".to_owned(),
            Edit::SetTornadoShare { .. } => "tornado swing".to_owned(),
            Edit::SetSmaaSamples { .. } => "SMAA draws".to_owned(),
            Edit::SetConfidenceSamples { .. } => "confidence draws".to_owned(),
            Edit::SetSeed { .. } => "seed".to_owned(),
            Edit::SetScoreModel { .. } => "score uncertainty".to_owned(),
            Edit::SetWeightInformation { .. } | Edit::SetAroundShare { .. } => {
                "weight information".to_owned()
            }
            Edit::SetWeightBound { criterion, .. } => format!("weight bound of {criterion}"),
            Edit::SetRank { criterion, .. } => format!("rank of {criterion}"),
            Edit::SetRatingCut { framework, .. }
            | Edit::SetRatingCutInclusive { framework, .. }
            | Edit::SetRatingWeight { framework, .. }
            | Edit::SetRatingRounding { framework, .. }
            | Edit::AddRatingOverride { framework, .. }
            | Edit::SetRatingOverride { framework, .. }
            | Edit::SetRatingOverrideNote { framework, .. }
            | Edit::RemoveRatingOverride { framework, .. }
            | Edit::ResetRatingRules { framework } => format!("{} rating rules", framework.label()),
            Edit::AddZone { code, .. } => format!("add zone {code}"),
            Edit::RenameZone { code, .. } => format!("rename zone {code}"),
            Edit::SetZoneCoordinate {
                zone, coordinate, ..
            } => format!("{} of {zone}", coordinate.key()),
            Edit::SetZonePopulation { zone, .. } => format!("population of {zone}"),
            Edit::SetZoneDecile { zone, .. } => format!("IMD decile of {zone}"),
            Edit::RemoveZone { code } => format!("remove zone {code}"),
            Edit::SetWeight { criterion, .. } => format!("weight of {criterion}"),
            Edit::SetScore {
                option, criterion, ..
            } => format!("score of {option} on {criterion}"),
            Edit::SetRationale {
                option, criterion, ..
            } => format!("rationale for {option} on {criterion}"),
            Edit::AddOption { code, .. } => format!("add option {code}"),
            Edit::RenameOption { code, .. } => format!("rename option {code}"),
            Edit::SetOptionKind { code, .. } => format!("kind of option {code}"),
            Edit::SetOptionDescription { code, .. } => format!("description of option {code}"),
            Edit::AddSiteTransfer { option, site, .. } => format!("move {site} under {option}"),
            Edit::SetSiteTransferTo { option, site, .. } => {
                format!("where {site} moves under {option}")
            }
            Edit::SetSiteTransferShare { site, share, .. } => {
                format!("{} of {site}", share.key().replace('_', " "))
            }
            Edit::RemoveSiteTransfer { option, site } => {
                format!("keep {site} under {option}")
            }
            Edit::RemoveOption { code } => format!("remove option {code}"),
            Edit::AddOrganisation { code, .. } => format!("add organisation {code}"),
            Edit::RenameOrganisation { code, .. } => format!("rename organisation {code}"),
            Edit::SetOrganisationKind { code, .. } => format!("kind of {code}"),
            Edit::SetCqcRating { code, .. } => format!("CQC rating of {code}"),
            Edit::RemoveOrganisation { code } => format!("remove organisation {code}"),
            Edit::AddBaselineYear { organisation } => format!("add a year to {organisation}"),
            Edit::RemoveBaselineYear { organisation, year } => {
                format!("remove {} from {organisation}", fy(*year))
            }
            Edit::SetBaselineLine {
                organisation,
                year,
                line,
                ..
            } => format!(
                "{} of {organisation} in {}",
                line.replace('_', " "),
                fy(*year)
            ),
            Edit::SetProjection {
                organisation,
                assumption,
                ..
            } => format!("{} of {organisation}", assumption.label()),
            Edit::AddFinanceItem { option, list } => format!("add {} to {option}", list.item()),
            Edit::RemoveFinanceItem {
                option,
                list,
                index,
            } => format!("remove {} {} from {option}", list.item(), index + 1),
            Edit::SetFinanceField {
                option,
                list,
                index,
                field,
                ..
            } => format!(
                "{} of {} {} in {option}",
                field.label(),
                list.item(),
                index + 1
            ),
            Edit::AddCriterion { code, .. } => format!("add criterion {code}"),
            Edit::RemoveCriterion { code } => format!("remove criterion {code}"),
            Edit::AddScorer { code, .. } => format!("add scorer {code}"),
            Edit::RenameScorer { code, .. } => format!("rename scorer {code}"),
            Edit::SetScorerRole { code, .. } => format!("role of scorer {code}"),
            Edit::RemoveScorer { code } => format!("remove scorer {code}"),
            Edit::SetWeighting { parent, .. } => {
                format!(
                    "weighting of {}",
                    parent.as_deref().unwrap_or("the top level")
                )
            }
            Edit::SetWeightPercent { criterion, .. } => format!("weight of {criterion}"),
            Edit::SpreadWeights { parent, .. } => format!(
                "spread of the weights under {}",
                parent.as_deref().unwrap_or("the top level")
            ),
            Edit::SetSwing { criterion, .. } => format!("swing of {criterion}"),
            Edit::SetJudgement { row, column, .. } => format!("{row} against {column}"),
            Edit::SetAssessment {
                option, criterion, ..
            } => format!("assessment of {option} on {criterion}"),
            Edit::SetMember {
                option,
                organisation,
                ..
            } => format!("{organisation} in {option}"),
            Edit::SetSiteService {
                option,
                site,
                service,
                ..
            } => format!("{service} at {site} in {option}"),
            Edit::AddWeightSet { code, .. } => format!("add weight set {code}"),
            Edit::RemoveWeightSet { code } => format!("remove weight set {code}"),
            Edit::SetSetWeight { set, criterion, .. } => format!("{criterion} in {set}"),
            Edit::SetEvidence {
                option, criterion, ..
            } => format!("evidence for {option} on {criterion}"),
            Edit::AddService { code, .. } => format!("add service {code}"),
            Edit::RenameService { code, .. } => format!("rename service {code}"),
            Edit::SetThreshold { service, mode, .. } => {
                format!("{} threshold of {service}", mode.label().to_lowercase())
            }
            Edit::RemoveService { code } => format!("remove service {code}"),
            Edit::AddSite { code, .. } => format!("add site {code}"),
            Edit::RenameSite { code, .. } => format!("rename site {code}"),
            Edit::SetSiteCoordinate {
                site, coordinate, ..
            } => format!(
                "{} of {site}",
                match coordinate {
                    Coordinate::Latitude => "latitude",
                    Coordinate::Longitude => "longitude",
                }
            ),
            Edit::SetSiteOrganisation { site, .. } => format!("organisation of {site}"),
            Edit::SetSiteOffers { site, service, .. } => format!("{service} at {site} today"),
            Edit::RemoveSite { code } => format!("remove site {code}"),
            Edit::RenameCriterion { code, .. } => format!("rename criterion {code}"),
            Edit::SetCriterionDescription { code, .. } => format!("description of {code}"),
            Edit::MoveCriterion { code, .. } => format!("move {code}"),
            Edit::SetSource { criterion, .. } => format!("source of {criterion}"),
            Edit::SetDirection { criterion, .. } => format!("direction of {criterion}"),
            Edit::SetUnit { criterion, .. } => format!("unit of {criterion}"),
            Edit::SetValueFunctionKind { criterion, .. } => {
                format!("value function of {criterion}")
            }
            Edit::SetLinearEnd { criterion, end, .. } => format!("{} of {criterion}", end.key()),
            Edit::SetPoint { criterion, .. }
            | Edit::AddPoint { criterion, .. }
            | Edit::RemovePoint { criterion, .. } => format!("points of {criterion}"),
            Edit::SetCategoryValue {
                criterion, label, ..
            } => format!("{label} on {criterion}"),
            Edit::AddCategory { criterion, .. }
            | Edit::RenameCategory { criterion, .. }
            | Edit::RemoveCategory { criterion, .. } => {
                format!("categories of {criterion}")
            }
            Edit::SetHurdle { criterion, .. } => format!("hurdle of {criterion}"),
            Edit::SetScaleBound { bound, .. } => format!("panel scale {}", bound.key()),
            Edit::SetScaleDescriptor { score, .. } => format!("descriptor for {score}"),
            Edit::SetAggregation { .. } => "aggregation".to_owned(),
            Edit::SetDisagreementRange { .. } => "disagreement range".to_owned(),
        }
    }

    /// Applies the edit to `a`, or refuses it. Most edits check before changing anything; a
    /// weighting edit may be refused part way, so [`super::Document::apply`] restores the model
    /// on any refusal.
    pub fn apply(&self, a: &mut Appraisal) -> Result<(), EditError> {
        super::entry::check(self)?;
        match self {
            Edit::SetTitle { value } => meta::set_text(a, MetaText::Title, value)?,
            Edit::SetMetaText { field, value } => meta::set_text(a, *field, value)?,
            Edit::SetStatus { status } => meta::set_status(a, *status),
            Edit::SetIllustrative { value } => meta::set_illustrative(a, *value),
            Edit::SetBaseYear { value } => meta::set_base_year(a, value)?,
            Edit::SetHorizon { value } => meta::set_horizon(a, value)?,
            Edit::SetDiscountRate { band, value } => meta::set_discount_rate(a, *band, value)?,
            Edit::SetDiscountEnd { band, value } => meta::set_discount_end(a, *band, value)?,
            Edit::ResetDiscount => meta::reset_discount(a),
            Edit::SetTravelIncrease { value } => meta::set_travel_increase(a, value)?,
            Edit::SetTornadoShare { value } => robustness::set_tornado_share(a, value)?,
            Edit::SetSmaaSamples { value } => robustness::set_samples(a, value)?,
            Edit::SetConfidenceSamples { value } => robustness::set_confidence_samples(a, value)?,
            Edit::SetSeed { value } => robustness::set_seed(a, value)?,
            Edit::SetScoreModel { model } => robustness::set_score_model(a, *model),
            Edit::SetWeightInformation { kind } => robustness::set_weight_information(a, *kind),
            Edit::SetAroundShare { value } => robustness::set_around_share(a, value)?,
            Edit::SetWeightBound {
                criterion,
                end,
                value,
            } => robustness::set_weight_bound(a, criterion, *end, value)?,
            Edit::SetRank { criterion, value } => robustness::set_rank(a, criterion, value)?,
            Edit::SetRatingCut {
                framework,
                metric,
                cut,
                value,
            } => rating_rules::set_cut(a, *framework, *metric, *cut, value)?,
            Edit::SetRatingCutInclusive {
                framework,
                metric,
                cut,
                inclusive,
            } => rating_rules::set_cut_inclusive(a, *framework, *metric, *cut, *inclusive)?,
            Edit::SetRatingWeight {
                framework,
                metric,
                value,
            } => rating_rules::set_weight(a, *framework, *metric, value)?,
            Edit::SetRatingRounding {
                framework,
                rounding,
            } => rating_rules::set_rounding(a, *framework, *rounding),
            Edit::AddRatingOverride {
                framework,
                metric_rating,
                overall_no_better_than,
                note,
            } => rating_rules::add_override(
                a,
                *framework,
                metric_rating,
                overall_no_better_than,
                note,
            )?,
            Edit::SetRatingOverride {
                framework,
                index,
                part,
                value,
            } => rating_rules::set_override_rating(a, *framework, *index, *part, value)?,
            Edit::SetRatingOverrideNote {
                framework,
                index,
                note,
            } => rating_rules::set_override_note(a, *framework, *index, note)?,
            Edit::RemoveRatingOverride { framework, index } => {
                rating_rules::remove_override(a, *framework, *index)?
            }
            Edit::ResetRatingRules { framework } => rating_rules::reset(a, *framework),
            Edit::AddZone {
                code,
                name,
                population,
                imd_decile,
            } => zones::add(a, code, name, population, imd_decile)?,
            Edit::RenameZone { code, name } => zones::rename(a, code, name)?,
            Edit::SetZoneCoordinate {
                zone,
                coordinate,
                value,
            } => zones::set_coordinate(a, zone, *coordinate, value)?,
            Edit::SetZonePopulation { zone, value } => zones::set_population(a, zone, value)?,
            Edit::SetZoneDecile { zone, value } => zones::set_decile(a, zone, value)?,
            Edit::RemoveZone { code } => zones::remove(a, code)?,
            Edit::SetWeight { criterion, value } => {
                let field = format!("criteria/{criterion}/weight");
                let index = criterion_index(a, criterion, &field)?;
                let name = a.criteria[index].name.clone();
                let weight = number(&field, &format!("The weight of {name}"), value)?;
                if weight < 0.0 {
                    return refuse_short(
                        field,
                        format!("The weight of {name} must be 0 or more; it is {weight}"),
                        "Must be 0 or more",
                    );
                }
                a.criteria[index].weight = weight;
            }
            Edit::SetScore {
                option,
                criterion,
                scorer,
                value,
            } => set_score(a, option, criterion, scorer, value)?,
            Edit::SetRationale {
                option,
                criterion,
                scorer,
                rationale,
            } => {
                let field = format!("scores/{option}/{criterion}/{scorer}/rationale");
                match a.scores.iter_mut().find(|s| {
                    s.option == *option && s.criterion == *criterion && s.scorer == *scorer
                }) {
                    Some(score) => score.rationale = rationale.clone(),
                    None => return refuse(field, "Enter the score before its rationale"),
                }
            }
            Edit::AddOption {
                code,
                name: option_name,
                kind,
            } => {
                new_code(
                    "options/new/code",
                    "option",
                    code,
                    a.options.iter().map(|o| &o.code),
                )?;
                name("options/new/name", "option", option_name)?;
                a.options.push(AppraisalOption {
                    code: code.clone(),
                    name: option_name.clone(),
                    kind: *kind,
                    description: String::new(),
                    members: Vec::new(),
                    site_services: Vec::new(),
                    site_transfers: Vec::new(),
                    finance: OptionFinance::default(),
                });
            }
            Edit::RenameOption {
                code,
                name: option_name,
            } => {
                let field = format!("options/{code}/name");
                name(&field, "option", option_name)?;
                match a.options.iter_mut().find(|o| o.code == *code) {
                    Some(o) => o.name = option_name.clone(),
                    None => return refuse(field, format!("There is no option \"{code}\"")),
                }
            }
            Edit::SetOptionKind { code, kind } => configuration::set_kind(a, code, *kind)?,
            Edit::SetOptionDescription { code, description } => {
                configuration::set_description(a, code, description)?
            }
            Edit::AddSiteTransfer {
                option,
                site,
                to_organisation,
                income_share,
                cost_share,
            } => configuration::add_transfer(
                a,
                option,
                site,
                to_organisation,
                income_share,
                cost_share,
            )?,
            Edit::SetSiteTransferTo {
                option,
                site,
                to_organisation,
            } => configuration::set_transfer_to(a, option, site, to_organisation)?,
            Edit::SetSiteTransferShare {
                option,
                site,
                share,
                value,
            } => configuration::set_transfer_share(a, option, site, *share, value)?,
            Edit::RemoveSiteTransfer { option, site } => {
                configuration::remove_transfer(a, option, site)?
            }
            Edit::RemoveOption { code } => {
                if !a.options.iter().any(|o| o.code == *code) {
                    return refuse(
                        format!("options/{code}"),
                        format!("There is no option \"{code}\""),
                    );
                }
                a.options.retain(|o| o.code != *code);
                a.scores.retain(|s| s.option != *code);
                a.performances.retain(|p| p.option != *code);
            }
            Edit::AddOrganisation { code, name, kind } => organisations::add(a, code, name, *kind)?,
            Edit::RenameOrganisation { code, name } => organisations::rename(a, code, name)?,
            Edit::SetOrganisationKind { code, kind } => organisations::set_kind(a, code, *kind)?,
            Edit::SetCqcRating { code, rating } => organisations::set_cqc(a, code, *rating)?,
            Edit::RemoveOrganisation { code } => organisations::remove(a, code)?,
            Edit::AddBaselineYear { organisation } => organisations::add_year(a, organisation)?,
            Edit::RemoveBaselineYear { organisation, year } => {
                organisations::remove_year(a, organisation, *year)?
            }
            Edit::SetBaselineLine {
                organisation,
                year,
                line,
                value,
            } => organisations::set_line(a, organisation, *year, line, value)?,
            Edit::SetProjection {
                organisation,
                assumption,
                value,
            } => organisations::set_projection(a, organisation, *assumption, value)?,
            Edit::AddFinanceItem { option, list } => option_finance::add(a, option, *list)?,
            Edit::RemoveFinanceItem {
                option,
                list,
                index,
            } => option_finance::remove(a, option, *list, *index)?,
            Edit::SetFinanceField {
                option,
                list,
                index,
                field,
                value,
            } => option_finance::set(a, option, *list, *index, *field, value)?,
            Edit::AddCriterion {
                code,
                name: criterion_name,
                parent,
                group,
                weight,
            } => add_criterion(a, code, criterion_name, parent.as_deref(), *group, weight)?,
            Edit::RemoveCriterion { code } => remove_criterion(a, code)?,
            Edit::AddScorer {
                code,
                name: scorer_name,
                role,
            } => {
                new_code(
                    "scorers/new/code",
                    "scorer",
                    code,
                    a.scorers.iter().map(|s| &s.code),
                )?;
                name("scorers/new/name", "scorer", scorer_name)?;
                a.scorers.push(Scorer {
                    code: code.clone(),
                    name: scorer_name.clone(),
                    role: role.clone(),
                });
            }
            Edit::RenameScorer { code, name } => panel::rename_scorer(a, code, name)?,
            Edit::SetScorerRole { code, role } => panel::set_scorer_role(a, code, role)?,
            Edit::RemoveScorer { code } => {
                if !a.scorers.iter().any(|s| s.code == *code) {
                    return refuse(
                        format!("scorers/{code}"),
                        format!("There is no scorer \"{code}\""),
                    );
                }
                a.scorers.retain(|s| s.code != *code);
                a.scores.retain(|s| s.scorer != *code);
            }
            Edit::SetWeighting { parent, method } => {
                weighting::set_method(a, parent.as_deref(), *method)?
            }
            Edit::SetWeightPercent {
                criterion,
                value,
                locked,
            } => spread::set_percent(a, criterion, value, locked)?,
            Edit::SpreadWeights { parent, locked } => {
                spread::spread_rest(a, parent.as_deref(), locked)?
            }
            Edit::SetSwing {
                parent,
                criterion,
                value,
            } => weighting::set_swing(a, parent.as_deref(), criterion, value)?,
            Edit::SetJudgement {
                parent,
                row,
                column,
                value,
            } => weighting::set_judgement(a, parent.as_deref(), row, column, value)?,
            Edit::SetAssessment {
                option,
                criterion,
                value,
            } => assessment::set_value(a, option, criterion, value)?,
            Edit::SetEvidence {
                option,
                criterion,
                evidence,
            } => assessment::set_evidence(a, option, criterion, evidence)?,
            Edit::SetMember {
                option,
                organisation,
                member,
            } => configuration::set_member(a, option, organisation, *member)?,
            Edit::SetSiteService {
                option,
                site,
                service,
                offered,
            } => configuration::set_site_service(a, option, site, service, *offered)?,
            Edit::AddWeightSet { code, name } => weight_sets::add(a, code, name)?,
            Edit::AddService { code, name } => services::add(a, code, name)?,
            Edit::RenameService { code, name } => services::rename(a, code, name)?,
            Edit::SetThreshold {
                service,
                mode,
                value,
            } => services::set_threshold(a, service, *mode, value)?,
            Edit::RemoveService { code } => services::remove(a, code)?,
            Edit::AddSite {
                code,
                name,
                organisation,
            } => sites::add(a, code, name, organisation)?,
            Edit::RenameSite { code, name } => sites::rename(a, code, name)?,
            Edit::SetSiteCoordinate {
                site,
                coordinate,
                value,
            } => sites::set_coordinate(a, site, *coordinate, value)?,
            Edit::SetSiteOrganisation { site, organisation } => {
                sites::set_organisation(a, site, organisation)?
            }
            Edit::SetSiteOffers {
                site,
                service,
                offered,
            } => sites::set_offers(a, site, service, *offered)?,
            Edit::RemoveSite { code } => sites::remove(a, code)?,
            Edit::RemoveWeightSet { code } => weight_sets::remove(a, code)?,
            Edit::SetSetWeight {
                set,
                criterion,
                value,
            } => weight_sets::set_weight(a, set, criterion, value)?,
            Edit::RenameCriterion { code, name } => criteria::rename(a, code, name)?,
            Edit::SetCriterionDescription { code, description } => {
                criteria::describe(a, code, description)?
            }
            Edit::MoveCriterion { code, parent } => criteria::move_to(a, code, parent.as_deref())?,
            Edit::SetSource { criterion, source } => criteria::set_source(a, criterion, source)?,
            Edit::SetDirection {
                criterion,
                direction,
            } => criteria::set_direction(a, criterion, *direction)?,
            Edit::SetUnit { criterion, unit } => criteria::set_unit(a, criterion, unit)?,
            Edit::SetValueFunctionKind { criterion, kind } => {
                criteria::set_kind(a, criterion, *kind)?
            }
            Edit::SetLinearEnd {
                criterion,
                end,
                value,
            } => criteria::set_end(a, criterion, *end, value)?,
            Edit::SetPoint {
                criterion,
                index,
                part,
                value,
            } => criteria::set_point(a, criterion, *index, *part, value)?,
            Edit::AddPoint {
                criterion,
                raw,
                value,
            } => criteria::add_point(a, criterion, raw, value)?,
            Edit::RemovePoint { criterion, index } => criteria::remove_point(a, criterion, *index)?,
            Edit::SetCategoryValue {
                criterion,
                label,
                value,
            } => criteria::set_category(a, criterion, label, value)?,
            Edit::AddCategory {
                criterion,
                label,
                value,
            } => criteria::add_category(a, criterion, label, value)?,
            Edit::RenameCategory {
                criterion,
                label,
                new,
            } => criteria::rename_category(a, criterion, label, new)?,
            Edit::RemoveCategory { criterion, label } => {
                criteria::remove_category(a, criterion, label)?
            }
            Edit::SetHurdle { criterion, value } => criteria::set_hurdle(a, criterion, value)?,
            Edit::SetScaleBound { bound, value } => panel::set_bound(a, *bound, value)?,
            Edit::SetScaleDescriptor { score, text } => panel::set_descriptor(a, score, text)?,
            Edit::SetAggregation { aggregation } => panel::set_aggregation(a, *aggregation),
            Edit::SetDisagreementRange { value } => panel::set_disagreement(a, value)?,
        }
        Ok(())
    }
}

fn criterion_index(a: &Appraisal, code: &str, field: &str) -> Result<usize, EditError> {
    match a.criteria.iter().position(|c| c.code == code) {
        Some(i) => Ok(i),
        None => refuse(field, format!("There is no criterion \"{code}\"")),
    }
}

fn set_score(
    a: &mut Appraisal,
    option: &str,
    criterion: &str,
    scorer: &str,
    value: &str,
) -> Result<(), EditError> {
    let field = format!("scores/{option}/{criterion}/{scorer}/value");
    let Some(o) = a.options.iter().find(|o| o.code == option) else {
        return refuse(field, format!("There is no option \"{option}\""));
    };
    let index = criterion_index(a, criterion, &field)?;
    let c = &a.criteria[index];
    if !matches!(
        c.leaf(),
        Some(LeafSpec {
            source: Source::Panel,
            ..
        })
    ) {
        return refuse(field, format!("{} is not scored by the panel", c.name));
    }
    let Some(s) = a.scorers.iter().find(|s| s.code == scorer) else {
        return refuse(field, format!("There is no scorer \"{scorer}\""));
    };
    let existing = a
        .scores
        .iter()
        .position(|x| x.option == option && x.criterion == criterion && x.scorer == scorer);
    if value.trim().is_empty() {
        if let Some(i) = existing {
            a.scores.remove(i);
        }
        return Ok(());
    }
    let what = format!("{}'s score for {} on {}", s.name, o.name, c.name);
    let v = number(&field, &what, value)?;
    let scale = &a.settings.panel_scale;
    if !(scale.min..=scale.max).contains(&v) {
        return refuse_short(
            field,
            format!(
                "{what} must be from {} to {}; it is {v}",
                scale.min, scale.max
            ),
            format!("Must be from {} to {}", scale.min, scale.max),
        );
    }
    match existing {
        Some(i) => a.scores[i].value = v,
        None => a.scores.push(Score {
            option: option.to_owned(),
            criterion: criterion.to_owned(),
            scorer: scorer.to_owned(),
            value: v,
            rationale: String::new(),
            evidence: String::new(),
        }),
    }
    Ok(())
}

fn add_criterion(
    a: &mut Appraisal,
    code: &str,
    criterion_name: &str,
    parent: Option<&str>,
    group: bool,
    weight: &str,
) -> Result<(), EditError> {
    new_code(
        "criteria/new/code",
        "criterion",
        code,
        a.criteria.iter().map(|c| &c.code),
    )?;
    name("criteria/new/name", "criterion", criterion_name)?;
    if let Some(p) = parent {
        let is_group = a
            .criteria
            .iter()
            .any(|c| c.code == p && c.kind == CriterionKind::Group);
        if !is_group {
            return refuse("criteria/new/parent", format!("There is no group \"{p}\""));
        }
    }
    let w = number("criteria/new/weight", "The weight", weight)?;
    if w < 0.0 {
        return refuse(
            "criteria/new/weight",
            format!("The weight must be 0 or more; it is {w}"),
        );
    }
    let scale = &a.settings.panel_scale;
    let kind = if group {
        CriterionKind::Group
    } else {
        CriterionKind::Leaf(LeafSpec {
            source: Source::Panel,
            direction: Direction::HigherIsBetter,
            unit: "score".to_owned(),
            value_function: ValueFunction::Linear {
                worst: scale.min,
                best: scale.max,
            },
            hurdle: None,
        })
    };
    a.criteria.push(Criterion {
        code: code.to_owned(),
        name: criterion_name.to_owned(),
        description: String::new(),
        parent: parent.map(str::to_owned),
        weight: w,
        kind,
    });
    Ok(())
}

fn remove_criterion(a: &mut Appraisal, code: &str) -> Result<(), EditError> {
    let field = format!("criteria/{code}");
    let index = criterion_index(a, code, &field)?;
    if a.criteria.iter().any(|c| c.parent.as_deref() == Some(code)) {
        return refuse(
            field,
            format!(
                "{} still has criteria under it: remove those first",
                a.criteria[index].name
            ),
        );
    }
    let parent = a.criteria[index].parent.clone();
    a.criteria.remove(index);
    a.scores.retain(|s| s.criterion != code);
    a.performances.retain(|p| p.criterion != code);
    for set in &mut a.weight_sets {
        set.weights.retain(|w| w.criterion != code);
    }
    // The siblings' swing or AHP elicitation no longer covers them all: back to direct entry.
    for w in &mut a.weightings {
        if w.parent == parent && !matches!(w.method, WeightingMethod::Direct) {
            w.method = WeightingMethod::Direct;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn demo() -> Appraisal {
        crate::demo::appraisal()
    }

    fn panel_cell(a: &Appraisal) -> (String, String, String) {
        let s = &a.scores[0];
        (s.option.clone(), s.criterion.clone(), s.scorer.clone())
    }

    #[test]
    fn a_weight_is_set_from_its_text() {
        let mut a = demo();
        let code = a.criteria[0].code.clone();
        Edit::SetWeight {
            criterion: code.clone(),
            value: " 0.3 ".into(),
        }
        .apply(&mut a)
        .unwrap();
        assert_eq!(a.criteria[0].weight, 0.3);
    }

    #[test]
    fn a_non_numeric_or_negative_weight_is_refused_naming_the_field() {
        let mut a = demo();
        let before = a.clone();
        let code = a.criteria[0].code.clone();
        let name = a.criteria[0].name.clone();
        let e = Edit::SetWeight {
            criterion: code.clone(),
            value: "abc".into(),
        }
        .apply(&mut a)
        .unwrap_err();
        assert_eq!(e.field, format!("criteria/{code}/weight"));
        assert_eq!(
            e.message,
            format!(
                "The weight of {name} must be a number, such as 7 or 0.25; \"abc\" is not a number"
            )
        );
        let e = Edit::SetWeight {
            criterion: code.clone(),
            value: "-1".into(),
        }
        .apply(&mut a)
        .unwrap_err();
        assert!(e.message.contains("must be 0 or more"), "{}", e.message);
        assert_eq!(a, before);
    }

    #[test]
    fn scores_are_checked_against_the_panel_scale() {
        let mut a = demo();
        let before = a.clone();
        let (option, criterion, scorer) = panel_cell(&a);
        let edit = |value: &str| Edit::SetScore {
            option: option.clone(),
            criterion: criterion.clone(),
            scorer: scorer.clone(),
            value: value.into(),
        };
        let e = edit("seven").apply(&mut a).unwrap_err();
        assert_eq!(
            e.field,
            format!("scores/{option}/{criterion}/{scorer}/value")
        );
        assert!(
            e.message.ends_with("\"seven\" is not a number"),
            "{}",
            e.message
        );
        assert_eq!(e.short, "\"seven\" is not a number");
        let e = edit("11").apply(&mut a).unwrap_err();
        assert!(
            e.message.contains("must be from 0 to 10; it is 11"),
            "{}",
            e.message
        );
        assert_eq!(e.short, "Must be from 0 to 10");
        assert_eq!(a, before);

        edit("7.5").apply(&mut a).unwrap();
        assert_eq!(a.scores[0].value, 7.5);
        edit("").apply(&mut a).unwrap();
        assert_eq!(a.scores.len(), before.scores.len() - 1);
        edit("3").apply(&mut a).unwrap();
        let added = a.scores.last().unwrap();
        assert_eq!((added.option.as_str(), added.value), (option.as_str(), 3.0));
    }

    #[test]
    fn an_appraisal_is_built_from_nothing() {
        let mut a = Appraisal::new("New");
        let edits = [
            Edit::AddOption {
                code: "DM".into(),
                name: "Do minimum".into(),
                kind: OptionKind::DoMinimum,
            },
            Edit::AddOption {
                code: "M".into(),
                name: "Merger".into(),
                kind: OptionKind::Merger,
            },
            Edit::AddCriterion {
                code: "Q".into(),
                name: "Quality".into(),
                parent: None,
                group: false,
                weight: "0.5".into(),
            },
            Edit::AddScorer {
                code: "S1".into(),
                name: "Ann".into(),
                role: "Medical director".into(),
            },
            Edit::SetScore {
                option: "M".into(),
                criterion: "Q".into(),
                scorer: "S1".into(),
                value: "8".into(),
            },
            Edit::SetRationale {
                option: "M".into(),
                criterion: "Q".into(),
                scorer: "S1".into(),
                rationale: "Bigger teams".into(),
            },
        ];
        for e in &edits {
            e.apply(&mut a).unwrap();
        }
        assert_eq!(a.options.len(), 2);
        assert_eq!(a.scores[0].rationale, "Bigger teams");
        let e = edits[0].apply(&mut a).unwrap_err();
        assert_eq!(e.message, "Another option already has the code \"DM\"");
        assert!(crate::validate::integrity(&a).is_empty());

        Edit::RemoveOption { code: "M".into() }
            .apply(&mut a)
            .unwrap();
        assert!(a.scores.is_empty());
        Edit::RemoveCriterion { code: "Q".into() }
            .apply(&mut a)
            .unwrap();
        assert!(a.criteria.is_empty());
    }

    #[test]
    fn a_group_with_children_is_not_removed() {
        let mut a = demo();
        let group = a
            .criteria
            .iter()
            .find(|c| c.kind == CriterionKind::Group)
            .unwrap()
            .code
            .clone();
        let e = Edit::RemoveCriterion { code: group }
            .apply(&mut a)
            .unwrap_err();
        assert!(
            e.message
                .ends_with("still has criteria under it: remove those first")
        );
    }

    #[test]
    fn edits_arrive_as_tagged_json() {
        let e: Edit =
            serde_json::from_str(r#"{"type":"set_weight","criterion":"QUA","value":"0.4"}"#)
                .unwrap();
        assert_eq!(
            e,
            Edit::SetWeight {
                criterion: "QUA".into(),
                value: "0.4".into()
            }
        );
    }
}
