// Typed access to the Rust shell's commands. Components import from here and never call
// `invoke` directly, so each command's name and types live in exactly one place.
import { invoke } from '@tauri-apps/api/core';

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

/** The error every command rejects with (the shell's `ShellError`). */
export interface ApiError {
  kind: string;
  message: string;
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

/** The loaded appraisal's summary for the first screen. */
export function summary(): Promise<Summary> {
  return call<Summary>('summary');
}
