import { collapseSpaces } from '../../model/words.js';
import { HandlerFailed, nameLookup, parseXml, onOff, type XmlAttrs } from '../xml.js';
import { symbolText } from '../symbols.js';
import { foldText } from '../marks.js';

/**
 * WordprocessingML → a small document model of paragraphs and tables that keeps
 * exactly what a person sees and what marks a rating: visible text in its accepted
 * revision state, checkboxes (content controls and legacy form fields), symbol
 * glyphs, cell shading, run formatting, and the table grid.
 *
 * One streaming pass over the XML; nothing here knows about the self-evaluation
 * template (that is `return.ts`).
 */

export type Revision = 'none' | 'inserted' | 'deleted';

export type DocRun = {
  text: string;
  bold: boolean;
  strike: boolean;
  highlight: boolean;
  /** w:vanish: hidden text is never taken as a mark or as evidence. */
  hidden: boolean;
  revision: Revision;
  /** Text of a content-control placeholder ("Choose an item."), not an answer. */
  placeholder: boolean;
  /** Glyph drawn by a checkbox content control: compared with its checked state, not read as a mark. */
  checkboxGlyph: boolean;
  /** The symbol font and code the text came from, e.g. "Wingdings F0FC". */
  symbol: string | null;
};

export type Checkbox = {
  checked: boolean;
  /** The glyph shown in the document, when there is one ("☒", "☐"). */
  glyph: string;
  source: 'content control' | 'form field';
  revision: Revision;
};

export type DocParagraph = {
  kind: 'p';
  runs: DocRun[];
  /**
   * The text a person sees, built while parsing: runs neither deleted, hidden nor
   * placeholders. Readers ask for it for every paragraph, most of them more than once.
   */
  text: string;
  /** The text's non-blank lines, white space collapsed: worked out once, as the paragraph closes. */
  lines: readonly string[];
  checkboxes: Checkbox[];
  style: string;
  /** Numbered or bulleted through Word list numbering (w:numPr). */
  numbered: boolean;
};

export type DocCell = {
  blocks: DocBlock[];
  /** Columns of the table grid this cell covers. */
  span: number;
  vMerge: 'restart' | 'continue' | null;
  /** w:shd fill of the cell, upper-case hex, or null when none/auto/white. */
  shading: string | null;
  /** Checkboxes of a content control that wraps the whole cell. */
  checkboxes: Checkbox[];
  /** First grid column, filled in when the row closes. */
  gridCol: number;
  /** A table is nested in the cell (its paragraphs are then gathered by a walk). */
  hasTable: boolean;
  /** Worked out once, on first use (see cellLines): readers ask for them many times. */
  lines: readonly string[] | null;
  text: string | null;
  /** The text folded for comparing with labels (see foldText). */
  folded: string | null;
  paras: DocParagraph[] | null;
};

/** A cell with nothing in it, for rows that lack one. */
export const newCell = (): DocCell => ({ blocks: [], span: 1, vMerge: null, shading: null, checkboxes: [], gridCol: 0, hasTable: false, lines: null, text: null, folded: null, paras: null });

export type DocRow = { cells: DocCell[]; gridBefore: number; gridAfter: number; deleted: boolean };
export type DocTable = { kind: 'table'; rows: DocRow[]; index: number };
export type DocBlock = DocParagraph | DocTable;

export type DocxDocument = {
  /** Empty when the blocks went to onBlock. */
  blocks: DocBlock[];
};

const SYMBOL_FONTS = /^(wingdings( 2| 3)?|webdings|symbol|ms gothic|segoe ui symbol)$/i;

type Field = { state: 'instr' | 'result'; checkbox: { checked: boolean | null; dflt: boolean } | null; dropdown: { result: number | null; dflt: number; entries: string[] } | null };
type Sdt = { checkbox: { checked: boolean } | null; placeholder: boolean; cellLevel: boolean; depthAtOpen: number; cells: DocCell[]; paragraphsBefore: DocParagraph | null; glyph: string };
type Container = { blocks: DocBlock[] };

