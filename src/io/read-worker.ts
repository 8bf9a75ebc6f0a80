import { parentPort, workerData } from 'node:worker_threads';
import { readContext, type ReadOptions } from '../read/context.js';
import { readReturnBytes } from '../read/read-file.js';

/**
 * A reader thread. Each file is read here, under the heap cap the pool gives the
 * thread, so a file that exhausts memory or hangs takes only this thread down.
 */
const ctx = readContext(workerData as ReadOptions);

parentPort!.on('message', async (msg: { id: number; file: string; bytes: Uint8Array }) => {
  const result = await readReturnBytes(Buffer.from(msg.bytes.buffer, msg.bytes.byteOffset, msg.bytes.byteLength), msg.file, ctx);
  parentPort!.postMessage({ id: msg.id, result });
});
