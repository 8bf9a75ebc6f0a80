import { crc32, deflateRawSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './fixtures.js';

/**
 * Zip bombs and crafted packages, built at test time so the repository stays small.
 * A tiny zip writer that can lie about sizes: real tools never write such files,
 * which is exactly why the reader must not trust them.
 */
export type Entry = { name: string; data: Buffer; declaredSize?: number; deflate?: boolean; crc?: number; compressed?: Buffer };

export function writeZip(entries: readonly Entry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const comp = e.compressed ?? (e.deflate === false ? e.data : deflateRawSync(e.data, { level: 9 }));
    const crc = e.crc ?? crc32(e.data) >>> 0;
    const size = e.declaredSize ?? e.data.length;
    const method = e.deflate === false ? 0 : 8;
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(20, 4);
    lh.writeUInt16LE(method, 8);
    lh.writeUInt32LE(crc, 14);
    lh.writeUInt32LE(comp.length, 18);
    lh.writeUInt32LE(size, 22);
    lh.writeUInt16LE(name.length, 26);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(20, 4);
    ch.writeUInt16LE(20, 6);
    ch.writeUInt16LE(method, 10);
    ch.writeUInt32LE(crc, 16);
    ch.writeUInt32LE(comp.length, 20);
    ch.writeUInt32LE(size, 24);
    ch.writeUInt16LE(name.length, 28);
    ch.writeUInt32LE(offset, 42);
    locals.push(lh, name, comp);
    centrals.push(ch, name);
    offset += 30 + name.length + comp.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const CONTENT_TYPES = '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
const RELS = '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';
const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

/** A Word package whose document.xml is `doc`, optionally lying about its size. */
export function wordPackage(doc: Buffer, opts: { declaredSize?: number } = {}): Buffer {
  return writeZip([
    { name: '[Content_Types].xml', data: Buffer.from(CONTENT_TYPES) },
    { name: '_rels/.rels', data: Buffer.from(RELS) },
    { name: 'word/document.xml', data: doc, ...(opts.declaredSize !== undefined ? { declaredSize: opts.declaredSize } : {}) },
  ]);
}

/** `mb` megabytes of one repeated character inside a well-formed document: compresses ~1000:1. */
export function hugeDocument(mb: number): Buffer {
  const head = Buffer.from(`<?xml version="1.0"?><w:document ${W}><w:body><w:p><w:r><w:t>`);
  const tail = Buffer.from('</w:t></w:r></w:p></w:body></w:document>');
  return Buffer.concat([head, Buffer.alloc(mb * 1024 * 1024, 0x61), tail]);
}

/** Tiny paragraphs, `mb` megabytes of them: small compressed, huge as objects. */
export function denseParagraphs(mb: number): Buffer {
  const p = '<w:p><w:r><w:t>a</w:t></w:r></w:p>';
  const n = Math.ceil((mb * 1024 * 1024) / p.length);
  return Buffer.from(`<?xml version="1.0"?><w:document ${W}><w:body>${p.repeat(n)}</w:body></w:document>`);
}

/** A zip that declares a modest size and inflates to far more (the "lying entry"). */
export function lyingEntry(realMb: number, declared = 1000): Buffer {
  return wordPackage(hugeDocument(realMb), { declaredSize: declared });
}

/** A package with more entries than any document has. */
export function manyEntries(n: number): Buffer {
  const entries: Entry[] = [
    { name: '[Content_Types].xml', data: Buffer.from(CONTENT_TYPES) },
    { name: '_rels/.rels', data: Buffer.from(RELS) },
  ];
  for (let i = 0; i < n; i++) entries.push({ name: `word/media/x${i}.bin`, data: Buffer.from('x'), deflate: false });
  return writeZip(entries);
}

export function goodDocx(): Buffer {
  return readFileSync(join(ROOT, 'fixtures/cases/agreement-k4/fife.docx'));
}
