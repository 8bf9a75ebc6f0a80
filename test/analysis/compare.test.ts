import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/analyse.js';
import { compareRounds, pairedTest, type CompareRating, type CompareSide } from '../../src/analysis/compare.js';
import type { Respondent } from '../../src/model/schema.js';
import { RATINGS_CSV_COLUMNS, readRatingsCsv, restoreNeutralised } from '../../src/read/ratings-csv.js';
import { partnershipMatcher } from '../../src/reference/match-partnership.js';
import { PARTNERSHIPS } from '../../src/reference/partnerships.js';
import { analysisCsvFiles } from '../../src/report/analysis-csv.js';
import { compareCsvFiles } from '../../src/report/compare-csv.js';
import { BUILT_IN_TEMPLATE } from '../../src/template/load.js';

/**
 * compare's statistics reproduce the published values of shared/reference/statistics.md
 * (rows 15–17 and the paired-change section) through compare's own functions, and its
 * matching, flags and ordering follow the issue. Every expected number here is a
 * published value or exact arithmetic on published inputs.
 */

const T = BUILT_IN_TEMPLATE;
const LABELS = T.scale.map((s) => s.label);
const NAMES = PARTNERSHIPS.map((p) => p.name);

function rating(partnership: string, proposal: string, level: number | null, extra: Partial<CompareRating> = {}): CompareRating {
  return {
    partnership,
    proposal,
    respondent: 'overall',
    body: '',
    status: 'final',
    rating: level === null ? 'Not rated' : LABELS[level - 1]!,
    level,
    modifier: null,
    flags: [],
    file: `${partnership}.docx`,
    ...extra,
  };
}

const side = (round: string, ratings: CompareRating[]): CompareSide => ({ round, template: T, ratings });

// statistics.md, "Paired change with ties and zeros": 31 partnerships on one proposal (R 4.2.2).
const BEFORE = [2, 3, 3, 2, 3, 2, 3, 2, 3, 3, 2, 3, 2, 3, 3, 3, 2, 3, 2, 2, 3, 3, 2, 3, 4, 3, 2, 4, 3, 2, 3];
const AFTER = [3, 3, 3, 3, 2, 2, 4, 3, 3, 3, 4, 3, 3, 3, 3, 2, 3, 3, 2, 3, 3, 3, 3, 3, 4, 3, 3, 3, 3, 3, 3];

