import { collapseSpaces } from '../../model/words.js';
import { diagnostic } from '../../model/diagnostics.js';
import type { Diagnostic } from '../../model/schema.js';
import type { Proposal } from '../../template/schema.js';
import { formulaNoCache, isActionPlanHeader, readActionPlanGrid, type ActionPlan, type GridCell } from '../action-plan.js';
import type { ReadContext } from '../context.js';
import { foldText, parseRatingText, readMarkText } from '../marks.js';
import { proposalIdIn } from '../proposals.js';
import { rememberedByText } from '../memo.js';
import { decideFromCells, decideFromText, type LevelCell, type RatingDecision } from '../rating.js';
import { sheetRef, type XCell, type XSheet } from './workbook.js';

/**
 * Finding the return's tables in a sheet by their header rows' words, never by cell
 * addresses: a flat table (one rating column), a matrix (a column per level, a mark
 * in one) and an action plan (partner bodies' ratings, consensus, overall, actions).
 * Headers may span two rows (a merged "Rating" over the level columns); rows that
 * are one merged title are never headers.
 */

export type Role = 'keyFeature' | 'proposal' | 'title' | 'rating' | 'level' | 'evidence' | 'actions' | 'indicator' | 'other';
export type Column = { col: number; role: Role; level?: number; text: string };
export type Layout = 'flat' | 'matrix' | 'action-plan';

export type TableHeader = {
  layout: Layout;
  sheet: XSheet;
  /** First and last row of the header (equal for a one-row header). */
  top: number;
  row: number;
  /** Header text per column (index 0 = column A), two-row headers combined. */
  texts: string[];
  columns: Column[];
};

export type FoundProposal = {
  decision: RatingDecision;
  evidence: string;
  actions: string;
  location: string;
  how: 'id' | 'title';
};

export type TemplateTable = {
  header: TableHeader;
  found: Map<string, FoundProposal>;
  /** Rows read as proposal rows, to keep them out of the search for labelled cells. */
  rowsUsed: Set<number>;
  diagnostics: Diagnostic[];
};

export type PlanTable = { header: TableHeader; plan: ActionPlan; rowsUsed: Set<number>; diagnostics: Diagnostic[] };

/** The level a header cell names ("Partly Established", "2 - Partly established", "2"), remembered per reading context. */
const levelMemos = new WeakMap<ReadContext, (text: string) => number | null>();

/** The level a header cell names, or null; long cells (evidence) never name one. */
function levelOfHeader(ctx: ReadContext, text: string): number | null {
  if (text.length > 60) return null;
  let memo = levelMemos.get(ctx);
  if (!memo) levelMemos.set(ctx, (memo = rememberedByText((t) => levelOfHeaderUncached(ctx, t))));
  return memo(text);
}

function levelOfHeaderUncached(ctx: ReadContext, text: string): number | null {
  const f = foldText(text).replace(/[.:*]+$/, '');
  if (!f) return null;
  const direct = ctx.levelNames.get(f) ?? ctx.levelNames.get(f.replace(/\s+/g, ''));
  if (direct !== undefined) return direct;
  const p = parseRatingText(f, ctx.levelNames, ctx.template.scale.length);
  return p && p.modifier === null ? p.level : null;
}

/** Header texts repeat from row to row and file to file: their roles are remembered. */
const rememberedRole = rememberedByText(roleOfUncached);

export function roleOf(text: string): Role {
  return text.length > 60 ? roleOfUncached(text) : rememberedRole(text);
}

