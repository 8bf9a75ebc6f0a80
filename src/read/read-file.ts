import { createHash } from 'node:crypto';
import { diagnostic, ReadError } from '../model/diagnostics.js';
import type { Diagnostic, ReadResult } from '../model/schema.js';
import { assembleReturn, type ReturnDraft } from './assemble.js';
import type { ReadContext } from './context.js';
import { readDocxReturn } from './docx/return.js';
import { identifyPackage } from './package.js';
import { sniff } from './sniff.js';
import { ZipArchive } from './zip/zip.js';

/**
 * One file's bytes → a ReadResult (not yet validated: see `validateResult`). Every failure becomes an error diagnostic with
 * its specific code; nothing escapes. The Excel reader (and exceljs, ~70 ms to
 * load) is imported only when a workbook is met.
 */
export async function readReturnBytes(buf: Buffer, file: string, ctx: ReadContext): Promise<ReadResult> {
  const diags: Diagnostic[] = [];
  const sha256 = createHash('sha256').update(buf).digest('hex');
  try {
    sniff(buf, file);
    const zip = ZipArchive.open(buf, ctx.limits);
    if (zip.has('mimetype') && /^application\/vnd\.oasis\.opendocument/.test(zip.readText('mimetype')))
      throw new ReadError('OPENDOCUMENT_FILE', 'This is an OpenDocument file (LibreOffice .odt/.ods). Open it and save it as Word (.docx) or Excel (.xlsx), then run again.', 'mimetype');
    const pkg = identifyPackage(zip);
    const ext = file.toLowerCase().slice(file.lastIndexOf('.') + 1);
    let out: { draft: ReturnDraft; diagnostics: Diagnostic[] };
    if (pkg.kind === 'docx') {
      if (/^xls[xm]?$/.test(ext)) diags.push(diagnostic(file, 'WRONG_EXTENSION', pkg.mainPart, `The file is named .${ext} but is a Word document; it is read as Word.`));
      out = readDocxReturn(zip, pkg, file, ctx);
    } else if (pkg.kind === 'xlsx') {
      if (/^doc[xm]?$/.test(ext)) diags.push(diagnostic(file, 'WRONG_EXTENSION', pkg.mainPart, `The file is named .${ext} but is an Excel workbook; it is read as Excel.`));
      const { readXlsxReturn } = await import('./xlsx/return.js');
      out = await readXlsxReturn(zip, pkg, file, ctx);
    } else {
      throw new ReadError('NOT_A_RETURN', `This is ${pkg.kind === 'pptx' ? 'a PowerPoint presentation' : `an Office package of an unexpected kind (${pkg.contentType || 'no content type'})`}, not a Word or Excel return.`, pkg.mainPart);
    }
    diags.push(...out.diagnostics);
    const { ret, diagnostics } = assembleReturn(file, sha256, out.draft, ctx);
    diags.push(...diagnostics);
    // Validated against the model's schema where it crosses into the main process (read-batch.ts).
    return { file, sha256, return: ret, diagnostics: diags };
  } catch (err) {
    if (err instanceof ReadError) {
      diags.push(diagnostic(file, err.code, err.location, err.message));
    } else {
      const msg = err instanceof Error ? err.message : String(err);
      diags.push(diagnostic(file, 'READER_FAILED', '', `selfeval failed unexpectedly while reading this file (${msg.split('\n')[0]}). This is a bug: please report it with the file.`));
    }
    return { file, sha256, return: null, diagnostics: diags };
  }
}

