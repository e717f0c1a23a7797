// Typed access to the Rust shell's commands. Components import from here and never call
// `invoke` directly, so each command's name and types live in exactly one place.
import { invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import { getCurrentWindow } from '@tauri-apps/api/window';

/** Mirrors `appraise::model::Status` (serde snake_case). */
export type Status = 'draft' | 'final';

/** Mirrors `appraise::summary::OrganisationSummary`. */
export interface OrganisationSummary {
  code: string;
  name: string;
  kind: string;
  cqc_rating: string | null;
  /** Operating income in the first baseline year, GBP thousands. */
  operating_income: number | null;
}

/** Mirrors `appraise::summary::SiteSummary`. */
export interface SiteSummary {
  code: string;
  name: string;
  /** Name of the organisation that runs the site. */
  organisation: string;
  /** Names of the services offered today. */
  services: string[];
}

/** Mirrors `appraise::summary::OptionSummary`. */
export interface OptionSummary {
  code: string;
  name: string;
  kind: string;
  description: string;
  /** Names of the member organisations. */
  members: string[];
}

/** Mirrors `appraise::summary::Counts`. */
export interface Counts {
  organisations: number;
  sites: number;
  services: number;
  zones: number;
  options: number;
  criteria: number;
  scorers: number;
  scores: number;
}

/** Mirrors `appraise::summary::Summary`. */
export interface Summary {
  title: string;
  health_economy: string;
  author: string;
  status: Status;
  illustrative: boolean;
  base_year: number;
  horizon_years: number;
  organisations: OrganisationSummary[];
  sites: SiteSummary[];
  options: OptionSummary[];
  counts: Counts;
}

/** Mirrors `appraise::session::DocumentState`. */
export interface DocumentState {
  path: string | null;
  file_name: string | null;
  title: string;
  dirty: boolean;
  /** What Undo would undo, e.g. "weight of QUA". */
  undo: string | null;
  redo: string | null;
  revision: number;
  /** What the user should be told about the file as it opened, until it is saved. */
  notices: string[];
}

/** Mirrors `appraise::model::OptionKind`. */
export type OptionKind =
  | 'do_minimum'
  | 'merger'
  | 'acquisition'
  | 'split'
  | 'ico'
  | 'federation'
  | 'dissolution';

export const OPTION_KINDS: { value: OptionKind; label: string }[] = [
  { value: 'do_minimum', label: 'Do minimum' },
  { value: 'merger', label: 'Merger' },
  { value: 'acquisition', label: 'Acquisition' },
  { value: 'split', label: 'Split between neighbours' },
  { value: 'ico', label: 'Integrated care organisation' },
  { value: 'federation', label: 'Federation / group model' },
  { value: 'dissolution', label: 'Dissolution' },
];

/** Mirrors `appraise::model::OrgKind`. */
export type OrgKind = 'acute_trust' | 'foundation_trust' | 'community' | 'mental_health' | 'social_care' | 'commissioner';

export const ORG_KINDS: { value: OrgKind; label: string }[] = [
  { value: 'acute_trust', label: 'Acute trust' },
  { value: 'foundation_trust', label: 'Foundation trust' },
  { value: 'community', label: 'Community services' },
  { value: 'mental_health', label: 'Mental health' },
  { value: 'social_care', label: 'Local authority social care' },
  { value: 'commissioner', label: 'Commissioner' },
];

/** Mirrors `appraise::model::CqcRating`. */
export type CqcRating = 'outstanding' | 'good' | 'requires_improvement' | 'inadequate';

export const CQC_RATINGS: { value: CqcRating; label: string }[] = [
  { value: 'outstanding', label: 'Outstanding' },
  { value: 'good', label: 'Good' },
  { value: 'requires_improvement', label: 'Requires improvement' },
  { value: 'inadequate', label: 'Inadequate' },
];

/** Mirrors `appraise::model::FinancialYear::LINES`, with the labels boards read (GBP thousands). */
export const BASELINE_LINES = [
  { key: 'operating_income', label: 'Operating income' },
  { key: 'pay', label: 'Pay' },
  { key: 'non_pay', label: 'Non-pay' },
  { key: 'depreciation', label: 'Depreciation' },
  { key: 'pdc_dividend', label: 'PDC dividend' },
  { key: 'interest_payable', label: 'Interest payable' },
  { key: 'interest_receivable', label: 'Interest receivable' },
  { key: 'loan_principal_repaid', label: 'Loan principal repaid' },
  { key: 'capital_expenditure', label: 'Capital expenditure' },
  { key: 'cash', label: 'Cash' },
  { key: 'current_assets', label: 'Current assets' },
  { key: 'current_liabilities', label: 'Current liabilities' },
  { key: 'working_capital_facility', label: 'Working capital facility' },
  { key: 'planned_surplus', label: 'Planned surplus' },
  { key: 'agency_spend', label: 'Agency spend' },
  { key: 'agency_cap', label: 'Agency cap' },
] as const;

export type BaselineLine = (typeof BASELINE_LINES)[number]['key'];

/** Mirrors `appraise::model::FinancialYear`. */
export type FinancialYear = { year: number } & Record<BaselineLine, number>;

/** Mirrors `appraise::session::Assumption`; the model holds fractions, the window shows percent. */
export type Assumption = 'income_growth' | 'pay_inflation' | 'non_pay_inflation' | 'cip';

export const ASSUMPTIONS: { value: Assumption; label: string }[] = [
  { value: 'income_growth', label: 'Income growth' },
  { value: 'pay_inflation', label: 'Pay inflation' },
  { value: 'non_pay_inflation', label: 'Non-pay inflation' },
  { value: 'cip', label: 'Cost improvement (CIP)' },
];

/** Mirrors `appraise::model::Organisation`. */
export interface Organisation {
  code: string;
  name: string;
  kind: OrgKind;
  cqc_rating: CqcRating | null;
  baseline: FinancialYear[];
  projection: Record<Assumption, number>;
}

/** Mirrors `appraise::model::OptimismBiasCategory`, with its Green Book upper bound. */
export type OptimismBiasCategory =
  | 'standard_buildings'
  | 'non_standard_buildings'
  | 'standard_civil_engineering'
  | 'non_standard_civil_engineering'
  | 'equipment_and_development'
  | 'outsourcing';

export const OPTIMISM_BIAS_CATEGORIES: { value: OptimismBiasCategory; label: string }[] = [
  { value: 'standard_buildings', label: 'Standard buildings' },
  { value: 'non_standard_buildings', label: 'Non-standard buildings' },
  { value: 'standard_civil_engineering', label: 'Standard civil engineering' },
  { value: 'non_standard_civil_engineering', label: 'Non-standard civil engineering' },
  { value: 'equipment_and_development', label: 'Equipment and development' },
  { value: 'outsourcing', label: 'Outsourcing' },
];

/** Mirrors `appraise::model::OptionFinance`: the deal's own effects (GBP thousands, fractions). */
export interface OptionAssumptions {
  synergies: { category: string; recurrent_saving: number; phasing: number[] }[];
  one_off_costs: { category: string; year: number; amount: number }[];
  capital: { description: string; category: OptimismBiasCategory; year: number; amount: number; optimism_bias: number }[];
  transitional_funding: { year: number; amount: number }[];
  income_transfers: { from_organisation: string; to_organisation: string; from_year: number; amount: number; cost: number }[];
}

/** Mirrors `appraise::session::FinanceList`. */
export type FinanceList = keyof OptionAssumptions;

/** Mirrors `appraise::session::FinanceField`. */
export type FinanceField =
  | 'category'
  | 'description'
  | 'recurrent_saving'
  | 'phasing'
  | 'year'
  | 'from_year'
  | 'amount'
  | 'cost'
  | 'optimism_bias_category'
  | 'optimism_bias'
  | 'from_organisation'
  | 'to_organisation';

/** Mirrors `appraise::model::AppraisalOption` (the fields the screens use). */
export interface AppraisalOption {
  code: string;
  name: string;
  kind: OptionKind;
  description: string;
  members: string[];
  site_services: { site: string; service: string }[];
  site_transfers: { site: string; to_organisation: string; income_share: number; cost_share: number }[];
  finance: OptionAssumptions;
}

/** Mirrors `appraise::model::Source`. */
export type CriterionSource =
  | { type: 'panel' }
  | { type: 'assessment' }
  | { type: 'derived'; metric: string };

/** Mirrors `appraise::model::Direction`. */
export type Direction = 'higher_is_better' | 'lower_is_better';

/** Mirrors `appraise::model::ValueFunction`. */
export type ValueFunction =
  | { type: 'linear'; worst: number; best: number }
  | { type: 'piecewise'; points: { raw: number; value: number }[] }
  | { type: 'categorical'; categories: { label: string; value: number }[] };

/** Mirrors `appraise::session::FunctionKind`. */
export type FunctionKind = ValueFunction['type'];

/** Mirrors `appraise::model::Criterion` (the fields the screens use). */
export interface Criterion {
  code: string;
  name: string;
  description: string;
  parent: string | null;
  weight: number;
  kind:
    | { type: 'group' }
    | {
        type: 'leaf';
        source: CriterionSource;
        direction: Direction;
        unit: string;
        hurdle: { pass_value: number } | null;
        value_function: ValueFunction;
      };
}

/** Mirrors `appraise::model::Aggregation`. */
export type Aggregation = 'mean' | 'median';

/** Mirrors `appraise::model::Weighting`. */
export interface Weighting {
  parent: string | null;
  method:
    | { type: 'direct' }
    | { type: 'swing'; ratings: { criterion: string; value: number }[] }
    | { type: 'ahp'; order: string[]; matrix: number[][] };
}

/** Mirrors `appraise::session::Method`. */
export type WeightingMethod = 'direct' | 'swing' | 'ahp';

export interface Scorer {
  code: string;
  name: string;
  role: string;
}

export interface Score {
  option: string;
  criterion: string;
  scorer: string;
  value: number;
  rationale: string;
  evidence: string;
}

/** Mirrors `appraise::model::Performance`: one option's recorded value on an assessed criterion. */
export interface Performance {
  option: string;
  criterion: string;
  value: { number: number } | { category: string };
  evidence: string;
  manual: boolean;
}

/** Mirrors `appraise::model::DiscountBand`: a rate (a fraction) for years `from_year` to `to_year`. */
export interface DiscountBand {
  from_year: number;
  to_year: number | null;
  rate: number;
}

/** Mirrors `appraise::model::SensitivitySettings`: how robustness is tested, stored with the appraisal. */
export interface SensitivitySettings {
  tornado_share: number;
  samples: number;
  seed: number;
  confidence_samples: number;
  scores: ScoreModel;
  weights:
    | { type: 'uniform' }
    | { type: 'around_base'; share: number }
    | { type: 'bounds'; bounds: { criterion: string; min: number; max: number }[] }
    | { type: 'ranking'; ranking: string[] };
}

/** Mirrors `appraise::model::MetricBands`: boundaries from the best rating to the worst. */
export interface MetricBands {
  better: 'higher' | 'lower';
  cuts: { value: number; inclusive: boolean }[];
  weight: number;
}

/** Mirrors `appraise::model::Rounding`. */
export type Rounding = 'up' | 'down' | 'nearest';

/** Mirrors `appraise::model::OverrideRule`. */
export interface OverrideRule {
  metric_rating: number;
  overall_no_better_than: number;
  note: string;
}

/** Mirrors `appraise::model::FinanceRules`: the regulators' financial risk rating rules. */
export interface FinanceRules {
  cosrr: { capital_service_cover: MetricBands; liquidity: MetricBands; rounding: Rounding; overrides: OverrideRule[] };
  sof: {
    capital_service_capacity: MetricBands;
    liquidity: MetricBands;
    margin: MetricBands;
    distance_from_plan: MetricBands;
    agency: MetricBands;
    rounding: Rounding;
    overrides: OverrideRule[];
  };
}

/** Mirrors `appraise::session::Framework`. */
export type RatingFramework = keyof FinanceRules;

/** Mirrors `appraise::session::RatingMetric`. */
export type RatingMetric =
  | 'capital_service_cover'
  | 'capital_service_capacity'
  | 'liquidity'
  | 'margin'
  | 'distance_from_plan'
  | 'agency';

/** Mirrors `appraise::session::OverridePart`. */
export type OverridePart = 'metric_rating' | 'overall_no_better_than';

export type ScoreModel = 'fixed' | 'normal' | 'triangular';
export type WeightInformation = 'uniform' | 'around_base' | 'bounds' | 'ranking';

/** Mirrors `appraise::session::MetaText`. */
export type MetaText = 'title' | 'health_economy' | 'author' | 'description';

/** Mirrors `appraise::session::ModelView`: the model without the travel matrix and zones. */
export interface Model {
  meta: {
    title: string;
    health_economy: string;
    author: string;
    description: string;
    status: Status;
    illustrative: boolean;
    base_year: number;
    horizon_years: number;
    discount: { bands: DiscountBand[] };
  };
  settings: {
    travel_increase_minutes: number;
    sensitivity: SensitivitySettings;
    finance: FinanceRules;
    panel_scale: { min: number; max: number; descriptors: { score: number; text: string }[] };
    aggregation: Aggregation;
    disagreement_range: number;
  };
  organisations: Organisation[];
  sites: {
    code: string;
    name: string;
    organisation: string;
    latitude: number | null;
    longitude: number | null;
    services: string[];
  }[];
  services: { code: string; name: string; thresholds: { mode: 'car' | 'public_transport'; minutes: number }[] }[];
  options: AppraisalOption[];
  criteria: Criterion[];
  weightings: Weighting[];
  scorers: Scorer[];
  scores: Score[];
  performances: Performance[];
  weight_sets: { code: string; name: string; description: string; weights: { criterion: string; value: number }[] }[];
  zone_count: number;
  travel_matrix_values: number;
}

/** Mirrors `appraise::session::Edit` (serde tag `type`). Numbers travel as the typed text. */
export type Edit =
  | { type: 'set_meta_text'; field: MetaText; value: string }
  | { type: 'set_status'; status: Status }
  | { type: 'set_illustrative'; value: boolean }
  | { type: 'set_base_year'; value: string }
  | { type: 'set_horizon'; value: string }
  | { type: 'set_discount_rate'; band: number; value: string }
  | { type: 'set_discount_end'; band: number; value: string }
  | { type: 'reset_discount' }
  | { type: 'set_travel_increase'; value: string }
  | { type: 'set_tornado_share'; value: string }
  | { type: 'set_smaa_samples'; value: string }
  | { type: 'set_confidence_samples'; value: string }
  | { type: 'set_seed'; value: string }
  | { type: 'set_score_model'; model: ScoreModel }
  | { type: 'set_weight_information'; kind: WeightInformation }
  | { type: 'set_around_share'; value: string }
  | { type: 'set_weight_bound'; criterion: string; end: 'min' | 'max'; value: string }
  | { type: 'set_rank'; criterion: string; value: string }
  | { type: 'set_rating_cut'; framework: RatingFramework; metric: RatingMetric; cut: number; value: string }
  | { type: 'set_rating_cut_inclusive'; framework: RatingFramework; metric: RatingMetric; cut: number; inclusive: boolean }
  | { type: 'set_rating_weight'; framework: RatingFramework; metric: RatingMetric; value: string }
  | { type: 'set_rating_rounding'; framework: RatingFramework; rounding: Rounding }
  | { type: 'add_rating_override'; framework: RatingFramework; metric_rating: string; overall_no_better_than: string; note: string }
  | { type: 'set_rating_override'; framework: RatingFramework; index: number; part: OverridePart; value: string }
  | { type: 'set_rating_override_note'; framework: RatingFramework; index: number; note: string }
  | { type: 'remove_rating_override'; framework: RatingFramework; index: number }
  | { type: 'reset_rating_rules'; framework: RatingFramework }
  | { type: 'set_title'; value: string }
  | { type: 'add_zone'; code: string; name: string; population: string; imd_decile: string }
  | { type: 'rename_zone'; code: string; name: string }
  | { type: 'set_zone_coordinate'; zone: string; coordinate: 'latitude' | 'longitude'; value: string }
  | { type: 'set_zone_population'; zone: string; value: string }
  | { type: 'set_zone_decile'; zone: string; value: string }
  | { type: 'remove_zone'; code: string }
  | { type: 'set_weight'; criterion: string; value: string }
  | { type: 'set_score'; option: string; criterion: string; scorer: string; value: string }
  | { type: 'set_rationale'; option: string; criterion: string; scorer: string; rationale: string }
  | { type: 'add_option'; code: string; name: string; kind: OptionKind }
  | { type: 'rename_option'; code: string; name: string }
  | { type: 'set_option_kind'; code: string; kind: OptionKind }
  | { type: 'set_option_description'; code: string; description: string }
  | { type: 'add_site_transfer'; option: string; site: string; to_organisation: string; income_share: string; cost_share: string }
  | { type: 'set_site_transfer_to'; option: string; site: string; to_organisation: string }
  | { type: 'set_site_transfer_share'; option: string; site: string; share: 'income' | 'cost'; value: string }
  | { type: 'remove_site_transfer'; option: string; site: string }
  | { type: 'remove_option'; code: string }
  | { type: 'add_organisation'; code: string; name: string; kind: OrgKind }
  | { type: 'rename_organisation'; code: string; name: string }
  | { type: 'set_organisation_kind'; code: string; kind: OrgKind }
  | { type: 'set_cqc_rating'; code: string; rating: CqcRating | null }
  | { type: 'remove_organisation'; code: string }
  | { type: 'add_baseline_year'; organisation: string }
  | { type: 'remove_baseline_year'; organisation: string; year: number }
  | { type: 'set_baseline_line'; organisation: string; year: number; line: BaselineLine; value: string }
  | { type: 'set_projection'; organisation: string; assumption: Assumption; value: string }
  | { type: 'add_finance_item'; option: string; list: FinanceList }
  | { type: 'remove_finance_item'; option: string; list: FinanceList; index: number }
  | { type: 'set_finance_field'; option: string; list: FinanceList; index: number; field: FinanceField; value: string }
  | { type: 'add_criterion'; code: string; name: string; parent: string | null; group: boolean; weight: string }
  | { type: 'remove_criterion'; code: string }
  | { type: 'add_scorer'; code: string; name: string; role: string }
  | { type: 'rename_scorer'; code: string; name: string }
  | { type: 'set_scorer_role'; code: string; role: string }
  | { type: 'remove_scorer'; code: string }
  | { type: 'set_assessment'; option: string; criterion: string; value: string }
  | { type: 'set_evidence'; option: string; criterion: string; evidence: string }
  | { type: 'set_member'; option: string; organisation: string; member: boolean }
  | { type: 'set_site_service'; option: string; site: string; service: string; offered: boolean }
  | { type: 'add_weight_set'; code: string; name: string }
  | { type: 'remove_weight_set'; code: string }
  | { type: 'set_set_weight'; set: string; criterion: string; value: string }
  | { type: 'set_weighting'; parent: string | null; method: WeightingMethod }
  | { type: 'set_weight_percent'; criterion: string; value: string; locked: string[] }
  | { type: 'spread_weights'; parent: string | null; locked: string[] }
  | { type: 'set_swing'; parent: string | null; criterion: string; value: string }
  | { type: 'set_judgement'; parent: string | null; row: string; column: string; value: string }
  | { type: 'add_service'; code: string; name: string }
  | { type: 'rename_service'; code: string; name: string }
  | { type: 'set_threshold'; service: string; mode: 'car' | 'public_transport'; value: string }
  | { type: 'remove_service'; code: string }
  | { type: 'add_site'; code: string; name: string; organisation: string }
  | { type: 'rename_site'; code: string; name: string }
  | { type: 'set_site_coordinate'; site: string; coordinate: 'latitude' | 'longitude'; value: string }
  | { type: 'set_site_organisation'; site: string; organisation: string }
  | { type: 'set_site_offers'; site: string; service: string; offered: boolean }
  | { type: 'remove_site'; code: string }
  | { type: 'rename_criterion'; code: string; name: string }
  | { type: 'set_criterion_description'; code: string; description: string }
  | { type: 'move_criterion'; code: string; parent: string | null }
  | { type: 'set_source'; criterion: string; source: CriterionSource }
  | { type: 'set_direction'; criterion: string; direction: Direction }
  | { type: 'set_unit'; criterion: string; unit: string }
  | { type: 'set_value_function_kind'; criterion: string; kind: FunctionKind }
  | { type: 'set_linear_end'; criterion: string; end: 'worst' | 'best'; value: string }
  | { type: 'set_point'; criterion: string; index: number; part: 'raw' | 'value'; value: string }
  | { type: 'add_point'; criterion: string; raw: string; value: string }
  | { type: 'remove_point'; criterion: string; index: number }
  | { type: 'set_category_value'; criterion: string; label: string; value: string }
  | { type: 'add_category'; criterion: string; label: string; value: string }
  | { type: 'rename_category'; criterion: string; label: string; new: string }
  | { type: 'remove_category'; criterion: string; label: string }
  | { type: 'set_hurdle'; criterion: string; value: string }
  | { type: 'set_scale_bound'; bound: 'min' | 'max'; value: string }
  | { type: 'set_scale_descriptor'; score: string; text: string }
  | { type: 'set_aggregation'; aggregation: Aggregation }
  | { type: 'set_disagreement_range'; value: string };

/** Mirrors `appraise::validate::Problem`. */
export interface Problem {
  severity: 'error' | 'warning';
  /** Where: `criteria/QUA/weight`, `scores/OPT/CRIT/SCORER/value`, ... */
  path: string;
  message: string;
}

/** Mirrors `appraise::score::OptionResult` (the fields the screens use). */
export interface OptionResult {
  code: string;
  name: string;
  total: number;
  rank: number;
  preferred: boolean;
  hurdles: { passes: boolean; failed: { criterion: string; name: string; value: number; pass_value: number }[] };
  groups: { code: string; contribution: number; value: number }[];
  leaves: { criterion: string; name: string; value: number; global_weight: number; contribution: number }[];
  value_for_money: { benefit: number; cost: number | null; dominated: boolean; dominated_by: string[] };
}

/** Mirrors `appraise::score::Results` (the fields the screens use). */
export interface ScoreResults {
  options: OptionResult[];
  /** Criteria groups, and each top-level leaf as a group of its own (`leaf`). */
  groups: { code: string; name: string; parent: string | null; top_level: boolean; leaf: boolean; global_weight: number }[];
  preferred: string | null;
  /** Why the ranks are provisional and nothing is preferred (weights that do not sum to 100%). */
  provisional: string | null;
  /** Per swing or AHP weighting: the implied weights, AHP's consistency ratio. */
  weightings: {
    parent: string | null;
    method: string;
    matches: boolean;
    ahp: { weights: number[]; lambda_max: number; ci: number; cr: number } | null;
    consistent: boolean;
  }[];
  warnings: string[];
}

/** Mirrors `appraise::finance::OptionFinance` (the fields the screens use). */
export interface OptionFinance {
  code: string;
  name: string;
  economic: { npv: number; npv_vs_do_minimum: number | null; financial_npv_vs_do_minimum: number | null };
  years: {
    year: number;
    surplus: number;
    underlying_surplus: number;
    margin_percent: number;
    cosrr: { overall: number; override_fired: string | null };
    sof: { overall: number; override_fired: string | null };
  }[];
  break_even_year: number | null;
  years_in_deficit: number;
  worst_sof_score: number;
  worst_cosrr: number;
  lowest_liquidity_days: number;
  final_year_margin_percent: number;
}

export interface FinanceResults {
  base_year: number;
  years: number[];
  do_minimum: string | null;
  cosrr_scale: string;
  sof_scale: string;
  options: OptionFinance[];
  warnings: string[];
}

/** Mirrors `appraise::travel::Measures` (the fields the screen uses). */
export interface TravelMeasures {
  quintile: number | null;
  population: number;
  mean: number | null;
  median: number | null;
  p90: number | null;
  share_within: number | null;
  mean_change: number | null;
  people_worse: number | null;
  estimated_share: number | null;
}

/** Mirrors `appraise::travel::TravelResults` (the fields the screen uses). */
export interface TravelResults {
  baseline: string | null;
  increase_minutes: number;
  zones: number;
  population: number;
  matrix_values: number;
  services: {
    service: string;
    name: string;
    mode: 'car' | 'public_transport';
    threshold_minutes: number | null;
    options: { option: string; name: string; sites: number; all: TravelMeasures; quintiles: TravelMeasures[] }[];
  }[];
  any_service: {
    mode: 'car' | 'public_transport';
    options: { option: string; people_worse: number; quintiles: number[] }[];
  }[];
  warnings: string[];
}

/** Mirrors `appraise::session::Chart`: SVG text, or why it was not drawn. */
export interface Chart {
  svg: string | null;
  reason: string | null;
}

/** Mirrors `appraise::session::SessionResults`. */
export interface SessionResults {
  score: ScoreResults | null;
  score_error: string | null;
  finance: FinanceResults | null;
  finance_error: string | null;
  travel: TravelResults | null;
  travel_error: string | null;
  problems: Problem[];
  charts: {
    totals_by_group: Chart;
    contributions: Chart;
    value_for_money: Chart;
    margin_by_year: Chart;
    liquidity_by_year: Chart;
  };
}

/** An estimate with its standard error (SMAA). */
export interface Estimate {
  value: number;
  se: number;
}

/** Mirrors `appraise::session::Analysis`: the report's fields and its charts. */
export interface SensitivityReport {
  charts: { tornado: Chart; one_way: Chart; acceptability: Chart };
  preferred: string | null;
  options: { code: string; name: string; total: number; passes: boolean }[];
  one_way: {
    criterion: string;
    name: string;
    parent: string | null;
    leaf: boolean;
    weight: number;
    leader: string | null;
    switch_points: { weight: number; from: string; to: string }[];
    nearest: { weight: number; points: number; share_of_weight: number | null; to: string } | null;
  }[];
  tornado: {
    preferred: string | null;
    base_lead: number | null;
    share: number;
    items: {
      kind: 'weight' | 'score';
      criterion: string;
      option: string | null;
      low: number;
      high: number;
      lead_low: number;
      lead_high: number;
      swing: number;
    }[];
    note: string | null;
  };
  weight_sets: {
    base: { code: string; name: string; options: { code: string; total: number; rank: number }[]; preferred: string | null };
    sets: { code: string; name: string; options: { code: string; total: number; rank: number }[]; preferred: string | null }[];
  };
  smaa: SmaaResults;
  /** SMAA again with no weight information, when the stored settings say something of the weights. */
  no_weight_information: SmaaResults | null;
}

/** Mirrors `appraise::sensitivity::SmaaResults` (the fields the screen reads). */
export interface SmaaResults {
  samples: number;
  seed: number;
  /** How the weights were drawn, in words (the run's assumption). */
  weights: string;
  /** How the scores were drawn, in words. */
  scores: string;
  acceptance_rate: number;
  options: {
    code: string;
    name: string;
    passes: boolean;
    acceptability: Estimate[];
    holistic: Estimate;
    confidence: Estimate | null;
  }[];
}

/** Mirrors the shell's `Exported`. */
export interface Exported {
  path: string;
  fingerprint: string;
  bytes: number;
}

/** The error every command rejects with (the shell's `ShellError`). */
export interface ApiError {
  /** open | edit | save | export | internal | ipc */
  kind: string;
  message: string;
  /** For `edit`: the refused field's validation path, e.g. `criteria/QUA/weight`. */
  field?: string | null;
  /** For `edit`: the reason without the field's name, for beside the field. */
  short?: string | null;
}

function isApiError(value: unknown): value is ApiError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ApiError).kind === 'string' &&
    typeof (value as ApiError).message === 'string'
  );
}

