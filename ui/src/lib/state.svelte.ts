// The window's state: the open document, its model and results, and what the analyst has typed
// that the core refused. Every change goes through `app.edit`, which refreshes the results
// straight after, so no screen has an "update" button.
import { tick } from 'svelte';
import * as api from './api';
import type { ApiError, DocumentState, Edit, ModelView, SessionResults, Summary, View as Shown, ViewAt } from './api';

export type View =
  | 'overview'
  | 'options'
  | 'organisations'
  | 'criteria'
  | 'scoring'
  | 'workshop'
  | 'assessments'
  | 'results'
  | 'travel'
  | 'public-data'
  | 'sensitivity'
  | 'validation'
  | 'spreadsheets'
  | 'export'
  | 'help'
  | 'about';

export const VIEWS: { id: View; label: string }[] = [
  { id: 'overview', label: 'Overview' },
  { id: 'options', label: 'Options' },
  { id: 'organisations', label: 'Organisations & finance' },
  { id: 'criteria', label: 'Criteria & weights' },
  { id: 'scoring', label: 'Scoring' },
  { id: 'workshop', label: 'Scoring workshop' },
  { id: 'assessments', label: 'Assessments & hurdles' },
  { id: 'results', label: 'Results' },
  { id: 'travel', label: 'Travel & equality' },
  { id: 'public-data', label: 'Build from public data' },
  { id: 'sensitivity', label: 'Sensitivity' },
  { id: 'validation', label: 'Validation' },
  { id: 'spreadsheets', label: 'Spreadsheets' },
  { id: 'export', label: 'Export' },
  { id: 'help', label: 'Help and glossary' },
  { id: 'about', label: 'About Appraise' },
];

/** The screen a validation path's field is on. */
export function viewOf(path: string): View {
  const head = path.split('/')[0];
  switch (head) {
    case 'criteria':
    case 'weightings':
    case 'weight_sets':
      return 'criteria';
    case 'scores':
    case 'scorers':
      return 'scoring';
    case 'options':
      return 'options';
    case 'organisations':
      return 'organisations';
    case 'performances':
      return 'assessments';
    case 'services':
    case 'zones':
      return 'travel';
    case 'sites':
      return 'overview';
    case 'settings': {
      // Settings sit with what they govern: the panel's with its scores, the journey increase
      // with the travel figures, the robustness tests' with their results,
      // the financial risk rating rules with the finances they rate.
      const setting = path.split('/')[1] ?? '';
      if (['panel_scale', 'aggregation', 'disagreement_range'].includes(setting)) return 'scoring';
      if (setting === 'travel_increase_minutes' || setting === 'roads') return 'travel';
      if (setting === 'sensitivity') return 'sensitivity';
      if (setting === 'finance') return 'organisations';
      return 'overview';
    }
    default:
      return 'overview';
  }
}

/** Where a validation path's field is, as the screens name it: the screen, then the thing
 * ("Organisations & finance: Mid Staffordshire NHS Foundation Trust"), never the path's codes. */
export function placeOf(path: string, model: ModelView | null): string {
  const screen = VIEWS.find((v) => v.id === viewOf(path))?.label ?? 'Overview';
  const [head = '', code] = path.split('/');
  const lists: Record<string, { code: string; name: string }[] | undefined> = {
    organisations: model?.organisations,
    sites: model?.sites,
    services: model?.services,
    options: model?.options,
    criteria: model?.criteria,
    scorers: model?.scorers,
    weight_sets: model?.weight_sets,
  };
  const item = code ? lists[head]?.find((x: { code: string }) => x.code === code)?.name : undefined;
  if (head === 'scores' && code) {
    const option = model?.options.find((o) => o.code === code)?.name;
    if (option) return `${screen}: ${option}`;
  }
  return item ? `${screen}: ${item}` : screen;
}

/** The id of the element that edits the field at `path`. */
export function fieldId(path: string): string {
  return `field-${path}`;
}

