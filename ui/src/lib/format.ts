// Display formatting shared by the views.

import { FINANCIAL_YEARS } from './generated/years';

const millions = new Intl.NumberFormat('en-GB', {
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});

/** GBP thousands as "£412.3m"; null as an em dash for "not recorded". */
export function incomeInMillions(thousands: number | null): string {
  if (thousands === null || !Number.isFinite(thousands)) return '—';
  return `£${millions.format(thousands / 1000)}m`;
}

/** A list of names for a table cell. */
export function names(list: string[]): string {
  return list.length === 0 ? '—' : list.join(', ');
}

/** A financial year named by its first calendar year: 2013 -> "2013/14", as the core labels it
 * (the table is generated from Rust; a year the model would refuse is shown as the number). */
export function financialYear(year: number): string {
  return FINANCIAL_YEARS[year] ?? String(year);
}

/** A number to `digits` decimal places, or an em dash. */
export function fixed(value: number | null | undefined, digits: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return value.toLocaleString('en-GB', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

/** A fraction as the percentage typed for it (0.025 -> "2.5"), without binary noise. */
export function percentText(fraction: number): string {
  return String(Number((fraction * 100).toPrecision(10)));
}

/** GBP thousands to the nearest thousand, as finance tables show them ("-1,234"). */
export function thousands(value: number | null | undefined): string {
  return fixed(value, 0);
}

/** A whole count with thousands separators; `missing` when there is none. An empty sum in the
 * core is -0, and -0.4 rounds to -0: neither shows as "-0". */
export function count(n: number | null | undefined, missing = '—'): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return missing;
  return (Math.round(n) + 0).toLocaleString('en-GB');
}
