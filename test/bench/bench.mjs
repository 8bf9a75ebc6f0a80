#!/usr/bin/env node
// `npm run bench`: selfeval's speed, measured side by side with the floor (unzip + a
// streaming XML parse of the same parts, building nothing), with the targets from the
// performance issue and whether each is met. Not part of `npm test`: no timing asserts.
//
//   node test/bench/bench.mjs            everything (the 10,000-return scale runs take minutes)
//   node test/bench/bench.mjs --quick    skip the 10,000-return runs
//   node test/bench/bench.mjs --reads    only the in-process read and floor figures (seconds)
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, copyFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SaxesParser } from 'saxes';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = join(ROOT, 'bin/selfeval.js');
const COHORT = join(ROOT, 'fixtures/returns/2019');
const quick = process.argv.includes('--quick');
const readsOnly = process.argv.includes('--reads');

const { readReturnBytes } = await import(join(ROOT, 'dist/read/read-file.js'));
const { readContext } = await import(join(ROOT, 'dist/read/context.js'));
const { BUILT_IN_TEMPLATE } = await import(join(ROOT, 'dist/template/load.js'));
const { ZipArchive } = await import(join(ROOT, 'dist/read/zip/zip.js'));
const { parseDocumentXml } = await import(join(ROOT, 'dist/read/docx/document.js'));
const { identifyPackage, readRelationships, relType } = await import(join(ROOT, 'dist/read/package.js'));
const { spawnReader, snapshotAvailable } = await import(join(ROOT, 'dist/io/reader-pool.js'));

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 2 : 0)} ms`);

/** Wall time and peak RSS (GNU time) of a whole process, median over runs. */
function proc(args, runs, env = {}) {
  const walls = [];
  let rss = 0;
  for (let i = 0; i < runs; i++) {
    const r = spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0', ...env }, maxBuffer: 1 << 30 });
    const last = r.stderr.trim().split('\n').pop().split(' ');
    walls.push(parseFloat(last[0]) * 1000);
    rss = Math.max(rss, parseInt(last[1], 10) / 1024);
    if (r.status !== 0 && r.status !== 1) throw new Error(`selfeval ${args.join(' ')} exited ${r.status}: ${r.stderr.slice(0, 500)}`);
  }
  return { ms: median(walls), rssMb: rss };
}

/**
 * The floor: unzip the parts a reader needs and run a streaming XML parse over them, building
 * nothing. With `parse` false, only the unzipping and decoding (to split the floor in two).
 */
function floorParse(buf, parse = true) {
  const zip = ZipArchive.open(buf);
  const pkg = identifyPackage(zip);
  const parts = [pkg.mainPart];
  // The parts each reader reads: Word's document, headers and core properties (the title);
  // Excel's workbook, sheets, shared strings, styles (which cells are dates) and core properties.
  const wanted = pkg.kind === 'docx' ? ['header'] : ['worksheet', 'sharedStrings', 'styles'];
  for (const r of readRelationships(zip, pkg.mainPart)) if (wanted.includes(relType(r.type)) && zip.has(r.target)) parts.push(r.target);
  if (pkg.corePart) parts.push(pkg.corePart);
  let n = 0;
  for (const p of parts) {
    if (!parse) {
      n += zip.readText(p).length;
      continue;
    }
    const sax = new SaxesParser({ xmlns: false, position: false }); // the options the reader uses
    // Every event a reader needs (elements, text, end tags) is delivered; the handlers build nothing.
    sax.on('opentag', () => n++);
    sax.on('text', () => n++);
    sax.on('closetag', () => n++);
    sax.write(zip.readText(p)).close();
  }
  return n;
}

async function warm(files) {
  const bufs = files.map((f) => readFileSync(f));
  // Each timed read gets a fresh reading context, so answers the reader remembers within a
  // batch (title matches, level headers) do not flatter the figure: these are the same
  // files read again and again, which a real batch is not.
  const fresh = () => readContext({ template: BUILT_IN_TEMPLATE });
  // Warm means compiled and optimised: at least 300 reads (and floor parses) before timing,
  // which for 6 workbooks is 50 rounds; then 20 timed rounds, one median over all the reads.
  for (let round = 0; round < Math.ceil(300 / bufs.length); round++) {
    for (const b of bufs) {
      await readReturnBytes(b, 'x', fresh());
      floorParse(b);
    }
  }
  const reads = [];
  const floors = [];
  const unzips = [];
  const models = [];
  // For Word, the document model's own cost: building it from document.xml, less a bare parse of the same text.
  const documents = bufs.map((b) => {
    const zip = ZipArchive.open(b);
    const pkg = identifyPackage(zip);
    return pkg.kind === 'docx' ? { xml: zip.readText(pkg.mainPart), part: pkg.mainPart } : null;
  });
  const bareParse = (xml) => {
    const sax = new SaxesParser({ xmlns: false, position: false });
    sax.on('opentag', () => undefined);
    sax.on('text', () => undefined);
    sax.on('closetag', () => undefined);
    sax.write(xml).close();
  };
  for (let round = 0; round < 20; round++) {
    for (const b of bufs) {
      const ctx = fresh();
      let t = performance.now();
      await readReturnBytes(b, 'x', ctx);
      reads.push(performance.now() - t);
      t = performance.now();
      floorParse(b);
      floors.push(performance.now() - t);
    }
  }
  // The stages, timed after (and apart from) the figures above, which they would otherwise disturb.
  for (let round = 0; round < 20; round++) {
    for (const [i, b] of bufs.entries()) {
      let t = performance.now();
      floorParse(b, false);
      unzips.push(performance.now() - t);
      const d = documents[i];
      if (d) {
        t = performance.now();
        parseDocumentXml(d.xml, d.part);
        const model = performance.now() - t;
        t = performance.now();
        bareParse(d.xml);
        models.push(model - (performance.now() - t));
      }
    }
  }
  return { read: median(reads), floor: median(floors), unzip: median(unzips), model: models.length ? median(models) : null };
}

function scaleDir(n) {
  const dir = mkdtempSync(join(tmpdir(), `selfeval-bench-${n}-`));
  const src = readdirSync(COHORT).map((f) => join(COHORT, f));
  for (let i = 0; i < n; i++) {
    const f = src[i % src.length];
    copyFileSync(f, join(dir, `${String(i).padStart(5, '0')}-${f.split('/').pop()}`));
  }
  return dir;
}

const rows = [];
const row = (what, value, target, met) => rows.push({ what, value, target: target ?? '', met: met === undefined ? '' : met ? 'yes' : 'NO' });

console.error(`selfeval benchmark on ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown cpu'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
const out = mkdtempSync(join(tmpdir(), 'selfeval-bench-out-'));
if (!readsOnly) {
  const help = proc(['--help'], 10);
  row('selfeval --help (process)', fmt(help.ms), '≤ 0.15 s', help.ms <= 150);
  // With the readers started from the build's snapshot (the default) and, for comparison,
  // from their script; run by turns, so the machine's drift falls on both alike.
  const coldArgs = ['analyse', 'fixtures/returns/2019', '--out', out, '-q'];
  const snap = [];
  const script = [];
  for (let i = 0; i < 7; i++) {
    snap.push(proc(coldArgs, 1).ms);
    script.push(proc(coldArgs, 1, { SELFEVAL_READER_SNAPSHOT: '0' }).ms);
  }
  const snapshotUsed = snapshotAvailable(256);
  row(`cold analyse of the 31 fixtures (process${snapshotUsed ? '' : '; NO reader snapshot for this Node'})`, fmt(median(snap)), '≤ 0.5 s', median(snap) <= 500);
  row('  the same, readers started from their script', fmt(median(script)));
}

