import { stringify } from 'csv-stringify/sync';

/**
 * CSV per CONVENTIONS: UTF-8, header row, "\n" line ends, quoting only where
 * needed, values turned into strings here (fixed decimals), and formula injection
 * neutralised per text column. csv-stringify's own `escape_formulas` would also
 * prefix numeric columns (turning a movement of -1 into '-1), so it stays off.
 */
export type Column<T> = { name: string; kind: 'text' | 'number'; value: (row: T) => string | number | null | undefined };

/**
 * A text value a spreadsheet would run as a formula gets a leading apostrophe. So that
 * the prefix can always be taken off again (compare reads archived CSVs), a value that
 * already starts with apostrophes before such a character gets one more.
 */
export function neutraliseFormula(s: string): string {
  return /^'*[=+\-@\t\r＝＋－＠]/.test(s) ? `'${s}` : s;
}

/**
 * The same CSV as `toCsv`, produced in batches of rows, so a large table is written
 * without ever being one string in memory.
 */
export function* csvChunks<T>(columns: readonly Column<T>[], rows: readonly T[], opts: { bom?: boolean; batch?: number } = {}): Generator<string> {
  const batch = opts.batch ?? 2000;
  yield (opts.bom ? '\ufeff' : '') + stringify([columns.map((c) => c.name)], { record_delimiter: '\n' });
  for (let i = 0; i < rows.length; i += batch) {
    const records = rows.slice(i, i + batch).map((row) => columns.map((c) => cell(c, row)));
    yield stringify(records, { record_delimiter: '\n' });
  }
}

function cell<T>(c: Column<T>, row: T): string {
  const v = c.value(row);
  if (v === null || v === undefined) return '';
  if (c.kind === 'number') return typeof v === 'number' ? String(v) : v;
  return neutraliseFormula(String(v));
}

export function toCsv<T>(columns: readonly Column<T>[], rows: readonly T[], opts: { bom?: boolean } = {}): string {
  return [...csvChunks(columns, rows, { ...opts, batch: Math.max(1, rows.length) })].join('');
}

/** Statistics: 4 decimals; empty when not applicable. */
export function fmtStat(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '';
  const s = x.toFixed(4);
  return s === '-0.0000' ? '0.0000' : s;
}

/** Percentages: 1 decimal; empty when not applicable. */
export function fmtPct(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '';
  const s = x.toFixed(1);
  return s === '-0.0' ? '0.0' : s;
}

export const yesNo = (b: boolean | null | undefined): string => (b === null || b === undefined ? '' : b ? 'yes' : 'no');
