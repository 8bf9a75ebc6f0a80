/**
 * Drafts per CONVENTIONS: the word DRAFT in the title, a heading, a page header or
 * header watermark, or the file name; "final draft" is final.
 */
export function mentionsDraft(text: string): boolean {
  const f = text.normalize('NFKC').toLowerCase();
  const re = /(^|[^\p{L}])draft(?![\p{L}])/gu;
  let m: RegExpExecArray | null;
  while ((m = re.exec(f))) {
    const before = f.slice(0, m.index + m[1]!.length);
    if (!/final[\s_\-.]*$/.test(before)) return true;
  }
  return false;
}
