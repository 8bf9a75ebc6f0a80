import { diagnostic } from '../model/diagnostics.js';
import type { Diagnostic, Modifier, Rating, RatingFlag } from '../model/schema.js';
import type { Proposal, Template } from '../template/schema.js';
import type { MarkReading } from './marks.js';
import { parseRatingText } from './marks.js';

/**
 * Turning what was found in a rating row into a Rating, with a diagnostic for
 * every decision a person might dispute. Shared by every reader.
 */

export type LevelCell = {
  level: number;
  reading: MarkReading;
  /** The cell's content as text, for messages. */
  raw: string;
  location: string;
  /** The content came from a tracked insertion or a deletion was involved. */
  tracked: boolean;
  /** A checkbox whose checked state disagrees with its glyph. */
  glyphConflict?: string;
};

export function labelOf(template: Template, level: number | null): Rating['label'] {
  if (level === null) return 'Not rated';
  const l = template.scale.find((s) => s.level === level);
  // Labels are the model's fixed four; a custom template's own labels stay in its file.
  const fixed = ['Not yet established', 'Partly established', 'Established', 'Exemplary'] as const;
  return fixed[(l?.level ?? level) - 1] ?? 'Not rated';
}

export type RatingDecision = { rating: Rating; diagnostics: Diagnostic[] };

/** Extra ways a row can say its level when no cell is marked. */
export type FallbackMark = { level: number; flag: 'shading_mark' | 'formatting_mark'; how: string; location: string };

export function notForLocal(location: string, raw = '', flags: RatingFlag[] = []): Rating {
  return { label: 'Not for local completion', level: null, modifier: null, marked: [], flags, raw, location };
}

/**
 * Decides a proposal's rating from its level cells: one mark → that level; two or
 * more → split (the lower, flagged); none → a fallback (shading, formatting) or
 * Not rated; anything unrecognised is reported, never silently dropped.
 */
export function decideFromCells(
  file: string,
  template: Template,
  proposal: Proposal,
  cells: readonly LevelCell[],
  rowLocation: string,
  /** Asked only when no cell is marked: working it out reads every descriptor's formatting. */
  fallbackMark: () => FallbackMark | null = () => null,
): RatingDecision {
  const diags: Diagnostic[] = [];
  const flags = new Set<RatingFlag>();
  const marked: { level: number; modifier: Modifier | null; cell: LevelCell }[] = [];
  const unknown: LevelCell[] = [];
  for (const c of cells) {
    const r = c.reading;
    if (r.kind === 'mark') marked.push({ level: c.level, modifier: r.modifier, cell: c });
    else if (r.kind === 'named') {
      if (r.level === c.level) marked.push({ level: c.level, modifier: r.modifier, cell: c });
      else unknown.push(c);
    } else if (r.kind === 'unknown') unknown.push(c);
    if (c.glyphConflict) {
      flags.add('checkbox_glyph_conflict');
      diags.push(diagnostic(file, 'CHECKBOX_GLYPH_CONFLICT', c.location, c.glyphConflict, proposal.id));
    }
  }
  const raw = cells.filter((c) => c.raw.trim() !== '').map((c) => `${labelOf(template, c.level)}: ${c.raw.trim()}`).join('; ');
  if (!proposal.localCompletion) {
    if (marked.length || unknown.length) {
      diags.push(diagnostic(file, 'MARK_NOT_FOR_LOCAL', rowLocation, `Proposal ${proposal.id} is not for local completion (national bodies answer it) but its rating row holds "${raw}". It is not counted; no action is needed unless the template was misused.`, proposal.id));
      return { rating: notForLocal(rowLocation, raw, ['not_for_local']), diagnostics: diags };
    }
    return { rating: notForLocal(rowLocation), diagnostics: diags };
  }
  for (const u of unknown) {
    flags.add('unrecognised');
    const why = u.reading.kind === 'named' ? ` (it names ${labelOf(template, u.reading.level)} but sits under ${labelOf(template, u.level)})` : '';
    diags.push(diagnostic(file, 'UNRECOGNISED_MARK', u.location, `The rating cell under "${labelOf(template, u.level)}" for proposal ${proposal.id} holds "${u.raw.trim()}", which is not a mark selfeval knows${why}. ${marked.length ? 'The other marked level is used' : 'The proposal is Not rated'} until an analyst decides: check the return and record the decision in an overrides file.`, proposal.id));
  }
  if (marked.some((m) => m.cell.tracked)) {
    flags.add('tracked_change');
    diags.push(diagnostic(file, 'TRACKED_CHANGE_RATING', rowLocation, `The rating for proposal ${proposal.id} was changed with tracked changes; the accepted state (insertions kept, deletions removed) is used.`, proposal.id));
  } else if (cells.some((c) => c.tracked)) {
    flags.add('tracked_change');
    diags.push(diagnostic(file, 'TRACKED_CHANGE_RATING', rowLocation, `The rating row for proposal ${proposal.id} has tracked changes; the accepted state is used.`, proposal.id));
  }
  if (marked.length === 0) {
    const fallback = unknown.length === 0 ? fallbackMark() : null;
    if (fallback) {
      flags.add(fallback.flag);
      diags.push(diagnostic(file, fallback.flag === 'shading_mark' ? 'SHADING_MARK' : 'FORMATTING_MARK', fallback.location, `Proposal ${proposal.id}: ${fallback.how}, so ${labelOf(template, fallback.level)} is taken as the rating. Check the return if in doubt.`, proposal.id));
      return { rating: { label: labelOf(template, fallback.level), level: fallback.level, modifier: null, marked: [fallback.level], flags: [...flags], raw, location: fallback.location }, diagnostics: diags };
    }
    if (unknown.length === 0) {
      flags.add('no_mark');
      diags.push(diagnostic(file, 'NO_MARK', rowLocation, `The "Our Rating" row for proposal ${proposal.id} has no mark: it is Not rated. If the partnership did rate it, record the level in an overrides file.`, proposal.id));
    }
    return { rating: { label: 'Not rated', level: null, modifier: null, marked: [], flags: [...flags], raw, location: rowLocation }, diagnostics: diags };
  }
  const levels = [...new Set(marked.map((m) => m.level))].sort((a, b) => a - b);
  const chosen = marked.filter((m) => m.level === levels[0]);
  const modifier = chosen.find((m) => m.modifier)?.modifier ?? null;
  if (levels.length > 1) {
    flags.add('split');
    diags.push(diagnostic(file, 'SPLIT_MARK', rowLocation, `Proposal ${proposal.id} is marked at ${levels.map((l) => labelOf(template, l)).join(' and ')}; the lower, ${labelOf(template, levels[0]!)}, is used and flagged "split". Confirm with the partnership and record the decision in an overrides file.`, proposal.id));
  }
  return {
    rating: { label: labelOf(template, levels[0]!), level: levels[0]!, modifier, marked: levels, flags: [...flags], raw, location: chosen[0]!.cell.location },
    diagnostics: diags,
  };
}

