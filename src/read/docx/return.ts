import { collapseSpaces } from '../../model/words.js';
import { diagnostic, ReadError } from '../../model/diagnostics.js';
import type { Diagnostic } from '../../model/schema.js';
import type { Proposal } from '../../template/schema.js';
import type { ReadContext } from '../context.js';
import { readMarkText } from '../marks.js';
import { isProposalHeading, proposalIdIn } from '../proposals.js';
import { decideFromCells, decideFromText, type FallbackMark, type LevelCell, type RatingDecision } from '../rating.js';
import { coreTitle, readRelationships, relType, type OpcPackage } from '../package.js';
import { parseXml } from '../xml.js';
import type { ZipArchive } from '../zip/zip.js';
import { cellFolded, cellLines, cellParagraphs, cellText, cellTextLength, newCell, parseDocumentXml, type DocBlock, type DocCell, type DocParagraph, type DocRow, type DocTable } from './document.js';
import type { ReturnDraft } from '../assemble.js';
import { readActionPlanGrid, isActionPlanHeaderFolded, type GridCell } from '../action-plan.js';

/**
 * A Word return → the model. Finds the front table, then each proposal's rating
 * rows wherever they are (one table per proposal, tables split across pages,
 * headings lost), reads each level cell's mark, and the action plan table when the
 * return carries one.
 */

type RowKind = 'header' | 'indicator' | 'rating' | 'evidence' | 'actions' | 'heading' | 'other';

type Pending = {
  proposal: Proposal | null;
  how: 'id' | 'title' | 'indicator' | 'order' | null;
  ignored: boolean;
  location: string;
  levelCols: Map<number, number> | null;
  levelColsAssumed: boolean;
  indicator: { row: DocRow; location: string } | null;
  rating: { row: DocRow; location: string; table: number; rowIndex: number } | null;
  evidence: string[];
  actions: string[];
  hasRows: boolean;
};

const newPending = (location: string): Pending => ({
  proposal: null, how: null, ignored: false, location, levelCols: null, levelColsAssumed: false,
  indicator: null, rating: null, evidence: [], actions: [], hasRows: false,
});

