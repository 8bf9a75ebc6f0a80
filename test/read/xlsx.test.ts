import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { ReadResult } from '../../src/model/schema.js';
import { readContext } from '../../src/read/context.js';
import { readReturnBytes } from '../../src/read/read-file.js';
import { addMissingReferences, columnLetters, columnNumber, mergedAreas, prepareWorkbook } from '../../src/read/xlsx/package.js';
import { nameInTitle } from '../../src/read/xlsx/return.js';
import { headerFooterText, loadWorkbook } from '../../src/read/xlsx/workbook.js';
import { identifyPackage } from '../../src/read/package.js';
import { ZipArchive } from '../../src/read/zip/zip.js';
import { runCli } from '../helpers/cli.js';
import { BUILT_IN_TEMPLATE } from '../../src/template/load.js';
import { readFixture, ROOT } from '../helpers/fixtures.js';

/**
 * The Excel reader beyond the known answers: locations, layouts, hidden sheets,
 * formulas, the 1904 date system, producer quirks, and the guard that keeps exceljs
 * away from bytes the reader has not bounded and checked.
 */

const ctx = readContext({ template: BUILT_IN_TEMPLATE });
const read = (buf: Buffer, name = 'case.xlsx', c = ctx): Promise<ReadResult> => readReturnBytes(buf, name, c);
const fixture = (rel: string) => readFileSync(join(ROOT, rel));
const codes = (r: ReadResult, severity?: string) => r.diagnostics.filter((d) => !severity || d.severity === severity).map((d) => `${d.code} ${d.proposal}`.trim());
const errors = (r: ReadResult) => codes(r, 'error');
const overall = (r: ReadResult, id: string) => r.return!.proposals.find((p) => p.proposal === id)!.ratings.find((x) => x.respondent === 'overall')!.rating;

/** Unzips, lets `edit` change parts (text), zips again. */
function patchZip(buf: Buffer, edit: (files: Record<string, Uint8Array>, text: (name: string) => string, set: (name: string, text: string) => void) => void): Buffer {
  const files = unzipSync(new Uint8Array(buf));
  edit(
    files,
    (name) => strFromU8(files[name]!),
    (name, text) => {
      files[name] = strToU8(text);
    },
  );
  return Buffer.from(zipSync(files));
}

