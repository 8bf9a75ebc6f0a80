/** Words in an evidence note: whitespace-separated tokens holding a letter, a digit or "&" (read "and"); bullets and dashes are not words. */
export function wordCount(text: string): number {
  let n = 0;
  for (const t of text.split(/\s+/)) if (/[\p{L}\p{N}&]/u.test(t)) n++;
  return n;
}
