import { fork, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Reader processes, started as early as possible. A command that will read files
 * calls `prewarmReaders` before loading its own modules, so the readers' start-up
 * (Node plus the reader's modules: ~80 ms from the build's snapshot, ~150 ms without)
 * overlaps the main process's. Light on purpose: only node built-ins, so importing it
 * costs nothing.
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

export type Reader = { child: ChildProcess; heapMb: number; stderrTail: string; fromSnapshot: boolean; ready: boolean };

/** The heap one reader may use unless --max-memory says otherwise, MB. */
export const DEFAULT_READER_HEAP_MB = 256;

/**
 * The V8 flags of a reader process. The build's snapshot (below) is made with the flags
 * for the default heap, and V8 accepts a snapshot only under the flags that made it.
 */
export function readerFlags(heapMb: number): string[] {
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
  return [
    `--max-old-space-size=${Math.max(16, Math.round(heapMb))}`,
    `--initial-old-space-size=${Math.max(8, Math.floor(heapMb / 2))}`,
    `--max-semi-space-size=${Math.max(1, Math.min(32, Math.floor(heapMb / 8)))}`,
    '--single-threaded',
    '--always-sparkplug',
    '--interrupt-budget=400000',
  ];
}

/** What the build records beside the snapshot (dist/snapshot/reader.json): what made it. */
type SnapshotInfo = { node: string; arch: string; flags: string[] };

function snapshotDir(): string | null {
  const override = process.env.SELFEVAL_READER_SNAPSHOT;
  if (override === '0') return null;
  if (override) return resolve(override);
  const here = dirname(fileURLToPath(import.meta.url));
  // From the bundle (dist/bundle) or tsc's output (dist/io); from the sources (tests), the built one.
  for (const dir of [resolve(here, '../snapshot'), resolve(here, '../../dist/snapshot')]) if (existsSync(resolve(dir, 'reader.json'))) return dir;
  return null;
}

let snapshotUnusable = false;
let snapshotChecked: { dir: string; info: SnapshotInfo } | null | undefined;

/**
 * The snapshot to start a reader from, or null to start it from its script: only when
 * it was built by this very Node version and architecture, with exactly these flags,
 * and no extra flags were asked for (SELFEVAL_READER_NODE_ARGS, NODE_OPTIONS). A
 * snapshot Node still refuses (another binary of the same version, a damaged file)
 * makes the reader exit before it says it is ready; the lane then starts a reader from
 * its script, and `snapshotFailed` stops further use.
 */
function snapshotFor(flags: readonly string[]): string | null {
  // Flags in NODE_OPTIONS reach the readers too, and V8 would refuse the snapshot under them.
  if (snapshotUnusable || (process.env.SELFEVAL_READER_NODE_ARGS ?? '').trim() || (process.env.NODE_OPTIONS ?? '').trim()) return null;
  if (snapshotChecked === undefined) {
    snapshotChecked = null;
    const dir = snapshotDir();
    if (dir) {
      try {
        const info = JSON.parse(readFileSync(resolve(dir, 'reader.json'), 'utf8')) as SnapshotInfo;
        if (info.node === process.version && info.arch === process.arch && Array.isArray(info.flags) && existsSync(resolve(dir, 'reader.blob'))) snapshotChecked = { dir, info };
      } catch {
        // No usable description: start readers from the script.
      }
    }
  }
  if (!snapshotChecked || snapshotChecked.info.flags.join(' ') !== flags.join(' ')) return null;
  return resolve(snapshotChecked.dir, 'reader.blob');
}

/** Whether readers with this heap would start from the build's snapshot here (the bench says so). */
export function snapshotAvailable(heapMb: number): boolean {
  return snapshotFor(readerFlags(heapMb)) !== null;
}

/**
 * Whether this reader, now gone, was one whose snapshot Node refused (it never said it
 * was ready); if so, no reader of this process starts from the snapshot again.
 */
export function snapshotFailed(r: Reader): boolean {
  if (!r.fromSnapshot || r.ready) return false;
  snapshotUnusable = true;
  return true;
}

export function spawnReader(heapMb: number): Reader {
  const flags = readerFlags(heapMb);
  const blob = snapshotFor(flags);
  const options = {
    serialization: 'advanced' as const,
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'] as ('ignore' | 'pipe' | 'ipc')[],
  };
  const child = blob
    ? spawn(process.execPath, [...flags, '--snapshot-blob', blob], options)
    : // SELFEVAL_READER_NODE_ARGS passes extra flags to readers (e.g. --cpu-prof when profiling).
      fork(readerScript(), [], { ...options, execArgv: [...flags, ...(process.env.SELFEVAL_READER_NODE_ARGS ?? '').split(' ').filter(Boolean)] });
  const reader: Reader = { child, heapMb, stderrTail: '', fromSnapshot: !!blob, ready: false };
  child.once('message', () => (reader.ready = true));
  // A reader that dies unused (a refused snapshot) must not crash the run when it is let go.
  child.on('error', () => undefined);
  child.stderr?.on('data', (d: Buffer) => {
    reader.stderrTail = (reader.stderrTail + d.toString('utf8')).slice(-4000);
  });
  // A pre-started reader that is never used must not keep the process alive.
  child.unref();
  (child.stderr as unknown as { unref?: () => void } | null)?.unref?.();
  (child as unknown as { channel?: { unref(): void } }).channel?.unref();
  return reader;
}

const warm: Reader[] = [];

/** Starts `jobs` readers now, for a batch about to be read. */
export function prewarmReaders(jobs: number, heapMb: number): readonly Reader[] {
  while (warm.length < jobs) warm.push(spawnReader(heapMb));
  return warm;
}

/** A pre-started reader with this heap cap, or a new one. */
export function takeReader(heapMb: number): Reader {
  // A pre-started reader that has already exited (a refused snapshot, say) is no use: its
  // 'exit' came before anyone listened.
  for (const r of warm.filter((w) => w.child.exitCode !== null || w.child.signalCode !== null)) {
    warm.splice(warm.indexOf(r), 1);
    snapshotFailed(r);
  }
  const want = readerFlags(heapMb).join(' ');
  const i = warm.findIndex((r) => readerFlags(r.heapMb).join(' ') === want);
  if (i >= 0) return warm.splice(i, 1)[0]!;
  return spawnReader(heapMb);
}

/** Stops readers that were started but not needed. */
export function releaseWarmReaders(): void {
  for (const r of warm.splice(0)) if (r.child.connected) r.child.disconnect();
}
