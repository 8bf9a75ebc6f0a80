import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parse } from 'csv-parse/sync';
import * as z from 'zod';
import { UsageError } from '../errors.js';
import { PARTNERSHIPS } from '../reference/partnerships.js';
import { RESPONDENT_ORDER } from '../model/respondents.js';

/**
 * Analysts' decisions, kept in a CSV they edit in Excel and applied to every run:
 * columns file, partnership, proposal, respondent, body, field, value, reason,
 * decided_by, decided_on (and optionally round). Lines starting with "#" are
 * comments (the starter file from `validate --suggest-overrides` is all comments).
 */

export const OVERRIDE_COLUMNS = ['file', 'partnership', 'proposal', 'respondent', 'body', 'field', 'value', 'reason', 'decided_by', 'decided_on'] as const;

export const OverrideFieldSchema = z.enum(['level', 'modifier', 'partnership', 'use', 'status', 'consensus', 'completed_on']);
export type OverrideField = z.infer<typeof OverrideFieldSchema>;

const canonical = new Map(PARTNERSHIPS.map((p) => [p.name.toLowerCase(), p.name]));

const RowSchema = z
  .object({
    file: z.string(),
    partnership: z.string(),
    proposal: z.string(),
    respondent: z.string(),
    body: z.string(),
    field: z.string(),
    value: z.string(),
    reason: z.string(),
    decided_by: z.string(),
    decided_on: z.string(),
    round: z.string(),
  })
  .transform((r, ctx) => {
    const field = OverrideFieldSchema.safeParse(r.field.toLowerCase().replace(/\s+/g, '_'));
    if (!field.success) {
      ctx.addIssue({ code: 'custom', message: `field must be one of ${OverrideFieldSchema.options.join(', ')}; got "${r.field}"` });
      return z.NEVER;
    }
    if (!r.file && !r.partnership) ctx.addIssue({ code: 'custom', message: 'give the file or the partnership the decision is about' });
    let partnership = r.partnership;
    if (partnership) {
      const c = canonical.get(partnership.toLowerCase());
      if (!c) ctx.addIssue({ code: 'custom', message: `partnership "${partnership}" is not one of the 31 canonical names` });
      else partnership = c;
    }
    const respondent = (r.respondent || (r.proposal ? 'overall' : '')).toLowerCase().replace(/\s+/g, '_');
    let value = r.value.trim();
    const f = field.data;
    const v = value.toLowerCase();
    if (f === 'level' || f === 'modifier') {
      if (!r.proposal) ctx.addIssue({ code: 'custom', message: `a ${f} decision needs the proposal` });
      if (!(RESPONDENT_ORDER as readonly string[]).includes(respondent)) ctx.addIssue({ code: 'custom', message: `respondent must be overall, ijb, council or health_board; got "${r.respondent}"` });
    }
    if (f === 'consensus' && !r.proposal) ctx.addIssue({ code: 'custom', message: 'a consensus decision needs the proposal' });
    if (f === 'level' && !/^[1-9]$/.test(v) && v !== 'not rated') ctx.addIssue({ code: 'custom', message: `a level is 1, 2, 3, 4 or "not rated"; got "${value}"` });
    if (f === 'modifier' && !['plus', 'minus', 'none', ''].includes(v)) ctx.addIssue({ code: 'custom', message: `a modifier is plus, minus or none; got "${value}"` });
    if (f === 'use' && !['yes', 'no'].includes(v)) ctx.addIssue({ code: 'custom', message: `use is yes or no; got "${value}"` });
    if (f === 'status' && !['final', 'draft'].includes(v)) ctx.addIssue({ code: 'custom', message: `status is final or draft; got "${value}"` });
    if (f === 'consensus' && !['yes', 'no', ''].includes(v)) ctx.addIssue({ code: 'custom', message: `consensus is yes, no or empty; got "${value}"` });
    if (f === 'completed_on' && !/^\d{4}-\d{2}-\d{2}$/.test(value)) ctx.addIssue({ code: 'custom', message: `completed_on is an ISO date such as 2019-05-14; got "${value}"` });
    if (f === 'use' && !r.file) ctx.addIssue({ code: 'custom', message: 'a use decision is about one file: give the file' });
    if (f === 'partnership') {
      const c = canonical.get(v);
      if (!c) ctx.addIssue({ code: 'custom', message: `the value of a partnership decision must be one of the 31 canonical names; got "${value}"` });
      else value = c;
      if (!r.file) ctx.addIssue({ code: 'custom', message: 'a partnership decision assigns a file: give the file' });
    }
    if (['level', 'modifier', 'use', 'status', 'consensus'].includes(f)) value = v;
    return { ...r, field: f, partnership, respondent, value };
  });

export type Override = z.output<typeof RowSchema> & { line: number };
export type Overrides = { path: string; dir: string; rows: Override[] };

export function parseOverrides(text: string, path: string): Overrides {
  let records: { record: Record<string, string>; line: number }[];
  try {
    records = parse(text, {
      bom: true,
      comment: '#',
      comment_no_infix: true,
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
      trim: true,
      columns: (header: string[]) => {
        const h = header.map((x) => x.trim().toLowerCase().replace(/\s+/g, '_'));
        const missing = OVERRIDE_COLUMNS.filter((c) => !h.includes(c));
        if (missing.length) throw new UsageError(`--overrides ${path}, line 1: the header lacks ${missing.join(', ')}. Expected columns: ${OVERRIDE_COLUMNS.join(',')}.`);
        return h;
      },
    }).map((x: { record: Record<string, string>; info: { lines: number } }) => ({ record: x.record, line: x.info.lines }));
  } catch (err) {
    if (err instanceof UsageError) throw err;
    const e = err as Error & { lines?: number };
    throw new UsageError(`--overrides ${path}${e.lines ? `, line ${e.lines}` : ''}: not a readable CSV (${e.message}).`);
  }
  const rows: Override[] = [];
  for (const { record, line } of records) {
    const full = Object.fromEntries([...OVERRIDE_COLUMNS, 'round'].map((c) => [c, (record[c] ?? '').trim()]));
    const parsed = RowSchema.safeParse(full);
    if (!parsed.success) throw new UsageError(`--overrides ${path}, line ${line}: ${parsed.error.issues.map((i) => i.message).join('; ')}.`);
    rows.push({ ...parsed.data, line });
  }
  return { path, dir: dirname(path), rows };
}

export function loadOverrides(path: string | undefined, scaleSize = 4): Overrides | null {
  if (!path) return null;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new UsageError(`--overrides ${path}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}.`);
  }
  const parsed = parseOverrides(text, path);
  // Levels beyond the template's scale are refused before any file is read.
  const beyond = parsed.rows.find((r) => r.field === 'level' && r.value !== 'not rated' && Number(r.value) > scaleSize);
  if (beyond) throw new UsageError(`--overrides ${path}, line ${beyond.line}: level ${beyond.value} is beyond the template's scale of ${scaleSize}.`);
  return parsed;
}
