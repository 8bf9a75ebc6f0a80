import type { ChalkInstance } from 'chalk';
import type { Diagnostic } from '../model/schema.js';
import { compareDiagnostics } from '../model/order.js';

/** Diagnostics as a reader-friendly list grouped by file. */
export function renderDiagnostics(diags: readonly Diagnostic[], c: ChalkInstance, opts: { minSeverity?: 'error' | 'warning' | 'info' } = {}): string {
  const rank = { error: 0, warning: 1, info: 2 } as const;
  const min = rank[opts.minSeverity ?? 'info'];
  const sorted = [...diags].filter((d) => rank[d.severity] <= min).sort(compareDiagnostics);
  const out: string[] = [];
  let file = '\0';
  for (const d of sorted) {
    if (d.file !== file) {
      file = d.file;
      out.push(c.bold(file || '(run)'));
    }
    const sev = d.severity === 'error' ? c.red('error  ') : d.severity === 'warning' ? c.yellow('warning') : c.cyan('info   ');
    const where = [d.proposal && `proposal ${d.proposal}`, d.location].filter(Boolean).join(', ');
    out.push(`  ${sev} ${c.dim(d.code)}${where ? c.dim(` (${where})`) : ''}\n          ${d.message}`);
  }
  return out.length ? out.join('\n') + '\n' : '';
}

/** The errors, one line each (at most `max`), for the message on stderr: nothing that failed goes unsaid. */
export function renderErrorLines(diags: readonly Diagnostic[], max = 10, more = 'see them with --out or "selfeval validate"'): string {
  const errors = [...diags].filter((d) => d.severity === 'error').sort(compareDiagnostics);
  const lines = errors.slice(0, max).map((d) => `  error ${d.code} ${d.file}${d.location ? ` (${d.location})` : ''}: ${d.message}`);
  if (errors.length > max) lines.push(`  and ${errors.length - max} more error(s): ${more}.`);
  return lines.length ? lines.join('\n') + '\n' : '';
}

/** GitHub workflow annotations, one per diagnostic. */
export function renderGithub(diags: readonly Diagnostic[]): string {
  const esc = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const escProp = (s: string) => esc(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
  return [...diags]
    .sort(compareDiagnostics)
    .map((d) => {
      const level = d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'notice';
      const title = `${d.code}${d.proposal ? ` ${d.proposal}` : ''}`;
      return `::${level} file=${escProp(d.file)},title=${escProp(title)}::${esc(`${d.location ? d.location + ': ' : ''}${d.message}`)}\n`;
    })
    .join('');
}
