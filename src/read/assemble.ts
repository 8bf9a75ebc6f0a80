import { basename } from 'node:path';
import { diagnostic } from '../model/diagnostics.js';
import type { Diagnostic, ProposalReturn, Rating, Return } from '../model/schema.js';
import { RESPONDENT_ORDER } from '../model/respondents.js';
import type { ActionPlan } from './action-plan.js';
import type { ReadContext } from './context.js';
import { readCompletionDate } from './dates.js';
import { mentionsDraft } from './draft.js';
import { wordCount } from '../model/words.js';
import { sameRating, withinMiddle } from '../model/bodies.js';

/**
 * What every reader hands over (a format-specific "draft" of a return), and the
 * steps common to all formats: partnership, date, draft status, and merging the
 * action plan's partner-body ratings with its cross-checks.
 */
export type ReturnDraft = {
  format: Return['format'];
  layout: string;
  partnershipAsWritten: string;
  partnershipLocation: string;
  contact: string;
  dateRaw: string;
  dateLocation: string;
  /** A date already read as a date (an Excel date cell), ISO. */
  dateIso?: string | null;
  draftSignals: { where: string; text: string }[];
  /** Proposals as read; the word count of the evidence is added here, once for every reader. */
  proposals: Omit<ProposalReturn, 'evidenceWords'>[];
  actionPlans: ActionPlan[];
  /** The return has the template's own rating marks (so they, not an action plan, are the overall). */
  hadTemplateMarks: boolean;
};

export function assembleReturn(file: string, sha256: string, draft: ReturnDraft, ctx: ReadContext): { ret: Return; diagnostics: Diagnostic[] } {
  const diags: Diagnostic[] = [];
  const partnership = resolvePartnership(file, draft, ctx, diags);
  const date = resolveDate(file, draft, diags);
  const status = resolveStatus(file, draft, diags);
  const proposals = draft.proposals.map((read) => {
    const p: ProposalReturn = { ...read, evidenceWords: wordCount(read.evidence) };
    const merged = mergeActionPlan(file, p, draft, ctx, diags);
    if (merged.ratings.some((r) => r.respondent === 'overall')) return merged;
    // Neither the template nor an action plan rates this proposal.
    const prop = ctx.proposals.byId(p.proposal)!;
    if (prop.localCompletion)
      diags.push(diagnostic(file, 'PROPOSAL_MISSING', draft.layout, `No rating for proposal ${prop.id} (${prop.title.slice(0, 60)}…) was found: it is Not rated. Check whether the return left it out.`, prop.id));
    const rating: Rating = prop.localCompletion ? notRated('') : { label: 'Not for local completion', level: null, modifier: null, marked: [], flags: [], raw: '', location: '' };
    return { ...merged, ratings: [{ respondent: 'overall' as const, body: '', rating }, ...merged.ratings] };
  });
  const ret: Return = {
    file,
    format: draft.format,
    layout: draft.layout,
    template: ctx.template.id,
    partnership,
    partnershipAsWritten: draft.partnershipAsWritten,
    contact: draft.contact.replace(/\s+/g, ' ').trim(),
    completedOn: date,
    completedOnRaw: draft.dateRaw.trim(),
    status: status.status,
    statusReason: status.reason,
    sha256,
    proposals,
  };
  return { ret, diagnostics: diags };
}

function resolvePartnership(file: string, draft: ReturnDraft, ctx: ReadContext, diags: Diagnostic[]): string | null {
  const written = draft.partnershipAsWritten.trim();
  const m = written ? ctx.partnerships.match(written) : ({ kind: 'unknown' } as const);
  if (m.kind === 'exact') return m.partnership;
  if (m.kind === 'loose') {
    diags.push(diagnostic(file, 'PARTNERSHIP_LOOSE_MATCH', draft.partnershipLocation, `The partnership is written "${written}", which is not a known name; it is ${m.distance} edit${m.distance === 1 ? '' : 's'} from "${m.via}" and clearly nearest to ${m.partnership}, so it is read as ${m.partnership}. Add the spelling to an aliases file to silence this.`));
    return m.partnership;
  }
  const why = !written
    ? 'The return does not name its partnership'
    : m.kind === 'ambiguous'
      ? `The partnership name "${written}" is ambiguous: ${m.reason}${m.candidates.length ? ` (${m.candidates.join(', ')})` : ''}`
      : `The partnership name "${written}" is not a known partnership name`;
  const f = ctx.partnerships.matchFileName(file);
  if (f.kind === 'exact') {
    diags.push(diagnostic(file, 'PARTNERSHIP_FROM_FILE_NAME', draft.partnershipLocation, `${why}; the file name "${basename(file)}" names ${f.partnership}, so it is read as ${f.partnership}. Correct the return or add the name to an aliases file.`));
    return f.partnership;
  }
  if (m.kind === 'ambiguous') {
    diags.push(diagnostic(file, 'PARTNERSHIP_AMBIGUOUS', draft.partnershipLocation, `${why}, and the file name does not decide it. Add the name to an aliases file (--aliases) or assign the file in an overrides file.`));
  } else {
    diags.push(diagnostic(file, 'PARTNERSHIP_UNKNOWN', draft.partnershipLocation, `${why}, and the file name does not name one either. Add the name to an aliases file (--aliases) or assign the file in an overrides file.`));
  }
  return null;
}

