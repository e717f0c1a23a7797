// Generated from the Rust types by ts-rs (UPDATE_TYPES=1 cargo test -p appraise --lib generated_types). Do not edit.

export type Aggregation = "mean" | "median";

/**
 * Weights and consistency of one comparison matrix.
 */
export type Ahp = { 
/**
 * The principal right eigenvector, normalised to sum 1.
 */
weights: Array<number>, 
/**
 * Principal eigenvalue; equals n for a perfectly consistent matrix.
 */
lambda_max: number, 
/**
 * Consistency index (lambda_max - n) / (n - 1); 0 for n <= 2.
 */
ci: number, 
/**
 * Consistency ratio CI / RI; 0 for n <= 2.
 */
cr: number, };

/**
 * AHP's method as the engine applies it.
 */
export type AhpMethod = { priorities: string, consistency: string, 
/**
 * The random index RI for n = 1, 2, ... 10 criteria (AHP refuses more than 10).
 */
random_index: Array<number>, random_index_source: string, 
/**
 * The consistency ratio above which judgements are flagged.
 */
threshold: number, };

export type AnyServiceOption = { option: string, 
/**
 * Population whose journey to at least one service grows by more than the setting.
 */
people_worse: number, 
/**
 * The same, by quintile 1 (most deprived) to 5.
 */
quintiles: Array<number>, 
/**
 * Population among `people_worse` for whom an estimate was involved.
 */
estimated_population: number, };

export type AnyServiceTravel = { mode: TravelMode, options: Array<AnyServiceOption>, };

/**
 * One option on the short list: a future shape of the health economy.
 */
export type AppraisalOption = { code: string, name: string, kind: OptionKind, description: string, 
/**
 * Organisations whose finances make up the option's combined projection.
 */
members: Array<string>, 
/**
 * Which site offers which service under the option.
 */
site_services: Array<SiteService>, 
/**
 * Sites that move to another organisation, with the shares of their parent's income and
 * cost that move with them (a split).
 */
site_transfers: Array<SiteTransfer>, finance: OptionAssumptions, };

/**
 * One of the rates that project an organisation's baseline beyond the years entered.
 */
export type Assumption = "income_growth" | "pay_inflation" | "non_pay_inflation" | "cip";

export type BaseOption = { code: string, name: string, total: number, passes: boolean, };

/**
 * Which way a metric improves.
 */
export type Better = "higher" | "lower";

/**
 * Which end of the panel scale an edit sets.
 */
export type Bound = "min" | "max";

/**
 * Which end of a weight bound an edit sets.
 */
export type BoundEnd = "min" | "max";

/**
 * How far a build has got: the step and the file it reads, and the bytes read of all the
 * files given.
 */
export type BuildView = { 
/**
 * 1-based; 0 before the first step.
 */
step: number, of: number, 
/**
 * The step in words, with the file's name.
 */
doing: string, 
/**
 * Bytes read of `total`: the CSV files are counted as they are read; a workbook counts
 * whole once its step is over.
 */
read: number, total: number, running: boolean, };

export type CapitalInvestment = { description: string, category: OptimismBiasCategory, year: number, amount: number, 
/**
 * Optimism bias uplift applied (fraction); the Green Book upper bound for the category
 * until risks are mitigated.
 */
optimism_bias: number, };

export type Category = { label: string, value: number, };

/**
 * Which cell: codes and the names the window shows.
 */
export type CellRef = { option: string, option_name: string, criterion: string, criterion_name: string, scorer: string, scorer_name: string, };

/**
 * A score and its rationale.
 */
export type CellValue = { value: number, rationale: string, };

/**
 * One saved change in plain English.
 */
export type ChangeLine = { at: string, who: string, 
/**
 * What changed, named as the screens do ("Quality: weight").
 */
what: string, 
/**
 * The value before, or "(none)" when the item was added.
 */
before: string, 
/**
 * The value after, or "(removed)".
 */
after: string, };

/**
 * What an edit answers with: the document's state and the view after it, in the one call that
 * made the change.
 */
export type Changed = { state: DocumentState, view: View, };

/**
 * A chart's SVG, or why it was not drawn.
 */
export type Chart = { svg: string | null, reason: string | null, };

/**
 * A chart the window shows, by name.
 */
export type ChartRequest = { "chart": "totals_by_group" } | { "chart": "contributions" } | { "chart": "value_for_money" } | { "chart": "margin_by_year" } | { "chart": "liquidity_by_year" } | { "chart": "one_way" } | { "chart": "tornado" } | { "chart": "acceptability" } | { "chart": "access", service: string, mode: TravelMode, } | { "chart": "quintiles", service: string, mode: TravelMode, } | { "chart": "worse", mode: TravelMode, } | { "chart": "map", service: string, mode: TravelMode, option: string, };

/**
 * An option's combined lines for one year.
 */
export type CombinedLines = { 
/**
 * Members' income after site transfers, plus income transferred in from non-members.
 */
operating_income: number, 
/**
 * Net income transferred in from non-members (included in `operating_income`).
 */
income_transferred: number, transitional_funding: number, pay: number, non_pay: number, 
/**
 * Recurrent savings achieved this year (reduce cost).
 */
synergies: number, one_off_costs: number, 
/**
 * Cost of delivering the services paid for by income transferred in.
 */
transfer_costs: number, ebitda: number, depreciation: number, pdc_dividend: number, interest_payable: number, interest_receivable: number, loan_principal_repaid: number, 
/**
 * Members' baseline capital programme.
 */
capital_expenditure: number, 
/**
 * The option's own capital investment before optimism bias...
 */
option_capital: number, 
/**
 * ...and the bias on it.
 */
optimism_bias: number, cash: number, current_assets: number, current_liabilities: number, working_capital_facility: number, planned_surplus: number, agency_spend: number, agency_cap: number, };

/**
 * A cell the merge cannot settle by itself.
 */
export type Conflict = { cell: CellRef, 
/**
 * What the appraisal holds now.
 */
appraisal: CellValue | null, 
/**
 * The workbooks' values, in the order the workbooks were given.
 */
offers: Array<Offer>, 
/**
 * Why it is a conflict, in words.
 */
reason: string, };

/**
 * Which of a site's coordinates an edit sets.
 */
export type Coordinate = "latitude" | "longitude";

export type CosrrRating = { scale: string, capital_service_cover: number, liquidity: number, mean: number, overall: number, 
/**
 * The note of the override rule that changed the overall, if any.
 */
override_fired: string | null, };

/**
 * Monitor's Continuity of Service Risk Rating (2013): 4 = least risk.
 */
export type CosrrRules = { capital_service_cover: MetricBands, liquidity: MetricBands, rounding: Rounding, overrides: Array<OverrideRule>, };

export type Counts = { organisations: number, sites: number, services: number, zones: number, options: number, criteria: number, scorers: number, scores: number, };

/**
 * CQC overall rating, best first.
 */
export type CqcRating = "outstanding" | "good" | "requires_improvement" | "inadequate";

/**
 * A node of the criteria tree: a group or a leaf criterion, with its local weight.
 *
 * The tree is stored flat; `parent` links a node to its group (none at the top level).
 */
export type Criterion = { code: string, name: string, description: string, parent: string | null, 
/**
 * Weight relative to its siblings; siblings' weights sum to 1.
 */
weight: number, kind: CriterionKind, };

export type CriterionKind = { "type": "group" } | { "type": "leaf" } & LeafSpec;

/**
 * One leaf criterion's value function and scale.
 */
export type CriterionMethod = { criterion: string, name: string, direction: Direction, 
/**
 * "linear", "piecewise linear" or "categorical".
 */
kind: string, 
/**
 * The function in words: "straight line from -10 % (0) to 2 % (100), flat beyond".
 */
function: string, scale: Scale, };

/**
 * One step of the access curve: `share` % of the whole population lives within `minutes`.
 */
export type CurvePoint = { minutes: number, share: number, };

/**
 * A boundary between two adjacent ratings: a value that reaches `value` gets the better one.
 * `inclusive`: a value exactly on the boundary reaches it.
 */
export type Cut = { value: number, inclusive: boolean, };

/**
 * One metric and how it is computed.
 */
export type Definition = { metric: string, formula: string, };

export type Direction = "higher_is_better" | "lower_is_better";

export type Disagreement = { option: string, criterion: string, range: number, min: number, max: number, };

/**
 * Rate applied to years `from_year..=to_year` (open-ended when `to_year` is absent).
 */
export type DiscountBand = { from_year: number, to_year: number | null, rate: number, };

/**
 * Discount rates by band of years, e.g. the Green Book's declining schedule.
 */
export type DiscountSchedule = { bands: Array<DiscountBand>, };

/**
 * Spread of the scores in one option x criterion cell, on the panel scale.
 *
 * `sd` is the sample standard deviation (divisor n - 1) when n > 1, because the panel is a
 * sample of the judgements that could have been made; it is 0 for a single score.
 */
export type Dispersion = { n: number, min: number, max: number, range: number, mean: number, median: number, sd: number, };

