// Bundles the compiled CLI (dist/, from tsc) into dist/bundle/, which bin/selfeval.js runs.
//
// Why: a cold `selfeval analyse` starts three Node processes (the command and one reader
// per core) on a two-core machine, and each spent 35–90 ms resolving, reading and
// compiling some 150 ES module files before doing any work. One bundle per entry point
// (split into shared chunks, so each command still loads only its own code, and `--help`
// none of it) loads in a fraction of that: cold analyse of the 31 fixtures went from
// ~0.82 s to ~0.74 s (median of 7, `npm run bench`). tsc stays the compiler and type
// checker; esbuild only joins its output.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter } from 'node:path';
import { build } from 'esbuild';

// Chunk names carry content hashes: clear the old ones.
rmSync('dist/bundle', { recursive: true, force: true });

await build({
  entryPoints: ['dist/cli.js', 'dist/io/read-worker.js'],
  outdir: 'dist/bundle',
  entryNames: '[name]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
  // Dependencies written as CommonJS (saxes, cli-table3, exceljs and its own dependencies)
  // call require() for Node's own modules; in an ES module bundle that needs a real
  // require. exceljs lands in the Excel reader's chunk, loaded only when a workbook is met.
  banner: { js: "import { createRequire as __selfevalCreateRequire } from 'node:module'; const require = __selfevalCreateRequire(import.meta.url);" },
});

// The reader as a V8 startup snapshot (src/io/reader-snapshot.ts): one CommonJS file with
// everything a reader runs, exceljs included, which `node --build-snapshot` loads and then
// saves as a heap image. A reader started from it skips loading and compiling its modules:
// cold analyse of the 31 fixtures ~40 ms faster (README, Performance). It is made with the
// readers' flags for the default heap, because V8 takes a snapshot only under the flags
// (and the Node binary) that made it; reader-pool.ts checks both and otherwise starts
// readers from dist/bundle/read-worker.js, as it does when this step fails.
const { readerFlags, DEFAULT_READER_HEAP_MB } = await import('./dist/io/reader-pool.js');
rmSync('dist/snapshot', { recursive: true, force: true });
mkdirSync('dist/snapshot', { recursive: true });
await build({
  entryPoints: ['dist/io/reader-snapshot.js'],
  outfile: 'dist/snapshot/reader.cjs',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
});
const flags = readerFlags(DEFAULT_READER_HEAP_MB);
// Without NODE_OPTIONS: flags in it would be built into the snapshot but not recorded.
const { NODE_OPTIONS: _ignored, ...env } = process.env;
const made = spawnSync(process.execPath, [...flags, '--snapshot-blob', 'dist/snapshot/reader.blob', '--build-snapshot', 'dist/snapshot/reader.cjs'], {
  encoding: 'utf8',
  timeout: 120_000,
  env: { ...env, SELFEVAL_SNAPSHOT_WARM_UP: ['fixtures/returns/2020', 'fixtures/cases/word', 'fixtures/cases/xlsx'].join(delimiter) },
});
if (made.status === 0) {
  writeFileSync('dist/snapshot/reader.json', JSON.stringify({ node: process.version, arch: process.arch, flags }, null, 2) + '\n');
} else {
  rmSync('dist/snapshot', { recursive: true, force: true });
  console.warn(`selfeval build: no reader snapshot (node --build-snapshot exited ${made.status ?? made.signal ?? made.error?.message}); readers will start from their script.\n${(made.stderr ?? '').slice(0, 2000)}`);
}
