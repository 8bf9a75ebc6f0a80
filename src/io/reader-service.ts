import { readContext, type ReadOptions } from '../read/context.js';
import { readReturnBytes } from '../read/read-file.js';

export type ReaderRequest = { kind: 'init'; options: ReadOptions; preloadWorkbooks?: boolean } | { kind: 'read'; id: number; file: string; bytes: Uint8Array };

/**
 * What a reader process does: answers `read` requests one at a time, in the order sent
 * (the pool matches answers to requests first in, first out). Each file is read under
 * the heap cap the pool gives the process (--max-old-space-size), so a file that
 * exhausts memory — which V8 treats as fatal, uncatchable even in a worker thread — or
 * hangs takes only this process down, and the batch carries on with a fresh one.
 */
export function serveReads(): void {
  let ctx: ReturnType<typeof readContext> | null = null;
  let chain: Promise<void> = Promise.resolve();
  process.on('message', (msg: ReaderRequest) => {
    if (msg.kind === 'init') {
      ctx = readContext(msg.options);
      // This reader will meet workbooks: load the Excel reader and exceljs (~70 ms) while the first files travel.
      if (msg.preloadWorkbooks) void import('../read/xlsx/workbook.js').catch(() => undefined);
      return;
    }
    const bytes = Buffer.from(msg.bytes.buffer, msg.bytes.byteOffset, msg.bytes.byteLength);
    chain = chain.then(async () => {
      const result = await readReturnBytes(bytes, msg.file, ctx!);
      process.send!({ id: msg.id, result });
    });
  });
  process.on('disconnect', () => process.exit(0));
  // Tells the pool this process started (one from a snapshot V8 refused never gets here).
  process.send?.({ kind: 'ready' });
}
