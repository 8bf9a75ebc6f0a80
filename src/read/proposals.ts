import type { Proposal, Template } from '../template/schema.js';
import { foldText } from './marks.js';
import { rememberedByText } from './memo.js';

/**
 * Finding which proposal a heading, table or row is about: by its id in any of the
 * forms returns use ("Proposal 1.1", "1.1", "1(i)", "2.(iii)", "3 (iv)"), else by
 * its title, else by its indicator descriptors.
 */

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, v: 5, vi: 6, vii: 7, viii: 8, ix: 9, x: 10 };

/**
 * The proposal id written at the start of `text` (after an optional "Proposal"),
 * or null. Does not check that the template has it.
 */
export function proposalIdIn(text: string): string | null {
  // Folded, the text must start with a digit, "m" (msg) or "p" (proposal): a text whose first
  // visible character is any other ASCII character (most evidence) is not folded at all.
  const first = text.search(/\S/);
  if (first < 0) return null;
  const c = text.charCodeAt(first);
  if (c < 128 && !(c >= 48 && c <= 57) && (c | 32) !== 109 && (c | 32) !== 112) return null;
  const f = foldText(text);
  let m = f.match(/^(?:msg\s+)?(?:proposal|prop\.?)?\s*(\d{1,2})\s*[.]\s*(\d{1,2})(?![\d.]*\d)/);
  if (m) return `${parseInt(m[1]!, 10)}.${parseInt(m[2]!, 10)}`;
  m = f.match(/^(?:msg\s+)?(?:proposal|prop\.?)?\s*(\d{1,2})\s*\.?\s*\(\s*(i{1,3}|iv|v|vi{1,3}|ix|x)\s*\)/);
  if (m) return `${parseInt(m[1]!, 10)}.${ROMAN[m[2]!]}`;
  return null;
}

/** True when `text` is a proposal heading ("Proposal 2.4", "Proposal 2.4 Each IJB must …"). */
export function isProposalHeading(text: string): boolean {
  if (/^\s*proposal\b/i.test(text)) return true;
  // Only text with non-ASCII near its start can be a heading once normalised (full-width letters).
  return /[^\x00-\x7f]/.test(text.slice(0, 12)) && /^\s*proposal\b/i.test(text.slice(0, 40).normalize('NFKC'));
}

const STOP = new Set(['the', 'and', 'to', 'of', 'be', 'will', 'must', 'a', 'an', 'in', 'for', 'on', 'their', 'is', 'are', 'by', 'with', 'as', 'they', 'it', 'its', 'at', 'that', 'this', 'all']);

export function contentWords(text: string): string[] {
  const folded = foldText(text);
  if (!/^[\x20-\x7e]*$/.test(folded)) return folded.replace(/[^\p{L}\p{N}\s]/gu, ' ').split(' ').filter(isContentWord);
  // Folded ASCII text (nearly every paragraph looked up) is cut into runs of [a-z0-9] in
  // one pass: the same words as the Unicode path, without its intermediate strings.
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i <= folded.length; i++) {
    const c = i < folded.length ? folded.charCodeAt(i) : 32;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      if (i - start > 1) {
        const w = folded.slice(start, i);
        if (!STOP.has(w)) out.push(w);
      }
      start = -1;
    }
  }
  return out;
}

const isContentWord = (w: string) => w.length > 1 && !STOP.has(w);

/** Share of `target`'s content words that appear in `text` (0..1). */
function coverage(target: readonly string[], text: ReadonlySet<string>): number {
  if (target.length === 0) return 0;
  let hit = 0;
  for (const w of target) if (text.has(w)) hit++;
  return hit / target.length;
}

export type ProposalMatcher = {
  byId(id: string): Proposal | undefined;
  /** The one proposal whose title `text` carries (≥ 80% of its words, clearly ahead of the next). */
  byTitle(text: string): Proposal | null;
  /** The one proposal whose four descriptors best match the given cell texts. */
  byDescriptors(cells: readonly string[]): Proposal | null;
};

export function proposalMatcher(template: Template): ProposalMatcher {
  const ids = new Map(template.proposals.map((p) => [p.id, p]));
  const titles = template.proposals.map((p) => ({ p, words: [...new Set(contentWords(p.title))] }));
  const descriptors = template.proposals
    .filter((p) => p.descriptors.some((d) => d.trim() !== ''))
    .map((p) => ({ p, words: p.descriptors.map((d) => [...new Set(contentWords(d))]) }));
  // Which titles each word is in: a paragraph's words are looked up once each, rather
  // than every title's words in the paragraph (most paragraphs share no word with most titles).
  const titlesWith = new Map<string, number[]>();
  titles.forEach((t, i) => {
    for (const w of t.words) {
      const list = titlesWith.get(w);
      if (list) list.push(i);
      else titlesWith.set(w, [i]);
    }
  });
  // Every paragraph of a Word return is looked up (a lost heading is a paragraph), and the
  // template's own paragraphs repeat in every return: answers are remembered.
  const byTitle = rememberedByText((text): Proposal | null => {
    const words = new Set(contentWords(text));
    let best: { p: Proposal; s: number } | null = null;
    let next = -1;
    if (words.size > 0) {
      // hits[i]: how many of title i's words the paragraph has (coverage, counted the other way round).
      const hits = new Array<number>(titles.length).fill(0);
      for (const w of words) {
        const list = titlesWith.get(w);
        if (list) for (const i of list) hits[i]!++;
      }
      for (const [i, t] of titles.entries()) {
        const s = t.words.length === 0 ? 0 : hits[i]! / t.words.length;
        if (!best || s > best.s) {
          if (best) next = best.s;
          best = { p: t.p, s };
        } else if (s > next) next = s;
      }
    }
    return best && best.s >= 0.8 && best.s - next >= 0.2 ? best.p : null;
  });
  return {
    byId: (id) => ids.get(id),
    byTitle,
    byDescriptors(cells) {
      const cellWords = cells.map((c) => new Set(contentWords(c)));
      if (cellWords.every((w) => w.size === 0)) return null;
      const scored = descriptors
        .map((d) => {
          let sum = 0, n = 0;
          d.words.forEach((w, i) => {
            if (w.length === 0) return;
            sum += coverage(w, cellWords[i] ?? new Set());
            n++;
          });
          return { p: d.p, s: n ? sum / n : 0 };
        })
        .sort((a, b) => b.s - a.s);
      const best = scored[0];
      const next = scored[1];
      if (!best || best.s < 0.6) return null;
      if (next && best.s - next.s < 0.2) return null;
      return best.p;
    },
  };
}
