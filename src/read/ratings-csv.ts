import { parse } from 'csv-parse/sync';
import * as z from 'zod';
import type { CompareRating } from '../analysis/compare.js';
import { diagnostic } from '../model/diagnostics.js';
import { byCodePoint } from '../model/order.js';
import { ModifierSchema, RatingFlagSchema, RatingLabelSchema, RespondentSchema, StatusSchema, type Diagnostic } from '../model/schema.js';
import type { PartnershipMatcher } from '../reference/match-partnership.js';
import type { Template } from '../template/schema.js';

/**
 * An archived ratings.csv (written by `selfeval analyse --out`) read back into the
 * rows compare needs, so a round can be kept as its CSV and compared years later
 * without the documents. The header is checked against the contract (every column
 * present, once; extra columns are ignored), every row is validated with zod, and a
 * bad row is an error diagnostic naming its spreadsheet row: the other rows are
 * still used (csv-parse's skip-with-error idea).
 */

/** The columns of ratings.csv, as src/report/analysis-csv.ts writes them (a test keeps the two equal). */
export const RATINGS_CSV_COLUMNS = [
  'round',
  'file',
  'partnership',
  'status',
  'used',
  'key_feature',
  'proposal',
  'respondent',
  'body',
  'rating',
  'level',
  'modifier',
  'flags',
  'evidence_words',
  'improvement_action',
] as const;

type Column = (typeof RATINGS_CSV_COLUMNS)[number];

/** Undo the writer's formula neutralising: "'=x" was written for "=x" (see report/csv.ts). */
export function restoreNeutralised(s: string): string {
  return /^''*[=+\-@\t\r＝＋－＠]/.test(s) ? s.slice(1) : s;
}

const text = z.string().transform(restoreNeutralised);
const emptyToNull = <T extends z.ZodType>(schema: T) => z.union([z.literal('').transform(() => null), schema]);

/** One row as written; cross-field rules (label ↔ level) are checked in the refinement. */
const RowSchema = z
  .object({
    round: text.pipe(z.string().min(1, 'round is empty')),
    file: text,
    partnership: text.pipe(z.string().min(1, 'partnership is empty')),
    status: StatusSchema,
    used: z.enum(['yes', 'no']),
    key_feature: z.string().regex(/^\d+$/, 'key_feature must be a whole number'),
    proposal: z.string().regex(/^\d+\.\d+$/, 'proposal must look like 2.3'),
    respondent: RespondentSchema,
    body: text,
    rating: RatingLabelSchema,
    level: emptyToNull(z.string().regex(/^[1-9]\d*$/, 'level must be a whole number of at least 1 or empty').transform(Number)),
    modifier: emptyToNull(ModifierSchema),
    flags: z.string().transform((s, ctx) => {
      const parts = s === '' ? [] : s.split(';');
      const out: string[] = [];
      for (const p of parts) {
        const f = RatingFlagSchema.safeParse(p);
        if (f.success) out.push(f.data);
        else ctx.addIssue({ code: 'custom', message: `unknown flag "${p}"` });
      }
      return out.sort(byCodePoint);
    }),
    evidence_words: z.string().regex(/^\d*$/, 'evidence_words must be a whole number'),
    improvement_action: text,
  })
  .superRefine((r, ctx) => {
    const rated = !['Not rated', 'Not for local completion'].includes(r.rating);
    if (rated && r.level === null) ctx.addIssue({ code: 'custom', path: ['level'], message: `rating "${r.rating}" needs a level` });
    if (!rated && r.level !== null) ctx.addIssue({ code: 'custom', path: ['level'], message: `rating "${r.rating}" has no level, but level is ${r.level}` });
    if (r.respondent === 'overall' && r.body !== '') ctx.addIssue({ code: 'custom', path: ['body'], message: 'an overall rating has no body' });
  });

export type RatingsCsv = {
  /** The round label of the used rows (null when there are none, or when they disagree: an error says so). */
  round: string | null;
  ratings: CompareRating[];
  diagnostics: Diagnostic[];
};

const MAX_ROW_MESSAGES = 20;

/**
 * Reads ratings.csv bytes. `file` is the display path (for diagnostics and each
 * rating's origin); partnerships are canonicalised through `matcher` (the reference
 * list and --aliases); proposals must be in `template` with its scale.
 */
