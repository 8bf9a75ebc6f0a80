import { diagnostic } from '../model/diagnostics.js';
import { byCodePoint } from '../model/order.js';
import type { Diagnostic, Respondent } from '../model/schema.js';
import { RESPONDENT_ORDER } from '../model/schema.js';
import { PARTNERSHIPS } from '../reference/partnerships.js';
import type { Template } from '../template/schema.js';
import { agreementOf, distributionOf, type Distribution } from './analyse.js';
import { mean, signTest, wilcoxonSignedRank } from './statistics.js';

/**
 * Change between two rounds of returns: a pure function of the two sides' used
 * rating rows and their templates. A side is the same whether it was read from the
 * documents or from an archived ratings.csv, so the result (and every output made
 * from it) is too.
 *
 * Paired tests never pool partnership × proposal pairs, which are not independent
 * (one partnership's 22 ratings move together): per proposal the units are the
 * partnerships rated in both rounds; per key feature and nationally they are each
 * partnership's mean movement over the proposals it rated in both rounds.
 */

/** One used rating of one round, as ratings.csv holds it (normalised: canonical partnership). */
export type CompareRating = {
  partnership: string;
  proposal: string;
  respondent: Respondent;
  body: string;
  /** Status of the return the rating comes from: final or draft. */
  status: string;
  rating: string;
  level: number | null;
  modifier: string | null;
  flags: readonly string[];
  /** Where the rating came from (for diagnostics only; never in outputs or the digest). */
  file: string;
};

export type CompareSide = {
  round: string;
  template: Template;
  ratings: readonly CompareRating[];
};

/** A paired test of "no change" on one set of independent units. */
export type PairedTest = {
  /** What each unit is: a partnership's rating of the proposal, or a partnership's mean movement. */
  unit: 'pair' | 'partnership_mean';
  /** Units in the test (zero movements included). */
  n: number;
  up: number;
  down: number;
  zero: number;
  /** Exact two-sided sign test (R's binom.test(up, up + down)); null when every unit is zero. */
  signP: number | null;
  /** V = T⁺ (R's statistic); null when every unit is zero. */
  wilcoxonV: number | null;
  wilcoxonP: number | null;
  /** 'exact' (n < 50, no ties, no zeros) or 'normal-cc' (normal approximation with tie and continuity correction). */
  wilcoxonMethod: 'exact' | 'normal' | 'normal-cc' | null;
};

export type Consensus = {
  tastleWiermanBefore: number | null;
  tastleWiermanAfter: number | null;
  tastleWiermanChange: number | null;
  vanDerEijkABefore: number | null;
  vanDerEijkAAfter: number | null;
  vanDerEijkAChange: number | null;
};

/** How many pairs moved which way, and by how much in all. */
export type MovementCounts = {
  pairs: number;
  improved: number;
  same: number;
  declined: number;
  /** Levels gained minus levels lost (the sum of the movements). */
  netMovement: number;
  meanMovement: number | null;
};

/** Movement over a set of pairs (ratings present and rated in both rounds). */
export type Movement = MovementCounts & {
  /** Distributions of the paired ratings only, before and after. */
  before: Distribution;
  after: Distribution;
  /** transitions[i][j]: pairs at level i + 1 before and j + 1 after. */
  transitions: number[][];
  consensus: Consensus;
};

export type Change = {
  partnership: string;
  proposal: string;
  keyFeature: number;
  respondent: Respondent;
  body: string;
  before: CompareRating | null;
  after: CompareRating | null;
  levelBefore: number | null;
  levelAfter: number | null;
  /** after − before, −(K−1)..K−1; null unless rated in both rounds. */
  movement: number | null;
  flags: string[];
};

export type ProposalChange = {
  proposal: string;
  keyFeature: number;
  respondent: Respondent;
  /** Keys (partnership × body) present in either round. */
  units: number;
  /** Keys present in one round only, or not rated in one. */
  notPaired: number;
  movement: Movement;
  test: PairedTest;
};

export type KeyFeatureChange = {
  keyFeature: number | 'all';
  title: string;
  movement: Movement;
  /** Over each partnership's mean movement on this key feature's proposals. */
  test: PairedTest;
};

export type PartnershipChange = MovementCounts & {
  partnership: string;
  healthBoard: string;
  inBaseline: boolean;
  inRepeat: boolean;
  statusBefore: string;
  statusAfter: string;
  meanBefore: number | null;
  meanAfter: number | null;
};