/** `folded` is foldText(label). */
function rowKind(label: string, folded: string, row: DocRow, levelNames: Map<string, number>): RowKind {
  const l = folded.replace(/[:*]+$/, '').trim();
  if (/^our\s*rating|^self[- ]?rating|^rating\s*\(?(our|select|chosen)/.test(l)) return 'rating';
  if (/^indicator|^descriptor|^rating descriptor/.test(l)) return 'indicator';
  if (/^evidence/.test(l)) return 'evidence';
  if (/improvement\s*actions?|^proposed\b|^actions?$/.test(l)) return 'actions';
  // Level labels are short: long cells (evidence, descriptors) are never folded for this.
  const levelCells = row.cells.filter((c) => {
    if (cellTextLength(c) > 40) return false;
    const f = cellFolded(c);
    return levelNames.has(f) || levelNames.has(f.replace(/\s+/g, ''));
  });
  if (/^rating\b/.test(l) || levelCells.length >= 3) return 'header';
  if (isProposalHeading(label)) return 'heading';
  return 'other';
}

/** Text of a run list with checkbox glyphs and placeholders left out. */
function markText(c: DocCell): { text: string; tracked: boolean } {
  let text = '';
  let tracked = false;
  for (const p of cellParagraphs(c)) {
    for (const r of p.runs) {
      if (r.placeholder || r.checkboxGlyph) continue;
      if (r.revision !== 'none' && r.text.trim()) tracked = true;
      if (r.revision === 'deleted' || r.hidden) continue;
      text += r.text;
    }
    text += ' ';
  }
  return { text: collapseSpaces(text), tracked };
}

const CHECKED_GLYPHS = /[☒☑✓✔✗✘⊠⌧■xX]/;
const UNCHECKED_GLYPHS = /[☐□◻❑]/;

function levelCell(ctx: ReadContext, c: DocCell, level: number, location: string): LevelCell {
  const { text, tracked } = markText(c);
  const boxes = [...c.checkboxes, ...cellParagraphs(c).flatMap((p) => p.checkboxes)];
  let glyphConflict: string | undefined;
  let checked = false;
  let boxTracked = false;
  for (const b of boxes) {
    if (b.checked) checked = true;
    if (b.revision !== 'none') boxTracked = true;
    if (b.glyph && ((b.checked && UNCHECKED_GLYPHS.test(b.glyph) && !CHECKED_GLYPHS.test(b.glyph)) || (!b.checked && CHECKED_GLYPHS.test(b.glyph) && !UNCHECKED_GLYPHS.test(b.glyph))))
      glyphConflict = `The checkbox at ${location} is ${b.checked ? 'checked' : 'unchecked'} but shows "${b.glyph}"; its checked state is used. Open the return to confirm.`;
  }
  const boxRaw = boxes.length ? boxes.map((b) => (b.checked ? '[checked box]' : '[empty box]')).join(' ') : '';
  const raw = [boxRaw, text].filter(Boolean).join(' ');
  let reading = readMarkText(text, ctx.levelNames, ctx.template.scale.length);
  if (checked) {
    // A checked box is a mark whatever else the cell says; text beside it may add a modifier.
    const mod = reading.kind === 'mark' || reading.kind === 'named' ? reading.modifier : null;
    reading = { kind: 'mark', modifier: mod };
  } else if (boxes.length && reading.kind === 'empty') reading = { kind: 'empty' };
  return { level, reading, raw, location, tracked: tracked || boxTracked, ...(glyphConflict ? { glyphConflict } : {}) };
}

/** Level of each grid column from a header row (cells whose text is a level label). */
function levelColumns(ctx: ReadContext, row: DocRow): Map<number, number> | null {
  const map = new Map<number, number>();
  for (const c of row.cells) {
    const f = cellFolded(c);
    const level = ctx.levelNames.get(f) ?? ctx.levelNames.get(f.replace(/\s+/g, ''));
    if (level !== undefined) for (let k = 0; k < c.span; k++) map.set(c.gridCol + k, level);
  }
  return map.size >= ctx.template.scale.length - 1 ? map : null;
}

/** Every visible, non-blank run of the paragraphs has the formatting (and there is one). */
function isVisiblyFormatted(p: DocParagraph[], test: 'bold' | 'highlight' | 'strike'): boolean {
  let any = false;
  for (const para of p)
    for (const r of para.runs) {
      if (r.revision === 'deleted' || r.hidden || r.text.trim() === '') continue;
      if (!r[test]) return false;
      any = true;
    }
  return any;
}

export function readDocxReturn(zip: ZipArchive, pkg: OpcPackage, file: string, ctx: ReadContext): { draft: ReturnDraft; diagnostics: Diagnostic[] } {
  const { mainPart } = pkg;
  const diags: Diagnostic[] = [];
  const { template } = ctx;

  // --- headers, watermarks and the document title: for draft detection ---------------
  const headerTexts: string[] = [];
  for (const rel of readRelationships(zip, mainPart)) {
    if (rel.external || relType(rel.type) !== 'header' || !zip.has(rel.target)) continue;
    headerTexts.push(...collectText(zip.readText(rel.target), rel.target));
  }
  const documentTitle = pkg.corePart ? coreTitle(zip.readText(pkg.corePart), pkg.corePart) : '';

  // --- walk the body ----------------------------------------------------------------------
  const titleTexts: string[] = [];
  const headingTexts: string[] = [];
  type Front = { name: string; nameLoc: string; contact: string; date: string; dateLoc: string };
  const state: { front: Front | null } = { front: null };
  const found = new Map<string, { decision: RatingDecision; evidence: string[]; actions: string[]; how: Pending['how']; location: string }>();
  const order: string[] = [];
  const actionPlans: ReturnType<typeof readActionPlanGrid>[] = [];
  let pending: Pending | null = null;
  let lastAssigned = -1;
  let seenTable = false;
  let actionsParagraphMode = false;
  let paraIndex = 0;

  const finish = () => {
    const p = pending;
    pending = null;
    actionsParagraphMode = false;
    if (!p || p.ignored || (!p.rating && !p.indicator && !p.hasRows)) return;
    if (!p.rating && !p.indicator && p.evidence.length === 0) return;
    if (!p.proposal && p.indicator) {
      const cols = p.levelCols;
      const texts = template.scale.map((l) => {
        const c = p.indicator!.row.cells.find((cell) => cols ? cols.get(cell.gridCol) === l.level : false);
        return c ? cellText(c) : '';
      });
      const byDesc = ctx.proposals.byDescriptors(cols ? texts : p.indicator.row.cells.slice(1).map(cellText));
      if (byDesc) {
        p.proposal = byDesc;
        p.how = 'indicator';
        diags.push(diagnostic(file, 'PROPOSAL_BY_INDICATOR', p.location, `This rating table has no usable "Proposal X.Y" heading; its indicator descriptors match proposal ${byDesc.id}, so it is read as ${byDesc.id}.`, byDesc.id));
      }
    }
    if (!p.proposal) {
      const next = template.proposals.slice(lastAssigned + 1).find((q) => !found.has(q.id));
      if (!next) return;
      p.proposal = next;
      p.how = 'order';
      diags.push(diagnostic(file, 'PROPOSAL_BY_ORDER', p.location, `This rating table has no heading, title or indicator text selfeval could match; it follows proposal ${template.proposals[lastAssigned]?.id ?? '(none)'}, so it is read as ${next.id}. Check the return and record the decision in an overrides file if this is wrong.`, next.id));
    }
    const prop = p.proposal;
    if (found.has(prop.id)) {
      diags.push(diagnostic(file, 'PROPOSAL_DUPLICATE', p.location, `Proposal ${prop.id} appears a second time here; the first table (${found.get(prop.id)!.location}) is used.`, prop.id));
      return;
    }
    if (p.how === 'title') diags.push(diagnostic(file, 'PROPOSAL_BY_TITLE', p.location, `This rating table has no "Proposal X.Y" number; its title matches proposal ${prop.id}, so it is read as ${prop.id}.`, prop.id));
    lastAssigned = template.proposals.findIndex((q) => q.id === prop.id);
    let decision: RatingDecision;
    if (!p.rating) {
      decision = prop.localCompletion
        ? { rating: { label: 'Not rated', level: null, modifier: null, marked: [], flags: ['no_mark'], raw: '', location: p.location }, diagnostics: [diagnostic(file, 'NO_MARK', p.location, `The table for proposal ${prop.id} has no "Our Rating" row: it is Not rated. If the partnership did rate it, record the level in an overrides file.`, prop.id)] }
        : decideFromText(file, ctx, prop, '', p.location);
    } else decision = decideRow(p, prop);
    found.set(prop.id, { decision, evidence: p.evidence, actions: p.actions, how: p.how, location: p.location });
    order.push(prop.id);
  };

  const decideRow = (p: Pending, prop: Proposal): RatingDecision => {
    const { row, location, table, rowIndex } = p.rating!;
    const cols = p.levelCols ?? assumedLevelColumns(row, prop, location);
    const levelCells: LevelCell[] = [];
    const cellsAfterLabel = row.cells.filter((c, i) => i > 0 || c.gridCol > 0);
    const firstLevelCol = Math.min(...cols.keys());
    // One merged cell across every level column: the rating is written in words.
    const merged = cellsAfterLabel.filter((c) => c.gridCol + c.span > firstLevelCol);
    if (merged.length === 1 && merged[0]!.span >= template.scale.length) {
      const c = merged[0]!;
      const { text } = markText(c);
      return decideFromText(file, ctx, prop, text, `${location}, cell ${row.cells.indexOf(c) + 1}`, { who: 'The "Our Rating" cell' });
    }
    for (const [ci, c] of row.cells.entries()) {
      if (c.vMerge === 'continue') continue;
      const levels = new Set<number>();
      for (let k = 0; k < c.span; k++) {
        const l = cols.get(c.gridCol + k);
        if (l !== undefined) levels.add(l);
      }
      if (levels.size !== 1) continue;
      const level = [...levels][0]!;
      levelCells.push(levelCell(ctx, c, level, `table ${table}, row ${rowIndex}, cell ${ci + 1}`));
    }
    return decideFromCells(file, template, prop, levelCells, location, () => fallbackMark(p, cols, row, location));
  };

  /** No header row: the template's order of levels after the label column. */
  const assumedLevelColumns = (row: DocRow, prop: Proposal, location: string): Map<number, number> => {
    const cols = new Map<number, number>();
    const start = row.cells[1]?.gridCol ?? 1;
    for (let k = 0; k < template.scale.length; k++) cols.set(start + k, k + 1);
    if (row.cells.length >= 2)
      diags.push(diagnostic(file, 'LEVEL_ORDER_ASSUMED', location, `The rating table for proposal ${prop.id} has no row of level names; the template's order (${template.scale.map((s) => s.label).join(', ')}) is assumed for its columns.`, prop.id));
    return cols;
  };

  const fallbackMark = (p: Pending, cols: Map<number, number>, row: DocRow, location: string): FallbackMark | null => {
    // Shading: exactly one level cell of the rating row filled, the others not.
    const levelCellsOf = (r: DocRow) => r.cells.filter((c) => cols.has(c.gridCol));
    const shaded = levelCellsOf(row).filter((c) => c.shading);
    if (shaded.length === 1 && levelCellsOf(row).length >= 2) {
      const level = cols.get(shaded[0]!.gridCol)!;
      return { level, flag: 'shading_mark', how: `the rating cell under "${template.scale[level - 1]?.label}" is shaded (fill ${shaded[0]!.shading}) and holds no text`, location };
    }
    if (!p.indicator) return null;
    const ind = levelCellsOf(p.indicator.row);
    if (ind.length < 2) return null;
    const paras = ind.map((c) => cellParagraphs(c));
    for (const test of ['highlight', 'bold'] as const) {
      const hits = ind.filter((_, i) => isVisiblyFormatted(paras[i]!, test));
      if (hits.length === 1) {
        const level = cols.get(hits[0]!.gridCol)!;
        return { level, flag: 'formatting_mark', how: `the rating row is empty and only the "${template.scale[level - 1]?.label}" descriptor in the Indicator row is ${test === 'bold' ? 'in bold' : 'highlighted'}`, location: p.indicator.location };
      }
    }
    const struck = ind.filter((_, i) => isVisiblyFormatted(paras[i]!, 'strike'));
    if (struck.length === ind.length - 1) {
      const kept = ind.find((c) => !struck.includes(c))!;
      const level = cols.get(kept.gridCol)!;
      return { level, flag: 'formatting_mark', how: `the rating row is empty and every descriptor except "${template.scale[level - 1]?.label}" is struck through`, location: p.indicator.location };
    }
    return null;
  };

  const startFromHeading = (text: string, location: string) => {
    finish();
    pending = newPending(location);
    const id = proposalIdIn(text);
    if (id) {
      const prop = ctx.proposals.byId(id);
      if (prop) {
        pending.proposal = prop;
        pending.how = 'id';
        return;
      }
      diags.push(diagnostic(file, 'PROPOSAL_UNKNOWN', location, `The heading "${text.trim().slice(0, 80)}" names proposal ${id}, which the template ${template.id} does not have; its table is ignored.`, ''));
      pending.ignored = true;
      return;
    }
    const byTitle = ctx.proposals.byTitle(text.replace(/^\s*proposal\b/i, ''));
    if (byTitle) {
      pending.proposal = byTitle;
      pending.how = 'title';
    }
  };

  const readTable = (t: DocTable) => {
    const tableLoc = `table ${t.index}`;
    // Front table: the partnership, contact and date.
    if (!state.front && t.rows.some((r) => /name of (the )?partnership|partnership name|^partnership:?$|name of (integration authority|ijb|hscp)/i.test(cellText(r.cells[0] ?? emptyCell)))) {
      const front: Front = { name: '', nameLoc: `front table (${tableLoc})`, contact: '', date: '', dateLoc: `front table (${tableLoc})` };
      state.front = front;
      for (const [ri, r] of t.rows.entries()) {
        const label = cellFolded(r.cells[0] ?? emptyCell);
        const value = r.cells.slice(1).map((c) => cellLines(c).join(' ')).join(' ').trim();
        if (/partnership|integration authority|^name$/.test(label) && !/contact/.test(label)) {
          front.name = value;
          front.nameLoc = `front table (${tableLoc}, row ${ri + 1})`;
        } else if (/contact|e-?mail|address/.test(label)) front.contact = (front.contact ? front.contact + ' ' : '') + value;
        else if (/date/.test(label)) {
          front.date = value;
          front.dateLoc = `front table (${tableLoc}, row ${ri + 1})`;
        }
      }
      return;
    }
    // The action plan (Glasgow's appendix): ratings by partner body.
    // An action plan announces itself in its first rows, with short header cells.
    const headerIdx = t.rows.slice(0, 3).findIndex((r) => r.cells.length >= 4 && r.cells.every((c) => cellTextLength(c) < 80) && isActionPlanHeaderFolded(r.cells.map(cellFolded)));
    if (headerIdx >= 0) {
      finish();
      actionPlans.push(readActionPlanGrid(file, ctx, toGrid(t), headerIdx, tableLoc, diags));
      return;
    }
    let lastLabel = '';
    let lastFolded = '';
    for (const [ri, row] of t.rows.entries()) {
      if (row.deleted || row.cells.length === 0) continue;
      const loc = `${tableLoc}, row ${ri + 1}`;
      const first = row.cells[0]!;
      let label = first.vMerge === 'continue' ? lastLabel : cellText(first);
      let folded = first.vMerge === 'continue' ? lastFolded : cellFolded(first);
      if (first.gridCol > 0) label = folded = ''; // a row starting after gridBefore has no label cell
      lastLabel = label;
      lastFolded = folded;
      const kind = rowKind(label, folded, row, ctx.levelNames);
      if (kind === 'heading') {
        startFromHeading(label, loc);
        continue;
      }
      if (kind === 'header') {
        if (pending && (pending.rating || pending.indicator)) finish();
        if (!pending) pending = newPending(loc);
        const cols = levelColumns(ctx, row);
        if (cols) pending.levelCols = cols;
        pending.hasRows = true;
        continue;
      }
      if (kind === 'other') {
        // An unlabelled row right after the Indicator row (its label cell lost to gridBefore or left
        // empty) is where the template puts "Our Rating": read it as that row, and say so.
        const p0 = pending as Pending | null;
        if (!label.trim() && p0 && p0.indicator && !p0.rating && row.cells.some((c) => c.gridCol > 0 && (cellText(c) || c.checkboxes.length || c.shading))) {
          diags.push(diagnostic(file, 'ROW_BY_POSITION', loc, `This row has no label; it follows the Indicator row, where the template has "Our Rating", so it is read as the rating row${p0.proposal ? ` of proposal ${p0.proposal.id}` : ''}.`, p0.proposal?.id ?? ''));
          p0.rating = { row, location: loc, table: t.index, rowIndex: ri + 1 };
          p0.hasRows = true;
        }
        continue;
      }
      if (!pending) pending = newPending(loc);
      const p: Pending = pending;
      p.hasRows = true;
      if (kind === 'indicator') {
        if (p.indicator && p.rating) {
          finish();
          pending = newPending(loc);
          pending.indicator = { row, location: loc };
          continue;
        }
        p.indicator = { row, location: loc };
      } else if (kind === 'rating') {
        if (p.rating) {
          finish();
          pending = newPending(loc);
          pending.rating = { row, location: loc, table: t.index, rowIndex: ri + 1 };
          continue;
        }
        p.rating = { row, location: loc, table: t.index, rowIndex: ri + 1 };
      } else if (kind === 'evidence' || kind === 'actions') {
        const into = kind === 'evidence' ? p.evidence : p.actions;
        for (let k = 1; k < row.cells.length; k++) for (const line of cellLines(row.cells[k]!)) into.push(line);
      }
    }
  };

  // Each top-level block is read as soon as the parser closes it, while its cells are still
  // fresh in the processor's cache; the walk only ever looks back, never ahead.
  const visit = (block: DocBlock): void => {
    if (block.kind === 'table') {
      seenTable = true;
      actionsParagraphMode = false;
      readTable(block);
      return;
    }
    paraIndex++;
    const text = block.lines.length === 1 ? block.lines[0]! : block.lines.join(' ');
    if (!text) return;
    const loc = `paragraph ${paraIndex}`;
    if (!seenTable) titleTexts.push(text);
    if (/^(title|subtitle|heading)/i.test(block.style) || /^(titre|berschrift|kop)/i.test(block.style)) headingTexts.push(text);
    if (isProposalHeading(text)) {
      startFromHeading(text, loc);
      return;
    }
    if (/^proposed improvement actions?:?$|^improvement actions?:?$/i.test(text) && pending) {
      actionsParagraphMode = true;
      return;
    }
    if (/^key feature\b/i.test(text)) {
      actionsParagraphMode = false;
      return;
    }
    if (actionsParagraphMode && pending) {
      (pending as Pending).actions.push(text);
      return;
    }
    // A heading lost: a paragraph that is a proposal's title starts that proposal.
    const cur = pending as Pending | null;
    // The paragraph right after a numbered heading is its title: nothing to look up.
    if (cur && cur.proposal && cur.how === 'id' && !cur.hasRows) return;
    if (text.length < 400) {
      const byTitle = ctx.proposals.byTitle(text);
      if (byTitle) {
        if (cur && !cur.proposal && !cur.hasRows) {
          cur.proposal = byTitle;
          cur.how = 'title';
        } else if (!cur || (cur.proposal?.id !== byTitle.id && cur.hasRows)) {
          finish();
          pending = newPending(loc);
          pending.proposal = byTitle;
          pending.how = 'title';
        } else if (cur && !cur.proposal) {
          cur.proposal = byTitle;
          cur.how = 'title';
        }
      }
    }
  };
  parseDocumentXml(zip.readText(mainPart), mainPart, visit);
  finish();

  if (found.size === 0 && actionPlans.length === 0)
    throw new ReadError('NOT_A_RETURN', 'This Word document has no proposal rating tables (no "Rating" / "Our Rating" rows): it is not a self-evaluation return. If it is one, its tables may have been pasted as pictures or text.', mainPart);

  // --- assemble -----------------------------------------------------------------------------
  const proposals: ReturnDraft['proposals'] = [];
  for (const prop of template.proposals) {
    const f = found.get(prop.id);
    if (f) diags.push(...f.decision.diagnostics);
    proposals.push({
      proposal: prop.id,
      // A proposal with no table gets its overall from the action plan, or is reported missing (assemble.ts).
      ratings: f ? [{ respondent: 'overall', body: '', rating: f.decision.rating }] : [],
      evidence: (f?.evidence ?? []).join('\n'),
      improvementActions: (f?.actions ?? []).join('\n'),
      consensus: null,
      consensusRaw: '',
      actionPlan: null,
    });
  }
  const fr = state.front;
  const draft: ReturnDraft = {
    format: 'docx',
    layout: 'word-template',
    partnershipAsWritten: fr?.name ?? '',
    partnershipLocation: fr?.nameLoc ?? 'front table',
    contact: fr?.contact ?? '',
    dateRaw: fr?.date ?? '',
    dateLocation: fr?.dateLoc ?? 'front table',
    draftSignals: [
      ...titleTexts.slice(0, 12).map((t) => ({ where: 'title', text: t })),
      ...headingTexts.map((t) => ({ where: 'heading', text: t })),
      ...headerTexts.map((t) => ({ where: 'page header', text: t })),
      { where: 'document title', text: documentTitle },
    ],
    proposals,
    actionPlans,
    hadTemplateMarks: found.size > 0,
  };
  return { draft, diagnostics: diags };
}

const emptyCell: DocCell = newCell();

/** A Word table as a grid of texts, merged cells resolved (gridSpan repeats, vMerge continues from above). */
function toGrid(t: DocTable): GridCell[][] {
  const grid: GridCell[][] = [];
  const above = new Map<number, string>();
  for (const [ri, r] of t.rows.entries()) {
    if (r.deleted) continue;
    const row: GridCell[] = [];
    for (const [ci, c] of r.cells.entries()) {
      let text = cellLines(c).join('\n');
      if (c.vMerge === 'continue') text = above.get(c.gridCol) ?? '';
      else above.set(c.gridCol, text);
      for (let k = 0; k < c.span; k++) row[c.gridCol + k] = { text, location: `table ${t.index}, row ${ri + 1}, cell ${ci + 1}`, merged: k > 0 || c.vMerge === 'continue' };
    }
    for (let i = 0; i < row.length; i++) row[i] ??= { text: '', location: `table ${t.index}, row ${ri + 1}`, merged: false };
    grid.push(row);
  }
  return grid;
}

/** Every paragraph's text and every watermark string of a header part. */
function collectText(xml: string, part: string): string[] {
  const out: string[] = [];
  let cur = '';
  let inT = false;
  parseXml(xml, part, {
    open(name, a) {
      if (name === 'w:t') inT = true;
      else if (name === 'v:textpath' && a.string) out.push(a.string);
    },
    close(name) {
      if (name === 'w:t') inT = false;
      else if (name === 'w:p') {
        if (cur.trim()) out.push(cur.trim());
        cur = '';
      }
    },
    text(t) {
      if (inT) cur += t;
    },
  });
  return out;
}