describe('paired tests through compare (statistics.md)', () => {
  const tied = compareRounds(
    side('2019', NAMES.flatMap((p, i) => [rating(p, '1.1', BEFORE[i]!), rating(p, '1.2', BEFORE[i]!)])),
    side('2020', NAMES.flatMap((p, i) => [rating(p, '1.1', AFTER[i]!), rating(p, '1.2', AFTER[i]!)])),
  );

  it('per proposal: the tied case gives V = 84, p = 0.03170004026 (normal approximation, tie and continuity correction)', () => {
    const p11 = tied.proposals.find((p) => p.proposal === '1.1' && p.respondent === 'overall')!;
    expect(p11.test.n).toBe(31);
    expect(p11.test.wilcoxonV).toBe(84);
    expect(p11.test.wilcoxonP).toBeCloseTo(0.03170004026, 10);
    expect(p11.test.wilcoxonMethod).toBe('normal-cc');
    // binom.test(11, 14): 11 up, 3 down, 17 unchanged.
    expect([p11.test.up, p11.test.down, p11.test.zero]).toEqual([11, 3, 17]);
    expect(p11.test.signP).toBeCloseTo(0.05737304688, 10);
    expect([p11.movement.improved, p11.movement.same, p11.movement.declined]).toEqual([11, 17, 3]);
  });

  it('nationally: tests each partnership\'s mean movement, never the pooled pairs', () => {
    // Both proposals moved alike, so each partnership's mean is its movement on 1.1: the
    // same test as above, with n = 31 partnerships (pooling the 62 pairs would give V = 325 and p = 0.0021).
    expect(tied.national.movement.pairs).toBe(62);
    expect(tied.national.test.unit).toBe('partnership_mean');
    expect(tied.national.test.n).toBe(31);
    expect(tied.national.test.wilcoxonV).toBe(84);
    expect(tied.national.test.wilcoxonP).toBeCloseTo(0.03170004026, 10);
    expect(tied.national.test.signP).toBeCloseTo(0.05737304688, 10);
    const kf1 = tied.keyFeatures.find((k) => k.keyFeature === 1)!;
    expect(kf1.test.wilcoxonV).toBe(84);
    expect(kf1.test.n).toBe(31);
  });

  it('row 15: V = 96 (T⁻ = 24), exact two-sided p = 1352/32768', () => {
    const t = pairedTest([6, 8, 14, 16, 23, 24, 28, 29, 41, -48, 49, 56, 60, -67, 75], 'partnership_mean');
    expect(t.wilcoxonV).toBe(96);
    expect(t.wilcoxonMethod).toBe('exact');
    expect(t.wilcoxonP).toBe(1352 / 32768);
  });

  it('rows 16–17: Hollander & Wolfe, V = 40 exact (two-sided p = 2 × 10/512); sign test 7 up, 2 down, p = 92/512', () => {
    const x = [1.83, 0.5, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.3];
    const y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29];
    const t = pairedTest(x.map((v, i) => v - y[i]!), 'pair');
    expect(t.wilcoxonV).toBe(40);
    expect(t.wilcoxonMethod).toBe('exact');
    expect(t.wilcoxonP).toBe(20 / 512);
    expect([t.up, t.down]).toEqual([7, 2]);
    expect(t.signP).toBe(92 / 512);
  });

  it('uses the exact test on a proposal with no ties or zeros, and names it', () => {
    const c = compareRounds(side('A', [rating(NAMES[0]!, '2.1', 1), rating(NAMES[1]!, '2.1', 1), rating(NAMES[2]!, '2.1', 1)]), side('B', [rating(NAMES[0]!, '2.1', 2), rating(NAMES[1]!, '2.1', 3), rating(NAMES[2]!, '2.1', 4)]));
    const t = c.proposals.find((p) => p.proposal === '2.1')!.test;
    expect(t.wilcoxonMethod).toBe('exact');
    expect(t.wilcoxonV).toBe(6);
    expect(t.wilcoxonP).toBe(2 / 8);
    const csv = compareCsvFiles(c).find((f) => f.name === 'proposal_change.csv')!.content;
    expect(csv).toMatch(/^A,B,2,2\.1,overall,.*,6\.0000,0\.2500,exact$/m);
  });

  it('gives no test where nothing moved', () => {
    const t = pairedTest([0, 0, 0], 'pair');
    expect(t).toMatchObject({ n: 3, zero: 3, signP: null, wilcoxonV: null, wilcoxonP: null, wilcoxonMethod: null });
  });
});