export type SideCoverage = { round: string; template: string; returned: number; drafts: number; draftPartnerships: string[]; missing: string[]; ratings: number };

export type Comparison = {
  rounds: { baseline: string; repeat: string };
  templates: { baseline: string; repeat: string };
  scale: { level: number; label: string }[];
  coverage: {
    expected: number;
    baseline: SideCoverage;
    repeat: SideCoverage;
    both: number;
    onlyBaseline: string[];
    onlyRepeat: string[];
    proposalsOnlyBaseline: string[];
    proposalsOnlyRepeat: string[];
  };
  changes: Change[];
  proposals: ProposalChange[];
  keyFeatures: KeyFeatureChange[];
  partnerships: PartnershipChange[];
  /** The national row of keyFeatures (overall ratings, every local proposal). */
  national: KeyFeatureChange;
  highlights: {
    movedUp: { partnership: string; meanMovement: number; netMovement: number; pairs: number }[];
    movedDown: { partnership: string; meanMovement: number; netMovement: number; pairs: number }[];
  };
  diagnostics: Diagnostic[];
};

/** Sign test and Wilcoxon signed-rank (R's conventions) on one set of differences. */
export function pairedTest(d: readonly number[], unit: PairedTest['unit']): PairedTest {
  const s = signTest(d);
  const w = wilcoxonSignedRank(d);
  const any = s.n > 0;
  return {
    unit,
    n: d.length,
    up: s.positive,
    down: s.negative,
    zero: s.zeros,
    signP: s.p,
    wilcoxonV: any ? w.V : null,
    wilcoxonP: any ? w.p : null,
    wilcoxonMethod: any ? w.method : null,
  };
}

const sub = (a: number | null, b: number | null): number | null => (a === null || b === null ? null : a - b);

/** Counts, transitions, paired distributions and consensus over pairs of levels. */
export function movementOf(pairs: readonly (readonly [number, number])[], K: number): Movement {
  const transitions = Array.from({ length: K }, () => new Array<number>(K).fill(0));
  let improved = 0, same = 0, declined = 0, net = 0;
  for (const [b, a] of pairs) {
    transitions[b - 1]![a - 1]!++;
    const m = a - b;
    net += m;
    if (m > 0) improved++;
    else if (m < 0) declined++;
    else same++;
  }
  const before = distributionOf(pairs.map((p) => p[0]), K);
  const after = distributionOf(pairs.map((p) => p[1]), K);
  const ab = agreementOf(before.counts);
  const aa = agreementOf(after.counts);
  return {
    pairs: pairs.length,
    improved,
    same,
    declined,
    netMovement: net,
    meanMovement: pairs.length ? net / pairs.length : null,
    before,
    after,
    transitions,
    consensus: {
      tastleWiermanBefore: ab.tastleWierman,
      tastleWiermanAfter: aa.tastleWierman,
      tastleWiermanChange: sub(aa.tastleWierman, ab.tastleWierman),
      vanDerEijkABefore: ab.vanDerEijkA,
      vanDerEijkAAfter: aa.vanDerEijkA,
      vanDerEijkAChange: sub(aa.vanDerEijkA, ab.vanDerEijkA),
    },
  };
}

const RESPONDENT_NAME: Record<Respondent, string> = { overall: 'overall rating', ijb: 'IJB', council: 'council', health_board: 'health board' };

const keyOf = (r: { partnership: string; proposal: string; respondent: Respondent; body: string }) => `${r.partnership}\u0000${r.proposal}\u0000${r.respondent}\u0000${r.body}`;

/**
 * Compares a baseline and a repeat round. Each side's ratings are its used returns'
 * rows (one return per partnership); rows of proposals that are not for local
 * completion in that side's template are ignored. `sources` names each side for
 * diagnostics about a whole round (the folder or ratings.csv given).
 */
