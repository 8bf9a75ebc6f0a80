import type ExcelJS from 'exceljs';
import WorkbookModule from 'exceljs/lib/doc/workbook.js';
import { ReadError } from '../../model/diagnostics.js';
import { excelSerialToIso } from '../dates.js';
import { columnLetters, type MergeArea, type PreparedWorkbook, type SheetInfo } from './package.js';

/**
 * The workbook as plain grids of cells, with merges resolved and every value turned
 * into the text a person sees. exceljs is imported here only (this module is loaded
 * lazily, when a workbook is met: loading it costs ~60 ms).
 *
 * Values are read from `cell.value`, never `cell.text` (which gives "[object Object]"
 * for errors and under rich-text merges, and `Date.toString()` for dates): rich text
 * is `{richText:[{text}]}`, hyperlinks `{text, hyperlink}`, formulas `{formula |
 * sharedFormula, result}`, errors `{error}`, dates `Date`.
 */

// exceljs's index also loads its streaming reader and writer (unzipper, archiver and
// ~380 more modules: 155 ms against 60 ms, measured) that selfeval never uses. The
// workbook class is the same object the index exports. It is imported by path so that
// esbuild joins it (and its dependencies) into this module's chunk of the bundle: one
// file to load instead of ~150 (see esbuild.config.mjs).
const Workbook = WorkbookModule as unknown as typeof ExcelJS.Workbook;

export type CellKind = 'empty' | 'text' | 'number' | 'date' | 'boolean' | 'error';

export type XCell = {
  /** What a person sees, as text ("" when empty). Under a merge: the merge's own text. */
  readonly text: string;
  /** "Sheet1!D14" (the merge's first cell for a merged area). */
  readonly location: string;
  /** A cell covered by a merge but not its first (top-left) cell. */
  readonly merged: boolean;
  /** Row and column (1-based) of the merge's first cell, or of this cell. */
  readonly masterRow: number;
  readonly masterCol: number;
  readonly kind: CellKind;
  /** ISO date for a date cell (1904 date system already corrected). */
  readonly iso?: string;
  /** A formula cell. */
  readonly formula: boolean;
  /** A formula with no cached value: the file was never recalculated and saved. */
  readonly noCache: boolean;
};

export type XSheet = {
  name: string;
  state: string;
  /** Row numbers (1-based, ascending) that hold at least one non-empty cell. */
  rows: number[];
  /** Last column holding anything (capped). */
  colCount: number;
  at(row: number, col: number): XCell;
  /** Cells 1..colCount of a row (index 0 is column A); the same array each time: never change it. */
  row(row: number): readonly XCell[];
  /** Page header and footer texts (Excel's &-codes removed). */
  headerFooter: string[];
};

/** Columns and rows beyond these are ignored: no return is that wide or long. */
export const MAX_COLUMNS = 200;
export const MAX_ROWS = 5000;
/** Rows whose cells are kept built (see toSheet). */
const ROW_CACHE_SIZE = 64;

/** How a sheet is named in locations: quoted as Excel quotes it when it has spaces or punctuation. */
export function sheetRef(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

type Raw = { text: string; kind: CellKind; iso?: string; formula: boolean; noCache: boolean };

const DAY_MS = 86400000;

function isoOfDate(d: Date, shift1904: boolean): string | null {
  const t = d.getTime() + (shift1904 ? 1462 * DAY_MS : 0);
  if (!Number.isFinite(t)) return null;
  // exceljs builds Dates in UTC from the serial; go back to the serial and use the shared conversion.
  const serial = t / DAY_MS + 25569;
  return excelSerialToIso(Math.floor(serial + 1e-9), false);
}

/** A cell value → text and kind. */
function convert(v: ExcelJS.CellValue, shift1904: boolean): Raw {
  const plain = (text: string, kind: CellKind): Raw => ({ text, kind, formula: false, noCache: false });
  if (v === null || v === undefined) return plain('', 'empty');
  if (typeof v === 'string') return plain(v, v.trim() ? 'text' : 'empty');
  // 15 significant digits: Excel may store 4.1 as 4.0999999999999996.
  if (typeof v === 'number') return plain(Number.isFinite(v) ? String(Number(v.toPrecision(15))) : '', 'number');
  if (typeof v === 'boolean') return plain(v ? 'TRUE' : 'FALSE', 'boolean');
  if (v instanceof Date) {
    const iso = isoOfDate(v, shift1904);
    return iso ? { text: iso, kind: 'date', iso, formula: false, noCache: false } : plain('', 'error');
  }
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return plain(v.richText.map((r) => r?.text ?? '').join(''), 'text');
    if ('error' in v) return plain(String(v.error), 'error');
    if ('formula' in v || 'sharedFormula' in v) {
      const f = v as ExcelJS.CellFormulaValue;
      if (f.result === undefined || f.result === null) return { text: '', kind: 'empty', formula: true, noCache: true };
      const r = convert(f.result as ExcelJS.CellValue, shift1904);
      return { ...r, formula: true };
    }
    if ('hyperlink' in v || 'text' in v) {
      const t = (v as { text?: unknown }).text;
      if (typeof t === 'string') return plain(t, t.trim() ? 'text' : 'empty');
      if (t && typeof t === 'object') return convert(t as ExcelJS.CellValue, shift1904);
      return plain('', 'empty');
    }
  }
  return plain(String(v), 'text');
}

