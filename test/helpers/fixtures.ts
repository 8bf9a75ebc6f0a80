import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { readContext } from '../../src/read/context.js';
import { readReturnBytes } from '../../src/read/read-file.js';
import { BUILT_IN_TEMPLATE } from '../../src/template/load.js';
import type { ReadResult } from '../../src/model/schema.js';

export const ROOT = join(import.meta.dirname, '../..');

/** A known-answer file as the fixture generators and hand-written answers give it. */
export type Expected = {
  file: string;
  partnership: string;
  status: 'final' | 'draft';
  completedOn: string | null;
  contact?: string;
  partnershipAsWritten?: string;
  proposals: Record<string, { label: string; level: number | null; modifier: 'plus' | 'minus' | null; flags: string[]; evidenceWords?: number; improvementActions?: string }>;
  evidence?: Record<string, string>;
  bodies?: Record<string, { respondent: string; body: string; label: string; level: number | null; modifier: string | null }[]>;
  consensus?: Record<string, boolean | null>;
  diagnostics: { code: string; proposal: string }[];
};

export function listExpected(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.json')) out.push(p);
    }
  };
  walk(join(ROOT, dir));
  return out;
}

export function loadExpected(path: string): Expected {
  return JSON.parse(readFileSync(path, 'utf8')) as Expected;
}

const ctx = readContext({ template: BUILT_IN_TEMPLATE });

/** Reads a fixture in this process (no worker), as the reader sees it. */
export async function readFixture(file: string): Promise<ReadResult> {
  return readReturnBytes(readFileSync(join(ROOT, file)), file, ctx);
}

export function rel(p: string): string {
  return relative(ROOT, p).split('\\').join('/');
}
