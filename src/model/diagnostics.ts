import { DIAGNOSTIC_CODES, type DiagnosticCode } from './diagnostic-codes.js';
import type { Diagnostic } from './schema.js';

/** Builds a diagnostic whose severity is the one its code is documented with. */
export function diagnostic(
  file: string,
  code: DiagnosticCode,
  location: string,
  message: string,
  proposal = '',
): Diagnostic {
  return { file, location, severity: DIAGNOSTIC_CODES[code].severity, code, proposal, message };
}

/**
 * A failure that makes a whole file unusable. Readers throw it; the batch
 * reader turns it into an error diagnostic for that file and carries on.
 */
export class ReadError extends Error {
  constructor(
    readonly code: DiagnosticCode,
    message: string,
    readonly location = '',
  ) {
    super(message);
    this.name = 'ReadError';
  }
}

const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const;

/** Severity counts, for summaries and exit codes. */
export function countSeverities(diags: readonly Diagnostic[]): { errors: number; warnings: number; infos: number } {
  let errors = 0, warnings = 0, infos = 0;
  for (const d of diags) {
    if (d.severity === 'error') errors++;
    else if (d.severity === 'warning') warnings++;
    else infos++;
  }
  return { errors, warnings, infos };
}

export { SEVERITY_RANK };
