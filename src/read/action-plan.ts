import { collapseSpaces } from '../model/words.js';
import { diagnostic } from '../model/diagnostics.js';
import type { ActionPlanEntry, Diagnostic, Respondent, RespondentRating, Rating } from '../model/schema.js';
import type { ReadContext } from './context.js';
import { foldText } from './marks.js';
import { proposalIdIn } from './proposals.js';
import { decideFromText, notForLocal } from './rating.js';

/**
 * The action plan layout (Glasgow City's appendix; also an Excel layout): one row per
 * proposal with each partner body's rating, the recorded consensus, an overall
 * rating and the improvement action with its lead officer, timescale, update and
 * progress. Columns are found by their header text, never by position.
 */

export type GridCell = {
  text: string;
  location: string;
  merged: boolean;
  /** An Excel formula with no cached value: its rating is in doubt (FORMULA_NO_CACHE), not blank. */
  noCache?: boolean;
};

export type ActionPlanRow = {
  proposal: string;
  location: string;
  bodies: RespondentRating[];
  overall: { rating: Rating; diagnostics: Diagnostic[] } | null;
  consensus: boolean | null;
  consensusRaw: string;
  entry: ActionPlanEntry;
};

export type ActionPlan = { location: string; rows: Map<string, ActionPlanRow> };

type Column = { index: number; text: string };
type BodyColumn = Column & { respondent: Exclude<Respondent, 'overall'>; body: string };

export function isActionPlanHeader(texts: readonly string[]): boolean {
  return isActionPlanHeaderFolded(texts.map((t) => foldText(t)));
}

/** The same, for texts already folded (foldText). */
export function isActionPlanHeaderFolded(f: readonly string[]): boolean {
  const hasOverall = f.some((t) => /overall\s*rating|^overall$/.test(t));
  const ratingCols = f.filter((t) => /rating$/.test(t) && !/^our rating$|^rating$/.test(t)).length;
  const hasConsensus = f.some((t) => /^consensus|agreed\??$/.test(t));
  return (hasOverall && (ratingCols >= 2 || hasConsensus)) || ratingCols >= 3;
}

/** Which partner body a rating column is, from its header ("IJB Rating", "GCC Rating", "HB Rating"). */
export function bodyOfColumn(header: string): { respondent: Exclude<Respondent, 'overall'>; body: string } | null {
  const body = header.replace(/\s*(self[- ]?)?rating\s*$/i, '').replace(/\s+/g, ' ').trim();
  const f = foldText(body);
  if (!f || /overall|^our$/.test(f)) return null;
  if (/\bijb\b|integration joint board|integration authority|\bhscp\b|partnership/.test(f)) return { respondent: 'ijb', body };
  if (/\bhb\b|health board|\bnhs|^health$/.test(f)) return { respondent: 'health_board', body }; // "NHS Forth Valley", "NHSGGC"
  if (/council|\bla\b|local authority|comhairle|^[a-z]{2,4}c$/.test(f)) return { respondent: 'council', body };
  return { respondent: 'council', body }; // an abbreviation like "GCC": councils are the remaining partner
}

/** Y/N read leniently: look-alike letters (Greek Υ, Cyrillic У, Ү), ticks, words. */
export function readConsensus(raw: string): boolean | null | 'unrecognised' {
  const f = foldText(raw).replace(/[.!]$/, '');
  if (!f || /^(n\/?a|-+|not applicable|none)$/.test(f)) return null;
  if (/^(y|yes|υ|у|ү|ყ|✓|✔|agreed|true|consensus)$/.test(f)) return true;
  if (/^(n|no|ν|н|✗|✘|x|not agreed|false|no consensus)$/.test(f)) return false;
  return 'unrecognised';
}

export function readProgress(raw: string): ActionPlanEntry['progress'] | 'unrecognised' {
  const f = foldText(raw);
  if (!f) return null;
  if (/^(complete|completed|done|achieved)$/.test(f)) return 'Complete';
  if (/^(in progress|in-progress|ongoing|on-going|underway|under way|started)$/.test(f)) return 'In progress';
  if (/^(not started|not yet started|not begun|to start)$/.test(f)) return 'Not started';
  if (/^(n\/?a|not applicable)$/.test(f)) return 'N/A';
  return 'unrecognised';
}

/** A rating that is an Excel formula with no cached value: in doubt, so flagged, never read as blank. */
export function formulaNoCache(file: string, prop: { id: string; localCompletion: boolean }, location: string, who: string): { rating: Rating; diagnostics: Diagnostic[] } {
  if (!prop.localCompletion) return { rating: notForLocal(location), diagnostics: [] };
  return {
    rating: { label: 'Not rated', level: null, modifier: null, marked: [], flags: ['formula_no_cache'], raw: '', location },
    diagnostics: [diagnostic(file, 'FORMULA_NO_CACHE', location, `${who} for proposal ${prop.id} is a formula with no saved result (the workbook was saved without calculating it), so it is Not rated. Open the file in Excel, let it calculate, save it and run again, or record the level in an overrides file.`, prop.id)],
  };
}

