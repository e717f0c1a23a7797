//! Edits to an option's own financial assumptions: its synergies, one-off costs, capital
//! investments with optimism bias, transitional funding and income transfers. Rows are
//! addressed by their place in their list, as the window shows them.
//!
//! Shares and rates (synergy phasing, optimism bias) are typed as percentages ("24" is 24%)
//! and stored as fractions; money is GBP thousands; a year is its first calendar year ("2015"
//! or "2015/16" for 2015/16). The checks are the finance engine's (src/finance/combine.rs:
//! expenditure not negative, organisations that exist) made at the field, plus years within
//! the appraisal's, which the engine would otherwise ignore with a warning.

use serde::{Deserialize, Serialize};

use super::input::{
    self, EditError, capitalised, financial_year, lower_first, number, refuse_short,
};
use crate::model::financial_year_label;
use crate::model::{
    Appraisal, CapitalInvestment, IncomeTransfer, OneOffCost, OptimismBiasCategory, OptionFinance,
    Synergy, YearAmount,
};

/// One of an option's lists of financial assumptions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum FinanceList {
    Synergies,
    OneOffCosts,
    Capital,
    TransitionalFunding,
    IncomeTransfers,
}

impl FinanceList {
    /// The list's name in the file and in field paths.
    pub fn key(self) -> &'static str {
        match self {
            FinanceList::Synergies => "synergies",
            FinanceList::OneOffCosts => "one_off_costs",
            FinanceList::Capital => "capital",
            FinanceList::TransitionalFunding => "transitional_funding",
            FinanceList::IncomeTransfers => "income_transfers",
        }
    }

    /// One row of the list, as Undo and messages name it.
    pub fn item(self) -> &'static str {
        match self {
            FinanceList::Synergies => "synergy",
            FinanceList::OneOffCosts => "one-off cost",
            FinanceList::Capital => "capital investment",
            FinanceList::TransitionalFunding => "transitional funding",
            FinanceList::IncomeTransfers => "income transfer",
        }
    }
}

/// A field of a row; which fields a row has depends on its list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum FinanceField {
    /// Text: a synergy's or one-off cost's category.
    Category,
    /// Text: a capital investment's description.
    Description,
    /// GBP thousands a year.
    RecurrentSaving,
    /// Percentages achieved in years 1, 2, ... after the base year, e.g. "50, 100"; empty is
    /// all of it from year 1.
    Phasing,
    Year,
    /// The first year an income transfer applies.
    FromYear,
    /// GBP thousands.
    Amount,
    /// GBP thousands a year: the cost that moves with transferred income.
    Cost,
    /// A Green Book category (snake_case); choosing one sets the bias to its upper bound.
    OptimismBiasCategory,
    /// Percent uplift on the capital amount.
    OptimismBias,
    /// An organisation's code.
    FromOrganisation,
    ToOrganisation,
}

impl FinanceField {
    /// The field's name in the file and in field paths.
    pub fn key(self) -> &'static str {
        match self {
            FinanceField::Category => "category",
            FinanceField::Description => "description",
            FinanceField::RecurrentSaving => "recurrent_saving",
            FinanceField::Phasing => "phasing",
            FinanceField::Year => "year",
            FinanceField::FromYear => "from_year",
            FinanceField::Amount => "amount",
            FinanceField::Cost => "cost",
            FinanceField::OptimismBiasCategory => "optimism_bias_category",
            FinanceField::OptimismBias => "optimism_bias",
            FinanceField::FromOrganisation => "from_organisation",
            FinanceField::ToOrganisation => "to_organisation",
        }
    }

    /// As Undo and messages name it.
    pub fn label(self) -> &'static str {
        match self {
            FinanceField::Category => "category",
            FinanceField::Description => "description",
            FinanceField::RecurrentSaving => "recurrent saving",
            FinanceField::Phasing => "phasing",
            FinanceField::Year => "year",
            FinanceField::FromYear => "first year",
            FinanceField::Amount => "amount",
            FinanceField::Cost => "cost",
            FinanceField::OptimismBiasCategory => "optimism bias category",
            FinanceField::OptimismBias => "optimism bias",
            FinanceField::FromOrganisation => "from",
            FinanceField::ToOrganisation => "to",
        }
    }
}

