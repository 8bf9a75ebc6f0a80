/**
 * Pure statistics for the self-evaluation ratings: consensus and agreement on
 * one ordinal item, inter-rater reliability across items, and paired change
 * between two rounds.
 *
 * Everything here is a pure function of its arguments: no I/O, no globals, no
 * randomness. Where a statistic is mathematically undefined the functions
 * return `null` rather than NaN, so callers must decide how to show "not
 * defined" instead of printing "NaN".
 *
 * Conventions shared by the frequency-vector functions (`tastleWierman`,
 * `vanDerEijkA`, `polarization`, `leikD`, `modes`): `counts[i]` is the number
 * of responses at level code i + 1 of the *declared* scale, including levels
 * nobody chose. The number of levels K is `counts.length`, never the number of
 * levels observed: all of these measures depend on K, and dropping empty levels
 * silently changes the answer (the most common bug class reported against
 * R's likert package).
 *
 * The formulas and the published reference values they are tested against are
 * in shared/reference/statistics.md.
 */

// ---------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------

/** Arithmetic mean of `values`; null for an empty list. */
export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}

/**
 * Median of `values` (the mean of the two middle values for an even count);
 * null for an empty list. The input is not modified.
 */
export function median(values: readonly number[]): number | null {
  const n = values.length;
  if (n === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(n / 2);
  const hi = sorted[mid] as number;
  if (n % 2 === 1) return hi;
  const lo = sorted[mid - 1] as number;
  return (lo + hi) / 2;
}

/**
 * The level codes (1-based, ascending) that hold the largest count of the
 * frequency vector. Several levels are returned when they tie, because a tie
 * between non-adjacent levels is itself informative (a split opinion).
 * Returns [] when there are no responses at all.
 */
export function modes(counts: readonly number[]): number[] {
  let max = 0;
  for (const c of counts) if (c > max) max = c;
  if (max <= 0) return [];
  const out: number[] = [];
  counts.forEach((c, i) => {
    if (c === max) out.push(i + 1);
  });
  return out;
}

function total(counts: readonly number[]): number {
  let n = 0;
  for (const c of counts) n += c;
  return n;
}

function assertFrequencyVector(counts: readonly number[], fn: string): void {
  for (const c of counts) {
    if (!Number.isFinite(c) || c < 0) {
      throw new RangeError(`${fn}: counts must be finite and non-negative, got ${String(c)}`);
    }
  }
}

// ---------------------------------------------------------------------------
// Consensus / agreement on one ordinal item
// ---------------------------------------------------------------------------

/**
 * Tastle–Wierman consensus (Tastle & Wierman 2007), as agrmt's `consensus()`:
 *
 *   Cns = 1 + Σᵢ pᵢ · log₂(1 − |Xᵢ − μ| / d)
 *
 * with Xᵢ = i the level codes 1..K, μ = Σ pᵢXᵢ and d = K − 1. d comes from
 * the declared scale (K = counts.length) rather than the observed range, so
 * that the same distribution on a 4-point scale scores the same whether or
 * not somebody happened to use the extreme levels. The measure treats the
 * codes as interval (μ is a mean of ordinal codes).
 *
 * Cns is 1 when all responses fall in one category (by definition, as
 * agrmt; the formula would give 1 too, except that K = 1 makes d = 0) and 0
 * for an even split between the two extreme levels. Dissention is 1 − Cns.
 * Non-integer counts (proportions) are accepted: only their shares matter.
 *
 * @returns Cns in [0, 1], or null when there are no responses.
 */
export function tastleWierman(counts: readonly number[]): number | null {
  assertFrequencyVector(counts, 'tastleWierman');
  const n = total(counts);
  if (n === 0) return null;
  let max = 0;
  for (const c of counts) if (c > max) max = c;
  if (max === n) return 1; // all in one category: consensus is 1 by definition
  const d = counts.length - 1;
  let mu = 0;
  counts.forEach((c, i) => {
    mu += (c / n) * (i + 1);
  });
  let s = 0;
  counts.forEach((c, i) => {
    // Empty levels contribute nothing; skipping them also avoids 0 · log2(0)
    // = NaN when an empty level lies a full scale width from the mean.
    if (c === 0) return;
    s += (c / n) * Math.log2(1 - Math.abs(i + 1 - mu) / d);
  });
  return 1 + s;
}

/** One layer of van der Eijk's decomposition of a frequency vector. */
export interface VanDerEijkLayer {
  /** 0/1 per level: which levels this layer occupies. */
  pattern: number[];
  /** Agreement A of the layer's pattern. */
  agreement: number;
  /** Share of all observations in this layer. */
  weight: number;
}

/**
 * Agreement A of one 0/1 pattern vector, as agrmt's `pattern.agreement()`:
 * A = U · (1 − (S − 1)/(K − 1)), S the number of occupied levels and U the
 * unimodality from counting triples of levels i < j < m: "110" and "011" are
 * unimodal (TU), "101" bimodal (TDU). U = ((K−2)TU − (K−1)TDU)/((K−2)(TU+TDU))
 * (van der Eijk 2001 eq. 2), or (TU − TDU)/(TU + TDU) with `old`.
 * 0/0 (no counted triple, e.g. a uniform pattern) is defined as A = 0, and a
 * single occupied level as A = 1.
 */
function patternAgreement(pattern: readonly number[], old: boolean): number {
  const K = pattern.length;
  let TU = 0;
  let TDU = 0;
  for (let i = 0; i < K - 2; i++) {
    for (let j = i + 1; j < K - 1; j++) {
      for (let m = j + 1; m < K; m++) {
        const a = pattern[i], b = pattern[j], c = pattern[m];
        if (a === 1 && b === 0 && c === 1) TDU++;
        if (a === 1 && b === 1 && c === 0) TU++;
        if (a === 0 && b === 1 && c === 1) TU++;
      }
    }
  }
  const U = old ? (TU - TDU) / (TU + TDU) : ((K - 2) * TU - (K - 1) * TDU) / ((K - 2) * (TU + TDU));
  let S = 0;
  for (const p of pattern) S += p;
  let A = U * (1 - (S - 1) / (K - 1));
  if (Number.isNaN(A)) A = 0;
  if (S === 1) A = 1;
  return A;
}

/**
 * The layers of van der Eijk's agreement A, in the order agrmt's
 * `agreement()` peels them: each layer takes the smallest non-zero remaining
 * count from every still-occupied level. Returns [] when there are no
 * responses, and null when K < 3 (A is not defined for fewer than 3 levels).
 *
 * The arithmetic follows agrmt step by step (remainder R ← R − pattern·min),
 * so fractional inputs such as percentages reproduce agrmt's results. One
 * agrmt quirk is deliberately not copied: its `minnz()` forces the layer
 * height to 1 whenever the remainder's maximum is exactly 1. For integer
 * counts that is a no-op (the non-zero minimum is then 1 anyway); for
 * fractional counts it would drive remainders negative, so the true non-zero
 * minimum is used instead.
 */
export function vanDerEijkLayers(counts: readonly number[], opts: { old?: boolean } = {}): VanDerEijkLayer[] | null {
  assertFrequencyVector(counts, 'vanDerEijkA');
  const K = counts.length;
  if (K < 3) return null;
  const N = total(counts);
  const old = opts.old ?? false;
  const layers: VanDerEijkLayer[] = [];
  if (N === 0) return layers;
  let R = [...counts];
  // At most K layers: every layer empties at least one level.
  for (let layer = 0; layer < K; layer++) {
    const P = R.map((r) => (r === 0 ? 0 : 1));
    if (!P.includes(1)) break;
    let m = Infinity;
    for (const r of R) if (r !== 0 && r < m) m = r;
    const L = P.map((p) => p * m);
    layers.push({ pattern: P, agreement: patternAgreement(P, old), weight: total(L) / N });
    R = R.map((r, i) => r - (L[i] as number));
  }
  return layers;
}

/**
 * Van der Eijk's (2001) agreement A on the declared K-level scale: the
 * frequency vector is split into layers (see {@link vanDerEijkLayers}), the
 * agreement of each layer's 0/1 pattern is computed, and A is their average
 * weighted by each layer's share of the observations, exactly as agrmt's
 * `agreement()`.
 *
 * A = 1 when everyone chose one level, 0 for a uniform spread, −1 for an even
 * split between the two extreme levels. A depends only on the shape of the
 * distribution, not on n, so report n beside it. Percentages work as well as
 * counts. K must be at least 3; `old: true` uses the 2001 paper's endnote
 * formula U = (TU − TDU)/(TU + TDU).
 *
 * @returns A in [−1, 1], or null when there are no responses or K < 3.
 */
export function vanDerEijkA(counts: readonly number[], opts: { old?: boolean } = {}): number | null {
  const layers = vanDerEijkLayers(counts, opts);
  if (layers === null || layers.length === 0) return null;
  let AA = 0;
  for (const l of layers) AA += l.weight * l.agreement;
  return AA;
}

/**
 * Polarization = (1 − A)/2, van der Eijk's A rescaled to [0, 1] (agrmt's
 * `polarization()`): 0 is full agreement, 0.5 a uniform spread, 1 an even
 * split between the extremes. Null when A is undefined.
 */
export function polarization(counts: readonly number[]): number | null {
  const A = vanDerEijkA(counts);
  return A === null ? null : (1 - A) / 2;
}

/**
 * Leik's (1966) ordinal dispersion D = 2/(K − 1) · Σᵢ Fᵢ′, where Fᵢ are the
 * cumulative proportions over the declared levels and Fᵢ′ = Fᵢ when Fᵢ ≤ ½,
 * else 1 − Fᵢ. D = 0 when everyone chose one level and 1 for an even split
 * between the extremes. K comes from the declared scale because the factor
 * 2/(K − 1) normalises by it.
 *
 * @returns D in [0, 1], or null when there are no responses or K < 2.
 */
export function leikD(counts: readonly number[]): number | null {
  assertFrequencyVector(counts, 'leikD');
  const K = counts.length;
  const n = total(counts);
  if (n === 0 || K < 2) return null;
  let cum = 0;
  let s = 0;
  for (const c of counts) {
    cum += c;
    const F = cum / n;
    s += F <= 0.5 ? F : 1 - F;
  }
  return (2 / (K - 1)) * s;
}

// ---------------------------------------------------------------------------
// Inter-rater reliability
// ---------------------------------------------------------------------------

/** Level of measurement for Krippendorff's alpha, which fixes the metric δ². */
export type KrippendorffLevel = 'nominal' | 'ordinal' | 'interval' | 'ratio';

/**
 * Krippendorff's alpha = 1 − D_o/D_e (Krippendorff 2004, ch. 11).
 *
 * `units[u]` holds the value each coder gave unit u (null = missing). Units
 * with fewer than two values are dropped, because a lone value cannot be
 * paired. From the rest the coincidence matrix is built:
 * o_ck = Σ_u (number of c–k pairs in u)/(m_u − 1), with marginals n_c and
 * n = Σ n_c the number of pairable values. Then
 * D_o = Σ o_ck δ²_ck / n and D_e = Σ n_c n_k δ²_ck / (n(n − 1)).
 *
 * Metrics: nominal δ² = [c ≠ k]; interval (c − k)²; ratio ((c − k)/(c + k))²;
 * ordinal (Σ_{g=c..k} n_g − (n_c + n_k)/2)², where the categories g are the
 * sorted distinct values present among the pairable values and n_g their
 * marginal counts — the ordinal metric measures distance by how many
 * observed values lie between two ranks, not by the codes themselves.
 *
 * Alpha measures the reliability of a set of raters across units; it is not
 * a per-unit score.
 *
 * @returns alpha (null when D_e = 0 or fewer than 2 pairable values), the
 *   number of pairable values n and the number of units kept.
 */
export function krippendorffAlpha(
  units: readonly (readonly (number | null)[])[],
  level: KrippendorffLevel,
): { alpha: number | null; pairableValues: number; units: number } {
  // Keep only units with at least two non-missing values.
  const kept: number[][] = [];
  for (const u of units) {
    const vals: number[] = [];
    for (const v of u) {
      if (v === null) continue;
      if (!Number.isFinite(v)) throw new RangeError(`krippendorffAlpha: values must be finite numbers or null, got ${String(v)}`);
      vals.push(v);
    }
    if (vals.length >= 2) kept.push(vals);
  }
  const categories = [...new Set(kept.flat())].sort((a, b) => a - b);
  const index = new Map<number, number>();
  categories.forEach((c, i) => index.set(c, i));
  const C = categories.length;

  // Coincidence matrix.
  const o: number[][] = Array.from({ length: C }, () => new Array<number>(C).fill(0));
  for (const vals of kept) {
    const m = vals.length;
    const cnt = new Map<number, number>();
    for (const v of vals) {
      const i = index.get(v) as number;
      cnt.set(i, (cnt.get(i) ?? 0) + 1);
    }
    for (const [c, nc] of cnt) {
      const row = o[c] as number[];
      for (const [k, nk] of cnt) {
        // Ordered pairs of distinct values: nc·nk, or nc(nc − 1) within a category.
        const pairs = c === k ? nc * (nc - 1) : nc * nk;
        row[k] = (row[k] as number) + pairs / (m - 1);
      }
    }
  }
  const nMarg = o.map((row) => total(row));
  const n = total(nMarg);
  const pairableValues = Math.round(n); // a sum of integers, up to rounding
  const result = { alpha: null as number | null, pairableValues, units: kept.length };
  if (pairableValues < 2) return result;

  // Cumulative marginals for the ordinal metric: cum[i] = Σ_{g<i} n_g.
  const cum = [0];
  for (let i = 0; i < C; i++) cum.push((cum[i] as number) + (nMarg[i] as number));

  const delta2 = (i: number, j: number): number => {
    if (i === j) return 0;
    const c = categories[i] as number, k = categories[j] as number;
    switch (level) {
      case 'nominal':
        return 1;
      case 'interval':
        return (c - k) ** 2;
      case 'ratio':
        return c + k === 0 ? 0 : ((c - k) / (c + k)) ** 2;
      case 'ordinal': {
        const lo = Math.min(i, j), hi = Math.max(i, j);
        const between = (cum[hi + 1] as number) - (cum[lo] as number);
        return (between - ((nMarg[i] as number) + (nMarg[j] as number)) / 2) ** 2;
      }
    }
  };

  let Do = 0;
  let De = 0;
  for (let i = 0; i < C; i++) {
    for (let j = 0; j < C; j++) {
      if (i === j) continue;
      const d2 = delta2(i, j);
      Do += ((o[i] as number[])[j] as number) * d2;
      De += (nMarg[i] as number) * (nMarg[j] as number) * d2;
    }
  }
  Do /= n;
  De /= n * (n - 1);
  if (De === 0) return result;
  result.alpha = 1 - Do / De;
  return result;
}

/**
 * Fleiss' kappa (Fleiss 1971) for a subjects × categories table of counts,
 * every subject rated by the same number n of raters.
 *
 * Pᵢ = (Σⱼ nᵢⱼ² − n)/(n(n − 1)), P̄ their mean, pⱼ = Σᵢ nᵢⱼ/(Nn),
 * P̄e = Σ pⱼ², κ = (P̄ − P̄e)/(1 − P̄e).
 *
 * Per-category kappa and z are as irr's `kappam.fleiss(detail = TRUE)`:
 * κⱼ = (pⱼₖ − pⱼ)/(1 − pⱼ) with pⱼₖ = (Σᵢ nᵢⱼ² − Nn pⱼ)/(Nn(n − 1)pⱼ), and
 * z = κ/SE₀ with SE₀² = 2/((Σpⱼqⱼ)² N n(n − 1)) · ((Σpⱼqⱼ)² − Σ pⱼqⱼ(qⱼ − pⱼ)),
 * the standard error under κ = 0 (Fleiss, Nee & Landis 1979).
 *
 * Unequal rater counts are rejected rather than handled, because the formula
 * assumes equal n (irr deletes incomplete subjects listwise; the caller
 * should decide that explicitly).
 *
 * @throws RangeError when the table is empty, ragged, has negative or
 *   non-integer counts, unequal row totals, or fewer than 2 raters per subject.
 */
export function fleissKappa(table: readonly (readonly number[])[]): {
  kappa: number | null;
  pBar: number;
  pBarE: number;
  pj: number[];
  perCategoryKappa: (number | null)[];
  z: number | null;
} {
  const N = table.length;
  if (N === 0) throw new RangeError('fleissKappa: the table has no subjects');
  const q = (table[0] as readonly number[]).length;
  let n = -1;
  table.forEach((row, i) => {
    if (row.length !== q) {
      throw new RangeError(`fleissKappa: row ${i + 1} has ${row.length} categories, expected ${q}`);
    }
    for (const c of row) {
      if (!Number.isInteger(c) || c < 0) {
        throw new RangeError(`fleissKappa: row ${i + 1} has a count that is not a non-negative integer: ${String(c)}`);
      }
    }
    const ni = total(row);
    if (n === -1) n = ni;
    else if (ni !== n) {
      throw new RangeError(
        `fleissKappa: every subject must have the same number of ratings; row 1 has ${n}, row ${i + 1} has ${ni}`,
      );
    }
  });
  if (n < 2) throw new RangeError(`fleissKappa: each subject needs at least 2 ratings, got ${n}`);

  let sumP = 0;
  const colSum = new Array<number>(q).fill(0);
  const colSq = new Array<number>(q).fill(0);
  for (const row of table) {
    let sq = 0;
    row.forEach((c, j) => {
      sq += c * c;
      colSum[j] = (colSum[j] as number) + c;
      colSq[j] = (colSq[j] as number) + c * c;
    });
    sumP += (sq - n) / (n * (n - 1));
  }
  const Nn = N * n;
  const pBar = sumP / N;
  const pj = colSum.map((s) => s / Nn);
  let pBarE = 0;
  for (const p of pj) pBarE += p * p;
  const kappa = 1 - pBarE === 0 ? null : (pBar - pBarE) / (1 - pBarE);

  const perCategoryKappa = pj.map((p, j) => {
    if (p === 0 || p === 1) return null; // category never / always used: undefined
    const pjk = ((colSq[j] as number) - Nn * p) / (Nn * (n - 1) * p);
    return (pjk - p) / (1 - p);
  });

  let spq = 0;
  let spqqp = 0;
  for (const p of pj) {
    const qj = 1 - p;
    spq += p * qj;
    spqqp += p * qj * (qj - p);
  }
  let z: number | null = null;
  if (kappa !== null && spq > 0) {
    const varKappa = (2 / (spq * spq * (Nn * (n - 1)))) * (spq * spq - spqqp);
    if (varKappa > 0) z = kappa / Math.sqrt(varKappa);
  }
  return { kappa, pBar, pBarE, pj, perCategoryKappa, z };
}

// ---------------------------------------------------------------------------
// Normal distribution
// ---------------------------------------------------------------------------

// W. J. Cody's rational Chebyshev approximations for the normal distribution
// function (Cody 1969, "Rational Chebyshev approximations for the error
// function", Math. Comp. 23:631–637; algorithm ANORM, ACM TOMS 715, 1993),
// the same approximation R's pnorm uses. Accurate to about 1e-16 relative in
// both tails, which matters because p-values are compared to 10 significant
// digits and the upper tail must not be computed as 1 − (something near 1).
const CODY_A = [2.2352520354606839287, 161.02823106855587881, 1067.6894854603709582, 18154.981253343561249, 0.065682337918207449113] as const;
const CODY_B = [47.20258190468824187, 976.09855173777669322, 10260.932208618978205, 45507.789335026729956] as const;
const CODY_C = [
  0.39894151208813466764, 8.8831497943883759412, 93.506656132177855979, 597.27027639480026226, 2494.5375852903726711,
  6848.1904505362823326, 11602.651437647350124, 9842.7148383839780218, 1.0765576773720192317e-8,
] as const;
const CODY_D = [
  22.266688044328115691, 235.38790178262499861, 1519.377599407554805, 6485.558298266760755, 18615.571640885098091,
  34900.952721145977266, 38912.003286093271411, 19685.429676859990727,
] as const;
const CODY_P = [
  0.21589853405795699, 0.1274011611602473639, 0.022235277870649807, 0.001421619193227893466, 2.9112874951168792e-5,
  0.02307344176494017303,
] as const;
const CODY_Q = [1.28426009614491121, 0.468238212480865118, 0.0659881378689285515, 0.00378239633202758244, 7.29751555083966205e-5] as const;
const INV_SQRT_2PI = 0.398942280401432677939946059934;

/**
 * exp(−y²/2) · factor, evaluated with y split into a part with few bits
 * (y rounded down to 1/16) and a remainder, so that the squaring does not
 * lose the relative accuracy of the tail (Cody's device).
 */
function gaussTail(y: number, factor: number): number {
  const ysq = Math.trunc(y * 16) / 16;
  const del = (y - ysq) * (y + ysq);
  return Math.exp(-ysq * ysq * 0.5) * Math.exp(-del * 0.5) * factor;
}

/**
 * Both tails of the standard normal distribution at x: lower = P(Z ≤ x),
 * upper = P(Z > x), each computed directly where it is the smaller one.
 */
function normalTails(x: number): { lower: number; upper: number } {
  if (Number.isNaN(x)) return { lower: NaN, upper: NaN };
  const y = Math.abs(x);
  if (y <= 0.67448975) {
    let xnum = 0;
    let xden = 0;
    if (y > Number.EPSILON * 0.5) {
      const xsq = x * x;
      xnum = CODY_A[4] * xsq;
      xden = xsq;
      for (let i = 0; i < 3; i++) {
        xnum = (xnum + (CODY_A[i] as number)) * xsq;
        xden = (xden + (CODY_B[i] as number)) * xsq;
      }
    }
    const temp = (x * (xnum + CODY_A[3])) / (xden + CODY_B[3]);
    return { lower: 0.5 + temp, upper: 0.5 - temp };
  }
  let small: number; // the tail beyond |x|
  if (y <= Math.sqrt(32)) {
    let xnum = CODY_C[8] * y;
    let xden = y;
    for (let i = 0; i < 7; i++) {
      xnum = (xnum + (CODY_C[i] as number)) * y;
      xden = (xden + (CODY_D[i] as number)) * y;
    }
    small = gaussTail(y, (xnum + CODY_C[7]) / (xden + CODY_D[7]));
  } else if (y < 38.5) {
    const xsq = 1 / (x * x);
    let xnum = CODY_P[5] * xsq;
    let xden = xsq;
    for (let i = 0; i < 4; i++) {
      xnum = (xnum + (CODY_P[i] as number)) * xsq;
      xden = (xden + (CODY_Q[i] as number)) * xsq;
    }
    const temp = (xsq * (xnum + CODY_P[4])) / (xden + CODY_Q[4]);
    small = gaussTail(y, (INV_SQRT_2PI - temp) / y);
  } else {
    small = 0; // below the smallest double
  }
  return x > 0 ? { lower: 1 - small, upper: small } : { lower: small, upper: 1 - small };
}

/** Standard normal distribution function Φ(x) = P(Z ≤ x). */
export function normalCdf(x: number): number {
  return normalTails(x).lower;
}

/** Standard normal survival function 1 − Φ(x) = P(Z > x), accurate in the upper tail. */
export function normalSf(x: number): number {
  return normalTails(x).upper;
}

// ---------------------------------------------------------------------------
// Exact rational arithmetic helpers
// ---------------------------------------------------------------------------

function bitLength(v: bigint): number {
  return v === 0n ? 0 : v.toString(2).length;
}

/**
 * num/den as the nearest-ish double (relative error ~2⁻⁶³ before the final
 * rounding), for BigInt numerators and denominators far beyond 2⁵³.
 */
function ratio(num: bigint, den: bigint): number {
  if (num === 0n) return 0;
  const LIMIT = 1n << 53n;
  if (num < LIMIT && den < LIMIT) return Number(num) / Number(den);
  const k = 64 + Math.max(0, bitLength(den) - bitLength(num));
  const q = (num << BigInt(k)) / den;
  let v = Number(q);
  let rest = k;
  while (rest > 0) {
    const step = Math.min(rest, 1000);
    v /= 2 ** step;
    rest -= step;
  }
  return v;
}

// ---------------------------------------------------------------------------
// Paired change: Wilcoxon signed-rank and sign test
// ---------------------------------------------------------------------------

/** Midranks (1-based) of `values`, ties sharing the mean of their ranks. */
function midranks(values: readonly number[]): number[] {
  const order = values.map((v, i) => ({ v, i })).sort((a, b) => a.v - b.v);
  const ranks = new Array<number>(values.length).fill(0);
  let start = 0;
  while (start < order.length) {
    let end = start;
    while (end + 1 < order.length && (order[end + 1] as { v: number }).v === (order[start] as { v: number }).v) end++;
    const r = (start + 1 + end + 1) / 2;
    for (let k = start; k <= end; k++) ranks[(order[k] as { i: number }).i] = r;
    start = end + 1;
  }
  return ranks;
}

/**
 * Exact null distribution of the signed-rank statistic for n untied ranks:
 * counts[s] = number of the 2ⁿ sign patterns with T⁺ = s (subset sums of
 * 1..n). BigInt keeps every count exact for any n.
 */
function signedRankCounts(n: number): bigint[] {
  const max = (n * (n + 1)) / 2;
  const counts = new Array<bigint>(max + 1).fill(0n);
  counts[0] = 1n;
  let reach = 0;
  for (let r = 1; r <= n; r++) {
    reach += r;
    for (let s = reach; s >= r; s--) counts[s] = (counts[s] as bigint) + (counts[s - r] as bigint);
  }
  return counts;
}

/** Options of {@link wilcoxonSignedRank}, with R's defaults. */
export interface WilcoxonOptions {
  /** Alternative hypothesis about the location of d; default 'two.sided'. */
  alternative?: 'two.sided' | 'greater' | 'less';
  /** Continuity correction in the normal approximation; default true (as R). */
  correct?: boolean;
  /** true/false force or forbid the exact test; null/undefined: exact when n < 50 (as R). */
  exact?: boolean | null;
  /** 'wilcox' (R, default) drops zero differences before ranking; 'pratt' ranks them and then drops them. */
  zeroMethod?: 'wilcox' | 'pratt';
}

/**
 * Wilcoxon signed-rank test of paired differences d = after − before,
 * following R's `wilcox.test(after, before, paired = TRUE)`.
 *
 * Zero differences carry no sign, so they are dropped ('wilcox', R's rule);
 * 'pratt' ranks them with the others and then drops them, keeping the ranks
 * of the rest. The absolute differences get midranks and V = T⁺ is the sum of
 * the positive ranks (R's statistic; scipy's two-sided statistic is
 * min(T⁺, T⁻) = min(V, tMinus)).
 *
 * The exact null distribution (all 2ⁿ sign patterns equally likely, counted
 * exactly) is used when there are no ties and no zeros and either `exact` is
 * true or it is unset and n < 50 — as R, which cannot give an exact p with
 * ties or zeros. Two-sided exact p = min(1, 2·min(P(V ≤ v), P(V ≥ v))).
 *
 * Otherwise the normal approximation: z = (V − E[V] − c)/SD with
 * E[V] = Σrᵢ/2 and Var[V] = Σrᵢ²/4 over the signed ranks, which for 'wilcox'
 * equals R's n(n+1)(2n+1)/24 − Σ(t³ − t)/48 tie correction. The continuity
 * correction c is ±½ toward the mean (sign(V − E[V])·½ two-sided, ½ for
 * 'greater', −½ for 'less'); method 'normal-cc' names it, 'normal' without.
 *
 * @returns n non-zero differences, the number of zeros dropped, V = T⁺,
 *   T⁻, the p-value (null when n = 0), the method used and z (normal only).
 */
export function wilcoxonSignedRank(
  d: readonly number[],
  opts: WilcoxonOptions = {},
): { n: number; zeros: number; V: number; tMinus: number; p: number | null; method: 'exact' | 'normal' | 'normal-cc'; z: number | null } {
  const alternative = opts.alternative ?? 'two.sided';
  const correct = opts.correct ?? true;
  const zeroMethod = opts.zeroMethod ?? 'wilcox';
  for (const x of d) {
    if (!Number.isFinite(x)) throw new RangeError(`wilcoxonSignedRank: differences must be finite, got ${String(x)}`);
  }
  const zeros = d.filter((x) => x === 0).length;
  const ranked = zeroMethod === 'pratt' ? [...d] : d.filter((x) => x !== 0);
  const allRanks = midranks(ranked.map(Math.abs));
  // Signed ranks of the non-zero differences only.
  const signed: { r: number; pos: boolean }[] = [];
  ranked.forEach((x, i) => {
    if (x !== 0) signed.push({ r: allRanks[i] as number, pos: x > 0 });
  });
  const n = signed.length;
  let V = 0;
  let tMinus = 0;
  let sumR = 0;
  let sumR2 = 0;
  for (const { r, pos } of signed) {
    if (pos) V += r;
    else tMinus += r;
    sumR += r;
    sumR2 += r * r;
  }
  const ties = new Set(signed.map((s) => s.r)).size < n || signed.some((s) => !Number.isInteger(s.r));
  const useExact = (opts.exact ?? n < 50) && !ties && zeros === 0;

  if (n === 0) {
    return { n, zeros, V, tMinus, p: null, method: useExact ? 'exact' : correct ? 'normal-cc' : 'normal', z: null };
  }

  if (useExact) {
    const counts = signedRankCounts(n);
    const den = 1n << BigInt(n);
    let lo = 0n; // #patterns with T⁺ ≤ V
    let hi = 0n; // #patterns with T⁺ ≥ V
    counts.forEach((c, s) => {
      if (s <= V) lo += c;
      if (s >= V) hi += c;
    });
    let p: number;
    if (alternative === 'less') p = ratio(lo, den);
    else if (alternative === 'greater') p = ratio(hi, den);
    else p = Math.min(1, ratio(2n * (lo < hi ? lo : hi), den));
    return { n, zeros, V, tMinus, p, method: 'exact', z: null };
  }

  const centred = V - sumR / 2;
  const sd = Math.sqrt(sumR2 / 4);
  let cc = 0;
  if (correct) {
    if (alternative === 'two.sided') cc = Math.sign(centred) * 0.5;
    else cc = alternative === 'greater' ? 0.5 : -0.5;
  }
  const method = correct ? 'normal-cc' : 'normal';
  if (sd === 0) return { n, zeros, V, tMinus, p: null, method, z: null };
  const z = (centred - cc) / sd;
  const tails = normalTails(z);
  let p: number;
  if (alternative === 'less') p = tails.lower;
  else if (alternative === 'greater') p = tails.upper;
  else p = Math.min(1, 2 * Math.min(tails.lower, tails.upper));
  return { n, zeros, V, tMinus, p, method, z };
}

/**
 * Two-sided exact sign test on paired differences: zeros are dropped, S is
 * the number of positive differences among the n non-zero ones, and under
 * H₀ S ~ Bin(n, ½); p = min(1, 2·min(P(X ≤ S), P(X ≥ S))), which equals R's
 * `binom.test(S, n)` because Bin(n, ½) is symmetric. Binomial coefficients
 * are exact BigInts.
 *
 * @returns counts of positive, negative and zero differences and p (null when n = 0).
 */
export function signTest(d: readonly number[]): { n: number; positive: number; negative: number; zeros: number; p: number | null } {
  let positive = 0, negative = 0, zeros = 0;
  for (const x of d) {
    if (Number.isNaN(x)) throw new RangeError('signTest: differences must be numbers, got NaN');
    if (x > 0) positive++;
    else if (x < 0) negative++;
    else zeros++;
  }
  const n = positive + negative;
  if (n === 0) return { n, positive, negative, zeros, p: null };
  let lo = 0n; // Σ_{i ≤ S} C(n, i)
  let hi = 0n; // Σ_{i ≥ S} C(n, i)
  let c = 1n; // C(n, i)
  for (let i = 0; i <= n; i++) {
    if (i <= positive) lo += c;
    if (i >= positive) hi += c;
    c = (c * BigInt(n - i)) / BigInt(i + 1);
  }
  const p = Math.min(1, ratio(2n * (lo < hi ? lo : hi), 1n << BigInt(n)));
  return { n, positive, negative, zeros, p };
}

// ---------------------------------------------------------------------------
// Within-group agreement
// ---------------------------------------------------------------------------

/**
 * James, Demaree & Wolf's r_wg = 1 − s²/σ²_EU for one target rated on a
 * k-point scale: s² is the sample variance (n − 1 denominator) of the
 * ratings and σ²_EU = (k² − 1)/12 the variance of the uniform "no agreement"
 * null distribution over the k options (multilevel's `rwg`). k is the
 * declared number of options, not the observed range, for the same reason as
 * everywhere in this module. The value is not truncated: it goes below 0
 * when the ratings are more spread than uniform: an even split between the
 * extremes of a 4-point scale has population variance 2.25, so r_wg tends to
 * 1 − 2.25/1.25 = −0.8 (lower still for small n, as s² uses n − 1).
 *
 * @returns r_wg, or null when there are fewer than 2 ratings or k < 2.
 */
export function rwg(values: readonly number[], k: number): number | null {
  const n = values.length;
  if (n < 2 || !(k >= 2)) return null;
  const m = mean(values) as number;
  let ss = 0;
  for (const v of values) ss += (v - m) ** 2;
  const s2 = ss / (n - 1);
  return 1 - s2 / ((k * k - 1) / 12);
}