const all = readdirSync(COHORT).map((f) => join(COHORT, f));
const docx = all.filter((f) => /\.docx$/i.test(f));
const xlsx = all.filter((f) => /\.xlsx$/i.test(f));
const wd = await warm(docx);
row(`warm read per .docx (${docx.length} files)`, fmt(wd.read));
row('floor per .docx (unzip + SAX)', fmt(wd.floor));
row('.docx read ÷ floor', `${(wd.read / wd.floor).toFixed(2)}×`, '≤ 1.5×', wd.read / wd.floor <= 1.5);
// Where a Word read's time goes (medians of each stage, so they need not add up exactly).
row(
  '.docx read by stage',
  `unzip ${fmt(wd.unzip)} + XML parse ${fmt(wd.floor - wd.unzip)} (the floor) + document model ${fmt(wd.model)} + template walk and the rest ${fmt(wd.read - wd.floor - wd.model)}`,
);
row('.docx read vs python-docx (~41 ms, reference)', `${(41 / wd.read).toFixed(1)}× faster`, '≥ 10× faster', 41 / wd.read >= 10);
if (xlsx.length) {
  const wx = await warm(xlsx);
  row(`warm read per .xlsx (${xlsx.length} files)`, fmt(wx.read));
  row('floor per .xlsx (unzip + SAX)', fmt(wx.floor));
  row('.xlsx read ÷ floor', `${(wx.read / wx.floor).toFixed(2)}×`, '≤ 5×', wx.read / wx.floor <= 5);
}

