import { basename, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { displayPath } from '../io/paths.js';
import type { DiagnosticCode } from '../model/diagnostic-codes.js';
import { diagnostic } from '../model/diagnostics.js';
import type { Diagnostic, ReadResult, Rating, RespondentRating, Return } from '../model/schema.js';
import { labelOf } from '../read/rating.js';
import type { Template } from '../template/schema.js';
import type { Override, Overrides } from './load.js';

/**
 * Applies analysts' decisions to what was read, without touching any document.
 * Each applied decision is an OVERRIDE_APPLIED info quoting its reason and replaces
 * the warnings it settles; a decision that matches nothing is OVERRIDE_STALE.
 * Pure apart from resolving the overrides file's relative paths against `cwd`.
 */
export type OverrideOutcome = {
  results: ReadResult[];
  diagnostics: Diagnostic[];
  /** Files an analyst said to use (yes) or not (no) for their partnership. */
  use: Map<string, 'yes' | 'no'>;
};

/** Warnings an overall rating decision settles for its proposal. */
const OVERALL_CODES = new Set<DiagnosticCode>(['SPLIT_MARK', 'NO_MARK', 'UNRECOGNISED_MARK', 'MARK_NOT_FOR_LOCAL', 'CHECKBOX_GLYPH_CONFLICT', 'FORMULA_NO_CACHE', 'PROPOSAL_MISSING', 'PROPOSAL_BY_ORDER', 'OVERALL_CONFLICTS_TEMPLATE', 'OVERALL_CONFLICTS_BODIES', 'TRACKED_CHANGE_RATING', 'SHADING_MARK', 'FORMATTING_MARK', 'ROW_BY_POSITION', 'LEVEL_ORDER_ASSUMED']);
/** Warnings a partner body's rating decision settles (matched by the body cell's location). */
const BODY_CODES = new Set<DiagnosticCode>(['BODY_RATING_BLANK', 'UNRECOGNISED_MARK', 'FORMULA_NO_CACHE', 'NO_MARK', 'MARK_NOT_FOR_LOCAL']);
const FIELD_CODES: Record<string, Set<DiagnosticCode>> = {
  partnership: new Set(['PARTNERSHIP_LOOSE_MATCH', 'PARTNERSHIP_FROM_FILE_NAME', 'PARTNERSHIP_UNKNOWN', 'PARTNERSHIP_AMBIGUOUS']),
  status: new Set(['DRAFT_RETURN']),
  completed_on: new Set(['DATE_MISSING', 'DATE_UNPARSABLE', 'DATE_SEVERAL']),
  consensus: new Set(['CONSENSUS_CONTRADICTED', 'CONSENSUS_UNRECOGNISED']),
};

const FIELD_ORDER = ['partnership', 'status', 'completed_on', 'level', 'modifier', 'consensus', 'use'];

/**
 * Applies decisions one read result at a time (so a large batch can stream), then
 * reports at `finish()` which decisions matched nothing. A row's `round` matches the
 * round label when one is given (--round, or compare's side), else the year of the
 * return's date of completion.
 */
export function overrideApplier(overrides: Overrides, template: Template, opts: { cwd?: string; round?: string } = {}) {
  const cwd = opts.cwd ?? process.cwd();
  const diags: Diagnostic[] = [];
  const use = new Map<string, 'yes' | 'no'>();
  const applied = new Set<Override>();
  const overridesFile = displayPath(overrides.path, cwd);
  const rows = [...overrides.rows].sort((a, b) => FIELD_ORDER.indexOf(a.field) - FIELD_ORDER.indexOf(b.field) || a.line - b.line);
  const resolvedFile = new Map(rows.map((o) => [o, o.file ? displayPath(resolve(overrides.dir, o.file), cwd) : '']));

  const fileMatches = (o: Override, file: string): boolean => {
    if (!o.file) return true;
    return resolvedFile.get(o) === file || (!o.file.includes('/') && !o.file.includes('\\') && basename(file) === o.file);
  };
  const roundOf = (ret: Return) => opts.round ?? ret.completedOn?.slice(0, 4) ?? template.id;
  const roundsSeen = new Set<string>();
  const roundMatches = (o: Override, ret: Return): boolean => !o.round || o.round === roundOf(ret);

  const say = (o: Override, r: ReadResult, what: string, settles: string[]) => {
    const by = [o.decided_by && `by ${o.decided_by}`, o.decided_on && `on ${o.decided_on}`].filter(Boolean).join(' ');
    diags.push(
      diagnostic(r.file, 'OVERRIDE_APPLIED', `${overridesFile}, line ${o.line}`, `Analyst's decision ${by ? by + ' ' : ''}applied: ${what}.${o.reason ? ` Reason: "${o.reason}".` : ' (No reason given.)'}${settles.length ? ` Settles ${[...new Set(settles)].join(', ')}.` : ''}`, o.proposal),
    );
  };
  const settle = (r: ReadResult, pred: (d: Diagnostic) => boolean): string[] => {
    const settled = r.diagnostics.filter(pred).map((d) => d.code);
    r.diagnostics = r.diagnostics.filter((d) => !pred(d));
    return settled;
  };

  /** Returns a new result with every matching decision applied; the input is not changed. */
  const apply = (input: ReadResult): ReadResult => {
    if (!input.return) return input;
    const r: ReadResult = { ...input, return: structuredClone(input.return), diagnostics: [...input.diagnostics] };
    const ret = r.return!;
    roundsSeen.add(roundOf(ret));
    for (const o of rows) {
      if (!fileMatches(o, r.file) || !roundMatches(o, ret)) continue;
      if (o.partnership && o.field !== 'partnership' && ret.partnership !== o.partnership) continue;
      if (o.field === 'partnership') {
        ret.partnership = o.value;
        say(o, r, `the file is ${o.value}'s return`, settle(r, (d) => FIELD_CODES.partnership!.has(d.code)));
      } else if (o.field === 'status') {
        ret.status = o.value as Return['status'];
        ret.statusReason = o.value === 'draft' ? 'analyst' : '';
        say(o, r, `status ${o.value}`, settle(r, (d) => FIELD_CODES.status!.has(d.code)));
      } else if (o.field === 'completed_on') {
        ret.completedOn = o.value;
        say(o, r, `date of completion ${o.value}`, settle(r, (d) => FIELD_CODES.completed_on!.has(d.code)));
      } else if (o.field === 'use') {
        use.set(r.file, o.value as 'yes' | 'no');
        say(o, r, o.value === 'yes' ? `this return is the one used for ${ret.partnership ?? 'its partnership'}` : 'this return is not used', []);
      } else {
        const p = ret.proposals.find((x) => x.proposal === o.proposal);
        if (!p) continue;
        if (o.field === 'consensus') {
          p.consensus = o.value === '' ? null : o.value === 'yes';
          say(o, r, `proposal ${o.proposal}: recorded consensus ${o.value || 'not recorded'}`, settle(r, (d) => d.proposal === o.proposal && FIELD_CODES.consensus!.has(d.code)));
        } else {
          const candidates = p.ratings.filter((x) => x.respondent === o.respondent && (!o.body || x.body.toLowerCase() === o.body.toLowerCase()));
          if (candidates.length !== 1) continue;
          const rr = candidates[0]!;
          const bodyLocations = new Set(p.ratings.filter((x) => x.respondent !== 'overall').map((x) => x.rating.location));
          const settles = settle(r, (d) =>
            d.proposal === o.proposal && (rr.respondent === 'overall' ? OVERALL_CODES.has(d.code) && !bodyLocations.has(d.location) : BODY_CODES.has(d.code) && d.location === rr.rating.location),
          );
          const local = template.proposals.find((x) => x.id === o.proposal)?.localCompletion ?? true;
          if (o.field === 'level') {
            const level = o.value === 'not rated' ? null : Number(o.value);
            if (level !== null && level > template.scale.length) throw new UsageError(`--overrides ${overrides.path}, line ${o.line}: level ${level} is beyond the template's scale of ${template.scale.length}.`);
            rr.rating = withLevel(rr.rating, template, local ? level : null, local);
          } else {
            rr.rating = { ...rr.rating, modifier: o.value === 'none' || o.value === '' ? null : (o.value as 'plus' | 'minus'), flags: addFlag(rr.rating.flags) };
          }
          say(o, r, `proposal ${o.proposal}, ${describe(rr)}: ${o.field} ${o.value}`, settles);
        }
      }
      applied.add(o);
    }
    return r;
  };

  const finish = (): { diagnostics: Diagnostic[]; use: Map<string, 'yes' | 'no'> } => {
    const stale = rows
      // A decision for another round is not stale here: only one for a round this batch holds.
      .filter((o) => !applied.has(o) && (!o.round || roundsSeen.has(o.round) || o.round === opts.round))
      .sort((a, b) => a.line - b.line)
      .map((o) =>
        diagnostic(overridesFile, 'OVERRIDE_STALE', `line ${o.line}`, `This decision (${[o.file || o.partnership, o.proposal, o.respondent !== 'overall' ? o.respondent : '', o.body].filter(Boolean).join(', ')}: ${o.field} = ${o.value}) matches nothing read in this run: the file changed, moved or is gone, or the rating does not exist. Update or delete the line.`, o.proposal),
      );
    return { diagnostics: [...diags, ...stale], use };
  };
  /** Analysts' use decisions met so far (live, for streaming selection). */
  return { apply, finish, use: use as ReadonlyMap<string, 'yes' | 'no'> };
}

/** Applies decisions to a whole batch (see overrideApplier). */
export function applyOverrides(results: readonly ReadResult[], overrides: Overrides, template: Template, opts: { cwd?: string; round?: string } = {}): OverrideOutcome {
  const applier = overrideApplier(overrides, template, opts);
  const out = results.map(applier.apply);
  const { diagnostics, use } = applier.finish();
  return { results: out, diagnostics, use };
}

const describe = (rr: RespondentRating) => (rr.respondent === 'overall' ? 'overall rating' : `${rr.body || rr.respondent} rating`);
const addFlag = (flags: Rating['flags']): Rating['flags'] => [...new Set([...flags, 'overridden' as const])];

function withLevel(r: Rating, template: Template, level: number | null, local: boolean): Rating {
  return {
    ...r,
    label: local ? labelOf(template, level) : 'Not for local completion',
    level,
    marked: level === null ? [] : [level],
    flags: addFlag(r.flags),
  };
}