describe('matching, movement and flags', () => {
  const [a, b, c] = ['Angus', 'Clackmannanshire and Stirling', 'Fife'];
  const body = (p: string, proposal: string, respondent: Respondent, name: string, level: number, extra: Partial<CompareRating> = {}) => rating(p, proposal, level, { respondent, body: name, ...extra });
  const base = side('2019', [
    rating(a, '1.1', 2, { status: 'draft' }),
    rating(a, '1.2', 3, { modifier: 'plus' }),
    rating(a, '2.3', 1, { flags: ['split'] }),
    rating(b, '1.1', 3),
    body(b, '1.1', 'council', 'Stirling Council', 3),
    body(b, '1.1', 'council', 'Clackmannanshire Council', 2),
    body(b, '1.1', 'ijb', 'IJB', 4),
    rating(c, '1.1', 4),
    rating(a, '3.2', null, { rating: 'Not for local completion' }),
  ]);
  const repeat = side('2020', [
    rating(a, '1.1', 3),
    rating(a, '1.2', 3),
    rating(a, '2.3', null, { flags: ['no_mark'] }),
    rating(b, '1.1', 2),
    body(b, '1.1', 'council', 'Clackmannanshire Council', 3),
    body(b, '1.1', 'council', 'Stirling Council', 3),
  ]);
  const cmp = compareRounds(base, repeat, { baseline: 'returns/2019', repeat: 'returns/2020' });

  it('matches by partnership, proposal, respondent and body (two councils told apart)', () => {
    const councils = cmp.changes.filter((x) => x.partnership === b && x.respondent === 'council');
    expect(councils.map((x) => [x.body, x.levelBefore, x.levelAfter, x.movement])).toEqual([
      ['Clackmannanshire Council', 2, 3, 1],
      ['Stirling Council', 3, 3, 0],
    ]);
  });

  it('orders changes by template proposal, partnership, respondent, body; not-for-local proposals are left out', () => {
    expect(cmp.changes.map((x) => `${x.proposal} ${x.partnership} ${x.respondent} ${x.body}`.trim())).toEqual([
      '1.1 Angus overall',
      '1.1 Clackmannanshire and Stirling overall',
      '1.1 Clackmannanshire and Stirling ijb IJB',
      '1.1 Clackmannanshire and Stirling council Clackmannanshire Council',
      '1.1 Clackmannanshire and Stirling council Stirling Council',
      '1.1 Fife overall',
      '1.2 Angus overall',
      '2.3 Angus overall',
    ]);
  });

  it('keeps rows present in one round only, with the other side empty, and flags why a pair is missing', () => {
    const flags = Object.fromEntries(cmp.changes.map((x) => [`${x.proposal} ${x.partnership} ${x.respondent} ${x.body}`.trim(), x.flags.join(';')]));
    expect(flags).toEqual({
      '1.1 Angus overall': 'draft_before',
      '1.1 Clackmannanshire and Stirling overall': '',
      '1.1 Clackmannanshire and Stirling ijb IJB': 'only_baseline',
      '1.1 Clackmannanshire and Stirling council Clackmannanshire Council': '',
      '1.1 Clackmannanshire and Stirling council Stirling Council': '',
      '1.1 Fife overall': 'only_baseline',
      '1.2 Angus overall': 'modifier_changed',
      '2.3 Angus overall': 'not_rated_after;before_split;after_no_mark',
    });
    const fife = cmp.changes.find((x) => x.partnership === c)!;
    expect([fife.levelBefore, fife.levelAfter, fife.movement]).toEqual([4, null, null]);
  });

  it('reports partnerships and bodies in one round only as ROUND_ONLY diagnostics', () => {
    expect(cmp.coverage.onlyBaseline).toEqual([c]);
    expect(cmp.diagnostics.map((d) => [d.code, d.severity, d.file, d.location])).toEqual([
      ['ROUND_ONLY_BASELINE', 'info', 'Fife.docx', 'partnership Fife'],
      ['ROUND_ONLY_BASELINE', 'info', 'Clackmannanshire and Stirling.docx', 'partnership Clackmannanshire and Stirling, ijb IJB'],
    ]);
    const repeatOnly = compareRounds(side('2019', []), side('2020', [rating(a, '1.1', 2)]), { baseline: 'x', repeat: 'y' });
    expect(repeatOnly.diagnostics.map((d) => [d.code, d.location, d.proposal])).toEqual([
      ['ROUND_ONLY_REPEAT', 'partnership Angus', ''],
      ['ROUND_ONLY_REPEAT', 'proposal 1.1', '1.1'],
    ]);
  });

  it('counts improved / same / declined, the transition matrix and the paired distributions', () => {
    const p11 = cmp.proposals.find((p) => p.proposal === '1.1' && p.respondent === 'overall')!;
    expect(p11.units).toBe(3);
    expect(p11.notPaired).toBe(1);
    expect([p11.movement.improved, p11.movement.same, p11.movement.declined, p11.movement.netMovement]).toEqual([1, 0, 1, 0]);
    expect(p11.movement.transitions).toEqual([
      [0, 0, 0, 0],
      [0, 0, 1, 0],
      [0, 1, 0, 0],
      [0, 0, 0, 0],
    ]);
    expect(p11.movement.before.counts).toEqual([0, 1, 1, 0]);
    expect(p11.movement.after.counts).toEqual([0, 1, 1, 0]);
    // Consensus of the paired distributions: unchanged here.
    expect(p11.movement.consensus.tastleWiermanChange).toBe(0);
    // The council row exists (a body was paired); IJB alone was never paired.
    expect(cmp.proposals.filter((p) => p.proposal === '1.1').map((p) => p.respondent)).toEqual(['overall', 'council']);
    const angus = cmp.partnerships.find((p) => p.partnership === a)!;
    expect([angus.pairs, angus.improved, angus.same, angus.declined, angus.netMovement]).toEqual([2, 1, 1, 0, 1]);
    expect(cmp.partnerships.find((p) => p.partnership === c)).toMatchObject({ inBaseline: true, inRepeat: false, pairs: 0, meanMovement: null });
  });

  it('writes movement as a number (-1 stays -1) and neutralises formula-like text', () => {
    const x = compareRounds(side('2019', [rating(a, '1.1', 3, { respondent: 'council', body: '=HYPERLINK("x")' })]), side('2020', [rating(a, '1.1', 2, { respondent: 'council', body: '=HYPERLINK("x")' })]));
    const csv = compareCsvFiles(x).find((f) => f.name === 'changes.csv')!.content;
    expect(csv.split('\n')[1]).toBe(`2019,2020,Angus,1.1,council,"'=HYPERLINK(""x"")",3,2,-1,`);
  });
});

