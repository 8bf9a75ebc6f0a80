import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Reader processes, started as early as possible. A command that will read files
 * calls `prewarmReaders` before loading its own modules, so the readers' start-up
 * (Node plus the reader's modules, ~150 ms) overlaps the main process's. Light on
 * purpose: only node built-ins, so importing it costs nothing.
 */

export function defaultJobs(): number {
  return Math.max(1, cpus().length);
}

function readerScript(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const js = resolve(here, 'read-worker.js');
  if (existsSync(js)) return js;
  // Running from TypeScript sources (tests): use the built reader.
  return resolve(here, '../../dist/io/read-worker.js');
}

export type Reader = { child: ChildProcess; heapMb: number; stderrTail: string };

const warm: Reader[] = [];

export function spawnReader(heapMb: number): Reader {
  const child = fork(readerScript(), [], {
    // SELFEVAL_READER_NODE_ARGS passes extra flags to readers (e.g. --cpu-prof when profiling).
    // A larger young generation means fewer collections of the many short-lived objects a
    // parse makes (~5% faster at scale, measured); kept well under the heap cap.
    // --single-threaded: there is one reader per core, so V8's background threads (collector,
    // optimising compiler) only compete with the other readers and the main process.
    // --initial-old-space-size: under a heap cap V8 starts the old generation small and
    // collects it again and again (a sixth of a reader's time in a profile).
    // Together ~10% faster on 1,000 returns; README, Performance, says how to re-measure.
    // --always-sparkplug: V8 compiles each function to baseline machine code on first call
    // instead of interpreting it until it is hot; a reader's first files are read that much
    // sooner (cold analyse of the 31 fixtures ~5% faster, 1,000 returns ~3%).
    // --interrupt-budget: V8 waits ~6× longer than its default before optimising a function.
    // Under --single-threaded the optimising compiler runs on the reader's own thread, so
    // fewer, later optimisations leave more of it for reading: cold analyse ~0.68 → ~0.60 s,
    // 1,000 returns ~3.8 → ~3.5 s (medians, README Performance); 200k–800k measured alike.
    execArgv: [
      `--max-old-space-size=${Math.max(16, Math.round(heapMb))}`,
      `--initial-old-space-size=${Math.max(8, Math.floor(heapMb / 2))}`,
      `--max-semi-space-size=${Math.max(1, Math.min(32, Math.floor(heapMb / 8)))}`,
      '--single-threaded',
      '--always-sparkplug',
      '--interrupt-budget=400000',
      ...(process.env.SELFEVAL_READER_NODE_ARGS ?? '').split(' ').filter(Boolean),
    ],
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  const reader: Reader = { child, heapMb, stderrTail: '' };
  child.stderr?.on('data', (d: Buffer) => {
    reader.stderrTail = (reader.stderrTail + d.toString('utf8')).slice(-4000);
  });
  // A pre-started reader that is never used must not keep the process alive.
  child.unref();
  (child.stderr as unknown as { unref?: () => void } | null)?.unref?.();
  (child as unknown as { channel?: { unref(): void } }).channel?.unref();
  return reader;
}

/** Starts `jobs` readers now, for a batch about to be read. */
export function prewarmReaders(jobs: number, heapMb: number): void {
  while (warm.length < jobs) warm.push(spawnReader(heapMb));
}

/** A pre-started reader with this heap cap, or a new one. */
export function takeReader(heapMb: number): Reader {
  const i = warm.findIndex((r) => r.heapMb === Math.max(16, Math.round(heapMb)) || r.heapMb === heapMb);
  if (i >= 0) return warm.splice(i, 1)[0]!;
  return spawnReader(heapMb);
}

/** Stops readers that were started but not needed. */
export function releaseWarmReaders(): void {
  for (const r of warm.splice(0)) r.child.disconnect();
}
