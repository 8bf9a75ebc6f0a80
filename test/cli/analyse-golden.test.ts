import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, transcript, type CliRun } from '../helpers/cli.js';
import { ROOT } from '../helpers/fixtures.js';

/**
 * Golden transcript and outputs of `selfeval analyse fixtures/returns/2019` (FORCE_COLOR=0):
 * any change to what the analysts see shows up here as a diff to review. Update with
 * `npx vitest run test/cli/analyse-golden.test.ts -u` after checking the change is intended.
 */
const GOLDEN = join(ROOT, 'test/golden/analyse');
let tmp: string;
let run: CliRun;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'selfeval-analyse-golden-'));
  run = runCli(['analyse', 'fixtures/returns/2019', '--out', join(tmp, 'jobs2'), '--jobs', '2']);
}, 120_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('selfeval analyse fixtures/returns/2019', () => {
  it('prints the golden summary and exits 0', async () => {
    const text = transcript('selfeval analyse fixtures/returns/2019 --out <out> --jobs 2', run, join(tmp, 'jobs2'));
    await expect(text).toMatchFileSnapshot(join(GOLDEN, 'analyse.md'));
  });

  it('writes the golden CSV files and summary.json', async () => {
    const files = readdirSync(join(tmp, 'jobs2')).sort();
    expect(files).toContain('summary.json');
    for (const f of files) await expect(readFileSync(join(tmp, 'jobs2', f), 'utf8')).toMatchFileSnapshot(join(GOLDEN, f));
  });

  it('--jobs 1 and --jobs 2 give byte-identical outputs', () => {
    expect(runCli(['analyse', 'fixtures/returns/2019', '--out', join(tmp, 'jobs1'), '--jobs', '1', '-q']).code).toBe(0);
    for (const f of readdirSync(join(tmp, 'jobs2'))) expect(readFileSync(join(tmp, 'jobs1', f), 'utf8'), f).toBe(readFileSync(join(tmp, 'jobs2', f), 'utf8'));
  });

  it('readers started from the snapshot and from their script give byte-identical outputs', () => {
    // The build made a snapshot for this Node (so the run above used it)...
    const info = JSON.parse(readFileSync(join(ROOT, 'dist/snapshot/reader.json'), 'utf8'));
    expect(info.node).toBe(process.version);
    // ...and readers started without it read the same.
    expect(runCli(['analyse', 'fixtures/returns/2019', '--out', join(tmp, 'script'), '-q'], { env: { SELFEVAL_READER_SNAPSHOT: '0' } }).code).toBe(0);
    for (const f of readdirSync(join(tmp, 'jobs2'))) expect(readFileSync(join(tmp, 'script', f), 'utf8'), f).toBe(readFileSync(join(tmp, 'jobs2', f), 'utf8'));
  });

  it('a snapshot Node refuses (here a damaged one) costs no file: readers start from their script instead', () => {
    const bad = join(tmp, 'bad-snapshot');
    mkdirSync(bad);
    copyFileSync(join(ROOT, 'dist/snapshot/reader.json'), join(bad, 'reader.json'));
    writeFileSync(join(bad, 'reader.blob'), randomBytes(64 * 1024));
    const r = runCli(['analyse', 'fixtures/returns/2019', '--out', join(tmp, 'bad'), '-q'], { env: { SELFEVAL_READER_SNAPSHOT: bad } });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    for (const f of readdirSync(join(tmp, 'jobs2'))) expect(readFileSync(join(tmp, 'bad', f), 'utf8'), f).toBe(readFileSync(join(tmp, 'jobs2', f), 'utf8'));
  });

  it('--format json prints the whole analysis', () => {
    const r = runCli(['analyse', 'fixtures/returns/2019', '--format', 'json', '-q']);
    const j = JSON.parse(r.stdout);
    expect(j.coverage.returned).toBe(31);
    expect(j.ratings.length).toBeGreaterThan(31 * 25);
    expect(Object.keys(j)).toEqual(expect.arrayContaining(['proposals', 'keyFeatures', 'partnerships', 'boards', 'withinPartnerships', 'bodySummaries', 'highlights', 'diagnostics', 'inputs']));
  });
});
