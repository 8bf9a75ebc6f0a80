import { describe, it, expect } from 'vitest';
import {
  fleissKappa,
  krippendorffAlpha,
  leikD,
  mean,
  median,
  modes,
  normalCdf,
  normalSf,
  polarization,
  rwg,
  signTest,
  tastleWierman,
  vanDerEijkA,
  vanDerEijkLayers,
  wilcoxonSignedRank,
} from '../../src/analysis/statistics.js';

// Every expected number below is a published value (or exact arithmetic on
// published inputs) from shared/reference/statistics.md; the row numbers
// refer to its table. None of them was produced by this module.

/** van der Eijk's (2001, p. 331) example, used by agrmt's help pages. */
const VDE = [30, 40, 210, 130, 530, 50, 10];

/** Turns coders × units reliability data into units × coders. */
function byUnit(coders: readonly (readonly (number | null)[])[]): (number | null)[][] {
  const nUnits = (coders[0] as readonly (number | null)[]).length;
  return Array.from({ length: nUnits }, (_, u) => coders.map((c) => c[u] as number | null));
}

/** Turns subjects × raters category codes 1..q into a subjects × categories count table. */
function countTable(ratings: readonly (readonly number[])[], q: number): number[][] {
  return ratings.map((row) => {
    const counts = new Array<number>(q).fill(0);
    for (const r of row) counts[r - 1] = (counts[r - 1] as number) + 1;
    return counts;
  });
}

describe('ordinal consensus on one item (rows 1–7)', () => {
  it('row 1: Tastle–Wierman consensus of the vdE vector is 0.7256876 (agrmt consensus.Rd)', () => {
    expect(tastleWierman(VDE)).toBeCloseTo(0.7256876, 7);
  });

  it('row 2: van der Eijk A of the vdE vector is 0.6113333 (agrmt agreement.Rd)', () => {
    expect(vanDerEijkA(VDE)).toBeCloseTo(0.6113333, 7);
  });

  it('row 2: the vdE layers are those of the agrmt vignette table', () => {
    const layers = vanDerEijkLayers(VDE);
    expect(layers).not.toBeNull();
    const ls = layers ?? [];
    expect(ls.map((l) => l.pattern.join(''))).toEqual(['1111111', '1111110', '0111110', '0011110', '0011100', '0010100', '0000100']);
    const A = [0, 0.167, 0.333, 0.5, 0.667, 0.467, 1];
    const w = [0.07, 0.12, 0.05, 0.04, 0.24, 0.16, 0.32];
    expect(ls).toHaveLength(7);
    ls.forEach((l, i) => {
      expect(l.agreement).toBeCloseTo(A[i] as number, 3);
      expect(l.weight).toBeCloseTo(w[i] as number, 2);
    });
  });

  it('row 3: polarization of the vdE vector is 0.1943333 (agrmt polarization.Rd)', () => {
    expect(polarization(VDE)).toBeCloseTo(0.1943333, 7);
  });

  it('row 4: Leik D of the vdE vector is 0.287 (0.2866667 exact)', () => {
    expect(leikD(VDE)).toBeCloseTo(0.287, 3);
    expect(leikD(VDE)).toBeCloseTo(0.2866667, 7);
  });

  it('row 5: van der Eijk A on percentages: PvdA 0.61, D66 0.48 (agrmt vignette)', () => {
    expect(vanDerEijkA([2.4, 2.8, 3.2, 6.2, 13.5, 30.4, 41.6])).toBeCloseTo(0.61, 2);
    expect(vanDerEijkA([1.6, 2.6, 8.2, 21, 29.3, 27, 10.3])).toBeCloseTo(0.48, 2);
  });

  it('row 6: ratings 1,1,3,4 on the declared 4-level scale give A = 0.08 (1/12 exactly)', () => {
    expect(vanDerEijkA([2, 0, 1, 1])).toBeCloseTo(0.08, 2);
    expect(vanDerEijkA([2, 0, 1, 1])).toBeCloseTo(1 / 12, 12);
  });

  it('row 7: limits — all in one level', () => {
    expect(vanDerEijkA([6, 0, 0, 0])).toBe(1);
    expect(tastleWierman([6, 0, 0, 0])).toBe(1);
    expect(leikD([6, 0, 0, 0])).toBe(0);
  });

  it('row 7: limits — uniform spread gives A = 0', () => {
    expect(vanDerEijkA([5, 5, 5, 5])).toBe(0);
  });

  it('row 7: limits — even split between the extremes', () => {
    expect(vanDerEijkA([3, 0, 0, 3])).toBeCloseTo(-1, 12);
    expect(tastleWierman([3, 0, 0, 3])).toBeCloseTo(0, 12);
    expect(leikD([3, 0, 0, 3])).toBeCloseTo(1, 12);
  });

  it('undefined values are null, never NaN', () => {
    expect(tastleWierman([0, 0, 0, 0])).toBeNull();
    expect(vanDerEijkA([0, 0, 0, 0])).toBeNull();
    expect(vanDerEijkA([3, 4])).toBeNull();
    expect(polarization([0, 0, 0, 0])).toBeNull();
    expect(leikD([0, 0, 0, 0])).toBeNull();
    expect(rwg([3], 4)).toBeNull();
  });
});

