import { createDeflateRaw, crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { DiagnosticCode } from '../../src/model/diagnostic-codes.js';
import { readContext } from '../../src/read/context.js';
import { readReturnBytes } from '../../src/read/read-file.js';
import { BUILT_IN_TEMPLATE } from '../../src/template/load.js';
import { denseParagraphs, lyingEntry, manyEntries, wordPackage, hugeDocument, writeZip } from '../helpers/bombs.js';
import { readFixture } from '../helpers/fixtures.js';

/** What each file in fixtures/bad must be reported as (written by hand, one code each). */
const EXPECTED: Record<string, DiagnosticCode> = {
  'billion-laughs.docx': 'XML_DOCTYPE',
  'billion-laughs.xlsx': 'XML_DOCTYPE',
  'board-paper.pdf': 'PDF_FILE',
  'budget-monitoring.xlsx': 'NOT_A_RETURN',
  'corrupt.docx': 'ZIP_CORRUPT',
  'covering-letter.docx': 'NOT_A_RETURN',
  'deep-nesting.docx': 'XML_TOO_DEEP',
  'empty.docx': 'FILE_EMPTY',
  'empty.xlsx': 'FILE_EMPTY',
  'external-entity.docx': 'XML_DOCTYPE',
  'external-entity.xlsx': 'XML_DOCTYPE',
  'glasgow-return-scan.docx': 'PDF_FILE',
  'holiday-photos.docx': 'MAIN_PART_MISSING',
  'holiday-photos.xlsx': 'MAIN_PART_MISSING',
  'legacy-word.doc': 'LEGACY_WORD',
  'legacy-excel.xls': 'LEGACY_EXCEL',
  'not-a-document.docx': 'UNKNOWN_FORMAT',
  'notes.rtf': 'RTF_FILE',
  'password-protected.docx': 'ENCRYPTED_FILE',
  'password-protected.xlsx': 'ENCRYPTED_FILE',
  'ratings-export.csv': 'TEXT_FILE',
  'renamed-csv.xlsx': 'TEXT_FILE',
  'return.ods': 'OPENDOCUMENT_FILE',
  'return.odt': 'OPENDOCUMENT_FILE',
  'truncated.docx': 'ZIP_CORRUPT',
  'truncated.xlsx': 'ZIP_CORRUPT',
};

describe('fixtures/bad: each file gets one specific error that says what to do', () => {
  it.each(Object.entries(EXPECTED))('%s → %s', async (name, code) => {
    const r = await readFixture(`fixtures/bad/${name}`);
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    expect(r.return).toBeNull();
    expect(errors.map((d) => d.code)).toEqual([code]);
    expect(errors[0]!.message.length).toBeGreaterThan(30);
  });
});

const ctx = readContext({ template: BUILT_IN_TEMPLATE });
const read = (buf: Buffer) => readReturnBytes(buf, 'bomb.docx', ctx);
const timed = async (buf: Buffer) => {
  const t = performance.now();
  const r = await read(buf);
  return { r, ms: performance.now() - t, codes: r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code) };
};

/** 1 GB of one byte, deflated in a stream (a few MB), with its true CRC: built without holding 1 GB. */
async function gigabyteDocument(): Promise<Buffer> {
  const chunk = Buffer.alloc(1 << 20, 0x61);
  const head = Buffer.from('<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>');
  const tail = Buffer.from('</w:t></w:r></w:p></w:body></w:document>');
  const z = createDeflateRaw({ level: 1 });
  const out: Buffer[] = [];
  z.on('data', (d: Buffer) => out.push(d));
  const done = new Promise((r) => z.on('end', r));
  let crc = crc32(head);
  z.write(head);
  for (let i = 0; i < 1024; i++) {
    crc = crc32(chunk, crc);
    if (!z.write(chunk)) await new Promise((r) => z.once('drain', r));
  }
  crc = crc32(tail, crc);
  z.end(tail);
  await done;
  const size = head.length + 1024 * chunk.length + tail.length;
  const base = wordPackage(Buffer.from('<x/>'));
  void base;
  return writeZip([
    { name: '[Content_Types].xml', data: Buffer.from('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>') },
    { name: '_rels/.rels', data: Buffer.from('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>') },
    { name: 'word/document.xml', data: Buffer.alloc(0), compressed: Buffer.concat(out), crc: crc >>> 0, declaredSize: size >>> 0 === size ? size : 0xfffffffe },
  ]);
}

describe('bombs are refused before or while inflating, in well under 5 s', () => {
  it('a part declaring 300 MB is refused from the zip directory', async () => {
    const { codes, ms } = await timed(wordPackage(hugeDocument(300)));
    expect(codes).toEqual(['ZIP_LIMIT_EXCEEDED']);
    expect(ms).toBeLessThan(5000);
  }, 30_000);
  it('a lying entry (declares 1,000 bytes, inflates to 300 MB) is stopped at the cap', async () => {
    const { codes, ms } = await timed(lyingEntry(300));
    expect(codes).toEqual(['INFLATE_LIMIT_EXCEEDED']);
    expect(ms).toBeLessThan(5000);
  }, 30_000);
  it('a 1 GB document.xml packed into a few MB is refused', async () => {
    const pkg = await gigabyteDocument();
    expect(pkg.length).toBeLessThan(10 * 1024 * 1024);
    const { codes, ms } = await timed(pkg);
    expect(codes).toEqual(['ZIP_LIMIT_EXCEEDED']);
    expect(ms).toBeLessThan(5000);
  }, 60_000);
  it('100 MB of tiny paragraphs is refused by the part limit', async () => {
    const { codes, ms } = await timed(wordPackage(denseParagraphs(100)));
    expect(codes).toEqual(['ZIP_LIMIT_EXCEEDED']);
    expect(ms).toBeLessThan(5000);
  }, 30_000);
  it('a package of 10,000 entries is refused', async () => {
    const { codes } = await timed(manyEntries(10_000));
    expect(codes).toEqual(['ZIP_LIMIT_EXCEEDED']);
  });
  it('a wrong CRC is caught', async () => {
    const doc = Buffer.from('<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>');
    const pkg = writeZip([
      { name: '[Content_Types].xml', data: Buffer.from('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>') },
      { name: '_rels/.rels', data: Buffer.from('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>') },
      { name: 'word/document.xml', data: doc, crc: 0x12345678 },
    ]);
    expect((await timed(pkg)).codes).toEqual(['ZIP_CRC_MISMATCH']);
  });
});