function resolveDate(file: string, draft: ReturnDraft, diags: Diagnostic[]): string | null {
  if (draft.dateIso) return draft.dateIso;
  const raw = draft.dateRaw.trim();
  if (!raw) {
    diags.push(diagnostic(file, 'DATE_MISSING', draft.dateLocation, 'The return gives no date of completion. When a partnership has several returns, the date decides which is used.'));
    return null;
  }
  const d = readCompletionDate(raw);
  if (!d.iso) {
    diags.push(diagnostic(file, 'DATE_UNPARSABLE', draft.dateLocation, `The date of completion "${raw}" could not be read as a date (dates are read day first, e.g. 08/05/2019 is 8 May 2019).`));
    return null;
  }
  if (d.found > 1) diags.push(diagnostic(file, 'DATE_SEVERAL', draft.dateLocation, `The date of completion "${raw}" holds ${d.found} dates; the first, ${d.iso}, is used.`));
  return d.iso;
}

function resolveStatus(file: string, draft: ReturnDraft, diags: Diagnostic[]): { status: 'final' | 'draft'; reason: string } {
  for (const s of draft.draftSignals) {
    if (s.text && mentionsDraft(s.text)) {
      const reason = s.where;
      diags.push(diagnostic(file, 'DRAFT_RETURN', s.where, `The return is a draft: its ${s.where} says "${s.text.trim().slice(0, 80)}". A final return of the same partnership is preferred when there is one.`));
      return { status: 'draft', reason };
    }
  }
  const name = basename(file);
  if (mentionsDraft(name.replace(/[_\-.]+/g, ' '))) {
    diags.push(diagnostic(file, 'DRAFT_RETURN', 'file name', `The return is a draft: its file name "${name}" says so. A final return of the same partnership is preferred when there is one.`));
    return { status: 'draft', reason: 'file name' };
  }
  return { status: 'final', reason: '' };
}

const notRated = (location: string): Rating => ({ label: 'Not rated', level: null, modifier: null, marked: [], flags: ['no_mark'], raw: '', location });
const same = sameRating;
const show = (r: Rating) => (r.level === null ? r.label : `${r.label}${r.modifier === 'plus' ? ' +' : r.modifier === 'minus' ? ' -' : ''}`);

function mergeActionPlan(file: string, p: ProposalReturn, draft: ReturnDraft, ctx: ReadContext, diags: Diagnostic[]): ProposalReturn {
  const row = draft.actionPlans.map((a) => a.rows.get(p.proposal)).find((r) => r !== undefined);
  if (!row) return p;
  const prop = ctx.proposals.byId(p.proposal)!;
  let overall = p.ratings.find((r) => r.respondent === 'overall');
  if (!overall || !draft.hadTemplateMarks) {
    // No template mark for this proposal: the action plan's Overall Rating is the overall.
    overall = { respondent: 'overall', body: '', rating: row.overall?.rating ?? notRated(row.location) };
    if (row.overall) diags.push(...row.overall.diagnostics);
  } else if (row.overall && prop.localCompletion && row.overall.rating.level !== null && !same(row.overall.rating, overall.rating)) {
    overall = { ...overall, rating: { ...overall.rating, flags: [...overall.rating.flags, 'overall_conflict'] } };
    diags.push(diagnostic(file, 'OVERALL_CONFLICTS_TEMPLATE', row.overall.rating.location, `The action plan's Overall Rating for proposal ${p.proposal} is ${show(row.overall.rating)} but the template is marked ${show(overall.rating)}; the template's mark is used as the overall. Confirm which the partnership meant.`, p.proposal));
  }
  const bodies = [...row.bodies];
  if (prop.localCompletion) {
    const rated = bodies.filter((b) => b.rating.level !== null);
    // Recorded consensus against the bodies' ratings (modifiers count).
    if (row.consensus !== null && rated.length >= 2) {
      const allSame = rated.every((b) => same(b.rating, rated[0]!.rating));
      if (row.consensus !== allSame) {
        const list = rated.map((b) => `${b.body} ${show(b.rating)}`).join(', ');
        diags.push(diagnostic(file, 'CONSENSUS_CONTRADICTED', row.location, `Proposal ${p.proposal} records consensus "${row.consensusRaw}" but the partner bodies rated ${list}. The ratings are used as given; check the consensus column.`, p.proposal));
      }
    }
    // The overall should lie between the two middle values of the bodies' levels.
    const o = overall.rating.level;
    if (o !== null && rated.length >= 2) {
      const levels = rated.map((b) => b.rating.level!).sort((a, b) => a - b);
      const n = levels.length;
      const lo = levels[Math.floor((n - 1) / 2)]!;
      if (withinMiddle(o, levels) === false) {
        overall = { ...overall, rating: { ...overall.rating, flags: [...new Set([...overall.rating.flags, 'overall_conflict' as const])] } };
        const list = rated.map((b) => `${b.body} ${show(b.rating)}`).join(', ');
        diags.push(diagnostic(file, 'OVERALL_CONFLICTS_BODIES', overall.rating.location || row.location, `The overall rating for proposal ${p.proposal} is ${show(overall.rating)} but the partner bodies rated ${list}${n % 2 ? ` (median ${ctx.template.scale[lo - 1]?.label})` : ''}. It is recorded as given; confirm it with the partnership.`, p.proposal));
      }
    }
  }
  const ratings = [overall, ...bodies].sort((a, b) => RESPONDENT_ORDER.indexOf(a.respondent) - RESPONDENT_ORDER.indexOf(b.respondent));
  return {
    ...p,
    ratings,
    // An action-plan-only return has no template box for actions: the plan's action stands in.
    improvementActions: draft.hadTemplateMarks ? p.improvementActions : p.improvementActions || row.entry.action,
    consensus: row.consensus,
    consensusRaw: row.consensusRaw,
    actionPlan: row.entry,
  };
}
