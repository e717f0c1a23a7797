//! Edits to the organisations: add, rename, kind and CQC rating, remove one nothing refers to,
//! and their financial baselines (one year at a time, one line at a time, as typed) and the
//! growth, inflation and CIP rates that project the years not entered.
//!
//! Rates are typed as percentages a year ("2.5" is 2.5%) and stored as fractions (0.025), as
//! the file and the finance engine hold them; money is GBP thousands as typed.

use serde::{Deserialize, Serialize};

use super::input::{self, EditError, number, refuse_short};
use crate::finance::projection;
use crate::model::financial_year_label;
use crate::model::{
    Appraisal, CqcRating, FinancialYear, OrgKind, Organisation, ProjectionAssumptions,
};

/// One of the rates that project an organisation's baseline beyond the years entered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Assumption {
    IncomeGrowth,
    PayInflation,
    NonPayInflation,
    Cip,
}

impl Assumption {
    /// The field's name in the file and in validation paths.
    pub fn key(self) -> &'static str {
        match self {
            Assumption::IncomeGrowth => "income_growth",
            Assumption::PayInflation => "pay_inflation",
            Assumption::NonPayInflation => "non_pay_inflation",
            Assumption::Cip => "cip",
        }
    }

    /// As the window and messages name it.
    pub fn label(self) -> &'static str {
        match self {
            Assumption::IncomeGrowth => "income growth",
            Assumption::PayInflation => "pay inflation",
            Assumption::NonPayInflation => "non-pay inflation",
            Assumption::Cip => "CIP",
        }
    }

    fn slot(self, p: &mut ProjectionAssumptions) -> &mut f64 {
        match self {
            Assumption::IncomeGrowth => &mut p.income_growth,
            Assumption::PayInflation => &mut p.pay_inflation,
            Assumption::NonPayInflation => &mut p.non_pay_inflation,
            Assumption::Cip => &mut p.cip,
        }
    }
}

fn index(a: &Appraisal, code: &str) -> Result<usize, EditError> {
    input::index(&a.organisations, code, format!("organisations/{code}"))
}

/// Adds an organisation with no baseline yet and the default projection rates.
pub fn add(a: &mut Appraisal, code: &str, name: &str, kind: OrgKind) -> Result<(), EditError> {
    input::new_code(&a.organisations, code)?;
    input::new_entry_name::<Organisation>(name)?;
    a.organisations.push(Organisation {
        code: code.to_owned(),
        name: name.to_owned(),
        kind,
        cqc_rating: None,
        baseline: Vec::new(),
        projection: ProjectionAssumptions::default(),
    });
    Ok(())
}

pub fn rename(a: &mut Appraisal, code: &str, name: &str) -> Result<(), EditError> {
    let i = index(a, code)?;
    input::new_name::<Organisation>(code, name)?;
    a.organisations[i].name = name.to_owned();
    Ok(())
}

pub fn set_kind(a: &mut Appraisal, code: &str, kind: OrgKind) -> Result<(), EditError> {
    let i = index(a, code)?;
    a.organisations[i].kind = kind;
    Ok(())
}

/// The CQC overall rating; none when the organisation has not been rated.
pub fn set_cqc(a: &mut Appraisal, code: &str, rating: Option<CqcRating>) -> Result<(), EditError> {
    let i = index(a, code)?;
    a.organisations[i].cqc_rating = rating;
    Ok(())
}

/// Removes an organisation nothing refers to, naming the first thing that still does.
pub fn remove(a: &mut Appraisal, code: &str) -> Result<(), EditError> {
    let i = index(a, code)?;
    let name = &a.organisations[i].name;
    let used = |why: String| {
        refuse_short(
            format!("organisations/{code}"),
            format!("{name} cannot be removed: {why}"),
            "In use",
        )
    };
    if let Some(s) = a.sites.iter().find(|s| s.organisation == code) {
        return used(format!(
            "it runs the site \"{}\"; give the site to another organisation first",
            s.name
        ));
    }
    for o in &a.options {
        if o.members.iter().any(|m| m == code) {
            return used(format!(
                "it is a member of the option \"{}\"; take it out of the option first",
                o.name
            ));
        }
        if o.site_transfers.iter().any(|t| t.to_organisation == code) {
            return used(format!(
                "the option \"{}\" transfers a site to it; change the option first",
                o.name
            ));
        }
        if o.finance
            .income_transfers
            .iter()
            .any(|t| t.from_organisation == code || t.to_organisation == code)
        {
            return used(format!(
                "the option \"{}\" transfers income from or to it; change the option first",
                o.name
            ));
        }
    }
    a.organisations.remove(i);
    Ok(())
}