/** The elements the model reads; every other element stops at this look-up. */
const readElement = nameLookup([
  'mc:Fallback', 'w14:checkbox', 'w14:checked', 'w:b', 'w:br', 'w:checkBox', 'w:checked', 'w:commentReference', 'w:cr', 'w:ddList', 'w:default', 'w:del', 'w:delInstrText', 'w:delText', 'w:dstrike', 'w:endnoteReference', 'w:ffData', 'w:fldChar', 'w:footnoteReference', 'w:gridAfter', 'w:gridBefore', 'w:gridSpan', 'w:highlight', 'w:ins', 'w:instrText', 'w:listEntry', 'w:moveFrom', 'w:moveTo', 'w:noBreakHyphen', 'w:numPr', 'w:p', 'w:pPr', 'w:pStyle', 'w:r', 'w:rFonts', 'w:rPr', 'w:result', 'w:sdt', 'w:sdtPr', 'w:shd', 'w:showingPlcHdr', 'w:specVanish', 'w:strike', 'w:sym', 'w:t', 'w:tab', 'w:tbl', 'w:tc', 'w:tcPr', 'w:tr', 'w:trPr', 'w:txbxContent', 'w:vMerge', 'w:vanish',
]);

/**
 * The last item of a stack, or undefined. `xs[xs.length - 1]` on an empty array reads
 * index -1, which V8 looks up as a named property through the prototype chain: at one
 * such read per run and per cell, a measurable share of the whole parse.
 */
const top = <T>(xs: readonly T[]): T | undefined => (xs.length > 0 ? xs[xs.length - 1] : undefined);

const newParagraph = (): DocParagraph => ({ kind: 'p', runs: [], text: '', lines: NO_LINES, checkboxes: [], style: '', numbered: false });
const NO_LINES: readonly string[] = Object.freeze([]);

/** Non-blank lines of a text, each with its white space collapsed. */
function linesOf(text: string): readonly string[] {
  if (!text) return NO_LINES;
  if (!text.includes('\n')) {
    const t = collapseSpaces(text);
    return t ? [t] : NO_LINES;
  }
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const t = collapseSpaces(line);
    if (t) out.push(t);
  }
  return out;
}

/**
 * With `onBlock`, each top-level block (paragraph or table) is handed over as it closes
 * and not kept: a reader can walk the document while its parts are fresh in the cache.
 * An error thrown by `onBlock` propagates unchanged (it is not the XML's fault).
 */
