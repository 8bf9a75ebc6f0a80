import { createHash } from 'node:crypto';
import { diagnostic } from '../model/diagnostics.js';
import type { DiagnosticCode } from '../model/diagnostic-codes.js';
import type { ReadResult } from '../model/schema.js';
import type { ReadOptions } from '../read/context.js';
import { resultValidator } from '../read/validate-result.js';
import { DEFAULT_READER_HEAP_MB, defaultJobs, releaseWarmReaders, snapshotFailed, takeReader, type Reader } from './reader-pool.js';
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

export const DEFAULT_BATCH_LIMITS: BatchLimits = { maxFileBytes: 20 * 1024 * 1024, timeoutMs: 30_000, heapMb: DEFAULT_READER_HEAP_MB };

export type BatchOptions = ReadOptions & {
  jobs?: number;
  batch?: Partial<BatchLimits>;
  fs?: FsLayer;
  /** Read in this thread, without isolation (for tests of the readers themselves). */
  inProcess?: boolean;
  onProgress?: (done: number, total: number, file: string) => void;
};

export { defaultJobs };

const failed = (file: string, code: DiagnosticCode, message: string, sha256 = ''): ReadResult => ({ file, sha256, return: null, diagnostics: [diagnostic(file, code, '', message)] });

async function loadBytes(f: InputFile, fs: FsLayer, limits: BatchLimits): Promise<Buffer | ReadResult> {
  try {
    const st = await fs.stat(f.path);
    if (st.isDirectory()) return failed(f.display, 'FILE_UNREADABLE', 'This is a folder, not a file.');
    if (!st.isFile()) return failed(f.display, 'FILE_UNREADABLE', 'This is not a regular file (a pipe, socket or device), so it cannot be a return; it was not read.');
    if (st.size > limits.maxFileBytes) return failed(f.display, 'FILE_TOO_LARGE', `The file is ${(st.size / 1048576).toFixed(1)} MB, larger than the limit of ${(limits.maxFileBytes / 1048576).toFixed(1)} MB (--max-file-size). Returns are far smaller: check it is the right file, or raise the limit.`);
    return await fs.readFile(f.path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return failed(f.display, 'FILE_NOT_FOUND', 'The file disappeared before it could be read.');
    return failed(f.display, 'FILE_UNREADABLE', `The file could not be read (${code ?? (err as Error).message}). Check its permissions, or whether another program has it locked.`);
  }
}

export type BatchResultHandler = (index: number, result: ReadResult) => void;

/**
 * Reads `files`, each in a reader process. Results are delivered to `onResult` in
 * input order (so outputs are the same whatever the number of readers) and also
 * returned unless `retain` is false — streaming callers keep memory flat on large
 * batches. Readers prefer one kind of file each (the first takes workbooks first),
 * so exceljs is loaded by one reader rather than by all.
 */
export async function readBatch(files: readonly InputFile[], opts: BatchOptions & { onResult?: BatchResultHandler; retain?: boolean }): Promise<ReadResult[]> {
  const limits: BatchLimits = { ...DEFAULT_BATCH_LIMITS, ...(opts.batch ?? {}) };
  const fs = opts.fs ?? nodeFs;
  const retain = opts.retain ?? true;
  const results: ReadResult[] = [];
  const buffered = new Map<number, ReadResult>();
  let emitted = 0;
  let done = 0;
  // The model's schema (zod) loads while the first files are read.
  const validator = resultValidator();
  let validate: ((r: ReadResult) => ReadResult) | null = null;
  const deliver = async (i: number, unchecked: ReadResult) => {
    validate ??= await validator;
    const r = validate(unchecked);
    opts.onProgress?.(++done, files.length, r.file);
    buffered.set(i, r);
    while (buffered.has(emitted)) {
      const next = buffered.get(emitted)!;
      buffered.delete(emitted);
      if (retain) results.push(next);
      opts.onResult?.(emitted, next);
      emitted++;
    }
  };

  if (opts.inProcess) {
    const { readContext } = await import('../read/context.js');
    const { readReturnBytes } = await import('../read/read-file.js');
    const ctx = readContext(opts);
    for (const [i, f] of files.entries()) {
      const bytes = await loadBytes(f, fs, limits);
      await deliver(i, Buffer.isBuffer(bytes) ? await readReturnBytes(bytes, f.display, ctx) : bytes);
    }
    return results;
  }

  const jobs = Math.max(1, Math.min(opts.jobs ?? defaultJobs(), files.length || 1));
  const options: ReadOptions = { template: opts.template, aliases: opts.aliases ?? [], limits: opts.limits ?? {} };
  const isWorkbook = (f: InputFile) => /\.xls[xm]$/i.test(f.display);
  const queues = { workbooks: files.map((f, i) => ({ f, i })).filter((x) => isWorkbook(x.f)), documents: files.map((f, i) => ({ f, i })).filter((x) => !isWorkbook(x.f)) };
  let wq = 0;
  let dq = 0;
  const take = (preferWorkbooks: boolean) => {
    if (preferWorkbooks && wq < queues.workbooks.length) return queues.workbooks[wq++];
    if (dq < queues.documents.length) return queues.documents[dq++];
    if (wq < queues.workbooks.length) return queues.workbooks[wq++];
    return undefined;
  };
  const untaken = () => queues.workbooks.length - wq + queues.documents.length - dq;

  const runLane = async (lane: number): Promise<void> => {
    const reader = new ReaderLane(options, limits, lane === 0 && queues.workbooks.length > 0);
    const inflight = new Set<Promise<void>>();
    try {
      for (;;) {
        // Two files in flight per reader hide the round trip without piling up memory. Near
        // the end of the batch only one, and a file is taken only when this reader has room:
        // a file queued behind another in a busy reader would keep an idle reader waiting.
        while (inflight.size >= (untaken() > 2 * jobs ? 2 : 1)) await Promise.race(inflight);
        const job = take(lane === 0);
        if (!job) break;
        const bytes = await loadBytes(job.f, fs, limits);
        if (!Buffer.isBuffer(bytes)) {
          await deliver(job.i, bytes);
          continue;
        }
        const p: Promise<void> = reader.read(job.i, job.f.display, bytes).then(async (r) => {
          await deliver(job.i, r);
          inflight.delete(p);
        });
        inflight.add(p);
      }
      await Promise.all(inflight);
    } finally {
      reader.close();
    }
  };
  try {
    await Promise.all(Array.from({ length: jobs }, (_, lane) => runLane(lane)));
  } finally {
    releaseWarmReaders();
  }
  return results;
}

type Request = { id: number; file: string; bytes: Buffer; resolve: (r: ReadResult) => void };

/**
 * One reader process and the requests sent to it, first in first out. If the process
 * dies or overruns the timeout, the request it was working on fails with a specific
 * error and the ones queued behind it go to a fresh process.
 */
class ReaderLane {
  private reader: Reader | null = null;
  private queue: Request[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly options: ReadOptions,
    private readonly limits: BatchLimits,
    private readonly preloadWorkbooks: boolean,
  ) {}

  read(id: number, file: string, bytes: Buffer): Promise<ReadResult> {
    return new Promise((resolveResult) => {
      const req: Request = { id, file, bytes, resolve: resolveResult };
      this.queue.push(req);
      this.send(req);
      if (this.queue.length === 1) this.arm();
    });
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.reader) this.reader.child.disconnect();
    this.reader = null;
  }

  private ensure(): Reader {
    if (this.reader) return this.reader;
    const r = takeReader(this.limits.heapMb);
    r.child.ref();
    (r.child as unknown as { channel?: { ref(): void } }).channel?.ref();
    r.child.on('message', (m: { id: number; result: ReadResult }) => this.onMessage(r, m));
    r.child.on('exit', (code, signal) => this.onExit(r, code, signal));
    // Sending to a reader that has just died raises 'error'; its 'exit' handles the file.
    r.child.on('error', () => undefined);
    r.child.send({ kind: 'init', options: this.options, preloadWorkbooks: this.preloadWorkbooks });
    this.reader = r;
    return r;
  }

  private send(req: Request): void {
    const r = this.ensure();
    // A reader that has gone is replaced by its 'exit' handler, which sends the queue again.
    if (r.child.connected) r.child.send({ kind: 'read', id: req.id, file: req.file, bytes: req.bytes }, (err) => void err);
  }

  private arm(): void {
    if (this.timer) clearTimeout(this.timer);
    const head = this.queue[0];
    if (!head) return;
    this.timer = setTimeout(() => {
      this.fail(failed(head.file, 'READ_TIMEOUT', `Reading this file took longer than ${this.limits.timeoutMs / 1000} s (--timeout) and was stopped. A return reads in milliseconds: the file is probably crafted to be slow.`, sha(head.bytes)));
    }, this.limits.timeoutMs);
  }

  private onMessage(r: Reader, m: { id: number; result: ReadResult }): void {
    if (r !== this.reader) return;
    const head = this.queue[0];
    if (!head || head.id !== m.id) return;
    this.queue.shift();
    head.resolve(m.result);
    this.arm();
  }

  private onExit(r: Reader, code: number | null, signal: string | null): void {
    if (r !== this.reader) return;
    if (snapshotFailed(r)) {
      // Node refused the reader's snapshot: no file is to blame. The same requests go to a
      // reader started from its script.
      this.reader = null;
      for (const req of this.queue) this.send(req);
      return;
    }
    // Give the stderr pipe a moment: V8 prints its out-of-memory report just before dying.
    setTimeout(() => {
      if (r !== this.reader) return;
      const head = this.queue[0];
      if (!head) {
        this.reader = null;
        return;
      }
      if (/heap out of memory|heap limit|allocation failed/i.test(r.stderrTail) || signal === 'SIGABRT' || code === 134)
        this.fail(failed(head.file, 'READ_OUT_OF_MEMORY', `Reading this file used more than the ${this.limits.heapMb} MB allowed to one file (--max-memory) and was stopped. A real return needs a few MB: the file is probably crafted to exhaust memory (a decompression bomb, for example).`, sha(head.bytes)));
      else this.fail(failed(head.file, 'READER_FAILED', `The reader process stopped unexpectedly (${signal ?? `exit code ${code}`}) while reading this file. This is a bug: please report it with the file.`, sha(head.bytes)));
    }, 50);
  }

  /** The head request fails; the process is replaced and the rest are sent again. */
  private fail(result: ReadResult): void {
    const head = this.queue.shift();
    const dead = this.reader;
    this.reader = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (dead) {
      dead.child.removeAllListeners('message');
      dead.child.removeAllListeners('exit');
      dead.child.kill('SIGKILL');
    }
    head?.resolve(result);
    for (const req of this.queue) this.send(req);
    this.arm();
  }
}
