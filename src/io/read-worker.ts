import { readContext, type ReadOptions } from '../read/context.js';
import { readReturnBytes } from '../read/read-file.js';

/**
 * A reader process. Each file is read here, under the heap cap the pool gives the
 * process (--max-old-space-size), so a file that exhausts memory — which V8 treats
 * as fatal, uncatchable even in a worker thread — or hangs takes only this process
 * down, and the batch carries on with a fresh one.
 */
let ctx: ReturnType<typeof readContext> | null = null;

process.on('message', async (msg: { kind: 'init'; options: ReadOptions } | { kind: 'read'; id: number; file: string; bytes: Uint8Array }) => {
  if (msg.kind === 'init') {
    ctx = readContext(msg.options);
    return;
  }
  const bytes = Buffer.from(msg.bytes.buffer, msg.bytes.byteOffset, msg.bytes.byteLength);
  const result = await readReturnBytes(bytes, msg.file, ctx!);
  process.send!({ id: msg.id, result });
});
process.on('disconnect', () => process.exit(0));
