import Table from 'cli-table3';
import type { ChalkInstance } from 'chalk';
import type { ReadResult } from '../model/schema.js';
import type { Template } from '../template/schema.js';
import { countSeverities } from '../model/diagnostics.js';

/** One line per return: partnership, status, date and each proposal's level, grouped by key feature. */
export function renderReturnsTable(results: readonly ReadResult[], template: Template, c: ChalkInstance): string {
  const table = new Table({
    head: ['File', 'Partnership', 'Status', 'Completed', `Levels by key feature (${template.keyFeatures.map((k) => k.number).join(' | ')})`, 'Err', 'Warn'],
    style: { head: [], border: [], compact: true },
    wordWrap: false,
  });
  for (const r of results) {
    const s = countSeverities(r.diagnostics);
    const ret = r.return;
    if (!ret) {
      table.push([r.file, c.red('(not read)'), '', '', '', String(s.errors), String(s.warnings)]);
      continue;
    }
    const levels = template.keyFeatures
      .map((k) =>
        ret.proposals
          .filter((p) => template.proposals.find((q) => q.id === p.proposal)?.keyFeature === k.number)
          .map((p) => {
            const o = p.ratings.find((x) => x.respondent === 'overall')?.rating;
            if (!o || o.label === 'Not for local completion') return c.dim('·');
            if (o.level === null) return c.yellow('?');
            const mark = `${o.level}${o.modifier === 'plus' ? '+' : o.modifier === 'minus' ? '-' : ''}`;
            return o.flags.length ? c.yellow(mark) : mark;
          })
          .join(' '),
      )
      .join(c.dim(' | '));
    table.push([r.file, ret.partnership ?? c.red('(unknown)'), ret.status === 'draft' ? c.yellow('draft') : 'final', ret.completedOn ?? '', levels, s.errors ? c.red(String(s.errors)) : '0', s.warnings ? c.yellow(String(s.warnings)) : '0']);
  }
  return table.toString() + '\n' + c.dim(`Levels: 1 Not yet established, 2 Partly established, 3 Established, 4 Exemplary; + / - modifier; ? not rated; · not for local completion; yellow: flagged (see validate).`) + '\n';
}
