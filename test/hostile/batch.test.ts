import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, cpSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectInputs, nodeFs, type FsLayer } from '../../src/io/inputs.js';
import { readBatch } from '../../src/io/read-batch.js';
import { BUILT_IN_TEMPLATE } from '../../src/template/load.js';
import { runCli } from '../helpers/cli.js';
import { denseParagraphs, wordPackage } from '../helpers/bombs.js';
import { ROOT } from '../helpers/fixtures.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'selfeval-'));
// A killed run may leave its hidden staging folder behind (the next run removes it); the outputs are what count.
const files = (dir: string) => Object.fromEntries(readdirSync(dir).filter((f) => !f.startsWith('.selfeval-staging-')).sort().map((f) => [f, readFileSync(join(dir, f))]));

describe('a batch with bad files among good returns', () => {
  it('analyses the 31 partnerships exactly as without the bad files, one error per bad file, exit 1', () => {
    const clean = tmp();
    const mixed = tmp();
    const a = runCli(['analyse', 'fixtures/returns/2019', '--out', clean, '-q']);
    expect(a.code).toBe(0);
    const b = runCli(['analyse', 'fixtures/returns/2019', 'fixtures/bad', '--out', mixed]);
    expect(b.code).toBe(1);
    for (const f of ['ratings.csv', 'distribution.csv', 'agreement.csv', 'key_features.csv', 'partnerships.csv', 'consensus.csv', 'evidence.csv']) {
      expect(readFileSync(join(mixed, f), 'utf8'), f).toBe(readFileSync(join(clean, f), 'utf8'));
    }
    const diags = readFileSync(join(mixed, 'diagnostics.csv'), 'utf8').split('\n').filter((l) => l.startsWith('fixtures/bad/') && l.includes(',error,'));
    const byFile = new Map<string, number>();
    for (const l of diags) byFile.set(l.split(',')[0]!, (byFile.get(l.split(',')[0]!) ?? 0) + 1);
    const badDocs = readdirSync(join(ROOT, 'fixtures/bad')).filter((f) => f.includes('.') && !f.startsWith('.'));
    expect(byFile.size).toBe(badDocs.length);
    for (const [f, n] of byFile) expect(n, f).toBe(1);
    expect(b.stdout).toMatch(/31 of 31 partnerships returned/);
  }, 60_000);

  it('a file that exhausts its reader thread is stopped and every other output is still written', () => {
    const dir = tmp();
    mkdirSync(join(dir, 'in'));
    cpSync(join(ROOT, 'fixtures/returns/2019'), join(dir, 'in/returns'), { recursive: true });
    writeFileSync(join(dir, 'in/dense-paragraphs.docx'), wordPackage(denseParagraphs(100)));
    const r = runCli(['analyse', join(dir, 'in'), '--out', join(dir, 'out'), '--max-part-size', '200', '--max-total-size', '400', '--max-memory', '64', '-q']);
    expect(r.code).toBe(1);
    const diags = readFileSync(join(dir, 'out/diagnostics.csv'), 'utf8');
    expect(diags).toMatch(/dense-paragraphs\.docx,,error,READ_OUT_OF_MEMORY/);
    expect(readFileSync(join(dir, 'out/ratings.csv'), 'utf8').split('\n').length).toBeGreaterThan(31 * 25);
    expect(r.stdout).toMatch(/31 of 31 partnerships returned/);
  }, 120_000);

  it('a file that takes too long is stopped with READ_TIMEOUT', () => {
    const r = runCli(['validate', 'fixtures/cases/agreement-k4/fife.docx', '--timeout', '0.001', '--format', 'json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).diagnostics.map((d: { code: string }) => d.code)).toContain('READ_TIMEOUT');
  });

  it('an unreadable file gives FILE_UNREADABLE and the rest are read (permission error injected)', async () => {
    const denied: FsLayer = {
      ...nodeFs,
      readFile: async (p) => {
        if (p.includes('fife')) throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
        return nodeFs.readFile(p);
      },
    };
    const { files: inputs } = await collectInputs(['fixtures/cases/agreement-k4'], denied, ROOT);
    const results = await readBatch(
      inputs.map((f) => ({ ...f, path: join(ROOT, f.path) })),
      { template: BUILT_IN_TEMPLATE, fs: denied, jobs: 2 },
    );
    const fife = results.find((r) => r.file.includes('fife'))!;
    expect(fife.return).toBeNull();
    expect(fife.diagnostics.map((d) => d.code)).toEqual(['FILE_UNREADABLE']);
    expect(fife.diagnostics[0]!.message).toMatch(/EACCES/);
    expect(results.filter((r) => r.return).length).toBe(3);
  });

  it('a run killed while writing leaves the previous outputs byte-identical', async () => {
    const out = tmp();
    expect(runCli(['analyse', 'fixtures/cases/agreement-k4', '--out', out, '-q']).code).toBe(0);
    const before = files(out);
    let killedMidWrite = 0;
    for (const delay of [0, 250, 700]) {
      const child = spawn(process.execPath, [join(ROOT, 'bin/selfeval.js'), 'analyse', 'fixtures/returns/2019', '--out', out, '-q'], {
        cwd: ROOT,
        env: { ...process.env, SELFEVAL_TEST_WRITE_DELAY_MS: '200' },
        stdio: 'ignore',
      });
      // Wait until it is writing (its staging folder exists), then kill it part-way through.
      const started = Date.now();
      while (!readdirSync(out).some((f) => f.startsWith('.selfeval-staging-')) && Date.now() - started < 30_000) await new Promise((r) => setTimeout(r, 10));
      await new Promise((r) => setTimeout(r, delay));
      child.kill('SIGKILL');
      await new Promise((r) => child.on('exit', r));
      if (readdirSync(out).some((f) => f.startsWith('.selfeval-staging-'))) killedMidWrite++;
      const after = files(out);
      expect(Object.keys(after)).toEqual(Object.keys(before));
      for (const [name, bytes] of Object.entries(before)) expect(after[name]!.equals(bytes), name).toBe(true);
    }
    // The kills really landed while outputs were being written.
    expect(killedMidWrite).toBeGreaterThan(0);
  }, 60_000);
});

describe('outputs never replace an input', () => {
  it('refuses an --out folder where an output would overwrite a file being read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'selfeval-noclobber-'));
    cpSync(join(ROOT, 'fixtures/cases/agreement-k4'), dir, { recursive: true });
    writeFileSync(join(dir, 'ratings.csv'), 'an analyst’s own file, read as an input\n');
    const before = readFileSync(join(dir, 'ratings.csv'));
    const r = runCli(['analyse', dir, '--out', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/refusing to write ratings\.csv/);
    expect(readFileSync(join(dir, 'ratings.csv')).equals(before)).toBe(true);
  });
});

describe('odd inputs and outputs', () => {
  it('a named pipe is refused at once, not read forever', () => {
    const dir = mkdtempSync(join(tmpdir(), 'selfeval-fifo-'));
    spawnSyncChecked('mkfifo', [join(dir, 'pipe.docx')]);
    const r = runCli(['validate', join(dir, 'pipe.docx'), '--format', 'json', '-q']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).diagnostics.map((d: { code: string }) => d.code)).toEqual(['FILE_UNREADABLE']);
  });
  it('an --out folder inside an input folder is not read as input on the next run', () => {
    const dir = mkdtempSync(join(tmpdir(), 'selfeval-outinside-'));
    cpSync(join(ROOT, 'fixtures/cases/agreement-k4'), dir, { recursive: true });
    expect(runCli(['analyse', dir, '--out', join(dir, 'results'), '-q']).code).toBe(0);
    const again = runCli(['analyse', dir, '--out', join(dir, 'results'), '-q']);
    expect(again.code).toBe(0);
  });
  it('--out naming a file is a usage error before anything is read', () => {
    const r = runCli(['analyse', 'fixtures/cases/agreement-k4', '--out', 'package.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is a file, not a folder/);
  });
  it('selfeval with no command shows the help and exits 2; --max-memory below 16 is refused', () => {
    const r = runCli([]);
    expect(r.code).toBe(2);
    expect(r.stderr + r.stdout).toMatch(/Usage: selfeval/);
    expect(runCli(['validate', 'fixtures/cases/agreement-k4', '--max-memory', '4']).code).toBe(2);
  });
  it('a UTF-16 text file renamed .xlsx is a text file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'selfeval-utf16-'));
    writeFileSync(join(dir, 'export.xlsx'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('proposal\trating\n1.1\tEstablished\n', 'utf16le')]));
    const r = runCli(['validate', join(dir, 'export.xlsx'), '--format', 'json', '-q']);
    expect(JSON.parse(r.stdout).diagnostics.map((d: { code: string }) => d.code)).toEqual(['TEXT_FILE']);
  });
});

function spawnSyncChecked(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args);
  if (r.status !== 0) throw new Error(`${cmd} failed`);
}

describe('a sparse, wide workbook is read within an ordinary heap', () => {
  it('two sheets of 5,000 rows with one cell in column GR: NOT_A_RETURN at --max-memory 128, not READ_OUT_OF_MEMORY', async () => {
    // One far cell makes every row 200 columns wide; the reader must not keep them all built.
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    for (const name of ['Sheet1', 'Sheet2']) {
      const ws = wb.addWorksheet(name);
      for (let r = 1; r <= 5000; r++) ws.getCell(r, 1).value = `note ${r}`;
      ws.getCell(1, 200).value = 'edge';
    }
    const dir = mkdtempSync(join(tmpdir(), 'selfeval-wide-'));
    const file = join(dir, 'wide.xlsx');
    writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
    const r = runCli(['validate', file, '--max-memory', '128', '--format', 'json']);
    expect(JSON.parse(r.stdout).diagnostics.map((d: { code: string }) => d.code)).toEqual(['NOT_A_RETURN']);
  }, 60_000);
});
