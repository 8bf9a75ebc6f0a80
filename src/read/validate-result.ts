import { diagnostic } from '../model/diagnostics.js';
import type { ReadResult } from '../model/schema.js';

type Schema = (typeof import('../model/schema.js'))['ReadResultSchema'];

/**
 * The boundary: a result from a reader process is checked against the model's zod
 * schema before anything trusts its types (zod is loaded here, in the main process,
 * so readers start faster). A result that fails is a reader bug, reported as
 * READER_FAILED for that file rather than passed on.
 */
export async function resultValidator(): Promise<(r: ReadResult) => ReadResult> {
  const schema: Schema = (await import('../model/schema.js')).ReadResultSchema;
  return (r) => {
    const parsed = schema.safeParse(r);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    return {
      file: String(r.file),
      sha256: typeof r.sha256 === 'string' ? r.sha256 : '',
      return: null,
      diagnostics: [
        ...(Array.isArray(r.diagnostics) ? r.diagnostics : []),
        diagnostic(String(r.file), 'READER_FAILED', '', `The reader produced an invalid result (${issue?.message} at ${issue?.path.join('.')}). This is a bug in selfeval: please report it with the file.`),
      ],
    };
  };
}
