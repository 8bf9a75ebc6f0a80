import type { Diagnostic } from './schema.js';

/**
 * The one ordering of everything selfeval writes, so the same inputs in any order
 * give the same bytes. Comparators end in a unique key; strings compare by code
 * point (locale-independent).
 */
export const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const SEV = { error: 0, warning: 1, info: 2 } as const;

/** Template order of proposals given as a lookup. */
export function proposalRank(ids: readonly string[]): (id: string) => number {
  const m = new Map(ids.map((id, i) => [id, i]));
  return (id) => m.get(id) ?? (id === '' ? -1 : ids.length);
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    byCodePoint(a.file, b.file) ||
    byCodePoint(padProposal(a.proposal), padProposal(b.proposal)) ||
    SEV[a.severity] - SEV[b.severity] ||
    byCodePoint(a.code, b.code) ||
    byCodePoint(a.location, b.location) ||
    byCodePoint(a.message, b.message)
  );
}

/** "2.10" after "2.9": proposal ids compared numerically part by part. */
export function padProposal(id: string): string {
  return id.replace(/\d+/g, (n) => n.padStart(3, '0'));
}