/**
 * What the title bar and the Undo/Redo buttons need to know.
 */
export type DocumentState = { path: string | null, 
/**
 * The file's name, or none for an appraisal never saved.
 */
file_name: string | null, title: string, dirty: boolean, undo: string | null, redo: string | null, 
/**
 * Counts every change to the model, so the window can tell stale results apart.
 */
revision: number, 
/**
 * What the user should be told about the file as it opened (an interrupted save undone,
 * objects another program added), until it is next saved.
 */
notices: Array<string>, };

/**
 * How a seed becomes SMAA's draws. Both draw from the same distributions; each gives its
 * own figures for a seed, the same on every machine.
 */
export type DrawStream = "sequential" | "blocks";

/**
 * A moment's view of [`DrawProgress`], for the window.
 */
export type DrawsView = { done: number, total: number, running: boolean, };

/**
 * The Green Book view: the option's own net cash flows, discounted, against do minimum.
 *
 * Baselines cancel against do minimum (every organisation's baseline is the same in both
 * worlds), so the flows are the option's adjustments: synergies less one-off costs and capital
 * with optimism bias. Transitional funding and income transfers are transfers between public
 * bodies, not economic costs or benefits, so they are left out here and counted in
 * `financial_npv_vs_do_minimum` (Green Book, 2022, A6.1 on transfer payments).
 */
export type EconomicView = { 
/**
 * Net cash flow by year, base year first.
 */
net_cash_flows: Array<number>, discount_factors: Array<number>, 
/**
 * Present value of the option's own net cash flows.
 */
npv: number, 
/**
 * `npv` less do minimum's; None without a do-minimum option.
 */
npv_vs_do_minimum: number | null, 
/**
 * The part of `npv_vs_do_minimum` that is optimism bias (negative when the option carries
 * more bias than do minimum); the NPV before bias is the difference.
 */
optimism_bias_npv_vs_do_minimum: number | null, 
/**
 * The affordability view: with transitional funding and income transfers.
 */
financial_npv_vs_do_minimum: number | null, };

/**
 * One change to the appraisal.
 */
export type Edit = { "type": "set_title", value: string, } | { "type": "set_meta_text", field: MetaText, value: string, } | { "type": "set_status", status: Status, } | { "type": "set_illustrative", value: boolean, } | { "type": "set_base_year", value: string, } | { "type": "set_horizon", value: string, } | { "type": "set_discount_rate", band: number, value: string, } | { "type": "set_discount_end", band: number, value: string, } | { "type": "reset_discount" } | { "type": "set_travel_increase", value: string, } | { "type": "set_road_setting", setting: RoadSetting, value: string, } | { "type": "set_transit_setting", setting: TransitSetting, value: string, } | { "type": "set_tornado_share", value: string, } | { "type": "set_smaa_samples", value: string, } | { "type": "set_confidence_samples", value: string, } | { "type": "set_seed", value: string, } | { "type": "set_score_model", model: ScoreModel, } | { "type": "set_weight_draw", draw: WeightDraw, } | { "type": "set_draw_stream", stream: DrawStream, } | { "type": "set_weight_information", kind: WeightInformation, group: string | null, } | { "type": "set_around_share", value: string, group: string | null, } | { "type": "set_weight_bound", criterion: string, end: BoundEnd, value: string, group: string | null, } | { "type": "set_rank", criterion: string, value: string, group: string | null, } | { "type": "set_rating_cut", framework: Framework, metric: RatingMetric, cut: number, value: string, } | { "type": "set_rating_cut_inclusive", framework: Framework, metric: RatingMetric, cut: number, inclusive: boolean, } | { "type": "set_rating_weight", framework: Framework, metric: RatingMetric, value: string, } | { "type": "set_rating_rounding", framework: Framework, rounding: Rounding, } | { "type": "add_rating_override", framework: Framework, metric_rating: string, overall_no_better_than: string, note: string, } | { "type": "set_rating_override", framework: Framework, index: number, part: OverridePart, value: string, } | { "type": "set_rating_override_note", framework: Framework, index: number, note: string, } | { "type": "remove_rating_override", framework: Framework, index: number, } | { "type": "reset_rating_rules", framework: Framework, } | { "type": "add_zone", code: string, name: string, population: string, imd_decile: string, } | { "type": "rename_zone", code: string, name: string, } | { "type": "set_zone_coordinate", zone: string, coordinate: Coordinate, value: string, } | { "type": "set_zone_population", zone: string, value: string, } | { "type": "set_zone_decile", zone: string, value: string, } | { "type": "remove_zone", code: string, } | { "type": "set_weight", criterion: string, value: string, } | { "type": "set_score", option: string, criterion: string, scorer: string, value: string, } | { "type": "set_rationale", option: string, criterion: string, scorer: string, rationale: string, } | { "type": "add_option", code: string, name: string, kind: OptionKind, } | { "type": "rename_option", code: string, name: string, } | { "type": "set_option_kind", code: string, kind: OptionKind, } | { "type": "set_option_description", code: string, description: string, } | { "type": "add_site_transfer", option: string, site: string, to_organisation: string, income_share: string, cost_share: string, } | { "type": "set_site_transfer_to", option: string, site: string, to_organisation: string, } | { "type": "set_site_transfer_share", option: string, site: string, share: TransferShare, value: string, } | { "type": "remove_site_transfer", option: string, site: string, } | { "type": "remove_option", code: string, } | { "type": "add_organisation", code: string, name: string, kind: OrgKind, } | { "type": "rename_organisation", code: string, name: string, } | { "type": "set_organisation_kind", code: string, kind: OrgKind, } | { "type": "set_cqc_rating", code: string, rating: CqcRating | null, } | { "type": "remove_organisation", code: string, } | { "type": "add_baseline_year", organisation: string, } | { "type": "remove_baseline_year", organisation: string, year: number, } | { "type": "set_baseline_line", organisation: string, year: number, line: string, value: string, } | { "type": "set_projection", organisation: string, assumption: Assumption, value: string, } | { "type": "add_finance_item", option: string, list: FinanceList, } | { "type": "remove_finance_item", option: string, list: FinanceList, index: number, } | { "type": "set_finance_field", option: string, list: FinanceList, index: number, field: FinanceField, value: string, } | { "type": "add_criterion", code: string, name: string, parent: string | null, group: boolean, weight: string, } | { "type": "remove_criterion", code: string, } | { "type": "add_scorer", code: string, name: string, role: string, } | { "type": "rename_scorer", code: string, name: string, } | { "type": "set_scorer_role", code: string, role: string, } | { "type": "remove_scorer", code: string, } | { "type": "set_weighting", parent: string | null, method: Method, } | { "type": "set_weight_percent", criterion: string, value: string, locked: Array<string>, } | { "type": "spread_weights", parent: string | null, locked: Array<string>, } | { "type": "set_swing", parent: string | null, criterion: string, value: string, } | { "type": "set_assessment", option: string, criterion: string, value: string, } | { "type": "set_evidence", option: string, criterion: string, evidence: string, } | { "type": "set_member", option: string, organisation: string, member: boolean, } | { "type": "set_site_service", option: string, site: string, service: string, offered: boolean, } | { "type": "add_weight_set", code: string, name: string, } | { "type": "remove_weight_set", code: string, } | { "type": "set_set_weight", set: string, criterion: string, value: string, } | { "type": "set_judgement", parent: string | null, row: string, column: string, value: string, } | { "type": "add_service", code: string, name: string, } | { "type": "rename_service", code: string, name: string, } | { "type": "set_threshold", service: string, mode: TravelMode, value: string, } | { "type": "remove_service", code: string, } | { "type": "add_site", code: string, name: string, organisation: string, } | { "type": "rename_site", code: string, name: string, } | { "type": "set_site_coordinate", site: string, coordinate: Coordinate, value: string, } | { "type": "set_site_organisation", site: string, organisation: string, } | { "type": "set_site_offers", site: string, service: string, offered: boolean, } | { "type": "remove_site", code: string, } | { "type": "rename_criterion", code: string, name: string, } | { "type": "set_criterion_description", code: string, description: string, } | { "type": "move_criterion", code: string, parent: string | null, } | { "type": "set_source", criterion: string, source: Source, } | { "type": "set_direction", criterion: string, direction: Direction, } | { "type": "set_unit", criterion: string, unit: string, } | { "type": "set_value_function_kind", criterion: string, kind: FunctionKind, } | { "type": "set_linear_end", criterion: string, end: End, value: string, } | { "type": "set_point", criterion: string, index: number, part: PointPart, value: string, } | { "type": "add_point", criterion: string, raw: string, value: string, } | { "type": "remove_point", criterion: string, index: number, } | { "type": "set_category_value", criterion: string, label: string, value: string, } | { "type": "add_category", criterion: string, label: string, value: string, } | { "type": "rename_category", criterion: string, label: string, new: string, } | { "type": "remove_category", criterion: string, label: string, } | { "type": "set_hurdle", criterion: string, value: string, } | { "type": "set_scale_bound", bound: Bound, value: string, } | { "type": "set_scale_descriptor", score: string, text: string, } | { "type": "set_aggregation", aggregation: Aggregation, } | { "type": "set_disagreement_range", value: string, };

