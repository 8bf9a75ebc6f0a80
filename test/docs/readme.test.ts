import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIAGNOSTIC_CODES } from '../../src/model/diagnostic-codes.js';
import { ROOT } from '../helpers/fixtures.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

describe('README.md documents what the code does', () => {
  it('lists every diagnostic code with its severity', () => {
    for (const [code, info] of Object.entries(DIAGNOSTIC_CODES)) {
      expect(readme, code).toContain(`| \`${code}\` | ${info.severity} |`);
    }
  });
  it('shows the two commands and every command', () => {
    expect(readme).toContain('npm install && npx selfeval analyse fixtures/returns/2019');
    expect(readme).toContain('npm test');
    for (const c of ['parse', 'validate', 'analyse', 'compare', 'template']) expect(readme).toContain(`### \`selfeval ${c}`);
  });
  it('has no unfilled placeholder', () => {
    expect(readme).not.toMatch(/[A-Z_]+_PLACEHOLDER/);
  });
});
