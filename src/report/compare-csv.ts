import type { Change, Comparison, KeyFeatureChange, Movement, PairedTest, PartnershipChange, ProposalChange } from '../analysis/compare.js';
import { fmtStat, toCsv, yesNo, type Column } from './csv.js';

/**
 * The CSV files of `selfeval compare --out`. Their columns are a contract with the
 * analysts' spreadsheets and scripts: each is documented in the README. Nothing here
 * depends on file paths or file bytes, so comparing from archived ratings.csv files
 * gives the same bytes as comparing from the documents.
 */

const levelSlug = (label: string) => label.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');

/** The paired-test columns shared by proposal_change.csv and key_feature_change.csv. */
function testColumns<T>(get: (row: T) => PairedTest): Column<T>[] {
  return [
    { name: 'test_n', kind: 'number', value: (r) => get(r).n },
    { name: 'test_up', kind: 'number', value: (r) => get(r).up },
    { name: 'test_down', kind: 'number', value: (r) => get(r).down },
    { name: 'test_zero', kind: 'number', value: (r) => get(r).zero },
    { name: 'sign_p', kind: 'number', value: (r) => fmtStat(get(r).signP) },
    { name: 'wilcoxon_v', kind: 'number', value: (r) => fmtStat(get(r).wilcoxonV) },
    { name: 'wilcoxon_p', kind: 'number', value: (r) => fmtStat(get(r).wilcoxonP) },
    { name: 'wilcoxon_method', kind: 'text', value: (r) => get(r).wilcoxonMethod },
  ];
}

/** Counts of improved / same / declined and the movement summaries. */
function movementColumns<T>(get: (row: T) => Movement): Column<T>[] {
  return [
    { name: 'pairs', kind: 'number', value: (r) => get(r).pairs },
    { name: 'improved', kind: 'number', value: (r) => get(r).improved },
    { name: 'same', kind: 'number', value: (r) => get(r).same },
    { name: 'declined', kind: 'number', value: (r) => get(r).declined },
    { name: 'net_movement', kind: 'number', value: (r) => get(r).netMovement },
    { name: 'mean_movement', kind: 'number', value: (r) => fmtStat(get(r).meanMovement) },
    { name: 'mean_before', kind: 'number', value: (r) => fmtStat(get(r).before.mean) },
    { name: 'mean_after', kind: 'number', value: (r) => fmtStat(get(r).after.mean) },
  ];
}

type TransitionRow = { keyFeature: number | 'all'; proposal: string; respondent: string; from: number; counts: number[] };

