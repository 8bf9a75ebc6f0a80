/** Words in an evidence note: whitespace-separated tokens holding a letter, a digit or "&" (read "and"); bullets and dashes are not words. */
export function wordCount(text: string): number {
  // One match per such token: \S* cannot cross white space, and the greedy tail ends the match at the token's end.
  // ASCII text (most notes) takes a regular expression without Unicode classes, several times faster.
  if (/^[\x00-\x7f]*$/.test(text)) return text.match(/\S*[A-Za-z0-9&]\S*/g)?.length ?? 0;
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