class AppState {
  view: View = $state('overview');
  doc: DocumentState | null = $state(null);
  // Raw: each is replaced whole after a change and never changed in place, so Svelte need not
  // proxy every row of them (a fifth of the time from an edit to its results on screen).
  model: ModelView | null = $state.raw(null);
  summary: Summary | null = $state.raw(null);
  results: SessionResults | null = $state.raw(null);
  /** The document and revision `model` and `results` are of, sent back so unchanged results
   * stay. */
  viewAt: ViewAt | null = null;
  loadError: ApiError | null = $state(null);
  /** Refusals by field path: the message naming the field, for error summaries. */
  fieldErrors: Record<string, string> = $state({});
  /** The same refusals without the field's name, for beside a field whose label names it. */
  fieldShort: Record<string, string> = $state({});
  /** Text typed into a field the core refused, so the field keeps showing it. */
  drafts: Record<string, string> = $state({});
  /** A message about the last action (saved, could not open, removed ...); `undo` offers to
   * take the action back from the message itself. */
  notice: { kind: 'success' | 'error'; text: string; undo?: boolean } | null = $state(null);
  /** Milliseconds from the last edit to its results being on screen. */
  updateMs: number | null = $state(null);
  /** Newer unsaved work found beside the open file. */
  recoveryPath: string | null = $state(null);
  /** The scorer whose grid the Scoring screen shows. */
  scorer: string | null = $state(null);
  /** The organisation whose baseline the Organisations & finance screen shows. */
  organisation: string | null = $state(null);
  /** The option whose shape and finances the Options screen shows. */
  option: string | null = $state(null);
  /** The screen F1 was pressed on, whose terms Help lists first. */
  helpFrom: View | null = $state(null);
  /** Where to put the focus once the view has rendered (a validation link). */
  focusPath: string | null = $state(null);

  #queue: Promise<unknown> = Promise.resolve();

