// Typed access to the Rust shell's commands. Components import from here and never call
// `invoke` directly. Every type that crosses the bridge is generated from Rust into
// ./generated (never copied here): `UPDATE_TYPES=1 cargo test -p appraise --lib generated_types`
// for the core's, `UPDATE_TYPES=1 cargo test -p appraise-desktop generated` for the shell's;
// the command names come from src-tauri/src/command_list.rs.
import { invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import { getCurrentWindow } from '@tauri-apps/api/window';
import type { Command } from './generated/commands';
import type {
  Chart,
  ChartRequest,
  Assumption,
  CqcRating,
  DocumentState,
  DrawsView,
  Edit,
  FinancialYear,
  ImportPreview,
  ModelView,
  OptimismBiasCategory,
  OptionKind,
  OrgKind,
  ProgressView,
  SessionResults,
  Status,
  Summary,
  Robustness,
  TravelMode,
  ZonePage,
  View,
  ViewAt,
  Changed,
  Exported,
  MatrixImported,
  PublicZoneFiles,
  ZonePreview,
  BuildView,
  PublicSiteFiles,
  SitePreview,
  SiteProgressView,
  RoadTimesDone,
  TransitRequest,
  TransitTimesDone,
  GlossaryTerm,
  SinceLastPack,
  MergePreview,
  Take,
  WorkshopView,
} from './generated/core';
import type { About, Pick, ShellError, ShellErrorKind } from './generated/shell';

export type * from './generated/core';
export type * from './generated/shell';
export type { Command } from './generated/commands';

/** Every value of a Rust enum with the label the window shows, in the order given. A `Record`,
 * so a variant added in Rust and not labelled here fails `npm run check`. */
function choices<T extends string>(labels: Record<T, string>): { value: T; label: string }[] {
  return (Object.keys(labels) as T[]).map((value) => ({ value, label: labels[value] }));
}

/** The travel modes in the core's order (`TravelMode::ALL`); car is off-peak car. */
export const TRAVEL_MODES = choices<TravelMode>({
  car: 'Car (off-peak)',
  car_peak: 'Car (peak)',
  blue_light: 'Blue light',
  public_transport: 'Public transport',
});

/** "by car (off-peak)", "by blue light", ... for headings. */
export const byMode = (mode: TravelMode) =>
  `by ${(TRAVEL_MODES.find((m) => m.value === mode)?.label ?? mode).replace(/^Car/, 'car').replace(/^Blue/, 'blue').replace(/^Public/, 'public')}`;

/** Whether the window shows a service's travel by a mode: by car always, by another mode when
 * the service has a threshold for it (`ServiceTravel::shown` in the core). */
export const shownTravel = (s: { mode: TravelMode; threshold_minutes: number | null }) =>
  s.mode === 'car' || s.threshold_minutes !== null;

export const OPTION_KINDS = choices<OptionKind>({
  do_minimum: 'Do minimum',
  merger: 'Merger',
  acquisition: 'Acquisition',
  split: 'Split between neighbours',
  ico: 'Integrated care organisation',
  federation: 'Federation / group model',
  dissolution: 'Dissolution',
});

export const ORG_KINDS = choices<OrgKind>({
  acute_trust: 'Acute trust',
  foundation_trust: 'Foundation trust',
  community: 'Community services',
  mental_health: 'Mental health',
  social_care: 'Local authority social care',
  commissioner: 'Commissioner',
});

export const CQC_RATINGS = choices<CqcRating>({
  outstanding: 'Outstanding',
  good: 'Good',
  requires_improvement: 'Requires improvement',
  inadequate: 'Inadequate',
});

/** A line of `FinancialYear` (GBP thousands). */
export type BaselineLine = Exclude<keyof FinancialYear, 'year'>;

/** `FinancialYear`'s lines in the order boards read them, with their labels. */
export const BASELINE_LINES = choices<BaselineLine>({
  operating_income: 'Operating income',
  pay: 'Pay',
  non_pay: 'Non-pay',
  depreciation: 'Depreciation',
  pdc_dividend: 'PDC dividend',
  interest_payable: 'Interest payable',
  interest_receivable: 'Interest receivable',
  loan_principal_repaid: 'Loan principal repaid',
  capital_expenditure: 'Capital expenditure',
  cash: 'Cash',
  current_assets: 'Current assets',
  current_liabilities: 'Current liabilities',
  working_capital_facility: 'Working capital facility',
  planned_surplus: 'Planned surplus',
  agency_spend: 'Agency spend',
  agency_cap: 'Agency cap',
}).map(({ value, label }) => ({ key: value, label }));

/** The model holds fractions, the window shows percent. */
export const ASSUMPTIONS = choices<Assumption>({
  income_growth: 'Income growth',
  pay_inflation: 'Pay inflation',
  non_pay_inflation: 'Non-pay inflation',
  cip: 'Cost improvement (CIP)',
});

export const OPTIMISM_BIAS_CATEGORIES = choices<OptimismBiasCategory>({
  standard_buildings: 'Standard buildings',
  non_standard_buildings: 'Non-standard buildings',
  standard_civil_engineering: 'Standard civil engineering',
  non_standard_civil_engineering: 'Non-standard civil engineering',
  equipment_and_development: 'Equipment and development',
  outsourcing: 'Outsourcing',
});

/** What the IPC bridge itself threw (an unknown command, a bad argument), shaped like the
 * shell's errors. UI only: Rust never sends it. */
export interface IpcError {
  kind: 'ipc';
  message: string;
  field: null;
  short: null;
}

/** The error every command rejects with: the shell's `ShellError`, or the bridge's own. */
export type ApiError = ShellError | IpcError;

/** A `Record`, so a kind added in Rust and missing here fails `npm run check`. */
const SHELL_ERROR_KINDS: Record<ShellErrorKind, true> = {
  open: true,
  edit: true,
  save: true,
  export: true,
  import: true,
  analysis: true,
  internal: true,
};

function isShellError(value: unknown): value is ShellError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ShellError).kind === 'string' &&
    Object.hasOwn(SHELL_ERROR_KINDS, (value as ShellError).kind) &&
    typeof (value as ShellError).message === 'string'
  );
}

