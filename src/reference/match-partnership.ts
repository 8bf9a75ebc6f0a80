import { HEALTH_BOARDS, PARTNERSHIPS } from './partnerships.js';

/**
 * Deciding which partnership a name means, per CONVENTIONS: whole names after
 * removing suffixes, never substrings; a health board's name never decides; a loose
 * match only when exactly one known name is within 2 edits and every other is at
 * least 2 edits further.
 */

export type PartnershipMatch =
  | { kind: 'exact'; partnership: string; via: string }
  | { kind: 'loose'; partnership: string; via: string; distance: number }
  | { kind: 'ambiguous'; candidates: string[]; reason: string }
  | { kind: 'unknown' };

/** Lower case, "&" = "and", suffixes and "City of"/"The" removed, punctuation dropped. */
export function normaliseName(name: string): string {
  let s = name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\([^)]*\)/g, ' ') // "Glasgow City HSCP (combined HSCP, NHSGGC … response)"
    .replace(/&/g, ' and ')
    .replace(/[’'`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const suffixes = [
    'health and social care partnership',
    'health social care partnership',
    'health and social care',
    'integration joint board',
    'integration authority',
    'partnership',
    'hscp',
    'ijb',
    'council',
  ];
  let changed = true;
  while (changed) {
    changed = false;
    for (const suf of suffixes) {
      if (s.endsWith(' ' + suf) || s === suf) {
        s = s.slice(0, s.length - suf.length).trim();
        changed = true;
      }
    }
  }
  s = s.replace(/^city of /, '').replace(/^the /, '').replace(/ city of$/, '').trim();
  return s;
}

/** Optimal string alignment distance (Damerau–Levenshtein without repeated edits of one substring). */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const n = a.length, m = b.length;
  let prev2 = new Array<number>(m + 1).fill(0);
  let prev = Array.from({ length: m + 1 }, (_, j) => j);
  let cur = new Array<number>(m + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[m]!;
}

export type PartnershipMatcher = {
  match(name: string): PartnershipMatch;
  /** Tries the file name: the longest run of its words that names exactly one partnership. */
  matchFileName(fileName: string): PartnershipMatch;
  /** A partnership named inside a title or other text (see the implementation for the rules). */
  inText(text: string): PartnershipMatch;
  /** Canonical names, sorted. */
  readonly names: readonly string[];
};

/** Builds a matcher from the reference list plus analyst aliases (name → canonical partnership). */
export function partnershipMatcher(aliases: ReadonlyArray<{ name: string; partnership: string }> = []): PartnershipMatcher {
  const byName = new Map<string, Set<string>>();
  const add = (name: string, partnership: string) => {
    const n = normaliseName(name);
    if (!n) return;
    let set = byName.get(n);
    if (!set) byName.set(n, (set = new Set()));
    set.add(partnership);
  };
  for (const p of PARTNERSHIPS) {
    add(p.name, p.name);
    for (const o of p.otherNames) add(o, p.name);
    for (const c of p.councils) add(c, p.name);
  }
  for (const a of aliases) add(a.name, a.partnership);
  const boards = new Map<string, string>();
  for (const b of HEALTH_BOARDS) {
    boards.set(normaliseName(b), b);
    boards.set(normaliseName(b.replace(/^NHS\s+/i, '')) + ' health board', b);
    boards.set('nhs ' + normaliseName(b.replace(/^NHS\s+/i, '')), b);
    // The area's name alone ("Greater Glasgow and Clyde", "Lanarkshire") is the board too, when it
    // is not itself a partnership's name (exact names are matched first).
    boards.set(normaliseName(b.replace(/^NHS\s+/i, '')), b);
  }
  const entries = [...byName.entries()];

  const match = (name: string): PartnershipMatch => {
    const n = normaliseName(name);
    if (!n) return { kind: 'unknown' };
    const exact = byName.get(n);
    if (exact && exact.size === 1) return { kind: 'exact', partnership: [...exact][0]!, via: n };
    if (exact && exact.size > 1) return { kind: 'ambiguous', candidates: [...exact].sort(), reason: `"${name}" is a name of more than one partnership` };
    const board = boards.get(n);
    if (board || /^nhs\b/.test(n) || / health board$/.test(n)) {
      const served = PARTNERSHIPS.filter((p) => p.healthBoard === board).map((p) => p.name);
      return { kind: 'ambiguous', candidates: served, reason: `"${name}" is a health board${board ? ` (${board})` : ''}, whose name alone never identifies a partnership` };
    }
    // Loose: the nearest partnership within 2 edits, every other at least 2 further.
    const best = new Map<string, { d: number; via: string }>();
    for (const [cand, parts] of entries) {
      const d = editDistance(n, cand, 4);
      for (const p of parts) {
        const cur = best.get(p);
        if (!cur || d < cur.d) best.set(p, { d, via: cand });
      }
    }
    const ranked = [...best.entries()].sort((a, b) => a[1].d - b[1].d || a[0].localeCompare(b[0]));
    const top = ranked[0];
    if (!top || top[1].d > 2) return { kind: 'unknown' };
    const second = ranked[1];
    if (second && second[1].d < top[1].d + 2)
      return { kind: 'ambiguous', candidates: ranked.filter((r) => r[1].d < top[1].d + 2).map((r) => r[0]).sort(), reason: `"${name}" is about as close to several partnership names` };
    return { kind: 'loose', partnership: top[0], via: top[1].via, distance: top[1].d };
  };

  /**
   * A partnership named inside longer text (a title, a file name): the longest run of
   * words that is exactly one partnership's name. Runs that are a health board's name,
   * words straight after "NHS", and runs that are ambiguous never decide, and block the
   * shorter runs inside them ("NHS Greater Glasgow and Clyde" never yields Glasgow City).
   */
  const inText = (text: string): PartnershipMatch => {
    const tokens = text.split(/[\s_+]+|[–—|:;,()]+/).map((t) => t.trim()).filter(Boolean);
    if (tokens.length === 0 || text.length > 300) return { kind: 'unknown' };
    const blocked = new Set<number>();
    for (let len = Math.min(tokens.length, 8); len >= 1; len--) {
      const hits = new Map<string, string>();
      for (let i = 0; i + len <= tokens.length; i++) {
        if (i > 0 && /^nhs$/i.test(tokens[i - 1]!)) continue;
        if (tokens.slice(i, i + len).some((_, k) => blocked.has(i + k))) continue;
        const cand = tokens.slice(i, i + len).join(' ').replace(/^[-–.]+|[-–.]+$/g, '');
        const m = match(cand);
        if (m.kind === 'exact' && !hits.has(m.partnership)) hits.set(m.partnership, cand);
        else if (m.kind === 'ambiguous') for (let k = i; k < i + len; k++) blocked.add(k);
      }
      if (hits.size === 1) return { kind: 'exact', partnership: [...hits.keys()][0]!, via: [...hits.values()][0]! };
      if (hits.size > 1) return { kind: 'ambiguous', candidates: [...hits.keys()].sort(), reason: `"${text}" names more than one partnership` };
    }
    return { kind: 'unknown' };
  };

  const matchFileName = (fileName: string): PartnershipMatch => {
    const base = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '').replace(/[_\-.+]+/g, ' ');
    const m = inText(base);
    return m.kind === 'exact' ? { ...m, via: 'file name' } : m;
  };

  return { match, matchFileName, inText, names: PARTNERSHIPS.map((p) => p.name).sort() };
}
