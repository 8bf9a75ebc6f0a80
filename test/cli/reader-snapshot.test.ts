import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { readBatch } from '../../src/io/read-batch.js';
import { DEFAULT_READER_HEAP_MB, spawnReader, type Reader } from '../../src/io/reader-pool.js';
import { BUILT_IN_TEMPLATE } from '../../src/template/load.js';
import { denseParagraphs, wordPackage } from '../helpers/bombs.js';

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
const tmp = mkdtempSync(join(tmpdir(), 'selfeval-snapshot-'));

afterEach(() => {
  for (const r of started.splice(0)) r.child.kill();
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

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

  it('with NODE_OPTIONS set (its flags would reach the reader) a reader starts from its script', async () => {
    const saved = process.env.NODE_OPTIONS;
    process.env.NODE_OPTIONS = '--stack-trace-limit=50';
    try {
      const r = start(DEFAULT_READER_HEAP_MB);
      expect(r.fromSnapshot).toBe(false);
      const [msg] = await once(r.child, 'message');
      expect(msg).toEqual({ kind: 'ready' });
    } finally {
      if (saved === undefined) delete process.env.NODE_OPTIONS;
      else process.env.NODE_OPTIONS = saved;
    }
  });

  it('a snapshot reader that runs out of heap on a file blames that file (READ_OUT_OF_MEMORY) and reads the next', async () => {
    const bomb = join(tmp, 'dense-paragraphs.docx');
    writeFileSync(bomb, wordPackage(denseParagraphs(300)));
    const good = join(process.cwd(), 'fixtures/cases/agreement-k4/fife.docx');
    const results = await readBatch(
      [
        { path: bomb, display: 'dense-paragraphs.docx' },
        { path: good, display: 'fife.docx' },
      ],
      { template: BUILT_IN_TEMPLATE, jobs: 1, limits: { maxPartBytes: 400 * 1024 * 1024, maxTotalBytes: 400 * 1024 * 1024 } },
    );
    expect(results[0]!.diagnostics.map((d) => d.code)).toEqual(['READ_OUT_OF_MEMORY']);
    expect(results[1]!.return?.partnership).toBe('Fife');
  }, 120_000);
});
