//! Typed edits the window makes to an appraisal: the [`Edit`] enum, in the tagged JSON shape
//! the window sends, with what undo needs of each (its label, the zone it changes).
//!
//! Numbers arrive as the text the analyst typed, so the core (not the front end) decides what a
//! valid weight or score is and says why in plain English, naming the field by the same path
//! [`crate::validate`] uses, so the window can show the message beside that field. Applying an
//! edit is [`super::dispatch`]'s job and each area's (sites, criteria, ...); this module only says
//! what an edit is, so the areas can own their types without importing it back.

use serde::{Deserialize, Serialize};

use super::configuration::TransferShare;
use super::criteria::{End, FunctionKind, PointPart};
use super::meta::MetaText;
use super::option_finance::{FinanceField, FinanceList};
use super::organisations::Assumption;
use super::panel::Bound;
use super::rating_rules::{Framework, OverridePart, RatingMetric};
use super::road_settings::RoadSetting;
use super::robustness::{BoundEnd, WeightInformation};
use super::sites::Coordinate;
use super::transit_settings::TransitSetting;
use super::weighting::Method;
use crate::model::financial_year_label;
use crate::model::{
    Aggregation, Appraisal, CqcRating, Direction, DrawStream, OptionKind, OrgKind, Rounding,
    ScoreModel, Source, Status, TravelMode, WeightDraw,
};

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
    /// One setting of how road times are made from an OpenStreetMap extract, as typed (the
    /// shares in percent).
    SetRoadSetting {
        setting: RoadSetting,
        value: String,
    },
    /// One setting of how public transport times are made from GTFS timetables, as typed.
    SetTransitSetting {
        setting: TransitSetting,
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
    /// SMAA's weight draw: flat over the leaves or level by level down the tree.
    SetWeightDraw {
        draw: WeightDraw,
    },
    /// How SMAA's seed becomes draws: in one sequence, or in blocks on every core.
    SetDrawStream {
        stream: DrawStream,
    },
    /// What is known about the weights: the appraisal's (`group` null) or one group's
    /// children's (level by level).
    SetWeightInformation {
        kind: WeightInformation,
        group: Option<String>,
    },
    /// The band around today's weights, in percent, as typed.
    SetAroundShare {
        value: String,
        group: Option<String>,
    },
    /// One end of a bound on a weight, in percent, as typed.
    SetWeightBound {
        criterion: String,
        end: BoundEnd,
        value: String,
        group: Option<String>,
    },
    /// A criterion's place in the order of importance, as typed; empty takes it out.
    SetRank {
        criterion: String,
        value: String,
        group: Option<String>,
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
    /// The next baseline year (see `organisations::add_year`).
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

    /// A short description for Undo and Redo and the audit trail, naming things as the screens
    /// do ("Undo weight of Quality"), from `a` as it stands before the edit.
    pub fn label(&self, a: &Appraisal) -> String {
        let n = Names(a);
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
            Edit::SetRoadSetting { setting, .. } => setting.label().to_owned(),
            Edit::SetTransitSetting { setting, .. } => setting.label().to_owned(),
            Edit::SetTornadoShare { .. } => "tornado swing".to_owned(),
            Edit::SetSmaaSamples { .. } => "SMAA draws".to_owned(),
            Edit::SetConfidenceSamples { .. } => "confidence draws".to_owned(),
            Edit::SetSeed { .. } => "seed".to_owned(),
            Edit::SetScoreModel { .. } => "score uncertainty".to_owned(),
            Edit::SetWeightDraw { .. } => "weight draw".to_owned(),
            Edit::SetDrawStream { .. } => "how SMAA's draws are made".to_owned(),
            Edit::SetWeightInformation { group, .. } | Edit::SetAroundShare { group, .. } => {
                match group {
                    None => "weight information".to_owned(),
                    Some(g) => format!("weight information within {}", n.criterion(g)),
                }
            }
            Edit::SetWeightBound { criterion, .. } => format!(
                "weight bound of {criterion}",
                criterion = n.criterion(criterion)
            ),
            Edit::SetRank { criterion, .. } => {
                format!("rank of {criterion}", criterion = n.criterion(criterion))
            }
            Edit::SetRatingCut { framework, .. }
            | Edit::SetRatingCutInclusive { framework, .. }
            | Edit::SetRatingWeight { framework, .. }
            | Edit::SetRatingRounding { framework, .. }
            | Edit::AddRatingOverride { framework, .. }
            | Edit::SetRatingOverride { framework, .. }
            | Edit::SetRatingOverrideNote { framework, .. }
            | Edit::RemoveRatingOverride { framework, .. }
            | Edit::ResetRatingRules { framework } => format!("{} rating rules", framework.label()),
            Edit::AddZone { name, .. } => format!("add zone {name}"),
            Edit::RenameZone { code, .. } => format!("rename zone {code}", code = n.zone(code)),
            Edit::SetZoneCoordinate {
                zone, coordinate, ..
            } => format!("{} of {zone}", coordinate.key(), zone = n.zone(zone)),
            Edit::SetZonePopulation { zone, .. } => {
                format!("population of {zone}", zone = n.zone(zone))
            }
            Edit::SetZoneDecile { zone, .. } => {
                format!("IMD decile of {zone}", zone = n.zone(zone))
            }
            Edit::RemoveZone { code } => format!("remove zone {code}", code = n.zone(code)),
            Edit::SetWeight { criterion, .. } => {
                format!("weight of {criterion}", criterion = n.criterion(criterion))
            }
            Edit::SetScore {
                option, criterion, ..
            } => format!(
                "score of {option} on {criterion}",
                option = n.option(option),
                criterion = n.criterion(criterion)
            ),
            Edit::SetRationale {
                option, criterion, ..
            } => format!(
                "rationale for {option} on {criterion}",
                option = n.option(option),
                criterion = n.criterion(criterion)
            ),
            Edit::AddOption { name, .. } => format!("add option {name}"),
            Edit::RenameOption { code, .. } => {
                format!("rename option {code}", code = n.option(code))
            }
            Edit::SetOptionKind { code, .. } => {
                format!("kind of option {code}", code = n.option(code))
            }
            Edit::SetOptionDescription { code, .. } => {
                format!("description of option {code}", code = n.option(code))
            }
            Edit::AddSiteTransfer { option, site, .. } => format!(
                "move {site} under {option}",
                site = n.site(site),
                option = n.option(option)
            ),
            Edit::SetSiteTransferTo { option, site, .. } => {
                format!(
                    "where {site} moves under {option}",
                    site = n.site(site),
                    option = n.option(option)
                )
            }
            Edit::SetSiteTransferShare { site, share, .. } => {
                format!(
                    "{} of {site}",
                    share.key().replace('_', " "),
                    site = n.site(site)
                )
            }
            Edit::RemoveSiteTransfer { option, site } => {
                format!(
                    "keep {site} under {option}",
                    site = n.site(site),
                    option = n.option(option)
                )
            }
            Edit::RemoveOption { code } => format!("remove option {code}", code = n.option(code)),
            Edit::AddOrganisation { name, .. } => format!("add organisation {name}"),
            Edit::RenameOrganisation { code, .. } => {
                format!("rename organisation {code}", code = n.organisation(code))
            }
            Edit::SetOrganisationKind { code, .. } => {
                format!("kind of {code}", code = n.organisation(code))
            }
            Edit::SetCqcRating { code, .. } => {
                format!("CQC rating of {code}", code = n.organisation(code))
            }
            Edit::RemoveOrganisation { code } => {
                format!("remove organisation {code}", code = n.organisation(code))
            }
            Edit::AddBaselineYear { organisation } => format!(
                "add a year to {organisation}",
                organisation = n.organisation(organisation)
            ),
            Edit::RemoveBaselineYear { organisation, year } => {
                format!(
                    "remove {} from {organisation}",
                    financial_year_label(*year),
                    organisation = n.organisation(organisation)
                )
            }
            Edit::SetBaselineLine {
                organisation,
                year,
                line,
                ..
            } => format!(
                "{} of {organisation} in {}",
                line.replace('_', " "),
                financial_year_label(*year),
                organisation = n.organisation(organisation)
            ),
            Edit::SetProjection {
                organisation,
                assumption,
                ..
            } => format!(
                "{} of {organisation}",
                assumption.label(),
                organisation = n.organisation(organisation)
            ),
            Edit::AddFinanceItem { option, list } => {
                format!("add {} to {option}", list.item(), option = n.option(option))
            }
            Edit::RemoveFinanceItem {
                option,
                list,
                index,
            } => format!(
                "remove {} {} from {option}",
                list.item(),
                index + 1,
                option = n.option(option)
            ),
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
                index + 1,
                option = n.option(option)
            ),
            Edit::AddCriterion { name, .. } => format!("add criterion {name}"),
            Edit::RemoveCriterion { code } => {
                format!("remove criterion {code}", code = n.criterion(code))
            }
            Edit::AddScorer { name, .. } => format!("add scorer {name}"),
            Edit::RenameScorer { code, .. } => {
                format!("rename scorer {code}", code = n.scorer(code))
            }
            Edit::SetScorerRole { code, .. } => {
                format!("role of scorer {code}", code = n.scorer(code))
            }
            Edit::RemoveScorer { code } => format!("remove scorer {code}", code = n.scorer(code)),
            Edit::SetWeighting { parent, .. } => {
                format!(
                    "weighting of {}",
                    parent
                        .as_deref()
                        .map_or("the top level".to_owned(), |p| n.criterion(p))
                )
            }
            Edit::SetWeightPercent { criterion, .. } => {
                format!("weight of {criterion}", criterion = n.criterion(criterion))
            }
            Edit::SpreadWeights { parent, .. } => format!(
                "spread of the weights under {}",
                parent
                    .as_deref()
                    .map_or("the top level".to_owned(), |p| n.criterion(p))
            ),
            Edit::SetSwing { criterion, .. } => {
                format!("swing of {criterion}", criterion = n.criterion(criterion))
            }
            Edit::SetJudgement { row, column, .. } => format!(
                "{row} against {column}",
                row = n.criterion(row),
                column = n.criterion(column)
            ),
            Edit::SetAssessment {
                option, criterion, ..
            } => format!(
                "assessment of {option} on {criterion}",
                option = n.option(option),
                criterion = n.criterion(criterion)
            ),
            Edit::SetMember {
                option,
                organisation,
                ..
            } => format!(
                "{organisation} in {option}",
                organisation = n.organisation(organisation),
                option = n.option(option)
            ),
            Edit::SetSiteService {
                option,
                site,
                service,
                ..
            } => format!(
                "{service} at {site} in {option}",
                service = n.service(service),
                site = n.site(site),
                option = n.option(option)
            ),
            Edit::AddWeightSet { name, .. } => format!("add weight set {name}"),
            Edit::RemoveWeightSet { code } => {
                format!("remove weight set {code}", code = n.set(code))
            }
            Edit::SetSetWeight { set, criterion, .. } => format!(
                "{criterion} in {set}",
                criterion = n.criterion(criterion),
                set = n.set(set)
            ),
            Edit::SetEvidence {
                option, criterion, ..
            } => format!(
                "evidence for {option} on {criterion}",
                option = n.option(option),
                criterion = n.criterion(criterion)
            ),
            Edit::AddService { name, .. } => format!("add service {name}"),
            Edit::RenameService { code, .. } => {
                format!("rename service {code}", code = n.service(code))
            }
            Edit::SetThreshold { service, mode, .. } => {
                format!(
                    "{} threshold of {service}",
                    mode.label().to_lowercase(),
                    service = n.service(service)
                )
            }
            Edit::RemoveService { code } => {
                format!("remove service {code}", code = n.service(code))
            }
            Edit::AddSite { name, .. } => format!("add site {name}"),
            Edit::RenameSite { code, .. } => format!("rename site {code}", code = n.site(code)),
            Edit::SetSiteCoordinate {
                site, coordinate, ..
            } => format!(
                "{} of {site}",
                match coordinate {
                    Coordinate::Latitude => "latitude",
                    Coordinate::Longitude => "longitude",
                },
                site = n.site(site)
            ),
            Edit::SetSiteOrganisation { site, .. } => {
                format!("organisation of {site}", site = n.site(site))
            }
            Edit::SetSiteOffers { site, service, .. } => format!(
                "{service} at {site} today",
                service = n.service(service),
                site = n.site(site)
            ),
            Edit::RemoveSite { code } => format!("remove site {code}", code = n.site(code)),
            Edit::RenameCriterion { code, .. } => {
                format!("rename criterion {code}", code = n.criterion(code))
            }
            Edit::SetCriterionDescription { code, .. } => {
                format!("description of {code}", code = n.criterion(code))
            }
            Edit::MoveCriterion { code, .. } => format!("move {code}", code = n.criterion(code)),
            Edit::SetSource { criterion, .. } => {
                format!("source of {criterion}", criterion = n.criterion(criterion))
            }
            Edit::SetDirection { criterion, .. } => format!(
                "direction of {criterion}",
                criterion = n.criterion(criterion)
            ),
            Edit::SetUnit { criterion, .. } => {
                format!("unit of {criterion}", criterion = n.criterion(criterion))
            }
            Edit::SetValueFunctionKind { criterion, .. } => {
                format!(
                    "value function of {criterion}",
                    criterion = n.criterion(criterion)
                )
            }
            Edit::SetLinearEnd { criterion, end, .. } => format!(
                "{} of {criterion}",
                end.key(),
                criterion = n.criterion(criterion)
            ),
            Edit::SetPoint { criterion, .. }
            | Edit::AddPoint { criterion, .. }
            | Edit::RemovePoint { criterion, .. } => {
                format!("points of {criterion}", criterion = n.criterion(criterion))
            }
            Edit::SetCategoryValue {
                criterion, label, ..
            } => format!("{label} on {criterion}", criterion = n.criterion(criterion)),
            Edit::AddCategory { criterion, .. }
            | Edit::RenameCategory { criterion, .. }
            | Edit::RemoveCategory { criterion, .. } => {
                format!(
                    "categories of {criterion}",
                    criterion = n.criterion(criterion)
                )
            }
            Edit::SetHurdle { criterion, .. } => {
                format!("hurdle of {criterion}", criterion = n.criterion(criterion))
            }
            Edit::SetScaleBound { bound, .. } => format!("panel scale {}", bound.key()),
            Edit::SetScaleDescriptor { score, .. } => format!("descriptor for {score}"),
            Edit::SetAggregation { .. } => "aggregation".to_owned(),
            Edit::SetDisagreementRange { .. } => "disagreement range".to_owned(),
        }
    }
}