/**
 * A rating written as text in one cell (Excel flat returns, action plans, a Word
 * rating row merged into one cell). Blank → Not rated; other text → unrecognised.
 */
export function decideFromText(
  file: string,
  ctx: { template: Template; levelNames: Map<string, number> },
  proposal: Proposal,
  text: string,
  location: string,
  opts: { blankIsNoMark?: boolean; who?: string } = {},
): RatingDecision {
  const t = text.trim();
  const who = opts.who ?? 'The rating';
  if (!proposal.localCompletion) {
    if (t && !/^(n\/?a|not applicable|not for local completion.*|-+|–)$/i.test(t)) {
      return {
        rating: notForLocal(location, t, ['not_for_local']),
        diagnostics: [diagnostic(file, 'MARK_NOT_FOR_LOCAL', location, `Proposal ${proposal.id} is not for local completion but ${who.toLowerCase()} says "${t}". It is not counted.`, proposal.id)],
      };
    }
    return { rating: notForLocal(location, t), diagnostics: [] };
  }
  if (!t) {
    const diags = opts.blankIsNoMark === false ? [] : [diagnostic(file, 'NO_MARK', location, `${who} for proposal ${proposal.id} is blank: it is Not rated. If the partnership did rate it, record the level in an overrides file.`, proposal.id)];
    return { rating: { label: 'Not rated', level: null, modifier: null, marked: [], flags: opts.blankIsNoMark === false ? [] : ['no_mark'], raw: '', location }, diagnostics: diags };
  }
  const parsed = parseRatingText(t, ctx.levelNames, ctx.template.scale.length);
  if (!parsed) {
    return {
      rating: { label: 'Not rated', level: null, modifier: null, marked: [], flags: ['unrecognised'], raw: t, location },
      diagnostics: [diagnostic(file, 'UNRECOGNISED_MARK', location, `${who} for proposal ${proposal.id} is "${t}", which is not one of the levels. It is Not rated until an analyst decides: record the decision in an overrides file.`, proposal.id)],
    };
  }
  return {
    rating: { label: labelOf(ctx.template, parsed.level), level: parsed.level, modifier: parsed.modifier, marked: [parsed.level], flags: [], raw: t, location },
    diagnostics: [],
  };
}
