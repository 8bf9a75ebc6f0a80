import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { collapseSpaces, wordCount } from '../../src/model/words.js';
import { mentionsDraft } from '../../src/read/draft.js';
import { foldText } from '../../src/read/marks.js';
import { contentWords, proposalIdIn, proposalMatcher } from '../../src/read/proposals.js';
import { BUILT_IN_TEMPLATE } from '../../src/template/load.js';

/**
 * The reader's shortcuts for speed (ASCII fast paths, remembered answers, the
 * element-name table) must give exactly what the plain definitions give.
 */

// A small deterministic generator: the same strings on every run.
function* strings(alphabet: readonly string[], count: number, maxLength: number): Generator<string> {
  let seed = 12345;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let i = 0; i < count; i++) {
    let s = '';
    const n = Math.floor(next() * maxLength);
    for (let j = 0; j < n; j++) s += alphabet[Math.floor(next() * alphabet.length)];
    yield s;
  }
}

const MIXED = ['a', 'B', '1', '&', '-', '.', ' ', ' ', '\n', '\t', '\r', '\u00a0', '\u2003', '\u202f', '\ufeff', 'é', 'Ａ', '–', '•', '😀'];

describe('text fast paths agree with their definitions', () => {
  it('collapseSpaces is replace(/\\s+/g, " ").trim()', () => {
    for (const s of strings(MIXED, 20000, 16)) expect(collapseSpaces(s)).toBe(s.replace(/\s+/g, ' ').trim());
  });

  it('wordCount counts white-space tokens holding a letter, digit or "&"', () => {
    const byDefinition = (text: string) => text.split(/\s+/).filter((t) => /[\p{L}\p{N}&]/u.test(t)).length;
    for (const s of strings(MIXED, 20000, 16)) expect(wordCount(s)).toBe(byDefinition(s));
  });

  it('foldText on ASCII is lower case with spacing collapsed', () => {
    for (const s of strings(['a', 'B', ' ', 'x', '.', 'Q'], 5000, 12)) expect(foldText(s)).toBe(s.toLowerCase().replace(/\s+/g, ' ').trim());
  });

  it('contentWords gives the same words on the ASCII path and the Unicode path', () => {
    const unicodePath = (text: string) => foldText(text).replace(/[^\p{L}\p{N}\s]/gu, ' ').split(' ').filter((w) => w.length > 1 && !['the', 'and', 'to', 'of'].includes(w));
    for (const s of strings(['Ab', 'c', 'D1', ' ', '-', '.', "'", '&', 'of', 'the'], 3000, 10))
      expect(contentWords(s).filter((w) => !['the', 'and', 'to', 'of'].includes(w))).toEqual(unicodePath(s));
  });

  it('mentionsDraft skips normalising only text that cannot say "draft"', () => {
    const byDefinition = (text: string) => {
      const f = text.normalize('NFKC').toLowerCase();
      for (const m of f.matchAll(/(^|[^\p{L}])draft(?![\p{L}])/gu)) if (!/final[\s_\-.]*$/.test(f.slice(0, m.index + m[1]!.length))) return true;
      return false;
    };
    for (const s of strings(['draft', 'DRAFT', 'final ', 'ｄｒａｆｔ', 'x', ' ', '_', 'v0.3', 'drafts', '-'], 5000, 6)) expect(mentionsDraft(s)).toBe(byDefinition(s));
  });

  it('proposalIdIn reads the id at the start of a long cell as in a short one', () => {
    const long = `Proposal 2.4 ${'evidence text '.repeat(50)}`;
    expect(proposalIdIn(long)).toBe('2.4');
    expect(proposalIdIn(`   ${long}`)).toBe('2.4');
    expect(proposalIdIn('evidence about 2.4 '.repeat(20))).toBeNull();
  });

  it('byTitle answers the same from memory as the first time', () => {
    const m = proposalMatcher(BUILT_IN_TEMPLATE);
    const texts = [...BUILT_IN_TEMPLATE.proposals.map((p) => p.title), 'Key Feature 1', 'Our rating', BUILT_IN_TEMPLATE.proposals[3]!.title.toUpperCase()];
    const first = texts.map((t) => m.byTitle(t)?.id ?? null);
    expect(first.slice(0, BUILT_IN_TEMPLATE.proposals.length)).toEqual(BUILT_IN_TEMPLATE.proposals.map((p) => p.id));
    expect(texts.map((t) => m.byTitle(t)?.id ?? null)).toEqual(first);
  });
});

describe('the Word parser element table', () => {
  it('lists exactly the element names the parser has cases for', () => {
    const src = readFileSync(new URL('../../src/read/docx/document.ts', import.meta.url), 'utf8');
    const table = src.slice(src.indexOf('const HANDLED = new Map('), src.indexOf('].map((n) => [n, n] as const)'));
    const listed = new Set([...table.matchAll(/'([^']+)'/g)].map((m) => m[1]));
    const parser = src.slice(src.indexOf('parseXml(xml, part, {'), src.indexOf('return { blocks: body.blocks'));
    const cases = new Set([...parser.matchAll(/case '([^']+)'/g)].map((m) => m[1]));
    expect(cases.size).toBeGreaterThan(40);
    expect([...listed].sort()).toEqual([...cases].sort());
  });
});
