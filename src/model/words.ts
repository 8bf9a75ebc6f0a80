/** Words in an evidence note: whitespace-separated tokens holding a letter, a digit or "&" (read "and"); bullets and dashes are not words. */
export function wordCount(text: string): number {
  // One match per such token: \S* cannot cross white space, and the greedy tail ends the match at the token's end.
  return text.match(/\S*[\p{L}\p{N}&]\S*/gu)?.length ?? 0;
}
