import { InvalidArgumentError, Option, type Command } from 'commander';
import { DEFAULT_BATCH_LIMITS, defaultJobs, readBatch } from '../io/read-batch.js';
import { collectInputs, type FsLayer } from '../io/inputs.js';
import type { Diagnostic, ReadResult } from '../model/schema.js';
import { loadAliases } from '../reference/aliases.js';
import { DEFAULT_ZIP_LIMITS } from '../read/zip/zip.js';
import { loadTemplate } from '../template/load.js';
import type { Template } from '../template/schema.js';
import { streamingSelection } from '../analysis/select.js';

/** Options every reading command shares, declared once. */
export type ReadingOptions = {
  template?: string;
  aliases?: string;
  overrides?: string;
  jobs?: number;
  maxFileSize: number;
  maxPartSize: number;
  maxTotalSize: number;
  maxEntries: number;
  timeout: number;
  maxMemory: number;
  quiet?: boolean;
  debug?: boolean;
};

export function positiveInt(name: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${name} must be a whole number of at least 1, got "${v}".`);
    return n;
  };
}

export function positiveNumber(name: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`${name} must be a positive number, got "${v}".`);
    return n;
  };
}

function atLeast(name: string, min: number) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < min) throw new InvalidArgumentError(`${name} must be a number of at least ${min}, got "${v}".`);
    return n;
  };
}

const MB = 1024 * 1024;
const noUse: ReadonlyMap<string, 'yes' | 'no'> = new Map();

export function addReadingOptions(cmd: Command): Command {
  return cmd
    .option('--template <file>', 'a template JSON file (default: the built-in 2019 MSG template; see "selfeval template")')
    .option('--aliases <file>', 'a CSV (name,partnership) of extra names for partnerships')
    .option('--overrides <file>', "a CSV of analysts' decisions applied to every run (see README)")
    .addOption(new Option('--jobs <n>', 'reader processes to run at once (default: the number of cores)').argParser(positiveInt('--jobs')))
    .addOption(new Option('--max-file-size <mb>', 'largest input file, MB').argParser(positiveNumber('--max-file-size')).default(DEFAULT_BATCH_LIMITS.maxFileBytes / MB))
    .addOption(new Option('--max-part-size <mb>', 'largest uncompressed part of a document, MB').argParser(positiveNumber('--max-part-size')).default(DEFAULT_ZIP_LIMITS.maxPartBytes / MB))
    .addOption(new Option('--max-total-size <mb>', 'largest uncompressed document in all, MB').argParser(positiveNumber('--max-total-size')).default(DEFAULT_ZIP_LIMITS.maxTotalBytes / MB))
    .addOption(new Option('--max-entries <n>', 'most parts a document package may hold').argParser(positiveInt('--max-entries')).default(DEFAULT_ZIP_LIMITS.maxEntries))
    .addOption(new Option('--timeout <s>', 'longest time to read one file, seconds').argParser(positiveNumber('--timeout')).default(DEFAULT_BATCH_LIMITS.timeoutMs / 1000))
    .addOption(new Option('--max-memory <mb>', 'heap one reader process may use, MB (at least 16)').argParser(atLeast('--max-memory', 16)).default(DEFAULT_BATCH_LIMITS.heapMb))
    .option('-q, --quiet', 'no progress or summary messages on stderr')
    .option('--debug', 'show stack traces of internal failures');
}

export type ReadRun = {
  template: Template;
  results: ReadResult[];
  inputDiagnostics: Diagnostic[];
  /** Applied and stale overrides. */
  overrideDiagnostics: Diagnostic[];
  /** Analysts' "use" decisions by file, for selecting one return per partnership. */
  use: Map<string, 'yes' | 'no'>;
  /** Every file that was read (and the overrides file): outputs may never replace one of them. */
  inputFiles: string[];
};

/** Template, aliases, inputs, then every file read: the first half of every command. */
/**
 * Template, aliases, overrides, inputs, then every file read: the first half of every
 * command. With `retain: false` results are only passed to `onResult` (in input order,
 * decisions applied), so a large batch never sits in memory at once.
 */
export async function readInputs(
  inputs: readonly string[],
  o: ReadingOptions,
  env: { fs?: FsLayer; progress?: (done: number, total: number, file: string) => void; round?: string; onResult?: (r: ReadResult, use: ReadonlyMap<string, 'yes' | 'no'>) => void; onTemplate?: (t: Template) => void; retain?: boolean; exclude?: readonly string[] } = {},
): Promise<ReadRun> {
  const template = await loadTemplate(o.template);
  env.onTemplate?.(template);
  const aliases = loadAliases(o.aliases);
  // Decisions files and their schemas (zod) are loaded only when asked for: the first
  // files then go to the readers sooner.
  const applier = o.overrides ? await loadApplier(o.overrides, template, env.round) : null;
  const { files, diagnostics } = await collectInputs(inputs, env.fs, process.cwd(), env.exclude ?? []);
  const retain = env.retain ?? true;
  const results: ReadResult[] = [];
  await readBatch(files, {
    template,
    aliases,
    jobs: o.jobs ?? defaultJobs(),
    limits: { maxPartBytes: Math.round(o.maxPartSize * MB), maxTotalBytes: Math.round(o.maxTotalSize * MB), maxEntries: o.maxEntries },
    batch: { maxFileBytes: Math.round(o.maxFileSize * MB), timeoutMs: Math.round(o.timeout * 1000), heapMb: o.maxMemory },
    retain: false,
    onResult: (_i, raw) => {
      const r = applier ? applier.apply(raw) : raw;
      if (retain) results.push(r);
      env.onResult?.(r, applier?.use ?? noUse);
    },
    ...(env.fs ? { fs: env.fs } : {}),
    ...(env.progress ? { onProgress: env.progress } : {}),
  });
  const finished = applier?.finish() ?? { diagnostics: [], use: new Map<string, 'yes' | 'no'>() };
  const inputFiles = [...files.map((f) => f.path), ...(o.overrides ? [o.overrides] : []), ...(o.aliases ? [o.aliases] : []), ...(o.template ? [o.template] : [])];
  return { template, results, inputDiagnostics: diagnostics, overrideDiagnostics: finished.diagnostics, use: finished.use, inputFiles };
}

/**
 * One round's returns, read for choosing one per partnership: streamed, and every return
 * that cannot be the one used is compacted as soon as it is overtaken (analyse, compare).
 */
export async function readRound(inputs: readonly string[], o: ReadingOptions, env: { round?: string; out?: string; progress?: (done: number, total: number, file: string) => void } = {}): Promise<ReadRun> {
  const results: ReadResult[] = [];
  const keep = streamingSelection();
  const run = await readInputs(inputs, o, {
    ...(env.progress ? { progress: env.progress } : {}),
    ...(env.round ? { round: env.round } : {}),
    ...(env.out ? { exclude: [env.out] } : {}),
    retain: false,
    onResult: (r, use) => {
      results.push(r);
      keep(r, use);
    },
  });
  return { ...run, results };
}

async function loadApplier(path: string, template: Template, round: string | undefined) {
  const [{ loadOverrides }, { overrideApplier }] = await Promise.all([import('../overrides/load.js'), import('../overrides/apply.js')]);
  const overrides = loadOverrides(path, template.scale.length);
  return overrides ? overrideApplier(overrides, template, round ? { round } : {}) : null;
}

export function allDiagnostics(run: ReadRun): Diagnostic[] {
  return [...run.inputDiagnostics, ...run.results.flatMap((r) => r.diagnostics), ...run.overrideDiagnostics];
}
