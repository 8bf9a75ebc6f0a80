import { Command, CommanderError } from 'commander';
import { UsageError, EXIT } from './errors.js';
import type { CommandResult } from './commands/result.js';
import { parseCommand } from './commands/parse.js';
import { validateCommand } from './commands/validate.js';
import { analyseCommand } from './commands/analyse.js';
import { templateCommand } from './commands/template.js';
import { compareCommand } from './commands/compare.js';

/**
 * The selfeval program: commands register themselves here; this file alone writes
 * results to stdout/stderr and sets the exit code (0 all inputs read, 1 some input
 * had an error or validation failed, 2 usage or internal failure).
 */
export function buildProgram(done: (r: CommandResult) => void): Command {
  const program = new Command('selfeval')
    .description('Read, check and analyse the MSG self-evaluation returns of the 31 health and social care partnerships.')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: (s) => process.stdout.write(s) });
  parseCommand(program, done);
  validateCommand(program, done);
  analyseCommand(program, done);
  templateCommand(program, done);
  compareCommand(program, done);
  program.addHelpText(
    'after',
    `
Exit codes: 0 every input read (warnings allowed); 1 some input had an error, or validate failed;
2 usage error or internal failure.

Examples:
  selfeval analyse fixtures/returns/2019
  selfeval validate fixtures/returns/2019 --strict`,
  );
  for (const c of program.commands) c.exitOverride();
  return program;
}

export async function main(argv: string[]): Promise<number> {
  let result: CommandResult | null = null;
  const program = buildProgram((r) => (result = r));
  const debug = argv.includes('--debug');
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      // help and version are not errors; every other commander complaint is a usage error (2).
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return EXIT.ok;
      return EXIT.usage;
    }
    if (err instanceof UsageError) {
      process.stderr.write(`selfeval: ${err.message}\n`);
      return EXIT.usage;
    }
    process.stderr.write(`selfeval: internal failure: ${err instanceof Error ? err.message : String(err)}\n`);
    if (debug && err instanceof Error && err.stack) process.stderr.write(err.stack + '\n');
    else process.stderr.write('(run again with --debug for details, and please report it)\n');
    return EXIT.usage;
  }
  const r = result as CommandResult | null;
  if (!r) return EXIT.ok;
  await writeOut(process.stdout, r.stdout);
  if (r.stderr) process.stderr.write(r.stderr);
  return r.exitCode;
}

/** Writes and waits for the flush; a closed pipe (| head) is not an error. */
function writeOut(stream: NodeJS.WriteStream, text: string): Promise<void> {
  if (!text) return Promise.resolve();
  return new Promise((resolveWrite) => {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') resolveWrite();
    });
    stream.write(text, () => resolveWrite());
  });
}

/** Entry point for bin/selfeval.js. */
export function run(): void {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
