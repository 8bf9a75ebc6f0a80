import { diagnostic } from '../model/diagnostics.js';
import { byCodePoint } from '../model/order.js';
import type { Diagnostic, ProposalReturn, ReadResult, Return } from '../model/schema.js';
import { PARTNERSHIPS } from '../reference/partnerships.js';

/**
 * One return per partnership and round: a final over a draft, then the latest
 * date of completion (a return without a date counts as oldest), then — the
 * deterministic tie-break — the file whose path sorts last by code point (so
 * "…v2.docx" wins over "…v1.docx"). A return with an error is never used.
 */
export type Selection = {
  /** Every readable return, sorted by partnership then file, with whether it is used. */
  returns: { ret: Return; used: boolean; errors: number; warnings: number }[];
  /** The used return of each partnership, by canonical name. */
  used: Map<string, Return>;
  diagnostics: Diagnostic[];
  coverage: { expected: number; returned: number; missing: string[]; drafts: number; draftPartnerships: string[] };
};

export function compareCandidates(a: Return, b: Return): number {
  // Negative when a is preferred.
  if (a.status !== b.status) return a.status === 'final' ? -1 : 1;
  const da = a.completedOn ?? '';
  const db = b.completedOn ?? '';
  if (da !== db) return da > db ? -1 : 1;
  return -byCodePoint(a.file, b.file);
}

/** `use`: analysts' decisions by file (overrides): "yes" makes a return the one used, "no" excludes it. */
export function selectReturns(results: readonly ReadResult[], use: ReadonlyMap<string, 'yes' | 'no'> = new Map()): Selection {
  const diags: Diagnostic[] = [];
  const readable = results
    .filter((r): r is ReadResult & { return: Return } => r.return !== null)
    .map((r) => ({
      ret: r.return,
      errors: r.diagnostics.filter((d) => d.severity === 'error').length,
      warnings: r.diagnostics.filter((d) => d.severity === 'warning').length,
    }));
  const byPartnership = new Map<string, Return[]>();
  for (const r of readable) {
    if (r.errors > 0 || r.ret.partnership === null || use.get(r.ret.file) === 'no') continue;
    const list = byPartnership.get(r.ret.partnership) ?? [];
    list.push(r.ret);
    byPartnership.set(r.ret.partnership, list);
  }
  const used = new Map<string, Return>();
  for (const [p, list] of [...byPartnership.entries()].sort((a, b) => byCodePoint(a[0], b[0]))) {
    const forced = (r: Return) => (use.get(r.file) === 'yes' ? 0 : 1);
    const sorted = [...list].sort((a, b) => forced(a) - forced(b) || compareCandidates(a, b));
    const winner = sorted[0]!;
    used.set(p, winner);
    for (const loser of sorted.slice(1)) {
      const why =
        use.get(winner.file) === 'yes'
          ? `an analyst's decision (overrides) uses ${winner.file}`
          : loser.status !== winner.status
          ? `it is a draft and ${winner.file} is final`
          : (loser.completedOn ?? '') !== (winner.completedOn ?? '')
            ? `${winner.file} was completed later (${winner.completedOn} against ${loser.completedOn ?? 'no date'})`
            : `${winner.file} has the same status and date and its path sorts after this one`;
      diags.push(diagnostic(loser.file, 'RETURN_SUPERSEDED', '', `Not used for ${p}: ${why}. To use this return instead, set "use" in an overrides file.`));
    }
  }
  const returns = readable
    .map((r) => ({ ...r, used: r.ret.partnership !== null && used.get(r.ret.partnership) === r.ret }))
    .sort((a, b) => byCodePoint(a.ret.partnership ?? '\uffff', b.ret.partnership ?? '\uffff') || byCodePoint(a.ret.file, b.ret.file));
  // One round's returns are completed within weeks; a wide spread usually means two rounds mixed.
  const dates = [...used.values()].map((r) => r.completedOn).filter((d): d is string => !!d).sort();
  if (dates.length >= 2) {
    const first = dates[0]!;
    const last = dates[dates.length - 1]!;
    const days = (Date.parse(last) - Date.parse(first)) / 86_400_000;
    if (days > 183)
      diags.push(diagnostic('', 'ROUND_MIXED', '', `The returns used were completed between ${first} and ${last} (${Math.round(days)} days apart): the inputs may hold more than one round, in which case a later return has replaced an earlier round's. Analyse each round's folder on its own, or name the round with --round.`));
  }
  const names = PARTNERSHIPS.map((p) => p.name);
  const missing = names.filter((n) => !used.has(n)).sort(byCodePoint);
  const draftPartnerships = [...used.values()].filter((r) => r.status === 'draft').map((r) => r.partnership!).sort(byCodePoint);
  return {
    returns,
    used,
    diagnostics: diags,
    coverage: { expected: names.length, returned: used.size, missing, drafts: draftPartnerships.length, draftPartnerships },
  };
}

/**
 * Keeps a streamed batch small: only the current best return of each partnership
 * keeps its evidence text and action plan; every other return is compacted as it is
 * overtaken (its ratings, word counts and improvement actions stay, which is all the
 * analysis needs of a return that is not used). The best is decided with the same
 * rule as `selectReturns`, so the survivors are exactly the returns it will choose.
 */
export function streamingSelection() {
  const best = new Map<string, ReadResult & { return: Return }>();
  const eligible = (r: ReadResult, use: ReadonlyMap<string, 'yes' | 'no'>): r is ReadResult & { return: Return } =>
    !!r.return && r.return.partnership !== null && use.get(r.file) !== 'no' && !r.diagnostics.some((d) => d.severity === 'error');
  const forced = (r: Return, use: ReadonlyMap<string, 'yes' | 'no'>) => (use.get(r.file) === 'yes' ? 0 : 1);
  return (r: ReadResult, use: ReadonlyMap<string, 'yes' | 'no'>): void => {
    if (!eligible(r, use)) {
      compactReturn(r);
      return;
    }
    const p = r.return.partnership!;
    const cur = best.get(p);
    if (!cur || forced(r.return, use) - forced(cur.return, use) < 0 || (forced(r.return, use) === forced(cur.return, use) && compareCandidates(r.return, cur.return) < 0)) {
      if (cur) compactReturn(cur);
      best.set(p, r);
    } else compactReturn(r);
  };
}

/**
 * Drops what only a used return needs (evidence text, action plans, raw cell text) and
 * shares identical ratings: with raw text and locations gone a rating is a value (a
 * level, a modifier, flags), and a batch holds only a few dozen distinct ones, so each
 * compacted return keeps little more than its improvement actions.
 */
const sharedRatings = new Map<string, ReadonlyArray<ProposalReturn['ratings'][number]>>();
export function compactReturn(r: ReadResult): void {
  if (!r.return) return;
  for (const p of r.return.proposals) {
    p.evidence = '';
    p.actionPlan = null;
    const key = JSON.stringify(p.ratings.map((rr) => [rr.respondent, rr.body, rr.rating.label, rr.rating.level, rr.rating.modifier, rr.rating.marked, rr.rating.flags]));
    let shared = sharedRatings.get(key);
    if (!shared) {
      shared = p.ratings.map((rr) => ({ ...rr, rating: { ...rr.rating, raw: '', location: '' } }));
      if (sharedRatings.size < 100_000) sharedRatings.set(key, shared);
    }
    p.ratings = shared as ProposalReturn['ratings'];
  }
}