export function compareRounds(baseline: CompareSide, repeat: CompareSide, sources: { baseline: string; repeat: string } = { baseline: '', repeat: '' }): Comparison {
  const K = baseline.template.scale.length;
  if (repeat.template.scale.length !== K) throw new RangeError(`compareRounds: the templates have ${K} and ${repeat.template.scale.length} levels`);

  // --- proposals: baseline template order, then any the repeat template adds -----------------
  const localB = baseline.template.proposals.filter((p) => p.localCompletion);
  const localR = repeat.template.proposals.filter((p) => p.localCompletion);
  const idsB = new Set(localB.map((p) => p.id));
  const idsR = new Set(localR.map((p) => p.id));
  const proposalList = [...localB, ...localR.filter((p) => !idsB.has(p.id))];
  const propRank = new Map(proposalList.map((p, i) => [p.id, i]));
  const kfOf = new Map(proposalList.map((p) => [p.id, p.keyFeature]));
  const keyFeatureList = [...baseline.template.keyFeatures, ...repeat.template.keyFeatures.filter((k) => !baseline.template.keyFeatures.some((b) => b.number === k.number))].sort((a, b) => a.number - b.number);

  const before = baseline.ratings.filter((r) => idsB.has(r.proposal));
  const after = repeat.ratings.filter((r) => idsR.has(r.proposal));
  const byKeyB = new Map(before.map((r) => [keyOf(r), r]));
  const byKeyA = new Map(after.map((r) => [keyOf(r), r]));

  const partnersB = new Map<string, string>();
  for (const r of before) if (!partnersB.has(r.partnership)) partnersB.set(r.partnership, r.status);
  const partnersA = new Map<string, string>();
  for (const r of after) if (!partnersA.has(r.partnership)) partnersA.set(r.partnership, r.status);

  // --- changes: every key of either round -----------------------------------------------------
  const keys = new Map<string, { partnership: string; proposal: string; respondent: Respondent; body: string }>();
  for (const r of [...before, ...after]) {
    const k = keyOf(r);
    if (!keys.has(k)) keys.set(k, { partnership: r.partnership, proposal: r.proposal, respondent: r.respondent, body: r.body });
  }
  const changes: Change[] = [...keys.entries()].map(([k, key]) => {
    const b = byKeyB.get(k) ?? null;
    const a = byKeyA.get(k) ?? null;
    const lb = b?.level ?? null;
    const la = a?.level ?? null;
    const flags: string[] = [];
    if (!a) flags.push('only_baseline');
    if (!b) flags.push('only_repeat');
    if (b && lb === null) flags.push('not_rated_before');
    if (a && la === null) flags.push('not_rated_after');
    if (b?.status === 'draft') flags.push('draft_before');
    if (a?.status === 'draft') flags.push('draft_after');
    if (lb !== null && la !== null && lb === la && (b?.modifier ?? null) !== (a?.modifier ?? null)) flags.push('modifier_changed');
    for (const f of [...(b?.flags ?? [])].sort(byCodePoint)) flags.push(`before_${f}`);
    for (const f of [...(a?.flags ?? [])].sort(byCodePoint)) flags.push(`after_${f}`);
    return {
      ...key,
      keyFeature: kfOf.get(key.proposal) ?? 0,
      before: b,
      after: a,
      levelBefore: lb,
      levelAfter: la,
      movement: lb !== null && la !== null ? la - lb : null,
      flags,
    };
  });
  changes.sort(
    (x, y) =>
      propRank.get(x.proposal)! - propRank.get(y.proposal)! ||
      byCodePoint(x.partnership, y.partnership) ||
      RESPONDENT_ORDER.indexOf(x.respondent) - RESPONDENT_ORDER.indexOf(y.respondent) ||
      byCodePoint(x.body, y.body),
  );
  const pairOf = (c: Change): [number, number] => [c.levelBefore!, c.levelAfter!];
  const paired = changes.filter((c) => c.movement !== null);

  // --- per proposal × respondent ----------------------------------------------------------------
  const proposals: ProposalChange[] = [];
  for (const p of proposalList) {
    for (const resp of RESPONDENT_ORDER) {
      const units = changes.filter((c) => c.proposal === p.id && c.respondent === resp);
      const pairs = units.filter((c) => c.movement !== null);
      // Partner bodies get a row only where some body rated the proposal in both rounds.
      if (resp !== 'overall' && pairs.length === 0) continue;
      proposals.push({
        proposal: p.id,
        keyFeature: p.keyFeature,
        respondent: resp,
        units: units.length,
        notPaired: units.length - pairs.length,
        movement: movementOf(pairs.map(pairOf), K),
        test: pairedTest(pairs.map((c) => c.movement!), 'pair'),
      });
    }
  }

  // --- per key feature and national: tests on partnership means -------------------------------
  const overallPairs = paired.filter((c) => c.respondent === 'overall');
  const groupChange = (keyFeature: number | 'all', title: string): KeyFeatureChange => {
    const pairs = overallPairs.filter((c) => keyFeature === 'all' || c.keyFeature === keyFeature);
    const byPartnership = new Map<string, number[]>();
    for (const c of pairs) byPartnership.set(c.partnership, [...(byPartnership.get(c.partnership) ?? []), c.movement!]);
    const means = [...byPartnership.entries()].sort((a, b) => byCodePoint(a[0], b[0])).map(([, ms]) => mean(ms)!);
    return { keyFeature, title, movement: movementOf(pairs.map(pairOf), K), test: pairedTest(means, 'partnership_mean') };
  };
  const keyFeatures = keyFeatureList.map((k) => groupChange(k.number, k.title));
  const national = groupChange('all', 'All local proposals');
  keyFeatures.push(national);

  // --- per partnership ------------------------------------------------------------------------------
  const boardOf = new Map(PARTNERSHIPS.map((p) => [p.name, p.healthBoard]));
  const allPartners = [...new Set([...partnersB.keys(), ...partnersA.keys()])].sort(byCodePoint);
  const partnerships: PartnershipChange[] = allPartners.map((name) => {
    const mine = overallPairs.filter((c) => c.partnership === name);
    const m = movementOf(mine.map(pairOf), K);
    return {
      partnership: name,
      healthBoard: boardOf.get(name) ?? '',
      inBaseline: partnersB.has(name),
      inRepeat: partnersA.has(name),
      statusBefore: partnersB.get(name) ?? '',
      statusAfter: partnersA.get(name) ?? '',
      pairs: m.pairs,
      improved: m.improved,
      same: m.same,
      declined: m.declined,
      netMovement: m.netMovement,
      meanMovement: m.meanMovement,
      meanBefore: m.before.mean,
      meanAfter: m.after.mean,
    };
  });
  const moved = partnerships.filter((p) => p.meanMovement !== null).map((p) => ({ partnership: p.partnership, meanMovement: p.meanMovement!, netMovement: p.netMovement, pairs: p.pairs }));
  const highlights: Comparison['highlights'] = {
    movedUp: moved
      .filter((p) => p.meanMovement > 0)
      .sort((a, b) => b.meanMovement - a.meanMovement || b.netMovement - a.netMovement || byCodePoint(a.partnership, b.partnership))
      .slice(0, 5),
    movedDown: moved
      .filter((p) => p.meanMovement < 0)
      .sort((a, b) => a.meanMovement - b.meanMovement || a.netMovement - b.netMovement || byCodePoint(a.partnership, b.partnership))
      .slice(0, 5),
  };

  // --- coverage and diagnostics -----------------------------------------------------------------------
  const names = PARTNERSHIPS.map((p) => p.name);
  const sideCoverage = (side: CompareSide, partners: Map<string, string>, rows: readonly CompareRating[]): SideCoverage => {
    const draftPartnerships = [...partners.entries()].filter(([, s]) => s === 'draft').map(([n]) => n).sort(byCodePoint);
    return {
      round: side.round,
      template: side.template.id,
      returned: partners.size,
      drafts: draftPartnerships.length,
      draftPartnerships,
      missing: names.filter((n) => !partners.has(n)).sort(byCodePoint),
      ratings: rows.length,
    };
  };
  const onlyBaseline = allPartners.filter((p) => !partnersA.has(p));
  const onlyRepeat = allPartners.filter((p) => !partnersB.has(p));
  const ratedB = new Set(before.map((r) => r.proposal));
  const ratedA = new Set(after.map((r) => r.proposal));
  const proposalsOnlyBaseline = proposalList.filter((p) => ratedB.has(p.id) && !ratedA.has(p.id)).map((p) => p.id);
  const proposalsOnlyRepeat = proposalList.filter((p) => ratedA.has(p.id) && !ratedB.has(p.id)).map((p) => p.id);

  const diags: Diagnostic[] = [];
  const rb = baseline.round;
  const ra = repeat.round;
  for (const p of onlyBaseline) {
    const file = before.find((r) => r.partnership === p)?.file ?? sources.baseline;
    diags.push(diagnostic(file, 'ROUND_ONLY_BASELINE', `partnership ${p}`, `${p} has a ${rb} return but none in ${ra}: its ${rb} ratings are listed in changes.csv with the ${ra} side empty and left out of the paired tests. If its ${ra} return exists, add it to the ${ra} inputs.`));
  }
  for (const p of onlyRepeat) {
    const file = after.find((r) => r.partnership === p)?.file ?? sources.repeat;
    diags.push(diagnostic(file, 'ROUND_ONLY_REPEAT', `partnership ${p}`, `${p} has a ${ra} return but none in ${rb}: its ${ra} ratings are listed in changes.csv with the ${rb} side empty and left out of the paired tests. If its ${rb} return exists, add it to the ${rb} inputs.`));
  }
  for (const id of proposalsOnlyBaseline)
    diags.push(diagnostic(sources.baseline, 'ROUND_ONLY_BASELINE', `proposal ${id}`, `Proposal ${id} is rated in ${rb} but not in ${ra}${idsR.has(id) ? '' : ` (the ${ra} template, ${repeat.template.id}, has no local proposal ${id})`}: it has no paired change.`, id));
  for (const id of proposalsOnlyRepeat)
    diags.push(diagnostic(sources.repeat, 'ROUND_ONLY_REPEAT', `proposal ${id}`, `Proposal ${id} is rated in ${ra} but not in ${rb}${idsB.has(id) ? '' : ` (the ${rb} template, ${baseline.template.id}, has no local proposal ${id})`}: it has no paired change.`, id));
  // Respondents (e.g. partner bodies) that a partnership in both rounds gave in one round only.
  const inBoth = (c: Change) => partnersB.has(c.partnership) && partnersA.has(c.partnership) && ratedB.has(c.proposal) && ratedA.has(c.proposal);
  const groups = new Map<string, { side: 'baseline' | 'repeat'; partnership: string; respondent: Respondent; body: string; proposals: string[]; file: string }>();
  for (const c of changes) {
    if (!inBoth(c) || (c.before && c.after)) continue;
    const side = c.before ? 'baseline' : 'repeat';
    const g = `${side}\u0000${c.partnership}\u0000${c.respondent}\u0000${c.body}`;
    const entry = groups.get(g) ?? { side, partnership: c.partnership, respondent: c.respondent, body: c.body, proposals: [], file: (c.before ?? c.after)!.file };
    entry.proposals.push(c.proposal);
    groups.set(g, entry);
  }
  for (const g of [...groups.values()].sort((x, y) => byCodePoint(x.partnership, y.partnership) || RESPONDENT_ORDER.indexOf(x.respondent) - RESPONDENT_ORDER.indexOf(y.respondent) || byCodePoint(x.body, y.body) || byCodePoint(x.side, y.side))) {
    const [has, lacks] = g.side === 'baseline' ? [rb, ra] : [ra, rb];
    const who = g.respondent === 'overall' ? 'the overall rating' : `the ${RESPONDENT_NAME[g.respondent]} rating${g.body ? ` of ${g.body}` : ''}`;
    const list = g.proposals.length > 6 ? `${g.proposals.slice(0, 6).join(', ')} and ${g.proposals.length - 6} more` : g.proposals.join(', ');
    diags.push(
      diagnostic(
        g.file,
        g.side === 'baseline' ? 'ROUND_ONLY_BASELINE' : 'ROUND_ONLY_REPEAT',
        `partnership ${g.partnership}, ${g.respondent}${g.body ? ` ${g.body}` : ''}`,
        `${g.partnership} gave ${who} in ${has} but not in ${lacks} (${g.proposals.length} proposal(s): ${list}): listed in changes.csv with the ${lacks} side empty. If the ${lacks} return names this body differently, the two cannot be matched.`,
        g.proposals.length === 1 ? g.proposals[0]! : '',
      ),
    );
  }

  return {
    rounds: { baseline: rb, repeat: ra },
    templates: { baseline: baseline.template.id, repeat: repeat.template.id },
    scale: baseline.template.scale.map((s) => ({ level: s.level, label: s.label })),
    coverage: {
      expected: names.length,
      baseline: sideCoverage(baseline, partnersB, before),
      repeat: sideCoverage(repeat, partnersA, after),
      both: allPartners.filter((p) => partnersB.has(p) && partnersA.has(p)).length,
      onlyBaseline,
      onlyRepeat,
      proposalsOnlyBaseline,
      proposalsOnlyRepeat,
    },
    changes,
    proposals,
    keyFeatures,
    partnerships,
    national,
    highlights,
    diagnostics: diags,
  };
}
