/**
 * The two rules about partner bodies that the reader's cross-checks and the analysis
 * must apply identically (CONVENTIONS: "Partnerships, respondents …").
 */

/** Bodies agree on a proposal only when level and modifier are equal ("Established" ≠ "Established +"). */
export function sameRating(a: { level: number | null; modifier: string | null }, b: { level: number | null; modifier: string | null }): boolean {
  return a.level === b.level && a.modifier === b.modifier;
}

/**
 * Whether an overall level lies between the two middle values of the bodies' levels
 * (for an odd count: equals the median). Null when fewer than two bodies rated.
 */
export function withinMiddle(overall: number, bodyLevels: readonly number[]): boolean | null {
  if (bodyLevels.length < 2) return null;
  const levels = [...bodyLevels].sort((a, b) => a - b);
  const n = levels.length;
  return overall >= levels[Math.floor((n - 1) / 2)]! && overall <= levels[Math.ceil((n - 1) / 2)]!;
}