export function parseDocumentXml(xml: string, part: string, onBlock?: (block: DocBlock) => void): DocxDocument {
  const body: Container = { blocks: [] };
  const containers: Container[] = [body];
  const tables: DocTable[] = [];
  const rows: DocRow[] = [];
  const cells: DocCell[] = [];
  const paras: DocParagraph[] = [];
  const sdts: Sdt[] = [];
  const fields: Field[] = [];
  let topTables = 0;

  // Property-element state
  let inRPr = 0; // inside w:rPr (run properties, also pPr/rPr and sdtPr/rPr)
  let inPPr = 0;
  let inTcPr = 0;
  let inTrPr = 0;
  let inSdtPr = 0;
  let inFfData = 0;
  let skip = 0; // depth inside an ignored subtree (mc:Fallback, w:instrText)
  let insDepth = 0;
  let delDepth = 0;
  // Counted as they open and close, so that each run need not look through the stacks.
  let fieldsInInstr = 0; // fields whose instruction is being read (its text is not shown)
  let placeholders = 0; // content controls showing their placeholder
  // The current run's properties, as plain variables: a run costs no object until it has text.
  let inRun = false;
  let bold = false;
  let strike = false;
  let highlight = false;
  let hidden = false;
  let font: string | null = null;
  let textTarget: 't' | 'delText' | null = null;
  let textBuf = '';

  const revision = (): Revision => (delDepth > 0 ? 'deleted' : insDepth > 0 ? 'inserted' : 'none');
  const currentContainer = () => containers[containers.length - 1]!;
  /** A finished paragraph or table goes to the block around it (or to onBlock at the top). */
  const place = (block: DocBlock) => {
    const container = currentContainer();
    if (container !== body || !onBlock) container.blocks.push(block);
    else {
      try {
        onBlock(block);
      } catch (err) {
        throw new HandlerFailed(err);
      }
    }
  };

  const pushRun = (text: string, symbol: string | null, forceDeleted = false) => {
    const p = top(paras);
    if (!p || text === '') return;
    if (fieldsInInstr > 0) return;
    const sdt = top(sdts);
    const rev = forceDeleted ? 'deleted' : revision();
    const placeholder = placeholders > 0;
    p.runs.push({ text, bold, strike, highlight, hidden, revision: rev, placeholder, checkboxGlyph: !!sdt?.checkbox, symbol });
    if (rev !== 'deleted' && !hidden && !placeholder) p.text += text;
    if (sdt?.checkbox && rev !== 'deleted') sdt.glyph += text;
  };

  const addCheckbox = (cb: Checkbox, sdt: Sdt | null) => {
    if (sdt?.cellLevel && sdt.cells.length > 0) {
      for (const c of sdt.cells) c.checkboxes.push(cb);
      return;
    }
    const p = top(paras) ?? sdt?.paragraphsBefore;
    if (p) {
      p.checkboxes.push(cb);
      return;
    }
    // A block-level control closed after its paragraphs: give the box its own paragraph.
    const own = newParagraph();
    own.checkboxes.push(cb);
    place(own);
  };

  parseXml(xml, part, {
    open(element: string, a: XmlAttrs) {
      if (skip > 0) {
        skip++;
        return;
      }
      const name = readElement(element);
      if (name === undefined) return;
      switch (name) {
        case 'mc:Fallback': // read the Choice, never both
        case 'w:instrText':
        case 'w:delInstrText':
        case 'w:commentReference':
        case 'w:footnoteReference':
        case 'w:endnoteReference':
          skip = 1;
          return;
        case 'w:p':
          paras.push(newParagraph());
          return;
        case 'w:pPr':
          inPPr++;
          return;
        case 'w:pStyle':
          if (inPPr && !inRPr && paras.length) paras[paras.length - 1]!.style = a['w:val'] ?? '';
          return;
        case 'w:numPr':
          if (inPPr && paras.length) paras[paras.length - 1]!.numbered = true;
          return;
        case 'w:r':
          inRun = true;
          bold = strike = highlight = hidden = false;
          font = null;
          return;
        case 'w:rPr':
          inRPr++;
          return;
        case 'w:sdtPr':
          inSdtPr++;
          return;
        case 'w:tbl': {
          const t: DocTable = { kind: 'table', rows: [], index: 0 };
          if (cells.length === 0) t.index = ++topTables;
          else cells[cells.length - 1]!.hasTable = true;
          tables.push(t);
          return;
        }
        case 'w:tr':
          rows.push({ cells: [], gridBefore: 0, gridAfter: 0, deleted: false });
          return;
        case 'w:trPr':
          inTrPr++;
          return;
        case 'w:gridBefore':
          if (inTrPr && rows.length) rows[rows.length - 1]!.gridBefore = parseInt(a['w:val'] ?? '0', 10) || 0;
          return;
        case 'w:gridAfter':
          if (inTrPr && rows.length) rows[rows.length - 1]!.gridAfter = parseInt(a['w:val'] ?? '0', 10) || 0;
          return;
        case 'w:tc': {
          const c = newCell();
          const sdt = top(sdts);
          if (sdt && sdt.depthAtOpen === rows.length && sdt.cells.length === 0 && paras.length === 0) {
            sdt.cellLevel = true;
            sdt.cells.push(c);
          } else if (sdt && sdt.cellLevel) sdt.cells.push(c);
          cells.push(c);
          containers.push(c);
          return;
        }
        case 'w:tcPr':
          inTcPr++;
          return;
        case 'w:gridSpan':
          if (inTcPr && cells.length) cells[cells.length - 1]!.span = Math.max(1, parseInt(a['w:val'] ?? '1', 10) || 1);
          return;
        case 'w:vMerge':
          if (inTcPr && cells.length) cells[cells.length - 1]!.vMerge = a['w:val'] === 'restart' ? 'restart' : 'continue';
          return;
        case 'w:shd': {
          // A fill colour, or a pattern drawn in w:color over it ("solid" covers the cell entirely).
          const pattern = a['w:val'] ?? 'clear';
          const colour = (a['w:color'] ?? '').toUpperCase();
          let fill = (a['w:fill'] ?? '').toUpperCase();
          if (pattern !== 'clear' && pattern !== 'nil' && colour !== '' && colour !== 'AUTO' && (pattern === 'solid' || fill === '' || fill === 'AUTO' || fill === 'FFFFFF')) fill = colour;
          const shaded = pattern !== 'nil' && fill !== '' && fill !== 'AUTO' && fill !== 'FFFFFF';
          if (inTcPr && cells.length) cells[cells.length - 1]!.shading = shaded ? fill : null;
          else if (inRPr && inRun && shaded) highlight = true;
          return;
        }
        case 'w:b':
          if (inRPr && inRun && !inPPr) bold = onOff(a['w:val']);
          return;
        case 'w:strike':
        case 'w:dstrike':
          if (inRPr && inRun && !inPPr) strike = onOff(a['w:val']);
          return;
        case 'w:highlight':
          if (inRPr && inRun && !inPPr) highlight = (a['w:val'] ?? 'none') !== 'none';
          return;
        case 'w:vanish':
        case 'w:specVanish':
          if (inRPr && inRun && !inPPr) hidden = onOff(a['w:val']);
          return;
        case 'w:rFonts':
          if (inRPr && inRun && !inPPr) font = a['w:ascii'] ?? a['w:hAnsi'] ?? a['w:cs'] ?? null;
          return;
        case 'w:ins':
        case 'w:moveTo':
          if (inRPr || inPPr || inTrPr || inTcPr) {
            // a revision mark on properties (paragraph mark, row, cell), not a content wrapper
            return;
          }
          insDepth++;
          return;
        case 'w:del':
        case 'w:moveFrom':
          if (inTrPr && rows.length) {
            rows[rows.length - 1]!.deleted = true;
            return;
          }
          if (inRPr || inPPr || inTcPr) return;
          delDepth++;
          return;
        case 'w:t':
          if (inRPr || inSdtPr) return;
          textTarget = 't';
          textBuf = '';
          return;
        case 'w:delText':
          textTarget = 'delText';
          textBuf = '';
          return;
        case 'w:tab':
          if (!inPPr && !inRPr && !inSdtPr && inRun) pushRun('\t', null);
          return;
        case 'w:br':
        case 'w:cr':
          if (!inRPr && inRun) pushRun('\n', null);
          return;
        case 'w:noBreakHyphen':
          if (inRun) pushRun('-', null);
          return;
        case 'w:sym': {
          if (!inRun) return;
          const symFont = a['w:font'] ?? '';
          const code = parseInt(a['w:char'] ?? '', 16);
          if (!Number.isNaN(code)) pushRun(symbolText(symFont, code), `${symFont} ${code.toString(16).toUpperCase().padStart(4, '0')}`);
          return;
        }
        case 'w:fldChar': {
          const type = a['w:fldCharType'];
          if (type === 'begin') {
            fields.push({ state: 'instr', checkbox: null, dropdown: null });
            fieldsInInstr++;
          } else if (type === 'separate') {
            const f = top(fields);
            if (f?.state === 'instr') {
              f.state = 'result';
              fieldsInInstr--;
            }
          } else if (type === 'end') {
            const f = fields.pop();
            if (f?.state === 'instr') fieldsInInstr--;
            if (f?.checkbox) {
              addCheckbox({ checked: f.checkbox.checked ?? f.checkbox.dflt, glyph: '', source: 'form field', revision: revision() }, null);
            } else if (f?.dropdown) {
              const i = f.dropdown.result ?? f.dropdown.dflt;
              const entry = f.dropdown.entries[i] ?? '';
              pushRun(entry, null);
            }
          }
          return;
        }
        case 'w:ffData':
          inFfData++;
          return;
        case 'w:checkBox': {
          const f = top(fields);
          if (inFfData && f) f.checkbox = { checked: null, dflt: false };
          return;
        }
        case 'w:default': {
          const f = top(fields);
          if (!inFfData || !f) return;
          if (f.checkbox) f.checkbox.dflt = onOff(a['w:val']);
          else if (f.dropdown) f.dropdown.dflt = parseInt(a['w:val'] ?? '0', 10) || 0;
          return;
        }
        case 'w:checked': {
          const f = top(fields);
          if (inFfData && f?.checkbox) f.checkbox.checked = onOff(a['w:val']);
          return;
        }
        case 'w:ddList': {
          const f = top(fields);
          if (inFfData && f) f.dropdown = { result: null, dflt: 0, entries: [] };
          return;
        }
        case 'w:result': {
          const f = top(fields);
          if (inFfData && f?.dropdown) f.dropdown.result = parseInt(a['w:val'] ?? '0', 10) || 0;
          return;
        }
        case 'w:listEntry': {
          const f = top(fields);
          if (inFfData && f?.dropdown) f.dropdown.entries.push(a['w:val'] ?? '');
          return;
        }
        case 'w:sdt':
          // Whether it wraps a whole cell is decided when a w:tc opens inside it.
          sdts.push({ checkbox: null, placeholder: false, cellLevel: false, depthAtOpen: rows.length, cells: [], paragraphsBefore: top(paras) ?? null, glyph: '' });
          return;
        case 'w14:checkbox': {
          const s = top(sdts);
          if (inSdtPr && s) s.checkbox = { checked: false };
          return;
        }
        case 'w14:checked': {
          const s = top(sdts);
          if (inSdtPr && s?.checkbox) s.checkbox.checked = onOff(a['w14:val'] ?? a['w:val']);
          return;
        }
        case 'w:showingPlcHdr': {
          const s = top(sdts);
          if (!inSdtPr || !s) return;
          const showing = onOff(a['w:val']);
          if (showing !== s.placeholder) placeholders += showing ? 1 : -1;
          s.placeholder = showing;
          return;
        }
        case 'w:txbxContent':
          // A text box's paragraphs belong to the cell or body around the shape.
          containers.push(containers[containers.length - 1]!);
          return;
        default:
          return;
      }
    },
    text(t: string) {
      if (skip > 0 || textTarget === null) return;
      textBuf += t;
    },
    close(element: string) {
      if (skip > 0) {
        skip--;
        return;
      }
      const name = readElement(element);
      if (name === undefined) return;
      switch (name) {
        case 'w:t':
        case 'w:delText': {
          if (textTarget === null) return;
          const deleted = textTarget === 'delText';
          textTarget = null;
          if (font && SYMBOL_FONTS.test(font)) {
            // LibreOffice re-saves w:sym as private-use characters (U+F0FC) in a symbol-font run.
            let out = '';
            for (const ch of textBuf) out += symbolText(font, ch.codePointAt(0)!);
            pushRun(out, `${font} ${[...textBuf].map((c) => c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')).join(' ')}`, deleted);
          } else pushRun(textBuf, null, deleted);
          return;
        }
        case 'w:r':
          inRun = bold = strike = highlight = hidden = false;
          font = null;
          return;
        case 'w:rPr':
          inRPr--;
          return;
        case 'w:pPr':
          inPPr--;
          return;
        case 'w:sdtPr':
          inSdtPr--;
          return;
        case 'w:ffData':
          inFfData--;
          return;
        case 'w:tcPr':
          inTcPr--;
          return;
        case 'w:trPr':
          inTrPr--;
          return;
        case 'w:ins':
        case 'w:moveTo':
          if (inRPr || inPPr || inTrPr || inTcPr) return;
          insDepth = Math.max(0, insDepth - 1);
          return;
        case 'w:del':
        case 'w:moveFrom':
          if (inRPr || inPPr || inTcPr || inTrPr) return;
          delDepth = Math.max(0, delDepth - 1);
          return;
        case 'w:p': {
          const p = paras.pop();
          if (!p) return;
          p.lines = linesOf(p.text);
          place(p);
          return;
        }
        case 'w:tc': {
          const c = cells.pop();
          containers.pop();
          const r = top(rows);
          if (c && r) r.cells.push(c);
          return;
        }
        case 'w:tr': {
          const r = rows.pop();
          const t = top(tables);
          if (r && t) {
            let col = r.gridBefore;
            for (const c of r.cells) {
              c.gridCol = col;
              col += c.span;
            }
            t.rows.push(r);
          }
          return;
        }
        case 'w:tbl': {
          const t = tables.pop();
          if (t) place(t);
          return;
        }
        case 'w:sdt': {
          const s = sdts.pop();
          if (s?.placeholder) placeholders--;
          if (s?.checkbox) {
            addCheckbox({ checked: s.checkbox.checked, glyph: s.glyph.trim(), source: 'content control', revision: revision() }, s);
          }
          return;
        }
        case 'w:txbxContent':
          containers.pop();
          return;
        default:
          return;
      }
    },
  });
  return { blocks: body.blocks };
}

