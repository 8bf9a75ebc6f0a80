/** Words in an evidence note: whitespace-separated tokens holding a letter, a digit or "&" (read "and"); bullets and dashes are not words. */
export function wordCount(text: string): number {
  // One pass without building the tokens. ASCII is decided by its code; any other character
  // (a curly quote, an en dash, an accented letter: common in notes) by the Unicode classes.
  let n = 0;
  let counted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      if (c === 32 || (c >= 9 && c <= 13)) counted = false;
      else if (!counted && ((c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122) || c === 38)) {
        n++;
        counted = true;
      }
      continue;
    }
    const cp = text.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    if (cp > 0xffff) i++; // the second half of a surrogate pair
    if (WHITE_SPACE_BUT_SPACE.test(ch)) counted = false;
    else if (!counted && LETTER_OR_NUMBER.test(ch)) {
      n++;
      counted = true;
    }
  }
  return n;
}

const LETTER_OR_NUMBER = /^[\p{L}\p{N}]$/u;

/**
 * White space collapsed to single spaces and trimmed: the same as
 * `text.replace(/\s+/g, ' ').trim()`, without building a new string when the text has
 * no white space but single spaces (most cells and paragraphs).
 */
export function collapseSpaces(text: string): string {
  return text.includes('  ') || WHITE_SPACE_BUT_SPACE.test(text) ? text.replace(/\s+/g, ' ').trim() : text.trim();
}

/** \s less the space itself (two tests are ~15% quicker than /[^\S ]| {2}/ on long text); wordCount uses it for characters past ASCII, where the two agree. */
const WHITE_SPACE_BUT_SPACE = /[\t-\r\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/;
