import { describe, expect, it } from 'vitest';
import { collapseSpaces, wordCount } from '../../src/model/words.js';
import { mentionsDraft } from '../../src/read/draft.js';
import { foldText } from '../../src/read/marks.js';
import { contentWords, proposalIdIn, proposalMatcher } from '../../src/read/proposals.js';
import { parseXml } from '../../src/read/xml.js';
import { cellText, parseDocumentXml, type DocTable } from '../../src/read/docx/document.js';
import { BUILT_IN_TEMPLATE } from '../../src/template/load.js';

/**
 * The reader's shortcuts for speed (ASCII fast paths, remembered answers, the namespace
 * fast path) must give exactly what the plain definitions give.
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

const MIXED = ['a', 'B', '1', '&', '-', '.', ' ', ' ', '\n', '\t', '\r', '\u00a0', '\u2003', '\u202f', '\ufeff', 'é', 'Ａ', '–', '•', '😀', '𝐀', '٣', '\u2028', '’', '\v', '\u3000', '\u1680'];

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

  it('proposalIdIn answers as it does when the whole text is folded', () => {
    const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, v: 5, vi: 6, vii: 7, viii: 8, ix: 9, x: 10 };
    const byDefinition = (text: string) => {
      const f = foldText(text);
      let m = f.match(/^(?:msg\s+)?(?:proposal|prop\.?)?\s*(\d{1,2})\s*[.]\s*(\d{1,2})(?![\d.]*\d)/);
      if (m) return `${parseInt(m[1]!, 10)}.${parseInt(m[2]!, 10)}`;
      m = f.match(/^(?:msg\s+)?(?:proposal|prop\.?)?\s*(\d{1,2})\s*\.?\s*\(\s*(i{1,3}|iv|v|vi{1,3}|ix|x)\s*\)/);
      return m ? `${parseInt(m[1]!, 10)}.${ROMAN[m[2]!]}` : null;
    };
    const parts = ['Proposal ', 'MSG ', 'prop. ', '1', '2', '.', ' ', '   ', '(iii)', 'x', 'Evidence ', '１', '\u00a0', '\u3000', '\t', 'Ｐ', 'm'];
    for (const s of strings(parts, 20000, 12)) expect(proposalIdIn(s), JSON.stringify(s)).toBe(byDefinition(s));
    const far = `msg${' '.repeat(73)}1.2.3${'x'.repeat(10)}`;
    expect(proposalIdIn(far)).toBe(byDefinition(far));
    expect(proposalIdIn(`Proposal 2.4 ${'evidence text '.repeat(50)}`)).toBe('2.4');
  });

  it('byTitle gives the answer of the plain search (best ≥ 0.8, clearly ahead of the next) and the same answer from memory', () => {
    const STOP = new Set(['the', 'and', 'to', 'of', 'be', 'will', 'must', 'a', 'an', 'in', 'for', 'on', 'their', 'is', 'are', 'by', 'with', 'as', 'they', 'it', 'its', 'at', 'that', 'this', 'all']);
    const words = (t: string) => foldText(t).replace(/[^\p{L}\p{N}\s]/gu, ' ').split(' ').filter((w) => w.length > 1 && !STOP.has(w));
    const titles = BUILT_IN_TEMPLATE.proposals.map((p) => ({ id: p.id, words: [...new Set(words(p.title))] }));
    const byDefinition = (text: string) => {
      const have = new Set(words(text));
      if (have.size === 0) return null;
      const scored = titles.map((t) => ({ id: t.id, s: t.words.length ? t.words.filter((w) => have.has(w)).length / t.words.length : 0 })).sort((a, b) => b.s - a.s);
      if (scored[0]!.s < 0.8 || scored[0]!.s - scored[1]!.s < 0.2) return null;
      return scored[0]!.id;
    };
    const m = proposalMatcher(BUILT_IN_TEMPLATE);
    const pieces = BUILT_IN_TEMPLATE.proposals.flatMap((p) => [p.title, p.title.split(' ').slice(0, 6).join(' '), p.title.split(' ').slice(3).join(' ')]);
    const texts = [...pieces, ...strings(pieces.map((t) => `${t} `), 3000, 3)];
    for (const t of texts) expect(m.byTitle(t)?.id ?? null, t).toBe(byDefinition(t));
    for (const t of texts) expect(m.byTitle(t)?.id ?? null, t).toBe(byDefinition(t));
    expect(BUILT_IN_TEMPLATE.proposals.filter((p) => m.byTitle(p.title)?.id === p.id).length).toBe(BUILT_IN_TEMPLATE.proposals.length);
  });
});

describe('the XML layer and the Word document model', () => {
  const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
  const names = (xml: string) => {
    const seen: string[] = [];
    parseXml(xml, 'part', { open: (n) => seen.push(n), close() {}, text() {} });
    return seen;
  };

  it('reads a prefix declared below the root (Word does, for pictures) as it reads one declared on the root', () => {
    expect(names(`<w:document xmlns:w="${W}"><w:body><x:p xmlns:x="${W}"><x:r/></x:p><w:p/></w:body></w:document>`)).toEqual(['w:document', 'w:body', 'w:p', 'w:r', 'w:p']);
    expect(names(`<d:document xmlns:d="${W}"><d:body><d:p/></d:body></d:document>`)).toEqual(['w:document', 'w:body', 'w:p']);
    // Text that mentions "xmlns" only takes the careful path.
    expect(names(`<w:document xmlns:w="${W}"><w:body><w:t>xmlns</w:t><y:p xmlns:y="${W}"/></w:body></w:document>`)).toEqual(['w:document', 'w:body', 'w:t', 'w:p']);
  });

  it('turns every run of white space in a cell, of any kind, into one space', () => {
    const doc = parseDocumentXml(`<w:document xmlns:w="${W}"><w:body><w:tbl><w:tr><w:tc><w:p><w:r><w:t xml:space="preserve">See\u202fthe\u2028Annual  Report\u00a0</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>`, 'word/document.xml');
    const table = doc.blocks[0] as DocTable;
    expect(cellText(table.rows[0]!.cells[0]!)).toBe('See the Annual Report');
  });

  it('hands top-level blocks to a reader as they close, in the order a whole parse keeps them', () => {
    const xml = `<w:document xmlns:w="${W}"><w:body><w:p><w:r><w:t>Proposal 1.1</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:tbl><w:tr><w:tc><w:p><w:r><w:t>nested</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:tc></w:tr></w:tbl><w:p><w:r><w:t>after</w:t></w:r></w:p></w:body></w:document>`;
    const streamed: string[] = [];
    const kept = parseDocumentXml(xml, 'word/document.xml', (b) => streamed.push(b.kind === 'p' ? b.text : `table ${b.index}`)).blocks;
    expect(kept).toEqual([]);
    expect(streamed).toEqual(parseDocumentXml(xml, 'word/document.xml').blocks.map((b) => (b.kind === 'p' ? b.text : `table ${b.index}`)));
    expect(streamed).toEqual(['Proposal 1.1', 'table 1', 'after']);
  });

  it("passes a reader's own error through, rather than calling the XML malformed", () => {
    const xml = `<w:document xmlns:w="${W}"><w:body><w:p/></w:body></w:document>`;
    const bug = new TypeError('a bug in the walk');
    expect(() => parseDocumentXml(xml, 'word/document.xml', () => { throw bug; })).toThrow(bug);
    // The XML's own faults are still XML_MALFORMED.
    expect(() => parseDocumentXml(`<w:document xmlns:w="${W}"><w:body><w:p></w:body>`, 'word/document.xml', () => undefined)).toThrow(expect.objectContaining({ code: 'XML_MALFORMED' }));
  });
});
