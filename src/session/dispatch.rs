//! Applying an [`Edit`]: the check every edit's text passes ([`super::entry`]), then the area
//! that owns the edit (sites, criteria, the panel, ...) checks and makes the change.
//!
//! Kept apart from [`super::edit`] (what an edit is) so the areas and the entry check can name
//! the edit's types while only this module names them all: imports run one way, from here to
//! the areas, and no area imports the dispatch.

use super::edit::Edit;
use super::entry;
use super::input::EditError;
use super::meta::{self, MetaText};
use super::{
    assessment, configuration, criteria, option_finance, organisations, panel, rating_rules,
    road_settings, robustness, scores, services, sites, spread, transit_settings, weight_sets,
    weighting, zones,
};
use crate::model::Appraisal;

impl Edit {
    /// Applies the edit to `a`, or refuses it. Most edits check before changing anything; a
    /// weighting edit may be refused part way, so [`super::Document::apply`] restores the model
    /// on any refusal.
    pub fn apply(&self, a: &mut Appraisal) -> Result<(), EditError> {
        entry::check(self)?;
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
            Edit::SetRoadSetting { setting, value } => road_settings::set(a, *setting, value)?,
            Edit::SetTransitSetting { setting, value } => {
                transit_settings::set(a, *setting, value)?
            }
            Edit::SetTornadoShare { value } => robustness::set_tornado_share(a, value)?,
            Edit::SetSmaaSamples { value } => robustness::set_samples(a, value)?,
            Edit::SetConfidenceSamples { value } => robustness::set_confidence_samples(a, value)?,
            Edit::SetSeed { value } => robustness::set_seed(a, value)?,
            Edit::SetScoreModel { model } => robustness::set_score_model(a, *model),
            Edit::SetWeightDraw { draw } => robustness::set_weight_draw(a, *draw),
            Edit::SetDrawStream { stream } => a.settings.sensitivity.stream = *stream,
            Edit::SetWeightInformation { kind, group } => {
                robustness::set_weight_information(a, *kind, group.as_deref())?;
            }
            Edit::SetAroundShare { value, group } => {
                robustness::set_around_share(a, value, group.as_deref())?;
            }
            Edit::SetWeightBound {
                criterion,
                end,
                value,
                group,
            } => robustness::set_weight_bound(a, criterion, *end, value, group.as_deref())?,
            Edit::SetRank {
                criterion,
                value,
                group,
            } => robustness::set_rank(a, criterion, value, group.as_deref())?,
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
            Edit::SetWeight { criterion, value } => weighting::set_weight(a, criterion, value)?,
            Edit::SetScore {
                option,
                criterion,
                scorer,
                value,
            } => scores::set_score(a, option, criterion, scorer, value)?,
            Edit::SetRationale {
                option,
                criterion,
                scorer,
                rationale,
            } => scores::set_rationale(a, option, criterion, scorer, rationale)?,
            Edit::AddOption { code, name, kind } => {
                configuration::add_option(a, code, name, *kind)?
            }
            Edit::RenameOption { code, name } => configuration::rename_option(a, code, name)?,
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
            Edit::RemoveOption { code } => configuration::remove_option(a, code)?,
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
                name,
                parent,
                group,
                weight,
            } => criteria::add(a, code, name, parent.as_deref(), *group, weight)?,
            Edit::RemoveCriterion { code } => criteria::remove(a, code)?,
            Edit::AddScorer { code, name, role } => panel::add_scorer(a, code, name, role)?,
            Edit::RenameScorer { code, name } => panel::rename_scorer(a, code, name)?,
            Edit::SetScorerRole { code, role } => panel::set_scorer_role(a, code, role)?,
            Edit::RemoveScorer { code } => panel::remove_scorer(a, code)?,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::OptionKind;

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
}
