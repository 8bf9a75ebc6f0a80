import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { leikD, tastleWierman, vanDerEijkA } from '../../src/analysis/statistics.js';
import { runCli } from '../helpers/cli.js';
import { listExpected, loadExpected, ROOT } from '../helpers/fixtures.js';

/**
 * analyse end to end, checked against numbers computed here from the known-answer
 * files (what a person sees in each return), never from the reader's output.
 */
const tmp = () => mkdtempSync(join(tmpdir(), 'selfeval-analyse-'));
const csv = (dir: string, name: string) => parse(readFileSync(join(dir, name), 'utf8'), { columns: true }) as Record<string, string>[];
const LEVELS = ['not_yet_established', 'partly_established', 'established', 'exemplary'];

describe('analyse on the 2019 cohort', () => {
  const out = tmp();
  const run = runCli(['analyse', 'fixtures/returns/2019', '--out', out]);
  const cohort = JSON.parse(readFileSync(join(ROOT, 'fixtures/expected/cohort-2019.json'), 'utf8')) as { returns: { file: string; used: boolean }[] };
  const usedFiles = new Set(cohort.returns.filter((r) => r.used).map((r) => r.file));
  const answers = listExpected('fixtures/expected/returns/2019').map(loadExpected).filter((a) => usedFiles.has(a.file));

  it('prints the summary for the 31 partnerships and writes every file', () => {
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Coverage: 31 of 31 partnerships returned, 8 as draft only/);
    expect(readdirSync(out).sort()).toEqual(['actions.csv', 'agreement.csv', 'boards.csv', 'bodies.csv', 'consensus.csv', 'diagnostics.csv', 'distribution.csv', 'evidence.csv', 'key_features.csv', 'partnerships.csv', 'ratings.csv', 'returns.csv', 'summary.json']);
    expect(answers.length).toBe(31);
  });

  it('distribution.csv carries all four levels and equals the counts from the known answers', () => {
    const rows = csv(out, 'distribution.csv').filter((r) => r.respondent === 'overall');
    expect(rows.length).toBe(22);
    for (const r of rows) {
      const counts = [0, 0, 0, 0];
      let notRated = 0;
      for (const a of answers) {
        const p = a.proposals[r.proposal!]!;
        if (p.level === null) notRated++;
        else counts[p.level - 1]!++;
      }
      expect(LEVELS.map((l) => Number(r[l])), r.proposal).toEqual(counts);
      expect(Number(r.not_rated), r.proposal).toBe(notRated);
      expect(Number(r.n)).toBe(counts.reduce((x, y) => x + y, 0));
    }
  });

  it('agreement.csv equals the statistics of those counts (declared K = 4)', () => {
    const dist = new Map(csv(out, 'distribution.csv').filter((r) => r.respondent === 'overall').map((r) => [r.proposal!, LEVELS.map((l) => Number(r[l]))]));
    for (const r of csv(out, 'agreement.csv').filter((x) => x.respondent === 'overall')) {
      const counts = dist.get(r.proposal!)!;
      expect(Number(r.tastle_wierman_consensus)).toBeCloseTo(tastleWierman(counts)!, 4);
      expect(Number(r.van_der_eijk_agreement)).toBeCloseTo(vanDerEijkA(counts)!, 4);
      expect(Number(r.leik_dispersion)).toBeCloseTo(leikD(counts)!, 4);
    }
  });

  it('ratings.csv has 25 overall rows per return, in the documented column order', () => {
    const text = readFileSync(join(out, 'ratings.csv'), 'utf8');
    expect(text.split('\n')[0]).toBe('round,file,partnership,status,used,key_feature,proposal,respondent,body,rating,level,modifier,flags,evidence_words,improvement_action');
    const rows = csv(out, 'ratings.csv');
    const overall = new Map<string, number>();
    for (const r of rows.filter((x) => x.respondent === 'overall')) overall.set(r.file!, (overall.get(r.file!) ?? 0) + 1);
    expect(overall.size).toBe(32);
    for (const [f, n] of overall) expect(n, f).toBe(25);
    expect(rows.filter((r) => r.used === 'yes' && r.respondent === 'overall').length).toBe(31 * 25);
  });

  it('the same inputs in any order give byte-identical outputs', () => {
    const files = readdirSync(join(ROOT, 'fixtures/returns/2019')).map((f) => `fixtures/returns/2019/${f}`);
    const shuffled = [...files].reverse();
    [shuffled[0], shuffled[7]] = [shuffled[7]!, shuffled[0]!];
    const out2 = tmp();
    expect(runCli(['analyse', ...shuffled, '--out', out2, '-q', '--jobs', '1']).code).toBe(0);
    for (const f of readdirSync(out)) expect(readFileSync(join(out2, f), 'utf8'), f).toBe(readFileSync(join(out, f), 'utf8'));
  });
});

describe('the declared four-level scale reaches the pipeline', () => {
  it('proposal 1.1 rated 1, 1, 3, 4 gives van der Eijk A = 0.0833 in agreement.csv', () => {
    const out = tmp();
    expect(runCli(['analyse', 'fixtures/cases/agreement-k4', '--out', out, '-q']).code).toBe(0);
    const row = csv(out, 'agreement.csv').find((r) => r.proposal === '1.1' && r.respondent === 'overall')!;
    expect(row.van_der_eijk_agreement).toBe('0.0833');
    expect(row.n).toBe('4');
    const dist = csv(out, 'distribution.csv').find((r) => r.proposal === '1.1')!;
    expect(LEVELS.map((l) => dist[l])).toEqual(['2', '0', '1', '1']);
  });
});