/// Adds the next baseline year. With no years yet it is the base year, all lines zero, for the
/// analyst to fill in; otherwise it is the year after the latest, projected from it with the
/// organisation's rates exactly as the finance engine fills years not entered, so adding a year
/// changes no result until a line is changed. Refused past the appraisal's last year, which
/// nothing would read.
pub fn add_year(a: &mut Appraisal, code: &str) -> Result<(), EditError> {
    let i = index(a, code)?;
    let last = *a.meta.years().end();
    let o = &a.organisations[i];
    let next = match o.baseline.iter().max_by_key(|y| y.year) {
        None => FinancialYear::from_lines(a.meta.base_year, [0.0; 16]),
        Some(latest) => projection::next_year(latest, o),
    };
    if next.year > last {
        return refuse_short(
            format!("organisations/{code}/baseline"),
            format!(
                "{} already has a baseline to {}, the appraisal's last year",
                o.name,
                financial_year_label(last)
            ),
            "Already to the last year",
        );
    }
    let baseline = &mut a.organisations[i].baseline;
    baseline.push(next);
    baseline.sort_by_key(|y| y.year);
    Ok(())
}

/// Removes one baseline year. Within the appraisal's years only the latest can go (the years
/// must run from the base year without gaps, or the finance engine cannot project them);
/// years outside them can go freely.
pub fn remove_year(a: &mut Appraisal, code: &str, year: i32) -> Result<(), EditError> {
    let i = index(a, code)?;
    let o = &a.organisations[i];
    let field = format!("organisations/{code}/baseline/{year}");
    let Some(at) = o.baseline.iter().position(|y| y.year == year) else {
        return refuse_short(
            field,
            format!(
                "{} has no baseline for {}",
                o.name,
                financial_year_label(year)
            ),
            "No such year",
        );
    };
    let range = a.meta.years();
    if range.contains(&year)
        && o.baseline
            .iter()
            .any(|y| y.year > year && range.contains(&y.year))
    {
        return refuse_short(
            field,
            format!(
                "{} for {} cannot be removed while later years are entered: the baseline must run from {} without gaps; remove the later years first",
                o.name,
                financial_year_label(year),
                financial_year_label(a.meta.base_year)
            ),
            "Remove the later years first",
        );
    }
    a.organisations[i].baseline.remove(at);
    Ok(())
}

/// Sets one money line of one baseline year (GBP thousands) as typed. Income and the
/// expenditure lines cannot be negative; cash, the plan and the balance sheet can.
pub fn set_line(
    a: &mut Appraisal,
    code: &str,
    year: i32,
    line: &str,
    text: &str,
) -> Result<(), EditError> {
    let i = index(a, code)?;
    let o = &a.organisations[i];
    let field = format!("organisations/{code}/baseline/{year}/{line}");
    let Some(at) = FinancialYear::LINES.iter().position(|l| *l == line) else {
        return refuse_short(
            field,
            format!("A baseline has no line \"{line}\""),
            "No such line",
        );
    };
    let Some(y) = o.baseline.iter().position(|y| y.year == year) else {
        return refuse_short(
            field,
            format!(
                "{} has no baseline for {}: add the year first",
                o.name,
                financial_year_label(year)
            ),
            "No such year",
        );
    };
    let what = format!(
        "{} of {} in {} (GBP thousands)",
        FinancialYear::LABELS[at],
        o.name,
        financial_year_label(year)
    );
    let v = number(&field, &what, text)?;
    if v < 0.0 && FinancialYear::NOT_NEGATIVE.contains(&line) {
        return refuse_short(
            field,
            format!("{what} cannot be negative; it is {v}"),
            "Must be 0 or more",
        );
    }
    let baseline = &mut a.organisations[i].baseline[y];
    let mut lines = baseline.lines();
    lines[at] = v;
    *baseline = FinancialYear::from_lines(year, lines);
    Ok(())
}

