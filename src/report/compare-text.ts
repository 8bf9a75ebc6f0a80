import Table from 'cli-table3';
import type { ChalkInstance } from 'chalk';
import type { Comparison, PairedTest } from '../analysis/compare.js';
import { levelBars } from './analyse-text.js';
import { fmtStat } from './csv.js';

/** A movement with its sign and 2 decimals: +0.25, −0.10, 0.00. */
export function fmtMovement(x: number | null): string {
  if (x === null) return '';
  const s = x.toFixed(2);
  if (s === '0.00' || s === '-0.00') return '0.00';
  return x > 0 ? `+${s}` : s;
}

/** p for reading, not for computing: 4 decimals, "<0.0001" below that. */
export function fmtP(p: number | null): string {
  if (p === null) return '';
  return p < 0.0001 ? '<0.0001' : fmtStat(p);
}

/** "p = 0.0317" or "p < 0.0001". */
const pIs = (p: number | null): string => (p !== null && p < 0.0001 ? 'p < 0.0001' : `p = ${fmtP(p)}`);

const METHOD: Record<NonNullable<PairedTest['wilcoxonMethod']>, string> = {
  exact: 'exact',
  normal: 'normal approximation with tie correction',
  'normal-cc': 'normal approximation with tie and continuity correction',
};

/** "sign test 20 up, 3 down, 6 unchanged, p = 0.0003; Wilcoxon signed-rank V = 250.5, p = 0.0004 (normal …)" */
export function describeTest(t: PairedTest): string {
  if (t.n === 0) return 'no units to test';
  if (t.signP === null) return `all ${t.n} unchanged: nothing to test`;
  return (
    `sign test ${t.up} up, ${t.down} down, ${t.zero} unchanged, ${pIs(t.signP)}; ` +
    `Wilcoxon signed-rank V = ${t.wilcoxonV}, ${pIs(t.wilcoxonP)} (${t.wilcoxonMethod ? METHOD[t.wilcoxonMethod] : ''})`
  );
}

/** The terminal summary of `selfeval compare`. */
export function renderComparison(c: Comparison, counts: { errors: number; warnings: number; infos: number }, ch: ChalkInstance): string {
  const out: string[] = [];
  const { baseline: rb, repeat: ra } = c.rounds;
  const cov = c.coverage;
  const tpl = c.templates.baseline === c.templates.repeat ? `template ${c.templates.baseline}` : `templates ${c.templates.baseline} and ${c.templates.repeat}`;
  out.push(ch.bold(`MSG self-evaluation: change from ${rb} to ${ra} (${tpl})`));
  const side = (s: Comparison['coverage']['baseline']) => `${s.round}: ${s.returned} of ${cov.expected} partnerships${s.drafts ? ` (${s.drafts} draft${s.drafts === 1 ? '' : 's'})` : ''}`;
  out.push(`Coverage: ${side(cov.baseline)}; ${side(cov.repeat)}; ${cov.both} in both rounds.`);
  if (cov.onlyBaseline.length) out.push(ch.yellow(`  In ${rb} only (not compared): ${cov.onlyBaseline.join(', ')}.`));
  if (cov.onlyRepeat.length) out.push(ch.yellow(`  In ${ra} only (not compared): ${cov.onlyRepeat.join(', ')}.`));
  if (cov.proposalsOnlyBaseline.length) out.push(ch.yellow(`  Proposals rated in ${rb} only: ${cov.proposalsOnlyBaseline.join(', ')}.`));
  if (cov.proposalsOnlyRepeat.length) out.push(ch.yellow(`  Proposals rated in ${ra} only: ${cov.proposalsOnlyRepeat.join(', ')}.`));

  const n = c.national;
  const m = n.movement;
  if (m.pairs) {
    out.push(
      `Headline: of ${m.pairs} overall ratings given in both rounds by ${n.test.n} partnerships, ${m.improved} improved, ${m.same} stayed the same and ${m.declined} declined; ` +
        `mean movement ${fmtMovement(m.meanMovement)} levels (mean level ${fmtStat(m.before.mean).slice(0, 4)} → ${fmtStat(m.after.mean).slice(0, 4)}).`,
    );
    out.push(`Partnerships' mean movement: ${describeTest(n.test)}.`);
  } else {
    out.push(ch.yellow('Headline: no overall rating was given in both rounds, so there is no change to report.'));
  }
  out.push('');

  const table = new Table({
    head: ['Proposal', 'n', rb, ra, 'Up', 'Same', 'Down', 'Mean', 'Consensus', 'Sign p', 'Wilcoxon p'],
    style: { head: [], border: [], compact: true },
    colAligns: ['left', 'right', 'left', 'left', 'right', 'right', 'right', 'right', 'left', 'right', 'right'],
  });
  for (const p of c.proposals.filter((x) => x.respondent === 'overall')) {
    const mv = p.movement;
    const cons = mv.pairs ? `${fmtStat(mv.consensus.tastleWiermanBefore).slice(0, 4)} → ${fmtStat(mv.consensus.tastleWiermanAfter).slice(0, 4)}` : '';
    const wp = p.test.wilcoxonP === null ? '' : `${fmtP(p.test.wilcoxonP)}${p.test.wilcoxonMethod === 'exact' ? ' (exact)' : ''}`;
    table.push([
      p.proposal,
      String(mv.pairs),
      levelBars(mv.before.counts),
      levelBars(mv.after.counts),
      String(mv.improved),
      String(mv.same),
      mv.declined ? ch.yellow(String(mv.declined)) : '0',
      fmtMovement(mv.meanMovement),
      cons,
      fmtP(p.test.signP),
      wp,
    ]);
  }
  out.push(table.toString());
  const levels = c.scale.map((s) => s.label).join(', ');
  out.push(
    ch.dim(
      `n: partnerships rated in both rounds; bars: their levels (${levels}) in each round; Mean: mean movement in levels; ` +
        `Consensus: Tastle–Wierman before → after; p: two-sided, across partnerships (Wilcoxon: normal approximation with tie and continuity correction unless marked exact).`,
    ),
  );
  out.push('');

  out.push(ch.bold('Partnerships that moved most (mean movement over the proposals rated in both rounds)'));
  const list = (items: Comparison['highlights']['movedUp']) => (items.length ? items.map((x) => `${x.partnership} (${fmtMovement(x.meanMovement)}, net ${x.netMovement > 0 ? '+' : ''}${x.netMovement} over ${x.pairs})`).join('; ') : 'none');
  out.push(`- Up: ${list(c.highlights.movedUp)}`);
  out.push(`- Down: ${list(c.highlights.movedDown)}`);
  out.push('');
  out.push(
    `Diagnostics: ${counts.errors ? ch.red(`${counts.errors} error(s)`) : '0 errors'}, ${counts.warnings ? ch.yellow(`${counts.warnings} warning(s)`) : '0 warnings'}, ${counts.infos} info (see them with --format json, or run "selfeval validate" on each round).`,
  );
  return out.join('\n') + '\n';
}
