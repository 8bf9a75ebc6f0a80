import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { applyOverrides } from '../../src/overrides/apply.js';
import { parseOverrides } from '../../src/overrides/load.js';
import { BUILT_IN_TEMPLATE } from '../../src/template/load.js';
import { runCli } from '../helpers/cli.js';
import { readFixture, ROOT } from '../helpers/fixtures.js';

const HEADER = 'file,partnership,proposal,respondent,body,field,value,reason,decided_by,decided_on\n';
const NLAN = 'fixtures/returns/2019/North Lanarkshire self evaluation template MSG.docx';
const GLASGOW = 'fixtures/returns/2019/Glasgow City IJB - Self Evaluation of Integration Arrangements 2019.docx';
const tmp = () => mkdtempSync(join(tmpdir(), 'selfeval-ov-'));
const ov = (rows: string) => parseOverrides(HEADER + rows, join(ROOT, 'decisions.csv'));

describe('applying overrides (in-process)', () => {
  it('level: settles the split mark, flags the rating and quotes the reason', async () => {
    const r = await readFixture(NLAN);
    expect(r.diagnostics.some((d) => d.code === 'SPLIT_MARK' && d.proposal === '4.2')).toBe(true);
    const out = applyOverrides([r], ov(`"${NLAN}",,4.2,overall,,level,3,Phoned North Lanarkshire: Established,J Smith,2019-06-03\n`), BUILT_IN_TEMPLATE, { cwd: ROOT });
    const rating = out.results[0]!.return!.proposals.find((p) => p.proposal === '4.2')!.ratings[0]!.rating;
    expect(rating).toMatchObject({ level: 3, label: 'Established' });
    expect(rating.flags).toEqual(expect.arrayContaining(['split', 'overridden']));
    expect(out.results[0]!.diagnostics.some((d) => d.code === 'SPLIT_MARK')).toBe(false);
    const applied = out.diagnostics.find((d) => d.code === 'OVERRIDE_APPLIED')!;
    expect(applied.message).toContain('"Phoned North Lanarkshire: Established"');
    expect(applied.message).toContain('J Smith');
    expect(r.return!.proposals.find((p) => p.proposal === '4.2')!.ratings[0]!.rating.level).toBe(2); // the read result is not mutated
  });
  it('modifier, status, completed_on, consensus and partnership, matched by file name or partnership', async () => {
    const r = await readFixture(GLASGOW);
    const out = applyOverrides(
      [r],
      ov(
        [
          `,Glasgow City,1.1,overall,,modifier,plus,Board minute,,`,
          `"Glasgow City IJB - Self Evaluation of Integration Arrangements 2019.docx",,,,,status,draft,Not yet approved,,`,
          `,Glasgow City,,,,completed_on,2019-05-08,First completion counts,,`,
          `,Glasgow City,2.6,ijb,IJB,level,2,IJB minute,,`,
          `,Glasgow City,1.3,,,consensus,yes,Agreed at meeting,,`,
        ].join('\n') + '\n',
      ),
      BUILT_IN_TEMPLATE,
      { cwd: ROOT },
    );
    const ret = out.results[0]!.return!;
    expect(ret.proposals[0]!.ratings[0]!.rating.modifier).toBe('plus');
    expect(ret.status).toBe('draft');
    expect(ret.completedOn).toBe('2019-05-08');
    const p26 = ret.proposals.find((p) => p.proposal === '2.6')!;
    expect(p26.ratings.find((x) => x.respondent === 'ijb')!.rating).toMatchObject({ level: 2, label: 'Partly established' });
    expect(out.results[0]!.diagnostics.some((d) => d.code === 'BODY_RATING_BLANK')).toBe(false);
    expect(ret.proposals.find((p) => p.proposal === '1.3')!.consensus).toBe(true);
    expect(out.diagnostics.filter((d) => d.code === 'OVERRIDE_APPLIED').length).toBe(5);
    expect(out.diagnostics.filter((d) => d.code === 'OVERRIDE_STALE')).toEqual([]);
  });
  it('a decision that matches nothing is a stale warning naming its line', async () => {
    const r = await readFixture(NLAN);
    const out = applyOverrides([r], ov(`gone.docx,,2.3,overall,,level,2,x,,\n,Fife,9.9,overall,,level,2,x,,\n`), BUILT_IN_TEMPLATE, { cwd: ROOT });
    expect(out.diagnostics.map((d) => [d.code, d.file, d.location])).toEqual([
      ['OVERRIDE_STALE', 'decisions.csv', 'line 2'],
      ['OVERRIDE_STALE', 'decisions.csv', 'line 3'],
    ]);
  });
});

