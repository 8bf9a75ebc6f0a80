#!/usr/bin/env node
// `node test/bench/hostile.mjs`: the hostile-file figures quoted in the README — each bomb
// and entity file refused or read on its own (wall time), then one run over the 2019 cohort, every
// file in fixtures/bad and the bombs together, with its peak memory (GNU time -v).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateRawSync } from 'node:zlib';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const CT = '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
const RELS = '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';

function zip(entries) {
  const L = [], C = [];
  let off = 0;
  for (const { name, data, declared } of entries) {
    const n = Buffer.from(name), c = deflateRawSync(data, { level: 1 }), crc = crc32(data) >>> 0, size = declared ?? data.length;
    const lh = Buffer.alloc(30); lh.writeUInt32LE(0x04034b50, 0); lh.writeUInt16LE(20, 4); lh.writeUInt16LE(8, 8); lh.writeUInt32LE(crc, 14); lh.writeUInt32LE(c.length, 18); lh.writeUInt32LE(size, 22); lh.writeUInt16LE(n.length, 26);
    const ch = Buffer.alloc(46); ch.writeUInt32LE(0x02014b50, 0); ch.writeUInt16LE(8, 10); ch.writeUInt32LE(crc, 16); ch.writeUInt32LE(c.length, 20); ch.writeUInt32LE(size, 24); ch.writeUInt16LE(n.length, 28); ch.writeUInt32LE(off, 42);
    L.push(lh, n, c); C.push(ch, n); off += 30 + n.length + c.length;
  }
  const cd = Buffer.concat(C), e = Buffer.alloc(22);
  e.writeUInt32LE(0x06054b50, 0); e.writeUInt16LE(entries.length, 8); e.writeUInt16LE(entries.length, 10); e.writeUInt32LE(cd.length, 12); e.writeUInt32LE(off, 16);
  return Buffer.concat([...L, cd, e]);
}
const word = (doc, declared) => zip([{ name: '[Content_Types].xml', data: Buffer.from(CT) }, { name: '_rels/.rels', data: Buffer.from(RELS) }, { name: 'word/document.xml', data: doc, declared }]);
const huge = (mb) => Buffer.concat([Buffer.from(`<?xml version="1.0"?><w:document ${W}><w:body><w:p><w:r><w:t>`), Buffer.alloc(mb << 20, 0x61), Buffer.from('</w:t></w:r></w:p></w:body></w:document>')]);
const p = '<w:p><w:r><w:t>a</w:t></w:r></w:p>';

const dir = mkdtempSync(join(tmpdir(), 'selfeval-bombs-'));
writeFileSync(join(dir, 'declared-300mb.docx'), word(huge(300)));
writeFileSync(join(dir, 'lying-entry-300mb.docx'), word(huge(300), 1000));
writeFileSync(join(dir, 'dense-paragraphs-100mb.docx'), word(Buffer.from(`<?xml version="1.0"?><w:document ${W}><w:body>${p.repeat(Math.ceil((100 << 20) / p.length))}</w:body></w:document>`)));
// A 1 KB workbook whose one merged area covers a million cells (exceljs alone made an object for each).
const SHEET_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
writeFileSync(
  join(dir, 'merge-a1-gr5000.xlsx'),
  zip([
    { name: '[Content_Types].xml', data: Buffer.from('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>') },
    { name: '_rels/.rels', data: Buffer.from('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>') },
    { name: 'xl/workbook.xml', data: Buffer.from(`<?xml version="1.0"?><workbook ${SHEET_NS}><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`) },
    { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>') },
    { name: 'xl/worksheets/sheet1.xml', data: Buffer.from(`<?xml version="1.0"?><worksheet ${SHEET_NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Proposal</t></is></c><c r="B1" t="inlineStr"><is><t>Rating</t></is></c></row></sheetData><mergeCells count="1"><mergeCell ref="A1:GR5000"/></mergeCells></worksheet>`) },
  ]),
);
const files = [...readdirSync(dir).map((f) => join(dir, f)), ...['billion-laughs.docx', 'billion-laughs.xlsx', 'external-entity.docx', 'external-entity.xlsx', 'deep-nesting.docx'].map((f) => join(ROOT, 'fixtures/bad', f))];
console.log('| file | code | wall |');
console.log('|---|---|---|');
for (const f of files) {
  const t = performance.now();
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/selfeval.js'), 'validate', f, '--format', 'json', '-q'], { encoding: 'utf8' });
  const ms = performance.now() - t;
  const code = JSON.parse(r.stdout).diagnostics.filter((d) => d.severity === 'error').map((d) => d.code).join(', ');
  console.log(`| ${f.split('/').pop()} | ${code} | ${(ms / 1000).toFixed(2)} s |`);
}
const out = mkdtempSync(join(tmpdir(), 'selfeval-bombs-out-'));
const r = spawnSync('/usr/bin/time', ['-v', process.execPath, join(ROOT, 'bin/selfeval.js'), 'analyse', 'fixtures/returns/2019', 'fixtures/bad', dir, '--out', out, '-q'], { cwd: ROOT, encoding: 'utf8' });
const rss = r.stderr.match(/Maximum resident set size \(kbytes\): (\d+)/)?.[1];
const wall = r.stderr.match(/Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (.+)/)?.[1];
console.log(`\nanalyse fixtures/returns/2019 fixtures/bad <bombs>: exit ${r.status}, wall ${wall}, peak RSS ${(Number(rss) / 1024).toFixed(0)} MB (GNU time -v; the largest single process)`);
console.log(r.stdout.split('\n').find((l) => l.startsWith('Coverage')) ?? '');
rmSync(dir, { recursive: true, force: true });
rmSync(out, { recursive: true, force: true });
