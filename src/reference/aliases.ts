import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { UsageError } from '../errors.js';
import { PARTNERSHIPS } from './partnerships.js';

/** `--aliases FILE`: a CSV with columns name,partnership adding names for partnerships. */
export function loadAliases(file: string | undefined): { name: string; partnership: string }[] {
  if (!file) return [];
  let rows: Record<string, string>[];
  try {
    rows = parse(readFileSync(file), { columns: (h: string[]) => h.map((x) => x.trim().toLowerCase()), bom: true, skip_empty_lines: true, trim: true, relax_column_count: true });
  } catch (err) {
    throw new UsageError(`--aliases ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `not a readable CSV (${(err as Error).message})`}.`);
  }
  const canonical = new Map(PARTNERSHIPS.map((p) => [p.name.toLowerCase(), p.name]));
  return rows.map((r, i) => {
    const name = r.name ?? '';
    const p = canonical.get((r.partnership ?? '').toLowerCase());
    if (!name || !p) throw new UsageError(`--aliases ${file}, line ${i + 2}: each row needs a name and a partnership that is one of the 31 canonical names${r.partnership ? ` ("${r.partnership}" is not)` : ''}.`);
    return { name, partnership: p };
  });
}