export function readActionPlanGrid(
  file: string,
  ctx: ReadContext,
  grid: readonly (readonly GridCell[])[],
  headerIdx: number,
  location: string,
  diags: Diagnostic[],
): ActionPlan {
  const header = grid[headerIdx] ?? [];
  const cols = header.map((c, index) => ({ index, text: collapseSpaces(c.text) }));
  const find = (re: RegExp, except?: RegExp): Column | undefined => cols.find((c) => re.test(foldText(c.text)) && !(except && except.test(foldText(c.text))));
  const proposalCol = find(/^proposals?\b|^msg proposal/);
  const overallCol = find(/overall/);
  const consensusCol = find(/consensus|agreed/);
  const actionCol = find(/action/, /rating/);
  const leadCol = find(/lead/);
  const timescaleCol = find(/timescale|by when|target date|deadline/);
  const updateCol = find(/update|comment/);
  const progressCol = find(/progress|status/);
  const bodyCols: BodyColumn[] = [];
  for (const c of cols) {
    if (!/rating/i.test(c.text) || c === overallCol) continue;
    const b = bodyOfColumn(c.text);
    if (b) bodyCols.push({ ...c, ...b });
  }
  const rows = new Map<string, ActionPlanRow>();
  const text = (row: readonly GridCell[], col: Column | undefined) => (col ? (row[col.index]?.text ?? '').trim() : '');
  for (let r = headerIdx + 1; r < grid.length; r++) {
    const row = grid[r]!;
    if (row.length >= 4 && row.every((c) => c.text.length < 80) && isActionPlanHeader(row.map((c) => c.text))) continue; // a header repeated after a page break
    const pText = text(row, proposalCol);
    const rowLoc = row[proposalCol?.index ?? 0]?.location ?? `${location}, row ${r + 1}`;
    const anyRating = bodyCols.some((b) => text(row, b)) || !!text(row, overallCol);
    if (!pText && !anyRating) continue;
    const id = proposalIdIn(pText);
    const prop = (id ? ctx.proposals.byId(id) : undefined) ?? ctx.proposals.byTitle(pText) ?? undefined;
    if (!prop) {
      if (anyRating) diags.push(diagnostic(file, 'ROW_UNMATCHED', rowLoc, `An action plan row ("${pText.slice(0, 60)}") carries ratings but its proposal could not be identified by number or title; it is ignored. Add the proposal number to the row.`, ''));
      continue;
    }
    if (rows.has(prop.id)) {
      diags.push(diagnostic(file, 'PROPOSAL_DUPLICATE', rowLoc, `Proposal ${prop.id} has a second action plan row; the first (${rows.get(prop.id)!.location}) is used.`, prop.id));
      continue;
    }
    const bodies: RespondentRating[] = [];
    for (const b of bodyCols) {
      const raw = text(row, b);
      const cell = row[b.index];
      const loc = cell?.location ?? rowLoc;
      if (cell?.noCache) {
        const d = formulaNoCache(file, prop, loc, `The ${b.body} rating`);
        diags.push(...d.diagnostics);
        bodies.push({ respondent: b.respondent, body: b.body, rating: d.rating });
        continue;
      }
      const d = decideFromText(file, ctx, prop, raw, loc, { blankIsNoMark: false, who: `The ${b.body} rating` });
      const rating = d.rating;
      if (prop.localCompletion && !raw) {
        rating.flags.push('blank_body');
        diags.push(diagnostic(file, 'BODY_RATING_BLANK', loc, `The ${b.body} rating for proposal ${prop.id} is blank; it is left out of the partner bodies' agreement. Ask the partnership for it, or record it in an overrides file.`, prop.id));
      }
      diags.push(...d.diagnostics);
      bodies.push({ respondent: b.respondent, body: b.body, rating });
    }
    const overallRaw = text(row, overallCol);
    const overallCell = overallCol ? row[overallCol.index] : undefined;
    const overallLoc = overallCell?.location ?? rowLoc;
    const overall = !overallCol ? null : overallCell?.noCache ? formulaNoCache(file, prop, overallLoc, 'The Overall Rating') : decideFromText(file, ctx, prop, overallRaw, overallLoc, { who: 'The Overall Rating' });
    const consensusRaw = text(row, consensusCol);
    let consensus = readConsensus(consensusRaw);
    if (consensus === 'unrecognised') {
      diags.push(diagnostic(file, 'CONSENSUS_UNRECOGNISED', row[consensusCol!.index]?.location ?? rowLoc, `The consensus cell for proposal ${prop.id} says "${consensusRaw}", not Y or N; it is treated as not recorded.`, prop.id));
      consensus = null;
    }
    if (!prop.localCompletion) consensus = null;
    const progressRaw = text(row, progressCol);
    let progress = readProgress(progressRaw);
    if (progress === 'unrecognised') {
      diags.push(diagnostic(file, 'PROGRESS_UNRECOGNISED', row[progressCol!.index]?.location ?? rowLoc, `The progress of the action for proposal ${prop.id} is "${progressRaw}", not Complete, In progress, Not started or N/A; it is kept as written.`, prop.id));
      progress = null;
    }
    rows.set(prop.id, {
      proposal: prop.id,
      location: rowLoc,
      bodies,
      overall,
      consensus,
      consensusRaw,
      entry: {
        action: text(row, actionCol),
        leadOfficer: text(row, leadCol),
        timescale: text(row, timescaleCol),
        update: text(row, updateCol),
        progress,
        progressRaw,
      },
    });
  }
  return { location, rows };
}