/** Normalises whatever a failed invoke threw (ShellError, a string from Tauri, an Error). */
export function toApiError(error: unknown): ApiError {
  if (isApiError(error)) return error;
  if (typeof error === 'string') return { kind: 'ipc', message: error };
  if (error instanceof Error) return { kind: 'ipc', message: error.message };
  return { kind: 'ipc', message: String(error) };
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    throw toApiError(error);
  }
}

/** The open appraisal's overview for the first screen. */
export function summary(): Promise<Summary> {
  return call<Summary>('summary');
}

export const documentState = () => call<DocumentState>('document_state');
export const model = () => call<Model>('model');
export const results = () => call<SessionResults>('results');
/** Switch points, tornado, weight sets and SMAA under the stored settings: the pack's figures. */
export const sensitivity = () => call<SensitivityReport>('sensitivity');
/** Mirrors `appraise::sensitivity::DrawsView`: SMAA's draws made of draws planned in the running analysis. */
export const sensitivityProgress = () =>
  call<{ done: number; total: number; running: boolean }>('sensitivity_progress');

/** Mirrors `appraise::session::TravelCharts`. */
export interface TravelCharts {
  access: Chart;
  quintiles: Chart;
  worse: Chart;
}

/** Mirrors `appraise::model::Zone`. */
export interface Zone {
  code: string;
  name: string;
  latitude: number | null;
  longitude: number | null;
  population: number;
  imd_decile: number;
}

