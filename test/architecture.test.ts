import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/fixtures.js';

/**
 * The layers stay visible (STYLE.md rule 2): analysis is pure, renderers return
 * strings, and only src/io and src/cli.ts touch the file system or the streams.
 */
function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(ROOT, dir))) {
    const p = join(dir, name);
    if (statSync(join(ROOT, p)).isDirectory()) out.push(...sources(p));
    else if (name.endsWith('.ts')) out.push(p);
  }
  return out;
}

describe('architecture', () => {
  it('src/analysis and src/model are pure: no file system, process, console or terminal libraries', () => {
    for (const f of [...sources('src/analysis'), ...sources('src/model')]) {
      const text = readFileSync(join(ROOT, f), 'utf8');
      expect(text, f).not.toMatch(/from 'node:fs'|from 'fs'|\bprocess\.|console\.|from 'chalk'|from 'cli-table3'/);
    }
  });
  it('src/report renders strings: no file system, console or process streams', () => {
    for (const f of sources('src/report')) {
      const text = readFileSync(join(ROOT, f), 'utf8');
      expect(text, f).not.toMatch(/from 'node:fs'|console\.|process\.std(out|err)/);
    }
  });
  it('only cli.ts writes to stdout and stderr', () => {
    for (const f of sources('src').filter((x) => !x.endsWith('cli.ts') && !x.endsWith('progress.ts'))) {
      const text = readFileSync(join(ROOT, f), 'utf8');
      expect(text, f).not.toMatch(/process\.std(out|err)\.write|console\.(log|error|warn)/);
    }
  });
});