/**
 * Which end of a linear value function an edit sets.
 */
export type End = "worst" | "best";

/**
 * A Monte Carlo estimate with its standard error.
 */
export type Estimate = { value: number, se: number, };

/**
 * What the pack export wrote.
 */
export type Exported = { path: string, fingerprint: string, bytes: number, };

/**
 * A hurdle an option failed.
 */
export type FailedHurdle = { criterion: string, name: string, value: number, pass_value: number, };

/**
 * A file and the column in it a value was read from.
 */
export type FileColumn = { file: string, column: string, };

/**
 * A field of a row; which fields a row has depends on its list.
 */
export type FinanceField = "category" | "description" | "recurrent_saving" | "phasing" | "year" | "from_year" | "amount" | "cost" | "optimism_bias_category" | "optimism_bias" | "from_organisation" | "to_organisation";

/**
 * One of an option's lists of financial assumptions.
 */
export type FinanceList = "synergies" | "one_off_costs" | "capital" | "transitional_funding" | "income_transfers";

export type FinanceResults = { base_year: number, 
/**
 * The appraisal's years, base year first.
 */
years: Array<number>, 
/**
 * The option every NPV is measured against (the first marked do minimum).
 */
do_minimum: string | null, cosrr_scale: string, sof_scale: string, options: Array<OptionFinance>, 
/**
 * Entries that were ignored, e.g. costs dated outside the appraisal's years.
 */
warnings: Array<string>, 
/**
 * How each metric is computed ([`super::definitions::DEFINITIONS`]).
 */
definitions: Array<Definition>, 
/**
 * The discount rates applied, band by band.
 */
discounting: string, };

/**
 * Both frameworks' rules, read by the finance engine.
 */
export type FinanceRules = { cosrr: CosrrRules, sof: SofRules, };

/**
 * One financial year of an organisation's plan, in GBP thousands.
 *
 * Holds exactly the lines the regulators' risk metrics need (I&E margin, liquidity days,
 * capital service cover, distance from plan, agency spend against cap).
 */
export type FinancialYear = { 
/**
 * Financial year named by its first calendar year (2013 = 2013/14).
 */
year: number, operating_income: number, pay: number, non_pay: number, depreciation: number, pdc_dividend: number, interest_payable: number, interest_receivable: number, loan_principal_repaid: number, capital_expenditure: number, cash: number, current_assets: number, current_liabilities: number, working_capital_facility: number, 
/**
 * The surplus the organisation planned for the year, for "distance from plan".
 */
planned_surplus: number, agency_spend: number, agency_cap: number, };

/**
 * The two rating frameworks.
 */
export type Framework = "cosrr" | "sof";

/**
 * The kinds of value function the window offers.
 */
export type FunctionKind = "linear" | "piecewise" | "categorical";

/**
 * One term and what it means.
 */
export type GlossaryTerm = { 
/**
 * As the screens and the pack write it ("CoSRR").
 */
term: string, 
/**
 * Written out, when the term is an abbreviation.
 */
stands_for: string, meaning: string, };

/**
 * A criteria group, or a leaf at the top level, which stands as a group of its own.
 */
export type GroupInfo = { code: string, name: string, parent: string | null, top_level: boolean, 
/**
 * A top-level leaf rather than a group.
 */
leaf: boolean, global_weight: number, };

/**
 * An option's standing within one group.
 */
export type GroupScore = { code: string, 
/**
 * The group's share of the total: sum of its leaves' contributions.
 */
contribution: number, 
/**
 * The option's 0-100 value on the group alone (weights within the group), so a group
 * with no weight, such as pass/fail tests, still shows how the option did.
 */
value: number, };

/**
 * What is known about one group's children's local weights, level by level.
 */
export type GroupWeights = { 
/**
 * The group's code.
 */
group: string, 
/**
 * Over its children's local weights: bounds and rankings name children.
 */
weights: WeightModel, };

/**
 * The lowest 0-100 value that passes.
 */
export type Hurdle = { pass_value: number, };

/**
 * Whether an option passes every hurdle, and which it failed.
 */
export type HurdleStatus = { passes: boolean, failed: Array<FailedHurdle>, };

export type ImpliedWeight = { criterion: string, implied: number, stored: number, };

/**
 * What the window shows before an import is committed: every problem (and then nothing can
 * be imported), or the rows each sheet would add or change.
 */
export type ImportPreview = { 
/**
 * The file's name, for the heading.
 */
source: string, problems: Array<SheetProblem>, 
/**
 * Empty when there are problems.
 */
rows: Array<SheetRows>, 
/**
 * Sheets that are not Appraise's and would be left alone.
 */
ignored: Array<string>, };

/**
 * Recurrent income that moves from one organisation to another from a given year, with the
 * recurrent cost of delivering the services it pays for.
 */
export type IncomeTransfer = { from_organisation: string, to_organisation: string, from_year: number, amount: number, 
/**
 * Cost that moves with the income (GBP thousands a year); zero in files written before it
 * existed, which moved income without the cost of delivering the services.
 */
cost: number, };

/**
 * One option on one leaf criterion.
 */
export type LeafResult = { criterion: string, name: string, 
/**
 * The recorded performance, or the panel's aggregate score on the panel scale.
 */
raw: RawValue, 
/**
 * Number of panel scores behind `raw`; none for assessed and derived leaves.
 */
scores: number | null, 
/**
 * 0-100 through the leaf's value function.
 */
value: number, global_weight: number, 
/**
 * global weight x value: this leaf's points in the total.
 */
contribution: number, 
/**
 * A derived metric entered by hand, not computed by its engine: reports say so.
 */
manual: boolean, 
/**
 * The panel's aggregate and spread, for panel-scored leaves: the rows of the dispersion
 * table (see [`Results::panel_table`]).
 */
panel: PanelStats | null, };

export type LeafSpec = { source: Source, direction: Direction, unit: string, value_function: ValueFunction, 
/**
 * A pass/fail test: an option that fails it is scored and shown but never preferred.
 */
hurdle: Hurdle | null, };

/**
 * One level of a level-by-level draw.
 */
export type LevelDrawn = { 
/**
 * The group's code; none for the top level.
 */
group: string | null, 
/**
 * The group's name ("Top level" for the top level).
 */
name: string, 
/**
 * Its children carrying weight, whose local weights this level draws.
 */
criteria: number, 
/**
 * How, in words: "fixed at the appraisal's weights" or the model's description.
 */
weights: string, };

export type Line = { option: string, 
/**
 * The total at weight 0.
 */
intercept: number, slope: number, 
/**
 * False for an option failing a hurdle: its line is drawn but it never leads.
 */
passes: boolean, };

/**
 * A site that offers the service under do minimum and not under the option.
 */
export type LostSite = { site: string, name: string, 
/**
 * People whose nearest site for the service under do minimum is this one.
 */
people: number, 
/**
 * Their population-weighted mean extra minutes to the nearest site under the option, and
 * the least and most of any of their zones; None when none of them has a time under the
 * option.
 */
mean_extra: number | null, least_extra: number | null, most_extra: number | null, 
/**
 * Of `people`, those no site offering the service reaches under the option.
 */
unreached: number, };

/**
 * What a travel matrix import read.
 */
export type MatrixImported = { rows: number, zones: number, sites: number, values: number, };

/**
 * Population-weighted measures over a set of zones. Times are minutes to the nearest site
 * offering the service; percentiles follow [`super::metrics::weighted_percentile`].
 */
export type Measures = { 
/**
 * None for everyone, 1-5 for an IMD quintile.
 */
quintile: number | null, zones: number, population: number, 
/**
 * Population of zones with no time to any site offering the service (no matrix value and
 * no coordinates, or no site offers it); left out of the time measures.
 */
unreached_population: number, mean: number | null, median: number | null, p90: number | null, 
/**
 * Population with a time within the threshold, and its share (%) of `population`.
 */
population_within: number | null, share_within: number | null, 
/**
 * Zones (and their population) not within the threshold, unreached ones included.
 */
zones_outside: number | null, population_outside: number | null, 
/**
 * Population-weighted mean of (time - do-minimum time), over zones with both.
 */
mean_change: number | null, 
/**
 * Population whose journey grows by more than the increase setting against do minimum.
 */
people_worse: number | null, 
/**
 * Population whose time under this option is an estimate, not an imported value, and
 * its share (%) of `population`.
 */
estimated_population: number, estimated_share: number | null, 
/**
 * Population whose change against do minimum used an estimate on either side.
 */
change_estimated_population: number | null, };

/**
 * A cell the merge adds or changes without a conflict.
 */
export type MergeChange = { cell: CellRef, 
/**
 * What the appraisal holds now; none for a new score.
 */
before: CellValue | null, after: CellValue, 
/**
 * The workbook it comes from (the first, when several agree).
 */
file: string, };