/// Sets a projection rate typed as a percentage a year ("2.5" is 2.5%), stored as a fraction.
/// Growth and inflation can be negative but not -100% or below; the CIP is from 0 to below
/// 100% (it takes that share off cost).
pub fn set_projection(
    a: &mut Appraisal,
    code: &str,
    which: Assumption,
    text: &str,
) -> Result<(), EditError> {
    let i = index(a, code)?;
    let o = &a.organisations[i];
    let field = format!("organisations/{code}/projection/{}", which.key());
    let what = format!("The {} of {} (% a year)", which.label(), o.name);
    let percent = number(&field, &what, text)?;
    let ok = match which {
        Assumption::Cip => (0.0..100.0).contains(&percent),
        _ => percent > -100.0,
    };
    if !ok {
        let (long, short) = match which {
            Assumption::Cip => ("from 0 to below 100", "Must be from 0 to below 100"),
            _ => ("above -100", "Must be above -100"),
        };
        return refuse_short(
            field,
            format!("{what} must be {long}; it is {percent}"),
            short,
        );
    }
    *which.slot(&mut a.organisations[i].projection) = percent / 100.0;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::Edit;

    fn demo() -> Appraisal {
        crate::demo::appraisal()
    }

    /// The first non-do-minimum option with the organisation as a member, and its I&E surplus
    /// in `year`.
    fn surplus(a: &Appraisal, option: &str, year: i32) -> f64 {
        let r = crate::finance::model(a).unwrap();
        let o = r.option(option).unwrap();
        o.years.iter().find(|y| y.year == year).unwrap().surplus
    }

    fn member_option(a: &Appraisal, org: &str) -> String {
        a.options
            .iter()
            .find(|o| o.members.iter().any(|m| m == org))
            .unwrap()
            .code
            .clone()
    }

    #[test]
    fn a_pay_line_changes_the_option_surplus_by_the_amount_typed() {
        let mut a = demo();
        let org = a.organisations[0].code.clone();
        let option = member_option(&a, &org);
        let year = a.meta.base_year + 1;
        let before = surplus(&a, &option, year);
        let pay = a.organisations[0]
            .baseline
            .iter()
            .find(|y| y.year == year)
            .unwrap()
            .pay;
        Edit::SetBaselineLine {
            organisation: org.clone(),
            year,
            line: "pay".into(),
            value: format!("{}", pay + 1000.0),
        }
        .apply(&mut a)
        .unwrap();
        // 1,000 more pay is 1,000 less surplus (GBP thousands), in that year only.
        assert!((surplus(&a, &option, year) - (before - 1000.0)).abs() < 1e-6);
    }

    #[test]
    fn a_bad_or_negative_line_is_refused_beside_the_cell_and_changes_nothing() {
        let mut a = demo();
        let before = a.clone();
        let org = a.organisations[0].code.clone();
        let name = a.organisations[0].name.clone();
        let year = a.meta.base_year;
        let edit = |value: &str| Edit::SetBaselineLine {
            organisation: org.clone(),
            year,
            line: "pay".into(),
            value: value.into(),
        };
        let e = edit("lots").apply(&mut a).unwrap_err();
        assert_eq!(e.field, format!("organisations/{org}/baseline/{year}/pay"));
        assert_eq!(e.short, "\"lots\" is not a number");
        assert_eq!(
            e.message,
            format!(
                "Pay of {name} in 2013/14 (GBP thousands) must be a number, such as 7 or 0.25; \"lots\" is not a number"
            )
        );
        let e = edit("-5").apply(&mut a).unwrap_err();
        assert_eq!(e.short, "Must be 0 or more");
        let e = set_line(&mut a, &org, 1999, "pay", "5").unwrap_err();
        assert!(e.message.ends_with("add the year first"), "{}", e.message);
        assert!(set_line(&mut a, &org, year, "salary", "5").is_err());
        assert_eq!(a, before);
        // Cash may be overdrawn.
        set_line(&mut a, &org, year, "cash", "-250").unwrap();
        assert_eq!(a.organisations[0].baseline[0].cash, -250.0);
    }

    #[test]
    fn adding_a_year_projects_it_and_changes_no_result() {
        let mut a = demo();
        let org = a.organisations[0].code.clone();
        let entered = a.organisations[0].baseline.len();
        let before = crate::finance::model(&a).unwrap();
        add_year(&mut a, &org).unwrap();
        let o = &a.organisations[0];
        assert_eq!(o.baseline.len(), entered + 1);
        assert_eq!(
            o.baseline.last().unwrap().year,
            a.meta.base_year + entered as i32
        );
        assert_eq!(crate::finance::model(&a).unwrap(), before);
        // Only the latest year within the appraisal can go.
        let base = a.meta.base_year;
        let e = remove_year(&mut a, &org, base).unwrap_err();
        assert_eq!(e.short, "Remove the later years first");
        let latest = a.organisations[0].baseline.last().unwrap().year;
        remove_year(&mut a, &org, latest).unwrap();
        assert_eq!(a.organisations[0].baseline.len(), entered);
    }

    #[test]
    fn a_new_organisation_starts_empty_and_is_filled_to_the_horizon() {
        let mut a = demo();
        add(&mut a, "NEW", "New trust", OrgKind::Community).unwrap();
        add_year(&mut a, "NEW").unwrap();
        let o = a.organisations.last().unwrap();
        assert_eq!(o.baseline[0].year, a.meta.base_year);
        assert_eq!(o.baseline[0].lines(), [0.0; 16]);
        let base = a.meta.base_year;
        set_line(&mut a, "NEW", base, "operating_income", "1000").unwrap();
        for _ in 1..a.meta.horizon_years {
            add_year(&mut a, "NEW").unwrap();
        }
        let e = add_year(&mut a, "NEW").unwrap_err();
        assert_eq!(
            e.message,
            "New trust already has a baseline to 2022/23, the appraisal's last year"
        );
        set_kind(&mut a, "NEW", OrgKind::MentalHealth).unwrap();
        set_cqc(&mut a, "NEW", Some(CqcRating::Good)).unwrap();
        rename(&mut a, "NEW", "Newer trust").unwrap();
        let o = a.organisations.last().unwrap();
        assert_eq!(
            (o.name.as_str(), o.kind, o.cqc_rating),
            ("Newer trust", OrgKind::MentalHealth, Some(CqcRating::Good))
        );
        assert!(crate::validate::integrity(&a).is_empty());
        let e = add(&mut a, "NEW", "Again", OrgKind::Community).unwrap_err();
        assert_eq!(e.field, "organisations/new/code");
        remove(&mut a, "NEW").unwrap();
        assert!(a.organisations.iter().all(|o| o.code != "NEW"));
    }

    #[test]
    fn projection_rates_are_typed_as_percentages() {
        let mut a = demo();
        let before = a.clone();
        let org = a.organisations[0].code.clone();
        set_projection(&mut a, &org, Assumption::PayInflation, "3").unwrap();
        assert_eq!(a.organisations[0].projection.pay_inflation, 0.03);
        set_projection(&mut a, &org, Assumption::IncomeGrowth, "-1.5").unwrap();
        assert_eq!(a.organisations[0].projection.income_growth, -0.015);
        let mut b = before.clone();
        let e = set_projection(&mut b, &org, Assumption::Cip, "100").unwrap_err();
        assert_eq!(e.field, format!("organisations/{org}/projection/cip"));
        assert_eq!(e.short, "Must be from 0 to below 100");
        assert!(set_projection(&mut b, &org, Assumption::NonPayInflation, "x").is_err());
        assert_eq!(b, before);
    }

    #[test]
    fn an_organisation_in_use_is_not_removed_and_the_user_is_named() {
        let mut a = demo();
        let before = a.clone();
        let site = a.sites[0].clone();
        let name = a
            .organisations
            .iter()
            .find(|o| o.code == site.organisation)
            .unwrap()
            .name
            .clone();
        let e = remove(&mut a, &site.organisation).unwrap_err();
        assert_eq!(e.field, format!("organisations/{}", site.organisation));
        assert_eq!(
            e.message,
            format!(
                "{name} cannot be removed: it runs the site \"{}\"; give the site to another organisation first",
                site.name
            )
        );
        // With no site, option membership is named.
        add(&mut a, "X", "Extra", OrgKind::Community).unwrap();
        let option = a.options[0].name.clone();
        a.options[0].members.push("X".into());
        let e = remove(&mut a, "X").unwrap_err();
        assert!(
            e.message
                .contains(&format!("member of the option \"{option}\"")),
            "{}",
            e.message
        );
        a = before.clone();
        assert!(remove(&mut a, "NOPE").is_err());
        assert_eq!(a, before);
    }

    #[test]
    fn organisation_edits_have_labels() {
        let e = Edit::SetBaselineLine {
            organisation: "RJE".into(),
            year: 2015,
            line: "pay".into(),
            value: "1".into(),
        };
        assert_eq!(
            e.label(&crate::model::Appraisal::new("t")),
            "pay of RJE in 2015/16"
        );
        let e = Edit::SetProjection {
            organisation: "RJE".into(),
            assumption: Assumption::NonPayInflation,
            value: "1".into(),
        };
        assert_eq!(
            e.label(&crate::model::Appraisal::new("t")),
            "non-pay inflation of RJE"
        );
        assert_eq!(
            Edit::RemoveBaselineYear {
                organisation: "RJE".into(),
                year: 2017
            }
            .label(&crate::model::Appraisal::new("t")),
            "remove 2017/18 from RJE"
        );
    }
}
