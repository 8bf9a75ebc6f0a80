import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('the command line', () => {
  it('prints help for the program and every command, exit 0', () => {
    for (const args of [['--help'], ['parse', '--help'], ['validate', '--help'], ['analyse', '--help']]) {
      const r = runCli(args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout).toMatch(/Usage: selfeval/);
    }
  });
  it('exits 2 on a usage error, with the message on stderr', () => {
    const r = runCli(['analyse', '--format', 'xml', 'fixtures/returns/2019']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/format/);
    expect(r.stdout).toBe('');
    expect(runCli(['frobnicate']).code).toBe(2);
    expect(runCli(['parse']).code).toBe(2);
    expect(runCli(['parse', 'x', '--jobs', '0']).code).toBe(2);
  });
  it('exits 2 with a plain message for a bad --template file', () => {
    const r = runCli(['parse', 'fixtures/returns/2019', '--template', 'package.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not a valid template/);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  });
  it('validate exits 0 on the cohort (warnings allowed) and 1 with --strict', () => {
    const ok = runCli(['validate', 'fixtures/returns/2019']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/SPLIT_MARK/);
    expect(runCli(['validate', 'fixtures/returns/2019', '--strict', '-q']).code).toBe(1);
  });
  it('validate --format github prints workflow annotations', () => {
    const r = runCli(['validate', 'fixtures/returns/2019', '--format', 'github']);
    expect(r.stdout).toMatch(/^::warning file=fixtures\/returns\/2019\/.+,title=[A-Z_]+/m);
  });
  it('exits 1 for a missing input but still reads the rest', () => {
    const r = runCli(['parse', 'fixtures/returns/2019', 'no/such/file.docx', '--format', 'json']);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(j.results.filter((x: { return: unknown }) => x.return).length).toBeGreaterThanOrEqual(31);
    expect(j.diagnostics.some((d: { code: string }) => d.code === 'FILE_NOT_FOUND')).toBe(true);
  });
  it('prints no colour codes when NO_COLOR is set or output is not a terminal', () => {
    const r = runCli(['analyse', 'fixtures/returns/2019'], { env: { FORCE_COLOR: '', NO_COLOR: '1' } });
    expect(r.stdout).not.toMatch(/\x1b\[/);
    expect(r.stderr).not.toMatch(/\x1b\[/);
  });
});

describe('--template: a later round with a changed form is data, not code', () => {
  it('reads the returns through a template file with another id and reworded titles', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'selfeval-template-'));
    const t = JSON.parse(runCli(['template']).stdout);
    t.id = 'msg-2020';
    t.proposals[0].title = 'Leadership development is focused on shared and collaborative practice.';
    writeFileSync(join(dir, 't.json'), JSON.stringify(t));
    const r = runCli(['parse', 'fixtures/cases/agreement-k4', '--template', join(dir, 't.json'), '--format', 'json', '-q']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.template).toBe('msg-2020');
    expect(j.results.map((x: { return: { template: string } }) => x.return.template)).toEqual(['msg-2020', 'msg-2020', 'msg-2020', 'msg-2020']);
    expect(j.results[0].return.proposals[0].ratings[0].rating.level).toBe(1);
    // An invalid template is a usage error naming the field.
    t.scale[1].level = 7;
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(t));
    const bad = runCli(['parse', 'fixtures/cases/agreement-k4', '--template', join(dir, 'bad.json')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/location: scale\.1\.level/);
  });
});