/**
 * What merging the workbooks would do; nothing is applied until every conflict is settled.
 */
export type MergePreview = { files: Array<string>, 
/**
 * When not empty, nothing can be merged.
 */
problems: Array<WorkbookProblem>, 
/**
 * Cells the workbooks leave as the appraisal holds them.
 */
unchanged: number, new: Array<MergeChange>, 
/**
 * Cells changed where the appraisal still holds what the workbook was exported with.
 */
updated: Array<MergeChange>, conflicts: Array<Conflict>, };

export type Meta = { title: string, health_economy: string, author: string, status: Status, 
/**
 * Financial year the appraisal starts from, named by its first calendar year (2013 = 2013/14).
 */
base_year: number, horizon_years: number, discount: DiscountSchedule, 
/**
 * Marks demo or training appraisals so no output is mistaken for a real recommendation.
 */
illustrative: boolean, description: string, };

/**
 * The appraisal's lines of free text.
 */
export type MetaText = "title" | "health_economy" | "author" | "description";

/**
 * The elicitation methods the window offers.
 */
export type Method = "direct" | "swing" | "ahp";

/**
 * One metric's rating bands and its weight in the overall rating.
 */
export type MetricBands = { better: Better, 
/**
 * Boundaries from the best rating down: `cuts[0]` separates the best from the second best.
 * A value that reaches no boundary gets the worst rating.
 */
cuts: Array<Cut>, weight: number, };

/**
 * A derived metric's code and what it measures in words.
 */
export type MetricName = { metric: string, name: string, };

export type MissingScore = { option: string, criterion: string, scorer: string, };

export type ModelView = { meta: Meta, settings: Settings, organisations: Array<Organisation>, sites: Array<Site>, services: Array<Service>, zone_count: number, options: Array<AppraisalOption>, criteria: Array<Criterion>, weightings: Array<Weighting>, weight_sets: Array<WeightSet>, scorers: Array<Scorer>, scores: Array<Score>, performances: Array<Performance>, 
/**
 * Cells of the imported travel matrix that hold a time.
 */
travel_matrix_values: number, 
/**
 * How road times are made, always given (the settings leave them out while they are the
 * defaults).
 */
roads: RoadSettings, 
/**
 * How public transport times are made, always given (as `roads`).
 */
transit: TransitSettings, 
/**
 * What the matrix's road times were computed from (none for an imported matrix): the
 * Travel screen shows it beside the times, as the pack does.
 */
travel_bases: Array<RoadBasis>, 
/**
 * What the matrix's public transport times were computed from (feeds, date, window,
 * settings); None when they were imported or there are none.
 */
travel_transit: TransitBasis | null, 
/**
 * What each derived metric the criteria source measures, in words: the screens show these,
 * not the metric's code.
 */
metric_names: Array<MetricName>, };

/**
 * How far the weight must move to change the preferred option.
 */
export type Nearest = { weight: number, 
/**
 * `|switch - current|` in percentage points of local weight.
 */
points: number, 
/**
 * `|switch - current| / current`; none when the current weight is 0.
 */
share_of_weight: number | null, 
/**
 * The option that leads beyond the switch point.
 */
to: string, };

export type NoCarOption = { option: string, 
/**
 * Households without a car whose public-transport journey to at least one service grows by
 * more than the increase setting against do minimum; None for do minimum itself or when
 * there is no do minimum.
 */
worse: number | null, 
/**
 * Of `worse`, those in IMD quintiles 1 and 2.
 */
worse_most_deprived: number | null, 
/**
 * Households without a car within the public-transport threshold of a service under do
 * minimum and outside it (or unreached) under this option, for at least one service; None
 * for do minimum itself, without a do minimum, or when no service has such a threshold.
 */
newly_outside: number | null, 
/**
 * Households among `worse` or `newly_outside` whose time, or do minimum's, is an estimate.
 */
estimated: number, };

/**
 * The area's households without a car and what each option does to their journeys.
 */
export type NoCarTravel = { 
/**
 * Zones recording households without a car, of `zones` in all.
 */
zones_recorded: number, zones: number, 
/**
 * Households and households without a car over the zones recording both.
 */
households: number, without_car: number, 
/**
 * Services with a public-transport threshold: those `newly_outside` counts against.
 */
thresholded_services: Array<string>, 
/**
 * One per option, in the appraisal's order.
 */
options: Array<NoCarOption>, };

/**
 * How the totals move as one node's local weight goes from 0 to 1, its siblings' local weights
 * scaled by `(1 - w) / (1 - w0)` (shared equally when `w0 = 1`).
 */
export type NodeSensitivity = { criterion: string, name: string, 
/**
 * The group it is weighted within; none at the top level.
 */
parent: string | null, leaf: boolean, 
/**
 * The current local weight (0-1).
 */
weight: number, 
/**
 * Each option's total as a line in the local weight, `total = intercept + slope * w`.
 */
lines: Array<Line>, 
/**
 * The option leading (highest total among those passing every hurdle) at the current
 * weight; none if tied or none passes.
 */
leader: string | null, 
/**
 * Every weight in 0-1 where the leading option changes, in increasing order.
 */
switch_points: Array<SwitchPoint>, 
/**
 * The switch point closest to the current weight; none means no switch in 0-100%.
 */
nearest: Nearest | null, };

/**
 * One workbook's value for a conflicting cell.
 */
export type Offer = { file: string, value: CellValue, 
/**
 * What the workbook was exported with.
 */
exported: CellValue | null, };

export type OneOffCost = { category: string, year: number, amount: number, };

/**
 * Green Book optimism bias project categories.
 */
export type OptimismBiasCategory = "standard_buildings" | "non_standard_buildings" | "standard_civil_engineering" | "non_standard_civil_engineering" | "equipment_and_development" | "outsourcing";

/**
 * The deal's own financial effects on top of the members' baselines, in GBP thousands.
 */
export type OptionAssumptions = { synergies: Array<Synergy>, one_off_costs: Array<OneOffCost>, capital: Array<CapitalInvestment>, transitional_funding: Array<YearAmount>, income_transfers: Array<IncomeTransfer>, };

export type OptionFinance = { code: string, name: string, years: Array<YearResult>, 
/**
 * Each member after the option's site transfers, before the option's own adjustments:
 * the successor organisations' baselines.
 */
organisations: Array<OrganisationYears>, economic: EconomicView, 
/**
 * First year the surplus is >= 0 and stays so to the end of the appraisal.
 */
break_even_year: number | null, 
/**
 * The same without transitional funding.
 */
underlying_break_even_year: number | null, years_in_deficit: number, 
/**
 * Highest (worst) SOF finance score in any year (1 = best).
 */
worst_sof_score: number, 
/**
 * Lowest (worst) CoSRR in any year (4 = least risk).
 */
worst_cosrr: number, lowest_liquidity_days: number, final_year_margin_percent: number, };

export type OptionKind = "do_minimum" | "merger" | "acquisition" | "split" | "ico" | "federation" | "dissolution";

export type OptionReliability = { option: string, 
/**
 * Population-weighted mean share (%) of departure minutes with no journey within the
 * threshold to any site offering the service; None when the option offers it nowhere,
 * a site offering it has no computed journeys, or no zone has.
 */
share: number | null, 
/**
 * The same weighted by households without a car, over the zones recording them; None
 * also when no such zone has computed journeys.
 */
no_car_share: number | null, 
/**
 * Population of zones without computed journeys (no position when the times were
 * computed, or added since), left out of the shares.
 */
uncounted_population: number, 
/**
 * Sites offering the service with no computed journeys (no position then, or added
 * since): while there is one no share is given.
 */
uncomputed_sites: Array<string>, };

/**
 * One option's result.
 */
export type OptionResult = { code: string, name: string, 
/**
 * Sum over leaves of global weight x value: 0-100 when sibling weights sum to 1.
 */
total: number, 
/**
 * Competition ranking by total ("1224"): tied totals share the better rank and the next
 * rank is skipped. Totals within 1e-9 count as tied.
 */
rank: number, hurdles: HurdleStatus, preferred: boolean, 
/**
 * One entry per group, in the order of [`Results::groups`].
 */
groups: Array<GroupScore>, leaves: Array<LeafResult>, value_for_money: ValueForMoney, };

export type OptionSummary = { code: string, name: string, kind: string, description: string, 
/**
 * Names of the member organisations.
 */
members: Array<string>, };