export function compareCsvFiles(c: Comparison, opts: { bom?: boolean } = {}): { name: string; content: string }[] {
  const csv = <T>(name: string, cols: Column<T>[], rows: readonly T[]) => ({ name, content: toCsv(cols, rows, opts) });
  const rounds = <T>(): Column<T>[] => [
    { name: 'round_before', kind: 'text', value: () => c.rounds.baseline },
    { name: 'round_after', kind: 'text', value: () => c.rounds.repeat },
  ];
  const slugs = c.scale.map((s) => levelSlug(s.label));

  const transitions: TransitionRow[] = [];
  const addMatrix = (keyFeature: number | 'all', proposal: string, respondent: string, m: Movement) =>
    m.transitions.forEach((counts, i) => transitions.push({ keyFeature, proposal, respondent, from: i + 1, counts }));
  for (const p of c.proposals) addMatrix(p.keyFeature, p.proposal, p.respondent, p.movement);
  addMatrix('all', 'all', 'overall', c.national.movement);

  return [
    csv<Change>('changes.csv', [
      ...rounds<Change>(),
      { name: 'partnership', kind: 'text', value: (r) => r.partnership },
      { name: 'proposal', kind: 'text', value: (r) => r.proposal },
      { name: 'respondent', kind: 'text', value: (r) => r.respondent },
      { name: 'body', kind: 'text', value: (r) => r.body },
      { name: 'level_before', kind: 'number', value: (r) => r.levelBefore },
      { name: 'level_after', kind: 'number', value: (r) => r.levelAfter },
      { name: 'movement', kind: 'number', value: (r) => r.movement },
      { name: 'flags', kind: 'text', value: (r) => r.flags.join(';') },
    ], c.changes),
    csv<TransitionRow>('transitions.csv', [
      ...rounds<TransitionRow>(),
      { name: 'key_feature', kind: 'text', value: (r) => String(r.keyFeature) },
      { name: 'proposal', kind: 'text', value: (r) => r.proposal },
      { name: 'respondent', kind: 'text', value: (r) => r.respondent },
      { name: 'level_before', kind: 'number', value: (r) => r.from },
      { name: 'rating_before', kind: 'text', value: (r) => c.scale[r.from - 1]?.label },
      ...slugs.map((s, j): Column<TransitionRow> => ({ name: `to_${s}`, kind: 'number', value: (r) => r.counts[j] ?? 0 })),
      { name: 'total', kind: 'number', value: (r) => r.counts.reduce((a, b) => a + b, 0) },
    ], transitions),
    csv<ProposalChange>('proposal_change.csv', [
      ...rounds<ProposalChange>(),
      { name: 'key_feature', kind: 'number', value: (r) => r.keyFeature },
      { name: 'proposal', kind: 'text', value: (r) => r.proposal },
      { name: 'respondent', kind: 'text', value: (r) => r.respondent },
      { name: 'units', kind: 'number', value: (r) => r.units },
      { name: 'not_paired', kind: 'number', value: (r) => r.notPaired },
      ...movementColumns<ProposalChange>((r) => r.movement),
      ...slugs.map((s, j): Column<ProposalChange> => ({ name: `before_${s}`, kind: 'number', value: (r) => r.movement.before.counts[j] ?? 0 })),
      ...slugs.map((s, j): Column<ProposalChange> => ({ name: `after_${s}`, kind: 'number', value: (r) => r.movement.after.counts[j] ?? 0 })),
      { name: 'tastle_wierman_before', kind: 'number', value: (r) => fmtStat(r.movement.consensus.tastleWiermanBefore) },
      { name: 'tastle_wierman_after', kind: 'number', value: (r) => fmtStat(r.movement.consensus.tastleWiermanAfter) },
      { name: 'tastle_wierman_change', kind: 'number', value: (r) => fmtStat(r.movement.consensus.tastleWiermanChange) },
      { name: 'van_der_eijk_a_before', kind: 'number', value: (r) => fmtStat(r.movement.consensus.vanDerEijkABefore) },
      { name: 'van_der_eijk_a_after', kind: 'number', value: (r) => fmtStat(r.movement.consensus.vanDerEijkAAfter) },
      { name: 'van_der_eijk_a_change', kind: 'number', value: (r) => fmtStat(r.movement.consensus.vanDerEijkAChange) },
      ...testColumns<ProposalChange>((r) => r.test),
    ], c.proposals),
    csv<PartnershipChange>('partnership_change.csv', [
      ...rounds<PartnershipChange>(),
      { name: 'partnership', kind: 'text', value: (r) => r.partnership },
      { name: 'health_board', kind: 'text', value: (r) => r.healthBoard },
      { name: 'in_baseline', kind: 'text', value: (r) => yesNo(r.inBaseline) },
      { name: 'in_repeat', kind: 'text', value: (r) => yesNo(r.inRepeat) },
      { name: 'status_before', kind: 'text', value: (r) => r.statusBefore },
      { name: 'status_after', kind: 'text', value: (r) => r.statusAfter },
      { name: 'pairs', kind: 'number', value: (r) => r.pairs },
      { name: 'improved', kind: 'number', value: (r) => r.improved },
      { name: 'same', kind: 'number', value: (r) => r.same },
      { name: 'declined', kind: 'number', value: (r) => r.declined },
      { name: 'net_movement', kind: 'number', value: (r) => r.netMovement },
      { name: 'mean_movement', kind: 'number', value: (r) => fmtStat(r.meanMovement) },
      { name: 'mean_before', kind: 'number', value: (r) => fmtStat(r.meanBefore) },
      { name: 'mean_after', kind: 'number', value: (r) => fmtStat(r.meanAfter) },
    ], c.partnerships),
    csv<KeyFeatureChange>('key_feature_change.csv', [
      ...rounds<KeyFeatureChange>(),
      { name: 'key_feature', kind: 'text', value: (r) => String(r.keyFeature) },
      { name: 'title', kind: 'text', value: (r) => r.title },
      ...movementColumns<KeyFeatureChange>((r) => r.movement),
      ...testColumns<KeyFeatureChange>((r) => r.test),
    ], c.keyFeatures),
  ];
}
