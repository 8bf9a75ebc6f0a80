import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_READER_HEAP_MB, prewarmReaders, releaseWarmReaders, takeReader } from '../../src/io/reader-pool.js';
import { ROOT } from '../helpers/fixtures.js';

/**
 * A snapshot Node refuses (here a damaged one): the pre-started readers die at once,
 * unused. Letting them go must not crash the run, and the readers started afterwards
 * come from their script. (Its own file: the pool decides about the snapshot once per process.)
 */
const bad = mkdtempSync(join(tmpdir(), 'selfeval-bad-snapshot-'));

beforeAll(() => {
  copyFileSync(join(ROOT, 'dist/snapshot/reader.json'), join(bad, 'reader.json'));
  writeFileSync(join(bad, 'reader.blob'), randomBytes(64 * 1024));
  process.env.SELFEVAL_READER_SNAPSHOT = bad;
});
afterAll(() => {
  delete process.env.SELFEVAL_READER_SNAPSHOT;
  rmSync(bad, { recursive: true, force: true });
});

const exited = (rs: readonly { child: import('node:child_process').ChildProcess }[]) =>
  Promise.all(rs.map((r) => (r.child.exitCode !== null || r.child.signalCode !== null ? null : once(r.child, 'exit'))));

describe('a refused snapshot', () => {
  it('pre-started readers that died unused are let go without an error', async () => {
    const warm = [...prewarmReaders(2, DEFAULT_READER_HEAP_MB)];
    expect(warm.every((r) => r.fromSnapshot)).toBe(true);
    await exited(warm);
    expect(warm.some((r) => r.ready)).toBe(false);
    expect(() => releaseWarmReaders()).not.toThrow();
  });

  it('a dead pre-started reader is noticed when a reader is taken, and the one taken starts from its script', async () => {
    await exited([...prewarmReaders(1, DEFAULT_READER_HEAP_MB)]);
    const r = takeReader(DEFAULT_READER_HEAP_MB);
    r.child.ref();
    try {
      expect(r.fromSnapshot).toBe(false);
      const [msg] = await once(r.child, 'message');
      expect(msg).toEqual({ kind: 'ready' });
    } finally {
      r.child.kill();
    }
  });
});
