import { SaxesParser } from 'saxes';
import { ReadError } from '../model/diagnostics.js';

/**
 * Streaming XML over saxes, hardened for files from outside:
 * - any DOCTYPE is refused (OOXML never needs one; this shuts out entity
 *   expansion and external entities whatever the parser would do);
 * - nesting is limited;
 * - element and attribute names are resolved to a short, producer-independent
 *   form ("w:p", "w14:checked") from their namespace URI, so Strict OOXML,
 *   unusual prefixes and transitional files read alike.
 */

export const MAX_XML_DEPTH = 256;

/** Namespace URIs we read, by the short prefix the readers use. */
const NAMESPACES: Record<string, string> = {
  'http://schemas.openxmlformats.org/wordprocessingml/2006/main': 'w',
  'http://purl.oclc.org/ooxml/wordprocessingml/main': 'w',
  'http://schemas.microsoft.com/office/word/2010/wordml': 'w14',
  'http://schemas.microsoft.com/office/word/2012/wordml': 'w15',
  'http://schemas.openxmlformats.org/markup-compatibility/2006': 'mc',
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships': 'r',
  'http://purl.oclc.org/ooxml/officeDocument/relationships': 'r',
  'http://schemas.openxmlformats.org/package/2006/relationships': 'rel',
  'http://schemas.openxmlformats.org/package/2006/content-types': 'ct',
  'urn:schemas-microsoft-com:vml': 'v',
  'urn:schemas-microsoft-com:office:office': 'o',
  'http://schemas.openxmlformats.org/drawingml/2006/main': 'a',
  'http://purl.oclc.org/ooxml/drawingml/main': 'a',
  'http://schemas.microsoft.com/office/word/2010/wordprocessingShape': 'wps',
  'http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing': 'wp',
  'http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing': 'wp',
  'http://schemas.openxmlformats.org/spreadsheetml/2006/main': 'x',
  'http://purl.oclc.org/ooxml/spreadsheetml/main': 'x',
  'http://purl.org/dc/elements/1.1/': 'dc',
  'http://schemas.openxmlformats.org/package/2006/metadata/core-properties': 'cp',
};

export type XmlAttrs = Record<string, string>;

/**
 * An error from a handler's own work rather than from the XML: parseXml passes the cause
 * through unchanged instead of reporting the part as malformed.
 */
export class HandlerFailed extends Error {
  constructor(readonly failure: unknown) {
    super('handler failed');
  }
}

export type XmlHandlers = {
  open(name: string, attrs: XmlAttrs): void;
  close(name: string): void;
  text(text: string): void;
};

type Scope = { prefixes: Map<string, string>; identity: boolean };

/**
 * Parses `xml`, calling the handlers with resolved names. Throws ReadError
 * (XML_DOCTYPE, XML_TOO_DEEP, XML_MALFORMED) naming `part`.
 */