async function workbook(build: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const LEVELS = ['Not yet established', 'Partly established', 'Established', 'Exemplary'];

/** A plain flat return on a sheet: every local proposal Established. */
function flatSheet(ws: ExcelJS.Worksheet, name = 'Fife HSCP') {
  ws.addRow(['Name of Partnership', name]);
  ws.addRow(['Date of completion', '14/05/2019']);
  ws.addRow([]);
  ws.addRow(['Proposal', 'Rating', 'Evidence / Notes', 'Proposed improvement actions']);
  for (const p of BUILT_IN_TEMPLATE.proposals) ws.addRow([p.id, p.localCompletion ? 'Established' : 'N/A', '', '']);
}

describe('layouts, found by content', () => {
  it('reads the cohort in all three layouts, with sheet!cell locations', async () => {
    const flat = await readFixture('fixtures/returns/2019/east_renfrewshire_msg_self_eval_final.xlsx');
    expect(flat.return!.layout).toBe('excel-flat');
    expect(overall(flat, '1.3')).toMatchObject({ label: 'Established', modifier: 'plus' });
    expect(overall(flat, '1.1').location).toMatch(/^'Self-evaluation'!C\d+$/);

    const matrix = await readFixture('fixtures/returns/2019/Falkirk IJB - MSG Self Evaluation May 2019.xlsx');
    expect(matrix.return!.layout).toBe('excel-matrix');
    const split = matrix.diagnostics.find((d) => d.code === 'SPLIT_MARK')!;
    expect(split.location).toMatch(/^Falkirk!B\d+:E\d+$/);

    const plan = await readFixture('fixtures/returns/2019/Clacks and Stirling MSG self-assessment May 2019.xlsx');
    expect(plan.return!.layout).toBe('excel-action-plan');
    const p11 = plan.return!.proposals.find((p) => p.proposal === '1.1')!;
    expect(p11.ratings.map((x) => [x.respondent, x.body])).toEqual([
      ['overall', ''],
      ['ijb', 'IJB'],
      ['council', 'Clackmannanshire Council'],
      ['council', 'Stirling Council'],
      ['health_board', 'NHS Forth Valley'],
    ]);
    expect(p11.actionPlan).not.toBeNull();
    expect(p11.consensus).not.toBeNull();
  });

  it('reads an action plan whose body columns sit under a merged "Ratings" heading', async () => {
    const buf = await workbook((wb) => {
      const ws = wb.addWorksheet('Plan');
      ws.addRow(['Partnership', 'Stirling Council']);
      const top = ws.addRow(['Proposal', 'Ratings', '', '', '', 'Consensus', 'Overall Rating', 'Improvement action']);
      ws.addRow(['', 'IJB', 'Clackmannanshire Council', 'Stirling Council', 'NHS Forth Valley', '', '', '']);
      ws.mergeCells(top.number, 2, top.number, 5);
      for (const c of [1, 6, 7, 8]) ws.mergeCells(top.number, c, top.number + 1, c);
      for (const p of BUILT_IN_TEMPLATE.proposals) {
        const v = p.localCompletion ? 2 : 'N/A';
        ws.addRow([p.id, v, v, v, p.id === '1.1' ? 1 : v, p.localCompletion ? (p.id === '1.1' ? 'N' : 'Y') : 'N/A', v, '']);
      }
    });
    const r = await read(buf);
    expect(errors(r)).toEqual([]);
    expect(r.return!.partnership).toBe('Clackmannanshire and Stirling');
    expect(codes(r, 'warning')).toEqual([]);
    const p11 = r.return!.proposals.find((p) => p.proposal === '1.1')!;
    expect(p11.ratings.map((x) => `${x.respondent}/${x.body}/${x.rating.level}`)).toEqual(['overall//2', 'ijb/IJB/2', 'council/Clackmannanshire Council/2', 'council/Stirling Council/2', 'health_board/NHS Forth Valley/1']);
    expect(p11.consensus).toBe(false);
  });

  it('reads a flat sheet beside an action plan sheet like the Word appendix: template mark is the overall', async () => {
    const r = await readFixture('fixtures/cases/xlsx/flat-with-action-plan.xlsx');
    expect(r.return!.layout).toBe('excel-flat');
    const p34 = r.return!.proposals.find((p) => p.proposal === '3.4')!;
    expect(p34.ratings[0]!.rating).toMatchObject({ label: 'Partly established', flags: ['overall_conflict'] });
    expect(p34.actionPlan!.action).toBe('Plan action 3.4');
    expect(p34.improvementActions).toBe('Action 3.4'); // the template's own actions
    expect(r.diagnostics.find((d) => d.code === 'OVERALL_CONFLICTS_TEMPLATE')!.location).toMatch(/^'Action Plan'!F\d+$/);
  });

  it('does not depend on sheet order or sheet names', async () => {
    const buf = await workbook((wb) => {
      wb.addWorksheet('Notes').addRow(['Please complete the Return sheet.']);
      flatSheet(wb.addWorksheet('Zzz'));
    });
    const r = await read(buf);
    expect(errors(r)).toEqual([]);
    expect(r.return!.partnership).toBe('Fife');
    expect(overall(r, '2.1').location).toBe('Zzz!B8');
  });

  it('picks the sheet with most proposal rows when two look like returns', async () => {
    const buf = await workbook((wb) => {
      const part = wb.addWorksheet('Part');
      part.addRow(['Proposal', 'Rating', 'Evidence']);
      part.addRow(['1.1', 'Exemplary', '']);
      flatSheet(wb.addWorksheet('Full'));
    });
    const r = await read(buf);
    expect(overall(r, '1.1')).toMatchObject({ label: 'Established', location: 'Full!B5' });
  });

  it('prefers the filled-in return to a blank copy of the template on an earlier sheet', async () => {
    const buf = await workbook((wb) => {
      const blank = wb.addWorksheet('Template');
      blank.addRow(['Proposal', 'Rating', 'Evidence']);
      for (const p of BUILT_IN_TEMPLATE.proposals) blank.addRow([p.id, '', '']);
      flatSheet(wb.addWorksheet('Our return'));
    });
    const r = await read(buf);
    expect(codes(r, 'warning')).toEqual([]);
    expect(overall(r, '1.1').location).toBe("'Our return'!B5");
  });

  it('a valid workbook that is not a return is NOT_A_RETURN', async () => {
    const r = await readFixture('fixtures/cases/xlsx/not-a-return.xlsx');
    expect(r.return).toBeNull();
    expect(errors(r)).toEqual(['NOT_A_RETURN']);
  });

  it('reads a workbook whose parts have unusual names, found through the relationships', async () => {
    const buf = patchZip(fixture('fixtures/cases/xlsx/flat-dropdown.xlsx'), (files, text, set) => {
      set('_rels/.rels', text('_rels/.rels').replace('xl/workbook.xml', 'xl/book.xml'));
      set('[Content_Types].xml', text('[Content_Types].xml').replace('/xl/workbook.xml', '/xl/book.xml').replace('/xl/worksheets/sheet1.xml', '/xl/worksheets/Return.xml'));
      files['xl/book.xml'] = files['xl/workbook.xml']!;
      delete files['xl/workbook.xml'];
      set('xl/_rels/book.xml.rels', text('xl/_rels/workbook.xml.rels').replace('worksheets/sheet1.xml', 'worksheets/Return.xml'));
      delete files['xl/_rels/workbook.xml.rels'];
      files['xl/worksheets/Return.xml'] = files['xl/worksheets/sheet1.xml']!;
      delete files['xl/worksheets/sheet1.xml'];
    });
    const r = await read(buf);
    expect(errors(r)).toEqual([]);
    expect(r.return!.partnership).toBe('Angus');
    expect(overall(r, '1.3')).toMatchObject({ label: 'Established', modifier: 'plus' });
  });
});

describe('cells: merges, drop-downs, numbers, ids', () => {
  it('reads ids written "Proposal 1.1", "1(ii)", "2.(iii)", a number, and a row with the title only', async () => {
    const r = await readFixture('fixtures/cases/xlsx/flat-dropdown.xlsx');
    expect(overall(r, '1.1').location).toBe('Return!C8');
    expect(overall(r, '2.3').raw).toBe('Not yet established');
    expect(overall(r, '2.5')).toMatchObject({ label: 'Exemplary', raw: '4' });
    expect(r.diagnostics.find((d) => d.code === 'PROPOSAL_BY_TITLE')).toMatchObject({ proposal: '2.4', location: 'Return!B15' });
  });

  it('never takes a merged title row for a header', async () => {
    const buf = await workbook((wb) => {
      const ws = wb.addWorksheet('R');
      ws.addRow(['Proposal Rating Evidence']);
      ws.mergeCells('A1:D1');
      flatSheet(ws);
    });
    const r = await read(buf);
    expect(errors(r)).toEqual([]);
    expect(overall(r, '1.1').location).toBe('R!B6');
  });

  it('reads on past a two-row header repeated mid-table, without warnings', async () => {
    const buf = await workbook((wb) => {
      const ws = wb.addWorksheet('R');
      ws.addRow(['Name of Partnership', 'Fife HSCP']);
      const header = () => {
        const top = ws.addRow(['Proposal', 'Rating', '', '', '', 'Evidence']);
        ws.addRow(['', ...LEVELS, '']);
        ws.mergeCells(top.number, 2, top.number, 5);
        ws.mergeCells(top.number, 1, top.number + 1, 1);
        ws.mergeCells(top.number, 6, top.number + 1, 6);
      };
      header();
      for (const p of BUILT_IN_TEMPLATE.proposals) {
        if (p.id === '4.1') header();
        ws.addRow([`Proposal ${p.id}`, '', p.localCompletion ? 'X' : '', '', '', '']);
      }
    });
    const r = await read(buf);
    expect(r.return!.layout).toBe('excel-matrix');
    expect(codes(r, 'warning')).toEqual([]);
    expect(r.return!.proposals.filter((p) => p.ratings[0]!.rating.level === 2)).toHaveLength(22);
  });

  it('a merged "not for local completion" across the level columns is not a mark', async () => {
    const r = await readFixture('fixtures/cases/xlsx/matrix-two-row.xlsx');
    expect(overall(r, '3.2')).toMatchObject({ label: 'Not for local completion', flags: [] });
    expect(codes(r, 'warning')).toEqual(['SPLIT_MARK 4.2', 'NO_MARK 6.2']);
  });
});

describe('hidden sheets and formulas', () => {
  it('uses cached formula results, never reads hidden sheets, and flags a formula with no cached value', async () => {
    const r = await readFixture('fixtures/cases/xlsx/flat-formulas-hidden.xlsx');
    const hidden = r.diagnostics.find((d) => d.code === 'HIDDEN_SHEET')!;
    expect(hidden.severity).toBe('info');
    expect(hidden.message).toMatch(/"Lookup".*"Old return"/);
    expect(overall(r, '2.5')).toMatchObject({ label: 'Exemplary' }); // the very hidden old return says Exemplary everywhere
    expect(overall(r, '1.1')).toMatchObject({ label: 'Established', raw: 'Established' });
    expect(overall(r, '3.4')).toMatchObject({ label: 'Not rated', flags: ['formula_no_cache'], location: 'Return!D17' });
    expect(r.diagnostics.find((d) => d.code === 'FORMULA_NO_CACHE')).toMatchObject({ severity: 'warning', proposal: '3.4', location: 'Return!D17' });
  });

  it('a return only on a hidden sheet is not read: NOT_A_RETURN saying the hidden sheets were skipped', async () => {
    const buf = patchZip(fixture('fixtures/cases/xlsx/flat-dropdown.xlsx'), (_f, text, set) => {
      set('xl/workbook.xml', text('xl/workbook.xml').replace('state="visible"', 'state="hidden"'));
    });
    const r = await read(buf);
    expect(r.return).toBeNull();
    expect(codes(r)).toEqual(['NOT_A_RETURN']);
    expect(r.diagnostics[0]!.message).toMatch(/hidden sheets \("Return"\) were not read/);
  });

  it('formulas with no cached value in an action plan and a matrix are FORMULA_NO_CACHE, not blank', async () => {
    const buf = await workbook((wb) => {
      const ws = wb.addWorksheet('Plan');
      ws.addRow(['Partnership:', 'Angus HSCP']);
      ws.addRow(['Proposal', 'IJB Rating', 'Council Rating', 'HB Rating', 'Consensus', 'Overall Rating', 'Improvement action']);
      for (const p of BUILT_IN_TEMPLATE.proposals) {
        const v = p.localCompletion ? 'Established' : 'N/A';
        if (p.id === '1.1') ws.addRow([p.id, { formula: 'Lookup!A1' }, v, v, 'Y', { formula: 'Lookup!A2' }, 'x']);
        else ws.addRow([p.id, v, v, v, p.localCompletion ? 'Y' : 'N/A', v, 'x']);
      }
    });
    const r = await read(buf);
    const p11 = r.return!.proposals.find((p) => p.proposal === '1.1')!;
    expect(p11.ratings.map((x) => [x.respondent, x.rating.label, x.rating.flags])).toEqual([
      ['overall', 'Not rated', ['formula_no_cache']],
      ['ijb', 'Not rated', ['formula_no_cache']],
      ['council', 'Established', []],
      ['health_board', 'Established', []],
    ]);
    expect(codes(r, 'warning')).toEqual(['FORMULA_NO_CACHE 1.1', 'FORMULA_NO_CACHE 1.1']);

    const m = await workbook((wb) => {
      const ws = wb.addWorksheet('M');
      ws.addRow(['Name of Partnership', 'Angus HSCP']);
      ws.addRow(['Proposal', ...LEVELS, 'Evidence']);
      for (const p of BUILT_IN_TEMPLATE.proposals) ws.addRow([p.id, p.id === '2.1' ? { formula: 'IF(1,"","X")' } : '', p.localCompletion && p.id !== '2.1' ? 'X' : '', '', '', '']);
    });
    const rm = await read(m);
    expect(overall(rm, '2.1')).toMatchObject({ label: 'Not rated', flags: ['formula_no_cache'] });
    expect(codes(rm, 'warning')).toEqual(['FORMULA_NO_CACHE 2.1']);
  });
});

describe('dates', () => {
  it('corrects the 1904 date system exceljs ignores when written "true" (LibreOffice)', async () => {
    expect((await readFixture('fixtures/cases/xlsx/date1904.xlsx')).return!.completedOn).toBe('2019-05-20');
    expect((await readFixture('fixtures/cases/xlsx/libreoffice/date1904.xlsx')).return!.completedOn).toBe('2019-05-20');
  });

  it('does not correct twice when date1904 is written "1" (which exceljs honours)', async () => {
    const buf = patchZip(fixture('fixtures/cases/xlsx/date1904.xlsx'), (_f, text, set) => {
      set('xl/workbook.xml', text('xl/workbook.xml').replace('date1904="true"', 'date1904="1"'));
    });
    expect((await read(buf)).return!.completedOn).toBe('2019-05-20');
  });

  it('reads a date typed into a cell not formatted as a date (its serial number)', async () => {
    const buf = await workbook((wb) => {
      const ws = wb.addWorksheet('R');
      flatSheet(ws);
      ws.getCell('B2').value = 43599; // 14 May 2019
    });
    expect((await read(buf)).return!.completedOn).toBe('2019-05-14');
  });
});

describe('partnership, status', () => {
  it('finds a partnership named in a title, never by a health board name', () => {
    expect(nameInTitle(ctx, 'Health and Social Care Moray – Integration Review Self-evaluation')).toBe('Health and Social Care Moray');
    expect(nameInTitle(ctx, 'Glasgow City IJB: Self-evaluation of Integration Arrangements')).toBe('Glasgow City IJB');
    expect(nameInTitle(ctx, 'NHS Greater Glasgow and Clyde self-evaluation')).toBeNull();
    expect(nameInTitle(ctx, 'NHS Highland')).toBeNull();
    expect(nameInTitle(ctx, 'Self-evaluation 2019')).toBeNull();
    expect(nameInTitle(ctx, 'Fife and Falkirk joint return')).toBeNull();
  });

  it('takes the partnership from the workbook title when no cell names it', async () => {
    const r = await readFixture('fixtures/cases/xlsx/flat-formulas-hidden.xlsx');
    expect(r.return!.partnershipAsWritten).toBe('Inverclyde HSCP');
  });

  it('a DRAFT page header makes a draft', async () => {
    const buf = await workbook((wb) => {
      const ws = wb.addWorksheet('R');
      flatSheet(ws);
      ws.headerFooter.oddHeader = '&L&"Arial,Bold"&14DRAFT&ROfficial';
    });
    const r = await read(buf);
    expect(r.return).toMatchObject({ status: 'draft', statusReason: 'page header' });
  });

  it('strips Excel header codes', () => {
    expect(headerFooterText('&L&"Arial,Bold"&14DRAFT&R&P of &N')).toBe('DRAFT of');
    expect(headerFooterText('&C&KFF0000Draft && final')).toBe('Draft & final');
  });
});

describe('the guard before exceljs', () => {
  it('refuses a DOCTYPE in any XML part, even one exceljs would not read', async () => {
    const doctype = '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>';
    for (const part of ['xl/worksheets/sheet1.xml', 'docProps/app.xml']) {
      const buf = patchZip(fixture('fixtures/cases/xlsx/flat-dropdown.xlsx'), (_f, text, set) => {
        set(part, text(part).replace(/^(<\?xml[^>]*\?>)/, `$1${doctype}`));
      });
      const r = await read(buf);
      expect(errors(r), part).toEqual(['XML_DOCTYPE']);
      expect(r.diagnostics[0]!.location).toBe(part);
    }
  });

  it('checks sizes and checksums itself: a corrupt part is ZIP_CRC_MISMATCH, limits apply', async () => {
    const buf = Buffer.from(fixture('fixtures/cases/xlsx/flat-dropdown.xlsx'));
    // Change the recorded CRC of sheet1.xml in the central directory.
    const name = Buffer.from('xl/worksheets/sheet1.xml');
    let p = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    while (p >= 0 && !buf.subarray(p + 46, p + 46 + name.length).equals(name)) p = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), p - 1);
    buf.writeUInt32LE((buf.readUInt32LE(p + 16) ^ 0xffff) >>> 0, p + 16);
    expect(errors(await read(buf))).toEqual(['ZIP_CRC_MISMATCH']);
    const small = readContext({ template: BUILT_IN_TEMPLATE, limits: { maxPartBytes: 2000 } });
    expect(errors(await read(fixture('fixtures/cases/xlsx/flat-dropdown.xlsx'), 'case.xlsx', small))).toEqual(['ZIP_LIMIT_EXCEEDED']);
  });

  it('a sheet that is not well-formed is XML_MALFORMED with a plain message, not READER_FAILED', async () => {
    const buf = patchZip(fixture('fixtures/cases/xlsx/flat-dropdown.xlsx'), (_f, text, set) => {
      set('xl/worksheets/sheet1.xml', text('xl/worksheets/sheet1.xml').replace('</sheetData>', '</sheetDat>'));
    });
    const r = await read(buf);
    expect(errors(r)).toEqual(['XML_MALFORMED']);
    expect(r.diagnostics[0]!.message).toMatch(/save it again/);
  });

  it('reads inline strings in a workbook with no shared strings part (as some producers write)', async () => {
    const buf = patchZip(fixture('fixtures/cases/xlsx/flat-dropdown.xlsx'), (files, text, set) => {
      const strings = [...text('xl/sharedStrings.xml').matchAll(/<si>(.*?)<\/si>/gs)].map((m) => m[1]!);
      set('xl/worksheets/sheet1.xml', text('xl/worksheets/sheet1.xml').replace(/<c r="([A-Z]+\d+)"([^>]*?) t="s"([^>]*)><v>(\d+)<\/v><\/c>/g, (_m, ref: string, a: string, b: string, i: string) => `<c r="${ref}"${a} t="inlineStr"${b}><is>${strings[+i]}</is></c>`));
      delete files['xl/sharedStrings.xml'];
    });
    const r = await read(buf);
    expect(r.return!.partnership).toBe('Angus');
    expect(overall(r, '1.3')).toMatchObject({ label: 'Established', modifier: 'plus' });
    expect(codes(r, 'warning')).toEqual(['NO_MARK 4.4', 'UNRECOGNISED_MARK 5.2']);
  });

  it('reads SpreadsheetML written with a namespace prefix (<x:row>, as the Open XML SDK may write)', async () => {
    const prefixed = (xml: string) =>
      xml
        .replace(/<(\/?)([A-Za-z])/g, '<$1x:$2')
        .replace(/<x:(\/?)x:/g, '<x:$1')
        .replace(/^<x:\?xml/, '<?xml')
        .replace(/xmlns="http:\/\/schemas.openxmlformats.org\/spreadsheetml\/2006\/main"/, 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"');
    const buf = patchZip(fixture('fixtures/cases/xlsx/flat-dropdown.xlsx'), (_f, text, set) => {
      for (const part of ['xl/worksheets/sheet1.xml', 'xl/sharedStrings.xml']) set(part, prefixed(text(part)));
    });
    expect(strFromU8(unzipSync(new Uint8Array(buf))['xl/worksheets/sheet1.xml']!)).toMatch(/<x:row r="1"/);
    const r = await read(buf);
    expect(errors(r)).toEqual([]);
    expect(overall(r, '1.3')).toMatchObject({ label: 'Established', modifier: 'plus' });
  });

  it('gives rows and cells without r attributes their implied references', () => {
    expect(addMissingReferences('<sheetData><row><c t="s"><v>0</v></c><c/></row><row r="5"><c r="C5"/><c/></row><row/></sheetData>')).toBe(
      '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"/></row><row r="5"><c r="C5"/><c r="D5"/></row><row r="6"/></sheetData>',
    );
    const untouched = '<sheetData><row r="1"><c r="A1"/></row><cols><col min="1"/></cols></sheetData>';
    expect(addMissingReferences(untouched)).toBe(untouched);
    expect(columnLetters(28)).toBe('AB');
    expect(columnNumber('AB')).toBe(28);
  });

  it('imports exceljs statically only inside src/read/xlsx (it costs ~210 ms to load)', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const n of readdirSync(dir)) {
        const p = join(dir, n);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.ts$/.test(n) && !p.includes(join('src', 'read', 'xlsx')) && /from ['"]exceljs['"]/.test(readFileSync(p, 'utf8'))) offenders.push(p);
      }
    };
    walk(join(ROOT, 'src'));
    expect(offenders).toEqual([]);
    expect(readFileSync(join(ROOT, 'src/read/read-file.ts'), 'utf8')).toMatch(/await import\('\.\/xlsx\/return\.js'\)/);
  });
});

