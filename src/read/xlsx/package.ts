import { crc32 } from 'node:zlib';
import { ReadError } from '../../model/diagnostics.js';
import { coreTitle, readRelationships, relType, type OpcPackage } from '../package.js';
import { onOff, parseXml, type XmlHandlers } from '../xml.js';
import type { ZipArchive } from '../zip/zip.js';

/**
 * Preparing a workbook package for exceljs.
 *
 * exceljs re-inflates the zip with JSZip, which has no limits, and it finds parts by
 * fixed names (`xl/workbook.xml`, `xl/worksheets/sheetN.xml`). So it is never given
 * the user's bytes: every XML part is inflated here through our ZipArchive (per-part
 * and total caps, CRC-32), any part with a DOCTYPE is refused, and the parts exceljs
 * needs for cell values are re-packed, stored (uncompressed), under the names it
 * expects. Parts it does not need for values (drawings, media, comments, macros,
 * printer settings) are left out, which also keeps its known crashes on dangling
 * relationships out of reach. Two producer quirks are repaired on the way:
 * - rows and cells without `r` attributes (optional in SpreadsheetML; exceljs throws
 *   "Invalid row number in model") get their implied references;
 * - UTF-16 parts are re-encoded as UTF-8 (JSZip decodes every part as UTF-8).
 */

export type SheetInfo = {
  /** The sheet's name as the workbook lists it. */
  name: string;
  /** visible | hidden | veryHidden, from workbook.xml. */
  state: string;
  /** The part the sheet was read from, for messages. */
  part: string;
  /**
   * The merged areas the sheet lists. exceljs is not given them: it makes an object for
   * every cell a merge covers (one `<mergeCell ref="A1:GR5000"/>` is a million) and checks
   * each merge against every earlier one; the reader applies them itself (workbook.ts).
   */
  merges: MergeArea[];
};

/** A merged area, 1-based, inclusive. */
export type MergeArea = { top: number; left: number; bottom: number; right: number };

export type PreparedWorkbook = {
  /** A stored zip holding only checked, canonically named parts, for exceljs. */
  buffer: Buffer;
  /** The workbook uses the 1904 date system (`<workbookPr date1904="1|true"/>`). */
  date1904: boolean;
  /** docProps/core.xml's title, "" when absent. */
  coreTitle: string;
  /** Worksheets in workbook order (chart and dialog sheets are not listed). */
  sheets: SheetInfo[];
};

const XML_PART = /\.(xml|rels|vml)$/i;

/** Decodes an XML part's bytes (UTF-8, or UTF-16 with or without a BOM). */
export function decodeXml(b: Buffer): string {
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return b.toString('utf16le', 2);
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return swap16(b.subarray(2)).toString('utf16le');
  if (b.length >= 2 && b[0] === 0x3c && b[1] === 0x00) return b.toString('utf16le');
  if (b.length >= 2 && b[0] === 0x00 && b[1] === 0x3c) return swap16(b).toString('utf16le');
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return b.toString('utf8', 3);
  return b.toString('utf8');
}

function swap16(b: Buffer): Buffer {
  const out = Buffer.alloc(b.length - (b.length % 2));
  for (let i = 0; i + 1 < b.length; i += 2) {
    out[i] = b[i + 1]!;
    out[i + 1] = b[i]!;
  }
  return out;
}

function refuseDoctype(text: string, part: string): void {
  if (/<!DOCTYPE/i.test(text))
    throw new ReadError('XML_DOCTYPE', `The part ${part} contains a DOCTYPE declaration. Excel never writes one; it is how entity-expansion and external-entity attacks work, so the file is refused.`, part);
}