function ipcError(message: string): IpcError {
  return { kind: 'ipc', message, field: null, short: null };
}

/** Normalises whatever a failed invoke threw (ShellError, a string from Tauri, an Error). */
export function toApiError(error: unknown): ApiError {
  if (isShellError(error)) return error;
  if (typeof error === 'string') return ipcError(error);
  if (error instanceof Error) return ipcError(error.message);
  return ipcError(String(error));
}

/** Calls a command by its generated name, so a misspelt one fails `npm run check`. */
async function call<T>(command: Command, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    throw toApiError(error);
  }
}

export const documentState = () => call<DocumentState>('document_state');
/** The model, its results and the overview as they stand: one call after each change. The
 * results unchanged since the view `held` are left out (see `keepHeld`). */
export const view = (held: ViewAt | null) => call<View>('view', { held });

/** `results` with the parts it left out as unchanged taken from `held`, the results they are
 * unchanged from. */
export function keepHeld(results: SessionResults, held: SessionResults | null): SessionResults {
  if (held === null) return results;
  const kept = { ...results };
  if (results.unchanged.includes('finance')) {
    kept.finance = held.finance;
    kept.finance_error = held.finance_error;
  }
  if (results.unchanged.includes('travel')) {
    kept.travel = held.travel;
    kept.travel_error = held.travel_error;
  }
  return kept;
}
/** Switch points, tornado, weight sets and SMAA under the stored settings: the pack's figures. */
export const sensitivity = () => call<Robustness>('sensitivity');
/** SMAA's draws made of draws planned in the running analysis. */
export const sensitivityProgress = () => call<DrawsView>('sensitivity_progress');

/** Up to `limit` zones whose code or name contains `search`, from `offset`. */
export const zones = (search: string, offset: number, limit: number) =>
  call<ZonePage>('zones', { search, offset, limit });

/** One chart of the appraisal as it stands, drawn `width` CSS pixels wide: the window shows it
 * at that width, so its text is shown at the size it is drawn. */
export const chart = (request: ChartRequest, width: number) =>
  call<Chart>('chart', { request, width: Math.round(width) });
/** Zooms the window's page (1 is actual size). */
export const setZoom = (factor: number) => call<void>('set_zoom', { factor });
/** Applies an edit: the document's state and the view after it, in one call. */
export const applyEdit = (edit: Edit, held: ViewAt | null) =>
  call<Changed>('apply_edit', { edit, held });
