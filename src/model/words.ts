/** Words in an evidence note: whitespace-separated tokens holding a letter, a digit or "&" (read "and"); bullets and dashes are not words. */
export function wordCount(text: string): number {
  // One pass over ASCII text (most notes) without building the tokens; any other
  // character sends the note to the Unicode definition.
  let n = 0;
  let counted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128) return unicodeWordCount(text);
    if (c === 32 || (c >= 9 && c <= 13)) counted = false;
    else if (!counted && ((c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122) || c === 38)) {
      n++;
      counted = true;
    }
  }
  return n;
}

function unicodeWordCount(text: string): number {
  // One match per such token: \S* cannot cross white space, and the greedy tail ends the match at the token's end.
  return text.match(/\S*[\p{L}\p{N}&]\S*/gu)?.length ?? 0;
}

/**
 * White space collapsed to single spaces and trimmed: the same as
 * `text.replace(/\s+/g, ' ').trim()`, without building a new string when the text has
 * no white space but single spaces (most cells and paragraphs).
 */
export function collapseSpaces(text: string): string {
  return /[^\S ]| {2}/.test(text) ? text.replace(/\s+/g, ' ').trim() : text.trim();
}
