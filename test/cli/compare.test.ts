import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, transcript, type CliRun } from '../helpers/cli.js';
import { ROOT } from '../helpers/fixtures.js';

/**
 * `selfeval compare` end to end, on the built CLI (run `npm run build` first):
 * golden transcript and outputs for the 2019 and 2020 fixture rounds, byte-identical
 * outputs when a round is given as the ratings.csv that analyse archived, movement
 * counts against the two rounds' known-answer files, and the exit codes.
 */

const OUTPUTS = ['changes.csv', 'transitions.csv', 'proposal_change.csv', 'partnership_change.csv', 'key_feature_change.csv', 'compare.json'];
const GOLDEN = join(ROOT, 'test/golden/compare');

let tmp: string;
let fromDocs: CliRun;
let fromCsv: CliRun;
const dir = (name: string) => join(tmp, name);
const read = (d: string, f: string) => readFileSync(join(dir(d), f), 'utf8');

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'selfeval-compare-'));
  fromDocs = runCli(['compare', 'fixtures/returns/2019', 'fixtures/returns/2020', '--out', dir('docs')]);
  expect(runCli(['analyse', 'fixtures/returns/2019', '--out', dir('a2019'), '-q']).code).toBe(0);
  expect(runCli(['analyse', 'fixtures/returns/2020', '--out', dir('a2020'), '-q']).code).toBe(0);
  fromCsv = runCli(['compare', join(dir('a2019'), 'ratings.csv'), join(dir('a2020'), 'ratings.csv'), '--out', dir('csv')]);
}, 180_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('selfeval compare fixtures/returns/2019 fixtures/returns/2020', () => {
  it('prints the golden summary and exits 0', async () => {
    const text = transcript('selfeval compare fixtures/returns/2019 fixtures/returns/2020 --out <out>', fromDocs, dir('docs'));
    await expect(text).toMatchFileSnapshot(join(GOLDEN, 'compare.md'));
    expect(fromDocs.code).toBe(0);
  });

  it('writes the golden CSV files and compare.json', async () => {
    expect(readdirSync(dir('docs')).sort()).toEqual([...OUTPUTS].sort());
    for (const f of OUTPUTS) await expect(read('docs', f)).toMatchFileSnapshot(join(GOLDEN, f));
  });

  it('gives byte-identical outputs from the ratings.csv files analyse wrote', () => {
    expect(fromCsv.code).toBe(0);
    for (const f of OUTPUTS) expect(read('csv', f), f).toBe(read('docs', f));
    // The terminal summary differs only in the diagnostics line (the reader's warnings are not in a ratings.csv).
    const strip = (s: string) => s.replace(/^Diagnostics:.*$/m, '');
    expect(strip(fromCsv.stdout)).toBe(strip(fromDocs.stdout));
  });

  it('gives the same outputs with one side archived and the other read from the documents', () => {
    const mixed = runCli(['compare', join(dir('a2019'), 'ratings.csv'), 'fixtures/returns/2020', '--out', dir('mixed'), '-q']);
    expect(mixed.code).toBe(0);
    for (const f of OUTPUTS) expect(read('mixed', f), f).toBe(read('docs', f));
  });
});

// ---------------------------------------------------------------------------------------------
// Movement counts from the known answers, not from the reader

type Answers = { partnership: string; proposals: Record<string, { level: number | null }> };

function usedAnswers(round: 2019 | 2020): Map<string, Answers> {
  const cohort = JSON.parse(readFileSync(join(ROOT, `fixtures/expected/cohort-${round}.json`), 'utf8')) as { returns: { file: string; partnership: string; used: boolean }[] };
  const out = new Map<string, Answers>();
  for (const r of cohort.returns.filter((x) => x.used)) {
    const base = basename(r.file).replace(/\.[^.]+$/, '');
    out.set(r.partnership, JSON.parse(readFileSync(join(ROOT, `fixtures/expected/returns/${round}/${base}.json`), 'utf8')) as Answers);
  }
  return out;
}