function roleOfUncached(text: string): Role {
  const f = foldText(text).replace(/[:*]+$/, '').trim();
  if (!f) return 'other';
  if (/^key\s*features?\b/.test(f)) return 'keyFeature';
  if (/indicator|descriptor/.test(f)) return 'indicator';
  if (/^evidence|^notes?\b|^comments?\b|^rationale|^supporting evidence|^narrative|^justification/.test(f)) return 'evidence';
  if (/improvement\s*actions?|^(proposed|planned|agreed)\s+(improvement\s+)?actions?|^actions?\b|^next steps/.test(f)) return 'actions';
  if (/\bratings?\b|^level\b|^self[- ]?(evaluation|assessment)\b|^score$|^assessment$|^grade$/.test(f)) return 'rating';
  if (/^(msg\s+)?proposals?\b|^ref(erence)?\b|^no\b|^number$|^id$|^#$|^item\b/.test(f)) return 'proposal';
  if (/^(title|description|wording)\b/.test(f)) return 'title';
  return 'other';
}

/** One number per merge's first cell (columns are capped well below 4096). */
const masterKey = (c: XCell) => c.masterRow * 4096 + c.masterCol;

/** Number of distinct non-empty cells (a merged title across the row counts once). */
function distinctFilled(cells: readonly XCell[]): number {
  return new Set(cells.filter((c) => c.text.trim() !== '').map(masterKey)).size;
}

/** The proposal a row is about: an id in any written form, else its title. */
function identify(ctx: ReadContext, cells: readonly XCell[], idCols: readonly number[]): { prop: Proposal | null; id: string | null; how: 'id' | 'title'; cell: XCell } | null {
  for (const col of idCols) {
    const c = cells[col - 1];
    if (!c || !c.text.trim()) continue;
    const id = proposalIdIn(c.text);
    if (id) return { prop: ctx.proposals.byId(id) ?? null, id, how: 'id', cell: c };
  }
  for (const col of idCols) {
    const c = cells[col - 1];
    if (!c || c.text.trim().length < 10) continue;
    const p = ctx.proposals.byTitle(c.text);
    if (p) return { prop: p, id: p.id, how: 'title', cell: c };
  }
  return null;
}

function idColumns(columns: readonly Column[], colCount: number): number[] {
  const byRole = (roles: Role[]) => columns.filter((c) => roles.includes(c.role)).map((c) => c.col);
  const named = new Set(columns.filter((c) => c.role !== 'other').map((c) => c.col));
  const unnamed: number[] = [];
  for (let c = 1; c <= colCount; c++) if (!named.has(c)) unnamed.push(c);
  return [...byRole(['proposal', 'title']), ...unnamed, ...byRole(['keyFeature'])];
}

/** Finds every table header in a sheet, in row order. */
/** Words some cell of every header row holds (rows with none are skipped before the real tests). */
const HEADING_WORD = /rating|proposal|evidence|action|establish|exemplary|\bref\b|\bno\b|consensus|feature|lead|progress|timescale|indicator|descriptor|notes|level|outcome|^\s*[1-4]\s*$/i;

export function findHeaders(ctx: ReadContext, sheet: XSheet): TableHeader[] {
  const K = ctx.template.scale.length;
  const out: TableHeader[] = [];
  const taken = new Set<number>();
  const allCols = Array.from({ length: sheet.colCount }, (_, k) => k + 1);
  const levelCount = (cells: readonly XCell[]) => new Set(cells.map((c) => levelOfHeader(ctx, c.text)).filter((l) => l !== null)).size;
  for (const [i, r] of sheet.rows.entries()) {
    if (taken.has(r)) continue;
    const cells = sheet.row(r);
    if (distinctFilled(cells) < 2) continue; // empty, one value, or one merged title
    // Cheap test first: a header has at least one short cell with a heading word in it.
    if (!cells.some((c) => c.text.length > 0 && c.text.length < 60 && HEADING_WORD.test(c.text))) continue;
    // The row above joins the header when it has several headings and is not a proposal row.
    const prevRow = i > 0 && sheet.rows[i - 1] === r - 1 && !taken.has(r - 1) ? sheet.row(r - 1) : null;
    const above = prevRow && distinctFilled(prevRow) >= 2 && !identify(ctx, prevRow, allCols) ? prevRow : null;
    const isLevel = (t: string) => levelOfHeader(ctx, t) !== null;
    const own = cells.map((c) => collapseSpaces(c.text));
    const joined = cells.map((c, k) => combine(c, above?.[k], isLevel));
    // The row above is part of the header when it adds headings or shares merged cells with
    // this row (a label row just above the header does neither).
    const upper = above && (joined.some((t, k) => t !== own[k]) || cells.some((c) => c.merged && c.masterRow === r - 1)) ? above : null;
    const texts = upper ? joined : own;
    const columns: Column[] = texts.map((text, k) => {
      const level = levelOfHeader(ctx, text);
      return level !== null ? { col: k + 1, role: 'level' as const, level, text } : { col: k + 1, role: roleOf(text), text };
    });
    // A header row never names a proposal itself (that is a data row).
    if (identify(ctx, cells, idColumns(columns, cells.length))) continue;
    // The upper row of a two-row header (its headings merged down into the next row, which has
    // headings of its own): the next row reads both.
    const nextRow = sheet.rows[i + 1] === r + 1 ? sheet.row(r + 1) : null;
    if (nextRow && nextRow.some((c) => c.merged && c.masterRow === r) && nextRow.some((c) => !c.merged && c.text.trim()) && !identify(ctx, nextRow, allCols)) continue;
    const levels = new Set(columns.filter((c) => c.role === 'level').map((c) => c.level));
    const numericLevels = columns.filter((c) => c.role === 'level').every((c) => cells[c.col - 1]!.kind === 'number');
    const has = (role: Role) => columns.some((c) => c.role === role);
    let layout: Layout | null = null;
    if (levels.size >= K - 1 && (!numericLevels || levels.size === K)) layout = 'matrix';
    else if (isActionPlanHeader(texts)) layout = 'action-plan';
    else if (has('rating') && (has('proposal') || has('title') || has('evidence') || has('actions'))) {
      // The upper row of a two-row matrix header ("Proposal | Rating (merged) | Evidence"): the next row decides.
      const next = sheet.rows[i + 1] === r + 1 ? sheet.row(r + 1) : null;
      if (!next || levelCount(next) < K - 1) layout = 'flat';
    }
    if (!layout) continue;
    // A header repeated further down (pasted again after a page break) continues the same table.
    const prev = out[out.length - 1];
    if (prev && prev.layout === layout && sameTexts(prev.texts, texts)) continue;
    out.push({ layout, sheet, top: upper ? r - 1 : r, row: r, texts, columns });
    taken.add(r);
    if (upper) taken.add(r - 1);
  }
  return out;
}

/** A row of headings (a header repeated, or the upper row of one): not a proposal row gone wrong. */
function headerish(ctx: ReadContext, cells: readonly XCell[]): boolean {
  const seen = new Set<number>();
  let n = 0;
  for (const c of cells) {
    if (!c.text.trim() || seen.has(masterKey(c))) continue;
    seen.add(masterKey(c));
    if (roleOf(c.text) !== 'other' || levelOfHeader(ctx, c.text) !== null) n++;
  }
  return n >= 2;
}

const sameTexts = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((t, k) => foldText(t) === foldText(b[k] ?? ''));

/** The row is the header again (pasted after a page break): sameTexts, a cell at a time, so a data row stops at its first cell. */
const repeatsHeader = (cells: readonly XCell[], texts: readonly string[]) =>
  cells.length === texts.length && cells.every((c, k) => foldText(collapseSpaces(c.text)) === foldText(texts[k] ?? ''));

/** A header cell's text, with the row above when the header spans two rows. */
function combine(lower: XCell, upper: XCell | undefined, isLevel: (text: string) => boolean): string {
  const lo = collapseSpaces(lower.text);
  if (!upper) return lo;
  const up = collapseSpaces(upper.text);
  if (!lo) return up;
  if (!up || masterKey(upper) === masterKey(lower)) return lo;
  // "Ratings" over "IJB | GCC | HB": the columns are the bodies' ratings.
  if (/^(partner\s+)?ratings?$/i.test(up) && !/rating/i.test(lo) && roleOf(lo) === 'other' && !isLevel(lo)) return `${lo} Rating`;
  return lo;
}

/** The rows after a header up to the next header (or the end of the sheet). */
function dataRows(header: TableHeader, next: TableHeader | undefined): number[] {
  return header.sheet.rows.filter((r) => r > header.row && (!next || r < next.top));
}

/** A cell's text for a role: empty when it is covered by a merge that starts in another role's column of the same row. */
function textFor(cell: XCell | undefined, r: number, roleAt: (col: number) => Role, role: Role): string {
  if (!cell) return '';
  if (cell.merged && cell.masterRow === r && roleAt(cell.masterCol) !== role) return '';
  return cell.text;
}

function linesOf(cells: (XCell | undefined)[], r: number, roleAt: (col: number) => Role, role: Role): string {
  const seen = new Set<number>();
  const lines: string[] = [];
  for (const c of cells) {
    if (!c) continue;
    const t = textFor(c, r, roleAt, role);
    if (!t.trim() || seen.has(masterKey(c))) continue;
    seen.add(masterKey(c));
    lines.push(...t.split(/\r?\n/).map((l) => l.trim()).filter(Boolean));
  }
  return lines.join('\n');
}

const noCacheDecision = formulaNoCache;

/** Reads a flat or matrix table: one row per proposal. */
export function readTemplateTable(file: string, ctx: ReadContext, header: TableHeader, next: TableHeader | undefined): TemplateTable {
  const { sheet, columns } = header;
  const diags: Diagnostic[] = [];
  const found = new Map<string, FoundProposal>();
  const rowsUsed = new Set<number>();
  const roleByCol = new Map(columns.map((c) => [c.col, c.role]));
  const roleAt = (col: number): Role => roleByCol.get(col) ?? 'other';
  const idCols = idColumns(columns, sheet.colCount);
  const ratingCol = columns.find((c) => c.role === 'rating');
  const levelCols = columns.filter((c) => c.role === 'level');
  const evidenceCols = columns.filter((c) => c.role === 'evidence').map((c) => c.col);
  const actionCols = columns.filter((c) => c.role === 'actions').map((c) => c.col);
  for (const r of dataRows(header, next)) {
    const cells = sheet.row(r);
    if (distinctFilled(cells) === 0) continue;
    if (repeatsHeader(cells, header.texts)) continue;
    const hit = identify(ctx, cells, idCols);
    const ratingText = header.layout === 'flat' ? textFor(cells[ratingCol!.col - 1], r, roleAt, 'rating').trim() : '';
    const marked = header.layout === 'matrix' && levelCols.some((c) => {
      const t = textFor(cells[c.col - 1], r, roleAt, 'level');
      return t.trim() !== '' && readMarkText(t, ctx.levelNames, ctx.template.scale.length).kind !== 'empty';
    });
    if (!hit || !hit.prop) {
      const where = hit?.cell.location ?? cells.find((c) => c.text.trim())?.location ?? `${sheetRef(sheet.name)}!A${r}`;
      if (hit && hit.id && !hit.prop) {
        diags.push(diagnostic(file, 'PROPOSAL_UNKNOWN', where, `The row "${hit.cell.text.trim().slice(0, 80)}" names proposal ${hit.id}, which the template ${ctx.template.id} does not have; the row is ignored.`, ''));
      } else if ((ratingText || marked) && !headerish(ctx, cells)) {
        const label = cells.filter((c) => roleAt(c.masterCol) !== 'rating' && roleAt(c.masterCol) !== 'level' && c.text.trim()).map((c) => c.text.trim())[0] ?? '';
        diags.push(diagnostic(file, 'ROW_UNMATCHED', where, `The row "${label.slice(0, 60)}" carries a rating but its proposal could not be identified by number or title; it is ignored. Add the proposal number to the row.`, ''));
      }
      continue;
    }
    const prop = hit.prop;
    rowsUsed.add(r);
    if (found.has(prop.id)) {
      diags.push(diagnostic(file, 'PROPOSAL_DUPLICATE', hit.cell.location, `Proposal ${prop.id} has a second row here; the first (${found.get(prop.id)!.location}) is used.`, prop.id));
      continue;
    }
    let decision: RatingDecision;
    if (header.layout === 'flat') {
      const cell = cells[ratingCol!.col - 1]!;
      decision = cell.noCache
        ? noCacheDecision(file, prop, cell.location, 'The rating')
        : decideFromText(file, ctx, prop, ratingText, cell.location, { who: `The rating ("${ratingCol!.text}")` });
    } else {
      decision = decideMatrixRow(file, ctx, prop, cells, levelCols, r, roleAt);
    }
    found.set(prop.id, {
      decision,
      evidence: linesOf(evidenceCols.map((c) => cells[c - 1]), r, roleAt, 'evidence'),
      actions: linesOf(actionCols.map((c) => cells[c - 1]), r, roleAt, 'actions'),
      location: hit.cell.location,
      how: hit.how,
    });
    if (hit.how === 'title')
      diags.push(diagnostic(file, 'PROPOSAL_BY_TITLE', hit.cell.location, `This row has no proposal number; its text matches the title of proposal ${prop.id}, so it is read as ${prop.id}.`, prop.id));
  }
  return { header, found, rowsUsed, diagnostics: diags };
}

function decideMatrixRow(file: string, ctx: ReadContext, prop: Proposal, cells: readonly XCell[], levelCols: readonly Column[], r: number, roleAt: (col: number) => Role): RatingDecision {
  const lc = levelCols.map((c) => ({ col: c, cell: cells[c.col - 1]! }));
  const first = lc[0]!.cell;
  const last = lc[lc.length - 1]!.cell;
  const rowLocation = `${first.location}:${last.location.slice(last.location.lastIndexOf('!') + 1)}`;
  // One merged cell across every level column (e.g. "NOT FOR LOCAL COMPLETION"): the rating is written in words.
  if (lc.length > 1 && new Set(lc.map((x) => masterKey(x.cell))).size === 1) {
    if (first.noCache) return noCacheDecision(file, prop, first.location, 'The merged rating cell');
    return decideFromText(file, ctx, prop, first.text, first.location, { who: 'The merged rating cell' });
  }
  const levelCells: LevelCell[] = [];
  const seen = new Set<number>();
  let noCache: XCell | null = null;
  for (const { col, cell } of lc) {
    if (seen.has(masterKey(cell))) continue; // a merge over several level columns counts once, at its first column
    seen.add(masterKey(cell));
    const text = textFor(cell, r, roleAt, 'level');
    if (cell.noCache) noCache ??= cell;
    levelCells.push({
      level: col.level!,
      reading: cell.noCache ? { kind: 'empty' } : readMarkText(text, ctx.levelNames, ctx.template.scale.length),
      raw: text,
      location: cell.location,
      tracked: false,
    });
  }
  const d = decideFromCells(file, ctx.template, prop, levelCells, rowLocation);
  if (!noCache || !prop.localCompletion) return d;
  const nc = noCacheDecision(file, prop, noCache.location, 'A rating cell');
  if (d.rating.flags.includes('no_mark')) return { rating: { ...nc.rating, location: rowLocation }, diagnostics: [...d.diagnostics.filter((x) => x.code !== 'NO_MARK'), ...nc.diagnostics] };
  return { rating: { ...d.rating, flags: [...d.rating.flags, 'formula_no_cache'] }, diagnostics: [...d.diagnostics, ...nc.diagnostics] };
}

/** Reads an action plan table through the shared action plan reader. */
export function readPlanTable(file: string, ctx: ReadContext, header: TableHeader, next: TableHeader | undefined): PlanTable {
  const { sheet } = header;
  const diags: Diagnostic[] = [];
  const headerCells: GridCell[] = header.texts.map((text, k) => ({ text, location: sheet.at(header.row, k + 1).location, merged: false }));
  const rows = dataRows(header, next);
  const grid: (readonly GridCell[])[] = [headerCells, ...rows.map((r) => sheet.row(r))];
  const plan = readActionPlanGrid(file, ctx, grid, 0, `${sheetRef(sheet.name)}!${header.top}:${header.row}`, diags);
  const rowsUsed = new Set<number>();
  for (const row of plan.rows.values()) {
    const m = /(\d+)$/.exec(row.location);
    if (m) rowsUsed.add(parseInt(m[1]!, 10));
  }
  return { header, plan, rowsUsed, diagnostics: diags };
}
