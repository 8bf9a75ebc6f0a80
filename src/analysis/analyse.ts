import { byCodePoint } from '../model/order.js';
import type { Diagnostic, ReadResult, Respondent } from '../model/schema.js';
import { RESPONDENT_ORDER } from '../model/schema.js';
import { sameRating, withinMiddle } from '../model/bodies.js';
import { PARTNERSHIPS } from '../reference/partnerships.js';
import type { Template } from '../template/schema.js';
import { selectReturns, type Selection } from './select.js';
import { krippendorffAlpha, leikD, mean, median, modes, polarization, tastleWierman, vanDerEijkA } from './statistics.js';

/**
 * The national picture from one round of returns: a pure function of the read
 * results and the template. Everything it returns is JSON-serialisable and in a
 * deterministic order (template order of proposals, then canonical partnership,
 * then respondent, then body).
 */

export type Distribution = {
  n: number;
  notRated: number;
  /** Count per declared level, lowest first: always K entries, zeros included. */
  counts: number[];
  /** Percentage of the n rated per level (null when n = 0). */
  percent: (number | null)[];
  median: number | null;
  modes: number[];
  mean: number | null;
};

export type AgreementMeasures = { n: number; tastleWierman: number | null; vanDerEijkA: number | null; leikD: number | null; polarization: number | null };

export type ProposalStats = { proposal: string; keyFeature: number; respondent: Respondent; distribution: Distribution; agreement: AgreementMeasures };
export type KeyFeatureStats = { keyFeature: number | 'all'; title: string; respondent: Respondent; distribution: Distribution };
export type PartnershipStats = { partnership: string; healthBoard: string; file: string; status: string; completedOn: string | null; distribution: Distribution; exemplary: number; atOrBelowPartly: number };
export type BoardStats = { healthBoard: string; partnerships: number; distribution: Distribution };

export type BodyRating = { respondent: Respondent; body: string; level: number | null; label: string; modifier: string | null };
export type WithinPartnership = {
  partnership: string;
  proposal: string;
  bodies: BodyRating[];
  rated: number;
  blank: number;
  agree: boolean | null;
  spread: number | null;
  recordedConsensus: boolean | null;
  recordedMatches: boolean | null;
  overall: number | null;
  overallWithinBodies: boolean | null;
};
export type BodySummary = {
  scope: 'partnership' | 'proposal' | 'national';
  name: string;
  units: number;
  agree: number;
  disagree: number;
  meanSpread: number | null;
  meanByRespondent: Record<'ijb' | 'council' | 'health_board', number | null>;
  higher: string;
  krippendorffOrdinal: number | null;
};

export type RatingRow = {
  round: string;
  file: string;
  partnership: string;
  status: string;
  used: boolean;
  keyFeature: number;
  proposal: string;
  respondent: Respondent;
  body: string;
  rating: string;
  level: number | null;
  modifier: string | null;
  flags: string[];
  evidenceWords: number;
  improvementAction: string;
  evidence: string;
};

export type Highlights = {
  mostExemplary: { partnership: string; exemplary: number }[];
  mostChallenged: { partnership: string; atOrBelowPartly: number; rated: number }[];
  hardProposals: { proposal: string; atOrBelowPartly: number; rated: number; share: number }[];
  lowestConsensus: { proposal: string; tastleWierman: number; n: number }[];
  noEvidence: { partnership: string; proposal: string; rating: string }[];
  thinExemplary: { partnership: string; proposal: string; evidenceWords: number }[];
};

export type Analysis = {
  template: string;
  round: string;
  scale: { level: number; label: string }[];
  coverage: Selection['coverage'];
  returns: { file: string; partnership: string | null; status: string; used: boolean; format: string; template: string; completedOn: string | null; errors: number; warnings: number }[];
  ratings: RatingRow[];
  proposals: ProposalStats[];
  keyFeatures: KeyFeatureStats[];
  partnerships: PartnershipStats[];
  boards: BoardStats[];
  withinPartnerships: WithinPartnership[];
  bodySummaries: BodySummary[];
  highlights: Highlights;
  actions: { partnership: string; proposal: string; action: string; leadOfficer: string; timescale: string; update: string; progress: string }[];
  diagnostics: Diagnostic[];
  thinEvidenceWords: number;
};

export type AnalyseOptions = { round?: string; thinEvidenceWords?: number; minUnitsForAlpha?: number };

const BODY_RESPONDENTS = ['ijb', 'council', 'health_board'] as const;