/** Mirrors `appraise::session::ZonePage`: one page of the zones matching a search. */
export interface ZonePage {
  zones: Zone[];
  matching: number;
  total: number;
  offset: number;
}

/** Up to `limit` zones whose code or name contains `search`, from `offset`. */
export const zones = (search: string, offset: number, limit: number) =>
  call<ZonePage>('zones', { search, offset, limit });

/** One service's travel charts by one mode, drawn on demand. */
export const travelCharts = (service: string, mode: string) =>
  call<TravelCharts>('travel_charts', { service, mode });
export const applyEdit = (edit: Edit) => call<DocumentState>('apply_edit', { edit });
export const undo = () => call<DocumentState>('undo');
export const redo = () => call<DocumentState>('redo');
export const newAppraisal = () => call<DocumentState>('new_appraisal');
export const openFile = (path: string) => call<DocumentState>('open_file', { path });
export const save = () => call<DocumentState>('save');
export const saveAs = (path: string) => call<DocumentState>('save_as', { path });
export const recentFiles = () => call<string[]>('recent_files');
/** The open file's autosave path when it holds newer unsaved work. */
export const recovery = () => call<string | null>('recovery');
export const recover = () => call<DocumentState>('recover');
export const discardRecovery = () => call<void>('discard_recovery');
export const exportPack = (path: string, status: Status) =>
  call<Exported>('export_pack', { path, status });
