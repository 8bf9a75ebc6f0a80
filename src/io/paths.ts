import { isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * Paths as outputs show them: relative to the working directory with forward
 * slashes and no leading "./" (absolute only when outside it), so the same files
 * give the same bytes however they were named on the command line.
 */
export function displayPath(p: string, cwd = process.cwd()): string {
  const abs = resolve(cwd, p);
  const rel = relative(cwd, abs);
  if (rel === '' ) return '.';
  if (rel === '..' || rel.startsWith('..' + sep) || isAbsolute(rel)) return abs.split(sep).join('/');
  return rel.split(sep).join('/');
}
