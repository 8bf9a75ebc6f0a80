/**
 * Drafts per CONVENTIONS: the word DRAFT in the title, a heading, a page header or
 * header watermark, or the file name; "final draft" is final.
 */
export function mentionsDraft(text: string): boolean {
  // ASCII text without the word needs no normalising (NFKC can make "draft" only out of non-ASCII letters).
  if (!/draft/i.test(text) && /^[\x00-\x7f]*$/.test(text)) return false;
  const f = text.normalize('NFKC').toLowerCase();
  const re = /(^|[^\p{L}])draft(?![\p{L}])/gu;
  let m: RegExpExecArray | null;
  while ((m = re.exec(f))) {
    const before = f.slice(0, m.index + m[1]!.length);
    if (!/final[\s_\-.]*$/.test(before)) return true;
  }
  return false;
}
