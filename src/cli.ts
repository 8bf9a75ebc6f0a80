import { statSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { UsageError, EXIT } from './errors.js';
import type { CommandResult, Output } from './commands/result.js';
import { DEFAULT_READER_HEAP_MB, defaultJobs, prewarmReaders } from './io/reader-pool.js';

/**
 * The selfeval program; this file alone writes results to stdout/stderr and sets
 * the exit code (0 all inputs read, 1 some input had an error or validation failed,
 * 2 usage or internal failure).
 *
 * Start-up is lazy: only the module of the command being run is loaded (a command
 * list of names and summaries serves the top-level help), and for commands that read
 * files the reader processes are started before that module loads, so their start-up
 * overlaps ours.
 */
type Register = (program: Command, done: (r: CommandResult) => void, out: Output) => Command;
type CommandEntry = { name: string; aliases: string[]; usage: string; summary: string; reads: boolean; load: () => Promise<Register> };

export const COMMANDS: readonly CommandEntry[] = [
  { name: 'parse', aliases: [], usage: '<inputs...>', summary: 'read returns into the proposal-rating model and print them', reads: true, load: async () => (await import('./commands/parse.js')).parseCommand },
  { name: 'validate', aliases: [], usage: '<inputs...>', summary: 'check returns and list every diagnostic; exit 1 on errors (or warnings with --strict)', reads: true, load: async () => (await import('./commands/validate.js')).validateCommand },
  { name: 'analyse', aliases: ['analyze'], usage: '<inputs...>', summary: 'the national picture: distribution, consensus and agreement across the partnerships', reads: true, load: async () => (await import('./commands/analyse.js')).analyseCommand },
  { name: 'compare', aliases: [], usage: '<baseline> <repeat>', summary: 'change between two rounds: per partnership and proposal, per proposal with paired tests, per key feature, nationally', reads: true, load: async () => (await import('./commands/compare.js')).compareCommand },
  { name: 'template', aliases: [], usage: '', summary: 'print the template (proposals, levels, descriptors) as JSON, to start a --template file', reads: false, load: async () => (await import('./commands/template.js')).templateCommand },
];

/** The command named on the command line (also through "help <command>"), if any. */
function invoked(argv: readonly string[]): CommandEntry | undefined {
  const words = argv.filter((a) => !a.startsWith('-'));
  const first = words[0] === 'help' ? words[1] : words[0];
  return COMMANDS.find((c) => c.name === first || c.aliases.includes(first ?? ''));
}

/** The value of `--name N` / `--name=N` in argv, read before commander runs (for pre-starting readers). */
function optionValue(argv: readonly string[], name: string): number | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const v = a === name ? argv[i + 1] : a.startsWith(name + '=') ? a.slice(name.length + 1) : undefined;
    if (v !== undefined && Number.isFinite(Number(v)) && Number(v) > 0) return Number(v);
  }
  return undefined;
}

/** Options that take a value (so the value is not an input). */
const VALUE_OPTIONS = new Set(['--out', '--format', '--round', '--template', '--aliases', '--overrides', '--jobs', '--max-file-size', '--max-part-size', '--max-total-size', '--max-entries', '--timeout', '--max-memory', '--thin-evidence', '--baseline-round', '--repeat-round', '--repeat-template', '--suggest-overrides']);

/** How many files the command line names, when it names only files (no folders): no more readers are needed. */
function namedFiles(argv: readonly string[]): number | undefined {
  const inputs: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('-')) {
      if (VALUE_OPTIONS.has(a)) i++;
      continue;
    }
    inputs.push(a);
  }
  try {
    return inputs.length && inputs.every((p) => statSync(p).isFile()) ? inputs.length : undefined;
  } catch {
    return undefined;
  }
}

export async function buildProgram(done: (r: CommandResult) => void, argv: readonly string[] = []): Promise<Command> {
  const program = new Command('selfeval')
    .description('Read, check and analyse the MSG self-evaluation returns of the 31 health and social care partnerships.')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: (s) => process.stdout.write(s) });
  const chosen = invoked(argv);
  for (const c of COMMANDS) {
    if (c === chosen) (await c.load())(program, done, stdoutOutput);
    else {
      // Listed for the help and for commander's "unknown command" suggestions; never run.
      const stub = program.command(c.name).description(c.summary).allowUnknownOption().helpOption(false);
      for (const a of c.aliases) stub.alias(a);
      for (const u of c.usage.split(' ').filter(Boolean)) stub.argument(u);
    }
  }
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
  const debug = argv.includes('--debug');
  const chosen = invoked(argv);
  if (chosen?.reads && !argv.includes('--help') && !argv.includes('-h')) {
    prewarmReaders(Math.min(optionValue(argv, '--jobs') ?? defaultJobs(), namedFiles(argv) ?? Infinity, 8), optionValue(argv, '--max-memory') ?? DEFAULT_READER_HEAP_MB);
  }
  try {
    const program = await buildProgram((r) => (result = r), argv);
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      // help and version are not errors; every other commander complaint is a usage error (2).
      // --help and --version succeed; help shown because no command was given is a usage error.
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return EXIT.ok;
      if (err.code === 'commander.help') return argv.length === 0 ? EXIT.usage : EXIT.ok;
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

/** Streamed stdout for commands with long output; a closed pipe (| head) is not an error. */
let pipeClosed = false;
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') pipeClosed = true;
});
const stdoutOutput: Output = {
  write(chunk) {
    if (!pipeClosed && chunk) process.stdout.write(chunk);
  },
  flush() {
    return pipeClosed || !process.stdout.writableNeedDrain ? Promise.resolve() : new Promise((r) => process.stdout.once('drain', () => r()));
  },
};

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