/// The names the screens show for the codes an edit carries; a code not (or no longer) in the
/// appraisal stays as it is.
struct Names<'a>(&'a Appraisal);

impl Names<'_> {
    fn find<T>(items: &[T], code: &str, key: impl Fn(&T) -> (&str, &str)) -> String {
        items
            .iter()
            .map(key)
            .find(|(c, _)| *c == code)
            .map_or_else(|| code.to_owned(), |(_, name)| name.to_owned())
    }
    fn criterion(&self, code: &str) -> String {
        Self::find(&self.0.criteria, code, |c| (&c.code, &c.name))
    }
    fn option(&self, code: &str) -> String {
        Self::find(&self.0.options, code, |o| (&o.code, &o.name))
    }
    fn organisation(&self, code: &str) -> String {
        Self::find(&self.0.organisations, code, |o| (&o.code, &o.name))
    }
    fn site(&self, code: &str) -> String {
        Self::find(&self.0.sites, code, |s| (&s.code, &s.name))
    }
    fn service(&self, code: &str) -> String {
        Self::find(&self.0.services, code, |s| (&s.code, &s.name))
    }
    fn zone(&self, code: &str) -> String {
        Self::find(&self.0.zones, code, |z| (&z.code, &z.name))
    }
    fn scorer(&self, code: &str) -> String {
        Self::find(&self.0.scorers, code, |s| (&s.code, &s.name))
    }
    fn set(&self, code: &str) -> String {
        Self::find(&self.0.weight_sets, code, |s| (&s.code, &s.name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undo_names_things_as_the_screens_do() {
        let a = crate::demo::appraisal();
        let label = |json: &str| serde_json::from_str::<Edit>(json).unwrap().label(&a);
        assert_eq!(
            label(r#"{"type":"set_weight","criterion":"QUA","value":"0.4"}"#),
            "weight of Quality"
        );
        let split = a.options.iter().find(|o| o.code == "SPLIT").unwrap();
        let zone = &a.zones[0];
        assert_eq!(
            label(&format!(
                r#"{{"type":"remove_zone","code":"{}"}}"#,
                zone.code
            )),
            format!("remove zone {}", zone.name)
        );
        assert_eq!(
            label(
                r#"{"type":"set_score","option":"SPLIT","criterion":"QUA-STD","scorer":"S1","value":"5"}"#
            ),
            format!(
                "score of {} on {}",
                split.name,
                a.criteria
                    .iter()
                    .find(|c| c.code == "QUA-STD")
                    .unwrap()
                    .name
            )
        );
        assert_eq!(
            label(
                r#"{"type":"add_option","code":"NEW","name":"Stay as we are","kind":"do_minimum"}"#
            ),
            "add option Stay as we are"
        );
        assert_eq!(
            label(r#"{"type":"spread_weights","parent":null,"locked":[]}"#),
            "spread of the weights under the top level"
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