/**
 * Cells of the merge grids (see toSheet) one workbook may need: 16 MB. A real return
 * needs a few hundred; the grids live outside the JS heap, so --max-memory would not
 * stop a workbook of many sheets, each merged over the whole of what is read.
 */
export const MAX_MERGE_GRID_CELLS = 4_000_000;

/**
 * The grid a sheet's merges need: the rectangle they span within MAX_ROWS × MAX_COLUMNS
 * (first row and column, and size). Merges starting beyond those are not in it.
 */
function mergeGridArea(merges: readonly MergeArea[]): { top: number; left: number; bottom: number; right: number; cells: number } {
  let top = Infinity;
  let left = Infinity;
  let bottom = 0;
  let right = 0;
  for (const m of merges) {
    if (m.top > MAX_ROWS || m.left > MAX_COLUMNS) continue;
    top = Math.min(top, m.top);
    left = Math.min(left, m.left);
    bottom = Math.max(bottom, Math.min(m.bottom, MAX_ROWS));
    right = Math.max(right, Math.min(m.right, MAX_COLUMNS));
  }
  return bottom === 0 ? { top: 1, left: 1, bottom: 0, right: 0, cells: 0 } : { top, left, bottom, right, cells: (bottom - top + 1) * (right - left + 1) };
}

type GridArea = ReturnType<typeof mergeGridArea>;

/** Loads the prepared package with exceljs; a failure is the file's fault, said plainly. */
export async function loadWorkbook(pkg: PreparedWorkbook): Promise<XSheet[]> {
  // Checked before exceljs runs: no point loading a workbook that cannot be read.
  const areas = new Map(pkg.sheets.map((s) => [s, mergeGridArea(s.merges)]));
  const gridCells = [...areas.values()].reduce((n, a) => n + a.cells, 0);
  if (gridCells > MAX_MERGE_GRID_CELLS)
    throw new ReadError('READ_OUT_OF_MEMORY', `The merged areas of this workbook's sheets reach over ${(gridCells / 1e6).toFixed(1)} million cells, more than selfeval reads in one workbook (${MAX_MERGE_GRID_CELLS / 1e6} million). A real return merges a few headings: the file is probably crafted to exhaust memory.`, 'xl/workbook.xml');
  const wb = new Workbook();
  try {
    // Nodes that carry nothing selfeval reads are skipped: whole-column data validations
    // make exceljs expand a million cells, and drawings/hyperlinks need parts left out.
    await wb.xlsx.load(pkg.buffer as unknown as ArrayBuffer, {
      // Merged areas are applied by toSheet from the list prepareWorkbook read (package.ts).
      ignoreNodes: ['dataValidations', 'conditionalFormatting', 'hyperlinks', 'drawing', 'legacyDrawing', 'picture', 'tableParts', 'extLst', 'autoFilter', 'rowBreaks', 'pageSetup', 'printOptions', 'pageMargins', 'sheetProtection', 'mergeCells'],
    } as unknown as Parameters<typeof wb.xlsx.load>[1]);
  } catch (err) {
    const msg = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new ReadError('XML_MALFORMED', `The workbook's sheets could not be read (${msg}). The file is damaged or was written by a program that does not follow the Excel format: open it in Excel or LibreOffice and save it again as .xlsx.`, 'xl/workbook.xml');
  }
  // exceljs honours date1904 only when written "1"; LibreOffice may write "true".
  const shift1904 = pkg.date1904 && !wb.properties?.date1904;
  const byName = new Map(wb.worksheets.map((ws) => [ws.name, ws]));
  const out: XSheet[] = [];
  for (const info of pkg.sheets) {
    const ws = byName.get(info.name);
    if (!ws) continue;
    out.push(toSheet(ws, info, areas.get(info)!, shift1904));
  }
  return out;
}

