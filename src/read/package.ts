import { ReadError } from '../model/diagnostics.js';
import { parseXml } from './xml.js';
import type { ZipArchive } from './zip/zip.js';

/**
 * Finding the main part of an OPC package (Word or Excel) through `_rels/.rels`
 * and `[Content_Types].xml`, as the format defines, instead of assuming
 * `word/document.xml` or `xl/workbook.xml`.
 */

export type PackageKind = 'docx' | 'xlsx' | 'pptx' | 'unknown';

export type OpcPackage = {
  kind: PackageKind;
  mainPart: string;
  contentType: string;
  macroEnabled: boolean;
  /** The core-properties part (docProps/core.xml: the document's title), when the package has one. */
  corePart: string | null;
};

export type Relationship = { id: string; type: string; target: string; external: boolean };

/** Relationship types differ between transitional and Strict OOXML: compare by their last segment. */
export function relType(type: string): string {
  return type.slice(type.lastIndexOf('/') + 1);
}

/** Parses a .rels part; targets are resolved against the part the rels belong to. */
export function readRelationships(zip: ZipArchive, sourcePart: string): Relationship[] {
  const dir = sourcePart.includes('/') ? sourcePart.slice(0, sourcePart.lastIndexOf('/') + 1) : '';
  const base = sourcePart.slice(sourcePart.lastIndexOf('/') + 1);
  const relsPart = sourcePart === '' ? '_rels/.rels' : `${dir}_rels/${base}.rels`;
  if (!zip.has(relsPart)) return [];
  const out: Relationship[] = [];
  parseXml(zip.readText(relsPart), relsPart, {
    open(name, a) {
      if (name.endsWith('Relationship') && a.Target !== undefined) {
        const external = (a.TargetMode ?? '').toLowerCase() === 'external';
        out.push({ id: a.Id ?? '', type: a.Type ?? '', target: external ? a.Target : resolvePartName(dir, a.Target), external });
      }
    },
    close() {},
    text() {},
  });
  return out;
}

/** Resolves a relationship target ("../media/x.png", "/word/document.xml") to a part name. */
export function resolvePartName(dir: string, target: string): string {
  const raw = target.startsWith('/') ? target.slice(1) : dir + target;
  const parts: string[] = [];
  for (const seg of raw.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  const joined = parts.join('/');
  try {
    return decodeURIComponent(joined);
  } catch {
    return joined; // a malformed %-escape: keep the target as written rather than refuse the file
  }
}

function contentTypes(zip: ZipArchive): { defaults: Map<string, string>; overrides: Map<string, string> } {
  const defaults = new Map<string, string>();
  const overrides = new Map<string, string>();
  if (!zip.has('[Content_Types].xml')) return { defaults, overrides };
  parseXml(zip.readText('[Content_Types].xml'), '[Content_Types].xml', {
    open(name, a) {
      if (name.endsWith('Default') && a.Extension) defaults.set(a.Extension.toLowerCase(), a.ContentType ?? '');
      if (name.endsWith('Override') && a.PartName) overrides.set(a.PartName.replace(/^\//, '').toLowerCase(), a.ContentType ?? '');
    },
    close() {},
    text() {},
  });
  return { defaults, overrides };
}

export function identifyPackage(zip: ZipArchive): OpcPackage {
  const rels = readRelationships(zip, '');
  const main = rels.find((r) => relType(r.type) === 'officeDocument' && !r.external);
  const types = contentTypes(zip);
  let mainPart = main?.target ?? '';
  if (!mainPart || !zip.has(mainPart)) {
    // Fall back to the conventional names only to say what the file is.
    if (zip.has('word/document.xml')) mainPart = 'word/document.xml';
    else if (zip.has('xl/workbook.xml')) mainPart = 'xl/workbook.xml';
    else throw new ReadError('MAIN_PART_MISSING', 'The package has no main document part (no officeDocument relationship in _rels/.rels): it is not a Word or Excel document, or it is damaged. Open and re-save it in Word or Excel.', '_rels/.rels');
  }
  const ext = mainPart.slice(mainPart.lastIndexOf('.') + 1).toLowerCase();
  const contentType = types.overrides.get(mainPart.toLowerCase()) ?? types.defaults.get(ext) ?? '';
  const ct = contentType.toLowerCase();
  let kind: PackageKind = 'unknown';
  if (ct.includes('wordprocessingml') || ct.includes('ms-word')) kind = 'docx';
  else if (ct.includes('spreadsheetml') || ct.includes('ms-excel')) kind = 'xlsx';
  else if (ct.includes('presentationml') || ct.includes('ms-powerpoint')) kind = 'pptx';
  else if (ct === '') kind = mainPart.startsWith('word/') ? 'docx' : mainPart.startsWith('xl/') ? 'xlsx' : 'unknown';
  const core = rels.find((r) => relType(r.type) === 'core-properties' && !r.external && zip.has(r.target));
  return { kind, mainPart, contentType, macroEnabled: ct.includes('macroenabled'), corePart: core?.target ?? null };
}

/** The document title in a core-properties part (dc:title), trimmed; "" when it has none. */
export function coreTitle(xml: string, part: string): string {
  let title = '';
  let inTitle = false;
  parseXml(xml, part, {
    open: (n) => { if (n === 'dc:title') inTitle = true; },
    close: (n) => { if (n === 'dc:title') inTitle = false; },
    text: (t) => { if (inTitle) title += t; },
  });
  return title.trim();
}
