//! An option's combined projection: the sum of its members' baselines with the site transfers
//! applied, plus the option's own adjustments.
//!
//! Conventions (documented here because boards will ask):
//! - A split moves, from the site's current organisation (which must be a member), the
//!   transfer's `income_share` of operating income and planned surplus, and its `cost_share` of
//!   pay, non-pay, agency spend and cap, depreciation and capital expenditure (the estate goes
//!   with the site). Financing lines (PDC dividend, interest, loans), cash and working capital
//!   stay with the organisation's legal successor. Shares are of the organisation's own
//!   baseline, so two transfers from one organisation cannot move more than all of it. A member
//!   receiver takes the moved lines (so the option's total is unchanged and the successors'
//!   own positions show the move); a receiver outside the option takes them out of it.
//! - Balance sheet lines (cash, current assets and liabilities, facilities) are summed.
//! - Option year 1 is the year after the base year: synergy `phasing[i]` applies to base year
//!   + 1 + i, the last share holding thereafter (no phasing: all of it from year 1).
//! - One-off costs are revenue costs of their year. Option capital (with its optimism bias)
//!   reduces cash. Every cash effect of the option (synergies, one-off costs, transitional
//!   funding, transferred income and cost, capital) accumulates in cash and current assets in
//!   later years.
//! - Income transferred in from a non-member adds income and its `cost`; out to a non-member
//!   removes both; between members it nets to nothing.
//! - Transitional funding is income, kept on its own line so the underlying position shows.
//! - The plan the option is measured against is the members' plans plus the option's own
//!   adjustments, so "distance from plan" carries the members' record of missing their plans.

use rustc_hash::FxHashMap;

use super::FinanceError;
use super::results::{CombinedLines, OrganisationYears};
use crate::model::financial_year_label;
use crate::model::{AppraisalOption, FinancialYear, Organisation, Site};

/// What the combination needs from the appraisal, built once for all options.
pub struct Context<'a> {
    pub organisations: &'a [Organisation],
    pub org_index: FxHashMap<&'a str, usize>,
    pub sites: FxHashMap<&'a str, &'a Site>,
    /// Each organisation's checked baseline over the appraisal's years; None when it is in no
    /// option.
    pub baselines: Vec<Option<Vec<FinancialYear>>>,
    pub first_year: i32,
    pub years: usize,
}

/// One option's combined lines and the cash flows its NPVs discount.
pub struct Combined {
    pub organisations: Vec<OrganisationYears>,
    pub lines: Vec<CombinedLines>,
    /// Synergies less one-off costs, capital and optimism bias, by year.
    pub economic_flows: Vec<f64>,
    /// The economic flows plus transitional funding and net transferred income less its cost.
    pub financial_flows: Vec<f64>,
}

pub fn option_label(o: &AppraisalOption) -> String {
    format!("{} ({})", o.name, o.code)
}

fn bad(option: &str, what: String, value: f64, problem: &'static str) -> FinanceError {
    FinanceError::BadOptionValue {
        option: option.to_owned(),
        what,
        value,
        problem,
    }
}

/// A finite amount, and (for expenditure) not negative.
fn amount(
    option: &str,
    what: impl Fn() -> String,
    value: f64,
    spend: bool,
) -> Result<f64, FinanceError> {
    if !value.is_finite() {
        Err(bad(option, what(), value, "not a number"))
    } else if spend && value < 0.0 {
        Err(bad(option, what(), value, "expenditure cannot be negative"))
    } else {
        Ok(value)
    }
}

fn share(option: &str, what: impl Fn() -> String, value: f64) -> Result<f64, FinanceError> {
    if (0.0..=1.0).contains(&value) {
        Ok(value)
    } else {
        Err(bad(option, what(), value, "a share must be from 0 to 1"))
    }
}

/// The lines that move with a site: `income` of income-led lines, `cost` of cost-led ones.
fn moved(y: &FinancialYear, income: f64, cost: f64) -> FinancialYear {
    FinancialYear {
        year: y.year,
        operating_income: y.operating_income * income,
        planned_surplus: y.planned_surplus * income,
        pay: y.pay * cost,
        non_pay: y.non_pay * cost,
        agency_spend: y.agency_spend * cost,
        agency_cap: y.agency_cap * cost,
        depreciation: y.depreciation * cost,
        capital_expenditure: y.capital_expenditure * cost,
        pdc_dividend: 0.0,
        interest_payable: 0.0,
        interest_receivable: 0.0,
        loan_principal_repaid: 0.0,
        cash: 0.0,
        current_assets: 0.0,
        current_liabilities: 0.0,
        working_capital_facility: 0.0,
    }
}

