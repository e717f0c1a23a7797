// Display formatting shared by the views.

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

/** A financial year named by its first calendar year: 2013 -> "2013/14". */
export function financialYear(year: number): string {
  return `${year}/${String((year + 1) % 100).padStart(2, '0')}`;
}

/** A number to `digits` decimal places, or an em dash. */
export function fixed(value: number | null | undefined, digits: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return value.toLocaleString('en-GB', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}
