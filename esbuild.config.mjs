// Bundles the compiled CLI (dist/, from tsc) into dist/bundle/, which bin/selfeval.js runs.
//
// Why: a cold `selfeval analyse` starts three Node processes (the command and one reader
// per core) on a two-core machine, and each spent 35–90 ms resolving, reading and
// compiling some 150 ES module files before doing any work. One bundle per entry point
// (split into shared chunks, so each command still loads only its own code, and `--help`
// none of it) loads in a fraction of that: cold analyse of the 31 fixtures went from
// ~0.82 s to ~0.74 s (median of 7, `npm run bench`). tsc stays the compiler and type
// checker; esbuild only joins its output.
import { rmSync } from 'node:fs';
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