describe("Krippendorff's alpha (rows 8–10)", () => {
  // Row 8: Krippendorff (2004, p. 230), 4 coders × 12 units; B=1 L=2 P=3 C=4 F=5.
  const row8 = byUnit([
    [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
    [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
  ]);

  it('row 8: nominal 0.743, with 40 pairable values in 11 units', () => {
    const r = krippendorffAlpha(row8, 'nominal');
    expect(r.alpha).toBeCloseTo(0.743, 3);
    expect(r.pairableValues).toBe(40);
    expect(r.units).toBe(11);
  });

  it('row 8: ordinal 0.815', () => {
    expect(krippendorffAlpha(row8, 'ordinal').alpha).toBeCloseTo(0.815, 3);
  });

  it('row 8: interval 0.849', () => {
    expect(krippendorffAlpha(row8, 'interval').alpha).toBeCloseTo(0.849, 3);
  });

  it('row 8: ratio 0.797', () => {
    expect(krippendorffAlpha(row8, 'ratio').alpha).toBeCloseTo(0.797, 3);
  });

  // Row 9: Wikipedia's example as in fast-krippendorff sample.py (3 coders × 15 units).
  const row9 = byUnit([
    [null, null, null, null, null, 3, 4, 1, 2, 1, 1, 3, 3, null, 3],
    [1, null, 2, 1, 3, 3, 4, 3, null, null, null, null, null, null, null],
    [null, null, 2, 1, 3, 4, 4, null, 2, 1, 1, 3, 3, null, 4],
  ]);

  it('row 9: Wikipedia example, nominal 0.691358', () => {
    expect(krippendorffAlpha(row9, 'nominal').alpha).toBeCloseTo(0.691358, 6);
  });

  it('row 9: Wikipedia example, interval 0.810845', () => {
    expect(krippendorffAlpha(row9, 'interval').alpha).toBeCloseTo(0.810845, 6);
  });

  it('row 10: Krippendorff (2004, p. 224) binary data, 2 coders × 10 units: 0.095', () => {
    // dkpro-statistics Krippendorff2004Test.createExample1
    const units = [
      [1, 0], [1, 1], [0, 1], [0, 0], [0, 0],
      [0, 1], [0, 0], [0, 1], [0, 0], [0, 0],
    ];
    expect(krippendorffAlpha(units, 'nominal').alpha).toBeCloseTo(0.095, 3);
  });

  it('row 10: Krippendorff (2004, p. 227) three values, 2 coders × 12 units: 0.734', () => {
    // dkpro-statistics Krippendorff2004Test.createExample2, a=1 b=2 c=3
    const units = [
      [1, 1], [1, 2], [2, 2], [2, 2], [2, 2], [2, 2],
      [2, 3], [3, 3], [3, 3], [3, 3], [3, 3], [3, 3],
    ];
    expect(krippendorffAlpha(units, 'nominal').alpha).toBeCloseTo(0.734, 3);
  });

  it('alpha is null without two pairable values or without variation', () => {
    expect(krippendorffAlpha([[1, null], [null, 2]], 'nominal').alpha).toBeNull();
    expect(krippendorffAlpha([[2, 2], [2, 2]], 'interval').alpha).toBeNull();
  });
});

describe("Fleiss' kappa (rows 11–13)", () => {
  // Row 11: Fleiss (1971) diagnoses, 30 subjects × 6 raters, 5 categories
  // (irr `diagnoses`, as in statsmodels test_inter_rater.py).
  const diagnoses = [
    [4, 4, 4, 4, 4, 4], [2, 2, 2, 5, 5, 5], [2, 3, 3, 3, 3, 5], [5, 5, 5, 5, 5, 5], [2, 2, 2, 4, 4, 4],
    [1, 1, 3, 3, 3, 3], [3, 3, 3, 3, 5, 5], [1, 1, 3, 3, 3, 4], [1, 1, 4, 4, 4, 4], [5, 5, 5, 5, 5, 5],
    [1, 4, 4, 4, 4, 4], [1, 2, 4, 4, 4, 4], [2, 2, 2, 3, 3, 3], [1, 4, 4, 4, 4, 4], [2, 2, 4, 4, 4, 5],
    [3, 3, 3, 3, 3, 5], [1, 1, 1, 4, 5, 5], [1, 1, 1, 1, 1, 2], [2, 2, 4, 4, 4, 4], [1, 3, 3, 5, 5, 5],
    [5, 5, 5, 5, 5, 5], [2, 4, 4, 4, 4, 4], [2, 2, 4, 5, 5, 5], [1, 1, 4, 4, 4, 4], [1, 4, 4, 4, 4, 5],
    [2, 2, 2, 2, 2, 4], [1, 1, 1, 1, 5, 5], [2, 2, 4, 4, 4, 4], [1, 3, 3, 3, 3, 3], [5, 5, 5, 5, 5, 5],
  ];
  const diagTable = countTable(diagnoses, 5);

  it('row 11: the diagnoses table has column sums 26, 26, 30, 55, 43', () => {
    const sums = [0, 1, 2, 3, 4].map((j) => diagTable.reduce((s, r) => s + (r[j] as number), 0));
    expect(sums).toEqual([26, 26, 30, 55, 43]);
  });

  it('row 11: kappa 0.4302445, z 17.65183, P̄ 0.5556, P̄e 0.2201, per-category kappa', () => {
    const r = fleissKappa(diagTable);
    expect(r.kappa).toBeCloseTo(0.4302445, 7);
    expect(r.z).toBeCloseTo(17.65183, 5);
    expect(r.pBar).toBeCloseTo(0.5556, 4);
    // Fleiss (1971) printed P̄e = 0.2201, computed from p_j rounded to three
    // decimals (0.144, 0.144, 0.167, 0.306, 0.239); the exact value from the
    // published column sums is 7126/32400 = 0.21994. Check the printed value
    // with dkpro-statistics' tolerance (0.001) and the exact one tightly.
    expect(Math.abs(r.pBarE - 0.2201)).toBeLessThan(0.001);
    expect(r.pBarE).toBeCloseTo(7126 / 32400, 12);
    // Fleiss (1971) printed per-category kappas from hand-rounded p_j, so
    // they are checked with dkpro-statistics' tolerance for them (0.005).
    // Exact for category 1 from the published data, κ_j = 1 − Σ n_ij(n − n_ij)
    // / (N n (n − 1) p_j q_j) = 1 − 84 / (900 · 26/180 · 154/180) = 35/143.
    const expected = [0.248, 0.248, 0.517, 0.47, 0.565];
    expect(r.perCategoryKappa).toHaveLength(5);
    r.perCategoryKappa.forEach((k, j) => {
      expect(k).not.toBeNull();
      expect(Math.abs((k as number) - (expected[j] as number))).toBeLessThan(0.005);
    });
    expect(r.perCategoryKappa[0]).toBeCloseTo(35 / 143, 12);
    r.pj.forEach((p, j) => expect(p * 180).toBeCloseTo([26, 26, 30, 55, 43][j] as number, 9));
  });

  it('row 12: Wikipedia 10 subjects × 14 raters: kappa 0.210, pj 0.143 0.200 0.279 0.150 0.229', () => {
    // statsmodels test_inter_rater.py table1 (Wikipedia's worked example).
    const table = [
      [0, 0, 0, 0, 14],
      [0, 2, 6, 4, 2],
      [0, 0, 3, 5, 6],
      [0, 3, 9, 2, 0],
      [2, 2, 8, 1, 1],
      [7, 7, 0, 0, 0],
      [3, 2, 6, 3, 0],
      [2, 5, 3, 2, 2],
      [6, 5, 2, 1, 0],
      [0, 2, 2, 3, 7],
    ];
    const r = fleissKappa(table);
    expect(r.kappa).toBeCloseTo(0.21, 3);
    const pj = [0.143, 0.2, 0.279, 0.15, 0.229];
    r.pj.forEach((p, j) => expect(p).toBeCloseTo(pj[j] as number, 3));
  });

  it('row 13: [[7,1],[3,5]] Fleiss 0.161905, Randolph 0.214286', () => {
    const r = fleissKappa([[7, 1], [3, 5]]);
    expect(r.kappa).toBeCloseTo(0.161905, 6);
    // Randolph's free-marginal kappa from the same P̄: (P̄ − 1/q)/(1 − 1/q).
    expect((r.pBar - 1 / 2) / (1 - 1 / 2)).toBeCloseTo(0.214286, 6);
  });

  it('row 13: [[6,1,0],[0,7,0]] Fleiss 0.708333, Randolph 0.785714', () => {
    const r = fleissKappa([[6, 1, 0], [0, 7, 0]]);
    expect(r.kappa).toBeCloseTo(0.708333, 6);
    expect((r.pBar - 1 / 3) / (1 - 1 / 3)).toBeCloseTo(0.785714, 6);
    expect(r.perCategoryKappa[2]).toBeNull(); // category never used
  });

  it('rejects subjects with unequal numbers of ratings', () => {
    expect(() => fleissKappa([[2, 1], [1, 1]])).toThrow(RangeError);
    expect(() => fleissKappa([[2, 1], [1, 1]])).toThrow(/same number of ratings/);
  });
});

describe('paired change (rows 15–17)', () => {
  it('row 15: exact Wilcoxon, T+ = 96, T− = 24, two-sided p = 1352/32768, greater 676/32768', () => {
    const d = [6, 8, 14, 16, 23, 24, 28, 29, 41, -48, 49, 56, 60, -67, 75];
    const r = wilcoxonSignedRank(d);
    expect(r.method).toBe('exact');
    expect(r.n).toBe(15);
    expect(r.V).toBe(96);
    expect(r.tMinus).toBe(24);
    expect(r.p).toBe(0.041259765625);
    expect(r.p).toBe(1352 / 32768);
    expect(wilcoxonSignedRank(d, { alternative: 'greater' }).p).toBe(676 / 32768);
  });

  // R ?wilcox.test, Hollander & Wolfe (1973) depression scores.
  const x = [1.83, 0.5, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.3];
  const y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29];
  const dxy = x.map((v, i) => v - (y[i] as number));

  it('row 16: paired Wilcoxon, greater: V = 40, p = 0.01953 (= 10/512)', () => {
    const r = wilcoxonSignedRank(dxy, { alternative: 'greater' });
    expect(r.method).toBe('exact');
    expect(r.V).toBe(40);
    expect(r.p).toBeCloseTo(0.01953, 5);
    expect(r.p).toBe(10 / 512);
  });

  it('row 17: sign test on the same pairs: 7 positive, 2 negative, p = 0.1796875', () => {
    const r = signTest(dxy);
    expect(r.positive).toBe(7);
    expect(r.negative).toBe(2);
    expect(r.zeros).toBe(0);
    expect(r.p).toBe(0.1796875);
  });

  // "Paired change with ties and zeros": 31 partnerships, R 4.2.2.
  const before = [2, 3, 3, 2, 3, 2, 3, 2, 3, 3, 2, 3, 2, 3, 3, 3, 2, 3, 2, 2, 3, 3, 2, 3, 4, 3, 2, 4, 3, 2, 3];
  const after = [3, 3, 3, 3, 2, 2, 4, 3, 3, 3, 4, 3, 3, 3, 3, 2, 3, 3, 2, 3, 3, 3, 3, 3, 4, 3, 3, 3, 3, 3, 3];
  const change = after.map((a, i) => a - (before[i] as number));

  it('ties and zeros: Wilcoxon with continuity correction, V = 84, p = 0.03170004026', () => {
    const r = wilcoxonSignedRank(change);
    expect(r.method).toBe('normal-cc');
    expect(r.zeros).toBe(17);
    expect(r.n).toBe(14);
    expect(r.V).toBe(84);
    expect(r.p).toBeCloseTo(0.03170004026, 11);
  });

  it('ties and zeros: Wilcoxon without continuity correction, V = 84, p = 0.02904902216', () => {
    const r = wilcoxonSignedRank(change, { correct: false });
    expect(r.method).toBe('normal');
    expect(r.V).toBe(84);
    expect(r.p).toBeCloseTo(0.02904902216, 11);
  });

  it('ties and zeros: sign test 11 up, 3 down, 17 unchanged, p = 0.05737304688', () => {
    const r = signTest(change);
    expect(r.positive).toBe(11);
    expect(r.negative).toBe(3);
    expect(r.zeros).toBe(17);
    // R prints 0.05737304688; the exact value is 940/16384 = 0.057373046875,
    // which sits exactly on the 11th-decimal rounding boundary.
    expect(r.p).toBeCloseTo(0.05737304688, 10);
    expect(r.p).toBe(940 / 16384);
  });

  it('no non-zero differences: p is null', () => {
    expect(wilcoxonSignedRank([0, 0]).p).toBeNull();
    expect(signTest([0, 0]).p).toBeNull();
  });
});

describe('helpers', () => {
  it('rwg uses sigma²_EU = 1.25 on a 4-point scale', () => {
    // ratings 2, 3, 3, 4: s² = 2/3, so rwg = 1 − (2/3)/1.25.
    expect(rwg([2, 3, 3, 4], 4)).toBeCloseTo(1 - 2 / 3 / 1.25, 12);
  });

  it('median, mean and modes', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBeNull();
    expect(mean([1, 2, 3, 4])).toBe(2.5);
    expect(mean([])).toBeNull();
    expect(modes(VDE)).toEqual([5]);
    expect(modes([3, 0, 3, 1])).toEqual([1, 3]);
    expect(modes([0, 0, 0, 0])).toEqual([]);
  });

  it('normal distribution matches printed tables', () => {
    expect(normalCdf(-1.959963984540054)).toBeCloseTo(0.025, 15);
    expect(normalSf(3)).toBeCloseTo(0.00134989803163, 14);
    expect(normalCdf(0)).toBe(0.5);
  });
});