describe('merged areas, applied by the reader rather than exceljs', () => {
  // exceljs makes an object for every cell a merge covers (<mergeCell ref="A1:GR5000"/> is a
  // million) and checks each merge against every earlier one. The reader reads the list
  // itself and applies it over the rows in use, with the same result.
  const sheetWith = async (merges: string, fill: (ws: ExcelJS.Worksheet) => void) => {
    const wb = new ExcelJS.Workbook();
    fill(wb.addWorksheet('Sheet1'));
    const buf = patchZip(Buffer.from(await wb.xlsx.writeBuffer()), (_f, text, set) => {
      set('xl/worksheets/sheet1.xml', text('xl/worksheets/sheet1.xml').replace('</sheetData>', `</sheetData>${merges}`));
    });
    const zip = ZipArchive.open(buf);
    return prepareWorkbook(zip, identifyPackage(zip));
  };

  it('reads the list as an XML parser does: references in any form Excel or others write, entities decoded', () => {
    const xml = `<worksheet><sheetData/><mergeCells count="6"><mergeCell ref="A1:D1"/><mergeCell ref='$A$3:$GR$5000'></mergeCell><x:mergeCell ref="B2:b2"/><mergeCell
      foo="a>b" ref=" D9 : A7 "/><mergeCell ref="C&#51;:C&#52;"/></mergeCells></worksheet>`;
    expect(mergedAreas(xml, 'xl/worksheets/sheet1.xml')).toEqual([
      { top: 1, left: 1, bottom: 1, right: 4 },
      { top: 3, left: 1, bottom: 5000, right: 200 },
      { top: 7, left: 1, bottom: 9, right: 4 },
      { top: 3, left: 3, bottom: 4, right: 3 },
    ]); // B2:B2 is one cell: nothing merged
    expect(mergedAreas('<worksheet><sheetData/></worksheet>', 'p')).toEqual([]);
    // A comment could hold "<mergeCells": such a part is parsed whole, and the comment is not read.
    expect(mergedAreas('<worksheet><!-- <mergeCells><mergeCell ref="A1:Z9"/></mergeCells> --><mergeCells><mergeCell ref="A1:B1"/></mergeCells></worksheet>', 'p')).toEqual([{ top: 1, left: 1, bottom: 1, right: 2 }]);
  });

  it('reads only <mergeCell> inside the sheet\'s own list, however the part is laid out', () => {
    const list = '<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>';
    const one = [{ top: 1, left: 1, bottom: 1, right: 2 }];
    // A stray element outside the list, or a list of another namespace, is not read, with or without a comment in the part.
    for (const comment of ['', '<!-- c -->']) {
      expect(mergedAreas(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${comment}<mergeCell ref="C1:D9"/>${list}<extLst><y:mergeCells xmlns:y="urn:other"><y:mergeCell ref="E1:F9"/></y:mergeCells></extLst></worksheet>`, 'p'), comment).toEqual(one);
    }
    // An empty list before the real one, and a part of many empty lists (the search for each list's end was quadratic).
    expect(mergedAreas(`<worksheet><mergeCells count="0"/>${list}</worksheet>`, 'p')).toEqual(one);
    expect(mergedAreas(`<worksheet>${'<mergeCells/>'.repeat(100000)}${list}</worksheet>`, 'p')).toEqual(one);
  });

  it('a reference that is not a cell range is a damaged file (XML_MALFORMED), not a guess', () => {
    for (const ref of ['A1:GR5000x', 'A1:GR5000:B2', 'A1:A10000000', 'A1:XFE1', 'A0:B2', 'A1:GR&#9;5000', ''])
      expect(() => mergedAreas(`<worksheet><mergeCells><mergeCell ref="${ref}"/></mergeCells></worksheet>`, 'xl/worksheets/sheet1.xml'), ref).toThrow(/not a cell range/);
  });

  it('a merge shows its first cell across the rows in use and hides the cells it covers', async () => {
    const prepared = await sheetWith('<mergeCells count="1"><mergeCell ref="A1:CW101"/></mergeCells>', (ws) => {
      ws.getCell('A1').value = 'Heading';
      ws.getCell('C2').value = 'covered'; // inside the merge: Excel shows the heading, not this
      ws.getCell('CX5').value = 'outside'; // column 102, beyond the merge: the rows in use end at 5
    });
    expect(prepared.sheets[0]!.merges).toEqual([{ top: 1, left: 1, bottom: 101, right: 101 }]);
    const [sheet] = await loadWorkbook(prepared);
    expect(sheet!.rows).toEqual([1, 2, 3, 4, 5]);
    expect(sheet!.at(2, 3)).toMatchObject({ text: 'Heading', merged: true, location: 'Sheet1!A1', masterRow: 1, masterCol: 1 });
    expect(sheet!.at(5, 101)).toMatchObject({ text: 'Heading', merged: true });
    expect(sheet!.at(1, 1)).toMatchObject({ text: 'Heading', merged: false });
    expect(sheet!.at(6, 1)).toMatchObject({ text: '', merged: false }); // below the rows in use
    expect(sheet!.at(5, 102)).toMatchObject({ text: 'outside', merged: false });
    expect(sheet!.row(2).filter((c) => c.text === 'covered')).toEqual([]);
  });

  it('two merges over one cell are a damaged file, as exceljs said', async () => {
    const prepared = await sheetWith('<mergeCells count="2"><mergeCell ref="A1:B2"/><mergeCell ref="B2:C3"/></mergeCells>', (ws) => {
      ws.getCell('A1').value = 'x';
    });
    await expect(loadWorkbook(prepared)).rejects.toMatchObject({ code: 'XML_MALFORMED', message: expect.stringMatching(/two merged areas over cell B2/) });
  });

  it('merges over more of the read window than any return, across a workbook\'s sheets, are refused before exceljs runs', async () => {
    const wb = new ExcelJS.Workbook();
    for (let i = 1; i <= 5; i++) wb.addWorksheet(`Sheet${i}`).getCell('A1').value = 'x';
    const buf = patchZip(Buffer.from(await wb.xlsx.writeBuffer()), (_f, text, set) => {
      for (let i = 1; i <= 5; i++) {
        const part = `xl/worksheets/sheet${i}.xml`;
        set(part, text(part).replace('</sheetData>', '</sheetData><mergeCells count="1"><mergeCell ref="A1:GR5000"/></mergeCells>'));
      }
    });
    // One such sheet is read (1 million grid cells); five are 5 million, over the 4 million allowed.
    const zip = ZipArchive.open(buf);
    await expect(loadWorkbook(prepareWorkbook(zip, identifyPackage(zip)))).rejects.toMatchObject({ code: 'READ_OUT_OF_MEMORY' });
    // What counts is the area the merges reach, not how far down they are: small merges near row 5,000 on every sheet are read.
    const corner = patchZip(Buffer.from(await wb.xlsx.writeBuffer()), (_f, text, set) => {
      for (let i = 1; i <= 5; i++) {
        const part = `xl/worksheets/sheet${i}.xml`;
        set(part, text(part).replace('</sheetData>', '</sheetData><mergeCells count="1"><mergeCell ref="GQ4999:GR5000"/></mergeCells>'));
      }
    });
    const zip2 = ZipArchive.open(corner);
    expect((await loadWorkbook(prepareWorkbook(zip2, identifyPackage(zip2)))).map((sh) => sh.at(1, 1).text)).toEqual(['x', 'x', 'x', 'x', 'x']);
  });

  it('hundreds of thousands of merges, large or small, cost no time per merge per row (exceljs compared every pair)', async () => {
    // One-row merges of 10,001 cells each down a sheet (Excel opens such a file), and 30,000
    // two-cell merges: exceljs took seconds to minutes on these (it compares every pair).
    const big = Array.from({ length: 5000 }, (_, i) => `<mergeCell ref="GR${i + 1}:NWH${i + 1}"/>`).join('');
    const small = Array.from({ length: 30000 }, (_, i) => `<mergeCell ref="A${i + 1}:B${i + 1}"/>`).join('');
    // Merges right of the columns read, over every row, repeated (overlaps there are not looked for).
    const beside = '<mergeCell ref="A4999:A5000"/>' + '<mergeCell ref="GS1:GT5000"/>'.repeat(300000);
    for (const list of [big, small, beside]) {
      const prepared = await sheetWith(`<mergeCells>${list}</mergeCells>`, (ws) => {
        for (let r = 1; r <= 5000; r++) ws.getCell(r, 1).value = `row ${r}`;
        ws.getCell(5000, 200).value = 'edge';
      });
      const t = performance.now();
      const [sheet] = await loadWorkbook(prepared);
      for (const r of sheet!.rows) sheet!.row(r);
      // Not a timing assertion on speed, a bound on a time bomb: seconds here mean a quadratic path is back.
      expect(performance.now() - t).toBeLessThan(5000);
    }
  }, 60_000);

  it('a return with a merge of a million cells beside or below its data reads as without it, within a 128 MB reader (it ran out of memory)', () => {
    const src = 'fixtures/returns/2019/Falkirk IJB - MSG Self Evaluation May 2019.xlsx';
    const dir = mkdtempSync(join(tmpdir(), 'selfeval-merge-'));
    const withMerge = (ref: string) => {
      const file = join(dir, `${ref.replace(':', '-')} Falkirk IJB - MSG Self Evaluation May 2019.xlsx`);
      writeFileSync(
        file,
        patchZip(fixture(src), (_f, text, set) => {
          set('xl/worksheets/sheet1.xml', text('xl/worksheets/sheet1.xml').replace(/<mergeCells count="(\d+)">/, (_m, n: string) => `<mergeCells count="${+n + 1}"><mergeCell ref="${ref}"/>`));
        }),
      );
      return file;
    };
    const parse = (p: string) => {
      const r = runCli(['parse', p, '--format', 'json', '--max-memory', '128', '-q']);
      const [res] = JSON.parse(r.stdout).results as ReadResult[];
      return { ratings: res!.return?.proposals.map((q) => [q.proposal, q.ratings.map((x) => x.rating.label)]), codes: codes(res!) };
    };
    const plain = parse(src);
    // Rows 34 onwards and columns H onwards are empty in this return: such merges show nothing.
    expect(parse(withMerge('A40:GR5000'))).toEqual(plain);
    expect(parse(withMerge('H1:GR5000'))).toEqual(plain);
    // Over the title's own merge (A1:G1): a damaged file, said at once.
    expect(parse(withMerge('A1:GR5000')).codes).toEqual(['XML_MALFORMED']);
  }, 60_000);
});