/// `into += sign x from`, line by line.
fn add(into: &mut FinancialYear, from: &FinancialYear, sign: f64) {
    into.operating_income += sign * from.operating_income;
    into.pay += sign * from.pay;
    into.non_pay += sign * from.non_pay;
    into.depreciation += sign * from.depreciation;
    into.pdc_dividend += sign * from.pdc_dividend;
    into.interest_payable += sign * from.interest_payable;
    into.interest_receivable += sign * from.interest_receivable;
    into.loan_principal_repaid += sign * from.loan_principal_repaid;
    into.capital_expenditure += sign * from.capital_expenditure;
    into.cash += sign * from.cash;
    into.current_assets += sign * from.current_assets;
    into.current_liabilities += sign * from.current_liabilities;
    into.working_capital_facility += sign * from.working_capital_facility;
    into.planned_surplus += sign * from.planned_surplus;
    into.agency_spend += sign * from.agency_spend;
    into.agency_cap += sign * from.agency_cap;
}

impl Context<'_> {
    fn org(
        &self,
        option: &AppraisalOption,
        code: &str,
        role: &'static str,
    ) -> Result<usize, FinanceError> {
        self.org_index
            .get(code)
            .copied()
            .ok_or_else(|| FinanceError::UnknownOrganisation {
                option: option_label(option),
                organisation: code.to_owned(),
                role,
            })
    }

    /// Index into the appraisal's years, or a warning that the entry is outside them.
    fn year_index(
        &self,
        year: i32,
        what: &str,
        option: &str,
        warnings: &mut Vec<String>,
    ) -> Option<usize> {
        let t = year - self.first_year;
        if t >= 0 && (t as usize) < self.years {
            Some(t as usize)
        } else {
            warnings.push(format!(
                "{option}: {what} in {} is outside the appraisal's years and is ignored",
                financial_year_label(year)
            ));
            None
        }
    }

    pub fn combine(
        &self,
        o: &AppraisalOption,
        warnings: &mut Vec<String>,
    ) -> Result<Combined, FinanceError> {
        let label = option_label(o);
        if o.members.is_empty() {
            return Err(FinanceError::NoMembers { option: label });
        }
        let mut members: Vec<usize> = Vec::with_capacity(o.members.len());
        for code in &o.members {
            let i = self.org(o, code, "member")?;
            if !members.contains(&i) {
                members.push(i);
            }
        }
        let baseline = |i: usize| -> Result<&Vec<FinancialYear>, FinanceError> {
            self.baselines[i]
                .as_ref()
                .ok_or_else(|| FinanceError::MissingYear {
                    option: label.clone(),
                    organisation: self.organisations[i].code.clone(),
                    year: self.first_year,
                    base_year: self.first_year,
                })
        };
        let mut own: Vec<Vec<FinancialYear>> = members
            .iter()
            .map(|&i| baseline(i).cloned())
            .collect::<Result<_, _>>()?;

        // Site transfers: shares of the current organisation's own baseline.
        let mut shares: FxHashMap<usize, (f64, f64)> = FxHashMap::default();
        for t in &o.site_transfers {
            let site =
                self.sites
                    .get(t.site.as_str())
                    .ok_or_else(|| FinanceError::UnknownSite {
                        option: label.clone(),
                        site: t.site.clone(),
                    })?;
            let from = self.org(o, &site.organisation, "the site's organisation")?;
            let Some(from_pos) = members.iter().position(|&m| m == from) else {
                return Err(FinanceError::SiteNotMember {
                    option: label.clone(),
                    site: site.code.clone(),
                    organisation: site.organisation.clone(),
                });
            };
            let to = self.org(o, &t.to_organisation, "receiving organisation")?;
            let what = |line: &str| format!("the {line} share moving with site {}", site.code);
            let income = share(&label, || what("income"), t.income_share)?;
            let cost = share(&label, || what("cost"), t.cost_share)?;
            let total = shares.entry(from).or_default();
            total.0 += income;
            total.1 += cost;
            for (what, total) in [("income", total.0), ("cost", total.1)] {
                if total > 1.0 + 1e-9 {
                    return Err(FinanceError::SharesOverOne {
                        option: label.clone(),
                        organisation: site.organisation.clone(),
                        what,
                        total,
                    });
                }
            }
            let source = baseline(from)?;
            let to_pos = members.iter().position(|&m| m == to);
            for (y, src) in source.iter().enumerate() {
                let m = moved(src, income, cost);
                add(&mut own[from_pos][y], &m, -1.0);
                if let Some(p) = to_pos {
                    add(&mut own[p][y], &m, 1.0);
                }
            }
        }

        let mut lines: Vec<CombinedLines> = (0..self.years)
            .map(|y| {
                let mut sum = FinancialYear {
                    year: self.first_year + y as i32,
                    ..moved(&own[0][y], 0.0, 0.0)
                };
                for m in &own {
                    add(&mut sum, &m[y], 1.0);
                }
                CombinedLines {
                    operating_income: sum.operating_income,
                    pay: sum.pay,
                    non_pay: sum.non_pay,
                    depreciation: sum.depreciation,
                    pdc_dividend: sum.pdc_dividend,
                    interest_payable: sum.interest_payable,
                    interest_receivable: sum.interest_receivable,
                    loan_principal_repaid: sum.loan_principal_repaid,
                    capital_expenditure: sum.capital_expenditure,
                    cash: sum.cash,
                    current_assets: sum.current_assets,
                    current_liabilities: sum.current_liabilities,
                    working_capital_facility: sum.working_capital_facility,
                    planned_surplus: sum.planned_surplus,
                    agency_spend: sum.agency_spend,
                    agency_cap: sum.agency_cap,
                    ..CombinedLines::default()
                }
            })
            .collect();

        self.adjust(o, &label, &members, &mut lines, warnings)?;

        let mut economic_flows = Vec::with_capacity(self.years);
        let mut financial_flows = Vec::with_capacity(self.years);
        let mut cumulative = 0.0;
        for l in &mut lines {
            let economic = l.synergies - l.one_off_costs - l.option_capital - l.optimism_bias;
            let own_income = l.transitional_funding + l.income_transferred;
            let financial = economic + own_income - l.transfer_costs;
            l.planned_surplus += l.synergies - l.one_off_costs + own_income - l.transfer_costs;
            cumulative += financial;
            l.cash += cumulative;
            l.current_assets += cumulative;
            economic_flows.push(economic);
            financial_flows.push(financial);
        }
        let organisations = members
            .iter()
            .zip(own)
            .map(|(&i, years)| OrganisationYears {
                code: self.organisations[i].code.clone(),
                years,
            })
            .collect();
        Ok(Combined {
            organisations,
            lines,
            economic_flows,
            financial_flows,
        })
    }

    /// The option's own adjustments, year by year.
    fn adjust(
        &self,
        o: &AppraisalOption,
        label: &str,
        members: &[usize],
        lines: &mut [CombinedLines],
        warnings: &mut Vec<String>,
    ) -> Result<(), FinanceError> {
        let f = &o.finance;
        for s in &f.synergies {
            let what = || format!("synergy '{}'", s.category);
            let saving = amount(label, what, s.recurrent_saving, false)?;
            for (i, p) in s.phasing.iter().enumerate() {
                amount(
                    label,
                    || format!("synergy '{}' phasing in year {}", s.category, i + 1),
                    *p,
                    false,
                )?;
            }
            for (t, l) in lines.iter_mut().enumerate().skip(1) {
                let phase = s
                    .phasing
                    .get(t - 1)
                    .or(s.phasing.last())
                    .copied()
                    .unwrap_or(1.0);
                l.synergies += saving * phase;
            }
        }
        for c in &f.one_off_costs {
            let what = || {
                format!(
                    "one-off cost '{}' in {}",
                    c.category,
                    financial_year_label(c.year)
                )
            };
            let value = amount(label, what, c.amount, true)?;
            if let Some(t) = self.year_index(c.year, &what(), label, warnings) {
                lines[t].one_off_costs += value;
            }
        }
        for c in &f.capital {
            let what = || {
                format!(
                    "capital '{}' in {}",
                    c.description,
                    financial_year_label(c.year)
                )
            };
            let value = amount(label, what, c.amount, true)?;
            let bias = amount(
                label,
                || format!("{}: optimism bias", what()),
                c.optimism_bias,
                true,
            )?;
            if let Some(t) = self.year_index(c.year, &what(), label, warnings) {
                lines[t].option_capital += value;
                lines[t].optimism_bias += value * bias;
            }
        }
        for tf in &f.transitional_funding {
            let what = || format!("transitional funding in {}", financial_year_label(tf.year));
            let value = amount(label, what, tf.amount, false)?;
            if let Some(t) = self.year_index(tf.year, &what(), label, warnings) {
                lines[t].transitional_funding += value;
            }
        }
        for it in &f.income_transfers {
            let from = self.org(o, &it.from_organisation, "income transfer source")?;
            let to = self.org(o, &it.to_organisation, "income transfer destination")?;
            let what = || {
                format!(
                    "income transfer from {} to {}",
                    it.from_organisation, it.to_organisation
                )
            };
            let income = amount(label, what, it.amount, true)?;
            let cost = amount(label, || format!("{}: cost", what()), it.cost, true)?;
            let sign = match (members.contains(&from), members.contains(&to)) {
                (false, true) => 1.0,
                (true, false) => -1.0,
                (true, true) => 0.0,
                (false, false) => {
                    warnings.push(format!(
                        "{label}: {} involves no member and is ignored",
                        what()
                    ));
                    0.0
                }
            };
            for (t, l) in lines.iter_mut().enumerate() {
                if self.first_year + t as i32 >= it.from_year {
                    l.income_transferred += sign * income;
                    l.transfer_costs += sign * cost;
                }
            }
        }
        for l in lines.iter_mut() {
            l.operating_income += l.income_transferred;
        }
        Ok(())
    }
}
