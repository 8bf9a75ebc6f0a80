import { readdirSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { startupSnapshot } from 'node:v8';
import { serveReads } from './reader-service.js';
import { readContext } from '../read/context.js';
import { readReturnBytes } from '../read/read-file.js';
import { BUILT_IN_TEMPLATE } from '../template/load.js';
// The Excel reader and exceljs are in the snapshot too: a reader that meets a workbook
// no longer spends ~70 ms loading them.
import '../read/xlsx/return.js';

/**
 * The reader as a V8 startup snapshot (`node --build-snapshot`, run by the build; see
 * esbuild.config.mjs). A reader started from the snapshot begins with its modules already
 * loaded and evaluated, instead of reading and compiling them first. The snapshot is
 * tied to the Node binary and V8 flags that built it; reader-pool.ts uses it only when
 * both match and falls back to read-worker.js otherwise.
 */

/** Reads the returns in these folders once, answers discarded. */
async function warmUp(dirs: readonly string[]): Promise<void> {
  const ctx = readContext({ template: BUILT_IN_TEMPLATE });
  for (const dir of dirs) {
    let names: string[] = [];
    try {
      names = readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile() && /\.(docx|docm|xlsx|xlsm)$/i.test(e.name)).map((e) => e.name).sort();
    } catch {
      continue;
    }
    for (const name of names) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(join(dir, name));
      } catch {
        continue; // a warm-up file that cannot be read is simply not read
      }
      await readReturnBytes(bytes, name, ctx);
    }
  }
}

if (startupSnapshot?.isBuildingSnapshot()) {
  // Returns read while the snapshot is made leave their functions' bytecode in it: cold
  // analyse ~15 ms faster over the batch (README; the first file alone was not measurably
  // faster). The build names other files than the 2019 cohort the benchmark times (see
  // esbuild.config.mjs). Node takes the snapshot once the event loop is empty, so the
  // warm-up finishes first.
  void warmUp((process.env.SELFEVAL_SNAPSHOT_WARM_UP ?? '').split(delimiter).filter(Boolean));
  startupSnapshot.setDeserializeMainFunction(serveReads);
} else serveReads();
