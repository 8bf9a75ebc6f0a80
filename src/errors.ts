/**
 * A problem with how selfeval was called (a bad option, an unreadable --template
 * file): the CLI prints the message and exits 2.
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Exit codes, per CONVENTIONS. */
export const EXIT = { ok: 0, inputErrors: 1, usage: 2 } as const;
