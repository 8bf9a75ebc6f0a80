import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readContext } from '../../src/read/context.js';
import { readReturnBytes } from '../../src/read/read-file.js';
import { BUILT_IN_TEMPLATE } from '../../src/template/load.js';
import { ROOT } from '../helpers/fixtures.js';

/**
 * Mutated good fixtures (truncation, byte flips, zip directory damage): every case
 * either reads or yields a specific error code. No exception escapes, no generic
 * READER_FAILED, no hang.
 */
function mulberry32(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ctx = readContext({ template: BUILT_IN_TEMPLATE });
const SEEDS = ['fixtures/cases/agreement-k4/fife.docx', 'fixtures/returns/2019/Glasgow City IJB - Self Evaluation of Integration Arrangements 2019.docx'];

function mutate(good: Buffer, rand: () => number): Buffer {
  const b = Buffer.from(good);
  const kind = Math.floor(rand() * 4);
  if (kind === 0) return b.subarray(0, Math.floor(rand() * b.length));
  if (kind === 1) {
    for (let i = 0, n = 1 + Math.floor(rand() * 8); i < n; i++) b[Math.floor(rand() * b.length)] = Math.floor(rand() * 256);
    return b;
  }
  // Damage the zip structures themselves: the central directory and local headers.
  const cd = b.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
  const start = kind === 2 && cd > 0 ? cd : 0;
  const span = kind === 2 && cd > 0 ? b.length - cd : Math.min(b.length, 64);
  for (let i = 0, n = 1 + Math.floor(rand() * 4); i < n; i++) {
    const at = start + Math.floor(rand() * span);
    b[at] = b[at]! ^ (1 << Math.floor(rand() * 8));
  }
  return b;
}

describe('fuzz: mutated returns never crash the reader', () => {
  for (const seedFile of SEEDS) {
    it(`${seedFile.split('/').pop()}: 1,000 mutations each read or give a specific error`, async () => {
      const good = readFileSync(join(ROOT, seedFile));
      const rand = mulberry32(seedFile.length * 7919);
      const codes = new Map<string, number>();
      let read = 0;
      for (let i = 0; i < 1000; i++) {
        const bad = mutate(good, rand);
        const t = performance.now();
        const r = await readReturnBytes(bad, `fuzz-${i}.docx`, ctx);
        expect(performance.now() - t, `case ${i} took too long`).toBeLessThan(2000);
        const errors = r.diagnostics.filter((d) => d.severity === 'error');
        for (const e of errors) codes.set(e.code, (codes.get(e.code) ?? 0) + 1);
        expect(errors.map((e) => e.code), `case ${i}: ${errors.map((e) => e.message).join(' | ')}`).not.toContain('READER_FAILED');
        if (r.return) read++;
        else expect(errors.length, `case ${i} gave no return and no error`).toBeGreaterThan(0);
      }
      // Mutations must exercise both paths: some still read, many are refused.
      expect(read).toBeGreaterThan(0);
      expect(codes.size).toBeGreaterThan(1);
    }, 120_000);
  }
});