describe('reading an archived ratings.csv', () => {
  const matcher = partnershipMatcher([]);
  const header = RATINGS_CSV_COLUMNS.join(',');

  it('has the columns analyse writes', () => {
    const a = analyse([], T);
    const ratings = [...analysisCsvFiles(a, []).find((f) => f.name === 'ratings.csv')!.content].join('');
    expect(ratings.split('\n')[0]).toBe(header);
  });

  it('reads used rows, restores neutralised text and canonicalises partnerships', () => {
    const csv = [
      header,
      `2019,a.docx,Angus,final,yes,1,1.1,overall,,Established,3,plus,,10,'- keep going`,
      `2019,a.docx,Angus,final,yes,1,1.1,council,'=Angus Council,Partly established,2,,split;blank_body,0,`,
      `2019,b.docx,Angus HSCP,draft,no,1,1.2,overall,,Exemplary,4,,,0,`,
      `2019,c.docx,Dundee HSCP,draft,yes,2,2.3,overall,,Not rated,,,no_mark,0,`,
    ].join('\n');
    const r = readRatingsCsv(csv, 'old/ratings.csv', T, matcher);
    expect(r.diagnostics).toEqual([]);
    expect(r.round).toBe('2019');
    expect(r.ratings.map((x) => [x.partnership, x.proposal, x.respondent, x.body, x.level, x.modifier, x.flags.join(';'), x.status])).toEqual([
      ['Angus', '1.1', 'overall', '', 3, 'plus', '', 'final'],
      ['Angus', '1.1', 'council', '=Angus Council', 2, null, 'blank_body;split', 'final'],
      ['Dundee City', '2.3', 'overall', '', null, null, 'no_mark', 'draft'],
    ]);
    expect(restoreNeutralised("'+44")).toBe('+44');
    expect(restoreNeutralised("'plain")).toBe("'plain");
  });

  it('refuses a malformed header with RATINGS_CSV_INVALID (an error)', () => {
    const r = readRatingsCsv('round,partnership,proposal,level\n2019,Angus,1.1,3\n', 'x.csv', T, matcher);
    expect(r.ratings).toEqual([]);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ code: 'RATINGS_CSV_INVALID', severity: 'error', file: 'x.csv', location: 'row 1' });
    expect(r.diagnostics[0]!.message).toMatch(/missing column\(s\) file, status, used/);
    expect(readRatingsCsv('', 'e.csv', T, matcher).diagnostics[0]!.code).toBe('RATINGS_CSV_INVALID');
  });

  it('reports each bad row by its spreadsheet row and keeps the others', () => {
    const csv = [
      header,
      '2019,a.docx,Angus,final,yes,1,1.1,overall,,Established,2,,,10,', // label and level disagree
      '2019,a.docx,Angus,final,yes,1,1.2,overall,,Established,3,,,10,',
      '2019,a.docx,Nowhere,final,yes,1,1.3,overall,,Established,3,,,10,', // unknown partnership
      '2019,a.docx,Angus,final,yes,9,9.9,overall,,Established,3,,,10,', // not in the template
      '2019,a.docx,Angus,final,yes,1,1.2,overall,,Established,3,,,10,', // duplicate key
      '2019,a.docx,Angus,final,maybe,1,1.3,overall,,Established,3,,odd_flag,10,',
    ].join('\n');
    const r = readRatingsCsv(csv, 'x.csv', T, matcher);
    expect(r.ratings.map((x) => x.proposal)).toEqual(['1.2']);
    expect(r.diagnostics.map((d) => [d.code, d.location])).toEqual([
      ['RATINGS_CSV_INVALID', 'row 2'],
      ['RATINGS_CSV_INVALID', 'row 4'],
      ['RATINGS_CSV_INVALID', 'row 5'],
      ['RATINGS_CSV_INVALID', 'row 6'],
      ['RATINGS_CSV_INVALID', 'row 7'],
    ]);
    expect(r.diagnostics[4]!.message).toMatch(/used.*flags|flags.*used/s);
  });

  it('refuses a file that mixes rounds', () => {
    const csv = [header, '2019,a.docx,Angus,final,yes,1,1.1,overall,,Established,3,,,10,', '2020,b.docx,Fife,final,yes,1,1.1,overall,,Established,3,,,10,'].join('\n');
    const r = readRatingsCsv(csv, 'x.csv', T, matcher);
    expect(r.ratings).toEqual([]);
    expect(r.diagnostics[0]!.message).toMatch(/several rounds \(2019, 2020\)/);
  });
});