export type OptionTravel = { option: string, name: string, 
/**
 * Number of sites offering the service under the option (0: no journey can be measured).
 */
sites: number, all: Measures, 
/**
 * Quintiles 1 (most deprived) to 5; their counts and populations add up to `all`.
 */
quintiles: Array<Measures>, 
/**
 * Zones outside the threshold under this option that are within it under do minimum.
 */
newly_outside: Array<string>, 
/**
 * Cumulative share of the population against minutes, in increasing time (see
 * [`super::metrics::CURVE_STEP_PERCENT`]); what the access chart draws.
 */
curve: Array<CurvePoint>, 
/**
 * Population by time band ([`super::bands::BAND_LIMITS`]: 0-15, 15-30, 30-45, 45-60, over
 * 60 minutes); unreached zones are in `all.unreached_population`, not here.
 */
bands: Array<number>, 
/**
 * The sites offering the service under do minimum and not under this option, with the
 * extra minutes their patients travel to the next nearest; empty for do minimum.
 */
lost_sites: Array<LostSite>, };

export type OrgKind = "acute_trust" | "foundation_trust" | "community" | "mental_health" | "social_care" | "commissioner";

/**
 * An NHS or local-government body that takes part in one or more options.
 */
export type Organisation = { 
/**
 * ODS code (or the local authority's code for a council).
 */
code: string, name: string, kind: OrgKind, cqc_rating: CqcRating | null, 
/**
 * Baseline plan by financial year, in GBP thousands.
 */
baseline: Array<FinancialYear>, 
/**
 * Used to generate later years from the base year when they are not entered.
 */
projection: ProjectionAssumptions, };

export type OrganisationSummary = { code: string, name: string, kind: string, cqc_rating: string | null, 
/**
 * Operating income in the first baseline year, GBP thousands.
 */
operating_income: number | null, };

export type OrganisationYears = { code: string, years: Array<FinancialYear>, };

/**
 * Which of an override rule's two ratings an edit sets.
 */
export type OverridePart = "metric_rating" | "overall_no_better_than";

/**
 * "A rating of `metric_rating` on any metric makes the overall no better than
 * `overall_no_better_than`."
 */
export type OverrideRule = { metric_rating: number, overall_no_better_than: number, 
/**
 * Where the rule comes from and how well it is sourced, shown when it fires.
 */
note: string, };

/**
 * The scale panel members score on, with a written descriptor for each anchor level.
 */
export type PanelScale = { min: number, max: number, descriptors: Array<ScaleDescriptor>, };

/**
 * The panel's figures for one option x criterion cell.
 */
export type PanelStats = { 
/**
 * The aggregate (mean or median) on the panel scale.
 */
aggregate: number, dispersion: Dispersion, 
/**
 * The range exceeds the appraisal's disagreement range.
 */
disagreement: boolean, };

/**
 * Peak time = off-peak time x the factor of the road's class (a slip road takes its road's):
 * busier, higher classes slow most. Defaults in the range DfT's road congestion statistics show
 * between free-flow and weekday-morning speeds on English roads.
 */
export type PeakFactors = { motorway: number, trunk: number, primary: number, secondary: number, tertiary: number, 
/**
 * Unclassified and residential roads.
 */
minor: number, 
/**
 * Service roads and living streets.
 */
access: number, };

/**
 * A single recorded performance of an option on an assessed or derived criterion.
 */
export type Performance = { option: string, criterion: string, value: RawValue, evidence: string, 
/**
 * A derived metric typed in by hand rather than computed by its engine.
 */
manual: boolean, };

export type Point = { raw: number, value: number, };

/**
 * Which half of a piecewise point an edit sets: the raw performance or its 0-100 value.
 */
export type PointPart = "raw" | "value";

/**
 * One problem, located by a path to the field (`criteria/Q1/weight`).
 */
export type Problem = { severity: Severity, path: string, message: string, };

/**
 * A moment's view of [`ImportProgress`], for the window.
 */
export type ProgressView = { read: number, total: number, running: boolean, };

export type ProjectionAssumptions = { income_growth: number, pay_inflation: number, non_pay_inflation: number, 
/**
 * Cost improvement programme: recurrent efficiency as a share of cost each year.
 */
cip: number, };

/**
 * The files the analyst chose, by path.
 */
export type PublicSiteFiles = { 
/**
 * NHS ODS `ets.csv`.
 */
ods: string, 
/**
 * NHS ODS `etr.csv`, to match trusts by name and warn of closed ones.
 */
trusts: string | null, 
/**
 * The ONS postcode directory (NSPL or ONSPD).
 */
postcodes: string, };

/**
 * The official files the analyst chose, by path.
 */
export type PublicZoneFiles = { 
/**
 * ONS LSOA 2021 population-weighted centroids.
 */
centroids: string, 
/**
 * Census TS001, or the ONS mid-year estimates workbook.
 */
population: string, 
/**
 * IoD2025 File 7 or File 1, or IoD2019 (with `lookup`).
 */
deprivation: string, 
/**
 * Census TS045, for households without a car.
 */
cars: string | null, 
/**
 * ONS LSOA 2011 to 2021 lookup, for IoD2019.
 */
lookup: string | null, 
/**
 * The ONS postcode directory, for an ICB as the area.
 */
postcodes: string | null, };

/**
 * Whether taking away any one option that is not preferred changes which option is preferred.
 */
export type RankReversal = { 
/**
 * Criteria whose scale follows the options' range: the only way the totals of the rest
 * could move when an option goes. None in this model (see [`Scale`]).
 */
range_following: Array<string>, removals: Array<Removal>, 
/**
 * Some removal changes the preferred option.
 */
changes: boolean, };

/**
 * A metric of one of the frameworks; the CoSRR has capital service cover and liquidity, the
 * SOF capital service capacity, liquidity, margin, distance from plan and agency spend.
 */
export type RatingMetric = "capital_service_cover" | "capital_service_capacity" | "liquidity" | "margin" | "distance_from_plan" | "agency";

export type RawValue = { "number": number } | { "category": string };

/**
 * The first-ranked option with each other option taken away in turn.
 */
export type Removal = { removed: string, 
/**
 * The preferred option among the rest; none when none is (a tie, or all fail a hurdle).
 */
first: string | null, };

/**
 * A part of the results the window may already hold.
 */
export type ResultPart = "finance" | "travel";

/**
 * The scored appraisal.
 */
export type Results = { 
/**
 * Options in the appraisal's order (see `rank` for the ranking).
 */
options: Array<OptionResult>, 
/**
 * Every group of the criteria tree, in the tree's order; `top_level` ones are the table's
 * columns.
 */
groups: Array<GroupInfo>, 
/**
 * Highest total among options passing every hurdle; none if all fail, the top is tied or
 * the weights do not sum (see `provisional`).
 */
preferred: string | null, 
/**
 * Why the ranks are provisional and no option is preferred: a group's weights do not sum
 * to 100% ("weights do not sum to 100%: the top-level groups sum to 70%"), so the totals
 * are not the weighting anyone agreed. None when the ranking stands.
 */
provisional: string | null, aggregation: Aggregation, 
/**
 * Cells whose scores span more than the appraisal's disagreement range.
 */
disagreements: Array<Disagreement>, 
/**
 * Scores not given; left out of the aggregate rather than counted as zero.
 */
missing_scores: Array<MissingScore>, 
/**
 * For each swing or AHP weighting, the weights its method implies against those stored.
 */
weightings: Array<WeightingCheck>, 
/**
 * Things a reader should know (inconsistent AHP, weights not summing to 1, tied top).
 */
warnings: Array<string>, 
/**
 * The method's choices as applied: AHP, each criterion's value function and scale, and
 * whether removing an option changes the preferred one.
 */
method: ScoringMethod, };

/**
 * The basis of some of a matrix's road times (`appraise roads` or the window's Roads).
 */
export type RoadBasis = { 
/**
 * The extract's file name, e.g. `england-latest.osm.pbf`.
 */
extract: string, 
/**
 * The extract's replication timestamp (its PBF header's
 * `osmosis_replication_timestamp`, RFC 3339 UTC): how current its roads are. None when
 * the header does not state it.
 */
extract_timestamp: string | null, 
/**
 * SHA-256 of the extract, hex: which file exactly.
 */
sha256: string, 
/**
 * When the times were computed, RFC 3339 UTC.
 */
computed_at: string, 
/**
 * The matrix modes whose times this basis describes, in [`TravelMode::ALL`] order.
 */
modes: Array<TravelMode>, 
/**
 * The settings the times were computed with.
 */
settings: RoadSettings, };

/**
 * One road setting, as the window edits it.
 */
export type RoadSetting = "join_speed_kmh" | "max_join_m" | "blue_light_share" | "junction_allowance" | "parking_seconds" | "peak_motorway" | "peak_trunk" | "peak_primary" | "peak_secondary" | "peak_tertiary" | "peak_minor" | "peak_access";

/**
 * How road travel times are made from an OpenStreetMap extract: the joining leg and the
 * published drive-time convention. Car time = drive x (1 + junction allowance) + parking
 * allowance (Sport England: +15%, +160 s); blue light = share x off-peak drive x (1 + junction
 * allowance), no parking (NW London: 67%).
 */
