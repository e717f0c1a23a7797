use serde::{Deserialize, Serialize};

/// One option on the short list: a future shape of the health economy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct AppraisalOption {
    pub code: String,
    pub name: String,
    pub kind: OptionKind,
    pub description: String,
    /// Organisations whose finances make up the option's combined projection.
    pub members: Vec<String>,
    /// Which site offers which service under the option.
    pub site_services: Vec<SiteService>,
    /// Sites that move to another organisation, with the shares of their parent's income and
    /// cost that move with them (a split).
    pub site_transfers: Vec<SiteTransfer>,
    pub finance: OptionFinance,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum OptionKind {
    DoMinimum,
    Merger,
    Acquisition,
    Split,
    Ico,
    Federation,
    Dissolution,
}

impl OptionKind {
    pub const ALL: [OptionKind; 7] = [
        OptionKind::DoMinimum,
        OptionKind::Merger,
        OptionKind::Acquisition,
        OptionKind::Split,
        OptionKind::Ico,
        OptionKind::Federation,
        OptionKind::Dissolution,
    ];

    pub fn label(self) -> &'static str {
        match self {
            OptionKind::DoMinimum => "Do minimum",
            OptionKind::Merger => "Merger",
            OptionKind::Acquisition => "Acquisition",
            OptionKind::Split => "Split between neighbours",
            OptionKind::Ico => "Integrated care organisation",
            OptionKind::Federation => "Federation / group model",
            OptionKind::Dissolution => "Dissolution",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct SiteService {
    pub site: String,
    pub service: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct SiteTransfer {
    pub site: String,
    pub to_organisation: String,
    /// Share (0-1) of the current organisation's operating income that moves with the site.
    pub income_share: f64,
    /// Share (0-1) of its pay and non-pay costs that moves with the site.
    pub cost_share: f64,
}

/// The deal's own financial effects on top of the members' baselines, in GBP thousands.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "OptionAssumptions"))]
#[serde(deny_unknown_fields)]
pub struct OptionFinance {
    pub synergies: Vec<Synergy>,
    pub one_off_costs: Vec<OneOffCost>,
    pub capital: Vec<CapitalInvestment>,
    pub transitional_funding: Vec<YearAmount>,
    pub income_transfers: Vec<IncomeTransfer>,
}

/// A recurrent saving, reached in steps: `phasing[i]` is the share achieved in year i+1.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Synergy {
    pub category: String,
    pub recurrent_saving: f64,
    pub phasing: Vec<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct OneOffCost {
    pub category: String,
    pub year: i32,
    pub amount: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct CapitalInvestment {
    pub description: String,
    pub category: OptimismBiasCategory,
    pub year: i32,
    pub amount: f64,
    /// Optimism bias uplift applied (fraction); the Green Book upper bound for the category
    /// until risks are mitigated.
    pub optimism_bias: f64,
}

/// Green Book optimism bias project categories.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum OptimismBiasCategory {
    StandardBuildings,
    NonStandardBuildings,
    StandardCivilEngineering,
    NonStandardCivilEngineering,
    EquipmentAndDevelopment,
    Outsourcing,
}

impl OptimismBiasCategory {
    /// Green Book upper bound uplift on capital expenditure (operating cost for outsourcing)
    /// (HM Treasury, Supplementary Green Book Guidance: Optimism Bias, 2003, table 1).
    pub fn upper_bound_capex(self) -> f64 {
        match self {
            OptimismBiasCategory::StandardBuildings => 0.24,
            OptimismBiasCategory::NonStandardBuildings => 0.51,
            OptimismBiasCategory::StandardCivilEngineering => 0.44,
            OptimismBiasCategory::NonStandardCivilEngineering => 0.66,
            OptimismBiasCategory::EquipmentAndDevelopment => 2.00,
            OptimismBiasCategory::Outsourcing => 0.41,
        }
    }

    /// Green Book lower bound uplift, for when the risks behind the category's bias have been
    /// mitigated (HM Treasury, Supplementary Green Book Guidance: Optimism Bias, 2003, table 1).
    pub fn lower_bound_capex(self) -> f64 {
        match self {
            OptimismBiasCategory::StandardBuildings => 0.02,
            OptimismBiasCategory::NonStandardBuildings => 0.04,
            OptimismBiasCategory::StandardCivilEngineering => 0.03,
            OptimismBiasCategory::NonStandardCivilEngineering => 0.06,
            OptimismBiasCategory::EquipmentAndDevelopment => 0.10,
            OptimismBiasCategory::Outsourcing => 0.0,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct YearAmount {
    pub year: i32,
    pub amount: f64,
}

/// Recurrent income that moves from one organisation to another from a given year, with the
/// recurrent cost of delivering the services it pays for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct IncomeTransfer {
    pub from_organisation: String,
    pub to_organisation: String,
    pub from_year: i32,
    pub amount: f64,
    /// Cost that moves with the income (GBP thousands a year); zero in files written before it
    /// existed, which moved income without the cost of delivering the services.
    #[serde(default)]
    pub cost: f64,
}
