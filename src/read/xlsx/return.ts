import { ReadError } from '../../model/diagnostics.js';
import type { Diagnostic } from '../../model/schema.js';
import type { ReturnDraft } from '../assemble.js';
import type { ReadContext } from '../context.js';
import type { ZipArchive } from '../zip/zip.js';

/** Placeholder until the Excel reader lands: says so plainly rather than guessing. */
export async function readXlsxReturn(_zip: ZipArchive, _buf: Buffer, mainPart: string, _file: string, _ctx: ReadContext, _sha256: string): Promise<{ draft: ReturnDraft; diagnostics: Diagnostic[] }> {
  throw new ReadError('NOT_A_RETURN', 'Excel returns are not read yet.', mainPart);
}
