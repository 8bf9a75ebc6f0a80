import Table from 'cli-table3';
import type { ChalkInstance } from 'chalk';
import type { Analysis } from '../analysis/analyse.js';
import { fmtPct, fmtStat } from './csv.js';

const BARS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/** A small bar per level: heights scaled to the largest count (a blank for zero). */
export function levelBars(counts: readonly number[]): string {
  const max = Math.max(...counts, 0);
  return counts.map((c) => (c === 0 || max === 0 ? ' ' : BARS[Math.max(0, Math.ceil((c / max) * BARS.length) - 1)]!)).join('');
}

/** The one-page terminal summary of `selfeval analyse`. */
export function renderAnalysis(a: Analysis, counts: { errors: number; warnings: number; infos: number }, c: ChalkInstance): string {
  const out: string[] = [];
  const cov = a.coverage;
  out.push(c.bold(`MSG self-evaluation, round ${a.round} (template ${a.template})`));
  out.push(
    `Coverage: ${cov.returned} of ${cov.expected} partnerships returned` +
      (cov.drafts ? `, ${cov.drafts} as draft only (${cov.draftPartnerships.join(', ')})` : '') +
      (cov.missing.length ? `; ${c.yellow(`missing: ${cov.missing.join(', ')}`)}` : '; none missing') +
      '.',
  );
  const national = a.keyFeatures.find((k) => k.keyFeature === 'all' && k.respondent === 'overall');
  if (national && national.distribution.n) {
    const d = national.distribution;
    const parts = a.scale.map((s, i) => `${fmtPct(d.percent[i])}% ${s.label}`);
    out.push(`Headline: of ${d.n} local ratings, ${parts.join(', ')}; mean level ${fmtStat(d.mean).slice(0, 4)}${d.notRated ? `; ${d.notRated} not rated` : ''}.`);
  }
  out.push('');
  const initials = a.scale.map((s) => s.label.split(/\s+/).map((w) => w[0]!.toUpperCase()).join(''));
  // "Established" and "Exemplary" share an initial: fall back to the label's first letters.
  const abbrev = initials.map((x, i) => (initials.indexOf(x) !== initials.lastIndexOf(x) ? a.scale[i]!.label.slice(0, 3) : x));
  const table = new Table({
    head: ['Proposal', 'n', ...abbrev, 'NR', 'Bars', 'Mean', 'Consensus', 'Agreement'],
    style: { head: [], border: [], compact: true },
    colAligns: ['left', 'right', ...a.scale.map(() => 'right' as const), 'right', 'left', 'right', 'right', 'right'],
  });
  for (const p of a.proposals.filter((x) => x.respondent === 'overall')) {
    const d = p.distribution;
    table.push([p.proposal, String(d.n), ...d.counts.map(String), d.notRated ? c.yellow(String(d.notRated)) : '0', levelBars(d.counts), fmtStat(d.mean).slice(0, 4), fmtStat(p.agreement.tastleWierman).slice(0, 4), fmtStat(p.agreement.vanDerEijkA).slice(0, 5)]);
  }
  out.push(table.toString());
  out.push(c.dim(`${abbrev.map((x, i) => `${x} ${a.scale[i]!.label}`).join(', ')}; NR not rated. Consensus: Tastle–Wierman (1 = all in one level); Agreement: van der Eijk's A (1 agreement, 0 uniform, −1 polarised).`));
  out.push('');
  const h = a.highlights;
  out.push(c.bold('Highlights (to be read, not judged)'));
  const list = <T>(title: string, items: T[], show: (x: T) => string, limit = 5) =>
    out.push(`- ${title}: ${items.length ? items.slice(0, limit).map(show).join('; ') + (items.length > limit ? `; and ${items.length - limit} more` : '') : 'none'}`);
  list('Most Exemplary ratings', h.mostExemplary, (x) => `${x.partnership} (${x.exemplary})`);
  list('Most often at Not yet / Partly established', h.mostChallenged, (x) => `${x.partnership} (${x.atOrBelowPartly} of ${x.rated})`);
  list('Proposals where most partnerships are at Partly established or below', h.hardProposals, (x) => `${x.proposal} (${x.atOrBelowPartly} of ${x.rated})`, 8);
  list('Lowest consensus', h.lowestConsensus, (x) => `${x.proposal} (${fmtStat(x.tastleWierman).slice(0, 4)})`);
  list('Ratings with no evidence', h.noEvidence, (x) => `${x.partnership} ${x.proposal}`);
  list(`Exemplary with thin evidence (< ${a.thinEvidenceWords} words)`, h.thinExemplary, (x) => `${x.partnership} ${x.proposal} (${x.evidenceWords} words)`);
  const bodies = a.bodySummaries.find((b) => b.scope === 'national');
  if (bodies) {
    out.push(
      `- Partner bodies: ${bodies.units} proposal ratings by several bodies, ${bodies.disagree} disagree; Krippendorff's ordinal alpha ${fmtStat(bodies.krippendorffOrdinal) || 'n/a (too few units)'}.`,
    );
  }
  out.push('');
  out.push(`Diagnostics: ${counts.errors ? c.red(`${counts.errors} error(s)`) : '0 errors'}, ${counts.warnings ? c.yellow(`${counts.warnings} warning(s)`) : '0 warnings'}, ${counts.infos} info (write them with --out, or run "selfeval validate").`);
  return out.join('\n') + '\n';
}