export function readRatingsCsv(bytes: Buffer | string, file: string, template: Template, matcher: PartnershipMatcher): RatingsCsv {
  const diags: Diagnostic[] = [];
  const invalid = (location: string, message: string, proposal = '') => diags.push(diagnostic(file, 'RATINGS_CSV_INVALID', location, message, proposal));
  const fail = (location: string, message: string): RatingsCsv => {
    invalid(location, message);
    return { round: null, ratings: [], diagnostics: diags };
  };

  let records: string[][];
  try {
    records = parse(bytes, { bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
  } catch (err) {
    return fail('', `Not a readable CSV file (${(err as Error).message}). Give the ratings.csv that "selfeval analyse --out" wrote, unchanged.`);
  }
  const header = records[0];
  if (!header) return fail('row 1', 'The file is empty. Give the ratings.csv that "selfeval analyse --out" wrote.');
  const names = header.map((h) => h.trim());
  const missing = RATINGS_CSV_COLUMNS.filter((c) => !names.includes(c));
  const doubled = [...new Set(names.filter((n, i) => names.indexOf(n) !== i))];
  if (missing.length || doubled.length) {
    return fail(
      'row 1',
      `The header is not that of a ratings.csv written by "selfeval analyse --out":${missing.length ? ` missing column(s) ${missing.join(', ')}` : ''}${missing.length && doubled.length ? ';' : ''}${doubled.length ? ` repeated column(s) ${doubled.join(', ')}` : ''}. Expected: ${RATINGS_CSV_COLUMNS.join(',')}.`,
    );
  }
  const index = Object.fromEntries(RATINGS_CSV_COLUMNS.map((c) => [c, names.indexOf(c)])) as Record<Column, number>;

  const K = template.scale.length;
  const proposals = new Map(template.proposals.map((p) => [p.id, p]));
  const ratings: CompareRating[] = [];
  const seen = new Map<string, number>();
  const rounds = new Set<string>();
  let rowProblems = 0;
  const rowProblem = (row: number, message: string, proposal = '') => {
    rowProblems++;
    if (rowProblems <= MAX_ROW_MESSAGES) invalid(`row ${row}`, message, proposal);
  };

  records.slice(1).forEach((rec, i) => {
    const row = i + 2; // the spreadsheet's row number (the header is row 1)
    if (rec.length < names.length) {
      rowProblem(row, `The row has ${rec.length} field(s) where the header has ${names.length}: it was cut short or edited. The row is not used.`);
      return;
    }
    const raw = Object.fromEntries(RATINGS_CSV_COLUMNS.map((c) => [c, rec[index[c]] ?? ''])) as Record<Column, string>;
    const parsed = RowSchema.safeParse(raw);
    if (!parsed.success) {
      const what = parsed.error.issues.slice(0, 3).map((iss) => `${iss.path.join('.') || 'row'}: ${iss.message}`).join('; ');
      rowProblem(row, `The row is not valid (${what}). The row is not used; correct it or write the file again with "selfeval analyse --out".`, /^\d+\.\d+$/.test(raw.proposal) ? raw.proposal : '');
      return;
    }
    const r = parsed.data;
    if (r.used !== 'yes') return;
    const tp = proposals.get(r.proposal);
    if (!tp) {
      rowProblem(row, `Proposal ${r.proposal} is not in the template ${template.id}. If this round used another template, give it with --template (baseline) or --repeat-template (repeat).`, r.proposal);
      return;
    }
    if (r.level !== null && r.level > K) {
      rowProblem(row, `Level ${r.level} is outside the template's scale of ${K} levels.`, r.proposal);
      return;
    }
    if (r.level !== null && template.scale[r.level - 1]?.label !== r.rating) {
      rowProblem(row, `Rating "${r.rating}" is not level ${r.level} of the template ${template.id} ("${template.scale[r.level - 1]?.label}").`, r.proposal);
      return;
    }
    const m = matcher.match(r.partnership);
    if (m.kind !== 'exact' && m.kind !== 'loose') {
      rowProblem(row, `"${r.partnership}" is not one of the 31 partnerships${m.kind === 'ambiguous' ? ` (it could be ${m.candidates.join(' or ')})` : ''}. Use the canonical name, or add the name with --aliases.`, r.proposal);
      return;
    }
    if (m.kind === 'loose') diags.push(diagnostic(file, 'PARTNERSHIP_LOOSE_MATCH', `row ${row}`, `"${r.partnership}" was taken to be ${m.partnership} (${m.distance} edit(s) away).`, r.proposal));
    const partnership = m.partnership;
    const key = `${partnership}\u0000${r.proposal}\u0000${r.respondent}\u0000${r.body}`;
    const first = seen.get(key);
    if (first !== undefined) {
      rowProblem(row, `A second used rating for ${partnership}, proposal ${r.proposal}, ${r.respondent}${r.body ? ` ${r.body}` : ''} (the first is row ${first}). A round has one used return per partnership: this row is not used.`, r.proposal);
      return;
    }
    seen.set(key, row);
    rounds.add(r.round);
    ratings.push({
      partnership,
      proposal: r.proposal,
      respondent: r.respondent,
      body: r.body,
      status: r.status,
      rating: r.rating,
      level: r.level,
      modifier: r.modifier,
      flags: r.flags,
      file,
    });
  });
  if (rowProblems > MAX_ROW_MESSAGES) invalid('', `${rowProblems - MAX_ROW_MESSAGES} more invalid row(s) not listed one by one.`);

  let round: string | null = null;
  if (rounds.size === 1) round = [...rounds][0]!;
  else if (rounds.size > 1) {
    invalid('', `The used rows belong to several rounds (${[...rounds].sort(byCodePoint).join(', ')}). Keep one round per ratings.csv; the file is not used.`);
    return { round: null, ratings: [], diagnostics: diags };
  }
  if (ratings.length === 0 && rowProblems === 0) invalid('', 'The file has no used ratings (no row with used = yes): there is nothing to compare.');
  return { round, ratings, diagnostics: diags };
}
