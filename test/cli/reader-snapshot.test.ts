import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_READER_HEAP_MB, spawnReader, type Reader } from '../../src/io/reader-pool.js';

/**
 * Which readers start from the build's snapshot (dist/snapshot, made by `npm run build`):
 * V8 takes a snapshot only under the flags that made it, so only readers with the default
 * heap and no extra Node flags can.
 */
const started: Reader[] = [];
const start = (heapMb: number) => {
  const r = spawnReader(heapMb);
  r.child.ref();
  started.push(r);
  return r;
};

afterEach(() => {
  for (const r of started.splice(0)) r.child.kill();
});

describe('reader start-up', () => {
  it('a reader with the default heap starts from the snapshot and says it is ready', async () => {
    const r = start(DEFAULT_READER_HEAP_MB);
    expect(r.fromSnapshot).toBe(true);
    const [msg] = await once(r.child, 'message');
    expect(msg).toEqual({ kind: 'ready' });
    expect(r.ready).toBe(true);
  });

  it('a reader with another heap (--max-memory) starts from its script', async () => {
    const r = start(100);
    expect(r.fromSnapshot).toBe(false);
    const [msg] = await once(r.child, 'message');
    expect(msg).toEqual({ kind: 'ready' });
  });
});