export type RoadSettings = { 
/**
 * Speed of the straight leg joining a zone centroid or site to its nearest road node.
 */
join_speed_kmh: number, 
/**
 * A zone or site farther than this many metres from any road is an error.
 */
max_join_m: number, 
/**
 * Blue-light time as a share of the off-peak car drive.
 */
blue_light_share: number, 
/**
 * Drive time grows by this share for junctions.
 */
junction_allowance: number, 
/**
 * Seconds added to car times for parking.
 */
parking_seconds: number, 
/**
 * Peak time = off-peak time x the road class's factor.
 */
peak_factors: PeakFactors, };

/**
 * What the window shows once the times are in place.
 */
export type RoadTimesDone = { 
/**
 * The extract's file name.
 */
extract: string, 
/**
 * SHA-256 of the extract, hex.
 */
sha256: string, zones: number, sites: number, 
/**
 * The road modes computed ("off-peak car", "peak car", "blue light").
 */
modes: Array<string>, 
/**
 * Zone x site x mode cells given a road time.
 */
cells: number, 
/**
 * Nodes and directed segments of the road network used (its largest strongly connected
 * part).
 */
network_nodes: number, network_edges: number, 
/**
 * Main roads kept for the maps' faint background (motorway to tertiary, near the places).
 */
map_roads: number, 
/**
 * Zones and sites with no position, so no road time (the estimate fills them).
 */
unplaced: Array<string>, 
/**
 * Wall-clock seconds: reading, searching and hashing the extract.
 */
seconds: number, 
/**
 * False when the matrix already held exactly these times: nothing changed.
 */
changed: boolean, };

/**
 * The analysis under the stored settings, and SMAA with no weight information when that
 * differs from it.
 */
export type Robustness = { 
/**
 * SMAA again with weights uniform on the simplex at every level the draw has, its
 * assumption in its `weights` text; none when the stored settings already draw them so.
 */
no_weight_information: SmaaResults | null, 
/**
 * The base scoring's preferred option.
 */
preferred: string | null, options: Array<BaseOption>, 
/**
 * One-way weight sensitivity of every weighted group and leaf, in the tree's order.
 */
one_way: Array<NodeSensitivity>, tornado: Tornado, weight_sets: WeightSets, smaa: SmaaResults, };

/**
 * How the weighted mean of metric ratings becomes a whole overall rating.
 */
export type Rounding = "up" | "down" | "nearest";

/**
 * How a criterion's 0-100 scale is anchored.
 */
export type Scale = "fixed";

export type ScaleDescriptor = { score: number, text: string, };

/**
 * One scorer's score for one option on one panel-scored criterion.
 */
export type Score = { option: string, criterion: string, scorer: string, value: number, rationale: string, evidence: string, };

/**
 * How uncertain the panel's scores are.
 */
export type ScoreModel = "fixed" | "normal" | "triangular";

/**
 * A member of the scoring panel.
 */
export type Scorer = { code: string, name: string, role: string, };

/**
 * The scoring method's choices as applied.
 */
export type ScoringMethod = { ahp: AhpMethod, 
/**
 * Each leaf criterion, in the tree's order.
 */
criteria: Array<CriterionMethod>, rank_reversal: RankReversal, };

/**
 * The sensitivity analysis's settings: the tornado's weight share and SMAA-2's draws.
 */
export type SensitivitySettings = { 
/**
 * The tornado moves each weight by this share of itself (0.5 = +/-50%).
 */
tornado_share: number, 
/**
 * SMAA draws of weights (and scores).
 */
samples: number, 
/**
 * Seed of the draws: the same seed and appraisal give the same results.
 */
seed: number, 
/**
 * How SMAA draws weight vectors: flat over the weighted leaves, or level by level down
 * the criteria tree.
 */
draw: WeightDraw, 
/**
 * What is known about the weights: the weighted leaves' global weights under the flat
 * draw, the top-level criteria's local weights level by level.
 */
weights: WeightModel, 
/**
 * Level by level: the groups whose children's local weights are drawn, each with what is
 * known about them; every other group keeps its children's local weights. Unused by the
 * flat draw.
 */
groups: Array<GroupWeights>, 
/**
 * How uncertain the panel's scores are.
 */
scores: ScoreModel, 
/**
 * Score draws per confidence factor; 10,000 gives a standard error of at most 0.5%.
 */
confidence_samples: number, 
/**
 * How the seed becomes draws. Left out of the text while sequential, as every file had it
 * before it was a choice, so those files' text (and fingerprint) is unchanged.
 */
stream?: DrawStream, };

/**
 * A clinical service whose location matters to patients (A&E, maternity, ...).
 */
export type Service = { code: string, name: string, 
/**
 * Acceptable travel time by mode; the share of people within it is reported.
 */
thresholds: Array<Threshold>, };

export type ServiceReliability = { service: string, name: string, threshold_minutes: number, 
/**
 * Why there are no shares: the threshold is not one the times were computed with (it
 * changed since); None when the shares are given.
 */
not_computed: string | null, 
/**
 * One per option, in the appraisal's order; empty when `not_computed`.
 */
options: Array<OptionReliability>, };

export type ServiceTravel = { service: string, name: string, mode: TravelMode, 
/**
 * The service's threshold for the mode; None when it has none (no within/outside figures).
 */
threshold_minutes: number | null, 
/**
 * One per option, in the appraisal's order.
 */
options: Array<OptionTravel>, };

/**
 * The results of the document as it stands; an engine that cannot run says why instead.
 */
export type SessionResults = { score: Results | null, score_error: string | null, finance: FinanceResults | null, finance_error: string | null, travel: TravelResults | null, travel_error: string | null, problems: Array<Problem>, 
/**
 * Parts left out because they are as in the results the window already holds (the
 * travel results alone are a few hundred kilobytes): the window keeps its own.
 */
unchanged: Array<ResultPart>, };

export type SetOption = { code: string, total: number, rank: number, };

/**
 * Appraisal-wide settings that engines read.
 */
export type Settings = { panel_scale: PanelScale, aggregation: Aggregation, 
/**
 * Scorers whose scores for one option and criterion span more than this are flagged.
 */
disagreement_range: number, 
/**
 * Journeys that grow by more than this many minutes against do minimum are counted.
 */
travel_increase_minutes: number, 
/**
 * Thresholds, weights and override rules of the financial risk ratings; files written
 * before the finance engine get the published defaults.
 */
finance: FinanceRules, 
/**
 * The sensitivity analysis's settings; files written before they were stored get the
 * defaults.
 */
sensitivity: SensitivitySettings, 
/**
 * Road travel times from an OpenStreetMap extract (`appraise roads`); absent from the file
 * while they are the defaults, so files written before them, and by builds that do not
 * know them, read the same.
 */
roads?: RoadSettings, 
/**
 * Public transport times from GTFS timetables (`appraise transit`); absent from the file
 * while they are the defaults, like the road settings.
 */
transit?: TransitSettings, };

/**
 * Where one step stands.
 */
export type SetupItem = { step: SetupStep, label: string, done: boolean, 
/**
 * What is there, or what is still to add, in plain English.
 */
status: string, };

/**
 * One thing a complete appraisal has, in the order a team usually adds them.
 */
export type SetupStep = "organisations" | "sites" | "services" | "zones" | "options" | "criteria" | "scores" | "finances";

export type Severity = "error" | "warning";

/**
 * Where in the input a problem is, and why, in words an analyst can act on.
 */
export type SheetProblem = { 
/**
 * The sheet's name, or the CSV file's.
 */
sheet: string, 
/**
 * 1-based, as a spreadsheet shows it; 0 when the problem is with the whole sheet.
 */
row: number, 
/**
 * The column's name; empty when the problem is with a row or the sheet.
 */
column: string, reason: string, };

/**
 * Rows of one sheet that an import adds or changes.
 */
export type SheetRows = { sheet: string, rows: number, };

/**
 * The saved changes since the last pack, oldest first.
 */
export type SinceLastPack = { 
/**
 * When the last pack was exported; none before the first.
 */
last_pack_at: string | null, changes: Array<ChangeLine>, };

/**
 * A hospital or other site, belonging to one organisation today.
 */
export type Site = { code: string, name: string, organisation: string, latitude: number | null, longitude: number | null, 
/**
 * Service codes offered at the site today.
 */
services: Array<string>, 
/**
 * The site's postcode as the ONS postcode directory writes it (`ST4 7LN`), when known:
 * where its latitude and longitude were found (`appraise import-sites`).
 */
postcode?: string | null, };

/**
 * One site an import adds, refreshes or finds unchanged.
 */
export type SiteChange = { code: string, name: string, postcode: string, 
/**
 * The appraisal's organisation the site belongs to.
 */
organisation: string, latitude: number, longitude: number, };

/**
 * What adding the sites would change, for the analyst to see before applying it.
 */
export type SitePreview = { added: Array<SiteChange>, updated: Array<SiteChange>, unchanged: Array<SiteChange>, 
/**
 * What the analyst should know that does not stop the import (a closed parent trust).
 */
warnings: Array<string>, 
/**
 * Where the coordinates come from: "file, column ...".
 */
sources: Array<string>, };

/**
 * A moment's view of [`SiteProgress`], for the window.
 */