describe('--overrides on the command line', () => {
  it('a malformed overrides file is a usage error naming the line (exit 2)', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'bad.csv'), HEADER + ',Falkirk,2.3,overall,,level,7,x,,\n');
    const r = runCli(['validate', 'fixtures/returns/2019', '--overrides', join(dir, 'bad.csv')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/line 2: level 7 is beyond the template's scale of 4/);
    writeFileSync(join(dir, 'bad2.csv'), HEADER + ',Falkirk,2.3,overall,,level,high,x,,\n');
    expect(runCli(['validate', 'fixtures/returns/2019', '--overrides', join(dir, 'bad2.csv')]).stderr).toMatch(/line 2: a level is 1, 2, 3, 4 or "not rated"/);
    writeFileSync(join(dir, 'nohead.csv'), 'a,b\n1,2\n');
    expect(runCli(['validate', 'fixtures/returns/2019', '--overrides', join(dir, 'nohead.csv')]).stderr).toMatch(/line 1: the header lacks/);
  });

  it('use and partnership decide which return counts', () => {
    const dir = tmp();
    const draft = 'fixtures/returns/2019/DG_MSG_self_evaluation_v0.3_draft.docx';
    writeFileSync(join(dir, 'd.csv'), HEADER + `${join(ROOT, draft)},,,,,use,yes,The final was withdrawn,,\n`);
    const out = join(dir, 'out');
    expect(runCli(['analyse', 'fixtures/returns/2019', '--overrides', join(dir, 'd.csv'), '--out', out, '-q']).code).toBe(0);
    const returns = parse(readFileSync(join(out, 'returns.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    expect(returns.find((x) => x.file === draft)!.used).toBe('yes');
    expect(returns.find((x) => x.file === 'fixtures/returns/2019/DG_MSG_self_evaluation_final.docx')!.used).toBe('no');
  });

  it('the starter file from --suggest-overrides round-trips into a clean validate, and the decisions show in every output', () => {
    const dir = tmp();
    const starter = join(dir, 'decisions.csv');
    expect(runCli(['validate', 'fixtures/returns/2019', '--suggest-overrides', starter, '-q']).code).toBe(0);
    expect(runCli(['validate', 'fixtures/returns/2019', '--suggest-overrides', starter, '-q']).code).toBe(2); // no silent replace
    const text = readFileSync(starter, 'utf8');
    const rows = text.split('\n').filter((l) => l.startsWith('# ') && !/^# (WARNING|ERROR|selfeval|One|status|check)/.test(l));
    expect(rows.length).toBeGreaterThanOrEqual(13);
    const filled = HEADER + rows.map((l) => l.slice(2).replace(/,,,$/, ',Confirmed with the partnership,A Analyst,2019-06-10')).join('\n') + '\n';
    writeFileSync(join(dir, 'filled.csv'), filled);
    const v = runCli(['validate', 'fixtures/returns/2019', '--overrides', join(dir, 'filled.csv'), '--strict', '--format', 'json']);
    expect(v.code).toBe(0);
    const j = JSON.parse(v.stdout);
    expect(j.warnings).toBe(0);
    expect(j.diagnostics.filter((d: { code: string }) => d.code === 'OVERRIDE_APPLIED').length).toBe(rows.length);
    const out = join(dir, 'out');
    expect(runCli(['analyse', 'fixtures/returns/2019', '--overrides', join(dir, 'filled.csv'), '--out', out, '-q']).code).toBe(0);
    const ratings = parse(readFileSync(join(out, 'ratings.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    expect(ratings.filter((r) => r.flags!.split(';').includes('overridden')).length).toBe(rows.length);
    const diags = readFileSync(join(out, 'diagnostics.csv'), 'utf8');
    expect(diags).toContain('Confirmed with the partnership');
  });

  it('decisions reach compare, scoped to their round', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'd.csv'), 'file,partnership,proposal,respondent,body,field,value,reason,decided_by,decided_on,round\n,North Lanarkshire,4.2,overall,,level,3,Phoned,A Analyst,2019-06-03,2019\n');
    const r = runCli(['compare', 'fixtures/returns/2019', 'fixtures/returns/2020', '--overrides', join(dir, 'd.csv'), '--out', join(dir, 'out'), '-q']);
    expect(r.code).toBe(0);
    const row = (parse(readFileSync(join(dir, 'out/changes.csv'), 'utf8'), { columns: true }) as Record<string, string>[]).find((x) => x.partnership === 'North Lanarkshire' && x.proposal === '4.2' && x.respondent === 'overall')!;
    expect(row.level_before).toBe('3');
    expect(row.flags!.split(';')).toContain('before_overridden');
    expect(row.flags!.split(';')).not.toContain('after_overridden');
  });

  it('in compare, a decision used by one round is not stale for the other', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'd.csv'), HEADER + `"${NLAN.split('/').pop()}",,4.2,overall,,level,3,Phoned,A Analyst,2019-06-03\n,Fife,9.9,overall,,level,2,gone,,\n`);
    const r = runCli(['compare', 'fixtures/returns/2019', 'fixtures/returns/2020', '--overrides', join(dir, 'd.csv'), '--format', 'json', '-q']);
    const stale = JSON.parse(r.stdout).diagnostics.filter((d: { code: string }) => d.code === 'OVERRIDE_STALE');
    expect(stale.map((d: { location: string }) => d.location)).toEqual(['line 3']);
  });
});
