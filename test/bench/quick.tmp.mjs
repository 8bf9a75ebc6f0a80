import { readFileSync, readdirSync } from 'node:fs';
import { SaxesParser } from 'saxes';
const { readReturnBytes } = await import('/work/main/dist/read/read-file.js');
const { readContext } = await import('/work/main/dist/read/context.js');
const { BUILT_IN_TEMPLATE } = await import('/work/main/dist/template/load.js');
const { ZipArchive } = await import('/work/main/dist/read/zip/zip.js');
const ctx = readContext({ template: BUILT_IN_TEMPLATE });
const dir = '/work/main/fixtures/returns/2019';
const bufs = readdirSync(dir).filter(f=>f.endsWith(process.argv[2]||'.docx')).map(f => readFileSync(dir + '/' + f));
const floor = (b) => { const z = ZipArchive.open(b); const s = new SaxesParser(); let n=0; s.on('opentag', () => n++); s.write(z.readText(z.entries.find(e=>/document\.xml$|sheet1\.xml$/.test(e.name)).name)).close(); };
for (let i = 0; i < 5; i++) for (const b of bufs) { await readReturnBytes(b, 'x', ctx); floor(b); }
let t = performance.now(); for (let i = 0; i < 20; i++) for (const b of bufs) await readReturnBytes(b, 'x', ctx); const r = (performance.now() - t) / (20 * bufs.length);
t = performance.now(); for (let i = 0; i < 20; i++) for (const b of bufs) floor(b); const f = (performance.now() - t) / (20 * bufs.length);
console.log(`files ${bufs.length} read ${r.toFixed(2)} ms floor ${f.toFixed(2)} ms ratio ${(r/f).toFixed(2)}`);