export function parseXml(xml: string, part: string, handlers: XmlHandlers, maxDepth = MAX_XML_DEPTH): void {
  const parser = new SaxesParser({ xmlns: false, position: false });
  // Prefix scopes: Office declares everything on the root, so most elements share the
  // parent's map and only declaring elements push a new one. When every prefix in scope
  // already is its short form ("w" → w, the usual case, Strict included) names need no
  // rewriting at all: the fast path.
  const scopes: Scope[] = [{ prefixes: new Map([['xml', 'xml']]), identity: true }];
  const scopeOwner: boolean[] = [];
  const resolveCache = new Map<string, string>();
  let current = scopes[0]!;

  const resolve = (qname: string, isAttr: boolean): string => {
    const colon = qname.indexOf(':');
    if (colon < 0) {
      if (isAttr) return qname;
      const def = current.prefixes.get('');
      return def ? `${def}:${qname}` : qname;
    }
    const prefix = qname.slice(0, colon);
    const short = current.prefixes.get(prefix);
    return short ? `${short}:${qname.slice(colon + 1)}` : qname;
  };

  const resolvedName = (qname: string): string => {
    let name = resolveCache.get(qname);
    if (name === undefined) {
      name = resolve(qname, false);
      resolveCache.set(qname, name);
    }
    return name;
  };
  const resolvedAttrs = (raw: Record<string, string>): XmlAttrs => {
    const attrs: XmlAttrs = {};
    for (const k in raw) {
      if (k === 'xmlns' || k.startsWith('xmlns:')) continue;
      let an = resolveCache.get('@' + k);
      if (an === undefined) {
        an = resolve(k, true);
        resolveCache.set('@' + k, an);
      }
      attrs[an] = raw[k]!;
    }
    return attrs;
  };

  parser.on('doctype', () => {
    throw new ReadError('XML_DOCTYPE', `The part ${part} contains a DOCTYPE declaration. Word and Excel never write one; it is how entity-expansion and external-entity attacks work, so the file is refused.`, part);
  });
  // Looking through every element's attributes for declarations is the costliest part of
  // this wrapper, and Office declares nearly every namespace on the root (Word declares a
  // picture's namespaces on the picture's own elements). So the root is always looked at,
  // and the other elements only when "xmlns" occurs in the part more often than the
  // root's own declarations account for: a part with a picture, or text that merely
  // mentions "xmlns", takes the careful path.
  let scanAll = true;
  // Open elements; in the careful path scopeOwner says which of them declared prefixes.
  let depth = 0;
  parser.on('opentag', (tag) => {
    if (depth >= maxDepth) throw new ReadError('XML_TOO_DEEP', `The part ${part} nests elements more than ${maxDepth} deep; the file is refused.`, part);
    depth++;
    const raw = tag.attributes as Record<string, string>;
    if (!scanAll) {
      if (current.identity) handlers.open(tag.name, raw);
      else handlers.open(resolvedName(tag.name), resolvedAttrs(raw));
      return;
    }
    const isRoot = depth === 1;
    let declares = false;
    let declarations = 0;
    for (const k in raw) {
      if (k.charCodeAt(0) === 120 /* x */ && (k === 'xmlns' || k.startsWith('xmlns:'))) {
        declarations++;
        if (!declares) {
          current = { prefixes: new Map(current.prefixes), identity: current.identity };
          scopes.push(current);
          declares = true;
          resolveCache.clear();
        }
        const prefix = k === 'xmlns' ? '' : k.slice(6);
        // Unknown namespaces keep their prefix: nothing here reads them.
        const short = NAMESPACES[raw[k]!] ?? prefix;
        current.prefixes.set(prefix, short);
        if (short !== prefix) current.identity = false;
      }
    }
    scopeOwner.push(declares);
    if (isRoot) scanAll = occurrences(xml, 'xmlns') > declarations;
    if (current.identity) handlers.open(tag.name, raw);
    else handlers.open(resolvedName(tag.name), resolvedAttrs(raw));
  });
  parser.on('closetag', (tag) => {
    const name = current.identity ? tag.name : (resolveCache.get(tag.name) ?? resolve(tag.name, false));
    handlers.close(name);
    // In the fast path only the root has an entry in scopeOwner.
    if ((scanAll || depth === 1) && scopeOwner.pop()) {
      scopes.pop();
      current = scopes[scopes.length - 1]!;
      resolveCache.clear();
    }
    depth--;
  });
  parser.on('text', handlers.text);
  parser.on('cdata', handlers.text);
  try {
    parser.write(xml).close();
  } catch (err) {
    if (err instanceof ReadError) throw err;
    if (err instanceof HandlerFailed) throw err.failure;
    const msg = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new ReadError('XML_MALFORMED', `The part ${part} is not well-formed XML (${msg}): the file is corrupt. Ask for the file again, or open and re-save it in Word or Excel.`, part);
  }
}

/**
 * A look-up for the element names a handler reads: the name as listed, or undefined for
 * names not wanted, so most elements of a part stop here. The parser hands over each name
 * as a fresh string, and hashing it for a Map look-up was ~12% of the Word model's own
 * time in a profile; this buckets names by length and two characters, so a name costs one
 * array read and at most a comparison or two. The answer's type is the listed names, so a
 * `switch` case for a name missing from the list does not compile.
 */
export function nameLookup<const N extends string>(names: readonly N[]): (name: string) => N | undefined {
  const key = (n: string) => ((n.length & 31) << 10) | ((n.charCodeAt(2) & 31) << 5) | (n.charCodeAt(n.length - 1) & 31);
  const buckets: (N[] | undefined)[] = new Array<N[] | undefined>(1 << 15).fill(undefined);
  for (const n of names) (buckets[key(n)] ??= []).push(n);
  return (name) => {
    const bucket = buckets[key(name)];
    if (bucket === undefined) return undefined;
    for (let i = 0; i < bucket.length; i++) if (bucket[i] === name) return bucket[i];
    return undefined;
  };
}

function occurrences(text: string, word: string): number {
  let n = 0;
  for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + word.length)) n++;
  return n;
}

/** True for "1", "true", "on" and a missing value, as OOXML's ST_OnOff defines. */
export function onOff(value: string | undefined): boolean {
  if (value === undefined) return true;
  const v = value.trim().toLowerCase();
  return !(v === '0' || v === 'false' || v === 'off');
}
