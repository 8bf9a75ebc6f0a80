import type { Analysis, Distribution } from '../analysis/analyse.js';
import type { Diagnostic } from '../model/schema.js';
import { csvChunks, fmtPct, fmtStat, yesNo, type Column } from './csv.js';

/**
 * The CSV files of `selfeval analyse --out`. Their columns are a contract with
 * the analysts' spreadsheets and scripts: each is documented in the README.
 */

const levelSlug = (label: string) => label.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');

/** Distribution columns: counts and percentages per declared level, then summaries. */
function distributionColumns<T>(scale: Analysis['scale'], get: (row: T) => Distribution): Column<T>[] {
  return [
    { name: 'n', kind: 'number', value: (r) => get(r).n },
    { name: 'not_rated', kind: 'number', value: (r) => get(r).notRated },
    ...scale.map((s, i): Column<T> => ({ name: levelSlug(s.label), kind: 'number', value: (r) => get(r).counts[i] ?? 0 })),
    ...scale.map((s, i): Column<T> => ({ name: `pct_${levelSlug(s.label)}`, kind: 'number', value: (r) => fmtPct(get(r).percent[i]) })),
    { name: 'median', kind: 'number', value: (r) => fmtStat(get(r).median) },
    { name: 'mode', kind: 'text', value: (r) => get(r).modes.join(';') },
    { name: 'mean', kind: 'number', value: (r) => fmtStat(get(r).mean) },
  ];
}

export const DIAGNOSTIC_COLUMNS: Column<Diagnostic>[] = [
  { name: 'file', kind: 'text', value: (d) => d.file },
  { name: 'location', kind: 'text', value: (d) => d.location },
  { name: 'severity', kind: 'text', value: (d) => d.severity },
  { name: 'code', kind: 'text', value: (d) => d.code },
  { name: 'proposal', kind: 'text', value: (d) => d.proposal },
  { name: 'message', kind: 'text', value: (d) => d.message },
];

