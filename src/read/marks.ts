import type { Modifier } from '../model/schema.js';
import type { Template } from '../template/schema.js';

/**
 * What a person may write to choose a level, and how it is read. Shared by the
 * Word and Excel readers so a mark means the same wherever it is typed.
 */

/** Characters and words that mark a cell as chosen. Look-alike letters from other alphabets included. */
const MARK_TOKENS = new Set([
  'x', 'х', // Latin and Cyrillic (U+0445); upper case is folded first
  'χ', // Greek chi
  '✗', '✘', '×', '╳', '⨯',
  '✓', '✔', '√', '☑', '☒', '⊠', '⌧', '✅', '❎', '■', '●', '◼', '⬛',
  'yes', 'y', 'tick', 'ticked', 'selected', 'chosen',
]);

/** Known ways of saying "not this one": empty boxes. Not marks, and not unrecognised. */
const EMPTY_TOKENS = new Set(['☐', '□', '◻', '❑', '○', '◯', '⬜']);

export type MarkReading =
  | { kind: 'empty' }
  | { kind: 'mark'; modifier: Modifier | null }
  /** A level named in words or digits ("Established", "2 - Partly established", "3"). */
  | { kind: 'named'; level: number; modifier: Modifier | null }
  | { kind: 'unknown' };

/** Lower case, look-alikes folded, spacing collapsed. */
export function foldText(s: string): string {
  // Plain ASCII (most cells) needs no Unicode normalisation, and its only white space is
  // the space itself: the fast path.
  if (/^[\x20-\x7e]*$/.test(s)) {
    const lower = s.toLowerCase();
    return lower.includes('  ') ? lower.replace(/ +/g, ' ').trim() : lower.trim();
  }
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u00a0\u2000-\u200b\u202f\u205f\u3000]/g, ' ')
    .replace(/[‐‑‒–—―−]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Splits a trailing or leading modifier ("+", "plus", "-", "minus") off a mark or label. */
function splitModifier(s: string): { core: string; modifier: Modifier | null } {
  let m: RegExpMatchArray | null;
  if ((m = s.match(/^(.*?)\s*(\+|\(\+\)|plus)$/))) return { core: m[1]!.trim(), modifier: 'plus' };
  if ((m = s.match(/^(.*?[^\d\s-])\s*(-|\(-\)|minus)$/)) || (m = s.match(/^(.*?)\s+(-|minus)$/))) return { core: m[1]!.trim(), modifier: 'minus' };
  if ((m = s.match(/^(\+)\s*(.+)$/))) return { core: m[2]!.trim(), modifier: 'plus' };
  return { core: s, modifier: null };
}

/** Level labels of the template, folded, with the short forms people type. */
export function levelNames(template: Template): Map<string, number> {
  const names = new Map<string, number>();
  for (const l of template.scale) {
    const f = foldText(l.label);
    names.set(f, l.level);
    names.set(f.replace(/\s+/g, ''), l.level);
  }
  // Common short and mistyped forms of the 2019 labels.
  const byLabel = (label: string) => template.scale.find((l) => foldText(l.label) === label)?.level;
  const extra: [string, string][] = [
    ['not yet', 'not yet established'],
    ['not established', 'not yet established'],
    ['not yet est', 'not yet established'],
    ['partly', 'partly established'],
    ['partially established', 'partly established'],
    ['partly est', 'partly established'],
    ['fully established', 'established'],
    ['exemplar', 'exemplary'],
  ];
  for (const [alias, label] of extra) {
    const level = byLabel(label);
    if (level !== undefined) names.set(alias, level);
  }
  return names;
}

/**
 * Reads a rating written as text: a label ("Partly Established", "established +"),
 * a number ("3"), or both ("2 - Partly established"). Null when it is not one.
 */
export function parseRatingText(text: string, names: Map<string, number>, scaleSize: number): { level: number; modifier: Modifier | null } | null {
  const f = foldText(text).replace(/[.:;]+$/, '');
  if (!f) return null;
  const { core, modifier } = splitModifier(f);
  const direct = names.get(core) ?? names.get(core.replace(/\s+/g, ''));
  if (direct !== undefined) return { level: direct, modifier };
  // "2", "2 - Partly established", "Level 2", "(2) partly established"
  const m = core.match(/^(?:level\s*)?\(?([1-9])\)?(?:\s*[-–:.)]?\s*(.*))?$/);
  if (m) {
    const n = parseInt(m[1]!, 10);
    const rest = (m[2] ?? '').trim();
    if (n < 1 || n > scaleSize) return null;
    if (!rest) return { level: n, modifier };
    const inner = splitModifier(rest);
    const named = names.get(inner.core) ?? names.get(inner.core.replace(/\s+/g, ''));
    if (named === n) return { level: n, modifier: modifier ?? inner.modifier };
    return null; // "2 - Established": number and words disagree
  }
  return null;
}

/** Reads the content of one level cell of a rating row. */
export function readMarkText(text: string, names: Map<string, number>, scaleSize: number): MarkReading {
  const f = foldText(text);
  if (f === '') return { kind: 'empty' };
  if (EMPTY_TOKENS.has(f)) return { kind: 'empty' };
  const { core, modifier } = splitModifier(f);
  if (core === '') return { kind: 'unknown' }; // a lone "+" says neither which level nor that one is chosen
  const stripped = core.replace(/^[("'\[]+|[)"'\].!]+$/g, '').trim();
  if (MARK_TOKENS.has(stripped)) return { kind: 'mark', modifier };
  // repeated marks ("XX", "✓✓") still say one thing
  if (stripped.length > 1 && [...stripped].every((c) => MARK_TOKENS.has(c)) && new Set(stripped).size === 1) return { kind: 'mark', modifier };
  const named = parseRatingText(f, names, scaleSize);
  if (named) return { kind: 'named', ...named };
  return { kind: 'unknown' };
}