export function distributionOf(levels: readonly (number | null)[], K: number): Distribution {
  const counts = new Array<number>(K).fill(0);
  let notRated = 0;
  const rated: number[] = [];
  for (const l of levels) {
    if (l === null) notRated++;
    else if (l >= 1 && l <= K) {
      counts[l - 1]!++;
      rated.push(l);
    }
  }
  const n = rated.length;
  return {
    n,
    notRated,
    counts,
    percent: counts.map((c) => (n ? (100 * c) / n : null)),
    median: median(rated),
    modes: modes(counts),
    mean: mean(rated),
  };
}

export function agreementOf(counts: readonly number[]): AgreementMeasures {
  const n = counts.reduce((a, b) => a + b, 0);
  return { n, tastleWierman: tastleWierman(counts), vanDerEijkA: vanDerEijkA(counts), leikD: leikD(counts), polarization: polarization(counts) };
}


export function analyse(results: readonly ReadResult[], template: Template, opts: AnalyseOptions = {}, selection: Selection = selectReturns(results)): Analysis {
  const K = template.scale.length;
  const thin = opts.thinEvidenceWords ?? 25;
  const minUnits = opts.minUnitsForAlpha ?? 10;
  const propOrder = new Map(template.proposals.map((p, i) => [p.id, i]));
  const kfOf = new Map(template.proposals.map((p) => [p.id, p.keyFeature]));
  const local = template.proposals.filter((p) => p.localCompletion);
  const used = [...selection.used.values()].sort((a, b) => byCodePoint(a.partnership!, b.partnership!));
  const boardOf = new Map(PARTNERSHIPS.map((p) => [p.name, p.healthBoard]));

  const latest = used.map((r) => r.completedOn).filter((d): d is string => !!d).sort().pop();
  const round = opts.round ?? (latest ? latest.slice(0, 4) : template.id);

  // --- ratings rows ------------------------------------------------------------------------------
  const ratings: RatingRow[] = [];
  for (const s of selection.returns) {
    const r = s.ret;
    for (const p of r.proposals) {
      const words = p.evidenceWords;
      for (const rr of p.ratings) {
        ratings.push({
          round,
          file: r.file,
          partnership: r.partnership ?? '',
          status: r.status,
          used: s.used,
          keyFeature: kfOf.get(p.proposal) ?? 0,
          proposal: p.proposal,
          respondent: rr.respondent,
          body: rr.body,
          rating: rr.rating.label,
          level: rr.rating.level,
          modifier: rr.rating.modifier,
          flags: [...rr.rating.flags].sort(byCodePoint),
          evidenceWords: words,
          improvementAction: p.improvementActions,
          evidence: p.evidence,
        });
      }
    }
  }
  ratings.sort(
    (a, b) =>
      propOrder.get(a.proposal)! - propOrder.get(b.proposal)! ||
      byCodePoint(a.partnership, b.partnership) ||
      RESPONDENT_ORDER.indexOf(a.respondent) - RESPONDENT_ORDER.indexOf(b.respondent) ||
      byCodePoint(a.body, b.body) ||
      byCodePoint(a.file, b.file),
  );
  const usedRatings = ratings.filter((r) => r.used);

  // --- distribution and agreement per proposal × respondent -------------------------------------
  const respondentsPresent = RESPONDENT_ORDER.filter((resp) => usedRatings.some((r) => r.respondent === resp));
  const levelsFor = (pred: (r: RatingRow) => boolean) => usedRatings.filter((r) => pred(r) && r.rating !== 'Not for local completion').map((r) => r.level);
  const proposals: ProposalStats[] = [];
  for (const p of local) {
    for (const resp of respondentsPresent) {
      const levels = levelsFor((r) => r.proposal === p.id && r.respondent === resp);
      if (resp !== 'overall' && levels.length === 0) continue;
      const distribution = distributionOf(levels, K);
      proposals.push({ proposal: p.id, keyFeature: p.keyFeature, respondent: resp, distribution, agreement: agreementOf(distribution.counts) });
    }
  }

  // --- key features and national ------------------------------------------------------------------
  const localIds = new Set(local.map((p) => p.id));
  const keyFeatures: KeyFeatureStats[] = [];
  for (const kf of [...template.keyFeatures.map((k) => ({ keyFeature: k.number as number | 'all', title: k.title })), { keyFeature: 'all' as const, title: 'All local proposals' }]) {
    for (const resp of respondentsPresent) {
      const levels = levelsFor((r) => localIds.has(r.proposal) && r.respondent === resp && (kf.keyFeature === 'all' || r.keyFeature === kf.keyFeature));
      if (resp !== 'overall' && levels.length === 0) continue;
      keyFeatures.push({ keyFeature: kf.keyFeature, title: kf.title, respondent: resp, distribution: distributionOf(levels, K) });
    }
  }

  // --- partnerships and boards (the partnership's own, i.e. overall, ratings) ------------------
  const partnerships: PartnershipStats[] = used.map((r) => {
    const levels = levelsFor((x) => x.file === r.file && x.respondent === 'overall' && localIds.has(x.proposal));
    const d = distributionOf(levels, K);
    return {
      partnership: r.partnership!,
      healthBoard: boardOf.get(r.partnership!) ?? '',
      file: r.file,
      status: r.status,
      completedOn: r.completedOn,
      distribution: d,
      exemplary: d.counts[K - 1] ?? 0,
      atOrBelowPartly: (d.counts[0] ?? 0) + (d.counts[1] ?? 0),
    };
  });
  const boardNames = [...new Set(PARTNERSHIPS.map((p) => p.healthBoard))].sort(byCodePoint);
  const boards: BoardStats[] = boardNames.map((b) => {
    const members = new Set(used.filter((r) => boardOf.get(r.partnership!) === b).map((r) => r.file));
    return { healthBoard: b, partnerships: members.size, distribution: distributionOf(levelsFor((x) => members.has(x.file) && x.respondent === 'overall' && localIds.has(x.proposal)), K) };
  });

  // --- within partnerships: partner bodies --------------------------------------------------------
  const withinPartnerships: WithinPartnership[] = [];
  for (const r of used) {
    for (const p of r.proposals) {
      if (!localIds.has(p.proposal)) continue;
      const bodies: BodyRating[] = p.ratings
        .filter((x) => x.respondent !== 'overall')
        .map((x) => ({ respondent: x.respondent, body: x.body, level: x.rating.level, label: x.rating.label, modifier: x.rating.modifier }));
      if (bodies.length === 0) continue;
      const rated = bodies.filter((b) => b.level !== null);
      const levels = rated.map((b) => b.level!).sort((a, b) => a - b);
      const overall = p.ratings.find((x) => x.respondent === 'overall')?.rating.level ?? null;
      const agree = rated.length >= 2 ? rated.every((b) => sameRating(b, rated[0]!)) : null;
      const within = overall === null ? null : withinMiddle(overall, levels);
      withinPartnerships.push({
        partnership: r.partnership!,
        proposal: p.proposal,
        bodies,
        rated: rated.length,
        blank: bodies.length - rated.length,
        agree,
        spread: levels.length >= 2 ? levels[levels.length - 1]! - levels[0]! : null,
        recordedConsensus: p.consensus,
        recordedMatches: p.consensus === null || agree === null ? null : p.consensus === agree,
        overall,
        overallWithinBodies: within,
      });
    }
  }
  withinPartnerships.sort((a, b) => propOrder.get(a.proposal)! - propOrder.get(b.proposal)! || byCodePoint(a.partnership, b.partnership));

  const summarise = (scope: BodySummary['scope'], name: string, units: WithinPartnership[], withAlpha: boolean): BodySummary => {
    const multi = units.filter((u) => u.rated >= 2);
    const byResp = Object.fromEntries(
      BODY_RESPONDENTS.map((resp) => [resp, mean(units.flatMap((u) => u.bodies.filter((b) => b.respondent === resp && b.level !== null).map((b) => b.level!)))]),
    ) as BodySummary['meanByRespondent'];
    const ranked = BODY_RESPONDENTS.filter((r) => byResp[r] !== null).sort((a, b) => byResp[b]! - byResp[a]!);
    let higher = '';
    if (ranked.length >= 2) higher = byResp[ranked[0]!]! - byResp[ranked[1]!]! < 1e-9 ? 'tie' : ranked[0]!;
    const alpha = withAlpha && multi.length >= minUnits ? krippendorffAlpha(multi.map((u) => u.bodies.map((b) => b.level)), 'ordinal').alpha : null;
    return {
      scope,
      name,
      units: multi.length,
      agree: multi.filter((u) => u.agree === true).length,
      disagree: multi.filter((u) => u.agree === false).length,
      meanSpread: mean(multi.map((u) => u.spread!)),
      meanByRespondent: byResp,
      higher,
      krippendorffOrdinal: alpha,
    };
  };
  const bodySummaries: BodySummary[] = [];
  const withBodies = [...new Set(withinPartnerships.map((w) => w.partnership))].sort(byCodePoint);
  for (const p of withBodies) bodySummaries.push(summarise('partnership', p, withinPartnerships.filter((w) => w.partnership === p), true));
  for (const p of local) {
    const units = withinPartnerships.filter((w) => w.proposal === p.id);
    if (units.length) bodySummaries.push(summarise('proposal', p.id, units, false));
  }
  if (withinPartnerships.length) bodySummaries.push(summarise('national', 'all', withinPartnerships, true));

  // --- highlights ----------------------------------------------------------------------------------------
  const overallStats = proposals.filter((p) => p.respondent === 'overall');
  const usedOverall = usedRatings.filter((r) => r.respondent === 'overall' && localIds.has(r.proposal) && r.level !== null);
  const highlights: Highlights = {
    mostExemplary: partnerships
      .filter((p) => p.exemplary > 0)
      .sort((a, b) => b.exemplary - a.exemplary || byCodePoint(a.partnership, b.partnership))
      .slice(0, 5)
      .map((p) => ({ partnership: p.partnership, exemplary: p.exemplary })),
    mostChallenged: partnerships
      .filter((p) => p.atOrBelowPartly > 0)
      .sort((a, b) => b.atOrBelowPartly - a.atOrBelowPartly || byCodePoint(a.partnership, b.partnership))
      .slice(0, 5)
      .map((p) => ({ partnership: p.partnership, atOrBelowPartly: p.atOrBelowPartly, rated: p.distribution.n })),
    hardProposals: overallStats
      .map((p) => {
        const low = (p.distribution.counts[0] ?? 0) + (p.distribution.counts[1] ?? 0);
        return { proposal: p.proposal, atOrBelowPartly: low, rated: p.distribution.n, share: p.distribution.n ? low / p.distribution.n : 0 };
      })
      .filter((p) => p.rated > 0 && p.atOrBelowPartly * 2 > p.rated)
      .sort((a, b) => b.share - a.share || propOrder.get(a.proposal)! - propOrder.get(b.proposal)!),
    lowestConsensus: overallStats
      .filter((p) => p.agreement.tastleWierman !== null)
      .sort((a, b) => a.agreement.tastleWierman! - b.agreement.tastleWierman! || propOrder.get(a.proposal)! - propOrder.get(b.proposal)!)
      .slice(0, 5)
      .map((p) => ({ proposal: p.proposal, tastleWierman: p.agreement.tastleWierman!, n: p.agreement.n })),
    noEvidence: usedOverall.filter((r) => r.evidenceWords === 0).map((r) => ({ partnership: r.partnership, proposal: r.proposal, rating: r.rating })),
    thinExemplary: usedOverall.filter((r) => r.level === K && r.evidenceWords > 0 && r.evidenceWords < thin).map((r) => ({ partnership: r.partnership, proposal: r.proposal, evidenceWords: r.evidenceWords })),
  };

  // --- action plans -----------------------------------------------------------------------------------
  const actions: Analysis['actions'] = [];
  for (const r of used) {
    for (const p of r.proposals) {
      if (!p.actionPlan) continue;
      const a = p.actionPlan;
      actions.push({ partnership: r.partnership!, proposal: p.proposal, action: a.action, leadOfficer: a.leadOfficer, timescale: a.timescale, update: a.update, progress: a.progress ?? a.progressRaw });
    }
  }
  actions.sort((a, b) => propOrder.get(a.proposal)! - propOrder.get(b.proposal)! || byCodePoint(a.partnership, b.partnership));

  return {
    template: template.id,
    round,
    scale: template.scale.map((s) => ({ level: s.level, label: s.label })),
    coverage: selection.coverage,
    returns: [
      ...selection.returns.map((s) => ({
      file: s.ret.file,
      partnership: s.ret.partnership,
      status: s.ret.status,
      used: s.used,
      format: s.ret.format,
      template: s.ret.template,
      completedOn: s.ret.completedOn,
      errors: s.errors,
      warnings: s.warnings,
    })),
      // Files that could not be read at all still get a row, so nothing disappears from the record.
      ...results
        .filter((r) => r.return === null)
        .map((r) => ({ file: r.file, partnership: null, status: '', used: false, format: '', template: '', completedOn: null, errors: r.diagnostics.filter((d) => d.severity === 'error').length, warnings: r.diagnostics.filter((d) => d.severity === 'warning').length }))
        .sort((a, b) => byCodePoint(a.file, b.file)),
    ],
    ratings,
    proposals,
    keyFeatures,
    partnerships,
    boards,
    withinPartnerships,
    bodySummaries,
    highlights,
    actions,
    diagnostics: selection.diagnostics,
    thinEvidenceWords: thin,
  };
}
