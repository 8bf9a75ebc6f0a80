import { relative, resolve, dirname, sep } from 'node:path';
import type { Diagnostic, ReadResult } from '../model/schema.js';
import { compareDiagnostics } from '../model/order.js';
import { toCsv, type Column } from '../report/csv.js';
import { OVERRIDE_COLUMNS } from './load.js';

/**
 * The starter overrides file: for each warning that needs an analyst's decision, a
 * comment saying what was found and a commented-out row with the field to decide and
 * the value as read, so the analyst only checks the value, fills in the reason, who
 * and when, and removes the "# ".
 */
type Row = Record<(typeof OVERRIDE_COLUMNS)[number], string>;

const RATING_CODES = new Set(['SPLIT_MARK', 'NO_MARK', 'UNRECOGNISED_MARK', 'MARK_NOT_FOR_LOCAL', 'CHECKBOX_GLYPH_CONFLICT', 'FORMULA_NO_CACHE', 'PROPOSAL_MISSING', 'PROPOSAL_BY_ORDER', 'OVERALL_CONFLICTS_TEMPLATE', 'OVERALL_CONFLICTS_BODIES', 'BODY_RATING_BLANK']);

export function suggestOverrides(results: readonly ReadResult[], diagnostics: readonly Diagnostic[], outPath: string, cwd = process.cwd()): string {
  const outDir = dirname(resolve(cwd, outPath));
  const relFile = (f: string) => relative(outDir, resolve(cwd, f)).split(sep).join('/');
  const byFile = new Map(results.map((r) => [r.file, r]));
  const lines: string[] = [
    `# selfeval overrides: analysts' decisions, applied with --overrides ${outPath.split(sep).join('/')}`,
    '# One decision per row. Fields: level (1-4 or "not rated"), modifier (plus/minus/none), partnership, use (yes/no),',
    '# status (final/draft), consensus (yes/no/empty), completed_on (YYYY-MM-DD). Lines starting with # are ignored:',
    '# check each suggested row, fill in reason, decided_by and decided_on, and remove its leading "# ".',
    OVERRIDE_COLUMNS.join(','),
  ];
  const seen = new Set<string>();
  for (const d of [...diagnostics].sort(compareDiagnostics)) {
    if (d.severity === 'info') continue;
    const r = byFile.get(d.file);
    const ret = r?.return;
    let row: Row | null = null;
    const base: Row = { file: relFile(d.file), partnership: ret?.partnership ?? '', proposal: d.proposal, respondent: '', body: '', field: '', value: '', reason: '', decided_by: '', decided_on: '' };
    if (ret && d.proposal && RATING_CODES.has(d.code)) {
      const p = ret.proposals.find((x) => x.proposal === d.proposal);
      const body = p?.ratings.find((x) => x.respondent !== 'overall' && x.rating.location === d.location);
      const rr = body ?? p?.ratings.find((x) => x.respondent === 'overall');
      if (rr) row = { ...base, respondent: rr.respondent, body: rr.body, field: 'level', value: rr.rating.level === null ? 'not rated' : String(rr.rating.level) };
    } else if (ret && d.proposal && (d.code === 'CONSENSUS_CONTRADICTED' || d.code === 'CONSENSUS_UNRECOGNISED')) {
      const p = ret.proposals.find((x) => x.proposal === d.proposal);
      row = { ...base, field: 'consensus', value: p?.consensus === null || p?.consensus === undefined ? '' : p.consensus ? 'yes' : 'no' };
    } else if (ret && /^PARTNERSHIP_/.test(d.code)) {
      row = { ...base, proposal: '', field: 'partnership', value: ret.partnership ?? '' };
    } else if (ret && /^DATE_/.test(d.code)) {
      row = { ...base, proposal: '', field: 'completed_on', value: ret.completedOn ?? '' };
    }
    lines.push(`# ${d.severity.toUpperCase()} ${d.code} ${d.file}${d.proposal ? ` proposal ${d.proposal}` : ''}: ${d.message.replace(/\s+/g, ' ')}`);
    if (row) {
      const key = OVERRIDE_COLUMNS.map((c) => row![c]).join('\u0000');
      if (seen.has(key)) continue;
      seen.add(key);
      const cols: Column<Row>[] = OVERRIDE_COLUMNS.map((c) => ({ name: c, kind: 'text', value: (x: Row) => x[c] }));
      const csvLine = toCsv(cols, [row]).split('\n')[1]!;
      lines.push(`# ${csvLine}`);
    }
  }
  return lines.join('\n') + '\n';
}