export function analysisCsvFiles(a: Analysis, diagnostics: readonly Diagnostic[], opts: { bom?: boolean } = {}): { name: string; content: Iterable<string> }[] {
  // Lazy: each file's text is produced while it is written, in batches of rows.
  const csv = <T>(name: string, cols: Column<T>[], rows: readonly T[]) => ({ name, content: { [Symbol.iterator]: () => csvChunks(cols, rows, opts) } });
  const round = (): string => a.round;
  type R = Analysis['ratings'][number];
  return [
    csv<R>('ratings.csv', [
      { name: 'round', kind: 'text', value: round },
      { name: 'file', kind: 'text', value: (r) => r.file },
      { name: 'partnership', kind: 'text', value: (r) => r.partnership },
      { name: 'status', kind: 'text', value: (r) => r.status },
      { name: 'used', kind: 'text', value: (r) => yesNo(r.used) },
      { name: 'key_feature', kind: 'number', value: (r) => r.keyFeature },
      { name: 'proposal', kind: 'text', value: (r) => r.proposal },
      { name: 'respondent', kind: 'text', value: (r) => r.respondent },
      { name: 'body', kind: 'text', value: (r) => r.body },
      { name: 'rating', kind: 'text', value: (r) => r.rating },
      { name: 'level', kind: 'number', value: (r) => r.level },
      { name: 'modifier', kind: 'text', value: (r) => r.modifier },
      { name: 'flags', kind: 'text', value: (r) => r.flags.join(';') },
      { name: 'evidence_words', kind: 'number', value: (r) => r.evidenceWords },
      { name: 'improvement_action', kind: 'text', value: (r) => r.improvementAction },
    ], a.ratings),
    csv('returns.csv', [
      { name: 'file', kind: 'text', value: (r) => r.file },
      { name: 'partnership', kind: 'text', value: (r) => r.partnership },
      { name: 'status', kind: 'text', value: (r) => r.status },
      { name: 'used', kind: 'text', value: (r) => yesNo(r.used) },
      { name: 'format', kind: 'text', value: (r) => r.format },
      { name: 'template', kind: 'text', value: (r) => r.template },
      { name: 'completed_on', kind: 'text', value: (r) => r.completedOn },
      { name: 'errors', kind: 'number', value: (r) => r.errors },
      { name: 'warnings', kind: 'number', value: (r) => r.warnings },
    ] as Column<Analysis['returns'][number]>[], a.returns),
    csv('diagnostics.csv', DIAGNOSTIC_COLUMNS, diagnostics),
    csv('distribution.csv', [
      { name: 'round', kind: 'text', value: round },
      { name: 'key_feature', kind: 'number', value: (r) => r.keyFeature },
      { name: 'proposal', kind: 'text', value: (r) => r.proposal },
      { name: 'respondent', kind: 'text', value: (r) => r.respondent },
      ...distributionColumns<Analysis['proposals'][number]>(a.scale, (r) => r.distribution),
    ] as Column<Analysis['proposals'][number]>[], a.proposals),
    csv('key_features.csv', [
      { name: 'round', kind: 'text', value: round },
      { name: 'key_feature', kind: 'text', value: (r) => String(r.keyFeature) },
      { name: 'title', kind: 'text', value: (r) => r.title },
      { name: 'respondent', kind: 'text', value: (r) => r.respondent },
      ...distributionColumns<Analysis['keyFeatures'][number]>(a.scale, (r) => r.distribution),
    ] as Column<Analysis['keyFeatures'][number]>[], a.keyFeatures),
    csv('partnerships.csv', [
      { name: 'round', kind: 'text', value: round },
      { name: 'partnership', kind: 'text', value: (r) => r.partnership },
      { name: 'health_board', kind: 'text', value: (r) => r.healthBoard },
      { name: 'file', kind: 'text', value: (r) => r.file },
      { name: 'status', kind: 'text', value: (r) => r.status },
      { name: 'completed_on', kind: 'text', value: (r) => r.completedOn },
      ...distributionColumns<Analysis['partnerships'][number]>(a.scale, (r) => r.distribution),
    ] as Column<Analysis['partnerships'][number]>[], a.partnerships),
    csv('boards.csv', [
      { name: 'round', kind: 'text', value: round },
      { name: 'health_board', kind: 'text', value: (r) => r.healthBoard },
      { name: 'partnerships', kind: 'number', value: (r) => r.partnerships },
      ...distributionColumns<Analysis['boards'][number]>(a.scale, (r) => r.distribution),
    ] as Column<Analysis['boards'][number]>[], a.boards),
    csv('agreement.csv', [
      { name: 'round', kind: 'text', value: round },
      { name: 'key_feature', kind: 'number', value: (r) => r.keyFeature },
      { name: 'proposal', kind: 'text', value: (r) => r.proposal },
      { name: 'respondent', kind: 'text', value: (r) => r.respondent },
      { name: 'n', kind: 'number', value: (r) => r.agreement.n },
      { name: 'tastle_wierman_consensus', kind: 'number', value: (r) => fmtStat(r.agreement.tastleWierman) },
      { name: 'van_der_eijk_agreement', kind: 'number', value: (r) => fmtStat(r.agreement.vanDerEijkA) },
      { name: 'leik_dispersion', kind: 'number', value: (r) => fmtStat(r.agreement.leikD) },
      { name: 'polarization', kind: 'number', value: (r) => fmtStat(r.agreement.polarization) },
    ] as Column<Analysis['proposals'][number]>[], a.proposals),
    csv('consensus.csv', [
      { name: 'round', kind: 'text', value: round },
      { name: 'partnership', kind: 'text', value: (r) => r.partnership },
      { name: 'proposal', kind: 'text', value: (r) => r.proposal },
      { name: 'bodies', kind: 'text', value: (r) => r.bodies.map((b) => `${b.body}=${b.level === null ? 'blank' : b.label + (b.modifier === 'plus' ? ' +' : b.modifier === 'minus' ? ' -' : '')}`).join('; ') },
      { name: 'rated', kind: 'number', value: (r) => r.rated },
      { name: 'blank', kind: 'number', value: (r) => r.blank },
      { name: 'agree', kind: 'text', value: (r) => yesNo(r.agree) },
      { name: 'spread', kind: 'number', value: (r) => r.spread },
      { name: 'recorded_consensus', kind: 'text', value: (r) => yesNo(r.recordedConsensus) },
      { name: 'recorded_matches', kind: 'text', value: (r) => yesNo(r.recordedMatches) },
      { name: 'overall_level', kind: 'number', value: (r) => r.overall },
      { name: 'overall_within_bodies', kind: 'text', value: (r) => yesNo(r.overallWithinBodies) },
    ] as Column<Analysis['withinPartnerships'][number]>[], a.withinPartnerships),
    csv('bodies.csv', [
      { name: 'round', kind: 'text', value: round },
      { name: 'scope', kind: 'text', value: (r) => r.scope },
      { name: 'name', kind: 'text', value: (r) => r.name },
      { name: 'units', kind: 'number', value: (r) => r.units },
      { name: 'agree', kind: 'number', value: (r) => r.agree },
      { name: 'disagree', kind: 'number', value: (r) => r.disagree },
      { name: 'mean_spread', kind: 'number', value: (r) => fmtStat(r.meanSpread) },
      { name: 'mean_ijb', kind: 'number', value: (r) => fmtStat(r.meanByRespondent.ijb) },
      { name: 'mean_council', kind: 'number', value: (r) => fmtStat(r.meanByRespondent.council) },
      { name: 'mean_health_board', kind: 'number', value: (r) => fmtStat(r.meanByRespondent.health_board) },
      { name: 'higher_body', kind: 'text', value: (r) => r.higher },
      { name: 'krippendorff_alpha_ordinal', kind: 'number', value: (r) => fmtStat(r.krippendorffOrdinal) },
    ] as Column<Analysis['bodySummaries'][number]>[], a.bodySummaries),
    csv<R>('evidence.csv', [
      { name: 'round', kind: 'text', value: round },
      { name: 'partnership', kind: 'text', value: (r) => r.partnership },
      { name: 'proposal', kind: 'text', value: (r) => r.proposal },
      { name: 'respondent', kind: 'text', value: (r) => r.respondent },
      { name: 'rating', kind: 'text', value: (r) => r.rating },
      { name: 'evidence_words', kind: 'number', value: (r) => r.evidenceWords },
      { name: 'evidence_note', kind: 'text', value: (r) => (r.level === null ? '' : r.evidenceWords === 0 ? 'none' : r.level === a.scale.length && r.evidenceWords < a.thinEvidenceWords ? 'thin' : '') },
      { name: 'evidence', kind: 'text', value: (r) => r.evidence },
      { name: 'improvement_actions', kind: 'text', value: (r) => r.improvementAction },
    ], a.ratings.filter((r) => r.used && r.respondent === 'overall' && r.rating !== 'Not for local completion')),
    csv('actions.csv', [
      { name: 'round', kind: 'text', value: round },
      { name: 'partnership', kind: 'text', value: (r) => r.partnership },
      { name: 'proposal', kind: 'text', value: (r) => r.proposal },
      { name: 'action', kind: 'text', value: (r) => r.action },
      { name: 'lead_officer', kind: 'text', value: (r) => r.leadOfficer },
      { name: 'timescale', kind: 'text', value: (r) => r.timescale },
      { name: 'update', kind: 'text', value: (r) => r.update },
      { name: 'progress', kind: 'text', value: (r) => r.progress },
    ] as Column<Analysis['actions'][number]>[], a.actions),
  ];
}