/** Header/footer text without Excel's codes (&L &C &R sections, &P page, &"font", &K colour, &12 size). */
export function headerFooterText(s: string): string {
  return s
    .replace(/&&/g, '\u0000')
    .replace(/&"[^"]*"/g, ' ')
    .replace(/&K(?:[0-9A-Fa-f]{6}|\d\d[+-]\d{3})/g, ' ')
    .replace(/&\d+/g, ' ')
    .replace(/&[LCRPNDTZFAGUESXYBI]/gi, ' ')
    .replace(/\u0000/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

function toSheet(ws: ExcelJS.Worksheet, info: SheetInfo, area: GridArea, shift1904: boolean): XSheet {
  const ref = sheetRef(ws.name);
  const { merges } = info;
  // Which merge covers each cell a merge reaches within the cells read at all (MAX_ROWS ×
  // MAX_COLUMNS): its index + 1, 0 for none. A typed array over the merges' extent, so a
  // look-up costs the same however many merges there are (at most 4 MB a sheet, and
  // MAX_MERGE_GRID_CELLS a workbook). A cell under two merges is a damaged file, as Excel
  // (and exceljs) say; overlaps beyond the cells read change nothing and are not looked for.
  const gridCols = area.right - area.left + 1;
  const grid = new Int32Array(area.cells);
  const inGrid = (r: number, c: number) => r >= area.top && r <= area.bottom && c >= area.left && c <= area.right;
  const gridIndex = (r: number, c: number) => (r - area.top) * gridCols + (c - area.left);
  merges.forEach((m, k) => {
    if (!inGrid(m.top, m.left)) return;
    for (let r = m.top; r <= Math.min(m.bottom, area.bottom); r++)
      for (let c = m.left; c <= Math.min(m.right, area.right); c++) {
        const i = gridIndex(r, c);
        if (grid[i]) throw new ReadError('XML_MALFORMED', `The sheet "${ws.name}" has two merged areas over cell ${columnLetters(c)}${r}: the file is damaged. Open it in Excel or LibreOffice and save it again as .xlsx.`, info.part);
        grid[i] = k + 1;
      }
  });
  /** Index of the merge over (r, c) other than at its first cell, or -1. */
  const coveredBy = (r: number, c: number): number => {
    const k = inGrid(r, c) ? grid[gridIndex(r, c)]! - 1 : -1;
    return k >= 0 && (r !== merges[k]!.top || c !== merges[k]!.left) ? k : -1;
  };

  const cells = new Map<number, Map<number, Raw>>();
  let maxCol = 0;
  let maxRow = 0;
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    if (r > MAX_ROWS) return;
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      if (c > MAX_COLUMNS) return;
      if (coveredBy(r, c) >= 0) return; // a covered cell shows its merge's first cell
      const raw = convert(cell.value, shift1904);
      if (raw.kind === 'empty' && !raw.noCache) return;
      let m = cells.get(r);
      if (!m) cells.set(r, (m = new Map()));
      m.set(c, raw);
      if (c > maxCol) maxCol = c;
      if (r > maxRow) maxRow = r;
    });
  });
  // A merge whose first cell holds something shows it in every cell it covers, down to the
  // last row in use (a merge to row 5,000 under a 40-row return adds no empty rows). The
  // columns in use stay those holding a value: the first cell is one of them.
  const reach = new Int32Array(merges.length); // last row each merge shows in; 0 when it shows nothing
  const rowsWith = new Set(cells.keys());
  merges.forEach((m, k) => {
    if (!inGrid(m.top, m.left) || !cells.get(m.top)?.get(m.left)) return;
    const bottom = Math.min(m.bottom, MAX_ROWS, Math.max(maxRow, m.top));
    reach[k] = bottom;
    for (let r = m.top; r <= bottom; r++) rowsWith.add(r);
  });
  const rows = [...rowsWith].sort((a, b) => a - b);
  const letters: string[] = [];
  const cellRef = (r: number, c: number) => `${ref}!${(letters[c] ??= columnLetters(c))}${r}`;
  // Built field by field (not by spreading the raw value): this runs for every cell of every row looked at.
  const at = (r: number, c: number): XCell => {
    const k = coveredBy(r, c);
    const m = k >= 0 && r <= reach[k]! ? merges[k] : undefined;
    const raw = m ? cells.get(m.top)!.get(m.left)! : cells.get(r)?.get(c);
    const masterRow = m ? m.top : r;
    const masterCol = m ? m.left : c;
    if (!raw) return { text: '', location: cellRef(r, c), merged: false, masterRow, masterCol, kind: 'empty', iso: undefined, formula: false, noCache: false };
    return { text: raw.text, location: cellRef(masterRow, masterCol), merged: m !== undefined, masterRow, masterCol, kind: raw.kind, iso: raw.iso, formula: raw.formula, noCache: raw.noCache };
  };
  const hf = ws.headerFooter ?? {};
  const headerFooter = [hf.oddHeader, hf.evenHeader, hf.firstHeader, hf.oddFooter, hf.evenFooter, hf.firstFooter]
    .filter((s): s is string => typeof s === 'string' && s.trim() !== '')
    .map(headerFooterText)
    .filter(Boolean);
  // The table finders look at a row and its neighbours several times: the last rows built
  // are kept. Bounded, because a sheet with one cell far to the right makes every row that
  // wide (5,000 rows × 200 columns kept would be a memory bomb in a 100 KB file).
  const rowCache = new Map<number, XCell[]>();
  const row = (r: number): XCell[] => {
    let cached = rowCache.get(r);
    if (!cached) {
      if (rowCache.size >= ROW_CACHE_SIZE) rowCache.delete(rowCache.keys().next().value!);
      rowCache.set(r, (cached = Array.from({ length: maxCol }, (_, i) => at(r, i + 1))));
    }
    return cached;
  };
  return {
    name: ws.name,
    state: info.state,
    rows,
    colCount: maxCol,
    // A single cell never builds its whole row.
    at: (r, c) => rowCache.get(r)?.[c - 1] ?? at(r, c),
    row,
    headerFooter,
  };
}