fn option_index(a: &Appraisal, code: &str) -> Result<usize, EditError> {
    input::index(&a.options, code, format!("options/{code}"))
}

fn len(f: &OptionFinance, list: FinanceList) -> usize {
    match list {
        FinanceList::Synergies => f.synergies.len(),
        FinanceList::OneOffCosts => f.one_off_costs.len(),
        FinanceList::Capital => f.capital.len(),
        FinanceList::TransitionalFunding => f.transitional_funding.len(),
        FinanceList::IncomeTransfers => f.income_transfers.len(),
    }
}

/// Option year 1, where new rows start: the first year the deal can have effects.
fn first_option_year(a: &Appraisal) -> i32 {
    a.meta.base_year + i32::from(a.meta.horizon_years > 1)
}

/// Adds a row of zero amounts dated option year 1 (a capital investment in standard buildings
/// at the Green Book upper bound; an income transfer into the option's first member from the
/// first organisation outside it).
pub fn add(a: &mut Appraisal, option: &str, list: FinanceList) -> Result<(), EditError> {
    let i = option_index(a, option)?;
    let year = first_option_year(a);
    let f = &a.options[i].finance;
    let n = len(f, list) + 1;
    let transfer = if list == FinanceList::IncomeTransfers {
        let members = &a.options[i].members;
        let to = members
            .first()
            .or_else(|| a.organisations.first().map(|o| &o.code));
        let from = a
            .organisations
            .iter()
            .map(|o| &o.code)
            .find(|c| Some(*c) != to && !members.contains(c))
            .or_else(|| {
                a.organisations
                    .iter()
                    .map(|o| &o.code)
                    .find(|c| Some(*c) != to)
            });
        match (from, to) {
            (Some(from), Some(to)) => Some((from.clone(), to.clone())),
            _ => {
                return refuse_short(
                    format!("options/{option}/finance/income_transfers"),
                    "Income moves between two organisations: add a second organisation first"
                        .to_owned(),
                    "Needs two organisations",
                );
            }
        }
    } else {
        None
    };
    let f = &mut a.options[i].finance;
    match list {
        FinanceList::Synergies => f.synergies.push(Synergy {
            category: format!("Synergy {n}"),
            recurrent_saving: 0.0,
            phasing: Vec::new(),
        }),
        FinanceList::OneOffCosts => f.one_off_costs.push(OneOffCost {
            category: format!("One-off cost {n}"),
            year,
            amount: 0.0,
        }),
        FinanceList::Capital => {
            let category = OptimismBiasCategory::StandardBuildings;
            f.capital.push(CapitalInvestment {
                description: format!("Capital investment {n}"),
                category,
                year,
                amount: 0.0,
                optimism_bias: category.upper_bound_capex(),
            })
        }
        FinanceList::TransitionalFunding => f
            .transitional_funding
            .push(YearAmount { year, amount: 0.0 }),
        FinanceList::IncomeTransfers => {
            if let Some((from, to)) = transfer {
                f.income_transfers.push(IncomeTransfer {
                    from_organisation: from,
                    to_organisation: to,
                    from_year: year,
                    amount: 0.0,
                    cost: 0.0,
                });
            }
        }
    }
    Ok(())
}

fn row_missing<T>(option: &str, list: FinanceList, index: usize) -> Result<T, EditError> {
    refuse_short(
        format!("options/{option}/finance/{}", list.key()),
        format!(
            "The option \"{option}\" has no {} number {}",
            list.item(),
            index + 1
        ),
        "No such row",
    )
}