export const undo = () => call<DocumentState>('undo');
export const redo = () => call<DocumentState>('redo');
export const newAppraisal = () => call<DocumentState>('new_appraisal');
export const openFile = (path: string) => call<DocumentState>('open_file', { path });
export const save = () => call<DocumentState>('save');
export const saveAs = (path: string) => call<DocumentState>('save_as', { path });
export const recentFiles = () => call<string[]>('recent_files');
/** The version, the commit the app was built from, its licence and the third-party licences. */
export const about = () => call<About>('about');
export const glossary = () => call<GlossaryTerm[]>('glossary');
export const changesSincePack = () => call<SinceLastPack>('changes_since_pack');
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
export const pickPath = (pick: Pick) => call<string | null>('pick_path', { pick });

/** Reads a travel matrix CSV into the open appraisal (an unsaved change). */
export const importMatrix = (path: string) => call<MatrixImported>('import_matrix', { path });
/** Bytes of the CSV the running import has read, of how many. */
export const importProgress = () => call<ProgressView>('import_progress');
export const cancelImport = () => call<void>('cancel_import');

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

/** Writes a scoring workbook per scorer (or those named) into the folder `dir`; resolves to
 * the files written. */
export const writeScoringWorkbooks = (dir: string, scorers: string[] | null) =>
  call<string[]>('write_scoring_workbooks', { dir, scorers });
/** Reads scorers' workbooks and previews merging them; nothing changes. */
export const previewScoreMerge = (paths: string[]) => call<MergePreview>('preview_score_merge', { paths });
/** Applies the merge previewed last, each conflict settled by its choice, as one edit. */
export const applyScoreMerge = (choices: (Take | null)[]) => call<DocumentState>('apply_score_merge', { choices });
/** The projector view of a panel-scored criterion (the first when null). */
export const workshopView = (criterion: string | null) => call<WorkshopView>('workshop_view', { criterion });

/** Reads the official files and previews the zones of `area` (LA codes or e.g. `25km`). */
export const previewPublicZones = (files: PublicZoneFiles, area: string) =>
  call<ZonePreview>('preview_public_zones', { files, area });
/** Applies the zones previewed last as one undoable edit. */
export const importPublicZones = () => call<DocumentState>('import_public_zones');
/** Reads the sites of `codes` (ODS codes) from the ODS lists and the postcode directory. */
export const previewPublicSites = (files: PublicSiteFiles, codes: string) =>
  call<SitePreview>('preview_public_sites', { files, codes });
/** Applies the sites previewed last as one undoable edit. */
export const importPublicSites = () => call<DocumentState>('import_public_sites');
/** The step the running build of zones or sites is on, of how many. */
export const publicDataProgress = () => call<BuildView>('public_data_progress');
/** Computes road times from an OpenStreetMap extract for the open appraisal and applies them as
 * one undoable edit; poll `roadTimesProgress` meanwhile. */
export const computeRoadTimes = (path: string) => call<RoadTimesDone>('compute_road_times', { path });
/** Sites searched of sites planned; both 0 while the extract is read. */
export const roadTimesProgress = () => call<SiteProgressView>('road_times_progress');
/** Stops the running road times computation; nothing changes. */
export const cancelRoadTimes = () => call<void>('cancel_road_times');
/** Computes public transport times from GTFS feeds for the open appraisal and applies them as
 * one undoable edit; poll `transitTimesProgress` meanwhile. */
export const computeTransitTimes = (request: TransitRequest) =>
  call<TransitTimesDone>('compute_transit_times', { request });
/** Sites searched of sites planned; both 0 while the feeds are read. */
export const transitTimesProgress = () => call<SiteProgressView>('transit_times_progress');
/** Stops the running public transport times computation; nothing changes. */
export const cancelTransitTimes = () => call<void>('cancel_transit_times');

/** Runs `handler` when the window is asked to close with unsaved changes. */
export function onCloseRequested(handler: () => void): Promise<() => void> {
  return listen('close-requested', handler);
}

/** Puts the file name and unsaved state in the window's title bar. */
export function setWindowTitle(title: string): Promise<void> {
  return getCurrentWindow().setTitle(title);
}
