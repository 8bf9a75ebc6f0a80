import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fork, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpus } from 'node:os';
import { diagnostic } from '../model/diagnostics.js';
import type { DiagnosticCode } from '../model/diagnostic-codes.js';
import type { ReadResult } from '../model/schema.js';
import { readContext, type ReadOptions } from '../read/context.js';
import { readReturnBytes } from '../read/read-file.js';
import { nodeFs, type FsLayer, type InputFile } from './inputs.js';

/**
 * Reading a batch: each file in a reader process with a heap cap and a wall-clock
 * timeout, so one hostile or broken file yields an error for that file and the rest
 * of the batch is still read. Processes, not worker threads: V8's out-of-memory is
 * fatal to the whole process and a worker's resourceLimits did not contain it (a
 * 300 KB file of 100 MB of tiny paragraphs killed the parent). A small persistent
 * pool (one process per core by default, `--jobs`) keeps start-up cheap; results
 * come back in input order, so `--jobs 1` and `--jobs 2` give identical outputs.
 */

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

export type BatchLimits = {
  /** Largest input file, bytes (checked before reading it). */
  maxFileBytes: number;
  /** Wall-clock time one file may take, ms. */
  timeoutMs: number;
  /** Heap one reader process may use, MB. */
  heapMb: number;
};

export const DEFAULT_BATCH_LIMITS: BatchLimits = { maxFileBytes: 20 * 1024 * 1024, timeoutMs: 30_000, heapMb: 256 };

export type BatchOptions = ReadOptions & {
  jobs?: number;
  batch?: Partial<BatchLimits>;
  fs?: FsLayer;
  /** Read in this thread, without isolation (for tests of the readers themselves). */
  inProcess?: boolean;
  onProgress?: (done: number, total: number, file: string) => void;
};

export function defaultJobs(): number {
  return Math.max(1, cpus().length);
}

function workerScript(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const js = resolve(here, 'read-worker.js');
  if (existsSync(js)) return js;
  // Running from TypeScript sources (tests): use the built worker.
  return resolve(here, '../../dist/io/read-worker.js');
}

const failed = (file: string, code: DiagnosticCode, message: string, sha256 = ''): ReadResult => ({ file, sha256, return: null, diagnostics: [diagnostic(file, code, '', message)] });

async function loadBytes(f: InputFile, fs: FsLayer, limits: BatchLimits): Promise<Buffer | ReadResult> {
  try {
    const st = await fs.stat(f.path);
    if (st.isDirectory()) return failed(f.display, 'FILE_UNREADABLE', 'This is a folder, not a file.');
    if (st.size > limits.maxFileBytes) return failed(f.display, 'FILE_TOO_LARGE', `The file is ${(st.size / 1048576).toFixed(1)} MB, larger than the limit of ${(limits.maxFileBytes / 1048576).toFixed(1)} MB (--max-file-size). Returns are far smaller: check it is the right file, or raise the limit.`);
    return await fs.readFile(f.path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return failed(f.display, 'FILE_NOT_FOUND', 'The file disappeared before it could be read.');
    return failed(f.display, 'FILE_UNREADABLE', `The file could not be read (${code ?? (err as Error).message}). Check its permissions, or whether another program has it locked.`);
  }
}

export async function readBatch(files: readonly InputFile[], opts: BatchOptions): Promise<ReadResult[]> {
  const limits: BatchLimits = { ...DEFAULT_BATCH_LIMITS, ...(opts.batch ?? {}) };
  const fs = opts.fs ?? nodeFs;
  const results: ReadResult[] = new Array(files.length);
  let done = 0;
  const progress = (file: string) => opts.onProgress?.(++done, files.length, file);

  if (opts.inProcess) {
    const ctx = readContext(opts);
    for (const [i, f] of files.entries()) {
      const bytes = await loadBytes(f, fs, limits);
      results[i] = Buffer.isBuffer(bytes) ? await readReturnBytes(bytes, f.display, ctx) : bytes;
      progress(f.display);
    }
    return results;
  }

  const jobs = Math.max(1, Math.min(opts.jobs ?? defaultJobs(), files.length || 1));
  const options: ReadOptions = { template: opts.template, aliases: opts.aliases ?? [], limits: opts.limits ?? {} };
  let next = 0;
  const script = workerScript();

  const runLane = async (): Promise<void> => {
    let child: ChildProcess | null = null;
    let stderrTail = '';
    const spawn = (): ChildProcess => {
      const c = fork(script, [], {
        execArgv: [`--max-old-space-size=${Math.max(16, Math.round(limits.heapMb))}`],
        serialization: 'advanced',
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      });
      stderrTail = '';
      c.stderr?.on('data', (d: Buffer) => {
        stderrTail = (stderrTail + d.toString('utf8')).slice(-4000);
      });
      c.send({ kind: 'init', options });
      return c;
    };
    try {
      while (next < files.length) {
        const i = next++;
        const f = files[i]!;
        const bytes = await loadBytes(f, fs, limits);
        if (!Buffer.isBuffer(bytes)) {
          results[i] = bytes;
          progress(f.display);
          continue;
        }
        child ??= spawn();
        const c: ChildProcess = child;
        results[i] = await new Promise<ReadResult>((resolveResult) => {
          let settled = false;
          const settle = (r: ReadResult, dead: boolean) => {
            if (settled) return;
            settled = true;
            clearTimeout(timer);
            c.off('message', onMessage);
            c.off('exit', onExit);
            if (dead) {
              c.kill('SIGKILL');
              child = null;
            }
            resolveResult(r);
          };
          const onMessage = (m: { id: number; result: ReadResult }) => {
            if (m.id === i) settle(m.result, false);
          };
          const onExit = (code: number | null, signal: string | null) => {
            // Give the stderr pipe a moment: V8 prints its out-of-memory report just before dying.
            setTimeout(() => {
              if (/heap out of memory|heap limit|allocation failed/i.test(stderrTail) || signal === 'SIGABRT' || code === 134)
                settle(failed(f.display, 'READ_OUT_OF_MEMORY', `Reading this file used more than the ${limits.heapMb} MB allowed to one file (--max-memory) and was stopped. A real return needs a few MB: the file is probably a decompression bomb.`, sha(bytes)), true);
              else settle(failed(f.display, 'READER_FAILED', `The reader process stopped unexpectedly (${signal ?? `exit code ${code}`}) while reading this file. This is a bug: please report it with the file.`, sha(bytes)), true);
            }, 50);
          };
          const timer = setTimeout(
            () => settle(failed(f.display, 'READ_TIMEOUT', `Reading this file took longer than ${limits.timeoutMs / 1000} s (--timeout) and was stopped. A return reads in milliseconds: the file is probably crafted to be slow.`, sha(bytes)), true),
            limits.timeoutMs,
          );
          c.on('message', onMessage);
          c.on('exit', onExit);
          c.send({ kind: 'read', id: i, file: f.display, bytes });
        });
        progress(f.display);
      }
    } finally {
      if (child) (child as ChildProcess).disconnect();
    }
  };
  await Promise.all(Array.from({ length: jobs }, runLane));
  return results;
}