export type SiteProgressView = { 
/**
 * Site searches done, of `planned`; both 0 while the input is read.
 */
done: number, planned: number, running: boolean, 
/**
 * Still reading the input (the extract, the feeds): the searches have not started.
 */
reading: boolean, };

export type SiteService = { site: string, service: string, };

export type SiteSummary = { code: string, name: string, organisation: string, 
/**
 * Names of the services offered today.
 */
services: Array<string>, };

export type SiteTransfer = { site: string, to_organisation: string, 
/**
 * Share (0-1) of the current organisation's operating income that moves with the site.
 */
income_share: number, 
/**
 * Share (0-1) of its pay and non-pay costs that moves with the site.
 */
cost_share: number, };

export type SmaaOption = { code: string, name: string, passes: boolean, 
/**
 * `b^r`: the share of draws in which the option ranks r-th (index 0 = rank 1). Tied options
 * share the better rank, so shares of one rank can sum past 1 when options tie exactly.
 */
acceptability: Array<Estimate>, 
/**
 * `a^h = sum_r alpha_r b^r` with linear meta-weights `alpha_r = (m - r) / (m - 1)`.
 */
holistic: Estimate, 
/**
 * `w^c`: the mean weight vector of the draws that make the option first, in the order of
 * [`SmaaResults::criteria`]; none when it is never first.
 */
central_weights: Array<Estimate> | null, 
/**
 * `p^c`: the share of score draws in which the option is first under its central weights.
 */
confidence: Estimate | null, };

/**
 * SMAA-2 (Lahdelma & Salminen 2001) over the weighted leaf criteria.
 */
export type SmaaResults = { samples: number, seed: number, 
/**
 * How the seed became draws.
 */
stream: DrawStream, 
/**
 * Flat over the weighted leaves, or level by level down the criteria tree.
 */
draw: WeightDraw, 
/**
 * How weights were drawn, in words, to follow "weights" ("drawn level by level down the
 * criteria tree: the top level's 4 weights uniform on the simplex ...").
 */
weights: string, 
/**
 * Level by level: each level (the top level, then every group carrying weight) and how
 * its weights were drawn; empty for the flat draw.
 */
levels: Array<LevelDrawn>, 
/**
 * The largest standard error of an acceptability, `sqrt(0.25 / samples)` (at 50%); each
 * acceptability `p` carries its own, `sqrt(p (1 - p) / samples)`.
 */
max_standard_error: number, 
/**
 * How scores were drawn, in words.
 */
scores: string, 
/**
 * The leaf criteria whose weights are sampled (those with weight in the appraisal).
 */
criteria: Array<string>, 
/**
 * Accepted weight draws over all draws (below 1 only for bounded weights).
 */
acceptance_rate: number, 
/**
 * Score draws behind each confidence factor.
 */
confidence_samples: number, options: Array<SmaaOption>, };

/**
 * NHS Improvement's Single Oversight Framework finance score (2016): 1 = best.
 */
export type SofRules = { capital_service_capacity: MetricBands, liquidity: MetricBands, margin: MetricBands, distance_from_plan: MetricBands, agency: MetricBands, rounding: Rounding, overrides: Array<OverrideRule>, };

export type SofScore = { scale: string, capital_service_capacity: number, liquidity: number, margin: number, distance_from_plan: number, agency: number, mean: number, overall: number, override_fired: string | null, };

/**
 * Where a leaf's raw performance comes from.
 */
export type Source = { "type": "panel" } | { "type": "assessment" } | { "type": "derived", metric: string, };

export type Status = "draft" | "final";

export type Summary = { title: string, health_economy: string, author: string, status: Status, illustrative: boolean, base_year: number, horizon_years: number, organisations: Array<OrganisationSummary>, sites: Array<SiteSummary>, options: Array<OptionSummary>, counts: Counts, 
/**
 * What a complete appraisal needs and where this one stands, step by step.
 */
checklist: Array<SetupItem>, };

export type SwitchPoint = { 
/**
 * The local weight (0-1) at which `from` and `to` tie.
 */
weight: number, from: string, to: string, };

/**
 * A recurrent saving, reached in steps: `phasing[i]` is the share achieved in year i+1.
 */
export type Synergy = { category: string, recurrent_saving: number, phasing: Array<number>, };

/**
 * How one conflict is settled: keep the appraisal's value, or take a workbook's (by its
 * position in the conflict's offers).
 */
export type Take = { "take": "appraisal" } | { "take": "workbook", offer: number, };

export type Threshold = { mode: TravelMode, minutes: number, };

/**
 * Effects on the preferred option's lead over the runner-up, largest first.
 */
export type Tornado = { preferred: string | null, 
/**
 * Lead over the best other option passing every hurdle, in points of the total.
 */
base_lead: number | null, 
/**
 * The share each weight is moved by (0.5 = +/-50% of its value).
 */
share: number, items: Array<TornadoItem>, 
/**
 * Why the tornado is empty, when it is.
 */
note: string | null, };

export type TornadoItem = { kind: TornadoKind, criterion: string, 
/**
 * The option whose score moves (scores only).
 */
option: string | null, 
/**
 * Local weight or panel score at the low end.
 */
low: number, high: number, 
/**
 * The preferred option's lead at each end.
 */
lead_low: number, lead_high: number, 
/**
 * Largest minus smallest of the lead at the low end, base and high end.
 */
swing: number, };

export type TornadoKind = "weight" | "score";

/**
 * Which share of the site's organisation moves with a transferred site.
 */
export type TransferShare = "income" | "cost";

/**
 * The basis of a matrix's public transport times (`appraise transit` or the window's
 * Travel screen).
 */
export type TransitBasis = { feeds: Array<TransitFeed>, 
/**
 * The date of travel, YYYY-MM-DD.
 */
date: string, 
/**
 * The window of departure minutes, HH:MM-HH:MM (its end not a departure).
 */
window: string, 
/**
 * Departure minutes in the window: the median and the reliability are over these.
 */
minutes: number, settings: TransitSettings, 
/**
 * The public-transport thresholds (minutes) whose reliability is stored, ascending: those
 * the appraisal's services had when the times were computed.
 */
thresholds: Array<number>, };

/**
 * One GTFS feed the times were computed from.
 */
export type TransitFeed = { 
/**
 * The feed's file (or folder) name, e.g. `itm_south_west_gtfs.zip`.
 */
file: string, 
/**
 * SHA-256 of the zip, or of the folder's files (names and contents in name order), hex.
 */
sha256: string, 
/**
 * The first and last dates its calendar names, YYYY-MM-DD.
 */
valid_from: string, valid_to: string, stops: number, trips: number, stop_times: number, };

/**
 * The reliability of public transport computed from timetables.
 */
export type TransitReliability = { 
/**
 * The date and window of departure minutes the times were computed over.
 */
date: string, window: string, minutes: number, 
/**
 * The thresholds whose bits are stored.
 */
computed_thresholds: Array<number>, 
/**
 * One per service with a public-transport threshold, in the appraisal's order; empty
 * when no service has one.
 */
services: Array<ServiceReliability>, };

/**
 * What the window asks for: the feeds, the date and the window of departure times.
 */
export type TransitRequest = { 
/**
 * GTFS feeds: zips or folders of .txt files; blank entries are left out.
 */
feeds: Array<string>, 
/**
 * YYYY-MM-DD.
 */
date: string, 
/**
 * HH:MM-HH:MM, such as 07:00-09:00.
 */
window: string, };

/**
 * One public transport setting, as the window edits it.
 */
export type TransitSetting = "walk_speed_kmh" | "max_walk_m" | "transfer_m" | "max_transfers" | "detour_factor" | "max_journey_minutes";

/**
 * How public transport times are made from GTFS timetables: the walking legs (to the first
 * stop, between stops for a change, from the last stop, or the whole way), the changes allowed
 * and the longest journey counted. Walks are the straight line x the detour factor, at the
 * walking speed.
 */
export type TransitSettings = { 
/**
 * Walking speed (4.8 km/h, 3 mph: the usual planning figure).
 */
walk_speed_kmh: number, 
/**
 * Longest walk to the first stop, from the last stop, or the whole way, in metres (along
 * streets: straight line x the detour factor).
 */
max_walk_m: number, 
/**
 * Longest walk between two stops for a change, in metres (along streets); transfers.txt
 * changes are taken whatever their length.
 */
transfer_m: number, 
/**
 * Most changes of vehicle in one journey.
 */
max_transfers: number, 
/**
 * Street distance over straight-line distance for walks.
 */
detour_factor: number, 
/**
 * A departure minute whose quickest journey is longer than this has no journey.
 */
max_journey_minutes: number, };

/**
 * What the window shows once the times are in place.
 */