  /** Runs document actions one at a time, in the order they were asked for. */
  #serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(work, work);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  async load(): Promise<void> {
    try {
      this.doc = await api.documentState();
      this.loadError = null;
      await this.refresh();
      // Marks the moment the window is usable, for the cold-start figure (tests read it).
      requestAnimationFrame(() => performance.mark('appraise-ready'));
      this.recoveryPath = await api.recovery();
    } catch (e) {
      this.loadError = e as ApiError;
    }
  }

  /** The view whose results the window holds, for the core to leave out what is unchanged. */
  #held(): ViewAt | null {
    return this.results === null ? null : this.viewAt;
  }

  /** Reads the model, results and overview of the document as it now stands. */
  async refresh(started?: number): Promise<void> {
    await this.#show(await api.view(this.#held()), started);
  }

  /** Shows `view`; with `started`, records how long the change took to reach the screen. */
  async #show(view: Shown, started?: number): Promise<void> {
    const { at, model, results, summary } = view;
    this.viewAt = at;
    this.model = model;
    this.results = api.keepHeld(results, this.results);
    this.summary = summary;
    if (this.scorer === null || !model.scorers.some((s) => s.code === this.scorer)) {
      this.scorer = model.scorers[0]?.code ?? null;
    }
    if (started !== undefined) {
      // Wait for the DOM to show the new results before stopping the clock.
      await new Promise((r) => requestAnimationFrame(() => r(undefined)));
      this.updateMs = Math.round(performance.now() - started);
    }
  }

  /** Applies an edit; a refusal is kept against `field` (and the typed `text`) instead. */
  edit(edit: Edit, field: string, text?: string): Promise<boolean> {
    return this.#serial(async () => {
      const started = performance.now();
      try {
        const changed = await api.applyEdit(edit, this.#held());
        this.doc = changed.state;
        delete this.fieldErrors[field];
        delete this.fieldShort[field];
        delete this.drafts[field];
        await this.#show(changed.view, started);
        return true;
      } catch (e) {
        const error = e as ApiError;
        if (error.kind === 'edit') {
          this.fieldErrors[error.field ?? field] = error.message;
          this.fieldShort[error.field ?? field] = error.short ?? error.message;
          if (text !== undefined) this.drafts[field] = text;
        } else {
          this.notice = { kind: 'error', text: error.message };
        }
        return false;
      }
    });
  }

  /** Forgets the refusals and typed drafts of every field under `prefix`: an accepted edit
   * (a reset, a new kind of value function) has replaced what they were about. */
  clearFields(prefix: string): void {
    for (const store of [this.fieldErrors, this.fieldShort, this.drafts]) {
      for (const key of Object.keys(store)) if (key.startsWith(prefix)) delete store[key];
    }
  }

  /** Runs a document-wide action (undo, open, save...) and refreshes everything after it. */
  act(work: () => Promise<DocumentState>, done?: string): Promise<boolean> {
    return this.#serial(async () => {
      const started = performance.now();
      try {
        this.doc = await work();
        this.fieldErrors = {};
        this.fieldShort = {};
        this.drafts = {};
        this.loadError = null;
        await this.refresh(started);
        this.notice = done ? { kind: 'success', text: done } : null;
        return true;
      } catch (e) {
        this.notice = { kind: 'error', text: (e as ApiError).message };
        return false;
      }
    });
  }

  /** Runs a removal; once it is made, says what went with an Undo beside it, so a Remove
   * pressed by mistake (a Tab too far) is one key away from being taken back. */
  async remove(edit: Edit, field: string, what: string): Promise<boolean> {
    const ok = await this.edit(edit, field);
    if (ok) {
      this.notice = { kind: 'success', text: `Removed ${what}.`, undo: true };
      await tick();
      document.getElementById('notice-undo')?.focus();
    }
    return ok;
  }

  undo = () => this.act(api.undo);
  redo = () => this.act(api.redo);
  save = () => this.act(api.save, 'Saved.');
  saveAs = (path: string) => this.act(() => api.saveAs(path), `Saved as ${path}.`);
  newAppraisal = () => this.act(api.newAppraisal);
  async open(path: string): Promise<boolean> {
    const ok = await this.act(() => api.openFile(path));
    if (ok) this.recoveryPath = await api.recovery();
    return ok;
  }
  async recover(): Promise<void> {
    if (await this.act(api.recover, 'Your unsaved changes were recovered.')) this.recoveryPath = null;
  }
  async discardRecovery(): Promise<void> {
    await api.discardRecovery();
    this.recoveryPath = null;
  }

  /** Opens another screen at its top with the focus on it, or on the element `focusId` (a form's
   * first field, a heading) when given; the navigation stays where it is. */
  async show(view: View, focusId?: string): Promise<void> {
    this.view = view;
    await tick();
    const main = document.getElementById('maincontent');
    main?.scrollTo({ top: 0 });
    const el = focusId ? document.getElementById(focusId) : null;
    if (!el) {
      main?.focus({ preventScroll: true });
      return;
    }
    if (el.tabIndex < 0 && !el.matches('input, select, textarea, button')) el.tabIndex = -1;
    el.scrollIntoView({ block: 'center' });
    el.focus();
  }

  /** Shows the field at a validation path: its screen, then the field itself. */
  goTo(path: string): void {
    const parts = path.split('/');
    if (parts[0] === 'scores' && parts[3]) this.scorer = parts[3];
    if (parts[0] === 'organisations' && parts[1] && parts[1] !== 'new') this.organisation = parts[1];
    if (parts[0] === 'options' && parts[1] && parts[1] !== 'new') this.option = parts[1];
    this.view = viewOf(path);
    this.focusPath = path;
  }
}

export const app = new AppState();

/** Focuses the element for `path`, or for the nearest enclosing path that has one. */
export function focusField(path: string): boolean {
  const parts = path.split('/');
  while (parts.length > 0) {
    const el = document.getElementById(fieldId(parts.join('/')));
    if (el) {
      el.scrollIntoView({ block: 'center' });
      el.focus();
      return true;
    }
    parts.pop();
  }
  return false;
}