pub fn remove(
    a: &mut Appraisal,
    option: &str,
    list: FinanceList,
    index: usize,
) -> Result<(), EditError> {
    let i = option_index(a, option)?;
    let f = &mut a.options[i].finance;
    if index >= len(f, list) {
        return row_missing(option, list, index);
    }
    match list {
        FinanceList::Synergies => drop(f.synergies.remove(index)),
        FinanceList::OneOffCosts => drop(f.one_off_costs.remove(index)),
        FinanceList::Capital => drop(f.capital.remove(index)),
        FinanceList::TransitionalFunding => drop(f.transitional_funding.remove(index)),
        FinanceList::IncomeTransfers => drop(f.income_transfers.remove(index)),
    }
    Ok(())
}

/// Reads what was typed for one field, knowing the appraisal (years, organisations).
struct Reader<'a> {
    a: &'a Appraisal,
    field: String,
    /// "Amount of one-off cost 2 of Merger", for messages.
    what: String,
    /// "amount of one-off cost 2", for "Enter the ...".
    lower: String,
}

impl Reader<'_> {
    fn money(&self, text: &str, spend: bool) -> Result<f64, EditError> {
        let what = format!("{} (GBP thousands)", self.what);
        let v = number(&self.field, &what, text)?;
        if spend && v < 0.0 {
            return refuse_short(
                self.field.clone(),
                format!("{what} cannot be negative; it is {v}"),
                "Must be 0 or more",
            );
        }
        Ok(v)
    }

    /// A percentage typed, as a fraction; `max` in percent when there is one.
    fn percent(&self, text: &str, max: Option<f64>) -> Result<f64, EditError> {
        let what = format!("{} (%)", self.what);
        let v = number(&self.field, &what, text)?;
        let (ok, long, short) = match max {
            Some(m) => (
                (0.0..=m).contains(&v),
                format!("from 0 to {m}"),
                format!("Must be from 0 to {m}"),
            ),
            None => (
                v >= 0.0,
                "0 or more".to_owned(),
                "Must be 0 or more".to_owned(),
            ),
        };
        if !ok {
            return refuse_short(
                self.field.clone(),
                format!("{what} must be {long}; it is {v}"),
                &short,
            );
        }
        Ok(v / 100.0)
    }

    /// Shares by year, "50, 75, 100" (commas, semicolons or spaces between). A refusal names
    /// the option year whose share is wrong, since the field holds them all.
    fn phasing(&self, text: &str) -> Result<Vec<f64>, EditError> {
        text.split([',', ';', ' '])
            .filter(|t| !t.trim().is_empty())
            .enumerate()
            .map(|(k, t)| {
                self.percent(t, Some(100.0)).map_err(|e| EditError {
                    message: format!("{}, in option year {}", e.message, k + 1),
                    short: format!("Year {}: {}", k + 1, lower_first(&e.short)),
                    field: e.field,
                })
            })
            .collect()
    }

    /// A year within the appraisal's, typed "2015" or "2015/16".
    fn year(&self, text: &str) -> Result<i32, EditError> {
        let years = self.a.meta.years();
        let (first, last) = (*years.start(), *years.end());
        let t = text.trim();
        match financial_year(t) {
            Some(y) if years.contains(&y) => Ok(y),
            Some(y) => refuse_short(
                self.field.clone(),
                format!(
                    "{} must be a year of the appraisal, from {} to {}; it is {}",
                    self.what,
                    financial_year_label(first),
                    financial_year_label(last),
                    financial_year_label(y)
                ),
                format!(
                    "Must be from {} to {}",
                    financial_year_label(first),
                    financial_year_label(last)
                ),
            ),
            None => refuse_short(
                self.field.clone(),
                format!(
                    "{} must be a financial year, such as {}; \"{t}\" is not one",
                    self.what,
                    financial_year_label(first)
                ),
                format!("\"{t}\" is not a year"),
            ),
        }
    }

    fn text(&self, text: &str) -> Result<String, EditError> {
        if text.trim().is_empty() {
            return refuse_short(
                self.field.clone(),
                format!("Enter the {}", self.lower),
                "Enter some text",
            );
        }
        Ok(text.to_owned())
    }

    fn organisation(&self, code: &str) -> Result<String, EditError> {
        if self.a.organisations.iter().any(|o| o.code == code) {
            Ok(code.to_owned())
        } else {
            refuse_short(
                self.field.clone(),
                format!("There is no organisation \"{code}\""),
                "Choose an organisation",
            )
        }
    }

    fn category(&self, text: &str) -> Result<OptimismBiasCategory, EditError> {
        serde_json::from_value(serde_json::Value::String(text.to_owned())).or_else(|_| {
            refuse_short(
                self.field.clone(),
                format!("\"{text}\" is not a Green Book optimism bias category"),
                "Choose a category",
            )
        })
    }

    fn no_such_field<T>(&self, list: FinanceList, field: FinanceField) -> Result<T, EditError> {
        refuse_short(
            self.field.clone(),
            format!("A {} has no {}", list.item(), field.label()),
            "No such field",
        )
    }
}

