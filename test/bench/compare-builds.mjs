#!/usr/bin/env node
// Two builds of the readers side by side: warm in-process reads of the same fixtures,
// interleaved (A then B, B then A, round after round), so a drift of the machine's speed
// falls on both alike. The ratio B/A, not either figure, is the result: differences of a
// few per cent that separate runs of `npm run bench` cannot show are visible here; the
// same build against itself gives 0.98–1.01, so smaller differences are noise.
//
//   cp -r dist /tmp/before            # the build to compare against
//   ... change the code, npm run build ...
//   node test/bench/compare-builds.mjs /tmp/before dist [docx|xlsx] [rounds]
//
// A build copied out of the project finds its packages through a node_modules beside it
// (ln -s "$PWD/node_modules" /tmp/node_modules for /tmp/before). Each read gets a fresh
// reading context, as in bench.mjs. Not part of `npm test`.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const [a, b, kind = 'docx', roundsArg = '60'] = process.argv.slice(2);
if (!a || !b) {
  console.error('usage: node test/bench/compare-builds.mjs <build A> <build B> [docx|xlsx] [rounds]');
  process.exit(2);
}
const COHORT = join(ROOT, 'fixtures/returns/2019');
const files = readdirSync(COHORT).filter((f) => f.endsWith(`.${kind}`)).map((f) => readFileSync(join(COHORT, f)));

async function load(dir) {
  const root = resolve(dir);
  return {
    read: (await import(join(root, 'read/read-file.js'))).readReturnBytes,
    context: (await import(join(root, 'read/context.js'))).readContext,
    template: (await import(join(root, 'template/load.js'))).BUILT_IN_TEMPLATE,
  };
}
const builds = { A: await load(a), B: await load(b) };
const median = (xs) => [...xs].sort((x, y) => x - y)[xs.length >> 1];
const readOnce = async (build, bytes) => {
  const ctx = build.context({ template: build.template });
  const t = performance.now();
  await build.read(bytes, 'x', ctx);
  return performance.now() - t;
};

// Warm: at least 400 reads of each build before timing.
for (let r = 0; r < Math.ceil(400 / files.length); r++) for (const bytes of files) for (const build of Object.values(builds)) await readOnce(build, bytes);
const times = { A: [], B: [] };
for (let r = 0; r < Number(roundsArg); r++)
  for (const bytes of files) for (const k of r % 2 ? ['A', 'B'] : ['B', 'A']) times[k].push(await readOnce(builds[k], bytes));
const ma = median(times.A);
const mb = median(times.B);
console.log(`${kind}, ${files.length} files × ${roundsArg} rounds: A ${ma.toFixed(3)} ms, B ${mb.toFixed(3)} ms per read; B/A ${(mb / ma).toFixed(3)}`);