/**
 * One reader process as a batch uses it (the pool's own flags, two files in flight), fed the
 * Word fixtures again and again: wall time and the process's CPU time per file once warm,
 * to set beside the in-process read. CPU time comes from /proc (Linux).
 */
async function readerProcess(files, warmup, timed) {
  const bufs = files.map((f) => readFileSync(f));
  const { child } = spawnReader(256);
  child.ref();
  const cpuMs = () => {
    try {
      const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(f[11]) + Number(f[12])) * 10; // utime + stime, in 10 ms ticks
    } catch {
      return NaN;
    }
  };
  child.send({ kind: 'init', options: { template: BUILT_IN_TEMPLATE, aliases: [], limits: {} } });
  const total = warmup + timed;
  let sent = 0;
  let got = 0;
  let start = null;
  const send = () => child.send({ kind: 'read', id: sent, file: `x${sent}.docx`, bytes: bufs[sent++ % bufs.length] });
  await new Promise((done) => {
    child.on('message', (m) => {
      if (m.kind === 'ready') return; // the reader's start-up signal, not an answer
      got++;
      if (got === warmup) start = { t: performance.now(), cpu: cpuMs() };
      if (sent < total) send();
      if (got === total) done();
    });
    send();
    send();
  });
  const wall = (performance.now() - start.t) / timed;
  const cpu = (cpuMs() - start.cpu) / timed;
  child.disconnect();
  return { wall, cpu };
}
if (!readsOnly) {
  const rp = await readerProcess(docx, 500, 1500);
  row('reader process, per .docx once warm (wall; CPU)', `${fmt(rp.wall)}; ${Number.isNaN(rp.cpu) ? 'n/a' : fmt(rp.cpu)}`);
}

for (const n of readsOnly ? [] : quick ? [1000] : [1000, 10000]) {
  const dir = scaleDir(n);
  for (const [name, args] of [
    ['validate', ['validate', dir, '-q']],
    ['parse --format json', ['parse', dir, '--format', 'json', '-q']],
    ['analyse', ['analyse', dir, '--out', join(out, `scale-${n}`), '-q']],
  ]) {
    const r = proc(args, 1);
    const target = n === 10000 ? '≤ 20 s, ≤ 500 MB' : '';
    const value = `${fmt(r.ms)}, ${Math.round(n / (r.ms / 1000))}/s, ${r.rssMb.toFixed(0)} MB peak`;
    if (n !== 10000) row(`${name}, ${n.toLocaleString('en-GB')} returns`, value);
    else {
      // Time and memory are separate targets: say which is met.
      const time = r.ms <= 20000;
      const memory = r.rssMb <= 500;
      rows.push({ what: `${name}, ${n.toLocaleString('en-GB')} returns`, value, target, met: time && memory ? 'yes' : `NO (time ${time ? 'yes' : 'NO'}, memory ${memory ? 'yes' : 'NO'})` });
    }
  }
  rmSync(dir, { recursive: true, force: true });
}
rmSync(out, { recursive: true, force: true });

const w = [Math.max(...rows.map((r) => r.what.length), 7), Math.max(...rows.map((r) => r.value.length), 8), Math.max(...rows.map((r) => r.target.length), 6), Math.max(...rows.map((r) => r.met.length), 3)];
console.log(`selfeval benchmark — ${cpus().length} cores, Node ${process.version}; medians over repeated runs`);
console.log(`| ${'measure'.padEnd(w[0])} | ${'measured'.padEnd(w[1])} | ${'target'.padEnd(w[2])} | ${'met'.padEnd(w[3])} |`);
console.log(`|${'-'.repeat(w[0] + 2)}|${'-'.repeat(w[1] + 2)}|${'-'.repeat(w[2] + 2)}|${'-'.repeat(w[3] + 2)}|`);
for (const r of rows) console.log(`| ${r.what.padEnd(w[0])} | ${r.value.padEnd(w[1])} | ${r.target.padEnd(w[2])} | ${r.met.padEnd(w[3])} |`);