export const openPack = () => call<void>('open_pack');
/** Closes the window; `discard` also throws away the unsaved work's autosave. */
export const quit = (discard: boolean) => call<void>('quit', { discard });

/** Shows the system's file dialog; resolves to the chosen path, or null if cancelled. */
export const pickPath = (
  pick: 'open' | 'save_appraisal' | 'save_pack' | 'csv' | 'spreadsheet' | 'save_workbook',
) =>
  call<string | null>('pick_path', { pick });

/** Mirrors the shell's `MatrixImported`. */
export interface MatrixImported {
  rows: number;
  zones: number;
  sites: number;
  values: number;
}

/** Reads a travel matrix CSV into the open appraisal (an unsaved change). */
export const importMatrix = (path: string) => call<MatrixImported>('import_matrix', { path });
/** Bytes of the CSV the running import has read, of how many. */
export const importProgress = () =>
  call<{ read: number; total: number; running: boolean }>('import_progress');
export const cancelImport = () => call<void>('cancel_import');

/** Mirrors `appraise::sheets::Problem`: where in the file a problem is, and why. */
export interface SheetProblem {
  sheet: string;
  /** 1-based; 0 when the problem is with the whole sheet. */
  row: number;
  /** Empty when the problem is with a row or the sheet. */
  column: string;
  reason: string;
}