/// Sets one field of one row as typed (see [`FinanceField`] for each field's form).
pub fn set(
    a: &mut Appraisal,
    option: &str,
    list: FinanceList,
    index: usize,
    field: FinanceField,
    text: &str,
) -> Result<(), EditError> {
    let i = option_index(a, option)?;
    let o = &a.options[i];
    if index >= len(&o.finance, list) {
        return row_missing(option, list, index);
    }
    let r = Reader {
        a,
        field: format!(
            "options/{option}/finance/{}/{index}/{}",
            list.key(),
            field.key()
        ),
        what: format!(
            "{} of {} {} of {}",
            capitalised(field.label()),
            list.item(),
            index + 1,
            o.name
        ),
        lower: format!("{} of {} {}", field.label(), list.item(), index + 1),
    };
    use FinanceField as F;
    use FinanceList as L;
    // Everything is read before anything changes, so a refusal leaves the option as it was.
    match (list, field) {
        (L::Synergies, F::Category) => {
            let v = r.text(text)?;
            a.options[i].finance.synergies[index].category = v;
        }
        (L::Synergies, F::RecurrentSaving) => {
            let v = r.money(text, false)?;
            a.options[i].finance.synergies[index].recurrent_saving = v;
        }
        (L::Synergies, F::Phasing) => {
            let v = r.phasing(text)?;
            a.options[i].finance.synergies[index].phasing = v;
        }
        (L::OneOffCosts, F::Category) => {
            let v = r.text(text)?;
            a.options[i].finance.one_off_costs[index].category = v;
        }
        (L::OneOffCosts, F::Year) => {
            let v = r.year(text)?;
            a.options[i].finance.one_off_costs[index].year = v;
        }
        (L::OneOffCosts, F::Amount) => {
            let v = r.money(text, true)?;
            a.options[i].finance.one_off_costs[index].amount = v;
        }
        (L::Capital, F::Description) => {
            let v = r.text(text)?;
            a.options[i].finance.capital[index].description = v;
        }
        (L::Capital, F::OptimismBiasCategory) => {
            let v = r.category(text)?;
            let c = &mut a.options[i].finance.capital[index];
            c.category = v;
            c.optimism_bias = v.upper_bound_capex();
        }
        (L::Capital, F::Year) => {
            let v = r.year(text)?;
            a.options[i].finance.capital[index].year = v;
        }
        (L::Capital, F::Amount) => {
            let v = r.money(text, true)?;
            a.options[i].finance.capital[index].amount = v;
        }
        (L::Capital, F::OptimismBias) => {
            let v = r.percent(text, None)?;
            a.options[i].finance.capital[index].optimism_bias = v;
        }
        (L::TransitionalFunding, F::Year) => {
            let v = r.year(text)?;
            a.options[i].finance.transitional_funding[index].year = v;
        }
        (L::TransitionalFunding, F::Amount) => {
            let v = r.money(text, true)?;
            a.options[i].finance.transitional_funding[index].amount = v;
        }
        (L::IncomeTransfers, F::FromOrganisation | F::ToOrganisation) => {
            let v = r.organisation(text)?;
            let t = &a.options[i].finance.income_transfers[index];
            let other = if field == F::FromOrganisation {
                &t.to_organisation
            } else {
                &t.from_organisation
            };
            if *other == v {
                return refuse_short(
                    r.field,
                    "Income moves from one organisation to another: choose two different organisations".to_owned(),
                    "Choose a different organisation",
                );
            }
            let t = &mut a.options[i].finance.income_transfers[index];
            if field == F::FromOrganisation {
                t.from_organisation = v;
            } else {
                t.to_organisation = v;
            }
        }
        (L::IncomeTransfers, F::FromYear) => {
            let v = r.year(text)?;
            a.options[i].finance.income_transfers[index].from_year = v;
        }
        (L::IncomeTransfers, F::Amount) => {
            let v = r.money(text, true)?;
            a.options[i].finance.income_transfers[index].amount = v;
        }
        (L::IncomeTransfers, F::Cost) => {
            let v = r.money(text, true)?;
            a.options[i].finance.income_transfers[index].cost = v;
        }
        _ => return r.no_such_field(list, field),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::Edit;

    fn merger(a: &Appraisal) -> String {
        a.options
            .iter()
            .find(|o| o.kind != crate::model::OptionKind::DoMinimum)
            .unwrap()
            .code
            .clone()
    }

    fn surplus(a: &Appraisal, option: &str, year: i32) -> f64 {
        let r = crate::finance::model(a).unwrap();
        let o = r.option(option).unwrap();
        o.years.iter().find(|y| y.year == year).unwrap().surplus
    }

    fn set_edit(
        option: &str,
        list: FinanceList,
        index: usize,
        field: FinanceField,
        v: &str,
    ) -> Edit {
        Edit::SetFinanceField {
            option: option.into(),
            list,
            index,
            field,
            value: v.into(),
        }
    }

    #[test]
    fn a_phased_synergy_adds_to_the_surplus_by_the_share_achieved() {
        let mut a = crate::demo::appraisal();
        let m = merger(&a);
        let y1 = a.meta.base_year + 1;
        let (s1, s2) = (surplus(&a, &m, y1), surplus(&a, &m, y1 + 1));
        let n = a
            .options
            .iter()
            .find(|o| o.code == m)
            .unwrap()
            .finance
            .synergies
            .len();
        Edit::AddFinanceItem {
            option: m.clone(),
            list: FinanceList::Synergies,
        }
        .apply(&mut a)
        .unwrap();
        set_edit(
            &m,
            FinanceList::Synergies,
            n,
            FinanceField::RecurrentSaving,
            "2000",
        )
        .apply(&mut a)
        .unwrap();
        set_edit(
            &m,
            FinanceList::Synergies,
            n,
            FinanceField::Phasing,
            "25, 100",
        )
        .apply(&mut a)
        .unwrap();
        // A quarter of 2,000 in option year 1, all of it in year 2 (GBP thousands).
        assert!((surplus(&a, &m, y1) - (s1 + 500.0)).abs() < 1e-6);
        assert!((surplus(&a, &m, y1 + 1) - (s2 + 2000.0)).abs() < 1e-6);
        let syn = &a
            .options
            .iter()
            .find(|o| o.code == m)
            .unwrap()
            .finance
            .synergies[n];
        assert_eq!(syn.phasing, vec![0.25, 1.0]);
        assert_eq!(syn.category, format!("Synergy {}", n + 1));

        let before = a.clone();
        let e = set_edit(
            &m,
            FinanceList::Synergies,
            n,
            FinanceField::Phasing,
            "25; 120",
        )
        .apply(&mut a)
        .unwrap_err();
        assert_eq!(e.short, "Year 2: must be from 0 to 100");
        assert!(
            e.message
                .ends_with("must be from 0 to 100; it is 120, in option year 2"),
            "{}",
            e.message
        );
        let e = set_edit(&m, FinanceList::Synergies, n, FinanceField::Phasing, "half")
            .apply(&mut a)
            .unwrap_err();
        assert!(e.short.starts_with("Year 1: "), "{}", e.short);
        assert_eq!(a, before);
    }

    #[test]
    fn a_one_off_cost_and_capital_with_bias_reduce_the_option() {
        let mut a = crate::demo::appraisal();
        let m = merger(&a);
        let y = a.meta.base_year + 2;
        let before = surplus(&a, &m, y);
        let o = a.options.iter().position(|o| o.code == m).unwrap();
        let n = a.options[o].finance.one_off_costs.len();
        add(&mut a, &m, FinanceList::OneOffCosts).unwrap();
        set(
            &mut a,
            &m,
            FinanceList::OneOffCosts,
            n,
            FinanceField::Year,
            "2015/16",
        )
        .unwrap();
        set(
            &mut a,
            &m,
            FinanceList::OneOffCosts,
            n,
            FinanceField::Amount,
            "300",
        )
        .unwrap();
        assert!((surplus(&a, &m, y) - (before - 300.0)).abs() < 1e-6);

        let n = a.options[o].finance.capital.len();
        add(&mut a, &m, FinanceList::Capital).unwrap();
        assert_eq!(a.options[o].finance.capital[n].optimism_bias, 0.24);
        set(
            &mut a,
            &m,
            FinanceList::Capital,
            n,
            FinanceField::OptimismBiasCategory,
            "equipment_and_development",
        )
        .unwrap();
        assert_eq!(a.options[o].finance.capital[n].optimism_bias, 2.0);
        set(
            &mut a,
            &m,
            FinanceList::Capital,
            n,
            FinanceField::OptimismBias,
            "10",
        )
        .unwrap();
        set(
            &mut a,
            &m,
            FinanceList::Capital,
            n,
            FinanceField::Amount,
            "1000",
        )
        .unwrap();
        let c = &a.options[o].finance.capital[n];
        assert_eq!((c.amount, c.optimism_bias), (1000.0, 0.1));
        remove(&mut a, &m, FinanceList::Capital, n).unwrap();
        assert_eq!(a.options[o].finance.capital.len(), n);
    }

    #[test]
    fn bad_values_are_refused_by_field_and_change_nothing() {
        let mut a = crate::demo::appraisal();
        let m = merger(&a);
        for list in [
            FinanceList::Synergies,
            FinanceList::OneOffCosts,
            FinanceList::Capital,
            FinanceList::TransitionalFunding,
            FinanceList::IncomeTransfers,
        ] {
            add(&mut a, &m, list).unwrap();
        }
        let before = a.clone();
        let o = a.options.iter().find(|o| o.code == m).unwrap();
        let name = o.name.clone();
        let last = o.finance.one_off_costs.len() - 1;
        let e = set(
            &mut a,
            &m,
            FinanceList::OneOffCosts,
            last,
            FinanceField::Amount,
            "-1",
        )
        .unwrap_err();
        assert_eq!(
            e.field,
            format!("options/{m}/finance/one_off_costs/{last}/amount")
        );
        assert_eq!(
            e.message,
            format!(
                "Amount of one-off cost {} of {name} (GBP thousands) cannot be negative; it is -1",
                last + 1
            )
        );
        let e = set(
            &mut a,
            &m,
            FinanceList::OneOffCosts,
            last,
            FinanceField::Year,
            "2040",
        )
        .unwrap_err();
        assert_eq!(e.short, "Must be from 2013/14 to 2022/23");
        let e = set(
            &mut a,
            &m,
            FinanceList::OneOffCosts,
            last,
            FinanceField::Year,
            "2015/17",
        )
        .unwrap_err();
        assert_eq!(e.short, "\"2015/17\" is not a year");
        let e = set(
            &mut a,
            &m,
            FinanceList::OneOffCosts,
            last,
            FinanceField::Cost,
            "1",
        )
        .unwrap_err();
        assert_eq!(e.message, "A one-off cost has no cost");
        let s = a
            .options
            .iter()
            .find(|o| o.code == m)
            .unwrap()
            .finance
            .synergies
            .len()
            - 1;
        let e = set(
            &mut a,
            &m,
            FinanceList::Synergies,
            s,
            FinanceField::Phasing,
            "50, 120",
        )
        .unwrap_err();
        assert_eq!(e.short, "Year 2: must be from 0 to 100");
        let e = set(
            &mut a,
            &m,
            FinanceList::Synergies,
            s,
            FinanceField::Category,
            " ",
        )
        .unwrap_err();
        assert_eq!(e.short, "Enter some text");
        let t = a
            .options
            .iter()
            .find(|o| o.code == m)
            .unwrap()
            .finance
            .income_transfers
            .len()
            - 1;
        let e = set(
            &mut a,
            &m,
            FinanceList::IncomeTransfers,
            t,
            FinanceField::ToOrganisation,
            "NOPE",
        )
        .unwrap_err();
        assert_eq!(e.short, "Choose an organisation");
        let from = a
            .options
            .iter()
            .find(|o| o.code == m)
            .unwrap()
            .finance
            .income_transfers[t]
            .from_organisation
            .clone();
        let e = set(
            &mut a,
            &m,
            FinanceList::IncomeTransfers,
            t,
            FinanceField::ToOrganisation,
            &from,
        )
        .unwrap_err();
        assert_eq!(e.short, "Choose a different organisation");
        let e = set(
            &mut a,
            &m,
            FinanceList::Capital,
            99,
            FinanceField::Amount,
            "1",
        )
        .unwrap_err();
        assert_eq!(e.field, format!("options/{m}/finance/capital"));
        assert!(remove(&mut a, &m, FinanceList::TransitionalFunding, 99).is_err());
        assert!(add(&mut a, "NOPE", FinanceList::Capital).is_err());
        let e = set(
            &mut a,
            &m,
            FinanceList::Capital,
            0,
            FinanceField::OptimismBiasCategory,
            "castles",
        )
        .unwrap_err();
        assert_eq!(e.short, "Choose a category");
        assert_eq!(a, before);
    }

    #[test]
    fn income_transferred_in_from_outside_the_option_adds_income_less_its_cost() {
        let mut a = crate::demo::appraisal();
        let m = merger(&a);
        let o = a.options.iter().position(|o| o.code == m).unwrap();
        let y = a.meta.base_year + 3;
        let before = surplus(&a, &m, y);
        let n = a.options[o].finance.income_transfers.len();
        add(&mut a, &m, FinanceList::IncomeTransfers).unwrap();
        let t = &a.options[o].finance.income_transfers[n];
        assert!(a.options[o].members.contains(&t.to_organisation));
        assert!(!a.options[o].members.contains(&t.from_organisation));
        set(
            &mut a,
            &m,
            FinanceList::IncomeTransfers,
            n,
            FinanceField::Amount,
            "800",
        )
        .unwrap();
        set(
            &mut a,
            &m,
            FinanceList::IncomeTransfers,
            n,
            FinanceField::Cost,
            "600",
        )
        .unwrap();
        set(
            &mut a,
            &m,
            FinanceList::IncomeTransfers,
            n,
            FinanceField::FromYear,
            "2016",
        )
        .unwrap();
        assert!((surplus(&a, &m, y) - (before + 200.0)).abs() < 1e-6);
        assert!(crate::validate::integrity(&a).is_empty());
    }

    #[test]
    fn option_finance_edits_have_labels() {
        assert_eq!(
            Edit::AddFinanceItem {
                option: "M".into(),
                list: FinanceList::OneOffCosts
            }
            .label(&crate::model::Appraisal::new("t")),
            "add one-off cost to M"
        );
        assert_eq!(
            Edit::RemoveFinanceItem {
                option: "M".into(),
                list: FinanceList::Synergies,
                index: 0
            }
            .label(&crate::model::Appraisal::new("t")),
            "remove synergy 1 from M"
        );
        assert_eq!(
            set_edit(
                "M",
                FinanceList::Capital,
                1,
                FinanceField::OptimismBias,
                "3"
            )
            .label(&crate::model::Appraisal::new("t")),
            "optimism bias of capital investment 2 in M"
        );
    }
}