/** Column letters → 1-based number ("A" → 1, "AA" → 27). */
export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** 1-based column number → letters (1 → "A", 27 → "AA"). */
export function columnLetters(n: number): string {
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/**
 * Gives rows and cells without an `r` attribute the reference SpreadsheetML implies
 * (the row after the previous one; the column after the previous cell). Tags are
 * matched textually: inside sheetData only elements can hold `<`, and a part with
 * CDATA is left alone.
 */
export function addMissingReferences(xml: string): string {
  if (!/<(?:[\w.-]+:)?(?:row|c)(?=[\s/>])(?![^>]*\sr=)/.test(xml) || xml.includes('<![CDATA[')) return xml;
  let row = 0;
  let col = 0;
  return xml.replace(/<((?:[\w.-]+:)?)(row|c)(?=[\s/>])([^>]*)>/g, (tag, prefix: string, name: string, rest: string) => {
    const r = /\sr\s*=\s*["']([^"']*)["']/.exec(rest);
    if (name === 'row') {
      col = 0;
      if (r) {
        row = parseInt(r[1]!, 10) || row + 1;
        return tag;
      }
      row += 1;
      return `<${prefix}row r="${row}"${rest}>`;
    }
    if (r) {
      const m = /^([A-Za-z]+)(\d+)$/.exec(r[1]!.trim());
      if (m) col = columnNumber(m[1]!);
      else col += 1;
      return tag;
    }
    col += 1;
    return `<${prefix}c r="${columnLetters(col)}${Math.max(row, 1)}"${rest}>`;
  });
}

/** Excel's largest sheet: columns A–XFD, rows 1–1,048,576. */
const MAX_SHEET_COLUMN = 16384;
const MAX_SHEET_ROW = 1048576;

/**
 * The merged areas a worksheet part lists (`<mergeCell>` elements inside its
 * `<mergeCells>`), read as an XML parser reads them (entities decoded). The list is a
 * short element after the cell data, so when the part holds exactly one unprefixed
 * `<mergeCells` with its end tag, no prefixed one, and no comment, CDATA or processing
 * instruction (where "<mergeCells" could be text), only that element is parsed: elsewhere
 * in well-formed XML "<" is always markup. Anything else parses the whole part. (A part
 * that is not well-formed is refused by exceljs afterwards, so a misreading here is never
 * used.) A reference that is not a cell range means a damaged file: XML_MALFORMED.
 */
export function mergedAreas(xml: string, part: string): MergeArea[] {
  const areas: MergeArea[] = [];
  if (!xml.includes('mergeCell')) return areas;
  let inList = 0;
  const isList = (name: string) => name === 'mergeCells' || name === 'x:mergeCells';
  const handlers: XmlHandlers = {
    open(name, a) {
      if (isList(name)) inList++;
      if (!inList || (name !== 'mergeCell' && name !== 'x:mergeCell')) return;
      const area = cellRange(a.ref ?? '');
      if (!area) throw new ReadError('XML_MALFORMED', `The merged area "${(a.ref ?? '').slice(0, 40)}" in ${part} is not a cell range: the file is damaged. Open it in Excel or LibreOffice and save it again as .xlsx.`, part);
      if (area.bottom > area.top || area.right > area.left) areas.push(area);
    },
    close(name) {
      if (isList(name)) inList--;
    },
    text() {},
  };
  const list = /<mergeCells(?=[\s/>])/g;
  const first = list.exec(xml);
  const only = first !== null && list.exec(xml) === null && !xml.includes(':mergeCells') && !/<!--|<!\[CDATA\[|<\?(?!xml[\s?])/.test(xml);
  const close = only ? xml.indexOf('</mergeCells', first.index) : -1;
  const end = close < 0 ? -1 : xml.indexOf('>', close);
  if (only && end > 0) parseXml(xml.slice(first.index, end + 1), part, handlers);
  else parseXml(xml, part, handlers);
  return areas;
}

/** "A1:C3", "$A$1:$C$3" or "B2" (a single cell): top, left, bottom, right; null if it is none of these. */
function cellRange(ref: string): MergeArea | null {
  const m = /^\s*\$?([A-Za-z]{1,3})\$?(\d{1,7})(?:\s*:\s*\$?([A-Za-z]{1,3})\$?(\d{1,7}))?\s*$/.exec(ref);
  if (!m) return null;
  const c1 = columnNumber(m[1]!);
  const r1 = +m[2]!;
  const c2 = m[3] ? columnNumber(m[3]) : c1;
  const r2 = m[4] ? +m[4] : r1;
  if (Math.min(r1, r2) < 1 || Math.max(r1, r2) > MAX_SHEET_ROW || Math.max(c1, c2) > MAX_SHEET_COLUMN) return null;
  return { top: Math.min(r1, r2), left: Math.min(c1, c2), bottom: Math.max(r1, r2), right: Math.max(c1, c2) };
}

/** Reads, checks and re-packs the workbook; see the module comment. */
export function prepareWorkbook(zip: ZipArchive, pkg: OpcPackage): PreparedWorkbook {
  const { mainPart } = pkg;
  // 1. Every XML part through the capped, CRC-checked reader; none may carry a DOCTYPE.
  const texts = new Map<string, string>();
  for (const e of zip.entries) {
    if (e.name.endsWith('/') || !XML_PART.test(e.name)) continue;
    const text = decodeXml(zip.read(e.name));
    refuseDoctype(text, e.name);
    texts.set(e.name.replace(/^\/+/, '').toLowerCase(), text);
  }
  const textOf = (part: string): string | undefined => texts.get(part.replace(/^\/+/, '').toLowerCase());

  // 2. The workbook: sheets, their states, the date system.
  const workbookXml = textOf(mainPart);
  if (workbookXml === undefined) throw new ReadError('MAIN_PART_MISSING', `The workbook part ${mainPart} is missing from the package: the file is damaged. Open and re-save it in Excel.`, mainPart);
  let date1904 = false;
  const listed: { name: string; state: string; rid: string }[] = [];
  parseXml(workbookXml, mainPart, {
    open(name, a) {
      if (name.endsWith('workbookPr') && a.date1904 !== undefined) date1904 = onOff(a.date1904);
      else if (/(^|:)sheet$/.test(name)) listed.push({ name: a.name ?? '', state: a.state ?? 'visible', rid: a['r:id'] ?? '' });
    },
    close() {},
    text() {},
  });
  const rels = readRelationships(zip, mainPart);
  const relById = new Map(rels.map((r) => [r.id, r]));
  const sharedStrings = rels.find((r) => relType(r.type) === 'sharedStrings' && !r.external);
  const styles = rels.find((r) => relType(r.type) === 'styles' && !r.external);

  // 3. The canonical package exceljs can read.
  const parts = new Map<string, string>();
  const sheets: SheetInfo[] = [];
  const relXml: string[] = [];
  let n = 0;
  for (const s of listed) {
    const rel = relById.get(s.rid);
    if (!rel || rel.external || relType(rel.type) !== 'worksheet') continue; // chart and dialog sheets
    const xml = textOf(rel.target);
    if (xml === undefined) throw new ReadError('ZIP_CORRUPT', `The worksheet "${s.name}" (${rel.target}) is missing from the package: the file is damaged. Open and re-save it in Excel.`, rel.target);
    n++;
    const sheetXml = unprefixSpreadsheetMl(xml);
    parts.set(`xl/worksheets/sheet${n}.xml`, utf8Declaration(addMissingReferences(sheetXml)));
    relXml.push(`<Relationship Id="${escapeAttr(s.rid)}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${n}.xml"/>`);
    sheets.push({ name: s.name, state: s.state, part: rel.target, merges: mergedAreas(sheetXml, rel.target) });
  }
  const used = new Set(listed.map((s) => s.rid));
  const freeId = (base: string) => {
    let id = base;
    for (let i = 1; used.has(id); i++) id = `${base}${i}`;
    used.add(id);
    return id;
  };
  if (sharedStrings && textOf(sharedStrings.target) !== undefined) {
    parts.set('xl/sharedStrings.xml', utf8Declaration(unprefixSpreadsheetMl(textOf(sharedStrings.target)!)));
    relXml.push(`<Relationship Id="${freeId('rIdSelfevalStrings')}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>`);
  }
  if (styles && textOf(styles.target) !== undefined) {
    parts.set('xl/styles.xml', utf8Declaration(unprefixSpreadsheetMl(textOf(styles.target)!)));
    relXml.push(`<Relationship Id="${freeId('rIdSelfevalStyles')}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>`);
  }
  parts.set('xl/workbook.xml', utf8Declaration(unprefixSpreadsheetMl(workbookXml)));
  parts.set('xl/_rels/workbook.xml.rels', `<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${relXml.join('')}</Relationships>`);
  parts.set('_rels/.rels', '<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>');
  const overrides = [...parts.keys()]
    .filter((p) => p.startsWith('xl/') && p.endsWith('.xml'))
    .map((p) => `<Override PartName="/${p}" ContentType="${CONTENT_TYPES[p.replace(/\d+\.xml$/, 'N.xml')] ?? 'application/xml'}"/>`);
  parts.set('[Content_Types].xml', `<?xml version="1.0" encoding="UTF-8"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${overrides.join('')}</Types>`);

  // 4. The document title, for the partnership name and draft status.
  const coreXml = pkg.corePart ? textOf(pkg.corePart) : undefined;
  return { buffer: storedZip(parts), date1904, coreTitle: coreXml === undefined ? '' : coreTitle(coreXml, pkg.corePart!), sheets };
}

const CONTENT_TYPES: Record<string, string> = {
  'xl/workbook.xml': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
  'xl/worksheets/sheetN.xml': 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml',
  'xl/sharedStrings.xml': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml',
  'xl/styles.xml': 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml',
};

function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

const MAIN_NS = ['http://schemas.openxmlformats.org/spreadsheetml/2006/main', 'http://purl.oclc.org/ooxml/spreadsheetml/main'];

/**
 * Some writers (the .NET Open XML SDK among them) bind SpreadsheetML to a prefix
 * (`<x:worksheet xmlns:x="…">`); exceljs matches bare tag names, so it would see an
 * empty sheet. The prefix is removed and the namespace made the default. Only
 * element names are touched: text cannot hold "<".
 */
export function unprefixSpreadsheetMl(xml: string): string {
  // The root element's prefix (after the declaration and any comments), looked for in the
  // part's first 4 KB (the whole part only if its root starts later than that).
  const findRoot = (text: string) => /^\s*(?:<!--[\s\S]*?-->\s*)*<([A-Za-z_][\w.-]*):[A-Za-z_]/.exec(text.replace(/^\s*<\?xml[^?]*\?>/, ''));
  const head = xml.length > 4096 ? xml.slice(0, 4096) : xml;
  const root = findRoot(head) ?? (head === xml || /^\s*(?:<\?xml[^?]*\?>)?\s*<[A-Za-z_]/.test(head) ? null : findRoot(xml));
  if (!root) return xml;
  const prefix = root[1]!;
  const decl = new RegExp(`xmlns:${prefix}\\s*=\\s*["']([^"']*)["']`).exec(xml);
  if (!decl || !MAIN_NS.includes(decl[1]!)) return xml;
  const p = prefix.replace(/[.]/g, '\\.');
  let out = xml.replace(new RegExp(`<(/?)${p}:`, 'g'), '<$1');
  if (!/\sxmlns\s*=/.test(out)) out = out.replace(new RegExp(`xmlns:${p}(\\s*=)`), 'xmlns$1');
  return out;
}

/** The text is UTF-8 from here on: say so in its declaration. */
function utf8Declaration(xml: string): string {
  return xml.replace(/^\s*<\?xml([^?]*?)encoding\s*=\s*["'][^"']*["']/, '<?xml$1encoding="UTF-8"');
}

/** A zip of stored (uncompressed) entries: nothing for JSZip to inflate. */
export function storedZip(parts: ReadonlyMap<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of parts) {
    const data = Buffer.from(text, 'utf8');
    const nameBuf = Buffer.from(name, 'utf8');
    const crc = crc32(data) >>> 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt32LE(0, 10); // time, date
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(0, 10);
    central.writeUInt32LE(0, 12);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, data);
    centrals.push(central, nameBuf);
    offset += 30 + nameBuf.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.size, 8);
  end.writeUInt16LE(parts.size, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}