/** Mirrors `appraise::session::ImportPreview`. */
export interface ImportPreview {
  source: string;
  problems: SheetProblem[];
  rows: { sheet: string; rows: number }[];
  ignored: string[];
}

/** The kinds of data a CSV file can hold (one sheet of the template each). */
export const CSV_KINDS = [
  'organisations',
  'baselines',
  'services',
  'sites',
  'zones',
  'options',
  'optionsites',
  'scorers',
  'scores',
] as const;

/** Checks a workbook (`kind` null) or a CSV file of `kind` against the open appraisal. */
export const previewSpreadsheet = (path: string, kind: string | null) =>
  call<ImportPreview>('preview_spreadsheet', { path, kind });
/** Commits the import previewed last as one undoable edit. */
export const importSpreadsheet = () => call<DocumentState>('import_spreadsheet');
export const writeTemplate = (path: string) => call<void>('write_template', { path });
/** Writes the results workbook; resolves to notes on anything left out. */
export const exportResults = (path: string) => call<string[]>('export_results', { path });

/** Runs `handler` when the window is asked to close with unsaved changes. */
export function onCloseRequested(handler: () => void): Promise<() => void> {
  return listen('close-requested', handler);
}

/** Puts the file name and unsaved state in the window's title bar. */
export function setWindowTitle(title: string): Promise<void> {
  return getCurrentWindow().setTitle(title);
}