export type TransitTimesDone = { 
/**
 * The feeds as read, as the matrix's basis names them.
 */
feeds: Array<TransitFeed>, 
/**
 * YYYY-MM-DD.
 */
date: string, 
/**
 * HH:MM-HH:MM.
 */
window: string, zones: number, sites: number, 
/**
 * Zone x site cells given a public transport time.
 */
cells: number, 
/**
 * Routes (trips calling at the same stops in order) and trips running on the date.
 */
routes: number, trips: number, 
/**
 * Zones and sites with no position, so no public transport time.
 */
unplaced: Array<string>, 
/**
 * Wall-clock seconds: reading the feeds and routing.
 */
seconds: number, 
/**
 * False when the matrix already held exactly these times: nothing changed.
 */
changed: boolean, };

/**
 * How people travel. The serde names are [`TravelMode::key`]s.
 */
export type TravelMode = "car" | "car_peak" | "blue_light" | "public_transport";

export type TravelResults = { 
/**
 * The do-minimum option changes are measured against; None when there is none.
 */
baseline: string | null, 
/**
 * Journeys growing by more than this many minutes are counted as worse.
 */
increase_minutes: number, zones: number, population: number, 
/**
 * Matrix cells holding an imported value; every other time used is an estimate.
 */
matrix_values: number, 
/**
 * One entry per service and mode measured, services in the appraisal's order, modes in
 * [`TravelMode::ALL`] order: every service by car (off-peak) and public transport, and by
 * peak car or blue light when it has a threshold for them.
 */
services: Array<ServiceTravel>, 
/**
 * Per mode measured: people whose journey to any service measured by it grows by more
 * than `increase_minutes`.
 */
any_service: Array<AnyServiceTravel>, 
/**
 * Households without a car and their public-transport journeys; None when no zone records
 * its households without a car.
 */
no_car: NoCarTravel | null, 
/**
 * How often public transport has no journey within each service's threshold; None when
 * the public transport times were not computed from timetables.
 */
reliability: TransitReliability | null, warnings: Array<string>, 
/**
 * How every median and 90th percentile is computed ([`super::metrics::PERCENTILE_CONVENTION`]).
 */
percentiles: string, };

/**
 * Benefit against cost, for the efficiency frontier.
 */
export type ValueForMoney = { 
/**
 * The total weighted value.
 */
benefit: number, 
/**
 * GBP m: minus the NPV against do minimum; none when not known.
 */
cost: number | null, 
/**
 * Another option has at least the benefit at no more cost, and is strictly better on one.
 */
dominated: boolean, 
/**
 * The options that dominate this one.
 */
dominated_by: Array<string>, };

/**
 * Turns raw performance into a 0-100 value.
 */
export type ValueFunction = { "type": "linear", worst: number, best: number, } | { "type": "piecewise", points: Array<Point>, } | { "type": "categorical", categories: Array<Category>, };

/**
 * Everything the window reads after a change, in one call: the model, the results of its one
 * evaluation and the overview.
 */
export type View = { 
/**
 * Which document and revision these are of: the window sends it back with its next
 * request.
 */
at: ViewAt, model: ModelView, results: SessionResults, summary: Summary, };

/**
 * A state of an open document: the document (a new one each time a file is opened or an
 * appraisal started) and its revision.
 */
export type ViewAt = { document: number, revision: number, };

export type WeightBound = { criterion: string, min: number, max: number, };

/**
 * How SMAA draws a weight vector.
 */
export type WeightDraw = "flat" | "level_by_level";

/**
 * The kinds of weight information, as the window offers them.
 */
export type WeightInformation = "fixed" | "uniform" | "around_base" | "bounds" | "ranking";

/**
 * What is known about a set of weights summing to 1: the weighted leaves' global weights
 * (the flat draw), or the local weights of the top level or of one group's children (level by
 * level). "Members" below are those criteria.
 */
export type WeightModel = { "type": "uniform" } | { "type": "around_base", share: number, } | { "type": "bounds", bounds: Array<WeightBound>, } | { "type": "ranking", ranking: Array<string>, };

/**
 * A named alternative set of local weights (finance-led, clinical-led, ...).
 */
export type WeightSet = { code: string, name: string, description: string, weights: Array<WeightSetEntry>, };

export type WeightSetEntry = { criterion: string, value: number, };

export type WeightSetResult = { code: string, name: string, 
/**
 * Options in the appraisal's order.
 */
options: Array<SetOption>, preferred: string | null, };

/**
 * Results under the appraisal's weights and under each named weight set.
 */
export type WeightSets = { base: WeightSetResult, sets: Array<WeightSetResult>, };

/**
 * How the local weights of one parent's children were set.
 */
export type Weighting = { 
/**
 * The group whose children are weighted; none for the top level.
 */
parent: string | null, method: WeightingMethod, };

/**
 * Whether the weights stored under a parent are the ones its elicitation implies.
 */
export type WeightingCheck = { 
/**
 * The group whose children are weighted; none for the top level.
 */
parent: string | null, 
/**
 * "swing" or "ahp".
 */
method: string, weights: Array<ImpliedWeight>, 
/**
 * Every implied weight equals the stored one within 1e-6.
 */
matches: boolean, 
/**
 * Eigenvector, lambda_max, CI and CR for AHP.
 */
ahp: Ahp | null, 
/**
 * CR <= 0.10 (always true for swing).
 */
consistent: boolean, };

export type WeightingMethod = { "type": "direct" } | { "type": "swing", ratings: Array<WeightSetEntry>, } | { "type": "ahp", order: Array<string>, matrix: Array<Array<number>>, };

/**
 * A bad cell or a refused workbook, named by file, sheet, row and column.
 */
export type WorkbookProblem = { file: string, sheet: string, 
/**
 * 1-based; 0 when the problem is with the whole sheet or workbook.
 */
row: number, 
/**
 * The column's name; empty when the problem is with a row or the workbook.
 */
column: string, reason: string, };

/**
 * One option's row: a score (or none) per scorer, in the scorers' order, and their spread.
 */
export type WorkshopRow = { option: string, name: string, scores: Array<WorkshopScore | null>, 
/**
 * Highest minus lowest score; none when nobody has scored.
 */
spread: number | null, 
/**
 * The spread is above the panel's disagreement range.
 */
flagged: boolean, };

/**
 * One scorer's score for the row's option.
 */
export type WorkshopScore = { value: number, rationale: string, evidence: string, };

/**
 * One scorer, as the column heading shows them.
 */
export type WorkshopScorer = { code: string, name: string, role: string, };

/**
 * The projector view of one criterion.
 */
export type WorkshopView = { criterion: string, name: string, description: string, 
/**
 * 1-based position among the panel-scored criteria, and how many there are.
 */
position: number, count: number, previous: string | null, next: string | null, scale: PanelScale, disagreement_range: number, scorers: Array<WorkshopScorer>, rows: Array<WorkshopRow>, };

export type YearAmount = { year: number, amount: number, };

export type YearResult = { year: number, lines: CombinedLines, surplus: number, 
/**
 * Surplus without transitional funding: the position once support ends.
 */
underlying_surplus: number, margin_percent: number, underlying_margin_percent: number, liquidity_days: number, 
/**
 * None when there is no capital service to cover (the metric's best rating).
 */
capital_service_cover: number | null, distance_from_plan_percent: number, 
/**
 * None when spend exceeds a zero cap (the metric's worst rating).
 */
agency_over_cap_percent: number | null, cosrr: CosrrRating, sof: SofScore, };

/**
 * A population zone (usually an LSOA or a town), the unit travel impact is measured over.
 */
export type Zone = { code: string, name: string, latitude: number | null, longitude: number | null, population: number, 
/**
 * Index of Multiple Deprivation decile, 1 = most deprived.
 */
imd_decile: number, 
/**
 * Households (Census TS045), where known.
 */
households?: number | null, 
/**
 * Households with no car or van (Census TS045): those who rely on public transport.
 */
households_without_car?: number | null, 
/**
 * Where the zone's figures came from, when it was built from the official files.
 */
sources?: ZoneSources | null, };

/**
 * One page of the zones whose code or name contains a search text, for the window.
 */
export type ZonePage = { zones: Array<Zone>, 
/**
 * Zones matching the search, on every page.
 */
matching: number, 
/**
 * Zones in the appraisal.
 */
total: number, offset: number, };

/**
 * What building the zones would change, for the analyst to see before applying it.
 */
export type ZonePreview = { 
/**
 * The area in words, after "the zones": "in local authorities E07000197" or "within 25
 * km of the sites".
 */
area: string, added: number, updated: number, removed: number, unchanged: number, 
/**
 * The first few codes of each, in code order.
 */
first_added: Array<string>, first_updated: Array<string>, first_removed: Array<string>, zones_before: number, zones_after: number, population_before: number, population_after: number, 
/**
 * Whether the zones will have their households without a car (the car table was read).
 */
households: boolean, 
/**
 * Where each value comes from: "What: file, column ...".
 */
sources: Array<string>, };

/**
 * Where each of a zone's figures came from.
 */
export type ZoneSources = { position: FileColumn, population: FileColumn, imd_decile: FileColumn, 
/**
 * Households and households without a car, when the car table was read.
 */
households?: FileColumn | null, };
