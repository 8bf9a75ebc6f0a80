import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { cpus } from 'node:os';
import { diagnostic } from '../model/diagnostics.js';
import type { DiagnosticCode } from '../model/diagnostic-codes.js';
import type { ReadResult } from '../model/schema.js';
import { readContext, type ReadOptions } from '../read/context.js';
import { readReturnBytes } from '../read/read-file.js';
import { nodeFs, type FsLayer, type InputFile } from './inputs.js';

/**
 * Reading a batch: each file in a worker thread with a heap cap and a wall-clock
 * timeout, so one hostile or broken file yields an error for that file and the rest
 * of the batch is still read. A small persistent pool (one thread per core by
 * default, `--jobs`) keeps start-up cheap; results come back in input order, so
 * `--jobs 1` and `--jobs 2` give identical outputs.
 */

export type BatchLimits = {
  /** Largest input file, bytes (checked before reading it). */
  maxFileBytes: number;
  /** Wall-clock time one file may take, ms. */
  timeoutMs: number;
  /** Heap one reader thread may use, MB. */
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
  const workerData: ReadOptions = { template: opts.template, aliases: opts.aliases ?? [], limits: opts.limits ?? {} };
  let next = 0;
  const script = workerScript();

  const runLane = async (): Promise<void> => {
    let worker: Worker | null = null;
    const spawn = () =>
      new Worker(script, {
        workerData,
        resourceLimits: { maxOldGenerationSizeMb: limits.heapMb, maxYoungGenerationSizeMb: Math.min(64, Math.max(8, limits.heapMb / 8)) },
        stdout: true,
        stderr: true,
      });
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
        worker ??= spawn();
        const w: Worker = worker;
        results[i] = await new Promise<ReadResult>((resolveResult) => {
          let settled = false;
          const settle = (r: ReadResult, dead: boolean) => {
            if (settled) return;
            settled = true;
            clearTimeout(timer);
            w.off('message', onMessage);
            w.off('error', onError);
            w.off('exit', onExit);
            if (dead) {
              void w.terminate();
              worker = null;
            }
            resolveResult(r);
          };
          const onMessage = (m: { id: number; result: ReadResult }) => {
            if (m.id === i) settle(m.result, false);
          };
          const onError = (err: Error & { code?: string }) => {
            if (err.code === 'ERR_WORKER_OUT_OF_MEMORY' || /heap|memory/i.test(err.message))
              settle(failed(f.display, 'READ_OUT_OF_MEMORY', `Reading this file used more than the ${limits.heapMb} MB allowed to one file (--max-memory) and was stopped. A real return needs a few MB: the file is probably a decompression bomb.`), true);
            else settle(failed(f.display, 'READER_FAILED', `The reader stopped unexpectedly (${err.message.split('\n')[0]}). This is a bug: please report it with the file.`), true);
          };
          const onExit = (code: number) => settle(failed(f.display, 'READ_OUT_OF_MEMORY', `The reader thread ended (exit code ${code}) while reading this file, most likely out of memory; the file was skipped.`), true);
          const timer = setTimeout(
            () => settle(failed(f.display, 'READ_TIMEOUT', `Reading this file took longer than ${limits.timeoutMs / 1000} s (--timeout) and was stopped. A return reads in milliseconds: the file is probably crafted to be slow.`), true),
            limits.timeoutMs,
          );
          w.on('message', onMessage);
          w.on('error', onError);
          w.on('exit', onExit);
          // Copy into a transferable buffer (a Buffer may share a pooled ArrayBuffer).
          const copy = new Uint8Array(bytes.length);
          copy.set(bytes);
          w.postMessage({ id: i, file: f.display, bytes: copy }, [copy.buffer]);
        });
        progress(f.display);
      }
    } finally {
      if (worker) await (worker as Worker).terminate();
    }
  };
  await Promise.all(Array.from({ length: jobs }, runLane));
  return results;
}