describe('movement counts against the known answers of both rounds', () => {
  const before = usedAnswers(2019);
  const after = usedAnswers(2020);
  const local = Object.entries([...before.values()][0]!.proposals)
    .filter(([, p]) => (p as { label?: string }).label !== 'Not for local completion')
    .map(([id]) => id);
  const expected = new Map<string, { pairs: number; improved: number; same: number; declined: number; matrix: number[][] }>();
  for (const id of local) {
    const e = { pairs: 0, improved: 0, same: 0, declined: 0, matrix: [0, 1, 2, 3].map(() => [0, 0, 0, 0]) };
    for (const [p, b] of before) {
      const lb = b.proposals[id]!.level;
      const la = after.get(p)?.proposals[id]!.level ?? null;
      if (lb === null || la === null) continue;
      e.pairs++;
      if (la > lb) e.improved++;
      else if (la < lb) e.declined++;
      else e.same++;
      e.matrix[lb - 1]![la - 1]!++;
    }
    expected.set(id, e);
  }
  const csv = (f: string) => parse(read('docs', f), { columns: true }) as Record<string, string>[];

  it('has 29 partnerships in both rounds: Inverclyde and Shetland Islands have not returned in 2020', () => {
    expect(after.size).toBe(29);
    expect([...before.keys()].filter((p) => !after.has(p)).sort()).toEqual(['Inverclyde', 'Shetland Islands']);
    const summary = JSON.parse(read('docs', 'compare.json'));
    expect(summary.coverage.onlyBaseline).toEqual(['Inverclyde', 'Shetland Islands']);
  });

  it('counts improved / same / declined per proposal as the known answers do', () => {
    const rows = csv('proposal_change.csv').filter((r) => r.respondent === 'overall');
    expect(rows.map((r) => r.proposal)).toEqual(local);
    for (const r of rows) {
      const e = expected.get(r.proposal!)!;
      expect([r.pairs, r.improved, r.same, r.declined].map(Number), r.proposal).toEqual([e.pairs, e.improved, e.same, e.declined]);
      expect(Number(r.test_n), r.proposal).toBe(e.pairs);
    }
  });

  it('gives each proposal the transition matrix of the known answers, and the national one their sum', () => {
    const rows = csv('transitions.csv').filter((r) => r.respondent === 'overall');
    const matrixOf = (proposal: string) => rows.filter((r) => r.proposal === proposal).map((r) => [r.to_not_yet_established, r.to_partly_established, r.to_established, r.to_exemplary].map(Number));
    const national = [0, 1, 2, 3].map(() => [0, 0, 0, 0]);
    for (const id of local) {
      const m = expected.get(id)!.matrix;
      expect(matrixOf(id), id).toEqual(m);
      m.forEach((row, i) => row.forEach((v, j) => (national[i]![j]! += v)));
    }
    expect(matrixOf('all')).toEqual(national);
    const n = JSON.parse(read('docs', 'compare.json')).national.movement;
    const total = (k: 'improved' | 'same' | 'declined') => local.reduce((s, id) => s + expected.get(id)![k], 0);
    expect([n.improved, n.same, n.declined]).toEqual([total('improved'), total('same'), total('declined')]);
  });

  it('lists the two missing partnerships\' 2019 ratings with the 2020 side empty', () => {
    const rows = csv('changes.csv').filter((r) => r.partnership === 'Inverclyde');
    expect(rows).toHaveLength(local.length);
    for (const r of rows) {
      expect(r.level_after).toBe('');
      expect(r.movement).toBe('');
      expect(r.flags).toMatch(/^only_baseline/);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Exit codes

describe('compare exit codes', () => {
  it('exits 2 when a side is missing, with the usage on stderr', () => {
    const r = runCli(['compare', 'fixtures/returns/2019']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/missing required argument 'repeat'/);
  });

  it('exits 1 for a malformed ratings.csv (RATINGS_CSV_INVALID), and still writes the outputs', () => {
    const bad = join(tmp, 'bad-ratings.csv');
    writeFileSync(bad, 'round,partnership,proposal,level\n2019,Angus,1.1,3\n');
    const r = runCli(['compare', bad, join(dir('a2020'), 'ratings.csv'), '--format', 'json', '--out', dir('bad')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error RATINGS_CSV_INVALID .*bad-ratings\.csv \(row 1\): The header is not that of a ratings\.csv/);
    const j = JSON.parse(r.stdout);
    expect(j.diagnostics.filter((d: { severity: string }) => d.severity === 'error').map((d: { code: string }) => d.code)).toEqual(['RATINGS_CSV_INVALID']);
    expect(existsSync(join(dir('bad'), 'compare.json'))).toBe(true);
  });

  it('exits 1 when a side does not exist', () => {
    const r = runCli(['compare', 'no/such/folder', join(dir('a2020'), 'ratings.csv'), '-q', '--format', 'json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).diagnostics.some((d: { code: string }) => d.code === 'FILE_NOT_FOUND')).toBe(true);
  });

  it('takes round labels from the options', () => {
    const r = runCli(['compare', join(dir('a2019'), 'ratings.csv'), join(dir('a2020'), 'ratings.csv'), '--baseline-round', 'MSG 2019', '--repeat-round', 'MSG 2020', '-q']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^MSG self-evaluation: change from MSG 2019 to MSG 2020 /);
  });

  it('documents itself in --help', () => {
    const r = runCli(['compare', '--help']);
    expect(r.code).toBe(0);
    for (const o of ['<baseline>', '<repeat>', '--out', '--format', '--baseline-round', '--repeat-round', '--template', '--repeat-template', '--aliases', '--bom']) expect(r.stdout).toContain(o);
  });
});