/** The visible lines of a cell, nested tables included (one line per paragraph or nested cell). */
export function cellLines(c: DocCell): readonly string[] {
  if (c.lines) return c.lines;
  const paras = cellParagraphs(c);
  if (paras.length === 1) return (c.lines = paras[0]!.lines);
  const out: string[] = [];
  for (const p of paras) for (const line of p.lines) out.push(line);
  return (c.lines = out);
}

export function cellText(c: DocCell): string {
  if (c.text === null) {
    const lines = cellLines(c);
    c.text = lines.length === 1 ? lines[0]! : lines.join(' ');
  }
  return c.text;
}

/** The length of cellText(c), without joining a long cell's lines to find it. */
export function cellTextLength(c: DocCell): number {
  if (c.text !== null) return c.text.length;
  const lines = cellLines(c);
  let n = lines.length > 0 ? lines.length - 1 : 0;
  for (const line of lines) n += line.length;
  return n;
}

/** A cell's text folded for comparison: a label or header cell is compared several times. */
export function cellFolded(c: DocCell): string {
  return (c.folded ??= foldText(cellText(c)));
}

/** Every paragraph of a cell, nested tables included, in document order. */
export function cellParagraphs(c: DocCell): DocParagraph[] {
  if (c.paras) return c.paras;
  if (!c.hasTable) return (c.paras = c.blocks as DocParagraph[]);
  const out: DocParagraph[] = [];
  const walk = (blocks: DocBlock[]) => {
    for (const b of blocks) {
      if (b.kind === 'p') out.push(b);
      else for (const r of b.rows) if (!r.deleted) for (const c2 of r.cells) walk(c2.blocks);
    }
  };
  walk(c.blocks);
  return (c.paras = out);
}
