import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { diagnostic } from '../model/diagnostics.js';
import type { Diagnostic } from '../model/schema.js';
import { displayPath } from './paths.js';
import { byCodePoint } from '../model/order.js';

/** Extensions that are attempted when found by walking a folder (a failure is then an error). */
export const DOCUMENT_EXTENSIONS = new Set(['.docx', '.docm', '.xlsx', '.xlsm', '.doc', '.xls', '.pdf', '.odt', '.ods', '.csv', '.rtf']);

export type InputFile = { path: string; display: string };

/** The file-system calls inputs and reads use; tests inject failures through it. */
export type FsLayer = {
  stat(p: string): Promise<{ isFile(): boolean; isDirectory(): boolean; size: number }>;
  readdir(p: string): Promise<string[]>;
  readFile(p: string): Promise<Buffer>;
};

/**
 * Node's file system, called synchronously behind the promise interface. Returns are
 * small local files: a synchronous stat takes ~5 µs and a read ~16 µs here, against
 * ~40–90 µs and ~200 µs of CPU for the promise versions (each a round of thread-pool
 * hops), and the command's own process is one of three sharing two cores while readers
 * work: 1,000 returns read ~5% faster (README, Performance).
 */
export const nodeFs: FsLayer = {
  stat: async (p) => statSync(p),
  readdir: async (p) => readdirSync(p),
  readFile: async (p) => readFileSync(p),
};


/**
 * Files and folders → the files to read, per CONVENTIONS: folders walked
 * recursively in sorted order; hidden files and Office lock files skipped (info);
 * other non-document files skipped (info); a file named explicitly always attempted.
 */
export async function collectInputs(args: readonly string[], fs: FsLayer = nodeFs, cwd = process.cwd(), exclude: readonly string[] = []): Promise<{ files: InputFile[]; diagnostics: Diagnostic[] }> {
  // An output folder inside an input folder (analyse returns/ --out returns/results) is not walked:
  // its CSV files are selfeval's own outputs, not returns.
  const excluded = new Set(exclude.map((p) => displayPath(p, cwd)));
  const files = new Map<string, InputFile>();
  const diags: Diagnostic[] = [];
  const add = (p: string) => {
    const display = displayPath(p, cwd);
    if (!files.has(display)) files.set(display, { path: p, display });
  };
  const walk = async (dir: string): Promise<number> => {
    let names: string[];
    try {
      names = (await fs.readdir(dir)).sort(byCodePoint);
    } catch (err) {
      diags.push(diagnostic(displayPath(dir, cwd), 'FILE_UNREADABLE', '', `The folder could not be read (${(err as NodeJS.ErrnoException).code ?? 'error'}). Check its permissions.`));
      return 0;
    }
    let documents = 0;
    for (const name of names) {
      const p = join(dir, name);
      if (name.startsWith('.') || name.startsWith('~$')) {
        const lock = name.startsWith('~$') || /^\.~lock\..*#$/.test(name);
        diags.push(diagnostic(displayPath(p, cwd), 'SKIPPED_HIDDEN', '', lock ? 'An Office or LibreOffice lock file (left while a document is open) was skipped.' : 'A hidden file was skipped.'));
        continue;
      }
      let st;
      try {
        st = await fs.stat(p);
      } catch (err) {
        diags.push(diagnostic(displayPath(p, cwd), 'FILE_UNREADABLE', '', `The file could not be examined (${(err as NodeJS.ErrnoException).code ?? 'error'}): a broken link or a permissions problem.`));
        continue;
      }
      if (st.isDirectory()) {
        if (excluded.has(displayPath(p, cwd))) continue;
        documents += await walk(p);
        continue;
      }
      const ext = name.toLowerCase().slice(name.lastIndexOf('.'));
      if (!name.includes('.') || !DOCUMENT_EXTENSIONS.has(ext)) {
        diags.push(diagnostic(displayPath(p, cwd), 'SKIPPED_NOT_DOCUMENT', '', `Skipped: "${name}" does not have a document extension (${[...DOCUMENT_EXTENSIONS].join(' ')}). Name the file explicitly to read it anyway.`));
        continue;
      }
      add(p);
      documents++;
    }
    return documents;
  };
  for (const arg of args) {
    let st;
    try {
      st = await fs.stat(arg);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') diags.push(diagnostic(displayPath(arg, cwd), 'FILE_NOT_FOUND', '', 'No such file or folder. Check the path.'));
      else diags.push(diagnostic(displayPath(arg, cwd), 'FILE_UNREADABLE', '', `The path could not be examined (${code ?? 'error'}). Check its permissions.`));
      continue;
    }
    if (st.isDirectory()) {
      const n = await walk(arg);
      if (n === 0) diags.push(diagnostic(displayPath(arg, cwd), 'NO_RETURNS', '', 'This folder holds no Word or Excel files (nor any other document) to read. Check that the returns were saved here.'));
    } else add(arg);
  }
  return { files: [...files.values()].sort((a, b) => byCodePoint(a.display, b.display)), diagnostics: diags };
}
