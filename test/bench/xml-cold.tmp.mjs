#!/usr/bin/env node
// Is there a faster well-kept streaming XML parser than saxes for our parts? Each parser
// reads the Word fixtures' document.xml (already unzipped) with handlers that build
// nothing, warm, in a process of its own. Not part of `npm test` or `npm run bench`; the
// other parsers are not dependencies:
//
//   npm install --no-save htmlparser2@12 ltx@3 && npm run build && node test/bench/xml-parsers.mjs
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const which = process.argv[2];

if (!which) {
  for (const name of ['saxes', 'htmlparser2', 'ltx']) {
    const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), name], { encoding: 'utf8' });
    console.log(r.status === 0 ? r.stdout.trim() : `${name.padEnd(12)} not installed (see the comment at the top of this script)`);
  }
  process.exit(0);
}

const { ZipArchive } = await import(join(ROOT, 'dist/read/zip/zip.js'));
const dir = join(ROOT, 'fixtures/returns/2019');
const xmls = readdirSync(dir)
  .filter((f) => f.endsWith('.docx'))
  .map((f) => ZipArchive.open(readFileSync(join(dir, f))).readText('word/document.xml'));

let events = 0;
const count = () => void events++;
const parsers = {
  saxes: async () => {
    const { SaxesParser } = await import('saxes');
    return (xml) => {
      const p = new SaxesParser({ xmlns: false, position: false });
      p.on('opentag', count);
      p.on('closetag', count);
      p.on('text', count);
      p.write(xml).close();
    };
  },
  htmlparser2: async () => {
    const { Parser } = await import('htmlparser2');
    return (xml) => new Parser({ onopentag: count, onclosetag: count, ontext: count }, { xmlMode: true }).end(xml);
  },
  ltx: async () => {
    const { default: LtxParser } = await import('ltx/lib/parsers/ltx.js');
    return (xml) => {
      const p = new LtxParser();
      p.on('startElement', count);
      p.on('endElement', count);
      p.on('text', count);
      p.write(xml);
      p.end();
    };
  },
};

const parse = await parsers[which]();
{ const t0 = performance.now(); for (const x of xmls) parse(x); console.log(which, "cold first pass", (performance.now() - t0).toFixed(1), "ms for", xmls.length, "files"); process.exit(0); }
const rounds = [];
for (let r = 0; r < 7; r++) {
  const t = performance.now();
  for (let i = 0; i < 20; i++) for (const x of xmls) parse(x);
  rounds.push((performance.now() - t) / (20 * xmls.length));
}
rounds.sort((a, b) => a - b);
if (events === 0) throw new Error('no events');
console.log(`${which.padEnd(12)} ${rounds[3].toFixed(2)} ms per document.xml (median of 7 rounds over ${xmls.length} files)`);
